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
import numpy as np
from matplotlib.colors import to_hex

from .plots import CLASS_COLORS, STYLE, ActivationExplorerPlot, NeuronPlot, SoftmaxPlot, evaluate

__all__ = ["activation_explorer", "neuron_explorer", "softmax_explorer"]


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


def _fmt_p(p) -> str:
    """A probability for the tables: 4 decimals, or 3 significant digits when it is below 0.0001."""
    p = float(p)
    return f"{p:.4f}" if p == 0 or p >= 0.00005 else f"{p:.2e}".replace("e-0", "e-").replace("-", "−")


def softmax_explorer(a=(0.3, 2.9, 4.0), T: float = 1.0) -> W.VBox:
    """Sliders for three scores a_1, a_2, a_3 and a temperature T, with the bars of
    softmax(a / T): small T sharpens the probabilities towards the largest score, large T flattens
    them towards 1/3. The table under the picture gives every number."""
    a = [float(v) for v in a]
    if len(a) != 3:
        raise ValueError(f"a must hold 3 scores, got {len(a)}")
    plot = SoftmaxPlot(n=3)
    score_sliders = [_slider(f"score a{k}", v, *plot.score_range, 0.1) for k, v in enumerate(a, start=1)]
    t_slider = W.FloatLogSlider(
        value=T,
        base=10,
        min=-2,  # T from 0.01 ...
        max=1,  # ... to 10, evenly spaced on a log scale
        step=0.01,
        description="temperature T",
        continuous_update=True,
        readout_format=".2f",
        style={"description_width": "initial"},
        layout=W.Layout(width="520px"),
    )

    def describe(*values):
        *scores, t = values
        p = plot.probabilities
        top = [k + 1 for k in range(3) if scores[k] == max(scores)]
        if len(top) == 1:
            order = (
                f"The largest score is a{top[0]}, and so is the largest probability: "
                f"argmax = class {top[0]}, whatever T is."
            )
        else:
            tied = " and ".join(f"a{k}" for k in top)
            order = f"{tied} tie for the largest score, so they get equal probabilities."
        rows = "".join(
            f"<tr><td style='color:{to_hex(CLASS_COLORS[k])}'>&#9632;</td><td>class {k + 1}</td>"
            f"<td style='{_NUM}'>{_fmt(scores[k])}</td><td style='{_NUM}'>{_fmt(scores[k] / t)}</td>"
            f"<td style='{_NUM}'>{_fmt_p(p[k])}</td></tr>"
            for k in range(3)
        )
        return (
            f"<table style='font-family:monospace; line-height:1.3'><tr><th></th><th></th>"
            f"<th style='{_NUM}'>a_k</th><th style='{_NUM}'>a_k / T</th><th style='{_NUM}'>y_k</th></tr>"
            f"{rows}<tr><td></td><td>sum</td><td></td><td></td>"
            f"<td style='{_NUM}'>{_fmt_p(np.sum(p))}</td></tr></table>"
            f"{order}<br>T = {_fmt(t)}: {_temperature_words(t)}"
        )

    return _live([*score_sliders, t_slider], plot, plot.set_scores, describe)


def _temperature_words(t: float) -> str:
    if t < 0.999:
        return "dividing by T < 1 spreads the scores apart, so the probabilities are sharper than softmax(a)."
    if t > 1.001:
        return "dividing by T > 1 squeezes the scores together, so the probabilities are flatter than softmax(a)."
    return "softmax(a / 1) is plain softmax(a)."
