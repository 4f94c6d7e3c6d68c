"""`make release`'s addresses: SITE_URL and ONION_URL checked before anything is built."""

from __future__ import annotations

import subprocess
import sys

import pytest
import release
from project import ROOT


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
    with pytest.raises(release.Refused, match="ONION_URL='http://abc.onion/' is not a v3 onion service's address"):
        release.onion("http://abc.onion/")


@pytest.mark.parametrize("given, said", [
    ('https://a.org"><details open ontoggle=alert(1)>', "holds characters an address cannot"),
    ("https://a.org/\n", "holds characters an address cannot"),
    ("https://a.org/ x", "holds characters an address cannot"),
    ("javascript:alert(1)//", "is not an address like https://"),
    ("https://user@a.org/", "is not an address like https://"),
    ("", "SITE_URL is empty"),
])
def test_every_build_refuses_a_site_url_that_is_not_a_clean_address(given, said):
    """What the pages, the downloads and the headers are written from: refused, naming SITE_URL."""
    with pytest.raises(release.Refused, match="SITE_URL.*" + said if given else said):
        release.clean(given, "SITE_URL")
    assert release.clean("https://think-before-you-post.example.org/", "SITE_URL")  # fine while writing


@pytest.mark.parametrize("given", [ONION + "\nX-Evil: 1", ONION.replace("http", "javascript"), ONION + "path/",
                                   " " + ONION, ONION.replace("a" * 56, "A" * 56)])
def test_an_onion_address_with_anything_but_its_own_characters_is_refused(given):
    with pytest.raises(release.Refused, match=r"ONION_URL=.* is not a v3 onion service's address"):
        release.onion(given)


def test_values_given_to_make_are_data_never_shell_code(tmp_path):
    """`make release SITE_URL='x"; touch FILE; echo "'` and `make preview PORT='1; touch FILE'`
    once ran the touch; a failed address check stops the release."""
    pwned = tmp_path / "pwned"
    for target, value in [("release", f'SITE_URL=x"; touch {pwned}; echo "'), ("preview", f"PORT=1; touch {pwned}"),
                          ("release", f"SITE_URL=https://a.org/$(shell touch {pwned})")]:
        result = subprocess.run(["make", "--no-print-directory", target, value], cwd=ROOT, capture_output=True, text=True)
        assert result.returncode != 0 and not pwned.exists(), (target, value, result.stderr[-500:])
    assert "Error: SITE_URL='https://a.org/$(shell touch" in result.stderr


@pytest.mark.parametrize("step", [["-m", "downloads", "{target}"], ["-m", "mkdocs", "build", "--strict", "--site-dir", "{target}"]])
def test_both_build_steps_refuse_a_hostile_site_url_before_writing_anything(tmp_path, step):
    """It once built, and put a live element in every page's <head>; an empty one failed on ZIM metadata."""
    import os
    for value in ['https://a.org"><details open ontoggle=alert(1)>', ""]:
        env = {**os.environ, "SITE_URL": value, "PYTHONPATH": str(ROOT / "hooks"), "NO_MKDOCS_2_WARNING": "1",
               "SOURCE_DATE_EPOCH": "1496275200"}
        command = [sys.executable, *(part.format(target=tmp_path / "out") for part in step)]
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        assert result.returncode != 0 and "SITE_URL" in result.stderr and not (tmp_path / "out").exists(), result.stderr[-800:]
        assert ("holds characters an address cannot" if value else "SITE_URL is empty") in result.stderr


def test_a_mirror_is_published_only_at_a_clean_http_address():
    from mkdocs.exceptions import PluginError
    from sharing import elsewhere
    strings = {"blocked_onion": "{address}", "blocked_mirrors": "Mirrors:"}
    assert 'href="https://m.org/"' in elsewhere.fill(elsewhere.MARKER, strings, "", [{"name": "M", "url": "https://m.org/"}])
    for mirror in [{"name": "M", "url": "javascript:alert(1)"}, {"name": "M", "url": "https://m.org/\n"}, {"url": "https://m.org/"}]:
        with pytest.raises(PluginError, match=r"mkdocs.yml: extra.mirrors\[0\]"):
            elsewhere.fill(elsewhere.MARKER, strings, "", [mirror])
