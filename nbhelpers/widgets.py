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

from .network import forward
from .perceptron import GATE_WEIGHTS, INPUTS, TABLE_NAMES
from .plots import (
    CLASS_COLORS,
    STYLE,
    ActivationExplorerPlot,
    DigitPlot,
    GatePlot,
    NetworkPlot,
    NeuronPlot,
    SoftmaxPlot,
    evaluate,
)

__all__ = [
    "activation_explorer",
    "neuron_explorer",
    "softmax_explorer",
    "network_explorer",
    "perceptron_explorer",
    "digit_explorer",
]


def _slider(description: str, value, low, high, step=1, kind=W.FloatSlider, **options):
    """A slider of ``kind`` (FloatSlider, IntSlider, FloatLogSlider) with the series' look: wide, its
    label in full, redrawing while it is dragged. Float sliders show 2 decimals."""
    if kind is not W.IntSlider:
        options.setdefault("readout_format", ".2f")
    return kind(
        value=value,
        min=low,
        max=high,
        step=step,
        description=description,
        continuous_update=True,
        style={"description_width": "initial"},
        layout=W.Layout(width="520px"),
        **options,
    )


def _live(sliders, plot, draw, describe) -> W.VBox:
    """Wire ``sliders`` to a picture and a text: on every change, ``draw(*values)`` updates
    ``plot`` and ``describe(*values)`` returns the HTML shown under it."""
    # Natural size, but never wider than the page: it shrinks (keeping its shape) on a narrow screen.
    image = W.Image(format="png", layout=W.Layout(max_width="100%", height="auto", align_self="flex-start"))
    text = W.HTML()

    def update(change=None):
        values = [s.value for s in sliders]
        draw(*values)
        image.value = plot.png()
        text.value = describe(*values)

    for s in sliders:
        s.observe(update, names="value")
    update()
    box = W.VBox([*sliders, image, text])
    box.plot = plot  # the figure behind the picture, for a look inside (and for the tests)
    return box


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
    # T from 10^-2 = 0.01 to 10^1 = 10, evenly spaced on a log scale
    t_slider = _slider("temperature T", T, -2, 1, 0.01, kind=W.FloatLogSlider, base=10)

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


# ---- Notebook 04: the three-layer network ----

#: The dropdowns' choices: (label shown, name passed to ``forward``).
HIDDEN_CHOICES = [("sigmoid", "sigmoid"), ("ReLU", "relu"), ("step", "step")]
OUTPUT_CHOICES = [("identity", "identity"), ("softmax", "softmax")]


def _dropdown(description: str, options, value: str) -> W.Dropdown:
    if value not in [v for _, v in options]:
        raise ValueError(f"{description} must be one of {[v for _, v in options]}, got {value!r}")
    return W.Dropdown(
        options=options,
        value=value,
        description=description,
        style={"description_width": "initial"},
        layout=W.Layout(width="260px"),
    )


def _vector(v, decimals: int, separator: str = "  ") -> str:
    text = np.array2string(np.asarray(v), precision=decimals, floatmode="fixed", separator=separator)
    return text.replace("-", "−")


def network_explorer(
    x1: float = 1.0, x2: float = 0.5, hidden: str = "sigmoid", output: str = "identity"
) -> W.VBox:
    """Sliders for the inputs x1, x2 of the book's 2-3-2-2 network and dropdowns for its hidden
    activation h and output activation σ: the diagram shows every neuron's value, the map on the
    right what y_1 is for every input, and the table the arrays A1, Z1, A2, Z2, A3 and Y."""
    plot = NetworkPlot()
    controls = [
        _slider("input x1", x1, *plot.x_range, 0.05),
        _slider("input x2", x2, *plot.x_range, 0.05),
        _dropdown("hidden layers h", HIDDEN_CHOICES, hidden),
        _dropdown("output σ", OUTPUT_CHOICES, output),
    ]

    def describe(x1, x2, hidden, output):
        v = plot.values
        rows = [("X", "the input", v["X"]), ("A1", "= X W1 + b1", v["A1"]), ("Z1", "= h(A1)", v["Z1"])]
        rows += [("A2", "= Z1 W2 + b2", v["A2"]), ("Z2", "= h(A2)", v["Z2"]), ("A3", "= Z2 W3 + b3", v["A3"])]
        table = "".join(
            f"<tr><td>{name}</td><td style='padding:0 1em'>{formula}</td><td>{_vector(value, 4)}</td></tr>"
            for name, formula, value in rows
        )
        return (
            f"<table style='font-family:monospace; line-height:1.3'>{table}"
            f"<tr><td><b>Y</b></td><td style='padding:0 1em'><b>= σ(A3)</b></td>"
            f"<td><b>{_vector(v['Y'], 8, ' ')}</b></td></tr></table>"
        )

    return _live(controls, plot, plot.set_state, describe)


