"""Every page loads one stylesheet, holding only the rules the site can use.

The first paint waits for every stylesheet in the head; Material links two (main, palette) and
we add ours (`extra_css`). After the build `join_and_purge`

- joins Material's and ours, in the pages' order, into `assets/stylesheets/site.<hash>.css` (the
  hash of its content: a host may cache it for ever) and links that one file in place of the
  others, which are removed;
- purges it: a selector goes when it needs a class that no built page carries and no shipped
  script puts on an element (`class:"…"`, `className=`, `classList.add/toggle/replace`: how
  Material's bundle writes the classes of what it adds at run time), or a palette colour or scheme
  (`[data-md-color-primary=red]`) that no page offers (Material's palette toggles carry every
  value the reader can switch to), or a text direction (`[dir=rtl]`) that no page has; then a
  custom property goes (Material's icons are most of them) when nothing uses it any more.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import tinycss2
from mkdocs.exceptions import PluginError

CLASS_ATTRIBUTE = re.compile(r'\bclass="([^"]*)"')
# Attributes whose every value is in the built pages (Material's scripts copy, never invent, them).
VALUED_ATTRIBUTE = re.compile(r'\s(data-md-color-(?:scheme|primary|accent)|dir)="([^"]*)"')
# How a script puts classes on an element: `class:"a b"` (JSX), `className="a"`, `class="a"` in
# markup strings, `classList.add("a", "b")`.
PUT_CLASS = re.compile(r"""\bclass(?:Name)?\s*[:=]\s*\\?["'`]([^"'`\\]*)|classList\.(?:add|toggle|replace)\(([^)]*)\)""")
STRING = re.compile(r"""["'`]([\w\s-]+)["'`]""")
CUSTOM_PROPERTY = re.compile(r"--[\w-]+")
VAR = re.compile(r"var\(\s*(--[\w-]+)")
DECLARED = re.compile(r"[{;]\s*(--[\w-]+)\s*:")
STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]*)">\n?')
FOLDER = "assets/stylesheets/"


def used_names(site: Path, pages: dict[str, str]) -> set[str]:
    """Classes and valued attributes (`data-md-color-primary=indigo`) that built pages carry,
    classes that shipped scripts put on elements, custom properties that either names."""
    names: set[str] = set()
    for text in pages.values():
        for value in CLASS_ATTRIBUTE.findall(text):
            names.update(value.split())
        names.update(f"{name}={value}" for name, value in VALUED_ATTRIBUTE.findall(text))
        names.update(CUSTOM_PROPERTY.findall(text))
    for script in site.rglob("*.js"):
        text = script.read_text(encoding="utf-8")
        for written, listed in PUT_CLASS.findall(text):
            names.update(written.split(), *(value.split() for value in STRING.findall(listed)))
        names.update(CUSTOM_PROPERTY.findall(text))
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


def _rules(nodes: list, keep: Callable) -> list:
    """`nodes` with every rule, also inside @media, @supports and @container, passed through
    `keep` (which returns it, changed or not, or None to drop it); blocks left empty go."""
    kept = []
    for node in nodes:
        if node.type == "qualified-rule":
            node = keep(node)
        elif node.type == "at-rule" and node.lower_at_keyword in ("media", "supports", "container") and node.content:
            node.content = _rules(tinycss2.parse_rule_list(node.content), keep)
            node = node if node.content else None
        if node is not None:
            kept.append(node)
    return kept


def _used_selectors(used: set[str]) -> Callable:
    def keep(rule):
        selectors = [s for s in _selectors(rule.prelude) if _needs(s) <= used]
        rule.prelude = []
        for index, selector in enumerate(selectors):
            rule.prelude += ([tinycss2.ast.LiteralToken(0, 0, ",")] if index else []) + selector
        return rule if selectors else None
    return keep


def _without_custom_properties(unused: set[str]) -> Callable:
    def keep(rule):
        declarations = tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True, skip_comments=True)
        if any(d.type != "declaration" for d in declarations):  # nested rules: left as they are
            return rule
        declarations = [d for d in declarations if d.name not in unused]
        rule.content = tinycss2.parse_component_value_list(";".join(d.serialize() for d in declarations))
        return rule if declarations else None
    return keep


def purge(css: str, used: set[str]) -> str:
    """The stylesheet without the selectors that need an unused class or attribute value, then
    without the custom properties that neither it nor `used` names any more."""
    css = tinycss2.serialize(_rules(tinycss2.parse_stylesheet(css), _used_selectors(used)))
    while unused := set(DECLARED.findall(css)) - set(VAR.findall(css)) - used:
        purged = tinycss2.serialize(_rules(tinycss2.parse_stylesheet(css), _without_custom_properties(unused)))
        if purged == css:  # declared only where this purge does not look (CSS nesting)
            return css
        css = purged
    return css


def _site_path(href: str, page: Path, site: Path, config) -> str:
    """The file a page's stylesheet href names, relative to the site (`assets/stylesheets/…`);
    hrefs are relative, or absolute from the site's path on the 404 page."""
    base = urlsplit(config.site_url or "/").path
    target = site / href[len(base):] if href.startswith(base) else page.parent / href
    return target.resolve().relative_to(site.resolve()).as_posix()


def join(site: Path, pages: dict[str, str], config, used: set[str]) -> dict[str, str]:
    """Write the one stylesheet, purged; the pages (path in the site → HTML), each that links any
    (not redirect stubs) linking that one instead."""
    hrefs = {path: found for path, text in pages.items() if (found := STYLESHEET.findall(text))}
    linking = list(hrefs)
    if not linking:
        raise PluginError('hooks/weight/stylesheet.py: no page links a stylesheet as <link rel="stylesheet" href="…">: '
                          "Material's stylesheet link changed (README, Seams); make STYLESHEET match the new markup")
    order = [_site_path(h, site / linking[0], site, config) for h in hrefs[linking[0]]]
    for path, page_hrefs in hrefs.items():
        if [_site_path(h, site / path, site, config) for h in page_hrefs] != order:
            raise PluginError(f"hooks/weight/stylesheet.py: {path} links other stylesheets than {linking[0]}; "
                              "give every page the same extra_css")
    css = purge("\n".join((site / path).read_text(encoding="utf-8") for path in order), used)
    name = f"{FOLDER}site.{hashlib.sha256(css.encode()).hexdigest()[:8]}.css"
    (site / name).write_text(css, encoding="utf-8")
    for path in order:
        (site / path).unlink()
    joined = dict(pages)
    for path in linking:
        text = pages[path]
        first = STYLESHEET.search(text)
        link = f'<link rel="stylesheet" href="{first.group(1).removesuffix(order[0])}{name}">\n'
        joined[path] = text[:first.start()] + link + STYLESHEET.sub("", text[first.start():])
    return joined


def join_and_purge(site: Path, pages: dict[str, str], config) -> dict[str, str]:
    """The one stylesheet, from every page as final (the downloads' listing included); the pages
    linking it."""
    return join(site, pages, config, used_names(site, pages))
