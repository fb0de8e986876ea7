"""pytest plugin: run every doctest on the device chosen with ``--device`` (``cpu`` or ``cuda``).

The expected text in a docstring is what the page shows, so it must not depend on
the device: on CUDA, tensors are created there through ``torch.set_default_device``
and the ``device='cuda:0'`` that torch prints is normalised away before comparing.
"""

from __future__ import annotations

import doctest
import re

import pytest
import torch
from _pytest import doctest as pytest_doctest

DEVICES = ("cpu", "cuda")

# torch moves a repr's suffixes (device=, dtype=, ...) to their own line when the
# last line gets too long, so the extra device= on CUDA can move them there.
_WRAPPED_SUFFIX = re.compile(r",\n\s+(?=(?:device|dtype|requires_grad|grad_fn)=)")
# What torch prints for a CUDA tensor or device, and what the same object prints
# on the CPU.
_CUDA_SPELLINGS = (
    (re.compile(r", device='cuda:\d+'"), ""),
    (re.compile(r"device\(type='cuda', index=\d+\)"), "device(type='cpu')"),
)


def device_neutral(text: str) -> str:
    r"""``text`` with torch's CUDA spellings in their CPU form and wrapped suffixes joined.

    >>> device_neutral("tensor([1., 2.], device='cuda:0', dtype=torch.float64)")
    'tensor([1., 2.], dtype=torch.float64)'
    >>> device_neutral("tensor([[1., 1.]],\n       device='cuda:0')")
    'tensor([[1., 1.]])'
    >>> device_neutral("device(type='cuda', index=0)")
    "device(type='cpu')"
    """
    text = _WRAPPED_SUFFIX.sub(", ", text)
    for pattern, replacement in _CUDA_SPELLINGS:
        text = pattern.sub(replacement, text)
    return text


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--device",
        choices=DEVICES,
        default="cpu",
        help="device on which the doctests create their tensors (default: cpu)",
    )


def pytest_configure(config: pytest.Config) -> None:
    device = config.getoption("--device")
    if device == "cuda" and not torch.cuda.is_available():
        raise pytest.UsageError(
            "--device cuda needs a CUDA GPU, but torch.cuda.is_available() is False here; "
            "run with --device cpu, or on a machine with an NVIDIA GPU and a CUDA build of torch."
        )
    # pytest has no public hook for the doctest output checker; this module-level
    # class is the one it instantiates for every doctest.
    base = pytest_doctest._init_checker_class()

    class DeviceNeutralChecker(base):
        def check_output(self, want: str, got: str, optionflags: int) -> bool:
            return super().check_output(device_neutral(want), device_neutral(got), optionflags)

        def output_difference(self, example: doctest.Example, got: str, optionflags: int) -> str:
            return super().output_difference(example, device_neutral(got), optionflags)

    pytest_doctest.CHECKER_CLASS = DeviceNeutralChecker


@pytest.fixture(autouse=True)
def default_device(request: pytest.FixtureRequest):
    """Create every tensor of a test or doctest on the ``--device`` device."""
    device = request.config.getoption("--device")
    torch.set_default_device(device)
    yield device
    torch.set_default_device(None)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--device") == "cpu":
        return
    skip = pytest.mark.skip(reason="device-independent check: it runs in the cpu session")
    for item in items:
        if item.get_closest_marker("device_independent"):
            item.add_marker(skip)
