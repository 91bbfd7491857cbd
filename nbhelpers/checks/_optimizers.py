"""What the optimizer checks of notebook 09 share: making an optimizer of the learner's class, running its
``update`` several times on parameters of its own, and judging the change of each parameter in each update.

An optimizer's step depends on the gradients only (its state: Momentum's v, Adam's m, v and t), not on the
parameters; so a check compares the change of each parameter in each update (new value − old value) with
the reference's, and a usual slip is simulated as the steps it gives for the same gradients
(:func:`momentum_steps`, :func:`adam_steps`): a learner's steps that are a slip's at every update are named.
"""

from __future__ import annotations

import math

import numpy as np

from ._classes import _learner_line, made_by_name
from ._engine import NotDone, Problem, Raised, Warned, WrongValue, _call, _compare, _fmt
from ._layers import _attr, _empty

RTOL = 1e-4  #: steps may differ by where ε sits (Adam's ε/√v, about 1e-5 here): far below every slip


# ---- the steps of an update rule, simulated ---------------------------------------------------------------


def momentum_steps(grads_seq, lr, momentum, *, sign=-1.0, avg=False, after=False, keep=True) -> list:
    """Each update's change of each parameter for Momentum with these settings (v = momentum·v − lr·g,
    p += v), or a slip of it: ``sign`` +1 (uphill), ``avg`` (−(1 − momentum)·lr·g), ``after`` (p moved by the
    old v), ``keep`` False (v starts at 0 in every update)."""
    v, steps = {}, []
    for grads in grads_seq:
        step = {}
        for key, g in grads.items():
            old = v.get(key, np.zeros_like(g)) if keep else np.zeros_like(g)
            v[key] = momentum * old + sign * lr * (1 - momentum if avg else 1) * g
            step[key] = old if after else v[key]
        steps.append(step)
    return steps


def adam_steps(grads_seq, lr, beta1, beta2, *, correction=None, root=True, one_minus=True, sign=-1.0,
               per_key=False, after=False, v_of_m=False, eps=1e-7) -> list:  # fmt: skip
    """Each update's change of each parameter for Adam in the book's form, step = −lr·c(t)·m/(√v + ε) with
    c(t) = √(1 − β2^t)/(1 − β1^t), or a slip of it: ``correction(t)`` another c, ``root`` False (v for √v),
    ``one_minus`` False (m = β1·m + g, v = β2·v + g²), ``sign`` +1, ``per_key`` (t counted per parameter),
    ``after`` (the step taken with the m and v of before), ``v_of_m`` (v averages m² for g²)."""
    if correction is None:

        def correction(t):
            return math.sqrt(1 - beta2**t) / (1 - beta1**t)

    m, v, t, steps = {}, {}, 0, []
    for grads in grads_seq:
        step = {}
        t += 0 if per_key else 1
        for key, g in grads.items():
            t += 1 if per_key else 0
            m0, v0 = m.get(key, np.zeros_like(g)), v.get(key, np.zeros_like(g))
            m[key] = beta1 * m0 + (1 - beta1 if one_minus else 1) * g
            v[key] = beta2 * v0 + (1 - beta2 if one_minus else 1) * (m[key] ** 2 if v_of_m else g * g)
            mm, vv = (m0, v0) if after else (m[key], v[key])
            step[key] = sign * lr * correction(t) * mm / ((np.sqrt(vv) if root else vv) + eps)
        steps.append(step)
    return steps


def reference_steps(optimizer, params: dict, grads_seq) -> list:
    """Each update's change of each parameter for ``optimizer`` (of nbhelpers), in float64."""
    params = {key: value.astype(float) for key, value in params.items()}
    steps = []
    for grads in grads_seq:
        before = {key: value.copy() for key, value in params.items()}
        optimizer.update(params, {key: g.astype(float) for key, g in grads.items()})
        steps.append({key: params[key] - before[key] for key in params})
    return steps


# ---- the cases ---------------------------------------------------------------------------------------------


def data(sizes, updates: int, seed: int, dtype=np.float64):
    """Random parameters W1, b1, ... of a network with layers of ``sizes`` and ``updates`` sets of gradients
    for them, each entry 1.2 to 3 in size, of either sign (so where ε sits in Adam never matters)."""
    rng = np.random.default_rng(seed)
    shapes = {}
    for k, (a, b) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        shapes[f"W{k}"], shapes[f"b{k}"] = (a, b), (b,)
    params = {key: (0.5 * rng.standard_normal(shape)).astype(dtype) for key, shape in shapes.items()}
    grads = [
        {key: (rng.choice([-1.0, 1.0], shape) * rng.uniform(1.2, 3.0, shape)).astype(dtype) for key, shape in shapes.items()}
        for _ in range(updates)
    ]  # fmt: skip
    return params, grads


