"""Tests for nbhelpers.losses: mean_squared_error and cross_entropy_error (weight decay at the end).

The book's printed numbers to the last digit; an independent reference (exact ``Fraction`` arithmetic for
the mean squared error, a direct Python loop with ``math.log`` and ``math.fsum`` for the cross-entropy);
a batch is the mean of its rows; one-hot rows and label indices agree; the label-index cross-entropy is bit
for bit the formula tools/train_mnist.py has always used (its recorded loss history depends on it); float32
stays float32; no warnings; NaN propagates; bad input gets an error naming the argument and both shapes.

Measured error maxima (float64, 3000 random batches of up to 12 x 12), relative, beside their bounds: mean
squared error against exact arithmetic 1.9 eps (bound 8 eps); cross-entropy against the direct loop 2.3 eps
(bound 16 eps); a batch against the mean of its rows 2.0 eps (bound 8 eps); the cross-entropy of one-hot
rows against label indices 2.1 eps (bound 8 eps).
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from helpers import FAST, no_warnings
from hypothesis import given
from hypothesis import strategies as st

import nbhelpers
from nbhelpers import losses
from nbhelpers.losses import cross_entropy_error, mean_squared_error, weight_decay_gradient, weight_decay_loss
from nbhelpers.outputs import softmax

EPS = float(np.finfo(np.float64).eps)
BOOK_T = [0, 0, 1, 0, 0, 0, 0, 0, 0, 0]  # the right digit is 2
BOOK_Y_RIGHT = [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]  # most probable: 2
BOOK_Y_WRONG = [0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0]  # most probable: 7


def reference_mse(y, t) -> Fraction:
    """Exact: (1/N) sum_n 1/2 sum_k (y_nk - t_nk)^2 in rational arithmetic (y, t: lists of rows)."""
    rows = [sum((Fraction(a) - Fraction(b)) ** 2 for a, b in zip(yr, tr)) / 2 for yr, tr in zip(y, t)]
    return sum(rows, Fraction(0)) / len(rows)


def reference_ce(y, t, delta=1e-7) -> float:
    """A direct loop: -(1/N) sum_n sum_k t_nk log(y_nk + delta), with math.log and an exact sum."""
    terms = [tk * math.log(yk + delta) for yr, tr in zip(y, t) for yk, tk in zip(yr, tr) if tk != 0]
    return -math.fsum(terms) / len(y)


def one_hot(labels, k):
    return np.eye(k)[np.asarray(labels)]


@st.composite
def batches(draw, max_n=12, max_k=12):
    """(y, labels): N rows of K probabilities (a softmax of random scores) and N labels."""
    n, k = draw(st.integers(1, max_n)), draw(st.integers(1, max_k))
    scores = draw(st.lists(st.floats(-20, 20), min_size=n * k, max_size=n * k))
    y = softmax(np.array(scores).reshape(n, k))
    labels = np.array(draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n)))
    return y, labels


# ---- the book's numbers -------------------------------------------------------------------------


def test_the_books_numbers_to_the_last_digit():
    assert mean_squared_error(BOOK_Y_RIGHT, BOOK_T) == 0.09750000000000003
    assert mean_squared_error(BOOK_Y_WRONG, BOOK_T) == 0.5975
    assert cross_entropy_error(BOOK_Y_RIGHT, BOOK_T) == 0.510825457099338
    assert cross_entropy_error(BOOK_Y_WRONG, BOOK_T) == 2.302584092994546
    # the same with arrays, and with the label index 2 instead of the one-hot row
    y, t = np.array(BOOK_Y_RIGHT), np.array(BOOK_T)
    assert mean_squared_error(y, t) == mean_squared_error(y, 2) == 0.09750000000000003
    assert cross_entropy_error(y, t) == cross_entropy_error(y, np.int64(2)) == 0.510825457099338


def test_the_books_numbers_are_the_books_formulas():
    """The book's own one-line functions (§4.2.1, §4.2.2) give the same floats."""
    for y in (BOOK_Y_RIGHT, BOOK_Y_WRONG):
        y_, t_ = np.array(y), np.array(BOOK_T)
        assert mean_squared_error(y, BOOK_T) == 0.5 * np.sum((y_ - t_) ** 2)
        assert cross_entropy_error(y, BOOK_T) == -np.sum(t_ * np.log(y_ + 1e-7))


