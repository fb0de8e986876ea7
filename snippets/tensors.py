"""张量 (tensors): the code of docs/tensors.md.

Each entry of ``__test__`` is one section of the page, run by pytest as a doctest on
the CPU and, on a GPU, with CUDA as the default device. Seeded random draws are
shown as drawn on the CPU; CUDA's generator draws other numbers under the same
seed, so those lines carry ``+CUDA_ANY_NUMBERS`` (statistics of many draws a
tolerance instead). ``default-dtype`` restores float32 before it ends.
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
>>> torch.tensor([[1, 2], [3, 4]])           # 整数：int64
tensor([[1, 2],
        [3, 4]])
>>> torch.tensor([1.5, 2.0])                 # 浮点数：float32
tensor([1.5000, 2.0000])
>>> torch.tensor([1, 2], dtype=torch.float64)  # 也可以指定 dtype
tensor([1., 2.], dtype=torch.float64)
>>> torch.tensor(3.14), torch.tensor([3.14])  # 标量是 0 维，[3.14] 是 1 维
(tensor(3.1400), tensor([3.1400]))
>>> torch.tensor(3.14).dim(), torch.tensor([3.14]).dim()
(0, 1)
>>> # --8<-- [end:create]
""",
    "legacy-constructor": r"""
>>> # --8<-- [start:legacy-constructor]
>>> torch.Tensor(2, 3).shape                 # 错误：两个整数被当作形状
torch.Size([2, 3])
>>> torch.Tensor([2, 3])                     # 同一个构造器，给列表就当作数据
tensor([2., 3.])
>>> torch.FloatTensor([2., 8.3]).type()      # 旧式类型名，只能在 CPU 上
'torch.FloatTensor'
>>> torch.Tensor([1, 2], dtype=torch.int64)  # 不能指定 dtype
Traceback (most recent call last):
    ...
TypeError: new() received an invalid combination of arguments - got (list, dtype=torch.dtype), ...
>>> torch.zeros(2, 3)                        # 正确：给形状，并且初始化
tensor([[0., 0., 0.],
        [0., 0., 0.]])
>>> torch.tensor([2., 8.3], dtype=torch.float32)  # 正确：给数据
tensor([2.0000, 8.3000])
>>> # --8<-- [end:legacy-constructor]
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
>>> torch.full((2, 3), 7.0)
tensor([[7., 7., 7.],
        [7., 7., 7.]])
>>> torch.eye(3)                             # 单位矩阵
tensor([[1., 0., 0.],
        [0., 1., 0.],
        [0., 0., 1.]])
>>> torch.empty(2, 3).shape                  # 只分配内存、不初始化
torch.Size([2, 3])
>>> # --8<-- [end:create-filled]
""",
    "create-random": r"""
>>> # --8<-- [start:create-random]
>>> _ = torch.manual_seed(0)                 # 固定随机种子
>>> torch.rand(2, 3)                         # 均匀分布 U[0, 1)  # doctest: +CUDA_ANY_NUMBERS
tensor([[0.4963, 0.7682, 0.0885],
        [0.1320, 0.3074, 0.6341]])
>>> torch.randn(2, 3)                        # 标准正态分布 N(0, 1)  # doctest: +CUDA_ANY_NUMBERS
tensor([[ 1.2645, -0.6874,  0.1604],
        [-0.6065, -0.7831,  1.0622]])
>>> torch.randint(3, 10, (8,))               # [3, 10) 里的整数  # doctest: +CUDA_ANY_NUMBERS
tensor([7, 5, 9, 5, 7, 5, 7, 7])
>>> torch.randperm(5)                        # 0..4 的一个随机排列  # doctest: +CUDA_ANY_NUMBERS
tensor([4, 2, 1, 3, 0])
>>> _ = torch.manual_seed(0)                 # 同一个种子重新开始
>>> torch.rand(2, 3)                         # 又得到同样的数  # doctest: +CUDA_ANY_NUMBERS
tensor([[0.4963, 0.7682, 0.0885],
        [0.1320, 0.3074, 0.6341]])
>>> # --8<-- [end:create-random]
""",
    "random-stats": r"""
>>> # --8<-- [start:random-stats]
>>> _ = torch.manual_seed(0)
>>> z = torch.randn(10_000)
>>> round(z.mean().item(), 3), round(z.std().item(), 3)  # doctest: +CUDA_ATOL_0_05
(-0.011, 1.002)
>>> round(z.min().item(), 2), round(z.max().item(), 2)  # doctest: +CUDA_ANY_NUMBERS
(-4.34, 4.1)
>>> g = torch.normal(mean=2.0, std=0.5, size=(10_000,))
>>> round(g.mean().item(), 3), round(g.std().item(), 3)  # doctest: +CUDA_ATOL_0_05
(1.993, 0.504)
>>> x = torch.ones(2, 3, dtype=torch.float64)
>>> torch.rand_like(x).shape, torch.zeros_like(x).dtype  # 形状与 dtype 照抄 x
(torch.Size([2, 3]), torch.float64)
>>> # --8<-- [end:random-stats]
""",
    "attributes": r"""
>>> # --8<-- [start:attributes]
>>> x = torch.zeros(2, 3, 4)
>>> x.shape, x.size(1)                       # 形状；size(1) 是第 1 维的长度
(torch.Size([2, 3, 4]), 3)
>>> x.dim()                                  # 维数，即 len(x.shape)
3
>>> x.numel()                                # 元素个数 2×3×4，不是内存大小
24
>>> x.numel() * x.element_size()             # 字节数 = 元素个数 × 每个元素 4 字节
96
>>> x.dtype, x.device                        # 数据类型与所在的设备
(torch.float32, device(type='cpu'))
>>> x.layout, x.to_sparse().layout           # 稠密张量与稀疏张量的布局
(torch.strided, torch.sparse_coo)
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
>>> (x + 0.5).dtype                          # int64 与 Python 浮点数运算：得到浮点数
torch.float32
>>> x / 2                                    # 除法 / 总是得到浮点数
tensor([0.5000, 1.0000, 1.5000])
>>> x // 2                                   # 整除
tensor([0, 1, 1])
>>> # --8<-- [end:dtypes]
""",
    "default-dtype": r"""
>>> # --8<-- [start:default-dtype]
>>> torch.get_default_dtype()
torch.float32
>>> before = torch.tensor([1.5, 2.0])        # 改之前建好的张量
>>> torch.set_default_dtype(torch.float64)
>>> torch.tensor([1.5, 2.0]).dtype, torch.zeros(2).dtype  # 新建的浮点张量
(torch.float64, torch.float64)
>>> (torch.tensor([1, 2]) / 2).dtype         # 整数运算得到的浮点结果也是
torch.float64
>>> torch.tensor([1, 2]).dtype               # 整数张量不受影响
torch.int64
>>> before.dtype                             # 已有的张量不会变
torch.float32
>>> torch.zeros(2, dtype=torch.float32).dtype  # 写明了 dtype 的不受影响
torch.float32
>>> torch.from_numpy(np.ones(2, dtype=np.float32)).dtype  # 保持数组的 dtype
torch.float32
>>> torch.set_default_dtype(torch.float32)   # 改回默认值
>>> torch.zeros(2).dtype
torch.float32
>>> # --8<-- [end:default-dtype]
""",
    "numpy": r"""
>>> # --8<-- [start:numpy]
>>> a = np.array([1, 2, 3])
>>> shared = torch.from_numpy(a)             # 与 a 共享内存
>>> on_cpu = torch.as_tensor(a, device="cpu")  # 在 CPU 上、dtype 相同：也共享
>>> copied = torch.tensor(a)                 # 复制一份数据
>>> a[0] = 100
>>> shared, on_cpu, copied
(tensor([100,   2,   3]), tensor([100,   2,   3]), tensor([1, 2, 3]))
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
    "python-scalars": r"""
