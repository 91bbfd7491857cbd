"""What notebook 13's checks of functions need: the cases, the check's own references, the results of every
case run first (so that a slip seen in one case is named only when a second case shows it too), and the usual
slips of the feature columns and of the gradient norms. Private: used by checks/playground.py.
"""

from __future__ import annotations

import difflib

import numpy as np

from ..playground import FEATURE_LABELS, FEATURES, Playground, add_features
from ..training import weight_grad_norms
from ._engine import NotDone, Problem, Raised, _call, _fmt

__all__ = [
    "run_cases",
    "feature_cases",
    "reference_features",
    "column_slip",
    "column_order",
    "columns_found",
    "feature_raised",
    "grad_cases",
    "layers_of",
    "reference_norms",
    "norm_slips",
    "order_slips",
    "CIRCLE_SETTINGS",
    "CIRCLE_STEPS",
    "CIRCLE_TARGET",
    "feature_names",
    "circle_run",
    "circle_why",
]

LABELS = [FEATURE_LABELS[f] for f in FEATURES]  # "x₁", "x₂", "x₁²", ...


def run_cases(func, cases, whats, problem_of) -> list:
    """``func`` run on every case first (its first argument ``case[0]``, what the learner reads ``whats[k]``):
    its result for each, or the problem it ran into, passed through ``problem_of(problem, case)`` (which may add
    what it means here). A skeleton stops at once (NotDone)."""
    results = []
    for case, what in zip(cases, whats):
        try:
            results.append(_call(func, case[0], what=what))
        except NotDone:
            raise
        except Problem as problem:
            results.append(problem_of(problem, case))
    return results


# ---- exercise 1: the seven feature columns -----------------------------------------------------------------


def feature_cases() -> list:
    """(x, what the learner reads) for each call: 5, 1 and 500 points in the plane's range, larger values where
    sin x is far from x, float32."""
    rng = np.random.default_rng(1301)
    five = np.round(rng.uniform(-1.5, 1.5, (5, 2)), 2)
    large = np.array([[3.0, -2.5], [10.0, 0.25], [-4.0, 6.5], [2.0, 2.75], [-7.5, -3.25], [1.25, -9.0]])
    return [
        (five, "5 points in [-1.5, 1.5]²"),
        (np.array([[0.5, -1.25]]), "one point, x = [[0.5, -1.25]]"),
        (rng.uniform(-1.5, 1.5, (500, 2)), "500 points in [-1.5, 1.5]²"),
        (large, "6 points with larger values (up to 10), where sin x is far from x"),
        (np.round(rng.uniform(-1.5, 1.5, (5, 2)), 2).astype(np.float32), "5 points in float32"),
    ]


def reference_features(x) -> np.ndarray:
    """The seven columns x₁, x₂, x₁², x₂², x₁x₂, sin x₁, sin x₂, in float64 (the core's ``add_features``)."""
    return add_features(np.asarray(x, dtype=float), FEATURES)


def _candidates(x) -> list:
    """(what a column holds, its values, why that is wrong) for the usual wrong columns."""
    a, b = np.asarray(x, dtype=float)[:, 0], np.asarray(x, dtype=float)[:, 1]
    degrees = (
        ": x taken as degrees. np.sin takes the angle in radians, and x is one already; turning it from degrees "
        "into radians first (np.radians, np.deg2rad, · π/180) makes it 57 times smaller"
    )
    return [
        ("x₁ + x₂", a + b, ": a sum; the feature is the product x₁·x₂"),
        ("2·x₁", 2 * a, ": doubled, not squared; the square is x₁ times itself"),
        ("2·x₂", 2 * b, ": doubled, not squared; the square is x₂ times itself"),
        ("sin(x₁·π/180)", np.sin(np.deg2rad(a)), degrees),
        ("sin(x₂·π/180)", np.sin(np.deg2rad(b)), degrees),
        (
            "sin(x₁·180/π)",
            np.sin(np.rad2deg(a)),
            ": np.degrees turns x₁ into degrees, but np.sin takes radians",
        ),
        (
            "sin(x₂·180/π)",
            np.sin(np.rad2deg(b)),
            ": np.degrees turns x₂ into degrees, but np.sin takes radians",
        ),
        ("cos x₁", np.cos(a), ": the cosine; the feature is the sine"),
        ("cos x₂", np.cos(b), ": the cosine; the feature is the sine"),
        ("x₁² + x₂²", a * a + b * b, ": the sum of the squares; each square is a column of its own"),
        (
            "zeros",
            np.zeros_like(a),
            ": nothing was written into it (an array made with np.zeros, never filled?)",
        ),
    ]


