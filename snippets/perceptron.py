"""感知机与反向传播 (perceptron and backpropagation): the code of docs/perceptron.md.

A sigmoid unit with one and with several outputs, its gradient derived by hand and
compared with autograd; backpropagation through a fixed 2-2-1 network, layer by
layer; one step of gradient descent by hand and with ``torch.optim.SGD``; two
pitfalls (non-leaf tensors given to an optimizer, all-zero initialisation). Every
weight and input is a fixed number, and results are shown rounded.
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
    """本章的 2-2-1 网络：输入 x、目标 y 和四个参数，每次调用都新建一份。"""
    x = torch.tensor([[1.0, 0.5]])             # 1 个样本、2 个输入：形状 (1, 2)
    y = torch.tensor([[1.0]])                  # 目标：形状 (1, 1)
    W1 = torch.tensor([[0.1, 0.4],
                       [-0.2, 0.3]], requires_grad=True)  # W1[i, j]：输入 i → 隐藏 j
    b1 = torch.tensor([0.1, -0.1], requires_grad=True)
    W2 = torch.tensor([[0.5],
                       [-0.6]], requires_grad=True)       # W2[j, 0]：隐藏 j → 输出
    b2 = torch.tensor([0.2], requires_grad=True)
    return x, y, [W1, b1, W2, b2]


def forward(x, W1, b1, W2, b2):
    """前向传播：返回隐藏层的输出 h 和网络的输出 ŷ。"""
    h = torch.sigmoid(x @ W1 + b1)             # 隐藏层，形状 (1, 2)
    y_hat = torch.sigmoid(h @ W2 + b2)         # 输出层，形状 (1, 1)
    return h, y_hat
# --8<-- [end:tiny_mlp]


__test__ = {
    "single-output": r"""
>>> # --8<-- [start:single-output]
>>> x = torch.tensor([[1.0, 2.0, -1.0]])     # 1 个样本、d = 3 个输入：形状 (1, 3)
>>> w = torch.tensor([[0.5],
...                   [-0.3],
...                   [0.6]], requires_grad=True)  # w[j, 0] 就是 w_j：形状 (3, 1)
>>> y = torch.tensor([[1.0]])                # 目标
>>> y_hat = torch.sigmoid(x @ w)             # (1, 3) @ (3, 1) -> (1, 1)
>>> round(y_hat.item(), 4)
0.3318
>>> loss = 0.5 * ((y_hat - y) ** 2).sum()    # ℓ = ½(ŷ − y)²
>>> round(loss.item(), 4)
0.2232
>>> loss.backward()
>>> with torch.no_grad():                    # 手算：(ŷ − y) ŷ (1 − ŷ) x_j
...     by_hand = (y_hat - y) * y_hat * (1 - y_hat) * x.t()
>>> torch.round(torch.cat([w.grad, by_hand], dim=1), decimals=4)  # 左 autograd，右手算
tensor([[-0.1481, -0.1481],
        [-0.2963, -0.2963],
        [ 0.1481,  0.1481]])
>>> # --8<-- [end:single-output]
""",
    "factor-two": r"""
>>> # --8<-- [start:factor-two]
>>> x = torch.tensor([[1.0, 2.0, -1.0]])     # 与上面相同的 x、w、y
>>> w = torch.tensor([[0.5], [-0.3], [0.6]], requires_grad=True)
>>> y = torch.tensor([[1.0]])
>>> y_hat = torch.sigmoid(x @ w)
>>> ((y_hat - y) ** 2).sum().backward()      # ℓ = (ŷ − y)²：没有 ½
>>> with torch.no_grad():
...     wrong = (y_hat - y) * y_hat * (1 - y_hat) * x.t()      # 漏了系数 2
...     right = 2 * (y_hat - y) * y_hat * (1 - y_hat) * x.t()  # 2 (ŷ − y) ŷ (1 − ŷ) x_j
>>> torch.round(torch.cat([w.grad, wrong, right], dim=1), decimals=4)
tensor([[-0.2963, -0.1481, -0.2963],
        [-0.5926, -0.2963, -0.5926],
        [ 0.2963,  0.1481,  0.2963]])
