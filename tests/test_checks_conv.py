"""Tests for notebook 11's exercise checks (nbhelpers/checks/conv.py): check_conv_output_size, check_conv2d and
check_max_pooling.

Correct solutions in unusual styles pass; each usual slip is named; odd results (None, tuples, strings, NaN,
objects, errors inside the learner's function) get one verdict line and never an error of the check itself.
The checks' own references (checks/_conv.py: plain loops) agree with the core, nbhelpers.conv, on every case,
and every slip a check knows (checks/_conv_slips.py) changes the result of at least one of its cases. (The catalogue of learner
submissions, tests/submissions_conv.py, is written separately, without reading the checks.)
"""

from __future__ import annotations

import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view
from test_checks import fails, passes, run, skeleton

from nbhelpers import checks, conv
from nbhelpers.checks import _conv, _conv_slips
from nbhelpers.checks._engine import INTERNAL_ERRORS

SIZE, CONV, POOL = checks.check_conv_output_size, checks.check_conv2d, checks.check_max_pooling
TITLES = {SIZE: "conv output size", CONV: "conv2d", POOL: "max pooling"}

# ---- the learner's solutions, in several styles -----------------------------------------------------------


def size_book(input_size, filter_size, stride=1, pad=0):
    return (input_size + 2 * pad - filter_size) // stride + 1


def size_float(input_size, filter_size, stride=1, pad=0):
    return (input_size + 2 * pad - filter_size) / stride + 1


def size_no_defaults(H, FH, S, P):  # noqa: N803
    return int(np.int64((H + 2 * P - FH) / S + 1))


def conv_loops(image, kernel):
    H, W = image.shape
    FH, FW = kernel.shape
    out = np.zeros((H - FH + 1, W - FW + 1))
    for i in range(H - FH + 1):
        for j in range(W - FW + 1):
            total = 0.0
            for u in range(FH):
                for v in range(FW):
                    total += image[i + u, j + v] * kernel[u, v]
            out[i, j] = total
    return out


def conv_slices(image, kernel):
    FH, FW = kernel.shape
    oh, ow = image.shape[0] - FH + 1, image.shape[1] - FW + 1
    return sum(image[u : u + oh, v : v + ow] * kernel[u, v] for u in range(FH) for v in range(FW))


def conv_einsum(image, kernel):
    return np.einsum("ijuv,uv->ij", sliding_window_view(image, kernel.shape), kernel)


def conv_lists(image, kernel):
    FH, FW = kernel.shape
    rows, cols = image.shape[0] - FH + 1, image.shape[1] - FW + 1
    return [[float(np.sum(image[i : i + FH, j : j + FW] * kernel)) for j in range(cols)] for i in range(rows)]


def conv_core(image, kernel):
    return conv.conv2d(image, kernel)


def pool_loops(x, pool_h, pool_w, stride):
    N, C, H, W = x.shape
    OH, OW = (H - pool_h) // stride + 1, (W - pool_w) // stride + 1
    out = np.empty((N, C, OH, OW), dtype=x.dtype)
    for n in range(N):
        for c in range(C):
            for i in range(OH):
                for j in range(OW):
                    r, s = i * stride, j * stride
                    out[n, c, i, j] = np.max(x[n, c, r : r + pool_h, s : s + pool_w])
    return out


def pool_windows(x, pool_h, pool_w, stride):
    win = sliding_window_view(x, (pool_h, pool_w), axis=(2, 3))
    return win[:, :, ::stride, ::stride].max(axis=(4, 5))


def pool_running_max(x, pool_h, pool_w, stride):
    OH, OW = int((x.shape[2] - pool_h) / stride + 1), int((x.shape[3] - pool_w) / stride + 1)
    out = np.full(x.shape[:2] + (OH, OW), -np.inf)
    for u in range(pool_h):
        for v in range(pool_w):
            out = np.maximum(out, x[:, :, u : u + stride * OH : stride, v : v + stride * OW : stride])
    return out


