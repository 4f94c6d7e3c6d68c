"""Section permalinks labelled in the page's language.

Python-Markdown's `toc` gives every heading's permalink (¶) one title for all languages.
This hook drops it from the page title (whose generated ID, like `_1`, is no campaign
link) and replaces it with `extra.strings.permalink` of the language being built
(mkdocs.yml), so that screen readers and tooltips speak the page's language.
"""

from __future__ import annotations

import html
import re

PERMALINK = re.compile(r'(<a class="headerlink" href="#[^"]*") title="[^"]*">')
TITLE_PERMALINK = re.compile(r'(<h1\b[^>]*>.*?)<a class="headerlink"[^>]*>.*?</a>(</h1>)', re.S)


def label_permalinks(content: str, label: str) -> str:
    escaped = html.escape(label, quote=True)
    content = TITLE_PERMALINK.sub(r"\1\2", content)
    return PERMALINK.sub(rf'\1 title="{escaped}" aria-label="{escaped}">', content)


def on_page_content(content: str, page, config, files) -> str:
    return label_permalinks(content, config.extra["strings"]["permalink"])
