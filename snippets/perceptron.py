"""感知机与反向传播 (perceptron and backpropagation): the code of docs/perceptron.md.

Each entry of ``__test__`` is one section of the page, run by pytest as a doctest on
the CPU and on CUDA. Every weight and input is a fixed number (no random numbers),
and floating-point results are shown rounded to 4 decimals or compared with
``torch.allclose``, so the expected text is the same on both devices.
"""

__cuda__ = "default-device"

# --8<-- [start:imports]
import matplotlib
import torch
import torch.nn.functional as F
from matplotlib.figure import Figure
from torch import nn

# 图中的中文：用下面列出的、本机装有的第一个中文字体
matplotlib.rcParams["font.sans-serif"] = [
    "Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC",
    "WenQuanYi Zen Hei", "Microsoft YaHei", "SimHei", "PingFang SC",
    "Heiti SC", "Arial Unicode MS", "DejaVu Sans"]
matplotlib.rcParams["axes.unicode_minus"] = False  # 有的中文字体没有数学负号 −

# --8<-- [end:imports]


# --8<-- [start:tiny_mlp]
def tiny_mlp():
    """The 2-2-1 network of this page: input x, target t and its four parameters."""
    x = torch.tensor([[1.0, 0.5]])                    # 1 个样本、2 个输入，形状 (1, 2)
    t = torch.tensor([[1.0]])                         # 目标值，形状 (1, 1)
    W1 = torch.tensor([[0.1, 0.4],
                       [-0.2, 0.3]], requires_grad=True)  # W1[i, j]：输入 i → 隐藏单元 j
    b1 = torch.tensor([0.1, -0.1], requires_grad=True)
    W2 = torch.tensor([[0.5],
                       [-0.6]], requires_grad=True)       # W2[j, 0]：隐藏单元 j → 输出
    b2 = torch.tensor([0.2], requires_grad=True)
    return x, t, [W1, b1, W2, b2]


def forward(x, W1, b1, W2, b2):
    """Hidden activations h and output O of the 2-2-1 sigmoid network."""
    h = torch.sigmoid(x @ W1 + b1)                    # 隐藏层，形状 (1, 2)
    out = torch.sigmoid(h @ W2 + b2)                  # 输出层 O，形状 (1, 1)
    return h, out
# --8<-- [end:tiny_mlp]


