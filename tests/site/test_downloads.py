"""The downloads: the whole site from a zip on file://, one HTML file and one PDF per language."""

from __future__ import annotations

import calendar
import hashlib
import re
import shutil
import subprocess
import zipfile

import pytest
from bs4 import BeautifulSoup
from project import LANGUAGES, LOCALES, ROOT, BuiltPage, build_site, pdf_text, source_date_epoch
from mkdocs.utils.yaml import yaml_load
from playwright.sync_api import expect

import common
from content import dates, sources

NAMES = {"kk": ["Макс Боқаев", "Талғат Аян", "Денис Кривошеев"],
         "ru": ["Макса Бокаева", "Талгата Аяна", "Денис Кривошеев"],
         "en": ["Maks Bokaev", "Talgat Ayan", "Denis Krivosheev"]}
DOWNLOADS = ["report-offline.zip", *(f"report-{l}.{kind}" for kind in ("html", "pdf", "zim") for l in LOCALES),
             *(f"flyer-{l}.pdf" for l in LOCALES), *(f"links-{l}.pdf" for l in LOCALES)]
A4_PAGES = 10  # at most, for the report's PDF in each language


def page_fills(pdf) -> list[float]:
    """How far down its text area each page of `pdf` is written (0 empty, 1 full), from the words'
    boxes (pdftotext -bbox); the text area is the span that the pages' text takes, page numbers
    (in the foot margin) left out."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for height, body in re.findall(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', out, re.S):
        boxes = [(float(top), float(bottom)) for top, bottom in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', body)]
        pages.append([box for box in boxes if box[1] < float(height) * 0.93])
    top = min(t for boxes in pages for t, _ in boxes)
    bottom = max(b for boxes in pages for _, b in boxes)
    return [round((max(b for _, b in boxes) - top) / (bottom - top), 2) if boxes else 0.0 for boxes in pages]


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
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 4
    text = " ".join(pdf_text(pdf, "-layout").split())
    assert [n for n in NAMES[locale] if n not in text] == []
    assert "EUR 57/5644/2017" in text  # its dates: test_time.py
    assert re.search(r"\. ?\d+ ", text)  # the contents give page numbers
    destinations = subprocess.run(["pdfinfo", "-dests", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert [i for i in ("bokaev-ayan", "page-prosecutions", "detentions") if f'"{i}"' not in destinations] == []
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "DejaVu-Sans" in fonts  # the font with the Kazakh letters, embedded


@pytest.mark.parametrize("locale", LOCALES)
def test_the_report_pdf_is_at_most_ten_pages_and_none_but_the_last_under_a_third_full(site, locale):
    """About 1,400 words of report: paper is not wasted on sheets of a few lines."""
    pdf = site / "download" / f"report-{locale}.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    fills = page_fills(pdf)
    assert len(fills) == count <= A4_PAGES, fills
    assert {number: fill for number, fill in enumerate(fills[:-1], start=1) if fill < 1 / 3} == {}


@pytest.mark.parametrize("locale", LOCALES)
def test_the_campaigners_pdf_holds_every_sections_qr_code_and_the_report_pdf_none(site, tmp_path, locale):
    """The share table left the report's PDF for a file of its own, which says what it is and when."""
    language = next(l for l in LANGUAGES if l.locale == locale)
    links, report = site / "download" / f"links-{locale}.pdf", site / "download" / f"report-{locale}.pdf"
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(links), str(tmp_path / "sheet")], check=True)
    decoded = subprocess.run(["zbarimg", "--quiet", "--raw", *map(str, sorted(tmp_path.glob("sheet*.png")))],
                             capture_output=True, text=True, check=True).stdout.split()
    text = " ".join(pdf_text(links).split())
    site_url = yaml_load((ROOT / "mkdocs.yml").open(encoding="utf-8"))["site_url"]
    sections = len(list((site / "s" / locale).glob("*/index.html")))
    shorts = {f"{site_url}s/{other}/{n}/" for other in LOCALES for n in range(1, sections + 1)}
    assert sections > 10 and sorted(decoded) == sorted(shorts)
    assert language.site_name in text and dates.human(common.edition_date(), language.strings) in text
    assert "/s/" not in pdf_text(report) and language.strings["share_caption"] not in " ".join(pdf_text(report).split())


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
