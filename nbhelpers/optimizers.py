"""Optimizers: how a network's parameters move, step by step, against the gradient of the loss.

Every optimizer has ``update(params, grads)``: ``params`` and ``grads`` are dicts of arrays under the
same names (``{"W1": ..., "b1": ..., ...}``). Each parameter that has a gradient is changed **in
place** (the array object stays the same, so a layer holding a reference to it sees the new values);
``grads`` is left as it is; a parameter without a gradient stays as it is. Whatever an optimizer
remembers between steps (a velocity, a sum of squares) is kept per parameter name, in arrays of the
parameter's shape and dtype. The hyperparameters (``lr``, ``momentum``, ...) are plain attributes: a
training loop may change them between steps. A float32 parameter stays float32. The arithmetic is the
book's, operation for operation (common/optimizer.py), so the book's classes give the same bits. A
gradient so large that its square overflows (beyond 1.8e19 in float32) gives no warning: h or v become
inf, and the step 0 (AdaGrad, RMSprop) or NaN (Adam, the step after).

The paths on 2-D surfaces (book figure 6-8): :func:`descent_path` on the :data:`SURFACES` (their code is in
nbhelpers/_surfaces.py, re-exported here).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from ._arrays import as_float_array, check_real_scalar
from ._surfaces import SURFACES, Surface, descent_path

__all__ = [
    "OPTIMIZERS",
    "SURFACES",
    "SGD",
    "AdaGrad",
    "Adam",
    "Momentum",
    "Nesterov",
    "RMSprop",
    "Surface",
    "descent_path",
    "make_optimizer",
    "smooth_curve",
]


def _check_lr(lr) -> float:
    lr = check_real_scalar(lr, "lr")
    if lr < 0:
        raise ValueError(f"lr must be >= 0 (the size of a step downhill), got {lr}")
    return lr


def _check_rate(value, name: str, meaning: str) -> float:
    value = check_real_scalar(value, name)
    if not 0 <= value < 1:
        raise ValueError(f"{name} must be in [0, 1) ({meaning}), got {value}")
    return value


def _pairs(params, grads, who: str) -> list:
    """Check ``params`` and ``grads`` before anything changes; return the (key, parameter, gradient) triples."""
    for name, value in (("params", params), ("grads", grads)):
        if not isinstance(value, Mapping):
            raise TypeError(
                f'{who}: {name} must be a dict such as {{"W1": ..., "b1": ...}}, got {type(value).__name__}'
            )
    pairs = []
    for key, g in grads.items():
        if key not in params:
            raise ValueError(
                f"{who}: grads has the key {key!r} (shape {np.shape(g)}), but params has no parameter of "
                f"that name (params holds {', '.join(map(repr, params)) or 'nothing'})"
            )
        p = params[key]
        if not isinstance(p, np.ndarray) or p.dtype.kind != "f":
            what = f"an array of dtype {p.dtype}" if isinstance(p, np.ndarray) else type(p).__name__
            raise TypeError(
                f"{who}: params[{key!r}] must be a NumPy float array, which can be changed in place; got {what}"
            )
        if type(g) is not np.ndarray or g.dtype.kind != "f":  # (a float array, the usual case, as it is)
            g = as_float_array(g, f"grads[{key!r}]")
        if g.shape != p.shape:
            raise ValueError(
                f"{who}: grads[{key!r}] has shape {g.shape}, but params[{key!r}] has shape {p.shape}: "
                "a gradient has one value per parameter"
            )
        pairs.append((key, p, g))
    return pairs


def _state(who: str, pairs: list, *stores) -> None:
    """Check every (dict, what) store against the parameters' shapes, then add zeros for new names."""
    for store, what in stores:
        for key, p, _g in pairs:
            if key in store and store[key].shape != p.shape:
                raise ValueError(
                    f"{who}: the {what} of {key!r} has shape {store[key].shape}, but params[{key!r}] has "
                    f"shape {p.shape}; use a new {who.split('.')[0]} for a new network"
                )
    for store, _what in stores:
        for key, p, _g in pairs:
            if key not in store:
                store[key] = np.zeros_like(p)


class SGD:
    r"""Stochastic gradient descent: one step downhill, :math:`W \leftarrow W - \eta \, \frac{\partial L}{\partial W}`.

    ``lr`` is the learning rate :math:`\eta`. ``update(params, grads)`` changes every parameter that has a
    gradient in place, ``params[key] -= lr * grads[key]``; each parameter has any shape, its gradient the
    same shape.

    Book §6.1.2; notebook 09.

    >>> params = {"W1": np.array([1.0, -2.0])}
    >>> SGD(lr=0.1).update(params, {"W1": np.array([0.5, 1.0])})
    >>> params["W1"]
    array([ 0.95, -2.1 ])
    """

    def __init__(self, lr=0.01):
        self.lr = _check_lr(lr)

    def update(self, params, grads) -> None:
        """One step: ``params[key] -= lr * grads[key]`` in place, for every key of ``grads``."""
        for _key, p, g in _pairs(params, grads, "SGD.update"):
            p -= self.lr * g

    def __repr__(self) -> str:
        return f"SGD(lr={self.lr!r})"