>>> w.grad = None                            # 清掉梯度，否则下一次会累加上去
>>> F.mse_loss(torch.sigmoid(x @ w), y).backward()  # 均方误差：也没有 ½
>>> torch.round(w.grad.t(), decimals=4)      # 与 right 相同
tensor([[-0.2963, -0.5926,  0.2963]])
>>> # --8<-- [end:factor-two]
""",
    "multi-output": r"""
>>> # --8<-- [start:multi-output]
>>> x = torch.tensor([[1.0, 2.0, -1.0]])     # (1, 3)
>>> W = torch.tensor([[0.5, -0.2],
...                   [-0.3, 0.4],
...                   [0.6, 0.1]], requires_grad=True)  # W[j, k] 就是 w_jk：(3, 2)
>>> y = torch.tensor([[1.0, 0.0]])           # 每个输出一个目标：与 ŷ 同形状 (1, 2)
>>> y_hat = torch.sigmoid(x @ W)
>>> torch.round(y_hat.detach(), decimals=4)
tensor([[0.3318, 0.6225]])
>>> (0.5 * ((y_hat - y) ** 2).sum()).backward()  # ℓ = ½ Σ_k (ŷ_k − y_k)²
>>> with torch.no_grad():
...     delta = (y_hat - y) * y_hat * (1 - y_hat)  # 每个输出一个 δ_k：形状 (1, 2)
...     by_hand = x.t() @ delta              # (3, 1) @ (1, 2) -> (3, 2)
>>> torch.round(delta, decimals=4)
tensor([[-0.1481,  0.1463]])
>>> torch.round(W.grad, decimals=4)          # autograd
tensor([[-0.1481,  0.1463],
        [-0.2963,  0.2926],
        [ 0.1481, -0.1463]])
>>> torch.round(by_hand, decimals=4)         # 手算：第 j 行第 k 列是 x_j δ_k
tensor([[-0.1481,  0.1463],
        [-0.2963,  0.2926],
        [ 0.1481, -0.1463]])
>>> # --8<-- [end:multi-output]
""",
    "mlp-forward": r"""
>>> # --8<-- [start:mlp-forward]
>>> x, y, (W1, b1, W2, b2) = tiny_mlp()
>>> h, y_hat = forward(x, W1, b1, W2, b2)
>>> torch.round(x @ W1 + b1, decimals=4).detach()  # 隐藏层的加权和 z⁽¹⁾
tensor([[0.1000, 0.4500]])
>>> torch.round(h.detach(), decimals=4)      # h = σ(z⁽¹⁾)
tensor([[0.5250, 0.6106]])
>>> torch.round(y_hat.detach(), decimals=4)  # ŷ = σ(h W⁽²⁾ + b⁽²⁾)
tensor([[0.5240]])
>>> loss = 0.5 * ((y_hat - y) ** 2).sum()    # ℓ = ½(ŷ − y)²
>>> round(loss.item(), 4)
0.1133
>>> # --8<-- [end:mlp-forward]
""",
    "mlp-backward": r"""
>>> # --8<-- [start:mlp-backward]
>>> x, y, (W1, b1, W2, b2) = tiny_mlp()
>>> h, y_hat = forward(x, W1, b1, W2, b2)
>>> (0.5 * ((y_hat - y) ** 2).sum()).backward()  # autograd：梯度存进 W1.grad……
>>> with torch.no_grad():                    # 手算：从输出层往回
...     delta2 = (y_hat - y) * y_hat * (1 - y_hat)  # 输出层的 δ，形状 (1, 1)
...     delta1 = (delta2 @ W2.t()) * h * (1 - h)    # 隐藏层的 δ，形状 (1, 2)
...     grad_W2, grad_W1 = h.t() @ delta2, x.t() @ delta1
>>> torch.round(delta2, decimals=4), torch.round(delta1, decimals=4)
(tensor([[-0.1187]]), tensor([[-0.0148,  0.0169]]))
>>> torch.round(torch.cat([W2.grad, grad_W2], dim=1), decimals=4)  # 左 autograd，右手算
tensor([[-0.0623, -0.0623],
        [-0.0725, -0.0725]])
