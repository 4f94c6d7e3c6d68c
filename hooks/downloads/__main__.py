"""Make the downloads, a step of its own beside the site's build: `python -m downloads FOLDER`
(with hooks/ on PYTHONPATH; `make build` runs it, then builds the site with DOWNLOADS=FOLDER).

In order:
1. build the site for file:// (OFFLINE=true), every language, into a temporary folder;
2. zip it (`report-offline.zip`: sorted entries, one fixed date);
3. assemble one HTML file per language from its pages (single_file.py);
4. print the report to PDF with WeasyPrint (print.css: A4, page numbers, contents, pages flowing
   on from one another), and the share table, every section's links and QR codes, to a
   campaigner's PDF of its own (`links-kk.pdf`, …), which leaves the report's at about half its length;
5. pack each language's pages as a ZIM for Kiwix (zim.py);
6. print each language's one-page flyer (flyer.py);
7. write SHA256SUMS and, when `minisign.pub` declares a key, sign it (signing.py);
8. make the torrent of them all, web-seeded at the site (torrent.py).
Dates come from SOURCE_DATE_EPOCH, or else the last commit (common.source_date_epoch), so two
runs on one commit give the same bytes. FOLDER is replaced only when every file is made.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError
from mkdocs.utils.yaml import yaml_load

import common
import release
from content.sources import read_page
from downloads import flyer, signing, torrent
from downloads.listing import SUMS, ZIP, names, sha256
from downloads.single_file import Edition, Page, assemble
from sharing.share import PAGE as SHARE_TABLE
from downloads.zim import ZimError, language_metadata, write_zim

HERE = Path(__file__).parent
CONFIG = common.ROOT / "mkdocs.yml"


def build_offline(target: Path) -> None:
    """The whole site for file://, by MkDocs itself (a build of its own, not one inside another).
    Not `--quiet`: that hides the warnings that `--strict` turns into a failed build."""
    env = {**os.environ, "OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    env.pop("DOWNLOADS", None)
    env.pop("SIGNING_KEY_PASSWORD", None)  # only minisign, run by this step, reads it
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict",
                             "--config-file", str(CONFIG), "--site-dir", str(target)],
                            env=env, capture_output=True, text=True)
    if result.returncode:
        said = "\n".join(line for line in result.stderr.splitlines() if line and not line.startswith("INFO"))
        raise PluginError(f"downloads: the file:// build (OFFLINE=true mkdocs build --strict) failed:\n{said}")


def write_zip(source: Path, target: Path, folder: str) -> None:
    """Zip `source` as `folder/…`: sorted entries, one fixed date, fixed permissions; no sitemaps,
    which serve search engines, not a reader of files."""
    stamp = datetime.fromtimestamp(max(common.source_date_epoch(), 315532800), timezone.utc)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in source.rglob("*") if p.is_file() and not p.name.startswith("sitemap.xml")):
            info = zipfile.ZipInfo(f"{folder}/{path.relative_to(source).as_posix()}", stamp.timetuple()[:6])
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes(), compresslevel=9)


def write_pdf(document: str, target: Path, site_url: str) -> None:
    """Print an assembled document (single_file.py: images inlined, nothing to fetch) to A4.
    WeasyPrint makes every link absolute against a base address: the site's `download/`, so that
    the links to the files beside the HTML lead to the site in the PDF (never to a `file://`
    address of this machine's build folder)."""
    try:
        from weasyprint import CSS, HTML  # only this step needs it, and the system's Pango
    except OSError as error:
        raise PluginError(f"downloads: WeasyPrint cannot load Pango ({error}): run `make system-packages`") from None
    HTML(string=document, base_url=urljoin(site_url, "download/")).write_pdf(
        str(target), stylesheets=[CSS(filename=str(HERE / "print.css"))], pdf_tags=True)


def pages(language: common.Language, nav: list[str]) -> list[Page]:
    """The language's pages in nav order: their files in the file:// build, their titles."""
    docs = common.ROOT / "docs" / language.locale
    return [Page(f"{language.home}{Path(name).with_suffix('.html')}", read_page(docs / name, docs).meta["title"])
            for name in nav]


def make(target: Path) -> None:
    raw = yaml_load(CONFIG.open(encoding="utf-8"))
    languages, site_url = common.languages_of(CONFIG), raw["site_url"]
    try:
        release.clean(site_url or "", "SITE_URL")  # the downloads print it: checked before anything is made
    except release.Refused as error:
        raise PluginError(str(error)) from None
    os.environ["SOURCE_DATE_EPOCH"] = str(common.source_date_epoch())  # WeasyPrint and the offline build
    date = common.edition_date()  # the git history read once, above
    css = (HERE / "single-file.css").read_text(encoding="utf-8")
    try:
        key = signing.signer()  # refused now, not after minutes of work
    except signing.SigningError as error:
        raise PluginError(f"downloads: {error}") from None
    public_key = signing.declared_key()  # checked by signer(): shown in each file's colophon
    with tempfile.TemporaryDirectory() as temporary:
        work, offline = Path(temporary) / "download", Path(temporary) / "report-offline"
        work.mkdir()
        started = time.perf_counter()
        build_offline(offline)
        write_zip(offline, work / ZIP, "report-offline")
        print(f"downloads: file:// build and zip in {time.perf_counter() - started:.1f} s")
        for language in languages:
            started = time.perf_counter()
            edition = Edition(language.locale, language.site_name, language.site_description, language.strings,
                              date, site_url, language.home, public_key)
            every = pages(language, raw["nav"])
            report = [page for page in every if Path(page.path).name != Path(SHARE_TABLE).with_suffix(".html").name]
            table = [page for page in every if page not in report]
            (work / f"report-{language.locale}.html").write_text(assemble(offline, every, edition, css), encoding="utf-8")
            write_pdf(assemble(offline, report, edition, css), work / f"report-{language.locale}.pdf", site_url)
            write_pdf(assemble(offline, table, edition, css), work / f"links-{language.locale}.pdf", site_url)
            print(f"downloads: report-{language.locale}.html, .pdf and links-{language.locale}.pdf "
                  f"in {time.perf_counter() - started:.1f} s")
        for language in languages:
            started = time.perf_counter()
            about = language_metadata(language, source=urljoin(site_url, language.home), date=date,
                                      illustration=common.ROOT / "docs/assets/favicon.svg")
            try:
                write_zim(offline, language.locale, about, work / f"report-{language.locale}.zim")
            except ZimError as error:
                raise PluginError(f"downloads: {error}") from None
            print(f"downloads: report-{language.locale}.zim in {time.perf_counter() - started:.1f} s")
        for language in languages:
            flyer.write(language, raw["nav"], site_url, date, work / f"flyer-{language.locale}.pdf")
        (work / SUMS).write_text("".join(f"{sha256(work / n)}  {n}\n" for n in names(languages)), encoding="utf-8")
        signing.sign_downloads(work, SUMS, date, key)
        torrent.write(work, site_url, work / torrent.NAME)
        shutil.rmtree(target, ignore_errors=True)
        shutil.move(work, target)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: PYTHONPATH=hooks python -m downloads FOLDER")
    try:
        make(Path(sys.argv[1]).resolve())
    except PluginError as error:
        sys.exit(f"Error: {error}")
