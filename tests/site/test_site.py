"""The built HTML: languages, titles, the Kazakh interface, and links that resolve."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from project import LOCALES, PAGE_NAMES, ROOT

import material

MATERIAL_LANGUAGES = Path(material.__file__).parent / "templates/partials/languages"
UI_KEY = re.compile(r'^\s*"([\w.]+)": "((?:[^"\\]|\\.)*)",?$', re.M)


def ui_strings(path: Path) -> dict[str, str]:
    return dict(UI_KEY.findall(path.read_text(encoding="utf-8")))


def test_built_pages_are_exactly_the_pages_in_every_language(site):
    built = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html")
                   if not p.relative_to(site).as_posix().startswith("s/"))  # short addresses: test_campaign.py
    expected = sorted(("" if locale == "kk" else f"{locale}/") + ("" if name == "index" else f"{name}/") + "index.html"
                      for locale in LOCALES for name in PAGE_NAMES)
    assert built == expected


def test_each_page_declares_its_language_title_and_description(pages):
    import yaml
    failures = []
    for page in pages:
        soup = page.soup()
        meta = yaml.safe_load(page.source.read_text(encoding="utf-8").split("---")[1])
        if soup.html["lang"] != page.locale:
            failures.append((page.url, "lang", soup.html["lang"]))
        if not soup.title.string.startswith(meta["title"]):
            failures.append((page.url, "title", soup.title.string))
        if soup.find("meta", attrs={"name": "description"})["content"] != meta["description"]:
            failures.append((page.url, "description"))
        for mark in soup.select(".headerlink"):
            mark.decompose()
        if soup.h1.get_text(strip=True) != meta["title"]:
            failures.append((page.url, "h1", soup.h1.get_text(strip=True)))
    assert failures == []


def test_site_name_is_in_the_pages_language(pages):
    names = {"kk": "Жазба жарияламастан бұрын ойлан", "ru": "Подумай, прежде чем публиковать", "en": "Think before you post"}
    for page in pages:
        assert page.soup().select_one(".md-header__topic .md-ellipsis").get_text(strip=True) == names[page.locale]


def test_no_english_or_russian_left_in_the_kazakh_interface(pages):
    kazakh = set(ui_strings(ROOT / "overrides/partials/languages/kk.html").values())
    foreign = {v for lang in ("en", "ru") for v in ui_strings(MATERIAL_LANGUAGES / f"{lang}.html").values()
               if len(v) > 3 and v not in kazakh}
    foreign |= {"Switch to dark mode", "Switch to light mode", "Переключить на тёмную тему", "Переключить на светлую тему"}
    failures = []
    for page in (p for p in pages if p.locale == "kk"):
        soup = page.soup()
        soup.select_one("article").decompose()  # the report's own text may quote English names
        config = json.loads(soup.select_one("#__config").string)
        shown = [*config["translations"].values(), soup.get_text(" ")]
        shown += [v for tag in soup.find_all(True) for a, v in tag.attrs.items() if a in ("aria-label", "title", "placeholder")]
        failures += [(page.url, text) for text in foreign if any(text in s for s in shown)]
    assert failures == []


@pytest.fixture(scope="module")
def documents(site) -> dict[Path, BeautifulSoup]:
    """Every built HTML file, parsed once for the checks below."""
    return {html: BeautifulSoup(html.read_text(encoding="utf-8"), "lxml") for html in sorted(site.rglob("*.html"))}


def internal_targets(site: Path, documents: dict[Path, BeautifulSoup]):
    """Every internal reference of every built HTML file: (file, target file, fragment)."""
    for html, soup in documents.items():
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for node in soup.find_all(tag, attrs={attr: True}):
                url = urlsplit(node[attr])
                if url.scheme or url.netloc or node[attr].startswith("mailto:"):
                    continue
                # 404.html is served at any missing address, so its links are absolute from site_url
                base = site if url.path.startswith("/") and html.name == "404.html" else html.parent
                target = (base / unquote(url.path).lstrip("/")).resolve() if url.path else html
                if target.is_dir():
                    target = target / "index.html"
                yield html, node[attr], target, url.fragment


def test_every_internal_link_and_anchor_resolves(site, documents):
    ids: dict[Path, set[str]] = {}
    broken = []
    checked = 0
    for html, link, target, fragment in internal_targets(site, documents):
        checked += 1
        if not target.is_file():
            broken.append((html.relative_to(site).as_posix(), link, "no such file"))
            continue
        if fragment and target.suffix == ".html":
            if target not in ids:
                ids[target] = {n["id"] for n in BeautifulSoup(target.read_text(encoding="utf-8"), "lxml").find_all(id=True)}
            if unquote(fragment) not in ids[target]:
                broken.append((html.relative_to(site).as_posix(), link, "no such anchor"))
    assert checked > 500
    assert broken == []


def test_every_link_has_an_address_search_engines_can_follow(site, documents):
    """Lighthouse's SEO check "links are crawlable": no <a> without href, none to javascript:."""
    assert any(p.name == "404.html" for p in documents)
    bad = [(p.relative_to(site).as_posix(), str(a)[:80]) for p, soup in documents.items() for a in soup.find_all("a")
           if not a.get("href", "").strip() or a["href"].lower().startswith("javascript:")]
    assert bad == []


def test_language_links_point_at_the_same_page_in_each_language(pages):
    failures = []
    for page in pages:
        links = {a["hreflang"]: a["href"] for a in page.soup().select("a.md-select__link[hreflang]")}
        for locale in LOCALES:
            target = (page.path.parent / links.get(locale, "missing")).resolve() / "index.html"
            expected = (page.site / ("" if locale == "kk" else locale) / ("" if page.name == "index" else page.name) / "index.html").resolve()
            if target != expected:
                failures.append((page.url, locale, links.get(locale)))
    assert failures == []


def test_no_web_fonts_and_no_third_party_assets(site, documents):
    failures = []
    for html, soup in documents.items():
        for node in soup.select("script[src], link[rel=stylesheet], link[rel=preconnect], img[src], iframe"):
            ref = node.get("src") or node.get("href") or ""
            if urlsplit(ref).netloc:
                failures.append((html.relative_to(site).as_posix(), ref))
    for css in site.rglob("*.css"):
        if re.search(r"fonts\.(googleapis|gstatic)\.com|@import\s+url\(\s*['\"]?https?:", css.read_text(encoding="utf-8")):
            failures.append((css.relative_to(site).as_posix(), "remote font"))
    assert failures == []
