"""Notebook 06's exercises on gradients: the central difference, the numerical gradient, one step of
gradient descent.

The function ``f`` each check hands the learner's code notes every point it is called at; a wrong result
is explained by where ``f`` was evaluated (``checks/_calls.py``), or named as one of the usual slips.
"""

from __future__ import annotations

import numpy as np

from ..gradient import numerical_gradient
from ._calls import (
    RTOL,
    H,
    _an_array,
    _called,
    _floats,
    _ignores_x,
    _Noted,
    _one_slope,
    _restored,
    _run,
    _where_f_went,
)
from ._engine import ChangedInput, Problem, Raised, WrongValue, _compare, _fmt, _name_slip, check

__all__ = ["check_numerical_diff", "check_numerical_gradient", "check_gradient_step"]


def _central(f, x, h=H) -> float:
    """(f(x + h) − f(x − h)) / 2h, as the book writes it."""
    return (f(x + h) - f(x - h)) / (2 * h)


def _explain(func, f, x, got, out, expected, slips, noted, what: str, atol: float) -> None:
    """For a wrong result ``got`` (the learner's ``out`` as numbers): name a usual slip, else say where the
    learner's code called f (never, only at x, far from x ± h), else whether it ignores its x."""
    _name_slip(got, expected, slips, what, RTOL, atol)
    _called(noted, x, what)
    _ignores_x(func, f, x, (), out, what)
    _where_f_went(noted, x, what)


# ---- the central difference --------------------------------------------------------------------------


def _function_1(x):
    return 0.01 * x**2 + 0.1 * x


def _cubic(x):  # drawn once at random: your code cannot know it in advance
    return 1.8 * x**3 + 0.1 * x**2 - 1.7 * x - 0.7


def _diff_case(func, f, name: str, x, what: str) -> None:
    noted = _Noted(f, name)
    out = _run(func, noted, x, (), what)
    value = _one_slope(out, what)
    got = float(value)
    expected = _central(f, x)
    if np.isclose(got, expected, rtol=RTOL, atol=1e-12):
        return
    fp, fm, f0 = f(x + H), f(x - H), f(x)
    slips = {
        "that is the forward difference (f(x+h) − f(x)) / h; the central one uses x+h and x−h": (fp - f0) / H,
        "that is the backward difference (f(x) − f(x−h)) / h; the central one uses x+h and x−h": (f0 - fm)
        / H,
        "that is twice the slope: the central difference divides by 2h, the distance from x−h to x+h": (
            fp - fm
        )
        / H,
        "that is (f(x+h) − f(x−h)) / 2 · h: without brackets, `/ 2*h` divides by 2, then multiplies by h; "
        "divide by the product 2h": (fp - fm) / 2 * H,
        "the sign is reversed: the difference is f(x+h) − f(x−h), the value at the right minus the value at "
        "the left": (fm - fp) / (2 * H),
        "only f(x−h) is divided by 2h: put brackets around the difference f(x+h) − f(x−h) before dividing": fp
        - fm / (2 * H),
    }
    if f is not _function_1:
        slips[
            "that is the slope of the book's 0.01x² + 0.1x, not of the f it was given: use the parameter f"
        ] = _central(_function_1, x)
    _explain(func, f, x, got, got, expected, slips, noted, what, 1e-12)
    _compare(value, expected, what, rtol=RTOL, atol=1e-12)


