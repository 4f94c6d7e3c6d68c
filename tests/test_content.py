"""The report's text: the whole Kazakh article on the Kazakh pages, and translations aligned with it."""

from __future__ import annotations

import re
from collections import Counter

import sources
from conftest import LOCALES, PAGE_NAMES, ROOT


def content(page):
    return page.soup().select_one("article.md-content__inner")


def sections(page) -> dict[str, Counter]:
    """Per section ID (and "" before the first): paragraphs, quotations, list items, notes."""
    counts: dict[str, Counter] = {"": Counter()}
    current = ""
    article = content(page)
    for node in article.find_all(True):
        if node.find_parent(class_="footnote"):
            continue
        if re.fullmatch(r"h[2-6]", node.name) and node.get("id"):
            current = node["id"]
            counts[current] = Counter()
        elif node.name in ("p", "blockquote", "figcaption", "li"):
            counts[current][node.name] += 1
        elif node.name == "sup" and "footnote-ref" in (node.get("class") or []):
            counts[current]["footnote"] += 1
    return counts


def test_the_article_is_on_the_kazakh_pages_with_its_corrections(pages):
    """Every line of it is there whole: the build refuses otherwise (test_sources.py proves it)."""
    rendered = {p.name: sources.section_texts(str(content(p))) for p in pages if p.locale == "kk"}
    lines = sources.corrected_lines(ROOT / "source/article-kk.txt", ROOT / "source/errata.yml")
    assert len(lines) == 13
    # the corrections are applied, so the defects are gone from the report (about lists them)
    kazakh = " ".join(" ".join(s.values()) for name, s in rendered.items() if name != "about")
    assert "бойынша бойынша" not in kazakh and "цензурасыннан" not in kazakh


def test_the_coverage_check_notices_a_lost_or_moved_line():
    lines = ["бірінші жол.", "екінші жол."]
    assert sources.check_coverage(lines, {"a": {"x": "бірінші жол. екінші жол."}}, "t.txt") == []
    lost = sources.check_coverage(lines, {"a": {"x": "бірінші жол."}}, "t.txt")
    assert lost == ["t.txt:2: this line is not on the Kazakh pages: restore it whole, or list a typo fix in source/errata.yml"]
    moved = sources.check_coverage(lines, {"a": {"x": "екінші жол. бірінші жол."}}, "t.txt")
    assert moved == ["t.txt:2: this line comes before line 1 in a#x: keep the source's order"]


def test_the_quotation_is_marked_up_with_its_speaker(pages):
    for page in (p for p in pages if p.name == "index"):
        figure = content(page).select_one("#krivosheev ~ figure.quotation")
        assert figure is not None, page.path
        assert figure.blockquote is not None and figure.figcaption is not None
        speaker = {"kk": "Денис Кривошеев", "ru": "Денис Кривошеев", "en": "Denis Krivosheev"}[page.locale]
        assert speaker in figure.figcaption.get_text()


def test_english_quotation_uses_amnestys_original_wording(pages):
    index = next(p for p in pages if p.locale == "en" and p.name == "index")
    text = " ".join(content(index).select_one("figure.quotation blockquote").get_text().split())
    assert ("The independent media in Kazakhstan has been all but strangled, but the internet remained "
            "relatively free of government control until now. Not anymore") in text


def test_names_are_spelled_as_in_the_names_table(pages):
    names = {"kk": ["Макс Боқаев", "Талғат Аян", "Денис Кривошеев"],
             "ru": ["Макса Бокаева", "Талгата Аяна", "Денис Кривошеев"],
             "en": ["Maks Bokaev", "Talgat Ayan", "Denis Krivosheev"]}
    failures = []
    for locale, expected in names.items():
        text = " ".join(content(p).get_text() for p in pages if p.locale == locale)
        failures += [(locale, name) for name in expected if name not in text]
    assert failures == []


def test_translations_have_the_same_sections_paragraphs_and_quotations(pages):
    by_key = {(p.locale, p.name): sections(p) for p in pages}
    failures = []
    for name in PAGE_NAMES:
        original = by_key[(LOCALES[0], name)]
        for locale in LOCALES[1:]:
            if by_key[(locale, name)] != original:
                failures.append((locale, name, by_key[(locale, name)], original))
    assert failures == []


def test_pages_have_the_required_section_ids():
    required = {"index": ["report", "krivosheev"], "blocking": ["site-blocking", "information-society", "vpn"],
                "prosecutions": ["surveillance", "bokaev-ayan"], "may-21": ["detentions", "what-they-posted"],
                "recommendations": ["amend-codes"], "about": ["source", "cite", "downloads"]}
    assert sorted(required) == PAGE_NAMES
    for locale in LOCALES:
        for name, ids in required.items():
            found = [h.id for h in sources.read_page(ROOT / "docs" / locale / f"{name}.md", ROOT).headings]
            assert [i for i in found if i in ids] == ids, (locale, name, found)
