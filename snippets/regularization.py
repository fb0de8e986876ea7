"""过拟合、欠拟合与正则化 (overfitting, underfitting and regularization): the code of
docs/regularization.md.

Training and generalisation error shown with polynomial regression (degree 1, 3 and
20 on a noisy cubic); a validation split with ``random_split`` and k-fold
cross-validation; weight decay by hand and through SGD's ``weight_decay`` on d2l's
high-dimensional linear regression (d = 200, 20 training examples); dropout by hand
and ``nn.Dropout``; early stopping with a copied ``state_dict``; data augmentation
with transforms v2; vanishing and exploding gradients; zero, Xavier and Kaiming
initialisation.

Each trained model is trained once per process by a cached function that the
doctests, the figures and the page's notebook share. The polynomial, the weight-decay
regression and the initialisation examples are tiny and run on the CPU on every
machine; the MNIST models (the offline 5,000 digits) train on ``device``, and their
printed accuracies carry a GPU tolerance.
"""

__cuda__ = "device-aware"

# --8<-- [start:imports]
import copy
import functools
import math

import matplotlib
import torch
import torch.nn.functional as F
from matplotlib.figure import Figure
from torch import nn
from torch.utils.data import TensorDataset, random_split
from torchvision.transforms import v2

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

# --8<-- [start:poly_data]
max_degree = 20                        # 特征用到 x 的 0 到 20 次方
n_train, n_test = 100, 100
true_coeffs = torch.zeros(max_degree + 1, 1)
true_coeffs[:4, 0] = torch.tensor([5, 1.2, -3.4, 5.6])  # 只有前 4 项不为 0

torch.manual_seed(0)
x = torch.randn(n_train + n_test, 1)
factorials = torch.tensor([math.factorial(i) for i in range(max_degree + 1)])
poly_features = x ** torch.arange(max_degree + 1) / factorials  # 第 i 列：x^i / i!
noise = torch.normal(0, 0.1, (n_train + n_test, 1))
poly_labels = poly_features @ true_coeffs + noise
# --8<-- [end:poly_data]


