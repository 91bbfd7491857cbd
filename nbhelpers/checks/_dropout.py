"""What the dropout check of notebook 10 shares: making a layer of the learner's class (its settings by name),
calling its methods (what an error usually means here), and judging what they return against the mask read
from the training forward's output (a value that came out 0 was dropped).

Dropout's results are judged either way: the book's (x·mask in training, x·(1 − ratio) at inference,
dout·mask backward) or inverted dropout (x·mask/(1 − ratio), x, dout·mask/(1 − ratio)), whichever the
training forward shows, and the rest must agree with it.
"""

from __future__ import annotations

import math

import numpy as np

from ._classes import _learner_line, made_by_name
from ._engine import ChangedInput, NotDone, Problem, Raised, WrongValue, _compare, _fmt, _numbers
from ._layers import _attr, _run

# ---- the learner's layer ---------------------------------------------------------------------------


def _layer(obj, cls, what: str):
    """``obj`` if it has forward and backward methods, else the problem with it."""
    missing = [m for m in ("forward", "backward") if not callable(_attr(obj, m))]
    if not missing:
        return obj
    if isinstance(cls, type):
        raise Problem(
            f"{what}: your class {cls.__name__} has no {missing[0]} method: define it inside the class (indented "
            f"under `class {cls.__name__}:`), with self as its first parameter",
            what,
        )
    raise Problem(
        f"{what} gave {_fmt(obj)} ({type(obj).__name__}), not a layer with forward and backward: pass your class "
        "itself",
        what,
    )


def make_layer(cls, settings: dict, what: str):
    """A layer made by the learner's class with ``settings`` by name (as a network makes its layers), with
    forward and backward methods; or the problem with it."""
    return made_by_name(cls, settings, what, _layer, "as a network makes its layers")


def dropout_data(shape: tuple, seed: int, dtype=np.float64):
    """x and dout of ``shape``, 0.5 to 2 in size, of either sign (never 0: a 0 out of forward is a drop)."""
    rng = np.random.default_rng(seed)
    x, dout = (rng.choice([-1.0, 1.0], shape) * rng.uniform(0.5, 2.0, shape) for _ in range(2))
    return x.astype(dtype), dout.astype(dtype)


def an_array(out, shape: tuple, what: str, returns: str) -> np.ndarray:
    """The learner's result as an array of numbers of ``shape``, or the problem with it; ``returns`` says what
    the method returns ("forward returns the output only")."""
    if isinstance(out, (tuple, list)) and any(isinstance(v, (np.ndarray, tuple, list, dict)) for v in out):
        raise Problem(
            f"{what}: your method returned {len(out)} things at once (a {type(out).__name__}); {returns}",
            what,
        )
    arr = _numbers(out)
    if arr is None:
        raise Problem(f"{what}: your method returned {_fmt(out)} ({type(out).__name__}), not numbers", what)
    if arr.shape != shape:
        raise Problem(
            f"{what}: the result has shape {arr.shape}, expected {shape}: dropout works value by value, so its "
            "result has the shape of what it is given",
            what,
        )
    if np.isnan(arr).any():
        k = tuple(int(i) for i in np.argwhere(np.isnan(arr))[0])
        raise Problem(
            f"{what}: the result holds nan (not a number), at position {k} and maybe elsewhere", what
        )
    return arr


