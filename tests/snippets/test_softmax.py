"""softmax 回归: what docs/softmax.md claims beyond its doctests.

The trained models come from the cached ``train_scratch`` and ``train_concise``, so
these tests reuse the one training run of the doctests in the same process.
"""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from snippets.softmax import (
    Accumulator,
    accuracy,
    cross_entropy,
    device,
    evaluate_accuracy,
    load_data,
    softmax,
    train_concise,
    train_scratch,
)

pytestmark = pytest.mark.cuda


@pytest.mark.parametrize("train_model", [train_scratch, train_concise], ids=["scratch", "concise"])
def test_each_model_reaches_the_accuracy_the_page_states(train_model) -> None:
    net, history = train_model()
    assert len(history) == 10
    losses = [loss for loss, _, _ in history]
    assert losses[-1] < losses[0] / 3
    assert history[-1][2] >= 0.85
    assert evaluate_accuracy(net, load_data()[1]) == history[-1][2]


def test_scratch_and_concise_agree_within_two_points() -> None:
    scratch, concise = train_scratch()[1][-1], train_concise()[1][-1]
    assert abs(scratch[2] - concise[2]) <= 0.02
    assert abs(scratch[1] - concise[1]) <= 0.02


def test_training_is_cached() -> None:
    assert train_scratch() is train_scratch()
    assert train_concise() is train_concise()


def test_softmax_matches_torch_even_for_huge_logits() -> None:
    logits = torch.randn(5, 10, generator=torch.Generator().manual_seed(0)) * 50 + 1000
    assert torch.allclose(softmax(logits), torch.softmax(logits, dim=1))
    assert not softmax(logits).isnan().any()


def test_cross_entropy_and_accuracy_match_torch() -> None:
    logits = torch.randn(8, 10, generator=torch.Generator().manual_seed(1))
    y = torch.arange(8) % 10
    assert torch.allclose(cross_entropy(softmax(logits), y).mean(), F.cross_entropy(logits, y))
    assert accuracy(logits, y) == int((logits.argmax(dim=1) == y).sum())


def test_accumulator_sums_each_value() -> None:
    metric = Accumulator(3)
    metric.add(1, 2, torch.tensor(3))
    metric.add(4, 5.5, 6)
    assert [metric[i] for i in range(3)] == [5.0, 7.5, 9.0]


def test_evaluate_accuracy_switches_to_eval_mode_and_records_no_graph() -> None:
    seen = []

    class Probe(nn.Module):
        def forward(self, X):
            seen.append((self.training, torch.is_grad_enabled()))
            return torch.zeros(len(X), 10, device=X.device)

    probe = Probe().to(device)
    _, test_iter = load_data()
    share_of_zeros = (test_iter.dataset.tensors[1] == 0).float().mean().item()
    assert evaluate_accuracy(probe, test_iter) == pytest.approx(share_of_zeros)
    assert seen and all(state == (False, False) for state in seen)
