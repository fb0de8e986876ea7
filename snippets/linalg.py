"""线性代数 (linalg): the code of docs/linalg.md.

Each entry of ``__test__`` is one section of the page, run by pytest as a doctest on
the CPU and on CUDA. The tensors hold small integers (or divisions by powers of
two), so every printed result is exact on both devices.
"""

__cuda__ = "default-device"

# --8<-- [start:imports]
import matplotlib
import torch
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

# 图中的中文：用下面列出的、本机装有的第一个中文字体
matplotlib.rcParams["font.sans-serif"] = [
    "Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC",
    "WenQuanYi Zen Hei", "Microsoft YaHei", "SimHei", "PingFang SC",
    "Heiti SC", "Arial Unicode MS", "DejaVu Sans"]
matplotlib.rcParams["axes.unicode_minus"] = False  # 有的中文字体没有数学负号 −

# --8<-- [end:imports]

__test__ = {
    "scalars": r"""
>>> # --8<-- [start:scalars]
>>> x = torch.tensor(3.0)                    # 标量：只有一个元素的 0 维张量
>>> y = torch.tensor(2.0)
>>> x + y, x * y, x / y, x ** y
(tensor(5.), tensor(6.), tensor(1.5000), tensor(9.))
>>> x.shape, x.dim()                         # 形状是空的，维数是 0
(torch.Size([]), 0)
>>> x.item()                                 # 取出 Python 数
3.0
>>> # --8<-- [end:scalars]
""",
    "vectors": r"""
>>> # --8<-- [start:vectors]
>>> x = torch.arange(4.0)                    # 向量：1 维张量
>>> x
tensor([0., 1., 2., 3.])
>>> x[3]                                     # 下标从 0 开始：第 4 个元素 x_4
tensor(3.)
>>> len(x), x.shape                          # 向量的长度（维度）是 4
(4, torch.Size([4]))
>>> # --8<-- [end:vectors]
""",
    "matrices": r"""
>>> # --8<-- [start:matrices]
>>> A = torch.arange(6.0).reshape(3, 2)      # 矩阵：2 维张量，3 行 2 列
>>> A
tensor([[0., 1.],
        [2., 3.],
        [4., 5.]])
>>> A.T                                      # 转置：行变列，列变行
tensor([[0., 2., 4.],
        [1., 3., 5.]])
>>> A.shape, A.T.shape
(torch.Size([3, 2]), torch.Size([2, 3]))
>>> torch.equal(A.T.T, A)                    # 转置两次回到原样
True
>>> # --8<-- [end:matrices]
""",
    "symmetric": r"""
>>> # --8<-- [start:symmetric]
>>> B = torch.tensor([[1., 2., 3.],
...                   [2., 0., 4.],
...                   [3., 4., 5.]])
>>> B == B.T                                 # 逐元素比较：得到一个布尔矩阵
tensor([[True, True, True],
        [True, True, True],
        [True, True, True]])
>>> torch.equal(B, B.T)                      # 整个矩阵是否相等：对称矩阵
True
>>> A = torch.arange(6.0).reshape(3, 2)
>>> A.shape == A.T.shape                     # 非方阵的转置形状都不同，不可能对称
False
>>> torch.equal(A @ A.T, (A @ A.T).T)        # A Aᵀ 总是对称的
True
>>> # --8<-- [end:symmetric]
""",
    "tensors-nd": r"""
>>> # --8<-- [start:tensors-nd]
>>> X = torch.arange(24.0).reshape(2, 3, 4)  # 3 维张量：2 个 3×4 矩阵
>>> X.shape, X.dim()
(torch.Size([2, 3, 4]), 3)
>>> X.mT.shape                               # 把每个矩阵分别转置：(2, 4, 3)
torch.Size([2, 4, 3])
>>> torch.equal(X.mT, X.transpose(-2, -1))   # 即交换最后两维
True
>>> torch.equal(X.mT[1], X[1].T)             # 第 1 个矩阵的转置
True
>>> # --8<-- [end:tensors-nd]
""",
    "elementwise": r"""
>>> # --8<-- [start:elementwise]
>>> A = torch.arange(6.0).reshape(2, 3)
>>> B = A.clone()                            # 复制一份；写 B = A 只是给同一个张量起了别名
>>> A + B
tensor([[ 0.,  2.,  4.],
        [ 6.,  8., 10.]])
>>> A * B                                    # Hadamard 积：对应元素相乘，不是矩阵乘法
tensor([[ 0.,  1.,  4.],
        [ 9., 16., 25.]])
>>> 2 + A                                    # 与标量运算：每个元素都加 2
tensor([[2., 3., 4.],
        [5., 6., 7.]])
>>> (2 * A).shape                            # 形状不变
torch.Size([2, 3])
>>> # --8<-- [end:elementwise]
""",
    "sum": r"""
>>> # --8<-- [start:sum]
>>> A = torch.arange(12.0).reshape(3, 4)
>>> A
tensor([[ 0.,  1.,  2.,  3.],
        [ 4.,  5.,  6.,  7.],
        [ 8.,  9., 10., 11.]])
>>> A.sum()                                  # 所有元素之和：结果是标量
tensor(66.)
>>> A.sum(dim=0)                             # 压掉第 0 维（3 行加成 1 行）：每列一个和
tensor([12., 15., 18., 21.])
>>> A.sum(dim=1)                             # 压掉第 1 维：每行一个和
tensor([ 6., 22., 38.])
>>> A.sum(dim=0).shape, A.sum(dim=1).shape   # 被求和的那一维消失了
(torch.Size([4]), torch.Size([3]))
>>> A.sum(dim=(0, 1))                        # 沿两维都求和，等于 A.sum()
tensor(66.)
>>> # --8<-- [end:sum]
""",
    "keepdim": r"""
>>> # --8<-- [start:keepdim]
>>> A = torch.tensor([[1., 1., 2., 4.],
...                   [2., 2., 2., 2.],
...                   [0., 1., 1., 2.]])
>>> A.sum(dim=1)                             # 形状 (3,)
tensor([8., 8., 4.])
>>> A.sum(dim=1, keepdim=True)               # 形状 (3, 1)：被求和的那一维保留为长度 1
tensor([[8.],
        [8.],
        [4.]])
>>> A / A.sum(dim=1, keepdim=True)           # (3, 4) / (3, 1)：每行除以该行之和
tensor([[0.1250, 0.1250, 0.2500, 0.5000],
        [0.2500, 0.2500, 0.2500, 0.2500],
        [0.0000, 0.2500, 0.2500, 0.5000]])
>>> (A / A.sum(dim=1, keepdim=True)).sum(dim=1)  # 每行之和都变成 1
tensor([1., 1., 1.])
>>> A / A.sum(dim=1)                         # (3, 4) / (3,)：末尾对齐时 4 对 3
Traceback (most recent call last):
    ...
RuntimeError: The size of tensor a (4) must match the size of tensor b (3) at non-singleton dimension 1
>>> C = torch.tensor([[1., 1., 2.],
...                   [2., 2., 4.],
...                   [1., 3., 4.]])         # 方阵更危险：不报错，结果却是错的
>>> C / C.sum(dim=1)                         # (3,) 被当成一行 (1, 3)：第 j 列除以第 j 行之和
tensor([[0.2500, 0.1250, 0.2500],
        [0.5000, 0.2500, 0.5000],
        [0.2500, 0.3750, 0.5000]])
>>> (C / C.sum(dim=1)).sum(dim=1)            # 每行之和不是 1
tensor([0.6250, 1.2500, 1.1250])
>>> (C / C.sum(dim=1, keepdim=True)).sum(dim=1)
tensor([1., 1., 1.])
>>> # --8<-- [end:keepdim]
""",
    "mean": r"""
>>> # --8<-- [start:mean]
>>> A = torch.arange(12.0).reshape(3, 4)
>>> A.mean(), A.sum() / A.numel()            # 平均值 = 总和 / 元素个数
(tensor(5.5000), tensor(5.5000))
>>> A.mean(dim=0), A.sum(dim=0) / A.shape[0]  # 每列的平均值
(tensor([4., 5., 6., 7.]), tensor([4., 5., 6., 7.]))
>>> A.mean(dim=1)                            # 每行的平均值
tensor([1.5000, 5.5000, 9.5000])
>>> A.mean(dim=1, keepdim=True).shape        # 同样可以 keepdim
torch.Size([3, 1])
>>> # --8<-- [end:mean]
""",
    "cumsum": r"""
>>> # --8<-- [start:cumsum]
>>> A = torch.arange(12.0).reshape(3, 4)
>>> A.cumsum(dim=0)                          # 沿第 0 维累加：第 i 行 = 前 i+1 行之和
tensor([[ 0.,  1.,  2.,  3.],
        [ 4.,  6.,  8., 10.],
        [12., 15., 18., 21.]])
>>> A.cumsum(dim=1)                          # 沿第 1 维累加：最后一列就是每行之和
tensor([[ 0.,  1.,  3.,  6.],
        [ 4.,  9., 15., 22.],
        [ 8., 17., 27., 38.]])
>>> A.cumsum(dim=0).shape                    # 累加不减少维度
torch.Size([3, 4])
>>> # --8<-- [end:cumsum]
""",
    "dot": r"""
>>> # --8<-- [start:dot]
>>> x = torch.arange(4.0)                    # [0, 1, 2, 3]
>>> y = torch.ones(4)
>>> torch.dot(x, y)                          # 0·1 + 1·1 + 2·1 + 3·1
tensor(6.)
>>> torch.sum(x * y), x @ y                  # 同样的结果：先逐元素乘，再求和
(tensor(6.), tensor(6.))
>>> w = torch.full((4,), 0.25)               # 权重都是 1/4：点积就是平均值
>>> torch.dot(x, w)
tensor(1.5000)
>>> torch.dot(torch.tensor([1, 2]), torch.tensor([1.0, 2.0]))  # 两个向量的 dtype 必须相同
Traceback (most recent call last):
    ...
RuntimeError: dot : expected both vectors to have same dtype, but found Long and Float
>>> # --8<-- [end:dot]
""",
    "matvec": r"""
>>> # --8<-- [start:matvec]
>>> A = torch.arange(12.0).reshape(3, 4)     # 3×4 矩阵
>>> x = torch.arange(4.0)                    # 长度为 4 的向量
>>> torch.mv(A, x)                           # 每行与 x 做点积：0+1+4+9, 0+5+12+21, 0+9+20+33
tensor([14., 38., 62.])
>>> A @ x                                    # 更常用的写法
tensor([14., 38., 62.])
>>> (A @ x).shape                            # (3, 4) 乘 (4,) 得到 (3,)
torch.Size([3])
>>> torch.equal(A @ x, (A * x).sum(dim=1))   # x 广播到每一行，逐元素乘后按行求和
True
>>> # --8<-- [end:matvec]
""",
    "matmul": r"""
>>> # --8<-- [start:matmul]
>>> A = torch.arange(12.0).reshape(3, 4)
>>> B = torch.ones(4, 2)
>>> torch.mm(A, B)                           # (3, 4) × (4, 2) = (3, 2)
tensor([[ 6.,  6.],
        [22., 22.],
        [38., 38.]])
>>> torch.equal(A @ B, torch.mm(A, B)), torch.equal(torch.matmul(A, B), A @ B)
(True, True)
>>> A @ A                                    # 内侧的两个维度必须相等：4 对 3
Traceback (most recent call last):
    ...
RuntimeError: mat1 and mat2 shapes cannot be multiplied (3x4 and 3x4)
>>> (A @ A.T).shape                          # (3, 4) × (4, 3) = (3, 3)
torch.Size([3, 3])
>>> (torch.ones(5, 3, 4) @ B).shape          # matmul 还能批量做：5 个 (3, 4) 各乘 B
torch.Size([5, 3, 2])
>>> # --8<-- [end:matmul]
""",
    "norms": r"""
>>> # --8<-- [start:norms]
>>> u = torch.tensor([3.0, -4.0])
>>> torch.linalg.vector_norm(u)              # L2 范数（默认）：sqrt(3² + 4²)
tensor(5.)
>>> torch.linalg.vector_norm(u, ord=1)       # L1 范数：|3| + |-4|
tensor(7.)
>>> torch.abs(u).sum()                       # 按定义算 L1 范数
tensor(7.)
>>> torch.linalg.vector_norm(u, ord=float("inf"))  # L∞ 范数：绝对值最大的元素
tensor(4.)
>>> M = torch.ones(4, 9)
>>> torch.linalg.matrix_norm(M)              # Frobenius 范数（默认）：sqrt(36 个 1 的平方和)
tensor(6.)
>>> torch.linalg.norm(M)                     # 对矩阵默认也是 Frobenius 范数
tensor(6.)
>>> torch.linalg.vector_norm(torch.tensor([[3., 4.],
...                                        [6., 8.]]), dim=1)  # 每行一个 L2 范数
tensor([ 5., 10.])
>>> # --8<-- [end:norms]
""",
}


