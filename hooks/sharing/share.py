"""Section links that campaigners copy, post and print.

Every section heading (`##`-`######`, all with explicit IDs: hooks/content/sources.py) gets one compact
control on its own line: a closed `<details>` "Share", written right after the heading and set at
the end of its last line (share.css, which keeps room for it there, so it takes no line of its
own, even on a 360-pixel phone). It holds a button that copies the section's absolute address
(from `site_url`): overrides/assets/javascripts/share.js copies it and confirms in the page's
language (`extra.strings` in mkdocs.yml) through one status line per page; and plain links that
hand the section's share text and address to Telegram, WhatsApp and e-mail (the text says what
the link is: the section's title, the report's name in the page's language and its year,
`extra.strings.share_text`), written here, so they work without scripts (Tor Browser's Safest
level, where the summary shows its word, not its icon) and load nothing until followed. Where the browser has the Web Share API, share.js puts a share button in
their place, fed from the Telegram link's own parameters. Both share the section's full online
address, as the copy button does: a messenger shows its preview card, and the reader sees where
it leads (the short addresses are for paper).

The `<!-- share-table -->` marker (on the page of its own, `links.md` in each language, last in
the nav; the about pages' `share` section links it) becomes a table of every `##` section of
every page, in nav order, in every language: absolute link, copy button and QR code of the
section's short address (declared in published-addresses.txt, hooks/sharing/short.py: `s/kk/3/`),
printed beneath it. A page without
`##` sections (that page itself) has no row. It is rendered by
overrides/partials/share-table.html from the data computed here. The QR codes are SVG files
(segno) under assets/qr/, written while the page is rendered, loaded lazily. The table has a
page of its own so that no page's first view carries it beside other heavy content (the about
pages' downloads table): every page's first view stays within 60 kB (tests/support/tour.py).
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import segno
from markupsafe import Markup
from mkdocs.utils import get_relative_url

import common
from content import dates, rendered
from content.addresses import page_address
from content.sources import read_page
from sharing import short

MARKER = "<!-- share-table -->"
PAGE = "links.md"  # the page of the share table, in each language's folder: linked from every footer


@dataclass(frozen=True)
class Translation:
    """One page in one language: its site-relative address, title, `##` sections (ID, title) and
    Markdown file."""
    locale: str
    url: str
    title: str
    sections: list[tuple[str, str]]
    source: str

    @property
    def address(self) -> str:
        """Its address on the online site, relative to site_url (`ru/about/`, also in the file:// build)."""
        return common.online_address("", self.url, directory_urls=not self.url.endswith(".html"))


def read_translation(locale: str, file) -> Translation:
    source = read_page(Path(file.abs_src_path), Path(file.abs_src_path).parent)
    sections = [(h.id, h.title) for h in source.headings if h.level == 2 and h.id]
    url = "" if file.url == "./" else file.url  # the home page: the site's root itself
    return Translation(locale, url, source.meta["title"], sections, file.abs_src_path)


def translations(file, locales: list[str]) -> list[Translation]:
    """The page of `file` in each locale, in the configured order (mkdocs-static-i18n's alternates)."""
    return [read_translation(locale, file.alternates[locale]) for locale in locales]


QR_FOLDER = "assets/qr/"


def qr_code(url: str, name: str, site: Path) -> dict:
    """A QR code of `url`, black on white even in dark mode, written to the site as `name`.svg."""
    code = segno.make(url, error="m", micro=False)
    svg = io.BytesIO()
    code.save(svg, kind="svg", border=4, omitsize=True, dark="#000", light="#fff", xmldecl=False)
    path = f"{QR_FOLDER}{name}.svg"
    (site / path).parent.mkdir(parents=True, exist_ok=True)
    (site / path).write_bytes(svg.getvalue())
    width, height = code.symbol_size(border=4)
    return {"path": path, "width": width, "height": height}


def breakable(address: str) -> Markup:
    """An address as shown on screen and paper: it may break after the scheme's `//` and after the
    host's `/`, never inside the host name (`https://kz-` / `report.org/…` leaves a reader typing
    it unsure of the hyphen) nor inside the path (`s/kk/3/` stays one piece): each kept whole
    (`nobr`, share.css and single-file.css), a `<wbr>` between them."""
    scheme, _, rest = address.partition("://")
    host, slash, path = rest.partition("/")
    pieces = [f"{html.escape(scheme)}://", f'<span class="nobr">{html.escape(host)}{slash}</span>']
    return Markup("<wbr>".join(pieces + ([f'<span class="nobr">{html.escape(path)}</span>'] if path else [])))


def share_text(section: str, report: str, strings: dict) -> str:
    """What a shared section says it is, in the page's language: its title, the report's name and the
    briefing's year, "Дело … — «Подумай, прежде чем публиковать» (Amnesty International, 2017)"."""
    return strings["share_text"].format(section=section, report=report, year=dates.PUBLISHED[:4])


def share_targets(title: str, address: str, email: str) -> list[tuple[str, str]]:
    """(label, href) of each place a section can be handed to, with its share text (`title`) and
    address percent-encoded whole (spaces as %20, which mailto: needs, not +)."""
    text, url = quote(title, safe=""), quote(address, safe="")
    return [("Telegram", f"https://t.me/share/url?url={url}&text={text}"),
            ("WhatsApp", f"https://wa.me/?text={text}%0A{url}"),
            (email, f"mailto:?subject={text}&body={url}")]


def share_menu(title: str, address: str, strings: dict) -> str:
    """A section's one "Share" control: a closed disclosure whose summary is an icon with its word
    (shown as text where scripts, and so SVG, are off: overrides/assets/stylesheets/without-scripts.css), holding
    the copy button and the plain links, no referrer. Kept out of Material's search index
    (`data-search-exclude`), where every section would match "Telegram"."""
    copy = html.escape(strings["share_copy_section"])
    links = "".join(f'<li><a href="{html.escape(href, quote=True)}" rel="noreferrer">{html.escape(label)}</a></li>'
                    for label, href in share_targets(title, address, strings["share_email"]))
    return (f'<details class="share-menu" data-search-exclude><summary><span class="share-label">'
            f'{html.escape(strings["share"])}</span></summary><ul>'
            f'<li><button type="button" class="share-copy" data-share-url="{html.escape(address, quote=True)}">'
            f'{copy}</button></li>{links}</ul></details>')


def section_controls(content: str, page_url: str, strings: dict, report: str) -> str:
    """After each section heading (content/rendered.py), its share control (share.css sets it on
    the heading's last line), saying the heading's words as a reader sees them."""
    pieces, start = [], 0
    for heading in rendered.read(content).headings:
        text = share_text(heading.title, report, strings)
        pieces += [content[start:heading.end], share_menu(text, f"{page_url}#{heading.id}", strings)]
        start = heading.end
    return "".join(pieces) + content[start:]


def status_line(strings: dict) -> str:
    """Where share.js confirms a copy, in the page's language; it also names the share buttons it adds."""
    copied, failed, share = (html.escape(strings[key], quote=True) for key in ("share_copied", "share_copy_failed", "share"))
    return (f'<p class="share-status" role="status" data-copied="{copied}" data-failed="{failed}" '
            f'data-share="{share}"></p>')


def share_rows(pages: list[list[Translation]], numbers: dict[tuple[str, str], int], config, locale: str,
               names: dict[str, str], strings: dict) -> list[dict]:
    """Per page (in nav order): its title in `locale`, and per section its title and one link per language,
    with its short address from `numbers` (hooks/sharing/short.py `numbered`: the declared map)."""
    rows = []
    for versions in (v for v in pages if v[0].sections):
        shown = next(v for v in versions if v.locale == locale)
        page_name = Path(versions[0].url).stem or "index"  # the default language's address has no prefix
        sections = []
        for section_id, title in shown.sections:
            links = []
            for version in versions:
                url = page_address(config, version.url) + f"#{section_id}"
                number = numbers[version.address, section_id]
                short_url = page_address(config, short.path(version.locale, number))
                language = names[version.locale]
                links.append({"locale": version.locale, "language": language, "url": url, "short": short_url,
                              "shown": breakable(url), "short_shown": breakable(short_url),
                              "code": f"{version.locale}-{number}",  # q-… the code shown by a tap, o-… its "QR" link
                              "copy_label": f"{strings['share_copy']}: {title} ({language})",
                              "qr": qr_code(short_url, f"{version.locale}-{page_name}-{section_id}", Path(config.site_dir)),
                              "qr_label": f"{strings['share_qr']}: {short_url}"})
            sections.append({"id": section_id, "title": title, "links": links})
        rows.append({"title": shown.title, "sections": sections})
    return rows


def table_page(files, locale: str) -> dict:
    """The share table's page in `locale`, for every page's footer: its site path and title."""
    file = files.get_file_from_path(f"{locale}/{PAGE}")
    return {"url": file.url, "title": read_page(Path(file.abs_src_path), Path(file.abs_src_path).parent).meta["title"]}


def add_share_links(content: str, page, config, language: common.Language, languages: list[common.Language],
                    nav: list[list[Translation]], numbers: dict[tuple[str, str], int]) -> str:
    """The page with its copy buttons, its status line, and the share table where it is marked."""
    strings = language.strings
    if MARKER in content:
        names = {language.locale: language.name for language in languages}
        table = config.theme.get_env().get_template("partials/share-table.html").render(
            rows=share_rows(nav, numbers, config, language.locale, names, strings),
            languages=languages, strings=strings, root=get_relative_url(".", page.url))
        content = content.replace(MARKER, table)
    return section_controls(content, page.canonical_url, strings, language.site_name) + status_line(strings)
