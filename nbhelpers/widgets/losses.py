"""The widgets of the loss functions: move the probability of the right class and watch the mean squared
error and the cross-entropy error respond; move one weight of a network and watch its loss change
smoothly while its accuracy changes in steps."""

from __future__ import annotations

import ipywidgets as W
import numpy as np

from .._format import number
from ..losses import cross_entropy_error, mean_squared_error
from ..network import forward
from ..plots.losses import LossAccuracyPlot, LossPlot
from ._controls import dropdown, live, number_table, slider

__all__ = ["REST_CHOICES", "loss_explorer", "weight_explorer"]

#: The small change h of the weight in the central differences (f(w + h) − f(w − h)) / 2h.
SLOPE_H = 1e-3

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
        table = number_table(
            (
                (f"y_{t}", number(p, 2), f"the probability of the right class, {t}"),
                ("MSE", number(mse, 4), "½ Σ_k (y_k − t_k)², over all 10 classes"),
                ("CEE", number(cee, 4), f"−log(y_{t} + 1e−7), the right class only"),
            )
        )
        return table + _notice(p, rest, y, t, mse)

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


def _weight_copy(network, key, index, span, n):
    """A copy of ``network`` (float arrays, the caller's untouched), the checked index as a tuple, span and n."""
    if not isinstance(network, dict):
        raise TypeError(
            f"network must be a dict of arrays {{'W1': ..., 'b1': ...}}, got {type(network).__name__}"
        )
    if key not in network:
        raise ValueError(f"key must name one of the network's arrays {sorted(network)}, got {key!r}")
    moved = {}
    for name, array in network.items():
        array = np.asarray(array)
        moved[name] = np.array(array, dtype=array.dtype if array.dtype.kind == "f" else float)  # a copy
    shape = moved[key].shape
    index = (index,) if isinstance(index, (int, np.integer)) else tuple(index)
    if len(index) != len(shape) or not all(
        isinstance(i, (int, np.integer)) and -size <= i < size for i, size in zip(index, shape)
    ):
        raise ValueError(f"index {index} is out of range for {key}, of shape {shape}")
    index = tuple(int(i) % size for i, size in zip(index, shape))
    span = float(span)
    if not np.isfinite(span) or span <= 0:
        raise ValueError(f"span must be a finite number > 0, got {span}")
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 2:
        raise ValueError(f"n must be a whole number >= 2, got {n!r}")
    return moved, index, span, int(n)


def weight_explorer(network, x, t, key: str = "W3", index=(5, 3), span: float = 5.0, n: int = 401) -> W.VBox:
    """A slider for one weight of a trained network, ``network[key][index]``, over its value w0 ± ``span``;
    the picture shows the loss (cross-entropy) and the accuracy on the images ``x`` (labels ``t``)
    against that value, with a marker at the slider, and the table gives the value, the loss, the
    accuracy and their slopes.

    The two curves are computed once, at ``n`` values; each slider step runs the network on ``x`` with
    the weight at the slider's value (:func:`~nbhelpers.forward`, softmax output) and takes the slopes
    by central differences, (f(w + h) − f(w − h)) / 2h with h = 1e−3. The loss's slope says which way
    is downhill; the accuracy's is 0 almost everywhere: it only jumps where an image changes its
    answer. The widget works on a copy: ``network`` is never changed.

    Book §4.2.5; notebook 06.
    """
    moved, index, span, n = _weight_copy(network, key, index, span, n)
    x = np.asarray(x)
    x = x if x.dtype.kind == "f" else x.astype(float)
    labels = np.asarray(t)
    labels = labels.argmax(axis=-1) if labels.ndim == x.ndim else labels  # one-hot rows: their labels
    if x.ndim != 2 or labels.shape != x.shape[:1]:
        raise ValueError(
            f"x must be a batch of images (N, inputs) and t its N labels, got shapes {x.shape} and {np.shape(t)}"
        )
    name = f"{key}[{', '.join(map(str, index))}]"
    w0 = float(moved[key][index])

    def evaluate(v: float):
        """The loss and accuracy with the weight at ``v`` (as stored in the array's type), and that value."""
        moved[key][index] = v
        y = forward(moved, x, output="softmax")
        return (
            cross_entropy_error(y, labels),
            float(np.mean(y.argmax(axis=-1) == labels)),
            float(moved[key][index]),
        )

    values = w0 + np.linspace(-span, span, n)
    curves = np.array([evaluate(v)[:2] for v in values])
    plot = LossAccuracyPlot(values, curves[:, 0], curves[:, 1], name=name, current=w0)
    control = slider(name, w0, w0 - span, w0 + span, 2 * span / (n - 1), readout_format=".3f")

    def step(v):
        loss_up, acc_up, w_up = evaluate(float(v) + SLOPE_H)
        loss_down, acc_down, w_down = evaluate(float(v) - SLOPE_H)
        loss, acc, w = evaluate(float(v))
        loss_slope = (loss_up - loss_down) / (w_up - w_down)
        acc_slope = (acc_up - acc_down) / (w_up - w_down)
        plot.show(w, loss, acc, loss_slope, acc_slope)
        table = number_table(
            (
                (name, number(w, 4), f"the weight (trained: {number(w0, 4)})"),
                ("loss", number(loss, 5), f"cross-entropy on the {len(x)} images"),
                ("accuracy", f"{100 * acc:.2f}%", f"{round(acc * len(x))} of the {len(x)} images right"),
                (
                    "slope of the loss",
                    _slope(loss_slope),
                    "(loss(w + h) − loss(w − h)) / 2h, h = 0.001",
                ),
                ("slope of the accuracy", _slope(acc_slope), "the same difference"),
            )
        )
        jumped = round((acc_up - acc_down) * len(x))
        return table + _weight_notice(loss_slope, jumped)

    return live([control], plot, step)


def _slope(value: float) -> str:
    """A slope in the table: "0" when it is exactly 0 (the accuracy's, between its steps)."""
    return "0" if value == 0 else number(value, 5, tiny=True)


def _weight_notice(loss_slope: float, jumped: int) -> str:
    if loss_slope > 0:
        downhill = "the loss's slope is positive: downhill is to the left (a smaller weight)"
    elif loss_slope < 0:
        downhill = "the loss's slope is negative: downhill is to the right (a larger weight)"
    else:
        downhill = "the loss's slope is 0 here: no way is downhill"
    if jumped == 0:
        accuracy = (
            "the accuracy's slope is 0 here: a change of ±h changes no image's answer (the accuracy only "
            "jumps where an image changes its answer), so it gives no direction"
        )
    else:
        accuracy = (
            f"between w − h and w + h {abs(jumped)} {'images change their' if abs(jumped) > 1 else 'image changes its'} answer: "
            "the accuracy jumps, and its slope is that jump divided by 2h, a step, not a direction"
        )
    return f"What to notice: {downhill}; {accuracy}."
