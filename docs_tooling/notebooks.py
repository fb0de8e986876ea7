"""Turn a docs page into the Jupyter notebook readers download.

The notebook is made from the page itself, includes expanded, and its code is
exactly what the page's copy buttons copy, in the same order: prose becomes Markdown
cells, each ``pycon`` example that prints something ends a code cell (its output
appears when the reader runs it), a call that raises stays as a comment with its
error below, plain code blocks become code cells, and a figure is drawn by calling
its ``draw_*`` function right after the cell that defines it.
"""

from __future__ import annotations

import re

import nbformat

from docs_tooling.figures import draw_functions
from docs_tooling.pages import (
    PYTHON_LANGS,
    Fence,
    Page,
    console_examples,
    example_code,
    without_directives,
)

_ADMONITION = re.compile(r'^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+"(?P<title>[^"]*)")?')
_FIGURE_IMAGE = re.compile(r"!\[[^\]]*\]\(figures/[^)]+\.svg\)(\{[^}]*\})?")


def _flatten_admonitions(text: str) -> str:
    """Admonitions become a bold title and their body, which Jupyter can show."""
    out: list[str] = []
    indent: str | None = None  # the admonition's own indent while inside its body
    for line in text.splitlines(keepends=True):
        if indent is not None:
            if not line.strip():
                out.append("\n")
                continue
            if line.startswith(indent + "    "):
                out.append(indent + line[len(indent) + 4 :])
                continue
            indent = None
        header = _ADMONITION.match(line)
        if header:
            indent = header["indent"]
            out.append(f"{indent}**{header['title']}**\n" if header["title"] else "\n")
            continue
        out.append(line)
    return "".join(out)


def _console_cells(fence: Fence) -> list[nbformat.NotebookNode]:
    """Code cells holding exactly what the reader copies (:func:`example_code`), split where
    the page shows an output; a call that raises is a comment, its error shown below it."""
    cells, pending = [], []
    for example in console_examples(without_directives(fence.body)):
        pending.append(example_code(example))
        if example.want or example.exc_msg is not None:
            cells.append(nbformat.v4.new_code_cell("".join(pending).rstrip()))
            pending = []
        if example.exc_msg is not None:
            cells.append(nbformat.v4.new_markdown_cell(
                "上面注释掉的调用会报错（Notebook 中不执行）：\n\n"
                f"```text\n{example.want}{example.exc_msg}```"
            ))
    if pending:
        cells.append(nbformat.v4.new_code_cell("".join(pending).rstrip()))
    return cells


def page_to_notebook(page: Page, page_title: str) -> nbformat.NotebookNode:
    """The notebook for ``page``, read with :func:`docs_tooling.pages.read_page`."""
    cells = [nbformat.v4.new_markdown_cell(
        f"> 本 Notebook 由 PyTorch 中文学习站的《{page_title}》一章自动生成，"
        "代码与页面上的完全相同，并经过测试。从上到下依次运行即可。"
    )]
    drawn = False
    for part in page.parts:
        if isinstance(part, str):
            prose = _FIGURE_IMAGE.sub("（这张图由下方的绘图代码画出。）", _flatten_admonitions(part)).strip()
            if prose:
                cells.append(nbformat.v4.new_markdown_cell(prose))
        elif part.lang == "pycon":
            cells += _console_cells(part)
        elif part.lang in PYTHON_LANGS:
            cells.append(nbformat.v4.new_code_cell(part.body.rstrip()))
            names = draw_functions(part.body)
            cells += [nbformat.v4.new_code_cell(f"{name}()") for name in names]
            drawn = drawn or bool(names)
        else:
            cells.append(nbformat.v4.new_markdown_cell(f"```{part.lang}\n{part.body}```"))
    if drawn:
        # draw_* functions return a Figure without pyplot; this makes Jupyter show it.
        cells.insert(1, nbformat.v4.new_code_cell("%matplotlib inline"))
    for number, cell in enumerate(cells):
        cell.id = f"cell-{number}"  # nbformat's default ids are random; keep downloads stable
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata.update({
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    })
    return notebook
