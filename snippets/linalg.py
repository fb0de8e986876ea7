"""线性代数 (linalg): the code of docs/linalg.md.

Scalars, vectors, matrices and tensors in PyTorch; transposes and symmetric
matrices, elementwise operations, reductions along a dimension (and keepdim for
broadcasting), dot products, matrix-vector and matrix products, norms. Each entry of
``__test__`` is one section of the page. The tensors hold small integers (or
divisions by powers of two), so the printed results are exact on the CPU and on
CUDA.
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
>>> len(x), x.shape                          # 长度 d = 4
(4, torch.Size([4]))
>>> # --8<-- [end:vectors]
""",
    "matrices": r"""
>>> # --8<-- [start:matrices]
>>> X = torch.arange(6.0).reshape(3, 2)      # n = 3 个样本，每个 d = 2 个特征
>>> X
tensor([[0., 1.],
        [2., 3.],
        [4., 5.]])
>>> X[1]                                     # 第 2 行：第 2 个样本的两个特征
tensor([2., 3.])
>>> X[:, 0]                                  # 第 1 列：3 个样本的第 1 个特征
tensor([0., 2., 4.])
>>> X.T                                      # 转置：行变列，列变行
tensor([[0., 2., 4.],
        [1., 3., 5.]])
>>> X.shape, X.T.shape
(torch.Size([3, 2]), torch.Size([2, 3]))
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
>>> torch.equal(B, B.T)                      # 整个矩阵是否相等
True
>>> X = torch.arange(6.0).reshape(3, 2)
>>> X.T @ X                                  # (2, 3) @ (3, 2)：总是对称的
tensor([[20., 26.],
        [26., 35.]])
>>> # --8<-- [end:symmetric]
""",
    "symmetric-mistake": r"""
>>> # --8<-- [start:symmetric-mistake]
>>> S = torch.tensor([[1., 2.],
...                   [2., 1.]])
>>> if S == S.T:                             # 4 个 True/False，不是一个
...     print("对称")
Traceback (most recent call last):
    ...
RuntimeError: Boolean value of Tensor with more than one value is ambiguous
>>> if torch.equal(S, S.T):
...     print("对称")
对称
>>> # --8<-- [end:symmetric-mistake]
""",
    "tensors-nd": r"""
>>> # --8<-- [start:tensors-nd]
>>> Z = torch.arange(24.0).reshape(2, 3, 4)  # 3 维张量：2 个 3×4 矩阵
>>> Z.shape, Z.dim()
(torch.Size([2, 3, 4]), 3)
>>> Z[1]                                     # 第 2 个矩阵
tensor([[12., 13., 14., 15.],
        [16., 17., 18., 19.],
        [20., 21., 22., 23.]])
>>> Z.mT[1]                                  # 把每个矩阵分别转置：第 2 个矩阵的转置
tensor([[12., 16., 20.],
        [13., 17., 21.],
        [14., 18., 22.],
        [15., 19., 23.]])
>>> Z.mT.shape, Z.transpose(-2, -1).shape    # 即交换最后两维
(torch.Size([2, 4, 3]), torch.Size([2, 4, 3]))
>>> # --8<-- [end:tensors-nd]
""",
    "transpose-nd-mistake": r"""
>>> # --8<-- [start:transpose-nd-mistake]
>>> Z = torch.arange(24.0).reshape(2, 3, 4)  # 同上：2 个 3×4 矩阵
>>> Z.T.shape                                # 所有维度倒过来，并发出弃用警告
torch.Size([4, 3, 2])
>>> Z.mT.shape                               # 每个矩阵分别转置
torch.Size([2, 4, 3])
>>> Z.permute(2, 1, 0).shape                 # 确实要倒转所有维度时，明确写出来
torch.Size([4, 3, 2])
>>> # --8<-- [end:transpose-nd-mistake]
""",
    "elementwise": r"""
>>> # --8<-- [start:elementwise]
>>> A = torch.arange(6.0).reshape(2, 3)
>>> B = A.clone()                            # 复制一份，B 与 A 互不影响
>>> A + B
tensor([[ 0.,  2.,  4.],
        [ 6.,  8., 10.]])
>>> A * B                                    # Hadamard 积：对应元素相乘
tensor([[ 0.,  1.,  4.],
        [ 9., 16., 25.]])
>>> 2 + A                                    # 与标量运算：每个元素都加 2
tensor([[2., 3., 4.],
        [5., 6., 7.]])
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
>>> A.sum(dim=0)                             # 第 0 维（长度 3）消失：每列一个和
tensor([12., 15., 18., 21.])
>>> A.sum(dim=1)                             # 第 1 维（长度 4）消失：每行一个和
tensor([ 6., 22., 38.])
>>> A.sum(dim=0).shape, A.sum(dim=1).shape   # (3, 4) 去掉第 0 维或第 1 维
(torch.Size([4]), torch.Size([3]))
>>> A.sum(dim=(0, 1))                        # 两维都消失，等于 A.sum()
tensor(66.)
>>> # --8<-- [end:sum]
""",
    "sum-nd": r"""
>>> # --8<-- [start:sum-nd]
>>> Z = torch.arange(24.0).reshape(2, 3, 4)
>>> Z.sum(dim=0).shape, Z.sum(dim=1).shape, Z.sum(dim=2).shape
(torch.Size([3, 4]), torch.Size([2, 4]), torch.Size([2, 3]))
>>> Z.sum(dim=-1).shape, Z.sum(axis=2).shape  # -1 指最后一维；axis 是 dim 的别名
(torch.Size([2, 3]), torch.Size([2, 3]))
>>> # --8<-- [end:sum-nd]
""",
    "keepdim": r"""
>>> # --8<-- [start:keepdim]
>>> A = torch.tensor([[1., 1., 2., 4.],
...                   [2., 2., 2., 2.],
...                   [0., 1., 1., 2.]])
>>> A.sum(dim=1)                             # 形状 (3,)
tensor([8., 8., 4.])
>>> A.sum(dim=1, keepdim=True)               # 形状 (3, 1)：求和的那一维保留为长度 1
tensor([[8.],
        [8.],
        [4.]])
>>> P = A / A.sum(dim=1, keepdim=True)       # (3, 4) / (3, 1)：每行除以该行之和
>>> P
tensor([[0.1250, 0.1250, 0.2500, 0.5000],
        [0.2500, 0.2500, 0.2500, 0.2500],
        [0.0000, 0.2500, 0.2500, 0.5000]])
>>> P.sum(dim=1)                             # 每行之和都变成 1
tensor([1., 1., 1.])
>>> A.sum(dim=1, keepdims=True).shape        # NumPy 的参数名 keepdims 也可以用
torch.Size([3, 1])
>>> # --8<-- [end:keepdim]
""",
    "keepdim-mistake": r"""
>>> # --8<-- [start:keepdim-mistake]
>>> A = torch.ones(3, 4)
>>> A / A.sum(dim=1)                         # (3, 4) / (3,)：末尾对齐时 4 对 3
Traceback (most recent call last):
    ...
RuntimeError: The size of tensor a (4) must match the size of tensor b (3) at non-singleton dimension 1
>>> C = torch.tensor([[1., 1., 2.],
...                   [2., 2., 4.],
...                   [1., 3., 4.]])
>>> C.sum(dim=1)                             # 每行之和
tensor([4., 8., 8.])
>>> C / C.sum(dim=1)                         # 方阵：不报错，第 j 列除以第 j 行之和
tensor([[0.2500, 0.1250, 0.2500],
        [0.5000, 0.2500, 0.5000],
        [0.2500, 0.3750, 0.5000]])
>>> (C / C.sum(dim=1)).sum(dim=1)            # 每行之和不是 1
tensor([0.6250, 1.2500, 1.1250])
>>> (C / C.sum(dim=1, keepdim=True)).sum(dim=1)
tensor([1., 1., 1.])
>>> # --8<-- [end:keepdim-mistake]
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
>>> # --8<-- [end:cumsum]
""",
    "dot": r"""
>>> # --8<-- [start:dot]
>>> x = torch.arange(4.0)                    # [0, 1, 2, 3]
>>> w = torch.ones(4)
>>> torch.dot(x, w)                          # 0·1 + 1·1 + 2·1 + 3·1
tensor(6.)
>>> torch.sum(x * w), x @ w                  # 同样的结果：先逐元素乘，再求和
(tensor(6.), tensor(6.))
>>> w = torch.full((4,), 0.25)               # 权重都是 1/4：点积就是平均值
>>> torch.dot(x, w)
tensor(1.5000)
>>> # --8<-- [end:dot]
""",
    "dot-mistake": r"""
>>> # --8<-- [start:dot-mistake]
>>> i = torch.tensor([1, 2])                 # 整数：dtype 是 int64
>>> torch.dot(i, torch.tensor([1.0, 2.0]))
Traceback (most recent call last):
    ...
RuntimeError: dot : expected both vectors to have same dtype, but found Long and Float
>>> torch.dot(i.float(), torch.tensor([1.0, 2.0]))
tensor(5.)
>>> # --8<-- [end:dot-mistake]
""",
    "matvec": r"""
>>> # --8<-- [start:matvec]
>>> X = torch.arange(12.0).reshape(3, 4)     # n = 3 个样本，d = 4 个特征
>>> w = torch.arange(4.0)                    # 每个特征一个权重
>>> torch.mv(X, w), X @ w                    # 每行与 w 的点积；@ 是更常用的写法
(tensor([14., 38., 62.]), tensor([14., 38., 62.]))
>>> (X * w).sum(dim=1)                       # w 广播到每一行，逐元素乘后按行求和
tensor([14., 38., 62.])
>>> # --8<-- [end:matvec]
""",
    "matmul": r"""
>>> # --8<-- [start:matmul]
>>> X = torch.arange(12.0).reshape(3, 4)     # n = 3, d = 4
>>> W = torch.tensor([[1., 0.],
...                   [0., 1.],
...                   [1., 0.],
...                   [0., 1.]])             # d = 4 行，q = 2 列
>>> X @ W                                    # (3, 4) @ (4, 2) = (3, 2)
tensor([[ 2.,  4.],
        [10., 12.],
        [18., 20.]])
>>> torch.mm(X, W)                           # 同样是矩阵乘法，只接受 2 维矩阵
tensor([[ 2.,  4.],
        [10., 12.],
        [18., 20.]])
>>> X @ X                                    # 内侧的两个长度必须相等：4 对 3
Traceback (most recent call last):
    ...
RuntimeError: mat1 and mat2 shapes cannot be multiplied (3x4 and 3x4)
>>> (X @ X.T).shape                          # (3, 4) @ (4, 3) = (3, 3)
torch.Size([3, 3])
>>> (torch.ones(5, 3, 4) @ W).shape          # 批量：5 个 (3, 4) 各乘 W
torch.Size([5, 3, 2])
>>> # --8<-- [end:matmul]
""",
    "cross": r"""
>>> # --8<-- [start:cross]
>>> e1 = torch.tensor([1., 0., 0.])
>>> e2 = torch.tensor([0., 1., 0.])
>>> torch.linalg.cross(e1, e2)               # 叉积：与两者都垂直的向量
tensor([0., 0., 1.])
>>> torch.dot(e1, e2)                        # 点积：一个数
tensor(0.)
>>> # --8<-- [end:cross]
""",
    "hadamard-mistake": r"""
>>> # --8<-- [start:hadamard-mistake]
>>> X, W = torch.ones(3, 4), torch.ones(4, 2)
>>> X * W                                    # 逐元素乘：(3, 4) 与 (4, 2) 对不上
Traceback (most recent call last):
    ...
RuntimeError: The size of tensor a (4) must match the size of tensor b (2) at non-singleton dimension 1
>>> S = torch.tensor([[1., 2.],
...                   [3., 4.]])
>>> S * S                                    # 方阵：不报错，但这是 Hadamard 积
tensor([[ 1.,  4.],
        [ 9., 16.]])
>>> S @ S                                    # 矩阵乘法
tensor([[ 7., 10.],
        [15., 22.]])
>>> # --8<-- [end:hadamard-mistake]
""",
    "norms": r"""
>>> # --8<-- [start:norms]
>>> x = torch.tensor([3.0, -4.0])
>>> torch.linalg.vector_norm(x)              # L2 范数（默认）：sqrt(3² + 4²)
tensor(5.)
>>> torch.linalg.vector_norm(x, ord=1), torch.abs(x).sum()  # L1 范数：|3| + |-4|
(tensor(7.), tensor(7.))
>>> torch.linalg.vector_norm(x, ord=float("inf"))  # L∞ 范数：绝对值最大的元素
tensor(4.)
>>> M = torch.ones(4, 9)
>>> torch.linalg.matrix_norm(M), torch.linalg.norm(M)  # 默认都是 Frobenius 范数
(tensor(6.), tensor(6.))
>>> X = torch.tensor([[3., 4.],
...                   [6., 8.]])
>>> torch.linalg.vector_norm(X, dim=1)       # 每行（每个样本）一个 L2 范数
tensor([ 5., 10.])
>>> # --8<-- [end:norms]
""",
    "norm-mistake": r"""
>>> # --8<-- [start:norm-mistake]
>>> D = torch.tensor([[3., 0.],
...                   [0., 4.]])
>>> torch.norm(D, p=2)                       # 已弃用：把矩阵展平，sqrt(3² + 4²)
tensor(5.)
>>> torch.linalg.matrix_norm(D, ord=2)       # 矩阵的 2 范数：谱范数  # doctest: +CUDA_ATOL_0_01
tensor(4.)
>>> torch.linalg.matrix_norm(D), torch.linalg.vector_norm(D)  # Frobenius 范数
(tensor(5.), tensor(5.))
>>> # --8<-- [end:norm-mistake]
""",
    "exercise-transpose": r"""
>>> # --8<-- [start:exercise-transpose]
>>> A = torch.arange(6.0).reshape(2, 3)
>>> B = torch.tensor([[1., 0., 2.],
...                   [0., 3., 0.]])
>>> (A + B).T
tensor([[1., 3.],
        [1., 7.],
        [4., 5.]])
>>> A.T + B.T
tensor([[1., 3.],
        [1., 7.],
        [4., 5.]])
>>> torch.equal(A.T.T, A), torch.equal((A + B).T, A.T + B.T)
(True, True)
>>> # --8<-- [end:exercise-transpose]
""",
    "exercise-keepdim-shape": r"""
>>> # --8<-- [start:exercise-keepdim-shape]
>>> Z = torch.arange(24.0).reshape(2, 3, 4)
>>> Z.sum(dim=1).shape
torch.Size([2, 4])
>>> Z.sum(dim=1, keepdim=True).shape
torch.Size([2, 1, 4])
>>> (Z / Z.sum(dim=1, keepdim=True)).sum(dim=1)  # 每个 3×4 矩阵的每列之和为 1  # doctest: +CUDA_ATOL_0_01
tensor([[1., 1., 1., 1.],
        [1., 1., 1., 1.]])
>>> # --8<-- [end:exercise-keepdim-shape]
""",
    "exercise-square": r"""
>>> # --8<-- [start:exercise-square]
>>> C = torch.tensor([[1., 2., 1.],
...                   [1., 2., 3.],
...                   [2., 4., 4.]])
>>> C.sum(dim=0)                             # 每列之和，形状 (3,)
tensor([4., 8., 8.])
>>> C / C.sum(dim=0)                         # (3,) 被当成一行：第 j 列除以第 j 列之和
tensor([[0.2500, 0.2500, 0.1250],
        [0.2500, 0.2500, 0.3750],
        [0.5000, 0.5000, 0.5000]])
>>> (C / C.sum(dim=0)).sum(dim=0)            # 每列之和都是 1
tensor([1., 1., 1.])
>>> C.sum(dim=0, keepdim=True).shape         # 保留维度得到 (1, 3)：结果相同
torch.Size([1, 3])
>>> # --8<-- [end:exercise-square]
""",
    "exercise-row-norm": r"""
>>> # --8<-- [start:exercise-row-norm]
>>> X = torch.tensor([[3., 4.],
...                   [6., 8.],
...                   [0., 2.]])
>>> norms = torch.linalg.vector_norm(X, dim=1, keepdim=True)  # 形状 (3, 1)
>>> norms
tensor([[ 5.],
        [10.],
        [ 2.]])
>>> X / norms
tensor([[0.6000, 0.8000],
        [0.6000, 0.8000],
        [0.0000, 1.0000]])
>>> torch.linalg.vector_norm(X / norms, dim=1)  # 每行的长度都是 1  # doctest: +CUDA_ATOL_0_01
tensor([1., 1., 1.])
>>> # --8<-- [end:exercise-row-norm]
""",
}


