"""激活函数与损失 (activations and losses): the code of docs/activations.md.

Each entry of ``__test__`` is one section of the page, run by pytest as a doctest on
the CPU and on CUDA. Every input is fixed (no random numbers), and floating-point
results are shown rounded (4 decimals, or 2 significant digits for tiny values), so
the expected text is the same on both devices.
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

__test__ = {
    "activations": r"""
>>> # --8<-- [start:activations]
>>> x = torch.tensor([-2.0, -1.0, 0.0, 1.0, 2.0])
>>> torch.sigmoid(x)                         # 压到 (0, 1)；σ(0) = 0.5
tensor([0.1192, 0.2689, 0.5000, 0.7311, 0.8808])
>>> torch.tanh(x)                            # 压到 (-1, 1)，关于原点对称
tensor([-0.9640, -0.7616,  0.0000,  0.7616,  0.9640])
>>> 2 * torch.sigmoid(2 * x) - 1             # tanh(x) = 2σ(2x) - 1
tensor([-0.9640, -0.7616,  0.0000,  0.7616,  0.9640])
>>> torch.relu(x)                            # max(0, x)：负数变 0，正数不变
tensor([0., 0., 0., 1., 2.])
>>> relu = nn.ReLU()                         # 模块写法：可以放进 nn.Sequential
>>> relu(x)
tensor([0., 0., 0., 1., 2.])
>>> # --8<-- [end:activations]
""",
    "sigmod-typo": r"""
>>> # --8<-- [start:sigmod-typo]
>>> x = torch.tensor([-2.0, -1.0, 0.0, 1.0, 2.0])
>>> torch.sigmod(x)
Traceback (most recent call last):
    ...
AttributeError: module 'torch' has no attribute 'sigmod'
>>> torch.sigmoid(x)
tensor([0.1192, 0.2689, 0.5000, 0.7311, 0.8808])
>>> # --8<-- [end:sigmod-typo]
""",
    "derivatives": r"""
>>> # --8<-- [start:derivatives]
>>> x = torch.tensor([-2.0, -1.0, 0.0, 1.0, 2.0], requires_grad=True)
>>> s = torch.sigmoid(x)
>>> (ds,) = torch.autograd.grad(s.sum(), x)  # s_i 只依赖 x_i：得到逐元素导数
>>> torch.round(ds, decimals=4)              # autograd：最大 0.25，在 x = 0 处
tensor([0.1050, 0.1966, 0.2500, 0.1966, 0.1050])
>>> torch.round(s * (1 - s), decimals=4).detach()  # 公式 σ(x)(1 - σ(x))
tensor([0.1050, 0.1966, 0.2500, 0.1966, 0.1050])
>>> th = torch.tanh(x)
>>> (dth,) = torch.autograd.grad(th.sum(), x)
>>> torch.round(dth, decimals=4)             # autograd：最大 1，在 x = 0 处
tensor([0.0707, 0.4200, 1.0000, 0.4200, 0.0707])
>>> torch.round(1 - th ** 2, decimals=4).detach()  # 公式 1 - tanh²(x)
tensor([0.0707, 0.4200, 1.0000, 0.4200, 0.0707])
>>> (dr,) = torch.autograd.grad(torch.relu(x).sum(), x)
>>> dr                                       # 阶跃函数；x = 0 处 PyTorch 取 0
tensor([0., 0., 0., 1., 1.])
>>> big = torch.tensor(10.0, requires_grad=True)
>>> (d10,) = torch.autograd.grad(torch.sigmoid(big), big)
>>> f"{d10.item():.1e}"                      # 饱和区：σ'(10) 几乎为 0
'4.5e-05'
>>> # --8<-- [end:derivatives]
""",
    "sigmoid-chain": r"""
