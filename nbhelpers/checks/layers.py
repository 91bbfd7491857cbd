"""Notebook 08's exercises on backpropagation: the backward pass of a multiplication node, of the ReLU and
affine layers, and the gradient of softmax with the cross-entropy loss.

A layer check takes the learner's class: it makes a layer, runs ``forward``, then ``backward`` on a ``dout``
("what comes back") the learner's code cannot know in advance, and compares with ``nbhelpers.layers``. A
method still holding the skeleton's ``...`` (or raising NotImplementedError) is "not done yet"
(``checks/_layers.py``).
"""

from __future__ import annotations

import re

import numpy as np

from ..layers import SoftmaxWithLoss
from ..outputs import softmax
from ._engine import (
    ChangedInput,
    NotDone,
    Problem,
    Raised,
    ReturnedNone,
    WrongValue,
    _call,
    _compare,
    _fmt,
    _name_slip,
    _numbers,
    _tolerance,
    check,
)
from ._layers import (
    _attr,
    _digits,
    _done,
    _empty,
    _grad_slips,
    _gradient,
    _is,
    _make,
    _one_per_row,
    _pair,
    _products,
    _run,
    _same_dtype,
    _shape_hint,
    _which,
)

__all__ = ["check_mul_layer", "check_relu", "check_affine", "check_softmax_with_loss_grad"]


# ---- MulLayer ------------------------------------------------------------------------------------------


def _mul_case(cls, x, y, dout, what: str) -> None:
    layer = _make(cls, (), "MulLayer()")
    out = _run(layer, "forward", x, y, what=f"{what}: forward(x, y)")
    _compare(out, np.multiply(x, y), f"{what}: forward(x, y)")
    got = _run(layer, "backward", dout, what=f"{what}: backward(dout)")
    dx, dy = _pair(got, f"{what}: backward(dout)", np.shape(dout))
    ex, ey = np.multiply(dout, y), np.multiply(dout, x)
    if _is(dx, ey) and _is(dy, ex) and not np.allclose(ex, ey):
        raise WrongValue(
            what,
            f"backward gives dx = {_fmt(dx)}, dy = {_fmt(dy)}: dx and dy are swapped. Each input gets the OTHER "
            "input: dx is what comes back times y, dy what comes back times x",
        )
    for name, value, expected, own, other in (("dx", dx, ex, x, y), ("dy", dy, ey, y, x)):
        slips = {
            f"{name} uses its own input; each input gets the OTHER input's value (the local derivative of x·y "
            f"with respect to {name[1]} is the other factor)": np.multiply(dout, own),
            f"that is dout alone: multiply it by the local derivative (for {name[1]}, the other input)": dout,
            "that is the local derivative alone (the other input): multiply it by what comes back, dout": other,
            "that is x·y, the forward result: backward multiplies dout by the local derivative": np.multiply(
                x, y
            ),
            "that is dout·x·y: multiply dout by the other input only": np.multiply(dout, np.multiply(x, y)),
            "that divides dout by the other input; the local derivative multiplies: dout times the other input": (
                np.divide(dout, other)
            ),
        }
        _compare(value, expected, f"{what}: {name}", slips=slips)
        _digits(value, expected, f"{what}: {name}")


@check("MulLayer")
def check_mul_layer(cls) -> str:
    """Check a class ``MulLayer`` whose ``backward(dout)`` returns ``(dx, dy) = (dout·y, dout·x)``, with the x
    and y remembered by ``forward(x, y)``: each input gets what comes back times the other input. A float32
    result for float32 input passes, and so does a float64 one (the dtype is not part of this exercise).

    Book §5.4.1; notebook 08.

    >>> class Swapped:
    ...     def forward(self, x, y):
    ...         self.x, self.y = x, y
    ...         return x * y
    ...     def backward(self, dout):
    ...         return dout * self.x, dout * self.y
    >>> check_mul_layer(Swapped)
    ✗ MulLayer: the book's apples, forward(100, 2), then backward(1.1): backward gives dx = 110, dy = 2.2: dx and dy are swapped. Each input gets the OTHER input: dx is what comes back times y, dy what comes back times x
    False
    """
    _mul_case(cls, 100, 2, 1.1, "the book's apples, forward(100, 2), then backward(1.1)")
    _mul_case(cls, 200, 1.1, 1, "the book's tax, forward(200, 1.1), then backward(1)")
    rng = np.random.default_rng(80)
    x, y, dout = (rng.normal(size=(3, 4)) for _ in range(3))
    _mul_case(cls, x, y, dout, "random x, y and dout of shape (3, 4)")
    x, y, dout = (rng.normal(size=(2, 5)).astype(np.float32) for _ in range(3))
    _mul_case(cls, x, y, dout, "random float32 x, y and dout of shape (2, 5)")
    return "the book's apples (dapple 2.2, dapple_num 110) and tax, random arrays of shape (3, 4) and (2, 5) (float32)"


