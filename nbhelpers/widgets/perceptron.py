"""The widget of the perceptron: set its two weights and its bias, and see which gate it computes."""

from __future__ import annotations

import ipywidgets as W

from .._format import number
from ..perceptron import GATE_WEIGHTS, INPUTS, TABLE_NAMES, truth_table, weighted_sum
from ..plots.perceptron import GatePlot
from ._controls import NUM, TABLE, dropdown, live, slider

__all__ = ["perceptron_explorer"]

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


def _gate_line_words(w1: float, w2: float, b: float) -> str:
    if w1 == 0 and w2 == 0:
        return (
            f"w1 = w2 = 0: there is no line; the sum is b = {number(b, 2)} for every input, "
            f"so every output is {1 if b > 0 else 0}."
        )
    if w2 == 0:
        return f"The line b + w1·x1 + w2·x2 = 0 is upright: x1 = −b / w1 = {number(-b / w1, 2)}."
    line = f"x2 = {number(-w1 / w2, 2)}·x1 + {number(-b / w2, 2)}".replace("+ −", "− ")
    return f"The line b + w1·x1 + w2·x2 = 0, solved for x2: {line}."


def perceptron_explorer(w1: float = 0.5, w2: float = 0.5, b: float = -0.7) -> W.VBox:
    """Sliders for the weights w1, w2 and the bias b of a perceptron with two inputs, and a menu that
    loads the book's AND, NAND or OR. The picture shows the line b + w1·x1 + w2·x2 = 0, the two
    half-planes and the four inputs coloured by their output; the table under it gives the weighted
    sum and output for each input, and names the gate those weights make.

    Book §2.3–2.4; notebook 01.
    """
    plot = GatePlot()
    sliders = [
        slider("weight w1", w1, -1.0, 1.0, 0.05),
        slider("weight w2", w2, -1.0, 1.0, 0.05),
        slider("bias b", b, -1.5, 1.5, 0.05),
    ]
    menu = dropdown("load a gate", [_OWN_WEIGHTS, *GATE_WEIGHTS], _OWN_WEIGHTS, width="320px")

    def rounded(*values):  # what the readouts show: a slider can hold 0.30000000000000004
        return [round(float(v), 2) for v in values]

    def step(w1, w2, b):
        w1, w2, b = rounded(w1, w2, b)
        outputs = truth_table(w1, w2, b)
        name = TABLE_NAMES[tuple(int(v) for v in outputs)]
        plot.show(w1, w2, b, outputs, name)
        sums = weighted_sum(INPUTS, [w1, w2], b)  # what the perceptron compares with 0
        rows, rounding = "", False
        for (x1, x2), a, y in zip(INPUTS, sums, outputs):
            mark = ""
            if 0 < a < 0.005:  # 0 on paper (a sum of 2-decimal numbers), a rounding error on the computer
                mark, rounding = " *", True
            rows += (
                f"<tr><td style='{NUM}'>{x1}</td><td style='{NUM}'>{x2}</td>"
                f"<td style='{NUM}'>{number(a, 2)}{mark}</td><td style='{NUM}'><b>{y}</b></td></tr>"
            )
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
            f"<table style='{TABLE}'><tr><th style='{NUM}'>x1</th>"
            f"<th style='{NUM}'>x2</th><th style='{NUM}'>a = b + w1·x1 + w2·x2</th>"
            f"<th style='{NUM}'>y</th></tr>{rows}</table>"
            f"{verdict}<br>{_gate_line_words(w1, w2, b)}<br>"
            "Looking for XOR (outputs 0, 1, 1, 0)? No setting of the sliders makes it: one straight line "
            f"cannot separate its 1s from its 0s.{note}"
        )

    box = live(sliders, plot, step)
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
            for control, value in zip(sliders, (g1, g2, gb)):
                control.value = value
        finally:
            loading = False
        match()

    for s in sliders:
        s.observe(match, names="value")
    menu.observe(load, names="value")
    match()
    box.children = (menu, *box.children)
    return box
