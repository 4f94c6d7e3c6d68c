"""The ZIM's icon, drawn from the site's SVG (the ZIMs themselves: tests/site/test_zim.py)."""

from __future__ import annotations

import io

from project import ROOT
from downloads import zim

from PIL import Image


ICON = ROOT / "docs/assets/favicon.svg"


def test_the_icon_is_drawn_from_the_sites_svg():
    icon = Image.open(io.BytesIO(zim.draw_icon(ICON))).convert("RGBA")
    assert icon.size == (48, 48)
    assert icon.getpixel((0, 0))[3] == 0  # outside the rounded corner
    assert icon.getpixel((4, 24)) == (0x3f, 0x51, 0xb5, 255)  # the indigo square
    assert icon.getpixel((22, 24)) == (255, 255, 255, 255)  # the white loudspeaker
