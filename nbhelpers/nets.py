"""Networks as objects: the book's ``TwoLayerNet``, which holds its parameters and knows its loss.

A network object keeps its weights and biases in the dict ``params`` (``{"W1": ..., "b1": ..., "W2": ...,
"b2": ...}``, the same protocol as :func:`nbhelpers.forward`'s networks) and computes, for a batch x of
inputs and its right answers t: ``predict(x)`` (the outputs), ``loss(x, t)`` (how wrong they are),
``accuracy(x, t)`` (how often the most probable class is right) and ``numerical_gradient(x, t)`` (which
way each parameter should move). A training loop (:func:`nbhelpers.train`) needs nothing more.

The parameters are changed **in place** by the optimizer (``params[key] -= lr * grad``); the network
never rebinds ``params[key]``, so anything holding a reference to those arrays sees the new values.
"""

from __future__ import annotations

import operator

import numpy as np

from ._arrays import as_float_array, check_labels
from .gradient import numerical_gradient as _numerical_gradient
from .layers import Affine, Relu, Sigmoid, SoftmaxWithLoss
from .losses import cross_entropy_error
from .network import forward, init_weights

__all__ = ["TwoLayerNet"]


def _size(value, name: str) -> int:
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be a whole number >= 1, got {value!r}")
    try:
        value = operator.index(value)
    except TypeError:
        raise TypeError(f"{name} must be a whole number >= 1, got {type(value).__name__} {value!r}") from None
    if value < 1:
        raise ValueError(f"{name} must be a whole number >= 1, got {value}")
    return value