def _close(got, want, rtol: float) -> bool:
    return bool(np.allclose(got, want, rtol=rtol, atol=rtol * 1e-3))


def _holds(column, x, rtol: float):
    """What ``column`` is (a feature's index, or a usual wrong column's text and why), or None."""
    expected = reference_features(x)
    for k in range(len(FEATURES)):
        if _close(column, expected[:, k], rtol):
            return k
    for label, values, why in _candidates(x):
        if _close(column, values, rtol):
            return label, why
    return None


def _why_feature(j: int, k: int) -> str:
    """Why column ``j`` holding feature ``k`` is wrong."""
    swapped = FEATURES[k].replace("x1", "x_").replace("x2", "x1").replace("x_", "x2")
    if swapped == FEATURES[j]:
        right, wrong = ("x₂", "x₁") if "x2" in FEATURES[j] else ("x₁", "x₂")
        return f": computed from {wrong} where {right} is meant ({right} is column {'1' if right == 'x₂' else '0'} of x)"
    return f", the feature of column {k}: the order is {', '.join(LABELS)} (FEATURES)"


def column_slip(arr, x, rtol: float):
    """(column, what it holds, why) for the first wrong column of ``arr`` that holds a usual wrong thing; or
    None. (For the caller to confirm on a second case.)"""
    expected = reference_features(x)
    for j in range(len(FEATURES)):
        if _close(arr[:, j], expected[:, j], rtol):
            continue
        found = _holds(arr[:, j], x, rtol)
        if isinstance(found, int):
            return j, LABELS[found], _why_feature(j, found)
        if found is not None:
            return j, *found
        return None
    return None


def column_order(arr, x, rtol: float):
    """The features ``arr``'s columns hold (indices), if they are all seven in another order; else None."""
    found = [_holds(arr[:, j], x, rtol) for j in range(arr.shape[1])]
    if all(isinstance(k, int) for k in found) and sorted(found) == list(range(len(FEATURES))):
        return found
    return None


def columns_found(arr, x, rtol: float) -> str:
    """For a result with the wrong number of columns: which features are missing, or what is there twice or
    extra (every column must be recognised, else "")."""
    found = [_holds(arr[:, j], x, rtol) for j in range(arr.shape[1])]
    if any(k is None for k in found):
        return ""
    features = [k for k in found if isinstance(k, int)]
    missing = [LABELS[k] for k in range(len(FEATURES)) if k not in features]
    twice = sorted({LABELS[k] for k in features if features.count(k) > 1})
    others = [f"column {j} holds {k[0]}" for j, k in enumerate(found) if not isinstance(k, int)]
    said = []
    if missing:
        said.append(f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} missing")
    if twice:
        said.append(f"{', '.join(twice)} {'is' if len(twice) == 1 else 'are'} there twice")
    said += others
    return f": {'; '.join(said)}" if said else ""


def feature_raised(problem: Problem) -> Problem:
    """What an error in my_features usually means."""
    if not isinstance(problem, Raised):
        return problem
    text = str(problem.error)
    if "bitwise_xor" in text or "for ^" in text:
        return problem.instead(
            "^ is not a power in Python: it is 'exclusive or', for whole numbers; the power is written **"
        )
    if "values to unpack" in text:
        return problem.instead(
            "x holds one point per row, so unpacking x itself gives its rows (points), not x₁ and x₂; x₁ is column "
            "0 of x, x₂ column 1"
        )
    if "out of bounds" in text and "size 2" in text:
        return problem.instead(
            "x has two columns only, x₁ and x₂ (columns 0 and 1); the result is a new array of 7 columns, made "
            "for it (an array like x, np.zeros_like(x), has 2)"
        )
    return problem


