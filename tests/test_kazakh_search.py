"""The Kazakh key of the search (lunr.kk.min.js), run as is in Chromium, on tests/data/kazakh-forms.yml.

Readers type Kazakh in any of three Latin alphabets, in chat transliteration or on a Russian
keyboard, and in any inflected form: each must reach the same index key, and unrelated words
must not. The lunr glue of the file (part B) runs only in Material's worker, where lunr is
defined; the search box tests (test_search.py) exercise it end to end.
"""

from __future__ import annotations

import pytest
import yaml
from conftest import ROOT

MODULE = ROOT / "overrides/assets/javascripts/lunr/min/lunr.kk.min.js"
FORMS = yaml.safe_load((ROOT / "tests/data/kazakh-forms.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def kazakh(browser):
    """A blank page with the module loaded and no lunr, so that only part A runs."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.add_script_tag(content=MODULE.read_text(encoding="utf-8"))
    page.errors = errors
    yield page
    page.close()


def run(page, function: str, words) -> dict[str, str]:
    """`kazakhSearch.<function>` of every word, in one round trip."""
    words = sorted({str(w) for w in words})
    return page.evaluate("([f, ws]) => Object.fromEntries(ws.map(w => [w, kazakhSearch[f](w)]))",
                         [function, words])


def test_the_module_loads_without_lunr(kazakh):
    """Part A stands alone: the unit tests need no lunr, and part B is skipped without one."""
    loaded = kazakh.evaluate("[typeof lunr, Object.keys(kazakhSearch).sort()]")
    assert loaded == ["undefined", ["key", "normalise", "stem"]]
    assert kazakh.errors == []


def test_every_form_has_the_key_of_its_word(kazakh):
    keys = run(kazakh, "key", [w for group in FORMS["same_key"] for w in group])
    failures = [f"{w!r} -> {keys[str(w)]!r}, but {group[0]!r} -> {keys[str(group[0])]!r}"
                for group in FORMS["same_key"] for w in group[1:] if keys[str(w)] != keys[str(group[0])]]
    assert failures == []


def test_other_forms_start_with_the_key_of_their_stem(kazakh):
    """Where a form keeps more of its suffix, the search still finds it as a prefix."""
    pairs = [(stem, w) for stem, forms in FORMS["prefix_of"].items() for w in forms]
    keys = run(kazakh, "key", [w for pair in pairs for w in pair])
    failures = [f"{w!r} -> {keys[w]!r} does not start with {keys[stem]!r} (the key of {stem!r})"
                for stem, w in pairs if not keys[w].startswith(keys[stem])]
    assert failures == []


def test_unrelated_words_do_not_collide(kazakh):
    keys = run(kazakh, "key", [w for pair in FORMS["different"] for w in pair])
    failures = [f"{a!r} and {b!r} share the key {keys[a]!r}" for a, b in FORMS["different"] if keys[a] == keys[b]]
    assert failures == []


def test_names_keep_their_whole_stem(kazakh):
    """A naive stripper cuts Боқаев to бока: a name in -ев/-ов/-ян/-стан keeps its ending."""
    keys = run(kazakh, "key", FORMS["names"])
    failures = [f"{w!r} -> {keys[w]!r}, expected {key!r}" for w, key in FORMS["names"].items() if keys[w] != key]
    assert failures == []


def test_every_alphabet_normalises_to_one_folded_form(kazakh):
    expected = {str(w): str(form) for table in FORMS["normalise"].values() for w, form in table.items()}
    folded = run(kazakh, "normalise", expected)
    failures = [f"{w!r} -> {folded[w]!r}, expected {form!r}" for w, form in expected.items() if folded[w] != form]
    assert failures == []
