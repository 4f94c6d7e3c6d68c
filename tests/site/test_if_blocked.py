"""Where else to read the site: the about pages' `if-blocked` section, linked from every footer."""

from __future__ import annotations

import zipfile

import pytest
import torf
from bs4 import BeautifulSoup
from project import HOME, LANGUAGES, LOCALES



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


def section(soup, section_id: str) -> list:
    """The elements of a `##` section, up to the next one."""
    found = []
    for node in soup.select_one(f"h2#{section_id}").find_next_siblings():
        if node.name == "h2":
            break
        found.append(node)
    return found


@pytest.mark.parametrize("locale", LOCALES)
def test_the_section_says_first_to_save_a_file_then_how_to_reach_the_site(pages, locale):
    about = next(p for p in pages if p.locale == locale and p.name == "about").soup()
    nodes = [n for n in section(about, "if-blocked") if "share-menu" not in (n.get("class") or [])]
    assert nodes[0].name == "p" and nodes[0].strong  # save a file now, first
    files = [a["data-file"] for a in nodes[1].select("a[data-file]")]
    assert files[0] == f"report-{locale}.html" and set(files) == {
        "report-offline.zip", *(f"report-{l}.{kind}" for l in LOCALES for kind in ("html", "pdf", "zim"))}
    links = {a["href"] for n in nodes for a in n.select("a[href]")}
    assert {"https://www.kiwix.org/", "https://www.torproject.org/download/", "https://t.me/gettor_bot",
            "mailto:gettor@torproject.org", "https://bridges.torproject.org/", "mailto:bridges@torproject.org"} <= links
    text = " ".join(n.get_text(" ") for n in nodes)
    assert "Tor Browser" in text and "index.html" in text and "Kiwix Desktop" not in text
    assert "onion" not in text and "<!--" not in str(about)  # no onion address set: nothing about onions


@pytest.mark.parametrize("locale", LOCALES)
def test_the_verify_section_says_how_to_check_a_file_on_each_system(pages, locale):
    about = next(p for p in pages if p.locale == locale and p.name == "about").soup()
    text = " ".join(n.get_text(" ") for n in section(about, "verify"))
    for expected in ("Linux", "macOS", "Windows", "Android", "sha256sum --ignore-missing -c SHA256SUMS",
                     "shasum -a 256 --ignore-missing -c SHA256SUMS", f"certutil -hashfile report-{locale}.pdf SHA256"):
        assert expected in text, expected


def test_every_file_link_leads_to_the_file_on_the_site_in_the_unzipped_copy_and_beside_the_single_file(pages, site, offline_site):
    made = {p.name for p in (site / "download").iterdir()}
    for page in (p for p in pages if p.name == "about"):
        links = page.soup().select("a[data-file]")
        assert len(links) >= 12  # ten files, the sums, the torrent
        for link in links:
            assert (page.path.parent / link["href"]).resolve() == site / "download" / link["data-file"], link
            assert link["data-file"] in made
        offline = BeautifulSoup((offline_site / HOME[page.locale] / "about.html").read_text(encoding="utf-8"), "html.parser")
        for link in offline.select("a[data-file]"):  # unzipped in the folder of the downloads
            assert (offline_site / HOME[page.locale] / link["href"]).resolve() == offline_site.parent / link["data-file"]
        single = BeautifulSoup((site / f"download/report-{page.locale}.html").read_text(encoding="utf-8"), "html.parser")
        beside = single.select("a[data-file]")
        assert len(beside) >= 11 and all(a["href"] == a["data-file"] and a["href"] in made for a in beside)


def test_the_torrent_holds_every_download_web_seeded_at_the_site_and_its_magnet_link_is_on_the_about_pages(pages, site):
    folder = site / "download"
    made = torf.Torrent.read(folder / "report.torrent")
    listed = [line.split("  ")[1] for line in (folder / "SHA256SUMS").read_text().splitlines()]
    signed = ["SHA256SUMS.minisig", "minisign.pub"] if (folder / "minisign.pub").exists() else []
    assert sorted(str(f) for f in made.files) == sorted(f"download/{n}" for n in [*listed, "SHA256SUMS", *signed])
    assert made.verify(folder)
    root = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser").select_one("link[rel=canonical]")["href"]
    assert made.webseeds == [root] and made.trackers == [] and made.creation_date is None
    for page in (p for p in pages if p.name == "about"):
        magnets = [a["href"] for a in page.soup().select("#if-blocked ~ p a[href^='magnet:']")]
        assert magnets == [str(made.magnet())]
    copies = [(site / f"download/report-{l}.html").read_text(encoding="utf-8") for l in LOCALES]
    assert all("magnet:" not in c and f'href="{root}download/report.torrent"' in c for c in copies)


def test_the_offline_copy_keeps_the_section(site):
    with zipfile.ZipFile(site / "download/report-offline.zip") as archive:
        about = archive.read("report-offline/en/about.html").decode()
    assert 'id="if-blocked"' in about
