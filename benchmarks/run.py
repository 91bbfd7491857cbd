"""Benchmarks: nbhelpers against the plain NumPy it should match, measured side by side in one run.

Usage (from the repository's root, after `make test` or `make lab` has set things up)::

    make bench                        # or: .venv/bin/python benchmarks/run.py
    .venv/bin/python benchmarks/run.py --quick      # fewer repetitions, no nbval run

Every row is a ratio of two timings taken in the same run, interleaved (A, B, A, B, ...), so that a
machine that gets busier or quieter affects both sides alike: the ratio is the median of the
per-pair ratios, the times are medians. Nothing here asserts a time; the targets are printed beside
the ratios (see README.md in this folder). The MNIST files come from ``NBHELPERS_DATA`` (set by
`make`) or the download cache.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

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

ROWS: list = []


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
    try:
        import torch
    except ImportError:
        print("  PyTorch: not installed, row skipped")
        return
    tnet = {k: torch.from_numpy(v) for k, v in net.items()}
    tx = torch.from_numpy(x)

    def torch_forward():
        with torch.no_grad():
            z1 = torch.sigmoid(tx @ tnet["W1"] + tnet["b1"])
            z2 = torch.sigmoid(z1 @ tnet["W2"] + tnet["b2"])
            return torch.softmax(z2 @ tnet["W3"] + tnet["b3"], dim=-1)

    row(
        "forward",
        f"forward, batch 10 000 ({name})",
        f"PyTorch {torch.__version__} CPU",
        side_by_side(whole, torch_forward, repeat),
        "target ≤ 1.0",
    )


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
    from nbhelpers.nets import TwoLayerNet
    from nbhelpers.training import blobs, train

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


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, and no nbval run")
    parser.add_argument("--smoke", action="store_true", help="one repetition of everything (for the tests)")
    args = parser.parse_args(argv)
    repeat = 1 if args.smoke else 7 if args.quick else 25
    print(f"nbhelpers {nbhelpers.__version__}, NumPy {np.__version__}, Python {platform.python_version()}, ")
    print(f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}")
    _, (x_test, t_test) = load_mnist()
    bench_forward(x_test, repeat)
    bench_activations(repeat)
    bench_gradient(repeat)
    bench_training(repeat)
    bench_widgets(x_test, t_test, steps=3 if args.smoke else 21)
    bench_startup(repeat=1 if args.smoke else 5 if args.quick else 9, nbval=not (args.quick or args.smoke))


if __name__ == "__main__":
    main()