>>> # --8<-- [start:python-scalars]
>>> t = torch.tensor([3.5])
>>> t.item(), float(t), int(t)               # 只有一个元素的张量 -> Python 数
(3.5, 3.5, 3)
>>> torch.tensor([[1, 2], [3, 4]]).tolist()  # 任意形状 -> 嵌套的 Python 列表
[[1, 2], [3, 4]]
>>> torch.tensor([1.0, 2.0]).item()          # 两个元素：不能变成一个数
Traceback (most recent call last):
    ...
RuntimeError: a Tensor with 2 elements cannot be converted to Scalar
>>> # --8<-- [end:python-scalars]
""",
    "indexing": r"""
>>> # --8<-- [start:indexing]
>>> x = torch.arange(24).reshape(2, 3, 4)    # 想象成 2 张 3×4 的“图片”
>>> x[0]                                     # 整数索引去掉那一维：(3, 4)
tensor([[ 0,  1,  2,  3],
        [ 4,  5,  6,  7],
        [ 8,  9, 10, 11]])
>>> x[0, 1], x[0, 1, 2]
(tensor([4, 5, 6, 7]), tensor(6))
>>> x[0, :, 1:3]                             # 切片保留那一维：(3, 2)
tensor([[ 1,  2],
        [ 5,  6],
        [ 9, 10]])
