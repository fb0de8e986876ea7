"""张量 (tensors): the code of docs/tensors.md.

Each entry of ``__test__`` is one section of the page, run by pytest as a doctest on
the CPU and on CUDA. The examples avoid printing random values, which differ
between devices: they print shapes, dtypes and facts that hold for any draw.
"""

__cuda__ = "default-device"

# --8<-- [start:imports]
import matplotlib
import numpy as np
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
    "create": r"""
>>> # --8<-- [start:create]
>>> torch.tensor([[1, 2], [3, 4]])           # 从 Python 列表创建，整数默认 int64
tensor([[1, 2],
        [3, 4]])
>>> torch.tensor([1.5, 2.0]).dtype           # 浮点数默认 float32
torch.float32
>>> torch.tensor([1, 2], dtype=torch.float64)
tensor([1., 2.], dtype=torch.float64)
>>> torch.Tensor([1, 2])                     # 旧式构造器：总是 float32，不推荐
tensor([1., 2.])
>>> torch.tensor(3.14).dim(), torch.tensor([3.14]).dim()  # 标量是 0 维，[3.14] 是 1 维
(0, 1)
>>> # --8<-- [end:create]
""",
    "create-filled": r"""
>>> # --8<-- [start:create-filled]
>>> torch.arange(5)                          # [0, 5)，步长 1
tensor([0, 1, 2, 3, 4])
>>> torch.arange(1, 2.5, 0.5)                # 起点、终点（不含）、步长
tensor([1.0000, 1.5000, 2.0000])
>>> torch.linspace(0, 1, steps=5)            # 含两端、等间隔的 5 个数
tensor([0.0000, 0.2500, 0.5000, 0.7500, 1.0000])
>>> torch.zeros(2, 3)
tensor([[0., 0., 0.],
        [0., 0., 0.]])
>>> torch.ones(2, 2, dtype=torch.int32)
tensor([[1, 1],
        [1, 1]], dtype=torch.int32)
>>> torch.eye(3)
tensor([[1., 0., 0.],
        [0., 1., 0.],
        [0., 0., 1.]])
>>> torch.full((2, 3), 7.0)
tensor([[7., 7., 7.],
        [7., 7., 7.]])
>>> torch.empty(2, 3).shape                  # 只分配内存、不初始化：值是任意的，不要读它
torch.Size([2, 3])
>>> # --8<-- [end:create-filled]
""",
    "create-random": r"""
>>> # --8<-- [start:create-random]
>>> _ = torch.manual_seed(0)                 # 固定种子，每次运行得到同样的随机数
>>> u = torch.rand(1000)                     # 均匀分布 U[0, 1)
>>> bool(u.min() >= 0), bool(u.max() < 1)
(True, True)
>>> z = torch.randn(100_000)                 # 标准正态分布 N(0, 1)，不是 [0, 1] 区间
>>> abs(z.mean().item()) < 0.01, abs(z.std().item() - 1) < 0.01  # 均值≈0，标准差≈1
(True, True)
>>> k = torch.randint(3, 10, (1000,))        # [3, 10) 中的整数：不含 10
>>> k.min().item() >= 3, k.max().item() <= 9
(True, True)
>>> torch.randperm(5).sort().values          # 0..4 的一个随机排列，排序后就是 0..4
tensor([0, 1, 2, 3, 4])
>>> g = torch.normal(mean=2.0, std=0.5, size=(100_000,))
>>> abs(g.mean().item() - 2) < 0.01, abs(g.std().item() - 0.5) < 0.01
(True, True)
>>> x = torch.ones(2, 3, dtype=torch.float64)
>>> torch.rand_like(x).shape, torch.zeros_like(x).dtype  # *_like：形状与 dtype 照抄 x
(torch.Size([2, 3]), torch.float64)
>>> # --8<-- [end:create-random]
""",
    "attributes": r"""
>>> # --8<-- [start:attributes]
>>> x = torch.zeros(2, 3, 4)
>>> x.shape, x.size(), x.size(1)
(torch.Size([2, 3, 4]), torch.Size([2, 3, 4]), 3)
>>> x.dim()                                  # 维数，即 len(x.shape)
3
>>> x.numel()                                # 元素个数 2*3*4，不是内存大小
24
>>> x.numel() * x.element_size()             # 内存字节数 = 元素个数 × 每个元素的字节数
96
>>> x.dtype, x.layout
(torch.float32, torch.strided)
>>> x.to_sparse().layout                     # 稀疏张量的布局
torch.sparse_coo
>>> x.device                                 # 张量所在的设备
device(type='cpu')
>>> list(x.shape)
[2, 3, 4]
>>> # --8<-- [end:attributes]
""",
    "dtypes": r"""
>>> # --8<-- [start:dtypes]
>>> x = torch.tensor([1, 2, 3])
>>> x.dtype
torch.int64
>>> x.to(torch.float32)                      # 转换 dtype，返回新张量
tensor([1., 2., 3.])
>>> x.float().dtype, x.double().dtype, x.long().dtype
(torch.float32, torch.float64, torch.int64)
>>> (x + 0.5).dtype                          # int64 与 Python float 运算：提升为默认浮点类型
torch.float32
>>> (x / 2)                                  # 除法 / 总是得到浮点数
tensor([0.5000, 1.0000, 1.5000])
>>> x // 2                                   # 整除
tensor([0, 1, 1])
>>> torch.get_default_dtype()
torch.float32
>>> # --8<-- [end:dtypes]
""",
    "numpy": r"""
>>> # --8<-- [start:numpy]
>>> a = np.array([1, 2, 3])
>>> shared = torch.from_numpy(a)             # 与 a 共享内存
>>> on_cpu = torch.as_tensor(a, device="cpu")  # CPU 上、dtype 相同：也共享内存
>>> copied = torch.tensor(a)                 # 复制一份数据
>>> a[0] = 100
>>> shared
tensor([100,   2,   3])
>>> on_cpu
tensor([100,   2,   3])
>>> copied
tensor([1, 2, 3])
>>> b = shared.numpy()                       # CPU 张量 -> ndarray，也共享内存
>>> shared[1] = -1
>>> b
array([100,  -1,   3])
>>> torch.from_numpy(np.ones(2)).dtype       # NumPy 默认 float64，转过来仍是 float64
torch.float64
>>> torch.from_numpy(np.ones(2)).float().dtype  # 送进模型前通常转成 float32
torch.float32
>>> # --8<-- [end:numpy]
""",
    "indexing": r"""
>>> # --8<-- [start:indexing]
>>> x = torch.arange(24).reshape(2, 3, 4)    # 想象成 2 张 3×4 的“图片”
>>> x[0].shape                               # 整数索引会去掉那一维
torch.Size([3, 4])
>>> x[0, 1]
tensor([4, 5, 6, 7])
>>> x[0, 1, 2]
tensor(6)
>>> x[:, 1:, ::2].shape                      # 切片保留维度；::2 是步长
torch.Size([2, 2, 2])
>>> x[..., -1]                               # ... 代表“前面所有维度都取全部”
tensor([[ 3,  7, 11],
        [15, 19, 23]])
>>> x[0, :, 1:3]
tensor([[ 1,  2],
        [ 5,  6],
        [ 9, 10]])
>>> # --8<-- [end:indexing]
""",
    "indexing-advanced": r"""
>>> # --8<-- [start:indexing-advanced]
>>> m = torch.tensor([[4, 3, 5],
...                   [6, 7, 8]])
>>> m.index_select(1, torch.tensor([0, 2]))  # 在第 1 维上选第 0、2 列
tensor([[4, 5],
        [6, 8]])
>>> m[:, [0, 2]]                             # 同样的结果：用列表做“花式索引”
tensor([[4, 5],
        [6, 8]])
>>> m[[0, 1], [2, 0]]                        # 取 (0, 2) 和 (1, 0) 两个元素
tensor([5, 6])
>>> mask = m > 5
>>> mask
tensor([[False, False, False],
        [ True,  True,  True]])
>>> torch.masked_select(m, mask)             # 结果总是一维的
tensor([6, 7, 8])
>>> m[m > 5]                                 # 更常用的写法
tensor([6, 7, 8])
>>> torch.take(m, torch.tensor([0, 2, 5]))   # 先按行展平成一维，再按下标取
tensor([4, 5, 8])
>>> # --8<-- [end:indexing-advanced]
""",
    "view-reshape": r"""
>>> # --8<-- [start:view-reshape]
>>> x = torch.arange(12)
>>> x.view(3, 4)
tensor([[ 0,  1,  2,  3],
        [ 4,  5,  6,  7],
        [ 8,  9, 10, 11]])
>>> x.view(-1, 6).shape                      # -1：这一维由元素总数推算出来
torch.Size([2, 6])
>>> x.reshape(2, 2, -1).shape
torch.Size([2, 2, 3])
>>> x.view(5, -1)                            # 12 个元素排不成 5 行
Traceback (most recent call last):
    ...
RuntimeError: shape '[5, -1]' is invalid for input of size 12
>>> images = torch.zeros(4, 1, 28, 28)
>>> images.view(4, 28 * 28).shape            # 一批图片展平成 4 个 784 维向量
torch.Size([4, 784])
>>> # --8<-- [end:view-reshape]
""",
    "squeeze": r"""
>>> # --8<-- [start:squeeze]
>>> x = torch.zeros(1, 32, 1, 1)
>>> x.squeeze().shape                        # 去掉所有长度为 1 的维度
torch.Size([32])
>>> x.squeeze(0).shape                       # 只去掉第 0 维
torch.Size([32, 1, 1])
>>> x.squeeze(1).shape                       # 第 1 维长 32，不是 1：原样返回，不报错
torch.Size([1, 32, 1, 1])
>>> y = torch.zeros(4, 28, 28)
>>> y.unsqueeze(0).shape                     # 在最前面插入一维
torch.Size([1, 4, 28, 28])
>>> y.unsqueeze(-1).shape                    # 在最后插入一维
torch.Size([4, 28, 28, 1])
>>> y.unsqueeze(1).shape                     # 常用来补上“通道”维
torch.Size([4, 1, 28, 28])
>>> # --8<-- [end:squeeze]
""",
    "expand-repeat": r"""
>>> # --8<-- [start:expand-repeat]
>>> b = torch.tensor([[1], [2]])             # 形状 (2, 1)
>>> b.expand(2, 3)                           # 只能把长度为 1 的维度“拉长”，不复制数据
tensor([[1, 1, 1],
        [2, 2, 2]])
>>> b.expand(-1, 3).shape                    # -1 表示这一维保持不变
torch.Size([2, 3])
>>> b.repeat(2, 3)                           # repeat 真的复制：每一维重复几次
tensor([[1, 1, 1],
        [2, 2, 2],
        [1, 1, 1],
        [2, 2, 2]])
>>> b.expand(2, 3).data_ptr() == b.data_ptr()  # expand 与原张量共用内存
True
>>> b.expand(3, 3)                           # 长度不是 1 的维度不能 expand
Traceback (most recent call last):
    ...
RuntimeError: The expanded size of the tensor (3) must match the existing size (2) at non-singleton dimension 0.  Target sizes: [3, 3].  Tensor sizes: [2, 1]
>>> # --8<-- [end:expand-repeat]
""",
    "transpose": r"""
>>> # --8<-- [start:transpose]
>>> m = torch.tensor([[1, 2, 3],
...                   [4, 5, 6]])
>>> m.t()                                    # 只用于不超过 2 维的张量
tensor([[1, 4],
        [2, 5],
        [3, 6]])
>>> images = torch.zeros(4, 3, 32, 28)       # (批, 通道, 高, 宽)
>>> images.transpose(1, 3).shape             # 交换两个维度
torch.Size([4, 28, 32, 3])
>>> images.permute(0, 2, 3, 1).shape         # 任意重排：变成 (批, 高, 宽, 通道)
torch.Size([4, 32, 28, 3])
>>> mt = m.t()
>>> mt.is_contiguous()                       # 转置只改“步长”，数据没动
False
>>> mt.view(-1)
Traceback (most recent call last):
    ...
RuntimeError: view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.
>>> mt.contiguous().view(-1)                 # 先按新顺序复制成连续内存
tensor([1, 4, 2, 5, 3, 6])
>>> mt.reshape(-1)                           # reshape 在需要时自动复制
tensor([1, 4, 2, 5, 3, 6])
>>> # --8<-- [end:transpose]
""",
    "flatten": r"""
>>> # --8<-- [start:flatten]
>>> t = torch.stack([torch.full((4, 4), float(i)) for i in (1, 2, 3)])
>>> t = t.unsqueeze(1)                       # 3 张 1 通道 4×4 图片
>>> t.shape
torch.Size([3, 1, 4, 4])
>>> t.flatten().shape                        # 全部展平：3 张图混在一起
torch.Size([48])
>>> t.flatten(start_dim=1)                   # 保留批维，每张图各自展平
tensor([[1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1.],
        [2., 2., 2., 2., 2., 2., 2., 2., 2., 2., 2., 2., 2., 2., 2., 2.],
        [3., 3., 3., 3., 3., 3., 3., 3., 3., 3., 3., 3., 3., 3., 3., 3.]])
>>> # --8<-- [end:flatten]
""",
    "broadcasting": r"""
>>> # --8<-- [start:broadcasting]
>>> col = torch.tensor([[0], [10], [20]])    # 形状 (3, 1)
>>> row = torch.tensor([1, 2, 3, 4])         # 形状 (4,)，视为 (1, 4)
>>> col + row                                # 两者都被“拉长”成 (3, 4)
tensor([[ 1,  2,  3,  4],
        [11, 12, 13, 14],
        [21, 22, 23, 24]])
>>> torch.broadcast_shapes((3, 1), (4,))     # 只算结果形状，不做运算
torch.Size([3, 4])
>>> torch.broadcast_shapes((2, 1, 5), (3, 1))
torch.Size([2, 3, 5])
>>> torch.ones(2, 3) * 2                     # 标量也是广播
tensor([[2., 2., 2.],
        [2., 2., 2.]])
>>> torch.ones(2, 3) + torch.ones(2)         # 末尾对齐：3 对 2，既不相等也不是 1
Traceback (most recent call last):
    ...
RuntimeError: The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1
>>> # --8<-- [end:broadcasting]
""",
    "cat-stack": r"""
>>> # --8<-- [start:cat-stack]
>>> a = torch.tensor([[1, 1],
...                   [2, 2]])
>>> b = torch.tensor([[3, 3],
...                   [4, 4]])
>>> torch.cat([a, b], dim=0)                 # 沿已有的第 0 维接起来
tensor([[1, 1],
        [2, 2],
        [3, 3],
        [4, 4]])
>>> torch.cat([a, b], dim=1)
tensor([[1, 1, 3, 3],
        [2, 2, 4, 4]])
>>> torch.stack([a, b], dim=0).shape         # stack 新建一维：形状必须完全相同
torch.Size([2, 2, 2])
>>> torch.cat([torch.zeros(4, 32, 8), torch.zeros(5, 32, 8)], dim=0).shape
torch.Size([9, 32, 8])
>>> # --8<-- [end:cat-stack]
""",
    "split-chunk": r"""
>>> # --8<-- [start:split-chunk]
>>> x = torch.arange(10)
>>> x.split(4)                               # 每块长 4，最后一块可以短一些
(tensor([0, 1, 2, 3]), tensor([4, 5, 6, 7]), tensor([8, 9]))
>>> x.split([2, 3, 5])                       # 给出每块的长度，总和必须等于 10
(tensor([0, 1]), tensor([2, 3, 4]), tensor([5, 6, 7, 8, 9]))
>>> x.chunk(3)                               # 分成（至多）3 块
(tensor([0, 1, 2, 3]), tensor([4, 5, 6, 7]), tensor([8, 9]))
>>> c = torch.zeros(2, 32, 8)
>>> len(c.split(2, dim=0))                   # 第 0 维只有 2：只得到 1 块
1
>>> first, second = c.split(1, dim=0)
>>> first.shape
torch.Size([1, 32, 8])
>>> # --8<-- [end:split-chunk]
""",
    "arithmetic": r"""
>>> # --8<-- [start:arithmetic]
>>> a = torch.tensor([1.0, 4.0, 9.0])
>>> b = torch.tensor([2.0, 2.0, 2.0])
>>> a + b, a - b                             # 与 torch.add(a, b)、torch.sub(a, b) 相同
(tensor([ 3.,  6., 11.]), tensor([-1.,  2.,  7.]))
>>> a * b, a / b                             # 逐元素相乘、相除
(tensor([ 2.,  8., 18.]), tensor([0.5000, 2.0000, 4.5000]))
>>> a.pow(2), a ** 0.5
(tensor([ 1., 16., 81.]), tensor([1., 2., 3.]))
>>> a.sqrt(), a.rsqrt()                      # rsqrt 是 1 / sqrt
(tensor([1., 2., 3.]), tensor([1.0000, 0.5000, 0.3333]))
>>> torch.exp(torch.tensor([0.0, 1.0])), torch.log(torch.tensor([1.0, 100.0]))
(tensor([1.0000, 2.7183]), tensor([0.0000, 4.6052]))
>>> # --8<-- [end:arithmetic]
""",
    "rounding": r"""
>>> # --8<-- [start:rounding]
>>> x = torch.tensor([-1.5, -0.2, 0.7, 2.5])
>>> x.floor(), x.ceil()                      # 向下、向上取整
(tensor([-2., -1.,  0.,  2.]), tensor([-1., -0.,  1.,  3.]))
>>> x.trunc(), x.frac()                      # 整数部分（向 0 取整）、小数部分
(tensor([-1., -0.,  0.,  2.]), tensor([-0.5000, -0.2000,  0.7000,  0.5000]))
>>> x.round()                                # 四舍六入五成双：2.5 -> 2
tensor([-2., -0.,  1.,  2.])
>>> x.clamp(min=0)                           # 小于 0 的变成 0（这就是 ReLU）
tensor([0.0000, 0.0000, 0.7000, 2.5000])
>>> x.clamp(-1, 1)                           # 限制在 [-1, 1]
tensor([-1.0000, -0.2000,  0.7000,  1.0000])
>>> # --8<-- [end:rounding]
""",
    "inplace": r"""
>>> # --8<-- [start:inplace]
>>> x = torch.ones(3)
>>> y = x.add(1)                             # 返回新张量，x 不变
>>> x, y
(tensor([1., 1., 1.]), tensor([2., 2., 2.]))
>>> x.add_(1)                                # 末尾带 _ 的方法原地修改 x
tensor([2., 2., 2.])
>>> x.mul_(3).clamp_(max=5)
tensor([5., 5., 5.])
>>> x
tensor([5., 5., 5.])
>>> # --8<-- [end:inplace]
""",
    "matmul": r"""
>>> # --8<-- [start:matmul]
>>> A = torch.tensor([[1., 2.],
...                   [3., 4.]])
>>> B = torch.tensor([[1., 0.],
...                   [1., 1.]])
>>> torch.mm(A, B)                           # 只接受 2 维矩阵
tensor([[3., 2.],
        [7., 4.]])
>>> A @ B                                    # 与 torch.matmul(A, B) 相同
tensor([[3., 2.],
        [7., 4.]])
>>> A * B                                    # 注意：* 是逐元素乘，不是矩阵乘
tensor([[1., 0.],
        [3., 4.]])
>>> batch = torch.ones(10, 3, 4)
>>> (batch @ torch.ones(4, 5)).shape         # 最后两维做矩阵乘，前面的维度广播
torch.Size([10, 3, 5])
>>> (torch.ones(10, 1, 3, 4) @ torch.ones(6, 4, 2)).shape
torch.Size([10, 6, 3, 2])
>>> # --8<-- [end:matmul]
""",
    "reductions": r"""
>>> # --8<-- [start:reductions]
>>> t = torch.tensor([[1., 2., 3., 4.],
...                   [5., 6., 7., 8.],
...                   [9., 10., 11., 12.]])
>>> t.sum(), t.mean(), t.prod()              # 不给 dim：对所有元素
(tensor(78.), tensor(6.5000), tensor(4.7900e+08))
>>> t.sum(dim=0)                             # 沿第 0 维求和：3 行压成 1 行
tensor([15., 18., 21., 24.])
>>> t.sum(dim=1)                             # 沿第 1 维求和：每行一个数
tensor([10., 26., 42.])
>>> t.sum(dim=1, keepdim=True).shape         # keepdim 保留被压缩的维度（长度变成 1）
torch.Size([3, 1])
>>> t / t.sum(dim=1, keepdim=True)           # 于是能直接广播：每行除以该行之和
tensor([[0.1000, 0.2000, 0.3000, 0.4000],
        [0.1923, 0.2308, 0.2692, 0.3077],
        [0.2143, 0.2381, 0.2619, 0.2857]])
>>> torch.tensor([1, 2, 3]).mean()           # 整数张量不能求平均
Traceback (most recent call last):
    ...
RuntimeError: mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long
>>> torch.tensor([1, 2, 3]).float().mean()
tensor(2.)
>>> # --8<-- [end:reductions]
""",
    "max-argmax": r"""
>>> # --8<-- [start:max-argmax]
>>> t = torch.tensor([[1, 0, 0, 2],
...                   [0, 3, 2, 0],
...                   [4, 0, 0, 5]])
>>> t.max(), t.argmax()                      # 不给 dim：在展平后的 12 个数里找
(tensor(5), tensor(11))
>>> values, indices = t.max(dim=1)           # 给 dim：同时返回最大值与下标
>>> values
tensor([2, 3, 5])
>>> indices                                  # 每行最大值所在的列
tensor([3, 1, 3])
>>> t.argmax(dim=0)                          # 每列最大值所在的行
tensor([2, 1, 1, 2])
>>> t.min(dim=1).values, t.argmin(dim=1)     # 每行的最小值及其位置
(tensor([0, 0, 0]), tensor([1, 0, 1]))
>>> t.max(dim=1, keepdim=True).values.shape
torch.Size([3, 1])
>>> # --8<-- [end:max-argmax]
""",
    "statistics": r"""
>>> # --8<-- [start:statistics]
>>> x = torch.tensor([3., -4.])
>>> torch.linalg.vector_norm(x, ord=1)       # L1 范数：绝对值之和
tensor(7.)
>>> torch.linalg.vector_norm(x)              # L2 范数（默认）：平方和再开方
tensor(5.)
>>> m = torch.tensor([[3., 4.],
...                   [6., 8.]])
>>> torch.linalg.vector_norm(m, dim=1)       # 每行一个范数，这一维被消去
tensor([ 5., 10.])
>>> scores = torch.tensor([[0.1, 0.7, 0.2, 0.9],
...                        [0.8, 0.3, 0.6, 0.4]])
>>> scores.topk(2, dim=1)                    # 每行最大的 2 个值及其下标
torch.return_types.topk(
values=tensor([[0.9000, 0.7000],
        [0.8000, 0.6000]]),
indices=tensor([[3, 1],
        [0, 2]]))
>>> scores.topk(1, dim=1, largest=False).indices  # largest=False：最小的
tensor([[0],
        [1]])
>>> scores.kthvalue(2, dim=1).values         # 每行第 2 小的值
tensor([0.2000, 0.4000])
>>> # --8<-- [end:statistics]
""",
    "compare": r"""
>>> # --8<-- [start:compare]
>>> a = torch.tensor([1, 2, 3])
>>> b = torch.tensor([1, 0, 3])
>>> a == b                                   # 逐元素比较，等同 torch.eq(a, b)
tensor([ True, False,  True])
>>> a > 1
tensor([False,  True,  True])
>>> torch.equal(a, b), torch.equal(a, a.clone())  # 整个张量是否完全相同
(False, True)
>>> (a == b).sum().item()                    # 数一数有几个相等：分类准确率就这样算
2
>>> a.sum().item(), a.tolist()               # item()：单元素张量 -> Python 数
(6, [1, 2, 3])
>>> # --8<-- [end:compare]
""",
    "where-gather": r"""
>>> # --8<-- [start:where-gather]
>>> cond = torch.tensor([[0.6, 0.7],
...                      [0.8, 0.4]])
>>> torch.where(cond > 0.5, torch.zeros(2, 2), torch.ones(2, 2))  # 条件为真取前者
tensor([[0., 0.],
        [0., 1.]])
>>> labels = torch.arange(10) + 100          # 10 个类别的“名字”：100..109
>>> idx = torch.tensor([[7, 4, 9],
...                     [8, 1, 3]])          # 每个样本得分最高的 3 个类别的下标
>>> torch.gather(labels.expand(2, 10), dim=1, index=idx)
tensor([[107, 104, 109],
        [108, 101, 103]])
>>> labels[idx]                              # 一维时直接索引也可以
tensor([[107, 104, 109],
        [108, 101, 103]])
>>> # --8<-- [end:where-gather]
""",
}


