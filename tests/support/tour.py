"""One visit of every built HTML file, in one colour scheme, that records all the tests ask of it.

Online (the site served from a sub-path, with the headers of `_headers`) or from the unzipped
download on file://, light or dark, Chromium reads each file once, waiting for its load event
and for its requests to end (no `networkidle`), and notes:
- every request that failed or got a 4xx/5xx answer, went to another host, or (online) left the
  sub-path; console errors and uncaught exceptions; CSP violations (the `securitypolicyviolation`
  event and Chromium's console reports); cookies and stored keys, at the end;
- axe-core's WCAG 2.2 A/AA violations (axe is injected as an init script, which the pages' CSP
  does not govern, so the pages run under their real policy);
- on each page of the site: its language, its title and logo shown, the colour scheme; online:
  no horizontal scrolling at 360 pixels, and a light first view that leaves search and Material's
  bundle for later;
- on each home page: the search dialog opened with "/" and named in the page's language, results
  (axe checks the open dialog too), Escape, the palette toggle there and back, and the language
  switcher to the next language's home page.
A check that fails is noted and the visit goes on: each test asserts its own part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browser import HOME, InFlight, is_failure
from project import CONFIG, ROOT
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

REDIRECT = re.compile(r'<meta http-equiv="refresh"', re.I)


def readable(site: Path) -> list[Path]:
    """Every HTML file a tour reads: not the redirect stubs (short addresses), which
    test_campaign.py follows each to its page."""
    return [p for p in sorted(site.rglob("*.html")) if not REDIRECT.search(p.read_text(encoding="utf-8"))]

AXE = ROOT / "node_modules/axe-core/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme: Material's scheme
SEARCH = ("search_index.json", "/workers/search.", "/lunr/")
# What waits until the reader opens search or the share table, or first reaches for the page.
LATER = (*SEARCH, "/assets/qr/", "/javascripts/bundle.")
# The first view's bytes from a gzip host: the page and all it loads before `load`, bodies and
# response headers. The budget is 40,000 bytes, which `make bench` checks on every page served by
# nginx; this test's bound is generous, as tests hold: Material's bundle (34 kB gzip) back in the
# first view, or today's 1.8 kB policy header on every response of a first view that loads Material's
# bundle, fails here (the pages of 30 November 2026: 73,533-77,592).
FIRST_VIEW_BYTES = 52_000
MATERIAL_PREFERENCES = {"__palette"}  # Material's own local-storage keys, after the scope path
RECORD_VIOLATIONS = """
window.__violations = [];
addEventListener("securitypolicyviolation",
  e => window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI} in ${e.sourceFile}:${e.lineNumber}`), true);
"""
PAGE_STATE = """() => {
  const shown = selector => {
    const element = document.querySelector(selector)
    const box = element && element.getBoundingClientRect()
    return !!element && box.width > 0 && box.height > 0 && element.checkVisibility({visibilityProperty: true})
  }
  return {lang: document.documentElement.lang, title: shown("article h1"),
          logo: shown(".md-header__button.md-logo"), scheme: document.body.dataset.mdColorScheme}
}"""
# axe reads the stylesheets again with XMLHttpRequest, which file:// refuses (and Chromium logs):
# on file:// it checks without them (the same stylesheets are read online).
RUN_AXE = """async tags => {
  await Promise.all(document.getAnimations().map(a => a.finished))
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
                                          preload: location.protocol !== "file:"})
  return result.violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(" "))}))
}"""
WIDTH_AT = """() => new Promise(resolve => requestAnimationFrame(() => resolve(document.documentElement.scrollWidth)))"""


@dataclass
class Tour:
    access: str
    scheme: str
    loaded: int = 0
    read_only: int = 0  # files read for requests leaving the site and CSP alone: redirect stubs, `unserved`
    axe_views: int = 0
    failed: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    stored: list[str] = field(default_factory=list)
    axe: list[tuple] = field(default_factory=list)
    rendered: list[tuple] = field(default_factory=list)  # (scheme, page, problem)
    fit: list[tuple] = field(default_factory=list)
    first_view: list[tuple] = field(default_factory=list)
    search_dialog: dict[str, list[str]] = field(default_factory=dict)  # locale: problems
    home_switch: list[tuple] = field(default_factory=list)
    palette: list[tuple] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)  # how many times each kind of check ran


def noted(problems: list, *where):
    """A context manager noting a failed check (an assertion, a timeout) in `problems`."""
    class Note:
        def __enter__(self):
            return self

        def __exit__(self, kind, error, trace):
            if kind is not None and issubclass(kind, (AssertionError, PlaywrightError)):
                lines = [line.strip() for line in str(error).strip().splitlines() if line.strip()]
                problems.append((*where, " | ".join(lines[:3]) if lines else kind.__name__))
                return True
            return False
    return Note()


def until(tab, predicate: str, arg=None, timeout: float = 5000) -> None:
    """Wait, frame by frame, until `predicate(arg)` holds in the page."""
    tab.wait_for_function(predicate, arg=arg, polling="raf", timeout=timeout)


def on_the_wire(site: Path, sub_path: str, urls: list[str]) -> int:
    """Bytes a gzip host sends for these files (their .gz twins)."""
    total = 0
    for url in urls:
        path = site / unquote(urlsplit(url).path)[len(sub_path):]
        path = path / "index.html" if path.is_dir() else path
        twin = path.with_name(path.name + ".gz")
        total += (twin if twin.is_file() else path).stat().st_size
    return total


def take(browser, scheme: str, site: Path, root: str, pages: dict[Path, tuple[str, str]],
         search_names: dict[str, str], not_found: str | None = None, unserved: tuple[Path, ...] = ()) -> Tour:
    """Visit every HTML file of `site` at `root` in the colour scheme the reader's system prefers,
    "light" or "dark" (see the module's docstring).

    `pages`: the site's pages (path: (locale, name)); `search_names`: the search box's name in each
    language; `not_found`: online, where the 404 pages (`404.html`, `ru/404.html`) are served (their
    links are absolute from site_url);
    `unserved`: files no reader opens there, read for requests leaving the site and CSP alone.
    """
    online = root.startswith("http")
    tour = Tour("online" if online else "file://", scheme)
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(root)) if online else "file:"
    sub_path = urlsplit(root).path if online else ""
    homes = {path: locale for path, (locale, name) in pages.items() if name == "index"}
    for key in ("rendered", "fit", "first view", "search dialog", "palette", "home switch"):
        tour.checked[key] = 0

    def address(path: Path) -> str:
        relative = path.relative_to(site).as_posix()
        if not online:
            return root + relative
        if path.name == "404.html" and not_found is not None:
            return not_found + relative
        return root + relative.removesuffix("index.html")

    expected_scheme = SCHEMES[scheme]
    context = browser.new_context(color_scheme=scheme)
    context.add_init_script(RECORD_VIOLATIONS)
    context.add_init_script(path=str(AXE))
    flight = InFlight(context)
    tab = context.new_page()
    visit: dict = {"url": "", "requests": [], "sent": [], "anywhere": False}

    def on_request(request):
        url = request.url
        visit["requests"].append(url)
        visit["sent"].append(request)
        if not url.startswith((origin, "data:", "blob:", "about:")):
            tour.foreign.append(url)
        elif online and not url.startswith(root) and not visit["anywhere"]:
            tour.failed.append(f"outside the sub-path: {url} (from {visit['url']})")

    # What an unserved file fails to load is no failure (its CSP still counts), whenever the event
    # arrives: told by the page it comes from, not by when it comes.
    unserved_pages = {address(path) for path in unserved}
    context.on("request", on_request)
    context.on("requestfailed", lambda r: is_failure(r) and r.frame.url not in unserved_pages
               and tour.failed.append(f"{r.failure} {r.url}"))
    context.on("response", lambda r: r.status >= 400 and r.frame.url not in unserved_pages
               and tour.failed.append(f"{r.status} {r.url}"))
    tab.on("console", lambda m: (m.type == "error" and tab.url not in unserved_pages
                                 and tour.errors.append(f"{tab.url}: {m.text}"),
                                 re.search(r"Content[ -]Security[ -]Policy", m.text, re.I)
                                 and tour.violations.append(f"{tab.url}: {m.text}")))
    tab.on("pageerror", lambda e: tab.url not in unserved_pages and tour.errors.append(f"{tab.url}: {e}"))

    def read_violations() -> None:
        try:
            tour.violations.extend(f"{tab.url}: {v}" for v in tab.evaluate("window.__violations || []"))
        except PlaywrightError as error:  # a page that moved on (a redirect stub)
            tour.violations.append(f"{tab.url}: could not be read ({error})")

    def run_axe(label: str) -> None:
        tour.axe.extend((scheme, label, v) for v in tab.evaluate(RUN_AXE, AXE_TAGS))
        tour.axe_views += 1

    for path in readable(site):
        url = address(path)
        label = path.relative_to(site).as_posix()
        visit.update(url=url, requests=[], sent=[], anywhere=path.name == "404.html")
        with noted(tour.rendered, scheme, label, "load"):
            tab.goto(url, wait_until="load")
            flight.settle(tab)
            tour.loaded += 1
        if path in unserved or re.search(r'<meta[^>]+http-equiv="?refresh', path.read_text(encoding="utf-8"), re.I):
            read_violations()
            tour.read_only += 1
            continue  # a redirect stub moves on: its target is read on its own
        if path in pages:
            locale, name = pages[path]
            with noted(tour.rendered, scheme, label):
                state = tab.evaluate(PAGE_STATE)
                expected = {"lang": locale, "title": True, "logo": True, "scheme": expected_scheme}
                assert state == expected, f"{state} is not {expected}"
            tour.checked["rendered"] += 1
            if online:
                with noted(tour.first_view, scheme, label):
                    later = [u for u in visit["requests"] if any(s in u for s in LATER)]
                    assert later == [], f"loaded before the reader asked: {later}"
                    ours = [r for r in visit["sent"] if r.url.startswith(root)]
                    weight = on_the_wire(site, sub_path, [r.url for r in ours]) + sum(
                        r.sizes()["responseHeadersSize"] for r in ours)
                    assert weight < FIRST_VIEW_BYTES, f"{weight} bytes on the wire, headers included"
                    assert tab.workers == [], "a worker runs before search is opened"
                tour.checked["first view"] += 1
        with noted(tour.axe, scheme, label, "axe"):
            run_axe(label)
        if online and path in pages:
            with noted(tour.fit, scheme, label):
                tab.set_viewport_size({"width": 360, "height": 740})
                width = tab.evaluate(WIDTH_AT)
                tab.set_viewport_size({"width": 1280, "height": 720})
                assert width <= 360, f"{width} pixels wide on a 360-pixel phone"
            tour.checked["fit"] += 1
        if path in homes:
            home(tour, tab, flight, scheme, homes[path], root, online, search_names, visit["requests"],
                 read_violations, run_axe)
        else:
            read_violations()

    tour.stored += [f"cookie {c['name']} ({c['domain']})" for c in context.cookies()]
    keys = tab.evaluate("[...Object.keys(localStorage), ...Object.keys(sessionStorage)]")
    # Material's scope: mkdocs.yml's extra.scope ("/": one inline script on every page), else the sub-path
    scopes = {CONFIG["extra"].get("scope"), urlsplit(root).path, urlsplit(not_found or root).path} - {None}
    tour.stored += [key for key in keys if not any(key.startswith(scope + ".") and key[len(scope) + 1:]
                                                   in MATERIAL_PREFERENCES for scope in scopes)]
    context.close()
    return tour


def home(tour: Tour, tab, flight: InFlight, scheme: str, locale: str, root: str, online: bool,
         search_names: dict[str, str], requests: list[str], read_violations, run_axe) -> None:
    """On a home page: search from the keyboard, the palette there and back, then the next language."""
    name = search_names[locale]
    problems = tour.search_dialog.setdefault(locale, [])
    with noted(problems, scheme):
        tab.keyboard.press("/")
        box = tab.locator("input.md-search__input")
        expect(box).to_be_focused()
        expect(box).to_have_accessible_name(name)
        expect(tab.get_by_role("dialog", name=name)).to_have_count(1)
        tab.keyboard.type("Amnesty")
        expect(tab.locator(".md-search-result__item").first).to_be_visible(timeout=15000)
        flight.settle(tab)
        if online:  # search, waited for, is loaded now: one worker, the index
            assert len(tab.workers) == 1, f"{len(tab.workers)} search workers"
            assert any("search_index.json" in u for u in requests), "no search index loaded"
        with noted(tour.axe, scheme, f"{locale} search", "axe"):
            run_axe(f"{locale} search")
        tab.keyboard.press("Escape")
        expect(box).not_to_be_focused()
    tour.checked["search dialog"] += 1

    with noted(tour.palette, scheme, locale):
        before = tab.evaluate("document.body.dataset.mdColorScheme")
        for scheme_now in ({"default": "slate", "slate": "default"}[before], before):
            tab.locator("form[data-md-component=palette] label:visible").first.click()
            until(tab, "scheme => document.body.dataset.mdColorScheme === scheme", scheme_now)
    tour.checked["palette"] += 1
    read_violations()

    locales = list(HOME)
    target = locales[(locales.index(locale) + 1) % len(locales)]
    with noted(tour.home_switch, scheme, locale, target):
        tab.locator(".md-header .md-select").hover()
        tab.locator(f"a.md-select__link[hreflang={target}]").click()
        tab.wait_for_url(root + HOME[target] + ("" if online else "index.html"), wait_until="load")
        until(tab, "lang => document.documentElement.lang === lang", target)
        flight.settle(tab)
    tour.checked["home switch"] += 1
    read_violations()


# --- which tests share a tour: pytest-xdist's groups -------------------------------------------

def by_access(group: str) -> list:
    """`access` for parametrize: online (served from a sub-path) and file (the unzipped download),
    each in its own pytest-xdist group, so that what the tests share is made once, on one worker."""
    return [pytest.param(access, marks=pytest.mark.xdist_group(f"{group}-{access}"), id=access)
            for access in ("online", "file")]


def tours(*accesses: str) -> list:
    """`access, scheme` for parametrize: the tours, each its own pytest-xdist group."""
    return [pytest.param(access, scheme, marks=pytest.mark.xdist_group(f"tour-{access}-{scheme}"),
                         id=f"{access}-{scheme}") for access in accesses for scheme in ("light", "dark")]


TOURS = tours("online", "file")
ONLINE_TOURS = tours("online")
