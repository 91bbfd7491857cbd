"""The panels of notebook 10's curves, each one drawing used by a still figure (once) and by the live
plot behind a widget (at every redraw): training accuracy with and without batch normalisation beside
the smoothed loss, and train against test accuracy with the final gap marked beside a histogram of the
weights. Also the checks and the axes that the figures of ``plots/regularization.py`` share."""

from __future__ import annotations

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from .._format import number
from ..optimizers import smooth_curve
from ._figure import FONT

__all__ = [
    "TRAIN_TEST_COLORS",
    "BATCHNORM_COLORS",
    "BN_STYLE",
    "TT_STYLE",
    "REFERENCE",
    "curve",
    "epochs_of",
    "accuracy_axes",
    "loss_top",
    "smoothed",
    "scale_text",
    "shares",
    "histogram_range",
    "histogram_axes",
    "BatchnormPanels",
    "TrainTestPanels",
]

#: Train and test (or validation) accuracy, the same in every figure of the series (as notebook 08's).
TRAIN_TEST_COLORS = {"train": "#2ca02c", "test": "#ff7f0e"}
#: With batch normalisation (solid lines) and without (dashed), in every figure of notebook 10.
BATCHNORM_COLORS = {"bn": "#1f77b4", "plain": "#d62728"}
BN_STYLE = {"bn": ("-", "with batch normalisation"), "plain": ("--", "without (plain network)")}
TT_STYLE = {"train": ("-", "o"), "test": ("--", "s")}
REFERENCE = "0.55"  # the histogram the others are compared with (λ = 0): grey, filled
_CURRENT = "#1f77b4"
_LOSS_CAP = 50.0  # (the book's cross-entropy stays below −ln(1e-7) = 16.1: only NaN or inf go above)
_BOX = {"boxstyle": "round,pad=0.25", "fc": "white", "ec": "none", "alpha": 0.85}


def curve(values, name: str, length=None) -> np.ndarray:
    """``values`` as a 1-D float array (of ``length`` values if given), checked."""
    a = np.asarray(values, dtype=float)
    if a.ndim != 1 or a.size == 0 or (length is not None and a.size != length):
        want = f"{length} values" if length is not None else "at least one value"
        raise ValueError(f"{name} must be a 1-D array of {want}, got shape {a.shape}")
    return a


def epochs_of(eval_steps, steps_per_epoch=None) -> tuple:
    """(the epoch of each evaluation, the steps per epoch): step / steps per epoch, by default the first
    evaluation's step (:func:`nbhelpers.train` evaluates after each epoch)."""
    steps = curve(eval_steps, "eval_steps")
    per = float(steps[0] if steps_per_epoch is None else steps_per_epoch)
    if not per > 0:
        raise ValueError(f"steps_per_epoch must be > 0, got {per}")
    return steps / per, per


def accuracy_axes(ax, end: float, label: str = "accuracy") -> None:
    ax.set_xlim(0, end)
    ax.set_ylim(0.0, 1.02)
    ax.grid(True, alpha=0.3)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 5, 10]))
    ax.set_xlabel("epoch", **FONT)
    ax.set_ylabel(label, **FONT)


def loss_top(curves) -> float:
    """The loss axis's end: the next multiple of 2.5 above every curve's highest finite value (2.5 for
    losses from ln 10 = 2.30 down), at most 50 (higher losses are drawn at the top, with a note)."""
    tops = [float(np.nanmax(c)) for c in curves if np.isfinite(c).any()]
    return float(min(2.5 * np.ceil(max(tops, default=0.0) * 1.02 / 2.5), _LOSS_CAP)) or 2.5


def smoothed(loss) -> np.ndarray:
    """The book's smoothed curve of the finite losses (NaN where not finite), raw if under 11 values."""
    loss = np.where(np.isfinite(loss), loss, np.nan)
    return smooth_curve(loss) if len(loss) >= 11 else loss


def scale_text(w) -> str:
    """A weight scale in 2 significant digits: 1.0, 0.54, 0.00018."""
    text = f"{float(w):.2g}"
    return (text if ("." in text or "e" in text) else f"{text}.0").replace("-", "−")


