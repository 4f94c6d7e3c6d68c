"""Every error the build gives says what to do: each is provoked here on the smallest input that
reaches it, and its message is held to naming the file or value and the way out."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from content import languages
from downloads import zim
from mkdocs.exceptions import PluginError
from project import LANGUAGES
from search import index
from trust import csp, nginx
from weight import scripts

DATA = Path(__file__).parent / "data"


def config_of(custom_dir: Path | None = None) -> SimpleNamespace:
    """What the steps read of MkDocs's configuration."""
    return SimpleNamespace(site_url="https://e.org/r/", use_directory_urls=True, theme=SimpleNamespace(custom_dir=str(custom_dir)))


def test_a_page_without_a_translation_says_which_file_to_write():
    file = SimpleNamespace(src_uri="ru/about.md", url="ru/about/", alternates={"kk": SimpleNamespace(url="about/")})
    with pytest.raises(PluginError, match=r"docs/ru/about\.md has no en translation .*: translate it as docs/en/about\.md"):
        languages.alternates(SimpleNamespace(file=file, url=file.url), config_of("ru"), "ru", LANGUAGES)


def test_a_page_without_materials_config_says_where_to_look():
    page = SimpleNamespace(url="ru/about/", file=SimpleNamespace(src_uri="ru/about.md"))
    with pytest.raises(PluginError, match=r"ru/about\.md has no #__config .*: .*README's seams"):
        index.point_config_at_language_root("<html><head></head></html>", page, LANGUAGES[1])


def test_a_page_without_a_head_says_to_give_its_template_one():
    with pytest.raises(PluginError, match=r"broken\.html has no <head> .*: give the template that wrote it a <head>"):
        csp.secure_pages({"broken.html": "<p>no head</p>"}, csp.policy([], []))


def test_a_header_value_nginx_would_misread_says_to_write_it_without_the_sign():
    with pytest.raises(PluginError, match=r"'a\"b' .*: write the value without them"):
        nginx.quoted('a"b')


def test_a_zim_of_a_language_without_pages_says_to_build_them_first(tmp_path):
    metadata = zim.language_metadata(LANGUAGES[0], source="https://e.org/r/", date="2026-01-01")
    with pytest.raises(zim.ZimError, match=r"no page in language 'de' .*: build the offline site with that language first"):
        zim.write_zim(DATA / "offline", "de", metadata, tmp_path / "report-de.zim")


def test_a_zim_page_linking_a_missing_file_says_what_to_link(tmp_path):
    metadata = zim.language_metadata(LANGUAGES[0], source="https://e.org/r/", date="2026-01-01")
    with pytest.raises(zim.ZimError, match=r"index\.html links to 'assets/missing\.css', which the ZIM lacks .*: "
                                           r"link a file the offline build writes"):
        zim.write_zim(DATA / "offline", "kk", metadata, tmp_path / "report-kk.zim")


def test_a_changed_scripts_block_says_what_to_compare():
    with pytest.raises(PluginError, match=r"compare .*overrides/main\.html"):
        scripts.material_bundle("{% block scripts %}{% endblock %}")


def test_a_module_that_cannot_be_inlined_says_how_to_write_it(tmp_path):
    (tmp_path / scripts.FOLDER).mkdir(parents=True)
    (tmp_path / scripts.FOLDER / "x.js").write_text('document.write("</script>")', encoding="utf-8")
    with pytest.raises(PluginError, match=r"x\.js cannot be written inline .*: write .*<\\/script"):
        scripts.module_tag(config_of(custom_dir=tmp_path), offline=True)(None, "x.js")
