"""Pages without indentation: Material's templates indent every line, a tenth of a page's gzip size.

Whitespace that starts a line goes (the line break stays, so text reads and wraps as before),
except inside <pre>, <textarea>, <script> and <style>, where it may mean something.
"""

from __future__ import annotations

import re


KEPT = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2>)", re.S | re.I)
INDENT = re.compile(r"\n[ \t\r\n]+")


def unindent(html: str) -> str:
    parts = KEPT.split(html)  # text, kept block, its tag name, text, ...
    return "".join(INDENT.sub("\n", part) if index % 3 == 0 else part
                   for index, part in enumerate(parts) if index % 3 != 2)
