"""One 404 page that helps, in the three languages.

Hosts serve `404.html` at any missing address, so it is written once, by the default
language's build (mkdocs-static-i18n would otherwise have each language overwrite it).
overrides/404.html shows, from the data given here, "page not found" in every language
(`extra.strings` of each, with its `lang`), links to the three home pages, and, as JSON
that is never executed, every page address and title; overrides/assets/javascripts/notfound.js
links the page whose address looks like the missing one. Links are absolute from the path of
`site_url`, as MkDocs makes every link of an error page.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from mkdocs.plugins import event_priority
from share import translations

TEMPLATE = "404.html"


def strings_by_locale(config) -> dict[str, dict]:
    """Each language's `extra.strings`; the default language's are the build's own `config.extra`."""
    return {language.locale: ((language.extra or {}).get("strings") or config.extra["strings"])
            for language in config.plugins["i18n"].config.languages}


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


# --- MkDocs events -------------------------------------------------------------------------

_pages: list = []
_homes: list = []


@event_priority(-110)  # after mkdocs-static-i18n (-100) has made the nav and found the home page
def on_nav(nav, config, files):
    locales = [language.locale for language in config.plugins["i18n"].config.languages]
    _pages[:] = [translations(page.file, locales) for page in nav.pages]
    _homes[:] = translations(nav.homepage.file, locales)
    return nav


def on_template_context(context, template_name, config):
    if template_name == TEMPLATE:
        languages = config.plugins["i18n"].config.languages
        names = {language.locale: language.name for language in languages}
        homes = {home.locale: home.url for home in _homes}
        root = urlsplit(config.site_url or "/").path
        default = next(language.locale for language in languages if language.default)
        context["notfound"] = {"notices": notices(strings_by_locale(config), names, homes, root),
                               "pages": known_pages(_pages, root, default)}
    return context


def on_post_template(output: str, template_name: str, config) -> str:
    i18n = config.plugins["i18n"]
    default = next(language.locale for language in i18n.config.languages if language.default)
    if template_name == TEMPLATE and i18n.current_language != default:
        return ""  # MkDocs writes no file for an empty template: the default language's stays
    return output