#: The runs of check_momentum and check_adam: (the settings ``__init__`` gets, by name; the same for the
#: reference, in order; the layer sizes; seed; dtype; what the learner reads). See :func:`runs`.
MOMENTUM_RUNS = [
    ({"lr": 0.05, "momentum": 0.7}, (0.05, 0.7), (3, 4, 2), 91, np.float64, "W1, b1, W2, b2"),
    ({}, (0.01, 0.9), (2, 5, 3, 2), 92, np.float64, "three layers"),
    ({"lr": 0.1, "momentum": 0.5}, (0.1, 0.5), (4, 3, 3), 93, np.float32, "float32 W1, b1, W2, b2"),
]
ADAM_RUNS = [
    ({"lr": 0.02, "beta1": 0.8, "beta2": 0.99}, (0.02, 0.8, 0.99), (3, 4, 2), 94, np.float64, "W1, b1, W2, b2"),
    ({}, (0.001, 0.9, 0.999), (2, 5, 3, 2), 95, np.float64, "three layers"),
    ({"lr": 0.01, "beta1": 0.85, "beta2": 0.995}, (0.01, 0.85, 0.995), (4, 3, 3), 96, np.float32,
     "float32 W1, b1, W2, b2"),
]  # fmt: skip


def runs(table):
    """(settings by name, the same in order, (params, the grads of each update), what) for each run of
    ``table``: 4 updates in the first run, 3 in the others. In the second, a neuron never fires (gradient 0
    for W2's column 0 and b2[0]; W1[0, 0] is 0 in the first update) and grads lists its keys in the reverse
    order (each parameter's gradient is grads[key])."""
    for k, (settings, hyper, sizes, seed, dtype, text) in enumerate(table):
        params, grads = data(sizes, 4 if k == 0 else 3, seed, dtype)
        if k == 1:
            for g in grads:
                g["W2"][:, 0], g["b2"][0] = 0, 0
            grads[0]["W1"][0, 0] = 0
            grads = [{key: g[key] for key in reversed(list(g))} for g in grads]
        yield settings, hyper, (params, grads), text


def optimizer_case(cls, settings: dict, case, what: str, state: str, slips, reference, later: bool) -> bool:
    """One run of the learner's optimizer on ``case`` = (params, list of grads) with ``reference`` (an optimizer
    of nbhelpers) for the expected steps and ``slips(grads)`` for the named ones; True if some parameter was
    rebound (with right values)."""
    params, grads = case
    name = getattr(cls, "__name__", "")
    name = name if isinstance(name, str) and name.isidentifier() else "your class"
    what = f"{name}({', '.join(f'{k}={v}' for k, v in settings.items())}), {what}"
    obj = make(cls, settings, what)
    try:
        steps, rebound = run(obj, {k: v.copy() for k, v in params.items()}, grads, what, state)
        expected = reference_steps(reference, params, grads)
        exact = [{k: g.astype(float) for k, g in given.items()} for given in grads]  # the slips in float64
        judge(steps, expected, slips(exact), what, atols(params), FIRST[state])
    except Problem as problem:
        shared = class_state(obj, state.split(" and ")) if later else ""
        if shared and isinstance(problem, Raised):
            problem.instead(shared)
        elif shared:
            problem.add(f"\n  ({shared}.)")
        raise problem from None
    return rebound


FIRST = {
    "v": "\n  (Update 1 was right, a later one is not: each parameter's v carries over from one update to the "
    "next, under its own key.)",
    "m and v": "\n  (Update 1 was right, a later one is not. Adam's first step is about −lr·sign(g) whatever β1 "
    "and β2 (at t = 1, m̂ = g and v̂ = g²): β1, β2 and the counter t show from update 2 on.)",
}


# ---- the learner's optimizer ------------------------------------------------------------------------------


def _optimizer(obj, cls, what: str):
    """``obj`` if it has an update method, else the problem with it."""
    if callable(_attr(obj, "update")):
        return obj
    if isinstance(cls, type):
        raise Problem(
            f"{what}: your class {cls.__name__} has no update method: define it inside the class (indented "
            f"under `class {cls.__name__}:`), with self as its first parameter",
            what,
        )
    raise Problem(
        f"{what} gave {_fmt(obj)} ({type(obj).__name__}), not an optimizer with an update method: pass your "
        "class itself",
        what,
    )


