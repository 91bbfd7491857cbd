"""nbhelpers/_format.py: the one way figures and widget tables write numbers."""

from __future__ import annotations

import numpy as np
import pytest

from nbhelpers._format import MINUS, number, numbers


@pytest.mark.parametrize(
    "value, decimals, tiny, text",
    [
        (0.5, 4, False, "0.5000"),
        (-0.5, 4, False, "−0.5000"),
        (-0.00001, 2, False, "0.00"),  # no "−0.00"
        (-0.0, None, False, "0"),
        (-0.0, 3, False, "0.000"),
        (0.3, None, False, "0.3"),
        (-2.5, None, False, "−2.5"),
        (np.float32(0.25), 2, False, "0.25"),
        (np.array(-1.0), 1, False, "−1.0"),  # a 0-d array, as NumPy functions return
        (0.0005, 3, True, "0.001"),  # at half the last decimal: rounded, not powers of ten
        (0.00049, 3, True, "4.9e−4"),
        (-0.00049, 3, True, "−4.9e−4"),
        (1.6889e-48, 4, True, "1.69e−48"),
        (3e-5, 4, True, "3.00e−5"),
        (1e-100, 4, True, "1.00e−100"),
        (0.0, 4, True, "0.0000"),
        (4e-5, 1, True, "4e−5"),  # few decimals: no digits after the point
        (12345.678, 2, True, "12345.68"),
    ],
)
def test_number(value, decimals, tiny, text):
    assert number(value, decimals, tiny=tiny) == text
    assert "-" not in number(value, decimals, tiny=tiny)


def test_numbers_writes_arrays_with_real_minus_signs():
    assert numbers([0.3, -1.1, 0.7], 4) == "[ 0.3000  −1.1000   0.7000]"
    assert numbers([[1.0, -2.0]], 1, " ") == "[[ 1.0 −2.0]]"
    assert MINUS == "\u2212"
