"""How the series writes numbers for people: one formatter for the figures and the widgets' tables.

A real minus sign "−" (U+2212, as in print) instead of the hyphen, never a "−0.00", and where asked,
powers of ten for numbers too small to show in the fixed decimals. The exercise checks do not use it:
they echo Python values as a learner would type them.
"""

from __future__ import annotations

import numpy as np

__all__ = ["MINUS", "number", "numbers"]

MINUS = "−"


def number(value, decimals: int | None = 4, *, tiny: bool = False) -> str:
    """``value`` written with ``decimals`` decimals (``None``: the shortest form, as ``{:g}``), a real
    minus sign, and no "−0.00" for a negative number that rounds to zero.

    With ``tiny``, a nonzero number that would round to zero is written in powers of ten with
    ``decimals - 2`` decimals instead (so it keeps ``decimals - 1`` significant digits):

    >>> number(-0.5), number(-0.00001, 2), number(0.3, None), number(1.6889e-48, 4, tiny=True)
    ('−0.5000', '0.00', '0.3', '1.69e−48')
    >>> number(0.00004, 3, tiny=True), number(0.0006, 3, tiny=True), number(0.0, 3, tiny=True)
    ('4.0e−5', '0.001', '0.000')
    """
    value = float(value)
    if decimals is None:
        text = f"{value + 0.0:g}"  # + 0.0: -0.0 becomes 0.0
    elif tiny and value != 0 and abs(value) < 0.5 * 10.0**-decimals:
        mantissa, exponent = f"{value:.{max(decimals - 2, 0)}e}".split("e")
        text = f"{mantissa}e{int(exponent)}"
    else:
        text = f"{value:.{decimals}f}"
        if text.startswith("-") and float(text) == 0:
            text = text[1:]
    return text.replace("-", MINUS)


def numbers(values, decimals: int, separator: str = "  ") -> str:
    """A vector or matrix in NumPy's brackets, each number with ``decimals`` decimals and a real minus sign.

    >>> numbers([0.3, -1.1, 0.7], 4)
    '[ 0.3000  −1.1000   0.7000]'
    """
    text = np.array2string(np.asarray(values), precision=decimals, floatmode="fixed", separator=separator)
    return text.replace("-", MINUS)
