"""MkDocs hooks: figures and notebooks made at build time, and the page rules.

- ``on_files``: draws every ``draw_*`` figure of ``snippets`` to SVG (cached) and
  makes one notebook per page that has code; both are added to the build without
  being written into ``docs/``.
- ``on_page_markdown``: refuses a page that breaks the include rules (hand-typed
  Python, an include of anything but a snippets section or a result file), and puts
  the notebook's download link at the top of the page.

What the copy button copies is made from the doctest source by the ``pycon`` fence
format (``docs_tooling.pages.format_pycon``, configured in ``mkdocs.yml``).
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

import nbformat
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from docs_tooling import figures
from docs_tooling.notebooks import page_to_notebook
from docs_tooling.pages import include_errors, read_page


def notebook_uri(page_uri: str) -> str:
    """Where the notebook of the page at ``page_uri`` (``x/y.md``) lies: ``x/y.ipynb``."""
    return str(PurePosixPath(page_uri).with_suffix(".ipynb"))


def on_config(config):
    # Figures show the data the doctests ran on, the offline default, never a download:
    # a page must not pair a downloaded dataset's figure with outputs of the offline one.
    os.environ["PYTORCH_ZH_OFFLINE"] = "1"
    return config


def on_files(files: Files, config) -> Files:
    config_file = Path(config.config_file_path)
    specs = figures.discover(config_file.parent / "snippets")
    for uri, svg in figures.render_all(specs).items():
        files.append(File.generated(config, uri, abs_src_path=str(svg)))
    for page in list(files.documentation_pages()):
        with open(page.abs_src_path, encoding="utf-8") as f:
            source = f.read()
        read = read_page(source, config_file)
        if not read.python_fences:
            continue
        notebook = page_to_notebook(read, read.title or page.name)
        files.append(File.generated(
            config, notebook_uri(page.src_uri), content=nbformat.writes(notebook)
        ))
    return files


def on_page_markdown(markdown: str, page, config, files: Files) -> str:
    errors = include_errors(markdown, Path(config.config_file_path))
    if errors:
        raise PluginError(f"{page.file.src_uri}: " + "; ".join(errors))
    nb_uri = notebook_uri(page.file.src_uri)
    if files.get_file_from_path(nb_uri) is None:
        return markdown
    top = [f'[下载本章 Notebook（.ipynb）]({PurePosixPath(nb_uri).name}){{ .md-button download }}']
    if page.meta.get("requires"):
        packages = " ".join(page.meta["requires"])
        top.append("本章代码除 PyTorch、torchvision、matplotlib、NumPy 和 pandas 外，"
                   f"还需要：`pip install {packages}`")
    # Both go right under the page title, which is the first line of a page.
    title, _, rest = markdown.partition("\n")
    if not title.startswith("# "):
        raise PluginError(f"{page.file.src_uri}: the first line must be the page title, '# <标题>'")
    return "\n\n".join([title, *top, rest.lstrip()])
