"""A release that is safe to print: checked addresses, an onion twin, and an IPFS archive."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import release
from browser import Watch, serve
from project import ROOT, build_site
from playwright.sync_api import expect

ONION = "http://" + "a" * 56 + ".onion/"


def test_make_release_refuses_the_placeholder_and_leaves_site_and_dist_as_they_were(tmp_path):
    before = {p: p.stat().st_mtime_ns for p in (ROOT / "site").glob("*.html")}
    result = subprocess.run(["make", "--no-print-directory", "release", "SITE_URL=https://think-before-you-post.example.org/"],
                            cwd=ROOT, capture_output=True, text=True, env={**os.environ, "SITE_URL": ""})
    assert result.returncode != 0
    assert "Error: SITE_URL=https://think-before-you-post.example.org/ is a placeholder" in result.stderr
    assert {p: p.stat().st_mtime_ns for p in (ROOT / "site").glob("*.html")} == before


def test_with_an_onion_address_every_page_names_its_onion_twin(tmp_path, monkeypatch):
    monkeypatch.setenv("ONION_URL", ONION)
    result = build_site(ROOT, tmp_path / "site", downloads=False)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site/ru/prosecutions/index.html").read_text(encoding="utf-8")
    assert f'<meta http-equiv="onion-location" content="{ONION}ru/prosecutions/">' in page
    monkeypatch.setenv("ONION_URL", "http://abc.onion/")
    refused = build_site(ROOT, tmp_path / "refused", downloads=False)
    assert refused.returncode != 0 and "ONION_URL='http://abc.onion/' is not a v3 onion service's address" in refused.stderr


def test_without_an_onion_address_no_page_mentions_onions(site):
    assert [p for p in site.rglob("*.html") if "onion" in p.read_text(encoding="utf-8")] == []


@pytest.fixture(scope="module")
def packed(site, tmp_path_factory) -> tuple[Path, str]:
    dist = tmp_path_factory.mktemp("release") / "dist"
    return dist, release.pack(site, dist)


def test_the_ipfs_archive_has_a_stable_address_and_unpacks_to_the_site(site, packed, tmp_path):
    dist, cid = packed
    assert (dist / "CID").read_text() == cid + "\n"
    assert release.pack(site, tmp_path / "again") == cid
    assert (tmp_path / "again/site.car").read_bytes() == (dist / "site.car").read_bytes()
    subprocess.run([str(release.IPFS_CAR), "unpack", str(dist / "site.car"), "--output", str(tmp_path / "out")], check=True)
    unpacked = sorted(p.relative_to(tmp_path / "out") for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert unpacked == sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    assert all((tmp_path / "out" / p).read_bytes() == (site / p).read_bytes() for p in unpacked)


def test_the_site_reads_from_a_gateway_path(browser, site, packed):
    _, cid = packed
    with serve(site, f"ipfs/{cid}") as url:
        tab = browser.new_page()
        watch = Watch(tab, url.split("/ipfs/")[0])
        tab.goto(url + "ru/prosecutions/")
        expect(tab.locator("article h1")).to_be_visible()
        links = tab.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        assert "".join(links).count(url + "en/prosecutions/") and url + "ru/about/" in links
        tab.goto(url + "en/prosecutions/")
        expect(tab.locator("article h1")).to_be_visible()
        tab.close()
    assert watch.failed == [] and watch.foreign == [] and watch.errors == []


def test_a_car_that_cannot_be_written_names_the_file(site, tmp_path, monkeypatch):
    monkeypatch.setattr(release, "IPFS_CAR", Path("/bin/false"))
    with pytest.raises(release.Refused, match=r"dist/site.car could not be written"):
        release.pack(site, tmp_path / "dist")
