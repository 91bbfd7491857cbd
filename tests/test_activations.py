"""Tests for nbhelpers.activations: known values, an independent reference, properties, warnings, errors.

The reference for sigmoid, tanh and their derivatives is exact arithmetic: ``decimal`` with 50+ digits,
using formulas that differ from the implementation (``0.25 / cosh(x/2)**2`` for the sigmoid derivative,
``1 / cosh(x)**2`` for tanh's). Accuracy is measured in ulps: the distance to the exact value in units of
the spacing of floats at the correctly rounded result. A float16 implementation is checked on every
finite float16, float32/float64 on a dense sample (against ``np.longdouble``, where it is wider than
float64) and on hypothesis examples (against ``decimal``).

Sigmoid is monotone only up to one ulp on neighbouring floats (``e / (1 + e)`` is rounded twice);
``test_nondecreasing_within_one_ulp_on_neighbouring_floats`` holds it to that.
"""

from __future__ import annotations

import decimal
import math
from decimal import Decimal

import numpy as np
import pytest
from helpers import FAST, FLOAT_DTYPES, extremes, finite, no_warnings
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from nbhelpers import activations
from nbhelpers.activations import (
    ACTIVATIONS,
    leaky_relu,
    leaky_relu_grad,
    relu,
    relu_grad,
    sigmoid,
    sigmoid_grad,
    step_function,
    step_function_grad,
    tanh,
    tanh_grad,
)

FUNCTIONS = [
    step_function,
    sigmoid,
    relu,
    tanh,
    leaky_relu,
    step_function_grad,
    sigmoid_grad,
    relu_grad,
    tanh_grad,
    leaky_relu_grad,
]
SMOOTH = [sigmoid, tanh, sigmoid_grad, tanh_grad]


def _ids(funcs):
    return [f.__name__ for f in funcs]


def _arrays(dtype, limit=None, shape=None):
    """Hypothesis strategy: arrays of ``dtype`` (any shape of rank 0 to 3 unless given) with finite values."""
    if shape is None:
        shape = hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4)
    return hnp.arrays(dtype, shape, elements=finite(dtype, limit))


def _float_arrays(limit=None, shape=None):
    """Like ``_arrays``, with the dtype drawn too: float16, float32 or float64."""
    return st.sampled_from(FLOAT_DTYPES).flatmap(lambda dtype: _arrays(dtype, limit, shape))


# ---- exact reference (decimal) --------------------------------------------------------------------------


def _context(prec=50):
    return decimal.Context(prec=prec, Emin=-999_999, Emax=999_999)


def _cosh(c, d):
    return c.divide(c.add(c.exp(d), c.exp(c.minus(d))), 2)


def exact_sigmoid(x: float) -> Decimal:
    c = _context()
    return c.divide(1, c.add(1, c.exp(c.minus(Decimal(x)))))


def exact_tanh(x: float) -> Decimal:
    d = Decimal(x)
    if d == 0:
        return d
    # (1 - e) / (1 + e) cancels about -log10|x| digits for small |x|: carry that many more.
    c = _context(50 + max(0, -d.adjusted()))
    e = c.exp(c.multiply(-2, c.abs(d)))
    return c.divide(c.subtract(1, e), c.add(1, e)).copy_sign(d)


def exact_sigmoid_grad(x: float) -> Decimal:
    c = _context()
    cosh = _cosh(c, c.divide(Decimal(x), 2))
    return c.divide(Decimal("0.25"), c.multiply(cosh, cosh))


def exact_tanh_grad(x: float) -> Decimal:
    c = _context()
    cosh = _cosh(c, Decimal(x))
    return c.divide(1, c.multiply(cosh, cosh))


EXACT = {
    sigmoid: exact_sigmoid,
    tanh: exact_tanh,
    sigmoid_grad: exact_sigmoid_grad,
    tanh_grad: exact_tanh_grad,
}

# Largest error allowed, in ulps of the correctly rounded result. Each is the maximum measured, rounded up a
# little: float16 over every finite float16; float32 over every float32 with |x| <= 120 (sigmoid 3.64,
# tanh 1.37, both derivatives 5.15); float64 over 180 million random x (sigmoid 2.52, tanh 1.19,
# sigmoid_grad 4.33, tanh_grad 4.37). The correctly rounded result itself is up to 0.5 ulp away.
# (The sigmoid measured above was the np.where form; the faster in-place form that replaced it measured
# 3.25 ulp in float32 and 2.08 in float64 over 4.4 million random x each, within the same bounds.)
ULP_BOUND = {
    (sigmoid, np.float16): 2.0,
    (sigmoid, np.float32): 4.0,
    (sigmoid, np.float64): 3.0,
    (tanh, np.float16): 0.501,
    (tanh, np.float32): 1.5,
    (tanh, np.float64): 1.5,
    (sigmoid_grad, np.float16): 3.5,
    (sigmoid_grad, np.float32): 6.0,
    (sigmoid_grad, np.float64): 5.0,
    (tanh_grad, np.float16): 3.5,
    (tanh_grad, np.float32): 6.0,
    (tanh_grad, np.float64): 5.0,
}


