"""What notebook 12's checks do (their public checks are in checks/conv.py, with the docstrings): the
convolutional network's number of parameters, and its predicted labels computed a batch at a time. The count
names the usual slip (one or two, or the parameters in another order: the tables are in checks/_convnet_slips.py)
that gives the learner's numbers for all five networks; the labels hand the learner's function a stand-in
network (:class:`_CheckNet`) whose ``predict`` notes the images of every call and answers with scores the check
chose. Private: used by checks/conv.py.
"""

from __future__ import annotations

import functools
import math
import warnings
from collections import Counter

import numpy as np

from ._classes import _learner_line
from ._convnet_slips import COUNT_CASES, _arrays, _close, _count_slip, _total
from ._engine import Problem, Raised, WrongShape, _call, _compare, _fmt, _numbers, _one_number

# ---- the number of parameters ---------------------------------------------------------------------------

_WHATS = [f"{text}, input_dim={dim}, filter_num={fn}, filter_size={fs}, hidden_size={hd}, output_size={o}"
          for dim, fn, fs, hd, o, text in COUNT_CASES]  # fmt: skip


def _show(value) -> str:
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else f"{value:.10g}"


def _count_value(out, what: str, expected: int) -> float:
    """The learner's count as a float, or the problem with it (a list or dict of counts adding up, True...)."""
    if isinstance(out, (bool, np.bool_)):
        raise Problem(f"{what}: your function returned {out}; the count is a number of parameters", what)
    if isinstance(out, (dict, list, tuple)) or (isinstance(out, np.ndarray) and out.size > 1):
        parts = _numbers(list(out.values()) if isinstance(out, dict) else out)
        if parts is None or parts.size != 1:  # (one number in a list: _one_number says what to do)
            adds = parts is not None and _close(float(parts.sum()), expected)
            raise Problem(f"{what}: your function returned a {type(out).__name__} of length {len(out)}"
                          + (", which add up to the right count: return their sum" if adds else "")
                          + "; the count is one number, the sizes of all arrays of the network added up", what)  # fmt: skip
    value = _one_number(out, what, "the number of parameters").item()
    try:
        return float(value)
    except OverflowError:  # a Python int beyond floats
        return math.inf


def _count_raised(problem: Problem) -> Problem:
    """What an error of the count usually means here."""
    if isinstance(problem, Raised) and isinstance(problem.error, (TypeError, ValueError)):
        text = str(problem.error)
        if "unpack" in text or "tuple" in text:
            return problem.instead("input_dim is a tuple of three numbers, (C, H, W): C, H, W = input_dim")
        return problem.add(_learner_line(problem.error))
    return problem


def param_count_body(func) -> str:
    """The body of conv.check_convnet_param_count: judges the five networks' counts; returns what was checked,
    or raises the first problem."""
    expected = [int(_total(_arrays(*case[:5]))) for case in COUNT_CASES]
    got, problems = [None] * len(COUNT_CASES), [None] * len(COUNT_CASES)
    for k, (case, what) in enumerate(zip(COUNT_CASES, _WHATS)):
        try:
            got[k] = _count_value(_call(func, *case[:5], what=what), what, expected[k])
        except Problem as problem:  # (a skeleton's NotDone goes through: nothing to judge)
            problems[k] = _count_raised(problem)
    for k, (value, problem, what) in enumerate(zip(got, problems, _WHATS)):
        if problem is not None:
            raise problem
        if _close(value, expected[k]):
            continue
        told = f"{what}: expected {expected[k]}, got {_show(value)}"
        if k > 0 and all(_close(g, got[0]) for g in got if g is not None):
            raise Problem(f"{told}, the same number as for every other network: your function does not use its "
                          "arguments (a number worked out by hand, or variables defined outside it?)", what)  # fmt: skip
        slip = _count_slip(got, k)
        if slip is not None:
            raise Problem(f"{told}: {slip}", what)
        sizes = {k2: int(v2) for k2, v2 in _arrays(*COUNT_CASES[k][:5]).items()}
        sizes["W2"] = sizes.pop("flat") * sizes.pop("times")
        shown = ", ".join(f"{name} {sizes[name]}" for name in ("W1", "b1", "W2", "b2", "W3", "b3"))
        raise Problem(f"{told} (the arrays hold {shown})", what)
    return "the book's network (433890), colour (C = 3) and non-square images, filters 3, 4, 5, 7: all right"


# ---- the predicted labels, a batch at a time ---------------------------------------------------------


