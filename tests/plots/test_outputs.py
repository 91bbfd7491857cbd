"""Figures of notebook 03 (nbhelpers/plots/outputs.py): scores and softmax probabilities."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import PNG_MAGIC, assert_quick_png_is_full, show_keeps_no_results

from nbhelpers import plots
from nbhelpers.outputs import softmax


def test_softmax_plot_bars_are_what_it_is_given():
    plot = plots.SoftmaxPlot()
    expected = softmax(np.array([1.0, -2.0, 0.5]) / 2.0)
    show_keeps_no_results(plot, plot.show, [1.0, -2.0, 0.5], 2.0, expected)
    assert [bar.get_height() for bar in plot._prob_bars] == list(expected)
    assert [bar.get_height() for bar in plot._score_bars] == [1.0, -2.0, 0.5]
    assert [t.get_text() for t in plot._score_texts] == ["1.00", "−2.00", "0.50"]
    assert plot._title.get_text() == "softmax(a / T) with T = 2.00"
    with pytest.raises(ValueError, match="3 scores and 3 probabilities"):
        plot.show([1.0, 2.0], 1.0, [0.5, 0.5])


def test_softmax_plot_writes_tiny_probabilities_in_powers_of_ten():
    plot = plots.SoftmaxPlot()
    a = np.array([-5.0, 0.0, 5.0])
    plot.show(a, 0.1, softmax(a / 0.1))  # e^-100 = 3.7e-44, e^-50 = 1.9e-22
    assert [t.get_text() for t in plot._prob_texts] == ["3.7e−44", "1.9e−22", "1.000"]


def test_softmax_plot_quick_png_is_the_full_figure():
    plot = plots.SoftmaxPlot()
    a = np.array([-4.5, 1.0, 4.5])
    plot.show(a, 0.5, softmax(a / 0.5))
    assert_quick_png_is_full(plot)


def test_softmax_figure():
    fig = plots.softmax_figure([0.3, -2.9, 4.0], temperatures=[0.5, 1.0, 4.0])
    assert len(fig.axes) == 4
    heights = [bar.get_height() for bar in fig.axes[2].patches]
    np.testing.assert_allclose(heights, softmax([0.3, -2.9, 4.0]), rtol=1e-15)
    assert [t.get_text() for t in fig.axes[0].texts] == ["0.3", "−2.9", "4"]
    assert plots.figure_to_png(fig).startswith(PNG_MAGIC)
    with pytest.raises(ValueError, match="positive"):
        plots.softmax_figure([1.0, 2.0], temperatures=[0.0])
