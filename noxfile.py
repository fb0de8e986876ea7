"""Build, serve and test the site: ``nox -s serve``, ``nox -s tests``, ``nox -s docs``, ``nox -s lint``.

Every session runs in one virtual environment, ``.nox/shared``, so torch (several
GB) is installed once, not once per session. The environment is synced exactly
(``uv pip sync``: missing packages added, others removed) from ``requirements.txt``,
the pinned and hashed lock that ``nox -s lock`` resolves from the ``site`` group of
``pyproject.toml``. A lock older than that group is refused.
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
PYPROJECT = ROOT / "pyproject.toml"
LOCK = ROOT / "requirements.txt"
ENV_DIR = ROOT / ".nox" / "shared"
BIN = ENV_DIR / ("Scripts" if os.name == "nt" else "bin")
PYTHON = str(BIN / "python")
# A line of the lock's header records which dependency group it was resolved from.
_LOCK_INPUT = "# resolved from [dependency-groups].site sha256:"

nox.options.sessions = ["lint", "tests"]
nox.options.default_venv_backend = "none"


def _uv() -> str:
    try:
        from uv import find_uv_bin
    except ImportError:
        found = shutil.which("uv")
        if found:
            return found
        raise SystemExit("uv is missing: install nox with it, python3 -m pip install 'nox[uv]'") from None
    return find_uv_bin()


def _group_digest() -> str:
    """A hash of the ``site`` dependency group, as the lock records it."""
    with PYPROJECT.open("rb") as f:
        group = tomllib.load(f)["dependency-groups"]["site"]
    return hashlib.sha256("\n".join(group).encode()).hexdigest()


def shared_env(session: nox.Session) -> dict[str, str]:
    """Sync ``.nox/shared`` with the lock if it changed; return the environment to run commands in."""
    lock = LOCK.read_text(encoding="utf-8")
    if f"{_LOCK_INPUT}{_group_digest()}" not in lock:
        session.error(
            "requirements.txt is stale: the site group in pyproject.toml changed since it was "
            "resolved. Run `nox -s lock` and commit requirements.txt"
        )
    stamp = ENV_DIR / f".synced-{hashlib.sha256(lock.encode()).hexdigest()[:16]}"
    if not stamp.exists():
        uv = _uv()
        if not (BIN / "python").exists():
            session.run(uv, "venv", "--quiet", "--python", sys.executable, str(ENV_DIR), external=True)
        # Bytecode compiled once here: where PYTHONDONTWRITEBYTECODE is set (CI images
        # often do), every process would otherwise compile torch's sources again.
        session.run(uv, "pip", "sync", "--quiet", "--compile-bytecode", "--python", PYTHON, str(LOCK),
                    external=True)
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
def lock(session: nox.Session) -> None:
    """Resolve the site group into requirements.txt; ``nox -s lock -- --upgrade`` takes newer releases."""
    session.run(
        _uv(), "pip", "compile", str(PYPROJECT.name), "--group", "site", "--universal",
        "--generate-hashes", "--python-version", "3.11.5", "--quiet",
        "--custom-compile-command", "nox -s lock", "--output-file", str(LOCK.name),
        *session.posargs, external=True,
    )
    lines = LOCK.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(2, f"{_LOCK_INPUT}{_group_digest()}\n")  # under uv's two-line header
    LOCK.write_text("".join(lines), encoding="utf-8")


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
    """Everything on the CPU; on a GPU, the doctests and tests marked ``cuda`` (skipped without one)."""
    env = shared_env(session)
    if device == "cuda":
        has_gpu = session.run(
            PYTHON, "-c", "import torch; print(torch.cuda.is_available())",
            env=env, external=True, silent=True,
        )
        if has_gpu.strip() != "True":
            session.skip("no CUDA GPU here (torch.cuda.is_available() is False): CUDA doctests not run")
    # One process on a GPU: workers would share one device and each record the run.
    workers = ["-n", "0"] if device == "cuda" else []
    session.run(
        PYTHON, "-m", "pytest", f"--device={device}", *workers, *session.posargs, env=env, external=True
    )


@nox.session
def accept(session: nox.Session) -> None:
    """Rewrite the doctest outputs in snippets/ with what the code prints now; review the diff."""
    env = shared_env(session)
    session.run(PYTHON, "-m", "docs_tooling.accept", *session.posargs, env=env, external=True)


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmarks (not tests): they print ratios measured in one run and write results/."""
    env = shared_env(session)
    env["PYTHONPATH"] = "."
    for script in session.posargs or ["benchmarks/train_speed.py", "benchmarks/dataloader_workers.py"]:
        session.run(PYTHON, script, env=env, external=True)


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
