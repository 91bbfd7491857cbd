"""Numerical derivatives and gradient descent: which way is downhill, and walking there.

The derivative of a function f at x is its slope there: how fast f(x) changes as x changes. Here it is
computed the book's way, numerically, from the values of f at two nearby points x - h and x + h. The
gradient of a function of many numbers (a loss, as a function of all the weights) is that derivative for
each number in turn, the others held fixed; gradient descent steps against it, downhill, again and again.

``numerical_gradient`` follows the book's protocol: it changes x *in place*, one element at a time, calls
``f(x)`` and puts the element back, so ``f`` may ignore its argument and read the array itself (the book's
``numerical_gradient(lambda w: net.loss(x, t), net.W)``). Each element gets back its exact original value,
even when ``f`` raises: the caller's array is unchanged afterwards, bit for bit.

The arithmetic (x ± h, the difference of f's two values, the division by the step) runs in x's float type:
float32 stays float32. NaN propagates. No function here warns about the arithmetic it does itself.
"""

from __future__ import annotations

import numbers

import numpy as np

from ._arrays import as_float_array, check_real_scalar

__all__ = [
    "numerical_diff",
    "forward_difference",
    "numerical_gradient",
    "gradient_descent",
    "difference_errors",
    "best_step",
    "relative_error",
    "gradient_check",
]

_METHODS = ("central", "forward")


def _check_f(f, where: str, name: str = "f") -> None:
    """A ``TypeError`` unless ``f`` can be called."""
    if not callable(f):
        raise TypeError(
            f"{where}: {name} must be a function (something to call, {name}(x)), got {type(f).__name__} "
            f"{f!r:.60}; pass the function itself, e.g. {where}(function_2, ...), not its value function_2(x)"
        )


def _value(value, f, where: str, name: str = "f"):
    """What ``f`` returned, if it is one real number (a Python or NumPy number, or a 0-d array of one), or an
    error naming ``f`` and what it returned. The caller converts it to its float type."""
    if isinstance(value, (float, np.floating)):  # the common cases (Python floats, np.float64): quick
        return value
    label = f"{name} ({getattr(f, '__name__', type(f).__name__)})"
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{where}: {label} must return one number, but it returned the string {value!r}")
    arr = np.asarray(value, dtype=object) if isinstance(value, (list, tuple)) else np.asarray(value)
    if arr.ndim != 0:
        raise ValueError(
            f"{where}: {label} must return one number, but it returned an array of shape {arr.shape}; "
            f"a loss is one number (sum or average it, e.g. np.sum(...))"
        )
    number = arr[()]
    is_real = isinstance(number, (numbers.Real, np.integer, np.floating))
    if not is_real or isinstance(number, (bool, np.bool_)):
        raise TypeError(
            f"{where}: {label} must return one number, but it returned {type(value).__name__} {value!r:.60}"
        )
    value = number
    if isinstance(value, (np.integer, np.floating)):
        return value
    try:  # int, Fraction, Decimal ...
        return float(value)
    except OverflowError:
        raise ValueError(f"{where}: {label} returned {value!r:.40}, too large for a float") from None


def _check_h(h, dtype: np.dtype, where: str, name: str = "h"):
    """``h`` as a positive finite number of ``dtype``, or an error naming ``name``."""
    h = check_real_scalar(h, name)
    if h <= 0:
        raise ValueError(f"{where}: {name} must be > 0 (the small step), got {h}")
    with np.errstate(over="ignore"):
        h_ = dtype.type(h)
    if h_ == 0 or not np.isfinite(h_):
        raise ValueError(
            f"{where}: {name} = {h} is {h_} in {dtype}, which has no positive finite number that close: "
            f"choose h between {np.finfo(dtype).smallest_subnormal} and {np.finfo(dtype).max}"
        )
    return h_


def _float_dtype(dtype) -> np.dtype:
    try:
        dt = np.dtype(dtype)
    except TypeError:
        dt = None
    if dt is None or dt.kind != "f":
        raise TypeError(f"dtype must be a float type such as np.float32 or np.float64, got {dtype!r}")
    return dt