# --8<-- [start:fit_poly]
@functools.cache
def fit_poly(degree, n=100, num_epochs=100, lr=0.3):
    """用 x^0 … x^degree 这 degree + 1 个特征、前 n 个训练样本拟合多项式。

    每轮在全部 n 个样本上算一次梯度、更新一次参数；返回模型和每轮之后的
    （训练损失, 测试损失），损失是均方误差。
    """
    X, y = poly_features[:n, : degree + 1], poly_labels[:n]
    X_test = poly_features[n_train:, : degree + 1]
    y_test = poly_labels[n_train:]
    torch.manual_seed(0)
    net = nn.Linear(degree + 1, 1, bias=False)  # x^0 = 1 那一列的系数就是偏置
    optimizer = torch.optim.SGD(net.parameters(), lr=lr)
    history = []
    for _ in range(num_epochs):
        loss = F.mse_loss(net(X), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            history.append((F.mse_loss(net(X), y).item(),
                            F.mse_loss(net(X_test), y_test).item()))
    return net, history
# --8<-- [end:fit_poly]


# --8<-- [start:draw_poly_fits]
def draw_poly_fits() -> Figure:
    """三种拟合每轮之后的训练损失与测试损失（对数坐标）。"""
    fits = [(1, 100, "一阶、100 个样本：欠拟合"),
            (3, 100, "三阶、100 个样本：正好"),
            (20, 10, "二十阶、10 个样本：过拟合")]
    fig = Figure(figsize=(11, 3.6), layout="constrained")
    axes = fig.subplots(1, 3, sharey=True)
    for ax, (degree, n, title) in zip(axes, fits, strict=True):
        _, history = fit_poly(degree, n)
        epochs = range(1, len(history) + 1)
        ax.plot(epochs, [train for train, _ in history], label="训练损失")
        ax.plot(epochs, [test for _, test in history], "--", label="测试损失")
        ax.axhline(0.01, color="gray", lw=0.8, ls=":", label="噪声的方差 0.01")
        ax.set_yscale("log")
        ax.set_title(title)
        ax.set_xlabel("轮（epoch）")
        ax.grid(alpha=0.3)
    axes[0].set_ylabel("均方误差")
    axes[0].legend()
    return fig
# --8<-- [end:draw_poly_fits]


# --8<-- [start:split]
train, test = load_mnist(train=True), load_mnist(train=False)
train_set = TensorDataset(train.data.float().div(255), train.targets)
train_part, valid_part = random_split(
    train_set, [3200, 800], generator=torch.Generator().manual_seed(0))
# 按下标一次取出整份数据：X 的形状 (样本数, 28, 28)，y 的形状 (样本数,)
X_train, y_train = train_set[train_part.indices]
X_valid, y_valid = train_set[valid_part.indices]
X_test, y_test = test.data.float().div(255), test.targets
# --8<-- [end:split]


# --8<-- [start:k_fold]
def k_fold_indices(n, k, generator=None):
    """把下标 0 … n-1 打乱后分成 k 份；第 i 折用第 i 份验证，其余 k-1 份训练。"""
    folds = torch.randperm(n, generator=generator).tensor_split(k)
    return [(torch.cat(folds[:i] + folds[i + 1:]), folds[i]) for i in range(k)]
# --8<-- [end:k_fold]


# --8<-- [start:train_helpers]
def train_epoch(net, X, y, optimizer, batch_size=100, generator=None):
    """把 (X, y) 打乱、切成小批量，用交叉熵训练一轮；返回这一轮的平均损失。"""
    net.train()                      # 训练模式（暂退法一节会用到）
    total_loss = 0.0
    for batch in torch.randperm(len(X), generator=generator).split(batch_size):
        X_batch, y_batch = X[batch].to(device), y[batch].to(device)
        loss = F.cross_entropy(net(X_batch), y_batch)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total_loss += loss.item() * len(batch)
    return total_loss / len(X)


def evaluate_accuracy(net, X, y):
    """net 在 (X, y) 上的准确率；先切换到评估模式。"""
    net.eval()
    with torch.no_grad():
        predictions = net(X.to(device)).argmax(dim=1)
    return (predictions == y.to(device)).float().mean().item()
# --8<-- [end:train_helpers]


# --8<-- [start:k_fold_run]
@functools.cache
def k_fold_accuracies(k=5, num_epochs=1, lr=0.5):
    """在全部 4000 张训练图片上做 k 折交叉验证；返回每一折的验证准确率。"""
    X, y = train_set.tensors
    folds = k_fold_indices(len(X), k, generator=torch.Generator().manual_seed(0))
    accuracies = []
    for train_idx, valid_idx in folds:
        torch.manual_seed(0)                        # 每一折都从同样的初始参数开始
        net = nn.Sequential(nn.Flatten(), nn.Linear(784, 10)).to(device)
        optimizer = torch.optim.SGD(net.parameters(), lr=lr)
        shuffle = torch.Generator().manual_seed(0)
        for _ in range(num_epochs):
            train_epoch(net, X[train_idx], y[train_idx], optimizer, generator=shuffle)
        accuracies.append(evaluate_accuracy(net, X[valid_idx], y[valid_idx]))
    return accuracies
# --8<-- [end:k_fold_run]


# --8<-- [start:wd_data]
def synthetic_data(w, b, n):
    """n 个样本：X 的元素 ~ N(0, 1)，y = Xw + b + 噪声，噪声 ~ N(0, 0.01²)。"""
    X = torch.randn(n, len(w))
    y = X @ w + b + torch.normal(0, 0.01, (n, 1))
    return X, y


d = 200                                   # 特征数
true_w, true_b = torch.full((d, 1), 0.01), 0.05
torch.manual_seed(0)
X_hd, y_hd = synthetic_data(true_w, true_b, 20)              # 只有 20 个训练样本
X_hd_test, y_hd_test = synthetic_data(true_w, true_b, 100)
# --8<-- [end:wd_data]


# --8<-- [start:wd_scratch]
def l2_penalty(w):
    """L2 惩罚项 ‖w‖² / 2。"""
    return (w ** 2).sum() / 2


@functools.cache
def train_weight_decay(lambd, num_epochs=100, lr=0.03):
    """从零实现：损失 = 均方误差 + λ·‖w‖²/2，每轮用全部 20 个样本更新一次。

    返回学到的 w 和每轮之后的（训练损失, 测试损失），两者都不含惩罚项。
    """
    torch.manual_seed(1)
    w = torch.randn(d, 1, requires_grad=True)       # w ~ N(0, 1)
    b = torch.zeros(1, requires_grad=True)
    history = []
    for _ in range(num_epochs):
        loss = F.mse_loss(X_hd @ w + b, y_hd) + lambd * l2_penalty(w)
        loss.backward()
        with torch.no_grad():
            for param in (w, b):
                param -= lr * param.grad
                param.grad = None
            history.append((F.mse_loss(X_hd @ w + b, y_hd).item(),
                            F.mse_loss(X_hd_test @ w + b, y_hd_test).item()))
    return w.detach(), history
# --8<-- [end:wd_scratch]


# --8<-- [start:wd_concise]
@functools.cache
def train_weight_decay_concise(lambd, num_epochs=100, lr=0.03):
    """同样的模型和数据；权重衰减交给优化器的 weight_decay 参数。"""
    net = nn.Linear(d, 1)
    torch.manual_seed(1)
    nn.init.normal_(net.weight)                     # 与从零实现抽到同样的随机数
    nn.init.zeros_(net.bias)
    optimizer = torch.optim.SGD([
        {"params": net.weight, "weight_decay": lambd},  # 只衰减权重
        {"params": net.bias},                           # 偏置不衰减
    ], lr=lr)
    history = []
    for _ in range(num_epochs):
        loss = F.mse_loss(net(X_hd), y_hd)          # 损失里不再写惩罚项
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            history.append((F.mse_loss(net(X_hd), y_hd).item(),
                            F.mse_loss(net(X_hd_test), y_hd_test).item()))
    return net, history
# --8<-- [end:wd_concise]


# --8<-- [start:draw_weight_decay]
def draw_weight_decay() -> Figure:
    """λ = 0 与 λ = 3：每轮之后的训练损失和测试损失（对数坐标）。"""
    fig = Figure(figsize=(6.5, 4), layout="constrained")
    ax = fig.subplots()
    for lambd, color in [(0, "C0"), (3, "C1")]:
        _, history = train_weight_decay(lambd)
        epochs = range(1, len(history) + 1)
        ax.plot(epochs, [test for _, test in history], color=color,
                label=f"λ = {lambd}：测试损失")
        ax.plot(epochs, [train for train, _ in history], "--", color=color,
                label=f"λ = {lambd}：训练损失")
    ax.set_yscale("log")
    ax.set_ylim(1e-5, 1e3)               # λ = 0 的训练损失继续降到 1e-12 以下
    ax.set_xlabel("轮（epoch）")
    ax.set_ylabel("均方误差")
    ax.set_title("d = 200 个特征、20 个训练样本的线性回归")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper right", bbox_to_anchor=(1, 0.88))
    return fig
# --8<-- [end:draw_weight_decay]


# --8<-- [start:dropout_layer]
def dropout_layer(X, p):
    """以概率 p 把 X 的每个元素置为 0，留下的元素除以 1 - p。"""
    if not 0 <= p <= 1:
        raise ValueError(f"p 必须在 [0, 1] 之间，收到的是 {p}")
    if p == 1:
        return torch.zeros_like(X)      # 全部丢弃（这时不能除以 1 - p = 0）
    mask = (torch.rand(X.shape, device=X.device) > p).float()
    return mask * X / (1 - p)
# --8<-- [end:dropout_layer]


# --8<-- [start:mlp]
def make_mlp(dropout):
    """784-128-10 的 MLP，隐藏层的 ReLU 之后接暂退概率为 dropout 的 nn.Dropout。"""
    torch.manual_seed(0)
    net = nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(),
                        nn.Dropout(dropout), nn.Linear(128, 10))
    return net.to(device)


