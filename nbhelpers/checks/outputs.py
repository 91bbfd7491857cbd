"""Notebook 03's exercises: softmax of one vector of scores, then of a batch, row by row, without overflow."""

from __future__ import annotations

import numpy as np

from ..outputs import softmax
from ._engine import GotNaN, Problem, Warned, _call, _compare, _numbers, check

__all__ = ["check_softmax_vector", "check_softmax"]


def _scores(func, vectors) -> None:
    """Softmax of each 1-D vector of scores, then of [1010, 1000, 990], which overflows unless the
    largest score is subtracted first."""
    for a in vectors:
        a = np.array(a)
        what = f"softmax([{', '.join(repr(float(v)) for v in a)}])"  # as a learner would type it
        _compare(_call(func, a, what=what), softmax(a), what)
    big = np.array([1010.0, 1000.0, 990.0])
    what = "softmax([1010, 1000, 990])"
    try:
        _compare(_call(func, big, what=what), softmax(big), what)
    except (Warned, GotNaN) as problem:  # e^1010 overflowed, or inf / inf gave nan
        raise problem.add("\n  e^1010 is too large for a float: subtract the largest score first") from None


@check("softmax (one vector)")
def check_softmax_vector(func) -> str:
    """Check a softmax of one vector of scores, y_k = e^(a_k) / Σ_i e^(a_i): right values, no overflow
    for large scores.

    Book §3.5.2; notebook 03.

    >>> import numpy as np
    >>> check_softmax_vector(lambda a: np.exp(a) / np.sum(np.exp(a)))
    ✗ softmax (one vector): softmax([1010, 1000, 990]): NumPy warned "overflow encountered in exp". The result should come without a warning.
      e^1010 is too large for a float: subtract the largest score first
    False
    """
    _scores(func, ([0.3, 2.9, 4.0], [0.0, 0.0], [-3.0, 1.0, -1.0, 2.5]))
    return "three vectors of scores, and scores around 1000 without overflow"


@check("softmax (batch)")
def check_softmax(func) -> str:
    """Check a softmax for a batch of score vectors, one per row: probabilities per row, no overflow,
    float32 kept.

    Book §3.5.2 (batch: §3.6.3); notebook 03.

    >>> check_softmax(lambda a: a / a.sum())
    ✗ softmax (batch): softmax([0.3, 2.9, 4.0]): wrong value at position 0: expected 0.0182113, got 0.0416667
      expected [0.0182113, 0.245192, 0.736597]
      got      [0.0416667, 0.402778, 0.555556]
    False
    """
    _scores(func, ([0.3, 2.9, 4.0],))
    batch = np.array([[0.3, 2.9, 4.0], [1010.0, 1000.0, 990.0], [0.0, 0.0, 0.0], [-1.0, 5.0, 2.0]])
    what = "a batch of 4 rows of 3 scores"
    one_max = (
        f"{what}: some rows come out wrong. One largest score for the whole batch is too much for the rows "
        "with small scores (e^(4 - 1010) is 0): each row needs its own largest score (np.max with axis and keepdims)"
    )
    try:
        out = _call(func, batch, what=what)
    except Warned as problem:
        if problem.event in ("invalid", "divide"):  # 0 / 0 or x / 0 in the rows whose e^(a - max) are all 0
            raise Problem(one_max, what) from None
        raise
    arr = _numbers(out)
    arr = arr.astype(float) if arr is not None else None
    if arr is not None and arr.shape == batch.shape and not np.allclose(arr.sum(axis=1), 1.0):
        if np.allclose(arr.sum(axis=0), 1.0):
            raise Problem(
                f"{what}: your columns each sum to 1, the rows do not. Each row is one example: softmax must "
                "work along each row (the last axis), not down the columns"
            )
        if np.isclose(arr.sum(), 1.0):
            raise Problem(
                f"{what}: the whole batch sums to 1, but each row should: the sum at the bottom of the "
                "fraction is each row's own sum"
            )
        if np.isnan(arr).any() or np.allclose(arr[1], softmax(batch[1])):
            raise Problem(one_max)
    _compare(out, softmax(batch), what)
    x32 = batch.astype(np.float32)
    _compare(
        _call(func, x32, what="the batch in float32"),
        softmax(x32),
        "the batch in float32",
        rtol=1e-5,
        dtype=np.float32,
    )
    return "the book's example, scores around 1000 without overflow, a batch row by row, float32 kept"
