"""Tests for nbhelpers.layers: MulLayer, AddLayer, Relu, Sigmoid, Affine and SoftmaxWithLoss (notebook 08);
BatchNormalization and Dropout (notebook 10) in the sections at the end, with their own measured maxima.

Gradient checks: every backward pass against a central-difference numerical gradient in float64 (written
here, independent of nbhelpers.numerical_gradient), on random shapes and values drawn with hypothesis. For
the layers other than the loss the checked function is f(x) = sum(forward(x) · dout) with a random dout,
whose gradient is exactly backward(dout). The error of one gradient is max_i |g_i - n_i| relative to the
largest entry, max(max_i |g_i|, max_i |n_i|); the bound is 1e-7. The numerical gradient's own error is its
truncation h² |f‴| / 6 (none where f is linear in the element) and its rounding ε Σ|f's terms| / h: the
steps h are chosen below (H_LINEAR, H_RELU, H_CURVED). Measured maxima (a script ran the ``*_error``
functions below on 5000 draws each, from the same distributions as the strategies):
  MulLayer 6.9e-12, AddLayer 1.0e-11, Relu 6.2e-11, Sigmoid 1.9e-9, Affine (x, W, b; 2-D, N-D and 1-D x)
  1.3e-10; SoftmaxWithLoss: labels 4.1e-9, one-hot rows 3.2e-9, probability rows 1.2e-8, one example (1-D)
  2.9e-9 / 2.4e-9 / 1.2e-8. Where the loss is flat (the largest gradient entry below 1e-2 / N: saturated
  rows, or y ≈ t) a relative measure is meaningless and the draw is skipped (3 to 10 in 100 draws).

Independent reference: the book's own classes (oreilly-japan/deep-learning-from-scratch, common/layers.py,
common/functions.py and ch05/layer_naive.py), copied once in tests/book.py: the same forward and backward,
bit for bit where the arithmetic is the same; for SoftmaxWithLoss ours = the book's × r with
r = y_t / (y_t + 1e-7) per row (the exact derivative of the loss with the book's δ), checked to rounding
(measured: 1.5 ε / N at most in 5000 draws, bound 8 ε / N); the book's Relu.backward changes its argument,
ours does not.

Also: inputs untouched bit for bit, Affine's references to W and b, float32 kept everywhere, errors that
name the argument and the shapes, NaN propagates, no warnings for finite input (the extremes of each
float type included).

BatchNormalization: training-mode forward against exact arithmetic (Fraction and 50-digit Decimal), bit for
bit the book's class in float64, running averages against their exact closed form, inference row by row =
batch, images = their flattened rows, gradient checks in both modes, hypothesis properties (column mean
beta and standard deviation |gamma|, shift invariance). Dropout: the share kept, masks from the given
Generator (the book's draw), never NumPy's global state, inference scaling, the backward's mask, a gradient
check with the mask fixed. Both: dtype, arguments untouched, errors.
"""

from __future__ import annotations

import decimal
import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from book import AddLayer as BookAddLayer
from book import Affine as BookAffine
from book import BatchNormalization as BookBatchNormalization
from book import Dropout as BookDropout
from book import MulLayer as BookMulLayer
from book import Relu as BookRelu
from book import Sigmoid as BookSigmoid
from book import SoftmaxWithLoss as BookSoftmaxWithLoss
from book import softmax as book_softmax
from helpers import FAST, extremes, no_warnings
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import nbhelpers
from nbhelpers import layers
from nbhelpers.layers import (
    AddLayer,
    Affine,
    BatchNormalization,
    Dropout,
    MulLayer,
    Relu,
    Sigmoid,
    SoftmaxWithLoss,
)

GRAD = settings(FAST, max_examples=40)  # each example is a gradient check: keep the suite quick
# The steps of the central difference (float64). Where f is linear in the element (MulLayer, AddLayer,
# Affine, Relu away from 0) the difference has no truncation error, only the rounding of f, about
# ε Σ|f's terms| / h, so a larger h is better (Relu's must stay below the 1e-3 gap to the kink). For Sigmoid
# and SoftmaxWithLoss h = 1e-4 balances truncation h² |f‴| / 6 against rounding (2000 draws of the loss
# with a gradient >= 1e-3 / N: largest error 6.1e-8 at h = 1e-5, 1.2e-8 at h = 1e-4, 1.2e-6 at h = 1e-3).
H_LINEAR, H_RELU, H_CURVED = 1e-3, 1e-4, 1e-4
BOUND = 1e-7  # the largest relative error of a right backward pass (measured: up to 1.2e-8, see above)
EPS = float(np.finfo(np.float64).eps)
NAMES = [
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
#: Where each is taught: chapter 5 and notebook 08, except the two of chapter 6 (notebook 10) and the
#: playground's two (not in the book; notebook 13).
CH6 = {"BatchNormalization", "Dropout"}
PLAYGROUND = {"Tanh", "Identity"}


# ---- the numerical gradient and the error measure ----------------------------------------------


def numerical(f, x, h):
    """The central difference (f(x + h e_i) - f(x - h e_i)) / 2h for every element, in float64.

    f gets a fresh copy each time (a layer may keep a reference to what it is given)."""
    x = np.array(x, dtype=np.float64)
    grad = np.empty_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        plus = float(f(x.copy()))
        x[i] = old - h
        minus = float(f(x.copy()))
        x[i] = old
        grad[i] = (plus - minus) / (2 * h)
    return grad


def rel_error(g, n) -> float:
    """max |g - n| relative to the largest entry of either (0.0 when both are all zero)."""
    g, n = np.asarray(g, dtype=np.float64), np.asarray(n, dtype=np.float64)
    assert g.shape == n.shape
    scale = max(np.max(np.abs(g), initial=0.0), np.max(np.abs(n), initial=0.0))
    return float(np.max(np.abs(g - n), initial=0.0) / scale) if scale > 0 else 0.0


def bits(x) -> bytes:
    return np.ascontiguousarray(x).tobytes()


# ---- random cases, drawn by hypothesis -----------------------------------------------------------

seeds = st.integers(0, 2**32 - 1)
shapes = st.lists(st.integers(1, 4), min_size=0, max_size=3).map(tuple)
scales = st.sampled_from([0.1, 1.0, 3.0, 10.0])


def away_from_zero(rng, shape, scale, gap=1e-3):
    """Normal draws times scale, with every |x| > gap (no ReLU kink within the difference step)."""
    x = rng.normal(size=shape) * scale
    return np.where(x >= 0, 1, -1) * (gap + np.abs(x))


def two_input_error(cls, seed, shape, scale):
    """MulLayer or AddLayer: the largest error of dx and dy."""
    rng = np.random.default_rng(seed)
    x, y, dout = rng.normal(size=shape) * scale, rng.normal(size=shape) * scale, rng.normal(size=shape)
    layer = cls()
    layer.forward(x, y)
    dx, dy = layer.backward(dout)
    return max(
        rel_error(dx, numerical(lambda v: np.sum(cls().forward(v, y) * dout), x, H_LINEAR)),
        rel_error(dy, numerical(lambda v: np.sum(cls().forward(x, v) * dout), y, H_LINEAR)),
    )


def unary_error(cls, seed, shape, scale):
    rng = np.random.default_rng(seed)
    if cls is Relu:
        x = away_from_zero(rng, shape, scale)
    else:  # |x| <= 5: where every σ'(x) is tiny (x = 25: 1e-11), the rounding of f ≈ 1 over h swamps it
        x = np.clip(rng.normal(size=shape) * scale, -5, 5)
    dout = rng.normal(size=shape)
    layer = cls()
    layer.forward(x)
    h = H_RELU if cls is Relu else H_CURVED
    return rel_error(layer.backward(dout), numerical(lambda v: np.sum(cls().forward(v) * dout), x, h))


def affine_error(seed, n, m, x_shape, scale):
    """x_shape: the trailing axes of x ((D,) or (C, H, W)), or None for one input (D,) with D = 3."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(3,) if x_shape is None else (n, *x_shape)) * scale
    d = 3 if x_shape is None else math.prod(x_shape)
    W, b = rng.normal(size=(d, m)), rng.normal(size=m)
    layer = Affine(W, b)
    out = layer.forward(x)
    dout = rng.normal(size=out.shape)
    dx = layer.backward(dout)
    assert dx.shape == x.shape and layer.dW.shape == W.shape and layer.db.shape == b.shape
    return max(
        rel_error(dx, numerical(lambda v: np.sum(Affine(W, b).forward(v) * dout), x, H_LINEAR)),
        rel_error(layer.dW, numerical(lambda v: np.sum(Affine(v, b).forward(x) * dout), W, H_LINEAR)),
        rel_error(layer.db, numerical(lambda v: np.sum(Affine(W, v).forward(x) * dout), b, H_LINEAR)),
    )


def targets(rng, kind, n, k):
    """t for n examples of k classes: "labels" (n,), "one-hot" rows (n, k) or "probability" rows (n, k);
    n = None: one example (a label, or one row (k,))."""
    labels = rng.integers(0, k, size=n)
    if kind == "labels":
        return labels
    if kind == "one-hot":
        return np.eye(k)[labels]
    return rng.dirichlet(np.ones(k), size=n)


def softmax_loss_error(seed, n, k, kind, scale):
    """n = None: one example, x of shape (k,). None where the loss is flat to float64 (see below)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(k,) if n is None else (n, k)) * scale
    t = targets(rng, kind, n, k)
    dout = rng.uniform(0.5, 2.0)
    layer = SoftmaxWithLoss()
    layer.forward(x, t)
    dx = layer.backward(dout)
    assert dx.shape == x.shape
    if np.max(np.abs(dx)) < 1e-2 * dout / (n or 1):
        # The loss is flat: every row saturated (y_t ≈ 1, or y_t ≲ δ where the loss is stuck at -log δ), or
        # at its minimum (y ≈ t for probability rows). The largest gradient entry is below 1e-2 / N and the
        # numerical gradient's own errors, truncation h² |L‴| / 6 ≈ 2e-10 and rounding ε |L| / h ≈ 2e-12 |L|,
        # are no longer 1e-7 of it: a relative measure says nothing there.
        return None
    return rel_error(dx, dout * numerical(lambda v: SoftmaxWithLoss().forward(v, t), x, H_CURVED))


