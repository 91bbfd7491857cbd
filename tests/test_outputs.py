"""Tests for nbhelpers.outputs: the identity function and softmax.

softmax is checked against known values (the book's example), against an independent reference in exact
arithmetic (``decimal`` with 60 digits and the formula ``p_k = 1 / sum_j exp(a_j - a_k)``, which never
subtracts the largest score), for its properties (rows sum to 1, values in [0, 1], shift invariance, order,
a batch equals its rows, dtypes), for the absence of warnings over the whole float range, for the limits at
±inf and NaN, and for the errors a learner gets from bad input.

Accuracy model. softmax computes ``d = fl(a - C)`` with ``C = max(a)``, then ``e = exp(d)`` and
``p = e / fl(sum(e))``. Rounding ``a_k - C`` costs up to half an ulp of it, an absolute error of up to
``|a_k - C| * eps / 2``, and ``exp`` turns an absolute error of its argument into the same relative error
of its value. So the relative error of ``p_k`` grows with how far ``a_k`` lies below the largest score:
softmax loses accuracy there, in float64 up to ~350 eps (8e-14) for ``a_k - C = -700``. That term is
the price of the max-shift and is part of the tolerance below (``_allowed_rel_error``); the rest is a few
eps from ``exp``, the sum and the division.

A batch equals its rows bit for bit along every axis and in every memory order (section 9). One limit of
NumPy is recorded in the docstring of ``test_order_is_kept``: its float32 ``exp`` is not monotone on
neighbouring floats, so order is kept only up to that.
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from helpers import FAST, FLOAT_DTYPES, extremes, finite, no_warnings
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from nbhelpers import outputs
from nbhelpers.outputs import identity_function, softmax

# Below -UNDERFLOW[dtype], exp(a_k - C) is smaller than the dtype's smallest normal number (-log(tiny)).
UNDERFLOW = {np.float16: 9.70, np.float32: 87.3, np.float64: 708.4}


def _eps(dtype) -> float:
    return float(np.finfo(dtype).eps)


def _shapes(min_dims=1, max_dims=3, max_side=5):
    """Shapes with no zero-length side: every axis has at least one score to turn into probabilities."""
    return hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=1, max_side=max_side)


def _arrays(dtype, limit=None, shape=None):
    """Hypothesis strategy: arrays of ``dtype`` with finite values (|x| <= limit if given)."""
    return hnp.arrays(dtype, _shapes() if shape is None else shape, elements=finite(dtype, limit))


def _scores(limit=None, shape=None, dtypes=FLOAT_DTYPES):
    """Like ``_arrays``, with the dtype drawn too; ``limit`` may be a dict dtype -> limit."""

    def arrays(dtype):
        lim = limit.get(dtype) if isinstance(limit, dict) else limit
        return _arrays(dtype, lim, shape)

    return st.sampled_from(dtypes).flatmap(arrays)


def _spread_scores(shape=None, dtypes=FLOAT_DTYPES):
    """Scores at every scale that matters: near 0, up to and beyond the underflow of exp, the whole range."""

    def arrays(dtype):
        limits = [1.0, 10.0, UNDERFLOW[dtype], 2 * UNDERFLOW[dtype], None]
        return st.sampled_from(limits).flatmap(lambda limit: _arrays(dtype, limit, shape))

    return st.sampled_from(dtypes).flatmap(arrays)


def _rows(x, axis):
    """``x`` with ``axis`` moved last and the rest flattened: one row of scores per line."""
    moved = np.moveaxis(x, axis, -1)
    return moved.reshape(-1, moved.shape[-1])


def _slice_by_slice(x, axis):
    """softmax applied to each 1-D slice of ``x`` along ``axis`` separately, put back in place."""
    moved = np.moveaxis(x, axis, -1)
    out = np.empty_like(moved)
    for index in np.ndindex(moved.shape[:-1]):
        out[index] = softmax(moved[index])
    return np.moveaxis(out, -1, axis)


# ---- exact reference (decimal) --------------------------------------------------------------------------

CONTEXT = decimal.Context(prec=60, Emin=-999_999, Emax=999_999)

# A score more than CUTOFF above a_k makes p_k < exp(-800), below half the smallest float64 subnormal
# (exp(-744.4)): p_k rounds to 0 in every dtype, and the reference uses 0. A score more than CUTOFF below
# a_k adds less than exp(-800) to the sum, which starts at 1 (j = k): far beyond the 60 digits.
CUTOFF = 800


def exact_softmax(row) -> list[Decimal]:
    """p_k = 1 / sum_j exp(a_j - a_k), in 60-digit decimal arithmetic, for a 1-D row of finite floats.

    Every float is a finite binary fraction, so ``Decimal(float)`` is exact; the differences are rounded to
    60 digits, a relative error of 1e-60 that moves the exponents by at most 1e-57 (|a_j - a_k| <= CUTOFF).
    """
    a = [Decimal(v) for v in row.astype(np.float64).tolist()]
    exact = []
    for a_k in a:
        diffs = [CONTEXT.subtract(a_j, a_k) for a_j in a]
        if max(diffs) > CUTOFF:
            exact.append(Decimal(0))
            continue
        total = Decimal(0)
        for d in diffs:
            if d > -CUTOFF:
                total = CONTEXT.add(total, CONTEXT.exp(d))
        exact.append(CONTEXT.divide(1, total))
    return exact


# Relative error of exp itself, in eps of the dtype (an error of one ulp is up to one eps). Measured against
# exp in 80-bit extended precision: float16 0.49 (exp in float32, rounded to float16), float32 1.78 (NumPy's
# SIMD expf, up to 2.54 ulp), float64 0.59. Rounded up; ``test_numpy_exp_is_as_accurate_as_assumed`` holds
# NumPy to them on the machine that runs the tests.
EXP_ERROR = {np.float16: 0.6, np.float32: 2.0, np.float64: 1.0}


# Where the exact p_k is a normal number, its relative error in eps of the dtype is at most (first order)
#     |a_k - max a| / 2                  rounding a_k - max a, turned into a relative error by exp
#   + 2 EXP_ERROR                        exp's own error in e_k and, weighted, in the sum
#   + 1 / 2                              the division
#   + (K - 1) (1 / 2 + 1 / (2e))         K - 1 additions; and the rounding of a_j - max a in the other terms
#                                        of the sum, weighted by p_j <= exp(-|a_j - max a|): at most 1 / (2e)
# (K scores in the row). The first term is the ill-conditioning far below the maximum. The rest, the
# "excess", measured over 400 000 random rows and 60 000 hypothesis examples (1 to 3 rows) of 1 to 12
# scores (``_spread_scores``), reached at most: float16 1.24 (K = 5; the bound there is 4.4), float32 2.84
# (K = 7; bound 8.6), float64 2.68 (K = 7; bound 6.6); relative to the bound at most 0.39 (float16, K = 2),
# 0.33 (float32, K = 7), 0.43 (float64, K = 6).
def _allowed_rel_error(distance_to_max: float, k: int, dtype) -> float:
    excess = 2 * EXP_ERROR[dtype] + 0.5 + (k - 1) * (0.5 + 0.5 / np.e)
    return (distance_to_max / 2 + excess) * _eps(dtype)


# Where the exact p_k is below the smallest normal number of the dtype (or rounds to 0), relative accuracy
# is lost by design (subnormals have fewer digits): there |error| <= (the relative bound above) * p_k +
# SUB_BOUND smallest subnormals, for exp's rounding of a subnormal e_k (up to one; the sum is >= 1 and only
# shrinks it) and the division's (half). Measured maximum: 0.93 (float64), 0 (float16 and float32).
SUB_BOUND = 1.5


def _check_row_against_exact(row, got):
    """Assert every entry of ``got = softmax(row)`` is within the bound of the exact value; return the errors.

    Returns (normal, subnormal): the excess ``error / eps - |a_k - max a| / 2`` of the entries whose exact
    value is a normal number, and ``(error - relative allowance) / smallest subnormal`` of the others
    (the measurements quoted above).
    """
    dtype = row.dtype.type
    fi = np.finfo(dtype)
    eps, tiny, sub = _eps(dtype), Decimal(float(fi.tiny)), Decimal(float(fi.smallest_subnormal))
    top = float(np.max(row))
    k = len(row)
    normal, subnormal = [], []
    for a_k, p_k, exact in zip(
        row.astype(np.float64).tolist(), got.astype(np.float64).tolist(), exact_softmax(row)
    ):
        error = abs(Decimal(p_k) - exact)
        distance = top - a_k  # a Python float: never rounded to more than the float64 ulp of its size
        if exact >= tiny:
            rel = float(error / exact)
            allowed = _allowed_rel_error(distance, k, dtype)
            normal.append(rel / eps - distance / 2)
            assert rel <= allowed, (
                f"softmax({row.tolist()!r}) ({row.dtype})[{a_k!r}] = {p_k!r}, exact {float(exact)!r}: "
                f"relative error {rel / eps:.3f} eps > allowed {allowed / eps:.3f} eps"
            )
        else:
            relative_part = Decimal(_allowed_rel_error(distance, k, dtype)) * exact if exact else Decimal(0)
            excess = float((error - relative_part) / sub)
            subnormal.append(excess)
            assert excess <= SUB_BOUND, (
                f"softmax({row.tolist()!r}) ({row.dtype})[{a_k!r}] = {p_k!r}, exact {float(exact)!r} "
                f"(below the smallest normal): {excess:.3f} smallest subnormals beyond the relative bound"
            )
    return normal, subnormal


# ---- 1. known values -------------------------------------------------------------------------------------


def test_softmax_book_example():
    """The book's example, to every printed digit (half a unit in the 8th decimal)."""
    out = softmax([0.3, 2.9, 4.0])
    assert out.dtype == np.float64
    np.testing.assert_allclose(out, [0.01821127, 0.24519181, 0.73659691], rtol=0, atol=5e-9)


