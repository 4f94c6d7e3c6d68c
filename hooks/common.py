"""What the build steps share: the languages, addresses and dates of this site. Not a hook.

The languages are those of mkdocs-static-i18n in mkdocs.yml, in their order, the default one
first; each language entry there carries every fact of its own (name, site name and
description, Open Graph locale, ISO 639-3 code, the ZIM's title, interface strings), so that a fourth language
is one more entry. Steps read them here, scripts through data the build writes, tests through
`languages_of(mkdocs.yml)`.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parents[1]
EXTRA_FACTS = ("og_locale", "iso639_3", "zim", "strings")


@dataclass(frozen=True)
class Language:
    locale: str
    name: str
    default: bool
    site_name: str
    site_description: str
    og_locale: str  # Open Graph's form, kk_KZ
    iso639_3: str  # ZIM metadata, kaz
    zim: dict  # the title (at most 30 characters) and description (80) of the language's ZIM
    strings: dict  # our interface strings (extra.strings)

    @property
    def home(self) -> str:
        """The language's folder in the site: "" for the default language, "ru/" for others."""
        return "" if self.default else f"{self.locale}/"


def _language(entry: dict) -> Language:
    extra = entry.get("extra") or {}
    missing = [k for k in ("site_name", "site_description") if not entry.get(k)] + [
        f"extra.{k}" for k in EXTRA_FACTS if not extra.get(k)]
    if missing:
        raise PluginError(f"mkdocs.yml: the i18n language '{entry.get('locale')}' lacks {', '.join(missing)}: "
                          "every language entry carries all its facts (see the default language's entry)")
    return Language(entry["locale"], entry["name"], bool(entry.get("default")), entry["site_name"],
                    entry["site_description"], extra["og_locale"], extra["iso639_3"], dict(extra["zim"]),
                    dict(extra["strings"]))


def _ordered(languages: list[Language]) -> list[Language]:
    return sorted(languages, key=lambda language: not language.default)


def languages_in(entries: list) -> list[Language]:
    """The site's languages, the default first, from mkdocs-static-i18n's `languages` entries."""
    return _ordered([_language(dict(entry)) for entry in entries])


def language_entries(config_file: Path) -> list[dict]:
    """mkdocs-static-i18n's `languages` entries, as mkdocs.yml writes them."""
    with open(config_file, encoding="utf-8") as file:
        raw = yaml_load(file)
    return next(p["i18n"] for p in raw["plugins"] if isinstance(p, dict) and "i18n" in p)["languages"]


def languages_of(config_file: Path) -> list[Language]:
    """The same, read from mkdocs.yml itself (for the downloads step and the tests)."""
    return languages_in(language_entries(config_file))


@dataclass(frozen=True)
class Context:
    """The facts of one build, made once in hooks/pipeline.py's on_config from the configuration
    and the environment, and handed to the steps: they read no environment variable, no plugin's
    internals and no git history themselves."""
    languages: list[Language]  # the default first
    offline: bool  # the file:// build of the downloads (Material's offline plugin enabled)
    serve: bool  # `mkdocs serve`: what a writer needs, not what only the published site needs
    downloads: Path | None  # DOWNLOADS: the made downloads (checked), or None in builds without them
    edition: str  # the edition's date, YYYY-MM-DD (`edition_date`)
    onion: str = ""  # ONION_URL, checked: Tor Browser offers each page's onion twin

    def language(self, locale: str) -> Language:
        return next(language for language in self.languages if language.locale == locale)


def said(text: str, **markup: str) -> str:
    """An interface string (`extra.strings`) as HTML: its words escaped, each `{name}` in it
    replaced by the markup given for it (a link, a date, a file's name)."""
    said = html.escape(text)
    for name, value in markup.items():
        said = said.replace("{" + name + "}", value)
    return said


def shown(path: str | Path) -> str:
    """A file's path as a message names it: from the project's root when it is inside."""
    path = Path(path)
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


def online_address(site_url: str, url: str, directory_urls: bool = True) -> str:
    """The absolute address on the online site of the page at `url` of a build: the file://
    build's `ru/about.html` is published as `ru/about/`, and `index.html` as `./`."""
    if not directory_urls and url != "404.html":
        url = re.sub(r"\.html$", "/", re.sub(r"(^|/)index\.html$", r"\1", url))
    return urljoin(site_url or "", url)


def source_date_epoch(environ=os.environ) -> int:
    """The edition's time: SOURCE_DATE_EPOCH, or else the last commit's, so that two builds of
    one commit give the same files however they are started."""
    if stamp := environ.get("SOURCE_DATE_EPOCH"):
        return int(stamp)
    result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True)
    if result.returncode or not result.stdout.strip():
        raise PluginError("No SOURCE_DATE_EPOCH and no git history to date this edition: "
                          "set SOURCE_DATE_EPOCH (seconds since 1970) or build from a git clone")
    return int(result.stdout)


def edition_date(environ=os.environ) -> str:
    """The edition's date, YYYY-MM-DD."""
    return datetime.fromtimestamp(source_date_epoch(environ), timezone.utc).date().isoformat()
