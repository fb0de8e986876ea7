"""Figures drawn at build time from the ``snippets`` package.

A figure is a top-level function ``draw_<name>()`` of a chapter module
``snippets/<module>.py`` that returns a :class:`matplotlib.figure.Figure`. The build
renders it to ``figures/<module>/<name>.svg`` (``_`` in the name becomes ``-``), so a
page shows it with ``![说明](figures/<module>/<name>.svg)`` and includes the
function's section to show the code that drew it.

Text in figures is Chinese. Each chapter module that draws sets
``matplotlib.rcParams["font.sans-serif"]`` to :data:`CJK_FONTS` right after its
imports, in the section the page shows them in, so a reader's copy finds their
system's Chinese font. The build draws each figure with matplotlib's defaults plus :data:`STYLE` (the
same list), and registers the Noto Sans CJK SC file shipped by ``mplfonts`` by path,
so every machine draws with the same font; a glyph that no font has fails the build.

SVGs are byte-for-byte reproducible, glyphs written as paths, and cached under
``.cache/figures`` by the content of the module that draws them, the locked
versions of the libraries that draw, and the data source, so ``mkdocs serve``
redraws a figure only when one of those changes. A figure function may use only its
own module and third-party libraries, since only that module's text is in the key.
"""

from __future__ import annotations

import ast
import hashlib
import importlib
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from importlib.util import find_spec
from pathlib import Path

from filelock import FileLock

ROOT = Path(__file__).resolve().parents[1]
SNIPPETS_DIR = ROOT / "snippets"
CACHE_DIR = ROOT / ".cache" / "figures"
PREFIX = "draw_"
FIGURE_TIMEOUT = 120  # seconds one figure may take to draw and save

# The fonts a chapter module asks for (the first one installed wins): the same list
# after every drawing chapter's imports, where readers see it (tests/docs_tooling/test_figures.py).
CJK_FONTS = ["Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC", "WenQuanYi Zen Hei",
             "Microsoft YaHei", "SimHei", "PingFang SC", "Heiti SC", "Arial Unicode MS",
             "DejaVu Sans"]
# What the libraries that draw, and the data they draw, depend on.
KEY_PACKAGES = ("torch", "numpy", "matplotlib", "mplfonts")
DATA_VARIABLES = ("PYTORCH_ZH_OFFLINE", "PYTORCH_ZH_DATA")

# Fixed in every SVG: no date, no tool version, no RDF block, ids stable between runs.
_SVG_RC = {"svg.hashsalt": "pytorch-zh", "svg.fonttype": "path"}
_SVG_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}
# Each figure is drawn with matplotlib's defaults and this; nothing leaks between figures.
STYLE = {"font.sans-serif": CJK_FONTS, "axes.unicode_minus": False, **_SVG_RC}
# Warnings that mean a character would show as a box: the build fails instead.
_MISSING_GLYPH = r"(?s).*(Glyph .* missing from font|does not have a glyph)"
# What a cache entry's name looks like; nothing else in the cache folder is ever removed.
_CACHE_ENTRY = re.compile(r"[0-9a-f]{20}\.(svg|json)(\.partial)?")
# An unused entry younger than this may belong to a build running beside this one.
_PRUNE_AFTER_S = 600


@cache
def _installed_versions() -> tuple[str, ...]:
    """``name==version`` of each of :data:`KEY_PACKAGES`, as installed (the locked versions)."""
    found = []
    for name in KEY_PACKAGES:
        try:
            found.append(f"{name}=={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name} absent")
    return tuple(found)


def _data_source() -> str:
    """The environment variables that choose the data a figure draws, set or not."""
    return ";".join(f"{name}={os.environ[name]!r}" if name in os.environ else f"{name} unset"
                    for name in DATA_VARIABLES)


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
        digest = hashlib.sha256()
        for part in (
            *(module.read_bytes() for module in snippets_imported_by(self.source)),
            Path(__file__).read_bytes(),
            self.function.encode(),
            "\n".join(_installed_versions()).encode(),
            _data_source().encode(),
        ):
            digest.update(hashlib.sha256(part).digest())
        return digest.hexdigest()[:20]