>>> x[:, 1:, ::2].shape                      # ::2 是步长 2
torch.Size([2, 2, 2])
>>> x[..., -1]                               # ... 代表前面所有的维度都取全部
tensor([[ 3,  7, 11],
        [15, 19, 23]])
>>> # --8<-- [end:indexing]
""",
    "indexing-advanced": r"""
>>> # --8<-- [start:indexing-advanced]
>>> m = torch.tensor([[4, 3, 5],
...                   [6, 7, 8]])
>>> m[:, [0, 2]]                             # 用列表选第 0、2 列
tensor([[4, 5],
        [6, 8]])
>>> m.index_select(1, torch.tensor([0, 2]))  # 同样的结果
tensor([[4, 5],
        [6, 8]])
>>> m[[0, 1], [2, 0]]                        # 两个列表配对：(0, 2) 和 (1, 0)
tensor([5, 6])
>>> m > 5                                    # 逐元素比较，得到布尔掩码
tensor([[False, False, False],
        [ True,  True,  True]])
>>> m[m > 5]                                 # 用掩码选取，结果总是一维的
tensor([6, 7, 8])
>>> torch.take(m, torch.tensor([0, 2, 5]))   # 先按行展平成一维，再按下标取
tensor([4, 5, 8])
>>> # --8<-- [end:indexing-advanced]
""",
    "take-mistake": r"""
>>> # --8<-- [start:take-mistake]
>>> m = torch.tensor([[4, 3, 5],
...                   [6, 7, 8]])
>>> torch.take(m, torch.tensor[0, 2, 5])     # 错误：少了圆括号
Traceback (most recent call last):
    ...
TypeError: 'builtin_function_or_method' object is not subscriptable
>>> torch.take(m, torch.tensor([0, 2, 5]))   # 正确：下标是一个张量
tensor([4, 5, 8])
>>> # --8<-- [end:take-mistake]
""",
    "index-assign": r"""
>>> # --8<-- [start:index-assign]
>>> X = torch.arange(12.).reshape(3, 4)
>>> X[1, 2] = 9                              # 写入一个元素
>>> X
tensor([[ 0.,  1.,  2.,  3.],
        [ 4.,  5.,  9.,  7.],
        [ 8.,  9., 10., 11.]])
>>> X[0:2, :] = 12                           # 前两行的所有元素都写成 12
>>> X
tensor([[12., 12., 12., 12.],
        [12., 12., 12., 12.],
        [ 8.,  9., 10., 11.]])