def ulp_error(got, exact: Decimal, dtype) -> float:
    """|got - exact| in units of the spacing of ``dtype`` at the correctly rounded value of ``exact``."""
    nearest = np.asarray(float(exact)).astype(dtype)
    spacing = Decimal(float(np.spacing(np.abs(nearest))))
    return float(abs(Decimal(float(got)) - exact) / spacing)


# ---- 1. exact known values ------------------------------------------------------------------------------


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_sigmoid_of_zero_is_one_half(dtype):
    assert sigmoid(0) == 0.5
    for zero in (0.0, -0.0):
        out = sigmoid(np.array(zero, dtype=dtype))
        assert out.dtype == dtype
        assert out == 0.5


def test_sigmoid_saturates_in_float32_without_warning():
    x = np.array([-1000.0, 0.0, 1000.0], dtype=np.float32)
    with no_warnings():
        out = sigmoid(x)
    assert out.dtype == np.float32
    np.testing.assert_array_equal(out, np.array([0.0, 0.5, 1.0], dtype=np.float32))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_sigmoid_switch_point_lies_right_of_the_overflow_point(dtype):
    """The numbers of sigmoid's docstring and notebook 02: e^-x overflows for x below -ln(max); the form
    e^x / (1 + e^x) takes over for x below ln(tiny), a little to the right, so every element that
    overflowed is computed again. Around both points: no warning, and the values of e^x / (1 + e^x)."""
    info = np.finfo(dtype)
    overflow, switch = float(-np.log(info.max)), float(np.log(info.tiny))
    want = {np.float32: (-88.72, -87.34), np.float64: (-709.78, -708.40)}[dtype]
    assert (round(overflow, 2), round(switch, 2)) == want
    assert overflow < switch
    x = np.array([overflow - 1, overflow, (overflow + switch) / 2, switch, switch + 1], dtype=dtype)
    with no_warnings():
        out = sigmoid(x)
    e = np.exp(x.astype(np.float64))  # in float64, a reference for float32 too; tiny results are subnormal
    ref = (e / (1 + e)).astype(dtype)
    np.testing.assert_allclose(out, ref, rtol=4 * info.eps, atol=2 * info.smallest_subnormal)


def test_step_function_known_values():
    """h(x) = 1 for x > 0 and 0 otherwise, so h(0) = h(-0) = 0."""
    np.testing.assert_array_equal(step_function([-1.0, 0.0, -0.0, 1.0, 1e-300]), [0.0, 0.0, 0.0, 1.0, 1.0])


def test_relu_known_values():
    np.testing.assert_array_equal(relu([-2.0, 0.0, 3.0]), [0.0, 0.0, 3.0])


def test_tanh_known_values():
    np.testing.assert_array_equal(tanh([0.0, 1000.0, -1000.0]), [0.0, 1.0, -1.0])
    assert math.copysign(1.0, tanh(-0.0)) == -1.0  # tanh is odd, down to the sign of zero


def test_leaky_relu_known_values():
    np.testing.assert_array_equal(leaky_relu([-100.0, 0.0, 5.0], alpha=0.01), [-1.0, 0.0, 5.0])
    np.testing.assert_array_equal(leaky_relu([-100.0, 5.0]), [-1.0, 5.0])  # default alpha = 0.01
    np.testing.assert_array_equal(leaky_relu([-4.0, 4.0], alpha=0.25), [-1.0, 4.0])


def test_derivatives_at_zero():
    """The smooth ones take their maxima at 0; the kinked ones use the documented convention."""
    assert sigmoid_grad(0.0) == 0.25
    assert tanh_grad(0.0) == 1.0
    assert relu_grad(0.0) == 0.0
    assert step_function_grad(0.0) == 0.0
    assert leaky_relu_grad(0.0) == 0.01


@pytest.mark.parametrize("alpha", [0.0, 0.01, 0.2, 1.0, 3.5])
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_leaky_relu_grad_at_zero_is_alpha(alpha, dtype):
    out = leaky_relu_grad(np.array([0.0, -0.0], dtype=dtype), alpha=alpha)
    assert out.dtype == dtype
    np.testing.assert_array_equal(out, np.full(2, alpha, dtype=dtype))