def test_results_are_python_floats():
    for value in (
        mean_squared_error(BOOK_Y_RIGHT, BOOK_T),
        cross_entropy_error(np.float32(BOOK_Y_RIGHT), 2),
        cross_entropy_error([[0.5, 0.5]], [[1, 0]]),
    ):
        assert type(value) is float


def test_public_names():
    assert sorted(losses.__all__) == [
        "cross_entropy_error",
        "mean_squared_error",
        "weight_decay_gradient",
        "weight_decay_loss",
    ]
    assert nbhelpers.mean_squared_error is mean_squared_error
    assert nbhelpers.cross_entropy_error is cross_entropy_error
    for f in (mean_squared_error, cross_entropy_error):
        assert "Book §4.2" in f.__doc__ and "notebook 06" in f.__doc__


# ---- independent references ---------------------------------------------------------------------


@FAST
@given(batch=batches(), targets=st.booleans())
def test_mean_squared_error_matches_exact_arithmetic(batch, targets):
    y, labels = batch
    t = np.random.default_rng(labels.sum()).random(y.shape) if targets else one_hot(labels, y.shape[1])
    exact = reference_mse(y.tolist(), t.tolist())
    got = mean_squared_error(y, t)
    assert abs(Fraction(got) - exact) <= 8 * EPS * exact  # measured: at most 1.9 eps


@FAST
@given(batch=batches(), delta=st.sampled_from([1e-7, 0.0, 1e-3]))
def test_cross_entropy_error_matches_a_direct_loop(batch, delta):
    y, labels = batch
    expected = reference_ce(y.tolist(), one_hot(labels, y.shape[1]).tolist(), delta)
    for t in (labels, one_hot(labels, y.shape[1])):
        got = cross_entropy_error(y, t, delta=delta)
        if math.isinf(expected):
            assert got == expected
        else:
            assert got == pytest.approx(expected, rel=16 * EPS, abs=1e-300)  # measured: at most 2.3 eps


def test_cross_entropy_error_with_target_distributions():
    """t need not be one-hot: any distribution over the classes (a direct loop as reference)."""
    rng = np.random.default_rng(1)
    y, t = softmax(rng.normal(size=(5, 4))), softmax(rng.normal(size=(5, 4)))
    assert cross_entropy_error(y, t) == pytest.approx(reference_ce(y.tolist(), t.tolist()), rel=16 * EPS)


# ---- batches, one-hot and labels ----------------------------------------------------------------


@FAST
@given(batch=batches())
def test_a_batch_is_the_mean_of_its_rows(batch):
    y, labels = batch
    t = one_hot(labels, y.shape[1])
    for loss in (mean_squared_error, cross_entropy_error):
        rows = [loss(y[i], t[i]) for i in range(len(y))]
        assert loss(y, t) == pytest.approx(math.fsum(rows) / len(rows), rel=8 * EPS, abs=1e-300)
        rows = [loss(y[i], labels[i]) for i in range(len(y))]  # a scalar label for one example
        assert loss(y, labels) == pytest.approx(math.fsum(rows) / len(rows), rel=8 * EPS, abs=1e-300)


