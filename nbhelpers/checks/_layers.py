"""What the layer checks of notebook 08 share: making a layer of the learner's class and calling its methods
(a skeleton's ``...`` is "not done yet", not a mistake), and what a wrong shape or a usual slip means.
"""

from __future__ import annotations

import dis
import re

import numpy as np

from ..outputs import softmax
from ._engine import NotDone, Problem, Raised, ReturnedNone, WrongDtype, _call, _fmt, _numbers

_NOTHING = {"RESUME", "NOP", "LOAD_CONST", "RETURN_VALUE", "RETURN_CONST", "CACHE"}


def _empty(func) -> bool:
    """True if ``func`` does nothing but return None (a body of ``...``, ``pass``, a docstring): a skeleton."""
    try:
        return all(
            i.opname in _NOTHING and (i.opname not in ("LOAD_CONST", "RETURN_CONST") or i.argval is None)
            for i in dis.get_instructions(func.__code__)
        )
    except Exception:  # no code of its own (a builtin, an object): not a skeleton
        return False


def _attr(obj, name: str):
    try:
        return getattr(obj, name, None)
    except Exception:  # a learner's object whose attributes raise
        return None


def _done(out, name: str):
    """``out``, what the learner's code returned; NotDone naming ``name`` if it holds the skeleton's ``...``."""
    if out is Ellipsis or (isinstance(out, (tuple, list)) and any(v is Ellipsis for v in out)):
        raise NotDone(name)
    return out


def _make(cls, args: tuple, what: str):
    """A layer made by the learner's class, with forward and backward methods, or the problem with it."""
    layer = _call(cls, *args, what=what)
    missing = [m for m in ("forward", "backward") if not callable(_attr(layer, m))]
    if missing and isinstance(cls, type):
        raise Problem(
            f"{what}: your class {cls.__name__} has no {missing[0]} method: define it inside the class (indented "
            f"under `class {cls.__name__}:`), with self as its first parameter",
            what,
        )
    if missing:
        raise Problem(
            f"{what} gave {_fmt(layer)} ({type(layer).__name__}), not a layer with forward and backward: pass "
            "your class itself",
            what,
        )
    return layer


def _run(layer, method: str, *args, what: str):
    """``layer.<method>(*args)`` on copies of ``args``, or NotDone if the method is still the skeleton."""
    func = _attr(layer, method)
    try:
        return _done(_call(func, *args, what=what), method)
    except ReturnedNone:
        if _empty(func):
            raise NotDone(method) from None
        raise Problem(f"{what}: your {method} returned None. Did you forget `return`?", what) from None
    except Raised as problem:
        if isinstance(problem.error, TypeError) and "positional argument" in str(problem.error):
            problem.instead("a method's first parameter is self (the layer itself), then its inputs")
        raise problem from None


def _is(got, result) -> bool:
    """True if ``got`` is numbers of ``result``'s shape and close to it (for naming a slip)."""
    arr, result = _numbers(got), np.asarray(result)
    return (
        arr is not None
        and arr.shape == result.shape
        and bool(np.allclose(arr, result, rtol=1e-6, atol=1e-12))
    )


def _same_dtype(got, expected, what: str) -> None:
    if np.asarray(got).dtype != expected.dtype:
        raise WrongDtype(what, np.asarray(got).dtype, expected.dtype)


def _digits(got, expected, what: str) -> None:
    """A float result with fewer digits than the input's (float32 for float64): the problem. More digits
    (float64 for float32) is no mistake where the exercise does not ask to keep the dtype."""
    dtype, wanted = np.asarray(got).dtype, np.asarray(expected).dtype
    if dtype.kind == wanted.kind == "f" and np.finfo(dtype).eps > np.finfo(wanted).eps:
        raise Problem(f"{what}: {wanted} input gave a {dtype} result: keep {wanted} (fewer digits)", what)


