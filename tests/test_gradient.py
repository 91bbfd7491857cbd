"""Tests for nbhelpers.gradient: numerical_diff, forward_difference, numerical_gradient, gradient_descent,
difference_errors and best_step.

The book's printed numbers to the digits it prints (numerical_diff and function_2 to the last digit,
gradient descent to 9 digits); analytic gradients of random cubic polynomials, exact in ``Fraction``
arithmetic, within an error bound derived below; any shape, float32 stays float32; the caller's array is
unchanged bit for bit (also when f raises halfway); the book's simpleNet pattern (f ignores its argument);
gradient descent never modifies init_x and never warns when it diverges; the "V" of the difference error
with its bottom near best_step; NaN propagates; bad input gets an error naming the argument.

The bound for the central difference of a polynomial f along element i (u = eps/2, the unit roundoff):
  truncation  h² |f'''| / 6 (1 + 3u(|x_i| + h)/h)  (h² |a_i| for the cubic a_i x_i³ + ...; steps rounded)
  the step    u (|x_i| + h) (|f'| / h + |f''|)     (x_i ± h is rounded, so the step is not exactly 2h)
  rounding    K u (S(x+) + S(x-)) / (2h)           (S: the sum of the absolute values of f's terms; K = 4)
  last ops    2 u |f'|                             (the subtraction and the division)
  underflow   4 m s / h     (s: the smallest subnormal; m = n(n + 3): f's rounded operations, n elements)
Measured maxima of error / bound (``gradient_error_and_bound`` below, run by a script): where truncation
dominates the bound is nearly the error itself, as the truncation h² a_i is exact: 1 - 6e-16 (float64) and
1 - 4e-7 (float32) in 3000 hypothesis examples per case (e.g. x = 0, a single cube term). Where rounding
dominates (truncation < 10% of the bound; 3000 random cubics): float64, h = 1e-4: 0.46; float32, h = 1e-2:
0.57; float32, h = 1e-4: 0.48 (float64 with h = 1e-2 had no such case).
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from helpers import FAST, FLOAT_DTYPES, no_warnings
from hypothesis import given
from hypothesis import strategies as st

import nbhelpers
from nbhelpers import gradient
from nbhelpers.gradient import (
    best_step,
    difference_errors,
    forward_difference,
    gradient_check,
    gradient_descent,
    numerical_diff,
    numerical_gradient,
)
from nbhelpers.losses import cross_entropy_error
from nbhelpers.outputs import softmax

NAMES = [
    "best_step",
    "difference_errors",
    "forward_difference",
    "gradient_descent",
    "numerical_diff",
    "numerical_gradient",
]
ALL_NAMES = sorted([*NAMES, "gradient_check", "relative_error"])  # backpropagation, notebook 08


def function_1(x):
    """The book's §4.3.2 example: 0.01 x² + 0.1 x."""
    return 0.01 * x**2 + 0.1 * x


def function_2(x):
    """The book's §4.3.3 example: x0² + x1²."""
    return x[0] ** 2 + x[1] ** 2


def bits(x: np.ndarray) -> bytes:
    return np.ascontiguousarray(x).tobytes()


# ---- the book's numbers -------------------------------------------------------------------------


def test_numerical_diff_the_books_numbers_to_the_last_digit():
    assert numerical_diff(function_1, 5) == 0.1999999999990898
    assert numerical_diff(function_1, 10) == 0.2999999999986347
    # the partial derivatives of function_2 at (3, 4), one variable at a time (§4.3.3)
    assert numerical_diff(lambda x0: x0 * x0 + 4.0**2.0, 3.0) == 6.00000000000378
    assert numerical_diff(lambda x1: 3.0**2.0 + x1 * x1, 4.0) == 7.999999999999119
    assert type(numerical_diff(function_1, 5)) is float


def test_numerical_gradient_the_books_numbers():
    for x, expected in (([3.0, 4.0], "[6. 8.]"), ([0.0, 2.0], "[0. 4.]"), ([3.0, 0.0], "[6. 0.]")):
        grad = numerical_gradient(function_2, np.array(x))
        assert str(grad) == expected  # as the book prints them
        np.testing.assert_allclose(grad, 2 * np.array(x), atol=1e-9)
    # the gradient is the partial derivatives, to the last digit
    np.testing.assert_array_equal(
        numerical_gradient(function_2, np.array([3.0, 4.0])), [6.00000000000378, 7.999999999999119]
    )


@pytest.mark.parametrize(
    ("lr", "printed"),
    [
        (0.1, ["-6.11110793e-10", "8.14814391e-10"]),
        (10.0, ["-2.58983747e+13", "-1.29524862e+12"]),  # too large: it diverges
        (1e-10, ["-2.99999994e+00", "3.99999992e+00"]),  # too small: it barely moves
    ],
)
def test_gradient_descent_the_books_numbers(lr, printed):
    x, _ = gradient_descent(function_2, init_x=np.array([-3.0, 4.0]), lr=lr, step_num=100)
    assert [f"{v:.8e}" for v in x] == printed