# ---- gradient checks -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cls", "error"),
    [
        (MulLayer, two_input_error),  # measured: 6.9e-12
        (AddLayer, two_input_error),  # measured: 1.0e-11
        (Relu, unary_error),  # away from the kink; measured: 6.2e-11
        (Sigmoid, unary_error),  # measured: 1.9e-9
    ],
    ids=["MulLayer", "AddLayer", "Relu", "Sigmoid"],
)
@GRAD
@given(seed=seeds, shape=shapes, scale=scales)
def test_elementwise_layer_gradient(cls, error, seed, shape, scale):
    assert error(cls, seed, shape, scale) <= BOUND


x_shapes = st.one_of(
    st.none(),  # one input (3,)
    st.tuples(st.integers(1, 5)),  # a batch (N, D)
    st.tuples(st.integers(1, 2), st.integers(1, 3), st.integers(1, 3)),  # images (N, C, H, W)
)


@GRAD
@given(seed=seeds, n=st.integers(1, 4), m=st.integers(1, 4), x_shape=x_shapes, scale=scales)
def test_affine_gradient(seed, n, m, x_shape, scale):
    assert affine_error(seed, n, m, x_shape, scale) <= BOUND  # measured: 1.3e-10


@GRAD
@given(
    seed=seeds,
    n=st.one_of(st.none(), st.integers(1, 5)),
    k=st.integers(2, 5),
    kind=st.sampled_from(["labels", "one-hot", "probability"]),
    scale=scales,
)
def test_softmax_with_loss_gradient(seed, n, k, kind, scale):
    error = softmax_loss_error(seed, n, k, kind, scale)
    assume(error is not None)  # a saturated loss: see test_softmax_with_loss_saturated
    assert error <= BOUND  # measured: 1.2e-8 (probability rows; labels 4.1e-9)


def test_relu_at_zero_and_below_passes_nothing_back():
    """The book's mask x <= 0: at the corner x = 0 the derivative used is 0 (as PyTorch's)."""
    relu = Relu()
    np.testing.assert_array_equal(
        relu.forward(np.array([-1.0, -0.0, 0.0, 1e-300, 2.0])), [0, 0, 0, 1e-300, 2]
    )
    np.testing.assert_array_equal(relu.mask, [True, True, True, False, False])
    np.testing.assert_array_equal(relu.backward(np.full(5, 7.0)), [0, 0, 0, 7, 7])


def test_the_books_shopping_example():
    """§5.4.1: an apple costs 100, 2 apples, tax 1.1: 220; backward 2.2, 110, 200."""
    mul_apple, mul_tax = MulLayer(), MulLayer()
    price = mul_tax.forward(mul_apple.forward(100, 2), 1.1)
    assert price == pytest.approx(220)
    dapple_price, dtax = mul_tax.backward(1)
    dapple, dapple_num = mul_apple.backward(dapple_price)
    assert (dapple, dapple_num, dtax) == (pytest.approx(2.2), pytest.approx(110), 200)
    add = AddLayer()
    assert add.forward(200, 450) == 650 and add.backward(1.1) == (1.1, 1.1)


def test_softmax_with_loss_dout_scales_the_gradient():
    """The chain rule: dout is the derivative of what comes after the loss (the book ignores it)."""
    rng = np.random.default_rng(0)
    x, t = rng.normal(size=(4, 3)), np.array([0, 2, 1, 1])
    layer = SoftmaxWithLoss()
    layer.forward(x, t)
    np.testing.assert_allclose(layer.backward(2.5), 2.5 * layer.backward(), rtol=1e-15)
    np.testing.assert_array_equal(layer.backward(0), np.zeros((4, 3)))
    np.testing.assert_array_equal(layer.backward(np.float32(1)), layer.backward())


@FAST
@given(seed=seeds, k=st.integers(2, 6), one_hot=st.booleans())
def test_softmax_with_loss_one_example_is_a_batch_of_one(seed, k, one_hot):
    rng = np.random.default_rng(seed)
    x, label = rng.normal(size=k) * 3, int(rng.integers(0, k))
    t = np.eye(k)[label] if one_hot else label
    one, batch = SoftmaxWithLoss(), SoftmaxWithLoss()
    loss = one.forward(x, t)
    assert loss == batch.forward(x[None], np.asarray(t)[None])
    assert type(loss) is float
    dx = one.backward()
    assert dx.shape == (k,)
    np.testing.assert_array_equal(dx, batch.backward()[0])


@FAST
@given(seed=seeds, n=st.integers(1, 6), k=st.integers(2, 5), kind=st.sampled_from(["labels", "one-hot"]))
def test_softmax_with_loss_batch_is_the_mean_of_its_rows(seed, n, k, kind):
    rng = np.random.default_rng(seed)
    x, t = rng.normal(size=(n, k)) * 3, targets(rng, kind, n, k)
    layer = SoftmaxWithLoss()
    loss, dx = layer.forward(x, t), layer.backward()
    rows = []
    for i in range(n):
        row = SoftmaxWithLoss()
        rows.append((row.forward(x[i], t[i]), row.backward()))
    assert loss == pytest.approx(math.fsum(r[0] for r in rows) / n, rel=1e-14)
    np.testing.assert_allclose(dx, np.array([r[1] for r in rows]) / n, rtol=1e-14, atol=1e-17)


@FAST
@given(seed=seeds, n=st.integers(1, 6), d=st.integers(1, 5), m=st.integers(1, 5))
def test_affine_batch_is_row_by_row(seed, n, d, m):
    rng = np.random.default_rng(seed)
    W, b, x, dout = (
        rng.normal(size=(d, m)),
        rng.normal(size=m),
        rng.normal(size=(n, d)),
        rng.normal(size=(n, m)),
    )
    layer = Affine(W, b)
    out, dx = layer.forward(x), layer.backward(dout)
    for i in range(n):
        row = Affine(W, b)
        np.testing.assert_allclose(row.forward(x[i]), out[i], rtol=1e-13, atol=1e-13)
        np.testing.assert_allclose(row.backward(dout[i]), dx[i], rtol=1e-13, atol=1e-13)
        np.testing.assert_array_equal(row.dW, np.outer(x[i], dout[i]))
        np.testing.assert_array_equal(row.db, dout[i])
    np.testing.assert_allclose(
        layer.dW, sum(np.outer(x[i], dout[i]) for i in range(n)), rtol=1e-12, atol=1e-12
    )
    np.testing.assert_allclose(layer.db, dout.sum(axis=0), rtol=1e-15)


# ---- the book's classes give the same results ----------------------------------------------------


@FAST
@given(seed=seeds, shape=shapes, scale=scales)
def test_elementwise_layers_match_the_book(seed, shape, scale):
    rng = np.random.default_rng(seed)
    x, y, dout = (rng.normal(size=shape) * scale for _ in range(3))
    x = np.asarray(x)  # a 0-d array where the shape is (): the book's Relu needs an array
    for ours, book in ((MulLayer(), BookMulLayer()), (AddLayer(), BookAddLayer())):
        np.testing.assert_array_equal(ours.forward(x, y), book.forward(x, y))
        for a, b in zip(ours.backward(dout), book.backward(dout)):
            np.testing.assert_array_equal(a, b)
    for ours, book in ((Relu(), BookRelu()), (Sigmoid(), BookSigmoid())):
        np.testing.assert_array_equal(ours.forward(x), book.forward(x))
        np.testing.assert_array_equal(ours.backward(dout), book.backward(np.array(dout)))  # (a copy)


@FAST
@given(seed=seeds, n=st.integers(1, 4), m=st.integers(1, 4), x_shape=x_shapes.filter(bool), scale=scales)
def test_affine_matches_the_book(seed, n, m, x_shape, scale):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, *x_shape)) * scale
    W, b = rng.normal(size=(math.prod(x_shape), m)), rng.normal(size=m)
    dout = rng.normal(size=(n, m))
    ours, book = Affine(W, b), BookAffine(W, b)
    np.testing.assert_array_equal(ours.forward(x), book.forward(x))
    np.testing.assert_array_equal(ours.backward(dout), book.backward(dout))
    np.testing.assert_array_equal(ours.dW, book.dW)
    np.testing.assert_array_equal(ours.db, book.db)
    # one input (D,): the book needs a batch of one (its reshape(N, -1) would make (D, 1))
    one = Affine(W, b)
    np.testing.assert_array_equal(one.forward(x[0].ravel()), book.forward(x[:1])[0])
    np.testing.assert_array_equal(one.backward(dout[0]), book.backward(dout[:1])[0].ravel())
    np.testing.assert_array_equal(one.dW, book.dW)
    np.testing.assert_array_equal(one.db, book.db)


