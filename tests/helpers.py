"""Helpers shared by the test files (one copy of each): hypothesis strategies and settings, a strict
no-warning block, the extreme values of a float type, and the pictures of the live plots."""

from __future__ import annotations

import contextlib
import warnings
from io import BytesIO

import numpy as np
from hypothesis import settings
from hypothesis import strategies as st

#: Every hypothesis test: quick, no deadline (first calls are slow), no example database written to disk.
FAST = settings(max_examples=100, deadline=None, database=None)
FLOAT_DTYPES = [np.float16, np.float32, np.float64]


def finite(dtype, limit=None):
    """Hypothesis strategy: finite numbers exactly representable in ``dtype``, optionally |x| <= limit."""
    bits = np.finfo(dtype).bits
    if limit is None:
        return st.floats(allow_nan=False, allow_infinity=False, width=bits)
    limit = float(dtype(limit))  # the nearest value of the dtype: hypothesis wants one it can represent
    return st.floats(-limit, limit, width=bits)


def extremes(dtype) -> np.ndarray:
    """The finite values of ``dtype`` most likely to overflow, underflow or lose their sign."""
    fi = np.finfo(dtype)
    values = [fi.max, fi.min, fi.max / 2, fi.min / 2, np.sqrt(fi.max), -np.sqrt(fi.max)]
    values += [fi.tiny, -fi.tiny, fi.smallest_subnormal, -fi.smallest_subnormal, 0.0, -0.0, 1.0, -1.0]
    return np.array(values, dtype=dtype)


@contextlib.contextmanager
def no_warnings():
    """Any warning, and any overflow, invalid operation or division by zero inside NumPy, is an error.

    Underflow (``exp(-1000)`` becoming 0) is legitimate and stays allowed.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            yield


def pixels(png: bytes) -> np.ndarray:
    """A PNG's pixels as an int array of shape (height, width, 3)."""
    import PIL.Image

    return np.asarray(PIL.Image.open(BytesIO(png)).convert("RGB"), dtype=int)


def assert_quick_png_is_full(plot) -> None:
    """A live plot's quick redraw (background + moving parts) shows what a full redraw shows."""
    from nbhelpers.plots import figure_to_png

    quick = pixels(plot.png())
    for artist in plot._moving:
        artist.set_animated(False)
    full = pixels(figure_to_png(plot.figure))
    assert quick.shape == full.shape
    assert np.mean(np.abs(quick - full) > 16) < 0.001  # the same picture, but for antialiasing


PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def show_keeps_no_results(plot, show, *args) -> None:
    """``show(*args)`` (one of the plot's show methods) draws, and leaves the plot holding no new or
    rebound attribute: a plot is a view, it keeps no computed results for others to read back."""

    def state():  # (the picture kept for the quick redraw is the plot's own, not a result)
        return {key: id(value) for key, value in vars(plot).items() if key != "_background"}

    before = state()
    show(*args)
    after = state()
    changed = sorted(key for key in after if before.get(key) != after[key])
    assert not changed, f"{type(plot).__name__}.{show.__name__} stored {changed}"
