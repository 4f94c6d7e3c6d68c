"""Search in the real search box: the reader's language only, and Kazakh as people type it.

Each language's home page is opened once (online, and on file:// from the unzipped download), and
every query of that language is typed into its one search box in turn (browser.SearchBox); each
case below then asserts on its query's results.
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from browser import HOME, SearchBox, Watch, pages_of
from playwright.sync_api import expect
from project import ROOT
from tour import by_access

# (language, query): results only in the reader's language
LANGUAGE_ONLY = [("kk", "Amnesty"), ("ru", "Amnesty"), ("en", "Amnesty"), ("kk", "Кривошеев"), ("ru", "Кривошеев")]

# (language, query, a page the results must include)
FINDS = [
    # punctuation never glues to a word
    ("kk", "қоғам", "blocking/"),
    ("ru", "обществом", "ru/blocking/"),
    ("en", "society", "en/blocking/"),
    # Kazakh letters typed on a Russian keyboard
    ("kk", "Бокаев", "prosecutions/"),
    ("kk", "кукык", ""),
    ("kk", "Казакстан", "recommendations/"),
    # Latin Kazakh: 2021, 2018, 2017 and chat spellings
    ("kk", "Qazaqstan", "recommendations/"),
    ("kk", "äleumettik", ""),
    ("kk", "áleýmettik", ""),
    ("kk", "a'leumettik", ""),
    ("kk", "jeli", "may-21/"),
    ("kk", "Bokaev", "prosecutions/"),
    ("kk", "shakyrdy", ""),
    # Kazakh word forms not in the text
    ("kk", "Боқаевқа", "prosecutions/"),
    ("kk", "митингке", "may-21/"),
    ("kk", "желілерде", "may-21/"),
    # ... and verb forms: past, participle, gerund of verbs the text uses in other forms
    ("kk", "ұсталды", "prosecutions/"),
    ("kk", "сотталды", "prosecutions/"),
    ("kk", "шақырып", "recommendations/"),
    # Russian and English forms, both ways, and prefixes as the reader types
    ("ru", "задержание", "ru/may-21/"),
    ("ru", "задержанных", "ru/may-21/"),
    ("ru", "забл", "ru/blocking/"),
    ("en", "blocked", "en/blocking/"),
    ("en", "blocks", "en/blocking/"),
    ("en", "detention", "en/may-21/"),
    ("en", "restric", "en/blocking/"),
    # a name survives a one-letter slip
    ("en", "Bokayev", "en/prosecutions/"),
    ("ru", "Бокаеф", "ru/prosecutions/"),
    ("kk", "Кривошеэв", ""),
]
# Names across scripts and with a slip in Russian, and the synonyms of lunr/words.json: the page
# that holds the name or the word, in the reader's language only.
NAMES = [("ru", "Bokaev", "ru/prosecutions/"), ("ru", "Bokayev", "ru/prosecutions/"),
         ("en", "Боқаев", "en/prosecutions/"), ("en", "Бокаев", "en/prosecutions/"),
         ("en", "Кривошеев", "en/prosecutions/"), ("ru", "Krivosheev", "ru/prosecutions/"),
         ("en", "Qazaqstan", "en/blocking/"), ("ru", "Эмнести", "ru/blocking/")]
SLIPS = [("ru", "Бокоев", "ru/prosecutions/"), ("ru", "Бокоева", "ru/prosecutions/"), ("ru", "Кривошеэв", "ru/prosecutions/")]
SYNONYMS = [("ru", "арест", "ru/may-21/"), ("ru", "арестованы", "ru/may-21/"), ("en", "arrested", "en/may-21/"),
            ("kk", "қамауға алу", "may-21/"), ("kk", "қамауға", "may-21/"), ("kk", "ВПН", "blocking/"), ("kk", "блоктау", "blocking/"), ("ru", "впн", "ru/blocking/"),
            ("en", "ВПН", "en/blocking/"), ("ru", "посадили", "ru/prosecutions/"), ("kk", "түрме", "prosecutions/"),
            ("en", "jailed", "en/prosecutions/")]
# What results show: queries whose results must read right (problems of issue 14)
MARKED = [("kk", "VPN"), ("kk", "Боқаев"), ("kk", "Bokaev"), ("ru", "VPN"), ("en", "Bokaev")]
MISSING = ("kk", "Bokayev qwzx", "qwzx")  # a query, the one word of it no page holds
LINKED = [("kk", "қудалау"), ("kk", "Бокаев"), ("kk", "Amnesty"), ("ru", "преследование"), ("en", "arrested")]
NOT_ADDRESSES = [("kk", "Боқаев"), ("kk", "VPN"), ("ru", "Bokaev"), ("en", "Bokaev")]
AROUND_ADDRESSES = [("en", "QR", "#share"), ("en", "Kiwix", "#downloads")]  # the sections' own text
SHOWN = [*MARKED, MISSING[:2], *LINKED, *NOT_ADDRESSES, *(case[:2] for case in AROUND_ADDRESSES)]
OFFLINE_FINDS = FINDS + NAMES + SLIPS + SYNONYMS + [("kk", "Amnesty", "about/"), ("ru", "Amnesty", "ru/about/"), ("en", "Amnesty", "en/about/"),
                         ("ru", "Бокаеву", "ru/prosecutions/"), ("en", "Bokaev", "en/prosecutions/")]
HIGHLIGHTED = ("kk", "Боқаевқа")


def in_other_languages(locale: str, hrefs: list[str]) -> list[str]:
    if locale == "kk":
        return [h for h in hrefs if h.startswith(("ru/", "en/"))]
    return [h for h in hrefs if not h.startswith(HOME[locale])]


@pytest.fixture(scope="module")
def searched() -> dict:
    return {}


@pytest.fixture
def results(searched, access, request, browser):
    """Every query of the cases below, typed in its language's search box: {(locale, query): result
    pages}, {(locale, query): whether the first result is highlighted}, and what the tabs did."""
    if access not in searched:
        offline = access == "file"
        root = request.getfixturevalue("offline_site").as_uri() + "/" if offline else request.getfixturevalue("base_url")
        cases = [*(OFFLINE_FINDS if offline else [*LANGUAGE_ONLY, *FINDS, *NAMES, *SLIPS, *SYNONYMS]), *SHOWN]
        found, highlighted, shown = {}, {}, {}
        context = browser.new_context()
        tab = context.new_page()
        watch = Watch(tab, "file:" if offline else root.split("/sub/")[0])
        for locale in HOME:
            box = SearchBox(tab, root, locale)
            for query in dict.fromkeys(case[1] for case in cases if case[0] == locale):
                found[(locale, query)] = box(query)
                highlighted[(locale, query)] = box.first_result_is_highlighted()
                shown[(locale, query)] = box.shown()
        context.close()
        searched[access] = found, highlighted, watch, shown
    return searched[access]


ONLINE = by_access("search")[:1]
OFFLINE = by_access("search")[1:]


@pytest.mark.parametrize("locale, query", LANGUAGE_ONLY)
@pytest.mark.parametrize("access", ONLINE)
def test_results_are_in_the_readers_language_only(results, access, locale, query):
    found, _, watch, _ = results
    hrefs = found[(locale, query)]
    assert hrefs, f"nothing found for {query!r} in {locale}"
    assert in_other_languages(locale, hrefs) == []
    assert (watch.failed, watch.foreign, watch.errors) == ([], [], [])


def assert_found_in_language(results, locale: str, query: str, expected: str):
    """`expected` among the pages `query` found, and none in another language; the page's watch."""
    found, _, watch, _ = results
    hrefs = found[(locale, query)]
    assert expected in pages_of(hrefs), (query, hrefs)
    assert in_other_languages(locale, hrefs) == []
    return watch


