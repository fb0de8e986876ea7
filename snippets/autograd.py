"""自动微分 (autograd): the code of docs/autograd.md.

Each entry of ``__test__`` is one section of the page, run by pytest as a doctest on
the CPU and on CUDA. The examples use fixed inputs whose gradients are exact in
float32 (or are rounded), so the printed values are the same on both devices.
"""

__cuda__ = "default-device"

# --8<-- [start:imports]
import matplotlib
import torch
import torch.nn.functional as F
from matplotlib.figure import Figure

# 图中的中文：用下面列出的、本机装有的第一个中文字体
matplotlib.rcParams["font.sans-serif"] = [
    "Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC",
    "WenQuanYi Zen Hei", "Microsoft YaHei", "SimHei", "PingFang SC",
    "Heiti SC", "Arial Unicode MS", "DejaVu Sans"]
matplotlib.rcParams["axes.unicode_minus"] = False  # 有的中文字体没有数学负号 −

# --8<-- [end:imports]

__test__ = {
    "requires-grad": r"""
>>> # --8<-- [start:requires-grad]
>>> x = torch.arange(4.0, requires_grad=True)  # 创建时就要求梯度
>>> x
tensor([0., 1., 2., 3.], requires_grad=True)
>>> w = torch.ones(2)                        # 默认不记录梯度
>>> w.requires_grad
False
>>> w.requires_grad_()                       # 末尾带 _：原地打开，并返回 w 本身
tensor([1., 1.], requires_grad=True)
>>> (w * 2).requires_grad                    # 由要求梯度的张量算出：也要求梯度
True
>>> (torch.ones(2) * 2).requires_grad        # 参与运算的张量都不要求梯度
False
>>> # --8<-- [end:requires-grad]
""",
    "int-requires-grad": r"""
>>> # --8<-- [start:int-requires-grad]
>>> t = torch.full([4], 2)                   # 填充值 2 是整数
>>> t.dtype
torch.int64
>>> t.requires_grad_()
Traceback (most recent call last):
    ...
RuntimeError: only Tensors of floating point dtype can require gradients
>>> torch.arange(4, requires_grad=True)      # 终点 4 是整数：同样是 int64
Traceback (most recent call last):
    ...
RuntimeError: Only Tensors of floating point and complex dtype can require gradients
>>> torch.full([4], 2.0).requires_grad_()    # 写成 2.0 就是 float32
tensor([2., 2., 2., 2.], requires_grad=True)
>>> # --8<-- [end:int-requires-grad]
""",
    "variable": r"""
>>> # --8<-- [start:variable]
>>> from torch.autograd import Variable
>>> v = Variable(torch.ones(2), requires_grad=True)  # PyTorch 0.4 之前的写法
>>> v
tensor([1., 1.], requires_grad=True)
>>> type(v)                                  # 得到的就是一个普通张量
<class 'torch.Tensor'>
>>> torch.ones(2, requires_grad=True)        # 今天的写法
tensor([1., 1.], requires_grad=True)
>>> # --8<-- [end:variable]
""",
    "backward": r"""
>>> # --8<-- [start:backward]
>>> x = torch.arange(4.0, requires_grad=True)
>>> y = 2 * torch.dot(x, x)                  # y = 2xᵀx，是一个标量
>>> y                                        # grad_fn：y 由哪个运算得到
tensor(28., grad_fn=<MulBackward0>)
>>> print(x.grad)                            # 反向传播之前还没有梯度
None
>>> y.backward()                             # 求 dy/dx，结果写进 x.grad
>>> x.grad                                   # 4x
tensor([ 0.,  4.,  8., 12.])
>>> # --8<-- [end:backward]
""",
    "late-requires-grad": r"""
>>> # --8<-- [start:late-requires-grad]
>>> x = torch.arange(4.0)
>>> y = 2 * torch.dot(x, x)                  # 先算 y ……
>>> x.requires_grad_()                       # …… 再打开 requires_grad：太晚了
tensor([0., 1., 2., 3.], requires_grad=True)
>>> y.requires_grad, y.grad_fn               # 算 y 时什么也没有记录
(False, None)
>>> y.backward()
Traceback (most recent call last):
    ...
RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn
>>> y = 2 * torch.dot(x, x)                  # 打开之后重新计算 y
>>> y.backward()
>>> x.grad
tensor([ 0.,  4.,  8., 12.])
>>> # --8<-- [end:late-requires-grad]
""",
    "leaf": r"""
>>> # --8<-- [start:leaf]
>>> a = torch.ones(2) * 2                    # 运算结果，但没有张量要求梯度
>>> a.is_leaf, a.grad_fn                     # 没有 grad_fn：是叶子
(True, None)
>>> x = torch.tensor([1.0, 2.0], requires_grad=True)  # 用户创建、要求梯度
>>> y = x * x                                # 由 x 算出：有 grad_fn
>>> z = y.sum()
>>> x.is_leaf, y.is_leaf, z.is_leaf
(True, False, False)
>>> x.grad_fn, y.grad_fn.name()
(None, 'MulBackward0')
>>> y.retain_grad()                          # 要中间结果的梯度：在 backward 之前说
>>> z.backward()
>>> x.grad                                   # dz/dx = 2x
tensor([2., 4.])
>>> y.grad                                   # dz/dy = 1
tensor([1., 1.])
>>> # --8<-- [end:leaf]
""",
    "accumulate": r"""
>>> # --8<-- [start:accumulate]
>>> x = torch.tensor([1.0, 2.0], requires_grad=True)
>>> (x * x).sum().backward()
>>> x.grad                                   # d(x₁² + x₂²)/dx = 2x
tensor([2., 4.])
>>> (x * x).sum().backward()                 # 重新前向、再反向一次
>>> x.grad                                   # 不是覆盖，而是累加：2x + 2x
tensor([4., 8.])
>>> x.grad.zero_()                           # 原地清零
tensor([0., 0.])
>>> (x * x).sum().backward()
>>> x.grad                                   # 清零之后又是正确的 2x
tensor([2., 4.])
>>> x.grad = None                            # 另一种清零：直接丢掉梯度张量
>>> print(x.grad)
None
>>> # --8<-- [end:accumulate]
""",
    "zero-grad": r"""
>>> # --8<-- [start:zero-grad]
>>> w = torch.tensor([1.0, 2.0], requires_grad=True)
>>> optimizer = torch.optim.SGD([w], lr=0.1)  # 学习率 η = 0.1
>>> loss = (w * w).sum()
>>> loss.backward()
>>> w.grad
tensor([2., 4.])
>>> optimizer.step()                         # w ← w - η * w.grad
>>> w
tensor([0.8000, 1.6000], requires_grad=True)
>>> optimizer.zero_grad()                    # 为下一步清空梯度：设成 None
>>> print(w.grad)
None
>>> # --8<-- [end:zero-grad]
""",
    "forgot-zero-grad": r"""
>>> # --8<-- [start:forgot-zero-grad]
>>> w = torch.tensor(1.0, requires_grad=True)
>>> for t in range(3):                       # 错误：每一步都不清零
...     loss = (w - 3) ** 2                  # dℓ/dw = 2(w - 3) = -4
...     loss.backward()
...     print(w.grad)
tensor(-4.)
tensor(-8.)
tensor(-12.)
>>> w.grad = None
>>> for t in range(3):                       # 正确：用完就清零
...     loss = (w - 3) ** 2
...     loss.backward()
...     print(w.grad)
...     w.grad = None
tensor(-4.)
tensor(-4.)
tensor(-4.)
>>> # --8<-- [end:forgot-zero-grad]
""",
    "non-scalar": r"""
>>> # --8<-- [start:non-scalar]
>>> x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
>>> y = x * x                                # y 是向量，不是标量
>>> y.backward()
Traceback (most recent call last):
    ...
RuntimeError: grad can be implicitly created only for scalar outputs
>>> y.backward(gradient=torch.ones_like(y))  # 给出与 y 同形状的权重 v
>>> x.grad                                   # vᵀJ，v 全为 1 时就是 2x
tensor([2., 4., 6.])
>>> x.grad = None
>>> (x * x).sum().backward()                 # 等价且更常见：先求和成标量
>>> x.grad
tensor([2., 4., 6.])
>>> x.grad = None
>>> v = torch.tensor([1.0, 0.0, 2.0])        # 其他权重：各元素的梯度按 v 加权
>>> (x * x).backward(gradient=v)
>>> x.grad
tensor([ 2.,  0., 12.])
>>> # --8<-- [end:non-scalar]
""",
    "retain-graph": r"""
>>> # --8<-- [start:retain-graph]
>>> x = torch.tensor(3.0, requires_grad=True)
>>> y = x * x
>>> y.backward()                             # 反向之后，图里保存的中间值被释放
>>> y.backward()                             # 同一个图再反向一次
Traceback (most recent call last):
    ...
RuntimeError: Trying to backward through the graph a second time ...
>>> x.grad = None
>>> y = x * x
>>> y.backward(retain_graph=True)            # 保留计算图
>>> y.backward()                             # 第二次可以了；梯度照样累加：6 + 6
>>> x.grad
tensor(12.)
>>> # --8<-- [end:retain-graph]
""",
    "autograd-grad": r"""
>>> # --8<-- [start:autograd-grad]
>>> x = torch.arange(4.0, requires_grad=True)
>>> y = 2 * torch.dot(x, x)
>>> torch.autograd.grad(y, x)                # 返回一个元组，每个输入一个梯度
(tensor([ 0.,  4.,  8., 12.]),)
>>> print(x.grad)                            # 不写 .grad，也就谈不上累加
None
>>> w = torch.tensor(2.0, requires_grad=True)
>>> b = torch.tensor(1.0, requires_grad=True)
>>> z = w * w + 3 * b
>>> dz_dw, dz_db = torch.autograd.grad(z, [w, b])  # 一次求对多个张量的梯度
>>> dz_dw, dz_db
(tensor(4.), tensor(3.))
>>> # --8<-- [end:autograd-grad]
""",
    "second-derivative": r"""
>>> # --8<-- [start:second-derivative]
>>> x = torch.tensor(4.0, requires_grad=True)
>>> y = x ** 3
>>> (dy_dx,) = torch.autograd.grad(y, x, create_graph=True)  # 求导过程也建图
>>> dy_dx                                    # 3x² = 48，它自己也有 grad_fn
tensor(48., grad_fn=<MulBackward0>)
>>> (d2y_dx2,) = torch.autograd.grad(dy_dx, x)  # 再对 x 求一次导
>>> d2y_dx2                                  # 6x = 24
tensor(24.)
>>> # --8<-- [end:second-derivative]
""",
    "detach": r"""
>>> # --8<-- [start:detach]
>>> x = torch.arange(4.0, requires_grad=True)
>>> y = x * x
>>> u = y.detach()                           # 数值与 y 相同，但从计算图上摘下来了
>>> u, u.requires_grad
(tensor([0., 1., 4., 9.]), False)
>>> u.data_ptr() == y.data_ptr()             # detach 不复制数据，与 y 共享内存
True
>>> z = u * x                                # 在 z 看来，u 只是一个常数
>>> z.sum().backward()
>>> x.grad                                   # dz/dx = u，而不是 3x²
tensor([0., 1., 4., 9.])
>>> x.grad = None
>>> y.sum().backward()                       # y 自己的计算图还在：dy/dx = 2x
>>> x.grad
tensor([0., 2., 4., 6.])
>>> # --8<-- [end:detach]
""",
    "no-grad": r"""
>>> # --8<-- [start:no-grad]
>>> x = torch.tensor([1.0, 2.0], requires_grad=True)
>>> with torch.no_grad():                    # 块内的运算不记录计算图
...     y = x * 2
>>> y.requires_grad, y.grad_fn
(False, None)
>>> with torch.inference_mode():             # 只做推理时更快，限制也更多
...     z = x * 2
>>> z.requires_grad, z.is_inference()
(False, True)
>>> (x * x).sum().backward()
>>> with torch.no_grad():                    # 手动更新参数：这一步不该被记录
...     x -= 0.1 * x.grad
>>> x                                        # 仍是叶子张量，仍要求梯度
tensor([0.8000, 1.6000], requires_grad=True)
>>> # --8<-- [end:no-grad]
""",
    "data-vs-detach": r"""
>>> # --8<-- [start:data-vs-detach]
>>> a = torch.tensor([1.0, 2.0], requires_grad=True)
>>> out = a.sigmoid()                        # sigmoid 的反向要用到输出 out
>>> out.data.zero_()                         # 通过 .data 改了 out：autograd 不知情
tensor([0., 0.])
>>> out.sum().backward()
>>> a.grad                                   # 用被改成 0 的 σ 算 σ(1-σ)：错了
tensor([0., 0.])
>>> a = torch.tensor([1.0, 2.0], requires_grad=True)
>>> out = a.sigmoid()
>>> out.detach().zero_()                     # 用 detach()：同样改了数据……
tensor([0., 0.])
>>> out.sum().backward()                     # …… 但 autograd 发现了，直接报错
Traceback (most recent call last):
    ...
RuntimeError: one of the variables needed for gradient computation has been ...
>>> # --8<-- [end:data-vs-detach]
""",
    "control-flow": r"""
>>> # --8<-- [start:control-flow]
>>> def f(a):
...     b = a * 2
...     while torch.linalg.vector_norm(b) < 1000:  # 循环几次取决于 a 的值
...         b = b * 2
...     if b.sum() > 0:                      # 走哪个分支也取决于 a 的值
...         c = b
...     else:
...         c = 100 * b
...     return c
>>> a = torch.tensor(1.5, requires_grad=True)
>>> d = f(a)
>>> d                                        # 1.5 翻倍 10 次：1.5 × 1024
tensor(1536., grad_fn=<MulBackward0>)
>>> d.backward()
>>> a.grad, (d / a).item()                   # 这一次 f(a) = 1024a，导数 = d / a
(tensor(1024.), 1024.0)
>>> a = torch.tensor(-1.5, requires_grad=True)
>>> d = f(a)                                 # 负数走 else 分支：f(a) = 102400a
>>> d.backward()
>>> a.grad, (d / a).item()
(tensor(102400.), 102400.0)
>>> # --8<-- [end:control-flow]
""",
    "chain-rule": r"""
>>> # --8<-- [start:chain-rule]
>>> x = torch.tensor(3.0)
>>> w1 = torch.tensor(2.0, requires_grad=True)
>>> b1 = torch.tensor(1.0)
>>> w2 = torch.tensor(4.0, requires_grad=True)
>>> b2 = torch.tensor(1.0)
>>> y1 = x * w1 + b1                         # y1 = 7
>>> y2 = y1 * w2 + b2                        # y2 = 29
>>> (dy2_dy1,) = torch.autograd.grad(y2, y1, retain_graph=True)  # 图后面还要用
>>> (dy1_dw1,) = torch.autograd.grad(y1, w1, retain_graph=True)
>>> dy2_dy1, dy1_dw1                         # 分别等于 w2 和 x
(tensor(4.), tensor(3.))
>>> dy2_dy1 * dy1_dw1                        # 手动用链式法则相乘
tensor(12.)
>>> (dy2_dw1,) = torch.autograd.grad(y2, w1)  # autograd 直接求 dy2/dw1
>>> dy2_dw1
tensor(12.)
>>> # --8<-- [end:chain-rule]
""",
    "chain-rule-paths": r"""
>>> # --8<-- [start:chain-rule-paths]
>>> x = torch.tensor(2.0, requires_grad=True)
>>> u = x * x                                # u = x² = 4
>>> v = 3 * x                                # v = 3x = 6
>>> y = u * v                                # x 经过 u 和 v 两条路径影响 y
>>> v * 2 * x, u * 3                         # 两条路径各自的乘积：v·2x 与 u·3
(tensor(24., grad_fn=<MulBackward0>), tensor(12., grad_fn=<MulBackward0>))
>>> (dy_dx,) = torch.autograd.grad(y, x)
>>> dy_dx                                    # 24 + 12 = 36，也就是 9x²
tensor(36.)
>>> # --8<-- [end:chain-rule-paths]
""",
    "gradient-step": r"""
>>> # --8<-- [start:gradient-step]
>>> x = torch.tensor([1.0, 2.0, 3.0, 4.0])
>>> y = torch.tensor([3.0, 5.0, 7.0, 9.0])   # 真实值：y = 2x + 1
>>> w = torch.tensor(1.0, requires_grad=True)
>>> b = torch.tensor(0.0, requires_grad=True)
>>> y_hat = w * x + b                        # 预测值
>>> loss = F.mse_loss(y_hat, y)              # L：4 个样本的平均
>>> loss                                     # (2² + 3² + 4² + 5²) / 4
tensor(13.5000, grad_fn=<MseLossBackward0>)
>>> grad_w, grad_b = torch.autograd.grad(loss, [w, b])
>>> grad_w, grad_b
(tensor(-20.), tensor(-7.))
>>> err = y_hat.detach() - y                 # 套公式手算：ŷ - y
>>> n = len(x)
>>> 2 / n * (err * x).sum(), 2 / n * err.sum()
(tensor(-20.), tensor(-7.))
>>> lr = 0.05                                # 学习率 η
>>> with torch.no_grad():                    # θ ← θ - η∇L
...     w -= lr * grad_w
...     b -= lr * grad_b
>>> w, b
(tensor(2., requires_grad=True), tensor(0.3500, requires_grad=True))
>>> F.mse_loss(w * x + b, y)                 # 走一步，损失从 13.5 降到 0.65²
tensor(0.4225, grad_fn=<MseLossBackward0>)
>>> # --8<-- [end:gradient-step]
""",
    "exercise-tangent": r"""
>>> # --8<-- [start:exercise-tangent]
>>> x = torch.tensor(-3.0, requires_grad=True)
>>> (x * torch.sin(x)).backward()
>>> round(x.grad.item(), 4)                  # autograd
2.8289
>>> x0 = x.detach()
>>> round((torch.sin(x0) + x0 * torch.cos(x0)).item(), 4)  # 公式 sin x + x cos x
2.8289
>>> # --8<-- [end:exercise-tangent]
""",
    "exercise-leaf": r"""
>>> # --8<-- [start:exercise-leaf]
>>> a = torch.ones(2)
>>> w = torch.ones(2, requires_grad=True)
>>> b = a * 2
>>> c = w * 2
>>> d = c.detach()
>>> for name, t in [("a", a), ("w", w), ("b", b), ("c", c), ("d", d)]:
...     print(name, t.requires_grad, t.is_leaf)
a False True
w True True
b False True
c True False
d False True
>>> # --8<-- [end:exercise-leaf]
""",
    "exercise-update": r"""
>>> # --8<-- [start:exercise-update]
>>> w = torch.tensor([1.0, 2.0], requires_grad=True)
>>> (w * w).sum().backward()
>>> w -= 0.1 * w.grad                        # 原地更新，但没有放进 no_grad
Traceback (most recent call last):
    ...
RuntimeError: a leaf Variable that requires grad is being used in an in-place operation.
>>> w = w - 0.1 * w.grad                     # 不原地：得到一个新张量
>>> w
tensor([0.8000, 1.6000], grad_fn=<SubBackward0>)
>>> w.is_leaf
False
>>> # --8<-- [end:exercise-update]
""",
    "exercise-accumulate": r"""
>>> # --8<-- [start:exercise-accumulate]
>>> x = torch.tensor([1.0, 2.0, 3.0, 4.0])
>>> y = torch.tensor([3.0, 5.0, 7.0, 9.0])
>>> w = torch.tensor(1.0, requires_grad=True)
>>> F.mse_loss(w * x, y).backward()          # 整批 4 个样本一次算
>>> w.grad
tensor(-20.)
>>> w.grad = None
>>> for xb, yb in [(x[:2], y[:2]), (x[2:], y[2:])]:  # 分成两个半批
...     (F.mse_loss(w * xb, yb) / 2).backward()     # 半批的平均再除以 2
>>> w.grad                                   # 两次的梯度累加起来，与整批相同
tensor(-20.)
>>> # --8<-- [end:exercise-accumulate]
""",
    "exercise-neuron": r"""
>>> # --8<-- [start:exercise-neuron]
>>> x, y = torch.tensor(2.0), torch.tensor(1.0)
>>> w = torch.tensor(0.0, requires_grad=True)
>>> b = torch.tensor(0.0, requires_grad=True)
>>> z = w * x + b
>>> a = torch.sigmoid(z)
>>> loss = (a - y) ** 2
>>> torch.autograd.grad(loss, [w, b])        # autograd
(tensor(-0.5000), tensor(-0.2500))
>>> a, z = a.detach(), z.detach()
>>> dl_da = 2 * (a - y)                      # 手算：先求三个局部导数
>>> da_dz = a * (1 - a)
>>> dl_da * da_dz * x, dl_da * da_dz * 1     # 再沿两条链相乘
(tensor(-0.5000), tensor(-0.2500))
>>> # --8<-- [end:exercise-neuron]
""",
}