def test_the_books_rounding_trap():
    """§4.3.1: h = 1e-50 is 0 in float32, and in float64 x + 1e-50 is x: the difference is 0."""
    assert np.float32(1e-50) == 0
    assert forward_difference(function_1, 5.0, h=1e-50) == 0.0
    assert numerical_diff(function_1, 5.0, h=1e-50) == 0.0
    with pytest.raises(ValueError, match=r"h = 1e-50 is 0.0 in float32"):
        forward_difference(function_1, np.float32(5.0), h=1e-50)


def test_forward_difference_is_the_slope_to_x_plus_h():
    assert forward_difference(lambda x: x**2, 3.0, h=0.5) == 6.5  # (3.5² - 3²) / 0.5
    assert numerical_diff(lambda x: x**2, 3.0, h=0.5) == 6.0  # (3.5² - 2.5²) / 1
    # the book's function_1 at 5: forward is off by about h/2 |f''| = 1e-6, central by rounding only
    assert abs(forward_difference(function_1, 5) - 0.2) == pytest.approx(1e-6, rel=1e-3)
    assert abs(numerical_diff(function_1, 5) - 0.2) < 1e-11


def test_public_names():
    assert sorted(gradient.__all__) == ALL_NAMES
    assert nbhelpers.gradient_check is gradient.gradient_check
    assert nbhelpers.relative_error is gradient.relative_error
    assert (
        "Book §5.7.3" in gradient.relative_error.__doc__ and "notebook 08" in gradient.relative_error.__doc__
    )
    assert (
        "Book §5.7.3" in gradient.gradient_check.__doc__ and "notebook 08" in gradient.gradient_check.__doc__
    )
    for name in NAMES:
        assert getattr(nbhelpers, name) is getattr(gradient, name)
        doc = getattr(gradient, name).__doc__
        assert "Book §4." in doc and "notebook 06" in doc


# ---- analytic gradients: random cubics, exact reference -------------------------------------------


@st.composite
def cubics(draw, max_n=6):
    """(a, b, c, q, x) for f(w) = sum(a w³ + b w² + c w) + w·q·w with n elements, coefficient scales varied."""
    n = draw(st.integers(1, max_n))

    def vec(size, limit):
        return np.array(draw(st.lists(st.floats(-limit, limit), min_size=size, max_size=size)))

    scales = [10.0 ** draw(st.integers(-3, 1)) for _ in range(4)]
    a, b, c = vec(n, 10 * scales[0]), vec(n, 10 * scales[1]), vec(n, 10 * scales[2])
    return a, b, c, vec(n * n, 10 * scales[3]).reshape(n, n), vec(n, 10.0)


def gradient_error_and_bound(cubic, dtype, h):
    """The error of numerical_gradient of the cubic against exact arithmetic, and its bound (see above)."""
    a, b, c, q, x = (np.asarray(v, dtype=dtype) for v in cubic)
    grad = numerical_gradient(lambda w: np.sum(a * w**3 + b * w**2 + c * w) + w @ q @ w, x.copy(), h=h)
    assert grad.dtype == dtype
    F = [Fraction(float(v)) for v in x]
    u, tiny = float(np.finfo(dtype).eps) / 2, float(np.finfo(dtype).smallest_subnormal)
    absolute = [np.abs(v).astype(np.float64) for v in (a, b, c, q)]

    def size(y):  # the sum of the absolute values of f's terms at y
        y = np.abs(y)
        return float(np.sum(absolute[0] * y**3 + absolute[1] * y**2 + absolute[2] * y) + y @ absolute[3] @ y)

    errors, bounds = [], []
    for i in range(len(x)):
        exact = (
            3 * Fraction(float(a[i])) * F[i] ** 2
            + 2 * Fraction(float(b[i])) * F[i]
            + Fraction(float(c[i]))
            + sum((Fraction(float(q[i, j])) + Fraction(float(q[j, i]))) * F[j] for j in range(len(x)))
        )
        g, second = (
            abs(float(exact)),
            abs(6 * float(a[i]) * float(x[i]) + 2 * float(b[i]) + 2 * float(q[i, i])),
        )
        plus, minus = x.astype(np.float64), x.astype(np.float64)
        plus[i] += h
        minus[i] -= h
        bound = (
            h**2 * abs(float(a[i])) * (1 + 3 * u * (abs(float(x[i])) + h) / h)  # truncation, rounded steps
            + u * (abs(float(x[i])) + h) * (g / h + second)  # the rounded step
            + 4 * u * (size(plus) + size(minus)) / (2 * h)  # rounding of f
            + 2 * u * g  # the last subtraction and division
            + 4 * (3 + len(x)) * len(x) * tiny / h  # underflow: an absolute error per rounded operation
        )
        errors.append(float(abs(Fraction(float(grad[i])) - exact)))
        bounds.append(bound)
    return np.array(errors), np.array(bounds)