class _CheckNet:
    """A stand-in network: ``predict(x)`` finds each image of x ((N, C, H, W) or flattened rows (N, C·H·W))
    among the check's images, notes their positions (-1 for an image that is not one of them) and returns the
    scores the check chose for them, float32 (N, 10). It is also its own one layer, for a loop over
    ``net.layers``."""

    def __init__(self, x: np.ndarray, scores: np.ndarray):
        self.image_shape, self.scores, self.calls, self.refused = x.shape[1:], scores, [], None
        self.index = {image.tobytes(): k for k, image in enumerate(x.reshape(len(x), -1))}
        self.layers = {"Affine": self}

    def predict(self, x, train_flg=False):
        arr, shape = np.asarray(x, dtype=np.float32), self.image_shape
        if arr.shape[1:] != shape and (arr.ndim != 2 or arr.shape[1] != np.prod(shape)):
            self.refused = arr.shape
            raise ValueError(f"predict: x must hold images of shape (N, {', '.join(map(str, shape))}) or flattened "
                             f"rows (N, {np.prod(shape)}); got x of shape {arr.shape}")  # fmt: skip
        ids = [self.index.get(row.tobytes(), -1) for row in arr.reshape(len(arr), int(np.prod(shape)))]
        self.calls.append(ids)
        return np.array([self.scores[k] if k >= 0 else np.zeros(10) for k in ids], np.float32).reshape(
            len(ids), 10
        )

    forward = predict


class _NotedX(np.ndarray):
    """x that notes the keys of every ``x[...]`` taken of it (in ``noted``; its slices do not)."""

    def __getitem__(self, key):
        if getattr(self, "noted", None) is not None:
            self.noted.append(key)
        return super().__getitem__(key)


#: (N, the shape of an image, batch_size or None for the default, what it is)
LABEL_CASES = [
    (250, (1, 28, 28), 100, "250 images (1, 28, 28) in batches of 100 (the last holds 50)"),
    (10, (1, 5, 6), 3, "10 images (1, 5, 6) in batches of 3 (the last holds 1)"),
    (7, (3, 8, 8), 100, "7 colour images (3, 8, 8), fewer than batch_size = 100"),
    (64, (1, 6, 6), 16, "64 images (1, 6, 6) in batches of 16 (4 full batches)"),
    (230, (1, 4, 4), None, "230 images (1, 4, 4), predict_labels(net, x) with the default batch_size (100)"),
]
_IN_ORDER = "x[i:i + batch_size] for i = 0, batch_size, 2·batch_size, ... up to N"


def _labels_raised(problem: Raised, net: _CheckNet, bs: int | None) -> Raised:
    """What an error of predict_labels usually means here."""
    error, text = problem.error, str(problem.error)
    if net.refused == net.image_shape:
        return problem.instead("net.predict takes a batch of images (N, C, H, W), even for one image: x[i] is one "
                               "image without the batch axis; x[i:i + batch_size] is a batch")  # fmt: skip
    if net.refused is not None or ("reshape" in text and "784" in text):
        return problem.instead(f"the images here are {net.image_shape}: hand net.predict x's images as they are, "
                               "x[i:i + batch_size] (the network takes them in any shape it accepts)")  # fmt: skip
    if isinstance(error, AttributeError) and "_CheckNet" in text:
        return problem.instead("the network here is the check's own, with predict(x) only: predict_labels gets "
                               "the scores from net.predict(a batch of images)")  # fmt: skip
    if bs is None and isinstance(error, TypeError) and "batch_size" in text:
        return problem.instead("predict_labels(net, x) leaves out batch_size: its default is batch_size=100")
    return problem.add(_learner_line(error))


def _labels_array(out, what: str, n: int, net: _CheckNet, right: np.ndarray) -> np.ndarray:
    """The learner's labels as a 1-D array of numbers, or the problem with their form."""
    if isinstance(out, (list, tuple)) and any(isinstance(v, (list, tuple)) or np.ndim(v) > 0 for v in out):
        parts = [np.ravel(v) for v in map(_numbers, out) if v is not None]
        ok = sum(map(len, parts)) == n and np.array_equal(np.concatenate(parts), right)
        raise Problem(f"{what}: your function returned a {type(out).__name__} of {len(out)} arrays" + (
            ", one per batch, holding the right labels: join them into one array, np.concatenate(...)" if ok
            else f"; return one array of {n} labels, one per image"), what)  # fmt: skip
    arr = _numbers(out)
    if arr is None:
        nxt = " (a generator: make a list of it, list(...))" if hasattr(out, "__next__") else ", not numbers"
        raise Problem(
            f"{what}: your function returned {type(out).__name__}{nxt}; return an array of {n} labels", what
        )
    if arr.dtype.kind == "b":
        raise Problem(
            f"{what}: your function returned True/False values, {_fmt(arr)}; return the labels", what
        )
    if arr.shape == net.scores.shape:
        raise Problem(f"{what}: your function returned {n} rows of 10 numbers (the scores?): the label of an image "
                      "is the position of its largest score (np.argmax along each row, axis=1)", what)  # fmt: skip
    if arr.ndim == 2 and arr.size == n and np.array_equal(arr.reshape(-1), right):
        raise Problem(f"{what}: the right labels, but of shape {arr.shape}; return a 1-D array of shape ({n},) "
                      "(np.argmax with axis=1 but without keepdims, or batches joined with np.concatenate)", what)  # fmt: skip
    if arr.ndim != 1:
        raise WrongShape(what, arr.shape, (n,))
    return arr


