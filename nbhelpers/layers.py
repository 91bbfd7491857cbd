"""Layers: the pieces of a network, each with a forward pass and a backward pass (backpropagation).

A layer computes its output from its input (``forward``) and remembers what it needs; given the derivative
of the loss with respect to its output (``dout``, "what comes back"), ``backward`` returns the derivative
with respect to its input: what comes back, multiplied by the layer's local derivative (the chain rule).
A network is layers in a row: forward left to right, backward right to left, and each layer with
parameters (``Affine``) keeps the gradients of its parameters (``dW``, ``db``) after its backward pass.

The book's classes and signatures (§5.4–5.6), made safe: ``backward`` never changes the array it is given
(the book's ``Relu.backward`` does), float32 stays float32 through forward and backward, a backward pass
before a forward pass or a ``dout`` of the wrong shape is an error that says so. ``Affine`` holds
references to the arrays ``W`` and ``b`` it was given: an optimizer that changes them in place
(``params["W1"] -= lr * grads["W1"]``) changes the layer's weights too.

``BatchNormalization`` and ``Dropout`` (§6.3–6.4; in the private ``_mode_layers.py``) take the book's extra
``train_flg``: they compute differently while training and for inference.
"""

from __future__ import annotations

import math

import numpy as np

from ._arrays import as_float_array
from ._layer_base import checked_dout as _dout
from ._layer_base import need_forward as _need_forward
from ._layer_base import parameter_array
from ._mode_layers import BatchNormalization, Dropout
from .activations import sigmoid, tanh
from .losses import cross_entropy_error
from .outputs import softmax

__all__ = [
    "MulLayer",
    "AddLayer",
    "Relu",
    "Sigmoid",
    "Tanh",
    "Identity",
    "Affine",
    "SoftmaxWithLoss",
    "BatchNormalization",
    "Dropout",
]

#: The book's δ inside the logarithm of the cross-entropy error (``nbhelpers.cross_entropy_error``).
DELTA = 1e-7


class MulLayer:
    r"""A multiplication node: :math:`z = x y`; backward :math:`\partial L/\partial x = \frac{\partial L}{\partial z} y`,
    :math:`\partial L/\partial y = \frac{\partial L}{\partial z} x` (each input gets the *other* input).

    ``forward(x, y)`` takes numbers or arrays (broadcast as NumPy does) and remembers them;
    ``backward(dout)`` returns ``(dx, dy)``.

    Book §5.4.1; notebook 08.

    >>> mul = MulLayer()
    >>> mul.forward(100, 2)  # an apple costs 100, we buy 2
    200
    >>> mul.backward(1.1)  # 1.1 comes back: 1.1 · 2 for the price, 1.1 · 100 for the count
    (2.2, 110.00000000000001)
    """

    def __init__(self):
        self.x = None
        self.y = None

    def forward(self, x, y):
        _broadcast("MulLayer.forward", x, y)
        self.x, self.y = x, y
        with np.errstate(over="ignore"):  # beyond the float range: inf, as the formula says, no warning
            return x * y

    def backward(self, dout):
        _need_forward(self, self.x)
        _same_shape("MulLayer", dout, _broadcast("MulLayer.backward", self.x, self.y))
        with np.errstate(over="ignore"):
            return dout * self.y, dout * self.x


class AddLayer:
    r"""An addition node: :math:`z = x + y`; backward passes what comes back on unchanged to both inputs:
    :math:`\partial L/\partial x = \partial L/\partial y = \partial L/\partial z`.

    ``forward(x, y)`` takes numbers or arrays; ``backward(dout)`` returns ``(dx, dy)``, two new values
    (``dout * 1``), so changing one cannot change the other.

    Book §5.4.2; notebook 08.

    >>> add = AddLayer()
    >>> add.forward(200, 450)
    650
    >>> add.backward(1.1)
    (1.1, 1.1)
    """

    def __init__(self):
        self.shape = None  # the output's shape, which dout must have

    def forward(self, x, y):
        shape = _broadcast("AddLayer.forward", x, y)
        self.shape = shape
        with np.errstate(over="ignore"):
            return x + y

    def backward(self, dout):
        _need_forward(self, self.shape)
        _same_shape("AddLayer", dout, self.shape)
        return dout * 1, dout * 1


