"""What a page printed from the browser carries: its address and the edition's date at the foot of
every sheet, in a page margin box (`@page { @bottom-left }`, which Chromium prints since 131 and
WeasyPrint always has). The text differs per page, so it is a small `<style>` in the page's head,
hashed into the page's CSP like every inline style (hooks/trust/csp.py). The rest of the print
styles (no navigation, buttons or "show" bars; addresses after links that leave the site) are in
docs/assets/report.css, `@media print`.
"""

from __future__ import annotations

from content import dates

HEAD_END = "</head>"


def css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def footer(output: str, address: str, strings: dict, edition: str) -> str:
    """The page with its print footer's style at the end of its head (unchanged when it has none)."""
    line = f"{address} · {strings['download_edition']}: {dates.human(edition, strings)}"
    style = ("<style>@media print{@page{margin:14mm 12mm 16mm;"
             f"@bottom-left{{content:{css_string(line)};font-size:8pt;color:#000}}"
             "@bottom-right{content:counter(page);font-size:8pt}}}</style>")
    head, found, tail = output.partition(HEAD_END)
    return head + style + found + tail if found else output
