"""Tests for nbhelpers.nets: the book's TwoLayerNet (and, at the end, its MultiLayerNet and its
MultiLayerNetExtend, with their own references and measured maxima in their sections).

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

import book
import numpy as np
import pytest
from helpers import FAST, no_warnings
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import nbhelpers
from nbhelpers import (
    SGD,
    MultiLayerNet,
    MultiLayerNetExtend,
    TwoLayerNet,
    cross_entropy_error,
    forward,
    gradient_check,
    nets,
)
from nbhelpers.layers import Affine, BatchNormalization, Dropout, Relu, Sigmoid, SoftmaxWithLoss

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
    assert repr(net) == (
        "TwoLayerNet(input_size=3, hidden_size=5, output_size=4, "
        f"dtype={np.dtype(dtype)}, activation='sigmoid')"
    )


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
    # one input, with its label or its one-hot row (the one-hot row was once compared element by element)
    for i in range(20):
        assert net.accuracy(x[i], t[i]) == net.accuracy(x[i], onehot[i]) == float(y[i].argmax() == t[i])


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
    assert nets.__all__ == [
        "TwoLayerNet",
        "MultiLayerNet",
        "MultiLayerNetExtend",
        "SimpleConvNet",
        "pretrained_convnet",
        "pretrained_convnet_settings",
    ]
    assert (
        nbhelpers.MultiLayerNetExtend is nets.MultiLayerNetExtend
        and nbhelpers.SimpleConvNet is nets.SimpleConvNet
    )
    assert nbhelpers.TwoLayerNet is TwoLayerNet and nbhelpers.MultiLayerNet is MultiLayerNet
    for obj in (TwoLayerNet.predict, TwoLayerNet.loss, TwoLayerNet.numerical_gradient):
        assert "Book §4.5" in obj.__doc__ and "notebook 07" in obj.__doc__
    assert "Book §4.5.1, §5.7.2" in TwoLayerNet.__doc__ and "notebooks 07, 08" in TwoLayerNet.__doc__
    assert "Book §5.7.2" in TwoLayerNet.gradient.__doc__ and "notebook 08" in TwoLayerNet.gradient.__doc__


# ---- backpropagation: TwoLayerNet.gradient and the activation (notebook 08) ------------------------
#
# The reference: the analytic gradient written out above, for either hidden activation (ReLU's derivative:
# 1 where A1 > 0, else 0), with the δ-aware factor r; and the numerical gradient, via gradient_check.
# For ReLU the draws keep every hidden pre-activation A1 at least 1e-3 from the kink: the numerical
# gradient's step (h = 1e-4 on a weight moves A1 by h |x| < 1e-3 for the normal draws |x| < 10) then
# never crosses it. Draws where some parameter's gradient is nearly flat are skipped (see ``informative``).
# Measured maxima, over 2 × 3000 draws per activation (a script ran backprop_case, gradient_check and the
# comparisons below on the same distributions): gradient_check in float64: sigmoid 2.4e-8, relu 4.0e-8
# (bound 1e-7; without the ``informative`` filter up to 2.5e-7, and with weights of std 1 instead of 0.5
# up to 1.1e-7: the numerical gradient's truncation h² |L‴| / 6 grows with the weights); backprop against
# the analytic gradient: 8.2e-15 (bound 1e-12); float32 backprop against float64 backprop: 1.7e-6 (bound
# 1e-5); float32 backprop against float32's numerical gradient: 1.3 ε L / h (bound 4, 1000 seeds each).

ACTIVATIONS = ["sigmoid", "relu"]


def analytic_gradient_for(params, x, t, activation, delta=1e-7):
    """The analytic gradient (see the top of this file) with either hidden activation; t labels or one-hot."""
    w1, b1, w2, b2 = (params[k].astype(np.float64) for k in KEYS)
    x, t = np.asarray(x, dtype=np.float64), np.asarray(t)
    labels = t.reshape(-1, w2.shape[1]).argmax(axis=1) if t.ndim == x.ndim else t.reshape(-1)
    x = np.atleast_2d(x)
    n = len(x)
    a1 = x @ w1 + b1
    if activation == "relu":
        z1, dz1_da1 = np.maximum(a1, 0.0), (a1 > 0).astype(np.float64)
    else:
        z1 = 1.0 / (1.0 + np.exp(-a1))
        dz1_da1 = z1 * (1.0 - z1)
    a2 = z1 @ w2 + b2
    e = np.exp(a2 - a2.max(axis=1, keepdims=True))
    y = e / e.sum(axis=1, keepdims=True)
    y_t = y[np.arange(n), labels]
    r = y_t / (y_t + delta)
    da2 = (y - np.eye(w2.shape[1])[labels]) * r[:, None] / n
    da1 = (da2 @ w2.T) * dz1_da1
    return {"W1": x.T @ da1, "b1": da1.sum(axis=0), "W2": z1.T @ da2, "b2": da2.sum(axis=0)}


def max_rel(a, b) -> float:
    """max |a - b| relative to the largest entry of either (gradient_check's measure)."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    scale = max(np.abs(a).max(initial=0.0), np.abs(b).max(initial=0.0))
    return float(np.abs(a - b).max(initial=0.0) / scale) if scale > 0 else 0.0


def backprop_case(seed, sizes, n, activation, one_hot, dtype=np.float64):
    """A net with weights of std 0.5 and biases of std 0.25, a batch (n = None: one input) and its targets."""
    rng = np.random.default_rng(seed)
    net = TwoLayerNet(*sizes, weight_init_std=0.5, rng=rng, dtype=dtype, activation=activation)
    for key in ("b1", "b2"):
        net.params[key][...] = rng.normal(0.0, 0.25, net.params[key].shape)
    x = rng.normal(size=(sizes[0],) if n is None else (n, sizes[0])).astype(dtype)
    t = rng.integers(0, sizes[2], size=n)
    return net, x, (np.eye(sizes[2])[t] if one_hot else t)


def informative(grads) -> bool:
    """Every parameter's gradient is all zero (dead ReLUs: both sides give exactly 0) or has an entry of at
    least 1e-2. Below that the loss is flat in the parameter (saturated outputs, or the examples' parts
    cancel) and the numerical gradient's own error, about h² |L‴| / 6 ≈ 1e-9 (h = 1e-4), is no longer small
    against it: the relative error then measures the numerical gradient, not backpropagation."""
    return all(not g.any() or np.abs(g).max() >= 1e-2 for g in grads.values())


def kink_distance(net, x) -> float:
    """The smallest |A1| = |x W1 + b1| over the batch: how near a ReLU is to its kink."""
    a1 = np.atleast_2d(x).astype(np.float64) @ net.params["W1"] + net.params["b1"]
    return float(np.abs(a1).min())


net_sizes = st.tuples(st.integers(1, 4), st.integers(1, 5), st.integers(2, 4))


@settings(FAST, max_examples=40)
@given(
    seed=st.integers(0, 2**32 - 1),
    sizes=net_sizes,
    n=st.one_of(st.none(), st.integers(1, 6)),
    activation=st.sampled_from(ACTIVATIONS),
    one_hot=st.booleans(),
)
def test_gradient_agrees_with_the_numerical_gradient(seed, sizes, n, activation, one_hot):
    net, x, t = backprop_case(seed, sizes, n, activation, one_hot)
    if activation == "relu":
        assume(kink_distance(net, x) > 1e-3)
    grads = net.gradient(x, t)
    assume(informative(grads))
    assert list(grads) == KEYS
    assert {k: (g.shape, g.dtype) for k, g in grads.items()} == {
        k: (v.shape, v.dtype) for k, v in net.params.items()
    }
    expected = analytic_gradient_for(net.params, x, t, activation)
    for key in KEYS:
        assert max_rel(grads[key], expected[key]) < 1e-12, key  # measured: 8.2e-15
    errors = gradient_check(net, x, t)
    assert all(e < 1e-7 for e in errors.values()), errors  # measured: 2.4e-8 (sigmoid), 4.0e-8 (relu)


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_gradient_in_float32_stays_float32_and_agrees_with_float64(activation):
    for seed in range(12):
        net32, x, t = backprop_case(seed, (4, 5, 3), 6, activation, False, np.float32)
        if activation == "relu" and kink_distance(net32, x) <= 1e-3:
            continue  # the numerical gradient would straddle a kink
        net64 = TwoLayerNet(4, 5, 3, activation=activation)
        for key in KEYS:
            net64.params[key][...] = net32.params[key]
        g32, g64 = net32.gradient(x, t), net64.gradient(x.astype(np.float64), t)
        assert all(g32[k].dtype == np.float32 for k in KEYS)
        assert (
            net32.gradient(x.astype(np.float64), t)["W1"].dtype == np.float32
        )  # x converted to the net's type
        for key in KEYS:
            # float32's ε = 1.2e-7, times the few roundings on the way (measured: 1.7e-6)
            assert max_rel(g32[key], g64[key]) < 1e-5, (seed, key)
        # against float32's numerical gradient, whose rounding of the loss over h is ε L / h ≈ 1e-3: a
        # relative gradient_check says little here (measured: up to 0.11), the absolute error does
        numerical = net32.numerical_gradient(x, t)
        unit = np.finfo(np.float32).eps * net32.loss(x, t) / 1e-4
        for key in KEYS:
            assert np.max(np.abs(g32[key] - numerical[key])) < 4 * unit, (seed, key)  # measured: 1.3 unit


def test_gradient_of_one_input_and_of_a_batch_of_one():
    for activation in ACTIVATIONS:
        net, x, t = backprop_case(5, (3, 4, 3), None, activation, False)
        one, batch = net.gradient(x, t), net.gradient(x[None], np.atleast_1d(t))
        for key in KEYS:
            np.testing.assert_array_equal(one[key], batch[key])
        np.testing.assert_array_equal(net.gradient(x, np.eye(3)[t])["W1"], one["W1"])


def test_the_layers_loss_is_the_nets_loss():
    """The forward pass through the layers gives what loss gives (the same operations, bit for bit)."""
    for activation in ACTIVATIONS:
        for dtype in (np.float64, np.float32):
            net, x, t = backprop_case(6, (3, 4, 3), 7, activation, False, dtype)
            net.gradient(x, t)
            assert net.lastLayer.loss == net.loss(x, t)
            np.testing.assert_array_equal(net.lastLayer.y, net.predict(x))


def test_gradient_leaves_params_as_they_were_and_returns_new_arrays():
    net, x, t = backprop_case(7, (3, 4, 3), 5, "relu", False)
    arrays = dict(net.params)
    before = {k: v.tobytes() for k, v in net.params.items()}
    x_before = x.tobytes()
    grads = net.gradient(x, t)
    assert all(net.params[k] is arrays[k] for k in KEYS)
    assert all(net.params[k].tobytes() == before[k] for k in KEYS)
    assert x.tobytes() == x_before
    assert not any(np.shares_memory(grads[k], v) for k in KEYS for v in net.params.values())
    kept = {k: g.copy() for k, g in grads.items()}
    net.gradient(x[::-1], t[::-1])  # the next call does not overwrite the arrays it gave before
    assert all(np.array_equal(grads[k], kept[k]) for k in KEYS)


def test_gradient_sees_params_changed_in_place_and_params_rebound():
    net, x, t = backprop_case(8, (3, 4, 3), 5, "relu", False)
    SGD(lr=0.3).update(net.params, net.gradient(x, t))  # in place, as every optimizer does
    fresh = analytic_gradient_for(net.params, x, t, "relu")
    grads = net.gradient(x, t)
    assert all(max_rel(grads[k], fresh[k]) < 1e-12 for k in KEYS)
    # a learner's assignment: net.params["W1"] = a new array (then the layers must use it)
    rng = np.random.default_rng(9)
    for key in KEYS:
        net.params[key] = rng.normal(size=net.params[key].shape)
        grads = net.gradient(x, t)
        expected = analytic_gradient_for(net.params, x, t, "relu")
        assert all(max_rel(grads[k], expected[k]) < 1e-12 for k in KEYS), key
        assert net.lastLayer.loss == net.loss(x, t)
    assert net.layers["Affine1"].W is net.params["W1"] and net.layers["Affine2"].b is net.params["b2"]
    # and after a rebinding, in-place steps are seen again
    net.params["W2"] *= 0.5
    expected = analytic_gradient_for(net.params, x, t, "relu")
    assert all(max_rel(net.gradient(x, t)[k], expected[k]) < 1e-12 for k in KEYS)


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_layers_and_last_layer_are_the_books(activation):
    net = TwoLayerNet(3, 4, 2, rng=0, activation=activation)
    hidden = {"sigmoid": ("Sigmoid1", Sigmoid), "relu": ("Relu1", Relu)}[activation]
    assert list(net.layers) == ["Affine1", hidden[0], "Affine2"]
    assert [type(layer) for layer in net.layers.values()] == [Affine, hidden[1], Affine]
    assert isinstance(net.lastLayer, SoftmaxWithLoss)
    assert net.layers["Affine1"].W is net.params["W1"] and net.layers["Affine1"].b is net.params["b1"]
    assert net.layers["Affine2"].W is net.params["W2"] and net.layers["Affine2"].b is net.params["b2"]
    assert net.activation == activation
    assert repr(net).endswith(f"activation={activation!r})")
    assert TwoLayerNet(3, 4, 2).activation == "sigmoid"  # the default: the book's chapter 4 net


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_relu_net_predict_loss_accuracy_are_forward_with_relu(dtype):
    net, x, t = backprop_case(10, (3, 4, 3), 20, "relu", False, dtype)
    y = forward(net.params, x, hidden="relu", output="softmax")
    np.testing.assert_array_equal(net.predict(x), y)
    assert net.predict(x).dtype == dtype
    assert net.loss(x, t) == cross_entropy_error(y, t)
    assert net.accuracy(x, t) == float(np.mean(y.argmax(axis=1) == t))
    assert net.accuracy(x, np.eye(3)[t]) == net.accuracy(x, t)
    sig = TwoLayerNet(3, 4, 3, activation="sigmoid")
    for key in KEYS:
        sig.params[key][...] = net.params[key]
    assert not np.array_equal(sig.predict(x), net.predict(x))  # the activation is really used


def test_numerical_gradient_of_the_relu_net_follows_its_loss():
    net, x, t = backprop_case(11, (3, 4, 3), 6, "relu", False)
    assert kink_distance(net, x) > 1e-3
    grads = net.numerical_gradient(x, t)
    expected = analytic_gradient_for(net.params, x, t, "relu")
    assert all(max_rel(grads[k], expected[k]) < 1e-7 for k in KEYS)


@pytest.mark.parametrize("activation", ["tanh", "ReLU", None, 1, "softmax", ["relu"]])
def test_activation_must_be_sigmoid_or_relu(activation):
    with pytest.raises(
        (ValueError, TypeError), match=r"TwoLayerNet: activation must be 'sigmoid'.*or 'relu'"
    ):
        TwoLayerNet(2, 3, 2, activation=activation)


def test_gradient_bad_input_is_named_with_the_shapes():
    net = TwoLayerNet(3, 4, 2, rng=0, activation="relu")
    with pytest.raises(ValueError, match=r"gradient: x must have shape \(N, 3\).*got x of shape \(5, 2\)"):
        net.gradient(np.zeros((5, 2)), [0] * 5)
    with pytest.raises(
        ValueError, match=r"gradient: t must hold one class label per input of x, shape \(5,\)"
    ):
        net.gradient(np.zeros((5, 3)), [0, 1])
    with pytest.raises(ValueError, match=r"t holds the class label 2, but there are 2 classes"):
        net.gradient(np.zeros((5, 3)), [0, 1, 2, 0, 1])


def test_gradient_nan_propagates_without_warnings():
    for activation in ACTIVATIONS:
        net, x, t = backprop_case(12, (3, 4, 3), 4, activation, False)
        x[0, 0] = np.nan
        with no_warnings():
            grads = net.gradient(x, t)
        assert np.isnan(grads["W1"]).any() and np.isnan(grads["b2"]).all()


def test_gradient_of_a_saturated_net_without_warnings():
    """Huge weights: the hidden layer saturates, the softmax puts all on one class; finite gradients."""
    for activation in ACTIVATIONS:
        net, x, t = backprop_case(13, (3, 4, 3), 6, activation, False)
        for key in KEYS:
            net.params[key] *= 1e3
        with no_warnings():
            grads = net.gradient(x, t)
        assert all(np.isfinite(g).all() for g in grads.values())


# ---- MultiLayerNet (notebook 09) ------------------------------------------------------------------
#
# The references: the book's own class (tests/book.py, common/multi_layer_net.py, weights drawn from a
# Generator instead of np.random), the numerical gradient (gradient_check) and direct formulas. Ours keeps
# the book's operations in the book's order, so in float64 with the same weights its loss is the book's bit
# for bit, and so is its gradient once the book's net ends in our SoftmaxWithLoss: the only difference is
# that layer's exact derivative r (y - t)/N, r = y_t / (y_t + δ), against the book's (y - t)/N (see
# nbhelpers.layers.SoftmaxWithLoss), a relative ~δ / y_t.


def multi_case(seed, activation="relu", hidden=(5, 5), lam=0.0, n=6, sizes=(4, 3), dtype=np.float64):
    """A MultiLayerNet with the book's initial weights for its activation, biases of std 0.25, a batch."""
    rng = np.random.default_rng(seed)
    net = MultiLayerNet(sizes[0], list(hidden), sizes[1], activation, activation, lam, rng=rng, dtype=dtype)
    for key in net.params:
        if key.startswith("b"):
            net.params[key][...] = rng.normal(0.0, 0.25, net.params[key].shape)
    x = rng.normal(size=(n, sizes[0])).astype(dtype)
    return net, x, rng.integers(0, sizes[1], size=n)


def multi_keys(n_layers: int) -> list:
    return [f"{kind}{k}" for k in range(1, n_layers + 1) for kind in "Wb"]


def min_kink_distance(net, x) -> float:
    """The smallest |A_k| of any hidden layer: how near a ReLU is to its kink (inf without hidden layers)."""
    _, values = forward(net.params, x, hidden=net.activation, output="softmax", return_intermediates=True)
    return min(
        (float(np.abs(values[f"A{k}"]).min()) for k in range(1, net.hidden_layer_num + 1)), default=math.inf
    )


def books_net(net, last_layer=None):
    """The book's MultiLayerNet with ``net``'s sizes, activation, λ and weights (copied into its arrays)."""
    theirs = book.MultiLayerNet(
        net.input_size, net.hidden_size_list, net.output_size, net.activation, 1.0, net.weight_decay_lambda
    )
    for key, value in net.params.items():
        theirs.params[key][...] = value
    if last_layer is not None:
        theirs.last_layer = last_layer
    return theirs


# Measured: the largest relative error of gradient_check over these 80 cases (4 seeds per combination; a
# ReLU case whose pre-activations come within 1e-3 of the kink is skipped: 1 of them) was 2.7e-8 (ReLU, 4
# hidden layers); sigmoid at most 1.1e-8. Over 50 seeds per combination: 7.1e-8 (ReLU, 4 hidden layers), 6.8e-8
# (sigmoid, 4 hidden layers, λ = 0.1): the numerical gradient's truncation error h² |L‴| / 6 grows with depth.
@pytest.mark.parametrize("lam", [0.0, 0.1])
@pytest.mark.parametrize("depth", range(5))
@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_multilayer_gradient_agrees_with_the_numerical_gradient(activation, depth, lam):
    for seed in range(4):
        net, x, t = multi_case(seed, activation, [5] * depth, lam)
        if activation == "relu" and min_kink_distance(net, x) < 1e-3:
            continue  # the numerical gradient would straddle a kink
        errors = gradient_check(net, x, t)
        assert list(errors) == multi_keys(depth + 1)
        assert max(errors.values()) < 1e-7, (seed, errors)


# The activations notebook 13's playground adds (tanh, and "identity": no activation). Measured: the largest
# relative error over these 40 cases (4 seeds each) was 3.4e-8 (tanh, 3 hidden layers, λ = 0); identity 1.1e-8.
@pytest.mark.parametrize("lam", [0.0, 0.1])
@pytest.mark.parametrize("depth", range(5))
@pytest.mark.parametrize("activation", ["tanh", "identity"])
def test_multilayer_tanh_and_identity_gradients_agree_with_the_numerical_gradient(activation, depth, lam):
    for seed in range(4):
        rng = np.random.default_rng(seed)
        net = MultiLayerNet(4, [5] * depth, 3, activation, "xavier", lam, rng=rng)
        for key in net.params:
            if key.startswith("b"):
                net.params[key][...] = rng.normal(0.0, 0.25, net.params[key].shape)
        x, t = rng.normal(size=(6, 4)), rng.integers(0, 3, size=6)
        errors = gradient_check(net, x, t)
        assert max(errors.values()) < 1e-7, (seed, errors)
        hidden = {"tanh": np.tanh, "identity": lambda a: a}[activation]
        assert np.array_equal(net.predict(x), forward(net.params, x, hidden=hidden, output="softmax"))


def test_multilayer_identity_net_is_linear_however_deep():
    """With no activation, a deep net's scores are one affine map of x: the scores of a sum are the sum."""
    net = MultiLayerNet(2, [4, 4, 4], 2, activation="identity", weight_init_std="xavier", rng=0)
    scores = lambda x: np.log(net.predict(x))  # noqa: E731  (up to a constant per row)
    x, y = np.array([[0.3, -1.2]]), np.array([[2.0, 0.5]])
    d = lambda s: s[:, 1] - s[:, 0]  # noqa: E731  the difference of the two scores: affine in x
    zero = np.zeros((1, 2))
    assert np.allclose(d(scores(x + y)) - d(scores(zero)), d(scores(x)) + d(scores(y)) - 2 * d(scores(zero)))


@pytest.mark.parametrize("lam", [0.0, 0.1])
@pytest.mark.parametrize("hidden", [(), (5,), (5, 4, 6), (4, 4, 4, 4)])
@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_multilayer_net_is_the_books_bit_for_bit(activation, hidden, lam):
    net, x, t = multi_case(21, activation, hidden, lam, n=9)
    theirs = books_net(net)
    assert net.loss(x, t) == theirs.loss(x, t)  # cross-entropy and weight decay, the book's bits
    np.testing.assert_array_equal(net.predict(x), book.softmax(theirs.predict(x)))  # theirs: the scores
    assert net.accuracy(x, t) == theirs.accuracy(x, t) == net.accuracy(x, np.eye(3)[t])
    grads = net.gradient(x, t)
    books = books_net(net, SoftmaxWithLoss()).gradient(x, t)  # the book's backward pass, our last layer
    assert list(grads) == list(books) == multi_keys(len(hidden) + 1)
    for key in grads:
        np.testing.assert_array_equal(grads[key], books[key])
    # against the book's own last layer: the factor r = y_t / (y_t + δ) of each example's row, 1 - r ≈ δ / y_t
    # (measured: at most 1.2 max(δ / y_t) over these 16 cases)
    y_t = net.predict(x)[np.arange(len(t)), t]
    books = theirs.gradient(x, t)
    for key in grads:
        assert max_rel(grads[key], books[key]) < 10 * np.max(1e-7 / y_t), key


def test_multilayer_loss_is_the_cross_entropy_plus_the_weight_decay():
    for activation in ACTIVATIONS:
        net, x, t = multi_case(22, activation, (5, 4), 0.3, n=8)
        z = x
        for k in (1, 2):
            a = z @ net.params[f"W{k}"] + net.params[f"b{k}"]
            z = np.maximum(a, 0.0) if activation == "relu" else 1.0 / (1.0 + np.exp(-a))
        a = z @ net.params["W3"] + net.params["b3"]
        log_y = a - a.max(axis=1, keepdims=True)
        y = np.exp(log_y) / np.exp(log_y).sum(axis=1, keepdims=True)
        cross_entropy = -math.fsum(math.log(y[i, t[i]] + 1e-7) for i in range(8)) / 8
        decay = 0.3 / 2 * math.fsum(float(w) ** 2 for k in (1, 2, 3) for w in net.params[f"W{k}"].flat)
        assert decay > 0.1 * cross_entropy  # the weight decay counts
        assert net.loss(x, t) == pytest.approx(cross_entropy + decay, rel=1e-13)
        assert type(net.loss(x, t)) is float
        plain = MultiLayerNet(4, [5, 4], 3, activation, weight_decay_lambda=0)
        for key, value in net.params.items():
            plain.params[key][...] = value
        assert plain.loss(x, t) == pytest.approx(cross_entropy, rel=1e-13)
        assert net.loss(x, t) - plain.loss(x, t) == pytest.approx(decay, rel=1e-12)  # biases not decayed
        grads, plain_grads = net.gradient(x, t), plain.gradient(x, t)
        for key, value in net.params.items():  # ∂/∂W of λ/2 ΣW² is λW; the biases' gradients are the same
            expected = plain_grads[key] + (0.3 * value if key.startswith("W") else 0.0)
            np.testing.assert_array_equal(grads[key], expected)
        net.weight_decay_lambda = 0.0  # a plain attribute: a loop may change it
        assert net.loss(x, t) == plain.loss(x, t)


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_multilayer_float32_stays_float32(activation):
    net32, x, t = multi_case(23, activation, (6, 5), 0.1, n=10, dtype=np.float32)
    net64 = MultiLayerNet(4, [6, 5], 3, activation, weight_decay_lambda=0.1)
    for key, value in net32.params.items():
        net64.params[key][...] = value
    assert all(v.dtype == np.float32 for v in net32.params.values())
    assert net32.predict(x.astype(np.float64)).dtype == np.float32  # x converted to the net's type
    g32, g64 = net32.gradient(x.astype(np.float64), t), net64.gradient(x.astype(np.float64), t)
    assert all(g.dtype == np.float32 for g in g32.values())
    for key in g32:
        assert max_rel(g32[key], g64[key]) < 1e-5, key  # measured: 1.8e-7
    assert type(net32.loss(x, t)) is float
    assert net32.loss(x, t) == pytest.approx(net64.loss(x, t), rel=1e-6)
    assert all(g.dtype == np.float32 for g in net32.numerical_gradient(x, t).values())


def test_multilayer_layers_and_attributes_are_the_books():
    net = MultiLayerNet(784, [100, 50, 20], 10, rng=0)
    assert list(net.layers) == [
        "Affine1", "Activation_function1", "Affine2", "Activation_function2", "Affine3",
        "Activation_function3", "Affine4",
    ]  # fmt: skip
    assert [type(layer) for layer in net.layers.values()] == [Affine, Relu] * 3 + [Affine]
    assert all(net.layers[f"Affine{k}"].W is net.params[f"W{k}"] for k in range(1, 5))
    assert all(net.layers[f"Affine{k}"].b is net.params[f"b{k}"] for k in range(1, 5))
    assert isinstance(net.last_layer, SoftmaxWithLoss)
    assert (net.input_size, net.hidden_size_list, net.output_size, net.hidden_layer_num) == (
        784,
        [100, 50, 20],
        10,
        3,
    )
    assert (net.activation, net.weight_decay_lambda) == ("relu", 0.0)  # the book's defaults
    assert net.param_count() == 784 * 100 + 100 + 100 * 50 + 50 + 50 * 20 + 20 + 20 * 10 + 10
    sig = MultiLayerNet(3, (4,), 2, activation="sigmoid", weight_decay_lambda=0.5, dtype=np.float32)
    assert [type(layer) for layer in sig.layers.values()] == [Affine, Sigmoid, Affine]
    assert repr(sig) == (
        "MultiLayerNet(input_size=3, hidden_size_list=[4], output_size=2, activation='sigmoid', "
        "weight_decay_lambda=0.5, dtype=float32)"
    )


def test_multilayer_without_hidden_layers_is_softmax_regression():
    net, x, t = multi_case(24, "relu", (), 0.2, n=7)
    assert list(net.params) == ["W1", "b1"] and list(net.layers) == ["Affine1"]
    assert (net.hidden_size_list, net.hidden_layer_num) == ([], 0)
    y = forward(net.params, x, output="softmax")
    np.testing.assert_array_equal(net.predict(x), y)
    y_t = y[np.arange(7), t]
    r = y_t / (y_t + 1e-7)
    d = (y - np.eye(3)[t]) * r[:, None] / 7
    grads = net.gradient(x, t)
    assert max_rel(grads["W1"], x.T @ d + 0.2 * net.params["W1"]) < 1e-14
    assert max_rel(grads["b1"], d.sum(axis=0)) < 1e-14


def test_multilayer_weight_init_std_gives_the_books_scales():
    """The book's choices draw the same numbers as the book's code with the same generator: He ("relu",
    "he") and a number bit for bit; Xavier ("sigmoid", "xavier") within one unit in the last place (the
    book's sqrt(1/n) · w against init_weights' w / sqrt(n), kept for the shipped weights)."""
    for choice in ("relu", "he", "sigmoid", "xavier", 0.01, 1.0):
        ours = MultiLayerNet(30, [20, 10], 5, weight_init_std=choice, rng=3)
        theirs = book.MultiLayerNet(30, [20, 10], 5, weight_init_std=choice, rng=3)
        assert list(ours.params) == list(theirs.params)
        for key in ours.params:
            if choice in ("sigmoid", "xavier"):
                np.testing.assert_array_max_ulp(ours.params[key], theirs.params[key], maxulp=1)
            else:
                np.testing.assert_array_equal(ours.params[key], theirs.params[key])
    for choice, std in (
        ("he", lambda n: math.sqrt(2 / n)),
        ("xavier", lambda n: math.sqrt(1 / n)),
        (0.01, lambda n: 0.01),
    ):
        net = MultiLayerNet(784, [200], 10, weight_init_std=choice, rng=4)
        for key, n in (("W1", 784), ("W2", 200)):
            assert net.params[key].std() == pytest.approx(std(n), rel=0.05), (choice, key)
    assert MultiLayerNet(2, [3], 2).params["W1"].dtype == np.float64


def test_multilayer_gradient_leaves_params_alone_and_sees_them_changed_or_rebound():
    net, x, t = multi_case(25, "relu", (5, 4), 0.1)
    assert min_kink_distance(net, x) > 1e-3
    arrays = dict(net.params)
    before = {k: v.tobytes() for k, v in net.params.items()}
    grads = net.gradient(x, t)
    assert all(net.params[k] is arrays[k] and net.params[k].tobytes() == before[k] for k in arrays)
    assert not any(np.shares_memory(g, v) for g in grads.values() for v in net.params.values())
    kept = {k: g.copy() for k, g in grads.items()}
    net.gradient(x[::-1], t[::-1])  # the next call does not overwrite the arrays it gave before
    assert all(np.array_equal(grads[k], kept[k]) for k in grads)

    def books_gradient():
        return books_net(net, SoftmaxWithLoss()).gradient(x, t)

    SGD(lr=0.3).update(net.params, grads)  # in place, as every optimizer does
    assert all(np.array_equal(net.gradient(x, t)[k], g) for k, g in books_gradient().items())
    rng = np.random.default_rng(26)
    for key in multi_keys(3):  # a learner's assignment: net.params[key] = a new array
        net.params[key] = rng.normal(0.0, 0.5, net.params[key].shape)
        grads = net.gradient(x, t)
        assert all(np.array_equal(grads[k], g) for k, g in books_gradient().items()), key
    assert all(net.layers[f"Affine{k}"].W is net.params[f"W{k}"] for k in (1, 2, 3))
    net.params["W2"] *= 0.5  # and after a rebinding, in-place steps are seen again
    assert all(np.array_equal(net.gradient(x, t)[k], g) for k, g in books_gradient().items())


def test_multilayer_layers_loss_is_the_nets_cross_entropy():
    for activation in ACTIVATIONS:
        for dtype in (np.float64, np.float32):
            net, x, t = multi_case(27, activation, (5, 5, 5), 0.0, n=7, dtype=dtype)
            net.gradient(x, t)
            assert net.last_layer.loss == net.loss(x, t)
            np.testing.assert_array_equal(net.last_layer.y, net.predict(x))


def test_multilayer_one_input_one_hot_rows_and_numerical_gradient():
    net, x, t = multi_case(28, "sigmoid", (4, 4), 0.1)
    one, batch = net.gradient(x[0], t[0]), net.gradient(x[:1], t[:1])
    assert all(np.array_equal(one[k], batch[k]) for k in one)
    assert all(np.array_equal(net.gradient(x, np.eye(3)[t])[k], g) for k, g in net.gradient(x, t).items())
    assert net.predict(x[0]).shape == (3,)
    numerical = net.numerical_gradient(x, t)
    assert list(numerical) == multi_keys(3)
    assert all(max_rel(numerical[k], g) < 1e-7 for k, g in net.gradient(x, t).items())


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"input_size": 0}, ValueError, r"input_size must be a whole number >= 1, got 0"),
        ({"output_size": 2.5}, TypeError, r"output_size must be a whole number"),
        (
            {"hidden_size_list": [100, 0]},
            ValueError,
            r"hidden_size_list\[1\] must be a whole number >= 1, got 0",
        ),
        ({"hidden_size_list": [True]}, TypeError, r"hidden_size_list\[0\] must be a whole number"),
        (
            {"hidden_size_list": 100},
            TypeError,
            r"hidden_size_list must be a list of layer sizes.*got int 100",
        ),
        ({"hidden_size_list": "100"}, TypeError, r"hidden_size_list must be a list of layer sizes"),
        (
            {"activation": "leaky_relu"},
            ValueError,
            r"MultiLayerNet: activation must be one of \['relu', 'sigmoid', 'tanh', 'identity'\], got 'leaky_relu'",
        ),
        ({"activation": None}, ValueError, r"MultiLayerNet: activation must be"),
        ({"weight_init_std": "lecun"}, ValueError, r"weight_init_std must be one of"),
        ({"weight_init_std": -0.1}, ValueError, r"weight_init_std must be positive"),
        ({"weight_decay_lambda": -0.1}, ValueError, r"weight_decay_lambda must be >= 0"),
        ({"weight_decay_lambda": float("nan")}, ValueError, r"weight_decay_lambda must be finite"),
        ({"weight_decay_lambda": "0.1"}, TypeError, r"weight_decay_lambda must be a real number"),
        ({"rng": "seed"}, TypeError, r"rng must be an int seed"),
        ({"dtype": np.int32}, TypeError, r"dtype must be a float type"),
    ],
)
def test_multilayer_bad_arguments_are_named(kwargs, error, match):
    args = {"input_size": 2, "hidden_size_list": [3], "output_size": 2, **kwargs}
    with pytest.raises(error, match=match):
        MultiLayerNet(**args)


