"""Links for campaigns: previews, the sitemap, copy buttons, the share table's QR codes, the 404 page, kept addresses."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path


import pytest
from bs4 import BeautifulSoup
from browser import Watch, serve
from project import LANGUAGES, LOCALES, ROOT, build_site, copy_project
from mkdocs.utils.yaml import yaml_load
from PIL import Image
from playwright.sync_api import expect

from content import addresses
from sharing import share

CONFIG = yaml_load((ROOT / "mkdocs.yml").open(encoding="utf-8"))
SITE_URL = CONFIG["site_url"]
NAV = [Path(name).stem for name in CONFIG["nav"]]
TABLE = Path(share.PAGE).stem  # the share table's page, in every language: "links"
I18N = next(p["i18n"] for p in CONFIG["plugins"] if isinstance(p, dict) and "i18n" in p)
STRINGS = {l["locale"]: (l.get("extra") or {}).get("strings") or CONFIG["extra"]["strings"] for l in I18N["languages"]}
OG_LOCALES = {language.locale: language.og_locale for language in LANGUAGES}
XHTML = "{http://www.w3.org/1999/xhtml}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def address(locale: str, name: str) -> str:
    return ("" if locale == LOCALES[0] else f"{locale}/") + ("" if name == "index" else f"{name}/")


def meta(soup, key: str) -> list[str]:
    return [tag["content"] for tag in soup.find_all("meta", attrs={"property": key})] or \
           [tag["content"] for tag in soup.find_all("meta", attrs={"name": key})]


# --- share previews ---------------------------------------------------------------------------

def test_every_page_describes_itself_for_link_previews(pages):
    failures = []
    for page in pages:
        soup = page.soup()
        url = SITE_URL + page.url
        title = soup.select_one("article h1").contents[0].strip()
        description = meta(soup, "description")[0]
        site_name = soup.select_one(".md-header__topic .md-ellipsis").get_text(strip=True)
        image = f"{SITE_URL}assets/cards/{page.locale}-{page.name}.png"
        expected = {
            "og:type": ["website" if page.name == "index" else "article"],
            "og:title": [title], "og:description": [description], "og:url": [url], "og:site_name": [site_name],
            "og:locale": [OG_LOCALES[page.locale]],
            "og:locale:alternate": [OG_LOCALES[l] for l in LOCALES if l != page.locale],
            "og:image": [image], "og:image:width": ["1200"], "og:image:height": ["630"],
            "og:image:alt": [f"{title} — {site_name}"],
            "twitter:card": ["summary_large_image"], "twitter:title": [title],
            "twitter:description": [description], "twitter:image": [image],
        }
        found = {key: meta(soup, key) for key in expected}
        if found != expected:
            failures.append((page.url, {k: v for k, v in found.items() if v != expected[k]}))
        links = {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')}
        translations = {l: SITE_URL + address(l, page.name) for l in LOCALES}
        if links != {**translations, "x-default": translations[LOCALES[0]]}:
            failures.append((page.url, "hreflang", links))
        if soup.select_one('link[rel="canonical"]')["href"] != url:
            failures.append((page.url, "canonical"))
    assert failures == []


def test_every_preview_image_is_a_1200_by_630_png(pages):
    failures = []
    for page in pages:
        image_url = meta(page.soup(), "og:image")[0]
        assert image_url.startswith(SITE_URL)
        with Image.open(page.site / image_url.removeprefix(SITE_URL)) as image:
            if (image.format, image.size) != ("PNG", (1200, 630)):
                failures.append((page.url, image.format, image.size))
    assert failures == []


# --- sitemap ----------------------------------------------------------------------------------

def test_the_sitemap_lists_every_page_with_its_three_languages(site, pages):
    root = ET.parse(site / "sitemap.xml").getroot()
    listed = {url.findtext(f"{SITEMAP}loc"): {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")}
              for url in root.iter(f"{SITEMAP}url")}
    expected = {SITE_URL + page.url: {l: SITE_URL + address(l, page.name) for l in LOCALES} for page in pages}
    assert listed == expected


# --- copy buttons and the share table ---------------------------------------------------------

def test_every_section_heading_has_a_copy_button_with_its_absolute_address(pages):
    failures = []
    for page in pages:
        for heading in page.soup().select("article :is(h2, h3, h4, h5, h6)[id]"):
            button = heading.select_one("button.share-copy")
            expected = f"{SITE_URL}{page.url}#{heading['id']}"
            if button is None or button.get("type") != "button" or button.get("data-share-url") != expected \
                    or button.get("aria-label") != STRINGS[page.locale]["share_copy_section"]:
                failures.append((page.url, heading["id"], button))
    assert failures == []


def test_the_share_table_links_every_section_in_every_language_in_nav_order(pages):
    by_address = {(p.locale, p.name): p for p in pages}
    sections = [(name, h2["id"]) for name in NAV for h2 in by_address[(LOCALES[0], name)].soup().select("article h2[id]")]
    expected = [f"{SITE_URL}{address(l, name)}#{section}" for name, section in sections for l in LOCALES]
    failures = []
    for locale in LOCALES:
        table = by_address[(locale, TABLE)].soup().select_one("article details.share-details:not([open]) table.share-table")
        cells = table.select("tbody td")
        links = [cell.a["href"] for cell in cells]
        if links != expected:
            failures.append((locale, "links", links))
        headers = [th.get_text(strip=True) for th in table.select("thead th")]
        if headers != [STRINGS[locale]["share_section"], *(l["name"] for l in I18N["languages"])]:
            failures.append((locale, "headers", headers))
        for cell in cells:
            href = cell.a["href"]
            qr = cell.select_one("img.share-qr[loading=lazy]")
            if cell.button.get("data-share-url") != href or not cell.button["aria-label"].startswith(STRINGS[locale]["share_copy"]) \
                    or qr is None or qr["alt"] != f"{STRINGS[locale]['share_qr']}: {cell.select_one('a.share-short')['href']}":
                failures.append((locale, href))
    assert failures == []


def test_the_share_table_has_a_page_of_its_own_last_in_the_nav_linked_from_the_about_page_and_every_footer(pages):
    """The about pages keep their `share` section (a published address), which now links the table's
    page in its language; every page's footer links it too; no other page carries the table."""
    assert NAV[-1] == TABLE and (ROOT / "docs" / LOCALES[0] / share.PAGE).is_file()
    failures = []
    for page in pages:
        soup = page.soup()
        target = (page.site / address(page.locale, TABLE)).resolve()
        footer = soup.select_one(".md-footer-meta .md-copyright a.footer-links")
        if footer is None or (page.path.parent / footer["href"]).resolve() != target:
            failures.append((page.url, "footer", footer))
        if (soup.select_one("table.share-table") is not None) != (page.name == TABLE):
            failures.append((page.url, "table"))
        if page.name == "about":
            links = soup.select_one("h2#share").find_next_sibling("p").select("a[href]")
            if [(page.path.parent / a["href"]).resolve() for a in links] != [target]:
                failures.append((page.url, "share section", links))
    assert failures == []