# ---- Relu ----------------------------------------------------------------------------------------------


def _relu_run(layer, method: str, arg, what: str):
    try:
        return _run(layer, method, arg, what=what)
    except Raised as problem:
        if isinstance(problem.error, IndexError) and arg.ndim != 2:
            problem.instead(
                f"does your code expect 2 axes? Here the array has shape {arg.shape}: ReLU works element by "
                "element, on arrays of any shape"
            )
        raise problem from None


def _relu_case(cls, x, dout, what: str) -> None:
    layer = _make(cls, (), "Relu()")
    try:
        out = _relu_run(layer, "forward", x, f"{what}: forward(x)")
    except ChangedInput:
        raise Problem(
            f"{what}: forward changed the x it was given: `out = x` names the same array, not a copy, so setting "
            "values of out to 0 sets them in the caller's x too. Leave x alone and return a new array (x.copy() "
            "is a copy you may change)",
            what,
        ) from None
    expected = np.maximum(x, 0)
    if x.ndim > 1 and _is(out, np.max(x, axis=0)):
        raise Problem(
            f"{what}: forward(x) gives {_fmt(out)}, shape {np.shape(out)}: np.max(x, 0) is the largest value along "
            "axis 0 (one per column); ReLU compares each value with 0, element by element: np.maximum",
            what,
        )
    slips = {
        "that is x unchanged: ReLU gives 0 where x ≤ 0": x,
        "that is 1 where x > 0, else 0: forward returns the values max(x, 0), not where they are positive": x
        > 0,
        "that is the mask (1 where x ≤ 0) as numbers: forward returns max(x, 0)": x <= 0,
        "that keeps the negative values; ReLU keeps x where x > 0 and gives 0 elsewhere": np.minimum(x, 0),
        "that is |x|: ReLU gives 0 for negative values, it does not flip their sign": np.abs(x),
    }
    _compare(out, expected, f"{what}: forward(x)", slips=slips)
    _same_dtype(out, x, f"{what}: forward(x)")
    try:
        got = _relu_run(layer, "backward", dout, f"{what}: backward(dout)")
    except ChangedInput:
        raise Problem(
            f"{what}: backward changed the dout it was given (dout[self.mask] = 0 writes into it). That is the "
            "book's own code, and in the book's network it works, since nothing uses dout afterwards; but it "
            "changes the caller's array, a surprise for anyone who still needs it (here: this check). Put the "
            "zeros into a new array instead (a copy of dout, np.where, or a product)",
            what,
        ) from None
    book, other = np.where(x <= 0, 0, dout), np.where(x < 0, 0, dout)  # at x == 0 (no slope there): both
    target = other if _is(got, other) and not _is(got, book) else book
    slips = {
        "that is dout unchanged: where x was ≤ 0 in forward, the derivative is 0": dout,
        "that blocks dout where dout is ≤ 0; the mask comes from forward's x: dout passes where x was above 0, "
        "and is 0 where x was ≤ 0 (forward remembers where, in self.mask)": np.maximum(dout, 0),
        "that is the local derivative alone (1 where x > 0, else 0): multiply it by dout": x > 0,
        "the mask is reversed: dout passes where x was above 0, and is 0 where x was ≤ 0": np.where(
            x > 0, 0, dout
        ),
        "that multiplies dout by forward's output max(x, 0); the local derivative is 1 where x > 0 (0 elsewhere)": (
            dout * expected
        ),
        "that is forward's output max(x, 0) again; backward returns dout, with 0 where x was ≤ 0": expected,
        "that is 0 everywhere; dout passes where x was above 0. Does forward keep the mask in self.mask? "
        "(With self.mask still None, dx[None] = 0 sets every entry to 0)": np.zeros_like(dout),
    }
    _compare(got, target, f"{what}: backward(dout)", slips=slips)
    _same_dtype(got, dout, f"{what}: backward(dout)")


