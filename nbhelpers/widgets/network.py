"""The widget of the three-layer network: move the input, pick the activations, and watch every
neuron's value and the first output over the whole input plane."""

from __future__ import annotations

import ipywidgets as W
import numpy as np

from .._format import numbers
from ..activations import ACTIVATION_LABELS
from ..network import forward, init_network, plane_outputs
from ..outputs import OUTPUT_LABELS
from ..plots.network import NetworkPlot
from ._controls import TABLE, dropdown, live, slider

__all__ = ["network_explorer", "HIDDEN_CHOICES", "OUTPUT_CHOICES"]

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
