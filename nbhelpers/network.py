"""A layered network: ``init_network`` (the book's 3-layer example), ``init_weights`` (random initial
weights), the forward pass ``forward``, and how right it is: ``accuracy`` and ``confusion_matrix``.

A network is a dict of NumPy arrays ``{"W1": ..., "b1": ..., "W2": ..., "b2": ..., ...}``: layer k
has the weight matrix ``Wk`` of shape (inputs, neurons) and the bias vector ``bk`` of shape
(neurons,). Inputs are row vectors, so layer k computes ``A = Z @ Wk + bk`` and passes it through
its activation function. Any number of layers works, so the 784-50-100-10 MNIST network runs
through the same ``forward`` as the 2-3-2-2 example.
"""

from __future__ import annotations

import numbers
import operator
import re
from collections.abc import Mapping

import numpy as np

from ._arrays import as_float_array, as_generator, check_labels, check_real_scalar, generator_from, grid_2d
from .activations import ACTIVATIONS
from .outputs import identity_function, softmax

__all__ = [
    "STUCK",
    "stuck_share",
    "init_network",
    "init_weights",
    "forward",
    "accuracy",
    "confusion_matrix",
    "plane_outputs",
    "layer_activations",
    "layer_count",
    "HIDDEN_ACTIVATIONS",
    "OUTPUT_ACTIVATIONS",
]

#: The activation functions ``forward`` accepts by name for the hidden layers (h) ...
HIDDEN_ACTIVATIONS = {name: pair[0] for name, pair in ACTIVATIONS.items()}
#: ... and for the output layer (σ).
OUTPUT_ACTIVATIONS = {"identity": identity_function, "softmax": softmax}

_KEY = re.compile(r"([Wb])([1-9][0-9]*)")


