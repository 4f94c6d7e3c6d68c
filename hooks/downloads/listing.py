"""The downloads on the site: copied into `download/` and listed, with size and SHA-256, on the
about pages (the `<!-- downloads-table -->` marker of their `downloads` section).

The files are made before the site by their own step (hooks/downloads/__main__.py, run by
`make build`), into the folder that the DOWNLOADS variable names; the site's build copies them
and writes the table while it renders the about pages, so that the finishing steps (the
stylesheet purge, compression) see the final pages. Without DOWNLOADS (`mkdocs serve`, a bare
`mkdocs build`) the pages list none and say how to make them. The file:// build, which is itself
a download, says where the sums are instead.
"""

from __future__ import annotations

import hashlib
import html
import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

import common
from downloads.signing import PUBLIC, SIGNATURE_SUFFIX
from downloads.torrent import NAME as TORRENT, magnet
from sharing.share import breakable

log = logging.getLogger("mkdocs.plugins.downloads")
FOLDER = "download"
MARKER = "<!-- downloads-table -->"
ZIP = "report-offline.zip"
SUMS = "SHA256SUMS"


def names(languages: list[common.Language]) -> list[str]:
    """Every download, in the order of SHA256SUMS and of the table."""
    return [ZIP, *(f"report-{l.locale}.{kind}" for kind in ("html", "pdf", "zim") for l in languages),
            *(f"flyer-{l.locale}.pdf" for l in languages), *(f"links-{l.locale}.pdf" for l in languages)]


def file_href(name: str, page_url: str, offline: bool) -> str:
    """The relative address of the download `name` from the page at `page_url` (site-relative): in
    the site's folder, or, offline, beside the unzipped copy (hooks/downloads/checking.py)."""
    root = "../" * page_url.count("/")
    return f"{root}../{name}" if offline else f"{root}{FOLDER}/{name}"


def torrent(site_url: str, offline: bool, made: Path | None) -> tuple[str, str]:
    """The torrent of the downloads for the if-blocked section: its address and magnet link. On
    the site (a build with the downloads, `made`), a link to the file and its magnet link; in the
    file:// build, whose pages are inside the torrent, its online address only; else nothing."""
    if offline:
        return common.online_address(site_url, f"{FOLDER}/{TORRENT}"), ""
    if made is None:
        return "", ""
    return f"download:{TORRENT}", magnet(made / TORRENT)


def footer_links(config, locale: str, made: Path | None) -> dict[str, str]:
    """The language's PDF and single-file HTML, for every page's footer: in the site when this build
    has the downloads (`made`), else (the file:// build, `mkdocs serve`) at their online address."""
    files = {kind: f"{FOLDER}/report-{locale}.{kind}" for kind in ("pdf", "html")}
    if made is None:
        return {kind: common.online_address(config.site_url, path) for kind, path in files.items()}
    return files


def described(strings: dict, languages: list[common.Language]) -> dict[str, str]:
    """Every download, in order, with what it is, in the language of `strings`."""
    what = {ZIP: strings["downloads_zip"],
            **{f"report-{l.locale}.html": strings["downloads_html"].format(language=l.name) for l in languages},
            **{f"report-{l.locale}.pdf": strings["downloads_pdf"].format(language=l.name) for l in languages},
            **{f"report-{l.locale}.zim": strings["downloads_zim"].format(language=l.name) for l in languages},
            **{f"flyer-{l.locale}.pdf": strings["downloads_flyer"].format(language=l.name) for l in languages},
            **{f"links-{l.locale}.pdf": strings["downloads_links"].format(language=l.name) for l in languages}}
    return {name: what[name] for name in names(languages)}