__test__ = {
    "single-output": r"""
>>> # --8<-- [start:single-output]
>>> x = torch.tensor([[1.0, 2.0, -1.0]])     # 1 个样本、3 个输入 x_j：形状 (1, 3)
>>> w = torch.tensor([[0.5],
...                   [-0.3],
...                   [0.6]], requires_grad=True)  # w[j, 0] 就是 w_j0：形状 (3, 1)
>>> t = torch.tensor([[1.0]])                # 目标
>>> O = torch.sigmoid(x @ w)                 # (1, 3) @ (3, 1) -> (1, 1)
>>> O.shape, round(O.item(), 4)
(torch.Size([1, 1]), 0.3318)
>>> E = 0.5 * ((O - t) ** 2).sum()           # E = ½ (O − t)²
>>> E.backward()
>>> torch.round(w.grad, decimals=4)
tensor([[-0.1481],
        [-0.2963],
        [ 0.1481]])
>>> with torch.no_grad():
...     by_hand = (O - t) * O * (1 - O) * x.t()  # (O − t) O (1 − O) x_j，x.t() 的形状 (3, 1)
>>> torch.allclose(w.grad, by_hand)
True
>>> w.grad = None                            # 清掉上面的梯度，否则下一次会累加上去
>>> F.mse_loss(torch.sigmoid(x @ w), t).backward()  # MSE = (O − t)²，没有 ½
>>> torch.allclose(w.grad, 2 * by_hand)      # 所以梯度正好是 2 倍
True
>>> # --8<-- [end:single-output]
""",
    "multi-output": r"""
>>> # --8<-- [start:multi-output]
>>> x = torch.tensor([[1.0, 2.0, -1.0]])     # (1, 3)
>>> W = torch.tensor([[0.5, -0.2],
...                   [-0.3, 0.4],
...                   [0.6, 0.1]], requires_grad=True)  # W[j, k] 就是 w_jk：形状 (3, 2)
>>> t = torch.tensor([[1.0, 0.0]])           # 每个输出一个目标：形状与 O 相同 (1, 2)
>>> O = torch.sigmoid(x @ W)
>>> torch.round(O.detach(), decimals=4)
tensor([[0.3318, 0.6225]])
>>> E = 0.5 * ((O - t) ** 2).sum()           # E = ½ Σ_k (O_k − t_k)²
>>> E.backward()
>>> with torch.no_grad():
...     delta = (O - t) * O * (1 - O)        # 每个输出一个 δ_k，形状 (1, 2)
...     by_hand = x.t() @ delta              # (3, 1) @ (1, 2) -> (3, 2)：第 j 行第 k 列是 δ_k x_j
>>> torch.round(W.grad, decimals=4)
tensor([[-0.1481,  0.1463],
        [-0.2963,  0.2926],
        [ 0.1481, -0.1463]])
>>> torch.allclose(W.grad, by_hand)
True
>>> layer = nn.Linear(3, 2, bias=False)      # nn.Linear 计算 x @ weight.T
>>> layer.weight.shape                       # (输出数, 输入数)：是上面 W 的转置
torch.Size([2, 3])
>>> with torch.no_grad():
...     _ = layer.weight.copy_(W.t())
>>> torch.allclose(torch.sigmoid(layer(x)), O)
True
>>> # --8<-- [end:multi-output]
""",
    "chain-rule": r"""
>>> # --8<-- [start:chain-rule]
>>> x = torch.tensor(2.0)
>>> w1 = torch.tensor(2.0, requires_grad=True)
>>> b1 = torch.tensor(1.0)
>>> w2 = torch.tensor(-0.5, requires_grad=True)
>>> b2 = torch.tensor(0.5)
>>> y1 = w1 * x + b1                         # 第一层：线性，y1 = 5
>>> y2 = torch.sigmoid(w2 * y1 + b2)         # 第二层：sigmoid(−2)
>>> (dy2_dy1,) = torch.autograd.grad(y2, y1, retain_graph=True)  # 保留图，后面还要用
>>> (dy1_dw1,) = torch.autograd.grad(y1, w1, retain_graph=True)
>>> (dy2_dw1,) = torch.autograd.grad(y2, w1)  # 直接对 w1 求导
>>> torch.round(dy2_dy1 * dy1_dw1, decimals=4), torch.round(dy2_dw1, decimals=4)
(tensor(-0.1050), tensor(-0.1050))
>>> torch.allclose(dy2_dw1, w2 * y2 * (1 - y2) * x)  # 公式：w2 σ'(·) · x
True
>>> # --8<-- [end:chain-rule]
""",
    "mlp-forward": r"""
>>> # --8<-- [start:mlp-forward]
>>> x, t, (W1, b1, W2, b2) = tiny_mlp()
>>> h, O = forward(x, W1, b1, W2, b2)
>>> torch.round(x @ W1 + b1, decimals=4).detach()  # 隐藏层的加权和 z1
tensor([[0.1000, 0.4500]])
>>> torch.round(h.detach(), decimals=4)      # h = σ(z1)
tensor([[0.5250, 0.6106]])
>>> torch.round(O.detach(), decimals=4)      # O = σ(h W2 + b2)
tensor([[0.5240]])
>>> E = 0.5 * ((O - t) ** 2).sum()
>>> round(E.item(), 4)
0.1133
>>> # --8<-- [end:mlp-forward]
""",
    "mlp-backward": r"""
>>> # --8<-- [start:mlp-backward]
>>> x, t, (W1, b1, W2, b2) = tiny_mlp()
>>> h, O = forward(x, W1, b1, W2, b2)
>>> E = 0.5 * ((O - t) ** 2).sum()
>>> E.backward()                             # autograd：梯度存进 W1.grad、b1.grad……
>>> with torch.no_grad():
...     delta2 = (O - t) * O * (1 - O)       # 输出层的 δ，形状 (1, 1)
...     delta1 = (delta2 @ W2.t()) * h * (1 - h)  # 隐藏层的 δ：δ2 沿 W2 传回，形状 (1, 2)
...     by_hand = [x.t() @ delta1, delta1.sum(0), h.t() @ delta2, delta2.sum(0)]
>>> torch.round(delta2, decimals=4), torch.round(delta1, decimals=4)
(tensor([[-0.1187]]), tensor([[-0.0148,  0.0169]]))
>>> torch.round(W2.grad, decimals=4)         # ∂E/∂W2[j, 0] = h_j δ2
tensor([[-0.0623],
        [-0.0725]])
>>> torch.round(W1.grad, decimals=4)         # ∂E/∂W1[i, j] = x_i δ1_j
tensor([[-0.0148,  0.0169],
        [-0.0074,  0.0085]])
>>> [torch.allclose(p.grad, g) for p, g in zip([W1, b1, W2, b2], by_hand)]
[True, True, True, True]
>>> # --8<-- [end:mlp-backward]
""",
    "sgd-step": r"""
>>> # --8<-- [start:sgd-step]
>>> lr = 0.5                                 # 学习率 η
>>> x, t, by_hand = tiny_mlp()               # 两份完全相同的网络：一份手动更新
>>> _, _, by_sgd = tiny_mlp()                # 另一份交给 torch.optim.SGD
>>> for params in (by_hand, by_sgd):
...     h, O = forward(x, *params)
...     (0.5 * ((O - t) ** 2).sum()).backward()
>>> with torch.no_grad():                    # 更新参数这一步不需要记录计算图
...     for p in by_hand:
...         p -= lr * p.grad                 # w ← w − η ∂E/∂w，原地修改
>>> optimizer = torch.optim.SGD(by_sgd, lr=lr)
>>> optimizer.step()                         # 对每个参数做同样的更新
>>> [torch.allclose(p, q) for p, q in zip(by_hand, by_sgd)]
[True, True, True, True]
>>> torch.round(by_sgd[2].detach(), decimals=4)  # 新的 W2（原来是 0.5 和 −0.6）
tensor([[ 0.5312],
        [-0.5638]])
>>> with torch.no_grad():
...     _, O_new = forward(x, *by_sgd)
>>> round((0.5 * ((O_new - t) ** 2).sum()).item(), 4)  # 损失从 0.1133 降到
0.1015
>>> optimizer.zero_grad()                    # 下一步之前清空梯度（默认设为 None）
>>> by_sgd[0].grad is None
True
>>> # --8<-- [end:sgd-step]
""",
    "leaf": r"""
>>> # --8<-- [start:leaf]
>>> w = torch.ones(2, requires_grad=True) * 0.01  # 乘法的结果由运算得到：不是叶子张量
>>> w.is_leaf
False
>>> torch.optim.SGD([w], lr=0.1)
Traceback (most recent call last):
    ...
ValueError: can't optimize a non-leaf Tensor
>>> w = (torch.ones(2) * 0.01).requires_grad_()  # 先算好初始值，再声明需要梯度
>>> w.is_leaf
True
>>> # --8<-- [end:leaf]
""",
    "zero-init": r"""
>>> # --8<-- [start:zero-init]
>>> x, t, params = tiny_mlp()
>>> with torch.no_grad():
...     for p in params:
...         _ = p.zero_()                    # 所有权重和偏置都初始化为 0
>>> h, O = forward(x, *params)
>>> (0.5 * ((O - t) ** 2).sum()).backward()
>>> params[0].grad                           # W1 的梯度全为 0：W2 = 0，δ 传不回来
tensor([[0., 0.],
        [0., 0.]])
>>> params[2].grad                           # 两个隐藏单元输出相同，得到相同的梯度
tensor([[-0.0625],
        [-0.0625]])
>>> optimizer = torch.optim.SGD(params, lr=0.5)
>>> for _ in range(100):                     # 训练 100 步
...     optimizer.zero_grad()
...     h, O = forward(x, *params)
...     (0.5 * ((O - t) ** 2).sum()).backward()
...     optimizer.step()
>>> W1 = params[0]
>>> torch.round(W1.detach(), decimals=2)     # W1 学到了非零值……
tensor([[0.1300, 0.1300],
        [0.0600, 0.0600]])
>>> torch.allclose(W1[:, 0], W1[:, 1])       # ……但两列始终相同：两个隐藏单元一模一样
True
>>> # --8<-- [end:zero-init]
""",
}


