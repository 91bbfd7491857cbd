"""Activation functions h(a) and their derivatives h'(a), element by element.

Every function here takes a number, a (nested) list or an array of any shape, and returns a
NumPy array of the same shape. A float array keeps its dtype (float32 stays float32); integers
and booleans become float64. No function warns for finite input, however large; NaN stays NaN.
Text, complex numbers and other non-numbers raise a ``TypeError`` that names the argument.
"""

from __future__ import annotations

import numpy as np

from ._arrays import as_float_array, check_real_scalar

__all__ = [
    "step_function",
    "sigmoid",
    "relu",
    "tanh",
    "leaky_relu",
    "step_function_grad",
    "sigmoid_grad",
    "relu_grad",
    "tanh_grad",
    "leaky_relu_grad",
    "ACTIVATIONS",
    "ACTIVATION_LABELS",
    "evaluate",
]


# log of the smallest normal number of each float type: below it, sigmoid(x) ~ e^x is subnormal.
_LOG_TINY = {
    np.dtype(t): float(np.log(np.finfo(t).tiny)) for t in (np.float16, np.float32, np.float64, np.longdouble)
}


def step_function(x):
    r"""Step function: :math:`h(x) = 1` if :math:`x > 0`, else :math:`0` (so :math:`h(0) = 0`).

    Shape in = shape out; the result is float (of x's float dtype), so it can feed the next layer.
    NumPy calls this the Heaviside function; ``np.heaviside(x, 0)`` is exactly it.

    Book §3.2.2; notebook 02.

    >>> step_function([-1.0, 0.0, 2.0])
    array([0., 0., 1.])
    """
    x = as_float_array(x)
    return np.asarray(np.heaviside(x, 0.0).astype(x.dtype, copy=False))


def sigmoid(x):
    r"""Sigmoid (logistic) function: :math:`h(x) = \dfrac{1}{1 + e^{-x}}`, values in (0, 1).

    Computed from the formula, in place, at the speed of the plain NumPy expression, but without
    overflow warnings. :math:`e^{-x}` is first computed for every element with the overflow warning
    silenced: it overflows to inf for x below −ln(max), about −88.72 in float32 and −709.78 in
    float64, where the formula gives 0. Then every element with x below ln(tiny), about −87.34 in
    float32 and −708.40 in float64 (where h(x) is below the smallest normal float; this includes
    every element that overflowed), is computed again from the equal form
    :math:`\frac{e^{x}}{1 + e^{x}}`, which cannot overflow there, and overwritten. Same shape in and out.

    Book §3.2.4; notebook 02.

    >>> sigmoid([-1000.0, 0.0, 1000.0])
    array([0. , 0.5, 1. ])
    """
    x = as_float_array(x)
    y = np.empty_like(x)
    np.negative(x, out=y)
    with np.errstate(over="ignore"):  # e^-x = inf only where the far-left fix below takes over
        np.exp(y, out=y)
    y += 1
    np.divide(1, y, out=y)
    far_left = x < _LOG_TINY[x.dtype]  # h(x) below the smallest normal float: e^x / (1 + e^x)
    if far_left.any():
        e = np.exp(x[far_left])
        y[far_left] = e / (1 + e)
    return y


def relu(x):
    r"""ReLU (rectified linear unit): :math:`h(x) = \max(0, x)`. Same shape in and out.

    Book §3.2.7; notebook 02.

    >>> relu([-2.0, 0.0, 3.0])
    array([0., 0., 3.])
    """
    x = as_float_array(x)
    return np.asarray(np.maximum(x, 0))


def tanh(x):
    r"""Hyperbolic tangent: :math:`h(x) = \tanh x = \dfrac{e^{x} - e^{-x}}{e^{x} + e^{-x}}`, values in (-1, 1).

    It is a stretched sigmoid: :math:`\tanh x = 2\,\mathrm{sigmoid}(2x) - 1`. Same shape in and out.

    Not in the book (§6.2.2 draws it); notebook 02.

    >>> tanh([0.0])
    array([0.])
    """
    x = as_float_array(x)
    return np.asarray(np.tanh(x))


def leaky_relu(x, alpha=0.01):
    r"""Leaky ReLU: :math:`h(x) = x` if :math:`x > 0`, else :math:`\alpha x` (a small slope for negatives).

    ``alpha`` is one finite real number (default 0.01). Same shape in and out.

    Not in the book; notebook 02.

    >>> leaky_relu([-100.0, 0.0, 5.0], alpha=0.01)
    array([-1.,  0.,  5.])
    """
    x = as_float_array(x)
    alpha = check_real_scalar(alpha, "alpha")
    if alpha == 0:  # plain ReLU; alpha * x would turn -inf into nan
        return relu(x)
    # min(x, 0) keeps alpha * x from overflowing where x > 0 and the result is x itself
    return np.asarray(np.where(x > 0, x, alpha * np.minimum(x, 0)))


