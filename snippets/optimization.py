"""梯度下降与优化 (optimization): the code of docs/optimization.md.

Each entry of ``__test__`` is one section of the page, run by pytest as a doctest on
the CPU and on CUDA. Every example starts from fixed points and uses no randomness;
results are printed rounded, so that the last bits, which may differ between the
CPU and the GPU, never show.
"""

__cuda__ = "default-device"

# --8<-- [start:imports]
import math

import matplotlib
import torch
from matplotlib.figure import Figure

# 图中的中文：用下面列出的、本机装有的第一个中文字体
matplotlib.rcParams["font.sans-serif"] = [
    "Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC",
    "WenQuanYi Zen Hei", "Microsoft YaHei", "SimHei", "PingFang SC",
    "Heiti SC", "Arial Unicode MS", "DejaVu Sans"]
matplotlib.rcParams["axes.unicode_minus"] = False  # 有的中文字体没有数学负号 −

# --8<-- [end:imports]

__test__ = {
    "gd-1d": r"""
>>> # --8<-- [start:gd-1d]
>>> x = torch.tensor(0.0, requires_grad=True)  # 起点 x⁰ = 0
>>> lr = 0.1                                 # 学习率 α
>>> for step in range(100):
...     loss = (x - 3) ** 2                  # f(x) = (x - 3)²
...     loss.backward()                      # 求出 x.grad = f'(x) = 2(x - 3)
...     with torch.no_grad():                # 更新参数不是模型的一部分：不记录计算图
...         x -= lr * x.grad                 # x ← x - α·f'(x)，原地修改
...     x.grad = None                        # 清掉梯度，否则下一次 backward 会累加到旧梯度上
...     if step < 3:
...         print(step, round(x.item(), 4))
0 0.6
1 1.08
2 1.464
>>> round(x.item(), 4), x.is_leaf            # 收敛到 3；x 仍是叶子张量
(3.0, True)
>>> # --8<-- [end:gd-1d]
""",
    "gd-2d": r"""
>>> # --8<-- [start:gd-2d]
>>> def bowl(p):                             # f(x, y) = (x - 1)² + 2(y + 2)²，最低点 (1, -2)
...     return (p[0] - 1) ** 2 + 2 * (p[1] + 2) ** 2
>>> p = torch.tensor([-3.0, 3.0], requires_grad=True)
>>> for step in range(100):
...     loss = bowl(p)
...     loss.backward()
...     if step == 0:
...         print(p.grad)                    # ∇f = (2(x - 1), 4(y + 2))，在 (-3, 3) 处
...     with torch.no_grad():
...         p -= 0.1 * p.grad                # 两个坐标同时沿负梯度方向走一步
...     p.grad = None
tensor([-8., 20.])
>>> [round(v, 4) for v in p.tolist()], round(bowl(p).item(), 6)
([1.0, -2.0], 0.0)
>>> # --8<-- [end:gd-2d]
""",
    "himmelblau-values": r"""
>>> # --8<-- [start:himmelblau-values]
>>> himmelblau(torch.tensor([0.0, 0.0]))     # 一个点：形状 (2,) -> 标量
tensor(170.)
>>> minima = torch.tensor(HIMMELBLAU_MINIMA)
>>> himmelblau(minima).shape                 # 一批点：(4, 2) -> (4,)
torch.Size([4])
>>> torch.round(himmelblau(minima), decimals=4)  # 四个最低点，函数值都是 0
tensor([0., 0., 0., 0.])
>>> xs = torch.linspace(-6, 6, 200)
>>> X, Y = torch.meshgrid(xs, xs, indexing="xy")  # 与 np.meshgrid 相同的顺序
>>> grid = torch.stack([X, Y], dim=-1)       # 200×200 个点，每个点 2 个坐标
>>> grid.shape, himmelblau(grid).shape
(torch.Size([200, 200, 2]), torch.Size([200, 200]))
>>> # --8<-- [end:himmelblau-values]
""",
    "optim-loop": r"""
>>> # --8<-- [start:optim-loop]
>>> p = torch.tensor([0.0, 0.0], requires_grad=True)
>>> optimizer = torch.optim.SGD([p], lr=0.01)  # 把要优化的张量（列表）交给优化器
>>> for step in range(200):
...     loss = himmelblau(p)
...     optimizer.zero_grad()                # 1. 清空上一步的梯度
...     loss.backward()                      # 2. 求出新的梯度 p.grad
...     optimizer.step()                     # 3. 更新：p ← p - lr·p.grad
>>> [round(v, 3) for v in p.tolist()], round(himmelblau(p).item(), 3)
([3.0, 2.0], 0.0)
>>> # --8<-- [end:optim-loop]
""",
    "optimize-path": r"""
>>> # --8<-- [start:optimize-path]
>>> path = optimize_path(torch.optim.SGD, (0.0, 0.0), 200, lr=0.01)
>>> path.shape                               # 起点 + 200 步之后的 200 个点
torch.Size([201, 2])
>>> torch.round(path[:2], decimals=3)        # 第一步：(0, 0) - 0.01·∇f(0, 0) = -0.01·(-14, -22)
tensor([[0.0000, 0.0000],
        [0.1400, 0.2200]])
>>> [round(v, 3) for v in path[-1].tolist()]  # 与上面手写的循环走到同一个点
[3.0, 2.0]
>>> optimize_path("Adam", (0.0, 0.0), 10)
Traceback (most recent call last):
    ...
ValueError: optimizer_class must be an optimizer class such as torch.optim.Adam (the class, not an instance or a name), got 'Adam'
>>> # --8<-- [end:optimize-path]
""",
    "himmelblau-optimizers": r"""
>>> # --8<-- [start:himmelblau-optimizers]
>>> starts = [(0.0, 0.0), (-1.0, 0.0), (-4.0, 0.0), (4.0, 0.0)]
>>> runs = {
...     "SGD": (torch.optim.SGD, dict(lr=0.01)),
...     "momentum": (torch.optim.SGD, dict(lr=0.001, momentum=0.9)),
...     "Adam": (torch.optim.Adam, dict(lr=0.1)),
... }
>>> for name, (optimizer_class, kwargs) in runs.items():
...     for start in starts:
...         end = optimize_path(optimizer_class, start, 300, **kwargs)[-1]
...         xy = [round(v, 3) for v in end.tolist()]
...         print(f"{name:8} {start} -> {xy}  f = {himmelblau(end).item():.3f}")
SGD      (0.0, 0.0) -> [3.0, 2.0]  f = 0.000
SGD      (-1.0, 0.0) -> [-2.805, 3.131]  f = 0.000
SGD      (-4.0, 0.0) -> [-3.779, -3.283]  f = 0.000
SGD      (4.0, 0.0) -> [3.584, -1.848]  f = 0.000
momentum (0.0, 0.0) -> [3.0, 2.0]  f = 0.000
momentum (-1.0, 0.0) -> [-2.805, 3.131]  f = 0.000
momentum (-4.0, 0.0) -> [-2.805, 3.131]  f = 0.000
momentum (4.0, 0.0) -> [3.584, -1.848]  f = 0.000
Adam     (0.0, 0.0) -> [3.0, 2.0]  f = 0.000
Adam     (-1.0, 0.0) -> [-2.805, 3.131]  f = 0.000
Adam     (-4.0, 0.0) -> [-3.779, -3.283]  f = 0.000
Adam     (4.0, 0.0) -> [3.584, -1.848]  f = 0.000
>>> # --8<-- [end:himmelblau-optimizers]
""",
    "learning-rate": r"""
>>> # --8<-- [start:learning-rate]
>>> def f(p):                                # f(x) = (x - 3)²；p 是形状 (1,) 的张量
...     return ((p - 3) ** 2).sum()
>>> for lr in (0.001, 0.1, 0.5, 0.9, 1.0, 1.1):
...     xs = optimize_path(torch.optim.SGD, [0.0], 20, fn=f, lr=lr)[:, 0].tolist()
...     first = [round(v, 3) for v in xs[1:4]]
...     print(f"lr={lr:<5}  x1..x3 = {first}  x20 = {xs[20]:.2f}")
lr=0.001  x1..x3 = [0.006, 0.012, 0.018]  x20 = 0.12
lr=0.1    x1..x3 = [0.6, 1.08, 1.464]  x20 = 2.97
lr=0.5    x1..x3 = [3.0, 3.0, 3.0]  x20 = 3.00
lr=0.9    x1..x3 = [5.4, 1.08, 4.536]  x20 = 2.97
lr=1.0    x1..x3 = [6.0, 0.0, 6.0]  x20 = 0.00
lr=1.1    x1..x3 = [6.6, -1.32, 8.184]  x20 = -112.01
>>> # --8<-- [end:learning-rate]
""",
    "nan-inf": r"""
>>> # --8<-- [start:nan-inf]
>>> x = torch.tensor([0.0], requires_grad=True)
>>> optimizer = torch.optim.SGD([x], lr=10.0)  # 对 f(x) = (x - 3)² 来说大得离谱
>>> for step in range(100):
...     loss = ((x - 3) ** 2).sum()
...     if not torch.isfinite(loss):         # inf 或 nan：立刻停下，不要再更新参数
...         print(f"step {step}: loss = {loss.item()}")
...         break
...     optimizer.zero_grad()
...     loss.backward()
...     optimizer.step()
step 15: loss = inf
>>> math.isfinite(loss.item()), torch.isfinite(x).all().item()  # loss 溢出了，x 还是有限的大数
(False, True)
>>> for step in range(16, 40):               # 假如不停下，继续更新……
...     loss = ((x - 3) ** 2).sum()
...     optimizer.zero_grad()
...     loss.backward()
...     optimizer.step()
>>> x.item(), loss.item()                    # x 溢出成 inf，inf - inf = nan，从此全是 nan
(nan, nan)
>>> def f(p):
...     return ((p - 3) ** 2).sum()
>>> optimize_path(torch.optim.SGD, [0.0], 100, fn=f, lr=10.0)  # optimize_path 也做了同样的检查
Traceback (most recent call last):
    ...
FloatingPointError: loss is inf at step 15: the optimisation diverged, try a smaller lr
>>> # --8<-- [end:nan-inf]
""",
    "momentum-formula": r"""
>>> # --8<-- [start:momentum-formula]
>>> lr, beta = 0.1, 0.9
>>> w, v = 0.0, 0.0                          # 参数与“速度”，都从 0 开始
>>> for k in range(3):
...     grad = 2 * (w - 3)                   # f(w) = (w - 3)² 的导数
...     v = beta * v + grad                  # v ← βv + ∇f(w)
...     w = w - lr * v                       # w ← w - αv
...     print(round(w, 4))
0.6
1.62
2.814
>>> def f(p):
...     return ((p - 3) ** 2).sum()
>>> path = optimize_path(torch.optim.SGD, [0.0], 3, fn=f, lr=0.1, momentum=0.9)
>>> [round(v, 4) for v in path[1:, 0].tolist()]  # PyTorch 的 SGD 走出同样的三步
[0.6, 1.62, 2.814]
>>> # --8<-- [end:momentum-formula]
""",
    "momentum-ravine": r"""
>>> # --8<-- [start:momentum-ravine]
>>> def ravine(p):                           # 狭长的山谷：y 方向的曲率是 x 方向的 100 倍
...     return p[..., 0] ** 2 + 100 * p[..., 1] ** 2
>>> for momentum in (0.0, 0.9):
...     path = optimize_path(torch.optim.SGD, (-5.0, 1.0), 500, fn=ravine,
...                          lr=0.009, momentum=momentum)
...     losses = ravine(path)                # path 形状 (501, 2)：一次算出每一步的 loss
...     first = (losses < 1e-4).nonzero()[0].item()  # 第一次 loss < 1e-4 是第几步
...     print(f"momentum={momentum}: loss < 1e-4 after {first} steps")
momentum=0.0: loss < 1e-4 after 343 steps
momentum=0.9: loss < 1e-4 after 127 steps
>>> # --8<-- [end:momentum-ravine]
""",
    "step-lr": r"""
>>> # --8<-- [start:step-lr]
>>> w = torch.tensor([0.0], requires_grad=True)
>>> optimizer = torch.optim.SGD([w], lr=0.1)
>>> scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=2, gamma=0.5)  # 每 2 个 epoch 减半
>>> for epoch in range(6):
...     lr = scheduler.get_last_lr()         # 这个 epoch 用的学习率（每个参数组一个）
...     loss = ((w - 3) ** 2).sum()          # 真实训练里，这里是一整个 epoch 的小批量循环
...     optimizer.zero_grad()
...     loss.backward()
...     optimizer.step()
...     scheduler.step()                     # 每个 epoch 末尾调用一次，在 optimizer.step() 之后
...     print(epoch, lr)
0 [0.1]
1 [0.1]
2 [0.05]
3 [0.05]
4 [0.025]
5 [0.025]
>>> optimizer.param_groups[0]["lr"]          # 学习率实际存放在优化器的参数组里
0.0125
>>> # --8<-- [end:step-lr]
""",
    "plateau": r"""
>>> # --8<-- [start:plateau]
>>> w = torch.tensor([0.0], requires_grad=True)
>>> optimizer = torch.optim.SGD([w], lr=0.1)
>>> scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(
...     optimizer, mode="min", factor=0.5, patience=2)
>>> val_losses = [1.0, 0.8, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.5]  # 从第 3 个 epoch 起不再下降
>>> for epoch, val_loss in enumerate(val_losses):
...     scheduler.step(val_loss)             # 传入这个 epoch 的验证集 loss
...     print(epoch, val_loss, scheduler.get_last_lr())
0 1.0 [0.1]
1 0.8 [0.1]
2 0.7 [0.1]
3 0.7 [0.1]
4 0.7 [0.1]
5 0.7 [0.05]
6 0.7 [0.05]
7 0.7 [0.05]
8 0.7 [0.025]
9 0.5 [0.025]
>>> torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode="min", verbose=True)
Traceback (most recent call last):
    ...
TypeError: ReduceLROnPlateau.__init__() got an unexpected keyword argument 'verbose'
>>> # --8<-- [end:plateau]
""",
    "weight-decay": r"""
>>> # --8<-- [start:weight-decay]
>>> w1 = torch.tensor([0.0, 1.0], requires_grad=True)
>>> w2 = torch.tensor([0.0, 1.0], requires_grad=True)
>>> opt1 = torch.optim.SGD([w1], lr=0.1, weight_decay=0.5)  # 写在优化器里
>>> opt2 = torch.optim.SGD([w2], lr=0.1)     # 写进损失：加上 (λ/2)·‖w‖²
>>> for step in range(100):
...     loss1 = ((w1 - 3) ** 2).sum()
...     loss2 = ((w2 - 3) ** 2).sum() + 0.5 / 2 * (w2 ** 2).sum()
...     for optimizer, loss in ((opt1, loss1), (opt2, loss2)):
...         optimizer.zero_grad()
...         loss.backward()
...         optimizer.step()
>>> torch.allclose(w1, w2)                   # 两种写法是同一件事
True
>>> [round(v, 3) for v in w1.tolist()]       # 最低点从 3 被拉向 0：2(w - 3) + 0.5w = 0，w = 2.4
[2.4, 2.4]
>>> # --8<-- [end:weight-decay]
""",
}


