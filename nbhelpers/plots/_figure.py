"""What every figure of the series shares: a pyplot-free ``Figure``, its PNG, the quick redraw of the
figures behind the widgets, and the look of plain x–y axes."""

from __future__ import annotations

import io

import numpy as np
import PIL.Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

__all__ = ["FONT", "new_figure", "figure_to_png", "LivePlot", "xy_axes"]

#: The text size of titles, labels and legends in every figure.
FONT = {"fontsize": 11}


def new_figure(figsize) -> Figure:
    """A Figure with its own Agg canvas: it can be drawn and saved without pyplot."""
    fig = Figure(figsize=figsize, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def figure_to_png(fig: Figure, dpi: int = 100) -> bytes:
    """Render ``fig`` to PNG bytes (what a widget's ``Image`` shows).

    Not in the book; notebooks 01–05 (behind every widget).
    """
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


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
        buf = io.BytesIO()
        # RGB, not RGBA: the figure is opaque, and a quarter less to encode makes the PNG quicker.
        image = PIL.Image.fromarray(np.asarray(canvas.buffer_rgba())).convert("RGB")
        image.save(buf, format="png", compress_level=1)
        return buf.getvalue()


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
