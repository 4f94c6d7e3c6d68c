"""Quotation marks: the check itself, and the interface strings in mkdocs.yml and kk.html."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from project import LANGUAGES, ROOT
from quotes import quotation_problems, texts_of


def test_the_check_knows_kazakh_quotation_marks():
    assert quotation_problems("Ол «ақпараттық „қоғам“ туралы» дейді.", "kk") == []
    assert quotation_problems('Ол "қоғам" дейді.', "kk")[0].startswith("a straight quotation mark")
    assert quotation_problems("«бір «екі» үш»", "kk")[0].startswith("« inside a quotation")
    assert quotation_problems("„бір“", "ru")[0].startswith("„ outside")
    assert quotation_problems("«бір", "kk") == ["« never closed: …«бір"]
    assert quotation_problems("“an English quotation”", "en") == []


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
