"""The share cards: the same bytes for the same title, and a missing font named with what to install."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError

from sharing import cards


def test_a_card_is_the_same_bytes_for_the_same_title_and_differs_for_another():
    first = cards.card_png("Жазбалар үшін қудалау", "Жазба жарияламастан бұрын ойлан", "example.org/prosecutions/")
    again = cards.card_png("Жазбалар үшін қудалау", "Жазба жарияламастан бұрын ойлан", "example.org/prosecutions/")
    other = cards.card_png("Жазбалар үшін қудалау!", "Жазба жарияламастан бұрын ойлан", "example.org/prosecutions/")
    assert first == again != other


def test_a_missing_font_stops_the_build_and_says_what_to_install(monkeypatch):
    monkeypatch.setattr(cards, "BOLD", "Nowhere Sans:style=Bold")
    with pytest.raises(PluginError, match=r"fontconfig finds no 'Nowhere Sans:style=Bold'.*install Debian's fonts-dejavu-core"):
        cards.card_png("Title", "Site", "example.org/")
