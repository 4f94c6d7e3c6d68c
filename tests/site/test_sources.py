"""The real build refuses broken sources: one breakage found before anything is written, one once
the Kazakh pages are rendered (and test_share.py: a published address, at the build's end).

Each breaks a copy of the project where the live pages allow it, found by what they hold (a
section ID, a line of the article), not by line numbers; every kind of breakage and its exact
message is tests/check/test_sources.py's, on a small project of its own.
"""

from __future__ import annotations

import re
from pathlib import Path

from content import sources
from project import LOCALES, build_site, copy_project

TRANSLATION = LOCALES[1]


def rename_a_section_id(project: Path) -> str:
    """Rename the first section ID of a translation; the message the build must give."""
    for path in sorted((project / "docs" / TRANSLATION).glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if found := re.search(r"\{ #([a-z0-9-]+) \}", text):
            path.write_text(text.replace(found.group(0), f"{{ #{found.group(1)}-renamed }}", 1), encoding="utf-8")
            return (rf"docs/{TRANSLATION}/{path.name}:\d+: section ID '#{found.group(1)}-renamed' is not in "
                    rf"docs/{LOCALES[0]}/{path.name} \(expected '#{found.group(1)}'\)")
    raise AssertionError(f"no section ID in docs/{TRANSLATION}/")


def lose_an_article_line(project: Path) -> str:
    """Drop the last word of an article line from the Kazakh page that holds it; the message."""
    lines = sources.corrected_lines(project / "source/article-kk.txt", project / "source/errata.yml")
    pages = sorted((project / "docs" / LOCALES[0]).glob("*.md"))
    for number, line in reversed(list(enumerate(lines, 1))):
        ending = " ".join(line.split()[-4:])
        holding = [p for p in pages if p.read_text(encoding="utf-8").count(ending) == 1]
        if len(holding) == 1:
            text = holding[0].read_text(encoding="utf-8")
            holding[0].write_text(text.replace(ending, ending.rsplit(" ", 1)[0]), encoding="utf-8")
            return rf"source/article-kk\.txt:{number}: this line is not on the Kazakh pages"
    raise AssertionError("no line of the article is on one Kazakh page as written")


def test_a_renamed_section_stops_the_real_build_before_anything_is_written(tmp_path):
    project = copy_project(tmp_path / "project")
    said = rename_a_section_id(project)
    result = build_site(project, project / "site")
    assert result.returncode != 0 and re.search(said, result.stderr), result.stderr[-2000:]
    assert not (project / "site" / "index.html").exists()


def test_a_lost_article_line_stops_the_real_build(tmp_path):
    project = copy_project(tmp_path / "project")
    said = lose_an_article_line(project)
    result = build_site(project, project / "site")
    assert result.returncode != 0 and re.search(said, result.stderr), result.stderr[-2000:]
