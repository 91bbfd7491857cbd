"""Grids of numbers, as the book draws convolution and pooling: cells with their values, padding shaded,
windows outlined. The figures are measured in inches (one unit of the axes is one inch, y downwards from the
top left corner), so a cell keeps its size and its numbers fit it. The numbers are drawn as one collection
of glyph outlines per grid: hundreds of numbers in one quick draw, where a text each takes a millisecond
(the sliding-window widget redraws a 15 × 15 input and output within a slider step)."""

from __future__ import annotations

import functools

import numpy as np
from matplotlib.collections import PathCollection, PolyCollection
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Rectangle
from matplotlib.path import Path
from matplotlib.textpath import TextPath
from matplotlib.transforms import Affine2D

from .._format import number
from ._figure import new_figure

__all__ = [
    "EDGE",
    "PAD_FACE",
    "MAX_CELL",
    "cell_text",
    "factor_text",
    "fontsize_for",
    "inch_canvas",
    "cells",
    "Numbers",
    "number_grid",
    "grid_title",
    "padded",
    "as_grid",
    "one_image",
    "window_colors",
    "outlines",
    "arrow",
]

EDGE, PAD_FACE = "0.35", "0.86"  # the cells' lines; the face of a padding cell
MAX_CELL = 0.42  # inches: the largest cell
_FONT = FontProperties(family="DejaVu Sans")  # (matplotlib's own font: there everywhere)


def cell_text(value) -> str:
    """A cell's number: whole numbers without decimals ("15", "−1"), others with 2 ("0.11")."""
    value = float(value)
    return number(value, 0 if value.is_integer() else 2)


def factor_text(value) -> str:
    """A factor of a product: a negative number in brackets ("(−1)")."""
    text = cell_text(value)
    return f"({text})" if text.startswith("−") else text


def fontsize_for(cell: float, labels) -> float:
    """The largest size (up to 12 points) at which the longest of ``labels`` fits a cell ``cell`` inches wide."""
    longest = max([len(t) for t in labels] + [2])
    return min(12.0, 72 * cell * 0.82 / (0.64 * longest))


def inch_canvas(width: float, height: float):
    """A figure and its one axes covering it, in inches from its top left corner (y downwards)."""
    fig = new_figure((width, height))
    fig.set_layout_engine("none")
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    ax.set_xlim(0, width)
    ax.set_ylim(height, 0)
    ax.axis("off")
    return fig, ax


def cells(left, top, shape, s) -> np.ndarray:
    """The corners of a grid's cells ``s`` inches wide, row after row: (H·W, 4, 2)."""
    i, j = np.divmod(np.arange(shape[0] * shape[1]), shape[1])
    corner = np.stack([left + j * s, top + i * s], axis=1)[:, None, :]
    return corner + s * np.array([[0, 0], [1, 0], [1, 1], [0, 1]])


@functools.lru_cache(maxsize=1024)
def _glyphs(label: str) -> Path:
    """``label`` as a path, in font sizes, centred on (0, 0) (vertically: on the middle of a digit)."""
    digit = TextPath((0, 0), "0", size=1, prop=_FONT).get_extents()
    path = TextPath((0, 0), label, size=1, prop=_FONT)
    x0, x1 = path.get_extents().intervalx if len(path.vertices) else (0.0, 0.0)
    return Path(path.vertices - [(x0 + x1) / 2, digit.y1 / 2], path.codes)


class Numbers(PathCollection):
    """The numbers of a grid as one collection of glyph outlines, ``size`` points high (at any dpi);
    ``labels`` and ``centres`` (in the axes' units) say what is written where."""

    def __init__(self, ax, labels, centres, size, colors="black", gid=""):
        transform = Affine2D().scale(size / 72) + ax.figure.dpi_scale_trans  # (font sizes → inches → pixels)
        super().__init__([_glyphs(t) for t in labels], offsets=centres, offset_transform=ax.transData,
                         transform=transform, facecolors=colors, edgecolors="none", linewidths=0)  # fmt: skip
        self.labels, self.centres = list(labels), np.asarray(centres)
        self.set_gid(gid)
        ax.add_collection(self, autolim=False)


def number_grid(ax, left, top, values, s, gid: str, faces="white", colors="black", size=None) -> Numbers:
    """A grid of cells ``s`` inches wide with their numbers (tagged ``gid``), its top left corner at (left, top)."""
    values = np.asarray(values)
    corners = cells(left, top, values.shape, s)
    ax.add_collection(
        PolyCollection(corners, facecolors=faces, edgecolors=EDGE, linewidths=0.8), autolim=False
    )
    labels = [cell_text(v) for v in values.flat]
    size = fontsize_for(s, labels) if size is None else size
    colors = np.broadcast_to(np.asarray(colors, dtype=object), values.shape).ravel().tolist()
    return Numbers(ax, labels, corners.mean(axis=1), size, colors, gid)


def grid_title(ax, left, top, width, text: str):
    """A grid's name, centred above it."""
    return ax.text(left + width / 2, top - 0.08, text, ha="center", va="bottom", fontsize=10)


def padded(x, pad: int) -> tuple:
    """The grid ``x`` with ``pad`` zeros around it, and which of its cells are padding."""
    inside = np.pad(np.ones(x.shape, dtype=bool), pad)
    return np.pad(x, pad), ~inside


def as_grid(x, name: str) -> np.ndarray:
    """``x`` as a 2-D float array, or a ValueError naming ``name``."""
    x = np.asarray(x, dtype=float)
    if x.ndim != 2:
        raise ValueError(f"{name} must be a 2-D grid (H, W), got shape {x.shape}")
    return x


def one_image(x, name: str) -> np.ndarray:
    """``x`` as a batch of one image (1, C, H, W), from (H, W), (C, H, W) or (1, C, H, W)."""
    x = np.asarray(x, dtype=float)
    if x.ndim in (2, 3):
        x = x.reshape((1,) * (4 - x.ndim) + x.shape)
    if x.ndim != 4 or x.shape[0] != 1:
        raise ValueError(f"{name} must be one image (H, W), (C, H, W) or (1, C, H, W), got shape {x.shape}")
    return x


def window_colors(n: int) -> list:
    """A colour for each of ``n`` windows (tab10, tab20 beyond 10, repeated beyond 20)."""
    from matplotlib import colormaps

    cmap = colormaps["tab10" if n <= 10 else "tab20"]
    return [cmap(k % cmap.N) for k in range(n)]


def outlines(ax, left, top, s, corners, fh, fw, colors, gid: str) -> None:
    """Each window (its top left cell in ``corners``) outlined in its colour, a little inside the one before,
    so that overlapping windows stay apart."""
    for k, ((y, x), color) in enumerate(zip(corners, colors)):
        inset = s * (0.06 + 0.07 * (k % 4))
        ax.add_patch(Rectangle((left + x * s + inset, top + y * s + inset), fw * s - 2 * inset,
                               fh * s - 2 * inset, fc="none", ec=color, lw=2.2, gid=gid))  # fmt: skip


def arrow(ax, start, end) -> None:
    """A grey arrow from ``start`` to ``end`` (x, y)."""
    ax.annotate("", end, start, arrowprops={"arrowstyle": "-|>", "color": "0.3", "lw": 1.5})
