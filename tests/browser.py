"""Chromium (Debian's) driven by Playwright, and the built site served from a sub-path."""

from __future__ import annotations

import functools
import re
import tempfile
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

CHROMIUM = "/usr/bin/chromium"
# Flags for a closed network: no background connections of Chromium's own (see README).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve(directory: Path, sub_path: str):
    """Serve `directory` at http://127.0.0.1:<port>/<sub_path>/, as a host serving a sub-path would."""
    root = Path(tempfile.mkdtemp(prefix="served-"))
    link = root / sub_path
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(directory.resolve(), target_is_directory=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/{sub_path}/"
    finally:
        server.shutdown()


@contextmanager
def chromium():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Watch:
    """Record what a page does on the network and in the console."""

    def __init__(self, page, origin: str):
        self.failed: list[str] = []
        self.foreign: list[str] = []
        self.errors: list[str] = []
        page.on("requestfailed", lambda r: self.failed.append(f"{r.failure} {r.url}"))
        page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.status} {r.url}"))
        page.on("request", lambda r: not r.url.startswith((origin, "data:", "blob:")) and self.foreign.append(r.url))
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))


HOME = {"kk": "", "ru": "ru/", "en": "en/"}


def search(page, base_url: str, locale: str, query: str) -> list[str]:
    """Type `query` into the search box of `locale`'s home page; the result pages, best first.

    Material searches on key-up; the query is filled in at once (Playwright sends no key
    events for letters beyond US keys), then one key-up runs one search, whose results replace
    the prompt that the box shows when ready.
    """
    offline = base_url.startswith("file:")
    page.goto(base_url + HOME[locale] + ("index.html" if offline else ""))
    ready = page.evaluate("JSON.parse(document.getElementById('__config').textContent)"
                          ".translations['search.result.placeholder']")
    box = page.locator("input.md-search__input")
    box.click()
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_have_text(ready, timeout=15000)
    box.fill(query)
    box.press("End")
    expect(meta).not_to_have_text(ready)
    links = page.locator(".md-search-result__item > a.md-search-result__link")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    addresses = [h.split(base_url, 1)[-1] for h in hrefs]
    if offline:  # ru/prosecutions.html#x -> ru/prosecutions/#x, as online
        addresses = [re.sub(r"(?:index)?\.html(?=$|[?#])", lambda m: "" if m.group(0) == "index.html" else "/", a)
                     for a in addresses]
    return addresses


def pages_of(hrefs: list[str]) -> set[str]:
    return {h.split("?")[0].split("#")[0] for h in hrefs}