@check("central difference")
def check_numerical_diff(func) -> str:
    """Check ``func(f, x)``: the central difference (f(x+h) − f(x−h)) / 2h with h = 1e-4, the slope of a
    function f of one number at x.

    Book §4.3.1; notebook 06.

    >>> check_numerical_diff(lambda f, x: (f(x + 1e-4) - f(x)) / 1e-4)
    ✗ central difference: f(x) = 0.01x² + 0.1x at x = 5 (exact derivative 0.2): gives 0.200001: that is the forward difference (f(x+h) − f(x)) / h; the central one uses x+h and x−h
    False
    """
    book = "f(x) = 0.01x² + 0.1x"
    _diff_case(func, _function_1, "function_1", 5, f"{book} at x = 5 (exact derivative 0.2)")
    _diff_case(func, _function_1, "function_1", 10, f"{book} at x = 10 (exact derivative 0.3)")
    x = 1.43
    exact = 3 * 1.8 * x**2 + 0.2 * x - 1.7
    cubic = "f(x) = 1.8x³ + 0.1x² − 1.7x − 0.7"
    _diff_case(func, _cubic, "f", x, f"{cubic} at x = {x} (exact derivative {exact:.6g})")
    x = -2.493
    _diff_case(func, np.sin, "np.sin", x, f"f = np.sin at x = {x} (exact derivative cos x = {np.cos(x):.6g})")
    return (
        "the book's 0.01x² + 0.1x at 5 and 10, a cubic and np.sin at other points, each within 1e-7 of the "
        "central difference with h = 1e-4"
    )


# ---- the numerical gradient --------------------------------------------------------------------------


def _function_2(x):
    return np.sum(np.asarray(x) ** 2)


def _quadratic(n: int, seed: int):
    """f(x) = ½ xᵀAx + b·x in n variables (A symmetric), random: your code cannot know it in advance."""
    rng = np.random.default_rng(seed)
    m = rng.normal(size=(n, n))
    a, b = (m + m.T) / 2, rng.normal(size=n)

    def f(x):
        x = np.asarray(x)
        return 0.5 * x @ a @ x + b @ x

    return f, a, b


def _forward_gradient(f, x) -> np.ndarray:
    g = np.zeros_like(x)
    for i in range(x.size):
        step = np.zeros_like(x)
        step[i] = H
        g[i] = (f(x + step) - f(x)) / H
    return g


def _left_moved(f, x) -> np.ndarray:
    """The central differences taken in one working copy of x whose elements are never put back: each
    slope after the first is taken with the earlier elements still at x_j − h."""
    work, g = x.copy(), np.zeros_like(x)
    for i in range(x.size):
        tmp = work[i]
        work[i] = tmp + H
        f_plus = f(work)
        work[i] = tmp - H
        g[i] = (f_plus - f(work)) / (2 * H)
    return g


def _gradient_case(func, f, name: str, x, what: str) -> None:
    noted = _Noted(f, name)
    try:
        out = _run(func, noted, x, (), what)
    except ChangedInput as problem:
        raise _restored(func, f, x, (), what, problem) from None
    except Raised as problem:
        if any(p is not None and p.shape != x.shape for p in noted.points):
            shape = next(p.shape for p in noted.points if p is not None and p.shape != x.shape)
            problem.instead(
                f"your function called f with an array of shape {shape}, not one of x's shape {x.shape}: f takes "
                "the whole array x, with one element moved by h"
            )
        raise problem from None
    if callable(out):
        raise Problem(f"{what}: your function returned a function (f itself?), not the gradient", what)
    _an_array(out, what, x)
    expected = numerical_gradient(f, x.copy())
    arr = _floats(out)
    if arr is not None and arr.shape == () and x.shape != ():
        raise Problem(
            f"{what}: your function returned one number, {_fmt(arr)}; the gradient has one slope per element of x: "
            f"an array of x's shape {x.shape}",
            what,
        )
    first = np.zeros_like(expected)
    first[0] = expected[0]
    slips = {
        "that is the forward difference (f(x+h) − f(x)) / h in each element; the central one uses x+h and "
        "x−h": _forward_gradient(f, x),
        "only the first slope is filled in, the others are still 0: is `return` inside the loop over the "
        "elements?": first,
        "that is twice each slope: the central difference divides by 2h, the distance from x−h to x+h": 2
        * expected,
        "that is (f(x+h) − f(x−h)) / 2 · h in each element: without brackets, `/ 2*h` divides by 2, then "
        "multiplies by h; divide by the product 2h": expected * H * H,
        "every slope has the wrong sign: the difference is f(x+h) − f(x−h), the value at the right minus the "
        "value at the left": -expected,
        "every element holds the same slope, that of moving all coordinates at once (x + h moves every "
        "coordinate): move one coordinate at a time, the others held fixed": np.full(x.shape, expected.sum()),
        "each slope after the first is taken with the earlier coordinates still moved by −h (never put "
        "back): restore each coordinate after its two calls of f, in a working copy too": _left_moved(f, x),
    }
    if f is not _function_2:
        slips[
            "that is the gradient of x0² + x1² + ... (function_2), not of the f it was given: use the parameter f"
        ] = 2 * x
    close = (
        arr is not None and arr.shape == expected.shape and np.allclose(arr, expected, rtol=RTOL, atol=1e-9)
    )
    if arr is not None and arr.shape == expected.shape and not close:
        if not np.any(arr) and np.any(expected):
            _called(noted, x, what)
        _explain(func, f, x, arr, out, expected, slips, noted, what, 1e-9)
    _compare(out, expected, what, rtol=RTOL, atol=1e-9)