def folder(given: str | None) -> Path | None:
    """The folder of the made downloads (DOWNLOADS), if this build has them, checked."""
    if not given:
        return None
    path = Path(given).resolve()
    if not (path / SUMS).is_file():
        raise PluginError(f"DOWNLOADS={given}: no {SUMS} there: make the downloads first "
                          "(PYTHONPATH=hooks python -m downloads <folder>, as make build does)")
    return path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sums(made: Path) -> dict[str, str]:
    """File name → SHA-256, as the downloads step wrote them to SHA256SUMS (not hashed again per page)."""
    return {name: digest for digest, name in
            (line.split("  ", 1) for line in (made / SUMS).read_text(encoding="utf-8").splitlines())}


def add_downloads(files, config, made: Path | None, languages: list[common.Language]) -> None:
    """Copy the made downloads into the site (once: hooks/pipeline.py calls it in the default
    language's build)."""
    if made is None:
        return
    for name in [*names(languages), SUMS, TORRENT]:
        if not (made / name).is_file():
            raise PluginError(f"DOWNLOADS={made}: {name} is missing: make the downloads again")
    signed = [SUMS + SIGNATURE_SUFFIX, PUBLIC] if (made / PUBLIC).is_file() else []
    for name in [*names(languages), SUMS, *signed, TORRENT]:
        files.append(File.generated(config, f"{FOLDER}/{name}", abs_src_path=str(made / name)))


def grouped(digest: str) -> str:
    """A SHA-256 in eight groups of eight, to read and compare group by group; the groups are
    elements, not words, so that the sum copies whole. On a phone, closed, it shows its first and
    last groups, and the whole is one tap away (a `<details>`, also without scripts:
    docs/assets/report.css)."""
    groups = "".join(f"<span>{digest[i:i + 8]}</span>" for i in range(0, len(digest), 8))
    return f'<details class="sha256"><summary><code class="sha256">{groups}</code></summary></details>'


def table(strings: dict, languages: list[common.Language], made: Path, home: str) -> str:
    """The about page's list of downloads, with size and SHA-256, in the page's language; out of the
    search index (Material's `data-search-exclude`), since file names and sums are not reading text.
    On a phone each row reads as a short entry (report.css): name and sum, what it is and size."""
    about, digests = f"{home}about/", sums(made)
    rows = "".join(
        f'<tr><td><a href="{file_href(name, about, offline=False)}" download>{name}</a></td>'
        f"<td>{html.escape(what)}</td><td>{(made / name).stat().st_size / 1024:,.0f}&nbsp;kB</td>"
        f"<td>{grouped(digests[name])}</td></tr>"
        for name, what in described(strings, languages).items())
    head = "".join(f'<th scope="col">{html.escape(label)}</th>' for label in
                   (strings["downloads_file"], strings["downloads_what"], strings["downloads_size"], "SHA-256"))
    return (f'<div class="downloads"><table data-search-exclude><thead><tr>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table></div>\n\n"
            f'<p>{html.escape(strings["downloads_check"])} <code>sha256sum --ignore-missing -c {SUMS}</code> '
            f'(<a href="{file_href(SUMS, about, offline=False)}">{SUMS}</a>)</p>')


def note_elsewhere(strings: dict, site_url: str, home: str) -> str:
    """What the offline copies say instead of the table: where the sums are, how to check."""
    online = f"{site_url}{home}about/#downloads"
    return (f'<p>{html.escape(strings["downloads_elsewhere"])} <a href="{html.escape(online)}">{breakable(online)}</a></p>\n\n'
            f'<p>{html.escape(strings["downloads_check"])} <code>sha256sum --ignore-missing -c {SUMS}</code></p>')


def fill(markdown: str, config, language: common.Language, context: common.Context) -> str:
    """The page's Markdown with the table (or the note) in place of the marker."""
    if MARKER not in markdown:
        return markdown
    if context.offline:
        listing = note_elsewhere(language.strings, config.site_url, language.home)
    elif made := context.downloads:
        listing = table(language.strings, context.languages, made, language.home)
    else:
        log.info("downloads: none in this build (DOWNLOADS is unset): `make build` makes and lists them")
        listing = ""
    return markdown.replace(MARKER, listing)
