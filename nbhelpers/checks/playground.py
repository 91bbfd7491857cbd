"""Notebook 13's exercises: the seven input features of the playground, the norms of the weights' gradients
(what its gradient picture draws), and the features that let a network without a hidden layer separate the
circles.

The feature check calls the learner's function on several sets of points (in the plane's range, one point,
larger values, float32) and compares each column with the formula; the norm check gives gradient dicts of 1
to 12 layers with their keys in several orders; both run every case first, so that a slip seen in one case
is named only when a second case shows it too (``checks/_playground.py``: the cases, references and slips).
The circle check trains the playground with the learner's features.
"""

from __future__ import annotations

import numpy as np  # noqa: F401 (the examples in the docstrings use it)

from ._classes import learner_name
from ._engine import (
    ChangedInput,
    GotNaN,
    NotNumbers,
    Problem,
    Raised,
    Warned,
    WrongShape,
    WrongValue,
    _alike,
    _compare,
    _fmt,
    _numbers,
    _tolerance,
    check,
)
from ._layers import _digits
from ._playground import (
    CIRCLE_STEPS,
    CIRCLE_TARGET,
    LABELS,
    circle_run,
    circle_why,
    column_order,
    column_slip,
    columns_found,
    feature_cases,
    feature_names,
    feature_raised,
    grad_cases,
    layers_of,
    norm_slips,
    order_slips,
    reference_features,
    reference_norms,
    run_cases,
)

__all__ = ["check_features", "check_layer_grad_norms", "check_circle_features"]


# ---- exercise 1: the seven feature columns ------------------------------------------------------------------


def _features_shape(out, arr, x, what: str, others: list) -> None:
    """The problem with a result whose shape is not (N, 7); ``others``: (result, x) of the other calls."""
    n, expected = len(x), reference_features(x)
    shape, asked = arr.shape, f"one row per point and one column per feature: shape ({n}, 7)"
    if shape == (7, n):
        if isinstance(out, (tuple, list)):
            raise WrongShape(what, shape, (n, 7)).add(
                f": your function returned a {type(out).__name__} of the 7 columns, which as an array are 7 rows "
                f"of {n} values; {asked}, the columns side by side"
            )
        raise WrongShape(what, shape, (n, 7)).add(f": {asked}")
    if shape in ((7,), (1, 7)) and n > 1 and np.allclose(arr.reshape(7), expected[0], rtol=1e-6):
        raise WrongShape(what, shape, (n, 7)).add(f": the features of the first point only; {asked}")
    if shape == (7 * n,) and n > 1:
        raise WrongShape(what, shape, (n, 7)).add(f": all {7 * n} values in one flat row; {asked}")
    if arr.ndim == 2 and shape[0] == n and shape[1] != 7:
        found = columns_found(arr, x, _rtol(x))
        if not any(
            a.shape == (len(z), shape[1]) and columns_found(a, z, _rtol(z)) == found for a, z in others
        ):
            found = ""  # what the columns hold, named only when a second call shows the same
        columns = f"{shape[1]} column{'' if shape[1] == 1 else 's'}"
        raise WrongShape(what, shape, (n, 7)).add(f": {columns} for the 7 features{found}")
    raise WrongShape(what, shape, (n, 7)).add(f": {asked}")


def _rtol(x) -> float:
    return 1e-12 if x.dtype == np.float64 else _tolerance(x.dtype)


def _confirmed(find, found, results, cases, skip: int) -> bool:
    """Whether ``find(arr, x)`` gives ``found`` for the learner's result of another case too (where it has the
    shape asked): a slip seen once is named only when a second case shows it."""
    for k, (out, (x, _)) in enumerate(zip(results, cases)):
        arr = None if k == skip or isinstance(out, Problem) else _numbers(out)
        if arr is not None and arr.shape == (len(x), 7) and find(arr, x) == found:
            return True
    return False