>>> # --8<-- [start:sigmoid-chain]
>>> def chain(h, w, b, layers=10):
...     for _ in range(layers):              # 每层一个单元：h ← σ(w·h + b)
...         h = torch.sigmoid(w * h + b)
...     return h
>>> h0 = torch.tensor(0.5, requires_grad=True)
>>> (g,) = torch.autograd.grad(chain(h0, w=1.0, b=0.0), h0)
>>> f"{g.item():.1e}"                        # 每层的因子 σ'(z)·1 约为 0.22
'3.5e-07'
>>> (g,) = torch.autograd.grad(chain(h0, w=6.0, b=-3.0), h0)
>>> g                                        # 每层 z = 0：因子 σ'(0)·6 = 1.5
tensor(57.6650)
>>> 1.5 ** 10
57.6650390625
>>> # --8<-- [end:sigmoid-chain]
""",
    "mse": r"""
>>> # --8<-- [start:mse]
>>> y_hat = torch.tensor([2.5, 0.0, 2.0])    # 模型的预测
>>> y = torch.tensor([3.0, -0.5, 2.0])       # 真实值
>>> F.mse_loss(y_hat, y)                     # 先 input（预测），后 target（真实值）
tensor(0.1667)
>>> ((y_hat - y) ** 2).mean()                # 默认 reduction="mean"：取平均
tensor(0.1667)
>>> F.mse_loss(y_hat, y, reduction="none")   # 每个元素各自的 ℓ
tensor([0.2500, 0.2500, 0.0000])
>>> F.mse_loss(y_hat, y, reduction="sum")    # 只求和、不平均
tensor(0.5000)
>>> nn.MSELoss()(y_hat, y)                   # 模块写法
tensor(0.1667)
>>> # --8<-- [end:mse]
""",
    "argument-order": r"""
>>> # --8<-- [start:argument-order]
>>> y_hat = torch.tensor([2.5, 0.0, 2.0])
>>> y = torch.tensor([3.0, -0.5, 2.0])
>>> F.mse_loss(y, y_hat)                     # 顺序反了：MSE 对称，数值碰巧不变
tensor(0.1667)
>>> p = torch.tensor([0.9, 0.2])             # 模型预测“是正类”的概率
>>> label = torch.tensor([1.0, 0.0])         # 真实标签
>>> F.binary_cross_entropy(p, label)         # 正确：先预测，后标签
tensor(0.1643)
>>> F.binary_cross_entropy(label, p)         # 顺序反了：不报错，数值全错
tensor(15.0000)
>>> # --8<-- [end:argument-order]
""",
    "mse-grad": r"""
>>> # --8<-- [start:mse-grad]
>>> y_hat = torch.tensor([2.5, 0.0, 2.0], requires_grad=True)
>>> y = torch.tensor([3.0, -0.5, 2.0])
>>> F.mse_loss(y_hat, y).backward()
>>> y_hat.grad                               # autograd
tensor([-0.3333,  0.3333,  0.0000])
>>> 2 * (y_hat.detach() - y) / len(y)        # 公式 2(ŷ - y)/n：预测偏小处为负
tensor([-0.3333,  0.3333,  0.0000])
>>> x = torch.tensor([1.0, 2.0, 3.0])        # 线性模型 ŷ = w·x 的输入
>>> y = torch.tensor([2.0, 4.0, 5.0])
>>> w = torch.tensor(1.5, requires_grad=True)
>>> loss = F.mse_loss(w * x, y)
>>> (dw,) = torch.autograd.grad(loss, w)     # autograd
>>> dw
tensor(-2.6667)
>>> (2 * (w.detach() * x - y) * x).mean()    # 公式 (2/n) Σ (ŷ_i - y_i) x_i
tensor(-2.6667)
>>> # --8<-- [end:mse-grad]
""",
    "sign-mistake": r"""
