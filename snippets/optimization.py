"""梯度下降与优化 (optimization): the code of docs/optimization.md.

Gradient descent by hand and with ``torch.optim``; SGD, momentum and Adam on
Himmelblau's function; learning rates that are too small or too large, and the
inf/nan of a diverging run; RMSProp and Adam written out and checked against
``torch.optim``; learning-rate schedulers. Every example starts from fixed points
and uses no randomness; results are shown rounded.
"""

__cuda__ = "default-device"

# --8<-- [start:imports]
import functools
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


# --8<-- [start:himmelblau]
def himmelblau(p: torch.Tensor) -> torch.Tensor:
    """Himmelblau 函数 f(x, y) = (x² + y - 11)² + (x + y² - 7)²。

    p 的最后一维是一个点的两个坐标，形状 (..., 2)；结果的形状是 (...)。
    """
    x, y = p[..., 0], p[..., 1]
    return (x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2


# 四个最低点，f = 0（坐标保留 6 位小数）
HIMMELBLAU_MINIMA = [(3.0, 2.0), (-2.805118, 3.131312),
                     (-3.779310, -3.283186), (3.584428, -1.848126)]
# --8<-- [end:himmelblau]


# --8<-- [start:draw_himmelblau_surface]
def draw_himmelblau_surface() -> Figure:
    """Himmelblau 函数在 [-6, 6] × [-6, 6] 上的三维曲面。"""
    xs = torch.linspace(-6, 6, 41)
    X, Y = torch.meshgrid(xs, xs, indexing="xy")
    Z = himmelblau(torch.stack([X, Y], dim=-1))
    fig = Figure(figsize=(7, 5.5))
    ax = fig.add_subplot(projection="3d")     # 三维坐标轴
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
def optimize_path(optimizer_class, start, steps, *, fn=himmelblau,
                  **optimizer_kwargs):
    """用 optimizer_class 从 start 出发最小化 fn，返回走过的每一个点。

    fn 把一个点（一维张量）映射成标量张量；optimizer_kwargs（lr、momentum 等）
    原样交给优化器。结果的形状是 (steps + 1, len(start))：第 0 行是起点，第 t 行
    是走了 t 步之后的点。损失变成 inf 或 nan 时报 FloatingPointError 停下。
    """
    if not (isinstance(optimizer_class, type)
            and issubclass(optimizer_class, torch.optim.Optimizer)):
        raise ValueError(
            "optimizer_class must be an optimizer class such as torch.optim.Adam "
            f"(the class, not an instance or a name), got {optimizer_class!r}")
    try:
        point = torch.as_tensor(start, dtype=torch.float32)
    except (TypeError, ValueError, RuntimeError):
        point = None
    if point is None or point.dim() != 1 or point.numel() == 0:
        raise ValueError("start must be a point given as numbers, such as (0.0, 0.0) "
                         f"or [3.0], got {start!r}")
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 0:
        raise ValueError("steps must be an int >= 0 (the number of updates), "
                         f"got {steps!r}")
    point = point.detach().clone().requires_grad_(True)   # 不改动调用者传入的张量
    optimizer = optimizer_class([point], **optimizer_kwargs)
    path = [point.detach().clone()]
    for _ in range(steps):
        loss = fn(point)
        if not isinstance(loss, torch.Tensor) or loss.dim() != 0:
            raise ValueError("fn must return a scalar tensor (0-dim), "
                             "such as ((p - 3) ** 2).sum()")
        if not math.isfinite(loss.item()):   # 发散了：停下，不让 inf/nan 污染参数
            raise FloatingPointError(f"loss is {loss.item()} at step {len(path) - 1}: "
                                     "the optimisation diverged, try a smaller lr")
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        path.append(point.detach().clone())
    return torch.stack(path)
# --8<-- [end:optimize_path]


# --8<-- [start:himmelblau_runs]
STARTS = [(0.0, 0.0), (-1.0, 0.0), (-4.0, 0.0), (4.0, 0.0)]
OPTIMIZERS = {                                # 名字：(优化器的类, 参数)
    "SGD": (torch.optim.SGD, dict(lr=0.01)),
    "动量": (torch.optim.SGD, dict(lr=0.001, momentum=0.9)),
    "Adam": (torch.optim.Adam, dict(lr=0.1)),
}


@functools.cache
def himmelblau_runs(steps=150):
    """每种优化器从每个起点各走 steps 步：{名字: [路径, ...]}，只计算一次。"""
    return {name: [optimize_path(cls, start, steps, **kwargs) for start in STARTS]
            for name, (cls, kwargs) in OPTIMIZERS.items()}
# --8<-- [end:himmelblau_runs]


# --8<-- [start:bowl]
def bowl_grad(p):
    """f(θ) = ½ Σ c_i θ_i² 的梯度 c ⊙ θ；三个坐标的曲率 c 相差 100 倍。"""
    return torch.tensor([0.1, 1.0, 10.0]) * p


def bowl(p):
    """f(θ) = ½ Σ c_i θ_i²，最低点在 0。"""
    return 0.5 * (p * bowl_grad(p)).sum()
# --8<-- [end:bowl]


__test__ = {
    "gd-1d": r"""
>>> # --8<-- [start:gd-1d]
>>> x = torch.tensor(0.0, requires_grad=True)  # 起点 x_0 = 0
>>> lr = 0.1                                 # 学习率 η
>>> for t in range(1, 101):                  # 第 t 步
...     loss = (x - 3) ** 2                  # f(x) = (x - 3)²
...     loss.backward()                      # x.grad = f'(x) = 2(x - 3)
...     with torch.no_grad():                # 更新参数：不记录计算图
...         x -= lr * x.grad                 # x_t = x_{t-1} - η f'(x_{t-1})
...     x.grad = None                        # 清掉梯度，下一步重新算
...     if t <= 3:
...         print(t, round(x.item(), 4))
1 0.6
2 1.08
3 1.464
>>> round(x.item(), 4), x.is_leaf            # 收敛到 3；x 仍是叶子张量
(3.0, True)
>>> # --8<-- [end:gd-1d]
""",
    "gd-2d": r"""
>>> # --8<-- [start:gd-2d]
>>> def bowl2(p):                            # (x - 1)² + 2(y + 2)²，最低点 (1, -2)
...     return (p[0] - 1) ** 2 + 2 * (p[1] + 2) ** 2
>>> p = torch.tensor([-3.0, 3.0], requires_grad=True)
>>> for t in range(1, 101):
...     bowl2(p).backward()
...     if t == 1:
...         print(p.grad)                    # ∇f = (2(x - 1), 4(y + 2))，在 (-3, 3) 处
...     with torch.no_grad():
...         p -= 0.1 * p.grad                # 两个坐标同时沿负梯度方向走一步
...     p.grad = None
tensor([-8., 20.])
>>> [round(v, 4) for v in p.tolist()], round(bowl2(p).item(), 6)
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
    "himmelblau-index-mistake": r"""
>>> # --8<-- [start:himmelblau-index-mistake]
>>> def himmelblau_first_axis(p):            # 错误：按第 0 维取坐标
...     x, y = p[0], p[1]
...     return (x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2
>>> minima = torch.tensor(HIMMELBLAU_MINIMA)  # 形状 (4, 2)
>>> himmelblau_first_axis(minima[0])         # 一个点时没有问题
tensor(0.)
>>> himmelblau_first_axis(minima)            # 四个点：p[0] 是第一个点，不是横坐标
tensor([38.0559, 38.0559])
>>> torch.round(himmelblau(minima), decimals=4)  # 正确：p[..., 0] 取最后一维
tensor([0., 0., 0., 0.])
>>> # --8<-- [end:himmelblau-index-mistake]
""",
    "axes-3d-mistake": r"""
>>> # --8<-- [start:axes-3d-mistake]
>>> fig = Figure()
>>> ax = fig.gca(projection="3d")            # Matplotlib 3.6 之前的写法
Traceback (most recent call last):
    ...
TypeError: FigureBase.gca() got an unexpected keyword argument 'projection'
>>> ax = fig.add_subplot(projection="3d")    # 今天的写法
>>> ax.name, len(fig.axes)
('3d', 1)
>>> # --8<-- [end:axes-3d-mistake]
""",
    "optim-loop": r"""
>>> # --8<-- [start:optim-loop]
>>> p = torch.tensor([0.0, 0.0], requires_grad=True)
>>> optimizer = torch.optim.SGD([p], lr=0.01)  # 把要优化的张量（列表）交给优化器
>>> for t in range(200):
...     loss = himmelblau(p)
...     optimizer.zero_grad()                # 1. 清空上一步的梯度
...     loss.backward()                      # 2. 求出新的梯度 p.grad
...     optimizer.step()                     # 3. 更新：p ← p - η·p.grad
>>> [round(v, 3) for v in p.tolist()], round(himmelblau(p).item(), 3)
([3.0, 2.0], 0.0)
>>> # --8<-- [end:optim-loop]
""",
    "optimize-path": r"""
>>> # --8<-- [start:optimize-path]
>>> path = optimize_path(torch.optim.SGD, (0.0, 0.0), 200, lr=0.01)
>>> path.shape                               # 起点 + 200 步之后的 200 个点
torch.Size([201, 2])
>>> torch.round(path[:2], decimals=3)        # (0, 0) - 0.01·∇f(0, 0)，∇f = (-14, -22)
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
>>> minima = torch.tensor(HIMMELBLAU_MINIMA)
>>> for name, paths in himmelblau_runs().items():
...     ends = torch.stack([path[-1] for path in paths])  # 四个终点，形状 (4, 2)
...     nearest = torch.cdist(ends, minima).argmin(dim=1) + 1  # 离表中第几个最近
...     worst = himmelblau(ends).max().item()
...     print(name, nearest.tolist(), f"最大的 f = {worst:.3f}")
SGD [1, 2, 3, 4] 最大的 f = 0.000
动量 [1, 2, 2, 4] 最大的 f = 0.000
Adam [1, 2, 3, 4] 最大的 f = 0.000
>>> # --8<-- [end:himmelblau-optimizers]
""",
    "learning-rate": r"""
>>> # --8<-- [start:learning-rate]
>>> def f(p):                                # f(x) = (x - 3)²；p 是形状 (1,) 的张量
...     return ((p - 3) ** 2).sum()
>>> for lr in (0.001, 0.1, 0.5, 0.9, 1.0, 1.1):
...     xs = optimize_path(torch.optim.SGD, [0.0], 20, fn=f, lr=lr)[:, 0].tolist()
...     first = [round(v, 3) for v in xs[1:4]]
...     print(f"η={lr:<5}  x_1..x_3 = {first}  x_20 = {xs[20]:.2f}")
η=0.001  x_1..x_3 = [0.006, 0.012, 0.018]  x_20 = 0.12
η=0.1    x_1..x_3 = [0.6, 1.08, 1.464]  x_20 = 2.97
η=0.5    x_1..x_3 = [3.0, 3.0, 3.0]  x_20 = 3.00
η=0.9    x_1..x_3 = [5.4, 1.08, 4.536]  x_20 = 2.97
η=1.0    x_1..x_3 = [6.0, 0.0, 6.0]  x_20 = 0.00
η=1.1    x_1..x_3 = [6.6, -1.32, 8.184]  x_20 = -112.01
>>> # --8<-- [end:learning-rate]
""",
    "nan-inf": r"""
>>> # --8<-- [start:nan-inf]
>>> x = torch.tensor([0.0], requires_grad=True)
>>> optimizer = torch.optim.SGD([x], lr=10.0)  # 对 f(x) = (x - 3)² 来说大得离谱
>>> for t in range(100):
...     loss = ((x - 3) ** 2).sum()
...     if not torch.isfinite(loss):         # inf 或 nan：立刻停下，不要再更新参数
...         print(f"第 {t} 步：loss = {loss.item()}")
...         break
...     optimizer.zero_grad()
...     loss.backward()
...     optimizer.step()
第 15 步：loss = inf
>>> math.isfinite(loss.item()), torch.isfinite(x).all().item()  # x 还是有限的大数
(False, True)
>>> for t in range(16, 40):                  # 假如不停下，继续更新……
...     loss = ((x - 3) ** 2).sum()
...     optimizer.zero_grad()
...     loss.backward()
...     optimizer.step()
>>> x.item(), loss.item()                    # x 溢出成 inf，inf - inf = nan
(nan, nan)
>>> def f(p):
...     return ((p - 3) ** 2).sum()
>>> optimize_path(torch.optim.SGD, [0.0], 100, fn=f, lr=10.0)  # 同样的检查
Traceback (most recent call last):
    ...
FloatingPointError: loss is inf at step 15: the optimisation diverged, try a smaller lr
>>> # --8<-- [end:nan-inf]
""",
    "momentum-formula": r"""
>>> # --8<-- [start:momentum-formula]
>>> lr, beta = 0.1, 0.9                      # 学习率 η，动量系数 β
>>> theta, v = 0.0, 0.0                      # 参数与速度，都从 0 开始
>>> for t in range(1, 4):
...     g = 2 * (theta - 3)                  # f(θ) = (θ - 3)² 的导数 g_t
...     v = beta * v + g                     # v_t = β v_{t-1} + g_t
...     theta = theta - lr * v               # θ_t = θ_{t-1} - η v_t
...     print(t, round(theta, 4))
1 0.6
2 1.62
3 2.814
>>> def f(p):
...     return ((p - 3) ** 2).sum()
>>> path = optimize_path(torch.optim.SGD, [0.0], 3, fn=f, lr=0.1, momentum=0.9)
>>> [round(v, 4) for v in path[1:, 0].tolist()]  # PyTorch 的 SGD 走出同样的三步
[0.6, 1.62, 2.814]
>>> # --8<-- [end:momentum-formula]
""",
    "momentum-ravine": r"""
>>> # --8<-- [start:momentum-ravine]
>>> def ravine(p):                           # y 方向的曲率是 x 方向的 100 倍
...     return p[..., 0] ** 2 + 100 * p[..., 1] ** 2
>>> for momentum in (0.0, 0.9):
...     path = optimize_path(torch.optim.SGD, (-5.0, 1.0), 500, fn=ravine,
...                          lr=0.009, momentum=momentum)
...     losses = ravine(path)                # path 形状 (501, 2)：每一步的 loss
...     first = (losses < 1e-4).nonzero()[0].item()  # 第一次 loss < 1e-4
...     print(f"动量 {momentum}：第 {first} 步 loss 降到 1e-4 以下")
动量 0.0：第 343 步 loss 降到 1e-4 以下
动量 0.9：第 127 步 loss 降到 1e-4 以下
>>> # --8<-- [end:momentum-ravine]
""",
    "rmsprop": r"""
>>> # --8<-- [start:rmsprop]
>>> lr, beta, eps = 0.01, 0.99, 1e-8         # β 在 PyTorch 里叫 alpha
>>> theta, v = torch.ones(3), torch.zeros(3)
>>> for t in range(1, 4):
...     g = bowl_grad(theta)
...     v = beta * v + (1 - beta) * g ** 2   # 梯度平方的滑动平均
...     theta = theta - lr * g / (v.sqrt() + eps)  # 每个坐标除以自己的 √v
...     print(t, torch.round(theta, decimals=4))
1 tensor([0.9000, 0.9000, 0.9000])
2 tensor([0.8329, 0.8329, 0.8329])
3 tensor([0.7800, 0.7800, 0.7800])
>>> path = optimize_path(torch.optim.RMSprop, [1.0, 1.0, 1.0], 3, fn=bowl,
...                      lr=0.01, alpha=0.99)
>>> torch.round(path[1:], decimals=4)        # torch.optim.RMSprop 走出同样的三步
tensor([[0.9000, 0.9000, 0.9000],
        [0.8329, 0.8329, 0.8329],
        [0.7800, 0.7800, 0.7800]])
>>> # --8<-- [end:rmsprop]
""",
    "adam": r"""
>>> # --8<-- [start:adam]
>>> lr, beta1, beta2, eps = 0.1, 0.9, 0.999, 1e-8  # β₁、β₂、ε 取 PyTorch 的默认值
>>> theta, m, v = torch.ones(3), torch.zeros(3), torch.zeros(3)
>>> for t in range(1, 4):
...     g = bowl_grad(theta)
...     m = beta1 * m + (1 - beta1) * g      # 一阶矩：梯度的滑动平均
...     v = beta2 * v + (1 - beta2) * g**2   # 二阶矩：梯度平方的滑动平均
...     m_hat = m / (1 - beta1**t)           # 偏差修正
...     v_hat = v / (1 - beta2**t)
...     theta = theta - lr * m_hat / (v_hat.sqrt() + eps)
...     print(t, torch.round(theta, decimals=4))
1 tensor([0.9000, 0.9000, 0.9000])
2 tensor([0.8004, 0.8004, 0.8004])
3 tensor([0.7016, 0.7016, 0.7016])
>>> path = optimize_path(torch.optim.Adam, [1.0, 1.0, 1.0], 3, fn=bowl, lr=0.1)
>>> torch.round(path[1:], decimals=4)        # torch.optim.Adam 走出同样的三步
tensor([[0.9000, 0.9000, 0.9000],
        [0.8004, 0.8004, 0.8004],
        [0.7016, 0.7016, 0.7016]])
>>> path = optimize_path(torch.optim.SGD, [1.0, 1.0, 1.0], 1, fn=bowl, lr=0.1)
>>> torch.round(path[1] - path[0], decimals=4)  # 对比：SGD 第一步的位移正比于梯度
tensor([-0.0100, -0.1000, -1.0000])
>>> # --8<-- [end:adam]
""",
    "step-lr": r"""
>>> # --8<-- [start:step-lr]
>>> w = torch.tensor([0.0], requires_grad=True)
>>> optimizer = torch.optim.SGD([w], lr=0.1)
>>> scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=2, gamma=0.5)
>>> for epoch in range(1, 7):                # 第 1 到第 6 轮
...     lr = scheduler.get_last_lr()         # 这一轮用的学习率（每个参数组一个）
...     loss = ((w - 3) ** 2).sum()          # 真实训练里，这里是一整轮的小批量循环
...     optimizer.zero_grad()
...     loss.backward()
...     optimizer.step()
...     scheduler.step()                     # 每轮末尾，在 optimizer.step() 之后
...     print(epoch, lr)
1 [0.1]
2 [0.1]
3 [0.05]
4 [0.05]
5 [0.025]
6 [0.025]
>>> optimizer.param_groups[0]["lr"]          # 学习率存放在优化器的参数组里
0.0125
>>> # --8<-- [end:step-lr]
""",
    "plateau": r"""
>>> # --8<-- [start:plateau]
>>> w = torch.tensor([0.0], requires_grad=True)
>>> optimizer = torch.optim.SGD([w], lr=0.1)
>>> scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(
...     optimizer, mode="min", factor=0.5, patience=2)
>>> val_losses = [1.0, 0.8, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.5]  # 第 1 到第 10 轮
>>> for epoch, val_loss in enumerate(val_losses, start=1):
...     scheduler.step(val_loss)             # 传入这一轮的验证集 loss
...     print(epoch, val_loss, scheduler.get_last_lr())  # 下一轮用的学习率
1 1.0 [0.1]
2 0.8 [0.1]
3 0.7 [0.1]
4 0.7 [0.1]
5 0.7 [0.1]
6 0.7 [0.05]
7 0.7 [0.05]
8 0.7 [0.05]
9 0.7 [0.025]
10 0.5 [0.025]
>>> # --8<-- [end:plateau]
""",
    "plateau-verbose": r"""
>>> # --8<-- [start:plateau-verbose]
>>> w = torch.tensor([0.0], requires_grad=True)
>>> optimizer = torch.optim.SGD([w], lr=0.1)
>>> torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode="min", verbose=True)
Traceback (most recent call last):
    ...
TypeError: ReduceLROnPlateau.__init__() got an unexpected keyword argument 'verbose'
>>> scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode="min")
>>> scheduler.step(1.0)
>>> print("学习率：", scheduler.get_last_lr())  # 想看学习率就自己打印
学习率： [0.1]
>>> # --8<-- [end:plateau-verbose]
""",
    "exercise-lr-range": r"""
