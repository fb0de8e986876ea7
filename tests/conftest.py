"""Fixtures shared by the tests: the repository root, a strict build, a scratch project.

Every process the tests start runs offline: PYTORCH_ZH_OFFLINE=1, and the
``network_guard`` folder on its PYTHONPATH refuses any connection off this machine
and logs it, so a build that would touch the network is caught.
"""

from __future__ import annotations

import os
import re
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


SCRATCH_MODULE = '''"""A one-section chapter to break on purpose."""

# --8<-- [start:imports]
import math

# --8<-- [end:imports]

__test__ = {
    "roots": r"""
>>> # --8<-- [start:roots]
>>> math.sqrt(16)
4.0
>>> # --8<-- [end:roots]
""",
}
'''
SCRATCH_PAGE = """# 草稿

导入用到的模块：

```python
--8<-- "snippets/scratch.py:imports"
```

平方根：

```pycon
--8<-- "snippets/scratch.py:roots"
```
"""


@pytest.fixture
def scratch_project(tmp_path: Path) -> Path:
    """A one-page site built with the site's own mkdocs.yml, hooks and assets, to break on
    purpose: ``docs/scratch.md`` shows the sections of ``snippets/scratch.py``."""
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    nav = re.search(r"^nav:\n(?:[ -].*\n)+", config, re.MULTILINE)
    (tmp_path / "mkdocs.yml").write_text(config.replace(nav[0], "nav:\n  - scratch.md\n"), "utf-8")
    shutil.copytree(ROOT / "docs" / "assets", tmp_path / "docs" / "assets")
    (tmp_path / "docs" / "scratch.md").write_text(SCRATCH_PAGE, "utf-8")
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "__init__.py").write_text("", "utf-8")
    (tmp_path / "snippets" / "scratch.py").write_text(SCRATCH_MODULE, "utf-8")
    (tmp_path / "docs_tooling").symlink_to(ROOT / "docs_tooling")
    return tmp_path