>>> torch.round(torch.cat([W1.grad, grad_W1], dim=1), decimals=4)  # 左两列 autograd
tensor([[-0.0148,  0.0169, -0.0148,  0.0169],
        [-0.0074,  0.0085, -0.0074,  0.0085]])
>>> torch.round(torch.cat([b1.grad, b2.grad]), decimals=4)  # 偏置的梯度就是 δ
tensor([-0.0148,  0.0169, -0.1187])
>>> # --8<-- [end:mlp-backward]
""",
    "sgd-step": r"""
>>> # --8<-- [start:sgd-step]
>>> lr = 0.5                                 # 学习率 η
>>> x, y, by_hand = tiny_mlp()               # 两份相同的网络：一份手动更新
>>> _, _, by_sgd = tiny_mlp()                # 另一份交给 torch.optim.SGD
>>> for params in (by_hand, by_sgd):
...     h, y_hat = forward(x, *params)
...     (0.5 * ((y_hat - y) ** 2).sum()).backward()
>>> with torch.no_grad():                    # 更新参数不需要记录计算图
...     for p in by_hand:
...         p -= lr * p.grad                 # θ ← θ − η ∂ℓ/∂θ，原地修改
>>> optimizer = torch.optim.SGD(by_sgd, lr=lr)
>>> optimizer.step()                         # 对每个参数做同样的更新
>>> torch.round(torch.cat([by_hand[2], by_sgd[2]], dim=1).detach(), decimals=4)
tensor([[ 0.5312,  0.5312],
        [-0.5638, -0.5638]])
>>> with torch.no_grad():
...     _, y_hat_new = forward(x, *by_sgd)
>>> round((0.5 * ((y_hat_new - y) ** 2).sum()).item(), 4)  # 更新前是 0.1133
0.1015
>>> # --8<-- [end:sgd-step]
""",
    "leaf": r"""
>>> # --8<-- [start:leaf]
>>> w = torch.ones(2, requires_grad=True) * 0.01  # 乘法的结果：不是叶子张量
>>> w.is_leaf, w.grad_fn.name()
(False, 'MulBackward0')
>>> torch.optim.SGD([w], lr=0.1)
Traceback (most recent call last):
    ...
ValueError: can't optimize a non-leaf Tensor
>>> w = (torch.ones(2) * 0.01).requires_grad_()  # 先算好初始值，再要求梯度
>>> w.is_leaf, w
(True, tensor([0.0100, 0.0100], requires_grad=True))
>>> w = nn.Parameter(torch.ones(2) * 0.01)   # 或者包成 nn.Parameter
>>> w.is_leaf, w.requires_grad
(True, True)
>>> optimizer = torch.optim.SGD([w], lr=0.1)  # 现在可以交给优化器了
>>> # --8<-- [end:leaf]
""",
    "zero-init": r"""
>>> # --8<-- [start:zero-init]
>>> x, y, params = tiny_mlp()
>>> with torch.no_grad():
...     for p in params:
...         _ = p.zero_()                    # 所有权重和偏置都初始化为 0
>>> h, y_hat = forward(x, *params)
>>> h                                        # 两个隐藏单元的输出相同
tensor([[0.5000, 0.5000]], grad_fn=<SigmoidBackward0>)
>>> (0.5 * ((y_hat - y) ** 2).sum()).backward()
>>> params[2].grad                           # W2 的两个梯度也相同
tensor([[-0.0625],
        [-0.0625]])
