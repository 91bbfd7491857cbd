"""Notebook 10's exercises: batch normalisation's forward pass, a dropout layer, and weight decay's term in
the gradient.

The batch normalisation check compares the learner's function with the formula on batches of several
sizes (a column of equal values among them, and values far from 0 but close together, in float32 too); the
dropout check takes the learner's class, makes layers with several ratios and seeds, and reads each mask
from what forward returns; the weight-decay check gives dicts of gradients and parameters, and the dicts
must come back unchanged (``checks/_regularization.py``).
"""

from __future__ import annotations

import numpy as np

from ._classes import learner_name
from ._dropout import (
    DROPOUT_RUNS,
    FORWARD_RETURNS,
    an_array,
    dropout_data,
    judge_backward,
    judge_inference,
    make_layer,
    method,
    share,
    train_mask,
)
from ._engine import Problem, WrongValue, _compare, _fmt, _numbers, _tolerance, check
from ._layers import _digits
from ._regularization import (
    BN_TOL,
    ONE_PASS,
    batchnorm,
    bn_cases,
    bn_run,
    bn_shape_hint,
    constant_only,
    dict_call,
    dict_result,
    eps_missing,
    lambda_slips,
)

__all__ = ["check_batchnorm_forward", "check_dropout", "check_weight_decay_gradient"]


# ---- batch normalisation, forward (training mode) -------------------------------------------------------------


def _bn_slips(x, gamma, beta) -> dict:
    n, d = x.shape

    def bn(**changes):
        g, b = changes.pop("gamma", gamma), changes.pop("beta", beta)
        return batchnorm(x, g, b, **changes)

    slips = {
        "that divides by N − 1 to average the squared deviations (ddof=1, the 'sample' variance); batch "
        "normalisation takes their plain mean over the batch, dividing by N (ddof=0, the default of np.var and "
        "np.std)": bn(ddof=1),
        "that normalises each example (row) by its own mean and variance (axis=1); batch normalisation "
        "normalises each feature (column) over the batch: one mean and one variance per column, axis=0": bn(
            axis=1
        ),
        "that uses one mean and one variance for the whole batch (all N·D values together, no axis); each feature "
        "(column) gets its own, over the batch: axis=0": bn(axis=None),
        "that divides by var + ε: the square root is missing. Divide by √(var + ε), the standard deviation": bn(
            root=False
        ),
        "that divides by √(std + ε), the square root of the standard deviation; the variance goes under the square "
        "root: √(var + ε)": bn(std_inside=True),
        "that multiplies x − mean by the standard deviation √(var + ε); normalising divides by it, so that each "
        "column comes out with a spread of 1: x̂ = (x − mean)/√(var + ε)": bn(times=True),
        "that takes the mean of x² for the variance: the variance is the mean of the squared deviations from the "
        "mean, (x − mean)², so subtract the mean before squaring (np.var(x, axis=0) does both)": bn(
            squares_of_x=True
        ),
        "gamma and beta are swapped: gamma scales x̂ (multiplies it), beta shifts it (is added): gamma·x̂ + beta": bn(
            gamma=beta, beta=gamma
        ),
        "the mean is not subtracted from x: x̂ = (x − mean)/√(var + ε)": bn(centre=False),
        "that is x̂ itself, the normalised batch: scale and shift it, gamma·x̂ + beta": bn(gamma=1.0, beta=0.0),
        "the scale gamma is missing: gamma·x̂ + beta": bn(gamma=1.0),
        "the shift beta is missing: gamma·x̂ + beta": bn(beta=0.0),
    }
    if n != d:
        slips[
            f"the sums over the batch are divided by the number of features D = {d}; a mean over the batch divides "
            f"by the number of examples N = {n} (x.shape[0])"
        ] = bn(count=d)
    for eps in (1e-4, 1e-3, 1e-2, 0.1, 1.0):
        slips[
            f"ε = {eps:g} is large enough to change the result: ε only keeps the division away from 0, so it must "
            "be tiny next to the variances (the book's is 1e-6; anything from 1e-8 to 1e-5 passes here)"
        ] = bn(eps=eps)
    return slips


