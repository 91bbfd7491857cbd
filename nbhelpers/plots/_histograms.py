"""The histograms of what each layer of a network passes on (the book's figures 6-10 to 6-14): one
drawing, used once by the still figure and at every redraw by the live plot behind the widget."""

from __future__ import annotations

import numpy as np

from .._format import number
from ._figure import FONT
from .activations import STYLE

__all__ = ["BINS", "RANGES", "HistogramPanels", "check"]

BINS = 30  # the book's
#: The range of the histograms of each activation's outputs: the book's (0, 1); tanh's are in (−1, 1).
RANGES = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0), "relu": (0.0, 1.0)}
_TOPS = (2.0, 5.0, 10.0, 20.0, 30.0, 40.0, 60.0, 80.0, 100.0)  # the per-cent axis ends at one of these


def check(activations, activation) -> tuple:
    """The layers' values as flat float arrays, and the activation's name, checked."""
    layers = [np.asarray(a, dtype=float).ravel() for a in activations]
    if not layers or min(values.size for values in layers) == 0:
        raise ValueError(f"activations must be non-empty arrays, got sizes {[v.size for v in layers]}")
    name = str(activation).lower()
    if name not in RANGES:
        raise ValueError(f"activation must be one of {list(RANGES)}, got {activation!r}")
    return layers, name


def _bars(values: np.ndarray, name: str) -> tuple:
    """Per cent of ``values`` in each of the 30 bins (ReLU's exact zeros left out), and the panel's note:
    how many are 0 (ReLU), beyond the range or NaN."""
    low, high = RANGES[name]
    drawn = values[np.isfinite(values) & ((values != 0) | (name != "relu"))]
    counts, _ = np.histogram(drawn, bins=BINS, range=(low, high))
    notes = [f"{100 * np.mean(values == 0):.0f}% are 0 (not drawn)"] if name == "relu" else []
    words = (f"above {number(high, None)}", f"below {number(low, None)}", "NaN")
    shares = (np.mean(values > high), np.mean(values < low), np.mean(np.isnan(values)))
    notes += [f"{100 * v:.1f}% {w}" for v, w in zip(shares, words) if v]
    return 100.0 * counts / values.size, "\n".join(notes)


class HistogramPanels:
    """``rows`` × ``columns`` panels sharing their per-cent axis, one filled step curve (30 bins) and one
    note each. :meth:`draw` shows layers on the first panels and hides the others."""

    def __init__(self, fig, rows: int, columns: int):
        self.axes = list(fig.subplots(rows, columns, sharey=True, squeeze=False).flat)
        edges = np.linspace(0.0, 1.0, BINS + 1)
        self.bars = [ax.stairs(np.zeros(BINS), edges, fill=True) for ax in self.axes]
        self.notes = []
        for k, ax in enumerate(self.axes):
            ax.set_title(f"layer {k + 1}", **FONT)
            ax.grid(True, axis="y", alpha=0.3)
            self.notes.append(
                ax.text(0.97, 0.96, "", transform=ax.transAxes, ha="right", va="top", fontsize=8)
            )
            if k % columns == 0:
                ax.set_ylabel("% of the values", **FONT)

    def draw(self, layers, name: str) -> bool:
        """Show the histograms of ``layers`` (flat arrays) for the activation ``name``; returns whether
        a fixed part changed (the range, the per-cent axis, which panels show): then the figure needs a
        full redraw, else only the bars and notes changed."""
        low, high = RANGES[name]
        edges = np.linspace(low, high, BINS + 1)
        changed, tallest, noted = False, 0.0, False
        for k, (ax, bars, note) in enumerate(zip(self.axes, self.bars, self.notes)):
            shown = k < len(layers)
            heights, words = _bars(layers[k], name) if shown else (np.zeros(BINS), "")
            bars.set_data(heights, edges)
            bars.set_color(STYLE[name]["color"])
            note.set_text(words)
            tallest, noted = max(tallest, float(heights.max())), noted or bool(words)
            label = "output of h" if shown else ""
            bars.set_visible(shown)
            if ax.get_visible() != shown or ax.get_xlim() != (low, high) or ax.get_xlabel() != label:
                for part in (ax, *ax.spines.values()):  # (a live plot repaints the frames with the bars)
                    part.set_visible(shown)
                ax.set_xlim(low, high)
                ax.set_xlabel(label, **FONT)
                changed = True
        need = tallest * (1.35 if noted else 1.05)
        top = next((t for t in _TOPS if t >= need), 100.0)
        if self.axes[0].get_ylim() != (0.0, top):
            self.axes[0].set_ylim(0.0, top)
            changed = True
        return changed