@check("numerical gradient")
def check_numerical_gradient(func) -> str:
    """Check ``func(f, x)`` for a 1-D float array x: an array of x's shape holding the central difference
    (h = 1e-4) of f in each element, with x unchanged afterwards.

    Book §4.4; notebook 06.

    >>> import numpy as np
    >>> check_numerical_gradient(lambda f, x: np.array([(f(x + 1e-4) - f(x - 1e-4)) / 2e-4]))
    ✗ numerical gradient: function_2 at x = [3.0, 4.0] (exact gradient [6, 8]): the result has shape (1,), expected (2,)
    False
    """
    for point, exact in (([3.0, 4.0], "[6, 8]"), ([0.0, 2.0], "[0, 4]"), ([3.0, 0.0], "[6, 0]")):
        x = np.array(point)
        what = f"function_2 at x = [{point[0]}, {point[1]}] (exact gradient {exact})"
        _gradient_case(func, _function_2, "function_2", x, what)
    f, a, b = _quadratic(5, seed=62)
    x = np.round(np.random.default_rng(63).normal(size=5), 2)
    what = f"f(x) = ½ xᵀAx + b·x in 5 variables (random A and b) at x = {_fmt(x)} (exact gradient {_fmt(a @ x + b)})"
    _gradient_case(func, f, "f", x, what)
    x = np.array([0.83, -1.27, 0.46])  # a function that is no quadratic: a too large h shows here
    exact = np.array([np.cos(x[0]) + x[1], x[0], np.exp(x[2] / 2) / 2])
    what = f"f(x) = sin x0 + x0·x1 + e^(x2/2) at x = {_fmt(x)} (exact gradient {_fmt(exact)})"
    _gradient_case(func, _curved, "f", x, what)
    return (
        "the book's function_2 at (3, 4), (0, 2) and (3, 0), a random quadratic in 5 variables, a function of "
        "3 variables with sin and exp, each element within 1e-7 of the central difference with h = 1e-4; x "
        "unchanged afterwards"
    )


def _curved(x):
    x = np.asarray(x)
    return np.sin(x[0]) + x[0] * x[1] + np.exp(x[2] / 2)


# ---- one step of gradient descent --------------------------------------------------------------------


