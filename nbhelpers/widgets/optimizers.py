"""The race of the optimizers: pick a surface f(x, y), a start and each optimizer's learning rate, and
watch SGD zigzag, Momentum overshoot, AdaGrad's steps shrink and Adam find its way, side by side."""

from __future__ import annotations

import ipywidgets as W
import numpy as np

from .._format import MINUS, number
from ..optimizers import OPTIMIZERS, SURFACES, descent_path, make_optimizer
from ..plots.optimizers import OPTIMIZER_COLORS, OptimizerRacePlot
from ._controls import NUM, TABLE, dropdown, live, slider

__all__ = ["optimizer_race", "NO_BIAS_CORRECTION"]

#: The label of the path of Adam without its bias correction (the widget's checkbox adds it).
NO_BIAS_CORRECTION = "Adam, no bias correction"
_BOOK_FOUR = ("SGD", "Momentum", "AdaGrad", "Adam")  # the book's figure 6-8


def _g(value, digits: int = 3) -> str:
    """A number in ``digits`` significant digits, with a real minus sign: 0.95, 3.2e−05."""
    text = f"{float(value) + 0.0:.{digits}g}".replace("e+0", "e").replace("e+", "e").replace("e-0", "e-")
    return text.replace("-", MINUS)


def _checkbox(description: str, value: bool, width: str = "120px") -> W.Checkbox:
    return W.Checkbox(
        value=bool(value),
        description=description,
        indent=False,
        style={"description_width": "initial"},
        layout=W.Layout(width=width),
    )


def _narrow(control, width: str):
    control.layout.width = width
    return control


def _row(*controls) -> W.HBox:
    return W.HBox(list(controls), layout=W.Layout(flex_flow="row wrap", align_items="center"))


