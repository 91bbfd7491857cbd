"""Tests for nbhelpers.perceptron: the gates' truth tables, written out by hand, the perceptron on
batches, broadcasting, the errors, the naming of the 16 two-input tables, XOR's impossibility for one
perceptron. (The figures of notebook 01 are tested in tests/plots/test_perceptron.py.)

The expected tables are literals, not computed from the module, so changing any gate's weights or
bias (AND's bias -0.7 -> -0.2, say) fails here. The reference for the perceptron on real-valued inputs
is exact rational arithmetic (``fractions.Fraction``) of the same float numbers.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from helpers import FAST
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import nbhelpers
from nbhelpers.perceptron import (
    AND,
    GATE_WEIGHTS,
    INPUTS,
    NAND,
    OR,
    TABLE_NAMES,
    XOR,
    gate_name,
    perceptron,
    truth_table,
)

# The book's truth tables, for the inputs (x1, x2) = (0, 0), (1, 0), (0, 1), (1, 1).
X1, X2 = [0, 1, 0, 1], [0, 0, 1, 1]
TABLES = {
    AND: [0, 0, 0, 1],
    NAND: [1, 1, 1, 0],
    OR: [0, 1, 1, 1],
    XOR: [0, 1, 1, 0],
}
GATES = list(TABLES)
IDS = [g.__name__ for g in GATES]

bits = hnp.arrays(np.int64, hnp.array_shapes(min_dims=0, max_dims=3, max_side=4), elements=st.integers(0, 1))
weights = st.floats(-10, 10, allow_nan=False, allow_infinity=False)


# ---- the gates ----------------------------------------------------------------------------------------


def test_inputs_are_the_books_order_and_read_only():
    assert INPUTS.tolist() == [[0, 0], [1, 0], [0, 1], [1, 1]]
    with pytest.raises(ValueError, match="read-only"):
        INPUTS[0, 0] = 1


def test_the_books_weights():
    assert GATE_WEIGHTS == {
        "AND": ((0.5, 0.5), -0.7),
        "NAND": ((-0.5, -0.5), 0.7),
        "OR": ((0.5, 0.5), -0.2),
    }


@pytest.mark.parametrize("gate", GATES, ids=IDS)
def test_truth_table_on_arrays(gate):
    y = gate(np.array(X1), np.array(X2))
    assert isinstance(y, np.ndarray) and y.dtype == np.int64 and y.shape == (4,)
    assert y.tolist() == TABLES[gate]


@pytest.mark.parametrize("gate", GATES, ids=IDS)
def test_truth_table_one_input_at_a_time(gate):
    for x1, x2, expected in zip(X1, X2, TABLES[gate]):
        y = gate(x1, x2)
        assert isinstance(y, np.ndarray) and y.shape == () and y.dtype == np.int64
        assert int(y) == expected, f"{gate.__name__}({x1}, {x2})"


@pytest.mark.parametrize("gate", GATES, ids=IDS)
def test_bits_as_floats_bools_and_lists(gate):
    expected = TABLES[gate]
    assert gate([0.0, 1.0, 0.0, 1.0], [0.0, 0.0, 1.0, 1.0]).tolist() == expected
    assert gate(np.array(X1, dtype=bool), np.array(X2, dtype=bool)).tolist() == expected
    assert gate(np.array(X1, dtype=np.float32), X2).tolist() == expected
    assert int(gate(True, False)) == expected[1]


@pytest.mark.parametrize("gate", GATES, ids=IDS)
def test_broadcasting_gives_the_whole_table(gate):
    table = gate([[0], [1]], [0, 1])  # rows: x1 = 0, 1; columns: x2 = 0, 1
    assert table.shape == (2, 2)
    expected = TABLES[gate]
    assert table.tolist() == [[expected[0], expected[2]], [expected[1], expected[3]]]
    assert gate(1, [0, 1]).tolist() == [expected[1], expected[3]]


@pytest.mark.parametrize("gate", GATES, ids=IDS)
def test_empty_input(gate):
    y = gate(np.zeros((0,)), np.zeros((0,)))
    assert y.shape == (0,) and y.dtype == np.int64


@FAST
@given(bits, st.data())
def test_gates_are_the_logic_they_are_named_after(x1, data):
    x2 = data.draw(hnp.arrays(np.int64, x1.shape, elements=st.integers(0, 1)))
    a, b = x1.astype(bool), x2.astype(bool)
    np.testing.assert_array_equal(AND(x1, x2), a & b)
    np.testing.assert_array_equal(NAND(x1, x2), ~(a & b))
    np.testing.assert_array_equal(OR(x1, x2), a | b)
    np.testing.assert_array_equal(XOR(x1, x2), a ^ b)
    assert XOR(x1, x2).shape == x1.shape


def test_xor_is_two_layers_of_the_other_gates():
    s1, s2 = NAND(X1, X2), OR(X1, X2)
    assert s1.tolist() == [1, 1, 1, 0] and s2.tolist() == [0, 1, 1, 1]
    assert AND(s1, s2).tolist() == XOR(X1, X2).tolist() == [0, 1, 1, 0]


@pytest.mark.parametrize("name", GATE_WEIGHTS)
def test_each_gate_has_a_safe_margin(name):
    """No input lands near the line: b + w·x is at least 0.2 away from 0, so the tables do not hang on
    floating point (0.5 + 0.5 - 0.7 is 0.30000000000000004, not 0.3, and that is harmless)."""
    w, b = GATE_WEIGHTS[name]
    sums = [b + w[0] * x1 + w[1] * x2 for x1, x2 in zip(X1, X2)]
    assert min(abs(s) for s in sums) >= 0.2 - 1e-12
    exact = [Fraction(str(b)) + Fraction(str(w[0])) * x1 + Fraction(str(w[1])) * x2 for x1, x2 in zip(X1, X2)]
    assert [int(s > 0) for s in exact] == truth_table(*w, b).tolist()


# ---- the perceptron -----------------------------------------------------------------------------------


def test_perceptron_single_and_batch():
    assert perceptron([1, 1], [0.5, 0.5], -0.7).shape == ()
    assert perceptron([1, 1], [0.5, 0.5], -0.7) == 1
    y = perceptron(INPUTS, [0.5, 0.5], -0.7)
    assert y.dtype == np.int64 and y.tolist() == [0, 0, 0, 1]
    assert perceptron(np.zeros((2, 3, 2)), [1.0, 1.0], 0.5).shape == (2, 3)
    assert perceptron(np.zeros((0, 2)), [1.0, 1.0], 0.5).shape == (0,)


def test_exactly_zero_gives_zero():
    assert perceptron([0, 0], [1.0, 1.0], 0.0) == 0  # b + w·x = 0
    assert perceptron([1, 1], [0.5, 0.5], -1.0) == 0
    assert perceptron([1, 0], [0.25, 0.5], -0.25) == 0
    assert perceptron([1, 0], [0.25, 0.5], np.nextafter(-0.25, 0)) == 1  # the next float above: fires


def test_floating_point_is_the_books_formula():
    """On paper 0.1 + 0.2 - 0.3 = 0 (output 0), but in floating point it is 5.55e-17 > 0, and the perceptron
    computes what the book's np.sum(w * x) + b computes: 1. The widget flags this case."""
    assert float(np.sum(np.array([0.1, 0.2]) * np.array([1.0, 1.0])) - 0.3) == pytest.approx(
        5.55e-17, rel=0.01
    )
    assert perceptron([1, 1], [0.1, 0.2], -0.3) == 1


