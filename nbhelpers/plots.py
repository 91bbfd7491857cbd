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
from .network import forward, init_network, layer_count
from .outputs import softmax
from .perceptron import GATE_WEIGHTS, INPUTS, TABLE_NAMES, XOR, gate_name, perceptron, truth_table

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
    "NODE_CMAP",
    "NODE_RANGE",
    "network_figure",
    "network_plane_figure",
    "NetworkPlot",
    "GATE_STYLE",
    "GATE_BOX",
    "gate_figure",
    "gates_figure",
    "GatePlot",
    "perceptron_diagram",
    "xor_network_figure",
    "xor_region_figure",
    "curved_region_figure",
    "digits_figure",
    "flatten_figure",
    "prediction_figure",
    "confusion_figure",
    "DigitPlot",
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
    ax.axhline(0, color="0.3", lw=0.8, zorder=0.8)
    ax.set_xticks(range(n), _class_labels(n), **_FONT)
    ax.set_ylabel("score a_k", **_FONT)
    ax.set_title("Scores a (any real numbers)", **_FONT)
    ax.grid(True, axis="y", alpha=0.3)
    ax.set_axisbelow(True)
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
        _probability_axes(ax, n, title, legend=i == len(temperatures) - 1)
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
        ax_a.axhline(0, color="0.3", lw=0.8, zorder=0.8)  # under the bars, as in the quick redraw
        ax_a.grid(True, axis="y", alpha=0.3)
        ax_a.set_axisbelow(True)
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


# ---- Notebook 04: the three-layer network ----

#: The colour scale of the values on a network diagram's nodes (values beyond it get its end colours).
NODE_CMAP, NODE_RANGE = "coolwarm", (-2.0, 2.0)
_WEIGHT_COLORS = {True: "#c0392b", False: "#2166ac"}  # positive: red, negative: blue


def _layer_sizes(network) -> list:
    n = layer_count(network)
    sizes = [np.shape(network["W1"])[0]]
    sizes += [np.shape(network[f"W{k}"])[1] for k in range(1, n + 1)]
    return sizes


def _node_labels(sizes) -> list:
    """Mathtext names of the nodes, layer by layer: x_1, x_2 | z^(1)_1 ... | y_1 ..."""
    last = len(sizes) - 1
    labels = []
    for k, n in enumerate(sizes):
        if k == 0:
            labels.append([f"$x_{{{m}}}$" for m in range(1, n + 1)])
        elif k == last:
            labels.append([f"$y_{{{m}}}$" for m in range(1, n + 1)])
        else:
            labels.append([f"$z^{{({k})}}_{{{m}}}$" for m in range(1, n + 1)])
    return labels


def _text_color(rgba) -> str:
    r, g, b = rgba[:3]
    return "black" if 0.299 * r + 0.587 * g + 0.114 * b > 0.5 else "white"


