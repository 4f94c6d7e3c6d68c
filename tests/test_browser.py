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


@pytest.mark.parametrize("source, target", list(itertools.permutations(LOCALES, 2)))
def test_switching_language_keeps_the_page_and_section(page, base_url, source, target):
    origin = base_url.split("/sub/")[0]
    watch = Watch(page, origin)
    page.goto(base_url + address(source, "prosecutions") + "#bokaev-ayan")
    page.locator(".md-header .md-select").hover()
    page.get_by_role("link", name=NAMES[target]).click()
    expect(page).to_have_url(base_url + address(target, "prosecutions") + "#bokaev-ayan")
    expect(page.locator("html")).to_have_attribute("lang", target)
    assert (watch.failed, watch.foreign, watch.errors) == ([], [], [])


def test_switching_language_from_a_home_page_stays_under_the_sub_path(page, base_url):
    page.goto(base_url + "en/")
    page.locator(".md-header .md-select").hover()
    page.get_by_role("link", name=NAMES["kk"]).click()
    expect(page).to_have_url(base_url)
    page.locator(".md-header .md-select").hover()
    page.get_by_role("link", name=NAMES["ru"]).click()
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
