"""Our scripts: ES modules, each in a scope of its own, run before Material's bundle; none is waited for.

overrides/main.html's `scripts` block writes `module("languages.js")` ... (`<script type="module">`,
fetched at low priority: module scripts run once the page is parsed, so the first paint waits for
none, and a browser fetches them after what it paints with) and then `bundle()`. Online, that is
later.js, which loads Material's bundle when the reader first reaches for the page; offline (a
file:// download has nothing to wait for), the bundle itself, deferred: deferred scripts run in
document order after the modules. Either way languages.js and lazy-search.js, which must, run
before the bundle. That block replaces Material's, so `material_bundle` reads the bundle's name
from Material's own block, and stops the build if that block is ever more than the bundle and the
`extra_javascript` loop (which main.html keeps).

Online, a module comes by `src`, under a name with its content's hash (a host may cache it for
ever). Chromium loads no module by `src` from file:// (a file has no origin to share it with), so
the offline build writes each module inline instead; hooks/trust/csp.py allows each by the hash
of its source (`inline_modules`).

The lunr modules are readable sources with plain names (lunr/kk.js, lunr/wordforms.js); Material's
search worker imports lunr languages as lunr/min/lunr.<name>.min.js, so that is where they go.
The names and synonyms search knows are data (lunr/words.json), reviewed as data: the build writes
them after lunr.wordforms as one call, `lunr.wordforms.use(...)`, and ships no words.json.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from jinja2 import pass_context
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils.templates import url_filter

FOLDER = "assets/javascripts/"
MODULES = ["languages.js", "lazy-search.js", "share.js", "notfound.js", "later.js"]
LUNR = ["kk", "wordforms"]
WORDS = FOLDER + "lunr/words.json"  # the names and synonyms lunr.wordforms uses
# Material's base.html `scripts` block, as overrides/main.html replaces it.
MATERIAL_BLOCK = re.compile(r"""\{% block scripts %\}\s*<script src="\{\{ '(assets/javascripts/bundle\.\w+\.min\.js)' \| url \}\}"></script>
\s*\{% for script in config\.extra_javascript %\}\s*\{\{ script \| script_tag \}\}\s*\{% endfor %\}\s*\{% endblock %\}""")


def source(config, name: str) -> str:
    return (Path(config.theme.custom_dir) / FOLDER / name).read_text(encoding="utf-8")


def hashed(config, name: str) -> str:
    """The site path of module `name`, with the hash of its content."""
    digest = hashlib.sha256(source(config, name).encode()).hexdigest()[:8]
    return f"{FOLDER}{name.removesuffix('.js')}.{digest}.js"


def material_bundle(base_html: str) -> str:
    """The bundle of Material's `scripts` block, if that block is still just the bundle."""
    blocks = MATERIAL_BLOCK.findall(base_html)
    if len(blocks) != 1:
        raise PluginError("hooks/weight/scripts.py: Material's `scripts` block (base.html) is not the bundle and "
                          "extra_javascript any more: compare it with the block that overrides/main.html puts in its "
                          "place, carry over what Material changed, and update MATERIAL_BLOCK (the README's seams)")
    return blocks[0]


def module_tag(config, offline: bool):
    """`module(name)` for the templates: our module `name` as a `<script type="module">`."""

    @pass_context
    def module(context, name: str) -> Markup:
        if not offline:
            return Markup('<script type="module" src="{}" fetchpriority="low"></script>').format(
                url_filter(context, hashed(config, name)))
        text = source(config, name)
        if re.search(r"</script|<!--", text, re.I):
            raise PluginError(f"hooks/weight/scripts.py: {name} cannot be written inline in the file:// pages: it holds "
                              "</script or <!--, which end or hide an inline script: write them as <\\/script and "
                              "<\\!-- in its strings")
        return Markup(f'<script type="module">{text}</script>')

    return module


def inline_modules(config, offline: bool) -> list[str]:
    """The text of each module the pages carry inline (the offline build's), for the page policy."""
    return [source(config, name) for name in MODULES] if offline else []


def place_modules(files, config, offline: bool) -> None:
    """Our modules under hashed names (online; the offline build writes them inline), the lunr
    modules where Material's worker imports them (before the unused lunr languages are dropped)."""
    for name in MODULES:
        files.remove(module := files.get_file_from_path(FOLDER + name))
        if not offline:
            files.append(File.generated(config, hashed(config, name), abs_src_path=module.abs_src_path))
    for name in LUNR:
        files.remove(lunr := files.get_file_from_path(f"{FOLDER}lunr/{name}.js"))
        files.append(File.generated(config, f"{FOLDER}lunr/min/lunr.{name}.min.js", content=lunr_module(config, name)))
    files.remove(files.get_file_from_path(WORDS))


def lunr_module(config, name: str) -> str:
    """The lunr module `name` as the worker imports it: lunr.wordforms followed by the words it uses."""
    text = source(config, f"lunr/{name}.js")
    if name != "wordforms":
        return text
    words = json.loads((Path(config.theme.custom_dir) / WORDS).read_text(encoding="utf-8"))
    return f"{text}\nlunr.wordforms.use({json.dumps(words, ensure_ascii=False, separators=(',', ':'))})\n"


def bundle_tag(config, bundle: str, offline: bool):
    """`bundle()` for the templates: later.js, which loads Material's bundle when the reader first
    reaches for the page (online), or the bundle itself, deferred (offline)."""

    @pass_context
    def tag(context) -> Markup:
        if offline:
            return Markup('<script src="{}" defer></script>').format(url_filter(context, bundle))
        return Markup('<script type="module" src="{}" fetchpriority="low" data-bundle="{}"></script>').format(
            url_filter(context, hashed(config, "later.js")), url_filter(context, bundle))

    return tag


def template_globals(env, config, offline: bool) -> None:
    """`module(name)` and `bundle()` for overrides/main.html's `scripts` block."""
    env.globals["module"] = module_tag(config, offline)
    env.globals["bundle"] = bundle_tag(config, material_bundle(env.loader.get_source(env, "base.html")[0]), offline)
