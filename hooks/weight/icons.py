"""Online, Material's icons come from one file that a reader fetches once, not from every page.

Material writes each icon into every page as inline SVG: eight or nine icons, about 1 kB of each
page's gzip, which is what keeps most pages from arriving in the first round trip of a slow link.
Online, each `<svg>` element of a page becomes `<svg …><use href="…/assets/images/icons.<hash>.svg#<id>"/></svg>`,
its drawing a `<symbol>` of that one file (named by its content's hash: a host may cache it for
ever; each id by its drawing's, so that it stays the same from build to build). Material's CSS
sizes icons, so nothing moves when the file comes; the text does not wait for it. The file:// build
keeps its icons inline: from file://, browsers refuse a `<use>` of another file. Inline `<style>`
and `<script>` (whose strings may hold SVG) and the downloads, each a file of its own, are left as
they are.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from downloads import listing
from sharing import notfound

SVG = re.compile(r'<svg xmlns="http://www.w3.org/2000/svg"((?:\s[^>]*)?)>(.*?)</svg>', re.S)
VIEWBOX = re.compile(r'\sviewBox="([^"]*)"')
NOT_MARKUP = re.compile(r"(<style\b.*?</style>|<script\b.*?</script>)", re.S)  # split out: odd parts
FILE = "assets/images/icons.{}.svg"


def _root(path: str, site_url: str) -> str:
    """How `path` (in the site) reaches the site's root: relatively, but from a 404 page, which
    hosts serve at any depth, from the site's path."""
    if PurePosixPath(path).name == notfound.TEMPLATE:
        return urlsplit(site_url or "/").path.rstrip("/") + "/"
    return "../" * path.count("/")


def from_one_file(site: Path, pages: dict[str, str], site_url: str) -> dict[str, str]:
    """The pages (path in the site → HTML) with their icons drawn from one file, which is written."""
    symbols: dict[str, str] = {}

    def point(match: re.Match, href: str) -> str:
        attributes, drawing = match.groups()
        identifier = "i" + hashlib.sha256(match.group(0).encode()).hexdigest()[:8]
        box = VIEWBOX.search(attributes)
        symbols[identifier] = f'<symbol id="{identifier}"{box.group(0) if box else ""}>{drawing}</symbol>'
        return f'<svg{VIEWBOX.sub("", attributes)}><use href="{href}#{identifier}"/></svg>'

    placeholder = "\0icons\0"  # the file's name, known once every icon is
    pointed = {}
    for path, text in pages.items():
        if path.startswith(f"{listing.FOLDER}/") or not SVG.search(text):
            pointed[path] = text
            continue
        href = _root(path, site_url) + placeholder
        pointed[path] = "".join(part if index % 2 else SVG.sub(lambda m: point(m, href), part)
                                for index, part in enumerate(NOT_MARKUP.split(text)))
    if not symbols:
        return pages
    sprite = ('<svg xmlns="http://www.w3.org/2000/svg">'
              + "".join(symbols[identifier] for identifier in sorted(symbols)) + "</svg>\n")
    name = FILE.format(hashlib.sha256(sprite.encode()).hexdigest()[:8])
    (site / name).parent.mkdir(parents=True, exist_ok=True)
    (site / name).write_text(sprite, encoding="utf-8")
    return {path: text.replace(placeholder, name) for path, text in pointed.items()}