class _NetworkDiagram:
    """The circles, lines and numbers of a small network drawn on ``ax``; :meth:`show` writes the
    values of one forward pass on it.

    Layer k is column k; its neurons are stacked from the top. A grey square "1" at the top of
    column k - 1 stands for the constant input that the biases b^(k) multiply. A line's colour is
    the sign of its weight (red +, blue −), its width the weight's size.
    """

    RADIUS, DX, DY = 0.42, 2.4, 1.7
    MAX_NEURONS = 12  # a layer with more would not fit on a page

    def __init__(self, ax, network, caption: bool = True):
        from matplotlib.cm import ScalarMappable
        from matplotlib.colors import Normalize
        from matplotlib.patches import Circle, FancyBboxPatch

        self.sizes = _layer_sizes(network)
        if max(self.sizes) > self.MAX_NEURONS:
            raise ValueError(
                f"a layer of {max(self.sizes)} neurons is too many to draw (at most {self.MAX_NEURONS}); "
                f"layer sizes: {self.sizes}"
            )
        self.mappable = ScalarMappable(Normalize(*NODE_RANGE), NODE_CMAP)
        last = len(self.sizes) - 1
        top = (max(self.sizes) - 1) / 2 * self.DY
        self.pos = [  # (x, y) of neuron m of layer k, centred on y = 0
            [(self.DX * k, ((n - 1) / 2 - m) * self.DY) for m in range(n)] for k, n in enumerate(self.sizes)
        ]
        biggest = max(
            float(np.max(np.abs(network[f"{kind}{k}"]))) for kind in "Wb" for k in range(1, last + 1)
        )
        biggest = biggest or 1.0
        label_box = {"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.85}

        def edge(p, q, w):
            ax.plot(
                [p[0], q[0]],
                [p[1], q[1]],
                color=_WEIGHT_COLORS[w >= 0],
                lw=0.5 + 4.0 * abs(w) / biggest,
                alpha=0.7,
                zorder=1,
                solid_capstyle="butt",
            )

        bias_y = top + 1.1 * self.DY
        for k in range(1, last + 1):
            w, b = np.asarray(network[f"W{k}"]), np.asarray(network[f"b{k}"])
            for n, p in enumerate(self.pos[k - 1]):
                for m, q in enumerate(self.pos[k]):
                    edge(p, q, float(w[n, m]))
            bias = (self.DX * (k - 1), bias_y)
            for m, q in enumerate(self.pos[k]):
                edge(bias, q, float(b[m]))
            ax.add_patch(
                FancyBboxPatch(
                    (bias[0] - 0.2, bias[1] - 0.2),
                    0.4,
                    0.4,
                    boxstyle="round,pad=0.03",
                    fc="0.88",
                    ec="0.4",
                    zorder=2,
                )
            )
            ax.text(*bias, "1", ha="center", va="center", fontsize=11, zorder=3)
        self.circles, self.values, self.sums = [], [], []
        labels = _node_labels(self.sizes)
        for k, layer in enumerate(self.pos):
            for m, (x, y) in enumerate(layer):
                circle = Circle((x, y), self.RADIUS, fc="white", ec="black", lw=1.2, zorder=3)
                ax.add_patch(circle)
                self.circles.append(circle)
                self.values.append(ax.text(x, y, "", ha="center", va="center", fontsize=10, zorder=4))
                ax.text(
                    x,
                    y + self.RADIUS + 0.06,
                    labels[k][m],
                    ha="center",
                    va="bottom",
                    fontsize=12,
                    zorder=4,
                    bbox=label_box,
                )
                if k > 0:  # under each neuron: its weighted sum a
                    self.sums.append(
                        ax.text(
                            x,
                            y - self.RADIUS - 0.08,
                            "",
                            ha="center",
                            va="top",
                            fontsize=9,
                            color="0.2",
                            zorder=4,
                        )
                    )
        bottom = -top - self.RADIUS - 0.55
        self.titles = [
            ax.text(self.DX * k, bottom, "", ha="center", va="top", fontsize=11) for k in range(last + 1)
        ]
        self.set_names("h", "σ")
        if caption:
            ax.text(
                self.DX * last / 2,
                bottom - 0.95,
                "lines: red for a weight > 0, blue for < 0, thicker for a larger |weight|;  under a neuron: its sum a",
                ha="center",
                va="top",
                fontsize=9,
                color="0.3",
            )
        ax.set_xlim(-0.7, self.DX * last + 0.7)
        ax.set_ylim(bottom - (1.4 if caption else 0.9), bias_y + 0.4)
        ax.set_aspect("equal")
        ax.set_axis_off()

    def set_names(self, hidden: str, output: str) -> None:
        """Write the activations' names under the columns."""
        last = len(self.titles) - 1
        for k, title in enumerate(self.titles):
            if k == 0:
                title.set_text("input\n(layer 0)")
            elif k < last:
                title.set_text(f"layer {k}\n{hidden}")
            else:
                title.set_text(f"output (layer {k})\n{output}")

    def artists(self) -> list:
        return [*self.circles, *self.values, *self.sums]

    def show(self, values: dict) -> None:
        """Write the values of ``forward(..., return_intermediates=True)`` (one input) on the nodes."""
        last = len(self.sizes) - 1
        node_values = [values["X"]] + [values[f"Z{k}"] for k in range(1, last)] + [values["Y"]]
        flat = [float(v) for layer in node_values for v in np.ravel(layer)]
        sums = [float(v) for k in range(1, last + 1) for v in np.ravel(values[f"A{k}"])]
        for circle, text, v in zip(self.circles, self.values, flat):
            rgba = self.mappable.to_rgba(v)
            circle.set_facecolor(rgba)
            text.set_text(f"{v:.3f}".replace("-", "−"))
            text.set_color(_text_color(rgba))
        for text, v in zip(self.sums, sums):
            text.set_text(f"a = {v:.3f}".replace("-", "−"))


def _check_one_input(network, x) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    if x.shape != (_layer_sizes(network)[0],):
        raise ValueError(f"x must be one input of shape ({_layer_sizes(network)[0]},), got shape {x.shape}")
    return x


def network_figure(network, x, hidden="sigmoid", output="identity") -> Figure:
    """The network drawn as circles and lines, with the values of one forward pass of ``x`` on it.

    Each circle shows the value a neuron passes on (x, then z = h(a), then y = σ(a)), coloured on a
    blue–white–red scale; the number under it is its weighted sum a. Line colour: the weight's sign
    (red +, blue −); line width: its size. The grey "1"s are the inputs the biases multiply.
    """
    x = _check_one_input(network, x)
    _, values = forward(network, x, hidden=hidden, output=output, return_intermediates=True)
    fig = _new_figure((8.4, 5.2))
    ax = fig.subplots()
    diagram = _NetworkDiagram(ax, network)
    diagram.set_names(_activation_label(hidden), _activation_label(output))
    diagram.show(values)
    fig.colorbar(diagram.mappable, ax=ax, shrink=0.7, label="value passed on")
    return fig


def _activation_label(choice) -> str:
    names = {
        "sigmoid": "h = sigmoid",
        "relu": "h = ReLU",
        "step": "h = step",
        "tanh": "h = tanh",
        "leaky_relu": "h = leaky ReLU",
        "identity": "σ = identity",
        "softmax": "σ = softmax",
    }
    if isinstance(choice, str):
        return names.get(choice.lower(), choice)
    return getattr(choice, "__name__", "custom")  # a function passed as the activation


def _plane_grid(x_range, n: int = 201):
    xs = np.linspace(*x_range, n)
    g1, g2 = np.meshgrid(xs, xs)
    return xs, np.stack([g1.ravel(), g2.ravel()], axis=-1)


def _plane_values(network, hidden, output, x_range, k: int):
    xs, grid = _plane_grid(x_range)
    y = forward(network, grid, hidden=hidden, output=output)[:, k]
    return y.reshape(len(xs), len(xs))


def _draw_plane(ax, x_range, title: str):
    ax.set_xlim(*x_range)
    ax.set_ylim(*x_range)
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$", **_FONT)
    ax.set_ylabel("$x_2$", **_FONT)
    ax.set_title(title, **_FONT)


def network_plane_figure(
    network, hidden="sigmoid", output="identity", output_index: int = 0, x_range=(-3.0, 3.0), mark=None
) -> Figure:
    """One output, y_k with k = ``output_index`` + 1, over the (x1, x2) plane, as a colour map with
    contour lines: what the network computes for every input at once (one batch of 201 × 201 points).
    ``mark`` = (x1, x2) puts a marker at one input."""
    x_range = tuple(float(v) for v in x_range)
    y = _plane_values(network, hidden, output, x_range, output_index)
    fig = _new_figure((5.6, 4.6))
    ax = fig.subplots()
    name = f"y_{{{output_index + 1}}}"
    _draw_plane(ax, x_range, f"${name}$ over the $(x_1, x_2)$ plane")
    image = ax.imshow(y, origin="lower", extent=(*x_range, *x_range), cmap="viridis", interpolation="nearest")
    if np.ptp(y) > 0:
        contours = ax.contour(
            np.linspace(*x_range, y.shape[0]),
            np.linspace(*x_range, y.shape[0]),
            y,
            levels=8,
            colors="white",
            linewidths=0.7,
            alpha=0.7,
        )
        ax.clabel(contours, fontsize=8, fmt="%.3g")
    if mark is not None:
        ax.plot(*mark, "o", ms=9, mfc="none", mec="red", mew=2)
    fig.colorbar(image, ax=ax, shrink=0.85, label=f"${name}$")
    return fig


class NetworkPlot(_LivePlot):
    """The figure of the network widget: the diagram with one input's values (left) and the first
    output y_1 over the whole (x1, x2) plane, with a marker at that input (right).

    Call :meth:`set_input` to move the input (only the nodes and the marker redraw) and
    :meth:`set_activations` to change h or σ (the plane is recomputed: a slower, full redraw).
    """

    def __init__(self, network=None, x_range=(-3.0, 3.0)):
        self.network = init_network() if network is None else network
        self.x_range = tuple(float(v) for v in x_range)
        self.hidden, self.output = "sigmoid", "identity"
        self.figure = _new_figure((12.0, 5.2))
        ax_net, ax_plane = self.figure.subplots(1, 2, width_ratios=[1.75, 1])
        self._diagram = _NetworkDiagram(ax_net, self.network, caption=False)
        self._diagram.set_names(_activation_label(self.hidden), _activation_label(self.output))
        self.figure.colorbar(self._diagram.mappable, ax=ax_net, shrink=0.6, label="value passed on", pad=0.01)
        _draw_plane(ax_plane, self.x_range, "")
        self._plane_title = ax_plane.set_title("", **_FONT)
        self._image = ax_plane.imshow(
            self._plane(),
            origin="lower",
            extent=(*self.x_range, *self.x_range),
            cmap="viridis",
            interpolation="nearest",
        )
        self.figure.colorbar(self._image, ax=ax_plane, shrink=0.85, label="$y_1$")
        self._set_plane_title()
        (self._marker,) = ax_plane.plot([], [], "o", ms=10, mfc="none", mec="red", mew=2.5, clip_on=False)
        self._marker.set_in_layout(False)  # unclipped, so that it shows whole at the edges
        self.values = None
        self._start_live([*self._diagram.artists(), self._marker])

    def _plane(self):
        """y_1 over the (x1, x2) plane for the current activations."""
        return _plane_values(self.network, self.hidden, self.output, self.x_range, 0)

    def _set_plane_title(self):
        names = f"{_activation_label(self.hidden)}, {_activation_label(self.output)}"
        self._plane_title.set_text(f"$y_1$ for every input ({names})")

    def set_activations(self, hidden: str, output: str) -> None:
        """Use ``hidden`` as h and ``output`` as σ; recomputes the plane (then :meth:`png`)."""
        if (hidden, output) == (self.hidden, self.output):
            return
        forward(self.network, np.zeros(self.sizes()[0]), hidden=hidden, output=output)  # checks the names
        self.hidden, self.output = hidden, output
        y = self._plane()
        self._image.set_data(y)
        low, high = float(np.min(y)), float(np.max(y))
        if high > low:
            self._image.set_clim(low, high)
        else:  # the same y_1 for every input: one colour, in the middle of the scale
            self._image.set_clim(low - 0.5, low + 0.5)
        self._set_plane_title()
        self._diagram.set_names(_activation_label(hidden), _activation_label(output))
        self._refresh_background()

    def sizes(self) -> list:
        return self._diagram.sizes

    def set_input(self, x1: float, x2: float) -> None:
        """Run the input (x1, x2) through the network and show its values (then :meth:`png`)."""
        _, self.values = forward(
            self.network,
            np.array([float(x1), float(x2)]),
            hidden=self.hidden,
            output=self.output,
            return_intermediates=True,
        )
        self._diagram.show(self.values)
        self._marker.set_data([float(x1)], [float(x2)])

    def set_state(self, x1: float, x2: float, hidden: str, output: str) -> None:
        """:meth:`set_activations` then :meth:`set_input`: everything the widget's controls set."""
        self.set_activations(hidden, output)
        self.set_input(x1, x2)


# ---- Notebook 01: the perceptron ----

#: Colour and marker of the perceptron's two outputs in the gate figures (the book draws 0 as ○, 1 as △).
GATE_STYLE = {
    0: {"color": "C0", "marker": "o", "label": "output y = 0"},
    1: {"color": "C1", "marker": "^", "label": "output y = 1"},
}
GATE_BOX = (-0.5, 1.5)  # the range of x1 and of x2 in every gate figure
_GATE_SHADE = {0: 0.13, 1: 0.22}
_GATE_LINE_LABEL = "line  b + w1·x1 + w2·x2 = 0"


def _gate_minus(text: str) -> str:
    return text.replace("-", "−")


def _gate_num(v: float) -> str:
    """A weight for a title: 2 decimals, a real minus sign, no "−0.00"."""
    text = f"{float(v):.2f}"
    return _gate_minus(text.lstrip("-") if float(text) == 0 else text)


def _gate_short(v: float) -> str:
    """A weight as the book writes it: 0.5, −0.7 (a real minus sign)."""
    return _gate_minus(f"{float(v):g}")


def _gate_half_planes(w1: float, w2: float, b: float, box=GATE_BOX):
    """Cut the square ``box`` × ``box`` along the line b + w1·x1 + w2·x2 = 0.

    Returns the corners of the part where the perceptron outputs 1 (b + w1·x1 + w2·x2 > 0), of the
    part where it outputs 0, and the two ends of the line inside the square (an empty list if the
    line misses the square or does not exist, w1 = w2 = 0). Each part is a list of (x1, x2) points,
    empty if the square has none of it.
    """
    lo, hi = box
    corners = [(lo, lo), (hi, lo), (hi, hi), (lo, hi)]
    ones, zeros, cuts = [], [], []
    for k, p in enumerate(corners):
        q = corners[(k + 1) % 4]
        ap, aq = b + w1 * p[0] + w2 * p[1], b + w1 * q[0] + w2 * q[1]
        (ones if ap > 0 else zeros).append(p)
        if (ap > 0) != (aq > 0):  # the line crosses this side of the square
            t = ap / (ap - aq)
            cut = (p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]))
            ones.append(cut)
            zeros.append(cut)
            cuts.append(cut)
    if len(cuts) < 2 or np.allclose(cuts[0], cuts[-1]):
        # the line misses the square, or only touches a corner: draw it where it is, if it is inside
        cuts = _gate_line_in_box(w1, w2, b, box)
    else:
        cuts = [cuts[0], cuts[-1]]
    return ones, zeros, cuts


