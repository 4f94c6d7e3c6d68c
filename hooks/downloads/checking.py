"""What the about pages say about the files as copies: links to the files that work wherever the
page is read, and how to check a copy (the `verify` section).

**Links to the files.** The pages name a download as `[report-en.pdf](download:report-en.pdf)`;
`link_files` makes each a relative link to the file, marked `data-file`, that works where the page
is: on the site (`../../download/report-en.pdf`), in the unzipped `report-offline/` folder when it
lies beside the other files, as the torrent and the site's folder have them (`../../report-en.pdf`),
and in the single-file HTML and PDF beside them (`report-en.pdf`: hooks/downloads/single_file.py
reads `data-file`). A ZIM cannot hold the files: there they lead to the site (zim.py).

**The key.** With a declared `minisign.pub` (hooks/downloads/signing.py), the `<!-- verify -->`
marker of the `verify` section becomes the key (its `RW…` line), what to compare it with, and the
minisign command, and `<!-- verify-android -->` what a phone cannot check; without one, nothing, so that no page speaks of signatures. The checks of the
sums themselves are the section's own Markdown.
"""

from __future__ import annotations

import html
import re

import common
from downloads import signing
from downloads.listing import file_href

MARKER = "<!-- verify -->"
ANDROID = "<!-- verify-android -->"  # what a phone cannot check, said only where there is a signature
SCHEME = "download:"
MINISIGN_DOWNLOAD = "https://github.com/jedisct1/minisign/releases"  # minisign's own download page
FILE_LINK = re.compile(r'href="download:([A-Za-z0-9][A-Za-z0-9._-]*)"')


def link_files(content: str, page_url: str, offline: bool) -> str:
    """The page's `download:` links as relative links to the files, each marked with its name."""
    return FILE_LINK.sub(lambda m: f'href="{file_href(m.group(1), page_url, offline)}" data-file="{m.group(1)}"', content)


def fill(markdown: str, strings: dict, key: str | None, page_url: str, offline: bool) -> str:
    """The page's Markdown with the key and the minisign step in place of the marker (nothing
    without a declared key)."""
    if MARKER not in markdown:
        return markdown
    if key is None:
        return markdown.replace(MARKER, "").replace(ANDROID, "")
    signature = "SHA256SUMS" + signing.SIGNATURE_SUFFIX

    def file(name: str) -> str:
        return f'<a href="{file_href(name, page_url, offline)}" data-file="{name}">{name}</a>'

    def said(name: str, **markup: str) -> str:
        return common.said(strings[name], **markup)

    code = f"<code>{html.escape(key)}</code>"
    page = f'<a href="{MINISIGN_DOWNLOAD}">{MINISIGN_DOWNLOAD.removeprefix("https://")}</a>'
    parts = [f'<p class="signing-key">{said("verify_key", key=code)}</p>',
             f'<p>{said("verify_minisign", page=page, sums=file("SHA256SUMS"), signature=file(signature))}</p>',
             f"<pre><code>minisign -Vm SHA256SUMS -P {html.escape(key)}</code></pre>",
             f"<p>{said('verify_minisign_ok')}</p>"]
    return markdown.replace(MARKER, "\n".join(parts)).replace(ANDROID, f"<p>{said('verify_android')}</p>")
