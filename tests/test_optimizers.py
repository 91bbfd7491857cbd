"""Tests for nbhelpers.optimizers: SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam, make_optimizer, the 2-D
surfaces and descent_path, and smooth_curve.

Each optimizer against two references:
  (a) the book's own classes (common/optimizer.py, copied in tests/book.py), bit for bit in float64 over 200
      steps of random gradients of scales 1e-3 ... 1e3, several parameter names and shapes (a 0-d one too),
      for hypothesis-drawn hyperparameters; in float32 too, bit for bit for all but Adam, whose book code
      computes a float32 parameter's step in float64 (its lr_t is a NumPy float64): there the difference
      is float32 rounding (measured after 300 steps: 10 of 24 elements differ, by one float32 ulp, 6e-8 at
      most, 6.0e-7 relative; bound 2e-6);
  (b) the formulas written here in plain Python floats, one element at a time (math.sqrt), in another form
      where there is one: AdaGrad's h as the sum of all squared gradients so far, RMSprop's as the weighted
      sum (1 - ρ) Σ ρ^(t-s) g_s², Adam in the paper's form m̂ / (√v̂ + ε) (equal to the book's with
      ε / √(1 - β2^t) in place of ε, to rounding; with ε itself within 1e-5 for gradients of 0.1 and up).
Momentum also against the class tools/train_mnist.py used before it moved here (the shipped weights depend on
it bit for bit). Then the protocol of DESIGN.md for every optimizer: parameters change in place (the same
array object), grads are left alone, the state is kept per parameter name, float32 stays float32 (state
too), hyperparameters are attributes a loop may change, no warning at a zero gradient, and bad input raises
an error naming the key and both shapes before anything changes. Each reaches the minimum of a convex
quadratic ½ xᵀAx (A SPD, eigenvalues 0.135 ... 3.64). descent_path reproduces the book's
ch06/optimizer_compare_naive.py bit for bit; smooth_curve is the book's common/util.py.
"""

from __future__ import annotations

import dataclasses
import math

import book
import numpy as np
import pytest
from helpers import FAST, no_warnings
from hypothesis import given, settings
from hypothesis import strategies as st

import nbhelpers
from nbhelpers import optimizers
from nbhelpers.optimizers import (
    OPTIMIZERS,
    SGD,
    SURFACES,
    AdaGrad,
    Adam,
    Momentum,
    Nesterov,
    RMSprop,
    Surface,
    descent_path,
    make_optimizer,
    smooth_curve,
)

NAMES = list(OPTIMIZERS)
#: A learning rate that moves the random test parameters visibly, per optimizer.
MAKE = {
    "SGD": lambda: SGD(lr=0.1),
    "Momentum": lambda: Momentum(lr=0.1, momentum=0.9),
    "Nesterov": lambda: Nesterov(lr=0.1, momentum=0.9),
    "AdaGrad": lambda: AdaGrad(lr=0.1),
    "RMSprop": lambda: RMSprop(lr=0.01, decay_rate=0.9),
    "Adam": lambda: Adam(lr=0.01),
}
#: The names of each optimizer's state dicts.
STATE = {
    "SGD": (),
    "Momentum": ("v",),
    "Nesterov": ("v",),
    "AdaGrad": ("h",),
    "RMSprop": ("h",),
    "Adam": ("m", "v"),
}
SHAPES = {"W1": (4, 3), "b1": (3,), "W2": (3, 2), "b2": (2,)}


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


def random_params(seed=0, dtype=np.float64, shapes=SHAPES):
    rng = np.random.default_rng(seed)
    return {key: rng.normal(size=shape).astype(dtype) for key, shape in shapes.items()}


def random_grads(params, seed, scales=False):
    """Normal gradients; with ``scales``, each parameter's of another size, 1e-3 ... 1e3, some exactly 0."""
    rng = np.random.default_rng(seed)
    grads = {}
    for key, p in params.items():
        g = rng.normal(size=p.shape)
        if scales:
            g *= 10.0 ** rng.integers(-3, 4)
            g[rng.random(p.shape) < 0.1] = 0.0
        grads[key] = g.astype(p.dtype)
    return grads


def copy(params):
    return {key: p.copy() for key, p in params.items()}


def states(opt):
    return [getattr(opt, name) for name in STATE[type(opt).__name__]]


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


def test_the_adaptive_ones_by_hand():
    w, g = np.array([1.0, 1.0]), np.array([4.0, -0.5])
    params, opt = {"w": w.copy()}, AdaGrad(lr=0.5)
    opt.update(params, {"w": g})  # h = [16, 0.25]; w - 0.5 [4 / 4, -0.5 / 0.5] = [0.5, 1.5]
    np.testing.assert_allclose(params["w"], [0.5, 1.5], rtol=1e-6)  # (the 1e-7 in the denominators)
    opt.update(params, {"w": g})  # h = [32, 0.5]; steps 0.5 / sqrt(2) each
    np.testing.assert_allclose(params["w"], [0.5 - 0.5 / math.sqrt(2), 1.5 + 0.5 / math.sqrt(2)], rtol=1e-6)
    params = {"w": w.copy()}
    RMSprop(lr=0.01, decay_rate=0.99).update(params, {"w": g})  # h = 0.01 g²: steps 0.01 * 10 = 0.1
    np.testing.assert_allclose(params["w"], [0.9, 1.1], rtol=1e-6)
    params = {"w": w.copy()}
    Adam(lr=0.1).update(params, {"w": g})  # lr_t = 0.1 sqrt(0.001) / 0.1; m = 0.1 g, v = 0.001 g²
    np.testing.assert_allclose(params["w"], [0.9, 1.1], rtol=1e-6)
    params = {"w": w.copy()}
    Nesterov(lr=0.1, momentum=0.5).update(params, {"w": g})  # v = -0.1 g; w + 0.25 v - 1.5 * 0.1 g
    np.testing.assert_allclose(params["w"], w - 0.025 * g - 0.15 * g, rtol=1e-15)