def _gate_line_in_box(w1: float, w2: float, b: float, box) -> list:
    """The ends of the line b + w1·x1 + w2·x2 = 0 inside the square, for a line along a side or through a corner."""
    lo, hi = box
    if w1 == 0 and w2 == 0:
        return []
    points = []
    for x1 in (lo, hi):
        if w2 != 0:
            x2 = -(b + w1 * x1) / w2
            if lo <= x2 <= hi:
                points.append((x1, x2))
    for x2 in (lo, hi):
        if w1 != 0:
            x1 = -(b + w2 * x2) / w1
            if lo <= x1 <= hi:
                points.append((x1, x2))
    if not points:
        return []
    far = max(
        ((p, q) for p in points for q in points),
        key=lambda pq: np.hypot(pq[0][0] - pq[1][0], pq[0][1] - pq[1][1]),
    )
    return list(far)


def _gate_axes(ax, title: str = "") -> None:
    ax.set_xlim(*GATE_BOX)
    ax.set_ylim(*GATE_BOX)
    ax.set_aspect("equal")
    ticks = np.arange(GATE_BOX[0], GATE_BOX[1] + 0.01, 0.5)
    ax.set_xticks(ticks, [_gate_minus(f"{t:g}") for t in ticks])
    ax.set_yticks(ticks, [_gate_minus(f"{t:g}") for t in ticks])
    ax.tick_params(labelsize=_FONT["fontsize"])
    ax.grid(True, alpha=0.3)
    ax.set_xlabel("x1", **_FONT)
    ax.set_ylabel("x2", **_FONT)
    if title:
        ax.set_title(title, **_FONT)