def test_multilayer_inputs_and_labels_that_do_not_fit_are_named_with_their_shapes():
    net = MultiLayerNet(3, [4, 5], 2, rng=0)
    x = np.zeros((5, 3))
    for name in ("predict", "loss", "accuracy", "numerical_gradient", "gradient"):
        method = getattr(net, name)
        args = () if name == "predict" else ([0] * 5,)
        with pytest.raises(
            ValueError,
            match=rf"{name}: x must have shape \(N, 3\).*W1 has shape \(3, 4\); got x of shape \(5, 2\)",
        ):
            method(np.zeros((5, 2)), *args)
        if name == "predict":
            continue
        with pytest.raises(
            ValueError, match=rf"{name}: t must hold one class label per input of x, shape \(5,\).*\(4,\)"
        ):
            method(x, [0, 1, 0, 1])
        with pytest.raises(ValueError, match=r"t holds the class label 2, but there are 2 classes"):
            method(x, [0, 1, 2, 0, 1])
        with pytest.raises(TypeError, match=r"t must hold class labels \(integers\), got dtype float64"):
            method(x, [0.0, 1.0, 0.0, 1.0, 0.0])
    with pytest.raises(ValueError, match="x holds no inputs"):
        net.accuracy(np.zeros((0, 3)), np.zeros(0, dtype=int))


