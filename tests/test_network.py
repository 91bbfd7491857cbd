"""Tests for nbhelpers.network: the book's example to the last digit, any number of layers, batches,
dtypes, the activation choices and the error messages for networks and inputs that do not fit."""

from __future__ import annotations

import math

import numpy as np
import pytest
from helpers import FAST
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from nbhelpers import (
    accuracy,
    confusion_matrix,
    forward,
    init_network,
    init_weights,
    layer_activations,
    relu,
    sigmoid,
    softmax,
    step_function,
    tanh,
)
from nbhelpers.network import layer_count

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


# ---- init_weights ---------------------------------------------------------------------------------

MNIST_SIZES = (784, 50, 100, 10)


def script_xavier_network(sizes, rng, dtype):
    """The initialisation tools/train_mnist.py used before it moved into nbhelpers (a frozen copy): the
    shipped weights start from exactly these numbers."""
    network = {}
    for k, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        network[f"W{k}"] = (rng.standard_normal((n_in, n_out)) / np.sqrt(n_in)).astype(dtype)
        network[f"b{k}"] = np.zeros(n_out, dtype=dtype)
    return network


def same_bits(a: dict, b: dict) -> bool:
    return list(a) == list(b) and all(
        a[k].dtype == b[k].dtype and a[k].tobytes() == b[k].tobytes() for k in a
    )


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_init_weights_shapes_dtypes_and_zero_biases(dtype):
    net = init_weights(MNIST_SIZES, rng=0, dtype=dtype)
    assert list(net) == ["W1", "b1", "W2", "b2", "W3", "b3"]
    assert {k: v.shape for k, v in net.items()} == {
        "W1": (784, 50), "b1": (50,), "W2": (50, 100), "b2": (100,), "W3": (100, 10), "b3": (10,)
    }  # fmt: skip
    assert all(v.dtype == dtype for v in net.values())
    assert all(np.all(net[f"b{k}"] == 0) for k in (1, 2, 3))
    assert layer_count(net) == 3
    assert forward(net, np.zeros((2, 784), dtype=dtype), output="softmax").shape == (2, 10)
    assert init_weights([3, 2])["W1"].dtype == np.float64  # the default


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_xavier_is_the_training_scripts_initialisation_bit_for_bit(dtype):
    ours = init_weights(MNIST_SIZES, "xavier", np.random.default_rng(0), dtype)
    assert same_bits(ours, script_xavier_network(MNIST_SIZES, np.random.default_rng(0), dtype))
    assert same_bits(init_weights(MNIST_SIZES, "sigmoid", 0, dtype), ours)  # the alias, and an int seed
    assert same_bits(init_weights(MNIST_SIZES, "Xavier", 0, dtype), ours)


def test_he_and_a_fixed_std_follow_their_formulas_bit_for_bit():
    sizes = (20, 30, 5)
    expected_he, expected_fixed = {}, {}
    rng_he, rng_fixed = np.random.default_rng(1), np.random.default_rng(1)
    for k, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        expected_he[f"W{k}"] = rng_he.standard_normal((n_in, n_out)) * np.sqrt(2.0 / n_in)
        expected_he[f"b{k}"] = np.zeros(n_out)
        expected_fixed[f"W{k}"] = 0.01 * rng_fixed.standard_normal(
            (n_in, n_out)
        )  # the book's weight_init_std
        expected_fixed[f"b{k}"] = np.zeros(n_out)
    assert same_bits(init_weights(sizes, "he", 1), expected_he)
    assert same_bits(init_weights(sizes, "relu", 1), expected_he)
    assert same_bits(init_weights(sizes, 0.01, 1), expected_fixed)


@pytest.mark.parametrize(
    ("weight_init_std", "std"),
    [("xavier", lambda n: 1 / math.sqrt(n)), ("he", lambda n: math.sqrt(2 / n)), (0.01, lambda n: 0.01)],
)
def test_the_spread_of_the_weights(weight_init_std, std):
    """Measured on the 784 x 50 and 50 x 100 draws of seed 3: within 1.4 % of the intended standard deviation
    (bound 5 %), mean within 0.6 % of it (bound 10 %)."""
    net = init_weights(MNIST_SIZES, weight_init_std, rng=3)
    for k, n_in in ((1, 784), (2, 50)):
        assert np.std(net[f"W{k}"]) == pytest.approx(std(n_in), rel=0.05)
        assert abs(np.mean(net[f"W{k}"])) < 0.1 * std(n_in)


