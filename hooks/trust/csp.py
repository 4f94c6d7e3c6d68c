"""One strict Content-Security-Policy for every HTML page, from a declared list of what may run inline.

page-policy.txt (at the repository root) names the templates whose inline `<script>` and `<style>`
elements the site needs (Material's `__md_scope`, palette and tabs snippets). `declared_policy` renders each with the site's configuration, outside any page, and
hashes what it finds: the policy is made from those declared sources, never from what a built
page happens to contain, so an inline script that content or a changed template brings is not
allowed, and `secure_pages` stops the build, naming the page. To allow one more inline element
(the same on every page), add its template's name to page-policy.txt: one line. (The file:// build writes our own modules inline: their sources,
hooks/weight/scripts.py `MODULES`, are hashed too; online, so are the first screen's rules, which
hooks/weight/stylesheet.py makes from our stylesheets, never from a page's content.)

Every page gets the same policy in a `<meta http-equiv>`, first in `<head>` (after `<meta charset>`,
which must stay within the first 1024 bytes): scripts and styles only from the site or by those
hashes, never `'unsafe-inline'` or `'unsafe-eval'`. `<script type="application/json">` (Material's
`#__config`) is data that is never run, so CSP does not check it and it is not hashed. Material's
bundle styles elements through the CSSOM (`element.style.…`), which CSP does not govern. Material's
search worker is a same-site script (`worker-src 'self'`); in the file:// build the iframe-worker
shim runs it in an about:blank iframe, which inherits the page's policy, so the vendored shim sets
that iframe up from `prelude.js` beside it rather than an inline script.

The single-file downloads (hooks/downloads/single_file.py) bring a policy of their own, which
tests/site/test_trust.py holds to the same rules. hooks/trust/headers.py adds, as a header with HTML
documents, only what a `<meta>` cannot say (`frame-ancestors 'none'`). `mkdocs serve` gets no policy: it injects its live-reload script inline
into every page it serves, which the policy would block.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

import common
from weight import whitespace

DECLARED = "page-policy.txt"

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
STYLE = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.S | re.I)
ATTRIBUTE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
# Types a browser runs (HTML's JavaScript MIME type essence match, plus modules); others are data.
SCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript", "application/ecmascript",
                "application/x-ecmascript", "application/x-javascript", "text/ecmascript",
                "text/javascript1.0", "text/javascript1.1", "text/javascript1.2", "text/javascript1.3",
                "text/javascript1.4", "text/javascript1.5", "text/jscript", "text/livescript",
                "text/x-ecmascript", "text/x-javascript"}
CSP_META = re.compile(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>', re.I)
HEAD = re.compile(r"<head\b[^>]*>(\s*<meta charset=[^>]*>)?", re.I)

# In this order; `script-src` and `style-src` get the page's hashes after 'self'.
BASE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


def attributes(text: str) -> dict[str, str]:
    """The attributes of a start tag's inside, names lower-cased."""
    return {m.group(1).lower(): next((g for g in m.groups()[1:] if g is not None), "")
            for m in ATTRIBUTE.finditer(text)}


def _as_parsed(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")  # what the browser hashes


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script a browser would run (not JSON or other data blocks)."""
    found = []
    for match in SCRIPT.finditer(html):
        attrs = attributes(match.group(1))
        if "src" not in attrs and attrs.get("type", "").strip().lower() in SCRIPT_TYPES:
            found.append(_as_parsed(match.group(2)))
    return found


def inline_styles(html: str) -> list[str]:
    """The text of every <style> element (Material's pages have none; a single-file download may)."""
    return [_as_parsed(match.group(1)) for match in STYLE.finditer(html)]


def source_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(scripts: list[str], styles: list[str]) -> str:
    """The policy text: BASE_POLICY with the hashes (sorted, once each) of scripts and styles."""
    directives = {**BASE_POLICY,
                  "script-src": [*BASE_POLICY["script-src"], *sorted(set(scripts))],
                  "style-src": [*BASE_POLICY["style-src"], *sorted(set(styles))]}
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def declared_sources(config, root: Path = common.ROOT) -> tuple[list[str], list[str]]:
    """The inline scripts and styles of the templates page-policy.txt names, rendered with the
    site's configuration as every page renders them (then unindented, as pages are)."""
    env = config.theme.get_env()
    scripts, styles, problems = [], [], []
    for number, line in enumerate((root / DECLARED).read_text(encoding="utf-8").splitlines(), start=1):
        name = line.strip()
        if not name or name.startswith("#"):
            continue
        try:
            text = whitespace.unindent(env.get_template(name).render(config=config, features=config.theme.get("features") or []))
        except Exception as error:  # the template is missing or does not render outside a page
            problems.append(f"{DECLARED}:{number}: the template {name} cannot be rendered ({error}): name a "
                            "template of overrides/ or Material's templates, one that needs no page")
            continue
        found = (inline_scripts(text), inline_styles(text))
        if not any(found):
            problems.append(f"{DECLARED}:{number}: the template {name} renders no inline <script> or <style>: "
                            "remove the line")
        scripts += found[0]
        styles += found[1]
    if problems:
        raise PluginError("\n".join(problems))
    return scripts, styles


def declared_policy(config, modules: list[str], root: Path = common.ROOT, first_screen: list[str] = ()) -> str:
    """The one policy of every page: BASE_POLICY with the hashes of the declared inline elements,
    of our `modules` where the build writes them inline (the file:// build: hooks/weight/scripts.py),
    and of the first screen's rules, which hooks/weight/stylesheet.py makes from our stylesheets
    alone and writes, the same, in every page online."""
    scripts, styles = declared_sources(config, root)
    return policy([source_hash(s) for s in [*scripts, *modules]], [source_hash(s) for s in [*styles, *first_screen]])


def undeclared(html: str, text: str) -> list[str]:
    """The start of each inline script or style of a page that the policy `text` does not allow."""
    allowed = set(text.replace(";", " ").split())
    return [f"{kind} {source[:60].strip()!r}" for kind, found in (("<script>", inline_scripts(html)), ("<style>", inline_styles(html)))
            for source in found if source_hash(source) not in allowed]


def with_policy(html: str, text: str) -> str:
    """The page with one CSP meta (any older one dropped) before anything else in <head>."""
    html = CSP_META.sub("", html)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{text}">'
    html, count = HEAD.subn(lambda m: m.group(0) + meta, html, count=1)
    if count != 1:
        raise ValueError("no <head>")
    return html


def secure_pages(pages: dict[str, str], text: str, own_policy: str = "download/") -> dict[str, str]:
    """The site's pages (path in the site → HTML) with the policy `text`, but the downloads (under
    `own_policy`), which bring their own; a page with an inline script or style that the policy
    does not allow stops the build."""
    secured, problems = dict(pages), []
    for path, page in pages.items():
        if path.startswith(own_policy):
            continue
        if found := undeclared(page, text):
            problems.append(f"{path}: {', '.join(found)} is not declared in {DECLARED}: remove it from the content "
                            f"or template that writes it, or, if every page needs it, add its template to {DECLARED}")
            continue
        try:
            secured[path] = with_policy(page, text)
        except ValueError:
            raise PluginError(f"hooks/trust/csp.py: {path} has no <head> to put its Content-Security-Policy in: give "
                              "the template that wrote it a <head> (overrides/, or the plugin's own)") from None
    if problems:
        raise PluginError("\n".join(problems))
    return secured
