"""What the conv2d and max pooling checks of notebook 11 do with one case: call the learner's function (its
arrays must come back unchanged), then judge what it returns against the reference: a wrong shape and what it
usually means, a usual slip named, integers where floats belong, else the first wrong value; and what an error
raised in the learner's code usually means here. Private: used by checks/conv.py.

The references, the cases and the calls are in ``_conv.py``, the slips in ``_conv_slips.py`` (which uses
``_conv.py``: these helpers sit in a module of their own so that the imports run one way).
"""

from __future__ import annotations

import numpy as np

from ._classes import _learner_line
from ._conv import conv_cases, correlate, one_array, pool, run_unchanged
from ._conv_slips import axes_hint, conv_shape_hint, conv_slips, pool_shape_hint, pool_slips
from ._engine import GotNaN, NotDone, Problem, Raised, WrongShape, WrongValue, _compare, _fmt, _tolerance
from ._layers import _digits


def _coarsest(*dtypes) -> np.dtype:
    floats = [np.dtype(d) for d in dtypes if np.dtype(d).kind == "f"]
    return max(floats, key=lambda d: np.finfo(d).eps) if floats else np.dtype(float)


# ---- conv2d -------------------------------------------------------------------------------------------------


def conv_raised(problem: Raised, image, kernel) -> Raised:
    """What an error in conv2d usually means here."""
    text, (h, w), (fh, fw) = str(problem.error), image.shape, kernel.shape
    if "sequence" in text:
        return problem.instead(
            "one output value is one number, the sum of the products of a window and the kernel: the products "
            f"themselves, {fh} × {fw} of them, do not fit into one place of the output"
        )
    if "broadcast" in text:
        return problem.instead(
            f"a window and the kernel ({fh} × {fw}) have different shapes: a window has FH = kernel.shape[0] rows "
            f"and FW = kernel.shape[1] columns (with FH, FW the other way round, or a window that runs past the "
            f"edge of the {h} × {w} image, they do not match)"
        )
    if "negative dimensions" in text or "larger than input" in text:
        return problem.instead(
            "a size came out negative, or the window is larger than what it slides over: is the kernel taken for "
            "the image? The image is the first argument, the kernel the second"
        )
    if "out of bounds" in text:
        return problem.instead(
            f"an index ran past the {h} × {w} image: the last window starts at row H − FH = {h - fh} and column "
            f"W − FW = {w - fw}"
        )
    if "Cannot cast ufunc" in text:
        return problem.instead(
            "the output array holds integers (made with dtype=int, or from an integer array), and the sums of "
            "products are floats: make the output hold floats"
        )
    if "not aligned" in text or "mismatch in its core dimension" in text:
        return problem.instead(
            "a product of matrices (np.dot or @ of two 2-D arrays) multiplies rows by columns; the convolution "
            "multiplies a window and the kernel element by element, place by place, then sums"
        )
    return problem.add(_learner_line(problem.error))


def _conv_slip(arr, image, kernel, rtol: float, atol: float) -> list:
    """The usual slips of conv2d that give ``arr`` for this image and kernel."""
    expected = correlate(image, kernel)
    return [
        slip
        for slip, result in conv_slips(image, kernel).items()
        if result.shape == arr.shape
        and not np.allclose(result, expected, rtol=rtol, atol=atol)
        and np.allclose(arr, result, rtol=max(rtol, 1e-6), atol=atol)
    ]


def _narrow(func, slips: list) -> list:
    """Of several slips that give one wrong result, those that the learner's results for the other cases fit
    too (two slips may give the same numbers for one image and kernel)."""
    for image, kernel, _ in conv_cases():
        try:
            arr = one_array(run_unchanged(func, (image, kernel), ("image", "kernel"), "a probe"), "", "")
            results = conv_slips(image, kernel)
            if arr.shape != correlate(image, kernel).shape:
                continue
        except (Problem, NotDone):
            continue
        kept = [
            slip
            for slip in slips
            if slip not in results
            or np.allclose(arr, results[slip], rtol=1e-5, atol=1e-6 * np.abs(results[slip]).max())
        ]
        slips = kept or slips
    return slips


def conv_case(func, image, kernel, what: str) -> None:
    expected = correlate(image, kernel)
    try:
        out = run_unchanged(func, (image, kernel), ("image", "kernel"), what)
    except Raised as problem:
        raise conv_raised(problem, image, kernel) from None
    arr = one_array(out, what, f"the output, a 2-D array of shape {expected.shape},")
    if arr.shape != expected.shape:
        if arr.shape == expected.shape[::-1] and np.allclose(arr, expected.T, rtol=1e-6, atol=1e-9):
            hint = "the right values, transposed (rows and columns swapped): i counts the rows, j the columns"
        else:
            hint = conv_shape_hint(func, arr.shape, image, kernel)
        problem = WrongShape(what, arr.shape, expected.shape)
        raise (problem.add(f": {hint}") if hint else problem) from None
    rtol = _tolerance(_coarsest(arr.dtype, image.dtype))
    atol = rtol * float(correlate(np.abs(image), np.abs(kernel)).max())
    if np.allclose(arr, expected, rtol=rtol, atol=atol):
        _digits(arr, image, what)
        return
    if arr.dtype.kind in "iu" and np.all(np.abs(arr - expected) < 1):
        raise WrongValue(
            what,
            f"gives {_fmt(arr)}, every value a whole number, where {_fmt(expected)} is expected: the output array "
            f"holds integers ({arr.dtype}; made with dtype=int, or from an integer array), and each sum loses its "
            "decimals when it is stored. Make the output hold floats",
        )
    slips = _conv_slip(arr, image, kernel, rtol, atol)
    if len(slips) > 1:
        slips = _narrow(func, slips)
    if slips:
        raise WrongValue(what, f"gives {_fmt(arr)}: {slips[0]}")
    _compare(arr, expected, what, rtol=rtol, atol=atol)