def _bn_case(func, x, gamma, beta, constant, what: str) -> None:
    out = bn_run(func, x, gamma, beta, constant, what)
    if isinstance(out, tuple) or (
        isinstance(out, list) and any(isinstance(v, (np.ndarray, dict)) for v in out)
    ):
        raise Problem(
            f"{what}: your function returned {len(out)} things at once (a {type(out).__name__}); return the output "
            f"alone: one array of x's shape {x.shape}, gamma·x̂ + beta (a mean, a variance or a cache for backward "
            "are not asked for here)",
            what,
        )
    arr = _numbers(out)
    if arr is not None and arr.shape != x.shape and bn_shape_hint(arr.shape, x):
        raise Problem(
            f"{what}: the result has shape {arr.shape}, expected {x.shape}: {bn_shape_hint(arr.shape, x)}",
            what,
        )
    if arr is not None and arr.shape == x.shape and arr.dtype.kind == "f" and constant_only(arr, constant):
        raise eps_missing(what, x, constant[0])
    expected = batchnorm(x, gamma, beta).astype(x.dtype)  # (no note that float32 lost digits)
    try:
        _compare(out, expected, what, rtol=BN_TOL, atol=BN_TOL, slips=_bn_slips(x, gamma, beta))
    except WrongValue as problem:
        if x.dtype == np.float32 and not problem.message.startswith(f"{what}: gives "):  # no slip named
            problem.add(ONE_PASS)
        raise
    _digits(out, x, what)


@check("batch normalisation")
def check_batchnorm_forward(func) -> str:
    """Check ``func(x, gamma, beta)``: batch normalisation in training mode, gamma·x̂ + beta with x̂ = (x −
    mean)/√(var + ε), the mean and the (biased) variance of each feature (column) over the batch (axis 0), for x
    of shape (N, D), gamma and beta of shape (D,). The function gets x, gamma and beta (and ε = 1e-6 if it has
    no default for it), so its own ε counts: anything from 1e-8 to 1e-5 passes (inside or outside the square
    root), and so does np.var, np.std, a loop over the columns.

    Six batches: 4 × 3, 2 × 3, 10 × 6 with a column of equal values (it must come out as beta: ε keeps 0/0
    away), 5 × 8, and 8 × 5 with values near 1000 and −500 but close together, in float64 and in float32 (a
    float32 or float64 result passes). Outputs agree within 1e-3. x, gamma and beta must stay unchanged.

    Book §6.3.1; notebook 10.

    >>> def rows(x, gamma, beta, eps=1e-6):
    ...     mu = x.mean(axis=1, keepdims=True)
    ...     var = x.var(axis=1, keepdims=True)
    ...     return gamma * (x - mu) / np.sqrt(var + eps) + beta
    >>> check_batchnorm_forward(rows)  # doctest: +ELLIPSIS
    ✗ batch normalisation: rows(x, gamma, beta), a batch of 4 examples with 3 features: gives ...: that normalises each example (row) by its own mean and variance (axis=1); ...
    False
    """
    name = learner_name(func, "batchnorm_forward")
    for x, gamma, beta, constant, text in bn_cases():
        _bn_case(func, x, gamma, beta, constant, f"{name}(x, gamma, beta), {text}")
    return (
        "batches of 4 × 3, 2 × 3, 10 × 6 with a column of equal values (beta there), 5 × 8, and 8 × 5 with values "
        "near 1000 but close together in float64 and float32: each column normalised over the batch, then "
        "gamma·x̂ + beta; x, gamma, beta unchanged"
    )


# ---- Dropout ---------------------------------------------------------------------------------------------------


