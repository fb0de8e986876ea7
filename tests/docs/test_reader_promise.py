"""The reader promise: every page's code, copied in order into a fresh Python, runs.

The page's notebook is made of exactly what the copy buttons copy, block after block
(checked here line for line), plus the calls that draw its figures. Its code runs in
a new interpreter started in an empty folder, where the ``snippets`` package cannot
be imported, so a page that uses anything it does not show fails here: that is
running what a reader pastes, once. One notebook also runs in a Jupyter kernel, which
shows its figures: the notebooks are all made by the same function, and a kernel's
start-up costs more than most pages' code.
"""

from __future__ import annotations

import ast
import functools
import json
import os
import subprocess
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


def draw_calls(read) -> set[str]:
    """The cells that the notebook of page ``read`` adds to draw its figures."""
    return {f"{name}()" for name in figures.draw_functions(read.copy_text)}


def imported_modules(source: str) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@functools.cache
def installed_modules() -> dict[str, list[str]]:
    return packages_distributions()  # reads every installed package's metadata: slow


def modules_of(distributions: list[str]) -> set[str]:
    """The importable names that the PyPI packages ``distributions`` provide."""
    wanted = {name.lower() for name in distributions}
    return {module for module, dists in installed_modules().items()
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
    drawing = draw_calls(read)
    run = [source for source in cells if source != "%matplotlib inline" and source not in drawing]
    assert code_lines("\n".join(run)) == code_lines(read.copy_text)


# A fresh Python per page, started quickly: this process imports the five packages a
# reader has (importing torch and torchvision takes seconds), then forks one child per
# page, which starts with a new, empty __main__ and those imports done, as a reader's
# Python does after its first `import torch`. Each line on stdin is a page's code
# cells as JSON; each line on stdout is that child's exit status.
FRESH_PYTHONS = """
import importlib.util, json, os, signal, sys, tempfile, traceback, types
from io import BytesIO
import matplotlib, numpy, pandas, torch, torchvision
assert importlib.util.find_spec("snippets") is None, "snippets must not be importable"

def run(cells):
    main = sys.modules["__main__"] = types.ModuleType("__main__")  # pickle looks here
    for number, (source, draws) in enumerate(cells):
        code = compile(source, f"<cell {number}>", "eval" if draws else "exec")
        if draws:  # a draw_* call: it returns a Figure, rendered as Jupyter shows it
            figure = eval(code, main.__dict__)
            assert type(figure).__name__ == "Figure", f"{source} returned {figure!r}"
            figure.savefig(BytesIO(), format="png", dpi=40)
        else:
            exec(code, main.__dict__)

for line in sys.stdin:
    job = json.loads(line)
    pid = os.fork()
    if pid == 0:
        os.chdir(job["cwd"])
        # os._exit below skips the clean-up of temporary folders: make them in cwd.
        os.environ["TMPDIR"] = tempfile.tempdir = job["cwd"]
        with open("output.txt", "w") as output:
            os.dup2(output.fileno(), 1)
            os.dup2(output.fileno(), 2)
        signal.alarm(job["timeout"])
        try:
            run(job["cells"])
        except BaseException:
            traceback.print_exc()
            sys.stderr.flush()
            os._exit(1)
        sys.stdout.flush()
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    print(os.waitstatus_to_exitcode(status), flush=True)
"""


@pytest.fixture(scope="session")
def fresh_pythons(tmp_path_factory, data_dir):
    """The process that starts each page's fresh Python, in an empty folder, without ``snippets``."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env.update(PYTORCH_ZH_DATA=data_dir, MPLBACKEND="Agg")
    process = subprocess.Popen([sys.executable, "-c", FRESH_PYTHONS], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True, env=env,
                               cwd=tmp_path_factory.mktemp("fresh"))
    yield process
    process.stdin.close()
    process.wait(timeout=60)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_the_page_runs_top_to_bottom_in_a_fresh_python(page, tmp_path, fresh_pythons) -> None:
    read = read_page(page.read_text("utf-8"))
    drawing = draw_calls(read)
    cells = [(cell.source, cell.source in drawing) for cell in page_to_notebook(read, page.stem).cells
             if cell.cell_type == "code" and not cell.source.startswith("%")]
    job = {"cells": cells, "cwd": str(tmp_path), "timeout": 600}
    fresh_pythons.stdin.write(json.dumps(job) + "\n")
    fresh_pythons.stdin.flush()
    status = fresh_pythons.stdout.readline()
    assert status, "the process that starts fresh Pythons died"
    output = (tmp_path / "output.txt").read_text("utf-8")
    assert int(status) == 0, f"{page.name} fails in a fresh Python:\n{output[-3000:]}"


def test_a_notebook_runs_in_a_fresh_kernel_and_shows_its_figure(tmp_path, monkeypatch, data_dir) -> None:
    page = ROOT / "docs" / "activations.md"
    notebook = notebook_of(page)
    assert "draw_" in "".join(c.source for c in notebook.cells), "pick a page that draws a figure"
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
    outputs = [o for c in notebook.cells for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any("image/png" in o.get("data", {}) for o in outputs), "no figure was drawn"
