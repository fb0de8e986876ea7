"""Root conftest: the ``--device`` option, offline data, one torch thread per xdist worker."""

import os

import torch

pytest_plugins = ["docs_tooling.pytest_device"]

# Set before anything is collected or built, so doctests, the session build and every
# process the tests start use the offline data. Tests of the real torchvision path
# delete it with monkeypatch.
os.environ["PYTORCH_ZH_OFFLINE"] = "1"


def pytest_configure(config) -> None:
    if os.environ.get("PYTEST_XDIST_WORKER"):
        # Two workers on two cores: more threads per worker only contend.
        torch.set_num_threads(1)
        os.environ["OMP_NUM_THREADS"] = "1"  # for the processes a test starts
