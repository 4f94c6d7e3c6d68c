"""Under every page's title, in the page's language: when the briefing was published and when this
edition was made, so that the article's "last year" can be read without its footnotes.

The briefing's date (9 February 2017) is one of the facts the source material allows
(the README of the source material that came with the article, kept outside this repository); the edition's is the last commit's (common.edition_date).
Month names and the order of day, month and year are the language's `extra.strings`
(`months`, `date_format`).
"""

from __future__ import annotations

import html
import re


PUBLISHED = "2017-02-09"  # Amnesty International, EUR 57/5644/2017
H1_END = re.compile(r"</h1>")


def human(iso: str, strings: dict) -> str:
    """`2017-02-09` as the language writes it: "9 February 2017"."""
    year, month, day = (int(part) for part in iso.split("-"))
    return strings["date_format"].format(year=year, month=strings["months"].split()[month - 1], day=day)


def line(strings: dict, edition: str) -> str:
    """The two dates, as one paragraph of `<time>` elements."""
    parts = [f'<span class="page-dates__item">{html.escape(strings[key])}: '
             f'<time datetime="{iso}">{html.escape(human(iso, strings))}</time></span>'
             for key, iso in (("date_published", PUBLISHED), ("download_edition", edition))]
    return f'<p class="page-dates">{" · ".join(parts)}</p>'


def under_title(content: str, strings: dict, edition: str) -> str:
    """The page's content with the dates after its `<h1>` (or first, when it has none)."""
    dates = line(strings, edition)
    if H1_END.search(content):
        return H1_END.sub(lambda m: m.group(0) + dates, content, count=1)
    return dates + content
