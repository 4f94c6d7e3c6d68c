"""The `if-blocked` section's onion address and mirrors, filled in from the configuration."""

from __future__ import annotations

from project import LANGUAGES
from sharing import elsewhere


STRINGS = LANGUAGES[2].strings


def test_the_onion_address_and_the_mirrors_are_added_when_set():
    markdown = f"## If this site does not open\n\n{elsewhere.MARKER}\n"
    assert elsewhere.fill(markdown, STRINGS, "", []) == "## If this site does not open\n\n\n"
    filled = elsewhere.fill(markdown, STRINGS, "http://x.onion/en/", [{"name": "Mirror & co", "url": "https://m.example/"}])
    assert '<p>In Tor Browser: <a href="http://x.onion/en/">http://x.onion/en/</a></p>' in filled
    assert '<li><a href="https://m.example/">Mirror &amp; co</a></li>' in filled