def _scalar(x, where: str):
    """``x`` as one NumPy float number (its float type kept), or an error naming x."""
    arr = as_float_array(x, "x")
    if arr.ndim != 0:
        raise ValueError(
            f"{where}: x must be one number (f is a function of one number), got an array of shape "
            f"{arr.shape}; for a function of an array use numerical_gradient(f, x)"
        )
    return arr[()]


def _difference(f, x, h, method: str, where: str):
    """The forward or central difference quotient of ``f`` at ``x`` (NumPy scalars of one dtype) in that dtype."""
    dtype = x.dtype
    with np.errstate(over="ignore", invalid="ignore"):
        x_plus, x_minus = x + h, (x - h if method == "central" else x)
    f_plus, f_minus = _value(f(x_plus), f, where), _value(f(x_minus), f, where)
    with np.errstate(over="ignore", invalid="ignore"):  # too large for float32: inf; inf - inf: NaN
        f_plus, f_minus = dtype.type(f_plus), dtype.type(f_minus)
        return (f_plus - f_minus) / (dtype.type(2) * h if method == "central" else h)


def numerical_diff(f, x, h=1e-4) -> float:
    r"""Central difference: :math:`f'(x) \approx \dfrac{f(x+h) - f(x-h)}{2h}`.

    ``f``: a function of one number, returning one number. ``x``: one number (a Python or NumPy number, or
    a 0-d array); the arithmetic runs in its float type (integers: float64), f's two values converted to
    it. ``h``: the small step, > 0 (the book's 1e-4). Returns a Python float. The error of the central
    difference shrinks like :math:`h^2`, of the forward difference only like :math:`h`.

    Book §4.3.1; notebook 06.

    The book's example, :math:`f(x) = 0.01x^2 + 0.1x` with :math:`f'(x) = 0.02x + 0.1`:

    >>> def function_1(x):
    ...     return 0.01 * x**2 + 0.1 * x
    >>> numerical_diff(function_1, 5)  # exactly 0.2
    0.1999999999990898
    >>> numerical_diff(function_1, 10)  # exactly 0.3
    0.2999999999986347
    """
    _check_f(f, "numerical_diff")
    x = _scalar(x, "numerical_diff")
    h = _check_h(h, x.dtype, "numerical_diff")
    return float(_difference(f, x, h, "central", "numerical_diff"))


def forward_difference(f, x, h=1e-4) -> float:
    r"""Forward difference, the book's first ("bad") version: :math:`f'(x) \approx \dfrac{f(x+h) - f(x)}{h}`.

    Same arguments as :func:`numerical_diff`; returns a Python float. It measures the slope between x and
    x + h, so it is off by about :math:`\frac{h}{2}|f''(x)|`: it is the slope at x + h/2 rather than at x.

    Book §4.3.1; notebook 06.

    >>> forward_difference(lambda x: x**2, 3.0, h=0.5)  # the slope between 3 and 3.5; f'(3) = 6
    6.5
    >>> forward_difference(lambda x: x**2, 3.0, h=1e-50)  # 3 + 1e-50 is 3 in float64: no step at all
    0.0
    """
    _check_f(f, "forward_difference")
    x = _scalar(x, "forward_difference")
    h = _check_h(h, x.dtype, "forward_difference")
    return float(_difference(f, x, h, "forward", "forward_difference"))


