"""Link every page to the same page in the other languages, under any sub-path.

mkdocs-static-i18n gives the language selector absolute links on home pages
("/ru/"), which break when the site is served from a sub-path or from file://.
`alternates` replaces `config.extra.alternate` on each page with site-relative links to
the page's translations (the theme's `url` filter makes them page-relative) and adds
the absolute addresses that search engines need (`hreflang`, `x-default`).
"""

from __future__ import annotations

import common
from mkdocs.exceptions import PluginError
from content.addresses import page_address


def alternates(page, config, current: str, languages: list[common.Language]) -> list[dict]:
    """One entry per language, in the configured order, for the page being rendered in `current`."""
    entries = []
    for language in languages:
        target = page.file.alternates.get(language.locale) if language.locale != current else page.file
        if target is None:  # fallback_to_default: false makes every translation exist
            name = page.file.src_uri.partition("/")[2]
            raise PluginError(f"docs/{page.file.src_uri} has no {language.locale} translation among mkdocs-static-i18n's "
                              f"File.alternates: translate it as docs/{language.locale}/{name}; if that file exists, "
                              "mkdocs-static-i18n links translations another way now (see the README's seams)")
        entries.append({"name": language.name, "lang": language.locale, "link": target.url or "./",
                        "url": page_address(config, target.url), "default": language.default})
    return entries