def test_multilayer_nan_propagates_and_saturation_gives_no_warnings():
    for activation in ACTIVATIONS:
        net, x, t = multi_case(29, activation, (4, 4), 0.1)
        x[0, 0] = np.nan
        with no_warnings():
            grads = net.gradient(x, t)
        assert np.isnan(grads["W1"]).any() and np.isnan(grads["b3"]).all()
        assert math.isnan(net.loss(x, t))
        net, x, t = multi_case(30, activation, (4, 4), 0.1)
        for key in net.params:
            net.params[key] *= 1e3
        with no_warnings():
            grads = net.gradient(x, t)
        assert all(np.isfinite(g).all() for g in grads.values())


def test_multilayer_seeds_reproduce_and_the_global_random_state_is_untouched():
    state = np.random.get_state()[1].copy()  # noqa: NPY002 (checking the legacy global state is left alone)
    a, b = MultiLayerNet(3, [4], 2, rng=7), MultiLayerNet(3, [4], 2, rng=np.random.default_rng(7))
    assert all(np.array_equal(a.params[k], b.params[k]) for k in a.params)
    MultiLayerNet(3, [4], 2)
    assert np.array_equal(np.random.get_state()[1], state)  # noqa: NPY002


# ---- MultiLayerNetExtend (notebook 10) ------------------------------------------------------------------
#
# The references: the book's own class (tests/book.py, common/multi_layer_net_extend.py, its weights and
# dropout masks drawn from one Generator instead of np.random), the numerical gradient, direct formulas. With
# the same parameters and the same Generator state, ours computes the book's operations in the book's order:
# the same loss and, once the book's net ends in our SoftmaxWithLoss (see MultiLayerNet above), the same
# gradients and running averages, bit for bit in float64.
#
# Gradient checks (state = net.rng's state; gradient; state put back; numerical_gradient: every evaluation
# with the masks gradient drew). Two cases need care. A bias that feeds a BN layer cannot change the loss (BN
# subtracts the batch mean): its exact gradient is 0, backpropagation gives rounding (measured at most
# 5.6e-16) and central differences rounding of the loss over h (measured at most 8.9e-12), so those are
# compared with absolute bounds, 1e-14 and 1e-10. And with dropout, an input whose every hidden value is
# dropped reaches the next Affine as 0: its output is exactly the bias, and with zero biases a ReLU sits on
# its kink, where the central difference is wrong; so the biases, gammas and betas are set to random
# nonzero values first, and a ReLU case whose inputs come within 1e-3 of the kink is skipped.


