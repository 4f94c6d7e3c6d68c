"""Our copy of Material's header is Material's, with only our additions (reading without scripts:
tests/site/test_reading.py)."""

from __future__ import annotations

import re
from pathlib import Path

from project import ROOT

import material


def test_our_header_is_materials_with_only_our_additions():
    """overrides/partials/header.html copies Material's: without the parts between `ours` and
    `/ours` (and its own opening comment), it is Material's file, so an update of Material shows
    here."""
    ours = (ROOT / "overrides/partials/header.html").read_text(encoding="utf-8")
    theirs = (Path(material.__file__).parent / "templates/partials/header.html").read_text(encoding="utf-8")
    ours = re.sub(r"[ \t]*\{#- ours -#\}.*?\{#- /ours -#\}\n", "", ours.split("-#}\n", 1)[1], flags=re.S)
    assert ours == theirs.split("-#}\n", 1)[1]


def test_the_scope_script_our_header_writes_in_the_body_is_materials():
    """Material writes its `__md_scope` script in <head>; our header writes it first in <body>
    (overrides/partials/javascripts/base.html says why), from a copy that is Material's file as it is."""
    theirs = Path(material.__file__).parent / "templates/partials/javascripts/base.html"
    assert (ROOT / "overrides/partials/javascripts/scope.html").read_text(encoding="utf-8") == \
        theirs.read_text(encoding="utf-8")