def pool_core(x, pool_h, pool_w, stride):
    return conv.Pooling(pool_h, pool_w, stride).forward(x)


RIGHT = [
    (SIZE, size_book),
    (SIZE, size_float),
    (SIZE, size_no_defaults),
    (CONV, conv_loops),
    (CONV, conv_slices),
    (CONV, conv_einsum),
    (CONV, conv_lists),
    (CONV, conv_core),
    (POOL, pool_loops),
    (POOL, pool_windows),
    (POOL, pool_running_max),
    (POOL, pool_core),
]


@pytest.mark.parametrize(("check", "func"), RIGHT, ids=[f.__name__ for _, f in RIGHT])
def test_a_right_answer_passes(check, func, capsys):
    out = passes(check, func, capsys, TITLES[check])
    assert ("Note: your function returns floats" in out) == (func is size_float)


# ---- the usual slips, each named --------------------------------------------------------------------------


def _pool_with(op):
    def pooled(x, pool_h, pool_w, stride):
        OH, OW = (x.shape[2] - pool_h) // stride + 1, (x.shape[3] - pool_w) // stride + 1
        out = np.zeros(x.shape[:2] + (OH, OW))
        for i in range(OH):
            for j in range(OW):
                out[:, :, i, j] = op(
                    x[:, :, i * stride : i * stride + pool_h, j * stride : j * stride + pool_w]
                )
        return out

    return pooled


def _pool_sized(rows, cols):
    """Max pooling whose windows have ``rows(pool_h, stride)`` rows and ``cols(pool_w, stride)`` columns."""

    def pooled(x, pool_h, pool_w, stride):
        OH, OW = (x.shape[2] - pool_h) // stride + 1, (x.shape[3] - pool_w) // stride + 1
        out = np.zeros(x.shape[:2] + (OH, OW))
        for i in range(OH):
            for j in range(OW):
                r, c = i * stride, j * stride
                out[:, :, i, j] = x[:, :, r : r + rows(pool_h, stride), c : c + cols(pool_w, stride)].max(
                    axis=(2, 3)
                )
        return out

    return pooled


def conv_square(image, kernel):  # the output taken as square: H − FH + 1 for both axes
    FH, FW = kernel.shape
    n = image.shape[0] - FH + 1
    out = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            out[i, j] = np.sum(image[i : i + FH, j : j + FW] * kernel)
    return out


def conv_never_moves(image, kernel):
    FH, FW = kernel.shape
    return np.full((image.shape[0] - FH + 1, image.shape[1] - FW + 1), np.sum(image[:FH, :FW] * kernel))


def conv_skips_first(image, kernel):
    out = conv_einsum(image, kernel)
    out[0, :] = out[:, 0] = 0
    return out


def pool_first_channel(x, pool_h, pool_w, stride):
    out = pool_loops(x, pool_h, pool_w, stride)
    out[:, 1:] = 0
    return out


def pool_padded(x, pool_h, pool_w, stride):
    return pool_loops(np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1))), pool_h, pool_w, stride)


