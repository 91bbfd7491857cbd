"""Input checks shared by the numeric core: turn what a learner passes into a float array, or say what is wrong."""

from __future__ import annotations

import numbers
import operator

import numpy as np

__all__ = [
    "as_float_array",
    "as_generator",
    "check_labels",
    "check_real_scalar",
    "generator_from",
    "grid_2d",
    "pair_of",
    "whole_number",
]


def as_float_array(x, name: str = "x") -> np.ndarray:
    """Return ``x`` as a NumPy float array, or raise an error that names ``name``.

    Scalars, (nested) lists and arrays of any shape are accepted. A float array keeps its dtype
    (float32 stays float32); integers and booleans become float64. Strings, complex numbers,
    ``None`` and ragged lists are rejected with a ``TypeError`` or ``ValueError`` that says what
    was passed.
    """
    if type(x) is np.ndarray and x.dtype.kind == "f":  # the usual case, quickly: as it is
        return x
    if isinstance(x, (str, bytes)):
        raise TypeError(f"{name} must be a number or an array of numbers, got the string {x!r}")
    try:
        arr = np.asarray(x)
    except ValueError as err:  # ragged nested lists: rows of different lengths
        raise ValueError(
            f"{name} must be a rectangular array of numbers (all rows the same length); "
            f"NumPy could not make an array of it: {err}"
        ) from None
    kind = arr.dtype.kind
    if kind == "f":
        return arr
    if kind in "biu":
        return arr.astype(np.float64)
    if kind == "c":
        raise TypeError(f"{name} must hold real numbers, got complex numbers (dtype {arr.dtype})")
    if kind == "O":  # Python objects: ints beyond int64 (2**70), Fractions, Decimals ... or junk
        bad = [v for v in arr.flat if not isinstance(v, numbers.Real)][:1]
        if not bad:
            try:
                return arr.astype(np.float64)
            except OverflowError:
                raise ValueError(f"{name} holds a number too large for a float (beyond ±1.8e308)") from None
        raise TypeError(
            f"{name} must be a number or an array of numbers, but it holds "
            f"{type(bad[0]).__name__} {bad[0]!r}, which is not a real number"
        )
    raise TypeError(
        f"{name} must be a number or an array of numbers, got {type(x).__name__} "
        f"holding dtype {arr.dtype} (text, None or other objects cannot be used here)"
    )


def check_real_scalar(value, name: str) -> float:
    """Return ``value`` as a Python float if it is one finite real number, else raise naming ``name``."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__} {value!r}")
    try:
        value = float(value)
    except OverflowError:  # an int beyond the float range, such as 10**400
        raise ValueError(f"{name} must be finite, got {value!r}, too large for a float") from None
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    return value


def grid_2d(x_range, n: int):
    """``n`` evenly spaced ticks over ``x_range`` = (low, high), and every point (x1, x2) of the n × n
    grid they make, one per row, shape (n * n, 2): x1 runs fastest, so ``values.reshape(n, n)`` of one
    value per point gives row i at x2 = ticks[i] and column j at x1 = ticks[j] (as ``imshow`` with
    ``origin="lower"`` draws it)."""
    ticks = np.linspace(*x_range, n)
    g1, g2 = np.meshgrid(ticks, ticks)
    return ticks, np.stack([g1.ravel(), g2.ravel()], axis=-1)


def as_generator(rng) -> np.random.Generator:
    """``rng`` as a ``np.random.Generator``: a Generator as it is, an int seed, or None for a fresh one.

    Everything random in the package goes through it: NumPy's global random state is never used."""
    if rng is None:
        return np.random.default_rng()
    if isinstance(rng, np.random.Generator):
        return rng
    if isinstance(rng, (numbers.Integral, np.integer)) and not isinstance(rng, (bool, np.bool_)):
        if rng < 0:
            raise ValueError(f"rng must be a seed >= 0, a np.random.Generator or None, got {rng}")
        return np.random.default_rng(int(rng))
    raise TypeError(
        f"rng must be an int seed, a np.random.Generator (np.random.default_rng(seed)) or None, "
        f"got {type(rng).__name__}"
    )


def check_labels(t, n_classes: int, name: str = "t", where: str = "") -> np.ndarray:
    """``t`` as an array of class labels, integers 0 ... ``n_classes`` - 1 (any shape, empty too), or a
    ``TypeError``/``ValueError`` naming ``name`` (and the function ``where`` it was passed to)."""
    t = np.asarray(t)
    prefix = f"{where}: " if where else ""
    if t.size == 0:
        return t.astype(np.intp)
    if t.dtype.kind not in "biu":  # booleans are the labels 0 and 1
        hint = " (use .astype(int) if they are whole numbers)" if t.dtype.kind == "f" else ""
        raise TypeError(f"{prefix}{name} must hold class labels (integers), got dtype {t.dtype}{hint}")
    low, high = t.min(), t.max()
    if low < 0 or high >= n_classes:
        raise ValueError(
            f"{prefix}{name} holds the class label {low if low < 0 else high}, but there are {n_classes} "
            f"classes: labels must lie in 0 ... {n_classes - 1}"
        )
    return t


def generator_from(seed, name: str = "seed") -> np.random.Generator:
    """``seed`` (an int >= 0, a Generator or None) as a Generator, or an error naming ``name``."""
    try:
        return as_generator(seed)
    except (TypeError, ValueError) as err:
        raise type(err)(str(err).replace("rng must", f"{name} must", 1)) from None


def whole_number(value, name: str, low: int, where: str) -> int:
    """``value`` as a whole number >= ``low``, or an error naming ``where`` and ``name``."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Integral, np.integer)):
        raise TypeError(
            f"{where}: {name} must be a whole number >= {low}, got {type(value).__name__} {value!r}"
        )
    if value < low:
        raise ValueError(f"{where}: {name} must be a whole number >= {low}, got {value}")
    return operator.index(value)


def pair_of(x, t, where: str, x_name: str = "x", t_name: str = "t"):
    """``x`` as a float array (N, inputs) (or (N, C, H, W) images) and ``t`` with one label or one-hot row per row of x, or an error."""
    x = as_float_array(x, x_name)
    t = np.asarray(t)
    if x.ndim < 2:
        raise ValueError(
            f"{where}: {x_name} must have shape (N, inputs), one example per row (or (N, C, H, W), one image "
            f"each), got shape {x.shape}"
        )
    if t.ndim not in (1, 2) or len(t) != len(x):
        raise ValueError(
            f"{where}: {t_name} must hold one label (or one-hot row) per row of {x_name}: {x_name} has shape "
            f"{x.shape}, {t_name} has shape {t.shape}"
        )
    return x, t
