"""What the gradient checks hand the learner's code, and what its calls of f tell about a wrong result.

The function ``f`` a check hands the learner's code notes every point it is called at (:class:`_Noted`): a
wrong result is then explained by where ``f`` was evaluated (never; at x itself only, h lost in rounding;
at float32 points; x ± h with an h far from 1e-4), by a result that stays the same for another x, or by the
caller's x left changed (:func:`_restored`).
"""

from __future__ import annotations

import numpy as np

from ..gradient import numerical_gradient
from ._engine import ChangedInput, NotDone, Problem, Warned, _call, _fmt, _one_number

H = 1e-4  #: the book's small step
RTOL = 1e-7  #: the same formula in another order (/ 2 / h, or / (2 * h)) differs by rounding only


class _Noted:
    """A function of the check, handed to the learner's code, that notes every point it is called at."""

    def __init__(self, f, name: str):
        self.f, self.name, self.points, self.dtypes = f, name, [], set()
        self.__name__ = name

    def __call__(self, x):
        try:
            self.dtypes.add(np.asarray(x).dtype)
            self.points.append(np.array(x, dtype=float))  # a copy: x may be changed in place afterwards
        except Exception:  # something that is not numbers: f itself will say so
            self.points.append(None)
        return self.f(x)

    def __repr__(self) -> str:
        return self.name


def _one_slope(out, what: str) -> np.ndarray:
    """The learner's slope as one number (a 0-d array of its own dtype), or the problem with it."""
    return _one_number(out, what, "the slope at one point")


def _an_array(out, what: str, x) -> None:
    """A list or tuple of numbers where an array of x's shape belongs, or an integer array: the problem."""
    if isinstance(out, (list, tuple)):
        arr = _floats(out)
        if arr is not None:
            raise Problem(
                f"{what}: your function returned a {type(out).__name__} of numbers; return a NumPy array of x's "
                f"shape {x.shape} (np.array of them): arithmetic such as lr * grad or x - ... works element by "
                "element on arrays only",
                what,
            )
    if isinstance(out, np.ndarray) and out.dtype.kind in "iub" and out.shape == x.shape:
        raise Problem(
            f"{what}: your function returned an integer array ({out.dtype}), {_fmt(out)}: every slope was cut "
            "to a whole number. The gradient array must hold floats, like x",
            what,
        )


def _floats(out) -> np.ndarray | None:
    """The learner's result as a float array, for the checks' own looks at it (None if it is not numbers:
    the comparison says so)."""
    if isinstance(out, (tuple, list)) and any(isinstance(v, (np.ndarray, tuple, list)) for v in out):
        return None
    try:
        arr = np.asarray(out)
        return arr.astype(float) if arr.dtype.kind in "biuf" else None
    except Exception:
        return None


def _steps(noted: _Noted, x) -> np.ndarray:
    """How far from x (a number or an array) each noted call of f was: its largest distance per call."""
    x = np.asarray(x, dtype=float)
    return np.array(
        [
            float(np.max(np.abs(p.reshape(x.shape) - x))) if p is not None and p.size == x.size else np.inf
            for p in noted.points
        ]
    )


_ROUNDING = (
    "x + h is x when h is far below x's rounding (a float keeps about 16 digits; np.float32(1e-50) is 0), so "
    "f(x+h) − f(x−h) is 0. That is the book's rounding trap (h = 1e-50): use h = 1e-4"
)


def _stayed(noted: _Noted, x) -> bool:
    """True if f was called, and only at x itself: h was 0 or lost in rounding."""
    steps = _steps(noted, x)
    return steps.size > 0 and bool(np.all(steps == 0))


