"""Figures of convolution and pooling: a filter sliding over a small grid of numbers (the book's figures 7-4,
7-6, 7-7), a filter applied to a digit, im2col turning each window into a row (figures 7-17 to 7-19) and max
pooling (figure 7-14). The numbers come from the core (``nbhelpers.conv``); these only lay them out (the grids
of numbers are drawn by the private ``_number_grid``)."""

from __future__ import annotations

import numpy as np
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Rectangle

from .._format import MINUS
from ..conv import Pooling, conv2d, conv_output_size, im2col
from ._figure import FONT, LivePlot, new_figure
from ._number_grid import (
    EDGE,
    MAX_CELL,
    PAD_FACE,
    arrow,
    as_grid,
    cell_text,
    cells,
    factor_text,
    fontsize_for,
    grid_title,
    inch_canvas,
    number_grid,
    one_image,
    outlines,
    padded,
    window_colors,
)

__all__ = [
    "WINDOW_COLOR",
    "sliding_window_figure",
    "SlidingWindowPlot",
    "filter_figure",
    "FilterPlot",
    "im2col_figure",
    "pooling_figure",
    # notebook 12's figures (a convolutional network), in the private _convnet.py
    "FEATURE_CMAP",
    "filters_figure",
    "feature_maps_figure",
    "shift_curve_figure",
    "confusion_pair_figure",
    "mistakes_figure",
    "FeatureMapPlot",
    "CnnDigitPlot",
]

#: The colour of the current window, of the filter and of the output cell they make.
WINDOW_COLOR = "#ff7f0e"
_LIGHT = 0.35 * np.array(to_rgba(WINDOW_COLOR)) + 0.65  # the current output cell: light orange, opaque
_RED = "#c00000"  # no output
_CMAP = "RdBu_r"  # filters and their outputs: red above 0, blue below, white at 0
_SIZE = (
    7.6,
    3.9,
)  # inches: the sliding window's picture, the same for every size (the widget's keeps its width)


