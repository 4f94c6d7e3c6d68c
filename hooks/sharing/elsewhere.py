"""Where else to read the site when it does not open: the `if-blocked` section of the about
pages, and the link to it in every page's footer (overrides/partials/copyright.html).

The section's text is in docs/<lang>/about.md; at its `<!-- if-blocked -->` marker the build adds
what depends on the release: the onion address (ONION_URL, `make release`), the mirrors listed
in mkdocs.yml (`extra.mirrors`: a list of `name` and `url`; none by default) and the torrent of the
downloads (hooks/downloads/torrent.py), given as a link and, on the site, its magnet link (a copy
cannot carry the magnet link of the files it is one of). Without any, nothing is added.
"""

from __future__ import annotations

import html

from mkdocs.exceptions import PluginError

import common
import release

MARKER = "<!-- if-blocked -->"
SECTION = "about.md", "if-blocked"  # the page (in each language's folder) and section the footer links


def fill(markdown: str, strings: dict, onion: str, mirrors: list[dict], torrent: str = "", magnet: str = "") -> str:
    """The page's Markdown with the onion address, the mirrors and the torrent (`torrent`: the
    address of report.torrent; `magnet`: its magnet link) in place of the marker."""
    if MARKER not in markdown:
        return markdown
    parts = []
    if torrent:
        said = common.said(strings["blocked_torrent"], torrent=f'<a href="{html.escape(torrent)}">report.torrent</a>')
        if magnet:
            link = f'<a href="{html.escape(magnet)}" class="magnet">{html.escape(strings["blocked_magnet_link"])}</a>'
            said += " " + common.said(strings["blocked_magnet"], magnet=link)
        parts.append(f"<p>{said}</p>")
    if onion:
        link = f'<a href="{html.escape(onion)}">{html.escape(onion)}</a>'
        parts.append(f"<p>{common.said(strings['blocked_onion'], address=link)}</p>")
    if mirrors:
        refuse_bad_mirrors(mirrors)
        items = "".join(f'<li><a href="{html.escape(m["url"])}">{html.escape(m["name"])}</a></li>' for m in mirrors)
        parts.append(f"<p>{html.escape(strings['blocked_mirrors'])}</p>\n<ul>{items}</ul>")
    return markdown.replace(MARKER, "\n\n".join(parts))


def refuse_bad_mirrors(mirrors: list) -> None:
    """Each mirror a `name` and a clean http(s) `url`: a `javascript:` or other address is never published."""
    for index, mirror in enumerate(mirrors):
        try:
            if not isinstance(mirror, dict) or not isinstance(mirror.get("name"), str) or not mirror["name"].strip():
                raise release.Refused("has no name: give it {name: …, url: https://…/}")
            release.clean(str(mirror.get("url") or ""), "url")
        except release.Refused as error:
            raise PluginError(f"mkdocs.yml: extra.mirrors[{index}] {error}") from None


def footer_link(files, locale: str) -> str:
    """The site path of the section, for the footer of every page of `locale`."""
    about = files.get_file_from_path(f"{locale}/{SECTION[0]}")
    return f"{about.url}#{SECTION[1]}"
