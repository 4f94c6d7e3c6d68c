"""`make release`'s addresses: SITE_URL and ONION_URL checked before anything is built."""

from __future__ import annotations

import pytest
import release


ONION = "http://" + "a" * 56 + ".onion/"


@pytest.mark.parametrize("given, published", [("https://report.kz/", "https://report.kz/"),
                                               ("https://user.github.io/report", "https://user.github.io/report/")])
def test_a_public_address_is_published_with_a_final_slash(given, published):
    assert release.address(given) == published


@pytest.mark.parametrize("given, said", [
    ("", "SITE_URL is not set: make release SITE_URL=https://"),
    ("https://think-before-you-post.example.org/", "placeholder or local address"),
    ("http://localhost:8000/", "placeholder or local address"),
    ("report.kz", "is not an address like https://"),
    ("https://report.kz/?q=1", "is not an address like https://"),
])
def test_an_address_readers_cannot_reach_is_refused_in_one_line(given, said):
    with pytest.raises(release.Refused, match=said.replace("?", r"\?")):
        release.address(given)


def test_an_onion_address_must_be_a_v3_one():
    assert release.onion(ONION.rstrip("/")) == ONION
    with pytest.raises(release.Refused, match="not a v3 onion address"):
        release.onion("http://abc.onion/")