@FAST
@given(cubic=cubics())
@pytest.mark.parametrize(("dtype", "h"), [(np.float64, 1e-4), (np.float64, 1e-2), (np.float32, 1e-2)])
def test_gradients_of_random_cubics_are_within_the_bound(cubic, dtype, h):
    errors, bounds = gradient_error_and_bound(cubic, dtype, h)
    assert np.all(errors <= bounds)  # measured: up to 1 - 6e-16 of it, where truncation dominates


def test_the_bound_is_not_loose():
    """The truncation part alone: for a pure cubic the central difference is off by exactly h² a."""
    a = 2.0
    for h in (1e-1, 1e-2):
        grad = numerical_gradient(lambda w: np.sum(a * w**3), np.array([1.5]), h=h)
        assert grad[0] - 3 * a * 1.5**2 == pytest.approx(h**2 * a, rel=1e-6)


# ---- shapes, dtypes, the caller's array -----------------------------------------------------------


@pytest.mark.parametrize("shape", [(), (1,), (5,), (3, 4), (2, 3, 4)])
def test_any_shape(shape):
    rng = np.random.default_rng(1)
    c, x = rng.uniform(0.5, 2, size=shape), rng.normal(size=shape)
    grad = numerical_gradient(lambda w: np.sum(c * w**2), x)
    assert grad.shape == shape and grad.dtype == np.float64
    np.testing.assert_allclose(grad, 2 * c * x, rtol=1e-8, atol=1e-10)  # a quadratic: rounding only


def test_a_number_gives_a_0d_array_and_an_empty_array_an_empty_gradient():
    grad = numerical_gradient(lambda w: float(w) ** 2, 3.0)
    assert grad.shape == () and grad == pytest.approx(6.0)
    calls = []
    grad = numerical_gradient(lambda w: calls.append(1) or 0.0, np.zeros((0, 3)))
    assert grad.shape == (0, 3) and not calls


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_the_float_dtype_is_kept(dtype):
    x = np.array([[0.5, -1.0], [2.0, 0.25]], dtype=dtype)
    h = 1e-2 if dtype == np.float16 else 1e-3  # float16 has 3 digits: 1 + 1e-4 is 1
    grad = numerical_gradient(lambda w: np.sum(w**2), x, h=h)
    assert grad.dtype == dtype
    np.testing.assert_allclose(grad, 2 * x.astype(np.float64), rtol=10 * float(np.finfo(dtype).eps) / h)


def test_float32_is_computed_in_float32():
    """x ± h in float32, f's values converted to float32, the quotient in float32."""
    x = np.array([0.1, 3.0], dtype=np.float32)
    h = np.float32(1e-4)
    grad = numerical_gradient(lambda w: np.sum(w**3), x.copy())
    for i in range(2):
        plus, minus = x.copy(), x.copy()
        plus[i], minus[i] = x[i] + h, x[i] - h
        expected = (np.float32(np.sum(plus**3)) - np.float32(np.sum(minus**3))) / (np.float32(2) * h)
        assert grad[i] == expected and expected.dtype == np.float32
    assert grad[0] != numerical_gradient(lambda w: np.sum(w**3), x.astype(np.float64))[0]


def test_integers_and_lists_are_computed_on_a_float64_copy():
    x = np.array([1, 2, 3])
    grad = numerical_gradient(lambda w: np.sum(w**2), x)
    assert grad.dtype == np.float64 and np.allclose(grad, [2, 4, 6])
    assert x.dtype.kind == "i" and list(x) == [1, 2, 3]
    assert np.allclose(numerical_gradient(lambda w: np.sum(w**2), [[1, 2]]), [[2.0, 4.0]])


def test_the_callers_array_is_unchanged_bit_for_bit():
    """Even where (v + h) - h is not v, and for -0.0, a NaN with a payload, subnormals and infinities."""
    h = 1e-4
    values = [0.1, 1 / 3, 7.123456789, -2.2, 1e-5]
    assert any((v + h) - h != v for v in values)  # restoring by arithmetic would change these
    nan = np.array([0x7FF8_0000_DEAD_BEEF], dtype=np.uint64).view(np.float64)[0]
    x = np.array(values + [-0.0, nan, 5e-324, np.inf, -np.inf, 1.7e308])
    before = bits(x)
    numerical_gradient(lambda w: 0.0, x, h=h)
    assert bits(x) == before


def test_the_callers_array_is_unchanged_when_f_raises_halfway():
    x = np.array([0.1, 1 / 3, 2.7])
    before = bits(x)
    seen = []

    def f(w):
        seen.append(w.copy())
        if len(seen) == 3:
            raise RuntimeError("the third call")
        return float(np.sum(w**2))

    with pytest.raises(RuntimeError, match="the third call"):
        numerical_gradient(f, x)
    assert bits(x) == before
    # f saw the array itself, one element moved at a time: x0 + h, x0 - h, x1 + h
    assert seen[0][0] == 0.1 + 1e-4 and seen[1][0] == 0.1 - 1e-4
    assert seen[2][0] == 0.1 and seen[2][1] == 1 / 3 + 1e-4