# ---- exercise 2: the norms of the weights' gradients --------------------------------------------------------


def _grads(sizes, rng, order=None, dtype=np.float64, zero=False) -> dict:
    """A gradient dict for a network of layer ``sizes`` (each layer's entries on its own scale), its keys in
    ``order`` ("reversed", "biases first", "shuffled") or the layer order."""
    grads = {}
    for k in range(1, len(sizes)):
        scale = 10.0 ** rng.uniform(-3, 0.5)
        grads[f"W{k}"] = rng.standard_normal((sizes[k - 1], sizes[k])) * scale
        grads[f"b{k}"] = rng.standard_normal(sizes[k]) * scale
    keys = list(grads)
    if order == "reversed":
        keys.reverse()
    elif order == "biases first":
        keys = [key for k in range(1, len(sizes)) for key in (f"b{k}", f"W{k}")]
    elif order == "shuffled":
        keys = [keys[i] for i in rng.permutation(len(keys))]
    return {key: np.zeros_like(grads[key], dtype=dtype) if zero else grads[key].astype(dtype) for key in keys}


def grad_cases() -> list:
    """(grads, what the learner reads) for each call."""
    rng = np.random.default_rng(1302)
    twelve = [2, 5, 4, 6, 3, 5, 4, 3, 6, 4, 5, 3, 2]
    ten = [7, 4, 5, 3, 6, 4, 3, 5, 4, 3, 2]
    mixed = _grads([3, 4, 5, 2], rng, "shuffled")
    return [
        (_grads([2, 4, 3, 2], rng), "a 2-4-3-2 network (keys W1, b1, W2, b2, W3, b3)"),
        (_grads([7, 2], rng), "no hidden layer: 7 inputs, 2 outputs (W1, b1)"),
        (_grads([2, 6, 5, 4, 2], rng, "biases first"), "4 layers, keys in the order b1, W1, b2, W2, ..."),
        (_grads(twelve, rng), "12 layers (W1, b1, ..., W12, b12)"),
        (_grads(ten, rng, "reversed"), "10 layers, keys in the order b10, W10, b9, ..., W1"),
        (mixed, f"3 layers, keys in the order {', '.join(mixed)}"),
        (_grads([2, 8, 2], rng, dtype=np.float32), "float32 gradients of a 2-8-2 network"),
        (_grads([2, 4, 3, 2], rng, zero=True), "all-zero gradients of a 2-4-3-2 network"),
    ]


def layers_of(grads: dict) -> list:
    """The weight keys in layer order: W1, W2, ..., WL."""
    return sorted((key for key in grads if key.startswith("W")), key=lambda key: int(key[1:]))


def reference_norms(grads: dict) -> np.ndarray:
    """‖grads["Wk"]‖ (Frobenius) for k = 1, ..., L, in float64 (the core's ``weight_grad_norms``)."""
    return np.array(weight_grad_norms(grads))


