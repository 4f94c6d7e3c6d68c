"""Link previews: every page, in every language, looks right when shared.

For each page this hook draws a 1200×630 PNG card (the page title over the site name, in
Debian's DejaVu fonts, which cover every Kazakh letter) to `assets/cards/<lang>-<page>.png`
and puts in `page.meta["share"]` what overrides/partials/share-meta.html turns into Open
Graph and Twitter card tags: title, description, type, site name, locales, and the card,
every address absolute from `site_url`. The same title and site name always give the same
bytes, so two builds are identical; the file:// download has none. A missing font stops the build and says what to install.
"""

from __future__ import annotations

import io
import textwrap
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError
from PIL import Image, ImageDraw, ImageFont

FONTS = Path("/usr/share/fonts/truetype/dejavu")
REGULAR, BOLD = FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf"
SIZE = WIDTH, HEIGHT = 1200, 630
MARGIN = 80
BACKGROUND, TEXT, RULE = (40, 53, 147), (255, 255, 255), (140, 158, 255)  # Material indigo 800, white, indigo A100
OG_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_US"}


def font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    if not path.is_file():
        raise PluginError(f"hooks/cards.py: the font {path} is missing: install Debian's fonts-dejavu-core "
                          "(make build-debs), which the share cards are drawn with")
    return ImageFont.truetype(str(path), size)


def title_lines(title: str, width: int = WIDTH - 2 * MARGIN) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest title font (from 76 px down) whose wrapped lines fit the card: at most 4 lines."""
    for size in range(76, 35, -4):
        face = font(BOLD, size)
        average = face.getlength(title) / max(len(title), 1)
        lines = textwrap.wrap(title, width=max(int(width / average), 1))
        if len(lines) <= 4 and all(face.getlength(line) <= width for line in lines):
            return face, lines
    return face, lines[:4]


def card_png(title: str, site_name: str, address: str) -> bytes:
    """The card as PNG bytes: site name on top, the title, the site's address at the foot."""
    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.text((MARGIN, MARGIN - 10), site_name, font=font(REGULAR, 40), fill=TEXT)
    draw.rectangle((MARGIN, MARGIN + 50, MARGIN + 120, MARGIN + 58), fill=RULE)
    face, lines = title_lines(title)
    line_height = int(face.size * 1.22)
    top = (HEIGHT - line_height * len(lines)) // 2 + 30
    for number, line in enumerate(lines):
        draw.text((MARGIN, top + number * line_height), line, font=face, fill=TEXT)
    draw.text((MARGIN, HEIGHT - MARGIN - 20), address, font=font(REGULAR, 30), fill=RULE)
    palette = image.quantize(colors=32, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    output = io.BytesIO()
    palette.save(output, format="PNG", optimize=True)
    return output.getvalue()


def card_path(src_uri: str) -> str:
    """`kk/prosecutions.md` → `assets/cards/kk-prosecutions.png`."""
    source = PurePosixPath(src_uri)
    return f"assets/cards/{'-'.join(source.with_suffix('').parts)}.png"


def share_meta(page, config, locale: str, image: str) -> dict:
    """What share-meta.html displays for the page; every address absolute."""
    others = [OG_LOCALES[l.locale] for l in config.plugins["i18n"].config.languages if l.locale != locale]
    return {
        "type": "website" if page.is_index else "article",  # a language's home page, or a page of the report
        "title": page.meta["title"],
        "description": page.meta["description"],
        "url": page.canonical_url,
        "site_name": config.site_name,
        "locale": OG_LOCALES[locale],
        "alternate_locales": others,
        "image": {"url": urljoin(config.site_url, image), "width": WIDTH, "height": HEIGHT,
                  "alt": f"{page.meta['title']} — {config.site_name}"},
    }


def on_page_context(context, page, config, nav):
    if config.plugins["material/offline"].config.enabled:
        return context  # the file:// download is read, not shared
    locale = config.plugins["i18n"].current_language
    image = card_path(page.file.src_uri)
    target = Path(config.site_dir) / image
    target.parent.mkdir(parents=True, exist_ok=True)
    address = urljoin(config.site_url, page.url).partition("://")[2]
    target.write_bytes(card_png(page.meta["title"], config.site_name, address))
    page.meta["share"] = share_meta(page, config, locale, image)
    return context
