"""Notebook 09's exercises: the Momentum and Adam optimizers, and He's initial weights.

An optimizer check takes the learner's class: it makes an optimizer with the settings the exercise names,
by name (as a training loop does), runs ``update(params, grads)`` several times on random parameters of
several shapes, and compares the change of each parameter in each update with ``nbhelpers.optimizers``
(``checks/_optimizers.py``). The initialisation check is statistical: any correct way of drawing passes.
"""

from __future__ import annotations

import math

import numpy as np

from ..optimizers import Adam, Momentum
from ._engine import Problem, Raised, WrongShape, _call, _fmt, check
from ._optimizers import ADAM_RUNS, MOMENTUM_RUNS, adam_steps, momentum_steps, optimizer_case, runs

__all__ = ["check_momentum", "check_adam", "check_he_init"]


#: What an optimizer that rebinds params[key] (new arrays, even with the right values) is told: as notebook 07's
#: check_sgd_update, since the exercise asks for updates in place.
REBINDS = (
    "your update puts new arrays into params (`params[key] = ...`), even if their values are right. A "
    "network's layers (and anything else holding params[key]) keep the old arrays, which then never learn: "
    "change the arrays themselves, in place (`params[key] += ...` or `-=`)"
)


# ---- Momentum ----------------------------------------------------------------------------------------------


def _momentum_slips(lr: float, momentum: float):
    def slips(grads):
        def steps(*args, **flags):
            return momentum_steps(grads, *args, **flags)

        found = {
            "the step goes uphill: params move with the gradient; the velocity subtracts it, v = momentum·v − "
            "lr·grad, then params += v": steps(lr, momentum, sign=1.0),
            "that is plain SGD, −lr·grad in every update: the velocity v is not kept from one update to the next "
            "(keep each key's v in self.v, a dict, and start from it in the next update)": steps(
                lr, momentum, keep=False
            ),
            "params moved by the velocity of the update before (nothing in update 1): update v first, then "
            "params += v": steps(lr, momentum, after=True),
            "lr is applied twice (lr² times the gradient): v = momentum·v − lr·grad holds lr already, and params "
            "+= v adds it as it is": steps(lr * lr, momentum),
            "lr is missing: v = momentum·v − grad; the gradient is scaled by the learning rate, lr·grad": steps(
                1.0, momentum
            ),
            f"lr and momentum are swapped: v keeps momentum·v (momentum = {momentum}) and subtracts lr·grad "
            f"(lr = {lr})": steps(momentum, lr),
            "v = momentum·v − (1 − momentum)·lr·grad is an average (like Adam's m); Momentum's v adds the whole "
            "−lr·grad": steps(lr, momentum, avg=True),
        }
        for hard_lr, hard_m, which in ((0.01, 0.9, "lr = 0.01 and momentum = 0.9"), (0.01, momentum, "lr = 0.01"),
                                       (lr, 0.9, "momentum = 0.9")):  # fmt: skip
            found[
                f"that uses {which}, not the settings given to __init__ (here lr = {lr}, momentum = {momentum}): "
                "keep them in self.lr and self.momentum and use those"
            ] = steps(hard_lr, hard_m)
        return found

    return slips


@check("Momentum")
def check_momentum(cls) -> str:
    """Check a class ``Momentum(lr=0.01, momentum=0.9)`` whose ``update(params, grads)`` does, for every key,
    v = momentum·v − lr·grads[key], then params[key] += v, with each key's v starting at 0 and kept from one
    update to the next; params changed in place, grads unchanged.

    The optimizer is made with its settings by name, as a training loop does; runs of several updates on W1,
    b1, W2, b2 (and W3, b3) with lr = 0.05, momentum = 0.7, with the defaults, and in float32; each update's
    change of each parameter must be Momentum's within 1e-4 (relative). Updated values in new arrays
    (``params[key] = params[key] + v``) fail:
    the exercise asks for updates in place.

    Book §6.1.4; notebook 09.

    >>> class Uphill:
    ...     def __init__(self, lr=0.01, momentum=0.9):
    ...         self.lr, self.momentum, self.v = lr, momentum, None
    ...     def update(self, params, grads):
    ...         if self.v is None:
    ...             self.v = {key: np.zeros_like(p) for key, p in params.items()}
    ...         for key in params:
    ...             self.v[key] = self.momentum * self.v[key] + self.lr * grads[key]
    ...             params[key] += self.v[key]
    >>> check_momentum(Uphill)  # doctest: +ELLIPSIS
    ✗ Momentum: Uphill(lr=0.05, momentum=0.7), W1, b1, W2, b2: the change of params['W1'] in update 1: gives ...: the step goes uphill: ...
    False
    """
    rebound = False
    for k, (settings, (lr, momentum), case, text) in enumerate(runs(MOMENTUM_RUNS)):
        rebound |= optimizer_case(
            cls,
            settings,
            case,
            text,
            "v",
            _momentum_slips(lr, momentum),
            Momentum(lr=lr, momentum=momentum),
            k > 0,
        )
    if rebound:
        raise Problem(REBINDS, "Momentum")
    return (
        "4 updates with lr = 0.05, momentum = 0.7, 3 with the defaults on three layers (a neuron that never "
        "fires, grads in another key order), 3 in float32: each update's change v = momentum·v − lr·grad per key, "
        "params changed in place, grads unchanged"
    )