>>> params[0].grad                           # W1 的梯度全为 0：W2 = 0，δ 传不回来
tensor([[0., 0.],
        [0., 0.]])
>>> optimizer = torch.optim.SGD(params, lr=0.5)
>>> for _ in range(100):                     # 训练 100 步
...     optimizer.zero_grad()
...     h, y_hat = forward(x, *params)
...     (0.5 * ((y_hat - y) ** 2).sum()).backward()
...     optimizer.step()
>>> torch.round(params[0].detach(), decimals=2)  # W1 学到了非零值，但两列始终相同
tensor([[0.1300, 0.1300],
        [0.0600, 0.0600]])
>>> # --8<-- [end:zero-init]
""",
    "exercise-tanh": r"""
>>> # --8<-- [start:exercise-tanh]
>>> x = torch.tensor([[1.0, 2.0, -1.0]])
>>> w = torch.tensor([[0.5], [-0.3], [0.6]], requires_grad=True)
>>> y = torch.tensor([[1.0]])
>>> y_hat = torch.tanh(x @ w)                # 激活函数换成 tanh
>>> (0.5 * ((y_hat - y) ** 2).sum()).backward()
>>> with torch.no_grad():                    # tanh' = 1 − tanh²
...     by_hand = (y_hat - y) * (1 - y_hat ** 2) * x.t()
>>> torch.round(torch.cat([w.grad, by_hand], dim=1), decimals=4)  # 左 autograd，右手算
tensor([[-1.0184, -1.0184],
        [-2.0367, -2.0367],
        [ 1.0184,  1.0184]])
>>> # --8<-- [end:exercise-tanh]
""",
    "exercise-batch": r"""
>>> # --8<-- [start:exercise-batch]
>>> _, _, (W1, b1, W2, b2) = tiny_mlp()
>>> X = torch.tensor([[1.0, 0.5],
...                   [-1.0, 2.0]])          # B = 2 个样本
>>> Y = torch.tensor([[1.0],
...                   [0.0]])
>>> H, Y_hat = forward(X, W1, b1, W2, b2)    # H 形状 (2, 2)，Y_hat 形状 (2, 1)
>>> (0.5 * (Y_hat - Y) ** 2).mean().backward()  # L：B 个 ℓ 的平均
>>> with torch.no_grad():                    # 取平均：每个样本的 δ 都除以 B
...     delta2 = (Y_hat - Y) * Y_hat * (1 - Y_hat) / len(X)
...     delta1 = (delta2 @ W2.t()) * H * (1 - H)  # 形状 (2, 2)：每个样本一行
>>> torch.round(torch.stack([b1.grad, delta1.sum(0)]), decimals=4)  # 对样本求和
tensor([[ 0.0004, -0.0013],
        [ 0.0004, -0.0013]])
>>> torch.round(torch.cat([W1.grad, X.t() @ delta1], dim=1), decimals=4)
tensor([[-0.0152,  0.0182, -0.0152,  0.0182],
        [ 0.0119, -0.0152,  0.0119, -0.0152]])
>>> # --8<-- [end:exercise-batch]
""",
    "exercise-symmetry": r"""
>>> # --8<-- [start:exercise-symmetry]
>>> x, y, params = tiny_mlp()
>>> W1, b1, W2, b2 = params
>>> with torch.no_grad():
...     for p in (W1, W2, b2):
...         _ = p.zero_()                    # 权重为 0，只有 b1 = (0.1, -0.1) 不同
>>> optimizer = torch.optim.SGD(params, lr=0.5)
>>> for _ in range(100):
...     optimizer.zero_grad()
...     h, y_hat = forward(x, *params)
...     (0.5 * ((y_hat - y) ** 2).sum()).backward()
...     optimizer.step()
>>> torch.round(W1.detach(), decimals=2)     # 两列不再相同
tensor([[0.1300, 0.1200],
        [0.0700, 0.0600]])
