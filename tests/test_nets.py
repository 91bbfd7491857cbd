"""Tests for nbhelpers.nets: the book's TwoLayerNet.

Shapes and dtypes of the parameters and gradients (float32 stays float32); predict is exactly
``forward(params, x, output="softmax")``; loss and accuracy against direct loops; the numerical gradient
against an analytic gradient written here (softmax + cross-entropy, backpropagated by hand, below); the
parameters are changed in place, never rebound, and left bit for bit as they were by the gradient; seeds
reproduce; NumPy's global random state is never touched; bad input gets an error naming the argument.

The analytic gradient. With Z1 = sigmoid(X W1 + b1), Y = softmax(Z1 W2 + b2) and the loss
L = -(1/N) Σ_n log(y_{n,t_n} + δ) (δ = 1e-7, as cross_entropy_error has it):
  dA2 = (Y - T) · r / N, with r_n = y_{n,t_n} / (y_{n,t_n} + δ) (r = 1 for δ = 0: the usual (Y - T) / N),
  dW2 = Z1ᵀ dA2, db2 = Σ_n dA2, dZ1 = dA2 W2ᵀ, dA1 = dZ1 · Z1 (1 - Z1), dW1 = Xᵀ dA1, db1 = Σ_n dA1.
The δ only scales each example's row by r_n = 1 - δ / (y + δ): against the δ-free formula the numerical
gradient differs by a relative ~δ / y. So two comparisons: with the δ-aware factor r
the tolerance is the numerical gradient's own error (central differences, h = 1e-4: truncation h²/6 · f'''
~1e-9 relative, rounding ε L / h ~1e-12); against the δ-free formula the tolerance adds the δ's largest
relative effect on an example's row, δ / y (up to ~2e-6 here: the weights of std 1 make some y small),
which cancellation between examples can enlarge a little. Measured maxima (norm-wise relative error,
5 seeds, float64): δ-aware 3.2e-9 (bound 1e-8); δ-free 2.0e-6 (bound 1e-5, with max δ / y < 1e-5). In
float32 the rounding of the loss dominates: the largest absolute error of an element was 0.97 ε L / h
over 20 seeds (bound 4 ε L / h, ε = 1.2e-7, h = 1e-4).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import nbhelpers
from nbhelpers import SGD, TwoLayerNet, cross_entropy_error, forward, nets

KEYS = ["W1", "b1", "W2", "b2"]


def analytic_gradient(params, x, t, delta=1e-7):
    """The gradient of the cross-entropy loss of the two-layer net, backpropagated by hand (see above)."""
    w1, b1, w2, b2 = (params[k].astype(np.float64) for k in KEYS)
    x = np.asarray(x, dtype=np.float64)
    n = len(x)
    z1 = 1.0 / (1.0 + np.exp(-(x @ w1 + b1)))
    a2 = z1 @ w2 + b2
    e = np.exp(a2 - a2.max(axis=1, keepdims=True))
    y = e / e.sum(axis=1, keepdims=True)
    onehot = np.eye(w2.shape[1])[t]
    y_t = y[np.arange(n), t]
    r = y_t / (y_t + delta)
    da2 = (y - onehot) * r[:, None] / n
    dz1 = da2 @ w2.T
    da1 = dz1 * z1 * (1.0 - z1)
    return {"W1": x.T @ da1, "b1": da1.sum(axis=0), "W2": z1.T @ da2, "b2": da2.sum(axis=0)}


def random_case(seed, dtype=np.float64, n=7, sizes=(3, 4, 3)):
    """A net with weights of std 1 and biases away from 0 (so that every term matters), and a batch."""
    rng = np.random.default_rng(seed)
    net = TwoLayerNet(*sizes, weight_init_std=1.0, rng=rng, dtype=dtype)
    for key in ("b1", "b2"):
        net.params[key][...] = rng.normal(0.0, 0.5, net.params[key].shape)
    x = rng.normal(size=(n, sizes[0])).astype(dtype)
    t = rng.integers(0, sizes[2], size=n)
    return net, x, t


def rel_error(a, b):
    return float(np.linalg.norm(a - b) / np.linalg.norm(b))


# ---- shapes, dtypes, forward ------------------------------------------------------------------


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_params_and_gradients_have_the_books_shapes_and_keep_the_dtype(dtype):
    net = TwoLayerNet(input_size=3, hidden_size=5, output_size=4, rng=0, dtype=dtype)
    shapes = {"W1": (3, 5), "b1": (5,), "W2": (5, 4), "b2": (4,)}
    assert list(net.params) == KEYS
    assert {k: v.shape for k, v in net.params.items()} == shapes
    assert all(v.dtype == dtype for v in net.params.values())
    x = np.random.default_rng(1).normal(size=(6, 3))  # float64 input: converted to the net's dtype
    grads = net.numerical_gradient(x, [0, 1, 2, 3, 0, 1])
    assert list(grads) == KEYS
    assert {k: (g.shape, g.dtype) for k, g in grads.items()} == {
        k: (s, np.dtype(dtype)) for k, s in shapes.items()
    }
    assert net.predict(x).dtype == dtype
    assert (net.input_size, net.hidden_size, net.output_size) == (3, 5, 4)
    assert net.param_count() == 3 * 5 + 5 + 5 * 4 + 4 == 44
    assert repr(net) == f"TwoLayerNet(input_size=3, hidden_size=5, output_size=4, dtype={np.dtype(dtype)})"


def test_initial_weights_are_scaled_normal_draws_and_biases_are_zero():
    net = TwoLayerNet(50, 40, 30, weight_init_std=0.01, rng=np.random.default_rng(5))
    rng = np.random.default_rng(5)  # the same draws, in the same order: W1 then W2
    np.testing.assert_array_equal(net.params["W1"], 0.01 * rng.standard_normal((50, 40)))
    np.testing.assert_array_equal(net.params["W2"], 0.01 * rng.standard_normal((40, 30)))
    assert not net.params["b1"].any() and not net.params["b2"].any()
    assert net.params["W1"].std() == pytest.approx(0.01, rel=0.05)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_predict_is_forward_with_softmax(dtype):
    net, x, _ = random_case(0, dtype)
    y = net.predict(x)
    np.testing.assert_array_equal(y, forward(net.params, x, output="softmax"))
    assert y.shape == (7, 3) and y.dtype == dtype
    np.testing.assert_allclose(y.sum(axis=1), 1.0, rtol=1e-6)
    one = net.predict(x[2])  # one input: one row of probabilities
    assert one.shape == (3,)
    np.testing.assert_allclose(one, y[2], rtol=1e-6)


def test_loss_and_accuracy_against_direct_loops():
    net, x, t = random_case(1, n=20)
    y = net.predict(x)
    expected = -math.fsum(math.log(y[i, t[i]] + 1e-7) for i in range(20)) / 20
    assert net.loss(x, t) == pytest.approx(expected, rel=1e-12)
    assert type(net.loss(x, t)) is float
    onehot = np.eye(3)[t]
    assert net.loss(x, onehot) == pytest.approx(net.loss(x, t), rel=1e-12)
    assert net.loss(x[0], t[0]) == pytest.approx(cross_entropy_error(y[0], t[0]), rel=1e-12)
    right = sum(max(range(3), key=lambda k, i=i: y[i, k]) == t[i] for i in range(20))
    assert net.accuracy(x, t) == right / 20
    assert net.accuracy(x, onehot) == right / 20
    assert type(net.accuracy(x, t)) is float
    assert net.accuracy(x[:1], t[:1]) in (0.0, 1.0)


# ---- the gradient -----------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_numerical_gradient_agrees_with_the_analytic_gradient(seed):
    net, x, t = random_case(seed)
    grads = net.numerical_gradient(x, t)
    with_delta, without = analytic_gradient(net.params, x, t), analytic_gradient(net.params, x, t, delta=0.0)
    y_t = net.predict(x)[np.arange(len(t)), t]
    assert float(np.max(1e-7 / y_t)) < 1e-5  # the δ's largest relative change to one example's row
    for key in KEYS:
        assert rel_error(grads[key], with_delta[key]) < 1e-8, key  # measured: at most 3.2e-9
        assert rel_error(grads[key], without[key]) < 1e-5, key  # measured: at most 2.0e-6 (the δ)


def test_numerical_gradient_in_float32_is_close_to_the_analytic_gradient():
    for seed in range(5):
        net, x, t = random_case(seed, np.float32)
        grads = net.numerical_gradient(x, t)
        expected = analytic_gradient(net.params, x, t)
        unit = np.finfo(np.float32).eps * net.loss(x, t) / 1e-4  # the rounding of the loss, over h
        for key in KEYS:
            assert grads[key].dtype == np.float32
            assert np.max(np.abs(grads[key] - expected[key])) < 4 * unit, key  # measured: 0.97 unit


def test_the_gradient_leaves_params_as_they_were_and_never_rebinds_them():
    net, x, t = random_case(2)
    arrays = {k: v for k, v in net.params.items()}
    before = {k: v.tobytes() for k, v in net.params.items()}
    grads = net.numerical_gradient(x, t)
    assert all(net.params[k] is arrays[k] for k in KEYS)
    assert all(net.params[k].tobytes() == before[k] for k in KEYS)
    assert all(grads[k] is not net.params[k] for k in KEYS)
    # an optimizer's in-place step is what the net computes with next
    SGD(lr=0.5).update(net.params, grads)
    assert all(net.params[k] is arrays[k] for k in KEYS)
    np.testing.assert_array_equal(net.predict(x), forward(net.params, x, output="softmax"))
    assert math.isfinite(net.loss(x, t))


def test_numerical_gradient_follows_the_books_protocol_through_loss():
    """It differentiates self.loss (the book's ``lambda W: self.loss(x, t)``): a subclass's loss is used."""

    class Doubled(TwoLayerNet):
        def loss(self, x, t):
            return 2 * super().loss(x, t)

    net, x, t = random_case(3)
    doubled = Doubled(3, 4, 3)
    for key in KEYS:
        doubled.params[key][...] = net.params[key]
    g, g2 = net.numerical_gradient(x, t), doubled.numerical_gradient(x, t)
    for key in KEYS:
        np.testing.assert_allclose(g2[key], 2 * g[key], rtol=1e-6, atol=1e-12)


def test_gradient_descent_steps_lower_the_loss_on_a_fixed_batch():
    net, x, t = random_case(4, n=20)
    losses = [net.loss(x, t)]
    for _ in range(10):
        SGD(lr=0.5).update(net.params, net.numerical_gradient(x, t))
        losses.append(net.loss(x, t))
    assert all(b < a for a, b in zip(losses, losses[1:])), losses


# ---- randomness -------------------------------------------------------------------------------


def test_seeds_reproduce_and_the_global_random_state_is_untouched():
    state = np.random.get_state()[1].copy()  # noqa: NPY002 (checking the legacy global state is left alone)
    a, b, c = TwoLayerNet(2, 3, 2, rng=7), TwoLayerNet(2, 3, 2, rng=7), TwoLayerNet(2, 3, 2, rng=8)
    assert all(np.array_equal(a.params[k], b.params[k]) for k in KEYS)
    assert not np.array_equal(a.params["W1"], c.params["W1"])
    gen = np.random.default_rng(7)
    d, e = TwoLayerNet(2, 3, 2, rng=gen), TwoLayerNet(2, 3, 2, rng=gen)  # a Generator goes on drawing
    assert np.array_equal(d.params["W1"], a.params["W1"])
    assert not np.array_equal(e.params["W1"], d.params["W1"])
    TwoLayerNet(2, 3, 2)  # unseeded: a fresh generator, not NumPy's global one
    assert np.array_equal(np.random.get_state()[1], state)  # noqa: NPY002


# ---- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"input_size": 0}, ValueError, "input_size must be a whole number >= 1, got 0"),
        ({"hidden_size": -3}, ValueError, "hidden_size must be a whole number >= 1, got -3"),
        ({"output_size": 2.5}, TypeError, "output_size must be a whole number"),
        ({"hidden_size": True}, TypeError, "hidden_size must be a whole number"),
        ({"weight_init_std": -0.1}, ValueError, "weight_init_std must be positive"),
        ({"weight_init_std": "big"}, ValueError, "weight_init_std must be one of"),
        ({"rng": "seed"}, TypeError, "rng must be an int seed"),
        ({"dtype": np.int32}, TypeError, "dtype must be a float type"),
    ],
)
def test_bad_arguments_are_named(kwargs, error, match):
    args = {"input_size": 2, "hidden_size": 3, "output_size": 2, **kwargs}
    with pytest.raises(error, match=match):
        TwoLayerNet(**args)


def test_inputs_and_labels_that_do_not_fit_are_named_with_their_shapes():
    net = TwoLayerNet(3, 4, 2, rng=0)
    x = np.zeros((5, 3))
    for method in (net.predict, lambda x: net.loss(x, [0] * len(x))):
        with pytest.raises(ValueError, match=r"x must have shape \(N, 3\).*W1 has shape \(3, 4\).*\(5, 2\)"):
            method(np.zeros((5, 2)))
    with pytest.raises(ValueError, match=r"x must have shape.*got x of shape \(2, 5, 3\)"):
        net.predict(np.zeros((2, 5, 3)))
    for method in (net.loss, net.accuracy, net.numerical_gradient):
        with pytest.raises(
            ValueError, match=r"t must hold one class label per input of x, shape \(5,\).*\(4,\)"
        ):
            method(x, [0, 1, 0, 1])
        with pytest.raises(ValueError, match=r"t holds the class label 2, but there are 2 classes"):
            method(x, [0, 1, 2, 0, 1])
        with pytest.raises(TypeError, match=r"t must hold class labels \(integers\), got dtype float64"):
            method(x, [0.0, 1.0, 0.0, 1.0, 0.0])
    with pytest.raises(TypeError, match="x must be a number or an array of numbers"):
        net.predict("x")
    with pytest.raises(ValueError, match="x holds no inputs"):
        net.accuracy(np.zeros((0, 3)), np.zeros(0, dtype=int))


def test_nan_propagates():
    net = TwoLayerNet(2, 3, 2, rng=0)
    assert np.isnan(net.predict([np.nan, 0.0])).all()
    assert math.isnan(net.loss([[np.nan, 0.0]], [1]))


def test_public_names():
    assert nets.__all__ == ["TwoLayerNet"]
    assert nbhelpers.TwoLayerNet is TwoLayerNet
    for obj in (TwoLayerNet, TwoLayerNet.predict, TwoLayerNet.loss, TwoLayerNet.numerical_gradient):
        assert "Book §4.5" in obj.__doc__ and "notebook 07" in obj.__doc__
