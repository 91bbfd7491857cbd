"""The widget of the three-layer network: move the input, pick the activations, and watch every
neuron's value and the first output over the whole input plane."""

from __future__ import annotations

import ipywidgets as W
import numpy as np

from .._format import number, numbers
from ..activations import ACTIVATION_LABELS
from ..network import STUCK, forward, init_network, layer_activations, plane_outputs, stuck_share
from ..outputs import OUTPUT_LABELS
from ..plots.network import HistogramsPlot, NetworkPlot
from ._controls import NUM, TABLE, dropdown, live, slider

__all__ = ["network_explorer", "HIDDEN_CHOICES", "OUTPUT_CHOICES", "init_explorer", "INIT_CHOICES"]

#: The dropdowns' choices: (label shown, name passed to ``forward``).
HIDDEN_CHOICES = [(ACTIVATION_LABELS[name], name) for name in ("sigmoid", "relu", "step")]
OUTPUT_CHOICES = [(label, name) for name, label in OUTPUT_LABELS.items()]


def network_explorer(
    x1: float = 1.0, x2: float = 0.5, hidden: str = "sigmoid", output: str = "identity"
) -> W.VBox:
    """Sliders for the inputs x1, x2 of the book's 2-3-2-2 network and dropdowns for its hidden
    activation h and output activation σ: the diagram shows every neuron's value, the map on the
    right what y_1 is for every input, and the table the arrays A1, Z1, A2, Z2, A3 and Y.

    Book §3.4; notebook 04.
    """
    network = init_network()
    x_range = (-3.0, 3.0)

    def plane(hidden, output):  # y_1 for every input of the square: the map beside the diagram
        return plane_outputs(network, x_range, hidden=hidden, output=output)[:, :, 0]

    controls = [  # first: the menus check hidden and output
        slider("input x1", x1, *x_range, 0.05),
        slider("input x2", x2, *x_range, 0.05),
        dropdown("hidden layers h", HIDDEN_CHOICES, hidden),
        dropdown("output σ", OUTPUT_CHOICES, output),
    ]
    plot = NetworkPlot(network, plane(hidden, output), hidden, output, x_range)
    shown = {"activations": (hidden, output)}  # the map is recomputed only when they change

    def step(x1, x2, hidden, output):
        if shown["activations"] != (hidden, output):
            plot.show_plane(plane(hidden, output), hidden, output)
            shown["activations"] = (hidden, output)
        x = np.array([float(x1), float(x2)])
        _, v = forward(network, x, hidden=hidden, output=output, return_intermediates=True)
        plot.show_input(x, v)
        rows = [("X", "the input", v["X"]), ("A1", "= X W1 + b1", v["A1"]), ("Z1", "= h(A1)", v["Z1"])]
        rows += [("A2", "= Z1 W2 + b2", v["A2"]), ("Z2", "= h(A2)", v["Z2"]), ("A3", "= Z2 W3 + b3", v["A3"])]
        table = "".join(
            f"<tr><td>{name}</td><td style='padding:0 1em'>{formula}</td><td>{numbers(value, 4)}</td></tr>"
            for name, formula, value in rows
        )
        return (
            f"<table style='{TABLE}'>{table}"
            f"<tr><td><b>Y</b></td><td style='padding:0 1em'><b>= σ(A3)</b></td>"
            f"<td><b>{numbers(v['Y'], 8, ' ')}</b></td></tr></table>"
        )

    return live(controls, plot, step)


#: The initial-weights widget's menus: (label shown, value). The weights' std is a number, or "xavier"
#: (1/√n) or "he" (√(2/n)), n the nodes of the layer before, as ``init_weights`` takes it.
INIT_CHOICES = [("std = 1", "1.0"), ("std = 0.01", "0.01"), ("Xavier: 1/√n", "xavier"), ("He: √(2/n)", "he")]
_HISTOGRAM_CHOICES = [(ACTIVATION_LABELS[name], name) for name in ("sigmoid", "tanh", "relu")]
_VALUES = 100_000  # per layer: the book's 1000 inputs × 100 nodes


