"""Tests for the shipped MNIST network (nbhelpers/data/mnist_784_50_100_10.npz) and for the code that
trains it, tools/train_mnist.py: backpropagation against numerical gradients, determinism, learning, and
the script run as it is shipped, which must write the shipped weights bit for bit. The pieces the script
takes from the package (init_weights, Momentum, cross_entropy_error, accuracy) have their own tests in
test_network.py, test_optimizers.py and test_losses.py."""

from __future__ import annotations

import doctest
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
import train_mnist  # tools/, put on sys.path by conftest.py
from conftest import HAVE_MNIST, MNIST_DIR
from train_mnist import SETTINGS_KEYS, gradients, learning_rate, train

from nbhelpers import Momentum, accuracy, forward, init_weights, load_mnist, pretrained_network
from nbhelpers.mnist import ENV_VAR, FILES, WEIGHTS_FILE, pretrained_settings

ROOT = Path(__file__).resolve().parent.parent
WEIGHTS = ROOT / "nbhelpers" / "data" / WEIGHTS_FILE
SHAPES = {"W1": (784, 50), "b1": (50,), "W2": (50, 100), "b2": (100,), "W3": (100, 10), "b3": (10,)}


@pytest.fixture(scope="module")
def mnist():
    if not HAVE_MNIST:
        pytest.skip(
            f"no MNIST files: set {ENV_VAR} to a folder holding the four files (tests never download)"
        )
    return load_mnist(data_dir=MNIST_DIR)


# ---- the shipped file -------------------------------------------------------------------------


def test_shipped_weights_have_the_books_shape_in_float32():
    net = pretrained_network()
    assert sorted(net) == sorted(SHAPES)
    for key, shape in SHAPES.items():
        assert net[key].shape == shape, key
        assert net[key].dtype == np.float32, key
        assert np.all(np.isfinite(net[key])), key


def test_shipped_file_loads_without_pickle_and_holds_only_arrays_and_settings():
    with np.load(WEIGHTS, allow_pickle=False) as data:
        assert sorted(data.files) == sorted([*SHAPES, "settings"])
        settings = data["settings"]
        assert settings.shape == () and settings.dtype.kind == "U"  # a unicode string, not an object
    assert WEIGHTS.stat().st_size < 300_000


def test_settings_have_the_documented_keys_and_values():
    settings = pretrained_settings()
    assert tuple(settings) == SETTINGS_KEYS
    assert settings["architecture"] == [784, 50, 100, 10]
    assert (settings["hidden_activation"], settings["output_activation"]) == ("sigmoid", "softmax")
    assert settings["dtype"] == "float32"
    assert settings["training_images"] == 60000
    assert settings["data_sha256"] == {name: sha for name, sha in FILES.values()}
    assert settings["train_accuracy"] > settings["test_accuracy"] >= 0.97
    assert len(settings["history"]["loss"]) == settings["epochs"]
    assert settings["training_seconds"] > 0


def test_json_beside_the_weights_repeats_the_settings():
    text = WEIGHTS.with_suffix(".json").read_text(encoding="utf-8")
    assert json.loads(text) == pretrained_settings()


def test_recorded_command_gives_the_recorded_settings():
    settings = pretrained_settings()
    command = settings["command"].split()
    assert command[:2] == ["python", "tools/train_mnist.py"]
    args = train_mnist.parse_args(command[2:])
    optimizer = settings["optimizer"]
    assert (args.epochs, args.batch_size, args.seed) == tuple(
        settings[k] for k in ("epochs", "batch_size", "seed")
    )
    assert (args.lr, args.momentum, args.weight_decay) == tuple(
        optimizer[k] for k in ("lr", "momentum", "weight_decay")
    )
    assert args.limit is None
    assert Path(args.out) == Path("nbhelpers/data") / WEIGHTS_FILE


def test_shipped_network_reaches_its_recorded_accuracy(mnist):
    (x_train, t_train), (x_test, t_test) = mnist
    net, settings = pretrained_network(), pretrained_settings()
    y = forward(net, x_test, output="softmax")
    assert y.dtype == np.float32
    test_acc = float(np.mean(np.argmax(y, axis=1) == t_test))
    assert test_acc >= 0.97
    assert round(test_acc, 4) == round(settings["test_accuracy"], 4)
    assert round(accuracy(net, x_train, t_train, batch_size=10000), 4) == round(settings["train_accuracy"], 4)


