"""The playground's core (notebook 13): the input features, the Tanh and Identity layers, the gradient sizes
that ``train`` records, and ``Playground``: determinism, settings that apply mid-run or start anew, the maps
it draws, and ``code()``, whose text, run in a fresh Python, gives the same losses and the same weights.
"""

from __future__ import annotations

import subprocess
import sys
import warnings

import numpy as np
import pytest
from helpers import no_warnings

from nbhelpers import MultiLayerNet, Tanh, add_features, train, weight_grad_norms
from nbhelpers.datasets import DATASETS, train_test_split
from nbhelpers.layers import Identity
from nbhelpers.playground import (
    ACTIVATION_CHOICES,
    DEFAULTS,
    FEATURE_LABELS,
    FEATURES,
    OPTIMIZER_CHOICES,
    RANGE,
    Playground,
)

# ---- add_features ---------------------------------------------------------------------------------------


def test_features_are_the_formulas_in_the_order_asked():
    x = np.random.default_rng(0).uniform(-3, 3, size=(50, 2))
    before = x.copy()
    a, b = x[:, 0], x[:, 1]
    formulas = {
        "x1": a,
        "x2": b,
        "x1^2": a**2,
        "x2^2": b**2,
        "x1*x2": a * b,
        "sin(x1)": np.sin(a),
        "sin(x2)": np.sin(b),
    }
    assert list(formulas) == list(FEATURES) == list(FEATURE_LABELS)
    got = add_features(x, FEATURES)
    assert got.shape == (50, 7)
    for j, name in enumerate(FEATURES):
        np.testing.assert_array_equal(got[:, j], formulas[name])
    reordered = add_features(x, ["sin(x2)", "x1", "x1*x2"])
    np.testing.assert_array_equal(reordered, np.column_stack([np.sin(b), a, a * b]))
    np.testing.assert_array_equal(x, before)


def test_features_of_one_point_keep_float32_and_default_to_the_coordinates():
    assert add_features([0.5, -1.0]).tolist() == [0.5, -1.0]
    x32 = np.array([[1.0, 2.0]], dtype=np.float32)
    assert add_features(x32, ["x1^2", "sin(x1)"]).dtype == np.float32


@pytest.mark.parametrize(
    ("x", "features", "error", "match"),
    [
        ([[1.0, 2.0, 3.0]], ["x1"], ValueError, r"x must be points of shape \(N, 2\).*got shape \(1, 3\)"),
        ([[1.0, 2.0]], ["x3"], ValueError, r"unknown feature 'x3': the features are x1, x2, x1\^2"),
        ([[1.0, 2.0]], ["x1", "x1"], ValueError, r"each feature once"),
        ([[1.0, 2.0]], [], ValueError, r"at least one feature"),
        ([[1.0, 2.0]], "x1", TypeError, r"features must be a list of feature names"),
    ],
)
def test_bad_features_are_named(x, features, error, match):
    with pytest.raises(error, match=match):
        add_features(x, features)


# ---- the layers and the gradient sizes ----------------------------------------------------------------------


@pytest.mark.parametrize("layer_class", [Tanh, Identity])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_tanh_and_identity_layers_backward_is_the_numerical_derivative(layer_class, dtype):
    rng = np.random.default_rng(1)
    x, dout = rng.normal(size=(4, 3)).astype(dtype), rng.normal(size=(4, 3)).astype(dtype)
    layer = layer_class()
    y = layer.forward(x)
    kept = dout.copy()
    dx = layer.backward(dout)
    assert y.dtype == dx.dtype == dtype and y is not x and dx is not dout
    np.testing.assert_array_equal(dout, kept)
    f = np.tanh if layer_class is Tanh else (lambda v: v)
    h = 1e-6
    x64 = x.astype(np.float64)
    numerical = dout.astype(np.float64) * (f(x64 + h) - f(x64 - h)) / (2 * h)
    tol = 1e-8 if dtype == np.float64 else 1e-5
    np.testing.assert_allclose(dx, numerical, rtol=tol, atol=tol)
    with pytest.raises(ValueError, match=r"dout must have the shape of forward's output, \(4, 3\)"):
        layer.backward(np.ones((3, 4)))
    with pytest.raises(RuntimeError, match="call forward first"):
        layer_class().backward(dout)


