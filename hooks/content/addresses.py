"""Page addresses stay once published, and every absolute address is the online one.

published-addresses.txt (at the repository root) lists every address ever published,
relative to `site_url`. Once every language is built (online; the file:// download has no
addresses), the build fails, naming each one, when an address has neither a page nor a
redirect (mkdocs-redirects' `redirect_maps`).

mkdocs-redirects resolves a redirect's target among the raw files of docs/, where the
default language's pages still carry their folder (`kk/new.md` → `kk/new/`), although they
are published at the root (mkdocs-redirects#63). `publish_for_redirects` gives it the pages as
mkdocs-static-i18n publishes them (a seam: README, "Seams"), so `old.md: kk/new.md` leads to `new/`.

Every absolute address a page carries (canonical, hreflang, share links, QR codes) is the
online one, also in the file:// download, whose pages are `ru/about.html`: `page_address`.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

import common

LIST = "published-addresses.txt"
PLACEHOLDER = "https://think-before-you-post.example.org/"


def page_address(config, url: str) -> str:
    """The online address of the page at `url` of this build."""
    return common.online_address(config.site_url, url, config.use_directory_urls)


def published(text: str) -> list[str]:
    """The addresses of the list, without comments and blank lines."""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def missing(addresses: list[str], site: Path) -> list[str]:
    """The addresses that lead to no file of the built site (a page or a redirect)."""
    return [address for address in addresses if not (site / address / "index.html").is_file()]


def publish_for_redirects(files, config, published_files: dict) -> None:
    """Give mkdocs-redirects every language's pages as published so far in this build."""
    published_files.update({file.src_uri: file for file in files.documentation_pages()})
    if redirects := config.plugins.get("redirects"):
        if not hasattr(redirects, "doc_pages"):
            raise PluginError("hooks/content/addresses.py: mkdocs-redirects has no `doc_pages` any more: "
                              "see the README's seams for what this replaced")
        redirects.doc_pages.update(published_files)


def refuse_lost_addresses(site: Path, root: Path) -> None:
    if lost := missing(published((root / LIST).read_text(encoding="utf-8")), site):
        raise PluginError(f"{LIST}: these published addresses lead nowhere: {', '.join(lost)}; "
                          "restore the page, or add a redirect to mkdocs.yml's redirect_maps (see README)")
