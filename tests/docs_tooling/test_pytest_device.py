"""The --device option: the CPU output is the reference, and the CUDA run checks the same text.

Most checks run here without a GPU: the checker and the results file are pure
functions, and a pytest run inside this process (pytester) with
``torch.cuda.is_available`` patched goes through the CUDA session's selection and
recording. The tests marked ``cuda`` run the same doctests on a real GPU.
"""

from __future__ import annotations

import doctest
import itertools
import textwrap
import tomllib
from decimal import Decimal

import pytest
import torch
from _pytest import doctest as pytest_doctest
from packaging.requirements import Requirement
from packaging.version import Version
from torch._tensor_str import _add_suffixes

from docs_tooling.pytest_device import (
    NO_RUNS,
    RESULTS,
    TABLE_HEAD,
    TOLERANCES,
    CudaRun,
    cuda_checker_class,
    device_neutral,
    module_counts,
    run_rows,
    runs_on_cuda,
    with_run,
)
from tests.conftest import ROOT

pytest_plugins = ["pytester"]

# What every pytest run inside these tests loads: this plugin, doctests, no cache.
PLUGIN = ("-p", "docs_tooling.pytest_device", "--doctest-modules", "-p", "no:cacheprovider")
MARKERS_INI = "[pytest]\nmarkers =\n    cuda: runs in the CUDA session\n"
FLAG = doctest.OPTIONFLAGS_BY_NAME
ATOL = ["CUDA_ATOL_0_05"]
ANY = ["CUDA_ANY_NUMBERS"]

# torch 2.11 printed these for t.flatten(start_dim=1) of docs/tensors.md, on an H100.
ON_CPU = """tensor([[1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1.],
        [2., 2., 2., 2., 2., 2., 2., 2., 2., 2., 2., 2., 2., 2., 2., 2.],
        [3., 3., 3., 3., 3., 3., 3., 3., 3., 3., 3., 3., 3., 3., 3., 3.]])"""
ON_CUDA = ON_CPU.removesuffix(")") + ",\n       device='cuda:0')"


@pytest.mark.parametrize(("cpu", "cuda"), [
    ("tensor([1, 2, 3])", "tensor([1, 2, 3], device='cuda:0')"),
    ("tensor([1., 2.], dtype=torch.float64)", "tensor([1., 2.], device='cuda:0', dtype=torch.float64)"),
    # A short line: on the CPU torch keeps dtype= on it.
    ("tensor([[0.1, 0.2]], dtype=torch.float64)",
     "tensor([[0.1, 0.2]],\n       device='cuda:0', dtype=torch.float64)"),
    (ON_CPU, ON_CUDA),
    ("device(type='cpu')", "device(type='cuda', index=0)"),
    ("device(type='cpu')", "device(type='cuda')"),
])
def test_cuda_output_becomes_the_cpu_text(cpu: str, cuda: str) -> None:
    assert device_neutral(cuda) == cpu


DATA = ["tensor(3.)", "tensor([[0.1, 0.2]]", "tensor([" + ", ".join(["1.0000"] * 10) + "]",
        ON_CPU.removesuffix(")")]
SUFFIXES = [[], ["dtype=torch.float64"], ["requires_grad=True"], ["grad_fn=<AddBackward0>"],
            ["dtype=torch.float64", "requires_grad=True"]]
CONTEXTS = ["{0}", "Parameter containing:\n{0}", "[{0}, {0}]"]


@pytest.mark.parametrize("linewidth", [30, 60, 80])
def test_suffixes_are_laid_out_as_torch_lays_them_out_on_the_cpu(linewidth: int) -> None:
    """Whether a suffix wraps depends on the line: the CPU may wrap dtype= where CUDA does not, and back."""
    torch.set_printoptions(linewidth=linewidth)
    try:
        for data, suffixes, context in itertools.product(DATA, SUFFIXES, CONTEXTS):
            cpu = context.format(_add_suffixes(data, suffixes, len("tensor("), False))
            cuda = context.format(_add_suffixes(data, ["device='cuda:0'", *suffixes], len("tensor("), False))
            assert device_neutral(cuda) == cpu
    finally:
        torch.set_printoptions(profile="default")


