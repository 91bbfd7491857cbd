"""Notebook 04's exercises: one layer's weighted sums, then the whole 3-layer forward pass."""

from __future__ import annotations

import numpy as np

from ..activations import sigmoid
from ..network import forward, init_network
from ..outputs import softmax
from ._engine import Problem, Raised, _call, _compare, _fmt, _numbers, check

__all__ = ["check_layer2", "check_forward"]


@check("layer 2")
def check_layer2(func) -> str:
    """Check ``func(Z1, W2, b2)``, which returns layer 2's weighted sums A2 = Z1 W2 + b2, shape (2,) for
    one input Z1 of shape (3,), (N, 2) for a batch of N rows.

    Book §3.4; notebook 04.

    >>> check_layer2(lambda Z1, W2, b2: Z1)
    ✗ layer 2: layer 2 for Z1 = [0.5744, 0.6682, 0.7503]: the result has shape (3,), expected (2,)
    False
    """
    net = init_network()
    w2, b2 = net["W2"], net["b2"]
    z1 = np.array([0.57444252, 0.66818777, 0.75026011])
    book = z1 @ w2 + b2
    rng = np.random.default_rng(6)  # a layer your code cannot know in advance: 4 inputs, 5 neurons
    z, w, b = rng.random(4), rng.normal(size=(4, 5)), rng.normal(size=5)
    batch = np.array([[0.5, 0.6, 0.7], [0.1, 0.0, 0.9]])
    own = "use the function's own parameters Z1, W2 and b2, not variables defined outside it"
    for z_, w_, b_, what in (
        (z1, w2, b2, "layer 2 for Z1 = [0.5744, 0.6682, 0.7503]"),
        (batch, w2, b2, "a batch of 2 rows"),
        (z, w, b, "another layer: Z1 of shape (4,), W2 (4, 5), b2 (5,)"),
    ):
        try:
            out = _call(func, z_, w_, b_, what=what)
        except Raised as problem:
            raise (problem.add(f"\n  Does your function {own}?") if w_ is w else problem) from None
        slips = {
            "that is Z1 W2 without the bias b2; A2 = Z1 W2 + b2": z_ @ w_,
            "that is already h(A2), after the sigmoid; the exercise asks for A2 itself, before h": sigmoid(
                z_ @ w_ + b_
            ),
            "the bias is added to every weight, so it gets multiplied by the inputs: add b2 once, after the "
            "product": z_ @ (w_ + b_),
        }
        arr = _numbers(out)
        if z_ is not z1 and arr is not None and arr.shape == book.shape and np.allclose(arr, book):
            raise Problem(f"{what}: gives the book's A2 = {_fmt(book)} again: {own}")
        _compare(out, z_ @ w_ + b_, what, slips=slips)
    return "the book's Z1, a batch of two rows, another layer's random weights and shapes"


@check("forward")
def check_forward(func) -> str:
    """Check ``func(network, x)``: the 3-layer forward pass, sigmoid hidden layers and identity output,
    Y = σ(h(h(X W1 + b1) W2 + b2) W3 + b3) with σ the identity, for one input and a batch.

    Book §3.4; notebook 04.

    >>> check_forward(lambda network, x: x)
    ✗ forward: forward(init_network(), [1.0, 0.5]): gives the same result for two different networks: your function does not use the network it is given (its parameter `network`), but a variable defined outside it
    False
    """
    net = init_network()
    x = np.array([1.0, 0.5])
    what = "forward(init_network(), [1.0, 0.5])"
    _forward(func, net, x, what)
    batch = np.array([[1.0, 0.5], [0.0, 0.0], [-1.0, 2.0]])
    _forward(func, net, batch, "a batch of 3 inputs")
    # Networks your code cannot know in advance (the book's has b2 equal to b3: these do not)
    other = _random_network([2, 3, 2, 2], seed=7)
    _forward(func, other, x, "another network of the same shape (random weights and biases)")
    wider = _random_network([3, 4, 5, 2], seed=8)
    inputs = np.random.default_rng(9).normal(size=(4, 3))
    _forward(func, wider, inputs, "a network of 3 → 4 → 5 → 2 neurons, a batch of 4 inputs")
    return "the book's example, a batch of three inputs, two other networks with random weights and sizes"


def _random_network(sizes, seed: int) -> dict:
    """A 3-layer network with random weights and biases (all different) of the given layer sizes."""
    rng = np.random.default_rng(seed)
    net = {}
    for k in (1, 2, 3):
        net[f"W{k}"] = rng.normal(0.0, 1.0, (sizes[k - 1], sizes[k]))
        net[f"b{k}"] = rng.normal(0.0, 0.5, sizes[k])
    return net


