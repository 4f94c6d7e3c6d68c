"""Where else to read the site: the about pages' `if-blocked` section, linked from every footer."""

from __future__ import annotations

import zipfile

import pytest
from project import LANGUAGES, LOCALES

STRINGS = LANGUAGES[2].strings


def test_every_page_links_the_section_in_its_language_from_its_footer(pages, offline_site):
    for page in pages:
        language = next(l for l in LANGUAGES if l.locale == page.locale)
        link = page.soup().select_one(".md-footer-meta .md-copyright a")
        assert link.get_text() == language.strings["if_blocked"]
        path, _, section = link["href"].partition("#")
        assert (page.path.parent / path / "index.html").resolve() == page.site / language.home / "about/index.html"
        assert section == "if-blocked"
    for language in LANGUAGES:
        offline = (offline_site / language.home / "prosecutions.html").read_text(encoding="utf-8")
        assert 'href="about.html#if-blocked"' in offline


@pytest.mark.parametrize("locale", LOCALES)
def test_the_section_names_every_way_to_read_and_to_check_a_file(pages, locale):
    about = next(p for p in pages if p.locale == locale and p.name == "about").soup()
    heading = about.select_one("h2#if-blocked")
    text = " ".join(node.get_text(" ") for node in heading.find_next_siblings())
    for expected in ("Kiwix", "Kiwix Desktop", "Android", "iPhone", "Windows", f"report-{locale}.zim",
                     "report-offline.zip", "index.html", f"report-{locale}.html", f"report-{locale}.pdf",
                     "sha256sum --ignore-missing -c SHA256SUMS", "shasum -a 256 --ignore-missing -c SHA256SUMS",
                     f"certutil -hashfile report-{locale}.pdf SHA256"):
        assert expected in text, expected
    assert "onion" not in text and "<!--" not in str(heading.parent)  # nothing set: nothing added


def test_the_offline_copy_keeps_the_section(site):
    with zipfile.ZipFile(site / "download/report-offline.zip") as archive:
        about = archive.read("report-offline/en/about.html").decode()
    assert 'id="if-blocked"' in about
