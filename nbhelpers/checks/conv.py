"""Notebooks 11 and 12's exercises. Notebook 11: the output size of a convolution, a convolution of one
channel with one filter, and max pooling of a batch of images. Notebook 12: the number of parameters of the
convolutional network, and its predicted labels computed a batch at a time.

Each check of notebook 11 calls the learner's function on small cases it computes itself by plain loops (the
book's examples first, then non-square images, kernels and windows, overlapping windows, negative values,
float32), names a usual slip when the result is one, and else shows the case, what was expected and what came
back (``checks/_conv.py``: the references and cases; ``checks/_conv_slips.py``: the slips;
``checks/_conv_judge.py``: one case of conv2d or max pooling judged). Notebook 12's count check names the
usual slip that gives the learner's numbers for all five networks, and its labels check hands the learner's
function a stand-in network that notes every batch (``checks/_convnet.py``, ``checks/_convnet_slips.py``).
"""

from __future__ import annotations

import math

import numpy as np  # noqa: F401 (the examples in the docstrings use it)

from ._classes import learner_name
from ._conv import SIZE_CASES, _size, conv_cases, has_defaults, pool_cases, size_value
from ._conv_judge import conv_case, pool_case
from ._conv_slips import size_constant, size_slip
from ._convnet import param_count_body, predict_labels_body
from ._engine import Problem, WrongValue, _fmt, check

__all__ = [
    "check_conv_output_size",
    "check_conv2d",
    "check_max_pooling",
    "check_convnet_param_count",
    "check_predict_labels",
]


# ---- the output size ---------------------------------------------------------------------------------------


@check("conv output size")
def check_conv_output_size(func) -> str:
    """Check ``func(input_size, filter_size, stride, pad)``: the length OH = (H + 2P − FH)/S + 1 of a
    convolution's output along one axis, for an input of length H, a filter of length FH, stride S and padding
    P. The function is called with all four (by position); if it has defaults for stride and pad, once more
    with the first two only (stride 1 and pad 0, the book's defaults, must be them).

    Nine cases, all of which divide evenly: the book's three examples of §7.2.4 (4 and 3 with padding 1, 7 and 3
    with stride 2, 28 × 31 and 5 with stride 3 and padding 2), a filter as large as the input (1), MNIST's 28
    with 5 (24), 2 × 2 pooling's 24 with 2 and stride 2 (12), and two more. A whole number passes, and so does a
    float equal to it (3.0 from /; with a remark: a shape needs an int).

    Book §7.2.4; notebook 11.

    >>> def no_plus_one(input_size, filter_size, stride=1, pad=0):
    ...     return (input_size + 2 * pad - filter_size) // stride
    >>> check_conv_output_size(no_plus_one)  # doctest: +ELLIPSIS
    ✗ conv output size: no_plus_one(4, 3, 1, 0), the book's 4 × 4 input with a 3 × 3 filter (H = 4, FH = 3, S = 1, P = 0): expected 2, got 1: the + 1 is missing: ...
    False
    """
    name = learner_name(func, "conv_output_size")
    got, whats, floats = [], [], False
    for h, f, s, p, text in SIZE_CASES:
        what = f"{name}({h}, {f}, {s}, {p}), {text} (H = {h}, FH = {f}, S = {s}, P = {p})"
        try:
            value, is_float = size_value(func, (h, f, s, p), what)
        except Problem:
            if any(not math.isclose(g, _size(*c[:4]), abs_tol=1e-9) for g, c in zip(got, SIZE_CASES)):
                break  # an earlier case was already wrong: that is what the learner hears about
            raise
        floats |= is_float
        got.append(value)
        whats.append(what)
    for k, (g, what) in enumerate(zip(got, whats)):
        h, f, s, p, _ = SIZE_CASES[k]
        expected = _size(h, f, s, p)
        if not math.isclose(g, expected, rel_tol=1e-9, abs_tol=1e-9):
            shown = _fmt(g)
            slip = size_slip(got)
            if slip:
                raise WrongValue(what, f"expected {expected}, got {shown}: {slip}")
            constant = size_constant(got)
            raise WrongValue(
                what,
                f"expected {expected} = ({h} + 2·{p} − {f})/{s} + 1 = {h + 2 * p - f}/{s} + 1, got {shown}"
                + (f": {constant}" if constant else ""),
            )
    if has_defaults(func):
        what = f"{name}(28, 5), stride and pad left at their defaults"
        value, _ = size_value(func, (28, 5), what)
        if not math.isclose(value, 24, abs_tol=1e-9):
            raise WrongValue(
                what,
                f"expected 24, got {_fmt(value)}: the defaults are stride=1 and pad=0 (the book's), so that the "
                "function can be called with the input and filter sizes only",
            )
    said = (
        "the book's examples 4, 7, 28 × 31 with padding 1, stride 2, stride 3 and padding 2, a filter as large as "
        "the input, MNIST's 28 with 5, 2 × 2 pooling of 24 with stride 2, and two more"
    )
    if floats:
        said += (
            ". Note: your function returns floats (such as 2.0, from /); the numbers are right, but a shape, "
            "np.zeros((OH, OW)), or range(OH) needs a whole number, an int: // or int(...) gives one"
        )
    return said