def _features_case(k: int, results: list, cases: list, what: str) -> None:
    out, (x, _) = results[k], cases[k]
    if isinstance(out, Problem):
        raise out
    arr, expected, rtol = _numbers(out), reference_features(x), _rtol(x)
    if arr is None:
        raise NotNumbers(what, out).add(f"; an array of numbers, shape ({len(x)}, 7)")
    if arr.shape != expected.shape:
        others = [(_numbers(r), z) for j, (r, (z, _)) in enumerate(zip(results, cases)) if j != k]
        others = [(a, z) for a, z in others if a is not None and a.ndim == 2]  # (a Problem is no numbers)
        _features_shape(out, arr, x, what, others)
    if arr.dtype.kind in "biu":
        raise Problem(
            f"{what}: the result holds whole numbers ({arr.dtype}), {_fmt(arr[0])} in row 0: an array made for "
            "integers cuts off the fractions of what is written into it; make it hold floats",
            what,
        )
    if np.isnan(arr).any():
        _compare(arr, expected, what)  # GotNaN, where
    if np.allclose(arr, expected, rtol=_tolerance(arr.dtype), atol=_tolerance(arr.dtype) * 1e-3):
        _digits(arr, x, what)  # right but for the digits a float32 result lost (float64 points)
    if not np.allclose(arr, expected, rtol=rtol, atol=rtol * 1e-3):
        order = column_order(arr, x, rtol)
        if order is not None and _confirmed(
            lambda a, z: column_order(a, z, _rtol(z)), order, results, cases, k
        ):
            raise WrongValue(
                what,
                f"the seven columns are all there, in another order: yours are {', '.join(LABELS[j] for j in order)}; "
                f"the order asked (FEATURES) is {', '.join(LABELS)}",
            )
        slip = column_slip(arr, x, rtol)
        if slip is not None and _confirmed(lambda a, z: column_slip(a, z, _rtol(z)), slip, results, cases, k):
            j, holds, why = slip
            shown = f"row 0: expected {_fmt(expected[0, j])}, got {_fmt(arr[0, j])}"
            raise WrongValue(what, f"column {j} should be {LABELS[j]} but holds {holds}{why} ({shown})")
        wrong = ~np.isclose(arr, expected, rtol=rtol, atol=rtol * 1e-3)
        row, j = (int(i) for i in np.argwhere(wrong)[0])
        want, got = _fmt(expected[row, j]), _fmt(arr[row, j])
        if want == got:  # they print alike: show the digits where they differ
            want, got = _alike(expected[row, j], arr[row, j])
        raise WrongValue(
            what,
            f"column {j} ({LABELS[j]}) is wrong: for the point x = {_fmt(x[row])} (row {row}) expected {want}, got "
            f"{got}\n  expected row {_fmt(expected[row])}\n  got row      {_fmt(arr[row])}",
            (row, j),
        )
    _digits(arr, x, what)


def _features_problem(problem: Problem, case) -> Problem:
    if isinstance(problem, ChangedInput):
        problem.message = (
            f"{problem.what}: your function changed x, the points it was given (a square written into a column "
            "of x, or x itself made the result and filled in?): the caller's points change too. Leave x as it is "
            "and put the features into a new array"
        )
        return problem
    return feature_raised(problem)


@check("features")
def check_features(func) -> str:
    """Check ``func(x)``: for points x of shape (N, 2) (x₁ in column 0, x₂ in column 1), an array of shape
    (N, 7) whose columns are, in this order, x₁, x₂, x₁², x₂², x₁·x₂, sin x₁, sin x₂ (the playground's input
    features, ``nbhelpers.playground.FEATURES``); x unchanged. Any way passes: stacking the columns, filling
    an empty array, a list of rows; for float32 points a float32 or float64 result.

    Five calls: 5 points in [-1.5, 1.5]², one point, 500 points, 6 points with values up to 10 (where sin x is
    far from x), 5 points in float32. Values agree within 1e-12 (relative; float32: 7.6e-6). A column that holds
    a usual wrong thing (another feature, x₁ + x₂, 2·x, sin of degrees, cos, ...) is named when a second call
    shows it too.

    Not in the book (TensorFlow Playground's inputs); notebook 13.

    >>> def my_features(x):
    ...     a, b = x[:, 0], x[:, 1]
    ...     return np.column_stack([a, b, a * a, b * b, a + b, np.sin(a), np.sin(b)])
    >>> check_features(my_features)  # doctest: +ELLIPSIS
    ✗ features: my_features(x), 5 points in [-1.5, 1.5]²: column 4 should be x₁x₂ but holds x₁ + x₂: a sum; ...
    False
    """
    name = learner_name(func, "my_features")
    cases = feature_cases()
    whats = [f"{name}(x), {text}" for _, text in cases]
    results = run_cases(func, cases, whats, _features_problem)
    for k, what in enumerate(whats):
        _features_case(k, results, cases, what)
    return (
        "5 points, one point, 500 points, values up to 10, float32: the seven columns x₁, x₂, x₁², x₂², x₁x₂, "
        "sin x₁, sin x₂ in this order; x unchanged"
    )


