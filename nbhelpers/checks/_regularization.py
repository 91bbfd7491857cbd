"""What the batch normalisation and weight-decay checks of notebook 10 use: batch normalisation's formula
(and its slips), the batches it is checked on and a run of the learner's function on one; calling a function
that must leave its dicts alone, and reading the dict it returns (the dropout check's helpers are in
``_dropout.py``).

The references are the formulas themselves, written out here in float64 (independent of
``nbhelpers.layers``): batch normalisation gamma·(x − mean)/√(var + ε) + beta over the batch (axis 0), with the
biased variance; dropout's x·mask in training (x·mask/(1 − ratio) for inverted dropout), x·(1 − ratio) at
inference (x for inverted dropout), dout·mask backward; weight decay's grads[key] + λ·params[key] for the
weights.
"""

from __future__ import annotations

import numpy as np

from ._classes import _learner_line
from ._engine import Problem, Raised, ReturnedNone, Warned, _call, _fmt, _numbers

# ---- batch normalisation ------------------------------------------------------------------------------------

EPS = 1e-6  #: the book's ε (10e-7)
#: The tolerance of check_batchnorm_forward, relative and absolute (the outputs are a few units in size): ε
#: anywhere from 1e-8 to 1e-5 changes an output by 2e-4 at most here (the smallest variance is 0.025), a
#: float32 result by about 1e-4 (values near 1000 with a spread of 0.3); every slip named changes some output
#: by 2 % or more.
BN_TOL = 1e-3


def batchnorm(
    x,
    gamma,
    beta,
    *,
    eps=EPS,
    ddof=0,
    axis=0,
    root=True,
    std_inside=False,
    centre=True,
    count=None,
    squares_of_x=False,
    times=False,
):
    """gamma·(x − mean)/√(var + ε) + beta with the mean and variance over ``axis`` (None: all values), in
    float64; or a slip of it: ``ddof`` 1 (the sample variance), ``root`` False (var + ε for its square root),
    ``std_inside`` (√(std + ε)), ``centre`` False (x for x − mean), ``count`` (the sums divided by another
    number than the batch size), ``squares_of_x`` (the mean of x² for the variance), ``times`` (x − mean
    multiplied by the scale, not divided)."""
    x = np.asarray(x, dtype=float)
    keep = axis is not None
    n = (x.shape[axis] if keep else x.size) if count is None else count
    xc = x - x.sum(axis=axis, keepdims=keep) / n
    var = ((x if squares_of_x else xc) ** 2).sum(axis=axis, keepdims=keep) / (n - ddof)
    if std_inside:
        var = np.sqrt(var)
    scale = np.sqrt(var + eps) if root else var + eps
    xn = (xc if centre else x) * scale if times else (xc if centre else x) / scale
    return np.asarray(gamma, dtype=float) * xn + np.asarray(beta, dtype=float)


def _columns(rng, n: int, offsets, spreads) -> np.ndarray:
    """n rows whose column j has the mean offsets[j] and the (biased) standard deviation spreads[j] exactly."""
    z = rng.standard_normal((n, len(offsets)))
    z = (z - z.mean(axis=0)) / z.std(axis=0)
    return np.asarray(offsets, dtype=float) + np.asarray(spreads, dtype=float) * z


def bn_cases():
    """(x, gamma, beta, the constant columns, what the learner reads) for each batch of the check."""
    yield (
        np.array([[1.0, 10.0, 0.5], [3.0, 14.0, 0.2], [2.0, 6.0, 0.1], [6.0, 10.0, 0.4]]),
        np.array([1.5, 2.0, 0.5]),
        np.array([0.2, -1.0, 0.5]),
        [],
        "a batch of 4 examples with 3 features",
    )
    yield (
        np.array([[0.5, -1.0, 4.0], [2.0, 2.0, 1.0]]),
        np.array([1.0, 0.5, 2.0]),
        np.array([0.0, 1.0, -1.0]),
        [],
        "a batch of 2 examples",
    )
    rng = np.random.default_rng(100)
    x = _columns(rng, 10, [0.0, 5.0, 3.0, -2.0, 0.5, 10.0], [1.5, 0.4, 0.0, 3.0, 0.8, 2.0])
    yield x, rng.uniform(0.5, 2.0, 6), rng.uniform(-1.0, 1.0, 6), [2], "10 × 6, column 2 all equal (3.0)"
    x = _columns(rng, 5, rng.uniform(-3.0, 3.0, 8), rng.uniform(0.3, 3.0, 8))
    yield x, rng.uniform(0.5, 2.0, 8), rng.uniform(-1.0, 1.0, 8), [], "5 examples with 8 features (N < D)"
    x = _columns(rng, 8, [1000.0, -500.0, 1000.0, 20.0, 0.0], [0.5, 0.3, 0.0, 2.5, 4.0])
    gamma, beta = rng.uniform(0.5, 2.0, 5), rng.uniform(-1.0, 1.0, 5)
    text = "8 × 5, values near 1000 and −500 with spreads 0.5 and 0.3, column 2 all equal (1000.0)"
    yield x, gamma, beta, [2], text
    yield x.astype(np.float32), gamma.astype(np.float32), beta.astype(np.float32), [2], f"float32 {text}"


