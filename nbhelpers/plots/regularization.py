"""Figures of notebook 10: batch normalisation against the scale of the initial weights (the book's figure
6-19), train against test accuracy as a network overfits and as weight decay or dropout hold it back
(figures 6-20 to 6-23), the weights' spread, and the random search for hyperparameters (figure 6-24)."""

from __future__ import annotations

import numpy as np
from matplotlib import colormaps
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FixedLocator, NullFormatter

from .._format import number
from ._figure import FONT, LivePlot, new_figure
from ._regularization_panels import (
    BATCHNORM_COLORS,
    BN_STYLE,
    REFERENCE,
    TRAIN_TEST_COLORS,
    TT_STYLE,
    BatchnormPanels,
    TrainTestPanels,
    curve,
    epochs_of,
    histogram_axes,
    histogram_range,
    loss_top,
    scale_text,
    shares,
    smoothed,
)

__all__ = [
    "TRAIN_TEST_COLORS",
    "BATCHNORM_COLORS",
    "batchnorm_grid_figure",
    "batchnorm_curves_figure",
    "BatchnormPlot",
    "train_test_figure",
    "TrainTestPlot",
    "weight_histogram_figure",
    "final_gap_figure",
    "search_scatter_figure",
    "search_curves_figure",
]


def _sci(value) -> str:
    """A number in powers of ten, 2 significant digits: 6.1e−3."""
    mantissa, exponent = f"{float(value):.1e}".split("e")
    return f"{mantissa}e{int(exponent)}".replace("-", "−")


