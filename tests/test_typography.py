"""Quotation marks: Kazakh and Russian text quote «…», with „…“ inside, and never with straight quotes.

Checked where readers meet the text: every page (its content, footnotes, interface strings,
the attributes screen readers speak, the descriptions link previews show), the sources of the
interface strings, and what is made from the pages (the search index, the single-file HTML,
the PDF). Code and text in another language (`lang="en"`) are not Kazakh text. English pages
keep English quotation marks, “…”: only straight ones are refused there.
"""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup, Comment, Doctype

from conftest import LANGUAGES, LOCALES, ROOT, pdf_text

NOT_TEXT = {"code", "pre", "kbd", "samp", "script", "style", "svg", "template"}
SPOKEN = ("aria-label", "title", "alt", "placeholder")  # attributes read out or shown as text
CLOSING = {"«": "»", "„": "“"}
GUILLEMETS = {"kk", "ru"}  # languages whose typography quotes «…», and „…“ inside


def quotation_problems(text: str, locale: str) -> list[str]:
    """What is wrong with the quotation marks of a text in this language, each with its context."""
    problems, opened = [], []

    def problem(index: int, what: str) -> None:
        problems.append(f"{what}: …{text[max(0, index - 40):index + 40]}…")

    for index, char in enumerate(text):
        if char == '"':
            problem(index, "a straight quotation mark")
        elif locale not in GUILLEMETS:
            continue
        elif char == "”":
            problem(index, "an English closing quotation mark")
        elif char == "«":
            if opened:
                problem(index, "« inside a quotation, where „ belongs")
            opened.append(char)
        elif char == "„":
            if opened != ["«"]:
                problem(index, "„ outside a «…» quotation")
            opened.append(char)
        elif char in "»“":
            if not opened or CLOSING[opened[-1]] != char:
                problem(index, f"{char} closes no quotation that is open")
            else:
                opened.pop()
    if opened:
        problems.append(f"{''.join(opened)} never closed: …{text[-80:]}")
    return problems


def test_the_check_knows_kazakh_quotation_marks():
    assert quotation_problems("Ол «ақпараттық „қоғам“ туралы» дейді.", "kk") == []
    assert quotation_problems('Ол "қоғам" дейді.', "kk")[0].startswith("a straight quotation mark")
    assert quotation_problems("«бір «екі» үш»", "kk")[0].startswith("« inside a quotation")
    assert quotation_problems("„бір“", "ru")[0].startswith("„ outside")
    assert quotation_problems("«бір", "kk") == ["« never closed: …«бір"]
    assert quotation_problems("“an English quotation”", "en") == []


def language_of(element) -> str:
    holder = element if element.get("lang") else element.find_parent(attrs={"lang": True})
    return holder["lang"].split("-")[0] if holder else ""


def texts_of(soup: BeautifulSoup, locale: str) -> str:
    """The text in this language of a parsed document, in order, and what its attributes say."""
    parts = []
    for string in soup.find_all(string=True):
        if isinstance(string, (Comment, Doctype)) or string.find_parent(NOT_TEXT):
            continue
        if language_of(string.parent) == locale:
            parts.append(str(string))
    for element in soup.find_all(True):
        if element.name in NOT_TEXT or element.find_parent(NOT_TEXT) or language_of(element) != locale:
            continue
        parts += [element[name] for name in SPOKEN if element.get(name)]
        if element.name == "meta" and re.match(r"description|og:|twitter:", element.get("name") or element.get("property") or ""):
            parts.append(element.get("content", ""))
    return " ".join(parts)


def test_pages_quote_as_their_language_writes(pages):
    failures = []
    for page in pages:
        failures += [(page.url, problem) for problem in quotation_problems(texts_of(page.soup(), page.locale), page.locale)]
    assert failures == []


def test_interface_strings_quote_as_their_language_writes():
    failures = []
    for language in LANGUAGES:
        strings = {**language.strings, "site_name": language.site_name, "site_description": language.site_description}
        for key, value in strings.items():
            text = texts_of(BeautifulSoup(f'<div lang="{language.locale}">{value}</div>', "lxml"), language.locale)
            failures += [(language.locale, key, p) for p in quotation_problems(text, language.locale)]
    kazakh = (ROOT / "overrides/partials/languages/kk.html").read_text(encoding="utf-8")
    for key, value in re.findall(r'^\s*"([^"]+)": "((?:[^"\\]|\\.)*)",?$', kazakh, re.M):
        failures += [("kk.html", key, p) for p in quotation_problems(value, "kk") if not key.startswith("search.config")]
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