def _gate_points(ax, outputs, **kwargs):
    """The four inputs of :data:`INPUTS` as markers, shaped and coloured by their ``outputs``."""
    artists = {}
    for y, style in GATE_STYLE.items():
        mine = INPUTS[np.asarray(outputs) == y]
        (artists[y],) = ax.plot(
            mine[:, 0],
            mine[:, 1],
            ls="none",
            marker=style["marker"],
            ms=13,
            color=style["color"],
            mec="black",
            mew=1.2,
            label=style["label"],
            zorder=4,
            **kwargs,
        )
    return artists


def _gate_legend_handles():
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [
        Line2D([], [], ls="none", marker=s["marker"], ms=11, color=s["color"], mec="black", label=s["label"])
        for s in GATE_STYLE.values()
    ]
    handles += [
        Patch(fc=GATE_STYLE[y]["color"], alpha=_GATE_SHADE[y], ec="0.6", label=f"region where y = {y}")
        for y in (0, 1)
    ]
    handles.append(Line2D([], [], color="black", lw=2, label=_GATE_LINE_LABEL))
    return handles


def _draw_gate(ax, w1: float, w2: float, b: float) -> None:
    from matplotlib.patches import Polygon

    ones, zeros, line = _gate_half_planes(w1, w2, b)
    for y, part in ((1, ones), (0, zeros)):
        if part:
            ax.add_patch(Polygon(part, fc=GATE_STYLE[y]["color"], alpha=_GATE_SHADE[y], lw=0, zorder=0))
    if line:
        (p, q) = line
        ax.plot([p[0], q[0]], [p[1], q[1]], color="black", lw=2, zorder=2)
    _gate_points(ax, truth_table(w1, w2, b))