def make(cls, settings: dict, what: str):
    """An optimizer made by the learner's class with ``settings`` by name, with an update method; or the
    problem with it (a training loop passes them by name)."""
    why = (
        "as a training loop passes them (the book's Trainer makes its optimizer with **optimizer_param, e.g. "
        "lr=0.01)"
    )
    return made_by_name(cls, settings, what, _optimizer, why)


def _shared(params: dict, state: str) -> str:
    shapes = ", ".join(f"{k} {v.shape}" for k, v in params.items())
    return (
        f"is {state} one array shared by all parameters? Here they have different shapes ({shapes}): each "
        f"parameter needs its own {state}, kept under its key (a dict, like params)"
    )


def _raised_hint(problem: Problem, params: dict, grads: dict, state: str) -> Problem:
    """A learner's error in update, with what it usually means here and the learner's line."""
    if isinstance(problem, Raised):
        error, text = problem.error, str(problem.error)
        hint = None
        if isinstance(error, ValueError) and "broadcast" in text:
            hint = _shared(params, state)
        elif isinstance(error, KeyError):
            hint = (
                f"the state has no entry {text} yet: at a parameter's first update, start its {state} at zeros "
                "of its shape (np.zeros_like)"
            )
        elif isinstance(error, TypeError) and "NoneType" in text:
            hint = f"{state} is still None: at the first update, make it a dict with one zero array per key"
        elif isinstance(error, AttributeError) and "object has no attribute" in text:
            hint = f"update uses self.{text.rpartition(' ')[2].strip(chr(39))}: set it in __init__"
        elif isinstance(error, ZeroDivisionError):
            hint = "1 − β^t is 0 for t = 0: count the update first (t += 1), so the first update has t = 1"
        if hint is not None:
            problem.instead(hint)
        return problem.add(_learner_line(error))
    if isinstance(problem, Warned) and problem.event == "divide":
        return problem.add(
            "\n  (A division by 0: 1 − β^t is 0 for t = 0: count the update first (t += 1), so the first update "
            "has t = 1.)"
        )
    if isinstance(problem, Warned) and problem.event == "invalid" and "sqrt" in problem.text:
        return problem.add(
            "\n  (A square root of a negative number: v averages the squared gradients g², never g itself, so it "
            "is never negative.)"
        )
    if isinstance(problem, Warned) and problem.event == "invalid":
        zeros = ", ".join(f"{k}" for k, v in grads.items() if not np.all(v)) or "none"
        return problem.add(
            f"\n  (0/0: a parameter whose gradient has been 0 so far (here some entries of {zeros}: a neuron that "
            "never fired) has m = v = 0, so m̂/√v̂ is 0/0 = nan; ε (1e-7) in the denominator keeps it 0.)"
        )
    return problem


def class_state(obj, names) -> str:
    """What it means if the learner's state lives in the class body (shared by every object made from it),
    or ""."""
    for name in names:
        held = getattr(type(obj), "__dict__", {}).get(name)
        if isinstance(held, (dict, list, np.ndarray)):
            return (
                f"self.{name} is defined in the class body, not in __init__: every optimizer made from the class "
                "shares it, so a new optimizer starts with the state of the one before"
            )
    return ""


def run(obj, params: dict, grads_seq, what: str, state: str) -> tuple[list, bool]:
    """Run ``obj.update(params, grads)`` for each grads of ``grads_seq`` on the same ``params``, as a training
    loop does; return each update's change of each parameter (float64) and whether some parameter was
    rebound (a new array put into params) with the right shape. Raise the problem if an update fails, changes
    grads, the keys or a shape, or leaves params as they were in every update."""
    update, steps, rebound, returned = _attr(obj, "update"), [], False, None
    for i, grads in enumerate(grads_seq, start=1):
        step_what = f"{what}, update {i}"
        arrays, before = dict(params), {k: v.copy() for k, v in params.items()}
        given = {k: g.copy() for k, g in grads.items()}
        try:
            returned = _call(update, params, given, what=step_what, in_place=True)
        except NotDone as not_done:  # update itself still raises NotImplementedError: name it
            raise NotDone(str(not_done) or "update") from None
        except (Raised, Warned) as problem:
            raise _raised_hint(problem, before, grads, state) from None
        if (
            type(given) is not dict
            or given.keys() != grads.keys()
            or not all(isinstance(given[k], np.ndarray) and np.array_equal(given[k], grads[k]) for k in grads)
        ):
            raise Problem(
                f"{step_what}: your update changed grads: the gradients are only read (a `*=` or `-=` on "
                "grads[key] changes the caller's array); the update changes params",
                step_what,
            )
        if type(params) is not dict or params.keys() != before.keys():
            keys = _fmt(list(params)) if type(params) is dict else "?"
            raise Problem(
                f"{step_what}: afterwards params has the keys {keys}, not {_fmt(list(before))}: the update "
                "changes the arrays under the keys params has, and nothing else",
                step_what,
            )
        step = {}
        for key, old in before.items():
            new = params[key]
            if not isinstance(new, np.ndarray) or new.dtype.kind != "f" or new.shape != old.shape:
                shape = np.shape(new) if isinstance(new, np.ndarray) else type(new).__name__
                extra = f"; {_shared(before, state)}" if isinstance(new, np.ndarray) else ""
                raise Problem(
                    f"{step_what}: afterwards params[{key!r}] is {_fmt(new)} ({shape}), not a float array of "
                    f"shape {old.shape}{extra}",
                    step_what,
                )
            rebound = rebound or new is not arrays[key]
            step[key] = new.astype(float) - old.astype(float)
        steps.append(step)
    if all(not np.any(s[k]) for s in steps for k in s):
        if isinstance(returned, dict) and returned is not params:
            raise Problem(
                f"{what}: update returned a new dict and left params as they were: update params in place "
                "(`params[key] -= ...` or `+=`), since a network's layers hold those very arrays",
                what,
            )
        if _empty(update):
            raise NotDone("update")
        raise Problem(
            f"{what}: params came back unchanged after {len(steps)} updates: update params in place (`value = "
            "value - ...` only binds a name to a new array; or did it change another dict than the params it "
            "was given?)",
            what,
        )
    return steps, rebound


