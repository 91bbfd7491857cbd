"""Notebook 06's exercise on losses: the cross-entropy error of a batch whose right answers are labels."""

from __future__ import annotations

import numpy as np

from ..losses import cross_entropy_error
from ._engine import (
    GotNaN,
    Problem,
    Raised,
    Warned,
    WrongValue,
    _call,
    _compare,
    _fmt,
    _one_number,
    _tolerance,
    check,
)

__all__ = ["check_cross_entropy_error"]

DELTA = 1e-7  #: the book's small delta, inside the log

#: The book's two examples (§4.2.2): the right digit is 2; the network is sure of 2, then of 7.
_BOOK = np.array(
    [
        [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0],
        [0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0],
    ]
)
_BOOK_LOSSES = (0.510825457099338, 2.302584092994546)  # -log(0.6 + 1e-7), -log(0.1 + 1e-7)

_ZERO_LOG = (
    "log 0 is −∞: the small delta (1e-7) added to the probability inside the log keeps it finite, "
    "−log(0 + 1e-7) ≈ 16.118"
)


def _slips(y, t) -> list[tuple[str, list[float]]]:
    """The usual mistakes with the results they give for (y, t), with and without the delta (a result
    that is a slip either way is named)."""
    n, c = y.shape
    out: dict[str, list[float]] = {}
    for delta in (DELTA, 0.0):
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            logs = np.log(np.asarray(y, dtype=float) + delta)  # (N, C)
            picked = logs[np.arange(n), t]
            every = logs[:, t]  # y[:, t]: (N, N)
            found = {
                f"that is the sum over the batch, {n} times the average: the loss of a batch is the average of its "
                "examples' losses (divide by the number of examples, the rows of y)": [-picked.sum()]
                if n > 1
                else [],
                f"that divides by the number of classes ({c}, the columns of y), not by the number of examples "
                f"({n}, the rows)": [-picked.sum() / c] if c != n else [],
                "the loss is negative: the log of a probability (at most 1) is 0 or below, so the cross-entropy "
                "has a minus sign in front, E = −log(...)": [picked.mean()],
                "that uses log base 10 (np.log10); the cross-entropy uses the natural log, np.log": [
                    -picked.mean() / np.log(10)
                ],
                "that uses log base 2; the cross-entropy uses the natural log, np.log": [
                    -picked.mean() / np.log(2)
                ],
                "that takes the log of every probability in the row (−Σ log y over all classes); only each row's "
                "probability of its right class counts, y[n, t[n]]": [
                    -logs.sum() / n,
                    -logs.sum(),
                    -logs.mean(),
                ],
                "that uses each row's largest probability; the loss takes each row's probability of its right "
                "class t[n], whichever probability is the largest": [
                    -np.log(np.max(y, axis=1) + delta).mean()
                ],
                f"that averages over all {n} × {c} entries; the average is over the {n} examples (rows) only": [
                    -picked.sum() / (n * c)
                ],
                "y[:, t] takes the column of every label in every row (an N × N matrix); each row needs only its "
                "own label's column: index with the row numbers 0, 1, ..., N−1 and the labels t together": [
                    -every.sum() / n,
                    -every.mean(),
                    -every.sum(),
                ]
                if n > 1
                else [],
            }
            if c == n or n == 1:  # t * log(y) broadcasts: the label numbers multiply the log-probabilities
                product = np.asarray(t, dtype=float) * logs
                found[
                    f"t holds the right labels as integers (here {_fmt(t)}), not one-hot rows: t * log(y) "
                    "multiplies log-probabilities by the label numbers; take each row's probability of its "
                    "right class instead"
                ] = [-product.sum() / n, -product.sum()]
        for name, values in found.items():
            out.setdefault(name, []).extend(v for v in values if np.isfinite(v))
    return list(out.items())