def _dropout_case(cls, r: float, seed: int, shape: tuple, dtype, text: str) -> str:
    what = f"{learner_name(cls, 'your class')}(dropout_ratio={r}, rng={seed}), {text}"
    layer = make_layer(cls, {"dropout_ratio": r, "rng": seed}, what)
    x, dout = dropout_data(shape, seed, dtype)
    train = f"{what}: forward(x, train_flg=True)"
    out = an_array(method(layer, "forward", (x, True), train), x.shape, train, FORWARD_RETURNS)
    kept, mode = train_mask(out, x, r, train)
    share(kept, r, train)
    back = f"{what}: backward(dout) after it"
    dx = an_array(method(layer, "backward", (dout,), back), dout.shape, back, "backward returns dx only")
    judge_backward(dx, dout, out, kept, r, mode, back)
    test = f"{what}: forward(x, train_flg=False)"
    got = an_array(method(layer, "forward", (x, False), test), x.shape, test, FORWARD_RETURNS)
    judge_inference(got, x, r, mode, test)
    for result, given, said in ((out, x, train), (dx, dout, back), (got, x, test)):
        _digits(result, given, said)
    return mode


def _dropout_rng(cls) -> None:
    """Layers made with the same seed drop the same values, with other seeds others; each forward pass draws
    a new mask. Else the problem."""
    x, _ = dropout_data((40, 50), 110)
    text = "two forward passes on one batch of 40 × 50"
    seeds = (7, 7, 8)
    whats = [f"{learner_name(cls, 'your class')}(dropout_ratio=0.5, rng={s}), {text}" for s in seeds]
    layers = [make_layer(cls, {"dropout_ratio": 0.5, "rng": s}, w) for s, w in zip(seeds, whats)]
    masks = []
    for layer, what in zip(layers, whats):
        found = []
        for k in (1, 2):
            said = f"{what}: forward {k}"
            out = an_array(method(layer, "forward", (x, True), said), x.shape, said, FORWARD_RETURNS)
            found.append(np.asarray(out) != 0)
        masks.append(found)
    (a1, a2), (b1, _), (c1, _) = masks
    how = ""
    if not np.array_equal(a1, b1):
        how = "two layers made with the same seed (rng=7) dropped different values (np.random's own functions, or a Generator made without the seed?)"  # fmt: skip
    elif np.array_equal(a1, c1):
        how = "layers made with different seeds (rng=7 and rng=8) dropped the same values (a Generator with a fixed seed of its own?)"  # fmt: skip
    if how:
        raise Problem(
            f"your layer does not draw its mask from self.rng: {how}. Draw the mask with self.rng, so that a seed "
            "gives the same masks and an experiment can be run again with the same result",
            "Dropout",
        )
    if np.array_equal(a1, a2):
        raise Problem(
            f"{whats[0]}: the layer dropped exactly the same values in both forward passes: each forward pass "
            "draws a new mask from self.rng, which moves on with every draw (a Generator made anew from the seed "
            "in forward starts over each time)",
            "Dropout",
        )


@check("Dropout")
def check_dropout(cls) -> str:
    """Check a class ``Dropout(dropout_ratio=0.5, rng=None)`` whose ``forward(x, train_flg=True)`` in training
    drops each value with probability dropout_ratio (a mask drawn from ``self.rng``, the Generator made from
    the seed rng) and returns x·mask, at inference (train_flg=False) x·(1 − dropout_ratio); ``backward(dout)``
    returns dout·mask, the mask of the forward pass before. x and dout unchanged.

    Inverted dropout passes too (the kept values divided by 1 − ratio in training, x unchanged at inference,
    dout·mask/(1 − ratio) backward), with a remark. The layers are made with their settings by name, with
    dropout_ratio 0.2, 0.5 and 0.3 (float32), on 20,000 values (4,800 in float32): the share dropped must be within 8 standard
    deviations of the ratio (any way of drawing passes: random > ratio, ≥, uniform, binomial). Layers made with
    the same seed must drop the same values, others not; each forward pass draws a new mask.

    Book §6.4.3; notebook 10.

    >>> class KeepsTheRatio:
    ...     def __init__(self, dropout_ratio=0.5, rng=None):
    ...         self.dropout_ratio, self.rng, self.mask = dropout_ratio, np.random.default_rng(rng), None
    ...     def forward(self, x, train_flg=True):
    ...         if train_flg:
    ...             self.mask = self.rng.random(x.shape) < self.dropout_ratio
    ...             return x * self.mask
    ...         return x * (1.0 - self.dropout_ratio)
    ...     def backward(self, dout):
    ...         return dout * self.mask
    >>> check_dropout(KeepsTheRatio)  # doctest: +ELLIPSIS
    ✗ Dropout: KeepsTheRatio(dropout_ratio=0.2, rng=101), a batch of 100 × 200: forward(x, train_flg=True): a share 0.798 of the 20000 values was dropped, where dropout_ratio = 0.2 asks for about 0.2: your mask keeps a value with probability dropout_ratio. ...
    False
    """
    modes = {_dropout_case(cls, *run) for run in DROPOUT_RUNS}
    _dropout_rng(cls)
    said = (
        "dropout_ratio 0.2, 0.5 and 0.3 (float32): each value dropped (0) or kept, the share dropped near the "
        "ratio, backward through forward's mask, "
    )
    if "inverted" in modes:
        return said + (
            "x unchanged at inference; the same seed, the same masks. Note: that is inverted dropout (the kept "
            "values divided by 1 − ratio in training), right too; the book scales by 1 − ratio at inference instead"
        )
    return said + "x·(1 − ratio) at inference; the same seed, the same masks"


