"""What every figure of the series shares: a pyplot-free ``Figure``, its PNG, the quick redraw of the
figures behind the widgets, and the look of plain x–y axes."""

from __future__ import annotations

import base64
import io
import struct
import zlib

import numpy as np
import PIL.Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

__all__ = ["FONT", "DPI", "SCALE", "new_figure", "figure_to_png", "LivePlot", "xy_axes"]

#: The text size of titles, labels and legends in every figure.
FONT = {"fontsize": 11}

#: Screen (CSS) pixels per inch of figure size: a figure 7.6 inches wide takes 760 pixels of the page.
DPI = 100

#: Image pixels per screen pixel: pictures are rendered at twice their size on the page, so that lines and
#: text stay sharp on high-density ("retina") screens and in Colab, where a 1× picture looks blurred.
SCALE = 2


class NotebookFigure(Figure):
    """A ``Figure`` that shows itself sharp in a notebook: as the last line of a cell it is rendered at
    :data:`SCALE` × its size and shown at its size (like ``%config InlineBackend.figure_formats =
    ["retina"]``, without the set-up line), with 256 colours where that changes nothing visible, so that
    a notebook's stored pictures stay about as large as 1× ones. Its text line stays ``<Figure size
    760x460 ...>``."""

    def __repr__(self) -> str:  # "<Figure size 760x460 with 1 Axes>", as for any matplotlib figure
        return super().__repr__().replace(type(self).__name__, "Figure", 1)

    def _ipython_display_(self) -> None:
        # (IPython asks this first: a PNG formatter registered for every Figure, as matplotlib's inline
        # backend registers one, would otherwise be used instead of the picture below)
        from IPython.display import display

        data, metadata = self._repr_mimebundle_()
        display(data, metadata=metadata, raw=True)

    def _repr_mimebundle_(self, include=None, exclude=None):
        buf = io.BytesIO()
        self.savefig(buf, format="png", dpi=DPI * SCALE, bbox_inches="tight")
        image = _few_colours(PIL.Image.open(buf).convert("RGB"))
        out = io.BytesIO()
        image.save(out, format="png", optimize=True)
        width, height = (-(-side // SCALE) for side in image.size)
        data = {"image/png": base64.b64encode(out.getvalue()).decode("ascii"), "text/plain": repr(self)}
        return data, {"image/png": {"width": width, "height": height}}


def _few_colours(image: PIL.Image.Image) -> PIL.Image.Image:
    """``image`` with a palette of 256 colours (median cut) if that changes the picture by less than a
    quarter of a level per pixel on average (lines, text, flat areas: a PNG a third of the size), else
    ``image`` itself (smooth colour maps, which 256 colours would show as bands)."""
    fewer = image.quantize(256)
    change = np.abs(np.asarray(fewer.convert("RGB"), dtype=np.int16) - np.asarray(image, dtype=np.int16))
    return fewer if change.mean() < 0.25 else image


def new_figure(figsize) -> Figure:
    """A Figure with its own Agg canvas: it can be drawn and saved without pyplot, and it shows itself
    sharp in a notebook (:class:`NotebookFigure`)."""
    fig = NotebookFigure(figsize=figsize, dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def figure_to_png(fig: Figure, dpi: float | None = None) -> bytes:
    """Render ``fig`` to PNG bytes, at ``dpi`` pixels per inch (default: the figure's own, which for the
    figures behind the widgets is :data:`DPI` × :data:`SCALE`).

    Not in the book; notebooks 01–05 (behind every widget).
    """
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=fig.dpi if dpi is None else dpi)
    return buf.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png(rgba: np.ndarray) -> bytes:
    """An RGBA pixel array (height, width, 4) as an RGB PNG, written directly: no row filters and the
    fastest compression. For the live redraws, this is three times quicker than PIL's encoder (whose
    adaptive filters cost more than they save here), at about the same size."""
    height, width = rgba.shape[:2]
    rows = np.empty((height, 1 + 3 * width), dtype=np.uint8)  # each row: filter type 0 ("none"), RGB...
    rows[:, 0] = 0
    rgb = rows[:, 1:].reshape(height, width, 3)
    for channel in range(3):  # one channel at a time: 4 times quicker than copying rgba[..., :3] at once
        rgb[..., channel] = rgba[..., channel]
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8 bits, RGB, deflate, no interlace
    return b"".join(
        [
            b"\x89PNG\r\n\x1a\n",
            _chunk(b"IHDR", header),
            _chunk(b"IDAT", zlib.compress(rows, 1)),
            _chunk(b"IEND", b""),
        ]
    )


class LivePlot:
    """Base of the figures that widgets redraw: the parts that never change (axes, ticks, curves,
    legend) are drawn once and kept as a picture; a redraw paints only the moving parts on a
    copy of it and encodes the PNG. This keeps a slider step fast, and the axes fixed.

    A live plot is a view: its ``show(...)`` takes values the widget computed and draws them; it keeps
    no computed results for anyone to read back. Its moving parts (and the frame and legend drawn over
    them) are "animated", which a plain ``figure.savefig`` leaves out: save the picture with :meth:`png`.
    """

    figure: Figure

    def _start_live(self, moving) -> None:
        self.figure.set_dpi(DPI * SCALE)  # sharp: see SCALE; the widget shows it at its size (css_width)
        canvas = self.figure.canvas
        canvas.draw()  # lays the figure out once (and places the legends) ...
        self.figure.set_layout_engine("none")  # ... and keeps that layout
        # What a full draw paints over the moving parts (the frame, a legend in the axes) is repainted
        # with them, all in the order of their zorder, as the full draw does: a curve never covers the
        # legend. A legend outside the axes, where nothing moves, stays in the background (text is slow).
        moving = list(moving)
        on_top = []
        for ax in dict.fromkeys(a.axes for a in moving if a.axes is not None):
            on_top += list(ax.spines.values()) if ax.axison else []
            legend = ax.get_legend()
            if legend is not None and legend.get_window_extent().overlaps(ax.bbox):
                on_top.append(legend)
        self._moving = sorted([*moving, *on_top], key=lambda artist: artist.get_zorder())
        for artist in self._moving:
            artist.set_animated(True)  # left out of the background drawn below
        canvas.draw()
        self._background = canvas.copy_from_bbox(self.figure.bbox)

    def _refresh_background(self) -> None:
        """Redraw and keep the fixed parts: after a change to them (not only to the moving parts)."""
        canvas = self.figure.canvas
        canvas.draw()
        self._background = canvas.copy_from_bbox(self.figure.bbox)

    def png(self) -> bytes:
        """The figure as it is now, as PNG bytes (what a widget's ``Image`` shows)."""
        canvas = self.figure.canvas
        canvas.restore_region(self._background)
        for artist in self._moving:
            self.figure.draw_artist(artist)
        # RGB, not RGBA: the figure is opaque, and a quarter less to encode makes the PNG quicker.
        return _png(np.asarray(canvas.buffer_rgba()))

    @property
    def css_width(self) -> str:
        """The width at which the picture is shown on the page ("760px"): its pixels / :data:`SCALE`."""
        return f"{round(self.figure.get_figwidth() * DPI)}px"


def xy_axes(ax, x_range, y_range, ylabel: str, title: str) -> None:
    """Plain axes for curves: fixed ranges, the lines x = 0 and y = 0, a light grid."""
    ax.set_xlim(*x_range)
    ax.set_ylim(*y_range)
    ax.axhline(0, color="0.6", lw=0.8, zorder=0)
    ax.axvline(0, color="0.6", lw=0.8, zorder=0)
    ax.grid(True, alpha=0.3)
    ax.set_xlabel("x", **FONT)
    ax.set_ylabel(ylabel, **FONT)
    ax.set_title(title, **FONT)