def test_views_are_changed_in_their_base_and_restored():
    base = np.random.default_rng(2).normal(size=(4, 6))
    before = bits(base)
    for view in (base[:, ::2], base.T, base[1]):
        assert np.allclose(numerical_gradient(lambda w, v=view: np.sum(v**2), view), 2 * view)
    assert bits(base) == before


class SimpleNet:
    """The book's simpleNet (§4.4.2), with a seeded generator."""

    def __init__(self, rng):
        self.W = rng.normal(size=(2, 3))

    def predict(self, x):
        return np.dot(x, self.W)

    def loss(self, x, t):
        return cross_entropy_error(softmax(self.predict(x)), t)


def test_the_books_simple_net_pattern():
    """``numerical_gradient(lambda w: net.loss(x, t), net.W)``: f ignores w and reads net.W."""
    net = SimpleNet(np.random.default_rng(3))
    x, t = np.array([0.6, 0.9]), np.array([0, 0, 1])
    before = bits(net.W)
    dW = numerical_gradient(lambda w: net.loss(x, t), net.W)
    assert bits(net.W) == before
    # analytic: dL/dz = r (y - t) with r = y_c / (y_c + delta), the book's delta = 1e-7
    y = softmax(net.predict(x))
    expected = np.outer(x, y[2] / (y[2] + 1e-7) * (y - t))
    np.testing.assert_allclose(dW, expected, rtol=1e-7, atol=1e-9)


def test_a_read_only_array_is_computed_on_a_copy():
    W = np.array([[1.0, -2.0], [0.5, 3.0]])
    W.flags.writeable = False
    np.testing.assert_allclose(numerical_gradient(lambda w: np.sum(w**2), W), 2 * W, rtol=1e-8)
    # then f must use its argument: a function that reads W itself sees no change
    np.testing.assert_array_equal(numerical_gradient(lambda w: float(np.sum(W**2)), W), np.zeros((2, 2)))
    assert not W.flags.writeable


def test_f_may_return_any_kind_of_number():
    x = np.array([1.0, 2.0])
    for f in (
        lambda w: float(np.sum(w**2)),
        lambda w: np.sum(w**2),
        lambda w: np.float32(np.sum(w**2)),
        lambda w: np.array(np.sum(w**2)),  # 0-d array
        lambda w: int(w[0] > 0),  # an int
        lambda w: Fraction(float(np.sum(w**2))),
    ):
        assert numerical_gradient(f, x).shape == (2,)


# ---- NaN and extremes ---------------------------------------------------------------------------


def test_nan_propagates_without_warnings():
    with no_warnings():
        grad = numerical_gradient(lambda w: np.sum(w**2), np.array([np.nan, 1.0]))
        assert np.isnan(grad).all()  # f is NaN at every point it is evaluated
        grad = numerical_gradient(lambda w: w[1] ** 2, np.array([np.nan, 1.0]))  # f does not read w[0]
        assert grad[0] == 0.0 and grad[1] == pytest.approx(2.0)
        assert math.isnan(numerical_diff(lambda x: x**2, float("nan")))
        assert math.isnan(numerical_diff(lambda x: float("nan"), 1.0))
        assert math.isnan(numerical_diff(lambda x: math.inf, 1.0))  # inf - inf
        assert numerical_diff(lambda x: 1e308 if x > 1 else -1e308, 1.0) == math.inf  # too large: inf
        grad32 = numerical_gradient(lambda w: 1e300 * float(w[0]), np.float32([1.0]))
        assert grad32.dtype == np.float32 and np.isnan(grad32[0])  # inf in float32, inf - inf


# ---- gradient descent ---------------------------------------------------------------------------


def test_gradient_descent_does_not_modify_init_x_and_records_every_point():
    init_x = np.array([-3.0, 4.0])
    x, history = gradient_descent(function_2, init_x, lr=0.1, step_num=20)
    assert list(init_x) == [-3.0, 4.0]
    assert history.shape == (21, 2) and history.dtype == np.float64
    assert list(history[0]) == [-3.0, 4.0]
    np.testing.assert_array_equal(history[-1], x)
    for i in range(20):  # each row is one step from the one before
        step = history[i] - 0.1 * numerical_gradient(function_2, history[i].copy())
        np.testing.assert_array_equal(history[i + 1], step)
    np.testing.assert_allclose(history[:, 0], -3 * 0.8 ** np.arange(21), rtol=1e-9)  # x(1 - 2 lr) per step


