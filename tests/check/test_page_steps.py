"""The steps that change each page as it is rendered, on a page of the small project
(data/sources/) as Python-Markdown renders it with mkdocs.yml's extensions, and as Material wraps it."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qs, quote, urlsplit

from bs4 import BeautifulSoup
from content import anchors, dates, sources
from content import rendered as reader  # `rendered` is project.py's helper
from project import LANGUAGES, rendered
from search import index
from sharing import share

PAGE = Path(__file__).parent / "data/sources/docs/ru/page.md"
HEADINGS = Path(__file__).parent / "data/headings.md"  # a footnote mark, &, nested markup, an h3, a class, no ID
RU = LANGUAGES[1]
MATERIAL_PAGE = ('<!doctype html><html lang="ru"><head><meta charset="utf-8"></head><body><article>{}</article>'
                 '<script id="__config" type="application/json">{{"base": "../..", "search": "x.js"}}</script></body></html>')


def test_permalinks_and_back_links_speak_the_pages_language_and_the_title_has_none():
    content = anchors.label_backlinks(anchors.label_permalinks(rendered(PAGE), RU.strings["permalink"]), RU.strings["footnote_back"])
    soup = BeautifulSoup(content, "lxml")
    assert not soup.select("h1 a.headerlink")
    links = soup.select("h2 a.headerlink")
    assert len(links) == 2 and all(a["title"] == a["aria-label"] == RU.strings["permalink"] for a in links)
    [back] = soup.select("a.footnote-backref")
    assert back["title"] == back["aria-label"] == RU.strings["footnote_back"]


def test_every_section_gets_one_share_control_with_its_copy_button_links_address_and_words():
    soup = BeautifulSoup(share.section_controls(rendered(PAGE), "https://e.org/r/ru/page/", RU.strings, RU.site_name), "lxml")
    for heading in soup.select("h2[id]"):
        address = f"https://e.org/r/ru/page/#{heading['id']}"
        menu = heading.find_next_sibling()
        assert menu.name == "details" and menu["class"] == ["share-menu"] and not heading.select("button")
        assert menu.summary.get_text() == RU.strings["share"]
        assert menu.select_one("button.share-copy")["data-share-url"] == address
        words = {"second": "Второй раздел", "third": "Третий раздел"}[heading["id"]]
        text = f"{words} — «{RU.site_name}» (Amnesty International, 2017)"  # what the link is
        assert all(quote(text, safe="") in a["href"] and quote(address, safe="") in a["href"] for a in menu.select("a"))


def test_each_section_heading_and_only_those_gets_a_control_sharing_its_words_as_a_reader_sees_them():
    """Wherever a heading's ID stands (attr_list writes a class first), whatever markup its words hold;
    the page title and a heading without ID get none, and nothing else on the page changes."""
    content = rendered(HEADINGS)
    output = share.section_controls(content, "https://e.org/r/ru/h/", RU.strings, RU.site_name)
    soup = BeautifulSoup(output, "lxml")
    shared = {}
    for menu in soup.select("details.share-menu"):
        heading = menu.find_previous_sibling()
        [telegram] = [a["href"] for a in menu.select("a") if a["href"].startswith("https://t.me/")]
        query = parse_qs(urlsplit(telegram).query)
        assert query["url"] == [f"https://e.org/r/ru/h/#{heading['id']}"]
        shared[heading.name, heading["id"]] = query["text"][0].removesuffix(f" — «{RU.site_name}» (Amnesty International, 2017)")
    assert shared == {("h2", "first"): "«Первый» & второй",
                      ("h3", "inner"): "Внутри первого раздела с a<b и жирным вложенным",
                      ("h2", "second"): "Площадь 100 м2"}
    assert re.sub(r'<details class="share-menu".*?</details>', "", output) == content


def test_the_headings_are_read_once_with_where_each_ends_and_the_words_of_each_section():
    content = rendered(HEADINGS)
    headings = reader.read(content).headings
    assert [(h.level, h.id, h.title) for h in headings] == [
        (2, "first", "«Первый» & второй"), (3, "inner", "Внутри первого раздела с a<b и жирным вложенным"),
        (2, "second", "Площадь 100 м2")]
    assert all(content[:h.end].endswith(f"</h{h.level}>") for h in headings)
    texts = sources.section_texts(content)
    assert list(texts) == ["", "first", "inner", "second"]  # the h1 and the h4 without ID start none
    assert texts["second"] == "Площадь 100 м 2 Без идентификатора Текст второго."  # no permalink, no footnote
    assert texts["first"] == "«Первый» & второй Текст первого."  # no footnote mark


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
