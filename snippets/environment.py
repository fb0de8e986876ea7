"""环境与模块地图 (environment): the code of docs/environment.md.

Each entry of ``__test__`` is one section of the page, run by pytest as a doctest on
the CPU and on CUDA against the same expected text. The environment examples
therefore print only facts that hold on both kinds of machine (types, and whether
a tensor ended up on the device that was chosen), never a version number, a GPU
name or whether CUDA is available.
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


# --8<-- [start:describe_environment]
def describe_environment() -> dict:
    """What this Python sees: versions, whether CUDA works, and the device to use."""
    cuda = torch.cuda.is_available()
    return {
        "torch": torch.__version__,                # 例如 "2.14.1+cu130"
        "torchvision": torchvision.__version__,
        "cuda_build": torch.version.cuda,          # 这个 torch 是用哪版 CUDA 编译的；CPU 版为 None
        "cuda_available": cuda,                    # 显卡、驱动与 CUDA 版 torch 是否都就绪
        "gpu_count": torch.cuda.device_count(),
        "gpu_name": torch.cuda.get_device_name(0) if cuda else None,
        "device": "cuda" if cuda else "cpu",       # 本机该用的设备
    }
# --8<-- [end:describe_environment]


__test__ = {
    "version": r"""
>>> # --8<-- [start:version]
>>> isinstance(torch.__version__, str)       # 形如 "2.14.1+cu130"：版本号 + 构建（CUDA 13.0）
True
>>> type(torch.__version__).__name__         # str 的子类，比较时按“版本”而不是按字符
'TorchVersion'
>>> torch.__version__ >= (2, 0)              # 可以直接和元组比较
True
>>> torch.__version__ >= "2.0"               # 也可以和字符串比较
True
>>> "2.10.0" >= "2.9"                        # 普通字符串逐个字符比较："1" < "9"，结论错误
False
>>> isinstance(torchvision.__version__, str)
True
>>> # --8<-- [end:version]
""",
    "cuda": r"""
>>> # --8<-- [start:cuda]
>>> available = torch.cuda.is_available()    # 有 NVIDIA 显卡、驱动正常、装的是 CUDA 版 torch 时为 True
>>> isinstance(available, bool)
True
>>> isinstance(torch.cuda.device_count(), int)  # 能用的 GPU 个数；没有时是 0
True
>>> torch.version.cuda is None or isinstance(torch.version.cuda, str)  # CPU 版 torch 为 None
True
>>> # --8<-- [end:cuda]
""",
    "device": r"""
>>> # --8<-- [start:device]
>>> device = "cuda" if torch.cuda.is_available() else "cpu"
>>> x = torch.tensor([1.0, 2.0, 3.0])        # 默认创建在 CPU 上
>>> y = x.to(device)                         # 复制到 device；已经在那里就原样返回
>>> y.device.type == device
True
>>> (y * 2).tolist()                         # 在 y 所在的设备上计算，tolist() 把结果取回 Python
[2.0, 4.0, 6.0]
>>> z = torch.zeros(2, 3, device=device)     # 也可以直接在 device 上创建
>>> z.device.type == device
True
>>> (y.sum() + z.sum()).item()               # 参与运算的张量在同一个设备上
6.0
>>> y.cpu().numpy()                          # 交给 NumPy 前先回到 CPU
array([1., 2., 3.], dtype=float32)
>>> # --8<-- [end:device]
""",
    "report": r"""
>>> # --8<-- [start:report]
>>> info = describe_environment()
>>> list(info)                               # 各项的值因机器而异，这里只看有哪些项
['torch', 'torchvision', 'cuda_build', 'cuda_available', 'gpu_count', 'gpu_name', 'device']
>>> info["device"] == ("cuda" if torch.cuda.is_available() else "cpu")
True
>>> info["torch"] >= (2, 0), type(info["cuda_available"])
(True, <class 'bool'>)
>>> # --8<-- [end:report]
""",
    "explore": r"""
