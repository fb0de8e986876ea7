"""docs_tooling.accept: rewriting the doctests' expected outputs, on tiny modules written here.

Each test writes a chapter module into its own package under ``tmp_path`` (a
distinct name, so it never meets the real ``snippets``); accept runs it from its
file as that package's module.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from docs_tooling import accept
from docs_tooling.accept import accept_file, keep_ellipses, main, resolve_target, snippets_modules

# Every output is right: the tests break it on purpose and expect accept to restore it.
CORRECT = r'''# A comment first: doctest's line number for the module's docstring is then off.
"""A chapter whose doctests all pass.

>>> round(math.pi, 2)
3.14
"""

import math


def area(radius):
    """The area of a circle.

    >>> round(area(1.0), 4)
    3.1416
    >>> [round(area(r), 2) for r in range(100)]
    [0.0, 3.14, 12.57, ...]
    """
    if radius < 0:
        raise ValueError(f"bad radius {radius}: a circle's radius must be >= 0, see the docs of area()")
    return math.pi * radius ** 2


def backslash():
    """A docstring that is not raw: its backslashes are escaped in the file.

    >>> print(backslash())
    \\
    """
    return "\\"


__test__ = {
    "numbers": r"""
>>> # --8<-- [start:numbers]
>>> 6 * 7
42
>>> print("one\n\ntwo")
one
<BLANKLINE>
two
>>> list(range(100))
[0, 1, 2, ...]
>>> len("hello")
5
>>> # --8<-- [end:numbers]
""",
    "errors": r"""
>>> # --8<-- [start:errors]
>>> area(-1)
Traceback (most recent call last):
    ...
ValueError: bad radius -1: ...
>>> int("x")
Traceback (most recent call last):
    ...
ValueError: invalid literal for int() with base 10: 'x'
>>> # --8<-- [end:errors]
""",
}
'''

# Deliberate damage to CORRECT: (text, replacement).
DAMAGE = {
    "module docstring": ("\n3.14\n", "\n3.15\n"),
    "__test__ string": ("42\n", "41\n"),
    "function docstring": ("    3.1416\n", "    3.14\n"),
    "non-raw docstring": ("    \\\\\n", "    /\n"),
    "blank line": ("one\n<BLANKLINE>\ntwo\n", "one\ntwo\n"),
    "missing output": ('>>> len("hello")\n5\n', '>>> len("hello")\n'),
    "exception line": ("base 10: 'x'", "base 16: 'x'"),
}


@pytest.fixture
def chapter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Writes a module as ``<package>.chapter`` under tmp_path; returns (its file, its module name)."""
    package = re.sub(r"\W", "_", f"accept_{tmp_path.name}")
    (tmp_path / package).mkdir()
    (tmp_path / package / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))

    def write(text: str) -> tuple[Path, str]:
        path = tmp_path / package / "chapter.py"
        path.write_text(text, encoding="utf-8")
        return path, f"{package}.chapter"

    yield write
    sys.modules.pop(package, None)


def damaged(*names: str) -> str:
    text = CORRECT
    for name in names:
        old, new = DAMAGE[name]
        assert text.count(old) == 1, name
        text = text.replace(old, new)
    return text


@pytest.mark.parametrize("names", [*([name] for name in DAMAGE), list(DAMAGE)],
                         ids=[*DAMAGE, "all at once"])
def test_round_trip_restores_the_file_byte_for_byte(chapter, names):
    path, module = chapter(damaged(*names))
    report = accept_file(path, module)
    assert (report.rewritten, report.problems, report.warnings) == (len(names), [], [])
    assert path.read_bytes() == CORRECT.encode()
    # Rerun on the rewritten file, in the same process: nothing left to change.
    assert accept_file(path, module, check=True).rewritten == 0


