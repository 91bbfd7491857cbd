"""Figures of notebook 12, a convolutional network that reads digits: its first layer's filters, the
feature maps they make of one digit, how its accuracy holds up when the digits move, the two networks'
confusion matrices, the digits it misreads, and the live plots behind the widgets.

Private: re-exported by :mod:`nbhelpers.plots.conv`. The colours of filters and maps are one rule: white
is 0, red positive, blue negative, one scale (±the largest size) for all the small pictures of a figure.
"""

from __future__ import annotations

import numpy as np
from matplotlib.artist import Artist
from matplotlib.figure import Figure

from .._format import number
from ..network import confusion_matrix
from ._figure import FONT, LivePlot, new_figure
from .mnist import _colour_bars, _confusion_axes, _image_28, _probability_bars, _show_digit, digits_figure

__all__ = [
    "FEATURE_CMAP",
    "filters_figure",
    "feature_maps_figure",
    "shift_curve_figure",
    "confusion_pair_figure",
    "mistakes_figure",
    "FeatureMapPlot",
    "CnnDigitPlot",
]

#: The colour map of filters and feature maps: blue negative, white 0, red positive.
FEATURE_CMAP = "RdBu_r"
_CELL = 0.74  # inches per small picture (filter or map), with its number above it


def _scale(values) -> float:
    """The shared colour scale: the largest |value| (1 if all are 0, so that the scale is never empty)."""
    top = float(np.max(np.abs(values))) if np.size(values) else 0.0
    return top if top > 0 else 1.0


