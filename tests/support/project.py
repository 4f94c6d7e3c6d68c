"""The project as the tests see it: where it is, its languages and pages, and how to build it.

Not a test module: both tiers import it (tests/check/ without a built site, tests/site/ with one).
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import common  # hooks/common.py (pytest.ini's pythonpath)
import markdown
import material
from bs4 import BeautifulSoup
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = common.languages_of(ROOT / "mkdocs.yml")  # the default language first
LANGUAGE_ENTRIES = common.language_entries(ROOT / "mkdocs.yml")  # as mkdocs.yml writes them, for a configuration
LOCALES = [language.locale for language in LANGUAGES]
HOME = {language.locale: language.home for language in LANGUAGES}
CONFIG = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))  # mkdocs.yml as written
PAGE_NAMES = sorted(p.stem for p in (ROOT / "docs" / LOCALES[0]).glob("*.md"))
MATERIAL_LANGUAGES = Path(material.__file__).parent / "templates/partials/languages"
UI_KEY = re.compile(r'^\s*"([\w.]+)": "((?:[^"\\]|\\.)*)",?$', re.M)


def ui_strings(path: Path) -> dict[str, str]:
    """The interface strings of one of Material's language partials (ours: kk.html)."""
    return dict(UI_KEY.findall(path.read_text(encoding="utf-8")))


@functools.cache
def _markdown_settings() -> tuple[list, dict]:
    """mkdocs.yml's Markdown extensions and their settings, as MkDocs validates them (read once:
    loading mkdocs.yml takes a twentieth of a second)."""
    config = load_config(str(ROOT / "mkdocs.yml"), theme={"name": "mkdocs"}, plugins=[], hooks=[])
    return config.markdown_extensions, config.mdx_configs


def rendered(path: Path) -> str:
    """A Markdown page's content as MkDocs hands it to on_page_content."""
    extensions, settings = _markdown_settings()
    body, _ = get_data(path.read_text(encoding="utf-8"))
    return markdown.Markdown(extensions=extensions, extension_configs=settings).convert(body)


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


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
        return soup_of(self.path)


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
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
                          cwd=config_dir, env=env, capture_output=True, text=True)


def copy_project(target: Path) -> Path:
    """The repository without what is built or installed, and without the tests, to change freely."""
    ignore = shutil.ignore_patterns(".git", ".venv", "site", "site.tmp", "node_modules", "tests", "__pycache__",
                                    ".pytest_cache", ".downloads", "dist", ".preview")
    shutil.copytree(ROOT, target, ignore=ignore, symlinks=True)
    return target
