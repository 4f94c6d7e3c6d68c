"""The build's steps (hooks/pipeline.py), each on a small site of its own, without MkDocs."""

from __future__ import annotations

import re
import shutil
import subprocess
import brotli
import gzip
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import common

import pipeline

import jinja2
import pytest
from bs4 import BeautifulSoup
from browser import header_rules
from project import LANGUAGE_ENTRIES, LANGUAGES, ROOT
from content import addresses
from downloads import listing
from mkdocs.exceptions import PluginError
from search import index
from trust import csp, headers, markup
from weight import compress, icons, stylesheet, whitespace


DATA = Path(__file__).parent / "data"
PAGE = ('<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="{up}assets/a.css">'
        '<link rel="stylesheet" href="{up}assets/b.css"></head><body class="{classes}"><script>{script}</script></body></html>')


def write(site: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    return site


def written_site(written: Path, root: Path, onion: str = "") -> SimpleNamespace:
    """A copy of `written` (a site as MkDocs and mkdocs-static-i18n leave it: data/written/) in a
    project at `root`, and the build's state as on_post_build finds it; the configuration."""
    site = shutil.copytree(written, root / "site")
    shutil.copy(DATA / addresses.LIST, root / addresses.LIST)
    (root / csp.DECLARED).write_text("# declared\npartials/scope.html\n", encoding="utf-8")
    theme = SimpleNamespace(get=lambda key: None, get_env=lambda: jinja2.Environment(loader=jinja2.DictLoader(
        {"partials/scope.html": '<script>__md_scope=new URL("/",location)</script>', "partials/redirect.html": ""})))
    config = SimpleNamespace(site_dir=str(site), config_file_path=str(root / "mkdocs.yml"), site_url="https://e.org/r/",
                             use_directory_urls=True, theme=theme, plugins={"i18n": SimpleNamespace(building=False)})
    facts = common.Context(LANGUAGES, offline=False, serve=False, downloads=None, edition="2026-01-01", onion=onion)
    pipeline._build = pipeline.Build(facts, published=addresses.read(root))
    return config


def finish(written: Path, root: Path, onion: str = "") -> Path:
    """The finishing steps of hooks/pipeline.py, run as the build runs them, on a copy of `written`."""
    config = written_site(written, root, onion)
    pipeline.on_post_build(config)
    return Path(config.site_dir)


def test_the_finishing_steps_read_and_write_each_page_once(tmp_path, monkeypatch):
    """One pass: each page read once, changed in memory by each step, written once; no step reads
    back what another wrote (the policy, the pages' final text come as values)."""
    config = written_site(DATA / "written", tmp_path)
    site, touched = Path(config.site_dir), Counter()
    for name in ("read_text", "read_bytes", "write_text", "write_bytes"):
        def counted(path, *args, _original=getattr(Path, name), _kind=name.split("_")[0], **options):
            if path.suffix == ".html":
                touched[_kind, path.relative_to(site).as_posix()] += 1
            return _original(path, *args, **options)
        monkeypatch.setattr(Path, name, counted)
    pipeline.on_post_build(config)
    monkeypatch.undo()
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert {page: (touched["read", page], touched["write", page]) for page in pages} == {page: (1, 1) for page in pages}


def test_the_finishing_steps_leave_pages_final_secured_listed_and_compressed(tmp_path):
    """Each step needs what an earlier one made: the CSP step puts the declared policy in
    the pages, the purge keeps what the final pages use, and the twins are of the final files."""
    site = finish(DATA / "written", tmp_path)
    pages = sorted(site.rglob("*.html"))
    policies = [re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', page.read_text(encoding="utf-8")).group(1) for page in pages]
    assert len(set(policies)) == 1  # one declared policy
    [joined] = site.glob("assets/stylesheets/site.*.css")
    assert ".used" in joined.read_text() and ".unused" not in joined.read_text()
    assert all(joined.name in page.read_text(encoding="utf-8") for page in pages)
    for path in [*pages, joined, site / "ru/search/search_index.json"]:
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == path.read_bytes(), path
    assert not (site / "assets/stylesheets/main.css").exists()


def test_the_index_is_split_by_language_with_locations_from_each_root():
    merged = {"config": {"lang": ["kk", "ru", "en"]}, "docs": [
        {"location": "blocking/", "title": "kk"}, {"location": "ru/blocking/#vpn", "title": "ru"},
        {"location": "en/", "title": "en"}]}
    split = index.split_index(merged, ["kk", "ru", "en"], "kk")
    assert [d["location"] for d in split["ru"]["docs"]] == ["blocking/#vpn"]
    assert [d["location"] for d in split["kk"]["docs"]] == ["blocking/"]
    assert split["en"]["config"]["lang"] == ["en", "wordforms"]


def test_pages_get_the_declared_policy_an_undeclared_inline_script_stops_the_build_and_downloads_keep_their_own(tmp_path):
    own = '<html><head><meta http-equiv="Content-Security-Policy" content="default-src \'none\'"></head></html>'
    pages = {"index.html": PAGE.format(up="", classes="", script="run()"), "download/report.html": own}
    declared = csp.policy([csp.source_hash("run()")], [])
    secured = csp.secure_pages(pages, declared)
    assert secured["index.html"].count("Content-Security-Policy") == 1 and declared in secured["index.html"]
    assert secured["download/report.html"] == own
    with pytest.raises(PluginError, match=r"ru/index.html: <script> 'alert\(1\)' is not declared in page-policy.txt"):
        csp.secure_pages({**pages, "ru/index.html": PAGE.format(up="../", classes="", script="alert(1)")}, declared)
    with pytest.raises(PluginError, match="broken.html has no <head>"):
        csp.secure_pages({**pages, "broken.html": "<p>no head</p>"}, declared)


def test_a_published_address_without_a_page_stops_the_build(tmp_path):
    write(tmp_path, {addresses.LIST: "# kept\nblocking/\nold/\n", "site/blocking/index.html": ""})
    with pytest.raises(PluginError, match=r"lead nowhere: old/"):
        addresses.refuse_lost_addresses(tmp_path / "site", tmp_path)
    write(tmp_path, {"site/old/index.html": "redirect"})
    addresses.refuse_lost_addresses(tmp_path / "site", tmp_path)


def test_the_stylesheets_become_one_holding_only_used_rules(tmp_path):
    site = write(tmp_path, {"index.html": PAGE.format(up="", classes="used", script=""),
                            "ru/index.html": PAGE.format(up="../", classes="", script=""),
                            "assets/site.js": "x.classList.add('added')",
                            "assets/a.css": "/* why */\n.used{color:red}.unused{color:blue}",
                            "assets/b.css": "@media print{/* why */.added{color:green}}",
                            "assets/stylesheets/.keep": ""})
    pages = {name: (site / name).read_text() for name in ("index.html", "ru/index.html")}
    pages, inline = stylesheet.join_and_purge(site, pages, SimpleNamespace(site_url="https://example.org/"))
    [joined] = site.glob("assets/stylesheets/site.*.css")
    assert joined.read_text() == ".used{color:red}@media print{.added{color:green}}" and inline == []  # no comments
    assert f'href="../{joined.relative_to(site).as_posix()}"' in pages["ru/index.html"]
    assert not (site / "assets/a.css").exists()


FIRST_SCREEN = ('<!doctype html><html class="no-js"><head><meta charset="utf-8">'
                '<link rel="stylesheet" href="{up}assets/a.css"></head><body data-md-color-scheme="default">'
                '<form data-md-component="palette"><input data-md-color-scheme="slate"></form>'
                '<h1 class="title">{title}</h1><details><summary class="opener">More</summary><p class="inside">x</p>'
                '</details><div class="md-search"></div></body></html>')


def test_every_page_paints_its_first_screen_from_the_same_inline_rules(tmp_path):
    """Online, each page carries the rules its first screen needs, one identical <style> on every
    page (one hash in the policy), and links the whole stylesheet for print (no screen waits for
    it) with a <noscript> link for readers without scripts. Rules for what no page shows at first
    (a selector that matches nothing, a closed <details>' insides, print, hover, transitions) or
    for readers without scripts, who wait for the whole stylesheet, stay in the stylesheet only; a
    colour scheme the palette offers comes along."""
    css = ("h1.title{color:red;transition:color 1s}.absent{color:blue}[data-md-color-scheme=slate]{--fg:#fff}"
           "body{color:var(--fg)}.opener{color:green}.inside{color:gray}a:hover{color:pink}"
           "@media print{h1.title{color:#000}}@media screen and (min-width:60em){h1.title{font-size:2em}}"
           ".no-js .md-search{display:none}@media screen and (scripting:none){h1.title{color:gray}}")
    site = write(tmp_path, {"index.html": FIRST_SCREEN.format(up="", title="A"),
                            "ru/index.html": FIRST_SCREEN.format(up="../", title="Б"),
                            "assets/a.css": css, "assets/stylesheets/.keep": ""})
    pages = {name: (site / name).read_text() for name in ("index.html", "ru/index.html")}
    pages, [inline] = stylesheet.join_and_purge(site, pages, SimpleNamespace(site_url="https://example.org/"), inline=True)
    [joined] = site.glob("assets/stylesheets/site.*.css")
    first, second = pages["index.html"], pages["ru/index.html"]
    assert first.split("<style>", 1)[1].split("</style>", 1)[0] == inline
    assert second.split("<style>", 1)[1].split("</style>", 1)[0] == inline
    assert inline == ("h1.title{color:red}[data-md-color-scheme=slate]{--fg:#fff}body{color:var(--fg)}"
                      ".opener{color:green}@media screen and (min-width:60em){h1.title{font-size:2em}}")
    href = f"../{joined.relative_to(site).as_posix()}"
    assert (f'<link rel="stylesheet" href="{href}" media="print" data-screen>\n'
            f'<noscript><link rel="stylesheet" href="{href}"></noscript>') in second
    assert ".no-js .md-search" not in joined.read_text()  # search works before Material's bundle runs
    assert "@media screen and (scripting:none){h1.title{color:gray}}" in joined.read_text()


MENU = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M3 6h18v2H3z"/></svg>'
SEARCH = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M9.5 3A6.5 6.5 0 0 1 16 9.5"/></svg>'


def test_online_pages_draw_their_icons_from_one_file_that_hosts_may_keep_for_ever(tmp_path):
    """Each inline icon of a page points into one file of symbols, from the page's folder (from the
    site's path on a 404 page, served at any depth); one drawing, one id, on every page. Strings in
    <style> and <script> and the downloads (files of their own) keep their SVG."""
    style = f"<style>:root{{--i:url('data:image/svg+xml,{MENU}')}}</style>"
    script = f"<script>var icon='{SEARCH}'</script>"
    page = f"<html><head>{style}</head><body><label>{MENU}</label><button>{SEARCH}</button>{script}</body></html>"
    names = ("index.html", "ru/about/index.html", "404.html", "ru/404.html", "download/report-kk.html")
    site = write(tmp_path, {name: page for name in names})
    pages = icons.from_one_file(site, {name: page for name in names}, "https://e.org/r/")
    [sprite] = site.glob("assets/images/icons.*.svg")
    roots = {"index.html": "", "ru/about/index.html": "../../", "404.html": "/r/", "ru/404.html": "/r/"}
    ids = set()
    for name, root in roots.items():
        used = re.findall(r'<svg><use href="([^"#]*)#(i[0-9a-f]{8})"/></svg>', pages[name])
        assert [href for href, _ in used] == [root + sprite.relative_to(site).as_posix()] * 2, name
        assert style in pages[name] and script in pages[name]
        ids.add(tuple(identifier for _, identifier in used))
    assert len(ids) == 1 and len(set(*ids)) == 2
    assert pages["download/report-kk.html"] == page
    symbols = BeautifulSoup(sprite.read_text(), "xml").find_all("symbol")
    assert sorted((s["id"], s["viewBox"], s.path["d"]) for s in symbols) == sorted(
        zip(*ids, ("0 0 24 24",) * 2, ("M3 6h18v2H3z", "M9.5 3A6.5 6.5 0 0 1 16 9.5")))
    headers.write(site)
    assert f"/{sprite.relative_to(site).as_posix()}\n  Cache-Control: public, max-age=31536000, immutable" in \
        (site / "_headers").read_text()


def test_the_headers_send_the_policy_with_documents_only(tmp_path):
    site = write(tmp_path, {"index.html": "", "b/index.html": "", "s/kk/1/index.html": "", "s/kk/2/index.html": "",
                            "download/report.html": "", "assets/site.0123abcd.css": "", "assets/site.css": ""})
    headers.write(site)
    text = (site / "_headers").read_text()
    assert text.startswith("/*\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n/s/*\n  "
                           "Content-Security-Policy: frame-ancestors 'none'\n")
    assert [line for line in text.splitlines() if not line.startswith(" ")] == [
        "/*", "/s/*", "/b/", "/", "/assets/site.0123abcd.css"]
    assert text.endswith("\n/assets/site.0123abcd.css\n  Cache-Control: public, max-age=31536000, immutable\n")
    nginx = (site / "_nginx.conf").read_text()  # the same rules, for nginx
    assert "set $document_content_security_policy \"frame-ancestors 'none'\";" in nginx
    assert "add_header Content-Security-Policy $document_content_security_policy always;" in nginx
    assert "location = /assets/site.0123abcd.css" in nginx


def test_text_files_get_identical_gzip_and_brotli_twins(tmp_path):
    site = write(tmp_path, {"index.html": "<p>Қазақша</p>" * 50, "assets/site.css": "a{b:c}" * 50, "card.png": "x"})
    compress.precompress(site)
    for name in ("index.html", "assets/site.css"):
        data = (site / name).read_bytes()
        assert gzip.decompress((site / f"{name}.gz").read_bytes()) == data
        assert brotli.decompress((site / f"{name}.br").read_bytes()) == data
    assert not (site / "card.png.gz").exists()


def test_first_views_are_gzipped_smaller_than_zlibs_best_and_the_downloads_quickly(tmp_path):
    """A page, the stylesheet and scripts (what a first view loads) get Zopfli's smaller gzip; the
    downloads' HTML, saved rather than opened first, zlib's quicker one."""
    text = "".join(f"<p>{n}: Қазақстан әлеуметтік желілер {n * 7919 % 1000}</p>\n" for n in range(60))
    site = write(tmp_path, {"index.html": text, "ru/about/index.html": text, "download/report.html": text,
                            "assets/javascripts/a.js": text})
    compress.precompress(site)
    zlib_best = len(gzip.compress(text.encode(), compresslevel=9, mtime=0))
    sizes = {name: len((site / f"{name}.gz").read_bytes()) for name in
             ("index.html", "ru/about/index.html", "download/report.html", "assets/javascripts/a.js")}
    assert sizes["download/report.html"] == zlib_best
    assert all(size < zlib_best for name, size in sizes.items() if name != "download/report.html"), sizes


def test_pages_lose_indentation_but_not_inside_pre():
    assert whitespace.unindent("<div>\n    <p>a</p>\n  <pre>\n    kept\n</pre>\n</div>") == \
        "<div>\n<p>a</p>\n<pre>\n    kept\n</pre>\n</div>"


def test_materials_markup_is_patched_and_a_changed_markup_stops_the_build():
    page = ('<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">'
            '<div class="md-search" data-md-component="search" role="dialog">'
            '<input type="text" class="md-search__input" name="query" aria-label="Іздеу">')
    patched = markup.named_search_dialog(markup.valid_toggles(page))
    assert 'autocomplete' not in patched and 'role="dialog" aria-label="Іздеу"' in patched
    with pytest.raises(PluginError, match="search dialog changed"):
        markup.named_search_dialog(page.replace('role="dialog"', 'role="search"'))
    with pytest.raises(PluginError, match="toggles changed"):
        markup.valid_toggles(page.replace('type="checkbox" id', 'type="checkbox" hidden id'))


def test_the_downloads_table_lists_each_file_with_its_size_and_sum(tmp_path, monkeypatch):
    made = write(tmp_path / "made", {name: name for name in listing.names(LANGUAGES)})
    write(made, {listing.SUMS: "".join(f"{listing.sha256(made / n)}  {n}\n" for n in listing.names(LANGUAGES))})
    monkeypatch.setenv("DOWNLOADS", str(made))
    language = LANGUAGES[1]
    facts = common.Context(LANGUAGES, offline=False, serve=False, downloads=made, edition="2026-01-01")
    html = listing.fill(f"## Downloads\n\n{listing.MARKER}\n", SimpleNamespace(site_url="https://e.org/r/"), language, facts)
    assert html.count("<tr>") == 1 + len(listing.names(LANGUAGES))
    assert listing.grouped(listing.sha256(made / listing.ZIP)) in html and 'href="../../download/report-offline.zip"' in html
    assert language.strings["downloads_zip"] in html


def test_downloads_that_were_not_made_stop_the_build(tmp_path, monkeypatch):
    monkeypatch.setenv("DOWNLOADS", str(tmp_path))
    with pytest.raises(PluginError, match=r"no SHA256SUMS there: make the downloads first"):
        listing.folder(str(tmp_path))


def test_every_language_entry_carries_its_own_facts(tmp_path):
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert [l.og_locale for l in LANGUAGES] == ["kk_KZ", "ru_RU", "en_US"]
    assert [l.iso639_3 for l in LANGUAGES] == ["kaz", "rus", "eng"]
    broken = tmp_path / "mkdocs.yml"
    broken.write_text(config.replace("            og_locale: ru_RU\n", ""), encoding="utf-8")
    with pytest.raises(PluginError, match="language 'ru' lacks extra.og_locale"):
        __import__("common").languages_of(broken)


def test_the_build_context_holds_the_builds_facts_each_read_once(tmp_path, monkeypatch):
    """Made once in on_config from mkdocs.yml and the environment; the steps read none of them."""
    made = write(tmp_path / "made", {listing.SUMS: ""})
    onion = "http://" + "a" * 56 + ".onion/"
    commands, run = [], subprocess.run
    monkeypatch.setattr(subprocess, "run", lambda command, **options: commands.append(command) or run(command, **options))

    def config(offline: bool) -> SimpleNamespace:
        return SimpleNamespace(site_url="https://e.org/r/", plugins={"i18n": SimpleNamespace(config=SimpleNamespace(languages=LANGUAGE_ENTRIES)),
                                        "material/offline": SimpleNamespace(config=SimpleNamespace(enabled=offline))})

    facts = pipeline.context(config(False), "build", {"DOWNLOADS": str(made), "ONION_URL": onion})
    assert (facts.languages, facts.offline, facts.serve, facts.downloads, facts.onion) == (LANGUAGES, False, False, made, onion)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", facts.edition) and [c[:2] for c in commands] == [["git", "log"]]
    given = pipeline.context(config(True), "serve", {"SOURCE_DATE_EPOCH": "1496275200", "ONION_URL": onion})
    assert (given.edition, given.serve, given.onion, given.downloads) == ("2017-06-01", True, "", None) and len(commands) == 1
    with pytest.raises(PluginError, match="ONION_URL='http://abc.onion/' is not a v3 onion service's address"):
        pipeline.context(config(False), "build", {"ONION_URL": "http://abc.onion/"})


def test_a_sum_is_set_in_eight_groups_that_read_as_one_word():
    digest = "0123456789abcdef" * 4
    code = BeautifulSoup(listing.grouped(digest), "lxml").select_one("details.sha256 > summary > code.sha256")
    assert [span.get_text() for span in code.select("span")] == [digest[i:i + 8] for i in range(0, 64, 8)]
    assert code.get_text() == digest  # copied or read by a screen reader: the sum, no spaces