EXTEND_FLAGS = [
    {},
    {"use_batchnorm": True},
    {"use_dropout": True},
    {"use_batchnorm": True, "use_dropout": True},
    {"use_batchnorm": True, "use_dropout": True, "weight_decay_lambda": 0.1},
    {"weight_decay_lambda": 0.1, "use_dropout": True},
]
EXTEND_IDS = ["plain", "bn", "dropout", "bn+dropout", "bn+dropout+decay", "dropout+decay"]


def extend_case(seed, flags, activation="relu", hidden=(6, 5), n=8, sizes=(4, 3), dtype=np.float64):
    """A MultiLayerNetExtend with random nonzero biases, gammas near 1 and betas (see above), and a batch."""
    net = MultiLayerNetExtend(
        sizes[0], list(hidden), sizes[1], activation, activation, rng=seed, dtype=dtype,
        **{"dropout_ration": 0.3, **flags},
    )  # fmt: skip
    rng = np.random.default_rng([seed, 1])
    for key, value in net.params.items():
        if key.startswith(("b", "beta")):
            value[...] = rng.normal(0.0, 0.5, value.shape)
        elif key.startswith("gamma"):
            value[...] = rng.uniform(0.5, 1.5, value.shape)
    x = rng.normal(size=(n, sizes[0])).astype(dtype)
    return net, x, rng.integers(0, sizes[1], size=n)


