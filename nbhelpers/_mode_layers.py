"""The two layers that behave differently while training and afterwards: batch normalisation and dropout.

Their ``forward(x, train_flg=True)`` takes the book's flag: True while training (normalise with the batch's own
statistics; drop random neurons), False for inference (normalise with the running averages; keep every neuron,
scaled). Private: re-exported by :mod:`nbhelpers.layers`, where the other layers live (book §6.3, §6.4.3).
"""

from __future__ import annotations

import math

import numpy as np

from ._arrays import as_float_array, as_generator, check_real_scalar
from ._layer_base import checked_dout, need_forward, parameter_array

__all__ = ["BatchNormalization", "Dropout", "EPS"]

#: The book's ε under the square root of batch normalisation (it writes 10e-7, which is 1e-6).
EPS = 10e-7


def _train_flg(train_flg, who: str) -> bool:
    if not isinstance(train_flg, (bool, np.bool_)):
        raise TypeError(
            f"{who}.forward: train_flg must be True (training) or False (inference), got "
            f"{type(train_flg).__name__} {train_flg!r}"
        )
    return bool(train_flg)


class BatchNormalization:
    r"""Batch normalisation: each value normalised over the batch, then scaled and shifted:
    :math:`\hat x = (x - \mu_B)/\sqrt{\sigma_B^2 + \varepsilon}`, :math:`y = \gamma \hat x + \beta`.

    Training (``train_flg=True``): :math:`\mu_B` and :math:`\sigma_B^2` are the mean and the (biased, divided
    by N) variance of each column over the batch of N rows, and the running averages follow them:
    ``running_mean = momentum·running_mean + (1 − momentum)·μ_B`` (the same for the variance). Inference
    (``train_flg=False``): the running averages take their place, so one input's output does not depend on
    the others of its batch. ε = 10e-7 (= 1e-6), the book's.

    ``gamma``, ``beta``: 1-D float arrays of D values, kept as given (references: an optimizer changes them in
    place). ``forward(x, train_flg=True)``: x (N, D), or (N, C, H, W) with C·H·W = D, normalised per value as
    the book's (not per channel); returns x's shape. ``backward(dout)`` returns dx and sets ``dgamma``,
    ``dbeta`` (the book's steps, through the computational graph); ``running_mean`` and ``running_var`` start
    as zeros on the first forward unless given.

    Book §6.3.1 (common/layers.py); notebook 10.

    >>> bn = BatchNormalization(np.ones(1), np.zeros(1))
    >>> bn.forward(np.array([[1.0], [2.0], [3.0]])).round(4)  # mean 2, variance 2/3
    array([[-1.2247],
           [ 0.    ],
           [ 1.2247]])
    >>> bn.running_mean, bn.running_var.round(4)  # 0.1 of the batch's, after one step
    (array([0.2]), array([0.0667]))
    """

    def __init__(self, gamma, beta, momentum=0.9, running_mean=None, running_var=None):
        self.gamma = parameter_array(gamma, "gamma", 1, "BatchNormalization")
        self.beta = parameter_array(beta, "beta", 1, "BatchNormalization")
        if beta.shape != gamma.shape:
            raise ValueError(
                f"BatchNormalization: beta must have gamma's shape {gamma.shape} (one pair per value); got "
                f"beta of shape {beta.shape}"
            )
        self.momentum = check_real_scalar(momentum, "momentum")
        if not 0 <= self.momentum <= 1:
            raise ValueError(f"BatchNormalization: momentum must lie in [0, 1], got {self.momentum}")
        self.input_shape = None  # the book's: the shape of the last forward's x
        for name, value in (("running_mean", running_mean), ("running_var", running_var)):
            if value is not None:
                value = as_float_array(value, name)
                if value.shape != gamma.shape:
                    raise ValueError(
                        f"BatchNormalization: {name} must have gamma's shape {gamma.shape}; got shape {value.shape}"
                    )
            setattr(self, name, value)
        self.batch_size = None
        self.xc = None
        self.xn = None
        self.std = None
        self.train_flg = None
        self.dgamma = None
        self.dbeta = None

    def forward(self, x, train_flg=True):
        train_flg = _train_flg(train_flg, "BatchNormalization")
        x = as_float_array(x, "x")
        d = self.gamma.shape[0]
        if x.ndim < 2 or math.prod(x.shape[1:]) != d:
            raise ValueError(
                f"BatchNormalization.forward: x must have shape (N, {d}) or (N, C, H, W) with C·H·W = {d} "
                f"values per input, as gamma has shape {self.gamma.shape}; got x of shape {x.shape}"
            )
        if train_flg and len(x) == 0:
            raise ValueError(
                "BatchNormalization.forward: x holds no inputs: a batch's mean needs one at least"
            )
        self.input_shape = x.shape
        x = x.reshape(len(x), d)
        if self.running_mean is None:  # each starts at zeros, unless it was given (as the book's)
            self.running_mean = np.zeros(d, dtype=x.dtype)
        if self.running_var is None:
            self.running_var = np.zeros(d, dtype=x.dtype)
        with np.errstate(over="ignore", invalid="ignore"):  # inf and NaN go through as the formula says
            if train_flg:
                mu = x.mean(axis=0)
                xc = x - mu
                var = np.mean(xc**2, axis=0)
                std = np.sqrt(var + EPS)
                m = self.momentum
                self.running_mean = m * self.running_mean + (1 - m) * mu
                self.running_var = m * self.running_var + (1 - m) * var
            else:
                xc = x - self.running_mean
                std = np.sqrt(self.running_var + EPS)
            xn = xc / std
            out = self.gamma * xn + self.beta
        self.batch_size, self.xc, self.xn, self.std, self.train_flg = len(x), xc, xn, std, train_flg
        return out.reshape(self.input_shape)

    def backward(self, dout):
        need_forward(self, self.xn)
        d = self.gamma.shape[0]
        dout = checked_dout(dout, self.input_shape, "BatchNormalization").reshape(self.batch_size, d)
        n, xc, std = self.batch_size, self.xc, self.std
        with np.errstate(over="ignore", invalid="ignore"):
            self.dbeta = dout.sum(axis=0)
            self.dgamma = np.sum(self.xn * dout, axis=0)
            dxn = self.gamma * dout
            dxc = dxn / std
            if self.train_flg:  # μ and σ depend on every x of the batch: their paths back add up
                dstd = -np.sum((dxn * xc) / (std * std), axis=0)
                dvar = 0.5 * dstd / std
                dxc += (2.0 / n) * xc * dvar
                dmu = np.sum(dxc, axis=0)
                dx = dxc - dmu / n
            else:  # the running averages are constants: only x's own path
                dx = dxc
        return dx.astype(dout.dtype, copy=False).reshape(self.input_shape)


