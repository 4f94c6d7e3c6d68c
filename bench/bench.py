"""`make bench`: how light and fast the built site is. A benchmark that prints figures, not a test.

Builds the site twice (the bare online site, with no downloads, then the whole `make build`:
the downloads step and the site that lists them), runs the test suite once and times it,
serves site/ with nginx as `make preview` does (deploy/preview.py: production's configuration,
the site's headers, the .gz twins), runs Lighthouse (mobile preset, Debian's Chromium) on every
page of every language and the 404 pages, RUNS times, and once more on an EDGE-like link, and
holds each page to the budgets (first view with headers, first paint on both links, a score of 100
on every run), times searches in each language in the real search box, and prints one table per
concern; the same tables go to bench/latest.md, so that a change's effect shows in review.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests/support"), str(ROOT / "hooks")]
sys.path.insert(0, str(ROOT / "deploy"))
from browser import CHROMIUM, CHROMIUM_ARGS, HOME, chromium, search  # noqa: E402
from nginx import nginx_serving  # noqa: E402  (nginx as `make preview` runs it: deploy/preview.py)

# The budgets of every page, as Lighthouse 12 (mobile preset) measures it served by nginx.
FIRST_VIEW_BUDGET = 40_000  # bytes, bodies and headers (`total-byte-weight`)
FCP_BUDGET = 800  # ms, first contentful paint
EDGE_FCP_BUDGET = 2000  # ms, first contentful paint on an EDGE-like link
EDGE = ["--throttling-method=simulate", "--throttling.rttMs=400", "--throttling.throughputKbps=240",
        "--throttling.cpuSlowdownMultiplier=4"]

SITE = ROOT / "site"
LIGHTHOUSE = ROOT / "node_modules/.bin/lighthouse"
CHECK_BUDGET = 10  # times a plain Material + i18n build of the ru and en pages: `make check`
RUNS = 3  # Lighthouse runs per page on the mobile preset: one run varies with the machine's load
# What Lighthouse's simulation sends in one round trip (TCP's first window: 10 segments of 1,460
# bytes, capped at what the link carries in one round trip): a page whose HTML and headers pass it
# waits one more round trip before its first paint. Mobile preset: 1.6 Mbit/s, 150 ms; EDGE-like:
# 240 kbit/s × 400 ms = 8 segments.
WINDOW = {"mobile": 14_600, "EDGE": 11_680}


def timed(command: list[str], check: bool = True, **env) -> tuple[float, str]:
    """Seconds `command` takes, and its output; `check=False`: timed whether it fails or not."""
    started = time.perf_counter()
    environment = {k: v for k, v in {**os.environ, **env}.items() if v is not None}
    result = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, check=check)
    return time.perf_counter() - started, result.stdout + result.stderr


def build_stages() -> list[tuple[str, float]]:
    """The bare build, the whole build (as `make build`), the downloads' parts, and the tests."""
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(SITE)]
    bare, _ = timed(mkdocs, DOWNLOADS=None)
    made, log = timed([sys.executable, "-m", "downloads", str(ROOT / ".downloads")], PYTHONPATH=str(ROOT / "hooks"))
    site, _ = timed(mkdocs, DOWNLOADS=str(ROOT / ".downloads"))
    stages = [("bare mkdocs build (3 languages, no downloads)", bare), ("whole build (downloads, then the site)", made + site)]
    stages += [(m.group(1), float(m.group(2))) for m in re.finditer(r"downloads: (.+?) in ([\d.]+) s", log)]
    car, _ = timed([sys.executable, "-m", "release", "car", str(SITE), str(ROOT / "dist")], PYTHONPATH=str(ROOT / "hooks"))
    tests, _ = timed([sys.executable, "-m", "pytest", "tests/site", "-q", "-p", "no:cacheprovider", "-n", "auto",
                      "--dist", "loadgroup"], check=False, SITE_DIR=str(SITE))  # passing is make test's to say
    return [*stages, ("IPFS archive of the site (make release)", car), ("site tier (tests/site/ on the built site)", tests)]