def books_extend(net, last_layer=None):
    """The book's MultiLayerNetExtend with ``net``'s settings, parameters, running averages and Generator state."""
    theirs = book.MultiLayerNetExtend(
        net.input_size, net.hidden_size_list, net.output_size, net.activation, 1.0, net.weight_decay_lambda,
        net.use_dropout, net.dropout_ration, net.use_batchnorm,
    )  # fmt: skip
    for key, value in net.params.items():
        theirs.params[key][...] = value
    for name, layer in net.layers.items():
        if name.startswith("BatchNorm"):
            theirs.layers[name].running_mean = layer.running_mean
            theirs.layers[name].running_var = layer.running_var
    theirs.rng.bit_generator.state = net.rng.bit_generator.state
    if last_layer is not None:
        theirs.last_layer = last_layer
    return theirs


def bn_fed_biases(net) -> set:
    """The biases whose Affine output goes into a BN layer: their exact gradient is 0."""
    return {f"b{k}" for k in range(1, net.hidden_layer_num + 1)} if net.use_batchnorm else set()


def relu_inputs_min(net, x) -> float:
    """The smallest |input| of a ReLU layer in a training-mode forward with the masks gradient will draw
    (net.rng's state is put back); inf for sigmoid nets."""
    if net.activation != "relu":
        return math.inf
    state, nearest = net.rng.bit_generator.state, math.inf
    running = [
        (bn, bn.running_mean, bn.running_var)
        for bn in net.layers.values()
        if isinstance(bn, BatchNormalization)
    ]
    for layer in net.layers.values():
        if isinstance(layer, Relu):
            nearest = min(nearest, float(np.abs(x).min()))
        x = layer.forward(x, True) if isinstance(layer, (BatchNormalization, Dropout)) else layer.forward(x)
    net.rng.bit_generator.state = state
    for bn, mean, var in running:
        bn.running_mean, bn.running_var = mean, var
    return nearest


