"""激活函数与损失 (activations and losses): the code of docs/activations.md.

Each entry of ``__test__`` is one section of the page, run by pytest as a doctest on
the CPU and on CUDA. Every input is fixed (no random numbers), and floating-point
results are shown rounded to 4 decimals or compared with ``torch.allclose``, so the
expected text is the same on both devices.
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
>>> torch.sigmoid(x)                         # 压到 (0, 1)；sigmoid(0) = 0.5
tensor([0.1192, 0.2689, 0.5000, 0.7311, 0.8808])
>>> torch.tanh(x)                            # 压到 (-1, 1)，关于原点对称
tensor([-0.9640, -0.7616,  0.0000,  0.7616,  0.9640])
>>> torch.relu(x)                            # max(0, x)：负数变 0，正数不变
tensor([0., 0., 0., 1., 2.])
>>> F.relu(x)                                # 函数式写法，与 torch.relu 相同
tensor([0., 0., 0., 1., 2.])
>>> relu = nn.ReLU()                         # 模块写法：可以放进 nn.Sequential
>>> relu(x)
tensor([0., 0., 0., 1., 2.])
>>> torch.equal(nn.Sigmoid()(x), torch.sigmoid(x)), torch.equal(nn.Tanh()(x), torch.tanh(x))
(True, True)
>>> torch.allclose(torch.tanh(x), 2 * torch.sigmoid(2 * x) - 1)  # tanh(x) = 2σ(2x) − 1
True
>>> # --8<-- [end:activations]
""",
    "derivatives": r"""
>>> # --8<-- [start:derivatives]
>>> x = torch.tensor([-2.0, -1.0, 0.0, 1.0, 2.0], requires_grad=True)
>>> s = torch.sigmoid(x)
>>> (ds,) = torch.autograd.grad(s.sum(), x)  # s_i 只依赖 x_i：对和求导就得到逐元素导数
>>> torch.round(ds, decimals=4)              # 最大只有 0.25，在 x = 0 处
tensor([0.1050, 0.1966, 0.2500, 0.1966, 0.1050])
>>> torch.allclose(ds, s * (1 - s))          # σ'(x) = σ(x)(1 − σ(x))
True
>>> th = torch.tanh(x)
>>> (dth,) = torch.autograd.grad(th.sum(), x)
>>> torch.round(dth, decimals=4)             # 最大是 1，在 x = 0 处
tensor([0.0707, 0.4200, 1.0000, 0.4200, 0.0707])
>>> torch.allclose(dth, 1 - th ** 2)         # tanh'(x) = 1 − tanh²(x)
True
>>> (dr,) = torch.autograd.grad(torch.relu(x).sum(), x)
>>> dr                                       # 阶跃函数；x = 0 处 PyTorch 取 0
tensor([0., 0., 0., 1., 1.])
>>> torch.equal(dr, (x > 0).float())
True
>>> big = torch.tensor([10.0], requires_grad=True)
>>> (d10,) = torch.autograd.grad(torch.sigmoid(big).sum(), big)
>>> d10.item() < 1e-4                        # 饱和区：梯度几乎为 0
True
>>> # --8<-- [end:derivatives]
""",
    "mse": r"""
>>> # --8<-- [start:mse]
>>> pred = torch.tensor([2.5, 0.0, 2.0])     # 模型的预测
>>> target = torch.tensor([3.0, -0.5, 2.0])  # 真实值
>>> F.mse_loss(pred, target)                 # 参数顺序：先 input（预测），后 target
tensor(0.1667)
>>> ((pred - target) ** 2).mean()            # 默认 reduction="mean"：对元素取平均
tensor(0.1667)
>>> F.mse_loss(pred, target, reduction="sum")  # 只求和、不平均
tensor(0.5000)
>>> nn.MSELoss()(pred, target)               # 模块写法
tensor(0.1667)
>>> # --8<-- [end:mse]
""",
    "mse-grad": r"""
>>> # --8<-- [start:mse-grad]
>>> pred = torch.tensor([2.5, 0.0, 2.0], requires_grad=True)
>>> target = torch.tensor([3.0, -0.5, 2.0])
>>> F.mse_loss(pred, target).backward()
>>> pred.grad
tensor([-0.3333,  0.3333,  0.0000])
>>> 2 * (pred.detach() - target) / pred.numel()  # 2(ŷ − y)/N：预测偏小，梯度为负
tensor([-0.3333,  0.3333,  0.0000])
>>> x = torch.tensor([1.0, 2.0, 3.0])        # 线性模型 ŷ = w·x 的输入
>>> y = torch.tensor([2.0, 4.0, 5.0])
>>> w = torch.tensor(1.5, requires_grad=True)  # 参数必须是浮点数才能求梯度
>>> loss = F.mse_loss(x * w, y)
>>> (dw,) = torch.autograd.grad(loss, [w])   # 返回一个元组，每个输入一个梯度
>>> dw
tensor(-2.6667)
>>> (2 * (w.detach() * x - y) * x).mean()    # 链式法则：∂L/∂w = (2/N) Σ (ŷ_i − y_i) x_i
tensor(-2.6667)
>>> # --8<-- [end:mse-grad]
""",
    "softmax": r"""
>>> # --8<-- [start:softmax]
>>> z = torch.tensor([[1.0, 2.0, 3.0],
...                   [1.0, 1.0, 1.0]])      # 2 个样本，每行 3 个类别的得分
>>> p = torch.softmax(z, dim=1)              # 沿类别那一维：每行各做一次 softmax
>>> p
tensor([[0.0900, 0.2447, 0.6652],
        [0.3333, 0.3333, 0.3333]])
>>> torch.allclose(p.sum(dim=1), torch.ones(2))  # 每行之和为 1
True
>>> p.argmax(dim=1), z.argmax(dim=1)         # 不改变大小顺序
(tensor([2, 0]), tensor([2, 0]))
>>> torch.softmax(z, dim=0)                  # dim 写错：变成每列之和为 1
tensor([[0.5000, 0.7311, 0.8808],
        [0.5000, 0.2689, 0.1192]])
>>> torch.allclose(torch.softmax(z - 100, dim=1), p)  # 每行减去同一个数，结果不变
True
>>> # --8<-- [end:softmax]
""",
    "softmax-jacobian": r"""
>>> # --8<-- [start:softmax-jacobian]
>>> z = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
>>> p = torch.softmax(z, dim=0)
>>> J = torch.autograd.functional.jacobian(lambda v: torch.softmax(v, dim=0), z)
>>> J.shape                                  # J[i, j] = ∂p_i / ∂z_j
torch.Size([3, 3])
>>> torch.round(J, decimals=4)
tensor([[ 0.0819, -0.0220, -0.0599],
        [-0.0220,  0.1848, -0.1628],
        [-0.0599, -0.1628,  0.2227]])
>>> pd = p.detach()
>>> torch.allclose(J, torch.diag(pd) - torch.outer(pd, pd))  # p_i(δ_ij − p_j)
True
>>> (row1,) = torch.autograd.grad(p[1], z)   # 只对 p_1 求导：得到 J 的第 1 行
>>> torch.allclose(row1, J[1])
True
>>> # --8<-- [end:softmax-jacobian]
""",
    "cross-entropy": r"""
>>> # --8<-- [start:cross-entropy]
>>> logits = torch.tensor([[2.0, 1.0, 0.1],
...                        [0.5, 2.5, 0.3]])  # 2 个样本、3 个类别的原始得分（未经 softmax）
>>> target = torch.tensor([0, 1])            # 每个样本的类别下标，int64
>>> F.cross_entropy(logits, target)          # 参数顺序：先 logits，后 target
tensor(0.3185)
>>> F.nll_loss(F.log_softmax(logits, dim=1), target)  # 等价的两步写法
tensor(0.3185)
>>> p = torch.softmax(logits, dim=1)
>>> -torch.log(p[torch.arange(2), target]).mean()  # 手算：−log softmax(z)_y，再对批平均
tensor(0.3185)
>>> F.cross_entropy(logits, target, reduction="none")  # 每个样本各自的损失
tensor([0.4170, 0.2200])
>>> onehot = F.one_hot(target, num_classes=3).float()
>>> F.cross_entropy(logits, onehot)          # target 也可以是每行和为 1 的概率（float）
tensor(0.3185)
>>> nn.CrossEntropyLoss()(logits, target)    # 模块写法
tensor(0.3185)
>>> z = logits.clone().requires_grad_()
>>> F.cross_entropy(z, target).backward()
>>> torch.allclose(z.grad, (p - onehot) / 2)  # 对 logits 的梯度：(softmax(z) − onehot(y)) / N
True
>>> # --8<-- [end:cross-entropy]
""",
    "softmax-twice": r"""
>>> # --8<-- [start:softmax-twice]
>>> logits = torch.tensor([[2.0, 1.0, 0.1],
...                        [0.5, 2.5, 0.3]])
>>> target = torch.tensor([0, 1])
>>> F.cross_entropy(logits, target)          # 正确：直接交给 logits
tensor(0.3185)
>>> probs = torch.softmax(logits, dim=1)
>>> F.cross_entropy(probs, target)           # 错误：cross_entropy 内部还会再做一次 softmax
tensor(0.7450)
>>> F.cross_entropy(torch.tensor([[1.0, 0.0, 0.0]]), torch.tensor([0]))  # 即使“完全预测对”也降不到 0
tensor(0.5514)
>>> # --8<-- [end:softmax-twice]
""",
    "logsumexp": r"""
>>> # --8<-- [start:logsumexp]
>>> z = torch.tensor([1000.0, 1001.0])
>>> torch.exp(z)                             # float32 最大约 3.4e38，e^1000 溢出成 inf
tensor([inf, inf])
>>> torch.exp(z) / torch.exp(z).sum()        # 朴素 softmax：inf / inf = nan
tensor([nan, nan])
>>> torch.softmax(z, dim=0)                  # 内部先减去最大值，稳定
tensor([0.2689, 0.7311])
>>> e = torch.exp(z - z.max())               # 手动减最大值，与 torch.softmax 相同
>>> e / e.sum()
tensor([0.2689, 0.7311])
>>> torch.log(torch.exp(z).sum())            # 朴素的 log-sum-exp 也溢出
tensor(inf)
>>> round(torch.logsumexp(z, dim=0).item(), 3)  # = 1001 + log(1 + e^(-1))
1001.313
>>> F.cross_entropy(z.unsqueeze(0), torch.tensor([0]))  # logits 很大也没问题
tensor(1.3133)
>>> small = torch.tensor([0.0, 200.0])
>>> torch.log(torch.softmax(small, dim=0))   # e^(-200) 下溢成 0，log(0) = -inf
tensor([-inf, 0.])
>>> F.log_softmax(small, dim=0)              # 直接算 log softmax：精确
tensor([-200.,    0.])
>>> # --8<-- [end:logsumexp]
""",
}


# --8<-- [start:draw_activations]
def draw_activations() -> Figure:
    """Draw sigmoid, tanh and ReLU with their derivatives, computed by autograd."""
    activations = [("sigmoid", torch.sigmoid), ("tanh", torch.tanh), ("ReLU", torch.relu)]
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
