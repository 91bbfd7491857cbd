"""Notebook 01's exercises: the logic gates AND, NAND, OR built from one perceptron each, XOR from gates."""

from __future__ import annotations

import numpy as np

from ..perceptron import AND, INPUTS, NAND, OR, XOR
from ._engine import Problem, _call, _fmt, _scalar, check

__all__ = ["check_AND", "check_NAND", "check_OR", "check_XOR"]

_TABLES = {"AND": AND, "NAND": NAND, "OR": OR, "XOR": XOR}

#: Tables a wrong gate often turns out to be, for the inputs (0, 0), (1, 0), (0, 1), (1, 1).
_KNOWN = {
    "AND": [0, 0, 0, 1],
    "NAND": [1, 1, 1, 0],
    "OR": [0, 1, 1, 1],
    "NOR": [1, 0, 0, 0],
    "XOR": [0, 1, 1, 0],
    "XNOR (NOT XOR)": [1, 0, 0, 1],
    "x1 alone": [0, 1, 0, 1],
    "x2 alone": [0, 0, 1, 1],
    "NOT x1": [1, 0, 1, 0],
    "NOT x2": [1, 1, 0, 0],
    "a gate that is always 0": [0, 0, 0, 0],
    "a gate that is always 1": [1, 1, 1, 1],
}


def _gate(func, gate: str) -> str:
    """Run ``func`` on the four rows (0, 0), (1, 0), (0, 1), (1, 1) and compare with ``gate``'s table."""
    expected = [int(v) for v in _TABLES[gate](INPUTS[:, 0], INPUTS[:, 1])]
    got = []
    for x1, x2 in INPUTS.tolist():
        out = _call(func, x1, x2, what=f"{gate}({x1}, {x2})")
        if isinstance(out, (bool, np.bool_)):
            raise Problem(
                f"{gate}({x1}, {x2}) returned {out}: a gate returns the numbers 0 or 1, not True/False."
            )
        if isinstance(out, str):
            raise Problem(f"{gate}({x1}, {x2}) returned the text {out!r}: a gate returns the numbers 0 or 1.")
        if isinstance(out, np.ndarray) and out.ndim > 0:
            raise Problem(
                f"{gate}({x1}, {x2}) returned the array {_fmt(out)}: a gate returns one number, 0 or 1 (if "
                "your sum is an array, np.sum(w * x) + b or a comparison of one number gives a single value)"
            )
        number = _scalar(out)
        try:
            value = int(number)
        except (TypeError, ValueError, OverflowError):  # None (not one number), nan, inf
            raise Problem(
                f"{gate}({x1}, {x2}) returned {_fmt(out)}: a gate returns one number, 0 or 1."
            ) from None
        if value != number or value not in (0, 1):
            raise Problem(f"{gate}({x1}, {x2}) returned {_fmt(out)}: a gate returns 0 or 1.")
        got.append(value)
    if got != expected:
        rows = ", ".join(f"({x1}, {x2})" for (x1, x2), g, e in zip(INPUTS.tolist(), got, expected) if g != e)
        message = f"your {gate} gives {got} for the inputs (0, 0), (1, 0), (0, 1), (1, 1); {gate} gives {expected} (wrong for {rows})"
        known = [name for name, table in _KNOWN.items() if got == table]
        if (
            gate == "XOR"
        ):  # built from gates (or tried with one perceptron): say which gate it turned out to be
            message += f": that is the table of {known[0]}." if known else "."
            message += (
                " One perceptron cannot make XOR (no line separates its 1s from its 0s); section 7 combines "
                "NAND and OR in the first layer and AND in the second: check which gate gets which inputs."
            )
        elif got == [1 - e for e in expected]:
            message += ". Every row is the opposite: check the signs of the weights and the bias."
        elif got[0] != expected[0]:
            message += ". For (0, 0) the weighted sum is just the bias b, so b decides that row."
        else:
            message += f": that is the table of {known[0]}." if known else "."
        raise Problem(message)
    return "all four rows of the truth table"


@check("AND")
def check_AND(func) -> str:  # noqa: N802 (the book's name)
    """Check ``func(x1, x2)`` against AND's truth table: 1 only for (1, 1), as the numbers 0 or 1.

    Book §2.3; notebook 01.

    >>> check_AND(lambda x1, x2: x1 or x2)
    ✗ AND: your AND gives [0, 1, 1, 1] for the inputs (0, 0), (1, 0), (0, 1), (1, 1); AND gives [0, 0, 0, 1] (wrong for (1, 0), (0, 1)): that is the table of OR.
    False
    """
    return _gate(func, "AND")


@check("NAND")
def check_NAND(func) -> str:  # noqa: N802
    """Check ``func(x1, x2)`` against NAND's truth table: 0 only for (1, 1), as the numbers 0 or 1.

    Book §2.3; notebook 01.

    >>> check_NAND(lambda x1, x2: x1 and x2)
    ✗ NAND: your NAND gives [0, 0, 0, 1] for the inputs (0, 0), (1, 0), (0, 1), (1, 1); NAND gives [1, 1, 1, 0] (wrong for (0, 0), (1, 0), (0, 1), (1, 1)). Every row is the opposite: check the signs of the weights and the bias.
    False
    """
    return _gate(func, "NAND")


@check("OR")
def check_OR(func) -> str:  # noqa: N802
    """Check ``func(x1, x2)`` against OR's truth table: 0 only for (0, 0), as the numbers 0 or 1.

    Book §2.3; notebook 01.

    >>> check_OR(lambda x1, x2: x1 + x2)
    ✗ OR: OR(1, 1) returned 2: a gate returns 0 or 1.
    False
    """
    return _gate(func, "OR")


@check("XOR")
def check_XOR(func) -> str:  # noqa: N802
    """Check ``func(x1, x2)`` against XOR's truth table: 1 when exactly one input is 1.

    Book §2.5; notebook 01.

    >>> check_XOR(lambda x1, x2: x1 or x2)
    ✗ XOR: your XOR gives [0, 1, 1, 1] for the inputs (0, 0), (1, 0), (0, 1), (1, 1); XOR gives [0, 1, 1, 0] (wrong for (1, 1)): that is the table of OR. One perceptron cannot make XOR (no line separates its 1s from its 0s); section 7 combines NAND and OR in the first layer and AND in the second: check which gate gets which inputs.
    False
    """
    return _gate(func, "XOR")
