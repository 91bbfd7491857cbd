"""The widgets of notebook 11: slide a filter over a small grid of numbers (input size, filter size, padding,
stride and the output cell computed, with OH = (H + 2P − FH)/S + 1 written out), and edit a 3 × 3 filter
to see what it does to a digit."""

from __future__ import annotations

import html

import ipywidgets as W
import numpy as np

from .._format import number
from ..conv import KERNELS, conv2d, conv_output_size
from ..mnist import load_mnist
from ..plots.conv import FilterPlot, SlidingWindowPlot
from ._controls import dropdown, live, slider

__all__ = [
    "sliding_window_explorer",
    "kernel_editor",
    "EDITED",
    # notebook 12's (a trained convolutional network), in the private _convnet.py
    "feature_map_explorer",
    "cnn_digit_explorer",
    "MAP_LAYERS",
]

_RED = "#c00000"


def _example():
    """The explorer's fixed grids: a 9 × 9 input of whole numbers 0 ... 3 and a 5 × 5 filter of 0 ... 2 (seeded),
    whose top left corners are the book's 4 × 4 input and 3 × 3 filter (figure 7-7): a smaller size shows a
    corner of them, so that growing the input or the filter adds rows and columns to the same numbers."""
    rng = np.random.default_rng(11)
    x, k = rng.integers(0, 4, (9, 9)).astype(float), rng.integers(0, 3, (5, 5)).astype(float)
    x[:4, :4] = [[1, 2, 3, 0], [0, 1, 2, 3], [3, 0, 1, 2], [2, 3, 0, 1]]
    k[:3, :3] = [[2, 0, 1], [0, 1, 2], [1, 0, 2]]
    x.flags.writeable = k.flags.writeable = False
    return x, k


_INPUT, _FILTER = _example()


class _Pngs:
    """The pictures already drawn, by key (at most ``size``, the oldest forgotten first): coming back to a
    setting costs nothing. Wraps a live plot; its ``show(key, ...)`` draws only what is not kept."""

    def __init__(self, plot, size: int):
        self.plot, self.css_width, self._size, self._pngs, self._key = plot, plot.css_width, size, {}, None

    def show(self, key, *args) -> None:
        self._key = key
        if key not in self._pngs:
            self.plot.show(*args)
            if len(self._pngs) >= self._size:
                del self._pngs[next(iter(self._pngs))]
            self._pngs[key] = self.plot.png()

    def png(self) -> bytes:
        return self._pngs[self._key]


