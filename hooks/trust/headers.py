"""The site root ships its response headers, from one set of rules, for the hosts that read them.

`_headers` for Netlify and Cloudflare Pages; `_nginx.conf`, the same rules in nginx's words
(hooks/trust/nginx.py), which the site's server block includes with deploy/nginx.conf. Both are
written here, together, so they cannot drift. Neither is handed out: Netlify and Cloudflare Pages
read them and serve neither, and deploy/nginx.conf answers 404 for both.

Every response gets `X-Content-Type-Options` and `Referrer-Policy`. HTML documents alone (the
pages, the short addresses' pages, the 404 pages; not the downloads, which bring their own policy)
also get what the page policy's `<meta>` cannot say (`frame-ancestors 'none'`), `Permissions-Policy`,
and,
with `ONION_URL` set at build time, `Onion-Location` (nginx names the same page on the onion,
`_headers` the onion's home page: Cloudflare Pages could put the path in a header value, `:splat`,
but Netlify sends that literally, and one file serves both). A stylesheet, script or image needs
none of those: sent with each, they weighed 1.8 kB per response. The page policy itself
(hooks/trust/csp.py) is the `<meta>` at the top of every page, where every copy and host gets it
(file://, GitHub Pages, Kiwix); a browser enforces it and the header's `frame-ancestors` together,
so repeating it in the header would only add its 560 bytes to each page's first round trip. `_headers` names each document's
path (a folder of documents only, like `s/`, by `/s/*`); nginx tells a document by its path
(`/`, `…/`, `….html`, outside `download/`). The offline (file://) build reads no headers and gets
none; GitHub Pages sends none (the README says what remains there).

Caching: a file whose name carries a hash of its content (`site.<8 hex>.css`, `icons.<8 hex>.svg`,
Material's `bundle.<8 hex>.min.js`) is kept for a year, `immutable`: new content gets a new name.
Every other file is revalidated on each use (`max-age=0, must-revalidate`), so a correction
reaches readers at once: that is what Netlify and Cloudflare Pages send when `_headers` names no
`Cache-Control`, and what nginx is told to send. `_headers` cannot say it itself: Cloudflare Pages
joins the values of every rule that matches a path, so `/*` must carry no `Cache-Control`; the
hashed files are listed one by one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


from trust import nginx


HASHED = re.compile(r"\.[0-9a-f]{8}(?:\.min)?\.(?:css|js|svg)$")  # as hooks/weight/ and Material name them
OWN_POLICY = "download/"  # the downloads bring their own policy (hooks/trust/csp.py leaves them alone)

HEADER_ONLY = {"frame-ancestors": ["'none'"]}  # ignored, with a console warning, in a <meta>
EVERY_RESPONSE = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
# Permissions-Policy names features browsers know: `browsing-topics` is the successor of FLoC's
# `interest-cohort`, which browsers dropped and Chromium now reports as an error in the console.
PERMISSIONS = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture", "geolocation",
    "gyroscope", "magnetometer", "microphone", "midi", "payment", "usb"))


@dataclass(frozen=True)
class Rules:
    """The headers of every response, those of HTML documents (at `documents`: `/ru/`, `/s/*`), and
    the paths (`/assets/…`) of the files named by their content."""
    every_path: dict[str, str]
    document: dict[str, str]
    documents: list[str]
    hashed: list[str]
    cache_hashed: str = "public, max-age=31536000, immutable"
    cache_other: str = "public, max-age=0, must-revalidate"


def document_paths(site: Path) -> list[str]:
    """The request path of every HTML document but the downloads: `/`, `/ru/about/`, `/404.html`; a
    top folder holding several documents and nothing else, by one pattern (`/s/*`), so that the
    file stays within Cloudflare Pages' 100 rules."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    pages = [p for p in pages if not p.startswith(OWN_POLICY)]
    others = {p.relative_to(site).as_posix().split("/")[0] for p in site.rglob("*")
              if p.is_file() and not p.name.endswith((".html", ".html.gz", ".html.br"))}
    tops = [page.split("/")[0] for page in pages if "/" in page]
    whole = {top for top in tops if tops.count(top) > 1} - others
    paths = [f"/{folder}/*" for folder in sorted(whole)]
    for page in pages:
        if page.split("/")[0] not in whole or "/" not in page:
            paths.append("/" + (page.removesuffix("index.html") if page.endswith("index.html") else page))
    return paths


def site_rules(site: Path, onion: str | None) -> Rules:
    csp = "; ".join(" ".join([name, *sources]) for name, sources in HEADER_ONLY.items())
    document = {"Content-Security-Policy": csp, "Permissions-Policy": PERMISSIONS,
                **({"Onion-Location": onion} if onion else {})}
    hashed = sorted("/" + p.relative_to(site).as_posix() for p in site.rglob("*") if HASHED.search(p.name))
    return Rules(dict(EVERY_RESPONSE), document, document_paths(site), hashed)


def headers_file(rules: Rules) -> str:
    lines = ["/*", *(f"  {name}: {value}" for name, value in rules.every_path.items())]
    for path in rules.documents:
        lines += [path, *(f"  {name}: {value}" for name, value in rules.document.items())]
    for path in rules.hashed:
        lines += [path, f"  Cache-Control: {rules.cache_hashed}"]
    return "\n".join(lines) + "\n"


def write(site: Path, onion: str = "") -> None:
    """`_headers` and `_nginx.conf` from the site's file names and the onion service's root address
    (`ONION_URL`, checked by hooks/release.py), if any."""
    found = site_rules(site, onion or None)
    (site / "_headers").write_text(headers_file(found), encoding="utf-8")
    not_found = [path.relative_to(site).as_posix() for path in sorted(site.glob("*/404.html"))]
    (site / "_nginx.conf").write_text(nginx.server_headers(found, not_found), encoding="utf-8")
