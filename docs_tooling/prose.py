"""Chinese prose rules for the Markdown sources of the pages.

A line break inside a paragraph renders as a space, which is right between English
words and wrong between Chinese characters: "测试时 真实". Chinese paragraphs are
therefore written on one line each.
"""

from __future__ import annotations

import re

from docs_tooling.pages import Fence, split_fences

_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
# Lines that start a new Markdown block rather than continue a paragraph.
_BLOCK_START = re.compile(r"^\s*([-*+]\s|\d+\.\s|#|\||!!!|\?\?\?|>|\$\$|!\[|--8<--|<)")
# Lines that are a block of their own: nothing continues them.
_ONE_LINE_BLOCK = re.compile(r"^\s*(#|\||!!!|\?\?\?|\$\$)")


def broken_cjk_lines(text: str) -> list[int]:
    """1-based numbers of lines that continue a paragraph next to a CJK character.

    >>> broken_cjk_lines("本页每个代码块都来自\\n经过测试的代码。\\n")
    [2]
    >>> broken_cjk_lines("`torch.tensor(a)`\\n则复制一份。\\n")
    [2]
    >>> broken_cjk_lines("- 列表项一\\n- 列表项二\\n\\n| 表 | 格 |\\n| --- | --- |\\n")
    []
    >>> broken_cjk_lines('!!! note "提示"\\n    正文。\\n')
    []
    """
    broken: list[int] = []
    line_no = 1
    for part in split_fences(text):
        if isinstance(part, Fence):
            line_no += part.body.count("\n") + 2
            continue
        lines = part.splitlines()
        for i in range(1, len(lines)):
            before, line = lines[i - 1].rstrip(), lines[i]
            if (before and line.strip() and (_CJK.match(before[-1]) or _CJK.match(line.lstrip()))
                    and not _BLOCK_START.match(line) and not _ONE_LINE_BLOCK.match(before)):
                broken.append(line_no + i)
        line_no += len(lines)
    return broken
