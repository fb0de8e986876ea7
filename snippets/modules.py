"""nn.Module 与保存加载 (modules): the code of docs/modules.md.

Each entry of ``__test__`` is one section of the page. The examples draw seeded random
inputs and weights on the CPU; only the section on devices moves a model to ``device``,
and its printed values, computed there, carry a tolerance for the GPU run. Saving and
loading always go through a temporary folder.
"""

__cuda__ = "device-aware"

# --8<-- [start:imports]
import tempfile
from pathlib import Path

import torch
from torch import nn
from torch.nn import functional as F

# --8<-- [end:imports]


# --8<-- [start:mlp]
class MLP(nn.Module):
    def __init__(self):
        super().__init__()                   # 先让 nn.Module 做好登记子模块的准备
        self.hidden = nn.Linear(20, 256)     # 赋给属性的层，自动登记为子模块
        self.out = nn.Linear(256, 10)

    def forward(self, X):                    # 只写前向；反向交给 autograd
        return self.out(F.relu(self.hidden(X)))
# --8<-- [end:mlp]


# --8<-- [start:my-sequential]
class MySequential(nn.Module):
    def __init__(self, *layers):
        super().__init__()
        for i, layer in enumerate(layers):
            self.add_module(str(i), layer)   # 以 "0"、"1"…… 为名登记，保持顺序

    def forward(self, X):
        for layer in self.children():        # 按登记的顺序逐个调用
            X = layer(X)
        return X
# --8<-- [end:my-sequential]


# --8<-- [start:fixed-hidden-mlp]
class FixedHiddenMLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("rand_weight", torch.rand(20, 20))  # 常量：不训练
        self.linear = nn.Linear(20, 20)

    def forward(self, X):
        X = self.linear(X)
        X = F.relu(X @ self.rand_weight + 1)
        X = self.linear(X)                   # 同一个层再用一次
        while X.abs().sum() > 1:             # 普通的 Python 循环
            X = X / 2
        return X.sum()
# --8<-- [end:fixed-hidden-mlp]


# --8<-- [start:nest-mlp]
class NestMLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(20, 64), nn.ReLU(),
                                 nn.Linear(64, 32), nn.ReLU())
        self.linear = nn.Linear(32, 16)

    def forward(self, X):
        return self.linear(self.net(X))
# --8<-- [end:nest-mlp]


# --8<-- [start:blocks]
def block1():
    return nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 4), nn.ReLU())


def block2():
    net = nn.Sequential()
    for i in range(3):
        net.add_module(f"block{i}", block1())  # 名字自己取，顺序就是添加的顺序
    return net
# --8<-- [end:blocks]


# --8<-- [start:centered-layer]
class CenteredLayer(nn.Module):
    def forward(self, X):
        return X - X.mean()                  # 没有参数；别忘了 return
# --8<-- [end:centered-layer]


# --8<-- [start:my-linear]
class MyLinear(nn.Module):
    def __init__(self, in_units, units):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(in_units, units))  # W：(输入, 输出)
        self.bias = nn.Parameter(torch.randn(units))

    def forward(self, X):
        return F.relu(X @ self.weight + self.bias)  # 直接用参数本身，不用 .data
# --8<-- [end:my-linear]