def test_softmax_large_scores_known_values():
    """Scores of 1000 and more: exp(1010) overflows, the shifted exponents 0, -10, -20 do not."""
    with no_warnings():
        out = softmax([1010, 1000, 990])
    assert np.all(np.isfinite(out)), out
    assert abs(np.sum(out) - 1) <= 2 * _eps(np.float64)
    np.testing.assert_allclose(out, [9.99954600e-01, 4.53978686e-05, 2.06106005e-09], rtol=5e-9)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("k", [1, 2, 3, 4, 5, 10])
def test_equal_scores_give_the_uniform_distribution(k, dtype):
    """K equal scores give exactly 1/K rounded to the dtype, whatever the scores are."""
    for value in [0.0, -3.5, 1000.0, float(np.finfo(dtype).max), float(np.finfo(dtype).min)]:
        out = softmax(np.full(k, value, dtype=dtype))
        assert out.dtype == dtype
        np.testing.assert_array_equal(out, np.full(k, dtype(1) / dtype(k)), err_msg=f"value {value}")


@FAST
@given(x=_scores(shape=st.tuples(st.integers(1, 4), st.just(1))))
def test_a_single_score_gets_probability_one(x):
    np.testing.assert_array_equal(softmax(x), np.ones_like(x))


@FAST
@given(
    x=st.sampled_from(FLOAT_DTYPES).flatmap(
        lambda dtype: hnp.arrays(dtype, hnp.array_shapes(min_dims=0, max_dims=3, min_side=0))
    )
)
def test_identity_function_returns_the_values_unchanged(x):
    """Any shape (0-d and empty too), any values (NaN, ±inf too): same dtype, same array, same bits."""
    out = identity_function(x)
    assert out is x  # the docstring promises the same array for a float array
    assert out.dtype == x.dtype
    np.testing.assert_array_equal(out, x)


