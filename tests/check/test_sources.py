"""Broken sources fail the build with one line that names the file and says what to do.

Each breakage is made on a copy of a small project (data/sources/: two pages in three languages,
a four-line article and its errata) and given, in this process, to the check the build runs on
it: the hooks' own (sources.check_translations, sources.corrected_lines, sources.check_coverage
on the Kazakh pages as Python-Markdown renders them with mkdocs.yml's extensions) or MkDocs's
link validation with mkdocs.yml's settings. tests/site/test_sources.py proves that the real
build refuses such sources.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from content import sources
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError
from project import LOCALES, ROOT, rendered

PROJECT = Path(__file__).parent / "data/sources"
PAGES = ["index.md", "page.md"]

# case: (file to break, [(text, replacement)] or None to delete the file, expected message)
CASES = {
    "page missing in one language": (
        "docs/ru/page.md", None,
        "docs/ru/page.md: missing: translate docs/kk/page.md into it"),
    "section ID missing": (
        "docs/en/page.md", [("## Third section { #third }\n", "")],
        "docs/en/page.md:14: section '#third' of docs/kk/page.md is missing"),
    "section ID renamed": (
        "docs/ru/page.md", [("{ #second }", "{ #secnd }")],
        "docs/ru/page.md:8: section ID '#secnd' is not in docs/kk/page.md (expected '#second')"),
    "sections out of order": (
        "docs/en/page.md", [("{ #second }", "{ #swap }"), ("{ #third }", "{ #second }"), ("{ #swap }", "{ #third }")],
        "docs/en/page.md:8: section '#third' is out of order: follow the order of docs/kk/page.md"),
    "heading without ID": (
        "docs/kk/page.md", [(" { #third }", "")],
        "docs/kk/page.md:12: heading '## Үшінші бөлім' has no explicit ID: end it with { #some-id }"),
    "ID used twice": (
        "docs/en/page.md", [("{ #third }", "{ #second }")],
        "docs/en/page.md:12: ID '#second' is used twice on the page: give this heading its own ID"),
    "link to a missing page": (
        "docs/ru/index.md", [("(page.md#second)", "(pages.md#second)")],
        "Doc file 'ru/index.md' contains a link 'pages.md#second', but the target 'ru/pages.md' is not found"),
    "link to a missing section": (
        "docs/en/index.md", [("(page.md#second)", "(page.md#fourth)")],
        "Doc file 'en/index.md' contains a link 'page.md#fourth', but the doc 'en/page.md' does not contain an anchor '#fourth'"),
    "malformed front matter": (
        "docs/kk/index.md", [("title: Басты бет", "title: [Басты бет")],
        "docs/kk/index.md:3: front matter is not valid YAML"),
    "front matter without description": (
        "docs/en/page.md", [("description: A second", "summary: A second")],
        "docs/en/page.md:1: front matter has no 'description': add 'description: …'"),
    "Kazakh source line lost": (
        "docs/kk/page.md", [("Төртінші жол.", "Төртінші.")],
        "source/article-kk.txt:4: this line is not on the Kazakh pages: restore it whole, or list a typo fix in source/errata.yml"),
    "article quoted with straight quotes": (
        "docs/kk/index.md", [("«үлгі сөз»", '"үлгі сөз"')],
        "source/article-kk.txt:2: this line is on the Kazakh pages with other quotation marks: write them «…», and „…“ inside them"),
    "article line made a lead": (
        "docs/kk/page.md", [("Төртінші жол.\n", "Төртінші жол.\n{ .lead-note }\n")],
        "source/article-kk.txt:4: this line is not on the Kazakh pages"),
    "errata entry that leaves a quotation open": (
        "source/errata.yml", [("- {line: 3", "- {line: 2, fix: 'сөз\"', to: сөз, why: test}\n- {line: 3")],
        "source/article-kk.txt:2: a quotation opened here is never closed"),
    "errata entry that no longer matches": (
        "source/errata.yml", [('fix: "жол жол"', 'fix: "жол жолы"')],
        "errata.yml: line 3: 'жол жолы' occurs 0 times in the line, not once"),
}


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

def configuration(root: Path):
    """mkdocs.yml's Markdown and validation settings on the pages of `root` (no theme of ours, no
    plugin, no hook)."""
    return load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(root / "docs"), site_dir=str(root / "site"),
                       theme={"name": "mkdocs"}, plugins=[], hooks=[], extra_css=[],
                       nav=[f"{locale}/{name}" for locale in LOCALES for name in PAGES])


def translations(root: Path) -> list[str]:
    """What the build checks in on_pre_build."""
    return sources.check_translations(root / "docs", LOCALES)


def links(root: Path) -> list[str]:
    """MkDocs's validation of Markdown links, as mkdocs.yml sets it: its warnings, and its refusal."""
    config = configuration(root)
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


def kazakh_text(root: Path) -> list[str]:
    """What the build checks in on_env: the article's lines on the Kazakh pages, as rendered."""
    texts = {f"docs/{LOCALES[0]}/{name}": sources.section_texts(rendered(root / "docs" / LOCALES[0] / name))
             for name in PAGES}
    try:
        lines = sources.corrected_lines(root / "source/article-kk.txt", root / "source/errata.yml")
    except PluginError as refusal:
        return [str(refusal)]
    return sources.check_coverage(lines, texts, "source/article-kk.txt")


CHECKS = {"link to a missing page": links, "link to a missing section": links, "Kazakh source line lost": kazakh_text,
          "article quoted with straight quotes": kazakh_text, "article line made a lead": kazakh_text,
          "errata entry that no longer matches": kazakh_text, "errata entry that leaves a quotation open": kazakh_text}


@pytest.fixture
def project(tmp_path) -> Path:
    """The small project, to break freely."""
    return shutil.copytree(PROJECT, tmp_path / "project")


def test_the_unbroken_sources_pass_every_check(project):
    for check in (translations, links, kazakh_text):
        assert check(project) == [], check.__name__


@pytest.mark.parametrize("case", CASES)
def test_a_broken_source_is_refused_with_a_clear_message(project, case):
    break_source(project, case)
    found = CHECKS.get(case, translations)(project)
    assert [line for line in found if CASES[case][2] in line], found
    if CHECKS.get(case) is links:
        assert found[-1].startswith("refused: Aborted with")
