"""The build, in order: every MkDocs event this site uses, and the steps each runs, by name.

This is the only hook (mkdocs.yml). The steps are plain functions in folders by concern:
content/ (sources, sections, translations, addresses), search/, sharing/ (copy buttons, share
table, cards, 404), trust/ (CSP, headers, valid markup), weight/ (assets, stylesheet,
whitespace, compression), downloads/ (made by their own step before the site is built: see
hooks/downloads/__main__.py and the Makefile). Read an event's function to see what happens
then; the order of its lines is the order of the steps.

mkdocs-static-i18n builds the default language, then, from its own `on_post_build` (priority
-100), every other language as an inner build on the same configuration. So the finishing steps
run once, at priority -150, when every language is written: one pass that reads each page once,
hands the pages from step to step in memory and writes each once. The build's facts (languages,
offline or not, downloads, edition date, onion address) are one `common.Context`, made in
on_config; this module alone reads the environment, Material's offline flag and
mkdocs-static-i18n's state. What the build gathers across its languages lives on `Build`, made at
the outer build's start and dropped at its end: nothing outlives one build, also under `mkdocs serve`.

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
from trust import content as content_policy, csp, headers, markup
from weight import assets, compress, icons, scripts, stylesheet, whitespace

log = logging.getLogger("mkdocs.plugins.pipeline")


@dataclass
class Build:
    """One build (all its languages): its facts, and what it gathers for later steps."""
    context: common.Context  # languages, offline or not, downloads, edition date, onion address
    key: str | None = None  # the declared minisign key (minisign.pub), shown with how to check a copy
    torrent: tuple[str, str] = ("", "")  # the torrent's address and, on the site, its magnet link
    published_files: dict = field(default_factory=dict)  # src_uri → File, as published, every language
    kazakh_sections: dict = field(default_factory=dict)  # docs/kk/<page>.md → {section ID: text}
    nav: list = field(default_factory=list)  # this language's pages, each in every language
    homes: list = field(default_factory=list)  # the home page in every language
    published: addresses.Published | None = None  # published-addresses.txt: pages, short addresses
    numbers: dict = field(default_factory=dict)  # (page address, section ID) → its declared short number
    print_rules: dict = field(default_factory=dict)  # each page's print footer, for the stylesheet


_command = "build"
_build: Build | None = None


# mkdocs-static-i18n, read here only: whether this is the inner build of another language, which
# language it renders, and the languages' entries (in mkdocs.yml's words).
def _inner(config) -> bool:
    """True in the inner build of a language other than the default."""
    return config.plugins["i18n"].building


def _language(config) -> common.Language:
    """The language this (inner) build renders."""
    return _build.context.language(config.plugins["i18n"].current_language)


def context(config, command: str, environ=os.environ) -> common.Context:
    """The build's facts, from the configuration and the environment, each checked once."""
    offline = config.plugins["material/offline"].config.enabled
    try:
        release.clean(config.site_url or "", "SITE_URL")  # every address a page carries comes from it
        onion = release.onion(environ["ONION_URL"]) if environ.get("ONION_URL") and not offline else ""
    except release.Refused as error:
        raise PluginError(str(error)) from None
    return common.Context(languages=common.languages_in(config.plugins["i18n"].config.languages), offline=offline,
                          serve=command == "serve", downloads=listing.folder(environ.get("DOWNLOADS")),
                          edition=common.edition_date(environ), onion=onion)


def on_startup(command, dirty) -> None:
    global _command
    _command = command


@event_priority(10)  # before Material's offline plugin (0) reads the polyfills
def on_config(config):
    global _build
    if not _inner(config):
        _build = Build(context(config, _command), published=addresses.read(Path(config.config_file_path).parent))
        try:
            _build.key = signing.declared_key()
        except signing.SigningError as error:
            raise PluginError(str(error)) from None
        _build.torrent = listing.torrent(config.site_url, _build.context.offline, _build.context.downloads)
        if not _build.context.offline and config.site_url == addresses.PLACEHOLDER:
            log.info(f"site_url is the placeholder {addresses.PLACEHOLDER}: fine for development; "
                     "set SITE_URL to publish")
    offline.add_worker_shim(config, _build.context.offline)
    return config


def on_pre_build(config) -> None:
    if not _inner(config):
        sources.refuse_broken_translations(Path(config.docs_dir), [l.locale for l in _build.context.languages])


@event_priority(-110)  # after mkdocs-static-i18n (-100) has chosen and placed this language's files
def on_files(files, config):
    facts = _build.context
    assets.drop_source_maps(files)
    scripts.place_modules(files, config, facts.offline)
    index.drop_unused_lunr_languages(files, facts.languages)
    if not _inner(config):  # once: the downloads are copied into the site's root
        listing.add_downloads(files, config, facts.downloads, facts.languages)
    addresses.publish_for_redirects(files, config, _build.published_files)
    return files


@event_priority(-110)  # after mkdocs-static-i18n (-100) has made the nav and found the home page
def on_nav(nav, config, files):
    locales = [language.locale for language in _build.context.languages]
    _build.nav = [share.translations(page.file, locales) for page in nav.pages]
    _build.homes = share.translations(nav.homepage.file, locales)
    short.refuse_lost_sections(_build.published, _build.nav)  # first: a renamed section also looks new
    _build.numbers = short.numbered(_build.published, _build.nav, strict=not _build.context.serve)
    return nav