class TwoLayerNet:
    r"""The book's two-layer network: inputs → a hidden layer (sigmoid or ReLU) → a softmax output layer.

    :math:`Z_1 = h(X W_1 + b_1)`, :math:`Y = \mathrm{softmax}(Z_1 W_2 + b_2)`, and the loss is the
    cross-entropy error :math:`L = -\frac{1}{N}\sum_n \log(y_{n,t_n} + 10^{-7})`. ``activation`` names h:
    "sigmoid" (the book's chapter 4 net, the default) or "relu" (its chapter 5 net).

    ``params`` = ``{"W1": (input_size, hidden_size), "b1": (hidden_size,), "W2": (hidden_size, output_size),
    "b2": (output_size,)}``, arrays of ``dtype`` (float64 or float32, kept everywhere: inputs are converted
    to it). The weights are ``weight_init_std * rng.standard_normal(shape)`` (W1 drawn first, then W2), the
    biases 0. ``weight_init_std`` may also be "xavier" or "he" (see :func:`nbhelpers.init_weights`).
    ``rng``: an int seed, a ``np.random.Generator`` or None (a fresh unseeded one; NumPy's global random
    state is never used).

    Methods, for x of shape (N, input_size) (or one input, (input_size,)) and t as N class labels (N,) or
    one-hot rows (N, output_size): ``predict(x)``, ``loss(x, t)``, ``accuracy(x, t)``,
    ``numerical_gradient(x, t)``, ``gradient(x, t)`` (backpropagation) and ``param_count()``. The book's
    chapter 5 attributes: ``layers`` (a dict of the layers in order: "Affine1", "Sigmoid1" or "Relu1",
    "Affine2", holding references to the arrays of ``params``) and ``lastLayer`` (a SoftmaxWithLoss).

    Book §4.5.1, §5.7.2; notebooks 07, 08.

    >>> net = TwoLayerNet(input_size=784, hidden_size=100, output_size=10, rng=0)
    >>> {key: value.shape for key, value in net.params.items()}
    {'W1': (784, 100), 'b1': (100,), 'W2': (100, 10), 'b2': (10,)}
    >>> net.param_count()
    79510
    >>> net.predict(np.zeros(784)).round(1)  # tiny weights: every class about equally likely
    array([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1])
    """

    def __init__(
        self,
        input_size,
        hidden_size,
        output_size,
        weight_init_std=0.01,
        rng=None,
        dtype=np.float64,
        activation="sigmoid",
    ):
        sizes = [_size(v, n) for v, n in zip((input_size, hidden_size, output_size), _SIZE_NAMES)]
        if not isinstance(activation, str) or activation not in _HIDDEN:
            raise ValueError(
                f"TwoLayerNet: activation must be 'sigmoid' (the book's chapter 4 net) or 'relu' (chapter 5), "
                f"got {activation!r}"
            )
        self.activation = activation
        self.params = init_weights(sizes, weight_init_std, rng, dtype)
        self.layers = {}
        self.lastLayer = SoftmaxWithLoss()
        self._build_layers()

    def _build_layers(self) -> None:
        """The book's layers, in order, holding references to the arrays of ``params``."""
        p = self.params
        self.layers = {
            "Affine1": Affine(p["W1"], p["b1"]),
            _HIDDEN[self.activation][0]: _HIDDEN[self.activation][1](),
            "Affine2": Affine(p["W2"], p["b2"]),
        }

    # The sizes are read from the parameters, so they stay right if a learner assigns new ones.
    @property
    def input_size(self) -> int:
        return self.params["W1"].shape[0]

    @property
    def hidden_size(self) -> int:
        return self.params["W1"].shape[1]

    @property
    def output_size(self) -> int:
        return self.params["W2"].shape[1]

    def __repr__(self) -> str:
        return (
            f"TwoLayerNet(input_size={self.input_size}, hidden_size={self.hidden_size}, "
            f"output_size={self.output_size}, dtype={self.params['W1'].dtype}, activation={self.activation!r})"
        )

    def _x(self, x, where: str) -> np.ndarray:
        """``x`` as one input (input_size,) or a batch (N, input_size) in the parameters' float type."""
        x = as_float_array(x, "x")
        if x.ndim not in (1, 2) or x.shape[-1] != self.input_size:
            raise ValueError(
                f"{where}: x must have shape (N, {self.input_size}) (a batch) or ({self.input_size},) (one "
                f"input), as W1 has shape {self.params['W1'].shape}; got x of shape {x.shape}"
            )
        return x.astype(self.params["W1"].dtype, copy=False)

    def _t(self, t, x: np.ndarray, where: str):
        """``t`` checked against x: labels (N,) in 0 ... output_size - 1, or one-hot rows (N, output_size)."""
        t = np.asarray(t)
        k = self.output_size
        labels_shape, one_hot_shape = x.shape[:-1], (*x.shape[:-1], k)
        if t.shape == one_hot_shape:
            return t
        if t.shape != labels_shape:
            raise ValueError(
                f"{where}: t must hold one class label per input of x, shape {labels_shape}, or one-hot rows "
                f"of shape {one_hot_shape}; got t of shape {t.shape} for x of shape {x.shape}"
            )
        return check_labels(t, k, "t", where)

    def predict(self, x) -> np.ndarray:
        r"""The class probabilities :math:`Y = \mathrm{softmax}(\mathrm{sigmoid}(X W_1 + b_1) W_2 + b_2)`.

        ``x``: shape (N, input_size) or (input_size,); returns shape (N, output_size) or (output_size,),
        in the parameters' float type. The same as ``nbhelpers.forward(net.params, x, output="softmax")``.

        Book §4.5.1; notebook 07.

        >>> y = TwoLayerNet(2, 3, 2, rng=0).predict([[0.5, -1.0], [1.0, 1.0]])
        >>> y.shape, y.sum(axis=1).round(6)  # one probability per class, summing to 1
        ((2, 2), array([1., 1.]))
        """
        return forward(self.params, self._x(x, "predict"), hidden=self.activation, output="softmax")

    def loss(self, x, t) -> float:
        r"""The cross-entropy error of the predictions: :math:`L = -\frac{1}{N}\sum_n \log(y_{n,t_n} + 10^{-7})`.

        ``x``: shape (N, input_size) or (input_size,); ``t``: N class labels (N,) or one-hot rows
        (N, output_size) (one label, or one row, for one input). Returns a Python float.

        Book §4.5.1; notebook 07.

        >>> net = TwoLayerNet(2, 3, 2, rng=0)
        >>> round(net.loss([[0.5, -1.0], [1.0, 1.0]], [0, 1]), 4)  # about log 2: a coin toss
        0.6931
        """
        x = self._x(x, "loss")
        t = self._t(t, x, "loss")
        return cross_entropy_error(forward(self.params, x, hidden=self.activation, output="softmax"), t)

    def accuracy(self, x, t) -> float:
        r"""The fraction of inputs whose most probable class is the right one: :math:`\frac{1}{N}\#\{n: \arg\max_k y_{nk} = t_n\}`.

        ``x``: shape (N, input_size) (or one input); ``t``: labels (N,) or one-hot rows (N, output_size).
        Returns a Python float in [0, 1].

        Book §4.5.3; notebook 07.

        >>> TwoLayerNet(2, 3, 2, rng=0).accuracy([[0.5, -1.0], [1.0, 1.0]], [0, 1])
        0.5
        """
        x = self._x(x, "accuracy")
        t = self._t(t, x, "accuracy")
        x, t = np.atleast_2d(x), np.asarray(t)
        if t.ndim == x.ndim:  # one-hot rows
            t = np.argmax(np.atleast_2d(t), axis=-1)
        if len(x) == 0:
            raise ValueError("accuracy: x holds no inputs: the accuracy of nothing is undefined")
        y = forward(self.params, x, hidden=self.activation, output="softmax")
        return float(np.mean(np.argmax(y, axis=1) == t.reshape(-1)))

    def numerical_gradient(self, x, t) -> dict:
        r"""The gradient of the loss, :math:`\partial L / \partial W` for each parameter, by central differences.

        For every parameter element w: :math:`(L(w + h) - L(w - h)) / 2h` with h = 1e-4, computed by
        :func:`nbhelpers.numerical_gradient` on ``self.params[key]`` itself (each element is changed in
        place and put back exactly), so it costs two loss evaluations per parameter. Returns a new dict
        with the keys, shapes and dtype of ``params``; ``params`` is left as it was, bit for bit.

        Book §4.5.1; notebook 07.

        >>> net = TwoLayerNet(2, 3, 2, rng=0)
        >>> grads = net.numerical_gradient([[0.5, -1.0], [1.0, 1.0]], [0, 1])
        >>> {key: g.shape for key, g in grads.items()}
        {'W1': (2, 3), 'b1': (3,), 'W2': (3, 2), 'b2': (2,)}
        """
        x = self._x(x, "numerical_gradient")
        t = self._t(t, x, "numerical_gradient")

        def loss_w(W):  # the book's lambda W: self.loss(x, t): W is self.params[key], changed in place
            return self.loss(x, t)

        return {key: _numerical_gradient(loss_w, self.params[key]) for key in ("W1", "b1", "W2", "b2")}

    def gradient(self, x, t) -> dict:
        r"""The gradient of the loss, :math:`\partial L / \partial W` for each parameter, by backpropagation.

        One forward pass through ``layers`` and ``lastLayer`` (softmax with the cross-entropy error), then one
        backward pass from ``lastLayer.backward(1)`` through the layers in reverse; each Affine layer leaves
        ``dW`` and ``db``. The first Affine layer skips dx (the derivative for the data, which nothing needs).
        The exact gradient of :meth:`loss`: it agrees with :meth:`numerical_gradient` to about 1e-9 relative
        (see :func:`nbhelpers.gradient_check`), at the cost of about three forward passes instead of two per
        parameter. Returns a new dict with the keys, shapes and dtype of ``params``; ``params`` unchanged.

        Book §5.7.2; notebook 08.

        >>> net = TwoLayerNet(2, 3, 2, rng=0, activation="relu")
        >>> grads = net.gradient([[0.5, -1.0], [1.0, 1.0]], [0, 1])
        >>> {key: g.shape for key, g in grads.items()}
        {'W1': (2, 3), 'b1': (3,), 'W2': (3, 2), 'b2': (2,)}
        """
        x = self._x(x, "gradient")
        t = self._t(t, x, "gradient")
        first = self.layers.get("Affine1")
        last = self.layers.get("Affine2")
        if (
            first is None
            or first.W is not self.params["W1"]
            or first.b is not self.params["b1"]
            or (last.W is not self.params["W2"] or last.b is not self.params["b2"])
        ):
            self._build_layers()  # params were given new arrays: the layers must use them
        layers = list(self.layers.values())
        out = x
        for layer in layers:
            out = layer.forward(out)
        self.lastLayer.forward(out, t)
        dout = self.lastLayer.backward(1)
        for layer in reversed(layers[1:]):
            dout = layer.backward(dout)
        first, last = layers[0], layers[-1]
        first._param_grads(first._dout(dout))
        return {"W1": first.dW, "b1": first.db, "W2": last.dW, "b2": last.db}

    def param_count(self) -> int:
        """The number of parameters: input·hidden + hidden + hidden·output + output.

        Book §4.5.1; notebook 07.

        >>> TwoLayerNet(2, 10, 2).param_count()  # 20 + 10 + 20 + 2
        52
        """
        return int(sum(value.size for value in self.params.values()))


_SIZE_NAMES = ("input_size", "hidden_size", "output_size")
_HIDDEN = {"sigmoid": ("Sigmoid1", Sigmoid), "relu": ("Relu1", Relu)}