PLAIN = """site_name: plain
theme: {name: material}
markdown_extensions: [abbr, attr_list, footnotes, md_in_html, {toc: {permalink: true}}, pymdownx.smartsymbols]
plugins:
  - search
  - i18n: {docs_structure: folder, languages: [{locale: ru, default: true, name: Русский}, {locale: en, name: English}]}
"""


def check_tier(runs: int = 3) -> list[list[str]]:
    """`make check` (the fast tier) against a plain Material + mkdocs-static-i18n build of the
    project's ru and en pages (no hooks, no overrides): the median of `runs` each; budget 10×."""
    with tempfile.TemporaryDirectory() as folder:
        for locale in ("ru", "en"):
            shutil.copytree(ROOT / "docs" / locale, Path(folder) / "docs" / locale)
        (Path(folder) / "mkdocs.yml").write_text(PLAIN, encoding="utf-8")
        plain = statistics.median(timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", f"{folder}/mkdocs.yml",
                                          "--site-dir", f"{folder}/site"])[0] for _ in range(runs))
    check = statistics.median(timed(["node", "--test", "tests/check/js/"])[0] +
                              timed([sys.executable, "-m", "pytest", "tests/check", "-q", "-p", "no:cacheprovider"])[0]
                              for _ in range(runs))
    return [["plain Material + i18n build (ru, en pages)", f"{plain:.2f}", "1.00", ""],
            ["make check (the fast tier)", f"{check:.2f}", f"{check / plain:.2f}",
             "within" if check <= CHECK_BUDGET * plain else f"OVER {CHECK_BUDGET}×"]]


def lighthouse(url: str, *flags: str) -> dict:
    chrome = " ".join(["--headless=new", *CHROMIUM_ARGS])
    result = subprocess.run([str(LIGHTHOUSE), url, "--output=json", "--quiet", f"--chrome-flags={chrome}", *flags],
                            env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, check=True)
    report = json.loads(result.stdout)
    audits = report["audits"]
    return {"scores": {k: round(v["score"] * 100) for k, v in report["categories"].items()},
            "bytes": audits["total-byte-weight"]["numericValue"],
            "document": next(r["transferSize"] for r in audits["network-requests"]["details"]["items"]
                             if r.get("resourceType") == "Document"),
            "requests": len(audits["network-requests"]["details"]["items"]),
            "fcp": audits["first-contentful-paint"]["numericValue"],
            "lcp": audits["largest-contentful-paint"]["numericValue"],
            "tbt": audits["total-blocking-time"]["numericValue"],
            "cls": audits["cumulative-layout-shift"]["numericValue"]}