class Momentum:
    r"""Gradient descent with momentum: each parameter moves like a ball rolling downhill, keeping part of
    its velocity.

    For every parameter W with gradient :math:`g = \partial L / \partial W`, at each step
    :math:`v \leftarrow \alpha v - \eta g`, then :math:`W \leftarrow W + v` (v starts at 0; :math:`\alpha`
    is ``momentum``, :math:`\eta` is ``lr``; momentum 0 is plain SGD). The velocities are kept in the dict
    ``self.v``, one array per parameter name, of the parameter's shape and dtype. The velocity adds up the
    last steps' gradients (about :math:`1 / (1 - \alpha)` of them, 10 for 0.9): the zigzags of noisy
    mini-batches cancel and the steady downhill direction adds up.

    Book §6.1.4; notebook 09.

    >>> params, grads = {"W1": np.array([1.0, -2.0])}, {"W1": np.array([0.5, 1.0])}
    >>> opt = Momentum(lr=0.1, momentum=0.9)
    >>> opt.update(params, grads)  # v = -0.1 g
    >>> params["W1"], opt.v["W1"]
    (array([ 0.95, -2.1 ]), array([-0.05, -0.1 ]))
    >>> opt.update(params, grads)  # v = 0.9 v - 0.1 g
    >>> params["W1"]
    array([ 0.855, -2.29 ])
    """

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = _check_lr(lr)
        self.momentum = _check_rate(momentum, "momentum", "the part of the velocity kept")
        self.v = {}

    def update(self, params, grads) -> None:
        """One step, for every key of ``grads``: ``v *= momentum; v -= lr * g; params[key] += v`` in place."""
        pairs = _pairs(params, grads, "Momentum.update")
        _state("Momentum.update", pairs, (self.v, "velocity"))
        for key, p, g in pairs:
            v = self.v[key]
            v *= self.momentum
            v -= self.lr * g
            p += v

    def __repr__(self) -> str:
        return f"Momentum(lr={self.lr!r}, momentum={self.momentum!r})"


class Nesterov(Momentum):
    r"""Nesterov's accelerated gradient, the book's form: momentum that also takes the fresh gradient's step.

    :math:`v \leftarrow \alpha v - \eta g`, then :math:`W \leftarrow W + \alpha^2 v - (1 + \alpha)\,\eta g`
    (v starts at 0 and is kept in ``self.v`` per name, of the parameter's shape and dtype; :math:`\alpha` =
    ``momentum``, :math:`\eta` = ``lr``). The book cites Bengio et al. (arXiv:1212.0901), whose form has the
    *previous* velocity in :math:`\alpha^2 v`; with the new one, as the book's code has it, a step is
    :math:`\alpha^3 v_{old} - (1 + \alpha + \alpha^2)\,\eta g`: a bigger kick from the fresh gradient
    (2.71 η g for α = 0.9, against 1.9 η g), the same pace on a steady slope (10 η g).

    Book §6.1 (common/optimizer.py); notebook 09.

    >>> params = {"w": np.array([1.0])}
    >>> Nesterov(lr=0.1, momentum=0.5).update(params, {"w": np.array([2.0])})  # v = -0.2
    >>> params["w"]  # 1 + 0.25 * (-0.2) - 1.5 * 0.1 * 2
    array([0.65])
    """

    def update(self, params, grads) -> None:
        """One step: ``v *= a; v -= lr * g; params[key] += a * a * v; params[key] -= (1 + a) * lr * g``."""
        pairs = _pairs(params, grads, "Nesterov.update")
        _state("Nesterov.update", pairs, (self.v, "velocity"))
        for key, p, g in pairs:
            v = self.v[key]
            v *= self.momentum
            v -= self.lr * g
            p += self.momentum * self.momentum * v
            p -= (1 + self.momentum) * self.lr * g

    def __repr__(self) -> str:
        return f"Nesterov(lr={self.lr!r}, momentum={self.momentum!r})"


