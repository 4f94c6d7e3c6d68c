"""Every page paints its first screen from its own HTML, then applies one stylesheet holding only
the rules the site can use.

The first paint waits for every stylesheet linked in the head; Material links two (main, palette)
and we add ours (`extra_css`). After the build `join_and_purge`

- joins Material's and ours, in the pages' order, into `assets/stylesheets/site.<hash>.css` (the
  hash of its content: a host may cache it for ever) and links that one file in place of the
  others, which are removed;
- purges it: a selector goes when it needs a class that no built page carries and no shipped
  script puts on an element (`class:"…"`, `className=`, `classList.add/toggle/replace`: how
  Material's bundle writes the classes of what it adds at run time), or a palette colour or scheme
  (`[data-md-color-primary=red]`) that no page offers (Material's palette toggles carry every
  value the reader can switch to), or a text direction (`[dir=rtl]`) that no page has; then a
  custom property goes (Material's icons are most of them) when nothing uses it any more;
  Material's `.no-js` rules that hide search go too: its bundle lifts `.no-js` only when it runs,
  which is now when the reader first reaches for the page (overrides/assets/javascripts/later.js),
  and where scripts are off overrides/assets/stylesheets/without-scripts.css hides search;
- online, puts the first screen's rules inline (`critical`): one `<style>`, the same on every page
  (one hash in the page policy), holding the rules of that stylesheet that match an element of
  any page, in any colour scheme its palette offers, but what opens later: the search results,
  the language list, a closed `<details>` beyond its summary (`LATER`). Rules for print, hover,
  focus and the like (no element matches them in a page as written), animations and transitions
  are not the first paint's, nor those for readers without scripts (`@media (scripting: none)`),
  whose first paint waits for the whole stylesheet anyway. The stylesheet itself is then linked for print, which no screen waits
  for, and applied to every medium once it has come (later.js); a `<noscript>` link applies it
  where scripts are off. The file:// download links it as before: there is nothing to wait for.
"""

from __future__ import annotations

import copy
import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import cssselect2
import tinycss2
from lxml import html as lxml_html
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
# Material's rules for pages whose bundle has not run, which would hide search until it does.
HIDDEN_UNTIL_BUNDLE = {".no-js .md-header__button[for=__search]", ".no-js .md-search"}
# What the first screen cannot show until the reader opens it: its elements' rules are not inline.
LATER = ".md-search__output > *, .md-select__inner > *, details:not([open]) > :not(summary)"
# Declarations that change nothing in a first paint: how things move, respond or scroll.
NOT_PAINTED = re.compile(r"transition|animation|cursor|will-change|touch-action|user-select|tap-highlight-color"
                         r"|scrollbar-|scroll-snap|scroll-behavior|overscroll-behavior")
PALETTE = ("scheme", "primary", "accent")
# Media no first screen is drawn for from the inline rules: paper, and readers without scripts.
NOT_FIRST_SCREEN = re.compile(r"^\s*print\b|\(\s*scripting\s*:\s*none\s*\)", re.I)


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
            node.content = _rules(tinycss2.parse_rule_list(node.content, skip_whitespace=True, skip_comments=True), keep)
            node = node if node.content else None
        if node is not None:
            kept.append(node)
    return kept


def _used_selectors(used: set[str]) -> Callable:
    def keep(rule):
        return _with_selectors(rule, [s for s in _selectors(rule.prelude)
                                      if _needs(s) <= used and tinycss2.serialize(s).strip() not in HIDDEN_UNTIL_BUNDLE])
    return keep


def _with_selectors(rule, selectors: list[list]):
    """`rule` with only `selectors`, or None when there are none."""
    rule.prelude = []
    for index, selector in enumerate(selectors):
        rule.prelude += ([tinycss2.ast.LiteralToken(0, 0, ",")] if index else []) + selector
    return rule if selectors else None


def _with_declarations(rule, wanted: Callable):
    """`rule` with only the declarations `wanted` keeps, or None when none is left; a rule holding
    nested rules is left as it is."""
    declarations = tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True, skip_comments=True)
    if any(d.type != "declaration" for d in declarations):
        return rule
    declarations = [d for d in declarations if wanted(d)]
    rule.content = tinycss2.parse_component_value_list(";".join(d.serialize() for d in declarations))
    return rule if declarations else None


def _without_custom_properties(unused: set[str]) -> Callable:
    return lambda rule: _with_declarations(rule, lambda d: d.name not in unused)


