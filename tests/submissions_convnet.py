"""A blind catalogue of learner submissions for the exercise self-checks of notebook 12 (the convolutional network).

Written blind from the exercise texts (issue 20's spec, section "Exercises of notebook 12") and the book's
§7.5, without reading the checks of notebook 12 or their tests. The verdicts say what is mathematically right:

- ``convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size)`` passes when it returns
  the number of parameters of the book's SimpleConvNet with stride 1, no padding and 2 × 2 max pooling with
  stride 2, for input_dim = (C, H, W): with OH = H − FS + 1 and OW = W − FS + 1 (even),
  FN·C·FS·FS + FN + FN·(OH/2)·(OW/2)·hidden + hidden + hidden·output + output (433 890 for the book's
  ((1, 28, 28), 30, 5, 100, 10)), as an int or a float equal to it, in any style (a formula, steps, the shapes of
  a SimpleConvNet's arrays, np.prod, math.prod);
- ``predict_labels(net, x, batch_size=100)`` passes when it returns the (N,) labels argmax(net.predict(batch),
  axis=1) of every image of x, in the order of x, with at most batch_size images in every call of net.predict
  and the last, partial batch included, as an int array of any width or a list of ints; it uses only
  net.predict and x, and leaves x unchanged.

Each entry is a dict of the fields of ``submissions.Submission`` (``tests/submissions.py`` turns them into
Submissions and adds them to its SUBMISSIONS; a dict keeps this module free of a circular import).
Names start with "b12_".
"""

from __future__ import annotations

#: Notebook 12, above its exercises: the imports (every entry defines what it uses itself).
G12 = """
import numpy as np
import nbhelpers
from nbhelpers import checks
"""


def _entry(check, func, name, code, verdict, hint, why) -> dict:
    return dict(
        check=check, name=name, func=func, code=code, verdict=verdict, hint=hint, why=why, globals=G12
    )


def _b12count(name, code, verdict, hint, why):
    return _entry("check_convnet_param_count", "convnet_param_count", name, code, verdict, hint, why)


def _b12labels(name, code, verdict, hint, why):
    return _entry("check_predict_labels", "predict_labels", name, code, verdict, hint, why)


# A hint names the mistake, not the case: it avoids the words that every ✗ line of a case is likely to hold
# anyway (the check's title, the arguments of the call, "expected", "got", the numbers of the case).

# --- convnet_param_count ----------------------------------------------------------------------------------------
# (every ✗ line of a case names its arguments: input_dim, filter_num, filter_size, hidden_size, output_size)
B12_BIAS = r"bias|\+ ?FN\b|\+ ?filter_num|one per filter|one per (neuron|unit|output)"
B12_CHANNEL = (
    r"channel|depth|input_dim\[0\]|C ?[·*×] ?FS|FN ?[·*×] ?C\b|[·*×] ?C ?[·*×]|every input map|colou?r images? "
    r"(has|have)|each filter (also )?spans|times C\b"
)
B12_POOL = r"pool|halv|/ ?2\b|// ?2|half|quarter|/ ?4\b|stride 2|shrink|smaller"
B12_POOL_ONCE = B12_POOL + r"|both (sides|axes|directions)|width|each side"
B12_PLUS_ONE = (
    r"\+ ?1|plus one|one more|off by one|one (row|position|column) (too )?(few|short|less)|H ?[−-] ?FS ?\+ ?1"
)
B12_CONV_OUT = r"OH\b|conv(olution)?'?s? output|H ?[−-] ?FS|after the (conv|filter)|feature map|shrinks"
B12_LAST_AFFINE = (
    r"hidden ?[·*×] ?output|W3 (\(|is|are)|last (affine|layer)|output layer|hidden_size ?[·*×] ?output_size|"
    r"second affine|Affine2"
)
B12_ORDER_CHW = (
    r"\(C, ?H, ?W\)|order|unpack|H, ?W, ?C|channels? first|input_dim\[0\]|first (entry|element|number)"
)
B12_SQUARE = r"square|width|OW\b|\bW ?[−-] ?FS|H for both|both (sides|axes)|input_dim\[2\]|H ?≠ ?W|W ≠ H"
B12_FIXED = (
    r"same (number|answer|value)|every (case|other)|fixed|hard.?cod|constant|ignor|the arguments|its arguments|"
    r"whatever|does not (use|depend)|only the book"
)
B12_SQUARED = r"FS ?[·*×] ?FS|FS ?²|square of|squared|FS\*\*2|filter_size ?[·*×] ?filter_size|both (sides|axes)|FH ?[·*×] ?FW"
B12_TOTAL = r"one number|sum|total|tuple|list|dict|add (them|up)|not a number|several"
B12_STR = r"\bstr\b|string|text|not (a )?numbers?"
B12_NONE = r"None|forg[eo]t\w* .{0,10}return|no return|print"
B12_OUT_BIAS = (
    r"output bias|bias(es)? of (the )?(output|last|Affine2)|Affine2's bias|b3 (has|is|holds|should|must)|"
    r"one (bias )?per (class|output)|output_size biases|not hidden_size"
)
B12_STRIDE_ONE = r"stride|halv|/ ?2\b|half|quarter|pool|step|apart|overlap"
B12_ARGS = r"order|swap|argument|position|filter_num and filter_size|filter_size and filter_num"
B12_NO_CONV = r"convolution|conv layer|\bfilters\b|the filters|W1 and b1|W1 (is|are)|first layer"

