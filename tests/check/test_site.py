"""The Kazakh interface strings cover every key of Material's English ones."""

from __future__ import annotations

from project import ROOT

from project import MATERIAL_LANGUAGES, ui_strings


def test_kazakh_ui_strings_cover_every_key_of_materials_english():
    kazakh = ui_strings(ROOT / "overrides/partials/languages/kk.html")
    english = ui_strings(MATERIAL_LANGUAGES / "en.html")
    assert sorted(english.keys() - kazakh.keys()) == []
    assert kazakh["language"] == "kk"
    untranslated = [k for k, v in kazakh.items() if v == english[k] and not k.startswith(("search.config", "direction"))]
    assert untranslated == []
