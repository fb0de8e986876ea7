"""pytest plugin: the doctests' CPU output is the reference; ``--device cuda`` checks it on a GPU.

``--device cpu`` (the default) changes nothing: pytest compares each doctest's output
exactly with the text the page shows.

``--device cuda`` (needs a CUDA GPU) runs only what exercises device code; everything
else is deselected:

- the doctests of a module that declares how they run on CUDA, ``__cuda__``:

  - ``"default-device"`` (tensor chapters): each doctest runs under
    ``torch.set_default_device("cuda")``;
  - ``"device-aware"`` (data and training chapters): the page's code picks
    ``device`` itself, keeps data and shuffling on the CPU and moves each batch;
    nothing is set for it;

- the tests marked ``cuda``.

Their output, with torch's CUDA spellings turned into the CPU ones
(:func:`device_neutral`), is compared with the unchanged expected text, so an
example that expects ``device='cuda:0'`` fails on both runs.

A value that legitimately differs on a GPU (a statistic of random draws, a loss, an
accuracy) declares its tolerance with one of these doctest flags, as in
``round(accuracy, 3)  # doctest: +CUDA_ATOL_0_05``::

    CUDA_ATOL_0_01  CUDA_ATOL_0_05   |got - want| <= 0.01 or 0.05
    CUDA_RTOL_0_01  CUDA_RTOL_0_05   |got - want| <= 0.01 or 0.05 times |want|

An ATOL and an RTOL flag together allow their sum, as ``numpy.allclose`` does.
``CUDA_ANY_NUMBERS`` marks numbers that a GPU legitimately gives differently and that
no tolerance bounds: seeded random draws (CUDA's generator draws other numbers under
the same seed), a fact about the machine (how many GPUs it has), a choice a trained
model makes (which pair of digits it confuses most). On CUDA those numbers may be
anything; the text around them (shape, dtype, layout) must still match. On the
CPU a flag changes nothing. On CUDA the output passes when it equals the expected
text, or when both are the same text once their numbers are masked and each pair of
numbers agrees within the tolerance. The flags are registered when this module is
imported: a tool that parses doctests outside pytest must import it first.

``--record-cuda-run`` adds the run (date, GPU, versions, passed/failed/skipped per
module) at the top of ``results/cuda-runs.md``, which the 关于本站 page includes.
"""

from __future__ import annotations

import doctest
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import torch
from _pytest import doctest as pytest_doctest

DEVICES = ("cpu", "cuda")
CUDA_MODES = ("default-device", "device-aware")
RESULTS = Path("results") / "cuda-runs.md"


@dataclass(frozen=True)
class Tolerance:
    atol: Decimal = Decimal(0)
    rtol: Decimal = Decimal(0)


TOLERANCES = {
    "CUDA_ATOL_0_01": Tolerance(atol=Decimal("0.01")),
    "CUDA_ATOL_0_05": Tolerance(atol=Decimal("0.05")),
    "CUDA_RTOL_0_01": Tolerance(rtol=Decimal("0.01")),
    "CUDA_RTOL_0_05": Tolerance(rtol=Decimal("0.05")),
    "CUDA_ANY_NUMBERS": Tolerance(atol=Decimal("Infinity")),
}
# doctest refuses a directive whose flag is not registered by the time it parses it.
_TOLERANCE_BITS = {doctest.register_optionflag(name): tolerance for name, tolerance in TOLERANCES.items()}

# A CUDA tensor's repr has one suffix more than on the CPU, device='cuda:N', the first
# one; torch moves each suffix that would overflow the line to a new line, so the
# suffixes after it may wrap where they do not on the CPU, or the reverse.
_CUDA_SUFFIXES = re.compile(
    r"(?:,\n *|, )device='cuda:\d+'(?P<rest>(?:(?:,\n *|, )(?:dtype|requires_grad|grad_fn)=[^,\s)]+)*)\)"
)
_SUFFIX = re.compile(r"(?:dtype|requires_grad|grad_fn)=[^,\s)]+")
_REPR_INDENT = len("tensor(")
_CUDA_DEVICE = re.compile(r"device\(type='cuda'(?:, index=\d+)?\)")


