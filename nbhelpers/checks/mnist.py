"""Notebook 05's exercises: the MNIST network's forward pass with softmax, and its accuracy in batches.

The checks need no download: a random network of the MNIST shape (784 → 50 → 100 → 10) and random
images stand in for the real ones.
"""

from __future__ import annotations

import numpy as np

from ..network import accuracy, forward
from ._engine import Problem, _call, _compare, _fmt, _numbers, _scalar, check

__all__ = ["check_mnist_forward", "check_accuracy"]


def _mnist_like(n: int, seed: int = 0):
    """A small network of the MNIST shape and n images (random: the check needs no download)."""
    rng = np.random.default_rng(seed)
    sizes = [784, 50, 100, 10]
    net = {}
    for k in range(1, 4):
        net[f"W{k}"] = rng.normal(0, 1 / np.sqrt(sizes[k - 1]), (sizes[k - 1], sizes[k])).astype(np.float32)
        net[f"b{k}"] = rng.normal(0, 0.1, sizes[k]).astype(np.float32)
    x = rng.random((n, 784), dtype=np.float32)
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
    _compare(out, forward(net, x, output="softmax"), what, rtol=1e-4, atol=1e-6, dtype=np.float32)
    one = _call(func, net, x[0], what="one image, shape (784,)")
    _compare(one, forward(net, x[0], output="softmax"), "one image, shape (784,)", rtol=1e-4, atol=1e-6)
    return "a batch of 100, one image, softmax rows summing to 1, float32 kept"


class _Reads(dict):
    """A network that counts how often each of its arrays is read: a loop over the images reads W1
    once per image, a loop over batches once per batch."""

    def __init__(self, *args):
        super().__init__(*args)
        self.reads = 0

    def __getitem__(self, key):
        if key == "W1":
            self.reads += 1
        return super().__getitem__(key)


def _count(out) -> int:
    """How many numbers a list, tuple or array holds (its length if it is ragged)."""
    try:
        return int(np.size(out))
    except Exception:
        return len(out)


@check("accuracy")
def check_accuracy(func) -> str:
    """Check ``func(network, x, t, batch_size)``: the accuracy, the fraction of the N images whose
    largest output is the label, computed ``batch_size`` images at a time.

    Book §3.6.3; notebook 05.

    >>> check_accuracy(lambda network, x, t, batch_size: 0.5)
    ✗ accuracy: 2050 images in batches of 100: expected 0.666341, got 0.5
    False
    """
    net, x = _mnist_like(2050, seed=1)
    t = np.argmax(forward(net, x), axis=1).astype(np.uint8)
    t[::3] = (t[::3] + 1) % 10  # a third of the labels wrong: the accuracy is about 2/3
    expected = accuracy(net, x, t, batch_size=100)
    what = "2050 images in batches of 100"
    counted = _Reads(net)
    out = _call(func, counted, x, t, 100, what=what)
    if isinstance(out, (list, tuple, np.ndarray)) and _count(out) != 1:
        raise Problem(f"{what}: returned {_count(out)} numbers; accuracy is one number between 0 and 1")
    try:
        value = float(_scalar(out))
    except (TypeError, ValueError, OverflowError):  # None (not one number), 10**400
        raise Problem(f"{what}: returned {_fmt(out)}; accuracy is one number between 0 and 1") from None
    if np.isclose(value, expected * len(x)):
        raise Problem(
            f"{what}: returned {value:g}, the number of right answers; accuracy divides it by the number of images"
        )
    first_2000 = accuracy(net, x[:2000], t[:2000], batch_size=100)
    if np.isclose(value, first_2000 * 2000 / 2050) or np.isclose(value, first_2000):
        raise Problem(
            f"{what}: returned {value:.4f}, expected {expected:.4f}: the last 50 images (a short last batch) "
            "were left out"
        )
    batches = [accuracy(net, x[i : i + 100], t[i : i + 100]) for i in range(0, len(x), 100)]
    if not np.isclose(value, expected) and np.isclose(value, np.mean(batches)):
        raise Problem(
            f"{what}: returned {value:.4f}, expected {expected:.4f}: the average of the batches' accuracies "
            "counts the short last batch (50 images) as much as a full one; count right answers instead"
        )
    if value < expected / 2:
        try:
            _compare(value, expected, what, rtol=1e-9)
        except Problem as problem:
            raise problem.add(
                "\n  (Does np.argmax pick the largest value of each row, with axis=1?)"
            ) from None
    _compare(value, expected, what, rtol=1e-9)
    if counted.reads > len(x) // 2:
        raise Problem(
            f"{what}: right, but your function ran the network {counted.reads} times, once per image. Give it "
            "a whole batch of 100 images at once: that is the point of this exercise (and many times faster)"
        )
    bigger = _Reads(net)
    _compare(_call(func, bigger, x, t, 512, what="batch_size=512"), expected, "batch_size=512", rtol=1e-9)
    if counted.reads > 1 and bigger.reads == counted.reads:
        raise Problem(
            f"batch_size=512: the network ran {bigger.reads} times, as many as with batch_size=100: your "
            "function does not use its batch_size argument"
        )
    return "2050 images (a short last batch too), a fraction between 0 and 1, whole batches, batch_size used"