def extend_gradient_errors(net, x, t):
    """Backpropagation against the numerical gradient with the same masks: (relative errors of the keys
    whose gradient is not 0 by construction, max |backprop| and max |numerical| of those that are)."""
    state = net.rng.bit_generator.state
    grads = net.gradient(x, t)
    net.rng.bit_generator.state = state
    numerical = net.numerical_gradient(x, t)
    assert list(grads) == list(numerical) == list(net.params)
    zero = bn_fed_biases(net)
    errors = {key: max_rel(grads[key], numerical[key]) for key in grads if key not in zero}
    back = max((float(np.abs(grads[key]).max()) for key in zero), default=0.0)
    num = max((float(np.abs(numerical[key]).max()) for key in zero), default=0.0)
    return errors, back, num


# Measured maxima (50 seeds × hidden (6, 5) and (5, 5, 4) per case; 49 of 600 ReLU cases skipped near the kink,
# where errors reach 0.24): without BN 5.1e-8 (bound 1e-7). With BN, net.numerical_gradient's fixed step
# h = 1e-4 has a truncation error ~ (h / |W column|)² (BN undoes a column's scale, so the loss is curved on
# that scale): measured 2.8e-6, shrinking 100-fold with h = 1e-5 (bound 1e-5); so the BN nets are also checked
# with central differences of step 1e-5 through the same loss and masks: measured 2.8e-8 (bound 1e-7), the
# zero gradients of BN-fed biases 8.9e-11 (bound 1e-9).
@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("flags", EXTEND_FLAGS, ids=EXTEND_IDS)
def test_extend_gradient_agrees_with_the_numerical_gradient(flags, activation):
    checked = 0
    for seed, hidden in ((0, (6, 5)), (1, (5, 5, 4)), (2, (5, 5, 4))):
        net, x, t = extend_case(seed, flags, activation, hidden)
        if relu_inputs_min(net, x) < 1e-3 or checked == 2:
            continue  # the numerical gradient would straddle a kink (or two cases were checked)
        checked += 1
        errors, back, numerical = extend_gradient_errors(net, x, t)
        assert back <= 1e-14 and numerical <= 1e-10, (seed, back, numerical)  # BN-fed biases: exactly 0
        assert max(errors.values()) < (1e-5 if net.use_batchnorm else 1e-7), (seed, errors)
        if not net.use_batchnorm:
            continue
        state = net.rng.bit_generator.state
        grads = net.gradient(x, t)

        def loss(_, net=net, state=state, x=x, t=t):
            net.rng.bit_generator.state = state
            return net.loss(x, t, train_flg=True)

        for key in net.params:
            fine = nbhelpers.numerical_gradient(loss, net.params[key], h=1e-5)
            if key in bn_fed_biases(net):
                assert np.abs(fine).max() <= 1e-9, key
            else:
                assert max_rel(grads[key], fine) < 1e-7, (seed, key)
    assert checked == 2


def test_extend_numerical_gradient_reuses_the_masks_of_its_start():
    """Every loss evaluation starts from the Generator state numerical_gradient began with: the result is the
    central difference of one fixed function. Without that each evaluation would draw new masks and the
    'gradient' would be noise."""
    net, x, t = extend_case(2, {"use_dropout": True, "use_batchnorm": True})
    state = net.rng.bit_generator.state
    numerical = net.numerical_gradient(x, t)

    def loss(_):
        net.rng.bit_generator.state = state
        return net.loss(x, t, train_flg=True)

    for key in net.params:
        np.testing.assert_array_equal(numerical[key], nbhelpers.numerical_gradient(loss, net.params[key]))
    net.rng.bit_generator.state = state
    noisy = nbhelpers.numerical_gradient(lambda _: net.loss(x, t, train_flg=True), net.params["W1"])
    assert max_rel(noisy, numerical["W1"]) > 0.5  # new masks at every evaluation: nothing like the gradient


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("flags", EXTEND_FLAGS, ids=EXTEND_IDS)
def test_extend_is_the_books_bit_for_bit(flags, activation):
    """The same parameters, running averages and Generator state: the book's loss, predictions and accuracy
    (inference), and through three SGD steps the book's gradients (its backward with our last layer, see
    MultiLayerNet above), running averages and masks."""
    net, x, t = extend_case(3, flags, activation, (6, 5, 4), n=10)
    theirs = books_extend(net)
    with np.errstate(
        over="ignore"
    ):  # BN's running averages start at 0: huge values, the book's sigmoid warns
        assert net.loss(x, t) == theirs.loss(x, t)
        np.testing.assert_array_equal(net.predict(x), book.softmax(theirs.predict(x)))
        assert net.accuracy(x, t) == theirs.accuracy(x, t)
    theirs = books_extend(net, SoftmaxWithLoss())
    for step in range(3):
        grads, books = net.gradient(x, t), theirs.gradient(x, t)
        assert list(grads) == list(net.params) and set(books) == set(grads)
        for key in grads:
            np.testing.assert_array_equal(grads[key], books[key], err_msg=f"{key}, step {step}")
        for name, layer in net.layers.items():
            if isinstance(layer, BatchNormalization):
                np.testing.assert_array_equal(layer.running_mean, theirs.layers[name].running_mean)
                np.testing.assert_array_equal(layer.running_var, theirs.layers[name].running_var)
            if isinstance(layer, Dropout):
                np.testing.assert_array_equal(layer.mask, theirs.layers[name].mask)
        assert net.rng.bit_generator.state == theirs.rng.bit_generator.state
        for params in (net.params, theirs.params):
            SGD(lr=0.1).update(params, grads)
        assert net.loss(x, t, train_flg=True) == theirs.loss(x, t, train_flg=True)
    np.testing.assert_array_equal(net.predict(x), book.softmax(theirs.predict(x)))


