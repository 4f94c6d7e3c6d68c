"""The build's steps (hooks/pipeline.py), each on a small site of its own, without MkDocs."""

from __future__ import annotations

import shutil
import brotli
import gzip
from pathlib import Path
from types import SimpleNamespace

import pipeline

import pytest
from browser import header_rules
from project import LANGUAGE_ENTRIES, LANGUAGES, ROOT
from content import addresses
from downloads import listing
from mkdocs.exceptions import PluginError
from search import index
from trust import csp, headers, markup
from weight import compress, stylesheet, whitespace


DATA = Path(__file__).parent / "data"
PAGE = ('<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="{up}assets/a.css">'
        '<link rel="stylesheet" href="{up}assets/b.css"></head><body class="{classes}"><script>{script}</script></body></html>')


def write(site: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    return site


def finish(written: Path, root: Path, onion: str = "") -> Path:
    """The finishing steps of hooks/pipeline.py, run as the build runs them, on a copy of `written`
    (a site as MkDocs and mkdocs-static-i18n leave it: data/written/) in a project at `root`."""
    site = shutil.copytree(written, root / "site")
    shutil.copy(DATA / addresses.LIST, root / addresses.LIST)
    config = SimpleNamespace(site_dir=str(site), config_file_path=str(root / "mkdocs.yml"), site_url="https://e.org/r/",
                             use_directory_urls=True, plugins={
                                 "i18n": SimpleNamespace(building=False, config=SimpleNamespace(languages=LANGUAGE_ENTRIES)),
                                 "material/offline": SimpleNamespace(config=SimpleNamespace(enabled=False))})
    pipeline._build = pipeline.Build(serve=False, offline=False, onion=onion, published=addresses.read(root))
    pipeline.on_post_build(config)
    return site


def test_the_finishing_steps_leave_pages_final_secured_listed_and_compressed(tmp_path):
    """Each step needs what an earlier one made: the headers join the policies the CSP step put in
    the pages, the purge keeps what the final pages use, and the twins are of the final files."""
    site = finish(DATA / "written", tmp_path)
    pages = sorted(site.rglob("*.html"))
    policies = [headers.CSP_META.search(page.read_text(encoding="utf-8")).group(1) for page in pages]
    rules = dict(header_rules((site / "_headers").read_text(encoding="utf-8")))["/*"]
    sent = headers.parse_policy(dict(rules)["Content-Security-Policy"])
    for policy in map(headers.parse_policy, policies):
        assert set(policy["script-src"]) <= set(sent["script-src"])
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


def test_pages_get_their_policy_and_downloads_keep_their_own(tmp_path):
    own = '<html><head><meta http-equiv="Content-Security-Policy" content="default-src \'none\'"></head></html>'
    site = write(tmp_path, {"index.html": PAGE.format(up="", classes="", script="run()"), "download/report.html": own})
    csp.secure_pages(site)
    page = (site / "index.html").read_text()
    assert page.count("Content-Security-Policy") == 1 and csp.source_hash("run()") in page
    assert (site / "download/report.html").read_text() == own
    write(site, {"broken.html": "<p>no head</p>"})
    with pytest.raises(PluginError, match="broken.html has no <head>"):
        csp.secure_pages(site)


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
                            "assets/a.css": ".used{color:red}.unused{color:blue}", "assets/b.css": ".added{color:green}",
                            "assets/stylesheets/.keep": ""})
    stylesheet.join_and_purge(site, SimpleNamespace(site_url="https://example.org/"))
    [joined] = site.glob("assets/stylesheets/site.*.css")
    assert joined.read_text() == ".used{color:red}\n.added{color:green}"
    assert f'href="../{joined.relative_to(site).as_posix()}"' in (site / "ru/index.html").read_text()
    assert not (site / "assets/a.css").exists()


def test_the_headers_join_the_policies_of_every_page(tmp_path):
    policy = '<html><head><meta http-equiv="Content-Security-Policy" content="script-src \'self\' {}"></head></html>'
    site = write(tmp_path, {"a.html": policy.format("'sha256-A'"), "b/index.html": policy.format("'sha256-B'"),
                            "assets/site.0123abcd.css": "", "assets/site.css": ""})
    headers.write(site)
    text = (site / "_headers").read_text()
    assert "script-src 'self' 'sha256-A' 'sha256-B'; frame-ancestors 'none'" in text
    assert "  X-Content-Type-Options: nosniff" in text
    assert text.endswith("\n/assets/site.0123abcd.css\n  Cache-Control: public, max-age=31536000, immutable\n")
    nginx = (site / "_nginx.conf").read_text()  # the same rules, for nginx
    assert "'sha256-A' 'sha256-B'; frame-ancestors 'none'\" always;" in nginx and "location = /assets/site.0123abcd.css" in nginx


def test_text_files_get_identical_gzip_and_brotli_twins(tmp_path):
    site = write(tmp_path, {"index.html": "<p>Қазақша</p>" * 50, "assets/site.css": "a{b:c}" * 50, "card.png": "x"})
    compress.precompress(site)
    for name in ("index.html", "assets/site.css"):
        data = (site / name).read_bytes()
        assert gzip.decompress((site / f"{name}.gz").read_bytes()) == data
        assert brotli.decompress((site / f"{name}.br").read_bytes()) == data
    assert not (site / "card.png.gz").exists()


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
    config = SimpleNamespace(plugins={"i18n": SimpleNamespace(current_language=language.locale,
                                                              config=SimpleNamespace(languages=[]))})
    monkeypatch.setattr("common.current", lambda _: language)
    monkeypatch.setattr("common.languages", lambda _: LANGUAGES)
    html = listing.fill(f"## Downloads\n\n{listing.MARKER}\n", config, offline=False)
    assert html.count("<tr>") == 1 + len(listing.names(LANGUAGES))
    assert listing.sha256(made / listing.ZIP) in html and 'href="../../download/report-offline.zip"' in html
    assert language.strings["downloads_zip"] in html


def test_downloads_that_were_not_made_stop_the_build(tmp_path, monkeypatch):
    monkeypatch.setenv("DOWNLOADS", str(tmp_path))
    with pytest.raises(PluginError, match=r"no SHA256SUMS there: make the downloads first"):
        listing.folder()


def test_every_language_entry_carries_its_own_facts(tmp_path):
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert [l.og_locale for l in LANGUAGES] == ["kk_KZ", "ru_RU", "en_US"]
    assert [l.iso639_3 for l in LANGUAGES] == ["kaz", "rus", "eng"]
    broken = tmp_path / "mkdocs.yml"
    broken.write_text(config.replace("            og_locale: ru_RU\n", ""), encoding="utf-8")
    with pytest.raises(PluginError, match="language 'ru' lacks extra.og_locale"):
        __import__("common").languages_of(broken)
