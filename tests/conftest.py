"""Shared fixtures: the built site (built once per session) and the repository's layout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

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


def build_site(config_dir: Path, site_dir: Path, downloads: bool = True) -> subprocess.CompletedProcess:
    """Run the real build, as `make build` does: the downloads, then the site that lists them."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "OFFLINE": "false", "PYTHONPATH": str(config_dir / "hooks")}
    env.pop("DOWNLOADS", None)
    env.setdefault("SOURCE_DATE_EPOCH", str(common.source_date_epoch()))  # copies of the repository have no git
    if downloads:
        made = site_dir.parent / f"{site_dir.name}.downloads"
        result = subprocess.run([sys.executable, "-m", "downloads", str(made)],
                                cwd=config_dir, env=env, capture_output=True, text=True)
        if result.returncode:
            return result
        env["DOWNLOADS"] = str(made)
    return subprocess.run([*MKDOCS, "build", "--strict", "--site-dir", str(site_dir)],
                          cwd=config_dir, env=env, capture_output=True, text=True)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The built site: `make test` passes the one it built; otherwise build it here."""
    if given := os.environ.get("SITE_DIR"):
        return (ROOT / given).resolve()
    target = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, target)
    assert result.returncode == 0, result.stderr
    return target


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


@pytest.fixture(scope="session")
def base_url(site):
    """The built site over HTTP under a sub-path."""
    from browser import serve
    with serve(site, "sub/path") as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from browser import chromium
    with chromium() as instance:
        yield instance


@pytest.fixture
def page(browser):
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    context.close()
