"""The widgets of notebook 10: slide through the shipped runs of ``tools/regularization_experiments.py``
and watch batch normalisation rescue badly scaled initial weights, weight decay shrink the weights and the
gap between train and test accuracy, and dropout do the same. They compute nothing heavy: the runs were
trained once, with their settings, and ship with the package (``nbhelpers.shipped_results``)."""

from __future__ import annotations

import ipywidgets as W
import numpy as np

from .._format import number
from ..mnist import shipped_results
from ..plots.regularization import BatchnormPlot, TrainTestPlot
from ._controls import NUM, TABLE, choice_slider, live

__all__ = ["batchnorm_explorer", "weight_decay_explorer", "dropout_explorer"]


def _section(results, name: str, keys) -> dict:
    """``results[name]`` (the shipped results by default), checked for ``keys``."""
    results = shipped_results("regularization") if results is None else results
    section = results.get(name) if isinstance(results, dict) else None
    missing = [k for k in keys if not isinstance(section, dict) or k not in section]
    if missing or not section["runs"]:
        raise ValueError(
            f"results must hold the section {name!r} with {list(keys)} and at least one run, as "
            f"nbhelpers.shipped_results('regularization') does; missing {missing or ['runs']}"
        )
    return section


def _start(value, values, name: str):
    """The value of ``values`` closest to ``value`` (within 0.1 %; None: the first)."""
    if value is None:
        return values[0]
    try:
        close = [v for v in values if np.isclose(v, float(value), rtol=1e-3, atol=1e-12)]
    except (TypeError, ValueError):
        close = []
    if not close:
        raise ValueError(f"{name} must be one of {values}, got {value!r}")
    return close[0]


class _Cached:
    """A live plot whose picture is kept for each value shown: coming back to a value costs nothing."""

    def __init__(self, plot):
        self.plot, self._pngs, self._key = plot, {}, None
        self.css_width = plot.css_width

    def show(self, key, *args) -> None:
        self._key = key
        if key not in self._pngs:
            self.plot.show(*args)
            self._pngs[key] = self.plot.png()

    def png(self) -> bytes:
        return self._pngs[self._key]


def _box(controls, cached, step) -> W.VBox:
    box = live(controls, cached, step)
    box.plot = cached.plot  # the figure behind the picture, for a look inside (and for the tests)
    return box


def _seeds(summary, key: str, value, fields) -> dict:
    """{field: (lowest, highest) over the seeds of ``summary``} for the entry whose ``key`` is ``value``."""
    found = {f: [] for f in fields}
    for entries in (summary or {}).values():
        for entry in entries:
            if np.isclose(entry[key], value, rtol=1e-3, atol=1e-12):
                for f in fields:
                    found[f].append(float(entry[f]))
    return {f: (min(v), max(v)) for f, v in found.items() if v}


def _span(low_high) -> str:
    low, high = low_high
    return number(low, 3) if number(low, 3) == number(high, 3) else f"{number(low, 3)} to {number(high, 3)}"


def _seed_line(summary, key, value, fields, words) -> str:
    spans = _seeds(summary, key, value, fields)
    if not spans or len(summary) < 2:  # (one seed: the run shown)
        return ""
    seeds = ", ".join(sorted(summary, key=str))
    parts = [f"{word} {_span(spans[f])}" for f, word in zip(fields, words) if f in spans]
    return f"<br>Over seeds {seeds} (other initial weights and batches): " + "; ".join(parts) + "."


def batchnorm_explorer(results=None, weight_scale=None) -> W.VBox:
    """The book's figure 6-19, one weight scale at a time: a slider over the 16 standard deviations of the
    initial weights (1 down to 0.0001), the training accuracy after each epoch with batch normalisation
    (solid) and without (dashed), the loss of each mini-batch (smoothed) beside it, and the final
    accuracies in words, for each seed the results hold. ``results``: the shipped results (default) or a
    dict of their shape; ``weight_scale``: the one shown first (default: the first, 1.0).

    Book §6.3.2 (figure 6-19); notebook 10.
    """
    bn = _section(results, "batchnorm", ("eval_steps", "runs"))
    runs = {float(run["weight_scale"]): run for run in bn["runs"]}
    scales = list(runs)
    labels = [f"{w:.2g}" for w in scales]
    control = choice_slider(
        "std of the initial weights", scales, labels, _start(weight_scale, scales, "weight_scale")
    )
    losses = [run[k].get("step_loss") for run in runs.values() for k in ("bn", "plain")]
    with_loss = all(loss is not None for loss in losses)  # (a loss panel only if every run has its losses)
    plot = _Cached(BatchnormPlot(bn["eval_steps"], losses if with_loss else ()))
    steps, size = int(bn["eval_steps"][-1]), bn.get("train_size", "the")

    def step(w):
        run = runs[w]
        with_bn, without = run["bn"], run["plain"]
        loss = (with_bn["step_loss"], without["step_loss"]) if with_loss else ()
        plot.show(w, w, with_bn["train_acc"], without["train_acc"], *loss)
        first, last = (float(run[k]["train_acc"][-1]) for k in ("bn", "plain"))
        text = (
            f"Initial weights with standard deviation {w:.2g}: after {len(with_bn['train_acc'])} "
            f"epochs ({steps} steps) on {size} training images, the training accuracy is "
            f"<b>{number(first, 3)}</b> with batch normalisation and <b>{number(last, 3)}</b> without."
        )
        words = ("with batch normalisation", "without")
        return text + _seed_line(bn.get("summary"), "weight_scale", w, ("bn_final", "plain_final"), words)

    return _box([control], plot, step)


