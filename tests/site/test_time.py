"""Placed in time: every page's first screen on a phone says that it is an article on Amnesty
International's briefing of 9 February 2017, and on the pages about 2016 events (prosecutions,
may-21) that the events were in 2016; the edition's date follows, as the site's own. The may-21
title carries its year; the flyers, the single-file HTML and the PDF spell dates as the pages do.
In all three languages."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from project import LANGUAGES, LOCALES, PAGE_NAMES, pdf_text

import common
from content import dates

STRINGS = {language.locale: language.strings for language in LANGUAGES}
HOME = {language.locale: language.home for language in LANGUAGES}
EDITION = common.edition_date()
BRIEFING = "2017-02-09"  # Amnesty International, EUR 57/5644/2017 (the shared source's facts)
EVENTS = {"prosecutions": "2016", "may-21": "2016"}  # the pages that tell 2016 events
PHONE = {"width": 360, "height": 740}
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def address(locale: str, name: str) -> str:
    return HOME[locale] + ("" if name == "index" else f"{name}/")


def text_of(fragment: str) -> str:
    return BeautifulSoup(fragment, "lxml").get_text()


@pytest.mark.parametrize("locale", LOCALES)
def test_every_pages_first_screen_on_a_phone_places_it_in_time(browser, base_url, locale):
    """At 360×740, below the title and above the fold: the briefing's date, the events' year where the
    page tells 2016 events, then the edition's date, set apart from the article's text."""
    strings = STRINGS[locale]
    briefing, edition = dates.human(BRIEFING, strings), dates.human(EDITION, strings)
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    failures = []
    for name in PAGE_NAMES:
        tab.goto(base_url + address(locale, name))
        line = tab.locator("article h1 + p.page-dates")
        if line.count() != 1:
            failures.append((name, "no context line under the title"))
            continue
        box = line.bounding_box()
        text = " ".join(line.inner_text().split())
        if box["y"] + box["height"] > PHONE["height"]:
            failures.append((name, f"below the first screen: ends at {box['y'] + box['height']:.0f} px"))
        if "Amnesty International" not in text or briefing not in text:
            failures.append((name, f"no briefing of {briefing}: {text}"))
        year = EVENTS.get(name)
        if year and not re.search(rf"\b{year}\b", text.replace(edition, "").replace(briefing, "")):
            failures.append((name, f"no year of the events ({year}): {text}"))
        if edition not in text or text.find(briefing) > text.find(edition):
            failures.append((name, f"the edition's date is not after the briefing's: {text}"))
        elif strings["download_edition"] not in text:
            failures.append((name, "the edition's date is not said to be the site's"))
        sizes = tab.evaluate("""line => [line, document.querySelector(
            "article > p:not(.page-dates, .lead, .lead-note)")].map(p => p && parseFloat(getComputedStyle(p).fontSize))""",
                             line.element_handle())
        if sizes[1] and sizes[0] >= sizes[1]:
            failures.append((name, f"set as large as the article's text: {sizes}"))
    context.close()
    assert failures == []


@pytest.mark.parametrize("locale", LOCALES)
def test_the_may_21_title_carries_its_year(pages, locale):
    page = next(p for p in pages if p.locale == locale and p.name == "may-21")
    soup = page.soup()
    title = soup.select_one("article h1").get_text(" ", strip=True)
    assert "21" in title and "2016" in title, title
    assert "2016" in soup.title.get_text(), soup.title
    assert [h["id"] for h in soup.select("article h2[id]")] == ["detentions", "what-they-posted"]  # published


@pytest.mark.parametrize("locale", LOCALES)
def test_the_flyer_says_2016_for_the_events_and_2017_for_the_briefing(site, locale):
    strings = STRINGS[locale]
    text = " ".join(pdf_text(site / f"download/flyer-{locale}.pdf").split())
    assert text_of(dates.briefing(strings)) in text
    assert text.count(text_of(dates.events(strings, "2016"))) == len(EVENTS), text
    assert dates.human(EDITION, strings) in text and not ISO_DATE.search(text)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_single_file_and_the_pdf_spell_dates_as_the_pages_do(site, locale):
    strings = STRINGS[locale]
    edition = f"{strings['download_edition']}: {dates.human(EDITION, strings)}"
    soup = BeautifulSoup((site / f"download/report-{locale}.html").read_text(encoding="utf-8"), "lxml")
    title_page = " ".join(soup.select_one("header.title-page").get_text(" ").split())
    assert edition in title_page, title_page
    pdf = " ".join(pdf_text(site / f"download/report-{locale}.pdf").split())
    assert edition in pdf
    for name, text in (("html", " ".join(soup.body.get_text(" ").split())), ("pdf", pdf)):
        assert ISO_DATE.findall(text) == [], name