@FAST
@given(batch=batches())
def test_one_hot_rows_and_label_indices_agree(batch):
    y, labels = batch
    t = one_hot(labels, y.shape[1])
    assert mean_squared_error(y, t) == mean_squared_error(y, labels)  # the same arithmetic
    # the sums add the same terms (and zeros) in another grouping: equal up to rounding
    assert cross_entropy_error(y, t) == pytest.approx(cross_entropy_error(y, labels), rel=8 * EPS)
    for i in range(len(y)):  # one example: one non-zero term, bit for bit
        assert cross_entropy_error(y[i], t[i]) == cross_entropy_error(y[i], labels[i])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_label_indices_use_the_formula_of_tools_train_mnist_bit_for_bit(dtype):
    """The training script's loss history was recorded with exactly this expression."""
    rng = np.random.default_rng(2)
    y = softmax(rng.normal(0, 3, size=(100, 10))).astype(dtype)
    t = rng.integers(0, 10, size=100).astype(np.uint8)  # as load_mnist gives the labels
    n = len(t)
    expected = float(-np.sum(np.log(y[np.arange(n), t] + 1e-7)) / n)
    assert cross_entropy_error(y, t) == expected


def test_labels_as_lists_scalars_and_any_integer_type():
    y = np.array([[0.2, 0.8], [0.6, 0.4]])
    expected = cross_entropy_error(y, [[0, 1], [1, 0]])
    for t in ([1, 0], (1, 0), np.array([1, 0], dtype=np.uint8), np.array([1, 0], dtype=np.int32)):
        assert cross_entropy_error(y, t) == pytest.approx(expected, rel=4 * EPS)
        assert mean_squared_error(y, t) == mean_squared_error(y, [[0, 1], [1, 0]])
    assert cross_entropy_error([0.2, 0.8], 1) == cross_entropy_error([0.2, 0.8], [0, 1])
    assert mean_squared_error([3.0], [1.0]) == 2.0  # regression: one output, a target value


def test_mean_squared_error_of_target_values():
    """Regression: t holds target values, not classes (0.5 * ((1.5-1)^2 + (-1-0)^2) = 0.625, mean of 2 rows)."""
    assert mean_squared_error([[1.5, -1.0], [0.0, 0.0]], [[1.0, 0.0], [0.0, 0.0]]) == 0.3125


# ---- dtypes, limits, warnings -------------------------------------------------------------------


def test_float32_is_computed_in_float32():
    rng = np.random.default_rng(3)
    y32 = softmax(rng.normal(size=(50, 10))).astype(np.float32)
    t = rng.integers(0, 10, size=50)
    t_hot = one_hot(t, 10)  # float64 targets: converted to y's float32
    y_t = np.float32(t_hot)
    assert mean_squared_error(y32, t) == float(np.float32(0.5) * np.sum((y32 - y_t) ** 2) / 50)
    assert mean_squared_error(y32, t_hot) == mean_squared_error(y32, t)
    assert cross_entropy_error(y32, t_hot) == float(-np.sum(y_t * np.log(y32 + np.float32(1e-7))) / 50)
    # float32 and float64 agree to float32 accuracy, and they are not the same computation
    y64 = y32.astype(np.float64)
    assert cross_entropy_error(y32, t) == pytest.approx(cross_entropy_error(y64, t), rel=1e-6)
    assert cross_entropy_error(y32, t) != cross_entropy_error(y64, t)


def test_integer_outputs_become_float64():
    assert mean_squared_error([1, 0], [0, 1]) == 1.0
    assert cross_entropy_error([0, 1], 1) == -math.log(1 + 1e-7)


def test_delta_keeps_log_zero_finite_and_delta_zero_gives_inf_without_warning():
    y = [1.0, 0.0]  # certain, and wrong
    with no_warnings():
        assert cross_entropy_error(y, 1) == pytest.approx(-math.log(1e-7))  # about 16.1, not inf
        assert cross_entropy_error(y, 1, delta=0) == math.inf
        assert cross_entropy_error(y, [0, 1], delta=0) == math.inf
        # a class with probability 0 that is not the right one contributes 0 (0 * log 0 = 0, not NaN)
        assert cross_entropy_error(y, 0, delta=0) == 0.0
        assert cross_entropy_error(y, [1, 0], delta=0) == 0.0
        assert math.copysign(1, cross_entropy_error(y, [1, 0], delta=0)) == 1  # 0.0, not -0.0


