"""Figures of the optimizers: their paths on a 2-D surface f(x, y) (the book's figure 6-8), the race of
several optimizers behind the widget, and the training loss of each on MNIST, smoothed as the book does."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from .._format import number
from .._surfaces import surface_named
from ..optimizers import smooth_curve
from ._figure import FONT, LivePlot, new_figure
from ._geometry import path_in_box

__all__ = ["OPTIMIZER_COLORS", "OPTIMIZER_MARKERS", "paths_figure", "OptimizerRacePlot", "loss_curves_figure"]

#: One colour per optimizer, the same in every figure (matplotlib's "tab10" colours).
OPTIMIZER_COLORS = {
    "SGD": "#1f77b4",
    "Momentum": "#ff7f0e",
    "Nesterov": "#8c564b",
    "AdaGrad": "#2ca02c",
    "RMSprop": "#9467bd",
    "Adam": "#d62728",
    "Adam, no bias correction": "#e377c2",
}
#: The book's markers on its loss curves (figure 6-9), and one for each optimizer it does not draw.
OPTIMIZER_MARKERS = dict(zip(OPTIMIZER_COLORS, "ox^svDd"))
_OTHER_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f")
_START = {"marker": "o", "color": "white", "mec": "black", "ms": 9, "ls": "none"}
_END = {"marker": "*", "mec": "black", "ms": 15, "ls": "none", "mew": 0.8}
_MINIMUM = {"marker": "+", "color": "black", "ms": 14, "mew": 2.2, "ls": "none"}
_BOX = {"boxstyle": "round,pad=0.3", "fc": "white", "ec": "none", "alpha": 0.85}  # under a note on curves
_OUTSIDE = {"loc": "outside lower center", "fontsize": 9, "frameon": False}  # a legend under the figure
_BELOW = {"loc": "upper center", "bbox_to_anchor": (0.5, -0.14), "ncol": 3, "fontsize": 9, "frameon": False}


def _name_of(label: str):
    """The optimizer a label names: the longest name of :data:`OPTIMIZER_COLORS` it starts with, in any
    case, followed by the end or a character that is not a letter ("Adam (η = 0.3)" is Adam)."""
    low = str(label).lower()
    found = [
        name
        for name in OPTIMIZER_COLORS
        if low.startswith(name.lower()) and (len(low) == len(name) or not low[len(name)].isalnum())
    ]
    return max(found, key=len) if found else None


def _styles(labels) -> dict:
    """label -> (colour, marker, line style): an optimizer's own colour and marker (a second run of one
    optimizer, "RMSprop, lr 0.01", dashed, a third dotted), other labels the colours left, in order."""
    names = {label: _name_of(label) for label in labels}
    taken = {OPTIMIZER_COLORS[n] for n in names.values() if n is not None}
    spare = iter([c for c in _OTHER_COLORS if c not in taken] + list(_OTHER_COLORS))
    styles, runs = {}, []
    for label, n in names.items():
        runs.append(n)
        dash = ("-", "--", ":", "-.")[min(runs.count(n) - 1, 3)] if n is not None else "-"
        styles[label] = (OPTIMIZER_COLORS[n], OPTIMIZER_MARKERS[n], dash) if n else (next(spare), "o", "-")
    return styles


def _grid(surface, points: int = 241):
    x_low, x_high, y_low, y_high = (float(v) for v in surface.view)
    ratio = (y_high - y_low) / (x_high - x_low)
    X, Y = np.meshgrid(  # noqa: N806
        np.linspace(x_low, x_high, points), np.linspace(y_low, y_high, max(int(points * ratio), 2))
    )
    with np.errstate(over="ignore"):
        Z = np.asarray(surface.f(X, Y), dtype=float)  # noqa: N806
    return X, Y, Z


def _levels(surface, Z) -> np.ndarray:  # noqa: N803
    """Contour levels that show the whole view: for a surface with a minimum, the values below which
    lies (k / 12)² of the view (so, for a bowl, rings evenly spaced in distance from the bottom); for
    one without (the saddle), levels evenly spaced in value, one of them the saddle's value 0."""
    finite = Z[np.isfinite(Z)]
    if surface.minimum is None:
        top = float(np.max(np.abs(np.percentile(finite, [2, 98]))))
        return np.linspace(-top, top, 13)
    levels = np.unique(np.quantile(finite, (np.arange(1, 13) / 12.5) ** 2))
    return levels[levels > float(np.min(finite))]


