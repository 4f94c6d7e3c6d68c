"""One search index per language, so that a reader's search lists pages of their language only.

mkdocs-static-i18n merges every language into `search/search_index.json`. After it has
(hooks/pipeline.py), `split` splits that index into
`search/search_index.json` (Kazakh), `ru/search/search_index.json` and
`en/search/search_index.json` (and, for the offline build, the `.js` twins that
Material loads from file://), each with its own lunr languages and a separator that
treats punctuation as space, and `point_config_at_language_root` points the `base` of Material's `#__config` on Russian and
English pages at their language's root, where Material's worker looks for the index.

Every index also loads `lunr.wordforms` (overrides/assets/javascripts/lunr/), which
brings word forms, folded letters, one-letter slips, names in any script and the synonyms of
lunr/words.json into Material's as-you-type search.
Of Material's thirty-odd lunr language modules, only those the indexes load are shipped.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

import common

# Spaces, hyphens, dashes, quotation marks, brackets and punctuation never belong to a word.
SEPARATOR = r"[\s\-‐‑‒–—―«»„“”‟\"()\[\]{}.,:;!?…/\\]+"
PIPELINE = ["trimmer", "stopWordFilter", "stemmer"]
CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">[^<]*?"base": )"[^"]*"')


def split_index(merged: dict, locales: list[str], default: str) -> dict[str, dict]:
    """Per locale: the docs of that language, their locations relative to the language root."""
    indexes = {locale: {"config": {**merged["config"], "lang": [locale, "wordforms"],
                                   "separator": SEPARATOR, "pipeline": PIPELINE}, "docs": []}
               for locale in locales}
    for doc in merged["docs"]:
        prefix, _, rest = doc["location"].partition("/")
        locale = prefix if prefix in locales and prefix != default else default
        location = rest if locale != default else doc["location"]
        indexes[locale]["docs"].append({**doc, "location": location})
    return indexes


def lunr_modules(locales: list[str]) -> set[str]:
    """The lunr files Material's worker imports for indexes of `locales` (English is built in)."""
    names = ["stemmer.support", "multi", "wordforms", *(l for l in locales if l != "en")]
    return {f"assets/javascripts/lunr/min/lunr.{name}.min.js" for name in names}


def drop_unused_lunr_languages(files, languages) -> None:
    needed = lunr_modules([language.locale for language in languages])
    for file in [f for f in files if f.src_uri.startswith("assets/javascripts/lunr/") and f.src_uri not in needed]:
        files.remove(file)


def point_config_at_language_root(output: str, page, language: common.Language) -> str:
    """Make Material look for the index (and resolve results) under the language's root."""
    if language.default:
        return output
    root = get_relative_url(language.home, page.url)
    output, count = CONFIG_BASE.subn(lambda m: f'{m.group(1)}"{root}"', output, count=1)
    if count != 1:
        raise PluginError(f"hooks/search/index.py: {page.file.src_uri} has no #__config with a \"base\", where Material's "
                          "base.html tells its search where the index is: find where the new Material says it and "
                          "point it at the language's root (the README's seams, point_config_at_language_root)")
    return output


def split(site: Path, languages: list[common.Language], offline: bool) -> None:
    """Replace the merged index (mkdocs-static-i18n's) with one per language."""
    merged = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    for locale, index in split_index(merged, [l.locale for l in languages], languages[0].locale).items():
        target = site / next(l.home for l in languages if l.locale == locale) / "search/search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        target.write_text(data, encoding="utf-8")
        if offline:  # from file://, Material loads the index as a script
            target.with_suffix(".js").write_text(f"var __index = {data}", encoding="utf-8")
