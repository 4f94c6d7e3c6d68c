"""Under every page's title, in the page's language, the page's place in time: that it is an article
on Amnesty International's briefing of 9 February 2017; on a page that tells events of an earlier
year (its front matter's `events: 2016`), that year; and, last and apart, the date of this edition
of the site. A reader who skims, or opens a page from a link, does not take 2016 events for news.

These are the site's own words (`extra.strings`: `context_briefing`, `context_events`,
`download_edition`), set apart from the article's text as the `lead-note` leads are. The
briefing's date (9 February 2017) and the events' year (2016, the article's "last year") are
facts the source material allows (the README of the source material that came with the article,
kept outside this repository); the edition's is the last commit's (common.edition_date). Month
names and the order of day, month and year are the language's `extra.strings` (`months`,
`date_format`).
"""

from __future__ import annotations

import html
import re

from mkdocs.exceptions import PluginError

import common

PUBLISHED = "2017-02-09"  # Amnesty International, EUR 57/5644/2017
H1_END = re.compile(r"</h1>")
YEAR = re.compile(r"[12][0-9]{3}")


def human(iso: str, strings: dict) -> str:
    """`2017-02-09` as the language writes it: "9 February 2017"."""
    year, month, day = (int(part) for part in iso.split("-"))
    return strings["date_format"].format(year=year, month=strings["months"].split()[month - 1], day=day)


def events_year(meta: dict, source: str) -> str | None:
    """The year of the events a page tells, from its front matter (`events: 2016`), or None."""
    value = meta.get("events")
    if value is None:
        return None
    if not YEAR.fullmatch(str(value)):
        raise PluginError(f"{source}: front matter 'events: {value}' is not a year; write the year the page's "
                          "events took place, for example 'events: 2016', or remove the line")
    return str(value)


def _time(iso: str, shown: str) -> str:
    return f'<time datetime="{iso}">{html.escape(shown)}</time>'


def briefing(strings: dict) -> str:
    """"An article on Amnesty International's briefing of 9 February 2017.", as HTML."""
    return common.said(strings["context_briefing"], date=_time(PUBLISHED, human(PUBLISHED, strings)))


def events(strings: dict, year: str) -> str:
    """"The events described took place in 2016.", as HTML."""
    return common.said(strings["context_events"], year=_time(year, year))


def edition_line(strings: dict, edition: str) -> str:
    """"Date of this edition of the site: 30 November 2026", as HTML."""
    return f'{html.escape(strings["download_edition"])}: {_time(edition, human(edition, strings))}'


def line(strings: dict, edition: str, year: str | None = None) -> str:
    """The page's context as one paragraph: the briefing, the events' year (if any), then the edition."""
    context = [("briefing", briefing(strings))] + ([("events", events(strings, year))] if year else [])
    items = "".join(f'<span class="page-dates__item page-dates__{kind}">{part}</span> ' for kind, part in context)
    return (f'<p class="page-dates">{items}<br>'
            f'<span class="page-dates__item page-dates__edition">{edition_line(strings, edition)}</span></p>')


def under_title(content: str, strings: dict, edition: str, year: str | None = None) -> str:
    """The page's content with its context after its `<h1>` (or first, when it has none)."""
    dates = line(strings, edition, year)
    if H1_END.search(content):
        return H1_END.sub(lambda m: m.group(0) + dates, content, count=1)
    return dates + content