def _layers(net: dict, x, hidden, output):
    """The 3-layer forward pass with one activation function per layer (``hidden``: two of them)."""
    z = x
    for k, h in zip((1, 2, 3), (*hidden, output)):
        z = h(z @ net[f"W{k}"] + net[f"b{k}"])
    return z


def _mix_ups(net: dict, x, output: str = "identity") -> dict:
    """What the forward pass gives after the usual slips, by what the learner should read: a bias left
    out, one layer's bias or weights used in another layer, the wrong activation in a layer."""
    identity = lambda a: a  # noqa: E731
    last = softmax if output == "softmax" else identity
    outcomes = {}
    for k in (1, 2, 3):
        without = dict(net, **{f"b{k}": np.zeros_like(net[f"b{k}"])})
        outcomes[f"that is what the network gives without b{k}: add the bias of layer {k}"] = forward(
            without, x, output=output
        )
        for j in (1, 2, 3):
            for p in "Wb":
                if j != k and net[f"{p}{j}"].shape == net[f"{p}{k}"].shape:
                    swapped = dict(net, **{f"{p}{k}": net[f"{p}{j}"]})
                    outcomes[
                        f"that is what it gives with {p}{j} where {p}{k} belongs (layer {k} uses {p}{k})"
                    ] = forward(swapped, x, output=output)
    no_biases = {k: (np.zeros_like(v) if k.startswith("b") else v) for k, v in net.items()}
    outcomes["that is what the network gives without any bias: add b1, b2 and b3"] = forward(
        no_biases, x, output=output
    )
    if output == "identity":
        outcomes["that uses the sigmoid on the output: the output layer uses the identity"] = forward(
            net, x, output=sigmoid
        )
        outcomes["that uses softmax on the output: this network's output layer uses the identity"] = forward(
            net, x, output=softmax
        )
    else:
        outcomes["that uses the sigmoid on the output: the output layer uses softmax"] = forward(
            net, x, output=sigmoid
        )
        outcomes["that has no softmax on the output: the output layer uses softmax"] = forward(net, x)
    outcomes["that uses ReLU in the hidden layers: this network uses the sigmoid there"] = forward(
        net, x, hidden="relu", output=output
    )
    for k in (1, 2):
        hidden = (identity, sigmoid) if k == 1 else (sigmoid, identity)
        outcomes[f"that leaves out the sigmoid of layer {k}: both hidden layers use it"] = _layers(
            net, x, hidden, last
        )
    return outcomes


def _ignores(func, net: dict, x, what: str, output: str = "identity") -> None:
    """Run ``func`` twice more: with the network's weights changed, and with x changed. A result that
    does not change with them means the function reads something else (a variable outside it)."""
    first = _numbers(_call(func, {k: v.copy() for k, v in net.items()}, x, what=what))
    if first is None or first.dtype.kind != "f":
        return  # (another problem, which the comparison names)
    other = {k: v[::-1].copy() + 0.5 for k, v in net.items()}  # same shapes, other values
    second = _numbers(_call(func, other, x, what=what))
    if (
        first.shape == forward(net, x, output=output).shape
        and second is not None
        and first.shape == second.shape
        and np.array_equal(first, second)
        and not np.allclose(forward(net, x, output=output), forward(other, x, output=output))
    ):
        raise Problem(
            f"{what}: gives the same result for two different networks: your function does not use the network "
            "it is given (its parameter `network`), but a variable defined outside it"
        )
    shifted = _numbers(_call(func, {k: v.copy() for k, v in net.items()}, x + 1.0, what=what))
    if (
        first is not None
        and shifted is not None
        and first.shape == shifted.shape
        and np.array_equal(first, shifted)
    ):
        raise Problem(
            f"{what}: gives the same result for two different inputs: your function does not use the input "
            "it is given (its parameter `x`), but a variable defined outside it"
        )


def _forward(func, net: dict, x, what: str) -> None:
    """Run ``func(net, x)`` on a copy of the network and compare it with the forward pass, naming a
    usual slip when the result is one."""
    out = _call(func, {k: v.copy() for k, v in net.items()}, x, what=what)
    arr = _numbers(out)
    expected = forward(net, x)
    if arr is None or arr.shape != expected.shape or not np.allclose(arr, expected, rtol=1e-9):
        _ignores(func, net, x, what)
    _compare(out, expected, what, rtol=1e-9, slips=_mix_ups(net, x))
