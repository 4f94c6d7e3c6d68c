"""One ZIM file per language, for Kiwix, from the offline (file://) build of the site.

`write_zim(offline_site, locale, metadata, target)` packs the pages of one language of the
offline build (its links end in `.html`, so every link resolves inside a ZIM; directory links
such as `page/` do not) into `target`. Only the standard library, lxml and python-libzim.

What goes in:
- the pages of that language (`<html lang>`, with a canonical address; 404.html has none and
  stays out: a reader shows its own), under their paths in the offline build (`ru/about.html`),
  the home page as the main entry;
- that language's search index (`search/` beside its home page) and the shared files (styles,
  scripts, Material's search worker, our lunr language modules, images) that its pages use, or
  that no page names because scripts load them; a file that only left-out pages use
  (`notfound.js`) stays out, and so do sitemaps (for search engines) and the other languages.
Links to a page of another language (Material's language selector `a.md-select__link`) would
lead to a missing entry: they become that page's online address, its `<link rel=canonical>`,
as `<link rel=alternate hreflang>` already are (a `#section` is kept, and our languages.js still adds
the reader's section on click). Links to the downloads beside a copy (`../report-en.pdf`, see
checking.py) lead to the site's `download/` folder. A link to anything else the ZIM lacks is an error.

Search. libzim builds a Xapian full-text index in the ZIM's language (Language, ISO 639-3) from
each page's title and article text (not the navigation, which every page repeats). Xapian has
no Kazakh stemmer (libzim: "No stemming for language 'kk'"), so Kiwix's own search finds only
the word forms that stand in the text. The page's own search box (Material's search with our
Kazakh-aware lunr modules) works inside the ZIM as on the site, and finds the other forms.

Content-Security-Policy: the ZIM's pages carry none of their own. On the web the site is the
host and its per-page `<meta http-equiv>` policy (hooks/trust/csp.py) allows only our own scripts,
by hash. In a ZIM the reader is the host, and readers add to the page: Debian's kiwix-serve
3.3 (libkiwix 11) sends no policy and injects its toolbar into every page, with inline event
handlers that our policy blocks (three CSP errors per page, its buttons dead); Kiwix JS's own
policy lists the app's origins (`chrome-extension:`, `moz-extension:`) beside 'self' for what
it puts into the page. A page policy cannot know every reader's additions, and a `<meta>`
policy can only narrow the one the reader sends. Current readers send one written for ZIM
content: libkiwix's kiwix-serve (libkiwix#916, #924) and Kiwix JS's service worker send
`Content-Security-Policy: default-src 'self' data: blob: about: … 'unsafe-inline'
'unsafe-eval'; sandbox allow-scripts allow-same-origin …`, which keeps every load inside the
reader and sandboxes the page. So the reader's policy governs, and ours is left out rather than
breaking the reader. Nothing in our pages loads from outside the ZIM (tests/site/test_zim.py
watches every request of every page in Chromium).

Reproducible: two writes from the same files give byte-identical ZIMs. libzim writes a random
UUID into the header and into each Xapian database it embeds (full text, titles), and
python-libzim cannot set them; with more than one worker thread the order of entries in the
clusters varies. So the writer runs one worker (`config_nbworkers(1)`), then replaces every
random UUID with one derived from the content (SHA-256 of the file with those UUIDs zeroed)
and recomputes the trailing MD5 checksum over the result.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import posixpath
import re
import sys
import tempfile
import uuid
from collections.abc import Mapping
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
from lxml import etree
from libzim.writer import Creator, Hint, IndexData, Item, StringProvider

import common

PROJECT = "think-before-you-post"  # the Name's first part: think-before-you-post_kk_all
# Fixed, so that no machine's /etc/mime.types changes what the ZIM says.
MIMETYPES = {".html": "text/html", ".css": "text/css", ".js": "application/javascript",
             ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png",
             ".ico": "image/x-icon", ".webp": "image/webp", ".jpg": "image/jpeg", ".txt": "text/plain",
             "": "text/plain"}  # LICENSE
TEXT = ("text/", "application/javascript", "application/json", "image/svg+xml")
LEFT_OUT = re.compile(r"(^|/)sitemap\.xml(\.gz)?$|\.gz$|\.br$")  # for search engines; precompressed twins
CSP_META = re.compile(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>', re.I)
LINK = re.compile(r'(?P<attr>\b(?:href|src)=)"(?P<value>[^"]*)"')
CSS_URL = re.compile(r"""url\(\s*(['"]?)(?P<value>[^'")]*)\1\s*\)""")
ARTICLE = "//article[contains(concat(' ', normalize-space(@class), ' '), ' md-content__inner ')]"
# Not the article's words: permalinks (¶), footnote numbers and back-links, buttons, scripts.
NOT_TEXT = " | ".join([*(f".//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"
                         for name in ("headerlink", "footnote-backref")),
                       ".//sup[starts-with(@id, 'fnref')]", ".//button", ".//script", ".//style"])
ILLUSTRATION = 48  # Illustration_48x48@1, the size Kiwix shows in its library
LIMITS = {"title": (1, 30), "description": (1, 80), "long_description": (0, 4000)}  # characters


log = logging.getLogger("mkdocs.plugins.zim")


class ZimError(Exception):
    """A ZIM that cannot be written: the message names the file and why."""


@dataclass(frozen=True)
class ZimMetadata:
    """The openZIM metadata of one ZIM (zim-tools 3.2+ `metadata_constraints.cpp`), as written."""
    name: str  # Kiwix style: project_language_selection, e.g. think-before-you-post_kk_all
    title: str  # at most 30 characters, in the ZIM's language
    description: str  # at most 80 characters
    long_description: str  # at most 4000, not shorter than the description
    language: str  # ISO 639-3: kaz, rus, eng
    creator: str
    publisher: str
    date: str  # YYYY-MM-DD
    source: str  # the online address of the same content
    tags: str = "_ftindex:yes;_pictures:yes;_details:yes"
    illustration: Path | None = None  # an SVG of a square icon, drawn at 48×48 (see `draw_icon`)

    def problems(self) -> list[str]:
        """Every way in which these values break openZIM's rules; empty when they are valid."""
        found = [f"{f.name} is empty" for f in fields(self)
                 if f.name not in ("long_description", "illustration") and not getattr(self, f.name)]
        for name, (low, high) in LIMITS.items():
            length = text_length(getattr(self, name))
            if length > high or length < low:
                found.append(f"{name} has {length} characters, must have {low} to {high}: {getattr(self, name)!r}")
        if text_length(self.long_description) and text_length(self.long_description) < text_length(self.description):
            found.append("long_description is shorter than description")
        if not re.fullmatch(r"[a-z]{3}(,[a-z]{3})*", self.language):
            found.append(f"language must be ISO 639-3 codes (kaz, rus, eng), not {self.language!r}")
        if not re.fullmatch(r"\d{4}-\d\d-\d\d", self.date):
            found.append(f"date must be YYYY-MM-DD, not {self.date!r}")
        if not re.fullmatch(r"[a-z0-9-]+_[a-z]{2,3}_[a-z0-9-]+", self.name):
            found.append(f"name must be lower case, project_language_selection, not {self.name!r}")
        if "_ftindex:yes" not in self.tags.split(";"):
            found.append("tags must carry _ftindex:yes (the ZIM has a full-text index)")
        return found

    def texts(self) -> dict[str, str]:
        """The text metadata by their openZIM names, in a fixed order."""
        return {"Name": self.name, "Title": self.title, "Description": self.description,
                "LongDescription": self.long_description, "Language": self.language, "Creator": self.creator,
                "Publisher": self.publisher, "Date": self.date, "Source": self.source, "Tags": self.tags}


def text_length(text: str) -> int:
    """Length as zim-tools measures it: UTF-16 code units (ICU's UnicodeString::length)."""
    return len(text.encode("utf-16-le")) // 2


def language_metadata(language: common.Language, *, source: str, date: str, illustration: Path | None = None) -> ZimMetadata:
    """The metadata of one language's ZIM, all from that language's entry in mkdocs.yml: its
    short title and description for Kiwix's library (`extra.zim`, written to openZIM's 30 and 80
    characters), its whole site description, its ISO 639-3 code; made by the site's name."""
    return ZimMetadata(name=f"{PROJECT}_{language.locale}_all", title=language.zim["title"],
                       description=language.zim["description"], long_description=language.site_description,
                       language=language.iso639_3, creator=language.site_name, publisher=language.site_name,
                       date=date, source=source, illustration=illustration)


# -- the icon ---------------------------------------------------------------------------------

def draw_icon(svg: Path, size: int = ILLUSTRATION) -> bytes:
    """A PNG of `svg` at `size`×`size`, drawn with Pillow (no SVG renderer needed).

    Our icon (docs/assets/favicon.svg) is a rounded square and a straight-edged path; this draws
    exactly that subset of SVG: `<rect>` (x, y, width, height, rx) and `<path>` of straight lines
    (M L H V Z, absolute and relative), filled with a colour, in the viewBox's coordinates. It is
    drawn at 8× and scaled down, for smooth edges. Anything else raises ValueError."""
    from PIL import Image, ImageDraw  # only the ZIM's illustration needs it

    root = etree.fromstring(svg.read_bytes())
    box = [float(v) for v in (root.get("viewBox") or f"0 0 {root.get('width')} {root.get('height')}").split()]
    scale = 8 * size / box[2]
    if abs(box[2] - box[3]) > 1e-9:
        raise ValueError(f"{svg}: the icon is not square (viewBox {box})")
    image = Image.new("RGBA", (8 * size, 8 * size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)

    def at(x: float, y: float) -> tuple[float, float]:
        return (x - box[0]) * scale, (y - box[1]) * scale

    for element in root:
        tag, fill = etree.QName(element).localname, element.get("fill", "#000")
        if tag == "rect":
            x, y = float(element.get("x", 0)), float(element.get("y", 0))
            w, h = float(element.get("width")), float(element.get("height"))
            draw.rounded_rectangle([at(x, y), at(x + w, y + h)], radius=float(element.get("rx", 0)) * scale, fill=fill)
        elif tag == "path":
            draw.polygon([at(x, y) for x, y in path_points(element.get("d"), svg)], fill=fill)
        else:
            raise ValueError(f"{svg}: cannot draw <{tag}> (only <rect> and straight-line <path>)")
    output = io.BytesIO()
    image.resize((size, size), Image.Resampling.LANCZOS).save(output, "PNG", optimize=True)
    return output.getvalue()


def path_points(d: str, svg: Path) -> list[tuple[float, float]]:
    """The corners of a straight-line SVG path (one closed shape)."""
    tokens = re.findall(r"[A-Za-z]|-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?", d)
    points, x, y, command, i = [], 0.0, 0.0, "", 0
    while i < len(tokens):
        if tokens[i].isalpha():
            command, i = tokens[i], i + 1
            if command in "Zz":
                continue
        if command not in "MmLlHhVv":
            raise ValueError(f"{svg}: cannot draw path command {command!r} (only M L H V Z)")
        if command in "Mm" and points and tokens[i - 1] == command:
            raise ValueError(f"{svg}: cannot draw a path of more than one shape")
        relative = command.islower()
        if command in "MmLl":
            dx, dy, i = float(tokens[i]), float(tokens[i + 1]), i + 2
            x, y = (x + dx, y + dy) if relative else (dx, dy)
        elif command in "Hh":
            value, i = float(tokens[i]), i + 1
            x = x + value if relative else value
        else:
            value, i = float(tokens[i]), i + 1
            y = y + value if relative else value
        points.append((x, y))
    return points


# -- what goes in -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Page:
    path: str  # in the offline build and in the ZIM: "ru/about.html"
    lang: str
    canonical: str | None  # the online address
    title: str  # the page's heading
    text: str  # its article's text, for the full-text index


def read_page(site: Path, path: str) -> Page:
    tree = lxml.html.fromstring(site.joinpath(path).read_bytes())
    canonical = tree.xpath("//head/link[@rel='canonical']/@href")
    heading = tree.xpath("//h1")
    article = tree.xpath(ARTICLE)
    for element in (article[0].xpath(NOT_TEXT) if article else []):
        element.drop_tree()
    title = " ".join((heading[0].text_content() if heading else tree.findtext(".//title") or "").split())
    text = " ".join(article[0].text_content().split()) if article else ""
    return Page(path, tree.get("lang", ""), canonical[0] if canonical else None, title, text)


def references(site: Path, path: str) -> dict[str, str]:
    """Every local address a file names (HTML `href`/`src`, CSS `url()`), as written → as a
    path in the site; addresses with a scheme (`https:`, `data:`) and bare `#fragments` are not
    local."""
    if not path.endswith((".html", ".css")):
        return {}
    text = site.joinpath(path).read_text(encoding="utf-8")
    pattern = LINK if path.endswith(".html") else CSS_URL
    found = {}
    for match in pattern.finditer(text):
        value = match.group("value")
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        # "/assets/x.js" (404.html's, for any depth) is from the site's root
        found[value] = posixpath.normpath(posixpath.join(posixpath.dirname(path), parts.path)).lstrip("/")
    return found


def select(site: Path, locale: str) -> tuple[list[Page], list[str], dict[str, Page]]:
    """The pages of `locale`, the other files the ZIM carries, and the pages left out by path."""
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    pages = [read_page(site, f) for f in files if f.endswith(".html")]
    ours = [p for p in pages if p.lang == locale and p.canonical]
    if not ours:
        raise ZimError(f"{site}: no page in language {locale!r} (none has <html lang={locale!r}> and a canonical link): "
                       "build the offline site with that language first (mkdocs.yml's i18n languages; `make build` does)")
    homes = {p.lang: posixpath.dirname(p.path) for p in pages if p.canonical and posixpath.basename(p.path) == "index.html"}
    others = [h for lang, h in homes.items() if lang != locale]

    def belongs_elsewhere(path: str) -> bool:
        """In another language's search index, or in its folder (not the root's: that is shared)."""
        return any(path.startswith(posixpath.join(h, "search") + "/") or (h and path.startswith(h + "/")) for h in others)

    left_out = {p.path: p for p in pages if p not in ours}
    used_by_ours = {t for p in ours for t in references(site, p.path).values()}
    used_by_others = {t for p in left_out for t in references(site, p).values()}
    assets = [f for f in files if not f.endswith(".html") and not LEFT_OUT.search(f) and not belongs_elsewhere(f)
              and (f in used_by_ours or f not in used_by_others)]
    return ours, assets, left_out


# -- writing ----------------------------------------------------------------------------------

class _Index(IndexData):
    def __init__(self, page: Page):
        self.page = page

    def has_indexdata(self) -> bool:
        return True

    def get_title(self) -> str:
        return self.page.title

    def get_content(self) -> str:
        return self.page.text

    def get_keywords(self) -> str:
        return ""

    def get_wordcount(self) -> int:
        return len(self.page.text.split())


class _Entry(Item):
    def __init__(self, path: str, title: str, mimetype: str, content: bytes, page: Page | None = None):
        super().__init__()
        self.path, self.title, self.mimetype, self.content, self.page = path, title, mimetype, content, page
        if page is not None:
            self.get_indexdata = lambda: _Index(page)

    def get_path(self) -> str:
        return self.path

    def get_title(self) -> str:
        return self.title

    def get_mimetype(self) -> str:
        return self.mimetype

    def get_contentprovider(self) -> StringProvider:
        return StringProvider(self.content)

    def get_hints(self) -> dict:
        return {Hint.FRONT_ARTICLE: self.page is not None, Hint.COMPRESS: self.mimetype.startswith(TEXT)}


def mimetype(path: str) -> str:
    suffix = posixpath.splitext(path)[1].lower()
    if suffix not in MIMETYPES:
        raise ZimError(f"{path}: no MIME type known for {suffix!r} files: add it to MIMETYPES")
    return MIMETYPES[suffix] + ("; charset=utf-8" if MIMETYPES[suffix].startswith("text/") else "")


def zim_page(site: Path, page: Page, left_out: dict[str, Page], entries: set[str]) -> bytes:
    """The page as the ZIM carries it: no CSP of its own; links to left-out pages lead to their
    online address; a link to anything else that the ZIM lacks is an error."""
    source = site.joinpath(page.path).read_text(encoding="utf-8")
    targets = references(site, page.path)

    def link(match: re.Match) -> str:
        value = match.group("value")
        if value not in targets or targets[value] in entries:
            return match.group(0)
        if targets[value].startswith("../") and page.canonical:  # a download beside the copy: online
            root = page.canonical.removesuffix(common.online_address("", page.path, directory_urls=False))
            return f'{match.group("attr")}"{root}download/{posixpath.basename(targets[value])}"'
        target = left_out.get(targets[value])
        if target is None or target.canonical is None:
            raise ZimError(f"{page.path} links to {value!r}, which the ZIM lacks and which has no online address: "
                           "link a file the offline build writes, or a page of the site")
        fragment = urlsplit(value).fragment
        return f'{match.group("attr")}"{target.canonical}{"#" + fragment if fragment else ""}"'

    return LINK.sub(link, CSP_META.sub("", source, count=1)).encode("utf-8")


def write_zim(offline_site: Path, locale: str, metadata: ZimMetadata | Mapping, target: Path) -> None:
    """Write the ZIM of `locale`'s pages of the offline build `offline_site` to `target`;
    `metadata` is a ZimMetadata or a mapping of its fields (see `language_metadata`).

    Raises ZimError, naming `target` and why, when the metadata break openZIM's rules, the
    site has no page in that language, a page links to something the ZIM would lack, or libzim
    cannot write the file."""
    offline_site, target = Path(offline_site), Path(target)
    if isinstance(metadata, Mapping):
        metadata = ZimMetadata(**metadata)
    if problems := metadata.problems():
        raise ZimError(f"{target}: invalid metadata: {'; '.join(problems)}")
    try:
        pages, assets, left_out = select(offline_site, locale)
        entries = {p.path for p in pages} | set(assets)
        home = min((p for p in pages if posixpath.basename(p.path) == "index.html"), key=lambda p: p.path.count("/"))
        items = [_Entry(p.path, p.title, "text/html", zim_page(offline_site, p, left_out, entries), p) for p in pages]
        items += [_Entry(a, "", mimetype(a), offline_site.joinpath(a).read_bytes()) for a in assets]
        icon = draw_icon(metadata.illustration) if metadata.illustration else None
    except (ZimError, ValueError, OSError) as error:
        raise ZimError(f"{target}: {error}") from error
    if target.exists():
        target.unlink()
    try:
        with _quiet(), Creator(target).config_indexing(True, metadata.language).config_nbworkers(1).config_verbose(False) as creator:
            creator.set_mainpath(home.path)
            for name, value in metadata.texts().items():
                creator.add_metadata(name, value.encode("utf-8"), "text/plain;charset=utf-8")
            if icon:
                creator.add_illustration(ILLUSTRATION, icon)
            for item in sorted(items, key=lambda i: i.path):
                creator.add_item(item)
    except Exception as error:  # libzim raises RuntimeError, OSError, …
        target.unlink(missing_ok=True)
        raise ZimError(f"{target}: libzim could not write it: {error}") from error
    fix_uuids(target)


@contextmanager
def _quiet():
    """libzim prints its progress to the process's stdout and notes (such as "No stemming for
    language 'kk'") to stderr, whatever `config_verbose` says: keep them out of the build's
    output, in the debug log."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    with tempfile.TemporaryFile() as said:
        os.dup2(said.fileno(), 1)
        os.dup2(said.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            for fd in saved:
                os.close(fd)
            said.seek(0)
            for line in said.read().decode("utf-8", "replace").splitlines():
                log.debug(f"libzim: {line}")


# -- reproducibility --------------------------------------------------------------------------

XAPIAN_GLASS = b"\x0f\x0dXapian Glass"  # each glass database's version record: magic, version (2), UUID (16)
HEADER_UUID = slice(8, 24)  # ZIM header: magic (4), major and minor version (2 + 2), UUID (16)


def fix_uuids(path: Path) -> None:
    """Replace libzim's random UUIDs (header, each embedded Xapian database) by ones derived
    from the content, and recompute the trailing MD5."""
    data = bytearray(path.read_bytes()[:-16])
    places = [HEADER_UUID.start] + [m.start() + len(XAPIAN_GLASS) + 2 for m in re.finditer(re.escape(XAPIAN_GLASS), data)]
    for at in places:
        data[at:at + 16] = bytes(16)
    digest = hashlib.sha256(data).digest()
    for number, at in enumerate(places):
        data[at:at + 16] = uuid.UUID(bytes=hashlib.sha256(digest + bytes([number])).digest()[:16], version=4).bytes
    path.write_bytes(bytes(data) + hashlib.md5(data).digest())
