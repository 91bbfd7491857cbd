"""A blind catalogue of learner submissions for the exercise self-checks of notebook 13 (the playground).

Written blind from the exercise texts (issue 21's spec, section "Exercises of notebook 13"), without reading
the checks of notebook 13 or their tests. The verdicts say what is mathematically right:

- ``my_features(x)`` passes when, for points x of shape (N, 2) (x₁ in column 0, x₂ in column 1), it returns
  the (N, 7) values x₁, x₂, x₁², x₂², x₁·x₂, sin x₁, sin x₂ in this order (an array, or a list of rows that
  np.asarray turns into one), to float64 precision for float64 points (float32 points: float32 rounding is
  fine), for every N (1 too) and x beyond [-1.5, 1.5], and leaves x unchanged;
- ``layer_grad_norms(grads)`` passes when it returns the L Frobenius norms sqrt(Σ grads["Wk"]²) for
  k = 1, ..., L in layer order (W10 after W9), biases left out, as a list, tuple or 1-D array of numbers,
  whatever the order of the dict's keys, and leaves grads unchanged;
- ``circle_features`` (a list, not a function) passes when it names, each once and spelt as in
  ``nbhelpers.playground.FEATURES``, features with which a network without a hidden layer separates the
  circles: both squares x1^2 and x2^2 must be among them. Measured with the core (Playground(dataset="circles",
  hidden=(), optimizer="Adam", lr=0.05, batch_size=10, seed=0), 500 steps): every "pass" list reaches a test
  accuracy of 0.988 or more, every wrong list that trains at all stays at or below 0.82 (seeds 0-5: right
  lists 0.988-1.0, wrong ones 0.36-0.85).

Each entry is a dict of the fields of ``submissions.Submission`` (``tests/submissions.py`` turns them into
Submissions and adds them to its SUBMISSIONS; a dict keeps this module free of a circular import).
Names start with "b13_".
"""

from __future__ import annotations

#: Notebook 13, above its exercises: the imports (every entry defines or imports what else it uses itself).
G13 = """
import numpy as np
import nbhelpers
from nbhelpers import checks
"""


def _entry(check, func, name, code, verdict, hint, why) -> dict:
    return dict(
        check=check, name=name, func=func, code=code, verdict=verdict, hint=hint, why=why, globals=G13
    )


def _b13feat(name, code, verdict, hint, why):
    return _entry("check_features", "my_features", name, code, verdict, hint, why)


def _b13norms(name, code, verdict, hint, why):
    return _entry("check_layer_grad_norms", "layer_grad_norms", name, code, verdict, hint, why)


def _b13circle(name, code, verdict, hint, why):
    return _entry("check_circle_features", "circle_features", name, code, verdict, hint, why)


# A hint names the mistake, not the case: it avoids the words that every ✗ line of a case is likely to hold
# anyway (the check's title, the size of x, "expected", "got", the numbers of the case).

# --- my_features ------------------------------------------------------------------------------------------------
B13_MISSING = r"missing|too few|\(\d+, ?[0-6]\)|\b[0-6] columns|seven|7 columns|shape|left out|forg[eo]t"
B13_EXTRA = r"extra|too many|\(\d+, ?([89]|\d\d)\)|\b([89]|\d\d) columns|seven|7 columns|shape"
B13_ORDER = (
    r"order|swap|place|position|instead of|looks like|belongs|moved|shift|should (come|be)|is (in )?column|"
    r"exchang|wrong column"
)
B13_TRANSPOSED = (
    r"transpos|\(7, ?\d+\)|\.T\b|rows? (and|instead of|for) columns?|columns? (and|instead of|for) rows?|"
    r"one row per|axis|turned|sideways"
)
B13_TUPLE = B13_TRANSPOSED + r"|tuple|list of (7|seven|arrays|columns)|seven (arrays|columns)"
B13_PRODUCT = (
    r"x1 ?[·*×] ?x2|x₁ ?[·*×]? ?x₂|product|multipl|times|\bsum\b|x1 ?\+ ?x2|x₁ ?\+ ?x₂|added|\bdot\b|@|"
    r"matrix product|each point|per point|elementwise|element-wise|row by row"
)
B13_POWER_TYPO = B13_PRODUCT + r"|\*\*|power|nan"
B13_SQUARE = r"x1\^2|x2\^2|x₁²|x₂²|x1²|x2²|square|\*\* ?2|power|2 ?[·*×] ?x|twice|double|2x"
B13_X2_SQUARED = (
    r"x2\^2|x₂²|x2²|x2 ?\*\* ?2|x2 ?\* ?x2|square of x2|fourth|4th|column (4|3)\b|x₁² (twice|again)"
)
B13_DEGREES = r"radian|degree|deg2rad|π|\bpi\b|180"
B13_COS = r"\bcos|cosine|sine|sin x|sin\(x|np\.sin"
B13_NO_SIN = r"\bsin|sine"
B13_SIN_X2 = r"sin x₂|sin\(x2\)|sin x2|seventh|7th|last column|column (7|6)\b|sin x₁ (twice|again)"
B13_XOR = r"\^|xor|bitwise|TypeError|\*\*|power|ufunc|not supported"
B13_IN_PLACE = r"in.place|modif|chang|overwr|unchanged|altered|copy|the (array|points|x) it was given"
B13_ONE_ROW = r"shape|row|first|only one|\(\d+, ?7\)|\(7,\)|1-D|one point|every point|each point"
B13_ROWS_COLS = (
    r"shape|row|column|x\[:, ?0\]|x\[0\]|\(2, ?7\)|IndexError|index|out of bounds|first (two )?points?"
)
B13_UNPACK = r"unpack|too many|values|shape|x\.T|column|ValueError"
B13_SQUEEZE = r"shape|\(7,\)|1-D|one axis|squeeze|\(1, ?7\)|2-D|dimension|one point|single point"
B13_FIXED_N = r"shape|\b500\b|broadcast|len\(x\)|fixed|rows|\(\d+, ?7\)|hard.?cod|N\b"
B13_FLOAT32 = r"float32|precision|dtype|round|float64|digits|single"
B13_INT = r"\bint|whole|truncat|round|dtype|decimal|fraction"
B13_DICT = r"dict|array|shape|keys"
B13_NONE = r"None|forg[eo]t\w* .{0,10}return|no return|print|returns? nothing"

# --- layer_grad_norms -------------------------------------------------------------------------------------------
B13_SQRT = r"square root|sqrt|√|squared|\*\* ?2|²|norm squared|sum of (the )?squares"
B13_BIAS = r"bias|\bb\d|\bb_?k\b|\bbL\b|\"b"
B13_BIAS_COUNT = B13_BIAS + r"|too many|\d+ numbers|length|len\(|2 ?L|twice as many|\d+ norms"
B13_SPECTRAL = r"spectral|singular|\bord\b|ord ?=|, ?2\)|largest|2-norm|operator|matrix norm|Frobenius"
B13_ORD1 = r"\bord\b|ord ?=|, ?1\)|column|abs|L1|1-norm|largest|Frobenius"
B13_MAX_ABS = r"\bmax|largest|abs|square|every entry|all (the )?entries|inf"
B13_MEAN = r"mean|average|divid|size|number of entries|RMS|/ ?\w*\.size"
B13_MEAN_NO_SQRT = B13_MEAN + r"|sqrt|square root"
B13_ABS = r"abs|L1|1-norm|\|.\||squares?\b|sum of"
B13_SQUARE_FIRST = (
    r"square (each|every|the entries)|each entry|every entry|before (summ|add)|sum of (the )?squares|"
    r"squares? of (the )?sum|cancel|abs|sign|negative"
)
B13_SQRT_OF_SUM = B13_SQUARE_FIRST + r"|nan|square"
B13_TEXT_SORT = r"W10|text|alphabet|lexic|string|sort|numer|layer order|order|digit"
B13_ORDER_L = r"order|revers|backwards|layer order|W1 first|first layer|sort|W1, W2"
B13_FEW = (
    r"too few|missing|length|\d+ numbers|\d+ layers|every layer|all (the )?layers|last|only \d+|\d+ norms|"
    r"\bL\b|len\("
)
B13_KEY = r"KeyError|key|W0|range|from 1|off by|start|W\d+|len\(grads\)|bias"
B13_ONE = (
    r"one number|single|per layer|each layer|a list|list of|scalar|total|whole|not a list|one per|"
    r"\d+ numbers|length"
)
B13_AXIS = r"axis|column|row|per (layer|matrix)|one number|array|shape|nested|entries|2-D|1-D"
B13_NOT_LIST = r"dict|list|keys|sequence|numbers|tuple|map|generator|iterator|array"