def _std(choice: str, nodes: int) -> str:
    """The weights' standard deviation a choice gives, in words."""
    formula = {"xavier": ("1/√n", 1 / np.sqrt(nodes)), "he": ("√(2/n)", np.sqrt(2 / nodes))}
    if choice in formula:
        words, value = formula[choice]
        return f"std {words} = {number(value, 4)} for n = {nodes}"
    return f"std {number(float(choice), None)}"


def init_explorer(
    activation: str = "sigmoid", weight_init_std: str = "1.0", layers: int = 5, nodes: int = 100
) -> W.VBox:
    """The book's experiment with initial weights: random inputs through ``layers`` layers of ``nodes``
    neurons each (no biases), with weights drawn with the chosen standard deviation (the menu: 1, 0.01,
    Xavier's 1/√n, He's √(2/n)); histograms of what each layer passes on, and a table of each layer's
    mean, spread and share of saturated values (sigmoid below 0.01 or above 0.99, tanh beyond ±0.99) or of
    zeros (ReLU). ``weight_init_std`` is a value of :data:`INIT_CHOICES`; each layer has 100 000 values
    (100 000 / ``nodes`` inputs: the book's 1000 for 100 nodes).

    Book §6.2.2–6.2.3 (figures 6-10 to 6-14); notebook 09.
    """
    choice = str(weight_init_std).lower()  # 1, 1.0, "1" and "1.0" are one choice
    choice = {"1": "1.0", "1.0": "1.0", "0.01": "0.01"}.get(choice, choice)
    for name, value, low, high in (("layers", layers, 1, 10), ("nodes", nodes, 10, 500)):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"{name} must be a whole number from {low} to {high}, got {value!r}")
    controls = [  # first: the menus check activation and weight_init_std
        slider("nodes per layer n", nodes, 10, 500, 10, kind=W.IntSlider),
        dropdown("activation h", _HISTOGRAM_CHOICES, activation),
        dropdown("initial weights", INIT_CHOICES, choice),
        slider("layers", layers, 1, 10, 1, kind=W.IntSlider),
    ]
    plot = HistogramsPlot()

    def step(nodes, activation, choice, layers):
        std = float(choice) if choice not in ("xavier", "he") else choice
        z = layer_activations(activation, std, int(layers), int(nodes), n=_VALUES // int(nodes), seed=0)
        label = ACTIVATION_LABELS[activation]
        plot.show(
            z,
            activation,
            f"{label}, weights {_std(choice, int(nodes))}: the outputs of "
            + ("layer 1" if layers == 1 else f"layers 1 to {layers}"),
        )
        return _layer_table(z, activation)

    box = live(controls, plot, step)
    box.children = (W.HBox(controls[1:3]), controls[0], controls[3], *box.children[len(controls) :])
    return box


def _layer_table(z, activation: str) -> str:
    share = [stuck_share(v, activation) for v in z]
    extra = STUCK[activation] if activation == "relu" else f"saturated ({STUCK[activation]})"
    head = ["layer", "mean", "std", extra]
    rows = "".join(
        f"<tr><td style='{NUM}'>{k + 1}</td><td style='{NUM}'>{number(np.mean(v), 4)}</td>"
        f"<td style='{NUM}'>{number(np.std(v), 4)}</td><td style='{NUM}'>{100 * p:.1f}%</td></tr>"
        for k, (v, p) in enumerate(zip(z, share))
    )
    header = "".join(f"<th style='{NUM}'>{h}</th>" for h in head)
    spread = ""
    if len(z) > 1:
        first, last = (float(np.std(z[k])) for k in (0, -1))
        spread = f"From layer 1 to layer {len(z)}, the spread (std) of the outputs goes from {first:.3g} to {last:.3g}.".replace(
            "e+", "e"
        )
    return f"<table style='{TABLE}'><tr>{header}</tr>{rows}</table>{spread}"