# --8<-- [start:draw_keepdim]
def draw_keepdim() -> Figure:
    """A (3, 4) next to its row sums with keepdim=True (3, 1) and without (3,)."""
    A = torch.tensor([[1, 1, 2, 4], [2, 2, 2, 2], [0, 1, 1, 2]])
    kept = A.sum(dim=1, keepdim=True)            # (3, 1)
    flat = A.sum(dim=1)                          # (3,)

    def cell(ax, row, col, text, color, edge="black", style="-"):
        ax.add_patch(Rectangle((col, row), 1, 1, facecolor=color,
                               edgecolor=edge, linestyle=style))
        ax.text(col + 0.5, row + 0.5, text, ha="center", va="center", fontsize=12)

    fig = Figure(figsize=(11, 3.3))
    axes = fig.subplots(1, 3)
    for i in range(3):
        for j in range(4):
            cell(axes[0], i, j, str(A[i, j].item()), "white")
    axes[0].set_title("A：形状 (3, 4)")
    for i, s in enumerate(kept[:, 0].tolist()):
        for j in range(4):  # 第 0 列是真实数据，其余是广播“复制”出来的
            cell(axes[1], i, j, str(s), "#74c476" if j == 0 else "#e5f5e0")
    axes[1].set_title("A.sum(dim=1, keepdim=True)：形状 (3, 1)\n"
                      "广播成 (3, 4)：每行一个和")
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
