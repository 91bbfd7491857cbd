"""Notebook 09's MNIST comparisons: the book's five-layer network trained by each optimizer, and from three
kinds of first weights, 2000 steps each, on the same mini-batches.

Usage::

    python tools/optimizer_compare.py                  # writes nbhelpers/data/optimizer_compare.json
    python tools/optimizer_compare.py --seeds 0 --out /tmp/compare.json

The book's ch06/optimizer_compare_mnist.py and ch06/weight_init_compare.py: a MultiLayerNet 784-100-100-100-
100-10 with ReLU, mini-batches of 128 drawn at random (with replacement), 2000 steps, the loss of each
mini-batch recorded after the step. Here, unlike the book, every run of one seed starts from the same first
weights (for the optimizers) and sees the same mini-batches, so that the curves differ only by what is
compared; float32 (as in notebook 08: the same results, twice as fast). The curves of seed 0 are shipped in
full; for every seed, the mean loss of the last 100 steps and the test accuracy. Notebook 09 shows them and
runs the first steps of seed 0 live, checking them against the shipped curves.

Run it with ``OPENBLAS_NUM_THREADS=1`` (as the shipped file was made, about two minutes): NumPy's matrix
products then add in one fixed order, and the curves come out the same bit for bit. With more threads the
sums are rounded differently, and AdaGrad's and RMSprop's curves part from the shipped ones after a few dozen
steps, and Adam's after about 135 (they divide each step by a square root plus 1e-7, which magnifies
the rounding of gradients near 1e-7).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import time
from pathlib import Path

import numpy as np

import nbhelpers
from nbhelpers import MultiLayerNet, load_mnist, make_optimizer

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "nbhelpers" / "data" / "optimizer_compare.json"
STEPS = 2000
BATCH_SIZE = 128
HIDDEN = [100, 100, 100, 100]
DTYPE = "float32"

#: The optimizer comparison: name -> (optimizer, its arguments), the book's defaults. RMSprop, commented out
#: in the book's script, is run with Adam's learning rate 0.001 and with its class default 0.01 (which
#: throws this network into saturation at the first step). Every net starts from He's weights (the book's
#: default, "relu").
OPTIMIZER_RUNS = {
    "SGD": ("SGD", {"lr": 0.01}),
    "Momentum": ("Momentum", {"lr": 0.01, "momentum": 0.9}),
    "AdaGrad": ("AdaGrad", {"lr": 0.01}),
    "RMSprop": ("RMSprop", {"lr": 0.001, "decay_rate": 0.99}),
    "Adam": ("Adam", {"lr": 0.001, "beta1": 0.9, "beta2": 0.999}),
    "RMSprop, lr 0.01": ("RMSprop", {"lr": 0.01, "decay_rate": 0.99}),
}
#: The initialisation comparison: name -> weight_init_std, each trained by SGD with lr 0.01 (the book's).
INIT_RUNS = {"std=0.01": 0.01, "Xavier": "xavier", "He": "he"}


def compare(data, runs: dict, steps: int = STEPS, seed: int = 0, progress=None) -> dict:
    """Train one network per run on the same mini-batches; ``runs`` = {label: (optimizer, weight_init_std)}.

    Every network is ``MultiLayerNet(784, HIDDEN, 10, weight_init_std=..., rng=seed, dtype=DTYPE)``; the
    batches come from ``np.random.default_rng(seed + 1000)``. Returns {label: {"loss": [per step],
    "train_acc": ..., "test_acc": ...}}.
    """
    (x_train, t_train), (x_test, t_test) = data
    x_train, x_test = x_train.astype(DTYPE), x_test.astype(DTYPE)
    nets = {
        label: MultiLayerNet(784, HIDDEN, 10, weight_init_std=init, rng=seed, dtype=DTYPE)
        for label, (_, init) in runs.items()
    }
    optimizers = {label: optimizer for label, (optimizer, _) in runs.items()}
    losses = {label: [] for label in runs}
    batches = np.random.default_rng(seed + 1000)
    for _ in range(steps):
        batch = batches.choice(len(x_train), BATCH_SIZE)
        x_batch, t_batch = x_train[batch], t_train[batch]
        for label, net in nets.items():
            grads = net.gradient(x_batch, t_batch)
            optimizers[label].update(net.params, grads)
            losses[label].append(net.loss(x_batch, t_batch))
        if progress is not None:
            progress.update(1)
    return {
        label: {
            "loss": losses[label],
            "train_acc": net.accuracy(x_train, t_train),
            "test_acc": net.accuracy(x_test, t_test),
        }
        for label, net in nets.items()
    }


def optimizer_runs() -> dict:
    return {label: (make_optimizer(name, **kwargs), "he") for label, (name, kwargs) in OPTIMIZER_RUNS.items()}


def init_runs() -> dict:
    return {label: (make_optimizer("SGD", lr=0.01), init) for label, init in INIT_RUNS.items()}


def _summary(result: dict) -> dict:
    return {
        label: {
            "last_100_mean_loss": round(float(np.mean(r["loss"][-100:])), 4),
            "train_acc": round(r["train_acc"], 4),
            "test_acc": round(r["test_acc"], 4),
        }
        for label, r in result.items()
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    data = load_mnist(normalize=True)
    started = time.perf_counter()
    curves, summaries = {}, {"optimizers": {}, "init": {}}
    for seed in args.seeds:
        for part, runs in (("optimizers", optimizer_runs()), ("init", init_runs())):
            result = compare(data, runs, seed=seed)
            summaries[part][str(seed)] = _summary(result)
            if seed == args.seeds[0]:
                curves[part] = {label: [round(float(v), 5) for v in r["loss"]] for label, r in result.items()}
            print(seed, part, json.dumps(summaries[part][str(seed)]), flush=True)
    result = {
        "what": "loss per step (after the step, on its mini-batch) of MultiLayerNet(784, [100] * 4, 10, ReLU) "
        f"trained {STEPS} steps on MNIST with batches of {BATCH_SIZE}, by each optimizer and from each "
        "kind of first weights; the curves of the first seed, a summary for every seed",
        "steps": STEPS,
        "batch_size": BATCH_SIZE,
        "hidden_size_list": HIDDEN,
        "dtype": DTYPE,
        "seeds": args.seeds,
        "optimizer_runs": OPTIMIZER_RUNS,
        "init_runs": INIT_RUNS,
        "curves": curves,
        "summary": summaries,
        "made_with": {
            "script": "tools/optimizer_compare.py",
            "nbhelpers": nbhelpers.__version__,
            "numpy": np.__version__,
            "python": platform.python_version(),
            "machine": platform.machine(),
            "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS"),
            "seconds": round(time.perf_counter() - started),
        },
    }
    text = json.dumps(result, indent=1)
    # One line per curve (2000 numbers), not one per number.
    text = re.sub(r"\[\s*([-0-9.e,\s]+?)\s*\]", lambda m: "[" + re.sub(r"\s+", " ", m.group(1)) + "]", text)
    args.out.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