def test_extend_layers_and_params_are_the_books():
    for flags in EXTEND_FLAGS:
        net = MultiLayerNetExtend(784, [100, 50, 20], 10, rng=0, **flags)
        theirs = book.MultiLayerNetExtend(784, [100, 50, 20], 10, rng=0, **flags)
        assert list(net.layers) == list(theirs.layers)
        assert [type(a).__name__ for a in net.layers.values()] == [
            type(b).__name__ for b in theirs.layers.values()
        ]
        assert list(net.params) == list(theirs.params)  # W1, b1, ..., W4, b4, then gamma1, beta1, ...
        for key, value in net.params.items():  # the same draws from the same Generator (He), ones, zeros
            np.testing.assert_array_equal(value, theirs.params[key])
        assert isinstance(net.last_layer, SoftmaxWithLoss)
        for name, layer in net.layers.items():
            k = name[-1]
            if isinstance(layer, Affine):
                assert layer.W is net.params[f"W{k}"] and layer.b is net.params[f"b{k}"]
            if isinstance(layer, BatchNormalization):
                assert layer.gamma is net.params[f"gamma{k}"] and layer.beta is net.params[f"beta{k}"]
                assert layer.momentum == 0.9
            if isinstance(layer, Dropout):
                assert layer.rng is net.rng and layer.dropout_ratio == 0.5  # one Generator for every mask
        assert (net.hidden_size_list, net.hidden_layer_num, net.output_size) == ([100, 50, 20], 3, 10)
        bn = 2 * (100 + 50 + 20) if net.use_batchnorm else 0
        assert net.param_count() == 784 * 100 + 100 + 100 * 50 + 50 + 50 * 20 + 20 + 20 * 10 + 10 + bn
    net = MultiLayerNetExtend(3, [4], 2, use_batchnorm=True, use_dropout=True, dropout_ration=0.2, rng=0)
    assert (net.use_batchnorm, net.use_dropout, net.dropout_ration, net.activation) == (
        True,
        True,
        0.2,
        "relu",
    )
    assert "MultiLayerNetExtend(input_size=3, hidden_size_list=[4], output_size=2" in repr(net)
    assert "use_dropout=True, dropout_ration=0.2, use_batchnorm=True" in repr(net)
    assert list(MultiLayerNetExtend(3, [], 2, use_batchnorm=True, use_dropout=True).layers) == ["Affine1"]


def running_stats(net) -> list:
    return [
        (bits(layer.running_mean), bits(layer.running_var))
        for layer in net.layers.values()
        if isinstance(layer, BatchNormalization)
    ]


def bits(a) -> bytes:
    return np.ascontiguousarray(a).tobytes()


def test_extend_inference_and_training_modes():
    net, x, t = extend_case(4, {"use_batchnorm": True, "use_dropout": True})
    net.gradient(x, t)  # running averages not zero
    stats, state = running_stats(net), net.rng.bit_generator.state
    y = net.predict(x)
    # inference (the default of predict and loss, and always accuracy): no draws, the averages stay
    np.testing.assert_array_equal(net.predict(x, train_flg=False), y)
    np.testing.assert_array_equal(net.predict(x[::-1]), y[::-1])  # each row on its own
    assert net.accuracy(x, t) == np.mean(y.argmax(axis=1) == t)
    assert net.loss(x, t) == net.loss(x, t, train_flg=False)
    assert net.loss(x, t) == pytest.approx(cross_entropy_error(y, t), rel=1e-14)
    assert running_stats(net) == stats and net.rng.bit_generator.state == state
    # training: the batch's statistics, new masks, the averages move
    a = net.predict(x, train_flg=True)
    assert running_stats(net) != stats and net.rng.bit_generator.state != state
    assert not np.array_equal(a, net.predict(x, train_flg=True))  # other masks
    for name in ("predict", "loss"):
        args = (x,) if name == "predict" else (x, t)
        for flag in (1, None, "yes"):
            with pytest.raises(
                TypeError, match=r"train_flg must be True \(training\) or False \(inference\)"
            ):
                getattr(net, name)(*args, train_flg=flag)


def test_extend_gradient_moves_the_running_averages_and_numerical_gradient_does_not():
    net, x, t = extend_case(5, {"use_batchnorm": True})
    bn = net.layers["BatchNorm1"]
    assert bn.running_mean is None or not np.any(bn.running_mean)
    params = {k: bits(v) for k, v in net.params.items()}
    grads = net.gradient(x, t)
    a1 = x @ net.params["W1"] + net.params["b1"]  # the batch statistics of Affine1's output, from zeros
    np.testing.assert_allclose(bn.running_mean, 0.1 * a1.mean(axis=0), rtol=1e-14)
    np.testing.assert_allclose(bn.running_var, 0.1 * a1.var(axis=0), rtol=1e-13)
    assert {k: bits(v) for k, v in net.params.items()} == params  # the gradient changes no parameter
    assert not any(np.shares_memory(g, p) for g in grads.values() for p in net.params.values())
    stats = running_stats(net)
    numerical = net.numerical_gradient(x, t)
    assert running_stats(net) == stats  # put back after its thousands of training-mode evaluations
    assert {k: bits(v) for k, v in net.params.items()} == params
    assert all(g.shape == net.params[k].shape for k, g in numerical.items())


def test_extend_rebinding_params_rebuilds_the_layers_and_keeps_the_running_averages():
    """A learner's net.params[key] = new array: the layers compute with it, BN's running averages go on."""
    net, x, t = extend_case(6, {"use_batchnorm": True, "use_dropout": True})
    net.gradient(x, t)
    net.gradient(x[::-1], t[::-1])
    means = [
        layer.running_mean.copy() for layer in net.layers.values() if isinstance(layer, BatchNormalization)
    ]
    rng = np.random.default_rng(7)
    for key in ("W1", "gamma2", "beta1", "b3"):
        net.params[key] = rng.normal(1.0, 0.3, net.params[key].shape)
        np.testing.assert_array_equal(net.predict(x), book.softmax(books_extend(net).predict(x)))
        kept = [layer.running_mean for layer in net.layers.values() if isinstance(layer, BatchNormalization)]
        assert all(np.array_equal(a, b) for a, b in zip(kept, means)), key
    assert (
        net.layers["Affine1"].W is net.params["W1"] and net.layers["BatchNorm2"].gamma is net.params["gamma2"]
    )
    assert (
        net.layers["BatchNorm1"].beta is net.params["beta1"] and net.layers["Affine3"].b is net.params["b3"]
    )
    assert all(layer.rng is net.rng for layer in net.layers.values() if isinstance(layer, Dropout))
    theirs = books_extend(net, SoftmaxWithLoss())
    grads, books = net.gradient(x, t), theirs.gradient(x, t)
    assert all(np.array_equal(grads[k], books[k]) for k in grads)
    net.params["W2"] *= 0.5  # in-place steps after a rebinding are seen too
    theirs = books_extend(net, SoftmaxWithLoss())
    grads, books = net.gradient(x, t), theirs.gradient(x, t)
    assert all(np.array_equal(grads[k], books[k]) for k in grads)