@FAST
@given(
    seed=seeds,
    n=st.integers(1, 6),
    k=st.integers(2, 6),
    kind=st.sampled_from(["labels", "one-hot"]),
    scale=st.sampled_from([0.1, 1.0, 5.0, 20.0]),
)
def test_softmax_with_loss_is_the_books_times_r(seed, n, k, kind, scale):
    """ours = book × r per row, r = y_t / (y_t + 1e-7): the book's (y - t)/N is the derivative without δ."""
    rng = np.random.default_rng(seed)
    x, t = rng.normal(size=(n, k)) * scale, targets(rng, kind, n, k)
    ours, book = SoftmaxWithLoss(), BookSoftmaxWithLoss()
    assert ours.forward(x, t) == pytest.approx(book.forward(x, t), rel=1e-14, abs=1e-15)
    np.testing.assert_allclose(ours.y, book.y, rtol=1e-14, atol=1e-300)
    labels = t if kind == "labels" else t.argmax(axis=1)
    y_t = ours.y[np.arange(n), labels]
    r = (y_t / (y_t + 1e-7))[:, None]
    # the difference is rounding: y·r - r against (y - 1)·r, then / N (measured: at most 1.5 ε / N)
    np.testing.assert_allclose(ours.backward(), book.backward() * r, rtol=0, atol=8 * EPS / n)


@FAST
@given(seed=seeds, n=st.integers(1, 6), k=st.integers(2, 6))
def test_softmax_with_loss_probability_rows_against_the_formula(seed, n, k):
    """Rows t of probabilities: the loss -(1/N) Σ t log(y + δ) (a direct loop); the gradient differs from the
    book's δ-free (y - t)/N by (t_j ε_j - y_j Σ_k t_k ε_k)/N with ε_k = δ/(y_k + δ), at most 2 Σ_k t_k ε_k / N
    per row (the book's forward, which takes argmax t, is not this loss)."""
    rng = np.random.default_rng(seed)
    x, t = rng.normal(size=(n, k)) * 3, targets(rng, "probability", n, k)
    layer = SoftmaxWithLoss()
    loss = layer.forward(x, t)
    y = book_softmax(x)
    expected = -math.fsum(t[i, j] * math.log(y[i, j] + 1e-7) for i in range(n) for j in range(k)) / n
    assert loss == pytest.approx(expected, rel=1e-13)
    dx = layer.backward()
    bound = 2 * np.sum(t * 1e-7 / (y + 1e-7), axis=1, keepdims=True) / n + 8 * EPS / n
    assert np.all(np.abs(dx - (y - t) / n) <= bound)


# ---- inputs untouched, references kept -----------------------------------------------------------


def test_forward_and_backward_leave_their_arguments_bit_for_bit():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(4, 3))
    x[0, 0], x[1, 1] = -0.0, 0.0
    W, b = rng.normal(size=(3, 2)), rng.normal(size=2)
    t = np.array([0, 1, 1, 0])
    cases = [
        (MulLayer(), (x, x[::-1]), x),
        (AddLayer(), (x, x[::-1]), x),
        (Relu(), (x,), x),
        (Sigmoid(), (x,), x),
        (Affine(W, b), (x,), rng.normal(size=(4, 2))),
        (Affine(W, b), (x.reshape(4, 1, 3, 1),), rng.normal(size=(4, 2))),
        (SoftmaxWithLoss(), (x[:, :2], t), np.array(1.5)),
        (SoftmaxWithLoss(), (x[:, :2], np.eye(2)[t]), np.array(1.5)),
    ]
    for layer, args, dout in cases:
        before = [bits(a) for a in args] + [bits(dout), bits(W), bits(b)]
        layer.forward(*args)
        layer.backward(dout)
        layer.backward(dout)  # twice: the second pass sees the same dout
        assert [bits(a) for a in args] + [bits(dout), bits(W), bits(b)] == before, type(layer).__name__


def test_the_books_relu_changes_dout_and_ours_does_not():
    x, dout = np.array([-1.0, 2.0, -3.0]), np.array([5.0, 6.0, 7.0])
    book, ours = BookRelu(), Relu()
    book.forward(x)
    ours.forward(x)
    dx = ours.backward(dout)
    assert dx is not dout and list(dout) == [5.0, 6.0, 7.0]
    book_dout = dout.copy()
    assert book.backward(book_dout) is book_dout and list(book_dout) == [0.0, 6.0, 0.0]  # changed in place
    np.testing.assert_array_equal(dx, book_dout)
    out = ours.forward(x)
    assert out is not x and list(x) == [-1.0, 2.0, -3.0]


def test_add_layer_gives_two_separate_arrays():
    add = AddLayer()
    add.forward(np.zeros(2), np.zeros(2))
    dout = np.array([1.0, 2.0])
    dx, dy = add.backward(dout)
    assert dx is not dy and dx is not dout and dy is not dout
    dx[0] = 99.0
    assert dy[0] == 1.0 and dout[0] == 1.0


def test_affine_holds_references_to_w_and_b():
    W, b = np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([0.5, -0.5])
    layer = Affine(W, b)
    assert layer.W is W and layer.b is b
    x = np.array([[1.0, 1.0]])
    np.testing.assert_array_equal(layer.forward(x), [[4.5, 5.5]])
    W *= 2  # an optimizer's in-place step
    b -= 0.5
    np.testing.assert_array_equal(layer.forward(x), [[8.0, 11.0]])
    layer.backward(np.array([[1.0, 0.0]]))
    np.testing.assert_array_equal(layer.backward(np.array([[1.0, 0.0]])), [[2.0, 6.0]])  # dout Wᵀ, new W


# ---- dtype ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_the_float_type_is_kept_everywhere(dtype):
    rng = np.random.default_rng(2)

    def arr(*shape):
        return rng.normal(size=shape).astype(dtype)

    x, y, dout = arr(3, 4), arr(3, 4), arr(3, 4)
    for layer in (MulLayer(), AddLayer()):
        assert layer.forward(x, y).dtype == dtype
        assert [d.dtype for d in layer.backward(dout)] == [dtype, dtype]
    for layer in (Relu(), Sigmoid()):
        assert layer.forward(x).dtype == dtype and layer.backward(dout).dtype == dtype
    for shape in [(3, 4), (3, 2, 2), (4,)]:
        layer = Affine(arr(4, 5), arr(5))
        out = layer.forward(arr(*shape))
        assert out.dtype == dtype
        dx = layer.backward(arr(*out.shape))
        assert (dx.dtype, layer.dW.dtype, layer.db.dtype) == (dtype, dtype, dtype)
    for t in ([0, 3, 1], np.eye(4)[[0, 3, 1]], np.eye(4, dtype=dtype)[[0, 3, 1]], [[0.25] * 4] * 3):
        layer = SoftmaxWithLoss()
        assert type(layer.forward(x, t)) is float
        assert layer.y.dtype == dtype
        for d in (1, 2.0, np.float64(0.5), np.float32(0.5)):
            assert layer.backward(d).dtype == dtype
    layer = SoftmaxWithLoss()
    layer.forward(x[0], 2)
    assert layer.backward().dtype == dtype


def test_float32_is_computed_in_float32():
    """Not float64 rounded at the end: the float32 results equal the book's float32 arithmetic."""
    rng = np.random.default_rng(3)
    x, dout = rng.normal(size=(5, 3)).astype(np.float32), rng.normal(size=(5, 3)).astype(np.float32)
    for ours, book in ((Relu(), BookRelu()), (Sigmoid(), BookSigmoid())):
        np.testing.assert_array_equal(ours.forward(x), book.forward(x))
        np.testing.assert_array_equal(ours.backward(dout), book.backward(dout.copy()))
    W, b = rng.normal(size=(3, 2)).astype(np.float32), rng.normal(size=2).astype(np.float32)
    ours, book = Affine(W, b), BookAffine(W, b)
    np.testing.assert_array_equal(ours.forward(x), book.forward(x))
    np.testing.assert_array_equal(ours.backward(dout[:, :2]), book.backward(dout[:, :2]))
    np.testing.assert_array_equal(ours.dW, book.dW)
    # float32 softmax with loss: the gradient agrees with float64's to float32's precision
    layer32, layer64 = SoftmaxWithLoss(), SoftmaxWithLoss()
    t = np.array([0, 1, 2, 0, 1])
    assert layer32.forward(x, t) == pytest.approx(layer64.forward(x.astype(np.float64), t), rel=1e-6)
    np.testing.assert_allclose(layer32.backward(), layer64.backward(), rtol=0, atol=1e-7)


# ---- errors --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_backward_before_forward_is_an_error_naming_the_class(name):
    cls = getattr(layers, name)
    if cls is Affine:
        layer = cls(np.ones((2, 2)), np.zeros(2))
    elif cls is BatchNormalization:
        layer = cls(np.ones(2), np.zeros(2))
    else:
        layer = cls()
    with pytest.raises(RuntimeError, match=rf"^{name}\.backward: call forward first"):
        layer.backward(1 if cls is SoftmaxWithLoss else np.ones((2, 2)))