def test_gradient_descent_any_shape_dtype_and_no_steps():
    init = np.ones((2, 3), dtype=np.float32)
    x, history = gradient_descent(lambda w: np.sum(w**2), init, lr=0.25, step_num=3)
    assert x.dtype == history.dtype == np.float32 and history.shape == (4, 2, 3)
    # float32 with the default h = 1e-4: rounding error about eps32 |f| / h, 1e-3 relative (measured 1.4e-3)
    np.testing.assert_allclose(history[:, 0, 0], [1, 0.5, 0.25, 0.125], rtol=3e-3)
    x, history = gradient_descent(function_2, [1, 2], step_num=0)
    assert x.dtype == np.float64 and list(x) == [1.0, 2.0] and history.shape == (1, 2)
    assert gradient_descent(function_2, [1.0, 2.0], step_num=np.int64(2))[1].shape == (3, 2)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_gradient_descent_blows_up_without_warnings(dtype):
    lr = 1e20 if dtype == np.float32 else 1e200
    init_x = np.array([-3.0, 4.0], dtype=dtype)
    with no_warnings():
        x, history = gradient_descent(lambda w: np.sum(w**2), init_x, lr=lr, step_num=10)
    assert history.shape == (11, 2)
    finite = np.isfinite(history).all(axis=1)
    first_bad = int(np.argmin(finite))
    assert finite[:first_bad].all() and 0 < first_bad < 5  # finite, then not
    assert np.isnan(history[first_bad + 1 :]).all() and np.isnan(x).all()


def test_gradient_descent_from_a_nan_start():
    x, history = gradient_descent(function_2, [np.nan, 1.0], step_num=3)
    assert np.isnan(history[1:]).all() and np.isnan(x).all() and history[0, 1] == 1.0


# ---- difference errors and the best step ---------------------------------------------------------


CASES = [("exp at 1", np.exp, np.exp, 1.0), ("log at 2", np.log, lambda x: 1 / x, 2.0)]
CASES += [("sin at 1", np.sin, np.cos, 1.0), ("x³ at 1", lambda x: x**3, lambda x: 3 * x**2, 1.0)]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("method", ["forward", "central"])
@pytest.mark.parametrize(("name", "f", "dfdx", "x"), CASES, ids=[c[0] for c in CASES])
def test_the_v_and_its_bottom_near_best_step(dtype, method, name, f, dfdx, x):
    eps = float(np.finfo(dtype).eps)
    hs = np.logspace(-14, 0, 281)
    hs = hs[hs > 2 * eps]  # below eps, x + h is x: a flat plateau of error |f'(x)|
    with no_warnings():
        errors = difference_errors(f, dfdx, x, hs, method=method, dtype=dtype)
    assert errors.dtype == np.float64 and errors.shape == hs.shape
    bottom = int(np.argmin(errors))
    # measured: the bottom lies at 0.13 ... 1.6 times best_step for these 16 cases
    assert best_step(method, dtype) / 10 < hs[bottom] < best_step(method, dtype) * 10
    assert errors[0] > 100 * errors[bottom] and errors[-1] > 100 * errors[bottom]  # a V
    left, right = errors[: bottom + 1], errors[bottom:]  # falling, then rising, on average
    assert np.mean(np.diff(np.log(left[::10]))) < 0 < np.mean(np.diff(np.log(right[::10])))


def test_difference_errors_exact_cases():
    cube, slope = (lambda x: x**3), (lambda x: 3 * x**2)
    # central: ((1+h)³ - (1-h)³) / 2h - 3 = h²;  forward: ((1+h)³ - 1) / h - 3 = 3h + h²
    np.testing.assert_array_equal(difference_errors(cube, slope, 1.0, [0.5, 0.25]), [0.25, 0.0625])
    np.testing.assert_array_equal(
        difference_errors(cube, slope, 1.0, [0.5, 0.25], method="forward"), [1.75, 0.8125]
    )
    # float32: below eps32 / 2, 1 + h is 1, so the difference is 0 and the error is |f'(1)| = e
    assert difference_errors(np.exp, np.exp, 1.0, [1e-8], dtype=np.float32)[0] == math.e
    assert difference_errors(np.exp, np.exp, 1.0, [1e-8])[0] < 1e-7  # float64 still sees the step
    assert difference_errors(np.exp, np.exp, 1.0, [[1e-3, 1e-2]]).shape == (1, 2)


def test_difference_errors_use_x_rounded_to_the_dtype():
    """The exact derivative is taken at float32(0.1), the point the float32 arithmetic uses."""
    errors = difference_errors(lambda x: x**2, lambda x: 2 * x, 0.1, [0.25], dtype=np.float32)
    x32 = np.float32(0.1)
    approx = (
        np.float32((x32 + np.float32(0.25)) ** 2) - np.float32((x32 - np.float32(0.25)) ** 2)
    ) / np.float32(0.5)
    assert errors[0] == abs(float(approx) - 2 * float(x32))


def test_best_step_is_the_minimum_of_its_error_model():
    hs = np.logspace(-12, 0, 200001)
    for dtype in (np.float32, np.float64):
        eps = float(np.finfo(dtype).eps)
        forward, central = hs / 2 + eps / hs, hs**2 / 6 + eps / (2 * hs)  # |f| = |f''| = |f'''| = 1
        assert hs[np.argmin(forward)] == pytest.approx(best_step("forward", dtype), rel=1e-3)
        assert hs[np.argmin(central)] == pytest.approx(best_step("central", dtype), rel=1e-3)
    assert best_step("forward") == math.sqrt(2 * 2.0**-52)
    assert best_step() == best_step("central", np.float64) == pytest.approx((1.5 * 2.0**-52) ** (1 / 3))
    assert best_step("central", np.float32) == pytest.approx((1.5 * 2.0**-23) ** (1 / 3))
    assert type(best_step()) is float


