"""Printed addresses never move, in the real build: a section inserted asks for the next free number
and moves no printed address; a published section renamed stops the build (the map itself, on
small maps: tests/check/test_addresses.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from project import LANGUAGES, LOCALES, ROOT, build_site, copy_project
from mkdocs.utils.yaml import yaml_load

from content import addresses

HOME = {language.locale: language.home for language in LANGUAGES}


# --- the real build -------------------------------------------------------------------------------

NEW_SECTION = {"kk": "## Жаңа бөлім { #new-section }\n\nМәтін.\n\n", "ru": "## Новый раздел { #new-section }\n\nТекст.\n\n",
               "en": "## A new section { #new-section }\n\nText.\n\n"}


def targets(site: Path, published: addresses.Published) -> dict[str, str]:
    """Each short address → where its page leads, as built."""
    found = {}
    for entry in published.shorts:
        soup = BeautifulSoup((site / entry.path / "index.html").read_text(encoding="utf-8"), "lxml")
        found[entry.path] = soup.find("meta", attrs={"http-equiv": "refresh"})["content"].split("url=../../../", 1)[1]
    return found


@pytest.mark.xdist_group("inserted-section")
def test_a_section_inserted_in_the_middle_moves_no_printed_address(tmp_path, site):
    """One `##` section inserted into the home page, before #krivosheev, in all three languages: the
    build names the lines to add; once added, every short address, QR code and flyer address that
    was printed leads where it did, and the new section has the next free number."""
    project = copy_project(tmp_path / "project")
    for locale in LOCALES:
        home = project / "docs" / locale / "index.md"
        text = home.read_text(encoding="utf-8")
        at = re.search(r"^## .*\{ #krivosheev \}$", text, re.M).start()
        home.write_text(text[:at] + NEW_SECTION[locale] + text[at:], encoding="utf-8")
    refused = build_site(project, tmp_path / "refused", downloads=False)
    assert refused.returncode != 0, "the build gave the new section a number of its own accord"
    free = 1 + max(short.number for short in addresses.read(ROOT).shorts)
    asked = [f"s/{l}/{free}/ {HOME[l] or './'}#new-section" for l in LOCALES]
    assert "these sections have no short address: add these lines to it" in refused.stderr
    assert "\n".join(asked) in refused.stderr
    with (project / addresses.LIST).open("a", encoding="utf-8") as listed:
        listed.write("".join(f"{line}\n" for line in asked))
    result = build_site(project, tmp_path / "site", downloads=False)
    assert result.returncode == 0, result.stderr[-3000:]
    before, after = addresses.read(ROOT), addresses.read(project)
    built = targets(tmp_path / "site", after)
    assert {path: built[path] for path in targets(site, before)} == targets(site, before)
    assert built[f"s/en/{free}/"] == "en/#new-section" and built["s/en/4/"] == "en/blocking/#site-blocking"
    links = BeautifulSoup((tmp_path / "site/en/links/index.html").read_text(encoding="utf-8"), "lxml")
    shown = {a["href"].split("/s/", 1)[1]: a.find_parent("tr").th.get_text() for a in links.select("a.share-short")}
    assert shown[f"ru/{free}/"] == "A new section" and shown["kk/4/"] == "Blocking websites"
    from downloads import flyer
    config = yaml_load((project / "mkdocs.yml").open(encoding="utf-8"))
    for language in LANGUAGES:
        first = {t.title: t.short for t in flyer.topics(language, config["nav"], "https://x.org/", root=project)}
        title = yaml_load((project / "docs" / language.locale / "blocking.md").read_text(encoding="utf-8").split("---")[1])["title"]
        assert first[title] == f"https://x.org/s/{language.locale}/4/"


def test_a_renamed_published_section_stops_the_build_naming_the_file(tmp_path):
    project = copy_project(tmp_path / "project")
    for locale in LOCALES:
        page = project / "docs" / locale / "blocking.md"
        page.write_text(page.read_text(encoding="utf-8").replace("{ #vpn }", "{ #vpn-tools }"), encoding="utf-8")
    result = build_site(project, tmp_path / "site", downloads=False)
    assert result.returncode != 0, "a published section ID was renamed and the build went on"
    assert re.search(r"docs/kk/blocking\.md: the section ID '#vpn' is published \(published-addresses\.txt:\d+: s/kk/6/ "
                     r"leads to blocking/#vpn", result.stderr), result.stderr[-2000:]
    assert '<a id="vpn"></a>' in result.stderr
