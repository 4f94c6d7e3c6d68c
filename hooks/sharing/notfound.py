"""One 404 page that helps, in the three languages.

Hosts serve `404.html` at any missing address, so it is written once, by the default
language's build (`written_by`) (mkdocs-static-i18n would otherwise have each language overwrite it).
overrides/404.html shows, from the data given here, "page not found" in every language
(`extra.strings` of each, with its `lang`), links to the three home pages, and, as JSON
that is never executed, every page address and title; overrides/assets/javascripts/notfound.js
links the page whose address looks like the missing one. Links are absolute from the path of
`site_url`, as MkDocs makes every link of an error page.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import common

TEMPLATE = "404.html"


def notices(strings: dict[str, dict], names: dict[str, str], homes: dict[str, str], root: str) -> list[dict]:
    """What the 404 page says in each language."""
    return [{"lang": locale, "name": names[locale], "home": root + homes[locale],
             **{key: strings[locale][key] for key in ("not_found", "not_found_hint", "not_found_home", "not_found_moved")}}
            for locale in names]


def known_pages(pages: list, root: str, default: str) -> dict:
    """For notfound.js: the site's root path, the default language (which has no folder of its own)
    and every page (address relative to the root, title, language)."""
    return {"root": root, "default": default,
            "pages": [{"url": t.url, "title": t.title, "lang": t.locale} for versions in pages for t in versions]}


def context(config, nav: list, homes: list) -> dict:
    """What overrides/404.html shows."""
    languages = common.languages(config)
    root = urlsplit(config.site_url or "/").path
    notices_ = notices({l.locale: l.strings for l in languages}, {l.locale: l.name for l in languages},
                       {home.locale: home.url for home in homes}, root)
    return {"notices": notices_, "pages": known_pages(nav, root, languages[0].locale)}


def written_by(config) -> bool:
    """404.html is written by the default language's build only (each would overwrite it)."""
    return common.current(config).default
