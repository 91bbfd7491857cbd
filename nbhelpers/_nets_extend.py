"""The book's MultiLayerNetExtend: :class:`nbhelpers.nets.MultiLayerNet` with batch normalisation and dropout.

Private: re-exported by :mod:`nbhelpers.nets`, where the networks live (book §6.3.2, §6.4.3; notebook 10).
"""

from __future__ import annotations

import numpy as np

from ._arrays import as_generator
from ._nets import check_x
from .gradient import numerical_gradient as _numerical_gradient
from .layers import Affine, BatchNormalization, Dropout
from .losses import weight_decay_gradient, weight_decay_loss
from .nets import _ACTIVATION_LAYERS, MultiLayerNet
from .outputs import softmax

__all__ = ["MultiLayerNetExtend"]


class MultiLayerNetExtend(MultiLayerNet):
    r"""The book's MultiLayerNet with batch normalisation and dropout as options (common/multi_layer_net_extend.py).

    Each hidden layer k is: Affine → BatchNorm (if ``use_batchnorm``) → activation → Dropout (if
    ``use_dropout``); the last is Affine → softmax. With batch normalisation, ``params`` also holds
    ``gammak`` (ones) and ``betak`` (zeros) for each hidden layer, after the W and b (the book's order).
    ``dropout_ration`` (the book's spelling) is the share of neurons dropped while training. Everything else
    as :class:`MultiLayerNet` (``weight_decay_lambda``, ``rng``, ``dtype``).

    The two modes: ``predict(x, train_flg=False)`` and ``loss(x, t, train_flg=False)`` compute in inference
    mode unless told (BN with its running averages, dropout scaled); ``accuracy`` always does; ``gradient``
    and ``numerical_gradient`` compute in training mode (BN with the batch's statistics, a new dropout mask,
    and the running averages move, as the book's). The dropout layers draw their masks from ``self.rng``, the
    Generator the weights came from; ``numerical_gradient`` resets its state before each loss evaluation, so
    all of them use the same masks (those ``gradient`` draws when the state is reset before it, too).

    Book §6.3.2, §6.4.3; notebook 10.

    >>> net = MultiLayerNetExtend(784, [100, 100], 10, use_batchnorm=True, use_dropout=True, rng=0)
    >>> list(net.layers)[:4], list(net.params)[6:]
    (['Affine1', 'BatchNorm1', 'Activation_function1', 'Dropout1'], ['gamma1', 'beta1', 'gamma2', 'beta2'])
    """

    def __init__(
        self,
        input_size,
        hidden_size_list,
        output_size,
        activation="relu",
        weight_init_std="relu",
        weight_decay_lambda=0,
        use_dropout=False,
        dropout_ration=0.5,
        use_batchnorm=False,
        rng=None,
        dtype=np.float64,
    ):
        for name, flag in (("use_dropout", use_dropout), ("use_batchnorm", use_batchnorm)):
            if not isinstance(flag, (bool, np.bool_)):
                raise TypeError(f"MultiLayerNetExtend: {name} must be True or False, got {flag!r}")
        self.use_dropout, self.use_batchnorm = bool(use_dropout), bool(use_batchnorm)
        try:
            self.dropout_ration = Dropout(dropout_ration).dropout_ratio  # checked as Dropout checks it
        except (TypeError, ValueError) as err:
            raise type(err)(
                f"MultiLayerNetExtend: {err}".replace("dropout_ratio", "dropout_ration")
            ) from None
        self.rng = as_generator(rng)
        super().__init__(
            input_size, hidden_size_list, output_size, activation, weight_init_std, weight_decay_lambda,
            self.rng, dtype,
        )  # fmt: skip

    def _build_layers(self) -> None:
        """The book's layers in order, holding references to ``params``; BN's running averages are kept
        when the layers are rebuilt (after ``params[key]`` was given a new array)."""
        p, n = self.params, self.hidden_layer_num + 1
        old = getattr(self, "layers", {})
        self.layers = {}
        for k in range(1, n + 1):
            self.layers[f"Affine{k}"] = Affine(p[f"W{k}"], p[f"b{k}"])
            if k == n:
                break
            if self.use_batchnorm:
                size = p[f"W{k}"].shape[1]
                p.setdefault(f"gamma{k}", np.ones(size, dtype=p[f"W{k}"].dtype))
                p.setdefault(f"beta{k}", np.zeros(size, dtype=p[f"W{k}"].dtype))
                bn = BatchNormalization(p[f"gamma{k}"], p[f"beta{k}"])
                if f"BatchNorm{k}" in old:
                    bn.running_mean = old[f"BatchNorm{k}"].running_mean
                    bn.running_var = old[f"BatchNorm{k}"].running_var
                self.layers[f"BatchNorm{k}"] = bn
            self.layers[f"Activation_function{k}"] = _ACTIVATION_LAYERS[self.activation]()
            if self.use_dropout:
                self.layers[f"Dropout{k}"] = Dropout(self.dropout_ration, rng=self.rng)

    def _refresh(self) -> None:
        """Rebuild the layers if ``params`` was given new arrays (the layers must compute with them)."""
        p = self.params
        for name, layer in self.layers.items():
            if isinstance(layer, Affine):
                stale = layer.W is not p.get(f"W{name[6:]}") or layer.b is not p.get(f"b{name[6:]}")
            elif isinstance(layer, BatchNormalization):
                stale = layer.gamma is not p.get(f"gamma{name[9:]}") or layer.beta is not p.get(
                    f"beta{name[9:]}"
                )
            else:
                continue
            if stale:
                self._build_layers()
                return

    def __repr__(self) -> str:
        return (
            f"MultiLayerNetExtend(input_size={self.input_size}, hidden_size_list={self.hidden_size_list}, "
            f"output_size={self.output_size}, activation={self.activation!r}, "
            f"weight_decay_lambda={self.weight_decay_lambda}, use_dropout={self.use_dropout}, "
            f"dropout_ration={self.dropout_ration}, use_batchnorm={self.use_batchnorm}, "
            f"dtype={self.params['W1'].dtype})"
        )

    def _scores(self, x: np.ndarray, train_flg) -> np.ndarray:
        self._refresh()
        for layer in self.layers.values():
            if isinstance(layer, (BatchNormalization, Dropout)):
                x = layer.forward(x, train_flg)
            else:
                x = layer.forward(x)
        return x

    def _predict(self, x: np.ndarray) -> np.ndarray:
        return softmax(self._scores(x, False))

    def predict(self, x, train_flg=False) -> np.ndarray:
        r"""The class probabilities, through the layers in inference mode (``train_flg=False``) or in training
        mode (a BN layer normalises with this batch's statistics and moves its running averages; dropout
        draws a new mask).

        ``x``: shape (N, input_size) (or one input with ``train_flg=False``); returns (N, output_size). The
        book's ``predict`` returns the scores before the softmax; the argmax is the same.

        Book §6.3.2; notebook 10.

        >>> net = MultiLayerNetExtend(3, [4], 2, use_batchnorm=True, rng=0)
        >>> round(float(net.predict([[1.0, 0.0, -1.0]]).sum()), 6)
        1.0
        """
        x = check_x(x, self.params["W1"], "predict")
        y = softmax(self._scores(np.atleast_2d(x), _flag(train_flg)))
        return y[0] if x.ndim == 1 else y

    def loss(self, x, t, train_flg=False) -> float:
        r"""The cross-entropy error plus the weight decay :math:`\frac{\lambda}{2}\sum_k \sum_{i,j} W_{k,ij}^2`,
        in inference mode unless ``train_flg`` is True (see :meth:`predict`).

        Book §6.4.2; notebook 10.

        >>> net = MultiLayerNetExtend(2, [3], 2, use_dropout=True, rng=0)
        >>> round(net.loss([[1.0, 2.0]], [0]), 4)
        0.8665
        """
        x, t = self._xt(x, t, "loss")
        scores = self._scores(np.atleast_2d(x), _flag(train_flg))
        if x.ndim == 1:
            scores = scores[0]
        return float(
            self.last_layer.forward(scores, t) + weight_decay_loss(self.params, self.weight_decay_lambda)
        )

    def gradient(self, x, t) -> dict:
        r"""The gradient of :meth:`loss` in training mode, by backpropagation through every layer: W, b (with
        weight decay :math:`+\lambda W`) and, with BN, gamma and beta. New arrays of the parameters' shapes.

        Book §6.3.2 (§5.7.2); notebook 10.

        >>> net = MultiLayerNetExtend(2, [3], 2, use_batchnorm=True, rng=0)
        >>> sorted(net.gradient([[0.5, -1.0], [1.0, 0.0]], [1, 0]))
        ['W1', 'W2', 'b1', 'b2', 'beta1', 'gamma1']
        """
        x, t = self._xt(x, t, "gradient")
        scores = self._scores(np.atleast_2d(x), True)
        self.last_layer.forward(scores[0] if x.ndim == 1 else scores, t)
        dout = self.last_layer.backward(1).reshape(scores.shape)
        for layer in reversed(list(self.layers.values())):
            dout = layer.backward(dout)
        grads = {}
        for name, layer in self.layers.items():
            if isinstance(layer, Affine):
                grads[f"W{name[6:]}"], grads[f"b{name[6:]}"] = layer.dW, layer.db
            elif isinstance(layer, BatchNormalization):
                grads[f"gamma{name[9:]}"], grads[f"beta{name[9:]}"] = layer.dgamma, layer.dbeta
        grads = weight_decay_gradient(grads, self.params, self.weight_decay_lambda)
        return {key: grads[key] for key in self.params}

    def numerical_gradient(self, x, t) -> dict:
        r"""The gradient of the training-mode loss by central differences (h = 1e-4) for every parameter,
        each loss evaluation with the same dropout masks (``self.rng``'s state is reset before each) and BN's
        running averages put back at the end. Slow: two forward passes per parameter; for gradient checks.

        Book §6.3.2 (§4.5.1); notebook 10.

        >>> net = MultiLayerNetExtend(2, [3], 2, use_batchnorm=True, use_dropout=True, rng=0)
        >>> {k: g.shape for k, g in net.numerical_gradient([[0.5, -1.0], [1.0, 0.0]], [1, 0]).items()}["gamma1"]
        (3,)
        """
        x, t = self._xt(x, t, "numerical_gradient")
        self._refresh()  # (so that the running averages put back below are those of the layers in use)
        state = self.rng.bit_generator.state
        running = [
            (bn, bn.running_mean, bn.running_var)
            for bn in self.layers.values()
            if isinstance(bn, BatchNormalization)
        ]

        def loss_w(W):
            self.rng.bit_generator.state = state
            return self.loss(x, t, train_flg=True)

        grads = {key: _numerical_gradient(loss_w, self.params[key]) for key in list(self.params)}
        for bn, mean, var in running:
            bn.running_mean, bn.running_var = mean, var
        return grads


def _flag(train_flg) -> bool:
    if not isinstance(train_flg, (bool, np.bool_)):
        raise TypeError(f"train_flg must be True (training) or False (inference), got {train_flg!r}")
    return bool(train_flg)
