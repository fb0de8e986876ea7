"""Root conftest: the ``--device`` option, and tests that never touch the network."""

import pytest

pytest_plugins = ["docs_tooling.pytest_device"]


@pytest.fixture(autouse=True)
def offline_datasets(monkeypatch: pytest.MonkeyPatch) -> None:
    """Doctests load sklearn's digits, never FashionMNIST from the internet.

    Tests of the real torchvision path delete PYTORCH_ZH_OFFLINE themselves.
    """
    monkeypatch.setenv("PYTORCH_ZH_OFFLINE", "1")
