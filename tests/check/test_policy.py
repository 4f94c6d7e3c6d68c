"""The page policy trusts no content: a page's Markdown may bring nothing that runs or frames, nor
an image from outside the site (hooks/trust/content.py); what may run inline is declared in
page-policy.txt (hooks/trust/csp.py, tests/test_trust.py for the built pages)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from trust import content

HOSTILE = [
    ("<script>alert(1)</script>", "<p>&lt;script&gt;</p>", "a <script> element", 4),
    ('<p onclick="alert(1)">x</p>', None, "an event attribute onclick=", 4),
    ("[x](javascript:alert(1))", None, "a javascript: address in href=", 4),
    ('<a href=" JavaScript:alert(1)">x</a>', None, "a javascript: address in href=", 4),
    ('<iframe src="https://e.org/"></iframe>', None, "a <iframe> element", 4),
    ('<object data="x.swf"></object>', None, "a <object> element", 4),
    ('<embed src="x.swf">', None, "a <embed> element", 4),
    ('<meta http-equiv="refresh" content="0; url=https://e.org/">', None, "a <meta> element", 4),
]


def page_of(tmp_path: Path, markdown: str):
    source = tmp_path / "blocking.md"
    source.write_text(f"---\ntitle: t\n---\n# Title\n\n{markdown}\n".replace("---\n# Title\n\n", "---\n"), encoding="utf-8")
    return SimpleNamespace(file=SimpleNamespace(abs_src_path=str(source), url="blocking/"))


@pytest.mark.parametrize("markdown, _, said, line", HOSTILE, ids=[h[2] for h in HOSTILE])
def test_content_that_runs_or_frames_is_refused_naming_the_file_and_line(tmp_path, markdown, _, said, line):
    import markdown as md
    rendered = md.markdown(markdown)
    with pytest.raises(PluginError, match=f"blocking.md:{line}: {said}"):
        content.refuse_active(rendered, page_of(tmp_path, markdown), [])


def test_code_that_is_shown_is_text():
    content.refuse_active("<pre><code>&lt;script&gt;alert(1)&lt;/script&gt; onclick=</code></pre><p>on the page</p>",
                          SimpleNamespace(file=SimpleNamespace(abs_src_path=__file__, url="x/")), [])


def test_an_image_missing_or_outside_the_site_is_refused_naming_the_page(tmp_path):
    files = [SimpleNamespace(dest_uri="assets/favicon.svg")]
    page = page_of(tmp_path, "![a](../assets/favicon.svg)")
    content.refuse_active('<p><img src="../assets/favicon.svg"></p>', page, files)
    for src in ["../assets/missing.png", "/etc/passwd", "../../../etc/passwd", "file:///etc/passwd"]:
        page = page_of(tmp_path, f'<img src="{src}">')
        with pytest.raises(PluginError, match=rf"blocking.md:4: the image '{src}' is not a file of the site"):
            content.refuse_active(f'<p><img src="{src}"></p>', page, files)
