"""Figures of notebook 01 (nbhelpers/plots/perceptron.py): the gates as half-planes, the diagrams, the
XOR band and the regions that layers of perceptrons carve, and the live plot behind the perceptron widget."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import FAST, PNG_MAGIC, assert_quick_png_is_full, show_keeps_no_results
from hypothesis import given
from hypothesis import strategies as st

from nbhelpers import plots
from nbhelpers.perceptron import INPUTS, TABLE_NAMES, truth_table
from nbhelpers.plots._geometry import half_planes

X1, X2 = [0, 1, 0, 1], [0, 0, 1, 1]
weights = st.floats(-10, 10, allow_nan=False, allow_infinity=False)


def _polygon_area(points) -> float:
    if len(points) < 3:
        return 0.0
    x, y = np.asarray(points, dtype=float).T
    return 0.5 * abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))))


@FAST
@given(weights, weights, weights)
def test_half_planes_split_the_square(w1, w2, b):
    ones, zeros, line = half_planes(w1, w2, b, plots.GATE_BOX)
    lo, hi = plots.GATE_BOX
    assert _polygon_area(ones) + _polygon_area(zeros) == pytest.approx((hi - lo) ** 2)
    scale = abs(b) + 2 * (abs(w1) + abs(w2)) + 1e-300
    for part, sign in ((ones, 1), (zeros, -1)):
        for p in part:
            assert lo - 1e-9 <= p[0] <= hi + 1e-9 and lo - 1e-9 <= p[1] <= hi + 1e-9
            assert sign * (b + w1 * p[0] + w2 * p[1]) >= -1e-9 * scale  # on its own side (or on the line)
    for p in line:
        assert abs(b + w1 * p[0] + w2 * p[1]) <= 1e-9 * scale
    if w1 == w2 == 0:
        assert line == []


def test_gate_figures():
    pyplot = pytest.importorskip("matplotlib.pyplot")
    fig = plots.gates_figure(["AND", "NAND", "OR", "XOR"])
    assert len(fig.axes) == 4
    assert [ax.get_title().splitlines()[0] for ax in fig.axes] == ["AND", "NAND", "OR", "XOR: which line?"]
    # the markers of y = 1 in the AND panel: only (1, 1)
    ones = [line for line in fig.axes[0].lines if line.get_label() == plots.GATE_STYLE[1]["label"]]
    assert [list(map(float, p)) for p in ones[0].get_xydata()] == [[1.0, 1.0]]
    nor = plots.gate_figure(-0.5, -0.5, 0.2)
    assert nor.axes[0].get_title().startswith("NOR:")
    for fig in (
        nor,
        plots.perceptron_diagram(),
        plots.perceptron_diagram(bias=False),
        plots.xor_network_figure(),
        plots.xor_region_figure(n=51),
        plots.curved_region_figure(n=51),
    ):
        assert plots.figure_to_png(fig).startswith(PNG_MAGIC)
    assert pyplot.get_fignums() == [], "figure builders must not create pyplot figures"
    with pytest.raises(ValueError, match="names must be"):
        plots.gates_figure(["AND", "NOR"])
    with pytest.raises(ValueError, match="counts must be"):
        plots.curved_region_figure(counts=[2])
    with pytest.raises(TypeError, match="w1 must be a real number"):
        plots.gate_figure("0.5", 0.5, -0.7)


def test_xor_region_is_the_band_between_the_lines():
    n = 81
    fig = plots.xor_region_figure(n=n)
    (image,) = fig.axes[0].images
    y = np.asarray(image.get_array())
    ticks = np.linspace(*plots.GATE_BOX, n)
    g1, g2 = np.meshgrid(ticks, ticks)
    s = g1 + g2
    band = (s > 0.4) & (s < 1.4)
    clear = (np.abs(s - 0.4) > 1e-9) & (np.abs(s - 1.4) > 1e-9)  # off the two lines
    np.testing.assert_array_equal(y[clear], band[clear])
    # at the four inputs, the picture is XOR's truth table
    at = {
        (round(float(a), 6), round(float(b), 6)): int(v) for a, b, v in zip(g1.ravel(), g2.ravel(), y.ravel())
    }
    assert [at[x1, x2] for x1, x2 in zip(X1, X2)] == [0, 1, 1, 0]


def test_curved_region_is_inside_its_polygon():
    n = 61
    fig = plots.curved_region_figure(counts=(4, 32), n=n)
    ticks = np.linspace(*plots.GATE_BOX, n)
    g1, g2 = np.meshgrid(ticks, ticks)
    square = np.asarray(fig.axes[0].images[0].get_array())
    inside = (np.abs(g1 - 0.5) < 0.75 - 1e-9) & (np.abs(g2 - 0.5) < 0.75 - 1e-9)
    outside = (np.abs(g1 - 0.5) > 0.75 + 1e-9) | (np.abs(g2 - 0.5) > 0.75 + 1e-9)
    assert square[inside].all() and not square[outside].any()
    disc = np.asarray(fig.axes[1].images[0].get_array())
    r = np.hypot(g1 - 0.5, g2 - 0.5)
    assert disc[r < 0.75].all()  # the polygon holds the circle ...
    assert not disc[r > 0.75 / np.cos(np.pi / 32) + 1e-9].any()  # ... and lies within its corners


def _show(plot, w1, w2, b):
    outputs = truth_table(w1, w2, b)
    show_keeps_no_results(plot, plot.show, w1, w2, b, outputs, TABLE_NAMES[tuple(outputs.tolist())])


def test_gate_plot_draws_what_it_is_given():
    plot = plots.GatePlot()
    _show(plot, -0.5, -0.5, 0.7)  # NAND
    ones = plot._points[1].get_xydata().tolist()
    assert ones == INPUTS[:3].tolist() and plot._points[0].get_xydata().tolist() == [[1, 1]]
    (x1s, x2s) = plot._line.get_data()
    assert np.allclose(np.add(x1s, x2s), 1.4)  # the line x1 + x2 = 1.4
    assert plot._title.get_text() == "w1 = −0.50, w2 = −0.50, b = 0.70\ncomputes: NAND"
    _show(plot, 0.0, 0.0, -0.3)
    assert not plot._line.get_visible() and not plot._shades[1].get_visible()
    assert plot._points[1].get_xydata().size == 0 and plot._title.get_text().endswith("always 0")


def test_gate_plot_quick_png_is_the_full_figure():
    plot = plots.GatePlot()
    _show(plot, 0.8, -0.35, -0.2)
    assert_quick_png_is_full(plot)