def _cpu_suffixes(match: re.Match) -> str:
    """The suffixes of ``match`` without the device, laid out as torch's ``_add_suffixes`` does."""
    before = match.string[: match.start()]
    last_line = len(before) - max(before.rfind("\n") + 1, before.rfind("tensor("))
    line_len = last_line + 2  # torch's count: its ", " to come
    laid_out = []
    for suffix in _SUFFIX.findall(match["rest"]):
        # The line width of torch's print options (torch.set_printoptions), as printed.
        if line_len + len(suffix) + 2 > torch._tensor_str.PRINT_OPTS.linewidth:
            laid_out.append(",\n" + " " * _REPR_INDENT + suffix)
            line_len = _REPR_INDENT + len(suffix)
        else:
            laid_out.append(", " + suffix)
            line_len += len(suffix) + 2
    return "".join(laid_out) + ")"


def device_neutral(text: str) -> str:
    r"""``text`` (CUDA output) as torch prints the same objects on the CPU.

    >>> device_neutral("tensor([1., 2.], device='cuda:0', dtype=torch.float64)")
    'tensor([1., 2.], dtype=torch.float64)'
    >>> device_neutral("tensor([[1., 1.]],\n       device='cuda:0')")
    'tensor([[1., 1.]])'
    >>> device_neutral("device(type='cuda', index=0)")
    "device(type='cpu')"
    """
    return _CUDA_DEVICE.sub("device(type='cpu')", _CUDA_SUFFIXES.sub(_cpu_suffixes, text))


def declared_tolerance(optionflags: int) -> Tolerance | None:
    """The tolerance that the flags in ``optionflags`` declare; None without one."""
    declared = [tolerance for bit, tolerance in _TOLERANCE_BITS.items() if optionflags & bit]
    if not declared:
        return None
    return Tolerance(max(t.atol for t in declared), max(t.rtol for t in declared))


# A number as Python or torch prints it; digits inside a name (float32, conv2d) are text.
# torch pads a tensor's columns to its widest value, so a sign that flips on the GPU
# moves spaces: the spaces before a number are masked with it.
_NUMBER = re.compile(r" *(?<![\w.])(?P<number>[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)(?![\w.])",
                     re.IGNORECASE)
_MASK = " \x00"


def tolerance_mismatch(want: str, got: str, tolerance: Tolerance) -> str | None:
    """Why ``got`` is not ``want`` within ``tolerance``, or None when it is.

    >>> tolerance_mismatch("accuracy 0.97\\n", "accuracy 0.938\\n", Tolerance(atol=Decimal("0.05")))
    >>> tolerance_mismatch("accuracy 0.97\\n", "accuracy 0.91\\n", Tolerance(atol=Decimal("0.05")))
    '0.91 is not 0.97 within atol=0.05, rtol=0'
    >>> tolerance_mismatch("accuracy 0.97\\n", "loss 0.97\\n", Tolerance(atol=Decimal("0.05")))
    'the text around the numbers differs'
    """
    if _NUMBER.sub(_MASK, want) != _NUMBER.sub(_MASK, got):
        return "the text around the numbers differs"
    for w, g in zip(_NUMBER.finditer(want), _NUMBER.finditer(got), strict=True):
        expected, actual = Decimal(w["number"]), Decimal(g["number"])
        if abs(actual - expected) > tolerance.atol + tolerance.rtol * abs(expected):
            return f"{actual} is not {expected} within atol={tolerance.atol}, rtol={tolerance.rtol}"
    return None