def constant_only(arr: np.ndarray, columns: list) -> bool:
    """True if ``arr`` (N, D) holds NaN, all of it in the ``columns`` of equal values."""
    nan = np.isnan(arr)
    others = np.ones(arr.shape[1], dtype=bool)
    others[columns] = False
    return bool(columns) and bool(nan.any()) and not nan[:, others].any()


def eps_missing(what: str, x: np.ndarray, column: int) -> Problem:
    return Problem(
        f"{what}: column {column} of x holds one value only ({_fmt(x[0, column])} in every row), so its variance is "
        "0 and (x − mean)/√var is 0/0 = nan (not a number). That is what ε (eps) is for: √(var + ε) is never 0. "
        "Add a tiny ε under the square root (the book's is 1e-6); a column of equal values then comes out as beta",
        what,
    )


def bn_shape_hint(shape: tuple, x: np.ndarray) -> str:
    """What a wrong shape of batch normalisation's output usually means."""
    n, d = x.shape
    hints = {
        (
            d,
        ): f"one number per feature (column): a mean or a variance? The output has one value per value of x, "
        f"shape {x.shape}",
        (1, d): "one row: a mean or a variance? The output has one value per value of x",
        (
            n,
        ): "one number per example (row): summed or averaged over axis 1? The output has one value per value "
        "of x",
        (n, 1): "one number per example (row): the output has one value per value of x",
        (): "one number for the whole batch: the output has one value per value of x",
    }
    return hints.get(shape, "")


NEGATIVE_VARIANCE = (
    "\n  (A square root of a negative number: the variance, a mean of squares, is never below 0. Computed as "
    "mean(x²) − mean(x)², it can come out below 0 when the values are large and close together (here near 1000 "
    "with a spread of 0.5): the two large numbers cancel and their last digits are all that is left. Subtract "
    "the mean first, then average the squares (x − mean)².)"
)
ONE_PASS = (
    "\n  (The same batch in float64 passed. In float32 (about 7 digits) values near 1000 with a spread of 0.5 "
    "keep only 3 or 4 digits of their spread: does your variance subtract two large numbers, mean(x²) − "
    "mean(x)²? Subtract the mean first, then average the squares (x − mean)².)"
)


def bn_run(func, x, gamma, beta, constant, what: str):
    """The learner's output for one batch (copies of the arguments), or the problem with it. The function is
    called with x, gamma and beta (its own ε counts), or with ε = 1e-6 too if it has no default for it."""
    given = [x.copy(), gamma.copy(), beta.copy()]
    try:
        try:
            out = _call(func, *given, what=what, in_place=True)
        except Raised as problem:
            text = str(problem.error)
            if not (
                isinstance(problem.error, TypeError) and "missing 1 required positional argument" in text
            ):
                raise
            given = [x.copy(), gamma.copy(), beta.copy()]
            out = _call(func, *given, EPS, what=what, in_place=True)
    except Warned as problem:
        if problem.event in ("divide", "invalid") and "sqrt" not in problem.text and constant:
            raise eps_missing(what, x, constant[0]) from None
        raise (problem.add(NEGATIVE_VARIANCE) if "sqrt" in problem.text else problem) from None
    except Raised as problem:
        if isinstance(problem.error, ValueError) and "broadcast" in str(problem.error):
            n, d = x.shape
            problem.instead(
                f"x has shape {x.shape}, gamma and beta ({d},). A mean over axis 1 has one number per example "
                f"(row), shape ({n},), which does not line up with the {d} columns: each feature (column) is "
                f"normalised over the batch, axis=0, one mean per column, shape ({d},)"
            )
        raise problem.add(_learner_line(problem.error)) from None
    if out is None:
        raise ReturnedNone(what)
    for name, before, after in zip(("x", "gamma", "beta"), (x, gamma, beta), given):
        if after.shape != before.shape or not np.array_equal(after, before):
            why = (
                "the batch x (`x -= mean` or `x /= ...` inside a function changes the caller's array, which the "
                "network still needs). Work on new arrays: x − mean makes one"
                if name == "x"
                else f"{name}, a parameter of the layer: forward only reads it (the optimizer changes it)"
            )
            raise Problem(f"{what}: your function changed {why}", what)
    return out


# ---- weight decay: a function that must leave its dicts alone ------------------------------------------------


