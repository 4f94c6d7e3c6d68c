"""One ZIM file per language for Kiwix (hooks/downloads/zim.py), read back by libzim, checked by
Debian's zimcheck, served by Debian's kiwix-serve and opened in Chromium.

The ZIMs are those of the build (site/download/), written by the downloads step from its
file:// build, which the tests read back from the offline zip; zimcheck and kiwix-serve come
from Debian (`make system-packages`): when they are missing, these tests fail.
"""

from __future__ import annotations

import io
import posixpath
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

import lxml.html
import pytest
from browser import Watch, pages_of, search
from project import LANGUAGES, LOCALES, ROOT
from downloads import zim
from libzim.reader import Archive
from mkdocs.utils.yaml import yaml_load

import common
from PIL import Image

ICON = ROOT / "docs/assets/favicon.svg"
PROJECT = zim.PROJECT
SITE_URL = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
BOOK = "report-{}"  # the file's name without .zim, which is the book's name in kiwix-serve


def source_date() -> str:
    return common.edition_date()


@pytest.fixture(scope="session")
def languages() -> dict[str, common.Language]:
    return {language.locale: language for language in LANGUAGES}


@pytest.fixture(scope="session")
def offline_build(offline_site):
    """The offline (file://) build the ZIMs were packed from: the unzipped download."""
    return offline_site


def metadata_for(locale: str, languages) -> zim.ZimMetadata:
    language = languages[locale]
    return zim.language_metadata(language, source=urllib.parse.urljoin(SITE_URL, language.home),
                                 date=source_date(), illustration=ICON)


def write_all(site, languages, folder) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    for locale in LOCALES:
        zim.write_zim(site, locale, metadata_for(locale, languages), folder / f"{BOOK.format(locale)}.zim")
    return {locale: folder / f"{BOOK.format(locale)}.zim" for locale in LOCALES}


@pytest.fixture(scope="session")
def zims(site) -> dict:
    """The three ZIMs of the build, by locale."""
    return {locale: site / "download" / f"{BOOK.format(locale)}.zim" for locale in LOCALES}


def entries(archive: Archive) -> dict[str, object]:
    """Every user entry of the archive (not metadata or indexes), by path."""
    found = {}
    for number in range(archive.entry_count):
        entry = archive._get_entry_by_id(number)
        found[entry.path] = entry
    return found


def pages_in_site(site, locale: str) -> list[str]:
    """The offline build's pages of `locale` (its <html lang>, with a canonical address)."""
    found = []
    for path in sorted(site.rglob("*.html")):
        tree = lxml.html.fromstring(path.read_bytes())
        if tree.get("lang") == locale and tree.xpath("//head/link[@rel='canonical']"):
            found.append(path.relative_to(site).as_posix())
    return found


def page_tree(archive: Archive, path: str):
    return lxml.html.fromstring(bytes(archive.get_entry_by_path(path).get_item().content))


# -- the files themselves --------------------------------------------------------------------

def test_libzim_finds_every_zim_sound(zims, languages):
    for locale, path in zims.items():
        archive = Archive(path)
        assert archive.check(), path
        assert archive.has_fulltext_index and archive.has_title_index, path
        assert archive.main_entry.get_item().path == languages[locale].home + "index.html"


def test_zimcheck_passes_every_check(zims):
    # Every check but -I (integrity): Debian's zimcheck 3.1.3 is built on libzim 8.1, which
    # rejects the header that libzim 9 writes ("Full Title index table outside (or not fully
    # inside) ZIM file", openzim/zim-tools#484); Archive.check() above covers integrity.
    failures = []
    for path in zims.values():
        result = subprocess.run(["zimcheck", "-C", "-0", "-M", "-F", "-P", "-R", "-U", "-X", "-L", "-D", str(path)],
                                capture_output=True, text=True)
        if result.returncode != 0 or "Overall Test Status: Pass" not in result.stdout:
            failures.append(f"{path.name}: {result.stdout[-2000:]}{result.stderr[-500:]}")
    assert failures == []