class AdaGrad:
    r"""AdaGrad: each parameter gets its own learning rate, smaller the more it has already moved.

    :math:`h \leftarrow h + g \odot g`, then :math:`W \leftarrow W - \eta \, \frac{g}{\sqrt{h} + 10^{-7}}`
    (elementwise; h starts at 0 and is kept in ``self.h`` per name, of the parameter's shape and dtype).
    The first step moves every element by about :math:`\eta`, whatever the size of its gradient; h only
    grows, so the steps shrink towards 0 (RMSprop forgets old gradients instead).

    Book §6.1.5; notebook 09.

    >>> params, opt = {"w": np.array([1.0, 1.0])}, AdaGrad(lr=0.5)
    >>> opt.update(params, {"w": np.array([4.0, 0.001])})  # both move by lr = 0.5
    >>> params["w"].round(3), opt.h["w"]
    (array([0.5, 0.5]), array([1.6e+01, 1.0e-06]))
    """

    def __init__(self, lr=0.01):
        self.lr = _check_lr(lr)
        self.h = {}

    def update(self, params, grads) -> None:
        """One step, for every key of ``grads``: ``h += g * g; params[key] -= lr * g / (sqrt(h) + 1e-7)``."""
        pairs = _pairs(params, grads, "AdaGrad.update")
        _state("AdaGrad.update", pairs, (self.h, "sum of squared gradients h"))
        with np.errstate(over="ignore", invalid="ignore"):
            for key, p, g in pairs:
                h = self.h[key]
                h += g * g
                p -= self.lr * g / (np.sqrt(h) + 1e-7)

    def __repr__(self) -> str:
        return f"AdaGrad(lr={self.lr!r})"


class RMSprop:
    r"""RMSprop: AdaGrad with a memory that fades, so the steps do not shrink for ever.

    :math:`h \leftarrow \rho h + (1 - \rho)\, g \odot g`, then
    :math:`W \leftarrow W - \eta \, \frac{g}{\sqrt{h} + 10^{-7}}` (elementwise; :math:`\rho` = ``decay_rate``,
    :math:`\eta` = ``lr``; h starts at 0 and is kept in ``self.h`` per name, of the parameter's shape and
    dtype). h is a moving average of g² over about :math:`1 / (1 - \rho)` steps (100 for 0.99); the first
    step moves each element by about :math:`\eta / \sqrt{1 - \rho}` (10 η).

    Book §6.1.5; notebook 09.

    >>> params = {"w": np.array([1.0])}
    >>> RMSprop(lr=0.01, decay_rate=0.99).update(params, {"w": np.array([3.0])})  # h = 0.09
    >>> params["w"].round(6)  # 1 - 0.01 * 3 / 0.3
    array([0.9])
    """

    def __init__(self, lr=0.01, decay_rate=0.99):
        self.lr = _check_lr(lr)
        self.decay_rate = _check_rate(decay_rate, "decay_rate", "the part of h kept at each step")
        self.h = {}

    def update(self, params, grads) -> None:
        """One step: ``h *= rho; h += (1 - rho) * g * g; params[key] -= lr * g / (sqrt(h) + 1e-7)``."""
        pairs = _pairs(params, grads, "RMSprop.update")
        _state("RMSprop.update", pairs, (self.h, "moving average of squared gradients h"))
        with np.errstate(over="ignore", invalid="ignore"):
            for key, p, g in pairs:
                h = self.h[key]
                h *= self.decay_rate
                h += (1 - self.decay_rate) * g * g
                p -= self.lr * g / (np.sqrt(h) + 1e-7)

    def __repr__(self) -> str:
        return f"RMSprop(lr={self.lr!r}, decay_rate={self.decay_rate!r})"


