"""Figure builders for the notebooks: numbers in, a matplotlib ``Figure`` out.

Nothing here uses ``pyplot``: every figure is a plain ``matplotlib.figure.Figure``, so building
one never leaks into a notebook's other cells, and a widget can redraw it many times. In a
notebook, a ``Figure`` as the last line of a cell is shown as a picture (after
``import matplotlib.pyplot``, which turns Jupyter's inline display on), and
:func:`figure_to_png` renders one to PNG bytes. The figures behind the widgets
(:class:`ActivationExplorerPlot`, :class:`NeuronPlot`, :class:`SoftmaxPlot`) redraw only their moving parts, with ``png()``.
"""

from __future__ import annotations

import io

import numpy as np
import PIL.Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .activations import ACTIVATIONS, sigmoid, step_function
from .outputs import softmax

__all__ = [
    "STYLE",
    "LEAKY_ALPHA",
    "evaluate",
    "figure_to_png",
    "activations_figure",
    "ActivationExplorerPlot",
    "NeuronPlot",
    "CLASS_COLORS",
    "softmax_figure",
    "SoftmaxPlot",
]

#: Colour and legend label of each activation, the same in every figure of the series.
#: Leaky ReLU is drawn with alpha = 0.1: with the usual 0.01 its slope would not show.
STYLE = {
    "step": {"color": "C0", "label": "step"},
    "sigmoid": {"color": "C1", "label": "sigmoid"},
    "relu": {"color": "C2", "label": "ReLU"},
    "tanh": {"color": "C3", "label": "tanh"},
    "leaky_relu": {"color": "C4", "label": "leaky ReLU (α = 0.1)"},
}
LEAKY_ALPHA = 0.1
_FONT = {"fontsize": 11}