def test_dout_of_the_wrong_shape_names_both_shapes():
    x = np.ones((2, 3))
    for cls in (Relu, Sigmoid):
        layer = cls()
        layer.forward(x)
        for bad in (np.ones((3, 2)), np.ones(3), np.ones((1, 3)), 1.0):
            with pytest.raises(
                ValueError, match=rf"{cls.__name__}\.backward: dout must have the shape.*\(2, 3\)"
            ):
                layer.backward(bad)
    layer = Affine(np.ones((3, 4)), np.zeros(4))
    layer.forward(x)
    with pytest.raises(ValueError, match=r"Affine\.backward: dout .*\(2, 4\).*got dout of shape \(2, 3\)"):
        layer.backward(np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"\(2, 4\).*got dout of shape \(4,\)"):
        layer.backward(np.ones(4))  # broadcasting would give a wrong db silently
    layer.forward(np.ones(3))  # one input: dout is one row (4,)
    with pytest.raises(ValueError, match=r"\(4,\).*got dout of shape \(1, 4\)"):
        layer.backward(np.ones((1, 4)))
    loss = SoftmaxWithLoss()
    loss.forward(x, [0, 1])
    with pytest.raises(ValueError, match=r"SoftmaxWithLoss\.backward: dout must be one number.*\(2, 3\)"):
        loss.backward(np.ones((2, 3)))


@pytest.mark.parametrize("cls", [MulLayer, AddLayer])
def test_two_input_layers_dout_of_the_wrong_shape_names_both_shapes(cls):
    """dout must have the output's shape; a dout that merely broadcasts would give dx of another shape."""
    layer = cls()
    layer.forward(np.ones((2, 3)), np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"\(2, 3\).*\(4,\)|\(4,\).*\(2, 3\)"):
        layer.backward(np.ones(4))
    with pytest.raises(ValueError, match=r"\(2, 3\).*\(3,\)|\(3,\).*\(2, 3\)"):
        layer.backward(np.ones(3))  # broadcasts, but is not one derivative per output value


def test_mul_and_add_forward_shapes_that_do_not_fit():
    for cls in (MulLayer, AddLayer):
        with pytest.raises(
            ValueError, match=rf"{cls.__name__}\.forward: the shapes \(2, 3\) and \(4,\) do not fit"
        ):
            cls().forward(np.ones((2, 3)), np.ones(4))


def test_affine_x_of_the_wrong_width():
    layer = Affine(np.ones((3, 4)), np.zeros(4))
    for bad in (np.ones((2, 5)), np.ones(5), np.ones((2, 2, 2)), np.ones(()), np.ones((2, 1, 4))):
        with pytest.raises(
            ValueError,
            match=rf"Affine\.forward: x must have shape \(N, 3\).*W has shape \(3, 4\).*got x of shape "
            rf"{re_shape(bad.shape)}",
        ):
            layer.forward(bad)
    with pytest.raises(TypeError, match="x must be a number or an array of numbers"):
        layer.forward("x")


def re_shape(shape) -> str:
    return str(shape).replace("(", r"\(").replace(")", r"\)")


def test_affine_parameters_that_do_not_fit():
    with pytest.raises(
        ValueError,
        match=r"b must have one bias per output, shape \(4,\) for W of shape \(3, 4\); got b of shape \(3,\)",
    ):
        Affine(np.ones((3, 4)), np.zeros(3))
    with pytest.raises(TypeError, match=r"W must be a 2-D NumPy float array.*got list"):
        Affine([[1.0, 2.0]], np.zeros(2))
    with pytest.raises(TypeError, match=r"W must be a 2-D NumPy float array.*shape \(2, 2\), dtype int64"):
        Affine(np.ones((2, 2), dtype=np.int64), np.zeros(2))
    with pytest.raises(TypeError, match=r"b must be a 1-D NumPy float array.*shape \(1, 2\)"):
        Affine(np.ones((2, 2)), np.zeros((1, 2)))


def test_softmax_with_loss_bad_targets_name_t_and_the_shapes():
    x = np.zeros((3, 4))
    with pytest.raises(ValueError, match=r"t holds the class label 4, but there are 4 classes"):
        SoftmaxWithLoss().forward(x, [0, 4, 1])
    with pytest.raises(ValueError, match=r"t holds the class label -1"):
        SoftmaxWithLoss().forward(x, [0, -1, 1])
    with pytest.raises(ValueError, match=r"t has shape \(2,\).*\(3, 4\)"):
        SoftmaxWithLoss().forward(x, [0, 1])
    with pytest.raises(ValueError, match=r"t has shape \(3, 3\).*\(3, 4\)"):
        SoftmaxWithLoss().forward(x, np.eye(3))
    with pytest.raises(TypeError, match=r"t .*must hold integers, got dtype float64"):
        SoftmaxWithLoss().forward(x, [0.0, 1.0, 2.0])
    with pytest.raises(
        ValueError,
        match=r"SoftmaxWithLoss\.forward: x must have shape \(N, K\) or \(K,\); got x of shape \(2, 3, 4\)",
    ):
        SoftmaxWithLoss().forward(np.zeros((2, 3, 4)), np.zeros((2, 3), dtype=int))


# A forward that raises must not leave half of a new state behind: the backward that follows is the
# backward of the last forward that succeeded.


def test_a_failed_affine_forward_leaves_the_layer_as_it_was():
    rng = np.random.default_rng(4)
    W, b, x = rng.normal(size=(3, 2)), rng.normal(size=2), rng.normal(size=(5, 3))
    dout = rng.normal(size=(5, 2))
    affine = Affine(W, b)
    affine.forward(x)
    expected = affine.backward(dout)
    with pytest.raises(ValueError):
        affine.forward(np.ones(4))  # the wrong width
    np.testing.assert_array_equal(affine.backward(dout), expected)


def test_a_failed_softmax_with_loss_forward_leaves_the_layer_as_it_was():
    rng = np.random.default_rng(4)
    x = rng.normal(size=(5, 3))
    loss = SoftmaxWithLoss()
    loss.forward(x, [0, 1, 2, 0, 1])
    expected = loss.backward()
    with pytest.raises(ValueError):
        loss.forward(rng.normal(size=(2, 3)), [0, 3])  # label 3 of 3 classes
    np.testing.assert_array_equal(loss.backward(), expected)


# ---- NaN and extremes ----------------------------------------------------------------------------


def test_nan_propagates_without_warnings():
    x = np.array([[np.nan, 1.0, -2.0], [0.5, -0.5, 3.0]])
    dout = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    with no_warnings():
        relu = Relu()
        out = relu.forward(x)
        assert np.isnan(out[0, 0]) and not np.isnan(out[1]).any()
        np.testing.assert_array_equal(relu.backward(dout), [[1, 2, 0], [4, 0, 6]])  # NaN is not <= 0
        sig = Sigmoid()
        assert np.isnan(sig.forward(x)[0, 0]) and np.isnan(sig.backward(dout)[0, 0])
        assert np.isfinite(sig.backward(dout).ravel()[1:]).all()
        affine = Affine(np.ones((3, 2)), np.zeros(2))
        out = affine.forward(x)
        assert np.isnan(out[0]).all() and np.isfinite(out[1]).all()
        dx = affine.backward(np.ones((2, 2)))
        assert np.isfinite(dx).all()  # dout Wᵀ does not see x
        assert np.isnan(affine.dW[0]).all() and np.isfinite(affine.dW[1:]).all()
        loss = SoftmaxWithLoss()
        assert math.isnan(loss.forward(x, [1, 2]))
        dx = loss.backward()
        assert np.isnan(dx[0]).all() and np.isfinite(dx[1]).all()
        loss = SoftmaxWithLoss()
        assert math.isnan(loss.forward(x, np.eye(3)[[1, 2]]))
        dx = loss.backward()
        assert np.isnan(dx[0]).all() and np.isfinite(dx[1]).all()
        mul = MulLayer()
        assert np.isnan(mul.forward(x, 2.0)[0, 0])
        assert np.isnan(mul.backward(dout)[1][0, 0])


def run_on_extremes(name, dtype):
    """Forward and backward of one layer on the extremes of the float type."""
    e, big = extremes(dtype), np.finfo(dtype).max
    if name in ("MulLayer", "AddLayer"):
        layer = getattr(layers, name)()
        return layer.forward(e, e), layer.backward(e)
    if name in ("Relu", "Sigmoid"):
        layer = getattr(layers, name)()
        return layer.forward(e), layer.backward(e)
    if name == "Affine":
        layer = Affine(np.full((1, 2), big, dtype=dtype), np.full(2, big, dtype=dtype))
        return layer.forward(e.reshape(-1, 1)), layer.backward(np.full((len(e), 2), big, dtype=dtype))
    if name == "BatchNormalization":  # the mean and variance overflow: inf and NaN, as the formula gives them
        layer = BatchNormalization(np.full(2, big, dtype=dtype), np.full(2, big, dtype=dtype))
        x = np.stack([e, e[::-1]], axis=1)
        results = [layer.forward(x), layer.backward(x), layer.forward(x, train_flg=False), layer.backward(x)]
        small = BatchNormalization(np.ones(2, dtype=dtype), np.zeros(2, dtype=dtype))  # tiny values: finite
        tiny = np.stack([e[6:10], e[6:10][::-1]], axis=1)
        assert np.isfinite(small.forward(tiny)).all() and np.isfinite(small.backward(tiny)).all()
        return results
    if name == "Dropout":
        layer = Dropout(0.5, rng=0)
        return layer.forward(e), layer.backward(e), layer.forward(e, train_flg=False), layer.backward(e)
    layer, scores = SoftmaxWithLoss(), np.stack([e, e[::-1]], axis=1)
    results = []
    for t in (np.zeros(len(e), dtype=int), np.eye(2)[np.zeros(len(e), dtype=int)]):
        results.append(layer.forward(scores, t))
        results.append(layer.backward(big))
    assert all(np.isfinite(r).all() for r in results)
    return results


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name", NAMES)
def test_no_warnings_for_finite_input_even_the_extremes(name, dtype):
    """The largest, smallest and subnormal values of the float type: ±inf or 0 where the result does not
    fit, as NumPy's arithmetic gives it, but never a warning."""
    with no_warnings():
        run_on_extremes(name, dtype)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_softmax_with_loss_saturated(dtype):
    """The right class far below the others: y_t underflows to 0, the loss is -log δ ≈ 16.1 (the book's),
    and r = 0: the exact gradient of that flat loss is 0, not (y - t)/N."""
    x = np.array([[0.0, 1000.0], [0.0, 0.0]], dtype=dtype)
    layer = SoftmaxWithLoss()
    with no_warnings():
        loss = layer.forward(x, [0, 0])
        dx = layer.backward()
    assert loss == pytest.approx((-math.log(1e-7) - math.log(0.5 + 1e-7)) / 2, rel=1e-6)
    np.testing.assert_array_equal(dx[0], [0, 0])
    np.testing.assert_allclose(dx[1], [-0.25, 0.25], rtol=1e-6)