def test_extend_numerical_gradient_after_rebinding_leaves_the_running_averages():
    """As test_extend_gradient_moves_the_running_averages_and_numerical_gradient_does_not, but with a
    parameter rebound just before: the layers are rebuilt during the first evaluation, and the averages must
    still be the ones the net had."""
    net, x, t = extend_case(8, {"use_batchnorm": True})
    net.gradient(x, t)
    net.params["W1"] = net.params["W1"].copy()
    stats = running_stats(net)
    net.numerical_gradient(x, t)
    assert running_stats(net) == stats


def test_extend_float32_stays_float32():
    flags = {"use_batchnorm": True, "use_dropout": True, "weight_decay_lambda": 0.1}
    net32, x, t = extend_case(9, flags, "sigmoid", dtype=np.float32)
    net64 = MultiLayerNetExtend(4, [6, 5], 3, "sigmoid", dropout_ration=0.3, rng=9, **flags)
    for key, value in net32.params.items():
        net64.params[key][...] = value
    assert all(v.dtype == np.float32 for v in net32.params.values())
    assert list(net32.params) == list(net64.params)
    assert net32.predict(x.astype(np.float64)).dtype == np.float32
    state = net32.rng.bit_generator.state
    net64.rng.bit_generator.state = state
    g32, g64 = net32.gradient(x, t), net64.gradient(x.astype(np.float64), t)
    assert all(g.dtype == np.float32 for g in g32.values())
    # the same masks; measured over 200 seeds: gradients 3.6e-6 (bound 1e-4), losses 9.9e-8 (bound 1e-5), the
    # BN-fed biases' gradients (exactly 0 but for rounding) 6.7e-8 in float32 (bound 1e-6)
    for key in g32:
        if key in bn_fed_biases(net32):
            assert np.abs(g32[key]).max() < 1e-6 and np.abs(g64[key]).max() < 1e-15
        else:
            assert max_rel(g32[key], g64[key]) < 1e-4, key
    for layer in net32.layers.values():
        if isinstance(layer, BatchNormalization):
            assert layer.running_mean.dtype == np.float32 and layer.running_var.dtype == np.float32
    assert type(net32.loss(x, t)) is float
    assert net32.loss(x, t) == pytest.approx(net64.loss(x, t), rel=1e-5)
    assert all(g.dtype == np.float32 for g in net32.numerical_gradient(x[:3], t[:3]).values())


def test_extend_trains_with_nbhelpers_train():
    x, t = nbhelpers.blobs(n=120, seed=0)
    histories = []
    for _ in range(2):
        net = MultiLayerNetExtend(
            2, [10, 10], int(t.max()) + 1, use_batchnorm=True, use_dropout=True, dropout_ration=0.1, rng=1
        )
        history = nbhelpers.train(
            net, x, t, x, t, lr=0.1, batch_size=20, steps=60, seed=2, gradient="gradient", progress=False
        )
        histories.append(history)
        assert len(history.step_loss) == 60 and np.all(np.isfinite(history.step_loss))
        assert history.eval_steps == list(range(6, 61, 6))
        assert history.train_acc[-1] > 0.9  # two well separated blobs
        assert np.any(net.layers["BatchNorm1"].running_mean)
    assert histories[0] == histories[1]  # the same seeds: the same run, masks included


def test_extend_seeds_reproduce_and_the_global_random_state_is_untouched(monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("NumPy's global random state was used")

    state = np.random.get_state()[1].copy()  # noqa: NPY002 (checking the legacy global state is left alone)
    for name in ("rand", "randn", "random", "random_sample", "seed", "normal", "choice", "permutation"):
        monkeypatch.setattr(np.random, name, forbidden)
    flags = {"use_batchnorm": True, "use_dropout": True}
    a = MultiLayerNetExtend(3, [4], 2, rng=7, **flags)
    b = MultiLayerNetExtend(3, [4], 2, rng=np.random.default_rng(7), **flags)
    x, t = np.ones((5, 3)) * [[1], [2], [3], [4], [5]], [0, 1, 0, 1, 1]
    ga, gb = a.gradient(x, t), b.gradient(x, t)
    assert all(np.array_equal(ga[k], gb[k]) for k in ga)
    MultiLayerNetExtend(3, [4], 2, **flags).gradient(x, t)
    monkeypatch.undo()
    assert np.array_equal(np.random.get_state()[1], state)  # noqa: NPY002


def test_extend_one_input_is_a_batch_of_one():
    net, x, t = extend_case(10, {"use_batchnorm": True, "use_dropout": True})
    state = net.rng.bit_generator.state
    one = net.gradient(x[0], t[0])
    net.rng.bit_generator.state = state
    batch = net.gradient(x[:1], t[:1])
    assert all(np.array_equal(one[k], batch[k]) for k in one)
    assert net.loss(x[0], t[0]) == net.loss(x[:1], t[:1])
    # predict's docstring: "x: shape (N, input_size) (or one input with train_flg=False)", as MultiLayerNet's
    y = net.predict(x)
    np.testing.assert_array_equal(net.predict(x[2]), y[2])  # inference: each row on its own


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"use_dropout": 1}, TypeError, r"MultiLayerNetExtend: use_dropout must be True or False, got 1"),
        ({"use_batchnorm": "yes"}, TypeError, r"use_batchnorm must be True or False"),
        ({"dropout_ration": 1.0}, ValueError, r"dropout_ration must lie in \[0, 1\)"),
        ({"dropout_ration": -0.5}, ValueError, r"dropout_ration must lie in \[0, 1\)"),
        ({"dropout_ration": "0.5"}, TypeError, r"dropout_ration must be a real number"),
        ({"activation": "step"}, ValueError, r"activation must be one of \['relu', .*\], got 'step'"),
        ({"weight_decay_lambda": -1}, ValueError, r"weight_decay_lambda must be >= 0"),
        ({"rng": "seed"}, TypeError, r"rng must be an int seed"),
        ({"dtype": np.int32}, TypeError, r"dtype must be a float type"),
        ({"hidden_size_list": [3, 0]}, ValueError, r"hidden_size_list\[1\] must be a whole number >= 1"),
    ],
)
def test_extend_bad_arguments_are_named(kwargs, error, match):
    args = {"input_size": 2, "hidden_size_list": [3], "output_size": 2, **kwargs}
    with pytest.raises(error, match=match):
        MultiLayerNetExtend(**args)


def test_extend_inputs_that_do_not_fit_are_named_with_their_shapes():
    net = MultiLayerNetExtend(3, [4, 5], 2, use_batchnorm=True, use_dropout=True, rng=0)
    for name in ("predict", "loss", "accuracy", "numerical_gradient", "gradient"):
        args = () if name == "predict" else ([0] * 5,)
        with pytest.raises(ValueError, match=rf"{name}: x must have shape \(N, 3\).*got x of shape \(5, 2\)"):
            getattr(net, name)(np.zeros((5, 2)), *args)
        if name != "predict":
            with pytest.raises(ValueError, match=r"t holds the class label 2, but there are 2 classes"):
                getattr(net, name)(np.zeros((5, 3)), [0, 1, 2, 0, 1])


def test_extend_public_name_and_docstrings():
    assert nbhelpers.MultiLayerNetExtend is MultiLayerNetExtend is nets.MultiLayerNetExtend
    assert issubclass(MultiLayerNetExtend, MultiLayerNet)
    for obj in (MultiLayerNetExtend, MultiLayerNetExtend.loss, MultiLayerNetExtend.gradient):
        assert "Book §6." in obj.__doc__ and "notebook 10" in obj.__doc__
