"""Every text file of the online site has `.gz` and `.br` twins, for hosts that serve them as they are.

nginx (gzip_static, brotli_static), Netlify and Cloudflare Pages send a precompressed file when
the reader's browser accepts it: the smallest transfer with no compression work per request.
Same bytes every build (no timestamps in the gzip header). The file:// download has none.

What a first view loads, the pages and the stylesheet and scripts under assets/, is gzipped with
Zopfli (a gzip encoder that spends more time for 3-5 % smaller files that any browser reads): on a
slow link a page whose HTML and headers pass about 11.7 kB (what a 240 kbit/s link carries in one
400 ms round trip) waits a whole round trip more. The pages take one Zopfli pass without block
splitting (2-3 % smaller than zlib's best, in half a second for all of them; block splitting
would take ten); the rest, zlib's best level, to keep the build quick.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli
import zopfli.gzip

TEXT = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"}


SHARED = (".css", ".js")
DOWNLOADS = "download/"  # their HTML (the single-file report) is saved, not a first view


def gzipped(data: bytes, path: str) -> bytes:
    """`path` (in the site) gzipped as the module's docstring says."""
    if path.startswith("assets/") and path.endswith(SHARED):
        return zopfli.gzip.compress(data)
    if path.endswith(".html") and not path.startswith(DOWNLOADS):
        return zopfli.gzip.compress(data, numiterations=1, blocksplitting=False)
    return gzip.compress(data, compresslevel=9, mtime=0)


def precompress(site: Path, pages: dict[str, str] | None = None) -> None:
    """Write the twins of every text file of the site, the downloads' listing included; `pages`
    (path in the site → HTML, as just written) are not read again."""
    pages = pages or {}
    for path in sorted(p for p in site.rglob("*") if p.suffix in TEXT and p.is_file()):
        name = path.relative_to(site).as_posix()
        data = pages[name].encode("utf-8") if name in pages else path.read_bytes()
        path.with_name(path.name + ".gz").write_bytes(gzipped(data, name))
        path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=11))