def test_different_values_still_differ() -> None:
    assert device_neutral("tensor([1, 2], device='cuda:0')") != "tensor([1, 3])"


# --- the CPU run is the reference ----------------------------------------------------

def run_module(pytester: pytest.Pytester, source: str, *args: str) -> pytest.RunResult:
    pytester.makeini(MARKERS_INI)
    pytester.makepyfile(chapter=textwrap.dedent(source))
    return pytester.runpytest_inprocess(*PLUGIN, *args)


def test_the_cpu_run_compares_exactly_and_knows_no_cuda(pytester: pytest.Pytester) -> None:
    result = run_module(pytester, '''
        import torch

        __test__ = {
            "cpu": """
        >>> torch.tensor([1, 2])
        tensor([1, 2])
        """,
            "cuda": """
        >>> torch.tensor([1, 2])
        tensor([1, 2], device='cuda:0')
        """,
        }
    ''')
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["FAILED chapter.py::chapter.__test__.cuda"])


def test_a_tolerance_flag_changes_nothing_on_the_cpu(pytester: pytest.Pytester) -> None:
    result = run_module(pytester, '''
        __test__ = {
            "same": """
        >>> 0.968  # doctest: +CUDA_ATOL_0_05
        0.968
        """,
            "close": """
        >>> 0.968  # doctest: +CUDA_ATOL_0_05
        0.97
        """,
        }
    ''')
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["FAILED chapter.py::chapter.__test__.close"])


# --- the CUDA checker ------------------------------------------------------------------

CUDA_CHECKER = cuda_checker_class(pytest_doctest._init_checker_class())()


def test_the_cuda_checker_turns_the_output_into_cpu_text_but_not_the_expected_text() -> None:
    on_cuda = "tensor([1, 2], device='cuda:0')\n"
    assert CUDA_CHECKER.check_output("tensor([1, 2])\n", on_cuda, doctest.ELLIPSIS)
    assert not CUDA_CHECKER.check_output(on_cuda, on_cuda, doctest.ELLIPSIS)
    assert CUDA_CHECKER.check_output("tensor([1, ...])\n", on_cuda, doctest.ELLIPSIS)


@pytest.mark.parametrize(("want", "got", "flags", "passes"), [
    ("0.984\n", "0.94\n", ATOL, True),
    ("0.984\n", "0.93\n", ATOL, False),
    ("0.984\n", "0.98\n", [], False),  # no flag: exact
    ("0.984\n", "0.98\n", ["CUDA_ATOL_0_01"], True),
    ("loss 2.000\n", "loss 2.100\n", ["CUDA_RTOL_0_05"], True),
    ("loss 2.000\n", "loss 2.101\n", ["CUDA_RTOL_0_05"], False),
    ("loss 2.000\n", "loss 2.119\n", ["CUDA_RTOL_0_05", "CUDA_ATOL_0_01"], False),
    ("loss 2.000\n", "loss 2.110\n", ["CUDA_RTOL_0_05", "CUDA_ATOL_0_01"], True),  # allclose: atol + rtol
    # The text around the numbers must match, digits in names included.
    ("accuracy 0.984\n", "accuracy 0.98 (best)\n", ATOL, False),
    ("accuracy 0.984\n", "loss 0.984\n", ATOL, False),
    ("tensor([0.5], dtype=torch.float64)\n", "tensor([0.5], dtype=torch.float32)\n", ATOL, False),
    ("[0.5, 0.25]\n", "[0.5, 0.25, 0.0]\n", ATOL, False),
    # torch pads columns for a minus sign: a sign flip near zero moves spaces.
    ("tensor([ 0.0100,  0.5000])\n", "tensor([-0.0100,  0.5000], device='cuda:0')\n", ATOL, True),
    ("tensor([ 0.0100,  0.5000])\n", "tensor([-0.0100,  0.6000], device='cuda:0')\n", ATOL, False),
    # Any numbers, the same text around them.
    ("tensor([ 1.5410, -0.2934])\n", "tensor([-0.9247, -0.4253], device='cuda:0')\n", ANY, True),
    ("tensor([ 1.5410, -0.2934])\n", "tensor([-0.9247, -0.4253, 0.1000])\n", ANY, False),
    ("tensor([1.5410])\n", "tensor([1.5410], dtype=torch.float64)\n", ANY, False),
])
def test_a_declared_tolerance_allows_numbers_within_it_and_nothing_else(want, got, flags, passes) -> None:
    optionflags = doctest.ELLIPSIS | sum(FLAG[name] for name in flags)
    assert CUDA_CHECKER.check_output(want, got, optionflags) is passes