# --8<-- [start:draw_network]
def draw_network() -> Figure:
    """Draw the 2-2-1 network: weights on the edges, forward values and deltas on the nodes."""
    x, t, (W1, b1, W2, b2) = tiny_mlp()
    h, out = forward(x, W1, b1, W2, b2)
    E = 0.5 * ((out - t) ** 2).sum()
    with torch.no_grad():
        delta2 = (out - t) * out * (1 - out)
        delta1 = (delta2 @ W2.t()) * h * (1 - h)
    pos = {"x1": (0, 1), "x2": (0, 0), "h1": (1, 1), "h2": (1, 0), "O": (2, 0.5)}
    fig = Figure(figsize=(9, 4.6))
    ax = fig.subplots()
    edges = [(f"x{i + 1}", f"h{j + 1}", W1[i, j].item()) for i in range(2) for j in range(2)]
    edges += [(f"h{j + 1}", "O", W2[j, 0].item()) for j in range(2)]
    for start, end, weight in edges:
        (x0, y0), (x1, y1) = pos[start], pos[end]
        ax.plot([x0, x1], [y0, y1], color="tab:blue" if weight > 0 else "tab:red", lw=1.5, zorder=1)
        # 权重写在从起点算起 40% 处，交叉的两条边上的数字不会重叠
        lx, ly = x0 + 0.4 * (x1 - x0), y0 + 0.4 * (y1 - y0)
        ax.text(lx, ly, f"w={weight:+.1f}", ha="center", va="center", fontsize=10,
                bbox=dict(boxstyle="round", fc="white", ec="none"))
    values = {"x1": x[0, 0], "x2": x[0, 1], "h1": h[0, 0], "h2": h[0, 1], "O": out[0, 0]}
    deltas = {"h1": delta1[0, 0], "h2": delta1[0, 1], "O": delta2[0, 0]}
    biases = {"h1": b1[0], "h2": b1[1], "O": b2[0]}
    for name, (px, py) in pos.items():
        ax.scatter([px], [py], s=2200, color="white", edgecolors="black", zorder=2)
        label = name if name == "O" else f"{name[0]}_{name[1]}"
        ax.text(px, py + 0.05, f"${label}$", ha="center", va="center", fontsize=13, zorder=3)
        ax.text(px, py - 0.08, f"{values[name].item():.4f}", ha="center", va="center",
                fontsize=9, zorder=3)
        if name in deltas:
            ax.text(px, py - 0.25, f"b={biases[name].item():+.1f}\n$\\delta$={deltas[name].item():.4f}",
                    ha="center", va="top", fontsize=9, color="tab:purple")
    ax.text(2.3, 0.5, f"目标 t = {t.item():.0f}\nE = {E.item():.4f}", ha="left", va="center", fontsize=10)
    ax.text(1, -0.7, "结点中的数：前向传播的值；紫色：偏置 b 和反向传播的 $\\delta$；"
            "边：蓝色为正权重，红色为负权重", ha="center", fontsize=9, color="dimgray")
    for col, title in enumerate(["输入层", "隐藏层（sigmoid）", "输出层（sigmoid）"]):
        ax.text(col, 1.35, title, ha="center", fontsize=11)
    ax.set_xlim(-0.4, 2.9)
    ax.set_ylim(-0.8, 1.5)
    ax.axis("off")
    return fig
# --8<-- [end:draw_network]
