"""Every snippets module follows the conventions the pages rely on."""

from __future__ import annotations

import importlib
import re

import pytest

from snippets import tensors
from tests.conftest import ROOT

pytest_plugins = ["pytester"]

MODULES = sorted(p.stem for p in (ROOT / "snippets").glob("*.py") if not p.stem.startswith("_"))
_START = re.compile(r"# --8<-- \[start:([a-z][-_0-9a-z]*)\]")


@pytest.mark.parametrize("module", MODULES)
def test_each_doctest_entry_is_one_named_section(module: str) -> None:
    tests = getattr(importlib.import_module(f"snippets.{module}"), "__test__", {})
    for name, text in tests.items():
        assert f"[start:{name}]" in text and f"[end:{name}]" in text, (
            f"snippets/{module}.py: __test__[{name!r}] must be the section {name!r}"
        )


@pytest.mark.parametrize("module", MODULES)
def test_every_section_is_shown_on_a_page(module: str) -> None:
    shown = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md"))
    source = (ROOT / "snippets" / f"{module}.py").read_text(encoding="utf-8")
    unused = [name for name in _START.findall(source)
              if f'"snippets/{module}.py:{name}"' not in shown]
    assert not unused, f"sections of snippets/{module}.py that no page includes: {unused}"


def test_a_wrong_output_in_a_snippet_fails_its_doctest(pytester: pytest.Pytester) -> None:
    """The guard: change one expected output of a chapter and pytest must report the failure."""
    source = (ROOT / "snippets" / "tensors.py").read_text(encoding="utf-8")
    wrong = source.replace("tensor([0, 1, 2, 3, 4])\n", "tensor([0, 1, 2, 3, 5])\n", 1)
    assert wrong != source
    pytester.makepyfile(chapter=wrong)
    # Only the example that changed runs: the others would pass and only cost time.
    name = next(key for key, text in tensors.__test__.items() if "tensor([0, 1, 2, 3, 4])\n" in text)
    run = pytester.runpytest_inprocess("--doctest-modules", "-p", "docs_tooling.pytest_device",
                                       "-p", "no:cacheprovider", "-o", "doctest_optionflags=ELLIPSIS",
                                       "-k", name)
    run.assert_outcomes(failed=1)
    run.stdout.fnmatch_lines(["*tensor([[]0, 1, 2, 3, 5[]])*"])
