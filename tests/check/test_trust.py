"""The CSP step on a small page, and every dependency pinned with hashes (Python and npm)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup
from project import ROOT

from trust import csp
from policy import inline_code_hashes, parse_policy


def requirement_lines(text: str) -> list[str]:
    """Logical lines (continuations joined), without comments, blank lines or options."""
    joined = re.sub(r"\\\n", " ", text)
    lines = [re.sub(r"(^|\s)#.*$", "", line).strip() for line in joined.splitlines()]
    return [line for line in lines if line and not line.startswith("-")]


REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(.*)$")


def unpinned_python(folder) -> tuple[list[str], int]:
    """Each requirements/<name>.in against its <name>.txt: every package pinned, with hashes."""
    unpinned, count = [], 0
    for source in sorted(folder.glob("*.in")):
        locked = requirement_lines(source.with_suffix(".txt").read_text(encoding="utf-8"))
        direct = requirement_lines(source.read_text(encoding="utf-8"))
        count += len(locked)
        unpinned += [f"{source.stem}.txt: {line.split()[0]}" for line in locked
                     if not re.match(r"^[A-Za-z0-9._\[\],-]+==\S+\s", line + " ") or "--hash=sha256:" not in line]
        unpinned += [f"{source.name}: {line}" for line in direct if not re.fullmatch(r"[A-Za-z0-9._\[\],-]+==[^\s;]+", line)]
        versions = {REQUIREMENT.match(line).group(1).lower().replace("_", "-"): line.split("==")[1].split()[0]
                    for line in locked if "==" in line}
        unpinned += [f"{source.name}: {line} is not in {source.stem}.txt" for line in direct
                     if versions.get(line.split("==")[0].lower().replace("_", "-")) != line.split("==")[-1]]
    return unpinned, count


def test_the_csp_hook_finds_only_code_a_browser_runs_and_places_one_meta_first():
    page = (ROOT / "tests/check/data/trust-inline.html").read_text(encoding="utf-8").replace("var crlf = 1;\n", "var crlf = 1;\r\n")
    assert len(csp.inline_scripts(page)) == 3 and len(csp.inline_styles(page)) == 1  # run, module, crlf; not JSON, not src
    text = csp.policy([csp.source_hash(s) for s in csp.inline_scripts(page)], [])
    assert csp.undeclared(page, text) == ["<style> " + repr(csp.inline_styles(page)[0][:60].strip())]
    secured = BeautifulSoup(csp.with_policy(csp.with_policy(page, text), text), "lxml")
    metas = secured.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert len(metas) == 1 and metas[0]["content"] == text
    assert [t.name for t in secured.head.find_all(True)][:2] == ["meta", "meta"]
    assert secured.head.find("meta")["charset"] == "utf-8"
    scripts, _ = inline_code_hashes(secured)
    assert set(parse_policy(text)["script-src"]) == {"'self'", *scripts}


def test_every_python_package_is_pinned_with_hashes(gate):
    unpinned, locked = unpinned_python(ROOT / "requirements")
    npm = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    wanted = {**npm.get("dependencies", {}), **npm.get("devDependencies", {})}
    unpinned += [f"package.json: {name} {version}" for name, version in wanted.items()
                 if not re.fullmatch(r"\d+\.\d+\.\d+", version)]
    installed = {name: entry for name, entry in lock["packages"].items() if name}
    unpinned += [f"package-lock.json: {name}" for name, entry in installed.items()
                 if not entry.get("version") or not entry.get("integrity", "").startswith("sha512-")]
    unpinned += [f"package-lock.json: {name} is not {version}" for name, version in wanted.items()
                 if installed.get(f"node_modules/{name}", {}).get("version") != version]
    gate("unpinned dependencies", len(unpinned), locked + len(installed), template="{} of {} packages")
    assert locked and installed
    assert unpinned == []


def test_installs_check_the_pins(tmp_path):
    """The Makefile's installs refuse what the lock files do not pin: pip a package it cannot check
    by its hash (a folder, whose build would fail anyway: nothing is installed), `npm ci` a
    package.json that package-lock.json does not match."""
    shutil.copy(ROOT / "Makefile", tmp_path)
    (tmp_path / "requirements").mkdir()
    (tmp_path / "requirements/site.txt").write_text("./unpinned\n", encoding="utf-8")
    (tmp_path / "unpinned").mkdir()
    (tmp_path / "unpinned/pyproject.toml").write_text('[build-system]\nrequires = []\nbuild-backend = "none"\n')
    (tmp_path / ".venv").symlink_to(Path(sys.prefix))  # the project's venv: only the install runs
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    package.setdefault("devDependencies", {})["left-pad"] = "1.3.0"
    (tmp_path / "package.json").write_text(json.dumps(package), encoding="utf-8")
    shutil.copy(ROOT / "package-lock.json", tmp_path)
    installs = [subprocess.Popen(["make", *flags, "-C", str(tmp_path), target], stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True)  # side by side: each takes a second
                for flags, target in ((["-B"], ".venv/bin/mkdocs"), ([], "node_modules/.package-lock.json"))]
    (pip, pip_said), (npm, npm_said) = [(run, run.communicate()[0]) for run in installs]
    assert pip.returncode != 0 and "Can't verify hashes" in pip_said, pip_said
    assert npm.returncode != 0 and "in sync" in npm_said, npm_said
    assert not (tmp_path / "node_modules/left-pad").exists()
