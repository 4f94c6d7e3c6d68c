"""A release that is safe to print: checked addresses, an onion twin, and an IPFS archive."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import release
import torf
from bs4 import BeautifulSoup
from browser import Watch, serve
from downloads import signing
from keys import make_keys
from project import HOME, LOCALES, ROOT, build_site, copy_project, pdf_text
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


SIGNATURES = re.compile(r"minisign|minisig|signature|signed|подпис|қолтаңба", re.IGNORECASE)


def copies_texts(site: Path) -> dict[str, str]:
    """Every page of the site, every single-file HTML and the text of every report PDF."""
    texts = {str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    texts.update({f"report-{l}.pdf": pdf_text(site / f"download/report-{l}.pdf") for l in LOCALES})
    return texts


def test_without_a_declared_key_no_page_or_copy_speaks_of_signatures(site):
    assert signing.declared_key() is None, "minisign.pub is declared: this build is tested by the one below"
    assert [name for name, text in copies_texts(site).items() if SIGNATURES.search(text)] == []
    assert not list((site / "download").glob("*.minisig")) and not (site / "download/minisign.pub").exists()


@pytest.fixture(scope="module")
def signed_release(tmp_path_factory) -> tuple[Path, str, str, subprocess.CompletedProcess]:
    """A whole build of a copy of the project with a declared key (a throwaway pair made here), as
    `make release SIGNING_KEY=…` builds it: (site, public key, secret key's line, the build)."""
    folder = tmp_path_factory.mktemp("signed")
    project = copy_project(folder / "project")
    public, secret = make_keys(folder / "keys")
    shutil.copyfile(public, project / "minisign.pub")
    env = {**os.environ, "SIGNING_KEY": str(secret), "SITE_URL": "https://report.kz/path/"}
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        result = build_site(project, folder / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    return folder / "site", public.read_text().splitlines()[1], secret.read_text().splitlines()[1], result


def test_a_declared_key_signs_the_sums_and_every_copy_names_it(signed_release):
    site, key, secret, build = signed_release
    folder = site / "download"
    checked = subprocess.run(["minisign", "-V", "-P", key, "-m", "SHA256SUMS"], cwd=folder, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert (folder / "minisign.pub").read_text().splitlines()[1] == key
    assert subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=folder, capture_output=True).returncode == 0
    for locale in LOCALES:
        about = BeautifulSoup((site / HOME[locale] / "about/index.html").read_text(encoding="utf-8"), "html.parser")
        verify = str(about.select_one("h2#verify").find_next_sibling("p", class_="signing-key"))
        assert f"<code>{key}</code>" in verify
        assert f"minisign -Vm SHA256SUMS -P {key}" in about.get_text()
        single = BeautifulSoup((folder / f"report-{locale}.html").read_text(encoding="utf-8"), "html.parser")
        assert single.select_one("footer.colophon .signing-key code").get_text() == key
        assert single.select_one("footer.colophon a")["href"] == "#verify" and single.select_one("#verify")
        assert key in "".join(pdf_text(folder / f"report-{locale}.pdf").split()), f"report-{locale}.pdf"
    files = {str(f) for f in torf.Torrent.read(folder / "report.torrent").files}
    assert {"download/SHA256SUMS.minisig", "download/minisign.pub"} <= files
    leaked = [str(p) for p in site.rglob("*") if p.is_file() and secret.encode() in p.read_bytes()]
    assert leaked == [] and secret not in build.stdout + build.stderr


def test_a_declared_key_refuses_a_build_without_its_secret_key_or_with_another(signed_release, tmp_path, monkeypatch):
    project = signed_release[0].parent / "project"
    monkeypatch.delenv("SIGNING_KEY", raising=False)
    refused = build_site(project, tmp_path / "site")
    assert refused.returncode != 0 and "SIGNING_KEY is not set" in refused.stderr
    _, other = make_keys(tmp_path / "other")
    monkeypatch.setenv("SIGNING_KEY", str(other))
    refused = build_site(project, tmp_path / "site")
    assert refused.returncode != 0 and "SIGNING_KEY is not the secret key of the declared minisign.pub" in refused.stderr
    assert not (tmp_path / "site").exists()


def test_an_encrypted_key_takes_its_password_from_signing_key_password(tmp_path, monkeypatch):
    """Here, not in the fast tier: minisign derives an encrypted key's secret with scrypt, seconds each time."""
    public, secret = make_keys(tmp_path / "keys", password="correct horse")
    monkeypatch.setenv("SIGNING_KEY", str(secret))
    monkeypatch.delenv("SIGNING_KEY_PASSWORD", raising=False)
    with pytest.raises(signing.SigningError, match="SIGNING_KEY is encrypted and SIGNING_KEY_PASSWORD is not set"):
        signing.signer(public)
    sums = tmp_path / "SHA256SUMS"
    sums.write_text("0" * 64 + "  report-en.pdf\n", encoding="utf-8")
    with pytest.raises(signing.SigningError, match="SIGNING_KEY could not sign SHA256SUMS .*SIGNING_KEY_PASSWORD"):
        signing.sign(sums, secret, public, "2026-12-03", "wrong")
    signing.sign(sums, secret, public, "2026-12-03", "correct horse")
    checked = subprocess.run(["minisign", "-V", "-p", str(public), "-m", str(sums)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
