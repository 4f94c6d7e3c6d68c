"""Link previews: every page, in every language, looks right when shared.

For each page `share_meta` draws a 1200×630 PNG card (the page title over the site name, in
DejaVu Sans, found through fontconfig: it covers every Kazakh letter) to `assets/cards/<lang>-<page>.png`
and puts in `page.meta["share"]` what overrides/partials/share-meta.html turns into Open
Graph and Twitter card tags: title, description, type, site name, locales, and the card,
every address absolute from `site_url`. The same title and site name always give the same
bytes, so two builds are identical; the file:// download has none, and `mkdocs serve` draws none
(it keeps the tags). A missing font stops the build and says what to install.
"""

from __future__ import annotations

import functools
import io
import shutil
import subprocess
import textwrap
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError
from PIL import Image, ImageDraw, ImageFont

import common

REGULAR, BOLD = "DejaVu Sans:style=Book", "DejaVu Sans:style=Bold"
SIZE = WIDTH, HEIGHT = 1200, 630
MARGIN = 80
BACKGROUND, TEXT, RULE = (40, 53, 147), (255, 255, 255), (140, 158, 255)  # Material indigo 800, white, indigo A100


@functools.cache
def font_file(pattern: str) -> str:
    """The file of the font `pattern` names, as fontconfig finds it (exactly that family)."""
    found = subprocess.run(["fc-match", "--format", "%{family}\n%{file}", pattern], capture_output=True,
                           text=True) if shutil.which("fc-match") else None
    family, _, path = found.stdout.partition("\n") if found and found.returncode == 0 else ("", "", "")
    if pattern.split(":")[0] not in family.split(",") or not Path(path).is_file():
        raise PluginError(f"hooks/sharing/cards.py: fontconfig finds no '{pattern}', which the share cards are "
                          "drawn with: install Debian's fonts-dejavu-core (make system-packages)")
    return path


def font(pattern: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(font_file(pattern), size)


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


def share_meta(page, config, language: common.Language, languages: list[common.Language], draw: bool = True) -> dict:
    """What share-meta.html displays for the page, every address absolute; the card drawn
    into the site when `draw`."""
    image = card_path(page.file.src_uri)
    if draw:
        target = Path(config.site_dir) / image
        target.parent.mkdir(parents=True, exist_ok=True)
        address = urljoin(config.site_url, page.url).partition("://")[2]
        target.write_bytes(card_png(page.meta["title"], config.site_name, address))
    return {
        "type": "website" if page.is_index else "article",  # a language's home page, or a page of the report
        "title": page.meta["title"],
        "description": page.meta["description"],
        "url": page.canonical_url,
        "site_name": config.site_name,
        "locale": language.og_locale,
        "alternate_locales": [other.og_locale for other in languages if other != language],
        "image": {"url": urljoin(config.site_url, image), "width": WIDTH, "height": HEIGHT,
                  "alt": f"{page.meta['title']} — {config.site_name}"},
    }
