"""Chromium (Debian's) driven by Playwright, the built site served from a sub-path, and search."""

from __future__ import annotations

import functools
import re

import threading
import time
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import expect, sync_playwright

CHROMIUM = "/usr/bin/chromium"
# Flags for a closed network: no background connections of Chromium's own (see README).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# For the tests: a request to any other host fails at once (it is counted, never sent).
LOOPBACK_ONLY = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
from project import HOME  # noqa: F401  (the tests take it from here too)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def loopback(handler: type[SimpleHTTPRequestHandler], directory: Path):
    """`handler` serving `directory` on a free port of 127.0.0.1, from a thread of its own; yields
    the server's root address, http://127.0.0.1:<port>/."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def header_rules(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The rules of a `_headers` file: (path pattern, [(header, value)])."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for line in text.splitlines():
        if line.strip() and not line.startswith((" ", "\t", "#")):
            rules.append((line.strip(), []))
        elif ":" in line and rules:
            name, value = line.strip().split(":", 1)
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def matches(pattern: str, path: str) -> bool:
    return path.startswith(pattern[:-1]) if pattern.endswith("*") else path == pattern


@contextmanager
def serve(directory: Path, sub_path: str, also_at: str | None = None):
    """Serve `directory` at http://127.0.0.1:<port>/<sub_path>/, as a host serving a sub-path would,
    each response with the headers its `_headers` file gives (when it has one).

    `also_at`: a second path serving the same files (404.html links from site_url's path, which
    a host serves it at: "" is the root). Yields the address under `sub_path`.
    """
    headers = directory / "_headers"
    rules = header_rules(headers.read_text(encoding="utf-8")) if headers.is_file() else []
    prefixes = ["/" + sub_path.strip("/")] + ([] if also_at is None else ["/" + also_at.strip("/")])

    class Handler(QuietHandler):
        def translate_path(self, path):
            path = urlsplit(path).path
            for prefix in prefixes:
                if path.startswith(prefix.rstrip("/") + "/"):
                    return super().translate_path(path[len(prefix.rstrip("/")):])
            return str(Path(directory) / "no such path" / "x")

        def end_headers(self):
            path = urlsplit(self.path).path
            for prefix in prefixes:
                if path.startswith(prefix.rstrip("/") + "/"):
                    path = path[len(prefix.rstrip("/")):]
                    break
            for name, value in (h for pattern, found in rules if matches(pattern, path) for h in found):
                self.send_header(name, value)
            super().end_headers()

    with loopback(Handler, directory) as root:
        yield f"{root}{sub_path.strip('/')}/"


@contextmanager
def chromium(*extra_args: str):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, *extra_args])
        try:
            yield browser
        finally:
            browser.close()


def is_failure(request) -> bool:
    """Whether a request failed, not cancelled by Chromium itself as the page moved on (the favicon
    of a page just left, say): net::ERR_ABORTED."""
    return request.failure != "net::ERR_ABORTED"


class Watch:
    """Record what a page does on the network and in the console."""

    def __init__(self, page, origin: str):
        self.failed: list[str] = []
        self.foreign: list[str] = []
        self.errors: list[str] = []
        page.on("requestfailed", lambda r: is_failure(r) and self.failed.append(f"{r.failure} {r.url}"))
        page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.status} {r.url}"))
        page.on("request", lambda r: not r.url.startswith((origin, "data:", "blob:")) and self.foreign.append(r.url))
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))


class InFlight:
    """The requests of a browser context (its workers' too) that have not ended yet.

    `settle` waits until there are none: what a page loads after its load event (search, lazy
    images) is then in, without waiting for a quiet half second as `networkidle` does.
    """

    def __init__(self, context):
        self.requests: set = set()
        context.on("request", lambda request: self.requests.add(request))
        context.on("requestfinished", lambda request: self.requests.discard(request))
        context.on("requestfailed", lambda request: self.requests.discard(request))

    def settle(self, page, timeout: float = 15) -> None:
        deadline = time.monotonic() + timeout
        page.evaluate("new Promise(requestAnimationFrame)")  # what the load event's handlers start
        while self.requests:
            assert time.monotonic() < deadline, f"requests still open: {[r.url for r in self.requests]}"
            page.wait_for_timeout(5)  # Playwright delivers the events meanwhile


def offline_to_online(address: str) -> str:
    """ru/prosecutions.html#x -> ru/prosecutions/#x, index.html -> "", as the online site's addresses."""
    return re.sub(r"(?:index)?\.html(?=$|[?#])", lambda m: "" if m.group(0) == "index.html" else "/", address)


class SearchBox:
    """The search box of one language's home page, opened once: each query replaces the last one.

    Material searches on key-up; the query is filled in at once (Playwright sends no key events for
    letters beyond US keys), then one key-up runs one search, whose results replace the prompt that
    the box shows when it is ready, and when it is empty again.
    """

    def __init__(self, page, root: str, locale: str):
        self.page, self.root = page, root
        self.offline = root.startswith("file:")
        page.goto(root + HOME[locale] + ("index.html" if self.offline else ""))
        self.ready = page.evaluate("JSON.parse(document.getElementById('__config').textContent)"
                                   ".translations['search.result.placeholder']")
        self.box = page.locator("input.md-search__input")
        self.meta = page.locator(".md-search-result__meta")
        self.box.click()
        expect(self.meta).to_have_text(self.ready, timeout=15000)

    def __call__(self, query: str) -> list[str]:
        """The result pages for `query`, best first, as addresses relative to the site root."""
        if self.box.input_value():
            self.box.fill("")
            self.box.press("End")
            self.meta_is(self.ready)
        self.box.fill(query)
        self.box.press("End")
        self.meta_is(self.ready, negate=True)
        hrefs = self.page.locator(".md-search-result__item > a.md-search-result__link").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))")
        addresses = [h.split(self.root, 1)[-1] for h in hrefs]
        return [offline_to_online(a) for a in addresses] if self.offline else addresses

    def meta_is(self, text: str, negate: bool = False) -> None:
        """Wait, frame by frame, until the line above the results reads `text` (or no longer does)."""
        self.page.wait_for_function("([text, negate]) => (document.querySelector('.md-search-result__meta')"
                                    ".textContent === text) !== negate", arg=[text, negate], polling="raf",
                                    timeout=15000)

    def shown(self) -> dict:
        """What the last results show: their links as written, text, marked words and missing words."""
        return self.page.locator(".md-search-result").evaluate("""list => ({
            links: [...list.querySelectorAll("a.md-search-result__link")].map(a => a.href),
            text: list.innerText,
            marked: [...list.querySelectorAll("mark")].map(m => m.textContent),
            missing: [...list.querySelectorAll(".md-search-result__terms del")].map(d => d.textContent)})""")

    def first_result_is_highlighted(self) -> bool:
        return self.page.locator(".md-search-result__item").first.locator("mark").first.is_visible()


def search(page, base_url: str, locale: str, query: str) -> list[str]:
    """Open `locale`'s home page, type `query` into its search box: the result pages, best first."""
    return SearchBox(page, base_url, locale)(query)


def pages_of(hrefs: list[str]) -> set[str]:
    return {h.split("?")[0].split("#")[0] for h in hrefs}
