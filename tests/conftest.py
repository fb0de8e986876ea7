"""Fixtures shared by the tests: the repository root, a strict build, a scratch project.

Every process the tests start runs offline: PYTORCH_ZH_OFFLINE=1, and the
``network_guard`` folder on its PYTHONPATH refuses any connection off this machine
and logs it, so a build that would touch the network is caught.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock

ROOT = Path(__file__).resolve().parents[1]
NETWORK_GUARD = Path(__file__).resolve().parent / "network_guard"


def build_env(network_log: Path | None = None) -> dict[str, str]:
    """The environment of a process the tests start: offline, guarded, ``snippets`` importable."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "MPLBACKEND": "Agg", "PYTORCH_ZH_OFFLINE": "1",
           "PYTHONPATH": os.pathsep.join([str(NETWORK_GUARD), str(ROOT)])}
    if network_log:
        env["PYTORCH_ZH_NETWORK_LOG"] = str(network_log)
    return env


def mkdocs_build(
    project: Path, site_dir: Path, network_log: Path | None = None
) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of ``project`` into ``site_dir``, output captured."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env=build_env(network_log), capture_output=True, text=True,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built once per test run with ``--strict``; zero warnings, no network.

    Under pytest-xdist every worker asks for it: the first builds, behind a file lock
    in the folder all workers share, and the others reuse its site.
    """
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base  # one folder per run
    site, log, network = shared / "built-site", shared / "built-site.log", shared / "built-site.network"
    with FileLock(shared / "built-site.lock"):
        if not log.exists():
            run = mkdocs_build(ROOT, site, network)
            log.write_text(f"{run.returncode}\n{run.stdout}{run.stderr}", encoding="utf-8")
    returncode, output = log.read_text(encoding="utf-8").split("\n", 1)
    assert returncode == "0", output
    assert "WARNING" not in output, output
    assert not network.exists(), f"the build tried to reach the network: {network.read_text()}"
    return site


@pytest.fixture
def scratch_project(tmp_path: Path) -> Path:
    """A copy of the site's sources to break on purpose; code and tooling are shared."""
    for name in ("docs", "snippets", "results"):
        shutil.copytree(ROOT / name, tmp_path / name,
                        ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "docs_tooling").symlink_to(ROOT / "docs_tooling")
    return tmp_path
