"""The site root ships `_headers` (Netlify, Cloudflare Pages): the pages' policy, sent as a header.

Written from the Content-Security-Policy that hooks/trust/csp.py put in each built page: one
policy for every path (`/*`) whose `script-src` and `style-src` hold the hashes of all pages, plus
what a `<meta>` cannot carry (`frame-ancestors 'none'`), and `X-Content-Type-Options`,
`Referrer-Policy` and `Permissions-Policy`. A browser enforces the header and the meta policy
both, so each page still runs only its own inline scripts. The offline (file://) build reads no
headers and gets none. The README says how to send the same headers from nginx, and what remains
on GitHub Pages (the meta policy only).
"""

from __future__ import annotations

import html
import re
from pathlib import Path


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


def headers_file(directives: dict[str, list[str]]) -> str:
    csp = "; ".join(" ".join([name, *sources]) for name, sources in {**directives, **HEADER_ONLY}.items())
    lines = ["/*", f"  Content-Security-Policy: {csp}", *(f"  {name}: {value}" for name, value in HEADERS.items())]
    return "\n".join(lines) + "\n"


def page_policy(text: str) -> str | None:
    return html.unescape(match.group(1)) if (match := CSP_META.search(text)) else None


def write(site: Path) -> None:
    """`_headers` from the policies of the site's pages (after trust/csp.py has put them there)."""
    policies = [p for path in sorted(site.rglob("*.html")) if (p := page_policy(path.read_text(encoding="utf-8")))]
    (site / "_headers").write_text(headers_file(union(policies)), encoding="utf-8")
