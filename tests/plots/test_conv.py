"""Figures of notebook 11 (nbhelpers/plots/conv.py): a filter sliding over a grid of numbers (the book's figures
7-4 to 7-7), a filter on a digit, im2col's windows becoming rows (figures 7-17 to 7-19) and max pooling (figure
7-14). Each figure is checked for what it says: the numbers under the window are the window's, the highlighted
cell is the current one and holds its value, im2col's matrix has one row per window, each maximum is circled
where it is. Made-up images: no MNIST download needed."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import PNG_MAGIC, assert_quick_png_is_full, no_warnings, show_keeps_no_results
from matplotlib.colors import to_rgba
from matplotlib.patches import Circle, Rectangle

from nbhelpers import KERNELS, conv2d, im2col, plots
from nbhelpers.plots._number_grid import Numbers

BOOK_X = np.array([[1, 2, 3, 0], [0, 1, 2, 3], [3, 0, 1, 2], [2, 3, 0, 1]], dtype=float)  # figure 7-7
BOOK_K = np.array([[2, 0, 1], [0, 1, 2], [1, 0, 2]], dtype=float)
RNG = np.random.default_rng(0)


def grid(fig, gid) -> Numbers:
    (numbers,) = [c for c in fig.axes[0].collections if isinstance(c, Numbers) and c.get_gid() == gid]
    return numbers


def inside(numbers: Numbers, rect: Rectangle) -> list:
    """The labels of ``numbers`` whose centres lie inside ``rect``, in row order."""
    x0, y0, x1, y1 = rect.get_bbox().extents
    (cx, cy) = numbers.centres.T
    return [t for t, a, b in zip(numbers.labels, cx, cy) if x0 < a < x1 and y0 < b < y1]


def texts(fig, gid) -> list:
    return [t for t in fig.axes[0].texts if t.get_gid() == gid]


def test_sliding_window_figure_outlines_the_window_of_the_current_cell_and_writes_its_sum():
    fig = plots.sliding_window_figure(BOOK_X, BOOK_K, position=1)
    assert grid(fig, "input").labels == [f"{v:.0f}" for v in BOOK_X.flat]
    assert grid(fig, "kernel").labels == [f"{v:.0f}" for v in BOOK_K.flat]
    output = grid(fig, "output")
    assert output.labels == ["15", "16", "6", "15"]  # the book's figure 7-7, from the core's conv2d
    window, cover, cell = fig.axes[0].patches[0], fig.axes[0].collections[0], fig.axes[0].patches[1]
    assert inside(grid(fig, "input"), window) == [f"{v:.0f}" for v in BOOK_X[0:3, 1:4].flat]
    assert inside(output, cell) == ["16"], "the highlighted cell is cell (0, 1)"
    (current,) = texts(fig, "current")
    assert current.get_text() == "16" and current.get_fontweight() == "bold"
    assert np.allclose(current.get_position(), output.centres[1])
    hidden = [face[3] == 1 for face in cover.get_facecolor()]
    assert hidden == [False, True, True, True], (
        "cell 0 shown, the current one covered (and highlighted), the rest"
    )
    (line,) = texts(fig, "sum")
    assert line.get_text() == "cell (0, 1):  2·2 + 3·0 + 0·1 + 1·0 + 2·1 + 3·2 + 0·1 + 1·0 + 2·2 = 16"
    assert fig.get_figwidth() == 7.6 and plots.figure_to_png(fig).startswith(PNG_MAGIC)


def test_sliding_window_figure_shades_the_padding_and_moves_by_the_stride():
    fig = plots.sliding_window_figure(BOOK_X, BOOK_K, stride=1, pad=1, position=5)  # figure 7-6: pad 1
    padded = np.pad(BOOK_X, 1)
    numbers = grid(fig, "input")
    assert numbers.labels == [f"{v:.0f}" for v in padded.flat]
    edge = np.pad(np.zeros((4, 4), dtype=bool), 1, constant_values=True).ravel()
    colors = np.array([to_rgba(c) for c in numbers.get_facecolor()])
    assert (colors[edge, 0] > 0.3).all() and (colors[~edge, 0] == 0).all(), "the padding's zeros in grey"
    assert grid(fig, "output").labels == [f"{v:.0f}" for v in conv2d(BOOK_X, BOOK_K, pad=1).flat]
    assert inside(numbers, fig.axes[0].patches[0]) == [
        f"{v:.0f}" for v in padded[1:4, 1:4].flat
    ]  # cell (1, 1)
    assert texts(fig, "sum")[0].get_text().startswith("cell (1, 1):  1·2 + 2·0 + 3·1")
    x = np.arange(49.0).reshape(7, 7) % 4
    fig = plots.sliding_window_figure(x, BOOK_K, stride=2, position=8)  # 3 × 3 output, the last cell
    assert inside(grid(fig, "input"), fig.axes[0].patches[0]) == [f"{v:.0f}" for v in x[4:7, 4:7].flat]
    assert texts(fig, "sum")[0].get_text().startswith("cell (2, 2):")


def test_sliding_window_figure_draws_the_largest_and_smallest_grids_and_refuses_what_does_not_fit():
    with no_warnings():
        for x, k, pad in ((RNG.integers(0, 4, (9, 9)), RNG.integers(0, 3, (5, 5)), 3),
                          (RNG.integers(0, 4, (9, 9)), [[2]], 3), ([[1, 2, 3]] * 3, [[-1.5, 2.25]] * 3, 0)):  # fmt: skip
            out = conv2d(x, k, pad=pad)
            fig = plots.sliding_window_figure(x, k, pad=pad, position=out.size - 1)
            assert plots.figure_to_png(fig).startswith(PNG_MAGIC)
            assert grid(fig, "output").labels[-1] == texts(fig, "current")[0].get_text()
    assert grid(fig, "kernel").labels == ["−1.50", "2.25"] * 3
    assert (
        texts(fig, "sum")[0].get_text()
        == "cell (0, 1):  " + " + ".join(["2·(−1.50) + 3·2.25"] * 3) + " = 11.25"
    )
    lines = plots.sliding_window_figure(RNG.integers(0, 4, (9, 9)), np.ones((5, 5)), pad=2)
    assert texts(lines, "sum")[0].get_text().count("\n") == 2, "25 products: 10 a line"
    with pytest.raises(ValueError, match=r"do not fit evenly: .* \(4 \+ 2·0 − 3\) / 2 = 1 / 2"):
        plots.sliding_window_figure(BOOK_X, BOOK_K, stride=2)
    with pytest.raises(
        ValueError, match=r"position must be 0 \.\.\. 3 \(the output has 2 × 2 cells\), got 4"
    ):
        plots.sliding_window_figure(BOOK_X, BOOK_K, position=4)


def test_sliding_window_plot_redraws_quickly_and_shows_when_there_is_no_output():
    plot = plots.SlidingWindowPlot()
    out = conv2d(BOOK_X, BOOK_K)
    plot.show(BOOK_X, BOOK_K, out)
    first = plot.png()
    show_keeps_no_results(
        plot, plot.show, BOOK_X, BOOK_K, out, 1, 0, 3
    )  # (same grids: only the window moves)
    assert plot.png() != first and plot._value.get_text() == "15"
    assert_quick_png_is_full(plot)  # (it leaves the plot drawing everything in full: a new plot below)
    plot = plots.SlidingWindowPlot()
    x = np.arange(64.0).reshape(8, 8) % 4
    plot.show(x, BOOK_K, None, stride=2)  # (8 − 3)/2: the last row and column are never reached
    assert plot._sum.get_text() == (
        "no output: (H + 2P − FH)/S = (8 − 3)/2 = 5/2 is not a whole number (red: cells no window reaches)"
    )
    red = [p for p in plot.figure.axes[0].patches if p.get_gid() == "left over"]
    assert [(p.get_width() / p.get_height()) for p in red] == [8.0, 1 / 8], "the last row, the last column"
    assert not plot._window.get_visible() and plot.png().startswith(PNG_MAGIC)
    plot.show(BOOK_X, np.ones((5, 5)), None)
    assert plot._sum.get_text() == "no output: the filter (5 × 5) is larger than the padded input (4 × 4)"
    plot.show(BOOK_X, BOOK_K, out, position=2)  # and back
    assert plot._window.get_visible() and plot._value.get_text() == "6"
    assert_quick_png_is_full(plot)


def test_filter_figure_shows_the_digit_the_filter_and_the_output_centred_at_zero():
    image = RNG.random((28, 28))
    kernel = KERNELS["edge x"]
    output = conv2d(image, kernel, pad=1)
    fig = plots.filter_figure(image[None], kernel, output, title="edge x (Sobel)")
    assert fig.get_suptitle() == "edge x (Sobel)"
    ax_in, ax_k, ax_out = fig.axes[:3]
    np.testing.assert_array_equal(ax_in.images[0].get_array(), image)
    assert [t.get_text() for t in ax_k.texts] == ["−1", "0", "1", "−2", "0", "2", "−1", "0", "1"]
    assert ax_k.collections[0].get_clim() == (-2.0, 2.0)
    top = np.max(np.abs(output))
    np.testing.assert_array_equal(ax_out.images[0].get_array(), output)
    assert ax_out.images[0].get_clim() == (-top, top), "a diverging scale centred at 0"
    assert [t.get_text() for t in fig.axes[3].texts] == [f"{top:.3g}", "0", f"−{top:.3g}"]
    assert ax_out.get_title() == "output 28 × 28" and plots.figure_to_png(fig).startswith(PNG_MAGIC)
    with no_warnings():  # a filter of zeros (output 0), one of 1e200 (output inf), a 5 × 5 one
        for k in (np.zeros((3, 3)), np.full((3, 3), 1e200), np.ones((5, 5)) / 25):
            with np.errstate(over="ignore"):
                out = conv2d(image, k, pad=k.shape[0] // 2)
            assert plots.figure_to_png(plots.filter_figure(image, k, out)).startswith(PNG_MAGIC)
    with pytest.raises(ValueError, match=r"kernel must be a 2-D grid \(H, W\), got shape \(9,\)"):
        plots.filter_figure(image, np.ones(9), output)


def test_filter_plot_redraws_another_filter_quickly():
    plot = plots.FilterPlot()
    image = RNG.random((28, 28))
    plot.show(image, KERNELS["blur"], conv2d(image, KERNELS["blur"], pad=1))
    before = plot.png()
    out = conv2d(image, KERNELS["outline"], pad=1)
    show_keeps_no_results(plot, plot.show, image * 255, KERNELS["outline"], out)
    assert plot.png() != before and plot._texts[4].get_text() == "8" and plot._texts[4].get_color() == "white"
    assert plot._input.get_clim() == (0, 255), "pixels 0 ... 255"
    assert_quick_png_is_full(plot)
    assert plot.css_width == "760px"


def test_im2col_figure_makes_one_row_per_window_in_its_colour():
    fig = plots.im2col_figure(BOOK_X, 3, 3)
    col = im2col(BOOK_X[None, None], 3, 3)
    rows = [p for p in fig.axes[0].patches if p.get_gid() == "row"]
    windows = [p for p in fig.axes[0].patches if p.get_gid() == "window"]
    assert len(rows) == len(windows) == len(col) == 4
    assert [r.get_edgecolor() for r in rows] == [w.get_edgecolor() for w in windows], (
        "each row in its window's colour"
    )
    assert grid(fig, "col").labels == [f"{v:.0f}" for v in col.flat]
    for k, window in enumerate(windows):  # the numbers inside window k are row k of the matrix
        assert inside(grid(fig, "input"), window) == grid(fig, "col").labels[9 * k : 9 * k + 9]
    two = np.stack([BOOK_X, BOOK_X + 1])  # two channels, stride 2: 4 rows of 2·2·2
    fig = plots.im2col_figure(two, 2, 2, stride=2)
    assert len([p for p in fig.axes[0].patches if p.get_gid() == "row"]) == 4
    assert grid(fig, "col").labels == [f"{v:.0f}" for v in im2col(two[None], 2, 2, stride=2).flat]
    assert "4 rows of 2·2·2 = 8" in [t.get_text() for t in fig.axes[0].texts][-1]
    padded = plots.im2col_figure(BOOK_X, 3, 3, pad=1)
    assert len([p for p in padded.axes[0].patches if p.get_gid() == "row"]) == 16
    assert padded.get_figwidth() <= 7.6 and plots.figure_to_png(padded).startswith(PNG_MAGIC)
    with pytest.raises(ValueError, match=r"at most 36 windows .* shape \(49, 4\)"):
        plots.im2col_figure(np.ones((8, 8)), 2, 2)
    with pytest.raises(ValueError, match=r"x must be one image .* got shape \(2, 1, 4, 4\)"):
        plots.im2col_figure(np.ones((2, 1, 4, 4)), 2, 2)


def test_pooling_figure_circles_each_maximum_where_it_is():
    x = np.array([[1, 2, 1, 0], [0, 1, 2, 3], [3, 0, 1, 2], [2, 4, 0, 1]], dtype=float)  # figure 7-14
    for stride in (2, 1):
        fig = plots.pooling_figure(x, 2, 2, stride)
        n = 4 // stride - (1 if stride == 1 else 0)
        centres = grid(fig, "input").centres.reshape(4, 4, 2)
        circles = [p for p in fig.axes[0].patches if isinstance(p, Circle)]
        assert len(circles) == n * n
        for k, circle in enumerate(circles):
            i, j = divmod(k, n)
            window = x[i * stride : i * stride + 2, j * stride : j * stride + 2]
            u, v = np.unravel_index(np.argmax(window), (2, 2))  # (the first maximum, in row order)
            assert np.allclose(circle.center, centres[i * stride + u, j * stride + v])
        maxima = [
            f"{x[i : i + 2, j : j + 2].max():.0f}" for i in range(0, 3, stride) for j in range(0, 3, stride)
        ]
        assert grid(fig, "output").labels == maxima
    assert grid(plots.pooling_figure(x, 2, 2, 2), "output").labels == ["2", "3", "4", "2"]
    with no_warnings():
        fig = plots.pooling_figure(-np.arange(42.0).reshape(1, 1, 7, 6), 1, 3, 3)  # negative, 1 × 3 windows
        assert grid(fig, "output").labels == ["0", "−3", "−18", "−21", "−36", "−39"]
    with pytest.raises(ValueError, match="one channel"):
        plots.pooling_figure(np.ones((2, 4, 4)), 2, 2, 2)