__test__ = {
    "mlp-forward": r"""
>>> # --8<-- [start:mlp-forward]
>>> _ = torch.manual_seed(0)
>>> net = MLP()
>>> X = torch.rand(2, 20)                    # 2 个样本，每个 20 个特征
>>> net(X).shape                             # 像函数一样调用：net(X) 会调用 forward
torch.Size([2, 10])
>>> net(X)[0, :4]
tensor([-0.1501,  0.2568,  0.1793, -0.1706], grad_fn=<SliceBackward0>)
>>> print(net)                               # 子模块按登记的名字列出
MLP(
  (hidden): Linear(in_features=20, out_features=256, bias=True)
  (out): Linear(in_features=256, out_features=10, bias=True)
)
>>> # --8<-- [end:mlp-forward]
""",
    "my-sequential-forward": r"""
>>> # --8<-- [start:my-sequential-forward]
>>> _ = torch.manual_seed(0)
>>> net = MySequential(nn.Linear(20, 256), nn.ReLU(), nn.Linear(256, 10))
>>> X = torch.rand(2, 20)
>>> net(X).shape
torch.Size([2, 10])
>>> print(net)
MySequential(
  (0): Linear(in_features=20, out_features=256, bias=True)
  (1): ReLU()
  (2): Linear(in_features=256, out_features=10, bias=True)
)
>>> len(list(net.parameters()))              # 两个 Linear，各有 weight 和 bias
4
>>> # --8<-- [end:my-sequential-forward]
""",
    "plain-list": r"""
>>> # --8<-- [start:plain-list]
>>> class ListSequential(nn.Module):
...     def __init__(self, *layers):
...         super().__init__()
...         self.layers = list(layers)       # 普通的 Python 列表：nn.Module 看不见
...
...     def forward(self, X):
...         for layer in self.layers:
...             X = layer(X)
...         return X
>>> net = ListSequential(nn.Linear(20, 256), nn.ReLU(), nn.Linear(256, 10))
>>> net(torch.rand(2, 20)).shape             # 前向照样能算……
torch.Size([2, 10])
>>> len(list(net.parameters()))              # ……但一个参数也没有
0
>>> print(net)
ListSequential()
>>> torch.optim.SGD(net.parameters(), lr=0.1)
Traceback (most recent call last):
    ...
ValueError: optimizer got an empty parameter list
>>> class ModuleListSequential(nn.Module):
...     def __init__(self, *layers):
...         super().__init__()
...         self.layers = nn.ModuleList(layers)  # 换成 nn.ModuleList
...
...     def forward(self, X):
...         for layer in self.layers:
...             X = layer(X)
...         return X
>>> net = ModuleListSequential(nn.Linear(20, 256), nn.ReLU(), nn.Linear(256, 10))
>>> len(list(net.parameters()))
4
>>> # --8<-- [end:plain-list]
""",
    "fixed-hidden": r"""
>>> # --8<-- [start:fixed-hidden]
>>> _ = torch.manual_seed(0)
>>> net = FixedHiddenMLP()
>>> net(torch.rand(2, 20))
tensor(0.0117, grad_fn=<SumBackward0>)
>>> [name for name, _ in net.named_parameters()]   # 只有 linear 的参数要训练
['linear.weight', 'linear.bias']
>>> [name for name, _ in net.named_buffers()]      # 常量是缓冲区
['rand_weight']
>>> list(net.state_dict())                         # 保存时两者都在
['rand_weight', 'linear.weight', 'linear.bias']
>>> # --8<-- [end:fixed-hidden]
""",
    "nest": r"""
>>> # --8<-- [start:nest]
>>> _ = torch.manual_seed(0)
>>> chimera = nn.Sequential(NestMLP(), nn.Linear(16, 20), FixedHiddenMLP())
>>> chimera(torch.rand(2, 20))
tensor(-0.1036, grad_fn=<SumBackward0>)
>>> print(chimera)
Sequential(
  (0): NestMLP(
    (net): Sequential(
      (0): Linear(in_features=20, out_features=64, bias=True)
      (1): ReLU()
      (2): Linear(in_features=64, out_features=32, bias=True)
      (3): ReLU()
    )
    (linear): Linear(in_features=32, out_features=16, bias=True)
  )
  (1): Linear(in_features=16, out_features=20, bias=True)
  (2): FixedHiddenMLP(
    (linear): Linear(in_features=20, out_features=20, bias=True)
  )
)
>>> # --8<-- [end:nest]
""",
    "param-access": r"""
>>> # --8<-- [start:param-access]
>>> _ = torch.manual_seed(0)
>>> net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
>>> net[2].bias                              # 按下标取出第 3 层，再取属性
Parameter containing:
tensor([-0.1568], requires_grad=True)
>>> type(net[2].bias).__name__, net[2].bias.requires_grad
('Parameter', True)
>>> net[2].weight.grad is None               # 还没有反向传播
True
>>> [(name, tuple(p.shape)) for name, p in net.named_parameters()]
[('0.weight', (8, 4)), ('0.bias', (8,)), ('2.weight', (1, 8)), ('2.bias', (1,))]
>>> list(net.state_dict())                   # state_dict 的键与参数名一致
['0.weight', '0.bias', '2.weight', '2.bias']
>>> sum(p.numel() for p in net.parameters())  # 4×8 + 8 + 8×1 + 1
49
>>> # --8<-- [end:param-access]
""",
    "nested-access": r"""
>>> # --8<-- [start:nested-access]
>>> _ = torch.manual_seed(0)
>>> rgnet = nn.Sequential(block2(), nn.Linear(4, 1))
>>> print(rgnet)
Sequential(
  (0): Sequential(
    (block0): Sequential(
      (0): Linear(in_features=4, out_features=8, bias=True)
      (1): ReLU()
      (2): Linear(in_features=8, out_features=4, bias=True)
      (3): ReLU()
    )
    (block1): Sequential(
      (0): Linear(in_features=4, out_features=8, bias=True)
      (1): ReLU()
      (2): Linear(in_features=8, out_features=4, bias=True)
      (3): ReLU()
    )
    (block2): Sequential(
      (0): Linear(in_features=4, out_features=8, bias=True)
      (1): ReLU()
      (2): Linear(in_features=8, out_features=4, bias=True)
      (3): ReLU()
    )
  )
  (1): Linear(in_features=4, out_features=1, bias=True)
)
>>> rgnet[0][1][0].bias                      # 第 1 个块 → 其中第 2 个 block1 → 第 1 层
Parameter containing:
tensor([-0.0275,  0.0751, -0.2048,  0.2967, -0.3043,  0.4537,  0.3426, -0.4216],
       requires_grad=True)
>>> rgnet[0].block1[0].bias is rgnet[0][1][0].bias  # 也能用名字取
True
>>> [name for name, _ in rgnet.named_parameters()][:4]
['0.block0.0.weight', '0.block0.0.bias', '0.block0.2.weight', '0.block0.2.bias']
>>> sum(p.numel() for p in rgnet.parameters())
233
>>> # --8<-- [end:nested-access]
""",
    "init-builtin": r"""
>>> # --8<-- [start:init-builtin]
>>> def init_normal(m):
...     if isinstance(m, nn.Linear):
...         nn.init.normal_(m.weight, mean=0, std=0.01)
...         nn.init.zeros_(m.bias)
>>> net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
>>> _ = torch.manual_seed(0)
>>> _ = net.apply(init_normal)               # 对每个子模块（以及 net 自己）调用一次
>>> net[2].weight
Parameter containing:
tensor([[-0.0057,  0.0037, -0.0089, -0.0151,  0.0037,  0.0146,  0.0094,  0.0077]],
       requires_grad=True)
>>> net[2].bias
Parameter containing:
tensor([0.], requires_grad=True)
>>> def init_constant(m):
...     if isinstance(m, nn.Linear):
...         nn.init.constant_(m.weight, 1)
...         nn.init.zeros_(m.bias)
>>> _ = net.apply(init_constant)
>>> net[2].weight
Parameter containing:
tensor([[1., 1., 1., 1., 1., 1., 1., 1.]], requires_grad=True)
>>> _ = net.apply(lambda m: print(type(m).__name__))  # 先子模块，后自己
Linear
ReLU
Linear
Sequential
>>> # --8<-- [end:init-builtin]
""",
    "init-per-layer": r"""
>>> # --8<-- [start:init-per-layer]
>>> net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
>>> _ = torch.manual_seed(0)
>>> _ = nn.init.xavier_uniform_(net[0].weight)   # 只初始化第 1 层
>>> _ = nn.init.constant_(net[2].weight, 42)     # 第 3 层用常数
>>> net[0].weight[:2]
tensor([[-0.0053,  0.3793, -0.5820, -0.5204],
        [-0.2723,  0.1896, -0.0140,  0.5607]], grad_fn=<SliceBackward0>)
>>> net[2].weight
Parameter containing:
tensor([[42., 42., 42., 42., 42., 42., 42., 42.]], requires_grad=True)
>>> # --8<-- [end:init-per-layer]
""",
    "init-custom": r"""
>>> # --8<-- [start:init-custom]
>>> def my_init(m):
...     if isinstance(m, nn.Linear):
...         print("初始化", tuple(m.weight.shape))
...         nn.init.uniform_(m.weight, -10, 10)
...         with torch.no_grad():            # 原地修改参数：不记录计算图
...             m.weight *= m.weight.abs() >= 5
>>> net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
>>> _ = torch.manual_seed(0)
>>> _ = net.apply(my_init)
初始化 (8, 4)
初始化 (1, 8)
>>> net[2].weight
Parameter containing:
tensor([[-6.4818, -0.0000, -6.9864, -9.3656, -5.8374,  8.5960,  0.0000,  0.0000]],
       requires_grad=True)
>>> with torch.no_grad():
...     net[2].weight[0, 0] = 42             # 直接改某一个元素
>>> net[2].weight[0, :3]
tensor([42.0000, -0.0000, -6.9864], grad_fn=<SliceBackward0>)
>>> # --8<-- [end:init-custom]
""",
    "tying": r"""
>>> # --8<-- [start:tying]
>>> _ = torch.manual_seed(0)
>>> shared = nn.Linear(8, 8)                 # 先建好要共享的层
>>> net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(),
...                     shared, nn.ReLU(),
...                     shared, nn.ReLU(),
...                     nn.Linear(8, 1))
>>> net[2].weight is net[4].weight           # 同一个张量对象
True
>>> net[2].weight.data_ptr() == net[4].weight.data_ptr()
True
>>> with torch.no_grad():
...     net[2].weight[0, 0] = 100            # 改第 3 层……
>>> net[4].weight[0, 0]                      # ……第 5 层跟着变
tensor(100., grad_fn=<SelectBackward0>)
>>> [name for name, _ in net.named_parameters()]  # 共享的参数只列一次
['0.weight', '0.bias', '2.weight', '2.bias', '6.weight', '6.bias']
>>> sum(p.numel() for p in net.parameters())
121
>>> # --8<-- [end:tying]
""",
    "tying-grad": r"""
>>> # --8<-- [start:tying-grad]
>>> x = torch.tensor([[2.0]])
>>> shared = nn.Linear(1, 1, bias=False)
>>> _ = nn.init.constant_(shared.weight, 3.0)  # w = 3
>>> y = shared(shared(x))                    # y = w·(w·x) = 18
>>> y.backward()
>>> shared.weight.grad                       # dy/dw = 2wx = 12
tensor([[12.]])
>>> first, second = nn.Linear(1, 1, bias=False), nn.Linear(1, 1, bias=False)
>>> for layer in (first, second):
...     _ = nn.init.constant_(layer.weight, 3.0)
>>> second(first(x)).backward()              # 同样的计算，但两层各有各的参数
>>> first.weight.grad, second.weight.grad    # 各自的梯度：6 + 6 = 12
(tensor([[6.]]), tensor([[6.]]))
>>> # --8<-- [end:tying-grad]
""",
    "centered": r"""
>>> # --8<-- [start:centered]
>>> layer = CenteredLayer()
>>> layer(torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0]))
tensor([-2., -1.,  0.,  1.,  2.])
>>> _ = torch.manual_seed(0)
>>> net = nn.Sequential(nn.Linear(8, 128), CenteredLayer())
>>> Y = net(torch.rand(4, 8))
>>> round(Y.mean().item(), 6)                # 均值是 0（只差浮点舍入）
0.0
>>> # --8<-- [end:centered]
""",
    "centered-mistake": r"""
>>> # --8<-- [start:centered-mistake]
>>> class ForgetfulCenteredLayer(nn.Module):
...     def forward(self, X):
...         X - X.mean()                     # 算了，但没有 return：返回 None
>>> net = nn.Sequential(ForgetfulCenteredLayer(), nn.Linear(8, 1))
>>> net(torch.rand(4, 8))
Traceback (most recent call last):
    ...
TypeError: linear(): argument 'input' (position 1) must be Tensor, not NoneType
>>> # --8<-- [end:centered-mistake]
""",
    "my-linear-use": r"""
>>> # --8<-- [start:my-linear-use]
>>> _ = torch.manual_seed(0)
>>> linear = MyLinear(5, 3)
>>> [(name, tuple(p.shape)) for name, p in linear.named_parameters()]
[('weight', (5, 3)), ('bias', (3,))]
>>> X = torch.rand(2, 5)
>>> linear(X)
tensor([[0.5133, 0.0000, 0.0000],
        [0.5804, 0.0000, 0.0000]], grad_fn=<ReluBackward0>)
>>> linear(X).sum().backward()
>>> linear.bias.grad                         # 梯度流到了自己定义的参数上
tensor([2., 0., 0.])
>>> net = nn.Sequential(MyLinear(64, 8), MyLinear(8, 1))  # 和内置层一样组合
>>> net(torch.rand(2, 64)).shape
torch.Size([2, 1])
>>> # --8<-- [end:my-linear-use]
""",
    "data-mistake": r"""
>>> # --8<-- [start:data-mistake]
>>> class DataLinear(MyLinear):
...     def forward(self, X):
...         return F.relu(X @ self.weight.data + self.bias.data)
>>> linear = DataLinear(5, 3)
>>> out = linear(torch.rand(2, 5))
>>> out.requires_grad                        # 计算图断了
False
>>> out.sum().backward()
Traceback (most recent call last):
    ...
RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn
>>> # --8<-- [end:data-mistake]
""",
    "modules-children": r"""
>>> # --8<-- [start:modules-children]
>>> net = NestMLP()
>>> [name for name, _ in net.named_children()]      # 只有直接的子模块
['net', 'linear']
>>> [name for name, _ in net.named_modules()]       # 递归的全部，"" 是 net 自己
['', 'net', 'net.0', 'net.1', 'net.2', 'net.3', 'linear']
>>> [type(m).__name__ for m in net.modules()]
['NestMLP', 'Sequential', 'Linear', 'ReLU', 'Linear', 'ReLU', 'Linear']
>>> # --8<-- [end:modules-children]
""",
    "dropout-modes": r"""
>>> # --8<-- [start:dropout-modes]
>>> net = nn.Sequential(nn.Linear(4, 4), nn.Dropout(p=0.5))
>>> net.training, net[1].training            # 新建的模块处于训练模式
(True, True)
>>> x = torch.ones(8)
>>> _ = torch.manual_seed(0)
>>> net[1](x)                                # 训练模式：随机置 0，其余除以 1 - p
tensor([0., 0., 2., 0., 0., 0., 2., 2.])
>>> _ = net.eval()                           # 切到评估模式，递归地作用于所有子模块
>>> net.training, net[1].training
(False, False)
>>> net[1](x)                                # 评估模式：原样输出
tensor([1., 1., 1., 1., 1., 1., 1., 1.])
>>> _ = net.train()                          # 回到训练模式
>>> # --8<-- [end:dropout-modes]
""",
    "batchnorm-modes": r"""
>>> # --8<-- [start:batchnorm-modes]
>>> bn = nn.BatchNorm1d(2)
>>> X = torch.tensor([[1.0, 2.0], [3.0, 6.0]])
>>> bn(X)                                    # 训练模式：用这一批的均值和方差
tensor([[-1.0000, -1.0000],
        [ 1.0000,  1.0000]], grad_fn=<NativeBatchNormBackward0>)
>>> bn.running_mean                          # 并更新累计的均值：0.9·0 + 0.1·(2, 4)
tensor([0.2000, 0.4000])
>>> _ = bn.eval()
>>> bn(X)                                    # 评估模式：用累计的均值和方差
tensor([[0.7628, 1.2271],
        [2.6697, 4.2950]], grad_fn=<NativeBatchNormBackward0>)
>>> bn.running_mean                          # 不再更新
tensor([0.2000, 0.4000])
>>> # --8<-- [end:batchnorm-modes]
""",
    "eval-keeps-grad": r"""
>>> # --8<-- [start:eval-keeps-grad]
>>> _ = torch.manual_seed(0)
>>> net = nn.Sequential(nn.Linear(4, 1), nn.Dropout(p=0.5))
>>> _ = net.eval()
>>> out = net(torch.ones(1, 4))
>>> out                                      # eval 之后照样记录计算图
tensor([[-0.7076]], grad_fn=<AddmmBackward0>)
>>> out.sum().backward()
>>> net[0].bias.grad
tensor([1.])
>>> with torch.no_grad():                    # 不要梯度：用 no_grad
...     out = net(torch.ones(1, 4))
>>> out
tensor([[-0.7076]])
>>> # --8<-- [end:eval-keeps-grad]
""",
    "to-device": r"""
>>> # --8<-- [start:to-device]
>>> device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
>>> _ = torch.manual_seed(0)
>>> net = FixedHiddenMLP()                   # 在 CPU 上建好、初始化
>>> X = torch.rand(2, 20)
>>> net = net.to(device)                     # 参数和缓冲区一起搬过去
>>> net(X.to(device))  # doctest: +CUDA_RTOL_0_01
tensor(0.0117, grad_fn=<SumBackward0>)
>>> # --8<-- [end:to-device]
""",
    "save-tensors": r"""
>>> # --8<-- [start:save-tensors]
>>> x = torch.arange(4)
>>> y = torch.zeros(4)
>>> with tempfile.TemporaryDirectory() as folder:
...     path = Path(folder)
...     torch.save(x, path / "x.pt")
...     torch.save([x, y], path / "xy-list.pt")
...     torch.save({"x": x, "y": y}, path / "xy-dict.pt")
...     x2 = torch.load(path / "x.pt")
...     xy_list = torch.load(path / "xy-list.pt")
...     xy_dict = torch.load(path / "xy-dict.pt")
>>> x2
tensor([0, 1, 2, 3])
>>> xy_list
[tensor([0, 1, 2, 3]), tensor([0., 0., 0., 0.])]
>>> xy_dict
{'x': tensor([0, 1, 2, 3]), 'y': tensor([0., 0., 0., 0.])}
>>> # --8<-- [end:save-tensors]
""",
    "save-state-dict": r"""
>>> # --8<-- [start:save-state-dict]
>>> _ = torch.manual_seed(0)
>>> net = MLP()
>>> X = torch.rand(2, 20)
>>> with tempfile.TemporaryDirectory() as folder:
...     path = Path(folder) / "mlp.params"
...     torch.save(net.state_dict(), path)   # 只存参数（和缓冲区）
...     clone = MLP()                        # 新建一个同样结构的模型……
...     print(clone.load_state_dict(torch.load(path)))  # ……把参数装进去
<All keys matched successfully>
>>> _ = clone.eval()
>>> with torch.no_grad():
...     print(net(X)[0, :4])
...     print(clone(X)[0, :4])
tensor([-0.1501,  0.2568,  0.1793, -0.1706])
tensor([-0.1501,  0.2568,  0.1793, -0.1706])
>>> # --8<-- [end:save-state-dict]
""",
    "state-dict-mismatch": r"""
>>> # --8<-- [start:state-dict-mismatch]
>>> net = MLP()
>>> same_layers = nn.Sequential(nn.Linear(20, 256), nn.ReLU(), nn.Linear(256, 10))
>>> list(same_layers.state_dict())           # 同样的层，名字却是 0、2
['0.weight', '0.bias', '2.weight', '2.bias']
>>> same_layers.load_state_dict(net.state_dict())
Traceback (most recent call last):
    ...
RuntimeError: Error(s) in loading state_dict for Sequential:
...Missing key(s) in state_dict: "0.weight", "0.bias", "2.weight", "2.bias"...
...Unexpected key(s) in state_dict: "hidden.weight", "hidden.bias", "out.weight", ...
>>> # --8<-- [end:state-dict-mismatch]
""",
    "weights-only": r"""
>>> # --8<-- [start:weights-only]
>>> net = MLP()
>>> folder = tempfile.TemporaryDirectory()
>>> path = Path(folder.name) / "mlp.pt"
>>> torch.save(net, path)                    # 把整个模型对象 pickle 下来
>>> torch.load(path)                         # 默认 weights_only=True
Traceback (most recent call last):
    ...
_pickle.UnpicklingError: Weights only load failed. ...
...(1) In PyTorch 2.6, we changed the default value of the `weights_only` argument...
...WeightsUnpickler error: Unsupported global: GLOBAL ...MLP was not an allowed global...
...
>>> whole = torch.load(path, weights_only=False)  # 只对自己存的、可信的文件这样做
>>> type(whole).__name__
'MLP'
>>> folder.cleanup()                         # 删掉临时文件夹
>>> # --8<-- [end:weights-only]
""",
    "ex-shared-layer": r"""
>>> # --8<-- [start:ex-shared-layer]
>>> _ = torch.manual_seed(0)
>>> shared = nn.Linear(4, 4)
>>> net_a = nn.Sequential(shared, nn.ReLU(), nn.Linear(4, 1))
>>> net_b = nn.Sequential(shared, nn.ReLU(), nn.Linear(4, 2))
>>> net_a[0].weight is net_b[0].weight
True
>>> before = net_b[0].bias.detach().clone()
>>> optimizer = torch.optim.SGD(net_a.parameters(), lr=0.1)
>>> net_a(torch.ones(3, 4)).sum().backward()
>>> optimizer.step()                         # 只训练 net_a
>>> before
tensor([ 0.1977,  0.3000, -0.3390, -0.2177])
>>> net_b[0].bias                            # net_b 的第 1 层也变了
Parameter containing:
tensor([ 0.1977,  0.1755, -0.3390, -0.2177], requires_grad=True)
>>> # --8<-- [end:ex-shared-layer]
""",
    "ex-count-per-layer": r"""
>>> # --8<-- [start:ex-count-per-layer]
>>> def count_parameters(net):
...     counts = {}
...     for name, m in net.named_modules():  # 共享的模块只出现一次
...         n = sum(p.numel() for p in m.parameters(recurse=False))
...         if n > 0:                        # 只列自己直接拥有参数的模块
...             counts[name] = n
...     return counts
>>> count_parameters(MLP())
{'hidden': 5376, 'out': 2570}
>>> count_parameters(NestMLP())
{'net.0': 1344, 'net.2': 2080, 'linear': 528}
>>> count_parameters(FixedHiddenMLP())       # 缓冲区不算参数
{'linear': 420}
>>> # --8<-- [end:ex-count-per-layer]
""",
    "ex-resume": r"""
>>> # --8<-- [start:ex-resume]
>>> _ = torch.manual_seed(0)
>>> X, y = torch.rand(16, 20), torch.rand(16, 10)
>>> def train_step(net, optimizer):
...     loss = F.mse_loss(net(X), y)
...     optimizer.zero_grad()
...     loss.backward()
...     optimizer.step()
...     return round(loss.item(), 4)
>>> net = MLP()
>>> optimizer = torch.optim.Adam(net.parameters(), lr=0.01)
>>> [train_step(net, optimizer) for _ in range(3)]
[0.3764, 0.1029, 0.2025]
>>> with tempfile.TemporaryDirectory() as folder:
...     path = Path(folder) / "checkpoint.pt"
...     torch.save({"model": net.state_dict(),
...                 "optimizer": optimizer.state_dict(),
...                 "step": 3}, path)
...     checkpoint = torch.load(path)
>>> resumed = MLP()
>>> resumed_optimizer = torch.optim.Adam(resumed.parameters(), lr=0.01)
>>> _ = resumed.load_state_dict(checkpoint["model"])
>>> resumed_optimizer.load_state_dict(checkpoint["optimizer"])
>>> checkpoint["step"]
3
>>> [train_step(net, optimizer) for _ in range(2)]          # 接着训练原来的
[0.1341, 0.0841]
>>> [train_step(resumed, resumed_optimizer) for _ in range(2)]  # 恢复的：一模一样
[0.1341, 0.0841]
>>> restarted = MLP()
>>> _ = restarted.load_state_dict(checkpoint["model"])
>>> new_optimizer = torch.optim.Adam(restarted.parameters(), lr=0.01)
>>> [train_step(restarted, new_optimizer) for _ in range(2)]  # 丢了优化器状态
[0.1341, 0.1335]
>>> # --8<-- [end:ex-resume]
""",
    "ex-buffer": r"""
>>> # --8<-- [start:ex-buffer]
>>> class PlainConstantMLP(nn.Module):
...     def __init__(self):
...         super().__init__()
...         self.rand_weight = torch.rand(20, 20)  # 普通属性，不是缓冲区
...         self.linear = nn.Linear(20, 20)
>>> list(PlainConstantMLP().state_dict())    # 常量不会被保存
['linear.weight', 'linear.bias']
>>> net = PlainConstantMLP().to("meta")      # meta：只有形状、没有数据的设备
>>> net.linear.weight.device, net.rand_weight.device  # 常量没有跟着搬
(device(type='meta'), device(type='cpu'))
>>> net = FixedHiddenMLP().to("meta")
>>> net.linear.weight.device, net.rand_weight.device  # 缓冲区跟着搬了
(device(type='meta'), device(type='meta'))
>>> # --8<-- [end:ex-buffer]
""",
}
