"""环境与模块地图 (environment): the code of docs/environment.md.

Each entry of ``__test__`` is one section of the page. The page's outputs come from
the reference machine: a CUDA build of torch on a machine without a GPU. On a GPU
(``--device cuda``) every example runs with CUDA as the default device: the chosen
``device`` and the tensors made on it print as on the CPU once the plugin turns
their CUDA spelling into the CPU one; ``torch.cuda.device_count()`` is the one
number that differs there, so its line allows any number (``+CUDA_ANY_NUMBERS``),
and the values of freshly initialised layers come from CUDA's generator (the same
flag).
"""

__cuda__ = "default-device"

# --8<-- [start:imports]
import torch
import torch.nn.functional as F
import torchvision
from torch import nn
from torch.utils.data import DataLoader, TensorDataset
from torchvision.transforms import v2

# --8<-- [end:imports]


__test__ = {
    "version": r"""
>>> # --8<-- [start:version]
>>> torch.__version__                        # 版本号 + 构建：用 CUDA 13.0 编译
'2.14.1+cu130'
>>> torchvision.__version__                  # 与这个 torch 配对的 torchvision
'0.29.1+cu130'
>>> torch.__version__ >= "2.9"               # 按版本比较：14 > 9
True
>>> "2.14.1" >= "2.9"                        # 普通字符串逐个字符比较："1" < "9"
False
>>> torch.__version__ >= (2, 0)              # 也可以和元组比较
True
>>> # --8<-- [end:version]
""",
    "cuda": r"""
>>> # --8<-- [start:cuda]
>>> torch.version.cuda                       # 编译时用的 CUDA 版本；CPU 版是 None
'13.0'
>>> torch.cuda.device_count()                # 能用的 NVIDIA GPU 个数  # doctest: +CUDA_ANY_NUMBERS
0
>>> # --8<-- [end:cuda]
""",
    "device": r"""
>>> # --8<-- [start:device]
>>> device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
>>> device                                   # 这台机器没有 GPU：选中 CPU
device(type='cpu')
>>> x = torch.tensor([1.0, 2.0, 3.0], device=device)  # 直接在 device 上创建
>>> x.device
device(type='cpu')
>>> y = torch.ones(3).to(device)             # 已有的张量：复制到 device 上
>>> x + y                                    # 两个张量在同一个设备上才能运算
tensor([2., 3., 4.])
>>> (x + y).cpu().numpy()                    # 交给 NumPy 之前先回到 CPU
array([2., 3., 4.], dtype=float32)
>>> # --8<-- [end:device]
""",
    "explore": r"""
>>> # --8<-- [start:explore]
>>> [name for name in dir(nn) if name.startswith("Conv")]      # 卷积层
['Conv1d', 'Conv2d', 'Conv3d', 'ConvTranspose1d', 'ConvTranspose2d', 'ConvTranspose3d']
>>> [name for name in dir(torch.optim) if name.startswith("Ada")]  # 优化器
['Adadelta', 'Adafactor', 'Adagrad', 'Adam', 'AdamW', 'Adamax']
>>> # --8<-- [end:explore]
""",
    "torch-core": r"""
>>> # --8<-- [start:torch-core]
>>> t = torch.tensor([[1.0, 2.0],
...                   [3.0, 4.0]])
>>> t.shape, t.dtype                         # 张量：形状与数据类型
(torch.Size([2, 2]), torch.float32)
>>> t.sum(), t @ t                           # 数学运算、矩阵乘法都在 torch 里
(tensor(10.), tensor([[ 7., 10.],
        [15., 22.]]))
>>> # --8<-- [end:torch-core]
""",
    "nn": r"""
>>> # --8<-- [start:nn]
>>> layer = nn.Linear(4, 2)                  # 全连接层：输入 4 个特征，输出 2 个
>>> layer.weight.shape, layer.bias.shape     # 层自己创建并保存参数
(torch.Size([2, 4]), torch.Size([2]))
>>> sum(p.numel() for p in layer.parameters())  # 4×2 个权重 + 2 个偏置
10
>>> layer(torch.ones(3, 4)).shape            # 3 个样本进去，3 个 2 维输出出来
torch.Size([3, 2])
>>> model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
>>> model(torch.ones(3, 4)).shape            # 三层按顺序串起来
torch.Size([3, 1])
>>> # --8<-- [end:nn]
""",
    "functional": r"""
>>> # --8<-- [start:functional]
>>> x = torch.tensor([-2.0, 0.0, 3.0])
>>> F.relu(x), nn.ReLU()(x)                  # 没有参数的运算：两种写法结果相同
(tensor([0., 0., 3.]), tensor([0., 0., 3.]))
>>> _ = torch.manual_seed(0)
>>> layer = nn.Linear(3, 2)                  # 层：自己保存 weight 和 bias
>>> inputs = torch.tensor([[1.0, 2.0, 3.0]])
>>> layer(inputs)  # doctest: +CUDA_ANY_NUMBERS
tensor([[-0.8219,  0.0526]], grad_fn=<AddmmBackward0>)
>>> F.linear(inputs, layer.weight, layer.bias)  # 函数：参数由调用者传进来  # doctest: +CUDA_ANY_NUMBERS
tensor([[-0.8219,  0.0526]], grad_fn=<AddmmBackward0>)
>>> image = torch.arange(9.0).reshape(1, 1, 3, 3)  # (批, 通道, 高, 宽)
>>> F.conv2d(image, torch.ones(1, 1, 2, 2))  # 卷积核也是传进去的参数
tensor([[[[ 8., 12.],
          [20., 24.]]]])
>>> # --8<-- [end:functional]
""",
    "autograd": r"""
>>> # --8<-- [start:autograd]
>>> x = torch.tensor(3.0, requires_grad=True)  # 记录对 x 做的运算
>>> y = x ** 2 + 2 * x
>>> y.backward()                             # 反向传播：dy/dx 存进 x.grad
>>> x.grad                                   # 2x + 2，在 x = 3 处为 8
tensor(8.)
>>> # --8<-- [end:autograd]
""",
    "optim": r"""
>>> # --8<-- [start:optim]
>>> w = nn.Parameter(torch.tensor([1.0]))    # 一个可训练的参数
>>> optimizer = torch.optim.SGD([w], lr=0.1)  # 学习率 η = 0.1
>>> loss = (w ** 2).sum()                    # 损失 w²，它对 w 的梯度是 2w = 2
>>> loss.backward()
>>> w.grad
tensor([2.])
>>> optimizer.step()                         # w ← w - η × 梯度 = 1 - 0.1 × 2
>>> w.detach()
tensor([0.8000])
>>> optimizer.zero_grad()                    # 清空梯度，准备下一步
>>> print(w.grad)                            # 清空后是 None，不是 0
None
>>> # --8<-- [end:optim]
""",
    "data": r"""
>>> # --8<-- [start:data]
>>> X = torch.arange(20.0).reshape(10, 2)    # 10 个样本，每个 2 个特征
>>> y = torch.arange(10)                     # 10 个标签
>>> dataset = TensorDataset(X, y)            # 第 i 个样本就是 (X[i], y[i])
>>> len(dataset), dataset[3]
(10, (tensor([6., 7.]), tensor(3)))
>>> loader = DataLoader(dataset, batch_size=4)  # 每次取 4 个样本拼成一批
>>> xb, yb = next(iter(loader))
>>> xb.shape, yb
(torch.Size([4, 2]), tensor([0, 1, 2, 3]))
>>> [len(yb) for xb, yb in loader]           # 10 = 4 + 4 + 2：最后一批不满
[4, 4, 2]
>>> # --8<-- [end:data]
""",
    "vision": r"""
>>> # --8<-- [start:vision]
>>> image = torch.tensor([[[0, 51, 255],
...                        [0, 102, 204]]], dtype=torch.uint8)  # 1 通道、2×3
>>> v2.RandomHorizontalFlip(p=1.0)(image)    # p=1：一定左右翻转
tensor([[[255,  51,   0],
         [204, 102,   0]]], dtype=torch.uint8)
>>> v2.ToDtype(torch.float32, scale=True)(image)  # 转成 float32，除以 255
tensor([[[0.0000, 0.2000, 1.0000],
         [0.0000, 0.4000, 0.8000]]])
>>> resnet = torchvision.models.resnet18(weights=None)  # 只建结构，不下载权重
>>> sum(p.numel() for p in resnet.parameters())
11689512
>>> # --8<-- [end:vision]
""",
    "exercise-device": r"""
>>> # --8<-- [start:exercise-device]
>>> if torch.cuda.is_available():
...     device = torch.device("cuda")
... elif torch.backends.mps.is_available():
...     device = torch.device("mps")
... else:
...     device = torch.device("cpu")
>>> device
device(type='cpu')
>>> torch.ones(2, 2, device=device)
tensor([[1., 1.],
        [1., 1.]])
>>> # --8<-- [end:exercise-device]
""",
    "exercise-conv": r"""
>>> # --8<-- [start:exercise-conv]
>>> _ = torch.manual_seed(0)
>>> conv = nn.Conv2d(1, 1, kernel_size=2)    # 1 个输入通道、1 个输出通道
>>> conv.weight.shape, conv.bias.shape
(torch.Size([1, 1, 2, 2]), torch.Size([1]))
>>> image = torch.arange(9.0).reshape(1, 1, 3, 3)
>>> conv(image)  # doctest: +CUDA_ANY_NUMBERS
tensor([[[[-2.6308, -3.1458],
          [-4.1758, -4.6909]]]], grad_fn=<ConvolutionBackward0>)
>>> F.conv2d(image, conv.weight, conv.bias)  # doctest: +CUDA_ANY_NUMBERS
tensor([[[[-2.6308, -3.1458],
          [-4.1758, -4.6909]]]], grad_fn=<ConvolutionBackward0>)
>>> # --8<-- [end:exercise-conv]
""",
    "exercise-batches": r"""
>>> # --8<-- [start:exercise-batches]
>>> dataset = TensorDataset(torch.arange(20.0).reshape(10, 2), torch.arange(10))
>>> [len(yb) for xb, yb in DataLoader(dataset, batch_size=3)]
[3, 3, 3, 1]
>>> [len(yb) for xb, yb in DataLoader(dataset, batch_size=3, drop_last=True)]
[3, 3, 3]
>>> # --8<-- [end:exercise-batches]
""",
    "exercise-zero-grad": r"""
>>> # --8<-- [start:exercise-zero-grad]
>>> def three_steps(clear_grad):
...     w = nn.Parameter(torch.tensor([1.0]))
...     optimizer = torch.optim.SGD([w], lr=0.1)
...     for _ in range(3):
...         (w ** 2).sum().backward()
...         optimizer.step()
...         if clear_grad:
...             optimizer.zero_grad()
...     return round(w.item(), 4)
>>> three_steps(clear_grad=True)             # 每步乘 0.8：0.8、0.64、0.512
0.512
>>> three_steps(clear_grad=False)            # 梯度一直累加
-0.008
>>> # --8<-- [end:exercise-zero-grad]
""",
}
