"""The reader promise: every page's code, copied in order into a fresh Python, runs.

The page's notebook is made of exactly what the copy buttons copy, block after block
(checked here line for line), plus the calls that draw its figures. It runs in a new
kernel started in an empty folder, where the ``snippets`` package cannot be imported,
so a page that uses anything it does not show fails here. Running the notebook is
therefore running what a reader pastes, in one fresh interpreter, once.
"""

from __future__ import annotations

import ast
import sys
from importlib.metadata import packages_distributions

import nbclient
import nbformat
import pytest

from docs_tooling import figures
from docs_tooling.notebooks import page_to_notebook
from docs_tooling.pages import read_page
from tests.conftest import ROOT

PAGES = sorted(p for p in (ROOT / "docs").rglob("*.md") if read_page(p.read_text("utf-8")).python_fences)
READER_PACKAGES = {"torch", "torchvision", "matplotlib", "numpy", "pandas"}


def notebook_of(page):
    return page_to_notebook(read_page(page.read_text(encoding="utf-8")), page.stem)


def imported_modules(source: str) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def modules_of(distributions: list[str]) -> set[str]:
    """The importable names that the PyPI packages ``distributions`` provide."""
    wanted = {name.lower() for name in distributions}
    return {module for module, dists in packages_distributions().items()
            if wanted & {d.lower() for d in dists}}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_pages_import_only_what_readers_have_or_the_page_names(page) -> None:
    """Beyond the five packages every reader has, a page's code imports only what the page's
    front matter lists under ``requires`` (shown at the top of the page)."""
    read = read_page(page.read_text("utf-8"))
    imported = imported_modules(read.copy_text)
    allowed = READER_PACKAGES | set(sys.stdlib_module_names) | modules_of(read.requires)
    assert imported <= allowed, f"{page.name} imports {imported - allowed}: list them under requires"
    unused = [name for name in read.requires if not modules_of([name]) & imported]
    assert not unused, f"{page.name} lists under requires what its code never imports: {unused}"


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory) -> str:
    """One offline dataset folder per worker: written by the first page, read by the rest."""
    return str(tmp_path_factory.getbasetemp() / "data")


def code_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_the_notebook_runs_exactly_what_a_reader_copies(page) -> None:
    read = read_page(page.read_text("utf-8"))
    cells = [cell.source for cell in page_to_notebook(read, page.stem).cells if cell.cell_type == "code"]
    drawing = {f"{name}()" for name in figures.draw_functions(read.copy_text)}
    run = [source for source in cells if source != "%matplotlib inline" and source not in drawing]
    assert code_lines("\n".join(run)) == code_lines(read.copy_text)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_the_page_runs_top_to_bottom_in_a_fresh_kernel(page, tmp_path, monkeypatch, data_dir) -> None:
    notebook = notebook_of(page)
    notebook.cells.insert(0, nbformat.v4.new_code_cell(
        "import importlib.util\n"
        "assert importlib.util.find_spec('snippets') is None, 'snippets must not be importable'"
    ))
    monkeypatch.delenv("PYTHONPATH", raising=False)
    monkeypatch.setenv("PYTORCH_ZH_DATA", data_dir)
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
