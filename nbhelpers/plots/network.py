"""Figures of a small network: its neurons and weights drawn as circles and lines with the values of
one forward pass on them, and one output over the whole (x1, x2) plane."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from .._format import number
from ..activations import ACTIVATION_LABELS
from ..network import forward, layer_count, plane_outputs
from ..outputs import OUTPUT_LABELS
from ._figure import FONT, LivePlot, _png, new_figure
from ._histograms import HistogramPanels, check

__all__ = [
    "NODE_CMAP",
    "NODE_RANGE",
    "activation_label",
    "network_figure",
    "network_plane_figure",
    "NetworkPlot",
    "activation_histograms_figure",
    "HistogramsPlot",
]

#: The colour scale of the values on a network diagram's nodes (values beyond it get its end colours).
NODE_CMAP, NODE_RANGE = "coolwarm", (-2.0, 2.0)
_WEIGHT_COLORS = {True: "#c0392b", False: "#2166ac"}  # positive: red, negative: blue


def activation_label(choice, role: str = "hidden") -> str:
    """How a figure names a layer's activation: "h = ReLU" for the hidden layers (``role="hidden"``),
    "σ = softmax" for the output layer (``role="output"``); a function passed instead of a name is
    called by its ``__name__``.

    Book §3.4; notebook 04.
    """
    labels, symbol = (ACTIVATION_LABELS, "h") if role == "hidden" else (OUTPUT_LABELS, "σ")
    if isinstance(choice, str):
        return f"{symbol} = {labels.get(choice.lower(), choice)}"
    return getattr(choice, "__name__", "custom")


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
            text.set_text(number(v, 3))
            text.set_color(_text_color(rgba))
        for text, v in zip(self.sums, sums):
            text.set_text(f"a = {number(v, 3)}")


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

    Book §3.4.2; notebook 04.
    """
    x = _check_one_input(network, x)
    _, values = forward(network, x, hidden=hidden, output=output, return_intermediates=True)
    fig = new_figure((8.4, 5.2))
    ax = fig.subplots()
    diagram = _NetworkDiagram(ax, network)
    diagram.set_names(activation_label(hidden), activation_label(output, "output"))
    diagram.show(values)
    fig.colorbar(diagram.mappable, ax=ax, shrink=0.7, label="value passed on")
    return fig


def _plane_axes(ax, x_range, title: str):
    ax.set_xlim(*x_range)
    ax.set_ylim(*x_range)
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$", **FONT)
    ax.set_ylabel("$x_2$", **FONT)
    ax.set_title(title, **FONT)


def network_plane_figure(
    network, hidden="sigmoid", output="identity", output_index: int = 0, x_range=(-3.0, 3.0), mark=None
) -> Figure:
    """One output, y_k with k = ``output_index`` + 1, over the (x1, x2) plane, as a colour map with
    contour lines: what the network computes for every input at once (one batch of 201 × 201 points).
    ``mark`` = (x1, x2) puts a marker at one input.

    Book §3.4; notebook 04.
    """
    x_range = tuple(float(v) for v in x_range)
    y = plane_outputs(network, x_range, hidden=hidden, output=output)[:, :, output_index]
    fig = new_figure((5.6, 4.6))
    ax = fig.subplots()
    name = f"y_{{{output_index + 1}}}"
    _plane_axes(ax, x_range, f"${name}$ over the $(x_1, x_2)$ plane")
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


class NetworkPlot(LivePlot):
    """The figure of the network widget: the diagram with one input's values (left) and the first
    output y_1 over the whole (x1, x2) plane, with a marker at that input (right).

    It draws what the widget computed: ``plane`` is y_1 for every input of a grid over the square
    ``x_range`` (an n × n array, row i at the i-th x2, as ``nbhelpers.network.plane_outputs`` gives it) for the
    activations ``hidden`` and ``output``. :meth:`show_input` writes one forward pass on the nodes and
    moves the marker (a quick redraw); :meth:`show_plane` replaces the map and the activations' names
    (a slower, full redraw).

    Book §3.4; notebook 04.
    """

    def __init__(self, network, plane, hidden="sigmoid", output="identity", x_range=(-3.0, 3.0)):
        self.x_range = tuple(float(v) for v in x_range)
        self.figure = new_figure((12.0, 5.2))
        ax_net, ax_plane = self.figure.subplots(1, 2, width_ratios=[1.75, 1])
        self._diagram = _NetworkDiagram(ax_net, network, caption=False)
        self.figure.colorbar(self._diagram.mappable, ax=ax_net, shrink=0.6, label="value passed on", pad=0.01)
        _plane_axes(ax_plane, self.x_range, "")
        self._plane_title = ax_plane.set_title("", **FONT)
        self._image = ax_plane.imshow(
            np.zeros((2, 2)),
            origin="lower",
            extent=(*self.x_range, *self.x_range),
            cmap="viridis",
            interpolation="nearest",
        )
        self._set_plane(plane, hidden, output)
        self.figure.colorbar(self._image, ax=ax_plane, shrink=0.85, label="$y_1$")
        (self._marker,) = ax_plane.plot([], [], "o", ms=10, mfc="none", mec="red", mew=2.5, clip_on=False)
        self._marker.set_in_layout(False)  # unclipped, so that it shows whole at the edges
        self._start_live([*self._diagram.artists(), self._marker])

    def show_plane(self, plane, hidden, output) -> None:
        """Show ``plane``, y_1 for every input of a grid over the plot's square (an n × n array, row
        i at the i-th x2), computed with the activations ``hidden`` (h) and ``output`` (σ)."""
        self._set_plane(plane, hidden, output)
        self._refresh_background()

    def _set_plane(self, plane, hidden, output) -> None:
        plane = np.asarray(plane, dtype=float)
        self._image.set_data(plane)
        low, high = float(np.min(plane)), float(np.max(plane))
        if high > low:
            self._image.set_clim(low, high)
        else:  # the same y_1 for every input: one colour, in the middle of the scale
            self._image.set_clim(low - 0.5, low + 0.5)
        names = (activation_label(hidden), activation_label(output, "output"))
        self._plane_title.set_text(f"$y_1$ for every input ({names[0]}, {names[1]})")
        self._diagram.set_names(*names)

    def show_input(self, x, values: dict) -> None:
        """Show one input ``x`` = (x1, x2): ``values`` is what ``forward(..., return_intermediates=True)``
        returned for it (then :meth:`png`)."""
        self._diagram.show(values)
        self._marker.set_data([float(x[0])], [float(x[1])])


