"""A 404 page that helps, in the reader's language first.

Hosts serve a `404.html` at any missing address: GitHub Pages only the one at the site root;
Cloudflare Pages the nearest one up the path (`/ru/x` gets `/ru/404.html`); nginx the one its
`error_page` names, which a `location /ru/` can set to `/ru/404.html` (README). So every
language's build writes one: the default language's at the root, MkDocs' own place for it; each
other language's into its folder (`placed`: MkDocs would write it over the root one). Each has the
page's header, navigation and footer in its language, and says "page not found" first in its
language, then in the others (`extra.strings` of each, with its `lang`), with links to the home
pages, also as the language links above its title (`alternates`), and, as JSON that is never
executed, every page address and title: overrides/assets/javascripts/notfound.js links the page
whose address looks like the missing one. Links are absolute from the path of `site_url`, as
MkDocs makes every link of an error page. Without scripts, a page cannot see the address it is
served at, so the root one cannot choose its language: it speaks the default language first.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import common

TEMPLATE = "404.html"


def notices(strings: dict[str, dict], names: dict[str, str], homes: dict[str, str], root: str,
            first: str) -> list[dict]:
    """What the 404 page says in each language, the language `first` first."""
    return [{"lang": locale, "name": names[locale], "home": root + homes[locale],
             **{key: strings[locale][key] for key in ("not_found", "not_found_hint", "not_found_home", "not_found_moved")}}
            for locale in sorted(names, key=lambda locale: locale != first)]


def alternates(config, languages: list[common.Language], homes: dict[str, str], root: str) -> list[dict]:
    """The language links of a 404 page (config.extra.alternate, as hooks/content/languages.py
    makes them for the other pages): each language's home page, from the site's root path."""
    return [{"name": language.name, "lang": language.locale, "link": root + homes[language.locale],
             "url": urljoin(config.site_url or "", homes[language.locale]), "default": language.default}
            for language in languages]


def known_pages(pages: list, root: str, default: str) -> dict:
    """For notfound.js: the site's root path, the default language (which has no folder of its own)
    and every page (address relative to the root, title, language)."""
    return {"root": root, "default": default,
            "pages": [{"url": t.url, "title": t.title, "lang": t.locale} for versions in pages for t in versions]}


def context(config, language: common.Language, languages: list[common.Language], nav: list, homes: list) -> dict:
    """What overrides/404.html shows; the page's language links become the home pages."""
    root = urlsplit(config.site_url or "/").path
    home_urls = {home.locale: home.url for home in homes}
    notices_ = notices({l.locale: l.strings for l in languages}, {l.locale: l.name for l in languages},
                       home_urls, root, language.locale)
    config.extra.alternate = alternates(config, languages, home_urls, root)  # an attribute, as mkdocs-static-i18n sets it
    return {"notices": notices_, "pages": known_pages(nav, root, languages[0].locale)}


def placed(output: str, config, language: common.Language) -> str:
    """What MkDocs should write as the site's 404.html: the default language's page; another
    language's page is written here into its own folder, and MkDocs gets nothing (it writes no
    file for a template that renders empty)."""
    if language.default:
        return output
    path = Path(config.site_dir) / language.home / TEMPLATE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(output, encoding="utf-8")
    return ""
