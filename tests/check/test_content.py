"""The source checks on small texts: quotation marks, lost or moved lines, leads; every page's
section IDs. The built pages' side: tests/site/test_content.py; broken sources: test_sources.py."""

from __future__ import annotations

import re

import pytest
from content import sources
from mkdocs.exceptions import PluginError
from project import LOCALES, PAGE_NAMES, ROOT


def test_the_source_check_reads_the_articles_straight_quotes_as_kazakh_ones(monkeypatch):
    """«…», and „…“ inside them; a quotation may close on a later line; only the signs change."""
    assert sources.typographic_quotes(['"бір', 'екі" үш "төрт "бес" алты" (жеті "сегіз")'], "t.txt") == [
        "«бір", "екі» үш «төрт „бес“ алты» (жеті «сегіз»)"]
    lines = sources.corrected_lines(ROOT / "source/article-kk.txt", ROOT / "source/errata.yml")
    assert '"' not in "".join(lines)
    assert lines[3].startswith("«Қазақстандағы") and lines[4].startswith("Енді бұлай емес» дейді")
    monkeypatch.setattr(sources, "typographic_quotes", lambda lines, name: lines)
    as_received = sources.corrected_lines(ROOT / "source/article-kk.txt", ROOT / "source/errata.yml")
    assert [re.sub("[«»„“]", '"', line) for line in lines] == as_received


@pytest.mark.parametrize("lines, message", [
    (['бір" екі'], "t.txt:1: a quotation mark closes none that is open"),
    (['бір', '"екі', 'үш'], "t.txt:2: a quotation opened here is never closed"),
    (['"бір "екі "үш" екі" бір"'], "t.txt:1: a quotation opens inside 2 open ones")])
def test_the_source_check_refuses_quotation_marks_it_cannot_pair(lines, message):
    with pytest.raises(PluginError) as error:
        sources.typographic_quotes(lines, "t.txt")
    assert str(error.value).startswith(message)


def test_the_coverage_check_notices_a_lost_or_moved_line():
    lines = ["бірінші жол.", "екінші жол."]
    assert sources.check_coverage(lines, {"a": {"x": "бірінші жол. екінші жол."}}, "t.txt") == []
    lost = sources.check_coverage(lines, {"a": {"x": "бірінші жол."}}, "t.txt")
    assert lost == ["t.txt:2: this line is not on the Kazakh pages: restore it whole, or list a typo fix in source/errata.yml"]
    moved = sources.check_coverage(lines, {"a": {"x": "екінші жол. бірінші жол."}}, "t.txt")
    assert moved == ["t.txt:2: this line comes before line 1 in a#x: keep the source's order"]
    straight = sources.check_coverage(["«бір» жол."], {"a": {"x": '"бір" жол.'}}, "t.txt")
    assert straight == ["t.txt:1: this line is on the Kazakh pages with other quotation marks: write them «…», and „…“ inside them"]


def test_a_lead_is_not_counted_as_the_articles_text():
    html = '<h2 id="x">Бөлім</h2><p class="lead-note"><em>Бірінші жол.</em></p><p>Екінші жол.</p>'
    assert sources.section_texts(html)["x"] == "Бөлім Екінші жол."
    assert sources.check_coverage(["Бірінші жол."], {"a": sources.section_texts(html)}, "t.txt") != []


def test_pages_have_the_required_section_ids():
    required = {"index": ["report", "krivosheev"], "blocking": ["site-blocking", "information-society", "vpn"],
                "prosecutions": ["surveillance", "bokaev-ayan"], "may-21": ["detentions", "what-they-posted"],
                "recommendations": ["amend-codes"], "about": ["source", "cite", "share", "downloads", "if-blocked", "verify"],
                "links": []}  # the share table's page: no section of its own, so no short address moves
    assert sorted(required) == PAGE_NAMES
    for locale in LOCALES:
        for name, ids in required.items():
            found = [h.id for h in sources.read_page(ROOT / "docs" / locale / f"{name}.md", ROOT).headings]
            assert [i for i in found if i in ids] == ids, (locale, name, found)


def test_an_unpaired_guillemet_is_refused_naming_the_file_and_line(tmp_path):
    page = tmp_path / "docs/kk/blocking.md"
    page.parent.mkdir(parents=True)
    page.write_text("---\ntitle: t\ndescription: d\n---\n\n«Бір» және «екі\nжалғасы» `«код`\n\n«үш\n", encoding="utf-8")
    assert sources.read_page(page, tmp_path).problems == [
        "docs/kk/blocking.md:9: a « opened here is never closed: close the quotation with », as the article's quotes are"]
    page.write_text("---\ntitle: t\ndescription: d\n---\n\nбір» екі\n", encoding="utf-8")
    assert sources.read_page(page, tmp_path).problems == [
        "docs/kk/blocking.md:6: a » closes no « that is open: add the «, or remove the »"]
