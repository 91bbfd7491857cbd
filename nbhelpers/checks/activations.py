"""Notebook 02's exercises: the step function and the sigmoid, element by element on arrays."""

from __future__ import annotations

import numpy as np

from ..activations import sigmoid, step_function
from ._engine import Problem, _call, _compare, _fmt, _numbers, check

__all__ = ["check_step_function", "check_sigmoid"]


def _step(out, x, what: str) -> None:
    """Compare a step function's result for ``x``, naming the usual slips."""
    slips = {
        "that is the input itself, unchanged: the step turns each value into 1 (above 0) or 0": x,
        "at 0 the step is 0 (only values above 0 give 1): use > rather than >=": (x >= 0).astype(float),
        "np.sign gives −1 for negative values, but the step gives 0 there": np.sign(x),
    }
    _compare(out, step_function(x), what, rtol=0, atol=0, slips=slips)


@check("step_function")
def check_step_function(func) -> str:
    """Check a step function: h(x) = 1 for x > 0, else 0, element by element, as numbers.

    Book §3.2.2; notebook 02.

    >>> check_step_function(lambda x: x > 0)
    ✗ step_function: step_function([-1.0, 0.0, 2.0]) returned True/False values; the next layer multiplies them by weights, so turn them into numbers 0 and 1
    False
    """
    x = np.array([-1.0, 0.0, 2.0])
    out = _call(func, x, what="step_function([-1.0, 0.0, 2.0])")
    arr = _numbers(out)
    if arr is not None and arr.dtype == bool:
        raise Problem(
            "step_function([-1.0, 0.0, 2.0]) returned True/False values; the next layer multiplies them by "
            "weights, so turn them into numbers 0 and 1"
        )
    _step(out, x, "step_function([-1.0, 0.0, 2.0])")
    batch = np.array([[-0.5, 3.0], [0.0, 1e-9]])
    _step(_call(func, batch, what="a 2 × 2 array"), batch, "a 2 × 2 array")
    big = np.linspace(-5, 5, 11)
    _step(_call(func, big, what="np.linspace(-5, 5, 11)"), big, "np.linspace(-5, 5, 11)")
    noise = np.random.default_rng(2).normal(0.0, 3.0, (2, 3, 4))  # values your code cannot know in advance
    what = "random values, shape (2, 3, 4)"
    _step(_call(func, noise, what=what), noise, what)
    return (
        "values on both sides of 0 and at 0 itself, arrays of 1, 2 and 3 axes, numbers rather than True/False"
    )


def _sigmoid(out, x, what: str) -> None:
    """Compare a sigmoid's result for ``x``, naming the usual slips. Values are right to 1e-12 relative or
    1e-15 absolute: a sigmoid written with tanh, 0.5 (1 + tanh(x/2)), loses digits of values below 1e-15."""
    slips = {
        "right for x ≥ 0, but every negative x gives the value of |x|: for x < 0 use e^x / (1 + e^x)": sigmoid(
            np.abs(x)
        ),
        "that is the step function; the sigmoid is the smooth curve 1 / (1 + e^-x)": step_function(x),
        "that is tanh, which goes from −1 to 1; the sigmoid goes from 0 to 1: 1 / (1 + e^-x)": np.tanh(x),
        "that is the input itself, unchanged": x,
    }
    arr = _numbers(out)
    if arr is not None and arr.shape == x.shape and arr.dtype.kind == "f" and np.all(np.isfinite(arr)):
        wrong = ~np.isclose(arr, sigmoid(x), rtol=1e-12, atol=1e-15)
        if (
            wrong.any()
            and np.all(np.abs(x[wrong]) >= 15)
            and np.allclose(arr[np.abs(x) < 15], sigmoid(x[np.abs(x) < 15]))
        ):
            k = tuple(int(i) for i in np.argwhere(wrong)[0])
            raise Problem(
                f"{what}: right for small x, but wrong for large |x|: at x = {x[k]:g} it gives {arr[k]:.6g}, "
                f"the sigmoid is {sigmoid(x[k]):.6g}. Is x clipped to a range that is too narrow (the curve "
                "still changes far out: e^-30 ≈ 9.4e-14), or does a step lose precision there?"
            )
    _compare(out, sigmoid(x), what, rtol=1e-12, atol=1e-15, slips=slips)


@check("sigmoid")
def check_sigmoid(func) -> str:
    """Check a sigmoid, h(x) = 1 / (1 + e^-x): right values, and no overflow warning at x = -1000.

    Book §3.2.4; notebook 02.

    >>> check_sigmoid(lambda x: x / 2)
    ✗ sigmoid: sigmoid([-2, -1, 0, 1, 2]): wrong value at position 0: expected 0.119203, got -1
      expected [0.119203, 0.268941, 0.5, 0.731059, 0.880797]
      got      [-1, -0.5, 0, 0.5, 1]
    False
    """
    x = np.array([-2.0, -1.0, 0.0, 1.0, 2.0])
    what = "sigmoid([-2, -1, 0, 1, 2])"
    out = _call(func, x, what=what)
    arr = _numbers(out)
    if (
        arr is not None
        and arr.shape == x.shape
        and arr.dtype.kind == "f"
        and np.allclose(arr, 1 - sigmoid(x))
    ):
        raise Problem(
            f"{what}: gives {_fmt(arr)}, the curve mirrored (falling, not rising): check the sign of the exponent"
        )
    _sigmoid(out, x, what)
    far = np.array([-1000.0, 0.0, 1000.0])
    _sigmoid(_call(func, far, what="sigmoid([-1000, 0, 1000])"), far, "sigmoid([-1000, 0, 1000])")
    batch = np.linspace(-30, 30, 12).reshape(3, 4)
    _sigmoid(_call(func, batch, what="a 3 × 4 array"), batch, "a 3 × 4 array")
    noise = np.random.default_rng(3).normal(0.0, 20.0, (2, 3, 4))  # values your code cannot know in advance
    what = "random values, shape (2, 3, 4)"
    _sigmoid(_call(func, noise, what=what), noise, what)
    return "ordinary values, ±1000 without an overflow warning, arrays of 1, 2 and 3 axes with random values"
