"""Notebook 05's exercises: the MNIST network's forward pass with softmax, and its accuracy in batches.

The checks need no download: a random network of the MNIST shape (784 → 50 → 100 → 10) and random
images stand in for the real ones.
"""

from __future__ import annotations

import numpy as np

from ..network import accuracy, forward
from ._engine import Problem, Raised, _call, _compare, _fmt, _numbers, _scalar, check
from .network import _ignores, _mix_ups

__all__ = ["check_mnist_forward", "check_accuracy"]


def _mnist_like(n: int, seed: int = 0, sizes=(784, 50, 100, 10)):
    """A network of the MNIST shape (or other ``sizes``) and n images, random: the check needs no
    download, and the learner's code cannot know them in advance."""
    rng = np.random.default_rng(seed)
    net = {}
    for k in range(1, 4):
        net[f"W{k}"] = rng.normal(0, 1 / np.sqrt(sizes[k - 1]), (sizes[k - 1], sizes[k])).astype(np.float32)
        net[f"b{k}"] = rng.normal(0, 0.1, sizes[k]).astype(np.float32)
    x = rng.random((n, sizes[0]), dtype=np.float32)
    return net, x


@check("MNIST forward")
def check_mnist_forward(func) -> str:
    """Check ``func(network, x)`` for the MNIST network: sigmoid, sigmoid, softmax; (N, 784) images give
    (N, 10) rows of probabilities, one image (784,) gives (10,); float32 kept.

    Book §3.6.2; notebook 05.

    >>> check_mnist_forward(lambda network, x: x)
    ✗ MNIST forward: a batch of 100 images (float32): the result has shape (100, 784), expected (100, 10)
    False
    """
    net, x = _mnist_like(100)
    what = "a batch of 100 images (float32)"
    out = _call(func, net, x, what=what)
    arr = _numbers(out)
    if (
        arr is not None
        and arr.shape == (100, 10)
        and arr.dtype.kind == "f"
        and not np.allclose(arr.sum(axis=1), 1.0, atol=1e-4)
    ):
        if np.allclose(arr, forward(net, x), rtol=1e-4, atol=1e-5):
            raise Problem(f"{what}: the rows do not sum to 1: the output layer needs softmax")
        if np.allclose(arr.sum(axis=0), 1.0, atol=1e-4) or np.isclose(arr.sum(), 1.0, atol=1e-4):
            raise Problem(
                f"{what}: the rows do not sum to 1 (each row is one image's 10 probabilities): softmax must "
                "work along each row, the last axis"
            )
    expected = forward(net, x, output="softmax")
    if arr is None or arr.shape != expected.shape or not np.allclose(arr, expected, rtol=1e-4, atol=1e-6):
        _ignores(func, net, x, what, output="softmax")
    # float32 sums of 784 products, three layers deep: rounding errors of about 1e-5 relative are normal
    slips = _mix_ups(net, x, output="softmax")
    _compare(out, expected, what, atol=1e-6, dtype=np.float32, condition=16, slips=slips)
    one = _call(func, net, x[0], what="one image, shape (784,)")
    _compare(one, forward(net, x[0], output="softmax"), "one image, shape (784,)", atol=1e-6, condition=16)
    other, y = _mnist_like(7, seed=2, sizes=(784, 30, 20, 10))
    what = "another network (784 → 30 → 20 → 10) and 7 other images"
    _compare(
        _call(func, other, y, what=what), forward(other, y, output="softmax"), what, atol=1e-6, condition=16
    )
    return "a batch of 100, one image, another network's sizes, softmax rows summing to 1, float32 kept"


class _Reads(dict):
    """A network that counts how often ``W1`` is read: a loop over the images reads it once per image, a
    loop over batches once per batch. The ``W1`` it hands out counts the products it takes part in
    (:class:`_Products`): that sees a loop over images that took ``W1`` out of the network once."""

    def __init__(self, *args):
        super().__init__(*args)
        self.reads, self.products = 0, [0]
        super().__setitem__("W1", self["W1"].view(_Products))
        dict.__getitem__(self, "W1").products = self.products
        self.reads = 0

    def __getitem__(self, key):
        if key == "W1":
            self.reads += 1
        return super().__getitem__(key)


