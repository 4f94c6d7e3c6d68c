"""Words that say what they are: Kazakh pages call the report есеп (as the article and every heading
do), never баяндама; the "he" footnote on prosecutions says who he is and links his quotation on the
home page as such; a home page's <title> names the site once."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup
from project import LANGUAGES, LOCALES, ROOT, pdf_text

KAZAKH = LANGUAGES[0]
assert KAZAKH.locale == "kk"
NOT_KAZAKH = re.compile(r"баяндама", re.I)  # "report" as Kazakh Russian-influenced writing says it; the article says есеп
# The footnote's link, in each language: a quotation of his, and where it is.
QUOTED = {"kk": "басты беттегі дәйексөзі", "ru": "его цитата на главной странице",
          "en": "his quotation on the home page"}
WHO = {"kk": "Денис Кривошеев", "ru": "Денис Кривошеев", "en": "Denis Krivosheev"}


def kazakh_pages(site):
    """Every HTML page of the Kazakh site: the root's, not the other languages' folders."""
    others = tuple(site / language.locale for language in LANGUAGES[1:])
    return [path for path in site.rglob("*.html") if not path.is_relative_to(others[0]) and not path.is_relative_to(others[1])]


def test_kazakh_calls_the_report_есеп_never_баяндама(site):
    texts = {str(path.relative_to(site)): BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").get_text(" ")
             for path in kazakh_pages(site)}
    texts |= {f"mkdocs.yml extra.strings.{key}": str(value) for key, value in KAZAKH.strings.items()}
    texts |= {"mkdocs.yml site_name, site_description": f"{KAZAKH.site_name} {KAZAKH.site_description}",
              "overrides/partials/languages/kk.html": (ROOT / "overrides/partials/languages/kk.html").read_text(encoding="utf-8"),
              "search/search_index.json": json.dumps(json.loads((site / "search/search_index.json").read_text(encoding="utf-8")),
                                                     ensure_ascii=False),
              "download/report-kk.html": (site / "download/report-kk.html").read_text(encoding="utf-8")}
    texts |= {f"download/{name}": pdf_text(site / "download" / name) for name in ("report-kk.pdf", "flyer-kk.pdf", "links-kk.pdf")}
    assert len(texts) > 30
    found = {where: NOT_KAZAKH.findall(" ".join(text.split())) for where, text in texts.items()}
    assert {where: words for where, words in found.items() if words} == {}


@pytest.mark.parametrize("locale", LOCALES)
def test_the_he_footnote_says_who_he_is_and_links_his_quotation_as_such(pages, locale):
    page = next(p for p in pages if p.locale == locale and p.name == "prosecutions")
    soup = page.soup()
    marker = soup.select_one("#surveillance ~ p sup a[href^='#fn:']")
    note = soup.find(id=marker["href"][1:])
    link = next(a for a in note.select("a") if "footnote-backref" not in (a.get("class") or []))
    assert WHO[locale] in note.get_text()
    assert link.get_text() == QUOTED[locale] and link["href"] in ("../#krivosheev", "../index.html#krivosheev")
    home = next(p for p in pages if p.locale == locale and p.name == "index").soup()
    assert WHO[locale] in home.find(id="krivosheev").find_next("figure").get_text()  # he is quoted there


@pytest.mark.parametrize("locale", LOCALES)
def test_a_home_pages_title_names_the_site_once_and_other_pages_after_their_own(pages, locale):
    language = next(language for language in LANGUAGES if language.locale == locale)
    for page in (p for p in pages if p.locale == locale):
        title = page.soup().title.get_text().strip()
        if page.name == "index":
            assert title == language.site_name, title
        else:
            assert title.endswith(f" - {language.site_name}") and title.count(language.site_name) == 1, title
