"""The writing guide's mechanical rules (docs_tooling/prose.py) on every page.

Every page follows them, from its first commit; there are no exemptions.
"""

from __future__ import annotations

from functools import cache

import pytest

from docs_tooling.prose import (
    CODE_COLUMNS,
    broken_cjk_lines,
    display_width,
    shape_errors,
    spacing_errors,
    unseen_source_phrases,
    wide_code_lines,
)
from tests.conftest import ROOT

DOCS = ROOT / "docs"
PAGES = sorted(str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md"))
# Pages that teach no chapter, so end with no 小结 or 练习.
NOT_CHAPTERS = {
    "index.md": "the home page: what the site promises, and the list of chapters",
    "about.md": "关于本站: how the site is built and tested, said once for every chapter",
    "learning-path.md": "学习路线: what each part teaches, in what order, how long it takes",
    "notation.md": "符号与术语: the notation and the terms every chapter uses",
}
CHAPTERS = [page for page in PAGES if page not in NOT_CHAPTERS]

SHAPE, VOICE, CODE_WIDTH, SPACING = "shape", "voice", "code width", "spacing"


@cache
def source(page: str) -> str:
    return (DOCS / page).read_text("utf-8")


def check(page: str, rule: str, found: list[str]) -> None:
    """``found`` (what breaks ``rule`` on ``page``) is empty."""
    assert not found, f"{page} breaks the rule on {rule}:\n" + "\n".join(found)


@pytest.mark.parametrize("page", CHAPTERS)
def test_a_chapter_ends_with_its_summary_then_its_exercises(page) -> None:
    check(page, SHAPE, shape_errors(source(page)))


@pytest.mark.parametrize("page", PAGES)
def test_no_page_tells_of_notes_the_reader_never_saw(page) -> None:
    check(page, VOICE, [f"{phrase}: {line}" for phrase, line in unseen_source_phrases(source(page))])


@pytest.mark.parametrize("page", PAGES)
def test_code_lines_fit_the_column(page) -> None:
    check(page, CODE_WIDTH, [f"{width} columns (of {CODE_COLUMNS}): {line}"
                             for line, width in wide_code_lines(source(page))])


@pytest.mark.parametrize("page", PAGES)
def test_chinese_and_latin_text_are_spaced(page) -> None:
    check(page, SPACING, [f"line {line_no}: {excerpt}" for line_no, excerpt in spacing_errors(source(page))])


@pytest.mark.parametrize("page", PAGES)
def test_chinese_paragraphs_are_not_broken_across_lines(page) -> None:
    assert broken_cjk_lines(source(page)) == []


def test_the_pages_that_are_no_chapters_exist() -> None:
    assert set(NOT_CHAPTERS) <= set(PAGES)


# A page that breaks each rule, and the nearest page that follows it.
@pytest.mark.parametrize(("rule", "bad", "good"), [
    pytest.param(shape_errors, "# 章\n\n## 小结\n\n- 要点\n\n## 练习\n\n1. 题目\n\n## 附录\n",
                 "# 章\n\n## 小结\n\n- 要点\n\n## 练习\n\n1. 题目\n\n### 参考答案\n",
                 id="shape-section-after-exercises"),
    pytest.param(shape_errors, "# 章\n\n## 一节\n\n```python\n## 小结\n## 练习\n```\n",
                 "# 章\n\n## 小结\n\n```python\n## 一节\n```\n\n## 练习\n", id="shape-headings-in-code"),
    pytest.param(unseen_source_phrases, "很多教程说要先调用 `backward()`。\n", "先调用 `backward()`。\n",
                 id="voice-prose"),
    pytest.param(unseen_source_phrases, "```python\nx = 1.0  # 那段笔记里写成了 1\n```\n",
                 "```python\nx = 1.0  # 在笔记本电脑上也能跑\n```\n", id="voice-code-comment"),
    pytest.param(wide_code_lines, "```python\nx = 1  # " + "宽" * 40 + "\n```\n",
                 "```python\nx = 1   # " + "宽" * 39 + "\n```\n", id="width-python-89-columns"),
    pytest.param(wide_code_lines, "```pycon\n>>> x = 1  # " + "宽" * 38 + "\n```\n",
                 "```pycon\n>>> x = 1   # " + "宽" * 37 + "\n" + "宽" * 60 + "\n```\n",
                 id="width-pycon-output-is-exempt"),
    pytest.param(spacing_errors, "张量的dtype是float32，见第3章。\n",
                 "张量的 dtype 是 float32，见第 3 章。\n", id="spacing-latin"),
    pytest.param(spacing_errors, "- 用`x`表示 28×28 的图片\n", "- 用 `x`（一个张量）表示 28×28 的图片\n",
                 id="spacing-code-span"),
    pytest.param(spacing_errors, "| 形状 | （批， 通道） |\n| --- | --- |\n",
                 "| 形状 | （批，通道） |\n| --- | --- |\n", id="spacing-full-width-punctuation"),
    pytest.param(broken_cjk_lines, "第一行\n接着写。\n", "第一行接着写。\n", id="one-line-per-paragraph"),
])
def test_each_rule_catches_a_page_that_breaks_it(rule, bad, good) -> None:
    assert rule(bad)
    assert not rule(good)


def test_a_chinese_character_takes_two_columns() -> None:
    assert display_width("x = 1") == 5
    assert display_width("# 张量（tensor）") == 2 + 4 + 2 + 6 + 2


def test_rules_read_the_included_code() -> None:
    page = '```python\n--8<-- "snippets/tensors.py:imports"\n```\n'
    assert "import torch" in [line for line, _ in wide_code_lines(page, columns=0)]
