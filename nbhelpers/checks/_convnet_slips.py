"""The slips of notebook 12's parameter count: its five networks, the count array by array, and the usual slips
(one or two, or the arguments taken in another order) with the counts they give in every network. Private:
used by checks/_convnet.py.
"""

from __future__ import annotations

import itertools
import math
import operator
from types import SimpleNamespace

#: (input_dim, filter_num, filter_size, hidden_size, output_size, what it is): OH and OW come out even.
COUNT_CASES = [
    ((1, 28, 28), 30, 5, 100, 10, "the book's network for MNIST"),
    ((3, 32, 32), 16, 5, 64, 10, "colour images"),
    ((1, 20, 12), 8, 3, 50, 5, "images 20 high and 12 wide"),
    ((2, 15, 11), 6, 4, 20, 3, "2 channels of 15 × 11, 4 × 4 filters"),
    ((3, 10, 14), 5, 7, 12, 4, "3 channels of 10 × 14, 7 × 7 filters"),
]


def _arrays(dim, fn, fs, hidden, out, changed=None, d=operator.truediv) -> dict:
    """The size of each parameter array (W2 as flat · times: its inputs times hidden_size), with the entries
    ``changed`` (name → function of the sizes, ``v.d`` dividing by / or //) computed the slip's way."""
    (c, h, w), oh, ow = dim, dim[1] - fs + 1, dim[2] - fs + 1
    v = SimpleNamespace(c=c, h=h, w=w, fn=fn, fs=fs, oh=oh, ow=ow, hd=hidden, o=out, d=d)
    sizes = dict(
        W1=fn * c * fs * fs, b1=fn, flat=fn * d(oh, 2) * d(ow, 2), times=hidden, b2=hidden, W3=hidden * out
    )
    return {**sizes, "b3": out, **{k: f(v) for k, f in (changed or {}).items()}}  # fmt: skip


def _total(a: dict) -> float:
    return a["W1"] + a["b1"] + a["flat"] * a["times"] + a["b2"] + a["W3"] + a["b3"]


_FLAT = "Affine1's inputs are the FN maps of (OH/2) × (OW/2) values the pooling leaves"
_SHRINKS = "the convolution shrinks the image first: a filter fits OH = H − FS + 1 times down it"
#: What a usual slip means → the arrays it changes (each also computed with // for /).
COUNT_SLIPS = {
    "the biases are missing: b1 (one per filter, FN), b2 (hidden_size) and b3 (output_size)": {
        "b1": lambda v: 0, "b2": lambda v: 0, "b3": lambda v: 0},
    "the convolution's biases b1 are missing: one per filter, FN of them": {"b1": lambda v: 0},
    "Affine1's biases b2 are missing: one per hidden unit": {"b2": lambda v: 0},
    "Affine2's biases b3 are missing: one per output": {"b3": lambda v: 0},
    "the affine layers' biases b2 and b3 are missing (hidden_size and output_size)": {
        "b2": lambda v: 0, "b3": lambda v: 0},
    "Affine2's biases b3 are one per output, output_size of them, not hidden_size": {"b3": lambda v: v.hd},
    "the convolution layer is missing: its filters are parameters too, W1 (FN·C·FS·FS weights) and b1 (FN "
    "biases)": {"W1": lambda v: 0, "b1": lambda v: 0},
    "the channels C are missing: a filter has an FS × FS grid of weights for each of the C input channels, so W1 "
    "holds FN·C·FS·FS": {"W1": lambda v: v.fn * v.fs**2},
    "a filter has C·FS weights: it is FS × FS per channel, FS·FS (FS squared)": {"W1": lambda v: v.fn * v.c * v.fs},
    "a filter has C·FS·2 weights (`* 2` for `** 2`?): it is FS × FS per channel, FS·FS": {
        "W1": lambda v: v.fn * v.c * v.fs * 2},
    "a filter has (C·FS)² weights: only FS is squared, C·FS·FS": {"W1": lambda v: v.fn * (v.c * v.fs) ** 2},
    "b1 has one bias per filter and channel (FN·C): a filter adds one bias to its sum over all channels": {
        "b1": lambda v: v.fn * v.c},
    "the pooling is left out: 2 × 2 pooling with stride 2 halves each map's height and width; " + _FLAT: {
        "flat": lambda v: v.fn * v.oh * v.ow},
    "the pooled size is halved once: the pooling halves the height AND the width, leaving a quarter; " + _FLAT: {
        "flat": lambda v: v.d(v.fn * v.oh * v.ow, 2)},
    "each side is divided by 4: 2 × 2 pooling with stride 2 halves each side, which divides the area by 4; "
    + _FLAT: {"flat": lambda v: v.fn * v.d(v.oh, 4) * v.d(v.ow, 4)},
    f"that halves H and W, not OH and OW: {_SHRINKS}; " + _FLAT: {"flat": lambda v: v.fn * v.d(v.h, 2) * v.d(v.w, 2)},
    "the + 1 is missing: OH = H − FS + 1 (a filter as large as the image still fits once)": {
        "flat": lambda v: v.fn * v.d(v.oh - 1, 2) * v.d(v.ow - 1, 2)},
    "the pooling moves 1 pixel at a time (stride 1, the book's Pooling default): here it has stride 2, so each "
    "map shrinks to (OH/2) × (OW/2)": {"flat": lambda v: v.fn * (v.oh - 1) * (v.ow - 1)},
    "FN is missing from the flattened size; " + _FLAT: {"flat": lambda v: v.d(v.oh, 2) * v.d(v.ow, 2)},
    "C is counted in Affine1's inputs: the pooled maps are FN, one per filter (a filter sums over the channels)": {
        "flat": lambda v: v.c * v.fn * v.d(v.oh, 2) * v.d(v.ow, 2)},
    "OW is taken equal to OH (a square image): here the images are H × W, and OW = W − FS + 1": {
        "flat": lambda v: v.fn * v.d(v.oh, 2) ** 2},
    "OH is taken equal to OW (a square image): here the images are H × W, and OH = H − FS + 1": {
        "flat": lambda v: v.fn * v.d(v.ow, 2) ** 2},
    "that gives Affine1 the C·H·W pixels, as in a network without convolution; " + _FLAT: {
        "flat": lambda v: v.c * v.h * v.w},
    "W2 is not multiplied by hidden_size: each of Affine1's inputs has one weight per hidden unit": {
        "times": lambda v: 1},
    "Affine2's weights W3 (hidden_size × output_size) are missing": {"W3": lambda v: 0},
    "the last layer, Affine2 (hidden_size × output_size weights and output_size biases), is missing": {
        "W3": lambda v: 0, "b3": lambda v: 0},
}  # fmt: skip

