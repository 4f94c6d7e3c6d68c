"""What both tiers share: the trust gates' counts, recorded by any test and printed at the end.

The fixtures of the built site are in tests/site/conftest.py; the fast tier (tests/check/)
never builds it.
"""

from __future__ import annotations

import pytest


# --- the trust gates' counts, printed at the end (also from pytest-xdist's workers) -----------------

@pytest.fixture
def gate(record_property):
    """Record one gate's count for the summary: `gate(name, *numbers, template=..., part=...)`.

    Numbers of the same gate (and part: online, file) are added up.
    """
    def record(name: str, *numbers, template: str = "{}", part: str | None = None) -> None:
        record_property("gate", [name, list(numbers), template, part])
    return record


PARTS = ["online", "file"]
GATES = ["pages read (online, file://; light and dark)", "requests leaving the site",
         "cookies and stored keys beyond the palette", "CSP violations reported by Chromium",
         "pages without a strict CSP", "axe violations (WCAG 2.2 A, AA; light and dark)",
         "Nu HTML Checker errors", "unpinned dependencies"]  # their order in the summary


def pytest_terminal_summary(terminalreporter):
    reports = [r for kind in ("passed", "failed") for r in terminalreporter.stats.get(kind, [])
               if getattr(r, "when", None) == "call"]
    if not reports:
        return
    gates: dict[str, list] = {}
    for report in reports:
        for key, value in report.user_properties:
            if key == "gate":
                gates.setdefault(value[0], []).append(value[1:])
    links = [r.outcome for r in reports if r.nodeid.endswith("test_every_internal_link_and_anchor_resolves")]
    sources = [r.outcome for r in reports if "test_a_broken_source" in r.nodeid]
    if not (gates or links or sources):
        return
    terminalreporter.section("trust gates")
    for name, records in sorted(gates.items(), key=lambda g: GATES.index(g[0]) if g[0] in GATES else len(GATES)):
        parts = sorted({part for _, _, part in records}, key=lambda p: PARTS.index(p) if p in PARTS else len(PARTS))
        line = ", ".join(records[0][1].format(*(sum(column) for column in zip(
            *(numbers for numbers, _, part in records if part == each)))) for each in parts)
        terminalreporter.write_line(f"{name}: {line}")
    if links:
        terminalreporter.write_line(f"broken links and anchors: {'0' if links == ['passed'] else 'some (see test_site.py)'}")
    if sources:
        terminalreporter.write_line(f"bad sources caught: {sources.count('passed')} of {len(sources)}")