def _draw_surface(ax, surface) -> None:
    """The surface's contour lines (grey, on pale colours darker downhill), its view, its minimum (+)."""
    X, Y, Z = _grid(surface)  # noqa: N806
    levels = _levels(surface, Z)
    if len(levels) > 1:
        ax.contourf(X, Y, Z, levels=levels, extend="both", cmap="Blues_r", alpha=0.35, zorder=0)
        ax.contour(X, Y, Z, levels=levels, colors="0.45", linewidths=0.6, alpha=0.8, zorder=1)
    ax.set_xlim(*surface.view[:2])
    ax.set_ylim(*surface.view[2:])
    ax.set_aspect("equal")
    ax.set_xlabel("x", **FONT)
    ax.set_ylabel("y", **FONT)
    if surface.minimum is not None:
        ax.plot(*np.asarray(surface.minimum, dtype=float).reshape(2, 1), zorder=2, **_MINIMUM)


def _marks(surface) -> dict:
    """The legend's entries for the markers: start, end, and the minimum if the surface has one."""
    marks = {"start": Line2D([], [], **_START), "end": Line2D([], [], color="0.5", **_END)}
    return marks if surface.minimum is None else {**marks, "minimum": Line2D([], [], **_MINIMUM)}


def _check_path(path, label) -> np.ndarray:
    path = np.asarray(path, dtype=float)
    if path.ndim != 2 or path.shape[1] != 2 or len(path) < 1:
        raise ValueError(f"paths[{label!r}] must have shape (n, 2), n >= 1, got shape {path.shape}")
    return path


def _path_parts(path: np.ndarray, view):
    """What is drawn of ``path``: its line cut at the edge of ``view`` (a 2 % margin), the dots inside,
    its start and end (empty if outside), and the index of its first row that is not finite."""
    margin = 0.02 * (view[1] - view[0])
    line, inside, stop = path_in_box(
        path, (view[0] - margin, view[1] + margin, view[2] - margin, view[3] + margin)
    )
    finite, none = path[:stop], np.empty((0, 2))
    start = finite[:1] if stop and inside[0] else none
    end = finite[stop - 1 : stop] if stop and inside[stop - 1] else none
    return line, finite[inside], start, end, stop


def _fate(path: np.ndarray, view, stop: int) -> str:
    if stop < len(path):
        return f"diverged at step {stop}"
    x, y = path[:, 0], path[:, 1]
    out = ~((view[0] <= x) & (x <= view[1]) & (view[2] <= y) & (y <= view[3]))
    return f"left the view at step {int(np.argmax(out))}" if out.any() else ""


