"""Unit tests of the Kazakh normaliser and stemmer (lunr.kk.min.js), run in Chromium."""

from __future__ import annotations

import pytest
from conftest import ROOT

MODULE = ROOT / "overrides/assets/javascripts/lunr/min/lunr.kk.min.js"

# Every form in a group has the key of the group's first word (or, where the search's prefix
# matching makes up the difference, a key that starts with it: marked "prefix").
SAME_KEY = [
    ["Боқаев", "Боқаевқа", "Боқаевтың", "Боқаевты", "Бокаев", "Bokaev", "Boqaev"],
    ["Аян", "Аянның", "Аянды", "Аянға"],
    ["Кривошеев", "Кривошеевтің", "Кривошеевке"],
    ["митинг", "митингке", "митингте", "митингтен", "митингтің"],
    ["Қазақстан", "Қазақстанда", "Қазақстанның", "Казакстан", "Qazaqstan", "Qazaqstanda", "Kazakstan"],
    ["әлеуметтік", "алеуметтик", "äleumettik", "áleýmettik", "a'leumettik"],
    ["құқық", "кукык", "quqyq"],
]
PREFIX = [
    ("митинг", ["митингілер", "митингілерден"]),
    ("желі", ["желілер", "желілерде", "желілердегі", "желіде", "jeli", "jelide"]),
    ("билік", ["bilik", "билігі", "bıligi"]),
    ("ұстал", ["ұсталды", "ұсталған", "ұсталып", "ұсталғанын"]),
    ("жаз", ["жазған", "жазды", "жазып", "жазғандардың"]),
    ("шақыр", ["шақырды", "шақырады", "шақырған", "shaqyrdy", "shakyrdy"]),
]
DIFFERENT = [("жер", "желі"), ("бас", "бес"), ("ой", "оның"), ("сот", "сөз"), ("ақпарат", "ашық"),
             ("митинг", "мин"), ("Аян", "аяқ"), ("тұтқын", "тұт")]


@pytest.fixture(scope="module")
def keys(browser):
    words = sorted({w for g in SAME_KEY for w in g} | {w for s, forms in PREFIX for w in [s, *forms]}
                   | {w for pair in DIFFERENT for w in pair})
    page = browser.new_page()
    page.add_script_tag(content=MODULE.read_text(encoding="utf-8"))
    result = page.evaluate("words => Object.fromEntries(words.map(w => [w, kazakhSearch.key(w)]))", words)
    page.close()
    return result


def test_every_form_has_the_key_of_its_word(keys):
    failures = [(w, keys[w], g[0], keys[g[0]]) for g in SAME_KEY for w in g if keys[w] != keys[g[0]]]
    assert failures == []


def test_other_forms_start_with_the_key_of_their_stem(keys):
    failures = [(w, keys[w], s, keys[s]) for s, forms in PREFIX for w in forms if not keys[w].startswith(keys[s])]
    assert failures == []


def test_unrelated_words_do_not_collide(keys):
    failures = [(a, b, keys[a]) for a, b in DIFFERENT if keys[a] == keys[b] or keys[b].startswith(keys[a]) and len(keys[a]) < 3]
    assert failures == []


def test_names_are_not_cut_down(keys):
    assert keys["Боқаев"] == "бокаев" and keys["Аян"] == "аян" and keys["Кривошеев"] == "кривошеев"