def shares(counts, bins: int) -> np.ndarray:
    """Per cent of the weights in each bin (zeros where ``counts`` is None or sums to 0)."""
    if counts is None:
        return np.zeros(bins)
    counts = curve(counts, "counts", bins)
    total = counts.sum()
    return 100.0 * counts / total if total > 0 else np.zeros(bins)


def histogram_range(histograms, log: bool) -> tuple:
    """The per-cent axis that holds every histogram of ``histograms`` (arrays of per cent per bin): on a
    log scale, from half the smallest share above 0 to twice the largest; else from 0."""
    positive = np.concatenate([np.ravel(h)[np.ravel(h) > 0] for h in histograms] or [np.empty(0)])
    top = float(positive.max()) if positive.size else 1.0
    return (0.5 * float(positive.min()), 2.0 * top) if log and positive.size else (0.0, 1.05 * top)


def histogram_axes(ax, edges, ylim, log: bool) -> None:
    ax.set_xlim(edges[0], edges[-1])
    log = log and ylim[0] > 0  # (no weight in any bin: a linear axis)
    ax.set_ylim(*ylim)  # (first: an empty log axis would warn that it has nothing to scale)
    if log:
        ax.set_yscale("log")
    ax.grid(True, alpha=0.3)
    ax.set_xlabel("weight value", **FONT)
    ax.set_ylabel("% of the weights" + (" (log scale)" if log else ""), **FONT)


def _legend_below(fig, handles, labels) -> None:
    fig.legend(handles, labels, loc="outside lower center", ncol=len(labels), fontsize=9.5, frameon=False)


class BatchnormPanels:
    """Training accuracy with and without BN (left) and, if ``loss_steps``, the smoothed loss of each
    step (right, up to ``top``), on fixed axes, x in epochs."""

    def __init__(self, fig, epochs, steps_per_epoch: float, loss_steps: int = 0, top: float = 2.5):
        self.epochs, self.per = epochs, steps_per_epoch
        axes = fig.subplots(1, 2 if loss_steps else 1, squeeze=False)[0]
        ax = axes[0]
        accuracy_axes(ax, epochs[-1], "training accuracy")
        self.acc = {
            k: ax.plot([], [], color=c, ls=BN_STYLE[k][0], lw=1.8)[0] for k, c in BATCHNORM_COLORS.items()
        }
        self.title = ax.set_title("W std = 0.00018: training accuracy", **FONT)  # (the layout's height)
        self.moving = [*self.acc.values(), self.title]
        self.loss, self.raw = {}, {}
        if loss_steps:
            self.lax = lax = axes[1]
            lax.set_xlim(0, loss_steps / steps_per_epoch)
            lax.set_ylim(0.0, top)
            lax.grid(True, alpha=0.3)
            lax.xaxis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 5, 10]))
            lax.set_xlabel("epoch", **FONT)
            lax.set_ylabel("loss (smoothed)", **FONT)
            lax.set_title("training loss of each mini-batch", **FONT)
            for k, c in BATCHNORM_COLORS.items():
                (self.raw[k],) = lax.plot([], [], color=c, lw=0.6, alpha=0.25)
                (self.loss[k],) = lax.plot([], [], color=c, ls=BN_STYLE[k][0], lw=1.6)
            self.note = lax.text(
                0.98, 0.96, "", transform=lax.transAxes, ha="right", va="top", fontsize=9, bbox=_BOX
            )
            self.moving += [*self.raw.values(), *self.loss.values(), self.note]
        handles = [Line2D([], [], color=c, ls=BN_STYLE[k][0], lw=1.8) for k, c in BATCHNORM_COLORS.items()]
        _legend_below(fig, handles, [s[1] for s in BN_STYLE.values()])

    def draw(self, weight_scale, bn_acc, plain_acc, bn_loss=None, plain_loss=None, title=None) -> None:
        n = len(self.epochs)
        for key, acc in (("bn", bn_acc), ("plain", plain_acc)):
            self.acc[key].set_data(self.epochs, curve(acc, f"{key}_acc", n))
        self.title.set_text(
            f"W std = {scale_text(weight_scale)}: training accuracy" if title is None else title
        )
        if not self.loss:
            return
        top, notes = self.lax.get_ylim()[1], []
        for key, loss in (("bn", bn_loss), ("plain", plain_loss)):
            loss = np.empty(0) if loss is None else curve(loss, f"{key}_loss")
            x = np.arange(1, len(loss) + 1) / self.per
            shown = smoothed(loss) if len(loss) else loss
            above = int(np.sum(~(shown <= top)))  # (NaN too: a loss that was not finite)
            if above:
                notes.append(f"{BN_STYLE[key][1].split(' (')[0]}: {above} of {len(shown)} above {top:g}")
            self.raw[key].set_data(x, np.clip(np.where(np.isfinite(loss), loss, np.inf), 0, top))
            self.loss[key].set_data(x, np.clip(np.where(np.isnan(shown), np.inf, shown), 0, top))
        self.note.set_text("\n".join(notes) + "\n(drawn at the top)" if notes else "")


