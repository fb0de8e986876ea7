"""Read a docs page the way the build does: includes expanded, code fences found.

Every Python code block on a page must be an include of a named section of the
``snippets`` package, so that every line a reader sees is tested. This module holds
the rules the build, the notebooks and the tests share.
"""

from __future__ import annotations

import doctest
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import markdown
import yaml
from mkdocs.utils.yaml import get_yaml_loader

ROOT = Path(__file__).resolve().parents[1]
MKDOCS_YML = ROOT / "mkdocs.yml"

# Fence languages that hold Python; a fence with no language counts too, since a
# reader would copy it all the same.
PYTHON_LANGS = frozenset({"", "py", "python", "python3", "pycon"})

_FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*\{?[ \t]*\.?(?P<lang>[\w+-]*)")
_INCLUDE = re.compile(r"""^\s*-{1,}8<-{1,}\s+(["']).+\1\s*$""")


@dataclass(frozen=True)
class Fence:
    """A fenced code block of a page: its language, body and first line (1-based)."""

    lang: str
    body: str
    line: int
    indent: str

    @property
    def is_include(self) -> bool:
        """True when every non-blank line of the body is a ``--8<--`` include."""
        lines = [line for line in self.body.splitlines() if line.strip()]
        return bool(lines) and all(_INCLUDE.match(line) for line in lines)


def split_fences(text: str) -> Iterator[str | Fence]:
    """Yield the prose between fences (as strings) and the fences of ``text``.

    >>> parts = list(split_fences("intro\\n```pycon\\n>>> 1 + 1\\n2\\n```\\nend\\n"))
    >>> parts[0], parts[1].lang, parts[1].body, parts[2]
    ('intro\\n', 'pycon', '>>> 1 + 1\\n2\\n', 'end\\n')
    """
    lines = text.splitlines(keepends=True)
    prose: list[str] = []
    i = 0
    while i < len(lines):
        opening = _FENCE_OPEN.match(lines[i])
        if not opening:
            prose.append(lines[i])
            i += 1
            continue
        indent, fence = opening["indent"], opening["fence"]
        closing = re.compile(rf"^{re.escape(indent)}{fence[0]}{{{len(fence)},}}[ \t]*$")
        end = next((j for j in range(i + 1, len(lines)) if closing.match(lines[j])), len(lines))
        if prose:
            yield "".join(prose)
            prose = []
        body = "".join(line.removeprefix(indent) for line in lines[i + 1 : end])
        yield Fence(opening["lang"].lower(), body, i + 1, indent)
        i = end + 1
    if prose:
        yield "".join(prose)


def python_fences(text: str) -> list[Fence]:
    """The fences of ``text`` that hold Python (or a language-less block)."""
    return [p for p in split_fences(text) if isinstance(p, Fence) and p.lang in PYTHON_LANGS]


def hand_typed_python(text: str) -> list[Fence]:
    """The Python fences of a page's source that are not includes of snippets.

    >>> [f.line for f in hand_typed_python('```python\\nprint("typed by hand")\\n```\\n')]
    [1]
    >>> hand_typed_python('```pycon\\n--8<-- "snippets/tensors.py:create"\\n```\\n')
    []
    """
    return [fence for fence in python_fences(text) if not fence.is_include]


def console_examples(transcript: str) -> list[doctest.Example]:
    """The examples of a ``pycon`` transcript, as doctest reads them."""
    return doctest.DocTestParser().get_examples(transcript)


def console_to_code(transcript: str) -> str:
    """The code a reader copies from a ``pycon`` transcript: no prompts, no output.

    Examples that demonstrate an error (their output is a traceback) are left
    out, so that the copied code runs from top to bottom.

    >>> print(console_to_code(">>> x = [1, 2]\\n>>> x[5]\\nTraceback (most recent call last):\\n"
    ...                       "IndexError: list index out of range\\n>>> len(x)\\n2\\n"), end="")
    x = [1, 2]
    len(x)
    """
    return "".join(ex.source for ex in console_examples(transcript) if ex.exc_msg is None)


@cache
def _snippets_options(config_file: Path) -> dict:
    with config_file.open(encoding="utf-8") as f:
        config = yaml.load(f, Loader=get_yaml_loader())
    for entry in config["markdown_extensions"]:
        if isinstance(entry, dict) and "pymdownx.snippets" in entry:
            options = dict(entry["pymdownx.snippets"])
            # The build runs from the project root, so paths are relative to it.
            base = config_file.parent
            options["base_path"] = [str(base / p) for p in options.get("base_path", ["."])]
            return options
    raise LookupError(f"{config_file} does not configure pymdownx.snippets")


def expand_includes(text: str, config_file: Path = MKDOCS_YML) -> str:
    """``text`` with its ``--8<--`` includes replaced, exactly as the build does.

    A missing file or section raises (``check_paths: true`` in ``mkdocs.yml``).
    """
    md = markdown.Markdown(
        extensions=["pymdownx.snippets"],
        extension_configs={"pymdownx.snippets": _snippets_options(config_file.resolve())},
    )
    return "\n".join(md.preprocessors["snippet"].run(text.split("\n")))