# ---- (a) the book's classes, bit for bit ----------------------------------------------------------------

HYPER = {
    "SGD": st.fixed_dictionaries({"lr": st.floats(0, 2)}),
    "Momentum": st.fixed_dictionaries({"lr": st.floats(0, 0.5), "momentum": st.floats(0, 0.99)}),
    "Nesterov": st.fixed_dictionaries({"lr": st.floats(0, 0.5), "momentum": st.floats(0, 0.99)}),
    "AdaGrad": st.fixed_dictionaries({"lr": st.floats(0, 2)}),
    "RMSprop": st.fixed_dictionaries({"lr": st.floats(0, 0.5), "decay_rate": st.floats(0, 0.999)}),
    "Adam": st.fixed_dictionaries(
        {"lr": st.floats(0, 0.5), "beta1": st.floats(0, 0.99), "beta2": st.floats(0, 0.9999)}
    ),
}
WITH_0D = {**SHAPES, "s": ()}  # the book's own 2-D example has 0-d (scalar) parameters


def run_both(name, hyper, dtype, steps, seed):
    """Our optimizer and the book's from the same start on the same gradients: both parameter dicts."""
    ours, theirs = random_params(seed, dtype, WITH_0D), random_params(seed, dtype, WITH_0D)
    a, b = OPTIMIZERS[name](**hyper), getattr(book, name)(**hyper)
    for s in range(steps):
        grads = random_grads(ours, seed=1000 * seed + s, scales=True)
        a.update(ours, grads)
        b.update(theirs, grads)
    return ours, theirs, a, b


@pytest.mark.parametrize("name", NAMES)
@settings(FAST, max_examples=25)
@given(data=st.data(), seed=st.integers(0, 2**16))
def test_the_books_optimizer_bit_for_bit_in_float64(name, data, seed):
    hyper = data.draw(HYPER[name], label="hyperparameters")
    ours, theirs, a, b = run_both(name, hyper, np.float64, steps=200, seed=seed)
    for key in ours:
        assert ours[key].dtype == theirs[key].dtype == np.float64
        assert ours[key].tobytes() == theirs[key].tobytes(), key
        for mine, its in zip(states(a), states(b)):
            assert mine[key].tobytes() == its[key].tobytes(), key
    if name == "Adam":
        assert a.iter == b.iter == 200


@pytest.mark.parametrize("name", NAMES)
def test_the_books_optimizer_in_float32(name):
    """Bit for bit but for Adam: the book's lr_t is a NumPy float64, so its float32 step is computed in float64
    and rounded once; ours stays in float32 (lr_t a Python float). Measured: 10 of 24 elements one ulp apart."""
    hyper = {"lr": 0.01}
    ours, theirs, _, _ = run_both(name, hyper, np.float32, steps=300, seed=7)
    for key in ours:
        assert ours[key].dtype == theirs[key].dtype == np.float32
        if name == "Adam":
            np.testing.assert_allclose(ours[key], theirs[key], rtol=2e-6, atol=1e-6)
        else:
            assert ours[key].tobytes() == theirs[key].tobytes(), key


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


@pytest.mark.parametrize(
    ("slow", "fast"),
    [
        (lambda: SGD(lr=0.3), lambda: Momentum(lr=0.3, momentum=0.0)),
        (lambda: SGD(lr=0.3), lambda: Nesterov(0.3, 0.0)),
    ],
)
def test_momentum_zero_is_sgd_bit_for_bit(slow, fast):
    p1, p2 = random_params(4), random_params(4)
    a, b = slow(), fast()
    for s in range(5):
        grads = random_grads(p1, seed=30 + s)
        a.update(p1, grads)
        b.update(p2, grads)
    assert all(p1[key].tobytes() == p2[key].tobytes() for key in p1)


# ---- (b) the formulas, one element at a time in Python floats ------------------------------------------


def reference_path(name, hyper, w0, gradients, paper_eps=None):
    """The parameter after each gradient of ``gradients`` (a list of floats), from the formulas."""
    lr, eps = hyper.get("lr", 0.01), 1e-7
    w, v, m, squares, out = w0, 0.0, 0.0, [], []
    for t, g in enumerate(gradients, start=1):
        squares.append(g * g)
        if name == "SGD":
            w = w - lr * g
        elif name in ("Momentum", "Nesterov"):
            a = hyper["momentum"]
            v_old, v = v, a * v - lr * g
            # Nesterov in the book's form, expanded: W + a³ v_old - (1 + a + a²) lr g
            w = w + v if name == "Momentum" else w + a**3 * v_old - (1 + a + a * a) * lr * g
        elif name == "AdaGrad":  # h: the sum of every squared gradient so far
            w = w - lr * g / (math.sqrt(math.fsum(squares)) + eps)
        elif name == "RMSprop":  # h = (1 - ρ) Σ_s ρ^(t - s) g_s²
            rho = hyper["decay_rate"]
            h = (1 - rho) * math.fsum(rho ** (t - s) * q for s, q in enumerate(squares, start=1))
            w = w - lr * g / (math.sqrt(h) + eps)
        else:  # Adam, the paper's Algorithm 1
            b1, b2 = hyper["beta1"], hyper["beta2"]
            m = b1 * m + (1 - b1) * g
            v = b2 * v + (1 - b2) * g * g
            m_hat, v_hat = m / (1 - b1**t), v / (1 - b2**t)
            e = eps / math.sqrt(1 - b2**t) if paper_eps is None else paper_eps  # the book's ε, or the paper's
            w = w - lr * m_hat / (math.sqrt(v_hat) + e)
        out.append(w)
    return out


