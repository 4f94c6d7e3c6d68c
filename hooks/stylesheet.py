"""Every page loads one stylesheet, holding only the rules the site can use.

The first paint waits for every stylesheet in the head; Material links two (main, palette) and
we add ours (`extra_css`). After the build this hook

- purges Material's stylesheets: a selector goes when it needs a class that no built page carries
  and no shipped script names (Material's bundle names every class it adds at run time as a
  string, so those stay), or a palette colour or scheme (`[data-md-color-primary=red]`) that no
  page offers (Material's palette toggles carry every value the reader can switch to), or a text
  direction (`[dir=rtl]`) that no page has;
- joins them and ours, in the pages' order, into `assets/stylesheets/site.<hash>.css` (the hash of
  its content: a host may cache it for ever) and links that one file in place of the others,
  which are removed.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import urlsplit

import tinycss2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

CLASS_ATTRIBUTE = re.compile(r'\bclass="([^"]*)"')
# Attributes whose every value is in the built pages (Material's scripts copy, never invent, them).
VALUED_ATTRIBUTE = re.compile(r'\s(data-md-color-(?:scheme|primary|accent)|dir)="([^"]*)"')
NAME = re.compile(r"[A-Za-z_][\w-]*")
STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]*)">\n?')
FOLDER = "assets/stylesheets/"


def used_names(site: Path) -> set[str]:
    """Classes and valued attributes (`data-md-color-primary=indigo`) that built pages carry, and
    names that shipped scripts mention."""
    names: set[str] = set()
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for value in CLASS_ATTRIBUTE.findall(text):
            names.update(value.split())
        names.update(f"{name}={value}" for name, value in VALUED_ATTRIBUTE.findall(text))
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


def _attribute_value(block) -> str | None:
    """`dir=rtl` for the attribute selector `[dir=rtl]`, if it is one of VALUED_ATTRIBUTE's."""
    tokens = [t for t in block.content if t.type != "whitespace"]
    if (len(tokens) == 3 and tokens[0].type == "ident" and VALUED_ATTRIBUTE.fullmatch(f' {tokens[0].value}=""')
            and tokens[1] == "=" and tokens[2].type in ("ident", "string")):
        return f"{tokens[0].value}={tokens[2].value}"
    return None


def _needs(selector: list) -> set[str]:
    """The classes and attribute values a selector needs (outside :not(), :is() and the like, which
    may match without)."""
    needs = {b.value for a, b in zip(selector, selector[1:]) if a == "." and b.type == "ident"}
    return needs | {v for t in selector if t.type == "[] block" and (v := _attribute_value(t))}


def purge(css: str, used: set[str]) -> str:
    """The stylesheet without the selectors (and rules) that need an unused class or attribute value."""
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


def _site_path(href: str, page: Path, site: Path, config) -> str:
    """The file a page's stylesheet href names, relative to the site (`assets/stylesheets/…`);
    hrefs are relative, or absolute from the site's path on the 404 page."""
    base = urlsplit(config.site_url or "/").path
    target = site / href[len(base):] if href.startswith(base) else page.parent / href
    return target.resolve().relative_to(site.resolve()).as_posix()


def join(site: Path, pages: list[Path], config) -> str:
    """Write the one stylesheet, link it from every page that links any (not redirect stubs); its name."""
    hrefs = {p: found for p in pages if (found := STYLESHEET.findall(p.read_text(encoding="utf-8")))}
    pages = list(hrefs)
    order = [_site_path(h, pages[0], site, config) for h in hrefs[pages[0]]]
    for page, page_hrefs in hrefs.items():
        if [_site_path(h, page, site, config) for h in page_hrefs] != order:
            raise PluginError(f"hooks/stylesheet.py: {page.relative_to(site)} links other stylesheets than "
                              f"{pages[0].relative_to(site)}; give every page the same extra_css")
    css = "\n".join((site / path).read_text(encoding="utf-8") for path in order)
    name = f"{FOLDER}site.{hashlib.sha256(css.encode()).hexdigest()[:8]}.css"
    (site / name).write_text(css, encoding="utf-8")
    for path in order:
        (site / path).unlink()
    for page in pages:
        text = page.read_text(encoding="utf-8")
        first = STYLESHEET.search(text)
        link = f'<link rel="stylesheet" href="{first.group(1).removesuffix(order[0])}{name}">\n'
        page.write_text(text[:first.start()] + link + STYLESHEET.sub("", text[first.start():]), encoding="utf-8")
    return name


@event_priority(-900)  # after every language and page is written (and their scripts)
def on_post_build(config) -> None:
    if config.plugins["i18n"].building:  # one language's inner build: the others are not written yet
        return
    site = Path(config.site_dir)
    used = used_names(site)
    for stylesheet in [*site.glob(f"{FOLDER}main.*.min.css"), *site.glob(f"{FOLDER}palette.*.min.css")]:
        stylesheet.write_text(purge(stylesheet.read_text(encoding="utf-8"), used), encoding="utf-8")
    join(site, sorted(site.rglob("*.html")), config)
