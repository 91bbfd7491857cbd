"""What the checks of notebook 11 use: the references (an output size, a cross-correlation, max pooling, each
written out here as a plain loop in float64, independent of ``nbhelpers.conv``), the cases, and the calls of
the learner's function (its arrays must come back unchanged) with the reading of what it returns. The usual
slips and what a wrong shape usually means are in ``_conv_slips.py``.
"""

from __future__ import annotations

import inspect
import numbers

import numpy as np

from ._classes import _learner_line
from ._engine import Problem, Raised, ReturnedNone, _call, _fmt, _one_number

# ---- the output size ---------------------------------------------------------------------------------------

#: (H, FH, S, P, what it is): each divides evenly; the book's three examples of §7.2.4 among them.
SIZE_CASES = [
    (4, 3, 1, 0, "the book's 4 × 4 input with a 3 × 3 filter"),
    (4, 3, 1, 1, "the book's example 1: padding 1 keeps 4 × 4"),
    (7, 3, 2, 0, "the book's example 2: stride 2"),
    (28, 5, 3, 2, "the book's example 3, its height: stride 3, padding 2"),
    (31, 5, 3, 2, "the book's example 3, its width"),
    (5, 3, 2, 1, "stride 2 and padding 1"),
    (28, 5, 1, 0, "an MNIST image with a 5 × 5 filter"),
    (24, 2, 2, 0, "2 × 2 pooling with stride 2"),
    (3, 3, 1, 0, "a filter as large as the input: one position"),
]


def _size(h, f, s, p) -> int:
    return (h + 2 * p - f) // s + 1


def size_value(func, args: tuple, what: str) -> tuple[float, bool]:
    """The learner's output size for ``args`` as a float (NaN and inf stay) and whether it came as a float; or
    the problem with it."""
    try:
        out = _call(func, *args, what=what)
    except Raised as problem:
        raise problem.add(_learner_line(problem.error)) from None
    if isinstance(out, numbers.Real) and not isinstance(out, (bool, np.bool_)):
        try:  # a number of any kind (a Fraction too)
            return float(out), not isinstance(out, numbers.Integral)
        except (OverflowError, TypeError, ValueError):
            pass
    value = _one_number(out, what, "the output size")
    if value.dtype.kind == "b":
        raise Problem(f"{what}: your function returned {_fmt(value)} (True/False), not a size", what)
    return float(value), value.dtype.kind == "f"


def has_defaults(func) -> bool:
    """True if ``func``'s third and fourth parameters (stride and pad) have defaults."""
    try:
        params = list(inspect.signature(func).parameters.values())
    except Exception:  # no signature to read: only the calls with four arguments count
        return False
    positional = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    return (
        len(params) >= 4
        and all(p.kind in positional for p in params[:4])
        and all(p.default is not inspect.Parameter.empty for p in params[2:4])
    )


# ---- conv2d -------------------------------------------------------------------------------------------------


def correlate(image, kernel) -> np.ndarray:
    """out[i, j] = Σ_u,v image[i+u, j+v]·kernel[u, v], shape (H − FH + 1, W − FW + 1), in float64."""
    x, k = np.asarray(image, dtype=float), np.asarray(kernel, dtype=float)
    (fh, fw), oh, ow = k.shape, x.shape[0] - k.shape[0] + 1, x.shape[1] - k.shape[1] + 1
    out = np.zeros((oh, ow))
    for u in range(fh):
        for v in range(fw):
            out += x[u : u + oh, v : v + ow] * k[u, v]
    return out


def conv_cases():
    """(image, kernel, what the learner reads) for each call of the check."""
    image = np.array([[1, 2, 3, 0], [0, 1, 2, 3], [3, 0, 1, 2], [2, 3, 0, 1]], dtype=float)
    kernel = np.array([[2, 0, 1], [0, 1, 2], [1, 0, 2]], dtype=float)
    yield image, kernel, "the book's 4 × 4 image and 3 × 3 filter"
    rng = np.random.default_rng(110)
    kernel = np.array([[1.0, -0.5, 0.25], [0.75, 2.0, -1.0]])
    yield rng.integers(-8, 9, (5, 7)) / 4, kernel, "a 5 × 7 image and a 2 × 3 kernel"
    kernel = np.array([[0.5, -1.0], [2.0, 0.25], [-0.75, 1.5]])
    yield rng.integers(-8, 9, (6, 4)) / 4 + 0.5, kernel, "a 6 × 4 image and a 3 × 2 kernel"
    edge = np.where(np.arange(8) < 4, 0.2, 0.9) + rng.normal(0.0, 0.05, (6, 8))
    sobel = np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])
    yield (
        edge.astype(np.float32),
        sobel.astype(np.float32),
        "a float32 6 × 8 image of an edge, the 3 × 3 Sobel x filter",
    )
    yield (
        rng.integers(-8, 9, (3, 4)) / 4,
        rng.integers(-8, 9, (3, 4)) / 4,
        "a 3 × 4 image and a 3 × 4 kernel (one window)",
    )