# ---- Notebook 01: the perceptron ----

#: What each truth table means, for the gates that have no short name of their own.
_GATE_WORDS = {
    "always 0": "0 for every input",
    "always 1": "1 for every input",
    "x1": "a copy of x1 (x2 is ignored)",
    "x2": "a copy of x2 (x1 is ignored)",
    "NOT x1": "the opposite of x1 (x2 is ignored)",
    "NOT x2": "the opposite of x2 (x1 is ignored)",
    "x1 AND NOT x2": "1 only for x1 = 1, x2 = 0",
    "x2 AND NOT x1": "1 only for x1 = 0, x2 = 1",
    "x1 OR NOT x2": "0 only for x1 = 0, x2 = 1",
    "x2 OR NOT x1": "0 only for x1 = 1, x2 = 0",
    "XOR": "1 when exactly one input is 1",
    "XNOR": "1 when both inputs are equal",
}
_OWN_WEIGHTS = "your own weights"


def _fmt_weight(v) -> str:
    """A number with 2 decimals, "−" for negatives, no "−0.00"."""
    text = f"{float(v):.2f}"
    if float(text) == 0:
        text = text.lstrip("-")
    return text.replace("-", "−")


def _gate_line_words(w1: float, w2: float, b: float) -> str:
    if w1 == 0 and w2 == 0:
        return (
            f"w1 = w2 = 0: there is no line; the sum is b = {_fmt_weight(b)} for every input, "
            f"so every output is {1 if b > 0 else 0}."
        )
    if w2 == 0:
        return f"The line b + w1·x1 + w2·x2 = 0 is upright: x1 = −b / w1 = {_fmt_weight(-b / w1)}."
    line = f"x2 = {_fmt_weight(-w1 / w2)}·x1 + {_fmt_weight(-b / w2)}".replace("+ −", "− ")
    return f"The line b + w1·x1 + w2·x2 = 0, solved for x2: {line}."


def perceptron_explorer(w1: float = 0.5, w2: float = 0.5, b: float = -0.7) -> W.VBox:
    """Sliders for the weights w1, w2 and the bias b of a perceptron with two inputs, and a menu that
    loads the book's AND, NAND or OR. The picture shows the line b + w1·x1 + w2·x2 = 0, the two
    half-planes and the four inputs coloured by their output; the table under it gives the weighted
    sum and output for each input, and names the gate those weights make."""
    plot = GatePlot()
    sliders = [
        _slider("weight w1", w1, -1.0, 1.0, 0.05),
        _slider("weight w2", w2, -1.0, 1.0, 0.05),
        _slider("bias b", b, -1.5, 1.5, 0.05),
    ]
    menu = W.Dropdown(
        options=[_OWN_WEIGHTS, *GATE_WEIGHTS],
        value=_OWN_WEIGHTS,
        description="load a gate",
        style={"description_width": "initial"},
        layout=W.Layout(width="320px"),
    )

    def rounded(*values):  # what the readouts show: a slider can hold 0.30000000000000004
        return [round(float(v), 2) for v in values]

    def draw(w1, w2, b):
        plot.set_params(*rounded(w1, w2, b))

    def describe(w1, w2, b):
        w1, w2, b = rounded(w1, w2, b)
        sums = np.sum(np.array([w1, w2]) * INPUTS, axis=-1) + b  # as nbhelpers.perceptron adds them
        rows, rounding = "", False
        for (x1, x2), a, y in zip(INPUTS, sums, plot.outputs):
            mark = ""
            if 0 < a < 0.005:  # 0 on paper (a sum of 2-decimal numbers), a rounding error on the computer
                mark, rounding = " *", True
            rows += (
                f"<tr><td style='{_NUM}'>{x1}</td><td style='{_NUM}'>{x2}</td>"
                f"<td style='{_NUM}'>{_fmt_weight(a)}{mark}</td><td style='{_NUM}'><b>{y}</b></td></tr>"
            )
        name = TABLE_NAMES[tuple(int(v) for v in plot.outputs)]
        if name in ("AND", "NAND", "OR", "NOR"):
            verdict = f"These weights make the <b>{name}</b> gate."
        else:
            verdict = (
                f"Not one of AND, NAND, OR, NOR: this perceptron computes <b>{name}</b>, {_GATE_WORDS[name]}."
            )
        note = ""
        if rounding:
            note = (
                "<br><small>* On paper this sum is exactly 0 (output 0), but the computer stores numbers "
                "such as 0.1 in binary, slightly off, and gets a tiny positive number instead. Move a slider "
                "one step to leave the line.</small>"
            )
        return (
            f"<table style='font-family:monospace; line-height:1.3'><tr><th style='{_NUM}'>x1</th>"
            f"<th style='{_NUM}'>x2</th><th style='{_NUM}'>a = b + w1·x1 + w2·x2</th>"
            f"<th style='{_NUM}'>y</th></tr>{rows}</table>"
            f"{verdict}<br>{_gate_line_words(w1, w2, b)}<br>"
            "Looking for XOR (outputs 0, 1, 1, 0)? No setting of the sliders makes it: one straight line "
            f"cannot separate its 1s from its 0s.{note}"
        )

    box = _live(sliders, plot, draw, describe)
    loading = False

    def match(change=None):
        if loading:
            return
        values = rounded(*(s.value for s in sliders))
        found = [n for n, ((g1, g2), gb) in GATE_WEIGHTS.items() if [g1, g2, gb] == values]
        menu.value = found[0] if found else _OWN_WEIGHTS

    def load(change):
        nonlocal loading
        if change["new"] not in GATE_WEIGHTS:
            return
        (g1, g2), gb = GATE_WEIGHTS[change["new"]]
        loading = True
        try:
            for slider, value in zip(sliders, (g1, g2, gb)):
                slider.value = value
        finally:
            loading = False
        match()

    for s in sliders:
        s.observe(match, names="value")
    menu.observe(load, names="value")
    match()
    box.children = (menu, *box.children)
    return box


