"""The widget of gradient descent: pick a bowl, a learning rate, a number of steps and a start, and watch
the path go downhill, zigzag, crawl or fly off."""

from __future__ import annotations

import ipywidgets as W
import numpy as np

from .._format import MINUS
from ..gradient import gradient_descent
from ..plots.gradient import DescentPlot
from ._controls import NUM, TABLE, dropdown, live, slider

__all__ = ["BOWLS", "descent_explorer"]

#: The functions of the descent widget: label -> (a0, a1), the bowl f(x0, x1) = a0·x0² + a1·x1².
BOWLS = {"round bowl x0² + x1²": (1.0, 1.0), "long bowl x0²/20 + x1²": (0.05, 1.0)}
_VIEW = (-5.0, 5.0)
_H = 1e-4  # the step of the numerical gradient inside gradient_descent


def _bowl(a0: float, a1: float):
    def f(x):  # x: one point (2,), or points stacked along the first axis (2, ...)
        return a0 * x[0] ** 2 + a1 * x[1] ** 2

    return f


def _g(value, digits: int = 4) -> str:
    """A number of any size in ``digits`` significant digits, with a real minus sign: 0.8, 2.59e13."""
    return f"{float(value) + 0.0:.{digits}g}".replace("e+", "e").replace("e-0", "e-").replace("-", MINUS)


def _fate(r: float, steps: int) -> str:
    """What multiplying a coordinate by ``r`` at every step does to it, in words."""
    if r > 1:
        return "it grows, running away from the bottom"
    if r == 1:
        return "no change at all"
    if r > 0.99:
        return f"barely any change: in {steps} steps it shrinks by only {_g(100 * (1 - r**steps), 2)}%"
    if r > 0:
        return "a steady shrink towards 0, never overshooting"
    if r == 0:
        return "straight to 0 in one step"
    if r > -1:
        return "a zigzag across the bottom (the sign flips at every step) that shrinks"
    if r == -1:
        return "bouncing between +x and −x for ever"
    return "a zigzag that grows at every step: it diverges"


def descent_explorer(
    function: str = "round bowl x0² + x1²",
    lr: float = 0.1,
    steps: int = 20,
    x0: float = -3.0,
    x1: float = 4.0,
) -> W.VBox:
    """Controls for gradient descent on a bowl f(x0, x1) (its learning rate η, the number of steps, the
    start): the path on the contour lines, the loss per step, and why it converges, zigzags or diverges.

    Book §4.4.1; notebook 06.
    """
    grid = np.linspace(*_VIEW, 201)
    points = np.stack(np.meshgrid(grid, grid))
    surfaces = {name: (points[0], points[1], _bowl(*a)(points)) for name, a in BOWLS.items()}
    controls = [  # first: the menu checks function
        dropdown("function f", list(BOWLS), function),
        # η from 10^-10 to 10^1 = 10, evenly spaced on a log scale (the book tries 0.1, 1e-10 and 10)
        slider("learning rate η", lr, -10, 1, 0.1, kind=W.FloatLogSlider, base=10, readout_format=".3g"),
        slider("steps", steps, 1, 100, 1, kind=W.IntSlider),
        slider("start x0", x0, -4.5, 4.5, 0.1),
        slider("start x1", x1, -4.5, 4.5, 0.1),
    ]
    plot = DescentPlot(surfaces[function], function, view=(*_VIEW, *_VIEW))
    shown = {"function": function}  # the contour lines are redrawn only when the function changes

    def step(function, lr, steps, x0, x1):
        if shown["function"] != function:
            plot.show_surface(surfaces[function], function)
            shown["function"] = function
        a, f = BOWLS[function], _bowl(*BOWLS[function])
        x, history = gradient_descent(f, np.array([float(x0), float(x1)]), lr=float(lr), step_num=int(steps))
        with np.errstate(over="ignore"):  # a path far out: f = inf, drawn at the edge of the loss axis
            losses = f(history.T)
        plot.show(history, losses, f"gradient descent: η = {_g(lr, 3)}, {steps} steps")
        return _table(a, float(lr), int(steps), history, losses) + _words(a, float(lr), int(steps), history)

    return live(controls, plot, step)


def _table(a, lr: float, steps: int, history, losses) -> str:
    factors = [1 - 2 * ai * lr for ai in a]
    rows = [
        ("start", *history[0], losses[0]),
        (f"after {steps} steps", *history[-1], losses[-1]),
        ("factor per step, 1 − 2·a·η", *factors, None),
        (f"factor after {steps} steps", *(r**steps for r in factors), None),  # |r| <= 21: no overflow
    ]
    body = "".join(
        f"<tr><td>{label}</td>"
        + "".join(f"<td style='{NUM}'>{'' if v is None else _g(v, 12 if k == 2 else 6)}</td>" for v in values)
        + "</tr>"
        for k, (label, *values) in enumerate(rows)
    )
    return (
        f"<table style='{TABLE}'><tr><th></th><th style='{NUM}'>x0</th><th style='{NUM}'>x1</th>"
        f"<th style='{NUM}'>f(x)</th></tr>{body}</table>"
    )


def _words(a, lr: float, steps: int, history) -> str:
    a0, a1 = a
    terms = "2·x0, 2·x1" if a0 == a1 else "x0/10, 2·x1"
    lines = [
        f"The gradient of this bowl is ({terms}), so a step x ← x − η·∇f multiplies x0 by "
        f"1 − {_g(2 * a0)}·η and x1 by 1 − {_g(2 * a1)}·η: x shrinks towards the bottom (0, 0) only if "
        f"each factor is between −1 and 1, that is 0 &lt; η &lt; {_g(1 / a1)} here"
        + (
            "."
            if a0 == a1
            else f" (x1, the steep direction, sets the limit; x0 alone would allow η &lt; {_g(1 / a0)})."
        )
    ]
    coordinates = [("x0 and x1", a0)] if a0 == a1 else [("x0", a0), ("x1", a1)]
    fates = [
        f"{who} × {_g(1 - 2 * ai * lr, 12)} per step: {_fate(1 - 2 * ai * lr, steps)}"
        for who, ai in coordinates
    ]
    lines.append(f"With η = {_g(lr, 3)}: " + "; ".join(fates) + ".")
    finite = np.isfinite(history).all(axis=1)
    if not finite.all():
        lines.append(f"x became too large for a float (inf or NaN) at step {int(np.argmin(finite))}.")
    else:
        size = float(np.max(np.abs(history[-1])))
        gap = float(np.spacing(size))
        if gap > _H / 10:
            lines.append(
                f"|x| reached {_g(size)}, where neighbouring floats are {_g(gap)} apart: x ± h (h = {_g(_H)}) "
                "round to x or its neighbours, so the numerical gradient is 0 or rounding noise and the path "
                "stops growing (the book's η = 10 run ends at (−2.59e13, −1.30e12) this way)."
            )
    return "<br>".join(lines)
