"""What a reader with scripts and SVG off (Tor Browser's Safest level) must be able to do on every
page, judged from what tests/support/reading_probe.js measured, in Chromium (tests/site/test_reading.py) or in
Firefox ESR (tests/site/test_firefox.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from project import LANGUAGES, LOCALES, MATERIAL_LANGUAGES, PAGE_NAMES, ROOT

PROBE = (Path(__file__).parent / "reading_probe.js").read_text(encoding="utf-8")
PHONE, DESKTOP = (360, 740), (1366, 900)
STRINGS = {language.locale: language.strings for language in LANGUAGES}
NAMES = {language.locale: language.name for language in LANGUAGES}
HOME = {language.locale: language.home for language in LANGUAGES}
MISSING = "nothing-like-this-here/"  # an address no page has, in each language's folder


def _material_string(locale: str, key: str) -> str:
    path = ROOT / "overrides/partials/languages/kk.html" if locale == "kk" else MATERIAL_LANGUAGES / f"{locale}.html"
    return re.search(rf'^\s*"{re.escape(key)}": "([^"]*)"', path.read_text(encoding="utf-8"), re.M).group(1)


SEARCH = {locale: _material_string(locale, "search") for locale in LOCALES}


def address(locale: str, name: str) -> str:
    return HOME[locale] + ("" if name == "index" else f"{name}/")


@dataclass(frozen=True)
class Visit:
    """One address to open, and what its page must offer."""
    locale: str
    name: str  # the page's name in every language, or "404"

    def url(self, base: str) -> str:
        return base + (HOME[self.locale] + MISSING if self.name == "404" else address(self.locale, self.name))

    def translations(self, base: str) -> dict[str, str]:
        """The address of this page in every other language (the home page, for a 404)."""
        return {locale: base + (HOME[locale] if self.name == "404" else address(locale, self.name))
                for locale in LOCALES if locale != self.locale}


VISITS = [Visit(locale, name) for locale in LOCALES for name in [*PAGE_NAMES, "404"]]


def problems(visit: Visit, base: str, seen: dict, menu_opened: dict | None, downloads: bool = True) -> list[str]:
    """What the reader could not do on the page that `seen` (the probe, just loaded) describes;
    `menu_opened`, the probe after pressing the menu button, when the page had one to press."""
    found = []
    strings = STRINGS[visit.locale]
    where = f"{visit.url(base)} at {seen['width']} px"

    def fail(what: str) -> None:
        found.append(f"{where}: {what}")

    if not seen["scriptsOff"] or seen["svgDrawn"]:
        fail(f"scripts or SVG were not off (scripts off: {seen['scriptsOff']}, SVG drawn: {seen['svgDrawn']})")
    if seen["lang"] != visit.locale:
        fail(f"lang is {seen['lang']}")
    if visit.name == "404" and not seen["title"].startswith(strings["not_found"]):
        fail(f"the title {seen['title']!r} does not say {strings['not_found']!r}")
    # The way to every other page: the navigation, shown on a desktop, behind a labelled button on
    # a phone (where the current page's entry opens its contents instead).
    pages = {base + address(visit.locale, name) for name in PAGE_NAMES if name != visit.name}
    menu = seen["menu"]
    if not pages <= set(seen["nav"]):
        if not (menu and menu["shown"] and menu["labelShown"] and menu["words"] == strings["menu"]):
            fail(f"no navigation in view and no visible text button {strings['menu']!r} to open it (found {menu})")
        elif menu_opened is None or not pages <= set(menu_opened["nav"]):
            fail(f"the menu button does not show every page: {sorted(pages - set((menu_opened or {}).get('nav', [])))} "
                 f"missing (the drawer open, at: {(menu_opened or {}).get('drawer')})")
    # Every language as a visible text link to this same page.
    links = {link["lang"]: link for link in seen["languages"]}
    expected = visit.translations(base)
    for locale, url in expected.items():
        link = links.get(locale)
        if not (link and link["shown"] and link["href"] == url and link["words"] == NAMES[locale]):
            fail(f"no visible text link {NAMES[locale]!r} to {url} (found {link})")
    if not (visit.locale in links and links[visit.locale]["current"]):
        fail(f"the page's own language {NAMES[visit.locale]!r} is not shown as the current one")
    # Search: where it cannot run, said so, with what works instead.
    if not (seen["searchLink"] and seen["searchLink"]["shown"] and seen["searchLink"]["words"] == SEARCH[visit.locale]):
        fail(f"no visible text link {SEARCH[visit.locale]!r} in the header to what works instead of search")
    fallback = seen["fallback"]
    single_file = urljoin(base, f"download/report-{visit.locale}.html")
    if not (fallback and fallback["shown"] and strings["search_off"] in fallback["words"]
            and (not downloads or single_file in fallback["links"])):
        fail(f"no visible word that search needs scripts, with a link to {single_file} (found {fallback})")
    if seen["needScripts"]:
        fail(f"controls that do nothing without scripts or SVG are shown: {seen['needScripts']}")
    # Every section's share links, behind a visible word, each link with its words.
    menu = {"words": strings["share"], "shown": True, "links": ["Telegram", "WhatsApp", strings["share_email"]]}
    if seen["shareMenus"] != [menu] * seen["sections"]:
        fail(f"not every one of the {seen['sections']} sections has its share links behind a visible "
             f"{strings['share']!r}: {seen['shareMenus'][:2]}")
    # Never sideways.
    if seen["scrollWidth"] > seen["width"] or seen["wide"]:
        fail(f"the page is {seen['scrollWidth']} px wide: {seen['wide']}")
    if not any(strings["if_blocked"] in words for words in seen["footer"]):
        fail(f"the footer does not say {strings['if_blocked']!r}")
    return found
