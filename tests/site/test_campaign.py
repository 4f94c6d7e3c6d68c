"""The campaign kit: each section handed to a messenger or the system's share sheet, short
addresses for print (QR codes encode them), dates under every title, the language's downloads in
every footer. In all three languages."""

from __future__ import annotations

import copy
import io
import re
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
import segno
from browser import Watch
from bs4 import BeautifulSoup
from project import LANGUAGES, LOCALES, ROOT, pdf_text
from mkdocs.utils.yaml import yaml_load
from playwright.sync_api import expect

import common
from content import addresses, dates
from sharing import share

CONFIG = yaml_load((ROOT / "mkdocs.yml").open(encoding="utf-8"))
SITE_URL = CONFIG["site_url"]
NAV = [Path(name).stem for name in CONFIG["nav"]]
TABLE = Path(share.PAGE).stem  # the share table's page: "links"
STRINGS = {language.locale: language.strings for language in LANGUAGES}
HOME = {language.locale: language.home for language in LANGUAGES}
EDITION = common.edition_date()


def page_path(locale: str, name: str) -> str:
    return HOME[locale] + ("" if name == "index" else f"{name}/")


def soup_of(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "lxml")


def sections(site: Path) -> list[tuple[str, str]]:
    """(page name, section ID) of every `##` section, in nav order, from the default language."""
    return [(name, h2["id"]) for name in NAV for h2 in soup_of(site, page_path(LOCALES[0], name)).select("article h2[id]")]


# --- share a section -----------------------------------------------------------------------------

def heading_words(heading) -> str:
    """A heading's text as a reader sees it: without its permalink sign, buttons or footnote marks."""
    heading = copy.copy(heading)
    for part in heading.select("a.headerlink, button, sup"):
        part.decompose()
    return heading.get_text().strip()


def share_links(menu) -> dict[str, dict[str, list[str]]]:
    """A share menu's links by their text: each target's decoded query (a mailto:'s too)."""
    found = {}
    for link in menu.select("a"):
        href = link["href"]
        assert href.isascii() and " " not in href, href  # percent-encoded whole
        found[link.get_text(strip=True)] = {"target": [href.split("?")[0]],
                                            **parse_qs(urlsplit(href).query, keep_blank_values=True)}
    return found


REPORT = {language.locale: language.site_name for language in LANGUAGES}  # the report's name in each language
QUOTED = {"kk": "«{}»", "ru": "«{}»", "en": "“{}”"}


def shared_text(locale: str, section: str) -> str:
    """What a shared section says it is: its title, the report's name and year."""
    return f"{section} — {QUOTED[locale].format(REPORT[locale])} (Amnesty International, 2017)"


def test_every_section_has_share_links_with_its_title_and_address_in_its_language(pages):
    """Telegram, WhatsApp and e-mail, each with the section's title, the report's name and year, and
    the section's full online address."""
    failures, count = [], 0
    for page in pages:
        for heading in page.soup().select("article :is(h2, h3, h4, h5, h6)[id]"):
            count += 1
            strings = STRINGS[page.locale]
            title, url = shared_text(page.locale, heading_words(heading)), f"{SITE_URL}{page.url}#{heading['id']}"
            menu = heading.find_next_sibling()
            expected = {"Telegram": {"target": ["https://t.me/share/url"], "url": [url], "text": [title]},
                        "WhatsApp": {"target": ["https://wa.me/"], "text": [f"{title}\n{url}"]},
                        strings["share_email"]: {"target": ["mailto:"], "subject": [title], "body": [url]}}
            if menu is None or menu.name != "details" or "share-menu" not in menu["class"] \
                    or menu.summary.get_text(strip=True) != strings["share"] or share_links(menu) != expected \
                    or any(a.get("rel") != ["noreferrer"] for a in menu.select("a")):
                failures.append((page.url, heading["id"], menu and share_links(menu)))
    assert count > len(pages) and failures == []


@pytest.mark.parametrize("locale, text", [
    ("kk", "Макс Боқаев пен Талғат Аянның ісі — «Жазба жарияламастан бұрын ойлан» (Amnesty International, 2017)"),
    ("ru", "Дело Макса Бокаева и Талгата Аяна — «Подумай, прежде чем публиковать» (Amnesty International, 2017)"),
    ("en", "The case of Maks Bokaev and Talgat Ayan — “Think before you post” (Amnesty International, 2017)")])
