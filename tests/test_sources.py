"""Broken sources fail the build with one line that names the file and says what to do."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT, build_site


# case: (file to break, [(text, replacement)] or None to delete the file, expected message)
CASES = {
    "page missing in one language": (
        "docs/ru/may-21.md", None,
        "docs/ru/may-21.md: missing: translate docs/kk/may-21.md into it"),
    "section ID missing": (
        "docs/en/blocking.md", [("## An “information society” { #information-society }\n", "")],
        "docs/en/blocking.md:23: section '#information-society' of docs/kk/blocking.md is missing"),
    "section ID renamed": (
        "docs/ru/prosecutions.md", [("{ #bokaev-ayan }", "{ #bokaev }")],
        "docs/ru/prosecutions.md:15: section ID '#bokaev' is not in docs/kk/prosecutions.md (expected '#bokaev-ayan')"),
    "sections out of order": (
        "docs/en/blocking.md", [("{ #vpn }", "{ #swap }"), ("{ #information-society }", "{ #vpn }"),
                                ("{ #swap }", "{ #information-society }")],
        "docs/en/blocking.md:17: section '#vpn' is out of order: follow the order of docs/kk/blocking.md"),
    "heading without ID": (
        "docs/kk/blocking.md", [(" { #vpn }", "")],
        "docs/kk/blocking.md:24: heading '## Виртуалды жеке желілер (VPN)' has no explicit ID: end it with { #some-id }"),
    "ID used twice": (
        "docs/en/index.md", [("{ #topics }", "{ #report }")],
        "docs/en/index.md:27: ID '#report' is used twice on the page: give this heading its own ID"),
    "link to a missing page": (
        "docs/ru/blocking.md", [("(may-21.md#detentions)", "(may-22.md#detentions)")],
        "Doc file 'ru/blocking.md' contains a link 'may-22.md#detentions', but the target 'ru/may-22.md' is not found"),
    "link to a missing section": (
        "docs/en/blocking.md", [("(may-21.md#detentions)", "(may-21.md#arrests)")],
        "Doc file 'en/blocking.md' contains a link 'may-21.md#arrests', but the doc 'en/may-21.md' does not contain an anchor '#arrests'"),
    "malformed front matter": (
        "docs/kk/about.md", [("title: Дереккөз және сілтеме", "title: [Дереккөз")],
        "docs/kk/about.md:3: front matter is not valid YAML"),
    "front matter without description": (
        "docs/en/recommendations.md", [("description: Amnesty", "summary: Amnesty")],
        "docs/en/recommendations.md:1: front matter has no 'description': add 'description: …'"),
    "Kazakh source line lost": (
        "docs/kk/prosecutions.md", [("ар-ұждан тұтқыны деп санайды.", "ар-ұждан тұтқыны.")],
        "source/article-kk.txt:8: this line is not on the Kazakh pages: restore it whole, or list a typo fix in source/errata.yml"),
    "article quoted with straight quotes": (
        "docs/kk/blocking.md", [("Қазақстанды «ақпараттық қоғам» ретінде", 'Қазақстанды "ақпараттық қоғам" ретінде')],
        "source/article-kk.txt:11: this line is on the Kazakh pages with other quotation marks: write them «…», and „…“ inside them"),
    "article line made a lead": (
        "docs/kk/prosecutions.md", [("пайдаланады дейді.\n", "пайдаланады дейді.\n{ .lead-note }\n")],
        "source/article-kk.txt:6: this line is not on the Kazakh pages"),
    "errata entry that leaves a quotation open": (
        "source/errata.yml", [('- {line: 5, fix: "бойынша бойынша"', "- {line: 5, fix: 'емес\"', to: емес, why: test}\n"
                                                                     '- {line: 5, fix: "бойынша бойынша"')],
        "source/article-kk.txt:4: a quotation opened here is never closed"),
    "errata entry that no longer matches": (
        "source/errata.yml", [('fix: "еске салады"', 'fix: "еске салмады"')],
        "errata.yml: line 9: 'еске салмады' occurs 0 times in the line, not once"),
}
CHECKED_BEFORE_WRITING = {"page missing in one language", "section ID missing", "section ID renamed",
                          "sections out of order", "heading without ID", "ID used twice",
                          "malformed front matter", "front matter without description"}


@pytest.fixture
def sources_copy(tmp_path):
    """The repository without what is built or installed, to break freely."""
    copy = tmp_path / "repo"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".git", ".venv", "site", "site.tmp", "node_modules",
                                                               "__pycache__", ".pytest_cache", ".downloads"))
    return copy


@pytest.mark.parametrize("case", CASES)
def test_a_broken_source_fails_the_build_with_a_clear_message(sources_copy, case):
    path, replacements, message = CASES[case]
    target = sources_copy / path
    if replacements is None:
        target.unlink()
    else:
        text = target.read_text(encoding="utf-8")
        for old, new in replacements:
            assert text.count(old) == 1, f"the case {case!r} no longer matches {path}"
            text = text.replace(old, new)
        target.write_text(text, encoding="utf-8")
    result = build_site(sources_copy, sources_copy / "site")
    assert result.returncode != 0
    assert message in result.stderr, result.stderr[-2000:]
    if case in CHECKED_BEFORE_WRITING:
        assert not (sources_copy / "site" / "index.html").exists()


def test_the_unbroken_copy_builds(sources_copy):
    result = build_site(sources_copy, sources_copy / "site")
    assert result.returncode == 0, result.stderr