>>> torch.round(W2.detach().t(), decimals=2)
tensor([[0.7900, 0.7200]])
>>> # --8<-- [end:exercise-symmetry]
""",
}


# --8<-- [start:draw_network]
def draw_network() -> Figure:
    """画出 2-2-1 网络：边上是权重，结点里是前向传播的值、偏置和反向传播的 δ。"""
    x, y, (W1, b1, W2, b2) = tiny_mlp()
    h, y_hat = forward(x, W1, b1, W2, b2)
    loss = 0.5 * ((y_hat - y) ** 2).sum()
    with torch.no_grad():
        delta2 = (y_hat - y) * y_hat * (1 - y_hat)
        delta1 = (delta2 @ W2.t()) * h * (1 - h)
    pos = {"x1": (0, 1), "x2": (0, 0), "h1": (1, 1), "h2": (1, 0), "y": (2, 0.5)}
    fig = Figure(figsize=(9, 4.6))
    ax = fig.subplots()
    edges = [(f"x{i + 1}", f"h{j + 1}", W1[i, j].item())
             for i in range(2) for j in range(2)]
    edges += [(f"h{j + 1}", "y", W2[j, 0].item()) for j in range(2)]
    for start, end, weight in edges:
        (x0, y0), (x1, y1) = pos[start], pos[end]
        color = "tab:blue" if weight > 0 else "tab:red"
        ax.plot([x0, x1], [y0, y1], color=color, lw=1.5, zorder=1)
        # 权重写在从起点算起 40% 处，交叉的两条边上的数字不会重叠
        lx, ly = x0 + 0.4 * (x1 - x0), y0 + 0.4 * (y1 - y0)
        ax.text(lx, ly, f"w={weight:+.1f}", ha="center", va="center", fontsize=10,
                bbox=dict(boxstyle="round", fc="white", ec="none"))
    values = {"x1": x[0, 0], "x2": x[0, 1], "h1": h[0, 0], "h2": h[0, 1],
              "y": y_hat[0, 0]}
    deltas = {"h1": delta1[0, 0], "h2": delta1[0, 1], "y": delta2[0, 0]}
    biases = {"h1": b1[0], "h2": b1[1], "y": b2[0]}
    labels = {"x1": "$x_1$", "x2": "$x_2$", "h1": "$h_1$", "h2": "$h_2$",
              "y": r"$\hat{y}$"}
    for name, (px, py) in pos.items():
        ax.scatter([px], [py], s=2200, color="white", edgecolors="black", zorder=2)
        ax.text(px, py + 0.05, labels[name], ha="center", va="center", fontsize=13,
                zorder=3)
        ax.text(px, py - 0.08, f"{values[name].item():.4f}", ha="center",
                va="center", fontsize=9, zorder=3)
        if name in deltas:
            note = (f"b={biases[name].item():+.1f}\n"
                    f"$\\delta$={deltas[name].item():.4f}")
            ax.text(px, py - 0.25, note, ha="center", va="top", fontsize=9,
                    color="tab:purple")
    ax.text(2.3, 0.5, f"目标 y = {y.item():.0f}\n损失 ℓ = {loss.item():.4f}",
            ha="left", va="center", fontsize=10)
    ax.text(1, -0.7, "结点中的数：前向传播的值；紫色：偏置 b 和反向传播的 $\\delta$；"
            "边：蓝色为正权重，红色为负权重", ha="center", fontsize=9, color="dimgray")
    for col, title in enumerate(["输入层", "隐藏层（sigmoid）", "输出层（sigmoid）"]):
        ax.text(col, 1.35, title, ha="center", fontsize=11)
    ax.set_xlim(-0.4, 2.9)
    ax.set_ylim(-0.8, 1.5)
    ax.axis("off")
    return fig
# --8<-- [end:draw_network]
