"""Figures of numerical differentiation and gradient descent: tangent lines, the error of the difference
quotient against its step h, the field of downhill arrows −∇f, and the path of gradient descent."""

from __future__ import annotations

import numpy as np
from matplotlib.contour import ContourSet
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .._format import number
from ._figure import FONT, LivePlot, new_figure, xy_axes
from ._geometry import path_in_box

__all__ = ["tangent_figure", "step_error_figure", "gradient_field_figure", "DescentPlot"]

_METHOD_COLORS = {"central": "C0", "forward": "C3"}
_DTYPE_STYLES = {"float64": "-", "float32": "--", "float16": ":"}


def tangent_figure(f, xs, points=(5.0, 10.0), slopes=(0.2, 0.3), label="f(x)") -> Figure:
    """The curve y = f(x) over ``xs`` with its tangent line at each of ``points``: the line through
    (p, f(p)) whose slope is the given derivative (y = f(p) + slope·(x − p)).

    Book §4.3.2 (figure 4-7); notebook 06.
    """
    xs = np.asarray(xs, dtype=float)
    points, slopes = [float(p) for p in points], [float(s) for s in slopes]
    if xs.ndim != 1 or xs.size < 2:
        raise ValueError(f"xs must be a 1-D array of at least 2 values, got shape {xs.shape}")
    if len(points) != len(slopes):
        raise ValueError(f"points and slopes must have the same length, got {len(points)} and {len(slopes)}")
    ys = np.asarray(f(xs), dtype=float)
    fig = new_figure((6.6, 4.4))
    ax = fig.subplots()
    low, high = float(np.min(ys)), float(np.max(ys))
    pad = 0.15 * max(high - low, 1.0)
    xy_axes(ax, (xs[0], xs[-1]), (low - pad, high + pad), "y", "Tangent lines: their slope is the derivative")
    ax.plot(xs, ys, color="black", lw=2, label=label)
    for k, (p, slope) in enumerate(zip(points, slopes)):
        color, at = f"C{k}", float(f(p))
        ax.plot(
            xs,
            at + slope * (xs - p),
            color=color,
            lw=1.5,
            ls="--",
            label=f"tangent at x = {p:g}: slope {number(slope)}",
        )
        ax.plot([p], [at], "o", color=color, ms=7, zorder=3)
    ax.legend(loc="upper left", **FONT)
    return fig


def _case_label(case) -> tuple:
    method, dtype = case
    return str(method), np.dtype(dtype).name


def _log_or_nan(values) -> np.ndarray:
    values = np.asarray(values, dtype=float)
    out = np.full(values.shape, np.nan)
    good = np.isfinite(values) & (values > 0)
    out[good] = np.log10(values[good])
    return out