@FAST
@given(x=_float_arrays())
def test_step_function_grad_is_zero_everywhere(x):
    out = step_function_grad(x)
    assert out.dtype == x.dtype
    assert out.shape == x.shape
    assert np.all(out == 0)


@FAST
@given(x=_float_arrays(), alpha=st.floats(0, 1))
def test_piecewise_functions_match_their_definition(x, alpha):
    """step, relu, leaky relu and their derivatives are exact: compare with plain Python, element by element."""
    dtype = x.dtype.type
    a = float(dtype(alpha))  # NumPy multiplies by alpha rounded to x's dtype
    values = x.astype(np.float64).ravel().tolist()  # Python floats
    # For float16/float32, a * v is exact in float64 (two 24-bit significands), so it rounds once, like NumPy.
    expected = {
        step_function: [1.0 if v > 0 else 0.0 for v in values],
        relu: [max(v, 0.0) for v in values],
        leaky_relu: [v if v > 0 else a * v for v in values],
        step_function_grad: [0.0 for v in values],
        relu_grad: [1.0 if v > 0 else 0.0 for v in values],
        leaky_relu_grad: [1.0 if v > 0 else a for v in values],
    }
    for func, want in expected.items():
        out = func(x, alpha=alpha) if func in (leaky_relu, leaky_relu_grad) else func(x)
        want = np.array(want, dtype=np.float64).astype(dtype).reshape(x.shape)
        assert out.dtype == dtype, func.__name__
        np.testing.assert_array_equal(out, want, err_msg=func.__name__)


# ---- 2. against an independent reference ----------------------------------------------------------------


@FAST
@given(data=st.data())
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("func", SMOOTH, ids=_ids(SMOOTH))
def test_smooth_functions_within_few_ulps_of_exact_value(func, dtype, data):
    x = data.draw(st.one_of(finite(dtype, 1e3), finite(dtype, 10.0)), label="x")
    got = func(np.array(x, dtype=dtype))
    assert got.dtype == dtype
    err = ulp_error(got, EXACT[func](x), dtype)
    assert err <= ULP_BOUND[func, dtype], f"{func.__name__}({x!r}) = {got!r}: {err:.3f} ulp"


def _math_sigmoid(x):
    if x >= 0:
        return 1 / (1 + math.exp(-x))
    e = math.exp(x)
    return e / (1 + e)


MATH_REFERENCE = [  # (function, reference in Python floats, where it is valid, rtol in units of eps)
    (sigmoid, _math_sigmoid, 1e3, 4),
    (tanh, math.tanh, 1e3, 4),
    (sigmoid_grad, lambda x: 0.25 / math.cosh(x / 2) ** 2, 700.0, 6),
    (tanh_grad, lambda x: 1 / math.cosh(x) ** 2, 350.0, 6),
]


@FAST
@given(data=st.data())
@pytest.mark.parametrize(("func", "reference", "limit", "rtol"), MATH_REFERENCE, ids=_ids(SMOOTH))
def test_smooth_functions_match_math_module_in_float64(func, reference, limit, rtol, data):
    x = data.draw(hnp.arrays(np.float64, st.integers(0, 20), elements=finite(np.float64, limit)))
    want = np.array([reference(v) for v in x.tolist()])
    tiny = np.finfo(np.float64).smallest_subnormal
    np.testing.assert_allclose(func(x), want, rtol=rtol * np.finfo(np.float64).eps, atol=4 * tiny)


def _every_finite_float16():
    """All 63 488 finite float16 values, in increasing order."""
    x = np.arange(2**16, dtype=np.uint16).view(np.float16)
    return np.sort(x[np.isfinite(x)])


def _float64_reference(func, x):
    """Exact enough for float16 (error ~1e-13 float16 ulp): Python floats, ``math``, per element."""
    refs = {
        sigmoid: _math_sigmoid,
        tanh: math.tanh,
        sigmoid_grad: lambda v: 0.25 / math.cosh(v / 2) ** 2 if abs(v) < 700 else 0.0,
        tanh_grad: lambda v: 1 / math.cosh(v) ** 2 if abs(v) < 350 else 0.0,
    }
    return np.array([refs[func](v) for v in x.astype(np.float64).tolist()])


def _ulp_errors(got, exact, dtype):
    """Vectorised ``ulp_error``; ``exact`` is an array of a wider float type."""
    nearest = exact.astype(dtype)
    return np.abs(got.astype(exact.dtype) - exact) / np.spacing(np.abs(nearest)).astype(exact.dtype)