class _Products(np.ndarray):
    """An array that counts the matrix products it takes part in (``@``, ``np.dot``, ``np.matmul``), in the
    list ``products`` it shares with its views; the results are plain arrays."""

    products: list | None = None

    def __array_finalize__(self, obj):
        self.products = getattr(obj, "products", None)

    def _count(self, func) -> None:
        if (
            func in (np.matmul, np.dot, np.inner, np.tensordot, np.einsum, np.vdot)
            and self.products is not None
        ):
            self.products[0] += 1

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        self._count(ufunc)
        inputs = tuple(_plain(i) for i in inputs)
        if "out" in kwargs:
            kwargs["out"] = tuple(_plain(o) for o in kwargs["out"])
        return getattr(ufunc, method)(*inputs, **kwargs)

    def __array_function__(self, func, types, args, kwargs):
        self._count(func)
        return func(*(_plain(a) for a in args), **{k: _plain(v) for k, v in kwargs.items()})


def _plain(value):
    """``value`` with every :class:`_Products` in it seen as a plain array."""
    if isinstance(value, _Products):
        return value.view(np.ndarray)
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(v) for v in value)
    return value


def _count(out) -> int:
    """How many numbers a list, tuple or array holds (its length if it is ragged)."""
    try:
        return int(np.size(out))
    except Exception:
        return len(out)


def _runs(counted: _Reads) -> int:
    """How many times the network ran: the reads of W1 or the products with it, whichever is more."""
    return max(counted.reads, counted.products[0])


@check("accuracy")
def check_accuracy(func) -> str:
    """Check ``func(network, x, t, batch_size)``: the accuracy, the fraction of the N images whose
    largest output is the label, computed ``batch_size`` images at a time.

    Book §3.6.3; notebook 05.

    >>> check_accuracy(lambda network, x, t, batch_size: 0.5)
    ✗ accuracy: 2050 images in batches of 100: returned 0.5, expected 0.666341, and the same result for 1000 of these images: your function does not measure the images and labels it is given (its parameters x and t), but variables defined outside it
    False
    """
    net, x = _mnist_like(2050, seed=1)
    t = np.argmax(forward(net, x), axis=1).astype(np.uint8)
    t[::3] = (t[::3] + 1) % 10  # a third of the labels wrong: the accuracy is about 2/3
    expected = accuracy(net, x, t, batch_size=100)
    right = round(expected * len(x))
    what = "2050 images in batches of 100"
    counted = _Reads(net)
    try:
        out = _call(func, counted, x, t, 100, what=what)
    except Raised as problem:
        if isinstance(problem.error, (IndexError, np.exceptions.AxisError)) and "dimension 1" in str(
            problem.error
        ):
            problem.instead(
                "Here t holds one label per image, the digit itself (shape (2050,)), not one-hot rows: "
                "compare np.argmax(y, axis=1) with t directly"
            )
        raise problem from None
    if isinstance(out, (list, tuple, np.ndarray)) and _count(out) != 1:
        raise Problem(f"{what}: returned {_count(out)} numbers; accuracy is one number between 0 and 1")
    try:
        value = float(_scalar(out))
    except (TypeError, ValueError, OverflowError):  # None (not one number), 10**400
        raise Problem(f"{what}: returned {_fmt(out)}; accuracy is one number between 0 and 1") from None
    _accuracy_value(value, expected, right, net, x, t, what, func)
    if _runs(counted) > len(x) // 2:
        raise Problem(
            f"{what}: right, but your function ran the network {_runs(counted)} times, once per image. Give it "
            "a whole batch of 100 images at once: that is the point of this exercise (and usually many times faster)"
        )
    if _runs(counted) == 1:
        raise Problem(
            f"{what}: right, but your function ran the network once, on all 2050 images at once: go through x "
            "in batches of batch_size images (a batch needs memory for batch_size images, not for all of them)"
        )
    bigger = _Reads(net)
    value = float(_scalar(_call(func, bigger, x, t, 512, what="batch_size=512")) or 0)
    _accuracy_value(value, expected, right, net, x, t, "batch_size=512", func)
    if _runs(counted) > 1 and _runs(bigger) == _runs(counted):
        raise Problem(
            f"batch_size=512: the network ran {_runs(bigger)} times, as many as with batch_size=100: your "
            "function does not use its batch_size argument"
        )
    return (
        "2050 random images (a short last batch too), one fraction between 0 and 1, the network run on "
        "whole batches (counted), batch_size used"
    )