FORMULA_HYPER = {
    "SGD": {"lr": 0.1},
    "Momentum": {"lr": 0.05, "momentum": 0.9},
    "Nesterov": {"lr": 0.05, "momentum": 0.8},
    "AdaGrad": {"lr": 0.3},
    "RMSprop": {"lr": 0.02, "decay_rate": 0.95},
    "Adam": {"lr": 0.05, "beta1": 0.8, "beta2": 0.99},
}


@pytest.mark.parametrize("name", NAMES)
@settings(FAST, max_examples=30)
@given(seed=st.integers(0, 2**16))
def test_each_optimizer_follows_its_formula(name, seed):
    """A (3, 2) parameter, 60 steps: every element against the formula's path (rtol 1e-11: rounding only)."""
    hyper = FORMULA_HYPER[name]
    rng = np.random.default_rng(seed)
    w0 = rng.normal(size=(3, 2))
    gradients = rng.normal(size=(60, 3, 2)) * 10.0 ** rng.integers(-2, 3, size=(1, 3, 2))
    params, opt = {"w": w0.copy()}, OPTIMIZERS[name](**hyper)
    path = []
    for g in gradients:
        opt.update(params, {"w": g})
        path.append(params["w"].copy())
    for i in np.ndindex(w0.shape):
        expected = reference_path(name, hyper, float(w0[i]), [float(g[i]) for g in gradients])
        np.testing.assert_allclose([p[i] for p in path], expected, rtol=1e-11, atol=1e-13, err_msg=str(i))


@settings(FAST, max_examples=50)
@given(seed=st.integers(0, 2**16), b1=st.floats(0, 0.99), b2=st.floats(0.5, 0.9999))
def test_adam_is_the_papers_adam_up_to_where_epsilon_sits(seed, b1, b2):
    """With the paper's ε = 1e-7 instead of the book's ε / √(1 - β2^t): within 1e-5 for gradients >= 0.1."""
    rng = np.random.default_rng(seed)
    gradients = rng.choice([-1, 1], size=40) * rng.uniform(0.1, 10, size=40)
    params, opt = {"w": np.array(0.5)}, Adam(lr=0.05, beta1=b1, beta2=b2)
    path = []
    for g in gradients:
        opt.update(params, {"w": np.array(g)})
        path.append(float(params["w"]))
    paper = reference_path(
        "Adam", {"lr": 0.05, "beta1": b1, "beta2": b2}, 0.5, list(gradients), paper_eps=1e-7
    )
    np.testing.assert_allclose(path, paper, rtol=1e-5, atol=1e-7)


@settings(FAST, max_examples=200)
@given(g=st.floats(1e-2, 1e6) | st.floats(-1e6, -1e-2), lr=st.floats(1e-4, 1.0))
def test_adams_first_step_is_lr_for_a_gradient_of_any_size(g, lr):
    """|Δ| = lr |g| / (|g| + 1e-7 / √(1 - β2)) ≈ lr (to 3.2e-4 for |g| >= 0.01); without the bias correction
    |Δ| ≈ lr (1 - β1) / √(1 - β2) = 3.162 lr (the steps of an uncorrected m, v that start at 0)."""
    for correction, expected in ((True, lr), (False, lr * 0.1 / math.sqrt(0.001))):
        params = {"w": np.array([3.0])}
        Adam(lr=lr, bias_correction=correction).update(params, {"w": np.array([g])})
        step = 3.0 - float(params["w"][0])
        assert math.copysign(1, step) == math.copysign(1, g)  # downhill
        assert abs(step) == pytest.approx(expected, rel=4e-4)
    assert 0.1 / math.sqrt(0.001) == pytest.approx(3.16228, rel=1e-6)


def test_nesterov_kicks_harder_but_keeps_momentums_pace():
    """The docstring's numbers: with α = 0.9 the first step is (1 + α + α²) η g = 2.71 η g (Momentum's η g), and on
    a steady slope both settle at η g / (1 - α) = 10 η g a step."""
    for cls, first in ((Momentum, 1.0), (Nesterov, 2.71)):
        params, opt, steps = {"w": np.array(0.0)}, cls(lr=0.01, momentum=0.9), []
        for _ in range(400):
            before = float(params["w"])
            opt.update(params, {"w": np.array(1.0)})
            steps.append(before - float(params["w"]))
        assert steps[0] == pytest.approx(first * 0.01, rel=1e-12)
        assert steps[-1] == pytest.approx(10 * 0.01, rel=1e-12)


def test_adam_keeps_float32_when_a_loop_sets_a_numpy_lr():
    a, b = random_params(16, np.float32, {"W": (200, 50)}), random_params(16, np.float32, {"W": (200, 50)})
    python, numpy = Adam(lr=0.01), Adam(lr=0.01)
    numpy.lr = np.float64(0.01)  # e.g. from np.linspace: lr_t is still a Python float, the step float32
    for s in range(5):
        grads = random_grads(a, seed=40 + s)
        python.update(a, grads)
        numpy.update(b, grads)
    assert all(a[key].tobytes() == b[key].tobytes() for key in a)


def test_adam_counts_steps_once_per_update_for_all_parameters():
    opt, params = Adam(), random_params(5)
    for _ in range(3):
        opt.update(params, random_grads(params, seed=6))
    assert opt.iter == 3
    assert (
        repr(Adam(bias_correction=False)) == "Adam(lr=0.001, beta1=0.9, beta2=0.999, bias_correction=False)"
    )


