"""Figures of notebook 06 (nbhelpers/plots/losses.py): the curve −log y, the losses of random
mini-batches, loss against accuracy, and the live plot behind the loss explorer. Made-up data: no
MNIST needed."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import PNG_MAGIC, assert_quick_png_is_full, no_warnings, show_keeps_no_results
from matplotlib.colors import to_rgba

from nbhelpers import plots
from nbhelpers.losses import cross_entropy_error, mean_squared_error

#: The book's output for the digit 2 (§4.2.1).
BOOK_Y = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])


def _dots(ax) -> list:
    """The (x, y) of every single-point marker line of ``ax``."""
    return [tuple(line.get_xydata()[0]) for line in ax.lines if len(line.get_xdata()) == 1]


def test_neg_log_figure_marks_the_books_two_losses_and_the_cap():
    with no_warnings():
        fig = plots.neg_log_figure()
    ax, ax_log = fig.axes
    # −log 0.6 = 0.5108256..., −log 0.1 = 2.3025850...
    np.testing.assert_allclose(_dots(ax), [(0.6, 0.5108256238), (0.1, 2.302585093)], rtol=1e-9)
    assert [t.get_text() for t in ax.texts] == ["y = 0.6 → loss 0.51", "y = 0.1 → loss 2.30"]
    assert "−log y" in ax.get_title() and "δ = 1e−7" in ax_log.get_title()
    plain, capped = (line.get_ydata() for line in ax_log.lines[:2])
    assert plain.max() == pytest.approx(-np.log(1e-12))  # no limit ...
    assert capped.max() == pytest.approx(-np.log(1e-7), rel=1e-4)  # ... but the book's code stops at 16.12
    assert ax_log.lines[1].get_linestyle() == "--" and ax_log.get_xscale() == "log"
    assert plots.figure_to_png(fig).startswith(PNG_MAGIC)
    assert _dots(plots.neg_log_figure(marks=[1.0]).axes[0]) == [(1.0, 0.0)]
    with pytest.raises(ValueError, match=r"probabilities in \(0, 1\]"):
        plots.neg_log_figure(marks=[0.0])


def test_batch_loss_spread_figure_boxes_and_the_full_data_line():
    rng = np.random.default_rng(0)
    sizes = [1, 10, 100]
    losses = [rng.gamma(2.0, 0.2 / np.sqrt(s), size=50) for s in sizes]
    fig = plots.batch_loss_spread_figure(sizes, losses, 0.4)
    (ax,) = fig.axes
    assert ax.get_xscale() == "log"
    (full,) = [line for line in ax.lines if line.get_linestyle() == "--"]
    assert list(full.get_ydata()) == [0.4, 0.4] and "0.400" in full.get_label()
    dots = [line for line in ax.lines if line.get_marker() == "."]
    assert [len(d.get_ydata()) for d in dots] == [50, 50, 50]
    for d, s, v in zip(dots, sizes, losses):  # each batch size's dots: its losses, around its place on x
        np.testing.assert_array_equal(d.get_ydata(), v)
        assert np.all((d.get_xdata() > s / 1.5) & (d.get_xdata() < s * 1.5))
    medians = [line for line in ax.lines if line.get_gid() == "median"]
    assert [m.get_ydata()[0] for m in medians] == pytest.approx([np.median(v) for v in losses])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["1", "10", "100"]
    assert "mini-batches" in ax.get_title()
    by_size = plots.batch_loss_spread_figure(sizes, dict(zip(sizes, losses)), 0.4)  # a dict: by batch size
    dots_by_size = [line for line in by_size.axes[0].lines if line.get_marker() == "."]
    for d, v in zip(dots_by_size, losses):
        np.testing.assert_array_equal(d.get_ydata(), v)
    with pytest.raises(ValueError, match=r"no losses for the batch sizes \[1000\]"):
        plots.batch_loss_spread_figure([1, 1000], dict(zip(sizes, losses)), 0.4)
    with pytest.raises(ValueError, match="same, nonzero length, got 2 and 3"):
        plots.batch_loss_spread_figure([1, 10], losses, 0.4)
    with pytest.raises(ValueError, match="positive"):
        plots.batch_loss_spread_figure([0], [[0.1]], 0.4)


def test_loss_accuracy_figure_draws_the_accuracy_as_steps_and_marks_the_weight():
    values = np.arange(-10, 11) / 10
    losses = 0.3 + 0.2 * values**2
    accuracies = np.where(np.abs(values) < 0.45, 0.95, 0.9)
    fig = plots.loss_accuracy_figure(values, losses, accuracies, current=0.1, name="W2[0, 0]")
    ax_loss, ax_acc = fig.axes
    assert ax_loss.get_shared_x_axes().joined(ax_loss, ax_acc)
    assert ax_loss.lines[0].get_drawstyle() == "default"
    assert ax_acc.lines[0].get_drawstyle() == "steps-mid"
    np.testing.assert_array_equal(ax_acc.lines[0].get_ydata(), accuracies)
    assert _dots(ax_loss) == [(0.1, pytest.approx(0.302))] and _dots(ax_acc) == [(0.1, 0.95)]
    for ax in (ax_loss, ax_acc):  # the trained value: a dashed vertical line in both panels
        assert [list(line.get_xdata()) for line in ax.lines if line.get_linestyle() == "--"] == [[0.1, 0.1]]
    assert ax_acc.get_xlabel() == "value of W2[0, 0]"
    assert "smoothly" in ax_loss.get_title() and "steps" in ax_acc.get_title()
    assert [t.get_text() for t in ax_acc.texts] == ["accuracy 95.00%"]
    assert len(plots.loss_accuracy_figure(values, losses, accuracies).axes[0].lines) == 1  # no mark
    with pytest.raises(ValueError, match="same length"):
        plots.loss_accuracy_figure(values, losses[:-1], accuracies)


def _show_book(plot, y=BOOK_Y, t=2):
    plot.show(y, t, mean_squared_error(y, t), cross_entropy_error(y, t))


def test_loss_plot_shows_what_it_is_given():
    plot = plots.LossPlot()
    mse, cee = mean_squared_error(BOOK_Y, 2), cross_entropy_error(BOOK_Y, 2)
    show_keeps_no_results(plot, plot.show, BOOK_Y, 2, mse, cee)
    assert [bar.get_height() for bar in plot._bars] == list(BOOK_Y)
    green = to_rgba("C2")
    assert [bar.get_facecolor() == green for bar in plot._bars] == [k == 2 for k in range(10)]
    assert list(plot._targets.get_ydata()) == [k == 2 for k in range(10)]
    assert tuple(plot._dot.get_xydata()[0]) == (0.6, cee)
    assert [bar.get_height() for bar in plot._loss_bars] == [mse, cee]
    assert [t.get_text() for t in plot._loss_texts] == ["0.098", "0.51"]
    assert plot._dot_text.get_text() == "−log(0.60) = 0.51"
    assert plot._title.get_text() == "the output y (right class: 2, y_2 = 0.60)"
    with pytest.raises(ValueError, match=r"10 probabilities, got shape \(3,\)"):
        plot.show([0.2, 0.3, 0.5], 2, 0.1, 0.1)
    with pytest.raises(ValueError, match="0 ... 9, got 10"):
        plot.show(BOOK_Y, 10, 0.1, 0.1)


def test_loss_plot_extremes_draw_without_a_warning():
    plot = plots.LossPlot()
    zero = np.array([0.0] * 9 + [1.0])  # all on class 9, the right class 0 gets nothing
    with no_warnings():
        _show_book(plot, zero, 0)  # CEE = −log(1e−7) = 16.118..., far above the chart
        assert plot._dot.get_marker() == "^" and plot._dot.get_xydata()[0][1] == pytest.approx(5.4)
        assert plot._dot_text.get_text() == "−log(0.00 + 1e−7) = 16.12 ↑"
        assert plot._loss_texts[1].get_text() == "16.12" and plot._loss_bars[1].get_height() == pytest.approx(
            5.4
        )
        png_zero = plot.png()
        _show_book(plot, zero, 9)  # a sure right answer: CEE = −1e−7, written 0.000
        assert [t.get_text() for t in plot._loss_texts] == ["0.000", "0.000"]
        assert plot._dot.get_marker() == "o" and plot._dot_text.get_text() == "−log(1.00) = 0.00"
        assert plot.png() != png_zero


def test_loss_plot_quick_png_is_the_full_figure():
    plot = plots.LossPlot()
    _show_book(plot)
    assert_quick_png_is_full(plot)
    plot = plots.LossPlot()
    _show_book(plot, np.array([0.0] * 9 + [1.0]), 3)  # the loss off the chart: the white text in the bar
    assert_quick_png_is_full(plot)


def _weight_curves():
    values = np.arange(-10, 11) / 10
    return values, 0.3 + 0.2 * values**2, np.where(np.abs(values) < 0.45, 0.95, 0.9)


def test_loss_accuracy_plot_has_the_figures_panels_and_moves_its_marker():
    values, losses, accuracies = _weight_curves()
    plot = plots.LossAccuracyPlot(values, losses, accuracies, name="W2[0, 0]", current=0.1)
    ax_loss, ax_acc = plot.figure.axes
    # the panels of loss_accuracy_figure, drawn by the same code
    np.testing.assert_array_equal(ax_loss.lines[0].get_ydata(), losses)
    assert ax_acc.lines[0].get_drawstyle() == "steps-mid" and ax_acc.get_xlabel() == "value of W2[0, 0]"
    np.testing.assert_array_equal(ax_acc.lines[0].get_ydata(), accuracies)
    for ax in (ax_loss, ax_acc):  # the trained value: a dashed line in both panels
        assert [list(line.get_xdata()) for line in ax.lines if line.get_linestyle() == "--"] == [[0.1, 0.1]]
    limits = [(ax.get_xlim(), ax.get_ylim()) for ax in (ax_loss, ax_acc)]
    with no_warnings():
        show_keeps_no_results(plot, plot.show, 0.6, 0.372, 0.9, 0.24, 0.0)
    for line, dot, y in zip(plot._lines, plot._dots, (0.372, 0.9)):  # a vertical line and a dot per panel
        assert list(line.get_xdata()) == [0.6, 0.6] and tuple(dot.get_xydata()[0]) == (0.6, y)
    (x0, x1), (y0, y1) = plot._tangents[0].get_data()
    assert (y1 - y0) / (x1 - x0) == pytest.approx(0.24) and (x0 + x1) / 2 == pytest.approx(0.6)
    assert list(plot._tangents[1].get_ydata()) == [0.9, 0.9]  # the accuracy's slope 0: a flat tangent
    assert plot._titles[0].get_text() == "loss 0.3720 at 0.600 (slope 0.2400): smooth, it points downhill"
    assert plot._titles[1].get_text() == "accuracy 90.00% (slope 0): in steps, flat in between"
    assert [(ax.get_xlim(), ax.get_ylim()) for ax in (ax_loss, ax_acc)] == limits  # the axes stay fixed
    before = plot.png()
    plot.show(0.45, 0.3405, 0.925, 0.18, -25.0)  # on a step: the accuracy's difference is a jump
    assert (
        plot._titles[1].get_text() == "accuracy 92.50% (slope −25.0000): a step: an image changes its answer"
    )
    assert tuple(plot._dots[1].get_xydata()[0]) == (0.45, 0.925)
    assert plot.png() != before and plot.png().startswith(PNG_MAGIC)
    assert "trained" in [t.get_text().strip() for t in ax_loss.texts]
    assert len(plots.LossAccuracyPlot(values, losses, accuracies).figure.axes[0].lines) == 4  # no dashed line
    with pytest.raises(ValueError, match="same length"):
        plots.LossAccuracyPlot(values, losses, accuracies[:-1])


def test_loss_accuracy_plot_quick_png_is_the_full_figure():
    plot = plots.LossAccuracyPlot(*_weight_curves(), name="W", current=0.1)
    plot.show(-0.7, 0.398, 0.9, -0.28, 0.0)
    assert_quick_png_is_full(plot)
    plot.show(1.0, 0.5, 0.9, 0.4, 0.0)  # at the end of the range: the dot on the axes' edge
    assert_quick_png_is_full(plot)
