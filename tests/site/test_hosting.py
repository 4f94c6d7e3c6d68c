"""The real servers: nginx with the repository's configuration, the hosts' `_headers`, GitHub Pages.

nginx (Debian's nginx-light) serves the built site at the root of its host, started as `make
preview` starts it: deploy/nginx.conf and the build's site/_nginx.conf. What it sends is checked
against site/_headers, which Netlify and Cloudflare Pages read, so the two cannot drift. The site
under a sub-path, as GitHub Pages serves a project, is what the other tests' server does (conftest
`base_url`).
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from browser import header_rules, matches
from project import soup_of

from trust import headers

from nginx import fetch, nginx_serving

CACHE = headers.Rules  # its cache values


@pytest.fixture(scope="module")
def served(site, tmp_path_factory):
    with nginx_serving(site, tmp_path_factory.mktemp("nginx")) as host:
        yield host


@pytest.fixture(scope="module")
def rules(site) -> list[tuple[str, list[tuple[str, str]]]]:
    return header_rules((site / "_headers").read_text(encoding="utf-8"))


def hashed_assets(site: Path) -> set[str]:
    """The stylesheet and the scripts whose names carry a hash (of any length), as the home page links them."""
    home = soup_of(site / "index.html")
    links = [l["href"] for l in home.find_all("link", rel="stylesheet")] + [s["src"] for s in home.find_all("script", src=True)]
    return {"/" + link.lstrip("./") for link in links if re.search(r"\.[0-9a-f]{6,}\.", link)}


def stylesheet(site: Path) -> str:
    return next(path for path in hashed_assets(site) if path.endswith(".css"))


def test_nginx_sends_every_header_of_the_headers_file(site, served, rules):
    """A page, a short address, a 404 page, a hashed asset, a download and a missing asset get what
    `_headers` gives them: the page policy with documents only (a missing asset's answer is the 404 page)."""
    for path, document in [("/", True), ("/ru/about/", True), ("/s/kk/4/", True), ("/404.html", True),
                           (stylesheet(site), False), ("/download/report-offline.zip", False),
                           ("/download/report-kk.html", False), ("/assets/nothing.css", True)]:
        response = fetch(served, path, "HEAD")
        expected = {"Cache-Control": CACHE.cache_other,
                    **{name: value for pattern, sent in rules if matches(pattern, path) for name, value in sent}}
        assert {name: response.getheader(name) for name in expected} == expected, path
        sent = {name.lower() for name, _ in response.getheaders()}
        assert ("content-security-policy" in sent) == ("permissions-policy" in sent) == document, path
        assert "Onion-Location" not in expected


def test_the_hosts_files_are_never_handed_out(site, served):
    for path in ["/_headers", "/_nginx.conf", "/_headers.gz", "/_nginx.conf.gz"]:
        response = fetch(served, path)
        assert response.status == 404 and response.body == (site / "404.html").read_bytes(), path


def test_a_first_view_has_less_than_4000_bytes_of_headers(site, served):
    """Every page's request and what it loads before it can be read (its stylesheet, scripts and
    icon): their response headers, as nginx sends them, gzip accepted."""
    worst = 0
    for page in [p for p in site.rglob("index.html") if not p.relative_to(site).as_posix().startswith("s/")]:
        path = "/" + page.relative_to(site).as_posix().removesuffix("index.html")
        soup = soup_of(page)
        loaded = [l["href"] for l in soup.find_all("link", rel=["stylesheet", "icon"])] + [s["src"] for s in soup.find_all("script", src=True)]
        sizes = []
        for address in [path, *(posixpath.normpath(posixpath.join(path, a)) for a in loaded)]:
            response = fetch(served, address, Accept_Encoding="gzip")
            assert response.status == 200, address
            sizes.append(len(f"HTTP/1.1 {response.status} {response.reason}\r\n") + 2 +
                         sum(len(f"{name}: {value}\r\n") for name, value in response.getheaders()))
        worst = max(worst, sum(sizes))
        assert sum(sizes) <= 4000, (path, sizes)
    assert worst > 500  # the measure measured something


def test_the_headers_file_caches_hashed_names_for_a_year_and_leaves_the_rest_to_the_host(site, rules):
    """Cloudflare Pages joins the values of every matching rule: `/*` names no Cache-Control, and each
    hashed file is named alone; the hosts' own default (revalidate) covers the rest."""
    every_path, *others = rules
    assert every_path[0] == "/*" and "Cache-Control" not in dict(every_path[1])
    others = [(pattern, sent) for pattern, sent in others if "Content-Security-Policy" not in dict(sent)]
    assert all(sent == [("Cache-Control", CACHE.cache_hashed)] for _, sent in others)
    cached = {pattern for pattern, _ in others}
    assert hashed_assets(site) <= cached and all((site / path.lstrip("/")).is_file() for path in cached)


def test_nginx_caches_and_types_every_file_as_its_name_says(site, served, rules):
    """Immutable for a year exactly where `_headers` says so, revalidated elsewhere; a type for each."""
    cached = {pattern for pattern, sent in rules if ("Cache-Control", CACHE.cache_hashed) in sent}
    wrong = []
    for path in sorted(p for p in site.rglob("*") if p.is_file() and p.suffix not in {".gz", ".br"}
                       and p.name not in {"_headers", "_nginx.conf"}):  # twins, and the files for the hosts
        address = "/" + path.relative_to(site).as_posix()
        response = fetch(served, address, "HEAD")
        cache = CACHE.cache_hashed if address in cached else CACHE.cache_other
        typed = path.suffix == "" or response.getheader("Content-Type") != "application/octet-stream"
        if response.status != 200 or response.getheader("Cache-Control") != cache or not typed:
            wrong.append((address, response.status, response.getheader("Cache-Control"), response.getheader("Content-Type")))
    assert wrong == []
    assert fetch(served, "/", "HEAD").getheader("Content-Type") == "text/html; charset=utf-8"
    assert fetch(served, stylesheet(site), "HEAD").getheader("Content-Type") == "text/css; charset=utf-8"


def test_a_missing_address_gets_its_languages_404_page_with_the_404_status(site, served):
    """The nearest 404.html up the path, as Cloudflare Pages serves it."""
    for path, page in [("/no/such/page/", "404.html"), ("/ru/nowhere", "ru/404.html"), ("/en/a/b", "en/404.html"),
                       ("/assets/nothing.css", "404.html")]:
        response = fetch(served, path)
        assert (response.status, response.body) == (404, (site / page).read_bytes()), path


def test_readers_that_accept_gzip_get_the_gzip_twin_as_it_is(site, served):
    """Debian's nginx-light has no brotli module: a reader accepting only br gets the file itself."""
    for path, file in [("/", "index.html"), (stylesheet(site), stylesheet(site).lstrip("/"))]:
        gzipped = fetch(served, path, Accept_Encoding="gzip")
        assert gzipped.getheader("Content-Encoding") == "gzip" and gzipped.getheader("Vary") == "Accept-Encoding"
        assert gzipped.body == (site / f"{file}.gz").read_bytes()
        for accepted in ["br", None]:
            plain = fetch(served, path, **({"Accept_Encoding": accepted} if accepted else {}))
            assert plain.getheader("Content-Encoding") is None and plain.body == (site / file).read_bytes()


    # A wrong ONION_URL never reaches this step: the build refuses it (test_release.py).
