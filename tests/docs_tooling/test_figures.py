"""Figures: found by name, drawn to byte-stable SVG in Chinese, cached by what they depend on."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import time

import matplotlib
import pytest
from matplotlib import font_manager
from matplotlib.figure import Figure

from docs_tooling import figures
from tests.conftest import ROOT

# Strings a figure may show without Chinese: names that stay as they are. Besides these,
# math ($...$), numbers, symbols and one-letter names (x, y, w, b, t, E) need no Chinese.
NAMES = {"SGD", "Adam", "ReLU", "sigmoid", "tanh", "GELU", "Himmelblau", "MNIST", "FashionMNIST"}
HAN = re.compile(r"[\u4e00-\u9fff]")


def spec_of(function: str) -> figures.FigureSpec:
    return next(s for s in figures.discover() if s.function == function)


def lacks_chinese(text: str) -> bool:
    """Whether ``text`` holds a word in English that is not one of :data:`NAMES`."""
    if HAN.search(text):
        return False
    words = re.findall(r"[A-Za-z]+", re.sub(r"\$[^$]*\$", "", text))
    return any(len(word) > 1 and word not in NAMES for word in words)


def english_texts(texts: dict) -> list[str]:
    return [f"{name} {what}: {text!r}" for name, found in texts.items()
            for what, text in found if lacks_chinese(text)]


@pytest.fixture(scope="module")
def texts():
    """The texts of every figure of the site, as the build drew them (cached: usually free)."""
    specs = figures.discover()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PYTORCH_ZH_OFFLINE", "1")
        svgs = figures.render_all(specs)
    return {f"{spec.module}.{spec.function}": figures.texts_of(svgs[spec.uri]) for spec in specs}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Two figures rendered by the build into one cache folder: (folder, {uri: svg})."""
    cache = tmp_path_factory.mktemp("figures")
    specs = [spec_of("draw_reductions"), spec_of("draw_broadcasting")]
    with pytest.MonkeyPatch.context() as patch:  # as the root conftest sets it for each test
        patch.setenv("PYTORCH_ZH_OFFLINE", "1")
        return cache, figures.render_all(specs, cache)


def package_with(tmp_path, module: str, source: str) -> list[figures.FigureSpec]:
    package = tmp_path / "snippets"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / f"{module}.py").write_text(source, encoding="utf-8")
    return figures.discover(package)


def test_every_draw_function_is_found_with_its_site_path() -> None:
    uris = {spec.uri for spec in figures.discover()}
    assert {"figures/tensors/broadcasting.svg", "figures/tensors/reductions.svg"} <= uris


def test_svgs_are_identical_on_every_run_and_carry_no_date(rendered, tmp_path) -> None:
    spec = spec_of("draw_reductions")
    first = rendered[1][spec.uri].read_bytes()
    second = figures.render_all([spec], tmp_path)[spec.uri].read_bytes()
    assert first == second
    assert first.startswith(b"<?xml") and b"<svg" in first
    assert not re.search(rb"<dc:date>|Matplotlib v\d|rdf:RDF", first)


def test_a_cached_figure_is_not_drawn_again(rendered, monkeypatch) -> None:
    spec = spec_of("draw_broadcasting")
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: pytest.fail("drew a cached figure"))
    assert figures.render_all([spec], rendered[0])[spec.uri] == rendered[1][spec.uri]


def test_chinese_text_is_drawn_as_noto_sans_cjk_glyphs(rendered) -> None:
    svg_path = rendered[1][spec_of("draw_reductions").uri]
    assert HAN.search(dict(figures.texts_of(svg_path))["center title"])
    svg = rendered[1][spec_of("draw_reductions").uri].read_text("utf-8")
    assert 'id="NotoSansCJKsc-Regular-' in svg  # glyphs are paths named after their font
    assert "<text" not in svg  # no text left for the viewer's fonts to draw


def test_the_build_uses_the_noto_sans_cjk_file_that_mplfonts_ships() -> None:
    with matplotlib.rc_context():
        figures.use_site_style()
        found = font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]))
    assert found == str(figures.cjk_font_file())
    assert "mplfonts" in found and found.endswith("NotoSansCJKsc-Regular.otf")


def test_text_in_every_figure_is_chinese(texts) -> None:
    assert len(texts) == len(figures.discover())
    assert not english_texts(texts)


def test_an_english_title_is_caught(texts) -> None:
    figure = Figure()
    figure.subplots().set_title("t.sum(dim=0) -> shape (4,)")
    found = {**texts, "tensors.draw_reductions": figures.figure_texts(figure)}
    assert english_texts(found) == ["tensors.draw_reductions center title: 't.sum(dim=0) -> shape (4,)'"]
    assert [lacks_chinese(s) for s in ("损失", "step k", "SGD", "sigmoid(x)", "$f'(x)$ from autograd",
                                       r"$x_k$", "w=+0.1", "1e-4")] == [
        False, True, False, False, True, False, False, False]


def test_every_module_that_draws_shows_readers_the_same_font_list() -> None:
    """The build draws with figures.STYLE; a reader's copy with what the page shows."""
    pages = "".join(p.read_text("utf-8") for p in (ROOT / "docs").rglob("*.md"))
    for module in sorted({spec.module for spec in figures.discover()}):
        source = (ROOT / "snippets" / f"{module}.py").read_text("utf-8")
        settings = {}
        for node in ast.parse(source).body:
            if (isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Subscript)
                    and ast.unparse(node.targets[0].value) == "matplotlib.rcParams"):
                settings[ast.literal_eval(node.targets[0].slice)] = (
                    ast.literal_eval(node.value), node.lineno)
        assert {k: v for k, (v, _) in settings.items()} == {
            "font.sans-serif": figures.CJK_FONTS, "axes.unicode_minus": False}, module
        lines = source.splitlines()[: settings["font.sans-serif"][1]]
        starts = [m[1] for m in re.finditer(r"# --8<-- \[start:([-_a-z0-9]+)\]", "\n".join(lines))]
        ends = set(re.findall(r"# --8<-- \[end:([-_a-z0-9]+)\]", "\n".join(lines)))
        section = [name for name in starts if name not in ends]
        assert section and f"snippets/{module}.py:{section[-1]}" in pages, (
            f"{module}: the font settings are in no section a page shows")