def _n(value) -> str:
    """An accuracy or a gap in 3 decimals, "—" if it was not measured (NaN)."""
    return number(value, 3) if np.isfinite(value) else "—"


def _row(cells, bold: bool = False) -> str:
    cells = [f"<b>{c}</b>" if bold else c for c in cells]
    return f"<tr><td>{cells[0]}</td>" + "".join(f"<td style='{NUM}'>{c}</td>" for c in cells[1:]) + "</tr>"


def _table(head, rows) -> str:
    header = "".join(f"<th style='{NUM if k else ''}'>{h}</th>" for k, h in enumerate(head))
    return f"<table style='{TABLE}'><tr>{header}</tr>{''.join(rows)}</table>"


def _finals(run) -> tuple:
    train, test = float(run["train_acc"][-1]), float(run["test_acc"][-1])
    return train, test, train - test


def weight_decay_explorer(results=None, weight_decay_lambda=None) -> W.VBox:
    """The book's figures 6-20 and 6-21, for each weight decay λ shipped: a slider over λ, the train and
    test accuracy after each epoch (300 training images, the gap at the end marked), the histogram of
    all the weights after training beside λ = 0's (grey), and a table of the final accuracies, their
    gap and the sum of the squared weights ΣW², for this λ, for λ = 0 and before training. ``results``: the shipped results
    (default) or a dict of their shape; ``weight_decay_lambda``: the λ shown first (default: the first, 0).

    Book §6.4.1–6.4.2 (figures 6-20, 6-21); notebook 10.
    """
    wd = _section(results, "weight_decay", ("eval_steps", "runs"))
    runs = {float(run["lambda"]): run for run in wd["runs"]}
    values = list(runs)
    start = _start(weight_decay_lambda, values, "weight_decay_lambda")
    control = choice_slider("weight decay λ", values, [f"{v:g}" for v in values], start)
    base = runs[values[0]]  # λ = 0 (the first), which every other is compared with
    hists = [run.get("weight_hist") for run in runs.values()]
    edges = hists[0]["edges"] if all(hists) else None
    plot = _Cached(TrainTestPlot(wd["eval_steps"], edges, [h["counts"] for h in hists] if edges else ()))

    def step(lam):
        run = runs[lam]
        name, base_name = f"λ = {lam:g}", f"λ = {values[0]:g}"
        counts = (run["weight_hist"]["counts"], base["weight_hist"]["counts"]) if edges else (None, None)
        plot.show(lam, *_accuracies(run), f"{name}: accuracy after each epoch", *counts, (base_name, name))
        rows = []
        for label, r in ((name, run), (base_name + (" (no weight decay)" if values[0] == 0 else ""), base)):
            if r is not run or not rows:
                norm = number(r["weight_norm2"], 1) if "weight_norm2" in r else "—"
                rows.append(_row([label, *(_n(v) for v in _finals(r)), norm], bold=r is run))
        if "weight_norm2" in wd.get("initial_weights", {}):  # (the same initial weights for every λ)
            rows.append(
                _row(["before training", "", "", "", number(wd["initial_weights"]["weight_norm2"], 1)])
            )
        head = ["", "train accuracy", "test accuracy", "gap train − test", "ΣW² (all weights)"]
        gap, base_gap = _finals(run)[2], _finals(base)[2]
        text = f"With {name}, the gap is {_n(gap)}" + (
            f" ({_n(base_gap)} with {base_name})." if run is not base else "."
        )
        line = _seed_line(wd.get("summary"), "lambda", lam, ("gap",), ("the gap",))
        return _table(head, rows) + text + line

    return _box([control], plot, step)


def _accuracies(run) -> tuple:
    return run["train_acc"], run["test_acc"]


def dropout_explorer(results=None, dropout_ratio=None) -> W.VBox:
    """The book's figure 6-23, for each dropout ratio shipped: a slider over the ratio (0: no dropout
    layer), the train and test accuracy after each epoch (300 training images, the gap at the end
    marked) and a table of the final accuracies and their gap, for this ratio and without dropout.
    ``results``: the shipped results (default) or a dict of their shape; ``dropout_ratio``: the ratio shown
    first (default: the first, 0).

    Book §6.4.3 (figure 6-23); notebook 10.
    """
    do = _section(results, "dropout", ("eval_steps", "runs"))
    runs = {float(run["ratio"]): run for run in do["runs"]}
    values = list(runs)
    control = choice_slider(
        "dropout ratio", values, [f"{v:g}" for v in values], _start(dropout_ratio, values, "dropout_ratio")
    )
    base = runs[values[0]]
    plot = _Cached(TrainTestPlot(do["eval_steps"]))

    def step(ratio):
        run = runs[ratio]
        name = "no dropout" if ratio == 0 else f"dropout ratio {ratio:g}"
        base_name = "no dropout" if values[0] == 0 else f"dropout ratio {values[0]:g}"
        plot.show(ratio, *_accuracies(run), f"{name}: accuracy after each epoch")
        rows = [_row([name, *(_n(v) for v in _finals(run))], bold=True)]
        if run is not base:
            rows.append(_row([base_name, *(_n(v) for v in _finals(base))]))
        head = ["", "train accuracy", "test accuracy", "gap train − test"]
        gap, base_gap = _finals(run)[2], _finals(base)[2]
        text = f"With {name}, the gap is {_n(gap)}" + (
            f" ({_n(base_gap)} with {base_name})." if run is not base else "."
        )
        line = _seed_line(do.get("summary"), "ratio", ratio, ("gap",), ("the gap",))
        return _table(head, rows) + text + line

    return _box([control], plot, step)