# ---- backpropagation --------------------------------------------------------------------------


def numerical_gradients(network, loss, h=1e-5):
    """Central differences (L(w + h) - L(w - h)) / 2h, one weight at a time."""
    grads = {}
    for key, value in network.items():
        grad = np.zeros_like(value)
        for i in np.ndindex(value.shape):
            old = value[i]
            value[i] = old + h
            up = loss(network)
            value[i] = old - h
            down = loss(network)
            value[i] = old
            grad[i] = (up - down) / (2 * h)
        grads[key] = grad
    return grads


@pytest.mark.parametrize("weight_decay", [0.0, 0.1])
def test_backpropagation_agrees_with_numerical_gradients(weight_decay):
    rng = np.random.default_rng(7)
    net = init_weights((4, 5, 3, 2), "xavier", rng, np.float64)
    for key in net:  # biases away from 0 and larger weights, so that every term matters
        net[key] += rng.normal(0.0, 0.5, net[key].shape)
    x, t = rng.normal(size=(6, 4)), rng.integers(0, 2, size=6)

    def loss(network):  # written again here: exact cross-entropy (no 1e-7) plus the weight decay
        y = forward(network, x, output="softmax")
        penalty = sum(np.sum(network[f"W{k}"] ** 2) for k in (1, 2, 3))
        return -np.mean(np.log(y[np.arange(len(t)), t])) + weight_decay / 2 * penalty

    value, y, grads = gradients(net, x, t, weight_decay=weight_decay)
    assert value == pytest.approx(loss(net), rel=1e-6)  # only the 1e-7 inside the log differs
    np.testing.assert_array_equal(y, forward(net, x, output="softmax"))
    expected = numerical_gradients(net, loss)
    assert sorted(grads) == sorted(net)
    for key in net:
        assert grads[key].shape == net[key].shape
        error = np.linalg.norm(grads[key] - expected[key]) / np.linalg.norm(expected[key])
        assert error < 1e-7, (key, error)  # measured: at most 2e-9


def test_gradient_descent_steps_lower_the_loss_on_a_fixed_batch():
    rng = np.random.default_rng(0)
    net = init_weights((20, 8, 6, 3), "xavier", rng, np.float32)
    x = rng.random((30, 20), dtype=np.float32)
    t = rng.integers(0, 3, size=30)
    step = Momentum(lr=0.5, momentum=0.0)  # plain gradient descent
    losses = []
    for _ in range(20):
        loss, _, grads = gradients(net, x, t)
        losses.append(loss)
        step.update(net, grads)
    assert all(b < a for a, b in zip(losses, losses[1:])), losses
    assert all(value.dtype == np.float32 for value in net.values())


def test_momentum_and_the_learning_rate_schedule_follow_their_formulas():
    params, grads = {"W1": np.array([1.0, -2.0])}, {"W1": np.array([0.5, 1.0])}
    step = Momentum(lr=0.1, momentum=0.9)
    step.update(params, grads)  # v = -0.1 g = [-0.05, -0.1]
    np.testing.assert_allclose(params["W1"], [0.95, -2.1])
    step.update(params, grads)  # v = 0.9 v - 0.1 g = [-0.095, -0.19]
    np.testing.assert_allclose(params["W1"], [0.855, -2.29])
    assert [learning_rate(0.2, e, 30) for e in (1, 30)] == [0.2, pytest.approx(0.2 / 30)]
    assert doctest.testmod(train_mnist).failed == 0


# ---- training ---------------------------------------------------------------------------------


def test_xavier_initialisation():
    net = init_weights(train_mnist.SIZES, "xavier", np.random.default_rng(0), np.float32)
    assert {key: value.shape for key, value in net.items()} == SHAPES
    assert all(value.dtype == np.float32 for value in net.values())
    assert np.std(net["W1"]) == pytest.approx(1 / np.sqrt(784), rel=0.05)
    assert np.std(net["W2"]) == pytest.approx(1 / np.sqrt(50), rel=0.05)
    assert all(np.all(net[f"b{k}"] == 0) for k in (1, 2, 3))


def test_training_is_deterministic_and_the_seed_matters(mnist):
    (x, t), _ = mnist
    runs = [train(x[:3000], t[:3000], epochs=2, seed=seed, progress=False)[0] for seed in (0, 0, 1)]
    for key in SHAPES:
        assert runs[0][key].dtype == np.float32
        assert runs[0][key].tobytes() == runs[1][key].tobytes(), key
        assert not np.array_equal(runs[0][key], runs[2][key]), key


