"""The site root ships its response headers, from one set of rules, for the hosts that read them.

`_headers` for Netlify and Cloudflare Pages; `_nginx.conf`, the same rules in nginx's words
(hooks/trust/nginx.py), which the site's server block includes with deploy/nginx.conf. Both are
written here, together, so they cannot drift.

Every path gets the pages' Content-Security-Policy (from the `<meta>` that hooks/trust/csp.py put
in each page: one policy whose `script-src` and `style-src` hold the hashes of all pages), plus what
a `<meta>` cannot carry (`frame-ancestors 'none'`), and `X-Content-Type-Options`, `Referrer-Policy`
and `Permissions-Policy`. A browser enforces the header and the meta policy both, so each page
still runs only its own inline scripts. With `ONION_URL` set at build time, `Onion-Location` too:
nginx names the same page on the onion, `_headers` the onion's home page (Cloudflare Pages could
put the path in a header value, `:splat`, but Netlify sends that literally, and one file serves
both). The offline (file://) build reads no headers and gets none; GitHub Pages sends none (the
README says what remains there).

Caching: a file whose name carries a hash of its content (`site.<8 hex>.css`, Material's
`bundle.<8 hex>.min.js`) is kept for a year, `immutable`: new content gets a new name. Every other
file is revalidated on each use (`max-age=0, must-revalidate`), so a correction reaches readers at
once: that is what Netlify and Cloudflare Pages send when `_headers` names no `Cache-Control`, and
what nginx is told to send. `_headers` cannot say it itself: Cloudflare Pages joins the values of
every rule that matches a path, so `/*` must carry no `Cache-Control`; the hashed files are listed
one by one.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path


from trust import nginx


HASHED = re.compile(r"\.[0-9a-f]{8}(?:\.min)?\.(?:css|js)$")  # as hooks/weight/ and Material name them
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', re.I)  # as trust/csp.py writes it

HEADER_ONLY = {"frame-ancestors": ["'none'"]}  # ignored, with a console warning, in a <meta>
# Permissions-Policy names features browsers know: `browsing-topics` is the successor of FLoC's
# `interest-cohort`, which browsers dropped and Chromium now reports as an error in the console.
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": ", ".join(f"{feature}=()" for feature in (
        "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture", "geolocation",
        "gyroscope", "magnetometer", "microphone", "midi", "payment", "usb")),
}


def parse_policy(text: str) -> dict[str, list[str]]:
    """Directive name -> sources, in the policy's order."""
    directives = {}
    for part in text.split(";"):
        if words := part.split():
            directives.setdefault(words[0].lower(), words[1:])
    return directives


def union(policies: list[str]) -> dict[str, list[str]]:
    """One policy allowing what any of `policies` allows (each source once, first seen first).

    A directive missing from one policy falls back to its `default-src` there."""
    parsed = [parse_policy(text) for text in policies]
    names = list(dict.fromkeys(name for directives in parsed for name in directives))
    merged: dict[str, list[str]] = {}
    for name in names:
        sources = [s for d in parsed for s in d.get(name, d.get("default-src", []) if name.endswith("-src") else [])]
        sources = list(dict.fromkeys(sources))
        merged[name] = [s for s in sources if s != "'none'"] or ["'none'"]  # 'none' beside a source is void
    return merged


@dataclass(frozen=True)
class Rules:
    """The headers of every response, and the paths (`/assets/…`) of the files named by their content."""
    every_path: dict[str, str]
    hashed: list[str]
    cache_hashed: str = "public, max-age=31536000, immutable"
    cache_other: str = "public, max-age=0, must-revalidate"


def site_rules(site: Path, directives: dict[str, list[str]], onion: str | None) -> Rules:
    csp = "; ".join(" ".join([name, *sources]) for name, sources in {**directives, **HEADER_ONLY}.items())
    every_path = {"Content-Security-Policy": csp, **HEADERS, **({"Onion-Location": onion} if onion else {})}
    hashed = sorted("/" + p.relative_to(site).as_posix() for p in site.rglob("*") if HASHED.search(p.name))
    return Rules(every_path, hashed)


def headers_file(rules: Rules) -> str:
    lines = ["/*", *(f"  {name}: {value}" for name, value in rules.every_path.items())]
    for path in rules.hashed:
        lines += [path, f"  Cache-Control: {rules.cache_hashed}"]
    return "\n".join(lines) + "\n"


def page_policy(text: str) -> str | None:
    return html.unescape(match.group(1)) if (match := CSP_META.search(text)) else None


def write(site: Path, onion: str = "") -> None:
    """`_headers` and `_nginx.conf` from the policies of the site's pages (after trust/csp.py has put
    them there), its file names and the onion service's root address (`ONION_URL`, checked by
    hooks/release.py), if any."""
    policies = [p for path in sorted(site.rglob("*.html")) if (p := page_policy(path.read_text(encoding="utf-8")))]
    found = site_rules(site, union(policies), onion or None)
    (site / "_headers").write_text(headers_file(found), encoding="utf-8")
    not_found = [path.relative_to(site).as_posix() for path in sorted(site.glob("*/404.html"))]
    (site / "_nginx.conf").write_text(nginx.server_headers(found, not_found), encoding="utf-8")