# --- circle_features --------------------------------------------------------------------------------------------
B13_NOT_SEPARATED = (
    r"square|\^2|²|radius|straight|\bline|linear|separat|below|under|< ?0?\.95|< ?95|only \d|short of|"
    r"not enough|at least 95|at least 0\.95|distance"
)
B13_NAMES = (
    r"valid|unknown|not (a|one of|in|among|the name)|FEATURES|spell|choose|allowed|known|no feature|"
    r"is not a feature|isn't a feature|names? (are|is)|the features are"
)
B13_DUPLICATE = r"once|twice|duplicat|repeat|more than once|same (name|feature)"
B13_STRING = r"\bstr\b|string|text|comma|split|one name|not a list|a list of|quote|each name|separate"
B13_EMPTY = r"empty|no features|at least one|nothing|none chosen|\[\]|needs? an input"
B13_NOT_A_LIST = r"function|callable|list itself|not a list|list of names|def\b|call"
B13_NOT_NAMES = (
    r"\bstr\b|string|name|index|indices|number|\bint\b|nested|list inside|each (entry|item|element)"
)

B13_FEATURES_ENTRIES = [
    # pass
    _b13feat(
        "b13_column_stack",
        """
def my_features(x):
    x1, x2 = x[:, 0], x[:, 1]
    return np.column_stack([x1, x2, x1**2, x2**2, x1 * x2, np.sin(x1), np.sin(x2)])
""",
        "pass",
        None,
        "the seven columns side by side, in the order asked",
    ),
    _b13feat(
        "b13_stack_axis1_times_itself",
        """
def my_features(x):
    a = x[:, 0]
    b = x[:, 1]
    return np.stack([a, b, a * a, b * b, a * b, np.sin(a), np.sin(b)], axis=1)
""",
        "pass",
        None,
        "np.stack along axis 1, squares as a * a",
    ),
    _b13feat(
        "b13_hstack_reshaped",
        """
def my_features(x):
    x1 = x[:, 0].reshape(-1, 1)
    x2 = x[:, 1].reshape(-1, 1)
    return np.hstack((x1, x2, np.square(x1), np.square(x2), np.multiply(x1, x2), np.sin(x1), np.sin(x2)))
""",
        "pass",
        None,
        "(N, 1) columns joined with np.hstack; np.square and np.multiply",
    ),
    _b13feat(
        "b13_concatenate_none_axis",
        """
def my_features(x):
    x1 = x[:, 0][:, None]
    x2 = x[:, 1][:, np.newaxis]
    return np.concatenate([x1, x2, np.power(x1, 2), np.power(x2, 2), x1 * x2, np.sin(x1), np.sin(x2)], axis=1)
""",
        "pass",
        None,
        "columns made 2-D with None / np.newaxis, np.power(., 2), joined with np.concatenate",
    ),
    _b13feat(
        "b13_blocks_of_two",
        """
def my_features(x):
    return np.hstack([x, x**2, np.prod(x, axis=1, keepdims=True), np.sin(x)])
""",
        "pass",
        None,
        "x, then x**2 (both squares), then the row product, then np.sin(x): the same seven columns",
    ),
    _b13feat(
        "b13_loop_rows_into_empty",
        """
def my_features(x):
    out = np.empty((len(x), 7))
    for i, (a, b) in enumerate(x):
        out[i] = [a, b, a * a, b * b, a * b, np.sin(a), np.sin(b)]
    return out
""",
        "pass",
        None,
        "one row per point filled into np.empty",
    ),
    _b13feat(
        "b13_zeros_column_by_column",
        """
def my_features(x):
    n = x.shape[0]
    features = np.zeros((n, 7))
    features[:, 0] = x[:, 0]
    features[:, 1] = x[:, 1]
    features[:, 2] = x[:, 0] ** 2
    features[:, 3] = x[:, 1] ** 2
    features[:, 4] = x[:, 0] * x[:, 1]
    features[:, 5] = np.sin(x[:, 0])
    features[:, 6] = np.sin(x[:, 1])
    return features
""",
        "pass",
        None,
        "np.zeros filled one column at a time",
    ),
    _b13feat(
        "b13_list_of_lists",
        """
import math


def my_features(x):
    return [[a, b, a**2, b**2, a * b, math.sin(a), math.sin(b)] for a, b in x]
""",
        "pass",
        None,
        "a list of N rows of 7 numbers: np.asarray makes the right (N, 7) array",
    ),
    _b13feat(
        "b13_python_floats_then_array",
        """
import math


def my_features(x):
    rows = []
    for point in x.tolist():
        x1, x2 = point
        rows.append([x1, x2, x1 * x1, x2 * x2, x1 * x2, math.sin(x1), math.sin(x2)])
    return np.array(rows, dtype=float)
""",
        "pass",
        None,
        "Python floats row by row with math.sin, turned into a float array",
    ),
    _b13feat(
        "b13_vstack_transposed_back",
        """
def my_features(x):
    x1, x2 = x[:, 0], x[:, 1]
    return np.vstack([x1, x2, x1**2, x2**2, x1 * x2, np.sin(x1), np.sin(x2)]).T
""",
        "pass",
        None,
        "the seven columns as rows of a (7, N) array, transposed to (N, 7)",
    ),
    _b13feat(
        "b13_array_transposed",
        """
def my_features(x):
    x1, x2 = x.T
    return np.array([x1, x2, x1**2, x2**2, x1 * x2, np.sin(x1), np.sin(x2)]).T
""",
        "pass",
        None,
        "x.T unpacked into the two coordinates; np.array(...).T",
    ),
    _b13feat(
        "b13_np_c_",
        """
def my_features(x):
    return np.c_[x, x**2, x[:, 0] * x[:, 1], np.sin(x)]
""",
        "pass",
        None,
        "np.c_ joins 2-D blocks and 1-D columns along the columns",
    ),
    _b13feat(
        "b13_as_float64_first",
        """
def my_features(x):
    x = np.asarray(x, dtype=np.float64)
    x1 = x[:, 0]
    x2 = x[:, 1]
    return np.column_stack((x1, x2, x1 ** 2, x2 ** 2, x1 * x2, np.sin(x1), np.sin(x2)))
""",
        "pass",
        None,
        "converting to float64 first makes a new array (float32 points then give float64 columns): x is unchanged",
    ),
    _b13feat(
        "b13_squares_on_a_copy",
        """
def my_features(x):
    squares = x.copy()
    squares **= 2
    sines = np.sin(x)
    product = (x[:, 0] * x[:, 1]).reshape(-1, 1)
    return np.concatenate([x, squares, product, sines], axis=1)
""",
        "pass",
        None,
        "the squares computed in place, but on a copy: x stays as it was",
    ),
    _b13feat(
        "b13_formulas_by_name",
        """
from nbhelpers.playground import FEATURES

FORMULAS = {
    "x1": lambda a, b: a,
    "x2": lambda a, b: b,
    "x1^2": lambda a, b: a**2,
    "x2^2": lambda a, b: b**2,
    "x1*x2": lambda a, b: a * b,
    "sin(x1)": lambda a, b: np.sin(a),
    "sin(x2)": lambda a, b: np.sin(b),
}


def my_features(x):
    return np.column_stack([FORMULAS[name](x[:, 0], x[:, 1]) for name in FEATURES])
""",
        "pass",
        None,
        "one formula per name, taken in the order of FEATURES",
    ),
    _b13feat(
        "b13_if_elif_over_names",
        """
from nbhelpers.playground import FEATURES


def my_features(x):
    a, b = x[:, 0], x[:, 1]
    columns = []
    for name in FEATURES:
        if name == "x1":
            columns.append(a)
        elif name == "x2":
            columns.append(b)
        elif name == "x1^2":
            columns.append(a * a)
        elif name == "x2^2":
            columns.append(b * b)
        elif name == "x1*x2":
            columns.append(a * b)
        elif name == "sin(x1)":
            columns.append(np.sin(a))
        else:
            columns.append(np.sin(b))
    return np.stack(columns, axis=-1)
""",
        "pass",
        None,
        "a branch per feature name, walked in the order of FEATURES",
    ),
    _b13feat(
        "b13_add_features",
        """
from nbhelpers.playground import FEATURES, add_features


def my_features(x):
    return add_features(x, FEATURES)
""",
        "pass",
        None,
        "asks the playground's own add_features for all seven: the right columns",
    ),
    _b13feat(
        "b13_empty_like_input_dtype",
        """
def my_features(x):
    out = np.empty((x.shape[0], 7), dtype=x.dtype)
    out[:, :2] = x
    out[:, 2:4] = x * x
    out[:, 4] = x[:, 0] * x[:, 1]
    out[:, 5:] = np.sin(x)
    return out
""",
        "pass",
        None,
        "slices of an array of x's own dtype: float32 points give float32 columns, allowed",
    ),
    _b13feat(
        "b13_fancy_index_and_reduce",
        """
def my_features(x):
    coords = x[:, [0, 1]]
    prod = np.multiply.reduce(x, axis=1)[:, None]
    return np.hstack([coords, coords**2, prod, np.sin(coords)])
""",
        "pass",
        None,
        "np.multiply.reduce along the rows gives x₁·x₂",
    ),
    _b13feat(
        "b13_einsum_product",
        """
def my_features(x):
    x1 = x[:, 0]
    x2 = x[:, 1]
    product = np.einsum("n,n->n", x1, x2)
    return np.transpose([x1, x2, np.einsum("n,n->n", x1, x1), np.einsum("n,n->n", x2, x2), product, np.sin(x1), np.sin(x2)])
""",
        "pass",
        None,
        "elementwise products by np.einsum, the list of columns transposed",
    ),
    _b13feat(
        "b13_prints_shape",
        """
def my_features(x):
    x1, x2 = x[:, 0], x[:, 1]
    result = np.column_stack([x1, x2, x1**2, x2**2, x1 * x2, np.sin(x1), np.sin(x2)])
    print("features:", result.shape)
    return result
""",
        "pass",
        None,
        "right, and prints the shape on the way",
    ),
    _b13feat(
        "b13_helper_per_column",
        """
def column(x, name):
    a, b = x[:, 0], x[:, 1]
    return {"x1": a, "x2": b, "x1^2": a**2, "x2^2": b**2, "x1*x2": a * b, "sin(x1)": np.sin(a), "sin(x2)": np.sin(b)}[name]


def my_features(x):
    names = ["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"]
    return np.array([column(x, name) for name in names]).transpose()
""",
        "pass",
        None,
        "a helper looking each column up by its name, the seven names typed out in order",
    ),
    _b13feat(
        "b13_insert_columns",
        """
def my_features(x):
    out = np.hstack([x, np.sin(x)])                      # x1, x2, sin x1, sin x2
    out = np.insert(out, 2, x[:, 0] * x[:, 1], axis=1)   # x1, x2, x1x2, sin x1, sin x2
    out = np.insert(out, 2, x[:, 1] ** 2, axis=1)        # x1, x2, x2², x1x2, ...
    out = np.insert(out, 2, x[:, 0] ** 2, axis=1)        # x1, x2, x1², x2², x1x2, sin x1, sin x2
    return out
""",
        "pass",
        None,
        "columns inserted one by one at index 2 in reverse order: ends in the right order",
    ),
    _b13feat(
        "b13_float64_points_float64_out_via_astype",
        """
def my_features(x):
    p = x.astype(float)
    p1, p2 = p[:, 0], p[:, 1]
    return np.column_stack([p1, p2, p1 * p1, p2 * p2, p1 * p2, np.sin(p1), np.sin(p2)])
""",
        "pass",
        None,
        "astype(float) makes a float64 copy: exact formula on the float32 values, x unchanged",
    ),
    # fail: columns missing or extra
    _b13feat(
        "b13_product_forgotten",
        """
def my_features(x):
    x1, x2 = x[:, 0], x[:, 1]
    return np.column_stack([x1, x2, x1**2, x2**2, np.sin(x1), np.sin(x2)])
""",
        "fail",
        B13_MISSING + r"|x1 ?\*x2|x₁x₂|product",
        "six columns: x₁·x₂ is missing",
    ),
    _b13feat(
        "b13_only_the_new_five",
        """
def my_features(x):
    x1, x2 = x[:, 0], x[:, 1]
    return np.column_stack([x1**2, x2**2, x1 * x2, np.sin(x1), np.sin(x2)])
""",
        "fail",
        B13_MISSING,
        "only the five new features: x₁ and x₂ themselves are features too",
    ),
    _b13feat(
        "b13_ones_column_for_bias",
        """
def my_features(x):
    x1, x2 = x[:, 0], x[:, 1]
    return np.column_stack([np.ones(len(x)), x1, x2, x1**2, x2**2, x1 * x2, np.sin(x1), np.sin(x2)])
""",
        "fail",
        B13_EXTRA + r"|bias|ones|constant",
        "a column of ones for the bias in front: eight columns (the network has its own bias)",
    ),
    _b13feat(
        "b13_cosines_too",
        """
def my_features(x):
    x1, x2 = x[:, 0], x[:, 1]
    return np.column_stack([x1, x2, x1**2, x2**2, x1 * x2, np.sin(x1), np.sin(x2), np.cos(x1), np.cos(x2)])
""",
        "fail",
        B13_EXTRA,
        "two cosine columns more than asked: nine columns",
    ),
    _b13feat(
        "b13_both_products",
        """
def my_features(x):
    x1, x2 = x[:, 0], x[:, 1]
    return np.column_stack([x1, x2, x1**2, x2**2, x1 * x2, x2 * x1, np.sin(x1), np.sin(x2)])
""",
        "fail",
        B13_EXTRA,
        "x₁·x₂ and x₂·x₁ are the same feature: eight columns",
    ),
    # fail: the order
    _b13feat(
        "b13_product_before_squares",
        """
def my_features(x):
    x1, x2 = x[:, 0], x[:, 1]
    return np.column_stack([x1, x2, x1 * x2, x1**2, x2**2, np.sin(x1), np.sin(x2)])
""",
        "fail",
        B13_ORDER,
        "x₁·x₂ before the squares: the order is x₁, x₂, x₁², x₂², x₁x₂, sin x₁, sin x₂",
    ),
    _b13feat(
        "b13_sines_before_product",
        """
def my_features(x):
    return np.hstack([x, x**2, np.sin(x), (x[:, 0] * x[:, 1])[:, None]])
""",
        "fail",
        B13_ORDER,
        "the sines before the product",
    ),
    _b13feat(
        "b13_per_coordinate_blocks",
        """
def my_features(x):
    columns = []
    for c in (0, 1):
        columns += [x[:, c], x[:, c] ** 2, np.sin(x[:, c])]
    columns.append(x[:, 0] * x[:, 1])
    return np.column_stack(columns)
""",
        "fail",
        B13_ORDER,
        "x₁, x₁², sin x₁, x₂, x₂², sin x₂, x₁x₂: seven right columns in the wrong order",
    ),
    _b13feat(
        "b13_coordinates_swapped",
        """
def my_features(x):
    x2, x1 = x[:, 0], x[:, 1]
    return np.column_stack([x1, x2, x1**2, x2**2, x1 * x2, np.sin(x1), np.sin(x2)])
""",
        "fail",
        B13_ORDER + r"|column 0|column 1|x₁ is|x1 is|coordinate",
        "reads x₂ from column 0: every x₁ column holds x₂ and the other way round",
    ),
    _b13feat(
        "b13_squares_swapped",
        """
def my_features(x):
    x1, x2 = x[:, 0], x[:, 1]
    return np.column_stack([x1, x2, x2**2, x1**2, x1 * x2, np.sin(x1), np.sin(x2)])
""",
        "fail",
        B13_ORDER,
        "x₂² before x₁²",
    ),
    # fail: the shape
    _b13feat(
        "b13_array_not_transposed",
        """
def my_features(x):
    x1, x2 = x[:, 0], x[:, 1]
    return np.array([x1, x2, x1**2, x2**2, x1 * x2, np.sin(x1), np.sin(x2)])
""",
        "fail",
        B13_TRANSPOSED,
        "np.array of the seven columns is (7, N): the columns came out as rows",
    ),
    _b13feat(
        "b13_vstack_not_transposed",
        """
def my_features(x):
    return np.vstack([x[:, 0], x[:, 1], x[:, 0] ** 2, x[:, 1] ** 2, x[:, 0] * x[:, 1], np.sin(x[:, 0]), np.sin(x[:, 1])])
""",
        "fail",
        B13_TRANSPOSED,
        "np.vstack stacks the columns as rows: (7, N)",
    ),
    _b13feat(
        "b13_tuple_of_columns",
        """
def my_features(x):
    x1, x2 = x[:, 0], x[:, 1]
    return x1, x2, x1**2, x2**2, x1 * x2, np.sin(x1), np.sin(x2)
""",
        "fail",
        B13_TUPLE,
        "a tuple of seven columns: as an array it is (7, N)",
    ),
    _b13feat(
        "b13_list_of_columns",
        """
def my_features(x):
    x1, x2 = x[:, 0], x[:, 1]
    features = []
    features.append(x1)
    features.append(x2)
    features.append(x1**2)
    features.append(x2**2)
    features.append(x1 * x2)
    features.append(np.sin(x1))
    features.append(np.sin(x2))
    return features
""",
        "fail",
        B13_TUPLE,
        "a list of seven column arrays, never stacked: as an array it is (7, N)",
    ),
    _b13feat(
        "b13_first_point_only",
        """
def my_features(x):
    x1, x2 = x[0]
    return np.array([x1, x2, x1**2, x2**2, x1 * x2, np.sin(x1), np.sin(x2)])
""",
        "fail",
        B13_ONE_ROW,
        "x[0] is the first point: one row of seven numbers, not one per point",
    ),
    _b13feat(
        "b13_rows_taken_for_coordinates",
        """
def my_features(x):
    x1, x2 = x[0], x[1]
    return np.column_stack([x1, x2, x1**2, x2**2, x1 * x2, np.sin(x1), np.sin(x2)])
""",
        "fail",
        B13_ROWS_COLS,
        "x[0] and x[1] are the first two points, not the two coordinates (x[:, 0], x[:, 1])",
    ),
    _b13feat(
        "b13_unpack_x_itself",
        """
def my_features(x):
    x1, x2 = x
    return np.column_stack([x1, x2, x1**2, x2**2, x1 * x2, np.sin(x1), np.sin(x2)])
""",
        "fail",
        B13_UNPACK,
        "x1, x2 = x unpacks the rows (points), not the columns: wrong, or an error unless N = 2",
    ),
    _b13feat(
        "b13_squeezed",
        """
def my_features(x):
    x1, x2 = x[:, 0], x[:, 1]
    return np.column_stack([x1, x2, x1**2, x2**2, x1 * x2, np.sin(x1), np.sin(x2)]).squeeze()
""",
        "fail",
        B13_SQUEEZE,
        "squeeze turns the (1, 7) array of a single point into (7,)",
    ),
    _b13feat(
        "b13_fixed_500_rows",
        """
def my_features(x):
    out = np.zeros((500, 7))
    out[:, 0] = x[:, 0]
    out[:, 1] = x[:, 1]
    out[:, 2] = x[:, 0] ** 2
    out[:, 3] = x[:, 1] ** 2
    out[:, 4] = x[:, 0] * x[:, 1]
    out[:, 5] = np.sin(x[:, 0])
    out[:, 6] = np.sin(x[:, 1])
    return out
""",
        "fail",
        B13_FIXED_N,
        "500 rows whatever N: right only for 500 points",
    ),
    # fail: a wrong formula
    _b13feat(
        "b13_sum_not_product",
        """
def my_features(x):
    x1, x2 = x[:, 0], x[:, 1]
    return np.column_stack([x1, x2, x1**2, x2**2, x1 + x2, np.sin(x1), np.sin(x2)])
""",
        "fail",
        B13_PRODUCT,
        "x₁ + x₂ where x₁·x₂ is asked",
    ),
    _b13feat(
        "b13_row_sum_not_product",
        """
def my_features(x):
    return np.column_stack([x, x**2, x.sum(axis=1), np.sin(x)])
""",
        "fail",
        B13_PRODUCT,
        "x.sum(axis=1) is x₁ + x₂, not x₁·x₂",
    ),
    _b13feat(
        "b13_dot_product",
        """
def my_features(x):
    out = np.zeros((len(x), 7))
    out[:, :2] = x
    out[:, 2:4] = x**2
    out[:, 4] = x[:, 0] @ x[:, 1]
    out[:, 5:] = np.sin(x)
    return out
""",
        "fail",
        B13_PRODUCT,
        "x[:, 0] @ x[:, 1] is one number, Σ x₁x₂ over all points, copied into every row",
    ),
    _b13feat(
        "b13_product_of_everything",
        """
def my_features(x):
    out = np.zeros((len(x), 7))
    out[:, 0] = x[:, 0]
    out[:, 1] = x[:, 1]
    out[:, 2] = x[:, 0] ** 2
    out[:, 3] = x[:, 1] ** 2
    out[:, 4] = np.prod(x)
    out[:, 5] = np.sin(x[:, 0])
    out[:, 6] = np.sin(x[:, 1])
    return out
""",
        "fail",
        B13_PRODUCT + r"|axis",
        "np.prod(x) without axis multiplies all 2N numbers: one number in every row",
    ),
    _b13feat(
        "b13_power_instead_of_times",
        """
def my_features(x):
    x1, x2 = x[:, 0], x[:, 1]
    return np.column_stack([x1, x2, x1**2, x2**2, x1**x2, np.sin(x1), np.sin(x2)])
""",
        "fail",
        B13_POWER_TYPO,
        "x1**x2 (a power, NaN for negative x₁) where x1*x2 is asked",
    ),
    _b13feat(
        "b13_twice_not_square",
        """
def my_features(x):
    x1, x2 = x[:, 0], x[:, 1]
    return np.column_stack([x1, x2, 2 * x1, 2 * x2, x1 * x2, np.sin(x1), np.sin(x2)])
""",
        "fail",
        B13_SQUARE,
        "2·x (doubled) where x² is asked",
    ),
    _b13feat(
        "b13_x1_squared_twice",
        """
def my_features(x):
    x1, x2 = x[:, 0], x[:, 1]
    return np.column_stack([x1, x2, x1**2, x1**2, x1 * x2, np.sin(x1), np.sin(x2)])
""",
        "fail",
        B13_X2_SQUARED,
        "x₁² copied into the x₂² column",
    ),
    _b13feat(
        "b13_xor_caret",
        """
def my_features(x):
    x1, x2 = x[:, 0], x[:, 1]
    return np.column_stack([x1, x2, x1 ^ 2, x2 ^ 2, x1 * x2, np.sin(x1), np.sin(x2)])
""",
        "fail",
        B13_XOR,
        "^ is bitwise XOR in Python (TypeError on floats), not a power: x**2",
    ),
    _b13feat(
        "b13_sin_of_radians",
        """
def my_features(x):
    x1, x2 = x[:, 0], x[:, 1]
    return np.column_stack([x1, x2, x1**2, x2**2, x1 * x2, np.sin(np.radians(x1)), np.sin(np.radians(x2))])
""",
        "fail",
        B13_DEGREES,
        "treats x as degrees: np.sin already takes radians",
    ),
    _b13feat(
        "b13_sin_deg2rad",
        """
def my_features(x):
    return np.hstack([x, x**2, x[:, :1] * x[:, 1:], np.sin(np.deg2rad(x))])
""",
        "fail",
        B13_DEGREES,
        "np.deg2rad before np.sin: x is not in degrees",
    ),
    _b13feat(
        "b13_sin_times_pi_over_180",
        """
import math


def my_features(x):
    return [[a, b, a * a, b * b, a * b, math.sin(a * math.pi / 180), math.sin(b * math.pi / 180)] for a, b in x]
""",
        "fail",
        B13_DEGREES,
        "math.sin(a·π/180): x read as degrees",
    ),
    _b13feat(
        "b13_sin_of_degrees",
        """
def my_features(x):
    x1, x2 = x[:, 0], x[:, 1]
    return np.column_stack([x1, x2, x1**2, x2**2, x1 * x2, np.sin(np.degrees(x1)), np.sin(np.degrees(x2))])
""",
        "fail",
        B13_DEGREES,
        "np.degrees turns the radians into degrees before np.sin: sin of 57.3·x",
    ),
    _b13feat(
        "b13_cos_not_sin",
        """
def my_features(x):
    x1, x2 = x[:, 0], x[:, 1]
    return np.column_stack([x1, x2, x1**2, x2**2, x1 * x2, np.cos(x1), np.cos(x2)])
""",
        "fail",
        B13_COS,
        "cosines where the sines are asked",
    ),
    _b13feat(
        "b13_sin_forgotten",
        """
def my_features(x):
    x1, x2 = x[:, 0], x[:, 1]
    return np.column_stack([x1, x2, x1**2, x2**2, x1 * x2, x1, x2])
""",
        "fail",
        B13_NO_SIN,
        "x₁ and x₂ again where sin x₁ and sin x₂ belong",
    ),
    _b13feat(
        "b13_sin_x1_twice",
        """
def my_features(x):
    x1, x2 = x[:, 0], x[:, 1]
    return np.column_stack([x1, x2, x1**2, x2**2, x1 * x2, np.sin(x1), np.sin(x1)])
""",
        "fail",
        B13_SIN_X2,
        "sin x₁ copied into the sin x₂ column",
    ),
    # fail: x changed, the type, the return value
    _b13feat(
        "b13_squares_into_x",
        """
def my_features(x):
    out = np.zeros((len(x), 7))
    out[:, 0] = x[:, 0]
    out[:, 1] = x[:, 1]
    out[:, 4] = x[:, 0] * x[:, 1]
    out[:, 5] = np.sin(x[:, 0])
    out[:, 6] = np.sin(x[:, 1])
    x **= 2
    out[:, 2:4] = x
    return out
""",
        "fail",
        B13_IN_PLACE,
        "the right values, but x **= 2 squares the caller's points in place",
    ),
    _b13feat(
        "b13_sines_into_x",
        """
def my_features(x):
    out = np.empty((len(x), 7))
    out[:, 0:2] = x
    out[:, 2:4] = x**2
    out[:, 4] = x[:, 0] * x[:, 1]
    np.sin(x, out=x)
    out[:, 5:7] = x
    return out
""",
        "fail",
        B13_IN_PLACE,
        "np.sin(x, out=x) writes the sines over the caller's points",
    ),
    _b13feat(
        "b13_square_a_view",
        """
def my_features(x):
    x1 = x[:, 0]
    x2 = x[:, 1]
    product = x1 * x2
    s1, s2 = np.sin(x1), np.sin(x2)
    first = np.column_stack([x1, x2])
    x1 *= x1
    x2 *= x2
    return np.column_stack([first, x1, x2, product, s1, s2])
""",
        "fail",
        B13_IN_PLACE,
        "x[:, 0] is a view: x1 *= x1 squares column 0 of the caller's x (the returned values are right)",
    ),
    _b13feat(
        "b13_float32_result",
        """
def my_features(x):
    out = np.zeros((len(x), 7), dtype=np.float32)
    out[:, :2] = x
    out[:, 2:4] = x**2
    out[:, 4] = x[:, 0] * x[:, 1]
    out[:, 5:] = np.sin(x)
    return out
""",
        "fail",
        B13_FLOAT32,
        "float32 storage rounds float64 points to about 7 digits",
    ),
    _b13feat(
        "b13_int_result",
        """
def my_features(x):
    out = np.zeros((len(x), 7), dtype=int)
    out[:, :2] = x
    out[:, 2:4] = x**2
    out[:, 4] = x[:, 0] * x[:, 1]
    out[:, 5:] = np.sin(x)
    return out
""",
        "fail",
        B13_INT,
        "an int array cuts every value to a whole number",
    ),
    _b13feat(
        "b13_dict_of_columns",
        """
def my_features(x):
    x1, x2 = x[:, 0], x[:, 1]
    return {"x1": x1, "x2": x2, "x1^2": x1**2, "x2^2": x2**2, "x1*x2": x1 * x2, "sin(x1)": np.sin(x1), "sin(x2)": np.sin(x2)}
""",
        "fail",
        B13_DICT,
        "a dict of named columns, not the (N, 7) array",
    ),
    _b13feat(
        "b13_prints_not_returns",
        """
def my_features(x):
    x1, x2 = x[:, 0], x[:, 1]
    print(np.column_stack([x1, x2, x1**2, x2**2, x1 * x2, np.sin(x1), np.sin(x2)]))
""",
        "fail",
        B13_NONE,
        "prints the array and returns None",
    ),
    # not done
    _b13feat(
        "b13_skeleton",
        """
def my_features(x):
    raise NotImplementedError("compute the seven feature columns")
""",
        "not done",
        None,
        "the skeleton",
    ),
    _b13feat(
        "b13_half_written",
        """
def my_features(x):
    x1, x2 = x[:, 0], x[:, 1]
    columns = [x1, x2, x1**2, x2**2]
    raise NotImplementedError  # TODO: x1*x2 and the sines
    return np.column_stack(columns)
""",
        "not done",
        None,
        "four columns written, then still NotImplementedError",
    ),
    _b13feat(
        "b13_helper_not_done",
        """
def sines(x):
    raise NotImplementedError


def my_features(x):
    return np.hstack([x, x**2, x[:, :1] * x[:, 1:], sines(x)])
""",
        "not done",
        None,
        "its helper sines still raises NotImplementedError",
    ),
]