def test_a_short_training_run_learns(mnist):
    (x, t), _ = mnist
    net, history = train(x[:6000], t[:6000], epochs=5, seed=0, progress=False)
    assert len(history["loss"]) == len(history["train_accuracy"]) == 5
    assert len(history["step_loss"]) == 5 * 60
    assert all(b < a for a, b in zip(history["loss"], history["loss"][1:])), history["loss"]
    assert np.mean(history["step_loss"][-20:]) < 0.5 * np.mean(history["step_loss"][:20])
    # images the run did not see (the last 10 000 training images); measured 0.905 to 0.910 (seeds 0-4)
    assert accuracy(net, x[50000:], t[50000:]) > 0.89


def test_progress_bar_writes_one_line_per_epoch(capsys, mnist):
    (x, t), _ = mnist
    train(x[:500], t[:500], epochs=2, progress=True)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2  # not a terminal: only the finished lines, no carriage returns
    assert lines[0].startswith("epoch 1/2 [" + "#" * 30 + "] 100%  loss ")
    assert "train acc" in lines[1] and "\r" not in lines[1]


def test_progress_bar_redraws_its_line_in_a_terminal():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    stream = Terminal()
    bar = train_mnist.ProgressBar(epochs=3, stream=stream)
    bar.show(2, 5, 10, loss=0.5, acc=0.75)
    bar.show(2, 10, 10, loss=0.25, acc=0.875, end=True)
    out = stream.getvalue()
    assert out.startswith("\repoch 2/3 [" + "#" * 15 + "-" * 15 + "]  50%  loss 0.5000  train acc 0.7500")
    assert out.count("\r") == 2 and out.endswith("s\n")


def test_the_script_writes_a_file_that_loads_without_pickle(tmp_path, capsys, mnist):
    out = tmp_path / "net.npz"
    argv = ["--epochs", "1", "--limit", "1000", "--data-dir", str(MNIST_DIR), "--out", str(out)]
    settings = train_mnist.main(argv)
    assert "Done in" in capsys.readouterr().out
    with np.load(out, allow_pickle=False) as data:
        assert {key: data[key].shape for key in SHAPES} == SHAPES
        assert all(data[key].dtype == np.float32 for key in SHAPES)
        assert json.loads(str(data["settings"])) == settings
    assert json.loads(out.with_suffix(".json").read_text(encoding="utf-8")) == settings
    assert tuple(settings) == SETTINGS_KEYS
    assert settings["training_images"] == 1000 and settings["epochs"] == 1
    assert "--limit 1000" in settings["command"]


# ---- the shipped file, bit for bit ----------------------------------------------------------------

#: Run in a fresh process with one BLAS thread: the bits of the float32 operations the training uses (the
#: matrix products of its forward and backward passes, in their shapes and transposes, and exp and log),
#: hashed. Machines with the same fingerprint compute the training identically; another CPU (OpenBLAS picks
#: its kernels by CPU) or another NumPy build may round differently.
FINGERPRINT_CODE = """
import hashlib
import numpy as np

rng = np.random.default_rng(0)
digest = hashlib.sha256()
x = rng.random((100, 784), dtype=np.float32)
ws = [rng.standard_normal(s).astype(np.float32) for s in ((784, 50), (50, 100), (100, 10))]
z, zs = x, [x]
for w in ws:  # forward: Z @ W
    z = z @ w
    zs.append(z)
    digest.update(z.tobytes())
d = rng.standard_normal((100, 10)).astype(np.float32)
for k in (3, 2, 1):  # backward: Z.T @ dA, dA @ W.T
    digest.update((zs[k - 1].T @ d).tobytes())
    d = d @ ws[k - 1].T
    digest.update(d.tobytes())
digest.update((rng.random((10000, 784), dtype=np.float32) @ ws[0]).tobytes())  # accuracy's batches
t = np.linspace(-80, 80, 100001, dtype=np.float32)
digest.update(np.exp(t).tobytes())
digest.update(np.log(np.abs(t) + np.float32(1e-7)).tobytes())
print(digest.hexdigest()[:16])
"""