def numerical_gradient(f, x, h=1e-4):
    r"""Gradient by central differences: :math:`\frac{\partial f}{\partial x_i} \approx
    \frac{f(\ldots, x_i + h, \ldots) - f(\ldots, x_i - h, \ldots)}{2h}` for every element :math:`x_i`.

    ``f``: takes the array x, returns one number (a loss). ``x``: an array of any shape (0-d too). The
    result has x's shape and float dtype (float32 stays float32); it costs 2 calls of f per element.

    As in the book, a writeable float array x is changed in place, one element at a time, and f is called
    on x itself; so f may ignore its argument and read the array from elsewhere (the book's
    ``numerical_gradient(lambda w: net.loss(x, t), net.W)``). Every element gets back its exact original
    value, also when f raises. Anything else (a list, a number, an integer or a read-only array) is
    computed on a float copy (integers: float64): then f must use its argument. ``h`` > 0.

    Book §4.4; notebook 06.

    The book's function_2, :math:`f(x_0, x_1) = x_0^2 + x_1^2`, whose gradient is :math:`(2x_0, 2x_1)`:

    >>> def function_2(x):
    ...     return np.sum(x**2)
    >>> numerical_gradient(function_2, np.array([3.0, 4.0]))
    array([6., 8.])
    >>> numerical_gradient(function_2, [[0.0, 2.0], [3.0, 0.0]])  # any shape
    array([[0., 4.],
           [6., 0.]])
    """
    return _numerical_gradient(f, x, h, "numerical_gradient")


def _numerical_gradient(f, x, h, where: str):
    """numerical_gradient, its errors naming the function ``where`` the learner called."""
    _check_f(f, where)
    if not (isinstance(x, np.ndarray) and x.dtype.kind == "f" and x.flags.writeable):
        x = np.array(as_float_array(x, "x"))  # a writeable float copy
    dtype = x.dtype
    h = _check_h(h, dtype, where)
    base = x.view(np.ndarray)  # the same memory, indexed as a plain array (also for subclasses)
    if base.flags.c_contiguous:  # one flat index per element: quicker than a tuple
        base, indices = base.reshape(-1), range(x.size)
    else:
        indices = np.ndindex(x.shape)
    f_plus, f_minus = [], []
    for idx in indices:
        original = base[idx]  # a NumPy number: the exact stored value, to be put back
        try:
            base[idx] = original + h
            f_plus.append(_value(f(x), f, where))
            base[idx] = original - h
            f_minus.append(_value(f(x), f, where))
        finally:
            base[idx] = original
    with np.errstate(over="ignore", invalid="ignore"):  # too large for float32: inf; inf - inf: NaN
        diff = np.array(f_plus, dtype=dtype) - np.array(f_minus, dtype=dtype)
        return (diff / (dtype.type(2) * h)).reshape(x.shape)


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    r"""Gradient descent: ``step_num`` times :math:`x \leftarrow x - \eta\,\nabla f(x)`, with :math:`\eta` = ``lr``.

    ``f``: takes an array shaped like init_x and returns one number; it must use its argument. ``init_x``:
    the start, any shape; it is copied, never changed. ``lr``: the learning rate :math:`\eta` > 0.
    ``step_num``: a whole number >= 0. The gradient is :func:`numerical_gradient`'s. Returns ``(x,
    history)``: the last point, and every point from the start on, shape (step_num + 1, \*init_x.shape),
    float (init_x's float dtype; integers: float64).

    Too large a learning rate makes the steps grow instead of shrink: x may grow without bound and become
    inf or NaN. That happens without a warning (NumPy's overflow warnings are silenced while f runs; an
    error that f raises itself, such as Python's ``OverflowError``, still stops it). From the first point
    that is not finite on, no more steps are taken: the later rows of history, and then x, are NaN.

    Book §4.4.1; notebook 06.

    The book's example: start at (-3, 4) on :math:`x_0^2 + x_1^2`; each step multiplies x by 1 - 2·lr = 0.8.

    >>> x, history = gradient_descent(lambda x: np.sum(x**2), np.array([-3.0, 4.0]), lr=0.1, step_num=100)
    >>> print(x)
    [-6.11110793e-10  8.14814391e-10]
    >>> print(history[:3])
    [[-3.    4.  ]
     [-2.4   3.2 ]
     [-1.92  2.56]]
    """
    where = "gradient_descent"
    _check_f(f, where)
    x = np.array(as_float_array(init_x, "init_x"))  # a copy: init_x stays as it is
    lr = check_real_scalar(lr, "lr")
    if lr <= 0:
        raise ValueError(f"{where}: lr (the learning rate) must be > 0, got {lr}")
    if isinstance(step_num, (bool, np.bool_)) or not isinstance(step_num, (numbers.Integral, np.integer)):
        raise TypeError(
            f"{where}: step_num must be a whole number, got {type(step_num).__name__} {step_num!r}"
        )
    if step_num < 0:
        raise ValueError(f"{where}: step_num must be >= 0, got {step_num}")
    history = np.full((int(step_num) + 1, *x.shape), np.nan, dtype=x.dtype)
    history[0] = x
    with np.errstate(all="ignore"):  # a diverging run reaches inf and NaN: no warnings
        for i in range(1, int(step_num) + 1):
            if not np.isfinite(x).all():
                x[...] = np.nan  # as the rows of history from here on
                break
            x -= lr * _numerical_gradient(f, x, 1e-4, where)
            history[i] = x
    return x, history


