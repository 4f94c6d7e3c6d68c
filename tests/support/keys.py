"""Throwaway minisign key pairs, made by minisign itself for the tests that sign (never a real key).
Not a test module: both tiers import it."""

from __future__ import annotations

import subprocess
from pathlib import Path


def make_keys(folder: Path, password: str | None = None) -> tuple[Path, Path]:
    """A new key pair in `folder`: (public, secret); encrypted when given a password."""
    folder.mkdir(parents=True, exist_ok=True)
    public, secret = folder / "minisign.pub", folder / "secret.key"
    options = [] if password else ["-W"]
    subprocess.run(["minisign", "-G", *options, "-p", str(public), "-s", str(secret)], check=True,
                   input=f"{password}\n{password}\n" if password else None, capture_output=True, text=True)
    return public, secret