# --8<-- [start:draw_tangent]
def draw_tangent() -> Figure:
    """画出 f(x) = x sin x、autograd 求出的导数 f'(x) 和 x = -3 处的切线。"""
    x = torch.linspace(-6, 6, 241, requires_grad=True)
    y = x * torch.sin(x)
    y.sum().backward()                       # 每个 y_i 只依赖 x_i：x.grad 就是 f'(x)
    xs, ys, dys = (t.detach().cpu().numpy() for t in (x, y, x.grad))

    x0 = torch.tensor(-3.0, requires_grad=True)
    y0 = x0 * torch.sin(x0)
    (slope,) = torch.autograd.grad(y0, x0)  # 切线的斜率就是 x0 处的导数
    x0, y0, slope = x0.item(), y0.item(), slope.item()
    near = xs[abs(xs - x0) <= 1.5]

    fig = Figure(figsize=(7, 4))
    ax = fig.subplots()
    ax.axhline(0, color="gray", lw=0.5)
    ax.plot(xs, ys, label=r"$f(x) = x\,\sin x$")
    ax.plot(xs, dys, "--", label=r"autograd 求出的导数 $f'(x)$")
    ax.plot(near, y0 + slope * (near - x0), color="tab:red", lw=2,
            label=f"$x={x0:g}$ 处的切线，斜率 $f'({x0:g}) = {slope:.2f}$")
    ax.plot([x0], [y0], "o", color="tab:red")
    ax.plot([x0, x0], [y0, slope], ":", color="tab:red")
    ax.plot([x0], [slope], "s", color="tab:red")
    ax.set_xlabel("x")
    ax.legend(loc="lower center", fontsize=9)
    ax.set_title(r"$f(x) = x\,\sin x$、它的导数（autograd）和一条切线")
    return fig
# --8<-- [end:draw_tangent]