def test_each_figure_starts_from_the_site_style(tmp_path) -> None:
    specs = package_with(tmp_path, "leaky", (
        "import matplotlib\nfrom matplotlib.figure import Figure\n\n"
        "def draw_a():\n    matplotlib.rcParams['lines.linewidth'] = 10\n    return Figure()\n\n"
        "def draw_b():\n    rc = matplotlib.rcParams\n"
        "    assert rc['lines.linewidth'] == 1.5, 'draw_a leaked into draw_b'\n"
        f"    assert rc['font.sans-serif'] == {figures.CJK_FONTS!r}\n    return Figure()\n"
    ))
    assert len(figures.render_all(specs, tmp_path / "cache")) == 2


def test_a_glyph_no_font_has_fails_the_build_and_names_the_figure(tmp_path) -> None:
    specs = package_with(tmp_path, "boxes", (
        "from matplotlib.figure import Figure\n\n"
        "def draw_box():\n    fig = Figure()\n"
        "    fig.suptitle('损失', fontfamily='DejaVu Sans')\n    return fig\n"
    ))
    with pytest.raises(RuntimeError, match=r"snippets\.boxes\.draw_box: .*Glyph .* missing"):
        figures.render_all(specs, tmp_path / "cache")


def test_a_figure_that_takes_too_long_is_stopped_and_named(tmp_path) -> None:
    specs = package_with(tmp_path, "slow", "import time\n\ndef draw_slow():\n    time.sleep(60)\n")
    started = time.monotonic()
    with pytest.raises(RuntimeError, match=r"snippets\.slow\.draw_slow\(\) took more than 1 s"):
        figures.render_all(specs, tmp_path / "cache", timeout=1)
    assert time.monotonic() - started < 30


def test_editing_a_module_changes_its_figures_cache_key(tmp_path) -> None:
    package = tmp_path / "snippets"
    shutil.copytree(ROOT / "snippets", package, ignore=shutil.ignore_patterns("__pycache__"))
    before = {s.uri: s.cache_key() for s in figures.discover(package)}
    source = package / "tensors.py"
    source.write_text(source.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    after = {s.uri: s.cache_key() for s in figures.discover(package)}
    changed = {uri for uri in before if before[uri] != after[uri]}
    assert changed == {"figures/tensors/broadcasting.svg", "figures/tensors/reductions.svg"}


def test_the_cache_key_follows_the_data_source(monkeypatch) -> None:
    spec = spec_of("draw_samples")
    monkeypatch.delenv("PYTORCH_ZH_OFFLINE", raising=False)
    monkeypatch.delenv("PYTORCH_ZH_DATA", raising=False)
    online = spec.cache_key()
    monkeypatch.setenv("PYTORCH_ZH_OFFLINE", "1")
    offline = spec.cache_key()
    monkeypatch.setenv("PYTORCH_ZH_DATA", "/elsewhere")
    elsewhere = spec.cache_key()
    assert len({online, offline, elsewhere}) == 3
    assert spec.cache_key() == elsewhere  # nothing volatile in it


def test_the_cache_key_follows_the_installed_libraries(monkeypatch) -> None:
    spec = spec_of("draw_reductions")
    before = spec.cache_key()
    assert any(v.startswith("torch==") for v in figures._installed_versions())
    monkeypatch.setattr(figures, "_installed_versions", lambda: ("torch==0.0", "numpy==0.0"))
    assert spec.cache_key() != before


def test_unused_cache_entries_are_pruned_after_a_render(tmp_path) -> None:
    spec = spec_of("draw_reductions")
    old = time.time() - 3600
    used, used_texts = tmp_path / f"{spec.cache_key()}.svg", tmp_path / f"{spec.cache_key()}.json"
    stale, half = tmp_path / f"{'0' * 20}.json", tmp_path / f"{'1' * 20}.svg.partial"
    recent, other = tmp_path / f"{'2' * 20}.svg", tmp_path / "notes.txt"
    for path in (used, used_texts, stale, half, recent, other):
        path.write_text("<svg/>")
        if path is not recent:
            os.utime(path, (old, old))
    figures.render_all([spec], tmp_path)  # a cache hit: nothing is drawn
    assert not stale.exists() and not half.exists()
    assert used.exists() and used_texts.exists() and other.exists()
    assert recent.exists()  # it may belong to a build running beside this one
    assert used.stat().st_mtime > old


def test_a_draw_function_that_returns_no_figure_is_reported(tmp_path) -> None:
    specs = package_with(tmp_path, "broken", "def draw_nothing():\n    return None\n")
    with pytest.raises(RuntimeError, match="must return a matplotlib.figure.Figure"):
        figures.render_all(specs, tmp_path / "cache")


def test_editing_a_module_the_figure_imports_changes_its_cache_key(tmp_path) -> None:
    (spec,) = package_with(tmp_path, "chapter", "from snippets.loader import load\n\n"
                                                "def draw_it():\n    return load()\n")
    loader = tmp_path / "snippets" / "loader.py"
    loader.write_text("def load():\n    return 1\n")
    before = spec.cache_key()
    loader.write_text("def load():\n    return 2\n")
    assert spec.cache_key() != before
