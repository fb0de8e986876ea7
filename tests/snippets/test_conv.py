"""What docs/conv.md claims beyond its doctests.

The CNN comes from the module's cached ``train_cnn``, so these tests reuse the run of
the doctests in the same process.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from snippets.conv import (
    conv_output_size,
    corr2d,
    corr2d_multi_in,
    corr2d_multi_in_out,
    load_data,
    make_cnn,
    train_cnn,
)

# One epoch of minibatch SGD (lr 0.1, 125 steps of 32) on the offline 4,000 digits:
# 0.882 on the CPU, above the MLP's 0.872 after 5 epochs.
ACCURACY_FLOOR = 0.85


@pytest.mark.cuda
def test_the_tiny_cnn_learns_the_digits_in_one_epoch() -> None:
    net, accuracies = train_cnn()
    assert len(accuracies) == 1 and accuracies[-1] >= ACCURACY_FLOOR
    assert not net.training  # evaluated in eval mode
    assert net[0].weight.shape == (8, 1, 5, 5)


def test_an_epoch_is_125_minibatches_with_a_channel_dimension() -> None:
    train_iter, test_iter = load_data()
    X, y = next(iter(train_iter))
    assert len(train_iter) == 125 and len(test_iter.dataset) == 1000
    assert X.shape == (32, 1, 28, 28) and X.min() >= 0 and X.max() <= 1


def test_the_cnn_has_far_fewer_parameters_than_the_mlp() -> None:
    assert sum(p.numel() for p in make_cnn().parameters()) == 11738 < 203530 / 17


def test_corr2d_is_what_conv2d_computes_on_random_inputs() -> None:
    generator = torch.Generator().manual_seed(3)
    for (h, w), (kh, kw) in [((5, 7), (2, 3)), ((4, 4), (4, 1)), ((6, 3), (1, 1))]:
        X = torch.randn(h, w, generator=generator)
        K = torch.randn(kh, kw, generator=generator)
        want = F.conv2d(X.reshape(1, 1, h, w), K.reshape(1, 1, kh, kw))[0, 0]
        assert torch.allclose(corr2d(X, K), want, atol=1e-5)


def test_mathematical_convolution_is_cross_correlation_with_a_flipped_kernel() -> None:
    generator = torch.Generator().manual_seed(4)
    x, k = torch.randn(1, 9, generator=generator), torch.randn(1, 4, generator=generator)
    convolved = np.convolve(x[0].numpy(), k[0].numpy(), mode="valid")
    assert np.allclose(corr2d(x, k.flip(1))[0].numpy(), convolved, atol=1e-5)


def test_the_edge_kernel_is_learned_from_a_random_start() -> None:
    X = torch.ones(6, 8)
    X[:, 2:6] = 0
    Y = corr2d(X, torch.tensor([[1.0, -1.0]]))
    assert Y.abs().sum() == 12 and corr2d(X.T, torch.tensor([[1.0, -1.0]])).abs().max() == 0
    torch.manual_seed(0)
    K_hat = torch.randn(1, 2, requires_grad=True)
    for _ in range(30):
        L = ((corr2d(X, K_hat) - Y) ** 2).mean()
        L.backward()
        with torch.no_grad():
            K_hat -= 0.3 * K_hat.grad
        K_hat.grad = None
    assert torch.allclose(K_hat.detach(), torch.tensor([[1.0, -1.0]]), atol=0.01)


def test_the_output_size_formula_matches_conv_and_pooling_layers() -> None:
    for n, k, p, s in itertools.product((5, 6, 7, 8, 28), (1, 2, 3, 5), (0, 1, 2), (1, 2, 3)):
        X = torch.zeros(1, 1, n, n)
        size = conv_output_size(n, k, p, s)
        conv = nn.Conv2d(in_channels=1, out_channels=1, kernel_size=k, padding=p, stride=s)
        assert conv(X).shape[-2:] == (size, size), (n, k, p, s)
        if 2 * p <= k:  # pooling pads at most half its window
            pool = nn.MaxPool2d(kernel_size=k, padding=p, stride=s)
            assert pool(X).shape[-2:] == (size, size), (n, k, p, s)


def test_multi_channel_corr2d_is_conv2d() -> None:
    generator = torch.Generator().manual_seed(5)
    X = torch.randn(3, 6, 5, generator=generator)
    K = torch.randn(4, 3, 2, 3, generator=generator)
    assert torch.allclose(corr2d_multi_in_out(X, K), F.conv2d(X.unsqueeze(0), K)[0], atol=1e-5)
    assert torch.allclose(corr2d_multi_in(X, K[0]), F.conv2d(X.unsqueeze(0), K[:1])[0, 0], atol=1e-5)


def test_a_1x1_convolution_is_a_linear_layer_on_each_pixel() -> None:
    torch.manual_seed(6)
    conv = nn.Conv2d(in_channels=5, out_channels=3, kernel_size=1)
    linear = nn.Linear(5, 3)
    with torch.no_grad():
        linear.weight.copy_(conv.weight[:, :, 0, 0])
        linear.bias.copy_(conv.bias)
        X = torch.randn(2, 5, 4, 4)
        per_pixel = linear(X.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)
        assert torch.allclose(conv(X), per_pixel, atol=1e-6)


def test_pooling_layers_have_no_parameters_and_keep_the_channels() -> None:
    X = torch.randn(2, 3, 6, 6)
    for pool in (nn.MaxPool2d(kernel_size=2), nn.AvgPool2d(kernel_size=3, padding=1, stride=2)):
        assert list(pool.parameters()) == []
        assert pool(X).shape[:2] == (2, 3)
    assert nn.MaxPool2d(kernel_size=2)(X).shape[-2:] == (3, 3)  # stride defaults to the window


def test_batchnorm_uses_the_batch_in_training_and_the_running_stats_in_eval() -> None:
    torch.manual_seed(7)
    X = torch.randn(4, 3, 5, 5) * 3 + 2
    bn = nn.BatchNorm2d(num_features=3)
    Y = bn(X)
    assert torch.allclose(Y.mean(dim=(0, 2, 3)), torch.zeros(3), atol=1e-5)
    assert torch.allclose(Y.var(dim=(0, 2, 3), unbiased=False), torch.ones(3), atol=1e-3)
    mean, var = X.mean(dim=(0, 2, 3)), X.var(dim=(0, 2, 3), unbiased=True)
    assert torch.allclose(bn.running_mean, 0.1 * mean, atol=1e-6)
    assert torch.allclose(bn.running_var, 0.9 + 0.1 * var, atol=1e-5)
    bn.eval()
    running = (X - bn.running_mean[:, None, None]) / torch.sqrt(bn.running_var[:, None, None] + bn.eps)
    assert torch.allclose(bn(X), running, atol=1e-5)
    assert torch.allclose(bn(X[:1]), bn(X)[:1])  # in eval mode a sample ignores its batch


def test_a_conv_bias_before_batchnorm_changes_nothing() -> None:
    torch.manual_seed(8)
    conv, bn = nn.Conv2d(in_channels=2, out_channels=4, kernel_size=3), nn.BatchNorm2d(num_features=4)
    X = torch.rand(5, 2, 7, 7)
    assert torch.allclose(bn(conv(X)), bn(F.conv2d(X, conv.weight)), atol=1e-5)
