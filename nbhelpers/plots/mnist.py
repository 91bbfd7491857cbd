"""Figures of the handwritten digits: images, what flattening does to one, the network's answer, and
the confusion matrix."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from ..network import confusion_matrix
from ._figure import FONT, LivePlot, new_figure

__all__ = ["digits_figure", "flatten_figure", "prediction_figure", "confusion_figure", "DigitPlot"]


def _image_28(x) -> np.ndarray:
    """One digit as a 28 x 28 array, from a row of 784 values or a (1, 28, 28) / (28, 28) image."""
    x = np.asarray(x)
    if x.size != 784:
        raise ValueError(f"a digit has 784 pixels (28 x 28), got an array of shape {x.shape}")
    return x.reshape(28, 28)


def _show_digit(ax, image, title: str = "", fontsize: int = 11):
    image = _image_28(image)
    vmax = 255 if image.dtype == np.uint8 or float(image.max()) > 1.0 else 1.0
    artist = ax.imshow(image, cmap="gray_r", vmin=0, vmax=vmax, interpolation="nearest")
    ax.set_xticks([])
    ax.set_yticks([])
    if title:
        ax.set_title(title, fontsize=fontsize)
    return artist


def digits_figure(images, titles=None, ncols: int = 10, size: float = 1.05) -> Figure:
    """A grid of digits (black on white), each with its title below it (e.g. its label).

    Book §3.6.1; notebook 05.
    """
    images = list(images)
    if not images:
        raise ValueError("digits_figure needs at least one image")
    titles = list(titles) if titles is not None else [""] * len(images)
    if len(titles) != len(images):
        raise ValueError(f"{len(images)} images but {len(titles)} titles")
    ncols = min(ncols, len(images))
    nrows = -(-len(images) // ncols)
    fig = new_figure((size * ncols, (size + 0.3) * nrows))
    axes = np.atleast_1d(fig.subplots(nrows, ncols, squeeze=False)).ravel()
    for ax, image, title in zip(axes, images, titles):
        _show_digit(ax, image)
        ax.set_xlabel(title, fontsize=10)
    for ax in axes[len(images) :]:
        ax.set_axis_off()
    return fig


def flatten_figure(image) -> Figure:
    """What ``flatten`` and ``normalize`` do to one digit: the 28 x 28 picture with its pixel values
    (0 ... 255), the same values laid out as one row of 784 (row after row), and that row divided by 255.

    Book §3.6.1; notebook 05.
    """
    image = _image_28(np.asarray(image))
    raw = np.rint(image * 255).astype(np.uint8) if image.dtype != np.uint8 else image
    fig = new_figure((12.5, 3.8))
    left, middle, right = fig.subfigures(1, 3, width_ratios=[1.25, 1.6, 1.6])
    ax = left.subplots()
    artist = ax.imshow(raw, cmap="gray_r", vmin=0, vmax=255, interpolation="nearest")
    ax.set_title("28 × 28 pixels (0 ... 255)", **FONT)
    ax.set_xticks([0, 27])
    ax.set_yticks([0, 27])
    left.colorbar(artist, ax=ax, shrink=0.8)
    flat = raw.reshape(784)
    for sub, values, title, top in (
        (middle, flat, "flatten: one row of 784 values", 255),
        (right, flat / 255.0, "normalize: divided by 255", 1.0),
    ):
        ax = sub.subplots()
        ax.bar(np.arange(784), values, width=1.0, color="0.25")
        for row in range(0, 785, 28):
            ax.axvline(row, color="C0", lw=0.4, alpha=0.5)
        ax.set_xlim(0, 784)
        ax.set_ylim(0, top * 1.05)
        ax.set_xticks(range(0, 785, 112))
        ax.set_xlabel("position in the row (a blue line every 28: one image row)", fontsize=10)
        ax.set_ylabel("pixel value", **FONT)
        ax.set_title(title, **FONT)
    return fig


def _probability_bars(ax, probabilities=None):
    probabilities = np.zeros(10) if probabilities is None else np.asarray(probabilities, dtype=float)
    bars = ax.bar(range(10), probabilities, color="C0")
    ax.set_xticks(range(10))
    ax.set_xlabel("digit", **FONT)
    ax.set_ylabel("probability", **FONT)
    ax.set_ylim(0, 1.08)
    ax.grid(True, axis="y", alpha=0.3)
    ax.set_axisbelow(True)
    return list(bars)


def _colour_bars(bars, probabilities, label=None) -> None:
    best = int(np.argmax(probabilities))
    for k, bar in enumerate(bars):
        bar.set_height(float(probabilities[k]))
        right = label is None or best == label
        bar.set_color(("C2" if right else "C3") if k == best else ("C1" if k == label else "C0"))


def prediction_figure(image, probabilities, label=None) -> Figure:
    """One digit beside the bar chart of the network's 10 probabilities. The predicted digit's bar is
    green when it is the label, red when it is not (and the label's bar orange).

    Book §3.6.2; notebook 05.
    """
    probabilities = np.asarray(probabilities, dtype=float)
    if probabilities.shape != (10,):
        raise ValueError(f"probabilities must have shape (10,), got {probabilities.shape}")
    fig = new_figure((8.4, 3.2))
    ax_img, ax_p = fig.subplots(1, 2, width_ratios=[1, 2.3])
    _show_digit(ax_img, image, "the image" + (f" (label {label})" if label is not None else ""))
    bars = _probability_bars(ax_p, probabilities)
    _colour_bars(bars, probabilities, label)
    best = int(np.argmax(probabilities))
    ax_p.set_title(f"the network's answer: {best}, with probability {probabilities[best]:.3f}", **FONT)
    return fig


def confusion_figure(labels, predictions) -> Figure:
    """The confusion matrix: how often each true digit (row) was predicted as each digit (column),
    with every count written in its cell; the diagonal holds the right answers.

    Not in the book; notebook 05.
    """
    counts = confusion_matrix(labels, predictions)
    fig = new_figure((7.2, 6.2))
    ax = fig.subplots()
    artist = _confusion_axes(ax, counts, counts.max(), "Confusion matrix")
    fig.colorbar(artist, ax=ax, shrink=0.8, label="number of images (log scale)")
    return fig


def _confusion_axes(ax, counts, top, name: str, fontsize: float = 8.5):
    """Draw the confusion matrix ``counts`` (10 x 10) in ``ax``: log colour scale up to ``top``, every
    nonzero count written in its cell, the title "<name>: <right> of <all> right". Returns the image."""
    from matplotlib.colors import LogNorm

    artist = ax.imshow(counts + 0.5, cmap="Blues", norm=LogNorm(vmin=0.5, vmax=top + 0.5))
    for i in range(10):
        for j in range(10):
            if counts[i, j]:
                dark = counts[i, j] > 0.3 * top
                ax.text(
                    j,
                    i,
                    str(counts[i, j]),
                    ha="center",
                    va="center",
                    fontsize=fontsize,
                    color="white" if dark else "black",
                )
    ax.set_xticks(range(10))
    ax.set_yticks(range(10))
    ax.set_xlabel("predicted digit", **FONT)
    ax.set_ylabel("true digit (label)", **FONT)
    ax.set_title(f"{name}: {int(np.trace(counts))} of {int(counts.sum())} right", **FONT)
    return artist


class DigitPlot(LivePlot):
    """The figure of the digit browser: the (changed) image and the network's 10 probabilities.

    Book §3.6.2; notebook 05.
    """

    def __init__(self):
        self.figure = new_figure((8.4, 3.3))
        ax_img, ax_p = self.figure.subplots(1, 2, width_ratios=[1, 2.3])
        self._image = _show_digit(ax_img, np.zeros((28, 28), dtype=np.float32), "")
        self._image_title = ax_img.set_title("label 0", **FONT)
        self._bars = _probability_bars(ax_p)
        # The widest title there can be, so that the layout made once fits every title.
        self._title = ax_p.set_title("the network's answer: 0, with probability 0.000", **FONT)
        self._start_live([self._image, self._image_title, *self._bars, self._title])

    def show(self, image, probabilities, label: int) -> None:
        """Draw ``image`` (784 values in [0, 1]) and its ``probabilities``; ``label`` is the right digit."""
        self._image.set_data(_image_28(image))
        self._image_title.set_text(f"label {label}")
        _colour_bars(self._bars, probabilities, label)
        best = int(np.argmax(probabilities))
        self._title.set_text(f"the network's answer: {best}, with probability {probabilities[best]:.3f}")
