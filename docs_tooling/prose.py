"""Rules of the writing guide that a machine can check, on the Markdown source of a page.

A line break inside a paragraph renders as a space, which is right between English
words and wrong between Chinese characters: "测试时 真实". Chinese paragraphs are
therefore written on one line each (:func:`broken_cjk_lines`).

The other rules come from the writing guide: a chapter ends with its 小结 and then
its 练习 (:func:`shape_errors`); it never argues with notes or tutorials the reader
never saw (:func:`unseen_source_phrases`); its code fits the column
(:func:`wide_code_lines`); Chinese and Latin text are spaced (:func:`spacing_errors`).
Each rule reads the source of a page, as written.
"""

from __future__ import annotations

import doctest
import re
import unicodedata
from collections.abc import Iterator
from functools import cache

from docs_tooling.pages import Fence, Page, read_page, without_directives

_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
# Lines that start a new Markdown block rather than continue a paragraph.
_BLOCK_START = re.compile(r"^\s*([-*+]\s|\d+\.\s|#|\||!!!|\?\?\?|>|\$\$|!\[|--8<--|<)")
# Lines that are a block of their own: nothing continues them.
_ONE_LINE_BLOCK = re.compile(r"^\s*(#|\||!!!|\?\?\?|\$\$)")


@cache
def _read(text: str, expand: bool = False) -> Page:
    # Reading a page the way the build does costs tens of milliseconds, and every
    # rule reads the same page.
    return read_page(text, expand=expand)


def _parts(text: str) -> list[str | Fence]:
    """The page as written: prose and fences, includes not expanded (line numbers are the source's)."""
    return _read(text).parts


def _prose_parts(text: str) -> Iterator[tuple[int, str]]:
    """Each stretch of prose of ``text`` (everything outside the fences) and its first line's number."""
    line_no = 1
    for part in _parts(text):
        if isinstance(part, Fence):
            line_no += part.body.count("\n") + 2
        else:
            yield line_no, part
            line_no += len(part.splitlines())


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
    for first, prose in _prose_parts(text):
        lines = prose.splitlines()
        for i in range(1, len(lines)):
            before, line = lines[i - 1].rstrip(), lines[i]
            if (before and line.strip() and (_CJK.match(before[-1]) or _CJK.match(line.lstrip()))
                    and not _BLOCK_START.match(line) and not _ONE_LINE_BLOCK.match(before)):
                broken.append(first + i)
    return broken


CLOSING_SECTIONS = ("小结", "练习")


def shape_errors(text: str) -> list[str]:
    """What keeps the chapter ``text`` from ending with a ``## 小结`` section and then a ``## 练习``.

    >>> shape_errors("# 章\\n\\n## 一节\\n\\n## 小结\\n\\n- 要点\\n\\n## 练习\\n\\n1. 题目\\n")
    []
    >>> shape_errors("# 章\\n\\n## 一节\\n\\n## 练习\\n\\n## 小结\\n")
    ['the last sections are 练习, 小结: a chapter ends with ## 小结, then ## 练习']
    >>> shape_errors("# 章\\n\\n## 一节\\n\\n```python\\n## 小结\\n```\\n")
    ['no ## 小结 section', 'no ## 练习 section']
    """
    titles = [heading.title for heading in _read(text).headings if heading.level == 2]
    errors = [f"no ## {title} section" for title in CLOSING_SECTIONS if title not in titles]
    if not errors and tuple(titles[-2:]) != CLOSING_SECTIONS:
        errors.append(f"the last sections are {', '.join(titles[-2:])}: "
                      f"a chapter ends with ## {CLOSING_SECTIONS[0]}, then ## {CLOSING_SECTIONS[1]}")
    return errors


# Framing that argues with sources the reader never saw. 笔记本 (a notebook) is not one.
_UNSEEN_SOURCES = re.compile(r"(?:旧|有的|有些|那段|很多)笔记(?!本)|笔记[里中]|(?:旧|有的|有些|很多)教程")


def unseen_source_phrases(text: str) -> list[tuple[str, str]]:
    """(phrase, line) for each mention of notes or tutorials the reader never saw.

    The page is read with its includes expanded: a comment in the code speaks to the
    reader as much as the prose does.

    >>> unseen_source_phrases("很多旧笔记里用 `torch.Tensor(2, 3)`。\\n")
    [('旧笔记', '很多旧笔记里用 `torch.Tensor(2, 3)`。')]
    >>> unseen_source_phrases("```python\\nx = 1  # 有的教程写成 x = 1.\\n```\\n")
    [('有的教程', 'x = 1  # 有的教程写成 x = 1.')]
    >>> unseen_source_phrases("也可以下载 Notebook，在笔记本电脑上运行，或者记笔记。\\n")
    []
    """
    shown = "".join(part if isinstance(part, str) else part.body for part in _read(text, expand=True).parts)
    return [(match[0], line.strip()) for line in shown.splitlines()
            for match in _UNSEEN_SOURCES.finditer(line)]


# The column a code block shows without scrolling: the guide's "about 80", with
# the slack that ruff's default line length gives.
CODE_COLUMNS = 88
_DOCTEST = doctest.DocTestParser()


def display_width(line: str) -> int:
    """Columns ``line`` takes in a monospaced font, where a wide or full-width character takes two.

    >>> display_width("x = 1  # 整数")
    13
    """
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in line)


