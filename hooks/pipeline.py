"""The build, in order: every MkDocs event this site uses, and the steps each runs, by name.

This is the only hook (mkdocs.yml). The steps are plain functions in folders by concern:
content/ (sources, sections, translations, addresses), search/, sharing/ (copy buttons, share
table, cards, 404), trust/ (CSP, headers, valid markup), weight/ (assets, stylesheet,
whitespace, compression), downloads/ (made by their own step before the site is built: see
hooks/downloads/__main__.py and the Makefile). Read an event's function to see what happens
then; the order of its lines is the order of the steps.

mkdocs-static-i18n builds the default language, then, from its own `on_post_build` (priority
-100), every other language as an inner build on the same configuration. So the finishing steps
run once, at priority -150, when every language is written. What the build gathers across its
languages lives on `Build`, made at the outer build's start and dropped at its end: nothing
outlives one build, also under `mkdocs serve`.

`mkdocs serve` runs what a writer needs to see (pages, languages, search, share links), not
what only readers of the published site need (cards, CSP, the one purged stylesheet,
compression, `_headers`); the file:// build of the downloads (OFFLINE=true) has no addresses of
its own to check, no cards and no headers.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import common
import release
from content import addresses, anchors, dates, languages, sources
from downloads import checking, listing, offline, signing
from search import fallback, index
from sharing import cards, elsewhere, notfound, printed, share, short
from trust import csp, headers, markup
from weight import assets, compress, scripts, stylesheet, whitespace

log = logging.getLogger("mkdocs.plugins.pipeline")


@dataclass
class Build:
    """What one build (all its languages) gathers for later steps."""
    serve: bool
    offline: bool
    onion: str = ""  # ONION_URL, checked: Tor Browser offers each page's onion twin
    key: str | None = None  # the declared minisign key (minisign.pub), shown with how to check a copy
    torrent: tuple[str, str] = ("", "")  # the torrent's address and, on the site, its magnet link
    published_files: dict = field(default_factory=dict)  # src_uri → File, as published, every language
    kazakh_sections: dict = field(default_factory=dict)  # docs/kk/page.md → {section ID: text}
    nav: list = field(default_factory=list)  # this language's pages, each in every language
    homes: list = field(default_factory=list)  # the home page in every language
    published: addresses.Published | None = None  # published-addresses.txt: pages, short addresses
    numbers: dict = field(default_factory=dict)  # (page address, section ID) → its declared short number


_command = "build"
_build: Build | None = None


def _inner(config) -> bool:
    """True in the inner build of a language other than the default."""
    return config.plugins["i18n"].building


def on_startup(command, dirty) -> None:
    global _command
    _command = command


@event_priority(10)  # before Material's offline plugin (0) reads the polyfills
def on_config(config):
    global _build
    if not _inner(config):
        _build = Build(serve=_command == "serve", offline=config.plugins["material/offline"].config.enabled,
                       published=addresses.read(Path(config.config_file_path).parent))
        if os.environ.get("ONION_URL") and not _build.offline:
            try:
                _build.onion = release.onion(os.environ["ONION_URL"])
            except release.Refused as error:
                raise PluginError(str(error)) from None
        try:
            _build.key = signing.declared_key()
        except signing.SigningError as error:
            raise PluginError(str(error)) from None
        _build.torrent = listing.torrent(config, _build.offline)
        if not _build.offline and config.site_url == addresses.PLACEHOLDER:
            log.info(f"site_url is the placeholder {addresses.PLACEHOLDER}: fine for development; "
                     "set SITE_URL to publish")
    offline.add_worker_shim(config)
    return config


def on_pre_build(config) -> None:
    if not _inner(config):
        sources.refuse_broken_translations(Path(config.docs_dir), [l.locale for l in common.languages(config)])


@event_priority(-110)  # after mkdocs-static-i18n (-100) has chosen and placed this language's files
def on_files(files, config):
    assets.drop_source_maps(files)
    scripts.place_modules(files, config)
    index.drop_unused_lunr_languages(files, common.languages(config))
    listing.add_downloads(files, config)
    addresses.publish_for_redirects(files, config, _build.published_files)
    return files


@event_priority(-110)  # after mkdocs-static-i18n (-100) has made the nav and found the home page
def on_nav(nav, config, files):
    locales = [language.locale for language in common.languages(config)]
    _build.nav = [share.translations(page.file, locales) for page in nav.pages]
    _build.homes = share.translations(nav.homepage.file, locales)
    short.refuse_lost_sections(_build.published, _build.nav)  # first: a renamed section also looks new
    _build.numbers = short.numbered(_build.published, _build.nav, strict=not _build.serve)
    return nav


def on_pre_page(page, config, files):
    page.canonical_url = addresses.page_address(config, page.url)
    return page


def on_page_markdown(markdown: str, page, config, files) -> str:
    language = common.current(config)
    markdown = elsewhere.fill(markdown, language.strings, _build.onion and _build.onion + language.home,
                              config.extra.get("mirrors") or [], *_build.torrent)
    markdown = checking.fill(markdown, language.strings, _build.key, page.url, _build.offline)
    return listing.fill(markdown, config, _build.offline)


def on_page_content(content: str, page, config, files) -> str:
    if page.file.src_uri.startswith(common.languages(config)[0].locale + "/"):
        _build.kazakh_sections[f"docs/{page.file.src_uri}"] = sources.section_texts(content)
    strings = common.current(config).strings
    content = anchors.label_backlinks(anchors.label_permalinks(content, strings["permalink"]), strings["footnote_back"])
    content = checking.link_files(content, page.url, _build.offline)
    return share.add_share_links(content, page, config, _build.nav, _build.numbers)


def on_env(env, config, files):
    if _build.kazakh_sections:  # the default language's build: its pages are rendered
        sources.refuse_lost_lines(_build.kazakh_sections, Path(config.config_file_path).parent)
    scripts.template_globals(env, config)
    env.globals["if_blocked"] = elsewhere.footer_link(files, common.current(config).locale)
    env.globals["share_page"] = share.table_page(files, common.current(config).locale)
    env.globals["footer_downloads"] = listing.footer_links(config, common.current(config).locale)
    env.globals["search_fallback"] = fallback.whole_site(files, config, _build.offline)
    return env


def on_template_context(context, template_name, config):
    if template_name == notfound.TEMPLATE:
        context["notfound"] = notfound.context(config, _build.nav, _build.homes)
    return context


@event_priority(-50)  # after mkdocs-static-i18n (50) has set its own alternates for the page
def on_page_context(context, page, config, nav):
    config.extra.alternate = languages.alternates(page, config)  # an attribute, as mkdocs-static-i18n sets it
    if not _build.offline:  # the file:// download is read, not shared
        page.meta["share"] = cards.share_meta(page, config, draw=not _build.serve)
    if _build.onion:
        page.meta["onion_location"] = _build.onion + page.url
    return context


@event_priority(-1000)  # after every plugin's own changes to the page
def on_post_page(output: str, page, config) -> str:
    output = index.point_config_at_language_root(output, page, config)
    output = dates.under_title(output, common.current(config).strings)
    output = printed.footer(output, page.canonical_url, common.current(config).strings, common.edition_date())
    output = markup.valid_toggles(output)
    output = markup.named_search_dialog(output)
    return whitespace.unindent(output)


@event_priority(-1000)
def on_post_template(output: str, template_name: str, config) -> str:
    if not template_name.endswith(".html"):
        return output
    output = whitespace.unindent(markup.named_search_dialog(markup.valid_toggles(output)))
    return notfound.placed(output, config) if template_name == notfound.TEMPLATE else output


@event_priority(-150)  # after mkdocs-static-i18n (-100) has built every language and merged the index
def on_post_build(config) -> None:
    global _build
    if _inner(config):
        return
    site, build, root = Path(config.site_dir), _build, Path(config.config_file_path).parent
    index.split(site, config)
    if not build.offline:  # the QR codes lead online; in the file:// build, ZIMs would take them for pages
        short.write(site, build.published, build.nav, config)
    if build.serve:  # the live-reload script that serve injects would break a CSP
        _build = None
        return
    csp.secure_pages(site)
    if not build.offline:
        addresses.refuse_lost_addresses(site, root)
        addresses.refuse_rewritten_lines(root)
    stylesheet.join_and_purge(site, config)
    if not build.offline:
        headers.write(site, build.onion)
        compress.precompress(site)
    _build = None


def on_build_error(error) -> None:
    global _build
    _build = None
