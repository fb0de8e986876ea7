"""Pages are read by the build's own Markdown: includes only, copied without prompts."""

from __future__ import annotations

import pytest

from docs_tooling.pages import copy_text, include_errors, markdown_instance, read_page
from tests.conftest import ROOT


@pytest.mark.parametrize("fence", [
    '```python\nimport torch\n```\n',
    '```pycon\n>>> 1 + 1\n2\n```\n',
    '```\nx = 1\n```\n',
    '??? example "折叠的代码"\n    ```python\n    def f():\n        return 1\n    ```\n',
    '```python\n--8<-- "snippets/tensors.py:imports"\nprint("one typed line")\n```\n',
])
def test_hand_typed_python_is_refused(fence: str) -> None:
    errors = include_errors(f"# 页面\n\n{fence}")
    assert len(errors) == 1 and "hand-typed" in errors[0]


@pytest.mark.parametrize(("text", "complaint"), [
    ('```python\n--8<-- "noxfile.py"\n```\n', "code comes only from"),
    ('```pycon\n--8<-- "snippets/tensors.py"\n```\n', "code comes only from"),
    ('```python\n--8<-- "snippets/tensors.py:2:5"\n```\n', "code comes only from"),
    ('--8<-- "noxfile.py"\n', "only results/<name>.md"),
    ('```pycon\n--8<-- "snippets/tensors.py:imports"\n```\n', "use a python fence"),
    ('```python\n--8<-- "snippets/tensors.py:create-filled"\n```\n', "use a pycon fence"),
])
def test_includes_of_anything_but_the_right_kind_of_section_are_refused(text, complaint) -> None:
    errors = include_errors(text)
    assert len(errors) == 1 and complaint in errors[0], errors


@pytest.mark.parametrize("fence", [
    '```pycon\n--8<-- "snippets/tensors.py:create-filled"\n```\n',
    '??? example "折叠"\n    ```python\n    --8<-- "snippets/tensors.py:draw_reductions"\n    ```\n',
    '```bash\npip install torch\n```\n',
    '说明。\n\n--8<-- "results/cuda-runs.md"\n',
])
def test_includes_and_other_languages_pass(fence: str) -> None:
    assert include_errors(fence) == []


def test_fences_are_found_by_superfences_with_their_indent() -> None:
    parts = read_page('前\n\n!!! note\n    ```python\n    x = 1\n    ```\n\n后\n').parts
    assert parts[0] == "前\n\n!!! note\n"
    assert (parts[1].lang, parts[1].body, parts[1].indent) == ("python", "x = 1\n", "    ")
    assert parts[2].strip() == "后"


def test_headings_carry_the_anchors_of_the_build() -> None:
    page = read_page((ROOT / "docs" / "tensors.md").read_text("utf-8"))
    anchors = {h.anchor for h in page.headings}
    assert page.title == "张量"
    assert {"创建张量", "与-numpy-和-python-数互相转换"} <= anchors
    built = markdown_instance().convert((ROOT / "docs" / "tensors.md").read_text("utf-8"))
    assert all(f'id="{anchor}"' in built for anchor in anchors)


def test_the_reader_sees_the_same_fences_as_the_build() -> None:
    for path in sorted((ROOT / "docs").glob("*.md")):
        text = path.read_text("utf-8")
        built = markdown_instance().convert(text)
        page = read_page(text)
        for lang in ("pycon", "python", "bash"):
            assert built.count(f'class="language-{lang} highlight"') == sum(
                f.lang == lang for f in page.fences), (path.name, lang)


def test_includes_expand_to_the_section_without_markers() -> None:
    fence = read_page('```pycon\n--8<-- "snippets/tensors.py:create-filled"\n```').fences[0]
    assert ">>> torch.arange(5)" in fence.body
    assert "--8<--" not in fence.body


def test_a_missing_section_fails_like_the_build() -> None:
    with pytest.raises(Exception, match="no-such-section"):
        read_page('```pycon\n--8<-- "snippets/tensors.py:no-such-section"\n```')


def test_a_missing_file_fails_like_the_build() -> None:
    with pytest.raises(Exception, match="nowhere.py"):
        read_page('```python\n--8<-- "snippets/nowhere.py:imports"\n```')


def test_copied_code_has_no_prompts_no_output_and_comments_out_failing_calls() -> None:
    transcript = (
        ">>> x = torch.arange(12)\n"
        ">>> for row in x.view(3, 4):  # doctest: +NORMALIZE_WHITESPACE\n"
        "...     print(row.sum())\n"
        "tensor(6)\n"
        "tensor(22)\n"
        "tensor(38)\n"
        ">>> x.view(5, -1)\n"
        "Traceback (most recent call last):\n"
        "    ...\n"
        "RuntimeError: shape '[5, -1]' is invalid for input of size 12\n"
        ">>> x.sum()\n"
        "tensor(66)\n"
    )
    assert copy_text(transcript) == (
        "x = torch.arange(12)\nfor row in x.view(3, 4):\n    print(row.sum())\n"
        "# x.view(5, -1)  # 会报错：RuntimeError\n"
        "x.sum()\n"
    )


def test_a_block_of_errors_only_copies_comments() -> None:
    transcript = ">>> import torch\n>>> torch.zeros(2).view(3)\nTraceback (most recent call last):\n" \
                 "RuntimeError: shape '[3]' is invalid for input of size 2\n"
    copied = copy_text(transcript)
    assert copied == "import torch\n# torch.zeros(2).view(3)  # 会报错：RuntimeError\n"
    assert ">>>" not in copied and "Traceback" not in copied


def test_the_build_gives_each_pycon_block_its_copy_text() -> None:
    built = markdown_instance().convert('```pycon\n>>> x = 1  # doctest: +ELLIPSIS\n>>> x\n1\n```\n')
    assert 'data-copy="x = 1\nx\n"' in built
    assert "doctest:" not in built
