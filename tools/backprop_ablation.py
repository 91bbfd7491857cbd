"""Notebook 08's ablation: what lifts the book's MNIST network above 97.5 %, one change at a time, 4 seeds.

Usage::

    python tools/backprop_ablation.py                  # writes nbhelpers/data/backprop_ablation.json
    python tools/backprop_ablation.py --seeds 0 1 --out /tmp/ablation.json

Each setting trains the book's network of chapter 5 (784-50-10, ReLU, batch 100, 10 200 steps: 17 epochs)
with :func:`nbhelpers.train` and backpropagation, with the seeds 0, 1, 2, 3 (``rng`` of the first
weights and ``seed`` of the batches alike), and records the accuracy on the 10 000 test images. It takes
about two minutes on two CPUs. Notebook 08 shows the shipped table (too long to run in the notebook, which
trains one of these runs live, seed 0 of "float32, lr 0.5 to 0, shuffled epochs", and checks it against
the table) and defines the same ``run`` for a learner to try others.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path

import numpy as np

import nbhelpers
from nbhelpers import TwoLayerNet, load_mnist, train

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "nbhelpers" / "data" / "backprop_ablation.json"
STEPS = 10_200

#: The settings, one change at a time from the book's (its train_neuralnet.py): name -> run's arguments.
SETTINGS = {
    "the book: float64, lr 0.1, batches with replacement": {
        "lr": 0.1,
        "dtype": "float64",
        "shuffle": False,
        "lr_decay": None,
        "weight_init_std": 0.01,
    },
    "float32": {"lr": 0.1, "dtype": "float32", "shuffle": False, "lr_decay": None, "weight_init_std": 0.01},
    "float32, lr 0.5 to 0": {
        "lr": 0.5,
        "dtype": "float32",
        "shuffle": False,
        "lr_decay": "linear",
        "weight_init_std": 0.01,
    },
    "float32, lr 0.5 to 0, shuffled epochs": {
        "lr": 0.5,
        "dtype": "float32",
        "shuffle": True,
        "lr_decay": "linear",
        "weight_init_std": 0.01,
    },
    "the same with He's initial weights": {
        "lr": 0.5,
        "dtype": "float32",
        "shuffle": True,
        "lr_decay": "linear",
        "weight_init_std": "he",
    },
}


def run(data, seed, lr, dtype, shuffle, lr_decay, weight_init_std) -> float:
    """Train the 784-50-10 ReLU net with these settings and seed; return its test accuracy."""
    (x_train, t_train), (x_test, t_test) = data
    net = TwoLayerNet(784, 50, 10, weight_init_std=weight_init_std, rng=seed, dtype=dtype, activation="relu")
    train(
        net,
        x_train,
        t_train,
        lr=lr,
        batch_size=100,
        steps=STEPS,
        seed=seed,
        gradient="gradient",
        shuffle=shuffle,
        lr_decay=lr_decay,
        every=STEPS,
        progress=False,
    )
    return net.accuracy(x_test, t_test)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    data = load_mnist(normalize=True)
    started = time.perf_counter()
    accuracy = {}
    for name, kwargs in SETTINGS.items():
        accuracy[name] = [run(data, seed, **kwargs) for seed in args.seeds]
        print(f"{name:45} " + " ".join(f"{a:.4f}" for a in accuracy[name]), flush=True)
    result = {
        "what": "test accuracy of TwoLayerNet(784, 50, 10, activation='relu') after train(..., batch_size=100, "
        f"steps={STEPS}, gradient='gradient'), one change at a time from the book's settings",
        "steps": STEPS,
        "seeds": args.seeds,
        "settings": SETTINGS,
        "test_accuracy": accuracy,
        "made_with": {
            "script": "tools/backprop_ablation.py",
            "nbhelpers": nbhelpers.__version__,
            "numpy": np.__version__,
            "python": platform.python_version(),
            "machine": platform.machine(),
            "seconds": round(time.perf_counter() - started),
        },
    }
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