def _empty_slice(key, n: int) -> slice | None:
    """The slice of images in ``key`` (of ``x[key]``, x holding n images) if it starts after 0 and is empty."""
    key = key[0] if isinstance(key, tuple) and key else key
    try:
        return key if isinstance(key, slice) and key.start and not range(n)[key] else None
    except (TypeError, ValueError):  # not whole numbers, or a step of 0
        return None


def _first_batch(n: int, bs: int, keys: list) -> str:
    """Why net.predict got the first batch alone, from the keys of the ``x[...]`` the learner's function took."""
    empty = [k for k in (_empty_slice(key, n) for key in keys) if k is not None]
    if not empty:
        return "is `return` inside the loop?"
    k = empty[0]
    if k.stop == bs:
        return (f"the later batches are empty: x[{k.start}:{k.stop}] holds no image (the slice ends at batch_size, "
                "not at i + batch_size); a batch is x[i:i + batch_size]")  # fmt: skip
    return f"the later batches are empty (x[{k.start}:{k.stop}] holds no image): {_IN_ORDER}"


def _length_hint(arr, n: int, bs: int, net: _CheckNet, keys) -> str:
    """Why the learner gave ``len(arr)`` labels for n images: told by what net.predict saw, and by the keys of
    the ``x[...]`` the learner's function takes (``keys()``: it runs the function again on a noting x)."""
    calls = [net.scores[ids] for ids in net.calls if ids]
    slips = {
        "np.argmax over axis 0 gives, for each class, the image with the largest score; an image's label is along "
        "its row, axis=1": [c.argmax(axis=0) for c in calls],
        "np.argmax without axis gives one position for a whole batch (in the flattened scores); each image's label "
        "is along its row, axis=1": [c.argmax(keepdims=True).ravel() for c in calls],
        "those are the labels of the last batch alone: each batch's labels replaced the ones before; collect them "
        "all (append each batch's, then np.concatenate)": [c.argmax(axis=1) for c in calls[-1:]] * (len(calls) > 1),
        "those are the labels of the first batch alone: ": [
            c.argmax(axis=1) for c in calls[:1]] * (len(calls) == 1 and n > bs),
    }  # fmt: skip
    for text, rows in slips.items():
        if rows and len(made := np.concatenate(rows)) == len(arr) and np.array_equal(made, arr):
            return text + _first_batch(n, bs, keys()) if text.endswith(": ") else text
    seen = Counter(k for ids in net.calls for k in ids)
    twice = sorted(k for k, m in seen.items() if m > 1)
    if len(arr) > n and twice:
        return (f"net.predict saw image {twice[0]} (and {len(twice) - 1} more) twice: the batches overlap. Each "
                f"batch ends where the next begins: {_IN_ORDER}")  # fmt: skip
    if (
        len(arr) < n
        and sorted(seen) == list(range(len(arr)))
        and np.array_equal(arr, net.scores[: len(arr)].argmax(1))
    ):
        if len(arr) == n // bs * bs:
            return (f"the loop stops before the last, short batch of {n - len(arr)} images (N // batch_size counts full "
                    "batches only; range(0, N − batch_size, ...) stops a batch early): range(0, N, batch_size) takes "
                    "the short one too")  # fmt: skip
        return (f"the last {n - len(arr)} images were never given to net.predict: the loop stops early "
                "(range(0, N − batch_size, batch_size)?); range(0, N, batch_size) goes on to the last image")  # fmt: skip
    return "one label per image"


def _batching(sizes: list, n: int, size: int) -> str:
    """What is wrong with the sizes of the batches net.predict got ("" if nothing)."""
    if max(sizes) > size:
        if size != 100 and sizes == [min(100, n - i) for i in range(0, n, 100)]:
            return f"got batches of 100, and batch_size is {size}: use the argument batch_size"
        if n in sizes:
            return (f"got all {n} images in one call: give it batch_size = {size} images at a time, x[i:i + "
                    "batch_size] (a batch needs memory for its images, not for all)")  # fmt: skip
        return f"got {max(sizes)} images in one call, more than batch_size = {size}: {_IN_ORDER}"
    if sizes.count(0) > 1:
        return (f"was called {sizes.count(0)} times on no image at all: the loop runs past the end of x (len(x) "
                "counts the images; x.size counts every pixel)")  # fmt: skip
    return ""