def step_function_grad(x):
    r"""Derivative of the step function: :math:`h'(x) = 0` for every :math:`x \ne 0`.

    At :math:`x = 0` the step jumps and has no derivative; like every library, we use 0 there.
    A gradient of 0 everywhere is why the step function cannot be used to learn.

    Book §4.2.5 (why the step cannot learn); notebook 02.

    >>> step_function_grad([-1.0, 0.0, 1.0])
    array([0., 0., 0.])
    """
    x = as_float_array(x)
    return np.asarray(np.where(np.isnan(x), x, 0))


def sigmoid_grad(x):
    r"""Derivative of the sigmoid: :math:`h'(x) = h(x)\,(1 - h(x))`, at most 0.25 (at x = 0).

    Computed as :math:`\dfrac{e}{(1 + e)^2}` with :math:`e = e^{-|x|}`, which is the same value,
    never overflows, and keeps its precision where :math:`1 - h(x)` would round to 0.

    Book §5.5.2; notebook 02.

    >>> sigmoid_grad([0.0])
    array([0.25])
    """
    x = as_float_array(x)
    e = np.exp(-np.abs(x))
    # for tiny |x| the rounding could land one ulp above the true maximum 1/4: clip it there
    return np.asarray(np.minimum(e / ((1 + e) * (1 + e)), 0.25))


def relu_grad(x):
    r"""Derivative of ReLU: :math:`h'(x) = 1` if :math:`x > 0`, else 0.

    ReLU has no derivative at :math:`x = 0` (the corner); we use :math:`h'(0) = 0`, the value
    PyTorch and TensorFlow use too.

    Book §5.5.1; notebook 02.

    >>> relu_grad([-1.0, 0.0, 2.0])
    array([0., 0., 1.])
    """
    return step_function(x)  # 1 where x > 0, else 0: ReLU's slope is the step function


def tanh_grad(x):
    r"""Derivative of tanh: :math:`h'(x) = 1 - \tanh^2 x`, at most 1 (at x = 0).

    Computed as :math:`\dfrac{4e}{(1 + e)^2}` with :math:`e = e^{-2|x|}`, the same value without
    overflow or loss of precision for large :math:`|x|`.

    Not in the book; notebook 02.

    >>> tanh_grad([0.0])
    array([1.])
    """
    x = as_float_array(x)
    # exp(-2|x|); beyond |x| = 400 it is 0 in every float type, and 2|x| could overflow there
    e = np.exp(-2 * np.minimum(np.abs(x), 400))
    # for tiny |x| the rounding could land one ulp above the true maximum 1: clip it there
    return np.asarray(np.minimum(4 * e / ((1 + e) * (1 + e)), 1))


def leaky_relu_grad(x, alpha=0.01):
    r"""Derivative of leaky ReLU: :math:`h'(x) = 1` if :math:`x > 0`, else :math:`\alpha` (so :math:`h'(0) = \alpha`).

    Not in the book; notebook 02.

    >>> leaky_relu_grad([-1.0, 0.0, 1.0], alpha=0.1)
    array([0.1, 0.1, 1. ])
    """
    x = as_float_array(x)
    alpha = check_real_scalar(alpha, "alpha")
    grad = np.where(x > 0, 1, np.where(np.isnan(x), x, alpha))
    return np.asarray(grad.astype(x.dtype, copy=False))


#: Each activation by name, with its derivative: ``ACTIVATIONS["sigmoid"] == (sigmoid, sigmoid_grad)``.
ACTIVATIONS = {
    "step": (step_function, step_function_grad),
    "sigmoid": (sigmoid, sigmoid_grad),
    "relu": (relu, relu_grad),
    "tanh": (tanh, tanh_grad),
    "leaky_relu": (leaky_relu, leaky_relu_grad),
}

#: How each activation is named for people (figures, menus, tables): the one table of display names.
ACTIVATION_LABELS = {
    "step": "step",
    "sigmoid": "sigmoid",
    "relu": "ReLU",
    "tanh": "tanh",
    "leaky_relu": "leaky ReLU",
}


def evaluate(name: str, x, derivative: bool = False, alpha=0.01):
    """h(x), or its slope h'(x) if ``derivative``, of the activation called ``name`` in :data:`ACTIVATIONS`
    ("step", "sigmoid", "relu", "tanh", "leaky_relu"); ``alpha`` is leaky ReLU's slope for x < 0.

    Book §3.2; notebook 02.

    >>> evaluate("sigmoid", 0.0), evaluate("sigmoid", 0.0, derivative=True), evaluate("leaky_relu", -2.0, alpha=0.1)
    (array(0.5), array(0.25), array(-0.2))
    """
    if name not in ACTIVATIONS:
        raise ValueError(f"name must be one of {sorted(ACTIVATIONS)}, got {name!r}")
    func = ACTIVATIONS[name][1 if derivative else 0]
    return func(x, alpha) if name == "leaky_relu" else func(x)