B13_NORMS_ENTRIES = [
    # pass
    _b13norms(
        "b13_norm_fstring",
        """
def layer_grad_norms(grads):
    L = len(grads) // 2
    return [np.linalg.norm(grads[f"W{k}"]) for k in range(1, L + 1)]
""",
        "pass",
        None,
        "np.linalg.norm of a matrix is the Frobenius norm; keys W1..WL built in layer order",
    ),
    _b13norms(
        "b13_sqrt_sum_squares",
        """
def layer_grad_norms(grads):
    norms = []
    k = 1
    while f"W{k}" in grads:
        g = grads[f"W{k}"]
        norms.append(np.sqrt((g**2).sum()))
        k += 1
    return norms
""",
        "pass",
        None,
        "sqrt of the sum of squares, W1, W2, ... while the key exists",
    ),
    _b13norms(
        "b13_sqrt_sum_g_times_g",
        """
def layer_grad_norms(grads):
    L = sum(1 for key in grads if key.startswith("W"))
    result = []
    for k in range(1, L + 1):
        g = grads["W" + str(k)]
        result.append(np.sqrt(np.sum(g * g)))
    return result
""",
        "pass",
        None,
        "counts the W keys for L; np.sqrt(np.sum(g * g))",
    ),
    _b13norms(
        "b13_math_python_sum",
        """
import math


def layer_grad_norms(grads):
    L = len([key for key in grads if key[0] == "W"])
    return [math.sqrt(sum(v * v for v in grads[f"W{k}"].ravel().tolist())) for k in range(1, L + 1)]
""",
        "pass",
        None,
        "math.sqrt of a Python sum over every entry",
    ),
    _b13norms(
        "b13_norm_of_ravel",
        """
def layer_grad_norms(grads):
    n_layers = max(int(key[1:]) for key in grads if key.startswith("W"))
    return np.array([np.linalg.norm(grads["W%d" % k].ravel()) for k in range(1, n_layers + 1)])
""",
        "pass",
        None,
        "the 2-norm of the flattened matrix is the Frobenius norm; L = the largest W number; a 1-D array",
    ),
    _b13norms(
        "b13_norm_fro_tuple",
        """
def layer_grad_norms(grads):
    L = len(grads) // 2
    return tuple(np.linalg.norm(grads[f"W{i}"], "fro") for i in range(1, L + 1))
""",
        "pass",
        None,
        "ord='fro' spelled out; a tuple",
    ),
    _b13norms(
        "b13_vdot",
        """
def layer_grad_norms(grads):
    L = len(grads) // 2
    return [float(np.sqrt(np.vdot(grads[f"W{k}"], grads[f"W{k}"]))) for k in range(1, L + 1)]
""",
        "pass",
        None,
        "np.vdot flattens both: the sum of squares; Python floats",
    ),
    _b13norms(
        "b13_sorted_by_number",
        """
def layer_grad_norms(grads):
    keys = [key for key in grads if key.startswith("W")]
    keys = sorted(keys, key=lambda key: int(key[1:]))
    return [np.linalg.norm(grads[key]) for key in keys]
""",
        "pass",
        None,
        "the W keys sorted by their number (W2 before W10)",
    ),
    _b13norms(
        "b13_sorted_by_length_then_text",
        """
def layer_grad_norms(grads):
    weight_keys = sorted((k for k in grads if k.startswith("W")), key=lambda k: (len(k), k))
    return [np.sqrt(np.sum(np.square(grads[k]))) for k in weight_keys]
""",
        "pass",
        None,
        "sorting by (length, text) is the number order for W1..W99",
    ),
    _b13norms(
        "b13_dict_order_then_sorted",
        """
def layer_grad_norms(grads):
    norms = {}
    for key, g in grads.items():
        if key.startswith("W"):
            norms[int(key.lstrip("W"))] = np.linalg.norm(g)
    return [norms[k] for k in sorted(norms)]
""",
        "pass",
        None,
        "the dict walked in its own order, the norms then put in layer order by number",
    ),
    _b13norms(
        "b13_regex_numbers",
        r"""
import re


def layer_grad_norms(grads):
    found = []
    for key in grads:
        m = re.fullmatch(r"W(\d+)", key)
        if m:
            found.append((int(m.group(1)), key))
    return [np.linalg.norm(grads[key]) for _, key in sorted(found)]
""",
        "pass",
        None,
        "the layer numbers read with a regular expression, sorted as numbers",
    ),
    _b13norms(
        "b13_rms_times_size",
        """
def layer_grad_norms(grads):
    L = len(grads) // 2
    out = []
    for k in range(1, L + 1):
        g = grads[f"W{k}"]
        out.append(np.sqrt(np.mean(g**2) * g.size))
    return out
""",
        "pass",
        None,
        "mean of squares times the number of entries is the sum of squares",
    ),
    _b13norms(
        "b13_item_floats",
        """
def layer_grad_norms(grads):
    L = len(grads) // 2
    return [np.linalg.norm(grads[f"W{k}"]).item() for k in range(1, L + 1)]
""",
        "pass",
        None,
        "Python floats via .item()",
    ),
    _b13norms(
        "b13_prints_each",
        """
def layer_grad_norms(grads):
    norms = []
    for k in range(1, len(grads) // 2 + 1):
        norm = np.linalg.norm(grads[f"W{k}"])
        print(f"W{k}: {norm:.3g}")
        norms.append(norm)
    return norms
""",
        "pass",
        None,
        "right, and prints each norm on the way",
    ),
    _b13norms(
        "b13_frobenius_helper",
        """
def frobenius(m):
    return np.sqrt(np.sum(m**2))


def layer_grad_norms(grads):
    return [frobenius(grads[f"W{k}"]) for k in range(1, len(grads) // 2 + 1)]
""",
        "pass",
        None,
        "a helper for the norm",
    ),
    _b13norms(
        "b13_float64_first",
        """
def layer_grad_norms(grads):
    L = len(grads) // 2
    return [np.linalg.norm(grads[f"W{k}"].astype(np.float64)) for k in range(1, L + 1)]
""",
        "pass",
        None,
        "float64 copies (float32 gradients then give float64 norms): fine",
    ),
    _b13norms(
        "b13_backwards_then_reversed",
        """
def layer_grad_norms(grads):
    L = len(grads) // 2
    norms = []
    for k in range(L, 0, -1):
        norms.append(np.linalg.norm(grads[f"W{k}"]))
    norms.reverse()
    return norms
""",
        "pass",
        None,
        "computed from the last layer down, then reversed: layer order",
    ),
    _b13norms(
        "b13_sum_of_row_norms_squared",
        """
def layer_grad_norms(grads):
    L = len(grads) // 2
    norms = []
    for k in range(1, L + 1):
        rows = grads[f"W{k}"]
        norms.append(np.sqrt(sum(np.linalg.norm(row) ** 2 for row in rows)))
    return norms
""",
        "pass",
        None,
        "the squared norms of the rows add up to the sum of all squares",
    ),
    _b13norms(
        "b13_sqrt_trace",
        """
def layer_grad_norms(grads):
    L = len(grads) // 2
    return [np.sqrt(np.trace(grads[f"W{k}"].T @ grads[f"W{k}"])) for k in range(1, L + 1)]
""",
        "pass",
        None,
        "‖G‖_F² = trace(GᵀG)",
    ),
    _b13norms(
        "b13_singular_values",
        """
def layer_grad_norms(grads):
    L = len(grads) // 2
    norms = []
    for k in range(1, L + 1):
        s = np.linalg.svd(grads[f"W{k}"], compute_uv=False)
        norms.append(np.sqrt(np.sum(s**2)))
    return norms
""",
        "pass",
        None,
        "the Frobenius norm is the 2-norm of the singular values (all of them, not the largest)",
    ),
    _b13norms(
        "b13_skip_biases_by_first_letter",
        """
def layer_grad_norms(grads):
    weights = {int(name[1:]): g for name, g in grads.items() if name[0] != "b"}
    return np.array([np.sqrt((weights[k] ** 2).sum()) for k in sorted(weights)])
""",
        "pass",
        None,
        "everything that is not a bias, ordered by the layer number",
    ),
    # fail: the norm
    _b13norms(
        "b13_no_square_root",
        """
def layer_grad_norms(grads):
    L = len(grads) // 2
    return [np.sum(grads[f"W{k}"] ** 2) for k in range(1, L + 1)]
""",
        "fail",
        B13_SQRT,
        "the sum of squares without its square root",
    ),
    _b13norms(
        "b13_norm_squared",
        """
def layer_grad_norms(grads):
    L = len(grads) // 2
    return [np.linalg.norm(grads[f"W{k}"]) ** 2 for k in range(1, L + 1)]
""",
        "fail",
        B13_SQRT,
        "the norm squared",
    ),
    _b13norms(
        "b13_spectral_norm",
        """
def layer_grad_norms(grads):
    L = len(grads) // 2
    return [np.linalg.norm(grads[f"W{k}"], 2) for k in range(1, L + 1)]
""",
        "fail",
        B13_SPECTRAL,
        "np.linalg.norm(g, 2) of a matrix is its largest singular value, not the Frobenius norm",
    ),
    _b13norms(
        "b13_ord_1",
        """
def layer_grad_norms(grads):
    L = len(grads) // 2
    return [np.linalg.norm(grads[f"W{k}"], ord=1) for k in range(1, L + 1)]
""",
        "fail",
        B13_ORD1,
        "ord=1 of a matrix is its largest column sum of absolute values",
    ),
    _b13norms(
        "b13_max_abs",
        """
def layer_grad_norms(grads):
    L = len(grads) // 2
    return [np.abs(grads[f"W{k}"]).max() for k in range(1, L + 1)]
""",
        "fail",
        B13_MAX_ABS,
        "the largest absolute entry, not the root of the sum of squares",
    ),
    _b13norms(
        "b13_mean_of_squares",
        """
def layer_grad_norms(grads):
    L = len(grads) // 2
    return [np.mean(grads[f"W{k}"] ** 2) for k in range(1, L + 1)]
""",
        "fail",
        B13_MEAN_NO_SQRT,
        "the mean of the squares (divided by the size, and no square root)",
    ),
    _b13norms(
        "b13_root_mean_square",
        """
def layer_grad_norms(grads):
    L = len(grads) // 2
    return [np.sqrt(np.mean(grads[f"W{k}"] ** 2)) for k in range(1, L + 1)]
""",
        "fail",
        B13_MEAN,
        "the root mean square: divided by the number of entries",
    ),
    _b13norms(
        "b13_sum_of_abs",
        """
def layer_grad_norms(grads):
    L = len(grads) // 2
    return [np.sum(np.abs(grads[f"W{k}"])) for k in range(1, L + 1)]
""",
        "fail",
        B13_ABS,
        "the sum of absolute values (an L1 norm), not sqrt of the sum of squares",
    ),
    _b13norms(
        "b13_square_of_the_sum",
        """
def layer_grad_norms(grads):
    L = len(grads) // 2
    return [np.sqrt(np.sum(grads[f"W{k}"]) ** 2) for k in range(1, L + 1)]
""",
        "fail",
        B13_SQUARE_FIRST,
        "squares the sum instead of summing the squares: |Σg|, positive and negative entries cancel",
    ),
    _b13norms(
        "b13_sqrt_of_the_sum",
        """
def layer_grad_norms(grads):
    L = len(grads) // 2
    return [np.sqrt(np.sum(grads[f"W{k}"])) for k in range(1, L + 1)]
""",
        "fail",
        B13_SQRT_OF_SUM,
        "the entries are never squared: sqrt of a sum that can be negative (NaN)",
    ),
    _b13norms(
        "b13_norm_per_column",
        """
def layer_grad_norms(grads):
    L = len(grads) // 2
    return [np.linalg.norm(grads[f"W{k}"], axis=0) for k in range(1, L + 1)]
""",
        "fail",
        B13_AXIS,
        "axis=0 gives one norm per column, not one number per layer",
    ),
    # fail: the biases
    _b13norms(
        "b13_bias_in_each_norm",
        """
def layer_grad_norms(grads):
    L = len(grads) // 2
    norms = []
    for k in range(1, L + 1):
        total = np.sum(grads[f"W{k}"] ** 2) + np.sum(grads[f"b{k}"] ** 2)
        norms.append(np.sqrt(total))
    return norms
""",
        "fail",
        B13_BIAS,
        "sqrt(|dW|² + |db|²): the biases are not counted",
    ),
    _b13norms(
        "b13_bias_norms_in_the_list",
        """
def layer_grad_norms(grads):
    L = len(grads) // 2
    norms = []
    for k in range(1, L + 1):
        norms.append(np.linalg.norm(grads[f"W{k}"]))
        norms.append(np.linalg.norm(grads[f"b{k}"]))
    return norms
""",
        "fail",
        B13_BIAS_COUNT,
        "the norms of b1..bL too: 2L numbers",
    ),
    _b13norms(
        "b13_every_key",
        """
def layer_grad_norms(grads):
    return [np.linalg.norm(value) for value in grads.values()]
""",
        "fail",
        B13_BIAS_COUNT + r"|order",
        "a norm for every entry of the dict, biases included, in the dict's order",
    ),
    # fail: which layers, in which order
    _b13norms(
        "b13_sorted_as_text",
        """
def layer_grad_norms(grads):
    keys = sorted(key for key in grads if key.startswith("W"))
    return [np.linalg.norm(grads[key]) for key in keys]
""",
        "fail",
        B13_TEXT_SORT,
        "sorted as text: W1, W10, W11, W12, W2, ... (fine up to 9 layers)",
    ),
    _b13norms(
        "b13_sorted_by_first_digit",
        """
def layer_grad_norms(grads):
    keys = sorted((key for key in grads if key.startswith("W")), key=lambda key: int(key[1]))
    return [np.linalg.norm(grads[key]) for key in keys]
""",
        "fail",
        B13_TEXT_SORT,
        "sorted by the first digit only: W10, W11, W12 land among W1",
    ),
    _b13norms(
        "b13_sorted_by_last_digit",
        """
def layer_grad_norms(grads):
    keys = [key for key in grads if key.startswith("W")]
    keys.sort(key=lambda key: int(key[-1]))
    return [np.linalg.norm(grads[key]) for key in keys]
""",
        "fail",
        B13_TEXT_SORT,
        "sorted by the last digit: W10 comes first, W11 and W12 among W1 and W2",
    ),
    _b13norms(
        "b13_dict_order",
        """
def layer_grad_norms(grads):
    return [np.linalg.norm(g) for key, g in grads.items() if key.startswith("W")]
""",
        "fail",
        B13_ORDER_L,
        "the dict's own order: when the keys come reversed, so do the norms (layer order is asked)",
    ),
    _b13norms(
        "b13_last_layer_first",
        """
def layer_grad_norms(grads):
    L = len(grads) // 2
    return [np.linalg.norm(grads[f"W{k}"]) for k in range(L, 0, -1)]
""",
        "fail",
        B13_ORDER_L,
        "from WL down to W1: the reverse of layer order",
    ),
    _b13norms(
        "b13_two_layers_only",
        """
def layer_grad_norms(grads):
    return [np.linalg.norm(grads["W1"]), np.linalg.norm(grads["W2"])]
""",
        "fail",
        B13_FEW + r"|W3|two|KeyError|W2|only W1",
        "W1 and W2 only, whatever the number of layers",
    ),
    _b13norms(
        "b13_range_stops_early",
        """
def layer_grad_norms(grads):
    L = len(grads) // 2
    return [np.linalg.norm(grads[f"W{k}"]) for k in range(1, L)]
""",
        "fail",
        B13_FEW,
        "range(1, L) stops before WL: the last layer is missing",
    ),
    _b13norms(
        "b13_range_from_zero",
        """
def layer_grad_norms(grads):
    L = len(grads) // 2
    return [np.linalg.norm(grads[f"W{k}"]) for k in range(L)]
""",
        "fail",
        B13_KEY,
        "range(L) starts at 0: there is no W0 (KeyError)",
    ),
    _b13norms(
        "b13_len_grads_as_layers",
        """
def layer_grad_norms(grads):
    return [np.linalg.norm(grads[f"W{k}"]) for k in range(1, len(grads) + 1)]
""",
        "fail",
        B13_KEY,
        "len(grads) counts the biases too: asks for W(L+1) (KeyError)",
    ),
    _b13norms(
        "b13_one_number",
        """
def layer_grad_norms(grads):
    total = 0.0
    for key, g in grads.items():
        if key.startswith("W"):
            total += np.sum(g**2)
    return np.sqrt(total)
""",
        "fail",
        B13_ONE,
        "one norm over all the weights of the network, not one per layer",
    ),
    _b13norms(
        "b13_sum_of_layer_norms",
        """
def layer_grad_norms(grads):
    L = len(grads) // 2
    return sum(np.linalg.norm(grads[f"W{k}"]) for k in range(1, L + 1))
""",
        "fail",
        B13_ONE,
        "the L norms added up into one number",
    ),
    # fail: grads changed, the kind of result
    _b13norms(
        "b13_square_in_place",
        """
def layer_grad_norms(grads):
    L = len(grads) // 2
    norms = []
    for k in range(1, L + 1):
        g = grads[f"W{k}"]
        g **= 2
        norms.append(np.sqrt(g.sum()))
    return norms
""",
        "fail",
        B13_IN_PLACE,
        "g **= 2 squares the caller's gradient in place (the norms are right)",
    ),
    _b13norms(
        "b13_times_itself_in_place",
        """
def layer_grad_norms(grads):
    norms = []
    for k in range(1, len(grads) // 2 + 1):
        g = grads[f"W{k}"]
        g *= g
        norms.append(float(np.sum(g)) ** 0.5)
    return norms
""",
        "fail",
        B13_IN_PLACE,
        "g *= g overwrites the gradient with its squares",
    ),
    _b13norms(
        "b13_np_square_out",
        """
def layer_grad_norms(grads):
    L = len(grads) // 2
    return [np.sqrt(np.square(grads[f"W{k}"], out=grads[f"W{k}"]).sum()) for k in range(1, L + 1)]
""",
        "fail",
        B13_IN_PLACE,
        "np.square(..., out=grads[...]) writes the squares into the gradient",
    ),
    _b13norms(
        "b13_returns_dict",
        """
def layer_grad_norms(grads):
    return {key: np.linalg.norm(g) for key, g in grads.items() if key.startswith("W")}
""",
        "fail",
        B13_NOT_LIST,
        "a dict of norms by name, not the list of L numbers in layer order",
    ),
    _b13norms(
        "b13_returns_map",
        """
def layer_grad_norms(grads):
    return map(np.linalg.norm, (grads[f"W{k}"] for k in range(1, len(grads) // 2 + 1)))
""",
        "fail",
        B13_NOT_LIST,
        "a map object (a one-shot iterator), not a list of numbers",
    ),
    # not done
    _b13norms(
        "b13_skeleton",
        """
def layer_grad_norms(grads):
    raise NotImplementedError("one norm per weight matrix, in layer order")
""",
        "not done",
        None,
        "the skeleton",
    ),
    _b13norms(
        "b13_loop_body_not_done",
        """
def layer_grad_norms(grads):
    norms = []
    for k in range(1, len(grads) // 2 + 1):
        g = grads[f"W{k}"]
        raise NotImplementedError  # TODO: the norm of g
    return norms
""",
        "not done",
        None,
        "the loop written, its body still raises NotImplementedError",
    ),
    _b13norms(
        "b13_norm_helper_not_done",
        """
def frobenius(m):
    raise NotImplementedError


def layer_grad_norms(grads):
    return [frobenius(grads[f"W{k}"]) for k in range(1, len(grads) // 2 + 1)]
""",
        "not done",
        None,
        "its helper frobenius still raises NotImplementedError",
    ),
]

