"""What the settings check of notebook 07 needs: the settings read and checked, one training run per
settings (the same settings train alike: runs are kept), and what a run that fell short shows about why."""

from __future__ import annotations

import math
import numbers

import numpy as np

from ..datasets import circles
from ..nets import TwoLayerNet
from ..training import train
from ._engine import NotDone, Problem

#: What the settings check trains on: 200 points of the circles (noise 0.1), and 1000 new points to test on.
TRAIN_POINTS, TEST_POINTS, NOISE = 200, 1000, 0.1
TARGET = 0.95  #: the test accuracy the settings must reach
WEIGHT_INIT_STD = 1.0  #: the network's initial weights: 1.0 · standard normal (the biases 0)
#: At most this many loss evaluations (2 per parameter per step, for the numerical gradient): about 10 s on a
#: quiet 2-core machine (70 to 100 µs each, measured for batches of 10 to 100, with the loop's own work).
MOST_EVALUATIONS = 120_000
SECONDS_PER_EVALUATION = 80e-6
SETTINGS = ("hidden_size", "lr", "batch_size", "steps")
_ALIASES = {  # a key a learner may write -> the one meant
    "learning_rate": "lr",
    "learningrate": "lr",
    "eta": "lr",
    "hidden": "hidden_size",
    "hidden_units": "hidden_size",
    "hidden_layer_size": "hidden_size",
    "batch": "batch_size",
    "batchsize": "batch_size",
    "iters_num": "steps",
    "iterations": "steps",
    "iters": "steps",
    "n_steps": "steps",
    "num_steps": "steps",
    "epochs": "steps",
}
_RUNS: dict = {}  # (hidden_size, lr, batch_size, steps) -> what the run gave: the same settings train alike


def _whole_setting(settings: dict, key: str, what: str) -> int:
    value = settings[key]
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Integral, np.integer)):
        extra = ""
        if isinstance(value, (float, np.floating)) and math.isfinite(value) and value == int(value):
            extra = f": write it as a whole number, {int(value)}"
        elif isinstance(value, str):
            extra = ": a number is written without quotes"
        raise Problem(
            f"{what}: {key} is {value!r} ({type(value).__name__}); it must be a whole number{extra}", what
        )
    if value < 1:
        raise Problem(f"{what}: {key} is {value}; it must be at least 1", what)
    return int(value)


def _settings(settings, what: str) -> tuple:
    """The four settings, checked, as (hidden_size, lr, batch_size, steps), or the problem with them."""
    if type(settings) is not dict:
        raise Problem(
            f"{what}: pass a dict of settings, {{'hidden_size': ..., 'lr': ..., 'batch_size': ..., 'steps': ...}}, "
            f"not a {type(settings).__name__}",
            what,
        )
    if any(v is Ellipsis for v in settings.values()):
        raise NotDone(
            "Replace each `...` in your settings by a number of your choice, then run the cell again."
        )
    empty = [k for k, v in settings.items() if v is None]
    if empty:
        raise Problem(f"{what}: {empty[0]} is None; give it a number", what)
    unknown = [k for k in settings if k not in SETTINGS]
    if unknown:
        k = unknown[0]
        meant = _ALIASES.get(str(k).lower().replace(" ", "_").replace("-", "_"))
        extra = f" (is it {meant!r}?)" if meant else ""
        raise Problem(
            f"{what}: the key {k!r} is not one of the settings{extra}; the dict holds exactly "
            f"{', '.join(map(repr, SETTINGS))}",
            what,
        )
    missing = [k for k in SETTINGS if k not in settings]
    if missing:
        raise Problem(
            f"{what}: the dict has no {', '.join(map(repr, missing))}; it must hold {', '.join(map(repr, SETTINGS))}",
            what,
        )
    hidden = _whole_setting(settings, "hidden_size", what)
    batch_size = _whole_setting(settings, "batch_size", what)
    steps = _whole_setting(settings, "steps", what)
    lr = settings["lr"]
    if isinstance(lr, (bool, np.bool_)) or not isinstance(lr, (numbers.Real, np.integer, np.floating)):
        extra = ": a number is written without quotes" if isinstance(lr, str) else ""
        raise Problem(f"{what}: lr is {lr!r} ({type(lr).__name__}); it must be a number{extra}", what)
    try:
        lr = float(lr)
    except OverflowError:  # an int beyond float's range, 10**400
        lr = math.inf
    if not math.isfinite(lr) or lr <= 0:
        raise Problem(f"{what}: lr is {lr}; the learning rate must be a number > 0", what)
    if batch_size > TRAIN_POINTS:
        raise Problem(
            f"{what}: batch_size is {batch_size}, more than the {TRAIN_POINTS} training points: a mini-batch is a "
            f"part of the training set, at most {TRAIN_POINTS}",
            what,
        )
    params = 5 * hidden + 2  # 2·H + H + H·2 + 2
    evaluations = 2 * params * steps
    if evaluations > MOST_EVALUATIONS:
        seconds = evaluations * SECONDS_PER_EVALUATION
        raise Problem(
            f"{what}: {steps} steps of a network with {params} parameters take {evaluations:,} loss evaluations "
            f"(the numerical gradient computes the loss twice per parameter, every step): about {seconds:.0f} s. "
            f"This check trains at most {MOST_EVALUATIONS:,} (about {MOST_EVALUATIONS * SECONDS_PER_EVALUATION:.0f} s): take fewer steps or fewer hidden "
            f"units (steps × parameters at most {MOST_EVALUATIONS // 2:,})",
            what,
        )
    return hidden, lr, batch_size, steps