def _relu_data(shape: tuple, seed: int, dtype=np.float64):
    """Random x (some exactly 0) and dout (none 0) of ``shape``: values your code cannot know in advance."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=shape)
    x[rng.random(shape) < 0.15] = 0.0
    dout = rng.choice([-1.0, 1.0], size=shape) * rng.uniform(0.5, 2.0, size=shape)
    return x.astype(dtype), dout.astype(dtype)


@check("Relu")
def check_relu(cls) -> str:
    """Check a class ``Relu``: ``forward(x)`` returns max(x, 0) and remembers where x ≤ 0; ``backward(dout)``
    returns dout with 0 where x was ≤ 0, as a new array. Neither changes its argument; any shape; dtype kept.

    At x = 0 (where the slope of max(x, 0) jumps from 0 to 1 and has no single value) both answers pass: 0
    (the book's mask x <= 0) and dout (a mask x < 0).

    Book §5.5.1; notebook 08.

    >>> class Relu:
    ...     def forward(self, x):
    ...         return np.maximum(x, 0)
    ...     def backward(self, dout):
    ...         return np.maximum(dout, 0)
    >>> check_relu(Relu)  # doctest: +ELLIPSIS
    ✗ Relu: the book's x = [[1.0, -0.5], [-2.0, 3.0]]: backward(dout): gives [[0, 0.8], [1.2, 2.5]]: that blocks dout where dout is ≤ 0; the mask comes from forward's x: ...
    False
    """
    x = np.array([[1.0, -0.5], [-2.0, 3.0]])
    dout = np.array([[-0.3, 0.8], [1.2, 2.5]])
    _relu_case(cls, x, dout, "the book's x = [[1.0, -0.5], [-2.0, 3.0]]")
    for k, shape in enumerate([(3, 4), (7,), (2, 3, 4)]):
        x, dout = _relu_data(shape, 81 + k)
        _relu_case(cls, x, dout, f"random x and dout of shape {shape}, some x exactly 0")
    x, dout = _relu_data((4, 5), 84, np.float32)
    _relu_case(cls, x, dout, "random float32 x and dout of shape (4, 5)")
    return (
        "the book's 2 × 2 example, random arrays of shape (3, 4), (7,), (2, 3, 4) with some x = 0 (there 0 and "
        "dout both pass), float32 kept, x and dout unchanged"
    )


# ---- Affine --------------------------------------------------------------------------------------------


def _affine_case(cls, x, W, b, dout, what: str) -> None:
    n = len(x)
    layer = _make(cls, (W, b), f"{what}: Affine(W, b)")
    out = _run(layer, "forward", x, what=f"{what}: forward(x)")
    _compare(out, x @ W + b, f"{what}: forward(x)")
    try:
        dx = _run(layer, "backward", dout, what=f"{what}: backward(dout)")
    except Raised as problem:
        if isinstance(problem.error, ValueError) and re.search("shape|align|dimension", str(problem.error)):
            problem.instead(_which(problem.error, x, W, dout) + _products(x, W, dout))
        raise problem from None
    for name, given in (("W", W), ("b", b)):
        held = _attr(layer, name)
        if isinstance(held, np.ndarray) and held.shape == given.shape and not np.array_equal(held, given):
            raise Problem(
                f"{what}: backward changed self.{name}: it only computes the gradients; the optimizer changes the "
                "parameters afterwards",
                what,
            )
    expected = {"dx": dout @ W.T, "dW": x.T @ dout, "db": dout.sum(axis=0)}
    by_n = f"divided by N = {n}: the 1/N of the mean loss is already inside dout (the loss layer's backward)"
    slips = {
        "dx": {f"dx is {by_n}": expected["dx"] / n},
        "dW": {
            f"dW is {by_n}; dW adds up the batch, xᵀ·dout": expected["dW"] / n,
            "that is the last example's part only: dW adds up the parts of every example in the batch (a loop "
            "adds them, +=, instead of overwriting)": np.outer(x[-1], dout[-1]),
            "that is the first example's part only: dW adds up the parts of every example in the batch": np.outer(
                x[0], dout[0]
            ),
        },
        "db": {
            f"db is {by_n}; db is the sum over the batch": dout.mean(axis=0),
            "that is dout's first row only: db adds up all rows of the batch": dout[0],
            "that is dout's last row only: db adds up all rows of the batch (a loop adds them, +=, instead of "
            "overwriting)": dout[-1],
        },
    }
    for name in ("dx", "dW", "db"):
        key_what = f"{what}: backward(dout)" if name == "dx" else f"{what}: self.{name}"
        value = dx if name == "dx" else _gradient(layer, name, key_what)
        arr = _numbers(value)
        if arr is not None and arr.shape != expected[name].shape:
            raise Problem(
                f"{key_what}: the result has shape {arr.shape}, expected {expected[name].shape}: "
                + _shape_hint(name, arr.shape, x, W, dout),
                key_what,
            )
        _compare(value, expected[name], key_what, slips=slips[name], rtol=_tolerance(x.dtype, 10))
        _digits(value, expected[name], key_what)


def _affine_data(n: int, d: int, m: int, seed: int, dtype=np.float64):
    """x (n, d), W (d, m), b (m,), dout (n, m), random: values your code cannot know in advance."""
    rng = np.random.default_rng(seed)
    return tuple(rng.normal(size=shape).astype(dtype) for shape in ((n, d), (d, m), (m,), (n, m)))


@check("Affine")
def check_affine(cls) -> str:
    """Check a class ``Affine(W, b)`` whose ``backward(dout)`` returns dx = dout·Wᵀ and sets dW = xᵀ·dout and
    db = the sum of dout over the batch (axis 0), for a batch x of shape (N, D), W (D, M), b (M,), dout (N, M),
    W and b unchanged. A float64 result for float32 input passes (the dtype is not part of this exercise).

    Book §5.6.2; notebook 08.

    >>> class Affine:
    ...     def __init__(self, W, b):
    ...         self.W, self.b = W, b
    ...     def forward(self, x):
    ...         self.x = x
    ...         return x @ self.W + self.b
    ...     def backward(self, dout):
    ...         self.dW, self.db = self.x.T @ dout, dout
    ...         return dout @ self.W.T
    >>> check_affine(Affine)  # doctest: +ELLIPSIS
    ✗ Affine: the book's shapes (W 2 × 3), a batch of 4: self.db: the result has shape (4, 3), expected (3,): db has dout's shape (4, 3): one bias per output, ...
    False
    """
    W = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    b = np.array([0.5, -0.5, 1.0])
    x = np.array([[1.0, 2.0], [-1.0, 0.5], [0.0, 3.0], [2.0, -2.0]])
    dout = np.array([[0.1, -0.2, 0.3], [0.4, 0.5, -0.6], [-0.7, 0.8, 0.9], [1.0, -1.1, 1.2]])
    _affine_case(cls, x, W, b, dout, "the book's shapes (W 2 × 3), a batch of 4")
    for n, d, m, seed, dtype in (
        (5, 3, 4, 85, np.float64),
        (1, 5, 2, 86, np.float64),
        (6, 4, 3, 87, np.float32),
    ):
        x, W, b, dout = _affine_data(n, d, m, seed, dtype)
        kind = "float32 " if dtype == np.float32 else ""
        _affine_case(
            cls, x, W, b, dout, f"a random {kind}batch of {'one' if n == 1 else n} (x {n} × {d}, W {d} × {m})"
        )
    return (
        "W of the book's shape 2 × 3 and random batches of 5, 1 and 6 (float32), D ≠ M: dx, dW and db of the shapes "
        "of x, W and b, W and b unchanged"
    )


# ---- softmax with loss -------------------------------------------------------------------------------


def _grad_case(func, x, t, what: str) -> None:
    n, k = x.shape
    try:
        out = _done(_call(func, x, t, what=what), "")
    except ReturnedNone:
        if _empty(func):
            raise NotDone("") from None
        raise
    except Raised as problem:
        if "broadcast" in str(problem.error) and f"({n},)" in str(problem.error):
            problem.instead(_one_per_row(func, x, t))
        elif isinstance(problem.error, IndexError):
            problem.instead(
                "t[n] is a class (a column of y), not a row: index with the row numbers 0, 1, ..., N−1 and the "
                "labels t together"
            )
        raise problem from None
    arr = _numbers(out)
    if arr is not None and arr.shape == ():
        raise Problem(
            f"{what}: your function returned one number, {_fmt(out)} (the loss?); the gradient holds one derivative "
            f"per score: x's shape {x.shape}",
            what,
        )
    x64 = x.astype(float)
    y, onehot = softmax(x64), np.eye(k)[t]
    clean = (y - onehot) / n
    layer = SoftmaxWithLoss()
    layer.forward(x64, t)
    exact = layer.backward()  # the exact derivative of the book's loss with δ: r (y − t)/N, r = y_t/(y_t + δ)
    rtol = _tolerance(x.dtype)
    atol = rtol / n  # entries are at most 1/N: y_t − 1 loses digits absolutely, not relatively
    if arr is not None and arr.dtype.kind == "f" and arr.shape == clean.shape:
        _digits(arr, x, what)
        if any(np.allclose(arr, ref, rtol=rtol, atol=atol) for ref in (clean, exact)):
            return
        for slip, result in _grad_slips(x64, t, y, onehot):
            _name_slip(arr, clean, {slip: result}, what, rtol, atol)
    _compare(out, clean.astype(x.dtype), what, rtol=rtol, atol=atol)


@check("softmax with loss: gradient")
def check_softmax_with_loss_grad(func) -> str:
    """Check ``func(x, t)``: the gradient dL/dx = (y − t)/N of the loss L = the mean cross-entropy error of
    y = softmax(x), for scores x of shape (N, K) and labels t of shape (N,) (t as one-hot rows in the formula).

    The exact derivative of the book's loss with its δ = 1e-7 inside the log (``SoftmaxWithLoss.backward``)
    passes too. For float32 scores, a float32 or a float64 result passes.

    Book §5.6.3; notebook 08.

    >>> def grad(x, t):
    ...     y = np.exp(x) / np.exp(x).sum(axis=1, keepdims=True)
    ...     return y - np.eye(x.shape[1])[t]
    >>> check_softmax_with_loss_grad(grad)  # doctest: +ELLIPSIS
    ✗ softmax with loss: gradient: random scores, a batch of 3 with 4 classes: gives ...: that is y − t without dividing by N = 3: ...
    False
    """
    book = np.array([[0.3, 2.9, 4.0]])
    _grad_case(func, book, np.array([2]), "the book's scores [[0.3, 2.9, 4.0]], t = [2] (a batch of 1)")
    cases = (
        (3, 4, 88, np.float64, np.int64),
        (4, 4, 89, np.float64, np.int64),
        (3, 10, 90, np.float32, np.uint8),
    )
    for n, k, seed, dtype, labels in cases:
        rng = np.random.default_rng(seed)
        x = rng.normal(0.0, 2.0, size=(n, k))
        t = rng.integers(k, size=n).astype(labels)
        x[np.arange(n), t] += 1.5  # the right class not too unlikely
        kind = "float32 scores" if dtype == np.float32 else "random scores"
        _grad_case(func, x.astype(dtype), t, f"{kind}, a batch of {n} with {k} classes")
    return (
        "the book's scores as a batch of 1, random batches of 3 × 4, 4 × 4 and 3 × 10 (float32 scores, uint8 "
        "labels): (y − t)/N with y = softmax(x)"
    )