WRONG = [  # (check, name, func, a piece of the message)
    (SIZE, "no + 1", lambda h, f, s=1, p=0: (h + 2 * p - f) // s, "the + 1 is missing"),
    (SIZE, "no padding", lambda h, f, s=1, p=0: (h - f) // s + 1, "leaves out the padding"),
    (SIZE, "padding once", lambda h, f, s=1, p=0: (h + p - f) // s + 1, "adds the padding once"),
    (SIZE, "no brackets", lambda h, f, s=1, p=0: h + 2 * p - f / s + 1, "divides FH alone by S"),
    (SIZE, "H − FH", lambda h, f, s=1, p=0: h - f, "that is H − FH:"),
    (SIZE, "no stride", lambda h, f, s=1, p=0: h + 2 * p - f + 1, "leaves out the stride"),
    (
        SIZE,
        "other defaults",
        lambda h, f, s=1, p=1: (h + 2 * p - f) // s + 1,
        "the defaults are stride=1 and pad=0",
    ),
    (SIZE, "a tuple", lambda h, f, s=1, p=0: (size_book(h, f, s, p),) * 2, "the output size is one number"),
    (SIZE, "P squared", lambda h, f, s=1, p=0: (h + p**2 - f) // s + 1, "that adds P²"),
    (SIZE, "padding after /", lambda h, f, s=1, p=0: (h - f) / s + 1 + 2 * p, "after dividing by S"),
    (SIZE, "modulo", lambda h, f, s=1, p=0: (h + 2 * p - f) % s + 1, "is it % (the remainder"),
    (SIZE, "area", lambda h, f, s=1, p=0: size_book(h, f, s, p) ** 2, "that is OH²"),
    (SIZE, "constant", lambda h, f, s=1, p=0: 24, "gives 24 in every case, whatever its arguments"),
    (CONV, "flipped", lambda im, k: conv_einsum(im, k[::-1, ::-1]), "flips the kernel (rows and columns"),
    (CONV, "rows flipped", lambda im, k: conv_einsum(im, k[::-1]), "flips the kernel upside down"),
    (CONV, "transposed", lambda im, k: conv_einsum(im, k).T, "transposed"),
    (
        CONV,
        "kernel transposed",
        lambda im, k: conv_einsum(im, k.T if k.shape[0] == k.shape[1] else k),
        "kernel transposed",
    ),  # fmt: skip
    (
        CONV,
        "full",
        lambda im, k: conv_einsum(np.pad(im, [(k.shape[0] - 1,) * 2, (k.shape[1] - 1,) * 2]), k),
        "'full' output",
    ),  # fmt: skip
    (CONV, "same", lambda im, k: conv_einsum(np.pad(im, [(1, 1), (1, 1)]), k), "a 'same' output"),
    (CONV, "one short", lambda im, k: conv_einsum(im, k)[:-1, :-1], "one window short"),
    (CONV, "products", lambda im, k: sliding_window_view(im, k.shape) * k, "sum the products of each window"),
    (CONV, "first row", conv_skips_first, "the first row and column of the output are left at 0"),
    (CONV, "relu", lambda im, k: np.maximum(conv_einsum(im, k), 0), "negative sums are set to 0 (a ReLU)"),
    (CONV, "never moves", conv_never_moves, "the window never moves"),
    (CONV, "square", conv_square, "the output is taken as square"),
    (CONV, "stride 2", lambda im, k: conv_einsum(im, k)[::2, ::2], "moves 2 pixels at a time (stride 2)"),
    (CONV, "mean", lambda im, k: conv_einsum(im, k) / k.size, "the mean of the products"),
    (
        CONV,
        "diagonal",
        lambda im, k: np.einsum("ijuu,uu->ij", sliding_window_view(im, k.shape), k),
        "diagonal only",
    ),  # fmt: skip
    (CONV, "matrix product", lambda im, k: sliding_window_view(im, k.shape) @ k, "sum the products"),
    (CONV, "integers", lambda im, k: conv_einsum(im, k).astype(int), "every value a whole number"),
    (CONV, "swapped", lambda im, k: conv_einsum(k, im), "is the kernel taken for the image"),
    (
        CONV,
        "changes image",
        lambda im, k: conv_einsum(np.multiply(im, 2, out=im), k) / 2,
        "changed the image",
    ),
    (POOL, "min", _pool_with(lambda w: w.min(axis=(2, 3))), "smallest value"),
    (POOL, "mean", _pool_with(lambda w: w.mean(axis=(2, 3))), "average pooling"),
    (
        POOL,
        "zeros",
        _pool_with(lambda w: np.maximum(w.max(axis=(2, 3)), 0)),
        "a window of negative values gives 0",
    ),
    (POOL, "no axis", _pool_with(np.max), "over the whole batch"),
    (
        POOL,
        "channels",
        _pool_with(lambda w: np.broadcast_to(w.max(axis=(1, 2, 3))[:, None], w.shape[:2])),
        "over all channels",
    ),  # fmt: skip
    (POOL, "stride 1", lambda x, ph, pw, s: pool_windows(x, ph, pw, 1), "stride 1"),
    (
        POOL,
        "pool as stride",
        lambda x, ph, pw, s: (
            pool_loops(x, ph, pw, s)
            if s == ph == pw
            else pool_windows(x, ph, pw, 1)[:, :, ::ph, ::pw][
                :, :, : (x.shape[2] - ph) // s + 1, : (x.shape[3] - pw) // s + 1
            ]
        ),
        "pool size",
    ),  # fmt: skip
    (POOL, "h and w swapped", lambda x, ph, pw, s: pool_loops(x, pw, ph, s), "pool_h and pool_w are swapped"),
    (POOL, "axes", lambda x, ph, pw, s: pool_loops(x, ph, pw, s).transpose(0, 2, 3, 1), "(N, OH, OW, C)"),
    (
        POOL,
        "rows and columns",
        lambda x, ph, pw, s: pool_loops(x, ph, pw, s).swapaxes(2, 3),
        "rows and columns swapped",
    ),  # fmt: skip
    (
        POOL,
        "reshape",
        lambda x, ph, pw, s: x.reshape(*x.shape[:2], x.shape[2] // ph, ph, -1, pw).max(axis=(3, 5)),
        "works only when the windows lie side by side",
    ),  # fmt: skip
    (POOL, "one map", lambda x, ph, pw, s: pool_loops(x, ph, pw, s)[0, 0], "one map"),
    (POOL, "global", lambda x, ph, pw, s: x.max(axis=(2, 3)), "global max pooling"),
    (POOL, "padded", pool_padded, "padded with a border of zeros"),
    (POOL, "stride windows", _pool_sized(lambda p, s: s, lambda p, s: s), "the windows are stride × stride"),
    (
        POOL,
        "window short",
        _pool_sized(lambda p, s: p - 1, lambda p, s: p - 1),
        "one row and one column short",
    ),
    (POOL, "rows short", _pool_sized(lambda p, s: p - 1, lambda p, s: p), "each window is one row short"),
    (POOL, "first channel", pool_first_channel, "only channel 0 is pooled"),
    (POOL, "integers", lambda x, ph, pw, s: pool_loops(x, ph, pw, s).astype(int), "whole number"),
    (POOL, "changes x", lambda x, ph, pw, s: pool_loops(np.maximum(x, 0, out=x), ph, pw, s), "changed the x"),
]


@pytest.mark.parametrize(("check", "name", "func", "piece"), WRONG, ids=[w[1] for w in WRONG])
def test_a_usual_slip_is_named(check, name, func, piece, capsys):
    fails(check, func, capsys, TITLES[check], piece)


def test_two_slips_alike_on_the_books_example_are_told_apart_by_the_other_cases(capsys):
    """On the book's kernel, flipping and transposing it give the same output: the check looks further."""
    image, kernel = next(_conv.conv_cases())[:2]
    assert np.array_equal(_conv.correlate(image, kernel[::-1, ::-1]), _conv.correlate(image, kernel.T))
    flipped = fails(CONV, lambda im, k: conv_einsum(im, k[::-1, ::-1]), capsys, "conv2d", "flips the kernel")
    assert "transposed" not in flipped
    fails(
        CONV,
        lambda im, k: conv_einsum(im, k.T if k.shape[0] == k.shape[1] else k),
        capsys,
        "conv2d",
        "transposed",
    )


def test_two_slips_of_one_shape_are_told_apart_by_the_other_cases(capsys):
    """A shape two slips give on one case is named only after the learner's shapes for the other cases."""
    square = fails(CONV, conv_square, capsys, "conv2d", "a 5 × 7 image", "shape (4, 4)", "taken as square")
    stride = fails(
        CONV,
        lambda im, k: conv_einsum(im, k)[::2, ::2],
        capsys,
        "conv2d",
        "the book's",
        "shape (1, 1)",
        "stride 2",
    )
    padded = fails(POOL, pool_padded, capsys, "max pooling", "the book's", "(1, 1, 3, 3)", "padded")
    assert "one window short" not in square + stride and "stride 1" not in padded
    # one image only (C, OH, OW) looks like one map per image (N, OH, OW) on the book's example (N = C = 1)
    per_channel = fails(
        POOL, lambda x, ph, pw, s: pool_loops(x, ph, pw, s)[0], capsys, "max pooling", "(1, 2, 2)"
    )
    assert "one map per channel" in per_channel


def test_a_shape_no_slip_gives_on_every_case_is_not_named(capsys):
    """(4, 4) for the 5 × 7 image is the square output or one window short, but (9, 9) elsewhere is neither."""
    right = _conv.correlate(*next(_conv.conv_cases())[:2])

    def odd(image, kernel):
        if image.shape == (4, 4):
            return conv_einsum(image, kernel)
        return np.zeros((4, 4) if image.shape == (5, 7) else (9, 9))

    assert np.array_equal(conv_einsum(*next(_conv.conv_cases())[:2]), right)
    out = fails(CONV, odd, capsys, "conv2d", "a 5 × 7 image", "the result has shape (4, 4), expected (4, 5)")
    assert "square" not in out and "one window short" not in out


def test_a_wrong_answer_shows_the_case_and_what_was_expected(capsys):
    out = fails(SIZE, lambda h, f, s=1, p=0: 7, capsys, "conv output size", "conv_output_size(4, 3, 1, 0)")
    assert "expected 2 = (4 + 2·0 − 3)/1 + 1" in out and "got 7" in out
    out = fails(POOL, lambda x, ph, pw, s: pool_loops(x, ph, pw, s) + (x.size == 16), capsys, "max pooling")
    assert "window, rows 0 to 1 and columns 0 to 1 of x[0, 0]" in out and "expected 2, got 3" in out


# ---- every check: not done, the result for the function, no return, odd results -------------------------

CALLS = {SIZE: (size_book, (4, 3, 1, 0)), CONV: (conv_loops, (np.eye(3), np.ones((2, 2)))), POOL: (pool_loops, (np.ones((1, 1, 2, 2)), 2, 2, 2))}  # fmt: skip


@pytest.mark.parametrize("check", list(CALLS), ids=lambda c: c.__name__)
def test_the_skeleton_is_not_done_yet(check, capsys):
    _, out = run(check, skeleton("my_function"), capsys)
    assert out.startswith(f"… {TITLES[check]}: not done yet. Fill in `my_function` above")


@pytest.mark.parametrize("check", list(CALLS), ids=lambda c: c.__name__)
def test_the_result_instead_of_the_function_and_a_missing_return(check, capsys):
    func, args = CALLS[check]
    fails(check, func(*args), capsys, TITLES[check], "pass your function itself")
    fails(
        check,
        lambda *a: None if func(*a) is not None else 0,
        capsys,
        TITLES[check],
        "Did you forget `return`?",
    )


def _raises(*args):
    raise ValueError("something of the learner's own")


ODD = [
    None,
    (1, 2),
    "15",
    float("nan"),
    np.inf,
    object(),
    [[1.0], [2.0, 3.0]],
    np.array([None]),
    10**400,
    True,
    np.zeros((0, 0)),
    np.ones((2, 2, 2, 2, 2)),
    {"out": 1},
    1 + 2j,
    np.array(["a"]),
]


@pytest.mark.parametrize("check", list(CALLS), ids=lambda c: c.__name__)
@pytest.mark.parametrize("odd", ODD, ids=[f"odd{k}" for k in range(len(ODD))])
def test_an_odd_result_gets_one_verdict_and_never_an_error_of_the_check(check, odd, capsys):
    INTERNAL_ERRORS.clear()
    result, out = run(check, lambda *args: odd, capsys)
    assert result is False and out.startswith("✗") and not INTERNAL_ERRORS, out


@pytest.mark.parametrize("check", list(CALLS), ids=lambda c: c.__name__)
def test_an_error_inside_the_learners_function_is_reported(check, capsys):
    INTERNAL_ERRORS.clear()
    fails(check, _raises, capsys, TITLES[check], "raised ValueError: something of the learner's own")
    assert not INTERNAL_ERRORS


@pytest.mark.parametrize("check", list(CALLS), ids=lambda c: c.__name__)
def test_an_array_of_the_right_shape_full_of_nan_is_told_so(check, capsys):
    func, _ = CALLS[check]
    fails(check, lambda *a: np.asarray(func(*a), dtype=float) * np.nan, capsys, TITLES[check], "nan")


def test_the_checks_are_registered_under_conv():
    for check in CALLS:
        entry = checks.REGISTRY[check.__name__]
        assert entry.concept == "conv" and entry.title == TITLES[check]
        assert "; notebook 11." in check.__doc__


# ---- the checks' references and slips ---------------------------------------------------------------------


def test_the_references_agree_with_the_core():
    for h, f, s, p, _ in _conv.SIZE_CASES:
        assert _conv._size(h, f, s, p) == conv.conv_output_size(h, f, s, p)
    for image, kernel, _ in _conv.conv_cases():
        np.testing.assert_allclose(
            _conv.correlate(image, kernel), conv.conv2d(image, kernel), rtol=1e-6, atol=1e-6
        )
    for x, ph, pw, s, _ in _conv.pool_cases():
        oh, ow = conv.conv_output_size(x.shape[2], ph, s), conv.conv_output_size(x.shape[3], pw, s)
        np.testing.assert_array_equal(_conv.pool(x, ph, pw, s, s, oh, ow), conv.Pooling(ph, pw, s).forward(x))
    assert np.array_equal(_conv.correlate(*list(_conv.conv_cases())[0][:2]), [[15, 16], [6, 15]])


def test_every_slip_changes_some_case():
    sizes = [_conv._size(*case[:4]) for case in _conv.SIZE_CASES]
    for slip, formulas in _conv_slips.SIZE_SLIPS.items():
        for formula in formulas:
            made = [formula(*case[:4]) for case in _conv.SIZE_CASES]
            assert made != sizes, slip
            assert _conv_slips.size_slip(made) == slip or formula is not formulas[0], (
                slip
            )  # the first that fits is it

    def changed(slips_of, cases):
        seen = {}
        for case in cases:
            right, slips = slips_of(case)
            for slip, result in slips.items():
                differs = (
                    result is not None and result.shape == right.shape and not np.allclose(result, right)
                )
                seen[slip] = seen.get(slip, False) or differs
        return seen

    conv_seen = changed(
        lambda c: (_conv.correlate(*c[:2]), _conv_slips.conv_slips(*c[:2])), _conv.conv_cases()
    )
    assert all(conv_seen.values()), [slip for slip, seen in conv_seen.items() if not seen]

    def pool_of(case):
        x, ph, pw, s, _ = case
        oh, ow = (x.shape[2] - ph) // s + 1, (x.shape[3] - pw) // s + 1
        return _conv.pool(x, ph, pw, s, s, oh, ow), _conv_slips.pool_slips(x, ph, pw, s)

    pool_seen = changed(pool_of, _conv.pool_cases())
    assert all(pool_seen.values()), [slip for slip, seen in pool_seen.items() if not seen]


def test_the_cases_divide_evenly_and_hold_negative_windows():
    for h, f, s, p, _ in _conv.SIZE_CASES:
        assert (h + 2 * p - f) % s == 0
    shapes = set()
    for x, ph, pw, s, _ in _conv.pool_cases():
        assert (x.shape[2] - ph) % s == 0 and (x.shape[3] - pw) % s == 0
        shapes.add((ph != pw, s < max(ph, pw), s > max(ph, pw), bool((x.max(axis=(2, 3)) < 0).any())))
    assert any(s[0] for s in shapes) and any(s[1] for s in shapes) and any(s[2] for s in shapes)
    assert any(s[3] for s in shapes)
