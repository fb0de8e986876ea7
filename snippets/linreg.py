"""线性回归 (linear regression): the code of docs/linreg.md.

Linear regression on synthetic data (``y = X w + b + noise`` with
``w = [2, -3.4]``, ``b = 4.2``), from scratch (a minibatch generator, ``X @ w + b``,
the squared loss and a hand-written SGD) and with ``nn.Linear`` + ``nn.MSELoss`` +
``torch.optim.SGD``, plus why minibatch SGD is stochastic. The from-scratch code
runs on the CPU; the concise version moves the model and each batch to ``device``.
Each model is trained once per process by a cached function that the doctests, the
figures and the page's notebook share.
"""

__cuda__ = "device-aware"

# --8<-- [start:imports]
import functools

import matplotlib
import torch
from matplotlib.figure import Figure
from torch import nn

# 图中的中文：用下面列出的、本机装有的第一个中文字体
matplotlib.rcParams["font.sans-serif"] = [
    "Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC",
    "WenQuanYi Zen Hei", "Microsoft YaHei", "SimHei", "PingFang SC",
    "Heiti SC", "Arial Unicode MS", "DejaVu Sans"]
matplotlib.rcParams["axes.unicode_minus"] = False  # 有的中文字体没有数学负号 −

# 有 GPU 就用 GPU；数据留在 CPU 上，每个小批量用到时再搬过去
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
# --8<-- [end:imports]


# --8<-- [start:synthetic_data]
def synthetic_data(w, b, n):
    """生成 y = Xw + b + 噪声：X 的每个元素 ~ N(0, 1)，噪声 ~ N(0, 0.01²)。"""
    X = torch.normal(0, 1, size=(n, len(w)))
    y = X @ w + b
    y += torch.normal(0, 0.01, size=y.shape)
    return X, y.reshape(-1, 1)          # X: (n, d)，y: (n, 1)
# --8<-- [end:synthetic_data]


# The page shows these lines in the "data" example.
true_w = torch.tensor([2, -3.4])
true_b = 4.2
torch.manual_seed(0)
features, labels = synthetic_data(true_w, true_b, 1000)


# --8<-- [start:data_iter]
def data_iter(batch_size, features, labels, generator=None):
    """按随机顺序，每次产出 batch_size 个样本；最后一批可能不足 batch_size。"""
    n = len(features)
    indices = torch.randperm(n, generator=generator)    # 打乱后的下标
    for i in range(0, n, batch_size):
        batch = indices[i : i + batch_size]
        yield features[batch], labels[batch]
# --8<-- [end:data_iter]