def test_weight_grad_norms_are_the_frobenius_norms_in_layer_order():
    rng = np.random.default_rng(0)
    grads = {
        f"{kind}{k}": rng.normal(size=(3, 2) if kind == "W" else (2,))
        for k in range(12, 0, -1)
        for kind in "bW"
    }
    norms = weight_grad_norms(grads)
    assert len(norms) == 12 and all(type(v) is float for v in norms)
    for k, value in enumerate(norms, start=1):
        assert value == pytest.approx(np.sqrt(sum(float(g) ** 2 for g in grads[f"W{k}"].ravel())), rel=1e-14)
    assert weight_grad_norms({"W1": np.zeros((2, 2), dtype=np.float32)}) == (0.0,)


def test_train_records_each_steps_gradient_sizes():
    """With the whole training set as the batch (shuffle=True, batch_size=N), step 1's gradient is the one
    net.gradient gives on all of it, before the update."""
    x, t = DATASETS["circles"](n=40, seed=0)
    net = MultiLayerNet(2, [5, 5], 2, activation="tanh", weight_init_std="xavier", rng=0)
    expected = weight_grad_norms(net.gradient(x, t))
    history = train(
        net,
        x,
        t,
        lr=0.1,
        batch_size=40,
        steps=3,
        seed=0,
        gradient="gradient",
        shuffle=True,
        grad_norms=True,
        progress=False,
    )
    assert len(history.grad_norms) == 3 and len(history.grad_norms[0]) == 3
    np.testing.assert_allclose(history.grad_norms[0], expected, rtol=1e-12)
    assert train(net, x, t, lr=0.1, steps=2, seed=0, gradient="gradient", progress=False).grad_norms == []


# ---- Playground ---------------------------------------------------------------------------------------


def test_a_seeded_run_is_deterministic_and_steps_add_up():
    """The same settings give the same weights and losses bit for bit, however the steps are grouped."""
    settings = dict(dataset="spirals", hidden=(16, 16), activation="relu", optimizer="Adam", lr=0.01, seed=3)
    a, b = Playground(**settings), Playground(**settings)
    a.step(60)
    for _ in range(6):
        b.step(10)
    assert a.history.steps_done == b.history.steps_done == 60
    for key in a.net.params:
        np.testing.assert_array_equal(a.net.params[key], b.net.params[key])
    assert a.history.step_loss == b.history.step_loss
    assert a.history.grad_norms == b.history.grad_norms
    assert a.train_loss[-1] == b.train_loss[-1] and a.test_loss[-1] == b.test_loss[-1]
    assert len(b.loss_steps) == len(b.train_loss) == 7 and b.loss_steps[-1] == 60


def test_the_data_are_the_toy_set_split_and_featured():
    pg = Playground(dataset="xor", n=300, noise=0.2, test_ratio=0.3, data_seed=4, features=["x1", "x1*x2"])
    x, t = DATASETS["xor"](n=300, noise=0.2, seed=4)
    (x_train, t_train), (x_test, t_test) = train_test_split(x, t, test_ratio=0.3, seed=4)
    np.testing.assert_array_equal(pg.x_train, x_train)
    np.testing.assert_array_equal(pg.t_test, t_test)
    np.testing.assert_array_equal(pg.f_train, add_features(x_train, ["x1", "x1*x2"]))
    assert pg.net.params["W1"].shape == (2, 8) and len(pg.x_test) == 90


@pytest.mark.parametrize("activation", ACTIVATION_CHOICES)
def test_every_activation_and_optimizer_learns_the_blobs(activation):
    for optimizer, lr in zip(OPTIMIZER_CHOICES, (0.3, 0.1, 0.03)):
        pg = Playground(dataset="blobs", activation=activation, optimizer=optimizer, lr=lr)
        pg.step(200)
        assert pg.train_loss[-1] < 0.5 * pg.train_loss[0], (activation, optimizer)
        assert pg.history.test_acc[-1] >= 0.95, (activation, optimizer)


