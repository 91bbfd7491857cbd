"""Tests for nbhelpers.conv: conv_output_size, im2col, im2col_loop, col2im, conv2d, KERNELS, Convolution and
Pooling (notebooks 11 and 12).

Independent references: direct loops written here, window by window (the formula of each docstring), and the
book's own code (oreilly-japan/deep-learning-from-scratch, common/util.py and common/layers.py, copied once in
tests/book.py). Shapes are drawn with hypothesis among those whose windows tile the padded input (the sizes
nbhelpers accepts; the book floors the others silently).

Exactness. With "dyadic" values (multiples of 1/8 below 8 in size) every product and every sum of the few
hundred terms here is a float64 number exactly, so any order of summation gives the same bits: the layers are
compared with the loops bit for bit on such values (forward, dx, dW, db, col2im's sums). On normal draws the
order matters: the book's Convolution (one np.dot over all windows) and ours (one matmul per image, windows
as columns) differ by rounding. Both are compared with the loops' sums of the rounded products (math.fsum:
the sum correctly rounded), within (K + 1) ε Σ|terms| per output (a K-term dot product's rounding bound γ_K
Σ|terms| ≈ K ε Σ|terms|, plus the reference's own ε Σ|terms|; ε = 2.2e-16). Measured, as a share of K ε Σ|terms|,
over 3000 draws of the strategy below: ours and the book's forward 0.36, dx 0.24, dW 0.49 (book 0.50), db 0.32.
im2col,
im2col_loop and the book's im2col copy numbers: bit for bit always; col2im and the book's col2im add in the
same order: bit for bit always.

Gradient checks: backward against central differences in float64 of f(x) = Σ forward(x) · dout (written here,
independent of nbhelpers.numerical_gradient). For Convolution f is linear in x, W and b (no truncation error,
step 1e-3); for Pooling it is linear between the places where the maximum of a window changes, so the draws
keep every value 0.01 from the others and from the padding's zeros (step 1e-4). The error: max |g − n|
relative to the largest entry of either; bound 1e-7; measured (1000 draws each): Convolution 1.7e-12 (x),
3.6e-12 (W), 1.9e-10 (b: Σ dout, large against each term); Pooling 2.3e-12.

Also: dtype kept (float32 stays float32, computed in float32), inputs and dout untouched bit for bit, the
layers' references to W and b, ties and NaN in max pooling, errors that name the argument and the numbers.
"""

from __future__ import annotations

import math
import warnings
from collections import defaultdict
from typing import NamedTuple

import book
import numpy as np
import pytest
from helpers import FAST, extremes, no_warnings
from hypothesis import given, settings
from hypothesis import strategies as st

import nbhelpers
from nbhelpers import conv
from nbhelpers.conv import (
    KERNELS,
    Convolution,
    Pooling,
    col2im,
    conv2d,
    conv_output_size,
    im2col,
    im2col_loop,
)

GRAD = settings(FAST, max_examples=50)  # each example loops in Python over every window: keep the suite quick
EPS = float(np.finfo(np.float64).eps)
seeds = st.integers(0, 2**32 - 1)


# ---- helpers: draws, references, measures ----------------------------------------------------------------


class Geometry(NamedTuple):
    n: int
    c: int
    h: int
    w: int
    fh: int
    fw: int
    stride: int
    pad: int
    oh: int
    ow: int