>>> # --8<-- [start:sign-mistake]
>>> x = torch.tensor([1.0, 2.0, 3.0])
>>> y = torch.tensor([2.0, 4.0, 5.0])
>>> w = 1.5
>>> right = (2 * (w * x - y) * x).mean()     # 正确：2(ŷ - y)·x
>>> wrong = (2 * (y - w * x) * x).mean()     # 错误：2(y - ŷ)·x，少了负号
>>> right, wrong
(tensor(-2.6667), tensor(2.6667))
>>> lr = 0.1                                 # 学习率 η
>>> for g in [right, wrong]:                 # 各走一步 w ← w - η·g，看新的损失
...     print(round(F.mse_loss((w - lr * g) * x, y).item(), 4))
0.1207
1.543
>>> # --8<-- [end:sign-mistake]
""",
    "softmax": r"""
>>> # --8<-- [start:softmax]
>>> O = torch.tensor([[1.0, 2.0, 3.0],
...                   [1.0, 1.0, 1.0]])      # 2 个样本，每行 3 个类别的 logits
>>> P = torch.softmax(O, dim=1)              # 沿类别那一维：每行各做一次
>>> P
tensor([[0.0900, 0.2447, 0.6652],
        [0.3333, 0.3333, 0.3333]])
>>> P.sum(dim=1).round(decimals=4)           # 每行之和为 1
tensor([1., 1.])
>>> P.argmax(dim=1), O.argmax(dim=1)         # 不改变大小顺序
(tensor([2, 0]), tensor([2, 0]))
>>> torch.softmax(O - 100, dim=1)            # 每行减去同一个数，结果不变
tensor([[0.0900, 0.2447, 0.6652],
        [0.3333, 0.3333, 0.3333]])
>>> torch.softmax(O, dim=0)                  # dim 写错：变成每列之和为 1
tensor([[0.5000, 0.7311, 0.8808],
        [0.5000, 0.2689, 0.1192]])
>>> # --8<-- [end:softmax]
""",
    "softmax-jacobian": r"""
>>> # --8<-- [start:softmax-jacobian]
>>> o = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
>>> J = torch.autograd.functional.jacobian(lambda v: torch.softmax(v, dim=0), o)
>>> torch.round(J, decimals=4)               # autograd：J[i, j] = ∂ŷ_i / ∂o_j
tensor([[ 0.0819, -0.0220, -0.0599],
        [-0.0220,  0.1848, -0.1628],
        [-0.0599, -0.1628,  0.2227]])
>>> p = torch.softmax(o, dim=0).detach()
>>> torch.round(torch.diag(p) - torch.outer(p, p), decimals=4)  # 公式
tensor([[ 0.0819, -0.0220, -0.0599],
        [-0.0220,  0.1848, -0.1628],
        [-0.0599, -0.1628,  0.2227]])
>>> (row1,) = torch.autograd.grad(torch.softmax(o, dim=0)[1], o)  # 只对 ŷ_1 求导
>>> torch.round(row1, decimals=4)            # 得到 J 的第 1 行
tensor([-0.0220,  0.1848, -0.1628])
>>> # --8<-- [end:softmax-jacobian]
""",
    "cross-entropy": r"""
>>> # --8<-- [start:cross-entropy]
>>> O = torch.tensor([[2.0, 1.0, 0.1],
...                   [0.5, 2.5, 0.3]])      # 2 个样本、3 个类别的 logits
>>> y = torch.tensor([0, 1])                 # 每个样本的类别下标，int64
>>> F.cross_entropy(O, y)                    # 先 logits，后 target
tensor(0.3185)
>>> F.nll_loss(F.log_softmax(O, dim=1), y)   # 等价的两步写法
tensor(0.3185)
>>> P = torch.softmax(O, dim=1)
>>> -torch.log(P[torch.arange(2), y]).mean()  # 手算：-log ŷ_y，再对批平均
tensor(0.3185)
>>> F.cross_entropy(O, y, reduction="none")  # 每个样本各自的 ℓ
tensor([0.4170, 0.2200])
>>> Y = F.one_hot(y, num_classes=3).float()
>>> F.cross_entropy(O, Y)                    # target 也可以是每行和为 1 的概率
tensor(0.3185)
>>> nn.CrossEntropyLoss()(O, y)              # 模块写法
tensor(0.3185)
>>> Og = O.clone().requires_grad_()
>>> F.cross_entropy(Og, y).backward()
>>> torch.round(Og.grad, decimals=4)         # autograd：∂L/∂O
tensor([[-0.1705,  0.1212,  0.0493],
        [ 0.0543, -0.0988,  0.0445]])
