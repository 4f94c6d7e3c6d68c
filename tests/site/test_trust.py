"""Trust gates: nothing leaves the site, a strict CSP, accessible pages, valid HTML, pinned dependencies.

Every built HTML file is checked, whatever the build writes (every page in every language,
404.html, the downloads), online (served with the headers of `_headers`) and in the file://
build. The session ends with each gate's count in the terminal ("trust gates").
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from browser import HOME, header_rules, matches
from bs4 import BeautifulSoup
from playwright.sync_api import expect
from project import LOCALES, MATERIAL_LANGUAGES, ROOT, ui_strings
from tour import TOURS, readable

from policy import inline_code_hashes, parse_policy

VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"  # the current Nu HTML Checker, pinned in package-lock.json


# --- what the tests read -----------------------------------------------------------------

def html_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def effective(policy: dict[str, list[str]], name: str) -> list[str]:
    """A fetch directive's sources, falling back to default-src as browsers do."""
    return policy.get(name, policy.get("default-src", []))


# --- what Chromium saw, reading every page once per colour scheme (tests/support/tour.py) -------------

@pytest.mark.parametrize("access, scheme", TOURS)
def test_no_page_requests_anything_from_another_host_online_or_offline(tour, site, offline_site, gate, access, scheme):
    files = len(readable(site if access == "online" else offline_site))
    gate("pages read (online, file://; light and dark)", tour.loaded, part=access)
    gate("requests leaving the site", len(tour.foreign))
    assert tour.loaded == files
    assert tour.foreign == []


@pytest.mark.parametrize("access, scheme", TOURS)
def test_the_browser_keeps_no_cookie_and_no_storage_but_materials_palette(tour, gate, access, scheme):
    gate("cookies and stored keys beyond the palette", len(tour.stored))
    assert tour.checked["palette"] == len(LOCALES) and tour.palette == []  # so the palette was stored
    assert tour.stored == []


@pytest.mark.parametrize("access, scheme", TOURS)
def test_no_page_reports_a_csp_violation_while_reading_searching_and_switching_language(tour, gate, access, scheme):
    gate("CSP violations reported by Chromium", len(tour.violations))
    assert tour.checked["search dialog"] == tour.checked["home switch"] == len(LOCALES)
    assert tour.violations == []


# --- the policy in the built files ---------------------------------------------------------

def policy_problems(soup: BeautifulSoup) -> list[str]:
    """What is missing or loose in one page's CSP meta, or stale in its hashes."""
    meta = soup.find("meta", attrs={"http-equiv": re.compile("^content-security-policy$", re.I)})
    if meta is None:
        return ["no CSP meta"]
    problems = []
    if meta.find_previous(["script", "style", "link"]) is not None:
        problems.append("the CSP meta comes after a script, style or link")
    policy = parse_policy(meta["content"])
    scripts, styles = effective(policy, "script-src"), effective(policy, "style-src")
    expected = {"default-src": [["'self'"], ["'none'"]], "object-src": [["'none'"]],
                "base-uri": [["'self'"], ["'none'"]], "form-action": [["'self'"], ["'none'"]]}
    for name, allowed in expected.items():
        if (policy.get(name) if name != "object-src" else effective(policy, name)) not in allowed:
            problems.append(f"{name} is {policy.get(name)}")
    loose = {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "data:", "blob:", "http:", "https:"}
    problems += [f"script-src allows {s}" for s in scripts if s in loose]
    problems += [f"{name} allows {s}" for name in policy for s in policy[name] if s == "'unsafe-eval'"]
    run, styled = inline_code_hashes(soup)
    if not run <= (hashed := {s for s in scripts if s.startswith("'sha")}):
        problems.append(f"inline scripts {sorted(run - hashed)} are not allowed by the policy's hashes")
    if not styled <= (hashed := {s for s in styles if s.startswith("'sha")}):
        problems.append(f"<style> elements {sorted(styled - hashed)} are not allowed by the policy's hashes")
    if "'unsafe-inline'" in styles:
        problems.append("style-src allows 'unsafe-inline'")
    handlers = {a for tag in soup.find_all(True) for a in tag.attrs if a.lower().startswith("on") or a.lower() == "style"}
    problems += [f"{a} attribute (CSP blocks it)" for a in sorted(handlers)]
    problems += [f"javascript: URL {a['href']}" for a in soup.find_all(href=re.compile(r"^\s*javascript:", re.I))]
    return problems


def test_every_page_has_one_strict_csp_that_allows_its_inline_code(site, offline_site, gate):
    """One policy on every page of a build (no per-page hashes), within 1,000 bytes, allowing each
    page's inline code: hooks/trust/csp.py makes it from page-policy.txt, never from the pages."""
    failures = [(f"{root.name}/{path.relative_to(root).as_posix()}", problem)
                for root in (site, offline_site) for path in html_files(root)
                for problem in policy_problems(soup_of(path))]
    gate("pages without a strict CSP", len({page for page, _ in failures}))
    assert failures == []
    for root in (site, offline_site):
        policies = {soup_of(path).find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
                    for path in html_files(root) if not path.relative_to(root).as_posix().startswith("download/")}
        assert len(policies) == 1, root.name
        assert len(policies.pop().encode()) <= 1000


