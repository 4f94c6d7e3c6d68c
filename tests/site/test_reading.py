"""Every page read as Tor Browser's Safest level reads it (no script, no SVG) and on a 360-pixel
phone, in Chromium (Playwright) with the page's scripts off and its inline SVG taken out; the same
checks in real Firefox ESR are in tests/site/test_firefox.py. Where scripts run, nothing gets worse.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from project import LANGUAGES, LOCALES, PAGE_NAMES
from hosting import ROOT as GITHUB_PAGES
from hosting import host
from playwright.sync_api import expect
from reading import DESKTOP, HOME, MISSING, NAMES, PHONE, PROBE, STRINGS, VISITS, address, problems


SVG = re.compile(r"<svg\b.*?</svg>", re.S)


@pytest.fixture(scope="module")
def hosted(site):
    """The site at a host's root, missing addresses answered with the nearest 404.html."""
    with host(site) as url:
        yield url


def without_svg(route):
    """Serve pages without their inline SVG, as a browser that draws no SVG shows them."""
    response = route.fetch()
    if response.headers.get("content-type", "").startswith("text/html"):
        route.fulfill(response=response, body=SVG.sub("", response.text()))
    else:
        route.fulfill(response=response)


@contextmanager
def scriptless(browser, viewport):
    """A tab with the page's scripts off and its SVG taken out."""
    context = browser.new_context(java_script_enabled=False, viewport=dict(zip(("width", "height"), viewport)))
    tab = context.new_page()
    tab.route("**/*", without_svg)
    try:
        yield tab
    finally:
        tab.unroute_all(behavior="ignoreErrors")  # a request still in flight is no failure
        context.close()


def drawer_opened(tab) -> dict:
    """The probe once the drawer, sliding in from the left, is in (or after 3 s)."""
    for _ in range(30):
        tab.wait_for_timeout(100)
        seen = tab.evaluate(PROBE)
        if seen["drawer"][0] and seen["drawer"][1] >= -1:
            break
    return seen


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_page_is_usable_without_scripts_and_svg(browser, hosted, viewport):
    """Navigation behind a text button, languages as text links, search's absence said with what
    works instead, no control that does nothing, nothing wider than the screen: on every page and
    the 404 page of each language."""
    found = []
    with scriptless(browser, viewport) as tab:
        for visit in VISITS:
            tab.goto(visit.url(hosted))
            seen = tab.evaluate(PROBE)
            opened = None
            if seen["menu"] and seen["menu"]["shown"]:
                tab.mouse.click(seen["menu"]["x"], seen["menu"]["y"])
                opened = drawer_opened(tab)
            found += problems(visit, hosted, seen, opened)
    assert found == []


def test_the_single_file_downloads_fit_a_phone(browser, hosted):
    with scriptless(browser, PHONE) as tab:
        for locale in LOCALES:
            tab.goto(f"{hosted}download/report-{locale}.html")
            seen = tab.evaluate(PROBE)
            assert (seen["scrollWidth"], seen["wide"]) == (seen["width"], []), locale


def test_with_scripts_the_language_menu_stays_on_a_phone_screen_open_or_closed(browser, hosted):
    context = browser.new_context(viewport={"width": PHONE[0], "height": PHONE[1]})
    tab = context.new_page()
    found = []
    for visit in VISITS:
        tab.goto(visit.url(hosted))
        for state in ("closed", "open"):
            if state == "open":
                tab.locator(".md-header .md-select").hover()
                expect(tab.locator(".md-header .md-select__link").first).to_be_visible()
            seen = tab.evaluate(PROBE)
            if seen["scrollWidth"] > seen["width"] or seen["wide"]:
                found.append((visit.url(hosted), state, seen["scrollWidth"], seen["wide"]))
    context.close()
    assert found == []