def paths_figure(paths, surface, title=None, grid: bool = False) -> Figure:
    """The paths of optimizers on the contour lines of a surface f(x, y): each path in its optimizer's
    colour (:data:`OPTIMIZER_COLORS`) with a dot per step, its start ● and its end ★; the minimum +.

    ``paths`` = {label: array (n, 2)}, the start then the point after each step (as
    :func:`nbhelpers.optimizers.descent_path` gives it); ``surface``: a ``Surface`` or a key of
    ``SURFACES``, whose ``view`` is drawn. ``grid=True``: one panel per path, two per row, as the book's
    figure 6-8 (SGD, Momentum, AdaGrad, Adam); else all paths on one panel. A path leaving the view is cut
    at its edge, one that diverges is drawn up to its last finite point; its label says so.

    Book §6.1.7 (figure 6-8); notebook 09.
    """
    surface = surface_named(surface)
    paths = {label: _check_path(path, label) for label, path in dict(paths).items()}
    if not paths:
        raise ValueError("paths must hold at least one path, got none")
    styles = _styles(paths)
    x_span, y_span = surface.view[1] - surface.view[0], surface.view[3] - surface.view[2]
    if grid:
        columns = 2 if len(paths) <= 4 else 3
        rows = -(-len(paths) // columns)
        width = 10.0 if columns == 2 else 11.0
        height = rows * ((width / columns - 0.8) * y_span / x_span + 0.8) + 0.8  # panels + labels + legend
        width, height = (width, height) if height <= 9.0 else (width * 9.0 / height, 9.0)  # fits a screen
        fig = new_figure((width, height))
        axes = np.atleast_1d(fig.subplots(rows, columns)).ravel()
        for ax in axes[len(paths) :]:
            ax.set_axis_off()
    else:
        fig = new_figure((7.6, 7.6 * 0.82 * y_span / x_span + 1.8))
        axes = [fig.subplots()] * len(paths)
    for k, (ax, (label, path)) in enumerate(zip(axes, paths.items())):
        if grid or k == 0:
            _draw_surface(ax, surface)
        color, _, dash = styles[label]
        line, dots, start, end, stop = _path_parts(path, surface.view)
        fate = _fate(path, surface.view, stop)
        name = f"{label}" + (f" ({fate})" if fate else "")
        ax.plot(line[:, 0], line[:, 1], color=color, ls=dash, lw=1.6, zorder=3, label=name)
        ax.plot(dots[:, 0], dots[:, 1], "o", color=color, ms=3.2, zorder=3)
        ax.plot(start[:, 0], start[:, 1], zorder=4, **_START)
        ax.plot(end[:, 0], end[:, 1], color=color, zorder=5, **_END)
        if grid:
            ax.set_title(name, **FONT)
    steps = max(len(p) for p in paths.values()) - 1
    heading = (
        f"{steps} steps on the {surface.name}: $f(x, y) = {surface.formula}$" if title is None else title
    )
    marks = _marks(surface)
    if grid:
        fig.suptitle(heading, **FONT)
        fig.legend(list(marks.values()), list(marks), ncol=3, **_OUTSIDE)
    else:
        ax = axes[0]
        ax.set_title(heading, **FONT)
        handles, labels = ax.get_legend_handles_labels()
        ax.legend(handles + list(marks.values()), labels + list(marks), **_BELOW)
    return fig


_STEP_ENDS = (10, 20, 50, 100)


class OptimizerRacePlot(LivePlot):
    """The figure of the optimizer race: left, the paths of several optimizers on the contour lines of a
    surface f(x, y) (each in its colour, a dot per step, the common start ●, each end ★, the minimum +);
    right, f at each step of each path: f − f(minimum) on a log scale, or f itself (linear) for a surface
    without a minimum (the saddle).

    It draws what the widget computed: :meth:`show` draws paths and their losses (a quick redraw);
    :meth:`show_surface` replaces the surface (a full redraw). ``labels``: every label a path may have
    (the legend lists those shown). Losses beyond the right panel's range are drawn at its edge, and a
    note says how many; a path is cut at the edge of the view, or at its first inf or NaN.

    Book §6.1.7 (figure 6-8); notebook 09.
    """

    def __init__(self, surface="bowl", labels=tuple(OPTIMIZER_COLORS)):
        self.labels = tuple(labels)
        styles = _styles(self.labels)
        self.figure = new_figure((11.0, 4.9))
        self._ax, self._loss_ax = self.figure.subplots(1, 2, width_ratios=[1.45, 1.0])
        ax, lax = self._ax, self._loss_ax
        self._lines, self._dots, self._ends, self._losses = {}, {}, {}, {}
        for label in self.labels:
            color, _, dash = styles[label]
            (self._lines[label],) = ax.plot([], [], color=color, ls=dash, lw=1.6, zorder=3, label=label)
            (self._dots[label],) = ax.plot([], [], "o", color=color, ms=3, zorder=3)
            (self._ends[label],) = ax.plot([], [], color=color, zorder=5, **_END)
            (self._losses[label],) = lax.plot([], [], color=color, ls=dash, lw=1.6, zorder=3)
        (self._start,) = ax.plot([], [], zorder=4, **_START)
        # The widest title there can be, so that the layout made once fits every title.
        self._title = ax.set_title("the banana: 100 steps from (−10.00, −10.00), 7 optimizers", **FONT)
        self._loss_title = lax.set_title("", **FONT)
        lax.grid(True, which="major", alpha=0.3)
        lax.set_xlabel("step", **FONT)
        lax.xaxis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 5, 10]))
        self._note = lax.text(
            0.98, 0.97, "", transform=lax.transAxes, ha="right", va="top", fontsize=9, bbox=_BOX
        )
        self._set_surface(surface)
        self._set_steps(100)  # the layout made once leaves room for the widest ticks ("100")
        moving = [*self._lines.values(), *self._dots.values(), *self._ends.values(), *self._losses.values()]
        self._start_live([*moving, self._start, self._title, self._note])

    def show_surface(self, surface) -> None:
        """Draw the contour lines of ``surface`` (a ``Surface`` or a key of ``SURFACES``) and set the
        right panel's scale for it (then :meth:`show` paths on it)."""
        self._set_surface(surface)
        self._refresh_background()

    def _set_surface(self, surface) -> None:
        surface = surface_named(surface)
        ax, lax = self._ax, self._loss_ax
        keep = {*self._lines.values(), *self._dots.values(), *self._ends.values(), self._start}
        for artist in [*ax.collections, *ax.lines]:
            if artist not in keep:
                artist.remove()
        _draw_surface(ax, surface)
        self._surface = surface
        self._set_legend(self._shown() if self.figure.legends else self.labels)
        _, _, Z = _grid(surface, 121)  # noqa: N806
        finite = Z[np.isfinite(Z)]
        if surface.minimum is None:
            self._offset = 0.0
            low, high = float(finite.min()), float(finite.max())
            self._range = (low - (high - low), high + 0.05 * (high - low))
            lax.set_yscale("linear")
            lax.set_ylim(*self._range)
            lax.set_ylabel("f(x, y)", **FONT)
            self._loss_title.set_text(f"f at each step (the {surface.name} has no minimum)")
        else:
            self._offset = float(surface.f(*np.asarray(surface.minimum, dtype=float)))
            top = 10.0 ** np.ceil(np.log10(max(float(finite.max()) - self._offset, 1e-300)) + 1)
            self._range = (top * 1e-18, top)
            lax.set_yscale("log")
            lax.set_ylim(*self._range)
            lax.set_yticks(10.0 ** np.arange(np.log10(top) - 18, np.log10(top) + 1, 3))
            lax.minorticks_off()
            lax.set_ylabel("f(x, y) − f(minimum), log scale", **FONT)
            self._loss_title.set_text(f"f − f(minimum) at each step ({surface.name})")

    def _shown(self) -> list:
        """The paths the legend lists."""
        return [t.get_text() for t in self.figure.legends[0].get_texts() if t.get_text() in self._lines]

    def _set_legend(self, labels) -> None:
        for old in self.figure.legends:
            old.remove()
        marks = _marks(self._surface)
        self.figure.legend(
            [*(self._lines[label] for label in labels), *marks.values()],
            [*labels, *marks],
            ncol=5,
            **_OUTSIDE,
        )

    def _set_steps(self, steps: int) -> None:
        """A step axis from 0 to 10, 20, 50 or 100 (the first that holds ``steps``), so that a change in
        the number of steps rarely needs a full redraw."""
        end = next((n for n in _STEP_ENDS if n >= steps), steps)
        self._loss_ax.set_xlim(-0.02 * end, end * 1.02)

    def show(self, paths, losses, title: str) -> None:
        """Draw ``paths`` = {label: array (steps + 1, 2)} (the start, then the point after each step) and
        ``losses`` = {label: f at each point of its path}, with ``title`` above them (then :meth:`png`).
        Labels not given are hidden."""
        paths = {label: _check_path(path, label) for label, path in dict(paths).items()}
        losses = {label: np.asarray(value, dtype=float) for label, value in dict(losses).items()}
        for label, path in paths.items():
            if label not in self._lines:
                raise ValueError(f"paths: unknown label {label!r}; this plot draws {', '.join(self.labels)}")
            if losses.get(label, np.empty(0)).shape != path.shape[:1]:
                shape = losses[label].shape if label in losses else "none"
                raise ValueError(
                    f"losses[{label!r}] must have one value per point of paths[{label!r}] {path.shape}, got {shape}"
                )
        shown = [label for label in self.labels if label in paths]
        if self._shown() != shown:
            self._set_legend(shown)
            self._refresh_background()
        longest = max((len(p) - 1 for p in paths.values()), default=0)
        end = self._loss_ax.get_xlim()[1] / 1.02
        if not (longest <= end < 2.5 * max(longest, 10)):  # too short or too long: new ticks
            self._set_steps(longest)
            self._refresh_background()
        low, high = self._range
        above = below = 0
        self._start.set_data([], [])
        for label in self.labels:
            artists = (self._lines[label], self._dots[label], self._ends[label], self._losses[label])
            if label not in paths:
                for artist in artists:
                    artist.set_data([], [])
                continue
            line, dots, start, end_point, _ = _path_parts(paths[label], self._surface.view)
            self._lines[label].set_data(line[:, 0], line[:, 1])
            self._dots[label].set_data(dots[:, 0], dots[:, 1])
            self._ends[label].set_data(end_point[:, 0], end_point[:, 1])
            if len(start):
                self._start.set_data(start[:, 0], start[:, 1])
            with np.errstate(invalid="ignore", over="ignore"):  # inf − inf: NaN, drawn at the top
                values = losses[label] - self._offset
            values = np.where(np.isnan(values), np.inf, values)
            above += int(np.sum(values > high))
            below += int(np.sum(values < low))
            self._losses[label].set_data(np.arange(len(values)), np.clip(values, low, high))
        self._title.set_text(title)
        notes = [
            f"{n} {where} {number(edge, None)}: drawn at the edge"
            for n, where, edge in ((above, "above", high), (below, "below", low))
            if n
        ]
        self._note.set_text("\n".join(notes).replace("e+", "e").replace("-", "−"))