def test_the_headers_file_sends_documents_what_their_policy_cannot_say_and_the_privacy_headers_to_all(site):
    rules = header_rules((site / "_headers").read_text(encoding="utf-8"))
    every = dict(dict(rules).get("/*", []))
    assert every == {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
    documents = {pattern: dict(sent) for pattern, sent in rules if "Content-Security-Policy" in dict(sent)}
    served = {"/" + p.relative_to(site).as_posix() for p in html_files(site)
              if not p.relative_to(site).as_posix().startswith("download/")}  # the downloads: a policy of their own
    for path in served:  # every page and short address's page has its rule, and nothing else has one
        assert [p for p in documents if matches(p, path) or matches(p, path.removesuffix("index.html"))], path
    assert all(not (site / pattern.lstrip("/")).is_file() or pattern.endswith(".html") for pattern in documents)
    assert len({tuple(sent.items()) for sent in documents.values()}) == 1
    headers = next(iter(documents.values()))
    denied = {feature.split("=")[0] for feature in headers.get("Permissions-Policy", "").split(", ") if feature.endswith("=()")}
    assert {"camera", "microphone", "geolocation", "browsing-topics"} <= denied
    # The page policy is each page's <meta> (the test above); the header adds only what a <meta>
    # cannot say, and no second copy of the policy to each page's first round trip.
    assert headers["Content-Security-Policy"] == "frame-ancestors 'none'"


# --- accessibility ---------------------------------------------------------------------------

@pytest.mark.parametrize("access, scheme", TOURS)
def test_axe_finds_no_wcag_2_2_a_or_aa_violation_on_any_page_light_or_dark(tour, gate, access, scheme):
    """axe-core (node_modules) on every page and on each home page's open search dialog."""
    gate("axe violations (WCAG 2.2 A, AA; light and dark)", len(tour.axe), tour.axe_views,
         template="{} on {} page views")
    assert tour.axe_views == tour.loaded - tour.read_only + tour.checked["search dialog"]
    assert tour.axe == []


def interface_strings(locale: str) -> dict[str, str]:
    partial = ROOT / "overrides/partials/languages/kk.html" if locale == "kk" else MATERIAL_LANGUAGES / f"{locale}.html"
    return ui_strings(partial)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("access, scheme", TOURS)
def test_the_search_dialog_opens_from_the_keyboard_and_is_named_in_the_pages_language(tour, access, scheme, locale):
    """On each home page: "/" focuses the box, named as the dialog is in the page's
    language; typing shows results; Escape leaves the box (tests/support/tour.py)."""
    assert tour.search_dialog[locale] == []


@pytest.mark.parametrize("locale", LOCALES)
def test_the_language_selector_works_with_tab_and_enter_alone(page, base_url, locale):
    other = LOCALES[(LOCALES.index(locale) + 1) % len(LOCALES)]
    page.goto(base_url + HOME[locale] + "prosecutions/")
    button = page.locator(".md-header .md-select > button")
    for _ in range(40):
        page.keyboard.press("Tab")
        if button.evaluate("b => b === document.activeElement"):
            break
    expect(button).to_be_focused()
    expect(button).to_have_accessible_name(interface_strings(locale)["select.language"])
    link = page.locator(f".md-header a.md-select__link[hreflang={other}]")
    for _ in LOCALES:
        page.keyboard.press("Tab")
        if link.evaluate("a => a === document.activeElement"):
            break
    expect(link).to_be_focused()
    expect(link).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(base_url + HOME[other] + "prosecutions/")


def language_of(node) -> str | None:
    element = node if getattr(node, "attrs", None) is not None else node.parent
    while element is not None and not element.get("lang"):
        element = element.parent
    return element.get("lang") if element is not None else None


def test_foreign_titles_carry_their_own_lang(pages):
    english_title = next(p for p in pages if p.locale == "en" and p.name == "about").soup().select_one("article cite").get_text()
    phrase = " ".join(english_title.split()[:4])  # "Think before you post"
    failures = []
    for page in (p for p in pages if p.locale != "en"):
        article = page.soup().select_one("article")
        for text in article.find_all(string=re.compile(re.escape(phrase))):
            if language_of(text) != "en":
                failures.append((page.url, str(text)))
        for cite in article.find_all("cite"):
            if re.fullmatch(r"[\sA-Za-z0-9:,.'’-]+", cite.get_text()) and language_of(cite) != "en":
                failures.append((page.url, cite.get_text()))
    assert failures == []


# --- valid HTML --------------------------------------------------------------------------------

def test_the_nu_html_checker_finds_no_error_in_any_built_file(site, offline_site, gate):
    """vnu.jar from npm's vnu-jar, the current checker, with no message ignored; one run for all files."""
    assert VNU.is_file(), "vnu-jar is missing: run `npm ci` (make test does)"
    files = [str(p) for root in (site, offline_site) for p in html_files(root)]
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
                            capture_output=True, text=True)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [(m.get("url", "").rsplit("/", 3)[-3:], m.get("lastLine"), m["message"])
              for m in messages if m["type"] in ("error", "non-document-error")]
    gate("Nu HTML Checker errors", len(errors), len(files), template="{} in {} files")
    assert len(files) > 30
    assert errors == []
    assert result.returncode == 0, result.stderr[-2000:]


# --- pinned dependencies --------------------------------------------------------------------------
