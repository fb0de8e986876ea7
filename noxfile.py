"""Build, serve and test the site: ``nox -s serve``, ``nox -s tests``, ``nox -s docs``, ``nox -s lint``.

Every session runs in one shared virtual environment, ``.nox/shared``, so torch
(several GB) is installed once, not once per session. It is created on first use
and re-synced whenever the ``site`` dependency group in ``pyproject.toml`` changes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tomllib
from pathlib import Path

import nox

ROOT = Path(__file__).resolve().parent
ENV_DIR = ROOT / ".nox" / "shared"
BIN = ENV_DIR / ("Scripts" if os.name == "nt" else "bin")
PYTHON = str(BIN / "python")

nox.options.sessions = ["lint", "tests"]
nox.options.default_venv_backend = "none"


def _requirements() -> list[str]:
    with (ROOT / "pyproject.toml").open("rb") as f:
        return tomllib.load(f)["dependency-groups"]["site"]


def shared_env(session: nox.Session) -> dict[str, str]:
    """Create or update ``.nox/shared``; return the environment to run commands in."""
    requirements = _requirements()
    digest = hashlib.sha256("\n".join(requirements).encode()).hexdigest()[:16]
    stamp = ENV_DIR / f".synced-{digest}"
    if not stamp.exists():
        if not (BIN / "python").exists():
            session.run(sys.executable, "-m", "venv", str(ENV_DIR), external=True)
            session.run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip", external=True)
        session.run(PYTHON, "-m", "pip", "install", "--quiet", *requirements, external=True)
        for old in ENV_DIR.glob(".synced-*"):
            old.unlink()
        stamp.touch()
    return {
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "VIRTUAL_ENV": str(ENV_DIR),
        # Material and mkdocs-gen-files print an MkDocs 2 banner on every build.
        "NO_MKDOCS_2_WARNING": "1",
        "DISABLE_MKDOCS_2_WARNING": "true",
        "MPLBACKEND": "Agg",
    }


@nox.session
def docs(session: nox.Session) -> None:
    """Build the site into site/ with --strict: any warning fails the build."""
    env = shared_env(session)
    session.run(PYTHON, "-m", "mkdocs", "build", "--strict", *session.posargs, env=env, external=True)


@nox.session
def serve(session: nox.Session) -> None:
    """Serve the site on http://127.0.0.1:8000 and rebuild when docs or snippets change."""
    env = shared_env(session)
    args = session.posargs or ["--dev-addr", "127.0.0.1:8000"]
    session.run(PYTHON, "-m", "mkdocs", "serve", *args, env=env, external=True)


@nox.session
@nox.parametrize("device", ["cpu", "cuda"])
def tests(session: nox.Session, device: str) -> None:
    """Doctests and tests; the cuda run repeats the doctests on a GPU, or skips without one."""
    env = shared_env(session)
    if device == "cuda":
        has_gpu = session.run(
            PYTHON, "-c", "import torch; print(torch.cuda.is_available())",
            env=env, external=True, silent=True,
        )
        if has_gpu.strip() != "True":
            session.skip("no CUDA GPU here (torch.cuda.is_available() is False): CUDA doctests not run")
    session.run(
        PYTHON, "-m", "pytest", f"--device={device}", *session.posargs, env=env, external=True
    )


@nox.session
def lint(session: nox.Session) -> None:
    """ruff: lint and import order."""
    env = shared_env(session)
    session.run(PYTHON, "-m", "ruff", "check", ".", env=env, external=True)


@nox.session(name="clean")
def clean(session: nox.Session) -> None:
    """Remove site/ and the figure cache (the shared environment stays)."""
    for path in (ROOT / "site", ROOT / ".cache"):
        shutil.rmtree(path, ignore_errors=True)