def _gate_weights_title(w1: float, w2: float, b: float) -> str:
    return f"w1 = {_gate_num(w1)}, w2 = {_gate_num(w2)}, b = {_gate_num(b)}"


def gate_figure(w1: float, w2: float, b: float, title=None) -> Figure:
    """One perceptron in the (x1, x2) plane: the line b + w1·x1 + w2·x2 = 0, the two half-planes
    it makes (shaded by the output there), and the four inputs (0 or 1 each), shaped and coloured by
    the output the perceptron gives them. ``title`` defaults to the weights and the gate's name."""
    name = gate_name(w1, w2, b)  # checks that each is one real number
    w1, w2, b = float(w1), float(w2), float(b)
    fig = _new_figure((7.6, 4.6))
    ax = fig.subplots()
    if title is None:
        title = f"{name}:  {_gate_weights_title(w1, w2, b)}"
    _gate_axes(ax, title)
    _draw_gate(ax, w1, w2, b)
    ax.legend(handles=_gate_legend_handles(), loc="upper left", bbox_to_anchor=(1.03, 1.0), **_FONT)
    return fig


def gates_figure(names=("AND", "NAND", "OR")) -> Figure:
    """The gates named (from ``GATE_WEIGHTS``: "AND", "NAND", "OR"; or "XOR") side by side, each
    as in :func:`gate_figure`, with the book's weights. "XOR" shows its four points and no line:
    no straight line separates them."""
    names = tuple(names)
    known = [*GATE_WEIGHTS, "XOR"]
    if not names or any(n not in known for n in names):
        raise ValueError(f"names must be a non-empty list drawn from {known}, got {list(names)}")
    fig = _new_figure((3.7 * len(names), 4.5))
    axes = fig.subplots(1, len(names), squeeze=False)[0]
    for ax, name in zip(axes, names):
        if name == "XOR":
            _gate_axes(ax, "XOR: which line?")
            _gate_points(ax, XOR(INPUTS[:, 0], INPUTS[:, 1]))
            continue
        (w1, w2), b = GATE_WEIGHTS[name]
        _gate_axes(ax, f"{name}\nw = ({_gate_short(w1)}, {_gate_short(w2)}), b = {_gate_short(b)}")
        _draw_gate(ax, w1, w2, b)
    handles = _gate_legend_handles()
    if set(names) == {"XOR"}:  # no line and no regions drawn: only the points
        handles = handles[:2]
    ncols = (len(handles) + 1) // 2  # two rows
    fig.legend(handles=handles, loc="outside lower center", ncols=ncols, **_FONT)
    return fig


class GatePlot(_LivePlot):
    """The figure of the perceptron sliders: the line b + w1·x1 + w2·x2 = 0, the shaded half-planes
    and the four inputs coloured by their output, on fixed axes. Build it once, then call
    :meth:`set_params`; only the shading, the line, the points and the title are redrawn."""

    def __init__(self):
        from matplotlib.patches import Polygon

        self.figure = _new_figure((7.6, 4.6))
        ax = self.figure.subplots()
        _gate_axes(ax)
        self._shades = {
            y: ax.add_patch(
                Polygon([(0, 0)], fc=GATE_STYLE[y]["color"], alpha=_GATE_SHADE[y], lw=0, zorder=0)
            )
            for y in (1, 0)
        }
        (self._line,) = ax.plot([], [], color="black", lw=2, zorder=2)
        self._points = _gate_points(ax, [0, 0, 0, 0])
        ax.legend(handles=_gate_legend_handles(), loc="upper left", bbox_to_anchor=(1.03, 1.0), **_FONT)
        # The widest title there can be, so that the layout made once fits every title.
        self._title = ax.set_title("w1 = −0.00, w2 = −0.00, b = −0.00\ncomputes: x2 AND NOT x1", **_FONT)
        self.outputs = np.zeros(4, dtype=np.int64)
        self._start_live([*self._shades.values(), self._line, *self._points.values(), self._title])

    def set_params(self, w1: float, w2: float, b: float) -> None:
        """Show the perceptron with weights ``w1``, ``w2`` and bias ``b`` (then :meth:`png`)."""
        w1, w2, b = float(w1), float(w2), float(b)
        ones, zeros, line = _gate_half_planes(w1, w2, b)
        for y, part in ((1, ones), (0, zeros)):
            self._shades[y].set_visible(bool(part))
            if part:
                self._shades[y].set_xy(part)
        if line:
            (p, q) = line
            self._line.set_data([p[0], q[0]], [p[1], q[1]])
        self._line.set_visible(bool(line))
        self.outputs = truth_table(w1, w2, b)
        for y, artist in self._points.items():
            mine = INPUTS[self.outputs == y]
            artist.set_data(mine[:, 0], mine[:, 1])
        name = TABLE_NAMES[tuple(int(v) for v in self.outputs)]
        self._title.set_text(f"{_gate_weights_title(w1, w2, b)}\ncomputes: {name}")