# ---- public names and docstrings -----------------------------------------------------------------


def test_public_names_and_docstrings():
    assert layers.__all__ == NAMES
    for name in NAMES:
        cls = getattr(layers, name)
        assert getattr(nbhelpers, name) is cls
        where = ("Book §6.", "notebook 10") if name in CH6 else ("Book §5.", "notebook 08")
        where = ("Not in the book", "notebook 13") if name in PLAYGROUND else where
        assert all(part in cls.__doc__ for part in where)


# ---- BatchNormalization (book §6.3.1; notebook 10) ------------------------------------------------------
#
# References: a per-column computation in exact arithmetic (the batch mean and the biased variance as
# Fractions, sqrt(var + ε) and the quotient in 50-digit decimal), the book's own class (tests/book.py: the same
# operations in the same order, so the same bits in float64), an exact closed form of the running averages,
# and central differences. The error of xn = (x - μ)/σ is rounding in μ, x - μ and σ, each relative to the
# column's largest |x|: |xn - exact| <= K ε (|xn| + max|x|/σ + 1), measured K = 1.18 over 3000 random columns
# (scales 1e-3 to 1e3, means up to 10 standard deviations from 0, constant columns; bound K = 8); the output's
# error measured the same, gamma times that plus ε |beta| (1.18, bound 8).

BN_EPS = 10e-7  # the book's ε (1e-6), written as it writes it


def dec(f: Fraction) -> Decimal:
    return Decimal(f.numerator) / Decimal(f.denominator)


def bn_reference(x, gamma, beta):
    """Training-mode batch normalisation of x (N, D), column by column in exact arithmetic: returns xn, the
    output, the batch means and the batch variances, each rounded once to float64."""
    n, d = x.shape
    xn, out, means, variances = np.empty((n, d)), np.empty((n, d)), np.empty(d), np.empty(d)
    with decimal.localcontext() as ctx:
        ctx.prec = 50
        for j in range(d):
            col = [Fraction(float(v)) for v in x[:, j]]
            mu = sum(col, Fraction(0)) / n
            var = sum(((v - mu) ** 2 for v in col), Fraction(0)) / n
            std = (dec(var) + Decimal(BN_EPS)).sqrt()
            means[j], variances[j] = float(mu), float(var)
            for i in range(n):
                z = dec(col[i] - mu) / std
                xn[i, j] = float(z)
                out[i, j] = float(Decimal(float(gamma[j])) * z + Decimal(float(beta[j])))
    return xn, out, means, variances


def bn_case(seed, n=None, d=None):
    """A batch x (N, D) of columns with random scales and means (sometimes a constant column), gamma, beta."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 9)) if n is None else n
    d = int(rng.integers(1, 5)) if d is None else d
    scale = 10.0 ** rng.integers(-3, 4)
    loc = rng.uniform(-10, 10, size=d) * scale
    x = loc + scale * rng.normal(size=(n, d))
    if rng.random() < 0.2:
        x[:, 0] = loc[0]
    return x, rng.normal(size=d), rng.normal(size=d)


@FAST
@given(seed=seeds)
def test_batchnorm_training_forward_against_exact_arithmetic(seed):
    x, gamma, beta = bn_case(seed)
    bn = BatchNormalization(gamma, beta)
    out = bn.forward(x)
    xn, expected, means, variances = bn_reference(x, gamma, beta)
    cond = np.max(np.abs(x), axis=0) / np.sqrt(variances + BN_EPS) + 1
    assert np.all(np.abs(bn.xn - xn) <= 8 * EPS * (np.abs(xn) + cond))  # measured: 1.18
    assert np.all(np.abs(out - expected) <= 8 * EPS * (np.abs(gamma) * (np.abs(xn) + cond) + np.abs(beta)))
    np.testing.assert_allclose(
        bn.std, np.sqrt(variances + BN_EPS), rtol=8 * EPS * cond.max()
    )  # measured 1.4 ε
    assert bn.batch_size == len(x) and bn.input_shape == x.shape


def test_batchnorm_the_books_numbers_by_hand():
    """One column 1, 2, 3: mean 2, biased variance 2/3 (not the 1 of ddof=1); a constant column gives beta."""
    x = np.array([[1.0, 5.0], [2.0, 5.0], [3.0, 5.0]])
    bn = BatchNormalization(np.array([2.0, 3.0]), np.array([0.5, -1.0]))
    out = bn.forward(x)
    z = 1 / math.sqrt(2 / 3 + 1e-6)
    np.testing.assert_allclose(out[:, 0], [0.5 - 2 * z, 0.5, 0.5 + 2 * z], rtol=1e-15)
    np.testing.assert_array_equal(out[:, 1], [-1.0, -1.0, -1.0])
    np.testing.assert_allclose(bn.running_mean, [0.2, 0.5], rtol=1e-15)
    np.testing.assert_allclose(bn.running_var, [0.1 * 2 / 3, 0.0], rtol=1e-15, atol=0)
    one = BatchNormalization(np.ones(2), np.zeros(2)).forward(np.array([[3.0, -4.0]]))
    np.testing.assert_array_equal(one, [[0.0, 0.0]])  # a batch of one: x - μ = 0


def bn_inputs(rng, shape, scale):
    return rng.uniform(-3, 3, size=shape[1:]) * scale + scale * rng.normal(size=shape)


bn_shapes = st.one_of(
    st.tuples(st.integers(1, 6), st.integers(1, 4)),
    st.tuples(st.integers(1, 4), st.integers(1, 2), st.integers(1, 3), st.integers(1, 2)),
)


@FAST
@given(seed=seeds, shape=bn_shapes, scale=scales, momentum=st.sampled_from([0.0, 0.5, 0.9, 1.0]))
def test_batchnorm_is_the_books_bit_for_bit(seed, shape, scale, momentum):
    """Three training batches (forward and backward), then inference: the same floats as the book's class."""
    rng = np.random.default_rng(seed)
    d = math.prod(shape[1:])
    gamma, beta = rng.normal(size=d), rng.normal(size=d)
    ours, theirs = BatchNormalization(gamma, beta, momentum), BookBatchNormalization(gamma, beta, momentum)
    for _ in range(3):
        x, dout = bn_inputs(rng, shape, scale), rng.normal(size=shape)
        np.testing.assert_array_equal(ours.forward(x), theirs.forward(x))
        np.testing.assert_array_equal(ours.backward(dout), theirs.backward(dout))
        np.testing.assert_array_equal(ours.dgamma, theirs.dgamma)
        np.testing.assert_array_equal(ours.dbeta, theirs.dbeta)
        np.testing.assert_array_equal(ours.running_mean, theirs.running_mean)
        np.testing.assert_array_equal(ours.running_var, theirs.running_var)
        np.testing.assert_array_equal(ours.xc, theirs.xc)
        np.testing.assert_array_equal(ours.std, theirs.std)
    x = bn_inputs(rng, shape, scale)
    np.testing.assert_array_equal(ours.forward(x, train_flg=False), theirs.forward(x, train_flg=False))


