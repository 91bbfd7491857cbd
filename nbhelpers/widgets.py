"""Interactive figures: sliders wired to the figures of ``nbhelpers.plots``.

Each function returns one widget (a ``VBox``) that a notebook shows by putting it on the last
line of a cell. Moving a slider redraws the picture (an ``Image`` holding a PNG) and the numbers
below it (an ``HTML`` text). Only widgets and options that ipywidgets 7.6+ and 8 both have are
used, so the same code runs in JupyterLab, Notebook 7, VS Code, Voilà and Google Colab (which
pins ipywidgets 7.7.1), and no ``Output`` widget or pyplot state is involved, so a new picture
always replaces the old one.
"""

from __future__ import annotations

import math

import ipywidgets as W
from matplotlib.colors import to_hex

from .plots import STYLE, ActivationExplorerPlot, NeuronPlot, evaluate

__all__ = ["activation_explorer", "neuron_explorer"]


def _slider(description: str, value: float, low: float, high: float, step: float) -> W.FloatSlider:
    return W.FloatSlider(
        value=value,
        min=low,
        max=high,
        step=step,
        description=description,
        continuous_update=True,
        readout_format=".2f",
        style={"description_width": "initial"},
        layout=W.Layout(width="520px"),
    )


def _live(sliders, plot, draw, describe) -> W.VBox:
    """Wire ``sliders`` to a picture and a text: on every change, ``draw(*values)`` updates
    ``plot`` and ``describe(*values)`` returns the HTML shown under it."""
    image = W.Image(format="png")
    text = W.HTML()

    def update(change=None):
        values = [s.value for s in sliders]
        draw(*values)
        image.value = plot.png()
        text.value = describe(*values)

    for s in sliders:
        s.observe(update, names="value")
    update()
    return W.VBox([*sliders, image, text])


def _fmt(v) -> str:
    """A number for the tables: 4 decimals, "−" (a real minus sign) for negatives, no "−0.0000"."""
    text = f"{float(v):.4f}"
    if float(text) == 0:
        text = text.lstrip("-")
    return text.replace("-", "−")


_NUM = "text-align:right; padding:0 0 0 1.5em"  # a column of numbers


def activation_explorer(x: float = 0.5) -> W.VBox:
    """A slider for x that moves a marker along every activation h(x) and its slope h'(x),
    with a table of h(x) and h'(x) for each function at that x."""
    plot = ActivationExplorerPlot()
    slider = _slider("x", x, *plot.x_range, 0.05)

    def describe(x):
        rows = "".join(
            f"<tr><td style='color:{to_hex(STYLE[n]['color'])}'>&#9679;</td><td>{STYLE[n]['label']}</td>"
            f"<td style='{_NUM}'>{_fmt(evaluate(n, x))}</td>"
            f"<td style='{_NUM}'>{_fmt(evaluate(n, x, True))}</td></tr>"
            for n in plot.names
        )
        return (
            f"<table style='font-family:monospace; line-height:1.3'><tr><th></th>"
            f"<th style='text-align:left'>at x = {_fmt(x)}</th>"
            f"<th style='{_NUM}'>h(x)</th><th style='{_NUM}'>h′(x)</th></tr>{rows}</table>"
            "<small>At x = 0 the step jumps and ReLU has a corner, so neither has a slope there; "
            "the table uses the usual values step′(0) = 0, ReLU′(0) = 0 and leaky ReLU′(0) = α.</small>"
        )

    return _live([slider], plot, plot.set_x, describe)


# Where the sigmoid is within 1% of its limits: sigmoid(a) = 0.99 at a = ln 99.
_LN99 = math.log(99.0)


def neuron_explorer(w: float = 1.0, b: float = 0.0) -> W.VBox:
    """Sliders for the weight w and bias b of one neuron y = h(w·x + b): the sigmoid turns into
    the step as w grows, and b moves the point where it switches."""
    plot = NeuronPlot()
    w_slider = _slider("weight w", w, -10.0, 50.0, 0.1)
    b_slider = _slider("bias b", b, -10.0, 10.0, 0.1)

    def describe(w, b):
        if w == 0:
            return (
                f"w = 0: a = w·x + b = {_fmt(b)} for every x, so the sigmoid is the flat line "
                f"y = sigmoid(b) = {_fmt(evaluate('sigmoid', b))}, and the step gives "
                f"{_fmt(evaluate('step', b))}."
            )
        return (
            f"a = w·x + b = 0 at x = −b/w = {_fmt(-b / w)} (the dotted line): both curves switch there.<br>"
            f"Slope of the sigmoid there: w/4 = {_fmt(w / 4)}. "
            f"It goes from 0.01 to 0.99 over a width of 2·ln 99 / |w| = {_fmt(2 * _LN99 / abs(w))} in x: "
            "the larger |w|, the closer the sigmoid is to the step."
        )

    return _live([w_slider, b_slider], plot, plot.set_params, describe)