def test_init_weights_rng_seed_generator_or_none():
    assert same_bits(init_weights([5, 4, 3], rng=7), init_weights([5, 4, 3], rng=np.random.default_rng(7)))
    assert same_bits(init_weights([5, 4, 3], rng=np.int64(7)), init_weights([5, 4, 3], rng=7))
    assert not np.array_equal(init_weights([5, 4, 3], rng=7)["W1"], init_weights([5, 4, 3], rng=8)["W1"])
    # a Generator is used as it is: it goes on drawing where init_weights stopped, as train() needs
    gen, fresh = np.random.default_rng(9), np.random.default_rng(9)
    init_weights([5, 4, 3], rng=gen)
    fresh.standard_normal((5, 4))
    fresh.standard_normal((4, 3))
    assert gen.permutation(10).tolist() == fresh.permutation(10).tolist()
    # None: a fresh unseeded generator; NumPy's global random state is neither used nor changed
    state = np.random.get_state()[1].copy()  # noqa: NPY002 (checking the legacy global state is left alone)
    a, b = init_weights([5, 4, 3]), init_weights([5, 4, 3])
    assert not np.array_equal(a["W1"], b["W1"])
    np.testing.assert_array_equal(np.random.get_state()[1], state)  # noqa: NPY002


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"sizes": [784]}, ValueError, r"sizes must be at least two whole numbers >= 1.*got \(784,\)"),
        ({"sizes": [784, 0]}, ValueError, r"sizes must be at least two whole numbers >= 1.*got \(784, 0\)"),
        (
            {"sizes": [784, 2.5]},
            TypeError,
            r"sizes must be whole numbers such as \(784, 50, 100, 10\), got \[784, 2.5\]",
        ),
        ({"sizes": 784}, TypeError, r"sizes must be whole numbers"),
        (
            {"weight_init_std": "lecun"},
            ValueError,
            r"weight_init_std must be one of \['he', 'relu', 'sigmoid', 'xavier'\]",
        ),
        ({"weight_init_std": 0}, ValueError, r"weight_init_std must be positive, got 0.0"),
        ({"weight_init_std": -0.01}, ValueError, r"weight_init_std must be positive"),
        ({"weight_init_std": float("nan")}, ValueError, r"weight_init_std must be finite"),
        ({"weight_init_std": None}, TypeError, r"weight_init_std must be a real number"),
        (
            {"rng": np.random.RandomState(0)},
            TypeError,
            r"rng must be an int seed, a np.random.Generator.*got RandomState",
        ),
        ({"rng": "0"}, TypeError, r"rng must be an int seed.*got str"),
        ({"rng": True}, TypeError, r"rng must be an int seed.*got bool"),
        ({"rng": -1}, ValueError, r"rng must be a seed >= 0"),
        ({"dtype": np.int32}, TypeError, r"dtype must be a float type.*got int32"),
        ({"dtype": "nonsense"}, TypeError, r"dtype must be a float type"),
    ],
)
def test_init_weights_bad_arguments(kwargs, error, message):
    kwargs = {"sizes": [4, 3], **kwargs}
    with pytest.raises(error, match=message):
        init_weights(**kwargs)


def test_init_weights_docstring_says_where_it_is_taught():
    assert "Book §6.2" in init_weights.__doc__ and "notebook 09" in init_weights.__doc__


# ---- accuracy ---------------------------------------------------------------------------------------


def reference_accuracy(network, x, t):
    """One example at a time, with the Python-float forward pass above and a loop for the argmax."""
    correct = 0
    for row, label in zip(x, t):
        y = reference_forward(network, row)
        correct += max(range(len(y)), key=lambda k: y[k]) == label
    return correct / len(x)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_accuracy_matches_a_loop_over_the_examples(seed):
    net = random_network([6, 5, 4], seed=seed)
    rng = np.random.default_rng(seed + 10)
    x, t = rng.normal(size=(37, 6)), rng.integers(0, 4, size=37)
    expected = reference_accuracy(net, x, t)
    assert 0 < expected < 1
    for batch_size in (1, 5, 36, 37, 100):  # the batches do not change the answer
        got = accuracy(net, x, t, batch_size=batch_size)
        assert type(got) is float and got == expected, batch_size
    assert accuracy(net, x, np.eye(4)[t]) == expected  # one-hot rows
    assert accuracy(net, x, t, output="identity") == expected  # softmax keeps the order: the same argmax
    assert accuracy(net, x.astype(np.float32), t.astype(np.uint8)) == expected


def test_accuracy_is_the_trace_of_the_confusion_matrix_over_n():
    net = random_network([6, 5, 4], seed=4)
    rng = np.random.default_rng(5)
    x, t = rng.normal(size=(50, 6)), rng.integers(0, 4, size=50)
    counts = confusion_matrix(t, np.argmax(forward(net, x), axis=1), n_classes=4)
    assert accuracy(net, x, t) == np.trace(counts) / 50


