"""Optimizers: how a network's parameters move, step by step, against the gradient of the loss.

Every optimizer has ``update(params, grads)``: ``params`` and ``grads`` are dicts of arrays under the
same names (``{"W1": ..., "b1": ..., ...}``). Each parameter that has a gradient is changed **in
place** (the array object stays the same, so a layer holding a reference to it sees the new values);
``grads`` is left as it is; a parameter without a gradient stays as it is. Whatever an optimizer
remembers between steps (the velocity of Momentum) is kept per parameter name. The learning rate
``lr`` (and ``momentum``) are plain attributes: a training loop may change them between steps. A
float32 parameter stays float32.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from ._arrays import as_float_array, check_real_scalar

__all__ = ["SGD", "Momentum"]


def _check_lr(lr) -> float:
    lr = check_real_scalar(lr, "lr")
    if lr < 0:
        raise ValueError(f"lr must be >= 0 (the size of a step downhill), got {lr}")
    return lr


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


class SGD:
    r"""Stochastic gradient descent: one step downhill, :math:`W \leftarrow W - \eta \, \frac{\partial L}{\partial W}`.

    ``lr`` is the learning rate :math:`\eta`. ``update(params, grads)`` changes every parameter that has a
    gradient in place, ``params[key] -= lr * grads[key]``; each parameter has any shape, its gradient the
    same shape.

    Book §6.1.2; notebooks 07 and 09 (to come).

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

    Book §6.1.4; notebook 09 (to come).

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
        momentum = check_real_scalar(momentum, "momentum")
        if not 0 <= momentum < 1:
            raise ValueError(f"momentum must be in [0, 1) (the part of the velocity kept), got {momentum}")
        self.momentum = momentum
        self.v = {}

    def update(self, params, grads) -> None:
        """One step, for every key of ``grads``: ``v *= momentum; v -= lr * g; params[key] += v`` in place."""
        pairs = _pairs(params, grads, "Momentum.update")
        for key, p, _g in pairs:
            if key in self.v and self.v[key].shape != p.shape:
                raise ValueError(
                    f"Momentum.update: the velocity of {key!r} has shape {self.v[key].shape}, but params[{key!r}] "
                    f"has shape {p.shape}; use a new Momentum for a new network"
                )
        for key, p, g in pairs:
            if key not in self.v:
                self.v[key] = np.zeros_like(p)
            v = self.v[key]
            v *= self.momentum
            v -= self.lr * g
            p += v

    def __repr__(self) -> str:
        return f"Momentum(lr={self.lr!r}, momentum={self.momentum!r})"