def _products(window, kernel, value, where) -> str:
    """ "cell (0, 1):  2·2 + 3·0 + … = 16": the sum of products, filter row after row, at most 10 a line."""
    rows_per_line = max(1, 10 // kernel.shape[1])
    rows = [
        " + ".join(f"{factor_text(a)}·{factor_text(b)}" for a, b in zip(*pair))
        for pair in zip(window, kernel)
    ]
    lines = [" + ".join(rows[k : k + rows_per_line]) for k in range(0, len(rows), rows_per_line)]
    return f"cell {where}:  " + " +\n".join(lines) + f" = {cell_text(value)}"


def _left_over(hp: int, wp: int, fh: int, fw: int, stride: int) -> tuple:
    """Why there is no output (for the padded input hp × wp), and how many rows and columns no window reaches."""
    if fh > hp or fw > wp:
        return f"no output: the filter ({fh} × {fw}) is larger than the padded input ({hp} × {wp})", 0, 0
    rows, cols = (hp - fh) % stride, (wp - fw) % stride
    h, f = (hp, fh) if rows else (wp, fw)
    why = f"(H + 2P − FH)/S = ({h} − {f})/{stride} = {h - f}/{stride} is not a whole number"
    return f"no output: {why} (red: cells no window reaches)", rows, cols


class SlidingWindowPlot(LivePlot):
    """The figure behind the sliding-window widget: the (padded) input, the filter and the output with their
    numbers, drawn once for each input, filter, padding and stride; the window on the input, the output cells
    computed so far and the current one's sum of products move (a quick redraw). Its size never changes.

    Book §7.2.2–7.2.5 (figures 7-4, 7-6, 7-7); notebook 11.
    """

    def __init__(self):
        self.figure, self._ax = inch_canvas(*_SIZE)
        ax = self._ax
        self._window = ax.add_patch(
            Rectangle((0, 0), 1, 1, fc=to_rgba(WINDOW_COLOR, 0.18), ec=WINDOW_COLOR, lw=2.5)
        )
        self._cover = ax.add_collection(PolyCollection(np.zeros((0, 4, 2)), linewidths=0.8), autolim=False)
        self._cell = ax.add_patch(Rectangle((0, 0), 1, 1, fc=_LIGHT, ec=WINDOW_COLOR, lw=2.5))
        self._value = ax.text(0, 0, "", ha="center", va="center", fontweight="bold", gid="current")
        self._sum = ax.text(_SIZE[0] / 2, 0, "", ha="center", va="top", fontsize=10, gid="sum")
        for artist in (self._window, self._cover, self._cell, self._value):  # (over the numbers)
            artist.set_zorder(5 if artist is self._value else 4)
        self._drawn, self._static, self._grids = None, [], None
        self._start_live([self._window, self._cover, self._cell, self._value, self._sum])

    def show(self, x, kernel, output, stride: int = 1, pad: int = 0, position: int = 0) -> None:
        """Draw ``x`` (H, W) padded with ``pad`` zeros, ``kernel`` (FH, FW) and ``output`` = conv2d(x, kernel,
        stride, pad) filled up to its cell number ``position`` (row order), the current window and its sum of
        products; ``output`` None: the windows do not fit (no output, the cells no window reaches in red)."""
        x, kernel = as_grid(x, "x"), as_grid(kernel, "kernel")
        output = None if output is None else as_grid(output, "output")
        shape = None if output is None else output.shape
        key = (x.tobytes(), x.shape, kernel.tobytes(), kernel.shape, stride, pad, shape)
        if key != self._drawn:  # (new grids: redraw the fixed parts once; a new position only moves the rest)
            self._layout(x, kernel, output, stride, pad)
            self._drawn = key
        lefts, tops, s, size = self._grids
        for artist in (self._window, self._cover, self._cell, self._value):
            artist.set_visible(output is not None)
        self._sum.set_color("black" if output is not None else _RED)
        if output is None:
            self._sum.set_text(_left_over(*np.add(x.shape, 2 * pad), *kernel.shape, stride)[0])
            return
        (oh, ow), (fh, fw) = output.shape, kernel.shape
        if not 0 <= position < oh * ow:
            raise ValueError(
                f"position must be 0 ... {oh * ow - 1} (the output has {oh} × {ow} cells), got {position}"
            )
        i, j = divmod(int(position), ow)
        self._window.set_bounds(lefts[0] + j * stride * s, tops[0] + i * stride * s, fw * s, fh * s)
        hidden = (np.arange(oh * ow) >= position)[:, None]  # (the current cell: covered, then highlighted)
        self._cover.set_verts(cells(lefts[2], tops[2], (oh, ow), s))
        self._cover.set_facecolor(np.where(hidden, to_rgba("white"), to_rgba("white", 0.0)))
        self._cover.set_edgecolor(np.where(hidden, to_rgba(EDGE), to_rgba(EDGE, 0.0)))
        self._cell.set_bounds(lefts[2] + j * s, tops[2] + i * s, s, s)
        self._value.set_position((lefts[2] + (j + 0.5) * s, tops[2] + (i + 0.5) * s))
        self._value.set_text(cell_text(output[i, j]))
        self._value.set_fontsize(size)
        window = np.pad(x, pad)[i * stride : i * stride + fh, j * stride : j * stride + fw]
        self._sum.set_text(_products(window, kernel, output[i, j], f"({i}, {j})"))

    def _layout(self, x, kernel, output, stride: int, pad: int) -> None:
        """Draw the fixed parts for these grids: the numbers of the input, the filter and the output."""
        ax = self._ax
        for artist in self._static:
            artist.remove()
        known = set(ax.get_children())
        grid, padding = padded(x, pad)
        (hp, wp), (fh, fw) = grid.shape, kernel.shape
        oh, ow = (2, 2) if output is None else output.shape
        lines = -(-fh // max(1, 10 // fw))  # of the sum of products (see _products)
        gap, high, low = 0.62, 0.42, 0.22 + 0.17 * lines  # inches: between the grids, above, below them
        s = min(
            MAX_CELL, (_SIZE[0] - 0.2 - 2 * gap) / (wp + fw + ow), (_SIZE[1] - high - low) / max(hp, fh, oh)
        )
        left = (_SIZE[0] - (wp + fw + ow) * s - 2 * gap) / 2
        lefts = (left, left + wp * s + gap, left + (wp + fw) * s + 2 * gap)
        middle = high + (_SIZE[1] - high - low) / 2
        tops = tuple(middle - rows * s / 2 for rows in (hp, fh, oh))
        values = [*grid.flat, *kernel.flat, *([] if output is None else output.flat)]
        size = fontsize_for(s, [cell_text(v) for v in values])
        faces = np.where(padding.ravel(), PAD_FACE, "white")
        number_grid(ax, lefts[0], tops[0], grid, s, "input", faces, np.where(padding, "0.45", "black"), size)
        name = f"input {x.shape[0]} × {x.shape[1]}" + (f", padding {pad}" if pad else "")
        grid_title(ax, lefts[0], tops[0], wp * s, name)
        number_grid(ax, lefts[1], tops[1], kernel, s, "kernel", size=size)
        ax.add_patch(Rectangle((lefts[1], tops[1]), fw * s, fh * s, fc="none", ec=WINDOW_COLOR, lw=2.5))
        grid_title(ax, lefts[1], tops[1], fw * s, f"filter {fh} × {fw}")
        for k, symbol in enumerate("∗="):
            ax.text(lefts[k + 1] - gap / 2, middle, symbol, ha="center", va="center", fontsize=16)
        if output is None:
            ax.text(lefts[2] + s, middle, "✗", ha="center", va="center", fontsize=40, color=_RED)
            grid_title(ax, lefts[2], tops[2], 2 * s, f"no output, stride {stride}")
            _, rows, cols = _left_over(hp, wp, fh, fw, stride)
            red = {"fc": to_rgba(_RED, 0.2), "ec": _RED, "lw": 1.5, "hatch": "//", "gid": "left over"}
            for y, x0, height, width in ((hp - rows, 0, rows, wp), (0, wp - cols, hp, cols)):
                if height and width:
                    ax.add_patch(
                        Rectangle((lefts[0] + x0 * s, tops[0] + y * s), width * s, height * s, **red)
                    )
        else:
            number_grid(ax, lefts[2], tops[2], output, s, "output", size=size)
            name = f"output {oh} × {ow}" + (f", stride {stride}" if stride > 1 else "")
            grid_title(ax, lefts[2], tops[2], ow * s, name)
        self._sum.set_y(middle + max(hp, fh, oh) * s / 2 + 0.1)  # (below the grids)
        self._static = [artist for artist in ax.get_children() if artist not in known]
        self._grids = (lefts, tops, s, size)
        self._refresh_background()


def _still(plot: LivePlot) -> Figure:
    """A live plot's figure as a plain figure: every part drawn by ``savefig`` (none left out as moving)."""
    for artist in plot._moving:
        artist.set_animated(False)
    return plot.figure


def sliding_window_figure(x, kernel, stride=1, pad=0, position=0) -> Figure:
    """A filter sliding over a small input, as in the book's figures: the input (with its padding, shaded, its
    zeros written), the filter, and the output of ``conv2d(x, kernel, stride, pad)`` filled up to the cell number
    ``position`` (row order), which is highlighted, its window outlined on the input, and its sum of products
    written below ("cell (0, 1):  2·2 + 3·0 + … = 16"). For inputs up to about 9 × 9 and filters up to 5 × 5.

    Book §7.2.2–7.2.5 (figures 7-4, 7-6, 7-7); notebook 11.
    """
    x, kernel = as_grid(x, "x"), as_grid(kernel, "kernel")
    output = conv2d(x, kernel, stride=stride, pad=pad)  # (its errors: sizes that do not fit)
    plot = SlidingWindowPlot()
    plot.show(x, kernel, output, stride, pad, position)
    return _still(plot)


def _short(value: float) -> str:
    return f"{value:.3g}".replace("-", MINUS)


def _top(values) -> float:
    """The largest finite |value| (1 if there is none, or it is 0): the end of a colour scale centred at 0."""
    return float(np.max(np.abs(values[np.isfinite(values)]), initial=0.0)) or 1.0


class FilterPlot(LivePlot):
    """The figure behind the kernel editor: the input digit (grey), the filter (a grid of numbers in diverging
    colours) and the output (blue below 0, red above, white at 0; its colour bar runs from −max|output| to
    +max|output|). :meth:`show` draws another image, filter and output of the shapes given here.

    Book §7.2.2 (a filter on an image); notebook 11.
    """

    def __init__(self, image_shape=(28, 28), kernel_shape=(3, 3), output_shape=(28, 28), title=None):
        from matplotlib.cm import ScalarMappable
        from matplotlib.colors import Normalize

        self.figure = new_figure((7.6, 3.0 if title is None else 3.35))
        axes = self.figure.subplots(1, 3, width_ratios=[1.0, 0.62, 1.25])
        images = []
        for ax, shape, cmap, name in zip(axes, (image_shape, kernel_shape, output_shape),
                                         ("gray_r", _CMAP, _CMAP), ("input", "filter", "output")):  # fmt: skip
            if name == "filter":  # (a mesh: its cells' lines are drawn with its colours, over the background)
                images.append(
                    ax.pcolormesh(np.zeros(shape), cmap=cmap, vmin=-1, vmax=1, edgecolors=EDGE, lw=0.8)
                )
                ax.set_ylim(shape[0], 0)
                ax.set_aspect("equal")
            else:
                images.append(ax.imshow(np.zeros(shape), cmap=cmap, vmin=-1, vmax=1, interpolation="none"))
            ax.set_title(f"{name} {shape[0]} × {shape[1]}", **FONT)
            ax.set_xticks([])
            ax.set_yticks([])
        self._input, self._kernel, self._output = images
        self._texts = [axes[1].text(j + 0.5, i + 0.5, "", ha="center", va="center", gid="kernel")
                       for i in range(kernel_shape[0]) for j in range(kernel_shape[1])]  # fmt: skip
        # The colour bar never changes (from −max to +max): only its end labels do (quicker than its ticks).
        bar = self.figure.colorbar(ScalarMappable(Normalize(-1, 1), _CMAP), ax=axes[2], shrink=0.85, ticks=[])
        self._ends = [bar.ax.text(1.4, y, text, transform=bar.ax.transAxes, va=va, fontsize=10, gid="bar")
                      for y, va, text in ((1.0, "top", "−0.000"), (0.5, "center", "0"), (0.0, "bottom", "−0.000"))]  # fmt: skip
        if title is not None:
            self.figure.suptitle(title, **FONT)
        self._start_live([*images, *self._texts, self._ends[0], self._ends[2]])

    def show(self, image, kernel, output) -> None:
        """Draw ``image`` (2-D, values in [0, 1] or 0 ... 255), ``kernel`` and ``output`` (2-D)."""
        image, kernel, output = (np.asarray(a, dtype=float) for a in (image, kernel, output))
        self._input.set_data(image)
        self._input.set_clim(0, 255 if np.nanmax(image, initial=0) > 1 else 1)
        top = _top(kernel)
        self._kernel.set_array(kernel)
        self._kernel.set_clim(-top, top)
        size = fontsize_for(
            1.4 / kernel.shape[1], [cell_text(v) for v in kernel.flat]
        )  # (a panel of ~1.4 in)
        for text, value in zip(self._texts, kernel.flat):
            text.set_text(cell_text(value))
            text.set_fontsize(size)
            text.set_color("white" if abs(value) > 0.6 * top else "black")
        top = _top(output)
        self._output.set_data(output)
        self._output.set_clim(-top, top)
        self._ends[0].set_text(_short(top))
        self._ends[2].set_text(_short(-top))


def filter_figure(image, kernel, output, title=None) -> Figure:
    """A filter applied to a digit, side by side: the input (28 × 28, grey), the ``kernel`` as a small grid of
    numbers in diverging colours, and ``output`` (e.g. ``conv2d(image, kernel, pad=1)``) in a diverging colour map
    centred at 0 (blue below, red above) with its colour bar; ``title`` above all three.

    Book §7.2.2 (a filter on an image); notebook 11.
    """
    named = ((image, "image"), (kernel, "kernel"), (output, "output"))
    arrays = [as_grid(np.squeeze(a) if name == "image" else a, name) for a, name in named]
    plot = FilterPlot(*(a.shape for a in arrays), title=title)
    plot.show(*arrays)
    return _still(plot)


def _corners(oh: int, ow: int, stride: int) -> list:
    """The top left cell of each window, in row order."""
    return [(i * stride, j * stride) for i in range(oh) for j in range(ow)]


def im2col_figure(x, filter_h, filter_w, stride=1, pad=0) -> Figure:
    """im2col: every window becomes a row. A small input (H, W), (C, H, W) or (1, C, H, W) with each window of
    ``filter_h`` × ``filter_w`` outlined in its own colour (channels side by side), and the matrix
    ``im2col(x, filter_h, filter_w, stride, pad)``, one row per window tinted in that window's colour: the
    window's pixels, channel after channel, each row by row. At most 36 windows and 32 columns.

    Book §7.4.3 (figures 7-17 to 7-19); notebook 11.
    """
    x = one_image(x, "x")
    col = im2col(x, filter_h, filter_w, stride, pad)
    (_, c, h, w), (rows, columns) = x.shape, col.shape
    if rows > 36 or columns > 32:
        raise ValueError(
            f"im2col_figure draws small examples: at most 36 windows and 32 columns; im2col's matrix here has "
            f"shape {col.shape} ({rows} windows of {columns} values)"
        )
    oh, ow = conv_output_size(h, filter_h, stride, pad), conv_output_size(w, filter_w, stride, pad)
    colors, corners = window_colors(rows), _corners(oh, ow, stride)
    hp, wp = h + 2 * pad, w + 2 * pad
    s_in = min(MAX_CELL, 3.0 / (c * wp + (c - 1) * 0.6), 4.5 / hp)
    inputs, label, gap = (c * wp + (c - 1) * 0.6) * s_in, 0.55, 0.75
    s_col = min(0.34, (7.4 - inputs - gap - label) / columns, 6.0 / rows)
    width = 0.2 + inputs + gap + label + columns * s_col
    fig, ax = inch_canvas(width, max(hp * s_in, rows * s_col) + 0.6)
    for ch in range(c):
        left = 0.1 + ch * (wp + 0.6) * s_in
        grid, padding = padded(x[0, ch], pad)
        faces = np.where(padding.ravel(), PAD_FACE, "white")
        number_grid(ax, left, 0.45, grid, s_in, "input", faces, np.where(padding, "0.45", "black"))
        grid_title(ax, left, 0.45, wp * s_in, "input" + (f", channel {ch}" if c > 1 else ""))
        outlines(ax, left, 0.45, s_in, corners, filter_h, filter_w, colors, "window")
    left = width - 0.1 - columns * s_col
    arrow(ax, (0.15 + inputs, 0.45 + hp * s_in / 2), (left - label - 0.05, 0.45 + hp * s_in / 2))
    number_grid(
        ax, left, 0.45, col, s_col, "col", [to_rgba(color, 0.3) for color in colors for _ in range(columns)]
    )
    for k, ((y, x0), color) in enumerate(zip(corners, colors)):
        top = 0.45 + k * s_col
        ax.add_patch(Rectangle((left, top), columns * s_col, s_col, fc="none", ec=color, lw=2, gid="row"))
        ax.text(left - 0.06, top + s_col / 2, f"({y // stride}, {x0 // stride})", ha="right", va="center",
                fontsize=min(9.0, 72 * s_col * 0.7), color=color)  # fmt: skip
    for ch in range(1, c):  # (a line between the channels)
        ax.plot(
            [left + ch * filter_h * filter_w * s_col] * 2, [0.45, 0.45 + rows * s_col], color="black", lw=2
        )
    name = f"im2col: {rows} windows → {rows} rows of {c}·{filter_h}·{filter_w} = {columns}"
    grid_title(ax, left, 0.45, columns * s_col, name)
    return fig


def pooling_figure(x, pool_h, pool_w, stride) -> Figure:
    """Max pooling, as in the book's figure 7-14: a small one-channel input (H, W) or (1, 1, H, W) with each
    window of ``pool_h`` × ``pool_w`` (moved ``stride`` cells at a time) outlined in its own colour and its
    maximum circled in that colour, and the output of ``Pooling(pool_h, pool_w, stride)``, each cell in its
    window's colour. The first maximum (in row order) is circled when a window has several.

    Book §7.3 (figure 7-14); notebook 11.
    """
    x = one_image(x, "x")
    if x.shape[1] != 1:
        raise ValueError(
            f"pooling_figure draws one channel: x must be (H, W) or (1, 1, H, W), got shape {x.shape}"
        )
    pool = Pooling(pool_h, pool_w, stride)
    out = pool.forward(x)[0, 0]
    places = pool.arg_max[0, 0]
    (h, w), (oh, ow) = x.shape[2:], out.shape
    colors, corners = window_colors(oh * ow), _corners(oh, ow, stride)
    s, gap = min(0.45, 3.6 / (w + ow), 3.2 / h), 0.9
    width = max(4.0, (w + ow) * s + 1.4)
    fig, ax = inch_canvas(width, h * s + 0.6)
    left = (width - (w + ow) * s - gap) / 2
    number_grid(ax, left, 0.45, x[0, 0], s, "input")
    grid_title(ax, left, 0.45, w * s, f"input {h} × {w}")
    outlines(ax, left, 0.45, s, corners, pool_h, pool_w, colors, "window")
    for k, ((y, x0), color) in enumerate(zip(corners, colors)):
        u, v = divmod(int(places.flat[k]), pool_w)
        centre = (left + (x0 + v + 0.5) * s, 0.45 + (y + u + 0.5) * s)
        ax.add_patch(Circle(centre, s * (0.4 - 0.05 * (k % 3)), fc="none", ec=color, lw=2, gid=f"max {k}"))
    right, top = left + w * s + gap, 0.45 + (h - oh) * s / 2
    number_grid(ax, right, top, out, s, "output", [to_rgba(color, 0.35) for color in colors])
    grid_title(ax, right, top, ow * s, f"max {pool_h} × {pool_w}, stride {stride}")
    arrow(ax, (right - gap + 0.12, 0.45 + h * s / 2), (right - 0.12, 0.45 + h * s / 2))
    return fig


# Notebook 12's figures of a trained convolutional network live in their own module (this one is near the line
# limit); they belong to the same concept, so they are re-exported here.
from ._convnet import (  # noqa: E402
    FEATURE_CMAP,
    CnnDigitPlot,
    FeatureMapPlot,
    confusion_pair_figure,
    feature_maps_figure,
    filters_figure,
    mistakes_figure,
    shift_curve_figure,
)
