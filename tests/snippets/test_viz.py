"""What docs/viz.md claims beyond its doctests: the event folder holds what was logged."""

from __future__ import annotations

import io
import socket
import tempfile
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
from torch import nn
from torch.utils.tensorboard import SummaryWriter
from torchvision.utils import make_grid

from snippets.viz import LOG_ROOT, draw_curves, load_data, train_logged
from tests.conftest import ROOT

SCALAR_TAGS = ["损失/训练", "准确率/测试"]
# 10 epochs of SGD at lr 0.5 on the offline 4,000 digits: about 0.91.
ACCURACY_FLOOR = 0.88


def read_events(log_dir: Path) -> EventAccumulator:
    return EventAccumulator(str(log_dir)).Reload()


def test_the_event_folder_holds_the_scalars_an_image_and_the_graph() -> None:
    _, history, log_dir = train_logged()
    events = read_events(log_dir)
    tags = events.Tags()
    assert tags["scalars"] == SCALAR_TAGS
    assert tags["images"] == ["样本/训练集"] and tags["graph"] is True
    for tag in SCALAR_TAGS:  # one point per epoch, at steps 1, 2, ...
        assert [e.step for e in events.Scalars(tag)] == list(range(1, len(history) + 1))


def test_the_logged_values_are_the_recorded_history() -> None:
    _, history, log_dir = train_logged()
    events = read_events(log_dir)
    losses = [e.value for e in events.Scalars("损失/训练")]
    accs = [e.value for e in events.Scalars("准确率/测试")]
    # TensorBoard stores a scalar as float32.
    assert losses == pytest.approx([loss for loss, _ in history], rel=1e-6)
    assert accs == pytest.approx([acc for _, acc in history], rel=1e-6)


def test_the_logged_image_is_the_grid_of_the_first_16_digits() -> None:
    _, _, log_dir = train_logged()
    image = read_events(log_dir).Images("样本/训练集")[0]
    png = np.asarray(Image.open(io.BytesIO(image.encoded_image_string)).convert("RGB"))
    train_iter, _ = load_data()
    grid = make_grid(train_iter.dataset.tensors[0][:16].unsqueeze(1), nrow=8)
    expected = (grid * 255).permute(1, 2, 0).numpy()
    assert png.shape == (62, 242, 3)
    assert np.abs(png.astype(float) - expected).max() <= 1


def test_the_logged_graph_is_the_model() -> None:
    net, _, log_dir = train_logged()
    ops = [node.op for node in read_events(log_dir).Graph().node if node.op.startswith("aten::")]
    assert ops == ["aten::flatten", "aten::linear", "aten::relu", "aten::linear"]
    assert [type(m) for m in net] == [nn.Flatten, nn.Linear, nn.ReLU, nn.Linear]


def test_the_small_mlp_learns_and_a_ten_times_smaller_learning_rate_lags() -> None:
    _, fast, _ = train_logged()
    _, slow, _ = train_logged(lr=0.05)
    assert fast[-1][1] >= ACCURACY_FLOOR
    # The page reads the smaller rate's curves as "too slow": behind at every epoch.
    assert all(s_loss > f_loss for (s_loss, _), (f_loss, _) in zip(slow, fast, strict=True))
    assert all(s_acc < f_acc for (_, s_acc), (_, f_acc) in zip(slow, fast, strict=True))
    # ... yet still learning: its loss falls every epoch; after 10 epochs it is below
    # where lr 0.5 was after 2.
    assert all(later < earlier for (earlier, _), (later, _) in pairwise(slow))
    assert slow[-1][1] < fast[1][1]


def test_the_best_epoch_is_not_the_last() -> None:
    _, history, _ = train_logged()
    accs = [acc for _, acc in history]
    assert accs.index(max(accs)) < len(accs) - 1


def test_events_go_to_a_temporary_folder_not_the_repository() -> None:
    _, _, log_dir = train_logged()
    temp = Path(tempfile.gettempdir()).resolve()
    assert log_dir.parent == LOG_ROOT and LOG_ROOT.resolve().is_relative_to(temp)
    assert not LOG_ROOT.resolve().is_relative_to(ROOT)
    assert not LOG_ROOT.resolve().is_relative_to(Path.cwd().resolve())


def test_writing_and_reading_events_needs_no_network(tmp_path, monkeypatch) -> None:
    tried = []

    def refuse(self, address):
        tried.append(address)
        raise OSError(f"no network in this test (tried {address})")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    writer = SummaryWriter(tmp_path)
    writer.add_scalar("损失", 1.0, global_step=1)
    writer.add_image("数字", torch.rand(1, 28, 28), global_step=0)
    net = nn.Sequential(nn.Flatten(), nn.Linear(4, 2))
    with pytest.warns(FutureWarning):  # add_graph traces with the deprecated torch.jit.trace
        writer.add_graph(net, torch.rand(3, 2, 2))
    writer.close()
    tags = read_events(tmp_path).Tags()
    assert tags["scalars"] == ["损失"] and tags["images"] == ["数字"] and tags["graph"]
    assert tried == []


def test_the_figure_plots_the_history_and_marks_the_best_epoch() -> None:
    _, history, _ = train_logged()
    ax_loss, ax_acc = draw_curves().axes
    assert list(ax_loss.lines[0].get_ydata()) == [loss for loss, _ in history]
    assert list(ax_acc.lines[0].get_ydata()) == [acc for _, acc in history]
    best = max(range(len(history)), key=lambda i: history[i][1])
    assert list(ax_acc.lines[1].get_xdata()) == [best + 1]
