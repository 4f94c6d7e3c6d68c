"""What a reader without scripts gets instead of search: the whole site in the page's language
in one file, to find words in with the browser's own find.

overrides/partials/search-fallback.html (shown only where scripts do not run, as in Tor Browser's
Safest level) links `whole_site`: the language's single-file HTML, where every footer links it
(hooks/downloads/listing.py `footer_links`: among the site's downloads, or in the file:// build,
which has no downloads folder of its own, at its online address); in a build without downloads
(`mkdocs serve`, a bare `mkdocs build`), the about page's downloads section, which says how to
make them.
"""

from __future__ import annotations

import common
from downloads import listing

ABOUT = "about.md", "downloads"  # the page (in each language's folder) and section without downloads


def whole_site(files, config, locale: str, context: common.Context) -> str:
    """The site path (or, offline, the address) of the page language's single-file HTML."""
    if context.downloads is None and not context.offline:
        return f"{files.get_file_from_path(f'{locale}/{ABOUT[0]}').url}#{ABOUT[1]}"
    return listing.footer_links(config, locale, context.downloads)["html"]
