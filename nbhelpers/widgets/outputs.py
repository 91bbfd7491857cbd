"""The widget of the output layer: three scores and a temperature, and the probabilities softmax makes."""

from __future__ import annotations

import ipywidgets as W
import numpy as np
from matplotlib.colors import to_hex

from .._format import number
from ..outputs import softmax
from ..plots.outputs import CLASS_COLORS, SoftmaxPlot
from ._controls import NUM, TABLE, live, slider

__all__ = ["softmax_explorer"]


def softmax_explorer(a=(0.3, 2.9, 4.0), T: float = 1.0) -> W.VBox:  # noqa: N803 (T, as in the formula)
    """Sliders for three scores a_1, a_2, a_3 and a temperature T, with the bars of
    softmax(a / T): small T sharpens the probabilities towards the largest score, large T flattens
    them towards 1/3. The table under the picture gives every number.

    Book §3.5.2–3.5.3 (the temperature is not in the book); notebook 03.
    """
    a = [float(v) for v in a]
    if len(a) != 3:
        raise ValueError(f"a must hold 3 scores, got {len(a)}")
    plot = SoftmaxPlot(n=3)
    controls = [slider(f"score a{k}", v, *plot.score_range, 0.1) for k, v in enumerate(a, start=1)]
    # T from 10^-2 = 0.01 to 10^1 = 10, evenly spaced on a log scale
    controls.append(slider("temperature T", T, -2, 1, 0.01, kind=W.FloatLogSlider, base=10))

    def step(*values):
        *scores, t = (float(v) for v in values)
        if not t > 0:
            raise ValueError(f"the temperature T must be positive, got {t}")
        p = softmax(np.array(scores) / t)
        plot.show(scores, t, p)
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
            f"<td style='{NUM}'>{number(scores[k])}</td><td style='{NUM}'>{number(scores[k] / t)}</td>"
            f"<td style='{NUM}'>{number(p[k], tiny=True)}</td></tr>"
            for k in range(3)
        )
        return (
            f"<table style='{TABLE}'><tr><th></th><th></th>"
            f"<th style='{NUM}'>a_k</th><th style='{NUM}'>a_k / T</th><th style='{NUM}'>y_k</th></tr>"
            f"{rows}<tr><td></td><td>sum</td><td></td><td></td>"
            f"<td style='{NUM}'>{number(np.sum(p), tiny=True)}</td></tr></table>"
            f"{order}<br>T = {number(t)}: {_temperature_words(t)}"
        )

    return live(controls, plot, step)


def _temperature_words(t: float) -> str:
    if t < 0.999:
        return "dividing by T < 1 spreads the scores apart, so the probabilities are sharper than softmax(a)."
    if t > 1.001:
        return "dividing by T > 1 squeezes the scores together, so the probabilities are flatter than softmax(a)."
    return "softmax(a / 1) is plain softmax(a)."