@functools.cache
def train_mlp(dropout, num_epochs=10, lr=0.5, n=1000):
    """在训练部分的前 n 张图片上训练 make_mlp(dropout)；返回模型和每轮的损失。"""
    net = make_mlp(dropout)
    optimizer = torch.optim.SGD(net.parameters(), lr=lr)
    shuffle = torch.Generator().manual_seed(0)
    losses = [train_epoch(net, X_train[:n], y_train[:n], optimizer, generator=shuffle)
              for _ in range(num_epochs)]
    return net, losses
# --8<-- [end:mlp]


# --8<-- [start:early_stopping]
def train_early_stopping(net, lr=0.5, n=1000, max_epochs=30, patience=3):
    """每轮之后在验证集上评估；验证准确率连续 patience 轮没有超过最好的一轮
    就停下，并把参数恢复成最好那一轮的。返回每轮的验证准确率和最好的轮次。"""
    optimizer = torch.optim.SGD(net.parameters(), lr=lr)
    shuffle = torch.Generator().manual_seed(0)
    best_acc, best_epoch, best_state, waited = 0.0, 0, None, 0
    valid_accs = []
    for epoch in range(1, max_epochs + 1):
        train_epoch(net, X_train[:n], y_train[:n], optimizer, generator=shuffle)
        acc = evaluate_accuracy(net, X_valid, y_valid)
        valid_accs.append(acc)
        if acc > best_acc:
            best_acc, best_epoch, waited = acc, epoch, 0
            best_state = copy.deepcopy(net.state_dict())  # 复制一份，不是引用
        else:
            waited += 1
            if waited == patience:
                break
    net.load_state_dict(best_state)
    return valid_accs, best_epoch


@functools.cache
def early_stopping_run(patience=3):
    """用提前停止训练一个不带暂退法的 MLP；返回模型、每轮验证准确率、最好的轮次。"""
    net = make_mlp(0.0)
    valid_accs, best_epoch = train_early_stopping(net, patience=patience)
    return net, valid_accs, best_epoch
# --8<-- [end:early_stopping]