def test_no_warnings_for_extreme_finite_input():
    big = np.finfo(np.float64).max
    with no_warnings():
        assert mean_squared_error([big, -big], [0.0, 0.0]) == math.inf  # too large for a float
        assert mean_squared_error(np.float32([1e30]), np.float32([-1e30])) == math.inf
        tiny = np.finfo(np.float64).smallest_subnormal
        assert cross_entropy_error([tiny, 1.0], 0) == pytest.approx(-math.log(1e-7))
        assert cross_entropy_error([tiny, 1.0], 0, delta=0) == pytest.approx(-math.log(tiny))
        assert cross_entropy_error([1.0, 0.0], 1, delta=0) == math.inf  # log 0 without delta: no warning


def test_nan_propagates():
    with no_warnings():
        assert math.isnan(mean_squared_error([np.nan, 0.5], [0, 1]))
        assert math.isnan(mean_squared_error([0.5, 0.5], [np.nan, 1.0]))
        assert math.isnan(mean_squared_error([[0.5, 0.5], [np.nan, 0.5]], [0, 1]))
        assert math.isnan(cross_entropy_error([np.nan, 0.5], [1, 0]))
        assert math.isnan(cross_entropy_error([np.nan, 0.5], [0, 1]))  # 0 * NaN is NaN
        assert math.isnan(cross_entropy_error([[0.5, 0.5], [np.nan, 0.5]], [1, 0]))
        assert math.isnan(cross_entropy_error([0.5, 0.5], [np.nan, 1.0]))
    # With label indices only the right class's probability is read (the book's §4.2.4 formula):
    assert cross_entropy_error([np.nan, 0.5], 1) == -math.log(0.5 + 1e-7)


def test_the_inputs_are_not_modified():
    y, t = np.array([[0.2, 0.8], [0.6, 0.4]]), np.array([[0, 1], [1, 0]])
    y0, t0 = y.copy(), t.copy()
    for loss in (mean_squared_error, cross_entropy_error):
        loss(y, t)
        loss(y, t[:, 0])
    np.testing.assert_array_equal(y, y0)
    np.testing.assert_array_equal(t, t0)


# ---- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize("loss", [mean_squared_error, cross_entropy_error])
@pytest.mark.parametrize(
    ("y", "t", "message"),
    [
        (
            np.full((2, 10), 0.1),
            np.zeros(10),
            r"t has shape \(10,\), which does not fit y of shape \(2, 10\)",
        ),
        (
            np.full((2, 10), 0.1),
            np.zeros((2, 9)),
            r"t has shape \(2, 9\).*y of shape \(2, 10\).*or shape \(2,\)",
        ),
        (
            np.full(10, 0.1),
            [1, 2],
            r"t has shape \(2,\).*y of shape \(10,\).*y's shape \(10,\).*or shape \(\)",
        ),
        (np.full((3, 4), 0.25), [[1], [2], [3]], r"t has shape \(3, 1\).*y of shape \(3, 4\)"),
    ],
)
def test_shapes_that_do_not_fit_name_both(loss, y, t, message):
    with pytest.raises(ValueError, match=f"^{loss.__name__}: {message}"):
        loss(y, t)


@pytest.mark.parametrize("loss", [mean_squared_error, cross_entropy_error])
def test_labels_out_of_range(loss):
    y = np.full((2, 10), 0.1)
    with pytest.raises(ValueError, match=r"t holds the class label 10, but there are 10 classes"):
        loss(y, [3, 10])
    with pytest.raises(ValueError, match=r"t holds the class label -1.*labels must lie in 0 \.\.\. 9"):
        loss(y, [-1, 3])  # NumPy would read -1 as the last class
    with pytest.raises(ValueError, match=r"label 3, but there are 3 classes"):
        loss([0.2, 0.3, 0.5], 3)


