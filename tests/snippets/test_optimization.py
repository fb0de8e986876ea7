"""optimize_path: the points it returns, and the errors that say what to pass."""

from __future__ import annotations

import pytest
import torch

from snippets.optimization import (
    HIMMELBLAU_MINIMA,
    OPTIMIZERS,
    STARTS,
    himmelblau,
    himmelblau_runs,
    optimize_path,
)


def test_the_path_starts_at_start_and_has_one_row_per_step() -> None:
    path = optimize_path(torch.optim.SGD, (1.0, -2.0), 5, lr=0.01)
    assert path.shape == (6, 2) and path.dtype == torch.float32
    assert path[0].tolist() == [1.0, -2.0]
    assert not path.requires_grad
    assert optimize_path(torch.optim.SGD, [3.0], 0, lr=0.1).shape == (1, 1)


def test_sgd_is_hand_written_gradient_descent() -> None:
    lr, point = 0.01, torch.tensor([0.5, -0.5], requires_grad=True)
    expected = [point.detach().clone()]
    for _ in range(20):
        himmelblau(point).backward()
        with torch.no_grad():
            point -= lr * point.grad
        point.grad = None
        expected.append(point.detach().clone())
    assert torch.allclose(optimize_path(torch.optim.SGD, (0.5, -0.5), 20, lr=lr), torch.stack(expected))


def test_each_optimizer_ends_at_a_minimum_of_himmelblau() -> None:
    minima = torch.tensor(HIMMELBLAU_MINIMA)
    runs = himmelblau_runs()
    assert list(runs) == list(OPTIMIZERS)
    for paths in runs.values():
        assert len(paths) == len(STARTS)
        for start, path in zip(STARTS, paths, strict=True):
            assert path.shape == (151, 2) and path[0].tolist() == list(start)
            assert torch.linalg.vector_norm(minima - path[-1], dim=1).min() < 1e-2
            assert himmelblau(path[-1]) < 1e-3
    assert himmelblau_runs() is runs   # computed once, shared by the doctest and the figure


def test_a_tensor_start_is_neither_changed_nor_tracked() -> None:
    start = torch.tensor([0.0, 0.0], requires_grad=True)
    path = optimize_path(torch.optim.Adam, start, 3, lr=0.1)
    assert start.tolist() == [0.0, 0.0] and start.grad is None
    assert path[-1].tolist() != [0.0, 0.0]


def test_other_functions_and_dimensions() -> None:
    path = optimize_path(torch.optim.SGD, [0.0], 100, fn=lambda p: ((p - 3) ** 2).sum(), lr=0.1)
    assert round(path[-1].item(), 4) == 3.0


@pytest.mark.parametrize("optimizer_class", ["Adam", torch.nn.Linear, None, torch.optim.SGD.step])
def test_optimizer_class_must_be_an_optimizer_class(optimizer_class) -> None:
    with pytest.raises(ValueError, match=r"optimizer_class must be an optimizer class such as torch\.optim"):
        optimize_path(optimizer_class, (0.0, 0.0), 1)


def test_an_optimizer_instance_is_refused() -> None:
    instance = torch.optim.SGD([torch.zeros(2, requires_grad=True)], lr=0.1)
    with pytest.raises(ValueError, match="the class, not an instance"):
        optimize_path(instance, (0.0, 0.0), 1)


@pytest.mark.parametrize("start", [3.0, [], [[0.0, 0.0]], "00", ["a", "b"], None])
def test_start_must_be_a_point(start) -> None:
    with pytest.raises(ValueError, match=r"start must be a point given as numbers"):
        optimize_path(torch.optim.SGD, start, 1, lr=0.1)


@pytest.mark.parametrize("steps", [-1, 2.5, True, "10", None])
def test_steps_must_be_a_non_negative_int(steps) -> None:
    with pytest.raises(ValueError, match=r"steps must be an int >= 0"):
        optimize_path(torch.optim.SGD, (0.0, 0.0), steps, lr=0.1)


def test_fn_must_return_a_scalar() -> None:
    with pytest.raises(ValueError, match=r"fn must return a scalar tensor"):
        optimize_path(torch.optim.SGD, (0.0, 0.0), 1, fn=lambda p: p ** 2, lr=0.1)


def test_optimizer_arguments_go_to_the_optimizer() -> None:
    with pytest.raises(TypeError, match="learning_rate"):
        optimize_path(torch.optim.SGD, (0.0, 0.0), 1, learning_rate=0.1)


def test_a_diverging_run_stops_before_inf_reaches_the_point() -> None:
    with pytest.raises(FloatingPointError, match=r"loss is inf at step 15: .* try a smaller lr"):
        optimize_path(torch.optim.SGD, [0.0], 100, fn=lambda p: ((p - 3) ** 2).sum(), lr=10.0)
    with pytest.raises(FloatingPointError, match="loss is nan at step 0"):
        optimize_path(torch.optim.SGD, [float("nan")], 1, fn=lambda p: (p ** 2).sum(), lr=0.1)
