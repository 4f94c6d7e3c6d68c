"""The site in a real browser: every page renders, and the language switcher keeps the reader's place."""

from __future__ import annotations

import pytest
from browser import InFlight, Watch
from project import LANGUAGES, LOCALES, PAGE_NAMES
from tour import ONLINE_TOURS, TOURS, by_access
from playwright.sync_api import expect
from tour import noted

NAMES = {language.locale: language.name for language in LANGUAGES}
# From the Kazakh page, every language to every other one, each step from where the last one led.
CHAIN = ["kk", "ru", "en", "kk", "en", "ru", "kk"]
PAIRS = list(zip(CHAIN, CHAIN[1:]))


def address(locale: str, name: str, offline: bool = False) -> str:
    prefix = "" if locale == "kk" else f"{locale}/"
    if offline:
        return prefix + f"{name}.html"
    return prefix + ("" if name == "index" else f"{name}/")


@pytest.mark.parametrize("access, scheme", TOURS)
def test_every_page_renders_with_no_failing_request_or_error(tour, access, scheme):
    """Every page, light and dark (tests/support/tour.py): in its language, its title and the logo shown, in
    the colour scheme the reader's system asks for; no request fails or gets a 4xx/5xx answer (nor,
    online, leaves the sub-path), no console error, no uncaught exception, on any file read."""
    assert tour.checked["rendered"] == len(LOCALES) * len(PAGE_NAMES)
    assert tour.rendered == []
    assert tour.failed == []
    assert tour.errors == []


def choose_language(page, name: str) -> None:
    """Point at the language menu, then click `name` once the menu has opened, as a reader does.

    A click that Playwright has to retry (the link still moving while the menu opens) first scrolls
    the link into view with a forced alignment; the menu is in Material's sticky header, so that
    scroll takes the page to its top, where navigation.tracking rightly drops the #section from the
    address, and the switch keeps none (the "race" seen once). A menu at rest takes the click at once."""
    menu = page.locator(".md-header .md-select")
    menu.hover()
    link = menu.get_by_role("link", name=name)
    expect(link).to_be_in_viewport()
    menu.locator(".md-select__inner").evaluate("inner => Promise.all(inner.getAnimations().map(a => a.finished))")
    link.click()


@pytest.fixture(scope="module")
def chains() -> dict:
    return {}


@pytest.fixture
def switched(chains, access, request, browser):
    """The language switcher used along CHAIN in one tab, from prosecutions#bokaev-ayan: each step's problems."""
    if access not in chains:
        offline = access == "file"
        root = request.getfixturevalue("offline_site").as_uri() + "/" if offline else request.getfixturevalue("base_url")
        context = browser.new_context()
        flight = InFlight(context)
        tab = context.new_page()
        watch = Watch(tab, "file:" if offline else root.split("/sub/")[0])
        problems = {pair: [] for pair in PAIRS}
        tab.goto(root + address(CHAIN[0], "prosecutions", offline) + "#bokaev-ayan")
        for source, target in PAIRS:
            expected = root + address(target, "prosecutions", offline) + "#bokaev-ayan"
            with noted(problems[(source, target)]):
                flight.settle(tab)  # the page has done what it does on load
                choose_language(tab, NAMES[target])
                tab.wait_for_url(expected, wait_until="load", timeout=15000)
                expect(tab.locator("html")).to_have_attribute("lang", target)
            if problems[(source, target)]:  # the next step starts where it should
                tab.goto(expected)
        context.close()
        chains[access] = problems, watch
    return chains[access]


@pytest.mark.parametrize("source, target", PAIRS)
@pytest.mark.parametrize("access", by_access("languages"))
def test_switching_language_keeps_the_page_and_section(switched, access, source, target):
    problems, watch = switched
    assert problems[(source, target)] == []
    assert (watch.failed, watch.foreign, watch.errors) == ([], [], [])


@pytest.mark.parametrize("access, scheme", TOURS)
def test_switching_language_from_a_home_page_stays_under_the_sub_path(tour, access, scheme):
    """On each home page, light and dark, the switcher leads to the next language's home page, under
    the sub-path (file://: its index.html), the default language's too (tests/support/tour.py)."""
    assert tour.checked["home switch"] == len(LOCALES)
    assert tour.home_switch == []


@pytest.mark.parametrize("access, scheme", ONLINE_TOURS)
def test_pages_fit_a_360_pixel_phone_in_light_and_dark(tour, access, scheme):
    """Every page, light and dark, at 360 pixels wide: no horizontal scrolling (tests/support/tour.py)."""
    assert tour.checked["fit"] == len(LOCALES) * len(PAGE_NAMES)
    assert tour.fit == []