def test_batchnorm_running_averages_against_their_closed_form():
    """After batches 1..k: running = Σ_i w_i s_i with w_i = (1 - m) m^(k-i) (from 0), s_i the exact batch
    mean (or biased variance), m and 1 - m the floats the recurrence multiplies by. The batch statistics are
    rounded relative to the batch's max|x| (mean) and max|x| σ + σ² (variance), so the error is measured in
    k ε Σ_i w_i of those: measured 1.22 (means), 0.61 (variances) over 300 runs of 7 batches; bound 8."""
    rng = np.random.default_rng(5)
    for momentum in (0.9, 0.5, 0.99):
        bn = BatchNormalization(np.ones(3), np.zeros(3), momentum=momentum)
        m, one_minus_m = Fraction(momentum), Fraction(1 - momentum)
        means, variances, sizes = [], [], []
        for k in range(1, 8):
            x = rng.normal(size=(int(rng.integers(1, 9)), 3)) * 2 + [0.0, 5.0, -30.0]
            bn.forward(x)
            cols = [[Fraction(float(v)) for v in x[:, j]] for j in range(3)]
            mus = [sum(c, Fraction(0)) / len(x) for c in cols]
            means.append(mus)
            variances.append(
                [sum(((v - mu) ** 2 for v in c), Fraction(0)) / len(x) for c, mu in zip(cols, mus)]
            )
            big, var = np.max(np.abs(x), axis=0), np.array([float(v) for v in variances[-1]])
            sizes.append((big, big * np.sqrt(var) + var))
            weights = [one_minus_m * m ** (k - 1 - i) for i in range(k)]
            for which, (stats, running) in enumerate(((means, bn.running_mean), (variances, bn.running_var))):
                exact = [
                    float(sum((w * s[j] for w, s in zip(weights, stats)), Fraction(0))) for j in range(3)
                ]
                unit = k * EPS * sum(float(w) * size[which] for w, size in zip(weights, sizes))
                assert np.all(np.abs(running - exact) <= 8 * unit), (momentum, k, which)
    kept = BatchNormalization(
        np.ones(2), np.zeros(2), running_mean=np.array([1.0, 2.0]), running_var=np.ones(2)
    )
    kept.forward(np.array([[3.0, 0.0], [5.0, 0.0]]))  # starts from the given averages
    np.testing.assert_allclose(kept.running_mean, [0.9 + 0.4, 1.8], rtol=1e-15)
    np.testing.assert_allclose(kept.running_var, [0.9 + 0.1, 0.9], rtol=1e-15)


@FAST
@given(seed=seeds, n=st.integers(1, 7), d=st.integers(1, 4))
def test_batchnorm_inference_is_row_by_row_and_deterministic(seed, n, d):
    """Inference mode: the running averages are constants, so a row's output does not depend on its batch
    (bit for bit), the same input gives the same output, and nothing moves."""
    rng = np.random.default_rng(seed)
    gamma, beta = rng.normal(size=d), rng.normal(size=d)
    bn = BatchNormalization(gamma, beta)
    for _ in range(3):
        bn.forward(rng.normal(size=(4, d)) * 3 + 1)  # training: some running averages
    mean, var = bn.running_mean.copy(), bn.running_var.copy()
    x = rng.normal(size=(n, d)) * 3
    out = bn.forward(x, train_flg=False)
    np.testing.assert_array_equal(out, gamma * ((x - mean) / np.sqrt(var + BN_EPS)) + beta)
    for i in range(n):
        np.testing.assert_array_equal(bn.forward(x[i : i + 1], train_flg=False), out[i : i + 1])
    np.testing.assert_array_equal(bn.forward(x[::-1], train_flg=False), out[::-1])
    np.testing.assert_array_equal(bn.forward(x, train_flg=False), out)
    assert bits(bn.running_mean) == bits(mean) and bits(bn.running_var) == bits(var)
    np.testing.assert_array_equal(bn.forward(np.zeros((0, d)), train_flg=False), np.zeros((0, d)))


@FAST
@given(
    seed=seeds, n=st.integers(1, 4), chw=st.tuples(st.integers(1, 3), st.integers(1, 3), st.integers(1, 3))
)
def test_batchnorm_images_are_their_flattened_rows(seed, n, chw):
    """(N, C, H, W) is normalised as (N, C·H·W), one gamma and beta per value (the book's, not per channel)."""
    rng = np.random.default_rng(seed)
    d = math.prod(chw)
    gamma, beta = rng.normal(size=d), rng.normal(size=d)
    x, dout = rng.normal(size=(n, *chw)) * 2 + 1, rng.normal(size=(n, *chw))
    four, two = BatchNormalization(gamma, beta), BatchNormalization(gamma, beta)
    for train_flg in (True, False):
        out = four.forward(x, train_flg)
        assert out.shape == x.shape
        np.testing.assert_array_equal(out, two.forward(x.reshape(n, d), train_flg).reshape(x.shape))
        dx = four.backward(dout)
        assert dx.shape == x.shape
        np.testing.assert_array_equal(dx, two.backward(dout.reshape(n, d)).reshape(x.shape))
        np.testing.assert_array_equal(four.dgamma, two.dgamma)
        np.testing.assert_array_equal(four.dbeta, two.dbeta)
        np.testing.assert_array_equal(four.running_mean, two.running_mean)


# Gradient checks: f(v) = Σ forward(v) · dout with a random dout, against central differences. Training mode:
# x is normalised by its own batch statistics, so f is curved in x on the scale of the column's σ
# (f‴ ~ |gamma dout| / σ³): the truncation error relative to the gradient is ~ (h/σ)², so the step follows
# the scale of x, h = 1e-5 · scale, and the columns keep σ >= 0.2 · scale ((h/σ)² <= 2.5e-9; rounding
# ε Σ|f's terms| / h relative to the gradient ~ 1e-9). Where the loss is flat in x (two rows: xn = ±1 but for
# ε, whatever x is; the largest |dx| below 1e-2 of max|gamma dout| / σ) a relative measure says nothing and
# the draw is skipped (with the narrow columns: 1 in 5 training draws). f is linear in gamma and beta, and in
# inference mode in x. Measured maxima over 3000 draws each: training 3.9e-9 (5.0e-8 with σ >= 0.1 · scale:
# truncation), inference 1.2e-10. Bound 1e-7.