def _whole(value, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not low <= value <= high:
        raise ValueError(f"{name} must be a whole number from {low} to {high}, got {value!r}")
    return int(value)


def _cells(size: int, f: int, stride: int, pad: int):
    """OH (= OW) for these sizes, or the core's message why there is none."""
    try:
        return conv_output_size(size, f, stride, pad), None
    except ValueError as err:
        return None, str(err)


def sliding_window_explorer(size: int = 4, filter_size: int = 3, pad: int = 0, stride: int = 1) -> W.VBox:
    """A filter sliding over a small grid of numbers, as in the book's figures 7-4 to 7-7: sliders for the input
    size H (3 ... 9), the filter size FH (1 ... 5), the padding P (0 ... 3), the stride S (1 ... 3) and the output
    cell shown (0 ... OH·OW − 1, in row order: its end follows the other sliders). The input and the filter are
    fixed whole numbers, the book's 4 × 4 input and 3 × 3 filter at the start. Under the picture:
    OH = (H + 2P − FH)/S + 1 with the numbers, and the cell's value; when the windows do not fit (the core's
    ``conv_output_size`` refuses), its message in red, and the cell slider waits, disabled.

    Book §7.2.2–7.2.5 (figures 7-4, 7-6, 7-7); notebook 11.
    """
    size, filter_size = _whole(size, "size", 3, 9), _whole(filter_size, "filter_size", 1, 5)
    pad, stride = _whole(pad, "pad", 0, 3), _whole(stride, "stride", 1, 3)
    sizes = [
        slider("input size H = W", size, 3, 9, kind=W.IntSlider),
        slider("filter size FH = FW", filter_size, 1, 5, kind=W.IntSlider),
        slider("padding P", pad, 0, 3, kind=W.IntSlider),
        slider("stride S", stride, 1, 3, kind=W.IntSlider),
    ]
    oh = _cells(size, filter_size, stride, pad)[0]
    position = slider(
        "output cell (row order)", 0, 0, (oh or 1) ** 2 - 1, kind=W.IntSlider, disabled=oh is None
    )

    def follow(change=None):
        """The cell slider's end follows the sizes (before the picture is drawn: it may move the slider)."""
        h, f, p, s = (c.value for c in sizes)
        oh = _cells(h, f, s, p)[0]
        position.disabled = oh is None
        if oh is not None:
            position.max = oh * oh - 1  # (a value beyond it comes back to it: one redraw, for that value)

    for s in sizes:
        s.observe(follow, names="value")
    plot = _Pngs(SlidingWindowPlot(), size=512)

    def step(h, f, p, s, k):
        x, kernel = _INPUT[:h, :h], _FILTER[:f, :f]
        formula = f"OH = (H + 2P − FH)/S + 1 = ({h} + 2·{p} − {f})/{s} + 1"
        oh, message = _cells(h, f, s, p)
        if oh is None:
            plot.show((h, f, p, s), x, kernel, None, s, p)
            return f"{formula}: <span style='color:{_RED}'><b>✗ {html.escape(message)}</b></span>"
        output = conv2d(x, kernel, stride=s, pad=p)
        plot.show((h, f, p, s, k), x, kernel, output, s, p, k)
        i, j = divmod(k, oh)
        return (
            f"{formula} = <b>{oh}</b>: the output is {oh} × {oh} ({oh * oh} cells).<br>"
            f"Cell ({i}, {j}) = <b>{number(output[i, j], 0)}</b>: the sum of the products of the filter with "
            f"the window under it, which starts at row {i * s}, column {j * s} of the padded input."
        )

    box = live([*sizes, position], plot, step)
    box.plot = plot.plot  # the figure behind the picture, for a look inside (and for the tests)
    return box


#: The preset menu's entry for a filter that is none of ``nbhelpers.KERNELS``.
EDITED = "(edited)"


def _digits(images) -> np.ndarray:
    """Images (N, 28, 28) or (N, 1, 28, 28) as (N, H, W); by default the MNIST test images."""
    if images is None:
        _, (images, _) = load_mnist(flatten=False)
    images = np.asarray(images)
    if images.ndim == 4 and images.shape[1] == 1:
        images = images[:, 0]
    if images.ndim != 3 or len(images) == 0:
        raise ValueError(f"images must have shape (N, H, W) or (N, 1, H, W) with N >= 1, got {images.shape}")
    return images


def kernel_editor(images=None, index: int = 0, preset: str = "edge x") -> W.VBox:
    """Edit a 3 × 3 filter and see what it does to a digit: a grid of 9 numbers (type one, then Enter), a menu
    of ``nbhelpers.KERNELS`` that fills the grid, and a slider over the images (by default the 10 000 MNIST test
    digits; or ``images`` (N, 28, 28) or (N, 1, 28, 28)). The picture: the digit, the filter and
    ``conv2d(image, kernel, pad=1)`` (same size as the digit); under it, the output's smallest and largest value.

    Book §7.2.2 (a filter on an image); notebook 11.
    """
    if preset not in KERNELS:
        raise ValueError(f"preset must be one of {list(KERNELS)}, got {preset!r}")
    images = _digits(images)
    index = _whole(index, "index", 0, len(images) - 1)
    names = list(KERNELS)
    choice = dropdown("filter", [*names, EDITED], preset, width="220px")
    cells = [W.FloatText(value=float(v), layout=W.Layout(width="76px")) for v in KERNELS[preset].flat]
    digit = slider("image #", index, 0, len(images) - 1, kind=W.IntSlider)
    plot = _Pngs(FilterPlot(images.shape[1:], (3, 3), images.shape[1:]), size=64)
    quiet = []  # (not empty while the grid is filled from the menu: one redraw at the end, not 9)

    def kernel() -> np.ndarray:
        return np.array([c.value for c in cells], dtype=float).reshape(3, 3)

    def step(i):
        k = kernel()
        output = conv2d(images[i], k, pad=1)
        plot.show((i, k.tobytes()), images[i], k, output)
        low, high = np.min(output), np.max(output)
        name = f"filter “{choice.value}”" if choice.value != EDITED else "your filter"
        return (
            f"Image #{i}, {html.escape(name)}: the output runs from <b>{number(low, 3)}</b> to "
            f"<b>{number(high, 3)}</b> (red above 0, blue below).<br><small>Type a number in the grid and "
            "press Enter; a menu entry fills the grid.</small>"
        )

    box = live([digit], plot, step)
    image, text = box.children[-2:]

    def redraw():
        text.value = step(digit.value)
        image.value = plot.png()

    def edited(change):
        if quiet:
            return
        k = kernel()
        match = next((n for n in names if np.array_equal(KERNELS[n], k)), EDITED)
        if choice.value != match:
            quiet.append(True)
            choice.value = match  # (no redraw for that: the one below)
            quiet.clear()
        redraw()

    def chosen(change):
        if quiet or change["new"] == EDITED:  # (the menu follows an edit; "(edited)" itself fills nothing)
            return
        quiet.append(True)
        try:
            for c, v in zip(cells, KERNELS[change["new"]].flat):
                c.value = float(v)
        finally:
            quiet.clear()
        redraw()

    for c in cells:
        c.observe(edited, names="value")
    choice.observe(chosen, names="value")
    grid = W.VBox([W.HBox(cells[r * 3 : r * 3 + 3]) for r in range(3)])
    box.children = [W.HBox([grid, choice]), digit, image, text]
    box.plot = plot.plot  # the figure behind the picture, for a look inside (and for the tests)
    return box


# Notebook 12's widgets live in their own module; the same concept, so they are re-exported here.
from ._convnet import MAP_LAYERS, cnn_digit_explorer, feature_map_explorer  # noqa: E402
