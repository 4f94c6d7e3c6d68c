"""Trust gates: nothing leaves the site, a strict CSP, accessible pages, valid HTML, pinned dependencies.

Every built HTML file is checked, whatever the build writes (every page in every language,
404.html, the downloads), online (served with the headers of `_headers`) and in the file://
build. The session ends with each gate's count in the terminal ("trust gates").
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import re
import subprocess
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser import QuietHandler
from bs4 import BeautifulSoup
from conftest import LOCALES, ROOT
from playwright.sync_api import expect
from test_site import MATERIAL_LANGUAGES, ui_strings

import csp

HOME = {"kk": "", "ru": "ru/", "en": "en/"}
SCHEMES = ("light", "dark")
AXE = ROOT / "node_modules/axe-core/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"  # the current Nu HTML Checker, pinned in package-lock.json
JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
MATERIAL_PREFERENCES = {"__palette"}  # Material's own local-storage keys, after the scope path
RECORD_VIOLATIONS = """
window.__violations = [];
addEventListener("securitypolicyviolation",
  e => window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI} in ${e.sourceFile}:${e.lineNumber}`), true);
"""
GATES: dict[str, str] = {}


# --- the session's counts ------------------------------------------------------------------

class TrustSummary:
    """Prints each gate's count at the end of the session, with the other test files' gates."""

    def pytest_terminal_summary(self, terminalreporter):
        reports = [r for kind in ("passed", "failed") for r in terminalreporter.stats.get(kind, [])
                   if getattr(r, "when", None) == "call"]
        links = [r.outcome for r in reports if r.nodeid.endswith("test_every_internal_link_and_anchor_resolves")]
        sources = [r.outcome for r in reports if "test_a_broken_source_fails_the_build_with_a_clear_message" in r.nodeid]
        terminalreporter.section("trust gates")
        for gate, count in GATES.items():
            terminalreporter.write_line(f"{gate}: {count}")
        if links:
            terminalreporter.write_line(f"broken links and anchors: {'0' if links == ['passed'] else 'some (see test_site.py)'}")
        if sources:
            terminalreporter.write_line(f"bad sources caught: {sources.count('passed')} of {len(sources)}")


@pytest.fixture(scope="session")
def gates(request) -> dict[str, str]:
    if not request.config.pluginmanager.has_plugin("trust-gates"):
        request.config.pluginmanager.register(TrustSummary(), "trust-gates")
    return GATES


# --- what the tests read -----------------------------------------------------------------

def html_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def is_redirect(soup: BeautifulSoup) -> bool:
    return soup.find("meta", attrs={"http-equiv": re.compile("^refresh$", re.I)}) is not None


def directives(text: str) -> dict[str, list[str]]:
    parsed = {}
    for part in text.split(";"):
        if words := part.split():
            parsed.setdefault(words[0].lower(), words[1:])
    return parsed


def effective(policy: dict[str, list[str]], name: str) -> list[str]:
    """A fetch directive's sources, falling back to default-src as browsers do."""
    return policy.get(name, policy.get("default-src", []))


def sha256_source(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def inline_code_hashes(soup: BeautifulSoup) -> tuple[set[str], set[str]]:
    """Hashes of the scripts a browser runs inline (not JSON data) and of the <style> elements."""
    scripts = {sha256_source(s.string or "") for s in soup.find_all("script")
               if not s.has_attr("src") and (s.get("type") or "").strip().lower() in JS_TYPES}
    return scripts, {sha256_source(s.string or "") for s in soup.find_all("style")}


def address(root: str, site: Path, path: Path) -> str:
    relative = path.relative_to(site).as_posix()
    return root + (relative.removesuffix("index.html") if root.startswith("http") else relative)


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


def site_path(site: Path) -> str:
    """The path of `site_url`, where hosts serve the site (404.html links from it), from the home page."""
    canonical = soup_of(site / "index.html").find("link", rel="canonical")["href"]
    return urlsplit(canonical).path.strip("/")


@contextmanager
def serve_with_headers(site: Path, sub_path: str):
    """The site at its path, as a host serves it, each response with the headers `_headers` gives."""
    rules = header_rules((site / "_headers").read_text(encoding="utf-8"))
    prefix = "/" + sub_path if sub_path else ""

    class Handler(QuietHandler):
        def end_headers(self):
            path = urlsplit(self.path).path.removeprefix(prefix)
            for name, value in (h for pattern, headers in rules if matches(pattern, path) for h in headers):
                self.send_header(name, value)
            super().end_headers()

    root = site
    if sub_path:
        root = Path(tempfile.mkdtemp(prefix="served-"))
        (root / sub_path).parent.mkdir(parents=True, exist_ok=True)
        (root / sub_path).symlink_to(site.resolve(), target_is_directory=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{prefix}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def headers_url(site):
    with serve_with_headers(site, site_path(site)) as url:
        yield url


# --- one visit of everything, in Chromium --------------------------------------------------

@dataclass
class Visit:
    """What the browser saw while reading every page, searching and switching language."""
    loaded: int = 0
    foreign: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    stored: list[str] = field(default_factory=list)


def search_for(tab, query: str) -> None:
    box = tab.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")
    expect(tab.locator(".md-search-result__item").first).to_be_visible(timeout=15000)


def visit(browser, site: Path, root: str, scope: str) -> Visit:
    """Every HTML file, light and dark; on each home page: search, the palette, another language."""
    seen = Visit()
    for scheme in SCHEMES:
        context = browser.new_context(color_scheme=scheme)
        context.add_init_script(RECORD_VIOLATIONS)
        origin = "{0.scheme}://{0.netloc}/".format(urlsplit(root))
        own = (origin if root.startswith("http") else "file:", "data:", "blob:", "about:")
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(own)
                      else (seen.foreign.append(route.request.url), route.abort()))
        tab = context.new_page()
        tab.on("console", lambda m: re.search(r"Content[ -]Security[ -]Policy", m.text, re.I)
               and seen.violations.append(f"{tab.url}: {m.text}"))

        def read(url: str) -> None:
            if tab.url == url:  # still here (a redirect stub has moved on: its console still counts)
                seen.violations.extend(f"{url}: {v}" for v in tab.evaluate("window.__violations"))

        for path in html_files(site):
            url = address(root, site, path)
            tab.goto(url, wait_until="networkidle")
            seen.loaded += 1
            read(url)
        for index, locale in enumerate(LOCALES):
            url = address(root, site, site / HOME[locale] / "index.html")
            tab.goto(url)
            search_for(tab, "Amnesty")
            tab.keyboard.press("Escape")
            tab.locator("form[data-md-component=palette] label:visible").first.click()
            read(url)
            other = LOCALES[(index + 1) % len(LOCALES)]
            tab.locator(".md-header .md-select").hover()
            tab.locator(f"a.md-select__link[hreflang={other}]").click()
            expect(tab.locator("html")).to_have_attribute("lang", other)
            tab.wait_for_load_state("networkidle")
            read(tab.url)
        seen.stored += [f"cookie {c['name']} ({c['domain']})" for c in context.cookies()]
        keys = tab.evaluate("[...Object.keys(localStorage), ...Object.keys(sessionStorage)]")
        seen.stored += [key for key in keys if not (key.startswith(scope + ".")
                                                    and key[len(scope) + 1:] in MATERIAL_PREFERENCES)]
        context.close()
    return seen


@pytest.fixture(scope="session")
def online_visit(browser, site, headers_url) -> Visit:
    return visit(browser, site, headers_url, urlsplit(headers_url).path)


@pytest.fixture(scope="session")
def offline_visit(browser, offline_site) -> Visit:
    root = offline_site.as_uri() + "/"
    return visit(browser, offline_site, root, urlsplit(root).path)


def test_no_page_requests_anything_from_another_host_online_or_offline(online_visit, offline_visit, gates):
    foreign = online_visit.foreign + offline_visit.foreign
    gates["pages read (online, file://; light and dark)"] = f"{online_visit.loaded}, {offline_visit.loaded}"
    gates["requests leaving the site"] = str(len(foreign))
    assert online_visit.loaded and offline_visit.loaded
    assert foreign == []


def test_the_browser_keeps_no_cookie_and_no_storage_but_materials_palette(online_visit, offline_visit, gates):
    stored = online_visit.stored + offline_visit.stored
    gates["cookies and stored keys beyond the palette"] = str(len(stored))
    assert stored == []


def test_no_page_reports_a_csp_violation_while_reading_searching_and_switching_language(online_visit, offline_visit, gates):
    violations = online_visit.violations + offline_visit.violations
    gates["CSP violations reported by Chromium"] = str(len(violations))
    assert violations == []


# --- the policy in the built files ---------------------------------------------------------

def policy_problems(soup: BeautifulSoup) -> list[str]:
    """What is missing or loose in one page's CSP meta, or stale in its hashes."""
    meta = soup.find("meta", attrs={"http-equiv": re.compile("^content-security-policy$", re.I)})
    if meta is None:
        return ["no CSP meta"]
    problems = []
    if meta.find_previous(["script", "style", "link"]) is not None:
        problems.append("the CSP meta comes after a script, style or link")
    policy = directives(meta["content"])
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
    if (hashed := {s for s in scripts if s.startswith("'sha")}) != run:
        problems.append(f"script hashes {sorted(hashed)} are not those of the inline scripts {sorted(run)}")
    if (hashed := {s for s in styles if s.startswith("'sha")}) != styled:
        problems.append(f"style hashes {sorted(hashed)} are not those of the <style> elements {sorted(styled)}")
    if "'unsafe-inline'" in styles:
        problems.append("style-src allows 'unsafe-inline'")
    handlers = {a for tag in soup.find_all(True) for a in tag.attrs if a.lower().startswith("on") or a.lower() == "style"}
    problems += [f"{a} attribute (CSP blocks it)" for a in sorted(handlers)]
    problems += [f"javascript: URL {a['href']}" for a in soup.find_all(href=re.compile(r"^\s*javascript:", re.I))]
    return problems


def test_every_page_has_a_strict_csp_with_the_hashes_of_its_own_inline_code(site, offline_site, gates):
    failures = [(f"{root.name}/{path.relative_to(root).as_posix()}", problem)
                for root in (site, offline_site) for path in html_files(root)
                for problem in policy_problems(soup_of(path))]
    gates["pages without a strict CSP"] = str(len({page for page, _ in failures}))
    assert failures == []


def test_the_headers_file_sends_the_policy_and_the_privacy_headers(site):
    rules = dict(header_rules((site / "_headers").read_text(encoding="utf-8")))
    headers = dict(rules.get("/*", []))
    assert headers.get("X-Content-Type-Options") == "nosniff"
    assert headers.get("Referrer-Policy") == "no-referrer"
    denied = {feature.split("=")[0] for feature in headers.get("Permissions-Policy", "").split(", ") if feature.endswith("=()")}
    assert {"camera", "microphone", "geolocation", "browsing-topics"} <= denied
    policy = directives(headers.get("Content-Security-Policy", ""))
    assert policy.get("frame-ancestors") == ["'none'"]
    assert policy.get("object-src") == ["'none'"] and policy.get("default-src") == ["'self'"]
    assert not {"'unsafe-inline'", "'unsafe-eval'"} & set(policy.get("script-src", []))
    blocked = []  # a page's own hashes must pass the header's policy too: browsers enforce both
    for path in html_files(site):
        scripts, styles = inline_code_hashes(soup_of(path))
        blocked += [(path.relative_to(site).as_posix(), h) for h in scripts - set(effective(policy, "script-src"))]
        blocked += [(path.relative_to(site).as_posix(), h) for h in styles - set(effective(policy, "style-src"))]
    assert blocked == []


def test_the_csp_hook_hashes_only_code_a_browser_runs_and_places_one_meta_first():
    page = (ROOT / "tests/data/trust-inline.html").read_text(encoding="utf-8").replace("var crlf = 1;\n", "var crlf = 1;\r\n")
    secured = BeautifulSoup(csp.secure(page), "lxml")
    metas = secured.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert len(metas) == 1
    assert [t.name for t in secured.head.find_all(True)][:2] == ["meta", "meta"]
    assert secured.head.find("meta")["charset"] == "utf-8"
    policy = directives(metas[0]["content"])
    scripts, styles = inline_code_hashes(secured)
    assert len(scripts) == 3 and len(styles) == 1  # run, module, crlf; not JSON, not src
    assert set(policy["script-src"]) == {"'self'", *scripts}
    assert set(policy["style-src"]) == {"'self'", *styles}
    assert csp.secure(csp.secure(page)) == csp.secure(page)


# --- accessibility ---------------------------------------------------------------------------

def axe_violations(tab) -> list[dict]:
    """axe-core's violations of AXE_TAGS, once the page's transitions (search opening) have ended."""
    tab.evaluate("Promise.all(document.getAnimations().map(a => a.finished))")
    tab.add_script_tag(path=str(AXE))
    return tab.evaluate("""tags => axe.run(document, {runOnly: {type: "tag", values: tags}})
        .then(r => r.violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(" "))})))""", AXE_TAGS)


def test_axe_finds_no_wcag_2_2_a_or_aa_violation_on_any_page_light_or_dark(browser, site, headers_url, gates):
    assert AXE.is_file(), "axe-core is missing: run `npm ci` (make test does)"
    failures = []
    checked = 0
    for scheme in SCHEMES:
        context = browser.new_context(color_scheme=scheme, bypass_csp=True)  # axe is injected inline
        tab = context.new_page()
        for path in html_files(site):
            if is_redirect(soup_of(path)):
                continue  # a stub that moves on; its target is checked
            tab.goto(address(headers_url, site, path), wait_until="networkidle")
            failures += [(scheme, path.relative_to(site).as_posix(), v) for v in axe_violations(tab)]
            checked += 1
        for locale in LOCALES:  # and the search dialog, open with results
            tab.goto(address(headers_url, site, site / HOME[locale] / "index.html"))
            search_for(tab, "Amnesty")
            failures += [(scheme, f"{locale} search", v) for v in axe_violations(tab)]
        context.close()
    gates["axe violations (WCAG 2.2 A, AA; light and dark)"] = f"{len(failures)} on {checked} page views"
    assert failures == []


def interface_strings(locale: str) -> dict[str, str]:
    partial = ROOT / "overrides/partials/languages/kk.html" if locale == "kk" else MATERIAL_LANGUAGES / f"{locale}.html"
    return ui_strings(partial)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_search_dialog_opens_from_the_keyboard_and_is_named_in_the_pages_language(page, base_url, locale):
    name = interface_strings(locale)["search.placeholder"]
    page.goto(base_url + HOME[locale])
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    expect(box).to_be_focused()
    expect(box).to_have_accessible_name(name)
    expect(page.get_by_role("dialog", name=name)).to_have_count(1)
    page.keyboard.type("Amnesty")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15000)
    page.keyboard.press("Escape")
    expect(box).not_to_be_focused()


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

def test_the_nu_html_checker_finds_no_error_in_any_built_file(site, offline_site, gates):
    """vnu.jar from npm's vnu-jar, the current checker, with no message ignored; one run for all files."""
    assert VNU.is_file(), "vnu-jar is missing: run `npm ci` (make test does)"
    files = [str(p) for root in (site, offline_site) for p in html_files(root)]
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
                            capture_output=True, text=True)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [(m.get("url", "").rsplit("/", 3)[-3:], m.get("lastLine"), m["message"])
              for m in messages if m["type"] in ("error", "non-document-error")]
    gates["Nu HTML Checker errors"] = f"{len(errors)} in {len(files)} files"
    assert len(files) > 30
    assert errors == []
    assert result.returncode == 0, result.stderr[-2000:]


# --- pinned dependencies --------------------------------------------------------------------------

REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(.*)$")


def requirement_lines(text: str) -> list[str]:
    """Logical lines (continuations joined), without comments, blank lines or options."""
    joined = re.sub(r"\\\n", " ", text)
    lines = [re.sub(r"(^|\s)#.*$", "", line).strip() for line in joined.splitlines()]
    return [line for line in lines if line and not line.startswith("-")]


def test_every_python_package_is_pinned_with_hashes(gates):
    locked = requirement_lines((ROOT / "requirements.txt").read_text(encoding="utf-8"))
    direct = requirement_lines((ROOT / "requirements.in").read_text(encoding="utf-8"))
    unpinned = [line.split()[0] for line in locked if not re.match(r"^[A-Za-z0-9._\[\],-]+==\S+\s", line + " ")
                or "--hash=sha256:" not in line]
    unpinned += [f"requirements.in: {line}" for line in direct if not re.fullmatch(r"[A-Za-z0-9._\[\],-]+==[^\s;]+", line)]
    versions = {REQUIREMENT.match(line).group(1).lower().replace("_", "-"): line.split("==")[1].split()[0] for line in locked if "==" in line}
    unpinned += [f"requirements.in: {line} is not in requirements.txt" for line in direct
                 if versions.get(line.split("==")[0].lower().replace("_", "-")) != line.split("==")[-1]]
    npm = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    wanted = {**npm.get("dependencies", {}), **npm.get("devDependencies", {})}
    unpinned += [f"package.json: {name} {version}" for name, version in wanted.items()
                 if not re.fullmatch(r"\d+\.\d+\.\d+", version)]
    installed = {name: entry for name, entry in lock["packages"].items() if name}
    unpinned += [f"package-lock.json: {name}" for name, entry in installed.items()
                 if not entry.get("version") or not entry.get("integrity", "").startswith("sha512-")]
    unpinned += [f"package-lock.json: {name} is not {version}" for name, version in wanted.items()
                 if installed.get(f"node_modules/{name}", {}).get("version") != version]
    gates["unpinned dependencies"] = f"{len(unpinned)} of {len(locked) + len(installed)} packages"
    assert len(locked) >= len(direct) and installed
    assert unpinned == []


def test_installs_check_the_pins():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes" in makefile
    assert re.search(r"^\tnpm ci\b", makefile, re.M)