@pytest.mark.parametrize("func", SMOOTH, ids=_ids(SMOOTH))
def test_float16_within_few_ulps_for_every_float16(func):
    x = _every_finite_float16()
    with np.errstate(over="ignore"):  # tanh_grad's overflow warning is tested separately
        got = func(x)
    err = _ulp_errors(got, _float64_reference(func, x), np.float16)
    worst = int(np.argmax(err))
    assert err[worst] <= ULP_BOUND[func, np.float16], f"{func.__name__}({x[worst]!r}): {err[worst]:.3f} ulp"


LONGDOUBLE_REFERENCE = {
    sigmoid: lambda x: 1 / (1 + np.exp(-x)),
    tanh: np.tanh,
    sigmoid_grad: lambda x: 0.25 / np.cosh(x / 2) ** 2,
    tanh_grad: lambda x: 1 / np.cosh(x) ** 2,
}


@pytest.mark.skipif(np.finfo(np.longdouble).nmant < 63, reason="np.longdouble is not wider than float64")
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("func", SMOOTH, ids=_ids(SMOOTH))
def test_within_few_ulps_on_dense_sample(func, dtype):
    """200 000 fixed random points, compared with the same math in 80-bit extended precision."""
    rng = np.random.default_rng(20240601)
    limit = 745.0 if dtype == np.float64 else 104.0  # beyond, the results are exactly 0 or 1
    x = np.concatenate(
        [rng.uniform(-limit, limit, 80_000), rng.uniform(-8, 8, 80_000), rng.normal(0, 1e-3, 40_000)]
    ).astype(dtype)
    with np.errstate(over="ignore", under="ignore"):
        exact = LONGDOUBLE_REFERENCE[func](x.astype(np.longdouble))
    err = _ulp_errors(func(x), exact, dtype)
    worst = int(np.argmax(err))
    assert err[worst] <= ULP_BOUND[func, dtype], f"{func.__name__}({x[worst]!r}): {err[worst]:.3f} ulp"


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_smooth_functions_saturate_exactly_for_large_inputs(dtype):
    x = np.array([1e3, 1e4, 3e4], dtype=dtype)  # far beyond where every result rounds to its limit
    np.testing.assert_array_equal(sigmoid(x), 1)
    np.testing.assert_array_equal(sigmoid(-x), 0)
    np.testing.assert_array_equal(tanh(x), 1)
    np.testing.assert_array_equal(tanh(-x), -1)
    for grad in (sigmoid_grad, tanh_grad):
        np.testing.assert_array_equal(grad(x), 0)
        np.testing.assert_array_equal(grad(-x), 0)


# ---- 3. properties ---------------------------------------------------------------------------------------


@FAST
@given(x=st.sampled_from(FLOAT_DTYPES).flatmap(lambda dtype: _arrays(dtype, limit=1e4)))
def test_shape_and_float_dtype_are_kept(x):
    """Any shape of rank 0 to 3 (empty ones too); float16, float32 and float64 stay what they are."""
    for func in FUNCTIONS:
        out = func(x)
        assert out.shape == x.shape, func.__name__
        assert out.dtype == x.dtype, func.__name__


@pytest.mark.parametrize("func", FUNCTIONS, ids=_ids(FUNCTIONS))
def test_longdouble_is_kept(func):
    out = func(np.array([-1.5, 0.0, 2.0], dtype=np.longdouble))
    assert out.dtype == np.longdouble


INTEGER_INPUTS = [
    np.array([-3, 0, 2], dtype=np.int8),
    np.array([[-3, 0], [7, 2]], dtype=np.int64),
    np.array([0, 5], dtype=np.uint8),
    np.array([True, False]),
    3,
    [1, 0, -2],
    True,
]


@pytest.mark.parametrize(
    "x", INTEGER_INPUTS, ids=["int8", "int64-2d", "uint8", "bool-array", "int", "list", "bool"]
)
@pytest.mark.parametrize("func", FUNCTIONS, ids=_ids(FUNCTIONS))
def test_integer_and_bool_input_gives_float64(func, x):
    out = func(x)
    assert out.dtype == np.float64
    assert out.shape == np.shape(x)
    np.testing.assert_array_equal(out, func(np.asarray(x, dtype=np.float64)))


SCALAR_AND_LIST_INPUTS = [
    0.5,
    -2.0,
    3,
    [0.5, -2.0],
    (0.5, -2.0),
    [[0.5], [-2.0]],
    [[[1.0, 2.0]], [[3.0, 4.0]]],
    [],
]