def batchnorm_grid_figure(
    weight_scales, eval_steps, bn_acc, plain_acc, steps_per_epoch=None, title=None
) -> Figure:
    """The book's figure 6-19: one small panel per scale of the initial weights (a 4 × 4 grid for 16 scales,
    each titled "W std = 1.0"), the training accuracy after each epoch with batch normalisation (solid)
    and without (dashed), y from 0 to 1 on every panel, one legend.

    ``weight_scales``: k standard deviations; ``eval_steps``: the step of each evaluation (one per epoch);
    ``bn_acc``, ``plain_acc``: k curves each (k × evaluations).

    Book §6.3.2 (figure 6-19); notebook 10.
    """
    scales = curve(weight_scales, "weight_scales")
    epochs, _ = epochs_of(eval_steps, steps_per_epoch)
    curves = {}
    for key, value in (("bn_acc", bn_acc), ("plain_acc", plain_acc)):
        curves[key] = np.asarray(value, dtype=float)
        if curves[key].shape != (len(scales), len(epochs)):
            raise ValueError(
                f"{key} must have one curve per weight scale and one value per evaluation, shape "
                f"{(len(scales), len(epochs))}, got {curves[key].shape}"
            )
    columns = 4 if len(scales) > 3 else len(scales)
    rows = -(-len(scales) // columns)
    fig = new_figure((2.45 * columns + 0.4, 2.05 * rows + 1.0))
    axes = fig.subplots(rows, columns, sharex=True, sharey=True, squeeze=False).ravel()
    for k, ax in enumerate(axes):
        if k >= len(scales):
            ax.set_axis_off()
            continue
        for key in ("bn", "plain"):
            style = {"color": BATCHNORM_COLORS[key], "ls": BN_STYLE[key][0], "lw": 1.5}
            ax.plot(epochs, curves[f"{key}_acc"][k], **style)
        ax.set_title(f"W std = {scale_text(scales[k])}", fontsize=9.5)
        ax.set_xlim(0, epochs[-1])
        ax.set_ylim(0.0, 1.02)
        ax.set_yticks([0.0, 0.5, 1.0])
        ax.grid(True, alpha=0.3)
        ax.tick_params(labelsize=8.5)
        if k % columns == 0:
            ax.set_ylabel("train acc.", fontsize=9.5)
        if k + columns >= len(scales):
            ax.set_xlabel("epoch", fontsize=9.5)
            ax.xaxis.set_tick_params(labelbottom=True)
    handles = [Line2D([], [], color=c, ls=BN_STYLE[k][0], lw=1.8) for k, c in BATCHNORM_COLORS.items()]
    fig.legend(handles, [s[1] for s in BN_STYLE.values()], loc="outside lower center", ncol=2, frameon=False)
    fig.suptitle(title or "Training accuracy with and without batch normalisation, by weight scale", **FONT)
    return fig


def batchnorm_curves_figure(
    weight_scale,
    eval_steps,
    bn_acc,
    plain_acc,
    bn_loss=None,
    plain_loss=None,
    steps_per_epoch=None,
    title=None,
) -> Figure:
    """One panel of the book's figure 6-19, larger: the training accuracy after each epoch with batch
    normalisation (solid) and without (dashed) for one scale of the initial weights; with ``bn_loss`` and
    ``plain_loss`` (each step's mini-batch loss), a second panel of those losses smoothed as the book does
    (:func:`nbhelpers.optimizers.smooth_curve`), the raw ones faint behind. The loss axis ends at the next
    multiple of 2.5 above both curves (at most 50: higher or infinite losses are drawn at the top, and a
    note says so).

    Book §6.3.2 (figure 6-19); notebook 10.
    """
    epochs, per = epochs_of(eval_steps, steps_per_epoch)
    losses = [
        curve(v, name) for v, name in ((bn_loss, "bn_loss"), (plain_loss, "plain_loss")) if v is not None
    ]
    fig = new_figure((10.0, 4.2) if losses else (6.4, 4.4))
    steps = max((len(v) for v in losses), default=0)
    panels = BatchnormPanels(fig, epochs, per, steps, loss_top([smoothed(v) for v in losses]))
    panels.draw(weight_scale, bn_acc, plain_acc, bn_loss, plain_loss, title)
    return fig


class BatchnormPlot(LivePlot):
    """The figure of the batch-normalisation widget: :func:`batchnorm_curves_figure` on fixed axes.
    ``losses``: every loss curve the plot will show (none: no loss panel): its loss axis holds them all,
    for every weight scale. :meth:`show` redraws only the curves, the title and the note.

    Book §6.3.2; notebook 10.
    """

    def __init__(self, eval_steps, losses=(), steps_per_epoch=None):
        epochs, per = epochs_of(eval_steps, steps_per_epoch)
        losses = [curve(v, "losses") for v in losses]
        steps = max((len(v) for v in losses), default=0)
        self.figure = new_figure((10.0, 4.2) if steps else (6.4, 4.4))
        self._panels = BatchnormPanels(self.figure, epochs, per, steps, loss_top(map(smoothed, losses)))
        self._start_live(self._panels.moving)

    def show(self, weight_scale, bn_acc, plain_acc, bn_loss=None, plain_loss=None) -> None:
        """Draw the curves of one weight scale (then :meth:`png`)."""
        self._panels.draw(weight_scale, bn_acc, plain_acc, bn_loss, plain_loss)


def train_test_figure(
    eval_steps, train_acc, test_acc, title=None, steps_per_epoch=None, labels=("train", "test")
) -> Figure:
    """The book's figures 6-20, 6-21 and 6-23: the accuracy on the training data (solid, ○) and on the test
    data (dashed, □) after each epoch, with the gap between them at the end marked by an arrow and its
    value, train − test, written beside it.

    ``eval_steps``: the step of each evaluation (one per epoch, as :func:`nbhelpers.train` records them);
    ``labels``: the legend's names (``("train", "validation")`` for a random search's trial).

    Book §6.4.1–6.4.3 (figures 6-20, 6-21, 6-23); notebook 10.
    """
    epochs, _ = epochs_of(eval_steps, steps_per_epoch)
    fig = new_figure((7.6, 4.6))
    panels = TrainTestPanels(fig, epochs, labels)
    panels.draw(train_acc, test_acc, "Train and test accuracy after each epoch" if title is None else title)
    return fig


class TrainTestPlot(LivePlot):
    """The figure of the weight-decay and dropout widgets: :func:`train_test_figure` on fixed axes and,
    with ``edges``, a histogram of the weights beside it: one run's (a line) over a reference's, λ = 0
    (grey), in % of the weights per bin, on a log scale if ``log``, its axis holding every histogram of
    ``counts`` (all those the plot will show). :meth:`show` redraws curves, bars and titles.

    Book §6.4.1–6.4.3; notebook 10.
    """

    def __init__(self, eval_steps, edges=None, counts=(), log: bool = True, steps_per_epoch=None):
        epochs, _ = epochs_of(eval_steps, steps_per_epoch)
        self.figure = new_figure((10.0, 4.3) if edges is not None else (7.6, 4.6))
        ylim = (0.0, 1.0)
        if edges is not None:
            ylim = histogram_range([shares(c, len(edges) - 1) for c in counts], log)
        self._panels = TrainTestPanels(self.figure, epochs, edges=edges, hist_ylim=ylim, log=log)
        self._start_live(self._panels.moving)

    def show(self, train_acc, test_acc, title: str, counts=None, reference=None, labels=("", "")) -> None:
        """Draw one run (then :meth:`png`): its accuracies and, on the histogram panel, its weights'
        ``counts`` per bin over the ``reference`` counts; ``labels``: (reference's, counts')."""
        self._panels.draw(train_acc, test_acc, title, counts, reference, labels)


def weight_histogram_figure(edges, counts_by_label, log: bool = True, reference=None, title=None) -> Figure:
    """How the weights spread, for several runs overlaid (the effect of weight decay): for each label, the
    per cent of the network's weights in each bin (step lines, one colour per run, in order), on a log
    scale if ``log``. ``edges``: the bins' edges, shared; ``counts_by_label`` = {label: counts per bin};
    ``reference``: the label drawn filled in grey, the one the others are compared with (default: the
    first, e.g. "λ = 0").

    Book §6.4.2 (weight decay keeps the weights small); notebook 10.
    """
    edges = curve(edges, "edges")
    by_label = {label: shares(c, len(edges) - 1) for label, c in dict(counts_by_label).items()}
    if not by_label:
        raise ValueError("counts_by_label must hold at least one histogram, got none")
    reference = next(iter(by_label)) if reference is None else reference
    if reference not in by_label:
        raise ValueError(f"reference must be one of the labels {list(by_label)}, got {reference!r}")
    others = [label for label in by_label if label != reference]
    colors = dict(zip(others, colormaps["viridis"](np.linspace(0.0, 0.85, max(len(others), 1)))))
    fig = new_figure((7.6, 4.4))
    ax = fig.subplots()
    for label, values in by_label.items():
        if label == reference:
            ax.stairs(values, edges, fill=True, color=REFERENCE, alpha=0.45, label=label)
        else:
            ax.stairs(values, edges, color=colors[label], lw=1.6, baseline=None, label=label)
    histogram_axes(ax, edges, histogram_range(by_label.values(), log), log)
    ax.legend(fontsize=9, loc="upper right")
    ax.set_title(title or "How the weights spread (all layers)", **FONT)
    return fig


def _xscale(ax, values: np.ndarray, scale) -> None:
    positive = values[values > 0]
    wide = positive.size > 1 and positive.max() / positive.min() > 10
    scale = scale or (("symlog" if (values == 0).any() else "log") if wide else "linear")
    if scale == "symlog":
        ax.set_xscale("symlog", linthresh=float(positive.min()), linscale=0.6)
    elif scale != "linear":
        ax.set_xscale(scale)
    ax.xaxis.set_major_locator(FixedLocator(values))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xticks(values, [number(v, None) for v in values])


def final_gap_figure(values, train_final, test_final, xlabel: str, title=None, xscale=None) -> Figure:
    """The final train and test accuracy against a setting (the weight decay λ, the dropout ratio), the
    gap train − test written above each pair. ``train_final``, ``test_final``: one value per setting, or
    one row per seed (the mean is drawn, each seed a small faint dot). ``xscale``: None picks "symlog"
    (values from 0 over decades: λ), "log" or "linear" (the dropout ratios); each value is a tick.

    Book §6.4.2–6.4.3; notebook 10.
    """
    x = curve(values, "values")
    runs = {}
    for key, value in (("train", train_final), ("test", test_final)):
        runs[key] = np.atleast_2d(np.asarray(value, dtype=float))
        if runs[key].ndim != 2 or runs[key].shape[1] != len(x):
            raise ValueError(
                f"{key}_final must have one value per setting ({len(x)}), got shape {np.shape(value)}"
            )
    fig = new_figure((7.6, 4.6))
    ax = fig.subplots()
    for key, rows in runs.items():
        color, (dash, marker) = TRAIN_TEST_COLORS[key], TT_STYLE[key]
        if len(rows) > 1:
            ax.plot(
                np.repeat(x[None], len(rows), 0).ravel(), rows.ravel(), ".", color=color, alpha=0.35, ms=5
            )
        label = f"{key}" + (f" (mean of {len(rows)} seeds)" if len(rows) > 1 else "")
        ax.plot(x, rows.mean(axis=0), color=color, ls=dash, marker=marker, ms=6, lw=1.6, label=label)
    train, test = runs["train"].mean(axis=0), runs["test"].mean(axis=0)
    for xi, a, b in zip(x, train, test):
        ax.vlines(xi, min(a, b), max(a, b), color="0.6", lw=4, alpha=0.35, zorder=0)
        ax.annotate(
            number(a - b, 3),
            (xi, max(a, b)),
            xytext=(0, 7),
            textcoords="offset points",
            ha="center",
            fontsize=8.5,
        )
    _xscale(ax, x, xscale)
    ax.set_ylim(0.0, 1.08)
    ax.grid(True, alpha=0.3)
    ax.set_xlabel(xlabel, **FONT)
    ax.set_ylabel("accuracy after the last epoch", **FONT)
    handles, labels = ax.get_legend_handles_labels()
    handles.append(Line2D([], [], color="0.6", lw=4, alpha=0.35))
    labels.append("gap train − test (the number above)")
    ax.legend(
        handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=3, fontsize=9, frameon=False
    )
    ax.set_title(title or "Final train and test accuracy, and the gap train − test", **FONT)
    return fig


def _ranked(scores) -> np.ndarray:
    """Indices from the highest score to the lowest (NaN last, ties in their order)."""
    scores = np.asarray(scores, dtype=float)
    return np.argsort(np.where(np.isnan(scores), np.inf, -scores), kind="stable")


def search_scatter_figure(lrs, weight_decays, val_accs, best: int = 5, title=None) -> Figure:
    """The random search's trials on log axes, the learning rate η across and the weight decay λ up, each
    coloured by its final validation accuracy (the colour bar, from 0 to 1); the ``best`` trials ringed in
    red and numbered 1, 2, ... from the best. Where the good trials gather is where the next search looks.

    Book §6.5.3; notebook 10.
    """
    lr = curve(lrs, "lrs")
    wd, acc = curve(weight_decays, "weight_decays", len(lr)), curve(val_accs, "val_accs", len(lr))
    if np.any(lr <= 0) or np.any(wd <= 0):
        raise ValueError("lrs and weight_decays must be > 0 (they are drawn on log axes)")
    fig = new_figure((7.6, 5.4))
    ax = fig.subplots()
    dots = ax.scatter(
        lr, wd, c=acc, cmap="viridis", vmin=0.0, vmax=1.0, s=38, edgecolors="0.3", linewidths=0.4
    )
    ax.set_xscale("log")
    ax.set_yscale("log")
    top = _ranked(acc)[: max(int(best), 0)]
    words = f"the best {len(top)}" + (
        f" (1: η = {_sci(lr[top[0]])}, λ = {_sci(wd[top[0]])}, validation accuracy {number(acc[top[0]], 3)})"
        if len(top)
        else ""
    )
    ax.plot(lr[top], wd[top], "o", ms=13, mfc="none", mec="#d62728", mew=1.8, label=words)
    for rank, k in enumerate(top, 1):
        ax.annotate(
            str(rank),
            (lr[k], wd[k]),
            xytext=(8, 7),
            textcoords="offset points",
            fontsize=9,
            color="#d62728",
            weight="bold",
        )
    fig.colorbar(dots, ax=ax, label="validation accuracy after the last epoch", shrink=0.9)
    ax.grid(True, which="major", alpha=0.3)
    ax.set_xlabel("learning rate η (log scale)", **FONT)
    ax.set_ylabel("weight decay λ (log scale)", **FONT)
    if len(top):
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), fontsize=9, frameon=False)
    ax.set_title(title or f"Random search: {len(lr)} trials, coloured by validation accuracy", **FONT)
    return fig