# ---- Adam --------------------------------------------------------------------------------------------------


def _adam_slips(lr: float, b1: float, b2: float, keys: int):
    def slips(grads):
        def steps(*args, **flags):
            return adam_steps(grads, *args, **flags)

        def c(t, p=b1, q=b2):
            return math.sqrt(1 - q**t) / (1 - p**t)

        sqrt_missing = "the square root is missing: v̂ averages g², so divide m̂ by √v̂ + ε, not by v̂ + ε"
        found = {
            "no bias correction: m and v start at 0, so their first values are too small (v far more than m) and "
            "the first steps too large; divide m by 1 − β1^t and v by 1 − β2^t (or use lr_t = lr·√(1 − β2^t)/"
            "(1 − β1^t))": steps(
                lr, b1, b2, correction=lambda t: 1.0
            ),
            "only m is bias-corrected: v̂ = v/(1 − β2^t) is missing": steps(
                lr, b1, b2, correction=lambda t: 1 / (1 - b1**t)
            ),
            "only v is bias-corrected: m̂ = m/(1 − β1^t) is missing": steps(
                lr, b1, b2, correction=lambda t: math.sqrt(1 - b2**t)
            ),
            "(1 − β)^t where 1 − β^t belongs: the power t goes on β alone, then 1 minus it": steps(
                lr, b1, b2, correction=lambda t: math.sqrt((1 - b2) ** t) / (1 - b1) ** t
            ),
            f"t is counted once per parameter, not once per call of update: with {keys} parameters t went up by "
            f"{keys} in each update. After t calls of update, each m and v has averaged t gradients, and that t "
            "is what the bias correction divides for: t += 1 once per update, before the loop over the keys": steps(
                lr, b1, b2, per_key=True
            ),
            "t stays 1: count it up (t += 1) in every update, before the bias correction": steps(
                lr, b1, b2, correction=lambda t: c(1)
            ),
            "t is one ahead: the first update has t = 1 (start t at 0 and count it up before using it)": steps(
                lr, b1, b2, correction=lambda t: c(t + 1)
            ),
            f"β1 and β2 are swapped: m (the average of g) keeps β1 = {b1} of itself, v (the average of g²) "
            f"β2 = {b2}": steps(lr, b2, b1),
            f"β1 and β2 are swapped in the averages: m keeps β1 = {b1} of itself, v β2 = {b2}": steps(
                lr, b2, b1, correction=c
            ),
            "β1 and β2 are swapped in the bias correction: m̂ = m/(1 − β1^t), v̂ = v/(1 − β2^t)": steps(
                lr, b1, b2, correction=lambda t: c(t, b2, b1)
            ),
            sqrt_missing: steps(lr, b1, b2, correction=lambda t: (1 - b2**t) / (1 - b1**t), root=False),
            sqrt_missing + " (too)": steps(lr, b1, b2, root=False),
            "lr_t lost its square root: lr_t = lr·√(1 − β2^t)/(1 − β1^t)": steps(
                lr, b1, b2, correction=lambda t: (1 - b2**t) / (1 - b1**t)
            ),
            "the square root covers all of lr_t's fraction: only 1 − β2^t goes under it, lr_t = "
            "lr·√(1 − β2^t)/(1 − β1^t)": steps(lr, b1, b2, correction=lambda t: math.sqrt((1 - b2**t) / (1 - b1**t))),
            "v averages m², the square of the average; v averages the squared gradients g²": steps(
                lr, b1, b2, v_of_m=True
            ),
            "the averages lost their weights 1 − β: m = β1·m + (1 − β1)·g, v = β2·v + (1 − β2)·g²": steps(
                lr, b1, b2, one_minus=False
            ),
            "the step goes uphill: params −= lr·m̂/(√v̂ + ε)": steps(lr, b1, b2, sign=1.0),
            "params moved with the m and v of the update before (nothing in update 1): update m and v first, then "
            "params": steps(lr, b1, b2, after=True),
        }  # fmt: skip
        if lr != 0.001:
            found[f"that uses lr = 0.001, not the lr given to __init__ ({lr}): keep it in self.lr"] = steps(
                0.001, b1, b2
            )
        if (b1, b2) != (0.9, 0.999):
            found[
                f"that uses β1 = 0.9, β2 = 0.999, not the values given to __init__ ({b1}, {b2}): keep them in "
                "self.beta1 and self.beta2"
            ] = steps(lr, 0.9, 0.999)
        return found

    return slips


