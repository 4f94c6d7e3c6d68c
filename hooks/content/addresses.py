"""Page addresses stay once published, and every absolute address is the online one.

published-addresses.txt (at the repository root) lists every address ever published,
relative to `site_url`: the pages (`ru/about/`), and the short addresses for print with the section
each leads to (`s/ru/4/ ru/blocking/#site-blocking`), read by `read` alone (the short pages, the
share table's QR codes and the flyers: hooks/sharing/short.py). Once every language is built
(online; the file:// download has no addresses), the build fails, naming each one, when an address
has neither a page nor a redirect (mkdocs-redirects' `redirect_maps`). A line once committed never
changes: `refuse_rewritten_lines` holds the file to every line of its git history.

mkdocs-redirects resolves a redirect's target among the raw files of docs/, where the
default language's pages still carry their folder (`kk/new.md` → `kk/new/`), although they
are published at the root (mkdocs-redirects#63). `publish_for_redirects` gives it the pages as
mkdocs-static-i18n publishes them (a seam: README, "Seams"), so `old.md: kk/new.md` leads to `new/`.

Every absolute address a page carries (canonical, hreflang, share links, QR codes) is the
online one, also in the file:// download, whose pages are `ru/about.html`: `page_address`.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

import common

LIST = "published-addresses.txt"
PLACEHOLDER = "https://think-before-you-post.example.org/"
PAGE = re.compile(r"^(?:\./|(?:[a-z0-9]+(?:-[a-z0-9]+)*/)+)$")  # ./, about/, ru/about/
SHORT = re.compile(r"^s/([a-z]{2,3}(?:_[A-Z]{2})?)/([1-9][0-9]*)/$")  # s/kk/4/
TARGET = re.compile(r"^(\./|(?:[a-z0-9]+(?:-[a-z0-9]+)*/)+)#([a-z0-9]+(?:-[a-z0-9]+)*)$")  # ru/blocking/#vpn


@dataclass(frozen=True)
class Short:
    """One declared short address: `s/<locale>/<number>/`, leading to `page#section`."""
    locale: str
    number: int
    page: str  # the page's address relative to site_url: "" for the root, "ru/blocking/"
    section: str
    line: int  # in published-addresses.txt

    @property
    def path(self) -> str:
        return f"s/{self.locale}/{self.number}/"

    @property
    def target(self) -> str:
        return f"{self.page or './'}#{self.section}"


@dataclass(frozen=True)
class Published:
    """published-addresses.txt, read: the page addresses and the declared short addresses."""
    pages: list[str]
    shorts: list[Short]

    def short(self, page: str, section: str) -> Short | None:
        """The short address of `section` on the page at `page` ("" for the root, "ru/blocking/")."""
        return next((s for s in self.shorts if s.page == page and s.section == section), None)


def read(root: Path = common.ROOT) -> Published:
    """published-addresses.txt under `root`, checked line by line: the one reader of the declared
    addresses (the build's checks, the short pages, the share table, the flyers)."""
    pages, shorts, problems = [], [], []
    for number, raw in enumerate((root / LIST).read_text(encoding="utf-8").splitlines(), start=1):
        words = raw.split()
        if not words or raw.startswith("#"):
            continue
        where = f"{LIST}:{number}"
        if (match := SHORT.match(words[0])) and len(words) == 2 and (target := TARGET.match(words[1])):
            page = "" if target.group(1) == "./" else target.group(1)
            short = Short(match.group(1), int(match.group(2)), page, target.group(2), number)
            if twin := next((s for s in shorts if s.path == short.path), None):
                problems.append(f"{where}: {short.path} is declared twice (line {twin.line} too): a short address "
                                "leads to one section forever; delete this line")
            shorts.append(short)
        elif SHORT.match(words[0]):
            problems.append(f"{where}: '{raw.strip()}' is not a short address and its section: write "
                            f"'{words[0]} <page>/#<section ID>', as the lines around it")
        elif len(words) == 1 and PAGE.match(words[0]):
            pages.append(words[0])
        else:
            problems.append(f"{where}: '{raw.strip()}' is neither a page address (about/, ru/about/) nor a short "
                            "address with its section (s/ru/4/ ru/blocking/#site-blocking): correct it")
    if problems:
        raise PluginError("\n".join(problems))
    return Published(pages, shorts)


def page_address(config, url: str) -> str:
    """The online address of the page at `url` of this build."""
    return common.online_address(config.site_url, url, config.use_directory_urls)


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


# mkdocs-redirects' script in each redirect page it writes (a seam: README), its target inside.
REDIRECT_SCRIPT = re.compile(r'<script>var anchor=window\.location\.hash\.substr\(1\);location\.href="[^"]*"'
                             r'\+\(anchor\?"#"\+anchor:""\)</script>')


def one_redirect_script(pages: dict[str, str], script: str) -> dict[str, str]:
    """The pages, each redirect page with `script` (overrides/partials/redirect.html, the same for
    all, declared in page-policy.txt) in place of mkdocs-redirects' own, which names its target and
    so differs per page. A changed redirect page is left as it is, and the page policy names it."""
    return {path: REDIRECT_SCRIPT.sub(lambda _: script.strip(), text, count=1) for path, text in pages.items()}


def refuse_lost_addresses(site: Path, root: Path) -> None:
    listed = read(root)
    if lost := missing([*listed.pages, *(s.path for s in listed.shorts)], site):
        raise PluginError(f"{LIST}: these published addresses lead nowhere: {', '.join(lost)}; "
                          "restore the page, or add a redirect to mkdocs.yml's redirect_maps (see README)")


def _lines(text: str) -> list[list[str]]:
    """The words of each line, comments and blank lines left out."""
    return [words for line in text.splitlines() if (words := line.split()) and not line.startswith("#")]


def refuse_rewritten_lines(root: Path) -> None:
    """Stop the build when a line that was ever committed to published-addresses.txt is gone or leads
    elsewhere now: a printed code must never retarget. (The short addresses' first lines named no
    section: the address must stay.) Without git history (a copy of the files), nothing to compare."""
    result = subprocess.run(["git", "log", "--format=", "-p", "--", LIST], cwd=root, capture_output=True, text=True)
    if result.returncode:
        return
    now = {words[0]: words for words in _lines((root / LIST).read_text(encoding="utf-8"))}
    ever = _lines("\n".join(line[1:] for line in result.stdout.splitlines()
                            if line.startswith("+") and not line.startswith("+++")))
    problems = []
    for words in ever:
        line = " ".join(words)
        if words[0] not in now:
            problems.append(f"{LIST}: '{line}' was published and is gone: put the line back (a page that moved "
                            "keeps its old address with a redirect; a removed section keeps its number)")
        elif len(words) == 2 and now[words[0]] != words:
            problems.append(f"{LIST}: {words[0]} was published leading to {words[1]} and now leads to "
                            f"{' '.join(now[words[0]][1:]) or 'no section'}: printed codes never move; put "
                            "the line back as it was, and give a new section the next free number")
    if problems:
        raise PluginError("\n".join(dict.fromkeys(problems)))