@pytest.mark.parametrize(
    "x",
    [3, -2.5, True, [1, 2, 3], [[0.5, -1], [2, 3]], np.array([-3, 0, 2], dtype=np.int8), np.arange(4)],
    ids=repr,
)
def test_identity_function_of_numbers_lists_and_ints_is_float64(x):
    out = identity_function(x)
    assert type(out) is np.ndarray
    assert out.dtype == np.float64
    assert out.shape == np.shape(x)
    np.testing.assert_array_equal(out, np.asarray(x, dtype=np.float64))


# ---- 2. the max-shift: these fail for the textbook exp(a) / sum(exp(a)) -----------------------------------


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ([1010.0, 1000.0, 990.0], [9.99954600e-01, 4.53978686e-05, 2.06106005e-09]),  # exp(1010) = inf
        ([-1010.0, -1000.0, -990.0], [2.06106005e-09, 4.53978686e-05, 9.99954600e-01]),  # every exp = 0
    ],
)
def test_scores_whose_exp_overflows_or_underflows_in_float64(scores, expected):
    """Without subtracting the maximum: inf / inf or 0 / 0, NaN and a RuntimeWarning."""
    with no_warnings():
        out = softmax(scores)
    np.testing.assert_allclose(out, expected, rtol=5e-9)


@pytest.mark.parametrize(
    ("dtype", "big", "small"),
    [
        # exp(100) = 2.7e43 overflows float32 (max 3.4e38); p = [1, e^-100 = 3.72e-44] (a float32 subnormal).
        (np.float32, 100.0, 3.7200759760208356e-44),
        # exp(12) = 162755 overflows float16 (max 65504); p = [1, e^-12 = 6.14e-6] (a float16 subnormal).
        (np.float16, 12.0, 6.144212353328210e-06),
    ],
)
def test_scores_whose_exp_overflows_in_float32_and_float16(dtype, big, small):
    x = np.array([big, 0.0], dtype=dtype)
    with no_warnings():
        out = softmax(x)
    assert out.dtype == dtype
    assert out[0] == 1
    assert abs(float(out[1]) - small) <= float(np.finfo(dtype).smallest_subnormal), out


# ---- 3. properties ---------------------------------------------------------------------------------------


