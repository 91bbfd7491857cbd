"""A blind catalogue of learner submissions for the exercise self-checks of notebook 11 (convolutions).

Written blind from the exercise texts (issue 20's spec, section "Exercises") and the book's ch. 7.2-7.3,
without reading ``nbhelpers/checks/`` (the checks of notebook 11 were being written at the same time). The
verdicts say what is mathematically right:

- ``conv_output_size(input_size, filter_size, stride=1, pad=0)`` passes when it returns
  (H + 2P − FH)/S + 1 for sizes that divide evenly, as an int or a float equal to the whole number, in any
  style (``/``, ``//``, a count of the window positions, refusing sizes that do not divide);
- ``conv2d(image, kernel)`` passes when it returns the (H − FH + 1, W − FW + 1) array
  out[i, j] = Σ_u,v image[i + u, j + v] · kernel[u, v] (cross-correlation: the kernel is NOT flipped),
  computed from its arguments and leaving them unchanged;
- ``max_pooling(x, pool_h, pool_w, stride)`` passes when it returns the (N, C, OH, OW) array of the maxima of
  the pool_h × pool_w windows that start every ``stride`` rows and columns, channel by channel, without
  padding, leaving x unchanged; windows may overlap (stride < pool size) and values may be negative.

Each entry is a dict of the fields of ``submissions.Submission`` (``tests/submissions.py`` turns them into
Submissions and adds them to its SUBMISSIONS; a dict keeps this module free of a circular import).
Names start with "b11_".
"""

from __future__ import annotations

#: Notebook 11, above its exercises: the imports (every entry defines what it uses itself).
G11 = """
import numpy as np
import nbhelpers
from nbhelpers import checks
"""


def _entry(check, func, name, code, verdict, hint, why) -> dict:
    return dict(
        check=check, name=name, func=func, code=code, verdict=verdict, hint=hint, why=why, globals=G11
    )


def _b11size(name, code, verdict, hint, why):
    return _entry("check_conv_output_size", "conv_output_size", name, code, verdict, hint, why)


def _b11conv(name, code, verdict, hint, why):
    return _entry("check_conv2d", "conv2d", name, code, verdict, hint, why)


def _b11pool(name, code, verdict, hint, why):
    return _entry("check_max_pooling", "max_pooling", name, code, verdict, hint, why)


# A hint names the mistake, not the case: it avoids the words of the checks' titles ("conv output size",
# "conv2d", "max pooling") and of a case's description (H, FH, S, P and their values, "stride 2", "padding 1",
# "image", "kernel", "channels", "windows", "negative", "overlap"), which every ✗ line of that case contains.
B11_NONE = r"None|return|print"
B11_IN_PLACE = r"in.place|modif|chang|overwr|copy|itself|view|the (array|image|x) it was given"

# --- conv_output_size -----------------------------------------------------------------------------------------
B11_PLUS_ONE = (
    r"the \+ ?1|\+ ?1 is missing|missing \+ ?1|plus one|one more|one (row|position|window) (too )?(few|short|less)|"
    r"off by one|add(ing)? (one|1)|first (window|position)|one too (few|small)"
)
B11_TWO_P = r"2 ?P\b|2 ?\* ?pad|2·P|twice|both sides|each side|two sides|top and bottom|the padding|padding (once|twice)"
B11_STRIDE = r"the stride|by S\b|divid|multipl|a time|moves"
B11_ORDER = r"parenthes|bracket|precedence|divid|before|first|whole span|then add"
B11_ONE_NUMBER = r"one number|tuple|two|things|pair|both|list|itself"
B11_NOT_NUMBER = r"\bstr\b|string|text|not numbers|not a number"

# --- conv2d -----------------------------------------------------------------------------------------------------
B11_FLIP = r"flip|rotat|180|convolve|revers|upside|mirror|correlat|\[::-1|turned"
B11_SAME = r"pad|same|zeros? (around|border)|border|valid|size of the image"
B11_TRANSPOSE = r"transpos|swap|rows and columns|\.T\b|columns and rows|i and j|out\[j, ?i\]"
B11_SUM = r"sum|total|sequence|array element|one number|4.?D|not summed"
B11_RANGE = (
    r"range|off by one|one (window|row|column) (short|too many|too few)|last (row|column|window)|past the edge|"
    r"runs? (past|over|off)|outside"
)
B11_ARGS = r"order|swap|argument|first|taken for"
B11_INT = r"\bint|integer|truncat|round|dtype|decimal|fraction|whole"
B11_ELEMENTWISE = r"matrix product|matmul|@|\bdot\b|element|place by place"
B11_MEAN = r"mean|average|divid|FH ?[·*×] ?FW|number of"
B11_SQUARE_KERNEL = r"square|FW|width|kernel\.shape\[1\]|other way round"
B11_SQUARE_IMAGE = r"square|width|image\.shape\[1\]|\bW\b for|H for both|both axes|columns? from"
B11_RELU = r"relu|clip|activation|maximum|negative (sums?|values?|results?) (become|set|turned|are)|set to 0"
B11_NORMALISE = r"normali|divid|kernel\.sum|sum of the kernel|scale|warn|factor"
B11_SAME_WINDOW = (
    r"same (value|number|window)|every (value|entry|output)|constant|all (equal|the same)|slid|never mov|"
    r"does not move|i, ?j\b|top.left"
)

# --- max_pooling ------------------------------------------------------------------------------------------------
B11_MAXIMUM = (
    r"maximum|maxima|largest|biggest|greatest|mean|average|smallest|minimum|sum of|np\.max|\.max\(\)"
)
B11_NEG = (
    r"gives 0|zeros? first|filled with zeros|start(ed|s|ing)? (at|from|with) (0|zero)|initiali[sz]|[-−] ?inf|"
    r"infinity|largest of negative|negative values? (give|become)"
)
B11_POOL_STRIDE = (
    r"move|step|start(s|ed)? at|i ?· ?stride|i ?\* ?stride|side by side|tile|apart|spac|by the pool size|"
    r"stride = pool|pool size used"
)
B11_CHANNEL = r"all channels|over (the )?channels|across (the )?channels|each channel|every channel|on its own|separately|channel by channel"
B11_HW = r"pool_h|pool_w|height|width|swap|non.square"
B11_POOL_PAD = r"pad|border|zeros? around|larger than|extra (row|column)"

