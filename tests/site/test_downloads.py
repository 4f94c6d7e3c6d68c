"""The downloads: the whole site from a zip on file://, one HTML file and one PDF per language."""

from __future__ import annotations

import calendar
import hashlib
import re
import shutil
import subprocess
import zipfile

import pytest
from content import sources
from bs4 import BeautifulSoup
from project import LOCALES, ROOT, BuiltPage, build_site, pdf_text, source_date_epoch
from playwright.sync_api import expect

NAMES = {"kk": ["Макс Боқаев", "Талғат Аян", "Денис Кривошеев"],
         "ru": ["Макса Бокаева", "Талгата Аяна", "Денис Кривошеев"],
         "en": ["Maks Bokaev", "Talgat Ayan", "Denis Krivosheev"]}
DOWNLOADS = ["report-offline.zip", *(f"report-{l}.{kind}" for kind in ("html", "pdf", "zim") for l in LOCALES),
             *(f"flyer-{l}.pdf" for l in LOCALES)]


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
    text = " ".join(pdf_text(pdf, "-layout").split())
    assert [n for n in NAMES[locale] if n not in text] == []
    assert "EUR 57/5644/2017" in text  # its dates: test_time.py
    assert re.search(r"\. ?\d+ ", text)  # the contents give page numbers
    destinations = subprocess.run(["pdfinfo", "-dests", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert [i for i in ("bokaev-ayan", "page-prosecutions", "detentions") if f'"{i}"' not in destinations] == []
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "DejaVu-Sans" in fonts  # the font with the Kazakh letters, embedded


def test_two_builds_give_byte_identical_downloads(site, tmp_path):
    """A second build of the same commit (the date of its last commit, as the Makefile gives it)."""
    stamp = zipfile.ZipFile(site / "download/report-offline.zip").infolist()[0].date_time
    epoch = int(source_date_epoch())
    assert abs(calendar.timegm((*stamp, 0, 0, 0)) - max(epoch, 315532800)) <= 1, \
        f"{site} was built from another commit than SOURCE_DATE_EPOCH={epoch} says: build it again (make build)"
    again = tmp_path / "again"
    result = build_site(ROOT, again)
    assert result.returncode == 0, result.stderr
    different = [n for n in [*DOWNLOADS, "SHA256SUMS"]
                 if (site / "download" / n).read_bytes() != (again / "download" / n).read_bytes()]
    assert different == []
    shutil.rmtree(again)