def optimizer_race(
    surface: str = "bowl",
    steps: int = 30,
    shown=_BOOK_FOUR,
    momentum: float = 0.9,
    decay_rate: float = 0.99,
    beta1: float = 0.9,
    beta2: float = 0.999,
    no_bias_correction: bool = False,
) -> W.VBox:
    """The paths of SGD, Momentum, Nesterov, AdaGrad, RMSprop and Adam from one start on a surface f(x, y)
    (a menu of :data:`nbhelpers.optimizers.SURFACES`), and f at each of their steps: a learning-rate
    slider (log scale) and a checkbox for each optimizer (``shown``: those ticked at first, the book's
    four), sliders for the start, the steps, Momentum's α (Nesterov's too), RMSprop's ρ and Adam's β1 and
    β2, and a checkbox that adds Adam without its bias correction. Choosing a surface sets the learning
    rates to its ``lrs`` and the start to its ``start``. The table gives, for each path, f at the end, the
    distance to the minimum, and its first, largest and last step.

    Book §6.1 (figure 6-8); notebook 09.
    """
    names = list(OPTIMIZERS)
    unknown = [name for name in shown if name not in names]
    if unknown:
        raise ValueError(f"shown must name optimizers among {names}, got {unknown}")
    for name, value, low, high in (
        ("steps", steps, 1, 100),
        ("momentum", momentum, 0.0, 0.99),
        ("decay_rate", decay_rate, 0.0, 0.999),
        ("beta1", beta1, 0.0, 0.99),
        ("beta2", beta2, 0.5, 0.9999),
    ):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
            raise ValueError(
                f"{name} must be a number from {low} to {high} (the slider's range), got {value!r}"
            )
    menu = dropdown("surface f(x, y)", list(SURFACES), surface, width="220px")
    step_slider = _narrow(slider("steps", steps, 1, 100, 1, kind=W.IntSlider), "380px")
    start_x, start_y = (
        _narrow(slider(f"start {axis}", 0.0, -1.0, 1.0, 0.01), "380px") for axis in ("x", "y")
    )
    checks = {name: _checkbox(name, name in shown) for name in names}
    rates = {
        name: _narrow(
            slider("η", 0.01, -4, 1, 0.05, kind=W.FloatLogSlider, base=10, readout_format=".3g"), "330px"
        )
        for name in names
    }
    alpha = _narrow(slider("momentum α (also Nesterov's)", momentum, 0.0, 0.99, 0.01), "330px")
    rho = _narrow(slider("decay ρ", decay_rate, 0.0, 0.999, 0.001, readout_format=".3f"), "330px")
    b1 = _narrow(slider("β1", beta1, 0.0, 0.99, 0.01), "330px")
    b2 = _narrow(slider("β2", beta2, 0.5, 0.9999, 0.0001, readout_format=".4f"), "330px")
    no_bias = _checkbox(f"add {NO_BIAS_CORRECTION} (its η, β1, β2 are Adam's)", no_bias_correction, "460px")
    loading = {"on": False}

    def load(surface_name):
        """Set the sliders to the surface's start, view and learning rates (without a redraw each)."""
        s = SURFACES[surface_name]
        loading["on"] = True
        try:
            for control, (low, high), value in (
                (start_x, s.view[:2], s.start[0]),
                (start_y, s.view[2:], s.start[1]),
            ):
                control.min, control.max = min(float(low), control.min), max(float(high), control.max)
                control.value = float(value)
                control.min, control.max = float(low), float(high)
                control.step = (float(high) - float(low)) / 200
            for name, control in rates.items():
                control.value = float(s.lrs.get(name, 0.01))
        finally:
            loading["on"] = False

    menu.observe(lambda change: load(change["new"]), names="value")  # before live's: it runs first
    load(menu.value)
    hyper = [alpha, rho, b1, b2]
    controls = [menu, step_slider, start_x, start_y, *checks.values(), *rates.values(), *hyper, no_bias]
    plot = OptimizerRacePlot(menu.value, labels=(*names, NO_BIAS_CORRECTION))
    shown_surface = {"name": menu.value}  # the contour lines are redrawn only when the surface changes
    last = {"html": ""}

    def step(surface_name, n_steps, x, y, *values):
        if loading["on"]:
            return last["html"]  # a slider set by load(): the redraw comes with the menu's own change
        ticks, lrs = values[: len(names)], values[len(names) : 2 * len(names)]
        a, r, beta_1, beta_2, add_no_bias = values[2 * len(names) :]
        s = SURFACES[surface_name]
        if shown_surface["name"] != surface_name:
            plot.show_surface(s)
            shown_surface["name"] = surface_name
        settings = {"Momentum": {"momentum": a}, "Nesterov": {"momentum": a}, "RMSprop": {"decay_rate": r}}
        settings["Adam"] = {"beta1": beta_1, "beta2": beta_2}
        runs = {
            name: (make_optimizer(name, lr=lr, **settings.get(name, {})), lr)
            for name, lr, tick in zip(names, lrs, ticks)
            if tick
        }
        if add_no_bias:
            runs[NO_BIAS_CORRECTION] = (
                make_optimizer(
                    "Adam", lr=lrs[names.index("Adam")], bias_correction=False, **settings["Adam"]
                ),
                lrs[names.index("Adam")],
            )
        start = (float(x), float(y))
        paths = {
            label: descent_path(opt, s, start=start, steps=int(n_steps)) for label, (opt, _) in runs.items()
        }
        with np.errstate(over="ignore", invalid="ignore"):  # a path far out: f = inf, drawn at the edge
            losses = {label: np.asarray(s.f(p[:, 0], p[:, 1]), dtype=float) for label, p in paths.items()}
        title = f"the {s.name}: {int(n_steps)} steps from ({number(x, 2)}, {number(y, 2)})"
        plot.show(paths, losses, title)
        last["html"] = _table(s, paths, losses, {label: lr for label, (_, lr) in runs.items()}) + _words(
            paths, runs, beta_1, beta_2
        )
        return last["html"]

    box = live(controls, plot, step)
    rows = [
        _row(menu, step_slider),
        _row(start_x, start_y),
        *(
            _row(checks[n], rates[n], *{"Momentum": [alpha], "RMSprop": [rho], "Adam": [b1]}.get(n, []))
            for n in names
        ),
        _row(no_bias, b2),
    ]
    box.children = (*rows, *box.children[len(controls) :])
    return box