def test_live_settings_apply_from_the_next_step_and_others_start_anew():
    pg = Playground(hidden=(4,), lr=0.1)
    pg.step(5)
    pg.change(lr=0.3, batch_size=20, l2=0.01)
    assert pg.history.steps_done == 5 and pg.net.weight_decay_lambda == 0.0  # not yet used
    pg.step(5)
    assert pg.optimizer.lr == 0.3 and pg.net.weight_decay_lambda == 0.01
    assert pg.segments == [[5, 0.1, 10, 0.0], [5, 0.3, 20, 0.01]]
    pg.change(lr=0.3)  # unchanged: nothing happens
    assert pg.history.steps_done == 10
    first = Playground(hidden=(4,)).net.params["W1"]
    pg.change(hidden=(4, 4))
    assert pg.history.steps_done == 0 and pg.segments == [] and len(pg.loss_steps) == 1
    assert pg.net.params["W1"].shape == (2, 4) and pg.settings["seed"] == 0
    pg.change(hidden=[4])  # back: the same seed draws the same first weights
    np.testing.assert_array_equal(pg.net.params["W1"], first)
    pg.change(dataset="xor")
    assert set(np.unique(pg.t_train)) == {0, 1} and pg.settings["dataset"] == "xor"
    pg.reset()
    assert pg.settings["seed"] == 1
    pg.reset(seed=7)
    assert pg.settings["seed"] == 7


def test_maps_are_what_the_network_computes_over_the_plane():
    pg = Playground(features=["x1", "x2", "x1^2"], hidden=(3, 2), activation="sigmoid", seed=2)
    pg.step(20)
    res = 11
    maps = pg.neuron_maps(res)
    assert [m.shape for m in maps] == [(3, res, res), (3, res, res), (2, res, res), (1, res, res)]
    grid = np.linspace(*RANGE, res)
    i, j = 2, 7  # row i (x2 = grid[i], from the bottom), column j (x1 = grid[j])
    point = add_features([[grid[j], grid[i]]], ["x1", "x2", "x1^2"])
    np.testing.assert_allclose(maps[0][:, i, j], point[0], rtol=1e-15)
    z1 = 1 / (1 + np.exp(-(point @ pg.net.params["W1"] + pg.net.params["b1"])))
    np.testing.assert_allclose(maps[1][:, i, j], z1[0], rtol=1e-12)
    np.testing.assert_allclose(maps[-1][0, i, j], pg.net.predict(point)[0, 1], rtol=1e-12)
    np.testing.assert_allclose(pg.probability_map(res), maps[-1][0], rtol=1e-12)
    linear = Playground(hidden=())
    assert [m.shape[0] for m in linear.neuron_maps(5)] == [2, 1]


def test_code_run_in_a_fresh_python_gives_the_same_losses_and_weights(tmp_path):
    """The done-when of issue 21: the text of code(), pasted into a fresh kernel, prints the same losses
    after the same steps; here with every kind of change mid-run, and the weights are compared too."""
    pg = Playground(
        dataset="spirals",
        features=["x1", "x2", "sin(x1)", "x1*x2"],
        hidden=(6, 5),
        activation="relu",
        optimizer="Momentum",
        lr=0.03,
        batch_size=5,
        seed=11,
    )
    pg.step(40)
    pg.change(lr=0.1)
    pg.step(25)
    pg.change(batch_size=20, l2=0.001)
    pg.step(13)
    pg.change(lr=0.01, l2=0.0)
    pg.step(2)
    script = pg.code() + "\nnp.savez(r'" + str(tmp_path / "w.npz") + "', **net.params)\n"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    assert (
        out.stdout.strip()
        == pg.loss_line()
        == f"after 80 steps: train loss {pg.train_loss[-1]:.6f}, test loss {pg.test_loss[-1]:.6f}"
    )
    assert f"# prints: {pg.loss_line()}" in pg.code()
    with np.load(tmp_path / "w.npz") as saved:
        for key, value in pg.net.params.items():
            np.testing.assert_array_equal(saved[key], value)


