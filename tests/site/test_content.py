"""The report's text: the whole Kazakh article on the Kazakh pages, and translations aligned with it."""

from __future__ import annotations

import re
from collections import Counter

import yaml
from content import rendered, sources
from project import LOCALES, PAGE_NAMES, ROOT


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
    assert [fix for fix, to in word_corrections() if fix in kazakh] == []


def word_corrections() -> list[tuple[str, str]]:
    """The errata that change a word, not only restore a full stop: (as received, as corrected)."""
    errata = yaml.safe_load((ROOT / "source/errata.yml").read_text(encoding="utf-8"))
    return [(e["fix"], e["to"]) for e in errata if e["to"] != e["fix"] + "."]


def test_the_about_pages_list_every_corrected_word_in_every_language(pages):
    """Each changed word, as received and as corrected, is named in the corrections of all three languages."""
    assert ("бұғаулауға", "бұғаттауға") in word_corrections()
    failures = []
    for page in (p for p in pages if p.name == "about"):
        text = sources.section_texts(str(content(page)))["corrections"]
        failures += [(page.locale, word) for fix, to in word_corrections()
                     for word in dict.fromkeys(fix.split() + to.split()) if word not in text]
    assert failures == []


# Who speaks in the article's lines: Denis Krivosheev in lines 4-6 (line 6's "Ол", he), Amnesty
# International in all (the article's "the organisation", "the human rights defenders", "AI").
SPEAKERS = {"Amnesty International": range(1, 14), "Denis Krivosheev": range(4, 7)}
NAMES = {"Amnesty International": {"kk": "Amnesty International", "ru": "Amnesty International", "en": "Amnesty International"},
         "Denis Krivosheev": {"kk": "Денис Кривошеев", "ru": "Денис Кривошеев", "en": "Denis Krivosheev"}}


def visible_sections(page) -> dict[str, str]:
    """Per section ID, what a reader sees of it: heading, lead and text, without the footnotes."""
    texts, current = {"": []}, ""
    for node in content(page).find_all(recursive=False):
        if "footnote" in (node.get("class") or []):
            continue
        if re.fullmatch(r"h[2-6]", node.name) and node.get("id"):
            current = node["id"]
            texts[current] = []
        texts[current].append(node.get_text(" "))
    return {key: " ".join(" ".join(parts).split()) for key, parts in texts.items()}


def test_every_section_of_the_article_names_who_speaks_in_it_in_every_language(pages):
    """A section opened from a shared link says whose words it gives (in its heading, text or lead), not
    only in a footnote, and spells out "AI"."""
    lines = sources.corrected_lines(ROOT / "source/article-kk.txt", ROOT / "source/errata.yml")
    kazakh = {p.name: sources.section_texts(str(content(p))) for p in pages if p.locale == "kk"}
    seen = {(p.locale, p.name): visible_sections(p) for p in pages}
    failures = []
    for number, line in enumerate(lines, start=1):
        found = [(name, key) for name, texts in kazakh.items() for key, text in texts.items() if line in text]
        if not found:
            failures.append((number, "not on the Kazakh pages"))
            continue
        name, section = found[0]
        for speaker, numbers in SPEAKERS.items():
            failures += [(locale, f"{name}#{section}", number, NAMES[speaker][locale]) for locale in LOCALES
                         if number in numbers and NAMES[speaker][locale] not in seen[(locale, name)][section]]
    assert failures == []


def test_leads_are_the_sites_own_and_stand_first_in_the_same_sections_in_every_language(pages):
    """A lead is a paragraph of its own right after the heading (and its share links), all in italics (so
    also in the downloads, which have their own stylesheets), ending with a colon, in every language or none."""
    leads, failures = {}, []
    for page in pages:
        for note in content(page).select(f"p.{rendered.LEAD_NOTE}"):
            heading = note.find_previous_sibling(lambda tag: "share-menu" not in tag.get("class", []))
            text = note.get_text()
            if not re.fullmatch(r"h[2-6]", heading.name) or note.em is None or note.em.get_text() != text or not text.endswith(":"):
                failures.append((page.url, str(note)))
            leads.setdefault(f"{page.name}#{heading.get('id')}", {})[page.locale] = text
    assert failures == []
    assert "prosecutions#surveillance" in leads
    assert {key: sorted(texts) for key, texts in leads.items() if sorted(texts) != sorted(LOCALES)} == {}


def test_the_about_pages_say_that_the_leads_are_the_sites(pages):
    failures = []
    for page in (p for p in pages if p.name == "about"):
        lead = next(p for p in pages if (p.locale, p.name) == (page.locale, "prosecutions"))
        example = content(lead).select_one(f"#surveillance + details.share-menu + p.{rendered.LEAD_NOTE}").get_text()
        if example not in sources.section_texts(str(content(page)))["corrections"]:
            failures.append(page.locale)
    assert failures == []


def test_the_stylesheet_sets_the_leads_apart(pages):
    page = next(p for p in pages if p.name == "prosecutions")
    stylesheets = [page.path.parent / link["href"] for link in page.soup().select('link[rel="stylesheet"]')]
    assert any(f"p.{rendered.LEAD_NOTE}" in path.read_text(encoding="utf-8") for path in stylesheets)


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
