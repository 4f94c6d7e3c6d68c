"""Small faults with a clear outcome: each once ended in a traceback (or a silent stop), now in a
message that says what to do, or a graceful fallback (the scripts': tests/check/js/)."""

from __future__ import annotations

import fcntl
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError
from project import ROOT

from downloads import flyer
from weight import stylesheet


def test_a_changed_stylesheet_link_stops_the_purge_naming_the_seam(tmp_path):
    """It died with an IndexError when Material's <link rel="stylesheet"> was written otherwise."""
    pages = {"index.html": '<html><head><link href="assets/main.css" rel="stylesheet"></head><body></body></html>'}
    with pytest.raises(PluginError, match=r"no page links a stylesheet as .*Material's stylesheet link changed"):
        stylesheet.join(tmp_path, pages, SimpleNamespace(site_url="https://e.org/"), set())


def test_a_home_page_without_a_lead_stops_the_flyer_naming_the_file(tmp_path):
    """It died with an AttributeError."""
    (tmp_path / "index.md").write_text("---\ntitle: t\n---\n\nNo lead here.\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"index.md: no lead paragraph for the flyer: .*\{ \.lead \}"):
        flyer.lead(tmp_path)


def test_a_second_build_in_the_same_clone_stops_at_once_saying_so():
    """Two builds at once shared site.tmp and .downloads and collided with a traceback."""
    with open(ROOT / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running build holds it
        result = subprocess.run(["make", "--no-print-directory", "build"], cwd=ROOT, capture_output=True, text=True,
                                timeout=60)
    assert result.returncode != 0
    assert "Error: another build is running in this clone (.build.lock): wait for it to end" in result.stderr
    assert "downloads" not in result.stdout  # nothing of the build ran