# --8<-- [start:draw_keepdim]
def draw_keepdim() -> Figure:
    """Draw A (3, 4) next to its row sums with keepdim=True (3, 1) and without (3,)."""
    A = torch.tensor([[1, 1, 2, 4], [2, 2, 2, 2], [0, 1, 1, 2]])
    kept = A.sum(dim=1, keepdim=True)            # (3, 1)
    flat = A.sum(dim=1)                          # (3,)

    def cell(ax, row, col, text, color, edge="black", style="-"):
        ax.add_patch(Rectangle((col, row), 1, 1, facecolor=color, edgecolor=edge, linestyle=style))
        ax.text(col + 0.5, row + 0.5, text, ha="center", va="center", fontsize=12)

    fig = Figure(figsize=(11, 3.3))
    axes = fig.subplots(1, 3)
    for (i, j), v in zip([(i, j) for i in range(3) for j in range(4)], A.flatten().tolist(), strict=True):
        cell(axes[0], i, j, str(v), "white")
    axes[0].set_title("A：形状 (3, 4)")
    for i, s in enumerate(kept[:, 0].tolist()):
        for j in range(4):  # 第 0 列是真实数据，其余是广播“复制”出来的
            cell(axes[1], i, j, str(s), "#74c476" if j == 0 else "#e5f5e0")
    axes[1].set_title("A.sum(dim=1, keepdim=True)：形状 (3, 1)\n广播成 (3, 4)：每行一个和")
    for j, s in enumerate(flat.tolist()):
        cell(axes[2], 0, j + 1, str(s), "#fcbba1")  # 末尾对齐：3 个数排成一行，靠右
    cell(axes[2], 0, 0, "?", "white", edge="tab:red", style="--")
    axes[2].text(2, 1.6, "(3,) 被看作一行 (1, 3)\nA 有 4 列，不是 3 列：\nRuntimeError",
                 ha="center", va="top", fontsize=11, color="tab:red")
    axes[2].set_title("A.sum(dim=1)：形状 (3,)")
    for ax in axes:
        ax.set_xlim(-0.1, 4.1)
        ax.set_ylim(3.1, -0.1)
        ax.set_aspect("equal")
        ax.axis("off")
    return fig
# --8<-- [end:draw_keepdim]