@pytest.mark.parametrize("name", NAMES)
def test_each_converges_on_a_convex_quadratic(name):
    """½ xᵀAx, A SPD with eigenvalues 0.135, 1.53, 3.64, from f = 1.85; 500 steps. Measured f at the end:
    SGD 3.7e-31, Momentum 6.9e-24, Nesterov 9.0e-28, AdaGrad 9.1e-33, RMSprop 2.0e-11, Adam 2.6e-22."""
    lr = {"SGD": 0.5, "Momentum": 0.05, "Nesterov": 0.05, "AdaGrad": 0.5, "RMSprop": 0.01, "Adam": 0.05}[name]
    A = np.array([[3.0, 1.0, 0.0], [1.0, 2.0, 0.5], [0.0, 0.5, 0.3]])
    assert np.all(np.linalg.eigvalsh(A) > 0.13)
    params, opt = {"x": np.array([1.0, -2.0, 3.0])}, make_optimizer(name, lr=lr)
    for _ in range(500):
        opt.update(params, {"x": A @ params["x"]})
    assert 0.5 * params["x"] @ A @ params["x"] < 1e-9


# ---- the protocol: in place, grads untouched, state per name, dtype ------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_parameters_change_in_place_and_layers_see_it(name):
    params = random_params(5)
    ids = {key: id(p) for key, p in params.items()}
    layer = Affine(params, 1)
    x = np.ones((2, 4))
    before = layer.forward(x)
    view = params["W2"][0]  # a view into W2 follows too
    MAKE[name]().update(params, random_grads(params, seed=6))
    assert {key: id(p) for key, p in params.items()} == ids  # the same array objects
    assert layer.W is params["W1"] and layer.b is params["b1"]
    np.testing.assert_array_equal(layer.forward(x), x @ params["W1"] + params["b1"])
    assert not np.array_equal(layer.forward(x), before)
    np.testing.assert_array_equal(view, params["W2"][0])


@pytest.mark.parametrize("name", NAMES)
def test_grads_are_left_unchanged(name):
    params = random_params(7)
    grads = random_grads(params, seed=8)
    copies = {key: g.copy() for key, g in grads.items()}
    ids = {key: id(g) for key, g in grads.items()}
    opt = MAKE[name]()
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


@pytest.mark.parametrize("name", [n for n in NAMES if STATE[n]])
def test_state_is_kept_per_parameter_name(name):
    """Two parameters of the same shape, only one with a gradient at first: separate state arrays, of the
    parameter's shape and dtype, never the parameter itself; a later gradient for the other starts its own."""
    params = {"a": np.zeros(3, np.float32), "b": np.zeros(3, np.float32)}
    opt = MAKE[name]()
    opt.update(params, {"a": np.ones(3, np.float32)})
    for state in states(opt):
        assert list(state) == ["a"]
        assert state["a"].shape == (3,) and state["a"].dtype == np.float32 and state["a"] is not params["a"]
    np.testing.assert_array_equal(params["b"], 0.0)
    opt.update(params, {"b": np.ones(3, np.float32)})
    for state in states(opt):
        assert sorted(state) == ["a", "b"] and state["a"] is not state["b"]


def test_a_parameter_without_a_gradient_stays_as_it_is():
    params = random_params(9)
    frozen = params["W1"].copy()
    grads = random_grads(params, seed=10)
    del grads["W1"]
    for name in NAMES:
        MAKE[name]().update(params, grads)
    np.testing.assert_array_equal(params["W1"], frozen)


def test_hyperparameters_are_plain_attributes_a_loop_may_change():
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
    adam = Adam(lr=0.1)
    adam.update(params, grads)  # about -0.1
    adam.lr = 0.0
    before = params["w"].copy()
    adam.update(params, grads)
    np.testing.assert_array_equal(params["w"], before)
    assert (RMSprop().decay_rate, Adam().beta1, Adam().beta2, Nesterov().momentum) == (0.99, 0.9, 0.999, 0.9)


@pytest.mark.parametrize("name", NAMES)
def test_float32_stays_float32_with_any_gradient(name):
    opt = MAKE[name]()
    params = random_params(11, np.float32)
    for grads in (
        random_grads(params, 12),
        {k: g.astype(np.float64) for k, g in random_grads(params, 13).items()},
    ):
        opt.update(params, grads)
    assert all(p.dtype == np.float32 for p in params.values())
    assert all(a.dtype == np.float32 for state in states(opt) for a in state.values())


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_no_warning_and_no_step_at_a_zero_gradient(name, dtype):
    """The first step with g = 0: AdaGrad's and RMSprop's 0 / (√0 + 1e-7) = 0, Adam's m / (√v + 1e-7) = 0."""
    params = random_params(14, dtype)
    before = copy(params)
    with no_warnings():
        MAKE[name]().update(params, {key: np.zeros_like(p) for key, p in params.items()})
    assert all(params[key].tobytes() == before[key].tobytes() for key in params)


@pytest.mark.parametrize("name", ["AdaGrad", "RMSprop", "Adam"])
def test_a_gradient_whose_square_overflows_gives_no_warning(name):
    """g = 1e30 in float32 (g² beyond 3.4e38): h or v = inf, no warning; the step is 0 (the module docstring
    says so), and Adam's next step NaN (inf - inf in v)."""
    params = {"w": np.array([1.0, 2.0], np.float32)}
    opt = OPTIMIZERS[name](lr=0.1)
    with no_warnings():
        opt.update(params, {"w": np.array([1e30, 1.0], np.float32)})
    assert params["w"][0] == 1.0 and params["w"][1] < 2.0
    if name == "Adam":
        with no_warnings():
            opt.update(params, {"w": np.array([1.0, 1.0], np.float32)})
        assert np.isnan(params["w"][0])


