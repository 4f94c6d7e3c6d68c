"""The real servers: nginx with the repository's configuration, the hosts' `_headers`, GitHub Pages.

nginx (Debian's nginx-light) serves the built site at the root of its host, started as `make
preview` starts it: deploy/nginx.conf and the build's site/_nginx.conf. What it sends is checked
against site/_headers, which Netlify and Cloudflare Pages read, so the two cannot drift. The site
under a sub-path, as GitHub Pages serves a project, is what the other tests' server does (conftest
`base_url`).
"""

from __future__ import annotations

import http.client
import posixpath
import re
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from browser import header_rules, matches
from test_trust import soup_of

from trust import headers

sys.path.insert(0, str(ROOT / "deploy"))
import preview  # noqa: E402  (deploy/preview.py, what `make preview` runs)

ONION = "http://" + ("thinkbeforeyoupost" * 4)[:56] + ".onion/"
CACHE = headers.Rules  # its cache values
WORKFLOW = ROOT / ".github/workflows/pages.yml"
PAGE = ('<!doctype html><html><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'"></head><body>{}</body></html>')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def nginx_serving(site: Path, prefix: Path):
    """nginx serving `site` on a free loopback port, as `make preview` runs it, until the block ends."""
    port = free_port()
    try:
        command = preview.command(preview.configure(site, prefix, port))
    except SystemExit as error:  # no nginx, no built site, a configuration nginx rejects
        pytest.fail(str(error))
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(100):
            if process.poll() is not None:
                pytest.fail(f"nginx stopped: {process.stderr.read()}")
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def fetch(host: str, path: str, method: str = "GET", **sent) -> http.client.HTTPResponse:
    """One response, its body read, nothing decompressed."""
    connection = http.client.HTTPConnection(host, timeout=10)
    connection.request(method, path, headers={name.replace("_", "-"): value for name, value in sent.items()})
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def small_site(folder: Path, files: dict[str, str], onion: str = "") -> Path:
    """A site of `files` (and a 404 page) with its header files, as the build writes them."""
    for name, text in {"404.html": PAGE.format("not found"), **files}.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    headers.write(folder, "default-src 'self'", onion)
    return folder


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
                           ("/download/report-kk.html", False), ("/assets/nothing.css", True)]:  # answered by 404.html
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


def test_zim_car_and_web_manifest_files_get_their_types(tmp_path):
    site = small_site(tmp_path / "site", {"report.zim": "z", "report.car": "c", "manifest.webmanifest": "{}"})
    with nginx_serving(site, tmp_path / "nginx") as host:
        assert fetch(host, "/report.zim", "HEAD").getheader("Content-Type") == "application/x-zim"
        assert fetch(host, "/report.car", "HEAD").getheader("Content-Type") == "application/vnd.ipld.car"
        assert fetch(host, "/manifest.webmanifest", "HEAD").getheader("Content-Type") == "application/manifest+json; charset=utf-8"


def test_onion_location_is_sent_only_when_onion_url_is_set(tmp_path):
    """nginx names the same address on the onion; `_headers` the onion's home page (Netlify cannot
    put the path in a header)."""
    files = {"index.html": PAGE.format("home"), "ru/index.html": PAGE.format("басты бет")}
    plain = small_site(tmp_path / "plain", files)
    assert "onion" not in (plain / "_headers").read_text().lower() + (plain / "_nginx.conf").read_text().lower()
    with nginx_serving(plain, tmp_path / "nginx-plain") as host:
        assert fetch(host, "/ru/", "HEAD").getheader("Onion-Location") is None
    onion = small_site(tmp_path / "onion", files, ONION)
    assert ("Onion-Location", ONION) in dict(header_rules((onion / "_headers").read_text()))["/ru/"]
    with nginx_serving(onion, tmp_path / "nginx-onion") as host:
        for path in ["/ru/?q=1", "/no/such/page"]:
            assert fetch(host, path, "HEAD").getheader("Onion-Location") == ONION.removesuffix("/") + path
    # A wrong ONION_URL never reaches this step: the build refuses it (test_release.py).


def test_a_configuration_nginx_rejects_stops_with_nginxs_own_message(tmp_path):
    site = small_site(tmp_path / "site", {"index.html": PAGE.format("home")})
    with (site / "_nginx.conf").open("a") as conf:
        conf.write("add_header X-Broken;\n")
    with pytest.raises(SystemExit, match=r"nginx rejects the configuration:\n.*invalid number of arguments .*_nginx.conf:\d+"):
        preview.configure(site, tmp_path / "nginx", free_port())


def test_preview_without_a_built_site_says_to_run_make_build(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "deploy/preview.py"), str(tmp_path / "site"), "8080"],
                            capture_output=True, text=True)
    assert result.returncode == 1 and "run `make build` first" in result.stderr


def test_the_pages_workflow_is_valid_and_builds_with_the_readmes_commands_for_its_address():
    checker = Path(sys.executable).parent / "check-jsonschema"
    assert checker.exists(), "check-jsonschema is missing: run `make .venv/bin/pytest` (requirements/tests.txt)"
    result = subprocess.run([str(checker), "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    steps = [step for job in jobs.values() for step in job["steps"]]
    assert all(re.fullmatch(r"[\w-]+/[\w-]+@[0-9a-f]{40}", step["uses"]) for step in steps if "uses" in step)
    configure = next(step for step in steps if step.get("uses", "").startswith("actions/configure-pages@"))
    build = next(step for step in steps if "make" in step.get("run", "").split() and "build" in step["run"].split())
    assert build["env"]["SITE_URL"] == "${{ steps.%s.outputs.base_url }}/" % configure["id"]
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