class Adam:
    r"""Adam: momentum (a moving average m of g) and RMSprop (a moving average v of g²) together.

    At step t (``self.iter``, counted over all parameters like the book), per element:
    :math:`m \leftarrow m + (1 - \beta_1)(g - m)`, :math:`v \leftarrow v + (1 - \beta_2)(g^2 - v)`, then
    :math:`W \leftarrow W - \eta_t \frac{m}{\sqrt{v} + 10^{-7}}` with
    :math:`\eta_t = \eta \sqrt{1 - \beta_2^t} / (1 - \beta_1^t)` (m, v start at 0, kept in ``self.m`` and
    ``self.v`` per name, of the parameter's shape and dtype). This is the book's form and the Adam paper's
    "efficient" one; the paper's :math:`\hat m / (\sqrt{\hat v} + \epsilon)` with
    :math:`\hat m = m / (1 - \beta_1^t)`, :math:`\hat v = v / (1 - \beta_2^t)` differs only in where ε
    sits (here :math:`\epsilon / \sqrt{1 - \beta_2^t}`). The bias correction makes the first step about
    :math:`\eta` per element for a gradient of any size; ``bias_correction=False`` (:math:`\eta_t = \eta`)
    makes it :math:`\eta (1 - \beta_1) / \sqrt{1 - \beta_2}` (3.16 η with the defaults).

    Book §6.1.6; notebook 09.

    >>> params = {"w": np.array([1.0, 1.0])}
    >>> Adam(lr=0.1).update(params, {"w": np.array([1000.0, 0.01])})  # both move by about lr
    >>> params["w"].round(3)
    array([0.9, 0.9])
    """

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, bias_correction=True):
        self.lr = _check_lr(lr)
        self.beta1 = _check_rate(beta1, "beta1", "the part of the average m kept at each step")
        self.beta2 = _check_rate(beta2, "beta2", "the part of the average v kept at each step")
        if not isinstance(bias_correction, (bool, np.bool_)):
            raise TypeError(f"bias_correction must be True or False, got {bias_correction!r}")
        self.bias_correction = bool(bias_correction)
        self.iter = 0
        self.m, self.v = {}, {}

    def update(self, params, grads) -> None:
        """One step: ``iter += 1``, then per key ``m += (1 - b1) * (g - m); v += (1 - b2) * (g**2 - v);
        params[key] -= lr_t * m / (sqrt(v) + 1e-7)``."""
        pairs = _pairs(params, grads, "Adam.update")
        _state("Adam.update", pairs, (self.m, "first moment m"), (self.v, "second moment v"))
        self.iter += 1
        lr_t = float(self.lr)  # a Python float, even if a loop set a NumPy one: float32 stays float32
        if self.bias_correction:
            lr_t = lr_t * math.sqrt(1.0 - self.beta2**self.iter) / (1.0 - self.beta1**self.iter)
        with np.errstate(over="ignore", invalid="ignore"):
            for key, p, g in pairs:
                m, v = self.m[key], self.v[key]
                m += (1 - self.beta1) * (g - m)
                v += (1 - self.beta2) * (g**2 - v)
                p -= lr_t * m / (np.sqrt(v) + 1e-7)

    def __repr__(self) -> str:
        extra = "" if self.bias_correction else ", bias_correction=False"
        return f"Adam(lr={self.lr!r}, beta1={self.beta1!r}, beta2={self.beta2!r}{extra})"


#: The optimizers by the book's names (the keys of its Trainer's dict, spelled right).
OPTIMIZERS = {
    "SGD": SGD,
    "Momentum": Momentum,
    "Nesterov": Nesterov,
    "AdaGrad": AdaGrad,
    "RMSprop": RMSprop,
    "Adam": Adam,
}
_ALIASES = {**{name.lower(): name for name in OPTIMIZERS}, "rmsprpo": "RMSprop"}  # the Trainer's typo too


def make_optimizer(name, **params):
    """A new optimizer from its name, in any case ("sgd", "Adam", "rmsprop"), with these hyperparameters.

    ``params`` are the class's keyword arguments (``lr``, ``momentum``, ...). The book's Trainer spells
    RMSprop "rmsprpo": accepted too. An unknown name raises a ``ValueError`` listing the names.

    Book §6.1 (common/trainer.py); notebook 09.

    >>> make_optimizer("adam", lr=0.01)
    Adam(lr=0.01, beta1=0.9, beta2=0.999)
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be the name of an optimizer (a str), got {type(name).__name__} {name!r}")
    if name.lower() not in _ALIASES:
        raise ValueError(f"unknown optimizer {name!r}: choose one of {', '.join(OPTIMIZERS)} (in any case)")
    return OPTIMIZERS[_ALIASES[name.lower()]](**params)


def smooth_curve(x) -> np.ndarray:
    r"""A noisy curve (one loss per step) smoothed for plotting: the book's Kaiser-windowed moving average.

    :math:`y_i = \sum_{j=-5}^{5} w_j x_{i+j} / \sum_j w_j`, with :math:`w` the Kaiser window of length 11
    and β = 2 (``np.kaiser(11, 2)``: weights from 0.44 at the ends to 1 in the middle). At the ends x is
    mirrored as the book does it: :math:`x_{-k} = x_k`, :math:`x_{n-1+k} = x_{n-k}`. x: a 1-D array (or
    list) of at least 11 values; returns an array of the same shape and float dtype.

    Book §6.1.8 (common/util.py); notebook 09.

    >>> smooth_curve(np.full(12, 2.0))
    array([2., 2., 2., 2., 2., 2., 2., 2., 2., 2., 2., 2.])
    """
    x = as_float_array(x, "x")
    if x.ndim != 1 or len(x) < 11:
        raise ValueError(
            f"x must be a 1-D curve of at least 11 values (the window's length), got shape {x.shape}"
        )
    window_len = 11
    s = np.r_[x[window_len - 1 : 0 : -1], x, x[-1:-window_len:-1]]
    w = np.kaiser(window_len, 2)
    y = np.convolve(w / w.sum(), s, mode="valid")
    return y[5 : len(y) - 5].astype(x.dtype, copy=False)