@check("Adam")
def check_adam(cls) -> str:
    """Check a class ``Adam(lr=0.001, beta1=0.9, beta2=0.999)`` whose ``update(params, grads)`` counts the
    update, t += 1, then for every key: m = β1·m + (1 − β1)·g, v = β2·v + (1 − β2)·g², and params[key] −=
    lr·m̂/(√v̂ + ε) with m̂ = m/(1 − β1^t), v̂ = v/(1 − β2^t) (m, v start at 0 per key; t counts calls of
    update, once for all parameters); params changed in place, grads unchanged.

    The book's form lr_t = lr·√(1 − β2^t)/(1 − β1^t), params −= lr_t·m/(√v + ε) passes too, and so does any ε
    up to 1e-7 (1e-8 too), also inside the square root: the gradients here are 0 or 1.2 to 3 in size, so where
    ε sits changes a step by less than 4e-5 of itself, and the steps must agree within 1e-4 (every slip named
    below changes some step by 20 % or more). Without ε, a neuron that never fired (gradient 0 so far) gets
    0/0. Runs of several updates with lr = 0.02, β1 = 0.8, β2 = 0.99, with the defaults on three layers (one
    neuron never fires), and in float32; the settings by name. Updated values in new arrays fail (in place).

    Book §6.1.6; notebook 09.

    >>> class NoCorrection:
    ...     def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
    ...         self.lr, self.beta1, self.beta2, self.m, self.v = lr, beta1, beta2, {}, {}
    ...     def update(self, params, grads):
    ...         for key in params:
    ...             self.m[key] = self.beta1 * self.m.get(key, 0) + (1 - self.beta1) * grads[key]
    ...             self.v[key] = self.beta2 * self.v.get(key, 0) + (1 - self.beta2) * grads[key] ** 2
    ...             params[key] -= self.lr * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)
    >>> check_adam(NoCorrection)  # doctest: +ELLIPSIS
    ✗ Adam: NoCorrection(lr=0.02, beta1=0.8, beta2=0.99), W1, b1, W2, b2: the change of params['W1'] in update 1: gives ...: no bias correction: ...
    False
    """
    rebound = False
    for k, (settings, (lr, b1, b2), (params, grads), text) in enumerate(runs(ADAM_RUNS)):
        rebound |= optimizer_case(
            cls, settings, (params, grads), text, "m and v", _adam_slips(lr, b1, b2, len(params)),
            Adam(lr=lr, beta1=b1, beta2=b2), k > 0,
        )  # fmt: skip
    if rebound:
        raise Problem(REBINDS, "Adam")
    return (
        "4 updates with lr = 0.02, β1 = 0.8, β2 = 0.99, 3 with the defaults on three layers (a neuron that never "
        "fires, grads in another key order), 3 in float32: "
        "each update's change −lr·m̂/(√v̂ + ε) per key, with t counted once per update, params changed in "
        "place, grads unchanged"
    )


# ---- He's initial weights ----------------------------------------------------------------------------------

_NO_RNG = (
    "the weights have the right spread, but your function does not draw them from the rng "
    "it is given ({how}): draw with rng (rng.standard_normal(...)), so that a seed gives the same weights"
)


