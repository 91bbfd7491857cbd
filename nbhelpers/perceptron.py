"""The perceptron and the logic gates it makes: AND, NAND, OR, and XOR from two layers of them.

A perceptron weighs its inputs, adds a bias and fires (outputs 1) when the sum is above 0:
:math:`y = 1` if :math:`b + w_1 x_1 + w_2 x_2 > 0`, else :math:`0`. Its outputs, and so every gate's,
are NumPy arrays of integers 0 and 1 (dtype int64): exactly what a truth table holds. The gates take
bits (0 or 1, as numbers or booleans), as scalars or as arrays that broadcast together; anything
else is refused with an error that names the argument and the offending value.

Truth tables list the inputs in the book's order, :data:`INPUTS`: (0, 0), (1, 0), (0, 1), (1, 1).
"""

from __future__ import annotations

import numpy as np

from ._arrays import as_float_array, check_real_scalar

__all__ = [
    "INPUTS",
    "GATE_WEIGHTS",
    "TABLE_NAMES",
    "perceptron",
    "weighted_sum",
    "AND",
    "NAND",
    "OR",
    "XOR",
    "truth_table",
    "gate_name",
]

#: The four inputs (x1, x2) of a two-input gate, one per row, in the book's order. Read-only.
INPUTS = np.array([[0, 0], [1, 0], [0, 1], [1, 1]])
INPUTS.flags.writeable = False

#: The book's weights and bias of each gate: ``GATE_WEIGHTS["AND"] == ((0.5, 0.5), -0.7)``.
GATE_WEIGHTS = {
    "AND": ((0.5, 0.5), -0.7),
    "NAND": ((-0.5, -0.5), 0.7),
    "OR": ((0.5, 0.5), -0.2),
}

#: The name of each of the 16 boolean functions of two inputs, keyed by its truth table: the
#: outputs for the inputs (0, 0), (1, 0), (0, 1), (1, 1) (the rows of :data:`INPUTS`). One
#: perceptron can compute 14 of them; XOR and XNOR need two layers.
TABLE_NAMES = {
    (0, 0, 0, 0): "always 0",
    (0, 0, 0, 1): "AND",
    (0, 1, 0, 0): "x1 AND NOT x2",
    (0, 1, 0, 1): "x1",
    (0, 0, 1, 0): "x2 AND NOT x1",
    (0, 0, 1, 1): "x2",
    (0, 1, 1, 0): "XOR",
    (0, 1, 1, 1): "OR",
    (1, 0, 0, 0): "NOR",
    (1, 0, 0, 1): "XNOR",
    (1, 0, 1, 0): "NOT x1",
    (1, 0, 1, 1): "x2 OR NOT x1",
    (1, 1, 0, 0): "NOT x2",
    (1, 1, 0, 1): "x1 OR NOT x2",
    (1, 1, 1, 0): "NAND",
    (1, 1, 1, 1): "always 1",
}


def _check_finite(arr: np.ndarray, name: str) -> None:
    if not np.all(np.isfinite(arr)):
        where = tuple(int(i) for i in np.argwhere(~np.isfinite(arr))[0])
        value = float(arr[where])
        at = f" at index {where}" if where else ""
        raise ValueError(f"{name} must hold finite numbers, got {value}{at}")


def weighted_sum(x, w, b):
    r"""The perceptron's weighted sum plus bias, :math:`a = b + \sum_i w_i x_i`, for one input or a batch.

    Shapes as in :func:`perceptron` (which outputs 1 where this is > 0): ``x`` of shape (n,) or (..., n),
    ``w`` of shape (n,), ``b`` one number; returns float64 of shape ``x.shape[:-1]``, computed as
    ``np.sum(w * x, axis=-1) + b``, the book's formula.

    Book §2.3.2; notebook 01.

    >>> weighted_sum([[0, 0], [1, 0], [0, 1], [1, 1]], w=[0.5, 0.5], b=-0.7)
    array([-0.7, -0.2, -0.2,  0.3])
    """
    x = as_float_array(x, "x")
    w = as_float_array(w, "w")
    b = check_real_scalar(b.item() if isinstance(b, np.ndarray) and b.ndim == 0 else b, "b")
    if w.ndim != 1 or w.size == 0:
        raise ValueError(
            f"w must be a 1-D array with one weight per input, such as [0.5, 0.5]; got shape {w.shape}"
        )
    if x.ndim == 0 or x.shape[-1] != w.size:
        raise ValueError(
            f"x must hold {w.size} value{'s' if w.size != 1 else ''} per input (one per weight in w) along "
            f"its last axis: shape ({w.size},) for one input or (N, {w.size}) for N inputs; got shape {x.shape}"
        )
    _check_finite(w, "w")
    _check_finite(x, "x")
    return np.asarray(np.sum(w * x, axis=-1) + b)  # the weighted sum plus the bias, one per input


def perceptron(x, w, b):
    r"""Perceptron: :math:`y = 1` if :math:`b + \sum_i w_i x_i > 0`, else :math:`0` (so a sum of exactly 0 gives 0).

    ``w`` holds one weight per input, shape (n,); ``b`` is the bias, one number. ``x`` is one
    input of shape (n,), or a batch with one input per row, shape (N, n) (any leading shape
    works: (..., n)). Returns int64 0s and 1s of shape ``x.shape[:-1]``: an array of shape ()
    for one input, (N,) for N inputs. The sum is computed as ``np.sum(w * x, axis=-1) + b``, the
    book's formula, so the outputs agree with it bit for bit.

    Book §2.3.3; notebook 01.

    >>> perceptron([1, 1], w=[0.5, 0.5], b=-0.7)
    array(1)
    >>> perceptron([[0, 0], [1, 0], [0, 1], [1, 1]], w=[0.5, 0.5], b=-0.7)
    array([0, 0, 0, 1])
    """
    a = weighted_sum(x, w, b)
    return np.asarray(a > 0).astype(np.int64)