# --8<-- [start:init_params]
def init_params():
    """w (2×1) ~ N(0, 0.01²)，b = 0，两者都要求梯度。"""
    torch.manual_seed(0)
    w = torch.normal(0, 0.01, size=(2, 1), requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    return w, b
# --8<-- [end:init_params]


# The page shows these lines in the "data-iter" and "init-params" examples.
X, y = next(data_iter(10, features, labels, torch.Generator().manual_seed(0)))
w, b = init_params()


# --8<-- [start:model]
def linreg(X, w, b):
    """线性回归模型：(B, d) @ (d, 1) + b，得到 (B, 1)。"""
    return X @ w + b


def squared_loss(y_hat, y):
    """每个样本的平方损失 (ŷ - y)² / 2；先把 y 变成 ŷ 的形状。"""
    return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2
# --8<-- [end:model]


# --8<-- [start:sgd]
def sgd(params, lr, batch_size):
    """小批量随机梯度下降：θ ← θ - η·(梯度之和)/B，然后把梯度清零。"""
    with torch.no_grad():
        for param in params:
            param -= lr * param.grad / batch_size
            param.grad.zero_()
# --8<-- [end:sgd]


# --8<-- [start:train_scratch]
def train(w, b, features, labels, lr=0.03, batch_size=10, num_epochs=3,
          loss=squared_loss):
    """从零实现的训练循环；返回每一步的小批量损失 L，形状（轮数, 每轮步数）。"""
    shuffle = torch.Generator().manual_seed(0)   # 每次训练都按同样的顺序打乱
    losses = []
    for _ in range(num_epochs):
        for X, y in data_iter(batch_size, features, labels, shuffle):
            ell = loss(linreg(X, w, b), y)       # 这一批里每个样本的损失 ℓ
            ell.sum().backward()                 # sgd 再把梯度之和除以 B
            sgd([w, b], lr, batch_size)
            losses.append(ell.mean().item())     # 这一批的平均损失 L
    return torch.tensor(losses).reshape(num_epochs, -1)


@functools.cache
def train_scratch(lr=0.03, batch_size=10, num_epochs=3):
    """初始化参数并训练；返回学到的 w、b 和每一步的损失。"""
    w, b = init_params()
    losses = train(w, b, features, labels, lr, batch_size, num_epochs)
    return w, b, losses
# --8<-- [end:train_scratch]


# --8<-- [start:gradient]
def gradient(w, b, X, y):
    """小批量 (X, y) 上平均损失 L 对 w₁、w₂、b 的梯度，排成一个向量。"""
    L = squared_loss(linreg(X, w, b), y).mean()
    grads = torch.autograd.grad(L, [w, b])
    return torch.cat([g.reshape(-1) for g in grads])
# --8<-- [end:gradient]


# --8<-- [start:train_concise]
def fit(net, loss, optimizer, features, labels, batch_size=10, num_epochs=3):
    """简洁实现的训练循环；返回每一步的小批量损失，形状（轮数, 每轮步数）。"""
    shuffle = torch.Generator().manual_seed(0)
    losses = []
    for _ in range(num_epochs):
        for X, y in data_iter(batch_size, features, labels, shuffle):
            X, y = X.to(device), y.to(device)
            L = loss(net(X), y)                  # nn 的损失默认已经取了平均
            optimizer.zero_grad()
            L.backward()
            optimizer.step()
            losses.append(L.item())
    return torch.tensor(losses).reshape(num_epochs, -1)


@functools.cache
def train_concise(lr=0.03, batch_size=10, num_epochs=3):
    """nn.Linear + nn.MSELoss + torch.optim.SGD；返回 net 和每一步的损失。"""
    torch.manual_seed(0)
    net = nn.Sequential(nn.Linear(2, 1))
    with torch.no_grad():                        # 原地改参数，不记录计算图
        net[0].weight.normal_(0, 0.01)
        net[0].bias.zero_()
    net.to(device)
    optimizer = torch.optim.SGD(net.parameters(), lr=lr)
    losses = fit(net, nn.MSELoss(), optimizer, features, labels,
                 batch_size, num_epochs)
    return net, losses
# --8<-- [end:train_concise]


# The page shows these lines in the "linear" example.
torch.manual_seed(0)
net = nn.Sequential(nn.Linear(2, 1))


__test__ = {
    "data": r"""
>>> # --8<-- [start:data]
>>> true_w = torch.tensor([2, -3.4])
>>> true_b = 4.2
>>> _ = torch.manual_seed(0)
>>> features, labels = synthetic_data(true_w, true_b, 1000)
>>> features.shape, labels.shape
(torch.Size([1000, 2]), torch.Size([1000, 1]))
>>> features[0], labels[0]                   # 第 0 个样本：两个特征和它的标签
(tensor([-1.1258, -1.1524]), tensor([5.8655]))
>>> true_w @ features[0] + true_b            # 不加噪声时的标签
tensor(5.8663)
>>> # --8<-- [end:data]
""",
    "data-iter": r"""
>>> # --8<-- [start:data-iter]
>>> shuffle = torch.Generator().manual_seed(0)
>>> X, y = next(data_iter(10, features, labels, shuffle))  # 第一个小批量
>>> X.shape, y.shape
(torch.Size([10, 2]), torch.Size([10, 1]))
>>> y[:3]
tensor([[-4.1359],
        [ 4.9330],
        [11.0736]])
>>> sum(1 for _ in data_iter(10, features, labels, shuffle))  # 一轮的批数
100
>>> # --8<-- [end:data-iter]
""",
    "init-params": r"""
>>> # --8<-- [start:init-params]
>>> w, b = init_params()
>>> w, b
(tensor([[ 0.0154],
        [-0.0029]], requires_grad=True), tensor([0.], requires_grad=True))
>>> # --8<-- [end:init-params]
""",
    "forward": r"""
>>> # --8<-- [start:forward]
>>> y_hat = linreg(X, w, b)
>>> y_hat.shape
torch.Size([10, 1])
>>> ell = squared_loss(y_hat, y)             # 每个样本一个损失 ℓ
>>> ell.shape
torch.Size([10, 1])
>>> ell.mean()                               # 参数还接近 0：ŷ ≈ 0，损失很大
tensor(22.3495, grad_fn=<MeanBackward0>)
>>> # --8<-- [end:forward]
""",
    "train-scratch": r"""
>>> # --8<-- [start:train-scratch]
>>> w, b, losses = train_scratch()
>>> losses.shape                             # 3 轮，每轮 100 个小批量
torch.Size([3, 100])
>>> for epoch, L in enumerate(losses.mean(dim=1), start=1):
...     print(f"第 {epoch} 轮，平均损失 {L:.6f}")
第 1 轮，平均损失 2.809170
第 2 轮，平均损失 0.006778
第 3 轮，平均损失 0.000063
>>> w.detach().reshape(-1), b.detach()       # 学到的参数
(tensor([ 1.9996, -3.3995]), tensor([4.1991]))
>>> true_w - w.detach().reshape(-1), true_b - b.detach()  # 与真实参数之差
(tensor([ 0.0004, -0.0005]), tensor([0.0009]))
>>> # --8<-- [end:train-scratch]
""",
    "broadcast-mistake": r"""
>>> # --8<-- [start:broadcast-mistake]
>>> w, b = init_params()
>>> y_hat = linreg(X, w, b)                  # 第一个小批量上的预测，(10, 1)
>>> y_flat = y.reshape(-1)                   # 形状 (10,)
>>> (y_hat - y_flat).shape                   # 广播成 10×10：每个预测减每个标签
torch.Size([10, 10])
>>> ((y_hat - y_flat) ** 2 / 2).mean()       # 不报错，但不是我们要的损失
tensor(22.4052, grad_fn=<MeanBackward0>)
>>> squared_loss(y_hat, y_flat).mean()       # squared_loss 先把 y 变成 (10, 1)
tensor(22.3495, grad_fn=<MeanBackward0>)
>>> def wrong_loss(y_hat, y):
...     return (y_hat - y.reshape(-1)) ** 2 / 2
>>> w, b = init_params()
>>> losses = train(w, b, features, labels, loss=wrong_loss)
>>> w.detach().reshape(-1), b.detach()       # 用错的损失训练 3 轮
(tensor([ 0.4648, -0.1884]), tensor([3.9329]))
>>> with torch.no_grad():                    # 全部样本上正确的平方损失
...     print(squared_loss(linreg(features, w, b), labels).mean())
tensor(6.7186)
>>> # --8<-- [end:broadcast-mistake]
""",
    "minibatch-gradients": r"""
>>> # --8<-- [start:minibatch-gradients]
>>> w, b = init_params()
>>> gradient(w, b, features, labels)         # 全部 1000 个样本：真正的梯度
tensor([-1.9110,  3.5020, -4.0516])
>>> shuffle = torch.Generator().manual_seed(0)
>>> grads = torch.stack([gradient(w, b, X, y)
...                      for X, y in data_iter(10, features, labels, shuffle)])
>>> grads.shape                              # 一轮 100 个小批量，各有一个梯度
torch.Size([100, 3])
>>> grads[:4]                                # 同一组参数，不同的小批量
tensor([[-2.1063,  6.8333, -4.1165],
        [-1.5179,  1.7834, -3.4936],
        [-1.6628,  2.4574, -5.0509],
        [-3.1625,  5.2183, -4.0615]])
>>> grads.mean(dim=0)                        # 平均起来就是真正的梯度
tensor([-1.9110,  3.5020, -4.0516])
>>> for B in [1, 10, 100]:
...     batches = data_iter(B, features, labels, shuffle)
...     grads = torch.stack([gradient(w, b, X, y) for X, y in batches])
...     print(B, len(grads), [round(s, 2) for s in grads.std(dim=0).tolist()])
1 1000 [6.81, 6.84, 4.04]
10 100 [2.08, 2.34, 1.27]
100 10 [0.79, 0.78, 0.37]
>>> # --8<-- [end:minibatch-gradients]
""",
    "linear": r"""
>>> # --8<-- [start:linear]
>>> _ = torch.manual_seed(0)
>>> net = nn.Sequential(nn.Linear(2, 1))     # 2 个输入，1 个输出
>>> net[0].weight.shape, net[0].bias.shape   # weight 的形状是（输出, 输入）
(torch.Size([1, 2]), torch.Size([1]))
>>> X = features[:3]
>>> with torch.no_grad():
...     print(net(X))
...     print(X @ net[0].weight.T + net[0].bias)  # 同一个计算：x Wᵀ + b
tensor([[-1.0131],
        [-0.7452],
        [-0.3240]])
tensor([[-1.0131],
        [-0.7452],
        [-0.3240]])
>>> # --8<-- [end:linear]
""",
    "init-mistake": r"""
>>> # --8<-- [start:init-mistake]
>>> net[0].weight.normal_(0, 0.01)           # 直接原地修改要求梯度的参数
Traceback (most recent call last):
    ...
RuntimeError: a leaf Variable that requires grad is being used in an in-place operation.
>>> with torch.no_grad():                    # 正确：关掉梯度记录再改
...     _ = net[0].weight.normal_(0, 0.01)
...     _ = net[0].bias.zero_()
>>> net[0].weight, net[0].bias
(Parameter containing:
tensor([[-0.0218,  0.0057]], requires_grad=True), Parameter containing:
tensor([0.], requires_grad=True))
>>> _ = nn.init.normal_(net[0].weight, std=0.01)  # 等价：nn.init 内部已经关掉了
>>> # --8<-- [end:init-mistake]
""",
    "train-concise": r"""
>>> # --8<-- [start:train-concise]
>>> net, losses = train_concise()
>>> losses.mean(dim=1)                       # 每一轮的平均 MSELoss  # doctest: +CUDA_ATOL_0_01
tensor([2.8806e+00, 1.0662e-04, 9.3688e-05])
>>> w_hat = net[0].weight.detach().cpu().reshape(-1)
>>> b_hat = net[0].bias.detach().cpu()
>>> w_hat, b_hat                             # 学到的参数  # doctest: +CUDA_ATOL_0_01
(tensor([ 1.9999, -3.4000]), tensor([4.1997]))
>>> true_w - w_hat, true_b - b_hat           # 与真实参数之差  # doctest: +CUDA_ATOL_0_01
(tensor([ 5.3644e-05, -4.9829e-05]), tensor([0.0003]))
>>> # --8<-- [end:train-concise]
""",
    "mse-vs-squared": r"""
>>> # --8<-- [start:mse-vs-squared]
>>> y_hat = torch.tensor([[1.0], [2.0], [3.0]])
>>> y = torch.tensor([[1.5], [2.0], [1.0]])
>>> squared_loss(y_hat, y).mean()            # ((-0.5)² + 0² + 2²) / 2 / 3
tensor(0.7083)
>>> nn.MSELoss()(y_hat, y)                   # 没有 1/2：正好是 2 倍
tensor(1.4167)
>>> nn.MSELoss(reduction="sum")(y_hat, y)    # 不取平均，只求和
tensor(4.2500)
>>> # --8<-- [end:mse-vs-squared]
""",
    "exercise-lr": r"""
>>> # --8<-- [start:exercise-lr]
>>> w, b = init_params()
>>> losses = train(w, b, features, labels, lr=3, num_epochs=1)
>>> losses[0, :6]                            # 前 6 步的损失
tensor([   22.3495,   119.0372,   126.9614,   459.2023,  2206.9453, 10066.2598])
>>> losses[0, -1]                            # 第 100 步
tensor(inf)
>>> w.detach().reshape(-1), b.detach()
(tensor([-1.5007e+34, -6.6389e+33]), tensor([-2.7793e+33]))
>>> # --8<-- [end:exercise-lr]
""",
    "exercise-zero-init": r"""
>>> # --8<-- [start:exercise-zero-init]
>>> w = torch.zeros(2, 1, requires_grad=True)
>>> b = torch.zeros(1, requires_grad=True)
>>> losses = train(w, b, features, labels)
>>> losses.mean(dim=1)
tensor([2.8161e+00, 6.7947e-03, 6.3248e-05])
>>> w.detach().reshape(-1), b.detach()
(tensor([ 1.9996, -3.3995]), tensor([4.1991]))
>>> # --8<-- [end:exercise-zero-init]
""",
    "exercise-huber": r"""
>>> # --8<-- [start:exercise-huber]
>>> noisy = labels.clone()
>>> noisy[:50] += 20                         # 5% 的标签错成了大 20
>>> for loss in [nn.MSELoss(), nn.HuberLoss()]:  # doctest: +CUDA_ATOL_0_05
...     _ = torch.manual_seed(0)
...     net = nn.Sequential(nn.Linear(2, 1)).to(device)
...     optimizer = torch.optim.SGD(net.parameters(), lr=0.03)
...     _ = fit(net, loss, optimizer, features, noisy, num_epochs=5)
...     w_hat = net[0].weight.detach().cpu().reshape(-1)
...     print(type(loss).__name__, w_hat, round(net[0].bias.item(), 4))
MSELoss tensor([ 1.9827, -3.0967]) 5.1425
HuberLoss tensor([ 2.0009, -3.3838]) 4.249
>>> # --8<-- [end:exercise-huber]
""",
    "exercise-lstsq": r"""
>>> # --8<-- [start:exercise-lstsq]
>>> A = torch.cat([features, torch.ones(len(features), 1)], dim=1)  # 最后一列全 1
>>> torch.linalg.lstsq(A, labels).solution.reshape(-1)   # w₁、w₂、b
tensor([ 1.9999, -3.3997,  4.1997])
>>> # --8<-- [end:exercise-lstsq]
""",
}


# --8<-- [start:draw_scatter]
def draw_scatter() -> Figure:
    """合成数据：两个特征分别与标签 y 的散点图。"""
    fig = Figure(figsize=(7, 3), layout="constrained")
    axes = fig.subplots(1, 2, sharey=True)
    for j, ax in enumerate(axes):
        ax.scatter(features[:, j], labels[:, 0], s=4, alpha=0.5)
        ax.set_xlabel(f"第 {j + 1} 个特征 $x_{j + 1}$（真实权重 {true_w[j]:.1f}）")
        ax.grid(alpha=0.3)
    axes[0].set_ylabel("标签 $y$")
    return fig
# --8<-- [end:draw_scatter]


# --8<-- [start:draw_batch_sizes]
def loss_per_step(batch_size, num_steps=300, lr=0.03):
    """小批量大小为 batch_size 时，每一步更新之后全部样本上的平均损失。"""
    w, b = init_params()
    shuffle = torch.Generator().manual_seed(0)
    history = []
    while len(history) < num_steps:              # 一轮不够 num_steps 步就接着下一轮
        for X, y in data_iter(batch_size, features, labels, shuffle):
            squared_loss(linreg(X, w, b), y).sum().backward()
            sgd([w, b], lr, batch_size)
            with torch.no_grad():
                L = squared_loss(linreg(features, w, b), labels).mean()
            history.append(L.item())
            if len(history) == num_steps:
                break
    return history


def draw_batch_sizes() -> Figure:
    """不同的小批量大小：损失随更新步数（左）和随轮数（右）的变化。"""
    n = len(features)
    fig = Figure(figsize=(8, 3.4), layout="constrained")
    ax_step, ax_epoch = fig.subplots(1, 2, sharey=True)
    for B in [1, 10, 100, n]:
        history = loss_per_step(B)
        steps = range(1, len(history) + 1)
        label = f"全批量 B = {n}" if n == B else f"B = {B}"
        ax_step.plot(steps, history, lw=1.2, label=label)
        ax_epoch.plot([t * B / n for t in steps], history, lw=1.2, label=label)
    ax_step.set_yscale("log")
    ax_step.set_ylabel("全部样本上的平均损失")
    ax_step.set_xlabel("更新的步数")
    ax_epoch.set_xscale("log")
    ax_epoch.set_xlabel("轮数（对数坐标）")
    for ax in (ax_step, ax_epoch):
        ax.grid(alpha=0.3)
    ax_epoch.legend()
    return fig
# --8<-- [end:draw_batch_sizes]


# --8<-- [start:draw_loss_curves]
def draw_loss_curves() -> Figure:
    """从零实现与简洁实现：每一步的小批量损失（简洁实现的 MSELoss 除以 2）。"""
    _, _, scratch = train_scratch()
    _, concise = train_concise()
    fig = Figure(figsize=(6, 3.6), layout="constrained")
    ax = fig.subplots()
    ax.plot(scratch.flatten(), lw=1, label=r"从零实现：$(\hat{y} - y)^2 / 2$")
    ax.plot(concise.flatten() / 2, lw=1, alpha=0.8, label="简洁实现：MSELoss / 2")
    for epoch in range(1, len(scratch)):
        ax.axvline(epoch * scratch.shape[1], color="gray", ls=":", lw=1)
    ax.set_yscale("log")
    ax.set_xlabel("更新的步数（虚线：每轮的开始）")
    ax.set_ylabel("小批量的平均损失")
    ax.grid(alpha=0.3)
    ax.legend()
    return fig
# --8<-- [end:draw_loss_curves]