# --8<-- [start:himmelblau]
def himmelblau(p: torch.Tensor) -> torch.Tensor:
    """Himmelblau's function f(x, y) = (x² + y - 11)² + (x + y² - 7)².

    ``p`` holds points in its last dimension, shape (..., 2); the result has shape (...).
    """
    x, y = p[..., 0], p[..., 1]
    return (x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2


# Its four minima, where f = 0 (coordinates rounded to 6 decimals).
HIMMELBLAU_MINIMA = [(3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126)]
# --8<-- [end:himmelblau]


# --8<-- [start:draw_himmelblau_surface]
def draw_himmelblau_surface() -> Figure:
    """Draw Himmelblau's function as a 3-D surface over [-6, 6] × [-6, 6]."""
    xs = torch.linspace(-6, 6, 41)
    X, Y = torch.meshgrid(xs, xs, indexing="xy")
    Z = himmelblau(torch.stack([X, Y], dim=-1))
    fig = Figure(figsize=(7, 5.5))
    ax = fig.add_subplot(projection="3d")     # 3-D 坐标轴：不是 fig.gca(projection="3d")
    ax.plot_surface(X.cpu().numpy(), Y.cpu().numpy(), Z.cpu().numpy(),
                    cmap="viridis", linewidth=0)
    ax.view_init(elev=60, azim=-30)
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_zlabel("f(x, y)", labelpad=10)
    ax.set_title(r"Himmelblau 函数 $f(x,y)=(x^2+y-11)^2+(x+y^2-7)^2$")
    return fig
# --8<-- [end:draw_himmelblau_surface]


# --8<-- [start:optimize_path]
def optimize_path(optimizer_class, start, steps: int, *, fn=himmelblau, **optimizer_kwargs):
    """Minimise ``fn`` with ``optimizer_class`` from ``start``; return every point visited.

    ``fn`` maps a point (a 1-D tensor) to a scalar tensor; ``optimizer_kwargs`` (lr,
    momentum, ...) go to the optimizer. The result has shape (steps + 1, len(start)):
    row 0 is the start, row k the point after k steps. A loss that turns inf or nan
    stops the run with FloatingPointError.
    """
    if not (isinstance(optimizer_class, type) and issubclass(optimizer_class, torch.optim.Optimizer)):
        raise ValueError(
            "optimizer_class must be an optimizer class such as torch.optim.Adam "
            f"(the class, not an instance or a name), got {optimizer_class!r}"
        )
    try:
        point = torch.as_tensor(start, dtype=torch.float32)
    except (TypeError, ValueError, RuntimeError):
        point = None
    if point is None or point.dim() != 1 or point.numel() == 0:
        raise ValueError(f"start must be a point given as numbers, such as (0.0, 0.0) or [3.0], got {start!r}")
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 0:
        raise ValueError(f"steps must be an int >= 0 (the number of updates), got {steps!r}")
    point = point.detach().clone().requires_grad_(True)   # 不改动调用者传入的张量
    optimizer = optimizer_class([point], **optimizer_kwargs)
    path = [point.detach().clone()]
    for _ in range(steps):
        loss = fn(point)
        if not isinstance(loss, torch.Tensor) or loss.dim() != 0:
            raise ValueError("fn must return a scalar tensor (0-dim), such as ((p - 3) ** 2).sum()")
        if not math.isfinite(loss.item()):   # 发散了：停下，不让 inf/nan 污染参数
            raise FloatingPointError(f"loss is {loss.item()} at step {len(path) - 1}: "
                                     "the optimisation diverged, try a smaller lr")
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        path.append(point.detach().clone())
    return torch.stack(path)
# --8<-- [end:optimize_path]


# --8<-- [start:draw_himmelblau_paths]
def draw_himmelblau_paths() -> Figure:
    """Draw the paths of SGD, SGD with momentum and Adam on Himmelblau's contour plot."""
    starts = [(0.0, 0.0), (-1.0, 0.0), (-4.0, 0.0), (4.0, 0.0)]
    runs = [
        ("SGD，学习率 0.01", torch.optim.SGD, dict(lr=0.01)),
        ("SGD + 动量 0.9，学习率 0.001", torch.optim.SGD, dict(lr=0.001, momentum=0.9)),
        ("Adam，学习率 0.1", torch.optim.Adam, dict(lr=0.1)),
    ]
    xs = torch.linspace(-6, 6, 150)
    X, Y = torch.meshgrid(xs, xs, indexing="xy")
    Z = torch.log1p(himmelblau(torch.stack([X, Y], dim=-1)))   # 取对数，谷底才看得清
    minima = torch.tensor(HIMMELBLAU_MINIMA)
    fig = Figure(figsize=(13, 4.9), layout="constrained")
    axes = fig.subplots(1, 3, sharey=True)
    for ax, (title, optimizer_class, kwargs) in zip(axes, runs, strict=True):
        ax.contour(X.cpu().numpy(), Y.cpu().numpy(), Z.cpu().numpy(), levels=14,
                   colors="0.6", linewidths=0.6)
        for i, start in enumerate(starts):
            path = optimize_path(optimizer_class, start, 300, **kwargs).cpu().numpy()
            ax.plot(path[:, 0], path[:, 1], "-", color=f"C{i}", lw=1.5, label=f"起点 {start}")
            ax.plot(path[0, 0], path[0, 1], "o", color=f"C{i}", ms=6)
        ax.plot(minima[:, 0].cpu().numpy(), minima[:, 1].cpu().numpy(), "*", color="crimson",
                ms=14, mec="black", mew=0.6, ls="none", label="最小值点（f = 0）")
        ax.set_title(title)
        ax.set_xlim(-6, 6)
        ax.set_ylim(-6, 6)
        ax.set_aspect("equal")
        ax.set_xlabel("x")
    axes[0].set_ylabel("y")
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=5, frameon=False)
    return fig
