"""Our scripts reach the reader as one file, before Material's bundle.

They are kept apart for reading in overrides/assets/javascripts/: languages.js and
lazy-search.js must run before Material's bundle, share.js may. Every page loads them joined, in
that order, as `assets/javascripts/site.<hash>.js` (the hash of its content: a host may cache it
for ever): one request instead of three, on links where each request costs a round trip.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

FOLDER = "assets/javascripts/"
JOINED = ["languages.js", "lazy-search.js", "share.js"]


def joined(config) -> tuple[str, str]:
    """The joined file's site path and content (`;` between files: none ends a statement for the next)."""
    text = "\n;\n".join((Path(config.theme.custom_dir) / FOLDER / name).read_text(encoding="utf-8") for name in JOINED)
    return f"{FOLDER}site.{hashlib.sha256(text.encode()).hexdigest()[:8]}.js", text


def drop_joined_sources(files) -> None:
    for file in [f for f in files if f.src_uri in {FOLDER + name for name in JOINED}]:
        files.remove(file)


def write_joined(site: Path, config) -> None:
    path, text = joined(config)
    (site / path).write_text(text, encoding="utf-8")