@pytest.mark.parametrize("x", SCALAR_AND_LIST_INPUTS, ids=repr)
@pytest.mark.parametrize("func", FUNCTIONS, ids=_ids(FUNCTIONS))
def test_scalars_lists_and_nested_lists_behave_like_arrays(func, x):
    out = func(x)
    assert out.shape == np.shape(x)
    np.testing.assert_array_equal(out, func(np.array(x, dtype=np.float64)))


@FAST
@given(x=_float_arrays(limit=1e4, shape=hnp.array_shapes(min_dims=2, max_dims=2, max_side=5)))
def test_batch_equals_row_by_row_and_element_by_element(x):
    for func in FUNCTIONS:
        batch = func(x)
        msg = func.__name__
        np.testing.assert_array_equal(batch, np.stack([func(row) for row in x]), err_msg=msg)
        np.testing.assert_array_equal(batch[:, ::2], func(x[:, ::2]), err_msg=msg)  # strided input
        one_by_one = [[func(row[j : j + 1])[0] for j in range(len(row))] for row in x]
        np.testing.assert_array_equal(batch, np.array(one_by_one, dtype=x.dtype), err_msg=msg)
        scalars = np.array([[func(v) for v in row] for row in x], dtype=x.dtype)
        if x.dtype == np.float16:
            # NumPy's own np.exp rounds a 0-d float16 differently from an array (e.g. exp(-0.04724) is
            # 0.9536 for a 0-d array, 0.954 for an array): allow the last bit to differ.
            np.testing.assert_array_max_ulp(batch, scalars, maxulp=1)
        else:
            np.testing.assert_array_equal(batch, scalars, err_msg=msg)


def _moderate(dtype):
    """Up to here sigmoid(x) and sigmoid(-x) are not yet rounded to 1 and 0 in ``dtype``."""
    return {np.float16: 7.0, np.float32: 15.0, np.float64: 30.0}[dtype]


@FAST
@given(data=st.data())
def test_sigmoid_bounds(data):
    """0 <= sigmoid <= 1 always, and strictly inside where the result is not yet rounded to 0 or 1."""
    x = data.draw(_float_arrays(), label="x")
    s = sigmoid(x)
    assert np.all((s >= 0) & (s <= 1))
    dtype = x.dtype.type
    moderate = data.draw(_arrays(dtype, limit=_moderate(dtype)), label="moderate")
    s = sigmoid(moderate)
    assert np.all((s > 0) & (s < 1))


@FAST
@given(x=_float_arrays())
def test_sigmoid_symmetry(x):
    """sigmoid(-x) = 1 - sigmoid(x), within one machine epsilon (measured: 0.75 eps)."""
    lhs = sigmoid(-x).astype(np.float64)
    rhs = 1 - sigmoid(x).astype(np.float64)
    np.testing.assert_allclose(lhs, rhs, rtol=0, atol=np.finfo(x.dtype).eps)


def _assert_nondecreasing_within_one_ulp(y):
    """Each value may be below the one before it by at most one ulp (see the strict test below)."""
    ulp = np.spacing(np.abs(y[1:])).astype(np.float64)
    drops = y[:-1].astype(np.float64) - y[1:].astype(np.float64)
    assert np.all(drops <= ulp), f"drop of {np.max(drops / ulp)} ulp"


@FAST
@given(x=_float_arrays(shape=st.integers(0, 50)).map(np.sort))
def test_sigmoid_and_tanh_nondecreasing_on_sorted_input(x):
    _assert_nondecreasing_within_one_ulp(sigmoid(x))
    _assert_nondecreasing_within_one_ulp(tanh(x))


@pytest.mark.parametrize("func", [sigmoid, tanh], ids=["sigmoid", "tanh"])
def test_nondecreasing_within_one_ulp_on_neighbouring_floats(func):
    """Every float16, and float32/float64 x next to nextafter(x): where rounding could break monotonicity."""
    _assert_nondecreasing_within_one_ulp(func(_every_finite_float16()))
    rng = np.random.default_rng(7)
    for dtype in (np.float32, np.float64):
        x = np.sort(rng.uniform(-6, 6, 50_000).astype(dtype))
        y0, y1 = func(x), func(np.nextafter(x, dtype(np.inf)))
        assert np.all(y0.astype(np.float64) - y1 <= np.spacing(np.abs(y1)))


@FAST
@given(x=_float_arrays())
def test_tanh_bounds(x):
    t = tanh(x)
    assert np.all((t >= -1) & (t <= 1))