>>> X[X > 10] = 0                            # 用掩码写入：大于 10 的都变成 0
>>> X
tensor([[ 0.,  0.,  0.,  0.],
        [ 0.,  0.,  0.,  0.],
        [ 8.,  9., 10.,  0.]])
>>> row = X[2]                               # 切片与原张量共用内存
>>> row[0] = -1
>>> X[2]
tensor([-1.,  9., 10.,  0.])
>>> # --8<-- [end:index-assign]
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
>>> x.squeeze(1).shape                       # 第 1 维长 32，不是 1：原样返回
torch.Size([1, 32, 1, 1])
>>> y = torch.zeros(4, 28, 28)
>>> y.unsqueeze(0).shape                     # 在最前面插入一维
torch.Size([1, 4, 28, 28])
>>> y.unsqueeze(1).shape                     # 常用来补上“通道”维
torch.Size([4, 1, 28, 28])
>>> y.unsqueeze(-1).shape                    # 在最后插入一维
torch.Size([4, 28, 28, 1])
>>> # --8<-- [end:squeeze]
""",
    "expand-repeat": r"""
>>> # --8<-- [start:expand-repeat]
>>> b = torch.tensor([[1], [2]])             # 形状 (2, 1)
>>> b.expand(2, 3)                           # 把长度为 1 的维度“拉长”，不复制数据
tensor([[1, 1, 1],
        [2, 2, 2]])
>>> b.expand(-1, 3).shape                    # -1 表示这一维保持不变
torch.Size([2, 3])
>>> b.expand(2, 3).data_ptr() == b.data_ptr()  # 与原张量共用同一块内存
True
>>> b.repeat(2, 3)                           # repeat 真的复制：每一维重复几次
tensor([[1, 1, 1],
        [2, 2, 2],
        [1, 1, 1],
        [2, 2, 2]])
>>> b.expand(3, 3)                           # 长度不是 1 的维度不能拉长
Traceback (most recent call last):
    ...
RuntimeError: The expanded size of the tensor (3) must match the existing size (2) at non-singleton dimension 0.  Target sizes: [3, 3].  Tensor sizes: [2, 1]
>>> # --8<-- [end:expand-repeat]
""",
    "transpose": r"""
>>> # --8<-- [start:transpose]
>>> m = torch.tensor([[1, 2, 3],
...                   [4, 5, 6]])
>>> m.t()                                    # 转置：只用于不超过 2 维的张量
tensor([[1, 4],
        [2, 5],
        [3, 6]])
>>> images = torch.zeros(4, 3, 32, 28)       # (批, 通道, 高, 宽)
>>> images.transpose(1, 3).shape             # 交换两个维度
torch.Size([4, 28, 32, 3])
>>> images.permute(0, 2, 3, 1).shape         # 任意重排：变成 (批, 高, 宽, 通道)
torch.Size([4, 32, 28, 3])
>>> mt = m.t()
>>> mt.stride(), mt.is_contiguous()          # 只改了步长，数据没有动
((1, 3), False)
>>> mt.view(-1)
Traceback (most recent call last):
    ...
RuntimeError: view size is not compatible with input tensor's size and stride ... Use .reshape(...) instead.
>>> mt.contiguous().view(-1)                 # 先按新顺序复制成连续内存
tensor([1, 4, 2, 5, 3, 6])
>>> mt.reshape(-1)                           # reshape 在需要时自动复制
tensor([1, 4, 2, 5, 3, 6])
>>> # --8<-- [end:transpose]
""",
    "flatten": r"""
>>> # --8<-- [start:flatten]
>>> t = torch.arange(12.).reshape(3, 1, 2, 2)  # 3 张 1 通道 2×2 的图片
>>> t[0]
tensor([[[0., 1.],
         [2., 3.]]])
