"""The strict build: what it produces, and that it refuses what it must refuse."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from urllib.parse import urlsplit

import pytest

from docs_tooling.pages import fence_copy_text, read_page
from tests.conftest import ROOT, build_env, mkdocs_build

SITE_HOST = urlsplit(os.environ.get("SITE_URL", "http://127.0.0.1:8000/")).netloc  # mkdocs.yml
# URIs that name an XML vocabulary; no browser fetches them.
XML_NAMESPACES = re.compile("|".join(re.escape(uri) for uri in (
    "http://www.w3.org/2000/svg",
    "http://www.w3.org/1999/xlink",
    "http://www.w3.org/1998/Math/MathML",
    "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd",
    "http://www.sitemaps.org/schemas/sitemap/0.9",
)))
URL = re.compile(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^\s\"'<>)]*", re.IGNORECASE)


def text_files(site, *suffixes):
    return [p for p in site.rglob("*") if p.suffix in suffixes]


def test_html_and_svg_point_at_no_other_host(built_site) -> None:
    for path in text_files(built_site, ".html", ".svg", ".xml"):
        text = XML_NAMESPACES.sub("", path.read_text("utf-8"))
        foreign = [u for u in URL.findall(text) if SITE_HOST not in u]
        assert not foreign, f"{path.relative_to(built_site)} names other hosts: {foreign[:5]}"


def test_stylesheets_load_nothing_from_another_host(built_site) -> None:
    for path in text_files(built_site, ".css"):
        refs = re.findall(r"url\(\s*['\"]?([^'\")]+)|@import\s+['\"]([^'\"]+)", path.read_text("utf-8"))
        foreign = [r for pair in refs for r in pair if r and URL.match(r)]
        assert not foreign, f"{path.relative_to(built_site)} loads {foreign}"


def test_the_theme_bundle_fetches_nothing_this_site_uses(built_site) -> None:
    """Material's bundle can fetch two things: mermaid (if a page had a diagram) and
    GitHub facts (if repo_url were set). Neither applies here."""
    pages = [p.read_text("utf-8") for p in text_files(built_site, ".html")]
    assert not any('class="mermaid"' in page for page in pages)
    assert not any("md-source" in page for page in pages)


def test_our_scripts_name_no_other_host(built_site) -> None:
    for name in ("assets/katex-init.js", "assets/katex/katex.min.js",
                 "assets/katex/contrib/auto-render.min.js"):
        text = XML_NAMESPACES.sub("", (built_site / name).read_text("utf-8"))
        assert not URL.findall(text), name


def test_no_google_fonts_and_math_is_self_hosted(built_site) -> None:
    page = (built_site / "tensors" / "index.html").read_text("utf-8")
    assert "fonts.googleapis" not in page and "fonts.gstatic" not in page
    assert 'src="../assets/katex/katex.min.js"' in page
    assert '<div class="arithmatex">' in page
    fonts = list((built_site / "assets" / "katex" / "fonts").glob("*.woff2"))
    assert len(fonts) == 20


def test_figures_are_svgs_made_by_the_build(built_site) -> None:
    for uri in ("figures/tensors/broadcasting.svg", "figures/tensors/reductions.svg",
                "figures/data/samples.svg"):
        svg = (built_site / uri).read_bytes()
        assert svg.startswith(b"<?xml") and b"<svg" in svg
    page = (built_site / "tensors" / "index.html").read_text("utf-8")
    assert 'src="../figures/tensors/broadcasting.svg"' in page


def test_each_chapter_offers_its_notebook(built_site) -> None:
    for chapter in ("tensors", "data"):
        page = (built_site / chapter / "index.html").read_text("utf-8")
        assert f'href="../{chapter}.ipynb"' in page
        notebook = json.loads((built_site / f"{chapter}.ipynb").read_text("utf-8"))
        assert notebook["nbformat"] == 4 and len(notebook["cells"]) > 5


@pytest.mark.parametrize("chapter", ["tensors", "data"])
def test_copy_button_copies_the_code_made_from_the_source(built_site, chapter) -> None:
    page = (built_site / chapter / "index.html").read_text("utf-8")
    blocks = re.findall(r'<div class="language-pycon highlight" data-copy="([^"]*)"', page)
    copied = [html.unescape(block) for block in blocks]
    assert len(copied) == page.count('class="language-pycon highlight"')
    fences = read_page((ROOT / "docs" / f"{chapter}.md").read_text("utf-8")).fences
    assert copied == [fence_copy_text(f) for f in fences if f.lang == "pycon"]
    for text in copied:
        assert ">>>" not in text and "Traceback" not in text and text.strip()


def test_chinese_headings_get_readable_anchors(built_site) -> None:
    page = (built_site / "tensors" / "index.html").read_text("utf-8")
    assert 'id="创建张量"' in page and 'id="与-numpy-和-python-数互相转换"' in page


def test_search_index_is_segmented_into_chinese_words(built_site) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "\u200b" in text  # jieba's word boundaries
    assert "广播" in text.split("\u200b") or "\u200b广播\u200b" in text


def test_a_chapter_links_to_the_previous_and_the_next_page(built_site) -> None:
    footer = (built_site / "tensors" / "index.html").read_text("utf-8")
    assert '<a href="../environment/" class="md-footer__link md-footer__link--prev"' in footer
    assert '<a href="../preprocessing/" class="md-footer__link md-footer__link--next"' in footer


def test_the_scratch_project_builds(scratch_project, tmp_path) -> None:
    """The control for the two tests below: unbroken, it builds."""
    run = mkdocs_build(scratch_project, tmp_path / "site")
    assert run.returncode == 0, run.stderr


def test_a_page_with_hand_typed_python_fails_the_build(scratch_project, tmp_path) -> None:
    page = scratch_project / "docs" / "scratch.md"
    page.write_text(page.read_text("utf-8") + '\n```python\nprint("手写的代码")\n```\n', "utf-8")
    run = mkdocs_build(scratch_project, tmp_path / "site")
    assert run.returncode != 0
    assert "scratch.md: a python block holds hand-typed code" in run.stderr


def test_a_removed_section_fails_the_build(scratch_project, tmp_path) -> None:
    module = scratch_project / "snippets" / "scratch.py"
    module.write_text(module.read_text("utf-8").replace("[start:roots]", "[start:renamed]")
                      .replace("[end:roots]", "[end:renamed]"), "utf-8")
    run = mkdocs_build(scratch_project, tmp_path / "site")
    assert run.returncode != 0
    assert "Snippet section 'roots' could not be located" in run.stderr


def test_the_network_guard_catches_a_connection(tmp_path) -> None:
    """What makes the build's offline check able to fail: a connection attempt is logged."""
    log = tmp_path / "network.log"
    run = subprocess.run(
        [sys.executable, "-c", "import socket; socket.create_connection(('192.0.2.1', 80), timeout=1)"],
        env=build_env(log), capture_output=True, text=True,
    )
    assert run.returncode != 0 and "allow no network access" in run.stderr
    assert log.read_text().strip() == "('192.0.2.1', 80)"
