"""The reader promise: every page's code, copied in order into a fresh Python, runs.

Two ways, both in an empty folder where the ``snippets`` package cannot be imported,
so a page that uses anything it does not show fails here:

- what the copy buttons copy, block after block, pasted into one ``python -I``;
- the page's notebook, which holds the same code in the same order, in a new kernel.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys

import nbclient
import nbformat
import pytest

from docs_tooling.notebooks import page_to_notebook
from docs_tooling.pages import page_copy_text, read_page
from tests.conftest import ROOT

PAGES = sorted(p for p in (ROOT / "docs").rglob("*.md") if read_page(p.read_text("utf-8")).python_fences)
READER_PACKAGES = {"torch", "torchvision", "matplotlib", "numpy", "pandas"}
# Imported inside a function only when the real dataset cannot be had (datasets.md).
OFFLINE_ONLY = {"sklearn"}

pytestmark = pytest.mark.device_independent


def notebook_of(page):
    return page_to_notebook(read_page(page.read_text(encoding="utf-8")), page.stem)


def imported_modules(source: str, *, top_level: bool) -> set[str]:
    tree = ast.parse(source)
    nodes = tree.body if top_level else [n for n in ast.walk(tree) if n not in tree.body]
    names = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_pages_import_only_what_readers_have(page) -> None:
    code = [cell.source for cell in notebook_of(page).cells
            if cell.cell_type == "code" and not cell.source.startswith("%")]  # no magics
    allowed = READER_PACKAGES | set(sys.stdlib_module_names)
    top = set().union(*(imported_modules(s, top_level=True) for s in code))
    nested = set().union(*(imported_modules(s, top_level=False) for s in code))
    assert top <= allowed, f"{page.name} imports {top - allowed}"
    assert nested <= allowed | OFFLINE_ONLY, f"{page.name} imports {nested - allowed - OFFLINE_ONLY}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_what_a_reader_copies_runs_in_a_fresh_python(page, tmp_path) -> None:
    code = "import matplotlib\nmatplotlib.use('Agg')\n" + page_copy_text(page.read_text("utf-8"))
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "PYTORCH_ZH_OFFLINE": "1",
           "PYTORCH_ZH_DATA": str(tmp_path / "data")}
    # -I: no PYTHONPATH, no user site, script folder not on sys.path: snippets is out of reach.
    run = subprocess.run([sys.executable, "-I", "-c", code], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_the_page_runs_top_to_bottom_in_a_fresh_kernel(page, tmp_path, monkeypatch) -> None:
    notebook = notebook_of(page)
    notebook.cells.insert(0, nbformat.v4.new_code_cell(
        "import importlib.util\n"
        "assert importlib.util.find_spec('snippets') is None, 'snippets must not be importable'"
    ))
    monkeypatch.delenv("PYTHONPATH", raising=False)
    monkeypatch.setenv("PYTORCH_ZH_DATA", str(tmp_path / "data"))
    client = nbclient.NotebookClient(
        notebook, timeout=600, kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute(cwd=str(tmp_path))
    errors = [o for c in notebook.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
    if "draw_" in "".join(c.source for c in notebook.cells):
        outputs = [o for c in notebook.cells for o in c.get("outputs", [])]
        assert any("image/png" in o.get("data", {}) for o in outputs), "no figure was drawn"