def _broadcast(who: str, *values) -> tuple:
    """The shape of an elementwise result of ``values``, or an error naming their shapes."""
    try:
        return np.broadcast_shapes(*(np.shape(v) for v in values))
    except ValueError:
        shapes = " and ".join(str(np.shape(v)) for v in values)
        raise ValueError(
            f"{who}: the shapes {shapes} do not fit together (NumPy cannot broadcast them)"
        ) from None


def _same_shape(who: str, dout, shape: tuple) -> None:
    if np.shape(dout) != shape:
        raise ValueError(
            f"{who}.backward: dout must have the shape of forward's output, {shape} (one derivative per "
            f"output value); got dout of shape {np.shape(dout)}"
        )


class Relu:
    r"""The ReLU layer: :math:`y = \max(x, 0)`; backward :math:`\partial L/\partial x = \partial L/\partial y`
    where x > 0, and 0 where x ≤ 0 (the local derivative is 1 or 0).

    ``forward(x)`` remembers ``mask`` (True where x ≤ 0) and returns a new array; ``backward(dout)`` returns
    a new array: dout with 0 where the mask is True. Neither changes its argument (the book's backward sets
    ``dout[mask] = 0`` in place, which changes the caller's array). dtype kept.

    Book §5.5.1; notebook 08.

    >>> relu = Relu()
    >>> relu.forward(np.array([[1.0, -0.5], [-2.0, 3.0]]))
    array([[1., 0.],
           [0., 3.]])
    >>> relu.backward(np.array([[10.0, 10.0], [10.0, 10.0]]))
    array([[10.,  0.],
           [ 0., 10.]])
    """

    def __init__(self):
        self.mask = None

    def forward(self, x):
        x = as_float_array(x, "x")
        self.mask = x <= 0
        return np.maximum(x, x.dtype.type(0))  # (a new array; NaN stays NaN)

    def backward(self, dout):
        _need_forward(self, self.mask)
        dout = _dout(dout, self.mask.shape, "Relu")
        return dout * ~self.mask  # 0 where the mask is True (times False), dout elsewhere; a new array


class Sigmoid:
    r"""The sigmoid layer: :math:`y = 1/(1 + e^{-x})`; backward
    :math:`\partial L/\partial x = \frac{\partial L}{\partial y}\, y (1 - y)`.

    ``forward(x)`` remembers its output ``out`` (the local derivative needs only y, not x); ``backward(dout)``
    returns a new array. dtype kept.

    Book §5.5.2; notebook 08.

    >>> sig = Sigmoid()
    >>> sig.forward(np.array([0.0, 2.0])).round(4)
    array([0.5   , 0.8808])
    >>> sig.backward(np.array([1.0, 1.0])).round(4)  # y (1 - y): 0.25 at x = 0
    array([0.25 , 0.105])
    """

    def __init__(self):
        self.out = None

    def forward(self, x):
        self.out = sigmoid(x)
        return self.out

    def backward(self, dout):
        _need_forward(self, self.out)
        dout = _dout(dout, self.out.shape, "Sigmoid")
        return dout * (1 - self.out) * self.out


class Tanh:
    r"""The tanh layer: :math:`y = \tanh x`; backward :math:`\partial L/\partial x = \frac{\partial L}{\partial y}(1 - y^2)`.

    As :class:`Sigmoid` (remembers ``out``, backward returns a new array, dtype kept); MultiLayerNet's "tanh".

    Not in the book (its tanh is only a function, §3.2); notebook 13.

    >>> layer = Tanh()
    >>> layer.forward(np.array([0.0, 1.0])).round(4), layer.backward(np.array([1.0, 1.0])).round(4)
    (array([0.    , 0.7616]), array([1.  , 0.42]))
    """

    def __init__(self):
        self.out = None

    def forward(self, x):
        self.out = tanh(x)
        return self.out

    def backward(self, dout):
        _need_forward(self, self.out)
        dout = _dout(dout, self.out.shape, "Tanh")
        return dout * (1 - self.out * self.out)


class Identity:
    r"""The identity ("linear") layer: :math:`y = x`, backward :math:`\partial L/\partial x = \partial L/\partial y`.

    A hidden layer without an activation function, for :class:`nbhelpers.MultiLayerNet` with
    ``activation="identity"``: the network stays linear, however many layers it has. ``forward`` and
    ``backward`` return copies (dtype kept), never the array given.

    Not in the book; notebook 13.

    >>> Identity().forward(np.array([-1.0, 2.0]))
    array([-1.,  2.])
    """

    def __init__(self):
        self.shape = None

    def forward(self, x):
        x = as_float_array(x, "x")
        self.shape = x.shape
        return x.copy()

    def backward(self, dout):
        _need_forward(self, self.shape)
        return _dout(dout, self.shape, "Identity").copy()