@FAST
@given(x=_float_arrays())
def test_derivative_bounds(x):
    """0 <= sigmoid' <= 0.25 and 0 <= tanh' <= 1 exactly, for tiny |x| too."""
    s_grad, t_grad = sigmoid_grad(x), tanh_grad(x)
    assert np.all((s_grad >= 0) & (s_grad <= 0.25))
    assert np.all((t_grad >= 0) & (t_grad <= 1))


@pytest.mark.parametrize(
    ("func", "x", "dtype"),
    [
        (tanh_grad, 6.527546886716238e-13, np.float64),
        (tanh_grad, 6.2719128e-06, np.float32),
        (tanh_grad, 0.004646, np.float16),
        (sigmoid_grad, 1.2713057170116829e-12, np.float64),
        (sigmoid_grad, 1.6801576e-05, np.float32),
        (sigmoid_grad, 0.005245, np.float16),
    ],
)
def test_derivatives_never_exceed_their_maximum(func, x, dtype):
    maximum = {sigmoid_grad: 0.25, tanh_grad: 1.0}[func]
    assert func(np.array([x, -x], dtype=dtype)).max() <= maximum


@FAST
@given(x=_float_arrays(limit=1e3))
def test_tanh_is_a_stretched_sigmoid(x):
    """tanh(x) = 2 sigmoid(2x) - 1, within two machine epsilons (measured: 1.5 eps)."""
    lhs = tanh(x).astype(np.float64)
    rhs = 2 * sigmoid(2 * x).astype(np.float64) - 1
    np.testing.assert_allclose(lhs, rhs, rtol=0, atol=2 * np.finfo(x.dtype).eps)


@FAST
@given(x=_float_arrays())
def test_relu_is_nonnegative_and_relu_x_minus_relu_minus_x_is_x(x):
    r = relu(x)
    assert np.all(r >= 0)
    np.testing.assert_array_equal(r - relu(-x), x)


@FAST
@given(x=st.one_of(st.floats(1e-3, 20), st.floats(-20, -1e-3)))
@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_derivative_matches_central_difference(name, x):
    """(h(x + d) - h(x - d)) / 2d with d = 1e-6 matches h'(x) within 1e-6 (away from the kinks at 0)."""
    func, grad = ACTIVATIONS[name]
    lo, hi = x - 1e-6, x + 1e-6
    difference = (func(hi) - func(lo)) / (hi - lo)
    assert abs(difference - grad(x)) <= 1e-6


# ---- 4. no warnings for finite input ---------------------------------------------------------------------


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("func", FUNCTIONS, ids=_ids(FUNCTIONS))
def test_no_warning_for_finite_extremes(func, dtype):
    x = extremes(dtype)
    with no_warnings():
        out = func(x)
    assert out.dtype == dtype
    assert np.all(np.isfinite(out))


@FAST
@given(x=_float_arrays(shape=st.integers(0, 30)))
def test_no_warning_for_any_finite_input(x):
    """Random finite arrays over the whole range of a dtype, with its extremes always included."""
    x = np.concatenate([x, extremes(x.dtype)])
    for func in FUNCTIONS:
        with no_warnings():
            out = func(x)
        assert np.all(np.isfinite(out)), func.__name__


@pytest.mark.parametrize("alpha", [0.0, 0.01, 0.5, 1.0])
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_leaky_relu_no_warning_for_finite_extremes_with_any_slope_up_to_one(alpha, dtype):
    x = extremes(dtype)
    with no_warnings():
        out, grad = leaky_relu(x, alpha=alpha), leaky_relu_grad(x, alpha=alpha)
    assert np.all(np.isfinite(out)) and np.all(np.isfinite(grad))


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_leaky_relu_large_slope_no_spurious_overflow_for_positive_input(dtype):
    x = np.array([np.finfo(dtype).max], dtype=dtype)
    with no_warnings():
        out = leaky_relu(x, alpha=2.0)
    np.testing.assert_array_equal(out, x)


# ---- 5. NaN and infinities -------------------------------------------------------------------------------


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("func", FUNCTIONS, ids=_ids(FUNCTIONS))
def test_nan_propagates_without_warning(func, dtype):
    x = np.array([np.nan, 1.0, -np.nan, -1.0, 0.0], dtype=dtype)
    with no_warnings():
        out = func(x)
    assert out.dtype == dtype
    np.testing.assert_array_equal(np.isnan(out), [True, False, True, False, False])