# --- predict_labels ---------------------------------------------------------------------------------------------
# (every ✗ line of a case describes it: "250 images ... in batches of 100 (the last holds 50)")
B12_PARTIAL = (
    r"partial|remainder|\brest\b|left ?over|too few|missing|fewer|not all|dropped|lost|short (batch|one)|"
    r"stops? (before|early)|full batches only"
)
B12_ONE_CALL = (
    r"at most|one call|at once|in one go|in one call|more than batch_size|too many images|whole x|all of x|"
    r"per call|at a time"
)
B12_IGNORES_BS = (
    r"ignor|100 at a time|fixed|hard.?cod|always 100|instead of batch_size|not batch_size|argument batch_size|"
    r"the batch_size (given|passed|argument)|got batches of \d+, and batch_size"
)
B12_SCORES = r"argmax|scores|class(es)? (index|number)|index of|\(N, ?\d+\)|2-D|two axes|rows of \d+"
B12_AXIS0 = (
    r"axis ?=? ?0|over axis 0|along (its|each) row|axis ?= ?1|for each class|per class|over the images"
)
B12_NO_AXIS = (
    r"without (an )?axis|no axis|flat|one (number|label|index|position) (per|for (a|the) whole)|whole batch|"
    r"axis ?= ?1"
)
B12_ORDER = r"order|revers|backwards|prepend|shuffl|sorted|belongs to image"
B12_MAX_SCORE = (
    r"largest score|highest score|gives the value|the value,? not|not the class|its position|np\.max\b|"
    r"max instead|index of the (largest|max)"
)
B12_OVERLAP = r"overlap|twice|more than once|too many labels|repeat|duplicat|ends where the next begins|step"
B12_LAST_ONLY = r"last batch alone|only the last|overwr|replac|\bkeep\b|kept|append|collect"
B12_NESTED = (
    r"list of (\d+ )?arrays|concat|nested|one per batch|per.batch|one array|hstack|join|several arrays|ragged|"
    r"inhomogeneous"
)
B12_IN_PLACE = r"in.place|modif|chang|overwr|copy|view|the (array|images|x) it was given|unchanged|altered"
B12_FROM_ONE = (
    r"\+ ?1|off by one|start(s|ing)? (at|from) (0|1|zero|one)|from [01]\b|(one|1) too (high|large|big)|"
    r"shift|numbered from|count(s|ed)? from"
)
B12_KEEPDIMS = r"keepdims|\(\d+, ?1\)|column|1-D|one axis|ravel|squeeze|flatten"
B12_SLICE = (
    r"slice|i ?\+ ?batch_size|empty|first batch alone|only the first|same (images|first)|x\[i:batch_size\]"
)
B12_NET = (
    r"the net (it was )?(given|passed)|network it was given|parameter net|argument|global|another (net|network)|"
    r"defined outside|never called|its own|fake|stand-in"
)

