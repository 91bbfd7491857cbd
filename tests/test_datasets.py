"""Tests for nbhelpers.datasets, the toy 2-D data sets of notebook 07: shape, dtype, balanced labels,
seeds (never NumPy's global state), what the noise does, and a figure-free check of each one's geometry
(the blobs are separated by a line, found by the perceptron algorithm); then train_test_split (disjoint,
complete, reproducible), the arguments' errors, and the module's public names."""

from __future__ import annotations

import numpy as np
import pytest

from nbhelpers import datasets

DATASET_NAMES = ["blobs", "circles", "xor", "spirals"]


@pytest.mark.parametrize("name", DATASET_NAMES)
def test_toy_data_sets_have_the_documented_shape_dtype_and_balanced_labels(name):
    make = datasets.DATASETS[name]
    assert make is getattr(datasets, name)
    for n in (200, 201, 2):
        x, t = make(n=n, seed=0)
        assert x.shape == (n, 2) and x.dtype == np.float64
        assert t.shape == (n,) and t.dtype == np.int64
        assert np.bincount(t, minlength=2).tolist() == [n - n // 2, n // 2]
    for seed in range(5):  # roughly inside [-1.5, 1.5]² at the default noise
        x, _ = make(seed=seed)
        assert np.abs(x).max() < 1.75
    x, t = make(n=200, seed=0)
    assert 0 < t[:20].sum() < 20  # shuffled: the classes are mixed, not one block after the other


@pytest.mark.parametrize("name", DATASET_NAMES)
def test_toy_data_sets_reproduce_from_a_seed_and_never_use_the_global_state(name):
    make = datasets.DATASETS[name]
    state = np.random.get_state()[1].copy()  # noqa: NPY002 (checking the legacy global state is left alone)
    (x1, t1), (x2, t2), (x3, _) = make(seed=3), make(seed=3), make(seed=4)
    assert x1.tobytes() == x2.tobytes() and t1.tobytes() == t2.tobytes()
    assert not np.array_equal(x1, x3)
    x4, _ = make(seed=np.random.default_rng(3))  # a Generator gives what its seed gives
    assert x4.tobytes() == x1.tobytes()
    make()  # unseeded: a fresh generator
    assert np.array_equal(np.random.get_state()[1], state)  # noqa: NPY002


@pytest.mark.parametrize("name", DATASET_NAMES)
def test_noise_is_added_gaussian_noise_of_that_standard_deviation(name):
    """With one seed the same base points and the same standard normal draws z come out whatever the
    noise: x(noise) = x(0) + noise · z. So the difference over the noise is the same z, of std about 1."""
    make = datasets.DATASETS[name]
    (x0, t0), (x1, t1), (x3, t3) = (make(n=2000, noise=s, seed=1) for s in (0.0, 0.1, 0.3))
    assert np.array_equal(t0, t1) and np.array_equal(t0, t3)
    z1, z3 = (x1 - x0) / 0.1, (x3 - x0) / 0.3
    np.testing.assert_allclose(z1, z3, atol=1e-9)
    assert z1.std() == pytest.approx(1.0, abs=0.05) and abs(z1.mean()) < 0.05
    assert (x3 - x0).std() > (x1 - x0).std() * 2.9  # more noise, more spread


def perceptron_separates(x, t, epochs=1000) -> bool:
    """The perceptron learning rule (it stops with no mistake after finitely many updates exactly when a
    line separates the two classes; a bounded run can only say yes)."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    s = 2 * t - 1
    w = np.zeros(3)
    for _ in range(epochs):
        mistakes = 0
        for xi, si in zip(xb, s):
            if si * (xi @ w) <= 0:
                w += si * xi
                mistakes += 1
        if mistakes == 0:
            return True
    return False


def test_blobs_are_separated_by_a_line_and_the_others_are_not():
    for seed in range(3):
        x, t = datasets.blobs(noise=0.1, seed=seed)
        assert perceptron_separates(x, t)
        assert np.all((x.sum(axis=1) > 0) == (t == 1))  # the diagonal x0 + x1 = 0 separates them
    x, t = datasets.xor(noise=0.0, seed=0)
    assert np.all((x[:, 0] * x[:, 1] > 0) == (t == 1))  # label 1: same signs (quadrants I and III)
    assert not perceptron_separates(x, t, epochs=50)


def test_circles_and_spirals_lie_where_documented():
    x, t = datasets.circles(n=1000, noise=0.0, seed=0)
    r = np.hypot(x[:, 0], x[:, 1])
    assert r[t == 1].max() <= 0.5 and 0.9 <= r[t == 0].min() and r[t == 0].max() <= 1.2
    x, t = datasets.spirals(n=1000, noise=0.0, seed=0)
    r = np.hypot(x[:, 0], x[:, 1])
    s = (r - 0.1) / 1.2  # the position along the spiral, from the radius
    assert s.min() >= -1e-12 and s.max() < 1
    expected = 2.5 * np.pi * s + t * np.pi  # the angle of class k at s
    turn = np.angle(np.exp(1j * (np.arctan2(x[:, 1], x[:, 0]) - expected)))
    assert np.abs(turn).max() < 1e-9


def test_train_test_split_is_disjoint_complete_and_reproducible():
    x = np.arange(100, dtype=np.float32).reshape(50, 2)
    t = np.arange(50) % 2
    (x_train, t_train), (x_test, t_test) = datasets.train_test_split(x, t, test_ratio=0.2, seed=0)
    assert x_train.shape == (40, 2) and x_test.shape == (10, 2) and x_train.dtype == np.float32
    rows = np.concatenate([x_train[:, 0], x_test[:, 0]]) / 2
    assert sorted(rows.astype(int).tolist()) == list(range(50))  # every example exactly once
    assert np.array_equal(t_train, (x_train[:, 0] / 2).astype(int) % 2)  # labels stay with their examples
    assert np.array_equal(t_test, (x_test[:, 0] / 2).astype(int) % 2)
    again = datasets.train_test_split(x, t, test_ratio=0.2, seed=0)
    assert np.array_equal(again[1][0], x_test)
    assert not np.array_equal(datasets.train_test_split(x, t, seed=1)[1][0], x_test)
    assert not np.array_equal(np.sort(x_test[:, 0]), x_test[:, 0]) or len(x_test) < 2  # shuffled
    with pytest.raises(ValueError, match=r"x has shape \(50, 2\), t has shape \(49,\)"):
        datasets.train_test_split(x, t[:-1])
    for ratio in (0.0, 1.0, 0.001):
        with pytest.raises(ValueError, match="test_ratio must lie between 0 and 1"):
            datasets.train_test_split(x, t, test_ratio=ratio)
    with pytest.raises(TypeError, match="seed must be an int seed"):
        datasets.train_test_split(x, t, seed="a")


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"n": 1}, ValueError, "blobs: n must be a whole number >= 2, got 1"),
        ({"n": 10.0}, TypeError, "n must be a whole number"),
        ({"noise": -0.1}, ValueError, "noise .* must be >= 0"),
        ({"noise": float("nan")}, ValueError, "noise must be finite"),
        ({"seed": -1}, ValueError, "seed must be a seed >= 0"),
        ({"seed": 1.5}, TypeError, "seed must be an int seed"),
    ],
)
def test_data_set_arguments_are_checked(kwargs, error, match):
    with pytest.raises(error, match=match):
        datasets.blobs(**kwargs)


def test_datasets_public_names_live_here_only():
    """One concept, one name: the data sets are nbhelpers.datasets' (and nbhelpers'), not training's."""
    import nbhelpers
    from nbhelpers import training

    names = ["DATASETS", "blobs", "circles", "spirals", "train_test_split", "xor"]
    assert sorted(datasets.__all__) == names
    for name in names:
        assert getattr(nbhelpers, name) is getattr(datasets, name)
        assert not hasattr(training, name), name
    for name in names[1:]:
        doc = getattr(datasets, name).__doc__
        assert ("Book §4." in doc or "Not in the book" in doc) and "notebook 07" in doc, name