def test_accuracy_on_the_books_network():
    net = init_network()
    y = forward(net, [[1.0, 0.5], [-1.0, 2.0], [3.0, -3.0]])
    labels = np.argmax(y, axis=1)
    assert accuracy(net, [[1.0, 0.5], [-1.0, 2.0], [3.0, -3.0]], labels) == 1.0
    assert accuracy(net, [[1.0, 0.5], [-1.0, 2.0], [3.0, -3.0]], 1 - labels) == 0.0
    assert accuracy(net, [[1.0, 0.5]], [1], hidden="relu") == 1.0


@pytest.mark.parametrize(
    ("x", "t", "kwargs", "error", "message"),
    [
        (
            [1.0, 0.5],
            [1],
            {},
            ValueError,
            r"x must be a batch of examples, shape \(N, inputs\), got shape \(2,\)",
        ),
        (np.zeros((0, 2)), [], {}, ValueError, r"x holds no examples"),
        (
            [[1.0, 0.5]] * 3,
            [1, 0],
            {},
            ValueError,
            r"t must hold one label per example, shape \(3,\), or one-hot rows of shape \(3, 2\); got shape \(2,\)",
        ),
        (
            [[1.0, 0.5]] * 3,
            np.eye(3),
            {},
            ValueError,
            r"or one-hot rows of shape \(3, 2\); got shape \(3, 3\)",
        ),
        (
            [[1.0, 0.5]] * 2,
            [1.0, 0.0],
            {},
            TypeError,
            r"t must hold class labels \(integers\), got dtype float64",
        ),
        (
            [[1.0, 0.5]] * 2,
            [1, 2],
            {},
            ValueError,
            r"t holds the class label 2, but there are 2 classes: labels must lie in 0 \.\.\. 1",
        ),
        ([[1.0, 0.5]] * 2, [-1, 0], {}, ValueError, r"t holds the class label -1, but there are 2 classes"),
        ([[1.0, 0.5]], [1], {"batch_size": 0}, ValueError, r"batch_size must be a whole number >= 1, got 0"),
        (
            [[1.0, 0.5]],
            [1],
            {"batch_size": 2.0},
            ValueError,
            r"batch_size must be a whole number >= 1, got 2.0",
        ),
        (
            [[1.0, 0.5]],
            [1],
            {"batch_size": True},
            ValueError,
            r"batch_size must be a whole number >= 1, got True",
        ),
        ([[1.0, 0.5, 2.0]], [1], {}, ValueError, r"W1 expects 2 inputs, got 3"),
    ],
)
def test_accuracy_bad_input(x, t, kwargs, error, message):
    with pytest.raises(error, match=message):
        accuracy(init_network(), x, t, **kwargs)


# ---- confusion_matrix -------------------------------------------------------------------------------


def test_confusion_matrix_matches_a_loop():
    rng = np.random.default_rng(6)
    labels, predictions = rng.integers(0, 10, size=500), rng.integers(0, 10, size=500)
    expected = [[0] * 10 for _ in range(10)]
    for a, b in zip(labels.tolist(), predictions.tolist()):
        expected[a][b] += 1
    counts = confusion_matrix(labels, predictions)
    assert counts.dtype == np.int64 and counts.shape == (10, 10)
    assert counts.tolist() == expected
    np.testing.assert_array_equal(counts.sum(axis=1), np.bincount(labels, minlength=10))  # rows: true classes
    np.testing.assert_array_equal(counts.sum(axis=0), np.bincount(predictions, minlength=10))
    assert np.trace(counts) == np.sum(labels == predictions)


def test_confusion_matrix_inputs():
    np.testing.assert_array_equal(confusion_matrix([1], [0], n_classes=2), [[0, 0], [1, 0]])
    np.testing.assert_array_equal(
        confusion_matrix((0, 1), np.array([1, 1], dtype=np.uint8), n_classes=np.int64(2)), [[0, 1], [0, 1]]
    )
    np.testing.assert_array_equal(
        confusion_matrix([True, False], [True, True], n_classes=2), [[0, 1], [0, 1]]
    )
    np.testing.assert_array_equal(confusion_matrix([], [], n_classes=3), np.zeros((3, 3), dtype=np.int64))