def _he_structure(out, sizes, what: str) -> None:
    """The keys, shapes and biases of what the learner's function returned, or the problem with them."""
    layers = len(sizes) - 1
    if isinstance(out, (list, tuple)):
        raise Problem(
            f"{what}: your function returned a {type(out).__name__} of {len(out)} things; return a dict of the "
            "parameters by name, {'W1': ..., 'b1': ..., ...}",
            what,
        )
    if not isinstance(out, dict):
        raise Problem(f"{what}: your function returned {_fmt(out)} ({type(out).__name__}), not a dict", what)
    keys = [f"{w}{k}" for k in range(1, layers + 1) for w in "Wb"]
    if set(out) != set(keys):
        got = sorted(map(str, out))
        hint = f": {sorted(set(keys) - set(out))} missing" if set(out) < set(keys) else ""
        if set(out) == set(keys[:-2]):
            hint = (
                f": the last layer, W{layers} and b{layers}, is missing; sizes of {len(sizes)} numbers make "
                f"{layers} layers, one per pair of neighbouring sizes"
            )
        elif set(out) == {f"{w}{k}" for k in range(layers) for w in "Wb"}:
            hint = ": the layers are numbered from 1 (W1 and b1 for the first), like the book"
        elif set(out) == {key.lower() for key in keys}:
            hint = ": the weights are 'W1', 'W2', ... with a capital W, like the book"
        raise Problem(f"{what}: your dict has the keys {got}, expected {keys}{hint}", what)
    for k, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        for key, shape in ((f"W{k}", (n_in, n_out)), (f"b{k}", (n_out,))):
            value = out[key]
            if not isinstance(value, np.ndarray) or value.dtype.kind not in "biuf":
                raise Problem(
                    f"{what}: {key} is {_fmt(value)} ({type(value).__name__}), not an array of numbers", what
                )
            if value.shape != shape:
                problem = WrongShape(f"{what}: {key}", value.shape, shape)
                if key[0] == "W":
                    problem.add(
                        f": W{k} has one row per input and one column per neuron, (sizes[{k - 1}], sizes[{k}]) "
                        "= (n_in, n_out), so that x @ W works"
                    )
                elif value.size == n_out:
                    problem.add(f": one bias per neuron, a vector of {n_out} zeros")
                raise problem
            if value.dtype.kind != "f":
                raise Problem(
                    f"{what}: {key} holds {value.dtype} numbers: parameters are float arrays (training changes "
                    "them by fractions, in place)",
                    what,
                )
            if not np.all(np.isfinite(value)):
                raise Problem(f"{what}: {key} holds {_fmt(value)}: not all finite numbers", what)
        if np.any(out[f"b{k}"]):
            raise Problem(
                f"{what}: b{k} is {_fmt(out[f'b{k}'])}: the biases start at 0 (only the weights are drawn)",
                what,
            )


def _he_spread(W, n_in: int, n_out: int, key: str, what: str) -> None:
    """The spread of one layer's weights against He's √(2/n_in), or the problem with it."""
    if np.ptp(W) == 0:
        raise Problem(
            f"{what}: all of {key} is {_fmt(W.flat[0])}: with one value every neuron of the layer computes the same "
            "thing and gets the same update, forever (book §6.2.1): the weights must be drawn at random",
            what,
        )
    if W.size < 100:
        return
    sigma, s, mean = math.sqrt(2 / n_in), float(W.std()), float(W.mean())
    tol = max(0.1, 5 / math.sqrt(2 * W.size))
    if abs(mean) > 5 * s / math.sqrt(W.size) + 0.02 * sigma:
        raise Problem(
            f"{what}: the weights of {key} have the mean {mean:.3g}, far from 0 (standard deviation {s:.3g}): draw "
            "them from a distribution centred on 0 (rng.uniform(0, 1) or rng.random draw positive numbers only)",
            what,
        )
    if abs(s / sigma - 1) <= tol:
        return
    scales = {
        "Xavier's 1/√n (n the number of inputs, for sigmoid and tanh); He's scale for ReLU is √(2/n), √2 times "
        "larger": 1 / math.sqrt(n_in),
        f"√(2/n) with n = the layer's number of outputs ({n_out}); He's n is the number of inputs, n_in = "
        f"{n_in}": math.sqrt(2 / n_out),
        "2/n, the variance: the standard deviation is its square root, √(2/n)": 2 / n_in,
        "√2/n: the square root covers the whole fraction 2/n": math.sqrt(2) / n_in,
        "2/√n: the 2 goes under the square root too, √(2/n)": 2 / math.sqrt(n_in),
        "Glorot's √(2/(n_in + n_out)); He's scale is √(2/n_in)": math.sqrt(2 / (n_in + n_out)),
        "the standard normal's spread, 1: the draws are not scaled by √(2/n)": 1.0,
        "the book's 0.01 (weight_init_std=0.01); He's scale depends on the layer, √(2/n)": 0.01,
        "the draws divided by √(2/n); multiply them by it": math.sqrt(n_in / 2),
        "uniform draws between −√(2/n) and √(2/n): their standard deviation is √(2/n)/√3 (uniform draws with "
        "the right spread go from −√(6/n) to √(6/n))": sigma / math.sqrt(3),
    }
    said = f"{what}: the weights of {key} ({n_in} × {n_out}) have the standard deviation {s:.4g}, expected √(2/{n_in}) = {sigma:.4g}"  # fmt: skip
    for slip, scale in scales.items():
        if abs(scale / sigma - 1) > tol and abs(s / scale - 1) <= tol:
            raise Problem(f"{said}: that is {slip}", what)
    raise Problem(f"{said} (within {tol:.0%})", what)