def test_metadata_follow_openzims_rules(zims, languages):
    failures = []
    for locale, path in zims.items():
        archive, language = Archive(path), languages[locale]
        values = {name: archive.get_metadata(name).decode("utf-8") for name in archive.metadata_keys
                  if not name.startswith("Illustration")}
        title, description = values["Title"], values["Description"]
        expected = {"Name": f"{PROJECT}_{locale}_all", "Language": language.iso639_3, "Date": source_date(),
                    "Source": urllib.parse.urljoin(SITE_URL, language.home), "LongDescription": language.site_description,
                    "Creator": language.site_name, "Publisher": language.site_name,
                    "Title": language.zim["title"], "Description": language.zim["description"]}
        failures += [f"{locale} {name}: {values.get(name)!r} != {value!r}" for name, value in expected.items()
                     if values.get(name) != value]
        assert f"_{locale}_" in values["Name"] and values["Name"] == values["Name"].lower()
        for name, text, limit in (("Title", title, 30), ("Description", description, 80)):
            if not 1 <= zim.text_length(text) <= limit:
                failures.append(f"{locale} {name} has {zim.text_length(text)} characters: {text!r}")
        if zim.text_length(values["LongDescription"]) < zim.text_length(description):
            failures.append(f"{locale}: LongDescription shorter than Description")
        if "_ftindex:yes" not in values["Tags"].split(";"):
            failures.append(f"{locale}: Tags {values['Tags']!r} lack _ftindex:yes")
        for name in values:
            if name != "Counter" and archive.get_metadata_item(name).mimetype != "text/plain;charset=utf-8":
                failures.append(f"{locale} {name}: {archive.get_metadata_item(name).mimetype}")
        assert archive.has_illustration(48) and "Illustration_48x48@1" in archive.metadata_keys
        icon = Image.open(io.BytesIO(bytes(archive.get_illustration_item(48).content)))
        assert (icon.format, icon.size) == ("PNG", (48, 48))
    assert failures == []


def test_two_writes_give_identical_bytes(zims, offline_build, languages, tmp_path):
    again = write_all(offline_build, languages, tmp_path / "again")
    assert {l: again[l].read_bytes() == zims[l].read_bytes() for l in LOCALES} == {l: True for l in LOCALES}


def test_each_zim_holds_its_own_language(zims, offline_build, languages):
    failures = []
    for locale, path in zims.items():
        archive, home = Archive(path), languages[locale].home
        paths = set(entries(archive))
        pages = {p for p in paths if p.endswith(".html")}
        if pages != set(pages_in_site(offline_build, locale)):
            failures.append(f"{locale}: pages {sorted(pages)}")
        for name in ("search/search_index.json", "search/search_index.js"):
            if home + name not in paths:
                failures.append(f"{locale}: lacks its search index {home + name}")
        if elsewhere := [p for p in paths if p.endswith("search_index.json") and p != home + "search/search_index.json"]:
            failures.append(f"{locale}: carries other languages' search indexes {elsewhere}")
        if left := [p for p in paths if "sitemap" in p or p == "404.html" or p.endswith("notfound.js")]:
            failures.append(f"{locale}: carries {left}")
        modules = {p for p in paths if p.startswith("assets/javascripts/lunr/")}
        if f"assets/javascripts/lunr/min/lunr.{locale}.min.js" not in modules and locale != "en":
            failures.append(f"{locale}: lacks its lunr module ({sorted(modules)})")
        for page in pages:
            if page_tree(archive, page).xpath("//meta[@http-equiv='Content-Security-Policy']"):
                failures.append(f"{locale} {page}: carries a CSP of its own (the reader's governs)")
    assert failures == []


def test_language_links_lead_to_the_online_pages(zims):
    failures = []
    for locale, path in zims.items():
        archive = Archive(path)
        for page in (p for p in entries(archive) if p.endswith(".html")):
            tree = page_tree(archive, page)
            online = {link.get("hreflang"): link.get("href")
                      for link in tree.xpath("//head/link[@rel='alternate'][@hreflang]")}
            if not all(address.startswith("https://") for address in online.values()) or set(online) < set(LOCALES):
                failures.append(f"{locale} {page}: alternates {online}")
            for link in tree.xpath("//a[contains(concat(' ', @class, ' '), ' md-select__link ')][@hreflang]"):
                language, href = link.get("hreflang"), link.get("href")
                wanted = posixpath.basename(page) if language == locale else online.get(language)
                if href != wanted:
                    failures.append(f"{locale} {page}: the {language} link is {href!r}, not {wanted!r}")
    assert failures == []


# -- bad input -------------------------------------------------------------------------------

def test_invalid_metadata_are_refused_naming_the_file(offline_build, languages, tmp_path):
    target = tmp_path / "bad.zim"
    bad = zim.ZimMetadata(**{**metadata_for("kk", languages).__dict__, "title": languages["kk"].site_name,
                             "language": "kk"})
    with pytest.raises(zim.ZimError) as raised:
        zim.write_zim(offline_build, "kk", bad, target)
    message = str(raised.value)
    assert str(target) in message
    assert f"title has 31 characters, must have 1 to 30: {languages['kk'].site_name!r}" in message
    assert "language must be ISO 639-3 codes (kaz, rus, eng), not 'kk'" in message
    assert not target.exists()


def test_an_unwritable_target_is_an_error_naming_it(offline_build, languages, tmp_path):
    target = tmp_path / "no-such-folder" / "report-kk.zim"
    with pytest.raises(zim.ZimError, match=re.escape(str(target))) as raised:
        zim.write_zim(offline_build, "kk", metadata_for("kk", languages), target)
    assert "libzim could not write it" in str(raised.value)