@pytest.mark.parametrize("locale, query, expected", FINDS)
@pytest.mark.parametrize("access", ONLINE)
def test_search_finds_words_as_people_type_them(results, access, locale, query, expected):
    watch = assert_found_in_language(results, locale, query, expected)
    assert (watch.failed, watch.foreign, watch.errors) == ([], [], [])


@pytest.mark.parametrize("access", ONLINE)
def test_matches_are_highlighted_and_the_best_match_comes_first(results, access):
    found, highlighted, _, _ = results
    assert highlighted[HIGHLIGHTED]
    assert "prosecutions/" in found[HIGHLIGHTED][0]


@pytest.mark.parametrize("locale, query, expected", OFFLINE_FINDS)
@pytest.mark.parametrize("access", OFFLINE)
def test_offline_search_finds_in_the_readers_language_only(results, access, locale, query, expected):
    watch = assert_found_in_language(results, locale, query, expected)
    assert watch.foreign == []


BOTH = by_access("search")


def seen(results, locale: str, query: str) -> dict:
    """What the results of `query` showed (SearchBox.shown)."""
    return results[3][(locale, query)]


@pytest.mark.parametrize("locale, query, expected", NAMES + SLIPS + SYNONYMS)
@pytest.mark.parametrize("access", BOTH)
def test_names_in_any_script_with_a_slip_and_synonyms_find_the_page(results, access, locale, query, expected):
    watch = assert_found_in_language(results, locale, query, expected)
    assert watch.foreign == []