def _gate_node(ax, xy, text: str, fc: str = "white", radius: float = 0.36):
    from matplotlib.patches import Circle

    ax.add_patch(Circle(xy, radius, fc=fc, ec="black", lw=1.4, zorder=3))
    ax.text(*xy, text, ha="center", va="center", fontsize=13, zorder=4)


def _gate_arrow(ax, p, q, radius: float = 0.36, label: str = "", label_at: float = 0.3, **kwargs):
    from matplotlib.patches import FancyArrowPatch

    p, q = np.asarray(p, float), np.asarray(q, float)
    u = (q - p) / np.linalg.norm(q - p)
    ax.add_patch(
        FancyArrowPatch(
            p + radius * u,
            q - radius * u,
            arrowstyle="-|>",
            mutation_scale=16,
            lw=1.4,
            color="0.25",
            zorder=2,
            shrinkA=0,
            shrinkB=0,
            **kwargs,
        )
    )
    if label:
        at = p + radius * u + label_at * (np.linalg.norm(q - p) - 2 * radius) * u
        ax.text(
            *at,
            label,
            ha="center",
            va="center",
            fontsize=11,
            zorder=5,
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"},
        )


def perceptron_diagram(bias: bool = True) -> Figure:
    """A perceptron with two inputs drawn as the book draws it: the inputs x1 and x2 flow along arrows
    weighted w1 and w2 into the neuron, which sends out y. With ``bias``, the neuron also gets the bias
    b, drawn as an input that is always 1, weighted b; without it, the rule compares with a threshold θ."""
    fig = _new_figure((6.4, 3.0))
    ax = fig.subplots()
    x1, x2, one, y = (0.0, 1.0), (0.0, -1.0), (1.7, 1.55), (2.6, 0.0)
    _gate_node(ax, x1, "x1")
    _gate_node(ax, x2, "x2")
    _gate_node(ax, y, "y", fc="#fde7d3")
    _gate_arrow(ax, x1, y, label="w1", label_at=0.45)
    _gate_arrow(ax, x2, y, label="w2", label_at=0.45)
    if bias:
        _gate_node(ax, one, "1", fc="0.9", radius=0.26)
        _gate_arrow(ax, one, y, radius=0.26, label="b", label_at=0.35, linestyle="--")
        rule = "y = 1 if b + w1·x1 + w2·x2 > 0\ny = 0 otherwise"
    else:
        rule = "y = 1 if w1·x1 + w2·x2 > θ\ny = 0 otherwise"
    ax.annotate(
        rule,
        xy=(y[0] + 0.36, y[1]),
        xytext=(y[0] + 0.9, y[1]),
        va="center",
        arrowprops={"arrowstyle": "<-", "color": "0.25", "lw": 1.4},
        **_FONT,
    )
    ax.text(0.0, -1.75, "inputs", ha="center", va="center", **_FONT)
    ax.text(y[0], -1.75, "neuron", ha="center", va="center", **_FONT)
    ax.set_xlim(-0.6, 6.6)
    ax.set_ylim(-2.05, 2.0)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return fig


def xor_network_figure() -> Figure:
    """XOR as a two-layer perceptron: the inputs x1, x2 (layer 0) feed a NAND perceptron s1 and an
    OR perceptron s2 (layer 1), whose outputs feed an AND perceptron y (layer 2). Each perceptron
    has the book's weights, written on its arrows, and its bias, written beside it."""
    fig = _new_figure((8.4, 4.4))
    ax = fig.subplots()
    dx = 3.2
    x = {"x1": (0.0, 1.0), "x2": (0.0, -1.0)}
    s = {"s1": (dx, 1.0), "s2": (dx, -1.0)}
    y = (2 * dx, 0.0)
    gates = {"s1": "NAND", "s2": "OR"}
    for name, xy in x.items():
        _gate_node(ax, xy, name)
    for name, xy in s.items():
        _gate_node(ax, xy, name, fc="#e8eef8")
        (w1, w2), b = GATE_WEIGHTS[gates[name]]
        up = xy[1] > 0
        ax.text(
            xy[0],
            xy[1] + (0.5 if up else -0.5),
            f"{gates[name]},  b = {_gate_short(b)}",
            ha="center",
            va="bottom" if up else "top",
            **_FONT,
        )
        _gate_arrow(ax, x["x1"], xy, label=_gate_short(w1), label_at=0.22 if up else 0.2)
        _gate_arrow(ax, x["x2"], xy, label=_gate_short(w2), label_at=0.2 if up else 0.22)
    _gate_node(ax, y, "y", fc="#fde7d3")
    (w1, w2), b = GATE_WEIGHTS["AND"]
    ax.text(y[0], y[1] + 0.5, f"AND,  b = {_gate_short(b)}", ha="center", va="bottom", **_FONT)
    _gate_arrow(ax, s["s1"], y, label=_gate_short(w1), label_at=0.4)
    _gate_arrow(ax, s["s2"], y, label=_gate_short(w2), label_at=0.4)
    for k, text in enumerate(["layer 0\n(inputs)", "layer 1", "layer 2\n(output)"]):
        ax.text(k * dx, -1.95, text, ha="center", va="top", **_FONT)
    ax.set_xlim(-0.6, 2 * dx + 0.6)
    ax.set_ylim(-2.7, 1.95)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return fig


