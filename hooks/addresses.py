"""Page addresses stay once published.

published-addresses.txt (at the repository root) lists every address ever published,
relative to `site_url`. Once every language is built (online; the file:// download has no
addresses), the build fails, naming each one, when an address has neither a page nor a
redirect (mkdocs-redirects' `redirect_maps`).

mkdocs-redirects resolves a redirect's target among the raw files of docs/, where the
default language's pages still carry their folder (`kk/new.md` → `kk/new/`), although they
are published at the root (mkdocs-redirects#63). This hook gives it the default language's
pages as mkdocs-static-i18n publishes them, so `old.md: kk/new.md` leads to `new/`.

Every absolute address a page carries (canonical, hreflang, share links, QR codes) is the
online one, also in the file:// download, whose pages are `ru/about.html`: `online_address`.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

LIST = "published-addresses.txt"


def online_address(config, url: str) -> str:
    """The absolute address on the online site of the page at `url` of this build: the file://
    download's `ru/about.html` is published as `ru/about/`, and `index.html` as `./`."""
    if not config.use_directory_urls and url != "404.html":
        url = re.sub(r"\.html$", "/", re.sub(r"(^|/)index\.html$", r"\1", url))
    return urljoin(config.site_url or "", url)


def on_pre_page(page, config, files):
    page.canonical_url = online_address(config, page.url)
    return page


def published(text: str) -> list[str]:
    """The addresses of the list, without comments and blank lines."""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def missing(addresses: list[str], site: Path) -> list[str]:
    """The addresses that lead to no file of the built site (a page or a redirect)."""
    return [address for address in addresses if not (site / address / "index.html").is_file()]


_published_files: dict = {}  # src_uri → File of the pages as published, over every language's build


@event_priority(-110)  # after mkdocs-static-i18n (-100) has placed this language's pages
def on_files(files, config):
    _published_files.update({file.src_uri: file for file in files.documentation_pages()})
    if redirects := config.plugins.get("redirects"):
        redirects.doc_pages.update(_published_files)
    return files


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language
def on_post_build(config) -> None:
    if config.plugins["i18n"].building or config.plugins["material/offline"].config.enabled:
        return  # an inner build of one language, or the file:// download, which has no addresses
    root = Path(config.config_file_path).parent
    if lost := missing(published((root / LIST).read_text(encoding="utf-8")), Path(config.site_dir)):
        raise PluginError(f"{LIST}: these published addresses lead nowhere: {', '.join(lost)}; "
                          "restore the page, or add a redirect to mkdocs.yml's redirect_maps (see README)")
