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
from conftest import LOCALES
from playwright.sync_api import expect

SEARCH = ("search_index.json", "/workers/search.", "/lunr/")
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


@pytest.mark.parametrize("locale", LOCALES)
def test_the_first_view_is_light_and_search_waits_until_opened(page, base_url, site, locale):
    path = ("" if locale == "kk" else f"{locale}/") + "prosecutions/"
    requests = loaded(page, base_url, path)
    assert [u for u in requests if any(s in u for s in SEARCH)] == []
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


def test_materials_stylesheet_keeps_only_what_the_site_uses(site):
    ours = next((site / "assets/stylesheets").glob("main.*.min.css"))
    theirs = MATERIAL / "assets/stylesheets" / ours.name
    assert ours.stat().st_size < 0.8 * theirs.stat().st_size
    assert ".md-search-result__item" in ours.read_text() and ".md-typeset" in ours.read_text()


def test_the_offline_zip_ships_no_unused_lunr_languages_or_source_maps(site):
    names = zipfile.ZipFile(site / "download/report-offline.zip").namelist()
    lunr = sorted(n.rsplit("/", 1)[1] for n in names if "/lunr/" in n)
    assert lunr == ["lunr.kk.min.js", "lunr.multi.min.js", "lunr.ru.min.js", "lunr.stemmer.support.min.js",
                    "lunr.wordforms.min.js"]
    assert [n for n in names if n.endswith((".map", ".gz", ".br"))] == []
