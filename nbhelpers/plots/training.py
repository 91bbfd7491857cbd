"""Figures of training a network on toy 2-D data: the data sets, and the decision map with the learning
curves that the training widget redraws while it trains."""

from __future__ import annotations

import numpy as np
from matplotlib import colormaps
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ._figure import FONT, LivePlot, new_figure

__all__ = [
    "CLASS_PAIR",
    "MAP_CMAP",
    "datasets_figure",
    "training_figure",
    "TrainingPlot",
    "history_figure",
    "LiveHistory",
]

#: The colours of class 0 and class 1 in every figure of training (blue and red, as in the map).
CLASS_PAIR = ("#1c4f8c", "#9e1326")

#: The decision map's colours: the network's probability of class 1, from 0 (blue) through 0.5
#: (white) to 1 (red): the light middle of matplotlib's "RdBu_r", so that the points stand out on it.
MAP_CMAP = ListedColormap(colormaps["RdBu_r"](np.linspace(0.2, 0.8, 256)), name="training_map").with_extremes(
    bad="0.8"  # a map of NaN (a network that diverged): grey
)

_LOSS_TOPS = (1.0, 2.0, 5.0, 10.0, 20.0)  # the loss axis grows through these (cross-entropy stays < 16.2)
_STEP_ENDS = (100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000)


def _classes(x, t, name: str):
    """``x`` as floats (N, 2) and ``t`` as labels (N,) (one-hot rows become labels), checked."""
    x = np.asarray(x, dtype=float)
    t = np.asarray(t)
    if t.ndim == 2:
        t = t.argmax(axis=1)
    if x.ndim != 2 or x.shape[1] != 2 or t.shape != x.shape[:1]:
        raise ValueError(
            f"{name}: x must have shape (N, 2) and t N labels, got shapes {x.shape} and {np.shape(t)}"
        )
    return x, t


def datasets_figure(sets) -> Figure:
    """A row of scatter plots, one per data set: ``sets`` maps a name to (x, t), points x of shape
    (N, 2) and their labels t (0 or 1), drawn in two colours on equal axes, the name as the title.

    Book §4.5 (the book trains on MNIST; these small 2-D sets show the boundary it learns); notebook 07.
    """
    sets = dict(sets)
    if not sets:
        raise ValueError("sets must name at least one data set, got none")
    fig = new_figure((2.9 * len(sets) + 0.4, 3.5))
    axes = np.atleast_1d(fig.subplots(1, len(sets)))
    for ax, (name, (x, t)) in zip(axes, sets.items()):
        x, t = _classes(x, t, f"sets[{name!r}]")
        for k, color in enumerate(CLASS_PAIR):
            ax.plot(*x[t == k].T, "o", color=color, mec="white", mew=0.5, ms=4.5, label=f"class {k}")
        ax.set_aspect("equal")
        ax.set_title(f"{name} ({len(x)} points)", **FONT)
        ax.grid(True, alpha=0.3)
        ax.set_xlabel("$x_0$", **FONT)
    axes[0].set_ylabel("$x_1$", **FONT)
    axes[0].legend(loc="upper left", fontsize=8, framealpha=0.9, handletextpad=0.2)
    return fig


def _axis_end(value: float, ends) -> float:
    """The first of ``ends`` that holds ``value`` (or ``value`` itself past the last)."""
    return next((e for e in ends if e >= value), value)


def _legend_below(ax, handles, labels, drop: float = 0.12, ncol: int = 3) -> None:
    """A legend in ``ncol`` columns under the axes (its top ``drop`` of the axes' height below them), where
    nothing moves (a redraw never repaints it)."""
    ax.legend(
        handles,
        labels,
        loc="upper center",
        bbox_to_anchor=(0.5, -drop),
        ncol=ncol,
        fontsize=8.5,
        frameon=False,
    )


