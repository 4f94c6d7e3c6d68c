"""Search in the real search box: the reader's language only, and Kazakh as people type it."""

from __future__ import annotations

import re

import pytest
from browser import HOME, Watch, pages_of, search
from playwright.sync_api import expect

@pytest.mark.parametrize("locale, query", [("kk", "Amnesty"), ("ru", "Amnesty"), ("en", "Amnesty"),
                                           ("kk", "Кривошеев"), ("ru", "Кривошеев")])
def test_results_are_in_the_readers_language_only(page, base_url, locale, query):
    watch = Watch(page, base_url.split("/sub/")[0])
    hrefs = search(page, base_url, locale, query)
    assert hrefs, f"nothing found for {query!r} in {locale}"
    others = [h for h in hrefs if any(h.startswith(HOME[o]) for o in HOME if o != locale and HOME[o])]
    if locale == "kk":
        others = [h for h in hrefs if h.startswith(("ru/", "en/"))]
    else:
        others += [h for h in hrefs if not h.startswith(HOME[locale])]
    assert others == []
    assert (watch.failed, watch.foreign, watch.errors) == ([], [], [])


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


@pytest.mark.parametrize("locale, query, expected", FINDS)
def test_search_finds_words_as_people_type_them(page, base_url, locale, query, expected):
    hrefs = search(page, base_url, locale, query)
    assert expected in pages_of(hrefs), (query, hrefs)


def test_matches_are_highlighted_and_the_best_match_comes_first(page, base_url):
    search(page, base_url, "kk", "Боқаевқа")
    first = page.locator(".md-search-result__item").first
    expect(first.locator("mark").first).to_be_visible()
    assert "prosecutions/" in first.locator("a").first.get_attribute("href")


@pytest.fixture
def offline_page(browser, offline_site):
    """A tab on the file:// build with every network request blocked and counted."""
    context = browser.new_context()
    tab = context.new_page()
    tab.blocked = []
    context.route(re.compile(r"^(?!file:|data:|blob:|about:)"), lambda route: (tab.blocked.append(route.request.url), route.abort()))
    yield tab, offline_site.as_uri() + "/"
    context.close()


@pytest.mark.parametrize("locale, query, expected", FINDS + [("kk", "Amnesty", "about/"), ("ru", "Amnesty", "ru/about/"), ("en", "Amnesty", "en/about/")])
def test_offline_search_finds_in_the_readers_language_only(offline_page, locale, query, expected):
    page, root = offline_page
    hrefs = search(page, root, locale, query)
    assert expected in pages_of(hrefs), (query, hrefs)
    prefix = HOME[locale]
    wrong = [h for h in hrefs if (h.startswith(("ru/", "en/")) if locale == "kk" else not h.startswith(prefix))]
    assert wrong == []
    assert page.blocked == []


def worker_search(page, base_url: str, config: dict, docs: list[dict], query: str) -> list[str]:
    """Material's own search worker, with our lunr modules, on a few documents of our own."""
    page.goto(base_url)
    page.locator("input.md-search__input").focus()  # search starts when the reader opens it
    worker = page.evaluate("JSON.parse(document.getElementById('__config').textContent).search")
    return page.evaluate("""([url, setup, query]) => new Promise((resolve, reject) => {
        const worker = new Worker(new URL(url, location))
        worker.addEventListener("error", event => reject(event.message))
        worker.addEventListener("message", ({data}) => data.type === 1
            ? worker.postMessage({type: 2, data: query})
            : resolve(data.data.items.flat().map(item => item.location)))
        worker.postMessage({type: 0, data: setup})
    })""", [worker, {"config": config, "docs": docs, "options": {"suggest": False}}, query])


@pytest.mark.parametrize("query, first", [("Боқаев", "exact"), ("Бокаев", "folded"),
                                          ("Qazaqstan", "latin"), ("Қазақстан", "cyrillic")])
def test_the_exact_spelling_ranks_first_when_both_forms_exist(page, base_url, site, query, first):
    import json
    config = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["config"]
    docs = [{"location": "exact", "title": "а", "text": "Макс Боқаев туралы"},
            {"location": "folded", "title": "ә", "text": "Макс Бокаев туралы"},
            {"location": "latin", "title": "б", "text": "Qazaqstan turaly"},
            {"location": "cyrillic", "title": "в", "text": "Қазақстан туралы"}]
    found = worker_search(page, base_url, config, docs, query)
    assert found[0] == first, found
    assert len(found) == 2