def step_error_figure(hs, errors_by_case, best_by_case=None, marked_h=1e-4) -> Figure:
    """The error |approximation − exact derivative| of the difference quotient against its step h, on
    log–log axes: a "V", where the truncation error (large h) meets the rounding error (small h).

    ``errors_by_case`` maps (method, dtype), e.g. ("central", "float64"), to one error per h of ``hs``;
    ``best_by_case`` maps the same keys to the textbook best h (a marker on each curve); a dotted line
    marks ``marked_h`` (the book's h = 1e-4). Errors of exactly 0 leave a gap in their curve.

    Book §4.3.1 (the errors are not in the book); notebook 06.
    """
    hs = np.asarray(hs, dtype=float)
    if hs.ndim != 1 or hs.size < 2 or not np.all(np.isfinite(hs) & (hs > 0)):
        raise ValueError(f"hs must be a 1-D array of at least 2 positive numbers, got shape {hs.shape}")
    best_by_case = dict(best_by_case or {})
    log_h = np.log10(hs)
    order = np.argsort(log_h)
    fig = new_figure((7.8, 5.0))
    ax = fig.subplots()
    ax.set_xscale("log")
    ax.set_yscale("log")
    curves = {}
    for case, errors in errors_by_case.items():
        method, dtype = _case_label(case)
        log_e = _log_or_nan(errors)
        if log_e.shape != hs.shape:
            raise ValueError(
                f"errors_by_case[{case!r}] must have the shape of hs {hs.shape}, got {log_e.shape}"
            )
        curves[method, dtype] = log_e
        color, style = _METHOD_COLORS.get(method, "C2"), _DTYPE_STYLES.get(dtype, "-.")
        label = f"{method} difference, {dtype}"
        best = best_by_case.get(case)
        if best is not None:
            label += f" (best h ≈ {float(best):.0e})".replace("e-0", "e−").replace("e-", "e−")
        shown = np.where(np.isnan(log_e), np.nan, np.asarray(errors, dtype=float))  # 0 and inf: a gap
        ax.plot(hs, shown, color=color, ls=style, lw=1.6, label=label)
        finite = ~np.isnan(log_e[order])
        if best is not None and finite.any():
            at = np.interp(np.log10(float(best)), log_h[order][finite], log_e[order][finite])
            ax.plot([float(best)], [10.0**at], "D", color=color, mec="black", ms=8, zorder=4)
    ax.plot([], [], "D", color="white", mec="black", ms=8, label="textbook best h of each curve")
    ax.axvline(marked_h, color="0.2", lw=1.2, ls=":", label=f"h = {marked_h:g} (the book's choice)")
    every = np.concatenate([c[~np.isnan(c)] for c in curves.values()] or [np.zeros(1)])
    bottom, top = float(every.min()) - 2.5, float(every.max()) + 0.8
    ax.set_ylim(10.0**bottom, 10.0**top)
    ax.set_xlim(hs.min(), hs.max())
    main = ("central", "float64") if ("central", "float64") in curves else next(iter(curves), None)
    if main is not None:
        _annotate_branches(ax, log_h[order], curves[main][order])
    ax.grid(True, which="major", alpha=0.3)
    ax.set_xlabel("step h (log scale)", **FONT)
    ax.set_ylabel("error |approximation − exact| (log scale)", **FONT)
    ax.set_title("The error of the difference quotient against the step h", **FONT)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=2, fontsize=9, frameon=False)
    return fig


def _level(log_e: np.ndarray, k: int) -> float:
    """The curve's height around point k (a median over neighbours: rounding errors are noisy)."""
    window = log_e[max(k - 3, 0) : k + 4]
    return float(np.nanmedian(window)) if np.any(~np.isnan(window)) else np.nan


def _annotate_branches(ax, log_h: np.ndarray, log_e: np.ndarray) -> None:
    """Arrows under the two arms of the V, pointing the way h shrinks: the right arm falls, the left rises."""
    if np.all(np.isnan(log_e)):
        return
    m = int(np.nanargmin(log_e))
    arrow = {"arrowstyle": "->", "color": "0.25", "lw": 1.3}
    arms = (
        ((0.85, 0.35), "truncation error falls\n(as h shrinks)"),
        ((0.45, 0.9), "rounding error rises\n(as h shrinks)"),
    )
    for (a, b), text in arms:
        right = a > b  # the right arm runs from the minimum to the largest h
        end = len(log_h) - 1 if right else 0
        i, j = (int(round(m + t * (end - m))) for t in (a, b))
        yi, yj = _level(log_e, i) - 1.2, _level(log_e, j) - 1.2
        if i == j or np.isnan(yi) or np.isnan(yj):
            continue
        ax.annotate("", xy=(10 ** log_h[j], 10**yj), xytext=(10 ** log_h[i], 10**yi), arrowprops=arrow)
        mid = (10 ** ((log_h[i] + log_h[j]) / 2), 10 ** (min(yi, yj) - 0.4))
        ax.text(*mid, text, ha="center", va="top", fontsize=10, color="0.2")