class _Panels:
    """The artists of the training figure and how a state of training is drawn on them: one drawing,
    used by :func:`training_figure` (once) and by :class:`TrainingPlot` (at every redraw)."""

    def __init__(self, fig: Figure, x_range, y_range, resolution: int):
        self.x_range = tuple(float(v) for v in x_range)
        self.y_range = tuple(float(v) for v in y_range)
        self.resolution = int(resolution)
        if self.resolution < 2 or not (
            self.x_range[0] < self.x_range[1] and self.y_range[0] < self.y_range[1]
        ):
            raise ValueError(
                f"x_range and y_range must be (low, high) with low < high and resolution >= 2, "
                f"got {self.x_range}, {self.y_range} and {resolution}"
            )
        ax, lax = fig.subplots(1, 2, width_ratios=[1.0, 1.25])
        self.ax, self.loss_ax = ax, lax
        extent = (*self.x_range, *self.y_range)
        blank = np.full((self.resolution, self.resolution), 0.5)
        self.map = ax.imshow(
            blank, cmap=MAP_CMAP, vmin=0.0, vmax=1.0, origin="lower", extent=extent, interpolation="nearest"
        )
        ax.set_xlim(*self.x_range)
        ax.set_ylim(*self.y_range)
        ax.set_aspect("equal")
        ax.set_xlabel("$x_0$", **FONT)
        ax.set_ylabel("$x_1$", **FONT)
        (self.boundary,) = ax.plot([], [], color="black", lw=1.4, zorder=2)
        marks = {"ms": 5.5, "zorder": 3, "ls": "none"}
        self.train = [ax.plot([], [], "o", color=c, mec="white", mew=0.7, **marks)[0] for c in CLASS_PAIR]
        self.test = [ax.plot([], [], "s", color=c, mfc="white", mew=1.6, **marks)[0] for c in CLASS_PAIR]
        colorbar = fig.colorbar(self.map, ax=ax, fraction=0.046, pad=0.03)
        colorbar.ax.set_title("probability\nof class 1", fontsize=8.5, loc="left")
        colorbar.set_ticks([0.0, 0.5, 1.0])
        handles = [
            *(Line2D([], [], marker="o", color=c, mec="white", ls="none", ms=6) for c in CLASS_PAIR),
            *(Line2D([], [], marker="s", color=c, mfc="white", mew=1.6, ls="none", ms=6) for c in CLASS_PAIR),
            Line2D([], [], color="black", lw=1.4),
        ]
        labels = ["train, class 0", "train, class 1", "test, class 0", "test, class 1", "probability 0.5"]
        _legend_below(ax, handles, labels)
        # The widest title there can be, so that a layout made once fits every title.
        self.title = ax.set_title("step 00000: train 100.0%, test 100.0% (diverged)", **FONT)

        lax.set_xlabel("step", **FONT)
        lax.set_ylabel("loss (cross-entropy)", **FONT)
        lax.grid(True, alpha=0.3)
        lax.xaxis.set_major_locator(MaxNLocator(5, integer=True))
        self.acc_ax = acc = lax.twinx()
        acc.set_ylim(0.0, 1.04)
        acc.set_ylabel("accuracy", **FONT)
        acc.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{100 * v:.0f}%"))
        (self.losses,) = lax.plot([], [], color="0.35", lw=0.8, alpha=0.55, zorder=2)
        (self.train_acc,) = acc.plot([], [], "o-", color="C2", ms=3, lw=1.6, zorder=3)
        (self.test_acc,) = acc.plot([], [], "s--", color="C1", ms=3, lw=1.6, zorder=3)
        handles = [Line2D([], [], color="0.35", lw=1.2), self.train_acc, self.test_acc]
        labels = ["mini-batch loss, each step", "train accuracy", "test accuracy"]
        _legend_below(lax, handles, labels)
        lax.set_title("loss (left axis) and accuracy (right axis)", **FONT)
        self.note = lax.text(0.98, 0.97, "", transform=lax.transAxes, ha="right", va="top", fontsize=8.5)
        self.moving = [self.map, self.boundary, *self.train, *self.test, self.title]
        self.moving += [self.losses, self.train_acc, self.test_acc, self.note]
        self.set_axes(0, 0.0)

    def set_axes(self, steps: int, top_loss: float) -> bool:
        """Step and loss axes that hold ``steps`` and ``top_loss`` (the next 1-2-5 end, the next of
        :data:`_LOSS_TOPS`), shrinking again after a reset; True if they changed (a full redraw)."""
        x_end = _axis_end(steps, _STEP_ENDS)
        y_top = _axis_end(top_loss, _LOSS_TOPS) if top_loss <= _LOSS_TOPS[-1] else _LOSS_TOPS[-1]
        new = (-0.01 * x_end, 1.01 * x_end), (0.0, y_top)
        if (self.loss_ax.get_xlim(), self.loss_ax.get_ylim()) == new:
            return False
        self.loss_ax.set_xlim(*new[0])
        self.loss_ax.set_ylim(*new[1])
        self.acc_ax.set_xlim(*new[0])
        return True

    def draw(self, grid_probabilities, x_train, t_train, x_test, t_test, history, title: str) -> bool:
        """Set the moving artists to this state of training; True if the axes grew (a full redraw)."""
        grid = np.asarray(grid_probabilities, dtype=float)
        shape = (self.resolution, self.resolution)
        if grid.shape != shape:
            raise ValueError(
                f"grid_probabilities must have shape {shape} (rows: x1, columns: x0), got {grid.shape}"
            )
        self.map.set_data(np.ma.masked_invalid(grid))
        self.boundary.set_data(*_contour(grid, self.x_range, self.y_range).T)
        for artists, (x, t), name in (
            (self.train, (x_train, t_train), "train"),
            (self.test, (x_test, t_test), "test"),
        ):
            x, t = _classes(x, t, name)
            for k, line in enumerate(artists):
                line.set_data(x[t == k, 0], x[t == k, 1])
        losses = np.asarray(history.step_loss, dtype=float)
        steps = np.arange(1, len(losses) + 1)
        finite = np.isfinite(losses)
        top = float(losses[finite].max()) if finite.any() else 0.0
        grew = self.set_axes(max(int(history.steps_done), len(losses)), top)
        y_top = self.loss_ax.get_ylim()[1]
        self.losses.set_data(steps, np.clip(np.where(finite, losses, np.inf), 0.0, y_top))
        above = int(np.sum(~finite | (losses > y_top)))
        self.note.set_text(f"{above} losses above {y_top:g} or not finite: drawn at the top" if above else "")
        evals = np.asarray(history.eval_steps, dtype=float)
        self.train_acc.set_data(evals, np.asarray(history.train_acc, dtype=float))
        test = np.asarray(history.test_acc, dtype=float) if len(history.test_acc) else np.empty(0)
        self.test_acc.set_data(evals[: len(test)], test)
        diverged = not finite.all() or not np.isfinite(grid).all()
        self.title.set_text(f"{title} (diverged)" if diverged else title)
        return grew