def test_a_correct_file_is_left_as_it_is(chapter):
    path, module = chapter(CORRECT)
    written = path.stat().st_mtime_ns
    report = accept_file(path, module)
    assert (report.rewritten, report.problems, report.warnings, report.diff) == (0, [], [], "")
    assert path.read_bytes() == CORRECT.encode()
    assert path.stat().st_mtime_ns == written  # not even rewritten with the same text


def test_an_ellipsis_that_still_matches_is_kept_beside_a_rewritten_output(chapter):
    path, module = chapter(damaged("__test__ string"))
    accept_file(path, module)
    text = path.read_text(encoding="utf-8")
    assert "42\n>>> print(" in text
    assert "\n[0, 1, 2, ...]\n" in text
    assert "    [0.0, 3.14, 12.57, ...]\n" in text
    assert "ValueError: bad radius -1: ...\n" in text


RAISES = r'''
def area(radius):
    raise ValueError(f"bad radius {radius}: a circle's radius must be >= 0, see the docs of area()")


__test__ = {
    "errors": r"""
>>> area(-1)
Traceback (most recent call last):
    ...
MESSAGE
""",
}
'''
NEW_MESSAGE = "ValueError: bad radius -1: a circle's radius must be >= 0, see the docs of area()"


@pytest.mark.parametrize(("old", "written", "warning"), [
    # The prefix still fits: kept, cut where it was, with what still follows.
    ("ValueError: bad radius -1: ...must be positive...", "ValueError: bad radius -1: ...",
     "['must be positive'] is gone from the output"),
    ("ValueError: bad radius -1: ...must be positive...see the docs...",
     "ValueError: bad radius -1: ...see the docs...", "['must be positive'] is gone from the output"),
    # The prefix changed: the full message, for a human to shorten.
    ("ValueError: radius -1 is negative...", NEW_MESSAGE, "shorten it by hand"),
    # Not shortened: just the new message.
    ("ValueError: radius -1 is negative", NEW_MESSAGE, None),
    ("TypeError: ...", NEW_MESSAGE, "shorten it by hand"),
], ids=["prefix kept", "prefix and a later piece kept", "prefix changed", "not shortened", "other type"])
def test_an_exception_message_is_rewritten_keeping_its_shortening(chapter, old, written, warning):
    path, module = chapter(RAISES.replace("MESSAGE", old))
    report = accept_file(path, module)
    assert report.rewritten == 1
    assert path.read_text(encoding="utf-8") == RAISES.replace("MESSAGE", written)
    line = RAISES.splitlines().index("MESSAGE") + 1  # the line to shorten
    if warning is None:
        assert report.warnings == []
    else:
        [message] = report.warnings
        assert f"chapter.py:{line}: " in message and warning in message
    assert accept_file(path, module, check=True).rewritten == 0


def test_messages_name_the_lines_of_the_rewritten_file(chapter):
    # An output above grows by two lines; the warning below names the line as it is now.
    grows = RAISES.replace('__test__ = {', r'''__test__ = {
    "above": r"""
>>> print("one\ntwo\nthree")
one
""",''')
    path, module = chapter(grows.replace("MESSAGE", "ValueError: radius -1 is negative..."))
    line_before = grows.splitlines().index("MESSAGE") + 1
    assert accept_file(path, module, check=True).warnings[0].split(":")[1] == str(line_before)
    [warning] = accept_file(path, module).warnings
    line = int(warning.split(":")[1])
    assert path.read_text(encoding="utf-8").splitlines()[line - 1] == NEW_MESSAGE


def test_an_example_that_no_longer_raises_gets_its_output(chapter):
    path, module = chapter(RAISES.replace("raise ValueError", "print").replace("MESSAGE", "ValueError: ..."))
    report = accept_file(path, module)
    assert ">>> area(-1)\nbad radius -1: a circle's radius" in path.read_text(encoding="utf-8")
    assert "no longer raises ValueError" in report.warnings[0]


