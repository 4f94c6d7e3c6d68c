"""The site in a real browser: every page renders, and the language switcher keeps the reader's place."""

from __future__ import annotations

import itertools

import pytest
from browser import Watch
from conftest import LOCALES, PAGE_NAMES
from playwright.sync_api import expect

NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}


def address(locale: str, name: str) -> str:
    return ("" if locale == "kk" else f"{locale}/") + ("" if name == "index" else f"{name}/")


def test_every_page_renders_with_no_failing_request_or_error(page, base_url):
    origin = base_url.split("/sub/")[0]
    watch = Watch(page, origin)
    for locale, name in itertools.product(LOCALES, PAGE_NAMES):
        page.goto(base_url + address(locale, name), wait_until="networkidle")
        expect(page.locator("html")).to_have_attribute("lang", locale)
        expect(page.locator("article h1")).to_be_visible()
        expect(page.locator(".md-header__button.md-logo")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert (watch.failed, watch.foreign, watch.errors) == ([], [], [])


def choose_language(page, name: str) -> None:
    """Point at the language menu, then click `name` once the menu has opened, as a reader does.

    A click that Playwright has to retry (the link still moving while the menu opens) first scrolls
    the link into view with a forced alignment; the menu is in Material's sticky header, so that
    scroll takes the page to its top, where navigation.tracking rightly drops the #section from the
    address, and the switch keeps none. A menu at rest takes the click at once, with no scroll."""
    menu = page.locator(".md-header .md-select")
    menu.hover()
    link = menu.get_by_role("link", name=name)
    expect(link).to_be_in_viewport()
    menu.locator(".md-select__inner").evaluate("inner => Promise.all(inner.getAnimations().map(a => a.finished))")
    link.click()


@pytest.mark.parametrize("one, other", list(itertools.combinations(LOCALES, 2)))
def test_switching_language_keeps_the_page_and_section(page, base_url, one, other):
    """Back and forth three times each way, so that a switch that only sometimes loses the section fails."""
    origin = base_url.split("/sub/")[0]
    watch = Watch(page, origin)
    page.goto(base_url + address(one, "prosecutions") + "#bokaev-ayan")
    for target in [other, one] * 3:
        choose_language(page, NAMES[target])
        expect(page).to_have_url(base_url + address(target, "prosecutions") + "#bokaev-ayan")
        expect(page.locator("html")).to_have_attribute("lang", target)
        expect(page.locator("#bokaev-ayan")).to_be_in_viewport()
        page.wait_for_load_state()  # the page is ready (our modules run before load), as a reader would find it
    assert (watch.failed, watch.foreign, watch.errors) == ([], [], [])


def test_switching_language_from_a_home_page_stays_under_the_sub_path(page, base_url):
    page.goto(base_url + "en/")
    choose_language(page, NAMES["kk"])
    expect(page).to_have_url(base_url)
    choose_language(page, NAMES["ru"])
    expect(page).to_have_url(base_url + "ru/")


def test_pages_fit_a_360_pixel_phone_in_light_and_dark(browser, base_url):
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 360, "height": 740}, color_scheme=scheme)
        tab = context.new_page()
        for locale in LOCALES:
            tab.goto(base_url + address(locale, "prosecutions"))
            expected = "slate" if scheme == "dark" else "default"
            expect(tab.locator("body")).to_have_attribute("data-md-color-scheme", expected)
            assert tab.evaluate("document.documentElement.scrollWidth") <= 360
        context.close()
