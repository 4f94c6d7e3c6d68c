"""The pages' years, read from their front matter: a page whose events are not a year stops the
build (the pages themselves: tests/site/test_time.py)."""

from __future__ import annotations

import pytest
from content import dates
from mkdocs.exceptions import PluginError


def test_a_page_whose_events_are_not_a_year_stops_the_build():
    assert dates.events_year({"events": 2016}, "docs/kk/may-21.md") == "2016"
    assert dates.events_year({}, "docs/kk/index.md") is None
    with pytest.raises(PluginError, match=r"docs/kk/may-21\.md: front matter 'events: last year' is not a year"):
        dates.events_year({"events": "last year"}, "docs/kk/may-21.md")