LIMITS = {  # func: (value at +inf, value at -inf)
    step_function: (1.0, 0.0),
    sigmoid: (1.0, 0.0),
    relu: (np.inf, 0.0),
    tanh: (1.0, -1.0),
    leaky_relu: (np.inf, -np.inf),
    step_function_grad: (0.0, 0.0),
    sigmoid_grad: (0.0, 0.0),
    relu_grad: (1.0, 0.0),
    tanh_grad: (0.0, 0.0),
    leaky_relu_grad: (1.0, 0.01),
}


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("func", FUNCTIONS, ids=_ids(FUNCTIONS))
def test_infinities_give_the_limits_without_warning(func, dtype):
    with no_warnings():
        out = func(np.array([np.inf, -np.inf], dtype=dtype))
    np.testing.assert_array_equal(out, np.array(LIMITS[func], dtype=dtype))


def test_leaky_relu_with_zero_slope_at_infinities():
    with no_warnings():
        out = leaky_relu(np.array([np.inf, -np.inf]), alpha=0.0)
    np.testing.assert_array_equal(out, [np.inf, 0.0])


# ---- 6. bad input ----------------------------------------------------------------------------------------

BAD_TYPES = [
    ("abc", r"^x must be a number or an array of numbers, got the string 'abc'"),
    (b"abc", r"^x must be a number or an array of numbers, got the string b'abc'"),
    ([1, "a"], r"^x must be a number or an array of numbers, got list holding dtype <U"),
    (np.array(["a", "b"]), r"^x must be a number or an array of numbers, got ndarray holding dtype <U"),
    (None, r"^x must be a number or an array of numbers, but it holds NoneType None, which is not a real"),
    ([1.0, None], r"^x must be a number or an array of numbers, but it holds NoneType None"),
    (object(), r"^x must be a number or an array of numbers, but it holds object <object"),
    (1 + 2j, r"^x must hold real numbers, got complex numbers"),
    ([1.0, 2j], r"^x must hold real numbers, got complex numbers"),
    (np.array([1.0], dtype=np.complex64), r"^x must hold real numbers, got complex numbers"),
]


BAD_TYPE_IDS = ["str", "bytes", "list-with-str", "str-array", "None", "list-with-None", "object"]
BAD_TYPE_IDS += ["complex", "list-with-complex", "complex-array"]


@pytest.mark.parametrize(("x", "message"), BAD_TYPES, ids=BAD_TYPE_IDS)
@pytest.mark.parametrize("func", FUNCTIONS, ids=_ids(FUNCTIONS))
def test_non_numbers_raise_type_error_naming_x(func, x, message):
    with pytest.raises(TypeError, match=message):
        func(x)


@pytest.mark.parametrize("func", FUNCTIONS, ids=_ids(FUNCTIONS))
def test_ragged_list_raises_value_error_naming_x(func):
    with pytest.raises(ValueError, match=r"^x must be a rectangular array of numbers"):
        func([[1.0, 2.0], [3.0]])


BAD_ALPHAS = [
    ("a", TypeError, r"^alpha must be a real number, got str 'a'"),
    ([0.1], TypeError, r"^alpha must be a real number, got list \[0\.1\]"),
    (np.array([0.1]), TypeError, r"^alpha must be a real number, got ndarray"),
    (True, TypeError, r"^alpha must be a real number, got bool True"),
    (np.bool_(False), TypeError, r"^alpha must be a real number, got bool"),
    (None, TypeError, r"^alpha must be a real number, got NoneType None"),
    (0.1j, TypeError, r"^alpha must be a real number, got complex"),
    (float("nan"), ValueError, r"^alpha must be finite, got nan"),
    (float("inf"), ValueError, r"^alpha must be finite, got inf"),
    (-np.inf, ValueError, r"^alpha must be finite, got -inf"),
]


@pytest.mark.parametrize(("alpha", "error", "message"), BAD_ALPHAS, ids=[repr(a) for a, _, _ in BAD_ALPHAS])
@pytest.mark.parametrize("func", [leaky_relu, leaky_relu_grad], ids=["leaky_relu", "leaky_relu_grad"])
def test_bad_alpha_raises_naming_alpha(func, alpha, error, message):
    with pytest.raises(error, match=message):
        func([1.0, -1.0], alpha=alpha)


@pytest.mark.parametrize("alpha", [0, 2, np.int64(1), np.float32(0.25), 0.5])
def test_any_real_alpha_is_accepted(alpha):
    np.testing.assert_array_equal(leaky_relu([-4.0, 4.0], alpha=alpha), [-4.0 * float(alpha), 4.0])
    np.testing.assert_array_equal(leaky_relu_grad([-4.0, 4.0], alpha=alpha), [float(alpha), 1.0])