# ---- max pooling ---------------------------------------------------------------------------------------------


def pool(x, ph: int, pw: int, sh: int, sw: int, oh: int, ow: int, op=np.max):
    """op over each window x[:, :, i·sh : i·sh + ph, j·sw : j·sw + pw] for i < oh, j < ow (cut at the edge), in
    float64; None if a window is empty."""
    x = np.asarray(x, dtype=float)
    out = np.zeros((*x.shape[:2], oh, ow))
    for i in range(oh):
        for j in range(ow):
            window = x[:, :, i * sh : i * sh + ph, j * sw : j * sw + pw]
            if window.shape[2] == 0 or window.shape[3] == 0:
                return None
            out[:, :, i, j] = op(window.reshape(*window.shape[:2], -1), axis=-1)
    return out


def pool_cases():
    """(x, pool_h, pool_w, stride, what the learner reads) for each call of the check."""
    book = np.array([[1, 2, 1, 0], [0, 1, 2, 3], [3, 0, 1, 2], [2, 4, 0, 1]], dtype=float)
    yield book.reshape(1, 1, 4, 4), 2, 2, 2, "the book's 4 × 4 example, 2 × 2 windows, stride 2"
    rng = np.random.default_rng(111)
    x = rng.integers(-9, 10, (2, 3, 5, 5)) / 2
    x[0, 1] = -np.abs(x[0, 1]) - 0.5
    x[1, 2] = -np.abs(x[1, 2]) - 1.0
    yield x, 3, 3, 2, "2 images of 3 channels of 5 × 5 (two channels all negative), 3 × 3 windows, stride 2 (they overlap)"  # fmt: skip
    x = rng.integers(-9, 10, (2, 2, 6, 9)) / 2
    yield x, 2, 3, 2, "2 images of 2 channels of 6 × 9, windows 2 high and 3 wide, stride 2"
    x = rng.integers(-9, 10, (1, 2, 5, 6)) / 2
    yield x, 3, 2, 1, "1 image of 2 channels of 5 × 6, windows 3 high and 2 wide, stride 1"
    x = rng.normal(size=(1, 1, 8, 8)).astype(np.float32)
    yield x, 2, 2, 3, "a float32 8 × 8 image, 2 × 2 windows, stride 3 (gaps between them)"


# ---- running the learner's function --------------------------------------------------------------------------


def run_unchanged(func, args: tuple, names: tuple, what: str):
    """``func(*args)`` on copies of its arrays (named ``names``), or the problem: an error, None, or a changed
    array."""
    given = [a.copy() if isinstance(a, np.ndarray) else a for a in args]
    out = _call(func, *given, what=what, in_place=True)
    for name, before, after in zip(names, args, given):
        if after.shape != before.shape or not np.array_equal(after, before):
            extra = ""
            if name == "kernel" and after.shape == before.shape and np.array_equal(after, before[::-1, ::-1]):
                extra = ": it flipped the caller's kernel in place. The book's convolution does not flip the kernel"
            raise Problem(
                f"{what}: your function changed the {name} it was given{extra} (`{name} *= ...` or "
                f"`{name}[...] = ...` inside a function change the caller's array). Leave it as it is and return "
                "a new array",
                what,
            )
    if out is None:
        raise ReturnedNone(what)
    return out


def _short(value) -> str:
    shown = _fmt(value)
    return shown if len(shown) <= 100 else shown[:97] + "..."


def one_array(out, what: str, noun: str) -> np.ndarray:
    """The learner's result as an array of numbers, or the problem with it."""
    if isinstance(out, tuple):
        raise Problem(
            f"{what}: your function returned {len(out)} things at once (a tuple: {_short(out)}); return {noun} "
            "only",
            what,
        )
    try:
        arr = np.asarray(out)
    except Exception:
        arr = None
    if arr is None or arr.dtype.kind not in "biuf":
        kind = f" of dtype {arr.dtype}" if arr is not None and arr.dtype.kind != "O" else ""
        raise Problem(
            f"{what}: your function returned {_short(out)} ({type(out).__name__}{kind}), not numbers", what
        )
    if arr.dtype.kind == "b":
        raise Problem(f"{what}: your function returned True/False values, {_short(out)}; return {noun}", what)
    return arr
