"""Notebook 02's exercises: the step function and the sigmoid, element by element on arrays."""

from __future__ import annotations

import numpy as np

from ..activations import sigmoid, step_function
from ._engine import Problem, _call, _compare, _fmt, _numbers, check

__all__ = ["check_step_function", "check_sigmoid"]


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
    _compare(out, [0.0, 0.0, 1.0], "step_function([-1.0, 0.0, 2.0])", rtol=0, atol=0)
    batch = np.array([[-0.5, 3.0], [0.0, 1e-9]])
    _compare(_call(func, batch, what="a 2 × 2 array"), step_function(batch), "a 2 × 2 array", rtol=0, atol=0)
    big = np.linspace(-5, 5, 11)
    _compare(
        _call(func, big, what="np.linspace(-5, 5, 11)"),
        step_function(big),
        "np.linspace(-5, 5, 11)",
        rtol=0,
        atol=0,
    )
    return "values on both sides of 0 and at 0 itself, a 2 × 2 array, numbers rather than True/False"


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
    _compare(out, sigmoid(x), what, rtol=1e-12)
    far = np.array([-1000.0, 0.0, 1000.0])
    _compare(
        _call(func, far, what="sigmoid([-1000, 0, 1000])"),
        sigmoid(far),
        "sigmoid([-1000, 0, 1000])",
        atol=1e-100,  # e.g. clipping x to ±500 gives 7e-218 for the true 0: fine
    )
    batch = np.linspace(-30, 30, 12).reshape(3, 4)
    _compare(_call(func, batch, what="a 3 × 4 array"), sigmoid(batch), "a 3 × 4 array", rtol=1e-12)
    return "ordinary values, ±1000 without an overflow warning, a 3 × 4 array"
