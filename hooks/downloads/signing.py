"""Signed sums: `SHA256SUMS` signed with the publisher's minisign key, so that a copy passed by hand
can be checked against a key the reader has from elsewhere, not against sums that travel with it.

The key is declared, not inferred: `minisign.pub` at the repository's root (minisign's own format,
two lines, the second the `RW…` key a reader compares). None is committed by default; without it
nothing is signed and no page speaks of signatures. With it, every build of the downloads signs
with the secret key that the SIGNING_KEY variable names (an encrypted key's password comes from
SIGNING_KEY_PASSWORD, handed to minisign on its standard input), and refuses, naming the variable,
a missing key or a key that is not the declared one's pair: a signature readers cannot verify
must never be published. The trusted comment is fixed (the report's name and edition), so two
builds of one commit give byte-identical signatures (Ed25519 is deterministic). The secret key
is read by minisign only: it is never copied, printed or put in an error message.
"""

from __future__ import annotations

import base64
import binascii
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import common

DECLARED = common.ROOT / "minisign.pub"
PUBLIC = "minisign.pub"  # the published copy, in download/
SIGNATURE_SUFFIX = ".minisig"
NAME = "Think before you post"


class SigningError(ValueError):
    """What is wrong, naming the file or variable to fix."""


def declared_key(path: Path = DECLARED) -> str | None:
    """The declared public key (its `RW…` line), or None when no `minisign.pub` is declared."""
    if not path.is_file():
        return None
    lines = path.read_text(encoding="utf-8").splitlines()
    key = lines[1].strip() if len(lines) >= 2 else ""
    try:
        raw = base64.b64decode(key, validate=True)
    except binascii.Error:
        raw = b""
    if not lines[0].startswith("untrusted comment:") or len(raw) != 42 or raw[:2] != b"Ed":
        raise SigningError(f"{path.name} is not a minisign public key (two lines, the second RW…): "
                           "make one with `minisign -G -p minisign.pub -s <outside the repository>/secret.key`")
    return key


def trusted_comment(edition: str) -> str:
    """The signed comment: the report's name and edition, no timestamp, so signatures repeat."""
    return f"{NAME}, edition {edition}"


def secret_key(value: str | None) -> Path:
    """The secret key that SIGNING_KEY names: Refused when unset, missing or inside the repository."""
    if not value:
        raise SigningError(f"SIGNING_KEY is not set, but {DECLARED.name} declares the key that signs the downloads: "
                           "give the secret key's path, SIGNING_KEY=path/to/secret.key")
    path = Path(value).expanduser().resolve()
    if not path.is_file():
        raise SigningError(f"SIGNING_KEY={value}: no such file: give the path of the secret key of {DECLARED.name}")
    if path.is_relative_to(common.ROOT):
        raise SigningError(f"SIGNING_KEY={value} is inside the repository: keep the secret key outside it")
    return path


def encrypted(key: Path) -> bool:
    """Whether the secret key needs a password: its header names a key derivation (`Sc`, scrypt)."""
    lines = key.read_text(encoding="utf-8", errors="replace").splitlines()
    try:
        return base64.b64decode(lines[1].strip())[2:4] != b"\0\0"
    except (IndexError, binascii.Error):
        return False  # not a minisign key: minisign itself says so when it signs


def sign(sums: Path, key: Path, public: Path, edition: str, password: str | None = None) -> Path:
    """Write `sums`.minisig with `key` and check it against `public`; the signature's path.
    A key that is not `public`'s pair, or a wrong password, leaves no signature behind."""
    signature = sums.with_name(sums.name + SIGNATURE_SUFFIX)
    signature.unlink(missing_ok=True)
    signed = subprocess.run(["minisign", "-S", "-s", str(key), "-m", str(sums), "-x", str(signature),
                             "-t", trusted_comment(edition)],
                            input=(password or "") + "\n", capture_output=True, text=True)
    if signed.returncode:
        signature.unlink(missing_ok=True)
        said = signed.stderr.replace("Password:", "").strip().splitlines()
        hint = ("its password is SIGNING_KEY_PASSWORD" if "password" in " ".join(said).lower()
                else "is it a minisign secret key?")
        raise SigningError(f"SIGNING_KEY could not sign {sums.name} ({said[-1] if said else 'minisign failed'}): {hint}")
    checked = subprocess.run(["minisign", "-V", "-q", "-p", str(public), "-m", str(sums), "-x", str(signature)],
                             capture_output=True, text=True)
    if checked.returncode:
        signature.unlink()
        raise SigningError(f"SIGNING_KEY is not the secret key of the declared {public.name}: "
                           "a signature readers cannot verify is never published; give the matching key")
    return signature


def signer(declared: Path = DECLARED) -> tuple[Path, str | None] | None:
    """The secret key and password that SIGNING_KEY and SIGNING_KEY_PASSWORD give, checked at once
    by signing a probe (a build must not run for minutes to fail at its end); None without a
    declared key."""
    if declared_key(declared) is None:
        return None
    key, password = secret_key(os.environ.get("SIGNING_KEY")), os.environ.get("SIGNING_KEY_PASSWORD")
    if encrypted(key) and not password:
        raise SigningError("SIGNING_KEY is encrypted and SIGNING_KEY_PASSWORD is not set: give its password in "
                           "the environment (README: Publishing)")
    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder) / "probe"
        probe.write_text("probe\n", encoding="utf-8")
        sign(probe, key, declared, "probe", password)
    return key, password


def sign_downloads(folder: Path, sums: str, edition: str, key: tuple[Path, str | None] | None,
                   declared: Path = DECLARED) -> list[str]:
    """With a key (from `signer`): sign `folder/sums` and publish the public key beside it; the
    names of the files added (none without a key)."""
    if key is None:
        return []
    signature = sign(folder / sums, key[0], declared, edition, key[1])
    shutil.copyfile(declared, folder / PUBLIC)
    return [signature.name, PUBLIC]