>>> # --8<-- [start:exercise-lr-range]
>>> def f5(p):                               # f(x) = 5(x - 3)²：曲率是原来的 5 倍
...     return 5 * ((p - 3) ** 2).sum()
>>> for lr in (0.1, 0.19, 0.21):
...     x_20 = optimize_path(torch.optim.SGD, [0.0], 20, fn=f5, lr=lr)[-1].item()
...     print(f"η={lr}  x_20 = {x_20:.2f}")
η=0.1  x_20 = 3.00
η=0.19  x_20 = 2.64
η=0.21  x_20 = -17.18
>>> # --8<-- [end:exercise-lr-range]
""",
    "exercise-momentum-speed": r"""
>>> # --8<-- [start:exercise-momentum-speed]
>>> def slope(p):                            # f(θ) = θ：梯度处处是 1
...     return p.sum()
>>> path = optimize_path(torch.optim.SGD, [0.0], 50, fn=slope, lr=0.01,
...                      momentum=0.9)
>>> steps = (path[:-1] - path[1:])[:, 0]     # 每一步走了多远
>>> [round(steps[t - 1].item(), 4) for t in (1, 2, 10, 50)]
[0.01, 0.019, 0.0651, 0.0995]
>>> # --8<-- [end:exercise-momentum-speed]
""",
    "exercise-adam-scale": r"""