# --8<-- [end:draw_himmelblau_paths]


# --8<-- [start:draw_learning_rates]
def draw_learning_rates() -> Figure:
    """Draw gradient descent on f(x) = (x - 3)² with a too small, a good and too large lr."""
    def f(p):
        return ((p - 3) ** 2).sum()

    runs = [(0.01, "太小"), (0.3, "合适"), (0.85, "振荡"), (1.05, "发散")]
    steps = 30
    fig = Figure(figsize=(11, 4), layout="constrained")
    ax_x, ax_loss = fig.subplots(1, 2)
    for i, (lr, verdict) in enumerate(runs):
        xs = optimize_path(torch.optim.SGD, [0.0], steps, fn=f, lr=lr)[:, 0]
        losses = (xs - 3) ** 2
        label = f"学习率 {lr}（{verdict}）"
        ax_x.plot(xs.cpu().numpy(), ".-", color=f"C{i}", label=label)
        ax_loss.semilogy(losses.cpu().numpy(), ".-", color=f"C{i}", label=label)
    ax_x.axhline(3, color="black", lw=0.8, ls="--")
    ax_x.set_ylim(-5, 11)
    ax_x.set_title(r"$x_k$（最小值点是 $x = 3$）")
    ax_loss.set_title(r"损失 $f(x_k) = (x_k - 3)^2$，对数坐标")
    for ax in (ax_x, ax_loss):
        ax.set_xlabel("迭代步数 k")
    ax_loss.set_ylim(1e-8, 1e5)
    handles, labels = ax_x.get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=4, frameon=False)
    return fig
