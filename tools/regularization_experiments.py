"""Notebook 10's MNIST experiments: batch normalisation, overfitting, weight decay, dropout and the random search
for hyperparameters, with the book's settings (ch. 6.3-6.5).

Usage::

    python tools/regularization_experiments.py                    # writes nbhelpers/data/regularization.json
    python tools/regularization_experiments.py --quick            # a few epochs of everything, to /tmp
    python tools/regularization_experiments.py --only search      # re-runs one part, keeps the others of --out

The book's ch06/batch_norm_test.py (figure 6-19), overfit_weight_decay.py (6-20, 6-21), overfit_dropout.py
(6-23) and hyperparameter_optimization.py (6-24). Each run trains with plain SGD (lr 0.01 but in the search),
mini-batches of 100 drawn at random with replacement, and measures the accuracies after each epoch. Every run
of one seed draws from one Generator, ``np.random.default_rng(seed)``: first the network's weights, then, as it
trains, its mini-batches and (with dropout) its masks. So the runs of one experiment start from the same
weights (their scale aside), and those without dropout see the same mini-batches; and each run can be repeated
on its own: the functions ``batchnorm_run``, ``weight_decay_run``, ``dropout_run`` and ``search_trial``
return the History (the Trial) of one run: the tests compare their first epochs with the shipped curves,
and notebook 10 repeats their few lines for its short live versions (tools/ is not installed with the
package). The random search is nbhelpers.random_search (trial i from
``np.random.default_rng([seed, i])``) on ``validation_split`` of the first 500 training images.

The curves of seed 0 are shipped in full; for seeds 0, 1 and 2 a summary: the final accuracies (the same
numbers with or without the evaluations along the way, which draw no random numbers). Where the book departs:
its runs each draw their own first weights from NumPy's global random state, and its overfitting scripts
measure after the steps 1, 4, 7, ... (here 3, 6, 9, ...: after each epoch). A batch-normalised network's
recorded loss (``step_loss``) is, like its accuracy, computed in inference mode, with the running averages
of the batches' means and variances, which lag behind the weights in the first steps (momentum 0.9, from 0):
it starts near 15 and comes down as they catch up.

Run it with ``OPENBLAS_NUM_THREADS=1`` (as the shipped file was made, about a quarter of an hour): NumPy's
matrix products then add in one fixed order. With other BLAS builds or thread counts, the sums are rounded
differently; the curves agree for the first few dozen steps and then part, the conclusions stay.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import re
import time
from pathlib import Path

import numpy as np

import nbhelpers
from nbhelpers import (
    MultiLayerNet,
    MultiLayerNetExtend,
    load_mnist,
    random_search,
    run_trial,
    train,
    validation_split,
)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "nbhelpers" / "data" / "regularization.json"
SEEDS = [0, 1, 2]
LR = 0.01
BATCH_SIZE = 100

#: Figure 6-19: 1000 training images (and, not in the book, the first 1000 test images), a five-layer
#: network with and without batch normalisation, from weights of each scale (their standard deviation).
BATCHNORM = {
    "train_size": 1000,
    "test_size": 1000,
    "hidden_size_list": [100] * 5,
    "lr": LR,
    "batch_size": BATCH_SIZE,
    "epochs": 20,
    "weight_scales": [float(f"{w:.6g}") for w in np.logspace(0, -4, num=16)],
}
#: Figures 6-20 and 6-21: 300 training images, the whole test set, a seven-layer network, weight decay λ.
WEIGHT_DECAY = {
    "train_size": 300,
    "test_size": 10000,
    "hidden_size_list": [100] * 6,
    "lr": LR,
    "batch_size": BATCH_SIZE,
    "epochs": 201,
    "lambdas": [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3],
    "hist_bins": 40,
}
#: Figure 6-23: the same network with dropout after each hidden layer (ratio 0: no dropout layers).
DROPOUT = {
    "train_size": 300,
    "test_size": 10000,
    "hidden_size_list": [100] * 6,
    "lr": LR,
    "batch_size": BATCH_SIZE,
    "epochs": 301,
    "ratios": [0, 0.1, 0.15, 0.2, 0.3, 0.5],
}
#: Figure 6-24: 100 trials of lr = 10^U(-6, -2), weight decay = 10^U(-8, -4), 50 epochs on 400 images.
SEARCH = {
    "train_size": 500,
    "validation_rate": 0.2,
    "hidden_size_list": [100] * 6,
    "batch_size": BATCH_SIZE,
    "trials": 100,
    "epochs": 50,
    "lr_range": [-6, -2],
    "weight_decay_range": [-8, -4],
}
PARTS = ("batchnorm", "weight_decay", "dropout", "search")


@functools.lru_cache(maxsize=1)
def mnist():
    """load_mnist(normalize=True), the images as float64 (the networks' dtype: the same products, cast once)."""
    (x_train, t_train), (x_test, t_test) = load_mnist(normalize=True)
    return (x_train.astype(np.float64), t_train), (x_test.astype(np.float64), t_test)


def _train(net, gen, setting: dict, data, epochs, curves: bool):
    (x_train, t_train), (x_test, t_test) = data if data is not None else mnist()
    n = setting["train_size"]
    steps = (setting["epochs"] if epochs is None else epochs) * (n // setting["batch_size"])
    return train(
        net, x_train[:n], t_train[:n], x_test[: setting["test_size"]], t_test[: setting["test_size"]],
        optimizer="SGD", lr=setting["lr"], batch_size=setting["batch_size"], steps=steps, seed=gen,
        gradient="gradient", every=None if curves else max(steps, 1), progress=False,
    )  # fmt: skip


def batchnorm_run(weight_scale, use_batchnorm: bool, seed=0, epochs=None, data=None, curves=True):
    """One run of figure 6-19: ``MultiLayerNetExtend(784, [100] * 5, 10, weight_init_std=weight_scale,
    use_batchnorm=...)`` trained on the first 1000 training images, ``epochs`` (default 20) of 10 steps,
    accuracy on them and on the first 1000 test images after each epoch (``curves=False``: after the last
    only). ``data``: load_mnist's ``(x_train, t_train), (x_test, t_test)`` (None: loaded once). The History."""
    gen = np.random.default_rng(seed)
    net = MultiLayerNetExtend(
        784, BATCHNORM["hidden_size_list"], 10, weight_init_std=weight_scale, use_batchnorm=use_batchnorm,
        rng=gen,
    )  # fmt: skip
    return _train(net, gen, BATCHNORM, data, epochs, curves)


def weight_decay_run(lam, seed=0, epochs=None, data=None, curves=True, return_net=False):
    """One run of figures 6-20/6-21: ``MultiLayerNet(784, [100] * 6, 10, weight_decay_lambda=lam)`` trained
    on the first 300 training images, ``epochs`` (default 201) of 3 steps, accuracy on them and on the
    10000 test images after each epoch. The History (and the net first, with ``return_net=True``)."""
    gen = np.random.default_rng(seed)
    net = MultiLayerNet(784, WEIGHT_DECAY["hidden_size_list"], 10, weight_decay_lambda=lam, rng=gen)
    history = _train(net, gen, WEIGHT_DECAY, data, epochs, curves)
    return (net, history) if return_net else history


def dropout_run(ratio, seed=0, epochs=None, data=None, curves=True):
    """One run of figure 6-23: ``MultiLayerNetExtend(784, [100] * 6, 10, use_dropout=ratio > 0,
    dropout_ration=ratio)`` trained on the first 300 training images, ``epochs`` (default 301) of 3 steps,
    accuracies after each epoch as :func:`weight_decay_run`. The History."""
    gen = np.random.default_rng(seed)
    net = MultiLayerNetExtend(
        784, DROPOUT["hidden_size_list"], 10, use_dropout=ratio > 0, dropout_ration=ratio, rng=gen
    )
    return _train(net, gen, DROPOUT, data, epochs, curves)


def search_data(seed=0, data=None):
    """The search's data: the first 500 training images split by ``validation_split(rate 0.2, seed)``
    into 400 to train on and 100 to validate: ``(x_train, t_train), (x_val, t_val)``."""
    (x_train, t_train), _ = data if data is not None else mnist()
    n = SEARCH["train_size"]
    return validation_split(x_train[:n], t_train[:n], validation_rate=SEARCH["validation_rate"], seed=seed)


def _search_settings(epochs) -> dict:
    return {
        "lr_range": tuple(SEARCH["lr_range"]),
        "weight_decay_range": tuple(SEARCH["weight_decay_range"]),
        "hidden_size_list": SEARCH["hidden_size_list"],
        "epochs": SEARCH["epochs"] if epochs is None else epochs,
        "batch_size": SEARCH["batch_size"],
    }


def search_trial(index, seed=0, epochs=None, data=None):
    """Trial ``index`` of the random search (figure 6-24) alone: a :class:`nbhelpers.Trial` (its lr, weight
    decay and History; ``history.test_acc`` is the validation accuracy), ``epochs`` default 50."""
    (x_train, t_train), (x_val, t_val) = search_data(seed, data)
    return run_trial(index, x_train, t_train, x_val, t_val, seed=seed, **_search_settings(epochs))


def search(seed=0, trials=None, epochs=None, data=None, progress=False):
    """The whole random search: ``random_search`` with the book's settings; the list of Trials."""
    (x_train, t_train), (x_val, t_val) = search_data(seed, data)
    trials = SEARCH["trials"] if trials is None else trials
    return random_search(
        x_train, t_train, x_val, t_val, trials, seed=seed, progress=progress, **_search_settings(epochs)
    )


# ---- running them all and writing the file -------------------------------------------------------------


def _g(values):
    """Six significant digits (a float or a list of them)."""
    if isinstance(values, (list, tuple)):
        return [float(f"{v:.6g}") for v in values]
    return float(f"{values:.6g}")


def _acc(values):
    """Accuracies to 4 decimals (a float or a list of them)."""
    if isinstance(values, (list, tuple)):
        return [round(v, 4) for v in values]
    return round(values, 4)


def _curves(history, test=True) -> dict:
    out = {"train_acc": _acc(history.train_acc)}
    if test:
        out["test_acc"] = _acc(history.test_acc)
    out["step_loss"] = _g(history.step_loss)
    return out


def _final(history) -> tuple:
    return _acc(history.train_acc[-1]), _acc(history.test_acc[-1])


def _threads():
    value = os.environ.get("OPENBLAS_NUM_THREADS")
    return int(value) if value and value.isdigit() else value


def _log(*parts) -> None:
    print(*parts, flush=True)


def run_batchnorm(seeds, epochs=None, data=None) -> dict:
    out = {**BATCHNORM, "epochs": epochs or BATCHNORM["epochs"], "runs": [], "summary": {}}
    for seed in seeds:
        rows = []
        for w in BATCHNORM["weight_scales"]:
            runs = {
                b: batchnorm_run(w, b, seed, epochs, data, curves=seed == seeds[0]) for b in (True, False)
            }
            (bn, bn_test), (plain, plain_test) = _final(runs[True]), _final(runs[False])
            rows.append({"weight_scale": w, "bn_final": bn, "plain_final": plain, "bn_test_final": bn_test,
                         "plain_test_final": plain_test})  # fmt: skip
            if seed == seeds[0]:
                out["eval_steps"] = runs[True].eval_steps
                out["runs"].append(
                    {"weight_scale": w, "bn": _curves(runs[True]), "plain": _curves(runs[False])}
                )
            _log("batchnorm", seed, json.dumps(rows[-1]))
        out["summary"][str(seed)] = rows
    return out


def _weight_values(params) -> np.ndarray:
    return np.concatenate([v.ravel() for k, v in params.items() if k.startswith("W")])


def run_weight_decay(seeds, epochs=None, data=None) -> dict:
    out = {**WEIGHT_DECAY, "epochs": epochs or WEIGHT_DECAY["epochs"], "runs": [], "summary": {}}
    initial = _weight_values(MultiLayerNet(784, WEIGHT_DECAY["hidden_size_list"], 10, rng=seeds[0]).params)
    finals = []
    for seed in seeds:
        rows = []
        for lam in WEIGHT_DECAY["lambdas"]:
            net, history = weight_decay_run(lam, seed, epochs, data, curves=seed == seeds[0], return_net=True)
            train_acc, test_acc = _final(history)
            rows.append({"lambda": lam, "train_final": train_acc, "test_final": test_acc,
                         "gap": _acc(train_acc - test_acc)})  # fmt: skip
            if seed == seeds[0]:
                out["eval_steps"] = history.eval_steps
                finals.append(_weight_values(net.params))
                out["runs"].append({"lambda": lam, **_curves(history)})
            _log("weight_decay", seed, json.dumps(rows[-1]))
        out["summary"][str(seed)] = rows
    # One histogram per λ of all the weights W1..W7 at the end, over shared bins (symmetric about 0).
    top = np.ceil(max(np.abs(w).max() for w in [initial, *finals]) * 100) / 100
    edges = _g(np.linspace(-top, top, WEIGHT_DECAY["hist_bins"] + 1).tolist())
    for run, w in zip(out["runs"], finals):
        run["weight_hist"] = {"edges": edges, "counts": np.histogram(w, edges)[0].tolist()}
        run["weight_norm2"] = _g(float(np.sum(w**2)))
    out["initial_weights"] = {
        "counts": np.histogram(initial, edges)[0].tolist(),
        "weight_norm2": _g(float(np.sum(initial**2))),
    }
    return out


def run_dropout(seeds, epochs=None, data=None) -> dict:
    out = {**DROPOUT, "epochs": epochs or DROPOUT["epochs"], "runs": [], "summary": {}}
    for seed in seeds:
        rows = []
        for ratio in DROPOUT["ratios"]:
            history = dropout_run(ratio, seed, epochs, data, curves=seed == seeds[0])
            train_acc, test_acc = _final(history)
            rows.append({"ratio": ratio, "train_final": train_acc, "test_final": test_acc,
                         "gap": _acc(train_acc - test_acc)})  # fmt: skip
            if seed == seeds[0]:
                out["eval_steps"] = history.eval_steps
                out["runs"].append({"ratio": ratio, **_curves(history)})
            _log("dropout", seed, json.dumps(rows[-1]))
        out["summary"][str(seed)] = rows
    return out


def run_search(seed, trials=None, epochs=None, data=None) -> dict:
    found = search(seed, trials, epochs, data)
    out = {**SEARCH, "seed": seed, "trials": len(found), "epochs": epochs or SEARCH["epochs"]}
    out["eval_steps"] = found[0].history.eval_steps
    out["trial_runs"] = [
        {"index": t.index, "lr": _g(t.lr), "weight_decay": _g(t.weight_decay),
         "train_acc": _acc(t.history.train_acc), "val_acc": _acc(t.history.test_acc)}
        for t in found
    ]  # fmt: skip
    for t in sorted(found, key=lambda t: -t.val_acc)[:5]:
        _log("search best", t.index, f"lr {t.lr:.3g} wd {t.weight_decay:.3g} val acc {t.val_acc:.3f}")
    return out


WHAT = {
    "batchnorm": "figure 6-19: train (and test) accuracy after each epoch of MultiLayerNetExtend(784, [100] * 5, "
    "10) with and without batch normalisation, from weights of standard deviation weight_scale; per step the "
    "mini-batch loss in inference mode (running averages)",
    "weight_decay": "figures 6-20, 6-21: MultiLayerNet(784, [100] * 6, 10) on 300 training images, train and "
    "test accuracy after each epoch, for each weight decay lambda; the weights W1..W7 at the end as a "
    "histogram over shared bins and their sum of squares (initial_weights: the same before training)",
    "dropout": "figure 6-23: MultiLayerNetExtend(784, [100] * 6, 10) with dropout of each ratio (0: none) on "
    "300 training images, train and test accuracy after each epoch",
    "search": "figure 6-24: random search, trial i from default_rng([seed, i]): weight decay, then lr, then "
    "the weights of MultiLayerNet(784, [100] * 6, 10), trained on 400 images, accuracy on them and on the "
    "100 validation images after each epoch",
}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=SEEDS)
    parser.add_argument("--only", nargs="+", choices=PARTS, default=list(PARTS))
    parser.add_argument(
        "--quick", action="store_true", help="a few epochs and trials, one seed (development)"
    )
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    out = args.out or (Path("/tmp/regularization_quick.json") if args.quick else OUT)
    seeds = args.seeds[:1] if args.quick else args.seeds
    epochs = dict.fromkeys(PARTS, 3 if args.quick else None)
    data = mnist()
    result = (
        json.loads(out.read_text(encoding="utf-8")) if out.is_file() and set(args.only) != set(PARTS) else {}
    )
    seconds = result.get("settings", {}).get("seconds", {})
    runners = {
        "batchnorm": lambda: run_batchnorm(seeds, epochs["batchnorm"], data),
        "weight_decay": lambda: run_weight_decay(seeds, epochs["weight_decay"], data),
        "dropout": lambda: run_dropout(seeds, epochs["dropout"], data),
        "search": lambda: run_search(seeds[0], 5 if args.quick else None, epochs["search"], data),
    }
    for part in PARTS:
        if part in args.only:
            started = time.perf_counter()
            result[part] = {"what": WHAT[part], **runners[part]()}
            seconds[part] = round(time.perf_counter() - started)
    result["settings"] = {
        "created_by": "tools/regularization_experiments.py",
        "seed": seeds[0],
        "seeds": seeds,
        "quick": args.quick,
        "openblas_threads": _threads(),
        "nbhelpers": nbhelpers.__version__,
        "numpy": np.__version__,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "seconds": seconds,
    }
    result = {key: result[key] for key in ("settings", *PARTS) if key in result}
    text = json.dumps(result, indent=1)
    # One line per list of numbers, not one per number.
    text = re.sub(r"\[\s*([-0-9.e,\s]+?)\s*\]", lambda m: "[" + re.sub(r"\s+", " ", m.group(1)) + "]", text)
    out.write_text(text + "\n", encoding="utf-8")
    _log(f"wrote {out} ({len(text) // 1024} KB)")


if __name__ == "__main__":
    main()