def test_gradients_may_be_lists():
    params = {"w": np.array([1.0, 2.0])}
    SGD(lr=0.5).update(params, {"w": [2, 2]})
    np.testing.assert_array_equal(params["w"], [0.0, 1.0])


def test_public_names_docstrings_and_reprs():
    assert sorted(optimizers.__all__) == sorted(
        [*NAMES, "OPTIMIZERS", "SURFACES", "Surface", "descent_path", "make_optimizer", "smooth_curve"]
    )
    for name in optimizers.__all__:
        assert getattr(nbhelpers, name) is getattr(optimizers, name), name
    sections = {"SGD": "6.1.2", "Momentum": "6.1.4", "AdaGrad": "6.1.5", "RMSprop": "6.1.5", "Adam": "6.1.6"}
    for name, cls in OPTIMIZERS.items():
        assert f"Book §{sections.get(name, '6.1')}" in cls.__doc__ and "notebook 09" in cls.__doc__, name
    for f in (Surface, descent_path, make_optimizer, smooth_curve):
        assert "Book §6.1" in f.__doc__ and "notebook 09" in f.__doc__, f
    assert repr(SGD(lr=0.5)) == "SGD(lr=0.5)"
    assert repr(Momentum()) == "Momentum(lr=0.01, momentum=0.9)"
    assert repr(Nesterov()) == "Nesterov(lr=0.01, momentum=0.9)"
    assert repr(AdaGrad()) == "AdaGrad(lr=0.01)"
    assert repr(RMSprop()) == "RMSprop(lr=0.01, decay_rate=0.99)"
    assert repr(Adam()) == "Adam(lr=0.001, beta1=0.9, beta2=0.999)"


