"""Notebook 03's exercises: softmax of one vector of scores, then of a batch, row by row, without overflow."""

from __future__ import annotations

import numpy as np

from ..outputs import softmax
from ._engine import GotNaN, Problem, Warned, _call, _compare, _fmt, _numbers, check

__all__ = ["check_softmax_vector", "check_softmax"]


#: Scores that overflow e^x (above ln(largest float64) = 709.78) unless the LARGEST score is taken off:
#: taking off the smallest, the mean or the first score leaves an exponent above 709.78.
_LARGE = ([1010.0, 1000.0, 990.0], [-1000.0, 1000.0, 995.0, 0.0])

_SUBTRACT_THE_MAX = (
    "\n  e^x is too large for a float above x = 709.78 (float64): subtract the LARGEST score of the vector "
    "first, so that every exponent is 0 or below (subtracting the smallest score, the first one or the mean can leave some above 709.78)"
)


def _vector(a) -> str:
    """A vector as a learner would type it (random ones by their length)."""
    typed = [repr(float(v)) for v in a]
    if max(len(v) for v in typed) > 7:
        return f"softmax of {len(a)} random scores"
    if max(abs(float(v)) for v in typed) >= 100:  # large scores are typed as whole numbers
        typed = [v.removesuffix(".0") for v in typed]
    return f"softmax([{', '.join(typed)}])"


def _scores(func, vectors) -> None:
    """Softmax of each 1-D vector of scores, then of vectors that overflow unless the largest score is
    subtracted first (:data:`_LARGE`)."""
    for a in vectors:
        a = np.array(a)
        out = _call(func, a, what=_vector(a))
        _same_for_another(func, a, out, _vector(a))
        _probabilities(out, a, _vector(a))
    for a in _LARGE:
        a = np.array(a)
        try:
            _probabilities(_call(func, a, what=_vector(a)), a, _vector(a))
        except (Warned, GotNaN) as problem:  # e^1010 overflowed, or inf / inf gave nan
            raise problem.add(_SUBTRACT_THE_MAX) from None


_ONES = (
    "every value is 1: was each score treated as its own vector (a loop over its elements)? For one "
    "example, a 1-D array of shape (n,), softmax works on the whole vector"
)


def _same_for_another(func, a, out, what: str) -> None:
    """If ``out`` is not the softmax of ``a``: does ``func`` give the same for other scores? Then it
    ignores its argument."""
    arr = _numbers(out)
    other = a[::-1] * 0.5 + 1.0
    if (
        arr is None
        or arr.shape != a.shape
        or np.allclose(arr, softmax(a))
        or np.allclose(softmax(a), softmax(other))
        or (arr.size > 1 and np.allclose(arr, 1.0))  # each score taken as a vector: the comparison says so
    ):
        return
    again = _numbers(_call(func, other, what=what))
    if again is not None and again.shape == arr.shape and np.array_equal(again, arr):
        raise Problem(
            f"{what}: gives {_fmt(arr)}, and the same result for other scores: your function does not use the "
            "scores it is given (its parameter), but a variable defined outside it"
        )


def _probabilities(out, a, what: str) -> None:
    """Compare the softmax of one vector ``a``, naming the usual slips."""
    book = np.array([0.3, 2.9, 4.0])
    slips = {
        "the largest score gets the smallest probability: check the sign in the exponent": softmax(-a),
    }
    if a.shape != book.shape or not np.array_equal(a, book):
        slips[
            "those are the probabilities of the book's scores [0.3, 2.9, 4.0], not of the scores it was "
            "given: use the function's parameter, not a variable defined outside it"
        ] = softmax(book)
    arr = _numbers(out)
    if arr is not None and arr.shape == a.shape and arr.dtype.kind == "f" and np.all(np.isfinite(arr)):
        total = float(np.sum(arr, dtype=float))
        if arr.size > 1 and np.allclose(arr, 1.0):
            raise Problem(f"{what}: gives {_fmt(arr)}: {_ONES}")
        if not np.isclose(total, 1.0, rtol=1e-4):
            raise Problem(
                f"{what}: gives {_fmt(arr)}, which adds up to {total:.6g}; probabilities add up to 1: divide "
                "each e^(a_k - c) by the sum of all of them"
            )
    _compare(out, softmax(a), what, condition=np.abs(a).max(), slips=slips)


def _random_vectors():
    """Vectors of scores your code cannot know in advance: 1, 5 and 8 scores."""
    rng = np.random.default_rng(4)
    return [rng.normal(0.0, 3.0, n) for n in (1, 5, 8)]


@check("softmax (one vector)")
def check_softmax_vector(func) -> str:
    """Check a softmax of one vector of scores, y_k = e^(a_k) / Σ_i e^(a_i): right values, no overflow
    for large scores.

    Book §3.5.2; notebook 03.

    >>> import numpy as np
    >>> check_softmax_vector(lambda a: np.exp(a) / np.sum(np.exp(a)))
    ✗ softmax (one vector): softmax([1010, 1000, 990]): NumPy warned "overflow encountered in exp". The result should come without a warning.
      e^x is too large for a float above x = 709.78 (float64): subtract the LARGEST score of the vector first, so that every exponent is 0 or below (subtracting the smallest score, the first one or the mean can leave some above 709.78)
    False
    """
    _scores(func, ([0.3, 2.9, 4.0], [0.0, 0.0], [-3.0, 1.0, -1.0, 2.5], *_random_vectors()))
    return "six vectors of 1 to 8 scores, and scores around ±1000 without overflow"


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
    batch = np.array(
        [
            [0.3, 2.9, 4.0, 1.0],
            [1010.0, 1000.0, 990.0, 1005.0],
            [0.0, 0.0, 0.0, 0.0],
            [-1000.0, 1000.0, 995.0, 0.0],
            [-1.0, 5.0, 2.0, 0.5],
        ]
    )
    what = "a batch of 5 rows of 4 scores"
    one_max = (
        f"{what}: some rows come out wrong. One largest score for the whole batch is too much for the rows "
        "with small scores (e^(4 - 1010) is 0): each row needs its own largest score (np.max with axis and keepdims)"
    )
    try:
        out = _call(func, batch, what=what)
    except Warned as problem:
        if problem.event in ("invalid", "divide"):  # 0 / 0 or x / 0 in the rows whose e^(a - max) are all 0
            raise Problem(one_max, what) from None
        if problem.event == "overflow":
            raise problem.add(_SUBTRACT_THE_MAX.replace("of the vector", "of each row")) from None
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
    _compare(out, softmax(batch), what, condition=1010)
    scores = np.random.default_rng(5).normal(0.0, 4.0, (6, 7))  # scores your code cannot know in advance
    what = "a random batch of 6 rows of 7 scores"
    _compare(_call(func, scores, what=what), softmax(scores), what)
    what = "one row, shape (1, 3)"
    _compare(_call(func, batch[:1, :3], what=what), softmax(batch[:1, :3]), what)
    x32 = batch.astype(np.float32)
    _compare(
        _call(func, x32, what="the batch in float32"),
        softmax(x32),
        "the batch in float32",
        dtype=np.float32,
        condition=1010,  # e^(a - max) of scores near 1000: float32 rounds them to about 1e-4 absolute
    )
    return (
        "the book's example, scores around ±1000 without overflow, batches of 1, 5 and 6 rows row by row, "
        "float32 kept"
    )