class Dropout:
    r"""Dropout: while training, each value is dropped (set to 0) with probability ``dropout_ratio``;
    for inference every value is kept and scaled by :math:`1 - r`, the share kept on average.

    Training (``train_flg=True``): a new mask :math:`m_i = [u_i > r]` with :math:`u_i` uniform in [0, 1),
    drawn from ``rng``, and :math:`y = x \odot m`; ``backward`` passes :math:`dout \odot m` (a dropped
    value passes nothing back). Inference: :math:`y = (1 - r)\,x` (the book's form; "inverted dropout"
    divides by 1 − r while training instead). ``rng``: an int seed, a ``np.random.Generator`` (the same one
    for every dropout layer of a network) or None (a fresh one); NumPy's global random state is never used.

    Book §6.4.3; notebook 10.

    >>> layer = Dropout(0.5, rng=0)
    >>> layer.forward(np.array([1.0, 2.0, 3.0, 4.0]))  # about half dropped
    array([1., 0., 0., 0.])
    >>> layer.backward(np.ones(4)), layer.forward(np.array([1.0, 2.0]), train_flg=False)
    (array([1., 0., 0., 0.]), array([0.5, 1. ]))
    """

    def __init__(self, dropout_ratio=0.5, rng=None):
        ratio = check_real_scalar(dropout_ratio, "dropout_ratio")
        if not 0 <= ratio < 1:
            raise ValueError(
                f"Dropout: dropout_ratio must lie in [0, 1) (the share of values dropped), got {ratio}"
            )
        self.dropout_ratio = ratio
        self.rng = as_generator(rng)
        self.mask = None
        self.train_flg = None
        self.input_shape = None

    def forward(self, x, train_flg=True):
        train_flg = _train_flg(train_flg, "Dropout")
        x = as_float_array(x, "x")
        self.train_flg, self.input_shape = train_flg, x.shape
        if train_flg:
            self.mask = self.rng.random(x.shape) > self.dropout_ratio
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        need_forward(self, self.train_flg)
        dout = checked_dout(dout, self.input_shape, "Dropout")
        if not self.train_flg:  # the derivative of the inference scaling
            return dout * (1.0 - self.dropout_ratio)
        return dout * self.mask
