"""What the networks of :mod:`nbhelpers.nets` share: their input checks and the machinery of a stack of Affine
layers with activation layers between them (the forward and backward pass, accuracy, numerical gradient).

Private: the public classes (``TwoLayerNet``, ``MultiLayerNet``) live in nets.py; this module keeps that one
small enough to grow (book §4.5, §5.7, §6.1; notebooks 07–09).
"""

from __future__ import annotations

import operator

import numpy as np

from ._arrays import as_float_array, check_labels
from .gradient import numerical_gradient as _numerical_gradient
from .network import forward
from .outputs import identity_function

__all__ = ["LayeredNet", "check_t", "check_x", "hidden_function", "layer_size"]


def layer_size(value, name: str) -> int:
    """``value`` as a layer's size, a whole number >= 1, or an error naming ``name``."""
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be a whole number >= 1, got {value!r}")
    try:
        value = operator.index(value)
    except TypeError:
        raise TypeError(f"{name} must be a whole number >= 1, got {type(value).__name__} {value!r}") from None
    if value < 1:
        raise ValueError(f"{name} must be a whole number >= 1, got {value}")
    return value


def hidden_function(activation: str):
    """What ``forward`` takes as ``hidden`` for a network's ``activation``: its name, or for "identity" (no
    activation, which ``forward`` does not name) the identity function."""
    return identity_function if activation == "identity" else activation


def check_x(x, W1: np.ndarray, where: str) -> np.ndarray:
    """``x`` as one input (D,) or a batch (N, D), D = W1's rows, in the parameters' float type."""
    x = as_float_array(x, "x")
    d = W1.shape[0]
    if x.ndim not in (1, 2) or x.shape[-1] != d:
        raise ValueError(
            f"{where}: x must have shape (N, {d}) (a batch) or ({d},) (one input), as W1 has shape "
            f"{W1.shape}; got x of shape {x.shape}"
        )
    return x.astype(W1.dtype, copy=False)


def check_t(t, x: np.ndarray, k: int, where: str):
    """``t`` checked against x: labels (N,) in 0 ... k - 1, or one-hot rows (N, k)."""
    t = np.asarray(t)
    labels_shape, one_hot_shape = x.shape[:-1], (*x.shape[:-1], k)
    if t.shape == one_hot_shape:
        return t
    if t.shape != labels_shape:
        raise ValueError(
            f"{where}: t must hold one class label per input of x, shape {labels_shape}, or one-hot rows "
            f"of shape {one_hot_shape}; got t of shape {t.shape} for x of shape {x.shape}"
        )
    return check_labels(t, k, "t", where)


class LayeredNet:
    """What the networks share: ``params`` W1, b1, ..., WL, bL; ``activation`` (the hidden layers' h);
    ``layers``, Affine layers with one activation layer between each two, built by ``_build_layers``."""

    # The sizes are read from the parameters, so they stay right if a learner assigns new ones.
    @property
    def input_size(self) -> int:
        return self.params["W1"].shape[0]

    @property
    def output_size(self) -> int:
        return self.params[f"W{sum(key.startswith('W') for key in self.params)}"].shape[1]

    def _xt(self, x, t, where: str):
        x = check_x(x, self.params["W1"], where)
        return x, check_t(t, x, self.output_size, where)

    def _predict(self, x: np.ndarray) -> np.ndarray:
        return forward(self.params, x, hidden=hidden_function(self.activation), output="softmax")

    def _backprop(self, x: np.ndarray, t, last_layer) -> list:
        """A forward pass through ``layers`` and ``last_layer``, then the backward pass from
        ``last_layer.backward(1)``; returns the Affine layers, each left with its ``dW`` and ``db``. The
        first one skips dx, the derivative for the data, which nothing needs."""
        p, layers = self.params, list(self.layers.values())
        if len(layers) != len(p) - 1 or any(
            a.W is not p[f"W{k}"] or a.b is not p[f"b{k}"] for k, a in enumerate(layers[::2], start=1)
        ):
            self._build_layers()  # params were given new arrays: the layers must use them
            layers = list(self.layers.values())
        out = x
        for layer in layers:
            out = layer.forward(out)
        last_layer.forward(out, t)
        dout = last_layer.backward(1)
        for layer in reversed(layers[1:]):
            dout = layer.backward(dout)
        layers[0]._param_grads(layers[0]._dout(dout))
        return layers[::2]

    def accuracy(self, x, t) -> float:
        r"""The fraction of inputs whose most probable class is the right one: :math:`\frac{1}{N}\#\{n: \arg\max_k y_{nk} = t_n\}`.

        ``x``: shape (N, input_size) (or one input); ``t``: labels (N,) or one-hot rows (N, output_size).
        Returns a Python float in [0, 1].

        Book §4.5.3; notebook 07.

        >>> from nbhelpers import TwoLayerNet
        >>> TwoLayerNet(2, 3, 2, rng=0).accuracy([[0.5, -1.0], [1.0, 1.0]], [0, 1])
        0.5
        """
        x, t = self._xt(x, t, "accuracy")
        if t.ndim == x.ndim:  # one-hot rows (or one one-hot row for one input)
            t = np.argmax(t, axis=-1)
        x = np.atleast_2d(x)
        if len(x) == 0:
            raise ValueError("accuracy: x holds no inputs: the accuracy of nothing is undefined")
        return float(np.mean(np.argmax(self._predict(x), axis=1) == t.reshape(-1)))

    def numerical_gradient(self, x, t) -> dict:
        r"""The gradient of the loss, :math:`\partial L / \partial W` for each parameter, by central differences.

        For every parameter element w: :math:`(L(w + h) - L(w - h)) / 2h` with h = 1e-4, computed by
        :func:`nbhelpers.numerical_gradient` on ``self.params[key]`` itself (each element is changed in
        place and put back exactly), so it costs two loss evaluations per parameter. Returns a new dict
        with the keys, shapes and dtype of ``params``; ``params`` is left as it was, bit for bit.

        Book §4.5.1; notebook 07.

        >>> from nbhelpers import TwoLayerNet
        >>> net = TwoLayerNet(2, 3, 2, rng=0)
        >>> grads = net.numerical_gradient([[0.5, -1.0], [1.0, 1.0]], [0, 1])
        >>> {key: g.shape for key, g in grads.items()}
        {'W1': (2, 3), 'b1': (3,), 'W2': (3, 2), 'b2': (2,)}
        """
        x, t = self._xt(x, t, "numerical_gradient")

        def loss_w(W):  # the book's lambda W: self.loss(x, t): W is self.params[key], changed in place
            return self.loss(x, t)

        return {key: _numerical_gradient(loss_w, self.params[key]) for key in list(self.params)}

    def param_count(self) -> int:
        """The number of parameters, the sizes of all arrays of ``params``: input·hidden + hidden +
        hidden·output + output for a TwoLayerNet.

        Book §4.5.1; notebook 07.

        >>> from nbhelpers import TwoLayerNet
        >>> TwoLayerNet(2, 10, 2).param_count()  # 20 + 10 + 20 + 2
        52
        """
        return int(sum(value.size for value in self.params.values()))
