"""Figures of the loss functions: the curve −log y, the losses of random mini-batches, loss against
accuracy as one weight moves, and the live plots behind the loss explorer and the weight explorer."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from .._format import number
from ._figure import FONT, LivePlot, new_figure

__all__ = [
    "neg_log_figure",
    "batch_loss_spread_figure",
    "loss_accuracy_figure",
    "LossAccuracyPlot",
    "LossPlot",
]

#: The book's small number in cross_entropy_error, log(y + δ), δ = 1e−7: it keeps log 0 = −∞ away.
_DELTA = 1e-7

#: The colours of the two losses, in every figure of this module.
MSE_COLOR, CEE_COLOR = "C0", "C3"
#: The right class's bar (the other classes are grey).
RIGHT_COLOR, OTHER_COLOR = "C2", "0.6"

#: How high the loss axes of the live plot go (× 1.08): −log y = 5 at y = 0.0067; higher losses are written.
LOSS_TOP = 5.0


def _neg_log(y):
    with np.errstate(divide="ignore"):  # −log 0 = +inf, drawn as "off the chart"
        return -np.log(y)


def neg_log_figure(marks=(0.6, 0.1)) -> Figure:
    """The curve −log y: the cross-entropy loss when the right class gets probability y.

    Left, y from 0 to 1: the loss is 0 for a sure right answer (y = 1) and grows fast as y shrinks; the
    ``marks`` (default: the book's two outputs for the digit 2, y = 0.6 and y = 0.1) are dotted with
    their losses (0.51 and 2.30). Right, y on a log scale down to 10⁻¹²: −log y grows without end,
    while −log(y + 10⁻⁷) (dashed, the book's code) stops at −log(10⁻⁷) ≈ 16.1, so that y = 0 gives
    a large loss instead of infinity.

    Book §4.2.2; notebook 06.
    """
    marks = [float(v) for v in np.atleast_1d(marks)]
    if any(not 0 < v <= 1 for v in marks):
        raise ValueError(f"marks must be probabilities in (0, 1], got {marks}")
    fig = new_figure((10.4, 3.9))
    ax, ax_log = fig.subplots(1, 2)
    y = np.linspace(0.0, 1.0, 801)[1:]
    ax.plot(y, _neg_log(y), color=CEE_COLOR, lw=2, label="−log y")
    for v in marks:
        loss = float(_neg_log(v))
        ax.plot([v], [loss], "o", color="black", ms=7, zorder=3)
        ax.vlines(v, 0, loss, color="0.4", lw=0.8, ls=":")
        ax.annotate(
            f"y = {number(v, None)} → loss {number(loss, 2)}",
            (v, loss),
            xytext=(8, 6),
            textcoords="offset points",
            **FONT,
        )
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 5)
    ax.grid(True, alpha=0.3)
    ax.set_xlabel("y, the probability of the right class", **FONT)
    ax.set_ylabel("loss E = −log y", **FONT)
    ax.set_title("Cross-entropy: −log y (the book's digit 2)", **FONT)
    ax.legend(loc="upper right", fontsize=10)

    y = np.logspace(-12, 0, 601)
    ax_log.plot(y, _neg_log(y), color=CEE_COLOR, lw=2, label="−log y: no limit")
    ax_log.plot(
        y, _neg_log(y + _DELTA), color="black", lw=1.8, ls="--", label="−log(y + 1e−7): the book's code"
    )
    cap = float(_neg_log(_DELTA))
    ax_log.axhline(cap, color="0.4", lw=0.8, ls=":")
    ax_log.annotate(
        f"−log(1e−7) = {number(cap, 2)}",
        (1e-12, cap),
        xytext=(4, 4),
        textcoords="offset points",
        fontsize=10,
        color="0.3",
    )
    ax_log.set_xscale("log")
    ax_log.set_xlim(1e-12, 1.5)
    ax_log.set_ylim(0, 30)
    ax_log.grid(True, alpha=0.3)
    ax_log.set_xlabel("y (log scale: each tick 100 times smaller)", **FONT)
    ax_log.set_xticks(10.0 ** np.arange(-12, 1, 2))
    ax_log.set_title("Near y = 0: what the small δ = 1e−7 does", **FONT)
    ax_log.legend(loc="upper right", fontsize=10)
    return fig


def batch_loss_spread_figure(batch_sizes, losses_by_size, full_loss: float) -> Figure:
    """How much the loss of a random mini-batch wanders around the loss of all the data.

    For each batch size (x axis, log scale), one dot per random batch at its loss and a box around the
    middle half of them (the line inside: the median); the horizontal line is the loss of the whole
    data set. Bigger batches cluster closer to that line: a mini-batch is an estimate of it.

    ``batch_sizes``: N numbers; ``losses_by_size``: N lists, the losses of the batches of each size (or a
    dict: batch size → its losses);
    ``full_loss``: the loss of all the data.

    Book §4.2.3; notebook 06.
    """
    sizes = [float(s) for s in np.atleast_1d(batch_sizes)]
    if isinstance(losses_by_size, dict):  # {batch size: losses}: in the order of batch_sizes
        missing = [s for s in np.atleast_1d(batch_sizes).tolist() if s not in losses_by_size]
        if missing:
            raise ValueError(f"losses_by_size has no losses for the batch sizes {missing}")
        losses_by_size = [losses_by_size[s] for s in np.atleast_1d(batch_sizes).tolist()]
    losses = [np.asarray(v, dtype=float).ravel() for v in losses_by_size]
    if not sizes or len(sizes) != len(losses):
        raise ValueError(
            f"batch_sizes and losses_by_size must have the same, nonzero length, got {len(sizes)} and {len(losses)}"
        )
    if min(sizes) <= 0 or any(v.size == 0 for v in losses):
        raise ValueError("batch sizes must be positive, each with at least one loss")
    fig = new_figure((8.4, 4.2))
    ax = fig.subplots()
    ax.set_xscale("log")
    widths = [0.35 * s for s in sizes]  # the same width on the log scale
    for s, v in zip(sizes, losses):
        # dots spread evenly across the box's width (in the order of the data), so that they do not hide
        # each other; no randomness in a figure
        spread = np.linspace(-0.12, 0.12, v.size) if v.size > 1 else np.zeros(1)
        ax.plot(s * 10.0**spread, v, ".", color="C0", alpha=0.35, ms=4, zorder=2)
    ax.boxplot(
        losses,
        positions=sizes,
        widths=widths,
        whis=(0, 100),  # whiskers from the smallest to the largest loss
        showfliers=False,
        medianprops={"color": "black", "lw": 1.5, "gid": "median"},
        boxprops={"color": "0.2"},
        manage_ticks=False,
        zorder=3,
    )
    ax.axhline(
        full_loss, color=CEE_COLOR, lw=1.6, ls="--", zorder=4, label=f"all the data: {number(full_loss, 3)}"
    )
    ax.set_xticks(sizes, [f"{s:g}" for s in sizes], **FONT)
    ax.minorticks_off()
    ax.set_xlim(min(sizes) / 2.2, max(sizes) * 2.2)
    ax.set_ylim(bottom=0)
    ax.grid(True, axis="y", alpha=0.3)
    ax.set_xlabel("batch size (number of images in one random batch; log scale)", **FONT)
    ax.set_ylabel("loss of the batch", **FONT)
    ax.set_title(
        f"Losses of random mini-batches ({losses[0].size} batches per size; box: the middle half)", **FONT
    )
    ax.legend(loc="upper right", fontsize=10)
    return fig


def _loss_accuracy_panels(fig, values, losses, accuracies, name: str, current):
    """Draw the two stacked panels of loss and accuracy against one weight's value on ``fig`` (and, at
    ``current``, a dashed vertical line in both); return the checked data and the two axes."""
    x = np.asarray(values, dtype=float).ravel()
    loss = np.asarray(losses, dtype=float).ravel()
    acc = np.asarray(accuracies, dtype=float).ravel()
    if x.size < 2 or loss.shape != x.shape or acc.shape != x.shape:
        raise ValueError(
            f"values, losses and accuracies must have the same length (at least 2), "
            f"got {x.size}, {loss.size} and {acc.size}"
        )
    ax_loss, ax_acc = fig.subplots(2, 1, sharex=True)
    ax_loss.plot(x, loss, color=CEE_COLOR, lw=2)
    ax_acc.step(x, acc, where="mid", color=MSE_COLOR, lw=2)
    ax_loss.set_ylabel("loss (cross-entropy)", **FONT)
    ax_acc.set_ylabel("accuracy", **FONT)
    ax_acc.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{100 * v:.10g}%"))  # 0.9845: 98.45%
    ax_acc.margins(y=0.12)  # room for the marker at the highest step
    ax_acc.set_xlabel(f"value of {name}", **FONT)
    ax_loss.set_title("The loss changes smoothly ...", **FONT)
    ax_acc.set_title("... the accuracy in steps, flat in between", **FONT)
    for ax in (ax_loss, ax_acc):
        ax.grid(True, alpha=0.3)
        if current is not None:
            ax.axvline(float(current), color="0.3", lw=1, ls="--", zorder=1)
    return (x, loss, acc), (ax_loss, ax_acc)


def loss_accuracy_figure(values, losses, accuracies, current=None, name: str = "the weight") -> Figure:
    """Why the loss, not the accuracy, is what training makes small: one weight moved over a range.

    Top: the loss at each value of the weight (x axis), a smooth curve whose slope says which way is
    down. Bottom: the accuracy at the same values, drawn as steps: it jumps only when an image changes
    from right to wrong, and between jumps it is flat (slope 0, no hint which way to go). ``current``:
    the weight's trained value, marked in both panels. ``name`` labels the x axis.

    Book §4.2.5; notebook 06.
    """
    fig = new_figure((7.6, 5.4))
    (x, loss, acc), (ax_loss, ax_acc) = _loss_accuracy_panels(fig, values, losses, accuracies, name, current)
    if current is not None:
        current = float(current)
        k = int(np.argmin(np.abs(x - current)))  # the sample nearest to it
        for ax, v in ((ax_loss, loss[k]), (ax_acc, acc[k])):
            ax.plot([x[k]], [v], "o", color="black", ms=7, zorder=3)
        ax_loss.annotate(
            f"trained value {number(current, 3)}\nloss {number(loss[k], 4)}",
            (x[k], loss[k]),
            xytext=(8, 8),
            textcoords="offset points",
            fontsize=10,
        )
        ax_acc.annotate(
            f"accuracy {100 * acc[k]:.2f}%",
            (x[k], acc[k]),
            xytext=(8, -14),
            textcoords="offset points",
            fontsize=10,
        )
    return fig


#: The colour of the live marker of :class:`LossAccuracyPlot` (the trained value stays dashed grey).
MARKER_COLOR = "C1"


def _slope(value: float, decimals: int = 4) -> str:
    """A slope for the titles and tables: "0" when it is exactly 0 (the accuracy's, between its steps)."""
    return "0" if value == 0 else number(value, decimals, tiny=True)


class LossAccuracyPlot(LivePlot):
    """The figure of the weight explorer: the panels of :func:`loss_accuracy_figure` (the loss against
    one weight's value on top, the accuracy below, as steps) with a marker that moves with the weight.

    ``values``, ``losses``, ``accuracies``: the two curves, computed once by the widget; ``current``:
    the trained value (a dashed line); ``name`` labels the x axis. :meth:`show` draws a vertical line
    through both panels at the weight's value, a dot on each curve, the tangent with each slope, and
    writes the numbers in the panels' titles. Build it once, then call :meth:`show`.

    Book §4.2.5; notebook 06.
    """

    def __init__(self, values, losses, accuracies, name: str = "the weight", current=None):
        self.name = str(name)
        self.figure = new_figure((7.6, 5.6))
        (x, loss, acc), axes = _loss_accuracy_panels(
            self.figure, values, losses, accuracies, self.name, current
        )
        self._axes = axes
        for ax in axes:  # fixed limits: the moving parts never rescale the axes
            ax.set_xlim(ax.get_xlim())
            ax.set_ylim(ax.get_ylim())
        if current is not None:
            axes[0].text(
                float(current),
                0.97,
                " trained",
                transform=axes[0].get_xaxis_transform(),
                va="top",
                fontsize=9,
                color="0.3",
            )
        self._half = 0.06 * float(x.max() - x.min())  # half the width of the tangent segments
        # the moving parts start at the first point of each curve: inside the fixed limits
        starts = [(float(x[0]), float(loss[0])), (float(x[0]), float(acc[0]))]
        self._lines = [
            ax.axvline(x0, color=MARKER_COLOR, lw=1.2, zorder=2) for ax, (x0, _) in zip(axes, starts)
        ]
        self._tangents = [
            ax.plot([x0, x0], [y0, y0], color="black", lw=1.4, zorder=3)[0]
            for ax, (x0, y0) in zip(axes, starts)
        ]
        self._dots = [
            ax.plot([x0], [y0], "o", color="black", mfc=MARKER_COLOR, ms=8, zorder=4, clip_on=False)[0]
            for ax, (x0, y0) in zip(axes, starts)
        ]
        # the widest titles there can be, so that the layout made once fits every title
        self._titles = [
            axes[0].set_title("loss 0.0000 at −0.000 (slope −0.0000): smooth, it points downhill", **FONT),
            axes[1].set_title("accuracy 100.00% (slope −0.0000): in steps, flat in between", **FONT),
        ]
        self._start_live([*self._lines, *self._tangents, *self._dots, *self._titles])

    def show(
        self, value: float, loss: float, accuracy: float, loss_slope: float, accuracy_slope: float
    ) -> None:
        """Draw the weight's ``value`` with the ``loss`` and ``accuracy`` the widget computed there and
        their slopes (central differences) as a marker, tangents and titles (then :meth:`png`)."""
        value, slopes = float(value), (float(loss_slope), float(accuracy_slope))
        dx = np.array([-self._half, self._half])
        for k, y in enumerate((float(loss), float(accuracy))):
            self._lines[k].set_xdata([value, value])
            self._dots[k].set_data([value], [y])
            self._tangents[k].set_data(value + dx, y + slopes[k] * dx)
        self._titles[0].set_text(
            f"loss {number(loss, 4)} at {number(value, 3)} (slope {_slope(slopes[0])}): "
            + ("smooth, it points downhill" if slopes[0] != 0 else "smooth, flat here")
        )
        flat = slopes[1] == 0
        self._titles[1].set_text(
            f"accuracy {100 * float(accuracy):.2f}% (slope {_slope(slopes[1])}): "
            + ("in steps, flat in between" if flat else "a step: an image changes its answer")
        )


class LossPlot(LivePlot):
    """The figure of the loss explorer: one output y_0 ... y_9 and its two losses.

    Left: the 10 probabilities as bars, the right class's bar green, with the targets t_k (1 for the
    right class, 0 elsewhere) as black ticks: MSE adds up the squared gaps between every bar top and
    its tick. Middle: the curve −log(y + 1e−7) with a dot at (y_t, cross-entropy): it depends on the
    right class's bar only. Right: the two losses side by side, on the same scale as the curve (a loss
    above the top of the chart, up to −log(1e−7) = 16.12, is written, its bar runs off the chart). Build it once, then call :meth:`show`.

    Book §4.2.1–4.2.2; notebook 06.
    """

    def __init__(self, n: int = 10):
        self.n = int(n)
        self.figure = new_figure((10.4, 3.8))
        ax_y, ax_curve, ax_loss = self.figure.subplots(1, 3, width_ratios=[2.3, 1.7, 0.9])
        ks = np.arange(self.n)
        self._bars = list(ax_y.bar(ks, np.zeros(self.n), color=OTHER_COLOR))
        (self._targets,) = ax_y.plot(ks, np.zeros(self.n), "_", color="black", ms=22, mew=2.5)
        self._y_texts = [ax_y.text(k, 0, "", ha="center", va="bottom", fontsize=9) for k in ks]
        ax_y.set_xticks(ks)
        ax_y.set_xlim(-0.6, self.n - 0.4)
        ax_y.set_ylim(0, 1.18)
        ax_y.set_yticks(np.linspace(0, 1, 6))
        ax_y.set_xlabel("class k (black lines: the targets t_k, 1 or 0)", **FONT)
        ax_y.set_ylabel("probability y_k", **FONT)
        ax_y.grid(True, axis="y", alpha=0.3)
        ax_y.set_axisbelow(True)
        # The widest title there can be, so that the layout made once fits every title.
        self._title = ax_y.set_title("the output y (right class: 0, y_0 = 0.00)", **FONT)

        y = np.linspace(0.0, 1.0, 501)
        ax_curve.plot(y, _neg_log(y + _DELTA), color=CEE_COLOR, lw=2)
        ax_curve.set_xlim(0, 1.02)
        ax_curve.set_ylim(0, LOSS_TOP * 1.08)
        ax_curve.grid(True, alpha=0.3)
        ax_curve.set_xlabel("y_t, probability of the right class", **FONT)
        ax_curve.set_ylabel("loss", **FONT)
        ax_curve.set_title("cross-entropy = −log y_t", **FONT)
        (self._drop,) = ax_curve.plot([0, 0], [0, 0], ":", color="0.3", lw=1)
        (self._dot,) = ax_curve.plot([0], [0], "o", color="black", ms=8, zorder=3, clip_on=False)
        # the widest text there can be, so that the layout made once fits it
        self._dot_text = ax_curve.text(
            0.97,
            0.96,
            "−log(0.00 + 1e−7) = 16.12 ↑",
            transform=ax_curve.transAxes,
            ha="right",
            va="top",
            **FONT,
        )

        self._loss_bars = list(ax_loss.bar([0, 1], [0, 0], color=[MSE_COLOR, CEE_COLOR], width=0.7))
        self._loss_texts = [ax_loss.text(k, 0, "", ha="center", va="bottom", fontsize=10) for k in (0, 1)]
        ax_loss.set_xticks([0, 1], ["MSE", "CEE"], **FONT)
        ax_loss.set_xlim(-0.6, 1.6)
        ax_loss.set_ylim(ax_curve.get_ylim())
        ax_loss.grid(True, axis="y", alpha=0.3)
        ax_loss.set_axisbelow(True)
        ax_loss.set_title("the losses", **FONT)
        self._start_live(
            [*self._bars, self._targets, *self._y_texts, self._title, self._drop, self._dot, self._dot_text]
            + [*self._loss_bars, *self._loss_texts]
        )

    def show(self, y, t: int, mse: float, cee: float) -> None:
        """Draw the probabilities ``y`` (n values), the right class ``t`` and the two losses the widget
        computed: ``mse`` (mean squared error) and ``cee`` (cross-entropy error) (then :meth:`png`)."""
        y = np.asarray(y, dtype=float)
        if y.shape != (self.n,):
            raise ValueError(f"expected {self.n} probabilities, got shape {y.shape}")
        t = int(t)
        if not 0 <= t < self.n:
            raise ValueError(f"the right class t must be 0 ... {self.n - 1}, got {t}")
        for k, bar in enumerate(self._bars):
            bar.set_height(y[k])
            bar.set_color(RIGHT_COLOR if k == t else OTHER_COLOR)
            self._y_texts[k].set_text(number(y[k], 2))
            self._y_texts[k].set_position((k, y[k] + 0.015))
        self._targets.set_ydata(np.arange(self.n) == t)
        self._title.set_text(f"the output y (right class: {t}, y_{t} = {number(y[t], 2)})")
        top = LOSS_TOP * 1.08  # the top of the loss axes
        over = cee > top
        shown = top if over else float(cee)
        self._dot.set_data([y[t]], [shown])
        self._dot.set_marker("^" if over else "o")  # a triangle: the loss is above the picture
        self._drop.set_data([y[t], y[t]], [0, shown])
        inside = f"{number(y[t], 2)} + 1e−7" if y[t] < 0.005 else number(y[t], 2)  # (where δ matters)
        self._dot_text.set_text(f"−log({inside}) = {number(cee, 2)}" + (" ↑" if over else ""))
        for bar, text, value in zip(self._loss_bars, self._loss_texts, (mse, cee)):
            over = value > top
            bar.set_height(top if over else float(value))
            text.set_text(number(value, 2 if value >= 0.1 else 3))
            # inside the bar's top when the bar runs off the chart, else on top of it
            text.set_verticalalignment("top" if over else "bottom")
            text.set_color("white" if over else "black")
            text.set_position((bar.get_x() + bar.get_width() / 2, top - 0.1 if over else float(value) + 0.05))
