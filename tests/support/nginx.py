"""nginx as `make preview` runs it (deploy/preview.py), on a free loopback port, and what it answers."""

from __future__ import annotations

import http.client
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import preview  # deploy/preview.py
import pytest
from trust import headers

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


PAGE = ('<!doctype html><html><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'"></head><body>{}</body></html>')


def small_site(folder: Path, files: dict[str, str], onion: str = "") -> Path:
    """A site of `files` (and a 404 page) with its header files, as the build writes them."""
    for name, text in {"404.html": PAGE.format("not found"), **files}.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    headers.write(folder, onion)
    return folder