def _step_case(func, f, name: str, x, lr: float, what: str) -> None:
    noted = _Noted(f, name)
    try:
        out = _run(func, noted, x, (lr,), what)
    except ChangedInput as problem:
        raise _restored(func, f, x, (lr,), what, problem) from None
    except Raised as problem:
        if isinstance(problem.error, TypeError) and "sequence" in str(problem.error):
            problem.instead(
                "a list times a number repeats the list (or fails): the gradient must be a NumPy array, for "
                "lr times it to multiply each element"
            )
        raise problem from None
    if callable(out):
        raise Problem(f"{what}: your function returned a function (f itself?), not the new point", what)
    _an_array(out, what, x)
    g = numerical_gradient(f, x.copy())
    expected = x - lr * g
    slips = {
        "that walks uphill, x + lr·∇f(x): the gradient points where f grows fastest, and a descent step goes "
        "against it (minus)": x + lr * g,
        "that is x − ∇f(x), without the learning rate: the step is lr times the gradient": x - g,
        "that is the gradient ∇f(x) itself; the function returns the new point, x − lr·∇f(x)": g,
        "that is the step lr·∇f(x) alone; the new point is x minus it": lr * g,
        "that is the step −lr·∇f(x) alone; the new point is x plus it": -lr * g,
        "that is x itself, unchanged: the new point is x − lr·∇f(x)": x,
        "that is lr·∇f(x) − x, the new point with every sign flipped: it is x − lr·∇f(x)": lr * g - x,
        "that divides the gradient by lr; the step multiplies it by lr, x − lr·∇f(x)": x - g / lr,
    }
    if lr != 0.1:
        slips["that uses lr = 0.1, not the lr it was given: use the parameter lr"] = x - 0.1 * g
    if f is not _function_2:
        slips["that uses the gradient of function_2 (x0² + x1² + ...), not of the f it was given"] = (
            x - lr * 2 * x
        )
    arr = _floats(out)
    if arr is not None and arr.shape == x.shape and not np.allclose(arr, expected, rtol=RTOL, atol=1e-9):
        _name_slip(arr, expected, slips, what, RTOL, 1e-9)
        steps = _many_steps(f, x, lr, arr)
        if steps:
            raise WrongValue(
                what,
                f"gives {_fmt(arr)}: that is {steps} steps of gradient descent; the exercise asks for one step",
            )
        _called(noted, x, what)
        _ignores_x(func, f, x, (lr,), out, what)
        _where_f_went(noted, x, what)
    _compare(out, expected, what, rtol=RTOL, atol=1e-9)


def _many_steps(f, x, lr: float, arr, most: int = 100) -> int:
    """How many steps of gradient descent from x give ``arr`` (2 to ``most``), or 0 if none does."""
    point = x.copy()
    with np.errstate(all="ignore"):
        for k in range(1, most + 1):
            point = point - lr * numerical_gradient(f, point)
            if k > 1 and np.allclose(arr, point, rtol=1e-6, atol=1e-15):
                return k
            if not np.all(np.isfinite(point)):
                return 0
    return 0


@check("one gradient-descent step")
def check_gradient_step(func) -> str:
    """Check ``func(f, x, lr)``: one step of gradient descent, the new point x − lr·∇f(x) as a new array,
    with x unchanged.

    Book §4.4.1; notebook 06.

    >>> from nbhelpers.gradient import numerical_gradient
    >>> check_gradient_step(lambda f, x, lr: x + lr * numerical_gradient(f, x))
    ✗ one gradient-descent step: function_2 from x = [-3.0, 4.0] with lr = 0.1: gives [-3.6, 4.8]: that walks uphill, x + lr·∇f(x): the gradient points where f grows fastest, and a descent step goes against it (minus)
    False
    """
    _step_case(
        func,
        _function_2,
        "function_2",
        np.array([-3.0, 4.0]),
        0.1,
        "function_2 from x = [-3.0, 4.0] with lr = 0.1",
    )
    f, _, _ = _quadratic(4, seed=64)
    x = np.round(np.random.default_rng(65).normal(size=4), 2)
    what = f"f(x) = ½ xᵀAx + b·x in 4 variables (random A and b) from x = {_fmt(x)} with lr = 0.037"
    _step_case(func, f, "f", x, 0.037, what)
    return (
        "the book's function_2 from (−3, 4) with lr = 0.1, a random quadratic in 4 variables with lr = 0.037, "
        "each new point within 1e-7 of x − lr·∇f(x); x unchanged afterwards"
    )
