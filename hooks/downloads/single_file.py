"""One self-contained HTML file per language, assembled from the pages of the file:// build.

Every page in navigation order, after a title block and a table of contents; the section
IDs stay as on the site, so `report-en.html#bokaev-ayan` is the same place as
`/en/prosecutions/#bokaev-ayan`. Links between pages become in-file anchors, other links
become absolute addresses of the online site; the stylesheet and images are inlined, and
there is no script (its Content-Security-Policy allows none): the file reads the same with
JavaScript off, and prints to PDF. Links to the other downloads stay relative, to the files beside
this one. A colophon at the end says how to check the copy and, with a declared key, names it.
"""

from __future__ import annotations

import base64
import hashlib
import html
import mimetypes
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from mkdocs.exceptions import PluginError

import common
from content import dates
from sharing.share import breakable  # the site's address breaks only after a `/`


def _class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


# What the site adds to a page that a file does not need.
DROPPED = " | ".join([".//script", ".//button", ".//form", ".//*[@data-md-component]",
                      *(f".//*[{_class(name)}]" for name in ("headerlink", "md-content__button", "md-source-file", "share-menu",
                                                                     "language-links"))])


@dataclass
class Page:
    path: str  # the page's file in the file:// build: "ru/prosecutions.html"
    title: str


@dataclass
class Edition:
    """What the title block says, in the file's language."""
    locale: str
    site_name: str
    description: str
    strings: dict
    date: str  # ISO date of the edition (last commit)
    site_url: str  # the online site's root
    home: str  # the language's home, site-relative: "" or "ru/"
    key: str | None = None  # the declared minisign key that signs the downloads (signing.py)

    @property
    def online(self) -> str:
        return urljoin(self.site_url, self.home)


def anchor(page: Page) -> str:
    """The in-file ID of a page: `page-prosecutions`, `page-index` for the home page."""
    return "page-" + PurePosixPath(page.path).stem


def assemble(site: Path, pages: list[Page], edition: Edition, css: str) -> str:
    """The whole language as one HTML document (a string)."""
    ids = {page.path: anchor(page) for page in pages}
    sections, contents = [], []
    for page in pages:
        tree = lxml.html.parse(str(site / page.path))
        article = tree.find(".//article")
        section = lxml.html.fromstring(f'<section class="page" id="{ids[page.path]}"></section>')
        for node in _content(article, page, ids, edition, site):
            section.append(node)
        contents.append(_contents_entry(section, ids[page.path], page.title))
        # libxml2 knows no <wbr> (share.breakable's break after a `/`): it holds what follows it
        # until its parent ends, and is written back with an end tag, which HTML forbids.
        sections.append(etree.tostring(section, encoding="unicode", method="html").replace("</wbr>", ""))
    strings = edition.strings
    title = html.escape(edition.site_name)
    return "".join([
        f'<!doctype html>\n<html lang="{edition.locale}">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n',
        f'<title>{title}</title>\n<meta name="description" content="{html.escape(edition.description)}">\n',
        f'<meta name="dcterms.created" content="{edition.date}">\n{_policy(css)}<style>{css}</style>\n</head>\n<body>\n',
        f'<header class="title-page">\n<h1>{title}</h1>\n<p class="description">{html.escape(edition.description)}</p>\n',
        f'<p class="source">{strings["download_source"]}</p>\n',
        f'<p class="edition">{dates.edition_line(strings, edition.date)}. ',
        f'<a href="{html.escape(edition.online)}">{breakable(edition.online)}</a></p>\n</header>\n',
        _contents(contents, strings) if len(pages) > 1 else "",  # a file of one page (links-kk.pdf) needs none
        '<main>\n', "\n".join(sections), "\n</main>\n",
        _colophon(edition) if len(pages) > 1 else "",  # the campaigner's print file: no sheet spent on it
        "</body>\n</html>\n"])


def _contents(entries: list[str], strings: dict) -> str:
    return (f'<nav class="contents" aria-labelledby="contents"><h2 id="contents">{html.escape(strings["download_contents"])}</h2>\n'
            f'<ol>{"".join(entries)}</ol></nav>\n')


def _colophon(edition: Edition) -> str:
    """Where the report's file says how to check it (its own `verify` section) and, with a declared
    key, which key checks the next copy."""
    strings = edition.strings
    check = common.said(strings["download_colophon_check"], section=f'<a href="#verify">{html.escape(strings["verify_title"])}</a>')
    key = (f'<p class="signing-key">{html.escape(strings["download_colophon_key"])} <code>{html.escape(edition.key)}</code></p>\n'
           if edition.key else "")
    return f'<footer class="colophon">\n{key}<p>{check}</p>\n</footer>\n'


def _policy(css: str) -> str:
    """Nothing runs and nothing loads: only this file's own style and inlined images."""
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    return (f'<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            f'style-src \'sha256-{digest}\'; img-src data:; base-uri \'none\'; form-action \'none\'">\n')


def _content(article, page: Page, ids: dict[str, str], edition: Edition, site: Path):
    """The article's children, cleaned, with headings one level down and links rewritten."""
    for node in article.xpath(DROPPED):
        node.drop_tree()
    prefix = ids[page.path]
    for node in article.iter("h1", "h2", "h3", "h4", "h5"):
        node.tag = f"h{int(node.tag[1]) + 1}"
    for node in article.iter("h2"):
        node.attrib.pop("id", None)  # the page's own ID is on its <section>
    for node in article.xpath(".//*[@id]"):
        if node.get("id").startswith(("fn:", "fnref:")):  # footnotes repeat across pages
            node.set("id", f"{prefix}-{node.get('id')}")
    for link in article.iter("a"):
        if link.get("data-file"):  # a download: beside this file (checking.py)
            link.set("href", link.get("data-file"))
        elif link.get("href") is not None:
            link.set("href", _rewrite(link.get("href"), page, ids, prefix, edition))
    for node in article.iter("details"):  # a file to read and print shows everything
        node.set("open", "")
    for image in article.iter("img"):
        address = urlsplit(urljoin(page.path, image.get("src") or ""))
        source = (site / address.path.lstrip("/")).resolve()
        if address.scheme or address.netloc or not source.is_relative_to(site.resolve()) or not source.is_file():
            raise PluginError(f"downloads: {page.path}: the image {image.get('src')!r} is not a file of the site: "
                              "put it under docs/ and give its address relative to the page")  # never read from elsewhere
        kind = mimetypes.guess_type(source.name)[0] or "application/octet-stream"
        image.set("src", f"data:{kind};base64,{base64.b64encode(source.read_bytes()).decode()}")
    return list(article)


def _rewrite(href: str, page: Page, ids: dict[str, str], prefix: str, edition: Edition) -> str:
    if href.startswith("#"):
        fragment = href[1:]
        return f"#{prefix}-{fragment}" if fragment.startswith(("fn:", "fnref:")) else href
    target = urlsplit(urljoin("/" + page.path, href))
    if target.scheme or target.netloc:
        return href
    path = target.path.lstrip("/")
    if path in ids:
        return f"#{target.fragment}" if target.fragment else f"#{ids[path]}"
    online = common.online_address(edition.site_url, path, directory_urls=False)
    return online + (f"#{target.fragment}" if target.fragment else "")


def _contents_entry(section, page_id: str, title: str) -> str:
    items = "".join(f'<li><a href="#{h.get("id")}">{html.escape(h.text_content().strip())}</a></li>'
                    for h in section.iter("h3") if h.get("id"))
    return (f'<li><a href="#{page_id}">{html.escape(title)}</a>' + (f"<ol>{items}</ol>" if items else "") + "</li>")