def _contour(grid: np.ndarray, x_range, y_range) -> np.ndarray:
    """The line where the probability crosses 0.5, as points (n, 2) with NaN rows between its pieces."""
    import contourpy  # (matplotlib's own contouring, without a ContourSet artist to replace at each redraw)

    if not np.isfinite(grid).all():
        return np.empty((0, 2))
    rows, cols = grid.shape
    xs, ys = np.linspace(*x_range, cols), np.linspace(*y_range, rows)
    lines = contourpy.contour_generator(xs, ys, grid).lines(0.5)
    pieces = [np.vstack([line, [[np.nan, np.nan]]]) for line in lines]
    return np.vstack(pieces) if pieces else np.empty((0, 2))


class TrainingPlot(LivePlot):
    """The figure of the training widget. Left: the decision map, the network's probability of class 1
    at each point of a grid over ``x_range`` × ``y_range`` (``resolution`` points a side) as colour
    (blue 0, white 0.5, red 1) with the line where it is 0.5, the training points (filled circles) and
    the test points (hollow squares) on top. Right: the loss of each step's mini-batch (faint) and the
    train and test accuracy at each evaluation, against the step; the step axis grows 100, 200, 500,
    1000, ... and the loss axis 1, 2, 5, 10, 20 as training goes on. Losses that are inf or NaN (a
    learning rate so large that training diverged) are drawn at the top, and the title says so.

    It draws what the widget computed (:meth:`show`) and keeps none of it. Build it once, then call
    :meth:`show` and :meth:`png` at every redraw.

    Book §4.5; notebook 07.
    """

    def __init__(self, x_range=(-1.5, 1.5), y_range=(-1.5, 1.5), resolution: int = 100):
        self.figure = new_figure((10.0, 4.6))
        self._panels = _Panels(self.figure, x_range, y_range, resolution)
        self._start_live(self._panels.moving)

    def show(self, grid_probabilities, x_train, t_train, x_test, t_test, history, title: str) -> None:
        """Draw one state of training (then :meth:`png`): ``grid_probabilities`` (resolution,
        resolution), the probability of class 1 at the grid's points (row i at x1 = the i-th of
        ``resolution`` values from y_range's low end, column j likewise along x0: ``net.predict(grid)``
        reshaped), the training and test points with their labels, and ``history`` (the core's
        ``History``: ``step_loss``, ``eval_steps``, ``train_acc``, ``test_acc``, ``steps_done``),
        with ``title`` above the map."""
        if self._panels.draw(grid_probabilities, x_train, t_train, x_test, t_test, history, title):
            self._refresh_background()