def init_network() -> dict:
    """The book's example network, 2 inputs → 3 → 2 → 2 outputs, with its fixed weights and biases.

    Returns a new dict ``{"W1", "b1", "W2", "b2", "W3", "b3"}`` of float64 arrays of shapes
    (2, 3), (3,), (3, 2), (2,), (2, 2), (2,).

    Book §3.4.3; notebook 04.

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


# The named choices of init_weights' weight_init_std, and what each one means.
_INIT_NAMES = {"xavier": "xavier", "sigmoid": "xavier", "he": "he", "relu": "he"}


def init_weights(sizes, weight_init_std="xavier", rng=None, dtype=np.float64) -> dict:
    r"""A new network: random weights :math:`W^{(k)} \sim \mathcal{N}(0, s_k^2)` and zero biases :math:`b^{(k)} = 0`.

    ``sizes`` = (inputs, neurons of layer 1, ..., outputs), at least two numbers. Returns a new dict
    ``{"W1", "b1", ..., "WL", "bL"}`` with ``Wk`` of shape (sizes[k-1], sizes[k]) and ``bk`` of shape
    (sizes[k],), as arrays of ``dtype``. The standard deviation :math:`s_k` of layer k's weights depends on
    its number of inputs :math:`n` = sizes[k-1]:

    - ``"xavier"`` (or ``"sigmoid"``): :math:`s = 1/\sqrt{n}`, for sigmoid and tanh layers: each weighted
      sum then has about the same spread whatever n, so the sigmoids start in their sloped middle part;
    - ``"he"`` (or ``"relu"``): :math:`s = \sqrt{2/n}`, for ReLU layers, which pass on 0 for about half of
      their weighted sums (the negative ones);
    - a positive number: that standard deviation for every layer (the book's ``weight_init_std=0.01``).

    The weights are drawn from ``rng.standard_normal``, layer by layer from W1 on, in float64, then scaled
    and converted to ``dtype``. ``rng`` is an int seed, a ``np.random.Generator`` (used as it is: it can go
    on drawing afterwards, as a training loop's shuffles do) or None (a fresh unseeded generator; NumPy's
    global random state is never used).

    Book §6.2 (Xavier §6.2.2, He §6.2.3); notebook 09.

    >>> net = init_weights([784, 50, 100, 10], rng=0)
    >>> {key: value.shape for key, value in net.items()}
    {'W1': (784, 50), 'b1': (50,), 'W2': (50, 100), 'b2': (100,), 'W3': (100, 10), 'b3': (10,)}
    >>> round(float(net["W1"].std() * np.sqrt(784)), 1), float(net["b1"].max())  # std 1 / sqrt(784)
    (1.0, 0.0)
    """
    try:
        sizes = [operator.index(size) for size in sizes]
    except TypeError:
        raise TypeError(f"sizes must be whole numbers such as (784, 50, 100, 10), got {sizes!r}") from None
    if len(sizes) < 2 or min(sizes) < 1:
        raise ValueError(
            f"sizes must be at least two whole numbers >= 1 (inputs, ..., outputs), got {tuple(sizes)}"
        )
    if isinstance(weight_init_std, str):
        choice = weight_init_std.lower()
        if choice not in _INIT_NAMES:
            raise ValueError(
                f"weight_init_std must be one of {sorted(_INIT_NAMES)} or a positive number, "
                f"got {weight_init_std!r}"
            )
        choice = _INIT_NAMES[choice]
    else:
        choice = check_real_scalar(weight_init_std, "weight_init_std")
        if choice <= 0:
            raise ValueError(f"weight_init_std must be positive, got {choice}")
    try:
        dtype = np.dtype(dtype)
    except TypeError:
        raise TypeError(f"dtype must be a float type such as np.float32, got {dtype!r}") from None
    if dtype.kind != "f":
        raise TypeError(f"dtype must be a float type such as np.float32 or np.float64, got {dtype}")
    rng = as_generator(rng)
    network = {}
    for k, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        draw = rng.standard_normal((n_in, n_out))
        if choice == "xavier":
            w = draw / np.sqrt(n_in)  # exactly as tools/train_mnist.py has always computed it
        elif choice == "he":
            w = draw * np.sqrt(2.0 / n_in)
        else:
            w = choice * draw  # the book: weight_init_std times a standard normal draw
        network[f"W{k}"] = w.astype(dtype)
        network[f"b{k}"] = np.zeros(n_out, dtype=dtype)
    return network


def layer_activations(activation="sigmoid", weight_init_std=1.0, layers=5, nodes=100, n=1000, seed=0) -> list:
    r"""The book's experiment with initial weights: the outputs of each of ``layers`` layers for random inputs.

    :math:`Z_0 = X`, :math:`Z_k = h(Z_{k-1} W_k)` (no biases) for k = 1 ... ``layers``, with X of shape
    (n, nodes) drawn from the standard normal distribution and every :math:`W_k` of shape (nodes, nodes) from
    :func:`init_weights` with ``weight_init_std`` (a number such as the book's 1 and 0.01, "xavier" or
    "he"). ``activation`` names h: "sigmoid", "tanh" or "relu". Returns the list [Z_1, ..., Z_layers] of
    arrays (n, nodes), float64. ``seed``: an int or a ``np.random.Generator`` (None: a fresh one). X is
    drawn first, then the weights layer by layer: the numbers of the loop written by hand with that generator.

    Book §6.2.2–6.2.3 (figures 6-10 to 6-14); notebook 09.

    >>> z = layer_activations("sigmoid", 1.0)  # std 1: the sigmoids saturate at 0 and 1
    >>> len(z), z[0].shape, round(float(np.mean((z[-1] < 0.1) | (z[-1] > 0.9))), 2)
    (5, (1000, 100), 0.76)
    """
    if not isinstance(activation, str) or activation.lower() not in _HISTOGRAM_ACTIVATIONS:
        raise ValueError(f"activation must be one of {list(_HISTOGRAM_ACTIVATIONS)}, got {activation!r}")
    for name, value in (("layers", layers), ("nodes", nodes), ("n", n)):
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Integral, np.integer)):
            raise TypeError(f"{name} must be a whole number >= 1, got {type(value).__name__} {value!r}")
        if value < 1:
            raise ValueError(f"{name} must be a whole number >= 1, got {value}")
    rng = generator_from(seed)
    x = rng.standard_normal((n, nodes))
    network = init_weights([nodes] * (layers + 1), weight_init_std, rng)
    h = HIDDEN_ACTIVATIONS[activation.lower()]
    _, values = forward(network, x, hidden=h, output=h, return_intermediates=True)
    return [values[f"Z{k}"] for k in range(1, layers)] + [values["Y"]]


_HISTOGRAM_ACTIVATIONS = ("sigmoid", "tanh", "relu")
#: The values of each activation that count as stuck: at the flat ends, or ReLU's 0.
STUCK = {"sigmoid": "below 0.01 or above 0.99", "tanh": "beyond ±0.99", "relu": "exactly 0"}


def stuck_share(values, activation: str) -> float:
    """The share of ``values`` (a layer's outputs) that are stuck where the slope of the activation is about
    0: the sigmoid's below 0.01 or above 0.99, tanh's beyond ±0.99, ReLU's exactly 0 (:data:`STUCK`).

    Book §6.2.2–6.2.3; notebook 09.

    >>> stuck_share(np.array([0.005, 0.5, 0.995, 0.7]), "sigmoid")
    0.5
    """
    z = as_float_array(values, "values")
    if activation not in STUCK:
        raise ValueError(f"activation must be one of {sorted(STUCK)}, got {activation!r}")
    if activation == "relu":
        return float(np.mean(z == 0))
    low, high = (0.01, 0.99) if activation == "sigmoid" else (-0.99, 0.99)
    return float(np.mean((z < low) | (z > high)))


def layer_count(network) -> int:
    """The number of layers L of a network dict holding W1, b1, ..., WL, bL (checks the names).

    Book §3.4.3; notebook 04.
    """
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

    Book §3.4.3 (a batch: §3.6.3); notebook 04.

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


def _labels(t, n: int, n_classes: int, name: str = "t") -> np.ndarray:
    """``t`` as one class index per example: label indices (N,) as they are, one-hot rows (N, K) by argmax."""
    t = np.asarray(t)
    if t.ndim == 2 and t.shape == (n, n_classes):  # one-hot rows, as load_mnist(one_hot_label=True) gives
        t = np.argmax(t, axis=1)
    if t.shape != (n,):
        raise ValueError(
            f"{name} must hold one label per example, shape ({n},), or one-hot rows of shape ({n}, {n_classes}); "
            f"got shape {t.shape}"
        )
    return check_labels(t, n_classes, name, "accuracy")


def accuracy(network, x, t, batch_size: int = 100, hidden="sigmoid", output="softmax") -> float:
    r"""The fraction of the examples ``x`` that the network classifies right: its most probable class
    (the argmax of :func:`forward`'s output) equals the label in ``t``.

    :math:`\text{accuracy} = \frac{1}{N}\,\#\{n : \arg\max_k y_{nk} = t_n\}`. ``x`` has shape (N, inputs);
    ``t`` holds N labels (N,) or one-hot rows (N, classes). The examples go through the network
    ``batch_size`` at a time (a last, smaller batch takes the rest), so the memory needed grows with
    ``batch_size``, not with N. Returns a Python float in [0, 1].

    Book §3.6.2–3.6.3; notebook 05.

    >>> accuracy(init_network(), [[1.0, 0.5], [-1.0, 2.0]], [1, 0])
    0.5
    """
    x = as_float_array(x, "x")
    if x.ndim != 2:
        raise ValueError(f"x must be a batch of examples, shape (N, inputs), got shape {x.shape}")
    if isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer)) or batch_size < 1:
        raise ValueError(f"batch_size must be a whole number >= 1, got {batch_size!r}")
    n = len(x)
    if n == 0:
        raise ValueError("x holds no examples: the accuracy of nothing is undefined")
    correct = 0
    labels = None
    for i in range(0, n, int(batch_size)):
        y = forward(network, x[i : i + batch_size], hidden=hidden, output=output)
        if labels is None:  # checked once the number of classes is known
            labels = _labels(t, n, y.shape[-1])
        correct += int(np.sum(np.argmax(y, axis=1) == labels[i : i + batch_size]))
    return correct / n


def confusion_matrix(labels, predictions, n_classes: int = 10) -> np.ndarray:
    """How often each true class (row) was predicted as each class (column): an int64 array of shape
    (n_classes, n_classes); the diagonal counts the right answers, and every row sums to the number of
    examples of that class.

    Book §3.6 (not in the book's code); notebook 05.

    >>> confusion_matrix([0, 1, 1, 2], [0, 1, 2, 2], n_classes=3)
    array([[1, 0, 0],
           [0, 1, 1],
           [0, 0, 1]])
    """
    if isinstance(n_classes, (bool, np.bool_)) or not isinstance(n_classes, (numbers.Integral, np.integer)):
        raise TypeError(
            f"n_classes must be a whole number >= 1, got {type(n_classes).__name__} {n_classes!r}"
        )
    if n_classes < 1:
        raise ValueError(f"n_classes must be a whole number >= 1, got {n_classes}")
    labels, predictions = np.asarray(labels), np.asarray(predictions)
    if labels.shape != predictions.shape or labels.ndim != 1:
        raise ValueError(
            f"labels and predictions must be 1-D of the same length, got shapes {labels.shape} and {predictions.shape}"
        )
    labels = check_labels(labels, n_classes, "labels", "confusion_matrix")
    predictions = check_labels(predictions, n_classes, "predictions", "confusion_matrix")
    counts = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(counts, (labels.astype(np.intp), predictions.astype(np.intp)), 1)
    return counts


def plane_outputs(
    network, x_range=(-3.0, 3.0), n: int = 201, hidden="sigmoid", output="identity"
) -> np.ndarray:
    """The network's outputs for every input of an n × n grid over the square ``x_range`` × ``x_range``
    of the (x1, x2) plane, computed in one batch of n² inputs: shape (n, n, outputs), row i at x2 = the
    i-th of n evenly spaced values, column j at x1 = the j-th (as ``imshow(..., origin="lower")`` draws
    it). What a network with two inputs does to the whole plane at once.

    Book §3.6.3 (a batch); notebook 04.

    >>> plane_outputs(init_network(), (-1.0, 1.0), n=3).shape
    (3, 3, 2)
    """
    ticks, grid = grid_2d(x_range, n)
    y = forward(network, grid, hidden=hidden, output=output)
    return y.reshape(len(ticks), len(ticks), -1)
