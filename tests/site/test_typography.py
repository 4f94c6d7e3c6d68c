"""Quotation marks: Kazakh and Russian text quote «…», with „…“ inside, and never with straight quotes.

Checked where readers meet the text: every page (its content, footnotes, interface strings,
the attributes screen readers speak, the descriptions link previews show), the sources of the
interface strings, and what is made from the pages (the search index, the single-file HTML,
the PDF). Code and text in another language (`lang="en"`) are not Kazakh text. English pages
keep English quotation marks, “…”: only straight ones are refused there.
"""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from project import LANGUAGES, LOCALES, pdf_text
from quotes import NOT_TEXT, quotation_problems, texts_of


def test_pages_quote_as_their_language_writes(pages):
    failures = []
    for page in pages:
        failures += [(page.url, problem) for problem in quotation_problems(texts_of(page.soup(), page.locale), page.locale)]
    assert failures == []


def test_the_search_index_of_each_language_quotes_as_it_writes(site):
    failures = []
    for language in LANGUAGES:
        index = json.loads((site / language.home / "search/search_index.json").read_text(encoding="utf-8"))
        for doc in index["docs"]:
            soup = BeautifulSoup(f'<div lang="{language.locale}"><p>{doc["title"]}</p>{doc["text"]}</div>', "lxml")
            failures += [(doc["location"], p) for p in quotation_problems(texts_of(soup, language.locale), language.locale)]
    assert failures == []


@pytest.mark.parametrize("locale", LOCALES)
def test_the_single_file_and_the_pdf_quote_as_their_language_writes(site, locale):
    soup = BeautifulSoup((site / "download" / f"report-{locale}.html").read_text(encoding="utf-8"), "lxml")
    assert quotation_problems(texts_of(soup, locale), locale) == []
    pdf = pdf_text(site / "download" / f"report-{locale}.pdf")
    for code in {c.get_text() for c in soup.find_all(NOT_TEXT)}:  # code in the file is code in the PDF
        pdf = pdf.replace(code, " ")
    assert [p for p in quotation_problems(" ".join(pdf.split()), locale) if "straight" in p] == []


def test_the_kazakh_article_is_quoted_in_kazakh_in_every_download(site):
    """The check above would pass on a text with no quotation at all: the article's own are there."""
    quoted = ["«Қазақстандағы тәуелсіз БАҚ", "«ақпараттық қоғам»", "«жер реформасына»"]
    html = BeautifulSoup((site / "download/report-kk.html").read_text(encoding="utf-8"), "lxml").get_text()
    pdf = pdf_text(site / "download/report-kk.pdf")
    index = json.dumps(json.loads((site / "search/search_index.json").read_text(encoding="utf-8")), ensure_ascii=False)
    assert [(where, q) for where, text in (("html", html), ("pdf", " ".join(pdf.split())), ("index", index))
            for q in quoted if q not in text] == []
