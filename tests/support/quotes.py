"""Quotation marks as each language writes them: «…» with „…“ inside in Kazakh and Russian, never
straight quotes; what counts as a text's words in a language (not code, not text marked as another)."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Doctype

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
