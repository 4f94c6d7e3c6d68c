"""Every page in real Firefox ESR as Tor Browser's Safest level sets it: `javascript.enabled` and
`svg.disabled` off, on a 360-pixel phone and a 1366-pixel desktop.

Debian's firefox-esr (Makefile SYSTEM_PACKAGES; the major version the README names) is Tor
Browser's engine, and `svg.disabled` is a Firefox preference that no Chromium switch reproduces.
It is driven through WebDriver BiDi by puppeteer-core (package-lock.json) from tests/support/firefox.mjs,
which measures each page with tests/support/reading_probe.js, as tests/site/test_reading.py does in Chromium;
tests/support/reading.py judges both. WebDriver BiDi rather than `firefox-esr --headless --screenshot`:
it can press the menu button and read the page's layout, which a screenshot's pixels cannot tell
(a link from plain text, a page 11 pixels too wide); puppeteer-core's own `$$eval` and `click`
close this Firefox, so the driver keeps to what runs reliably (see firefox.mjs).
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from project import LOCALES, ROOT
from hosting import host
from reading import DESKTOP, PHONE, PROBE, VISITS, problems

FIREFOX = shutil.which("firefox-esr") or "/usr/bin/firefox-esr"
MAJOR = 153  # the major version of Debian's firefox-esr that the README names


def firefox(urls: list[str], viewports: list[tuple[int, int]], menu: bool = True) -> dict:
    job = {"firefox": FIREFOX, "probe": PROBE, "viewports": viewports, "urls": urls, "menu": menu}
    result = subprocess.run(["node", str(ROOT / "tests/support/firefox.mjs")], input=json.dumps(job), capture_output=True,
                            text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def hosted(site):
    with host(site) as url:
        yield url


@pytest.fixture(scope="module")
def safest(hosted):
    """Every page and each language's 404 page, at both sizes, in one Firefox."""
    return firefox([visit.url(hosted) for visit in VISITS], [PHONE, DESKTOP])


def test_firefox_is_the_esr_the_readme_names(safest):
    assert safest["version"].startswith(f"firefox/{MAJOR}.")


def test_every_page_is_usable_in_firefox_with_scripts_and_svg_off(safest, hosted):
    found = []
    for result in safest["results"]:
        visit = next(v for v in VISITS if v.url(hosted) == result["url"])
        expected_status = {404} if visit.name == "404" else {200, 304}  # 304: the second size, from the cache
        if result["status"] not in expected_status:
            found.append(f"{result['url']}: status {result['status']}")
        found += problems(visit, hosted, result["seen"], result["opened"])
    assert found == []


def test_the_single_file_downloads_fit_a_phone_in_firefox(hosted):
    measured = firefox([f"{hosted}download/report-{locale}.html" for locale in LOCALES], [PHONE], menu=False)
    assert [(r["url"], r["seen"]["scrollWidth"], r["seen"]["wide"]) for r in measured["results"]] == \
           [(r["url"], r["seen"]["width"], []) for r in measured["results"]]