B12_COUNT_ENTRIES = [
    # pass
    _b12count(
        "b12_formula",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    C, H, W = input_dim
    OH, OW = H - filter_size + 1, W - filter_size + 1
    return (
        filter_num * C * filter_size * filter_size + filter_num
        + filter_num * (OH // 2) * (OW // 2) * hidden_size + hidden_size
        + hidden_size * output_size + output_size
    )
""",
        "pass",
        None,
        "the spec's formula with //: an int",
    ),
    _b12count(
        "b12_step_by_step",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    C, H, W = input_dim
    # the convolution: FN filters of C x FS x FS, one bias each
    conv = filter_num * C * filter_size * filter_size + filter_num
    # its output: FN maps of OH x OW, halved by the 2 x 2 pooling with stride 2
    OH = H - filter_size + 1
    OW = W - filter_size + 1
    pooled = filter_num * (OH // 2) * (OW // 2)
    # the hidden affine layer and the output affine layer
    affine1 = pooled * hidden_size + hidden_size
    affine2 = hidden_size * output_size + output_size
    total = conv + affine1 + affine2
    return total
""",
        "pass",
        None,
        "the same count, one layer at a time",
    ),
    _b12count(
        "b12_true_division",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    C, H, W = input_dim
    OH = H - filter_size + 1
    OW = W - filter_size + 1
    pool_size = filter_num * (OH / 2) * (OW / 2)
    return (filter_num * C * filter_size**2 + filter_num) + (pool_size * hidden_size + hidden_size) + (
        hidden_size * output_size + output_size
    )
""",
        "pass",
        None,
        "/ gives a float equal to the whole number (OH, OW even): the exercise accepts it",
    ),
    _b12count(
        "b12_quarter_area",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    C, H, W = input_dim
    OH, OW = H - filter_size + 1, W - filter_size + 1
    pool_output_size = int(filter_num * OH * OW / 4)
    return filter_num * (C * filter_size * filter_size + 1) + hidden_size * (pool_output_size + 1) + output_size * (
        hidden_size + 1
    )
""",
        "pass",
        None,
        "the pooled area is a quarter of OH·OW; each layer as (inputs + 1)·outputs",
    ),
    _b12count(
        "b12_simple_convnet_sizes",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    net = nbhelpers.SimpleConvNet(
        input_dim=input_dim,
        conv_param={"filter_num": filter_num, "filter_size": filter_size, "pad": 0, "stride": 1},
        hidden_size=hidden_size,
        output_size=output_size,
    )
    return sum(p.size for p in net.params.values())
""",
        "pass",
        None,
        "builds the very network and adds up the sizes of its arrays",
    ),
    _b12count(
        "b12_simple_convnet_param_count",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    conv_param = {"filter_num": filter_num, "filter_size": filter_size, "pad": 0, "stride": 1}
    net = nbhelpers.SimpleConvNet(input_dim, conv_param, hidden_size, output_size, rng=0)
    return net.param_count()
""",
        "pass",
        None,
        "asks the network it describes (SimpleConvNet.param_count): the right number",
    ),
    _b12count(
        "b12_np_prod_shapes",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    C, H, W = input_dim
    pooled = filter_num * ((H - filter_size + 1) // 2) * ((W - filter_size + 1) // 2)
    shapes = [
        (filter_num, C, filter_size, filter_size),
        (filter_num,),
        (pooled, hidden_size),
        (hidden_size,),
        (hidden_size, output_size),
        (output_size,),
    ]
    return sum(np.prod(shape) for shape in shapes)
""",
        "pass",
        None,
        "the shapes of W1, b1, W2, b2, W3, b3 and np.prod of each: a numpy integer",
    ),
    _b12count(
        "b12_math_prod_dict",
        """
import math


def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    C, H, W = input_dim
    OH, OW = H - filter_size + 1, W - filter_size + 1
    shapes = {
        "W1": (filter_num, C, filter_size, filter_size),
        "b1": (filter_num,),
        "W2": (filter_num * (OH // 2) * (OW // 2), hidden_size),
        "b2": (hidden_size,),
        "W3": (hidden_size, output_size),
        "b3": (output_size,),
    }
    return sum(math.prod(shape) for shape in shapes.values())
""",
        "pass",
        None,
        "math.prod of each parameter's shape, summed",
    ),
    _b12count(
        "b12_zeros_arrays",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    C, H, W = input_dim
    OH, OW = H - filter_size + 1, W - filter_size + 1
    params = {
        "W1": np.zeros((filter_num, C, filter_size, filter_size)),
        "b1": np.zeros(filter_num),
        "W2": np.zeros((filter_num * OH // 2 * OW // 2, hidden_size)),
        "b2": np.zeros(hidden_size),
        "W3": np.zeros((hidden_size, output_size)),
        "b3": np.zeros(output_size),
    }
    count = 0
    for key in params:
        count += params[key].size
    return count
""",
        "pass",
        None,
        "makes arrays of the parameters' shapes and counts their entries (FN·OH//2·OW//2 is exact: OH, OW even)",
    ),
    _b12count(
        "b12_index_input_dim",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    conv_out_h = input_dim[1] - filter_size + 1
    conv_out_w = input_dim[2] - filter_size + 1
    pool_out = filter_num * int(conv_out_h / 2) * int(conv_out_w / 2)
    w1 = filter_num * input_dim[0] * filter_size * filter_size
    b1 = filter_num
    w2 = pool_out * hidden_size
    b2 = hidden_size
    w3 = hidden_size * output_size
    b3 = output_size
    return w1 + b1 + w2 + b2 + w3 + b3
""",
        "pass",
        None,
        "input_dim[0], [1], [2] for C, H, W: the same count",
    ),
    _b12count(
        "b12_own_conv_output_size",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return (input_size + 2 * pad - filter_size) // stride + 1


def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    C, H, W = input_dim
    OH, OW = conv_output_size(H, filter_size), conv_output_size(W, filter_size)
    PH, PW = conv_output_size(OH, 2, stride=2), conv_output_size(OW, 2, stride=2)  # the pooling
    n_conv = filter_num * C * filter_size * filter_size + filter_num
    n_hidden = filter_num * PH * PW * hidden_size + hidden_size
    n_out = hidden_size * output_size + output_size
    return n_conv + n_hidden + n_out
""",
        "pass",
        None,
        "notebook 11's conv_output_size for the convolution and for the pooling (2, stride 2): OH/2",
    ),
    _b12count(
        "b12_nbhelpers_conv_output_size",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    C, H, W = input_dim
    OH = nbhelpers.conv_output_size(H, filter_size)
    OW = nbhelpers.conv_output_size(W, filter_size)
    PH = nbhelpers.conv_output_size(OH, 2, stride=2)
    PW = nbhelpers.conv_output_size(OW, 2, stride=2)
    layers = [
        (filter_num * C * filter_size * filter_size, filter_num),
        (filter_num * PH * PW * hidden_size, hidden_size),
        (hidden_size * output_size, output_size),
    ]
    return sum(w + b for w, b in layers)
""",
        "pass",
        None,
        "nbhelpers.conv_output_size for both sizes; (weights, biases) per layer, summed",
    ),
    _b12count(
        "b12_affine_helper",
        """
def affine_params(n_in, n_out):
    return n_in * n_out + n_out


def conv_params(channels, filters, size):
    return filters * channels * size * size + filters


def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    channels, height, width = input_dim
    pooled_h = (height - filter_size + 1) // 2
    pooled_w = (width - filter_size + 1) // 2
    flat = filter_num * pooled_h * pooled_w
    return (
        conv_params(channels, filter_num, filter_size)
        + affine_params(flat, hidden_size)
        + affine_params(hidden_size, output_size)
    )
""",
        "pass",
        None,
        "a helper per kind of layer: the same count",
    ),
    _b12count(
        "b12_weights_then_biases",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    C, H, W = input_dim
    OH, OW = H - filter_size + 1, W - filter_size + 1
    weights = filter_num * C * filter_size**2 + filter_num * (OH // 2) * (OW // 2) * hidden_size + hidden_size * output_size
    biases = filter_num + hidden_size + output_size
    print("weights:", weights, "biases:", biases)
    return weights + biases
""",
        "pass",
        None,
        "all weights, then all biases, printed on the way and returned summed",
    ),
    _b12count(
        "b12_loop_over_layers",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    C, H, W = input_dim
    OH, OW = H - filter_size + 1, W - filter_size + 1
    sizes = [(C * filter_size * filter_size, filter_num), (filter_num * OH * OW // 4, hidden_size), (hidden_size, output_size)]
    total = 0
    for n_in, n_out in sizes:
        total += n_in * n_out  # weights
        total += n_out  # biases
    return total
""",
        "pass",
        None,
        "(inputs per unit, units) for each layer, in a loop: the convolution is C·FS·FS inputs for each of FN filters",
    ),
    _b12count(
        "b12_round_float",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    C, H, W = input_dim
    flat = filter_num * ((H - filter_size + 1) / 2) * ((W - filter_size + 1) / 2)
    return round(filter_num * (C * filter_size**2 + 1) + (flat + 1) * hidden_size + (hidden_size + 1) * output_size)
""",
        "pass",
        None,
        "the float count rounded to an int",
    ),
    _b12count(
        "b12_numpy_int_array",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    c, h, w = input_dim
    oh, ow = h - filter_size + 1, w - filter_size + 1
    counts = np.array([
        filter_num * c * filter_size * filter_size,
        filter_num,
        filter_num * (oh // 2) * (ow // 2) * hidden_size,
        hidden_size,
        hidden_size * output_size,
        output_size,
    ])
    return counts.sum()
""",
        "pass",
        None,
        "the six counts in an int array, np.sum: a numpy integer of the right value",
    ),
    _b12count(
        "b12_tuple_input_dim_in_signature_names",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    channels = input_dim[0]
    conv_h = input_dim[1] - (filter_size - 1)
    conv_w = input_dim[2] - (filter_size - 1)
    conv = (channels * filter_size * filter_size + 1) * filter_num
    hidden = (filter_num * (conv_h // 2) * (conv_w // 2) + 1) * hidden_size
    out = (hidden_size + 1) * output_size
    return conv + hidden + out
""",
        "pass",
        None,
        "H − (FS − 1) is H − FS + 1; each layer as (inputs + 1)·units",
    ),
    # fail
    _b12count(
        "b12_no_biases",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    C, H, W = input_dim
    OH, OW = H - filter_size + 1, W - filter_size + 1
    return filter_num * C * filter_size * filter_size + filter_num * (OH // 2) * (OW // 2) * hidden_size + hidden_size * output_size
""",
        "fail",
        B12_BIAS,
        "counts the weights only: the biases b1 (FN), b2 (hidden), b3 (output) are parameters too (433 750)",
    ),
    _b12count(
        "b12_no_conv_bias",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    C, H, W = input_dim
    OH, OW = H - filter_size + 1, W - filter_size + 1
    conv = filter_num * C * filter_size * filter_size
    hidden = filter_num * (OH // 2) * (OW // 2) * hidden_size + hidden_size
    out = hidden_size * output_size + output_size
    return conv + hidden + out
""",
        "fail",
        B12_BIAS,
        "forgets the convolution's biases, one per filter (FN fewer: 433 860)",
    ),
    _b12count(
        "b12_no_channels",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    C, H, W = input_dim
    OH, OW = H - filter_size + 1, W - filter_size + 1
    conv = filter_num * filter_size * filter_size + filter_num
    hidden = filter_num * (OH // 2) * (OW // 2) * hidden_size + hidden_size
    out = hidden_size * output_size + output_size
    return conv + hidden + out
""",
        "fail",
        B12_CHANNEL,
        "a filter spans all C input channels: FN·C·FS·FS weights, not FN·FS·FS (wrong for C = 3)",
    ),
    _b12count(
        "b12_no_pooling",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    C, H, W = input_dim
    OH, OW = H - filter_size + 1, W - filter_size + 1
    conv = filter_num * C * filter_size * filter_size + filter_num
    hidden = filter_num * OH * OW * hidden_size + hidden_size
    out = hidden_size * output_size + output_size
    return conv + hidden + out
""",
        "fail",
        B12_POOL,
        "forgets the pooling: the hidden affine layer gets FN·(OH/2)·(OW/2) inputs, not FN·OH·OW",
    ),
    _b12count(
        "b12_pool_halves_once",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    C, H, W = input_dim
    OH, OW = H - filter_size + 1, W - filter_size + 1
    pooled = filter_num * OH * OW // 2  # the pooling halves the size
    conv = filter_num * C * filter_size * filter_size + filter_num
    return conv + pooled * hidden_size + hidden_size + hidden_size * output_size + output_size
""",
        "fail",
        B12_POOL_ONCE,
        "2 × 2 pooling halves both sides, a quarter of the values remain, not a half",
    ),
    _b12count(
        "b12_pool_halves_height_only",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    C, H, W = input_dim
    OH, OW = H - filter_size + 1, W - filter_size + 1
    pooled = filter_num * (OH // 2) * OW
    return filter_num * C * filter_size**2 + filter_num + pooled * hidden_size + hidden_size + hidden_size * output_size + output_size
""",
        "fail",
        B12_POOL_ONCE,
        "halves the height only: the width is halved too",
    ),
    _b12count(
        "b12_pool_stride_one",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    C, H, W = input_dim
    OH, OW = H - filter_size + 1, W - filter_size + 1
    PH, PW = OH - 2 + 1, OW - 2 + 1  # 2 x 2 pooling
    conv = filter_num * C * filter_size * filter_size + filter_num
    return conv + filter_num * PH * PW * hidden_size + hidden_size + hidden_size * output_size + output_size
""",
        "fail",
        B12_STRIDE_ONE,
        "the pooling as if with stride 1 (OH − 1): the network pools with stride 2, OH/2",
    ),
    _b12count(
        "b12_input_size_not_conv_output",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    C, H, W = input_dim
    conv = filter_num * C * filter_size * filter_size + filter_num
    pooled = filter_num * (H // 2) * (W // 2)
    return conv + pooled * hidden_size + hidden_size + hidden_size * output_size + output_size
""",
        "fail",
        B12_CONV_OUT,
        "pools H × W, the input: the pooling halves the convolution's output OH = H − FS + 1",
    ),
    _b12count(
        "b12_no_plus_one",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    C, H, W = input_dim
    OH, OW = H - filter_size, W - filter_size
    conv = filter_num * C * filter_size * filter_size + filter_num
    hidden = filter_num * (OH // 2) * (OW // 2) * hidden_size + hidden_size
    return conv + hidden + hidden_size * output_size + output_size
""",
        "fail",
        B12_PLUS_ONE,
        "OH = H − FS without + 1 (23 for 28 and 5, not 24)",
    ),
    _b12count(
        "b12_no_plus_one_true_division",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    C, H, W = input_dim
    OH = H - filter_size
    OW = W - filter_size
    return filter_num * C * filter_size**2 + filter_num + filter_num * OH / 2 * OW / 2 * hidden_size + hidden_size + hidden_size * output_size + output_size
""",
        "fail",
        B12_PLUS_ONE,
        "the missing + 1 with /: a count that is not even a whole number",
    ),
    _b12count(
        "b12_no_hidden_output_weights",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    C, H, W = input_dim
    OH, OW = H - filter_size + 1, W - filter_size + 1
    conv = filter_num * C * filter_size * filter_size + filter_num
    hidden = filter_num * (OH // 2) * (OW // 2) * hidden_size + hidden_size
    return conv + hidden + output_size
""",
        "fail",
        B12_LAST_AFFINE,
        "forgets W3, the hidden × output weights of the last affine layer (1 000 fewer)",
    ),
    _b12count(
        "b12_hwc_unpacking",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    H, W, C = input_dim
    OH, OW = H - filter_size + 1, W - filter_size + 1
    conv = filter_num * C * filter_size * filter_size + filter_num
    hidden = filter_num * (OH // 2) * (OW // 2) * hidden_size + hidden_size
    return conv + hidden + hidden_size * output_size + output_size
""",
        "fail",
        B12_ORDER_CHW,
        "input_dim is (C, H, W), channels first: H, W, C = input_dim takes C for the height",
    ),
    _b12count(
        "b12_square_image",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    input_size = input_dim[1]
    conv_output_size = input_size - filter_size + 1
    pool_output_size = filter_num * (conv_output_size // 2) * (conv_output_size // 2)
    conv = filter_num * input_dim[0] * filter_size * filter_size + filter_num
    return conv + pool_output_size * hidden_size + hidden_size + hidden_size * output_size + output_size
""",
        "fail",
        B12_SQUARE,
        "the book's code takes input_dim[1] for both sides: wrong when H ≠ W",
    ),
    _b12count(
        "b12_hard_coded",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    return 433890
""",
        "fail",
        B12_FIXED,
        "the book's number for every network",
    ),
    _b12count(
        "b12_filter_size_once",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    C, H, W = input_dim
    OH, OW = H - filter_size + 1, W - filter_size + 1
    conv = filter_num * C * filter_size + filter_num
    hidden = filter_num * (OH // 2) * (OW // 2) * hidden_size + hidden_size
    return conv + hidden + hidden_size * output_size + output_size
""",
        "fail",
        B12_SQUARED,
        "a filter is FS × FS: FN·C·FS·FS weights, not FN·C·FS",
    ),
    _b12count(
        "b12_output_bias_hidden",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    C, H, W = input_dim
    OH, OW = H - filter_size + 1, W - filter_size + 1
    conv = filter_num * C * filter_size * filter_size + filter_num
    hidden = filter_num * (OH // 2) * (OW // 2) * hidden_size + hidden_size
    out = hidden_size * output_size + hidden_size
    return conv + hidden + out
""",
        "fail",
        B12_OUT_BIAS,
        "the output layer has output_size biases, not hidden_size",
    ),
    _b12count(
        "b12_per_layer_tuple",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    C, H, W = input_dim
    OH, OW = H - filter_size + 1, W - filter_size + 1
    conv = filter_num * C * filter_size * filter_size + filter_num
    hidden = filter_num * (OH // 2) * (OW // 2) * hidden_size + hidden_size
    out = hidden_size * output_size + output_size
    return conv, hidden, out
""",
        "fail",
        B12_TOTAL,
        "returns the three layers' counts, not their sum",
    ),
    _b12count(
        "b12_printed",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    C, H, W = input_dim
    OH, OW = H - filter_size + 1, W - filter_size + 1
    total = (filter_num * C * filter_size * filter_size + filter_num
             + filter_num * (OH // 2) * (OW // 2) * hidden_size + hidden_size
             + hidden_size * output_size + output_size)
    print(f"{total:,} parameters")
""",
        "fail",
        B12_NONE,
        "prints the right number and returns None",
    ),
    _b12count(
        "b12_formatted_string",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    C, H, W = input_dim
    OH, OW = H - filter_size + 1, W - filter_size + 1
    total = (filter_num * C * filter_size * filter_size + filter_num
             + filter_num * (OH // 2) * (OW // 2) * hidden_size + hidden_size
             + hidden_size * output_size + output_size)
    return f"{total:,}"
""",
        "fail",
        B12_STR,
        "returns the text '433,890', not a number",
    ),
    _b12count(
        "b12_no_conv_layer",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    C, H, W = input_dim
    OH, OW = H - filter_size + 1, W - filter_size + 1
    flat = filter_num * (OH // 2) * (OW // 2)
    return flat * hidden_size + hidden_size + hidden_size * output_size + output_size
""",
        "fail",
        B12_NO_CONV,
        "counts the two affine layers only: the convolution's filters W1 and biases b1 are parameters too",
    ),
    _b12count(
        "b12_swapped_arguments",
        """
def convnet_param_count(input_dim, filter_size, filter_num, hidden_size, output_size):
    C, H, W = input_dim
    OH, OW = H - filter_size + 1, W - filter_size + 1
    conv = filter_num * C * filter_size * filter_size + filter_num
    hidden = filter_num * (OH // 2) * (OW // 2) * hidden_size + hidden_size
    return conv + hidden + hidden_size * output_size + output_size
""",
        "fail",
        B12_ARGS,
        "its signature takes filter_size before filter_num: called as the exercise says, 30 filters of 5 become 5 of 30",
    ),
    _b12count(
        "b12_two_pool_layers",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    C, H, W = input_dim
    OH, OW = H - filter_size + 1, W - filter_size + 1
    pooled = filter_num * (OH // 4) * (OW // 4)  # pooling 2 x 2 -> divide by 4
    conv = filter_num * C * filter_size * filter_size + filter_num
    return conv + pooled * hidden_size + hidden_size + hidden_size * output_size + output_size
""",
        "fail",
        B12_POOL,
        "divides each side by 4 (the area by 16): 2 × 2 pooling with stride 2 halves each side",
    ),
    # not done
    _b12count(
        "b12_skeleton",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    # your code: the number of parameters of the network
    raise NotImplementedError
""",
        "not done",
        None,
        "the skeleton",
    ),
    _b12count(
        "b12_half_done",
        """
def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    C, H, W = input_dim
    conv = filter_num * C * filter_size * filter_size + filter_num
    affine = ...  # TODO
    raise NotImplementedError("the affine layers")
""",
        "not done",
        None,
        "the convolution counted, the rest still raises NotImplementedError",
    ),
    _b12count(
        "b12_helper_not_done",
        """
def pooled_size(OH, OW):
    raise NotImplementedError


def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):
    C, H, W = input_dim
    OH, OW = H - filter_size + 1, W - filter_size + 1
    flat = filter_num * pooled_size(OH, OW)
    return filter_num * C * filter_size**2 + filter_num + flat * hidden_size + hidden_size + hidden_size * output_size + output_size
""",
        "not done",
        None,
        "its helper pooled_size still raises NotImplementedError",
    ),
]

B12_LABELS_ENTRIES = [
    # pass
    _b12labels(
        "b12_range_slices",
        """
def predict_labels(net, x, batch_size=100):
    labels = []
    for i in range(0, len(x), batch_size):
        batch = x[i:i + batch_size]
        scores = net.predict(batch)
        labels.append(np.argmax(scores, axis=1))
    return np.concatenate(labels)
""",
        "pass",
        None,
        "the book's loop of accuracy(): slices of batch_size, the last one shorter",
    ),
    _b12labels(
        "b12_comprehension",
        """
def predict_labels(net, x, batch_size=100):
    return np.concatenate([net.predict(x[i:i + batch_size]).argmax(axis=1) for i in range(0, x.shape[0], batch_size)])
""",
        "pass",
        None,
        "the same in one comprehension",
    ),
    _b12labels(
        "b12_array_split_enough",
        """
import math


def predict_labels(net, x, batch_size=100):
    sections = math.ceil(len(x) / batch_size)
    return np.concatenate([np.argmax(net.predict(part), axis=1) for part in np.array_split(x, sections)])
""",
        "pass",
        None,
        "ceil(N / batch_size) sections of nearly equal size: none has more than batch_size images",
    ),
    _b12labels(
        "b12_np_split_indices",
        """
def predict_labels(net, x, batch_size=100):
    batches = np.split(x, np.arange(batch_size, len(x), batch_size))
    return np.hstack([np.argmax(net.predict(b), axis=1) for b in batches])
""",
        "pass",
        None,
        "np.split at every batch_size-th image: exactly the batches, the last one shorter",
    ),
    _b12labels(
        "b12_while_loop",
        """
def predict_labels(net, x, batch_size=100):
    labels = []
    start = 0
    while start < len(x):
        end = min(start + batch_size, len(x))
        y = net.predict(x[start:end])
        labels.extend(np.argmax(y, axis=1))
        start = end
    return np.array(labels)
""",
        "pass",
        None,
        "a while loop that stops at the end of x, min() for the last batch",
    ),
    _b12labels(
        "b12_preallocated",
        """
def predict_labels(net, x, batch_size=100):
    n = x.shape[0]
    labels = np.zeros(n, dtype=int)
    for start in range(0, n, batch_size):
        stop = start + batch_size
        labels[start:stop] = np.argmax(net.predict(x[start:stop]), axis=1)
    return labels
""",
        "pass",
        None,
        "an int array filled batch by batch",
    ),
    _b12labels(
        "b12_preallocated_empty_int64",
        """
def predict_labels(net, x, batch_size=100):
    labels = np.empty(len(x), dtype=np.int64)
    n_batches = (len(x) + batch_size - 1) // batch_size
    for b in range(n_batches):
        sl = slice(b * batch_size, (b + 1) * batch_size)
        labels[sl] = net.predict(x[sl]).argmax(axis=1)
    return labels
""",
        "pass",
        None,
        "the number of batches rounded up by integer arithmetic; slices fill an int64 array",
    ),
    _b12labels(
        "b12_list_of_ints",
        """
def predict_labels(net, x, batch_size=100):
    labels = []
    for i in range(0, len(x), batch_size):
        scores = net.predict(x[i:i + batch_size])
        for row in scores:
            labels.append(int(np.argmax(row)))
    return labels
""",
        "pass",
        None,
        "a list of Python ints, which the exercise accepts",
    ),
    _b12labels(
        "b12_tolist",
        """
def predict_labels(net, x, batch_size=100):
    labels = []
    for i in range(0, len(x), batch_size):
        labels += np.argmax(net.predict(x[i:i + batch_size]), axis=1).tolist()
    return labels
""",
        "pass",
        None,
        "list += tolist(): a list of ints",
    ),
    _b12labels(
        "b12_int32",
        """
def predict_labels(net, x, batch_size=100):
    parts = [np.argmax(net.predict(x[i:i + batch_size]), axis=1) for i in range(0, len(x), batch_size)]
    return np.concatenate(parts).astype(np.int32)
""",
        "pass",
        None,
        "int32 labels: the width of the integers does not matter",
    ),
    _b12labels(
        "b12_softmax_first",
        """
def softmax(a):
    a = a - a.max(axis=1, keepdims=True)
    e = np.exp(a)
    return e / e.sum(axis=1, keepdims=True)


def predict_labels(net, x, batch_size=100):
    labels = []
    for i in range(0, len(x), batch_size):
        probs = softmax(net.predict(x[i:i + batch_size]))
        labels.append(np.argmax(probs, axis=1))
    return np.concatenate(labels)
""",
        "pass",
        None,
        "softmax keeps the order of the scores: the same argmax",
    ),
    _b12labels(
        "b12_argmax_loop_rows",
        """
def predict_labels(net, x, batch_size=100):
    labels = []
    for i in range(0, len(x), batch_size):
        scores = net.predict(x[i:i + batch_size])
        for row in scores:
            best = 0
            for k in range(1, len(row)):
                if row[k] > row[best]:
                    best = k
            labels.append(best)
    return np.array(labels)
""",
        "pass",
        None,
        "argmax by hand, row by row (the first of equal largest scores, as np.argmax)",
    ),
    _b12labels(
        "b12_axis_minus_one",
        """
def predict_labels(net, x, batch_size=100):
    out = []
    for i in range(0, len(x), batch_size):
        out.append(net.predict(x[i:i + batch_size]).argmax(-1))
    return np.concatenate(out)
""",
        "pass",
        None,
        "axis -1 of 2-D scores is axis 1",
    ),
    _b12labels(
        "b12_ceil_batches",
        """
import math


def predict_labels(net, x, batch_size=100):
    N = x.shape[0]
    result = np.array([], dtype=int)
    for b in range(math.ceil(N / batch_size)):
        x_batch = x[b * batch_size:(b + 1) * batch_size]
        y_batch = net.predict(x_batch)
        result = np.append(result, np.argmax(y_batch, axis=1))
    return result
""",
        "pass",
        None,
        "ceil(N / batch_size) batches, np.append to an int array",
    ),
    _b12labels(
        "b12_min_end",
        """
def predict_labels(net, x, batch_size=100):
    n = len(x)
    labels = []
    for start in range(0, n, batch_size):
        end = min(start + batch_size, n)
        labels.append(np.argmax(net.predict(x[start:end]), 1))
    return np.concatenate(labels)
""",
        "pass",
        None,
        "min() for the end of the last batch (slicing would stop there anyway)",
    ),
    _b12labels(
        "b12_where_first_max",
        """
def predict_labels(net, x, batch_size=100):
    labels = np.zeros(len(x), dtype=int)
    for i in range(0, len(x), batch_size):
        scores = net.predict(x[i:i + batch_size])
        for r, row in enumerate(scores):
            labels[i + r] = np.where(row == row.max())[0][0]
    return labels
""",
        "pass",
        None,
        "the first place of each row's largest score: argmax",
    ),
    _b12labels(
        "b12_generator_helper",
        """
def batches(x, size):
    for start in range(0, len(x), size):
        yield x[start:start + size]


def predict_labels(net, x, batch_size=100):
    return np.concatenate([np.argmax(net.predict(b), axis=1) for b in batches(x, batch_size)])
""",
        "pass",
        None,
        "a generator of batches",
    ),
    _b12labels(
        "b12_reduced_batch_by_copy",
        """
def predict_labels(net, x, batch_size=100):
    labels = []
    for i in range(0, len(x), batch_size):
        batch = x[i:i + batch_size].copy()
        labels.append(net.predict(batch).argmax(axis=1))
    return np.concatenate(labels).astype(int)
""",
        "pass",
        None,
        "copies each batch first (not needed, harmless)",
    ),
    _b12labels(
        "b12_one_image_at_a_time",
        """
def predict_labels(net, x, batch_size=100):
    labels = []
    for i in range(len(x)):
        scores = net.predict(x[i:i + 1])
        labels.append(int(np.argmax(scores[0])))
    return np.array(labels)
""",
        "pass",
        None,
        "one image per call: never more than batch_size, every label right (slow, but correct)",
    ),
    _b12labels(
        "b12_last_batch_first",
        """
def predict_labels(net, x, batch_size=100):
    labels = np.zeros(len(x), dtype=int)
    starts = list(range(0, len(x), batch_size))
    for start in reversed(starts):
        labels[start:start + batch_size] = np.argmax(net.predict(x[start:start + batch_size]), axis=1)
    return labels
""",
        "pass",
        None,
        "computes the batches from the last to the first, but puts each label at its image's place",
    ),
    # fail
    _b12labels(
        "b12_drops_last_partial",
        """
def predict_labels(net, x, batch_size=100):
    labels = []
    for i in range(len(x) // batch_size):
        batch = x[i * batch_size:(i + 1) * batch_size]
        labels.append(np.argmax(net.predict(batch), axis=1))
    return np.concatenate(labels)
""",
        "fail",
        B12_PARTIAL,
        "N // batch_size batches: the images of the last, partial batch get no label (and N < batch_size fails)",
    ),
    _b12labels(
        "b12_drops_last_partial_range_stop",
        """
def predict_labels(net, x, batch_size=100):
    labels = []
    for i in range(0, len(x) - batch_size + 1, batch_size):
        labels.append(np.argmax(net.predict(x[i:i + batch_size]), axis=1))
    return np.concatenate(labels) if labels else np.array([], dtype=int)
""",
        "fail",
        B12_PARTIAL,
        "stops where a full batch no longer fits: the last images get no label",
    ),
    _b12labels(
        "b12_one_call",
        """
def predict_labels(net, x, batch_size=100):
    return np.argmax(net.predict(x), axis=1)
""",
        "fail",
        B12_ONE_CALL,
        "all N images in one call of net.predict: more than batch_size at once",
    ),
    _b12labels(
        "b12_fixed_batch_100",
        """
def predict_labels(net, x, batch_size=100):
    labels = []
    for i in range(0, len(x), 100):
        labels.append(np.argmax(net.predict(x[i:i + 100]), axis=1))
    return np.concatenate(labels)
""",
        "fail",
        B12_IGNORES_BS,
        "always 100 images per call, whatever batch_size it is given",
    ),
    _b12labels(
        "b12_returns_scores",
        """
def predict_labels(net, x, batch_size=100):
    scores = []
    for i in range(0, len(x), batch_size):
        scores.append(net.predict(x[i:i + batch_size]))
    return np.concatenate(scores)
""",
        "fail",
        B12_SCORES,
        "returns the scores (N, K), not the class of each image",
    ),
    _b12labels(
        "b12_argmax_axis0",
        """
def predict_labels(net, x, batch_size=100):
    labels = []
    for i in range(0, len(x), batch_size):
        labels.append(np.argmax(net.predict(x[i:i + batch_size]), axis=0))
    return np.concatenate(labels)
""",
        "fail",
        B12_AXIS0,
        "argmax over axis 0: for each class the image with the largest score, not each image's class",
    ),
    _b12labels(
        "b12_argmax_no_axis",
        """
def predict_labels(net, x, batch_size=100):
    labels = []
    for i in range(0, len(x), batch_size):
        labels.append(np.argmax(net.predict(x[i:i + batch_size])))
    return np.array(labels)
""",
        "fail",
        B12_NO_AXIS,
        "argmax without axis: one index into the flattened scores per batch, not a class per image",
    ),
    _b12labels(
        "b12_batches_prepended",
        """
def predict_labels(net, x, batch_size=100):
    labels = np.array([], dtype=int)
    for i in range(0, len(x), batch_size):
        y = np.argmax(net.predict(x[i:i + batch_size]), axis=1)
        labels = np.concatenate([y, labels])
    return labels
""",
        "fail",
        B12_ORDER,
        "puts each batch's labels before the earlier ones: the batches come out in reverse order",
    ),
    _b12labels(
        "b12_reversed",
        """
def predict_labels(net, x, batch_size=100):
    labels = []
    for i in range(0, len(x), batch_size):
        labels.extend(np.argmax(net.predict(x[i:i + batch_size]), axis=1))
    labels.reverse()
    return np.array(labels)
""",
        "fail",
        B12_ORDER,
        "reverses the labels: the last image's label first",
    ),
    _b12labels(
        "b12_max_score",
        """
def predict_labels(net, x, batch_size=100):
    labels = []
    for i in range(0, len(x), batch_size):
        labels.append(np.max(net.predict(x[i:i + batch_size]), axis=1))
    return np.concatenate(labels)
""",
        "fail",
        B12_MAX_SCORE,
        "max instead of argmax: the largest score, not its place (the class)",
    ),
    _b12labels(
        "b12_overlapping_slices",
        """
def predict_labels(net, x, batch_size=100):
    labels = []
    for i in range(0, len(x), batch_size - 1):
        labels.append(np.argmax(net.predict(x[i:i + batch_size]), axis=1))
    return np.concatenate(labels)
""",
        "fail",
        B12_OVERLAP,
        "steps by batch_size − 1 with slices of batch_size: one image of each border twice, too many labels",
    ),
    _b12labels(
        "b12_step_one",
        """
def predict_labels(net, x, batch_size=100):
    labels = []
    for i in range(len(x)):
        labels.append(np.argmax(net.predict(x[i:i + batch_size]), axis=1))
    return np.concatenate(labels)
""",
        "fail",
        B12_OVERLAP,
        "a batch starting at every image: the batches overlap, far too many labels",
    ),
    _b12labels(
        "b12_last_batch_only",
        """
def predict_labels(net, x, batch_size=100):
    for i in range(0, len(x), batch_size):
        labels = np.argmax(net.predict(x[i:i + batch_size]), axis=1)
    return labels
""",
        "fail",
        B12_LAST_ONLY,
        "each batch's labels replace the previous ones: only the last batch's come back",
    ),
    _b12labels(
        "b12_list_of_batches",
        """
def predict_labels(net, x, batch_size=100):
    labels = []
    for i in range(0, len(x), batch_size):
        labels.append(np.argmax(net.predict(x[i:i + batch_size]), axis=1))
    return labels
""",
        "fail",
        B12_NESTED,
        "returns a list of per-batch arrays, not one array of N labels",
    ),
    _b12labels(
        "b12_scales_x_in_place",
        """
def predict_labels(net, x, batch_size=100):
    labels = []
    for i in range(0, len(x), batch_size):
        batch = x[i:i + batch_size]
        batch -= batch.mean()  # centre the batch
        labels.append(np.argmax(net.predict(batch), axis=1))
    return np.concatenate(labels)
""",
        "fail",
        B12_IN_PLACE,
        "a slice of x is a view: -= changes the caller's images (and the net sees other images)",
    ),
    _b12labels(
        "b12_labels_from_one",
        """
def predict_labels(net, x, batch_size=100):
    labels = []
    for i in range(0, len(x), batch_size):
        labels.append(np.argmax(net.predict(x[i:i + batch_size]), axis=1) + 1)
    return np.concatenate(labels)
""",
        "fail",
        B12_FROM_ONE,
        "+ 1: the classes count from 0, as argmax gives them (digit 0 is class 0)",
    ),
    _b12labels(
        "b12_float_labels",
        """
def predict_labels(net, x, batch_size=100):
    labels = np.zeros(len(x))
    for i in range(0, len(x), batch_size):
        labels[i:i + batch_size] = np.argmax(net.predict(x[i:i + batch_size]), axis=1)
    return labels
""",
        "pass",
        None,
        "np.zeros gives floats: the labels come back as 3.0, 7.0, whole numbers equal to the right labels (the check "
        "passes them with a note that np.argmax gives ints)",
    ),
    _b12labels(
        "b12_keepdims_column",
        """
def predict_labels(net, x, batch_size=100):
    labels = []
    for i in range(0, len(x), batch_size):
        labels.append(np.argmax(net.predict(x[i:i + batch_size]), axis=1, keepdims=True))
    return np.concatenate(labels)
""",
        "fail",
        B12_KEEPDIMS,
        "keepdims=True: a column (N, 1), not the (N,) labels",
    ),
    _b12labels(
        "b12_slice_without_start",
        """
def predict_labels(net, x, batch_size=100):
    labels = []
    for i in range(0, len(x), batch_size):
        batch = x[i:batch_size]
        if len(batch):
            labels.append(np.argmax(net.predict(batch), axis=1))
    return np.concatenate(labels)
""",
        "fail",
        B12_SLICE,
        "x[i:batch_size] instead of x[i:i + batch_size]: only the first batch is ever taken",
    ),
    _b12labels(
        "b12_too_few_sections",
        """
def predict_labels(net, x, batch_size=100):
    sections = max(len(x) // batch_size, 1)
    return np.concatenate([np.argmax(net.predict(part), axis=1) for part in np.array_split(x, sections)])
""",
        "fail",
        B12_ONE_CALL,
        "N // batch_size sections (rounded down): the sections hold more than batch_size images",
    ),
    _b12labels(
        "b12_own_global_net",
        """
my_net = nbhelpers.SimpleConvNet(rng=0)


def predict_labels(net, x, batch_size=100):
    labels = []
    for i in range(0, len(x), batch_size):
        labels.append(np.argmax(my_net.predict(x[i:i + batch_size]), axis=1))
    return np.concatenate(labels)
""",
        "fail",
        B12_NET,
        "uses a network of its own, not the net it is given",
    ),
    # not done
    _b12labels(
        "b12_skeleton",
        """
def predict_labels(net, x, batch_size=100):
    # your code: net.predict on batch_size images at a time, argmax of each row
    raise NotImplementedError
""",
        "not done",
        None,
        "the skeleton",
    ),
    _b12labels(
        "b12_loop_body_not_done",
        """
def predict_labels(net, x, batch_size=100):
    labels = []
    for i in range(0, len(x), batch_size):
        batch = x[i:i + batch_size]
        raise NotImplementedError  # TODO: the labels of this batch
    return np.concatenate(labels)
""",
        "not done",
        None,
        "the loop written, its body still raises NotImplementedError",
    ),
    _b12labels(
        "b12_helper_not_done",
        """
def labels_of(scores):
    raise NotImplementedError


def predict_labels(net, x, batch_size=100):
    return np.concatenate([labels_of(net.predict(x[i:i + batch_size])) for i in range(0, len(x), batch_size)])
""",
        "not done",
        None,
        "its helper labels_of still raises NotImplementedError",
    ),
]

B12_ENTRIES = B12_COUNT_ENTRIES + B12_LABELS_ENTRIES
