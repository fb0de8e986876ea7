"""MkDocs hooks: figures and notebooks made at build time, guards, code-only copying.

- ``on_files``: draws every ``draw_*`` figure of ``snippets`` to SVG (cached) and
  makes one notebook per page that has code; both are added to the build without
  being written into ``docs/``.
- ``on_page_markdown``: refuses a page with hand-typed Python, and puts the
  notebook's download link at the top of the page.
- ``on_page_content``: gives every ``pycon`` block a ``data-copy`` attribute holding
  its code alone, which Material's copy button copies instead of the text shown.
"""

from __future__ import annotations

import html
import re
from pathlib import Path, PurePosixPath

import nbformat
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from docs_tooling import figures
from docs_tooling.notebooks import page_to_notebook
from docs_tooling.pages import console_to_code, hand_typed_python, python_fences

_PYCON_BLOCK = re.compile(
    r'<div class="language-pycon highlight">(?P<inner><pre>.*?</pre>)</div>', re.DOTALL
)
_TAG = re.compile(r"<[^>]+>")
_H1 = re.compile(r"^#\s+(.+?)\s*$", re.MULTILINE)


def notebook_uri(page_uri: str) -> str:
    """Where the notebook of the page at ``page_uri`` (``x/y.md``) lies: ``x/y.ipynb``."""
    return str(PurePosixPath(page_uri).with_suffix(".ipynb"))


def on_files(files: Files, config) -> Files:
    config_file = Path(config.config_file_path)
    specs = figures.discover(config_file.parent / "snippets")
    for uri, svg in figures.render_all(specs).items():
        files.append(File.generated(config, uri, abs_src_path=str(svg)))
    for page in list(files.documentation_pages()):
        with open(page.abs_src_path, encoding="utf-8") as f:
            source = f.read()
        if not python_fences(source):
            continue
        title = _H1.search(source)
        notebook = page_to_notebook(source, title[1] if title else page.name, config_file)
        files.append(File.generated(
            config, notebook_uri(page.src_uri), content=nbformat.writes(notebook)
        ))
    return files


def on_page_markdown(markdown: str, page, config, files: Files) -> str:
    typed = hand_typed_python(markdown)
    if typed:
        lines = ", ".join(str(fence.line) for fence in typed)
        raise PluginError(
            f"{page.file.src_uri}: hand-typed Python at line(s) {lines}. Put the code in a "
            'named section of a snippets module and include it: --8<-- "snippets/<module>.py:<name>"'
        )
    nb_uri = notebook_uri(page.file.src_uri)
    if files.get_file_from_path(nb_uri) is None:
        return markdown
    link = f'[下载本章 Notebook（.ipynb）]({PurePosixPath(nb_uri).name}){{ .md-button download }}'
    # The link goes right under the page title.
    title = _H1.search(markdown)
    at = title.end() if title else 0
    return f"{markdown[:at]}\n\n{link}\n\n{markdown[at:].lstrip()}"


def _with_copy_text(match: re.Match) -> str:
    shown = html.unescape(_TAG.sub("", match["inner"]))
    code = html.escape(console_to_code(shown), quote=True)
    return f'<div class="language-pycon highlight" data-copy="{code}">{match["inner"]}</div>'


def on_page_content(html_text: str, page, config, files: Files) -> str:
    return _PYCON_BLOCK.sub(_with_copy_text, html_text)
