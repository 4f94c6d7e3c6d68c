"""Link every page to the same page in the other languages, under any sub-path.

mkdocs-static-i18n gives the language selector absolute links on home pages
("/ru/"), which break when the site is served from a sub-path or from file://.
This hook replaces `config.extra.alternate` on each page with site-relative links to
the page's translations (the theme's `url` filter makes them page-relative) and adds
the absolute addresses that search engines need (`hreflang`, `x-default`).
"""

from __future__ import annotations

from addresses import online_address
from mkdocs.plugins import event_priority


def alternates(page, config) -> list[dict]:
    """One entry per language, in the configured order, for the page being rendered."""
    i18n = config.plugins["i18n"]
    entries = []
    for language in i18n.config.languages:
        target = page.file.alternates.get(language.locale) if language.locale != i18n.current_language else page.file
        if target is None:  # fallback_to_default: false makes every translation exist
            raise RuntimeError(f"{page.file.src_uri} has no {language.locale} translation")
        entries.append({
            "name": language.name,
            "lang": language.locale,
            "link": target.url or "./",
            "url": online_address(config, target.url),
            "default": language.default,
        })
    return entries


@event_priority(-50)  # after mkdocs-static-i18n (50) has set its own alternates for the page
def on_page_context(context, page, config, nav):
    config.extra.alternate = alternates(page, config)  # an attribute, as mkdocs-static-i18n sets it
    return context
