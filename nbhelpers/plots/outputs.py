"""Figures of the output layer: scores and the probabilities softmax makes of them."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from .._format import number
from ..outputs import softmax
from ._figure import FONT, LivePlot, new_figure

__all__ = ["CLASS_COLORS", "softmax_figure", "SoftmaxPlot"]

#: Colours of the classes (outputs) 1, 2, 3, ... in the softmax figures.
CLASS_COLORS = ("C0", "C1", "C2", "C4", "C5", "C6", "C7", "C8", "C9", "C3")


def _class_labels(n: int) -> list:
    return [f"class {k}" for k in range(1, n + 1)]


def _probability_axes(ax, n: int, title: str, legend: bool = True) -> None:
    ax.set_ylim(0.0, 1.12)
    ax.set_yticks(np.linspace(0.0, 1.0, 6))
    ax.set_xticks(range(n), _class_labels(n), **FONT)
    ax.set_ylabel("probability y_k", **FONT)
    ax.set_title(title, **FONT)
    ax.axhline(1.0, color="0.6", lw=0.8, ls="--", zorder=0)
    ax.axhline(1.0 / n, color="0.3", lw=1.0, ls=":", zorder=0)
    if legend:  # named outside the axes, where no bar can cover it
        ax.annotate(
            f"1/{n}:\nall equal",
            xy=(1.0, 1.0 / n),
            xycoords=("axes fraction", "data"),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=9,
            color="0.3",
        )
    ax.grid(True, axis="y", alpha=0.3)
    ax.set_axisbelow(True)  # grid lines under the bars


def _score_axes(ax, n: int, title: str) -> None:
    ax.axhline(0, color="0.3", lw=0.8, zorder=0.8)  # under the bars, as in the quick redraw
    ax.set_xticks(range(n), _class_labels(n), **FONT)
    ax.set_ylabel("score a_k", **FONT)
    ax.set_title(title, **FONT)
    ax.grid(True, axis="y", alpha=0.3)
    ax.set_axisbelow(True)


def softmax_figure(a, temperatures=(1.0,)) -> Figure:
    """Bars of the scores ``a`` (left) and of ``softmax(a / T)`` for each temperature T (right).

    With the default T = 1 this is plain softmax(a): the scores, then the probabilities they become.

    Book §3.5.1–3.5.3; notebook 03.
    """
    a = np.asarray(a, dtype=float)
    if a.ndim != 1 or a.size == 0:
        raise ValueError(f"a must be a non-empty list of scores, got shape {a.shape}")
    temperatures = [float(t) for t in temperatures]
    if not temperatures or min(temperatures) <= 0:
        raise ValueError(f"temperatures must be positive numbers, got {temperatures}")
    n = a.size
    colors = [CLASS_COLORS[k % len(CLASS_COLORS)] for k in range(n)]
    fig = new_figure((3.6 * (1 + len(temperatures)), 3.8))
    axes = fig.subplots(1, 1 + len(temperatures))
    ax = axes[0]
    ax.bar(range(n), a, color=colors)
    _score_axes(ax, n, "Scores a (any real numbers)")
    top = max(1.0, float(np.max(np.abs(a))))
    ax.set_ylim(min(0.0, float(a.min())) - 0.15 * top, max(0.0, float(a.max())) + 0.15 * top)
    for k, v in enumerate(a):
        up = v >= 0
        ax.annotate(
            number(v, None),
            (k, v),
            xytext=(0, 3 if up else -3),
            textcoords="offset points",
            ha="center",
            va="bottom" if up else "top",
            **FONT,
        )
    for i, (ax, t) in enumerate(zip(axes[1:], temperatures)):
        p = softmax(a / t)
        title = "softmax(a)" if t == 1 and len(temperatures) == 1 else f"softmax(a / T), T = {t:g}"
        _probability_axes(ax, n, title, legend=i == len(temperatures) - 1)
        ax.bar(range(n), p, color=colors)
        for k, v in enumerate(p):
            ax.text(k, v + 0.02, number(v, 3, tiny=True), ha="center", va="bottom", **FONT)
    return fig


class SoftmaxPlot(LivePlot):
    """The figure of the softmax sliders: n scores a_k (left) and their probabilities (right).

    Both panels keep fixed axes (scores from ``score_range``, probabilities from 0 to 1), so the
    bars visibly grow and shrink. Build it once, then call :meth:`show`.

    Book §3.5; notebook 03.
    """

    def __init__(self, n: int = 3, score_range=(-5.0, 5.0)):
        self.n = int(n)
        self.score_range = tuple(float(v) for v in score_range)
        colors = [CLASS_COLORS[k % len(CLASS_COLORS)] for k in range(self.n)]
        self.figure = new_figure((10.4, 4.0))
        ax_a, ax_p = self.figure.subplots(1, 2)
        ks = np.arange(self.n)
        low, high = self.score_range
        ax_a.set_ylim(low - 0.15 * (high - low), high + 0.15 * (high - low))  # room for the labels
        _score_axes(ax_a, self.n, "Scores a (the sliders)")
        _probability_axes(ax_p, self.n, "")
        # The widest title there can be, so that the layout made once fits every title.
        self._title = ax_p.set_title("softmax(a / T) with T = 00.00", **FONT)
        self._score_bars = list(ax_a.bar(ks, np.zeros(self.n), color=colors))
        self._prob_bars = list(ax_p.bar(ks, np.zeros(self.n), color=colors))
        self._score_texts = [ax_a.text(k, 0, "", ha="center", **FONT) for k in ks]
        self._prob_texts = [ax_p.text(k, 0, "", ha="center", va="bottom", **FONT) for k in ks]
        self._start_live(
            [*self._score_bars, *self._prob_bars, *self._score_texts, *self._prob_texts, self._title]
        )

    def show(self, scores, temperature: float, probabilities) -> None:
        """Draw the ``scores`` a_1 ... a_n and the ``probabilities`` softmax(a / T) the widget computed
        for the ``temperature`` T (then :meth:`png`)."""
        a = np.asarray(scores, dtype=float)
        p = np.asarray(probabilities, dtype=float)
        if a.shape != (self.n,) or p.shape != (self.n,):
            raise ValueError(
                f"expected {self.n} scores and {self.n} probabilities, got shapes {a.shape} and {p.shape}"
            )
        low, high = self.score_range
        span = high - low
        for k in range(self.n):
            shown = float(np.clip(a[k], low, high))  # a bar never leaves its axes
            self._score_bars[k].set_height(shown)
            self._score_texts[k].set_text(number(a[k], 2))
            self._score_texts[k].set_position((k, shown + (0.015 if shown >= 0 else -0.015) * span))
            self._score_texts[k].set_verticalalignment("bottom" if shown >= 0 else "top")
            self._prob_bars[k].set_height(p[k])
            self._prob_texts[k].set_text(number(p[k], 3, tiny=True))
            self._prob_texts[k].set_position((k, p[k] + 0.02))
            bold = p[k] == p.max()
            self._prob_bars[k].set_edgecolor("black" if bold else "none")
            self._prob_bars[k].set_linewidth(2.0 if bold else 0.0)
        self._title.set_text(f"softmax(a / T) with T = {float(temperature):.2f}")