>>> torch.round((P - Y) / 2, decimals=4)     # 公式 (ŷ - y)/B，这里 B = 2
tensor([[-0.1705,  0.1212,  0.0493],
        [ 0.0543, -0.0988,  0.0445]])
>>> # --8<-- [end:cross-entropy]
""",
    "entropy-mistake": r"""
>>> # --8<-- [start:entropy-mistake]
>>> o = torch.tensor([2.0, 1.0, 0.1], requires_grad=True)  # 一个样本的 logits
>>> y = torch.tensor([0.1, 0.8, 0.1])        # 标签：一组概率
>>> y_hat = torch.softmax(o, dim=0)
>>> -(y * torch.log(y)).sum()                # 错误：-Σ y log y，里面没有 ŷ
tensor(0.6390)
>>> -(y * torch.log(y_hat)).sum()            # 正确：-Σ y log ŷ
tensor(1.4070, grad_fn=<NegBackward0>)
>>> round(F.cross_entropy(o, y).item(), 4)  # 与 PyTorch 的交叉熵相同
1.407
>>> # --8<-- [end:entropy-mistake]
""",
    "softmax-twice": r"""
>>> # --8<-- [start:softmax-twice]
>>> O = torch.tensor([[2.0, 1.0, 0.1],
...                   [0.5, 2.5, 0.3]])
>>> y = torch.tensor([0, 1])
>>> F.cross_entropy(O, y)                    # 正确：直接交给 logits
tensor(0.3185)
>>> P = torch.softmax(O, dim=1)
>>> F.cross_entropy(P, y)                    # 错误：内部还会再做一次 softmax
tensor(0.7450)
>>> perfect = torch.tensor([[1.0, 0.0, 0.0]])  # 完全确信且预测对的“概率”
>>> F.cross_entropy(perfect, torch.tensor([0]))  # 损失也降不到 0
tensor(0.5514)
>>> # --8<-- [end:softmax-twice]
""",
    "logsumexp": r"""
>>> # --8<-- [start:logsumexp]
>>> o = torch.tensor([1000.0, 1001.0])
>>> torch.exp(o)                             # float32 最大约 3.4e38：溢出成 inf
tensor([inf, inf])
>>> torch.exp(o) / torch.exp(o).sum()        # 朴素 softmax：inf / inf = nan
tensor([nan, nan])
>>> torch.softmax(o, dim=0)                  # 内部先减去最大值，稳定
tensor([0.2689, 0.7311])
>>> e = torch.exp(o - o.max())               # 手动减最大值，与 torch.softmax 相同
>>> e / e.sum()
tensor([0.2689, 0.7311])
>>> torch.log(torch.exp(o).sum())            # 朴素的 log-sum-exp 也溢出
tensor(inf)
>>> round(torch.logsumexp(o, dim=0).item(), 3)  # = 1001 + log(1 + e^(-1))
1001.313
>>> F.cross_entropy(o.unsqueeze(0), torch.tensor([0]))  # logits 很大也没问题
tensor(1.3133)
>>> small = torch.tensor([0.0, 200.0])
>>> torch.log(torch.softmax(small, dim=0))   # e^(-200) 下溢成 0，log(0) = -inf
tensor([-inf, 0.])
>>> F.log_softmax(small, dim=0)              # 直接算 log softmax：精确
tensor([-200.,    0.])
>>> # --8<-- [end:logsumexp]
""",
    "exercise-tanh": r"""
