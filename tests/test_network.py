"""Tests for nbhelpers.network: the book's example to the last digit, any number of layers, batches,
dtypes, the activation choices and the error messages for networks and inputs that do not fit."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from nbhelpers import forward, init_network, relu, sigmoid, softmax, step_function
from nbhelpers.network import layer_count

FAST = settings(max_examples=100, deadline=None, database=None)
BOOK_X = [1.0, 0.5]
BOOK_Y = [0.31682708, 0.69627909]  # what the book prints for forward(init_network(), [1.0, 0.5])


def reference_forward(network, x, h=None, sigma=None):
    """The forward pass written with Python floats, ``math.fsum`` and ``math.exp``, neuron by neuron
    (an independent formulation: no NumPy in the arithmetic)."""
    h = h or (lambda a: 1.0 / (1.0 + math.exp(-a)))
    sigma = sigma or (lambda a: a)
    z = [float(v) for v in x]
    n = layer_count(network)
    for k in range(1, n + 1):
        w, b = network[f"W{k}"].tolist(), network[f"b{k}"].tolist()
        a = [math.fsum([b[m]] + [z[i] * w[i][m] for i in range(len(z))]) for m in range(len(b))]
        z = [h(v) for v in a] if k < n else [sigma(v) for v in a]
    return z


def random_network(sizes, seed=0, dtype=np.float64):
    rng = np.random.default_rng(seed)
    net = {}
    for k, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        net[f"W{k}"] = rng.normal(0.0, 1.0, size=(n_in, n_out)).astype(dtype)
        net[f"b{k}"] = rng.normal(0.0, 1.0, size=n_out).astype(dtype)
    return net


# ---- the book's example ---------------------------------------------------------------------


def test_init_network_holds_the_books_values():
    net = init_network()
    assert sorted(net) == ["W1", "W2", "W3", "b1", "b2", "b3"]
    np.testing.assert_array_equal(net["W1"], [[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]])
    np.testing.assert_array_equal(net["b1"], [0.1, 0.2, 0.3])
    np.testing.assert_array_equal(net["W2"], [[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]])
    np.testing.assert_array_equal(net["b2"], [0.1, 0.2])
    np.testing.assert_array_equal(net["W3"], [[0.1, 0.3], [0.2, 0.4]])
    np.testing.assert_array_equal(net["b3"], [0.1, 0.2])
    assert all(v.dtype == np.float64 for v in net.values())


def test_init_network_gives_a_fresh_copy_each_time():
    first = init_network()
    first["W1"][0, 0] = 99.0
    first["b2"][:] = 0.0
    assert init_network()["W1"][0, 0] == 0.1 and init_network()["b2"][0] == 0.1


def test_the_books_output_to_the_last_printed_digit():
    y = forward(init_network(), BOOK_X)
    assert y.shape == (2,) and y.dtype == np.float64
    np.testing.assert_allclose(y, BOOK_Y, rtol=0, atol=1e-8)
    assert np.array2string(y, precision=8) == "[0.31682708 0.69627909]"


def test_the_books_output_matches_an_independent_computation():
    net = init_network()
    np.testing.assert_allclose(forward(net, BOOK_X), reference_forward(net, BOOK_X), rtol=1e-15, atol=0)


def test_intermediates_of_the_books_example():
    y, values = forward(init_network(), BOOK_X, return_intermediates=True)
    assert list(values) == ["X", "A1", "Z1", "A2", "Z2", "A3", "Y"]
    assert values["Y"] is y
    np.testing.assert_allclose(values["A1"], [0.3, 0.7, 1.1], rtol=1e-15)
    np.testing.assert_allclose(values["Z1"], [0.57444252, 0.66818777, 0.75026011], atol=1e-8)
    np.testing.assert_allclose(values["A2"], [0.51615984, 1.21402696], atol=1e-8)
    np.testing.assert_allclose(values["Z2"], [0.62624937, 0.7710107], atol=1e-8)
    np.testing.assert_array_equal(values["A3"], y)  # identity output
    np.testing.assert_array_equal(values["Z1"], sigmoid(values["A1"]))


def test_every_bias_counts():
    """Dropping any one bias changes the answer (so a forward pass that forgot one would be caught)."""
    net = init_network()
    y = forward(net, BOOK_X)
    for k in (1, 2, 3):
        zeroed = dict(net, **{f"b{k}": np.zeros_like(net[f"b{k}"])})
        assert np.all(np.abs(forward(zeroed, BOOK_X) - y) > 1e-3), f"b{k} has no effect"


def test_forward_does_not_modify_its_arguments():
    net = init_network()
    copy = {k: v.copy() for k, v in net.items()}
    x = np.array([[1.0, 0.5], [2.0, -1.0]])
    x_copy = x.copy()
    forward(net, x, hidden="relu", output="softmax", return_intermediates=True)
    assert all(np.array_equal(net[k], copy[k]) for k in net)
    np.testing.assert_array_equal(x, x_copy)


# ---- batches, shapes and dtypes ---------------------------------------------------------------


@FAST
@given(x=hnp.arrays(np.float64, st.tuples(st.integers(1, 20), st.just(2)), elements=st.floats(-50, 50)))
def test_batch_equals_one_input_at_a_time(x):
    net = init_network()
    batch = forward(net, x)
    assert batch.shape == (x.shape[0], 2)
    rows = np.array([forward(net, row) for row in x])
    # A batch runs as one matrix product, a row as a vector product: the sums may round differently.
    np.testing.assert_allclose(batch, rows, rtol=1e-14, atol=1e-15)


@FAST
@given(x=hnp.arrays(np.float64, (2,), elements=st.floats(-50, 50)))
def test_matches_the_independent_computation(x):
    net = init_network()
    np.testing.assert_allclose(forward(net, x), reference_forward(net, x), rtol=1e-13, atol=1e-15)


def test_any_leading_axes():
    net = init_network()
    x = np.random.default_rng(1).normal(size=(4, 3, 2))
    y = forward(net, x)
    assert y.shape == (4, 3, 2)
    np.testing.assert_allclose(y.reshape(-1, 2), forward(net, x.reshape(-1, 2)), rtol=1e-14)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("weights_dtype", [np.float32, np.float64])
def test_the_input_dtype_is_kept_through_every_layer(dtype, weights_dtype):
    net = random_network([784, 50, 100, 10], seed=2, dtype=weights_dtype)
    x = np.random.default_rng(3).random((5, 784)).astype(dtype)
    y, values = forward(net, x, output="softmax", return_intermediates=True)
    assert {v.dtype for v in values.values()} == {np.dtype(dtype)}
    assert y.shape == (5, 10)
    np.testing.assert_allclose(y.sum(axis=1), 1.0, rtol=1e-5 if dtype == np.float32 else 1e-12)
    if dtype == np.float32:  # float32 arithmetic agrees with float64 to float32 accuracy
        y64 = forward(
            {k: v.astype(np.float64) for k, v in net.items()}, x.astype(np.float64), output="softmax"
        )
        np.testing.assert_allclose(y, y64, rtol=1e-4, atol=1e-6)


def test_integer_input_becomes_float64():
    y = forward(init_network(), [1, 0])
    assert y.dtype == np.float64
    np.testing.assert_array_equal(y, forward(init_network(), [1.0, 0.0]))


# ---- any number of layers, any activation ---------------------------------------------------


@pytest.mark.parametrize("sizes", [[3, 4], [2, 3, 2, 2], [5, 4, 3, 2, 1], [784, 50, 100, 10]])
def test_any_number_of_layers_matches_the_layer_by_layer_formula(sizes):
    net = random_network(sizes, seed=len(sizes))
    x = np.random.default_rng(4).normal(size=(7, sizes[0]))
    z = x
    for k in range(1, len(sizes)):
        a = z @ net[f"W{k}"] + net[f"b{k}"]
        z = sigmoid(a) if k < len(sizes) - 1 else a
    np.testing.assert_allclose(forward(net, x), z, rtol=1e-13, atol=1e-13)
    assert layer_count(net) == len(sizes) - 1


@pytest.mark.parametrize(
    ("hidden", "h"), [("sigmoid", sigmoid), ("relu", relu), ("step", step_function), ("ReLU", relu)]
)
@pytest.mark.parametrize(("output", "sigma"), [("identity", lambda a: a), ("softmax", softmax)])
def test_activation_choices(hidden, h, output, sigma):
    net = random_network([2, 3, 2, 2], seed=5)
    x = np.array([[1.0, 0.5], [-2.0, 3.0]])
    a1 = x @ net["W1"] + net["b1"]
    a2 = h(a1) @ net["W2"] + net["b2"]
    a3 = h(a2) @ net["W3"] + net["b3"]
    np.testing.assert_allclose(forward(net, x, hidden=hidden, output=output), sigma(a3), rtol=1e-14)


def test_activation_functions_can_be_passed_directly():
    net = init_network()
    np.testing.assert_array_equal(
        forward(net, BOOK_X, hidden=np.tanh, output=softmax),
        forward(net, BOOK_X, hidden="tanh", output="softmax"),
    )


def test_softmax_output_is_a_probability_for_every_input():
    y = forward(init_network(), np.random.default_rng(6).normal(0, 100, size=(50, 2)), output="softmax")
    assert np.all((y >= 0) & (y <= 1))
    np.testing.assert_allclose(y.sum(axis=1), 1.0, rtol=1e-15)


# ---- errors -------------------------------------------------------------------------------------


def test_a_weight_matrix_that_does_not_fit_names_the_layer_and_both_shapes():
    net = dict(init_network(), W2=np.ones((4, 2)))
    with pytest.raises(
        ValueError, match=r"W2 expects 4 inputs, got 3 \(layer 1 gives 3 outputs, W2 has shape \(4, 2\)\)"
    ):
        forward(net, BOOK_X)
    net = dict(init_network(), W1=np.ones((2, 4)), b1=np.zeros(4))  # now W2 (3 rows) gets 4 values
    with pytest.raises(ValueError, match=r"W2 expects 3 inputs, got 4"):
        forward(net, BOOK_X)


def test_an_input_of_the_wrong_length():
    with pytest.raises(ValueError, match=r"W1 expects 2 inputs, got 3 \(x has shape \(3,\)"):
        forward(init_network(), [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match=r"W1 expects 2 inputs, got 5 \(x has shape \(4, 5\)"):
        forward(init_network(), np.ones((4, 5)))


def test_a_row_matrix_bias_is_refused_with_a_hint():
    net = dict(init_network(), b2=np.array([[0.1, 0.2]]))
    with pytest.raises(ValueError, match=r"b2 must have shape \(2,\).*got shape \(1, 2\); use b2.ravel\(\)"):
        forward(net, BOOK_X)
    net = dict(init_network(), b1=np.array([0.1, 0.2]))
    with pytest.raises(ValueError, match=r"b1 must have shape \(3,\).*got shape \(2,\)$"):
        forward(net, BOOK_X)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"W1": np.ones(3)}, r"W1 must be a matrix of shape \(inputs, neurons\), got shape \(3,\)"),
        ({"W1": [["a", "b", "c"], ["d", "e", "f"]]}, r"W1 must be a number or an array of numbers"),
        ({"b3": [1j, 2j]}, r"b3 must hold real numbers"),
    ],
)
def test_bad_arrays_are_named(change, message):
    net = dict(init_network(), **change)
    with pytest.raises((ValueError, TypeError), match=message):
        forward(net, BOOK_X)


def test_bad_networks():
    net = init_network()
    with pytest.raises(ValueError, match="no b3"):
        forward({k: v for k, v in net.items() if k != "b3"}, BOOK_X)
    with pytest.raises(ValueError, match="no W2"):
        forward({k: v for k, v in net.items() if k != "W2"}, BOOK_X)
    with pytest.raises(ValueError, match="holds the key 'w1'"):
        forward(dict(net, w1=net["W1"]), BOOK_X)
    with pytest.raises(ValueError, match="empty"):
        forward({}, BOOK_X)
    with pytest.raises(TypeError, match="network must be a dict"):
        forward([net["W1"], net["b1"]], BOOK_X)


def test_bad_inputs():
    with pytest.raises(ValueError, match="x must be a vector of inputs"):
        forward(init_network(), 1.0)
    with pytest.raises(TypeError, match="^x must"):
        forward(init_network(), "1, 0.5")
    with pytest.raises(ValueError, match="hidden must be one of"):
        forward(init_network(), BOOK_X, hidden="softmax")
    with pytest.raises(ValueError, match="output must be one of"):
        forward(init_network(), BOOK_X, output="sigmoid ")
