"""The README and the code's own notes name files that exist: a path that moved is found here,
not by a newcomer who looks for it.

Read: the README, and the comments and docstrings of the build (hooks/, overrides/, deploy/,
bench/, tests/support/, the Makefile, mkdocs.yml). A path from the repository's root
(`hooks/trust/csp.py`, `tests/check/`) must exist; so must a file named alone (`tour.py`,
`languages.js`) somewhere in the repository or in Material's templates. Not paths of the built
site (`download/…`, `site/_headers`), placeholders (`docs/<locale>/`) or patterns (`*.in`).
"""

from __future__ import annotations

import re
import subprocess

import pytest
from project import MATERIAL_LANGUAGES, ROOT

TRACKED = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
MATERIAL = MATERIAL_LANGUAGES.parents[1]  # material/templates
TOP = {path.split("/")[0] for path in TRACKED if "/" in path}  # hooks, tests, overrides, docs, …
ROOTED = re.compile(rf"(?<![\w/.<-])((?:{'|'.join(map(re.escape, sorted(TOP)))})/[\w./<>*-]*)")
ALONE = re.compile(r"(?<![\w/.<-])([\w-]+\.(?:py|mjs|js))\b(?![/\w-])")
READ = ["README.md", "Makefile", "mkdocs.yml", "pytest.ini"] + [
    p for p in TRACKED if p.startswith(("hooks/", "overrides/", "deploy/", "bench/", "tests/support/"))
    and p.endswith((".py", ".js", ".mjs", ".html", ".css", ".conf"))]


def named(path: str) -> list[tuple[int, str]]:
    """The paths a file names, with their line: rooted ones and files named alone."""
    found = []
    for number, line in enumerate((ROOT / path).read_text(encoding="utf-8").splitlines(), start=1):
        found += [(number, m.group(1).rstrip(".")) for m in ROOTED.finditer(line)]
        found += [(number, m.group(1)) for m in ALONE.finditer(line)]
    return found


def exists(name: str) -> bool:
    if any(sign in name for sign in "<>*") or name.endswith(".min.js"):
        return True  # a placeholder, a pattern, a file the build writes
    if "/" in name:
        return (ROOT / name).exists()
    return any(p.rsplit("/", 1)[-1] == name for p in TRACKED) or any(MATERIAL.rglob(name))


@pytest.mark.parametrize("path", READ)
def test_every_path_a_file_names_exists(path):
    assert [f"{path}:{number}: {name}" for number, name in named(path) if not exists(name)] == []


def test_every_test_the_readme_names_exists():
    """The seam table and the layout name tests as `site/test_x.py::test_y` (or `::test_y` after
    one of the same file): each must be a test of that file."""
    readme, missing, last = (ROOT / "README.md").read_text(encoding="utf-8"), [], None
    for match in re.finditer(r"`(?:(?:tests/)?((?:check|site)/test_\w+\.py))?(?:::(test_\w+))?`", readme):
        last = match.group(1) or last
        if last and not (ROOT / "tests" / last).is_file():
            missing.append(last)
        elif match.group(2) and f"def {match.group(2)}(" not in (ROOT / "tests" / last).read_text(encoding="utf-8"):
            missing.append(f"{last}::{match.group(2)}")
    assert missing == []


def test_the_readme_names_every_step_and_helper():
    """Every file of the build's steps (hooks/) and of the tests' helpers (tests/support/) is named
    in the README, where a newcomer looks for what it does."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    files = [p for p in TRACKED if p.startswith(("hooks/", "tests/support/")) and not p.endswith("__init__.py")]
    assert [p for p in files if p not in readme and p.rsplit("/", 1)[-1] not in readme] == []