def test_a_tolerance_failure_says_which_number_is_outside() -> None:
    example = doctest.Example("accuracy", "0.984\n", options={FLAG["CUDA_ATOL_0_05"]: True})
    difference = CUDA_CHECKER.output_difference(example, "0.93\n", doctest.REPORT_UDIFF)
    assert "0.93 is not 0.984 within atol=0.05, rtol=0" in difference


def test_each_tolerance_flag_is_named_after_its_bound() -> None:
    for name, tolerance in TOLERANCES.items():
        if name == "CUDA_ANY_NUMBERS":
            assert tolerance.atol.is_infinite()
            continue
        kind, bound = ("ATOL", tolerance.atol) if tolerance.atol else ("RTOL", tolerance.rtol)
        assert name == f"CUDA_{kind}_{bound}".replace(".", "_")
        assert 0 < bound <= Decimal("0.05"), f"{name}: a tolerance that hides real differences"


def test_pytest_still_has_the_private_checker_hook_and_its_pinned_major_version() -> None:
    """The CUDA run replaces ``_pytest.doctest.CHECKER_CLASS``: a pytest release may move it."""
    site = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["dependency-groups"]["site"]
    pin = next(Requirement(r) for r in site if Requirement(r).name == "pytest")
    major = Version(pytest.__version__).major
    assert Version(pytest.__version__) in pin.specifier, f"pytest {pytest.__version__} is outside {pin}"
    assert f"{major}.0" in pin.specifier and f"{major + 1}.0" not in pin.specifier, \
        f"{pin} must allow one major version of pytest, the one whose checker hook was reviewed"
    assert callable(pytest_doctest._init_checker_class)
    saved = pytest_doctest.CHECKER_CLASS

    class Checker(doctest.OutputChecker):
        pass

    pytest_doctest.CHECKER_CLASS = Checker
    try:
        assert type(pytest_doctest._get_checker()) is Checker, "pytest no longer reads CHECKER_CLASS"
    finally:
        pytest_doctest.CHECKER_CLASS = saved


# --- what the CUDA session runs --------------------------------------------------------

def make_chapters(pytester: pytest.Pytester) -> None:
    doctest_source = '__test__ = {"sum": ">>> 1 + 1\\n2\\n"}\n'
    pytester.makeini(MARKERS_INI)
    pytester.makepyfile(
        tensor_chapter='__cuda__ = "default-device"\n' + doctest_source,
        data_chapter='__cuda__ = "device-aware"\n' + doctest_source,
        tooling=doctest_source,
        test_checks="import pytest\n\n@pytest.mark.cuda\ndef test_on_gpu():\n    pass\n\n"
                    "def test_page():\n    pass\n",
    )


def test_the_cuda_session_runs_opted_in_doctests_and_cuda_tests(pytester: pytest.Pytester) -> None:
    make_chapters(pytester)
    items, _ = pytester.inline_genitems(*PLUGIN)
    assert {item.name for item in items if runs_on_cuda(item)} == {
        "tensor_chapter.__test__.sum", "data_chapter.__test__.sum", "test_on_gpu"}