def purge(css: str, used: set[str]) -> str:
    """The stylesheet without comments (ours explain the source, not the page) or space between
    rules, without the selectors that need an unused class or attribute value, then without the
    custom properties that neither it nor `used` names any more."""
    rules = tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)
    return _without_unused_properties(tinycss2.serialize(_rules(rules, _used_selectors(used))), used)


def _without_unused_properties(css: str, used: set[str]) -> str:
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


def _elements(pages: list[str]) -> list:
    """Every element of every page as written (cssselect2's wrappers), once in each colour scheme
    its palette offers, without the insides of what opens later."""
    later = cssselect2.compile_selector_list(LATER)
    elements = []
    for text in pages:
        document = lxml_html.document_fromstring(text)
        for element in [e.etree_element for e in cssselect2.ElementWrapper.from_html_root(document).iter_subtree()
                        if any(selector.test(e) for selector in later)]:
            element.getparent().remove(element)
        palettes = [{}] + [{key: option.get(f"data-md-color-{key}") for key in PALETTE}
                           for option in document.xpath("//form[@data-md-component='palette']/input")]
        for palette in palettes:
            variant = copy.deepcopy(document)
            for key, value in palette.items():
                variant.body.set(f"data-md-color-{key}", value)
            elements += cssselect2.ElementWrapper.from_html_root(variant).iter_subtree()
    return elements


def _compiled(selector: list):
    """A selector compiled to match elements; a pseudo-element browsers name their own way
    (`::-webkit-details-marker`) stands for its element. None for what no page as written matches."""
    text = tinycss2.serialize(selector)
    for candidate in (text, text.split("::")[0] or "*"):
        try:
            compiled = cssselect2.compile_selector_list(candidate)[0]
            return None if compiled.never_matches else compiled
        except cssselect2.SelectorError:
            continue
    return None


def _matched_selectors(elements: list) -> Callable:
    names = {name for e in elements for name in e.classes}
    names |= {f"{a}={v}" for e in elements for a in ("dir", *(f"data-md-color-{k}" for k in PALETTE))
              if (v := e.etree_element.get(a))}

    def keep(rule):
        kept = [s for s in _selectors(rule.prelude)
                if _needs(s) <= names and (c := _compiled(s)) and any(c.test(e) for e in elements)]
        if not (rule := _with_selectors(rule, kept)):
            return None
        return _with_declarations(rule, lambda d: not NOT_PAINTED.match(d.lower_name.lstrip("-").removeprefix("webkit-")))
    return keep


def critical(css: str, pages: list[str]) -> str:
    """The rules of `css` that the pages' first screens need (see the module's docstring), compact."""
    nodes = [n for n in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
             if n.type == "qualified-rule" or (n.type == "at-rule" and n.lower_at_keyword in ("media", "supports")
                                               and not NOT_FIRST_SCREEN.search(tinycss2.serialize(n.prelude)))]
    inline = _without_unused_properties(tinycss2.serialize(_rules(nodes, _matched_selectors(_elements(pages)))), set())
    inline = re.sub(r"\s*([{};,])\s*", r"\1", re.sub(r"\s+", " ", inline)).strip()
    if re.search(r"</style", inline, re.I):
        raise PluginError("hooks/weight/stylesheet.py: the first screen's rules hold '</style', which would end "
                          "their <style> early; remove it from the stylesheets")
    return inline


def join(site: Path, pages: dict[str, str], config, used: set[str], inline: bool = False) -> tuple[dict[str, str], list[str]]:
    """Write the one stylesheet, purged; the pages (path in the site → HTML), each that links any
    (not redirect stubs) linking that one instead, after the first screen's rules when `inline`;
    and the rules written inline (none or one)."""
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
    rules = [critical(css, [pages[path] for path in linking])] if inline else []
    first_screen = "".join(f"<style>{text}</style>\n" for text in rules)
    joined = dict(pages)
    for path in linking:
        text = pages[path]
        first = STYLESHEET.search(text)
        href = f"{first.group(1).removesuffix(order[0])}{name}"
        link = (f'{first_screen}<link rel="stylesheet" href="{href}" media="print" data-screen>\n'
                f'<noscript><link rel="stylesheet" href="{href}"></noscript>\n' if inline
                else f'<link rel="stylesheet" href="{href}">\n')
        joined[path] = text[:first.start()] + link + STYLESHEET.sub("", text[first.start():])
    return joined, rules


def join_and_purge(site: Path, pages: dict[str, str], config, inline: bool = False) -> tuple[dict[str, str], list[str]]:
    """The one stylesheet, from every page as final (the downloads' listing included); the pages
    linking it, with the first screen's rules inline when `inline` (online), and those rules, for
    the page policy."""
    return join(site, pages, config, used_names(site, pages), inline)
