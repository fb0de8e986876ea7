"""A page becomes a notebook with the same code, in the same order."""

from __future__ import annotations

from docs_tooling.notebooks import page_to_notebook
from docs_tooling.pages import read_page

PAGE = '''# 示例

说明文字。

```pycon
--8<-- "snippets/tensors.py:view-reshape"
```

![图](figures/tensors/reductions.svg)

!!! note "注意"
    这是提示。

??? example "画图的代码"
    ```python
    --8<-- "snippets/tensors.py:draw_reductions"
    ```

```bash
pip install torch
```
'''


def notebook():
    return page_to_notebook(read_page(PAGE), "示例")


def sources(notebook, kind):
    """The cells of one kind, IPython magics left out."""
    return [c.source for c in notebook.cells if c.cell_type == kind and not c.source.startswith("%")]


def without_comments(source: str) -> str:
    return "\n".join(line.split("#")[0].rstrip() for line in source.splitlines())


def test_each_printed_result_gets_its_own_code_cell() -> None:
    code = [c for c in (without_comments(s) for s in sources(notebook(), "code")) if c.strip()]
    assert code[:4] == [
        "x = torch.arange(12)\nx.view(3, 4)",
        "x.view(-1, 6).shape",
        "x.reshape(2, 2, -1).shape",
        "images = torch.zeros(4, 1, 28, 28)\nimages.view(4, 28 * 28).shape",
    ]


def test_a_failing_call_is_a_comment_with_its_error_below() -> None:
    nb = notebook()
    calls = [line for source in sources(nb, "code") for line in source.splitlines() if "view(5, -1)" in line]
    assert len(calls) == 1
    assert calls[0].startswith("# x.view(5, -1)") and calls[0].endswith("# 会报错：RuntimeError")
    shown = [s for s in sources(nb, "markdown") if "RuntimeError: shape '[5, -1]'" in s]
    assert len(shown) == 1


def test_a_figure_is_drawn_right_after_its_function_is_defined() -> None:
    code = sources(notebook(), "code")
    defined = next(i for i, s in enumerate(code) if s.startswith("def draw_reductions()"))
    assert code[defined + 1] == "draw_reductions()"
    assert not any("figures/tensors" in s for s in sources(notebook(), "markdown"))


def test_admonitions_and_other_languages_become_markdown() -> None:
    markdown = "\n".join(sources(notebook(), "markdown"))
    assert "**注意**\n这是提示。" in markdown
    assert "!!!" not in markdown and "???" not in markdown
    assert "```bash\npip install torch\n```" in markdown


def test_jupyter_is_told_to_show_the_figures() -> None:
    assert notebook().cells[1].source == "%matplotlib inline"


def test_cell_ids_are_stable() -> None:
    ids = [cell.id for cell in notebook().cells]
    assert ids == [f"cell-{n}" for n in range(len(ids))]