def _run(hidden: int, lr: float, batch_size: int, steps: int) -> dict:
    key = (hidden, lr, batch_size, steps)
    if key not in _RUNS:
        x_train, t_train = circles(n=TRAIN_POINTS, noise=NOISE, seed=1)
        x_test, t_test = circles(n=TEST_POINTS, noise=NOISE, seed=2)
        net = TwoLayerNet(2, hidden, 2, weight_init_std=WEIGHT_INIT_STD, rng=0)
        start = net.loss(x_train, t_train)
        history = train(
            net, x_train, t_train, lr=lr, batch_size=batch_size, steps=steps, seed=0, progress=False
        )
        with np.errstate(all="ignore"):
            _RUNS[key] = {
                "loss": list(history.step_loss),
                "start": start,
                "train": net.accuracy(x_train, t_train),
                "test": net.accuracy(x_test, t_test),
                "steps_done": history.steps_done,
                "accs": list(history.train_acc),
            }
    return _RUNS[key]


def _why_not(run: dict, hidden: int, lr: float, steps: int) -> str:
    """What the run shows about why it fell short: measured facts, then what they usually mean."""
    loss = np.array(run["loss"], dtype=float)
    if not np.all(np.isfinite(loss)):
        k = int(np.argmax(~np.isfinite(loss)))
        return f"\n  The loss blew up to {loss[k]} at step {k + 1}: lr = {lr:g} is far too large."
    if hidden <= 2:
        return (
            f"\n  With {hidden} hidden unit{'s' if hidden > 1 else ''} the network cannot draw a boundary that closes "
            "around the inner disc (each hidden unit contributes one straight line; it takes at least 3, like a "
            "triangle): use more hidden units."
        )
    if steps < 100:
        return f"\n  {steps} steps are too few for a network to learn this; take more (hundreds)."
    k = min(50, len(loss) // 10)
    start, last = float(run["start"]), float(np.mean(loss[-k:]))
    middle = float(np.mean(loss[len(loss) // 2 - k // 2 :][:k]))
    told = (
        f"\n  The loss was {start:.3f} before training (on the whole training set); the mini-batch loss ended at "
        f"{last:.3f} (the mean of the last {k} steps; {middle:.3f} halfway)"
    )
    if last > start:
        return told + (
            f": higher at the end than before training. Steps that are too large (lr = {lr:g}) jump across the "
            "valley of the loss instead of going down into it: try a smaller lr."
        )
    if abs(last - math.log(2)) < 0.05 and abs(middle - math.log(2)) < 0.05:
        return told + (
            ": it sits at log 2 = 0.693, the loss of a network that answers 50:50 for every point: it has not found "
            f"the circles yet. Try lr ten times larger and ten times smaller than {lr:g}, or more steps."
        )
    if last < 0.9 * middle:
        return told + ": it was still falling at the end: more steps would take it further."
    return told + (
        ": it levelled off above where good settings get (under 0.15): try another lr, batch size or hidden size."
    )