@FAST
@given(x=_spread_scores(), data=st.data())
def test_values_lie_between_zero_and_one(x, data):
    axis = data.draw(st.integers(-x.ndim, x.ndim - 1), label="axis")
    p = softmax(x, axis=axis)
    assert p.shape == x.shape
    assert p.dtype == x.dtype
    assert np.all((p >= 0) & (p <= 1)), p


# |sum - 1| <= (K + 1) / 2 eps: the K - 1 additions of the sum and the division of each entry round by at
# most half an eps each. The errors of exp do not count: every p_j is divided by the sum of the same e_j.
# Measured maximum over the rows of the excess measurement above: 0.73 of this bound (float64, K = 6).
def _check_rows_sum_to_one(p, axis):
    eps = _eps(p.dtype)
    for row in _rows(p, axis):
        k = len(row)
        total = sum(map(Fraction, row.astype(np.float64).tolist()))  # exact
        error = abs(float(total - 1))
        assert error <= (k + 1) / 2 * eps, f"{row!r} sums to 1 + {float(total - 1) / eps:.3f} eps (K = {k})"


@FAST
@given(x=_spread_scores(shape=_shapes(max_side=12)), data=st.data())
def test_rows_sum_to_one(x, data):
    axis = data.draw(st.integers(-x.ndim, x.ndim - 1), label="axis")
    _check_rows_sum_to_one(softmax(x, axis=axis), axis)


