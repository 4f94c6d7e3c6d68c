"""Copies that can be trusted, step by step on small folders of their own (no site build): the
sums signed with the declared minisign key, the torrent of the downloads, the links to the files
and the `verify` section's key. Every key pair is a throwaway one made here by minisign itself."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import torf
from downloads import checking, signing, torrent
from keys import make_keys
from project import LANGUAGES

STRINGS = LANGUAGES[2].strings
SITE_URL = "https://report.kz/path/"


def sums_in(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report-en.pdf").write_bytes(b"%PDF a report\n")
    sums = folder / "SHA256SUMS"
    sums.write_text("0" * 64 + "  report-en.pdf\n", encoding="utf-8")
    return sums


@pytest.fixture
def keys(tmp_path) -> tuple[Path, Path]:
    return make_keys(tmp_path / "keys")


def verified(public: Path, sums: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["minisign", "-V", "-p", str(public), "-m", str(sums)], capture_output=True, text=True)


def test_the_sums_are_signed_with_the_declared_key_the_same_bytes_every_time(keys, tmp_path, monkeypatch):
    public, secret = keys
    monkeypatch.setenv("SIGNING_KEY", str(secret))
    folder = tmp_path / "download"
    sums = sums_in(folder)
    added = signing.sign_downloads(folder, "SHA256SUMS", "2026-12-03", signing.signer(public), public)
    assert added == ["SHA256SUMS.minisig", "minisign.pub"]
    assert (folder / "minisign.pub").read_bytes() == public.read_bytes()
    check = verified(folder / "minisign.pub", sums)
    assert check.returncode == 0, check.stderr
    assert "Trusted comment: Think before you post, edition 2026-12-03\n" in check.stdout  # no timestamp
    first = (folder / "SHA256SUMS.minisig").read_bytes()
    signing.sign_downloads(folder, "SHA256SUMS", "2026-12-03", signing.signer(public), public)
    assert (folder / "SHA256SUMS.minisig").read_bytes() == first
    assert secret.read_text().splitlines()[1] not in "".join(p.read_text() for p in folder.iterdir())


def test_without_a_declared_key_nothing_is_signed(tmp_path, monkeypatch):
    monkeypatch.delenv("SIGNING_KEY", raising=False)
    assert signing.signer(tmp_path / "minisign.pub") is None
    assert signing.declared_key(tmp_path / "minisign.pub") is None
    assert signing.sign_downloads(tmp_path, "SHA256SUMS", "2026-12-03", None) == []


def test_a_missing_key_is_refused_naming_signing_key(keys, tmp_path, monkeypatch):
    public, _ = keys
    monkeypatch.delenv("SIGNING_KEY", raising=False)
    with pytest.raises(signing.SigningError, match="SIGNING_KEY is not set"):
        signing.signer(public)
    monkeypatch.setenv("SIGNING_KEY", str(tmp_path / "nowhere.key"))
    with pytest.raises(signing.SigningError, match=r"SIGNING_KEY=.*nowhere.key: no such file"):
        signing.signer(public)


def test_a_key_that_is_not_the_declared_ones_pair_is_refused_and_signs_nothing(keys, tmp_path, monkeypatch):
    public, _ = keys
    _, other = make_keys(tmp_path / "other")
    monkeypatch.setenv("SIGNING_KEY", str(other))
    with pytest.raises(signing.SigningError, match="SIGNING_KEY is not the secret key of the declared minisign.pub"):
        signing.signer(public)
    sums = sums_in(tmp_path / "download")
    with pytest.raises(signing.SigningError, match="SIGNING_KEY is not the secret key"):
        signing.sign(sums, other, public, "2026-12-03")
    assert not (tmp_path / "download/SHA256SUMS.minisig").exists()


def test_a_secret_key_inside_the_repository_and_a_malformed_public_key_are_refused(tmp_path):
    with pytest.raises(signing.SigningError, match="inside the repository: keep the secret key outside it"):
        signing.secret_key(str(signing.DECLARED.parent / "README.md"))
    broken = tmp_path / "minisign.pub"
    broken.write_text("untrusted comment: x\nRWnot-a-key\n", encoding="utf-8")
    with pytest.raises(signing.SigningError, match="minisign.pub is not a minisign public key"):
        signing.declared_key(broken)


def downloads_folder(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name, size in [("report-offline.zip", 70_000), ("report-en.pdf", 40_000), ("flyer-en.pdf", 3), ("SHA256SUMS", 90)]:
        (folder / name).write_bytes(bytes(range(256)) * (size // 256) + b"x" * (size % 256))
    return folder


def test_the_torrent_holds_every_file_web_seeded_at_the_site_without_tracker_or_date(tmp_path):
    folder = downloads_folder(tmp_path / "download")
    (folder / "report-qr.pdf").write_bytes(b"a file the step did not know of")
    torrent.write(folder, SITE_URL, folder / torrent.NAME)
    made = torf.Torrent.read(folder / torrent.NAME)
    assert sorted(str(f) for f in made.files) == sorted(f"download/{p.name}" for p in folder.iterdir() if p.suffix != ".torrent")
    assert made.webseeds == [SITE_URL] and made.trackers == [] and made.creation_date is None and made.created_by is None
    assert made.verify(folder)
    magnet = torrent.magnet(folder / torrent.NAME)
    assert magnet.startswith(f"magnet:?xt=urn:btih:{made.infohash}&dn=download&") and "ws=https%3A%2F%2Freport.kz%2Fpath%2F" in magnet
    first = (folder / torrent.NAME).read_bytes()
    torrent.write(folder, SITE_URL, folder / torrent.NAME)
    assert (folder / torrent.NAME).read_bytes() == first
    (folder / "report-en.pdf").write_bytes(b"\0" * 40_000)  # tampered, the same size
    with pytest.raises(torf.VerifyContentError):
        torf.Torrent.read(folder / torrent.NAME).verify(folder)


@pytest.mark.parametrize("page_url, offline, href", [
    ("en/about/", False, "../../download/report-en.pdf"), ("about/", False, "../download/report-en.pdf"),
    ("en/about.html", True, "../../report-en.pdf"), ("about.html", True, "../report-en.pdf")])
def test_file_links_lead_to_the_file_from_the_site_and_from_the_unzipped_copy(page_url, offline, href):
    linked = checking.link_files('<a href="download:report-en.pdf">report-en.pdf</a>', page_url, offline)
    assert linked == f'<a href="{href}" data-file="report-en.pdf">report-en.pdf</a>'


def test_the_verify_section_names_the_key_and_the_minisign_step_only_with_a_key(keys):
    public, _ = keys
    key = signing.declared_key(public)
    markdown = f"## Checking a copy\n\n{checking.MARKER}\n\nsums\n\n{checking.ANDROID}\n"
    bare = checking.fill(markdown, STRINGS, None, "en/about/", False)
    assert bare == "## Checking a copy\n\n\n\nsums\n\n\n" and "minisign" not in bare
    filled = checking.fill(markdown, STRINGS, key, "en/about/", False)
    assert f'<p class="signing-key">Our files are signed. This is the key that checks them: <code>{key}</code>.' in filled
    assert f"<pre><code>minisign -Vm SHA256SUMS -P {key}</code></pre>" in filled
    assert '<a href="https://github.com/jedisct1/minisign/releases">' in filled
    assert '<a href="../../download/SHA256SUMS.minisig" data-file="SHA256SUMS.minisig">SHA256SUMS.minisig</a>' in filled
    assert filled.index("sums") < filled.index("On a phone the signature cannot be checked this way")