def snippets_imported_by(source: Path) -> list[Path]:
    """``source`` and the modules of its snippets package that it imports, directly or not.

    A chapter may draw with another chapter's loader (``from snippets.data import
    load_mnist``): editing that module must redraw the figure too.
    """
    found, todo = [], [source]
    while todo:
        module = todo.pop()
        if module in found or not module.exists():
            continue
        found.append(module)
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            todo += [source.parent / f"{name.split('.')[1]}.py" for name in names
                     if name.startswith(f"{source.parent.name}.") and name.count(".") == 1]
    return found


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


def cjk_font_file() -> Path:
    """Noto Sans CJK SC as shipped by ``mplfonts``: the same font on every build machine."""
    spec = find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("drawing the figures needs mplfonts (the Chinese font): run the build "
                           "with `nox -s docs`, whose environment has it, or `pip install mplfonts`")
    return Path(spec.submodule_search_locations[0]) / "fonts" / "NotoSansCJKsc-Regular.otf"


def use_site_style() -> None:
    """Reset matplotlib to its defaults plus :data:`STYLE`, with mplfonts' Noto Sans CJK SC.

    The file is put first among the fonts matplotlib knows, so it wins over a system
    copy of the same family.
    """
    import matplotlib
    from matplotlib import font_manager

    path = str(cjk_font_file())
    manager = font_manager.fontManager
    if not any(entry.fname == path for entry in manager.ttflist):
        manager.addfont(path)
    manager.ttflist.sort(key=lambda entry: entry.fname != path)  # stable: ours first
    manager._findfont_cached.cache_clear()  # what addfont does; the order changed too
    matplotlib.rcdefaults()
    matplotlib.rcParams.update(STYLE)


def figure_texts(figure) -> list[tuple[str, str]]:
    """(what, text) for each title, axis label, legend entry and free text of ``figure``."""
    found = [("suptitle", figure.get_suptitle()), *(("text", t.get_text()) for t in figure.texts)]
    legends = list(figure.legends)
    for ax in figure.axes:
        found += [(f"{loc} title", ax.get_title(loc)) for loc in ("left", "center", "right")]
        found += [("xlabel", ax.get_xlabel()), ("ylabel", ax.get_ylabel())]
        if hasattr(ax, "get_zlabel"):
            found.append(("zlabel", ax.get_zlabel()))
        found += [("text", t.get_text()) for t in ax.texts]
        legends += [ax.get_legend()] if ax.get_legend() else []
    found += [("legend", t.get_text()) for legend in legends for t in legend.get_texts()]
    return [(what, text) for what, text in found if text]


def texts_of(svg: Path) -> list[tuple[str, str]]:
    """The :func:`figure_texts` of a rendered figure, saved beside its SVG (glyphs are paths)."""
    return [tuple(pair) for pair in json.loads(svg.with_suffix(".json").read_text(encoding="utf-8"))]


def save_svg(figure, path: Path) -> None:
    """Write ``figure`` to ``path`` as an SVG that is identical on every run."""
    import matplotlib

    with matplotlib.rc_context(_SVG_RC):
        figure.savefig(path, format="svg", metadata=_SVG_METADATA, bbox_inches="tight")