# ---- exercise 2: the norms of the weights' gradients ----------------------------------------------------------


def _norms_length(arr, grads: dict, what: str, lengths: list) -> None:
    """The problem with a list of the wrong length; ``lengths``: (the learner's length, L) for the other calls."""
    keys, m = layers_of(grads), len(arr)
    norms = reference_norms(grads)
    every = [float(np.sqrt(np.sum(g.astype(float) ** 2))) for g in grads.values()]
    layers = f"the network has {len(keys)} weight layer{'s' if len(keys) > 1 else ''} ({', '.join(keys)}): one number each"
    said = f"{what}: your function returned {m} number{'s' if m != 1 else ''}, {_fmt(arr)}; {layers}"
    if m == len(every) and np.allclose(np.sort(arr), np.sort(every), rtol=1e-6, atol=1e-12):
        raise Problem(said + ". The biases' norms are among yours: only the weights W1, ..., WL count", what)
    if 0 < m < len(keys) and np.allclose(arr, norms[:m], rtol=1e-6, atol=1e-12):
        said += f". Yours are those of {', '.join(keys[:m])} only: {', '.join(keys[m:])} missing"
        if lengths and all(n == ell - 1 for n, ell in lengths):
            said += " (one layer short in every call: a range(1, L) stops before L)"
        elif lengths and all(n == m for n, _ in lengths):
            said += (
                f" (your function gives {m} numbers for every network: the number of layers comes from grads, and "
                "the networks checked have 1 to 12)"
            )
    raise Problem(said, what)


def _norms_shape(out, grads: dict, what: str, lengths: list):
    """The learner's result as a 1-D array of one number per layer, or the problem with it."""
    keys = layers_of(grads)
    if isinstance(out, dict):
        raise Problem(
            f"{what}: your function returned a dict; return a list of the numbers, in layer order", what
        )
    if isinstance(out, (list, tuple)):
        for i, v in enumerate(out):
            item = _numbers(v)
            if item is not None and item.size > 1:
                raise Problem(
                    f"{what}: item {i} of your {type(out).__name__} holds {item.size} numbers, {_fmt(v)}; the norm of "
                    "a matrix is one number over all its entries (a norm along an axis gives one per row or column)",
                    what,
                )
    if hasattr(out, "__next__"):  # a generator, a map: numbers that come one at a time, once
        raise Problem(
            f"{what}: your function returned a {type(out).__name__}, which hands out its numbers one at a time (a "
            "for inside round brackets makes one); return a list (square brackets, or list(...) around it)",
            what,
        )
    arr = _numbers(out)
    if arr is None:
        raise NotNumbers(what, out).add("; a list of numbers, one per weight layer")
    total = np.sqrt(sum(np.sum(grads[k].astype(float) ** 2) for k in keys))
    if arr.ndim == 0:
        whole = (
            "the norm of all the weights' gradients together"
            if np.isclose(arr, total, rtol=1e-6)
            else "one number"
        )
        raise Problem(
            f"{what}: your function returned {_fmt(arr)}, {whole}, for the whole network; the list holds one "
            f"number per weight layer ({', '.join(keys)})",
            what,
        )
    if arr.shape in ((len(keys), 1), (1, len(keys))) and len(keys) > 1:
        raise WrongShape(what, arr.shape, (len(keys),)).add(
            ": each number in brackets of its own; a flat list"
        )
    if arr.ndim != 1:
        raise WrongShape(what, arr.shape, (len(keys),)).add(": a flat list of one number per weight layer")
    if len(arr) != len(keys):
        _norms_length(arr, grads, what, lengths)
    return arr


