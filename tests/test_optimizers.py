"""Tests for nbhelpers.optimizers: SGD and Momentum.

Each step is checked against the formula computed by hand (numbers worked out in the comments) and against a
direct Python loop over the elements doing the same IEEE operations in the same order (so equal bit for bit);
Momentum also against the class tools/train_mnist.py used before it moved here (the shipped weights depend on
it bit for bit). Then the protocol of DESIGN.md: parameters change in place (the same array object, so a
layer holding a reference sees the change), grads are left alone, the state is kept per parameter name,
float32 stays float32, ``lr`` and ``momentum`` may change between steps, and bad input raises an error naming
the key and both shapes, before anything has changed.
"""

from __future__ import annotations

import numpy as np
import pytest

import nbhelpers
from nbhelpers import optimizers
from nbhelpers.optimizers import SGD, Momentum


class ScriptMomentum:
    """Momentum exactly as tools/train_mnist.py defined it before it moved into nbhelpers (a frozen copy)."""

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum = lr, momentum
        self.v = {}

    def update(self, params, grads):
        for key, g in grads.items():
            if key not in self.v:
                self.v[key] = np.zeros_like(params[key])
            self.v[key] *= self.momentum
            self.v[key] -= self.lr * g
            params[key] += self.v[key]


def random_params(seed=0, dtype=np.float64):
    rng = np.random.default_rng(seed)
    shapes = {"W1": (4, 3), "b1": (3,), "W2": (3, 2), "b2": (2,)}
    return {key: rng.normal(size=shape).astype(dtype) for key, shape in shapes.items()}


def random_grads(params, seed):
    rng = np.random.default_rng(seed)
    return {key: rng.normal(size=p.shape).astype(p.dtype) for key, p in params.items()}


class Affine:
    """A layer in the book's style: it keeps references to the network's arrays, not copies."""

    def __init__(self, params, k):
        self.W, self.b = params[f"W{k}"], params[f"b{k}"]

    def forward(self, x):
        return x @ self.W + self.b


# ---- the formulas -------------------------------------------------------------------------------


def test_sgd_by_hand():
    params, grads = {"W1": np.array([1.0, -2.0])}, {"W1": np.array([0.5, 1.0])}
    step = SGD(lr=0.1)
    step.update(params, grads)  # W - 0.1 g = [1 - 0.05, -2 - 0.1]
    np.testing.assert_allclose(params["W1"], [0.95, -2.1], rtol=1e-15)
    step.update(params, grads)  # [0.95 - 0.05, -2.1 - 0.1]
    np.testing.assert_allclose(params["W1"], [0.9, -2.2], rtol=1e-15)


