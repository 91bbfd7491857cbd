"""Figures of the perceptron: gates as lines that cut the (x1, x2) plane in two, the perceptron and
the two-layer XOR drawn as diagrams, and the regions that layers of perceptrons carve."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from .._arrays import grid_2d
from .._format import number
from ..perceptron import GATE_WEIGHTS, INPUTS, XOR, gate_name, perceptron, truth_table
from ._diagram import arrow, node
from ._figure import FONT, LivePlot, new_figure
from ._geometry import half_planes

__all__ = [
    "GATE_STYLE",
    "GATE_BOX",
    "gate_figure",
    "gates_figure",
    "GatePlot",
    "perceptron_diagram",
    "xor_network_figure",
    "xor_region_figure",
    "curved_region_figure",
]

#: Colour and marker of the perceptron's two outputs in the gate figures (the book draws 0 as ○, 1 as △).
GATE_STYLE = {
    0: {"color": "C0", "marker": "o", "label": "output y = 0"},
    1: {"color": "C1", "marker": "^", "label": "output y = 1"},
}
GATE_BOX = (-0.5, 1.5)  # the range of x1 and of x2 in every gate figure
_GATE_SHADE = {0: 0.13, 1: 0.22}
_GATE_LINE_LABEL = "line  b + w1·x1 + w2·x2 = 0"


def _gate_axes(ax, title: str = "") -> None:
    ax.set_xlim(*GATE_BOX)
    ax.set_ylim(*GATE_BOX)
    ax.set_aspect("equal")
    ticks = np.arange(GATE_BOX[0], GATE_BOX[1] + 0.01, 0.5)
    ax.set_xticks(ticks, [number(t, None) for t in ticks])
    ax.set_yticks(ticks, [number(t, None) for t in ticks])
    ax.tick_params(labelsize=FONT["fontsize"])
    ax.grid(True, alpha=0.3)
    ax.set_xlabel("x1", **FONT)
    ax.set_ylabel("x2", **FONT)
    if title:
        ax.set_title(title, **FONT)


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

    ones, zeros, line = half_planes(w1, w2, b, GATE_BOX)
    for y, part in ((1, ones), (0, zeros)):
        if part:
            ax.add_patch(Polygon(part, fc=GATE_STYLE[y]["color"], alpha=_GATE_SHADE[y], lw=0, zorder=0))
    if line:
        (p, q) = line
        ax.plot([p[0], q[0]], [p[1], q[1]], color="black", lw=2, zorder=2)
    _gate_points(ax, truth_table(w1, w2, b))


def _gate_weights_title(w1: float, w2: float, b: float) -> str:
    return f"w1 = {number(w1, 2)}, w2 = {number(w2, 2)}, b = {number(b, 2)}"


def gate_figure(w1: float, w2: float, b: float, title=None) -> Figure:
    """One perceptron in the (x1, x2) plane: the line b + w1·x1 + w2·x2 = 0, the two half-planes
    it makes (shaded by the output there), and the four inputs (0 or 1 each), shaped and coloured by
    the output the perceptron gives them. ``title`` defaults to the weights and the gate's name.

    Book §2.4.1; notebook 01.
    """
    name = gate_name(w1, w2, b)  # checks that each is one real number
    w1, w2, b = float(w1), float(w2), float(b)
    fig = new_figure((7.6, 4.6))
    ax = fig.subplots()
    if title is None:
        title = f"{name}:  {_gate_weights_title(w1, w2, b)}"
    _gate_axes(ax, title)
    _draw_gate(ax, w1, w2, b)
    ax.legend(handles=_gate_legend_handles(), loc="upper left", bbox_to_anchor=(1.03, 1.0), **FONT)
    return fig


def gates_figure(names=("AND", "NAND", "OR")) -> Figure:
    """The gates named (from ``GATE_WEIGHTS``: "AND", "NAND", "OR"; or "XOR") side by side, each
    as in :func:`gate_figure`, with the book's weights. "XOR" shows its four points and no line:
    no straight line separates them.

    Book §2.4; notebook 01.
    """
    names = tuple(names)
    known = [*GATE_WEIGHTS, "XOR"]
    if not names or any(n not in known for n in names):
        raise ValueError(f"names must be a non-empty list drawn from {known}, got {list(names)}")
    fig = new_figure((3.7 * len(names), 4.5))
    axes = fig.subplots(1, len(names), squeeze=False)[0]
    for ax, name in zip(axes, names):
        if name == "XOR":
            _gate_axes(ax, "XOR: which line?")
            _gate_points(ax, XOR(INPUTS[:, 0], INPUTS[:, 1]))
            continue
        (w1, w2), b = GATE_WEIGHTS[name]
        _gate_axes(ax, f"{name}\nw = ({number(w1, None)}, {number(w2, None)}), b = {number(b, None)}")
        _draw_gate(ax, w1, w2, b)
    handles = _gate_legend_handles()
    if set(names) == {"XOR"}:  # no line and no regions drawn: only the points
        handles = handles[:2]
    ncols = (len(handles) + 1) // 2  # two rows
    fig.legend(handles=handles, loc="outside lower center", ncols=ncols, **FONT)
    return fig


class GatePlot(LivePlot):
    """The figure of the perceptron sliders: the line b + w1·x1 + w2·x2 = 0, the shaded half-planes
    and the four inputs coloured by their output, on fixed axes. Build it once, then call
    :meth:`show`; only the shading, the line, the points and the title are redrawn.

    Book §2.3–2.4; notebook 01.
    """

    def __init__(self):
        from matplotlib.patches import Polygon

        self.figure = new_figure((7.6, 4.6))
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
        ax.legend(handles=_gate_legend_handles(), loc="upper left", bbox_to_anchor=(1.03, 1.0), **FONT)
        # The widest title there can be, so that the layout made once fits every title.
        self._title = ax.set_title("w1 = −0.00, w2 = −0.00, b = −0.00\ncomputes: x2 AND NOT x1", **FONT)
        self._start_live([*self._shades.values(), self._line, *self._points.values(), self._title])

    def show(self, w1: float, w2: float, b: float, outputs, name: str) -> None:
        """Draw the perceptron with weights ``w1``, ``w2`` and bias ``b``: its ``outputs`` for the four
        :data:`INPUTS` (its truth table) and the ``name`` of the gate they make (then :meth:`png`)."""
        w1, w2, b = float(w1), float(w2), float(b)
        outputs = np.asarray(outputs)
        ones, zeros, line = half_planes(w1, w2, b, GATE_BOX)
        for y, part in ((1, ones), (0, zeros)):
            self._shades[y].set_visible(bool(part))
            if part:
                self._shades[y].set_xy(part)
        if line:
            (p, q) = line
            self._line.set_data([p[0], q[0]], [p[1], q[1]])
        self._line.set_visible(bool(line))
        for y, artist in self._points.items():
            mine = INPUTS[outputs == y]
            artist.set_data(mine[:, 0], mine[:, 1])
        self._title.set_text(f"{_gate_weights_title(w1, w2, b)}\ncomputes: {name}")


def perceptron_diagram(bias: bool = True) -> Figure:
    """A perceptron with two inputs drawn as the book draws it: the inputs x1 and x2 flow along arrows
    weighted w1 and w2 into the neuron, which sends out y. With ``bias``, the neuron also gets the bias
    b, drawn as an input that is always 1, weighted b; without it, the rule compares with a threshold θ.

    Book §2.1; notebook 01.
    """
    fig = new_figure((6.4, 3.0))
    ax = fig.subplots()
    x1, x2, one, y = (0.0, 1.0), (0.0, -1.0), (1.7, 1.55), (2.6, 0.0)
    node(ax, x1, "x1")
    node(ax, x2, "x2")
    node(ax, y, "y", fc="#fde7d3")
    arrow(ax, x1, y, label="w1", label_at=0.45)
    arrow(ax, x2, y, label="w2", label_at=0.45)
    if bias:
        node(ax, one, "1", fc="0.9", radius=0.26)
        arrow(ax, one, y, radius=0.26, label="b", label_at=0.35, linestyle="--")
        rule = "y = 1 if b + w1·x1 + w2·x2 > 0\ny = 0 otherwise"
    else:
        rule = "y = 1 if w1·x1 + w2·x2 > θ\ny = 0 otherwise"
    ax.annotate(
        rule,
        xy=(y[0] + 0.36, y[1]),
        xytext=(y[0] + 0.9, y[1]),
        va="center",
        arrowprops={"arrowstyle": "<-", "color": "0.25", "lw": 1.4},
        **FONT,
    )
    ax.text(0.0, -1.75, "inputs", ha="center", va="center", **FONT)
    ax.text(y[0], -1.75, "neuron", ha="center", va="center", **FONT)
    ax.set_xlim(-0.6, 6.6)
    ax.set_ylim(-2.05, 2.0)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return fig


def xor_network_figure() -> Figure:
    """XOR as a two-layer perceptron: the inputs x1, x2 (layer 0) feed a NAND perceptron s1 and an
    OR perceptron s2 (layer 1), whose outputs feed an AND perceptron y (layer 2). Each perceptron
    has the book's weights, written on its arrows, and its bias, written beside it.

    Book §2.5.1; notebook 01.
    """
    fig = new_figure((8.4, 4.4))
    ax = fig.subplots()
    dx = 3.2
    x = {"x1": (0.0, 1.0), "x2": (0.0, -1.0)}
    s = {"s1": (dx, 1.0), "s2": (dx, -1.0)}
    y = (2 * dx, 0.0)
    gates = {"s1": "NAND", "s2": "OR"}
    for name, xy in x.items():
        node(ax, xy, name)
    for name, xy in s.items():
        node(ax, xy, name, fc="#e8eef8")
        (w1, w2), b = GATE_WEIGHTS[gates[name]]
        up = xy[1] > 0
        ax.text(
            xy[0],
            xy[1] + (0.5 if up else -0.5),
            f"{gates[name]},  b = {number(b, None)}",
            ha="center",
            va="bottom" if up else "top",
            **FONT,
        )
        arrow(ax, x["x1"], xy, label=number(w1, None), label_at=0.22 if up else 0.2)
        arrow(ax, x["x2"], xy, label=number(w2, None), label_at=0.2 if up else 0.22)
    node(ax, y, "y", fc="#fde7d3")
    (w1, w2), b = GATE_WEIGHTS["AND"]
    ax.text(y[0], y[1] + 0.5, f"AND,  b = {number(b, None)}", ha="center", va="bottom", **FONT)
    arrow(ax, s["s1"], y, label=number(w1, None), label_at=0.4)
    arrow(ax, s["s2"], y, label=number(w2, None), label_at=0.4)
    for k, text in enumerate(["layer 0\n(inputs)", "layer 1", "layer 2\n(output)"]):
        ax.text(k * dx, -1.95, text, ha="center", va="top", **FONT)
    ax.set_xlim(-0.6, 2 * dx + 0.6)
    ax.set_ylim(-2.7, 1.95)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return fig


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

    Book §2.5; notebook 01.
    """
    _, grid = grid_2d(GATE_BOX, n)
    s1 = perceptron(grid, *GATE_WEIGHTS["NAND"])
    s2 = perceptron(grid, *GATE_WEIGHTS["OR"])
    y = perceptron(np.stack([s1, s2], axis=-1), *GATE_WEIGHTS["AND"])
    fig = new_figure((7.6, 4.6))
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
            label=f"{name}'s line: x1 + x2 = {number(-b / w1, None)}",
        )
    _gate_points(ax, XOR(INPUTS[:, 0], INPUTS[:, 1]))
    handles = [*ax.get_legend_handles_labels()[0], *_gate_legend_handles()[2:4]]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.03, 1.0), **FONT)
    return fig


def curved_region_figure(counts=(4, 8, 32), n: int = 301) -> Figure:
    """Regions that two-layer perceptrons carve: with k perceptrons in layer 1 and an AND of all k
    in layer 2, the output is 1 inside a k-sided shape. For each k in ``counts``, the k lines touch
    the same circle (dashed), so the more perceptrons, the closer the shape is to the circle.

    Book §2.4.2 (curves from straight lines go beyond the book); notebook 01.
    """
    counts = [int(k) for k in counts]
    if not counts or min(counts) < 3:
        raise ValueError(f"counts must be numbers of perceptrons, each at least 3, got {counts}")
    _, grid = grid_2d(GATE_BOX, n)
    centre, radius = np.array([0.5, 0.5]), 0.75
    fig = new_figure((3.7 * len(counts), 4.1))
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
    fig.legend(handles=handles, loc="outside lower center", ncols=3, **FONT)
    return fig