# ---- conv2d -------------------------------------------------------------------------------------------------


@check("conv2d")
def check_conv2d(func) -> str:
    """Check ``func(image, kernel)``: one channel, one filter, stride 1, no padding: out[i, j] = Σ_u,v
    image[i+u, j+v]·kernel[u, v] (the book's convolution: the kernel is not flipped), of shape (H − FH + 1,
    W − FW + 1). Any way passes: loops, slicing, a sum of products, sliding windows, einsum, tensordot; a list of
    rows; a result as precise as the input or more (float64, or float32 for the float32 case), or an int one whose
    values are right. image and kernel must stay unchanged.

    Five cases: the book's 4 × 4 image with its 3 × 3 filter (§7.2.2: [[15, 16], [6, 15]]), a 5 × 7 image with a
    2 × 3 kernel, a 6 × 4 image with a 3 × 2 kernel, a float32 6 × 8 image of an edge with the Sobel x filter,
    and a 3 × 4 kernel on a 3 × 4 image (one window). Values agree within 64 float rounding errors of the
    largest sum of |products|.

    Book §7.2.2; notebook 11.

    >>> def flipped(image, kernel):
    ...     k = kernel[::-1, ::-1]
    ...     fh, fw = k.shape
    ...     oh, ow = image.shape[0] - fh + 1, image.shape[1] - fw + 1
    ...     return np.array([[np.sum(image[i:i + fh, j:j + fw] * k) for j in range(ow)] for i in range(oh)])
    >>> check_conv2d(flipped)  # doctest: +ELLIPSIS
    ✗ conv2d: flipped(image, kernel), the book's 4 × 4 image and 3 × 3 filter: gives [[...]]: that flips the kernel ...
    False
    """
    name = learner_name(func, "conv2d")
    for image, kernel, text in conv_cases():
        conv_case(func, image, kernel, f"{name}(image, kernel), {text}")
    return (
        "the book's 4 × 4 example, 5 × 7 with a 2 × 3 kernel, 6 × 4 with 3 × 2, a float32 edge with the Sobel "
        "filter, and a kernel as large as the image: each sum of products right, image and kernel unchanged"
    )


