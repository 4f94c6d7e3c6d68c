"""What a page's Content-Security-Policy must allow: the hashes of the code a browser runs inline."""

from __future__ import annotations

import base64
import hashlib

from bs4 import BeautifulSoup

JS_TYPES = {"", "text/javascript", "application/javascript", "module"}


def parse_policy(text: str) -> dict[str, list[str]]:
    """Directive name -> sources, in the policy's order."""
    directives = {}
    for part in text.split(";"):
        if words := part.split():
            directives.setdefault(words[0].lower(), words[1:])
    return directives


def sha256_source(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def inline_code_hashes(soup: BeautifulSoup) -> tuple[set[str], set[str]]:
    """Hashes of the scripts a browser runs inline (not JSON data) and of the <style> elements."""
    scripts = {sha256_source(s.string or "") for s in soup.find_all("script")
               if not s.has_attr("src") and (s.get("type") or "").strip().lower() in JS_TYPES}
    return scripts, {sha256_source(s.string or "") for s in soup.find_all("style")}
