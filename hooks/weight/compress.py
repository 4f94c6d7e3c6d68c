"""Every text file of the online site has `.gz` and `.br` twins, for hosts that serve them as they are.

nginx (gzip_static, brotli_static), Netlify and Cloudflare Pages send a precompressed file when
the reader's browser accepts it: the smallest transfer with no compression work per request.
Same bytes every build (no timestamps in the gzip header). The file:// download has none.

The stylesheet and scripts under assets/, which every first view loads, are gzipped with Zopfli
(a gzip encoder that spends more time for 3-5 % smaller files that any browser reads); pages and
the rest, with zlib's best level, to keep the build quick.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli
import zopfli.gzip

TEXT = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"}


SHARED = {".css", ".js"}


def gzipped(data: bytes, shared: bool) -> bytes:
    return zopfli.gzip.compress(data) if shared else gzip.compress(data, compresslevel=9, mtime=0)


def precompress(site: Path, pages: dict[str, str] | None = None) -> None:
    """Write the twins of every text file of the site, the downloads' listing included; `pages`
    (path in the site → HTML, as just written) are not read again."""
    pages = pages or {}
    for path in sorted(p for p in site.rglob("*") if p.suffix in TEXT and p.is_file()):
        written = pages.get(path.relative_to(site).as_posix())
        data = written.encode("utf-8") if written is not None else path.read_bytes()
        shared = path.suffix in SHARED and path.relative_to(site).parts[0] == "assets"
        path.with_name(path.name + ".gz").write_bytes(gzipped(data, shared))
        path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=11))