def training_figure(
    grid_probabilities,
    x_train,
    t_train,
    x_test,
    t_test,
    history,
    title: str = "",
    x_range=(-1.5, 1.5),
    y_range=(-1.5, 1.5),
) -> Figure:
    """The result of a training run, as a still picture: the decision map and the learning curves of
    :class:`TrainingPlot` (the same drawing), for ``grid_probabilities`` computed on a square grid over
    ``x_range`` × ``y_range`` (its side sets the resolution) and the run's ``history``.

    Book §4.5; notebook 07.
    """
    side = np.shape(grid_probabilities)[0] if np.ndim(grid_probabilities) == 2 else -1
    fig = new_figure((10.0, 4.6))
    _Panels(fig, x_range, y_range, max(side, 2)).draw(
        grid_probabilities, x_train, t_train, x_test, t_test, history, title
    )
    return fig


def history_figure(
    history,
    title: str = "",
    steps: int | None = None,
    accuracy_labels=("train accuracy (all training data)", "test accuracy"),
) -> Figure:
    """The learning curves of a training run: left, the loss of each step's mini-batch (faint) and its
    average over each evaluation interval (an epoch, for :func:`nbhelpers.train`'s default); right, the
    train and test accuracy at each evaluation, with the last values written in its lower right corner.

    ``history``: the core's ``History`` (``step_loss``, ``eval_steps``, ``train_acc``, ``test_acc``);
    ``steps``: the length of the step axis (default: the steps done), so that a figure redrawn during a
    run keeps its axes; ``accuracy_labels``: the legend's names of the two accuracy curves (say what the
    accuracies were measured on, e.g. "train accuracy (first 1 000 training images)"). The accuracy axis shows the range the accuracies reached (at least 0.9 to 1.0
    once they pass 0.9), so that the last per cent, where a good network differs from a poor one, is
    visible.

    Book §4.5.3, §5.7.4; notebook 08.
    """
    losses = np.asarray(history.step_loss, dtype=float)
    evals = np.asarray(history.eval_steps, dtype=int)
    train_acc = np.asarray(history.train_acc, dtype=float)
    test_acc = np.asarray(history.test_acc, dtype=float)
    end = max(int(steps) if steps is not None else 0, len(losses), 1)
    fig = new_figure((10.0, 3.6))
    lax, aax = fig.subplots(1, 2)
    finite = np.isfinite(losses)
    lax.plot(np.arange(1, len(losses) + 1), np.where(finite, losses, np.nan), color="0.55", lw=0.5, alpha=0.6)
    bounds = [0, *evals.tolist()]
    means = [np.mean(losses[a:b]) for a, b in zip(bounds[:-1], bounds[1:]) if b > a]
    if means:
        lax.plot(evals[: len(means)], means, "o-", color="black", ms=3, lw=1.4)
    top = float(np.percentile(losses[finite], 99)) if finite.any() else 1.0
    lax.set_ylim(0.0, max(top, 0.1) * 1.05)
    lax.set_xlim(0, end)
    lax.set_xlabel("step", **FONT)
    lax.set_ylabel("loss (cross-entropy)", **FONT)
    lax.grid(True, alpha=0.3)
    handles = [Line2D([], [], color="0.55", lw=1.0), Line2D([], [], color="black", marker="o", ms=3, lw=1.4)]
    _legend_below(
        lax, handles, ["each mini-batch", "average since the last evaluation"], 0.2, 2
    )  # under "step"
    lax.set_title("loss", **FONT)
    last = []
    for values, style, colour, name in ((train_acc, "o-", "C2", "train"), (test_acc, "s--", "C1", "test")):
        shown = np.isfinite(values)
        aax.plot(evals[: len(values)][shown[: len(evals)]], values[shown], style, color=colour, ms=3, lw=1.6)
        if shown.any():
            last.append(f"{name} {values[np.flatnonzero(shown)[-1]]:.4f}")
    if last:  # the last values, in the corner where the curves, rising, never go
        aax.text(
            0.98,
            0.04,
            "last: " + ", ".join(last),
            transform=aax.transAxes,
            ha="right",
            va="bottom",
            fontsize=9,
        )
    reached = np.concatenate([train_acc[np.isfinite(train_acc)], test_acc[np.isfinite(test_acc)]])
    low = min(0.9, float(reached.min())) if reached.size else 0.0
    aax.set_ylim(max(0.0, low - 0.01), 1.0)
    aax.set_xlim(0, end)
    aax.set_xlabel("step", **FONT)
    aax.set_ylabel("accuracy", **FONT)
    aax.grid(True, alpha=0.3)
    handles = [
        Line2D([], [], color="C2", marker="o", ms=3, lw=1.6),
        Line2D([], [], color="C1", marker="s", ls="--", ms=3),
    ]
    _legend_below(aax, handles, list(accuracy_labels), 0.2, 2)
    aax.set_title("accuracy at each evaluation", **FONT)
    if title:
        fig.suptitle(title, **FONT)
    return fig


class LiveHistory:
    """Learning curves that redraw in the cell's output while a training run goes on: pass
    :meth:`update` as the ``callback`` of :func:`nbhelpers.train` (it is called at each evaluation).

    The first call shows :func:`history_figure` under the cell; each later call replaces that picture
    (IPython's display handles: JupyterLab, Voilà and Colab update it in place). ``steps``: the run's
    length, so the axes stay put. Outside IPython it draws nothing. :meth:`update` returns False
    (training goes on).

    Book §5.7.4; notebook 08.
    """

    def __init__(self, title: str = "", steps: int | None = None):
        self.title, self.steps = str(title), steps
        self._handle = None

    def update(self, history) -> bool:
        from IPython import get_ipython

        if get_ipython() is None:
            return False
        from IPython.display import display

        fig = history_figure(history, self.title, self.steps)
        data, metadata = fig._repr_mimebundle_()
        if self._handle is None:
            self._handle = display(data, metadata=metadata, raw=True, display_id=True)
        else:
            self._handle.update(data, metadata=metadata, raw=True)
        return False
