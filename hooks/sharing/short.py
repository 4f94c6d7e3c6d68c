"""Short addresses for print: `s/<locale>/<n>/`, one per `##` section, typeable from paper.

Sections are numbered 1, 2, 3 … across the report in nav order (the same IDs in the same order in
every language: hooks/content/sources.py refuses anything else), so `s/kk/3/`, `s/ru/3/` and
`s/en/3/` are the same section in the three languages. Each is a static page (`index.html`) that
leads to the full address and section with `<meta http-equiv="refresh">` and a plain link, so it
works on any static host and from `file://`. The numbers are published (published-addresses.txt
lists every one, and the build fails if one leads nowhere): a new section takes the next free
number at the end, never one in the middle, so `number_of_sections` must only grow.
The QR codes of the share table encode these addresses (hooks/sharing/share.py).
"""

from __future__ import annotations

import html
from pathlib import Path

from content.addresses import page_address

FOLDER = "s"


def path(locale: str, number: int) -> str:
    """The short address, relative to the site's root: `s/kk/3/`."""
    return f"{FOLDER}/{locale}/{number}/"


def numbered(nav: list) -> list[tuple[int, list, str]]:
    """(number, the page in every language, section ID) for every `##` section, in nav order."""
    found, number = [], 0
    for versions in nav:
        for section_id, _ in versions[0].sections:
            number += 1
            found.append((number, versions, section_id))
    return found


def numbers(nav: list) -> dict[tuple[str, str], int]:
    """(page's default-language address, section ID) → its number."""
    return {(versions[0].url, section_id): number for number, versions, section_id in numbered(nav)}


def page(locale: str, title: str, target: str, address: str) -> str:
    """The redirect page: refresh at once, and a plain link for whatever does not follow it."""
    t, a, full = (html.escape(v, quote=True) for v in (title, target, address))
    return (f'<!doctype html>\n<html lang="{html.escape(locale)}">\n<head>\n<meta charset="utf-8">\n'
            f'<title>{t}</title>\n<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="robots" content="noindex">\n<link rel="canonical" href="{full}">\n'
            f'<meta http-equiv="refresh" content="0; url={a}">\n</head>\n'
            f'<body>\n<p><a href="{a}">{t}</a></p>\n</body>\n</html>\n')


def write(site: Path, nav: list, config) -> list[str]:
    """Write every short address's page under `site` (before the CSP step); return their paths."""
    written = []
    for number, versions, section_id in numbered(nav):
        for version in versions:
            short = path(version.locale, number)
            title = dict(version.sections)[section_id]
            target = "../../../" + version.url + f"#{section_id}"  # s/<locale>/<n>/ is three folders deep
            folder = site / short
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "index.html").write_text(page(version.locale, title, target,
                                                    page_address(config, version.url) + f"#{section_id}"), encoding="utf-8")
            written.append(short)
    return written