def _he_case(func, sizes, seed: int) -> dict:
    name = getattr(func, "__name__", "")
    what = f"{name if isinstance(name, str) and name.isidentifier() else 'he_init'}({list(sizes)}, rng)"
    try:
        out = _call(func, list(sizes), np.random.default_rng(seed), what=what)
    except Raised as problem:
        text = str(problem.error)
        if "as a data type" in text:
            problem.instead(
                "rng.standard_normal takes the shape as one tuple: standard_normal((n_in, n_out))"
            )
        elif "has no attribute 'randn'" in text:
            problem.instead("a Generator draws with rng.standard_normal(shape); randn belongs to np.random")
        raise problem from None
    _he_structure(out, sizes, what)
    for k, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        _he_spread(out[f"W{k}"], n_in, n_out, f"W{k}", what)
    return out


@check("He initialisation")
def check_he_init(func) -> str:
    """Check ``func(sizes, rng)``: a dict {"W1", "b1", ..., "WL", "bL"} for a network with layers of ``sizes``
    (L = len(sizes) − 1), Wk of shape (sizes[k−1], sizes[k]) drawn with mean 0 and standard deviation
    √(2/n_in) (n_in = sizes[k−1], He's scale), bk zeros of shape (sizes[k],).

    Statistical: any way of drawing passes (rng.standard_normal times the scale, rng.normal, uniform draws of
    the right spread), if each layer's mean is near 0 and its standard deviation within 10 % of √(2/n_in) (the
    sizes make n_in and n_out differ, so √(2/n_out) fails). Draws that ignore the rng (np.random's global
    state, a generator of its own) fail: a seed must give the same weights.

    Book §6.2.3; notebook 09.

    >>> def xavier(sizes, rng):
    ...     params = {}
    ...     for k in range(1, len(sizes)):
    ...         params[f"W{k}"] = rng.standard_normal((sizes[k - 1], sizes[k])) / np.sqrt(sizes[k - 1])
    ...         params[f"b{k}"] = np.zeros(sizes[k])
    ...     return params
    >>> check_he_init(xavier)  # doctest: +ELLIPSIS
    ✗ He initialisation: xavier([500, 200, 80, 30], rng): the weights of W1 (500 × 200) have the standard deviation 0.04..., expected √(2/500) = 0.06325: that is Xavier's 1/√n ...
    False
    """
    first = _he_case(func, (500, 200, 80, 30), 97)
    _he_case(func, (40, 100, 8), 98)
    _he_case(func, (3, 2), 99)
    again = _he_case(func, (500, 200, 80, 30), 97)
    other = _he_case(func, (500, 200, 80, 30), 100)
    how = ""
    if not np.array_equal(first["W1"], again["W1"]):
        how = "the same seed gave other weights: np.random's global state, or a generator of its own?"
    elif np.array_equal(first["W1"], other["W1"]):
        how = "another seed gave the same weights: a generator with a fixed seed of its own?"
    if how:
        raise Problem(_NO_RNG.format(how=how), "He initialisation")
    return (
        "sizes (500, 200, 80, 30), (40, 100, 8) and (3, 2): keys W1, b1, ..., weights (n_in, n_out) with mean 0 "
        "and standard deviation within 10 % of √(2/n_in), biases 0"
    )