def _delta_slips(number: float, y, t, what: str) -> None:
    """Name a float64 loss that has the small delta elsewhere than inside the log, or another delta."""
    right = np.asarray(y, dtype=float)[np.arange(len(t)), t]
    with np.errstate(divide="ignore", invalid="ignore"):
        bare = float(np.mean(-np.log(right)))
        subtracted = float(np.mean(-np.log(right - DELTA)))
    slips = {
        "that is −log(y[n, t[n]]) without the small delta; the loss is −log(y[n, t[n]] + 1e-7), with the delta "
        "inside the log (it changes every term a little, and keeps log 0 away)": [bare],
        "the small delta is added outside the log; it belongs inside, added to the probability: "
        "−log(y[n, t[n]] + 1e-7)": [bare - DELTA, bare + DELTA],
        "the small delta is subtracted from the probability; it is added, y[n, t[n]] + 1e-7": [subtracted],
    }
    for slip, values in slips.items():
        if any(np.isfinite(v) and np.isclose(number, v, rtol=1e-8, atol=0) for v in values):
            raise WrongValue(what, f"gives {_fmt(number)}: {slip}")
    if len(t) == 1 and np.isfinite(number) and number < 700:
        other = float(np.exp(-number) - right[0])  # the delta that gives this loss
        if 1e-12 < other < 0.1 and not 0.9 < other / DELTA < 1.1:
            raise WrongValue(
                what,
                f"gives {_fmt(number)}, which is −log(y[n, t[n]] + {other:.2g}): the small delta is 1e-7",
            )


def _one_loss(out, what: str, n: int) -> np.ndarray:
    """The learner's loss of a batch of n examples as one number, or the problem with it."""

    def why(shape) -> str:
        if shape == (n,):
            return ", one loss per example: average them into one number"
        if shape == (n, n) and n > 1:
            return (
                ". y[:, t] takes the column of every label in every row (an N × N matrix); each row needs only "
                "its own label's column: index with the row numbers 0, 1, ..., N−1 and the labels t together"
            )
        return ""

    return _one_number(out, what, "the loss of a batch", why).reshape(())


def _other(y, t):
    """Another batch of y's shape, with other probabilities and labels."""
    return np.ascontiguousarray(y[::-1, ::-1]), ((np.asarray(t) + 1) % y.shape[1]).astype(np.asarray(t).dtype)


def _case(func, y, t, what: str, *, book: bool = False) -> None:
    """Run ``func(y, t)`` and judge its loss, naming the usual slips."""
    n = y.shape[0]
    zero = bool(np.any(np.asarray(y)[np.arange(n), t] == 0))  # a right class with probability 0
    try:
        out = _call(func, y, t, what=what)
    except Warned as problem:
        if problem.event in ("divide", "invalid"):  # log(0), then maybe 0 * -inf
            if zero:
                raise problem.add(
                    f"\n  Here a right class has probability exactly 0, and {_ZERO_LOG}"
                ) from None
            raise problem.add(
                "\n  The right classes' probabilities are not 0 here, but others in y are: log 0 is −∞. "
                "Only each row's probability of its right class, y[n, t[n]], enters the loss; and the small "
                "delta (1e-7) added inside the log keeps log 0 away"
            ) from None
        raise
    except Raised as problem:
        text = str(problem.error)
        if "broadcast" in text and f"({n},)" in text:
            problem.instead(
                f"t holds the right labels as integers, shape ({n},), not one-hot rows of y's shape {y.shape}: "
                "t * log(y) does not fit; take each row's probability of its right class instead"
            )
        elif "dimension 1" in text:
            problem.instead(
                f"Here t holds one label per row, the right class itself (shape ({n},)), not one-hot rows: "
                "it has a single axis"
            )
        raise problem from None
    value = _one_loss(out, what, n)
    exact = cross_entropy_error(np.asarray(y, dtype=float), t)  # in float64, from y's own values
    expected = np.asarray(exact, dtype=np.asarray(y).dtype)  # its dtype sets the tolerance
    number = float(value)
    if zero and not np.isfinite(number):
        raise Problem(
            f"{what}: got {_fmt(number)}. A right class has probability exactly 0 here: {_ZERO_LOG}"
        )
    if not np.isfinite(number) and not np.isnan(number):
        raise WrongValue(
            what,
            f"expected {_fmt(exact)}, got {_fmt(number)}: somewhere the log of a probability 0 (log 0 = −∞). "
            "Only each row's probability of its right class, y[n, t[n]], enters the loss; and the small delta "
            "(1e-7) inside the log keeps log 0 away",
        )
    precisions = [d for d in (value.dtype, expected.dtype) if d.kind == "f"]
    rtol = _tolerance(max(precisions, key=lambda d: np.finfo(d).eps)) if precisions else 1e-7
    if np.isclose(number, exact, rtol=rtol, atol=0):
        return
    if rtol < 1e-6:  # float64: the delta changes the loss by about 1e-7 / y[n, t[n]], visibly
        _delta_slips(number, y, t, what)
    slips = _slips(y, t)
    if not book:
        book_values = [*_BOOK_LOSSES, float(np.mean(_BOOK_LOSSES))]
        slips.append(
            (
                "that is a loss of the book's example (digit 2), not of the y and t it was given: use the "
                "function's parameters y and t, not variables defined outside it",
                book_values,
            )
        )
    for name, values in slips:
        for v in values:
            if not np.isclose(v, exact, rtol=rtol, atol=0) and np.isclose(
                number, v, rtol=max(rtol, 1e-6), atol=0
            ):
                raise WrongValue(what, f"gives {_fmt(number)}: {name}")
    if np.isfinite(number):
        y2, t2 = _other(y, t)
        again = _one_loss(_call(func, y2, t2, what=what), what, n)
        if float(again) == number and not np.isclose(cross_entropy_error(y2.astype(float), t2), exact):
            raise Problem(
                f"{what}: gives {_fmt(number)}, and the same for another batch: your function does not use the "
                "y and t it is given (its parameters), but variables defined outside it",
                what,
            )
    if zero and np.isfinite(number):
        raise WrongValue(
            what,
            f"expected {_fmt(exact)}, got {_fmt(number)}. A right class has probability exactly 0 here, and its "
            "loss is −log(0 + 1e-7) ≈ 16.118: is your small delta 1e-7, added to the probability inside the log?",
        )
    try:
        _compare(value, expected, what, rtol=rtol)
    except GotNaN:
        raise WrongValue(what, f"expected {_fmt(exact)}, got nan (not a number)") from None