def test_an_example_that_now_raises_is_left_for_a_human(chapter):
    text = RAISES.replace("Traceback (most recent call last):\n    ...\nMESSAGE\n", "3.14\n")
    path, module = chapter(text)
    report = accept_file(path, module)
    assert report.rewritten == 0
    [problem] = report.problems
    assert "chapter.py:8: raised ValueError: bad radius -1" in problem
    assert path.read_text(encoding="utf-8") == text


def test_an_output_that_would_break_the_string_is_left_for_a_human(chapter):
    text = '''__test__ = {"quotes": r"""
>>> print("say " + '"' * 3)
say nothing
"""}
'''
    path, module = chapter(text)
    report = accept_file(path, module)
    assert report.rewritten == 0
    [problem] = report.problems
    assert "chapter.py:2: cannot rewrite: the new output would change the string literal" in problem
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("E: a ...\n", "E: a b\n", ("E: a ...\n", [])),
    ("E: a...\n...b: 1...\n", "E: a and c: 2\n", ("E: a...\n", ["\n", "b: 1"])),
    ("...x\n", "y\n", None),  # only `...` would be left
    ("E: a ...\n", "F: a b\n", None),
])
def test_keep_ellipses(old, new, expected):
    assert keep_ellipses(old, new) == expected


# The command --------------------------------------------------------------------------


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chapter):
    """The command pointed at tmp_path as the repository root; returns the chapter's file."""
    monkeypatch.setattr(accept, "ROOT", tmp_path)
    monkeypatch.setenv("PYTORCH_ZH_OFFLINE", "1")
    return chapter


def test_check_reports_without_rewriting(repository, capsys):
    path, _ = repository(damaged("__test__ string"))
    assert main(["--check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "-41\n+42\n" in out and "chapter.py: 1 example would be rewritten" in out
    assert path.read_text(encoding="utf-8") == damaged("__test__ string")


def test_the_command_rewrites_and_exits_0(repository, capsys):
    path, _ = repository(damaged("__test__ string", "function docstring"))
    assert main([str(path)]) == 0
    assert "chapter.py: 2 examples rewritten" in capsys.readouterr().out
    assert main(["--check", str(path)]) == 0
    assert "chapter.py: up to date" in capsys.readouterr().out
    assert path.read_bytes() == CORRECT.encode()


def test_an_example_for_a_human_fails_the_command(repository, capsys):
    path, _ = repository(RAISES.replace("Traceback (most recent call last):\n    ...\nMESSAGE\n", "3.14\n"))
    assert main([str(path)]) == 1
    assert "chapter.py: 1 to fix by hand" in capsys.readouterr().out


@pytest.mark.parametrize(("target", "says"), [
    ("nosuch", "unknown module 'nosuch'"),
    ("snippets.nosuch", "unknown module 'snippets.nosuch'"),
    ("nosuch.py", "nosuch.py: no such Python file"),
])
def test_an_unknown_target_is_a_usage_error(repository, capsys, target, says):
    with pytest.raises(SystemExit) as exit_:
        main([target])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert says in err and "such as snippets/tensors.py" in err


def test_a_file_outside_the_repository_is_refused(tmp_path):
    outside = tmp_path / "elsewhere.py"
    outside.write_text("", encoding="utf-8")
    with pytest.raises(ValueError, match="not inside the repository"):
        resolve_target(str(outside), tmp_path / "repository")


def test_targets_name_a_file_and_its_module(tmp_path):
    (tmp_path / "snippets").mkdir()
    for name in ("__init__.py", "_helpers.py", "tensors.py", "autograd.py"):
        (tmp_path / "snippets" / name).write_text("", encoding="utf-8")
    tensors = (tmp_path / "snippets" / "tensors.py", "snippets.tensors")
    assert resolve_target("tensors", tmp_path) == tensors
    assert resolve_target("snippets.tensors", tmp_path) == tensors
    assert resolve_target(str(tmp_path / "snippets" / "tensors.py"), tmp_path) == tensors
    autograd = (tmp_path / "snippets" / "autograd.py", "snippets.autograd")
    assert snippets_modules(tmp_path) == [autograd, tensors]
