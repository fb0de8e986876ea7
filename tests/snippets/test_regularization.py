"""What docs/regularization.md claims beyond its doctests.

The trained models come from the cached functions of the module (``fit_poly``,
``train_weight_decay``, ``train_mlp``, ``early_stopping_run`` ...), so these tests
reuse the runs of the doctests in the same process.
"""

from __future__ import annotations

import copy
import math

import pytest
import torch
from torch import nn

from snippets.regularization import (
    X_test,
    X_train,
    X_valid,
    activation_stds,
    augmentations,
    deep_mlp,
    dropout_layer,
    early_stopping_run,
    evaluate_accuracy,
    fit_poly,
    grad_norms,
    image,
    inits,
    k_fold_accuracies,
    k_fold_indices,
    kaiming,
    train_mlp,
    train_part,
    train_weight_decay,
    train_weight_decay_concise,
    true_coeffs,
    valid_part,
    y_test,
    y_train,
    y_valid,
)

# 10 epochs of a 784-128-10 MLP on 1,000 offline digits: about 0.86 on the test set.
MLP_FLOOR = 0.82


def test_the_three_polynomial_fits_underfit_fit_and_overfit() -> None:
    under, right, over = (fit_poly(d, n)[1][-1] for d, n in [(1, 100), (3, 100), (20, 10)])
    assert under[0] > 1 and under[1] > 1
    assert right[0] < 0.011 and right[1] < 0.015  # the noise's variance is 0.01
    assert over[0] < 0.015 and over[1] > 10 * over[0]
    learned = fit_poly(3)[0].weight.detach()[0]
    assert torch.allclose(learned, true_coeffs[:4, 0], atol=0.05)


def test_the_overfit_test_loss_turns_back_up() -> None:
    test_losses = [test for _, test in fit_poly(20, 10)[1]]
    lowest = min(range(len(test_losses)), key=test_losses.__getitem__)
    assert 5 <= lowest <= 30 and test_losses[-1] > 1.3 * test_losses[lowest]


def test_the_split_is_disjoint_and_complete() -> None:
    train_idx, valid_idx = set(train_part.indices), set(valid_part.indices)
    assert len(train_idx) == 3200 and len(valid_idx) == 800
    assert not train_idx & valid_idx and train_idx | valid_idx == set(range(4000))
    assert X_train.shape == (3200, 28, 28) and X_valid.shape == (800, 28, 28)
    assert len(y_train) == 3200 and len(y_valid) == 800 and X_test.shape[0] == len(y_test)


