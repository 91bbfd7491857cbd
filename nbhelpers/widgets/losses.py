"""The widget of the loss functions: move the probability of the right class and watch the mean squared
error and the cross-entropy error respond."""

from __future__ import annotations

import ipywidgets as W
import numpy as np

from .._format import number
from ..losses import cross_entropy_error, mean_squared_error
from ..plots.losses import LossPlot
from ._controls import NUM, TABLE, dropdown, live, slider

__all__ = ["REST_CHOICES", "loss_explorer"]

#: The book's output y for the digit 2 (§4.2.1), without y_2: the shape "as in the book" gives the rest.
_BOOK_REST = np.array([0.1, 0.05, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])

#: How the probability 1 − y_t left over for the wrong classes is shared among them: (label, value).
REST_CHOICES = (
    ("as in the book's example", "book"),
    ("spread evenly", "even"),
    ("all on one wrong class", "one"),
)


def _output(p: float, t: int, rest: str) -> np.ndarray:
    """Ten probabilities summing to 1: ``p`` for class ``t``, 1 − p shared by the others as ``rest`` says.

    "book": in the proportions of the book's example (p = 0.6, t = 2 gives the book's y exactly);
    "even": equally; "one": all on class t + 5 (for t = 2: class 7, the book's second example).
    """
    if rest == "book":
        weights = _BOOK_REST
    elif rest == "even":
        weights = np.ones(9)
    else:
        weights = np.zeros(9)
        weights[(t + 5) % 10 - ((t + 5) % 10 > t)] = 1.0  # class (t + 5) % 10 among the other nine
    y = np.empty(10)
    y[np.arange(10) != t] = weights * ((1.0 - p) / weights.sum())
    y[t] = p
    return y


def loss_explorer(p: float = 0.6, t: int = 2, rest: str = "book") -> W.VBox:
    """A slider for y_t, the probability the network gives the right class ``t`` (a second slider), and
    a menu for how the rest, 1 − y_t, is shared among the nine wrong classes; the picture shows the ten
    probabilities, the cross-entropy on its curve −log y_t, and both losses. The table gives y_t, the
    mean squared error (with the one-hot t) and the cross-entropy error (with the label t).

    Starts at the book's example (y_2 = 0.6: MSE 0.0975, CEE 0.5108). At y_t = 0 the cross-entropy is
    −log(1e−7) = 16.12, the cap that the book's small δ puts on it.

    Book §4.2.1–4.2.2; notebook 06.
    """
    plot = LossPlot()
    controls = [
        slider("probability of the right class y_t", float(p), 0.0, 1.0, 0.01),
        slider("right class t", int(t), 0, 9, kind=W.IntSlider),
        dropdown("the rest, 1 − y_t", REST_CHOICES, rest),
    ]

    def step(p, t, rest):
        p, t = float(p), int(t)
        y = _output(p, t, rest)
        one_hot = np.zeros(10)
        one_hot[t] = 1.0
        mse = mean_squared_error(y, one_hot)
        cee = cross_entropy_error(y, t)
        plot.show(y, t, mse, cee)
        rows = "".join(
            f"<tr><td>{label}</td><td style='{NUM}'>{value}</td><td>&nbsp;&nbsp;{how}</td></tr>"
            for label, value, how in (
                (f"y_{t}", number(p, 2), f"the probability of the right class, {t}"),
                ("MSE", number(mse, 4), "½ Σ_k (y_k − t_k)², over all 10 classes"),
                ("CEE", number(cee, 4), f"−log(y_{t} + 1e−7), the right class only"),
            )
        )
        return f"<table style='{TABLE}'>{rows}</table>{_notice(p, rest, y, t, mse)}"

    return live(controls, plot, step)


def _notice(p: float, rest: str, y, t: int, mse: float) -> str:
    if p == 0.0:
        return (
            f"y_{t} = 0: log 0 would be −∞. The book's δ = 1e−7 caps the cross-entropy at "
            f"−log(1e−7) = {number(-np.log(1e-7), 2)}; MSE stays at most 1."
        )
    if p == 1.0:
        return "A sure right answer: both losses are 0 (the tiny δ makes the cross-entropy −1e−7)."
    wrong = int(np.argmax(np.where(np.arange(10) == t, -1.0, y)))
    note = (
        "The cross-entropy looks only at the right class's bar: change the menu and it stays the same. "
        "MSE looks at every class: it changes with how the rest is shared"
    )
    if rest == "one" and p < 0.5:
        note += f" (here a wrong class, {wrong}, gets the largest probability)"
    return note + "."
