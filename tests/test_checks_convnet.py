"""The checks of notebook 12's exercises (nbhelpers/checks/conv.py; their work in _convnet.py, _convnet_slips.py): the
ConvNet's parameter count and its labels predicted a batch at a time.

Each row of the tables is a learner's submission, correct in an unusual style or wrong in a usual way, with the
verdict it must get (✓, ✗ or …) and pieces the message must hold (for a ✗, the slip it names). Every check must
print one verdict, never raise, leave nothing in INTERNAL_ERRORS, and say the same thing on a second run.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from nbhelpers import SimpleConvNet
from nbhelpers.checks._convnet_slips import _ORDERS, _PAIRS, _SINGLE, COUNT_CASES, _arrays, _close, _total
from nbhelpers.checks._engine import INTERNAL_ERRORS
from nbhelpers.checks.conv import check_convnet_param_count, check_predict_labels

# ---- the parameter count: submissions ---------------------------------------------------------------------------


def count_book(input_dim, filter_num, filter_size, hidden_size, output_size):  # floats from `/`
    C, H, W = input_dim
    OH, OW = H - filter_size + 1, W - filter_size + 1
    conv = filter_num * C * filter_size * filter_size + filter_num
    affine1 = filter_num * (OH / 2) * (OW / 2) * hidden_size + hidden_size
    return conv + affine1 + hidden_size * output_size + output_size


def count_ints(input_dim, filter_num, filter_size, hidden_size, output_size):
    c, h, w = input_dim
    pooled = filter_num * ((h - filter_size + 1) // 2) * ((w - filter_size + 1) // 2)
    return (
        filter_num * (c * filter_size**2 + 1) + (pooled + 1) * hidden_size + (hidden_size + 1) * output_size
    )


def count_by_building_the_net(input_dim, filter_num, filter_size, hidden_size, output_size):
    conv = {"filter_num": filter_num, "filter_size": filter_size, "pad": 0, "stride": 1}
    net = SimpleConvNet(input_dim, conv, hidden_size, output_size, rng=0)
    return sum(p.size for p in net.params.values())


def count_by_shapes(input_dim, filter_num, filter_size, hidden_size, output_size):  # np.int64 and a 0-d array
    c, h, w = input_dim
    flat = filter_num * (h - filter_size + 1) * (w - filter_size + 1) // 4
    shapes = [(filter_num, c, filter_size, filter_size), (filter_num,), (flat, hidden_size), (hidden_size,)]
    shapes += [(hidden_size, output_size), (output_size,)]
    return np.array(np.sum([np.prod(s) for s in shapes]))


def count_float32(*args):
    return np.float32(count_ints(*args))


def count_skeleton(input_dim, filter_num, filter_size, hidden_size, output_size):
    raise NotImplementedError


def _slip(**changed):
    """A learner's count with the slip ``changed`` (an array name → its formula) made on purpose, by // ."""

    def count(input_dim, filter_num, filter_size, hidden_size, output_size):
        c, h, w = input_dim
        oh, ow = h - filter_size + 1, w - filter_size + 1
        v = dict(c=c, h=h, w=w, fn=filter_num, fs=filter_size, oh=oh, ow=ow, hd=hidden_size, o=output_size)
        a = {
            "W1": filter_num * c * filter_size**2,
            "b1": filter_num,
            "W2": filter_num * (oh // 2) * (ow // 2) * hidden_size,
            "b2": hidden_size,
            "W3": hidden_size * output_size,
            "b3": output_size,
        }
        a.update({k: f(**v) for k, f in changed.items()})
        return sum(a.values())

    return count


def count_hwc(input_dim, filter_num, filter_size, hidden_size, output_size):
    H, W, C = input_dim
    return count_ints((C, H, W), filter_num, filter_size, hidden_size, output_size)


def count_plus_one_missing_float(input_dim, filter_num, filter_size, hidden_size, output_size):
    c, h, w = input_dim
    oh, ow = h - filter_size, w - filter_size
    return (
        (
            filter_num * c * filter_size**2
            + filter_num
            + filter_num * (oh / 2) * (ow / 2) * hidden_size
            + hidden_size
        )
        + hidden_size * output_size
        + output_size
    )


def count_filter_size_first(input_dim, filter_size, filter_num, hidden_size, output_size):
    return count_ints(input_dim, filter_num, filter_size, hidden_size, output_size)


def count_hidden_output_swapped(input_dim, filter_num, filter_size, output_size, hidden_size):
    return count_ints(input_dim, filter_num, filter_size, hidden_size, output_size)


def count_book_numbers(*args):
    return 433890


def count_tuple(input_dim, filter_num, filter_size, hidden_size, output_size):
    total = count_ints(input_dim, filter_num, filter_size, hidden_size, output_size)
    last = hidden_size * output_size + output_size
    first = filter_num * input_dim[0] * filter_size**2 + filter_num
    return first, total - first - last, last


def count_dict(input_dim, filter_num, filter_size, hidden_size, output_size):
    net = SimpleConvNet(
        input_dim, {"filter_num": filter_num, "filter_size": filter_size}, hidden_size, output_size
    )
    return {k: v.size for k, v in net.params.items()}


def count_unpacks_two(input_dim, filter_num, filter_size, hidden_size, output_size):
    H, W = input_dim
    return H * W


def count_input_dim_as_number(input_dim, filter_num, filter_size, hidden_size, output_size):
    out = input_dim - filter_size + 1
    return out * filter_num


ZERO = lambda **v: 0  # noqa: E731

COUNT_SUBMISSIONS = [  # (name, function, verdict, pieces of the message)
    ("the book's way, floats from /", count_book, "✓", ["433890"]),
    ("whole numbers by //", count_ints, "✓", []),
    ("building a SimpleConvNet and adding up its arrays", count_by_building_the_net, "✓", []),
    ("np.prod of the arrays' shapes, a 0-d array", count_by_shapes, "✓", []),
    ("a np.float32", count_float32, "✓", []),
    ("the skeleton", count_skeleton, "…", ["not done yet", "count_skeleton"]),
    (
        "no biases",
        _slip(b1=ZERO, b2=ZERO, b3=ZERO),
        "✗",
        ["expected 433890, got 433750", "the biases are missing"],
    ),
    ("no conv bias", _slip(b1=ZERO), "✗", ["got 433860", "the convolution's biases b1 are missing"]),
    ("no b3", _slip(b3=ZERO), "✗", ["Affine2's biases b3 are missing"]),
    (
        "hidden_size biases in the output layer",
        _slip(b3=lambda hd, **v: hd),
        "✗",
        ["got 433980", "b3 are one per output, output_size of them, not hidden_size"],
    ),
    (
        "the convolution layer left out",
        _slip(W1=ZERO, b1=ZERO),
        "✗",
        ["got 433110", "the convolution layer is missing", "W1 (FN·C·FS·FS weights) and b1 (FN biases)"],
    ),
    (
        "no channels",
        _slip(W1=lambda fn, fs, **v: fn * fs * fs),
        "✗",
        ["colour images", "expected 202634, got 201834", "the channels C are missing"],
    ),
    (
        "FS not squared",
        _slip(W1=lambda fn, c, fs, **v: fn * c * fs),
        "✗",
        ["expected 433890, got 433290", "FS·FS (FS squared)"],
    ),
    ("FS * 2", _slip(W1=lambda fn, c, fs, **v: fn * c * fs * 2), "✗", ["`* 2` for `** 2`"]),
    ("(C·FS)²", _slip(W1=lambda fn, c, fs, **v: fn * (c * fs) ** 2), "✗", ["only FS is squared"]),
    (
        "no pooling",
        _slip(W2=lambda fn, oh, ow, hd, **v: fn * oh * ow * hd),
        "✗",
        ["expected 433890, got 1729890", "the pooling is left out"],
    ),
    (
        "halved once",
        _slip(W2=lambda fn, oh, ow, hd, **v: fn * oh * ow // 2 * hd),
        "✗",
        ["got 865890", "halved once", "AND the width"],
    ),
    (
        "each side divided by 4",
        _slip(W2=lambda fn, oh, ow, hd, **v: fn * (oh // 4) * (ow // 4) * hd),
        "✗",
        ["got 109890", "each side is divided by 4", "halves each side"],
    ),
    (
        "H for OH",
        _slip(W2=lambda fn, h, w, hd, **v: fn * (h // 2) * (w // 2) * hd),
        "✗",
        ["got 589890", "halves H and W, not OH and OW", "OH = H − FS + 1"],
    ),
    (
        "+1 missing, //",
        _slip(W2=lambda fn, oh, ow, hd, **v: fn * ((oh - 1) // 2) * ((ow - 1) // 2) * hd),
        "✗",
        ["got 364890", "the + 1 is missing"],
    ),
    ("+1 missing, /", count_plus_one_missing_float, "✗", ["got 398640", "the + 1 is missing"]),
    (
        "pooling with stride 1",
        _slip(W2=lambda fn, oh, ow, hd, **v: fn * (oh - 1) * (ow - 1) * hd),
        "✗",
        ["stride 1"],
    ),
    (
        "FN missing from the flattened size",
        _slip(W2=lambda oh, ow, hd, **v: (oh // 2) * (ow // 2) * hd),
        "✗",
        ["FN is missing from the flattened size"],
    ),
    (
        "square images assumed",
        _slip(W2=lambda fn, oh, hd, **v: fn * (oh // 2) ** 2 * hd),
        "✗",
        ["images 20 high and 12 wide", "OW is taken equal to OH"],
    ),
    (
        "the pixels as Affine1's inputs",
        _slip(W2=lambda c, h, w, hd, **v: c * h * w * hd),
        "✗",
        ["as in a network without convolution"],
    ),
    (
        "forgot × hidden",
        _slip(W2=lambda fn, oh, ow, **v: fn * (oh // 2) * (ow // 2)),
        "✗",
        ["W2 is not multiplied by hidden_size"],
    ),
    (
        "forgot hidden × output",
        _slip(W3=ZERO),
        "✗",
        ["got 432890", "W3 (hidden_size × output_size) are missing"],
    ),
    ("forgot the last layer", _slip(W3=ZERO, b3=ZERO), "✗", ["the last layer, Affine2"]),
    ("input_dim read as (H, W, C)", count_hwc, "✗", ["it was read as (H, W, C)"]),
    (
        "filter_size before filter_num",
        count_filter_size_first,
        "✗",
        ["got 6115", "yours takes them as (input_dim, filter_size, filter_num, hidden_size, output_size)"],
    ),
    (
        "output_size before hidden_size",
        count_hidden_output_swapped,
        "✗",
        ["in another order", "(input_dim, filter_num, filter_size, output_size, hidden_size)"],
    ),
    (
        "two slips: no biases, no channels",
        _slip(b1=ZERO, b2=ZERO, b3=ZERO, W1=lambda fn, fs, **v: fn * fs * fs),
        "✗",
        ["the biases are missing", "; and the channels C are missing"],
    ),
    (
        "three slips: no shrinking, no pooling, no b3 (not named)",
        _slip(W2=lambda fn, h, w, hd, **v: fn * h * w * hd, b3=ZERO),
        "✗",
        ["expected 433890, got"],
    ),
    (
        "the book's number, whatever the arguments",
        count_book_numbers,
        "✗",
        ["colour images", "does not use its"],
    ),
    ("per-layer counts in a tuple", count_tuple, "✗", ["a tuple of length 3", "add up to the right count"]),
    ("per-array counts in a dict", count_dict, "✗", ["a dict of length 6", "add up to the right count"]),
    ("the count in a list", lambda *a: [count_ints(*a)], "✗", ["holding one number"]),
    ("a string", lambda *a: str(count_ints(*a)), "✗", ["not numbers"]),
    ("True", lambda *a: True, "✗", ["returned True"]),
    ("nan", lambda *a: math.nan, "✗", ["got nan"]),
    ("a huge int", lambda *a: 10**400, "✗", ["not numbers"]),
    ("no return", lambda *a: None, "✗", ["returned None"]),
    ("H, W = input_dim", count_unpacks_two, "✗", ["ValueError", "input_dim is a tuple of three numbers"]),
    ("input_dim as a number", count_input_dim_as_number, "✗", ["TypeError", "input_dim is a tuple"]),
    (
        "+ 7",
        lambda *a: count_ints(*a) + 7,
        "✗",
        ["expected 433890, got 433897 (the arrays hold W1 750, b1 30"],
    ),
]


# ---- predict_labels: submissions --------------------------------------------------------------------------------


def labels_book(net, x, batch_size=100):
    labels = []
    for i in range(0, len(x), batch_size):
        y = net.predict(x[i : i + batch_size])
        labels.append(np.argmax(y, axis=1))
    return np.concatenate(labels)


def labels_array_split(net, x, batch_size=100):
    parts = np.array_split(x, math.ceil(len(x) / batch_size))
    return np.hstack([net.predict(p).argmax(axis=1) for p in parts])


def labels_preallocated(net, x, batch_size=100):
    out = np.empty(len(x), dtype=np.uint8)
    i = 0
    while i < x.shape[0]:
        out[i : i + batch_size] = np.argmax(net.predict(x[i : i + batch_size]), axis=1)
        i += batch_size
    return out


def labels_floats(net, x, batch_size=100):  # np.zeros makes floats: whole numbers, accepted with a note
    out = np.zeros(len(x))
    for i in range(0, len(x), batch_size):
        out[i : i + batch_size] = np.argmax(net.predict(x[i : i + batch_size]), axis=1)
    return out


def labels_loop_max(net, x, batch_size=100):  # the largest score's index by a loop, a list of ints
    labels = []
    for start in range(0, len(x), batch_size):
        for row in net.predict(x[start : start + batch_size]):
            best = 0
            for j in range(len(row)):
                if row[j] > row[best]:
                    best = j
            labels.append(best)
    return labels


def labels_softmax_flat_layers(net, x, batch_size=100):  # flattened rows, net.layers, softmax
    out = []
    for i in range(math.ceil(len(x) / batch_size)):
        a = x[i * batch_size : (i + 1) * batch_size].reshape(-1, np.prod(x.shape[1:]))
        for layer in net.layers.values():
            a = layer.forward(a)
        e = np.exp(a - a.max(axis=1, keepdims=True))
        out.extend((e / e.sum(axis=1, keepdims=True)).argmax(axis=1).tolist())
    return np.array(out, dtype=np.int32)


def labels_one_empty_call(net, x, batch_size=100):  # range(0, N + batch_size, ...): one call with no image
    return np.concatenate(
        [
            net.predict(x[i : i + batch_size], train_flg=False).argmax(1)
            for i in range(0, len(x) + batch_size, batch_size)
        ]
    )


def labels_skeleton(net, x, batch_size=100):
    raise NotImplementedError


def labels_full_batches_only(net, x, batch_size=100):
    return np.concatenate(
        [net.predict(x[k * batch_size : (k + 1) * batch_size]).argmax(1) for k in range(len(x) // batch_size)]
    )


def labels_stops_a_batch_early(net, x, batch_size=100):
    return np.concatenate(
        [net.predict(x[i : i + batch_size]).argmax(1) for i in range(0, len(x) - batch_size, batch_size)]
    )


def labels_all_at_once(net, x, batch_size=100):
    return net.predict(x).argmax(axis=1)


def labels_scores(net, x, batch_size=100):
    return np.concatenate([net.predict(x[i : i + batch_size]) for i in range(0, len(x), batch_size)])


def labels_axis0(net, x, batch_size=100):
    return np.concatenate(
        [net.predict(x[i : i + batch_size]).argmax(axis=0) for i in range(0, len(x), batch_size)]
    )


def labels_flat_argmax(net, x, batch_size=100):
    return np.array([net.predict(x[i : i + batch_size]).argmax() for i in range(0, len(x), batch_size)])


def labels_reversed(net, x, batch_size=100):
    return labels_book(net, x, batch_size)[::-1]


def labels_batches_backwards(net, x, batch_size=100):
    starts = list(range(0, len(x), batch_size))[::-1]
    return np.concatenate([net.predict(x[i : i + batch_size]).argmax(1) for i in starts])


def labels_max_score(net, x, batch_size=100):
    return np.concatenate([net.predict(x[i : i + batch_size]).max(1) for i in range(0, len(x), batch_size)])


def labels_max_probability(net, x, batch_size=100):
    out = []
    for i in range(0, len(x), batch_size):
        y = net.predict(x[i : i + batch_size])
        e = np.exp(y - y.max(axis=1, keepdims=True))
        out.append((e / e.sum(axis=1, keepdims=True)).max(axis=1))
    return np.concatenate(out)


def labels_overlapping(net, x, batch_size=100):
    return np.concatenate(
        [net.predict(x[i : i + batch_size + 1]).argmax(1) for i in range(0, len(x), batch_size)]
    )


def labels_modifies_x(net, x, batch_size=100):
    x /= 255
    return labels_book(net, x, batch_size)


def labels_list_of_batches(net, x, batch_size=100):
    return [net.predict(x[i : i + batch_size]).argmax(1) for i in range(0, len(x), batch_size)]


def labels_one_per_call(net, x, batch_size=100):
    return np.array([net.predict(x[i : i + 1]).argmax() for i in range(len(x))])


def labels_hard_coded_100(net, x, batch_size=100):
    return labels_book(net, x, 100)


def labels_argmin(net, x, batch_size=100):
    return np.concatenate(
        [net.predict(x[i : i + batch_size]).argmin(1) for i in range(0, len(x), batch_size)]
    )


def labels_from_one(net, x, batch_size=100):
    return labels_book(net, x, batch_size) + 1


def labels_overwritten(net, x, batch_size=100):
    for i in range(0, len(x), batch_size):
        labels = np.argmax(net.predict(x[i : i + batch_size]), axis=1)
    return labels


def labels_return_in_loop(net, x, batch_size=100):
    for i in range(0, len(x), batch_size):
        return np.argmax(net.predict(x[i : i + batch_size]), axis=1)


def labels_slice_without_start(net, x, batch_size=100):  # x[i:batch_size]: empty after the first batch
    labels = []
    for i in range(0, len(x), batch_size):
        batch = x[i:batch_size]
        if len(batch):
            labels.append(np.argmax(net.predict(batch), axis=1))
    return np.concatenate(labels)


def labels_slice_without_start_unguarded(net, x, batch_size=100):  # net.predict gets the empty ones too
    return np.concatenate([net.predict(x[i:batch_size]).argmax(1) for i in range(0, len(x), batch_size)])


def labels_one_image_each(net, x, batch_size=100):
    return np.array([np.argmax(net.predict(x[i])) for i in range(len(x))])


def labels_no_default(net, x, batch_size):
    return labels_book(net, x, batch_size)


def labels_keepdims(net, x, batch_size=100):
    return labels_book(net, x, batch_size)[:, None]


def labels_by_pixels(net, x, batch_size=100):  # x.size: every pixel counted as an image
    return np.concatenate(
        [net.predict(x[i : i + batch_size]).argmax(1) for i in range(0, x.size, batch_size)]
    )


def labels_booleans(net, x, batch_size=100):
    return labels_book(net, x, batch_size) > 4


def labels_generator(net, x, batch_size=100):
    return (label for label in labels_book(net, x, batch_size))


def labels_params(net, x, batch_size=100):
    return np.argmax(x.reshape(len(x), -1)[:, :10] @ net.params["W1"], axis=1)


def labels_scaled(net, x, batch_size=100):
    return labels_book(net, x / 255, batch_size)


def labels_reshape_784(net, x, batch_size=100):
    return labels_book(net, x.reshape(-1, 784), batch_size)


LABEL_SUBMISSIONS = [  # (name, function, verdict, pieces of the message)
    ("the book's loop", labels_book, "✓", ["every label right and in order"]),
    ("np.array_split", labels_array_split, "✓", []),
    ("a preallocated uint8 array, a while loop", labels_preallocated, "✓", []),
    (
        "float labels holding whole numbers",
        labels_floats,
        "✓",
        ["your labels are floats holding whole numbers"],
    ),
    ("the largest score's index by a loop, a list", labels_loop_max, "✓", []),
    ("flattened rows through net.layers, softmax", labels_softmax_flat_layers, "✓", []),
    ("one extra call with no image", labels_one_empty_call, "✓", []),
    ("the skeleton", labels_skeleton, "…", ["not done yet", "labels_skeleton"]),
    (
        "full batches only",
        labels_full_batches_only,
        "✗",
        ["200 labels for 250 images", "before the last, short batch of 50 images"],
    ),
    (
        "range(0, N − batch_size, ...)",
        labels_stops_a_batch_early,
        "✗",
        ["200 labels for 250 images", "short batch"],
    ),
    ("all images in one call", labels_all_at_once, "✗", ["right labels", "got all 250 images in one call"]),
    ("the scores", labels_scores, "✗", ["250 rows of 10 numbers", "largest score"]),
    ("argmax over axis 0", labels_axis0, "✗", ["30 labels for 250 images", "np.argmax over axis 0"]),
    ("argmax without axis", labels_flat_argmax, "✗", ["3 labels for 250 images", "np.argmax without axis"]),
    ("reversed", labels_reversed, "✗", ["in reverse order"]),
    ("the batches backwards", labels_batches_backwards, "✗", ["in another order", "x[i:i + batch_size]"]),
    ("the largest score", labels_max_score, "✗", ["largest score", "np.max gives the value"]),
    ("the largest probability", labels_max_probability, "✗", ["largest probability"]),
    (
        "overlapping slices",
        labels_overlapping,
        "✗",
        ["252 labels for 250 images", "saw image 100", "overlap"],
    ),
    ("x changed in place", labels_modifies_x, "✗", ["changed the array it was given"]),
    ("a list of the batches' labels", labels_list_of_batches, "✗", ["a list of 3 arrays", "np.concatenate"]),
    (
        "one image per call: right, slow",
        labels_one_per_call,
        "✓",
        [
            "every label right",
            "net.predict got one image per call: one batch of batch_size images per call is much",
        ],
    ),
    (
        "batches of 100 whatever batch_size",
        labels_hard_coded_100,
        "✗",
        ["in batches of 3", "got batches of 100"],
    ),
    ("argmin", labels_argmin, "✗", ["smallest score"]),
    ("classes from 1", labels_from_one, "✗", ["1 too large"]),
    (
        "labels overwritten by each batch",
        labels_overwritten,
        "✗",
        ["50 labels for 250 images", "last batch alone"],
    ),
    (
        "return inside the loop",
        labels_return_in_loop,
        "✗",
        ["100 labels for 250 images", "`return` inside the loop"],
    ),
    (
        "x[i:batch_size], empty batches skipped",
        labels_slice_without_start,
        "✗",
        [
            "100 labels for 250 images",
            "first batch alone",
            "x[100:100] holds no image",
            "not at i + batch_size",
        ],
    ),
    (
        "x[i:batch_size], empty batches given to net.predict",
        labels_slice_without_start_unguarded,
        "✗",
        ["100 labels for 250 images", "x[100:100] holds no image"],
    ),
    ("x[i], one image without the batch axis", labels_one_image_each, "✗", ["without the batch axis"]),
    (
        "no default for batch_size",
        labels_no_default,
        "✗",
        ["default batch_size", "its default is batch_size=100"],
    ),
    ("labels of shape (N, 1)", labels_keepdims, "✗", ["right labels, but of shape (250, 1)"]),
    ("x.size for len(x)", labels_by_pixels, "✗", ["right labels", "on no image at all", "x.size"]),
    ("True/False", labels_booleans, "✗", ["True/False"]),
    ("a generator", labels_generator, "✗", ["a generator"]),
    ("net.params", labels_params, "✗", ["AttributeError", "the check's own, with predict(x) only"]),
    ("scaled images", labels_scaled, "✗", ["250 images that are not those of the x given"]),
    ("reshaped for MNIST", labels_reshape_784, "✗", ["in batches of 3", "the images here are (1, 5, 6)"]),
    ("no return", lambda net, x, batch_size=100: None, "✗", ["returned None"]),
]


# ---- the tests ------------------------------------------------------------------------------------------------


def verdict(check, func, capsys) -> str:
    INTERNAL_ERRORS.clear()
    result = check(func)
    out = capsys.readouterr().out
    assert not INTERNAL_ERRORS, INTERNAL_ERRORS
    first, *more = out.splitlines()
    assert first[0] in "✓✗…" and all(line.startswith("  ") for line in more), out
    assert result is (out[0] == "✓"), out
    return out


@pytest.mark.parametrize(
    ("check", "func", "symbol", "pieces"),
    [(check_convnet_param_count, *row[1:]) for row in COUNT_SUBMISSIONS]
    + [(check_predict_labels, *row[1:]) for row in LABEL_SUBMISSIONS],
    ids=[f"count-{row[0]}" for row in COUNT_SUBMISSIONS] + [f"labels-{row[0]}" for row in LABEL_SUBMISSIONS],
)
def test_a_submission_gets_its_verdict(check, func, symbol, pieces, capsys):
    out = verdict(check, func, capsys)
    assert out.startswith(symbol), out
    for piece in pieces:
        assert piece in out, f"{piece!r} not in:\n{out}"
    assert verdict(check, func, capsys) == out  # deterministic
    assert "np.argmax(" not in out


def test_the_book_count_is_433890():
    assert _total(_arrays(*COUNT_CASES[0][:5])) == 433890
    for dim, fn, fs, hidden, out, _ in COUNT_CASES:  # the formula is SimpleConvNet's own count
        net = SimpleConvNet(dim, {"filter_num": fn, "filter_size": fs}, hidden, out, rng=0)
        assert _total(_arrays(dim, fn, fs, hidden, out)) == net.param_count()
        assert (dim[1] - fs + 1) % 2 == 0 and (dim[2] - fs + 1) % 2 == 0


def test_every_slip_changes_the_count_and_is_told_apart_from_the_others():
    right = [_total(_arrays(*case[:5])) for case in COUNT_CASES]
    singles = {}
    for text, totals in _SINGLE:
        assert not all(map(_close, totals, right)), text
        singles.setdefault(text, []).append(totals)
    for text, variants in singles.items():
        for totals in variants:  # the first slip that gives these numbers everywhere is this one
            first = next(t for t, other in _SINGLE if all(map(_close, other, totals)))
            assert first == text
    for text, totals in _PAIRS:  # a pair of slips never gives the right count, nor one slip's numbers unnamed
        assert not all(map(_close, totals, right)), text
    for text, totals in _ORDERS:  # parameters in another order: never the right count, nor one slip's numbers
        assert not all(map(_close, totals, right)), text
        assert not any(all(map(_close, other, totals)) for _, other in _SINGLE), text