def dict_call(func, grads: dict, params: dict, lam, what: str):
    """``func(grads, params, lam)`` on copies, with what it returned; the problem if it changed grads or
    params (their arrays, or the dicts), or returned None."""
    given = {k: v.copy() for k, v in grads.items()}, {k: v.copy() for k, v in params.items()}
    held = dict(given[0]), dict(given[1])  # the arrays handed over, to see whether they were changed
    out = _call(func, *given, lam, what=what, in_place=True)
    for name, mine, own, before in zip(("grads", "params"), given, held, (grads, params)):
        changed = [k for k in before if not np.array_equal(own[k], before[k])]
        if changed:
            needed = ": the gradient of the loss is still needed as it is" if name == "grads" else ""
            raise Problem(
                f"{what}: your function changed the arrays of {name} it was given ({name}[{changed[0]!r}] among "
                f"them): `+=` on {name}[key] writes into the caller's array (a copy of the dict, dict({name}) or "
                f"{name}.copy(), still holds the same arrays). Leave {name} as it is and put new arrays into a new "
                f"dict{needed}",
                what,
            )
        if (
            type(mine) is not dict
            or mine.keys() != before.keys()
            or any(mine[k] is not own[k] for k in before)
        ):
            raise Problem(
                f"{what}: your function changed the {name} dict it was given (`{name}[key] = ...` puts a new "
                f"array into the caller's dict): leave {name} as it is and return a new dict",
                what,
            )
    if out is None:
        raise ReturnedNone(what)
    return out


def dict_result(out, grads: dict, what: str) -> dict:
    """What the learner's function returned, as a dict of arrays with the keys and shapes of ``grads``; or the
    problem with it."""
    keys = list(grads)
    if isinstance(out, (list, tuple)):
        raise Problem(
            f"{what}: your function returned a {type(out).__name__} of {len(out)} thing{'' if len(out) == 1 else 's'}; "
            "return a dict with the "
            f"keys of grads, {keys}",
            what,
        )
    if not isinstance(out, dict):
        raise Problem(f"{what}: your function returned {_fmt(out)} ({type(out).__name__}), not a dict", what)
    if set(out) != set(keys):
        got = [k for k in out]
        weights = [k for k in keys if str(k).startswith("W")]
        hint = ""
        if set(out) == set(weights):
            hint = (
                f": only the weights' gradients. The others ({', '.join(k for k in keys if k not in weights)}) "
                "belong in it too, as they are: the optimizer updates every parameter from this dict"
            )
        elif set(out) < set(keys):
            hint = f": {[k for k in keys if k not in out]} missing (every key of grads)"
        raise Problem(f"{what}: your dict has the keys {_fmt(got)}, expected {keys}{hint}", what)
    result = {}
    for key in keys:
        arr = _numbers(out[key])
        if arr is None or arr.shape != grads[key].shape:
            kind = (
                f"shape {arr.shape}"
                if arr is not None and arr.shape
                else "one number"
                if arr is not None
                else ""
            )
            hint = ": a sum? Each weight gets its own term, λ times itself" if kind == "one number" else ""
            raise Problem(
                f"{what}: your dict's {key!r} is {_fmt(out[key])} ({kind or type(out[key]).__name__}), not an array of "
                f"grads[{key!r}]'s shape {grads[key].shape}{hint}",
                what,
            )
        result[key] = arr
    return result


#: λs a learner may type in for the one the function is given (the book's, the check's, the usual ones).
TYPED_LAMBDAS = (0.1, 0.01, 0.001, 0.0001, 0.05, 0.005, 0.0005, 0.5, 0.2)


def lambda_slips(lam: float) -> dict:
    """What a weights' term c·W with another factor c than λ usually means → c: λ squared, λ left out, a λ
    typed in (a λ² that is one of these too is named as either)."""
    square, close = lam**2, lambda a, b: bool(np.isclose(a, b, rtol=1e-9, atol=0))
    typed = [c for c in TYPED_LAMBDAS if not (close(c, lam) or close(c, square))]
    squared = (
        f"that adds λ²·W, {square:g}·W for λ = {lam:g}: λ is squared there, but the derivative of ½·λ·W² is λ·W, "
        "λ to the first power"
    )
    if any(close(c, square) for c in TYPED_LAMBDAS):
        squared += f" (or is {square:g} typed in for λ? Use the λ the function is given, its third argument)"
    slips = {
        squared: square,
        f"that adds W itself: λ is missing. The term is λ·W, the weights times the λ the function is given "
        f"(λ = {lam:g} here)": 1.0,
    }
    for c in typed:
        slips[
            f"that adds {c:g}·W, where λ = {lam:g} asks for {lam:g}·W: is {c:g} typed in for λ? Use the λ the "
            "function is given (its third argument), so that the λ a network is made with counts"
        ] = c
    return slips
