"""Figures of the activation functions h(x) and their slopes h'(x), and of one neuron h(w·x + b)."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from .._format import number
from ..activations import ACTIVATION_LABELS, ACTIVATIONS, evaluate, sigmoid, step_function
from ._figure import FONT, LivePlot, new_figure, xy_axes

__all__ = ["STYLE", "LEAKY_ALPHA", "activations_figure", "ActivationExplorerPlot", "NeuronPlot"]

#: Leaky ReLU is drawn with alpha = 0.1: with the usual 0.01 its slope would not show.
LEAKY_ALPHA = 0.1
_COLORS = {"step": "C0", "sigmoid": "C1", "relu": "C2", "tanh": "C3", "leaky_relu": "C4"}

#: Colour and legend label of each activation, the same in every figure of the series (the labels
#: are ``nbhelpers.activations.ACTIVATION_LABELS``; leaky ReLU's says which alpha the figures draw).
STYLE = {
    name: {
        "color": color,
        "label": ACTIVATION_LABELS[name] + (f" (α = {LEAKY_ALPHA:g})" if name == "leaky_relu" else ""),
    }
    for name, color in _COLORS.items()
}


def _check_names(names) -> tuple:
    names = tuple(names)
    unknown = [n for n in names if n not in ACTIVATIONS]
    if unknown or not names:
        raise ValueError(
            f"names must be a non-empty list drawn from {sorted(ACTIVATIONS)}, got {list(names)}"
        )
    return names


def _h(name: str, x, derivative: bool = False):
    """h(x) or h'(x) as the figures draw it: leaky ReLU with alpha = ``LEAKY_ALPHA``."""
    return evaluate(name, x, derivative, alpha=LEAKY_ALPHA)


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
    ys = _h(name, xs, derivative)
    jump = _JUMPS.get((name, derivative))
    if jump is None:
        ax.plot(xs, ys, color=style["color"], lw=2, ls=linestyle, label=style["label"])
        return
    left, right = xs <= jump, xs > jump
    ax.plot(xs[left], ys[left], color=style["color"], lw=2, ls=linestyle, label=style["label"])
    ax.plot(xs[right], ys[right], color=style["color"], lw=2, ls=linestyle)
    at = float(_h(name, jump, derivative))
    limit_right = float(_h(name, jump + 1e-9, derivative))
    ax.plot([jump], [limit_right], "o", mfc="white", mec=style["color"], ms=7, zorder=3)
    ax.plot([jump], [at], "o", color=style["color"], ms=7, zorder=3)


def _y_range(names, x_range, derivative: bool):
    xs = np.linspace(*x_range, 401)
    lo = min(float(np.min(_h(n, xs, derivative))) for n in names)
    hi = max(float(np.max(_h(n, xs, derivative))) for n in names)
    pad = 0.1 * max(hi - lo, 1.0)
    return lo - pad, hi + pad


def activations_figure(
    names=("step", "sigmoid", "relu"), x_range=(-5.0, 5.0), derivatives: bool = True
) -> Figure:
    """Curves of the named activations h(x) and, if ``derivatives``, their slopes h'(x) beside them.

    ``names`` come from ``nbhelpers.ACTIVATIONS``: "step", "sigmoid", "relu", "tanh", "leaky_relu".
    The sigmoid's largest slope, h'(0) = 0.25, is marked on the derivative panel.

    Book §3.2.3–3.2.7; notebook 02.
    """
    names = _check_names(names)
    xs = np.linspace(*x_range, 801)
    ncols = 2 if derivatives else 1
    fig = new_figure((5.2 * ncols, 4.0))
    axes = fig.subplots(1, ncols, squeeze=False)[0]
    xy_axes(axes[0], x_range, _y_range(names, x_range, False), "h(x)", "Activation functions h(x)")
    for name in names:
        _draw_curve(axes[0], name, xs, derivative=False)
    axes[0].legend(loc="upper left", **FONT)
    if derivatives:
        ax = axes[1]
        xy_axes(ax, x_range, _y_range(names, x_range, True), "h′(x)", "Their derivatives (slopes) h′(x)")
        for name in names:
            _draw_curve(ax, name, xs, derivative=True, linestyle="--" if name == "step" else "-")
        if "sigmoid" in names:
            ax.axhline(0.25, color=STYLE["sigmoid"]["color"], lw=0.8, ls=":")
            ax.annotate(
                "sigmoid′ ≤ 0.25",
                xy=(0, 0.25),
                xytext=(0.35 * x_range[1], 0.45),
                arrowprops={"arrowstyle": "->", "color": "0.3"},
                **FONT,
            )
        ax.legend(loc="upper left", **FONT)
    return fig


