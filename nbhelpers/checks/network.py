"""Notebook 04's exercises: one layer's weighted sums, then the whole 3-layer forward pass."""

from __future__ import annotations

import numpy as np

from ..activations import sigmoid
from ..network import forward, init_network
from ._engine import Problem, _call, _compare, _fmt, _numbers, check

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
    what = "layer 2 for Z1 = [0.5744, 0.6682, 0.7503]"
    out = _call(func, z1, w2, b2, what=what)
    arr = _numbers(out)
    if arr is not None and arr.shape == (2,) and np.allclose(arr, z1 @ w2):
        raise Problem(f"{what}: {_fmt(arr)} is Z1 W2 without the bias b2; A2 = Z1 W2 + b2")
    if arr is not None and arr.shape == (2,) and np.allclose(arr, sigmoid(z1 @ w2 + b2)):
        raise Problem(f"{what}: {_fmt(arr)} is already h(A2); the exercise asks for A2 itself, before h")
    _compare(out, z1 @ w2 + b2, what)
    batch = np.array([[0.5, 0.6, 0.7], [0.1, 0.0, 0.9]])
    _compare(_call(func, batch, w2, b2, what="a batch of 2 rows"), batch @ w2 + b2, "a batch of 2 rows")
    return "the book's Z1, a batch of two rows"


@check("forward")
def check_forward(func) -> str:
    """Check ``func(network, x)``: the 3-layer forward pass, sigmoid hidden layers and identity output,
    Y = σ(h(h(X W1 + b1) W2 + b2) W3 + b3) with σ the identity, for one input and a batch.

    Book §3.4; notebook 04.

    >>> check_forward(lambda network, x: x)
    ✗ forward: forward(init_network(), [1.0, 0.5]): wrong value at position 0: expected 0.316827, got 1
      expected [0.316827, 0.696279]
      got      [1, 0.5]
    False
    """
    net = init_network()
    x = np.array([1.0, 0.5])
    what = "forward(init_network(), [1.0, 0.5])"
    out = _call(func, init_network(), x, what=what)
    arr = _numbers(out)
    if arr is not None and arr.shape == (2,) and not np.allclose(arr, forward(net, x)):
        for k in (1, 2, 3):
            without = dict(net, **{f"b{k}": np.zeros_like(net[f"b{k}"])})
            if np.allclose(arr, forward(without, x)):
                raise Problem(
                    f"{what}: gives {_fmt(arr)}, which is what the network gives without b{k}: add the bias of layer {k}"
                )
        if np.allclose(arr, forward(net, x, output=sigmoid)):
            raise Problem(f"{what}: gives {_fmt(arr)}: the output layer uses the identity, not the sigmoid")
    _compare(out, forward(net, x), what, rtol=1e-9)
    batch = np.array([[1.0, 0.5], [0.0, 0.0], [-1.0, 2.0]])
    _compare(
        _call(func, init_network(), batch, what="a batch of 3 inputs"),
        forward(net, batch),
        "a batch of 3 inputs",
        rtol=1e-9,
    )
    other = {k: v * 2 for k, v in net.items()}
    _compare(
        _call(func, other, x, what="another network (all weights doubled)"),
        forward(other, x),
        "another network (all weights doubled)",
        rtol=1e-9,
    )
    return "the book's example, a batch of three inputs, another network's weights"