@st.composite
def geometries(draw, max_n=3, max_c=3, max_f=4, max_s=3, max_p=2, max_o=4):
    """A batch's shape and a filter, stride and pad whose windows tile the padded input exactly:
    H = (OH − 1)·S + FH − 2P >= 1 (the pad at most what leaves one pixel)."""
    n, c = draw(st.integers(1, max_n)), draw(st.integers(1, max_c))
    fh, fw = draw(st.integers(1, max_f)), draw(st.integers(1, max_f))
    s = draw(st.integers(1, max_s))
    oh, ow = draw(st.integers(1, max_o)), draw(st.integers(1, max_o))
    p = draw(st.integers(0, min(max_p, ((oh - 1) * s + fh - 1) // 2, ((ow - 1) * s + fw - 1) // 2)))
    return Geometry(n, c, (oh - 1) * s + fh - 2 * p, (ow - 1) * s + fw - 2 * p, fh, fw, s, p, oh, ow)


def dyadic(rng, shape) -> np.ndarray:
    """Multiples of 1/8 in [-8, 8]: their products and sums here are exact in float64 (any order, same bits)."""
    return rng.integers(-64, 65, size=shape) / 8.0


def padded(x, pad):
    return np.pad(x, [(0, 0), (0, 0), (pad, pad), (pad, pad)])


def bits(x) -> bytes:
    return np.ascontiguousarray(x).tobytes()


def rel_error(g, n) -> float:
    """max |g − n| relative to the largest entry of either (0.0 when both are all zero)."""
    g, n = np.asarray(g, dtype=np.float64), np.asarray(n, dtype=np.float64)
    assert g.shape == n.shape
    scale = max(np.max(np.abs(g), initial=0.0), np.max(np.abs(n), initial=0.0))
    return float(np.max(np.abs(g - n), initial=0.0) / scale) if scale > 0 else 0.0


def numerical(f, x, h):
    """The central difference (f(x + h e_i) − f(x − h e_i)) / 2h for every element, in float64 (f gets a
    fresh copy each time: a layer keeps a reference to what it is given)."""
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


def windows_loop(x, fh, fw, s, p):
    """Every window of the padded batch, by index: {(n, i, j): window (C, FH, FW)}."""
    xp = padded(x, p)
    oh, ow = (xp.shape[2] - fh) // s + 1, (xp.shape[3] - fw) // s + 1
    return {
        (k, i, j): xp[k, :, i * s : i * s + fh, j * s : j * s + fw]
        for k in range(len(x))
        for i in range(oh)
        for j in range(ow)
    }


def conv_loop(x, W, b, s, p):
    """y[n, f, i, j] = Σ_{c,u,v} x_pad[n, c, iS+u, jS+v] W[f, c, u, v] + b[f], each sum by math.fsum (the
    products rounded once, the sum exactly)."""
    fn, _, fh, fw = W.shape
    wins = windows_loop(x, fh, fw, s, p)
    oh, ow = max(i for _, i, _ in wins) + 1, max(j for _, _, j in wins) + 1
    out = np.empty((len(x), fn, oh, ow))
    for (k, i, j), win in wins.items():
        for f in range(fn):
            out[k, f, i, j] = math.fsum([*(win * W[f]).ravel(), b[f]])
    return out


def conv_backward_loop(x, W, s, p, dout):
    """dx, dW, db by the chain rule, term by term: each output y[n, f, i, j] used x_pad[n, c, iS+u, jS+v]
    with weight W[f, c, u, v], so it sends dout · W to that pixel and dout · x to that weight."""
    fn, c, fh, fw = W.shape
    xp = padded(x, p)
    dx_terms, dw_terms = defaultdict(list), defaultdict(list)
    for k, f, i, j in np.ndindex(dout.shape):
        d = dout[k, f, i, j]
        for ch, u, v in np.ndindex(c, fh, fw):
            y, z = i * s + u, j * s + v
            dx_terms[k, ch, y, z].append(d * W[f, ch, u, v])
            dw_terms[f, ch, u, v].append(d * xp[k, ch, y, z])
    dxp = np.zeros(xp.shape)
    for index, terms in dx_terms.items():
        dxp[index] = math.fsum(terms)
    dW = np.array([math.fsum(dw_terms[index]) for index in np.ndindex(W.shape)]).reshape(W.shape)
    db = np.array([math.fsum(dout[:, f].ravel()) for f in range(fn)])
    return dxp[:, :, p : xp.shape[2] - p, p : xp.shape[3] - p], dW, db


def pool_loop(x, ph, pw, s, p):
    """Max pooling window by window over the zero-padded batch: the maximum and the place of its first
    occurrence in row order (a later equal value does not replace it); no NaN here."""
    oh, ow = (x.shape[2] + 2 * p - ph) // s + 1, (x.shape[3] + 2 * p - pw) // s + 1
    out, arg = np.empty((*x.shape[:2], oh, ow)), np.empty((*x.shape[:2], oh, ow), dtype=int)
    xp = padded(x, p)
    for k, c, i, j in np.ndindex(out.shape):
        win = xp[k, c, i * s : i * s + ph, j * s : j * s + pw].ravel()
        best = 0
        for m, value in enumerate(win):
            if value > win[best]:
                best = m
        out[k, c, i, j], arg[k, c, i, j] = win[best], best
    return out, arg


def pool_backward_loop(x, ph, pw, s, p, dout):
    """Each output's dout goes to the pixel of its window's (first) maximum; the padding is cut off."""
    _, arg = pool_loop(x, ph, pw, s, p)
    dxp = np.zeros(padded(x, p).shape)
    for k, c, i, j in np.ndindex(dout.shape):
        u, v = divmod(int(arg[k, c, i, j]), pw)
        dxp[k, c, i * s + u, j * s + v] += dout[k, c, i, j]
    return dxp[:, :, p : dxp.shape[2] - p, p : dxp.shape[3] - p]


def books_arg_max(layer, shape):
    """The book's Pooling.arg_max (one per row of its im2col, in (n, i, j, c) order) as (N, C, OH, OW)."""
    n, c, oh, ow = shape
    return layer.arg_max.reshape(n, oh, ow, c).transpose(0, 3, 1, 2)


# ---- conv_output_size (book §7.2.4) -------------------------------------------------------------------------


@FAST
@given(h=st.integers(1, 60), fh=st.integers(1, 60), s=st.integers(1, 7), p=st.integers(0, 5))
def test_conv_output_size_is_the_formula_or_a_refusal_with_the_numbers(h, fh, s, p):
    span = h + 2 * p - fh
    if span < 0:
        with pytest.raises(
            ValueError,
            match=rf"^conv_output_size: the filter does not fit: FH = {fh} is larger than H \+ 2P = {h} \+ "
            rf"2·{p} = {h + 2 * p}$",
        ):
            conv_output_size(h, fh, s, p)
    elif span % s:
        with pytest.raises(
            ValueError,
            match=rf"^conv_output_size: the windows do not fit evenly: \(H \+ 2P − FH\) / S = \({h} \+ 2·{p} − "
            rf"{fh}\) / {s} = {span} / {s} is not a whole number",
        ):
            conv_output_size(h, fh, s, p)
    else:
        size = conv_output_size(h, fh, stride=s, pad=p)
        assert type(size) is int and size == span // s + 1 == book.conv_output_size(h, fh, s, p)
        assert size >= 1


def test_conv_output_size_the_books_examples_and_numpy_integers():
    assert conv_output_size(4, 3) == 2  # §7.2.2: 4 × 4 input, 3 × 3 filter
    assert conv_output_size(4, 3, pad=1) == 4  # §7.2.3: padding 1 keeps the size
    assert conv_output_size(7, 3, stride=2) == 3  # §7.2.4: stride 2
    assert conv_output_size(28, 5) == 24 and conv_output_size(24, 2, 2) == 12  # SimpleConvNet's sizes
    size = conv_output_size(np.int64(28), np.int32(5), np.uint8(1), np.int16(2))
    assert type(size) is int and size == 28


@pytest.mark.parametrize(
    "args, error, match",
    [
        (
            (28.0, 5),
            TypeError,
            r"^conv_output_size: input_size must be a whole number >= 1, got float 28\.0$",
        ),
        ((28, "5"), TypeError, r"^conv_output_size: filter_size must be a whole number >= 1, got str '5'$"),
        ((28, 5, True), TypeError, r"^conv_output_size: stride must be a whole number >= 1, got bool True$"),
        ((28, 5, 1, None), TypeError, r"^conv_output_size: pad must be a whole number >= 0, got NoneType"),
        ((0, 5), ValueError, r"^conv_output_size: input_size must be a whole number >= 1, got 0$"),
        ((28, 0), ValueError, r"^conv_output_size: filter_size must be a whole number >= 1, got 0$"),
        ((28, 5, 0), ValueError, r"^conv_output_size: stride must be a whole number >= 1, got 0$"),
        ((28, 5, -1), ValueError, r"^conv_output_size: stride must be a whole number >= 1, got -1$"),
        ((28, 5, 1, -1), ValueError, r"^conv_output_size: pad must be a whole number >= 0, got -1$"),
        ((3, 5), ValueError, r"the filter does not fit: FH = 5 is larger than H \+ 2P = 3 \+ 2·0 = 3$"),
        ((28, 5, 2), ValueError, r"\(28 \+ 2·0 − 5\) / 2 = 23 / 2 is not a whole number; choose a stride"),
        ((28, 5, 3, 1), ValueError, r"\(28 \+ 2·1 − 5\) / 3 = 25 / 3 is not a whole number"),
    ],
)
def test_conv_output_size_bad_arguments_are_named(args, error, match):
    with pytest.raises(error, match=match):
        conv_output_size(*args)


# ---- im2col, im2col_loop, col2im (book §7.4.3) ----------------------------------------------------------------


@FAST
@given(g=geometries(), seed=seeds)
def test_im2col_is_im2col_loop_and_the_books_bit_for_bit(g, seed):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(g.n, g.c, g.h, g.w))
    col = im2col(x, g.fh, g.fw, g.stride, g.pad)
    assert col.shape == (g.n * g.oh * g.ow, g.c * g.fh * g.fw) and col.dtype == np.float64
    assert bits(col) == bits(im2col_loop(x, g.fh, g.fw, g.stride, g.pad))
    assert bits(col) == bits(book.im2col(x, g.fh, g.fw, g.stride, g.pad))
    # the row order of the docstring: image n, output row i, column j; in a row channel, then y, then x
    for (k, i, j), win in windows_loop(x, g.fh, g.fw, g.stride, g.pad).items():
        assert bits(col[k * g.oh * g.ow + i * g.ow + j]) == bits(win.ravel())


@FAST
@given(g=geometries(), seed=seeds)
def test_col2im_is_the_books_bit_for_bit_and_adds_what_the_windows_took(g, seed):
    """The book's image is S − 1 pixels larger (cut off at the end): on sizes that tile, the same sums."""
    rng = np.random.default_rng(seed)
    shape = (g.n, g.c, g.h, g.w)
    col = rng.normal(size=(g.n * g.oh * g.ow, g.c * g.fh * g.fw))
    img = col2im(col, shape, g.fh, g.fw, g.stride, g.pad)
    assert img.shape == shape and img.dtype == np.float64
    assert bits(img) == bits(book.col2im(col, shape, g.fh, g.fw, g.stride, g.pad))
    # against a loop, on dyadic values (exact sums): each row goes back to the pixels of its window
    col = dyadic(rng, col.shape)
    expected = np.zeros((g.n, g.c, g.h + 2 * g.pad, g.w + 2 * g.pad))
    for (k, i, j), _ in windows_loop(np.zeros(shape), g.fh, g.fw, g.stride, g.pad).items():
        y, z = i * g.stride, j * g.stride
        expected[k, :, y : y + g.fh, z : z + g.fw] += col[k * g.oh * g.ow + i * g.ow + j].reshape(
            g.c, g.fh, g.fw
        )
    expected = expected[:, :, g.pad : g.pad + g.h, g.pad : g.pad + g.w]
    assert bits(col2im(col, shape, g.fh, g.fw, g.stride, g.pad)) == bits(expected)


@FAST
@given(g=geometries(), seed=seeds)
def test_col2im_is_the_transpose_of_im2col(g, seed):
    """<im2col(x), c> = <x, col2im(c)> for every x and c: col2im is im2col's adjoint (what backward needs).
    Exact on dyadic values; on normal draws to rounding (measured: at most 0.95 ε Σ|terms| in 3000 draws)."""
    rng = np.random.default_rng(seed)
    shape = (g.n, g.c, g.h, g.w)
    args = (g.fh, g.fw, g.stride, g.pad)
    x, c = dyadic(rng, shape), dyadic(rng, (g.n * g.oh * g.ow, g.c * g.fh * g.fw))
    assert np.sum(im2col(x, *args) * c) == np.sum(x * col2im(c, shape, *args))
    x, c = rng.normal(size=x.shape), rng.normal(size=c.shape)
    left, right = np.sum(im2col(x, *args) * c), np.sum(x * col2im(c, shape, *args))
    scale = np.sum(np.abs(im2col(x, *args) * c))
    assert abs(left - right) <= 16 * EPS * scale
    # col2im(im2col(x)) = x times the number of windows that cover each pixel
    ones = col2im(np.ones(c.shape), shape, *args)
    x = dyadic(rng, shape)
    np.testing.assert_array_equal(col2im(im2col(x, *args), shape, *args), x * ones)


def test_im2col_and_col2im_the_docstring_examples_by_hand():
    x = np.arange(16.0).reshape(1, 1, 4, 4)
    np.testing.assert_array_equal(im2col(x, 3, 3)[1], [1, 2, 3, 5, 6, 7, 9, 10, 11])
    np.testing.assert_array_equal(im2col(x, 3, 3, pad=1)[0], [0, 0, 0, 0, 0, 1, 0, 4, 5])
    np.testing.assert_array_equal(
        im2col(x, 2, 2, stride=2), [[0, 1, 4, 5], [2, 3, 6, 7], [8, 9, 12, 13], [10, 11, 14, 15]]
    )
    covered = col2im(np.ones((4, 9)), (1, 1, 4, 4), 3, 3)[0, 0]
    np.testing.assert_array_equal(covered, [[1, 2, 2, 1], [2, 4, 4, 2], [2, 4, 4, 2], [1, 2, 2, 1]])
    # two channels: a row holds channel 0's window, then channel 1's
    x2 = np.stack([x[0, 0], -x[0, 0]])[None]
    np.testing.assert_array_equal(im2col(x2, 2, 2)[0], [0, 1, 4, 5, 0, -1, -4, -5])
    # the book's shape example (§7.4.3): 10 images of 3 channels, 7 × 7, 5 × 5 filters → (90, 75)
    assert im2col(np.zeros((10, 3, 7, 7)), 5, 5, stride=1, pad=0).shape == (90, 75)
    assert im2col(np.zeros((1, 3, 7, 7)), 5, 5).shape == (9, 75)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_im2col_col2im_keep_the_dtype_and_leave_their_inputs(dtype):
    rng = np.random.default_rng(4)
    x = rng.normal(size=(2, 3, 5, 5)).astype(dtype)
    before = bits(x)
    for f in (im2col, im2col_loop):
        col = f(x, 3, 3, 2, 1)
        assert col.dtype == dtype and bits(x) == before
        assert not np.shares_memory(col, x)
        np.testing.assert_array_equal(col, book.im2col(x, 3, 3, 2, 1))  # the book's is float64: same values
    col = rng.normal(size=col.shape).astype(dtype)
    before = bits(col)
    img = col2im(col, x.shape, 3, 3, 2, 1)
    assert img.dtype == dtype and bits(col) == before
    np.testing.assert_allclose(img, book.col2im(col, x.shape, 3, 3, 2, 1), rtol=1e-6)
    ints = np.arange(2 * 3 * 5 * 5).reshape(x.shape)  # integers: float64
    assert im2col(ints, 3, 3).dtype == np.float64
    np.testing.assert_array_equal(im2col(ints, 3, 3), im2col(ints.astype(float), 3, 3))
    assert im2col(ints.tolist(), 3, 3).shape == (18, 27)  # lists too


def test_im2col_with_nan_copies_it_to_every_window_that_holds_it():
    x = np.zeros((1, 1, 3, 3))
    x[0, 0, 1, 1] = np.nan
    with no_warnings():
        col = im2col(x, 2, 2)
        assert np.isnan(col).sum(axis=1).tolist() == [1, 1, 1, 1]
        img = col2im(col, x.shape, 2, 2)
    assert np.isnan(img).sum() == 1 and np.isnan(img[0, 0, 1, 1])


def test_im2col_errors_name_the_argument_and_the_numbers():
    x = np.zeros((2, 3, 5, 5))
    for f in (im2col, im2col_loop):
        name = f.__name__
        with pytest.raises(
            ValueError,
            match=rf"^{name}: input_data must be a batch of images of shape \(N, C, H, W\).*got input_data of shape \(3, 5, 5\)",
        ):
            f(x[0], 3, 3)
        with pytest.raises(
            ValueError,
            match=rf"^{name}: the filter does not fit: FH = 6 is larger than H \+ 2P = 5 \+ 2·0 = 5$",
        ):
            f(x, 6, 3)
        with pytest.raises(
            ValueError,
            match=rf"^{name}: the filter does not fit: FW = 8 is larger than W \+ 2P = 5 \+ 2·1 = 7$",
        ):
            f(x, 3, 8, pad=1)
        with pytest.raises(
            ValueError,
            match=rf"^{name}: the windows do not fit evenly: \(H \+ 2P − FH\) / S = \(5 \+ 2·0 − 2\) / 2 = 3 / 2",
        ):
            f(x, 2, 3, stride=2)
        with pytest.raises(
            ValueError,
            match=rf"^{name}: the windows do not fit evenly: \(W \+ 2P − FW\) / S = \(5 \+ 2·0 − 3\) / 3 = 2 / 3",
        ):
            f(x, 2, 3, stride=3)
        with pytest.raises(ValueError, match=rf"^{name}: stride must be a whole number >= 1, got 0$"):
            f(x, 3, 3, stride=0)
        with pytest.raises(TypeError, match=rf"^{name}: pad must be a whole number >= 0, got float 1\.0$"):
            f(x, 3, 3, pad=1.0)
        with pytest.raises(
            TypeError, match=r"^input_data must be a number or an array of numbers, got the string"
        ):
            f("x", 3, 3)
        with pytest.raises(
            TypeError, match=rf"^{name}: filter_h must be a whole number >= 1, got float 3\.0$"
        ):
            f(x, 3.0, 3)
        with pytest.raises(ValueError, match=rf"^{name}: filter_w must be a whole number >= 1, got 0$"):
            f(x, 3, 0)


def test_col2im_errors_name_the_argument_and_the_shapes():
    col = np.zeros((18, 27))
    with pytest.raises(
        ValueError, match=r"^col2im: input_shape must be four whole numbers \(N, C, H, W\), got \(2, 3, 5\)$"
    ):
        col2im(col, (2, 3, 5), 3, 3)
    with pytest.raises(
        ValueError, match=r"^col2im: input_shape must be four whole numbers .*got \(2, 3, 5, 5\.0\)$"
    ):
        col2im(col, (2, 3, 5, 5.0), 3, 3)
    with pytest.raises(
        ValueError, match=r"^col2im: input_shape must be four whole numbers .*got \(0, 3, 5, 5\)$"
    ):
        col2im(col, (0, 3, 5, 5), 3, 3)
    with pytest.raises(
        ValueError,
        match=r"^col2im: col must have shape \(N·OH·OW, C·FH·FW\) = \(18, 27\) for input_shape \(2, 3, 5, 5\) "
        r"with 3 × 3 filters, stride 1, pad 0; got col of shape \(17, 27\)$",
    ):
        col2im(np.zeros((17, 27)), (2, 3, 5, 5), 3, 3)
    with pytest.raises(ValueError, match=r"got col of shape \(486,\)$"):
        col2im(col.ravel(), (2, 3, 5, 5), 3, 3)
    with pytest.raises(
        ValueError,
        match=r"^col2im: the windows do not fit evenly: \(H \+ 2P − FH\) / S = \(5 \+ 2·0 − 3\) / 3",
    ):
        col2im(col, (2, 3, 5, 5), 3, 3, stride=3)
    with pytest.raises(ValueError, match=r"^col2im: the filter does not fit: FH = 6"):
        col2im(col, (2, 3, 5, 5), 6, 3)
    assert col2im(col, np.array([2, 3, 5, 5]), 3, 3).shape == (2, 3, 5, 5)  # any sequence of whole numbers


# ---- conv2d and KERNELS (book §7.2) ---------------------------------------------------------------------------

BOOK_IMAGE = [[1, 2, 3, 0], [0, 1, 2, 3], [3, 0, 1, 2], [2, 3, 0, 1]]  # Figure 7-3 (and 7-6 with padding)
BOOK_FILTER = [[2, 0, 1], [0, 1, 2], [1, 0, 2]]


def test_conv2d_the_books_worked_examples():
    np.testing.assert_array_equal(conv2d(BOOK_IMAGE, BOOK_FILTER), [[15, 16], [6, 15]])  # Figure 7-3
    np.testing.assert_array_equal(
        conv2d(BOOK_IMAGE, BOOK_FILTER) + 3, [[18, 19], [9, 18]]
    )  # Figure 7-5, bias 3
    padded_result = [[7, 12, 10, 2], [4, 15, 16, 10], [10, 6, 15, 6], [8, 10, 4, 3]]  # Figure 7-6: pad 1
    np.testing.assert_array_equal(conv2d(BOOK_IMAGE, BOOK_FILTER, pad=1), padded_result)
    # Figure 7-7: a 7 × 7 input (the rows of Figure 7-3's pattern continued), stride 2 → 3 × 3, first 15 then 17
    seven = np.array([[[1, 2, 3, 0][(j - i) % 4] for j in range(7)] for i in range(7)])
    out = conv2d(seven, BOOK_FILTER, stride=2)
    assert out.shape == (3, 3) and out[0, 0] == 15 and out[0, 1] == 17
    np.testing.assert_array_equal(out, [[15, 17, 15], [17, 15, 17], [15, 17, 15]])


@FAST
@given(
    h=st.integers(1, 8),
    w=st.integers(1, 8),
    fh=st.integers(1, 4),
    fw=st.integers(1, 4),
    s=st.integers(1, 3),
    p=st.integers(0, 2),
    seed=seeds,
)
def test_conv2d_is_the_double_loop(h, w, fh, fw, s, p, seed):
    rng = np.random.default_rng(seed)
    image, kernel = rng.normal(size=(h, w)), rng.normal(size=(fh, fw))
    spans = (h + 2 * p - fh, w + 2 * p - fw)
    if min(spans) < 0 or spans[0] % s or spans[1] % s:
        with pytest.raises(ValueError, match=r"^conv2d: the (filter does not fit|windows do not fit evenly)"):
            conv2d(image, kernel, s, p)
        return
    out = conv2d(image, kernel, stride=s, pad=p)
    xp = np.pad(image, p)
    expected, scale = np.empty((2, spans[0] // s + 1, spans[1] // s + 1))
    for i, j in np.ndindex(expected.shape):
        terms = (xp[i * s : i * s + fh, j * s : j * s + fw] * kernel).ravel()
        expected[i, j], scale[i, j] = math.fsum(terms), np.sum(np.abs(terms))
    assert out.shape == expected.shape
    assert np.all(np.abs(out - expected) <= (fh * fw + 1) * EPS * scale)  # as Convolution's (see the top)
    # dyadic values: exact
    image, kernel = dyadic(rng, (h, w)), dyadic(rng, (fh, fw))
    xp = np.pad(image, p)
    for i, j in np.ndindex(expected.shape):
        expected[i, j] = np.sum(xp[i * s : i * s + fh, j * s : j * s + fw] * kernel)
    np.testing.assert_array_equal(conv2d(image, kernel, s, p), expected)
    # one channel, one filter of Convolution
    layer = Convolution(kernel[None, None].copy(), np.zeros(1), s, p)
    np.testing.assert_array_equal(layer.forward(image[None, None])[0, 0], expected)


def test_conv2d_dtype_inputs_and_errors():
    rng = np.random.default_rng(5)
    image, kernel = rng.normal(size=(6, 5)).astype(np.float32), rng.normal(size=(3, 2)).astype(np.float32)
    before = bits(image), bits(kernel)
    out = conv2d(image, kernel)
    assert out.dtype == np.float32 and out.shape == (4, 4)
    assert (bits(image), bits(kernel)) == before
    np.testing.assert_allclose(out, conv2d(image.astype(float), kernel.astype(float)), rtol=1e-5, atol=1e-6)
    assert conv2d(image, kernel.astype(np.float64)).dtype == np.float64  # the dtype of the product
    assert conv2d([[1, 2], [3, 4]], [[1]]).dtype == np.float64
    with pytest.raises(
        ValueError,
        match=r"^conv2d: image must be 2-D \(H, W\) and kernel 2-D \(FH, FW\); got image of shape \(1, 6, 5\) and "
        r"kernel of shape \(3, 2\)$",
    ):
        conv2d(image[None], kernel)
    with pytest.raises(ValueError, match=r"got image of shape \(6, 5\) and kernel of shape \(2,\)$"):
        conv2d(image, kernel[0])
    with pytest.raises(
        ValueError, match=r"^conv2d: the filter does not fit: FH = 7 is larger than H \+ 2P = 6"
    ):
        conv2d(image, np.ones((7, 1)))
    with pytest.raises(
        ValueError, match=r"^conv2d: the filter does not fit: FW = 6 is larger than W \+ 2P = 5"
    ):
        conv2d(image, np.ones((1, 6)))
    with pytest.raises(TypeError, match=r"^kernel must be a number or an array of numbers, got the string"):
        conv2d(image, "k")
    with pytest.raises(ValueError, match=r"^conv2d: stride must be a whole number >= 1, got 0$"):
        conv2d(image, kernel, stride=0)
    nan = image.copy()
    nan[0, 0] = np.nan
    out = conv2d(nan, kernel)
    assert np.isnan(out[0, 0]) and np.isfinite(out.ravel()[1:]).all()  # only the window that holds it


def test_kernels_are_read_only_and_do_what_their_names_say():
    assert list(KERNELS) == ["identity", "blur", "sharpen", "edge x", "edge y", "outline"]
    for name, k in KERNELS.items():
        assert k.shape == (3, 3) and k.dtype == np.float64 and not k.flags.writeable, name
        with pytest.raises(ValueError, match="read-only"):
            k[0, 0] = 1.0
    rng = np.random.default_rng(6)
    image = rng.random((6, 7))
    np.testing.assert_array_equal(conv2d(image, KERNELS["identity"], pad=1), image)
    np.testing.assert_allclose(conv2d(np.full((5, 5), 0.5), KERNELS["blur"]), 0.5, rtol=1e-15)
    flat = np.full((5, 5), 2.0)
    np.testing.assert_array_equal(conv2d(flat, KERNELS["sharpen"]), 2.0)  # 5 − 4 neighbours: the value
    for name in ("edge x", "edge y", "outline"):
        np.testing.assert_array_equal(conv2d(flat, KERNELS[name]), 0.0)  # no change, no response
        assert KERNELS[name].sum() == 0
    ramp_x = np.tile(np.arange(6.0), (5, 1))  # brighter to the right
    np.testing.assert_array_equal(conv2d(ramp_x, KERNELS["edge x"]), 8.0)  # (1 + 2 + 1) · 2
    np.testing.assert_array_equal(conv2d(ramp_x, KERNELS["edge y"]), 0.0)
    np.testing.assert_array_equal(conv2d(ramp_x.T, KERNELS["edge y"]), 8.0)
    np.testing.assert_array_equal(conv2d(ramp_x, KERNELS["outline"]), 0.0)  # a ramp has no curvature


# ---- Convolution (book §7.4.3) --------------------------------------------------------------------------------


def conv_case(g, fn, rng, values=None):
    values = values or (lambda shape: rng.normal(size=shape))
    x = values((g.n, g.c, g.h, g.w))
    W, b = values((fn, g.c, g.fh, g.fw)), values((fn,))
    dout = values((g.n, fn, g.oh, g.ow))
    return x, W, b, dout


@GRAD
@given(g=geometries(), fn=st.integers(1, 3), seed=seeds)
def test_convolution_is_the_direct_loop_bit_for_bit_on_exact_values(g, fn, seed):
    rng = np.random.default_rng(seed)
    x, W, b, dout = conv_case(g, fn, rng, lambda shape: dyadic(rng, shape))
    layer = Convolution(W, b, stride=g.stride, pad=g.pad)
    out = layer.forward(x)
    assert out.shape == (g.n, fn, g.oh, g.ow)
    assert bits(out) == bits(conv_loop(x, W, b, g.stride, g.pad))
    dx = layer.backward(dout)
    expected = conv_backward_loop(x, W, g.stride, g.pad, dout)
    assert dx.shape == x.shape and layer.dW.shape == W.shape and layer.db.shape == b.shape
    for got, want in zip((dx, layer.dW, layer.db), expected):
        assert bits(got) == bits(want)
    # the attributes of the book's layer: col (ours: each image's windows as columns) and col_W
    assert layer.x is x
    np.testing.assert_array_equal(
        layer.col.transpose(0, 2, 1).reshape(-1, g.c * g.fh * g.fw), im2col(x, g.fh, g.fw, g.stride, g.pad)
    )
    np.testing.assert_array_equal(layer.col_W, W.reshape(fn, -1).T)


@GRAD
@given(g=geometries(), fn=st.integers(1, 3), seed=seeds)
def test_convolution_agrees_with_the_loop_and_the_book_to_rounding(g, fn, seed):
    """Normal draws: against the loop (fsum: correctly rounded sums) and the book's layer, each within
    K ε Σ|terms| (see the top of the file for the measured maxima)."""
    rng = np.random.default_rng(seed)
    x, W, b, dout = conv_case(g, fn, rng)
    ours, theirs = Convolution(W, b, g.stride, g.pad), book.Convolution(W, b, g.stride, g.pad)
    out, dx = ours.forward(x), ours.backward(dout)
    b_out, b_dx = theirs.forward(x), theirs.backward(dout)
    k = g.c * g.fh * g.fw + 1
    # Σ|terms| of every sum, from the loops on absolute values
    scale_out = conv_loop(np.abs(x), np.abs(W), np.abs(b), g.stride, g.pad)
    scale_dx, scale_dw, scale_db = conv_backward_loop(np.abs(x), np.abs(W), g.stride, g.pad, np.abs(dout))
    exact_out = conv_loop(x, W, b, g.stride, g.pad)
    exact = conv_backward_loop(x, W, g.stride, g.pad, dout)
    k_back = g.n * g.oh * g.ow  # terms of dW and db; dx's are fewer than fn · k
    for got, want, scale, terms in (
        (out, exact_out, scale_out, k),
        (b_out, exact_out, scale_out, k),
        (dx, exact[0], scale_dx, fn * k),
        (b_dx, exact[0], scale_dx, fn * k),
        (ours.dW, exact[1], scale_dw, k_back),
        (theirs.dW, exact[1], scale_dw, k_back),
        (ours.db, exact[2], scale_db, k_back),
        (theirs.db, exact[2], scale_db, k_back),
    ):
        assert got.shape == want.shape
        assert np.all(np.abs(got - want) <= (terms + 1) * EPS * scale)


@GRAD
@given(g=geometries(max_n=2, max_o=3), fn=st.integers(1, 3), seed=seeds)
def test_convolution_gradient(g, fn, seed):
    """dx, dW, db against central differences of f = Σ forward · dout (linear: step 1e-3)."""
    rng = np.random.default_rng(seed)
    x, W, b, dout = conv_case(g, fn, rng)
    layer = Convolution(W, b, g.stride, g.pad)
    layer.forward(x)
    dx = layer.backward(dout)

    def f(x=x, W=W, b=b):
        return np.sum(Convolution(W, b, g.stride, g.pad).forward(x) * dout)

    assert rel_error(dx, numerical(lambda v: f(x=v), x, 1e-3)) < 1e-7
    assert rel_error(layer.dW, numerical(lambda v: f(W=v), W, 1e-3)) < 1e-7
    assert rel_error(layer.db, numerical(lambda v: f(b=v), b, 1e-3)) < 1e-7


def test_convolution_docstring_example_and_the_books_shapes():
    layer = Convolution(np.ones((1, 1, 2, 2)), np.zeros(1))
    np.testing.assert_array_equal(
        layer.forward(np.arange(9.0).reshape(1, 1, 3, 3))[0, 0], [[8, 12], [20, 24]]
    )
    np.testing.assert_array_equal(
        layer.backward(np.ones((1, 1, 2, 2)))[0, 0], [[1, 2, 1], [2, 4, 2], [1, 2, 1]]
    )
    np.testing.assert_array_equal(layer.dW[0, 0], [[8, 12], [20, 24]])  # Σ over windows of the window
    np.testing.assert_array_equal(layer.db, [4])
    # SimpleConvNet's first layer: 30 filters of 5 × 5 on 28 × 28 digits
    rng = np.random.default_rng(7)
    layer = Convolution(rng.normal(size=(30, 1, 5, 5)), np.zeros(30))
    out = layer.forward(rng.random((2, 1, 28, 28)))
    assert out.shape == (2, 30, 24, 24)
    assert layer.col.shape == (2, 25, 576) and layer.col_W.shape == (25, 30)
    assert layer.backward(np.ones_like(out)).shape == (2, 1, 28, 28)
    # the book's 3-channel example (§7.2.5): (C, H, W) = (3, 4, 4) and filters (FN, 3, 3, 3) → (FN, 2, 2)
    image = np.array(BOOK_IMAGE, dtype=float)
    layer = Convolution(np.stack([np.array(BOOK_FILTER, dtype=float)] * 3)[None], np.array([3.0]))
    np.testing.assert_array_equal(
        layer.forward(np.stack([image] * 3)[None])[0, 0], 3 * conv2d(image, BOOK_FILTER) + 3
    )


def test_convolution_private_parts_the_net_uses_give_the_same_gradients():
    """SimpleConvNet's first layer sets only dW and db: _param_grads(_dout(dout)) = backward's."""
    rng = np.random.default_rng(8)
    x, W, b = rng.normal(size=(3, 2, 7, 7)), rng.normal(size=(4, 2, 3, 3)), rng.normal(size=4)
    dout = rng.normal(size=(3, 4, 4, 4))
    full, part = Convolution(W, b, 2, 1), Convolution(W, b, 2, 1)
    full.forward(x)
    part.forward(x)
    full.backward(dout)
    part._param_grads(part._dout(dout))
    assert bits(full.dW) == bits(part.dW) and bits(full.db) == bits(part.db)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_convolution_keeps_the_dtype_and_computes_in_it(dtype):
    rng = np.random.default_rng(9)
    x, W, b = (rng.normal(size=s).astype(dtype) for s in ((3, 2, 7, 7), (4, 2, 3, 3), (4,)))
    dout = rng.normal(size=(3, 4, 4, 4)).astype(dtype)
    layer = Convolution(W, b, stride=2, pad=1)
    out, dx = layer.forward(x), layer.backward(dout)
    assert (out.dtype, dx.dtype, layer.dW.dtype, layer.db.dtype, layer.col.dtype) == (dtype,) * 5
    wide = Convolution(W.astype(float), b.astype(float), 2, 1)
    out64, dx64 = wide.forward(x.astype(float)), wide.backward(dout.astype(float))
    for got, want in ((out, out64), (dx, dx64), (layer.dW, wide.dW), (layer.db, wide.db)):
        # float32: its ε = 1.2e-7 times a few roundings (measured: at most 3.9e-7 over 200 seeds)
        assert rel_error(got, want) < (2e-6 if dtype == np.float32 else 1e-15)


def test_convolution_leaves_its_arguments_and_holds_references():
    rng = np.random.default_rng(10)
    x, W, b = rng.normal(size=(2, 3, 5, 5)), rng.normal(size=(2, 3, 3, 3)), rng.normal(size=2)
    dout = rng.normal(size=(2, 2, 3, 3))
    x[0, 0, 0, 0] = -0.0
    before = [bits(a) for a in (x, W, b, dout)]
    layer = Convolution(W, b)
    assert layer.W is W and layer.b is b
    out = layer.forward(x)
    layer.backward(dout)
    layer.backward(dout)  # twice: the same dout again
    assert [bits(a) for a in (x, W, b, dout)] == before
    assert not np.shares_memory(out, x) and not np.shares_memory(layer.dW, W)
    # an optimizer's step in place is seen by the next forward pass
    W *= 2.0
    b -= 1.0
    np.testing.assert_allclose(
        layer.forward(x),
        2 * (out - b[None, :, None, None] - 1.0) + b[None, :, None, None],
        rtol=1e-13,
        atol=1e-13,
    )
    # dout of another float type and a list
    layer.backward(dout.astype(np.float32))
    layer.backward(dout.tolist())


def test_convolution_nan_stays_in_the_windows_that_hold_it():
    x = np.ones((1, 1, 5, 5))
    x[0, 0, 0, 0] = np.nan
    layer = Convolution(np.ones((2, 1, 2, 2)), np.zeros(2))
    with no_warnings():
        out = layer.forward(x)
        assert (
            np.isnan(out[0, :, 0, 0]).all()
            and np.isfinite(out[0, :, 1:]).all()
            and np.isfinite(out[0, :, 0, 1:]).all()
        )
        layer.backward(np.ones((1, 2, 4, 4)))
    # dW[f, c, u, v] adds x over the windows at (u, v): only (0, 0) meets the NaN pixel
    assert np.isnan(layer.dW[:, 0, 0, 0]).all() and np.isfinite(layer.dW.reshape(2, -1)[:, 1:]).all()
    assert np.isfinite(layer.db).all()


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_convolution_and_pooling_no_warnings_on_the_extremes(dtype):
    e = extremes(dtype)
    x = np.resize(e, (2, 2, 4, 7)).astype(dtype)
    with no_warnings():
        layer = Convolution(np.resize(e, (3, 2, 2, 2)).astype(dtype), e[:3].copy())
        out = layer.forward(x)
        layer.backward(np.resize(e, out.shape).astype(dtype))
        pool = Pooling(2, 1, stride=2)
        out = pool.forward(x)
        pool.backward(np.resize(e, out.shape).astype(dtype))
        im2col(x, 2, 2)
        col2im(np.resize(e, (2 * 3 * 6, 8)).astype(dtype), x.shape, 2, 2)


def test_convolution_errors_name_the_shapes():
    W, b = np.zeros((2, 3, 3, 3)), np.zeros(2)
    with pytest.raises(
        ValueError,
        match=r"^Convolution: b must have one bias per filter, shape \(2,\) for W of shape \(2, 3, 3, 3\); got b of "
        r"shape \(3,\)$",
    ):
        Convolution(W, np.zeros(3))
    with pytest.raises(
        TypeError,
        match=r"^Convolution: W must be a 4-D NumPy float array .*got array of shape \(3, 3, 3\), dtype float64$",
    ):
        Convolution(W[0], b)
    with pytest.raises(TypeError, match=r"^Convolution: W must be a 4-D NumPy float array .*dtype int64$"):
        Convolution(W.astype(np.int64), b)
    with pytest.raises(TypeError, match=r"^Convolution: W must be a 4-D NumPy float array .*got list$"):
        Convolution(W.tolist(), b)
    with pytest.raises(TypeError, match=r"^Convolution: b must be a 1-D NumPy float array"):
        Convolution(W, 0.0)
    with pytest.raises(ValueError, match=r"^Convolution: stride must be a whole number >= 1, got 0$"):
        Convolution(W, b, stride=0)
    with pytest.raises(TypeError, match=r"^Convolution: pad must be a whole number >= 0, got float 1\.0$"):
        Convolution(W, b, pad=1.0)
    layer = Convolution(W, b)
    with pytest.raises(RuntimeError, match=r"^Convolution\.backward: call forward first"):
        layer.backward(np.zeros((1, 2, 3, 3)))
    with pytest.raises(
        ValueError,
        match=r"^Convolution\.forward: x must have 3 channel\(s\) \(axis 1\), as W of shape \(2, 3, 3, 3\) has "
        r"filters of 3 channel\(s\); got x of shape \(2, 1, 5, 5\)$",
    ):
        layer.forward(np.zeros((2, 1, 5, 5)))
    with pytest.raises(
        ValueError,
        match=r"^Convolution\.forward: x must be a batch of images of shape \(N, C, H, W\).*got x of shape \(3, 5, 5\)$",
    ):
        layer.forward(np.zeros((3, 5, 5)))
    with pytest.raises(
        ValueError, match=r"^Convolution\.forward: the filter does not fit: FH = 3 is larger than H \+ 2P = 2"
    ):
        layer.forward(np.zeros((1, 3, 2, 5)))
    with pytest.raises(
        ValueError,
        match=r"^Convolution\.forward: the windows do not fit evenly: \(W \+ 2P − FW\) / S = \(6 \+ 2·0 − 3\) / 2",
    ):
        Convolution(W, b, stride=2).forward(np.zeros((1, 3, 5, 6)))
    assert layer.x is None  # the failed forward passes left nothing behind
    layer.forward(np.zeros((2, 3, 5, 5)))
    with pytest.raises(
        ValueError,
        match=r"^Convolution\.backward: dout must have the shape of forward's output, \(2, 2, 3, 3\) \(one "
        r"derivative per output value\); got dout of shape \(2, 2, 3, 4\)$",
    ):
        layer.backward(np.zeros((2, 2, 3, 4)))
    with pytest.raises(ValueError, match=r"got dout of shape \(2, 18\)$"):
        layer.backward(np.zeros((2, 18)))  # the right size, the wrong shape


# ---- Pooling (book §7.3, §7.4.4) -----------------------------------------------------------------------------


def spread(rng, shape, offset=0.005):
    """Distinct values 0.01 apart (a random order), none within 0.005 of 0: the maximum of a window never
    changes within a step of 1e-4, also against the padding's zeros."""
    size = int(np.prod(shape))
    return ((rng.permutation(size) - size // 2) * 0.01 + offset).reshape(shape)


@GRAD
@given(g=geometries(max_c=2, max_o=4), seed=seeds, ties=st.booleans())
def test_pooling_is_the_loop_first_maximum_included(g, seed, ties):
    """Forward, arg_max and backward against loops; with ties (values 0, 1, 2) the first maximum of the
    window in row order takes the gradient. dout dyadic: the sums of overlapping windows are exact."""
    rng = np.random.default_rng(seed)
    shape = (g.n, g.c, g.h, g.w)
    x = rng.integers(-1, 2, size=shape).astype(float) if ties else rng.normal(size=shape)
    pool = Pooling(g.fh, g.fw, stride=g.stride, pad=g.pad)
    out = pool.forward(x)
    expected, arg = pool_loop(x, g.fh, g.fw, g.stride, g.pad)
    assert out.shape == (g.n, g.c, g.oh, g.ow)
    assert bits(out) == bits(expected)
    np.testing.assert_array_equal(pool.arg_max, arg)
    dout = dyadic(rng, out.shape)
    assert bits(pool.backward(dout)) == bits(pool_backward_loop(x, g.fh, g.fw, g.stride, g.pad, dout))


@GRAD
@given(g=geometries(max_c=2, max_p=0), seed=seeds, ties=st.booleans())
def test_pooling_is_the_books_bit_for_bit(g, seed, ties):
    """The book's Pooling (argmax over each row of its im2col: the first maximum too). Without padding: the
    book's output size ignores its pad."""
    rng = np.random.default_rng(seed)
    shape = (g.n, g.c, g.h, g.w)
    x = rng.integers(-1, 2, size=shape).astype(float) if ties else rng.normal(size=shape)
    ours, theirs = Pooling(g.fh, g.fw, g.stride), book.Pooling(g.fh, g.fw, g.stride)
    out = ours.forward(x)
    assert bits(out) == bits(np.ascontiguousarray(theirs.forward(x)))
    np.testing.assert_array_equal(ours.arg_max, books_arg_max(theirs, out.shape))
    dout = rng.normal(size=out.shape)
    assert bits(ours.backward(dout)) == bits(theirs.backward(dout))


@GRAD
@given(g=geometries(max_n=2, max_c=2, max_o=3), seed=seeds)
def test_pooling_gradient(g, seed):
    rng = np.random.default_rng(seed)
    x = spread(rng, (g.n, g.c, g.h, g.w))
    pool = Pooling(g.fh, g.fw, g.stride, g.pad)
    out = pool.forward(x)
    dout = rng.normal(size=out.shape)
    dx = pool.backward(dout)
    expected = numerical(lambda v: np.sum(Pooling(g.fh, g.fw, g.stride, g.pad).forward(v) * dout), x, 1e-4)
    assert rel_error(dx, expected) < 1e-7


def test_pooling_the_books_example_and_overlapping_windows():
    pool = Pooling(2, 2, stride=2)
    x = np.array([[1, 2, 1, 0], [0, 1, 2, 3], [3, 0, 1, 2], [2, 4, 0, 1]], dtype=float)[None, None]
    np.testing.assert_array_equal(pool.forward(x)[0, 0], [[2, 3], [4, 2]])  # Figure 7-14
    np.testing.assert_array_equal(pool.arg_max[0, 0], [[1, 3], [3, 1]])  # places in the windows, row order
    dx = pool.backward(np.array([[[[1.0, 2.0], [3.0, 4.0]]]]))
    np.testing.assert_array_equal(dx[0, 0], [[0, 1, 0, 0], [0, 0, 0, 2], [0, 0, 0, 4], [0, 3, 0, 0]])
    # stride 1 (the book's default): the windows overlap; a pixel that is the maximum of several gets the sum
    pool = Pooling(2, 2)
    x = np.array([[0, 0, 0], [0, 9, 0], [0, 0, 0]], dtype=float)[None, None]
    np.testing.assert_array_equal(pool.forward(x)[0, 0], [[9, 9], [9, 9]])
    np.testing.assert_array_equal(pool.arg_max[0, 0], [[3, 2], [1, 0]])
    dx = pool.backward(np.array([[[[1.0, 2.0], [4.0, 8.0]]]]))
    np.testing.assert_array_equal(dx[0, 0], [[0, 0, 0], [0, 15, 0], [0, 0, 0]])
    # ties: all equal → the first place of each window
    pool = Pooling(2, 2, stride=2)
    pool.forward(np.ones((1, 1, 4, 4)))
    assert not pool.arg_max.any()
    np.testing.assert_array_equal(
        pool.backward(np.ones((1, 1, 2, 2)))[0, 0], np.kron(np.ones((2, 2)), [[1, 0], [0, 0]])
    )
    # non-square windows, channel by channel
    x = np.arange(2 * 2 * 4 * 6, dtype=float).reshape(2, 2, 4, 6)
    np.testing.assert_array_equal(Pooling(1, 2).forward(-x), -x[:, :, :, :-1])  # the left one is larger
    np.testing.assert_array_equal(Pooling(3, 1).forward(x), x[:, :, 2:, :])  # the lowest one is larger
    x = np.arange(2 * 2 * 4 * 7, dtype=float).reshape(2, 2, 4, 7)
    np.testing.assert_array_equal(Pooling(2, 3, stride=2).forward(x), x[:, :, 1::2, 2::2])  # bottom right


def test_pooling_pad_is_zeros_as_the_books_im2col():
    """A window that reaches into the padding takes 0 into its maximum: a negative image's border outputs
    are 0 and get no gradient; the same as the maximum of each row of the book's padded im2col."""
    rng = np.random.default_rng(11)
    x = -rng.random((2, 3, 4, 4)) - 0.5
    pool = Pooling(2, 2, stride=2, pad=1)
    out = pool.forward(x)
    assert out.shape == (2, 3, 3, 3)
    books = book.im2col(x, 2, 2, 2, 1).reshape(-1, 4).max(axis=1).reshape(2, 3, 3, 3).transpose(0, 3, 1, 2)
    np.testing.assert_array_equal(out, books)
    assert (out[:, :, 0] == 0).all() and (out[:, :, -1] == 0).all() and (out[:, :, 1, 1] < 0).all()
    dx = pool.backward(np.ones_like(out))
    assert dx.shape == x.shape
    assert dx.sum() == 2 * 3 * 1  # only the middle window's maximum is a pixel of the image
    np.testing.assert_array_equal(dx[:, :, 1:3, 1:3].sum(axis=(2, 3)), 1.0)


def test_pooling_nan_is_the_maximum_as_the_books():
    """A window holding NaN gives NaN (as np.max) and its first NaN takes the gradient (as np.argmax)."""
    x = np.arange(32.0).reshape(2, 1, 4, 4)
    x[0, 0, 0, 1] = x[0, 0, 1, 0] = x[1, 0, 3, 3] = np.nan
    ours, theirs = Pooling(2, 2, stride=2), book.Pooling(2, 2, stride=2)
    with no_warnings():
        out = ours.forward(x)
        dx = ours.backward(np.ones_like(out))
    np.testing.assert_array_equal(out, theirs.forward(x))  # NaN where NaN
    assert np.isnan(out).sum() == 2 and np.isnan(out[0, 0, 0, 0]) and np.isnan(out[1, 0, 1, 1])
    np.testing.assert_array_equal(ours.arg_max, books_arg_max(theirs, out.shape))
    assert ours.arg_max[0, 0, 0, 0] == 1
    np.testing.assert_array_equal(dx, theirs.backward(np.ones_like(out)))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_pooling_keeps_the_dtype_and_leaves_its_arguments(dtype):
    rng = np.random.default_rng(12)
    x = rng.normal(size=(2, 3, 6, 6)).astype(dtype)
    pool = Pooling(3, 3, stride=1, pad=1)
    before = bits(x)
    out = pool.forward(x)
    dout = rng.normal(size=out.shape).astype(dtype)
    before_dout = bits(dout)
    dx = pool.backward(dout)
    pool.backward(dout)
    assert (out.dtype, dx.dtype) == (dtype, dtype) and (bits(x), bits(dout)) == (before, before_dout)
    assert pool.x is x and not np.shares_memory(out, x)
    np.testing.assert_array_equal(out, Pooling(3, 3, 1, 1).forward(x.astype(float)))  # a maximum: exact
    assert pool.arg_max.shape == out.shape and pool.arg_max.min() >= 0 and pool.arg_max.max() <= 8
    assert Pooling(2, 2).arg_max is None


def test_pooling_errors_name_the_argument_and_the_numbers():
    with pytest.raises(ValueError, match=r"^Pooling: pool_h must be a whole number >= 1, got 0$"):
        Pooling(0, 2)
    with pytest.raises(TypeError, match=r"^Pooling: pool_w must be a whole number >= 1, got float 2\.0$"):
        Pooling(2, 2.0)
    with pytest.raises(ValueError, match=r"^Pooling: stride must be a whole number >= 1, got 0$"):
        Pooling(2, 2, 0)
    with pytest.raises(ValueError, match=r"^Pooling: pad must be a whole number >= 0, got -1$"):
        Pooling(2, 2, 2, -1)
    pool = Pooling(2, 2, stride=2)
    with pytest.raises(RuntimeError, match=r"^Pooling\.backward: call forward first"):
        pool.backward(np.zeros((1, 1, 2, 2)))
    with pytest.raises(
        ValueError,
        match=r"^Pooling\.forward: x must be a batch of images of shape \(N, C, H, W\).*got x of shape \(1, 5, 4\)$",
    ):
        pool.forward(np.zeros((1, 5, 4)))
    with pytest.raises(
        ValueError,
        match=r"^Pooling\.forward: the windows do not fit evenly: \(H \+ 2P − pool_h\) / S = \(5 \+ 2·0 − 2\) / 2 = 3 / 2",
    ):
        pool.forward(np.zeros((1, 1, 5, 4)))
    with pytest.raises(
        ValueError, match=r"^Pooling\.forward: the filter does not fit: pool_w = 2 is larger than W \+ 2P = 1"
    ):
        pool.forward(np.zeros((1, 1, 4, 1)))
    assert pool.x is None and pool.arg_max is None  # the failed passes left nothing behind
    pool.forward(np.zeros((2, 3, 4, 4)))
    with pytest.raises(
        ValueError,
        match=r"^Pooling\.backward: dout must have the shape of forward's output, \(2, 3, 2, 2\) \(one derivative "
        r"per output value\); got dout of shape \(2, 3, 2, 3\)$",
    ):
        pool.backward(np.zeros((2, 3, 2, 3)))


# ---- public names and docstrings --------------------------------------------------------------------------------


def test_public_names():
    names = [
        "KERNELS",
        "conv_output_size",
        "conv2d",
        "im2col",
        "im2col_loop",
        "col2im",
        "Convolution",
        "Pooling",
    ]
    assert conv.__all__ == names
    for name in names:
        assert getattr(nbhelpers, name) is getattr(conv, name), name
        assert name in nbhelpers.__all__, name


def test_pooling_backward_sends_an_infinite_gradient_only_to_the_maximum():
    """inf · 0 would be NaN: the other places of the window must still get 0, without a warning."""
    pool = Pooling(2, 2, stride=2)
    x = np.array([[[[1.0, 2.0], [3.0, 0.0]]]])
    pool.forward(x)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        dx = pool.backward(np.array([[[[np.inf]]]]))
    assert np.array_equal(dx, np.array([[[[0.0, 0.0], [np.inf, 0.0]]]]))