def loss_curves_figure(losses, smooth: bool = True, title=None, ylim=(0.0, 1.0)) -> Figure:
    """The training loss of several runs, one line each, against the iteration: the book's comparison of
    the optimizers on MNIST (figure 6-9), or of initial weights (figure 6-15).

    ``losses`` = {label: the loss of each iteration's mini-batch}. With ``smooth``, each line is the
    book's smoothed curve (:func:`nbhelpers.optimizers.smooth_curve`, a Kaiser-windowed moving average over
    11 iterations), with the raw losses faint behind it; an optimizer's line has its colour
    (:data:`OPTIMIZER_COLORS`) and the book's marker. ``ylim``: the loss axis, (0, 1) as the book's
    figure 6-9; ``None`` shows every curve whole (from 0 to the highest smoothed loss). The legend gives
    each run's last smoothed loss; a note says when a line goes above the top of the axis.

    Book §6.1.8 (figure 6-9), §6.2.4 (figure 6-15); notebook 09.
    """
    curves = {}
    for label, values in dict(losses).items():
        values = np.asarray(values, dtype=float)
        if values.ndim != 1 or values.size < 1:
            raise ValueError(f"losses[{label!r}] must be a 1-D array of losses, got shape {values.shape}")
        curves[label] = np.where(np.isfinite(values), values, np.nan)
    if not curves:
        raise ValueError("losses must hold at least one curve, got none")
    styles = _styles(curves)
    fig = new_figure((8.4, 5.0))
    ax = fig.subplots()
    longest = max(len(v) for v in curves.values())
    tops, handles, labels, faint = [], [], [], False
    for label, values in curves.items():
        color, marker, dash = styles[label]
        steps = np.arange(len(values))
        shown = smooth_curve(values) if smooth and len(values) >= 11 else values
        if shown is not values:
            ax.plot(steps, values, color=color, lw=0.6, alpha=0.25, zorder=1)
            faint = True
        every = max(longest // 10, 1)
        (line,) = ax.plot(
            steps, shown, color=color, ls=dash, lw=1.6, marker=marker, markevery=every, ms=5, zorder=2
        )
        last = shown[np.isfinite(shown)]
        handles.append(line)
        labels.append(f"{label} (last {number(last[-1], 3)})" if last.size else f"{label} (no finite loss)")
        tops.append(float(np.max(last)) if last.size else 0.0)
    if faint:
        handles.append(Line2D([], [], color="0.5", lw=0.6, alpha=0.5))
        labels.append("each iteration's loss (faint)")
    if ylim is None:
        ylim = (0.0, max(max(tops) * 1.05, 1e-12))
    ax.set_ylim(*ylim)
    ax.set_xlim(0, max(longest - 1, 1))
    ax.grid(True, alpha=0.3)
    ax.set_xlabel("iterations (one mini-batch each)", **FONT)
    ax.set_ylabel("loss" + (" (smoothed)" if smooth else ""), **FONT)
    ax.set_title(title if title is not None else f"Training loss of {len(curves)} runs", **FONT)
    if max(tops) > ylim[1]:
        note = f"lines cut at {number(ylim[1], None)}: the loss reaches {number(max(tops), 2)} (ylim=None shows all)"
        ax.text(0.98, 0.97, note, transform=ax.transAxes, ha="right", va="top", fontsize=9, bbox=_BOX)
    ax.legend(handles, labels, **_BELOW)
    return fig