# ---- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        (
            lambda w: np.ones(2),
            ValueError,
            r"f \(<lambda>\) must return one number, but it returned an array of shape \(2,\)",
        ),
        (lambda w: [1.0], ValueError, r"returned an array of shape \(1,\)"),
        (lambda w: "1.0", TypeError, r"must return one number, but it returned the string '1.0'"),
        (lambda w: None, TypeError, r"must return one number, but it returned NoneType None"),
        (lambda w: True, TypeError, r"returned bool True"),
        (lambda w: 1j, TypeError, r"returned complex 1j"),
        (lambda w: 10**400, ValueError, r"too large for a float"),
    ],
)
def test_f_must_return_one_number(value, error, message):
    x = np.array([1.0, 2.0])
    before = bits(x)
    with pytest.raises(error, match=f"^numerical_gradient: .*{message}"):
        numerical_gradient(value, x)
    assert bits(x) == before
    with pytest.raises(error, match=f"^gradient_descent: .*{message}"):
        gradient_descent(value, x)
    for fn in (numerical_diff, forward_difference):
        with pytest.raises(error, match=f"^{fn.__name__}: .*{message}"):
            fn(value, 1.0)


def test_f_must_be_a_function():
    for fn, args in (
        (numerical_diff, (1.0,)),
        (forward_difference, (1.0,)),
        (numerical_gradient, ([1.0],)),
        (gradient_descent, ([1.0],)),
    ):
        with pytest.raises(TypeError, match=rf"^{fn.__name__}: f must be a function.*not its value"):
            fn(function_2([3.0, 4.0]), *args)  # the value, not the function
    with pytest.raises(TypeError, match=r"difference_errors: dfdx must be a function"):
        difference_errors(np.exp, 1.0, 1.0, [1e-3])
    with pytest.raises(ValueError, match=r"dfdx \(<lambda>\) must return one number"):
        difference_errors(np.exp, lambda x: [1.0, 2.0], 1.0, [1e-3])


@pytest.mark.parametrize(
    ("h", "error", "message"),
    [
        (0, ValueError, r"h must be > 0 \(the small step\), got 0"),
        (-1e-4, ValueError, r"h must be > 0"),
        (float("nan"), ValueError, r"h must be finite"),
        (float("inf"), ValueError, r"h must be finite"),
        ("1e-4", TypeError, r"h must be a real number, got str"),
        (True, TypeError, r"h must be a real number, got bool"),
    ],
)
def test_bad_steps(h, error, message):
    for fn, x in ((numerical_diff, 1.0), (forward_difference, 1.0), (numerical_gradient, [1.0])):
        with pytest.raises(error, match=message):
            fn(lambda w: 0.0, x, h=h)
    if error is ValueError:  # a bad value among the steps hs
        with pytest.raises(error, match=message.replace("h must", "hs must")):
            difference_errors(np.exp, np.exp, 1.0, [1e-3, h])


def test_steps_the_dtype_cannot_hold():
    with pytest.raises(ValueError, match=r"numerical_gradient: h = 1e-50 is 0.0 in float32"):
        numerical_gradient(lambda w: 0.0, np.float32([1.0]), h=1e-50)
    with pytest.raises(ValueError, match=r"difference_errors: hs = 1e\+300 is inf in float32"):
        difference_errors(np.exp, np.exp, 1.0, [1e300], dtype=np.float32)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"lr": 0}, ValueError, r"gradient_descent: lr \(the learning rate\) must be > 0, got 0"),
        ({"lr": -0.1}, ValueError, r"lr \(the learning rate\) must be > 0"),
        ({"lr": float("nan")}, ValueError, r"lr must be finite"),
        ({"lr": "0.1"}, TypeError, r"lr must be a real number"),
        ({"step_num": -1}, ValueError, r"gradient_descent: step_num must be >= 0, got -1"),
        ({"step_num": 100.0}, TypeError, r"step_num must be a whole number, got float 100.0"),
        ({"step_num": 1.5}, TypeError, r"step_num must be a whole number"),
        ({"step_num": "100"}, TypeError, r"step_num must be a whole number, got str"),
        ({"step_num": True}, TypeError, r"step_num must be a whole number, got bool"),
        ({"init_x": "abc"}, TypeError, r"init_x must be a number or an array of numbers"),
    ],
)
def test_bad_gradient_descent_settings(kwargs, error, message):
    kwargs = {"init_x": [1.0, 2.0], **kwargs}
    with pytest.raises(error, match=message):
        gradient_descent(function_2, **kwargs)