#: The fingerprint of the machine that trained the shipped file (commit f39a648, with the arithmetic of the
#: core since 7139d10: the in-place sigmoid changed the last bits, and the file was retrained then).
#: Measured there: an Intel Xeon with AVX-512, NumPy 2.4.6, scipy-openblas 0.3.31 choosing its SkylakeX
#: kernels; forced to its Haswell or Zen kernels the same machine gives 309522aa962b77c6 and weights that
#: differ by up to 6e-6. When the shipped file is retrained on a machine with another fingerprint, put
#: that machine's fingerprint here.
SHIPPED_FINGERPRINT = "b2d8061501f59cd1"


def _one_blas_thread_env() -> dict:
    env = dict(os.environ, NBHELPERS_DATA=str(MNIST_DIR))
    env.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])
    return env


def test_the_script_writes_the_shipped_weights_bit_for_bit(tmp_path, mnist):
    """``python tools/train_mnist.py`` with its defaults (30 epochs on all 60 000 images) must write the
    shipped weights exactly. The script is thin over nbhelpers (forward, init_weights, Momentum,
    cross_entropy_error, accuracy): a change there that moves one bit of the training fails here.

    Run in a subprocess, as the script pins BLAS to one thread before NumPy is imported. Measured: 12 s on
    the 2-core test machine (the test prints its time).

    A float computation this long is reproducible on one machine, not across CPUs and BLAS builds. So the
    test first takes this machine's arithmetic fingerprint (``FINGERPRINT_CODE``). Where it is that of the
    machine that trained the shipped file, any difference fails: the code changed the arithmetic. Elsewhere
    the test checks what holds on any machine (the training settings, a test accuracy as good as the
    recorded one) and skips the bit-for-bit comparison, saying so.
    """
    env = _one_blas_thread_env()
    fingerprint = subprocess.run(
        [sys.executable, "-c", FINGERPRINT_CODE], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    out = tmp_path / "net.npz"
    start = time.perf_counter()
    run = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "train_mnist.py"), "--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    seconds = time.perf_counter() - start
    assert run.returncode == 0, run.stderr
    assert "Done in" in run.stdout
    print(
        f"tools/train_mnist.py with its defaults ran in {seconds:.1f} s (machine fingerprint {fingerprint})"
    )
    with np.load(out, allow_pickle=False) as new, np.load(WEIGHTS, allow_pickle=False) as shipped:
        assert sorted(new.files) == sorted(shipped.files)
        new_settings = json.loads(str(new["settings"]))
        shipped_settings = json.loads(str(shipped["settings"]))
        for key in SHAPES:
            assert new[key].dtype == shipped[key].dtype == np.float32 and new[key].shape == SHAPES[key], key
        differ = sorted(key for key in SHAPES if new[key].tobytes() != shipped[key].tobytes())
        largest = max((float(np.max(np.abs(new[key] - shipped[key]))) for key in differ), default=0.0)
    # The settings that describe the training (not the machine, the run or its results) are the recorded ones.
    results = ("train_accuracy", "test_accuracy", "history")
    run_only = ("training_seconds", "command", "numpy_version", "python_version", "blas", *results)
    for key in SETTINGS_KEYS:
        if key not in run_only:
            assert new_settings[key] == shipped_settings[key], key
    if not differ:  # the same weights: then the same accuracies and loss history, to the last recorded digit
        for key in results:
            assert new_settings[key] == shipped_settings[key], key
        return
    what = f"{', '.join(differ)} {'differs' if len(differ) == 1 else 'differ'} by up to {largest:.1e}"
    if fingerprint == SHIPPED_FINGERPRINT:
        pytest.fail(
            f"tools/train_mnist.py no longer writes the shipped weights: {what}. This machine computes like the "
            f"one that trained them (fingerprint {fingerprint}), so the code has changed the arithmetic of the "
            "training. If that is intended, retrain the shipped file with `python tools/train_mnist.py` (it "
            "writes the .npz and the .json) and commit both."
        )
    # Another machine's rounding: a network as good as the shipped one; say why nothing more is checked.
    assert new_settings["test_accuracy"] >= 0.97
    assert abs(new_settings["test_accuracy"] - shipped_settings["test_accuracy"]) < 0.003
    same = [key for key in results if new_settings[key] == shipped_settings[key]]
    pytest.skip(
        f"this machine (fingerprint {fingerprint}) rounds differently from the one that trained the shipped "
        f"file ({SHIPPED_FINGERPRINT}): {what} (equal at their recorded precision: {', '.join(same) or 'nothing'}); "
        "the bit-for-bit comparison runs only there"
    )
