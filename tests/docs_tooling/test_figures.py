"""Figures: found by name, drawn to byte-stable SVG, cached by their module's content."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from docs_tooling import figures
from tests.conftest import ROOT


def test_every_draw_function_is_found_with_its_site_path() -> None:
    uris = {spec.uri for spec in figures.discover()}
    assert {"figures/tensors/broadcasting.svg", "figures/tensors/reductions.svg"} <= uris


def test_svgs_are_identical_on_every_run_and_carry_no_date(tmp_path) -> None:
    spec = next(s for s in figures.discover() if s.function == "draw_reductions")
    first = figures.render_all([spec], tmp_path / "a")[spec.uri].read_bytes()
    second = figures.render_all([spec], tmp_path / "b")[spec.uri].read_bytes()
    assert first == second
    assert first.startswith(b"<?xml") and b"<svg" in first
    assert not re.search(rb"<dc:date>|Matplotlib v\d|rdf:RDF", first)


def test_a_cached_figure_is_not_drawn_again(tmp_path, monkeypatch) -> None:
    spec = next(s for s in figures.discover() if s.function == "draw_broadcasting")
    figures.render_all([spec], tmp_path)
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: pytest.fail("drew a cached figure"))
    assert figures.render_all([spec], tmp_path)[spec.uri].exists()


def test_editing_a_module_changes_its_figures_cache_key(tmp_path) -> None:
    package = tmp_path / "snippets"
    shutil.copytree(ROOT / "snippets", package, ignore=shutil.ignore_patterns("__pycache__"))
    before = {s.uri: s.cache_key() for s in figures.discover(package)}
    source = package / "tensors.py"
    source.write_text(source.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    after = {s.uri: s.cache_key() for s in figures.discover(package)}
    changed = {uri for uri in before if before[uri] != after[uri]}
    assert changed == {"figures/tensors/broadcasting.svg", "figures/tensors/reductions.svg"}


def test_a_draw_function_that_returns_no_figure_is_reported(tmp_path) -> None:
    package = tmp_path / "snippets"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "broken.py").write_text("def draw_nothing():\n    return None\n")
    with pytest.raises(RuntimeError, match="must return a matplotlib.figure.Figure"):
        figures.render_all(figures.discover(package), tmp_path / "cache")
