"""The site tier's fixtures: the built site (built once per session, or `make test`'s site/), the
offline copy, the browser, the site served from a sub-path, the tours of every page
(tests/support/tour.py). Only the tests under tests/site/ see them."""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from project import LOCALES, MATERIAL_LANGUAGES, PAGE_NAMES, ROOT, BuiltPage, build_site, soup_of, ui_strings


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
    canonical = soup_of(site / "index.html").find("link", rel="canonical")
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


# --- the tours: every page once per colour scheme, online and on file:// (tests/support/tour.py) ----------


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
