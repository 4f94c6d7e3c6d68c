"""The campaign kit's parts, without a site: share links' encoding, short addresses and their
pages, the briefing's date in each language. The built site's side: tests/site/test_campaign.py."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import segno
from project import LANGUAGES, ROOT
from mkdocs.utils.yaml import yaml_load

from content import addresses, dates
from sharing import share, short


SITE_URL = yaml_load((ROOT / "mkdocs.yml").open(encoding="utf-8"))["site_url"]
STRINGS = {language.locale: language.strings for language in LANGUAGES}


def test_a_share_link_carries_every_sign_of_a_title_and_address_encoded():
    """Signs that mean something in an address (&, +, %, ?, #) and spaces reach the messenger as written."""
    title, address = "«A & B» + 100% ?#", "https://e.org/ru/x/#a-b"
    telegram, whatsapp, email = (href for _, href in share.share_targets(title, address, "E-mail"))
    assert all(href.isascii() and " " not in href and "+" not in href for href in (telegram, whatsapp, email))
    assert parse_qs(urlsplit(telegram).query) == {"url": [address], "text": [title]}
    assert parse_qs(urlsplit(whatsapp).query) == {"text": [f"{title}\n{address}"]}
    assert parse_qs(urlsplit(email).query) == {"subject": [title], "body": [address]}


def test_a_lost_short_address_fails_the_check(tmp_path):
    (tmp_path / "s/kk/1").mkdir(parents=True)
    (tmp_path / "s/kk/1/index.html").write_text("<!doctype html>", encoding="utf-8")
    assert addresses.missing(["s/kk/1/", "s/kk/2/"], tmp_path) == ["s/kk/2/"]


def test_a_short_address_page_leads_with_a_refresh_and_a_plain_link():
    text = short.page("ru", "Заголовок <и>", "../../../ru/x/#a", "https://e.org/ru/x/#a")
    assert '<meta http-equiv="refresh" content="0; url=../../../ru/x/#a">' in text
    assert '<a href="../../../ru/x/#a">Заголовок &lt;и&gt;</a>' in text and '<html lang="ru">' in text


def test_short_addresses_need_fewer_modules_than_full_ones():
    full = segno.make(f"{SITE_URL}ru/prosecutions/#bokaev-ayan", error="m", micro=False)
    brief = segno.make(f"{SITE_URL}s/ru/12/", error="m", micro=False)
    assert brief.version < full.version


def test_the_briefings_date_reads_as_each_language_writes_it():
    assert dates.human("2017-02-09", STRINGS["kk"]) == "2017 жылғы 9 ақпан"
    assert dates.human("2017-02-09", STRINGS["ru"]) == "9 февраля 2017 г."
    assert dates.human("2017-02-09", STRINGS["en"]) == "9 February 2017"