def norm_slips(grads: dict) -> dict:
    """What a usual wrong norm means -> the numbers it gives (one per layer, in layer order)."""
    ws = [grads[key].astype(float) for key in layers_of(grads)]
    bs = [grads[key.replace("W", "b")].astype(float) for key in layers_of(grads)]

    def each(f):
        return np.array([f(w) for w in ws])

    frobenius = "the norm ‖∂L/∂W‖ takes all entries of the matrix: √(sum of their squares)"
    return {
        "that is the sum of the squares; the square root is missing": each(lambda w: np.sum(w * w)),
        "that counts the biases too, √(‖∂L/∂W_k‖² + ‖∂L/∂b_k‖²) per layer; only the weights W_k count": np.array(
            [np.sqrt(np.sum(w * w) + np.sum(b * b)) for w, b in zip(ws, bs)]
        ),
        "those are the norms of the biases' gradients (the b's); the weights' W_k are asked": np.array(
            [np.sqrt(np.sum(b * b)) for b in bs]
        ),
        "that is the spectral norm of each matrix (its largest singular value, what np.linalg.norm(g, 2) gives "
        "for a matrix); " + frobenius + ", np.linalg.norm(g) without a second argument": each(
            lambda w: np.linalg.norm(w, 2)
        ),
        "that is np.linalg.norm(g, 1): for a matrix, its largest column sum of |entries|; " + frobenius: each(
            lambda w: np.linalg.norm(w, 1)
        ),
        "that is np.linalg.norm(g, np.inf): for a matrix, its largest row sum of |entries|; "
        + frobenius: each(lambda w: np.linalg.norm(w, np.inf)),
        "that is the nuclear norm (the sum of the singular values); " + frobenius: each(
            lambda w: np.linalg.norm(w, "nuc")
        ),
        "that is the mean of the squares; the norm takes their sum, then the square root": each(
            lambda w: np.mean(w * w)
        ),
        "that is the square root of the mean of the squares (the RMS); the norm takes their sum, not the mean": each(
            lambda w: np.sqrt(np.mean(w * w))
        ),
        "that is the sum of the absolute values (the L1 norm); the norm is √(sum of the squares)": each(
            lambda w: np.sum(np.abs(w))
        ),
        "that is the largest absolute value; the norm is √(sum of the squares) of all entries": each(
            lambda w: np.max(np.abs(w))
        ),
        "that is |sum of the entries| (the square root of the square of their sum): positive and negative entries "
        "cancel; square each entry first, then add the squares": each(lambda w: abs(np.sum(w))),
        "that is half the sum of the squares; the norm is √(sum of the squares)": each(
            lambda w: 0.5 * np.sum(w * w)
        ),
    }


def order_slips(grads: dict) -> dict:
    """What a usual wrong order means -> the right norms in that order."""
    norms = {key: value for key, value in zip(layers_of(grads), reference_norms(grads))}
    weights = [key for key in grads if key.startswith("W")]
    return {
        "the layers come in the order of the names sorted as text (sorted() puts 'W10' before 'W2', since '1' < "
        "'2'); layer order is W1, W2, ..., WL, by the layer's number": np.array(
            [norms[k] for k in sorted(weights)]
        ),
        "the layers come in the order of the dict's keys; the keys of a dict may come in any order, and the list "
        "is in layer order, W1, W2, ..., WL": np.array([norms[k] for k in weights]),
    }


# ---- exercise 3: features that let a network without a hidden layer separate the circles -------------------

#: What the check trains: notebook 13's playground on the circles, no hidden layer, the learner's features.
CIRCLE_SETTINGS = {"dataset": "circles", "n": 500, "noise": 0.1, "test_ratio": 0.5, "data_seed": 0, "hidden": (),
                   "optimizer": "Adam", "lr": 0.05, "batch_size": 10, "seed": 0}  # fmt: skip
CIRCLE_STEPS, CIRCLE_TARGET = 500, 0.95
_RUNS: dict = {}  # features -> (test accuracy, train accuracy): the same features train alike
_SPELLINGS = {"²": "^2", "**": "^", "₁": "1", "₂": "2", "·": "*", "×": "*", " ": "", "[": "(", "]": ")"}


def _meant(name: str) -> str:
    """The name of FEATURES that ``name`` (not one of them) probably means, or ""."""
    labels = {label.replace(" ", ""): key for key, label in FEATURE_LABELS.items()}
    text = name.strip().replace(" ", "")
    if text in labels:
        return labels[text]
    text = text.lower()
    for wrong, right in _SPELLINGS.items():
        text = text.replace(wrong, right)
    text = {"x1*x1": "x1^2", "x2*x2": "x2^2", "x2*x1": "x1*x2", "x1x2": "x1*x2", "x2x1": "x1*x2"}.get(
        text, text
    )
    if text.startswith("sin") and not text.startswith("sin("):
        text = f"sin({text[3:]})"
    if text in FEATURES:
        return text
    return next(iter(difflib.get_close_matches(text, FEATURES, n=1, cutoff=0.7)), "")


