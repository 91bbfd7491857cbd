"""Widgets of the activation functions: a marker that slides along every h(x) and h'(x), and one
neuron h(w·x + b) whose weight and bias you set."""

from __future__ import annotations

import math

import ipywidgets as W
from matplotlib.colors import to_hex

from .._format import number
from ..activations import evaluate, sigmoid, step_function
from ..plots.activations import LEAKY_ALPHA, STYLE, ActivationExplorerPlot, NeuronPlot
from ._controls import NUM, TABLE, live, slider

__all__ = ["activation_explorer", "neuron_explorer"]

# Where the sigmoid is within 1% of its limits: sigmoid(a) = 0.99 at a = ln 99.
_LN99 = math.log(99.0)


def activation_explorer(x: float = 0.5) -> W.VBox:
    """A slider for x that moves a marker along every activation h(x) and its slope h'(x),
    with a table of h(x) and h'(x) for each function at that x.

    Book §3.2; notebook 02.
    """
    plot = ActivationExplorerPlot()

    def step(x):
        values = {
            n: (float(evaluate(n, x, False, LEAKY_ALPHA)), float(evaluate(n, x, True, LEAKY_ALPHA)))
            for n in plot.names
        }
        plot.show(x, values)
        rows = "".join(
            f"<tr><td style='color:{to_hex(STYLE[n]['color'])}'>&#9679;</td><td>{STYLE[n]['label']}</td>"
            f"<td style='{NUM}'>{number(h)}</td><td style='{NUM}'>{number(slope)}</td></tr>"
            for n, (h, slope) in values.items()
        )
        return (
            f"<table style='{TABLE}'><tr><th></th>"
            f"<th style='text-align:left'>at x = {number(x)}</th>"
            f"<th style='{NUM}'>h(x)</th><th style='{NUM}'>h′(x)</th></tr>{rows}</table>"
            "<small>At x = 0 the step jumps and ReLU has a corner, so neither has a slope there; "
            "the table uses the usual values step′(0) = 0, ReLU′(0) = 0 and leaky ReLU′(0) = α.</small>"
        )

    return live([slider("x", x, *plot.x_range, 0.05)], plot, step)


def neuron_explorer(w: float = 1.0, b: float = 0.0) -> W.VBox:
    """Sliders for the weight w and bias b of one neuron y = h(w·x + b): the sigmoid turns into
    the step as w grows, and b moves the point where it switches.

    Book §3.2.5; notebook 02.
    """
    plot = NeuronPlot()
    controls = [slider("weight w", w, -10.0, 50.0, 0.1), slider("bias b", b, -10.0, 10.0, 0.1)]

    def step(w, b):
        plot.show(w, b)
        if w == 0:
            return (
                f"w = 0: a = w·x + b = {number(b)} for every x, so the sigmoid is the flat line "
                f"y = sigmoid(b) = {number(sigmoid(b))}, and the step gives {number(step_function(b))}."
            )
        return (
            f"a = w·x + b = 0 at x = −b/w = {number(-b / w)} (the dotted line): both curves switch there.<br>"
            f"Slope of the sigmoid there: w/4 = {number(w / 4)}. "
            f"It goes from 0.01 to 0.99 over a width of 2·ln 99 / |w| = {number(2 * _LN99 / abs(w))} in x: "
            "the larger |w|, the closer the sigmoid is to the step."
        )

    return live(controls, plot, step)