_FLOATS = "your labels are floats holding whole numbers (np.argmax gives ints, which can index)"
_ONE_BY_ONE = "net.predict got one image per call: one batch of batch_size images per call is much faster"


def _noted_keys(func, x: np.ndarray, scores: np.ndarray, bs: int | None) -> list:
    """The keys of the ``x[...]`` that ``func`` takes, run again on a noting copy of x (errors ignored)."""
    noted = x.copy().view(_NotedX)
    noted.noted = []
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            func(*((_CheckNet(x, scores), noted) if bs is None else (_CheckNet(x, scores), noted, bs)))
        except Exception:  # the learner's code: anything can happen; what it took before is noted
            pass
    return noted.noted


def _labels_case(func, n: int, shape: tuple, bs: int | None, what: str, seed: int) -> set:
    """Judge one call; the notes for labels right in a way worth a word (floats, one image per call)."""
    rng = np.random.default_rng(seed)
    x = rng.random((n, *shape), dtype=np.float32)
    scores = rng.normal(size=(n, 10)).astype(np.float32)
    right, net, size = scores.argmax(axis=1), _CheckNet(x, scores), 100 if bs is None else bs
    try:
        out = _call(func, *((net, x) if bs is None else (net, x, bs)), what=what)
    except Raised as problem:
        raise _labels_raised(problem, net, bs) from None
    if not net.calls:
        why = "its parameter net: does it use a network defined outside it?"
        if n < size:
            why = f"for {n} images in batches of {size}, does its loop run at all? N // batch_size is 0"
        raise Problem(f"{what}: your function never called net.predict of the network it was given ({why})", what)  # fmt: skip
    strangers = sum(k < 0 for ids in net.calls for k in ids)
    if strangers:
        raise Problem(f"{what}: net.predict got {strangers} images that are not those of the x given (another x, "
                      f"defined outside the function? scaled?): give it {_IN_ORDER}", what)  # fmt: skip
    arr = _labels_array(out, what, n, net, right)
    keys = functools.partial(_noted_keys, func, x, scores, bs)
    if len(arr) != n:
        raise Problem(
            f"{what}: {len(arr)} labels for {n} images: {_length_hint(arr, n, size, net, keys)}", what
        )
    floats = arr.dtype.kind == "f" and bool(np.all(arr == right))
    largest = {
        "score": scores.max(1),
        "probability": 1 / np.exp(scores - scores.max(1, keepdims=True)).sum(1),
    }
    for text, made in largest.items():
        if arr.dtype.kind == "f" and np.allclose(arr, made, rtol=1e-5, atol=1e-6):
            raise Problem(f"{what}: your function returned each image's largest {text}, {_fmt(arr)}; the label is "
                          "its position (np.max gives the value, np.argmax its position)", what)  # fmt: skip
    slips = {
        "the right labels in reverse order: label k belongs to image x[k]": right[::-1],
        "that is the position of each image's smallest score (argmin); the label is the largest's": scores.argmin(1),
        "each label is 1 too large: classes are numbered from 0, as np.argmax counts positions": right + 1,
        f"the right labels in another order: label k belongs to image x[k], so go through x in order, {_IN_ORDER}": (
            arr if np.array_equal(np.sort(arr), np.sort(right)) else right),
    }  # fmt: skip
    _compare(arr, right, what, rtol=0, atol=0, slips=slips)
    sizes = [len(ids) for ids in net.calls]
    wrong = _batching(sizes, n, size)
    if wrong:
        raise Problem(f"{what}: right labels, but net.predict {wrong}", what)
    one_by_one = n > 1 and size > 1 and max(sizes) == 1
    return {text for text, noted in ((_FLOATS, floats), (_ONE_BY_ONE, one_by_one)) if noted}


def predict_labels_body(func) -> str:
    """The body of conv.check_predict_labels: judges the five calls; returns what was checked (with the notes),
    or raises the first problem."""
    notes = set()
    for seed, (n, shape, bs, what) in enumerate(LABEL_CASES, start=120):
        notes |= _labels_case(func, n, shape, bs, what, seed)
    note = "".join(f"; {text}" for text in (_FLOATS, _ONE_BY_ONE) if text in notes)
    return (
        "250 images in batches of 100, 10 in batches of 3, 7 (fewer than batch_size), 64 in 4 batches of 16, 230 with "
        f"the default batch_size: every label right and in order, at most batch_size images per call{note}"
    )
