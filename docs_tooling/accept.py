"""Rewrite the doctests' expected outputs with what the code prints now; review ``git diff`` after.

``python -m docs_tooling.accept [--check] [FILE_OR_MODULE ...]`` (``nox -s accept``)
runs each module's doctests on the CPU as pytest does (pyproject's
``doctest_optionflags``, the module imported as ``snippets.<name>``,
``PYTORCH_ZH_OFFLINE=1``) and rewrites, in place, the expected output of every
example that no longer matches. Every example runs, past a failing one, so one pass
rewrites them all. With no argument it runs every ``snippets/*.py`` module not
starting with ``_``.

What the page abstracts on purpose stays: an output that still matches (``...``
included) is not touched, and an expected traceback keeps its header and ``...``
stack; only its exception line(s) change. A ``...`` that shortened the old text is
kept where the text around it is still in the new output; otherwise the output is
written in full with a warning naming ``file:line``, for a human to shorten.

An example that now raises where it expected none is not rewritten: it is reported
for a human to fix, as is one whose text cannot be located safely.

Exit status: 0 when every output matches or was rewritten; 1 when ``--check`` finds
an output to change, or an example needs a human; 2 for a bad argument.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import doctest
import importlib
import importlib.util
import io
import linecache
import os
import re
import sys
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import torch

# pytest's own checker and flag names, so that "matches" means what it means to pytest.
from _pytest import doctest as pytest_doctest

# Registers the CUDA_* flags: doctest refuses a directive whose flag is unknown.
import docs_tooling.pytest_device  # noqa: F401

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"
ELLIPSIS = doctest.ELLIPSIS_MARKER
BLANKLINE = doctest.BLANKLINE_MARKER
# The start of a string literal: its prefix (r, u) and its quotes.
_OPENING = re.compile(r"""[rRuU]*("{3}|'{3}|"|')""")


def pytest_optionflags() -> int:
    """The flags that pyproject.toml's ``doctest_optionflags`` give every doctest under pytest."""
    with PYPROJECT.open("rb") as f:
        names = tomllib.load(f)["tool"]["pytest"]["ini_options"].get("doctest_optionflags", [])
    lookup = pytest_doctest._get_flag_lookup()
    flags = 0
    for name in names:
        flags |= lookup[name]
    return flags


def example_flags(optionflags: int, example: doctest.Example) -> int:
    """``optionflags`` with the example's own directives applied, as the runner does."""
    for flag, on in example.options.items():
        optionflags = optionflags | flag if on else optionflags & ~flag
    return optionflags


class RecordingChecker(pytest_doctest._init_checker_class()):
    """pytest's checker, remembering its last comparison: the runner does not pass on the exception line."""

    last: tuple[str, str] = ("", "")

    def check_output(self, want: str, got: str, optionflags: int) -> bool:
        self.last = (want, got)
        return super().check_output(want, got, optionflags)


@dataclass(frozen=True)
class Mismatch:
    """An example whose output differs: ``old`` and ``new`` are the texts compared."""

    test: doctest.DocTest
    example: doctest.Example
    old: str
    new: str
    exception: bool  # old and new are exception lines (doctest's exc_msg), not the whole output


@dataclass(frozen=True)
class Raised:
    """An example that raised where it expected no exception."""

    test: doctest.DocTest
    example: doctest.Example
    error: BaseException


class CollectingRunner(doctest.DocTestRunner):
    """Runs every example of a doctest and keeps the mismatches instead of reporting them."""

    def __init__(self, optionflags: int) -> None:
        self.checker = RecordingChecker()
        super().__init__(checker=self.checker, optionflags=optionflags, verbose=False)
        self.mismatches: list[Mismatch] = []
        self.raised: list[Raised] = []

    def report_failure(self, out, test, example, got) -> None:
        old, new = self.checker.last
        self.mismatches.append(Mismatch(test, example, old, new, exception=old == example.exc_msg))

    def report_unexpected_exception(self, out, test, example, exc_info) -> None:
        self.raised.append(Raised(test, example, exc_info[1]))


@contextmanager
def fresh_module(path: Path, module_name: str, text: str) -> Iterator[ModuleType]:
    """``text`` run as module ``module_name`` from ``path``: no cached module, no stale bytecode."""
    parent = module_name.rpartition(".")[0]
    if parent:
        importlib.import_module(parent)  # as an import would, e.g. snippets/__init__.py
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    previous = sys.modules.get(module_name)
    sys.modules[module_name] = module  # pickle and dataclasses look the module up by name
    try:
        # dont_inherit: this file's __future__ imports must not leak into the module.
        exec(compile(text, str(path), "exec", dont_inherit=True), module.__dict__)
        yield module
    finally:
        if previous is None:
            sys.modules.pop(module_name, None)
        else:
            sys.modules[module_name] = previous


def run_doctests(path: Path, module_name: str, text: str, optionflags: int) -> CollectingRunner:
    """Run the module's doctests in pytest's order; the runner holds what failed."""
    runner = CollectingRunner(optionflags)
    linecache.checkcache(str(path))  # doctest reads the source lines for line numbers
    # As pytest captures it: log lines and warnings on stderr are not the output under review.
    with redirect_stderr(io.StringIO()), fresh_module(path, module_name, text) as module:
        for test in doctest.DocTestFinder().find(module, module_name):
            if test.examples:
                runner.run(test, out=lambda _: None)
    return runner


# The new expected output -----------------------------------------------------------


def with_blanklines(got: str) -> str:
    """``got`` as an expected output: doctest reads an empty line as the end of the output."""
    return re.sub(r"(?m)^(?=\n)", BLANKLINE, got)


def keep_ellipses(old: str, new: str) -> tuple[str, list[str]] | None:
    """``new`` shortened at ``old``'s ``...`` wherever old's text around them is still in it.

    Returns the shortened text and old's pieces that are no longer in ``new``, or
    None when ``new`` does not start as ``old`` did (nothing of the shortening fits).

    >>> keep_ellipses("Error: bad value ...\\n", "Error: bad value 3 at x\\n")
    ('Error: bad value ...\\n', [])
    >>> keep_ellipses("Error: a...\\n...b: 1...\\n", "Error: a and c: 2\\n")
    ('Error: a...\\n', ['\\n', 'b: 1'])
    >>> keep_ellipses("Error: bad value ...\\n", "Error: no value\\n") is None
    True
    """
    first, *middle, last = old.split(ELLIPSIS)
    if not new.startswith(first):
        return None
    # The text after the last `...` stays if new still ends with it; otherwise new's last line break.
    tail = last if new.endswith(last) and len(new) - len(last) >= len(first) else "\n"
    kept, dropped, position, limit = [first], [], len(first), len(new) - len(tail)
    for piece in middle:
        found = new.find(piece, position, limit)
        if found < 0:
            dropped.append(piece)
        else:
            kept.append(piece)
            position = found + len(piece)
    kept.append(tail)
    if tail != last:
        dropped.append(last)
    if not "".join(kept).strip():
        return None  # only `...` would be left: it would match anything
    return ELLIPSIS.join(kept), dropped


@dataclass(frozen=True)
class NewOutput:
    want: str  # as doctest holds an example's want: no indentation, ends with a newline unless empty
    warning: str | None = None  # why a human should look at it


def new_output(mismatch: Mismatch, optionflags: int, checker: doctest.OutputChecker) -> NewOutput:
    """What ``mismatch``'s example should expect now, keeping the old ``...`` where they still fit."""
    example, old, new = mismatch.example, mismatch.old, mismatch.new
    flags = example_flags(optionflags, example)
    text, warning = with_blanklines(new), None
    if example.exc_msg is not None and not mismatch.exception:
        warning = f"no longer raises {example.exc_msg.split(':')[0]}: wrote what it prints instead"
    elif flags & doctest.ELLIPSIS and old.count(ELLIPSIS) > new.count(ELLIPSIS):
        # Some `...` of old stood for text (not for a `...` that the code prints itself).
        shortened = keep_ellipses(old, text)
        if shortened and checker.check_output(shortened[0], new, flags):
            text, dropped = shortened
            lost = [piece for piece in dropped if piece.strip()]
            if lost:
                warning = f"kept the {ELLIPSIS} shortening, but {lost!r} is gone from the output: review it"
        else:
            warning = (f"the old output was shortened with {ELLIPSIS}, but the new one does not start with "
                       f"{old.split(ELLIPSIS)[0]!r}: written in full, shorten it by hand")
    if mismatch.exception:
        text = example.want.removesuffix(example.exc_msg) + text  # the header and stack stay
    return NewOutput(text, warning)


# Locating an example in the file ---------------------------------------------------


class Unlocatable(Exception):
    """The example's text cannot be found or rewritten safely; a human edits it."""


def _docstring_node(node: ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef
                    ) -> ast.Constant | None:
    first = node.body[0] if node.body else None
    value = first.value if isinstance(first, ast.Expr) else None
    return value if isinstance(value, ast.Constant) and isinstance(value.value, str) else None


@dataclass
class DoctestStrings:
    """The string literals a module's doctests come from, found with ast."""

    module_docstring: ast.Constant | None
    docstrings: dict[int, ast.Constant]  # by the line their literal starts on (1-based)
    test_strings: dict[str, ast.expr]  # the values of the module-level __test__ dict, by key

    @classmethod
    def parse(cls, text: str) -> DoctestStrings:
        tree = ast.parse(text)
        docstrings = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                docstring = _docstring_node(node)
                if docstring:
                    docstrings[docstring.lineno] = docstring
        test_strings = {}
        for statement in tree.body:
            targets = statement.targets if isinstance(statement, ast.Assign) else \
                [statement.target] if isinstance(statement, ast.AnnAssign) else []
            if any(isinstance(target, ast.Name) and target.id == "__test__" for target in targets) \
                    and isinstance(statement.value, ast.Dict):
                test_strings = {key.value: value for key, value in zip(statement.value.keys,
                                                                       statement.value.values, strict=True)
                                if isinstance(key, ast.Constant)}
        return cls(_docstring_node(tree), docstrings, test_strings)

    def literal(self, test: doctest.DocTest, module_name: str) -> ast.Constant | None:
        """The string literal ``test`` was parsed from, or None."""
        if test.lineno is None:  # a string in __test__: doctest does not know its line
            node = self.test_strings.get(test.name.removeprefix(f"{module_name}.__test__."))
        elif test.name == module_name:
            node = self.module_docstring
        else:  # doctest's line of the docstring's opening quotes, 0-based
            node = self.docstrings.get(test.lineno + 1)
        is_string = isinstance(node, ast.Constant) and isinstance(node.value, str)
        return node if is_string else None


def _line_starts(text: str) -> list[int]:
    """The offset in ``text`` of each line's start, lines as ast counts them (0-based)."""
    return [0, *(match.end() for match in re.finditer("\n", text))]


def _offset(text: str, line_starts: list[int], lineno: int, col_offset: int) -> int:
    """The offset in ``text`` of an ast position (1-based line, UTF-8 byte column)."""
    start = line_starts[lineno - 1]
    return start + len(text[start:start + col_offset].encode()[:col_offset].decode())


def _lines(want: str) -> list[str]:
    """An expected output's lines (it ends with a line break unless it is empty)."""
    return want.removesuffix("\n").split("\n") if want else []


@dataclass(frozen=True)
class Change:
    """One example's expected output to replace."""

    test: doctest.DocTest
    example: doctest.Example
    want: str


def rewritten_literal(literal: str, value: str, changes: list[Change]) -> str:
    """The source of the string literal ``literal`` (holding ``value``) with each change's output replaced."""
    opening = _OPENING.match(literal)
    if not opening or not literal.endswith(opening[1]):
        raise Unlocatable("the doctest is not a plain string literal")
    quote = opening[1]
    raw = "r" in opening[0].lower()
    body_lines = literal[opening.end():-len(quote)].split("\n")
    value_lines = value.split("\n")
    if len(body_lines) != len(value_lines):
        raise Unlocatable("the string has escaped line breaks")
    new_value_lines = list(value_lines)
    # Bottom up, so that the line numbers of the examples above stay valid.
    for change in sorted(changes, key=lambda change: change.example.lineno, reverse=True):
        example = change.example
        prompt = value_lines[example.lineno] if example.lineno < len(value_lines) else ""
        indent = prompt[: len(prompt) - len(prompt.lstrip())]
        start = example.lineno + example.source.count("\n")
        old = [indent + line for line in _lines(example.want)]
        end = start + len(old)
        if not prompt.lstrip().startswith(">>>") or value_lines[start:end] != old:
            raise Unlocatable("the example is not where doctest says it is")
        new = [indent + line for line in _lines(change.want)]
        new_value_lines[start:end] = new
        body_lines[start:end] = new if raw else [line.replace("\\", "\\\\") for line in new]
    source = opening[0] + "\n".join(body_lines) + quote
    new_value = "\n".join(new_value_lines)
    try:
        same = ast.literal_eval(source) == new_value
    except SyntaxError:
        same = False
    if not same:
        raise Unlocatable("the new output would change the string literal around it (quotes?)")
    examples = doctest.DocTestParser().get_examples(new_value)
    old_examples = changes[0].test.examples
    wants = {id(change.example): change.want for change in changes}
    if len(examples) != len(old_examples) or any(new.want != wants.get(id(old), old.want)
                                                 for new, old in zip(examples, old_examples, strict=True)):
        raise Unlocatable("doctest would not read the new output back as written (a line of only spaces?)")
    return source


# One file ---------------------------------------------------------------------------


@dataclass
class FileReport:
    path: Path
    rewritten: int = 0
    warnings: list[str] = field(default_factory=list)  # rewritten, but a human should look
    problems: list[str] = field(default_factory=list)  # not rewritten: a human must fix them
    diff: str = ""


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def accept_file(path: Path, module_name: str, *, check: bool = False) -> FileReport:
    """Run the doctests of ``path`` as module ``module_name``; rewrite the outputs that changed.

    With ``check``, only report: the file is left as it is. Messages name lines of the
    file as it is afterwards.
    """
    path = path.resolve()
    text = path.read_text(encoding="utf-8")
    optionflags = pytest_optionflags()
    runner = run_doctests(path, module_name, text, optionflags)
    strings = DoctestStrings.parse(text)
    report = FileReport(path)

    def line(test: doctest.DocTest, example: doctest.Example, within: int = 0) -> int | None:
        """The file line (1-based) of the example's prompt, or of its line ``within`` from there."""
        node = strings.literal(test, module_name)
        if node is not None:
            return node.lineno + example.lineno + within
        return None if test.lineno is None else test.lineno + example.lineno + within + 1

    # Each message: (its file line before any rewrite, or None; its text).
    notes: list[tuple[int | None, str]] = []
    problems: list[tuple[int | None, str]] = []
    for raised in runner.raised:
        message = next(iter(str(raised.error).splitlines()), "")
        problems.append((line(raised.test, raised.example),
                         f"raised {type(raised.error).__name__}: {message}; "
                         "not rewritten: fix the code, or write the expected traceback by hand"))

    changes_by_literal: dict[int, tuple[ast.Constant, list[tuple[Change, str | None]]]] = {}
    for mismatch in runner.mismatches:
        node = strings.literal(mismatch.test, module_name)
        if node is None:
            problems.append((line(mismatch.test, mismatch.example),
                             f"{mismatch.test.name}: its string literal cannot be found; edit it by hand"))
            continue
        output = new_output(mismatch, optionflags, runner.checker)
        change = Change(mismatch.test, mismatch.example, output.want)
        changes_by_literal.setdefault(id(node), (node, []))[1].append((change, output.warning))

    line_starts = _line_starts(text)
    new_text = text
    shifts: list[tuple[int, int]] = []  # (the file line where an output was replaced, lines it added)
    # Bottom up, so that the offsets of the literals above stay valid.
    for node, pending in sorted(changes_by_literal.values(), key=lambda item: item[0].lineno, reverse=True):
        changes = [change for change, _ in pending]
        start = _offset(text, line_starts, node.lineno, node.col_offset)
        end = _offset(text, line_starts, node.end_lineno, node.end_col_offset)
        try:
            literal = rewritten_literal(text[start:end], node.value, changes)
        except Unlocatable as error:
            problems.extend((line(change.test, change.example), f"cannot rewrite: {error}; edit it by hand")
                            for change in changes)
            continue
        new_text = new_text[:start] + literal + new_text[end:]
        report.rewritten += len(changes)
        for change, warning in pending:
            example = change.example
            output_line = line(change.test, example, example.source.count("\n"))
            shifts.append((output_line, len(_lines(change.want)) - len(_lines(example.want))))
            if warning:
                # Point at the exception line(s) of a traceback: what was rewritten.
                unchanged = len(_lines(example.want)) - len(_lines(example.exc_msg or ""))
                notes.append((output_line + unchanged * (example.exc_msg is not None), warning))

    def located(at: int | None, message: str) -> str:
        if at is None:
            return f"{_display(path)}: {message}"
        if not check:
            at += sum(added for shifted, added in shifts if shifted < at)
        return f"{_display(path)}:{at}: {message}"

    report.warnings = [located(*note) for note in sorted(notes, key=lambda note: note[0])]
    report.problems = [located(*problem) for problem in sorted(problems, key=lambda p: p[0] or 0)]
    shown = _display(path)
    report.diff = "".join(difflib.unified_diff(
        text.splitlines(keepends=True), new_text.splitlines(keepends=True), f"a/{shown}", f"b/{shown}"))
    if not check and new_text != text:
        path.write_text(new_text, encoding="utf-8")
    return report


# The command ------------------------------------------------------------------------


def snippets_modules(root: Path) -> list[tuple[Path, str]]:
    """Every module of ``root``/snippets but the private ones (``_*.py``), with its module name."""
    return [(path, f"snippets.{path.stem}") for path in sorted((root / "snippets").glob("*.py"))
            if not path.name.startswith("_")]


def resolve_target(target: str, root: Path) -> tuple[Path, str]:
    """A file or module named on the command line -> (its file, its module name), in repository ``root``."""
    hint = "pass a file such as snippets/tensors.py, or a module name such as tensors or snippets.tensors"
    if target.endswith(".py") or "/" in target or os.sep in target:
        path = Path(target).resolve()
        if not path.is_file() or path.suffix != ".py":
            raise ValueError(f"{target}: no such Python file; {hint}")
        try:
            parts = path.relative_to(root).with_suffix("").parts
        except ValueError:
            raise ValueError(f"{target} is not inside the repository ({root}); {hint}") from None
    else:
        parts = tuple(target.split(".")) if "." in target else ("snippets", target)
        path = root.joinpath(*parts).with_suffix(".py")
        if not path.is_file():
            known = ", ".join(name.rpartition(".")[2] for _, name in snippets_modules(root))
            raise ValueError(f"unknown module {target!r} (no file {path}); {hint}; snippets modules: {known}")
    if parts[-1] == "__init__":
        parts = parts[:-1]
    if not parts or not all(part.isidentifier() for part in parts):
        raise ValueError(f"{target} cannot be imported as a module; {hint}")
    return path, ".".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m docs_tooling.accept",
        description="Rewrite the doctests' expected outputs that no longer match with what the code prints "
                    "now (CPU); review git diff after.")
    parser.add_argument("targets", nargs="*", metavar="FILE_OR_MODULE",
                        help="snippets/tensors.py, tensors or snippets.tensors (default: all of snippets/)")
    parser.add_argument("--check", action="store_true",
                        help="rewrite nothing; exit 1 if an output would change")
    args = parser.parse_args(argv)
    try:
        targets = list(dict.fromkeys(resolve_target(target, ROOT) for target in args.targets)) \
            or snippets_modules(ROOT)
    except ValueError as error:
        parser.error(str(error))

    # As the test suite runs the doctests: offline data, the repository importable, and
    # no default device: the CPU output is the reference.
    os.environ["PYTORCH_ZH_OFFLINE"] = "1"
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    torch.set_default_device(None)

    needs_human = changed = False
    verb = "would be rewritten" if args.check else "rewritten"
    for path, module_name in targets:
        report = accept_file(path, module_name, check=args.check)
        if args.check and report.diff:
            print(report.diff, end="")
        for warning in report.warnings:
            print(f"warning: {warning}")
        for problem in report.problems:
            print(f"error: {problem}")
        counts = []
        if report.rewritten:
            counts.append(f"{report.rewritten} example{'s' * (report.rewritten != 1)} {verb}")
        if report.problems:
            counts.append(f"{len(report.problems)} to fix by hand")
        print(f"{_display(report.path)}: {', '.join(counts) or 'up to date'}")
        changed |= report.rewritten > 0
        needs_human |= bool(report.problems)
    if changed and not args.check:
        print("Review the rewritten outputs: git diff")
    return 1 if needs_human or (args.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