# --8<-- [start:draw_broadcasting]
def draw_broadcasting() -> Figure:
    """Draw how (3, 1) + (1, 4) is stretched to (3, 4) before adding."""
    col = torch.tensor([[0], [10], [20]])
    row = torch.tensor([[1, 2, 3, 4]])
    total = col + row
    fig = Figure(figsize=(9, 2.8))
    panels = [
        ("col：形状 (3, 1)", col.expand_as(total), (slice(None), slice(1, None))),
        ("row：形状 (1, 4)", row.expand_as(total), (slice(1, None), slice(None))),
        ("col + row：形状 (3, 4)", total, None),
    ]
    for ax, (title, values, stretched) in zip(fig.subplots(1, 3), panels, strict=True):
        real = np.ones(values.shape)
        if stretched is not None:
            real[stretched] = 0.25  # 浅色格子：广播“复制”出来的，并不占内存
        ax.imshow(real, cmap="Blues", vmin=0, vmax=1.6)
        for (i, j), v in np.ndenumerate(values.cpu().numpy()):
            ax.text(j, i, str(v), ha="center", va="center", fontsize=12)
        ax.set_title(title)
        ax.set_xticks([])
        ax.set_yticks([])
    return fig
# --8<-- [end:draw_broadcasting]


# --8<-- [start:draw_reductions]
def draw_reductions() -> Figure:
    """Draw t.sum(dim=0) (one value per column) and t.sum(dim=1) (one per row)."""
    t = torch.arange(1, 13).reshape(3, 4)
    fig = Figure(figsize=(8, 3.2))
    ax0, ax1 = fig.subplots(1, 2)
    for ax, dim in ((ax0, 0), (ax1, 1)):
        ax.imshow(np.zeros(t.shape), cmap="Greys", vmin=0, vmax=1)
        for (i, j), v in np.ndenumerate(t.cpu().numpy()):
            ax.text(j, i, str(v), ha="center", va="center", fontsize=12)
        sums = t.sum(dim=dim).tolist()
        for k, s in enumerate(sums):
            # 结果写在被压缩的那一维之外：dim=0 在下方，dim=1 在右侧
            x, y = (k, 3.1) if dim == 0 else (4.1, k)
            ax.text(x, y, str(s), ha="center", va="center", fontsize=12,
                    color="tab:red", fontweight="bold")
        arrow = dict(arrowstyle="->", color="tab:red", lw=2)
        start, end = ((-0.8, -0.4), (-0.8, 2.4)) if dim == 0 else ((-0.4, -0.8), (3.4, -0.8))
        ax.annotate("", xy=end, xytext=start, arrowprops=arrow, annotation_clip=False)
        ax.set_title(f"t.sum(dim={dim})：形状 {tuple(t.sum(dim=dim).shape)}")
        ax.set_xlim(-1.2, 4.6)
        ax.set_ylim(3.6, -1.2)
        ax.axis("off")
    return fig
# --8<-- [end:draw_reductions]
