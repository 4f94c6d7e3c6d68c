"""The downloads as one torrent, `report.torrent`, as Kiwix distributes its ZIM files: every file
of the downloads folder (whatever files the downloads step made, the sums and their signature
included), with a BEP 19 web seed at the site's address, so that a client downloads from the site
itself when no peer has the pieces, and no tracker (clients find peers through DHT).

The torrent is named `download`, like the site's folder: a client asks the web seed for
`<SITE_URL>download/<file>`, and a reader who downloads it gets the folder the site has. No date
and no "created by" go in, so two builds of the same files give the same bytes and the same magnet
link. The magnet link is not inside any of the files it names (that would change the files it is
made from): the about pages of the site give it (`magnet`), the copies link the torrent online.
Made with torf (PyPI), read back by the tests and verified against the files.
"""

from __future__ import annotations

from pathlib import Path

import torf

NAME = "report.torrent"
FOLDER = "download"  # the torrent's name: the folder a client makes, and the web seed's path


def write(folder: Path, site_url: str, target: Path) -> None:
    """`target`: a torrent of every file in `folder` but torrents, web-seeded at `site_url`."""
    torrent = torf.Torrent(path=folder, name=FOLDER, webseeds=[site_url], exclude_globs=["*.torrent"],
                           created_by=None, creation_date=None, private=False)
    torrent.generate()
    torrent.write(target, overwrite=True)


def magnet(path: Path) -> str:
    """The magnet link of the torrent at `path`: its info-hash, name, size and web seed."""
    return str(torf.Torrent.read(path).magnet())