def activation_histograms_figure(activations, activation="sigmoid", title=None, columns=None) -> Figure:
    """The values each layer passes on, as histograms: one panel per layer (five to a row), 30 bins over
    (0, 1) for the sigmoid and ReLU as the book's figures 6-10 to 6-14, over (−1, 1) for tanh.

    ``activations``: a list of arrays, the outputs of layers 1, 2, ... (as
    :func:`nbhelpers.network.layer_activations` gives them); ``activation``: the name of h ("sigmoid",
    "tanh" or "relu"). The bars are per cent of the layer's values (the panels share their axis). For
    ReLU, the exact zeros (about half the values) are not drawn: a panel's note says how many there are,
    and how many values lie beyond the range (ReLU's above 1). ``columns``: panels per row (default: up
    to five).

    Book §6.2.2–6.2.3 (figures 6-10 to 6-14); notebook 09.
    """
    layers, name = check(activations, activation)
    columns = min(len(layers), 5) if columns is None else int(columns)
    rows = -(-len(layers) // columns)
    fig = new_figure((1.9 * columns + 1.2, 2.4 * rows + 0.9))
    HistogramPanels(fig, rows, columns).draw(layers, name)
    fig.suptitle(f"The outputs of each layer ({activation_label(name)})" if title is None else title, **FONT)
    return fig


class HistogramsPlot(LivePlot):
    """The figure of the initial-weights widget: the histograms of :func:`activation_histograms_figure`,
    on ten panels (two rows of five) of which the first ``len(activations)`` show.

    :meth:`show` draws what the widget computed: a quick redraw when only the bars change, a full one
    when the range, the per-cent axis or the number of layers changes.

    Book §6.2.2–6.2.3; notebook 09.
    """

    def __init__(self):
        self.figure = new_figure((10.7, 5.6))
        self._panels = HistogramPanels(self.figure, 2, 5)
        self._panels.draw([np.zeros(1)] * 10, "sigmoid")  # the layout made once holds every panel
        self._title = self.figure.suptitle(
            "sigmoid, weights std √(2/n) = 0.1414 for n = 100: the outputs of layers 1 to 10", **FONT
        )
        self._start_live([*self._panels.bars, *self._panels.notes, self._title])
        renderer = self.figure.canvas.get_renderer()  # the second row starts at the top of its titles:
        self._first_row = round(
            self.figure.bbox.height - self._panels.axes[5].title.get_window_extent(renderer).y1
        )

    def show(self, activations, activation: str, title: str) -> None:
        """Draw the histograms of ``activations`` (a list of arrays, one per layer, at most 10) for the
        activation named ``activation``, with ``title`` above them (then :meth:`png`)."""
        layers, name = check(activations, activation)
        if len(layers) > len(self._panels.axes):
            raise ValueError(f"activations: at most {len(self._panels.axes)} layers, got {len(layers)}")
        self._title.set_text(title)
        if self._panels.draw(layers, name):
            self._refresh_background()

    def png(self) -> bytes:
        """The figure as it is now, as PNG bytes: with five layers or fewer, its first row only."""
        canvas = self.figure.canvas  # (LivePlot.png, but for the cut)
        canvas.restore_region(self._background)
        for artist in self._moving:
            self.figure.draw_artist(artist)
        pixels = np.asarray(canvas.buffer_rgba())
        return _png(pixels if self._panels.axes[5].get_visible() else pixels[: self._first_row])
