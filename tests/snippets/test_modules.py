"""The modules of docs/modules.md: what the page claims of them beyond the doctests' one seed."""

from __future__ import annotations

import copy
import pickle

import pytest
import torch
from torch import nn
from torch.nn import functional as F

from snippets.modules import (
    MLP,
    CenteredLayer,
    FixedHiddenMLP,
    MyLinear,
    MySequential,
    NestMLP,
    block2,
)


def layers() -> list[nn.Module]:
    return [nn.Linear(20, 16), nn.ReLU(), nn.Linear(16, 3)]


def test_my_sequential_is_nn_sequential() -> None:
    torch.manual_seed(1)
    mine = MySequential(*layers())
    theirs = nn.Sequential(*copy.deepcopy(list(mine.children())))
    X = torch.rand(5, 20)
    assert torch.equal(mine(X), theirs(X))
    assert list(mine.state_dict()) == list(theirs.state_dict())
    assert [p.shape for p in mine.parameters()] == [p.shape for p in theirs.parameters()]


def test_fixed_hidden_mlp_trains_only_its_linear_layer_and_ends_small() -> None:
    for seed in range(5):
        torch.manual_seed(seed)
        net = FixedHiddenMLP()
        out = net(torch.rand(3, 20) * 10)
        assert out.shape == () and abs(out.item()) <= 1
        out.backward()
        assert net.linear.weight.grad is not None and net.linear.bias.grad is not None
        assert not net.rand_weight.requires_grad and net.rand_weight.grad is None
        assert [name for name, _ in net.named_parameters()] == ["linear.weight", "linear.bias"]


def test_nested_models_list_every_parameter_once() -> None:
    rgnet = nn.Sequential(block2(), nn.Linear(4, 1))
    assert len(list(rgnet.parameters())) == 3 * 4 + 2
    chimera = nn.Sequential(NestMLP(), nn.Linear(16, 20), FixedHiddenMLP())
    assert chimera(torch.rand(2, 20)).shape == ()


def test_a_tied_layer_gets_the_sum_of_the_gradients_of_its_uses() -> None:
    torch.manual_seed(2)
    first, head = nn.Linear(4, 8), nn.Linear(8, 1)
    shared = nn.Linear(8, 8)
    tied = nn.Sequential(first, nn.ReLU(), shared, nn.ReLU(), shared, nn.ReLU(), head)
    untied = copy.deepcopy(tied)
    untied[4] = copy.deepcopy(untied[2])     # same values, its own tensors
    assert untied[2].weight is not untied[4].weight
    X = torch.rand(6, 4)
    assert torch.allclose(tied(X), untied(X))
    tied(X).sum().backward()
    untied(X).sum().backward()
    for name in ("weight", "bias"):
        summed = getattr(untied[2], name).grad + getattr(untied[4], name).grad
        assert torch.allclose(getattr(shared, name).grad, summed, atol=1e-6)


def test_centered_layer_outputs_have_mean_zero() -> None:
    torch.manual_seed(3)
    Y = nn.Sequential(nn.Linear(8, 128), CenteredLayer())(torch.rand(4, 8) * 100)
    assert abs(Y.mean().item()) < 1e-4


def test_my_linear_is_relu_of_x_w_plus_b_and_its_gradients_flow() -> None:
    torch.manual_seed(4)
    layer, X = MyLinear(5, 3), torch.rand(7, 5)
    builtin = nn.Linear(5, 3)
    with torch.no_grad():
        builtin.weight.copy_(layer.weight.T)  # nn.Linear keeps (out, in)
        builtin.bias.copy_(layer.bias)
    assert torch.allclose(layer(X), F.relu(builtin(X)))
    layer(X).sum().backward()
    assert layer.weight.grad is not None and layer.bias.grad is not None


@pytest.mark.parametrize("make", [MLP, NestMLP, FixedHiddenMLP, lambda: MySequential(*layers()),
                                  lambda: MyLinear(20, 4)],
                         ids=["MLP", "NestMLP", "FixedHiddenMLP", "MySequential", "MyLinear"])
def test_a_saved_state_dict_gives_a_fresh_model_the_same_outputs(make, tmp_path) -> None:
    torch.manual_seed(5)
    net, X = make(), torch.rand(3, 20)
    torch.save(net.state_dict(), tmp_path / "net.params")
    torch.manual_seed(6)                     # the fresh model starts from other values
    clone = make()
    assert not torch.equal(net(X), clone(X))
    clone.load_state_dict(torch.load(tmp_path / "net.params"))
    assert torch.equal(net(X), clone(X))


def test_torch_load_refuses_a_pickled_model_unless_told_it_is_trusted(tmp_path) -> None:
    torch.save(MLP(), tmp_path / "mlp.pt")
    with pytest.raises(pickle.UnpicklingError, match="weights_only"):
        torch.load(tmp_path / "mlp.pt")
    assert isinstance(torch.load(tmp_path / "mlp.pt", weights_only=False), MLP)


def test_eval_changes_dropout_but_not_gradients() -> None:
    net = nn.Sequential(nn.Linear(4, 4), nn.Dropout(p=0.5), nn.Linear(4, 2))
    X = torch.ones(100, 4)
    assert (net[1](X) == 0).any()            # training mode: some outputs dropped
    net.eval()
    assert torch.equal(net[1](X), X)         # eval mode: passed through
    X = torch.rand(3, 4)
    assert torch.equal(net(X), net(X))       # no dropout: the same every time
    net(X).sum().backward()
    assert all(p.requires_grad and p.grad is not None for p in net.parameters())
    with torch.no_grad():
        assert not net(X).requires_grad


def test_to_moves_buffers_but_not_plain_tensor_attributes() -> None:
    net = FixedHiddenMLP().to("meta")
    assert {t.device.type for t in net.state_dict().values()} == {"meta"}

    class PlainConstant(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.constant = torch.rand(2, 2)
            self.linear = nn.Linear(2, 2)

    plain = PlainConstant().to("meta")
    assert plain.linear.weight.device.type == "meta" and plain.constant.device.type == "cpu"
    assert list(plain.state_dict()) == ["linear.weight", "linear.bias"]


@pytest.mark.cuda
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
def test_a_model_moved_to_the_gpu_computes_what_it_computed_on_the_cpu(tmp_path) -> None:
    torch.manual_seed(0)
    net, X = FixedHiddenMLP(), torch.rand(2, 20)
    expected = net(X)
    assert net.to("cuda") is net             # a module moves in place
    assert net.rand_weight.is_cuda and net.linear.weight.is_cuda
    assert torch.allclose(net(X.to("cuda")).cpu(), expected, rtol=1e-4, atol=1e-6)
    with pytest.raises(RuntimeError, match="same device"):
        net(X)                               # the input left on the CPU
    torch.save(net.state_dict(), tmp_path / "net.params")
    state = torch.load(tmp_path / "net.params", map_location="cpu")
    assert {t.device.type for t in state.values()} == {"cpu"}