def render_all(specs: list[FigureSpec], cache_dir: Path = CACHE_DIR,
               timeout: float = FIGURE_TIMEOUT) -> dict[str, Path]:
    """Map each figure's site URI to its SVG, drawing the ones not in the cache.

    Missing figures are drawn in one fresh Python process, so that an edited
    snippet is imported anew even inside a long-running ``mkdocs serve``; each may
    take ``timeout`` seconds. Afterwards the cache keeps only entries that a figure
    of the same snippets package uses (or that are too recent to tell).
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    targets = {spec: cache_dir / f"{spec.cache_key()}.svg" for spec in specs}
    # One drawer at a time per cache (a build and a test running side by side): the
    # second finds the first one's figures in the cache.
    with FileLock(cache_dir / ".lock"):
        missing = [f"{spec.module}:{spec.function}:{path}" for spec, path in targets.items()
                   if not path.exists()]
        if missing and len({spec.source.parent for spec in specs}) > 1:
            raise ValueError("render_all draws figures of one snippets package at a time")
        if missing:
            _draw_in_subprocess(specs[0].source.parent.parent, missing, timeout)
    now = time.time()
    for path in targets.values():
        for entry in (path, path.with_suffix(".json")):
            os.utime(entry, (now, now))  # in use: no build beside this one prunes it
    _prune(cache_dir, {spec.source.parent for spec in specs})
    return {spec.uri: path for spec, path in targets.items()}


def _draw_in_subprocess(project: Path, targets: list[str], timeout: float) -> None:
    # The snippets package's parent and this repository must both be importable.
    path = os.pathsep.join([str(project), str(ROOT), os.environ.get("PYTHONPATH", "")])
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONPATH": path}
    try:
        run = subprocess.run(
            [sys.executable, "-m", "docs_tooling.figures", f"--timeout={timeout}", *targets],
            cwd=project, env=env, capture_output=True, text=True,
            timeout=timeout * len(targets) + 60,
        )
    except subprocess.TimeoutExpired as expired:  # stuck where the per-figure alarm cannot fire
        stderr = expired.stderr.decode() if isinstance(expired.stderr, bytes) else expired.stderr or ""
        started = re.findall(r"^drawing (\S+)$", stderr, re.MULTILINE)
        raise RuntimeError(f"drawing the figures timed out in {started[-1] if started else '?'}"
                           f" (over {timeout:g} s)") from None
    if run.returncode:
        raise RuntimeError(f"drawing the figures failed:\n{run.stderr}")


def _prune(cache_dir: Path, packages: set[Path]) -> None:
    """Remove cache entries that no figure of ``packages`` uses, unless they are recent."""
    used = {f"{spec.cache_key()}.{suffix}" for package in packages for spec in discover(package)
            for suffix in ("svg", "json")}
    old = time.time() - _PRUNE_AFTER_S
    for entry in cache_dir.iterdir():
        if (_CACHE_ENTRY.fullmatch(entry.name) and entry.name not in used
                and entry.is_file() and entry.stat().st_mtime < old):
            entry.unlink(missing_ok=True)


def _draw(target: str, timeout: float) -> None:
    import signal
    import warnings

    from matplotlib.figure import Figure

    module_name, function_name, path = target.split(":", 2)
    name = f"snippets.{module_name}.{function_name}"
    print(f"drawing {name}", file=sys.stderr, flush=True)

    def too_slow(signum, frame):
        raise TimeoutError(f"{name}() took more than {timeout:g} s to draw")

    if hasattr(signal, "SIGALRM"):
        signal.signal(signal.SIGALRM, too_slow)
        signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("error", message=_MISSING_GLYPH)
            function = getattr(importlib.import_module(f"snippets.{module_name}"), function_name)
            use_site_style()  # after the import: only the site's settings, the same for every figure
            figure = function()
            if not isinstance(figure, Figure):
                raise TypeError(
                    f"{name}() returned {type(figure).__name__}; "
                    "a draw_* function must return a matplotlib.figure.Figure"
                )
            texts = Path(path).with_suffix(".json")
            partial_texts = Path(f"{texts}.partial")
            partial_texts.write_text(json.dumps(figure_texts(figure), ensure_ascii=False), encoding="utf-8")
            partial_texts.replace(texts)
            partial = Path(f"{path}.partial")
            save_svg(figure, partial)
            partial.replace(path)  # a half-written SVG never looks like a cache hit
    except Exception as error:
        raise RuntimeError(f"{name}: {type(error).__name__}: {error}") from error
    finally:
        if hasattr(signal, "SIGALRM"):
            signal.setitimer(signal.ITIMER_REAL, 0)


if __name__ == "__main__":
    seconds = FIGURE_TIMEOUT
    for argument in sys.argv[1:]:
        if argument.startswith("--timeout="):
            seconds = float(argument.removeprefix("--timeout="))
        else:
            _draw(argument, seconds)