>>> t.flatten().shape                        # 全部展平：3 张图混在一起
torch.Size([12])
>>> t.flatten(start_dim=1)                   # 保留批维，每张图各自展平
tensor([[ 0.,  1.,  2.,  3.],
        [ 4.,  5.,  6.,  7.],
        [ 8.,  9., 10., 11.]])
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
>>> torch.cat([a, b], dim=0)                 # 沿第 0 维接起来：(4, 2)
tensor([[1, 1],
        [2, 2],
        [3, 3],
        [4, 4]])
>>> torch.cat([a, b], dim=1)                 # 沿第 1 维接起来：(2, 4)
tensor([[1, 1, 3, 3],
        [2, 2, 4, 4]])
>>> torch.stack([a, b])                      # 新建第 0 维：(2, 2, 2)
tensor([[[1, 1],
         [2, 2]],
<BLANKLINE>
        [[3, 3],
         [4, 4]]])
>>> torch.cat([torch.zeros(4, 3), torch.zeros(5, 3)]).shape  # 只有拼接的维可以不同
torch.Size([9, 3])
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
>>> a ** 2, a.sqrt()                         # 乘方、平方根
(tensor([ 1., 16., 81.]), tensor([1., 2., 3.]))
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
    "matmul": r"""
>>> # --8<-- [start:matmul]
>>> A = torch.tensor([[1., 2.],
...                   [3., 4.]])
>>> B = torch.tensor([[1., 0.],
...                   [1., 1.]])
>>> A @ B                                    # 矩阵乘法，与 torch.matmul(A, B) 相同
tensor([[3., 2.],
        [7., 4.]])
>>> A * B                                    # 注意：* 是逐元素乘，不是矩阵乘
tensor([[1., 0.],
        [3., 4.]])
>>> (torch.ones(10, 3, 4) @ torch.ones(4, 5)).shape  # 最后两维相乘，前面的维度广播
torch.Size([10, 3, 5])
>>> torch.mm(torch.ones(10, 3, 4), torch.ones(4, 5))  # mm 只接受 2 维矩阵
Traceback (most recent call last):
    ...
RuntimeError: self must be a matrix
>>> # --8<-- [end:matmul]
""",
    "inplace": r"""
>>> # --8<-- [start:inplace]
>>> x = torch.ones(3)
>>> y = x.add(1)                             # 返回新张量，x 不变
>>> x, y
(tensor([1., 1., 1.]), tensor([2., 2., 2.]))
>>> x.add_(1)                                # 末尾带 _ 的方法原地修改 x
tensor([2., 2., 2.])
>>> x.mul_(3).clamp_(max=5)                  # 也返回 x 本身，可以接着调用
tensor([5., 5., 5.])
>>> x
tensor([5., 5., 5.])
>>> # --8<-- [end:inplace]
""",
    "memory": r"""
>>> # --8<-- [start:memory]
>>> X = torch.arange(12.).reshape(3, 4)
>>> Y = torch.ones(3, 4)
>>> before = id(Y)
>>> Y = Y + X                                # 新分配一个张量，名字 Y 改指向它
>>> id(Y) == before
False
>>> before = id(Y)
>>> Y += X                                   # 原地加：结果写回 Y 原来的内存
>>> id(Y) == before
True
>>> Z = torch.zeros_like(Y)
>>> before = id(Z)
>>> Z[:] = Y + X                             # 切片赋值：写进 Z 已有的内存
>>> id(Z) == before
True
>>> torch.add(X, Y, out=Z)                   # out=：结果直接写进 Z
tensor([[ 1.,  4.,  7., 10.],
        [13., 16., 19., 22.],
        [25., 28., 31., 34.]])
>>> id(Z) == before
True
>>> # --8<-- [end:memory]
""",
    "reductions": r"""
>>> # --8<-- [start:reductions]
>>> t = torch.arange(1., 13.).reshape(3, 4)
>>> t
tensor([[ 1.,  2.,  3.,  4.],
        [ 5.,  6.,  7.,  8.],
        [ 9., 10., 11., 12.]])
>>> t.sum(), t.mean()                        # 不给 dim：对所有元素
(tensor(78.), tensor(6.5000))
>>> t.sum(dim=0)                             # 沿第 0 维求和：3 行压成 1 行
tensor([15., 18., 21., 24.])
>>> t.sum(dim=1)                             # 沿第 1 维求和：每行一个数
tensor([10., 26., 42.])
>>> t.sum(dim=1, keepdim=True)               # keepdim：保留被压缩的维度，形状 (3, 1)
tensor([[10.],
        [26.],
        [42.]])
>>> t / t.sum(dim=1, keepdim=True)           # 于是能直接广播：每行除以该行之和
tensor([[0.1000, 0.2000, 0.3000, 0.4000],
        [0.1923, 0.2308, 0.2692, 0.3077],
        [0.2143, 0.2381, 0.2619, 0.2857]])
>>> # --8<-- [end:reductions]
""",
    "mean-int": r"""
>>> # --8<-- [start:mean-int]
>>> torch.tensor([1, 2, 3]).mean()           # 错误：整数张量求平均
Traceback (most recent call last):
    ...
RuntimeError: mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long
>>> torch.tensor([1, 2, 3]).float().mean()   # 正确：先转成浮点数
tensor(2.)
>>> # --8<-- [end:mean-int]
""",
    "max-argmax": r"""
>>> # --8<-- [start:max-argmax]
>>> t = torch.tensor([[1, 0, 0, 2],
...                   [0, 3, 2, 0],
...                   [4, 0, 0, 5]])
>>> t.max(), t.argmax()                      # 不给 dim：在展平后的 12 个数里找
(tensor(5), tensor(11))
>>> values, indices = t.max(dim=1)           # 给 dim：同时返回最大值与下标
>>> values, indices                          # 每行的最大值，以及它所在的列
(tensor([2, 3, 5]), tensor([3, 1, 3]))
>>> t.argmax(dim=0)                          # 每列最大值所在的行
tensor([2, 1, 1, 2])
>>> # --8<-- [end:max-argmax]
""",
    "statistics": r"""
>>> # --8<-- [start:statistics]
>>> x = torch.tensor([3., -4.])
>>> torch.linalg.vector_norm(x, ord=1)       # L1 范数：绝对值之和
tensor(7.)
>>> torch.linalg.vector_norm(x)              # L2 范数（默认）：平方和再开方
tensor(5.)
>>> scores = torch.tensor([[0.1, 0.7, 0.2, 0.9],
...                        [0.8, 0.3, 0.6, 0.4]])
>>> values, indices = scores.topk(2, dim=1)  # 每行最大的 2 个值及其下标
>>> values
tensor([[0.9000, 0.7000],
        [0.8000, 0.6000]])
>>> indices
tensor([[3, 1],
        [0, 2]])
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
>>> (a == b).sum().item()                    # 数一数有几个相等：准确率就这样算
2
>>> torch.equal(a, b), torch.equal(a, a.clone())  # 整个张量是否完全相同
(False, True)
>>> # --8<-- [end:compare]
""",
    "where-gather": r"""
>>> # --8<-- [start:where-gather]
>>> x = torch.tensor([[0.6, -0.7],
...                   [-0.8, 0.4]])
>>> torch.where(x > 0, x, torch.zeros(2, 2))  # 条件为真取 x，否则取 0
tensor([[0.6000, 0.0000],
        [0.0000, 0.4000]])
>>> probs = torch.tensor([[0.1, 0.3, 0.6],
...                       [0.3, 0.2, 0.5]])  # 两个样本、三个类别的概率
>>> y = torch.tensor([2, 0])                 # 两个样本的真实类别
>>> torch.gather(probs, dim=1, index=y.unsqueeze(1))  # 每行取第 y[i] 列
tensor([[0.6000],
        [0.3000]])
>>> probs[torch.arange(2), y]                # 同样的值：两个下标配对
tensor([0.6000, 0.3000])
>>> # --8<-- [end:where-gather]
""",
    "exercise-center": r"""
>>> # --8<-- [start:exercise-center]
>>> X = torch.arange(12.).reshape(3, 4)
>>> X.mean(dim=1, keepdim=True)              # 每行的均值，形状 (3, 1)
tensor([[1.5000],
        [5.5000],
        [9.5000]])
>>> centered = X - X.mean(dim=1, keepdim=True)
>>> centered
tensor([[-1.5000, -0.5000,  0.5000,  1.5000],
        [-1.5000, -0.5000,  0.5000,  1.5000],
        [-1.5000, -0.5000,  0.5000,  1.5000]])
>>> centered.sum(dim=1)
tensor([0., 0., 0.])
>>> X - X.mean(dim=1)                        # 没有 keepdim：(3, 4) 减 (3,)
Traceback (most recent call last):
    ...
RuntimeError: The size of tensor a (4) must match the size of tensor b (3) at non-singleton dimension 1
>>> # --8<-- [end:exercise-center]
""",
    "exercise-broadcast": r"""
>>> # --8<-- [start:exercise-broadcast]
>>> torch.broadcast_shapes((5, 1, 4), (3, 1))
torch.Size([5, 3, 4])
>>> torch.broadcast_shapes((2, 3), (3,))
torch.Size([2, 3])
>>> torch.broadcast_shapes((2, 3), (2,))
Traceback (most recent call last):
    ...
RuntimeError: Attempting to broadcast a dimension of length 2 at -1! ...
>>> torch.broadcast_shapes((2, 3), (2, 1))   # 写成一列就可以了
torch.Size([2, 3])
>>> # --8<-- [end:exercise-broadcast]
""",
    "exercise-memory": r"""
>>> # --8<-- [start:exercise-memory]
>>> a = np.zeros(3)
>>> t = torch.from_numpy(a)                  # t 与 a 共享内存
>>> t += 1                                   # 原地加：写进共享的内存
>>> a
array([1., 1., 1.])
>>> t = t + 1                                # 新张量：t 不再与 a 共享
>>> a, t
(array([1., 1., 1.]), tensor([2., 2., 2.], dtype=torch.float64))
>>> # --8<-- [end:exercise-memory]
""",
    "exercise-predict": r"""
>>> # --8<-- [start:exercise-predict]
>>> scores = torch.tensor([[0.1, 2.0, 0.3],
...                        [1.5, 0.2, 0.1],
...                        [0.0, 0.4, 0.9],
...                        [0.2, 1.1, 0.7]])  # 4 个样本、3 个类别的得分
>>> y = torch.tensor([1, 0, 1, 1])           # 真实类别
>>> y_hat = scores.argmax(dim=1)             # 每行得分最大的类别
>>> y_hat
tensor([1, 0, 2, 1])
>>> (y_hat == y).float().mean()              # 准确率
tensor(0.7500)
>>> scores[torch.arange(4), y]               # 每个样本真实类别的得分
tensor([2.0000, 1.5000, 0.4000, 1.1000])
>>> # --8<-- [end:exercise-predict]
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
    axes = fig.subplots(1, 3)
    for ax, (title, values, stretched) in zip(axes, panels, strict=True):
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
        if dim == 0:
            start, end = (-0.8, -0.4), (-0.8, 2.4)  # 竖直向下：沿第 0 维
        else:
            start, end = (-0.4, -0.8), (3.4, -0.8)  # 水平向右：沿第 1 维
        ax.annotate("", xy=end, xytext=start, arrowprops=arrow, annotation_clip=False)
        ax.set_title(f"t.sum(dim={dim})：形状 {tuple(t.sum(dim=dim).shape)}")
        ax.set_xlim(-1.2, 4.6)
        ax.set_ylim(3.6, -1.2)
        ax.axis("off")
    return fig
# --8<-- [end:draw_reductions]
