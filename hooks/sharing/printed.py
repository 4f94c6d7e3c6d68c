"""What a page printed from the browser carries: its address and the edition's date at the foot of
every sheet, in a page margin box (`@page { @bottom-left }`, which Chromium prints since 131 and
WeasyPrint always has).

The text differs per page, yet the page policy allows no per-page inline style (hooks/trust/csp.py):
so each page's `<body>` is marked `data-print="p<8 hex>"` (a hash of its address) and the rule
for that mark, a named page (`page: p…` and `@page p… { @bottom-left { content: "…" } }`), goes into
the site's stylesheet (`write_rules`, before hooks/weight/stylesheet.py joins it with the others).
The rest of the print styles (no navigation, buttons or "show" bars; addresses after links that
leave the site) are in docs/assets/report.css, `@media print`.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from content import dates

BODY = re.compile(r"<body\b")
STYLESHEET = "assets/report.css"  # ours, linked by every page (mkdocs.yml extra_css)


def css_string(text: str) -> str:
    """`text` as a CSS string: quotes and backslashes escaped, control characters as CSS escapes."""
    escaped = "".join(f"\\{ord(c):x} " if ord(c) < 0x20 or ord(c) == 0x7f else c
                      for c in text.replace("\\", "\\\\").replace('"', '\\"'))
    return f'"{escaped}"'


def footer(output: str, address: str, strings: dict, edition: str, rules: dict[str, str]) -> str:
    """The page with its print mark on `<body>` (unchanged when it has none); its rule added to `rules`."""
    line = f"{address} · {strings['download_edition']}: {dates.human(edition, strings)}"
    name = "p" + hashlib.sha256(address.encode("utf-8")).hexdigest()[:8]
    output, count = BODY.subn(f'<body data-print="{name}"', output, count=1)
    if count:
        rules[name] = (f'@media print{{body[data-print="{name}"]{{page:{name}}}@page {name}{{margin:14mm 12mm 16mm;'
                       f"@bottom-left{{content:{css_string(line)};font-size:8pt;color:#000}}"
                       "@bottom-right{content:counter(page);font-size:8pt}}}")
    return output


def write_rules(site: Path, rules: dict[str, str]) -> None:
    """Every page's print rule, at the end of our stylesheet in the built site."""
    if not rules:
        return
    sheet = site / STYLESHEET
    if not sheet.is_file():
        raise PluginError(f"hooks/sharing/printed.py: {STYLESHEET} is not in the built site: the print footers "
                          "go there; keep it in mkdocs.yml's extra_css or change STYLESHEET")
    with sheet.open("a", encoding="utf-8") as file:
        file.write("\n" + "\n".join(rules[name] for name in sorted(rules)) + "\n")