def wide_code_lines(text: str, columns: int = CODE_COLUMNS) -> list[tuple[str, int]]:
    """(line, width) for each line of code that a reader of ``text`` sees wider than ``columns``.

    Includes are expanded. In a ``pycon`` block only the lines with a prompt count,
    prompt and all: the output is what torch prints, at its own width, error messages
    included. In any other block every line counts.

    >>> page = '```pycon\\n>>> 宽度 = "很宽的一行"\\n"很宽的一行"\\n```\\n\\n```python\\n宽度 = 12\\n```\\n'
    >>> wide_code_lines(page, columns=12)
    [('>>> 宽度 = "很宽的一行"', 23)]
    """
    wide = []
    for fence in _read(text, expand=True).fences:
        # Readers never see doctest directives: the build drops them.
        lines = (_input_lines(without_directives(fence.body)) if fence.lang == "pycon"
                 else fence.body.split("\n"))
        wide += [(line, width) for line in lines if (width := display_width(line)) > columns]
    return wide


def _input_lines(transcript: str) -> list[str]:
    """The lines of a ``pycon`` transcript that hold code (``>>>`` and ``...``), as shown."""
    lines = transcript.split("\n")
    return [line for example in _DOCTEST.get_examples(transcript)
            for line in lines[example.lineno : example.lineno + example.source.count("\n")]]


# Han characters want a space next to Latin letters and digits; full-width
# punctuation wants none, on either side, and needs none: "（`x`）". Chinese writes
# its ellipsis and dash doubled; a single … or — belongs to Latin text.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_FULL_WIDTH_PUNCTUATION = "[，。、；：！？“”‘’（）《》〈〉【】「」『』〔〕～]|……|——"
# Stands in for what is written in Markdown syntax but shows as Latin text: an
# inline code span, inline math.
_LATIN_SPAN = "\x00"
_SPACING = re.compile(
    rf"[{_HAN}](?=[A-Za-z0-9{_LATIN_SPAN}])|[A-Za-z0-9{_LATIN_SPAN}](?=[{_HAN}])"
    rf"|(?:{_FULL_WIDTH_PUNCTUATION})\s|\s(?={_FULL_WIDTH_PUNCTUATION})"
)
# What a reader does not see as text, taken out before the rule is applied; blocks
# spanning lines leave their line breaks, so line numbers hold.
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_DISPLAY_MATH = re.compile(r"^[ \t]*\$\$.*?\$\$[ \t]*$", re.DOTALL | re.MULTILINE)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)")
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\s)(?:\\.|[^\\$\n])+?(?<!\s)\$")
_LINK_OR_IMAGE = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")  # the text (or alt text) stays
_TAG_OR_AUTOLINK = re.compile(r"</?[A-Za-z][^>\n]*>|<https?://[^>\n]*>")
_BLOCK_MARKUP = re.compile(r"^\s*(?:>\s*)*(?:[-*+]\s+|\d+\.\s+|#+\s+|(?:!!!|\?\?\?\+?)[ \w-]*)?")
_EMPHASIS = re.compile(r"\*+")


def spacing_errors(text: str) -> list[tuple[int, str]]:
    """(line number, excerpt) for each place where the prose of ``text`` breaks the spacing rule.

    A Han character next to an ASCII letter or digit, or next to inline code or math,
    wants a space between them; a full-width punctuation mark wants no space on either
    side. Other symbols (×, %, °, /, –, a single … or —) need nothing. Code blocks,
    the contents of code spans and math, link targets and HTML tags are not prose;
    Markdown syntax (list markers, table pipes, emphasis) is not text.

    >>> spacing_errors("张量的 dtype 是 float32，形状是 28×28 的 3 个维度（`x`）：95% 的像素。\\n")
    []
    >>> spacing_errors("张量的dtype\\n")
    [(1, '张量的dtype')]
    >>> spacing_errors("第一段。\\n\\n第3章\\n")
    [(3, '第3章'), (3, '第3章')]
    >>> spacing_errors("用`x`表示\\n")
    [(1, '用`…`表示'), (1, '用`…`表示')]
    >>> spacing_errors("这样， 不对\\n\\n**注意：** 看这里\\n")
    [(1, '这样， 不对'), (3, '注意： 看这里')]
    >>> spacing_errors("| 张量 | `x` |\\n| --- | --- |\\n\\n- **要点：**用 $x$ 表示。\\n")
    []
    >>> spacing_errors("```python\\n# 张量x\\n```\\n见[梯度](autograd.md#梯度)和[PyTorch 文档](a.md)。\\n")
    [(4, '见梯度和PyTor')]
    """
    errors = []
    for first, prose in _prose_parts(text):
        prose = _DISPLAY_MATH.sub(_line_breaks, _HTML_COMMENT.sub(_line_breaks, prose))
        for offset, line in enumerate(prose.splitlines()):
            for segment in _visible_segments(line):
                errors += [(first + offset, _excerpt(segment, match.start()))
                           for match in _SPACING.finditer(segment)]
    return errors


def _line_breaks(match: re.Match) -> str:
    return "\n" * match[0].count("\n")


def _visible_segments(line: str) -> list[str]:
    """The text a reader sees on a prose ``line``, one string per table cell."""
    line = _INLINE_MATH.sub(_LATIN_SPAN, _CODE_SPAN.sub(_LATIN_SPAN, line))
    line = _TAG_OR_AUTOLINK.sub("", _LINK_OR_IMAGE.sub(r"\1", line))
    line = _EMPHASIS.sub("", _BLOCK_MARKUP.sub("", line))
    cells = line.strip().strip("|").split("|") if line.lstrip().startswith("|") else [line]
    return [cell.strip() for cell in cells]


def _excerpt(segment: str, at: int) -> str:
    return segment[max(at - 4, 0) : at + 6].replace(_LATIN_SPAN, "`…`")