def _dyadic_grid(dtype):
    """(scale, bound): scores m * scale with integer |m| <= bound are exact, and so are their pairwise sums.

    A sum of two is (m1 + m2) * scale with |m1 + m2| <= 2 * bound = 2**nmant, within the nmant + 1 bits of
    the significand. The scale (float16 2**-3, float32 2**-7, float64 2**-17) makes the scores non-integer.
    """
    nmant = np.finfo(dtype).nmant  # float16 10, float32 23, float64 52
    return 2.0 ** -(nmant // 3), 2 ** (nmant - 1)


@st.composite
def _exactly_shiftable(draw):
    """A dtype, scores a and a shift c on a grid where a + c is exact: no rounding between a and a + c."""
    dtype = draw(st.sampled_from(FLOAT_DTYPES))
    scale, bound = _dyadic_grid(dtype)
    shape = draw(_shapes(max_dims=2, max_side=8))
    m = draw(hnp.arrays(np.int64, shape, elements=st.integers(-bound, bound)))
    c = draw(st.integers(-bound, bound))
    return (m * scale).astype(dtype), dtype(c * scale)


@FAST
@given(args=_exactly_shiftable())
def test_shift_invariance_is_exact_when_the_shift_is_exact(args):
    """softmax(a + c) == softmax(a), bitwise, for scores and a shift on a grid that makes a + c exact.

    A shift c added to a float is rounded, and then softmax(a + c) is the softmax of slightly different
    scores. So a and c are drawn as multiples of a power of two, small enough that a + c is exact (see
    ``_dyadic_grid``). Then (a_k + c) - max(a + c) is the same real number as a_k - max(a), rounds to the
    same float, and softmax, which works on those differences only, gives identical bits. The textbook
    formula exp(a) / sum(exp(a)) does not (and overflows for large c).
    """
    a, c = args
    shifted = a + c
    assert np.array_equal(shifted - c, a)  # the premise: the shift was exact
    with no_warnings():
        np.testing.assert_array_equal(softmax(shifted), softmax(a), err_msg=f"c = {c!r}")


@FAST
@given(
    x=st.sampled_from(FLOAT_DTYPES).flatmap(
        lambda dtype: st.sampled_from([2.0, 10.0, UNDERFLOW[dtype], None]).flatmap(
            lambda limit: hnp.arrays(
                dtype,
                st.integers(1, 20),
                # a few fixed values mixed in, so that ties occur
                elements=st.one_of(finite(dtype, limit), st.sampled_from([0.0, -1.0, 1.5])),
            )
        )
    )
)
def test_order_is_kept(x):
    """a_i == a_j gives p_i == p_j exactly; a_i < a_j gives p_i <= p_j, within 2 eps; the top score the top p.

    The 2 eps: NumPy's float32 exp is not monotone on neighbouring floats (AVX-512, NumPy 2.4):
    exp(float32(-0.23743337)) = 0.78864944 > exp(float32(-0.23743336)) = 0.7886494, one ulp, and so
    softmax(float32([-0.23743337, -0.23743336, 0])) gives p_0 > p_1. After the division that ulp of exp is at
    most 2 eps of p (or a subnormal ulp).
    """
    p = softmax(x).astype(np.float64)
    a = x.astype(np.float64)
    eps, sub = _eps(x.dtype), float(np.finfo(x.dtype).smallest_subnormal)
    equal = a[:, None] == a[None, :]
    assert np.all(p[:, None] == p[None, :], where=equal), "equal scores, different probabilities"
    less = a[:, None] < a[None, :]
    assert np.all(p[:, None] <= p[None, :] * (1 + 2 * eps) + sub, where=less), "a larger score got less"
    assert np.all(p[a == a.max()] == p.max()), "the largest score did not get the largest probability"


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_order_kept_on_neighbouring_floats(dtype):
    """Scores one ulp apart, where rounding could swap them: within 2 eps (see ``test_order_is_kept``)."""
    rng = np.random.default_rng(20240602)
    a = rng.uniform(-1.2 * UNDERFLOW[dtype], 0, 20_000).astype(dtype)
    x = np.stack([a, np.nextafter(a, dtype(np.inf)), np.zeros_like(a)], axis=1)
    p = softmax(x).astype(np.float64)
    sub = float(np.finfo(dtype).smallest_subnormal)
    drop = p[:, 0] - p[:, 1] * (1 + 2 * _eps(dtype)) - sub
    worst = int(np.argmax(drop))
    assert drop[worst] <= 0, f"softmax({x[worst]!r}) = {p[worst]!r}"


@FAST
@given(x=_spread_scores(shape=_shapes(min_dims=2, max_dims=2, max_side=12)))
def test_batch_equals_row_by_row_exactly(x):
    """softmax of an (N, K) batch is the stack of the softmax of each row, bit for bit (K up to 12)."""
    rows = np.stack([softmax(row) for row in x])
    np.testing.assert_array_equal(softmax(x), rows)
    np.testing.assert_array_equal(softmax(x, axis=1), rows)
    np.testing.assert_array_equal(softmax(x, axis=-1), rows)


@FAST
@given(x=_spread_scores(shape=_shapes(min_dims=2, max_dims=3, max_side=10)), data=st.data())
def test_batch_equals_slice_by_slice_along_every_axis(x, data):
    """Along any axis of a 2-D or 3-D array, softmax equals softmax of each 1-D slice along it, bit for bit
    (softmax works on a C-ordered copy with the axis last, so every slice is summed in the same order)."""
    axis = data.draw(st.integers(-x.ndim, x.ndim - 1), label="axis")
    batch = softmax(x, axis=axis)
    assert batch.dtype == x.dtype
    np.testing.assert_array_equal(batch, _slice_by_slice(x, axis))


@FAST
@given(x=_spread_scores(shape=_shapes(max_side=4)))
def test_float_dtype_is_kept(x):
    out = softmax(x)
    assert type(out) is np.ndarray
    assert out.dtype == x.dtype
    assert out.shape == x.shape


def test_longdouble_is_kept():
    out = softmax(np.array([0.3, 2.9, 4.0], dtype=np.longdouble))
    assert out.dtype == np.longdouble
    np.testing.assert_allclose(out.astype(np.float64), softmax([0.3, 2.9, 4.0]), rtol=4 * _eps(np.float64))


INTEGER_INPUTS = [
    np.array([-3, 0, 2], dtype=np.int8),
    np.array([[-3, 0], [7, 2]], dtype=np.int64),
    np.array([0, 5, 200], dtype=np.uint8),
    np.array([True, False]),
    [1, 0, -2],
    [[1, 2], [3, 4]],
    [2**70, 0],  # beyond int64: NumPy stores it as a Python object, converted to float64
]


@pytest.mark.parametrize(
    "x", INTEGER_INPUTS, ids=["int8", "int64-2d", "uint8", "bool", "list", "nested", "2**70"]
)
def test_integers_and_booleans_give_float64(x):
    out = softmax(x)
    assert out.dtype == np.float64
    assert out.shape == np.shape(x)
    np.testing.assert_array_equal(out, softmax(np.asarray(x, dtype=np.float64)))


# ---- 4. against the exact reference ----------------------------------------------------------------------


@FAST
@given(x=_spread_scores(shape=st.tuples(st.integers(1, 3), st.integers(1, 10))))
def test_softmax_within_bound_of_exact_value(x):
    """Every entry within ``_allowed_rel_error`` of p_k = 1 / sum_j exp(a_j - a_k) in 60-digit decimal."""
    got = softmax(x)
    assert got.dtype == x.dtype
    for row, got_row in zip(x, got):
        _check_row_against_exact(row, got_row)


@pytest.mark.parametrize(
    ("scores", "dtype"),
    [
        ([0.3, 2.9, 4.0], np.float64),
        ([0.3, 2.9, 4.0], np.float32),
        ([0.3, 2.9, 4.0], np.float16),
        ([0.0, -700.0, -708.0, -745.0], np.float64),  # the far scores: the |a_k - max a| / 2 term
        ([0.1, -87.0, -100.0, -104.0], np.float32),
        ([0.1, -9.0, -12.0, -17.0], np.float16),
        ([1e300, 1e300, -1e300, 1e300 - 2e284], np.float64),
        ([1.7e308, -1.7e308], np.float64),
        ([3.4e38, -3.4e38, 3.4e38], np.float32),
        ([65504, -65504, 0], np.float16),
    ],
)
def test_softmax_within_bound_of_exact_value_at_the_edges(scores, dtype):
    x = np.array(scores, dtype=dtype)
    with no_warnings():
        got = softmax(x)
    _check_row_against_exact(x, got)


@pytest.mark.skipif(np.finfo(np.longdouble).nmant < 63, reason="np.longdouble is not wider than float64")
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_numpy_exp_is_as_accurate_as_assumed(dtype):
    """The accuracy model above takes exp's relative error as at most EXP_ERROR eps: check that here.

    200 000 fixed points from where exp underflows to 0, against exp in 80-bit extended precision.
    """
    rng = np.random.default_rng(20240603)
    x = np.concatenate([rng.uniform(-UNDERFLOW[dtype], 0, 150_000), rng.uniform(-1, 0, 50_000)]).astype(dtype)
    exact = np.exp(x.astype(np.longdouble))
    rel = np.abs(np.exp(x).astype(np.longdouble) - exact) / exact / _eps(dtype)
    worst = int(np.argmax(rel))
    assert rel[worst] <= EXP_ERROR[dtype], f"exp({x[worst]!r}): {float(rel[worst]):.3f} eps"


# ---- 5. no warnings for finite input ---------------------------------------------------------------------


@FAST
@given(x=_scores(limit={np.float16: None, np.float32: 1e4, np.float64: 1e300}), data=st.data())
def test_no_warning_for_large_finite_scores(x, data):
    """|a| up to 1e4 in float32, up to 1e300 in float64, the whole range of float16: finite, no warning."""
    axis = data.draw(st.integers(-x.ndim, x.ndim - 1), label="axis")
    with no_warnings():
        p = softmax(x, axis=axis)
    assert np.all(np.isfinite(p))
    _check_rows_sum_to_one(p, axis)


@FAST
@given(x=_scores(shape=st.integers(1, 20)))
def test_no_warning_for_any_finite_scores_with_the_extremes(x):
    """Random finite scores over the whole range, with ±max, ±tiny, subnormals and ±0 in the same row."""
    x = np.concatenate([x, extremes(x.dtype)])
    with no_warnings():
        p = softmax(x)
    assert np.all(np.isfinite(p))
    _check_rows_sum_to_one(p, -1)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_extreme_finite_scores(dtype):
    """±max in one row: max - (-max) overflows to inf in the shift, exp(-inf) = 0, and no warning."""
    big = np.finfo(dtype).max
    x = np.array([[-big, big], [big, -big], [big, big], [-big, -big], [big, 0], [-big, 0]], dtype=dtype)
    with no_warnings():
        p = softmax(x)
    assert p.dtype == dtype
    expected = [[0, 1], [1, 0], [0.5, 0.5], [0.5, 0.5], [1, 0], [0, 1]]
    np.testing.assert_array_equal(p, np.array(expected, dtype=dtype))
    with no_warnings():
        np.testing.assert_array_equal(softmax(x.T, axis=0), p.T)


# ---- 6. infinities and NaN -------------------------------------------------------------------------------


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_minus_infinity_gets_exactly_zero(dtype):
    x = np.array([[-np.inf, 0.0, 0.0], [1.0, -np.inf, 1.0], [-np.inf, 5.0, -np.inf]], dtype=dtype)
    with no_warnings():
        p = softmax(x)
    expected = np.array([[0, 0.5, 0.5], [0.5, 0, 0.5], [0, 1, 0]], dtype=dtype)
    np.testing.assert_array_equal(p, expected)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_plus_infinity_takes_all_the_probability(dtype):
    """One +inf: 1 there, 0 elsewhere; two +inf share it, 0.5 each (no inf - inf = NaN)."""
    x = np.array(
        [
            [np.inf, 0.0, -3.0],
            [1.0, np.inf, np.finfo(dtype).max],
            [np.inf, -np.inf, 2.0],
            [np.inf, 1.0, np.inf],
            [np.inf, -np.inf, np.inf],
        ],
        dtype=dtype,
    )
    with no_warnings():
        p = softmax(x)
    expected = [[1, 0, 0], [0, 1, 0], [1, 0, 0], [0.5, 0, 0.5], [0.5, 0, 0.5]]
    np.testing.assert_array_equal(p, np.array(expected, dtype=dtype))


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_all_minus_infinity_gives_the_uniform_distribution(dtype):
    x = np.full((2, 4), -np.inf, dtype=dtype)
    with no_warnings():
        p = softmax(x)
    np.testing.assert_array_equal(p, np.full((2, 4), 0.25, dtype=dtype))
    with no_warnings():
        np.testing.assert_array_equal(softmax(x, axis=0), np.full((2, 4), 0.5, dtype=dtype))


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("bad", [np.nan, -np.nan], ids=["nan", "-nan"])
def test_nan_makes_its_row_nan_and_leaves_the_other_rows_alone(dtype, bad):
    x = np.array(
        [[0.3, bad, 4.0], [0.3, 2.9, 4.0], [bad, np.inf, -np.inf], [1.0, 1.0, 1.0], [bad, bad, bad]],
        dtype=dtype,
    )
    with no_warnings():
        p = softmax(x)
    assert p.dtype == dtype
    assert np.all(np.isnan(p[[0, 2, 4]])), p
    np.testing.assert_array_equal(p[1], softmax(x[1]))
    np.testing.assert_array_equal(p[3], softmax(x[3]))
    with no_warnings():  # the same along axis 0: the columns holding a NaN
        q = softmax(x.T, axis=0)
    np.testing.assert_array_equal(q, p.T)


@FAST
@given(
    x=st.sampled_from(FLOAT_DTYPES).flatmap(
        lambda dtype: hnp.arrays(
            dtype,
            st.tuples(st.integers(1, 4), st.integers(1, 6)),
            elements=st.one_of(finite(dtype), st.sampled_from([np.inf, -np.inf, np.nan])),
        )
    )
)
def test_non_finite_scores_never_warn_and_rows_follow_the_limits(x):
    """Any mix of finite scores, ±inf and NaN: no warning; each row is NaN, or in [0, 1] summing to 1."""
    with no_warnings():
        p = softmax(x)
    for row, p_row in zip(x, p):
        if np.any(np.isnan(row)):
            assert np.all(np.isnan(p_row)), (row, p_row)
            continue
        assert np.all((p_row >= 0) & (p_row <= 1)), (row, p_row)
        _check_rows_sum_to_one(p_row, -1)
        one = x.dtype.type(1)
        if np.all(row == -np.inf):
            np.testing.assert_array_equal(p_row, one / x.dtype.type(len(row)))
        else:
            np.testing.assert_array_equal(p_row[row == -np.inf], 0)
        if np.any(row == np.inf):
            share = one / x.dtype.type(np.sum(row == np.inf))
            np.testing.assert_array_equal(p_row, np.where(row == np.inf, share, 0))


# ---- 7. bad input ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("x", [3.0, 0, np.float32(1.5), np.array(2.0), True], ids=repr)
def test_a_single_number_is_rejected_asking_for_a_vector(x):
    with pytest.raises(ValueError, match=r"^softmax needs a vector of scores .* got the single number"):
        softmax(x)


@pytest.mark.parametrize(
    ("x", "axis", "shape"),
    [([], -1, r"\(0,\)"), (np.zeros((2, 0)), -1, r"\(2, 0\)"), (np.zeros((0, 3)), 0, r"\(0, 3\)")],
    ids=["[]", "(2, 0)", "(0, 3)-axis-0"],
)
def test_no_scores_along_the_axis_is_rejected_naming_the_shape(x, axis, shape):
    with pytest.raises(
        ValueError, match=rf"^softmax needs at least one score along axis {axis}, but x has shape {shape}"
    ):
        softmax(x, axis=axis)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_an_empty_batch_of_rows_is_fine(dtype):
    """Shape (0, 3): no examples of 3 scores each, nothing wrong with that."""
    out = softmax(np.zeros((0, 3), dtype=dtype))
    assert out.shape == (0, 3)
    assert out.dtype == dtype
    assert softmax(np.zeros((2, 0, 3), dtype=dtype), axis=2).shape == (2, 0, 3)


BAD_TYPES = [
    ("abc", r"^x must be a number or an array of numbers, got the string 'abc'"),
    (["a", "b"], r"^x must be a number or an array of numbers, got list holding dtype <U"),
    (None, r"^x must be a number or an array of numbers, but it holds NoneType None"),
    ([1.0, None], r"^x must be a number or an array of numbers, but it holds NoneType None"),
    (1 + 2j, r"^x must hold real numbers, got complex numbers"),
    ([1.0, 2j], r"^x must hold real numbers, got complex numbers"),
    (np.array([1.0, 2.0], dtype=np.complex64), r"^x must hold real numbers, got complex numbers"),
]


@pytest.mark.parametrize(
    ("x", "message"),
    BAD_TYPES,
    ids=["str", "list-of-str", "None", "list-with-None", "complex", "list-complex", "c64"],
)
@pytest.mark.parametrize("func", [softmax, identity_function], ids=["softmax", "identity_function"])
def test_non_numbers_raise_type_error_naming_x(func, x, message):
    with pytest.raises(TypeError, match=message):
        func(x)


@pytest.mark.parametrize("func", [softmax, identity_function], ids=["softmax", "identity_function"])
def test_ragged_list_raises_value_error_naming_x(func):
    with pytest.raises(ValueError, match=r"^x must be a rectangular array of numbers"):
        func([[1.0, 2.0], [3.0]])


@pytest.mark.parametrize(
    ("shape", "axis", "message"),
    [
        ((3,), 1, r"^axis 1 is out of range for x with 1 dimension \(use an axis from -1 to 0\)"),
        ((3,), -2, r"^axis -2 is out of range for x with 1 dimension "),
        ((2, 3), 2, r"^axis 2 is out of range for x with 2 dimensions \(use an axis from -2 to 1\)"),
        ((2, 3), -3, r"^axis -3 is out of range for x with 2 dimensions"),
    ],
)
def test_axis_out_of_range_raises_value_error_naming_the_axis(shape, axis, message):
    with pytest.raises(ValueError, match=message):
        softmax(np.zeros(shape), axis=axis)


@pytest.mark.parametrize(
    ("axis", "message"),
    [
        (1.0, r"^axis must be an integer, got float 1\.0"),
        (None, r"^axis must be an integer, got NoneType None"),
        ("0", r"^axis must be an integer, got str '0'"),
        ((0, 1), r"^axis must be an integer, got tuple \(0, 1\)"),
    ],
    ids=repr,
)
def test_non_integer_axis_raises_type_error(axis, message):
    with pytest.raises(TypeError, match=message):
        softmax(np.zeros((2, 3)), axis=axis)


def test_numpy_integer_axis_is_accepted():
    x = np.array([[0.3, 2.9, 4.0], [1.0, 0.0, -1.0]])
    np.testing.assert_array_equal(softmax(x, axis=np.int64(0)), softmax(x, axis=0))
    np.testing.assert_array_equal(softmax(x, axis=np.int8(-1)), softmax(x))


# ---- 8. the input is left alone ----------------------------------------------------------------------------


@FAST
@given(
    x=st.sampled_from(FLOAT_DTYPES).flatmap(
        lambda dtype: hnp.arrays(
            dtype, _shapes(), elements=st.one_of(finite(dtype), st.sampled_from([np.inf, -np.inf, np.nan]))
        )
    ),
    data=st.data(),
)
def test_softmax_does_not_modify_its_input(x, data):
    """Before and after compared bit for bit (NaN too); a read-only input works, so nothing writes to it."""
    axis = data.draw(st.integers(-x.ndim, x.ndim - 1), label="axis")
    before = x.copy()
    out = softmax(x, axis=axis)
    assert out is not x and not np.shares_memory(out, x)
    np.testing.assert_array_equal(x.view(np.uint8), before.view(np.uint8))
    x.flags.writeable = False
    np.testing.assert_array_equal(softmax(x, axis=axis), out)


def test_softmax_does_not_modify_a_list():
    scores = [[0.3, 2.9, 4.0], [1.0, 1.0, 1.0]]
    softmax(scores)
    assert scores == [[0.3, 2.9, 4.0], [1.0, 1.0, 1.0]]


def test_public_names():
    assert sorted(outputs.__all__) == ["OUTPUT_LABELS", "identity_function", "softmax"]
    assert list(outputs.OUTPUT_LABELS) == ["identity", "softmax"]


# ---- 9. layout: a batch along any axis, in any memory order, gives its slices bit for bit ----


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_axis_0_equals_column_by_column_exactly(dtype):
    x = np.stack([np.arange(9.0)[::-1], np.arange(9.0)], axis=1).astype(dtype)  # (9, 2), C order
    np.testing.assert_array_equal(softmax(x, axis=0), np.stack([softmax(col) for col in x.T], axis=1))


def test_axis_0_equals_column_by_column_exactly_in_float16():
    x = np.array([[2.0, 0.0], [1.0, 0.0], [0.0, 0.0]], dtype=np.float16)  # (3, 2), C order
    # the column alone gives [0.6655, 0.2448, 0.0901]; summed down the column in float16, [0.665, 0.2446, 0.09]
    np.testing.assert_array_equal(softmax(x, axis=0)[:, 0], softmax(x[:, 0]))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_fortran_ordered_batch_equals_c_ordered_exactly(dtype):
    x = np.stack([np.arange(9.0)[::-1], np.arange(9.0)]).astype(dtype)  # (2, 9)
    np.testing.assert_array_equal(softmax(np.asfortranarray(x)), softmax(x))