@pytest.mark.parametrize("locale", LOCALES)
def test_the_offline_copy_shares_the_online_addresses(site, offline_site, locale):
    """A campaigner copying a link from the unzipped download gets the address published online."""
    online = BeautifulSoup((site / address(locale, TABLE) / "index.html").read_text(encoding="utf-8"), "lxml")
    offline = BeautifulSoup((offline_site / ("" if locale == LOCALES[0] else f"{locale}/") / f"{TABLE}.html")
                            .read_text(encoding="utf-8"), "lxml")
    for soup in (online, offline):
        assert soup.find("link", rel="canonical")["href"] == SITE_URL + address(locale, TABLE)
    shared = [[tag["data-share-url"] for tag in soup.select("[data-share-url]")] for soup in (online, offline)]
    assert shared[0] == shared[1] and len(shared[0]) > 10
    assert [tag["href"] for tag in offline.select("link[hreflang]")] == [tag["href"] for tag in online.select("link[hreflang]")]


@pytest.mark.parametrize("locale", LOCALES)
def test_a_copy_button_copies_the_section_address_and_confirms_in_the_page_language(browser, base_url, locale):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    tab.goto(base_url + address(locale, "prosecutions"))
    button = tab.locator("#bokaev-ayan").get_by_role("button", name=STRINGS[locale]["share_copy_section"])
    button.focus()
    tab.keyboard.press("Enter")
    expect(tab.get_by_role("status")).to_have_text(STRINGS[locale]["share_copied"])
    assert tab.evaluate("navigator.clipboard.readText()") == f"{SITE_URL}{address(locale, 'prosecutions')}#bokaev-ayan"

    tab.goto(base_url + address(locale, TABLE))
    tab.get_by_text(STRINGS[locale]["share_open"]).click()
    cell = tab.locator(".share-table td").last
    cell.get_by_role("button").click()
    expect(tab.get_by_role("status")).to_have_text(STRINGS[locale]["share_copied"])
    assert tab.evaluate("navigator.clipboard.readText()") == cell.get_by_role("link").first.get_attribute("href")
    context.close()