def test_more_than_two_inputs():
    w = np.ones(5)
    assert perceptron(np.eye(5), w, -0.5).tolist() == [1] * 5
    assert perceptron(np.ones(5), w, -4.5) == 1 and perceptron(np.ones(5), w, -5.0) == 0


def _exact(x, w, b) -> int:
    s = Fraction(b) + sum(Fraction(wi) * Fraction(xi) for wi, xi in zip(w, x))
    return int(s > 0)


@FAST
@given(
    hnp.arrays(np.float64, st.tuples(st.integers(0, 6), st.just(2)), elements=weights),
    st.tuples(weights, weights),
    weights,
)
def test_batch_equals_one_by_one_and_the_exact_sum(x, w, b):
    y = perceptron(x, w, b)
    assert y.shape == (len(x),) and y.dtype == np.int64
    one_by_one = [int(perceptron(row, w, b)) for row in x]
    assert y.tolist() == one_by_one
    for row, out in zip(x, y):
        s = b + w[0] * row[0] + w[1] * row[1]
        assert out == int((w[0] * row[0] + w[1] * row[1]) + b > 0)
        if abs(s) > 1e-9 * (abs(b) + abs(w[0] * row[0]) + abs(w[1] * row[1])):  # far from the line
            assert out == _exact(row, w, b)


