"""自动微分 (autograd): the code of docs/autograd.md.

Each entry of ``__test__`` is one section of the page, run by pytest as a doctest on
the CPU and on CUDA. Every example uses fixed inputs whose gradients are exact in
float32, so the printed tensors are the same on both devices.
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
>>> x = torch.arange(4.0, requires_grad=True)  # 创建时就要求梯度；注意是 4.0 不是 4
>>> x
tensor([0., 1., 2., 3.], requires_grad=True)
>>> w = torch.ones(2)                        # 默认不记录梯度
>>> w.requires_grad
False
>>> w.requires_grad_()                       # 末尾带 _：原地打开，并返回 w 本身
tensor([1., 1.], requires_grad=True)
>>> (w * 2).requires_grad                    # 由要求梯度的张量算出的结果，也要求梯度
True
>>> (torch.ones(2) * 2).requires_grad        # 参与运算的张量都不要求梯度：不记录
False
>>> # --8<-- [end:requires-grad]
""",
    "backward": r"""
>>> # --8<-- [start:backward]
>>> x = torch.arange(4.0, requires_grad=True)
>>> y = 2 * torch.dot(x, x)                  # y = 2xᵀx，是一个标量
>>> y                                        # grad_fn：y 由哪个运算得到，反向传播从这里开始
tensor(28., grad_fn=<MulBackward0>)
>>> x.grad is None                           # 反向传播之前还没有梯度
True
>>> y.backward()                             # 求 dy/dx，结果写进 x.grad
>>> x.grad
tensor([ 0.,  4.,  8., 12.])
>>> x.grad == 4 * x                          # 与手算的梯度 4x 逐元素相等
tensor([True, True, True, True])
>>> # --8<-- [end:backward]
""",
    "requires-grad-mistakes": r"""
>>> # --8<-- [start:requires-grad-mistakes]
>>> torch.arange(4, requires_grad=True)      # 4 是整数：arange 得到 int64
Traceback (most recent call last):
    ...
RuntimeError: Only Tensors of floating point and complex dtype can require gradients
>>> torch.full((4,), 2).requires_grad_()     # 填充值 2 是整数，同样是 int64
Traceback (most recent call last):
    ...
RuntimeError: only Tensors of floating point dtype can require gradients
>>> torch.full((4,), 2.0).requires_grad_()   # 写成 2.0 就是 float32
tensor([2., 2., 2., 2.], requires_grad=True)
>>> x = torch.arange(4.0)
>>> y = 2 * torch.dot(x, x)                  # 先算 y ……
>>> _ = x.requires_grad_()                   # …… 再打开 requires_grad：太晚了
>>> y.requires_grad                          # 算 y 时没有记录计算图
False
>>> y.backward()
Traceback (most recent call last):
    ...
RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn
>>> # --8<-- [end:requires-grad-mistakes]
""",
    "leaf": r"""
>>> # --8<-- [start:leaf]
>>> x = torch.tensor([1.0, 2.0], requires_grad=True)
>>> y = x * x                                # 由运算得到：非叶子张量
>>> z = y.sum()
>>> x.is_leaf, y.is_leaf, z.is_leaf
(True, False, False)
>>> x.grad_fn is None, type(y.grad_fn).__name__  # 叶子没有 grad_fn
(True, 'MulBackward0')
>>> y.retain_grad()                          # 想要非叶子的梯度，要在 backward 之前说明
>>> z.backward()
>>> x.grad                                   # dz/dx = 2x
tensor([2., 4.])
>>> y.grad                                   # dz/dy = 1（因为 z = y 的各元素之和）
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
>>> x.grad is None
True
>>> # --8<-- [end:accumulate]
""",
    "zero-grad": r"""
>>> # --8<-- [start:zero-grad]
>>> w = torch.tensor([1.0, 2.0], requires_grad=True)
>>> optimizer = torch.optim.SGD([w], lr=0.1)
>>> loss = (w * w).sum()
>>> loss.backward()
>>> w.grad
tensor([2., 4.])
>>> optimizer.step()                         # w ← w - 0.1 * w.grad
>>> w
tensor([0.8000, 1.6000], requires_grad=True)
>>> optimizer.zero_grad()                    # 为下一步清空梯度，默认设成 None
>>> w.grad is None
True
>>> # --8<-- [end:zero-grad]
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
>>> (x * x).sum().backward()                 # 等价且更常见的写法：先求和成标量
>>> x.grad
tensor([2., 4., 6.])
>>> x.grad = None
>>> (x * x).backward(gradient=torch.tensor([1.0, 0.0, 2.0]))  # 其他权重：按权重加权
>>> x.grad
tensor([ 2.,  0., 12.])
>>> # --8<-- [end:non-scalar]
""",
    "retain-graph": r"""
>>> # --8<-- [start:retain-graph]
>>> x = torch.tensor(3.0, requires_grad=True)
>>> y = x * x
>>> y.backward()                             # 反向传播之后，计算图保存的中间值被释放
>>> y.backward()                             # 同一个图再反向一次
Traceback (most recent call last):
    ...
RuntimeError: Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.
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
>>> x.grad is None                           # 不写 .grad，也就谈不上累加
True
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
>>> (dy_dx,) = torch.autograd.grad(y, x, create_graph=True)  # 把求导过程也记录成计算图
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
>>> x.grad == u
tensor([True, True, True, True])
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
>>> y.requires_grad, y.grad_fn is None
(False, True)
>>> with torch.inference_mode():             # 只做推理时更快，限制也更多
...     z = x * 2
>>> z.requires_grad, z.is_inference()
(False, True)
>>> (x * x).sum().backward()
>>> with torch.no_grad():                    # 手动更新参数：更新这一步不该被记录
...     x -= 0.1 * x.grad
>>> x                                        # 仍是叶子张量，仍要求梯度
tensor([0.8000, 1.6000], requires_grad=True)
>>> # --8<-- [end:no-grad]
""",
    "data-vs-detach": r"""
>>> # --8<-- [start:data-vs-detach]
>>> a = torch.tensor([1.0, 2.0], requires_grad=True)
>>> out = a.sigmoid()                        # sigmoid 的反向要用到它的输出 out
>>> out.data.zero_()                         # 旧写法：通过 .data 改了 out，autograd 毫不知情
tensor([0., 0.])
>>> out.sum().backward()
>>> a.grad                                   # 按 σ(1-σ) 用被改过的 0 去算：静默地错了
tensor([0., 0.])
>>> a = torch.tensor([1.0, 2.0], requires_grad=True)
>>> out = a.sigmoid()
>>> out.detach().zero_()                     # 用 detach()：同样改了数据……
tensor([0., 0.])
>>> out.sum().backward()                     # …… 但 autograd 发现了，直接报错
Traceback (most recent call last):
    ...
RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation: ...
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
>>> a.grad                                   # 这一次 f(a) = 1024a，导数是 1024
tensor(1024.)
>>> bool(a.grad == d / a)                    # f 对固定的 a 是线性的，所以导数 = d / a
True
>>> a = torch.tensor(-1.5, requires_grad=True)
>>> d = f(a)                                 # 负数走 else 分支：f(a) = 102400a
>>> d.backward()
>>> a.grad, bool(a.grad == d / a)
(tensor(102400.), True)
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
>>> (dy2_dy1,) = torch.autograd.grad(y2, y1, retain_graph=True)  # 后面还要用这个图
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
    "mse": r"""
>>> # --8<-- [start:mse]
>>> x = torch.tensor([1.0, 2.0, 3.0, 4.0])
>>> y = torch.tensor([3.0, 5.0, 7.0, 9.0])   # 真实值：y = 2x + 1
>>> w = torch.tensor(1.0, requires_grad=True)
>>> b = torch.tensor(0.0, requires_grad=True)
>>> y_hat = w * x + b                        # 预测值
>>> loss = F.mse_loss(y_hat, y)              # 先预测值 input，后真实值 target
>>> loss                                     # (2² + 3² + 4² + 5²) / 4
tensor(13.5000, grad_fn=<MseLossBackward0>)
>>> grad_w, grad_b = torch.autograd.grad(loss, [w, b])
>>> grad_w, grad_b
(tensor(-20.), tensor(-7.))
>>> n = len(x)
>>> err = y_hat.detach() - y                 # 套公式手算：不需要再记录计算图
>>> 2 / n * (err * x).sum(), 2 / n * err.sum()
(tensor(-20.), tensor(-7.))
>>> # --8<-- [end:mse]
""",
}


# --8<-- [start:draw_tangent]
def draw_tangent() -> Figure:
    """Draw f(x) = x sin(x), its derivative computed by autograd, and one tangent line."""
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