def test_a_link_to_a_missing_file_is_an_error_naming_page_and_link(offline_build, languages, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(offline_build, site)
    stylesheet = next(site.glob("assets/stylesheets/*.css"))
    stylesheet.unlink()
    target = tmp_path / "report-ru.zim"
    with pytest.raises(zim.ZimError) as raised:
        zim.write_zim(site, "ru", metadata_for("ru", languages), target)
    assert str(raised.value).startswith(f"{target}: ru/about.html links to '../assets/stylesheets/{stylesheet.name}', "
                                        "which the ZIM lacks")


def test_a_language_without_pages_is_an_error(offline_build, languages, tmp_path):
    metadata = zim.ZimMetadata(**{**metadata_for("en", languages).__dict__, "language": "deu"})
    with pytest.raises(zim.ZimError, match="no page in language 'de'"):
        zim.write_zim(offline_build, "de", metadata, tmp_path / "report-de.zim")


# -- in Kiwix --------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def kiwix(zims):
    """Debian's kiwix-serve on 127.0.0.1, serving the three ZIMs: its address."""
    port = free_port()
    server = subprocess.Popen(["kiwix-serve", "--address=127.0.0.1", f"--port={port}",
                               *(str(zims[l]) for l in LOCALES)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    address = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 10
    while True:
        try:
            urllib.request.urlopen(address + "/", timeout=1).close()
            break
        except OSError:
            assert server.poll() is None, server.stderr.read().decode()
            assert time.monotonic() < deadline, "kiwix-serve did not answer within 10 s"
            time.sleep(0.05)
    yield address
    server.terminate()
    server.wait(timeout=10)


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_kiwix_serve_serves_every_entry(zims, kiwix):
    failures = []
    for locale, path in zims.items():
        for entry in entries(Archive(path)):
            status, _ = get(f"{kiwix}/{BOOK.format(locale)}/{urllib.parse.quote(entry)}")
            if status != 200:
                failures.append(f"{status} {BOOK.format(locale)}/{entry}")
    assert failures == []


def words(text: str) -> set[str]:
    # Letters only; no й or ё, which Debian's libzim 8.1 readers do not find in a libzim 9 index.
    return {w for w in re.findall(r"[^\W\d_]{5,}", text) if not re.search("[йЙёЁ]", w)}


def test_kiwix_search_finds_every_page_by_a_word_of_its_own(zims, kiwix):
    failures = []
    for locale, path in zims.items():
        archive = Archive(path)
        texts = {}
        for page in (p for p in entries(archive) if p.endswith(".html")):
            article = page_tree(archive, page).xpath("//article")[0]
            texts[page] = words(article.text_content())
        for page, own in sorted(texts.items()):
            unique = sorted(own - set().union(*(t for p, t in texts.items() if p != page)), key=lambda w: (-len(w), w))
            if not unique:
                failures.append(f"{locale} {page}: no word of its own")
                continue
            query = urllib.parse.urlencode({"content": BOOK.format(locale), "pattern": unique[0]})
            status, body = get(f"{kiwix}/search?{query}")
            found = lxml.html.fromstring(body).xpath("//div[@class='results']//a/@href") if status == 200 else []
            if f"/{BOOK.format(locale)}/{page}" not in found:
                failures.append(f"{locale}: searching {unique[0]!r} gave {status} {found}, not {page}")
    assert failures == []


@pytest.fixture
def tab(browser):
    context = browser.new_context()
    # CSP violations, also those that the console would not show.
    context.add_init_script("window.__violations = [];"
                            "document.addEventListener('securitypolicyviolation', e =>"
                            " window.__violations.push(e.violatedDirective + ' ' + e.blockedURI))")
    yield context.new_page()
    context.close()


def test_every_page_opens_cleanly_in_chromium_through_kiwix_serve(zims, kiwix, tab):
    failures = []
    watch = Watch(tab, kiwix)
    for locale, path in zims.items():
        for page in sorted(p for p in entries(Archive(path)) if p.endswith(".html")):
            tab.goto(f"{kiwix}/{BOOK.format(locale)}/{page}", wait_until="networkidle")
            violations = tab.evaluate("window.__violations")
            for kind, found in (("console error", watch.errors), ("request failed", watch.failed),
                                ("request outside the ZIM", watch.foreign), ("CSP violation", violations)):
                failures += [f"{locale} {page}: {kind}: {item}" for item in found]
            for found in (watch.errors, watch.failed, watch.foreign):
                found.clear()
    assert failures == []


def test_our_search_box_finds_kazakh_word_forms_inside_the_kazakh_zim(zims, kiwix, tab):
    # "Боқаевқа" (to Bokaev) is not in the text, which has "Боқаев" and "Боқаевты": Kiwix's own
    # search, without a Kazakh stemmer, finds only the forms in the text; our lunr.kk finds this.
    results = search(tab, f"{kiwix}/{BOOK.format('kk')}/", "kk", "Боқаевқа")
    assert "prosecutions.html" in pages_of(results)