def _gate_grid(n: int, box=GATE_BOX):
    """Every point of an n × n grid over the square ``box`` × ``box``, one (x1, x2) per row."""
    ticks = np.linspace(*box, n)
    g1, g2 = np.meshgrid(ticks, ticks)
    return np.stack([g1.ravel(), g2.ravel()], axis=-1)


def _gate_cmap():
    from matplotlib.colors import ListedColormap, to_rgba

    shades = []
    for y in (0, 1):
        r, g, b_, _ = to_rgba(GATE_STYLE[y]["color"])
        a = _GATE_SHADE[y]
        shades.append((1 - a + a * r, 1 - a + a * g, 1 - a + a * b_))  # the shade on white
    return ListedColormap(shades)


def xor_region_figure(n: int = 401) -> Figure:
    """Where the two-layer XOR perceptron outputs 1, for every point of the (x1, x2) plane.

    Each point of an ``n`` × ``n`` grid goes through the network of :func:`xor_network_figure`
    (layer 1: NAND and OR, layer 2: AND), with real numbers as inputs. The 1s fill the band
    between the NAND line and the OR line, 0.4 < x1 + x2 < 1.4; the four inputs of the truth table
    are marked.
    """
    grid = _gate_grid(n)
    s1 = perceptron(grid, *GATE_WEIGHTS["NAND"])
    s2 = perceptron(grid, *GATE_WEIGHTS["OR"])
    y = perceptron(np.stack([s1, s2], axis=-1), *GATE_WEIGHTS["AND"])
    fig = _new_figure((7.6, 4.6))
    ax = fig.subplots()
    _gate_axes(ax, "Two layers: XOR outputs 1 between two lines")
    ax.imshow(
        y.reshape(n, n),
        origin="lower",
        extent=(*GATE_BOX, *GATE_BOX),
        cmap=_gate_cmap(),
        vmin=0,
        vmax=1,
        interpolation="nearest",
        zorder=0,
    )
    xs = np.array(GATE_BOX)
    for name, ls in (("NAND", "--"), ("OR", ":")):
        (w1, w2), b = GATE_WEIGHTS[name]
        ax.plot(
            xs,
            -(b + w1 * xs) / w2,
            color="black",
            lw=2,
            ls=ls,
            label=f"{name}'s line: x1 + x2 = {_gate_short(-b / w1)}",
        )
    _gate_points(ax, XOR(INPUTS[:, 0], INPUTS[:, 1]))
    handles = [*ax.get_legend_handles_labels()[0], *_gate_legend_handles()[2:4]]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.03, 1.0), **_FONT)
    return fig


def curved_region_figure(counts=(4, 8, 32), n: int = 301) -> Figure:
    """Regions that two-layer perceptrons carve: with k perceptrons in layer 1 and an AND of all k
    in layer 2, the output is 1 inside a k-sided shape. For each k in ``counts``, the k lines touch
    the same circle (dashed), so the more perceptrons, the closer the shape is to the circle."""
    counts = [int(k) for k in counts]
    if not counts or min(counts) < 3:
        raise ValueError(f"counts must be numbers of perceptrons, each at least 3, got {counts}")
    grid = _gate_grid(n)
    centre, radius = np.array([0.5, 0.5]), 0.75
    fig = _new_figure((3.7 * len(counts), 4.1))
    axes = fig.subplots(1, len(counts), squeeze=False)[0]
    cmap = _gate_cmap()
    for ax, k in zip(axes, counts):
        angles = 2 * np.pi * np.arange(k) / k
        normals = np.stack([np.cos(angles), np.sin(angles)], axis=-1)
        # perceptron j outputs 1 on the centre's side of its line: n_j · (x - centre) < radius
        s = np.stack([perceptron(grid, -nj, radius + nj @ centre) for nj in normals], axis=-1)
        y = perceptron(s, np.ones(k), -(k - 0.5))  # AND of the k outputs: 1 only if all are 1
        _gate_axes(ax, f"{k} perceptrons in layer 1")
        ax.imshow(
            y.reshape(n, n),
            origin="lower",
            extent=(*GATE_BOX, *GATE_BOX),
            cmap=cmap,
            vmin=0,
            vmax=1,
            interpolation="nearest",
            zorder=0,
        )
        t = np.linspace(0, 2 * np.pi, 200)
        circle = centre[:, None] + radius * np.stack([np.cos(t), np.sin(t)])
        ax.plot(*circle, color="0.2", lw=1.2, ls="--", label="the circle all the lines touch")
    handles = [*_gate_legend_handles()[2:4], *axes[0].get_legend_handles_labels()[0]]
    fig.legend(handles=handles, loc="outside lower center", ncols=3, **_FONT)
    return fig


