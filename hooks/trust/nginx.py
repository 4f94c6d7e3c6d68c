"""`_nginx.conf`: the rules of `_headers` in nginx's words, for the site's server block.

deploy/nginx.conf says how to include it. Every header is added at the server level and the
locations here only set `$cache_control`, so every response inherits them all: a location with an
`add_header` of its own would drop every header of its server. The headers of HTML documents take
their value from variables that are empty, so not sent, unless the path asked for is a document's
(`/`, `…/`, `….html`, outside `download/`: the same documents as `_headers` names; a 404 page
served for a missing address is asked for again as `/404.html`, so it gets them too). `map`
would be the usual way, but it belongs to the `http` block, and this file is included in a
`server` block; an `if` with only `set` in it, at the server level, is safe. nginx reads `$` in a
value as a variable, so only Onion-Location uses one, to name the same page on the onion. Each language
folder with a 404 page of its own (hooks/sharing/notfound.py) gets a location that serves it for
its missing addresses, as Cloudflare Pages does by itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

if TYPE_CHECKING:
    from trust.headers import Rules

HEAD = """\
# Written by the build (hooks/trust/headers.py) with _headers, from the same rules: the headers of
# this build (its CSP hashes), for the server block that includes deploy/nginx.conf. Do not edit."""


def quoted(value: str) -> str:
    if any(c in value for c in '"\\$'):
        raise PluginError(f"hooks/trust/nginx.py: the header value {value!r} holds a double quote, backslash or $, which "
                          "nginx reads as syntax in _nginx.conf: write the value without them (hooks/trust/headers.py)")
    return f'"{value}"'


DOCUMENT = r"^/(?!download/)(?:.*/)?(?:[^/]+\.html)?$"  # `/`, `/ru/about/`, `/404.html`; not the downloads


def variable(name: str) -> str:
    return "$document_" + name.lower().replace("-", "_")


def server_headers(rules: Rules, not_found: list[str]) -> str:
    """The server block's headers, and the 404 page (`/ru/404.html`) of each folder in `not_found`."""
    lines = [HEAD, f"set $cache_control {quoted(rules.cache_other)};"]
    lines += [f"location /{page.rsplit('/', 1)[0]}/ {{ error_page 404 /{page}; }}" for page in not_found]
    lines += [f"location = {path} {{ set $cache_control {quoted(rules.cache_hashed)}; }}" for path in rules.hashed]
    lines += [f'set {variable(name)} "";' for name in rules.document]
    sets = []
    for name, value in rules.document.items():
        text = quoted(value)
        if name == "Onion-Location":  # the same address on the onion: its root, less the slash, then the path asked for
            text = text.removesuffix('/"') + '$request_uri"'
        sets.append(f"set {variable(name)} {text};")
    lines.append(f'if ($uri ~ "{DOCUMENT}") {{ ' + " ".join(sets) + " }")
    lines.append("add_header Cache-Control $cache_control always;")
    lines += [f"add_header {name} {quoted(value)} always;" for name, value in rules.every_path.items()]
    lines += [f"add_header {name} {variable(name)} always;" for name in rules.document]
    return "\n".join(lines) + "\n"
