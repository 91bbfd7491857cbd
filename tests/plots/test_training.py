"""Figures of notebook 07 (nbhelpers/plots/training.py): the toy data sets, and the decision map with the
learning curves (the live plot behind the training widget, and its still version)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import PNG_MAGIC, assert_quick_png_is_full, no_warnings, pixels, show_keeps_no_results

from nbhelpers import plots
from nbhelpers.datasets import DATASETS, train_test_split
from nbhelpers.nets import TwoLayerNet
from nbhelpers.training import History, train

SIDE = 100
VALUES = np.linspace(-1.5, 1.5, SIDE)
X0, X1 = np.meshgrid(VALUES, VALUES)


def _run(steps=60, dataset="blobs", lr=1.0):
    """A small real run with the core: the data, the grid probabilities of class 1 and the history."""
    x, t = DATASETS[dataset](n=200, noise=0.1, seed=0)
    (x_train, t_train), (x_test, t_test) = train_test_split(x, t, 0.2, seed=0)
    net = TwoLayerNet(2, 5, 2, weight_init_std=1.0, rng=0)
    history = train(
        net, x_train, t_train, x_test, t_test, lr=lr, batch_size=50, steps=steps, seed=0, every=10
    )
    grid = np.column_stack([X0.ravel(), X1.ravel()])
    probabilities = net.predict(grid)[:, 1].reshape(SIDE, SIDE)
    return probabilities, x_train, t_train, x_test, t_test, history


def test_datasets_figure_has_one_panel_per_set_with_its_points():
    sets = {name: make(n=120, noise=0.1, seed=1) for name, make in DATASETS.items()}
    fig = plots.datasets_figure(sets)
    assert len(fig.axes) == len(sets)
    for ax, (name, (x, t)) in zip(fig.axes, sets.items()):
        assert ax.get_title() == f"{name} (120 points)"
        assert ax.get_aspect() == 1.0
        class0, class1 = ax.get_lines()
        np.testing.assert_array_equal(class0.get_xydata(), x[t == 0])
        np.testing.assert_array_equal(class1.get_xydata(), x[t == 1])
        assert class0.get_color() != class1.get_color()
    assert plots.figure_to_png(fig).startswith(PNG_MAGIC)
    with pytest.raises(ValueError, match=r"sets\['bad'\]: x must have shape \(N, 2\)"):
        plots.datasets_figure({"bad": (np.zeros((5, 3)), np.zeros(5))})


def test_training_plot_draws_what_it_is_given():
    plot = plots.TrainingPlot()
    probabilities, x_train, t_train, x_test, t_test, history = _run()
    args = (probabilities, x_train, t_train, x_test, t_test, history, "step 60: train 100.0%, test 100.0%")
    show_keeps_no_results(plot, plot.show, *args)
    panels = plot._panels
    np.testing.assert_array_equal(panels.map.get_array(), probabilities)
    assert panels.map.get_extent() == [-1.5, 1.5, -1.5, 1.5]
    for k in (0, 1):
        np.testing.assert_array_equal(panels.train[k].get_xydata(), x_train[t_train == k])
        np.testing.assert_array_equal(panels.test[k].get_xydata(), x_test[t_test == k])
    np.testing.assert_array_equal(panels.losses.get_ydata(), history.step_loss)
    np.testing.assert_array_equal(panels.losses.get_xdata(), np.arange(1, 61))
    np.testing.assert_array_equal(panels.train_acc.get_xdata(), [10, 20, 30, 40, 50, 60])
    np.testing.assert_array_equal(panels.train_acc.get_ydata(), history.train_acc)
    np.testing.assert_array_equal(panels.test_acc.get_ydata(), history.test_acc)
    assert panels.title.get_text() == args[-1] and panels.note.get_text() == ""
    assert panels.loss_ax.get_xlim()[1] == pytest.approx(101.0)  # the step axis: 0 ... 100
    assert plot.css_width == "1000px"
    assert_quick_png_is_full(plot)


def test_training_plot_boundary_and_colours_are_where_the_probabilities_say():
    plot = plots.TrainingPlot()
    probabilities = 1 / (1 + np.exp(-8 * (X0 - 0.5)))  # class 1 right of the line x0 = 0.5
    empty = np.empty((0, 2)), np.empty(0, dtype=int)
    plot.show(probabilities, *empty, *empty, History(), "a line")
    line = plot._panels.boundary.get_xydata()
    drawn = line[~np.isnan(line[:, 0])]
    np.testing.assert_allclose(drawn[:, 0], 0.5, atol=0.01)
    assert drawn[:, 1].min() == pytest.approx(-1.5) and drawn[:, 1].max() == pytest.approx(1.5)
    image = pixels(plot.png())
    height = image.shape[0]
    for x0, blue_wins in ((-1.0, True), (1.2, False)):
        px, py = plot._panels.ax.transData.transform((x0, 0.3))
        r, _, b = image[int(height - py), int(px)]
        assert (b > r) == blue_wins, (x0, r, b)  # class 0 blue, class 1 red


def test_training_plot_axes_grow_and_shrink_with_the_run():
    plot = plots.TrainingPlot()
    probabilities, x_train, t_train, x_test, t_test, _ = _run(steps=0)
    long = History(
        step_loss=[0.5] * 150 + [3.0], eval_steps=[151], train_acc=[0.9], test_acc=[0.8], steps_done=151
    )
    plot.show(probabilities, x_train, t_train, x_test, t_test, long, "long")
    assert plot._panels.loss_ax.get_xlim()[1] == pytest.approx(202.0)  # 0 ... 200
    assert plot._panels.loss_ax.get_ylim() == (0.0, 5.0)  # the loss axis: 1, 2, 5, 10, 20
    grown = plot.png()
    plot.show(probabilities, x_train, t_train, x_test, t_test, History(), "reset")
    assert plot._panels.loss_ax.get_xlim()[1] == pytest.approx(101.0)
    assert plot._panels.loss_ax.get_ylim() == (0.0, 1.0)
    assert plot.png() != grown
    assert_quick_png_is_full(plot)  # (the background was redrawn with the new axes)


def test_training_plot_draws_a_diverged_run_without_warning():
    plot = plots.TrainingPlot()
    _, x_train, t_train, x_test, t_test, _ = _run(steps=0)
    losses = [0.7, 40.0, np.inf, np.nan, np.nan]
    history = History(step_loss=losses, eval_steps=[2], train_acc=[0.5], test_acc=[np.nan], steps_done=5)
    nan_map = np.full((SIDE, SIDE), np.nan)
    with no_warnings():
        plot.show(nan_map, x_train, t_train, x_test, t_test, history, "step 5")
        png = plot.png()
    assert png.startswith(PNG_MAGIC)
    panels = plot._panels
    assert panels.title.get_text() == "step 5 (diverged)"
    assert panels.losses.get_ydata().tolist() == [0.7, 20.0, 20.0, 20.0, 20.0]  # at the top of the axis
    assert panels.note.get_text() == "4 losses above 20 or not finite: drawn at the top"
    assert panels.boundary.get_xydata().size == 0  # no 0.5 line in a map of NaN
    assert_quick_png_is_full(plot)


def test_training_figure_is_the_same_drawing():
    args = _run()
    fig = plots.training_figure(*args, title="after 60 steps")
    plot = plots.TrainingPlot()
    plot.show(*args, "after 60 steps")
    ax, loss_ax, _, acc_ax = fig.axes  # the map, the loss, the colour bar, the accuracy (twin of the loss)
    live = plot._panels
    np.testing.assert_array_equal(ax.get_images()[0].get_array(), live.map.get_array())
    assert ax.get_title() == live.title.get_text() == "after 60 steps"
    for mine, theirs in zip(ax.get_lines(), [live.boundary, *live.train, *live.test]):
        np.testing.assert_array_equal(mine.get_xydata(), theirs.get_xydata())
    np.testing.assert_array_equal(loss_ax.get_lines()[0].get_ydata(), live.losses.get_ydata())
    np.testing.assert_array_equal(acc_ax.get_lines()[1].get_ydata(), live.test_acc.get_ydata())
    assert not any(artist.get_animated() for artist in fig.findobj())  # a plain savefig shows everything
    assert plots.figure_to_png(fig).startswith(PNG_MAGIC)
    assert repr(fig).startswith("<Figure size 1000x460")


def test_training_plot_rejects_mismatched_data():
    plot = plots.TrainingPlot(resolution=50)
    _, x_train, t_train, x_test, t_test, history = _run(steps=0)
    with pytest.raises(ValueError, match=r"grid_probabilities must have shape \(50, 50\)"):
        plot.show(np.zeros((100, 100)), x_train, t_train, x_test, t_test, history, "bad")
    with pytest.raises(ValueError, match=r"test: x must have shape \(N, 2\) and t N labels"):
        plot.show(np.zeros((50, 50)), x_train, t_train, x_test, t_test[:-1], history, "bad")
    with pytest.raises(ValueError, match="low < high"):
        plots.TrainingPlot(x_range=(1.0, -1.0))


def _history(steps=1200, every=100):
    h = History()
    rng = np.random.default_rng(0)
    h.step_loss = list(np.abs(rng.standard_normal(steps)) * np.exp(-np.arange(steps) / 300) + 0.05)
    h.eval_steps = list(range(every, steps + 1, every))
    h.train_acc = list(np.linspace(0.6, 0.99, len(h.eval_steps)))
    h.test_acc = list(np.linspace(0.55, 0.97, len(h.eval_steps)))
    h.steps_done = steps
    return h


def test_history_figure_draws_the_curves_and_writes_the_last_values():
    h = _history()
    with no_warnings():
        fig = plots.history_figure(h, "a run", steps=2000)
    loss_ax, acc_ax = fig.axes
    assert loss_ax.get_xlim() == (0, 2000) and acc_ax.get_xlim() == (0, 2000)
    texts = [t.get_text() for t in acc_ax.texts]
    assert texts == ["last: train 0.9900, test 0.9700"]
    lines = [line for line in acc_ax.lines if len(line.get_xdata())]
    assert list(lines[0].get_xdata()) == h.eval_steps and list(lines[1].get_ydata()) == h.test_acc
    assert acc_ax.get_ylim()[0] == pytest.approx(0.54) and acc_ax.get_ylim()[1] == 1.0
    means = [line for line in loss_ax.lines if line.get_marker() == "o"][0]
    assert means.get_ydata()[0] == pytest.approx(np.mean(h.step_loss[:100]))
    assert fig._suptitle.get_text() == "a run"
    assert pixels(plots.figure_to_png(fig)).std() > 0
    legend = [t.get_text() for t in acc_ax.get_legend().get_texts()]
    assert legend == ["train accuracy (all training data)", "test accuracy"]
    other = plots.history_figure(
        h, accuracy_labels=("train accuracy (1 000 images)", "test accuracy (1 000)")
    )
    assert [t.get_text() for t in other.axes[1].get_legend().get_texts()] == [
        "train accuracy (1 000 images)",
        "test accuracy (1 000)",
    ]


def test_history_figure_of_an_empty_or_diverged_run_draws_without_warning():
    with no_warnings():
        plots.history_figure(History())
        h = _history()
        h.step_loss[5:] = [np.inf] * (len(h.step_loss) - 5)
        h.test_acc = [np.nan] * len(h.eval_steps)
        fig = plots.history_figure(h)
    assert [t.get_text() for t in fig.axes[1].texts] == ["last: train 0.9900"]


def test_live_history_updates_one_display_in_place(monkeypatch):
    import IPython
    import IPython.display

    shown = []

    class Handle:
        def update(self, data, **kwargs):
            shown.append(("update", data["text/plain"]))

    def display(data, **kwargs):
        shown.append(("display", data["text/plain"], kwargs.get("display_id")))
        return Handle()

    live = plots.LiveHistory("run", steps=1200)
    monkeypatch.setattr(IPython, "get_ipython", lambda: None)
    assert live.update(_history()) is False and shown == []  # outside IPython: nothing drawn
    monkeypatch.setattr(IPython, "get_ipython", lambda: object())
    monkeypatch.setattr(IPython.display, "display", display)
    assert live.update(_history()) is False
    assert live.update(_history()) is False
    assert [s[0] for s in shown] == ["display", "update"] and shown[0][2] is True
    assert shown[0][1].startswith("<Figure size 1000x360")