def test_other_bad_input():
    with pytest.raises(
        ValueError, match=r"numerical_diff: x must be one number.*shape \(2,\).*numerical_gradient"
    ):
        numerical_diff(function_1, [1.0, 2.0])
    with pytest.raises(TypeError, match=r"x must be a number or an array of numbers, got the string"):
        numerical_gradient(function_2, "3, 4")
    with pytest.raises(ValueError, match=r"method must be 'central' or 'forward', got 'backward'"):
        difference_errors(np.exp, np.exp, 1.0, [1e-3], method="backward")
    with pytest.raises(ValueError, match=r"best_step: method must be 'central' or 'forward'"):
        best_step("backward")
    for dtype in (np.int32, "text", None.__class__):
        with pytest.raises(TypeError, match=r"dtype must be a float type"):
            best_step("central", dtype)
    with pytest.raises(TypeError, match=r"dtype must be a float type"):
        difference_errors(np.exp, np.exp, 1.0, [1e-3], dtype=int)


# ---- gradient_check: backpropagation against the numerical gradient (notebook 08) ----------------
#
# A right net gives the numerical gradient's own error (measured over the 20 seeds of the test below:
# at most 7.8e-9 with sigmoid, 2.0e-8 with ReLU; 5.5e-10 for the docstring's example; random nets: see
# tests/test_nets.py); a net with a slip in its backward pass gives a large error for the parameters the
# slip reaches, and only those, so the check points at the mistake (measured: forgotten 1/N 0.83 = 1 - 1/6
# for all four; W2 for W2ᵀ 0.69 and 0.67 for W1 and b1, at most 5.3e-9 for W2 and b2; db2 dropped 1.0;
# db2 not summed over the batch 1.2).


def small_net(seed, activation="sigmoid", sizes=(4, 5, 3), n=6):
    rng = np.random.default_rng(seed)
    net = nbhelpers.TwoLayerNet(*sizes, weight_init_std=0.5, rng=rng, activation=activation)
    for key in ("b1", "b2"):
        net.params[key][...] = rng.normal(0.0, 0.25, net.params[key].shape)
    x = rng.normal(size=(n, sizes[0]))
    return net, x, rng.integers(0, sizes[2], size=n)


def layered_gradient(net, x, t, slip=None):
    """The backward pass through net's layers, written out, with an optional beginner's slip."""
    x = np.asarray(x, dtype=np.float64)
    affine1, hidden, affine2 = net.layers.values()
    net.lastLayer.forward(affine2.forward(hidden.forward(affine1.forward(x))), t)
    dout = net.lastLayer.backward()
    if slip == "forgot 1/N":
        dout = dout * len(x)
    dz1 = affine2.backward(dout)
    if slip == "W instead of W.T":
        dz1 = dout @ net.params["W2"]  # square W2: the shapes fit, the numbers do not
    affine1.backward(hidden.backward(dz1))
    grads = {"W1": affine1.dW, "b1": affine1.db, "W2": affine2.dW, "b2": affine2.db}
    if slip == "dropped db2":
        grads["b2"] = np.zeros_like(grads["b2"])
    if slip == "db2 not summed":
        grads["b2"] = dout[0]
    return grads


class SlipNet(nbhelpers.TwoLayerNet):
    slip = None

    def gradient(self, x, t):
        return layered_gradient(self, x, t, self.slip)


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
def test_gradient_check_of_a_right_net_is_the_numerical_gradients_own_error(activation):
    worst = 0.0
    for seed in range(20):
        net, x, t = small_net(seed, activation)
        if activation == "relu":  # keep the hidden pre-activations away from the kink
            assert np.abs(x @ net.params["W1"] + net.params["b1"]).min() > 1e-3
        errors = gradient_check(net, x, t)
        assert list(errors) == ["W1", "b1", "W2", "b2"] and all(type(e) is float for e in errors.values())
        worst = max(worst, *errors.values())
        layered = layered_gradient(net, x, t)  # the written-out pass is the net's own
        assert all(np.array_equal(layered[k], net.gradient(x, t)[k]) for k in layered)
    assert worst < 1e-7  # measured: 7.8e-9 (sigmoid), 2.0e-8 (relu)


@pytest.mark.parametrize(
    ("slip", "wrong"),
    [
        ("forgot 1/N", {"W1", "b1", "W2", "b2"}),
        ("W instead of W.T", {"W1", "b1"}),
        ("dropped db2", {"b2"}),
        ("db2 not summed", {"b2"}),
    ],
)
def test_gradient_check_points_at_the_parameters_a_slip_reaches(slip, wrong):
    net = SlipNet(4, 3, 3, weight_init_std=0.5, rng=1)  # hidden = output = 3: W2 is square
    net.slip = slip
    rng = np.random.default_rng(2)
    net.params["b1"][...] = rng.normal(0.0, 0.25, 3)
    x, t = rng.normal(size=(6, 4)), rng.integers(0, 3, size=6)
    errors = gradient_check(net, x, t)
    assert {k for k, e in errors.items() if e > 1e-2} == wrong, errors
    assert all(errors[k] < 1e-7 for k in errors if k not in wrong), errors
    if slip == "dropped db2":
        assert errors["b2"] == 1.0  # all of the gradient is missing
    if slip == "forgot 1/N":
        assert all(e == pytest.approx(1 - 1 / 6, rel=1e-6) for e in errors.values())  # N times too large