# --8<-- [end:draw_learning_rates]


# --8<-- [start:draw_momentum]
def draw_momentum() -> Figure:
    """Draw SGD with and without momentum in the ravine f(x, y) = x² + 100y²."""
    def ravine(p):
        return p[..., 0] ** 2 + 100 * p[..., 1] ** 2

    xs, ys = torch.linspace(-5.5, 1.5, 150), torch.linspace(-1.2, 1.2, 150)
    X, Y = torch.meshgrid(xs, ys, indexing="xy")
    Z = ravine(torch.stack([X, Y], dim=-1))
    fig = Figure(figsize=(12, 4.2), layout="constrained")
    ax_path, ax_loss = fig.subplots(1, 2, width_ratios=[1.6, 1])
    ax_path.contour(X.cpu().numpy(), Y.cpu().numpy(), Z.cpu().numpy(),
                    levels=[0.5, 2, 5, 10, 20, 40, 80], colors="0.6", linewidths=0.6)
    for i, momentum in enumerate((0.0, 0.9)):
        path = optimize_path(torch.optim.SGD, (-5.0, 1.0), 300, fn=ravine, lr=0.009, momentum=momentum)
        label = f"SGD，学习率 0.009，动量 {momentum}"
        shown = path[:40].cpu().numpy()
        ax_path.plot(shown[:, 0], shown[:, 1], ".-", color=f"C{i}", lw=1, ms=4, label=label)
        ax_loss.semilogy(ravine(path).cpu().numpy(), color=f"C{i}", label=label)
    ax_path.plot(0, 0, "*", color="crimson", ms=14, mec="black", mew=0.6, ls="none", label="最小值点")
    ax_path.set_title(r"$f(x, y) = x^2 + 100\,y^2$：从 $(-5, 1)$ 出发的前 40 步")
    ax_path.set_xlabel("x")
    ax_path.set_ylabel("y")
    ax_path.legend(loc="lower right", fontsize=9)
    ax_loss.axhline(1e-4, color="black", lw=0.8, ls="--")
    ax_loss.set_ylim(1e-8, 1e3)
    ax_loss.set_title("损失，对数坐标（虚线：1e-4）")
    ax_loss.set_xlabel("迭代步数")
    return fig
# --8<-- [end:draw_momentum]
