"""Links within a page (section permalinks, footnote back-links) labelled in the page's language.

Python-Markdown's `toc` and `footnotes` give every permalink (¶) and back-link (↩) one English
title for all languages. `label_permalinks` and `label_backlinks` give them `extra.strings.permalink` and
`extra.strings.footnote_back` of the language being built (mkdocs.yml), so that screen readers
and tooltips speak the page's language, and drops the permalink of the page title (whose
generated ID, like `_1`, is no campaign link)."""

from __future__ import annotations

import html
import re

PERMALINK = re.compile(r'(<a class="headerlink" href="#[^"]*") title="[^"]*">')
BACKLINK = re.compile(r'(<a class="footnote-backref" href="#[^"]*") title="[^"]*"')
TITLE_PERMALINK = re.compile(r'(<h1\b[^>]*>.*?)<a class="headerlink"[^>]*>.*?</a>(</h1>)', re.S)


def label_permalinks(content: str, label: str) -> str:
    escaped = html.escape(label, quote=True)
    content = TITLE_PERMALINK.sub(r"\1\2", content)
    return PERMALINK.sub(rf'\1 title="{escaped}" aria-label="{escaped}">', content)


def label_backlinks(content: str, label: str) -> str:
    escaped = html.escape(label, quote=True)
    return BACKLINK.sub(rf'\1 title="{escaped}" aria-label="{escaped}"', content)