def page_figures(url: str) -> tuple[list, list[str]]:
    """The median of RUNS Lighthouse runs (mobile preset), as Lighthouse's docs advise, with the
    worst run's scores, since a single run is what a reader's phone gives, and one run on an
    EDGE-like link; and the budgets the page misses."""
    runs = sorted((lighthouse(url) for _ in range(RUNS)), key=lambda r: r["fcp"])
    median, edge = runs[len(runs) // 2], lighthouse(url, *EDGE)
    worst = {name: min(r["scores"][name] for r in runs) for name in median["scores"]}
    heaviest, slowest = max(r["bytes"] for r in runs), max(r["fcp"] for r in runs)
    missed = [f"{heaviest:,.0f} B" for _ in [0] if heaviest > FIRST_VIEW_BUDGET]
    missed += [f"FCP {slowest / 1000:.2f} s" for _ in [0] if slowest > FCP_BUDGET]
    missed += [f"EDGE FCP {edge['fcp'] / 1000:.2f} s" for _ in [0] if edge["fcp"] > EDGE_FCP_BUDGET]
    missed += [f"{name} {score}" for name, score in worst.items() if score < 100]
    windows = " / ".join(str(-(-median["document"] // size)) for size in WINDOW.values())
    row = [f"{median['bytes']:,.0f}", f"{median['document']:,} ({windows})", median["requests"], f"{median['fcp'] / 1000:.2f} s", f"{edge['fcp'] / 1000:.2f} s",
           f"{median['lcp'] / 1000:.2f} s", f"{median['tbt']:.0f} ms", f"{median['cls']:.3f}",
           " / ".join(str(worst[name]) for name in ("performance", "accessibility", "best-practices", "seo")),
           f"{max(r['tbt'] for r in runs):.0f} ms", ", ".join(missed) or "within"]
    return row, missed


# A fixed list of queries, of every kind the search issue names, in each language.
QUERIES = {
    "kk": ["Боқаев", "Бокаев", "Боқаевқа", "Bokaev", "Qazaqstan", "Казакстан", "кукык", "құқық", "äleumettik",
           "áleýmettik", "a'leumettik", "jeli", "желілерде", "митингке", "митинг", "шақырды", "shakyrdy",
           "бұғаттау", "бугаттау", "Amnesty", "VPN", "Кривошеев", "Кривошеэв", "қудалау", "сот", "Аян"],
    "ru": ["Бокаев", "Бокаеф", "задержание", "задержанных", "забл", "блокировка", "митинг", "реформа",
           "социальных", "сети", "Аян", "Amnesty", "правозащитники", "преследование", "рекомендации"],
    "en": ["Bokaev", "Bokayev", "blocked", "blocks", "restric", "detention", "detained", "rally", "land reform",
           "social media", "Amnesty", "Ayan", "prosecution", "recommendations", "VPN"],
}

# In the page: run one search as Material does on key-up; resolve with the milliseconds from
# the key-up to the results' count being shown (a query rewrites it, an empty box restores it).
TIME_ONE_SEARCH = """async ([query, ready]) => {
  const box = document.querySelector("input.md-search__input")
  const meta = document.querySelector(".md-search-result__meta")
  const run = value => new Promise(resolve => {
    const before = meta.textContent, started = performance.now()
    const done = () => meta.textContent !== before || (value === "" && meta.textContent === ready)
    const observer = new MutationObserver(() => done() && (observer.disconnect(), resolve(performance.now() - started)))
    observer.observe(meta, { childList: true, characterData: true, subtree: true })
    box.value = value
    box.dispatchEvent(new KeyboardEvent("keyup", { key: "End" }))
    if (done()) { observer.disconnect(); resolve(0) }
  })
  await run("")
  return run(query)
}"""


def search_times(base: str) -> list[dict]:
    """Per language: the index's size, the time to first results, and every query's time."""
    rows = []
    with chromium() as browser:
        page = browser.new_page()
        for locale, queries in QUERIES.items():
            index = SITE / HOME[locale] / "search/search_index.json"
            started = time.perf_counter()
            search(page, base, locale, queries[0])  # open the page, open search, type, see results
            first = time.perf_counter() - started
            ready = page.evaluate("JSON.parse(document.getElementById('__config').textContent)"
                                  ".translations['search.result.placeholder']")
            times = sorted(page.evaluate(TIME_ONE_SEARCH, [q, ready]) for q in queries)
            rows.append({"locale": locale, "raw": index.stat().st_size,
                         "gzip": len(gzip.compress(index.read_bytes(), 9)), "first": first * 1000,
                         "queries": len(times), "median": statistics.median(times), "worst": times[-1]})
    return rows


def added_scripts() -> list[list[str]]:
    """What our search adds to Material's: the lunr modules of ours, raw and gzip."""
    paths = [SITE / f"assets/javascripts/lunr/min/lunr.{name}.min.js" for name in ("kk", "wordforms")]
    return [[p.name, kb(p.stat().st_size), kb(len(gzip.compress(p.read_bytes(), 9)))] for p in paths]


def qr_versions() -> list[list]:
    """The share table's QR codes: version and modules of each section's full address (what they
    encoded before short addresses) and of its short address (what they encode now)."""
    import segno
    from bs4 import BeautifulSoup
    rows = []
    for locale, home in HOME.items():
        soup = BeautifulSoup((SITE / home / "links/index.html").read_text(encoding="utf-8"), "lxml")
        cells = soup.select("table.share-table tbody td")
        for kind, pick in (("full", lambda c: c.a["href"]), ("short", lambda c: c.select_one("a.share-short")["href"])):
            codes = [segno.make(pick(c), error="m", micro=False) for c in cells]
            versions = sorted({c.version for c in codes})
            rows.append([locale, kind, len(codes), "–".join(str(v) for v in (versions[0], versions[-1])),
                         f"{max(c.symbol_size(border=0)[0] for c in codes)}×{max(c.symbol_size(border=0)[0] for c in codes)}"])
    return rows


def kb(size: float) -> str:
    return f"{size / 1024:.1f} kB"


def table(head: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    return "\n".join([*lines, *("| " + " | ".join(str(c) for c in row) + " |" for row in rows)])


def main() -> None:
    stages = build_stages()
    bare = stages[0][1]
    tiers = check_tier()
    names = sorted(p.stem for p in (ROOT / "docs" / next(iter(HOME))).glob("*.md"))
    with tempfile.TemporaryDirectory() as prefix, nginx_serving(SITE, Path(prefix)) as host:
        base = f"http://{host}/"
        lighthouse(base)  # a first run warms Chromium and the disk cache: its figures are not kept
        addresses = [home + ("" if name == "index" else f"{name}/") for home in HOME.values() for name in names]
        addresses += [home + "404.html" for home in HOME.values()]  # Lighthouse refuses a 404 status: the files
        figures = {address or "./": page_figures(base + address) for address in addresses}
        searches = search_times(base)
    pages = [[address, *row] for address, (row, _) in figures.items()]
    downloads = [*sorted((SITE / "download").iterdir()), ROOT / "dist/site.car"]
    report = "\n\n".join([
        "# Benchmark", f"Measured {time.strftime('%Y-%m-%d')} on this machine; Lighthouse 12.2.3, mobile preset.",
        f"## Every page (Lighthouse, served by nginx as `make preview` serves it; the median of {RUNS} runs by first "
        f"contentful paint, the worst run's scores, one run on an EDGE-like link: {' '.join(EDGE)})",
        f"Budgets: first view {FIRST_VIEW_BUDGET:,} bytes with headers (`total-byte-weight`), FCP {FCP_BUDGET / 1000} s, "
        f"EDGE-like FCP {EDGE_FCP_BUDGET / 1000} s, 100 in every category on every run. The page's HTML with its "
        f"headers pays one round trip per window of {WINDOW['mobile']:,} bytes on the mobile preset and of "
        f"{WINDOW['EDGE']:,} on the EDGE-like link (Lighthouse's simulated TCP): more than one is a round trip "
        "(0.15 s, 0.4 s) before the first paint.",
        table(["page", "first view (B)", "HTML with headers (B; windows: mobile / EDGE)", "requests", "FCP", "EDGE-like FCP", "LCP", "TBT", "CLS",
               "worst run (performance / accessibility / best practices / SEO)", "longest TBT", "budgets"], pages),
        "## Search",
        table(["language", "index", "index (gzip)", "first results (open page, open search, type)", "queries",
               "median query", "worst query"],
              [[r["locale"], kb(r["raw"]), kb(r["gzip"]), f"{r['first']:.0f} ms", r["queries"],
                f"{r['median']:.1f} ms", f"{r['worst']:.1f} ms"] for r in searches]),
        "Our additions to Material's search, loaded once per reader when search opens:",
        table(["module", "size", "gzip"], added_scripts()),
        "## QR codes of the share table (error correction M; site_url as built)",
        table(["table's language", "address", "codes", "versions", "largest (modules)"], qr_versions()),
        "## Build",
        table(["stage", "seconds", "ratio to bare build"], [[n, f"{s:.2f}", f"{s / bare:.2f}"] for n, s in stages]),
        f"## The fast tier (budget: {CHECK_BUDGET}× a plain build)",
        table(["run", "seconds (median of 3)", "ratio to the plain build", "budget"], tiers),
        "## Downloads",
        table(["file", "size"], [[p.name, kb(p.stat().st_size)] for p in downloads if not p.name.endswith((".gz", ".br"))]),
    ]) + "\n"
    (ROOT / "bench/latest.md").write_text(report, encoding="utf-8")
    print(report)
    if tiers[1][3] != "within":
        print(f"make check takes more than {CHECK_BUDGET}× a plain build", file=sys.stderr)
    for address, (_, missed) in figures.items():
        if missed:
            print(f"{address} misses its budgets: {', '.join(missed)}", file=sys.stderr)


if __name__ == "__main__":
    main()