def test_a_shared_section_says_what_it_is_not_its_title_alone(site, locale, text):
    """A messenger's text and an e-mail's subject name the section, the report in the page's language
    (as the site names it) and its year: "Report" alone reads as spam."""
    links = share_links(soup_of(site, page_path(locale, "prosecutions")).find(id="bokaev-ayan").find_next_sibling())
    assert links["Telegram"]["text"] == [text]
    assert links[STRINGS[locale]["share_email"]]["subject"] == [text]
    assert links["WhatsApp"]["text"][0].startswith(text + "\n")


@pytest.mark.parametrize("locale", LOCALES)
def test_the_offline_copys_share_links_carry_the_online_address(site, offline_site, locale):
    online = soup_of(site, page_path(locale, "prosecutions")).select(".share-menu a")
    offline = BeautifulSoup((offline_site / HOME[locale] / "prosecutions.html").read_text(encoding="utf-8"),
                            "lxml").select(".share-menu a")
    assert [a["href"] for a in offline] == [a["href"] for a in online] and len(online) >= 6
    assert f"url={quote(SITE_URL, safe='')}" in online[0]["href"]


@pytest.mark.parametrize("locale", LOCALES)
def test_the_share_links_stay_out_of_search(site, locale):
    """On every page, not in the search index: or every section would be found by "Telegram"."""
    index = (site / HOME[locale] / "search/search_index.json").read_text(encoding="utf-8")
    assert soup_of(site, page_path(locale, "prosecutions")).select('.share-menu a[href^="https://wa.me/"]')
    assert "WhatsApp" not in index and STRINGS[locale]["share_email"] not in index


WEB_SHARE = "navigator.share = async data => { window.shared = [...(window.shared || []), data] }"
NO_WEB_SHARE = "delete Navigator.prototype.share"


def section_tab(browser, base_url: str, locale: str, script: str, **options):
    """A tab on the prosecutions page with `script` run before the page's, and what it sends out."""
    context = browser.new_context(**options)
    context.add_init_script(script)
    tab = context.new_page()
    watch = Watch(tab, base_url.split("/sub/")[0])
    tab.goto(base_url + page_path(locale, "prosecutions"))
    return tab, watch


@pytest.mark.parametrize("locale", LOCALES)
def test_where_the_web_share_api_is_a_button_beside_the_copy_button_hands_it_the_section(site, browser, base_url, locale):
    tab, watch = section_tab(browser, base_url, locale, WEB_SHARE)
    heading = tab.locator("h2#bokaev-ayan")
    expect(tab.locator("details.share-menu")).to_have_count(0)  # the plain links give way
    heading.get_by_role("button", name=STRINGS[locale]["share_copy_section"]).focus()
    tab.keyboard.press("Tab")
    expect(heading.get_by_role("button", name=STRINGS[locale]["share"])).to_be_focused()
    tab.keyboard.press("Enter")
    tab.wait_for_function("window.shared")
    title = shared_text(locale, heading_words(soup_of(site, page_path(locale, "prosecutions")).find(id="bokaev-ayan")))
    assert tab.evaluate("window.shared") == [{"title": title, "text": title,
                                              "url": f"{SITE_URL}{page_path(locale, 'prosecutions')}#bokaev-ayan"}]
    assert watch.foreign == [] and watch.errors == []
    tab.context.close()


@pytest.mark.parametrize("locale", LOCALES)
def test_without_the_web_share_api_the_plain_links_open_from_the_keyboard_and_nothing_leaves_until_one_is_followed(
        browser, base_url, locale):
    tab, watch = section_tab(browser, base_url, locale, NO_WEB_SHARE)
    heading = tab.locator("h2#bokaev-ayan")
    expect(tab.locator("button.share-native")).to_have_count(0)
    heading.get_by_role("button", name=STRINGS[locale]["share_copy_section"]).focus()
    tab.keyboard.press("Tab")
    summary = tab.locator("h2#bokaev-ayan + details.share-menu > summary")
    expect(summary).to_be_focused()
    expect(summary).to_have_text(STRINGS[locale]["share"])
    tab.keyboard.press("Enter")
    links = tab.locator("h2#bokaev-ayan + details.share-menu a")
    expect(links).to_have_text(["Telegram", "WhatsApp", STRINGS[locale]["share_email"]])
    tab.keyboard.press("Tab")
    expect(links.first).to_be_focused()
    assert watch.foreign == []
    with tab.expect_request(lambda request: request.url.startswith("https://t.me/share/url?")):
        tab.keyboard.press("Enter")  # followed: now, and only now, the request leaves
    tab.context.close()