def feature_names(value, what: str) -> tuple:
    """The learner's features as a tuple of names of FEATURES, or the problem with them."""
    names = ", ".join(repr(f) for f in FEATURES)
    if value is Ellipsis or (isinstance(value, (list, tuple)) and any(v is Ellipsis for v in value)):
        raise NotDone("Replace the `...` by the names of the features you choose, then run the cell again.")
    if isinstance(value, str):
        several = "," in value or " " in value.strip()
        raise Problem(
            f"{what}: {value!r} is one string{' holding several names' if several else ''}; write a list of "
            f"names, each name a string of its own in its own quotes, between [ and ] (the names: {names})",
            what,
        )
    if isinstance(value, np.ndarray) and value.ndim == 1 and value.dtype.kind in "USO":
        value = value.tolist()
    if isinstance(value, (set, frozenset)):
        value = sorted(value, key=lambda v: FEATURES.index(v) if v in FEATURES else len(FEATURES))
    if not isinstance(value, (list, tuple)):
        raise Problem(
            f"{what}: {_fmt(value)} is a {type(value).__name__}; write a list of names ({names})", what
        )
    if not value:
        raise Problem(
            f"{what}: the list is empty: the network would have no input. Choose from {names}", what
        )
    for v in value:
        if not isinstance(v, str):
            number = isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool)
            hint = ": the features go by their names, in quotes, not by their numbers" if number else ""
            raise Problem(f"{what}: {_fmt(v)} is not a name{hint}; the names are {names}", what)
        if v not in FEATURES:
            meant = _meant(v)
            hint = f" (is it {meant!r}?)" if meant and meant not in value else ""
            if v.strip().lower().replace(" ", "") in ("x^2", "x**2", "x²"):
                hint = " (each coordinate has its square: two names)"
            raise Problem(f"{what}: {v!r} is not one of the names{hint}; they are {names} (FEATURES)", what)
    twice = [v for v in FEATURES if list(value).count(v) > 1]
    if twice:
        raise Problem(f"{what}: {twice[0]!r} is in the list twice: name each feature once", what)
    return tuple(str(v) for v in value)


def circle_run(features: tuple) -> tuple:
    """(test accuracy, train accuracy) of the playground with ``features`` after CIRCLE_STEPS steps."""
    if features not in _RUNS:
        pg = Playground(features=features, **CIRCLE_SETTINGS)
        pg.step(CIRCLE_STEPS)  # (its last step measures both accuracies)
        _RUNS[features] = (pg.history.test_acc[-1], pg.history.train_acc[-1])
    return _RUNS[features]


def circle_why(features: tuple) -> str:
    """Why these features fall short: what a straight line in the space of these inputs is in the plane."""
    squares = [f for f in ("x1^2", "x2^2") if f in features]
    if len(squares) == 1:
        have, other = ("x₁", "x₂") if squares[0] == "x1^2" else ("x₂", "x₁")
        bent = " (bent by the other inputs)" if len(features) > 1 else ""
        return (
            f"With {have}² and no hidden layer, the network tells points near the centre from points far out along "
            f"{have} only: its boundary is a pair of lines {have} = ±c{bent}, and the ring's points far out along "
            f"{other} fall between them. The disc is round: {other} must count as {have} does"
        )
    if "x1*x2" in features:
        return (
            "x₁x₂ is positive along one diagonal and negative along the other: with no hidden layer, a line in the "
            "space of these inputs is a hyperbola in the plane, and no hyperbola closes around the disc"
        )
    return (
        "With these inputs and no hidden layer, the boundary is a straight line in the plane, at most bent (sin x "
        "grows with x from -1.5 to 1.5, as x does), and such a line never closes around the disc. Which inputs "
        "would make a circle around the centre a straight line in the space of the inputs?"
    )