# ---- Notebook 05: handwritten digits ----


def digit_explorer(x=None, t=None, network=None, index: int = 0) -> W.VBox:
    """Browse digits (by default the 10 000 test images) with the network's answer and its 10
    probabilities; two more controls move the image and add noise, to see how sure the network stays.

    ``x``: images as rows of 784 values in [0, 1]; ``t``: their labels; ``network``: by default our
    pretrained network (``nbhelpers.pretrained_network()``).
    """
    from .mnist import load_mnist, pretrained_network, shift_and_noise

    if x is None or t is None:
        _, (x, t) = load_mnist()
    x, t = np.asarray(x), np.asarray(t)
    if x.ndim != 2 or x.shape[1] != 784 or len(t) != len(x):
        raise ValueError(f"x must have shape (N, 784) and t shape (N,), got {x.shape} and {t.shape}")
    network = pretrained_network() if network is None else network
    plot = DigitPlot()
    controls = [
        _slider("test image #", index, 0, len(x) - 1, kind=W.IntSlider),
        _slider("move right (pixels)", 0, -6, 6, kind=W.IntSlider),
        _slider("move down (pixels)", 0, -6, 6, kind=W.IntSlider),
        _slider("noise σ", 0.0, 0.0, 0.5, 0.01),
    ]
    state = {}

    def draw(i, dx, dy, noise):
        image = shift_and_noise(x[i], dx, dy, noise, seed=i)
        y = forward(network, image, output="softmax")
        state.update(y=y, label=int(t[i]))
        plot.show(image, y, int(t[i]))

    def describe(i, dx, dy, noise):
        y, label = state["y"], state["label"]
        order = np.argsort(y)[::-1][:3]
        best = int(order[0])
        verdict = "right" if best == label else f"wrong: the label is {label}"
        top = ", ".join(f"{int(k)}: {_fmt_p(y[k])}" for k in order)
        changes = []
        if dx or dy:
            changes.append(f"moved {dx} right and {dy} down")
        if noise:
            changes.append(f"noise σ = {noise:.2f}")
        changed = f" ({'; '.join(changes)})" if changes else ""
        return (
            f"Test image #{i}{changed}: label <b>{label}</b>. The network says <b>{best}</b> "
            f"with probability {_fmt_p(y[best])}: {verdict}.<br>Its three most likely digits: {top}.<br>"
            "<small>Bars: the network's answer is green when right and red when wrong; "
            "the right digit's bar is orange when the answer is wrong.</small>"
        )

    return _live(controls, plot, draw, describe)
