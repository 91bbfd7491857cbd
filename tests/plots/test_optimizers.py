"""Figures of notebook 09 (nbhelpers/plots/optimizers.py): the optimizers' paths on a surface (the book's
figure 6-8), the live race plot behind the widget, and the smoothed loss curves (figures 6-9 and 6-15)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import PNG_MAGIC, assert_quick_png_is_full, no_warnings, show_keeps_no_results

from nbhelpers import plots
from nbhelpers.optimizers import SURFACES, descent_path, make_optimizer, smooth_curve

BOOK_FOUR = ("SGD", "Momentum", "AdaGrad", "Adam")


def _paths(surface="bowl", names=BOOK_FOUR, steps=30):
    s = SURFACES[surface]
    return {name: descent_path(make_optimizer(name, lr=s.lrs[name]), s, steps=steps) for name in names}


def _by_label(ax) -> dict:
    return {line.get_label(): line for line in ax.get_lines() if not line.get_label().startswith("_")}


def _segments(line) -> np.ndarray:
    xy = line.get_xydata()
    return xy[~np.isnan(xy[:, 0])]


def _marker_lines(ax, marker: str, color=None) -> list:
    return [
        line
        for line in ax.get_lines()
        if line.get_marker() == marker
        and len(line.get_xdata())
        and (color is None or line.get_color() == color)
    ]


def test_paths_figure_draws_each_path_where_the_data_says():
    paths = _paths()
    fig = plots.paths_figure(paths, "bowl")
    (ax,) = fig.axes
    lines = _by_label(ax)
    for name, path in paths.items():
        color = plots.OPTIMIZER_COLORS[name]
        line = lines[name]  # each path stays in view: its line is its steps, segment by segment
        assert line.get_color() == color
        np.testing.assert_allclose(_segments(line)[0::2], path[:-1], atol=1e-12)
        np.testing.assert_allclose(_segments(line)[1::2], path[1:], atol=1e-12)
        (dots,) = _marker_lines(ax, "o", color)
        np.testing.assert_array_equal(dots.get_xydata(), path)  # a dot per step
        (end,) = _marker_lines(ax, "*", color)
        np.testing.assert_array_equal(end.get_xydata(), path[-1:])
    starts = _marker_lines(ax, "o", "white")
    assert all(s.get_xydata().tolist() == [[-7.0, 2.0]] for s in starts) and len(starts) == 4
    (minimum,) = _marker_lines(ax, "+")
    assert minimum.get_xydata().tolist() == [[0.0, 0.0]]
    assert ax.get_title() == r"30 steps on the bowl: $f(x, y) = \frac{x^2}{20} + y^2$"
    assert (ax.get_xlim(), ax.get_ylim()) == ((-10.0, 10.0), (-5.0, 5.0))
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [*BOOK_FOUR, "start", "end", "minimum"]
    assert plots.figure_to_png(fig).startswith(PNG_MAGIC)


def test_paths_figure_grid_is_the_books_four_panels_and_says_where_a_path_went():
    paths = _paths("saddle", steps=60)  # the adaptive ones leave the saddle's view, SGD and Momentum not
    paths["far"] = np.array([[-7.0, 0.01], [1e200, 3.0], [np.inf, np.nan], [np.nan, np.nan]])
    with no_warnings():
        fig = plots.paths_figure(paths, SURFACES["saddle"], title="the saddle", grid=True)
        assert plots.figure_to_png(fig).startswith(PNG_MAGIC)
    panels = [ax for ax in fig.axes if ax.axison]
    titles = [ax.get_title() for ax in panels]
    view = SURFACES["saddle"].view
    for title, (name, path) in zip(titles[:4], list(paths.items())[:4]):
        x, y = path.T
        out = (x < view[0]) | (x > view[1]) | (y < view[2]) | (y > view[3])
        assert title == (f"{name} (left the view at step {int(np.argmax(out))})" if out.any() else name)
    assert titles[0] == "SGD" and titles[3].startswith("Adam (left the view at step ")
    assert titles[4] == "far (diverged at step 2)"
    assert fig.get_suptitle() == "the saddle"
    assert not _marker_lines(panels[0], "+"), "the saddle has no minimum"
    drawn = _segments(_by_label(panels[4])["far (diverged at step 2)"])
    assert np.all(np.abs(drawn) <= 10.5), "a path is cut at the edge of the view"
    assert len(panels) == 5 and len(fig.axes) == 6  # 3 columns for 5 paths: the 6th panel is off


def test_paths_figure_rejects_bad_input():
    with pytest.raises(
        ValueError, match=r"paths\['SGD'\] must have shape \(n, 2\), n >= 1, got shape \(3, 3\)"
    ):
        plots.paths_figure({"SGD": np.zeros((3, 3))}, "bowl")
    with pytest.raises(ValueError, match="surface must be a Surface or one of 'bowl'"):
        plots.paths_figure({"SGD": np.zeros((3, 2))}, "hill")
    with pytest.raises(ValueError, match="at least one path"):
        plots.paths_figure({}, "bowl")


def _race(surface="bowl", names=(*plots.OPTIMIZER_COLORS,)[:6], steps=30):
    s = SURFACES[surface]
    paths = _paths(surface, names, steps)
    return paths, {name: s.f(*path.T) for name, path in paths.items()}


def test_race_plot_draws_every_path_and_its_losses():
    plot = plots.OptimizerRacePlot("bowl")
    paths, losses = _race()
    show_keeps_no_results(plot, plot.show, paths, losses, "the bowl: 30 steps")
    for name, path in paths.items():
        np.testing.assert_array_equal(plot._dots[name].get_xydata(), path)
        np.testing.assert_array_equal(plot._ends[name].get_xydata(), path[-1:])
        np.testing.assert_array_equal(plot._losses[name].get_ydata(), losses[name])  # f − f(0, 0) = f
        assert plot._lines[name].get_color() == plots.OPTIMIZER_COLORS[name]
    assert plot._start.get_xydata().tolist() == [[-7.0, 2.0]]
    hidden = "Adam, no bias correction"
    assert plot._dots[hidden].get_xydata().size == 0 and plot._losses[hidden].get_xydata().size == 0
    legend = [t.get_text() for t in plot.figure.legends[0].get_texts()]
    assert legend == [*paths, "start", "end", "minimum"]
    assert plot._title.get_text() == "the bowl: 30 steps" and plot._note.get_text() == ""
    assert plot._loss_ax.get_yscale() == "log" and "f − f(minimum)" in plot._loss_title.get_text()
    assert plot._loss_ax.get_xlim()[1] == pytest.approx(51.0)  # a step axis to 50 holds 30 steps
    assert_quick_png_is_full(plot)


def test_race_plot_follows_the_surface_the_steps_and_the_labels_shown():
    plot = plots.OptimizerRacePlot("bowl")
    plot.show(*_race(), "a")
    before = plot.png()
    plot.show_surface("banana")
    plot.show(*_race("banana", steps=100), "b")
    assert plot.png() != before
    assert plot._ax.get_xlim() == (-2.0, 2.0) and plot._loss_ax.get_xlim()[1] == pytest.approx(102.0)
    offset = SURFACES["banana"].f(1.0, 1.0)  # 0: the minimum (1, 1)
    _, losses = _race("banana", steps=100)
    np.testing.assert_allclose(plot._losses["Adam"].get_ydata(), np.maximum(losses["Adam"] - offset, 1e-17))
    plot.show_surface(SURFACES["saddle"])
    paths, losses = _race("saddle", ("SGD", "Adam"), steps=100)
    plot.show(paths, losses, "c")
    assert plot._loss_ax.get_yscale() == "linear" and "no minimum" in plot._loss_title.get_text()
    legend = [t.get_text() for t in plot.figure.legends[0].get_texts()]
    assert legend == ["SGD", "Adam", "start", "end"]  # the saddle has no minimum
    low = plot._loss_ax.get_ylim()[0]
    below = int(np.sum(losses["SGD"] < low) + np.sum(losses["Adam"] < low))
    assert below > 0 and plot._note.get_text() == f"{below} below {low:g}: drawn at the edge".replace(
        "-", "−"
    )
    assert plot._losses["Adam"].get_ydata().min() == low
    assert_quick_png_is_full(plot)


def test_race_plot_draws_a_diverged_path_without_warning():
    plot = plots.OptimizerRacePlot("bowl", labels=("SGD",))
    path = np.array([[-7.0, 2.0], [57.0, -76.0], [-1e300, 1e300], [np.inf, -np.inf], [np.nan, np.nan]])
    with no_warnings():
        plot.show({"SGD": path}, {"SGD": np.array([6.45, 5938.45, np.inf, np.inf, np.nan])}, "η = 10")
        assert plot.png().startswith(PNG_MAGIC)
    assert np.all(np.abs(_segments(plot._lines["SGD"])) <= 10.5), "cut at the edge of the view"
    assert plot._ends["SGD"].get_xydata().size == 0  # the last finite point is out of view
    assert plot._note.get_text() == "4 above 1000: drawn at the edge"  # 5938.45, inf, inf, NaN
    with pytest.raises(ValueError, match="unknown label 'Adam'"):
        plot.show({"Adam": path}, {"Adam": np.zeros(5)}, "x")
    with pytest.raises(ValueError, match=r"losses\['SGD'\] must have one value per point"):
        plot.show({"SGD": path}, {"SGD": np.zeros(4)}, "x")


def _noisy(n=300, seed=0):
    rng = np.random.default_rng(seed)
    steps = np.arange(n)
    return {
        name: 2.3 * np.exp(-steps / tau) + 0.1 + 0.2 * rng.random(n)
        for name, tau in (("SGD", 400.0), ("Momentum", 60.0), ("AdaGrad", 40.0), ("Adam", 50.0))
    }


def test_loss_curves_figure_draws_the_books_smoothed_curves():
    losses = _noisy()
    fig = plots.loss_curves_figure(losses, title="MNIST: the book's four optimizers")
    (ax,) = fig.axes
    lines = ax.get_lines()
    for name, values in losses.items():
        color = plots.OPTIMIZER_COLORS[name]
        raw, smooth = [line for line in lines if line.get_color() == color]
        np.testing.assert_array_equal(raw.get_ydata(), values)
        np.testing.assert_array_equal(smooth.get_ydata(), smooth_curve(values))
        np.testing.assert_array_equal(smooth.get_xdata(), np.arange(len(values)))
        assert smooth.get_marker() == plots.OPTIMIZER_MARKERS[name] and raw.get_alpha() < 0.5
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[0] == f"SGD (last {smooth_curve(losses['SGD'])[-1]:.3f})"
    assert ax.get_ylim() == (0.0, 1.0) and ax.get_title() == "MNIST: the book's four optimizers"
    top = max(float(smooth_curve(v).max()) for v in losses.values())
    assert [t.get_text() for t in ax.texts] == [
        f"lines cut at 1: the loss reaches {top:.2f} (ylim=None shows all)"
    ]
    whole = plots.loss_curves_figure(losses, ylim=None).axes[0]
    assert whole.get_ylim()[1] >= top and not whole.texts
    assert plots.figure_to_png(fig).startswith(PNG_MAGIC)


def test_loss_curves_figure_for_initial_weights_raw_and_broken_curves():
    init = {label: values for label, values in zip(("std=0.01", "Xavier", "He"), _noisy().values())}
    fig = plots.loss_curves_figure(init, ylim=(0, 2.5))
    colors = {line.get_color() for line in fig.axes[0].get_lines()}
    assert len(colors) == 3, "three curves that name no optimizer: three colours"
    runs = dict(zip(("RMSprop", "RMSprop, lr 0.01"), _noisy().values()))
    first, second = [
        line for line in plots.loss_curves_figure(runs).axes[0].get_lines() if line.get_marker() == "v"
    ]
    assert first.get_color() == second.get_color() == plots.OPTIMIZER_COLORS["RMSprop"]
    assert (first.get_linestyle(), second.get_linestyle()) == ("-", "--"), (
        "a second run of one optimizer: dashed"
    )
    with no_warnings():
        raw = plots.loss_curves_figure(
            {"Adam": [2.3, np.nan, np.inf, 1.0]}, smooth=True
        )  # too short to smooth
        assert plots.figure_to_png(raw).startswith(PNG_MAGIC)
    (line,) = raw.axes[0].get_lines()
    np.testing.assert_array_equal(line.get_ydata(), [2.3, np.nan, np.nan, 1.0])
    with pytest.raises(ValueError, match=r"losses\['SGD'\] must be a 1-D array"):
        plots.loss_curves_figure({"SGD": np.zeros((2, 2))})