def _random_batch():
    """7 rows of 5 probabilities (each row sums to 1) and 7 labels, uint8 like load_mnist's: a batch your
    code cannot know in advance."""
    rng = np.random.default_rng(60)
    y = rng.dirichlet(np.ones(5), size=7)
    t = rng.permutation(np.arange(7) % 5).astype(np.uint8)
    return y, t


@check("cross-entropy error (batch)")
def check_cross_entropy_error(func) -> str:
    """Check ``func(y, t)``: the cross-entropy error of a batch, y of shape (N, C) (probabilities) and t
    the right labels as integers, shape (N,): one number, the average over the rows of
    −log(y[n, t[n]] + 1e-7).

    Book §4.2.4; notebook 06.

    >>> import numpy as np
    >>> check_cross_entropy_error(lambda y, t: -np.sum(np.log(y[np.arange(len(t)), t] + 1e-7)))
    ✗ cross-entropy error (batch): a random batch of 7 rows of 5 probabilities: gives 13.0056: that is the sum over the batch, 7 times the average: the loss of a batch is the average of its examples' losses (divide by the number of examples, the rows of y)
    False
    """
    book = _BOOK[:1]
    _case(
        func,
        book.copy(),
        np.array([2]),
        "the book's example as a batch of 1 (y = [[0.1, 0.05, 0.6, 0.0, ...]], t = [2])",
        book=True,
    )
    y, t = _random_batch()
    _case(func, y, t, "a random batch of 7 rows of 5 probabilities")
    _case(
        func, _BOOK.copy(), np.array([2, 2]), "the book's two examples as a batch of 2, t = [2, 2]", book=True
    )
    zero = np.array([[0.0, 0.3, 0.6, 0.1], [0.25, 0.5, 0.25, 0.0], [0.1, 0.1, 0.7, 0.1]])
    _case(
        func,
        zero,
        np.array([0, 1, 2]),
        "a batch of 3 whose row 0 has probability 0 at its right class (t = [0, 1, 2])",
    )
    _case(func, y.astype(np.float32), t, "the random batch in float32")
    return (
        "the book's example as a batch of 1 and its two examples as a batch of 2, a random batch of 7 rows of "
        "5 classes with uint8 labels, a right class of probability 0 (−log(1e-7), no warning), float32 "
        "probabilities"
    )