>>> # --8<-- [start:explore]
>>> "Linear" in dir(nn), "relu" in dir(F), "SGD" in dir(torch.optim)  # dir()：模块里有什么
(True, True, True)
>>> [name for name in dir(torch.optim) if name.startswith("Ada")]     # 按名字找
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
>>> layer.weight.shape, layer.bias.shape     # 权重的形状是 (输出, 输入)
(torch.Size([2, 4]), torch.Size([2]))
>>> layer(torch.ones(3, 4)).shape            # 一批 3 个样本进去，3 个 2 维输出出来
torch.Size([3, 2])
>>> sum(p.numel() for p in layer.parameters())  # 4×2 个权重 + 2 个偏置
10
>>> model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))  # 把层串起来
>>> model(torch.ones(3, 4)).shape
torch.Size([3, 1])
>>> # --8<-- [end:nn]
""",
    "functional": r"""
>>> # --8<-- [start:functional]
>>> x = torch.tensor([-2.0, 0.0, 3.0])
>>> F.relu(x)                                # 函数写法：负数变成 0
tensor([0., 0., 3.])
>>> nn.ReLU()(x)                             # 同一个运算的“层”写法，可以放进 nn.Sequential
tensor([0., 0., 3.])
>>> F.softmax(torch.tensor([1.0, 1.0, 1.0, 1.0]), dim=0)
tensor([0.2500, 0.2500, 0.2500, 0.2500])
>>> F.mse_loss(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 4.0]))  # 损失函数：((0)² + (2)²) / 2
tensor(2.)
>>> # --8<-- [end:functional]
""",
    "autograd": r"""
>>> # --8<-- [start:autograd]
>>> x = torch.tensor(3.0, requires_grad=True)  # 要对 x 求导：不再需要 Variable
>>> y = x ** 2 + 2 * x
>>> torch.autograd.grad(y, x)                # dy/dx = 2x + 2，在 x = 3 处为 8
(tensor(8.),)
>>> z = x ** 2 + 2 * x
>>> z.backward()                             # 更常用的写法：梯度存进 x.grad
>>> x.grad
tensor(8.)
>>> # --8<-- [end:autograd]
""",
    "optim": r"""
>>> # --8<-- [start:optim]
>>> w = nn.Parameter(torch.tensor([1.0]))    # 一个可训练的参数
>>> optimizer = torch.optim.SGD([w], lr=0.1)
>>> loss = (w ** 2).sum()                    # 损失 w²，它对 w 的梯度是 2w = 2
>>> loss.backward()
>>> w.grad
tensor([2.])
>>> optimizer.step()                         # w ← w - lr × 梯度 = 1 - 0.1 × 2
>>> w.detach()
tensor([0.8000])
>>> optimizer.zero_grad()                    # 清空梯度，准备下一步
>>> w.grad is None                           # PyTorch 2 起默认把梯度设为 None，而不是填 0
True
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
>>> xb.shape, yb.shape
(torch.Size([4, 2]), torch.Size([4]))
>>> yb
tensor([0, 1, 2, 3])
>>> [len(yb) for xb, yb in loader]           # 10 = 4 + 4 + 2：最后一批不满
[4, 4, 2]
>>> len(DataLoader(dataset, batch_size=4, drop_last=True))  # drop_last：丢掉不满的最后一批
2
>>> # --8<-- [end:data]
""",
    "vision": r"""
>>> # --8<-- [start:vision]
>>> image = torch.arange(6, dtype=torch.uint8).reshape(1, 2, 3)  # 1 通道、2×3 像素的“图片”
>>> v2.RandomHorizontalFlip(p=1.0)(image)    # p=1 一定翻转；训练时常用 p=0.5 做数据增强
tensor([[[2, 1, 0],
         [5, 4, 3]]], dtype=torch.uint8)
>>> v2.ToDtype(torch.float32, scale=True)(torch.tensor([[[0, 51, 255]]], dtype=torch.uint8))
tensor([[[0.0000, 0.2000, 1.0000]]])
>>> transform = v2.Compose([v2.Resize((16, 24)),                  # 依次执行：先缩放
...                         v2.ToDtype(torch.float32, scale=True)])  # 再把 0–255 变成 0–1
>>> out = transform(torch.zeros(3, 32, 48, dtype=torch.uint8))     # 3 通道、32×48 的图片
>>> out.shape, out.dtype
(torch.Size([3, 16, 24]), torch.float32)
>>> resnet = torchvision.models.resnet18(weights=None)  # 现成的网络结构；weights=None：不下载权重
>>> sum(p.numel() for p in resnet.parameters())
11689512
>>> # --8<-- [end:vision]
""",
}