def _norms_slip(arr, grads: dict, rtol: float):
    """The usual slip that gives ``arr`` for ``grads``, or None."""
    expected = reference_norms(grads)
    for slip, found in {**order_slips(grads), **norm_slips(grads)}.items():
        if found.shape == arr.shape and not np.allclose(found, expected, rtol=rtol, atol=rtol * 1e-3):
            if np.allclose(arr, found, rtol=max(rtol, 1e-6), atol=rtol * 1e-3):
                return slip
    return None


def _first(grads: dict) -> np.ndarray:
    return next(iter(grads.values()))


def _norms_case(k: int, results: list, cases: list, what: str) -> None:
    out, (grads, _) = results[k], cases[k]
    if isinstance(out, Problem):
        raise out
    lengths = []  # (the learner's length, L) for the other calls that returned a flat list of numbers
    for j, (other, (g, _)) in enumerate(zip(results, cases)):
        found = None if j == k or isinstance(other, (Problem, dict)) else _numbers(other)
        if found is not None and found.ndim == 1:
            lengths.append((len(found), len(layers_of(g))))
    arr = _norms_shape(out, grads, what, lengths)
    expected = reference_norms(grads)
    floats = [d for d in (arr.dtype, _first(grads).dtype) if d.kind == "f"]
    rtol = max(_tolerance(d) for d in floats)
    if np.isnan(arr).any():
        raise GotNaN(what, (int(np.argmax(np.isnan(arr))),), expected[int(np.argmax(np.isnan(arr)))])
    if not np.allclose(arr, expected, rtol=rtol, atol=rtol * 1e-3):
        slip = _norms_slip(arr, grads, rtol)
        for j, (other, (g, _)) in enumerate(zip(results, cases)):
            if slip is None or j == k or isinstance(other, Problem):
                continue
            try:
                if (
                    _norms_slip(np.asarray(other, dtype=float), g, max(rtol, _tolerance(_first(g).dtype)))
                    == slip
                ):
                    if slip in order_slips(grads):  # the numbers speak for themselves: no need to show them
                        raise WrongValue(what, f"the right numbers in the wrong order: {slip}")
                    raise WrongValue(what, f"gives {_fmt(arr)}, expected {_fmt(expected)}: {slip}")
            except (TypeError, ValueError):  # that case's result is no list of numbers: it does not confirm
                continue
        if arr.shape == expected.shape and np.allclose(
            np.sort(arr), np.sort(expected), rtol=rtol, atol=rtol * 1e-3
        ):
            raise WrongValue(what, "the right numbers in the wrong order: " + _IN_LAYER_ORDER)
        _compare(arr, expected, what, rtol=rtol, atol=rtol * 1e-3)
    _digits(arr, _first(grads), what)


_IN_LAYER_ORDER = (
    "the list follows the layers, W1, W2, ..., WL, by the layer's number (sorting the names as text puts 'W10' "
    "before 'W2'; a dict's keys may come in any order)"
)


def _norms_problem(problem: Problem, case) -> Problem:
    grads = case[0]
    if isinstance(problem, ChangedInput):
        problem.message = (
            f"{problem.what}: your function changed grads, the dict it was given (an entry squared in place, as "
            "g **= 2 or g *= g do, or a key removed): the optimizer still needs the gradients as they are. "
            "Leave grads alone: g ** 2 and g * g make new arrays"
        )
    elif isinstance(problem, Warned) and problem.event == "invalid":
        problem.add(" (a square root of a negative number? The entries are squared before they are summed)")
    elif isinstance(problem, Raised) and isinstance(problem.error, KeyError):
        problem.instead(
            f"this network's grads has the keys {', '.join(grads)}: {len(layers_of(grads))} weight "
            f"layer{'s' if len(layers_of(grads)) > 1 else ''}. The number of layers comes from grads (the networks "
            "checked have 1 to 12)"
        )
    return problem