def test_momentum_by_hand():
    params, grads = {"W1": np.array([1.0, -2.0])}, {"W1": np.array([0.5, 1.0])}
    step = Momentum(lr=0.1, momentum=0.9)
    step.update(params, grads)  # v = 0.9 * 0 - 0.1 g = [-0.05, -0.1]; W + v
    np.testing.assert_allclose(step.v["W1"], [-0.05, -0.1], rtol=1e-15)
    np.testing.assert_allclose(params["W1"], [0.95, -2.1], rtol=1e-15)
    step.update(params, grads)  # v = 0.9 v - 0.1 g = [-0.045 - 0.05, -0.09 - 0.1] = [-0.095, -0.19]
    np.testing.assert_allclose(step.v["W1"], [-0.095, -0.19], rtol=1e-15)
    np.testing.assert_allclose(params["W1"], [0.855, -2.29], rtol=1e-15)
    step.update(params, {"W1": np.array([0.0, 0.0])})  # no gradient: the velocity alone carries on
    np.testing.assert_allclose(step.v["W1"], [-0.0855, -0.171], rtol=1e-15)
    np.testing.assert_allclose(params["W1"], [0.7695, -2.461], rtol=1e-15)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_sgd_equals_a_loop_over_the_elements_bit_for_bit(dtype):
    params = random_params(1, dtype)
    lr = dtype(0.05)  # the same rounding of 0.05 as NumPy uses for the weak Python scalar
    expected = {key: p.copy() for key, p in params.items()}
    step = SGD(lr=0.05)
    for s in range(3):
        grads = random_grads(params, seed=10 + s)
        for key, g in grads.items():
            flat = expected[key].reshape(-1)
            for i, gi in enumerate(g.reshape(-1)):
                flat[i] = flat[i] - lr * gi
        step.update(params, grads)
        for key in params:
            assert params[key].dtype == dtype
            assert params[key].tobytes() == expected[key].tobytes(), (s, key)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_momentum_equals_a_loop_over_the_elements_bit_for_bit(dtype):
    params = random_params(2, dtype)
    lr, alpha = dtype(0.05), dtype(0.9)
    expected = {key: p.copy() for key, p in params.items()}
    velocity = {key: np.zeros_like(p) for key, p in params.items()}
    step = Momentum(lr=0.05, momentum=0.9)
    for s in range(4):
        grads = random_grads(params, seed=20 + s)
        for key, g in grads.items():
            w, v = expected[key].reshape(-1), velocity[key].reshape(-1)
            for i, gi in enumerate(g.reshape(-1)):
                v[i] = v[i] * alpha  # in this order: v *= momentum; v -= lr * g; W += v
                v[i] = v[i] - lr * gi
                w[i] = w[i] + v[i]
        step.update(params, grads)
        for key in params:
            assert params[key].dtype == step.v[key].dtype == dtype
            assert params[key].tobytes() == expected[key].tobytes(), (s, key)
            assert step.v[key].tobytes() == velocity[key].tobytes(), (s, key)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_momentum_is_the_training_scripts_momentum_bit_for_bit(dtype):
    """Many steps with a changing learning rate, as tools/train_mnist.py runs them."""
    ours, script = random_params(3, dtype), random_params(3, dtype)
    a, b = Momentum(lr=0.2, momentum=0.9), ScriptMomentum(lr=0.2, momentum=0.9)
    for s in range(50):
        a.lr = b.lr = 0.2 * (1 - s / 50)
        grads = random_grads(ours, seed=100 + s)
        if s % 2:  # float64 gradients for float32 parameters: still float32 afterwards
            grads = {key: g.astype(np.float64) for key, g in grads.items()}
        a.update(ours, grads)
        b.update(script, grads)
    for key in ours:
        assert ours[key].dtype == dtype
        assert ours[key].tobytes() == script[key].tobytes(), key
        assert a.v[key].tobytes() == b.v[key].tobytes(), key


def test_momentum_zero_is_sgd_bit_for_bit():
    p1, p2 = random_params(4), random_params(4)
    sgd, momentum = SGD(lr=0.3), Momentum(lr=0.3, momentum=0.0)
    for s in range(5):
        grads = random_grads(p1, seed=30 + s)
        sgd.update(p1, grads)
        momentum.update(p2, grads)
    assert all(p1[key].tobytes() == p2[key].tobytes() for key in p1)


@pytest.mark.parametrize(
    ("make", "final"), [(lambda: SGD(lr=0.95), 0.014), (lambda: Momentum(lr=0.1, momentum=0.9), 0.048)]
)
def test_the_books_example_function_goes_downhill(make, final):
    """f(x, y) = x^2 / 20 + y^2 from (-7, 2), the book's §6.1.3 example, 30 steps with the book's settings.

    Measured: f goes from 6.45 to 0.0133 (SGD) and 0.0479 (Momentum); parameters may be 0-d arrays."""
    params = {"x": np.array(-7.0), "y": np.array(2.0)}
    optimizer = make()
    for _ in range(30):
        optimizer.update(params, {"x": params["x"] / 10, "y": 2 * params["y"]})
    assert float(params["x"] ** 2 / 20 + params["y"] ** 2) < final


# ---- the protocol: in place, grads untouched, state per name ------------------------------------