# ---- weight decay: its term in the gradient ---------------------------------------------------------------------


def _wd_cases():
    """(grads, params, λ, what the learner reads) for each call of the check."""
    rng = np.random.default_rng(105)

    def draw(shapes: dict, dtype=np.float64) -> dict:
        return {key: rng.standard_normal(shape).astype(dtype) for key, shape in shapes.items()}

    two = {"W1": (3, 4), "b1": (4,), "W2": (4, 2), "b2": (2,)}
    yield draw(two), draw(two), 0.1, "W1, b1, W2, b2"
    shapes = {"W1": (4, 5), "b1": (5,), "gamma1": (5,), "beta1": (5,), "W2": (5, 3), "b2": (3,), "gamma2": (3,),
              "beta2": (3,), "W3": (3, 2), "b3": (2,)}  # fmt: skip
    grads, params = draw(shapes), draw(shapes)
    grads = {key: grads[key] for key in reversed(list(grads))}
    text = (
        "a network with batch normalisation (W1, b1, gamma1, beta1, ..., W3, b3), grads in another key order"
    )
    yield grads, params, 0.01, text
    yield draw(two), draw(two), 0, "W1, b1, W2, b2 (λ = 0: no weight decay)"
    yield draw(two, np.float32), draw(two, np.float32), 0.05, "float32 W1, b1, W2, b2"


def _wd_slips(grads: dict, params: dict, lam: float) -> dict:
    weights = [key for key in grads if str(key).startswith("W")]

    def plus(term, keys=weights):
        return {key: grads[key] + term(key) if key in keys else grads[key] for key in grads}

    def penalty(key):
        return 0.5 * lam * float(np.sum(params[key] ** 2))

    return {
        "the other parameters (biases, and gamma, beta where there are any) got λ times themselves too: weight decay "
        "adds λ·W to the gradients of the weights only (the keys that start with W); every other gradient stays as "
        "it is": plus(lambda k: lam * params[k], list(grads)),
        "that adds 2·λ·W: the penalty ½·λ·W² has the derivative λ·W (the ½ cancels the 2 of the square)": plus(
            lambda k: 2 * lam * params[k]
        ),
        "that adds ½·λ·W: the derivative of the penalty ½·λ·W² is λ·W (the 2 of the square cancels the ½)": plus(
            lambda k: 0.5 * lam * params[k]
        ),
        "that adds λ·W², a square: the derivative of ½·λ·W² is λ·W, λ times the weight itself": plus(
            lambda k: lam * params[k] ** 2
        ),
        "that subtracts λ·W: the penalty grows with W², so its derivative +λ·W is added (the optimizer's step "
        "against the gradient then pulls each weight towards 0)": plus(lambda k: -lam * params[k]),
        "that adds λ alone: the derivative of ½·λ·W² is λ times the weight, λ·W": plus(lambda k: lam),
        "that is λ·W alone: it is added to the gradient of the loss, grads[key] + λ·W": {
            key: lam * params[key] if key in weights else grads[key] for key in grads
        },
        "that adds λ times the gradient; the penalty's derivative is λ times the weight itself, λ·params[key]": plus(
            lambda k: lam * grads[k]
        ),
        "that is grads unchanged: the gradients of the weights get + λ·W": dict(grads),
        "that adds the penalty ½·λ·ΣW² (one number, a part of the loss) to every entry; the gradient gets its "
        "derivative, λ·W, one value per weight": plus(penalty),
        "that adds ½·λ·W², the penalty itself (its part of the loss), weight by weight; the gradient gets the "
        "penalty's derivative, λ·W": plus(lambda k: 0.5 * lam * params[k] ** 2),
        "that adds λ times the sum of the weights, ΣW (one number), to every entry; each weight gets λ times "
        "itself, λ·W, one value per weight": plus(lambda k: lam * np.sum(params[k])),
        "that adds λ·sign(W), the derivative of λ·Σ|W| (L1 decay); this weight decay is L2, the penalty ½·λ·ΣW², "
        "whose derivative is λ·W": plus(lambda k: lam * np.sign(params[k])),
        **{slip: plus(lambda k, c=c: c * params[k]) for slip, c in lambda_slips(lam).items()},
    }