def close(a, b) -> bool:
    """True if ``a`` and ``b`` agree to float32's precision (several formulas of one result differ by
    rounding)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-5, atol=1e-12))


def share_ok(share: float, p: float, n: int) -> bool:
    """True if ``share`` of n draws is within 8 standard deviations of the probability ``p`` (with a seed, a
    correct layer fails by chance less than once in 10^14 checks, whatever way it draws)."""
    return abs(share - p) <= 8 * math.sqrt(p * (1 - p) / n) + 1 / n


def the_same_everywhere(kept: np.ndarray) -> str:
    """What a mask that repeats along the rows or the columns means, or ""."""
    if kept.ndim == 2 and kept.shape[0] > 1 and (kept == kept[0]).all():
        return (
            "the same values were dropped in every example (every row has the same mask): one random number was "
            "drawn per feature; draw one per value, a mask of x's shape"
        )
    if kept.ndim == 2 and kept.shape[1] > 1 and (kept == kept[:, :1]).all():
        return (
            "each example (row) was dropped or kept whole: one random number was drawn per row; draw one per "
            "value, a mask of x's shape"
        )
    return ""


FORWARD_RETURNS = "forward returns the output only (and keeps the mask in self.mask for backward)"
#: (dropout_ratio, seed, the batch's shape, dtype, what the learner reads)
DROPOUT_RUNS = [
    (0.2, 101, (100, 200), np.float64, "a batch of 100 × 200"),
    (0.5, 102, (100, 200), np.float64, "a batch of 100 × 200"),
    (0.3, 103, (60, 80), np.float32, "a float32 batch of 60 × 80"),
]


def method(layer, name: str, args: tuple, what: str):
    """``layer.<name>(*args)`` on copies, or the problem with it (what an error usually means here)."""
    try:
        return _run(layer, name, *args, what=what)
    except NotDone as not_done:  # the method itself still raises NotImplementedError: name it
        raise NotDone(str(not_done) or name) from None
    except ChangedInput:
        arg = "x" if name == "forward" else "dout"
        raise Problem(
            f"{what}: {name} changed the {arg} it was given (`{arg} *= ...` or `{arg}[...] = 0` writes into the "
            f"caller's array, which the network still needs): leave {arg} alone and return a new array ({arg} "
            "times the mask makes one)",
            what,
        ) from None
    except Raised as problem:
        error, text = problem.error, str(problem.error)
        if name == "forward" and isinstance(error, TypeError) and "positional argument" in text:
            problem.instead(
                "forward takes train_flg after x, forward(self, x, train_flg=True): the network passes True in "
                "training and False at inference"
            )
        elif isinstance(error, AttributeError) and "'int' object has no attribute" in text:
            problem.instead(
                "self.rng holds the seed, a number: make a Generator of it in __init__ (np.random.default_rng(rng)) "
                "and draw the mask with it"
            )
        elif isinstance(error, AttributeError) and "Generator' object has no attribute" in text:
            problem.instead(
                "a Generator draws with .random(shape), .uniform(...) or .binomial(...); rand belongs to np.random"
            )
        elif name == "backward" and isinstance(error, TypeError) and "NoneType" in text:
            problem.instead(
                "self.mask is still None: forward (in training) keeps its mask in self.mask for backward"
            )
        raise problem.add(_learner_line(error)) from None


def train_mask(out, x, r: float, what: str) -> tuple:
    """The mask (True: kept) and the kind of dropout ("book" or "inverted") of a training forward's output."""
    arr, x64 = np.asarray(out, dtype=float), x.astype(float)
    kept = arr != 0
    if not kept.any():
        raise Problem(
            f"{what}: every value came out 0: with dropout_ratio = {r}, a value is dropped with probability {r} "
            f"and kept otherwise (about {1 - r:.0%} of them)",
            what,
        )
    for mode, scale in (("book", 1.0), ("inverted", 1 / (1 - r))):
        if close(arr[kept], x64[kept] * scale):
            return kept, mode
    if close(arr, x64 * (1 - r)):
        why = (
            "no value was dropped and every value came out times 1 − ratio: that is what happens at inference "
            "(is train_flg tested the wrong way round?)"
        )
    elif close(arr[kept], x64[kept] * (1 - r)):
        why = (
            "the kept values came out times 1 − ratio: in training a kept value passes as it is (the book; the "
            "scaling by 1 − ratio belongs to inference)"
        )
    elif np.isin(arr, (0.0, 1.0)).all():
        why = "that is the mask itself (1 kept, 0 dropped): forward returns x times the mask"
    else:
        k = tuple(int(i) for i in np.argwhere(kept & ~np.isclose(arr, x64, rtol=1e-5, atol=1e-12))[0])
        why = (
            f"each value is either dropped (0) or passes as it is (x; or x/(1 − ratio) for inverted dropout), but "
            f"at row {k[0]}, column {k[1]} x is {_fmt(x[k])} and forward gave {_fmt(out[k])}"
        )
    raise Problem(f"{what}: {why}", what)


