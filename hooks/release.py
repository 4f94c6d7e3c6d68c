"""A release that is safe to print: `make release SITE_URL=https://…/ [ONION_URL=http://….onion/]`.

`python -m release address URL` checks the address the site will be published at: every
absolute address in it (canonical, share cards, copy buttons, QR codes, PDF links) comes from it,
so a campaigner must never print the development placeholder, an example domain or localhost. A
missing trailing slash is added (and said), anything else wrong is refused with one line.

`python -m release car SITE DIST` packs the built site as an IPFS archive, `DIST/site.car`, with
its root CID in `DIST/CID`, by npm's pinned `ipfs-car` (the CID depends on the tool's chunking:
the same tool and bytes give the same CID). The CID cannot be inside the site it names: it is
printed, and the README says where to publish it. DIST is replaced only when both are written.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
IPFS_CAR = ROOT / "node_modules/.bin/ipfs-car"
NOT_PUBLIC = ("example.org", "example.com", "example.net", "localhost", "127.0.0.1", "::1")


class Refused(ValueError):
    """What is wrong, in one line that says what to set."""


# What an address may hold (RFC 3986: unreserved, reserved and %): no space, quote, angle bracket,
# backslash or control character, checked on the value as given (urlsplit drops \n and \t first).
URL_CHARACTERS = re.compile(r"[A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=%-]+")
ONION = re.compile(r"(https?)://([a-z2-7]{56})\.onion/?")  # a v3 onion service's root


def clean(value: str, name: str = "SITE_URL") -> str:
    """`value`, when it is a clean http(s) address of a site: Refused, naming `name`, when it is empty,
    holds a character an address cannot, or is not scheme://host/path (no user, query or fragment).
    Every build checks SITE_URL so (the placeholder and local addresses are fine while writing)."""
    if not value:
        raise Refused(f"{name} is empty: set it to the site's address, like https://your.domain/path/, or unset it")
    if not URL_CHARACTERS.fullmatch(value):
        raise Refused(f"{name}={value!r} holds characters an address cannot (spaces, quotes, <, >, \\, control "
                      "characters): set it to the site's address, like https://your.domain/path/")
    parts = urlsplit(value)
    if parts.scheme not in ("https", "http") or not parts.hostname or "@" in parts.netloc or parts.query or parts.fragment:
        raise Refused(f"{name}={value!r} is not an address like https://your.domain/path/ (http or https, a host, "
                      "no user, query or fragment): set it to one")
    return value


def address(value: str, name: str = "SITE_URL") -> str:
    """The published address, ending in a slash; Refused when it is not one a reader can reach."""
    if not value:
        raise Refused(f"{name} is not set: make release {name}=https://your.domain/path/")
    host = urlsplit(clean(value, name)).hostname.lower()
    if any(host == bad or host.endswith("." + bad) for bad in NOT_PUBLIC):
        raise Refused(f"{name}={value} is a placeholder or local address, not where readers find the site: "
                      "set it to the published address")
    return value if value.endswith("/") else value + "/"


def onion(value: str) -> str:
    """The optional onion address, ending in a slash: Refused unless it is the root of a v3 `.onion`
    service, checked on the value as given (it goes into response headers)."""
    if not ONION.fullmatch(value):
        raise Refused(f"ONION_URL={value!r} is not a v3 onion service's address, like http://<56 letters a-z "
                      "and digits 2-7>.onion/: set it to one")
    return value if value.endswith("/") else value + "/"


def pack(site: Path, dist: Path) -> str:
    """Write DIST/site.car and DIST/CID for the built site; the root CID."""
    if not (site / "index.html").is_file():
        raise Refused(f"{site} holds no built site: run make build first")
    if not IPFS_CAR.is_file():
        raise Refused(f"{IPFS_CAR.relative_to(ROOT)} is missing: run npm ci (make release does)")
    work = dist.with_name(dist.name + ".tmp")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    result = subprocess.run([str(IPFS_CAR), "pack", str(site), "--no-wrap", "--output", str(work / "site.car")],
                            capture_output=True, text=True)
    cid = result.stdout.strip()
    if result.returncode or not cid.startswith("baf"):
        raise Refused(f"{dist / 'site.car'} could not be written: {result.stderr.strip() or result.stdout.strip()}")
    (work / "CID").write_text(cid + "\n", encoding="utf-8")
    shutil.rmtree(dist, ignore_errors=True)
    work.rename(dist)
    return cid


def main(arguments: list[str]) -> None:
    command, *rest = arguments or [""]
    if command == "address" and len(rest) == 1:
        fixed = address(rest[0])
        if fixed != rest[0]:
            print(f"SITE_URL={rest[0]} has no trailing slash: publishing at {fixed}", file=sys.stderr)
        print(fixed)
    elif command == "onion" and len(rest) == 1:
        print(onion(rest[0]) if rest[0] else "")
    elif command == "car" and len(rest) == 2:
        cid = pack(Path(rest[0]), Path(rest[1]))
        print(f"IPFS: {rest[1]}/site.car, root CID {cid} (README: Publishing)")
    else:
        raise Refused("usage: python -m release address URL | onion URL | car SITE DIST")


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except Refused as error:
        sys.exit(f"Error: {error}")
