"""Networks as objects: the book's ``TwoLayerNet``, ``MultiLayerNet`` and ``MultiLayerNetExtend``, which hold their parameters and
know their loss.

A network object keeps its weights and biases in the dict ``params`` (``{"W1": ..., "b1": ..., "W2": ...,
"b2": ...}``, the same protocol as :func:`nbhelpers.forward`'s networks) and computes, for a batch x of
inputs and its right answers t: ``predict(x)`` (the outputs), ``loss(x, t)`` (how wrong they are),
``accuracy(x, t)`` (how often the most probable class is right) and ``numerical_gradient(x, t)`` (which
way each parameter should move). A training loop (:func:`nbhelpers.train`) needs nothing more.

The parameters are changed **in place** by the optimizer (``params[key] -= lr * grad``); the network
never rebinds ``params[key]``, so anything holding a reference to those arrays sees the new values.
"""

from __future__ import annotations

import numpy as np

from ._arrays import check_real_scalar
from ._nets import LayeredNet, check_x, layer_size
from .layers import Affine, Identity, Relu, Sigmoid, SoftmaxWithLoss, Tanh
from .losses import cross_entropy_error, weight_decay_gradient, weight_decay_loss
from .network import init_weights

__all__ = [
    "TwoLayerNet",
    "MultiLayerNet",
    "MultiLayerNetExtend",
    "SimpleConvNet",
    "pretrained_convnet",
    "pretrained_convnet_settings",
]


class TwoLayerNet(LayeredNet):
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
        sizes = [layer_size(v, n) for v, n in zip((input_size, hidden_size, output_size), _SIZE_NAMES)]
        if not isinstance(activation, str) or activation not in _HIDDEN:
            raise ValueError(
                f"TwoLayerNet: activation must be 'sigmoid' (the book's chapter 4 net) or 'relu' (chapter 5), "
                f"got {activation!r}"
            )
        self.activation = activation
        self.params = init_weights(sizes, weight_init_std, rng, dtype)
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

    @property
    def hidden_size(self) -> int:
        return self.params["W1"].shape[1]

    def __repr__(self) -> str:
        return (
            f"TwoLayerNet(input_size={self.input_size}, hidden_size={self.hidden_size}, "
            f"output_size={self.output_size}, dtype={self.params['W1'].dtype}, activation={self.activation!r})"
        )

    def predict(self, x) -> np.ndarray:
        r"""The class probabilities :math:`Y = \mathrm{softmax}(\mathrm{sigmoid}(X W_1 + b_1) W_2 + b_2)`.

        ``x``: shape (N, input_size) or (input_size,); returns shape (N, output_size) or (output_size,),
        in the parameters' float type. The same as ``nbhelpers.forward(net.params, x, output="softmax")``.

        Book §4.5.1; notebook 07.

        >>> y = TwoLayerNet(2, 3, 2, rng=0).predict([[0.5, -1.0], [1.0, 1.0]])
        >>> y.shape, y.sum(axis=1).round(6)  # one probability per class, summing to 1
        ((2, 2), array([1., 1.]))
        """
        return self._predict(check_x(x, self.params["W1"], "predict"))

    def loss(self, x, t) -> float:
        r"""The cross-entropy error of the predictions: :math:`L = -\frac{1}{N}\sum_n \log(y_{n,t_n} + 10^{-7})`.

        ``x``: shape (N, input_size) or (input_size,); ``t``: N class labels (N,) or one-hot rows
        (N, output_size) (one label, or one row, for one input). Returns a Python float.

        Book §4.5.1; notebook 07.

        >>> net = TwoLayerNet(2, 3, 2, rng=0)
        >>> round(net.loss([[0.5, -1.0], [1.0, 1.0]], [0, 1]), 4)  # about log 2: a coin toss
        0.6931
        """
        x, t = self._xt(x, t, "loss")
        return cross_entropy_error(self._predict(x), t)

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
        first, last = self._backprop(*self._xt(x, t, "gradient"), self.lastLayer)
        return {"W1": first.dW, "b1": first.db, "W2": last.dW, "b2": last.db}