_DIVS = (operator.truediv, operator.floordiv)


def _slip_totals(slips) -> list:
    """For each slip (a text and the arrays it changes), its count in every case, with / and with //."""
    return [
        (text, [_total(_arrays(*case[:5], changed, d)) for case in COUNT_CASES])
        for text, changed in slips
        for d in _DIVS
    ]


_PAIRS = itertools.combinations(COUNT_SLIPS.items(), 2)
_PAIRS = _slip_totals((f"{a}; and {b}", {**ca, **cb}) for (a, ca), (b, cb) in _PAIRS if not ca.keys() & cb.keys())  # fmt: skip
_SINGLE = _slip_totals(COUNT_SLIPS.items()) + [  # (C, H, W) read as (H, W, C): C = input_dim[2], H = input_dim[0]
    ("input_dim is (C, H, W), channels first: C, H, W = input_dim (it was read as (H, W, C))",
     [_total(_arrays((d[2], d[0], d[1]), *case, d=div)) for d, *case, _ in COUNT_CASES])
    for div in _DIVS
]  # fmt: skip


def _reordered(order: tuple, case: tuple) -> list:
    """(filter_num, filter_size, hidden_size, output_size) as a function whose parameters after input_dim are
    ``order`` (indices into that tuple) reads them when called the exercise's way: its j-th parameter, the
    quantity ``order[j]``, gets the j-th number of ``case``."""
    got = [0] * 4
    for j, k in enumerate(order):
        got[k] = case[1 + j]
    return got


_ARGS = ("filter_num", "filter_size", "hidden_size", "output_size")
#: The right count by a function whose parameters after input_dim come in another order (one of the 23).
_ORDERS = [
    (f"the parameters are in another order: the function is called as convnet_param_count(input_dim, "
     f"{', '.join(_ARGS)}), and yours takes them as (input_dim, {', '.join(_ARGS[k] for k in order)})",
     [_total(_arrays(case[0], *_reordered(order, case), d=div)) for case in COUNT_CASES])
    for order in itertools.permutations(range(4)) if order != (0, 1, 2, 3)
    for div in _DIVS
]  # fmt: skip


def _close(a, b) -> bool:
    return a is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _count_slip(got: list, k: int) -> str | None:
    """The slip that gives the learner's numbers ``got`` (None where a case gave none) in every case, first of
    one slip, then of parameters in another order, then of two slips; else one slip that gives it in case
    ``k`` alone."""
    for group in (_SINGLE, _ORDERS, _PAIRS):
        for text, totals in group:
            if all(g is None or _close(g, t) for g, t in zip(got, totals)):
                return text
    return next((text for text, totals in _SINGLE if _close(got[k], totals[k])), None)
