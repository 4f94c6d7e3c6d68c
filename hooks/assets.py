"""The site ships only what it uses.

- Material's source maps are left out (nobody reading the report needs them; 1 MB in the zip).
- Material's stylesheet keeps only the rules a page can use: a selector goes when it needs a
  class that no built page carries and no shipped script names (Material's bundle names every
  class it adds at run time as a string, so those stay). Its bundle (JavaScript) is untouched.
"""

from __future__ import annotations

import re
from pathlib import Path

import tinycss2
from mkdocs.plugins import event_priority

CLASS_ATTRIBUTE = re.compile(r'\bclass="([^"]*)"')
NAME = re.compile(r"[A-Za-z_][\w-]*")


def on_files(files, config):
    for file in [f for f in files if f.src_uri.endswith(".map")]:
        files.remove(file)
    return files


def used_classes(site: Path) -> set[str]:
    """Classes that built pages carry, and names that shipped scripts mention."""
    names: set[str] = set()
    for page in site.rglob("*.html"):
        for value in CLASS_ATTRIBUTE.findall(page.read_text(encoding="utf-8")):
            names.update(value.split())
    for script in site.rglob("*.js"):
        names.update(NAME.findall(script.read_text(encoding="utf-8")))
    return names


def _selectors(prelude: list) -> list[list]:
    """A rule's selectors (split at top-level commas), as token lists."""
    selectors, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append(current)
            current = []
        else:
            current.append(token)
    return [*selectors, current]


def _needs(selector: list) -> set[str]:
    """The classes a selector needs (outside :not(), :is() and the like, which may match without)."""
    return {b.value for a, b in zip(selector, selector[1:])
            if a.type == "literal" and a.value == "." and b.type == "ident"}


def purge(css: str, used: set[str]) -> str:
    """The stylesheet without the selectors (and rules) that need an unused class."""
    def keep(nodes: list) -> list:
        kept = []
        for node in nodes:
            if node.type == "qualified-rule":
                selectors = [s for s in _selectors(node.prelude) if _needs(s) <= used]
                if not selectors:
                    continue
                prelude = []
                for index, selector in enumerate(selectors):
                    prelude += ([tinycss2.ast.LiteralToken(0, 0, ",")] if index else []) + selector
                node.prelude = prelude
            elif node.type == "at-rule" and node.lower_at_keyword in ("media", "supports", "container") and node.content:
                inner = keep(tinycss2.parse_rule_list(node.content))
                if not inner:
                    continue
                node.content = inner
            kept.append(node)
        return kept

    return tinycss2.serialize(keep(tinycss2.parse_stylesheet(css)))


@event_priority(-900)  # after every language and page is written (and their scripts)
def on_post_build(config) -> None:
    if config.plugins["i18n"].building:  # one language's inner build: the others are not written yet
        return
    site = Path(config.site_dir)
    used = used_classes(site)
    for stylesheet in (site / "assets/stylesheets").glob("main.*.min.css"):
        stylesheet.write_text(purge(stylesheet.read_text(encoding="utf-8"), used), encoding="utf-8")