class MultiLayerNet(LayeredNet):
    r"""The book's fully connected network of any depth: inputs → hidden layers (ReLU or sigmoid) → softmax.

    With L = len(hidden_size_list) + 1 layers: :math:`Z_0 = X`, :math:`Z_k = h(Z_{k-1} W_k + b_k)` for
    k < L, :math:`Y = \mathrm{softmax}(Z_{L-1} W_L + b_L)`; the loss is the cross-entropy error plus the
    weight decay of every weight matrix (not the biases), as the book's:
    :math:`L = -\frac{1}{N}\sum_n \log(y_{n,t_n} + 10^{-7}) + \frac{\lambda}{2}\sum_k \sum_{i,j} W_{k,ij}^2`.

    The book's arguments: ``hidden_size_list`` (e.g. [100, 100, 100]; [] gives softmax regression),
    ``activation`` "relu" or "sigmoid" (h; also "tanh" and "identity", no activation: notebook 13), ``weight_init_std`` "relu"/"he" (std :math:`\sqrt{2/n}`, n the
    layer's inputs), "sigmoid"/"xavier" (:math:`\sqrt{1/n}`) or a number (see
    :func:`nbhelpers.init_weights`), ``weight_decay_lambda`` λ >= 0 (an attribute a loop may change); and
    ``rng`` and ``dtype`` as :class:`TwoLayerNet`'s (float32 stays float32 everywhere). ``params`` =
    {"W1": (input_size, hidden_size_list[0]), "b1", ..., "WL": (..., output_size), "bL"}.

    Methods as :class:`TwoLayerNet`'s: ``predict``, ``loss``, ``accuracy``, ``numerical_gradient``,
    ``gradient`` (backpropagation), ``param_count()``. The book's attributes: ``layers`` ("Affine1",
    "Activation_function1", ..., "AffineL", holding references to the arrays of ``params``; rebuilt when
    ``params[key]`` is given a new array) and ``last_layer`` (a SoftmaxWithLoss).

    Book §6.1.8, §6.2.4, §6.4.2 (common/multi_layer_net.py); notebook 09.

    >>> net = MultiLayerNet(784, [100, 100], 10, rng=0)
    >>> {key: value.shape for key, value in net.params.items()}
    {'W1': (784, 100), 'b1': (100,), 'W2': (100, 100), 'b2': (100,), 'W3': (100, 10), 'b3': (10,)}
    >>> list(net.layers), net.param_count()
    (['Affine1', 'Activation_function1', 'Affine2', 'Activation_function2', 'Affine3'], 89610)
    """

    def __init__(
        self,
        input_size,
        hidden_size_list,
        output_size,
        activation="relu",
        weight_init_std="relu",
        weight_decay_lambda=0,
        rng=None,
        dtype=np.float64,
    ):
        if isinstance(hidden_size_list, (str, bytes)) or not np.iterable(hidden_size_list):
            raise TypeError(
                f"hidden_size_list must be a list of layer sizes such as [100, 100, 100] ([] for none), "
                f"got {type(hidden_size_list).__name__} {hidden_size_list!r}"
            )
        hidden = [layer_size(v, f"hidden_size_list[{i}]") for i, v in enumerate(hidden_size_list)]
        sizes = [layer_size(input_size, "input_size"), *hidden, layer_size(output_size, "output_size")]
        if not isinstance(activation, str) or activation not in _ACTIVATION_LAYERS:
            raise ValueError(
                f"MultiLayerNet: activation must be one of {list(_ACTIVATION_LAYERS)}, got {activation!r}"
            )
        lam = check_real_scalar(weight_decay_lambda, "weight_decay_lambda")
        if lam < 0:
            raise ValueError(f"weight_decay_lambda must be >= 0 (0: no weight decay), got {lam}")
        self.activation = activation
        self.weight_decay_lambda = lam
        self.params = init_weights(sizes, weight_init_std, rng, dtype)
        self.last_layer = SoftmaxWithLoss()
        self._build_layers()

    def _build_layers(self) -> None:
        """The book's layers, in order, holding references to the arrays of ``params``."""
        p, n = self.params, self.hidden_layer_num + 1
        self.layers = {}
        for k in range(1, n + 1):
            self.layers[f"Affine{k}"] = Affine(p[f"W{k}"], p[f"b{k}"])
            if k < n:
                self.layers[f"Activation_function{k}"] = _ACTIVATION_LAYERS[self.activation]()

    @property
    def hidden_layer_num(self) -> int:
        return sum(key.startswith("W") for key in self.params) - 1

    @property
    def hidden_size_list(self) -> list:
        return [self.params[f"W{k}"].shape[1] for k in range(1, self.hidden_layer_num + 1)]

    def __repr__(self) -> str:
        return (
            f"MultiLayerNet(input_size={self.input_size}, hidden_size_list={self.hidden_size_list}, "
            f"output_size={self.output_size}, activation={self.activation!r}, "
            f"weight_decay_lambda={self.weight_decay_lambda}, dtype={self.params['W1'].dtype})"
        )

    def predict(self, x) -> np.ndarray:
        r"""The class probabilities :math:`Y = \mathrm{softmax}(Z_{L-1} W_L + b_L)` (see the class).

        ``x``: shape (N, input_size) or (input_size,); returns (N, output_size) or (output_size,). The book's
        ``predict`` returns the scores before the softmax, :math:`Z_{L-1} W_L + b_L`; the most probable
        class (their argmax) is the same.

        Book §6.1.8; notebook 09.

        >>> round(float(MultiLayerNet(3, [4], 2, rng=0).predict([1.0, 0.0, -1.0]).sum()), 6)  # probabilities
        1.0
        """
        return self._predict(check_x(x, self.params["W1"], "predict"))

    def loss(self, x, t) -> float:
        r"""The cross-entropy error plus the weight decay :math:`\frac{\lambda}{2}\sum_k \sum_{i,j} W_{k,ij}^2`.

        ``x`` and ``t`` as for :meth:`TwoLayerNet.loss`; returns a Python float.

        Book §6.4.2; notebook 09.

        >>> net = MultiLayerNet(2, [], 2, weight_decay_lambda=0.5, rng=0)
        >>> net.params["W1"][...] = [[1.0, 0.0], [0.0, 1.0]]  # softmax([0, 0]): log 2, and 0.25 · (1 + 1)
        >>> round(net.loss([[0.0, 0.0]], [1]), 4)
        1.1931
        """
        x, t = self._xt(x, t, "loss")
        return float(
            cross_entropy_error(self._predict(x), t)
            + weight_decay_loss(self.params, self.weight_decay_lambda)
        )

    def gradient(self, x, t) -> dict:
        r"""The gradient of :meth:`loss` by backpropagation: :math:`\partial L/\partial W_k` = the layer's dW
        :math:`+ \lambda W_k`, :math:`\partial L/\partial b_k` = its db.

        A forward pass through ``layers`` and ``last_layer``, a backward pass from ``last_layer.backward(1)``;
        the first Affine layer skips dx. Returns new arrays of the parameters' shapes and dtype; agrees with
        :meth:`numerical_gradient` to better than 1e-7 relative (:func:`nbhelpers.gradient_check`).

        Book §6.4.2 (§5.7.2); notebook 09.

        >>> net = MultiLayerNet(2, [3, 3], 2, weight_decay_lambda=0.1, rng=0)
        >>> {key: g.shape for key, g in net.gradient([[0.5, -1.0]], [1]).items()}
        {'W1': (2, 3), 'b1': (3,), 'W2': (3, 3), 'b2': (3,), 'W3': (3, 2), 'b3': (2,)}
        """
        affines = self._backprop(*self._xt(x, t, "gradient"), self.last_layer)
        grads = {}
        for k, affine in enumerate(affines, start=1):
            grads[f"W{k}"], grads[f"b{k}"] = affine.dW, affine.db
        return weight_decay_gradient(grads, self.params, self.weight_decay_lambda)


_SIZE_NAMES = ("input_size", "hidden_size", "output_size")
_HIDDEN = {"sigmoid": ("Sigmoid1", Sigmoid), "relu": ("Relu1", Relu)}
_ACTIVATION_LAYERS = {"relu": Relu, "sigmoid": Sigmoid, "tanh": Tanh, "identity": Identity}


# The class with batch normalisation and dropout lives in its own module (this one would pass 420 lines); it
# builds on MultiLayerNet, defined above, so it is imported last. The convolutional network (book §7.5;
# notebook 12) has its own module too.
from ._conv_net import SimpleConvNet, pretrained_convnet, pretrained_convnet_settings  # noqa: E402
from ._nets_extend import MultiLayerNetExtend  # noqa: E402