@pytest.mark.parametrize(
    ("labels", "predictions", "n_classes", "error", "message"),
    [
        (
            [0, 1],
            [0],
            10,
            ValueError,
            r"labels and predictions must be 1-D of the same length, got shapes \(2,\) and \(1,\)",
        ),
        ([[0, 1]], [[0, 1]], 10, ValueError, r"got shapes \(1, 2\) and \(1, 2\)"),
        (0, 0, 10, ValueError, r"got shapes \(\) and \(\)"),
        ([0.0, 1.0], [0, 1], 10, TypeError, r"labels must hold class labels \(integers\), got dtype float64"),
        (
            [0, 1],
            ["0", "1"],
            10,
            TypeError,
            r"predictions must hold class labels \(integers\), got dtype <U1",
        ),
        ([0, 10], [0, 1], 10, ValueError, r"labels holds the class label 10, but there are 10 classes"),
        ([0, 1], [-1, 1], 10, ValueError, r"predictions holds the class label -1, but there are 10 classes"),
        ([0], [0], 0, ValueError, r"n_classes must be a whole number >= 1, got 0"),
        ([0], [0], 2.0, TypeError, r"n_classes must be a whole number >= 1, got float 2.0"),
        ([0], [0], True, TypeError, r"n_classes must be a whole number >= 1, got bool True"),
    ],
)
def test_confusion_matrix_bad_input(labels, predictions, n_classes, error, message):
    with pytest.raises(error, match=message):
        confusion_matrix(labels, predictions, n_classes=n_classes)


def test_plane_outputs_is_forward_on_every_point():
    from nbhelpers.network import plane_outputs

    net = init_network()
    y = plane_outputs(net, (-3.0, 3.0), n=21, hidden="relu", output="softmax")
    assert y.shape == (21, 21, 2)
    xs = np.linspace(-3.0, 3.0, 21)
    # row i is x2 = xs[i] (origin="lower"), column j is x1 = xs[j]
    np.testing.assert_array_equal(y[15, 2], forward(net, np.array([[xs[2], xs[15]]]), "relu", "softmax")[0])


# ---- layer_activations: the book's histograms of the hidden layers (§6.2.2-6.2.3) -----------------------

ACTIVATION_FUNCTIONS = {"sigmoid": sigmoid, "tanh": tanh, "relu": relu}


def by_hand(activation, scale, layers=5, nodes=100, n=1000, seed=0):
    """The book's loop (ch06/weight_init_activation_histogram.py) with a Generator: x first, then each W."""
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((n, nodes))
    out = []
    for _ in range(layers):
        w = rng.standard_normal((nodes, nodes)) * scale(nodes)
        z = ACTIVATION_FUNCTIONS[activation](np.dot(z, w))
        out.append(z)
    return out


@pytest.mark.parametrize(
    ("activation", "weight_init_std", "scale"),
    [
        ("sigmoid", 1.0, lambda n: 1.0),
        ("sigmoid", 0.01, lambda n: 0.01),
        ("relu", 0.01, lambda n: 0.01),
        ("relu", "he", lambda n: np.sqrt(2.0 / n)),
        ("tanh", 1.0, lambda n: 1.0),
    ],
)
def test_layer_activations_are_the_books_loop_with_a_generator(activation, weight_init_std, scale):
    ours = layer_activations(activation, weight_init_std)
    expected = by_hand(activation, scale)
    assert len(ours) == 5
    for a, b in zip(ours, expected):
        assert a.shape == (1000, 100) and a.dtype == np.float64
        np.testing.assert_array_equal(a, b)


def test_layer_activations_with_xavier_and_a_generator():
    """Xavier's weights are w / sqrt(n) (init_weights), the book's sqrt(1/n) · w: the same to a few units in
    the last place, so the outputs agree to 1e-13."""
    ours = layer_activations("sigmoid", "xavier", layers=3, nodes=20, n=50, seed=np.random.default_rng(4))
    for a, b in zip(ours, by_hand("sigmoid", lambda n: np.sqrt(1.0 / n), 3, 20, 50, 4)):
        np.testing.assert_allclose(a, b, rtol=1e-13)
    gen = np.random.default_rng(4)
    layer_activations("relu", "he", layers=2, nodes=3, n=4, seed=gen)  # a Generator is used as it is
    fresh = np.random.default_rng(4)
    fresh.standard_normal((4, 3)), fresh.standard_normal((3, 3)), fresh.standard_normal((3, 3))
    assert gen.integers(0, 10**9) == fresh.integers(0, 10**9)
    a, b = layer_activations(seed=5), layer_activations(seed=5)
    assert all(np.array_equal(u, v) for u, v in zip(a, b))
    assert len(layer_activations("tanh", layers=1, nodes=2, n=3)) == 1