def _small_grid(fig, k: int, ncols: int):
    """k small numbered axes (0 ... k − 1) without ticks, in rows of ``ncols``; the spare cells hidden."""
    ncols = max(1, min(int(ncols), k))
    nrows = -(-k // ncols)
    axes = fig.subplots(nrows, ncols, squeeze=False).ravel()
    for j, ax in enumerate(axes):
        ax.set_xticks([])
        ax.set_yticks([])
        if j < k:
            ax.set_title(str(j), fontsize=8, pad=2)
        else:
            ax.set_axis_off()
    return list(axes[:k])


def filters_figure(W, title=None, ncols: int = 10) -> Figure:
    """The filters of a first convolution layer as small pictures, numbered 0 ... FN − 1 (as ``W[k]``):
    white is 0, red positive, blue negative, one colour scale for all (the colour bar).

    ``W``: (FN, 1, FH, FW), e.g. ``net.params["W1"]`` (30 filters of 5 × 5), or (FN, FH, FW).

    Book §7.6.1 (figure 7-24); notebook 12.
    """
    w = np.asarray(W, dtype=float)
    if w.ndim == 4 and w.shape[1] == 1:
        w = w[:, 0]
    if w.ndim != 3 or len(w) == 0:
        raise ValueError(
            f"W must hold the filters of one input channel, shape (FN, 1, FH, FW) or (FN, FH, FW), got {w.shape}"
        )
    ncols = max(1, min(int(ncols), len(w)))
    nrows = -(-len(w) // ncols)
    fig = new_figure((_CELL * ncols + 1.0, (_CELL + 0.22) * nrows + 0.5))
    top = _scale(w)
    axes = _small_grid(fig, len(w), ncols)
    for ax, f in zip(axes, w):
        artist = ax.imshow(f, cmap=FEATURE_CMAP, vmin=-top, vmax=top, interpolation="nearest")
    fig.colorbar(artist, ax=axes, shrink=0.9, fraction=0.03, pad=0.02)
    fh, fw = w.shape[1:]
    fig.suptitle(title if title is not None else f"{len(w)} filters of {fh} × {fw}", **FONT)
    return fig


def _maps_array(maps) -> np.ndarray:
    m = np.asarray(maps, dtype=float)
    if m.ndim != 3 or len(m) == 0:
        raise ValueError(
            "maps must be K feature maps of one image, shape (K, h, w), e.g. "
            f'net.layer_outputs(x)["Relu1"][0]; got an array of shape {m.shape}'
        )
    return m


def _maps_layout(fig, k: int, ncols: int):
    """The input digit on the left, k small numbered axes for the maps on the right."""
    ncols = max(1, min(int(ncols), k))
    left, right = fig.subfigures(1, 2, width_ratios=[1.55, _CELL * ncols + 0.75])
    ax_in = left.subplots()
    return ax_in, _small_grid(right, k, ncols), right


def _maps_size(k: int, ncols: int):
    ncols = max(1, min(int(ncols), k))
    return (1.55 + _CELL * ncols + 0.75, max(2.3, (_CELL + 0.22) * -(-k // ncols) + 0.55))


def feature_maps_figure(image, maps, title=None, ncols: int = 10) -> Figure:
    """One digit and what a layer of the network makes of it: its K feature maps as small pictures, numbered
    0 ... K − 1 (map k comes from filter k), white 0, red positive, blue negative, one colour scale for all.

    ``image``: the digit (784 values, or 28 × 28); ``maps``: (K, h, w), e.g.
    ``net.layer_outputs(x)["Relu1"][0]`` (30 maps of 24 × 24) or ``["Pool1"][0]`` (12 × 12).

    Book §7.6.1; notebook 12.
    """
    m = _maps_array(maps)
    fig = new_figure(_maps_size(len(m), ncols))
    ax_in, axes, right = _maps_layout(fig, len(m), ncols)
    _show_digit(ax_in, image, "the image")
    top = _scale(m)
    for ax, one in zip(axes, m):
        artist = ax.imshow(one, cmap=FEATURE_CMAP, vmin=-top, vmax=top, interpolation="nearest")
    right.colorbar(artist, ax=axes, shrink=0.9, fraction=0.04, pad=0.02)
    k, h, w = m.shape
    right.suptitle(title if title is not None else f"{k} feature maps of {h} × {w}", **FONT)
    return fig


def shift_curve_figure(shifts, accuracies, labels, title=None) -> Figure:
    """Accuracy (%) against how far the digits were moved (pixels), one curve per network, each network's
    accuracy on the unmoved digits (shift 0) marked and written, and chance (10 %) as a dashed line.

    ``shifts``: the shifts (pixels); ``accuracies``: one array per network, fractions in [0, 1], one per
    shift (as :func:`nbhelpers.mnist.shift_tolerance` returns); ``labels``: the networks' names.

    Not in the book; notebook 12.
    """
    s = np.asarray(shifts, dtype=float)
    if s.ndim != 1 or len(s) == 0:
        raise ValueError(f"shifts must be a list of shifts (pixels), got shape {s.shape}")
    curves = [np.asarray(a, dtype=float) for a in accuracies]
    labels = list(labels)
    if len(labels) != len(curves) or not curves:
        raise ValueError(f"one label per curve: {len(curves)} curves of accuracies, {len(labels)} labels")
    for label, a in zip(labels, curves):
        if a.shape != s.shape:
            raise ValueError(f"{label}: {a.shape[0] if a.ndim else a} accuracies for {len(s)} shifts")
        if np.any(a > 1) or np.any(a < 0):
            raise ValueError(f"{label}: accuracies must be fractions in [0, 1] (0.98, not 98)")
    fig = new_figure((7.6, 4.3))
    ax = fig.subplots()
    ax.axhline(10, color="0.45", ls="--", lw=1.2, label="chance (10 %)")
    zero = np.flatnonzero(s == 0)
    for k, (label, a) in enumerate(zip(labels, curves)):
        if zero.size:  # (the unmoved digits: circled, their accuracy in the legend)
            y = 100 * a[zero[0]]
            ax.plot([0], [y], "o", ms=10, mfc="none", mew=1.8, color=f"C{k}")
            label = f"{label}: {number(y, 1)} % unmoved"
        ax.plot(s, 100 * a, "o-", ms=4, color=f"C{k}", label=label)
    if zero.size:
        ax.axvline(0, color="0.75", lw=0.8, zorder=0)
    ax.set_ylim(0, 102)
    ax.set_xticks(s if len(s) <= 15 else ax.get_xticks())
    ax.set_xlim(s.min() - 0.5, s.max() + 0.5)
    ax.grid(True, alpha=0.3)
    ax.set_xlabel("shift in pixels (negative: left or up; the unmoved digits at 0, circled)", **FONT)
    ax.set_ylabel("test accuracy (%)", **FONT)
    ax.set_title(title if title is not None else "Accuracy on moved digits", **FONT)
    ax.legend(loc="lower center", fontsize=9)
    return fig


def confusion_pair_figure(labels, predictions_a, predictions_b, names) -> Figure:
    """Two networks' confusion matrices side by side (rows: the true digit, columns: the answer, every
    count written), on one colour scale, each titled with its name and how many it got right.

    ``labels``: the true digits (N,); ``predictions_a``, ``predictions_b``: each network's answers (N,);
    ``names``: the two networks' names.

    Not in the book; notebook 12.
    """
    names = list(names)
    if len(names) != 2:
        raise ValueError(f"names must be the two networks' names, got {names!r}")
    counts = [confusion_matrix(labels, p) for p in (predictions_a, predictions_b)]
    top = max(c.max() for c in counts)
    fig = new_figure((10.0, 4.9))
    axes = fig.subplots(1, 2)
    for ax, c, name in zip(axes, counts, names):
        artist = _confusion_axes(ax, c, top, str(name), fontsize=6.5)
    fig.colorbar(artist, ax=list(axes), shrink=0.8, label="number of images (log scale)")
    return fig


def mistakes_figure(images, labels, predictions, ncols: int = 10, title=None, limit: int = 30) -> Figure:
    """The digits a network misread, each titled "true→answer" (7→2: a 7 read as 2): the first ``limit``
    of the images whose prediction is not their label (in their order).

    ``images``: (N, 784), (N, 28, 28) or (N, 1, 28, 28); ``labels``, ``predictions``: (N,) digits.

    Not in the book; notebook 12.
    """
    x = np.asarray(images)
    t, p = np.asarray(labels).ravel(), np.asarray(predictions).ravel()
    if not (len(x) == len(t) == len(p)):
        raise ValueError(f"{len(x)} images, {len(t)} labels and {len(p)} predictions: one of each per digit")
    wrong = np.flatnonzero(t != p)
    if wrong.size == 0:
        fig = new_figure((6.0, 1.0))
        fig.text(0.5, 0.5, f"No misread digits: all {len(x)} read right.", ha="center", va="center", **FONT)
        return fig
    shown = wrong[: max(1, int(limit))]
    fig = digits_figure(x[shown], [f"{t[i]}→{p[i]}" for i in shown], ncols=ncols)
    more = f" (the first {len(shown)} shown)" if len(shown) < len(wrong) else ""
    fig.suptitle(title if title is not None else f"{len(wrong)} of {len(x)} digits misread{more}", **FONT)
    return fig


LAYER_WORDS = {
    "Conv1": "the convolution: each filter slid over the image, plus its bias",
    "Relu1": "ReLU: the convolution's negative values set to 0",
    "Pool1": "2 × 2 max pooling, stride 2: the largest value of each 2 × 2 block",
}


class _MapPixels(Artist):
    """K coloured maps (K, h, w, 4 bytes) painted pixel for pixel into K axes (inside their frames), nearest
    neighbour, as one image: one image to draw instead of K resampled ones (a few milliseconds, not a
    hundred). It places itself at every draw, so it follows the axes at any resolution."""

    def __init__(self, axes, inset: float = 2.0):
        super().__init__()
        self.set_zorder(3)  # over the axes, their white patch and their frames (kept visible: inset)
        self._frames, self._inset, self._rgba, self._where = list(axes), inset, None, {}

    def set_maps(self, rgba) -> None:
        self._rgba = np.ascontiguousarray(rgba, dtype=np.uint8)
        self.stale = True

    def _pixel_index(self, boxes, inset: int, h: int, w: int) -> np.ndarray:
        """For each pixel of the picture, the number of the map pixel it shows (+ 1; 0: none, transparent)."""
        left, bottom, top = boxes[:, 0].min(), boxes[:, 1].min(), boxes[:, 3].max()
        index = np.zeros((top - bottom, boxes[:, 2].max() - left), dtype=np.intp)
        for k, (x0, y0, x1, y1) in enumerate(boxes):
            rows = np.arange(top - y1 + inset, top - y0 - inset)
            cols = np.arange(x0 - left + inset, x1 - left - inset)
            if len(rows) and len(cols):  # each pixel takes the value under its centre
                r = ((np.arange(len(rows)) + 0.5) * h / len(rows)).astype(np.intp)
                c = ((np.arange(len(cols)) + 0.5) * w / len(cols)).astype(np.intp)
                index[rows[:, None], cols] = 1 + k * h * w + r[:, None] * w + c
        return index[::-1].copy()  # (the renderer takes the bottom row first)

    def draw(self, renderer) -> None:
        if not self.get_visible() or self._rgba is None:
            return
        inset = round(self._inset * renderer.dpi / 100)  # (the frame, 0.8 points wide, stays visible)
        boxes = np.rint([ax.bbox.extents for ax in self._frames]).astype(
            int
        )  # x0, y0, x1, y1 from bottom left
        _, h, w, _ = self._rgba.shape
        key = (boxes.tobytes(), inset, h, w)
        if key not in self._where:
            self._where = {key: self._pixel_index(boxes, inset, h, w)}
        index = self._where[key]
        pixels = np.concatenate([np.zeros(1, dtype=np.uint32), self._rgba.view(np.uint32).ravel()])
        mosaic = pixels[index].view(np.uint8).reshape(*index.shape, 4)
        gc = renderer.new_gc()
        renderer.draw_image(gc, boxes[:, 0].min(), boxes[:, 1].min(), mosaic)
        gc.restore()
        self.stale = False


class FeatureMapPlot(LivePlot):
    """The figure of the feature-map browser: one digit and its K maps of one layer (any size: a map fills
    its square whatever its pixels), white 0, red positive, blue negative, one colour scale per picture
    (its range written on top).

    Not in the book; notebook 12.
    """

    def __init__(self, k: int = 30, ncols: int = 10):
        from matplotlib import colormaps

        self.k = int(k)
        self.figure = new_figure(_maps_size(self.k, ncols))
        ax_in, axes, right = _maps_layout(self.figure, self.k, ncols)
        for ax in axes:
            ax.set_box_aspect(1)  # square frames, as the maps (and the static figure's pictures)
        self._image = _show_digit(ax_in, np.zeros((28, 28), dtype=np.float32), "label 0")
        self._image_title = ax_in.title
        self._maps = right.add_artist(_MapPixels(axes))  # (over the frames, in their subfigure)
        # The widest title there can be, so that the layout made once fits every title.
        self._title = right.suptitle(
            "Relu1: 30 maps of 24 × 24; white 0, red up to +00.00, blue to −00.00", **FONT
        )
        self._start_live([self._image, self._image_title, self._maps, self._title])
        # 256 colours, −top ... top
        self._colours = colormaps[FEATURE_CMAP](np.linspace(0, 1, 256), bytes=True)

    def show(self, image, maps, label: int, layer: str) -> None:
        """Draw the digit ``image`` (its label ``label``) and the ``maps`` (K, h, w) of ``layer``."""
        m = _maps_array(maps)
        if len(m) != self.k:
            raise ValueError(f"this plot shows {self.k} maps, got {len(m)}")
        self._image.set_data(_image_28(image))
        self._image_title.set_text(f"label {label}")
        top = _scale(m)
        levels = np.clip(np.rint((m / top + 1) * 127.5), 0, 255).astype(
            np.uint8
        )  # −top → 0, 0 → 128, top → 255
        self._maps.set_maps(self._colours[levels])
        _, h, w = m.shape
        low = f", blue to {number(-top, 2)}" if m.min() < 0 else ""
        self._title.set_text(
            f"{layer}: {len(m)} maps of {h} × {w}; white 0, red up to +{number(top, 2)}{low}"
        )


class CnnDigitPlot(LivePlot):
    """The figure of the two-network digit browser: the (moved, noisy) digit and two networks' 10
    probabilities side by side, each network's answer green when right, red when wrong (the label's bar
    orange then).

    Not in the book; notebook 12.
    """

    def __init__(self, names=("convolutional network", "notebook 05's network")):
        self.names = tuple(str(n) for n in names)
        self.figure = new_figure((9.8, 3.4))
        ax_img, *ax_ps = self.figure.subplots(1, 3, width_ratios=[1, 1.75, 1.75])
        self._image = _show_digit(ax_img, np.zeros((28, 28), dtype=np.float32), "label 0")
        self._image_title = ax_img.title
        self._bars, self._titles = [], []
        for ax, name in zip(ax_ps, self.names):
            self._bars.append(_probability_bars(ax))
            self._titles.append(ax.set_title(f"{name}\nsays 0, with probability 0.000", fontsize=10))
        ax_ps[1].set_ylabel("")
        self._start_live([self._image, self._image_title, *self._bars[0], *self._bars[1], *self._titles])

    def show(self, image, probabilities_a, probabilities_b, label: int) -> None:
        """Draw ``image`` (784 values in [0, 1]) and the two networks' ``probabilities`` (10 each)."""
        self._image.set_data(_image_28(image))
        self._image_title.set_text(f"label {label}")
        for bars, title, name, p in zip(
            self._bars, self._titles, self.names, (probabilities_a, probabilities_b)
        ):
            p = np.asarray(p, dtype=float)
            if p.shape != (10,):
                raise ValueError(f"{name}: probabilities must have shape (10,), got {p.shape}")
            _colour_bars(bars, p, label)
            best = int(np.argmax(p))
            title.set_text(f"{name}\nsays {best}, with probability {p[best]:.3f}")
