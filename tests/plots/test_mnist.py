"""Figures of notebook 05 (nbhelpers/plots/mnist.py): digits, flattening, the network's answer, the
confusion matrix and the live plot behind the digit browser. Made-up digits: no MNIST download needed."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import PNG_MAGIC, assert_quick_png_is_full, show_keeps_no_results

from nbhelpers import confusion_matrix, plots


def _digits(n: int) -> np.ndarray:
    return np.random.default_rng(0).random((n, 784), dtype=np.float32)


def test_digits_figure_lays_out_a_grid():
    fig = plots.digits_figure(_digits(12), titles=[str(k) for k in range(12)], ncols=5)
    shown = [ax for ax in fig.axes if ax.images]
    assert len(fig.axes) == 15 and len(shown) == 12  # 3 rows of 5, the last 3 cells empty
    assert [ax.get_xlabel() for ax in shown] == [str(k) for k in range(12)]
    with pytest.raises(ValueError, match="2 images but 1 titles"):
        plots.digits_figure(_digits(2), titles=["a"])
    with pytest.raises(ValueError, match="784 pixels"):
        plots.digits_figure([np.zeros(100)])


def test_flatten_figure_shows_the_row_and_its_scaling():
    image = (np.arange(784) % 256).astype(np.uint8).reshape(28, 28)
    fig = plots.flatten_figure(image)
    heights = [[bar.get_height() for bar in ax.patches] for ax in fig.axes if len(ax.patches) == 784]
    np.testing.assert_array_equal(heights[0], image.ravel())
    np.testing.assert_allclose(heights[1], image.ravel() / 255.0)


def test_prediction_figure_colours_the_answer():
    p = np.full(10, 0.02)
    p[3] = 0.82
    fig = plots.prediction_figure(_digits(1)[0], p, label=5)
    bars = fig.axes[1].patches
    assert bars[3].get_facecolor()[:3] == pytest.approx((0.839, 0.153, 0.157), abs=0.01)  # C3: wrong
    assert "answer: 3, with probability 0.820" in fig.axes[1].get_title()
    with pytest.raises(ValueError, match=r"shape \(10,\)"):
        plots.prediction_figure(_digits(1)[0], p[:9])


def test_confusion_figure_writes_the_counts_of_confusion_matrix():
    labels = np.array([0, 1, 1, 2, 9, 9, 9], dtype=np.uint8)
    predictions = np.array([0, 1, 7, 2, 9, 9, 4])
    fig = plots.confusion_figure(labels, predictions)
    counts = confusion_matrix(labels, predictions)
    written = {
        (int(t.get_position()[1]), int(t.get_position()[0])): int(t.get_text()) for t in fig.axes[0].texts
    }
    assert written == {(i, j): int(counts[i, j]) for i, j in zip(*np.nonzero(counts))}
    assert fig.axes[0].get_title() == "Confusion matrix: 5 of 7 right"
    assert plots.figure_to_png(fig).startswith(PNG_MAGIC)


def test_digit_plot_shows_what_it_is_given_and_redraws_quickly():
    plot = plots.DigitPlot()
    image, p = _digits(1)[0], np.linspace(0.0, 1.0, 10) / np.linspace(0.0, 1.0, 10).sum()
    show_keeps_no_results(plot, plot.show, image, p, 9)
    np.testing.assert_array_equal(plot._image.get_array(), image.reshape(28, 28))
    assert [bar.get_height() for bar in plot._bars] == list(p)
    assert plot._title.get_text() == f"the network's answer: 9, with probability {p[9]:.3f}"
    assert_quick_png_is_full(plot)