@pytest.mark.parametrize("locale, query", MARKED)
@pytest.mark.parametrize("access", BOTH)
def test_results_show_marked_words_and_no_pieces_of_markup(results, access, locale, query):
    shown = seen(results, locale, query)
    assert shown["marked"], (query, shown)
    pieces = [t for t in [shown["text"], *map(unquote, shown["links"])] if re.search(r"[<>]", t)]
    assert pieces == []


@pytest.mark.parametrize("access", BOTH)
def test_a_missing_word_is_shown_as_the_reader_typed_it(results, access):
    locale, query, missing = MISSING
    shown = seen(results, locale, query)
    assert "prosecutions/" in pages_of(results[0][(locale, query)])
    assert set(shown["missing"]) == {missing}, shown["missing"]


def highlighted_words(link: str) -> list[str]:
    return parse_qs(urlsplit(link).query).get("h", [""])[0].split()


@pytest.mark.parametrize("locale, query", LINKED)
@pytest.mark.parametrize("access", BOTH)
def test_result_links_name_the_words_found_never_an_internal_key(results, access, locale, query):
    links = seen(results, locale, query)["links"]
    assert links
    for link in links:
        words = highlighted_words(link)
        assert words and not any("=" in word for word in words), link


@pytest.mark.parametrize("locale, query", LINKED)
@pytest.mark.parametrize("access", BOTH)
def test_the_page_a_result_opens_shows_its_words_highlighted_on_arrival(results, access, locale, query, page):
    link = seen(results, locale, query)["links"][0]
    page.goto(link)
    marks = page.locator("article mark[data-md-highlight]")
    expect(marks.first).to_be_visible(timeout=10000)
    assert {m.lower() for m in marks.all_text_contents()} & set(highlighted_words(link)), link


@pytest.mark.parametrize("access", BOTH)
def test_an_address_with_words_to_highlight_highlights_them_on_arrival(access, request, page):
    offline = access == "file"
    root = request.getfixturevalue("offline_site").as_uri() + "/" if offline else request.getfixturevalue("base_url")
    page.goto(root + ("ru/prosecutions.html" if offline else "ru/prosecutions/") + "?h=преследован")
    expect(page.locator("article mark[data-md-highlight]").first).to_be_visible(timeout=10000)


