"""The build's steps (hooks/pipeline.py), each on a small site of its own, without MkDocs."""

from __future__ import annotations

import json

from project import LANGUAGES


def test_the_split_index_is_data_material_reads(site):
    for language in LANGUAGES:
        data = json.loads((site / language.home / "search/search_index.json").read_text(encoding="utf-8"))
        assert data["config"]["lang"] == [language.locale, "wordforms"] and data["docs"]


def test_the_purge_sees_the_downloads_table(site):
    """The table is written while the about pages render, before the purge (not after, as once)."""
    [joined] = site.glob("assets/stylesheets/site.*.css")
    assert "code.sha256" in joined.read_text(encoding="utf-8")