>>> # --8<-- [start:exercise-tanh]
>>> x = torch.tensor([-2.0, 0.0, 1.0], requires_grad=True)
>>> (dth,) = torch.autograd.grad(torch.tanh(x).sum(), x)
>>> torch.round(dth, decimals=4)             # autograd
tensor([0.0707, 1.0000, 0.4200])
>>> s2 = torch.sigmoid(2 * x.detach())
>>> torch.round(4 * s2 * (1 - s2), decimals=4)  # 4σ'(2x)
tensor([0.0707, 1.0000, 0.4200])
>>> # --8<-- [end:exercise-tanh]
""",
    "exercise-uniform": r"""
>>> # --8<-- [start:exercise-uniform]
>>> for q in [2, 10, 1000]:
...     o = torch.zeros(1, q)                # q 个类别的 logits 全相等
...     ce = F.cross_entropy(o, torch.tensor([0])).item()
...     print(q, round(ce, 4), round(torch.tensor(float(q)).log().item(), 4))
2 0.6931 0.6931
10 2.3026 2.3026
1000 6.9078 6.9078
>>> # --8<-- [end:exercise-uniform]
""",
    "exercise-smoothing": r"""
>>> # --8<-- [start:exercise-smoothing]
>>> O = torch.tensor([[2.0, 1.0, 0.1],
...                   [0.5, 2.5, 0.3]])
>>> y = torch.tensor([0, 1])
>>> F.cross_entropy(O, y, label_smoothing=0.1)
tensor(0.4369)
>>> Y = 0.9 * F.one_hot(y, num_classes=3).float() + 0.1 / 3  # 平滑后的标签
>>> Y
tensor([[0.9333, 0.0333, 0.0333],
        [0.0333, 0.9333, 0.0333]])
>>> -(Y * F.log_softmax(O, dim=1)).sum(dim=1).mean()  # -Σ y log ŷ，再平均
tensor(0.4369)
>>> # --8<-- [end:exercise-smoothing]
""",
    "exercise-bce": r"""
>>> # --8<-- [start:exercise-bce]
>>> o = torch.tensor([3.0, -1.0, -200.0])    # 三个样本的 logit
>>> y = torch.tensor([1.0, 0.0, 1.0])
>>> F.binary_cross_entropy(torch.sigmoid(o), y, reduction="none")
tensor([4.8587e-02, 3.1326e-01, 1.0000e+02])
>>> F.binary_cross_entropy_with_logits(o, y, reduction="none")
tensor([4.8587e-02, 3.1326e-01, 2.0000e+02])
>>> # --8<-- [end:exercise-bce]
""",
}


# --8<-- [start:draw_activations]
def draw_activations() -> Figure:
    """画出 sigmoid、tanh、ReLU 和 autograd 求出的导数，各占一幅小图。"""
    activations = [("sigmoid", torch.sigmoid), ("tanh", torch.tanh),
                   ("ReLU", torch.relu)]
    fig = Figure(figsize=(11, 3.3), layout="constrained")
    for ax, (name, f) in zip(fig.subplots(1, 3, sharey=True), activations, strict=True):
        x = torch.linspace(-4, 4, 401, requires_grad=True)
        y = f(x)
        (dy,) = torch.autograd.grad(y.sum(), x)  # 每个 y_i 只依赖 x_i：得到逐点导数
        xs = x.detach().cpu().numpy()
        ax.plot(xs, y.detach().cpu().numpy(), lw=2, label=f"{name}(x)")
        ax.plot(xs, dy.cpu().numpy(), lw=2, ls="--", label="导数（autograd）")
        ax.axhline(0, color="gray", lw=0.8)
        ax.axvline(0, color="gray", lw=0.8)
        ax.set_title(name)
        ax.set_xlabel("x")
        ax.set_ylim(-1.2, 2.2)
        ax.grid(alpha=0.3)
        ax.legend(loc="upper left", fontsize=9)
    return fig
# --8<-- [end:draw_activations]