@pytest.mark.parametrize("loss", [mean_squared_error, cross_entropy_error])
@pytest.mark.parametrize(
    ("t", "message"),
    [
        (
            [2.0, 1.0],
            r"t of shape \(2,\) is read as class labels.*y, shape \(2, 3\).*dtype float64.*astype\(int\)",
        ),
        ([True, False], r"must hold integers, got dtype bool"),
        (["2", "1"], r"must hold integers, got dtype <U1"),
        ("2", r"t must be numbers \(targets or class labels\), got the string '2'"),
        ([["a", "b", "c"]] * 2, r"t must be a number or an array of numbers"),
        ([[1j, 0, 0]] * 2, r"t must hold real numbers"),
    ],
)
def test_non_integer_labels_and_non_numeric_targets(loss, t, message):
    with pytest.raises(TypeError, match=message):
        loss(np.full((2, 3), 1 / 3), t)


@pytest.mark.parametrize("loss", [mean_squared_error, cross_entropy_error])
@pytest.mark.parametrize(
    ("y", "error", "message"),
    [
        ([], ValueError, r"y is empty \(shape \(0,\)\)"),
        (np.zeros((0, 10)), ValueError, r"y is empty \(shape \(0, 10\)\)"),
        (np.zeros((3, 0)), ValueError, r"y is empty \(shape \(3, 0\)\)"),
        (0.5, ValueError, r"y must be one example, shape \(K,\), or a batch.*got shape \(\)"),
        (np.zeros((2, 3, 4)), ValueError, r"got shape \(2, 3, 4\) \(use y.reshape\(-1, 4\) for a batch\)"),
        ("0.5", TypeError, r"y must be a number or an array of numbers, got the string"),
        ([1j, 2j], TypeError, r"y must hold real numbers"),
    ],
)
def test_bad_outputs(loss, y, error, message):
    with pytest.raises(error, match=message):
        loss(y, 0)


@pytest.mark.parametrize("loss", [mean_squared_error, cross_entropy_error])
def test_ragged_targets(loss):
    with pytest.raises(ValueError, match=r"t must be a rectangular array \(all rows the same length\)"):
        loss(np.full((2, 3), 1 / 3), [[1, 0, 0], [1, 0]])


def test_cross_entropy_error_refuses_negative_probabilities_and_bad_deltas():
    with pytest.raises(
        ValueError, match=r"y must hold probabilities \(between 0 and 1\), but y \(shape \(2, 2\)\) holds 1.5"
    ):
        cross_entropy_error([[1.5, -2.0], [0.5, 0.5]], [0, 1])  # scores, not probabilities
    with pytest.raises(ValueError, match=r"holds -2.0"):
        cross_entropy_error([[0.5, -2.0], [0.5, 0.5]], [0, 1])
    with pytest.raises(ValueError, match=r"between 0 and 1.*holds 1.8"):
        cross_entropy_error([[1.8, 0.2], [0.5, 0.5]], [0, 1])  # probabilities above 1: scores again
    assert cross_entropy_error([[1.0, 0.0]], [0]) == pytest.approx(-np.log(1 + 1e-7))  # 1 itself is fine
    with pytest.raises(ValueError, match="delta must be >= 0, got -1e-07"):
        cross_entropy_error([0.5, 0.5], 0, delta=-1e-7)
    with pytest.raises(ValueError, match="delta must be finite"):
        cross_entropy_error([0.5, 0.5], 0, delta=float("nan"))
    with pytest.raises(TypeError, match="delta must be a real number"):
        cross_entropy_error([0.5, 0.5], 0, delta="1e-7")


# ---- weight decay (book §6.4.2; notebook 10) -----------------------------------------------------------
#
# References: exact Fraction arithmetic, and the book's own loop (common/multi_layer_net.py's loss: weight_decay
# += 0.5 * λ * np.sum(W**2) for W1, W2, ..., from 0), which ours follows bit for bit; the gradient against the
# numerical derivative of the loss term. Measured over 3000 random dicts (up to 4 weight matrices of up to
# 6 x 6, values up to 10^±3): the loss against exact arithmetic 1.8 ε relative (bound 8 ε); the gradient
# against exact arithmetic 1.0 ε of |g| + |λW| (two roundings, λW and the sum; bound 2 ε).