class Stub:
    """A net whose two gradients are given: ``gradient`` gives backprop, ``numerical_gradient`` numerical."""

    def __init__(self, backprop, numerical):
        self.backprop, self.numerical = backprop, numerical

    def gradient(self, x, t):
        return self.backprop

    def numerical_gradient(self, x, t):
        return self.numerical


def test_gradient_check_all_zero_gradients_give_zero():
    zero = Stub({"W": np.zeros((2, 3)), "b": np.zeros(3)}, {"W": np.zeros((2, 3)), "b": np.zeros(3)})
    assert gradient_check(zero, None, None) == {"W": 0.0, "b": 0.0}
    # a real one: a ReLU net whose hidden units never fire; nothing reaches W1, b1 or W2 either way
    net = nbhelpers.TwoLayerNet(3, 4, 2, rng=0, activation="relu")
    net.params["b1"][...] = -1.0
    net.params["W1"][...] = 0.0
    errors = gradient_check(net, np.ones((3, 3)), [0, 1, 1])
    assert errors["W1"] == errors["b1"] == errors["W2"] == 0.0
    assert errors["b2"] < 1e-8


def test_gradient_check_nan_is_not_a_pass():
    """A backward pass that gives NaN must not look perfect: the error is NaN (or large), never 0.0."""

    right = {"W": np.array([0.5, -1.0])}
    for bad in ([np.nan, -1.0], [np.nan, np.nan], [np.inf, -1.0]):
        for backprop, numerical in (({"W": np.array(bad)}, right), (right, {"W": np.array(bad)})):
            error = gradient_check(Stub(backprop, numerical), None, None)["W"]
            assert not error <= 1e-7, (backprop, numerical, error)


def test_gradient_check_leaves_the_net_as_it_was():
    net, x, t = small_net(3)
    before = {k: bits(v) for k, v in net.params.items()}
    arrays = dict(net.params)
    gradient_check(net, x, t)
    assert all(net.params[k] is arrays[k] and bits(net.params[k]) == before[k] for k in before)


def test_gradient_check_in_float32():
    net = nbhelpers.TwoLayerNet(4, 5, 3, weight_init_std=0.5, rng=4, dtype=np.float32)
    x, t = np.random.default_rng(5).normal(size=(6, 4)), [0, 1, 2, 0, 1, 2]
    errors = gradient_check(net, x, t)
    assert all(type(e) is float for e in errors.values())
    assert all(e < 0.2 for e in errors.values())  # the float32 numerical gradient: ε L / h ≈ 1e-3 of noise


def test_gradient_check_mismatches_are_clear_errors():
    g = {"W1": np.zeros((2, 3)), "b1": np.zeros(3)}
    with pytest.raises(
        ValueError,
        match=r"gradient_check: net.gradient gives the keys \['W1'\], net.numerical_gradient \['W1', 'b1'\]",
    ):
        gradient_check(Stub({"W1": g["W1"]}, g), None, None)
    with pytest.raises(ValueError, match=r"gradients of 'W1' have shapes \(3, 2\) \(backprop\) and \(2, 3\)"):
        gradient_check(Stub({"W1": np.zeros((3, 2)), "b1": g["b1"]}, g), None, None)
    with pytest.raises(TypeError, match=r"net must have the methods gradient\(x, t\) and numerical_gradient"):
        gradient_check(object(), None, None)

    class NoGradient(nbhelpers.TwoLayerNet):
        gradient = None

    with pytest.raises(TypeError, match=r"NoGradient has no gradient"):
        gradient_check(NoGradient(2, 3, 2), np.ones((1, 2)), [0])


def test_gradient_check_a_gradient_that_returns_nothing_is_a_clear_error():
    """The beginner's slip of a gradient method without ``return grads``: say so, naming net.gradient."""

    class NoReturn(nbhelpers.TwoLayerNet):
        def gradient(self, x, t):
            super().gradient(x, t)

    with pytest.raises((TypeError, ValueError), match=r"gradient_check: net\.gradient.*dict.*None"):
        gradient_check(NoReturn(2, 3, 2, rng=0), np.ones((1, 2)), [0])


def test_relative_error_is_the_largest_difference_over_the_largest_entry():
    """gradient_check's measure on its own: scale-free, 0 for two zero gradients, NaN never a pass."""
    g, n = np.array([[2.0, -4.0], [0.0, 1.0]]), np.array([[2.0, -3.0], [1e-12, 1.0]])
    assert gradient.relative_error(g, n) == 1.0 / 4.0
    assert gradient.relative_error(1e-6 * g, 1e-6 * n) == pytest.approx(0.25, rel=1e-12)
    assert gradient.relative_error(n, g) == gradient.relative_error(g, n)
    assert gradient.relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert np.isnan(gradient.relative_error(np.array([np.nan, 1.0]), np.array([0.5, 1.0])))
    assert np.isnan(gradient.relative_error(np.array([0.5, 1.0]), np.array([np.nan, 1.0])))
    assert isinstance(gradient.relative_error([1.0], [1.0]), float)