def test_with_scripts_the_header_keeps_its_icons_and_search_and_hides_the_fallbacks(browser, hosted):
    context = browser.new_context(viewport={"width": PHONE[0], "height": PHONE[1]})
    page = context.new_page()
    for locale in LOCALES:
        page.goto(hosted + address(locale, "prosecutions"))
        expect(page.locator(".md-header__button[for=__search]")).to_be_visible()
        expect(page.locator(".md-header label[for=__drawer] svg")).to_be_visible()
        label = page.locator(".md-header label[for=__drawer] .header-label")
        expect(label).to_have_text(STRINGS[locale]["menu"])  # the button's name for screen readers
        assert label.bounding_box()["width"] <= 1
        expect(page.locator("#search-fallback")).to_have_count(0)
        expect(page.locator('.md-header a[href="#search-fallback"]')).to_have_count(0)
        summary = page.locator("h2#bokaev-ayan + .share-menu > summary")
        expect(summary).to_be_visible()  # the section's share control, an icon whose word is for screen readers
        assert page.locator("h2#bokaev-ayan + .share-menu .share-label").bounding_box()["width"] <= 1
    context.close()


def test_a_missing_address_gets_the_404_page_of_its_language_where_the_host_serves_it(page, hosted):
    for locale in LOCALES:
        page.goto(hosted + HOME[locale] + "Prosecutions.html")
        expect(page.locator("html")).to_have_attribute("lang", locale)
        expect(page.locator("section.notfound").first).to_have_attribute("lang", locale)
        # notfound.js still links the page the address looks like, in the reader's language first.
        expect(page.locator("section.notfound").first.locator(".notfound__moved a")).to_have_attribute(
            "href", "/" + address(locale, "prosecutions"))


def test_on_a_host_with_one_404_page_a_missing_address_still_finds_its_language(site, browser):
    with host(site, GITHUB_PAGES) as url, scriptless(browser, PHONE) as tab:
        tab.goto(url + "ru/" + MISSING)
        expect(tab.locator("html")).to_have_attribute("lang", LOCALES[0])
        notice = tab.locator('section.notfound[lang="ru"]')
        expect(notice.get_by_role("heading")).to_have_text(STRINGS["ru"]["not_found"])
        expect(notice.get_by_role("link", name=STRINGS["ru"]["not_found_home"])).to_have_attribute("href", "/ru/")


# --- the built pages ---------------------------------------------------------------------------

def built_pages(site: Path) -> list[tuple[str, str, Path]]:
    """Every page and each language's 404 page: language, name ("404"), file."""
    return [(locale, name, site / (HOME[locale] + "404.html" if name == "404" else address(locale, name) + "index.html"))
            for locale in LOCALES for name in [*PAGE_NAMES, "404"]]


def test_each_language_has_its_own_404_page_speaking_it_first(site):
    for language in LANGUAGES:
        soup = BeautifulSoup((site / language.home / "404.html").read_text(encoding="utf-8"), "lxml")
        assert soup.html["lang"] == language.locale
        assert [s["lang"] for s in soup.select("section.notfound")][0] == language.locale
        assert soup.title.string.startswith(language.strings["not_found"])
        nav = [a.get_text(strip=True) for a in soup.select(".md-nav--primary .md-nav__link")]
        home = BeautifulSoup((site / language.home / "index.html").read_text(encoding="utf-8"), "lxml")
        assert nav[:len(PAGE_NAMES)] == [a.get_text(strip=True) for a in home.select(".md-nav--primary > ul > li > a.md-nav__link")]


def interface_texts(path: Path) -> set[str]:
    """A page's interface words: aria-label, title, alt and placeholder texts, its title, and the
    text of its header, navigation and footer, but for names in their own language (lang)."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    for element in soup.select("body [lang]"):
        element.decompose()
    texts = {element[attribute].strip() for attribute in ("aria-label", "title", "alt", "placeholder")
             for element in soup.select(f"[{attribute}]")}
    texts |= {soup.title.string.strip()}
    for part in soup.select(".md-header, .md-sidebar--primary, .md-footer, noscript"):
        texts |= {s.strip() for s in part.stripped_strings}
    return {text for text in texts if re.search(r"[^\W\d_]", text)}  # words, not numbers or signs


def test_every_interface_word_is_in_the_pages_language(site):
    """What a Kazakh or Russian page says about itself is never word for word what its English
    twin says ("Made with Material for MkDocs", an English aria-label), nor the other way round.
    Language names and the footer's "PDF" (a format's name in every language) may be."""
    same_everywhere = {*NAMES.values(), "PDF"}
    found = []
    english = {name: interface_texts(path) for locale, name, path in built_pages(site) if locale == "en"}
    for locale, name, path in built_pages(site):
        if locale != "en":
            found += [(path.relative_to(site).as_posix(), text)
                      for text in sorted(interface_texts(path) & english[name] - same_everywhere)]
    assert found == []
