"""Our scripts reach the reader as one file, before Material's bundle.

They are kept apart for reading in overrides/assets/javascripts/: languages.js and
lazy-search.js must run before Material's bundle, share.js may. Every page loads them joined, in
that order, as `assets/javascripts/site.<hash>.js` (the hash of its content: a host may cache it
for ever): one request instead of three, on links where each request costs a round trip.

The lunr modules are readable sources with plain names (lunr/kk.js, lunr/wordforms.js); Material's
search worker imports lunr languages as lunr/min/lunr.<name>.min.js, so that is where they go.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

FOLDER = "assets/javascripts/"
JOINED = ["languages.js", "lazy-search.js", "share.js"]
LUNR = ["kk", "wordforms"]


def joined(config) -> tuple[str, str]:
    """The joined file's site path and content (`;` between files: none ends a statement for the next)."""
    text = "\n;\n".join((Path(config.theme.custom_dir) / FOLDER / name).read_text(encoding="utf-8") for name in JOINED)
    return f"{FOLDER}site.{hashlib.sha256(text.encode()).hexdigest()[:8]}.js", text


@event_priority(10)  # before hooks/search.py keeps the lunr files the worker imports, by name
def on_files(files, config):
    for file in [f for f in files if f.src_uri in {FOLDER + name for name in JOINED}]:
        files.remove(file)
    for name in LUNR:
        source = files.get_file_from_path(f"{FOLDER}lunr/{name}.js")
        files.remove(source)
        files.append(File.generated(config, f"{FOLDER}lunr/min/lunr.{name}.min.js", abs_src_path=source.abs_src_path))
    return files


def on_env(env, config, files):
    env.globals["site_script"] = joined(config)[0]
    return env


def on_post_build(config) -> None:
    path, text = joined(config)
    (Path(config.site_dir) / path).write_text(text, encoding="utf-8")
