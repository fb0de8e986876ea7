"""The --device option: one expected text for CPU and CUDA output."""

from __future__ import annotations

import subprocess
import sys

import pytest
import torch

from docs_tooling.pytest_device import device_neutral
from tests.conftest import ROOT

# torch 2.11 printed these for t.flatten(start_dim=1) of docs/tensors.md, on an H100.
ON_CPU = """tensor([[1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1.],
        [2., 2., 2., 2., 2., 2., 2., 2., 2., 2., 2., 2., 2., 2., 2., 2.],
        [3., 3., 3., 3., 3., 3., 3., 3., 3., 3., 3., 3., 3., 3., 3., 3.]])"""
ON_CUDA = ON_CPU.removesuffix(")") + ",\n       device='cuda:0')"


@pytest.mark.parametrize(("cpu", "cuda"), [
    ("tensor([1, 2, 3])", "tensor([1, 2, 3], device='cuda:0')"),
    ("tensor([1., 2.], dtype=torch.float64)", "tensor([1., 2.], device='cuda:0', dtype=torch.float64)"),
    ("tensor([[0.1, 0.2]],\n       dtype=torch.float64)",
     "tensor([[0.1, 0.2]],\n       device='cuda:0', dtype=torch.float64)"),
    (ON_CPU, ON_CUDA),
    ("device(type='cpu')", "device(type='cuda', index=0)"),
])
def test_cuda_output_compares_equal_to_the_cpu_text(cpu: str, cuda: str) -> None:
    assert device_neutral(cuda) == device_neutral(cpu)


def test_different_values_still_differ() -> None:
    assert device_neutral("tensor([1, 2], device='cuda:0')") != device_neutral("tensor([1, 3])")


def test_doctests_run_on_the_chosen_device(default_device: str) -> None:
    assert torch.zeros(1).device.type == default_device


@pytest.mark.skipif(torch.cuda.is_available(), reason="needs a machine without a GPU")
def test_asking_for_cuda_without_a_gpu_is_a_clear_error() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "--device", "cuda", "-q", "-p", "no:cacheprovider",
         "tests/docs_tooling/test_pytest_device.py"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert run.returncode == 4  # pytest's usage error
    assert "torch.cuda.is_available() is False" in run.stderr