def _accuracy_value(value: float, expected: float, right: int, net, x, t, what: str, func) -> None:
    """Judge the accuracy ``value`` (expected: ``right`` of len(x) images), naming the usual slips."""
    n = len(x)
    if np.isfinite(value) and abs(value * n - right) < 0.01:  # right / n, in any precision
        return
    if np.isclose(value, right):
        raise Problem(
            f"{what}: returned {value:g}, the number of right answers; accuracy divides it by the number of images"
        )
    if np.isclose(value, 100 * expected):
        raise Problem(f"{what}: returned {value:g}, a percentage; accuracy is the fraction, between 0 and 1")
    first = accuracy(net, x[:2000], t[:2000], batch_size=100)
    if np.isclose(value, first * 2000 / n) or np.isclose(value, first):
        raise Problem(
            f"{what}: returned {value:.6f}, expected {expected:.6f}: the last 50 images (a short last batch) "
            "were left out"
        )
    batches = [accuracy(net, x[i : i + 100], t[i : i + 100]) for i in range(0, n, 100)]
    if np.isclose(value, np.mean(batches)):
        raise Problem(
            f"{what}: returned {value:.6f}, expected {expected:.6f}: the average of the batches' accuracies "
            "counts the short last batch (50 images) as much as a full one; count right answers instead"
        )
    y = forward(net, x)
    flat = sum(int(np.sum(np.argmax(y[i : i + 100]) == t[i : i + 100])) for i in range(0, n, 100))
    if np.isclose(value, flat / n):
        # np.argmax without axis, or (if both give 0) a // division: images all labelled right tell them apart
        probe = _call(func, _Reads(net), x[:200], np.argmax(y[:200], axis=1).astype(t.dtype), 100, what=what)
        if value != 0 or _scalar(probe) != 1:
            raise Problem(
                f"{what}: returned {value:.6f}, expected {expected:.6f}: np.argmax without axis gives one "
                "position for the whole batch; np.argmax(y, axis=1) gives each row's (each image's) digit"
            )
    padded = -(-n // 100) * 100
    if np.isclose(value, right / padded):
        raise Problem(
            f"{what}: returned {value:.6f}, expected {expected:.6f}: it divides by {padded} (the number of "
            f"batches times 100), but the last batch holds only {n - padded + 100} images: divide by len(x)"
        )
    if value == 0 and right > 0:
        raise Problem(
            f"{what}: returned 0, expected {expected:.6f} ({right} of {n} right). Is there an integer division "
            "(`//`, which rounds down to 0 here) where `/` belongs?"
        )
    half = _scalar(_call(func, _Reads(net), x[:1000], t[:1000], 100, what=what))
    if half == value:  # the first 1000 images have another accuracy: the function reads other data
        raise Problem(
            f"{what}: returned {_fmt(value)}, expected {expected:.6f}, and the same result for 1000 of these "
            "images: your function does not measure the images and labels it is given (its parameters x and t), but "
            "variables defined outside it"
        )
    raise Problem(f"{what}: expected {expected:.6g} ({right} of {n} right), got {_fmt(value)}")