class Affine:
    r"""The affine (fully connected) layer: :math:`Y = X W + b`; backward
    :math:`\partial L/\partial X = \frac{\partial L}{\partial Y} W^\mathsf{T}`,
    :math:`\partial L/\partial W = X^\mathsf{T} \frac{\partial L}{\partial Y}`,
    :math:`\partial L/\partial b = \sum_n \frac{\partial L}{\partial Y_n}` (summed over the batch).

    ``W`` (D, M) and ``b`` (M,) are kept as given (references, not copies). ``forward(x)``: x of shape
    (N, D), or (N, ...) whose trailing axes hold D numbers (an image (N, 1, 28, 28) with D = 784: flattened
    per example, as the book), or one input (D,); returns (N, M) (or (M,)). ``backward(dout)``: dout of the
    output's shape; returns dx in x's original shape and sets ``dW`` (D, M) and ``db`` (M,).

    Book §5.6.2; notebook 08.

    >>> layer = Affine(np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), np.array([0.5, 0.5, 0.5]))
    >>> layer.forward(np.array([[1.0, 1.0]]))
    array([[5.5, 7.5, 9.5]])
    >>> layer.backward(np.array([[1.0, 0.0, 0.0]]))  # dx = dout Wᵀ
    array([[1., 4.]])
    >>> layer.dW[:, 0], layer.db  # dW = xᵀ dout, db = the sum of dout over the batch
    (array([1., 1.]), array([1., 0., 0.]))
    """

    def __init__(self, W, b):
        W, b = parameter_array(W, "W", 2, "Affine"), parameter_array(b, "b", 1, "Affine")
        if b.shape != (W.shape[1],):
            raise ValueError(
                f"Affine: b must have one bias per output, shape ({W.shape[1]},) for W of shape {W.shape}; "
                f"got b of shape {b.shape}"
            )
        self.W, self.b = W, b
        self.x = None
        self.original_x_shape = None
        self.dW = None
        self.db = None

    def forward(self, x):
        x = as_float_array(x, "x")
        d, shape = self.W.shape[0], x.shape
        if x.ndim == 1 and x.shape[0] == d:
            x = x.reshape(1, d)
        elif x.ndim < 2 or math.prod(x.shape[1:]) != d:
            raise ValueError(
                f"Affine.forward: x must have shape (N, {d}) (N inputs of {d} numbers each, as W has shape "
                f"{self.W.shape}) or (N, ...) with {d} numbers per input; got x of shape {x.shape}"
            )
        else:
            x = x.reshape(x.shape[0], d)
        self.x, self.original_x_shape = x, shape
        with np.errstate(over="ignore", invalid="ignore"):  # inf (and inf - inf = NaN) as the formula says
            out = x @ self.W
            out += self.b
        return out[0] if len(shape) == 1 else out

    def _dout(self, dout) -> np.ndarray:
        _need_forward(self, self.x)
        one = len(self.original_x_shape) == 1
        dout = _dout(dout, (self.W.shape[1],) if one else (len(self.x), self.W.shape[1]), "Affine")
        return dout.reshape(1, -1) if one else dout

    def _param_grads(self, dout) -> None:
        """Set ``dW`` and ``db`` only: a first layer's dx (the gradient for the data) is not needed."""
        with np.errstate(over="ignore", invalid="ignore"):
            self.dW = self.x.T @ dout
            self.db = dout.sum(axis=0)

    def backward(self, dout):
        dout = self._dout(dout)
        self._param_grads(dout)
        with np.errstate(over="ignore", invalid="ignore"):
            return (dout @ self.W.T).reshape(self.original_x_shape)