def test_code_of_a_new_playground_and_with_adam_runs_too():
    for pg in (Playground(), Playground(optimizer="Adam", lr=0.003, hidden=(), activation="identity")):
        if pg.settings["optimizer"] == "Adam":
            pg.step(30)
        out = subprocess.run(
            [sys.executable, "-c", pg.code()], capture_output=True, text=True, check=True, timeout=120
        )
        assert out.stdout.strip() == pg.loss_line()


def test_params_code_gives_the_same_arrays_bit_for_bit():
    pg = Playground(hidden=(3,), optimizer="Adam", lr=0.01)
    pg.step(17)
    scope: dict = {}
    exec(pg.params_code(), scope)  # noqa: S102  (the text the widget shows, as a learner pastes it)
    assert list(scope["params"]) == list(pg.net.params)
    for key, value in pg.net.params.items():
        assert scope["params"][key].dtype == value.dtype
        np.testing.assert_array_equal(scope["params"][key], value)
    exported = pg.export()
    exported["W1"][...] = 0  # a copy: the network is untouched
    assert np.any(pg.net.params["W1"] != 0)


def test_a_diverging_run_records_nan_without_warnings():
    pg = Playground(activation="relu", hidden=(16, 16), lr=1e6)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pg.step(30)
        maps = pg.neuron_maps(5)
        pg.probability_map(5)
    assert not np.isfinite(pg.train_loss[-1]) or pg.train_loss[-1] > 1
    assert "nan" in pg.loss_line() or "inf" in pg.loss_line() or pg.train_loss[-1] > 1
    assert len(maps) == 4


@pytest.mark.parametrize(
    ("settings", "error", "match"),
    [
        ({"colour": "red"}, TypeError, r"unknown setting 'colour'; the settings are dataset, n, noise"),
        ({"dataset": "moons"}, ValueError, r"dataset must be one of blobs, circles, xor, spirals"),
        ({"activation": "step"}, ValueError, r"activation must be one of relu, tanh, sigmoid, identity"),
        ({"optimizer": "Lion"}, ValueError, r"optimizer must be one of SGD, Momentum"),
        ({"hidden": 8}, TypeError, r"hidden must be a list of layer sizes"),
        ({"hidden": [8, 0]}, ValueError, r"hidden\[1\]"),
        ({"lr": 0}, ValueError, r"lr must be > 0"),
        ({"l2": -1}, ValueError, r"l2 must be >= 0"),
        ({"batch_size": 0}, ValueError, r"batch_size"),
        ({"features": ["x1", "y"]}, ValueError, r"unknown feature 'y'"),
        ({"test_ratio": 1.0}, ValueError, r"test_ratio must lie between 0 and 1"),
    ],
)
def test_bad_settings_are_named(settings, error, match):
    with pytest.raises(error, match=match):
        Playground(**settings)


def test_defaults_and_step_arguments():
    pg = Playground()
    assert pg.settings == {**DEFAULTS}
    with no_warnings():
        pg.step()
    assert pg.history.steps_done == 1
    with pytest.raises(ValueError, match="steps"):
        pg.step(0)


def test_the_losses_shown_are_the_cross_entropy_without_the_weight_decay_term():
    """λ's term λ/2 ΣW² is minimised too, but it says nothing about the data: the losses the playground
    records, draws and prints are the cross-entropy error alone (so raising λ does not make them jump)."""
    from nbhelpers import cross_entropy_error

    pg = Playground(hidden=(8,), l2=0.1)
    pg.step(20)
    expected = cross_entropy_error(pg.net.predict(pg.f_test), pg.t_test)
    assert pg.test_loss[-1] == expected < pg.net.loss(pg.f_test, pg.t_test)
    before = pg.test_loss[-1]
    pg.change(l2=0.3)
    pg.step(1)
    assert abs(pg.test_loss[-1] - before) < 0.1


def test_epochs_count_the_examples_drawn_over_the_training_points():
    pg = Playground(n=200, test_ratio=0.5, batch_size=10)  # 100 training points
    pg.step(15)
    pg.change(batch_size=20)
    pg.step(5)
    assert pg.epochs == (15 * 10 + 5 * 20) / 100 == 2.5