def test_huge_integer_alpha_raises_value_error_naming_alpha():
    with pytest.raises(ValueError, match=r"^alpha must be finite"):
        leaky_relu([1.0], alpha=10**400)


# ---- 7. return type --------------------------------------------------------------------------------------

ZERO_D_INPUTS = [0.5, 0, True, np.float64(-1.0), np.float32(2.0), np.float16(0.0), np.int64(3), np.array(2.5)]


@pytest.mark.parametrize("x", ZERO_D_INPUTS, ids=repr)
@pytest.mark.parametrize(
    "func",
    FUNCTIONS,
    ids=_ids(FUNCTIONS),
)
def test_scalar_input_gives_zero_d_array_not_numpy_scalar(func, x):
    out = func(x)
    assert type(out) is np.ndarray
    assert out.shape == ()


@pytest.mark.parametrize("x", [[0.5], [[1.0, -1.0]], np.zeros((2, 0, 3), dtype=np.float32)], ids=repr)
@pytest.mark.parametrize("func", FUNCTIONS, ids=_ids(FUNCTIONS))
def test_array_input_gives_ndarray(func, x):
    assert type(func(x)) is np.ndarray


# ---- 8. the ACTIVATIONS table ----------------------------------------------------------------------------


def test_activations_table_pairs_each_function_with_its_derivative():
    assert ACTIVATIONS == {
        "step": (step_function, step_function_grad),
        "sigmoid": (sigmoid, sigmoid_grad),
        "relu": (relu, relu_grad),
        "tanh": (tanh, tanh_grad),
        "leaky_relu": (leaky_relu, leaky_relu_grad),
    }
    for name, (func, grad) in ACTIVATIONS.items():
        assert type(ACTIVATIONS[name]) is tuple
        assert getattr(activations, func.__name__) is func
        assert getattr(activations, grad.__name__) is grad
        assert grad.__name__ == func.__name__ + "_grad"


def test_public_names():
    assert sorted(activations.__all__) == sorted(
        [f.__name__ for f in FUNCTIONS] + ["ACTIVATIONS", "ACTIVATION_LABELS", "evaluate"]
    )


def test_every_activation_has_one_display_name():
    """One table of display names: the figures, menus and tables all read ACTIVATION_LABELS."""
    from nbhelpers import widgets
    from nbhelpers.plots import STYLE

    assert list(activations.ACTIVATION_LABELS) == list(ACTIVATIONS)
    assert activations.ACTIVATION_LABELS["relu"] == "ReLU"
    for name, style in STYLE.items():
        assert style["label"].startswith(activations.ACTIVATION_LABELS[name])
    for label, name in widgets.HIDDEN_CHOICES:
        assert label == activations.ACTIVATION_LABELS[name]


@pytest.mark.parametrize("func", FUNCTIONS, ids=_ids(FUNCTIONS))
def test_python_numbers_beyond_numpy_types_are_accepted(func):
    """Ints beyond int64 and Fractions are real numbers: NumPy stores them as objects, we convert them."""
    from fractions import Fraction

    np.testing.assert_array_equal(func(2**70), func(float(2**70)))
    np.testing.assert_array_equal(func([1, 2**64]), func([1.0, float(2**64)]))
    np.testing.assert_array_equal(func([Fraction(1, 2), -3]), func([0.5, -3.0]))
    assert func(Fraction(-1, 4)).dtype == np.float64


@pytest.mark.parametrize("func", FUNCTIONS, ids=_ids(FUNCTIONS))
def test_numbers_beyond_float_range_are_rejected_naming_x(func):
    with pytest.raises(ValueError, match=r"^x holds a number too large for a float"):
        func([1, 10**400])


@pytest.mark.parametrize("func", FUNCTIONS, ids=_ids(FUNCTIONS))
def test_object_arrays_name_the_offending_element(func):
    with pytest.raises(TypeError, match=r"^x must be .* holds NoneType None"):
        func([1.0, None])


def test_evaluate_looks_the_activation_up_by_name():
    x = np.linspace(-3, 3, 13)
    for name, (h, h_grad) in ACTIVATIONS.items():
        extra = (0.1,) if name == "leaky_relu" else ()
        np.testing.assert_array_equal(activations.evaluate(name, x, alpha=0.1), h(x, *extra))
        np.testing.assert_array_equal(activations.evaluate(name, x, True, 0.1), h_grad(x, *extra))
    np.testing.assert_array_equal(activations.evaluate("leaky_relu", x), leaky_relu(x))  # alpha 0.01
    with pytest.raises(ValueError, match="name must be one of"):
        activations.evaluate("softplus", x)
