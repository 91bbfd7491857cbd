"""A layered network's forward pass: ``init_network`` (the book's 3-layer example) and ``forward``.

A network is a dict of NumPy arrays ``{"W1": ..., "b1": ..., "W2": ..., "b2": ..., ...}``: layer k
has the weight matrix ``Wk`` of shape (inputs, neurons) and the bias vector ``bk`` of shape
(neurons,). Inputs are row vectors, so layer k computes ``A = Z @ Wk + bk`` and passes it through
its activation function. Any number of layers works, so the 784-50-100-10 MNIST network runs
through the same ``forward`` as the 2-3-2-2 example.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np

from ._arrays import as_float_array
from .activations import ACTIVATIONS
from .outputs import identity_function, softmax

__all__ = ["init_network", "forward", "layer_count", "HIDDEN_ACTIVATIONS", "OUTPUT_ACTIVATIONS"]

#: The activation functions ``forward`` accepts by name for the hidden layers (h) ...
HIDDEN_ACTIVATIONS = {name: pair[0] for name, pair in ACTIVATIONS.items()}
#: ... and for the output layer (σ).
OUTPUT_ACTIVATIONS = {"identity": identity_function, "softmax": softmax}

_KEY = re.compile(r"([Wb])([1-9][0-9]*)")


def init_network() -> dict:
    """The book's example network, 2 inputs → 3 → 2 → 2 outputs, with its fixed weights and biases.

    Returns a new dict ``{"W1", "b1", "W2", "b2", "W3", "b3"}`` of float64 arrays of shapes
    (2, 3), (3,), (3, 2), (2,), (2, 2), (2,).

    >>> net = init_network()
    >>> forward(net, [1.0, 0.5])
    array([0.31682708, 0.69627909])
    """
    return {
        "W1": np.array([[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]]),
        "b1": np.array([0.1, 0.2, 0.3]),
        "W2": np.array([[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]]),
        "b2": np.array([0.1, 0.2]),
        "W3": np.array([[0.1, 0.3], [0.2, 0.4]]),
        "b3": np.array([0.1, 0.2]),
    }


def layer_count(network) -> int:
    """The number of layers L of a network dict holding W1, b1, ..., WL, bL (checks the names)."""
    if not isinstance(network, Mapping):
        raise TypeError(
            f'network must be a dict such as {{"W1": ..., "b1": ..., ...}}, got {type(network).__name__}'
        )
    n = len(network) // 2
    usual = n > 0 and all(f"W{k}" in network and f"b{k}" in network for k in range(1, n + 1))
    if usual and len(network) == 2 * n:  # W1, b1, ..., Wn, bn and nothing else: no need to parse keys
        return n
    layers = {"W": set(), "b": set()}
    for key in network:
        match = _KEY.fullmatch(key) if isinstance(key, str) else None
        if match is None:
            raise ValueError(
                f"network holds the key {key!r}; a network's keys are W1, b1, W2, b2, ... "
                "(the weights and the bias of each layer)"
            )
        layers[match.group(1)].add(int(match.group(2)))
    n = max(layers["W"] | layers["b"], default=0)
    if n == 0:
        raise ValueError("network is empty: it needs at least W1 and b1")
    for k in range(1, n + 1):
        for kind in "Wb":
            if k not in layers[kind]:
                raise ValueError(f"network has no {kind}{k}: each layer k = 1 ... {n} needs its Wk and bk")
    return n


def _activation(choice, table: dict, what: str):
    if callable(choice):
        return choice
    if isinstance(choice, str) and choice.lower() in table:
        return table[choice.lower()]
    raise ValueError(f"{what} must be one of {sorted(table)} or a function, got {choice!r}")


def forward(network, x, hidden="sigmoid", output="identity", return_intermediates: bool = False):
    r"""The forward pass: the network's output Y for the input x, layer by layer.

    For k = 1, ..., L: :math:`A^{(k)} = Z^{(k-1)} W^{(k)} + B^{(k)}` with :math:`Z^{(0)} = X`, then
    :math:`Z^{(k)} = h(A^{(k)})` for the hidden layers and :math:`Y = \sigma(A^{(L)})` for the last.

    - ``network``: a dict ``{"W1", "b1", ..., "WL", "bL"}``; ``Wk`` has shape (inputs, neurons),
      ``bk`` shape (neurons,).
    - ``x``: one input of shape (inputs,) or a batch of shape (N, inputs) (any leading axes work);
      Y has the same leading axes, with one value per output neuron last.
    - ``hidden``: h, by name ("sigmoid", "relu", "step", "tanh", "leaky_relu") or a function.
    - ``output``: σ, "identity" (regression) or "softmax" (classification), or a function.
    - ``return_intermediates``: also return the dict ``{"X", "A1", "Z1", ..., "AL", "Y"}``.

    The arithmetic runs in x's float type (float32 input stays float32: the weights are converted);
    integer input becomes float64. A shape that does not fit raises a ``ValueError`` naming the
    layer and both shapes.

    >>> net = init_network()
    >>> forward(net, [[1.0, 0.5], [0.0, 0.0]])
    array([[0.31682708, 0.69627909],
           [0.30806853, 0.67683894]])
    """
    n_layers = layer_count(network)
    h = _activation(hidden, HIDDEN_ACTIVATIONS, "hidden")
    sigma = _activation(output, OUTPUT_ACTIVATIONS, "output")
    z = as_float_array(x, "x")
    if z.ndim == 0:
        raise ValueError(
            f"x must be a vector of inputs (or a batch of them), got the single number {z.item()!r}"
        )
    dtype = z.dtype
    values = {"X": z}
    n_in, source = z.shape[-1], f"x has shape {z.shape}"
    for k in range(1, n_layers + 1):
        w = as_float_array(network[f"W{k}"], f"W{k}")
        b = as_float_array(network[f"b{k}"], f"b{k}")
        if w.ndim != 2:
            raise ValueError(f"W{k} must be a matrix of shape (inputs, neurons), got shape {w.shape}")
        if w.shape[0] != n_in:
            raise ValueError(
                f"W{k} expects {w.shape[0]} inputs, got {n_in} ({source}, W{k} has shape {w.shape})"
            )
        if b.shape != (w.shape[1],):
            raise ValueError(
                f"b{k} must have shape ({w.shape[1]},), one bias per neuron of layer {k} "
                f"(W{k} has shape {w.shape}), got shape {b.shape}"
                + (f"; use b{k}.ravel() to turn a row matrix into a vector" if b.size == w.shape[1] else "")
            )
        a = z @ w.astype(dtype, copy=False)
        a += b.astype(dtype, copy=False)  # in place: no second array of the layer's size
        z = h(a) if k < n_layers else sigma(a)
        values[f"A{k}"] = a
        values[f"Z{k}" if k < n_layers else "Y"] = z
        n_in, source = w.shape[1], f"layer {k} gives {w.shape[1]} outputs"
    return (z, values) if return_intermediates else z