@check("max pooling")
def check_max_pooling(func) -> str:
    """Check ``func(x, pool_h, pool_w, stride)``: max pooling of a batch x (N, C, H, W), each image and each
    channel on its own, without padding: out[n, c, i, j] is the largest value of the window of pool_h rows and
    pool_w columns that starts at row i·stride, column j·stride of x[n, c]; shape (N, C, OH, OW) with
    OH = (H − pool_h)/stride + 1, OW = (W − pool_w)/stride + 1. Any way passes: loops, slicing, sliding windows,
    reshapes where they fit; a result as precise as x or more (float64, or float32 for the float32 case). x must
    stay unchanged.

    Five cases, all of which divide evenly: the book's 4 × 4 example (§7.3, 2 × 2 windows, stride 2), 2 images of
    3 channels of 5 × 5 with two channels all negative and 3 × 3 windows at stride 2 (overlapping), 2 × 2 maps
    of 6 × 9 with windows 2 high and 3 wide at stride 2, 5 × 6 maps with windows 3 high and 2 wide at stride 1,
    and a float32 8 × 8 image with 2 × 2 windows at stride 3 (gaps between them).

    Book §7.3; notebook 11.

    >>> def from_zeros(x, pool_h, pool_w, stride):
    ...     n, c, h, w = x.shape
    ...     out = np.zeros((n, c, (h - pool_h) // stride + 1, (w - pool_w) // stride + 1))
    ...     for i in range(out.shape[2]):
    ...         for j in range(out.shape[3]):
    ...             window = x[:, :, i * stride : i * stride + pool_h, j * stride : j * stride + pool_w]
    ...             out[:, :, i, j] = np.maximum(out[:, :, i, j], window.max(axis=(2, 3)))
    ...     return out
    >>> check_max_pooling(from_zeros)  # doctest: +ELLIPSIS
    ✗ max pooling: from_zeros(x, 3, 3, 2), 2 images of 3 channels ...: a window of negative values gives 0: ...
    ...
    False
    """
    name = learner_name(func, "max_pooling")
    for x, ph, pw, s, text in pool_cases():
        pool_case(func, x, ph, pw, s, f"{name}(x, {ph}, {pw}, {s}), {text}")
    return (
        "the book's 4 × 4 example, 5 × 5 maps with overlapping 3 × 3 windows and negative channels, windows 2 × 3 "
        "and 3 × 2, stride 1, and stride 3 in float32: every window's largest value, each image and channel on "
        "its own; x unchanged"
    )


# ---- notebook 12: the ConvNet's parameter count, its predicted labels a batch at a time -------------------


@check("ConvNet parameter count")
def check_convnet_param_count(func) -> str:
    """Check ``func(input_dim, filter_num, filter_size, hidden_size, output_size)``: the number of parameters
    of a SimpleConvNet (convolution with stride 1 and no padding, ReLU, 2 × 2 max pooling with stride 2,
    Affine, ReLU, Affine): with (C, H, W) = input_dim, OH = H − FS + 1 and OW = W − FS + 1, FN·C·FS·FS + FN
    (W1, b1) + FN·(OH/2)·(OW/2)·hidden_size + hidden_size (W2, b2) + hidden_size·output_size + output_size
    (W3, b3); a float equal to the whole number passes. Five networks: the book's (433 890 parameters), colour
    images, non-square images, filters of 3, 4, 5 and 7; a wrong count is named by the slip (one or two)
    giving it in every case.

    Book §7.5; notebook 12.

    >>> def no_biases(input_dim, filter_num, filter_size, hidden_size, output_size):
    ...     c, h, w = input_dim
    ...     oh, ow = h - filter_size + 1, w - filter_size + 1
    ...     pooled = filter_num * (oh // 2) * (ow // 2)
    ...     return filter_num * c * filter_size**2 + pooled * hidden_size + hidden_size * output_size
    >>> check_convnet_param_count(no_biases)
    ✗ ConvNet parameter count: the book's network for MNIST, input_dim=(1, 28, 28), filter_num=30, filter_size=5, hidden_size=100, output_size=10: expected 433890, got 433750: the biases are missing: b1 (one per filter, FN), b2 (hidden_size) and b3 (output_size)
    False
    """
    return param_count_body(func)


@check("predicted labels")
def check_predict_labels(func) -> str:
    """Check ``func(net, x, batch_size=100)``: the predicted class of every image of x,
    np.argmax(net.predict(batch), axis=1), batch_size images at a time, in order, the last short batch
    included: a 1-D array (or list) of N labels, integers of any width (or floats holding whole numbers: noted
    in the verdict); x unchanged. The check's ``net`` notes the images of each call (x's, 4-D or flattened
    rows) and returns scores the check chose. Any batching with at most batch_size images per call passes
    (range, np.array_split, ...; one image per call too, noting that batches are much faster). Five calls: 250
    images in batches of 100, 10 in batches of 3, 7 (fewer than batch_size), 64 in 4 full batches of 16, 230
    with the default batch_size.

    Book §7.5; notebook 12.

    >>> def all_at_once(net, x, batch_size=100):
    ...     return np.argmax(net.predict(x), axis=1)
    >>> check_predict_labels(all_at_once)  # doctest: +ELLIPSIS
    ✗ predicted labels: 250 images (1, 28, 28) in batches of 100 (the last holds 50): right labels, but net.predict got all 250 images in one call: give it batch_size = 100 images at a time, ...
    False
    """
    return predict_labels_body(func)