def _wd_judge(result: dict, grads: dict, params: dict, lam: float, what: str) -> None:
    exact = (
        {key: g.astype(float) for key, g in grads.items()},
        {key: p.astype(float) for key, p in params.items()},
    )
    expected = {
        key: g + lam * exact[1][key] if str(key).startswith("W") else g for key, g in exact[0].items()
    }
    rtol = _tolerance(next(iter(grads.values())).dtype)

    def same(a, b, tol=rtol):
        return bool(np.allclose(a, b, rtol=tol, atol=rtol))

    wrong = [key for key in expected if not same(result[key], expected[key])]
    if not wrong:
        return
    for slip, found in _wd_slips(*exact, lam).items():
        off = [key for key in expected if not same(found[key], expected[key])]
        if off and all(same(result[key], found[key], max(rtol, 1e-6)) for key in expected):
            got, want, row = result[off[0]], expected[off[0]], ""
            if got.ndim == 2:  # a matrix: its first row tells
                got, want, row = got[0], want[0], " in its first row"
            raise WrongValue(
                f"{what}: the result's {off[0]!r}", f"gives {_fmt(got)}{row}, expected {_fmt(want)}: {slip}"
            )
    key = wrong[0]
    _compare(result[key], expected[key], f"{what}: the result's {key!r}", rtol=rtol, atol=rtol)


@check("weight decay")
def check_weight_decay_gradient(func) -> str:
    """Check ``func(grads, params, weight_decay_lambda)``: a new dict with every key of grads, the weights'
    gradients (the keys that start with "W") plus λ·W, the derivative of the penalty ½·λ·W², the others (biases,
    gamma, beta) as they are; grads and params unchanged (their arrays and the dicts).

    Four calls: λ = 0.1 on W1, b1, W2, b2; λ = 0.01 on a network with batch normalisation (gamma, beta), grads
    in another key order than params; λ = 0; float32 with λ = 0.05 (a float32 or float64 result passes).
    Changing grads in place fails, even with the right values: the gradient of the loss is still needed.

    Book §6.4.1; notebook 10.

    >>> def twice(grads, params, weight_decay_lambda):
    ...     return {k: g + 2 * weight_decay_lambda * params[k] if k[0] == "W" else g for k, g in grads.items()}
    >>> check_weight_decay_gradient(twice)  # doctest: +ELLIPSIS
    ✗ weight decay: twice(grads, params, 0.1), W1, b1, W2, b2: the result's 'W1': gives ...: that adds 2·λ·W: ...
    False
    """
    name = learner_name(func, "weight_decay_gradient")
    for grads, params, lam, text in _wd_cases():
        what = f"{name}(grads, params, {lam}), {text}"
        result = dict_result(dict_call(func, grads, params, lam, what), grads, what)
        _wd_judge(result, grads, params, lam, what)
        for key in grads:
            _digits(result[key], grads[key], f"{what}: the result's {key!r}")
    return (
        "λ = 0.1, 0.01 (a network with gamma and beta), 0 and 0.05 in float32: a new dict, the weights' "
        "gradients + λ·W, the others as they are, grads and params unchanged"
    )
