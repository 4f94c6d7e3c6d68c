"""The downloads: the whole site from a zip on file://, one HTML file and one PDF per language."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess

import pytest
from content import sources
from bs4 import BeautifulSoup
from browser import HOME, pages_of, search
from conftest import LOCALES, PAGE_NAMES, ROOT, BuiltPage, build_site
from playwright.sync_api import expect

NAMES = {"kk": ["Макс Боқаев", "Талғат Аян", "Денис Кривошеев"],
         "ru": ["Макса Бокаева", "Талгата Аяна", "Денис Кривошеев"],
         "en": ["Maks Bokaev", "Talgat Ayan", "Denis Krivosheev"]}
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
DOWNLOADS = ["report-offline.zip", *(f"report-{l}.{kind}" for kind in ("html", "pdf", "zim") for l in LOCALES)]


@pytest.fixture
def offline(browser, offline_site):
    """A tab on the unzipped download, every network request blocked and counted."""
    context = browser.new_context()
    tab = context.new_page()
    blocked = []
    context.route(re.compile(r"^(?!file:|data:|blob:|about:)"),
                  lambda route: (blocked.append(route.request.url), route.abort()))
    yield tab, offline_site.as_uri() + "/", blocked
    context.close()


def test_sha256sums_lists_every_download_and_checks(site):
    folder = site / "download"
    listed = [line.split("  ")[1] for line in (folder / "SHA256SUMS").read_text().splitlines()]
    assert listed == DOWNLOADS
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=folder, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_each_about_page_lists_the_downloads_with_size_and_sum(pages):
    for page in (p for p in pages if p.name == "about"):
        rows = page.soup().select("#downloads ~ table tbody tr")
        assert [r.a.get_text() for r in rows] == DOWNLOADS
        for row in rows:
            target = (page.path.parent / row.a["href"]).resolve()
            assert row.select_one("code.sha256").get_text() == hashlib.sha256(target.read_bytes()).hexdigest()
        assert "sha256sum --ignore-missing -c SHA256SUMS" in page.soup().select_one("article").get_text()


@pytest.mark.parametrize("locale", LOCALES)
def test_the_unzipped_site_works_from_file_with_no_network(offline, locale):
    tab, root, blocked = offline
    for name in PAGE_NAMES:
        tab.goto(root + HOME[locale] + f"{name}.html")
        expect(tab.locator("html")).to_have_attribute("lang", locale)
        expect(tab.locator("article h1")).to_be_visible()
    tab.goto(root + HOME[locale] + "prosecutions.html#bokaev-ayan")
    for target in (l for l in LOCALES if l != locale):
        menu = tab.locator(".md-header .md-select")  # the text links above the title have the same names
        menu.hover()
        menu.get_by_role("link", name=LANGUAGE_NAMES[target]).click()
        expect(tab).to_have_url(root + HOME[target] + "prosecutions.html#bokaev-ayan")
        tab.go_back()
    found = search(tab, root, locale, {"kk": "Боқаевқа", "ru": "Бокаеву", "en": "Bokaev"}[locale])
    assert HOME[locale] + "prosecutions/" in pages_of(found)
    assert blocked == []


def test_the_unzipped_site_has_light_and_dark(browser, offline_site):
    for scheme, expected in (("light", "default"), ("dark", "slate")):
        context = browser.new_context(color_scheme=scheme)
        tab = context.new_page()
        tab.goto((offline_site / "index.html").as_uri())
        expect(tab.locator("body")).to_have_attribute("data-md-color-scheme", expected)
        context.close()


@pytest.mark.parametrize("locale", LOCALES)
def test_the_single_file_holds_every_section_and_reads_without_script(browser, site, pages, locale):
    file = site / "download" / f"report-{locale}.html"
    assert file.stat().st_size < 250_000
    soup = BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")
    assert soup.find("script") is None
    assert [n for n in soup.select("[src], link[href]") if re.match(r"https?:", n.get("src") or n.get("href"))] == []
    expected = [h["id"] for p in pages if p.locale == locale for h in p.soup().select("article h2[id], article h3[id]")]
    ids = {n["id"] for n in soup.find_all(id=True)}
    assert [i for i in expected if i not in ids] == []
    internal = [a["href"][1:] for a in soup.select('a[href^="#"]')]
    assert [i for i in internal if i not in ids] == []
    assert soup.select("details:not([open])") == [] and soup.select("details img.share-qr")  # shown, for print too
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(file.as_uri())
    text = tab.locator("body").inner_text()
    assert [n for n in NAMES[locale] if n not in text] == []
    tab.locator("nav.contents a", has_text=BuiltPage(locale, "prosecutions", site).soup().h1.get_text(strip=True)).click()
    expect(tab).to_have_url(re.compile("#page-prosecutions$"))
    context.close()


def test_the_kazakh_single_file_holds_the_whole_article(site):
    soup = BeautifulSoup((site / "download/report-kk.html").read_text(encoding="utf-8"), "lxml")
    text = sources.section_texts(str(soup.main))
    lines = sources.corrected_lines(ROOT / "source/article-kk.txt", ROOT / "source/errata.yml")
    assert sources.check_coverage(lines, {"report-kk.html": text}, "article-kk.txt") == []


@pytest.mark.parametrize("locale", LOCALES)
def test_the_pdf_is_a4_with_text_in_the_right_script(site, locale):
    pdf = site / "download" / f"report-{locale}.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info), info
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 8
    text = " ".join(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert [n for n in NAMES[locale] if n not in text] == []
    assert "EUR 57/5644/2017" in text and re.search(r"\d{4}-\d{2}-\d{2}", text)
    assert re.search(r"\. ?\d+ ", text)  # the contents give page numbers
    destinations = subprocess.run(["pdfinfo", "-dests", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert [i for i in ("bokaev-ayan", "page-prosecutions", "detentions") if f'"{i}"' not in destinations] == []
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "DejaVu-Sans" in fonts  # the font with the Kazakh letters, embedded


def test_two_builds_give_byte_identical_downloads(site, tmp_path):
    again = tmp_path / "again"
    result = build_site(ROOT, again)
    assert result.returncode == 0, result.stderr
    different = [n for n in [*DOWNLOADS, "SHA256SUMS"]
                 if (site / "download" / n).read_bytes() != (again / "download" / n).read_bytes()]
    assert different == []
    shutil.rmtree(again)
