"""A printable flyer per language (`flyer-kk.pdf`, …): one A4 page to hand out.

The report's title, the lead sentence of the article (the home page's `{ .lead }` paragraph),
and for each topic page (every page of the nav but the home page and the about page) its
title, one line from it (its `description`), the year of its events where it tells them
(`events: 2016`, hooks/content/dates.py), a QR code of its short address and that address in
readable type; under the lead, that this is an article on the briefing of 9 February 2017; the
edition's date and the site's address at the foot. A topic page's short address is that of its
first section, as declared in published-addresses.txt (hooks/content/addresses.py `read`, the
map the share table and the short pages use too), so the flyer needs no address of its own; a
first section without one stops the downloads, saying the line to add. Printed with
WeasyPrint and the fonts of the PDFs (flyer.css: DejaVu, which has the Kazakh letters), dated by
SOURCE_DATE_EPOCH like every download.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import segno
from mkdocs.exceptions import PluginError

import common
from content import addresses, dates
from content.sources import read_page

HERE = Path(__file__).parent
LEAD = re.compile(r"\n\n((?:[^\n]+\n)+?)\{ \.lead \}")


@dataclass
class Topic:
    title: str
    line: str
    short: str  # the absolute short address
    events: str | None  # the year of the events the page tells, if it tells any


def lead(docs: Path) -> str:
    """The article's lead sentence: the home page's `{ .lead }` paragraph."""
    if not (found := LEAD.search((docs / "index.md").read_text(encoding="utf-8"))):
        raise PluginError(f"{common.shown(docs / 'index.md')}: no lead paragraph for the flyer: end the article's "
                          "first paragraph with a line `{ .lead }`, as the other languages' home pages do")
    return " ".join(found.group(1).split())


def topics(language: common.Language, nav: list[str], site_url: str, root: Path = common.ROOT) -> list[Topic]:
    """The topic pages of `language`, in nav order, each with the declared short address of its first section."""
    docs, published = root / "docs" / language.locale, addresses.read(root)
    found = []
    for name in (n for n in nav if Path(n).stem not in ("index", "about")):
        page = read_page(docs / name, docs)
        year = dates.events_year(page.meta, f"docs/{language.locale}/{name}")
        first = next((h.id for h in page.headings if h.level == 2 and h.id), None)
        if first is None:
            continue
        url = language.home + f"{Path(name).stem}/"
        if (declared := published.short(url, first)) is None:
            raise PluginError(f"{addresses.LIST}: {url}#{first} has no short address for the flyer: add the line "
                              "the site's build asks for (mkdocs build names the next free number)")
        found.append(Topic(page.meta["title"], page.meta["description"], urljoin(site_url, declared.path), year))
    return found


def qr_svg(address: str) -> str:
    """The QR code of `address` as an inline SVG data URI, black on white (as the share table's)."""
    return segno.make(address, error="m", micro=False).svg_data_uri(border=4, dark="#000", light="#fff", omitsize=True)


def page(language: common.Language, nav: list[str], site_url: str, edition: str) -> str:
    """The flyer, one HTML document for WeasyPrint."""
    strings, docs = language.strings, common.ROOT / "docs" / language.locale
    home = urljoin(site_url, language.home)
    items = "".join(
        f'<li class="topic"><img src="{qr_svg(t.short)}" alt="" width="33" height="33">'
        f'<div><h2>{html.escape(t.title)}</h2><p>{html.escape(t.line)}</p>'
        + (f'<p class="events">{dates.events(strings, t.events)}</p>' if t.events else '')
        + f'<p class="short">{html.escape(t.short)}</p></div></li>'
        for t in topics(language, nav, site_url))
    return (f'<!doctype html>\n<html lang="{language.locale}">\n<head>\n<meta charset="utf-8">\n'
            f'<title>{html.escape(language.site_name)}</title>\n'
            f'<meta name="dcterms.created" content="{edition}">\n</head>\n<body>\n'
            f'<h1>{html.escape(language.site_name)}</h1>\n<p class="lead">{html.escape(lead(docs))}</p>\n'
            f'<p class="context">{dates.briefing(strings)}</p>\n'
            f'<ul class="topics">{items}</ul>\n<footer><p>{dates.edition_line(strings, edition)}</p>'
            f'<p class="site"><a href="{html.escape(home)}">{html.escape(home)}</a></p></footer>\n</body>\n</html>\n')


def write(language: common.Language, nav: list[str], site_url: str, edition: str, target: Path) -> None:
    from weasyprint import CSS, HTML  # only the downloads step needs it, and the system's Pango
    HTML(string=page(language, nav, site_url, edition)).write_pdf(
        str(target), stylesheets=[CSS(filename=str(HERE / "flyer.css"))], pdf_tags=True)
