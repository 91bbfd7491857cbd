"""Figures of notebook 04 (nbhelpers/plots/network.py): the network diagram and the output plane."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import PNG_MAGIC, assert_quick_png_is_full, no_warnings, pixels, show_keeps_no_results
from matplotlib.colors import to_rgba

from nbhelpers import forward, init_network, plots
from nbhelpers.network import layer_activations, plane_outputs


def _plot(hidden="sigmoid", output="identity"):
    net = init_network()
    plane = plane_outputs(net, (-3.0, 3.0), hidden=hidden, output=output)[:, :, 0]
    return plots.NetworkPlot(net, plane, hidden, output)


def test_network_plot_nodes_show_the_values_it_is_given():
    plot = _plot()
    y, values = forward(init_network(), [1.0, 0.5], return_intermediates=True)
    show_keeps_no_results(plot, plot.show_input, [1.0, 0.5], values)
    diagram = plot._diagram
    shown = [t.get_text() for t in diagram.values]
    expected = [*values["X"], *values["Z1"], *values["Z2"], *values["Y"]]
    assert shown == [f"{v:.3f}" for v in expected]
    assert [t.get_text() for t in diagram.sums][0] == "a = 0.300"
    for circle, v in zip(diagram.circles, expected):
        assert circle.get_facecolor() == pytest.approx(diagram.mappable.to_rgba(v))
    assert plot._marker.get_data() == ([1.0], [0.5])


def test_network_plot_plane_follows_what_it_is_given():
    plot = _plot()
    net = init_network()
    plane = plane_outputs(net, (-3.0, 3.0), hidden="relu", output="softmax")[:, :, 0]
    show_keeps_no_results(plot, plot.show_plane, plane, "relu", "softmax")
    np.testing.assert_array_equal(np.asarray(plot._image.get_array()), plane)
    assert "ReLU" in plot._plane_title.get_text() and "softmax" in plot._plane_title.get_text()
    assert [t.get_text() for t in plot._diagram.titles][1:] == [
        "layer 1\nh = ReLU",
        "layer 2\nh = ReLU",
        "output (layer 3)\nσ = softmax",
    ]
    # With step hidden layers this network's output is the same for every input (all weights > 0):
    flat = plane_outputs(net, (-3.0, 3.0), hidden="step")[:, :, 0]
    assert np.ptp(flat) == 0
    plot.show_plane(flat, "step", "identity")
    low, high = plot._image.get_clim()
    assert low < flat[0, 0] < high


def test_network_plot_quick_png_is_the_full_figure():
    plot = _plot("relu", "softmax")
    _, values = forward(init_network(), [-2.5, 1.5], "relu", "softmax", return_intermediates=True)
    plot.show_input([-2.5, 1.5], values)
    assert_quick_png_is_full(plot)


def test_network_figures():
    fig = plots.network_figure(init_network(), [1.0, 0.5], hidden="relu", output="softmax")
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "layer 1\nh = ReLU" in texts and "output (layer 3)\nσ = softmax" in texts
    assert plots.figure_to_png(fig).startswith(PNG_MAGIC)
    with pytest.raises(ValueError, match="x must be one input of shape \\(2,\\)"):
        plots.network_figure(init_network(), [[1.0, 0.5]])
    big = {"W1": np.ones((784, 50)), "b1": np.ones(50)}
    with pytest.raises(ValueError, match="too many to draw"):
        plots.network_figure(big, np.ones(784))
    fig = plots.network_plane_figure(init_network(), output_index=1, mark=(1.0, 0.5))
    assert plots.figure_to_png(fig).startswith(PNG_MAGIC)


def test_activation_labels_come_from_the_core_tables():
    assert plots.activation_label("relu") == "h = ReLU"
    assert plots.activation_label("leaky_relu") == "h = leaky ReLU"
    assert plots.activation_label("softmax", "output") == "σ = softmax"
    assert plots.activation_label(np.tanh) == "tanh"


# ---- Notebook 09: the outputs of each layer for different initial weights ----


def _stairs(ax):
    (bars,) = [p for p in ax.patches if type(p).__name__ == "StepPatch"]
    return bars


def test_activation_histograms_figure_bars_are_each_layers_histogram():
    z = layer_activations("sigmoid", 1.0, layers=3, nodes=20, n=200)
    fig = plots.activation_histograms_figure(z, "sigmoid")
    assert [ax.get_title() for ax in fig.axes] == ["layer 1", "layer 2", "layer 3"]
    assert fig.get_suptitle() == "The outputs of each layer (h = sigmoid)"
    for ax, values in zip(fig.axes, z):
        bars = _stairs(ax)
        counts, edges = np.histogram(values, bins=30, range=(0.0, 1.0))  # the book's 30 bins on (0, 1)
        np.testing.assert_allclose(bars.get_data().values, 100 * counts / values.size)
        np.testing.assert_allclose(bars.get_data().edges, edges)
        assert ax.get_xlim() == (0.0, 1.0)
    relu = layer_activations("relu", "he", layers=2, nodes=20, n=200)
    fig = plots.activation_histograms_figure(relu, "relu", title="He")
    for ax, values in zip(fig.axes, relu):
        zeros, above = np.mean(values == 0), np.mean(values > 1)
        assert ax.texts[0].get_text() == f"{100 * zeros:.0f}% are 0 (not drawn)\n{100 * above:.1f}% above 1"
        drawn = 100 * np.mean((values > 0) & (values <= 1))
        assert _stairs(ax).get_data().values.sum() == pytest.approx(drawn)  # the zeros are left out
    assert fig.get_suptitle() == "He"
    tanh = plots.activation_histograms_figure(layer_activations("tanh", "xavier", layers=7), "tanh")
    assert [ax.get_xlim() for ax in tanh.axes if ax.get_visible()] == [(-1.0, 1.0)] * 7
    assert len(tanh.axes) == 10 and tanh.axes[0].get_ylim()[1] > 0  # two rows of five, three empty
    assert plots.figure_to_png(tanh).startswith(PNG_MAGIC)
    with pytest.raises(ValueError, match="activation must be one of"):
        plots.activation_histograms_figure(z, "step")
    with pytest.raises(ValueError, match="non-empty arrays"):
        plots.activation_histograms_figure([], "relu")


def test_histograms_plot_shows_the_layers_it_is_given():
    plot = plots.HistogramsPlot()
    ten = layer_activations("relu", 0.01, layers=10, nodes=20, n=100)
    show_keeps_no_results(plot, plot.show, ten, "relu", "ReLU, std 0.01")
    assert all(ax.get_visible() for ax in plot._panels.axes)
    np.testing.assert_allclose(
        _stairs(plot._panels.axes[9]).get_data().values.sum(), 100 * np.mean((ten[9] > 0) & (ten[9] <= 1))
    )
    assert _stairs(plot._panels.axes[0]).get_facecolor() == pytest.approx(
        to_rgba(plots.STYLE["relu"]["color"])
    )
    assert_quick_png_is_full(plot)
    tall = pixels(plot.png()).shape
    with no_warnings():
        plot.show(ten[:3], "sigmoid", "three layers")
        short = pixels(plot.png()).shape
    assert [ax.get_visible() for ax in plot._panels.axes] == [True] * 3 + [False] * 7
    assert short[1] == tall[1] and short[0] < 0.6 * tall[0], "five layers or fewer: one row of panels"
    assert plot._title.get_text() == "three layers"
    with pytest.raises(ValueError, match="at most 10 layers"):
        plot.show(ten + ten[:1], "relu", "eleven")
