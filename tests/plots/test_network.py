"""Figures of notebook 04 (nbhelpers/plots/network.py): the network diagram and the output plane."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import PNG_MAGIC, assert_quick_png_is_full, show_keeps_no_results

from nbhelpers import forward, init_network, plots
from nbhelpers.network import plane_outputs


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