# --8<-- [start:augmentations]
bilinear = v2.InterpolationMode.BILINEAR     # 旋转、平移后用双线性插值，边缘更平滑
augmentations = {
    "旋转": v2.RandomRotation(degrees=30, interpolation=bilinear),
    "平移": v2.RandomAffine(degrees=0, translate=(0.2, 0.2), interpolation=bilinear),
    "随机裁剪后放大": v2.RandomResizedCrop(28, scale=(0.5, 1.0)),
    "弹性形变": v2.ElasticTransform(alpha=40.0, sigma=4.0),
    "高斯模糊": v2.GaussianBlur(kernel_size=5, sigma=(1.0, 2.0)),
    "透视变换": v2.RandomPerspective(distortion_scale=0.5, p=1.0),
    "组合": v2.Compose([
        v2.RandomRotation(degrees=15, interpolation=bilinear),
        v2.RandomAffine(degrees=0, translate=(0.1, 0.1), scale=(0.9, 1.1),
                        interpolation=bilinear),
        v2.ElasticTransform(alpha=20.0, sigma=4.0),
    ]),
}
# --8<-- [end:augmentations]


# The page's "augment" example takes this image; the next example uses it again.
image, label = train[0]


# --8<-- [start:draw_augmentations]
def draw_augmentations() -> Figure:
    """训练集第 0 张图片，以及它经过 7 种随机变换后的样子。"""
    image, label = train[0]                  # (1, 28, 28)，取值在 [0, 1]
    torch.manual_seed(3)
    images = [("原图", image)]
    images += [(name, t(image)) for name, t in augmentations.items()]
    fig = Figure(figsize=(9, 5), layout="constrained")
    for ax, (name, img) in zip(fig.subplots(2, 4).flat, images, strict=True):
        ax.imshow(img[0].numpy(), cmap="gray_r", vmin=0, vmax=1)
        ax.set_title(name)
        ax.axis("off")
    fig.suptitle(f"数字 {label} 的 7 种数据增强")
    return fig
# --8<-- [end:draw_augmentations]


# --8<-- [start:draw_sigmoid_grad]
def draw_sigmoid_grad() -> Figure:
    """sigmoid 函数和它的导数（用自动微分求出）。"""
    x = torch.linspace(-8, 8, 161, requires_grad=True)
    y = torch.sigmoid(x)
    y.sum().backward()                        # 每个 y_i 只依赖 x_i：x.grad 就是导数
    fig = Figure(figsize=(6, 3.6), layout="constrained")
    ax = fig.subplots()
    ax.plot(x.detach().numpy(), y.detach().numpy(), label="sigmoid(x)")
    ax.plot(x.detach().numpy(), x.grad.numpy(), "--", label="导数，最大 0.25")
    ax.set_xlabel("x")
    ax.set_title("sigmoid 的输入离 0 稍远，导数就几乎为 0")
    ax.grid(alpha=0.3)
    ax.legend()
    return fig
# --8<-- [end:draw_sigmoid_grad]


# --8<-- [start:grad_norms]
def deep_mlp(activation, depth=10, width=64, init=None):
    """depth 个宽度为 width 的隐藏层，再接一个 10 类的输出层。

    init 不为 None 时，用它初始化每个全连接层的权重，偏置置 0。
    """
    torch.manual_seed(0)
    layers = []
    for _ in range(depth):
        layers += [nn.Linear(width, width), activation()]
    net = nn.Sequential(*layers, nn.Linear(width, 10))
    if init is not None:
        for layer in net:
            if isinstance(layer, nn.Linear):
                init(layer.weight)
                nn.init.zeros_(layer.bias)
    return net


def grad_norms(net, width=64):
    """在一批随机输入和随机标签上反向传播一次，返回每个全连接层权重梯度的范数。"""
    torch.manual_seed(0)
    X, y = torch.randn(256, width), torch.randint(0, 10, (256,))
    F.cross_entropy(net(X), y).backward()
    return [layer.weight.grad.norm().item()
            for layer in net if isinstance(layer, nn.Linear)]
# --8<-- [end:grad_norms]


# --8<-- [start:activation_stds]
def activation_stds(init=None, activation=torch.relu, depth=10, width=256):
    """让 1000 个 N(0, 1) 的输入穿过 depth 个全连接层，返回每层输出的标准差。

    init 为 None 时用 nn.Linear 的默认初始化，否则用 init 初始化权重、偏置置 0。
    """
    torch.manual_seed(0)
    X = torch.randn(1000, width)
    stds = []
    for _ in range(depth):
        layer = nn.Linear(width, width)
        if init is not None:
            init(layer.weight)
            nn.init.zeros_(layer.bias)
        with torch.no_grad():
            X = activation(layer(X))
        stds.append(X.std().item())
    return stds


def kaiming(w):
    """为 ReLU 设计的 Kaiming 初始化：正态分布，方差 2 / n_in。"""
    return nn.init.kaiming_normal_(w, nonlinearity="relu")


inits = {"默认": None, "Xavier": nn.init.xavier_uniform_, "Kaiming": kaiming}
# --8<-- [end:activation_stds]


