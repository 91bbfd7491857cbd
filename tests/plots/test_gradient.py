"""Figures of notebook 06 (nbhelpers/plots/gradient.py): tangent lines, the error "V" of the difference
quotient, the field of arrows −∇f, and the live plot behind the gradient-descent widget."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import PNG_MAGIC, assert_quick_png_is_full, no_warnings, show_keeps_no_results

from nbhelpers import plots
from nbhelpers.gradient import (
    best_step,
    difference_errors,
    gradient_descent,
    numerical_diff,
    numerical_gradient,
)


def function_1(x):
    return 0.01 * x**2 + 0.1 * x


def function_2(x):
    return x[0] ** 2 + x[1] ** 2


def test_tangent_figure_lines_have_the_slopes_given():
    pyplot = pytest.importorskip("matplotlib.pyplot")
    xs = np.arange(0.0, 20.0, 0.1)
    slopes = [numerical_diff(function_1, 5.0), numerical_diff(function_1, 10.0)]
    fig = plots.tangent_figure(function_1, xs, [5.0, 10.0], slopes, label="f(x) = 0.01x² + 0.1x")
    (ax,) = fig.axes
    curve, tangent_5, tangent_10 = [line for line in ax.get_lines() if not line.get_label().startswith("_")]
    np.testing.assert_array_equal(curve.get_ydata(), function_1(xs))
    for line, p, slope in ((tangent_5, 5.0, 0.2), (tangent_10, 10.0, 0.3)):
        x, y = line.get_data()
        assert np.polyfit(x, y, 1)[0] == pytest.approx(slope, abs=1e-9)  # the book's 0.1999999999990898
        assert np.interp(p, x, y) == pytest.approx(function_1(p))  # it touches the curve at p
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == [
        "f(x) = 0.01x² + 0.1x",
        "tangent at x = 5: slope 0.2000",
        "tangent at x = 10: slope 0.3000",
    ]
    assert plots.figure_to_png(fig).startswith(PNG_MAGIC)
    assert pyplot.get_fignums() == [], "figure builders must not create pyplot figures"
    with pytest.raises(ValueError, match="points and slopes"):
        plots.tangent_figure(function_1, xs, [5.0], [0.2, 0.3])


def _errors(hs):
    cases = [(m, d) for m in ("forward", "central") for d in ("float64", "float32")]
    errors = {c: difference_errors(np.exp, np.exp, 1.0, hs, method=c[0], dtype=c[1]) for c in cases}
    return errors, {c: best_step(*c) for c in cases}


def test_step_error_figure_bottoms_of_the_v_sit_near_the_marked_best_h():
    hs = np.logspace(-13, 0, 131)
    errors, best = _errors(hs)
    fig = plots.step_error_figure(hs, errors, best, marked_h=1e-4)
    (ax,) = fig.axes
    assert ax.get_xscale() == ax.get_yscale() == "log"
    by_label = {line.get_label(): line for line in ax.get_lines()}
    for (method, dtype), h in best.items():
        (label,) = [name for name in by_label if name.startswith(f"{method} difference, {dtype}")]
        x, y = by_label[label].get_data()
        np.testing.assert_array_equal(y, errors[method, dtype])
        # measured: the bottom lies within 0.5 decades of the textbook h for all four (exp at x = 1)
        assert abs(np.log10(x[np.nanargmin(y)] / h)) < 1.0, (method, dtype)
        markers = [line for line in ax.get_lines() if line.get_marker() == "D" and len(line.get_xdata())]
        assert any(line.get_xdata()[0] == h for line in markers), f"no marker at the best h of {label}"
    (book,) = [line for line in ax.get_lines() if line.get_linestyle() == ":"]
    assert list(book.get_xdata()) == [1e-4, 1e-4] and "book" in book.get_label()
    texts = " ".join(t.get_text() for t in ax.texts)
    assert "truncation error falls" in texts and "rounding error rises" in texts
    # an exact zero (a quadratic's central difference) leaves a gap, without a warning
    with no_warnings():
        zero = {("central", "float64"): np.zeros_like(hs), **errors}
        assert plots.figure_to_png(plots.step_error_figure(hs, zero)).startswith(PNG_MAGIC)
    with pytest.raises(ValueError, match="positive"):
        plots.step_error_figure([1e-4, 0.0], {})


def test_gradient_field_arrows_point_downhill():
    x0 = np.arange(-2.0, 2.5, 0.25)
    X, Y = np.meshgrid(x0, x0)  # noqa: N806
    grad = np.array([numerical_gradient(function_2, np.array(p)) for p in zip(X.ravel(), Y.ravel())])
    U, V = -grad[:, 0].reshape(X.shape), -grad[:, 1].reshape(X.shape)  # noqa: N806
    fine = np.meshgrid(np.linspace(-2.2, 2.7, 51), np.linspace(-2.2, 2.7, 51))
    fig = plots.gradient_field_figure(X, Y, U, V, contours=(*fine, fine[0] ** 2 + fine[1] ** 2))
    (ax,) = fig.axes
    (quiver,) = [c for c in ax.collections if type(c).__name__ == "Quiver"]
    u, v = np.asarray(quiver.U).ravel(), np.asarray(quiver.V).ravel()
    at = np.asarray(quiver.XY)
    slope_along = u * 2 * at[:, 0] + v * 2 * at[:, 1]  # the arrow · ∇f: < 0 is downhill
    away = np.hypot(at[:, 0], at[:, 1]) > 1e-9
    assert np.all(slope_along[away] < 0) and np.allclose(slope_along[~away], 0)
    towards = u * -at[:, 0] + v * -at[:, 1]  # the arrow · (the way to the minimum (0, 0))
    assert np.all(towards[away] > 0)
    assert len(ax.collections) >= 2, "the contour lines are missing"
    assert "downhill" in ax.get_title()
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("$x_0$", "$x_1$")  # notebook 06's names, the default
    (ax,) = plots.gradient_field_figure(X, Y, U, V, labels=("x", "y")).axes  # notebook 09's
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("x", "y")
    with pytest.raises(ValueError, match="one shape"):
        plots.gradient_field_figure(X, Y, U, V[:-1])


def _surface(a0=1.0, a1=1.0):
    grid = np.linspace(-5.0, 5.0, 101)
    X, Y = np.meshgrid(grid, grid)  # noqa: N806
    return X, Y, a0 * X**2 + a1 * Y**2


def _run(lr, steps, start=(-3.0, 4.0)):
    _, history = gradient_descent(function_2, np.array(start), lr=lr, step_num=steps)
    return history, function_2(history.T)


def test_descent_plot_draws_the_path_where_the_data_says():
    plot = plots.DescentPlot(_surface(), "round bowl")
    history, losses = _run(0.1, 20)
    show_keeps_no_results(plot, plot.show, history, losses, "η = 0.1")
    np.testing.assert_array_equal(plot._dots.get_xydata(), history)
    line = plot._line.get_xydata()
    drawn = line[~np.isnan(line[:, 0])]
    np.testing.assert_allclose(drawn[0::2], history[:-1], atol=1e-12)  # each segment: one step
    np.testing.assert_allclose(drawn[1::2], history[1:], atol=1e-12)
    assert plot._start.get_xydata().tolist() == [[-3.0, 4.0]]
    np.testing.assert_array_equal(plot._end.get_xydata(), history[-1:])
    np.testing.assert_array_equal(plot._losses.get_ydata(), losses)
    assert plot._title.get_text() == "η = 0.1" and plot._note.get_text() == ""
    assert_quick_png_is_full(plot)


def test_descent_plot_surface_and_steps_change_the_picture():
    plot = plots.DescentPlot(_surface(), "round bowl")
    plot.show(*_run(0.1, 20), "a")
    before = plot.png()
    show_keeps_no_results(plot, plot.show_surface, _surface(0.05), "long bowl")
    assert plot.png() != before and "long bowl" in plot._surface_title.get_text()
    plot.show(*_run(0.1, 100), "b")  # the step axis grows to 100 ...
    assert plot._loss_ax.get_xlim()[1] == 100.5
    plot.show(*_run(0.1, 7), "c")  # ... and shrinks to 10
    assert plot._loss_ax.get_xlim()[1] == 10.5
    assert_quick_png_is_full(plot)


def test_descent_plot_draws_a_diverged_path_without_warning():
    plot = plots.DescentPlot(_surface(), "round bowl")
    path = np.array([[-3.0, 4.0], [57.0, -76.0], [-1e300, 1e300], [np.inf, -np.inf], [np.nan, np.nan]])
    with no_warnings():
        losses = np.array([25.0, 9025.0, np.inf, np.inf, np.nan])
        plot.show(path, losses, "η = 10")
        png = plot.png()
    assert png.startswith(PNG_MAGIC)
    assert plot._title.get_text() == "η = 10, diverged at step 2"  # the first row that is not finite
    line = plot._line.get_xydata()
    drawn = line[~np.isnan(line[:, 0])]
    assert np.all(np.abs(drawn) <= 5.2), "the path must be cut at the edge of the view"
    # the first step is on the line through (-3, 4) and (57, -76): x1 = 4 - 4/3 (x0 + 3)
    np.testing.assert_allclose(drawn[:2, 1], 4 - 4 / 3 * (drawn[:2, 0] + 3))
    assert plot._end.get_xydata().size == 0  # the last finite point is out of view
    assert plot._losses.get_ydata()[2:].tolist() == [1e30] * 3  # drawn at the top edge
    assert plot._note.get_text() == "3 above 1e30: drawn at the edge"
    # a step between two far points that crosses the view is drawn where it crosses it (to within
    # rounding: about 1e-16 of the points' size)
    with no_warnings():
        plot.show(np.array([[-1e12, -2e12], [1e12, 2e12]]), np.array([5e24, 5e24]), "far")
    np.testing.assert_allclose(plot._line.get_xydata()[:2], [[-2.6, -5.2], [2.6, 5.2]], atol=1e-3)
    assert plot._dots.get_xydata().size == 0
    assert_quick_png_is_full(plot)


def test_descent_plot_rejects_mismatched_data():
    plot = plots.DescentPlot(_surface(), "round bowl")
    with pytest.raises(ValueError, match=r"path must have shape \(n, 2\)"):
        plot.show(np.zeros((3, 2)), np.zeros(4), "bad")
