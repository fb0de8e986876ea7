"""Fixtures shared by the tests: the repository root, a strict build, a scratch project."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def build_env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "MPLBACKEND": "Agg",
            "PYTHONPATH": str(ROOT)}


def mkdocs_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of ``project`` into ``site_dir``, output captured."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env=build_env(), capture_output=True, text=True,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built once per test run with ``--strict``; zero warnings allowed."""
    site = tmp_path_factory.mktemp("site")
    run = mkdocs_build(ROOT, site)
    log = run.stdout + run.stderr
    assert run.returncode == 0, log
    assert "WARNING" not in log, log
    return site


@pytest.fixture
def scratch_project(tmp_path: Path) -> Path:
    """A copy of the site's sources to break on purpose; code and tooling are shared."""
    for name in ("docs", "snippets"):
        shutil.copytree(ROOT / name, tmp_path / name,
                        ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "docs_tooling").symlink_to(ROOT / "docs_tooling")
    return tmp_path