@st.composite
def parameter_dicts(draw):
    """{"W1": ..., "b1": ..., ...} with random shapes and scales, sometimes BN's gamma and beta, and λ."""
    seed, layers = draw(st.integers(0, 2**32 - 1)), draw(st.integers(1, 4))
    rng = np.random.default_rng(seed)
    params = {}
    for k in range(1, layers + 1):
        rows, cols = (int(v) for v in rng.integers(1, 7, size=2))
        params[f"W{k}"] = rng.normal(size=(rows, cols)) * 10.0 ** rng.integers(-3, 4)
        params[f"b{k}"] = rng.normal(size=cols)
    if draw(st.booleans()):
        params["gamma1"], params["beta1"] = rng.normal(size=3), rng.normal(size=3)
    lam = draw(st.sampled_from([1e-8, 1e-4, 0.1, 0.5, 3.0]))
    return params, lam


@FAST
@given(case=parameter_dicts())
def test_weight_decay_loss_against_exact_arithmetic_and_the_books_loop(case):
    params, lam = case
    value = weight_decay_loss(params, lam)
    assert type(value) is float
    exact = (
        Fraction(lam)
        / 2
        * sum(
            (Fraction(float(w)) ** 2 for key, a in params.items() if key.startswith("W") for w in a.flat),
            Fraction(0),
        )
    )
    assert abs(Fraction(value) - exact) <= 8 * EPS * exact  # measured: 1.8 ε
    book = 0
    for k in range(1, sum(key.startswith("W") for key in params) + 1):
        book += 0.5 * lam * np.sum(params[f"W{k}"] ** 2)
    assert value == book


@FAST
@given(case=parameter_dicts())
def test_weight_decay_gradient_adds_lambda_w_to_the_weights_only(case):
    params, lam = case
    rng = np.random.default_rng(0)
    grads = {key: rng.normal(size=value.shape) for key, value in params.items()}
    kept = {
        key: value.tobytes() for key, value in {**grads, **{"p" + k: v for k, v in params.items()}}.items()
    }
    out = weight_decay_gradient(grads, params, lam)
    assert out is not grads and list(out) == list(grads)
    for key, g in grads.items():
        if key.startswith("W"):
            np.testing.assert_array_equal(out[key], g + lam * params[key])  # the book's dW + λ W
            assert not np.shares_memory(out[key], g) and not np.shares_memory(out[key], params[key])
            exact = np.array([float(Fraction(float(a)) + Fraction(lam) * Fraction(float(w))) for a, w in
                              zip(g.flat, params[key].flat)]).reshape(g.shape)  # fmt: skip
            assert np.all(np.abs(out[key] - exact) <= 2 * EPS * (np.abs(g) + np.abs(lam * params[key])))
        else:
            np.testing.assert_array_equal(out[key], g)  # biases, gamma and beta are not decayed
    current = {
        key: value.tobytes() for key, value in {**grads, **{"p" + k: v for k, v in params.items()}}.items()
    }
    assert current == kept  # nothing given is changed


def test_weight_decay_gradient_is_the_derivative_of_the_loss_term():
    """Central differences of weight_decay_loss (a quadratic: exact but for rounding, measured 1.1e-12)."""
    rng = np.random.default_rng(1)
    params = {"W1": rng.normal(size=(3, 4)), "b1": rng.normal(size=4), "W2": rng.normal(size=(4, 2))}
    zeros = {key: np.zeros_like(value) for key, value in params.items()}
    decay = weight_decay_gradient(zeros, params, 0.3)
    for key in params:
        numerical = nbhelpers.numerical_gradient(lambda _: weight_decay_loss(params, 0.3), params[key])
        np.testing.assert_allclose(decay[key], numerical, rtol=0, atol=1e-9)


