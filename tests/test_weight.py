"""A light first view: what a page loads before the reader does anything, within generous bounds.

The tight figures (Lighthouse scores, bytes, paint times) are `make bench`'s; these tests only
stop a change that makes the site heavy, or loads search before it is opened.
"""

from __future__ import annotations

import gzip
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import brotli
import material
import pytest
from browser import search
from conftest import LOCALES
from playwright.sync_api import expect

SEARCH = ("search_index.json", "/workers/search.", "/lunr/")
LATER = (*SEARCH, "/assets/qr/")  # what waits until the reader opens search or the share table
MATERIAL = Path(material.__file__).parent / "templates"


def loaded(page, base_url: str, path: str) -> list[str]:
    """The site files a page requests, in order, once its load has settled."""
    requests: list[str] = []
    page.context.on("request", lambda r: requests.append(r.url))  # workers' requests too
    page.goto(base_url + path, wait_until="networkidle")
    return requests


def on_the_wire(site: Path, base_url: str, urls: list[str]) -> int:
    """Bytes a gzip host sends for these files (their .gz twins)."""
    total = 0
    for url in urls:
        path = site / unquote(urlsplit(url).path[len(urlsplit(base_url).path):])
        path = path / "index.html" if path.is_dir() else path
        twin = path.with_name(path.name + ".gz")
        total += (twin if twin.is_file() else path).stat().st_size
    return total


@pytest.mark.parametrize("name", ["prosecutions", "about"])
@pytest.mark.parametrize("locale", LOCALES)
def test_the_first_view_is_light_and_search_waits_until_opened(page, base_url, site, locale, name):
    path = ("" if locale == "kk" else f"{locale}/") + f"{name}/"
    requests = loaded(page, base_url, path)
    assert [u for u in requests if any(s in u for s in LATER)] == []
    assert on_the_wire(site, base_url, requests) < 100_000
    assert page.workers == []
    ready = page.evaluate("JSON.parse(document.getElementById('__config').textContent)"
                          ".translations['search.result.placeholder']")
    page.locator("input.md-search__input").focus()
    expect(page.locator(".md-search-result__meta")).to_have_text(ready, timeout=15000)  # worker and lunr loaded
    assert any("search_index.json" in u for u in requests) and len(page.workers) == 1


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
