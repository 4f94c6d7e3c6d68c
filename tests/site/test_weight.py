"""A light first view: what a page loads before the reader does anything, within generous bounds.

The tight figures (Lighthouse scores, bytes, paint times) are `make bench`'s; these tests only
stop a change that makes the site heavy, or loads search before it is opened.
"""

from __future__ import annotations

import gzip
import zipfile
from pathlib import Path

import brotli
import material
import pytest
from browser import search
from project import LOCALES, PAGE_NAMES
from tour import ONLINE_TOURS
from playwright.sync_api import expect

MATERIAL = Path(material.__file__).parent / "templates"


@pytest.mark.parametrize("access, scheme", ONLINE_TOURS)
def test_the_first_view_is_light_and_search_waits_until_opened(tour, access, scheme):
    """Every page, light and dark, as the tour first loads it (tests/support/tour.py): nothing of search or
    of the share table's QR codes, no worker, under 62,000 bytes on the wire from a gzip host (tour.py's
    FIRST_VIEW_BYTES: a little above the 60 kB that `make bench` checks); on each
    home page, opening search then starts one worker and loads the index."""
    assert tour.checked["first view"] == len(LOCALES) * len(PAGE_NAMES)
    assert tour.first_view == []
    assert tour.checked["search dialog"] == len(LOCALES)
    assert all(problems == [] for problems in tour.search_dialog.values())


def test_text_files_have_identical_precompressed_twins(site):
    failures = []
    for path in [*site.rglob("*.html"), *site.rglob("*.css"), *site.rglob("*.js"), *site.rglob("*.json")]:
        data = path.read_bytes()
        if gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) != data:
            failures.append(f"{path.name}.gz")
        if brotli.decompress(path.with_name(path.name + ".br").read_bytes()) != data:
            failures.append(f"{path.name}.br")
    assert failures == []


def test_every_page_waits_for_one_stylesheet_only_holding_what_the_site_uses(site, pages):
    sheets = [p.name for p in (site / "assets/stylesheets").iterdir() if p.suffix == ".css"]
    assert len(sheets) == 1 and sheets[0].startswith("site.")
    for page in pages:
        head = page.soup().head
        assert [Path(link["href"]).name for link in head.select("link[rel=stylesheet]")] == sheets, page.url
        # none waited for: module scripts are deferred unless async
        assert page.soup().select("script[src]:not([async]):not([defer]):not([type=module])") == [], page.url
    ours = (site / "assets/stylesheets" / sheets[0]).read_text(encoding="utf-8")
    theirs = sum(p.stat().st_size for name in ("main", "palette")
                 for p in (MATERIAL / "assets/stylesheets").glob(f"{name}.*.min.css"))
    assert len(ours.encode()) < 0.8 * theirs
    assert ".md-search-result__item" in ours and ".md-typeset" in ours and ".share-copy" in ours
    assert "[data-md-color-scheme=slate]" in ours and "[data-md-color-primary=indigo]" in ours
    assert "[data-md-color-primary=red]" not in ours


def test_the_stylesheet_keeps_the_rules_of_what_materials_bundle_adds(page, base_url):
    """Classes that only Material's scripts put on elements (search results, the table of contents'
    current section) stay styled."""
    search(page, base_url, "ru", "Бокаев")
    link = page.locator(".md-search-result__link").first
    assert link.evaluate("a => getComputedStyle(a).display") == "block"
    page.set_viewport_size({"width": 1280, "height": 720})  # the table of contents beside the text
    page.goto(base_url + "ru/prosecutions/#bokaev-ayan")
    color = "a => getComputedStyle(a).color"
    current = page.locator(".md-nav--secondary a.md-nav__link--active").last
    expect(current).to_be_visible()
    assert current.evaluate(color) != page.locator(".md-nav--secondary a.md-nav__link:not(.md-nav__link--active)").last.evaluate(color)


def test_the_offline_zip_ships_no_unused_lunr_languages_or_source_maps(site):
    names = zipfile.ZipFile(site / "download/report-offline.zip").namelist()
    lunr = sorted(n.rsplit("/", 1)[1] for n in names if "/lunr/" in n)
    assert lunr == ["lunr.kk.min.js", "lunr.multi.min.js", "lunr.ru.min.js", "lunr.stemmer.support.min.js",
                    "lunr.wordforms.min.js"]
    assert [n for n in names if n.endswith((".map", ".gz", ".br"))] == []
