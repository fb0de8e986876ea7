"""线性回归: what docs/linreg.md claims beyond its doctests.

The trained models come from the cached ``train_scratch`` and ``train_concise``, so
these tests reuse the one training run of the doctests in the same process.
"""

from __future__ import annotations

import math

import pytest
import torch
from torch import nn

from snippets.linreg import (
    data_iter,
    features,
    gradient,
    init_params,
    labels,
    linreg,
    loss_per_step,
    sgd,
    squared_loss,
    train,
    train_concise,
    train_scratch,
    true_b,
    true_w,
)

pytestmark = pytest.mark.cuda

# The page: both versions land within 0.001 of the true parameters after 3 epochs.
TOLERANCE = 1e-3
NOISE_FLOOR = 0.01**2 / 2        # the mean of ε²/2 for ε ~ N(0, 0.01²)


def learned_scratch() -> tuple[torch.Tensor, float]:
    w, b, _ = train_scratch()
    return w.detach().reshape(-1), b.item()


def learned_concise() -> tuple[torch.Tensor, float]:
    net, _ = train_concise()
    return net[0].weight.detach().cpu().reshape(-1), net[0].bias.item()


@pytest.mark.parametrize("learned", [learned_scratch, learned_concise], ids=["scratch", "concise"])
def test_both_versions_recover_the_true_parameters(learned) -> None:
    w, b = learned()
    assert (w - true_w).abs().max().item() < TOLERANCE
    assert abs(b - true_b) < TOLERANCE


def test_the_last_epoch_sits_at_the_noise_floor() -> None:
    scratch, concise = train_scratch()[2], train_concise()[1]
    assert scratch.shape == concise.shape == (3, 100)
    assert scratch[-1].mean() < 2 * NOISE_FLOOR
    # MSELoss has no 1/2: its floor is twice as high.
    assert concise[-1].mean() / 2 < 2 * NOISE_FLOOR
    assert scratch[0, 0] > 10 and concise[0, 0] > 10


def test_concise_converges_sooner_its_gradient_being_twice_as_large() -> None:
    """The loss figure: concise reaches the floor in the first epoch, scratch only in the third."""
    scratch, concise = train_scratch()[2], train_concise()[1] / 2
    assert concise[1].mean() < 3 * NOISE_FLOOR < scratch[1].mean()


def test_training_is_cached() -> None:
    assert train_scratch() is train_scratch()
    assert train_concise() is train_concise()


def test_synthetic_data_follows_the_true_model() -> None:
    assert features.shape == (1000, 2) and labels.shape == (1000, 1)
    noise = labels.reshape(-1) - (features @ true_w + true_b)
    assert abs(noise.std().item() - 0.01) < 0.001
    assert abs(features.mean().item()) < 0.1 and abs(features.std().item() - 1) < 0.1


def test_data_iter_visits_every_example_once_per_epoch() -> None:
    batches = list(data_iter(32, features, labels, torch.Generator().manual_seed(0)))
    assert [len(X) for X, _ in batches] == [32] * 31 + [8]
    seen = torch.cat([y for _, y in batches]).reshape(-1)
    assert torch.equal(seen.sort().values, labels.reshape(-1).sort().values)


def test_sgd_divides_the_summed_gradient_by_the_batch_size_and_zeroes_it() -> None:
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    (w * torch.tensor([4.0, 8.0])).sum().backward()
    sgd([w], lr=0.5, batch_size=4)
    assert torch.equal(w.detach(), torch.tensor([0.5, 1.0]))
    assert torch.equal(w.grad, torch.zeros(2))
    assert w.is_leaf and w.requires_grad


def test_squared_loss_reshapes_the_labels_but_plain_subtraction_broadcasts() -> None:
    X, y = features[:10], labels[:10]
    w, b = init_params()
    y_hat = linreg(X, w, b)
    assert squared_loss(y_hat, y.reshape(-1)).shape == (10, 1)
    assert torch.equal(squared_loss(y_hat, y.reshape(-1)), squared_loss(y_hat, y))
    assert (y_hat - y.reshape(-1)).shape == (10, 10)


def test_mse_loss_warns_when_the_shapes_differ() -> None:
    y_hat, y = torch.zeros(10, 1), torch.ones(10)
    with pytest.warns(UserWarning, match="different to the input size"):
        nn.MSELoss()(y_hat, y)


def test_the_broadcast_loss_pulls_the_weights_towards_zero_for_good() -> None:
    """Each prediction is pulled towards its batch's mean label, so w stays near 0 (the
    optimum is true_w / B: the batch mean holds the example's own label) and b jitters."""
    def wrong_loss(y_hat, y):
        return (y_hat - y.reshape(-1)) ** 2 / 2

    for num_epochs in [3, 10]:
        w, b = init_params()
        train(w, b, features, labels, num_epochs=num_epochs, loss=wrong_loss)
        assert w.detach().abs().max() < 1
        with torch.no_grad():
            assert squared_loss(linreg(features, w, b), labels).mean() > 1


def test_minibatch_gradients_average_to_the_full_gradient_with_spread_about_one_over_root_b() -> None:
    w, b = init_params()
    full = gradient(w, b, features, labels)
    spread = {}
    for B in [1, 10, 100]:
        shuffle = torch.Generator().manual_seed(0)
        grads = torch.stack([gradient(w, b, X, y) for X, y in data_iter(B, features, labels, shuffle)])
        assert torch.allclose(grads.mean(dim=0), full, atol=1e-4)
        spread[B] = grads.std(dim=0).mean().item()
    assert spread[1] > spread[10] > spread[100]
    for B in [10, 100]:
        assert spread[1] / spread[B] == pytest.approx(math.sqrt(B), rel=0.35)


def test_batch_sizes_make_similar_progress_per_step() -> None:
    """The batch-size figure: per step the curves almost coincide and all reach the floor."""
    histories = {B: loss_per_step(B) for B in [1, 10, 100, 1000]}
    for history in histories.values():
        assert len(history) == 300
        assert history[-1] < 1.5 * NOISE_FLOOR
    at_step_100 = [histories[B][99] for B in [10, 100, 1000]]
    assert max(at_step_100) / min(at_step_100) < 1.5


def test_nn_linear_stores_weight_as_out_by_in() -> None:
    layer = nn.Linear(2, 3)
    assert layer.weight.shape == (3, 2)
    X = features[:4]
    assert torch.allclose(layer(X), X @ layer.weight.T + layer.bias)


def test_mse_loss_is_twice_the_mean_squared_loss() -> None:
    y_hat, y = torch.randn(8, 1, generator=torch.Generator().manual_seed(0)), labels[:8]
    assert torch.allclose(nn.MSELoss()(y_hat, y), 2 * squared_loss(y_hat, y).mean())