__test__ = {
    "poly-data": r"""
>>> # --8<-- [start:poly-data]
>>> poly_features.shape, poly_labels.shape
(torch.Size([200, 21]), torch.Size([200, 1]))
>>> x[:2, 0]
tensor([-1.1258, -1.1524])
>>> poly_features[:2, :5]                    # 1, x, x²/2!, x³/3!, x⁴/4!
tensor([[ 1.0000, -1.1258,  0.6338, -0.2378,  0.0669],
        [ 1.0000, -1.1524,  0.6640, -0.2550,  0.0735]])
>>> poly_labels[:2, 0]
tensor([ 0.2062, -0.0696])
>>> # --8<-- [end:poly-data]
""",
    "poly-fits": r"""
>>> # --8<-- [start:poly-fits]
>>> for degree, n in [(1, 100), (3, 100), (20, 10)]:
...     _, history = fit_poly(degree, n)
...     train_loss, test_loss = history[-1]
...     print(f"{degree:2} 阶、{n:3} 个样本：训练损失 {train_loss:.4f}，"
...           f"测试损失 {test_loss:.4f}")
 1 阶、100 个样本：训练损失 5.3376，测试损失 10.6898
 3 阶、100 个样本：训练损失 0.0099，测试损失 0.0126
20 阶、 10 个样本：训练损失 0.0125，测试损失 0.4669
>>> fit_poly(3)[0].weight.detach().round(decimals=2)  # 真实系数：5, 1.2, -3.4, 5.6
tensor([[ 4.9900,  1.2000, -3.4000,  5.5900]])
>>> # --8<-- [end:poly-fits]
""",
    "split-sizes": r"""
>>> # --8<-- [start:split-sizes]
>>> len(train_part), len(valid_part), len(test)
(3200, 800, 1000)
>>> X_train.shape, X_valid.shape, X_test.shape
(torch.Size([3200, 28, 28]), torch.Size([800, 28, 28]), torch.Size([1000, 28, 28]))
>>> y_valid.bincount()                       # 验证集里 0 到 9 各有多少张
tensor([72, 73, 92, 78, 80, 78, 78, 74, 97, 78])
>>> # --8<-- [end:split-sizes]
""",
    "k-fold-indices": r"""
>>> # --8<-- [start:k-fold-indices]
>>> folds = k_fold_indices(10, 3, generator=torch.Generator().manual_seed(0))
>>> for i, (train_idx, valid_idx) in enumerate(folds):
...     print(f"第 {i} 折  验证：{valid_idx.tolist()}  训练：{train_idx.tolist()}")
第 0 折  验证：[4, 1, 7, 5]  训练：[3, 9, 0, 8, 6, 2]
第 1 折  验证：[3, 9, 0]  训练：[4, 1, 7, 5, 8, 6, 2]
第 2 折  验证：[8, 6, 2]  训练：[4, 1, 7, 5, 3, 9, 0]
>>> [(len(t), len(v)) for t, v in k_fold_indices(4000, 5)]
[(3200, 800), (3200, 800), (3200, 800), (3200, 800), (3200, 800)]
>>> # --8<-- [end:k-fold-indices]
""",
    "k-fold-run": r"""
>>> # --8<-- [start:k-fold-run]
>>> accuracies = k_fold_accuracies()
>>> [round(acc, 3) for acc in accuracies]  # doctest: +CUDA_ATOL_0_01
[0.882, 0.865, 0.868, 0.874, 0.879]
>>> accuracies = torch.tensor(accuracies)
>>> print(f"{accuracies.mean():.3f} ± {accuracies.std():.3f}")  # doctest: +CUDA_ATOL_0_01
0.874 ± 0.007
>>> # --8<-- [end:k-fold-run]
""",
    "wd-data-shapes": r"""
>>> # --8<-- [start:wd-data-shapes]
>>> X_hd.shape, y_hd.shape, X_hd_test.shape
(torch.Size([20, 200]), torch.Size([20, 1]), torch.Size([100, 200]))
>>> round(true_w.norm().item(), 4)          # 真实的 ‖w‖ = 0.01·√200
0.1414
>>> # --8<-- [end:wd-data-shapes]
""",
    "wd-scratch-run": r"""
>>> # --8<-- [start:wd-scratch-run]
>>> for lambd in (0, 3):
...     w, history = train_weight_decay(lambd)
...     train_loss, test_loss = history[-1]
...     print(f"λ = {lambd}：训练损失 {train_loss:.4f}，测试损失 {test_loss:.4f}，"
...           f"‖w‖ = {w.norm():.4f}")
λ = 0：训练损失 0.0000，测试损失 204.4205，‖w‖ = 14.1657
λ = 3：训练损失 0.0003，测试损失 0.0208，‖w‖ = 0.0365
>>> _ = torch.manual_seed(1)                 # 初始值 w ~ N(0, 1) 的范数
>>> round(torch.randn(d, 1).norm().item(), 4)
14.5582
>>> # --8<-- [end:wd-scratch-run]
""",
    "wd-concise-run": r"""
>>> # --8<-- [start:wd-concise-run]
>>> net, history = train_weight_decay_concise(3)
>>> train_loss, test_loss = history[-1]
>>> print(f"训练损失 {train_loss:.4f}，测试损失 {test_loss:.4f}，"
...       f"‖w‖ = {net.weight.norm():.4f}")
训练损失 0.0003，测试损失 0.0208，‖w‖ = 0.0365
>>> w, _ = train_weight_decay(3)
>>> round((net.weight.T - w).abs().max().item(), 6)  # 与从零实现的 w 逐个比较
0.0
>>> # --8<-- [end:wd-concise-run]
""",
    "dropout-by-hand": r"""
>>> # --8<-- [start:dropout-by-hand]
>>> X = torch.arange(16, dtype=torch.float32).reshape(2, 8)
>>> _ = torch.manual_seed(0)
>>> dropout_layer(X, 0.0)
tensor([[ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.],
        [ 8.,  9., 10., 11., 12., 13., 14., 15.]])
>>> dropout_layer(X, 0.5)
tensor([[ 0.,  2.,  0.,  0.,  8., 10.,  0., 14.],
        [ 0., 18., 20.,  0.,  0.,  0.,  0., 30.]])
>>> dropout_layer(X, 1.0)
tensor([[0., 0., 0., 0., 0., 0., 0., 0.],
        [0., 0., 0., 0., 0., 0., 0., 0.]])
>>> # --8<-- [end:dropout-by-hand]
""",
    "nn-dropout": r"""
>>> # --8<-- [start:nn-dropout]
>>> dropout = nn.Dropout(p=0.5)
>>> dropout.training                         # 新建的模块处于训练模式
True
>>> _ = torch.manual_seed(0)
>>> dropout(torch.ones(2, 8))
tensor([[0., 0., 2., 0., 0., 0., 2., 2.],
        [0., 2., 2., 2., 2., 0., 2., 2.]])
>>> dropout.eval()                           # 切换到评估模式
Dropout(p=0.5, inplace=False)
>>> dropout.training, dropout(torch.ones(2, 8))
(False, tensor([[1., 1., 1., 1., 1., 1., 1., 1.],
        [1., 1., 1., 1., 1., 1., 1., 1.]]))
>>> # --8<-- [end:nn-dropout]
""",
    "dropout-mnist": r"""
>>> # --8<-- [start:dropout-mnist]
>>> for p in (0.0, 0.5):  # doctest: +CUDA_ATOL_0_05
...     net, losses = train_mlp(p)
...     train_acc = evaluate_accuracy(net, X_train[:1000], y_train[:1000])
...     test_acc = evaluate_accuracy(net, X_test, y_test)
...     print(f"p = {p}：训练损失 {losses[-1]:.3f}，训练准确率 {train_acc:.3f}，"
...           f"测试准确率 {test_acc:.3f}")
p = 0.0：训练损失 0.162，训练准确率 0.971，测试准确率 0.860
p = 0.5：训练损失 0.273，训练准确率 0.950，测试准确率 0.866
>>> # --8<-- [end:dropout-mnist]
""",
    "eval-mistake": r"""
>>> # --8<-- [start:eval-mistake]
>>> def accuracy_without_eval(net, X, y):   # 错误：没有调用 net.eval()
...     with torch.no_grad():
...         predictions = net(X.to(device)).argmax(dim=1)
...     return (predictions == y.to(device)).float().mean().item()
>>> net, _ = train_mlp(0.5)
>>> _ = net.train()                          # 比如刚训练完一轮
>>> _ = torch.manual_seed(0)
>>> [round(accuracy_without_eval(net, X_test, y_test), 3) for _ in range(3)]  # doctest: +CUDA_ATOL_0_05
[0.848, 0.848, 0.845]
>>> round(evaluate_accuracy(net, X_test, y_test), 3)  # doctest: +CUDA_ATOL_0_05
0.866
>>> # --8<-- [end:eval-mistake]
""",
    "early-stopping-run": r"""
>>> # --8<-- [start:early-stopping-run]
>>> net, valid_accs, best_epoch = early_stopping_run()
>>> len(valid_accs), best_epoch              # 训练了几轮，最好的是第几轮
(18, 15)
>>> [round(acc, 3) for acc in valid_accs]  # doctest: +CUDA_ATOL_0_05
[0.697, 0.719, 0.803, 0.765, 0.86, 0.877, 0.864, 0.884, 0.881, 0.875, 0.896, 0.897, 0.894, 0.899, 0.901, 0.892, 0.896, 0.894]
>>> round(evaluate_accuracy(net, X_valid, y_valid), 3)  # doctest: +CUDA_ATOL_0_05
0.901
>>> round(evaluate_accuracy(net, X_test, y_test), 3)  # doctest: +CUDA_ATOL_0_05
0.88
>>> # --8<-- [end:early-stopping-run]
""",
    "state-dict-mistake": r"""
>>> # --8<-- [start:state-dict-mistake]
>>> _ = torch.manual_seed(0)
>>> layer = nn.Linear(2, 1)
>>> saved = layer.state_dict()               # 错误：存下的只是引用
>>> copied = copy.deepcopy(layer.state_dict())  # 正确：复制一份
>>> copied["weight"]
tensor([[-0.0053,  0.3793]])
>>> with torch.no_grad():
...     layer.weight += 1.0                  # 又训练了一步，参数变了
>>> saved["weight"]                          # 跟着变了
tensor([[0.9947, 1.3793]])
>>> copied["weight"]                         # 还是原来的值
tensor([[-0.0053,  0.3793]])
>>> # --8<-- [end:state-dict-mistake]
""",
    "augment": r"""
>>> # --8<-- [start:augment]
>>> image, label = train[0]                  # (1, 28, 28)，取值在 [0, 1]
>>> image.shape, label
(torch.Size([1, 28, 28]), 4)
>>> _ = torch.manual_seed(3)
>>> rotated = augmentations["旋转"](image)
>>> rotated.shape                            # 形状不变，标签也不变
torch.Size([1, 28, 28])
>>> round((rotated - image).abs().mean().item(), 4)  # 像素平均变了多少
0.1164
>>> _ = torch.manual_seed(3)
>>> torch.equal(augmentations["旋转"](image), rotated)  # 同样的种子，同样的结果
True
>>> to_tensor = v2.Compose([v2.ToImage(), v2.ToDtype(torch.float32, scale=True)])
>>> train_aug = load_mnist(
...     train=True, transform=v2.Compose([to_tensor, augmentations["组合"]]))
>>> first, second = train_aug[0][0], train_aug[0][0]  # 同一张图片取两次
>>> torch.equal(first, second)
False
>>> # --8<-- [end:augment]
""",
    "batch-augment-mistake": r"""
>>> # --8<-- [start:batch-augment-mistake]
>>> pair = torch.stack([image, image])       # 两张相同的图片：(2, 1, 28, 28)
>>> _ = torch.manual_seed(3)
>>> out = augmentations["旋转"](pair)        # 错误：整批只抽一次旋转角度
>>> torch.equal(out[0], out[1])
True
>>> out = torch.stack([augmentations["旋转"](img) for img in pair])  # 正确：逐张变换
>>> torch.equal(out[0], out[1])
False
>>> # --8<-- [end:batch-augment-mistake]
""",
    "sigmoid-grad": r"""
>>> # --8<-- [start:sigmoid-grad]
>>> x = torch.tensor([-6.0, -3.0, 0.0, 3.0, 6.0], requires_grad=True)
>>> torch.sigmoid(x).sum().backward()
>>> x.grad                                   # σ'(x) = σ(x)(1 − σ(x))
tensor([0.0025, 0.0452, 0.2500, 0.0452, 0.0025])
>>> 0.25 ** 10                               # 10 层，每层至多乘上 0.25
9.5367431640625e-07
>>> # --8<-- [end:sigmoid-grad]
""",
    "matrix-product": r"""
>>> # --8<-- [start:matrix-product]
>>> _ = torch.manual_seed(0)
>>> M = torch.normal(0, 1, (4, 4))
>>> for _ in range(99):                      # 一共 100 个随机矩阵相乘
...     M = M @ torch.normal(0, 1, (4, 4))
>>> M
tensor([[-6.3397e+24, -6.1120e+24,  4.0676e+24, -1.0860e+25],
        [ 4.5613e+24,  4.3974e+24, -2.9266e+24,  7.8133e+24],
        [-4.3537e+24, -4.1974e+24,  2.7934e+24, -7.4578e+24],
        [ 6.8154e+24,  6.5706e+24, -4.3729e+24,  1.1675e+25]])
>>> torch.linalg.matrix_norm(M)              # 元素的平方和超出了 float32 的范围
tensor(inf)
>>> # --8<-- [end:matrix-product]
""",
    "grad-norms-run": r"""
>>> # --8<-- [start:grad-norms-run]
>>> for name, activation in [("sigmoid", nn.Sigmoid), ("ReLU", nn.ReLU)]:
...     norms = grad_norms(deep_mlp(activation))
...     print(f"{name:8}", " ".join(f"{g:.0e}" for g in norms))
sigmoid  1e-09 7e-09 5e-08 4e-07 2e-06 2e-05 1e-04 9e-04 7e-03 5e-02 4e-01
ReLU     7e-05 7e-05 7e-05 7e-05 9e-05 2e-04 5e-04 1e-03 3e-03 9e-03 2e-02
>>> # --8<-- [end:grad-norms-run]
""",
    "init-std": r"""
>>> # --8<-- [start:init-std]
>>> W = torch.empty(256, 512)                # 相当于 nn.Linear(512, 256).weight
>>> _ = torch.manual_seed(0)
>>> _ = nn.init.xavier_uniform_(W)
>>> round(W.std().item(), 4), round(math.sqrt(2 / (512 + 256)), 4)
(0.051, 0.051)
>>> _ = nn.init.kaiming_normal_(W, nonlinearity="relu")
>>> round(W.std().item(), 4), round(math.sqrt(2 / 512), 4)
(0.0624, 0.0625)
>>> W = nn.Linear(512, 256).weight           # 默认：U(−1/√n_in, 1/√n_in)
>>> round(W.std().item(), 4), round(1 / math.sqrt(3 * 512), 4)
(0.0255, 0.0255)
>>> # --8<-- [end:init-std]
""",
    "activation-stds-run": r"""
>>> # --8<-- [start:activation-stds-run]
>>> table = {name: activation_stds(init) for name, init in inits.items()}
>>> print("层 ", *(f"{name:>8}" for name in table))
层        默认   Xavier  Kaiming
>>> for i in range(10):
...     print(f"{i + 1:2} ", *(f"{stds[i]:8.4f}" for stds in table.values()))
 1    0.3381   0.5848   0.8294
 2    0.1425   0.4185   0.8390
 3    0.0644   0.3063   0.8479
 4    0.0345   0.2181   0.8440
 5    0.0233   0.1420   0.8312
 6    0.0215   0.0995   0.7682
 7    0.0233   0.0647   0.7986
 8    0.0210   0.0462   0.7462
 9    0.0208   0.0332   0.7357
10    0.0219   0.0231   0.7485
>>> # --8<-- [end:activation-stds-run]
""",
    "kaiming-grads": r"""
>>> # --8<-- [start:kaiming-grads]
>>> norms = grad_norms(deep_mlp(nn.ReLU, init=kaiming))
>>> print("ReLU + Kaiming", " ".join(f"{g:.0e}" for g in norms))
ReLU + Kaiming 4e-01 4e-01 5e-01 6e-01 7e-01 1e+00 1e+00 1e+00 7e-01 5e-01 4e-01
>>> # --8<-- [end:kaiming-grads]
""",
    "ex-poly-more-data": r"""
>>> # --8<-- [start:ex-poly-more-data]
>>> for n in (10, 100):
...     _, history = fit_poly(20, n)
...     train_loss, test_loss = history[-1]
...     print(f"{n:3} 个样本：训练损失 {train_loss:.4f}，测试损失 {test_loss:.4f}")
 10 个样本：训练损失 0.0125，测试损失 0.4669
100 个样本：训练损失 0.0275，测试损失 0.0256
>>> # --8<-- [end:ex-poly-more-data]
""",
    "ex-lambda": r"""
>>> # --8<-- [start:ex-lambda]
>>> for lambd in (0.3, 1, 3, 10):
...     w, history = train_weight_decay(lambd)
...     shrink = (1 - 0.03 * lambd) ** 100   # 100 步里每步乘上 1 - ηλ
...     print(f"λ = {lambd:<3}  测试损失 {history[-1][1]:8.4f}  ‖w‖ = {w.norm():.4f}"
...           f"  (1 - ηλ)^100 = {shrink:.0e}")
λ = 0.3  测试损失  33.8596  ‖w‖ = 5.7361  (1 - ηλ)^100 = 4e-01
λ = 1    测试损失   0.5475  ‖w‖ = 0.6751  (1 - ηλ)^100 = 5e-02
λ = 3    测试损失   0.0208  ‖w‖ = 0.0365  (1 - ηλ)^100 = 8e-05
λ = 10   测试损失   0.0182  ‖w‖ = 0.0272  (1 - ηλ)^100 = 3e-16
>>> baseline = torch.full_like(y_hd_test, true_b)  # w = 0：只预测常数 b
>>> round(F.mse_loss(baseline, y_hd_test).item(), 4)
0.0193
>>> # --8<-- [end:ex-lambda]
""",
    "ex-dropout-mean": r"""
>>> # --8<-- [start:ex-dropout-mean]
>>> X = torch.ones(100_000)
>>> _ = torch.manual_seed(0)
>>> round(dropout_layer(X, 0.5).mean().item(), 3)   # 除以 1 - p：期望不变
1.002
>>> mask = (torch.rand(X.shape) > 0.5).float()
>>> round((mask * X).mean().item(), 3)              # 不除以 1 - p：只剩一半
0.502
>>> # --8<-- [end:ex-dropout-mean]
""",
    "ex-tanh": r"""
>>> # --8<-- [start:ex-tanh]
>>> gain = nn.init.calculate_gain("tanh")   # 5/3
>>> def xavier_tanh(w):
...     return nn.init.xavier_uniform_(w, gain=gain)
>>> tanh_inits = {"默认": None, "Xavier": nn.init.xavier_uniform_,
...               "Xavier × 5/3": xavier_tanh}
>>> for name, init in tanh_inits.items():
...     stds = activation_stds(init, activation=torch.tanh)
...     print(f"{name:12}", [round(s, 3) for s in stds[::3]])  # 第 1、4、7、10 层
默认           [0.461, 0.09, 0.047, 0.044]
Xavier       [0.628, 0.357, 0.268, 0.221]
Xavier × 5/3 [0.759, 0.658, 0.65, 0.651]
>>> # --8<-- [end:ex-tanh]
""",
}