def saturated(z) -> float:
    """The fraction of sigmoid outputs in the flat tails, below 0.1 or above 0.9."""
    return float(np.mean((z < 0.1) | (z > 0.9)))


# Measured with seed 0 (1000 inputs, 5 layers of 100 nodes), layer 1 ... 5:
# - sigmoid, std 1: below 0.1 or above 0.9: 0.82, 0.75, 0.72, 0.74, 0.76; in (0.4, 0.6): 0.033 ... 0.052
# - sigmoid, std 0.01: std 0.025, 0.012, 0.011, 0.013, 0.012; every value within 0.108 of 0.5
# - sigmoid, Xavier: std 0.21, 0.12, 0.11, 0.12, 0.12; below 0.01 or above 0.99: none; min 0.012, max 0.987
# - ReLU, std 0.01: mean 4.0e-2, 2.8e-3, 2.1e-4, 1.4e-5, 1.2e-6 (each 0.065 ... 0.083 of the one before);
#   the last layer's largest value 1.8e-5
# - ReLU, He: std 0.82, 0.82, 0.86, 0.88, 1.00; mean 0.56 ... 0.66; exactly 0: 0.46 ... 0.52
def test_sigmoid_with_std_1_saturates_at_0_and_1():
    for z in layer_activations("sigmoid", 1.0):
        assert saturated(z) > 0.65
        assert np.mean((z > 0.4) & (z < 0.6)) < 0.1


def test_sigmoid_with_std_001_puts_everything_near_one_half():
    for z in layer_activations("sigmoid", 0.01):
        assert z.std() < 0.04
        assert np.abs(z - 0.5).max() < 0.15


def test_sigmoid_with_xavier_spreads_without_saturating():
    narrow = layer_activations("sigmoid", 0.01)
    for z, small in zip(layer_activations("sigmoid", "xavier"), narrow):
        assert 0.08 < z.std() < 0.3
        assert z.std() > 4 * small.std()
        assert np.mean((z < 0.01) | (z > 0.99)) < 0.01


def test_relu_with_std_001_collapses_to_0_deeper():
    means = [z.mean() for z in layer_activations("relu", 0.01)]
    assert means[0] < 0.1
    assert all(deeper < 0.15 * shallower for shallower, deeper in zip(means, means[1:]))
    assert layer_activations("relu", 0.01)[-1].max() < 1e-4


def test_relu_with_he_keeps_the_same_spread_in_every_layer():
    zs = layer_activations("relu", "he")
    stds = [z.std() for z in zs]
    assert 0.6 < min(stds) and max(stds) < 1.3 and max(stds) / min(stds) < 1.5
    for z in zs:
        assert 0.4 < np.mean(z == 0) < 0.6  # half of the weighted sums are negative
        assert 0.4 < z.mean() < 0.8


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"activation": "softmax"}, ValueError, r"activation must be one of \['sigmoid', 'tanh', 'relu'\]"),
        ({"activation": None}, ValueError, r"activation must be one of"),
        ({"weight_init_std": "lecun"}, ValueError, r"weight_init_std must be one of"),
        ({"weight_init_std": 0}, ValueError, r"weight_init_std must be positive"),
        ({"layers": 0}, ValueError, r"layers must be a whole number >= 1, got 0"),
        ({"nodes": 2.5}, TypeError, r"nodes must be a whole number >= 1, got float 2.5"),
        ({"n": True}, TypeError, r"n must be a whole number >= 1"),
        ({"seed": "0"}, TypeError, r"seed must be an int seed, a np.random.Generator.*got str"),
        ({"seed": -1}, ValueError, r"seed must be a seed >= 0"),
    ],
)
def test_layer_activations_bad_arguments(kwargs, error, message):
    with pytest.raises(error, match=message):
        layer_activations(**{"layers": 2, "nodes": 3, "n": 4, **kwargs})


@pytest.mark.parametrize(
    ("activation", "stuck"),
    [
        ("sigmoid", lambda z: (z < 0.01) | (z > 0.99)),
        ("tanh", lambda z: np.abs(z) > 0.99),
        ("relu", lambda z: z == 0),
    ],
)
def test_stuck_share_counts_the_flat_ends_or_the_zeros(activation, stuck):
    from nbhelpers.network import stuck_share

    z = layer_activations(activation, weight_init_std=1.0, layers=3, seed=0)
    for values in z:
        assert stuck_share(values, activation) == sum(bool(v) for v in stuck(values).ravel()) / values.size
    assert stuck_share([0.0, 0.005, 0.5, 1.0], "sigmoid") == 0.75
    with pytest.raises(ValueError, match="activation must be one of"):
        stuck_share(z[0], "step")
