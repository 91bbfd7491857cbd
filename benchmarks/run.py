"""Benchmarks: nbhelpers against the plain NumPy it should match, measured side by side in one run.

Usage (from the repository's root, after `make test` or `make lab` has set things up)::

    make bench                        # or: .venv/bin/python benchmarks/run.py
    .venv/bin/python benchmarks/run.py --quick      # fewer repetitions, no nbval run
    .venv/bin/python benchmarks/run.py --only backprop,torch --threads 1

Every row is a ratio of two timings taken in the same run, interleaved (A, B, A, B, ...), so that a
machine that gets busier or quieter affects both sides alike: the ratio is the median of the
per-pair ratios, the times are medians. Nothing here asserts a time; the targets are printed beside
the ratios (see README.md in this folder). The MNIST files come from ``NBHELPERS_DATA`` (set by
`make`) or the download cache. The PyTorch rows (section 5) run each side in a worker process of its
own (``numpy_epoch.py``, ``torch_epoch.py``), PyTorch's with the optional environment's Python
(``make bench-env``); this process never imports torch. Section 6 (convolution and pooling, ``--only
conv``) does the same with ``conv_bench.py`` and ``torch_conv.py``. Section 7 (``--only playground``)
measures notebook 13's playground against the issue's rates (steps and frames per second), the parts of
a widget frame, its SVG pictures against a matplotlib PNG, and its training steps against plain NumPy
(``playground_bench.py``).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _worker import Worker  # noqa: E402  (benchmarks/ is on sys.path: this script's folder)
from conv_bench import (  # noqa: E402
    CONVNET_KEYS,
    BookConvolution,
    BookPooling,
    conv_data,
    conv_pass,
    convnet_start,
    loop_convolution,
    save_data,
)
from numpy_epoch import KEYS, blas_threads, nbhelpers_epoch, plain_epoch, reset, set_blas_threads  # noqa: E402
from playground_bench import (  # noqa: E402
    LONG_RUN,
    SETTINGS,
    TARGET_FRAMES,
    TARGET_STEPS,
    WIDGET,
    frame_parts,
    long_history,
    make_playground,
    make_widget,
    plain_steps,
    timed,
)

import nbhelpers  # noqa: E402
from nbhelpers import (  # noqa: E402
    forward,
    load_mnist,
    numerical_gradient,
    pretrained_network,
    relu,
    sigmoid,
    softmax,
)
from nbhelpers.conv import Convolution, Pooling  # noqa: E402
from nbhelpers.nets import TwoLayerNet  # noqa: E402
from nbhelpers.optimizers import SGD  # noqa: E402

BENCH = Path(__file__).resolve().parent
BENCH_PYTHON = ROOT / ".venv-bench" / "bin" / "python"  # made by `make bench-env`
ROWS: list = []
#: The epoch of sections 2d and 5: MNIST's 60 000 training images in a seeded random order, batches of
#: 100 (600 steps), SGD with this learning rate, a 784-50-10 ReLU network in float32.
LR, BATCH = 0.1, 100
DELTA = 1e-7  # the book's δ in the cross-entropy error's log


def side_by_side(a, b, repeat: int) -> tuple:
    """Median time of ``a`` and of ``b`` (seconds) and the median of the pairwise ratios a / b."""
    a(), b()  # warm up: first calls allocate, load code, fill caches
    times_a, times_b, ratios = [], [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        a()
        t1 = time.perf_counter()
        b()
        t2 = time.perf_counter()
        times_a.append(t1 - t0)
        times_b.append(t2 - t1)
        ratios.append((t1 - t0) / (t2 - t1))
    return statistics.median(times_a), statistics.median(times_b), statistics.median(ratios)


def take_turns(timed: list, repeat: int, pause: float = 0.2) -> list:
    """Call each of ``timed`` in turn, ``repeat`` rounds after one warm-up round; each returns the seconds it
    measured itself (a worker process times its own work). Returns one list of times per function.

    Between two calls, a ``pause``: a BLAS thread pool that has just finished spins before it sleeps
    (OpenBLAS: 2^28 cycles, about 0.1 s), taking a CPU from the other process if it started at once
    (measured here: PyTorch's 2-thread forward pass 6 ms alone, 60-100 ms right after NumPy's).
    """
    for f in timed:
        f()
    times = [[] for _ in timed]
    for _ in range(repeat):
        for ts, f in zip(times, timed):
            time.sleep(pause)
            ts.append(f())
    return times


def paired(times_a: list, times_b: list) -> tuple:
    """Median of a, median of b and the median of the pairwise ratios a / b, as side_by_side returns them."""
    ratios = [a / b for a, b in zip(times_a, times_b)]
    return statistics.median(times_a), statistics.median(times_b), statistics.median(ratios)


def row(group: str, what: str, versus: str, result: tuple, target: str = "") -> None:
    ta, tb, ratio = result
    ROWS.append((group, what, versus, ta, tb, ratio, target))
    print(f"  {what:38} {_t(ta):>9}   vs {versus:34} {_t(tb):>9}   ratio {ratio:6.2f}   {target}", flush=True)


def _t(seconds: float) -> str:
    return f"{seconds * 1e3:.2f} ms" if seconds < 1 else f"{seconds:.2f} s"


def inline_forward(net, x):
    """The MNIST forward pass written out in plain NumPy: the practical limit."""
    z1 = 1 / (1 + np.exp(-(x @ net["W1"] + net["b1"])))
    z2 = 1 / (1 + np.exp(-(z1 @ net["W2"] + net["b2"])))
    a3 = z2 @ net["W3"] + net["b3"]
    e = np.exp(a3 - a3.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def bench_forward(x_test, repeat: int) -> None:
    print("\n1. MNIST forward pass, 10 000 test images, 784-50-100-10, our trained weights")
    shipped = pretrained_network()
    for dtype in (np.float32, np.float64):
        _bench_forward_in(
            dtype, {k: v.astype(dtype) for k, v in shipped.items()}, x_test.astype(dtype), repeat
        )


def _bench_forward_in(dtype, net: dict, x, repeat: int) -> None:
    name = np.dtype(dtype).name
    _, values = forward(net, x[:5], output="softmax", return_intermediates=True)
    kept = sorted({v.dtype.name for v in values.values()})
    print(f"  {name}: dtypes through the layers: {kept}")
    np.testing.assert_allclose(
        forward(net, x, output="softmax"), inline_forward(net, x), rtol=1e-4, atol=1e-6
    )

    def whole():
        return forward(net, x, output="softmax")

    row(
        "forward",
        f"nbhelpers.forward, batch 10 000 ({name})",
        "inline NumPy expression",
        side_by_side(whole, lambda: inline_forward(net, x), repeat),
        "target ≤ 1.05",
    )

    def batches():
        for i in range(0, len(x), 100):
            forward(net, x[i : i + 100], output="softmax")

    row("forward", f"forward, batch 10 000 ({name})", "batches of 100", side_by_side(whole, batches, repeat))

    def one_by_one():
        for i in range(len(x)):
            forward(net, x[i], output="softmax")

    row(
        "forward",
        f"forward, batch 10 000 ({name})",
        "one image at a time (the book's loop)",
        side_by_side(whole, one_by_one, max(1, repeat // 5)),
        "target ≤ 1/15 = 0.067",
    )
    print("  PyTorch: see section 5 (each side in its own process)")


def bench_activations(repeat: int) -> None:
    print("\n2. Activations on 10^6 float32 values (normal, σ = 5), against the plain one-line expression")
    x = np.random.default_rng(0).normal(0.0, 5.0, 10**6).astype(np.float32)
    a = x.reshape(1000, 1000)
    with np.errstate(over="ignore"):  # the plain sigmoid overflows below x = -88; we time it anyway
        row(
            "activations",
            "sigmoid",
            "1 / (1 + np.exp(-x))",
            side_by_side(lambda: sigmoid(x), lambda: 1 / (1 + np.exp(-x)), repeat),
            "target ≤ 1.2",
        )
    row(
        "activations",
        "relu",
        "np.maximum(x, 0)",
        side_by_side(lambda: relu(x), lambda: np.maximum(x, 0), repeat),
        "target ≤ 1.2",
    )

    def plain_softmax():
        e = np.exp(a - a.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)

    row(
        "activations",
        "softmax, 1000 rows of 1000",
        "exp(a - max) / sum",
        side_by_side(lambda: softmax(a), plain_softmax, repeat),
        "target ≤ 1.2",
    )
    try:
        import scipy
        import scipy.special
    except ImportError:
        print("  SciPy: not installed, rows skipped")
        return
    row(
        "activations",
        "sigmoid",
        f"scipy.special.expit ({scipy.__version__})",
        side_by_side(lambda: sigmoid(x), lambda: scipy.special.expit(x), repeat),
    )
    row(
        "activations",
        "softmax, 1000 rows of 1000",
        "scipy.special.softmax",
        side_by_side(lambda: softmax(a), lambda: scipy.special.softmax(a, axis=-1), repeat),
    )


def bench_gradient(repeat: int) -> None:
    print(
        "\n2b. numerical_gradient of a (100, 50) array, f = sum of squares, against a plain loop over the elements"
    )
    w = np.random.default_rng(0).normal(size=(100, 50))

    def f(a):
        return float(np.sum(a * a))

    def plain_loop():  # the book's algorithm, one flat index at a time
        grad = np.zeros_like(w)
        for i in range(w.size):
            kept = w.flat[i]
            w.flat[i] = kept + 1e-4
            high = f(w)
            w.flat[i] = kept - 1e-4
            low = f(w)
            grad.flat[i] = (high - low) / 2e-4
            w.flat[i] = kept
        return grad

    row(
        "gradient",
        "numerical_gradient, 5000 elements",
        "a plain Python loop",
        side_by_side(lambda: numerical_gradient(f, w), plain_loop, max(1, repeat // 5)),
        "target ≤ 1.2",
    )


def bench_training(repeat: int) -> None:
    print("\n2c. Training TwoLayerNet(2, 5, 2) on the blobs with numerical gradients, 50 steps of batch 50")
    from nbhelpers.datasets import blobs
    from nbhelpers.nets import TwoLayerNet
    from nbhelpers.training import train

    x, t = blobs(n=200, noise=0.1, seed=0)

    def with_train():
        net = TwoLayerNet(2, 5, 2, weight_init_std=1.0, rng=0)
        train(net, x, t, lr=1.0, batch_size=50, steps=50, seed=0, every=10**9, progress=False)

    def plain_loop():  # the book's loop, written out
        net = TwoLayerNet(2, 5, 2, weight_init_std=1.0, rng=0)
        rng = np.random.default_rng(0)
        for _ in range(50):
            mask = rng.choice(len(x), 50)
            grads = net.numerical_gradient(x[mask], t[mask])
            for key in net.params:
                net.params[key] -= 1.0 * grads[key]
            net.loss(x[mask], t[mask])

    result = side_by_side(with_train, plain_loop, max(1, repeat // 5))
    row("training", "train(), 50 steps", "the book's loop written out", result, "target ≤ 1.2")
    print(f"  ({50 / result[0]:.0f} steps per second with train())")


def _max_difference(a: dict, b: dict) -> str:
    """The largest |a - b| over all parameters, absolute and relative to the largest |a|."""
    diff = max(float(np.max(np.abs(a[k].astype(np.float64) - b[k]))) for k in KEYS)
    scale = max(float(np.max(np.abs(a[k]))) for k in KEYS)
    return f"max |difference| {diff:.1e} (relative to max |weight| {scale:.2f}: {diff / scale:.1e})"


def epoch_setup(x_train, rng: int = 0) -> tuple:
    """The epoch's network (784-50-10 ReLU, float32, the book's weight_init_std 0.01), its starting weights
    and the order of the training images (a seeded permutation)."""
    net = TwoLayerNet(784, 50, 10, rng=rng, dtype=np.float32, activation="relu")
    start = {k: v.copy() for k, v in net.params.items()}
    order = np.random.default_rng(rng).permutation(len(x_train))
    return net, start, order


def bench_backprop(x_train, t_train, repeat: int) -> None:
    steps = len(x_train) // BATCH
    print(
        f"\n2d. Backpropagation: one epoch of MNIST ({len(x_train)} training images, batch {BATCH}, {steps} "
        f"steps in a seeded random order), 784-50-10 ReLU, float32, SGD lr {LR}"
    )
    from nbhelpers.training import train

    net, start, order = epoch_setup(x_train)
    inline_params = {k: v.copy() for k, v in start.items()}
    grads = net.gradient(x_train[:BATCH], t_train[:BATCH])
    print(f"  dtypes of the gradients: {sorted({g.dtype.name for g in grads.values()})}")

    def with_nbhelpers():
        reset(net.params, start)
        nbhelpers_epoch(net, SGD(LR), x_train, t_train, order, BATCH)

    def inline():
        reset(inline_params, start)
        plain_epoch(inline_params, x_train, t_train, order, BATCH, LR)

    row(
        "backprop",
        "epoch: net.gradient + SGD.update",
        "the same maths inline in NumPy",
        side_by_side(with_nbhelpers, inline, repeat),
        "target ≤ 1.1",
    )
    # Both calls above ran last from the same start: compare the weights they left.
    same = {k: v.copy() for k, v in start.items()}
    plain_epoch(same, x_train, t_train, order, BATCH, LR, delta=DELTA)
    wide = {k: v.astype(np.float64) for k, v in start.items()}
    plain_epoch(wide, x_train.astype(np.float64), t_train, order, BATCH, LR)
    print("  weights after the epoch:")
    print(
        f"    nbhelpers vs inline with the δ factor r (the same maths):  {_max_difference(net.params, same)}"
    )
    print(
        f"    nbhelpers vs inline (y - t)/N (the book's backward):       {_max_difference(net.params, inline_params)}"
    )
    print(
        f"    inline in float32 vs in float64 (float32 rounding alone):  {_max_difference(inline_params, wide)}"
    )
    print(
        "    (SoftmaxWithLoss.backward is the exact derivative of the book's loss -log(y_t + δ), r (y - t)/N with "
        f"r = y_t/(y_t + δ), δ = {DELTA}: over an epoch it moves the weights that much from the book's (y - t)/N)"
    )
    print(f"  accuracy on the training set after the epoch: {net.accuracy(x_train, t_train):.3f}")

    def with_train():
        reset(net.params, start)
        train(
            net,
            x_train,
            t_train,
            lr=LR,
            batch_size=BATCH,
            steps=steps,
            seed=0,
            gradient="gradient",
            every=10**9,
            progress=False,
        )

    row(
        "backprop",
        f"train(gradient='gradient'), {steps} steps",
        "the same maths inline in NumPy",
        side_by_side(with_train, inline, max(1, repeat // 2)),
    )
    print(
        "  (for context: train() draws batches with replacement and records each step's loss, a forward pass more)"
    )


def bench_numerical(x_train, t_train, small: bool) -> None:
    sizes, n = ((784, 10, 10), 10) if small else ((784, 50, 10), 100)
    name = "-".join(map(str, sizes))
    print(
        f"\n2e. Backpropagation against the numerical gradient: TwoLayerNet({name}, relu, float64), batch {n}"
    )
    net = TwoLayerNet(*sizes, rng=0, activation="relu")
    x, t = x_train[:n].astype(np.float64), t_train[:n]
    t0 = time.perf_counter()
    numerical = net.numerical_gradient(x, t)
    numerical_seconds = time.perf_counter() - t0  # measured once: 2 loss evaluations per parameter
    backprop_times = []
    for _ in range(21):
        t0 = time.perf_counter()
        backprop = net.gradient(x, t)
        backprop_times.append(time.perf_counter() - t0)
    backprop_seconds = statistics.median(backprop_times)
    row(
        "backprop",
        f"numerical_gradient ({net.param_count()} params)",
        "gradient (backprop), median of 21",
        (numerical_seconds, backprop_seconds, numerical_seconds / backprop_seconds),
    )
    errors = {k: nbhelpers.relative_error(backprop[k], numerical[k]) for k in KEYS}
    print(
        "  max relative error (gradient_check's measure): "
        + ", ".join(f"{k} {e:.1e}" for k, e in errors.items())
    )
    # A central difference of step h = 1e-4 in W1[i, j] moves a1[n, j] by h x[n, i] <= h (pixels <= 1):
    # where |a1| < h it may straddle ReLU's kink at 0, and there the numerical gradient is wrong.
    a1 = x @ net.params["W1"] + net.params["b1"]
    near = int(np.sum(np.abs(a1) < 1e-4))
    print(
        f"  ({2 * net.param_count()} loss evaluations; {near} of the {a1.size} hidden pre-activations lie within "
        "h = 1e-4 of ReLU's kink at 0, where the central difference straddles it)"
    )


def bench_optimizers(repeat: int) -> None:
    """Adam.update and SGD.update against the same update written inline (the book's loop over the keys):
    the same arithmetic on both sides, so the ratio is the price of the checks (dicts, shapes, dtypes, state)."""
    import math

    from nbhelpers.network import init_weights
    from nbhelpers.optimizers import Adam

    sizes, steps, lr = (784, 100, 100, 100, 100, 10), 100, 0.001
    start = init_weights(sizes, "he", rng=0, dtype=np.float32)
    print(
        f"\n2f. Optimizer step: the {sum(p.size for p in start.values())} parameters of a "
        f"{'-'.join(map(str, sizes))} network (float32, {len(start)} arrays), {steps} updates, fixed gradients"
    )
    rng = np.random.default_rng(1)
    grads = {k: (0.01 * rng.standard_normal(p.shape)).astype(np.float32) for k, p in start.items()}

    def inline_sgd(params, state):
        for _ in range(steps):
            for key in params:
                params[key] -= lr * grads[key]

    def inline_adam(params, state, beta1=0.9, beta2=0.999):
        m, v = state.setdefault("m", {}), state.setdefault("v", {})
        for _ in range(steps):
            state["iter"] = state.get("iter", 0) + 1
            lr_t = lr * math.sqrt(1.0 - beta2 ** state["iter"]) / (1.0 - beta1 ** state["iter"])
            for key in params:
                if key not in m:
                    m[key], v[key] = np.zeros_like(params[key]), np.zeros_like(params[key])
                m[key] += (1 - beta1) * (grads[key] - m[key])
                v[key] += (1 - beta2) * (grads[key] ** 2 - v[key])
                params[key] -= lr_t * m[key] / (np.sqrt(v[key]) + 1e-7)

    for name, make, inline in (
        ("SGD", lambda: SGD(lr=lr), inline_sgd),
        ("Adam", lambda: Adam(lr=lr), inline_adam),
    ):
        ours, plain = {k: p.copy() for k, p in start.items()}, {k: p.copy() for k, p in start.items()}
        optimizer, state = make(), {}

        def with_nbhelpers(optimizer=optimizer, ours=ours):
            for _ in range(steps):
                optimizer.update(ours, grads)

        def written_inline(inline=inline, plain=plain, state=state):
            inline(plain, state)

        result = side_by_side(with_nbhelpers, written_inline, repeat)
        row("optimizers", f"{name}.update, {steps} steps", "the same update inline", result, "target ≤ 1.1")
        same = all(ours[k].tobytes() == plain[k].tobytes() for k in start)  # as many steps on each side
        print(
            f"  ({result[0] / steps * 1e6:.0f} µs a step; the same float32 bits as inline afterwards: {same})"
        )


def _torch_python(python):
    """Why the PyTorch rows cannot run with ``python``, or None when they can."""
    if python is None:
        return "--no-torch given"
    check = "import importlib.util, sys; sys.exit(importlib.util.find_spec('torch') is None)"
    try:
        found = subprocess.run([str(python), "-c", check], capture_output=True).returncode == 0
    except OSError:
        found = False
    if found:
        return None
    return (
        f"torch is not installed for {python}; `make bench-env` makes .venv-bench/ with NumPy and PyTorch "
        "(CPU build, requirements-bench.txt), which `make bench` then uses"
    )


def bench_torch(x_train, t_train, x_test, repeat: int, epochs: int, python, threads: int) -> None:
    print(
        "\n5. PyTorch on the CPU. Each side runs in a worker process of its own (numpy_epoch.py: nbhelpers; "
        "torch_epoch.py: PyTorch), the two taking turns, each timing its own work"
    )
    why_not = _torch_python(python)
    if why_not:
        print(f"  PyTorch rows skipped: {why_not}")
        return
    _, start, order = epoch_setup(x_train)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, value in (("x_train", x_train), ("t_train", t_train), ("order", order), ("x_test", x_test)):
            np.save(folder / f"{name}.npy", value)
        np.savez(folder / "start.npz", **start)
        np.savez(folder / "forward_net.npz", **pretrained_network())
        with (
            Worker(sys.executable, BENCH / "numpy_epoch.py", threads) as ours,
            Worker(str(python), BENCH / "torch_epoch.py", threads) as theirs,
        ):
            mine, other = ours.call("load", folder=tmp), theirs.call("load", folder=tmp)
            print(f"  NumPy side: NumPy {mine['numpy']}, {mine['threads']}")
            print(f"  PyTorch side: PyTorch {other['torch']} (NumPy {other['numpy']}), {other['threads']}")
            versus = f"PyTorch {other['torch']}"

            def timed(worker, cmd, **arguments):
                return lambda: worker.call(cmd, **arguments)["seconds"]

            for dtype in ("float32", "float64"):
                turn = {"dtype": dtype, "times": 5}  # per turn: the median of 5 passes after a warm-up pass
                times = take_turns([timed(ours, "forward", **turn), timed(theirs, "forward", **turn)], repeat)
                row("forward", f"forward, batch 10 000 ({dtype})", versus, paired(*times), "target ≤ 1.0")
            epoch = {"lr": LR, "batch_size": BATCH}
            times = take_turns(
                [
                    timed(ours, "epoch", kind="nbhelpers", **epoch),
                    timed(theirs, "epoch", **epoch),
                    timed(ours, "epoch", kind="inline", **epoch),
                ],
                epochs,
            )
            what = f"epoch ({len(order) // BATCH} steps): nbhelpers"
            row("backprop", what, versus, paired(times[0], times[1]), "target ≤ 1.0")
            row(
                "backprop",
                f"epoch ({len(order) // BATCH} steps): inline NumPy",
                versus,
                paired(times[2], times[1]),
            )
            for kind in ("nbhelpers", "inline"):  # the weights each left after its last epoch
                ours.call("save", kind=kind, path=str(folder / f"{kind}.npz"))
            theirs.call("save", path=str(folder / "torch.npz"))
        final = {}
        for kind in ("nbhelpers", "inline", "torch"):
            with np.load(folder / f"{kind}.npz") as f:
                final[kind] = dict(f)
        print("  weights after the epoch (same start, same batches):")
        print(f"    PyTorch vs inline (y - t)/N: {_max_difference(final['torch'], final['inline'])}")
        print(f"    PyTorch vs nbhelpers:        {_max_difference(final['torch'], final['nbhelpers'])}")


def _differences(a: dict, b: dict, keys) -> str:
    """Per key, the largest |a - b| and, in brackets, the largest |a| it is to be read against."""
    parts = []
    for k in keys:
        diff = float(np.max(np.abs(np.asarray(a[k], dtype=np.float64) - b[k])))
        parts.append(f"{k} {diff:.1e} (of {float(np.max(np.abs(a[k]))):.1e})")
    return ", ".join(parts)


def bench_conv(
    x_train, t_train, repeat: int, loop_images: int, steps: int, rounds: int, python, threads
) -> None:
    data = conv_data(x_train)
    x, W, b, dout = data["x"], data["W"], data["b"], data["dout"]
    n, fn = len(x), len(W)
    print(
        f"\n6. Convolution and pooling: {n} MNIST images (1 channel, 28 × 28), {fn} filters of 5 × 5, stride 1, "
        "no padding, float32 (SimpleConvNet's first layer); backward with a fixed dout"
    )
    ours, book = Convolution(W, b), BookConvolution(W, b)

    def book_pass(dx=True):
        return book.forward(x), book.backward(dout, dx)

    with_dx = side_by_side(lambda: conv_pass(ours, x, dout), book_pass, repeat)
    row("conv", "Convolution forward + backward", "the book's (im2col, col2im)", with_dx)
    out, dx = conv_pass(ours, x, dout)
    mine = {"out": out, "dx": dx, "dW": ours.dW, "db": ours.db}
    out, dx = book_pass()
    print(
        f"  dtypes: ours {sorted({v.dtype.name for v in mine.values()})}, the book's (its zeros in float32) "
        f"{sorted({v.dtype.name for v in (out, dx, book.dW, book.db)})}"
    )
    print(
        "  nbhelpers vs the book's: "
        + _differences(mine, {"out": out, "dx": dx, "dW": book.dW, "db": book.db}, ("out", "dx", "dW", "db"))
    )

    k = min(loop_images, n)
    t0 = time.perf_counter()
    looped = loop_convolution(x[:k], W, b, dout[:k])  # timed once: minutes for 100 images
    loop_seconds = (time.perf_counter() - t0) * n / k
    row(
        "conv",
        "Convolution forward + backward",
        f"plain loops ({k} image{'s' * (k > 1)} timed once, × {n / k:g})",
        (with_dx[0], loop_seconds, with_dx[0] / loop_seconds),
    )
    print(f"  (the loops take {loop_seconds / with_dx[0]:.0f} times as long)")
    few = Convolution(W, b)
    out, dx = conv_pass(few, x[:k], dout[:k])
    print(
        f"  nbhelpers vs the loops on those {k} image(s): "
        + _differences(
            {"out": out, "dx": dx, "dW": few.dW, "db": few.db},
            dict(zip(("out", "dx", "dW", "db"), looped)),
            ("out", "dx", "dW", "db"),
        )
    )
    row(
        "conv",
        "Convolution, no dx (a first layer)",
        "the book's without dcol, col2im",
        side_by_side(lambda: conv_pass(ours, x, dout, dx=False), lambda: book_pass(dx=False), repeat),
    )

    pool_x, pool_dout = data["pool_x"], data["pool_dout"]
    pool, book_pool = Pooling(2, 2, stride=2), BookPooling(2, 2, stride=2)
    print(
        f"\n6b. Max pooling 2 × 2, stride 2, on {pool_x.shape} float32 (ReLU of the convolution: "
        f"{np.mean(pool_x == 0):.0%} zeros, so ties)"
    )
    row(
        "conv",
        "Pooling forward + backward",
        "the book's (im2col, argmax, col2im)",
        side_by_side(
            lambda: (pool.forward(pool_x), pool.backward(pool_dout)),
            lambda: (book_pool.forward(pool_x), book_pool.backward(pool_dout)),
            repeat,
        ),
    )
    same = [
        np.array_equal(pool.forward(pool_x), book_pool.forward(pool_x)),
        np.array_equal(pool.backward(pool_dout), book_pool.backward(pool_dout)),
        np.array_equal(pool.arg_max.transpose(0, 2, 3, 1).reshape(-1), book_pool.arg_max),
    ]
    print(f"  the same as the book's, bit for bit: output {same[0]}, dx {same[1]}, arg_max {same[2]}")
    bench_conv_torch(x_train, t_train, data, repeat, steps, rounds, python, threads)


def bench_conv_torch(
    x_train, t_train, data: dict, repeat: int, steps: int, rounds: int, python, threads
) -> None:
    print(
        "\n6c. PyTorch on the CPU, the same convolution and SimpleConvNet's training. Each side runs in a worker "
        "process of its own (conv_bench.py: nbhelpers; torch_conv.py: PyTorch), the two taking turns, each timing "
        "its own work"
    )
    why_not = _torch_python(python)
    if why_not:
        print(f"  PyTorch rows skipped: {why_not}")
        return
    start, order = convnet_start(), np.random.default_rng(0).permutation(len(x_train))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        save_data(folder, x_train, t_train, order, start, data)
        with (
            Worker(sys.executable, BENCH / "conv_bench.py", threads) as ours,
            Worker(str(python), BENCH / "torch_conv.py", threads) as theirs,
        ):
            mine, other = ours.call("load", folder=tmp), theirs.call("load", folder=tmp)
            print(f"  NumPy side: NumPy {mine['numpy']}, {mine['threads']}")
            print(f"  PyTorch side: PyTorch {other['torch']} (NumPy {other['numpy']}), {other['threads']}")
            versus = f"PyTorch {other['torch']} F.conv2d"

            def timed(worker, cmd, **arguments):
                return lambda: worker.call(cmd, **arguments)["seconds"]

            for dx, what in ((True, "Convolution forward + backward"), (False, "Convolution, no dx")):
                turn = {"dx": dx, "times": 5}  # per turn: the median of 5 passes after a warm-up pass
                times = take_turns([timed(ours, "conv", **turn), timed(theirs, "conv", **turn)], repeat)
                row("conv", what, versus + ("" if dx else ", x no grad"), paired(*times), "target ≤ 1.2")
            turn = {"steps": steps, "lr": 0.001, "batch_size": BATCH}
            times = take_turns([timed(ours, "steps", **turn), timed(theirs, "steps", **turn)], rounds)
            result = paired(*times)
            row("conv", f"SimpleConvNet, {steps} steps, Adam", f"PyTorch {other['torch']}", result)
            epoch = len(x_train) // BATCH
            print(
                f"  ({steps} steps of the epoch timed, not the {epoch}: one epoch ≈ {_t(result[0] * epoch / steps)} "
                f"with nbhelpers, {_t(result[1] * epoch / steps)} with PyTorch)"
            )
            for worker, name in ((ours, "ours"), (theirs, "torch")):  # the weights after the last steps
                worker.call("save", path=str(folder / f"{name}_weights.npz"))
                worker.call("check", path=str(folder / f"{name}_check.npz"), batch_size=BATCH)
            theirs.call("steps", book_eps=True, **turn)
            theirs.call("save", path=str(folder / "torch_eps_weights.npz"))
            ours.call("steps", book_backward=True, **turn)
            ours.call("save", path=str(folder / "ours_book_weights.npz"))
        got = {}
        names = (
            "ours_weights",
            "ours_check",
            "torch_weights",
            "torch_check",
            "torch_eps_weights",
            "ours_book_weights",
        )
        for name in names:
            with np.load(folder / f"{name}.npz") as f:
                got[name] = dict(f)
    a, b = got["ours_check"], got["torch_check"]
    print("  the same computation? largest |nbhelpers - PyTorch| (and the largest |nbhelpers| beside it):")
    conv_keys = ("out", "dx", "dW", "db")
    print(
        "    the convolution: "
        + _differences(
            {k: a[f"conv_{k}"] for k in conv_keys}, {k: b[f"conv_{k}"] for k in conv_keys}, conv_keys
        )
    )
    print("    SimpleConvNet, first batch, start weights: " + _differences(a, b, ("scores", "loss")))
    print("      gradients: " + _differences(a, b, CONVNET_KEYS))
    print(f"    weights after {steps} Adam steps (same start, same batches):")
    for what, ours_, theirs_ in (
        ("as timed (PyTorch's eps = 1e-8)", "ours_weights", "torch_weights"),
        ("PyTorch's Adam with the book's ε", "ours_weights", "torch_eps_weights"),
        ("and nbhelpers with the book's (y - t)/N", "ours_book_weights", "torch_eps_weights"),
    ):
        print(f"      {what:41} {_differences(got[ours_], got[theirs_], CONVNET_KEYS)}")
    print(
        "      (the book's Adam adds 1e-7 to √v before the bias correction: PyTorch's update with ε_t = 1e-7/√(1 − "
        "0.999^t) added to √v̂, set each step; with eps = 1e-8, a weight whose gradient is under about 1e-6 moves "
        "by up to lr = 0.001 a step more. nbhelpers' SoftmaxWithLoss.backward is the exact derivative of the "
        "book's loss -log(y_t + δ), r (y - t)/N with r = y_t/(y_t + δ), δ = 1e-7; PyTorch's cross_entropy has no δ: "
        "its gradient is the book's (y - t)/N. Neither is timed)"
    )


def bench_widgets(x_test, t_test, steps: int) -> None:
    print(f"\n3. One widget step (set a slider, run the callback, render the PNG), median of {steps} steps")
    from nbhelpers import widgets

    cases = [
        ("01 perceptron_explorer: w1", widgets.perceptron_explorer(), "weight w1", np.linspace(-1, 1, steps)),
        ("02 activation_explorer: x", widgets.activation_explorer(), "x", np.linspace(-4, 4, steps)),
        ("02 neuron_explorer: w", widgets.neuron_explorer(), "weight w", np.linspace(-5, 20, steps)),
        ("03 softmax_explorer: a1", widgets.softmax_explorer(), "score a1", np.linspace(-5, 5, steps)),
        ("04 network_explorer: x1", widgets.network_explorer(), "input x1", np.linspace(-3, 3, steps)),
        ("05 digit_explorer: image #", widgets.digit_explorer(x_test, t_test), "test image #", range(steps)),
        (
            "06 loss_explorer: y_t",
            widgets.loss_explorer(),
            "probability of the right class y_t",
            np.linspace(0, 1, steps),
        ),
        ("06 descent_explorer: η", widgets.descent_explorer(), "learning rate η", np.logspace(-3, 0, steps)),
        (
            "06 weight_explorer: W3[5, 3]",
            widgets.weight_explorer(pretrained_network(), x_test[:1000], t_test[:1000]),
            "W3[5, 3]",
            np.linspace(-2.0, 2.0, steps),
        ),
    ]
    for name, widget, label, values in cases:
        (slider,) = [c for c in widget.children if getattr(c, "description", None) == label]
        times = []
        for v in values:
            t0 = time.perf_counter()
            slider.value = type(slider.value)(v)
            times.append(time.perf_counter() - t0)
        median = statistics.median(times)
        ROWS.append(("widgets", name, "", median, float("nan"), float("nan"), "target ≤ 60 ms"))
        print(f"  {name:38} {_t(median):>9}   (slowest {_t(max(times))})   target ≤ 60 ms", flush=True)


def bench_startup(repeat: int, nbval: bool) -> None:
    print("\n4. Import, data loading and the notebooks")
    code = (
        "import time; t = time.perf_counter(); import {m}; t = time.perf_counter() - t; import sys; "
        "print(t, 'matplotlib' in sys.modules, 'ipywidgets' in sys.modules)"
    )

    def import_time(module: str) -> tuple:
        out = subprocess.run(
            [sys.executable, "-c", code.format(m=module)], capture_output=True, text=True, check=True
        )
        t, mpl, ipyw = out.stdout.split()
        return float(t), mpl == "True" or ipyw == "True"

    ours, numpy_only, heavy = [], [], False
    for _ in range(repeat):
        t, loaded = import_time("nbhelpers")
        ours.append(t)
        heavy |= loaded
        numpy_only.append(import_time("numpy")[0])
    ratio = statistics.median(a / b for a, b in zip(ours, numpy_only))
    row(
        "startup",
        "import nbhelpers (fresh process)",
        "import numpy",
        (statistics.median(ours), statistics.median(numpy_only), ratio),
        "target ≤ 100 ms",
    )
    print(f"  import nbhelpers loads matplotlib or ipywidgets: {heavy}")

    times = []
    for _ in range(max(1, repeat // 2)):
        t0 = time.perf_counter()
        load_mnist()
        times.append(time.perf_counter() - t0)
    median = statistics.median(times)
    ROWS.append(
        ("startup", "load_mnist() from local files", "", median, float("nan"), float("nan"), "target ≤ 1 s")
    )
    print(f"  {'load_mnist() from local files':38} {_t(median):>9}   target ≤ 1 s")
    if not nbval:
        return
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "notebooks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - t0
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-300:]
    ROWS.append(
        ("startup", "nbval over all notebooks", "", seconds, float("nan"), float("nan"), "target ≤ 90 s")
    )
    print(f"  {'nbval over all notebooks':38} {_t(seconds):>9}   target ≤ 90 s   ({last})")


def rate_row(group: str, what: str, seconds: float, unit: str, target: float) -> None:
    """A rate against its target, printed as ``row`` prints: the time of one unit (a step, a frame) vs the
    target's (1/target); the ratio is the measured rate over the target rate (≥ 1 meets it)."""
    goal = 1 / target
    row(
        group,
        what,
        f"target {target:g} {unit}/s",
        (seconds, goal, goal / seconds),
        f"{1 / seconds:.{0 if seconds < 0.01 else 1}f} {unit}/s, target ratio ≥ 1",
    )


def bench_playground(repeat: int, long_run: int) -> None:
    from nbhelpers.playground import RANGE
    from nbhelpers.plots.playground import boundary_svg, grad_norm_svg, loss_svg
    from nbhelpers.plots.training import TrainingPlot
    from nbhelpers.training import train

    settings = ", ".join(f"{k}={v!r}" for k, v in SETTINGS.items())
    print(
        f"\n7. The playground (notebook 13): Playground({settings}), a 2-16-16-2 tanh network, 250 of the 500 "
        "points for training. Rates against the issue's targets: the ratio is measured / target (≥ 1 meets it)"
    )
    pg, calls = make_playground(), 50
    result = side_by_side(
        lambda: [pg.step(1) for _ in range(calls)], lambda: [pg.step(10) for _ in range(calls // 10)], repeat
    )
    row("playground", f"{calls} steps: pg.step(1) × {calls}", f"pg.step(10) × {calls // 10}", result)
    rate_row("playground", "a step of pg.step(1)", result[0] / calls, "steps", TARGET_STEPS)
    rate_row("playground", "a step of pg.step(10)", result[1] / calls, "steps", TARGET_STEPS)

    widget = ", ".join(f"{k}={v!r}" for k, v in WIDGET.items())
    print(
        f"\n7b. The widget's frame: box = playground({widget}), box.backlog = 0; box.tick() = 10 steps and every "
        "picture. Then its parts, each alone on the same widget, taken in turn with the frames"
    )
    box = make_widget()
    parts = frame_parts(box)
    times = take_turns([timed(box.tick), *parts.values()], repeat, pause=0.0)
    frame = statistics.median(times[0])
    rate_row("playground", "a frame: box.tick()", frame, "frames", TARGET_FRAMES)
    total = 0.0
    for name, ts in zip(parts, times[1:]):
        part = statistics.median(ts)
        total += part
        ROWS.append(("playground", name, "", part, float("nan"), float("nan"), ""))
        print(f"    {name:36} {_t(part):>9}   {part / frame:4.0%} of the frame", flush=True)
    print(
        f"    {'the parts together':36} {_t(total):>9}   {total / frame:4.0%} (the rest: the status text, "
        "the widgets' values)"
    )
    sent = [box.boundary, box.network, box.losses, box.gradients, box.neuron, box.text]
    print(
        f"  a frame's text for the browser: {sum(len(w.value) for w in sent) / 1e3:.0f} kB "
        f"({', '.join(f'{len(w.value) / 1e3:.0f}' for w in sent)} kB: map, network, losses, gradients, "
        "neuron, status; the browser's drawing is not timed here)"
    )
    steps_done = box.pg.history.steps_done
    norms, frame_steps, losses = long_history(box.pg, long_run)
    row(
        "playground",
        f"grad_norm_svg after {long_run} steps",
        f"after {steps_done} steps (this widget)",
        side_by_side(
            lambda: grad_norm_svg(np.arange(1, long_run + 1), norms),
            parts["grad_norm_svg"],
            repeat,
        ),
    )
    row(
        "playground",
        f"loss_svg after {long_run} steps",
        f"after {steps_done} steps (this widget)",
        side_by_side(lambda: loss_svg(frame_steps, losses, losses), parts["loss_svg"], repeat),
    )
    print(
        f"  (the widget draws the whole history in every frame: {long_run} steps is {long_run / 6000:.0f} "
        f"minutes of play at {TARGET_FRAMES} frames/s of 10 steps; loss_svg gets a point a frame)"
    )

    print(
        "\n7c. The decision map as SVG text (boundary_svg, the playground's) against the same map drawn by "
        "matplotlib as a PNG (TrainingPlot.show, then png: the training widget's of notebooks 07-08, whose "
        "figure has the learning curves beside the map)"
    )
    pg = box.pg
    probabilities = pg.probability_map(100)
    data = (pg.x_train, pg.t_train, pg.x_test, pg.t_test)
    plot = TrainingPlot(RANGE, RANGE, 100)

    def svg():
        return boundary_svg(probabilities, *data, title="the decision map")

    def png():
        plot.show(probabilities, *data, pg.history, "the decision map")
        return plot.png()

    row("playground", "boundary_svg", "TrainingPlot.show + png", side_by_side(svg, png, repeat))
    row(
        "playground",
        "boundary_svg + loss_svg",
        "TrainingPlot.show + png",
        side_by_side(lambda: (svg(), loss_svg(pg.loss_steps, pg.train_loss, pg.test_loss)), png, repeat),
    )
    print(f"  sizes: the SVG {len(svg()) / 1e3:.0f} kB of text, the PNG {len(png()) / 1e3:.0f} kB")

    print(
        "\n7d. Training steps of the same network: nbhelpers against the steps written out in plain NumPy "
        "(batch, forward, the book's backward, SGD update; no loss recorded, no evaluation), 100 steps "
        "from the same start with the same batches"
    )
    pg, steps = make_playground(), 100
    net, start, lr, batch = pg.net, pg.export(), pg.settings["lr"], pg.settings["batch_size"]
    x, t = pg.f_train, pg.t_train
    plain = {k: v.copy() for k, v in start.items()}

    def with_train():
        reset(net.params, start)
        train(
            net,
            x,
            t,
            optimizer=SGD(lr),
            batch_size=batch,
            steps=steps,
            seed=0,
            gradient="gradient",
            every=10**9,
            progress=False,
        )

    def written_out():
        reset(plain, start)
        plain_steps(plain, x, t, np.random.default_rng(0), steps, batch, lr)

    result = side_by_side(with_train, written_out, repeat)
    row("playground", f"train(), {steps} steps", "the steps in plain NumPy", result)
    print(
        f"  ({result[0] / steps * 1e6:.0f} µs a step with train(), {result[1] / steps * 1e6:.0f} µs written "
        "out; train() also records each batch's loss, a forward pass more)"
    )
    print(f"  weights after: {_differences(net.params, plain, list(start))}")
    player = make_playground()
    result = side_by_side(lambda: [player.step(10) for _ in range(steps // 10)], written_out, repeat)
    row("playground", f"pg.step(10) × {steps // 10}", "the steps in plain NumPy", result)
    print(
        "  (pg.step also records each step's gradient norms and, at each call, the accuracy and the loss on "
        "the training and the test points)"
    )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, and no nbval run")
    parser.add_argument("--smoke", action="store_true", help="one repetition of everything (for the tests)")
    parser.add_argument(
        "--torch-python",
        default=str(BENCH_PYTHON) if BENCH_PYTHON.exists() else sys.executable,
        help="the Python with PyTorch for sections 5 and 6 (default: .venv-bench/bin/python if `make bench-env` made it)",
    )
    parser.add_argument("--no-torch", action="store_true", help="skip the PyTorch rows (sections 5 and 6)")
    parser.add_argument(
        "--only",
        help="run only these sections, comma-separated: forward, activations, gradient, training, backprop, "
        "optimizers, widgets, startup, torch, conv, playground (e.g. --only backprop,torch)",
    )
    parser.add_argument(
        "--threads",
        type=int,
        help="BLAS threads of every measurement, this process's and both sides of the PyTorch comparison "
        "(default: one per CPU this process may use; 1 gives steadier ratios on a machine busy with other work)",
    )
    args = parser.parse_args(argv)
    repeat = 1 if args.smoke else 7 if args.quick else 25
    epochs = 1 if args.smoke else 5 if args.quick else 11  # repetitions of a whole epoch (about 1 s each)
    print(f"nbhelpers {nbhelpers.__version__}, NumPy {np.__version__}, Python {platform.python_version()}, ")
    print(f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}")
    if args.threads is None:
        args.threads = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    elif not set_blas_threads(args.threads):
        print(f"  (could not set this process's OpenBLAS threads to {args.threads})")
    print(f"This process (sections 1-4, 6, 7): OpenBLAS {blas_threads()} threads")
    few = slice(0, 1000) if args.smoke else slice(None)  # --smoke: 10 steps, not 600
    sections = {
        "forward": lambda: bench_forward(x_test, repeat),
        "activations": lambda: bench_activations(repeat),
        "gradient": lambda: bench_gradient(repeat),
        "training": lambda: bench_training(repeat),
        "backprop": lambda: (
            bench_backprop(x_train[few], t_train[few], epochs),
            bench_numerical(x_train, t_train, small=args.quick or args.smoke),
        ),
        "optimizers": lambda: bench_optimizers(repeat),
        "widgets": lambda: bench_widgets(x_test, t_test, steps=3 if args.smoke else 21),
        "startup": lambda: bench_startup(
            repeat=1 if args.smoke else 5 if args.quick else 9, nbval=not (args.quick or args.smoke)
        ),
        "torch": lambda: bench_torch(
            x_train[few],
            t_train[few],
            x_test,
            repeat,
            epochs,
            None if args.no_torch else args.torch_python,
            args.threads,
        ),
        "conv": lambda: bench_conv(
            x_train[few],
            t_train[few],
            repeat,
            loop_images=1 if args.smoke else 2 if args.quick else 10,
            steps=2 if args.smoke else 50 if args.quick else 100,
            rounds=epochs,
            python=None if args.no_torch else args.torch_python,
            threads=args.threads,
        ),
        "playground": lambda: bench_playground(repeat, long_run=5000 if args.smoke else LONG_RUN),
    }
    only = args.only.split(",") if args.only else list(sections)
    unknown = sorted(set(only) - set(sections))
    if unknown:
        parser.error(f"--only: unknown section(s) {', '.join(unknown)}; choose from {', '.join(sections)}")
    # Every section but the playground reads MNIST (the functions above find it here when they run)
    (x_train, t_train), (x_test, t_test) = load_mnist() if set(only) - {"playground"} else ((None,) * 2,) * 2
    for name in sections:
        if name in only:
            sections[name]()


if __name__ == "__main__":
    main()
