"""Printed addresses never move: the short addresses are declared with their sections in
published-addresses.txt (hooks/content/addresses.py `read`), and the build holds the site to them
(hooks/sharing/short.py): a new section asks for the next free number, a renamed or removed section
keeps its ID as an alias, a committed line never changes."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from conftest import LANGUAGES, LOCALES, ROOT, build_site, copy_project
from mkdocs.exceptions import PluginError
from mkdocs.utils.yaml import yaml_load

from content import addresses
from sharing import short

HOME = {language.locale: language.home for language in LANGUAGES}


def translations(sections: dict[str, list[str]], source: Path | None = None) -> list[list[SimpleNamespace]]:
    """A nav of pages (name → its section IDs), each in every language, as hooks/sharing/share.py makes it."""
    return [[SimpleNamespace(locale=l, url=HOME[l] + (f"{name}/" if name else ""), address=HOME[l] + (f"{name}/" if name else ""), title=name or "home",
                             sections=[(i, i.title()) for i in ids], source=str(source or ""))
             for l in LOCALES] for name, ids in sections.items()]


def declared(folder: Path, *lines: str) -> addresses.Published:
    """The map of `lines`, read as the build reads published-addresses.txt."""
    (folder / addresses.LIST).write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return addresses.read(folder)


def every_language(number: int, page: str, section: str) -> list[str]:
    return [f"s/{l}/{number}/ {HOME[l] + page or './'}#{section}" for l in LOCALES]


MAP = [*every_language(1, "", "report"), *every_language(2, "blocking/", "site-blocking"),
       *every_language(3, "blocking/", "vpn")]


def test_numbers_follow_the_declared_map_not_the_order_of_sections(tmp_path):
    swapped = translations({"": ["report"], "blocking": ["vpn", "new", "site-blocking"]})
    with pytest.raises(PluginError) as refused:
        short.numbered(declared(tmp_path, *MAP), swapped)
    assert str(refused.value) == ("published-addresses.txt: these sections have no short address: add these lines "
                                  "to it (the next free numbers; numbers are never moved or reused):\n"
                                  + "\n".join(every_language(4, "blocking/", "new")))
    numbers = short.numbered(declared(tmp_path, *MAP, *every_language(4, "blocking/", "new")), swapped)
    assert {(url, section): n for (url, section), n in numbers.items() if url.startswith("en/")} == {
        ("en/", "report"): 1, ("en/blocking/", "site-blocking"): 2, ("en/blocking/", "vpn"): 3, ("en/blocking/", "new"): 4}


def test_a_removed_sections_number_is_never_given_again(tmp_path):
    numbers = short.numbered(declared(tmp_path, *MAP), translations({"": ["report"], "blocking": ["vpn", "later"]}), strict=False)
    assert numbers["ru/blocking/", "later"] == 4  # 2 (#site-blocking, removed) stays its


def test_one_section_has_one_number_in_every_language(tmp_path):
    mixed = [line.replace("s/ru/3/", "s/ru/9/") for line in MAP]
    with pytest.raises(PluginError, match=r"#vpn of blocking/ has the numbers s/kk/3/, s/ru/9/, s/en/3/"):
        short.numbered(declared(tmp_path, *mixed), translations({"": ["report"], "blocking": ["site-blocking", "vpn"]}))


def test_the_map_is_read_line_by_line_and_a_bad_line_is_named(tmp_path):
    (tmp_path / addresses.LIST).write_text("# comment\n./\nru/about/\ns/ru/4/ ru/blocking/#site-blocking\n"
                                           "s/kk/1/ ./#report\n", encoding="utf-8")
    read = addresses.read(tmp_path)
    assert read.pages == ["./", "ru/about/"] and [s.path for s in read.shorts] == ["s/ru/4/", "s/kk/1/"]
    assert read.short("ru/blocking/", "site-blocking").target == "ru/blocking/#site-blocking"
    assert read.short("", "report").target == "./#report"
    for bad, said in [("s/kk/5/\n", r":2: 's/kk/5/' is not a short address and its section: write 's/kk/5/ <page>/#"),
                      ("s/kk/1/ ./#report\ns/kk/1/ about/#cite\n", r":3: s/kk/1/ is declared twice \(line 2 too\)"),
                      ("about\n", r":2: 'about' is neither a page address"),
                      ("s/kk/6/ blocking/#vpn extra\n", r":2: 's/kk/6/ blocking/#vpn extra' is not a short address")]:
        (tmp_path / addresses.LIST).write_text("# list\n" + bad, encoding="utf-8")
        with pytest.raises(PluginError, match=re.escape(addresses.LIST) + said):
            addresses.read(tmp_path)


def test_a_committed_line_never_changes(tmp_path):
    def commit(text: str) -> None:
        (tmp_path / addresses.LIST).write_text(text, encoding="utf-8")
        subprocess.run(["git", "add", "."], cwd=tmp_path, check=True)
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"], cwd=tmp_path, check=True)

    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    commit("./\ns/kk/1/\n")
    commit("./\ns/kk/1/ ./#report\n")  # a target given to a published address: allowed
    addresses.refuse_rewritten_lines(tmp_path)
    (tmp_path / addresses.LIST).write_text("./\ns/kk/1/ ./#krivosheev\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"s/kk/1/ was published leading to ./#report and now leads to ./#krivosheev: "
                                          "printed codes never move"):
        addresses.refuse_rewritten_lines(tmp_path)
    (tmp_path / addresses.LIST).write_text("./\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"'s/kk/1/ ./#report' was published and is gone: put the line back"):
        addresses.refuse_rewritten_lines(tmp_path)


def test_this_repositorys_map_keeps_every_line_it_ever_published():
    addresses.refuse_rewritten_lines(ROOT)


def test_a_renamed_or_removed_section_keeps_its_id_as_an_alias(tmp_path):
    page = tmp_path / "blocking.md"
    page.write_text("# Blocking\n\n## Site blocking { #site-blocking }\n\n## Tools { #vpn-tools }\n", encoding="utf-8")
    nav = translations({"": ["report"], "blocking": ["site-blocking", "vpn-tools"]}, page)
    nav[0] = translations({"": ["report"]}, tmp_path / "index.md")[0]
    (tmp_path / "index.md").write_text("## Report { #report }\n", encoding="utf-8")
    with pytest.raises(PluginError) as refused:
        short.refuse_lost_sections(declared(tmp_path, *MAP), nav)
    assert f"{page}: the section ID '#vpn' is published (published-addresses.txt:7: s/kk/3/ leads to blocking/#vpn" in str(refused.value)
    assert 'keep the old ID as an alias on the line before the new heading: <a id="vpn"></a>' in str(refused.value)
    page.write_text(page.read_text().replace("## Tools", '<a id="vpn"></a>\n\n## Tools'), encoding="utf-8")
    short.refuse_lost_sections(declared(tmp_path, *MAP), nav)


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
    asked = [f"s/{l}/19/ {HOME[l] or './'}#new-section" for l in LOCALES]
    assert "these sections have no short address: add these lines to it" in refused.stderr
    assert "\n".join(asked) in refused.stderr
    with (project / addresses.LIST).open("a", encoding="utf-8") as listed:
        listed.write("".join(f"{line}\n" for line in asked))
    result = build_site(project, tmp_path / "site", downloads=False)
    assert result.returncode == 0, result.stderr[-3000:]
    before, after = addresses.read(ROOT), addresses.read(project)
    built = targets(tmp_path / "site", after)
    assert {path: built[path] for path in targets(site, before)} == targets(site, before)
    assert built["s/en/19/"] == "en/#new-section" and built["s/en/4/"] == "en/blocking/#site-blocking"
    links = BeautifulSoup((tmp_path / "site/en/links/index.html").read_text(encoding="utf-8"), "lxml")
    shown = {a["href"].split("/s/", 1)[1]: a.find_parent("tr").th.get_text() for a in links.select("a.share-short")}
    assert shown["ru/19/"] == "A new section" and shown["kk/4/"] == "Blocking websites"
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
