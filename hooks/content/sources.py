"""Refuse to build from broken sources, before anything is written.

Checked on the Markdown in docs/<lang>/ (every language against the default one):
the same pages, front matter with `title` and `description`, an explicit ASCII ID on
every `##`-`######` heading, unique IDs, the same IDs in the same order, and every «
closed by a » (outside code).
Checked on the rendered Kazakh pages: every line of source/article-kk.txt, with the
corrections of source/errata.yml applied and its straight quotation marks given as Kazakh
typography writes them («…», and „…“ inside them), appears whole and in order within its
section. What the site writes around the article (footnotes, a section's lead) is not counted.
Each problem is one line naming the file (and line) and what to do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

from content import rendered


HEADING = re.compile(r"^(#{2,6})\s+(.*?)\s*$")
EXPLICIT_ID = re.compile(r"\{\s*#([^\s}]+)[^}]*\}$")
ASCII_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FENCE = re.compile(r"^\s*(```|~~~)")
# Kazakh quotation marks, outer and inner: what the article's straight quotes become.
QUOTES = (("«", "»"), ("„", "“"))


@dataclass
class Heading:
    """One Markdown heading, parsed here for every step that needs it (the checks, the share
    table, the short addresses, the flyer)."""
    line: int
    text: str  # the whole line: `## Title { #id }`
    level: int  # 2 for `##`
    title: str  # its words, without the hashes and the ID
    id: str | None


@dataclass
class Page:
    path: Path
    meta: dict = field(default_factory=dict)
    headings: list[Heading] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def read_page(path: Path, root: Path) -> Page:
    """Parse front matter and headings of one Markdown page, noting what is wrong."""
    name = path.relative_to(root).as_posix()
    page = Page(path)
    lines = path.read_text(encoding="utf-8").split("\n")
    body_start = 0
    if lines and lines[0].strip() == "---":
        try:
            end = lines.index("---", 1)
        except ValueError:
            page.problems.append(f"{name}:1: front matter opened with '---' is never closed: add a '---' line after it")
            return page
        try:
            meta = yaml.safe_load("\n".join(lines[1:end])) or {}
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f":{mark.line + 2}" if mark else ":1"
            page.problems.append(f"{name}{where}: front matter is not valid YAML ({getattr(error, 'problem', error)}): fix its syntax")
            return page
        if not isinstance(meta, dict):
            page.problems.append(f"{name}:2: front matter must be 'key: value' lines: write 'title:' and 'description:'")
            meta = {}
        page.meta = meta
        body_start = end + 1
    for key in ("title", "description"):
        value = page.meta.get(key)
        if not isinstance(value, str) or not value.strip():
            page.problems.append(f"{name}:1: front matter has no '{key}': add '{key}: …' in the page's language between '---' lines")
    in_fence, opened = False, []  # the line of each « still open
    for number, text in enumerate(lines[body_start:], start=body_start + 1):
        if FENCE.match(text):
            in_fence = not in_fence
        if not in_fence:
            page.problems += unpaired_guillemets(text, number, name, opened)
        if in_fence or not (match := HEADING.match(text)):
            continue
        id_match = EXPLICIT_ID.search(match.group(2))
        heading = Heading(number, text.strip(), len(match.group(1)), EXPLICIT_ID.sub("", match.group(2)).strip(),
                          id_match.group(1) if id_match else None)
        if heading.id is None:
            page.problems.append(f"{name}:{number}: heading '{heading.text}' has no explicit ID: end it with {{ #some-id }}, the same in every language")
        elif not ASCII_ID.match(heading.id):
            page.problems.append(f"{name}:{number}: ID '#{heading.id}' is not lowercase ASCII words joined by '-': rename it in every language")
        elif heading.id in [h.id for h in page.headings]:
            page.problems.append(f"{name}:{number}: ID '#{heading.id}' is used twice on the page: give this heading its own ID")
        page.headings.append(heading)
    if opened:
        page.problems.append(f"{name}:{opened[0]}: a « opened here is never closed: close the quotation with », "
                             "as the article's quotes are")
    return page


def unpaired_guillemets(line: str, number: int, name: str, opened: list[int]) -> list[str]:
    """A » that closes no open «, on this line (code spans are not text); each « is pushed on `opened`."""
    problems = []
    for char in re.sub(r"`[^`]*`", "", line):
        if char == "«":
            opened.append(number)
        elif char == "»":
            if not opened:
                problems.append(f"{name}:{number}: a » closes no « that is open: add the «, or remove the »")
            else:
                opened.pop()
    return problems


def compare_pages(original: Page, translation: Page, root: Path) -> list[str]:
    """Say where a translation's section IDs differ from the original's."""
    name = translation.path.relative_to(root).as_posix()
    source = original.path.relative_to(root).as_posix()
    ours = [h.id for h in translation.headings]
    theirs = [h.id for h in original.headings]
    if ours == theirs:
        return []
    for index, expected in enumerate(theirs):
        found = ours[index] if index < len(ours) else None
        if found == expected:
            continue
        line = translation.headings[index].line if index < len(ours) else len(translation.path.read_text(encoding="utf-8").split("\n"))
        if found is not None and found not in theirs:
            return [f"{name}:{line}: section ID '#{found}' is not in {source} (expected '#{expected}'): use the original's IDs, which never change"]
        if expected not in ours:
            return [f"{name}:{line}: section '#{expected}' of {source} is missing: translate that section with the heading ID {{ #{expected} }}"]
        return [f"{name}:{line}: section '#{found}' is out of order: follow the order of {source} ({', '.join('#' + i for i in theirs if i)})"]
    extra = translation.headings[len(theirs)]
    return [f"{name}:{extra.line}: section ID '#{extra.id}' is not in {source}: remove it, or add it to every language"]


def check_translations(docs: Path, locales: list[str]) -> list[str]:
    """Compare every language's pages with the default language's (the first locale)."""
    default, *others = locales
    problems: list[str] = []
    pages = {locale: {p.relative_to(docs / locale).as_posix(): read_page(p, docs.parent)
                      for p in sorted((docs / locale).rglob("*.md"))} for locale in locales}
    for locale in locales:
        for page in pages[locale].values():
            problems += page.problems
    for locale in others:
        for name, original in pages[default].items():
            if name not in pages[locale]:
                problems.append(f"docs/{locale}/{name}: missing: translate docs/{default}/{name} into it (pages never fall back to {default})")
            elif not original.problems:  # a broken original is reported once, above
                problems += compare_pages(original, pages[locale][name], docs.parent)
        for name in pages[locale].keys() - pages[default].keys():
            problems.append(f"docs/{locale}/{name}: has no original docs/{default}/{name}: add the original, or remove this page")
    return problems


def section_texts(html: str) -> dict[str, str]:
    """Whitespace-normalised text of each section of rendered content, without what the site adds
    (footnotes, a section's lead: content/rendered.py)."""
    return {key: normalise(text) for key, text in rendered.read(html).sections.items()}


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def typographic_quotes(lines: list[str], name: str) -> list[str]:
    """The lines with their straight quotation marks as Kazakh typography writes them.

    A typographic change, not a change of words: a mark at the start of a line or after a
    space or an opening bracket or quote opens a quotation, any other closes one, and a
    quotation may close on a later line (the article's lines 4 and 5 are one sentence).
    Outer quotations take «…», quotations inside them „…“.
    """
    opened: list[int] = []  # the line where each open quotation opened, the outermost first
    result = []
    for number, line in enumerate(lines, start=1):
        out = []
        for index, char in enumerate(line):
            if char != '"':
                out.append(char)
            elif index == 0 or line[index - 1].isspace() or line[index - 1] in "([{«„":
                if len(opened) == len(QUOTES):
                    raise PluginError(f"{name}:{number}: a quotation opens inside {len(opened)} open ones: "
                                      "correct the quotation marks in source/errata.yml")
                out.append(QUOTES[len(opened)][0])
                opened.append(number)
            else:
                if not opened:
                    raise PluginError(f"{name}:{number}: a quotation mark closes none that is open: "
                                      "correct it in source/errata.yml")
                opened.pop()
                out.append(QUOTES[len(opened)][1])
        result.append("".join(out))
    if opened:
        raise PluginError(f"{name}:{opened[0]}: a quotation opened here is never closed: "
                          "correct the quotation marks in source/errata.yml")
    return result


def corrected_lines(article: Path, errata: Path) -> list[str]:
    """The article's lines with the listed corrections applied, then its quotation marks."""
    lines = [normalise(line) for line in article.read_text(encoding="utf-8").splitlines()]
    for entry in yaml.safe_load(errata.read_text(encoding="utf-8")) or []:
        number, fix, to = entry.get("line"), entry.get("fix"), entry.get("to")
        if not isinstance(number, int) or not 1 <= number <= len(lines) or not fix or to is None:
            raise PluginError(f"{errata.name}: entry {entry!r} needs 'line' (1-{len(lines)}), 'fix' and 'to'")
        count = lines[number - 1].count(fix)
        if count != 1:
            raise PluginError(f"{errata.name}: line {number}: '{fix}' occurs {count} times in the line, not once: make 'fix' longer or correct it")
        lines[number - 1] = lines[number - 1].replace(fix, to)
    return typographic_quotes(lines, f"{article.parent.name}/{article.name}")


def signless(text: str) -> str:
    """The text with every kind of quotation mark made one straight mark."""
    return re.sub("[\"«»„“”]", '"', text)


def check_coverage(lines: list[str], pages: dict[str, dict[str, str]], article_name: str) -> list[str]:
    """Find every line in some section of some page, lines of one section in order."""
    problems = []
    last_seen: dict[tuple[str, str], tuple[int, int]] = {}
    for number, line in enumerate(lines, start=1):
        if not line:
            continue
        where = [(page, section, text.find(line)) for page, sections in pages.items()
                 for section, text in sections.items() if line in text]
        if not where and any(signless(line) in signless(text) for sections in pages.values() for text in sections.values()):
            problems.append(f"{article_name}:{number}: this line is on the Kazakh pages with other quotation marks: "
                            "write them «…», and „…“ inside them")
            continue
        if not where:
            problems.append(f"{article_name}:{number}: this line is not on the Kazakh pages: restore it whole, or list a typo fix in source/errata.yml")
            continue
        page, section, offset = where[0]
        previous = last_seen.get((page, section))
        if previous and previous[1] > offset:
            problems.append(f"{article_name}:{number}: this line comes before line {previous[0]} in {page}#{section}: keep the source's order")
        last_seen[(page, section)] = (number, offset)
    return problems


def refuse_broken_translations(docs: Path, locales: list[str]) -> None:
    """Stop the build, before anything is written, on a broken page in any language."""
    if problems := check_translations(docs, locales):
        raise PluginError("Broken sources:\n" + "\n".join(problems))


def refuse_lost_lines(rendered: dict[str, dict[str, str]], root: Path) -> None:
    """Stop the build when a line of the article is not on the rendered Kazakh pages."""
    lines = corrected_lines(root / "source/article-kk.txt", root / "source/errata.yml")
    if problems := check_coverage(lines, rendered, "source/article-kk.txt"):
        raise PluginError("Kazakh text lost:\n" + "\n".join(problems))