def _ignores_x(func, f, x, more: tuple, first, what: str) -> None:
    """The learner's result for another x: the same one means the function reads an x of its own."""
    other = x + 1.5
    try:
        again = _call(func, _Noted(f, "f"), other, *more, what=what)
    except (Problem, NotDone):
        return
    a, b = _floats(first), _floats(again)
    if a is not None and b is not None and a.shape == b.shape and np.array_equal(a, b):
        raise Problem(
            f"{what}: your function gives the same result, {_fmt(a)}, for another x ({_fmt(other)}): it does not "
            "use the x it is given (its parameter), but a variable defined outside it",
            what,
        )


def _called(noted: _Noted, x, what: str) -> None:
    """Explain a wrong result by f never called, or called at x itself only (h lost in rounding)."""
    if not noted.points:
        raise Problem(
            f"{what}: your function never called the f it was given: use the parameter f, not function_1, "
            "function_2 or another function defined outside it",
            what,
        )
    if _stayed(noted, x):
        raise Problem(f"{what}: f was called at x itself only: {_ROUNDING}", what)


def _where_f_went(noted: _Noted, x, what: str) -> None:
    """Explain a wrong result by where f was called: at float32 points, or with a step h far from 1e-4
    (the checks first see whether f was called at all, :func:`_called`, and whether the function reads its
    own x, :func:`_ignores_x`)."""
    if np.dtype(np.float32) in noted.dtypes or np.dtype(np.float16) in noted.dtypes:
        raise Problem(
            f"{what}: your function called f at float32 numbers: x ± h in float32 keeps about 7 digits, so "
            "f(x+h) − f(x−h) loses most of its digits; keep h a Python float, 1e-4",
            what,
        )
    steps = _steps(noted, x)
    h = float(np.max(steps[np.isfinite(steps)])) if np.any(np.isfinite(steps)) else np.inf
    if h > 1.01 * H:
        raise Problem(
            f"{what}: your function called f as far as {h:.3g} from x: with h = {h:.3g} the slope of f changes "
            "between x−h and x+h, and the result is off; the exercise uses h = 1e-4",
            what,
        )
    if h < 0.99 * H:
        raise Problem(
            f"{what}: your function called f no further than {h:.3g} from x: with h = {h:.3g} rounding eats "
            "the difference f(x+h) − f(x−h) (a float keeps about 16 digits); the exercise uses h = 1e-4",
            what,
        )


def _run(func, noted: _Noted, x, more: tuple, what: str):
    """``func(noted, x, *more)``, with a rounding hint for a 0 / 0 when f was called at x only."""
    try:
        return _call(func, noted, x, *more, what=what)
    except Warned as problem:
        if problem.event in ("invalid", "divide") and _stayed(noted, x):
            raise problem.add(
                f"\n  f was called at x itself only: h is 0 or lost in rounding: {_ROUNDING}"
            ) from None
        raise


def _restored(func, f, x, more: tuple, what: str, problem: ChangedInput) -> ChangedInput:
    """Say how x came back changed: by a rounding error (h added, then taken away), or not put back."""
    probe = x.copy()
    try:  # the learner's code once more, on an array the check can look at afterwards
        _call(lambda: func(_Noted(f, "f"), probe, *more), what=what)
    except (Problem, NotDone):
        return problem
    if np.array_equal(probe, x) or probe.shape != x.shape:
        return problem
    if np.allclose(probe, x, rtol=1e-12, atol=1e-15):
        return problem.add(
            f"\n  Afterwards x is off by rounding only ({_fmt(probe - x)} away): adding h, then taking it "
            "away again need not give back x exactly. Save each element before changing it and put that saved "
            "value back"
        )
    if more and np.allclose(probe, x - more[0] * numerical_gradient(f, x.copy()), rtol=1e-6):
        return problem.add(
            f"\n  Afterwards x holds the new point {_fmt(probe)}: the step must give a new array and leave x "
            "as it was"
        )
    return problem.add(
        f"\n  Afterwards x was {_fmt(probe)} instead of {_fmt(x)}: after f(x+h) and f(x−h), put each element "
        "back to its saved original value"
    )