class ActivationExplorerPlot(LivePlot):
    """The figure of the x slider: h(x) and h'(x) of several activations, each with a marker at x.

    Build it once, then call :meth:`show` with the values at x: only the markers move, so a redraw
    is quick and the axes stay fixed.

    Book §3.2; notebook 02.
    """

    def __init__(self, names=("step", "sigmoid", "relu", "tanh", "leaky_relu"), x_range=(-4.0, 4.0)):
        self.names = _check_names(names)
        self.x_range = tuple(float(v) for v in x_range)
        xs = np.linspace(*self.x_range, 801)
        self.figure = new_figure((10.4, 4.0))
        self._axes = self.figure.subplots(1, 2)
        titles = ("h(x): the marker is at (x, h(x))", "h′(x): the slope at x")
        self._markers = {}
        self._guides = []
        for ax, derivative, title in zip(self._axes, (False, True), titles):
            ylabel = "h′(x)" if derivative else "h(x)"
            xy_axes(ax, self.x_range, _y_range(self.names, self.x_range, derivative), ylabel, title)
            for name in self.names:
                _draw_curve(ax, name, xs, derivative)
                (marker,) = ax.plot([], [], "o", color=STYLE[name]["color"], ms=9, mec="black", zorder=4)
                self._markers[name, derivative] = marker
            self._guides.append(ax.axvline(0.0, color="black", lw=1, ls=":"))
        self._axes[0].legend(loc="upper left", **FONT)
        self._start_live([*self._markers.values(), *self._guides])

    def show(self, x: float, values: dict) -> None:
        """Put the markers at ``x``: ``values[name] = (h(x), h'(x))`` for each of the plot's names."""
        x = float(np.clip(x, *self.x_range))
        for (name, derivative), marker in self._markers.items():
            marker.set_data([x], [float(values[name][int(derivative)])])
        for guide in self._guides:
            guide.set_xdata([x, x])


class NeuronPlot(LivePlot):
    """One neuron y = h(w·x + b): the sigmoid against the step, for the w and b sliders.

    The dotted line marks where a = w·x + b = 0 (x = -b/w), the point both curves switch at.
    Build it once, then call :meth:`show` with w and b; it draws the two curves of those parameters
    (its own 1201 points, which nobody reads back), and the axes stay fixed.

    Book §3.2.5; notebook 02.
    """

    def __init__(self, x_range=(-6.0, 6.0)):
        self.x_range = tuple(float(v) for v in x_range)
        self._xs = np.linspace(*self.x_range, 1201)
        self.figure = new_figure((7.5, 4.0))
        ax = self.figure.subplots()
        xy_axes(ax, self.x_range, (-0.1, 1.1), "y = h(w·x + b)", "")
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
        ax.legend(loc="upper left", **FONT)
        # The widest title there can be, so that the layout made once fits every title.
        self._title = ax.set_title("One neuron: w = −00.00, b = −00.00", **FONT)
        self._start_live([self._sig, self._step, self._boundary, self._title])

    def show(self, w: float, b: float) -> None:
        """Draw the curves for weight ``w`` and bias ``b`` (then :meth:`png` shows them)."""
        w, b = float(w), float(b)
        a = w * self._xs + b
        self._sig.set_data(self._xs, sigmoid(a))
        self._step.set_data(self._xs, step_function(a))
        if w != 0:
            self._boundary.set_xdata([-b / w, -b / w])
            self._boundary.set_visible(True)
        else:
            self._boundary.set_visible(False)
        self._title.set_text(f"One neuron: w = {number(w, 2)}, b = {number(b, 2)}")