def on_pre_page(page, config, files):
    page.canonical_url = addresses.page_address(config, page.url)
    return page


def on_page_markdown(markdown: str, page, config, files) -> str:
    language, facts = _language(config), _build.context
    markdown = elsewhere.fill(markdown, language.strings, facts.onion and facts.onion + language.home,
                              config.extra.get("mirrors") or [], *_build.torrent)
    markdown = checking.fill(markdown, language.strings, _build.key, page.url, facts.offline)
    return listing.fill(markdown, config, language, facts)


def on_page_content(content: str, page, config, files) -> str:
    content_policy.refuse_active(content, page, files)
    language = _language(config)
    if language.default:
        _build.kazakh_sections[f"docs/{page.file.src_uri}"] = sources.section_texts(content)
    strings = language.strings
    content = anchors.label_backlinks(anchors.label_permalinks(content, strings["permalink"]), strings["footnote_back"])
    content = checking.link_files(content, page.url, _build.context.offline)
    return share.add_share_links(content, page, config, language, _build.context.languages, _build.nav, _build.numbers)


def on_env(env, config, files):
    if _build.kazakh_sections:  # the default language's build: its pages are rendered
        sources.refuse_lost_lines(_build.kazakh_sections, Path(config.config_file_path).parent)
    locale, facts = _language(config).locale, _build.context
    scripts.template_globals(env, config, facts.offline)
    env.globals["if_blocked"] = elsewhere.footer_link(files, locale)
    env.globals["share_page"] = share.table_page(files, locale)
    env.globals["footer_downloads"] = listing.footer_links(config, locale, facts.downloads)
    env.globals["search_fallback"] = fallback.whole_site(files, config, locale, facts)
    return env


def on_template_context(context, template_name, config):
    if template_name == notfound.TEMPLATE:
        context["notfound"] = notfound.context(config, _language(config), _build.context.languages, _build.nav, _build.homes)
    return context


@event_priority(-50)  # after mkdocs-static-i18n (50) has set its own alternates for the page
def on_page_context(context, page, config, nav):
    language, facts = _language(config), _build.context
    # an attribute, as mkdocs-static-i18n sets it
    config.extra.alternate = languages.alternates(page, config, language.locale, facts.languages)
    if not facts.offline:  # the file:// download is read, not shared
        page.meta["share"] = cards.share_meta(page, config, language, facts.languages, draw=not facts.serve)
    if facts.onion:
        page.meta["onion_location"] = facts.onion + page.url
    return context


@event_priority(-1000)  # after every plugin's own changes to the page
def on_post_page(output: str, page, config) -> str:
    language = _language(config)
    output = index.point_config_at_language_root(output, page, language)
    output = dates.under_title(output, language.strings, _build.context.edition,
                               dates.events_year(page.meta, f"docs/{page.file.src_uri}"))
    output = printed.footer(output, page.canonical_url, language.strings, _build.context.edition,
                            _build.print_rules)
    output = markup.valid_toggles(output)
    output = markup.named_search_dialog(output)
    return whitespace.unindent(output)


@event_priority(-1000)
def on_post_template(output: str, template_name: str, config) -> str:
    if not template_name.endswith(".html"):
        return output
    output = whitespace.unindent(markup.named_search_dialog(markup.valid_toggles(output)))
    return notfound.placed(output, config, _language(config)) if template_name == notfound.TEMPLATE else output


def read_pages(site: Path) -> dict[str, str]:
    """Every HTML file MkDocs wrote (path in the site → its text), read once for the finishing steps."""
    return {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8") for path in sorted(site.rglob("*.html"))}


def write_pages(site: Path, pages: dict[str, str]) -> None:
    for path, text in pages.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text, encoding="utf-8")


@event_priority(-150)  # after mkdocs-static-i18n (-100) has built every language and merged the index
def on_post_build(config) -> None:
    """The finishing steps: every page read once, changed in memory by each step in turn, written
    once; what a step finds (the policy, the pages as written) handed to the next as a value."""
    global _build
    if _inner(config):
        return
    site, build, facts, root = Path(config.site_dir), _build, _build.context, Path(config.config_file_path).parent
    index.split(site, facts.languages, facts.offline)
    # the QR codes lead online; in the file:// build, ZIMs would take the short pages for pages
    shorts = {} if facts.offline else short.pages(build.published, build.nav, config)
    if facts.serve:  # the live-reload script that serve injects would break a CSP
        write_pages(site, shorts)
        _build = None
        return
    pages = read_pages(site) | shorts
    pages = addresses.one_redirect_script(pages, config.theme.get_env().get_template("partials/redirect.html").render())
    if not facts.offline:  # from file://, browsers refuse to draw an icon from another file
        pages = icons.from_one_file(site, pages, config.site_url)
    printed.write_rules(site, build.print_rules)
    pages, first_screen = stylesheet.join_and_purge(site, pages, config, inline=not facts.offline)
    policy = csp.declared_policy(config, scripts.inline_modules(config, facts.offline), root, first_screen)
    pages = csp.secure_pages(pages, policy)
    write_pages(site, pages)
    if not facts.offline:
        addresses.refuse_lost_addresses(site, root)
        addresses.refuse_rewritten_lines(root)
        headers.write(site, facts.onion)
        compress.precompress(site, pages)
    _build = None


def on_build_error(error) -> None:
    global _build
    _build = None