@pytest.mark.parametrize("locale, query", NOT_ADDRESSES)
@pytest.mark.parametrize("access", BOTH)
def test_walls_of_addresses_are_not_searched(results, access, locale, query):
    links = [unquote(link) for link in seen(results, locale, query)["links"]]
    # the downloads table's section, and the share table's page (links/) or its old section (#share)
    assert [link for link in links if re.search(r"#(share|downloads)$|/links(/|\.html)(\?[^#]*)?(#.*)?$", link)] == []


@pytest.mark.parametrize("locale, query, section", AROUND_ADDRESSES)
@pytest.mark.parametrize("access", BOTH)
def test_the_sections_around_the_addresses_stay_searchable(results, access, locale, query, section):
    links = seen(results, locale, query)["links"]
    assert any(re.search(rf"/about(/|\.html)\?.*{section}$", link) for link in links), links


WORDS = ROOT / "overrides/assets/javascripts/lunr/words.json"


def test_the_worker_gets_the_names_and_synonyms_of_words_json_and_no_words_json(site):
    shipped = (site / "assets/javascripts/lunr/min/lunr.wordforms.min.js").read_text(encoding="utf-8")
    call = re.search(r"\nlunr\.wordforms\.use\((.*)\)\n$", shipped)
    assert call and json.loads(call.group(1)) == json.loads(WORDS.read_text(encoding="utf-8"))
    assert not (site / "assets/javascripts/lunr/words.json").exists()


def test_every_synonym_leads_to_a_word_of_its_languages_pages(site):
    """A synonym's target begins (less its last two letters, as an ending would change) a word of
    that language's index: never a word the pages do not use."""
    unused = []
    for locale, synonyms in json.loads(WORDS.read_text(encoding="utf-8"))["synonyms"].items():
        index = json.loads((site / HOME[locale] / "search/search_index.json").read_text(encoding="utf-8"))
        text = " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"]).lower()
        unused += [(locale, word) for word in synonyms
                   if not re.search(r"(?<!\w)" + re.escape(word.lower()[:max(4, len(word) - 2)]), text)]
    assert unused == []


WORKER_SEARCH = """([url, setup, query]) => new Promise((resolve, reject) => {
    const worker = new Worker(new URL(url, location))
    worker.addEventListener("error", event => reject(event.message))
    worker.addEventListener("message", ({data}) => data.type === 1
        ? worker.postMessage({type: 2, data: query})
        : (resolve(data.data.items.flat().map(item => item.location)), worker.terminate()))
    worker.postMessage({type: 0, data: setup})
})"""
DOCS = [{"location": "exact", "title": "а", "text": "Макс Боқаев туралы"},
        {"location": "folded", "title": "ә", "text": "Макс Бокаев туралы"},
        {"location": "latin", "title": "б", "text": "Qazaqstan turaly"},
        {"location": "cyrillic", "title": "в", "text": "Қазақстан туралы"},
        {"location": "word", "title": "г", "text": "әкімшілік қамау"},
        {"location": "synonym", "title": "д", "text": "жаппай ұстаулар"}]


@pytest.fixture(scope="module")
def worker_page(browser, base_url, site):
    """Material's own search worker, with our lunr modules, in one tab: run(query) searches DOCS."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url)
    page.locator("input.md-search__input").focus()  # search starts when the reader opens it
    worker = page.evaluate("JSON.parse(document.getElementById('__config').textContent).search")
    config = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["config"]
    setup = {"config": config, "docs": DOCS, "options": {"suggest": False}}
    yield lambda query: page.evaluate(WORKER_SEARCH, [worker, setup, query])
    context.close()


@pytest.mark.xdist_group("search-online")
@pytest.mark.parametrize("query, first", [("Боқаев", "exact"), ("Бокаев", "folded"),
                                          ("Qazaqstan", "latin"), ("Қазақстан", "cyrillic"),
                                          ("қамау", "word")])  # and the word before its synonym (ұстау)
def test_the_exact_spelling_ranks_first_when_both_forms_exist(worker_page, query, first):
    found = worker_page(query)
    assert found[0] == first, found
    assert len(found) == 2
