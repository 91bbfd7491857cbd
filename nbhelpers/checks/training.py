"""Notebook 07's exercises on training a network: one SGD update in place, the epoch loop's accuracy
bookkeeping, and settings that train a network on a toy data set.

The update check hands the learner's function parameter dicts of its own and looks at them afterwards: the
same array objects must hold the new values (a layer holds references to them). The settings check takes a
dict, not a function, and trains a network with it.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from ._engine import (
    Problem,
    Raised,
    WrongValue,
    _call,
    _compare,
    _fmt,
    _tolerance,
    check,
)
from ._settings import TARGET, TEST_POINTS, _run, _settings, _why_not

__all__ = ["check_sgd_update", "check_epoch_accuracy", "check_learns_circles"]


# ---- one SGD update, in place ------------------------------------------------------------------------


def _layers(sizes, dtype, seed: int):
    """Parameters of a network with layers of ``sizes`` (W1, b1, W2, b2, ...) and gradients for them,
    random (biases too, so that every key's update shows): the learner's code cannot know them."""
    rng = np.random.default_rng(seed)
    params, grads = {}, {}
    for k, (a, b) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        for key, shape in ((f"W{k}", (a, b)), (f"b{k}", (b,))):
            params[key] = (0.5 * rng.standard_normal(shape)).astype(dtype)
            grads[key] = rng.standard_normal(shape).astype(dtype)
    return params, grads


def _keys(keys, of: str = "params") -> str:
    """params['b1'], params['b2'] and params['b3']: the entries ``keys`` of the dict ``of``."""
    keys = [f"{of}[{k!r}]" for k in keys]
    return keys[0] if len(keys) == 1 else ", ".join(keys[:-1]) + " and " + keys[-1]


def _not_updated_hint(stale: list, updated: list, params: dict) -> str:
    if stale and all(str(k).startswith("b") for k in stale) and updated:
        return " (the biases b are parameters too: every key of params gets its step)"
    if updated and updated == list(params)[:1]:
        return " (only the first key was updated: is `return` inside the loop over the keys?)"
    if {"W3", "b3"} & set(stale) and not {"W1", "b1", "W2", "b2"} & set(stale):
        return (
            " (this params holds a third layer, W3 and b3: are the keys written out by name? Loop over the keys "
            "params has)"
        )
    return ": every key of params gets its step"


def _sgd_case(func, params: dict, grads: dict, lr: float, what: str) -> None:
    arrays = dict(params)  # the array objects themselves, as a layer holds them
    before = {k: v.copy() for k, v in params.items()}
    grads_before = {k: v.copy() for k, v in grads.items()}
    shuffled = list(grads) != list(params)
    try:
        out = _call(func, params, grads, lr, what=what, in_place=True)
    except Raised as problem:
        if shuffled and isinstance(problem.error, ValueError):
            problem.instead(
                "here grads lists its keys in another order than params: each parameter's gradient is the one "
                "under the same name, grads[key], not the one at the same position"
            )
        raise problem from None
    if (
        type(grads) is not dict
        or grads.keys() != grads_before.keys()
        or not all(
            isinstance(grads[k], np.ndarray) and np.array_equal(grads[k], grads_before[k])
            for k in grads_before
        )
    ):
        raise Problem(
            f"{what}: your function changed grads: the gradients are only read; the step changes params", what
        )
    if type(params) is not dict or params.keys() != before.keys():
        lost = [k for k in before if k not in params] if type(params) is dict else list(before)
        raise Problem(
            f"{what}: afterwards params has the keys {_fmt(list(params)) if type(params) is dict else '?'}, not "
            f"{_fmt(list(before))}"
            + (f": {_keys(lost)} went missing" if lost else "")
            + "; the update changes the arrays under the keys params has, and nothing else",
            what,
        )
    changed = [k for k in before if not np.array_equal(arrays[k], before[k], equal_nan=True)]
    rebound = [k for k in before if params[k] is not arrays[k]]
    if isinstance(out, dict) and out is not params and not changed and not rebound:
        raise Problem(
            f"{what}: your function returned a new dict and left params as it was: the network keeps computing "
            "with the arrays in params (its layers hold them), so the update must change those arrays, in "
            "place",
            what,
        )
    if rebound:
        k = rebound[0]
        new = params[k]
        right = (
            isinstance(new, np.ndarray)
            and new.shape == before[k].shape
            and np.allclose(new, before[k] - lr * grads_before[k], rtol=1e-5, atol=1e-7)
        )
        left = "" if k in changed else ", and the array it held before is unchanged"
        raise Problem(
            f"{what}: afterwards params[{k!r}] is another array than before{' (with the right values)' if right else ''}"
            f"{left}. An assignment `params[key] = ...` puts a new array into the dict, while the network's layers "
            "(and anything else holding params[key]) keep the old one, which never learns: change the array "
            "itself, in place (`-=`)",
            what,
        )
    if not changed:
        raise Problem(
            f"{what}: params came back unchanged: no array of it was updated. (`value = value - ...` only binds "
            "a name to a new array; or did it update another dict, a global such as net.params, instead of the "
            "params it was given?)",
            what,
        )
    stale = [k for k in before if k not in changed]
    if stale:
        updated = [k for k in before if k in changed]
        raise Problem(
            f"{what}: {_keys(stale)} {'was' if len(stale) == 1 else 'were'} not updated (only {_keys(updated)} "
            f"{'was' if len(updated) == 1 else 'were'})" + _not_updated_hint(stale, updated, before),
            what,
        )
    slips = {
        "that walks uphill, params + lr·grads: the gradient points where the loss grows, and the step goes "
        "against it (minus)": lambda p, g: p + lr * g,
        "that is params − grads, without the learning rate: the step is lr times the gradient": lambda p, g: (
            p - g
        ),
        "that divides the gradient by lr; the step multiplies it by lr": lambda p, g: p - g / lr,
        "that is the step −lr·grads alone: it replaced each parameter instead of subtracting the step from it "
        "(`=` where `-=` belongs?)": lambda p, g: -lr * g,
        "that is the step lr·grads alone: each parameter was replaced by it": lambda p, g: lr * g,
        "that is two steps: each parameter moved twice (is the update inside two loops, or done twice?)": lambda p, g: (
            p - 2 * lr * g
        ),
    }
    if lr != 0.1:
        slips["that uses lr = 0.1, not the lr it was given: use the parameter lr"] = lambda p, g: p - 0.1 * g
    dtype = before[next(iter(before))].dtype
    for k in before:
        p, g = before[k], grads_before[k]
        key_what = f"{what}: params[{k!r}] afterwards"
        result = {slip: f(p, g) for slip, f in slips.items()}
        _compare(arrays[k], p - lr * g, key_what, slips=result, rtol=_tolerance(dtype, 10))


@check("one SGD update")
def check_sgd_update(func) -> str:
    """Check ``func(params, grads, lr)``: ``params[key] -= lr * grads[key]`` for every key of params, changing
    the arrays of ``params`` in place (the same array objects hold the new values); ``grads`` unchanged; it
    returns nothing (what it returns is not looked at).

    Book §4.5.2 (and §6.1.2, class SGD); notebook 07.

    >>> def rebinds(params, grads, lr):
    ...     for key in params:
    ...         params[key] = params[key] - lr * grads[key]
    >>> check_sgd_update(rebinds)  # doctest: +ELLIPSIS
    ✗ one SGD update: a two-layer network's params (2 → 3 → 2, float64) with lr = 0.1: afterwards params['W1'] is another array than before (with the right values), and the array it held before is unchanged. An assignment `params[key] = ...` puts a new array into the dict, ...
    False
    """
    params, grads = _layers((2, 3, 2), np.float64, seed=71)
    _sgd_case(func, params, grads, 0.1, "a two-layer network's params (2 → 3 → 2, float64) with lr = 0.1")
    params, grads = _layers((4, 5, 3), np.float32, seed=72)
    _sgd_case(func, params, grads, 0.037, "a two-layer network's params (4 → 5 → 3, float32) with lr = 0.037")
    params, grads = _layers((3, 4, 4, 2), np.float64, seed=73)
    _sgd_case(
        func,
        params,
        grads,
        0.5,
        "a three-layer network's params (W1, b1, W2, b2, W3, b3, float64) with lr = 0.5",
    )
    params, grads = _layers((3, 4, 4, 2), np.float64, seed=74)
    grads = {k: grads[k] for k in reversed(list(grads))}
    _sgd_case(
        func,
        params,
        grads,
        0.2,
        "a three-layer network's params with lr = 0.2, its grads listing the keys in the reverse order (b3, W3, "
        "..., W1)",
    )
    return (
        "random params of two- and three-layer networks, float64 and float32, with lr = 0.1, 0.037, 0.5 and 0.2, "
        "grads also in another key order: every array of params updated in place to params − lr·grads, "
        "float32 kept, grads unchanged"
    )


# ---- the epoch loop's accuracy bookkeeping -----------------------------------------------------------


def _book_float(train_size: int, batch_size: int, steps: int) -> list:
    """The evaluation steps of the book's loop as printed: iter_per_epoch = max(train_size / batch_size, 1)."""
    iter_per_epoch = max(train_size / batch_size, 1)
    return [i for i in range(steps) if i % iter_per_epoch == 0]


def _every(k: int, steps: int, start: int = 0, stop: int | None = None) -> list:
    return list(range(start, steps if stop is None else stop, max(k, 1)))


def _step_list(out, what: str) -> list:
    """The learner's result as a list of whole numbers, or the problem with it."""
    if isinstance(out, (bool, np.bool_, numbers.Number, np.generic)):
        raise Problem(
            f"{what}: your function returned one number, {_fmt(out)}; the exercise asks for the list of the step "
            "numbers at which the loop records the accuracies",
            what,
        )
    if isinstance(out, np.ndarray):
        if out.ndim != 1:
            raise Problem(
                f"{what}: your function returned an array of shape {out.shape}; return a list of step numbers",
                what,
            )
        items = out.tolist()
    elif isinstance(out, (list, tuple, range)):
        items = list(out)
    else:
        kind = type(out).__name__
        extra = " (a generator: make a list of it, list(...))" if hasattr(out, "__next__") else ""
        raise Problem(f"{what}: your function returned a {kind}{extra}; return a list of step numbers", what)
    if items and all(isinstance(v, (bool, np.bool_)) for v in items):
        raise Problem(
            f"{what}: your function returned {len(items)} True/False values (one per step?); return the step numbers "
            "themselves, the i at which the loop evaluates",
            what,
        )
    steps = []
    for v in items:
        if isinstance(v, (bool, np.bool_)) or not isinstance(v, (numbers.Real, np.integer, np.floating)):
            raise Problem(
                f"{what}: your list holds {_fmt(v)} ({type(v).__name__}); it should hold step numbers", what
            )
        if not math.isfinite(float(v)) or float(v) != int(v):
            raise Problem(
                f"{what}: your list holds {_fmt(v)}, which is no whole step number (steps are counted 0, 1, 2, ...): "
                "is the number of steps per epoch a float, train_size / batch_size?",
                what,
            )
        steps.append(int(v))
    return steps


def _swapped(func) -> bool:
    """True if ``func`` counts epochs of batch_size // train_size steps: for 30 examples in batches of 60,
    every 2 steps."""
    try:
        return list(_call(func, 30, 60, 7, what="a probe")) == [0, 2, 4, 6]
    except Exception:  # a problem of the probe: the case itself is what the learner hears about
        return False


def _evaluation_case(func, train_size: int, batch_size: int, steps: int, what: str) -> None:
    what = f"train_size = {train_size}, batch_size = {batch_size}, steps = {steps}{what}"
    per_epoch = max(train_size // batch_size, 1)
    try:
        out = _call(func, train_size, batch_size, steps, what=what)
    except Raised as problem:
        if batch_size > train_size and isinstance(problem.error, (ZeroDivisionError, ValueError)):
            problem.instead(
                f"here the batch is larger than the training set: {train_size} // {batch_size} is 0 whole batches "
                "per epoch, and nothing can be divided by 0 or counted in steps of 0: the book takes at least one "
                "step per epoch, max(..., 1)"
            )
        raise problem from None
    got = _step_list(out, what)
    expected = _every(per_epoch, steps)
    if got == expected:
        return
    exact = train_size / batch_size
    slips = [
        (
            _book_float(train_size, batch_size, steps),
            f"that is what the book's iter_per_epoch = max(train_size / batch_size, 1) gives here: {exact:.4g} "
            f"steps per epoch, and i % {exact:.4g} == 0 holds at i = 0 only (a float remainder is almost never 0): "
            f"count whole batches, train_size // batch_size = {per_epoch}",
        ),
        (
            _every(math.ceil(exact), steps),
            f"that takes {math.ceil(exact)} steps per epoch, {exact:.4g} rounded up; an epoch is the whole batches "
            f"that fit, train_size // batch_size = {per_epoch}",
        ),
        (
            _every(round(exact), steps),
            f"that takes {round(exact)} steps per epoch, {exact:.4g} rounded; an epoch is the whole batches that "
            f"fit, train_size // batch_size = {per_epoch}",
        ),
        (
            _every(per_epoch, steps, start=per_epoch),
            "the first evaluation, at i = 0, is missing: the book's loop tests i % iter_per_epoch == 0 for i = 0, "
            "1, ..., steps − 1, and 0 % iter_per_epoch is 0 (counting the steps from 1 and evaluating at the end "
            "of each full epoch, as nbhelpers.train does, is another bookkeeping)",
        ),
        (
            _every(per_epoch, steps + 1),
            f"that includes step {steps}: the loop's steps are i = 0, 1, ..., steps − 1",
        ),
        (
            [i for i in range(steps) if i % per_epoch == per_epoch - 1],
            "every step is one too early: that is the last step of each epoch, i % iter_per_epoch == "
            "iter_per_epoch − 1 (where nbhelpers.train evaluates); the book's loop evaluates when "
            "i % iter_per_epoch == 0, at i = 0 too",
        ),
        (
            list(range(len(expected))),
            "those are epoch numbers 0, 1, 2, ...; the exercise asks for the step numbers i at which the loop "
            "evaluates",
        ),
        (
            list(range(steps)),
            f"that is every step; the loop evaluates once per epoch, every {per_epoch} steps",
        ),
        (
            _every(max(batch_size // train_size, 1), steps),
            "that divides batch_size by train_size: an epoch is train_size // batch_size steps",
        ),
        ([], "that is no step at all; the loop evaluates at i = 0 and then once per epoch"),
    ]
    if got == list(range(steps)) and per_epoch > 1 and _swapped(func):
        raise WrongValue(
            what,
            f"gives {_fmt(got)}, every step: it divides batch_size by train_size (for 30 examples in batches of 60 it "
            "evaluates every 2 steps); an epoch is train_size // batch_size steps",
        )
    for result, slip in slips:
        if got == result and result != expected:
            raise WrongValue(what, f"gives {_fmt(got)}: {slip}")
    missing = [s for s in expected if s not in got]
    extra = [s for s in got if s not in expected]
    detail = (
        (f"; missing {_fmt(missing)}" if missing else "")
        + (f"; not evaluation steps: {_fmt(extra)}" if extra else "")
        + ("; the same steps in another order, or some twice" if not missing and not extra else "")
    )
    raise WrongValue(
        what,
        f"expected {len(expected)} evaluation steps, {_fmt(expected)}, got {len(got)}: {_fmt(got)}{detail}",
    )


@check("accuracy bookkeeping")
def check_epoch_accuracy(func) -> str:
    """Check ``func(train_size, batch_size, steps)``: the list of the steps i (0, 1, ..., steps − 1) at which
    the book's training loop records the accuracies, those with i % iter_per_epoch == 0, where
    iter_per_epoch = max(train_size // batch_size, 1) whole mini-batches make an epoch.

    Book §4.5.3; notebook 07.

    >>> check_epoch_accuracy(lambda train_size, batch_size, steps: list(range(0, steps, train_size // batch_size)))
    ✗ accuracy bookkeeping: train_size = 50, batch_size = 100, steps = 5 (a batch larger than the training set): your function raised ValueError: range() arg 3 must not be zero
      (here the batch is larger than the training set: 50 // 100 is 0 whole batches per epoch, and nothing can be divided by 0 or counted in steps of 0: the book takes at least one step per epoch, max(..., 1).)
    False
    """
    _evaluation_case(func, 60000, 100, 10000, " (the book's MNIST run)")
    _evaluation_case(func, 200, 30, 40, " (200 / 30 = 6.67)")
    _evaluation_case(func, 250, 60, 24, "")
    _evaluation_case(func, 50, 100, 5, " (a batch larger than the training set)")
    _evaluation_case(func, 1000, 50, 0, " (no step at all)")
    return (
        "the book's MNIST run (60000 examples, batches of 100, 10000 steps), 200 and 250 examples in batches that "
        "do not divide them, a batch larger than the training set, and 0 steps: each list of evaluation steps "
        "exactly right"
    )


# ---- settings that train a network (their reading and the runs: checks/_settings.py) ----------------------


@check(f"circles at {TARGET:.0%}", takes="settings dict")
def check_learns_circles(settings) -> str:
    """Check a dict ``{"hidden_size": H, "lr": lr, "batch_size": B, "steps": S}`` by training with it: a
    ``TwoLayerNet(2, H, 2, weight_init_std=1.0, rng=0)`` trained by ``nbhelpers.train`` (numerical gradients,
    seed 0) on 200 points of ``circles(noise=0.1, seed=1)`` must classify at least 95 % of 1000 new points
    (``circles(n=1000, noise=0.1, seed=2)``) right. Settings that would take longer than about 10 s
    (2 × parameters × steps above 120,000 loss evaluations) are refused before training.

    Book §4.5.2–4.5.3; notebook 07.

    >>> check_learns_circles({"hidden_size": 2, "lr": 3.0, "batch_size": 30, "steps": 500})  # doctest: +ELLIPSIS
    ✗ circles at 95%: 500 steps with 2 hidden units, lr = 3, batch_size = 30: test accuracy 0.8... on 1000 new points (train accuracy 0.8...); the goal is at least 0.95
      With 2 hidden units the network cannot draw a boundary that closes around the inner disc ...
    False
    """
    hidden, lr, batch_size, steps = _settings(settings, "your settings")
    what = f"{steps} steps with {hidden} hidden unit{'s' if hidden > 1 else ''}, lr = {lr:g}, batch_size = {batch_size}"
    run = _run(hidden, lr, batch_size, steps)
    if run["test"] >= TARGET:
        return (
            f"{what}: test accuracy {run['test']:.3f} on {TEST_POINTS} new points, at least {TARGET}; train accuracy "
            f"{run['train']:.3f}"
        )
    raise Problem(
        f"{what}: test accuracy {run['test']:.3f} on {TEST_POINTS} new points (train accuracy {run['train']:.3f}); "
        f"the goal is at least {TARGET}" + _why_not(run, hidden, lr, steps),
        what,
    )
