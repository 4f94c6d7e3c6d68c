"""Material's own markup, made valid HTML with a named search dialog, on every page and 404.html.

Two changes to what Material's templates write, each as narrow as a template override would be
without copying Material's templates (each fails the build when Material's markup changes):
- its hidden drawer and search toggles are checkboxes with `autocomplete="off"`, an attribute
  HTML allows on text-like inputs only (the Nu HTML Checker's error). Without it, Firefox may
  restore an open drawer when the reader comes back to a page, which closes as usual;
- its search box is a `role="dialog"` without a name; the dialog gets the search box's own label,
  which Material writes in the page's language.
"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError

TOGGLE = re.compile(r'(<input class="md-toggle" data-md-toggle="\w+" type="checkbox" id="__\w+") autocomplete="off">')
DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_LABEL = re.compile(r'<input type="text" class="md-search__input" name="query" aria-label="([^"]*)"')


def _changed(what: str) -> PluginError:
    return PluginError(f"hooks/trust/markup.py: Material's {what} changed, so this patch no longer applies: "
                       "check whether it is still needed (README, Seams), then update or remove it")


def valid_toggles(html: str) -> str:
    html, count = TOGGLE.subn(r"\1>", html)
    if count == 0 and 'class="md-toggle"' in html:
        raise _changed("drawer and search toggles")
    return html


def named_search_dialog(html: str) -> str:
    if 'data-md-component="search"' not in html:
        return html
    if DIALOG not in html or not (label := SEARCH_LABEL.search(html)):
        raise _changed("search dialog")
    return html.replace(DIALOG, DIALOG[:-1] + f' aria-label="{label.group(1)}">', 1)
