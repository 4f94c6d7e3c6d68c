"""Shared fixtures: the built site (built once per session), the repository's layout, the browser,
the tours of every page (tests/tour.py), and the trust gates' counts printed at the end."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))
import common  # noqa: E402  (from hooks/)
MKDOCS = [sys.executable, "-m", "mkdocs"]
LANGUAGES = common.languages_of(ROOT / "mkdocs.yml")  # the default language first
LOCALES = [language.locale for language in LANGUAGES]
HOME = {language.locale: language.home for language in LANGUAGES}
PAGE_NAMES = sorted(p.stem for p in (ROOT / "docs" / LOCALES[0]).glob("*.md"))


@dataclass(frozen=True)
class BuiltPage:
    locale: str
    name: str
    site: Path

    @property
    def source(self) -> Path:
        return ROOT / "docs" / self.locale / f"{self.name}.md"

    @property
    def url(self) -> str:
        """Address relative to the site root, as a link would give it."""
        prefix = "" if self.locale == LOCALES[0] else f"{self.locale}/"
        return prefix + ("" if self.name == "index" else f"{self.name}/")

    @property
    def path(self) -> Path:
        return self.site / self.url / "index.html"

    def soup(self) -> BeautifulSoup:
        return BeautifulSoup(self.path.read_text(encoding="utf-8"), "lxml")


def pdf_text(pdf: Path, *options: str) -> str:
    """The text of `pdf` by poppler's pdftotext (`-layout` among `options` keeps its layout)."""
    return subprocess.run(["pdftotext", *options, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def source_date_epoch() -> str:
    """The edition's date, as the downloads step takes it (hooks/common.py)."""
    return str(common.source_date_epoch())


def build_site(config_dir: Path, site_dir: Path, downloads: bool = True) -> subprocess.CompletedProcess:
    """Run the real build, as `make build` does: the downloads, then the site that lists them."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "OFFLINE": "false", "PYTHONPATH": str(config_dir / "hooks")}
    env.pop("DOWNLOADS", None)
    env.setdefault("SOURCE_DATE_EPOCH", source_date_epoch())  # copies of the repository have no git
    if downloads:
        made = site_dir.parent / f"{site_dir.name}.downloads"
        result = subprocess.run([sys.executable, "-m", "downloads", str(made)],
                                cwd=config_dir, env=env, capture_output=True, text=True)
        if result.returncode:
            return result
        env["DOWNLOADS"] = str(made)
    return subprocess.run([*MKDOCS, "build", "--strict", "--site-dir", str(site_dir)],
                          cwd=config_dir, env=env, capture_output=True, text=True)


def copy_project(target: Path) -> Path:
    """The repository without what is built or installed, and without the tests, to change freely."""
    ignore = shutil.ignore_patterns(".git", ".venv", "site", "site.tmp", "node_modules", "tests", "__pycache__",
                                    ".pytest_cache", ".downloads", "dist", ".preview")
    shutil.copytree(ROOT, target, ignore=ignore, symlinks=True)
    return target


def build_once(target: Path) -> Path:
    result = build_site(ROOT, target)
    if result.returncode:
        raise pytest.UsageError(f"the site does not build:\n{result.stderr[-3000:]}")
    return target


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session):
    """With pytest-xdist's workers and no SITE_DIR: build the site once, before the workers start."""
    config = session.config
    if (os.environ.get("SITE_DIR") or hasattr(config, "workerinput") or config.option.collectonly
            or not getattr(config.option, "numprocesses", None)):
        return
    os.environ["SITE_DIR"] = str(build_once(Path(tempfile.mkdtemp(prefix="site-"))))


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The built site: `make test` passes the one it built; otherwise build it here (or, with
    pytest-xdist, pytest_sessionstart did)."""
    if given := os.environ.get("SITE_DIR"):
        return (ROOT / given).resolve()
    return build_once(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def offline_site(site, tmp_path_factory) -> Path:
    """The offline download (download/report-offline.zip), unzipped as a reader would."""
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(site / "download/report-offline.zip") as archive:
        archive.extractall(target)
    return target / "report-offline"


@pytest.fixture(scope="session")
def pages(site) -> list[BuiltPage]:
    return [BuiltPage(locale, name, site) for locale in LOCALES for name in PAGE_NAMES]


def site_path(site: Path) -> str:
    """The path of `site_url` (where hosts serve the site, 404.html links from it), from the home page."""
    canonical = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "lxml").find("link", rel="canonical")
    return urlsplit(canonical["href"]).path.strip("/")


@pytest.fixture(scope="session")
def served(site):
    """The built site over HTTP under a sub-path, with the headers of its `_headers` file; also at
    site_url's path, where 404.html is served: (the sub-path's address, the other's)."""
    from browser import serve
    with serve(site, "sub/path", also_at=site_path(site)) as url:
        yield url, url.removesuffix("sub/path/") + (site_path(site) + "/").lstrip("/")


@pytest.fixture(scope="session")
def base_url(served) -> str:
    return served[0]


@pytest.fixture(scope="session")
def browser():
    from browser import LOOPBACK_ONLY, chromium
    with chromium(LOOPBACK_ONLY) as instance:
        yield instance


@pytest.fixture
def page(browser):
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    context.close()


# --- the tours: every page once per colour scheme, online and on file:// (tests/tour.py) ----------

def by_access(group: str) -> list:
    """`access` for parametrize: online (served from a sub-path) and file (the unzipped download),
    each in its own pytest-xdist group, so that what the tests share is made once, on one worker."""
    return [pytest.param(access, marks=pytest.mark.xdist_group(f"{group}-{access}"), id=access)
            for access in ("online", "file")]


def tours(*accesses: str) -> list:
    """`access, scheme` for parametrize: the tours, each its own pytest-xdist group."""
    return [pytest.param(access, scheme, marks=pytest.mark.xdist_group(f"tour-{access}-{scheme}"),
                         id=f"{access}-{scheme}") for access in accesses for scheme in ("light", "dark")]


TOURS = tours("online", "file")
ONLINE_TOURS = tours("online")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """pytest-xdist 3.8's `--dist loadgroup` ends a test's node id with "@<group>" by setting
    `item._nodeid`, which pytest 9.2 no longer reads (it keeps `item._id`): do it there, or every
    group is spread over the workers and its fixtures are made on each."""
    if not getattr(config.option, "loadgroup", False):
        return
    from _pytest.nodeid import NodeId
    for item in items:
        groups = sorted({str(mark.args[0]) for mark in item.iter_markers("xdist_group")})
        if groups and "@" not in item.nodeid.rpartition("]")[2]:
            item._id = NodeId.parse(f"{item.nodeid}@{'_'.join(groups)}")


@pytest.fixture(scope="session")
def search_names() -> dict[str, str]:
    """The search box's name in each language, from the interface strings the pages use."""
    from test_site import MATERIAL_LANGUAGES, ui_strings
    return {locale: ui_strings(ROOT / "overrides/partials/languages/kk.html" if locale == "kk"
                               else MATERIAL_LANGUAGES / f"{locale}.html")["search.placeholder"] for locale in LOCALES}


@pytest.fixture(scope="session")
def taken() -> dict:
    return {}


@pytest.fixture
def tour(request, access, scheme, taken, browser, search_names):
    """The tour of `access` ("online" or "file") in `scheme` ("light" or "dark"), taken once."""
    import tour as tours
    if (access, scheme) not in taken:
        assert tours.AXE.is_file(), "axe-core is missing: run `npm ci` (make test does)"
        if access == "online":
            site, served = request.getfixturevalue("site"), request.getfixturevalue("served")
            pages = {p.path: (p.locale, p.name) for p in request.getfixturevalue("pages")}
            taken[access, scheme] = tours.take(browser, scheme, site, served[0], pages, search_names,
                                               not_found=served[1])
        else:
            offline = request.getfixturevalue("offline_site")
            pages = {offline / (f"{locale}/" if locale != LOCALES[0] else "") / f"{name}.html": (locale, name)
                     for locale in LOCALES for name in PAGE_NAMES}
            # The 404 pages are in the download as the build writes them, for a host: their links start
            # from site_url's path, so on file:// their stylesheet and scripts are missing; no reader is sent there.
            taken[access, scheme] = tours.take(browser, scheme, offline, offline.as_uri() + "/", pages, search_names,
                                               unserved=tuple(offline.glob("**/404.html")))
    return taken[access, scheme]


# --- the trust gates' counts, printed at the end (also from pytest-xdist's workers) -----------------

@pytest.fixture
def gate(record_property):
    """Record one gate's count for the summary: `gate(name, *numbers, template=..., part=...)`.

    Numbers of the same gate (and part: online, file) are added up.
    """
    def record(name: str, *numbers, template: str = "{}", part: str | None = None) -> None:
        record_property("gate", [name, list(numbers), template, part])
    return record


PARTS = ["online", "file"]
GATES = ["pages read (online, file://; light and dark)", "requests leaving the site",
         "cookies and stored keys beyond the palette", "CSP violations reported by Chromium",
         "pages without a strict CSP", "axe violations (WCAG 2.2 A, AA; light and dark)",
         "Nu HTML Checker errors", "unpinned dependencies"]  # their order in the summary


def pytest_terminal_summary(terminalreporter):
    reports = [r for kind in ("passed", "failed") for r in terminalreporter.stats.get(kind, [])
               if getattr(r, "when", None) == "call"]
    if not reports:
        return
    gates: dict[str, list] = {}
    for report in reports:
        for key, value in report.user_properties:
            if key == "gate":
                gates.setdefault(value[0], []).append(value[1:])
    links = [r.outcome for r in reports if r.nodeid.endswith("test_every_internal_link_and_anchor_resolves")]
    sources = [r.outcome for r in reports if "test_a_broken_source" in r.nodeid]
    if not (gates or links or sources):
        return
    terminalreporter.section("trust gates")
    for name, records in sorted(gates.items(), key=lambda g: GATES.index(g[0]) if g[0] in GATES else len(GATES)):
        parts = sorted({part for _, _, part in records}, key=lambda p: PARTS.index(p) if p in PARTS else len(PARTS))
        line = ", ".join(records[0][1].format(*(sum(column) for column in zip(
            *(numbers for numbers, _, part in records if part == each)))) for each in parts)
        terminalreporter.write_line(f"{name}: {line}")
    if links:
        terminalreporter.write_line(f"broken links and anchors: {'0' if links == ['passed'] else 'some (see test_site.py)'}")
    if sources:
        terminalreporter.write_line(f"bad sources caught: {sources.count('passed')} of {len(sources)}")

