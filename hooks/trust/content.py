"""Content is text, never code: the rendered Markdown of a page may not bring anything that runs or
frames, nor an image from outside the site.

Checked on the HTML that Python-Markdown renders from the page (code blocks are escaped there, so
a `<script>` shown as code is text and passes), before the build adds its own markup: no
`<script>`, `<iframe>`, `<object>`, `<embed>` (nor `<frame>`, `<applet>`, `<base>`, `<form>`, `<style>`,
`<link>`, `<meta>`) element, no `on…=` event attribute, no
`javascript:` (or `vbscript:`, `data:`) address in a link or source; every `<img>` a file of the
site under docs/, by a relative address. The page policy (hooks/trust/csp.py) would block most of
these in a browser, but not in every reader (kiwix-serve sends no policy) nor in the downloads, so
the build refuses them, naming the Markdown file and the line where the text first appears.
"""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from mkdocs.exceptions import PluginError

import common

# What runs, frames, styles or redirects a page (a <meta http-equiv="refresh"> in content would send
# readers elsewhere; a <style> or <link> would need the page policy to allow it).
ELEMENTS = ("script", "iframe", "object", "embed", "frame", "frameset", "applet", "base", "form", "style", "link", "meta")
ADDRESS_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset")
ACTIVE_SCHEMES = ("javascript:", "vbscript:", "data:")
IGNORED = re.compile(r"[\x00-\x20\x7f]+")  # what a browser drops from an address before reading its scheme


class _Finder(HTMLParser):
    """Collects (what was found, the text to look for in the Markdown) for each refused thing."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self.images: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ELEMENTS:
            self.found.append((f"a <{tag}> element", f"<{tag}"))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((f"an event attribute {name}=", name))
            elif name in ADDRESS_ATTRIBUTES and value and IGNORED.sub("", value).lower().startswith(ACTIVE_SCHEMES):
                scheme = IGNORED.sub("", value).lower().split(":", 1)[0]
                self.found.append((f"a {scheme}: address in {name}=", f"{scheme}:"))
        if tag == "img" and (src := dict(attrs).get("src")):
            self.images.append(src)


def line_of(markdown: str, needle: str) -> int | None:
    """The first line of `markdown` holding `needle` (case-insensitive), if it is written there."""
    lowered = needle.lower()
    return next((n for n, line in enumerate(markdown.splitlines(), start=1) if lowered in line.lower()), None)


def local_image(src: str, page_url: str, files) -> str | None:
    """The site path of a relative image address, when the site has that file; else None."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or src.startswith("/") or not parts.path:
        return None
    page_folder = posixpath.dirname(page_url) if not page_url.endswith("/") else page_url.rstrip("/")
    path = posixpath.normpath(posixpath.join(page_folder, unquote(parts.path)))
    if path.startswith("../") or path == "..":
        return None
    return path if any(f.dest_uri == path for f in files) else None


def refuse_active(content: str, page, files) -> None:
    """Stop the build when the page's rendered Markdown brings code, frames or a foreign image."""
    finder = _Finder()
    finder.feed(content)
    source = common.shown(page.file.abs_src_path)
    text = open(page.file.abs_src_path, encoding="utf-8-sig").read()

    def where(needle: str) -> str:
        return f"{source}:{line}" if (line := line_of(text, needle)) else source

    problems = [f"{where(needle)}: {what}: a page is text, nothing in it may run or frame another page; "
                "remove it (what the site's templates run inline is declared in page-policy.txt)"
                for what, needle in finder.found]
    problems += [f"{where(src)}: the image {src!r} is not a file of the site: put it under docs/ and give its "
                 "address relative to the page" for src in finder.images if local_image(src, page.file.url, files) is None]
    if problems:
        raise PluginError("\n".join(problems))