def _not_updated(steps: list, expected: list, what: str) -> None:
    """Some parameters never changed (while the others did): the problem."""
    stale = [k for k in expected[0] if not any(np.any(s[k]) for s in steps)]
    if stale:
        moved = [k for k in expected[0] if k not in stale]
        hint = (
            " (only the first key moved: is `return` inside the loop over the keys?)"
            if moved == list(expected[0])[:1]
            else " (the biases b are parameters too)"
            if all(str(k).startswith("b") for k in stale)
            else " (are the keys written out by name? Loop over the keys params has)"
        )
        raise Problem(
            f"{what}: params[{stale[0]!r}] never changed in {len(steps)} updates, while "
            f"params[{moved[0]!r}] did{hint}: every parameter gets its step",
            what,
        )


def judge(steps: list, expected: list, slips: dict, what: str, atol: dict, first_hint: str = "") -> None:
    """Compare the learner's ``steps`` (one dict per update) with ``expected``; name the first of ``slips``
    (what the slip means → its steps) that the learner's steps are at every update; else show the first
    wrong value. ``atol`` per key: the rounding of new − old value in the parameter's dtype."""

    def close(a, b, key, rtol=RTOL):
        return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol[key]))

    wrong = [(i, k) for i, s in enumerate(steps) for k in s if not close(s[k], expected[i][k], k)]
    if not wrong:
        return
    _not_updated(steps, expected, what)
    i, key = wrong[0]
    where = f"{what}: the change of params[{key!r}] in update {i + 1} (its new value − its old value)"
    for slip, result in slips.items():
        result = result[: len(steps)]
        off = [(j, k) for j, s in enumerate(result) for k in s if not close(s[k], expected[j][k], k)]
        if off and all(close(steps[j][k], result[j][k], k, 1e-3) for j, s in enumerate(result) for k in s):
            j, k = off[0]
            got, want, row = steps[j][k], expected[j][k], ""
            if got.ndim == 2:  # a matrix: its first row tells
                got, want, row = got[0], want[0], " in its first row"
            raise WrongValue(
                f"{what}: the change of params[{k!r}] in update {j + 1}",
                f"gives {_fmt(got)}{row}, expected {_fmt(want)}: {slip}",
            )
    if not any(np.any(step) for step in steps[i].values()):
        raise Problem(
            f"{what}: update {i + 1} left params unchanged (every key): each update moves every parameter, the "
            "first one too (its state starts at 0, and the step is taken at once)",
            what,
        )
    try:
        _compare(steps[i][key], expected[i][key], where, rtol=RTOL, atol=atol[key])
    except WrongValue as problem:
        if i > 0 and first_hint:
            problem.add(first_hint)
        raise
    raise WrongValue(where, f"expected {_fmt(expected[i][key])}, got {_fmt(steps[i][key])}")


def atols(params: dict) -> dict:
    """For each parameter: what rounding can do to new − old value, a few units of its dtype's precision."""
    return {
        k: 16 * float(np.finfo(v.dtype).eps) * max(1.0, float(np.max(np.abs(v)))) + 1e-300
        for k, v in params.items()
    }