@pytest.mark.parametrize("make", [lambda: SGD(lr=0.1), lambda: Momentum(lr=0.1, momentum=0.9)])
def test_parameters_change_in_place_and_layers_see_it(make):
    params = random_params(5)
    ids = {key: id(p) for key, p in params.items()}
    layer = Affine(params, 1)
    x = np.ones((2, 4))
    before = layer.forward(x)
    view = params["W2"][0]  # a view into W2 follows too
    make().update(params, random_grads(params, seed=6))
    assert {key: id(p) for key, p in params.items()} == ids  # the same array objects
    assert layer.W is params["W1"] and layer.b is params["b1"]
    np.testing.assert_array_equal(layer.forward(x), x @ params["W1"] + params["b1"])
    assert not np.array_equal(layer.forward(x), before)
    np.testing.assert_array_equal(view, params["W2"][0])


@pytest.mark.parametrize("make", [lambda: SGD(lr=0.1), lambda: Momentum(lr=0.1, momentum=0.9)])
def test_grads_are_left_unchanged(make):
    params = random_params(7)
    grads = random_grads(params, seed=8)
    copies = {key: g.copy() for key, g in grads.items()}
    ids = {key: id(g) for key, g in grads.items()}
    opt = make()
    for _ in range(3):
        opt.update(params, grads)
    assert {key: id(g) for key, g in grads.items()} == ids
    assert all(np.array_equal(grads[key], copies[key]) for key in grads)


def test_momentum_keeps_one_velocity_per_parameter_name():
    params = {"W1": np.zeros(3), "W2": np.zeros(3)}  # the same shape: the velocities must still be separate
    opt = Momentum(lr=1.0, momentum=0.5)
    opt.update(params, {"W1": np.ones(3), "W2": np.zeros(3)})
    assert sorted(opt.v) == ["W1", "W2"]
    assert opt.v["W1"] is not opt.v["W2"] and opt.v["W1"] is not params["W1"]
    np.testing.assert_array_equal(opt.v["W1"], [-1.0, -1.0, -1.0])
    np.testing.assert_array_equal(opt.v["W2"], [0.0, 0.0, 0.0])
    opt.update(params, {"W2": np.ones(3)})  # only W2 has a gradient this time: W1 stays, its velocity too
    np.testing.assert_array_equal(params["W1"], [-1.0, -1.0, -1.0])
    np.testing.assert_array_equal(opt.v["W1"], [-1.0, -1.0, -1.0])
    np.testing.assert_array_equal(opt.v["W2"], [-1.0, -1.0, -1.0])
    np.testing.assert_array_equal(params["W2"], [-1.0, -1.0, -1.0])


def test_a_parameter_without_a_gradient_stays_as_it_is():
    params = random_params(9)
    frozen = params["W1"].copy()
    grads = random_grads(params, seed=10)
    del grads["W1"]
    SGD(lr=0.1).update(params, grads)
    np.testing.assert_array_equal(params["W1"], frozen)


def test_lr_and_momentum_are_plain_attributes_a_loop_may_change():
    params, grads = {"w": np.array([0.0])}, {"w": np.array([1.0])}
    opt = Momentum(lr=0.1, momentum=0.9)
    assert (opt.lr, opt.momentum) == (0.1, 0.9)
    opt.update(params, grads)  # v = -0.1
    opt.lr, opt.momentum = 0.5, 0.0
    opt.update(params, grads)  # v = 0 * v - 0.5 = -0.5
    np.testing.assert_allclose(params["w"], [-0.6], rtol=1e-15)
    sgd = SGD()
    assert sgd.lr == 0.01
    sgd.lr = 1.0
    sgd.update(params, grads)
    np.testing.assert_allclose(params["w"], [-1.6], rtol=1e-15)


def test_float32_stays_float32_with_any_gradient():
    for opt in (SGD(lr=0.1), Momentum(lr=0.1)):
        params = random_params(11, np.float32)
        for grads in (
            random_grads(params, 12),
            {k: g.astype(np.float64) for k, g in random_grads(params, 13).items()},
        ):
            opt.update(params, grads)
        assert all(p.dtype == np.float32 for p in params.values())
        assert all(v.dtype == np.float32 for v in getattr(opt, "v", {}).values())


def test_gradients_may_be_lists():
    params = {"w": np.array([1.0, 2.0])}
    SGD(lr=0.5).update(params, {"w": [2, 2]})
    np.testing.assert_array_equal(params["w"], [0.0, 1.0])