@pytest.mark.parametrize(("n", "k"), [(10, 3), (4000, 5), (7, 7), (23, 4)])
def test_each_index_is_validated_exactly_once(n, k) -> None:
    folds = k_fold_indices(n, k, generator=torch.Generator().manual_seed(1))
    assert len(folds) == k
    validated = torch.cat([valid for _, valid in folds]).sort().values
    assert torch.equal(validated, torch.arange(n))
    for train_idx, valid_idx in folds:
        assert len(train_idx) + len(valid_idx) == n
        assert not set(train_idx.tolist()) & set(valid_idx.tolist())
        assert len(valid_idx) in (n // k, n // k + 1)


@pytest.mark.cuda
def test_every_fold_of_the_softmax_regression_learns() -> None:
    accuracies = k_fold_accuracies()
    assert len(accuracies) == 5 and min(accuracies) >= 0.8


def test_weight_decay_shrinks_w_and_the_test_loss() -> None:
    w0, history0 = train_weight_decay(0)
    w3, history3 = train_weight_decay(3)
    assert history0[-1][0] < 1e-6 and history0[-1][1] > 100
    assert history3[-1][1] < 0.05
    assert w3.norm() < 0.1 < 10 < w0.norm()


def test_sgds_weight_decay_equals_the_l2_penalty() -> None:
    net, history = train_weight_decay_concise(3)
    w, scratch_history = train_weight_decay(3)
    assert torch.allclose(net.weight.detach().T, w, atol=1e-5)
    for (train_a, test_a), (train_b, test_b) in zip(history, scratch_history, strict=True):
        assert math.isclose(train_a, train_b, rel_tol=1e-3, abs_tol=1e-6)
        assert math.isclose(test_a, test_b, rel_tol=1e-3, abs_tol=1e-6)


def test_one_sgd_step_with_weight_decay_adds_lambda_w_to_the_gradient() -> None:
    torch.manual_seed(0)
    w = torch.randn(5, requires_grad=True)
    v = w.detach().clone().requires_grad_()
    optimizer = torch.optim.SGD([w], lr=0.1, weight_decay=0.5)
    (w ** 2).sum().backward()
    optimizer.step()
    ((v ** 2).sum() + 0.5 * (v ** 2).sum() / 2).backward()
    with torch.no_grad():
        v -= 0.1 * v.grad
    assert torch.allclose(w, v)


def test_dropout_layer_zeroes_or_rescales_each_element() -> None:
    X = torch.arange(1.0, 101.0)
    assert torch.equal(dropout_layer(X, 0.0), X)
    assert torch.equal(dropout_layer(X, 1.0), torch.zeros_like(X))
    torch.manual_seed(3)
    out = dropout_layer(X, 0.25)
    kept = out != 0
    assert torch.allclose(out[kept], X[kept] / 0.75)
    assert 60 <= kept.sum() <= 90
    with pytest.raises(ValueError):
        dropout_layer(X, 1.5)


def test_dropout_keeps_the_mean() -> None:
    torch.manual_seed(0)
    assert abs(dropout_layer(torch.ones(200_000), 0.3).mean().item() - 1) < 0.01


def test_nn_dropout_is_the_identity_in_eval_mode() -> None:
    dropout = nn.Dropout(0.5).eval()
    X = torch.randn(4, 6)
    assert torch.equal(dropout(X), X)


@pytest.mark.cuda
def test_both_mlps_reach_the_accuracy_the_page_states() -> None:
    for p in (0.0, 0.5):
        net, losses = train_mlp(p)
        assert len(losses) == 10 and losses[-1] < losses[0] / 3
        assert evaluate_accuracy(net, X_test, y_test) >= MLP_FLOOR
        assert evaluate_accuracy(net, X_train[:1000], y_train[:1000]) >= 0.9


@pytest.mark.cuda
def test_evaluation_in_eval_mode_is_repeatable() -> None:
    net, _ = train_mlp(0.5)
    first = evaluate_accuracy(net, X_test, y_test)
    assert evaluate_accuracy(net, X_test, y_test) == first
    assert not net.training


@pytest.mark.cuda
def test_early_stopping_restores_the_best_epoch() -> None:
    net, valid_accs, best_epoch = early_stopping_run()
    assert 1 <= best_epoch <= len(valid_accs) <= 30
    assert valid_accs[best_epoch - 1] == max(valid_accs)
    assert len(valid_accs) == 30 or len(valid_accs) == best_epoch + 3
    assert all(acc <= valid_accs[best_epoch - 1] for acc in valid_accs[best_epoch:])
    assert evaluate_accuracy(net, X_valid, y_valid) == pytest.approx(max(valid_accs))
    assert max(valid_accs) >= 0.85
    assert evaluate_accuracy(net, X_test, y_test) >= MLP_FLOOR


def test_a_state_dict_shares_storage_and_a_deep_copy_does_not() -> None:
    layer = nn.Linear(3, 2)
    saved, copied = layer.state_dict(), copy.deepcopy(layer.state_dict())
    with torch.no_grad():
        layer.weight.mul_(2)
    assert torch.equal(saved["weight"], layer.weight)
    assert not torch.equal(copied["weight"], layer.weight)


@pytest.mark.parametrize("name", list(augmentations))
def test_each_augmentation_keeps_the_shape_and_changes_the_pixels(name) -> None:
    torch.manual_seed(3)
    out = augmentations[name](image)
    assert out.shape == image.shape == (1, 28, 28)
    assert out.dtype == torch.float32
    assert (out - image).abs().mean() > 0.01


def test_sigmoid_gradients_vanish_and_kaiming_relu_gradients_do_not() -> None:
    sigmoid = grad_norms(deep_mlp(nn.Sigmoid))
    relu = grad_norms(deep_mlp(nn.ReLU))
    kaiming_relu = grad_norms(deep_mlp(nn.ReLU, init=kaiming))
    assert sigmoid[0] / sigmoid[-1] < 1e-6
    assert sigmoid[0] / sigmoid[-1] < relu[0] / relu[-1] < 0.1
    assert max(kaiming_relu) / min(kaiming_relu) < 10


def test_xavier_and_kaiming_draw_the_stated_variance() -> None:
    torch.manual_seed(0)
    W = torch.empty(300, 700)
    nn.init.xavier_uniform_(W)
    assert W.std().item() == pytest.approx(math.sqrt(2 / 1000), rel=0.02)
    nn.init.kaiming_normal_(W, nonlinearity="relu")
    assert W.std().item() == pytest.approx(math.sqrt(2 / 700), rel=0.02)
    assert nn.Linear(700, 300).weight.std().item() == pytest.approx(
        1 / math.sqrt(3 * 700), rel=0.02)


def test_kaiming_keeps_the_signal_through_ten_relu_layers() -> None:
    stds = {name: activation_stds(init) for name, init in inits.items()}
    assert min(stds["Kaiming"]) > 0.5
    assert stds["Xavier"][-1] < stds["Xavier"][0] / 10
    assert stds["默认"][-1] < 0.05