def share(kept, r: float, what: str) -> None:
    """The share of values dropped against dropout_ratio, or the problem with it."""
    n, kept_share = kept.size, float(kept.mean())
    if kept_share == 1.0:
        raise Problem(
            f"{what}: no value was dropped (none came out 0): in training each value is dropped with probability "
            f"dropout_ratio = {r} (is train_flg tested the wrong way round?)",
            what,
        )
    pattern = the_same_everywhere(kept)
    if pattern:
        raise Problem(f"{what}: {pattern}", what)
    if share_ok(kept_share, 1 - r, n):
        return
    said = f"{what}: a share {1 - kept_share:.3f} of the {n} values was dropped"
    said += f", where dropout_ratio = {r} asks for about {r}"
    if share_ok(kept_share, r, n):
        said += (
            ": your mask keeps a value with probability dropout_ratio. dropout_ratio is the share DROPPED: keep a "
            "value where its random number (between 0 and 1) is above the ratio"
        )
    elif r != 0.5 and share_ok(kept_share, 0.5, n):
        said += ": about half, as with dropout_ratio = 0.5: does forward use self.dropout_ratio?"
    raise Problem(said, what)


def judge_backward(dx, dout, out, kept, r: float, mode: str, what: str) -> None:
    scale = 1.0 if mode == "book" else 1 / (1 - r)
    d64 = dout.astype(float)
    expected = d64 * kept * scale
    if close(dx, expected):
        return
    slips = [
        (
            "that is dout unchanged: the gradient flows only where forward kept the value (dout times the mask); "
            "where the value was dropped, it is 0",
            d64,
        ),
        ("that multiplies dout by forward's output; the derivative of x·mask is the mask: dout times the mask", d64 * out),
        ("that is dout times 1 − ratio, the inference scaling: after forward in training, dout times the mask", d64 * (1 - r)),
        ("that is the mask alone: multiply dout by it", kept * scale),
    ]  # fmt: skip
    if mode == "inverted":
        slips.append(
            ("forward divided the kept values by 1 − ratio (inverted dropout), so backward divides dout by it too", d64 * kept)
        )  # fmt: skip
    else:
        slips.append(
            ("backward divides by 1 − ratio, but forward did not: dout times the mask", d64 * kept / (1 - r))
        )
    for slip, result in slips:
        if close(dx, result):
            raise WrongValue(what, f"gives {_fmt(np.asarray(dx)[0])} in its first row: {slip}")
    zero = np.asarray(dx) == 0
    if zero.all():
        raise WrongValue(
            what, "that is 0 everywhere; dout passes where forward kept the value (dout times the mask)"
        )
    new = share_ok(float(zero.mean()), r, zero.size) and not np.array_equal(zero, ~kept)
    if new and close(np.asarray(dx)[~zero], (d64 * scale)[~zero]):
        raise Problem(
            f"{what}: backward let dout through at other places than forward kept: it drew a new mask. Backward uses "
            "the mask of the forward pass before it (forward keeps it in self.mask)",
            what,
        )
    _compare(dx, expected, what, rtol=1e-5, atol=1e-12)
    raise WrongValue(what, f"expected {_fmt(expected)}, got {_fmt(dx)}")  # (close said no: never reached)


def judge_inference(got, x, r: float, mode: str, what: str) -> None:
    x64 = x.astype(float)
    expected = x64 * (1 - r) if mode == "book" else x64
    if close(got, expected):
        return
    arr = np.asarray(got, dtype=float)
    if (arr == 0).any():
        why = (
            f"some values came out 0 ({float((arr == 0).mean()):.0%}): at inference nothing is dropped. Is train_flg "
            "ignored, or tested the wrong way round?"
        )
    elif mode == "book" and close(arr, x64):
        why = (
            f"x passes unchanged, but in training only about {1 - r:.0%} of the values got through, unscaled: the "
            f"next layer would see larger sums at inference than in training. The book scales at inference, x times "
            f"(1 − ratio) = {1 - r:g}. (Inverted dropout instead divides the kept values by 1 − ratio in training, "
            "and leaves x unchanged at inference)"
        )
    elif mode == "inverted" and close(arr, x64 * (1 - r)):
        why = (
            "your training already divides the kept values by 1 − ratio (inverted dropout), so at inference x passes "
            "unchanged: times 1 − ratio scales it twice"
        )
    else:
        _compare(got, expected, what, rtol=1e-5, atol=1e-12)
        why = f"expected {_fmt(expected)}, got {_fmt(got)}"  # (close said no: never reached)
    raise Problem(f"{what}: {why}", what)