def bn_gradient_error(seed, n, d, scale, train_flg):
    """None where the loss is flat in x or a column's σ is below 0.2 · scale (see above)."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-3, 3, size=d) * scale + scale * rng.normal(size=(n, d))
    gamma, beta, dout = rng.normal(size=d), rng.normal(size=d), rng.normal(size=(n, d))
    mean, var = rng.normal(size=d) * scale, rng.uniform(0.1, 4, size=d) * scale**2

    def layer(g=gamma, b=beta):
        return BatchNormalization(g, b, running_mean=mean, running_var=var)

    bn = layer()
    bn.forward(x, train_flg)
    dx = bn.backward(dout)
    h = H_LINEAR
    if train_flg and n > 1:
        sigma = x.std(axis=0)
        if sigma.min() < 0.2 * scale or np.abs(dx).max() < 1e-2 * np.max(np.abs(gamma * dout)) / sigma.max():
            return None
        h = 1e-5 * scale
    return max(
        rel_error(dx, numerical(lambda v: np.sum(layer().forward(v, train_flg) * dout), x, h)),
        rel_error(
            bn.dgamma, numerical(lambda v: np.sum(layer(g=v).forward(x, train_flg) * dout), gamma, 1e-3)
        ),
        rel_error(bn.dbeta, numerical(lambda v: np.sum(layer(b=v).forward(x, train_flg) * dout), beta, 1e-3)),
    )


@GRAD
@given(seed=seeds, n=st.integers(1, 6), d=st.integers(1, 4), scale=scales, train_flg=st.booleans())
def test_batchnorm_gradient(seed, n, d, scale, train_flg):
    error = bn_gradient_error(seed, n, d, scale, train_flg)
    assume(error is not None)  # flat in x, or a column too narrow for the step
    assert error <= BOUND  # measured: training 3.9e-9, inference 1.2e-10


def test_batchnorm_inference_backward_is_the_derivative_of_the_inference_formula():
    """After an inference forward, dx = gamma · dout / sqrt(running_var + ε) (the running averages are
    constants); the book's backward would use the last training batch's statistics instead."""
    rng = np.random.default_rng(6)
    gamma, beta = rng.normal(size=3), rng.normal(size=3)
    bn = BatchNormalization(gamma, beta)
    bn.forward(rng.normal(size=(5, 3)))
    x, dout = rng.normal(size=(4, 3)), rng.normal(size=(4, 3))
    bn.forward(x, train_flg=False)
    std = np.sqrt(bn.running_var + BN_EPS)
    np.testing.assert_allclose(bn.backward(dout), gamma * dout / std, rtol=4 * EPS)
    np.testing.assert_allclose(bn.dgamma, np.sum((x - bn.running_mean) / std * dout, axis=0), rtol=1e-13)
    np.testing.assert_array_equal(bn.dbeta, dout.sum(axis=0))


# Properties of training mode, drawn by hypothesis: each output column has mean beta and standard deviation
# |gamma| sqrt(var / (var + ε)) (|gamma| but for ε); and a shift of a column changes nothing. Errors are
# rounding relative to the column's max|x| / σ (see above), in units of ε ((max|x|/σ + 1) |gamma| + |beta|):
# measured over 3000 draws 0.99 (mean), 0.52 (standard deviation), 0.65 (shift); bound 16. The shift's dx:
# measured 0.42 ε (max|x + c|/σ + 1) max|gamma dout| / σ, bound 16.


@FAST
@given(seed=seeds, n=st.integers(2, 8), d=st.integers(1, 4), scale=scales)
def test_batchnorm_output_columns_have_mean_beta_and_std_gamma(seed, n, d, scale):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-5, 5, size=d) * scale + scale * rng.normal(size=(n, d))
    gamma, beta = rng.normal(size=d), rng.normal(size=d)
    out = BatchNormalization(gamma, beta).forward(x)
    _, _, _, var = bn_reference(x, gamma, beta)
    tol = 16 * EPS * (np.abs(gamma) * (np.max(np.abs(x), axis=0) / np.sqrt(var + BN_EPS) + 1) + np.abs(beta))
    assert np.all(np.abs(out.mean(axis=0) - beta) <= tol)
    assert np.all(np.abs(out.std(axis=0) - np.abs(gamma) * np.sqrt(var / (var + BN_EPS))) <= tol)


@FAST
@given(
    seed=seeds,
    n=st.integers(1, 8),
    d=st.integers(1, 4),
    shift=st.lists(st.integers(-1000, 1000), min_size=4, max_size=4),
)
def test_batchnorm_training_output_is_shift_invariant(seed, n, d, shift):
    """BN(x + c) = BN(x) for a constant c per column (x on a grid of 1/64, so x + c is exact)."""
    rng = np.random.default_rng(seed)
    x = np.round(rng.normal(size=(n, d)) * 64 * 4) / 64
    c = np.array(shift[:d], dtype=np.float64)
    gamma, beta = rng.normal(size=d), rng.normal(size=d)
    out, shifted = BatchNormalization(gamma, beta), BatchNormalization(gamma, beta)
    a, b = out.forward(x), shifted.forward(x + c)
    std = np.sqrt(x.var(axis=0) + BN_EPS)
    tol = 16 * EPS * (np.abs(gamma) * (np.max(np.abs(x + c), axis=0) / std + 1) + np.abs(beta))
    assert np.all(np.abs(a - b) <= tol)
    dout = rng.normal(size=(n, d))
    dtol = 16 * EPS * (np.max(np.abs(x + c), axis=0) / std + 1) * np.max(np.abs(gamma * dout), axis=0) / std
    assert np.all(np.abs(out.backward(dout) - shifted.backward(dout)) <= dtol)


def test_batchnorm_leaves_its_arguments_bit_for_bit_and_holds_gamma_and_beta():
    rng = np.random.default_rng(7)
    x, dout = rng.normal(size=(5, 3)), rng.normal(size=(5, 3))
    x[0, 0] = -0.0
    gamma, beta, mean, var = rng.normal(size=3), rng.normal(size=3), rng.normal(size=3), np.ones(3)
    args = (x, dout, gamma, beta, mean, var)
    before = [bits(a) for a in args]
    bn = BatchNormalization(gamma, beta, running_mean=mean, running_var=var)
    for train_flg in (True, False, True):
        bn.forward(x, train_flg)
        bn.backward(dout)
        bn.backward(dout)
        bn.forward(x.reshape(5, 3, 1, 1), train_flg)
        bn.backward(dout.reshape(5, 3, 1, 1))
    assert [bits(a) for a in args] == before
    assert bn.gamma is gamma and bn.beta is beta  # references: an optimizer changes them in place
    gamma *= 2
    beta += 1
    out = bn.forward(x)
    np.testing.assert_array_equal(out, gamma * bn.xn + beta)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_batchnorm_keeps_the_float_type(dtype):
    rng = np.random.default_rng(8)
    x64, dout64 = rng.normal(size=(6, 4)) * 2 + 1, rng.normal(size=(6, 4))
    g64, b64 = rng.normal(size=4), rng.normal(size=4)
    x, dout, gamma, beta = (a.astype(dtype) for a in (x64, dout64, g64, b64))
    bn, ref = BatchNormalization(gamma, beta), BatchNormalization(g64, b64)
    for train_flg in (True, True, False):
        out = bn.forward(x, train_flg)
        dx = bn.backward(dout)
        assert (out.dtype, dx.dtype, bn.dgamma.dtype, bn.dbeta.dtype) == (dtype,) * 4
        assert bn.running_mean.dtype == dtype and bn.running_var.dtype == dtype
        out64 = ref.forward(x.astype(np.float64), train_flg)
        dx64 = ref.backward(dout.astype(np.float64))
        # float32 against float64 from the same float32 inputs, relative to the largest value: measured over
        # 300 draws 2.9e-7 (outputs), 4.1e-7 (dx); bound 1e-5
        np.testing.assert_allclose(out, out64, rtol=0, atol=1e-5 * np.abs(out64).max())
        np.testing.assert_allclose(dx, dx64, rtol=0, atol=1e-5 * np.abs(dx64).max())
    four = BatchNormalization(gamma, beta)
    assert four.forward(x.reshape(6, 1, 2, 2)).dtype == dtype
    assert four.backward(dout.reshape(6, 1, 2, 2)).dtype == dtype


def test_batchnorm_bad_arguments_are_named():
    gamma, beta = np.ones(3), np.zeros(3)
    with pytest.raises(TypeError, match=r"gamma must be a 1-D NumPy float array.*got list"):
        BatchNormalization([1.0, 1.0], beta)
    with pytest.raises(TypeError, match=r"beta must be a 1-D NumPy float array.*shape \(3,\), dtype int64"):
        BatchNormalization(gamma, np.zeros(3, dtype=np.int64))
    with pytest.raises(TypeError, match=r"gamma must be a 1-D.*shape \(1, 3\)"):
        BatchNormalization(np.ones((1, 3)), beta)
    with pytest.raises(ValueError, match=r"beta must have gamma's shape \(3,\).*got beta of shape \(2,\)"):
        BatchNormalization(gamma, np.zeros(2))
    with pytest.raises(ValueError, match=r"running_mean must have gamma's shape \(3,\); got shape \(4,\)"):
        BatchNormalization(gamma, beta, running_mean=np.zeros(4))
    with pytest.raises(ValueError, match=r"running_var must have gamma's shape \(3,\); got shape \(\)"):
        BatchNormalization(gamma, beta, running_var=1.0)
    for bad in (-0.1, 1.5, 10):
        with pytest.raises(ValueError, match=rf"momentum must lie in \[0, 1\], got {float(bad)}"):
            BatchNormalization(gamma, beta, momentum=bad)
    with pytest.raises(ValueError, match=r"momentum must be finite"):
        BatchNormalization(gamma, beta, momentum=float("nan"))
    with pytest.raises(TypeError, match=r"momentum must be a real number"):
        BatchNormalization(gamma, beta, momentum="0.9")


def test_batchnorm_inputs_that_do_not_fit_name_the_shapes():
    bn = BatchNormalization(np.ones(3), np.zeros(3))
    for bad in (np.ones((2, 4)), np.ones(3), np.ones(()), np.ones((2, 2, 2, 1)), np.ones((2, 1, 1, 4))):
        with pytest.raises(
            ValueError,
            match=rf"BatchNormalization\.forward: x must have shape \(N, 3\) or \(N, C, H, W\) with C·H·W = 3.*"
            rf"gamma has shape \(3,\); got x of shape {re_shape(bad.shape)}",
        ):
            bn.forward(bad)
    with pytest.raises(ValueError, match=r"BatchNormalization\.forward: x holds no inputs"):
        bn.forward(np.ones((0, 3)))
    for flag in (1, 0, None, "train", np.array([True])):
        with pytest.raises(
            TypeError, match=r"BatchNormalization\.forward: train_flg must be True .* or False"
        ):
            bn.forward(np.ones((2, 3)), flag)
    bn.forward(np.ones((2, 3)), np.True_)  # NumPy's bool is a bool
    for bad in (np.ones((3, 2)), np.ones(3), np.ones((2, 3, 1, 1))):
        with pytest.raises(
            ValueError,
            match=rf"BatchNormalization\.backward: dout must have the shape of forward's output, \(2, 3\).*"
            rf"got dout of shape {re_shape(bad.shape)}",
        ):
            bn.backward(bad)


def test_batchnorm_running_averages_given_are_used_or_refused():
    """running_mean and running_var given to the constructor (a trained layer's, say): used as given, the other
    one starting at zeros as on the first forward; or refused by the constructor with an error naming them.
    Not: one of them silently replaced by zeros, or a bare TypeError from inside forward."""
    x = np.random.default_rng(21).normal(size=(4, 3))
    for kwargs in (
        {"running_mean": np.ones(3)},
        {"running_var": np.full(3, 4.0)},
        {"running_mean": [1.0, 1.0, 1.0], "running_var": [4.0, 4.0, 4.0]},
    ):
        try:
            bn = BatchNormalization(np.ones(3), np.zeros(3), **kwargs)
        except (TypeError, ValueError) as err:
            assert "running_mean" in str(err) or "running_var" in str(err), kwargs
            continue
        mean = np.asarray(kwargs.get("running_mean", np.zeros(3)), dtype=np.float64)
        var = np.asarray(kwargs.get("running_var", np.zeros(3)), dtype=np.float64)
        np.testing.assert_array_equal(bn.forward(x, train_flg=False), (x - mean) / np.sqrt(var + BN_EPS))
        bn.forward(x)  # training goes on from them
        np.testing.assert_allclose(bn.running_mean, 0.9 * mean + 0.1 * x.mean(axis=0), rtol=1e-15)
        np.testing.assert_allclose(bn.running_var, 0.9 * var + 0.1 * x.var(axis=0), rtol=1e-15)


def test_a_failed_batchnorm_forward_leaves_the_layer_as_it_was():
    rng = np.random.default_rng(9)
    bn = BatchNormalization(rng.normal(size=3), rng.normal(size=3))
    x, dout = rng.normal(size=(5, 3)), rng.normal(size=(5, 3))
    bn.forward(x)
    expected, mean, var = bn.backward(dout), bn.running_mean.copy(), bn.running_var.copy()
    for args in ((np.ones((5, 4)),), (np.ones((0, 3)),), (x, "yes")):
        with pytest.raises((ValueError, TypeError)):
            bn.forward(*args)
        np.testing.assert_array_equal(bn.backward(dout), expected)
        assert bits(bn.running_mean) == bits(mean) and bits(bn.running_var) == bits(var)


# ---- Dropout (book §6.4.3; notebook 10) ----------------------------------------------------------------


def test_dropout_keeps_the_share_one_minus_ratio():
    """Each value kept with probability 1 - r: over 10^5 values the kept share is within 6 standard
    deviations sqrt(r (1 - r) / n) (false alarm 2e-9); kept values pass unchanged, dropped ones are 0."""
    x = np.random.default_rng(10).normal(size=(200, 500))
    for ratio in (0.1, 0.25, 0.5, 0.9):
        layer = Dropout(ratio, rng=11)
        out = layer.forward(x)
        kept = np.mean(layer.mask)
        assert abs(kept - (1 - ratio)) <= 6 * math.sqrt(ratio * (1 - ratio) / x.size), (ratio, kept)
        np.testing.assert_array_equal(out, np.where(layer.mask, x, 0.0))
        assert layer.mask.dtype == bool and layer.mask.shape == x.shape
        # each row and each column too: no position is favoured (6 σ of a row of 500, a column of 200)
        assert np.all(
            np.abs(layer.mask.mean(axis=1) - (1 - ratio)) <= 6 * math.sqrt(ratio * (1 - ratio) / 500)
        )
        assert np.all(
            np.abs(layer.mask.mean(axis=0) - (1 - ratio)) <= 6 * math.sqrt(ratio * (1 - ratio) / 200)
        )


def test_dropout_masks_come_from_the_generator():
    x = np.ones((30, 40))
    a, b = Dropout(0.5, rng=3), Dropout(0.5, rng=np.random.default_rng(3))
    np.testing.assert_array_equal(a.forward(x), b.forward(x))
    np.testing.assert_array_equal(a.mask, np.random.default_rng(3).random(x.shape) > 0.5)  # the book's draw
    assert not np.array_equal(a.forward(x), Dropout(0.5, rng=4).forward(x))  # another seed: another mask
    first = a.mask
    a.forward(x)
    assert not np.array_equal(a.mask, first)  # every training forward draws a new mask
    shared = np.random.default_rng(5)  # two layers of one network share a Generator: one stream
    one, two = Dropout(0.3, rng=shared), Dropout(0.3, rng=shared)
    assert one.rng is shared and two.rng is shared
    one.forward(x)
    two.forward(x[:2])
    stream = np.random.default_rng(5)
    np.testing.assert_array_equal(one.mask, stream.random(x.shape) > 0.3)
    np.testing.assert_array_equal(two.mask, stream.random((2, 40)) > 0.3)
    fresh = [Dropout(0.5).forward(x) for _ in range(2)]  # None: a fresh generator each
    assert not np.array_equal(*fresh)


@FAST
@given(seed=seeds, shape=shapes, ratio=st.sampled_from([0.0, 0.2, 0.5, 0.8]))
def test_dropout_is_the_books_with_the_same_generator(seed, shape, ratio):
    rng = np.random.default_rng(seed)
    x, dout = np.asarray(rng.normal(size=shape)), np.asarray(rng.normal(size=shape))
    ours, theirs = Dropout(ratio, rng=seed), BookDropout(ratio, rng=seed)
    for _ in range(2):
        np.testing.assert_array_equal(ours.forward(x), theirs.forward(x))
        np.testing.assert_array_equal(ours.backward(dout), theirs.backward(dout))
    np.testing.assert_array_equal(ours.forward(x, train_flg=False), theirs.forward(x, train_flg=False))


def test_dropout_never_touches_numpys_global_random_state(monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("NumPy's global random state was used")

    state = np.random.get_state()[1].copy()  # noqa: NPY002 (checking the legacy global state is left alone)
    for name in (
        "rand",
        "random",
        "random_sample",
        "randn",
        "seed",
        "uniform",
        "binomial",
        "choice",
        "permutation",
    ):
        monkeypatch.setattr(np.random, name, forbidden)
    x = np.ones((4, 5))
    for rng in (None, 0, np.random.default_rng(1)):
        layer = Dropout(0.5, rng=rng)
        layer.forward(x)
        layer.backward(x)
        layer.forward(x, train_flg=False)
    monkeypatch.undo()
    np.testing.assert_array_equal(np.random.get_state()[1], state)  # noqa: NPY002


def test_dropout_inference_scales_by_the_share_kept_and_draws_nothing():
    rng = np.random.default_rng(12)
    x, dout = rng.normal(size=(5, 6)), rng.normal(size=(5, 6))
    layer = Dropout(0.3, rng=13)
    layer.forward(x)
    mask, state = layer.mask.copy(), layer.rng.bit_generator.state
    for _ in range(2):
        np.testing.assert_array_equal(layer.forward(x, train_flg=False), x * 0.7)
        np.testing.assert_array_equal(layer.backward(dout), dout * 0.7)  # the derivative of the scaling
    assert layer.rng.bit_generator.state == state  # inference draws nothing
    np.testing.assert_array_equal(layer.mask, mask)
    # the expected training output is the inference output: mean over many masks of x · mask → x (1 - r)
    many = Dropout(0.3, rng=14)
    mean = np.mean([many.forward(np.ones(1000)) for _ in range(100)])
    assert abs(mean - 0.7) <= 6 * math.sqrt(0.3 * 0.7 / 1e5)


def test_dropout_backward_uses_the_mask_of_its_forward():
    rng = np.random.default_rng(15)
    x, dout = rng.normal(size=(6, 7)), rng.normal(size=(6, 7))
    layer = Dropout(0.5, rng=16)
    out = layer.forward(x)
    state = layer.rng.bit_generator.state
    dx = layer.backward(dout)
    np.testing.assert_array_equal(dx, dout * layer.mask)
    np.testing.assert_array_equal(dx == 0, out == 0)  # x is never exactly 0 here: the same positions
    np.testing.assert_array_equal(layer.backward(dout), dx)  # again: the same mask, no new draw
    assert layer.rng.bit_generator.state == state


@GRAD
@given(seed=seeds, shape=shapes, ratio=st.sampled_from([0.0, 0.3, 0.5, 0.9]))
def test_dropout_gradient_with_the_mask_fixed(seed, shape, ratio):
    """f(v) = Σ forward(v) · dout, each forward from the same generator state (the same mask): linear in v,
    so the central difference is exact but for rounding (measured over 3000 draws: 7.3e-13 training, 8.4e-13
    inference; bound 1e-7)."""
    rng = np.random.default_rng(seed)
    x, dout = np.asarray(rng.normal(size=shape)), np.asarray(rng.normal(size=shape))
    layer = Dropout(ratio, rng=seed)
    state = layer.rng.bit_generator.state

    def f(v):
        layer.rng.bit_generator.state = state
        return np.sum(layer.forward(v) * dout)

    numeric = numerical(f, x, H_LINEAR)
    layer.rng.bit_generator.state = state
    layer.forward(x)
    assert rel_error(layer.backward(dout), numeric) <= BOUND
    numeric = numerical(lambda v: np.sum(layer.forward(v, train_flg=False) * dout), x, H_LINEAR)
    layer.forward(x, train_flg=False)
    assert rel_error(layer.backward(dout), numeric) <= BOUND


def test_dropout_ratio_zero_keeps_everything():
    x = np.random.default_rng(17).normal(size=(50, 20))
    layer = Dropout(0.0, rng=18)
    np.testing.assert_array_equal(layer.forward(x), x)
    np.testing.assert_array_equal(layer.backward(x), x)
    np.testing.assert_array_equal(layer.forward(x, train_flg=False), x)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_dropout_keeps_the_float_type_and_its_arguments(dtype):
    rng = np.random.default_rng(19)
    x, dout = rng.normal(size=(4, 2, 3)).astype(dtype), rng.normal(size=(4, 2, 3)).astype(dtype)
    x[0, 0, 0] = -0.0
    before = (bits(x), bits(dout))
    layer = Dropout(0.4, rng=20)
    for train_flg in (True, False):
        out = layer.forward(x, train_flg)
        assert out.shape == x.shape and out.dtype == dtype
        assert layer.backward(dout).dtype == dtype
    assert (bits(x), bits(dout)) == before


def test_dropout_bad_arguments_are_named():
    for bad in (-0.1, 1.0, 1.5, float("nan"), float("inf")):
        with pytest.raises(ValueError, match=r"dropout_ratio must (lie in \[0, 1\)|be finite)"):
            Dropout(bad)
    for bad in ("0.5", None, True, [0.5]):
        with pytest.raises(TypeError, match=r"dropout_ratio must be a real number"):
            Dropout(bad)
    with pytest.raises(TypeError, match=r"rng must be an int seed"):
        Dropout(0.5, rng="seed")
    with pytest.raises(ValueError, match=r"rng must be a seed >= 0"):
        Dropout(0.5, rng=-1)
    assert Dropout(np.float32(0.25)).dropout_ratio == 0.25 and Dropout(0).dropout_ratio == 0.0
    layer = Dropout(0.5, rng=0)
    for flag in (1, None, "train"):
        with pytest.raises(TypeError, match=r"Dropout\.forward: train_flg must be True .* or False"):
            layer.forward(np.ones(3), flag)
    layer.forward(np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"Dropout\.backward: dout must have the shape .*\(2, 3\).*\(3,\)"):
        layer.backward(np.ones(3))
    with pytest.raises(TypeError, match="x must be a number or an array of numbers"):
        layer.forward("x")