# ---- errors -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("gate", GATES, ids=IDS)
@pytest.mark.parametrize(
    ("x1", "message"),
    [
        (2, r"x1 must be 0 or 1 \(a gate's inputs are bits\), got 2$"),
        (-1, "x1 must be 0 or 1.*got -1$"),
        (0.5, "x1 must be 0 or 1.*got 0.5$"),
        ([0, 1, 0.999], r"got 0.999 at index \(2,\)"),
        ([[0, 1], [1, 7]], r"got 7 at index \(1, 1\)"),
        (np.nan, "x1 must be 0 or 1.*got nan"),
        (np.inf, "x1 must be 0 or 1.*got inf"),
    ],
)
def test_gates_reject_values_that_are_not_bits(gate, x1, message):
    with pytest.raises(ValueError, match=message):
        gate(x1, 1)
    with pytest.raises(ValueError, match=message.replace("x1", "x2")):
        gate(1, x1)


@pytest.mark.parametrize("gate", GATES, ids=IDS)
def test_gates_reject_non_numbers_and_bad_shapes(gate):
    with pytest.raises(TypeError, match="x1 must be a number.*string '1'"):
        gate("1", 0)
    with pytest.raises(TypeError, match="x2 must be a number"):
        gate(0, None)
    with pytest.raises(TypeError, match="x1 must hold real numbers, got complex"):
        gate(1j, 0)
    with pytest.raises(ValueError, match=r"broadcast together, got shapes \(2,\) and \(3,\)"):
        gate([0, 1], [0, 1, 1])


@pytest.mark.parametrize(
    ("x", "w", "b", "error", "message"),
    [
        ([1, 1, 1], [0.5, 0.5], 0.0, ValueError, r"x must hold 2 values per input.*got shape \(3,\)"),
        (1.0, [0.5, 0.5], 0.0, ValueError, r"x must hold 2 values.*got shape \(\)"),
        ([[1, 1, 1]], [0.5, 0.5], 0.0, ValueError, r"\(N, 2\) for N inputs; got shape \(1, 3\)"),
        ([1, 1], [[0.5, 0.5]], 0.0, ValueError, r"w must be a 1-D array.*got shape \(1, 2\)"),
        ([1, 1], 0.5, 0.0, ValueError, r"w must be a 1-D array.*got shape \(\)"),
        ([], [], 0.0, ValueError, r"w must be a 1-D array.*got shape \(0,\)"),
        ([1, np.nan], [0.5, 0.5], 0.0, ValueError, r"x must hold finite numbers, got nan at index \(1,\)"),
        (
            [[0, 0], [1, np.inf]],
            [1, 1],
            0.0,
            ValueError,
            r"x must hold finite numbers, got inf at index \(1, 1\)",
        ),
        ([1, 1], [0.5, -np.inf], 0.0, ValueError, r"w must hold finite numbers, got -inf at index \(1,\)"),
        ([1, 1], [0.5, 0.5], np.nan, ValueError, "b must be finite, got nan"),
        ([1, 1], [0.5, 0.5], "0.7", TypeError, "b must be a real number, got str '0.7'"),
        ([1, 1], [0.5, 0.5], [0.7], TypeError, "b must be a real number, got list"),
        ([1, 1], [0.5, 0.5], True, TypeError, "b must be a real number, got bool"),
        (["a", "b"], [0.5, 0.5], 0.0, TypeError, "x must be a number or an array of numbers"),
        ([1, 1], "0.5", 0.0, TypeError, "w must be a number or an array of numbers, got the string"),
    ],
)
def test_perceptron_rejects_bad_input(x, w, b, error, message):
    with pytest.raises(error, match=message):
        perceptron(x, w, b)