def _check_bits(x, name: str) -> np.ndarray:
    """``x`` as a float array of 0s and 1s, or an error naming ``name`` and the first other value."""
    arr = as_float_array(x, name)
    not_bits = (arr != 0) & (arr != 1)  # NaN is neither, so it is caught too
    if np.any(not_bits):
        where = tuple(int(i) for i in np.argwhere(not_bits)[0])
        at = f" at index {where}" if where else ""
        raise ValueError(f"{name} must be 0 or 1 (a gate's inputs are bits), got {float(arr[where]):g}{at}")
    return arr


def _gate(name: str, x1, x2) -> np.ndarray:
    a, b = _check_bits(x1, "x1"), _check_bits(x2, "x2")
    try:
        a, b = np.broadcast_arrays(a, b)
    except ValueError:
        raise ValueError(
            f"x1 and x2 must be single bits or arrays whose shapes broadcast together, "
            f"got shapes {a.shape} and {b.shape}"
        ) from None
    w, bias = GATE_WEIGHTS[name]
    return perceptron(np.stack([a, b], axis=-1), w, bias)


def AND(x1, x2):
    r"""AND gate: 1 only when both inputs are 1. A perceptron with :math:`w = (0.5, 0.5)`, :math:`b = -0.7`.

    ``x1`` and ``x2`` are bits (0 or 1), scalars or arrays that broadcast together; the result is
    int64 0s and 1s of their broadcast shape.

    Book §2.3; notebook 01.

    >>> AND(1, 1)
    array(1)
    >>> AND([0, 1, 0, 1], [0, 0, 1, 1])
    array([0, 0, 0, 1])
    """
    return _gate("AND", x1, x2)


def NAND(x1, x2):
    r"""NAND gate (not AND): 0 only when both inputs are 1. :math:`w = (-0.5, -0.5)`, :math:`b = 0.7`.

    Same inputs and outputs as :func:`AND`.

    Book §2.3; notebook 01.

    >>> NAND([0, 1, 0, 1], [0, 0, 1, 1])
    array([1, 1, 1, 0])
    """
    return _gate("NAND", x1, x2)


def OR(x1, x2):
    r"""OR gate: 1 when at least one input is 1. :math:`w = (0.5, 0.5)`, :math:`b = -0.2`.

    Same inputs and outputs as :func:`AND`.

    Book §2.3; notebook 01.

    >>> OR([0, 1, 0, 1], [0, 0, 1, 1])
    array([0, 1, 1, 1])
    """
    return _gate("OR", x1, x2)


def XOR(x1, x2):
    r"""XOR gate (exclusive or): 1 when exactly one input is 1. Two layers of perceptrons:
    :math:`s_1 = \mathrm{NAND}(x_1, x_2)`, :math:`s_2 = \mathrm{OR}(x_1, x_2)`, :math:`y = \mathrm{AND}(s_1, s_2)`.

    No single perceptron computes XOR (no straight line separates its 1s from its 0s). Same inputs
    and outputs as :func:`AND`.

    Book §2.5.2; notebook 01.

    >>> XOR([0, 1, 0, 1], [0, 0, 1, 1])
    array([0, 1, 1, 0])
    """
    s1 = NAND(x1, x2)  # layer 1
    s2 = OR(x1, x2)
    return AND(s1, s2)  # layer 2


def truth_table(w1, w2, b):
    r"""The outputs of the perceptron :math:`y = 1` if :math:`b + w_1 x_1 + w_2 x_2 > 0`, else 0, for the
    four inputs (0, 0), (1, 0), (0, 1), (1, 1) (the rows of :data:`INPUTS`): int64, shape (4,).

    Book §2.2; notebook 01.

    >>> truth_table(0.5, 0.5, -0.2)
    array([0, 1, 1, 1])
    """
    w = [check_real_scalar(w1, "w1"), check_real_scalar(w2, "w2")]
    return perceptron(INPUTS, w, check_real_scalar(b, "b"))


def gate_name(w1, w2, b) -> str:
    r"""The name of the gate that the perceptron with weights ``w1``, ``w2`` and bias ``b`` computes.

    The perceptron's :func:`truth_table` is looked up in :data:`TABLE_NAMES`: "AND", "NAND", "OR",
    "NOR", "x1" (the output copies x1), "NOT x1", "always 0", ... Every one of the 16 tables has a
    name, but "XOR" and "XNOR" never come out: no weights make them. The table is computed in
    floating point, exactly as :func:`perceptron` computes it.

    Book §2.2 (the names of all 16 tables are not in the book); notebook 01.

    >>> gate_name(0.5, 0.5, -0.7)
    'AND'
    >>> gate_name(-0.5, -0.5, 0.2)
    'NOR'
    >>> gate_name(1.0, 0.0, -0.5)
    'x1'
    """
    return TABLE_NAMES[tuple(int(v) for v in truth_table(w1, w2, b))]
