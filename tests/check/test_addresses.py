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
from content import addresses
from mkdocs.exceptions import PluginError
from project import LANGUAGES, LOCALES, ROOT
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
