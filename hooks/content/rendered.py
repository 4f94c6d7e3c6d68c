"""Rendered page content read as a reader sees it: its section headings and each section's words.

The one reader of the built HTML's headings (the standard library's html.parser), for every step
that needs them: the share control after each heading (sharing/share.py `section_controls`) and
the article's lines found section by section (content/sources.py `section_texts`). A section heading
is an `h2`-`h6` with an ID, wherever its attributes stand (attr_list writes a class before the ID).
What the site adds to the words is not read: Python-Markdown's permalinks (`a.headerlink`), footnote
marks (`a.footnote-ref`) and footnotes (`div.footnote`), and a section's lead (`.lead-note`: who
speaks, for a section opened from a link), so that none of them can stand in for the article or
a heading's title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

# A section's lead, written by the site and not the article: `*Who (affiliation):*` then `{ .lead-note }`.
LEAD_NOTE = "lead-note"
SKIPPED = ("headerlink", "footnote-ref", "footnote", LEAD_NOTE)  # classes whose element is not read
VOID = ("br", "hr", "img", "input", "meta", "link", "wbr")
SECTION_HEADING = re.compile(r"h[2-6]")
HTML_SPACE = "[ \t\n\f\r]+"  # what a browser shows as one space (not the no-break space)


@dataclass(frozen=True)
class Heading:
    """One section heading of rendered content."""
    level: int  # 2 for <h2>
    id: str
    title: str  # its words as a reader sees them, spaces as a browser shows them
    end: int  # the offset in the content just after its end tag: where what follows the heading goes


class Reader(HTMLParser):
    """Read once: `headings` in order, and `sections`, each section ID's words ('' before the first
    heading, a space at every tag) for content/sources.py to normalise."""

    def __init__(self, content: str) -> None:
        super().__init__(convert_charrefs=True)
        self.content = content
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", content)]  # getpos() is (line, column)
        self.headings: list[Heading] = []
        self.parts: dict[str, list[str]] = {"": []}
        self.current = ""
        self.skip_depth = 0
        self.stack: list[str] = []
        self.heading: tuple[str, str, list[str]] | None = None  # the heading being read: tag, ID, words

    @property
    def sections(self) -> dict[str, str]:
        return {key: " ".join(parts) for key, parts in self.parts.items()}

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if self.skip_depth or any(name in classes for name in SKIPPED):
            self.skip_depth += 1
        elif SECTION_HEADING.fullmatch(tag) and attributes.get("id"):
            self.current = attributes["id"]
            self.parts.setdefault(self.current, [])
            self.heading = (tag, self.current, [])
        self.stack.append(tag)
        self.parts[self.current].append(" ")

    def handle_endtag(self, tag):
        if tag not in self.stack:
            return
        while self.stack and self.stack.pop() != tag:
            self.skip_depth = max(0, self.skip_depth - 1)
        if self.skip_depth:
            self.skip_depth -= 1
        self.parts[self.current].append(" ")
        if self.heading and self.heading[0] == tag:
            _, heading_id, words = self.heading
            line, column = self.getpos()  # where this end tag starts
            end = self.content.index(">", self.line_starts[line - 1] + column) + 1
            title = re.sub(HTML_SPACE, " ", "".join(words)).strip(" ")
            self.headings.append(Heading(int(tag[1]), heading_id, title, end))
            self.heading = None

    def handle_data(self, data):
        if not self.skip_depth:
            self.parts[self.current].append(data)
            if self.heading:
                self.heading[2].append(data)


def read(content: str) -> Reader:
    """Rendered content (an HTML fragment or page), read."""
    reader = Reader(content)
    reader.feed(content)
    reader.close()
    return reader