# ---- max pooling ----------------------------------------------------------------------------------------------


def pool_raised(problem: Raised, x, ph: int, pw: int, s: int) -> Raised:
    """What an error in max pooling usually means here."""
    text, (h, w) = str(problem.error), x.shape[2:]
    if "cannot reshape" in text:
        return problem.instead(
            "cutting x into blocks of pool_h × pool_w works only when the windows lie side by side and tile x "
            f"(stride = pool size); here the windows are {ph} × {pw} with stride {s}, on {h} × {w} maps: the window "
            "for output (i, j) starts at row i·stride, column j·stride"
        )
    if "unpack" in text:
        return problem.instead(f"x is a batch of images with 4 axes, (N, C, H, W) = {x.shape}")
    if "broadcast" in text:
        return problem.instead(
            "the values for one window position do not fit their place in the output, one value per image and "
            "channel (shape (N, C)): each is the largest over the window's rows and columns (axes 2 and 3) together"
        )
    if "zero-size array" in text or "out of bounds" in text:
        return problem.instead(
            f"a window ran past the edge of the {h} × {w} maps: the output has OH = (H − pool_h)/stride + 1 rows, "
            "and the window for output row i starts at row i·stride"
        )
    return problem.add(_learner_line(problem.error))


def _pool_values(arr, expected, x, ph: int, pw: int, s: int, what: str) -> None:
    """A wrong value of max pooling: a usual slip named, the axes in another order, or the first wrong window."""
    rtol = _tolerance(_coarsest(arr.dtype, x.dtype))
    bad = ~np.isclose(arr, expected, rtol=rtol, atol=rtol * 1e-3)
    if not bad.any():
        return
    if np.isnan(arr[bad]).any():
        k = tuple(int(v) for v in np.argwhere(np.isnan(arr) & bad)[0])
        raise GotNaN(what, k, expected[k])
    n, c = (int(v) for v in np.argwhere(bad)[0][:2])
    label = f"image {n}, channel {c}:"
    maps = f"\n  {label} expected {_fmt(expected[n, c])}\n  {' ' * len(label)} got      {_fmt(arr[n, c])}"
    if arr.dtype.kind in "iu" and np.all(np.abs(arr - expected) < 1):
        raise WrongValue(
            what,
            f"every value cut to a whole number: the output array holds integers ({arr.dtype}; made with "
            f"dtype=int, or from an integer array). Make it hold floats, like x{maps}",
        )
    for slip, result in pool_slips(x, ph, pw, s).items():
        if (
            result is None
            or result.shape != arr.shape
            or np.allclose(result, expected, rtol=rtol, atol=rtol * 1e-3)
        ):
            continue
        if np.allclose(arr, result, rtol=max(rtol, 1e-6), atol=1e-9):
            raise WrongValue(what, f"{slip}{maps}")
    moved = axes_hint(arr, expected)
    if moved:
        raise WrongValue(what, f"{moved}{maps}")
    k = tuple(int(v) for v in np.argwhere(bad)[0])
    n, c, i, j = k
    window = np.asarray(x[n, c, i * s : i * s + ph, j * s : j * s + pw])
    raise WrongValue(
        what,
        f"wrong value at image {n}, channel {c}, output row {i}, column {j}: its window, rows {i * s} to "
        f"{i * s + ph - 1} and columns {j * s} to {j * s + pw - 1} of x[{n}, {c}], is {_fmt(window)}: expected "
        f"{_fmt(expected[k])}, got {_fmt(arr[k])}{maps}",
        k,
    )


def pool_case(func, x, ph: int, pw: int, s: int, what: str) -> None:
    h, w = x.shape[2:]
    expected = pool(x, ph, pw, s, s, (h - ph) // s + 1, (w - pw) // s + 1)
    try:
        out = run_unchanged(func, (x, ph, pw, s), ("x",), what)
    except Raised as problem:
        raise pool_raised(problem, x, ph, pw, s) from None
    arr = one_array(out, what, f"the pooled batch, an array of shape {expected.shape},")
    if arr.shape != expected.shape:
        hint = pool_shape_hint(func, arr.shape, x, ph, pw, s) or axes_hint(arr, expected)
        problem = WrongShape(what, arr.shape, expected.shape)
        if hint:
            problem.message = (
                f"{what}: the result has shape {arr.shape}, expected {expected.shape} (N, C, OH, OW): {hint}"
            )
        raise problem
    _pool_values(arr, expected, x, ph, pw, s, what)
    _digits(arr, x, what)