def _trial(trial) -> tuple:
    """(lr, weight decay, train curve, validation curve) of a trial: a dict of the shipped results
    (``train_acc``, ``val_acc``) or a :class:`nbhelpers.regularization.Trial`."""
    if isinstance(trial, dict):
        return trial["lr"], trial["weight_decay"], trial["train_acc"], trial["val_acc"]
    history = trial.history
    return trial.lr, trial.weight_decay, history.train_acc, history.test_acc


def search_curves_figure(trials, best: int = 20, columns: int = 5, title=None) -> Figure:
    """The book's figure 6-24: the ``best`` trials of a random search (by final validation accuracy),
    one small panel each, "Best-k (val acc: 0.xx)", the validation accuracy after each epoch solid and
    the training accuracy dashed, the trial's η and λ in small print.

    ``trials``: dicts with ``lr``, ``weight_decay``, ``train_acc``, ``val_acc`` (as shipped), or
    :class:`nbhelpers.regularization.Trial` objects.

    Book §6.5.3 (figure 6-24); notebook 10.
    """
    runs = [_trial(t) for t in trials]
    if not runs:
        raise ValueError("trials must hold at least one trial, got none")
    finals = [float(np.asarray(val, dtype=float)[-1]) if len(val) else np.nan for *_, val in runs]
    order = _ranked(finals)[: max(int(best), 1)]
    columns = min(int(columns), len(order))
    rows = -(-len(order) // columns)
    fig = new_figure((1.95 * columns + 0.5, 1.75 * rows + 1.1))
    axes = fig.subplots(rows, columns, sharex=True, sharey=True, squeeze=False).ravel()
    for ax in axes[len(order) :]:
        ax.set_axis_off()
    for rank, (ax, k) in enumerate(zip(axes, order), 1):
        lr, wd, train, val = runs[k]
        epochs = np.arange(1, len(val) + 1)
        ax.plot(epochs, curve(val, "val_acc"), color=TRAIN_TEST_COLORS["test"], lw=1.5)
        ax.plot(
            np.arange(1, len(train) + 1),
            curve(train, "train_acc"),
            color=TRAIN_TEST_COLORS["train"],
            ls="--",
            lw=1.3,
        )
        ax.set_title(f"Best-{rank} (val acc: {number(finals[k], 2)})", fontsize=9)
        words = f"η = {_sci(lr)}\nλ = {_sci(wd)}"
        ax.text(
            0.97, 0.05, words, transform=ax.transAxes, ha="right", va="bottom", fontsize=7.5, color="0.25"
        )
        ax.set_ylim(0.0, 1.02)
        ax.set_yticks([0.0, 0.5, 1.0])
        ax.grid(True, alpha=0.3)
        ax.tick_params(labelsize=8)
        if rank + columns > len(order):  # the lowest panel of its column
            ax.set_xlabel("epoch", fontsize=9)
            ax.xaxis.set_tick_params(labelbottom=True)
    handles = [
        Line2D([], [], color=TRAIN_TEST_COLORS["test"], lw=1.5),
        Line2D([], [], color=TRAIN_TEST_COLORS["train"], ls="--"),
    ]
    fig.legend(
        handles,
        ["validation accuracy", "training accuracy"],
        loc="outside lower center",
        ncol=2,
        frameon=False,
    )
    fig.suptitle(title or f"The best {len(order)} of {len(runs)} trials (random search)", **FONT)
    return fig