class TrainTestPanels:
    """Train and test accuracy with the final gap marked (left) and, if ``edges``, the histogram of one
    run's weights (a line) over a reference's (grey) on fixed axes (right)."""

    def __init__(self, fig, epochs, labels=("train", "test"), edges=None, hist_ylim=(1e-3, 100.0), log=True):
        self.epochs, end = epochs, float(epochs[-1])
        ratios = [1.35, 1.0] if edges is not None else [1.0]
        axes = fig.subplots(1, len(ratios), squeeze=False, width_ratios=ratios)[0]
        ax = axes[0]
        accuracy_axes(ax, end * 1.04)
        self.lines = {}
        for key in TRAIN_TEST_COLORS:
            dash, marker = TT_STYLE[key]
            (self.lines[key],) = ax.plot(
                [], [], color=TRAIN_TEST_COLORS[key], ls=dash, marker=marker, markevery=max(len(epochs) // 10, 1),
                ms=4, lw=1.6,
            )  # fmt: skip
        self.arrow = ax.annotate(
            "", (end * 1.02, 0), (end * 1.02, 1), arrowprops={"arrowstyle": "<->", "lw": 1.2}
        )
        self.gap = ax.text(
            1.01, 0.5, "gap\n−0.000", transform=ax.get_yaxis_transform(), va="center", fontsize=9.5
        )
        self.gap.set_clip_on(False)
        self.title = ax.set_title("λ = 0.003: accuracy after each epoch", **FONT)  # (the layout's height)
        self.moving = [*self.lines.values(), self.arrow, self.gap, self.title]
        self.bars = {}
        if edges is not None:
            hax = axes[1]
            edges = curve(edges, "edges")
            for key, color in (("reference", REFERENCE), ("current", _CURRENT)):
                fill = key == "reference"
                style = {"alpha": 0.45, "baseline": 0.0} if fill else {"lw": 1.8, "baseline": None}
                self.bars[key] = hax.stairs(np.zeros(len(edges) - 1), edges, fill=fill, color=color, **style)
            histogram_axes(hax, edges, hist_ylim, log)
            self.hist_title = hax.set_title("weights: λ = 0.003 (line), λ = 0 (grey)", **FONT)
            self.moving += [*self.bars.values(), self.hist_title]
        _legend_below(fig, list(self.lines.values()), list(labels))

    def draw(self, train_acc, test_acc, title, counts=None, reference=None, labels=("", "")) -> None:
        n = len(self.epochs)
        train, test = curve(train_acc, "train_acc", n), curve(test_acc, "test_acc", n)
        self.lines["train"].set_data(self.epochs, train)
        self.lines["test"].set_data(self.epochs, test)
        gap, x = train[-1] - test[-1], self.arrow.xy[0]
        self.arrow.xy, self.arrow.xyann = (x, test[-1]), (x, train[-1])
        self.arrow.set_visible(bool(abs(gap) > 0.02))  # (no arrow where it has no room; NaN: none)
        self.gap.set_y(float(np.clip((train[-1] + test[-1]) / 2, 0.0, 1.0)) if np.isfinite(gap) else 0.5)
        self.gap.set_text(f"gap\n{number(gap, 3)}")
        self.title.set_text(title)
        if self.bars:
            bins = len(self.bars["current"].get_data().values)
            for key, values in (("reference", reference), ("current", counts)):
                self.bars[key].set_data(shares(values, bins))
            self.hist_title.set_text(f"weights: {labels[1]} (line), {labels[0]} (grey)")