def test_perceptron_accepts_numpy_scalars_as_bias():
    assert perceptron([1, 1], [0.5, 0.5], np.float32(-0.7)) == 1
    assert perceptron([1, 1], [0.5, 0.5], np.array(-0.7)) == 1
    assert perceptron([1, 1], [0.5, 0.5], -1) == 0


# ---- naming the table a perceptron computes -----------------------------------------------------------

# One weight setting for each of the 14 tables a single perceptron can compute.
KNOWN = {
    "always 0": (0.0, 0.0, -1.0),
    "always 1": (0.0, 0.0, 0.5),
    "AND": (0.5, 0.5, -0.7),
    "NAND": (-0.5, -0.5, 0.7),
    "OR": (0.5, 0.5, -0.2),
    "NOR": (-0.5, -0.5, 0.2),
    "x1": (1.0, 0.0, -0.5),
    "x2": (0.0, 1.0, -0.5),
    "NOT x1": (-1.0, 0.0, 0.5),
    "NOT x2": (0.0, -1.0, 0.5),
    "x1 AND NOT x2": (1.0, -1.0, -0.5),
    "x2 AND NOT x1": (-1.0, 1.0, -0.5),
    "x1 OR NOT x2": (1.0, -1.0, 0.5),
    "x2 OR NOT x1": (-1.0, 1.0, 0.5),
}


def test_table_names_cover_all_16_tables_once():
    assert sorted(TABLE_NAMES) == sorted(itertools.product((0, 1), repeat=4))
    assert len(set(TABLE_NAMES.values())) == 16
    assert TABLE_NAMES[0, 0, 0, 1] == "AND" and TABLE_NAMES[1, 1, 1, 0] == "NAND"
    assert TABLE_NAMES[0, 1, 1, 1] == "OR" and TABLE_NAMES[1, 0, 0, 0] == "NOR"
    assert TABLE_NAMES[0, 1, 1, 0] == "XOR" and TABLE_NAMES[1, 0, 0, 1] == "XNOR"
    assert TABLE_NAMES[0, 1, 0, 1] == "x1" and TABLE_NAMES[0, 0, 1, 1] == "x2"  # y = x1, y = x2


@pytest.mark.parametrize("name", KNOWN)
def test_gate_name_on_known_settings(name):
    w1, w2, b = KNOWN[name]
    assert gate_name(w1, w2, b) == name
    table = truth_table(w1, w2, b)
    assert TABLE_NAMES[tuple(table.tolist())] == name
    # the table is what the perceptron gives the four inputs one by one
    assert table.tolist() == [int(perceptron([x1, x2], [w1, w2], b)) for x1, x2 in zip(X1, X2)]


def test_gate_name_of_the_books_gates_and_the_gates_themselves():
    for name, ((w1, w2), b) in GATE_WEIGHTS.items():
        assert gate_name(w1, w2, b) == name
    assert {TABLE_NAMES[tuple(g(X1, X2).tolist())] for g in GATES} == {"AND", "NAND", "OR", "XOR"}


