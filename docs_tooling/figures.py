"""Figures drawn at build time from the ``snippets`` package.

A figure is a top-level function ``draw_<name>()`` of a chapter module
``snippets/<module>.py`` that returns a :class:`matplotlib.figure.Figure`. The build
renders it to ``figures/<module>/<name>.svg`` (``_`` in the name becomes ``-``), so a
page shows it with ``![说明](figures/<module>/<name>.svg)`` and includes the
function's section to show the code that drew it.

SVGs are byte-for-byte reproducible and cached under ``.cache/figures`` by the
content of the module that draws them, so ``mkdocs serve`` redraws a figure only
when its module changes. A figure function may use only its own module and
third-party libraries, since only that module's text is in the cache key.
"""

from __future__ import annotations

import ast
import hashlib
import importlib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SNIPPETS_DIR = ROOT / "snippets"
CACHE_DIR = ROOT / ".cache" / "figures"
PREFIX = "draw_"

# Fixed in every SVG: no date, no tool version, no RDF block, ids stable between runs.
_SVG_RC = {"svg.hashsalt": "pytorch-zh", "svg.fonttype": "path"}
_SVG_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}


@dataclass(frozen=True)
class FigureSpec:
    """One figure: the function ``module.function`` of the snippets package."""

    module: str
    function: str
    source: Path

    @property
    def uri(self) -> str:
        """Where the SVG lies in the built site, relative to the docs root."""
        name = self.function.removeprefix(PREFIX).replace("_", "-")
        return f"figures/{self.module}/{name}.svg"

    def cache_key(self) -> str:
        """A hash of everything the SVG depends on that can change between builds."""
        import matplotlib

        digest = hashlib.sha256()
        for part in (
            self.source.read_bytes(),
            Path(__file__).read_bytes(),
            self.function.encode(),
            matplotlib.__version__.encode(),
        ):
            digest.update(hashlib.sha256(part).digest())
        return digest.hexdigest()[:20]


def draw_functions(source: str) -> list[str]:
    """The names of the ``draw_*`` functions defined at the top level of ``source``."""
    return [node.name for node in ast.parse(source).body
            if isinstance(node, ast.FunctionDef) and node.name.startswith(PREFIX)]


def discover(snippets_dir: Path = SNIPPETS_DIR) -> list[FigureSpec]:
    """Every ``draw_*`` function defined at the top level of a snippets module."""
    specs = []
    for source in sorted(snippets_dir.glob("*.py")):
        if source.name.startswith("_"):
            continue
        specs += [FigureSpec(source.stem, name, source)
                  for name in draw_functions(source.read_text(encoding="utf-8"))]
    return specs


def save_svg(figure, path: Path) -> None:
    """Write ``figure`` to ``path`` as an SVG that is identical on every run."""
    import matplotlib

    with matplotlib.rc_context(_SVG_RC):
        figure.savefig(path, format="svg", metadata=_SVG_METADATA, bbox_inches="tight")


def render_all(specs: list[FigureSpec], cache_dir: Path = CACHE_DIR) -> dict[str, Path]:
    """Map each figure's site URI to its SVG, drawing the ones not in the cache.

    Missing figures are drawn in one fresh Python process, so that an edited
    snippet is imported anew even inside a long-running ``mkdocs serve``.
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    targets = {spec: cache_dir / f"{spec.cache_key()}.svg" for spec in specs}
    missing = [f"{spec.module}:{spec.function}:{path}" for spec, path in targets.items()
               if not path.exists()]
    if missing and len({spec.source.parent for spec in specs}) > 1:
        raise ValueError("render_all draws figures of one snippets package at a time")
    if missing:
        # The snippets package's parent and this repository must both be importable.
        project = specs[0].source.parent.parent
        path = os.pathsep.join([str(project), str(ROOT), os.environ.get("PYTHONPATH", "")])
        env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONPATH": path}
        run = subprocess.run(
            [sys.executable, "-m", "docs_tooling.figures", *missing],
            cwd=project, env=env, capture_output=True, text=True,
        )
        if run.returncode:
            raise RuntimeError(f"drawing the figures failed:\n{run.stderr}")
    return {spec.uri: path for spec, path in targets.items()}


def _draw(target: str) -> None:
    module_name, function_name, path = target.split(":", 2)
    function = getattr(importlib.import_module(f"snippets.{module_name}"), function_name)
    figure = function()
    from matplotlib.figure import Figure

    if not isinstance(figure, Figure):
        raise TypeError(
            f"snippets.{module_name}.{function_name}() returned {type(figure).__name__}; "
            "a draw_* function must return a matplotlib.figure.Figure"
        )
    partial = Path(f"{path}.partial")
    save_svg(figure, partial)
    partial.replace(path)  # a half-written SVG never looks like a cache hit


if __name__ == "__main__":
    for target in sys.argv[1:]:
        _draw(target)