def _pair(out, what: str, shape: tuple) -> tuple:
    """dx, dy from what MulLayer's backward returned, or the problem with it."""
    if isinstance(out, (tuple, list)) and len(out) == 2:
        return tuple(out)
    if isinstance(out, np.ndarray) and out.ndim == len(shape) + 1 and out.shape[0] == 2:
        return out[0], out[1]
    n = len(out) if isinstance(out, (tuple, list)) else 1
    raise Problem(
        f"{what}: backward returned {n} value{'' if n == 1 else 's'}, {_fmt(out)}; it returns two, dx and dy "
        "(the derivatives for x and for y), separated by a comma",
        what,
    )


# ---- Affine: shapes -------------------------------------------------------------------------------------


def _products(x, W, dout) -> str:
    """What a shape error in Affine's backward means, with this case's shapes."""
    (n, d), m = x.shape, W.shape[1]
    return (
        f"dout has shape {dout.shape}, self.x {x.shape}, self.W {W.shape}. A product A @ B needs as many columns "
        f"in A as rows in B, and gives A's rows × B's columns; .T turns a matrix around (W.T has shape {(m, d)}). "
        f"dx must come out {(n, d)} like x, dW {(d, m)} like W"
    )


def _which(error: Exception, x, W, dout) -> str:
    """ "self.x (4, 3) times dout (4, 5) does not fit (3 columns, 4 rows). " from NumPy's message, if it names
    the shapes (np.dot does; @ names sizes only)."""
    found = re.search(r"shapes \((\d+),(\d+)\) and \((\d+),(\d+)\)", str(error))
    if not found:
        return ""
    a, b = (tuple(int(v) for v in found.groups()[i : i + 2]) for i in (0, 2))
    named: dict = {}
    for name, arr in (("dout", dout), ("self.x", x), ("self.W", W)):
        named.setdefault(arr.shape, []).append(name)
        named.setdefault(arr.T.shape, []).append(f"{name}.T")
    if len(named.get(a, [])) != 1 or len(named.get(b, [])) != 1:
        return ""
    return f"{named[a][0]} {a} times {named[b][0]} {b} does not fit ({a[1]} columns, {b[0]} rows). "


def _shape_hint(name: str, shape: tuple, x, W, dout) -> str:
    """What a wrong ``shape`` of dx, dW or db usually means."""
    (n, d), m = x.shape, W.shape[1]
    hints = {
        "dx": {
            W.shape: "that has W's shape: is it dW? backward returns dx and keeps dW in self.dW",
            dout.shape: "that has dout's shape",
        },
        "dW": {
            (m, d): f"dW is turned around (doutᵀ·x is the transpose of xᵀ·dout): dW has W's shape {W.shape}",
            (m,): "that has b's shape: are dW and db swapped?",
        },
        "db": {
            dout.shape: f"db has dout's shape {dout.shape}: one bias per output, shared by the whole batch: add up "
            "dout over the batch (axis 0)",
            (
                n,
            ): "that is one number per example: summed over axis 1; db adds up dout over the batch, axis 0",
            (): "db is one number, the sum of all of dout; sum over the batch only (axis 0): one number per output",
            (1, m): f"b has shape ({m},): sum over axis 0, without keepdims",
            W.shape: "that has W's shape: are dW and db swapped?",
        },
    }[name]
    hint = hints.get(shape, "")
    if name == "dx":
        hint += ("; " if hint else "") + f"dx holds one derivative per input value: x's shape {x.shape}"
    return hint


def _gradient(layer, name: str, what: str):
    """The layer's ``dW`` or ``db`` after backward, or the problem with it."""
    value = _attr(layer, name)
    if value is Ellipsis:
        raise NotDone("backward")
    if value is None:
        own = _attr(layer, "__dict__")
        others = [k for k in own if k.lower() == name.lower() and k != name] if isinstance(own, dict) else []
        extra = f" (it set self.{others[0]}: the name is {name})" if others else ""
        raise Problem(
            f"{what}: self.{name} is None after backward{extra}: backward keeps the gradients of W and b in "
            "self.dW and self.db, and returns dx",
            what,
        )
    return value