def test_gate_name_rejects_bad_weights():
    with pytest.raises(TypeError, match="w2 must be a real number, got str"):
        gate_name(0.5, "0.5", -0.7)
    with pytest.raises(ValueError, match="w1 must be finite, got inf"):
        gate_name(np.inf, 0.5, -0.7)
    with pytest.raises(TypeError, match="b must be a real number, got NoneType"):
        truth_table(0.5, 0.5, None)


def test_one_perceptron_never_makes_xor_on_a_grid():
    """41 x 41 x 81 weight settings (steps of 0.1, the widget's range and more) make exactly the 14 other
    tables, never XOR or XNOR."""
    w = np.round(np.linspace(-2, 2, 41), 10)
    b = np.round(np.linspace(-4, 4, 81), 10)
    w1, w2, bb = (a.ravel() for a in np.meshgrid(w, w, b, indexing="ij"))
    tables = np.stack([perceptron(INPUTS, [p, q], r) for p, q, r in zip(w1[::97], w2[::97], bb[::97])])
    # all settings at once, by the same formula (checked against perceptron on every 97th setting)
    sums = np.stack([w1 * x1 + w2 * x2 for x1, x2 in INPUTS], axis=-1) + bb[:, None]
    all_tables = (sums > 0).astype(np.int64)
    np.testing.assert_array_equal(all_tables[::97], tables)
    found = {TABLE_NAMES[tuple(t)] for t in np.unique(all_tables, axis=0).tolist()}
    assert found == set(KNOWN), sorted(set(KNOWN) ^ found)


@FAST
@given(weights, weights, weights)
def test_gate_name_is_never_xor(w1, w2, b):
    assert gate_name(w1, w2, b) not in ("XOR", "XNOR")


@FAST
@given(weights, weights, weights, st.integers(-20, 20))
def test_scaling_by_a_power_of_two_keeps_the_gate(w1, w2, b, k):
    """Multiplying every weight and the bias by 2**k is exact in floating point and moves no line (as long as
    nothing underflows to the subnormal numbers, below 2.2e-308)."""
    assume(all(v == 0 or abs(v) > 1e-100 for v in (w1, w2, b)))
    c = 2.0**k
    assert gate_name(c * w1, c * w2, c * b) == gate_name(w1, w2, b)


@FAST
@given(weights, weights, weights)
def test_negating_the_weights_swaps_the_sides(w1, w2, b):
    """-w and -b give the opposite output wherever the sum is not exactly 0 (there both give 0)."""
    table, opposite = truth_table(w1, w2, b), truth_table(-w1, -w2, -b)
    sums = np.sum(np.array([w1, w2]) * INPUTS, axis=-1) + b
    np.testing.assert_array_equal(np.where(sums == 0, 0, 1 - table), opposite)


def test_package_exports():
    for name in ["AND", "NAND", "OR", "XOR", "perceptron", "gate_name", "truth_table"]:
        assert getattr(nbhelpers, name) is globals()[name]
        assert getattr(nbhelpers, name).__doc__
    assert nbhelpers.GATE_WEIGHTS is GATE_WEIGHTS and nbhelpers.INPUTS is INPUTS


@FAST
@given(weights, weights, weights)
def test_weighted_sum_is_what_the_perceptron_compares_with_zero(w1, w2, b):
    from nbhelpers.perceptron import weighted_sum

    sums = weighted_sum(INPUTS, [w1, w2], b)
    assert sums.shape == (4,) and sums.dtype == np.float64
    np.testing.assert_array_equal(perceptron(INPUTS, [w1, w2], b), (sums > 0).astype(np.int64))
    for (x1, x2), a in zip(INPUTS.tolist(), sums):  # exact rational arithmetic of the same floats
        exact = Fraction(b) + Fraction(w1) * x1 + Fraction(w2) * x2
        assert abs(Fraction(float(a)) - exact) <= Fraction(abs(w1) + abs(w2) + abs(b)) * Fraction(2) ** -51
