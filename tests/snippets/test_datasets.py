"""load_images: the real torchvision path, the offline stand-in, and the errors."""

from __future__ import annotations

import logging
import os
import struct
import subprocess
import sys

import pytest
import torch
import torchvision

from snippets import datasets
from snippets.datasets import OfflineDigits, dataset_name, load_images
from tests.conftest import ROOT


def write_idx(path, data: torch.Tensor) -> None:
    """Write ``data`` (uint8) in the IDX format torchvision's MNIST readers parse."""
    header = struct.pack(">I", 0x0800 | data.dim()) + struct.pack(f">{data.dim()}I", *data.shape)
    path.write_bytes(header + data.numpy().tobytes())


@pytest.fixture
def cached_fashion_mnist(tmp_path):
    """A FashionMNIST cache with 3 images per split, as a finished download leaves it."""
    raw = tmp_path / "FashionMNIST" / "raw"
    raw.mkdir(parents=True)
    images = torch.arange(3 * 28 * 28, device="cpu").reshape(3, 28, 28).remainder(256)
    labels = torch.tensor([9, 0, 3], device="cpu")
    for split in ("train", "t10k"):
        write_idx(raw / f"{split}-images-idx3-ubyte", images.to(torch.uint8))
        write_idx(raw / f"{split}-labels-idx1-ubyte", labels.to(torch.uint8))
    return tmp_path


def test_offline_digits_are_28x28_images_in_0_1_with_a_fixed_split() -> None:
    train, test = OfflineDigits(train=True), OfflineDigits(train=False)
    assert (len(train), len(test)) == (1437, 360)
    images = train.tensors[0]
    assert images.shape[1:] == (1, 28, 28) and images.dtype == torch.float32
    assert images.min() >= 0 and images.max() <= 1
    assert train.tensors[1].unique().tolist() == list(range(10))
    again = OfflineDigits(train=True)
    assert torch.equal(again.tensors[0], images)


def test_forced_offline_uses_digits(tmp_path) -> None:
    dataset = load_images("MNIST", root=tmp_path)
    assert isinstance(dataset, OfflineDigits)
    assert dataset_name(dataset) == "scikit-learn digits (8×8 → 28×28)"


def test_not_cached_and_no_network_falls_back_and_logs(tmp_path, monkeypatch, caplog) -> None:
    monkeypatch.delenv("PYTORCH_ZH_OFFLINE")
    monkeypatch.setattr(datasets, "_reachable", lambda url: False)
    with caplog.at_level(logging.WARNING, logger="pytorch_zh.data"):
        dataset = load_images("FashionMNIST", root=tmp_path)
    assert isinstance(dataset, OfflineDigits)
    assert "FashionMNIST" in caplog.text and "digits" in caplog.text


def test_a_cached_dataset_is_the_real_torchvision_one(cached_fashion_mnist, monkeypatch) -> None:
    monkeypatch.delenv("PYTORCH_ZH_OFFLINE")
    monkeypatch.setattr(datasets, "_reachable", lambda url: pytest.fail("must not touch the network"))
    dataset = load_images("FashionMNIST", train=False, root=cached_fashion_mnist)
    assert isinstance(dataset, torchvision.datasets.FashionMNIST)
    image, label = dataset[0]
    assert (image.shape, image.dtype, label) == ((1, 28, 28), torch.float32, 9)
    assert image.flatten()[:3].mul(255).round().tolist() == [0, 1, 2]
    assert dataset_name(dataset) == "FashionMNIST"


def test_a_failed_download_says_what_to_do(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("PYTORCH_ZH_OFFLINE")
    monkeypatch.setattr(datasets, "_reachable", lambda url: True)

    class NoDownload:
        mirrors = torchvision.datasets.MNIST.mirrors

        def __init__(self, *args, download, **kwargs):
            raise RuntimeError("Dataset not found.") if not download else OSError("connection reset")

    monkeypatch.setattr(torchvision.datasets, "MNIST", NoDownload)
    with pytest.raises(RuntimeError, match="PYTORCH_ZH_DATA") as error:
        load_images("MNIST", root=tmp_path)
    assert "connection reset" in str(error.value)


def test_the_network_probe_gives_up_quickly_on_an_unreachable_host() -> None:
    assert datasets._reachable("http://127.0.0.1:9/", timeout=1.0) is False


@pytest.mark.parametrize(("kwargs", "error"), [
    ({"name": "CIFAR10"}, ValueError),
    ({"transform": "ToTensor"}, TypeError),
])
def test_bad_arguments_are_refused(kwargs, error) -> None:
    with pytest.raises(error):
        load_images(**kwargs)


def test_pytorch_zh_data_sets_the_data_directory(tmp_path) -> None:
    run = subprocess.run(
        [sys.executable, "-c", "from snippets.datasets import DATA_DIR; print(DATA_DIR)"],
        cwd=ROOT, env={**os.environ, "PYTORCH_ZH_DATA": str(tmp_path)},
        capture_output=True, text=True, check=True,
    )
    assert run.stdout.strip() == str(tmp_path)