@pytest.mark.parametrize("locale", LOCALES)
def test_share_table_qr_codes_decode_to_the_short_address_beneath_them(browser, base_url, tmp_path, locale):
    context = browser.new_context(device_scale_factor=2)
    tab = context.new_page()
    tab.goto(base_url + address(locale, TABLE))
    tab.get_by_text(STRINGS[locale]["share_open"]).click()
    cells = tab.locator(".share-table td")
    for index in (0, cells.count() // 2, cells.count() - 1):
        cell = cells.nth(index)
        png = tmp_path / f"{index}.png"
        qr = cell.locator("img.share-qr")
        qr.scroll_into_view_if_needed()  # loaded lazily
        tab.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=qr.element_handle())
        qr.screenshot(path=png)
        decoded = subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True, check=True)
        assert decoded.stdout.strip() == cell.locator("a.share-short").get_attribute("href")
    context.close()


# --- the 404 page -----------------------------------------------------------------------------

MOVED = {"old-cases/": "prosecutions/", "ru/old-cases/": "ru/prosecutions/", "en/old-cases/": "en/prosecutions/"}


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory):
    """One more whole build, served at http://127.0.0.1/sub/path/: for site_url with a path (404.html
    links from it), and with pages moved: redirect_maps (tests/site/data) keeps their published addresses."""
    project = copy_project(tmp_path_factory.mktemp("sub-path-project") / "project")
    config = project / "mkdocs.yml"
    maps = (Path(__file__).parent / "data/share-redirect-maps.yml").read_text(encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8").replace("      redirect_maps: {}\n", maps), encoding="utf-8")
    with (project / addresses.LIST).open("a", encoding="utf-8") as listed:
        listed.write("".join(f"{old}\n" for old in MOVED))
    target = tmp_path_factory.mktemp("sub-path-site")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITE_URL", "http://127.0.0.1/sub/path/")
        result = build_site(project, target, downloads=False)  # the site alone: the downloads are the main build's
    assert result.returncode == 0, result.stderr
    with serve(target, "sub/path") as url:
        yield target, url


def open_missing(tab, site: Path, url: str):
    """Open `url` as a host does an address it has no file for: it answers 404 with 404.html."""
    tab.route(url, lambda route: route.fulfill(status=404, path=site / "404.html", content_type="text/html"))
    return tab.goto(url)


@pytest.mark.xdist_group("sub-path-site")
def test_the_404_page_speaks_three_languages_and_links_the_three_home_pages(page, sub_path_site):
    site, url = sub_path_site
    origin = url.split("/sub/")[0]
    watch = Watch(page, origin)
    assert open_missing(page, site, url + "nothing-like-this-here/").status == 404
    for locale in LOCALES:
        notice = page.locator(f'section.notfound[lang="{locale}"]')
        expect(notice.get_by_role("heading")).to_have_text(STRINGS[locale]["not_found"])
        home = notice.get_by_role("link", name=STRINGS[locale]["not_found_home"])
        expect(home).to_have_attribute("href", "/sub/path/" + address(locale, "index"))
        expect(notice.locator(".notfound__moved")).to_be_hidden()
    page.get_by_role("link", name=STRINGS["ru"]["not_found_home"]).click()
    expect(page).to_have_url(url + "ru/")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    # The one failure is the missing address itself, which Chromium also logs; every asset of the 404 page loads.
    assert watch.failed == [f"404 {url}nothing-like-this-here/"]
    assert watch.errors == ["Failed to load resource: the server responded with a status of 404 (Not Found)"]
    assert watch.foreign == []


@pytest.mark.xdist_group("sub-path-site")
@pytest.mark.parametrize("missing, locale, name", [
    ("ru/Prosecutions.html", "ru", "prosecutions"),
    ("kk/blocking/", "kk", "blocking"),
    ("en/may21/", "en", "may-21"),
    ("old/section/recommendations/", "kk", "recommendations"),
])
def test_the_404_page_links_the_page_a_missing_address_looks_like(page, sub_path_site, missing, locale, name):
    site, url = sub_path_site
    open_missing(page, site, url + missing)
    title = yaml_load((ROOT / "docs" / locale / f"{name}.md").read_text(encoding="utf-8").split("---")[1])["title"]
    for notice in LOCALES:
        line = page.locator(f'section.notfound[lang="{notice}"] .notfound__moved')
        expect(line).to_be_visible()
        expect(line).to_contain_text(STRINGS[notice]["not_found_moved"])
        link = line.get_by_role("link", name=title)
        expect(link).to_have_attribute("href", "/sub/path/" + address(locale, name))
        expect(link).to_have_attribute("lang", locale)


# --- published addresses ----------------------------------------------------------------------

def test_every_page_is_in_the_published_addresses(pages):
    """Pages, and the short addresses of their sections (tests/check/test_addresses.py), are all listed."""
    assert sorted(page.url or "./" for page in pages) == sorted(addresses.read(ROOT).pages)


def test_the_build_refuses_a_published_address_that_leads_nowhere(tmp_path):
    project = copy_project(tmp_path / "project")
    with (project / addresses.LIST).open("a", encoding="utf-8") as listed:
        listed.write("ru/old-cases/\nold-cases/\n")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert ("published-addresses.txt: these published addresses lead nowhere: ru/old-cases/, old-cases/; "
            "restore the page, or add a redirect to mkdocs.yml's redirect_maps (see README)") in result.stderr


@pytest.mark.xdist_group("sub-path-site")
def test_a_redirect_keeps_a_moved_address_in_every_language(sub_path_site):
    site, _ = sub_path_site
    for old, new in MOVED.items():
        refresh = BeautifulSoup((site / old / "index.html").read_text(encoding="utf-8"), "lxml").select_one('meta[http-equiv="refresh"]')
        target = refresh["content"].split("url=", 1)[1]
        assert (site / old / target).resolve() == (site / new).resolve(), (old, target)


@pytest.mark.xdist_group("sub-path-site")
def test_a_redirect_keeps_a_moved_address_and_its_section(page, sub_path_site):
    """Under the page policy (served with the site's `_headers`), a shared link to a section of a
    moved page still lands on that section: the redirect's one declared script keeps the #section."""
    _, url = sub_path_site
    page.goto(url + "ru/old-cases/#bokaev-ayan")
    page.wait_for_url(url + "ru/prosecutions/#bokaev-ayan")
    page.goto(url + "old-cases/")
    page.wait_for_url(url + "prosecutions/")
