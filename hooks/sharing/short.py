"""Short addresses for print: `s/<locale>/<n>/`, one per `##` section, typeable from paper.

Each is declared with the section it leads to in published-addresses.txt
(`s/ru/4/ ru/blocking/#site-blocking`, read by hooks/content/addresses.py `read`): the numbers are a
promise printed on paper, so they come from that map, never from the sections' order. The same
section has the same number in every language. Each is a static page (`index.html`) that leads to
the section with `<meta http-equiv="refresh">` and a plain link, so it works on any static host and
from `file://`. The share table's QR codes (hooks/sharing/share.py) and the flyers
(hooks/downloads/flyer.py) print the same addresses.

`numbered` holds the site's sections to the map before any page is written: a section without a
number stops the build with the exact lines to add (the next free number, in every language), as
does a section numbered differently in two languages. The build never writes the map itself:
the promise is made in a commit a person reviews, not by whichever build first saw the section.
Under `mkdocs serve` a new section gets the next free number for the preview, and a warning.
`refuse_lost_sections` checks, as early, that every declared target is still an ID on its page (a
heading's `{ #id }` or an element's `id="…"`): a renamed or removed section keeps its old ID there
as an alias, so the number and every shared link keep leading to it.
"""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

import common
from content.addresses import LIST, Published, page_address

log = logging.getLogger("mkdocs.plugins.short")
FOLDER = "s"


def path(locale: str, number: int) -> str:
    """The short address, relative to the site's root: `s/kk/3/`."""
    return f"{FOLDER}/{locale}/{number}/"


def numbered(published: Published, nav: list, strict: bool = True) -> dict[tuple[str, str], int]:
    """(page's address in its language, section ID) → its declared number, for every `##` section
    of `nav` (each page in every language). `strict`: a section without one, or numbered
    differently in two languages, stops the build, saying what to write."""
    found: dict[tuple[str, str], int] = {}
    missing, problems = [], []
    free = max((s.number for s in published.shorts), default=0) + 1
    for versions in nav:
        for section_id, _ in versions[0].sections:
            declared = {v.locale: s.number for v in versions if (s := published.short(v.address, section_id))}
            if len(set(declared.values())) > 1:
                problems.append(f"{LIST}: #{section_id} of {versions[0].address or './'} has the numbers "
                                f"{', '.join(f'{path(l, n)}' for l, n in declared.items())}: one section has one "
                                "number in every language; the lines, once published, stay: ask what was printed")
                continue
            number = next(iter(declared.values()), None)
            if number is None:
                number, free = free, free + 1
            for version in versions:
                found[version.address, section_id] = number
                if version.locale not in declared:
                    missing.append(f"{path(version.locale, number)} {version.address or './'}#{section_id}")
    if problems and strict:
        raise PluginError("\n".join(problems))
    if missing:
        said = (f"{LIST}: these sections have no short address: add these lines to it (the next free numbers; "
                "numbers are never moved or reused):\n" + "\n".join(missing))
        if strict:
            raise PluginError(said)
        log.warning(said)
    return found


def page(locale: str, title: str, target: str, address: str) -> str:
    """The redirect page: refresh at once, and a plain link for whatever does not follow it."""
    t, a, full = (html.escape(v, quote=True) for v in (title, target, address))
    return (f'<!doctype html>\n<html lang="{html.escape(locale)}">\n<head>\n<meta charset="utf-8">\n'
            f'<title>{t}</title>\n<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="robots" content="noindex">\n<link rel="canonical" href="{full}">\n'
            f'<meta http-equiv="refresh" content="0; url={a}">\n</head>\n'
            f'<body>\n<p><a href="{a}">{t}</a></p>\n</body>\n</html>\n')


def pages(published: Published, nav: list, config) -> dict[str, str]:
    """Every declared short address's page (its path in the site → HTML), for the finishing pass.
    Its title is the section's, or the page's when the section lives on as an alias."""
    titles = {(v.address, section_id): title for versions in nav for v in versions for section_id, title in v.sections}
    titles |= {(v.address, ""): v.title for versions in nav for v in versions}
    written = {}
    for short in published.shorts:
        title = titles.get((short.page, short.section)) or titles.get((short.page, ""), short.target)
        target = "../../../" + short.page + f"#{short.section}"  # s/<locale>/<n>/ is three folders deep
        written[f"{short.path}index.html"] = page(short.locale, title, target,
                                                  page_address(config, short.page) + f"#{short.section}")
    return written


def kept_ids(markdown: str) -> set[str]:
    """Every ID a page's Markdown gives an element: `{ #id }` (a heading's, attr_list's) or `id="…"`."""
    return set(re.findall(r"\{[^}\n]*?#([A-Za-z0-9_-]+)[^}\n]*\}", markdown)) | set(
        re.findall(r"""\bid=["']([^"']+)["']""", markdown))


def refuse_lost_sections(published: Published, nav: list) -> None:
    """Stop the build when a declared short address's section is no longer an ID on its page, naming
    the page's Markdown file: printed codes and shared links lead there. A page no longer in the
    nav must keep its address (a redirect, which leads to the page: addresses.refuse_lost_addresses)."""
    sources = {v.address: v.source for versions in nav for v in versions}
    ids = {url: kept_ids(Path(source).read_text(encoding="utf-8")) for url, source in sources.items()}
    problems = []
    for short in published.shorts:
        if short.page not in sources:
            if (short.page or "./") not in published.pages:
                problems.append(f"{LIST}:{short.line}: {short.path} leads to {short.target}, a page that is neither "
                                f"built nor listed in {LIST}: list its address there and keep it with a redirect")
            continue
        if short.section in ids[short.page]:
            continue
        problems.append(
            f"{common.shown(sources[short.page])}: the section ID '#{short.section}' is published ({LIST}:{short.line}: "
            f"{short.path} leads to {short.target}; printed codes and shared links too) and the page no longer has "
            f"it. If you renamed the section, give it back {{ #{short.section} }}, or keep the old ID as an alias on "
            f"the line before the new heading: <a id=\"{short.section}\"></a>; if you removed it, put that alias "
            "where its text went, or at the top of the page, in every language")
    if problems:
        raise PluginError("\n".join(problems))