# ---- softmax with loss: the usual slips ------------------------------------------------------------------


def _grad_slips(x, t, y, onehot) -> list:
    """(what the slip means, the gradient it gives) for scores x (N, K), labels t, y = softmax(x)."""
    n, k = y.shape
    largest = np.eye(k)[np.argmax(y, axis=1)]
    columns = y.copy()
    columns[:, t] -= 1
    e = np.exp(x - x.max(axis=0))
    slips = [
        (
            f"that is y − t without dividing by N = {n}: the loss is the mean over the batch, so each example's "
            "gradient is divided by the batch size",
            y - onehot,
        ),
        (
            "softmax is missing: that is the scores x minus t; the gradient is y − t, with y = softmax(x)",
            (x - onehot) / n,
        ),
        (
            "softmax is missing (and N): that is the scores x minus t; the gradient is (y − t)/N, y = softmax(x)",
            x - onehot,
        ),
        (
            "the sign is reversed: that is t − y; the gradient is y − t (the probabilities minus the right answers)",
            (onehot - y) / n,
        ),
        ("the sign is reversed, and N is missing: the gradient is (y − t)/N", onehot - y),
        ("that is y alone: subtract 1 at each row's right class t[n]", y / n),
        (
            f"that divides by the number of classes K = {k}; divide by the batch size N = {n}",
            (y - onehot) / k,
        ),
        ("that divides by N·K (all entries of y); divide by the batch size N only", (y - onehot) / (n * k)),
        (
            "that subtracts 1 at each row's largest probability; subtract it at the right class t[n]",
            (y - largest) / n,
        ),
        (
            "y[:, t] takes the columns of all labels in every row; each row needs only its own label's column: "
            "index with the row numbers 0, 1, ..., N−1 and the labels t together",
            columns / n,
        ),
        (
            "softmax is taken over the batch (axis 0); each row (example) gets its own softmax",
            (e / e.sum(axis=0) - onehot) / n,
        ),
        (
            "that is one softmax over the whole batch (all N·K scores together); each row (example) gets its own "
            "softmax, whose probabilities sum to 1",
            (np.exp(x - x.max()) / np.exp(x - x.max()).sum() - onehot) / n,
        ),
        (
            "that uses the sigmoid of each score; the loss layer uses softmax, whose probabilities in each row sum "
            "to 1",
            (1 / (1 + np.exp(-x)) - onehot) / n,
        ),
        (
            "that is −t/y, the derivative with respect to the probabilities y; softmax and the loss together give "
            "(y − t)/N with respect to the scores x",
            -onehot / y / n,
        ),
    ]
    labels = (
        f"t holds labels (here {_fmt(t)}), not one-hot rows: y − t subtracts the label numbers; subtract 1 at "
        "each row's right class only"
    )
    slips.append((labels, (y - np.asarray(t, dtype=float)[:, None]) / n))  # each row minus its label
    if n == k:  # y − t broadcasts along the rows: column j minus t[j]
        slips.append((labels, (y - np.asarray(t, dtype=float)[None, :]) / n))
    return slips


def _one_per_row(func, x, t) -> str:
    """What an array of shape (N, K) meeting one of shape (N,) means: t taken for one-hot rows (the function
    works with one-hot rows), or a row's max or sum without keepdims."""
    (n, k), onehot = x.shape, np.eye(x.shape[1])[t]
    try:
        works = _is(_call(func, x, onehot, what="a probe"), (softmax(x) - onehot) / n)
    except (Problem, NotDone):
        works = False
    if works:
        return (
            f"t holds labels, one number per row (shape ({n},)), not one-hot rows of shape {(n, k)}: y − t does not "
            "fit; subtract 1 at each row's right class t[n] instead"
        )
    return (
        f"an array of shape {(n, k)} met one of shape ({n},), one number per row: a row's max or sum without "
        f"keepdims? A shape ({n},) lines up with the columns, not the rows; keepdims keeps it a column, ({n}, 1)"
    )
