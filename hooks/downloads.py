"""Offline downloads under site/download/: the whole site as a zip, one HTML file and one PDF per
language, and SHA256SUMS; the `downloads` section of each about page lists them.

After the online build (every language built, the search index split), this hook
1. builds the site again for file:// (OFFLINE=true) in a subprocess, since a build inside a
   build would share mkdocs-static-i18n's state, and zips it: sorted entries, fixed dates;
2. assembles one HTML file per language from the built pages (single_file.py);
3. prints each file to PDF with WeasyPrint (downloads/print.css: A4, page numbers, contents);
4. writes SHA256SUMS and puts the table of files, sizes and sums into the about pages.
Dates come from SOURCE_DATE_EPOCH (the last commit, set by the Makefile), so two builds of one
commit give the same bytes. `mkdocs serve` skips all this; so does the offline build itself,
whose about pages point at the online table instead.
"""

from __future__ import annotations

import hashlib
import html
import logging
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from single_file import MARKER, Edition, Page, assemble

log = logging.getLogger("mkdocs.plugins.downloads")
FOLDER = "download"
ZIP = "report-offline.zip"
_command = "build"
_languages: dict[str, dict] = {}  # per locale, gathered while each language is built


def on_startup(command, dirty) -> None:
    global _command
    _command = command


def _offline(config) -> bool:
    return config.plugins["material/offline"].config.enabled


def _i18n(config):
    return config.plugins["i18n"]


def _home(locale: str, config) -> str:
    default = next(l.locale for l in _i18n(config).config.languages if l.default)
    return "" if locale == default else f"{locale}/"


def edition_date() -> str:
    stamp = int(os.environ.get("SOURCE_DATE_EPOCH") or time.time())
    return datetime.fromtimestamp(stamp, timezone.utc).date().isoformat()


def described(strings: dict, languages) -> dict[str, str]:
    """Every download, in order, with what it is, in the language of `strings`."""
    return {ZIP: strings["downloads_zip"],
            **{f"report-{l.locale}.html": strings["downloads_html"].format(language=l.name) for l in languages},
            **{f"report-{l.locale}.pdf": strings["downloads_pdf"].format(language=l.name) for l in languages}}


def note_elsewhere(strings: dict, site_url: str, home: str) -> str:
    """What the offline copies say instead of the table: where the sums are, how to check."""
    online = f"{site_url}{home}about/#downloads"
    return (f'<p>{html.escape(strings["downloads_elsewhere"])} <a href="{online}">{html.escape(online)}</a></p>\n'
            f'<p>{html.escape(strings["downloads_check"])} <code>sha256sum -c SHA256SUMS</code></p>')


def on_page_markdown(markdown: str, page, config, files) -> str:
    if _offline(config) and f"<!-- {MARKER} -->" in markdown:
        home = _home(_i18n(config).current_language, config)
        markdown = markdown.replace(f"<!-- {MARKER} -->", note_elsewhere(config.extra["strings"], config.site_url, home))
    return markdown


def on_page_context(context, page, config, nav):
    locale = _i18n(config).current_language
    if locale not in _languages:
        _languages[locale] = {"site_name": config.site_name, "description": config.site_description,
                              "strings": dict(config.extra["strings"]),
                              "pages": [Page(p.url, p.title) for p in nav.pages]}
    return context


def build_offline(config, target: Path) -> None:
    env = {**os.environ, "OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                             "--config-file", config.config_file_path, "--site-dir", str(target)],
                            env=env, capture_output=True, text=True)
    if result.returncode:
        raise PluginError(f"downloads: the offline build failed:\n{result.stderr[-3000:]}")


def write_zip(source: Path, target: Path, folder: str) -> None:
    """Zip `source` as `folder/…`: sorted entries, one fixed date, fixed permissions; no sitemaps,
    which serve search engines, not a reader of files."""
    stamp = datetime.fromtimestamp(max(int(os.environ.get("SOURCE_DATE_EPOCH") or 0), 315532800), timezone.utc)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in source.rglob("*") if p.is_file() and not p.name.startswith("sitemap.xml")):
            info = zipfile.ZipInfo(f"{folder}/{path.relative_to(source).as_posix()}", stamp.timetuple()[:6])
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes(), compresslevel=9)