>>> # --8<-- [start:exercise-adam-scale]
>>> def bowl_1000(p):                        # 同一个函数乘以 1000：梯度也乘以 1000
...     return 1000 * bowl(p)
>>> for name, cls in (("SGD", torch.optim.SGD), ("Adam", torch.optim.Adam)):
...     for fn in (bowl, bowl_1000):
...         path = optimize_path(cls, [1.0, 1.0, 1.0], 1, fn=fn, lr=0.1)
...         step = [round(v, 3) for v in (path[1] - path[0]).tolist()]
...         print(name, fn.__name__, step)   # 第一步的位移
SGD bowl [-0.01, -0.1, -1.0]
SGD bowl_1000 [-10.0, -100.0, -1000.0]
Adam bowl [-0.1, -0.1, -0.1]
Adam bowl_1000 [-0.1, -0.1, -0.1]
>>> # --8<-- [end:exercise-adam-scale]
""",
}


# --8<-- [start:draw_himmelblau_paths]
def draw_himmelblau_paths() -> Figure:
    """三种优化器在 Himmelblau 函数等高线图上走过的路径。"""
    titles = {"SGD": "SGD，学习率 0.01", "动量": "SGD + 动量 0.9，学习率 0.001",
              "Adam": "Adam，学习率 0.1"}
    xs = torch.linspace(-6, 6, 150)
    X, Y = torch.meshgrid(xs, xs, indexing="xy")
    Z = torch.log1p(himmelblau(torch.stack([X, Y], dim=-1)))  # 取对数，谷底才看得清
    minima = torch.tensor(HIMMELBLAU_MINIMA).cpu().numpy()
    fig = Figure(figsize=(13, 4.9), layout="constrained")
    axes = fig.subplots(1, 3, sharey=True)
    for ax, (name, paths) in zip(axes, himmelblau_runs().items(), strict=True):
        ax.contour(X.cpu().numpy(), Y.cpu().numpy(), Z.cpu().numpy(), levels=14,
                   colors="0.6", linewidths=0.6)
        for i, (start, path) in enumerate(zip(STARTS, paths, strict=True)):
            path = path.cpu().numpy()
            ax.plot(path[:, 0], path[:, 1], "-", color=f"C{i}", lw=1.5,
                    label=f"起点 {start}")
            ax.plot(path[0, 0], path[0, 1], "o", color=f"C{i}", ms=6)
        ax.plot(minima[:, 0], minima[:, 1], "*", color="crimson", ms=14, mec="black",
                mew=0.6, ls="none", label="最小值点（f = 0）")
        ax.set_title(titles[name])
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
    """f(x) = (x - 3)² 上的梯度下降：学习率太小、合适、振荡与发散。"""
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
    ax_x.set_title(r"$x_t$（最小值点是 $x = 3$）")
    ax_loss.set_title(r"损失 $f(x_t) = (x_t - 3)^2$，对数坐标")
    for ax in (ax_x, ax_loss):
        ax.set_xlabel("步数 t")
    ax_loss.set_ylim(1e-8, 1e5)
    handles, labels = ax_x.get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=4, frameon=False)
    return fig
# --8<-- [end:draw_learning_rates]


# --8<-- [start:draw_momentum]
def draw_momentum() -> Figure:
    """狭长的山谷 f(x, y) = x² + 100y² 中，SGD 与带动量的 SGD 的路径和损失。"""
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
        path = optimize_path(torch.optim.SGD, (-5.0, 1.0), 300, fn=ravine,
                             lr=0.009, momentum=momentum)
        label = f"SGD，学习率 0.009，动量 {momentum}"
        shown = path[:40].cpu().numpy()
        ax_path.plot(shown[:, 0], shown[:, 1], ".-", color=f"C{i}", lw=1, ms=4,
                     label=label)
        ax_loss.semilogy(ravine(path).cpu().numpy(), color=f"C{i}", label=label)
    ax_path.plot(0, 0, "*", color="crimson", ms=14, mec="black", mew=0.6, ls="none",
                 label="最小值点")
    ax_path.set_title(r"$f(x, y) = x^2 + 100\,y^2$：从 $(-5, 1)$ 出发的前 40 步")
    ax_path.set_xlabel("x")
    ax_path.set_ylabel("y")
    ax_path.legend(loc="lower right", fontsize=9)
    ax_loss.axhline(1e-4, color="black", lw=0.8, ls="--")
    ax_loss.set_ylim(1e-8, 1e3)
    ax_loss.set_title("损失，对数坐标（虚线：1e-4）")
    ax_loss.set_xlabel("步数 t")
    return fig
# --8<-- [end:draw_momentum]