def test_weight_decay_with_lambda_zero_and_simple_numbers():
    params = {
        "W1": np.array([[1.0, -2.0]]),
        "b1": np.array([5.0]),
        "W2": np.array([[3.0]]),
        "gamma1": np.ones(2),
    }
    assert weight_decay_loss(params, 0.1) == pytest.approx(0.05 * (1 + 4 + 9), rel=1e-15)
    assert weight_decay_loss(params, 0) == 0.0 and type(weight_decay_loss(params, 0)) is float
    assert weight_decay_loss({}, 0.5) == 0.0 and weight_decay_loss({"b1": np.ones(3)}, 0.5) == 0.0
    grads = {key: np.full_like(value, 0.5) for key, value in params.items()}
    out = weight_decay_gradient(grads, params, 0)
    assert out is not grads and all(np.array_equal(out[k], grads[k]) for k in grads)
    out = weight_decay_gradient(grads, params, 2)
    np.testing.assert_array_equal(out["W1"], [[2.5, -3.5]])
    np.testing.assert_array_equal(out["W2"], [[6.5]])
    np.testing.assert_array_equal(out["b1"], [0.5])
    np.testing.assert_array_equal(out["gamma1"], [0.5, 0.5])
    only_w = weight_decay_gradient({"W2": np.zeros((1, 1))}, params, 1.0)  # the keys of grads, not of params
    assert list(only_w) == ["W2"] and only_w["W2"][0, 0] == 3.0


def test_weight_decay_keeps_float32():
    params = {"W1": np.array([[0.1, 0.2]], dtype=np.float32), "b1": np.zeros(2, dtype=np.float32)}
    grads = {"W1": np.ones((1, 2), dtype=np.float32), "b1": np.ones(2, dtype=np.float32)}
    out = weight_decay_gradient(grads, params, 0.01)
    assert out["W1"].dtype == np.float32 and out["b1"].dtype == np.float32
    assert type(weight_decay_loss(params, 0.01)) is float
    assert weight_decay_loss(params, 0.01) == pytest.approx(0.005 * 0.05, rel=1e-6)


def test_weight_decay_bad_arguments_are_named():
    params, grads = {"W1": np.ones((2, 2))}, {"W1": np.ones((2, 2))}
    for name, call in (
        ("weight_decay_loss", lambda p, lam: weight_decay_loss(p, lam)),
        ("weight_decay_gradient", lambda p, lam: weight_decay_gradient(grads, p, lam)),
    ):
        with pytest.raises(TypeError, match=rf"{name}: params must be a dict of arrays.*got list"):
            call([np.ones((2, 2))], 0.1)
        with pytest.raises(ValueError, match=rf"{name}: weight_decay_lambda must be >= 0.*got -0.1"):
            call(params, -0.1)
        with pytest.raises(ValueError, match=r"weight_decay_lambda must be finite"):
            call(params, float("nan"))
        with pytest.raises(TypeError, match=r"weight_decay_lambda must be a real number"):
            call(params, "0.1")
    with pytest.raises(TypeError, match=r"weight_decay_gradient: grads must be a dict of arrays, got tuple"):
        weight_decay_gradient((np.ones((2, 2)),), params, 0.1)
    with pytest.raises(
        ValueError, match=r"params\['W1'\] must have grads\['W1'\]'s shape \(2, 3\); got \(2, 2\)"
    ):
        weight_decay_gradient({"W1": np.ones((2, 3))}, params, 0.1)
    with pytest.raises(
        ValueError, match=r"params\['W2'\] must have grads\['W2'\]'s shape \(2, 2\); got missing"
    ):
        weight_decay_gradient({"W2": np.ones((2, 2))}, params, 0.1)


def test_weight_decay_public_names_and_docstrings():
    assert nbhelpers.weight_decay_loss is weight_decay_loss
    assert nbhelpers.weight_decay_gradient is weight_decay_gradient
    for f in (weight_decay_loss, weight_decay_gradient):
        assert "Book §6.4.2" in f.__doc__ and "notebook 10" in f.__doc__
