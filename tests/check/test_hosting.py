"""nginx as `make preview` runs it, on small sites the header step writes (types, Onion-Location,
a configuration nginx rejects), `make preview` without a site, and the GitHub Pages workflow.
The built site served by nginx: tests/site/test_hosting.py."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from project import ROOT
from browser import header_rules


import preview  # deploy/preview.py, what `make preview` runs (pytest.ini's pythonpath)
from nginx import PAGE, fetch, free_port, nginx_serving, small_site


ONION = "http://" + ("thinkbeforeyoupost" * 4)[:56] + ".onion/"
WORKFLOW = ROOT / ".github/workflows/pages.yml"


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