def gradient_field_figure(X, Y, U, V, contours=None, labels=("$x_0$", "$x_1$")) -> Figure:  # noqa: N803
    """Arrows (U, V) at the grid points (X, Y): pass U, V = −∇f to see every arrow point downhill,
    towards the lowest point of f. ``contours`` = (X, Y, Z), f on a (finer) grid, adds its contour lines;
    ``labels`` names the two axes (the variables of f).

    Book §4.4 (figure 4-9), §6.1.3 (figure 6-2); notebooks 06, 09.
    """
    X, Y, U, V = (np.asarray(a, dtype=float) for a in (X, Y, U, V))  # noqa: N806
    if not X.shape == Y.shape == U.shape == V.shape:
        raise ValueError(f"X, Y, U, V must have one shape, got {X.shape}, {Y.shape}, {U.shape}, {V.shape}")
    fig = new_figure((5.8, 5.4))
    ax = fig.subplots()
    if contours is not None:
        cx, cy, cz = (np.asarray(a, dtype=float) for a in contours)
        lines = ax.contour(cx, cy, cz, levels=8, colors="C0", linewidths=0.8, alpha=0.6)
        ax.clabel(lines, fontsize=8, fmt="%.3g")
        ax.plot([], [], color="C0", lw=0.8, label="contour lines of f")
    ax.quiver(X, Y, U, V, angles="xy", color="#555555", label="−∇f (downhill)")
    pad = 0.05 * max(np.ptp(X), np.ptp(Y), 1e-12)
    ax.set_xlim(X.min() - pad, X.max() + pad)
    ax.set_ylim(Y.min() - pad, Y.max() + pad)
    ax.set_aspect("equal")
    ax.grid(True, alpha=0.3)
    ax.set_xlabel(labels[0], **FONT)
    ax.set_ylabel(labels[1], **FONT)
    ax.set_title("−∇f: every arrow points downhill", **FONT)
    ax.legend(loc="upper right", fontsize=9, framealpha=0.95)
    return fig