@check("gradient norms")
def check_layer_grad_norms(func) -> str:
    """Check ``func(grads)``: for the gradient dict of a network ("W1", "b1", ..., "WL", "bL", as
    ``net.gradient`` returns it), the L numbers ‖∂L/∂W_k‖ = √(sum of the squares of all entries of grads["Wk"])
    for k = 1, ..., L in layer order, biases not counted; grads unchanged. A list, tuple or 1-D array passes
    (np.linalg.norm, a square root of a sum, a loop over range(1, L + 1) or over the sorted W keys).

    Eight calls: 3 layers; 1 layer (no hidden layer); 4 layers with keys b1, W1, b2, W2, ...; 12 layers (W10
    sorts before W2 as text); 10 layers with the keys reversed; 3 layers with the keys mixed; float32; all
    zeros. Values agree within 64 rounding errors of the coarser of the result's and the gradients' precision.
    A usual slip (no square root, biases counted, the spectral norm, the mean, the order of the keys as text or
    as they come) is named when a second call shows it too.

    Not in the book (its §6.2 looks at the activations' spread instead); notebook 13.

    >>> def layer_grad_norms(grads):
    ...     return [np.sum(grads[f"W{k}"] ** 2) for k in range(1, len(grads) // 2 + 1)]
    >>> check_layer_grad_norms(layer_grad_norms)  # doctest: +ELLIPSIS
    ✗ gradient norms: layer_grad_norms(grads), a 2-4-3-2 network (...): gives ...: that is the sum of the squares; the square root is missing
    False
    """
    name = learner_name(func, "layer_grad_norms")
    cases = grad_cases()
    whats = [f"{name}(grads), {text}" for _, text in cases]
    results = run_cases(func, cases, whats, _norms_problem)
    for k, what in enumerate(whats):
        _norms_case(k, results, cases, what)
    return (
        "1 to 12 layers, keys in layer order, reversed, mixed and biases first, float32, zeros: √(sum of the "
        "squares) of each W_k, in layer order; grads unchanged"
    )


# ---- exercise 3: features for the circles -------------------------------------------------------------------------


@check(f"circles without a hidden layer at {CIRCLE_TARGET:.0%}", takes="list of features")
def check_circle_features(features) -> str:
    """Check a list of names from ``FEATURES`` by training with them: ``Playground(dataset="circles",
    hidden=(), features=features, optimizer="Adam", lr=0.05, batch_size=10, seed=0)`` (500 points of noise
    0.1, half of them for testing) trained 500 steps must classify at least 95 % of its test points right.
    Any order passes (a tuple or a set too). A name that is not one of FEATURES, a string instead of a list, a
    name given twice and an empty list are refused before training; a run that falls short is told what its
    inputs let the network draw.

    Not in the book (its §2.4 shows that one layer draws a straight line); notebook 13.

    >>> check_circle_features(["x1", "x2"])  # doctest: +ELLIPSIS
    ✗ circles without a hidden layer at 95%: features ['x1', 'x2']: test accuracy 0.604 on 250 points after 500 steps (train 0.680); the goal is at least 0.95.
      With these inputs and no hidden layer, the boundary is a straight line in the plane, ...
    False
    """
    names = feature_names(features, "your features")
    what = f"features {list(names)}"
    test, train = circle_run(names)
    said = f"test accuracy {test:.3f} on 250 points after {CIRCLE_STEPS} steps (train {train:.3f})"
    if test >= CIRCLE_TARGET:
        fewer = " (fewer features would do too)" if len(names) > 2 else ""
        return f"{what}: {said}, at least {CIRCLE_TARGET}: a network without a hidden layer separates the circles{fewer}"
    raise Problem(
        f"{what}: {said}; the goal is at least {CIRCLE_TARGET}.\n  {circle_why(names)}",
        what,
    )