B13_CIRCLE_ENTRIES = [
    # pass
    _b13circle(
        "b13_the_two_squares",
        """
circle_features = ["x1^2", "x2^2"]
""",
        "pass",
        None,
        "w₁x₁² + w₂x₂² + b = 0 is a circle: the squares make the disc a half-plane (measured: 0.992)",
    ),
    _b13circle(
        "b13_squares_other_order",
        """
circle_features = ["x2^2", "x1^2"]
""",
        "pass",
        None,
        "the same two features in the other order (measured: 0.992)",
    ),
    _b13circle(
        "b13_tuple_of_squares",
        """
circle_features = ("x1^2", "x2^2")
""",
        "pass",
        None,
        "a tuple of the two names (measured: 0.992)",
    ),
    _b13circle(
        "b13_coordinates_and_squares",
        """
circle_features = ["x1", "x2", "x1^2", "x2^2"]
""",
        "pass",
        None,
        "x₁ and x₂ as well do no harm: a circle anywhere (measured: 0.992)",
    ),
    _b13circle(
        "b13_all_seven_list",
        """
from nbhelpers.playground import FEATURES

circle_features = list(FEATURES)
""",
        "pass",
        None,
        "every feature: the squares are among them (measured: 0.992)",
    ),
    _b13circle(
        "b13_FEATURES_itself",
        """
from nbhelpers.playground import FEATURES

circle_features = FEATURES
""",
        "pass",
        None,
        "the tuple FEATURES itself: all seven (measured: 0.992)",
    ),
    _b13circle(
        "b13_all_seven_typed",
        """
circle_features = ["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"]
""",
        "pass",
        None,
        "all seven typed out (measured: 0.992)",
    ),
    _b13circle(
        "b13_squares_and_product",
        """
circle_features = ["x1^2", "x2^2", "x1*x2"]
""",
        "pass",
        None,
        "with x₁x₂ the line can be any ellipse around the origin (measured: 0.992)",
    ),
    _b13circle(
        "b13_squares_and_sines",
        """
circle_features = ["x1^2", "x2^2", "sin(x1)", "sin(x2)"]
""",
        "pass",
        None,
        "the squares and the sines (measured: 0.988)",
    ),
    _b13circle(
        "b13_x1_and_squares",
        """
circle_features = ["x1", "x1^2", "x2^2"]
""",
        "pass",
        None,
        "one coordinate more than needed (measured: 0.992)",
    ),
    _b13circle(
        "b13_squares_first_then_others",
        """
circle_features = ["x1^2", "x2^2", "x1", "x2", "x1*x2"]
""",
        "pass",
        None,
        "five features in an order of their own (measured: 0.988)",
    ),
    _b13circle(
        "b13_slice_of_FEATURES",
        """
from nbhelpers.playground import FEATURES

circle_features = FEATURES[2:4]
""",
        "pass",
        None,
        "FEATURES[2:4] is ('x1^2', 'x2^2')",
    ),
    _b13circle(
        "b13_indexing_FEATURES",
        """
from nbhelpers.playground import FEATURES

circle_features = [FEATURES[2], FEATURES[3]]
""",
        "pass",
        None,
        "the two squares picked from FEATURES by position",
    ),
    _b13circle(
        "b13_filtered_FEATURES",
        """
from nbhelpers.playground import FEATURES

circle_features = [name for name in FEATURES if name.endswith("^2")]
""",
        "pass",
        None,
        "the names ending in ^2: the two squares",
    ),
    _b13circle(
        "b13_split_string",
        """
circle_features = "x1^2 x2^2".split()
""",
        "pass",
        None,
        "str.split makes the list ['x1^2', 'x2^2']",
    ),
    _b13circle(
        "b13_appended",
        """
circle_features = []
circle_features.append("x1^2")
circle_features.append("x2^2")
""",
        "pass",
        None,
        "the list built with append",
    ),
    _b13circle(
        "b13_label_keys",
        """
from nbhelpers.playground import FEATURE_LABELS

circle_features = [name for name, label in FEATURE_LABELS.items() if label.endswith("²")]
""",
        "pass",
        None,
        "the keys (names) whose labels end in ²: x1^2 and x2^2",
    ),
    _b13circle(
        "b13_numpy_strings",
        """
circle_features = list(np.array(["x1^2", "x2^2"]))
""",
        "pass",
        None,
        "a list of np.str_ (a subclass of str): the same names",
    ),
    # fail: the features cannot separate the circles
    _b13circle(
        "b13_coordinates_only",
        """
circle_features = ["x1", "x2"]
""",
        "fail",
        B13_NOT_SEPARATED,
        "a straight line in the plane cannot cut a disc out of a ring (measured: 0.604)",
    ),
    _b13circle(
        "b13_x1_squared_alone",
        """
circle_features = ["x1^2"]
""",
        "fail",
        B13_NOT_SEPARATED + r"|both|x2\^2|x₂²",
        "x₁² alone: a band |x₁| < c, not a disc (measured: 0.82)",
    ),
    _b13circle(
        "b13_x2_squared_alone",
        """
circle_features = ["x2^2"]
""",
        "fail",
        B13_NOT_SEPARATED + r"|both|x1\^2|x₁²",
        "x₂² alone: a horizontal band (measured: 0.80)",
    ),
    _b13circle(
        "b13_product_alone",
        """
circle_features = ["x1*x2"]
""",
        "fail",
        B13_NOT_SEPARATED,
        "x₁x₂ = c is a hyperbola: opposite quadrants, not a disc (measured: 0.484)",
    ),
    _b13circle(
        "b13_sines",
        """
circle_features = ["sin(x1)", "sin(x2)"]
""",
        "fail",
        B13_NOT_SEPARATED,
        "sin x is nearly x on the plane: still about a straight line (measured: 0.58)",
    ),
    _b13circle(
        "b13_square_and_product",
        """
circle_features = ["x1^2", "x1*x2"]
""",
        "fail",
        B13_NOT_SEPARATED + r"|both|x2\^2|x₂²",
        "x₂² is missing: no closed curve (measured: 0.82)",
    ),
    _b13circle(
        "b13_coordinates_and_product",
        """
circle_features = ["x1", "x2", "x1*x2"]
""",
        "fail",
        B13_NOT_SEPARATED,
        "lines and hyperbolas only (measured: 0.58)",
    ),
    _b13circle(
        "b13_coordinates_and_sines",
        """
circle_features = ["x1", "x2", "sin(x1)", "sin(x2)"]
""",
        "fail",
        B13_NOT_SEPARATED,
        "odd functions of x₁ and x₂ only: no closed curve (measured: 0.548)",
    ),
    _b13circle(
        "b13_parabola",
        """
circle_features = ["x1^2", "x2"]
""",
        "fail",
        B13_NOT_SEPARATED + r"|both|x2\^2|x₂²",
        "x₂ = a·x₁² + c is a parabola, open at one end (measured: 0.812)",
    ),
    _b13circle(
        "b13_one_square_and_coordinates",
        """
circle_features = ["x1", "x2", "x1^2"]
""",
        "fail",
        B13_NOT_SEPARATED + r"|both|x2\^2|x₂²",
        "only x₁² among the squares (measured: 0.816)",
    ),
    _b13circle(
        "b13_all_but_x2_squared",
        """
circle_features = ["x1", "x2", "x1^2", "x1*x2", "sin(x1)", "sin(x2)"]
""",
        "fail",
        B13_NOT_SEPARATED + r"|both|x2\^2|x₂²",
        "six features, but x₂² left out: no closed curve (measured: 0.808)",
    ),
    _b13circle(
        "b13_slice_one_off",
        """
from nbhelpers.playground import FEATURES

circle_features = FEATURES[3:5]
""",
        "fail",
        B13_NOT_SEPARATED + r"|both|x1\^2|x₁²",
        "FEATURES[3:5] is ('x2^2', 'x1*x2'): x₁² is missing (measured: 0.82)",
    ),
    # fail: not a list of valid names, each once
    _b13circle(
        "b13_empty",
        """
circle_features = []
""",
        "fail",
        B13_EMPTY,
        "no feature at all: the network has no input",
    ),
    _b13circle(
        "b13_superscript_labels",
        """
circle_features = ["x₁²", "x₂²"]
""",
        "fail",
        B13_NAMES,
        "the labels the pictures show, not the names of FEATURES",
    ),
    _b13circle(
        "b13_labels_looked_up",
        """
from nbhelpers.playground import FEATURE_LABELS

circle_features = [FEATURE_LABELS["x1^2"], FEATURE_LABELS["x2^2"]]
""",
        "fail",
        B13_NAMES,
        "FEATURE_LABELS' values are labels for people; the names are its keys",
    ),
    _b13circle(
        "b13_superscript_plain_x",
        """
circle_features = ["x1²", "x2²"]
""",
        "fail",
        B13_NAMES,
        "x1² is not spelt as in FEATURES (x1^2)",
    ),
    _b13circle(
        "b13_python_power",
        """
circle_features = ["x1**2", "x2**2"]
""",
        "fail",
        B13_NAMES,
        "Python's power, not the name in FEATURES",
    ),
    _b13circle(
        "b13_capital_x",
        """
circle_features = ["X1^2", "X2^2"]
""",
        "fail",
        B13_NAMES,
        "the names are lower case",
    ),
    _b13circle(
        "b13_x_squared_generic",
        """
circle_features = ["x1^2", "x^2"]
""",
        "fail",
        B13_NAMES,
        "x^2 is no feature's name",
    ),
    _b13circle(
        "b13_spaces_around_caret",
        """
circle_features = ["x1 ^ 2", "x2 ^ 2"]
""",
        "fail",
        B13_NAMES,
        "spaces inside the names: not spelt as in FEATURES",
    ),
    _b13circle(
        "b13_missing_comma",
        """
circle_features = ["x1^2" "x2^2"]
""",
        "fail",
        B13_NAMES,
        "no comma: Python joins the two strings into one name 'x1^2x2^2'",
    ),
    _b13circle(
        "b13_one_string",
        """
circle_features = "x1^2, x2^2"
""",
        "fail",
        B13_STRING,
        "one string, not a list of names",
    ),
    _b13circle(
        "b13_parenthesised_string",
        """
circle_features = ("x1^2")
""",
        "fail",
        B13_STRING,
        "parentheses around one string make no tuple: a str (and only one square)",
    ),
    _b13circle(
        "b13_duplicate",
        """
circle_features = ["x1^2", "x1^2"]
""",
        "fail",
        B13_DUPLICATE,
        "the same feature twice (and no x₂²)",
    ),
    _b13circle(
        "b13_duplicate_with_both",
        """
circle_features = ["x1^2", "x2^2", "x1^2"]
""",
        "fail",
        B13_DUPLICATE,
        "both squares, but x1^2 twice: each feature once",
    ),
    _b13circle(
        "b13_indices",
        """
circle_features = [2, 3]
""",
        "fail",
        B13_NOT_NAMES,
        "the positions of the squares in FEATURES, not their names",
    ),
    _b13circle(
        "b13_nested_list",
        """
circle_features = [["x1^2", "x2^2"]]
""",
        "fail",
        B13_NOT_NAMES,
        "a list inside the list: its one entry is not a name",
    ),
    _b13circle(
        "b13_a_function",
        """
def circle_features():
    return ["x1^2", "x2^2"]
""",
        "fail",
        B13_NOT_A_LIST,
        "the check takes the list itself, not a function returning it",
    ),
    # not done
    _b13circle(
        "b13_ellipsis",
        """
circle_features = ...
""",
        "not done",
        None,
        "the placeholder is still there",
    ),
    _b13circle(
        "b13_list_of_ellipsis",
        """
circle_features = [...]
""",
        "not done",
        None,
        "the list still holds only the placeholder",
    ),
    _b13circle(
        "b13_half_filled",
        """
circle_features = ["x1^2", ...]
""",
        "not done",
        None,
        "one name chosen, a placeholder left",
    ),
]

B13_ENTRIES = B13_FEATURES_ENTRIES + B13_NORMS_ENTRIES + B13_CIRCLE_ENTRIES