def test_public_names_and_docstrings():
    assert sorted(optimizers.__all__) == ["Momentum", "SGD"]
    assert nbhelpers.SGD is SGD and nbhelpers.Momentum is Momentum
    assert "Book §6.1.2" in SGD.__doc__ and "Book §6.1.4" in Momentum.__doc__
    assert repr(SGD(lr=0.5)) == "SGD(lr=0.5)"
    assert repr(Momentum()) == "Momentum(lr=0.01, momentum=0.9)"


# ---- errors -------------------------------------------------------------------------------------


@pytest.mark.parametrize("make", [lambda: SGD(lr=0.1), lambda: Momentum(lr=0.1, momentum=0.9)])
def test_errors_name_the_key_and_both_shapes_and_change_nothing(make):
    opt = make()
    who = type(opt).__name__
    params = random_params(14)
    before = {key: p.copy() for key, p in params.items()}
    grads = random_grads(params, seed=15)
    cases = [
        (
            dict(grads, b2=np.zeros((1, 2))),  # W1, b1, W2 come first and fit: still nothing may change
            ValueError,
            rf"^{who}.update: grads\['b2'\] has shape \(1, 2\), but params\['b2'\] has shape \(2,\)",
        ),
        (
            dict(grads, W2=np.float64(1.0)),
            ValueError,
            r"grads\['W2'\] has shape \(\), but params\['W2'\] has shape \(3, 2\)",
        ),
        (
            dict(grads, W3=np.zeros((2, 1))),
            ValueError,
            r"grads has the key 'W3' \(shape \(2, 1\)\), but params has no parameter of that name "
            r"\(params holds 'W1', 'b1', 'W2', 'b2'\)",
        ),
        (
            dict(grads, W1=[["a"] * 3] * 4),
            TypeError,
            r"grads\['W1'\] must be a number or an array of numbers",
        ),
    ]
    for bad, error, message in cases:
        with pytest.raises(error, match=message):
            opt.update(params, bad)
        assert all(np.array_equal(params[key], before[key]) for key in params)
        assert getattr(opt, "v", {}) == {}


@pytest.mark.parametrize("make", [lambda: SGD(lr=0.1), lambda: Momentum(lr=0.1, momentum=0.9)])
def test_parameters_that_cannot_change_in_place(make):
    opt = make()
    with pytest.raises(TypeError, match=r"params\['W1'\] must be a NumPy float array.*got list"):
        opt.update({"W1": [1.0, 2.0]}, {"W1": np.ones(2)})
    with pytest.raises(
        TypeError, match=r"params\['W1'\] must be a NumPy float array.*got an array of dtype int64"
    ):
        opt.update({"W1": np.array([1, 2])}, {"W1": np.ones(2)})
    with pytest.raises(TypeError, match=r"params must be a dict such as"):
        opt.update([np.ones(2)], {"W1": np.ones(2)})
    with pytest.raises(TypeError, match=r"grads must be a dict such as"):
        opt.update({"W1": np.ones(2)}, [np.ones(2)])


def test_momentum_refuses_a_network_of_another_shape():
    opt = Momentum(lr=0.1)
    opt.update({"W1": np.zeros((2, 3))}, {"W1": np.ones((2, 3))})
    with pytest.raises(
        ValueError, match=r"the velocity of 'W1' has shape \(2, 3\), but params\['W1'\] has shape \(3, 3\)"
    ):
        opt.update({"W1": np.zeros((3, 3))}, {"W1": np.ones((3, 3))})


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"lr": -0.1}, ValueError, r"lr must be >= 0"),
        ({"lr": float("nan")}, ValueError, r"lr must be finite"),
        ({"lr": "0.1"}, TypeError, r"lr must be a real number"),
        ({"momentum": 1.0}, ValueError, r"momentum must be in \[0, 1\)"),
        ({"momentum": -0.5}, ValueError, r"momentum must be in \[0, 1\)"),
        ({"momentum": None}, TypeError, r"momentum must be a real number"),
    ],
)
def test_bad_settings(kwargs, error, message):
    with pytest.raises(error, match=message):
        Momentum(**kwargs)
    if "lr" in kwargs:
        with pytest.raises(error, match=message):
            SGD(**kwargs)
