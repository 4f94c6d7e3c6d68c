"""Every built HTML page carries a strict Content-Security-Policy in a `<meta http-equiv>`.

Once every language, 404.html and redirect stub is written, `secure_pages` reads each `*.html` under
the site, hashes the page's own executable inline scripts (Material's `__md_scope`, palette and
tabs snippets, whatever else is there) and `<style>` elements, and puts
`<meta http-equiv="Content-Security-Policy">` first in `<head>` (after `<meta charset>`, which
must stay within the first 1024 bytes): scripts and styles only from the site or by those SHA-256
hashes, never `'unsafe-inline'` or `'unsafe-eval'`. `<script type="application/json">` (Material's
`#__config`) is data that is never run, so CSP does not check it and it is not hashed. Material's
pages need no `'unsafe-inline'` for styles: they carry no `style` attribute or `<style>`, and its
bundle styles elements through the CSSOM (`element.style.…`), which CSP does not govern.
Material's search worker is a same-site script (`worker-src 'self'`); in the file:// build the
iframe-worker shim runs it in an about:blank iframe, which inherits the page's policy, so the
vendored shim sets that iframe up from `prelude.js` beside it rather than an inline script.

The single-file downloads (hooks/downloads/single_file.py) bring a policy of their own, which
tests/site/test_trust.py holds to the same rules. hooks/trust/headers.py turns the pages' policies into the
`_headers` file. `mkdocs serve` gets no policy: it injects its live-reload script inline into
every page it serves, which the policy would block.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
STYLE = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.S | re.I)
ATTRIBUTE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
# Types a browser runs (HTML's JavaScript MIME type essence match, plus modules); others are data.
SCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript", "application/ecmascript",
                "application/x-ecmascript", "application/x-javascript", "text/ecmascript",
                "text/javascript1.0", "text/javascript1.1", "text/javascript1.2", "text/javascript1.3",
                "text/javascript1.4", "text/javascript1.5", "text/jscript", "text/livescript",
                "text/x-ecmascript", "text/x-javascript"}
CSP_META = re.compile(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>', re.I)
HEAD = re.compile(r"<head\b[^>]*>(\s*<meta charset=[^>]*>)?", re.I)

# In this order; `script-src` and `style-src` get the page's hashes after 'self'.
BASE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


def attributes(text: str) -> dict[str, str]:
    """The attributes of a start tag's inside, names lower-cased."""
    return {m.group(1).lower(): next((g for g in m.groups()[1:] if g is not None), "")
            for m in ATTRIBUTE.finditer(text)}


def _as_parsed(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")  # what the browser hashes


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script a browser would run (not JSON or other data blocks)."""
    found = []
    for match in SCRIPT.finditer(html):
        attrs = attributes(match.group(1))
        if "src" not in attrs and attrs.get("type", "").strip().lower() in SCRIPT_TYPES:
            found.append(_as_parsed(match.group(2)))
    return found


def inline_styles(html: str) -> list[str]:
    """The text of every <style> element (Material's pages have none; a single-file download may)."""
    return [_as_parsed(match.group(1)) for match in STYLE.finditer(html)]


def source_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(scripts: list[str], styles: list[str]) -> str:
    """The policy text: BASE_POLICY with the hashes (sorted, once each) of scripts and styles."""
    directives = {**BASE_POLICY,
                  "script-src": [*BASE_POLICY["script-src"], *sorted(set(scripts))],
                  "style-src": [*BASE_POLICY["style-src"], *sorted(set(styles))]}
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def page_hashes(html: str) -> tuple[list[str], list[str]]:
    """The hashes of a page's inline scripts and of its <style> elements."""
    return [source_hash(s) for s in inline_scripts(html)], [source_hash(s) for s in inline_styles(html)]


def with_policy(html: str, text: str) -> str:
    """The page with one CSP meta (any older one dropped) before anything else in <head>."""
    html = CSP_META.sub("", html)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{text}">'
    html, count = HEAD.subn(lambda m: m.group(0) + meta, html, count=1)
    if count != 1:
        raise ValueError("no <head>")
    return html


def secure(html: str) -> str:
    """The page with the policy of its own inline scripts and styles."""
    return with_policy(html, policy(*page_hashes(html)))


def secure_pages(site: Path, own_policy: str = "download/") -> None:
    """Every HTML file of the built site with its policy, but the downloads (under `own_policy`),
    which bring their own."""
    for path in sorted(p for p in site.rglob("*.html") if not p.relative_to(site).as_posix().startswith(own_policy)):
        try:
            path.write_text(secure(path.read_text(encoding="utf-8")), encoding="utf-8")
        except ValueError:
            raise PluginError(f"hooks/trust/csp.py: {path.relative_to(site)} has no <head> to put its Content-Security-"
                              "Policy in: give the template that wrote it a <head> (overrides/, or the plugin's own)") from None
