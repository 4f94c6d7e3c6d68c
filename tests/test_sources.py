"""Broken sources fail the build with one line that names the file and says what to do.

Each breakage below is made on a copy of the sources and given, in this process, to the check
the build runs on it: the hooks' own (sources.check_translations, sources.corrected_lines,
sources.check_coverage) or MkDocs's link validation with mkdocs.yml's settings. Whole builds
then prove that the real build refuses: one breakage found before anything is written, one once
the Kazakh pages are rendered (and test_share.py: a published address, at the build's end).
"""

from __future__ import annotations

import functools
import logging
import shutil
from pathlib import Path

import pytest
from content import sources
from conftest import LOCALES, PAGE_NAMES, ROOT, build_site, copy_project
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

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
        "docs/ru/prosecutions.md:16: section ID '#bokaev' is not in docs/kk/prosecutions.md (expected '#bokaev-ayan')"),
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
# The two breakages that whole builds make: found before anything is written; found once rendered.
WHOLE_BUILDS = {"section ID renamed": True, "Kazakh source line lost": False, "article line made a lead": False}
# A lead is a class given by Markdown (attr_list): only a real build renders it.
IN_PROCESS = [case for case in CASES if case != "article line made a lead"]


def break_source(root: Path, case: str) -> None:
    path, replacements, _ = CASES[case]
    target = root / path
    if replacements is None:
        target.unlink()
        return
    text = target.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, f"the case {case!r} no longer matches {path}"
        text = text.replace(old, new)
    target.write_text(text, encoding="utf-8")


# --- the checks, as the build runs them ---------------------------------------------------------

def translations(root: Path, pages) -> list[str]:
    """hooks/sources.py's on_pre_build."""
    return sources.check_translations(root / "docs", LOCALES)


def links(root: Path, pages) -> list[str]:
    """MkDocs's validation of Markdown links, with mkdocs.yml's `validation` and `strict`, on the
    pages alone (no theme of ours, no plugin, no hook): its warnings, and its refusal."""
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(root / "docs"), site_dir=str(root / "site"),
                         theme={"name": "mkdocs"}, plugins=[], hooks=[], extra_css=[],
                         nav=[f"{locale}/{name}.md" for locale in LOCALES for name in PAGE_NAMES])
    assert config.strict
    warnings: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: warnings.append(record.getMessage())
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        build(config)
    except Abort as refusal:
        warnings.append(f"refused: {refusal}")
    finally:
        logger.removeHandler(handler)
    return warnings


def kazakh_text(root: Path, pages, case: str = "Kazakh source line lost") -> list[str]:
    """hooks/sources.py's on_env, on the built Kazakh pages, broken as their Markdown is."""
    path, replacements, _ = CASES[case]
    rendered = {}
    for page in (p for p in pages if p.locale == LOCALES[0]):
        html = str(page.soup().select_one("article.md-content__inner"))
        source = page.source.relative_to(ROOT).as_posix()
        if source == path and (root / path).read_text(encoding="utf-8") != page.source.read_text(encoding="utf-8"):
            for old, new in replacements:
                assert html.count(old) == 1
                html = html.replace(old, new)
        rendered[f"docs/{page.locale}/{page.name}.md"] = sources.section_texts(html)
    lines = sources.corrected_lines(root / "source/article-kk.txt", root / "source/errata.yml")
    return sources.check_coverage(lines, rendered, "source/article-kk.txt")


def errata(root: Path, pages) -> list[str]:
    """hooks/sources.py's corrections of the article, read in on_env."""
    try:
        sources.corrected_lines(root / "source/article-kk.txt", root / "source/errata.yml")
    except PluginError as refusal:
        return [str(refusal)]
    return []


CHECKS = {"link to a missing page": links, "link to a missing section": links,
          "Kazakh source line lost": kazakh_text, "errata entry that no longer matches": errata,
          "article quoted with straight quotes": functools.partial(kazakh_text, case="article quoted with straight quotes"),
          "errata entry that leaves a quotation open": errata}


@pytest.fixture
def sources_copy(tmp_path) -> Path:
    """The sources (docs/, source/), to break freely."""
    for folder in ("docs", "source"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def test_the_unbroken_sources_pass_every_check(sources_copy, pages):
    for check in {translations, *CHECKS.values()}:
        assert check(sources_copy, pages) == [], check.__name__


@pytest.mark.parametrize("case", IN_PROCESS)
def test_a_broken_source_is_refused_with_a_clear_message(sources_copy, pages, case):
    break_source(sources_copy, case)
    found = CHECKS.get(case, translations)(sources_copy, pages)
    assert [line for line in found if CASES[case][2] in line], found
    if CHECKS.get(case) is links:
        assert found[-1].startswith("refused: Aborted with")


@pytest.mark.parametrize("case", WHOLE_BUILDS)
def test_a_broken_source_fails_the_real_build(tmp_path, case):
    project = copy_project(tmp_path / "project")
    break_source(project, case)
    result = build_site(project, project / "site")
    assert result.returncode != 0
    assert CASES[case][2] in result.stderr, result.stderr[-2000:]
    if WHOLE_BUILDS[case]:  # checked before writing
        assert not (project / "site" / "index.html").exists()