def _stats(path: np.ndarray, minimum) -> tuple:
    """(the row where the path stops being finite (its length if never), the lengths of its finite
    steps, the distance from its last finite point to ``minimum`` (None: no minimum))."""
    bad = ~np.all(np.isfinite(path), axis=1)
    stop = int(np.argmax(bad)) if bad.any() else len(path)
    with np.errstate(over="ignore"):  # a step between far points: inf
        lengths = np.hypot(*np.diff(path[:stop], axis=0).T)
        distance = (
            None if minimum is None else float(np.hypot(*(path[stop - 1] - np.asarray(minimum, float))))
        )
    return stop, lengths, distance


def _table(surface, paths: dict, losses: dict, lrs: dict) -> str:
    head = [
        "",
        "η",
        "end (x, y)",
        "f at the end",
        "distance to the minimum",
        "first step",
        "largest step",
        "last step",
    ]
    rows = []
    for label, path in paths.items():
        stop, lengths, distance = _stats(path, surface.minimum)
        chip = f"<span style='color:{OPTIMIZER_COLORS[label]}'>■</span> {label}"
        end = _g(losses[label][stop - 1], 4) if stop == len(path) else f"diverged at step {stop}"
        cells = [
            _g(lrs[label]),
            f"({_g(path[stop - 1, 0])}, {_g(path[stop - 1, 1])})",
            end,
            "—" if distance is None else _g(distance),
            *(
                _g(v) if len(lengths) else "—"
                for v in (lengths[:1].sum(), lengths.max(initial=0), lengths[-1:].sum())
            ),
        ]
        rows.append(f"<tr><td>{chip}</td>" + "".join(f"<td style='{NUM}'>{c}</td>" for c in cells) + "</tr>")
    if not rows:
        return "No optimizer ticked: tick one to see its path."
    header = "".join(f"<th style='{NUM if k else ''}'>{h}</th>" for k, h in enumerate(head))
    return f"<table style='{TABLE}'><tr>{header}</tr>{''.join(rows)}</table>"


def _words(paths: dict, runs: dict, beta1: float, beta2: float) -> str:
    """What the first steps of Adam (with and without its bias correction) and AdaGrad's shrinking steps say."""
    lines = []
    first = {label: _stats(path, None)[1] for label, path in paths.items()}
    if "Adam" in paths and len(first["Adam"]):
        lines.append(
            f"Adam's first step moves each coordinate by η = {_g(runs['Adam'][1])}, whatever the size of the "
            f"gradient (the bias correction makes m̂/√v̂ = g/|g|): a step of {_g(first['Adam'][0])} here"
            " (η·√2 when both coordinates move)."
        )
    if NO_BIAS_CORRECTION in paths and len(first[NO_BIAS_CORRECTION]):
        factor = (1 - beta1) / np.sqrt(1 - beta2)
        lines.append(
            f"Without the correction, m and v start from 0 and the first step moves each coordinate by "
            f"(1 − β1)/√(1 − β2)·η = {_g(factor)}·η: a step of {_g(first[NO_BIAS_CORRECTION][0])}."
        )
    if "AdaGrad" in paths and len(first["AdaGrad"]) > 1:
        steps = first["AdaGrad"]
        lines.append(
            f"AdaGrad's steps shrink as its sum h of squared gradients grows: {_g(steps[0])} at first, "
            f"{_g(steps[-1])} at the last step."
        )
    return "<br>".join(lines)