def test_the_cuda_session_deselects_the_rest(pytester: pytest.Pytester, monkeypatch) -> None:
    make_chapters(pytester)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    result = pytester.runpytest_inprocess(*PLUGIN, "--device", "cuda", "--collect-only", "-q")
    result.stdout.fnmatch_lines(["3/5 tests collected (2 deselected)*"])


def test_an_invalid_cuda_declaration_is_a_collection_error(pytester: pytest.Pytester) -> None:
    result = run_module(pytester, '__cuda__ = "gpu"\n__test__ = {"sum": ">>> 1 + 1\\n2\\n"}\n')
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*__cuda__ must be 'default-device' or 'device-aware', not 'gpu'*"])


@pytest.mark.skipif(torch.cuda.is_available(), reason="needs a machine without a GPU")
def test_asking_for_cuda_without_a_gpu_is_a_clear_error(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest_inprocess(*PLUGIN, "--device", "cuda")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*torch.cuda.is_available() is False*"])


def test_recording_needs_the_cuda_session(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest_inprocess(*PLUGIN, "--record-cuda-run")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--record-cuda-run records a GPU run: add --device cuda*"])


# --- chapters as the pages write them --------------------------------------------------

# A training chapter's code: data and shuffling on the CPU, the model and each batch on `device`.
TRAINING_CHAPTER = '''
__cuda__ = "device-aware"

__test__ = {"train": """
>>> import torch
>>> from torch import nn
>>> from torch.utils.data import DataLoader, TensorDataset
>>> device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
>>> X = torch.randn(256, 2, generator=torch.Generator().manual_seed(0))
>>> y = (X[:, 0] + 0.5 * X[:, 1] > 0.3).long()
>>> loader = DataLoader(TensorDataset(X, y), batch_size=32, shuffle=True,
...                     generator=torch.Generator().manual_seed(0))
>>> _ = torch.manual_seed(0)
>>> model = nn.Linear(2, 2).to(device)
>>> optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
>>> for epoch in range(3):
...     for xb, yb in loader:
...         loss = nn.functional.cross_entropy(model(xb.to(device)), yb.to(device))
...         optimizer.zero_grad()
...         loss.backward()
...         optimizer.step()
>>> with torch.no_grad():
...     accuracy = (model(X.to(device)).argmax(1).cpu() == y).float().mean().item()
>>> round(accuracy, 3)  # doctest: +CUDA_ATOL_0_05
0.984
>>> torch.get_default_device().type  # the page's code chose the device, nothing else
'cpu'
"""}
'''
TENSOR_CHAPTER = '''
__cuda__ = "default-device"

__test__ = {"zeros": """
>>> import torch
>>> torch.zeros(2, 3).sum(dim=0)
tensor([0., 0., 0.])
"""}
'''


CHAPTERS = pytest.mark.parametrize("chapter", [TRAINING_CHAPTER, TENSOR_CHAPTER],
                                   ids=["device-aware", "default-device"])


@CHAPTERS
def test_a_chapter_passes_on_the_cpu(pytester: pytest.Pytester, chapter: str) -> None:
    run_module(pytester, chapter).assert_outcomes(passed=1)


@pytest.mark.cuda
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
@CHAPTERS
def test_the_same_chapter_passes_on_the_gpu(pytester: pytest.Pytester, chapter: str) -> None:
    before = torch.cuda.memory_allocated()
    torch.cuda.reset_peak_memory_stats()
    run_module(pytester, chapter, "--device", "cuda").assert_outcomes(passed=1)
    assert torch.cuda.max_memory_allocated() > before, "the doctest put nothing on the GPU"
    assert torch.get_default_device().type == "cpu"


# --- recording a CUDA run --------------------------------------------------------------

FAKE_RUN = CudaRun(
    date="2026-11-30", gpu="NVIDIA H100 80GB HBM3", torch="2.11.0+cu128", cuda="12.8",
    counts={"tests/docs_tooling/test_pytest_device.py": {"passed": 3, "failed": 1, "skipped": 0},
            "snippets/tensors.py": {"passed": 12, "failed": 0, "skipped": 1}},
)
EMPTY_RESULTS = f"What this file is.\n\n{NO_RUNS}\n"


def test_a_run_is_one_row_per_module() -> None:
    assert run_rows(FAKE_RUN) == [
        "| 2026-11-30 | NVIDIA H100 80GB HBM3 | 2.11.0+cu128 | 12.8 | `snippets/tensors.py` | 12 | 0 | 1 |",
        "|  |  |  |  | `tests/docs_tooling/test_pytest_device.py` | 3 | 1 | 0 |",
    ]


def test_the_first_run_replaces_the_no_runs_line_and_later_runs_go_on_top() -> None:
    first = with_run(EMPTY_RESULTS, FAKE_RUN)
    assert first == "What this file is.\n\n" + "\n".join([TABLE_HEAD, *run_rows(FAKE_RUN)]) + "\n"
    later = CudaRun("2026-12-01", "NVIDIA H200", "2.14.1+cu130", "13.0", {"snippets/data.py": FAKE_RUN.counts[
        "snippets/tensors.py"]})
    assert with_run(first, later) == "What this file is.\n\n" + "\n".join(
        [TABLE_HEAD, *run_rows(later), *run_rows(FAKE_RUN)]) + "\n"


def test_a_results_file_without_its_table_is_refused() -> None:
    with pytest.raises(ValueError, match="restore it from git"):
        with_run("edited by hand\n", FAKE_RUN)


def test_the_committed_results_file_takes_a_run() -> None:
    committed = (ROOT / RESULTS).read_text("utf-8")
    assert run_rows(FAKE_RUN)[0] in with_run(committed, FAKE_RUN)


def test_outcomes_are_counted_per_module() -> None:
    assert module_counts({"snippets/tensors.py::snippets.tensors.__test__.a": "passed",
                          "snippets/tensors.py::snippets.tensors.__test__.b": "skipped",
                          "tests/test_x.py::test_y[1]": "failed"}) == {
        "snippets/tensors.py": {"passed": 1, "failed": 0, "skipped": 1},
        "tests/test_x.py": {"passed": 0, "failed": 1, "skipped": 0},
    }


def test_a_recorded_run_counts_each_item_once(pytester: pytest.Pytester, monkeypatch) -> None:
    """The whole path with a pretend GPU: nothing here touches CUDA."""
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda: "Pretend GPU")
    (pytester.path / RESULTS).parent.mkdir()
    (pytester.path / RESULTS).write_text(EMPTY_RESULTS, encoding="utf-8")
    pytester.makeini(MARKERS_INI)
    pytester.makepyfile(
        data_chapter='__cuda__ = "device-aware"\n'
                     '__test__ = {"sum": ">>> 1 + 1\\n2\\n", "bad": ">>> 1\\n2\\n"}\n',
        test_checks="import pytest\n\n@pytest.mark.cuda\ndef test_ok():\n    pass\n\n"
                    "@pytest.mark.cuda\ndef test_skipped():\n    pytest.skip('no')\n\n"
                    "@pytest.fixture\ndef broken():\n    yield\n    raise RuntimeError\n\n"
                    "@pytest.mark.cuda\ndef test_fails_in_teardown(broken):\n    pass\n\n"
                    "def test_cpu_only():\n    pass\n",
    )
    result = pytester.runpytest_inprocess(*PLUGIN, "--device", "cuda", "--record-cuda-run")
    result.assert_outcomes(passed=3, failed=1, skipped=1, errors=1, deselected=1)
    table = (pytester.path / RESULTS).read_text("utf-8")
    run_cells = f"| Pretend GPU | {torch.__version__} | {torch.version.cuda} |"
    assert f"{run_cells} `data_chapter.py` | 1 | 1 | 0 |" in table
    assert "|  |  |  |  | `test_checks.py` | 1 | 1 | 1 |" in table