def write_pdf(source: Path, target: Path, stylesheet: Path) -> None:
    from weasyprint import CSS, HTML  # only the full build needs it
    HTML(filename=str(source)).write_pdf(str(target), stylesheets=[CSS(filename=str(stylesheet))], pdf_tags=True)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def table(strings: dict, names: dict[str, str], folder: Path, home: str) -> str:
    """The about page's list of downloads, with size and SHA-256, in the page's language."""
    rows = "".join(
        f'<tr><td><a href="{"../" * (home.count("/") + 1)}{FOLDER}/{name}" download>{name}</a></td>'
        f"<td>{html.escape(what)}</td><td>{(folder / name).stat().st_size / 1024:,.0f}&nbsp;kB</td>"
        f'<td><code class="sha256">{sha256(folder / name)}</code></td></tr>'
        for name, what in names.items())
    return (f'<table class="downloads"><thead><tr><th scope="col">{html.escape(strings["downloads_file"])}</th>'
            f'<th scope="col">{html.escape(strings["downloads_what"])}</th><th scope="col">{html.escape(strings["downloads_size"])}</th>'
            f'<th scope="col">SHA-256</th></tr></thead><tbody>{rows}</tbody></table>\n'
            f'<p>{html.escape(strings["downloads_check"])} <code>sha256sum -c SHA256SUMS</code> '
            f'(<a href="{"../" * (home.count("/") + 1)}{FOLDER}/SHA256SUMS">SHA256SUMS</a>)</p>')


@event_priority(-1100)  # after the search split (-150) and the CSP of every page (csp.py): sums of final files
def on_post_build(config) -> None:
    if _command == "serve" or _offline(config) or _i18n(config).building or os.environ.get("DOWNLOADS") == "false":
        return  # DOWNLOADS=false: the site alone, as `make bench` times it
    site, root = Path(config.site_dir), Path(config.config_file_path).parent
    folder = site / FOLDER
    folder.mkdir(exist_ok=True)
    locales = [l.locale for l in _i18n(config).config.languages]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as temporary:
        offline = Path(temporary) / "report-offline"
        build_offline(config, offline)
        write_zip(offline, folder / ZIP, "report-offline")
    log.info(f"downloads: offline zip in {time.perf_counter() - started:.1f} s")
    css = (root / "downloads/single-file.css").read_text(encoding="utf-8")
    for locale in locales:
        language, home = _languages[locale], _home(locale, config)
        edition = Edition(locale, language["site_name"], language["description"], language["strings"],
                          edition_date(), config.site_url, home)
        note = note_elsewhere(language["strings"], config.site_url, home)
        page = folder / f"report-{locale}.html"
        page.write_text(assemble(site, language["pages"], edition, css, note), encoding="utf-8")
        started = time.perf_counter()
        write_pdf(page, folder / f"report-{locale}.pdf", root / "downloads/print.css")
        log.info(f"downloads: report-{locale}.pdf in {time.perf_counter() - started:.1f} s")
    languages = _i18n(config).config.languages
    names = described(_languages[locales[0]]["strings"], languages)
    (folder / "SHA256SUMS").write_text("".join(f"{sha256(folder / n)}  {n}\n" for n in names), encoding="utf-8")
    for locale in locales:
        strings, home = _languages[locale]["strings"], _home(locale, config)
        about = site / home / "about/index.html"
        text = about.read_text(encoding="utf-8")
        if f"<!-- {MARKER} -->" not in text:
            raise PluginError(f"docs/{locale}/about.md: no '<!-- {MARKER} -->' marker: put it in the downloads section")
        listing = table(strings, described(strings, languages), folder, home)
        about.write_text(text.replace(f"<!-- {MARKER} -->", listing), encoding="utf-8")