def cuda_checker_class(base: type[doctest.OutputChecker]) -> type[doctest.OutputChecker]:
    """``base`` comparing CUDA output in its CPU spelling with the expected (CPU) text, as is."""

    class CudaOutputChecker(base):
        def check_output(self, want: str, got: str, optionflags: int) -> bool:
            got = device_neutral(got)
            if super().check_output(want, got, optionflags):
                return True
            tolerance = declared_tolerance(optionflags)
            return tolerance is not None and tolerance_mismatch(want, got, tolerance) is None

        def output_difference(self, example: doctest.Example, got: str, optionflags: int) -> str:
            got = device_neutral(got)
            difference = super().output_difference(example, got, optionflags)
            # pytest passes only its report flags here; the example holds its own.
            own_flags = sum(flag for flag, on in example.options.items() if on)
            tolerance = declared_tolerance(optionflags | own_flags)
            if tolerance is None:
                return difference
            return f"{difference}Not within the declared tolerance: " \
                   f"{tolerance_mismatch(example.want, got, tolerance)}\n"

    return CudaOutputChecker


def cuda_mode(module_globals: Mapping[str, object]) -> str | None:
    """How a module's doctests run on CUDA (its ``__cuda__``); None when they do not.

    >>> cuda_mode({"__cuda__": "device-aware"}), cuda_mode({})
    ('device-aware', None)
    >>> cuda_mode({"__cuda__": "cuda"})
    Traceback (most recent call last):
    ValueError: __cuda__ must be 'default-device' or 'device-aware', not 'cuda'
    """
    mode = module_globals.get("__cuda__")
    if mode is not None and mode not in CUDA_MODES:
        raise ValueError(f"__cuda__ must be {' or '.join(map(repr, CUDA_MODES))}, not {mode!r}")
    return mode


def runs_on_cuda(item: pytest.Item) -> bool:
    """Whether ``--device cuda`` runs ``item``: a doctest of an opted-in module, or a ``cuda`` test."""
    if isinstance(item, pytest.DoctestItem):
        return cuda_mode(item.dtest.globs) is not None
    return item.get_closest_marker("cuda") is not None


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--device",
        choices=DEVICES,
        default="cpu",
        help="cpu: the reference run (default); cuda: run the opted-in doctests and the cuda tests on a GPU",
    )
    parser.addoption(
        "--record-cuda-run",
        action="store_true",
        help=f"with --device cuda: add this run's results at the top of {RESULTS}",
    )


_CHECKER_BEFORE = pytest.StashKey[type | None]()


def pytest_configure(config: pytest.Config) -> None:
    device = config.getoption("--device")
    if config.getoption("--record-cuda-run") and device != "cuda":
        raise pytest.UsageError("--record-cuda-run records a GPU run: add --device cuda")
    if device != "cuda":
        return
    if not torch.cuda.is_available():
        raise pytest.UsageError(
            "--device cuda needs a CUDA GPU, but torch.cuda.is_available() is False here; "
            "run with --device cpu, or on a machine with an NVIDIA GPU and a CUDA build of torch."
        )
    # pytest has no public hook for the doctest output checker; this module-level
    # class is the one it instantiates for every doctest.
    config.stash[_CHECKER_BEFORE] = pytest_doctest.CHECKER_CLASS
    pytest_doctest.CHECKER_CLASS = cuda_checker_class(pytest_doctest._init_checker_class())
    if config.getoption("--record-cuda-run"):
        config.pluginmanager.register(CudaRunRecorder(config.rootpath / RESULTS), "cuda-run-recorder")


def pytest_unconfigure(config: pytest.Config) -> None:
    # A pytest run inside this process (pytester) must not leave its checker behind.
    if _CHECKER_BEFORE in config.stash:
        pytest_doctest.CHECKER_CLASS = config.stash[_CHECKER_BEFORE]


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector: pytest.Collector):
    """A module with an invalid ``__cuda__`` is a collection error, on the CPU run too."""
    report = yield
    doctests = [node for node in report.result or () if isinstance(node, pytest.DoctestItem)]
    if report.passed and doctests:
        try:
            cuda_mode(doctests[0].dtest.globs)
        except ValueError as error:
            return pytest.CollectReport(collector.nodeid, "failed", str(error), [])
    return report


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--device") != "cuda":
        return
    deselected = [item for item in items if not runs_on_cuda(item)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if runs_on_cuda(item)]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    on_default_device = (item.config.getoption("--device") == "cuda" and isinstance(item, pytest.DoctestItem)
                         and cuda_mode(item.dtest.globs) == "default-device")
    if not on_default_device:
        return (yield)
    torch.set_default_device("cuda")
    try:
        return (yield)
    finally:
        torch.set_default_device(None)