class SoftmaxWithLoss:
    r"""Softmax, then the cross-entropy error: :math:`L = -\frac{1}{N}\sum_n \log(y_{n,t_n} + \delta)` with
    :math:`y = \mathrm{softmax}(x)` and the book's :math:`\delta = 10^{-7}`; backward
    :math:`\partial L/\partial x = r\,(y - t)/N` per row, with :math:`r = y_t/(y_t + \delta)`.

    The book's backward is the clean :math:`(y - t)/N`: the exact derivative of the loss *without* δ.
    With δ (which the book's forward uses, and so does ours, to keep its numbers) the exact derivative has
    the factor r, which differs from 1 by about δ/y_t: less than 10⁻⁶ unless the right class's probability
    y_t is below 0.1, and r → 0 only when y_t is far below δ (a saturated softmax, whose loss is stuck
    at −log δ ≈ 16.1). Keeping r makes a gradient check agree to 1e-10 instead of δ/y_t.

    ``forward(x, t)``: scores x (N, K) (or one example (K,)); t as N class labels (N,) or one-hot (or
    probability) rows (N, K). Returns the loss, a Python float, and keeps ``y``, ``t`` and ``loss``.
    ``backward(dout=1)``: dout is the derivative of the final result w.r.t. this loss (1 when the loss is
    the result); returns dL/dx in x's shape and dtype. For rows t of probabilities (not one-hot), with
    :math:`s = t\,y/(y + \delta)`: :math:`\partial L/\partial x = (y \sum_k s_k - s)/N`.

    Book §5.6.3; notebook 08.

    >>> layer = SoftmaxWithLoss()
    >>> round(layer.forward(np.array([[2.0, 1.0, 0.1]]), np.array([0])), 4)
    0.417
    >>> layer.backward().round(4)  # y - t: (0.659 - 1, 0.2424, 0.0986)
    array([[-0.341 ,  0.2424,  0.0986]])
    """

    def __init__(self):
        self.y = None
        self.t = None
        self.loss = None

    def forward(self, x, t):
        x = as_float_array(x, "x")
        if x.ndim not in (1, 2):
            raise ValueError(
                f"SoftmaxWithLoss.forward: x must have shape (N, K) or (K,); got x of shape {x.shape}"
            )
        t = np.asarray(t)
        fast = _fast_softmax_loss(x, t)
        if fast is None:  # anything but a plain batch with labels: the checked functions of notebooks 03, 06
            y = softmax(x)
            loss = cross_entropy_error(y, t, delta=DELTA)  # checks t against y: shapes, labels
        else:
            y, loss = fast
        self.y, self.t, self.loss = y, t, loss
        return loss

    def backward(self, dout=1):
        _need_forward(self, self.y)
        dout = as_float_array(dout, "dout")
        if dout.ndim != 0:
            raise ValueError(
                f"SoftmaxWithLoss.backward: dout must be one number (the loss is one number); got dout of shape "
                f"{dout.shape}"
            )
        k = self.y.shape[-1]
        y, t = self.y.reshape(-1, k), self.t
        n = len(y)
        delta = y.dtype.type(DELTA)
        if t.shape == self.y.shape:  # one-hot or probability rows
            t = t.reshape(-1, k).astype(y.dtype, copy=False)
            s = t * y / (y + delta)
            dx = y * s.sum(axis=1, keepdims=True) - s
        else:  # labels: s is r at the right class and 0 elsewhere
            rows, labels = np.arange(n), t.reshape(-1)
            y_t = y[rows, labels]
            r = (y_t / (y_t + delta))[:, None]
            dx = y * r
            dx[rows, labels] -= r[:, 0]
        dx *= dout.astype(y.dtype) / y.dtype.type(n)
        return dx.reshape(self.y.shape)


def _fast_softmax_loss(x: np.ndarray, t: np.ndarray):
    """``(softmax(x), cross_entropy_error(...))`` for the training loop's case, a C-ordered float32/64 batch
    (N, K) of finite scores with N valid labels, by the same operations in the same order as
    :func:`nbhelpers.softmax` and :func:`nbhelpers.cross_entropy_error` (so bit for bit the same numbers),
    without their checks for every other case; None for any other input."""
    if not (
        x.ndim == 2
        and t.ndim == 1
        and t.dtype.kind in "iu"
        and x.dtype in _FAST_DTYPES
        and x.flags.c_contiguous
        and 0 < len(t) == len(x)
        and x.shape[1] > 0
        and t.min() >= 0
        and t.max() < x.shape[1]
    ):
        return None
    c = np.max(x, axis=-1, keepdims=True)
    if not np.all(np.isfinite(c)):
        return None
    with np.errstate(over="ignore"):
        e = x - c
    np.exp(e, out=e)
    e /= np.sum(e, axis=-1, keepdims=True)
    loss = -np.sum(np.log(e[np.arange(len(t)), t] + DELTA)) / len(t)
    return e, float(loss) + 0.0


_FAST_DTYPES = (np.dtype(np.float32), np.dtype(np.float64))
