"""The built site served as hosts serve it: a missing address answered 404 with a 404.html.

`NEAREST` is Cloudflare Pages' rule (the nearest 404.html up the path: `/ru/x` gets
`/ru/404.html`), which nginx gives with one `error_page` per language folder; `ROOT` is GitHub
Pages' (the site's root 404.html for every missing address).
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from browser import QuietHandler, loopback

NEAREST, ROOT = "nearest", "root"


class HostHandler(QuietHandler):
    rule = NEAREST

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        site = Path(self.directory)
        folder = PurePosixPath(unquote(urlsplit(self.path).path))
        candidates = [folder, *folder.parents] if self.rule == NEAREST else [PurePosixPath("/")]
        page = next(site / c.relative_to("/") / "404.html" for c in candidates
                    if (site / c.relative_to("/") / "404.html").is_file())
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def host(site: Path, rule: str = NEAREST):
    """Serve `site` at http://127.0.0.1:<port>/, missing addresses by `rule`; yields the address."""
    with loopback(type("Handler", (HostHandler,), {"rule": rule}), site) as root:
        yield root
