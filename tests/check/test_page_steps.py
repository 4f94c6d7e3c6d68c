"""The steps that change each page as it is rendered, on a page of the small project
(data/sources/) as Python-Markdown renders it with mkdocs.yml's extensions, and as Material wraps it."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

import markdown
from bs4 import BeautifulSoup
from content import anchors, dates
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data
from project import LANGUAGES, ROOT
from search import index
from sharing import share

PAGE = Path(__file__).parent / "data/sources/docs/ru/page.md"
RU = LANGUAGES[1]
MATERIAL_PAGE = ('<!doctype html><html lang="ru"><head><meta charset="utf-8"></head><body><article>{}</article>'
                 '<script id="__config" type="application/json">{{"base": "../..", "search": "x.js"}}</script></body></html>')


def rendered(path: Path) -> str:
    """The page's content as MkDocs hands it to on_page_content."""
    config = load_config(str(ROOT / "mkdocs.yml"), theme={"name": "mkdocs"}, plugins=[], hooks=[])
    body, _ = get_data(path.read_text(encoding="utf-8"))
    return markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs).convert(body)


def test_permalinks_and_back_links_speak_the_pages_language_and_the_title_has_none():
    content = anchors.label_backlinks(anchors.label_permalinks(rendered(PAGE), RU.strings["permalink"]), RU.strings["footnote_back"])
    soup = BeautifulSoup(content, "lxml")
    assert not soup.select("h1 a.headerlink")
    links = soup.select("h2 a.headerlink")
    assert len(links) == 2 and all(a["title"] == a["aria-label"] == RU.strings["permalink"] for a in links)
    [back] = soup.select("a.footnote-backref")
    assert back["title"] == back["aria-label"] == RU.strings["footnote_back"]


def test_every_section_gets_a_copy_button_and_share_links_with_its_address_and_words():
    soup = BeautifulSoup(share.section_controls(rendered(PAGE), "https://e.org/r/ru/page/", RU.strings, RU.site_name), "lxml")
    for heading in soup.select("h2[id]"):
        address = f"https://e.org/r/ru/page/#{heading['id']}"
        assert heading.select_one("button.share-copy")["data-share-url"] == address
        menu = heading.find_next_sibling("details", class_="share-menu")
        words = share.section_title(str(heading))
        assert words in {"Второй раздел", "Третий раздел"}
        text = f"{words} — «{RU.site_name}» (Amnesty International, 2017)"  # what the link is
        assert all(quote(text, safe="") in a["href"] and quote(address, safe="") in a["href"] for a in menu.select("a"))


def test_the_dates_stand_under_the_title_in_the_pages_language():
    page = dates.under_title(rendered(PAGE), RU.strings, "2026-01-02")
    soup = BeautifulSoup(page, "lxml")
    after = soup.h1.find_next_sibling()
    assert after["class"] == ["page-dates"] and [t["datetime"] for t in after.select("time")] == [dates.PUBLISHED, "2026-01-02"]
    assert dates.human("2026-01-02", RU.strings) in after.get_text()
    with_events = BeautifulSoup(dates.under_title(rendered(PAGE), RU.strings, "2026-01-02", "2016"), "lxml").h1.find_next_sibling()
    assert [t["datetime"] for t in with_events.select("time")] == [dates.PUBLISHED, "2016", "2026-01-02"]
    assert "2016 году" in with_events.select_one(".page-dates__events").get_text()


def test_search_looks_for_the_index_under_the_pages_language_root():
    page = SimpleNamespace(url="ru/page/", file=SimpleNamespace(src_uri="ru/page.md"))
    output = index.point_config_at_language_root(MATERIAL_PAGE.format(""), page, RU)
    assert '"base": "../"' in output  # ru/page/ → ru/
    assert index.point_config_at_language_root(MATERIAL_PAGE.format(""), page, LANGUAGES[0]) == MATERIAL_PAGE.format("")