# Recording a CUDA run -------------------------------------------------------------

OUTCOMES = ("passed", "failed", "skipped")


@dataclass(frozen=True)
class CudaRun:
    date: str  # UTC, YYYY-MM-DD
    gpu: str
    torch: str
    cuda: str
    # Per snippets module or test file: how many of its items passed, failed, were skipped.
    counts: Mapping[str, Mapping[str, int]]


NO_RUNS = "目前还没有记录过 GPU 上的运行。"
TABLE_HEAD = ("| 日期（UTC） | GPU | torch | CUDA | 模块 | 通过 | 失败 | 跳过 |\n"
              "| --- | --- | --- | --- | --- | ---: | ---: | ---: |")


def run_rows(run: CudaRun) -> list[str]:
    """The table rows of ``run``, one per module; the run's own cells only on its first row."""
    rows = []
    for module, counts in sorted(run.counts.items()):
        run_cells = ["", "", "", ""] if rows else [run.date, run.gpu, run.torch, run.cuda]
        cells = [*run_cells, f"`{module}`", *(str(counts[outcome]) for outcome in OUTCOMES)]
        rows.append(f"| {' | '.join(cells)} |")
    return rows


def with_run(text: str, run: CudaRun) -> str:
    """The results file ``text`` with ``run`` added at the top of its table (newest first)."""
    rows = "\n".join(run_rows(run))
    if TABLE_HEAD in text:
        return text.replace(TABLE_HEAD, f"{TABLE_HEAD}\n{rows}", 1)
    if NO_RUNS in text:
        return text.replace(NO_RUNS, f"{TABLE_HEAD}\n{rows}", 1)
    raise ValueError(f"{RESULTS} holds neither the runs' table nor {NO_RUNS!r}: restore it from git")


def module_counts(outcomes: Mapping[str, str]) -> dict[str, dict[str, int]]:
    """Outcomes per node id -> counts per module (the node id's file)."""
    counts: dict[str, dict[str, int]] = {}
    for nodeid, outcome in outcomes.items():
        module = counts.setdefault(nodeid.split("::")[0], dict.fromkeys(OUTCOMES, 0))
        module[outcome] += 1
    return counts


class CudaRunRecorder:
    """Collects each item's outcome, and writes the run into the results file at the end."""

    def __init__(self, results: Path) -> None:
        self.results = results
        self.outcomes: dict[str, str] = {}

    def _note(self, nodeid: str, outcome: str) -> None:
        # An item has a report per phase: a failure anywhere wins, then a skip.
        rank = ("passed", "skipped", "failed").index
        if nodeid not in self.outcomes or rank(outcome) > rank(self.outcomes[nodeid]):
            self.outcomes[nodeid] = outcome

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:  # a module that does not import on the GPU machine
            self._note(report.nodeid, "failed")

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when == "call" or not report.passed:
            self._note(report.nodeid, report.outcome)

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if hasattr(session.config, "workerinput"):
            return  # an xdist worker: its controller records the run
        if not self.outcomes:
            return  # nothing ran: nothing to record
        run = CudaRun(
            date=datetime.now(UTC).date().isoformat(),
            gpu=torch.cuda.get_device_name(),
            torch=torch.__version__,
            cuda=torch.version.cuda or "",
            counts=module_counts(self.outcomes),
        )
        self.results.write_text(with_run(self.results.read_text(encoding="utf-8"), run), encoding="utf-8")

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if self.outcomes:
            terminalreporter.write_line(f"CUDA run recorded in {self.results}: commit it")