def difference_errors(f, dfdx, x, hs, method="central", dtype=np.float64):
    r"""Errors :math:`|D_h - f'(x)|` of the forward or central difference :math:`D_h` at x, for each step h in hs.

    ``f``: a function of one number. ``dfdx``: its exact derivative, evaluated in float64 at x (x rounded
    to ``dtype`` first). ``hs``: steps h > 0, any shape. ``method``: "central" or "forward". ``dtype``:
    the float type in which x, h and the difference quotient are computed (f's values converted to it).
    Returns a float64 array shaped like hs. Drawn against h on log-log axes, the errors make a "V": on the
    right, the formula's own (truncation) error, which shrinks with h; on the left, rounding error,
    which grows like :math:`\varepsilon|f|/h` as h shrinks. Its bottom lies near :func:`best_step`.

    Book §4.3.1; notebook 06.

    >>> difference_errors(lambda x: x**3, lambda x: 3 * x**2, 1.0, [0.5, 0.25])  # error of central: h**2
    array([0.25  , 0.0625])
    >>> difference_errors(lambda x: x**3, lambda x: 3 * x**2, 1.0, [0.5, 0.25], method="forward")
    array([1.75  , 0.8125])
    """
    where = "difference_errors"
    _check_f(f, where)
    _check_f(dfdx, where, "dfdx")
    if method not in _METHODS:
        raise ValueError(f"{where}: method must be 'central' or 'forward', got {method!r}")
    dtype = _float_dtype(dtype)
    with np.errstate(over="ignore"):
        x = dtype.type(check_real_scalar(x, "x"))
    hs = as_float_array(hs, "hs")
    exact = float(_value(dfdx(float(x)), dfdx, where, "dfdx"))
    errors = np.empty(hs.shape, dtype=np.float64)
    for idx, h in np.ndenumerate(hs):
        h = _check_h(h, dtype, where, "hs")
        errors[idx] = abs(float(_difference(f, x, h, method, where)) - exact)
    return errors


def best_step(method="central", dtype=np.float64) -> float:
    r"""The step h that balances truncation and rounding error: :math:`\sqrt{2\varepsilon}` for the forward
    difference, :math:`\sqrt[3]{1.5\,\varepsilon}` for the central one (:math:`\varepsilon`: the machine
    epsilon of ``dtype``, 2.2e-16 for float64, 1.2e-7 for float32).

    Where these come from, for f and its derivatives of size about 1: each value of f is rounded to within
    :math:`\frac{\varepsilon}{2}|f|`, so the difference of two is off by up to :math:`\varepsilon|f|`, and
    the quotient by :math:`\varepsilon|f|/h` (forward) or :math:`\varepsilon|f|/(2h)` (central). The
    formula itself is off by :math:`\frac{h}{2}|f''|` (forward) or :math:`\frac{h^2}{6}|f'''|` (central).
    The sum is smallest at :math:`h = \sqrt{2\varepsilon|f|/|f''|}` and
    :math:`h = \sqrt[3]{1.5\,\varepsilon|f|/|f'''|}`. Returns a Python float.

    Book §4.3.1; notebook 06.

    >>> print(f"{best_step('forward'):.1e} {best_step('central'):.1e} {best_step('central', np.float32):.1e}")
    2.1e-08 6.9e-06 5.6e-03
    """
    if method not in _METHODS:
        raise ValueError(f"best_step: method must be 'central' or 'forward', got {method!r}")
    eps = float(np.finfo(_float_dtype(dtype)).eps)
    return (2 * eps) ** 0.5 if method == "forward" else (1.5 * eps) ** (1 / 3)


