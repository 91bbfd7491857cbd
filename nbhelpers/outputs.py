"""Output-layer functions σ: the identity (regression) and softmax (classification).

σ is the book's name for the output layer's activation (many other texts use σ for the sigmoid).
``identity_function`` takes a number, a (nested) list or an array; ``softmax`` a list or an array
with at least one score (a single number raises a ``ValueError``). Both return a NumPy array of the
same shape; a float array keeps its dtype (float32 stays float32), integers and booleans become
float64, and text or complex numbers raise a ``TypeError`` that names the argument.
"""

from __future__ import annotations

import operator

import numpy as np

from ._arrays import as_float_array

__all__ = ["identity_function", "softmax", "OUTPUT_LABELS"]


def identity_function(x):
    r"""Identity function: :math:`\sigma(x) = x`, the output activation for regression.

    The output layer passes its weighted sums on unchanged. Same shape (and, for a float array,
    the same array) in and out.

    Book §3.5.1; notebook 03.

    >>> identity_function([0.3, -2.9, 4.0])
    array([ 0.3, -2.9,  4. ])
    """
    return as_float_array(x)


def _check_axis(axis, ndim: int) -> int:
    try:
        axis = operator.index(axis)  # an int (or NumPy integer), not 1.0 or None
    except TypeError:
        raise TypeError(f"axis must be an integer, got {type(axis).__name__} {axis!r}") from None
    if not -ndim <= axis < ndim:
        raise ValueError(
            f"axis {axis} is out of range for x with {ndim} dimension{'s' if ndim != 1 else ''} "
            f"(use an axis from {-ndim} to {ndim - 1})"
        )
    return axis % ndim


def softmax(x, axis=-1):
    r"""Softmax: :math:`y_k = \dfrac{e^{a_k}}{\sum_{i=1}^{n} e^{a_i}}`, scores in, probabilities out.

    Every :math:`y_k` lies in [0, 1] and, up to rounding, they sum to 1 along ``axis`` (by default the
    last one: for a batch of shape (N, K), each of the N rows is one example's K scores). The largest
    score is subtracted first, :math:`y_k = e^{a_k - C} / \sum_i e^{a_i - C}` with :math:`C = \max_i a_i`,
    which gives the same result (up to rounding) but never overflows: every exponent is ≤ 0. Order is
    kept: a larger score never gets a smaller probability (an equal one only where rounding cannot tell
    the two apart), so the largest score gets the largest probability. Same shape in and out.

    Infinite scores follow the limits: a score of −inf gets probability 0 (a row of only −inf scores
    shares it equally), and the +inf scores of a row share it all. A row holding NaN gives NaN. Each
    row's result is the same, bit for bit, whether it is computed alone or in a batch, along any axis.

    Book §3.5.1–3.5.2; notebook 03.

    >>> softmax([0.3, 2.9, 4.0])
    array([0.01821127, 0.24519181, 0.73659691])
    >>> softmax([[1010.0, 1000.0, 990.0], [0.0, 0.0, 0.0]])
    array([[9.99954600e-01, 4.53978686e-05, 2.06106005e-09],
           [3.33333333e-01, 3.33333333e-01, 3.33333333e-01]])
    """
    a = as_float_array(x)
    if a.ndim == 0:
        raise ValueError(
            f"softmax needs a vector of scores (one per class), got the single number {a.item()!r}; "
            "pass a list or array such as [0.3, 2.9, 4.0]"
        )
    given, axis = axis, _check_axis(axis, a.ndim)
    if a.shape[axis] == 0:
        raise ValueError(
            f"softmax needs at least one score along axis {given}, but x has shape {a.shape}: "
            "there is nothing to turn into probabilities"
        )
    # Work along the last axis of a C-ordered array (a copy only when x is not already laid out so):
    # then every row is added up in the same order as that row alone, whatever the axis or layout, and
    # a batch gives bit for bit the results of its rows. float16 is computed in float32, rounded at the end.
    last = axis == a.ndim - 1
    work = np.ascontiguousarray(
        a if last else np.moveaxis(a, axis, -1), dtype=np.float32 if a.dtype == np.float16 else a.dtype
    )
    c = np.max(work, axis=-1, keepdims=True)  # C: the largest score of each row
    if np.all(np.isfinite(c)):  # the usual case: one subtraction, all exponents <= 0
        with np.errstate(over="ignore"):  # -1e308 - 1e308 = -inf, and exp(-inf) = 0 is right
            shifted = work - c
    else:  # a row with ±inf (or NaN): subtract only where a != C, so inf - inf never occurs
        shifted = np.zeros_like(work)
        with np.errstate(over="ignore"):
            np.subtract(work, c, out=shifted, where=work != c)
    e = np.exp(shifted, out=shifted)
    e /= np.sum(e, axis=-1, keepdims=True)  # the sum is >= 1: the largest score gives e^0 = 1
    e = e.astype(a.dtype, copy=False)
    return e if last else np.moveaxis(e, -1, axis)


#: How each output activation is named for people (figures, menus, tables).
OUTPUT_LABELS = {"identity": "identity", "softmax": "softmax"}