class DescentPlot(LivePlot):
    """The figure of the descent widget: the contour lines of f(x0, x1) with the path of gradient descent
    on them (start ●, end ★), and beside it the loss f at each step on a log scale.

    It draws what the widget computed: ``surface`` = (X, Y, Z) is f on a grid (:meth:`show_surface`
    replaces it: a full redraw); :meth:`show` draws one path and its losses (a quick redraw). A path
    that leaves the view is cut at its edge; one that overflows to inf or NaN is drawn up to its last
    finite point, and the title says it diverged. Losses beyond ``loss_range`` are drawn at its edge.

    Book §4.4.1 (figure 4-10); notebook 06.
    """

    def __init__(self, surface, label="f", view=(-5.0, 5.0, -5.0, 5.0), loss_range=(1e-30, 1e30)):
        self.view = tuple(float(v) for v in view)
        self.loss_range = tuple(float(v) for v in loss_range)
        self.figure = new_figure((11.0, 4.8))
        self._ax, self._loss_ax = self.figure.subplots(1, 2, width_ratios=[1.0, 1.15])
        ax = self._ax
        ax.set_xlim(*self.view[:2])
        ax.set_ylim(*self.view[2:])
        ax.set_aspect("equal")
        ax.set_xlabel("$x_0$", **FONT)
        ax.set_ylabel("$x_1$", **FONT)
        self._surface_title = self._loss_ax.set_title("", **FONT)
        (self._line,) = ax.plot([], [], color="C3", lw=1.5, zorder=3, label="path, a dot per step")
        (self._dots,) = ax.plot([], [], "o", color="C3", ms=3.5, zorder=3)
        (self._start,) = ax.plot([], [], "o", color="C2", mec="black", ms=10, zorder=4, label="start")
        (self._end,) = ax.plot([], [], "*", color="gold", mec="black", ms=16, zorder=5, label="end")
        (self._minimum,) = ax.plot([], [], "+", color="black", ms=12, mew=2, zorder=2, label="lowest point")
        # Below the axes, where nothing moves: drawn once, not at every redraw.
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=2, fontsize=9, frameon=False)
        # The widest title there can be, so that the layout made once fits every title.
        self._title = ax.set_title("gradient descent: η = 0.000000, 100 steps, diverged at step 100", **FONT)
        lax = self._loss_ax
        lax.set_yscale("log")
        lax.set_ylim(*self.loss_range)
        decades = np.log10(self.loss_range)
        lax.set_yticks(10.0 ** np.arange(np.ceil(decades[0]), decades[1] + 1, max(1, np.ptp(decades) // 6)))
        lax.minorticks_off()
        lax.xaxis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 5, 10]))
        lax.grid(True, which="major", alpha=0.3)
        lax.set_xlabel("step", **FONT)
        lax.set_ylabel("loss f(x) (log scale)", **FONT)
        (self._losses,) = lax.plot([], [], "o-", color="C0", ms=3, lw=1.5, zorder=3)
        self._note = lax.text(0.98, 0.97, "", transform=lax.transAxes, ha="right", va="top", fontsize=9)
        self._set_surface(surface, label)
        self._set_steps(100)  # the layout made once leaves room for the widest ticks ("100")
        self._start_live(
            [self._line, self._dots, self._start, self._end, self._title, self._losses, self._note]
        )

    def show_surface(self, surface, label: str) -> None:
        """Draw the contour lines of ``surface`` = (X, Y, Z), f on a grid, named ``label`` (then
        :meth:`show` a path on them)."""
        self._set_surface(surface, label)
        self._refresh_background()

    def _set_steps(self, steps: int) -> None:
        """A step axis from 0 to 10, 20, 50 or 100 (the first that holds ``steps``), so that a change in
        the number of steps rarely needs a full redraw."""
        end = next((n for n in (10, 20, 50, 100) if n >= steps), steps)
        self._loss_ax.set_xlim(-0.02 * end - 0.5, end + 0.5)

    def _set_surface(self, surface, label: str) -> None:
        X, Y, Z = (np.asarray(a, dtype=float) for a in surface)  # noqa: N806
        for old in [c for c in self._ax.collections if isinstance(c, ContourSet)]:
            old.remove()
        top = float(np.max(Z))
        levels = np.linspace(0.0, np.sqrt(top), 12)[1:] ** 2  # evenly spaced in distance for a bowl
        self._ax.contour(X, Y, Z, levels=levels, cmap="viridis", linewidths=0.9, alpha=0.8)
        k = np.unravel_index(np.argmin(Z), Z.shape)
        self._minimum.set_data([X[k]], [Y[k]])
        self._surface_title.set_text(f"loss f at each step: {label}")

    def show(self, path, losses, title: str) -> None:
        """Draw ``path`` (shape (steps + 1, 2): the start, then x after each step) and ``losses`` (f at
        each of its points), with ``title`` above it (then :meth:`png`)."""
        path, losses = np.asarray(path, dtype=float), np.asarray(losses, dtype=float)
        if path.ndim != 2 or path.shape[1] != 2 or losses.shape != path.shape[:1]:
            raise ValueError(
                f"path must have shape (n, 2) and losses (n,), got {path.shape} and {losses.shape}"
            )
        margin = 0.02 * (self.view[1] - self.view[0])
        box = (self.view[0] - margin, self.view[1] + margin, self.view[2] - margin, self.view[3] + margin)
        line, inside, stop = path_in_box(path, box)  # the path is drawn up to row `stop`
        bad = ~np.all(np.isfinite(path), axis=1) | ~np.isfinite(losses)
        finite = path[:stop]
        self._line.set_data(line[:, 0], line[:, 1])
        self._dots.set_data(finite[inside, 0], finite[inside, 1])
        for marker, k in ((self._start, 0), (self._end, stop - 1)):
            shown = 0 <= k < stop and inside[k]
            marker.set_data(finite[k : k + 1, 0] if shown else [], finite[k : k + 1, 1] if shown else [])
        end = self._loss_ax.get_xlim()[1] - 0.5
        if not (len(losses) - 1 <= end < 2.5 * max(len(losses) - 1, 10)):  # too short or too long: new ticks
            self._set_steps(len(losses) - 1)
            self._refresh_background()
        self._title.set_text(title + (f", diverged at step {int(np.argmax(bad))}" if bad.any() else ""))
        low, high = self.loss_range
        drawn = np.clip(np.where(np.isnan(losses), np.inf, losses), low, high)
        self._losses.set_data(np.arange(len(losses)), drawn)
        above, below = int(np.sum((losses > high) | ~np.isfinite(losses))), int(np.sum(losses < low))
        notes = [
            f"{n} {where} {number(edge, None)}: drawn at the edge"
            for n, where, edge in ((above, "above", high), (below, "below", low))
            if n
        ]
        self._note.set_text("\n".join(notes).replace("e+", "e").replace("-", "−"))