def relative_error(g, n) -> float:
    r"""How far two gradients of one parameter differ, relative to their size: the largest difference
    divided by the largest entry, :math:`\max_i |g_i - n_i| \,/\, \max(\max_i |g_i|, \max_i |n_i|)`.

    ``g`` and ``n``: arrays of one shape (e.g. backprop's and the numerical gradient). Returns a Python
    float: 0.0 when both are all zero, NaN when either holds NaN (never a pass).

    Book §5.7.3; notebook 08.

    >>> relative_error(np.array([1.0, 0.5]), np.array([1.0, 0.4]))  # 0.1 off, the largest entry 1
    0.09999999999999998
    """
    g, n = np.asarray(g), np.asarray(n)
    scale = max(np.max(np.abs(g), initial=0.0), np.max(np.abs(n), initial=0.0))
    with np.errstate(invalid="ignore"):
        error = np.max(np.abs(g - n), initial=0.0) / scale if scale > 0 or np.isnan(scale) else 0.0
    return float(error)


def gradient_check(net, x, t) -> dict:
    r"""Backpropagation against the numerical gradient, one number per parameter: the largest difference,
    relative to the largest gradient value of that parameter.

    For each parameter p, :func:`relative_error` of g and n,
    :math:`\max_i |g_i - n_i| \,/\, \max(\max_i |g_i|, \max_i |n_i|)`, with g from
    ``net.gradient(x, t)`` (backpropagation) and n from ``net.numerical_gradient(x, t)`` (central
    differences), 0.0 where both are all zero. Relative to the whole parameter's scale, not element by
    element: an element whose gradient is nearly 0 (a ReLU that never fires) would otherwise divide
    rounding noise by nearly 0. A right backward pass in float64 gives less than 1e-7, typically 1e-8 to
    1e-10 (the numerical gradient's own error, h² times the third derivative, and rounding); a wrong one
    gives about 0.01 or more. NaN in either gradient gives NaN.

    Book §5.7.3; notebook 08.

    >>> from nbhelpers import TwoLayerNet
    >>> net = TwoLayerNet(4, 5, 3, weight_init_std=1.0, rng=0)
    >>> errors = gradient_check(net, np.ones((2, 4)), [0, 2])
    >>> sorted(errors), all(e < 1e-7 for e in errors.values())
    (['W1', 'W2', 'b1', 'b2'], True)
    """
    for name in ("gradient", "numerical_gradient"):
        if not callable(getattr(net, name, None)):
            raise TypeError(
                f"gradient_check: net must have the methods gradient(x, t) and numerical_gradient(x, t); "
                f"{type(net).__name__} has no {name}"
            )
    backprop = net.gradient(x, t)
    numerical = net.numerical_gradient(x, t)
    for name, grads in (("gradient", backprop), ("numerical_gradient", numerical)):
        if not isinstance(grads, dict):
            raise TypeError(
                f"gradient_check: net.{name}(x, t) must return a dict of gradients such as {{'W1': ..., "
                f"'b1': ...}}, got {type(grads).__name__}"
                + (" (does it end with return?)" if grads is None else "")
            )
    if set(backprop) != set(numerical):
        raise ValueError(
            f"gradient_check: net.gradient gives the keys {sorted(backprop)}, net.numerical_gradient "
            f"{sorted(numerical)}: they must name the same parameters"
        )
    errors = {}
    for key in numerical:
        g, n = np.asarray(backprop[key]), np.asarray(numerical[key])
        if g.shape != n.shape:
            raise ValueError(
                f"gradient_check: the gradients of {key!r} have shapes {g.shape} (backprop) and {n.shape} "
                "(numerical): each must have the parameter's shape"
            )
        errors[key] = relative_error(g, n)
    return errors
