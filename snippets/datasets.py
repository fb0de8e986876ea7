"""数据集 (datasets): the code of docs/datasets.md.

``load_images`` is the real torchvision loader (FashionMNIST or MNIST) with an
offline stand-in: when the dataset is neither cached nor downloadable, scikit-learn's
bundled handwritten digits, resized to 28×28, take its place, and a log line says so.
"""

__cuda__ = "device-aware"

# --8<-- [start:load_images]
import logging
import os
import socket
from pathlib import Path
from urllib.parse import urlsplit

import matplotlib
import torch
import torch.nn.functional as F
import torchvision
from matplotlib.figure import Figure
from torch.utils.data import Dataset, TensorDataset
from torchvision.transforms import v2

# 图中的中文：用下面列出的、本机装有的第一个中文字体
matplotlib.rcParams["font.sans-serif"] = [
    "Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC",
    "WenQuanYi Zen Hei", "Microsoft YaHei", "SimHei", "PingFang SC",
    "Heiti SC", "Arial Unicode MS", "DejaVu Sans"]
matplotlib.rcParams["axes.unicode_minus"] = False  # 有的中文字体没有数学负号 −

log = logging.getLogger("pytorch_zh.data")

# Where datasets are cached; set PYTORCH_ZH_DATA to use another folder.
DATA_DIR = Path(os.environ.get("PYTORCH_ZH_DATA", Path.home() / ".cache" / "pytorch-zh" / "data"))
IMAGE_DATASETS = ("FashionMNIST", "MNIST")

# PIL image -> float32 tensor of shape (1, 28, 28) with values in [0, 1].
to_tensor = v2.Compose([v2.ToImage(), v2.ToDtype(torch.float32, scale=True)])


class OfflineDigits(TensorDataset):
    """scikit-learn's 1797 handwritten digits as 1×28×28 images in [0, 1]."""

    name = "scikit-learn digits (8×8 → 28×28)"
    classes = [str(d) for d in range(10)]

    def __init__(self, train: bool = True, transform=None):
        try:
            from sklearn.datasets import load_digits  # only needed offline
        except ImportError as error:
            raise ImportError("离线数据需要 scikit-learn：pip install scikit-learn") from error

        images, labels = load_digits(return_X_y=True)
        # Datasets live on the CPU; a training loop moves each batch to the GPU.
        x = torch.tensor(images, dtype=torch.float32, device="cpu").reshape(-1, 1, 8, 8) / 16
        x = F.interpolate(x, size=(28, 28), mode="bilinear", align_corners=False).clamp(0, 1)
        y = torch.tensor(labels, dtype=torch.int64, device="cpu")
        # The same 80/20 split on every machine.
        order = torch.randperm(len(y), generator=torch.Generator().manual_seed(0), device="cpu")
        cut = int(0.8 * len(y))
        keep = order[:cut] if train else order[cut:]
        super().__init__(x[keep], y[keep])
        self.transform = transform

    def __getitem__(self, index):
        image, label = super().__getitem__(index)
        # Same types as torchvision's datasets: a transformed image and an int label.
        return (self.transform(image) if self.transform else image), int(label)


def _reachable(url: str, timeout: float = 3.0) -> bool:
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname, port), timeout=timeout):
            return True
    except OSError:
        return False


def load_images(name: str = "FashionMNIST", train: bool = True, root=None,
                transform=to_tensor) -> Dataset:
    """The torchvision dataset ``name``; offline, scikit-learn's digits instead.

    Set PYTORCH_ZH_OFFLINE=1 to skip the network and use the digits directly.
    """
    if name not in IMAGE_DATASETS:
        raise ValueError(f"name must be one of {IMAGE_DATASETS}, got {name!r}")
    if transform is not None and not callable(transform):
        raise TypeError(f"transform must be callable or None, got {type(transform).__name__}")
    root = Path(root or DATA_DIR)
    dataset_class = getattr(torchvision.datasets, name)
    if os.environ.get("PYTORCH_ZH_OFFLINE") != "1":
        try:
            return dataset_class(root, train=train, transform=transform, download=False)
        except RuntimeError:
            pass  # not cached yet
        if _reachable(dataset_class.mirrors[0]):
            try:
                return dataset_class(root, train=train, transform=transform, download=True)
            except Exception as error:
                raise RuntimeError(
                    f"下载 {name} 到 {root} 失败：{error}。请检查网络后重试；或把已下载的数据放进 "
                    f"{root / name / 'raw'}；或设置 PYTORCH_ZH_DATA 指向已有数据的目录；"
                    "或设置 PYTORCH_ZH_OFFLINE=1 改用离线数据。"
                ) from error
    log.warning("%s 不在 %s，也无法下载：改用 %s。", name, root, OfflineDigits.name)
    return OfflineDigits(train=train, transform=transform)


def dataset_name(dataset: Dataset) -> str:
    """Which dataset ``load_images`` actually returned, for logs and figure titles."""
    return getattr(dataset, "name", type(dataset).__name__)
# --8<-- [end:load_images]


__test__ = {
    "use": r"""
>>> # --8<-- [start:use]
>>> test_set = load_images("FashionMNIST", train=False)
>>> image, label = test_set[0]               # 每个样本：一张图片和它的类别
>>> image.shape, image.dtype                 # (通道, 高, 宽)，float32
(torch.Size([1, 28, 28]), torch.float32)
>>> bool(image.min() >= 0), bool(image.max() <= 1)  # 像素值已缩放到 [0, 1]
(True, True)
>>> type(label), len(test_set.classes)       # 标签是类别下标，共 10 类
(<class 'int'>, 10)
>>> # --8<-- [end:use]
""",
    "errors": r"""
>>> # --8<-- [start:errors]
>>> load_images("CIFAR10")
Traceback (most recent call last):
    ...
ValueError: name must be one of ('FashionMNIST', 'MNIST'), got 'CIFAR10'
>>> # --8<-- [end:errors]
""",
}


# --8<-- [start:draw_samples]
def draw_samples() -> Figure:
    """Draw the first test image of each class, titled with the dataset's name."""
    test_set = load_images("FashionMNIST", train=False)
    first = {}
    for index in range(len(test_set)):
        label = int(test_set[index][1])
        first.setdefault(label, index)
        if len(first) == len(test_set.classes):
            break
    # FashionMNIST 的类名是英文，标题换成中文；MNIST 的类名 "0 - zero" 只留数字
    chinese = dict(zip(
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
         "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"],
        ["T 恤", "裤子", "套衫", "连衣裙", "外套", "凉鞋", "衬衫", "运动鞋", "包", "短靴"],
        strict=True))
    fig = Figure(figsize=(10, 2.3))
    for ax, label in zip(fig.subplots(1, 10), sorted(first), strict=True):
        image, _ = test_set[first[label]]
        ax.imshow(image.squeeze(0).cpu().numpy(), cmap="gray_r")
        name = test_set.classes[label]
        ax.set_title(chinese.get(name, name.split(" - ")[0]), fontsize=9)
        ax.axis("off")
    fig.suptitle(f"数据：{dataset_name(test_set)}", y=1.02)
    return fig
# --8<-- [end:draw_samples]
