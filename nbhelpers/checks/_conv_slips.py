"""The usual slips of notebook 11's exercises and what a wrong shape usually means: for the output size, the
formulas that make a wrong number; for conv2d and max pooling, what each slip gives for a case (from the checks'
references in ``_conv.py``) and the shape it leaves. When two slips give the same wrong shape for one case, the
learner's function is run on the other cases, and a slip that does not give the learner's shapes there too is
dropped (a slip is named only if it fits every case the function answers).
"""

from __future__ import annotations

import itertools
import math

import numpy as np

from ._conv import SIZE_CASES, conv_cases, correlate, one_array, pool, pool_cases, run_unchanged
from ._engine import NotDone, Problem, _fmt

#: Slips of max pooling's shape that drop an axis: when the cases cannot tell them apart, the learner hears this.
MISSING_AXIS = {"per image", "per channel", "one image", "one map"}

# ---- the output size ---------------------------------------------------------------------------------------

#: What a usual slip means → the formulas that make it (the learner's result may be one of them rounded
#: down, from //, or cut by int()).
SIZE_SLIPS = {
    "the + 1 is missing: (H + 2P − FH)/S counts the steps from the first window to the last; the windows are one "
    "more (a filter as large as the input still has one position)": [lambda h, f, s, p: (h + 2 * p - f) / s],
    "that leaves out the padding, (H − FH)/S + 1: padding P adds P rows of zeros on each side, 2P in "
    "all": [lambda h, f, s, p: (h - f) / s + 1],
    "that adds the padding once, (H + P − FH)/S + 1: padding P adds P rows of zeros on each side (top and "
    "bottom), 2P in all": [lambda h, f, s, p: (h + p - f) / s + 1],
    "that divides FH alone by S, H + 2P − FH/S + 1: without brackets, / comes before − and +; the whole span "
    "H + 2P − FH is divided by S": [lambda h, f, s, p: h + 2 * p - f / s + 1, lambda h, f, s, p: h + 2 * p - f // s + 1],
    "that divides by S + 1, (H + 2P − FH)/(S + 1): divide by S first, then add "
    "1": [lambda h, f, s, p: (h + 2 * p - f) / (s + 1)],
    "that divides H + 2P − FH + 1 by S: divide H + 2P − FH by S first, then add "
    "1": [lambda h, f, s, p: (h + 2 * p - f + 1) / s],
    "that is H − FH: the + 1 is missing, and the stride S and the padding P are left "
    "out": [lambda h, f, s, p: h - f],
    "that is H − FH + 1, the size for stride 1 without padding: the stride S and the padding P are left "
    "out": [lambda h, f, s, p: h - f + 1],
    "that leaves out the stride: H + 2P − FH + 1 is the size for stride 1; with stride S the window moves S "
    "pixels at a time, so divide the span H + 2P − FH by S": [lambda h, f, s, p: h + 2 * p - f + 1],
    "that subtracts 1: the windows are (H + 2P − FH)/S + 1": [lambda h, f, s, p: (h + 2 * p - f) / s - 1],
    "that subtracts the padding, (H − 2P − FH)/S + 1: padding makes the input larger, + "
    "2P": [lambda h, f, s, p: (h - 2 * p - f) / s + 1],
    "that adds the filter size, (H + 2P + FH)/S + 1: the filter takes up room, − "
    "FH": [lambda h, f, s, p: (h + 2 * p + f) / s + 1],
    "that multiplies by S, (H + 2P − FH)·S + 1: a larger stride gives fewer positions, divide by "
    "S": [lambda h, f, s, p: (h + 2 * p - f) * s + 1],
    "input_size and filter_size are swapped, (FH + 2P − H)/S + 1: the filter size is subtracted from the input "
    "size": [lambda h, f, s, p: (f + 2 * p - h) / s + 1],
    "that adds P², (H + P² − FH)/S + 1: padding P adds P rows of zeros on each side, 2P in all (P² is 2P only "
    "for P = 0 and P = 2)": [lambda h, f, s, p: (h + p**2 - f) / s + 1],
    "that adds the padding after dividing by S, (H − FH)/S + 1 + 2P: the 2P rows of zeros widen the input "
    "before the window slides over it, so they are divided by S with the rest, (H + 2P − FH)/S + "
    "1": [lambda h, f, s, p: (h - f) / s + 1 + 2 * p],
    "that is 1 in every case: is it % (the remainder of a division, 0 when the sizes divide) where the whole "
    "quotient, //, belongs? The steps are (H + 2P − FH) divided by S": [lambda h, f, s, p: (h + 2 * p - f) % s + 1],
    "that is OH², the number of windows of a square input, OH·OW: the function gives the length of the "
    "output along one axis, OH": [lambda h, f, s, p: ((h + 2 * p - f) / s + 1) ** 2],
}  # fmt: skip


def size_slip(got: list) -> str | None:
    """The slip of :data:`SIZE_SLIPS` that gives ``got`` (the learner's number for each case) in every case."""
    for slip, formulas in SIZE_SLIPS.items():
        for formula in formulas:
            made = [formula(h, f, s, p) for h, f, s, p, _ in SIZE_CASES]
            if all(_same_number(g, m) for g, m in zip(got, made)):
                return slip
    return None


def _same_number(got: float, made: float) -> bool:
    return any(
        math.isclose(got, v, rel_tol=1e-9, abs_tol=1e-9) for v in (made, math.floor(made), math.trunc(made))
    )


def size_constant(got: list) -> str | None:
    """What the same number in every case (``got``, one for each of SIZE_CASES) says: the arguments are left out."""
    if len(got) == len(SIZE_CASES) and len(set(got)) == 1:
        return (
            f"your function gives {_fmt(got[0])} in every case, whatever its arguments: the size depends on H, "
            "FH, S and P, so it is computed from input_size, filter_size, stride and pad"
        )
    return None


# ---- conv2d -------------------------------------------------------------------------------------------------


def conv_slips(image, kernel) -> dict:
    """What a usual slip of conv2d means → what it gives for this image and kernel (those of the right shape
    are compared)."""
    x, k = np.asarray(image, dtype=float), np.asarray(kernel, dtype=float)
    right = correlate(x, k)
    (fh, fw), (oh, ow) = k.shape, right.shape
    slips = {
        "that flips the kernel (rows and columns reversed, the convolution of mathematics; scipy.signal.convolve2d "
        "does that): the book's convolution slides the kernel as it is, out[i, j] = Σ image[i+u, j+v]·kernel[u, v]": (
            correlate(x, k[::-1, ::-1])
        ),
        "that flips the kernel upside down (its rows reversed): slide the kernel as it is, kernel[u, v] on "
        "image[i+u, j+v]": correlate(x, k[::-1]),
        "that flips the kernel left to right (its columns reversed): slide the kernel as it is, kernel[u, v] on "
        "image[i+u, j+v]": correlate(x, k[:, ::-1]),
        "that is the result transposed (out[j, i] where out[i, j] belongs): i counts the rows (down the image), j "
        "the columns": right.T,
        "that uses the kernel transposed (kernel[v, u] for kernel[u, v]): each kernel value multiplies the pixel at "
        "the same place in the window": correlate(x, k.T) if fh == fw else None,
        "that is the last product only, image[i+FH−1, j+FW−1]·kernel[FH−1, FW−1]: each product is added to the "
        "output (+=), and `=` keeps the last one alone": x[fh - 1 : fh - 1 + oh, fw - 1 : fw - 1 + ow]
        * k[-1, -1],
        "that is the mean of the products (the sum divided by FH·FW): the convolution takes their sum": right
        / k.size,
        "that is the sum of the window's pixels: multiply each pixel by the kernel value at the same place, then "
        "sum": correlate(x, np.ones_like(k)),
        "that is (the sum of the window) × (the sum of the kernel): multiply pixel by kernel value, place by place, "
        "and sum those products": correlate(x, np.ones_like(k)) * k.sum(),
        "that sums the diagonal only (pixel (u, u) times kernel (u, u)): every place (u, v) of the window counts": (
            correlate(x, np.diag(np.diag(k))) if fh == fw else None
        ),
        "that sums the matrix product window @ kernel (a product of matrices multiplies rows by columns); the "
        "convolution multiplies element by element, place by place, then sums": (
            correlate(x, np.tile(k.sum(axis=1), (fh, 1))) if fh == fw else None
        ),
    }
    for which, rows, cols in (("row", True, False), ("column", False, True), ("row and column", True, True)):
        if (not rows or oh > 1) and (not cols or ow > 1):
            short = right.copy()
            if rows:
                short[-1, :] = 0
            if cols:
                short[:, -1] = 0
            slips[
                f"the last {which} of the output {'are' if rows and cols else 'is'} 0: the loop stops one window early (range(H − FH) gives H − FH "
                "positions; there are H − FH + 1, the last window starts at H − FH)"
            ] = short
    for which, rows, cols in (("row", True, False), ("column", False, True), ("row and column", True, True)):
        if (not rows or oh > 1) and (not cols or ow > 1):
            first = right.copy()
            if rows:
                first[0, :] = 0
            if cols:
                first[:, 0] = 0
            slips[
                f"the first {which} of the output {'are' if rows and cols else 'is'} left at 0: do the loops start "
                "at 1? range(OH) counts from 0, and the first window starts at row 0, column 0"
            ] = first
    if (right < 0).any():
        slips[
            "negative sums are set to 0 (a ReLU): the exercise asks for the convolution alone, negative sums and "
            "all; the activation is a layer of its own, after it"
        ] = np.maximum(right, 0)
    if right.size > 1:
        slips[
            "every entry is the same number, the top-left window's sum: the window never moves. The window for "
            "out[i, j] starts at row i, column j of the image"
        ] = np.full_like(right, right[0, 0])
    return {slip: result for slip, result in slips.items() if result is not None}


def conv_shape_slips(h: int, w: int, fh: int, fw: int) -> list:
    """(which slip, the shape it gives, what it means) for an h × w image and an fh × fw kernel."""
    oh, ow = h - fh + 1, w - fw + 1
    short = (
        "one window short: range(H − FH) gives H − FH positions, but there are H − FH + 1 (the last window starts "
        "at row H − FH, column W − FW)"
    )
    return [
        ("full", (h + fh - 1, w + fw - 1), "the 'full' output, every place where the kernel overlaps the image at "
         "all (the default of scipy.signal's convolve2d and correlate2d); the exercise asks for the places where the "
         "kernel lies wholly inside the image ('valid')"),
        ("same", (h, w), "the size of the image (a 'same' output, with padding); without padding the kernel fits "
         f"at H − FH + 1 = {oh} rows and W − FW + 1 = {ow} columns"),
        ("products", (oh, ow, fh, fw), "one FH × FW array of products per window: sum the products of each window"),
        ("FW for FH", (h - fw + 1, w - fh + 1), "FH and FW are used the other way round: FH, the kernel's number "
         "of rows (kernel.shape[0]), goes with H, the image's rows"),
        ("flat", (oh * ow,), f"one flat row of numbers: the output is a 2-D array of {oh} rows and {ow} columns"),
        ("one number", (), "one number: one output value per position of the kernel on the image"),
        ("kernel", (fh, fw), "the kernel's shape: one output value per position of the kernel, not one per kernel "
         "entry"),
        ("rows for both", (oh, oh), f"the output is taken as square, its H − FH + 1 = {oh} rows used for the "
         f"columns too: the image need not be square; its columns, W = image.shape[1], give W − FW + 1 = {ow}"),
        ("columns for both", (ow, ow), f"the output is taken as square, its W − FW + 1 = {ow} columns used for the "
         f"rows too: the image need not be square; its rows, H = image.shape[0], give H − FH + 1 = {oh}"),
        ("stride 2", ((h - fh) // 2 + 1, (w - fw) // 2 + 1), "the window moves 2 pixels at a time (stride 2): this "
         f"convolution has stride 1, a window at every row and column, H − FH + 1 = {oh} rows and W − FW + 1 = {ow} "
         "columns"),
        ("short", (oh - 1, ow - 1), short),
        ("short", (oh - 1, ow), short),
        ("short", (oh, ow - 1), short),
    ]  # fmt: skip


def conv_shape_hint(func, shape: tuple, image, kernel) -> str:
    """What a wrong shape of conv2d's output usually means ("" when nothing is known); two slips that give this
    shape here are told apart by the shapes ``func`` gives for the other cases."""

    def probes():
        for other, k, _ in conv_cases():
            if other.shape != image.shape or k.shape != kernel.shape or not np.array_equal(other, image):
                yield (
                    _probe_shape(func, (other, k), ("image", "kernel")),
                    conv_shape_slips(*other.shape, *k.shape),
                )

    slips = conv_shape_slips(*image.shape, *kernel.shape)
    if 0 in shape:  # no window at all is said below, not "one window short"
        slips = [slip for slip in slips if slip[0] != "short"]
    hint = shape_hint(shape, slips, probes)
    if not hint and len(shape) == 2 and 0 in shape:
        return (
            "no window at all: the loop ranges came out empty (is the kernel taken for the image? The image is the "
            "first argument)"
        )
    return hint


# ---- max pooling ---------------------------------------------------------------------------------------------


def pool_slips(x, ph: int, pw: int, s: int) -> dict:
    """What a usual slip of max pooling means → what it gives here (those that can be computed)."""
    n, c, h, w = x.shape
    oh, ow = (h - ph) // s + 1, (w - pw) // s + 1
    right = pool(x, ph, pw, s, s, oh, ow)

    def each(op):
        return pool(x, ph, pw, s, s, oh, ow, op)

    channels, images, both = (
        np.broadcast_to(right.max(axis=axes, keepdims=True), right.shape) for axes in ((1,), (0,), (0, 1))
    )
    slips = {
        "that is the smallest value of each window (min): max pooling keeps the largest": each(np.min),
        "that is the mean of each window (average pooling): max pooling keeps the largest value": each(
            np.mean
        ),
        "that is the sum of each window: max pooling keeps the largest value": each(np.sum),
        "a window of negative values gives 0: is the output filled with zeros first, and each value compared with "
        "what is there? The largest of negative values is negative": np.maximum(right, 0),
        "that is the position of the largest value in each window (argmax); max pooling keeps the value "
        "itself": each(lambda a, axis: np.argmax(a, axis=axis).astype(float)),
        "that is the largest absolute value of each window: max pooling keeps the largest value, sign and "
        "all": each(lambda a, axis: np.abs(a).max(axis=axis)),
        f"the windows move 1 pixel at a time (stride 1); with stride = {s} the window at output (i, j) starts at "
        "row i·stride, column j·stride": pool(x, ph, pw, 1, 1, oh, ow) if s != 1 else None,
        "the windows move by the pool size (pool_h down, pool_w across); they move by stride, which may differ, "
        "so that windows overlap or leave gaps": pool(x, ph, pw, ph, pw, oh, ow),
        "pool_h and pool_w are swapped: pool_h is the window's height (rows, axis 2), pool_w its width (columns, "
        "axis 3)": pool(x, pw, ph, s, s, oh, ow) if ph != pw else None,
        "that takes the largest value over all channels of an image: each channel is pooled on its own": channels,
        "that takes the largest value over all images of the batch: each image is pooled on its own": images,
        "that takes the largest value over the whole batch, all images and all channels (a max without axis over "
        "x[:, :, rows, columns]): each image and each channel is pooled on its own": both,
        f"the windows are stride × stride ({s} × {s}), not pool_h × pool_w ({ph} × {pw}): the window for output "
        "(i, j) has pool_h rows and pool_w columns, from row i·stride, column j·stride": (
            pool(x, s, s, s, s, oh, ow) if (s, s) != (ph, pw) else None
        ),
    }
    for which, dh, dw in (("one row and one column", 1, 1), ("one row", 1, 0), ("one column", 0, 1)):
        if ph > dh and pw > dw:
            slips[
                f"each window is {which} short, {ph - dh} × {pw - dw} where it is pool_h × pool_w = {ph} × {pw}: a "
                "slice a:b stops before b (its last row is b − 1)"
            ] = pool(x, ph - dh, pw - dw, s, s, oh, ow)
    for k, (which, rest) in enumerate((("image", "images"), ("channel", "channels"))):
        if x.shape[k] > 1:
            first = right.copy()
            first[(slice(None),) * k + (slice(1, None),)] = 0
            slips[
                f"only {which} 0 is pooled, the other {rest} are left at 0: each channel of each image is pooled, "
                "every one on its own"
            ] = first
    return {slip: result for slip, result in slips.items() if result is not None}


def pool_shape_slips(n: int, c: int, h: int, w: int, ph: int, pw: int, s: int) -> list:
    """(which slip, the shape it gives, what it means) for x of shape (n, c, h, w), pool_h × pool_w windows and
    stride s."""
    oh, ow = (h - ph) // s + 1, (w - pw) // s + 1
    per_image = "one map per image: each channel is pooled on its own"
    step = (h - ph) // ph + 1, (w - pw) // pw + 1  # windows side by side; cut to OH × OW, they may be fewer
    side_by_side = (
        "the windows are laid side by side (the pool size used as the step): they move by stride, "
        "OH = (H − pool_h)/stride + 1"
    )
    return [
        ("stride 1", (n, c, h - ph + 1, w - pw + 1), "the windows move 1 pixel at a time (stride 1): the output "
         "has OH = (H − pool_h)/stride + 1 rows"),
        ("swapped", (n, c, (h - pw) // s + 1, (w - ph) // s + 1), "pool_h and pool_w are swapped: pool_h is the "
         "window's height (rows, axis 2), pool_w its width (columns, axis 3)"),
        ("pool step", (n, c, *step), side_by_side),
        ("pool step", (n, c, min(step[0], oh), min(step[1], ow)), side_by_side),
        ("tiles", (n, c, h // ph, w // pw), "the windows are laid side by side (H // pool_h of them): they move "
         "by stride, OH = (H − pool_h)/stride + 1"),
        ("no + 1", (n, c, (h - ph) // s, (w - pw) // s), "the + 1 is missing: OH = (H − pool_h)/stride + 1 (the "
         "first window counts too)"),
        ("H // stride", (n, c, h // s, w // s), "H // stride and W // stride leave out the window's size: OH = "
         "(H − pool_h)/stride + 1"),
        ("padded", (n, c, (h + 2 - ph) // s + 1, (w + 2 - pw) // s + 1), "the maps are padded with a border of "
         "zeros, 1 pixel wide (OH = (H + 2 − pool_h)/stride + 1): max pooling here has no padding, OH = "
         "(H − pool_h)/stride + 1 (and a 0 of the border would beat negative values)"),
        ("x", (n, c, h, w), "the shape of x: each window gives one value"),
        ("global", (n, c), "one value per map, the largest of the whole map (global max pooling): max pooling "
         "gives one value per window, an OH × OW map of them for each image and channel"),
        ("per image", (n, oh, ow), per_image),
        ("per image", (n, 1, oh, ow), per_image),
        ("per channel", (c, oh, ow), "one map per channel: each image of the batch is pooled on its own"),
        ("one image", (1, c, oh, ow), "one image: each image of the batch is pooled on its own"),
        ("one map", (oh, ow), "one map: each image and each channel gets its own"),
        ("flat", (n, c, oh * ow), "each map is flat: it has OH rows and OW columns"),
        ("windows", (n, c, oh, ow, ph, pw), "the windows themselves: each window gives one value, its largest"),
    ]  # fmt: skip


def pool_shape_hint(func, shape: tuple, x, ph: int, pw: int, s: int) -> str:
    """What a wrong shape of max pooling's output usually means ("" when nothing is known); two slips that give
    this shape here are told apart by the shapes ``func`` gives for the other cases."""

    def probes():
        for other, oph, opw, os, _ in pool_cases():
            if (other.shape, oph, opw, os) != (x.shape, ph, pw, s) or not np.array_equal(other, x):
                yield (
                    _probe_shape(func, (other, oph, opw, os), ("x",)),
                    pool_shape_slips(*other.shape, oph, opw, os),
                )

    return shape_hint(tuple(shape), pool_shape_slips(*x.shape, ph, pw, s), probes)


def axes_hint(arr: np.ndarray, expected: np.ndarray) -> str:
    """The right values with their axes in another order: which order ("" if not)."""
    names = ("N", "C", "OH", "OW")
    for perm in itertools.permutations(range(4)):
        moved = expected.transpose(perm)
        if (
            perm != (0, 1, 2, 3)
            and arr.shape == moved.shape
            and np.allclose(arr, moved, rtol=1e-6, atol=1e-9)
        ):
            order = ", ".join(names[k] for k in perm)
            if perm == (0, 1, 3, 2):
                return f"the right values with rows and columns swapped ({order}): output row i comes from rows i·stride ... of x"
            return f"the right values with the axes in the order ({order}); expected (N, C, OH, OW)"
    return ""


# ---- telling slips apart by the shapes of the other cases --------------------------------------------------


def _probe_shape(func, args: tuple, names: tuple) -> tuple | None:
    """The shape of what ``func`` returns for another case (None if it returns no array of numbers)."""
    try:
        return one_array(run_unchanged(func, args, names, "a probe"), "", "").shape
    except (Problem, NotDone):
        return None


def shape_hint(shape: tuple, slips: list, probes) -> str:
    """What ``shape`` means: the slip of ``slips`` (which, the shape it gives, what it means) that gives it; if
    several do, those that also give the learner's shape for each other case, from ``probes()``: (that shape or
    None, that case's slips). "" if none."""
    keys = list(dict.fromkeys(key for key, made, _ in slips if made == shape))
    if len(keys) > 1:
        for got, others in probes():
            if got is not None:
                keys = [key for key in keys if (key, got) in {(k, made) for k, made, _ in others}]
    if len(keys) > 1 and set(keys) <= MISSING_AXIS:
        return "an axis is missing: images and channels each keep their own"
    return next((hint for key, made, hint in slips if keys and key == keys[0] and made == shape), "")
