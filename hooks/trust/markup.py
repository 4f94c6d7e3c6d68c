"""Material's own markup, made valid HTML with a named search dialog, on every page and 404.html.

Two changes to what Material's templates write, each as narrow as a template override would be
without copying Material's templates:
- its hidden drawer and search toggles are checkboxes with `autocomplete="off"`, an attribute
  HTML allows on text-like inputs only (the Nu HTML Checker's error). Without it, Firefox may
  restore an open drawer when the reader comes back to a page, which closes as usual;
- its search box is a `role="dialog"` without a name; the dialog gets the search box's own label,
  which Material writes in the page's language.
"""

from __future__ import annotations

import re

TOGGLE = re.compile(r'(<input class="md-toggle" data-md-toggle="\w+" type="checkbox" id="__\w+") autocomplete="off">')
DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_LABEL = re.compile(r'<input type="text" class="md-search__input" name="query" aria-label="([^"]*)"')


def valid_toggles(html: str) -> str:
    return TOGGLE.sub(r"\1>", html)


def named_search_dialog(html: str) -> str:
    if DIALOG not in html or not (label := SEARCH_LABEL.search(html)):
        return html
    return html.replace(DIALOG, DIALOG[:-1] + f' aria-label="{label.group(1)}">', 1)