def figure_to_png(fig: Figure, dpi: int = 100) -> bytes:
    """Render ``fig`` to PNG bytes (what a widget's ``Image`` shows)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def _check_names(names) -> tuple:
    names = tuple(names)
    unknown = [n for n in names if n not in ACTIVATIONS]
    if unknown or not names:
        raise ValueError(
            f"names must be a non-empty list drawn from {sorted(ACTIVATIONS)}, got {list(names)}"
        )
    return names


def evaluate(name: str, x, derivative: bool = False):
    """h(x), or h'(x) if ``derivative``, of the activation called ``name``, as the figures draw it
    (leaky ReLU with alpha = ``LEAKY_ALPHA``)."""
    func = ACTIVATIONS[name][1 if derivative else 0]
    return func(x, LEAKY_ALPHA) if name == "leaky_relu" else func(x)


# Where a curve jumps, matplotlib would join the two sides with a vertical line, as if the
# function took every value in between. We draw the two sides apart and mark the value the
# function takes at the jump with a filled dot and the value it does not take with an open dot.
_JUMPS = {  # (name, derivative?) -> the x of the jump
    ("step", False): 0.0,
    ("relu", True): 0.0,
    ("leaky_relu", True): 0.0,
}


def _draw_curve(ax, name: str, xs: np.ndarray, derivative: bool, linestyle: str = "-") -> None:
    style = STYLE[name]
    ys = evaluate(name, xs, derivative)
    jump = _JUMPS.get((name, derivative))
    if jump is None:
        ax.plot(xs, ys, color=style["color"], lw=2, ls=linestyle, label=style["label"])
        return
    left, right = xs <= jump, xs > jump
    ax.plot(xs[left], ys[left], color=style["color"], lw=2, ls=linestyle, label=style["label"])
    ax.plot(xs[right], ys[right], color=style["color"], lw=2, ls=linestyle)
    at = float(evaluate(name, jump, derivative))
    limit_right = float(evaluate(name, jump + 1e-9, derivative))
    ax.plot([jump], [limit_right], "o", mfc="white", mec=style["color"], ms=7, zorder=3)
    ax.plot([jump], [at], "o", color=style["color"], ms=7, zorder=3)


def _new_figure(figsize) -> Figure:
    """A Figure with its own Agg canvas: it can be drawn and saved without pyplot."""
    fig = Figure(figsize=figsize, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


class _LivePlot:
    """Base of the figures that widgets redraw: the parts that never change (axes, ticks, curves,
    legend) are drawn once and kept as a picture; a redraw paints only the moving parts on a
    copy of it and encodes the PNG. This keeps a slider step fast, and the axes fixed."""

    figure: Figure

    def _start_live(self, moving) -> None:
        self._moving = list(moving)
        for artist in self._moving:
            artist.set_animated(True)  # left out of the full draw below
        canvas = self.figure.canvas
        canvas.draw()  # lays the figure out once ...
        self.figure.set_layout_engine("none")  # ... and keeps that layout
        self._background = canvas.copy_from_bbox(self.figure.bbox)

    def png(self) -> bytes:
        """The figure as it is now, as PNG bytes (what a widget's ``Image`` shows)."""
        canvas = self.figure.canvas
        canvas.restore_region(self._background)
        for artist in self._moving:
            self.figure.draw_artist(artist)
        buf = io.BytesIO()
        PIL.Image.fromarray(np.asarray(canvas.buffer_rgba())).save(buf, format="png", compress_level=1)
        return buf.getvalue()


def _setup_axes(ax, x_range, y_range, ylabel: str, title: str) -> None:
    ax.set_xlim(*x_range)
    ax.set_ylim(*y_range)
    ax.axhline(0, color="0.6", lw=0.8, zorder=0)
    ax.axvline(0, color="0.6", lw=0.8, zorder=0)
    ax.grid(True, alpha=0.3)
    ax.set_xlabel("x", **_FONT)
    ax.set_ylabel(ylabel, **_FONT)
    ax.set_title(title, **_FONT)


def _y_range(names, x_range, derivative: bool):
    xs = np.linspace(*x_range, 401)
    lo = min(float(np.min(evaluate(n, xs, derivative))) for n in names)
    hi = max(float(np.max(evaluate(n, xs, derivative))) for n in names)
    pad = 0.1 * max(hi - lo, 1.0)
    return lo - pad, hi + pad


def activations_figure(
    names=("step", "sigmoid", "relu"), x_range=(-5.0, 5.0), derivatives: bool = True
) -> Figure:
    """Curves of the named activations h(x) and, if ``derivatives``, their slopes h'(x) beside them.

    ``names`` come from ``nbhelpers.ACTIVATIONS``: "step", "sigmoid", "relu", "tanh", "leaky_relu".
    The sigmoid's largest slope, h'(0) = 0.25, is marked on the derivative panel.
    """
    names = _check_names(names)
    xs = np.linspace(*x_range, 801)
    ncols = 2 if derivatives else 1
    fig = _new_figure((5.2 * ncols, 4.0))
    axes = fig.subplots(1, ncols, squeeze=False)[0]
    _setup_axes(axes[0], x_range, _y_range(names, x_range, False), "h(x)", "Activation functions h(x)")
    for name in names:
        _draw_curve(axes[0], name, xs, derivative=False)
    axes[0].legend(loc="upper left", **_FONT)
    if derivatives:
        ax = axes[1]
        _setup_axes(ax, x_range, _y_range(names, x_range, True), "h′(x)", "Their derivatives (slopes) h′(x)")
        for name in names:
            _draw_curve(ax, name, xs, derivative=True, linestyle="--" if name == "step" else "-")
        if "sigmoid" in names:
            ax.axhline(0.25, color=STYLE["sigmoid"]["color"], lw=0.8, ls=":")
            ax.annotate(
                "sigmoid′ ≤ 0.25",
                xy=(0, 0.25),
                xytext=(0.35 * x_range[1], 0.45),
                arrowprops={"arrowstyle": "->", "color": "0.3"},
                **_FONT,
            )
        ax.legend(loc="upper left", **_FONT)
    return fig


class ActivationExplorerPlot(_LivePlot):
    """The figure of the x slider: h(x) and h'(x) of several activations, each with a marker at x.

    Build it once, then call :meth:`set_x` to move the markers: only the markers move, so a
    redraw is quick and the axes stay fixed.
    """

    def __init__(self, names=("step", "sigmoid", "relu", "tanh", "leaky_relu"), x_range=(-4.0, 4.0)):
        self.names = _check_names(names)
        self.x_range = tuple(float(v) for v in x_range)
        xs = np.linspace(*self.x_range, 801)
        self.figure = _new_figure((10.4, 4.0))
        self._axes = self.figure.subplots(1, 2)
        titles = ("h(x): the marker is at (x, h(x))", "h′(x): the slope at x")
        self._markers = {}
        self._guides = []
        for ax, derivative, title in zip(self._axes, (False, True), titles):
            ylabel = "h′(x)" if derivative else "h(x)"
            _setup_axes(ax, self.x_range, _y_range(self.names, self.x_range, derivative), ylabel, title)
            for name in self.names:
                _draw_curve(ax, name, xs, derivative)
                (marker,) = ax.plot([], [], "o", color=STYLE[name]["color"], ms=9, mec="black", zorder=4)
                self._markers[name, derivative] = marker
            self._guides.append(ax.axvline(0.0, color="black", lw=1, ls=":"))
        self._axes[0].legend(loc="upper left", **_FONT)
        self._start_live([*self._markers.values(), *self._guides])

    def set_x(self, x: float) -> None:
        """Move every marker and the dotted guide line to ``x`` (then :meth:`png` shows it)."""
        x = float(np.clip(x, *self.x_range))
        for (name, derivative), marker in self._markers.items():
            marker.set_data([x], [float(evaluate(name, x, derivative))])
        for guide in self._guides:
            guide.set_xdata([x, x])


class NeuronPlot(_LivePlot):
    """One neuron y = h(w·x + b): the sigmoid against the step, for the w and b sliders.

    The dotted line marks where a = w·x + b = 0 (x = -b/w), the point both curves switch at.
    Build it once, then call :meth:`set_params`; the axes stay fixed.
    """

    def __init__(self, x_range=(-6.0, 6.0)):
        self.x_range = tuple(float(v) for v in x_range)
        self._xs = np.linspace(*self.x_range, 1201)
        self.figure = _new_figure((7.5, 4.0))
        ax = self.figure.subplots()
        self._ax = ax
        _setup_axes(ax, self.x_range, (-0.1, 1.1), "y = h(w·x + b)", "")
        (self._sig,) = ax.plot([], [], color=STYLE["sigmoid"]["color"], lw=2.5, label="sigmoid(w·x + b)")
        (self._step,) = ax.plot(
            [],
            [],
            color=STYLE["step"]["color"],
            lw=1.5,
            ls="--",
            label="step(w·x + b)",
            drawstyle="steps-mid",
        )
        self._boundary = ax.axvline(0.0, color="black", lw=1, ls=":", label="w·x + b = 0")
        ax.legend(loc="upper left", **_FONT)
        # The widest title there can be, so that the layout made once fits every title.
        self._title = ax.set_title("One neuron: w = -00.00, b = -00.00", **_FONT)
        self._start_live([self._sig, self._step, self._boundary, self._title])

    def set_params(self, w: float, b: float) -> None:
        """Set the curves for weight ``w`` and bias ``b`` (then :meth:`png` shows them)."""
        w, b = float(w), float(b)
        a = w * self._xs + b
        self._sig.set_data(self._xs, sigmoid(a))
        self._step.set_data(self._xs, step_function(a))
        if w != 0:
            self._boundary.set_xdata([-b / w, -b / w])
            self._boundary.set_visible(True)
        else:
            self._boundary.set_visible(False)
        self._title.set_text(f"One neuron: w = {w:.2f}, b = {b:.2f}")


#: Colours of the classes (outputs) 1, 2, 3, ... in the softmax figures.
CLASS_COLORS = ("C0", "C1", "C2", "C4", "C5", "C6", "C7", "C8", "C9", "C3")


def _class_labels(n: int) -> list:
    return [f"class {k}" for k in range(1, n + 1)]


def _probability_axes(ax, n: int, title: str, legend: bool = True) -> None:
    ax.set_ylim(0.0, 1.12)
    ax.set_yticks(np.linspace(0.0, 1.0, 6))
    ax.set_xticks(range(n), _class_labels(n), **_FONT)
    ax.set_ylabel("probability y_k", **_FONT)
    ax.set_title(title, **_FONT)
    ax.axhline(1.0, color="0.6", lw=0.8, ls="--", zorder=0)
    ax.axhline(1.0 / n, color="0.3", lw=1.0, ls=":", zorder=0, label=f"all equal: 1/{n}")
    ax.grid(True, axis="y", alpha=0.3)
    if legend:
        ax.legend(loc="upper left", **_FONT)


def _probability_label(p: float) -> str:
    """A probability written on its bar: 3 decimals, or powers of ten when it is tiny."""
    return f"{p:.3f}" if p == 0 or p >= 0.0005 else f"{p:.1e}".replace("-", "−")


def softmax_figure(a, temperatures=(1.0,)) -> Figure:
    """Bars of the scores ``a`` (left) and of ``softmax(a / T)`` for each temperature T (right).

    With the default T = 1 this is plain softmax(a): the scores, then the probabilities they become.
    """
    a = np.asarray(a, dtype=float)
    if a.ndim != 1 or a.size == 0:
        raise ValueError(f"a must be a non-empty list of scores, got shape {a.shape}")
    temperatures = [float(t) for t in temperatures]
    if not temperatures or min(temperatures) <= 0:
        raise ValueError(f"temperatures must be positive numbers, got {temperatures}")
    n = a.size
    colors = [CLASS_COLORS[k % len(CLASS_COLORS)] for k in range(n)]
    fig = _new_figure((3.6 * (1 + len(temperatures)), 3.8))
    axes = fig.subplots(1, 1 + len(temperatures))
    ax = axes[0]
    ax.bar(range(n), a, color=colors)
    ax.axhline(0, color="0.3", lw=0.8)
    ax.set_xticks(range(n), _class_labels(n), **_FONT)
    ax.set_ylabel("score a_k", **_FONT)
    ax.set_title("Scores a (any real numbers)", **_FONT)
    ax.grid(True, axis="y", alpha=0.3)
    top = max(1.0, float(np.max(np.abs(a))))
    ax.set_ylim(min(0.0, float(a.min())) - 0.15 * top, max(0.0, float(a.max())) + 0.15 * top)
    for k, v in enumerate(a):
        up = v >= 0
        ax.annotate(
            f"{v:g}".replace("-", "−"),
            (k, v),
            xytext=(0, 3 if up else -3),
            textcoords="offset points",
            ha="center",
            va="bottom" if up else "top",
            **_FONT,
        )
    for i, (ax, t) in enumerate(zip(axes[1:], temperatures)):
        p = softmax(a / t)
        title = "softmax(a)" if t == 1 and len(temperatures) == 1 else f"softmax(a / T), T = {t:g}"
        _probability_axes(ax, n, title, legend=i == 0)
        ax.bar(range(n), p, color=colors)
        for k, v in enumerate(p):
            ax.text(k, v + 0.02, _probability_label(float(v)), ha="center", va="bottom", **_FONT)
    return fig


class SoftmaxPlot(_LivePlot):
    """The figure of the softmax sliders: three scores a_k (left) and softmax(a / T) (right).

    Both panels keep fixed axes (scores from ``score_range``, probabilities from 0 to 1), so the
    bars visibly grow and shrink. Build it once, then call :meth:`set_scores`.
    """

    def __init__(self, n: int = 3, score_range=(-5.0, 5.0)):
        self.n = int(n)
        self.score_range = tuple(float(v) for v in score_range)
        colors = [CLASS_COLORS[k % len(CLASS_COLORS)] for k in range(self.n)]
        self.figure = _new_figure((10.4, 4.0))
        ax_a, ax_p = self.figure.subplots(1, 2)
        ks = np.arange(self.n)
        ax_a.set_xticks(ks, _class_labels(self.n), **_FONT)
        low, high = self.score_range
        ax_a.set_ylim(low - 0.15 * (high - low), high + 0.15 * (high - low))  # room for the labels
        ax_a.axhline(0, color="0.3", lw=0.8)
        ax_a.grid(True, axis="y", alpha=0.3)
        ax_a.set_ylabel("score a_k", **_FONT)
        ax_a.set_title("Scores a (the sliders)", **_FONT)
        _probability_axes(ax_p, self.n, "")
        # The widest title there can be, so that the layout made once fits every title.
        self._title = ax_p.set_title("softmax(a / T) with T = 00.00", **_FONT)
        self._score_bars = list(ax_a.bar(ks, np.zeros(self.n), color=colors))
        self._prob_bars = list(ax_p.bar(ks, np.zeros(self.n), color=colors))
        self._score_texts = [ax_a.text(k, 0, "", ha="center", **_FONT) for k in ks]
        self._prob_texts = [ax_p.text(k, 0, "", ha="center", va="bottom", **_FONT) for k in ks]
        self.probabilities = np.full(self.n, 1.0 / self.n)
        self._start_live(
            [*self._score_bars, *self._prob_bars, *self._score_texts, *self._prob_texts, self._title]
        )

    def set_scores(self, *values) -> None:
        """Show scores ``a_1, ..., a_n`` and temperature ``T`` (the last value), then :meth:`png`."""
        *a, t = (float(v) for v in values)
        if len(a) != self.n:
            raise ValueError(f"expected {self.n} scores and a temperature, got {len(values)} values")
        if not t > 0:
            raise ValueError(f"the temperature T must be positive, got {t}")
        a = np.array(a)
        self.probabilities = p = softmax(a / t)
        low, high = self.score_range
        span = high - low
        for k in range(self.n):
            shown = float(np.clip(a[k], low, high))  # a bar never leaves its axes
            self._score_bars[k].set_height(shown)
            self._score_texts[k].set_text(f"{a[k]:.2f}".replace("-", "−"))
            self._score_texts[k].set_position((k, shown + (0.015 if shown >= 0 else -0.015) * span))
            self._score_texts[k].set_verticalalignment("bottom" if shown >= 0 else "top")
            self._prob_bars[k].set_height(p[k])
            self._prob_texts[k].set_text(_probability_label(float(p[k])))
            self._prob_texts[k].set_position((k, p[k] + 0.02))
            bold = p[k] == p.max()
            self._prob_bars[k].set_edgecolor("black" if bold else "none")
            self._prob_bars[k].set_linewidth(2.0 if bold else 0.0)
        self._title.set_text(f"softmax(a / T) with T = {t:.2f}")