def test_without_scripts_the_share_links_are_there_with_their_words(browser, base_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    tab = context.new_page()
    for locale in LOCALES:
        tab.goto(base_url + page_path(locale, "prosecutions"))
        summary = tab.locator("h2#bokaev-ayan + details.share-menu > summary")
        expect(summary).to_have_text(STRINGS[locale]["share"])
        summary.click()
        for words in ("Telegram", "WhatsApp", STRINGS[locale]["share_email"]):
            expect(tab.locator("h2#bokaev-ayan + details.share-menu").get_by_role("link", name=words)).to_be_visible()
        expect(tab.locator("button.share-native")).to_have_count(0)
    context.close()


# --- short addresses ----------------------------------------------------------------------------

@pytest.mark.parametrize("locale", LOCALES)
def test_every_section_has_its_declared_short_address_that_leads_to_it(site, locale):
    """Numbers come from published-addresses.txt (tests/check/test_addresses.py), the same in every language."""
    declared = addresses.read(ROOT)
    found = sections(site)
    assert len(found) > 10
    for name, section_id in found:
        number = declared.short(page_path(LOCALES[0], name), section_id).number
        shown = declared.short(page_path(locale, name), section_id)
        assert shown.path == f"s/{locale}/{number}/"
        soup = soup_of(site, shown.path)
        target = f"../../../{page_path(locale, name)}#{section_id}"
        refresh = soup.find("meta", attrs={"http-equiv": "refresh"})["content"]
        assert refresh == f"0; url={target}", (locale, number)
        assert soup.p.a["href"] == target and soup.html["lang"] == locale
        assert soup.find("link", rel="canonical")["href"] == f"{SITE_URL}{page_path(locale, name)}#{section_id}"
        # the target exists: the page and the heading
        assert soup_of(site, page_path(locale, name)).find(id=section_id) is not None
        assert soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"}) is not None  # CSP step ran
    assert sorted(p.parent.name for p in (site / f"s/{locale}").glob("*/index.html")) == sorted(
        str(s.number) for s in declared.shorts if s.locale == locale)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_share_tables_qr_codes_encode_the_short_address_printed_beneath(site, locale):
    table = soup_of(site, page_path(locale, TABLE)).select_one("table.share-table")
    declared = addresses.read(ROOT)
    cells = table.select("tbody td")
    assert len(cells) == len(sections(site)) * len(LOCALES)
    for index, cell in enumerate(cells):
        name, section_id = sections(site)[index // len(LOCALES)]
        language = LOCALES[index % len(LOCALES)]
        shown = cell.select_one("a.share-short")
        assert shown["href"] == shown.get_text(strip=True) == SITE_URL + declared.short(page_path(language, name), section_id).path
        assert cell.img["alt"].endswith(shown["href"])
    for cell in (cells[0], cells[len(cells) // 2], cells[-1]):  # each SVG is segno's code of the short address
        svg = (site / HOME[locale] / TABLE / cell.img["src"]).resolve().read_bytes()
        made = io.BytesIO()
        segno.make(cell.select_one("a.share-short")["href"], error="m", micro=False).save(
            made, kind="svg", border=4, omitsize=True, dark="#000", light="#fff", xmldecl=False)
        assert svg == made.getvalue()


# --- the share table, tidied ------------------------------------------------------------------------

PHONE = {"width": 360, "height": 740}
# 24 rows (6 pages, 18 sections), each a title of up to two lines over one line of 24-pixel targets:
# about 80 pixels a row, so the open list stays within three phone screens (main's table: 12,985 px).
PHONE_LIST_HEIGHT = 3 * PHONE["height"]
WIDER_THAN_PHONE = """details => [...details.querySelectorAll("*")].filter(e => {
  const box = e.getBoundingClientRect()
  return box.width > 0 && (box.right > innerWidth || box.width > innerWidth)
}).map(e => e.outerHTML.slice(0, 80))"""


@pytest.mark.parametrize("locale", LOCALES)
def test_on_a_phone_the_share_table_reads_as_a_list_of_sections_with_their_languages(browser, base_url, locale):
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    tab.goto(base_url + page_path(locale, TABLE))
    details = tab.locator("details.share-details")
    details.locator("summary").click()
    rows = tab.locator(".share-table tbody tr:not(.share-table__group)")
    expect(rows.first.locator("th")).to_be_visible()
    assert details.evaluate(WIDER_THAN_PHONE) == []
    assert details.bounding_box()["height"] <= PHONE_LIST_HEIGHT
    names = [language.name for language in LANGUAGES]
    for index in (0, rows.count() - 1):  # per section its title, then its languages by name, on one line
        links = rows.nth(index).locator("td a:visible")
        assert [links.nth(i).inner_text() for i in range(links.count())] == names  # the words shown
        assert len({round(links.nth(i).bounding_box()["y"]) for i in range(len(names))}) == 1
    expect(tab.locator(".share-table :is(thead, img.share-qr, a.share-short):visible")).to_have_count(0)
    context.close()


def pdf_pages(pdf: Path) -> list[str]:
    """Each page's text as laid out (`pdftotext -layout`), its lines stripped, empty ones dropped."""
    text = pdf_text(pdf, "-layout")
    return [[line.strip() for line in page.splitlines() if line.strip()] for page in text.split("\f")[:-1]]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("locale", LOCALES)
def test_the_pdfs_first_page_holds_the_title_and_the_start_of_the_text(site, locale):
    first = flat(" ".join(pdf_pages(site / f"download/report-{locale}.pdf")[0]))
    lead = soup_of(site, page_path(locale, "index")).select_one("article p.lead").get_text()
    assert STRINGS[locale]["download_contents"] in first
    assert next(l for l in LANGUAGES if l.locale == locale).site_name in first and flat(lead)[:60] in first


def share_table_sheets(site: Path, locale: str) -> tuple[list[list[str]], int, int]:
    """The campaigner's PDF's pages, and the first and last page of its share table (its caption; its last code)."""
    pages = pdf_pages(site / f"download/links-{locale}.pdf")
    name, section_id = sections(site)[-1]
    last_short = addresses.read(ROOT).short(page_path(locale, name), section_id).path
    start = next(n for n, lines in enumerate(pages) if STRINGS[locale]["share_caption"] in " ".join(lines))
    return pages, start, next(n for n, lines in enumerate(pages) if any(last_short in line for line in lines))


@pytest.mark.parametrize("locale", LOCALES)
def test_the_campaigners_pdf_is_the_share_table_under_its_heading_from_the_first_sheet(site, locale):
    pages, start, end = share_table_sheets(site, locale)
    heading = heading_words(soup_of(site, page_path(locale, TABLE)).select_one("article h1"))  # the page's title
    assert heading in pages[0] and start == 0, pages[0]
    assert end == len(pages) - 1 <= 7  # a few sections a sheet


@pytest.mark.parametrize("locale", LOCALES)
def test_in_the_campaigners_pdf_no_page_row_of_the_share_table_is_left_at_a_pages_foot(site, locale):
    pages, start, end = share_table_sheets(site, locale)
    groups = {flat(th.get_text()) for th in soup_of(site, page_path(locale, TABLE)).select("th.share-table__page")}
    feet = {n + 1: lines[-2] for n, lines in enumerate(pages[start:end + 1], start=start)}  # the last is the page number
    assert {n: foot for n, foot in feet.items() if foot in groups} == {}


# --- dates and downloads on every page ------------------------------------------------------------

@pytest.mark.parametrize("locale", LOCALES)
def test_every_page_shows_the_briefings_date_and_the_editions_under_its_title(site, locale):
    expected = {"2017-02-09": dates.human("2017-02-09", STRINGS[locale]), EDITION: dates.human(EDITION, STRINGS[locale])}
    for name in NAV:
        soup = soup_of(site, page_path(locale, name))
        line = soup.select_one("article h1 + p.page-dates")
        assert line is not None, name
        events = {"2016": "2016"} if name in ("prosecutions", "may-21") else {}
        assert {t["datetime"]: t.get_text() for t in line.find_all("time")} == expected | events, name
        assert STRINGS[locale]["download_edition"] in line.select_one(".page-dates__edition").get_text(), name


@pytest.mark.parametrize("locale", LOCALES)
def test_every_pages_footer_links_the_languages_pdf_and_single_file_html(site, locale):
    for name in NAV:
        path = page_path(locale, name)
        links = soup_of(site, path).select("footer .md-copyright .footer-downloads a")
        hrefs = [a["href"] for a in links]
        assert [h.rsplit("/", 1)[-1] for h in hrefs] == [f"report-{locale}.pdf", f"report-{locale}.html"], (name, hrefs)
        for href in hrefs:
            assert (site / path / href).resolve().is_file(), (name, href)


# --- the flyer ------------------------------------------------------------------------------------

def topic_pages(locale: str) -> list[tuple[str, str]]:
    """(title, description) of the topic pages: every page of the nav but the home, about and links pages."""
    from content.sources import read_page
    docs = ROOT / "docs" / locale
    return [(meta["title"], meta["description"]) for meta in
            (read_page(docs / f"{name}.md", docs).meta for name in NAV if name not in ("index", "about", TABLE))]


@pytest.mark.parametrize("locale", LOCALES)
def test_the_flyer_is_one_a4_page_with_every_topic_and_the_dates(site, locale):
    pdf = site / f"download/flyer-{locale}.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M) and "(A4)" in info
    text = " ".join(pdf_text(pdf).split())
    language = next(l for l in LANGUAGES if l.locale == locale)
    assert language.site_name in text
    for title, _ in topic_pages(locale):
        assert title in text, title
    assert dates.human("2017-02-09", STRINGS[locale]) in text and dates.human(EDITION, STRINGS[locale]) in text
    assert SITE_URL + HOME[locale] in text
    if locale == "kk":
        assert set("әғқңөұүі") <= set(text.lower())  # the Kazakh letters came through as text


@pytest.mark.parametrize("locale", LOCALES)
def test_the_flyers_qr_codes_decode_to_the_short_addresses_printed_beside_them(site, tmp_path, locale):
    pdf = site / f"download/flyer-{locale}.pdf"
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(pdf), str(tmp_path / "flyer")], check=True)
    decoded = subprocess.run(["zbarimg", "--quiet", "--raw", str(tmp_path / "flyer.png")],
                             capture_output=True, text=True, check=True).stdout.split()
    text = pdf_text(pdf)
    printed = re.findall(rf"{re.escape(SITE_URL)}s/{locale}/\d+/", text)
    assert len(printed) == len(topic_pages(locale)) and sorted(decoded) == sorted(printed)
    for address in printed:  # each leads to a page of the site
        assert (site / address.removeprefix(SITE_URL) / "index.html").is_file()


@pytest.mark.parametrize("locale", LOCALES)
def test_the_flyers_fonts_are_embedded(site, locale):
    fonts = subprocess.run(["pdffonts", str(site / f"download/flyer-{locale}.pdf")],
                           capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts


def test_the_flyers_are_listed_and_summed(site):
    sums = (site / "download/SHA256SUMS").read_text(encoding="utf-8")
    for locale in LOCALES:
        assert f"  flyer-{locale}.pdf\n" in sums
        about = soup_of(site, page_path(locale, "about"))
        assert about.select_one(f'a[href$="download/flyer-{locale}.pdf"]') is not None


def test_the_flyer_is_reproducible(site, tmp_path, monkeypatch):
    """The same commit gives the same bytes: printed again here, it equals the build's."""
    from downloads import flyer
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(common.source_date_epoch()))
    language = LANGUAGES[0]
    flyer.write(language, CONFIG["nav"], SITE_URL, EDITION, tmp_path / "again.pdf")
    assert (tmp_path / "again.pdf").read_bytes() == (site / f"download/flyer-{language.locale}.pdf").read_bytes()


# --- pages printed from the browser -----------------------------------------------------------------

def printed(browser, url: str, pdf: Path) -> list[str]:
    """The page at `url` printed by Chromium (print media, A4): each sheet's text."""
    tab = browser.new_page()
    tab.goto(url)
    tab.pdf(path=str(pdf), format="A4")
    tab.close()
    return pdf_text(pdf).split("\f")[:-1]


@pytest.mark.parametrize("locale", LOCALES)
def test_a_printed_page_has_no_navigation_or_buttons_and_its_address_and_date_on_every_sheet(browser, base_url, tmp_path, locale):
    strings = STRINGS[locale]
    for name in ("about", TABLE, "prosecutions"):
        pages = printed(browser, base_url + page_path(locale, name), tmp_path / f"{locale}-{name}.pdf")
        address = f"{SITE_URL}{page_path(locale, name)}"
        edition = f"{strings['download_edition']}: {dates.human(EDITION, strings)}"
        for number, text in enumerate(pages, start=1):
            flat = " ".join(text.split())
            assert address in flat and edition in flat, (name, number)
        whole = " ".join(" ".join(pages).split())
        for hidden in (strings["share_open"], strings["footer_downloads"], strings["share_copy_section"]):
            assert hidden not in whole, (name, hidden)


@pytest.mark.parametrize("locale", LOCALES)
def test_a_printed_page_has_no_near_empty_sheet(browser, base_url, tmp_path, locale):
    for name in ("about", TABLE):
        pages = printed(browser, base_url + page_path(locale, name), tmp_path / f"{name}.pdf")
        assert [len(text.split()) for text in pages[:-1] if len(text.split()) <= 40] == [], name
