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


def test_every_page_paints_from_its_own_html_then_applies_one_stylesheet_holding_what_the_site_uses(site, pages):
    """The first paint waits for nothing: no stylesheet linked for the screen (the one stylesheet is
    linked for print until it has come, and for readers without scripts inside <noscript>), the
    same first-screen rules inline on every page, no classic script in <head>, no script fetched
    but at low priority, none that holds up parsing."""
    sheets = [p.name for p in (site / "assets/stylesheets").iterdir() if p.suffix == ".css"]
    assert len(sheets) == 1 and sheets[0].startswith("site.")
    inline = set()
    for page in pages:
        head = page.soup().head
        links = head.select("link[rel=stylesheet]")
        assert [(Path(link["href"]).name, link.get("media")) for link in links if not link.find_parent("noscript")] == \
            [(sheets[0], "print")], page.url
        assert [Path(link["href"]).name for link in links if link.find_parent("noscript")] == sheets, page.url
        inline.add(next(style.string for style in head.select("style") if not style.find_parent("noscript")))
        assert [s for s in head.select("script") if s.get("type") not in ("application/json", "module")] == [], page.url
        scripts = page.soup().select("script[src]")
        assert all(s.get("fetchpriority") == "low" and s.get("type") == "module" for s in scripts), page.url
    assert len(inline) == 1 and ".md-header{" in next(iter(inline))
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


# Lighthouse's phone (412 × 823) and a desktop window.
SCREENS = {"phone": {"width": 412, "height": 823}, "desktop": {"width": 1280, "height": 800}}
APPLIED = "() => [...document.querySelectorAll('link[data-screen]')].every(l => l.media === 'all' && l.sheet)"


def first_screen(browser, url: str, screen: str, scheme: str, alone: bool) -> bytes:
    """A screenshot of the first screen at `url`: drawn from the page alone (the stylesheet never
    comes), or once the stylesheet applies."""
    context = browser.new_context(viewport=SCREENS[screen], color_scheme=scheme)
    tab = context.new_page()
    if alone:
        tab.route("**/assets/stylesheets/*.css", lambda route: route.abort())
    tab.goto(url, wait_until="load")
    if not alone:
        tab.wait_for_function(APPLIED)
    shot = tab.screenshot(animations="disabled", caret="initial")
    context.close()
    return shot


def test_each_first_screen_is_drawn_from_the_page_alone_as_the_stylesheet_draws_it(browser, base_url, pages):
    """The rules inline in every page draw its first screen exactly as the whole stylesheet does, on
    Lighthouse's phone for every page, and on a desktop and in the dark scheme for the home pages:
    nothing moves or changes when the stylesheet comes."""
    cases = [(p, "phone", "light") for p in pages]
    cases += [(p, screen, scheme) for p in pages if p.name == "index" for screen, scheme in
              (("desktop", "light"), ("desktop", "dark"), ("phone", "dark"))]
    differ = [f"{p.url or './'} ({screen}, {scheme})" for p, screen, scheme in cases
              if first_screen(browser, base_url + p.url, screen, scheme, alone=True)
              != first_screen(browser, base_url + p.url, screen, scheme, alone=False)]
    assert differ == []


def test_the_first_tap_or_key_does_what_it_says_before_materials_bundle_has_come(browser, base_url):
    """Material's bundle comes only when the reader first reaches for the page, and that first
    reach is never lost: the colour toggle switches, "/" opens search and takes the words typed
    next, text pasted into the box before the bundle runs is searched, and a menu opened on a
    page whose address names a section stays open once the bundle runs (it closes menus on
    arrival)."""
    context = browser.new_context(viewport=SCREENS["phone"])
    tab = context.new_page()
    bundles = []
    tab.on("request", lambda r: "/javascripts/bundle." in r.url and bundles.append(r.url))
    tab.goto(base_url + "en/", wait_until="load")
    tab.wait_for_timeout(200)
    assert bundles == [] and tab.evaluate("!window.component$")
    scheme = tab.evaluate("document.body.dataset.mdColorScheme")
    tab.locator("form[data-md-component=palette] label:visible").first.click()
    expect(tab.locator("body")).not_to_have_attribute("data-md-color-scheme", scheme)
    assert len(bundles) == 1

    tab.goto(base_url + "ru/", wait_until="load")
    tab.keyboard.press("/")
    expect(tab.locator("input.md-search__input")).to_be_focused()
    tab.keyboard.type("Amnesty")
    expect(tab.locator(".md-search-result__item").first).to_be_visible(timeout=15000)

    held = []  # the bundle's response, held until the paste is in
    tab.route("**/javascripts/bundle.*", lambda route: held.append(route))
    tab.goto(base_url + "en/", wait_until="load")
    tab.locator("label.md-header__button[for=__search]").click()
    expect(tab.locator("input.md-search__input")).to_be_focused()
    tab.keyboard.insert_text("Bokaev")  # a paste: no key events
    while not held:
        tab.wait_for_timeout(10)
    held[0].continue_()
    expect(tab.locator(".md-search-result__item").first).to_be_visible(timeout=15000)
    tab.unroute("**/javascripts/bundle.*")

    tab.goto(base_url + "en/prosecutions/#bokaev-ayan", wait_until="load")
    tab.locator("label.md-header__button[for=__drawer]").click()
    tab.wait_for_function("() => window.component$")
    tab.wait_for_timeout(500)  # past the bundle's closing of menus, 125 ms after it starts
    assert tab.evaluate("document.getElementById('__drawer').checked")
    context.close()
