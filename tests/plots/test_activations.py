"""Figures of notebook 02 (nbhelpers/plots/activations.py): the curves, and the live plots behind the
activation and neuron widgets."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_quick_png_is_full, show_keeps_no_results

import nbhelpers
from nbhelpers import plots
from nbhelpers.activations import evaluate, sigmoid


@pytest.mark.parametrize("derivatives", [True, False])
def test_activations_figure(derivatives):
    pyplot = pytest.importorskip("matplotlib.pyplot")
    names = list(nbhelpers.ACTIVATIONS)
    fig = plots.activations_figure(names, derivatives=derivatives)
    assert len(fig.axes) == (2 if derivatives else 1)
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert labels == [plots.STYLE[n]["label"] for n in names]
    assert labels[2:] == ["ReLU", "tanh", "leaky ReLU (α = 0.1)"]
    assert plots.figure_to_png(fig).startswith(b"\x89PNG")
    assert pyplot.get_fignums() == [], "figure builders must not create pyplot figures"


@pytest.mark.parametrize("names", [[], ["softplus"], ["sigmoid", "nope"]])
def test_activations_figure_rejects_unknown_names(names):
    with pytest.raises(ValueError, match="names must be"):
        plots.activations_figure(names)


def _values(x):
    return {
        n: (float(evaluate(n, x, alpha=plots.LEAKY_ALPHA)), float(evaluate(n, x, True, plots.LEAKY_ALPHA)))
        for n in nbhelpers.ACTIVATIONS
    }


def test_activation_explorer_markers_sit_where_the_values_say():
    plot = plots.ActivationExplorerPlot()
    show_keeps_no_results(plot, plot.show, 1.25, _values(1.25))
    for (name, derivative), marker in plot._markers.items():
        xs, ys = marker.get_data()
        assert xs[0] == 1.25
        assert ys[0] == pytest.approx(float(evaluate(name, 1.25, derivative, plots.LEAKY_ALPHA)))
    assert float(plot._markers["sigmoid", False].get_data()[1][0]) == pytest.approx(float(sigmoid(1.25)))


def test_neuron_plot_curves():
    plot = plots.NeuronPlot()
    show_keeps_no_results(plot, plot.show, 3.0, -1.5)
    xs, ys = plot._sig.get_data()
    np.testing.assert_allclose(ys, sigmoid(3.0 * np.asarray(xs) - 1.5), rtol=1e-15)
    assert plot._boundary.get_xdata()[0] == pytest.approx(0.5)
    assert plot._title.get_text() == "One neuron: w = 3.00, b = −1.50"
    plot.show(0.0, 1.0)
    assert not plot._boundary.get_visible()


def test_live_pngs_are_the_full_figures():
    plot = plots.ActivationExplorerPlot()
    plot.show(-2.0, _values(-2.0))
    assert_quick_png_is_full(plot)
    plot = plots.NeuronPlot()
    plot.show(-4.0, 1.0)
    assert_quick_png_is_full(plot)