B11_SIZE_ENTRIES = [
    # pass
    _b11size(
        "b11_book_formula",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return (input_size + 2 * pad - filter_size) / stride + 1
""",
        "pass",
        None,
        "the book's formula with /: a float equal to the whole number (3.0), which the exercise accepts",
    ),
    _b11size(
        "b11_floor_division",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return (input_size + 2 * pad - filter_size) // stride + 1
""",
        "pass",
        None,
        "// gives an int; for sizes that divide it is the exact quotient",
    ),
    _b11size(
        "b11_int_of_float",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return int((input_size + 2 * pad - filter_size) / stride + 1)
""",
        "pass",
        None,
        "int() of the whole-number float: an int",
    ),
    _b11size(
        "b11_short_names",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    H, FH, S, P = input_size, filter_size, stride, pad
    OH = (H + 2 * P - FH) / S + 1
    return OH
""",
        "pass",
        None,
        "the book's names H, FH, S, P: the same formula",
    ),
    _b11size(
        "b11_padded_first",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    padded = input_size + 2 * pad          # the input with pad zeros on both sides
    span = padded - filter_size            # how far the filter can move
    return span // stride + 1              # its start positions, every stride-th one
""",
        "pass",
        None,
        "padded size, span, number of start positions: the formula in steps",
    ),
    _b11size(
        "b11_math_floor",
        """
import math


def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return math.floor((input_size + 2 * pad - filter_size) / stride) + 1
""",
        "pass",
        None,
        "floor is not needed for sizes that divide, and changes nothing there",
    ),
    _b11size(
        "b11_math_ceil",
        """
import math


def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return math.ceil((input_size + 2 * pad - filter_size) / stride + 1)
""",
        "pass",
        None,
        "ceil of a whole number is that number: right for the sizes that divide, the only ones asked",
    ),
    _b11size(
        "b11_round",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return round((input_size + 2 * pad - filter_size) / stride + 1)
""",
        "pass",
        None,
        "round() of a whole-number float: an int",
    ),
    _b11size(
        "b11_plus_stride_over_stride",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return (input_size - filter_size + 2 * pad + stride) // stride
""",
        "pass",
        None,
        "(H + 2P − FH + S)/S = (H + 2P − FH)/S + 1: the +1 folded into the numerator",
    ),
    _b11size(
        "b11_one_plus_first",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return 1 + (input_size - filter_size + pad * 2) / stride
""",
        "pass",
        None,
        "the same sum in another order",
    ),
    _b11size(
        "b11_divmod_refuses",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    steps, rest = divmod(input_size + 2 * pad - filter_size, stride)
    if rest != 0:
        raise ValueError("the filter does not fit evenly")
    return steps + 1
""",
        "pass",
        None,
        "refuses sizes that do not divide (like nbhelpers' version); the exercise asks only sizes that divide",
    ),
    _b11size(
        "b11_assert_divides",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    span = input_size + 2 * pad - filter_size
    assert span % stride == 0, "stride does not divide"
    return span // stride + 1
""",
        "pass",
        None,
        "an assert for the case the exercise never asks: the right size for every case it asks",
    ),
    _b11size(
        "b11_while_counting",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    count = 0
    start = 0
    while start + filter_size <= input_size + 2 * pad:   # the window still fits
        count += 1
        start += stride
    return count
""",
        "pass",
        None,
        "counts the window positions one by one: the number of positions is the output size",
    ),
    _b11size(
        "b11_len_range",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return len(range(0, input_size + 2 * pad - filter_size + 1, stride))
""",
        "pass",
        None,
        "the start positions 0, S, 2S, ... up to H + 2P − FH: their count",
    ),
    _b11size(
        "b11_sum_generator",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    padded = input_size + 2 * pad
    return sum(1 for start in range(0, padded, stride) if start + filter_size <= padded)
""",
        "pass",
        None,
        "counts the starts where the filter fits inside the padded input",
    ),
    _b11size(
        "b11_np_float64",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return np.float64(input_size + 2 * pad - filter_size) / stride + 1
""",
        "pass",
        None,
        "an np.float64 equal to the whole number: a float the exercise accepts",
    ),
    _b11size(
        "b11_np_floor_divide",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return np.floor_divide(input_size + 2 * pad - filter_size, stride) + 1
""",
        "pass",
        None,
        "np.floor_divide of ints: an np.int64, the right number",
    ),
    _b11size(
        "b11_float_cast",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return float((input_size + 2 * pad - filter_size) // stride + 1)
""",
        "pass",
        None,
        "float of the right int: 3.0",
    ),
    _b11size(
        "b11_int_inputs",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    input_size, filter_size, stride, pad = int(input_size), int(filter_size), int(stride), int(pad)
    out = (input_size + 2 * pad - filter_size) // stride + 1
    return out
""",
        "pass",
        None,
        "arguments turned into ints first: the same result for the int sizes given",
    ),
    _b11size(
        "b11_lambda",
        """
conv_output_size = lambda input_size, filter_size, stride=1, pad=0: (input_size + 2 * pad - filter_size) // stride + 1
""",
        "pass",
        None,
        "a lambda with the same parameters and defaults is a function like any other",
    ),
    _b11size(
        "b11_nbhelpers",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return nbhelpers.conv_output_size(input_size, filter_size, stride, pad)
""",
        "pass",
        None,
        "calls nbhelpers' own version: the right number (it refuses only sizes that do not divide)",
    ),
    _b11size(
        "b11_prints_and_returns",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    out = (input_size + 2 * pad - filter_size) // stride + 1
    print("H =", input_size, "FH =", filter_size, "->", out)
    return out
""",
        "pass",
        None,
        "prints while it works and returns the right number",
    ),
    _b11size(
        "b11_float32",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return np.float32((input_size + 2 * pad - filter_size) / stride + 1)
""",
        "pass",
        None,
        "a float32 whole number (small sizes are exact in float32): a float equal to the whole number",
    ),
    _b11size(
        "b11_if_no_pad_branch",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    if pad == 0:
        return (input_size - filter_size) // stride + 1
    padded = input_size + pad + pad
    return (padded - filter_size) // stride + 1
""",
        "pass",
        None,
        "one branch for no padding, one with pad added on both sides: both right",
    ),
    _b11size(
        "b11_stride_one_branch",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    if stride == 1:
        return input_size + 2 * pad - filter_size + 1
    return (input_size + 2 * pad - filter_size) / stride + 1
""",
        "pass",
        None,
        "stride 1 written out separately (H + 2P − FH + 1), the general case with /: right for every stride",
    ),
    # fail
    _b11size(
        "b11_missing_plus_one",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return (input_size + 2 * pad - filter_size) / stride
""",
        "fail",
        B11_PLUS_ONE,
        "forgets the + 1: counts the steps between windows, not the windows (4, 3 gives 1, not 2)",
    ),
    _b11size(
        "b11_missing_plus_one_floordiv",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return (input_size + 2 * pad - filter_size) // stride
""",
        "fail",
        B11_PLUS_ONE,
        "the same missing + 1 with //",
    ),
    _b11size(
        "b11_ceil_instead_of_plus_one",
        """
import math


def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return math.ceil((input_size + 2 * pad - filter_size) / stride)
""",
        "fail",
        B11_PLUS_ONE,
        "ceil in place of + 1: for sizes that divide it rounds nothing, so one window short",
    ),
    _b11size(
        "b11_pad_once",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return (input_size + pad - filter_size) // stride + 1
""",
        "fail",
        B11_TWO_P,
        "P instead of 2P: the padding goes on both sides (4, 3, pad=1 gives 3, not 4)",
    ),
    _b11size(
        "b11_no_pad",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return (input_size - filter_size) // stride + 1
""",
        "fail",
        B11_TWO_P,
        "ignores pad: (H − FH)/S + 1 is the size without padding",
    ),
    _b11size(
        "b11_pad_subtracted",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return (input_size - 2 * pad - filter_size) // stride + 1
""",
        "fail",
        B11_TWO_P,
        "subtracts the padding: padding makes the input larger, not smaller",
    ),
    _b11size(
        "b11_pad_squared",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return (input_size + pad**2 - filter_size) // stride + 1
""",
        "fail",
        B11_TWO_P,
        "P² for 2P: right only for P = 0 and P = 2 (pad=1 gives one row too few)",
    ),
    _b11size(
        "b11_pad_after_division",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return (input_size - filter_size) / stride + 1 + 2 * pad
""",
        "fail",
        B11_ORDER + "|" + B11_TWO_P,
        "adds 2P after dividing by S: right for S = 1 only ((5, 3, stride=2, pad=1) gives 4, not 3)",
    ),
    _b11size(
        "b11_stride_ignored",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return input_size + 2 * pad - filter_size + 1
""",
        "fail",
        B11_STRIDE,
        "the stride-1 formula for every stride: (7, 3, stride=2) gives 5, not 3",
    ),
    _b11size(
        "b11_plus_one_inside",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return (input_size + 2 * pad - filter_size + 1) / stride
""",
        "fail",
        B11_STRIDE + "|" + B11_PLUS_ONE,
        "the + 1 divided by S too: right for S = 1 only ((7, 3, stride=2) gives 2.5, not 3)",
    ),
    _b11size(
        "b11_precedence",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return input_size + 2 * pad - filter_size // stride + 1
""",
        "fail",
        B11_ORDER,
        "no parentheses: only FH is divided by S ((7, 3, stride=2) gives 7, not 3); right for S = 1 only",
    ),
    _b11size(
        "b11_divides_by_stride_plus_one",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return (input_size + 2 * pad - filter_size) / (stride + 1)
""",
        "fail",
        B11_STRIDE + "|" + B11_PLUS_ONE + "|" + B11_ORDER,
        "parentheses around stride + 1: divides by S + 1 instead of adding 1 after dividing by S",
    ),
    _b11size(
        "b11_times_stride",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return (input_size + 2 * pad - filter_size) * stride + 1
""",
        "fail",
        B11_STRIDE,
        "multiplies by the stride: a larger stride gives fewer windows, not more",
    ),
    _b11size(
        "b11_modulo",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return (input_size + 2 * pad - filter_size) % stride + 1
""",
        "fail",
        B11_STRIDE + r"|%|modulo|remainder|quotient",
        "% (the remainder) for // (the quotient): always 1 for sizes that divide",
    ),
    _b11size(
        "b11_sizes_swapped",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return (filter_size + 2 * pad - input_size) // stride + 1
""",
        "fail",
        r"swap|order|FH ?[-−] ?H\b|other way round|negative|smaller|larger|bigger",
        "FH − H instead of H − FH: 0 or negative for a filter smaller than the input",
    ),
    _b11size(
        "b11_minus_one",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return (input_size + 2 * pad - filter_size) // stride - 1
""",
        "fail",
        B11_PLUS_ONE + r"|subtracts 1|minus 1|[-−] ?1 for",
        "− 1 for + 1: two windows short",
    ),
    _b11size(
        "b11_area",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    side = (input_size + 2 * pad - filter_size) // stride + 1
    return side * side
""",
        "fail",
        r"squar|area|both axes|one axis|\*\*|number of (windows|positions)|OH ?[·*×] ?OW|per axis|along one",
        "returns OH², the number of windows of a square image, not the length along one axis",
    ),
    _b11size(
        "b11_returns_tuple",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    out = (input_size + 2 * pad - filter_size) // stride + 1
    return out, out
""",
        "fail",
        B11_ONE_NUMBER,
        "returns (OH, OW) of a square image: the exercise asks for one number, the size along one axis",
    ),
    _b11size(
        "b11_returns_list",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return [(input_size + 2 * pad - filter_size) // stride + 1]
""",
        "fail",
        B11_ONE_NUMBER,
        "a list holding the size, not the size",
    ),
    _b11size(
        "b11_returns_string",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return f"{(input_size + 2 * pad - filter_size) // stride + 1}"
""",
        "fail",
        B11_NOT_NUMBER,
        "returns the text '3', not the number 3",
    ),
    _b11size(
        "b11_returns_formula_text",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return "OH = (H + 2P - FH) / S + 1"
""",
        "fail",
        B11_NOT_NUMBER,
        "returns the formula as text, not the number",
    ),
    _b11size(
        "b11_print_instead_of_return",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    print((input_size + 2 * pad - filter_size) // stride + 1)
""",
        "fail",
        B11_NONE,
        "prints the size instead of returning it: the function returns None",
    ),
    _b11size(
        "b11_hardcoded",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return 24   # (28 - 5) / 1 + 1 from the text
""",
        "fail",
        r"hard.?cod|fixed|constant|same (answer|number|value|result)|argument|every|always|ignor",
        "always 24, the example's answer: ignores its arguments",
    ),
    # not done
    _b11size(
        "b11_skeleton",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    # your code: the output's length along one axis, (H + 2P - FH) / S + 1
    raise NotImplementedError
""",
        "not done",
        None,
        "the skeleton",
    ),
    _b11size(
        "b11_pad_branch_not_done",
        """
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    if pad > 0:
        raise NotImplementedError   # TODO: padding
    return (input_size - filter_size) // stride + 1
""",
        "not done",
        None,
        "the case without padding done, the padding case still raises NotImplementedError",
    ),
    _b11size(
        "b11_helper_not_done",
        """
def padded_size(input_size, pad):
    raise NotImplementedError


def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return (padded_size(input_size, pad) - filter_size) // stride + 1
""",
        "not done",
        None,
        "its helper padded_size still raises NotImplementedError",
    ),
]

B11_CONV_ENTRIES = [
    # pass
    _b11conv(
        "b11_two_loops_np_sum",
        """
def conv2d(image, kernel):
    H, W = image.shape
    FH, FW = kernel.shape
    OH, OW = H - FH + 1, W - FW + 1
    out = np.zeros((OH, OW))
    for i in range(OH):
        for j in range(OW):
            out[i, j] = np.sum(image[i:i + FH, j:j + FW] * kernel)
    return out
""",
        "pass",
        None,
        "window by window: the sum of the element-wise products, the kernel not flipped",
    ),
    _b11conv(
        "b11_four_loops",
        """
def conv2d(image, kernel):
    H, W = image.shape
    FH, FW = kernel.shape
    out = np.zeros((H - FH + 1, W - FW + 1))
    for i in range(H - FH + 1):
        for j in range(W - FW + 1):
            total = 0.0
            for u in range(FH):
                for v in range(FW):
                    total += image[i + u, j + v] * kernel[u, v]
            out[i, j] = total
    return out
""",
        "pass",
        None,
        "the formula letter by letter: four loops, one product at a time",
    ),
    _b11conv(
        "b11_sum_method",
        """
def conv2d(image, kernel):
    fh, fw = kernel.shape
    oh, ow = image.shape[0] - fh + 1, image.shape[1] - fw + 1
    out = np.empty((oh, ow))
    for i in range(oh):
        for j in range(ow):
            window = image[i:i + fh, j:j + fw]
            out[i, j] = (window * kernel).sum()
    return out
""",
        "pass",
        None,
        "np.empty filled completely, .sum() of the products",
    ),
    _b11conv(
        "b11_sliding_window_einsum",
        """
from numpy.lib.stride_tricks import sliding_window_view


def conv2d(image, kernel):
    windows = sliding_window_view(image, kernel.shape)     # (OH, OW, FH, FW)
    return np.einsum("ijuv,uv->ij", windows, kernel)
""",
        "pass",
        None,
        "all windows at once (a view, no copy), summed against the kernel by einsum",
    ),
    _b11conv(
        "b11_sliding_window_tensordot",
        """
def conv2d(image, kernel):
    windows = np.lib.stride_tricks.sliding_window_view(image, kernel.shape)
    return np.tensordot(windows, kernel, axes=([2, 3], [0, 1]))
""",
        "pass",
        None,
        "tensordot over the two window axes: the same sums (how nbhelpers.conv2d does it)",
    ),
    _b11conv(
        "b11_sliding_window_sum_axes",
        """
from numpy.lib.stride_tricks import sliding_window_view


def conv2d(image, kernel):
    windows = sliding_window_view(image, kernel.shape)
    return (windows * kernel).sum(axis=(-2, -1))
""",
        "pass",
        None,
        "broadcast the kernel over every window, sum over the last two axes",
    ),
    _b11conv(
        "b11_list_comprehension",
        """
def conv2d(image, kernel):
    fh, fw = kernel.shape
    oh, ow = image.shape[0] - fh + 1, image.shape[1] - fw + 1
    return np.array([[np.sum(image[i:i + fh, j:j + fw] * kernel) for j in range(ow)] for i in range(oh)])
""",
        "pass",
        None,
        "a nested list comprehension turned into an array",
    ),
    _b11conv(
        "b11_rows_list",
        """
def conv2d(image, kernel):
    fh, fw = kernel.shape
    rows = []
    for i in range(image.shape[0] - fh + 1):
        row = []
        for j in range(image.shape[1] - fw + 1):
            row.append(float(np.sum(image[i:i + fh, j:j + fw] * kernel)))
        rows.append(row)
    return np.array(rows)
""",
        "pass",
        None,
        "rows collected in lists, one array at the end",
    ),
    _b11conv(
        "b11_shift_and_add",
        """
def conv2d(image, kernel):
    fh, fw = kernel.shape
    oh, ow = image.shape[0] - fh + 1, image.shape[1] - fw + 1
    out = np.zeros((oh, ow))
    for u in range(fh):
        for v in range(fw):
            out += kernel[u, v] * image[u:u + oh, v:v + ow]   # every window's (u, v) entry at once
    return out
""",
        "pass",
        None,
        "loops over the kernel's entries instead of the windows: each adds kernel[u, v] times a shifted image",
    ),
    _b11conv(
        "b11_windows_matrix",
        """
def conv2d(image, kernel):
    fh, fw = kernel.shape
    oh, ow = image.shape[0] - fh + 1, image.shape[1] - fw + 1
    rows = [image[i:i + fh, j:j + fw].ravel() for i in range(oh) for j in range(ow)]
    return (np.array(rows) @ kernel.ravel()).reshape(oh, ow)
""",
        "pass",
        None,
        "im2col by hand: one row per window, times the flattened kernel, reshaped row-major",
    ),
    _b11conv(
        "b11_nbhelpers_im2col",
        """
def conv2d(image, kernel):
    fh, fw = kernel.shape
    oh, ow = image.shape[0] - fh + 1, image.shape[1] - fw + 1
    col = nbhelpers.im2col(image[np.newaxis, np.newaxis], fh, fw)   # (OH*OW, FH*FW)
    return (col @ kernel.reshape(-1)).reshape(oh, ow)
""",
        "pass",
        None,
        "nbhelpers.im2col on a batch of one one-channel image: the book's route, the same numbers",
    ),
    _b11conv(
        "b11_nbhelpers_conv2d",
        """
def conv2d(image, kernel):
    return nbhelpers.conv2d(image, kernel)
""",
        "pass",
        None,
        "calls nbhelpers' own conv2d (stride 1, no padding): the right array",
    ),
    _b11conv(
        "b11_vdot",
        """
def conv2d(image, kernel):
    fh, fw = kernel.shape
    out = np.zeros((image.shape[0] - fh + 1, image.shape[1] - fw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.vdot(image[i:i + fh, j:j + fw], kernel)
    return out
""",
        "pass",
        None,
        "np.vdot flattens both and sums the products: the same number per window",
    ),
    _b11conv(
        "b11_dot_flattened",
        """
def conv2d(image, kernel):
    fh, fw = kernel.shape
    k = kernel.flatten()
    out = np.zeros((image.shape[0] - fh + 1, image.shape[1] - fw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i][j] = np.dot(image[i:i + fh, j:j + fw].flatten(), k)
    return out
""",
        "pass",
        None,
        "a dot product of the flattened window and kernel is the sum of the element-wise products",
    ),
    _b11conv(
        "b11_builtin_sum_twice",
        """
def conv2d(image, kernel):
    fh, fw = kernel.shape
    out = np.zeros((len(image) - fh + 1, len(image[0]) - fw + 1))
    for i in range(len(out)):
        for j in range(len(out[0])):
            out[i, j] = sum(sum(image[i:i + fh, j:j + fw] * kernel))
    return out
""",
        "pass",
        None,
        "Python's sum twice: the column sums, then their sum",
    ),
    _b11conv(
        "b11_einsum_per_window",
        """
def conv2d(image, kernel):
    fh, fw = kernel.shape
    oh, ow = image.shape[0] - fh + 1, image.shape[1] - fw + 1
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.einsum("uv,uv->", image[i:i + fh, j:j + fw], kernel)
    return out
""",
        "pass",
        None,
        "einsum of one window with the kernel to a number",
    ),
    _b11conv(
        "b11_as_strided",
        """
from numpy.lib.stride_tricks import as_strided


def conv2d(image, kernel):
    image = np.ascontiguousarray(image)
    fh, fw = kernel.shape
    oh, ow = image.shape[0] - fh + 1, image.shape[1] - fw + 1
    s0, s1 = image.strides
    windows = as_strided(image, shape=(oh, ow, fh, fw), strides=(s0, s1, s0, s1), writeable=False)
    return np.einsum("ijuv,uv->ij", windows, kernel)
""",
        "pass",
        None,
        "the windows as a strided view built by hand (read-only): the same sums",
    ),
    _b11conv(
        "b11_dtype_of_image",
        """
def conv2d(image, kernel):
    fh, fw = kernel.shape
    oh, ow = image.shape[0] - fh + 1, image.shape[1] - fw + 1
    out = np.zeros((oh, ow), dtype=image.dtype)
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(image[i:i + fh, j:j + fw] * kernel)
    return out
""",
        "pass",
        None,
        # Borderline: an int image with a float kernel would be truncated; the exercise gives float arrays.
        "the output in the image's dtype: float for the float images the exercise gives",
    ),
    _b11conv(
        "b11_zeros_like_cropped",
        """
def conv2d(image, kernel):
    fh, fw = kernel.shape
    oh, ow = image.shape[0] - fh + 1, image.shape[1] - fw + 1
    out = np.zeros_like(image)            # image-sized, a new array; only its top-left part is used
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(image[i:i + fh, j:j + fw] * kernel)
    return out[:oh, :ow]
""",
        "pass",
        None,
        # Borderline like b11_dtype_of_image: zeros_like keeps the image's dtype (float in the exercise).
        "a new image-sized array of zeros, cropped to (OH, OW) at the end; the image itself is untouched",
    ),
    _b11conv(
        "b11_stride_pad_general",
        """
def conv2d(image, kernel, stride=1, pad=0):
    x = np.pad(image, pad) if pad else image
    fh, fw = kernel.shape
    oh = (x.shape[0] - fh) // stride + 1
    ow = (x.shape[1] - fw) // stride + 1
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            r, c = i * stride, j * stride
            out[i, j] = np.sum(x[r:r + fh, c:c + fw] * kernel)
    return out
""",
        "pass",
        None,
        "a general version with stride and pad: its defaults (1, 0) are the exercise's conv2d",
    ),
    _b11conv(
        "b11_asarray_first",
        """
def conv2d(image, kernel):
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    fh, fw = kernel.shape
    oh, ow = image.shape[0] - fh + 1, image.shape[1] - fw + 1
    return np.array([[(image[i:i + fh, j:j + fw] * kernel).sum() for j in range(ow)] for i in range(oh)])
""",
        "pass",
        None,
        "np.asarray first (a no-op on float arrays, no copy changed): the same sums",
    ),
    _b11conv(
        "b11_flip_twice",
        """
def conv2d(image, kernel):
    flipped = kernel[::-1, ::-1]     # the textbook convolution flips the kernel ...
    fh, fw = kernel.shape
    out = np.zeros((image.shape[0] - fh + 1, image.shape[1] - fw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            for u in range(fh):
                for v in range(fw):
                    # ... and indexes it backwards: two flips, the kernel as given
                    out[i, j] += image[i + u, j + v] * flipped[fh - 1 - u, fw - 1 - v]
    return out
""",
        "pass",
        None,
        "flipped[FH−1−u, FW−1−v] is kernel[u, v]: two flips cancel, the cross-correlation asked for",
    ),
    _b11conv(
        "b11_math_fsum",
        """
import math


def conv2d(image, kernel):
    fh, fw = kernel.shape
    out = np.zeros((image.shape[0] - fh + 1, image.shape[1] - fw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = math.fsum((image[i:i + fh, j:j + fw] * kernel).ravel())
    return out
""",
        "pass",
        None,
        "math.fsum adds the products exactly rounded: the same sums to the last digit or better",
    ),
    _b11conv(
        "b11_prints_shape",
        """
def conv2d(image, kernel):
    fh, fw = kernel.shape
    oh, ow = image.shape[0] - fh + 1, image.shape[1] - fw + 1
    print("output shape:", (oh, ow))
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(image[i:i + fh, j:j + fw] * kernel)
    return out
""",
        "pass",
        None,
        "prints the output's shape while it works, returns the right array",
    ),
    # fail
    _b11conv(
        "b11_flipped_kernel",
        """
def conv2d(image, kernel):
    kernel = kernel[::-1, ::-1]       # "a convolution flips the kernel"
    fh, fw = kernel.shape
    out = np.zeros((image.shape[0] - fh + 1, image.shape[1] - fw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(image[i:i + fh, j:j + fw] * kernel)
    return out
""",
        "fail",
        B11_FLIP,
        "the mathematicians' convolution (kernel rotated 180°); the exercise (and the book) does not flip",
    ),
    _b11conv(
        "b11_rot90_twice",
        """
from numpy.lib.stride_tricks import sliding_window_view


def conv2d(image, kernel):
    k = np.rot90(kernel, 2)
    return np.einsum("ijuv,uv->ij", sliding_window_view(image, k.shape), k)
""",
        "fail",
        B11_FLIP,
        "np.rot90(kernel, 2) is the flipped kernel: a true convolution, not the cross-correlation asked for",
    ),
    _b11conv(
        "b11_true_convolution_index",
        """
def conv2d(image, kernel):
    fh, fw = kernel.shape
    out = np.zeros((image.shape[0] - fh + 1, image.shape[1] - fw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            for u in range(fh):
                for v in range(fw):
                    out[i, j] += image[i + u, j + v] * kernel[fh - 1 - u, fw - 1 - v]
    return out
""",
        "fail",
        B11_FLIP,
        "indexes the kernel backwards: the textbook convolution, the kernel flipped",
    ),
    _b11conv(
        "b11_flip_rows_only",
        """
def conv2d(image, kernel):
    kernel = np.flipud(kernel)
    fh, fw = kernel.shape
    out = np.zeros((image.shape[0] - fh + 1, image.shape[1] - fw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(image[i:i + fh, j:j + fw] * kernel)
    return out
""",
        "fail",
        B11_FLIP + r"|vertical|its rows",
        "the kernel turned upside down (flipped along one axis): neither the cross-correlation nor a convolution",
    ),
    _b11conv(
        "b11_same_padding",
        """
def conv2d(image, kernel):
    fh, fw = kernel.shape
    padded = np.pad(image, ((fh // 2, fh // 2), (fw // 2, fw // 2)))   # keep the image's size
    out = np.zeros(image.shape)
    for i in range(image.shape[0]):
        for j in range(image.shape[1]):
            out[i, j] = np.sum(padded[i:i + fh, j:j + fw] * kernel)
    return out
""",
        "fail",
        B11_SAME,
        "'same' size by zero padding: the exercise asks for no padding, shape (H − FH + 1, W − FW + 1)",
    ),
    _b11conv(
        "b11_transposed_output",
        """
def conv2d(image, kernel):
    fh, fw = kernel.shape
    oh, ow = image.shape[0] - fh + 1, image.shape[1] - fw + 1
    out = np.zeros((ow, oh))
    for i in range(oh):
        for j in range(ow):
            out[j, i] = np.sum(image[i:i + fh, j:j + fw] * kernel)
    return out
""",
        "fail",
        B11_TRANSPOSE,
        "stores out[j, i]: the transposed output, shape (OW, OH) for a non-square image",
    ),
    _b11conv(
        "b11_returns_dot_T",
        """
from numpy.lib.stride_tricks import sliding_window_view


def conv2d(image, kernel):
    out = np.einsum("ijuv,uv->ij", sliding_window_view(image, kernel.shape), kernel)
    return out.T
""",
        "fail",
        B11_TRANSPOSE,
        "returns out.T: rows and columns swapped",
    ),
    _b11conv(
        "b11_products_not_summed",
        """
from numpy.lib.stride_tricks import sliding_window_view


def conv2d(image, kernel):
    return sliding_window_view(image, kernel.shape) * kernel      # (OH, OW, FH, FW)
""",
        "fail",
        B11_SUM,
        "the products of every window, not their sums: shape (OH, OW, FH, FW)",
    ),
    _b11conv(
        "b11_product_in_loop",
        """
def conv2d(image, kernel):
    fh, fw = kernel.shape
    out = np.zeros((image.shape[0] - fh + 1, image.shape[1] - fw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = image[i:i + fh, j:j + fw] * kernel
    return out
""",
        "fail",
        B11_SUM,
        "stores the window's products without summing them: NumPy refuses to put an array into one entry",
    ),
    _b11conv(
        "b11_range_one_short",
        """
def conv2d(image, kernel):
    fh, fw = kernel.shape
    oh, ow = image.shape[0] - fh, image.shape[1] - fw
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(image[i:i + fh, j:j + fw] * kernel)
    return out
""",
        "fail",
        B11_RANGE,
        "H − FH without + 1: misses the last row and column of windows",
    ),
    _b11conv(
        "b11_range_one_too_many",
        """
def conv2d(image, kernel):
    fh, fw = kernel.shape
    oh, ow = image.shape[0] - fh + 2, image.shape[1] - fw + 2
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(image[i:i + fh, j:j + fw] * kernel)
    return out
""",
        "fail",
        B11_RANGE,
        "one window position too many: the last window sticks out of the image (a shorter slice)",
    ),
    _b11conv(
        "b11_skips_first_row",
        """
def conv2d(image, kernel):
    fh, fw = kernel.shape
    oh, ow = image.shape[0] - fh + 1, image.shape[1] - fw + 1
    out = np.zeros((oh, ow))
    for i in range(1, oh):
        for j in range(1, ow):
            out[i, j] = np.sum(image[i:i + fh, j:j + fw] * kernel)
    return out
""",
        "fail",
        r"range|first (row|column)|skip|start(s|ed)? at 1|left at 0|never (filled|written)|not filled|unfilled",
        "range(1, ...) leaves the first row and column of the output at 0",
    ),
    _b11conv(
        "b11_swapped_parameters",
        """
def conv2d(kernel, image):
    fh, fw = kernel.shape
    oh, ow = image.shape[0] - fh + 1, image.shape[1] - fw + 1
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(image[i:i + fh, j:j + fw] * kernel)
    return out
""",
        "fail",
        B11_ARGS,
        "parameters in the order (kernel, image): the image is taken as the kernel (negative output size)",
    ),
    _b11conv(
        "b11_window_times_in_place",
        """
def conv2d(image, kernel):
    fh, fw = kernel.shape
    out = np.zeros((image.shape[0] - fh + 1, image.shape[1] - fw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            window = image[i:i + fh, j:j + fw]     # a view into image
            window *= kernel                       # changes the image itself
            out[i, j] = window.sum()
    return out
""",
        "fail",
        B11_IN_PLACE,
        "window *= kernel multiplies the image itself (a slice is a view): the image changes, later windows too",
    ),
    _b11conv(
        "b11_out_is_view_of_image",
        """
def conv2d(image, kernel):
    fh, fw = kernel.shape
    oh, ow = image.shape[0] - fh + 1, image.shape[1] - fw + 1
    out = image[:oh, :ow]            # "an array of the right shape" -- but a view of image
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(image[i:i + fh, j:j + fw] * kernel)
    return out
""",
        "fail",
        B11_IN_PLACE,
        "the output is written into the image's top-left corner (a view): the values come out right, but the "
        "caller's image is overwritten",
    ),
    _b11conv(
        "b11_int_output",
        """
def conv2d(image, kernel):
    fh, fw = kernel.shape
    oh, ow = image.shape[0] - fh + 1, image.shape[1] - fw + 1
    out = np.zeros((oh, ow), dtype=int)
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(image[i:i + fh, j:j + fw] * kernel)
    return out
""",
        "fail",
        B11_INT,
        "an int output array: every sum is truncated towards zero (2.7 stored as 2)",
    ),
    _b11conv(
        "b11_float32_output",
        """
def conv2d(image, kernel):
    fh, fw = kernel.shape
    oh, ow = image.shape[0] - fh + 1, image.shape[1] - fw + 1
    out = np.zeros((oh, ow), dtype=np.float32)
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(image[i:i + fh, j:j + fw] * kernel)
    return out
""",
        "fail",
        r"float32|float64|dtype|digits|precision|type",
        # Written as a borderline pass first (the exercise names no dtype); turned to fail after the check's
        # reply: float64 sums stored in float32 keep 7 of 16 digits, and the catalogue (and the engine's
        # WrongDtype) asks that a result keep the input's type. A float32 image kept float32 passes
        # (b11_dtype_of_image); a float64 result for float32 inputs (np.zeros) is allowed, as in b10.
        "float64 sums stored in a float32 array: the input's float64 precision thrown away",
    ),
    _b11conv(
        "b11_nested_list",
        """
def conv2d(image, kernel):
    fh, fw = kernel.shape
    oh, ow = image.shape[0] - fh + 1, image.shape[1] - fw + 1
    return [[float(np.sum(image[i:i + fh, j:j + fw] * kernel)) for j in range(ow)] for i in range(oh)]
""",
        "pass",
        None,
        # Decided by the lead: a right answer. The numbers are right, and a list of lists is array-like: the
        # check reads it with np.asarray (the check's own docstring accepts "a list of rows").
        "a list of lists of the right numbers: array-like, np.asarray turns it into the 2-D array asked for",
    ),
    _b11conv(
        "b11_matrix_product",
        """
def conv2d(image, kernel):
    fh, fw = kernel.shape
    out = np.zeros((image.shape[0] - fh + 1, image.shape[1] - fw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(image[i:i + fh, j:j + fw] @ kernel)
    return out
""",
        "fail",
        B11_ELEMENTWISE,
        "@ is the matrix product, not the element-wise product (and fails for a non-square kernel)",
    ),
    _b11conv(
        "b11_mean_not_sum",
        """
def conv2d(image, kernel):
    fh, fw = kernel.shape
    out = np.zeros((image.shape[0] - fh + 1, image.shape[1] - fw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.mean(image[i:i + fh, j:j + fw] * kernel)
    return out
""",
        "fail",
        B11_MEAN,
        "the mean of the products: the sum divided by FH·FW",
    ),
    _b11conv(
        "b11_product_of_sums",
        """
def conv2d(image, kernel):
    fh, fw = kernel.shape
    out = np.zeros((image.shape[0] - fh + 1, image.shape[1] - fw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(image[i:i + fh, j:j + fw]) * np.sum(kernel)
    return out
""",
        "fail",
        r"product of (the )?sums|sum of the (window|kernel)|element|place by place|entry by entry|each pair",
        "the window's sum times the kernel's sum, not the sum of the products entry by entry",
    ),
    _b11conv(
        "b11_kernel_transposed",
        """
def conv2d(image, kernel):
    fh, fw = kernel.shape
    out = np.zeros((image.shape[0] - fh + 1, image.shape[1] - fw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(image[i:i + fh, j:j + fw] * kernel.T)
    return out
""",
        "fail",
        B11_TRANSPOSE,
        "kernel.T: the kernel's rows and columns swapped (a non-square kernel does not even fit the window)",
    ),
    _b11conv(
        "b11_square_kernel_assumed",
        """
def conv2d(image, kernel):
    k = kernel.shape[0]                      # kernels are k x k ...
    oh, ow = image.shape[0] - k + 1, image.shape[1] - k + 1
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(image[i:i + k, j:j + k] * kernel)
    return out
""",
        "fail",
        B11_SQUARE_KERNEL,
        "takes the kernel as square (FH for both axes): a non-square kernel does not fit the window",
    ),
    _b11conv(
        "b11_square_image_assumed",
        """
def conv2d(image, kernel):
    fh, fw = kernel.shape
    n = image.shape[0] - fh + 1              # the output is n x n ...
    out = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            out[i, j] = np.sum(image[i:i + fh, j:j + fw] * kernel)
    return out
""",
        "fail",
        B11_SQUARE_IMAGE,
        "takes the image as square: a non-square image gets the wrong number of columns",
    ),
    _b11conv(
        "b11_relu_applied",
        """
from numpy.lib.stride_tricks import sliding_window_view


def conv2d(image, kernel):
    out = np.einsum("ijuv,uv->ij", sliding_window_view(image, kernel.shape), kernel)
    return np.maximum(out, 0)          # feature maps are non-negative
""",
        "fail",
        B11_RELU,
        "ReLU applied to the output: negative sums become 0; the exercise asks for the convolution alone",
    ),
    _b11conv(
        "b11_normalised_by_kernel_sum",
        """
def conv2d(image, kernel):
    fh, fw = kernel.shape
    out = np.zeros((image.shape[0] - fh + 1, image.shape[1] - fw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(image[i:i + fh, j:j + fw] * kernel) / np.abs(kernel).sum()
    return out
""",
        "fail",
        B11_NORMALISE,
        "divides by the sum of the kernel's magnitudes (to 'normalise' it): the exercise asks for plain sums",
    ),
    _b11conv(
        "b11_window_never_moves",
        """
def conv2d(image, kernel):
    fh, fw = kernel.shape
    out = np.zeros((image.shape[0] - fh + 1, image.shape[1] - fw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(image[:fh, :fw] * kernel)     # forgot i and j
    return out
""",
        "fail",
        B11_SAME_WINDOW,
        "the window never moves: every entry is the top-left window's sum",
    ),
    _b11conv(
        "b11_i_j_swapped_in_slice",
        """
def conv2d(image, kernel):
    fh, fw = kernel.shape
    oh, ow = image.shape[0] - fh + 1, image.shape[1] - fw + 1
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(image[j:j + fh, i:i + fw] * kernel)
    return out
""",
        "fail",
        B11_TRANSPOSE + r"|index",
        "the window at (j, i) stored at (i, j): wrong windows (a non-square image even runs out of rows)",
    ),
    _b11conv(
        "b11_stride_2_default",
        """
def conv2d(image, kernel, stride=2):
    fh, fw = kernel.shape
    oh = (image.shape[0] - fh) // stride + 1
    ow = (image.shape[1] - fw) // stride + 1
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(image[i * stride:i * stride + fh, j * stride:j * stride + fw] * kernel)
    return out
""",
        "fail",
        r"stride|step|every (second|other)|skips",
        "stride 2 by default: every second window only; the exercise asks for stride 1",
    ),
    _b11conv(
        "b11_print_instead_of_return",
        """
from numpy.lib.stride_tricks import sliding_window_view


def conv2d(image, kernel):
    out = np.einsum("ijuv,uv->ij", sliding_window_view(image, kernel.shape), kernel)
    print(out)
""",
        "fail",
        B11_NONE,
        "prints the output instead of returning it: the function returns None",
    ),
    _b11conv(
        "b11_returns_tuple",
        """
from numpy.lib.stride_tricks import sliding_window_view


def conv2d(image, kernel):
    out = np.einsum("ijuv,uv->ij", sliding_window_view(image, kernel.shape), kernel)
    return out, out.shape
""",
        "fail",
        r"tuple|things|one array|two|pair",
        "returns the output and its shape: the exercise asks for one 2-D array",
    ),
    # not done
    _b11conv(
        "b11_skeleton",
        """
def conv2d(image, kernel):
    # your code: out[i, j] = sum over u, v of image[i + u, j + v] * kernel[u, v]
    raise NotImplementedError
""",
        "not done",
        None,
        "the skeleton",
    ),
    _b11conv(
        "b11_loop_body_not_done",
        """
def conv2d(image, kernel):
    fh, fw = kernel.shape
    out = np.zeros((image.shape[0] - fh + 1, image.shape[1] - fw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            raise NotImplementedError   # TODO: the sum over the window
    return out
""",
        "not done",
        None,
        "the output array made, the loop body still raises NotImplementedError",
    ),
    _b11conv(
        "b11_helper_not_done",
        """
def window_sum(window, kernel):
    raise NotImplementedError


def conv2d(image, kernel):
    fh, fw = kernel.shape
    oh, ow = image.shape[0] - fh + 1, image.shape[1] - fw + 1
    return np.array([[window_sum(image[i:i + fh, j:j + fw], kernel) for j in range(ow)] for i in range(oh)])
""",
        "not done",
        None,
        "its helper window_sum still raises NotImplementedError",
    ),
]

B11_POOL_ENTRIES = [
    # pass
    _b11pool(
        "b11_four_loops",
        """
def max_pooling(x, pool_h, pool_w, stride):
    N, C, H, W = x.shape
    OH = (H - pool_h) // stride + 1
    OW = (W - pool_w) // stride + 1
    out = np.zeros((N, C, OH, OW))
    for n in range(N):
        for c in range(C):
            for i in range(OH):
                for j in range(OW):
                    r, s = i * stride, j * stride
                    out[n, c, i, j] = np.max(x[n, c, r:r + pool_h, s:s + pool_w])
    return out
""",
        "pass",
        None,
        "every image, channel and window: np.max of the window (zeros only as a container, overwritten)",
    ),
    _b11pool(
        "b11_two_loops_axis_tuple",
        """
def max_pooling(x, pool_h, pool_w, stride):
    N, C, H, W = x.shape
    OH = (H - pool_h) // stride + 1
    OW = (W - pool_w) // stride + 1
    out = np.empty((N, C, OH, OW), dtype=x.dtype)
    for i in range(OH):
        for j in range(OW):
            window = x[:, :, i * stride:i * stride + pool_h, j * stride:j * stride + pool_w]
            out[:, :, i, j] = window.max(axis=(2, 3))
    return out
""",
        "pass",
        None,
        "one window position at a time for all images and channels: max over the two window axes",
    ),
    _b11pool(
        "b11_sliding_window_view",
        """
from numpy.lib.stride_tricks import sliding_window_view


def max_pooling(x, pool_h, pool_w, stride):
    windows = sliding_window_view(x, (pool_h, pool_w), axis=(2, 3))   # (N, C, H-ph+1, W-pw+1, ph, pw)
    return windows[:, :, ::stride, ::stride].max(axis=(-2, -1))
""",
        "pass",
        None,
        "every window position, every stride-th one kept, max over the window axes",
    ),
    _b11pool(
        "b11_sliding_window_4d_shape",
        """
def max_pooling(x, pool_h, pool_w, stride):
    windows = np.lib.stride_tricks.sliding_window_view(x, (1, 1, pool_h, pool_w))
    windows = windows[:, :, ::stride, ::stride, 0, 0]                  # (N, C, OH, OW, ph, pw)
    return np.amax(windows, axis=(4, 5))
""",
        "pass",
        None,
        "a 4-D window shape with 1s for N and C: the same windows, np.amax over the last two axes",
    ),
    _b11pool(
        "b11_as_strided",
        """
from numpy.lib.stride_tricks import as_strided


def max_pooling(x, pool_h, pool_w, stride):
    x = np.ascontiguousarray(x)
    N, C, H, W = x.shape
    OH, OW = (H - pool_h) // stride + 1, (W - pool_w) // stride + 1
    sn, sc, sh, sw = x.strides
    windows = as_strided(
        x, shape=(N, C, OH, OW, pool_h, pool_w), strides=(sn, sc, sh * stride, sw * stride, sh, sw), writeable=False
    )
    return windows.max(axis=(4, 5))
""",
        "pass",
        None,
        "the windows as a read-only strided view built by hand",
    ),
    _b11pool(
        "b11_book_im2col",
        """
def max_pooling(x, pool_h, pool_w, stride):
    N, C, H, W = x.shape
    out_h = int(1 + (H - pool_h) / stride)
    out_w = int(1 + (W - pool_w) / stride)
    col = nbhelpers.im2col(x, pool_h, pool_w, stride, 0)
    col = col.reshape(-1, pool_h * pool_w)
    out = np.max(col, axis=1)
    return out.reshape(N, out_h, out_w, C).transpose(0, 3, 1, 2)
""",
        "pass",
        None,
        "the book's Pooling.forward: im2col, one row per channel's window, max, back to (N, C, OH, OW)",
    ),
    _b11pool(
        "b11_nbhelpers_pooling",
        """
def max_pooling(x, pool_h, pool_w, stride):
    return nbhelpers.Pooling(pool_h, pool_w, stride=stride).forward(x)
""",
        "pass",
        None,
        "nbhelpers' Pooling layer without padding: the same maxima",
    ),
    _b11pool(
        "b11_builtin_max_flatten",
        """
def max_pooling(x, pool_h, pool_w, stride):
    N, C, H, W = x.shape
    OH, OW = (H - pool_h) // stride + 1, (W - pool_w) // stride + 1
    out = np.zeros((N, C, OH, OW))
    for n in range(N):
        for c in range(C):
            for i in range(OH):
                for j in range(OW):
                    window = x[n, c, i * stride:i * stride + pool_h, j * stride:j * stride + pool_w]
                    out[n, c, i, j] = max(window.flatten())
    return out
""",
        "pass",
        None,
        "Python's max over the flattened window: the largest number of each window",
    ),
    _b11pool(
        "b11_running_max_minus_inf",
        """
def max_pooling(x, pool_h, pool_w, stride):
    N, C, H, W = x.shape
    OH, OW = (H - pool_h) // stride + 1, (W - pool_w) // stride + 1
    out = np.zeros((N, C, OH, OW))
    for n in range(N):
        for c in range(C):
            for i in range(OH):
                for j in range(OW):
                    best = -np.inf
                    for u in range(pool_h):
                        for v in range(pool_w):
                            value = x[n, c, i * stride + u, j * stride + v]
                            if value > best:
                                best = value
                    out[n, c, i, j] = best
    return out
""",
        "pass",
        None,
        "a running maximum started at −∞: right for negative values too",
    ),
    _b11pool(
        "b11_running_max_first_value",
        """
def max_pooling(x, pool_h, pool_w, stride):
    N, C, H, W = x.shape
    OH, OW = (H - pool_h) // stride + 1, (W - pool_w) // stride + 1
    out = np.empty((N, C, OH, OW))
    for n in range(N):
        for c in range(C):
            for i in range(OH):
                for j in range(OW):
                    r, s = i * stride, j * stride
                    best = x[n, c, r, s]                  # the window's first value
                    for u in range(pool_h):
                        for v in range(pool_w):
                            best = max(best, x[n, c, r + u, s + v])
                    out[n, c, i, j] = best
    return out
""",
        "pass",
        None,
        "a running maximum started at the window's first value: right for negative values too",
    ),
    _b11pool(
        "b11_maximum_over_offsets",
        """
def max_pooling(x, pool_h, pool_w, stride):
    N, C, H, W = x.shape
    OH, OW = (H - pool_h) // stride + 1, (W - pool_w) // stride + 1
    out = np.full((N, C, OH, OW), -np.inf)
    for u in range(pool_h):
        for v in range(pool_w):
            # the (u, v) entry of every window at once
            part = x[:, :, u:u + stride * (OH - 1) + 1:stride, v:v + stride * (OW - 1) + 1:stride]
            out = np.maximum(out, part)
    return out
""",
        "pass",
        None,
        "loops over the window's offsets: np.maximum of strided slices, started at −∞",
    ),
    _b11pool(
        "b11_reshape_when_tiling_else_loop",
        """
def max_pooling(x, pool_h, pool_w, stride):
    N, C, H, W = x.shape
    OH, OW = (H - pool_h) // stride + 1, (W - pool_w) // stride + 1
    if stride == pool_h == pool_w:          # windows tile the image: a reshape finds them all
        tiles = x[:, :, :OH * pool_h, :OW * pool_w].reshape(N, C, OH, pool_h, OW, pool_w)
        return tiles.max(axis=(3, 5))
    out = np.empty((N, C, OH, OW), dtype=x.dtype)
    for i in range(OH):
        for j in range(OW):
            out[:, :, i, j] = x[:, :, i * stride:i * stride + pool_h, j * stride:j * stride + pool_w].max(axis=(2, 3))
    return out
""",
        "pass",
        None,
        "the reshape trick only where the windows tile the image (stride = pool size), a loop otherwise",
    ),
    _b11pool(
        "b11_int_of_division",
        """
def max_pooling(x, pool_h, pool_w, stride):
    N, C, H, W = x.shape
    OH = int((H - pool_h) / stride + 1)
    OW = int((W - pool_w) / stride + 1)
    out = np.zeros((N, C, OH, OW))
    for i in range(OH):
        for j in range(OW):
            out[:, :, i, j] = np.max(x[:, :, i * stride:i * stride + pool_h, j * stride:j * stride + pool_w], axis=(2, 3))
    return out
""",
        "pass",
        None,
        "OH by / and int(): the same whole number for sizes that divide",
    ),
    _b11pool(
        "b11_per_channel_helper",
        """
def pool2d(a, pool_h, pool_w, stride):
    oh, ow = (a.shape[0] - pool_h) // stride + 1, (a.shape[1] - pool_w) // stride + 1
    return np.array(
        [[a[i * stride:i * stride + pool_h, j * stride:j * stride + pool_w].max() for j in range(ow)] for i in range(oh)]
    )


def max_pooling(x, pool_h, pool_w, stride):
    return np.array([[pool2d(channel, pool_h, pool_w, stride) for channel in image] for image in x])
""",
        "pass",
        None,
        "a 2-D helper applied to every channel of every image, stacked back to (N, C, OH, OW)",
    ),
    _b11pool(
        "b11_separable",
        """
from numpy.lib.stride_tricks import sliding_window_view


def max_pooling(x, pool_h, pool_w, stride):
    rows = sliding_window_view(x, pool_w, axis=3)[:, :, :, ::stride].max(axis=-1)        # along W
    return sliding_window_view(rows, pool_h, axis=2)[:, :, ::stride].max(axis=-1)         # then along H
""",
        "pass",
        None,
        "max is separable: the maxima along each row's windows, then along the columns' windows",
    ),
    _b11pool(
        "b11_reshape_window_then_max",
        """
def max_pooling(x, pool_h, pool_w, stride):
    N, C, H, W = x.shape
    OH, OW = (H - pool_h) // stride + 1, (W - pool_w) // stride + 1
    out = np.zeros((N, C, OH, OW))
    for i in range(OH):
        for j in range(OW):
            window = x[:, :, i * stride:i * stride + pool_h, j * stride:j * stride + pool_w]
            out[:, :, i, j] = window.reshape(N, C, -1).max(axis=2)
    return out
""",
        "pass",
        None,
        "each window flattened per image and channel (reshape copies a sliced view), max over it",
    ),
    _b11pool(
        "b11_sorted_last",
        """
def max_pooling(x, pool_h, pool_w, stride):
    N, C, H, W = x.shape
    OH, OW = (H - pool_h) // stride + 1, (W - pool_w) // stride + 1
    out = np.zeros((N, C, OH, OW))
    for n in range(N):
        for c in range(C):
            for i in range(OH):
                for j in range(OW):
                    window = x[n, c, i * stride:i * stride + pool_h, j * stride:j * stride + pool_w]
                    out[n, c, i, j] = sorted(window.ravel())[-1]
    return out
""",
        "pass",
        None,
        "sorted() makes a new sorted list (x unchanged); its last entry is the largest",
    ),
    _b11pool(
        "b11_channels_last_and_back",
        """
def max_pooling(x, pool_h, pool_w, stride):
    xt = x.transpose(0, 2, 3, 1)                           # (N, H, W, C)
    N, H, W, C = xt.shape
    OH, OW = (H - pool_h) // stride + 1, (W - pool_w) // stride + 1
    out = np.zeros((N, OH, OW, C))
    for i in range(OH):
        for j in range(OW):
            out[:, i, j, :] = xt[:, i * stride:i * stride + pool_h, j * stride:j * stride + pool_w, :].max(axis=(1, 2))
    return out.transpose(0, 3, 1, 2)                      # back to (N, C, OH, OW)
""",
        "pass",
        None,
        "channels last for the work, transposed back to (N, C, OH, OW): the same maxima",
    ),
    _b11pool(
        "b11_list_comprehension",
        """
def max_pooling(x, pool_h, pool_w, stride):
    N, C, H, W = x.shape
    OH, OW = (H - pool_h) // stride + 1, (W - pool_w) // stride + 1
    values = [
        x[:, :, i * stride:i * stride + pool_h, j * stride:j * stride + pool_w].max(axis=(2, 3))
        for i in range(OH)
        for j in range(OW)
    ]                                                     # OH*OW arrays of shape (N, C)
    return np.stack(values, axis=-1).reshape(N, C, OH, OW)
""",
        "pass",
        None,
        "the maxima of every window position stacked last, row-major, reshaped to (N, C, OH, OW)",
    ),
    _b11pool(
        "b11_keeps_float32",
        """
def max_pooling(x, pool_h, pool_w, stride):
    N, C, H, W = x.shape
    OH, OW = (H - pool_h) // stride + 1, (W - pool_w) // stride + 1
    out = np.empty((N, C, OH, OW), dtype=x.dtype)
    for n in range(N):
        for c in range(C):
            for i in range(OH):
                for j in range(OW):
                    out[n, c, i, j] = x[n, c, i * stride:i * stride + pool_h, j * stride:j * stride + pool_w].max()
    return out
""",
        "pass",
        None,
        "the output in x's dtype: a maximum is one of the inputs, so nothing is rounded",
    ),
    _b11pool(
        "b11_default_stride",
        """
def max_pooling(x, pool_h, pool_w, stride=1):
    windows = np.lib.stride_tricks.sliding_window_view(x, (pool_h, pool_w), axis=(2, 3))
    return windows[:, :, ::stride, ::stride].max(axis=(4, 5))
""",
        "pass",
        None,
        "a default stride=1 (the book's Pooling default) changes nothing when the stride is given",
    ),
    # fail
    _b11pool(
        "b11_mean_pooling",
        """
def max_pooling(x, pool_h, pool_w, stride):
    N, C, H, W = x.shape
    OH, OW = (H - pool_h) // stride + 1, (W - pool_w) // stride + 1
    out = np.zeros((N, C, OH, OW))
    for i in range(OH):
        for j in range(OW):
            out[:, :, i, j] = x[:, :, i * stride:i * stride + pool_h, j * stride:j * stride + pool_w].mean(axis=(2, 3))
    return out
""",
        "fail",
        B11_MAXIMUM,
        "average pooling: the mean of each window, not its maximum",
    ),
    _b11pool(
        "b11_min_pooling",
        """
from numpy.lib.stride_tricks import sliding_window_view


def max_pooling(x, pool_h, pool_w, stride):
    windows = sliding_window_view(x, (pool_h, pool_w), axis=(2, 3))[:, :, ::stride, ::stride]
    return windows.min(axis=(-2, -1))
""",
        "fail",
        B11_MAXIMUM,
        "the minimum of each window, not the maximum",
    ),
    _b11pool(
        "b11_sum_pooling",
        """
from numpy.lib.stride_tricks import sliding_window_view


def max_pooling(x, pool_h, pool_w, stride):
    windows = sliding_window_view(x, (pool_h, pool_w), axis=(2, 3))[:, :, ::stride, ::stride]
    return windows.sum(axis=(-2, -1))
""",
        "fail",
        B11_MAXIMUM,
        "the sum of each window, not its maximum",
    ),
    _b11pool(
        "b11_running_max_from_zero",
        """
def max_pooling(x, pool_h, pool_w, stride):
    N, C, H, W = x.shape
    OH, OW = (H - pool_h) // stride + 1, (W - pool_w) // stride + 1
    out = np.zeros((N, C, OH, OW))
    for n in range(N):
        for c in range(C):
            for i in range(OH):
                for j in range(OW):
                    best = 0                              # "nothing yet"
                    for u in range(pool_h):
                        for v in range(pool_w):
                            if x[n, c, i * stride + u, j * stride + v] > best:
                                best = x[n, c, i * stride + u, j * stride + v]
                    out[n, c, i, j] = best
    return out
""",
        "fail",
        B11_NEG,
        "a running maximum started at 0: a window of negative values gives 0 instead of its largest value",
    ),
    _b11pool(
        "b11_maximum_from_zeros",
        """
def max_pooling(x, pool_h, pool_w, stride):
    N, C, H, W = x.shape
    OH, OW = (H - pool_h) // stride + 1, (W - pool_w) // stride + 1
    out = np.zeros((N, C, OH, OW))
    for u in range(pool_h):
        for v in range(pool_w):
            part = x[:, :, u:u + stride * (OH - 1) + 1:stride, v:v + stride * (OW - 1) + 1:stride]
            out = np.maximum(out, part)
    return out
""",
        "fail",
        B11_NEG,
        "np.maximum over the offsets, started from zeros: negative windows give 0",
    ),
    _b11pool(
        "b11_stride_ignored_in_loop",
        """
def max_pooling(x, pool_h, pool_w, stride):
    N, C, H, W = x.shape
    OH, OW = (H - pool_h) // stride + 1, (W - pool_w) // stride + 1
    out = np.zeros((N, C, OH, OW))
    for i in range(OH):
        for j in range(OW):
            out[:, :, i, j] = x[:, :, i:i + pool_h, j:j + pool_w].max(axis=(2, 3))   # windows start at i, j
    return out
""",
        "fail",
        B11_POOL_STRIDE,
        "the right output size, but the windows start at (i, j), not (i·stride, j·stride)",
    ),
    _b11pool(
        "b11_stride_ignored_everywhere",
        """
from numpy.lib.stride_tricks import sliding_window_view


def max_pooling(x, pool_h, pool_w, stride):
    return sliding_window_view(x, (pool_h, pool_w), axis=(2, 3)).max(axis=(-2, -1))
""",
        "fail",
        B11_POOL_STRIDE,
        "every window position (stride 1) whatever the stride: too many windows for stride > 1",
    ),
    _b11pool(
        "b11_windows_spaced_by_pool_size",
        """
def max_pooling(x, pool_h, pool_w, stride):
    N, C, H, W = x.shape
    OH, OW = (H - pool_h) // stride + 1, (W - pool_w) // stride + 1
    out = np.zeros((N, C, OH, OW))
    for i in range(OH):
        for j in range(OW):
            out[:, :, i, j] = x[:, :, i * pool_h:(i + 1) * pool_h, j * pool_w:(j + 1) * pool_w].max(axis=(2, 3))
    return out
""",
        "fail",
        B11_POOL_STRIDE,
        "windows placed pool_h, pool_w apart instead of stride apart: right only when stride = pool size",
    ),
    _b11pool(
        "b11_reshape_trick_only",
        """
def max_pooling(x, pool_h, pool_w, stride):
    N, C, H, W = x.shape
    return x.reshape(N, C, H // pool_h, pool_h, W // pool_w, pool_w).max(axis=(3, 5))
""",
        "fail",
        B11_POOL_STRIDE + r"|reshape|blocks",
        "the reshape trick: right only for non-overlapping windows (stride = pool size); ignores the stride",
    ),
    _b11pool(
        "b11_window_size_is_stride",
        """
def max_pooling(x, pool_h, pool_w, stride):
    N, C, H, W = x.shape
    OH, OW = (H - pool_h) // stride + 1, (W - pool_w) // stride + 1
    out = np.zeros((N, C, OH, OW))
    for i in range(OH):
        for j in range(OW):
            out[:, :, i, j] = x[:, :, i * stride:(i + 1) * stride, j * stride:(j + 1) * stride].max(axis=(2, 3))
    return out
""",
        "fail",
        r"stride × stride|stride by stride|window size|size of (the|each) window|windows? (are|is|of) (too )?(small|large)|"
        r"pool_h × pool_w|\(i ?\+ ?1\) ?\* ?stride",
        "windows of stride × stride, not pool_h × pool_w: right only when stride = pool size",
    ),
    _b11pool(
        "b11_across_channels",
        """
def max_pooling(x, pool_h, pool_w, stride):
    N, C, H, W = x.shape
    OH, OW = (H - pool_h) // stride + 1, (W - pool_w) // stride + 1
    out = np.zeros((N, C, OH, OW))
    for n in range(N):
        for i in range(OH):
            for j in range(OW):
                out[n, :, i, j] = np.max(x[n, :, i * stride:i * stride + pool_h, j * stride:j * stride + pool_w])
    return out
""",
        "fail",
        B11_CHANNEL,
        "one maximum over all channels' windows, copied to every channel: pooling is channel by channel",
    ),
    _b11pool(
        "b11_first_channel_only",
        """
def max_pooling(x, pool_h, pool_w, stride):
    N, C, H, W = x.shape
    OH, OW = (H - pool_h) // stride + 1, (W - pool_w) // stride + 1
    out = np.zeros((N, C, OH, OW))
    for n in range(N):
        for i in range(OH):
            for j in range(OW):
                out[n, 0, i, j] = np.max(x[n, 0, i * stride:i * stride + pool_h, j * stride:j * stride + pool_w])
    return out
""",
        "fail",
        B11_CHANNEL + r"|only (the )?(first|channel 0)|other channels|not filled|left at 0",
        "pools channel 0 only: the other channels stay 0",
    ),
    _b11pool(
        "b11_pool_h_w_swapped",
        """
def max_pooling(x, pool_h, pool_w, stride):
    N, C, H, W = x.shape
    OH, OW = (H - pool_w) // stride + 1, (W - pool_h) // stride + 1
    out = np.zeros((N, C, OH, OW))
    for i in range(OH):
        for j in range(OW):
            out[:, :, i, j] = x[:, :, i * stride:i * stride + pool_w, j * stride:j * stride + pool_h].max(axis=(2, 3))
    return out
""",
        "fail",
        B11_HW,
        "pool_w along the rows and pool_h along the columns: wrong for a non-square window",
    ),
    _b11pool(
        "b11_zero_padding",
        """
def max_pooling(x, pool_h, pool_w, stride):
    x = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))          # a border like the convolution's
    N, C, H, W = x.shape
    OH, OW = (H - pool_h) // stride + 1, (W - pool_w) // stride + 1
    out = np.zeros((N, C, OH, OW))
    for i in range(OH):
        for j in range(OW):
            out[:, :, i, j] = x[:, :, i * stride:i * stride + pool_h, j * stride:j * stride + pool_w].max(axis=(2, 3))
    return out
""",
        "fail",
        B11_POOL_PAD,
        "pads a border of zeros: the exercise pools without padding (wrong shape, and 0 beats negatives)",
    ),
    _b11pool(
        "b11_shifts_x_in_place",
        """
def max_pooling(x, pool_h, pool_w, stride):
    low = x.min()
    x -= low                                  # all values >= 0, so a running max can start at 0
    N, C, H, W = x.shape
    OH, OW = (H - pool_h) // stride + 1, (W - pool_w) // stride + 1
    out = np.zeros((N, C, OH, OW))
    for i in range(OH):
        for j in range(OW):
            out[:, :, i, j] = x[:, :, i * stride:i * stride + pool_h, j * stride:j * stride + pool_w].max(axis=(2, 3))
    return out + low
""",
        "fail",
        B11_IN_PLACE,
        "x -= low shifts the caller's array itself: the maxima come out right, but x is changed",
    ),
    _b11pool(
        "b11_reshapes_x_in_place",
        """
def max_pooling(x, pool_h, pool_w, stride):
    N, C, H, W = x.shape
    x.shape = (N * C, H, W)                   # one stack of 2-D maps -- changes the caller's x
    OH, OW = (H - pool_h) // stride + 1, (W - pool_w) // stride + 1
    out = np.zeros((N * C, OH, OW))
    for m in range(N * C):
        for i in range(OH):
            for j in range(OW):
                out[m, i, j] = x[m, i * stride:i * stride + pool_h, j * stride:j * stride + pool_w].max()
    return out.reshape(N, C, OH, OW)
""",
        "fail",
        B11_IN_PLACE,
        # Unsure: the values are right; assigning x.shape reshapes the caller's array object itself.
        "assigning x.shape reshapes the caller's array: after the call its x is (N·C, H, W)",
    ),
    _b11pool(
        "b11_channels_last_output",
        """
def max_pooling(x, pool_h, pool_w, stride):
    N, C, H, W = x.shape
    OH, OW = (H - pool_h) // stride + 1, (W - pool_w) // stride + 1
    out = np.zeros((N, OH, OW, C))
    for i in range(OH):
        for j in range(OW):
            out[:, i, j, :] = x[:, :, i * stride:i * stride + pool_h, j * stride:j * stride + pool_w].max(axis=(2, 3))
    return out
""",
        "fail",
        r"transpos|order|axes|channels last|\(N, ?OH, ?OW, ?C\)",
        "returns (N, OH, OW, C): the channels last instead of (N, C, OH, OW)",
    ),
    _b11pool(
        "b11_flattened_output",
        """
def max_pooling(x, pool_h, pool_w, stride):
    windows = np.lib.stride_tricks.sliding_window_view(x, (pool_h, pool_w), axis=(2, 3))[:, :, ::stride, ::stride]
    N, C, OH, OW = windows.shape[:4]
    return windows.max(axis=(4, 5)).reshape(N, C, OH * OW)
""",
        "fail",
        r"flat|reshape|OH ?[·*×] ?OW|rows and .{0,10}columns|2-D map",
        "the right maxima, flattened to (N, C, OH·OW): the exercise asks for (N, C, OH, OW)",
    ),
    _b11pool(
        "b11_missing_plus_one",
        """
def max_pooling(x, pool_h, pool_w, stride):
    N, C, H, W = x.shape
    OH, OW = (H - pool_h) // stride, (W - pool_w) // stride
    out = np.zeros((N, C, OH, OW))
    for i in range(OH):
        for j in range(OW):
            out[:, :, i, j] = x[:, :, i * stride:i * stride + pool_h, j * stride:j * stride + pool_w].max(axis=(2, 3))
    return out
""",
        "fail",
        B11_PLUS_ONE,
        "OH = (H − pool_h)/stride without + 1: the last row and column of windows missing",
    ),
    _b11pool(
        "b11_size_without_stride_formula",
        """
def max_pooling(x, pool_h, pool_w, stride):
    N, C, H, W = x.shape
    OH, OW = H // pool_h, W // pool_w
    out = np.zeros((N, C, OH, OW))
    for i in range(OH):
        for j in range(OW):
            out[:, :, i, j] = x[:, :, i * stride:i * stride + pool_h, j * stride:j * stride + pool_w].max(axis=(2, 3))
    return out
""",
        "fail",
        B11_POOL_STRIDE,
        "OH = H // pool_h: right only when stride = pool size; overlapping windows give more positions",
    ),
    _b11pool(
        "b11_returns_argmax",
        """
def max_pooling(x, pool_h, pool_w, stride):
    windows = np.lib.stride_tricks.sliding_window_view(x, (pool_h, pool_w), axis=(2, 3))[:, :, ::stride, ::stride]
    N, C, OH, OW = windows.shape[:4]
    return windows.reshape(N, C, OH, OW, -1).argmax(axis=-1)
""",
        "fail",
        r"argmax|index|indices|position|where the|" + B11_MAXIMUM,
        "the position of each window's maximum, not the maximum itself",
    ),
    _b11pool(
        "b11_abs_max",
        """
def max_pooling(x, pool_h, pool_w, stride):
    windows = np.lib.stride_tricks.sliding_window_view(x, (pool_h, pool_w), axis=(2, 3))[:, :, ::stride, ::stride]
    return np.abs(windows).max(axis=(-2, -1))
""",
        "fail",
        r"abs|sign|magnitude|minus",
        "the largest magnitude, returned without its sign: a window of negatives gives a positive number",
    ),
    _b11pool(
        "b11_window_one_short",
        """
def max_pooling(x, pool_h, pool_w, stride):
    N, C, H, W = x.shape
    OH, OW = (H - pool_h) // stride + 1, (W - pool_w) // stride + 1
    out = np.zeros((N, C, OH, OW))
    for i in range(OH):
        for j in range(OW):
            r, s = i * stride, j * stride
            out[:, :, i, j] = x[:, :, r:r + pool_h - 1, s:s + pool_w - 1].max(axis=(2, 3))
    return out
""",
        "fail",
        r"off.by.one|pool_h ?[-−] ?1|one (row|column) (short|less|too few)|smaller window|too small|"
        r"last (row|column) of (the|each) window|loses",
        "slices r:r + pool_h − 1: each window loses its last row and column",
    ),
    _b11pool(
        "b11_first_image_only",
        """
def max_pooling(x, pool_h, pool_w, stride):
    N, C, H, W = x.shape
    OH, OW = (H - pool_h) // stride + 1, (W - pool_w) // stride + 1
    out = np.zeros((C, OH, OW))
    for c in range(C):
        for i in range(OH):
            for j in range(OW):
                out[c, i, j] = x[0, c, i * stride:i * stride + pool_h, j * stride:j * stride + pool_w].max()
    return out
""",
        "fail",
        r"batch|each image|every image|all (the )?images|first image|one image|axis (is )?missing|missing axis|"
        r"images and channels",
        "pools the first image only: shape (C, OH, OW), not (N, C, OH, OW)",
    ),
    _b11pool(
        "b11_global_max",
        """
def max_pooling(x, pool_h, pool_w, stride):
    return x.max(axis=(2, 3))
""",
        "fail",
        r"global|whole (map|image|channel)|one (value|number|maximum) per|every window|each window|"
        r"axis=\(2, ?3\)",
        "one maximum per image and channel (global max pooling): shape (N, C), not (N, C, OH, OW)",
    ),
    _b11pool(
        "b11_print_instead_of_return",
        """
def max_pooling(x, pool_h, pool_w, stride):
    windows = np.lib.stride_tricks.sliding_window_view(x, (pool_h, pool_w), axis=(2, 3))[:, :, ::stride, ::stride]
    print(windows.max(axis=(-2, -1)))
""",
        "fail",
        B11_NONE,
        "prints the result instead of returning it: the function returns None",
    ),
    # not done
    _b11pool(
        "b11_skeleton",
        """
def max_pooling(x, pool_h, pool_w, stride):
    # your code: (N, C, H, W) -> (N, C, OH, OW), the maximum of every pool_h x pool_w window
    raise NotImplementedError
""",
        "not done",
        None,
        "the skeleton",
    ),
    _b11pool(
        "b11_loop_body_not_done",
        """
def max_pooling(x, pool_h, pool_w, stride):
    N, C, H, W = x.shape
    OH, OW = (H - pool_h) // stride + 1, (W - pool_w) // stride + 1
    out = np.zeros((N, C, OH, OW))
    for i in range(OH):
        for j in range(OW):
            raise NotImplementedError   # TODO: the maximum of the window
    return out
""",
        "not done",
        None,
        "the output array made, the loop body still raises NotImplementedError",
    ),
    _b11pool(
        "b11_helper_not_done",
        """
def window_max(window):
    raise NotImplementedError


def max_pooling(x, pool_h, pool_w, stride):
    N, C, H, W = x.shape
    OH, OW = (H - pool_h) // stride + 1, (W - pool_w) // stride + 1
    out = np.zeros((N, C, OH, OW))
    for n in range(N):
        for c in range(C):
            for i in range(OH):
                for j in range(OW):
                    out[n, c, i, j] = window_max(x[n, c, i * stride:i * stride + pool_h, j * stride:j * stride + pool_w])
    return out
""",
        "not done",
        None,
        "its helper window_max still raises NotImplementedError",
    ),
]

B11_ENTRIES = B11_SIZE_ENTRIES + B11_CONV_ENTRIES + B11_POOL_ENTRIES