# ---- Notebook 05: handwritten digits ----


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
    """A grid of digits (black on white), each with its title below it (e.g. its label)."""
    images = list(images)
    if not images:
        raise ValueError("digits_figure needs at least one image")
    titles = list(titles) if titles is not None else [""] * len(images)
    if len(titles) != len(images):
        raise ValueError(f"{len(images)} images but {len(titles)} titles")
    ncols = min(ncols, len(images))
    nrows = -(-len(images) // ncols)
    fig = _new_figure((size * ncols, (size + 0.3) * nrows))
    axes = np.atleast_1d(fig.subplots(nrows, ncols, squeeze=False)).ravel()
    for ax, image, title in zip(axes, images, titles):
        _show_digit(ax, image)
        ax.set_xlabel(title, fontsize=10)
    for ax in axes[len(images) :]:
        ax.set_axis_off()
    return fig


def flatten_figure(image) -> Figure:
    """What ``flatten`` and ``normalize`` do to one digit: the 28 x 28 picture with its pixel values
    (0 ... 255), the same values laid out as one row of 784 (row after row), and that row divided by 255."""
    image = _image_28(np.asarray(image))
    raw = np.rint(image * 255).astype(np.uint8) if image.dtype != np.uint8 else image
    fig = _new_figure((12.5, 3.8))
    left, middle, right = fig.subfigures(1, 3, width_ratios=[1.25, 1.6, 1.6])
    ax = left.subplots()
    artist = ax.imshow(raw, cmap="gray_r", vmin=0, vmax=255, interpolation="nearest")
    ax.set_title("28 × 28 pixels (0 ... 255)", **_FONT)
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
        ax.set_ylabel("pixel value", **_FONT)
        ax.set_title(title, **_FONT)
    return fig


def _probability_bars(ax, probabilities=None):
    probabilities = np.zeros(10) if probabilities is None else np.asarray(probabilities, dtype=float)
    bars = ax.bar(range(10), probabilities, color="C0")
    ax.set_xticks(range(10))
    ax.set_xlabel("digit", **_FONT)
    ax.set_ylabel("probability", **_FONT)
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
    green when it is the label, red when it is not (and the label's bar orange)."""
    probabilities = np.asarray(probabilities, dtype=float)
    if probabilities.shape != (10,):
        raise ValueError(f"probabilities must have shape (10,), got {probabilities.shape}")
    fig = _new_figure((8.4, 3.2))
    ax_img, ax_p = fig.subplots(1, 2, width_ratios=[1, 2.3])
    _show_digit(ax_img, image, "the image" + (f" (label {label})" if label is not None else ""))
    bars = _probability_bars(ax_p, probabilities)
    _colour_bars(bars, probabilities, label)
    best = int(np.argmax(probabilities))
    ax_p.set_title(f"the network's answer: {best}, with probability {probabilities[best]:.3f}", **_FONT)
    return fig


def confusion_figure(labels, predictions) -> Figure:
    """The confusion matrix: how often each true digit (row) was predicted as each digit (column),
    with every count written in its cell; the diagonal holds the right answers."""
    labels, predictions = np.asarray(labels).astype(int), np.asarray(predictions).astype(int)
    if labels.shape != predictions.shape or labels.ndim != 1:
        raise ValueError(
            f"labels and predictions must be 1-D of the same length, got {labels.shape}, {predictions.shape}"
        )
    counts = np.zeros((10, 10), dtype=int)
    np.add.at(counts, (labels, predictions), 1)
    fig = _new_figure((7.2, 6.2))
    ax = fig.subplots()
    from matplotlib.colors import LogNorm

    artist = ax.imshow(counts + 0.5, cmap="Blues", norm=LogNorm(vmin=0.5, vmax=counts.max() + 0.5))
    for i in range(10):
        for j in range(10):
            if counts[i, j]:
                dark = counts[i, j] > 0.3 * counts.max()
                ax.text(
                    j,
                    i,
                    str(counts[i, j]),
                    ha="center",
                    va="center",
                    fontsize=8.5,
                    color="white" if dark else "black",
                )
    ax.set_xticks(range(10))
    ax.set_yticks(range(10))
    ax.set_xlabel("predicted digit", **_FONT)
    ax.set_ylabel("true digit (label)", **_FONT)
    ax.set_title(f"Confusion matrix: {int(np.trace(counts))} of {len(labels)} right", **_FONT)
    fig.colorbar(artist, ax=ax, shrink=0.8, label="number of images (log scale)")
    return fig


class DigitPlot(_LivePlot):
    """The figure of the digit browser: the (changed) image and the network's 10 probabilities."""

    def __init__(self):
        self.figure = _new_figure((8.4, 3.3))
        ax_img, ax_p = self.figure.subplots(1, 2, width_ratios=[1, 2.3])
        self._image = _show_digit(ax_img, np.zeros((28, 28), dtype=np.float32), "")
        self._image_title = ax_img.set_title("label 0", **_FONT)
        self._bars = _probability_bars(ax_p)
        # The widest title there can be, so that the layout made once fits every title.
        self._title = ax_p.set_title("the network's answer: 0, with probability 0.000", **_FONT)
        self._start_live([self._image, self._image_title, *self._bars, self._title])

    def show(self, image, probabilities, label: int) -> None:
        """Draw ``image`` (784 values in [0, 1]) and its ``probabilities``; ``label`` is the right digit."""
        self._image.set_data(_image_28(image))
        self._image_title.set_text(f"label {label}")
        _colour_bars(self._bars, probabilities, label)
        best = int(np.argmax(probabilities))
        self._title.set_text(f"the network's answer: {best}, with probability {probabilities[best]:.3f}")
