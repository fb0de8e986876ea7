"""The page rules: includes only, expanded like the build, copied without prompts."""

from __future__ import annotations

import pytest

from docs_tooling.pages import console_to_code, expand_includes, hand_typed_python, split_fences


@pytest.mark.parametrize("fence", [
    '```python\nimport torch\n```\n',
    '```pycon\n>>> 1 + 1\n2\n```\n',
    '```\nx = 1\n```\n',
    '??? example "折叠的代码"\n    ```python\n    def f():\n        return 1\n    ```\n',
    '```python\n--8<-- "snippets/tensors.py:imports"\nprint("one typed line")\n```\n',
])
def test_hand_typed_python_is_found(fence: str) -> None:
    assert len(hand_typed_python(f"# 页面\n\n{fence}")) == 1


@pytest.mark.parametrize("fence", [
    '```pycon\n--8<-- "snippets/tensors.py:create"\n```\n',
    '??? example "折叠"\n    ```python\n    --8<-- "snippets/tensors.py:draw_reductions"\n    ```\n',
    '```bash\npip install torch\n```\n',
])
def test_includes_and_other_languages_pass(fence: str) -> None:
    assert hand_typed_python(fence) == []


def test_fences_are_split_from_prose_with_their_indent_removed() -> None:
    parts = list(split_fences('前\n!!! note\n    ```python\n    x = 1\n    ```\n后\n'))
    assert parts[0] == "前\n!!! note\n"
    assert (parts[1].lang, parts[1].body, parts[1].indent) == ("python", "x = 1\n", "    ")
    assert parts[2] == "后\n"


def test_includes_expand_to_the_section_without_markers() -> None:
    text = expand_includes('```pycon\n--8<-- "snippets/tensors.py:create-filled"\n```')
    assert ">>> torch.arange(5)" in text
    assert "--8<--" not in text


def test_a_missing_section_fails_like_the_build() -> None:
    with pytest.raises(Exception, match="no-such-section"):
        expand_includes('--8<-- "snippets/tensors.py:no-such-section"')


def test_a_missing_file_fails_like_the_build() -> None:
    with pytest.raises(Exception, match="nowhere.py"):
        expand_includes('--8<-- "snippets/nowhere.py:imports"')


def test_copied_code_has_no_prompts_no_output_and_no_failing_calls() -> None:
    transcript = (
        ">>> x = torch.arange(12)\n"
        ">>> for row in x.view(3, 4):\n"
        "...     print(row.sum())\n"
        "tensor(6)\n"
        "tensor(22)\n"
        "tensor(38)\n"
        ">>> x.view(5, -1)\n"
        "Traceback (most recent call last):\n"
        "    ...\n"
        "RuntimeError: shape '[5, -1]' is invalid for input of size 12\n"
    )
    assert console_to_code(transcript) == (
        "x = torch.arange(12)\nfor row in x.view(3, 4):\n    print(row.sum())\n"
    )