# ---- errors -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_errors_name_the_key_and_both_shapes_and_change_nothing(name):
    opt = MAKE[name]()
    params = random_params(14)
    before = copy(params)
    grads = random_grads(params, seed=15)
    cases = [
        (
            dict(grads, b2=np.zeros((1, 2))),  # W1, b1, W2 come first and fit: still nothing may change
            ValueError,
            rf"^{name}.update: grads\['b2'\] has shape \(1, 2\), but params\['b2'\] has shape \(2,\)",
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
        assert all(state == {} for state in states(opt))
        assert getattr(opt, "iter", 0) == 0


@pytest.mark.parametrize("name", NAMES)
def test_parameters_that_cannot_change_in_place(name):
    opt = MAKE[name]()
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


@pytest.mark.parametrize(("name", "what"), [(n, STATE[n]) for n in NAMES if STATE[n]])
def test_an_optimizer_refuses_a_network_of_another_shape(name, what):
    label = {"v": "velocity" if name != "Adam" else "second moment v", "h": "h", "m": "first moment m"}
    opt = MAKE[name]()
    opt.update({"W1": np.zeros((2, 3)), "b1": np.zeros(3)}, {"W1": np.ones((2, 3)), "b1": np.ones(3)})
    saved = [copy(state) for state in states(opt)]
    params = {"b1": np.zeros(3), "W1": np.zeros((3, 3))}  # b1 fits and comes first: still nothing changes
    with pytest.raises(
        ValueError,
        match=rf"^{name}.update: the .*{label[what[0]]} of 'W1' has shape \(2, 3\), but params\['W1'\] has shape "
        rf"\(3, 3\); use a new {name} for a new network$",
    ):
        opt.update(params, {"b1": np.ones(3), "W1": np.ones((3, 3))})
    np.testing.assert_array_equal(params["b1"], 0.0)
    assert all(state.keys() == old.keys() for state, old in zip(states(opt), saved))
    assert all(np.array_equal(state[k], old[k]) for state, old in zip(states(opt), saved) for k in old)
    assert getattr(opt, "iter", 1) == 1


@pytest.mark.parametrize(
    ("cls", "kwargs", "error", "message"),
    [
        (SGD, {"lr": -0.1}, ValueError, r"lr must be >= 0"),
        (SGD, {"lr": float("nan")}, ValueError, r"lr must be finite"),
        (SGD, {"lr": "0.1"}, TypeError, r"lr must be a real number"),
        (Momentum, {"momentum": 1.0}, ValueError, r"momentum must be in \[0, 1\)"),
        (Momentum, {"momentum": -0.5}, ValueError, r"momentum must be in \[0, 1\)"),
        (Momentum, {"momentum": None}, TypeError, r"momentum must be a real number"),
        (Nesterov, {"momentum": 1.5}, ValueError, r"momentum must be in \[0, 1\)"),
        (Nesterov, {"lr": -1}, ValueError, r"lr must be >= 0"),
        (AdaGrad, {"lr": float("inf")}, ValueError, r"lr must be finite"),
        (RMSprop, {"decay_rate": 1.0}, ValueError, r"decay_rate must be in \[0, 1\)"),
        (RMSprop, {"decay_rate": True}, TypeError, r"decay_rate must be a real number"),
        (Adam, {"beta1": 1.0}, ValueError, r"beta1 must be in \[0, 1\)"),
        (Adam, {"beta2": -0.1}, ValueError, r"beta2 must be in \[0, 1\)"),
        (Adam, {"lr": -0.001}, ValueError, r"lr must be >= 0"),
        (Adam, {"bias_correction": "yes"}, TypeError, r"bias_correction must be True or False"),
    ],
)
def test_bad_settings(cls, kwargs, error, message):
    with pytest.raises(error, match=message):
        cls(**kwargs)
    if "lr" in kwargs:
        for other in OPTIMIZERS.values():
            with pytest.raises(error, match=message):
                other(lr=kwargs["lr"])


def test_settings_at_the_edges_are_accepted():
    assert Adam(lr=0, beta1=0, beta2=0).lr == 0.0
    assert Momentum(momentum=0.999999).momentum == 0.999999
    assert isinstance(Adam(lr=np.float32(0.1)).lr, float)  # a NumPy scalar becomes a Python float


# ---- make_optimizer -----------------------------------------------------------------------------


def test_make_optimizer_by_name_in_any_case():
    assert list(OPTIMIZERS) == ["SGD", "Momentum", "Nesterov", "AdaGrad", "RMSprop", "Adam"]
    for name, cls in OPTIMIZERS.items():
        for spelling in (name, name.lower(), name.upper()):
            made = make_optimizer(spelling)
            assert type(made) is cls and repr(made) == repr(cls())
    assert type(make_optimizer("rmsprpo")) is RMSprop  # the book's Trainer's typo
    assert make_optimizer("momentum", lr=0.5, momentum=0.8).momentum == 0.8
    assert make_optimizer("sgd") is not make_optimizer("sgd")
    with pytest.raises(
        ValueError, match=r"unknown optimizer 'adamw': choose one of SGD, Momentum, Nesterov, "
    ):
        make_optimizer("adamw")
    with pytest.raises(TypeError, match=r"name must be the name of an optimizer \(a str\), got type"):
        make_optimizer(SGD)
    with pytest.raises(TypeError, match=r"unexpected keyword argument 'momentum'"):
        make_optimizer("sgd", momentum=0.9)


# ---- the surfaces and descent_path --------------------------------------------------------------


def books_naive_loop(optimizer):
    """ch06/optimizer_compare_naive.py's loop, as the book has it: Python floats, 30 positions recorded."""

    def df(x, y):
        return x / 10.0, 2.0 * y

    params, grads = {}, {}
    params["x"], params["y"] = -7.0, 2.0
    x_history, y_history = [], []
    for _ in range(30):
        x_history.append(params["x"])
        y_history.append(params["y"])
        grads["x"], grads["y"] = df(params["x"], params["y"])
        optimizer.update(params, grads)
    return np.column_stack([x_history, y_history]), (float(params["x"]), float(params["y"]))


#: The book's four settings and where they end after 30 updates (measured; f = x²/20 + y² there).
BOOK_RUNS = {
    "SGD": (0.95, (-0.350393, 0.0847823), 0.0133268),
    "Momentum": (0.1, (0.896414, 0.0880856), 0.0479370),
    "AdaGrad": (1.5, (-0.120162, 2.48639e-17), 0.000721949),
    "Adam": (0.3, (0.136007, 0.318245), 0.102205),
}


@pytest.mark.parametrize("name", BOOK_RUNS)
def test_descent_path_is_the_books_loop_bit_for_bit(name):
    lr, end, f_end = BOOK_RUNS[name]
    history, last = books_naive_loop(getattr(book, name)(lr=lr))
    path = descent_path(make_optimizer(name, lr=lr), "bowl", steps=30)
    assert path.shape == (31, 2) and path.dtype == np.float64
    assert path[:30].tobytes() == history.tobytes()  # the book records the 30 points before each update
    assert tuple(path[30]) == last
    np.testing.assert_allclose(path[30], end, rtol=1e-5)
    assert SURFACES["bowl"].f(*path[30]) == pytest.approx(f_end, rel=1e-5)
    # the book's own optimizer object in our loop: the same path too
    assert descent_path(getattr(book, name)(lr=lr), SURFACES["bowl"], steps=30).tobytes() == path.tobytes()
    assert descent_path(name, "bowl").tobytes() == path.tobytes()  # by name: lr from SURFACES["bowl"].lrs


def test_the_surfaces():
    assert list(SURFACES) == ["bowl", "round", "banana", "saddle"]
    rng = np.random.default_rng(0)
    for key, s in SURFACES.items():
        assert s.name == key and isinstance(s.formula, str) and s.formula
        assert set(s.lrs) == set(OPTIMIZERS)
        x0, x1, y0, y1 = s.view
        assert x0 < s.start[0] < x1 and y0 < s.start[1] < y1
        # f on broadcasting arrays; the gradient on a grid, against central differences
        x, y = rng.uniform(x0, x1, size=(5, 1)), rng.uniform(y0, y1, size=(1, 4))
        assert s.f(x, y).shape == (5, 4)
        x, y = np.meshgrid(x, y)
        dx, dy = s.grad(x, y)
        assert dx.shape == dy.shape == x.shape
        h = 1e-6
        np.testing.assert_allclose(dx, (s.f(x + h, y) - s.f(x - h, y)) / (2 * h), rtol=1e-6, atol=1e-6)
        np.testing.assert_allclose(dy, (s.f(x, y + h) - s.f(x, y - h)) / (2 * h), rtol=1e-6, atol=1e-6)
        if s.minimum is not None:
            assert x0 < s.minimum[0] < x1 and y0 < s.minimum[1] < y1
            assert s.f(*s.minimum) == 0.0 and s.grad(*s.minimum) == (0.0, 0.0)
            assert np.all(s.f(x, y) > 0)
    assert SURFACES["saddle"].minimum is None and SURFACES["saddle"].grad(0.0, 0.0) == (0.0, -0.0)
    assert SURFACES["bowl"].formula == r"\frac{x^2}{20} + y^2"
    assert dict(SURFACES["bowl"].lrs) == {
        "SGD": 0.95,
        "Momentum": 0.1,
        "Nesterov": 0.1,
        "AdaGrad": 1.5,
        "RMSprop": 0.15,
        "Adam": 0.3,
    }
    with pytest.raises(dataclasses.FrozenInstanceError):
        SURFACES["bowl"].start = (0, 0)
    with pytest.raises(TypeError):
        SURFACES["bowl"].lrs["SGD"] = 1.0
    assert {SURFACES["bowl"]: 1}[SURFACES["bowl"]] == 1  # hashable (by identity)


def end_points(key, steps):
    s = SURFACES[key]
    return {name: descent_path(name, s, steps=steps)[-1] for name in OPTIMIZERS}


def test_the_bowl_and_the_round_bowl_with_the_books_settings():
    """Measured f after 30 | 100 steps on the bowl (from 6.45): SGD 0.0133 | 8.1e-9, Momentum 0.048 | 5.0e-5,
    Nesterov 0.014 | 5.5e-8, AdaGrad 7.2e-4 | 1.8e-11, RMSprop 4.2e-4 | 7.2e-15, Adam 0.102 | 4.2e-5."""
    bowl, flat = SURFACES["bowl"], SURFACES["round"]
    for name, end in end_points("bowl", 100).items():
        assert bowl.f(*end) < 1e-4, name
    # on the round bowl SGD goes straight to the minimum; Momentum too, overshooting along the same line
    for name in ("SGD", "Momentum"):
        path = descent_path(name, flat, steps=30)
        np.testing.assert_allclose(path[:, 1] / path[:, 0], 2.0 / -7.0, rtol=1e-12)
    # AdaGrad, RMSprop and Adam rescale each coordinate: the same paths on both (measured 1.7e-5 at most)
    for name in ("AdaGrad", "RMSprop", "Adam"):
        np.testing.assert_allclose(
            descent_path(name, bowl, steps=100), descent_path(name, flat, steps=100), atol=5e-5
        )
    np.testing.assert_allclose(
        descent_path("Adam", flat)[-1], (0.136007, 0.318245), rtol=1e-4
    )  # not straight


def test_the_banana():
    """Along the curved valley to (1, 1) with each optimizer's lr of SURFACES["banana"].lrs; measured ends
    after 100 steps (from (-1.5, 2), f = 6.56): SGD (0.59, 0.31) f 0.17, Momentum (1.003, 0.996) 5e-4,
    Nesterov (1.010, 1.022) 1.1e-4, AdaGrad (0.61, 0.34) 0.16, RMSprop (0.74, 0.53) 0.070, Adam (1.015,
    1.024) 5e-4. After 30: Momentum and Nesterov past x = 0.4; SGD, AdaGrad, RMSprop at x = -0.8 ... -1."""
    s = SURFACES["banana"]
    x0, x1, y0, y1 = s.view
    for name in OPTIMIZERS:
        path = descent_path(name, s, steps=100)
        assert np.all((x0 < path[:, 0]) & (path[:, 0] < x1) & (y0 < path[:, 1]) & (path[:, 1] < y1)), name
        assert path[-1, 0] > 0.5 and s.f(*path[-1]) < 0.2, name  # well along the valley
        if name in ("Momentum", "Nesterov", "Adam"):
            np.testing.assert_allclose(path[-1], s.minimum, atol=0.03)
    ends = end_points("banana", 30)
    assert ends["Momentum"][0] > 0.4 and ends["Nesterov"][0] > 0.4
    assert all(-1.0 < ends[name][0] < -0.8 for name in ("SGD", "AdaGrad", "RMSprop"))


def test_the_saddle():
    """From (-7, 0.01), on the ridge: after 30 steps SGD, Momentum and Nesterov are still on it (measured y
    0.152, 0.049, 0.061) near the saddle point; AdaGrad, RMSprop and Adam have left (y 7.06, 7.17, 6.47).
    After 100 SGD has left too (y = 87: 9.5 % more a step). From y = 0 exactly no one ever leaves."""
    s = SURFACES["saddle"]
    ends = end_points("saddle", 30)
    for name in ("SGD", "Momentum", "Nesterov"):
        assert abs(ends[name][0]) < 1 and 0 < ends[name][1] < 0.2, name
    for name in ("AdaGrad", "RMSprop", "Adam"):
        assert 6 < ends[name][1] < s.view[3], name
    assert end_points("saddle", 100)["SGD"][1] > 80
    for name in OPTIMIZERS:
        assert np.all(descent_path(name, s, start=(-7.0, 0.0), steps=100)[:, 1] == 0.0), name


def test_descent_path_options():
    path = descent_path(SGD(lr=0.5), "bowl", start=[3, -1], steps=0)
    assert path.shape == (1, 2) and path.tolist() == [[3.0, -1.0]]
    opt = Momentum(lr=0.1)
    first = descent_path(opt, "bowl", steps=5)
    again = descent_path(opt, "bowl", steps=5)  # the optimizer's velocity is used as it is
    assert not np.array_equal(first, again)
    own = Surface(
        "line", "x^2", lambda x, y: x**2, lambda x, y: (2 * x, 0 * y), (-1, 1, -1, 1), (1.0, 0.0), None, {}
    )
    np.testing.assert_allclose(
        descent_path("SGD", own, steps=2)[:, 0], [1.0, 0.98, 0.9604]
    )  # class default lr


def test_a_diverging_path_ends_in_nan_without_a_warning():
    with no_warnings():
        path = descent_path(SGD(lr=1e200), "bowl", steps=10)
    assert np.isfinite(path[:2]).all()  # y = 2 - 4e200, then overflows
    assert not np.isfinite(path[2]).all() and np.isnan(path[3:]).all()


def test_descent_path_errors():
    with pytest.raises(
        ValueError, match=r"surface must be a Surface or one of 'bowl', 'round', 'banana', 'saddle'"
    ):
        descent_path(SGD(), "hill")
    with pytest.raises(ValueError, match=r"start must be one point \(x, y\), shape \(2,\), got shape \(3,\)"):
        descent_path(SGD(), "bowl", start=(1, 2, 3))
    with pytest.raises(ValueError, match=r"steps must be a whole number >= 0, got -1"):
        descent_path(SGD(), "bowl", steps=-1)
    with pytest.raises(TypeError, match=r"steps must be a whole number >= 0, got float 2.5"):
        descent_path(SGD(), "bowl", steps=2.5)
    with pytest.raises(TypeError, match=r"optimizer must have an update\(params, grads\) method, got float"):
        descent_path(0.1, "bowl")
    with pytest.raises(ValueError, match=r"unknown optimizer 'adamw'"):
        descent_path("adamw", "bowl")


# ---- smooth_curve -------------------------------------------------------------------------------


@settings(FAST, max_examples=100)
@given(n=st.integers(11, 300), seed=st.integers(0, 2**16))
def test_smooth_curve_is_the_books_bit_for_bit(n, seed):
    x = np.random.default_rng(seed).normal(size=n).cumsum()
    ours, theirs = smooth_curve(x), book.smooth_curve(x)
    assert ours.shape == x.shape and ours.tobytes() == theirs.tobytes()
    assert smooth_curve(list(x)).tobytes() == theirs.tobytes()
    x32 = x.astype(np.float32)
    assert smooth_curve(x32).dtype == np.float32
    assert smooth_curve(x32).tobytes() == book.smooth_curve(x32).astype(np.float32).tobytes()


def test_smooth_curve_is_a_weighted_average_of_eleven_neighbours():
    n = 40
    x = np.arange(n, dtype=float)
    y = smooth_curve(x)
    np.testing.assert_allclose(y[5:-5], x[5:-5], rtol=1e-14)  # symmetric weights keep a straight line
    # at the ends the book mirrors x: without the edge value on the left, with it on the right
    w = np.kaiser(11, 2) / np.kaiser(11, 2).sum()
    np.testing.assert_allclose(y[0], w @ np.abs(np.arange(-5, 6)), rtol=1e-14)
    right = np.r_[x[-6:], x[-1:-6:-1]]
    np.testing.assert_allclose(y[-1], w @ right, rtol=1e-14)
    np.testing.assert_allclose(smooth_curve(np.full(11, 0.25)), 0.25, rtol=1e-15)
    spike = smooth_curve(np.r_[np.zeros(20), np.nan, np.zeros(20)])
    assert np.isnan(spike[15:26]).all() and not np.isnan(spike[:15]).any() and not np.isnan(spike[26:]).any()


def test_smooth_curve_errors():
    with pytest.raises(ValueError, match=r"x must be a 1-D curve of at least 11 values .* got shape \(10,\)"):
        smooth_curve(np.zeros(10))
    with pytest.raises(ValueError, match=r"got shape \(3, 20\)"):
        smooth_curve(np.zeros((3, 20)))
    with pytest.raises(TypeError, match=r"x must be a number or an array of numbers"):
        smooth_curve(["a"] * 12)


# ---- notebook 09's shipped MNIST comparisons (tools/optimizer_compare.py) ----------------------------------


def test_the_shipped_comparison_is_what_the_tool_runs_and_its_first_steps_reproduce():
    """nbhelpers/data/optimizer_compare.json holds what tools/optimizer_compare.py's settings say, and the tool's
    own ``compare`` reproduces the first steps of the shipped curves of seed 0 (to BLAS rounding), for every run
    of both comparisons; the book's qualitative results hold in the shipped summary for every seed."""
    import optimizer_compare  # tools/, put on sys.path by conftest.py

    from nbhelpers import load_mnist, shipped_results

    shipped = shipped_results("optimizer_compare")
    assert shipped["optimizer_runs"] == {k: list(v) for k, v in optimizer_compare.OPTIMIZER_RUNS.items()}
    assert shipped["init_runs"] == optimizer_compare.INIT_RUNS
    assert (shipped["steps"], shipped["batch_size"]) == (
        optimizer_compare.STEPS,
        optimizer_compare.BATCH_SIZE,
    )
    assert (
        shipped["hidden_size_list"] == optimizer_compare.HIDDEN
        and shipped["dtype"] == optimizer_compare.DTYPE
    )
    data = load_mnist(normalize=True)
    for part, runs in (
        ("optimizers", optimizer_compare.optimizer_runs()),
        ("init", optimizer_compare.init_runs()),
    ):
        curves = shipped["curves"][part]
        assert set(curves) == set(runs) and all(len(c) == optimizer_compare.STEPS for c in curves.values())
        live = optimizer_compare.compare(data, runs, steps=20, seed=shipped["seeds"][0])
        for label, result in live.items():
            np.testing.assert_allclose(
                result["loss"], curves[label][:20], rtol=1e-3, atol=1e-4, err_msg=label
            )
    for seed, summary in shipped["summary"]["optimizers"].items():  # the book's figure 6-9, every seed
        last = {label: s["last_100_mean_loss"] for label, s in summary.items()}
        assert all(last["SGD"] > 2 * last[name] for name in ("Momentum", "AdaGrad", "RMSprop", "Adam")), seed
        assert last["RMSprop, lr 0.01"] > 2.0, seed  # thrown into saturation at the first step
    for seed, summary in shipped["summary"]["init"].items():  # the book's figure 6-15, every seed
        last = {label: s["last_100_mean_loss"] for label, s in summary.items()}
        assert last["std=0.01"] > 2.2 and last["He"] < last["Xavier"] < 1.0, seed
