"""A blind catalogue of learner submissions for the exercise self-checks of notebooks 01-05.

Data only. Each entry is one learner's cell, as it would be typed into the notebook, with the verdict the
check must give, decided from what the exercise asks and what is mathematically right (not from what the
checks print; the catalogue was written without reading ``nbhelpers/checks``):

- ``verdict``: "pass" (a correct answer, in any style), "fail" (wrong), "not done" (still raises
  NotImplementedError somewhere);
- ``hint``: for "fail", a case-insensitive regular expression that the ✗ line must match: it names the real
  problem (several phrasings joined by ``|``);
- ``globals``: code run first in the same namespace, reproducing what the notebook defines above the exercise
  (MNIST data replaced by seeded random arrays of the same dtype; see ``G05``).

``tests/test_submissions.py`` runs every entry.
"""

from __future__ import annotations

from typing import NamedTuple


class Submission(NamedTuple):
    check: str  # the name of the check in nbhelpers.checks, e.g. "check_AND"
    name: str  # a short id, unique per check
    func: str  # the name of the learner's function that the check receives
    code: str  # the learner's cell (without the check call)
    verdict: str  # "pass", "fail" or "not done"
    hint: str | None  # for "fail": regex the ✗ line must match (re.IGNORECASE)
    why: str  # one line: why this verdict is right
    globals: str = ""  # the notebook's code above the exercise, run first in the same namespace


# --- What each notebook defines above its exercises ---------------------------------------------------------

#: Notebook 01, up to the exercises of sections 3 and 7 (cells 3, 7, 9, 13, 15, 17, 44).
G01 = """
import numpy as np
import nbhelpers
from nbhelpers import checks


def fires(x1, x2, w1, w2, theta):
    total = w1 * x1 + w2 * x2
    if total <= theta:
        return 0
    else:
        return 1


def print_truth_table(gate):
    print("x1  x2 | y")
    for x1, x2 in [(0, 0), (1, 0), (0, 1), (1, 1)]:
        print(f" {x1}   {x2} | {gate(x1, x2)}")


x = np.array([1, 1])
w = np.array([0.5, 0.5])
b = -0.7


def AND(x1, x2):
    x = np.array([x1, x2])
    w = np.array([0.5, 0.5])
    b = -0.7
    tmp = np.sum(w * x) + b
    if tmp <= 0:
        return 0
    else:
        return 1


def NAND(x1, x2):
    x = np.array([x1, x2])
    w = np.array([-0.5, -0.5])
    b = 0.7
    tmp = np.sum(w * x) + b
    if tmp <= 0:
        return 0
    else:
        return 1


def OR(x1, x2):
    x = np.array([x1, x2])
    w = np.array([0.5, 0.5])
    b = -0.2
    tmp = np.sum(w * x) + b
    if tmp <= 0:
        return 0
    else:
        return 1


X = nbhelpers.INPUTS
x1s, x2s = X[:, 0], X[:, 1]


def XOR(x1, x2):
    s1 = NAND(x1, x2)
    s2 = OR(x1, x2)
    y = AND(s1, s2)
    return y
"""

#: Notebook 02, up to the exercises of sections 2 and 3 (cells 3, 5, 7, 11, 13, 20, 25).
G02 = """
import warnings

import numpy as np
import nbhelpers
from nbhelpers import checks

x1, x2 = 1.0, 1.0
w1, w2, b = 0.5, 0.5, -0.7
a = b + w1 * x1 + w2 * x2
y = 1 if a > 0 else 0


def step_function(x):
    x = np.asarray(x, dtype=float)
    return np.array(x > 0, dtype=float)


xs = np.linspace(-3, 3, 601)
x = np.arange(-5.0, 5.0, 0.1)


def sigmoid_naive(x):
    return 1 / (1 + np.exp(-x))


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))
"""

#: Notebook 03, up to the exercise of section 4 (cells 3, 6, 10, 14, 16, 20).
G03_VECTOR = """
import warnings

import numpy as np
import nbhelpers
from nbhelpers import checks


def identity_function(x):
    return x


def softmax_naive(a):
    exp_a = np.exp(a)
    sum_exp_a = np.sum(exp_a)
    return exp_a / sum_exp_a


exp_a = np.exp(np.array([0.3, 2.9, 4.0]))
a = np.array([1010.0, 1000.0, 990.0])


def softmax(a):
    c = np.max(a)
    exp_a = np.exp(a - c)
    return exp_a / np.sum(exp_a)


a32 = np.array([100.0, 0.0], dtype=np.float32)
"""

#: Notebook 03, up to the exercise of section 6 (adds cells 26, 28, 30, 34).
G03_BATCH = (
    G03_VECTOR
    + """
rng = np.random.default_rng(0)
scores = rng.normal(0.0, 3.0, size=(1000, 10))
a1, a2 = 1.5, -0.5


def softmax_batch(a):
    c = np.max(a, axis=-1, keepdims=True)
    exp_a = np.exp(a - c)
    return exp_a / np.sum(exp_a, axis=-1, keepdims=True)


A = np.array([[0.3, 2.9, 4.0], [1010.0, 1000.0, 990.0], [0.0, 0.0, 0.0]])
c = np.max(A, axis=-1, keepdims=True)
Y = softmax_batch(A)
"""
)

#: Notebook 04, up to the exercises of sections 4 and 5 (cells 3, 5, 7, 11, 16).
G04 = """
import numpy as np
import nbhelpers
from nbhelpers import checks, identity_function, sigmoid

X = np.array([1.0, 0.5])
W1 = np.array([[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]])
B1 = np.array([0.1, 0.2, 0.3])
A1 = X @ W1 + B1
Z1 = sigmoid(A1)
W2 = np.array([[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]])
B2 = np.array([0.1, 0.2])
A2 = Z1 @ W2 + B2
Z2 = sigmoid(A2)
W3 = np.array([[0.1, 0.3], [0.2, 0.4]])
B3 = np.array([0.1, 0.2])
A3 = Z2 @ W3 + B3
Y = identity_function(A3)


def init_network():
    network = {}
    network["W1"] = np.array([[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]])
    network["b1"] = np.array([0.1, 0.2, 0.3])
    network["W2"] = np.array([[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]])
    network["b2"] = np.array([0.1, 0.2])
    network["W3"] = np.array([[0.1, 0.3], [0.2, 0.4]])
    network["b3"] = np.array([0.1, 0.2])
    return network


def forward(network, x):
    W1, W2, W3 = network["W1"], network["W2"], network["W3"]
    b1, b2, b3 = network["b1"], network["b2"], network["b3"]
    a1 = np.dot(x, W1) + b1
    z1 = sigmoid(a1)
    a2 = np.dot(z1, W2) + b2
    z2 = sigmoid(a2)
    a3 = np.dot(z2, W3) + b3
    y = identity_function(a3)
    return y


network = init_network()
x = np.array([1.0, 0.5])
y = forward(network, x)
"""

#: Notebook 05, up to the exercises of sections 3 and 5 (cells 3, 5, 11, 13, 24). MNIST is kept out: the
#: images and labels are seeded random arrays of MNIST's dtypes (float32 in [0, 1], uint8 labels); the test
#: set keeps its shape (10000, 784), the training set is cut to 600 images. The network is the trained one
#: that ships inside nbhelpers (no download).
G05 = """
import time

import numpy as np
import nbhelpers
from nbhelpers import checks, forward

_rng = np.random.default_rng(2024)
x_train = _rng.random((600, 784), dtype=np.float32)
t_train = _rng.integers(0, 10, size=600).astype(np.uint8)
x_test = _rng.random((10000, 784), dtype=np.float32)
t_test = _rng.integers(0, 10, size=10000).astype(np.uint8)
del _rng

network = nbhelpers.pretrained_network()
x = x_test[0]
y = forward(network, x, hidden="sigmoid", output="softmax")
batch_size = 100
accuracy_cnt = 0
"""

# Learner functions that return objects NumPy cannot turn into an array.
BAD_ARRAY = """
class Stubborn:
    def __array__(self, dtype=None, copy=None):
        raise RuntimeError("this object will not become an array")

    def __repr__(self):
        return "Stubborn()"
"""


# --- Notebook 01: the gates ----------------------------------------------------------------------------------

SKELETON_GATE = """
def {f}(x1, x2):
    # Your code here: choose w1, w2 and b, then return 1 if b + w1*x1 + w2*x2 > 0, else 0.
    raise NotImplementedError
"""

HELPER_NOT_DONE_GATE = """
def my_step(a):
    # Your code here: 1 if a > 0, else 0.
    raise NotImplementedError


def {f}(x1, x2):
    return my_step({expr})
"""


def _and(name, code, verdict, hint, why):
    return Submission("check_AND", name, "my_AND", code, verdict, hint, why, G01)


def _nand(name, code, verdict, hint, why):
    return Submission("check_NAND", name, "my_NAND", code, verdict, hint, why, G01)


def _or(name, code, verdict, hint, why):
    return Submission("check_OR", name, "my_OR", code, verdict, hint, why, G01)


def _xor(name, code, verdict, hint, why):
    return Submission("check_XOR", name, "my_XOR", code, verdict, hint, why, G01)


WRONG_ROW_10 = (
    r"(wrong|error)[^.;:]*\((1, ?0|0, ?1)\)|\((1, ?0|0, ?1)\)[^.;:]*(wrong|should|must|expected)|table of OR"
)
WRONG_ROW_00 = r"(wrong|error)[^.;:]*\(0, ?0\)|\(0, ?0\)[^.;:]*(wrong|should|must|expected|bias)|bias"
WRONG_ROW_11 = r"(wrong|error)[^.;:]*\(1, ?1\)|\(1, ?1\)[^.;:]*(wrong|should|must|expected|returned)"
NOT_A_NUMBER_01 = r"0 or 1|1 or 0|one number|\bint\b"

AND_ENTRIES = [
    _and(
        "solution",
        """
def my_AND(x1, x2):
    x = np.array([x1, x2])
    w = np.array([1.0, 1.0])
    b = -1.5
    tmp = np.sum(w * x) + b
    if tmp <= 0:
        return 0
    else:
        return 1
""",
        "pass",
        None,
        "the notebook's own solution: sums -1.5, -0.5, -0.5, 0.5",
    ),
    _and(
        "book_weights_scalar_if",
        """
def my_AND(x1, x2):
    w1, w2, b = 0.5, 0.5, -0.7
    if b + w1 * x1 + w2 * x2 > 0:
        return 1
    return 0
""",
        "pass",
        None,
        "the book's weights, written with scalars: any weights that work will do",
    ),
    _and(
        "integer_weights_sum_exactly_zero",
        """
def my_AND(x1, x2):
    w1, w2, b = 1, 1, -1
    return 1 if b + w1 * x1 + w2 * x2 > 0 else 0
""",
        "pass",
        None,
        "sums -1, 0, 0, 1 in exact integer arithmetic; a sum of exactly 0 gives 0, as the rule says",
    ),
    _and(
        "int_of_comparison",
        """
def my_AND(x1, x2):
    return int(1.0 * x1 + 1.0 * x2 - 1.5 > 0)
""",
        "pass",
        None,
        "int(True) is 1 and int(False) is 0: the numbers the exercise asks for",
    ),
    _and(
        "lambda",
        """
my_AND = lambda x1, x2: int(0.6 * x1 + 0.6 * x2 > 1.0)  # noqa: E731
""",
        "pass",
        None,
        "a one-line lambda with w = (0.6, 0.6), b = -1.0: sums -1, -0.4, -0.4, 0.2",
    ),
    _and(
        "numpy_int64_result",
        """
def my_AND(x1, x2):
    tmp = np.sum(np.array([0.5, 0.5]) * np.array([x1, x2])) - 0.7
    return (tmp > 0).astype(np.int64)
""",
        "pass",
        None,
        "returns np.int64(0) or np.int64(1): NumPy integers equal to 0 and 1",
    ),
    _and(
        "extra_default_args",
        """
def my_AND(x1, x2, w=(2.0, 3.0), b=-4.0):
    return 1 if b + w[0] * x1 + w[1] * x2 > 0 else 0
""",
        "pass",
        None,
        "weights as default arguments; sums -4, -2, -1, 1",
    ),
    _and(
        "large_integer_weights",
        """
def my_AND(x1, x2):
    w1, w2, b = 10, 10, -15
    total = b + w1 * x1 + w2 * x2
    return 1 if total > 0 else 0
""",
        "pass",
        None,
        "scaling AND's weights by a positive number keeps the gate",
    ),
    _and(
        "heaviside_float_one",
        """
def my_AND(x1, x2):
    return np.heaviside(x1 + x2 - 1.5, 0.0)
""",
        "pass",
        None,
        "returns 0.0 or 1.0: the numbers 0 and 1 (as floats), exactly the step of the perceptron",
    ),
    _and(
        "prints_its_sums",
        """
def my_AND(x1, x2):
    w1, w2, b = 0.5, 0.5, -0.7
    total = b + w1 * x1 + w2 * x2
    print(f"x = ({x1}, {x2}): sum = {total:.2f}")
    return 1 if total > 0 else 0
""",
        "pass",
        None,
        "correct; printing along the way is the learner's business",
    ),
    _and(
        "returns_bool",
        """
def my_AND(x1, x2):
    return 0.5 * x1 + 0.5 * x2 - 0.7 > 0
""",
        "fail",
        r"bool|True|False",
        "the exercise asks for the numbers 1 and 0, and the check must say that True/False are not",
    ),
    _and(
        "or_bias",
        """
def my_AND(x1, x2):
    w1, w2, b = 0.5, 0.5, -0.2
    return 1 if b + w1 * x1 + w2 * x2 > 0 else 0
""",
        "fail",
        WRONG_ROW_10,
        "b = -0.2 is OR: it fires for (1, 0) and (0, 1)",
    ),
    _and(
        "positive_bias_fires_on_00",
        """
def my_AND(x1, x2):
    w1, w2, b = 0.5, 0.5, 0.1
    return 1 if b + w1 * x1 + w2 * x2 > 0 else 0
""",
        "fail",
        WRONG_ROW_00,
        "with b > 0 the sum for (0, 0) is positive, so (0, 0) gives 1",
    ),
    _and(
        "greater_equal_on_the_border",
        """
def my_AND(x1, x2):
    w1, w2, b = 1, 1, -1
    return 1 if b + w1 * x1 + w2 * x2 >= 0 else 0
""",
        "fail",
        WRONG_ROW_10 + r"|>=|exactly 0|border",
        "sums -1, 0, 0, 1 with >= fire for (1, 0) and (0, 1); the rule says a sum of 0 gives 0",
    ),
    _and(
        "returns_the_sum",
        """
def my_AND(x1, x2):
    w1, w2, b = 0.5, 0.5, -0.7
    return b + w1 * x1 + w2 * x2
""",
        "fail",
        NOT_A_NUMBER_01 + r"|sum|threshold|compar|> ?0",
        "returns the weighted sum itself, not 1 or 0",
    ),
    _and(
        "returns_strings",
        """
def my_AND(x1, x2):
    return "1" if x1 + x2 - 1.5 > 0 else "0"
""",
        "fail",
        r"str|text|quot|number",
        "'1' is text, not the number 1",
    ),
    _and(
        "returns_an_array",
        """
def my_AND(x1, x2):
    return np.array([1 if x1 + x2 - 1.5 > 0 else 0])
""",
        "fail",
        r"array|shape|single|one number|list",
        "returns an array of shape (1,) instead of one number",
    ),
    _and(
        "forgot_return",
        """
def my_AND(x1, x2):
    tmp = x1 + x2 - 1.5
    y = 1 if tmp > 0 else 0
""",
        "fail",
        r"None|return",
        "no return statement: the function gives None",
    ),
    _and(
        "returns_nan",
        """
def my_AND(x1, x2):
    return float("nan") if x1 + x2 - 1.5 > 0 else 0
""",
        "fail",
        r"nan|" + NOT_A_NUMBER_01,
        "nan for (1, 1) instead of 1",
    ),
    _and(
        "returns_a_huge_int",
        """
def my_AND(x1, x2):
    return 10**400 if x1 + x2 - 1.5 > 0 else 0
""",
        "fail",
        r"0 or 1|1 or 0|large|big|huge|instead of 1|expected 1|should (be|return|give) 1",
        "10**400 is not 1 (and does not fit in a float: the check must still answer in one line)",
    ),
    _and(
        "wrong_signature",
        """
def my_AND(x):
    x1, x2 = x
    return 1 if x1 + x2 - 1.5 > 0 else 0
""",
        "fail",
        r"argument|parameter|positional|signature|x1, x2|two",
        "takes one argument; the check calls my_AND(x1, x2): a TypeError the check must report",
    ),
    _and("skeleton", SKELETON_GATE.format(f="my_AND"), "not done", None, "the untouched skeleton"),
    _and(
        "helper_not_done",
        HELPER_NOT_DONE_GATE.format(f="my_AND", expr="x1 + x2 - 1.5"),
        "not done",
        None,
        "calls a helper that still raises NotImplementedError",
    ),
]

NAND_ENTRIES = [
    _nand(
        "solution",
        """
def my_NAND(x1, x2):
    x = np.array([x1, x2])
    w = np.array([-1.0, -1.0])
    b = 1.5
    tmp = np.sum(w * x) + b
    if tmp <= 0:
        return 0
    else:
        return 1
""",
        "pass",
        None,
        "the notebook's own solution: sums 1.5, 0.5, 0.5, -0.5",
    ),
    _nand(
        "book_weights",
        """
def my_NAND(x1, x2):
    w1, w2, b = -0.5, -0.5, 0.7
    return 1 if b + w1 * x1 + w2 * x2 > 0 else 0
""",
        "pass",
        None,
        "the book's NAND weights",
    ),
    _nand(
        "integer_weights",
        """
def my_NAND(x1, x2):
    w1, w2, b = -2, -2, 3
    return int(b + w1 * x1 + w2 * x2 > 0)
""",
        "pass",
        None,
        "sums 3, 1, 1, -1",
    ),
    _nand(
        "one_minus_global_AND",
        """
def my_NAND(x1, x2):
    return 1 - AND(x1, x2)
""",
        "pass",
        None,
        "NAND is the opposite of AND (the hint of the exercise); AND is the book's gate defined above",
    ),
    _nand(
        "lambda",
        """
my_NAND = lambda x1, x2: int(-x1 - x2 + 1.5 > 0)  # noqa: E731
""",
        "pass",
        None,
        "a one-line lambda with w = (-1, -1), b = 1.5",
    ),
    _nand(
        "np_dot",
        """
def my_NAND(x1, x2):
    return int(np.dot([-1.0, -1.0], [x1, x2]) + 1.5 > 0)
""",
        "pass",
        None,
        "np.dot is the weighted sum",
    ),
    _nand(
        "scaled_weights_extra_arg",
        """
def my_NAND(x1, x2, scale=7.0):
    w1, w2, b = -scale, -scale, 10.0
    return 1 if b + w1 * x1 + w2 * x2 > 0 else 0
""",
        "pass",
        None,
        "sums 10, 3, 3, -4; the extra argument has a default",
    ),
    _nand(
        "numpy_int_result",
        """
def my_NAND(x1, x2):
    return np.int64(-0.5 * x1 - 0.5 * x2 + 0.7 > 0)
""",
        "pass",
        None,
        "np.int64 0 and 1",
    ),
    _nand(
        "and_weights_sign_not_flipped",
        """
def my_NAND(x1, x2):
    w1, w2, b = 0.5, 0.5, -0.7
    return 1 if b + w1 * x1 + w2 * x2 > 0 else 0
""",
        "fail",
        WRONG_ROW_00 + r"|opposite|AND",
        "these are AND's numbers: every row is the opposite of NAND",
    ),
    _nand(
        "only_bias_flipped",
        """
def my_NAND(x1, x2):
    w1, w2, b = 0.5, 0.5, 0.7
    return 1 if b + w1 * x1 + w2 * x2 > 0 else 0
""",
        "fail",
        WRONG_ROW_11 + r"|always 1",
        "every sum is positive: it gives 1 for (1, 1) too",
    ),
    _nand(
        "returns_bool",
        """
def my_NAND(x1, x2):
    return not (x1 and x2)
""",
        "fail",
        r"bool|True|False",
        "True/False instead of 1/0",
    ),
    _nand(
        "returns_a_tuple",
        """
def my_NAND(x1, x2):
    tmp = -0.5 * x1 - 0.5 * x2 + 0.7
    return (1 if tmp > 0 else 0), tmp
""",
        "fail",
        r"tuple|one number|single|" + NOT_A_NUMBER_01,
        "returns (y, sum), a tuple, instead of y",
    ),
    _nand(
        "returns_complex",
        """
def my_NAND(x1, x2):
    return complex(int(-x1 - x2 + 1.5 > 0), 0)
""",
        "fail",
        r"complex|real|" + NOT_A_NUMBER_01,
        "a complex number is not the bit 0 or 1",
    ),
    _nand(
        "returns_infinity",
        """
def my_NAND(x1, x2):
    tmp = -x1 - x2 + 1.5
    return float("inf") if tmp > 0 else 0
""",
        "fail",
        r"inf|finite|" + NOT_A_NUMBER_01,
        "inf instead of 1",
    ),
    _nand(
        "index_error",
        """
def my_NAND(x1, x2):
    w = [-0.5]
    return 1 if 0.7 + w[0] * x1 + w[1] * x2 > 0 else 0
""",
        "fail",
        r"IndexError|index|out of range",
        "w has one weight: w[1] raises IndexError, which the check must report",
    ),
    _nand(
        "prints_a_lot_and_wrong",
        """
def my_NAND(x1, x2):
    for i in range(50):
        print("debug", i, x1, x2)
    return 1 if 0.5 * x1 + 0.5 * x2 - 0.7 > 0 else 0
""",
        "fail",
        WRONG_ROW_00 + r"|opposite|AND",
        "prints 50 lines per call, then answers AND: the verdict line must still come once, at the end",
    ),
    _nand("skeleton", SKELETON_GATE.format(f="my_NAND"), "not done", None, "the untouched skeleton"),
    _nand(
        "helper_not_done",
        HELPER_NOT_DONE_GATE.format(f="my_NAND", expr="-x1 - x2 + 1.5"),
        "not done",
        None,
        "calls a helper that still raises NotImplementedError",
    ),
]

OR_ENTRIES = [
    _or(
        "book_weights",
        """
def my_OR(x1, x2):
    x = np.array([x1, x2])
    w = np.array([0.5, 0.5])
    b = -0.2
    tmp = np.sum(w * x) + b
    if tmp <= 0:
        return 0
    else:
        return 1
""",
        "pass",
        None,
        "the book's OR",
    ),
    _or(
        "other_weights",
        """
def my_OR(x1, x2):
    w1, w2, b = 1.0, 1.0, -0.5
    return 1 if b + w1 * x1 + w2 * x2 > 0 else 0
""",
        "pass",
        None,
        "sums -0.5, 0.5, 0.5, 1.5",
    ),
    _or(
        "integer_weights_zero_bias",
        """
def my_OR(x1, x2):
    w1, w2, b = 1, 1, 0
    return 1 if b + w1 * x1 + w2 * x2 > 0 else 0
""",
        "pass",
        None,
        "sums 0, 1, 1, 2: (0, 0) sits exactly on the border and gives 0, as the rule says",
    ),
    _or(
        "builtin_max",
        """
def my_OR(x1, x2):
    return max(x1, x2)
""",
        "pass",
        None,
        "on bits, OR is the larger of the two",
    ),
    _or(
        "python_or",
        """
def my_OR(x1, x2):
    return int(x1 or x2)
""",
        "pass",
        None,
        "int(x1 or x2) is 1 when either is 1",
    ),
    _or(
        "clamped_sum",
        """
def my_OR(x1, x2):
    return min(x1 + x2, 1)
""",
        "pass",
        None,
        "0, 1, 1, min(2, 1) = 1",
    ),
    _or(
        "lambda",
        """
my_OR = lambda x1, x2: int(x1 + x2 > 0.5)  # noqa: E731
""",
        "pass",
        None,
        "a one-line perceptron",
    ),
    _or(
        "numpy_int64",
        """
def my_OR(x1, x2):
    return np.int64(np.dot([0.5, 0.5], [x1, x2]) - 0.2 > 0)
""",
        "pass",
        None,
        "np.int64 0 and 1",
    ),
    _or(
        "plain_sum_gives_2",
        """
def my_OR(x1, x2):
    return x1 + x2
""",
        "fail",
        r"\b2\b|" + WRONG_ROW_11 + "|" + NOT_A_NUMBER_01,
        "OR(1, 1) must be 1, not 2",
    ),
    _or(
        "and_weights",
        """
def my_OR(x1, x2):
    w1, w2, b = 0.5, 0.5, -0.7
    return 1 if b + w1 * x1 + w2 * x2 > 0 else 0
""",
        "fail",
        WRONG_ROW_10,
        "AND's bias: (1, 0) and (0, 1) give 0",
    ),
    _or(
        "greater_equal_fires_on_00",
        """
def my_OR(x1, x2):
    w1, w2, b = 1, 1, 0
    return 1 if b + w1 * x1 + w2 * x2 >= 0 else 0
""",
        "fail",
        WRONG_ROW_00 + r"|>=|exactly 0|border",
        "the sum for (0, 0) is exactly 0 and >= fires on it",
    ),
    _or(
        "global_weights_of_AND",
        """
def my_OR(x1, x2):
    return int(np.sum(w * np.array([x1, x2])) + b > 0)
""",
        "fail",
        WRONG_ROW_10,
        "reads the notebook's globals w = (0.5, 0.5), b = -0.7, which are AND's: (1, 0) gives 0",
    ),
    _or(
        "returns_bool",
        """
def my_OR(x1, x2):
    return x1 + x2 > 0.5
""",
        "fail",
        r"bool|True|False",
        "True/False instead of 1/0",
    ),
    _or(
        "returns_a_dict",
        """
def my_OR(x1, x2):
    return {"y": int(x1 + x2 > 0.5)}
""",
        "fail",
        r"dict|" + NOT_A_NUMBER_01,
        "a dict is not a bit",
    ),
    _or(
        "returns_a_generator",
        """
def my_OR(x1, x2):
    return (int(v > 0.5) for v in [x1 + x2])
""",
        "fail",
        r"generator|" + NOT_A_NUMBER_01,
        "a generator is not a bit",
    ),
    _or("skeleton", SKELETON_GATE.format(f="my_OR"), "not done", None, "the untouched skeleton"),
    _or(
        "helper_not_done",
        HELPER_NOT_DONE_GATE.format(f="my_OR", expr="x1 + x2 - 0.5"),
        "not done",
        None,
        "calls a helper that still raises NotImplementedError",
    ),
]

XOR_ENTRIES = [
    _xor(
        "solution_nand_or_and",
        """
def my_XOR(x1, x2):
    s1 = NAND(x1, x2)
    s2 = OR(x1, x2)
    return AND(s1, s2)
""",
        "pass",
        None,
        "the notebook's solution, with the book's gates defined above",
    ),
    _xor(
        "four_nands",
        """
def my_XOR(x1, x2):
    n = NAND(x1, x2)
    return NAND(NAND(x1, n), NAND(x2, n))
""",
        "pass",
        None,
        "the puzzle: XOR from four NAND gates",
    ),
    _xor(
        "or_and_swapped_layer1",
        """
def my_XOR(x1, x2):
    return AND(OR(x1, x2), NAND(x1, x2))
""",
        "pass",
        None,
        "AND is symmetric: the order of the two layer-1 gates does not matter",
    ),
    _xor(
        "and_not_or",
        """
def my_XOR(x1, x2):
    n = NAND(x1, x2)
    return OR(AND(x1, n), AND(x2, n))
""",
        "pass",
        None,
        "(x1 AND NOT both) OR (x2 AND NOT both): another valid gate network",
    ),
    _xor(
        "or_minus_and",
        """
def my_XOR(x1, x2):
    return OR(x1, x2) - AND(x1, x2)
""",
        "pass",
        None,
        "arithmetic on gates: 0-0, 1-0, 1-0, 1-1",
    ),
    _xor(
        "not_equal_as_int",
        """
def my_XOR(x1, x2):
    return int(x1 != x2)
""",
        "pass",
        None,
        "XOR is 1 exactly when the inputs differ",
    ),
    _xor(
        "sum_mod_2",
        """
def my_XOR(x1, x2):
    return (x1 + x2) % 2
""",
        "pass",
        None,
        "the parity of the two bits",
    ),
    _xor(
        "bitwise_xor",
        """
def my_XOR(x1, x2):
    return x1 ^ x2
""",
        "pass",
        None,
        "Python's own XOR on the integer bits 0 and 1",
    ),
    _xor(
        "abs_difference",
        """
def my_XOR(x1, x2):
    return abs(x1 - x2)
""",
        "pass",
        None,
        "|x1 - x2| is 1 exactly when the bits differ",
    ),
    _xor(
        "inline_two_layer_perceptron",
        """
def my_XOR(x1, x2):
    def h(a):
        return 1 if a > 0 else 0

    s1 = h(-x1 - x2 + 1.5)  # NAND
    s2 = h(x1 + x2 - 0.5)  # OR
    return h(s1 + s2 - 1.5)  # AND
""",
        "pass",
        None,
        "the same two layers written as perceptrons with the learner's own weights",
    ),
    _xor(
        "lambda",
        """
my_XOR = lambda x1, x2: AND(NAND(x1, x2), OR(x1, x2))  # noqa: E731
""",
        "pass",
        None,
        "the solution as a lambda",
    ),
    _xor(
        "prints_the_layers",
        """
def my_XOR(x1, x2):
    s1, s2 = NAND(x1, x2), OR(x1, x2)
    print("layer 1:", s1, s2)
    return AND(s1, s2)
""",
        "pass",
        None,
        "correct; it also prints its hidden layer",
    ),
    _xor(
        "one_perceptron",
        """
def my_XOR(x1, x2):
    w1, w2, b = 1.0, 1.0, -0.5
    return 1 if b + w1 * x1 + w2 * x2 > 0 else 0
""",
        "fail",
        WRONG_ROW_11 + r"|one perceptron|single perceptron|one line|linear|layer",
        "a single perceptron (this one is OR): (1, 1) gives 1",
    ),
    _xor(
        "or_instead_of_and_in_layer2",
        """
def my_XOR(x1, x2):
    return OR(NAND(x1, x2), OR(x1, x2))
""",
        "fail",
        WRONG_ROW_00,
        "OR in layer 2 fires whenever NAND does: (0, 0) gives 1",
    ),
    _xor(
        "xnor",
        """
def my_XOR(x1, x2):
    return int(x1 == x2)
""",
        "fail",
        WRONG_ROW_00 + r"|XNOR|opposite",
        "this is XNOR, the opposite of XOR",
    ),
    _xor(
        "plain_sum",
        """
def my_XOR(x1, x2):
    return x1 + x2
""",
        "fail",
        r"\b2\b|" + WRONG_ROW_11 + "|" + NOT_A_NUMBER_01,
        "(1, 1) gives 2",
    ),
    _xor(
        "returns_bool",
        """
def my_XOR(x1, x2):
    return x1 != x2
""",
        "fail",
        r"bool|True|False",
        "True/False instead of 1/0",
    ),
    _xor(
        "returns_layer1_tuple",
        """
def my_XOR(x1, x2):
    return NAND(x1, x2), OR(x1, x2)
""",
        "fail",
        r"tuple|one number|single|layer|" + NOT_A_NUMBER_01,
        "returns layer 1's two outputs instead of layer 2's one",
    ),
    _xor(
        "name_error",
        """
def my_XOR(x1, x2):
    return AND(NAND(x1, x2), NOR(x1, x2))
""",
        "fail",
        r"NameError|NOR|not defined",
        "NOR is not defined in the notebook: a NameError the check must report",
    ),
    _xor(
        "returns_an_array",
        """
def my_XOR(x1, x2):
    return nbhelpers.XOR([x1], [x2])
""",
        "fail",
        r"array|shape|single|one number|list",
        "an array of shape (1,) instead of one number",
    ),
    _xor("skeleton", SKELETON_GATE.format(f="my_XOR"), "not done", None, "the untouched skeleton"),
    _xor(
        "helper_not_done",
        """
def my_NOT(x):
    # Your code here: a perceptron that turns 0 into 1 and 1 into 0.
    raise NotImplementedError


def my_XOR(x1, x2):
    return AND(OR(x1, x2), my_NOT(AND(x1, x2)))
""",
        "not done",
        None,
        "calls a helper that still raises NotImplementedError",
    ),
]


# --- Notebook 02: the step function and the sigmoid ------------------------------------------------------------


def _step(name, code, verdict, hint, why):
    return Submission("check_step_function", name, "my_step_function", code, verdict, hint, why, G02)


def _sig(name, code, verdict, hint, why):
    return Submission("check_sigmoid", name, "my_sigmoid", code, verdict, hint, why, G02)


IN_PLACE = r"in.place|input|modif|chang|overwr|your (array|x)"

STEP_ENTRIES = [
    _step(
        "solution_float",
        """
def my_step_function(x):
    return np.array(x > 0, dtype=float)
""",
        "pass",
        None,
        "the notebook's solution",
    ),
    _step(
        "dtype_int",
        """
def my_step_function(x):
    return np.array(x > 0, dtype=int)
""",
        "pass",
        None,
        "the solution says dtype=int works too: 1s and 0s as integers",
    ),
    _step(
        "astype_float",
        """
def my_step_function(x):
    return (x > 0).astype(float)
""",
        "pass",
        None,
        "named in the solution as an alternative",
    ),
    _step(
        "np_where_ints",
        """
def my_step_function(x):
    return np.where(x > 0, 1, 0)
""",
        "pass",
        None,
        "np.where picks 1 or 0 for every element: integer numbers, same shape",
    ),
    _step(
        "heaviside",
        """
def my_step_function(x):
    return np.heaviside(x, 0)
""",
        "pass",
        None,
        "NumPy's own step function, with the value 0 at 0",
    ),
    _step(
        "times_one_point_zero",
        """
def my_step_function(x):
    return (x > 0) * 1.0
""",
        "pass",
        None,
        "bool times 1.0 gives floats 1.0 and 0.0",
    ),
    _step(
        "boolean_mask",
        """
def my_step_function(x):
    y = np.zeros_like(x, dtype=float)
    y[x > 0] = 1.0
    return y
""",
        "pass",
        None,
        "a fresh array of zeros with 1 written where x > 0",
    ),
    _step(
        "loop_over_elements",
        """
def my_step_function(x):
    values = [1.0 if v > 0 else 0.0 for v in np.ravel(x)]
    return np.array(values).reshape(np.shape(x))
""",
        "pass",
        None,
        "an element loop, reshaped back: slow but right",
    ),
    _step(
        "maximum_of_sign",
        """
def my_step_function(x):
    return np.maximum(np.sign(x), 0)
""",
        "pass",
        None,
        "sign gives -1, 0, 1; clipping at 0 leaves 0, 0, 1",
    ),
    _step(
        "lambda",
        """
my_step_function = lambda x: np.array(x > 0, dtype=float)  # noqa: E731
""",
        "pass",
        None,
        "the solution as a lambda",
    ),
    _step(
        "float32_result",
        """
def my_step_function(x):
    return np.greater(x, 0).astype(np.float32)
""",
        "pass",
        None,
        "1.0 and 0.0 as float32: numbers, and the exercise asks no particular type",
    ),
    _step(
        "extra_default_threshold",
        """
def my_step_function(x, threshold=0.0):
    return np.array(x > threshold, dtype=float)
""",
        "pass",
        None,
        "an extra argument with the right default",
    ),
    _step(
        "returns_bool",
        """
def my_step_function(x):
    return x > 0
""",
        "fail",
        r"bool|True|False",
        "the exercise says: numbers, not True and False",
    ),
    _step(
        "returns_the_input",
        """
def my_step_function(x):
    return x
""",
        "fail",
        r"your input|its input|unchanged|same as x|0 or 1|0 and 1|1s and 0s|only 0",
        "returns x itself: -1 stays -1, 2 stays 2",
    ),
    _step(
        "greater_equal_zero",
        """
def my_step_function(x):
    return np.array(x >= 0, dtype=float)
""",
        "fail",
        r"zero|at 0\b|0 itself|x ?= ?0\b|>=|h\(0\)|exactly 0|for 0\b|step_function\(0\)",
        "0 itself must give 0, and >= gives 1",
    ),
    _step(
        "np_int_removed",
        """
def my_step_function(x):
    return np.array(x > 0, dtype=np.int)
""",
        "fail",
        r"np\.int|AttributeError|removed|no longer",
        "the book's np.int no longer exists: AttributeError",
    ),
    _step(
        "scalar_if",
        """
def my_step_function(x):
    if x > 0:
        return 1
    else:
        return 0
""",
        "fail",
        r"array|ambiguous|truth value|element|whole|if",
        "works for one number only: `if` on an array raises ValueError",
    ),
    _step(
        "sign_keeps_minus_one",
        """
def my_step_function(x):
    return np.sign(x)
""",
        "fail",
        r"negative|below 0|0 or 1|0 and 1|1s and 0s|sign",
        "negative x gives -1, not 0",
    ),
    _step(
        "flattened_shape",
        """
def my_step_function(x):
    return np.array([1.0 if v > 0 else 0.0 for v in np.ravel(x)])
""",
        "fail",
        r"shape|2 ?(×|x) ?2|\(2, ?2\)|\(4,\)",
        "a 2 x 2 input comes back flat, shape (4,)",
    ),
    _step(
        "changes_input_in_place",
        """
def my_step_function(x):
    x[x <= 0] = 0
    x[x > 0] = 1
    return x
""",
        "fail",
        IN_PLACE,
        "right values, but it overwrites the caller's array",
    ),
    _step(
        "forgot_return",
        """
def my_step_function(x):
    y = np.array(x > 0, dtype=float)
    print(y)
""",
        "fail",
        r"None|return",
        "prints the answer but returns None",
    ),
    _step(
        "returns_unconvertible_object",
        BAD_ARRAY
        + """

def my_step_function(x):
    return Stubborn()
""",
        "fail",
        r"Stubborn|not numbers|convert|not an array",
        "returns an object that refuses to become an array: a ✗, not a traceback",
    ),
    _step(
        "skeleton",
        """
def my_step_function(x):
    # Your code here: 1 where x > 0, else 0, for a whole array x at once (no `if`, no np.int).
    raise NotImplementedError
""",
        "not done",
        None,
        "the untouched skeleton",
    ),
    _step(
        "helper_not_done",
        """
def to_numbers(mask):
    raise NotImplementedError


def my_step_function(x):
    return to_numbers(x > 0)
""",
        "not done",
        None,
        "calls a helper that still raises NotImplementedError",
    ),
]

SIGMOID_ENTRIES = [
    _sig(
        "solution_where",
        """
def my_sigmoid(x):
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))
""",
        "pass",
        None,
        "the notebook's solution",
    ),
    _sig(
        "boolean_masks",
        """
def my_sigmoid(x):
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1 / (1 + np.exp(-x[pos]))
    e = np.exp(x[~pos])
    out[~pos] = e / (1 + e)
    return out
""",
        "pass",
        None,
        "each form only on the elements of its sign: no huge power is ever computed",
    ),
    _sig(
        "clip_then_formula",
        """
def my_sigmoid(x):
    return 1 / (1 + np.exp(-np.clip(x, -500, 500)))
""",
        "pass",
        None,
        "exp(500) does not overflow; sigmoid(-500) = 7e-218, within any sane tolerance of the true ~0",
    ),
    _sig(
        "logaddexp",
        """
def my_sigmoid(x):
    return np.exp(-np.logaddexp(0, -x))
""",
        "pass",
        None,
        "sigmoid(x) = exp(-log(1 + e^-x)); np.logaddexp is computed without overflow",
    ),
    _sig(
        "tanh_form",
        """
def my_sigmoid(x):
    return 0.5 * (1 + np.tanh(x / 2))
""",
        "pass",
        None,
        "the identity sigmoid(x) = (1 + tanh(x/2)) / 2; tanh never overflows",
    ),
    _sig(
        "min_and_abs",
        """
def my_sigmoid(x):
    return np.exp(np.minimum(x, 0)) / (1 + np.exp(-np.abs(x)))
""",
        "pass",
        None,
        "1/(1+e^-x) for x >= 0 and e^x/(1+e^x) for x < 0, in one formula without overflow",
    ),
    _sig(
        "errstate_silences_the_overflow",
        """
def my_sigmoid(x):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-x))
""",
        "pass",
        None,
        "1/(1+inf) = 0 is the exact float answer and NumPy gives no warning, which is what the exercise asks",
    ),
    _sig(
        "loop_with_math",
        """
import math


def my_sigmoid(x):
    def one(v):
        if v >= 0:
            return 1 / (1 + math.exp(-v))
        e = math.exp(v)
        return e / (1 + e)

    x = np.asarray(x, dtype=float)
    return np.array([one(v) for v in x.ravel()]).reshape(x.shape)
""",
        "pass",
        None,
        "an element loop with the two stable forms",
    ),
    _sig(
        "lambda",
        """
my_sigmoid = lambda x: np.where(  # noqa: E731
    x >= 0, 1 / (1 + np.exp(-np.abs(x))), np.exp(-np.abs(x)) / (1 + np.exp(-np.abs(x)))
)
""",
        "pass",
        None,
        "the solution in one lambda",
    ),
    _sig(
        "prints_and_correct",
        """
def my_sigmoid(x):
    print("computing the sigmoid of", np.size(x), "values")
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))
""",
        "pass",
        None,
        "correct, and prints one line per call",
    ),
    _sig(
        "extra_default_arg",
        """
def my_sigmoid(x, gain=1.0):
    x = gain * np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))
""",
        "pass",
        None,
        "an extra argument whose default gives the sigmoid",
    ),
    _sig(
        "naive_formula_warns",
        """
def my_sigmoid(x):
    return 1 / (1 + np.exp(-x))
""",
        "fail",
        r"warn|overflow",
        "np.exp(1000) overflows at x = -1000: the warning the exercise is about",
    ),
    _sig(
        "np_where_evaluates_both_branches",
        """
def my_sigmoid(x):
    return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))
""",
        "fail",
        r"warn|overflow",
        "np.where computes both forms for every element: exp(1000) overflows and warns",
    ),
    _sig(
        "exp_x_form_only",
        """
def my_sigmoid(x):
    return np.exp(x) / (1 + np.exp(x))
""",
        "fail",
        r"warn|overflow|\bnan\b",
        "the other form overflows at x = +1000: inf/inf = nan, with a warning",
    ),
    _sig(
        "wrong_sign",
        """
def my_sigmoid(x):
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, e / (1 + e), 1 / (1 + e))
""",
        "fail",
        r"sign|minus|-x|e\^-x|mirror|revers|flip|1 - |decreas|swap",
        "the two forms swapped: this is 1/(1+e^x), the sigmoid mirrored",
    ),
    _sig(
        "abs_without_where",
        """
def my_sigmoid(x):
    return 1 / (1 + np.exp(-np.abs(x)))
""",
        "fail",
        r"negative|x < 0|below 0|sign|abs|where|both forms|symmetr",
        "sigmoid(|x|): every negative x gets a value above 0.5",
    ),
    _sig(
        "clip_too_narrow",
        """
def my_sigmoid(x):
    return 1 / (1 + np.exp(-np.clip(x, -10, 10)))
""",
        "fail",
        r"clip|too (large|small|narrow)|far|saturat",
        "clipping at +-10 changes the values: sigmoid(1000) becomes 0.99995",
    ),
    _sig(
        "step_instead",
        """
def my_sigmoid(x):
    return np.array(x > 0, dtype=float)
""",
        "fail",
        r"step|smooth|sigmoid\(0\)|h\(0\)|only 0 and 1",
        "the step function: 0 at x = 0 instead of 0.5, and nothing in between",
    ),
    _sig(
        "tanh_instead",
        """
def my_sigmoid(x):
    return np.tanh(x)
""",
        "fail",
        r"tanh|range|between 0 and 1|negative value|below 0",
        "tanh, not the sigmoid: tanh(0) = 0 and its range is (-1, 1)",
    ),
    _sig(
        "math_exp_scalar_only",
        """
import math


def my_sigmoid(x):
    if x >= 0:
        return 1 / (1 + math.exp(-x))
    return math.exp(x) / (1 + math.exp(x))
""",
        "fail",
        r"array|ambiguous|truth value|element|whole|math",
        "works for one number only; for an array `if` raises ValueError",
    ),
    _sig(
        "changes_input_in_place",
        """
def my_sigmoid(x):
    x[x < -700] = -700
    return 1 / (1 + np.exp(-x))
""",
        "fail",
        IN_PLACE,
        "it overwrites the caller's array (-1000 becomes -700)",
    ),
    _sig(
        "returns_a_tuple",
        """
def my_sigmoid(x):
    e = np.exp(-np.abs(x))
    y = np.where(x >= 0, 1 / (1 + e), e / (1 + e))
    return y, y * (1 - y)
""",
        "fail",
        r"tuple|slope|one array|two (arrays|numbers)|\b2 (arrays|numbers)",
        "returns (sigmoid, slope), a tuple, instead of the sigmoid",
    ),
    _sig(
        "skeleton",
        """
def my_sigmoid(x):
    # Your code here: h(x) = 1 / (1 + e^-x), without a warning at x = -1000.
    raise NotImplementedError
""",
        "not done",
        None,
        "the untouched skeleton",
    ),
    _sig(
        "helper_not_done",
        """
def stable_exp(x):
    raise NotImplementedError


def my_sigmoid(x):
    e = stable_exp(x)
    return e / (1 + e)
""",
        "not done",
        None,
        "calls a helper that still raises NotImplementedError",
    ),
]


# --- Notebook 03: softmax ----------------------------------------------------------------------------------


def _smv(name, code, verdict, hint, why):
    return Submission("check_softmax_vector", name, "my_softmax", code, verdict, hint, why, G03_VECTOR)


def _smb(name, code, verdict, hint, why):
    return Submission("check_softmax", name, "my_softmax_batch", code, verdict, hint, why, G03_BATCH)


OVERFLOW = r"overflow|\bnan\b|\binf\b|largest|\bmax"
SHIFT = r"overflow|largest|max"
PER_ROW = r"each row|the rows|per row|row by row|own|axis|each example|per example"
DTYPE32 = r"float64|dtype|input's type"

SOFTMAX_VECTOR_ENTRIES = [
    _smv(
        "solution",
        """
def my_softmax(a):
    c = np.max(a)
    exp_a = np.exp(a - c)
    return exp_a / np.sum(exp_a)
""",
        "pass",
        None,
        "the notebook's solution",
    ),
    _smv(
        "log_sum_exp",
        """
def my_softmax(a):
    m = np.max(a)
    log_sum = m + np.log(np.sum(np.exp(a - m)))
    return np.exp(a - log_sum)
""",
        "pass",
        None,
        "y = exp(a - logsumexp(a)), with the log-sum-exp computed stably",
    ),
    _smv(
        "log_sum_exp_shift_first",
        """
def my_softmax(a):
    shifted = a - np.max(a)
    return np.exp(shifted - np.log(np.sum(np.exp(shifted))))
""",
        "pass",
        None,
        "log-sum-exp with the largest score subtracted before the log term: exponents stay exact",
    ),
    _smv(
        "max_keepdims",
        """
def my_softmax(a):
    exp_a = np.exp(a - a.max(axis=-1, keepdims=True))
    return exp_a / exp_a.sum(axis=-1, keepdims=True)
""",
        "pass",
        None,
        "the batch form applied to one vector: same numbers",
    ),
    _smv(
        "python_loops",
        """
def my_softmax(a):
    c = max(a)
    exps = [np.exp(v - c) for v in a]
    total = sum(exps)
    return np.array([e / total for e in exps])
""",
        "pass",
        None,
        "loops over the scores, shifted by the largest: right, only slower",
    ),
    _smv(
        "computes_in_float32",
        """
def my_softmax(a):
    a = np.asarray(a, dtype=np.float32)
    exp_a = np.exp(a - np.max(a))
    return exp_a / np.sum(exp_a)
""",
        "pass",
        None,
        "float32 throughout: probabilities right to float32 precision (~1e-7), also for scores near 1000",
    ),
    _smv(
        "builtin_max_and_asarray",
        """
def my_softmax(a):
    a = np.asarray(a, dtype=float)
    exp_a = np.exp(a - max(a))
    return exp_a / exp_a.sum()
""",
        "pass",
        None,
        "Python's max of a 1-D array is its largest score",
    ),
    _smv(
        "max_by_sorting",
        """
def my_softmax(a):
    exp_a = np.exp(a - np.sort(a)[-1])
    return exp_a / np.sum(exp_a)
""",
        "pass",
        None,
        "the last element of the sorted scores is the largest",
    ),
    _smv(
        "lambda",
        """
my_softmax = lambda a: np.exp(a - a.max()) / np.exp(a - a.max()).sum()  # noqa: E731
""",
        "pass",
        None,
        "a one-line lambda",
    ),
    _smv(
        "temperature_default_one",
        """
def my_softmax(a, T=1.0):
    a = a / T
    exp_a = np.exp(a - np.max(a))
    return exp_a / np.sum(exp_a)
""",
        "pass",
        None,
        "an extra temperature argument whose default is plain softmax",
    ),
    _smv(
        "divide_in_place_on_own_copy",
        """
def my_softmax(a):
    y = np.exp(a - np.max(a))
    y /= y.sum()
    return y
""",
        "pass",
        None,
        "divides its own fresh array in place; the input is untouched",
    ),
    _smv(
        "prints_and_correct",
        """
def my_softmax(a):
    c = np.max(a)
    print("scores", a, "shifted by", c)
    exp_a = np.exp(a - c)
    return exp_a / np.sum(exp_a)
""",
        "pass",
        None,
        "correct, and prints its input",
    ),
    _smv(
        "naive_overflows",
        """
def my_softmax(a):
    exp_a = np.exp(a)
    return exp_a / np.sum(exp_a)
""",
        "fail",
        OVERFLOW,
        "the book's first version: exp(1010) overflows, giving nan",
    ),
    _smv(
        "naive_with_warnings_silenced",
        """
def my_softmax(a):
    with np.errstate(all="ignore"):
        exp_a = np.exp(a)
        return exp_a / np.sum(exp_a)
""",
        "fail",
        OVERFLOW,
        "silencing the warning does not help: inf/inf is still nan",
    ),
    _smv(
        "shift_by_min",
        """
def my_softmax(a):
    exp_a = np.exp(a - np.min(a))
    return exp_a / np.sum(exp_a)
""",
        "fail",
        SHIFT + r"|min",
        "subtracting the smallest score leaves exponents up to max - min: they overflow when the scores spread",
    ),
    _smv(
        "shift_by_mean",
        """
def my_softmax(a):
    exp_a = np.exp(a - np.mean(a))
    return exp_a / np.sum(exp_a)
""",
        "fail",
        SHIFT + r"|mean|average",
        "subtracting the mean leaves positive exponents that overflow for spread scores; the exercise says the largest",
    ),
    _smv(
        "shift_by_first_score",
        """
def my_softmax(a):
    exp_a = np.exp(a - a[0])
    return exp_a / np.sum(exp_a)
""",
        "fail",
        SHIFT + r"|first",
        "the first score is not always the largest: the others can overflow",
    ),
    _smv(
        "changes_input_in_place",
        """
def my_softmax(a):
    a -= np.max(a)
    exp_a = np.exp(a)
    return exp_a / np.sum(exp_a)
""",
        "fail",
        IN_PLACE,
        "a -= max(a) overwrites the caller's scores",
    ),
    _smv(
        "forgot_to_divide",
        """
def my_softmax(a):
    return np.exp(a - np.max(a))
""",
        "fail",
        r"sum|divid|normali|add up|total",
        "the exponentials, not divided by their sum: they do not add up to 1",
    ),
    _smv(
        "divides_by_max",
        """
def my_softmax(a):
    exp_a = np.exp(a - np.max(a))
    return exp_a / np.max(exp_a)
""",
        "fail",
        r"sum|divid|add up|normali|total",
        "divides by the largest exponential (1) instead of the sum",
    ),
    _smv(
        "returns_argmax",
        """
def my_softmax(a):
    return np.argmax(a)
""",
        "fail",
        r"argmax|probabilit|shape|index|array",
        "the predicted class, not the probabilities",
    ),
    _smv(
        "softmax_of_minus_a",
        """
def my_softmax(a):
    exp_a = np.exp(np.min(a) - a)
    return exp_a / np.sum(exp_a)
""",
        "fail",
        r"sign|order|largest|smallest|negat|minus|revers",
        "softmax(-a): the smallest score gets the largest probability",
    ),
    _smv(
        "denominator_not_shifted",
        """
def my_softmax(a):
    c = np.max(a)
    return np.exp(a - c) / np.sum(np.exp(a))
""",
        "fail",
        r"overflow|warn|denominator|bottom|sum|both|shift|largest|max",
        "only the top is shifted: the sum still computes exp(1010) and overflows",
    ),
    _smv(
        "reads_global_scores",
        """
def my_softmax(scores):
    c = np.max(a)
    exp_a = np.exp(a - c)
    return exp_a / np.sum(exp_a)
""",
        "fail",
        r"argument|global|ignor|same (answer|result|values|probabilities)|your (scores|input)|a given",
        "ignores its argument and uses the notebook's global a = (1010, 1000, 990)",
    ),
    _smv(
        "hard_coded_book_values",
        """
def my_softmax(a):
    return np.array([0.01821127, 0.24519181, 0.73659691])
""",
        "fail",
        r"hard.?cod|fixed|same (answer|result|values|probabilities)|ignor|argument|constant",
        "the printed probabilities of (0.3, 2.9, 4.0), whatever the scores",
    ),
    _smv(
        "returns_none",
        """
def my_softmax(a):
    exp_a = np.exp(a - np.max(a))
    y = exp_a / np.sum(exp_a)
""",
        "fail",
        r"None|return",
        "forgot the return",
    ),
    _smv(
        "returns_a_string",
        """
def my_softmax(a):
    exp_a = np.exp(a - np.max(a))
    return np.array2string(exp_a / np.sum(exp_a))
""",
        "fail",
        r"\bstr\b|text|string|not numbers",
        "returns the printed form of the probabilities, a string",
    ),
    _smv(
        "returns_infinity",
        """
def my_softmax(a):
    return float("inf")
""",
        "fail",
        r"inf|array|shape|number|finite",
        "a single infinite number instead of an array of probabilities",
    ),
    _smv(
        "complex_result",
        """
def my_softmax(a):
    exp_a = np.exp(a - np.max(a) + 0j)
    return exp_a / np.sum(exp_a)
""",
        "fail",
        r"complex|real|not numbers",
        "the right values, but as complex numbers",
    ),
    _smv(
        "skeleton",
        """
def my_softmax(a):
    # Your code here: the softmax of the scores a, without overflow.
    raise NotImplementedError
""",
        "not done",
        None,
        "the untouched skeleton",
    ),
    _smv(
        "helper_not_done",
        """
def largest(a):
    raise NotImplementedError


def my_softmax(a):
    exp_a = np.exp(a - largest(a))
    return exp_a / np.sum(exp_a)
""",
        "not done",
        None,
        "calls a helper that still raises NotImplementedError",
    ),
]

SOFTMAX_BATCH_ENTRIES = [
    _smb(
        "solution",
        """
def my_softmax_batch(a):
    c = np.max(a, axis=-1, keepdims=True)
    exp_a = np.exp(a - c)
    return exp_a / np.sum(exp_a, axis=-1, keepdims=True)
""",
        "pass",
        None,
        "the notebook's solution",
    ),
    _smb(
        "method_style",
        """
def my_softmax_batch(a):
    e = np.exp(a - a.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
""",
        "pass",
        None,
        "the same with array methods",
    ),
    _smb(
        "book_transpose_version",
        """
def my_softmax_batch(x):
    if x.ndim == 2:
        x = x.T
        x = x - np.max(x, axis=0)
        y = np.exp(x) / np.sum(np.exp(x), axis=0)
        return y.T

    x = x - np.max(x)
    return np.exp(x) / np.sum(np.exp(x))
""",
        "pass",
        None,
        "the book's chapter 4 version, which transposes (section 6 mentions it)",
    ),
    _smb(
        "log_sum_exp",
        """
def my_softmax_batch(a):
    m = np.max(a, axis=-1, keepdims=True)
    lse = m + np.log(np.sum(np.exp(a - m), axis=-1, keepdims=True))
    return np.exp(a - lse)
""",
        "pass",
        None,
        "exp(a - logsumexp(a)) row by row; in float32 a - lse rounds lse to the scores' spacing (6e-5 at 1010): backward-stable, the exact softmax of scores within one float32 ulp",
    ),
    _smb(
        "log_sum_exp_shift_first",
        """
def my_softmax_batch(a):
    shifted = a - np.max(a, axis=-1, keepdims=True)
    return np.exp(shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True)))
""",
        "pass",
        None,
        "log-sum-exp row by row, the largest score subtracted first: accurate in float32 too",
    ),
    _smb(
        "loop_over_rows",
        """
def one_softmax(row):
    e = np.exp(row - np.max(row))
    return e / np.sum(e)


def my_softmax_batch(a):
    if a.ndim == 1:
        return one_softmax(a)
    return np.array([one_softmax(row) for row in a])
""",
        "pass",
        None,
        "a loop over the rows, each with its own largest score; float32 rows stay float32",
    ),
    _smb(
        "apply_along_axis",
        """
def row_softmax(row):
    e = np.exp(row - row.max())
    return e / e.sum()


def my_softmax_batch(a):
    return np.apply_along_axis(row_softmax, -1, a)
""",
        "pass",
        None,
        "np.apply_along_axis runs the vector softmax on every row",
    ),
    _smb(
        "reshape_to_2d_and_back",
        """
def my_softmax_batch(a):
    rows = a.reshape(-1, a.shape[-1])
    e = np.exp(rows - rows.max(axis=1)[:, np.newaxis])
    y = e / e.sum(axis=1)[:, np.newaxis]
    return y.reshape(a.shape)
""",
        "pass",
        None,
        "one example becomes a batch of one, and back",
    ),
    _smb(
        "none_indexing",
        """
def my_softmax_batch(a):
    e = np.exp(a - a.max(-1)[..., None])
    return e / e.sum(-1)[..., None]
""",
        "pass",
        None,
        "[..., None] instead of keepdims",
    ),
    _smb(
        "expand_dims",
        """
def my_softmax_batch(a):
    c = np.expand_dims(np.max(a, axis=-1), -1)
    e = np.exp(a - c)
    return e / np.expand_dims(np.sum(e, axis=-1), -1)
""",
        "pass",
        None,
        "np.expand_dims instead of keepdims",
    ),
    _smb(
        "keeps_dtype_explicitly",
        """
def my_softmax_batch(a):
    a = np.asarray(a)
    e = np.exp(a - a.max(axis=-1, keepdims=True))
    return (e / e.sum(axis=-1, keepdims=True)).astype(a.dtype, copy=False)
""",
        "pass",
        None,
        "casts back to the input's type: float32 in, float32 out",
    ),
    _smb(
        "lambda",
        """
my_softmax_batch = lambda a: np.exp(a - a.max(-1, keepdims=True)) / np.exp(  # noqa: E731
    a - a.max(-1, keepdims=True)
).sum(-1, keepdims=True)
""",
        "pass",
        None,
        "a lambda",
    ),
    _smb(
        "extra_axis_argument",
        """
def my_softmax_batch(a, axis=-1):
    c = np.max(a, axis=axis, keepdims=True)
    e = np.exp(a - c)
    return e / np.sum(e, axis=axis, keepdims=True)
""",
        "pass",
        None,
        "an axis argument whose default is the last axis",
    ),
    _smb(
        "divide_in_place_on_own_copy",
        """
def my_softmax_batch(a):
    e = np.exp(a - np.max(a, axis=-1, keepdims=True))
    e /= np.sum(e, axis=-1, keepdims=True)
    return e
""",
        "pass",
        None,
        "in-place division of its own fresh array",
    ),
    _smb(
        "axis_0",
        """
def my_softmax_batch(a):
    c = np.max(a, axis=0, keepdims=True)
    e = np.exp(a - c)
    return e / np.sum(e, axis=0, keepdims=True)
""",
        "fail",
        PER_ROW + r"|column|axis ?= ?0",
        "works down the columns: each column sums to 1, not each row",
    ),
    _smb(
        "sum_over_the_whole_batch",
        """
def my_softmax_batch(a):
    e = np.exp(a - np.max(a, axis=-1, keepdims=True))
    return e / np.sum(e)
""",
        "fail",
        PER_ROW + r"|sum|add up|whole batch",
        "divides by one sum for the whole batch: rows do not add up to 1",
    ),
    _smb(
        "one_max_for_the_batch",
        """
def my_softmax_batch(a):
    e = np.exp(a - np.max(a))
    return e / np.sum(e, axis=-1, keepdims=True)
""",
        "fail",
        PER_ROW + r"|one (max|C|largest)|global|whole batch|nan|0/0",
        "the trap of section 6: one C for all rows turns the small rows into 0/0",
    ),
    _smb(
        "float64_result_for_float32",
        """
def my_softmax_batch(a):
    a = np.asarray(a, dtype=float)
    e = np.exp(a - np.max(a, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)
""",
        "fail",
        DTYPE32,
        "float32 scores come back as float64; the exercise says float32 in, float32 out",
    ),
    _smb(
        "float64_sum_upcasts",
        """
def my_softmax_batch(a):
    e = np.exp(a - np.max(a, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True, dtype=np.float64)
""",
        "fail",
        DTYPE32,
        "summing in float64 turns the float32 result into float64",
    ),
    _smb(
        "changes_input_in_place",
        """
def my_softmax_batch(a):
    a -= np.max(a, axis=-1, keepdims=True)
    np.exp(a, out=a)
    a /= np.sum(a, axis=-1, keepdims=True)
    return a
""",
        "fail",
        IN_PLACE,
        "right probabilities, but written over the caller's scores",
    ),
    _smb(
        "axis_1_fails_for_one_example",
        """
def my_softmax_batch(a):
    e = np.exp(a - np.max(a, axis=1, keepdims=True))
    return e / np.sum(e, axis=1, keepdims=True)
""",
        "fail",
        r"1-D|one example|single|\(n,\)|axis ?= ?1|axis 1|axis -1|ndim|dimension",
        "axis=1 does not exist for one example of shape (n,): AxisError",
    ),
    _smb(
        "no_keepdims",
        """
def my_softmax_batch(a):
    e = np.exp(a - np.max(a, axis=-1))
    return e / np.sum(e, axis=-1)
""",
        "fail",
        r"keepdims|broadcast|shape|column|\(N, ?1\)|" + PER_ROW,
        "without keepdims the row maxima (N,) broadcast along the wrong axis",
    ),
    _smb(
        "vector_softmax_on_a_batch",
        """
def my_softmax_batch(a):
    exp_a = np.exp(a - np.max(a))
    return exp_a / np.sum(exp_a)
""",
        "fail",
        PER_ROW + r"|sum|add up|whole batch",
        "the vector softmax of section 4: one max and one sum for the whole batch",
    ),
    _smb(
        "transposed_but_not_back",
        """
def my_softmax_batch(x):
    if x.ndim == 2:
        x = x.T
        x = x - np.max(x, axis=0)
        return np.exp(x) / np.sum(np.exp(x), axis=0)
    x = x - np.max(x)
    return np.exp(x) / np.sum(np.exp(x))
""",
        "fail",
        r"shape|transpose|\.T\b|column|" + PER_ROW,
        "the book's version without the final .T: shape (n, N) instead of (N, n)",
    ),
    _smb(
        "shift_by_row_min",
        """
def my_softmax_batch(a):
    e = np.exp(a - np.min(a, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)
""",
        "fail",
        SHIFT + r"|min",
        "subtracting each row's smallest score can overflow; the exercise says the largest",
    ),
    _smb(
        "shift_by_row_mean",
        """
def my_softmax_batch(a):
    e = np.exp(a - np.mean(a, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)
""",
        "fail",
        SHIFT + r"|mean|average",
        "subtracting each row's mean leaves positive exponents that can overflow",
    ),
    _smb(
        "naive_rows",
        """
def my_softmax_batch(a):
    e = np.exp(a)
    return e / np.sum(e, axis=-1, keepdims=True)
""",
        "fail",
        OVERFLOW,
        "no shift at all: scores around 1000 overflow",
    ),
    _smb(
        "returns_a_tuple",
        """
def my_softmax_batch(a):
    c = np.max(a, axis=-1, keepdims=True)
    e = np.exp(a - c)
    return e / np.sum(e, axis=-1, keepdims=True), c
""",
        "fail",
        r"tuple|one array|two (arrays|numbers)|\b2 (arrays|numbers)",
        "returns (probabilities, row maxima)",
    ),
    _smb(
        "list_comprehension_over_rows",
        """
def my_softmax_batch(a):
    return [np.exp(r - np.max(r)) / np.sum(np.exp(r - np.max(r))) for r in a]
""",
        "fail",
        r"list|array|1-D|one example|shape|\(n,\)",
        "a list, not an array; and one example of shape (n,) is iterated number by number, giving all 1s",
    ),
    _smb(
        "returns_unconvertible_object",
        BAD_ARRAY
        + """

def my_softmax_batch(a):
    return Stubborn()
""",
        "fail",
        r"Stubborn|not numbers|convert|not an array",
        "an object that refuses to become an array: a ✗, not a traceback",
    ),
    _smb(
        "skeleton",
        """
def my_softmax_batch(a):
    # Your code here: the softmax of each row of a, without overflow.
    raise NotImplementedError
""",
        "not done",
        None,
        "the untouched skeleton",
    ),
    _smb(
        "helper_not_done",
        """
def row_max(a):
    raise NotImplementedError


def my_softmax_batch(a):
    e = np.exp(a - row_max(a))
    return e / np.sum(e, axis=-1, keepdims=True)
""",
        "not done",
        None,
        "calls a helper that still raises NotImplementedError",
    ),
]


# --- Notebook 04: layer 2 and the forward pass -----------------------------------------------------------------


def _l2(name, code, verdict, hint, why):
    return Submission("check_layer2", name, "my_layer2", code, verdict, hint, why, G04)


def _fw(name, code, verdict, hint, why):
    return Submission("check_forward", name, "my_forward", code, verdict, hint, why, G04)


LAYER2_ENTRIES = [
    _l2(
        "solution",
        """
def my_layer2(Z1, W2, b2):
    return Z1 @ W2 + b2
""",
        "pass",
        None,
        "the notebook's solution",
    ),
    _l2(
        "np_dot",
        """
def my_layer2(Z1, W2, b2):
    return np.dot(Z1, W2) + b2
""",
        "pass",
        None,
        "the book's np.dot",
    ),
    _l2(
        "np_matmul_bias_first",
        """
def my_layer2(Z1, W2, b2):
    return b2 + np.matmul(Z1, W2)
""",
        "pass",
        None,
        "addition commutes",
    ),
    _l2(
        "einsum",
        """
def my_layer2(Z1, W2, b2):
    return np.einsum("...i,ij->...j", Z1, W2) + b2
""",
        "pass",
        None,
        "the matrix product written as an einsum, for one row or a batch",
    ),
    _l2(
        "loop_over_neurons",
        """
def my_layer2(Z1, W2, b2):
    sums = [Z1 @ W2[:, m] + b2[m] for m in range(W2.shape[1])]
    return np.stack(sums, axis=-1)
""",
        "pass",
        None,
        "one neuron at a time (column m of W2), stacked along the last axis",
    ),
    _l2(
        "broadcast_multiply_and_sum",
        """
def my_layer2(Z1, W2, b2):
    return (Z1[..., :, np.newaxis] * W2).sum(axis=-2) + b2
""",
        "pass",
        None,
        "every input times every weight, summed over the inputs",
    ),
    _l2(
        "scalar_loops_with_batch",
        """
def my_layer2(Z1, W2, b2):
    Z1 = np.asarray(Z1)
    if Z1.ndim == 2:
        return np.array([my_layer2(row, W2, b2) for row in Z1])
    out = np.zeros(W2.shape[1])
    for m in range(W2.shape[1]):
        out[m] = b2[m]
        for n in range(W2.shape[0]):
            out[m] += W2[n, m] * Z1[n]
    return out
""",
        "pass",
        None,
        "the neuron equations of section 3 as loops, row by row for a batch",
    ),
    _l2(
        "lambda",
        """
my_layer2 = lambda Z1, W2, b2: Z1 @ W2 + b2  # noqa: E731
""",
        "pass",
        None,
        "a lambda",
    ),
    _l2(
        "extra_default_arg",
        """
def my_layer2(Z1, W2, b2, h=None):
    a = Z1 @ W2 + b2
    return a if h is None else h(a)
""",
        "pass",
        None,
        "an optional activation that is off by default",
    ),
    _l2(
        "prints_shapes",
        """
def my_layer2(Z1, W2, b2):
    print("shapes:", np.shape(Z1), np.shape(W2), np.shape(b2))
    return Z1 @ W2 + b2
""",
        "pass",
        None,
        "correct, and prints the shapes",
    ),
    _l2(
        "forgot_the_bias",
        """
def my_layer2(Z1, W2, b2):
    return Z1 @ W2
""",
        "fail",
        r"bias|b2",
        "the bias b2 is missing",
    ),
    _l2(
        "applied_the_sigmoid",
        """
def my_layer2(Z1, W2, b2):
    return sigmoid(Z1 @ W2 + b2)
""",
        "fail",
        r"sigmoid|activation|before|weighted sum|\bh\b|Z2",
        "the exercise asks for the sums before the activation h",
    ),
    _l2(
        "wrong_order_of_product",
        """
def my_layer2(Z1, W2, b2):
    return W2 @ Z1 + b2
""",
        "fail",
        r"shape|order|matmul|W2 ?@ ?Z1|Z1 ?@ ?W2|mismatch|align",
        "W2 @ Z1 does not fit: (3, 2) @ (3,) raises ValueError",
    ),
    _l2(
        "elementwise_product",
        """
def my_layer2(Z1, W2, b2):
    return np.sum(Z1 * W2) + b2
""",
        "fail",
        r"shape|@|dot|matrix product|element|broadcast",
        "Z1 * W2 multiplies element by element; it is not the matrix product",
    ),
    _l2(
        "bias_inside_the_product",
        """
def my_layer2(Z1, W2, b2):
    return Z1 @ (W2 + b2)
""",
        "fail",
        r"bias|b2|add|after",
        "adds b2 to every weight instead of to every sum",
    ),
    _l2(
        "global_B2",
        """
def my_layer2(Z1, W2, b2):
    return Z1 @ W2 + B2
""",
        "fail",
        r"argument|parameter|global|ignor|outside the function|bias",
        "adds the notebook's global B2 instead of the argument b2",
    ),
    _l2(
        "ignores_all_arguments",
        """
def my_layer2(z1, w2, bias):
    return Z1 @ W2 + B2
""",
        "fail",
        r"argument|parameter|global|ignor|outside the function|same (answer|result)",
        "computes the notebook's own Z1 @ W2 + B2 whatever it is given",
    ),
    _l2(
        "hard_coded_book_values",
        """
def my_layer2(Z1, W2, b2):
    return np.array([0.51615984, 1.21402696])
""",
        "fail",
        r"hard.?cod|fixed|constant|ignor|argument|parameter|same (answer|result)|outside the function",
        "the printed A2 of section 4, whatever the inputs",
    ),
    _l2(
        "returns_a2_and_z2",
        """
def my_layer2(Z1, W2, b2):
    A2 = Z1 @ W2 + b2
    return A2, sigmoid(A2)
""",
        "fail",
        r"tuple|one array|two (arrays|numbers)|\b2 (arrays|numbers)",
        "returns (A2, Z2), a tuple",
    ),
    _l2(
        "matrix_type",
        """
def my_layer2(Z1, W2, b2):
    return np.asmatrix(Z1) @ W2 + b2
""",
        "fail",
        r"matrix|shape|\(1, ?2\)|bracket",
        "np.matrix turns the (2,) answer into a (1, 2) matrix",
    ),
    _l2(
        "returns_a_huge_int",
        """
def my_layer2(Z1, W2, b2):
    return 10**400
""",
        "fail",
        r"int|number|array|large|big|overflow|shape",
        "a 400-digit integer, not an array of sums (too large even for a float)",
    ),
    _l2(
        "index_error",
        """
def my_layer2(Z1, W2, b2):
    return Z1[3] * W2 + b2
""",
        "fail",
        r"IndexError|index|out of bounds|range",
        "Z1 has 3 entries: Z1[3] raises IndexError",
    ),
    _l2(
        "runtime_warning_from_log",
        """
def my_layer2(Z1, W2, b2):
    return np.log(Z1 @ W2 + b2 - 1)
""",
        "fail",
        r"nan|log|warn|invalid",
        "takes the log of a negative number: nan, with a RuntimeWarning",
    ),
    _l2(
        "skeleton",
        """
def my_layer2(Z1, W2, b2):
    # Your code here: return A2, the weighted sums of layer 2 (before the sigmoid).
    raise NotImplementedError
""",
        "not done",
        None,
        "the untouched skeleton",
    ),
    _l2(
        "helper_not_done",
        """
def weighted_sums(x, W):
    raise NotImplementedError


def my_layer2(Z1, W2, b2):
    return weighted_sums(Z1, W2) + b2
""",
        "not done",
        None,
        "calls a helper that still raises NotImplementedError",
    ),
]

NETWORK_ARG = r"parameter|argument|global|ignor|outside the function|it was given"

FORWARD_ENTRIES = [
    _fw(
        "solution",
        """
def my_forward(network, x):
    z1 = sigmoid(x @ network["W1"] + network["b1"])
    z2 = sigmoid(z1 @ network["W2"] + network["b2"])
    return identity_function(z2 @ network["W3"] + network["b3"])
""",
        "pass",
        None,
        "the notebook's solution",
    ),
    _fw(
        "book_style_unpacking",
        """
def my_forward(network, x):
    W1, W2, W3 = network["W1"], network["W2"], network["W3"]
    b1, b2, b3 = network["b1"], network["b2"], network["b3"]
    a1 = np.dot(x, W1) + b1
    z1 = sigmoid(a1)
    a2 = np.dot(z1, W2) + b2
    z2 = sigmoid(a2)
    a3 = np.dot(z2, W3) + b3
    return identity_function(a3)
""",
        "pass",
        None,
        "the book's forward",
    ),
    _fw(
        "loop_over_layers",
        """
def my_forward(network, x):
    z = x
    for k in (1, 2, 3):
        a = z @ network[f"W{k}"] + network[f"b{k}"]
        z = sigmoid(a) if k < 3 else identity_function(a)
    return z
""",
        "pass",
        None,
        "the three layers as a loop",
    ),
    _fw(
        "own_sigmoid_no_identity_call",
        """
def my_forward(network, x):
    def h(a):
        return 1 / (1 + np.exp(-a))

    z1 = h(np.matmul(x, network["W1"]) + network["b1"])
    z2 = h(np.matmul(z1, network["W2"]) + network["b2"])
    return np.matmul(z2, network["W3"]) + network["b3"]
""",
        "pass",
        None,
        "the learner's own sigmoid and the identity left out (it changes nothing)",
    ),
    _fw(
        "calls_the_notebooks_forward",
        """
def my_forward(network, x):
    return forward(network, x)
""",
        "pass",
        None,
        "delegates to the forward defined in section 5, which is correct for any network",
    ),
    _fw(
        "calls_nbhelpers_forward",
        """
def my_forward(network, x):
    return nbhelpers.forward(network, x, hidden="sigmoid", output="identity")
""",
        "pass",
        None,
        "the tested forward with the exercise's activations",
    ),
    _fw(
        "row_by_row_for_a_batch",
        """
def my_forward(network, x):
    x = np.asarray(x)
    if x.ndim == 2:
        return np.array([my_forward(network, row) for row in x])
    z1 = sigmoid(x @ network["W1"] + network["b1"])
    z2 = sigmoid(z1 @ network["W2"] + network["b2"])
    return z2 @ network["W3"] + network["b3"]
""",
        "pass",
        None,
        "a batch handled one row at a time: same numbers",
    ),
    _fw(
        "extra_default_activations",
        """
def my_forward(network, x, h=sigmoid, sigma=identity_function):
    z1 = h(x @ network["W1"] + network["b1"])
    z2 = h(z1 @ network["W2"] + network["b2"])
    return sigma(z2 @ network["W3"] + network["b3"])
""",
        "pass",
        None,
        "activations as arguments with the right defaults",
    ),
    _fw(
        "lambda",
        """
my_forward = lambda network, x: (  # noqa: E731
    sigmoid(sigmoid(x @ network["W1"] + network["b1"]) @ network["W2"] + network["b2"]) @ network["W3"]
    + network["b3"]
)
""",
        "pass",
        None,
        "the whole pass as one nested lambda",
    ),
    _fw(
        "network_get_and_prints",
        """
def my_forward(network, x):
    z = x
    for k in range(1, 4):
        W, b = network.get(f"W{k}"), network.get(f"b{k}")
        print(f"layer {k}: {np.shape(z)} @ {W.shape} + {b.shape}")
        a = z @ W + b
        z = sigmoid(a) if k < 3 else a
    return z
""",
        "pass",
        None,
        "correct; prints one line per layer",
    ),
    _fw(
        "uses_global_network",
        """
def my_forward(net, x):
    z1 = sigmoid(x @ network["W1"] + network["b1"])
    z2 = sigmoid(z1 @ network["W2"] + network["b2"])
    return z2 @ network["W3"] + network["b3"]
""",
        "fail",
        NETWORK_ARG,
        "reads the notebook's global network, not the one it is given: the check's other weights are ignored",
    ),
    _fw(
        "uses_global_x",
        """
def my_forward(network, inputs):
    z1 = sigmoid(x @ network["W1"] + network["b1"])
    z2 = sigmoid(z1 @ network["W2"] + network["b2"])
    return z2 @ network["W3"] + network["b3"]
""",
        "fail",
        r"argument|parameter|global|ignor|outside the function|it was given",
        "reads the notebook's global x = (1.0, 0.5) instead of its argument: a batch gets one answer",
    ),
    _fw(
        "b2_in_layer_3",
        """
def my_forward(network, x):
    z1 = sigmoid(x @ network["W1"] + network["b1"])
    z2 = sigmoid(z1 @ network["W2"] + network["b2"])
    return z2 @ network["W3"] + network["b2"]
""",
        "fail",
        r"b3|bias|layer 3|output layer|last layer",
        "layer 3 adds b2 instead of b3 (the book's network has b2 == b3, the other network does not)",
    ),
    _fw(
        "w2_twice",
        """
def my_forward(network, x):
    z1 = sigmoid(x @ network["W1"] + network["b1"])
    z2 = sigmoid(z1 @ network["W2"] + network["b2"])
    return z2 @ network["W2"] + network["b3"]
""",
        "fail",
        r"W3|W2|layer 3|shape|mismatch",
        "layer 3 uses W2 again: (2,) @ (3, 2) raises ValueError",
    ),
    _fw(
        "sigmoid_at_the_output",
        """
def my_forward(network, x):
    z1 = sigmoid(x @ network["W1"] + network["b1"])
    z2 = sigmoid(z1 @ network["W2"] + network["b2"])
    return sigmoid(z2 @ network["W3"] + network["b3"])
""",
        "fail",
        r"identity|sigmoid on the output|output layer|last layer",
        "the output layer must use the identity, not the sigmoid",
    ),
    _fw(
        "softmax_at_the_output",
        """
def my_forward(network, x):
    z1 = sigmoid(x @ network["W1"] + network["b1"])
    z2 = sigmoid(z1 @ network["W2"] + network["b2"])
    return nbhelpers.softmax(z2 @ network["W3"] + network["b3"])
""",
        "fail",
        r"identity|softmax|output layer|last layer",
        "softmax at the output; the exercise says identity_function",
    ),
    _fw(
        "no_sigmoid_in_layer_2",
        """
def my_forward(network, x):
    z1 = sigmoid(x @ network["W1"] + network["b1"])
    a2 = z1 @ network["W2"] + network["b2"]
    return a2 @ network["W3"] + network["b3"]
""",
        "fail",
        r"sigmoid|layer 2|activation|hidden|\bh\b",
        "layer 2's sigmoid is missing",
    ),
    _fw(
        "relu_in_the_hidden_layers",
        """
def my_forward(network, x):
    z1 = np.maximum(0, x @ network["W1"] + network["b1"])
    z2 = np.maximum(0, z1 @ network["W2"] + network["b2"])
    return z2 @ network["W3"] + network["b3"]
""",
        "fail",
        r"sigmoid|relu|hidden|activation|\bh\b",
        "ReLU in the hidden layers; the exercise says sigmoid",
    ),
    _fw(
        "no_biases",
        """
def my_forward(network, x):
    z1 = sigmoid(x @ network["W1"])
    z2 = sigmoid(z1 @ network["W2"])
    return z2 @ network["W3"]
""",
        "fail",
        r"bias|b1|b2|b3",
        "every bias is missing",
    ),
    _fw(
        "hard_coded_book_values",
        """
def my_forward(network, x):
    return np.array([0.31682708, 0.69627909])
""",
        "fail",
        r"hard.?cod|fixed|constant|ignor|argument|parameter|same (answer|result)|outside the function",
        "the printed y of section 5, whatever the network and the input",
    ),
    _fw(
        "column_vector_convention",
        """
def my_forward(network, x):
    z1 = sigmoid(network["W1"].T @ x + network["b1"])
    z2 = sigmoid(network["W2"].T @ z1 + network["b2"])
    return network["W3"].T @ z2 + network["b3"]
""",
        "fail",
        r"batch|shape|row|order|transpose|\.T|mismatch",
        "W.T @ x is right for one input but not for a batch of rows: (3, 2) @ (3, 2) raises ValueError",
    ),
    _fw(
        "row_matrix_output",
        """
def my_forward(network, x):
    z1 = sigmoid(x @ network["W1"] + network["b1"])
    z2 = sigmoid(z1 @ network["W2"] + network["b2"])
    return np.atleast_2d(z2 @ network["W3"] + network["b3"])
""",
        "fail",
        r"shape|\(1, ?2\)|bracket|matrix",
        "the answer comes out as a (1, 2) matrix instead of shape (2,) (section 6's trap)",
    ),
    _fw(
        "returns_y_and_z1",
        """
def my_forward(network, x):
    z1 = sigmoid(x @ network["W1"] + network["b1"])
    z2 = sigmoid(z1 @ network["W2"] + network["b2"])
    return z2 @ network["W3"] + network["b3"], z1
""",
        "fail",
        r"tuple|one array|two (arrays|numbers)|\b2 (arrays|numbers)",
        "returns (y, z1), a tuple",
    ),
    _fw(
        "returns_a_dict",
        """
def my_forward(network, x):
    z1 = sigmoid(x @ network["W1"] + network["b1"])
    z2 = sigmoid(z1 @ network["W2"] + network["b2"])
    return {"Z1": z1, "Z2": z2, "Y": z2 @ network["W3"] + network["b3"]}
""",
        "fail",
        r"dict|not numbers|not an array",
        "returns a dict of every layer instead of Y",
    ),
    _fw(
        "returns_a_ragged_list",
        """
def my_forward(network, x):
    a1 = x @ network["W1"] + network["b1"]
    a2 = sigmoid(a1) @ network["W2"] + network["b2"]
    a3 = sigmoid(a2) @ network["W3"] + network["b3"]
    return [a1, a2, a3]
""",
        "fail",
        r"list|ragged|not numbers|not an array",
        "a list of the three layers' sums, of shapes (3,), (2,), (2,)",
    ),
    _fw(
        "forgot_return",
        """
def my_forward(network, x):
    z1 = sigmoid(x @ network["W1"] + network["b1"])
    z2 = sigmoid(z1 @ network["W2"] + network["b2"])
    y = z2 @ network["W3"] + network["b3"]
""",
        "fail",
        r"None|return",
        "returns None",
    ),
    _fw(
        "returns_a_string",
        """
def my_forward(network, x):
    z1 = sigmoid(x @ network["W1"] + network["b1"])
    z2 = sigmoid(z1 @ network["W2"] + network["b2"])
    return str(z2 @ network["W3"] + network["b3"])
""",
        "fail",
        r"\bstr\b|text|string|not numbers",
        "the printed form of Y, a string",
    ),
    _fw(
        "wrong_signature",
        """
def my_forward(x):
    net = init_network()
    z1 = sigmoid(x @ net["W1"] + net["b1"])
    z2 = sigmoid(z1 @ net["W2"] + net["b2"])
    return z2 @ net["W3"] + net["b3"]
""",
        "fail",
        r"argument|parameter|positional|signature|network, x",
        "takes only x: calling my_forward(network, x) raises TypeError",
    ),
    _fw(
        "upper_case_keys",
        """
def my_forward(network, x):
    z1 = sigmoid(x @ network["W1"] + network["B1"])
    z2 = sigmoid(z1 @ network["W2"] + network["B2"])
    return z2 @ network["W3"] + network["B3"]
""",
        "fail",
        r"KeyError|key|B1|b1",
        "the biases are 'b1', 'b2', 'b3' in lower case: KeyError",
    ),
    _fw(
        "returns_a_generator",
        """
def my_forward(network, x):
    z1 = sigmoid(x @ network["W1"] + network["b1"])
    z2 = sigmoid(z1 @ network["W2"] + network["b2"])
    return (v for v in z2 @ network["W3"] + network["b3"])
""",
        "fail",
        r"generator|not numbers|not an array",
        "a generator, not an array",
    ),
    _fw(
        "returns_unconvertible_object",
        BAD_ARRAY
        + """

def my_forward(network, x):
    return Stubborn()
""",
        "fail",
        r"Stubborn|not numbers|convert|not an array",
        "an object that refuses to become an array: a ✗, not a traceback",
    ),
    _fw(
        "complex_result",
        """
def my_forward(network, x):
    z1 = sigmoid(x @ network["W1"] + network["b1"])
    z2 = sigmoid(z1 @ network["W2"] + network["b2"])
    return z2 @ network["W3"] + network["b3"] + 0j
""",
        "fail",
        r"complex|real|not numbers",
        "the right values as complex numbers",
    ),
    _fw(
        "returns_nan",
        """
def my_forward(network, x):
    z1 = sigmoid(x @ network["W1"] + network["b1"])
    z2 = sigmoid(z1 @ network["W2"] + network["b2"])
    return (z2 @ network["W3"] + network["b3"]) * float("nan")
""",
        "fail",
        r"nan|finite|not a number",
        "every output is nan",
    ),
    _fw(
        "skeleton",
        """
def my_forward(network, x):
    # Your code here: layers 1, 2 and 3; return the outputs Y.
    raise NotImplementedError
""",
        "not done",
        None,
        "the untouched skeleton",
    ),
    _fw(
        "helper_not_done",
        """
def layer(z, W, b):
    raise NotImplementedError


def my_forward(network, x):
    z1 = sigmoid(layer(x, network["W1"], network["b1"]))
    z2 = sigmoid(layer(z1, network["W2"], network["b2"]))
    return layer(z2, network["W3"], network["b3"])
""",
        "not done",
        None,
        "calls a helper that still raises NotImplementedError",
    ),
]


# --- Notebook 05: MNIST prediction and accuracy ----------------------------------------------------------------


def _mf(name, code, verdict, hint, why):
    return Submission("check_mnist_forward", name, "my_predict", code, verdict, hint, why, G05)


def _acc(name, code, verdict, hint, why):
    return Submission("check_accuracy", name, "my_accuracy", code, verdict, hint, why, G05)


PROBS = r"softmax|probabilit|sum to 1|add up|sums? (of|to)"

MNIST_FORWARD_ENTRIES = [
    _mf(
        "solution",
        """
def my_predict(network, x):
    z1 = nbhelpers.sigmoid(x @ network["W1"] + network["b1"])
    z2 = nbhelpers.sigmoid(z1 @ network["W2"] + network["b2"])
    return nbhelpers.softmax(z2 @ network["W3"] + network["b3"])
""",
        "pass",
        None,
        "the notebook's solution",
    ),
    _mf(
        "own_stable_sigmoid_and_softmax",
        """
def my_predict(network, x):
    def h(a):
        e = np.exp(-np.abs(a))
        return np.where(a >= 0, 1 / (1 + e), e / (1 + e))

    def sm(a):
        e = np.exp(a - np.max(a, axis=-1, keepdims=True))
        return e / np.sum(e, axis=-1, keepdims=True)

    z1 = h(x @ network["W1"] + network["b1"])
    z2 = h(z1 @ network["W2"] + network["b2"])
    return sm(z2 @ network["W3"] + network["b3"])
""",
        "pass",
        None,
        "the learner's own sigmoid and softmax; Python scalars keep float32 as float32",
    ),
    _mf(
        "book_transpose_softmax",
        """
def softmax_book(x):
    if x.ndim == 2:
        x = x.T
        x = x - np.max(x, axis=0)
        y = np.exp(x) / np.sum(np.exp(x), axis=0)
        return y.T
    x = x - np.max(x)
    return np.exp(x) / np.sum(np.exp(x))


def my_predict(network, x):
    W1, W2, W3 = network["W1"], network["W2"], network["W3"]
    b1, b2, b3 = network["b1"], network["b2"], network["b3"]
    z1 = nbhelpers.sigmoid(np.dot(x, W1) + b1)
    z2 = nbhelpers.sigmoid(np.dot(z1, W2) + b2)
    return softmax_book(np.dot(z2, W3) + b3)
""",
        "pass",
        None,
        "the book's predict with its chapter 4 softmax",
    ),
    _mf(
        "log_sum_exp_output",
        """
def my_predict(network, x):
    z1 = nbhelpers.sigmoid(x @ network["W1"] + network["b1"])
    z2 = nbhelpers.sigmoid(z1 @ network["W2"] + network["b2"])
    a3 = z2 @ network["W3"] + network["b3"]
    m = a3.max(axis=-1, keepdims=True)
    return np.exp(a3 - (m + np.log(np.exp(a3 - m).sum(axis=-1, keepdims=True))))
""",
        "pass",
        None,
        "softmax as exp(a - logsumexp(a))",
    ),
    _mf(
        "loop_over_layers",
        """
def my_predict(network, x):
    z = x
    for k in (1, 2, 3):
        a = z @ network[f"W{k}"] + network[f"b{k}"]
        z = nbhelpers.sigmoid(a) if k < 3 else nbhelpers.softmax(a)
    return z
""",
        "pass",
        None,
        "the layers as a loop",
    ),
    _mf(
        "one_image_at_a_time",
        """
def my_predict(network, x):
    def one(image):
        z1 = nbhelpers.sigmoid(image @ network["W1"] + network["b1"])
        z2 = nbhelpers.sigmoid(z1 @ network["W2"] + network["b2"])
        return nbhelpers.softmax(z2 @ network["W3"] + network["b3"])

    if x.ndim == 1:
        return one(x)
    return np.array([one(image) for image in x])
""",
        "pass",
        None,
        "a batch handled image by image: the same float32 numbers, only slower (this exercise asks no speed)",
    ),
    _mf(
        "reshape_to_batch_and_back",
        """
def my_predict(network, x):
    batch = x.reshape(-1, 784)
    z1 = nbhelpers.sigmoid(batch @ network["W1"] + network["b1"])
    z2 = nbhelpers.sigmoid(z1 @ network["W2"] + network["b2"])
    y = nbhelpers.softmax(z2 @ network["W3"] + network["b3"])
    return y[0] if x.ndim == 1 else y
""",
        "pass",
        None,
        "one image becomes a batch of one, and back to shape (10,)",
    ),
    _mf(
        "einsum",
        """
def my_predict(network, x):
    z1 = nbhelpers.sigmoid(np.einsum("...i,ij->...j", x, network["W1"]) + network["b1"])
    z2 = nbhelpers.sigmoid(np.einsum("...i,ij->...j", z1, network["W2"]) + network["b2"])
    return nbhelpers.softmax(np.einsum("...i,ij->...j", z2, network["W3"]) + network["b3"])
""",
        "pass",
        None,
        "matrix products as einsums; float32 stays float32",
    ),
    _mf(
        "float64_inside_float32_out",
        """
def my_predict(network, x):
    z = np.asarray(x, dtype=np.float64)
    for k in (1, 2, 3):
        a = z @ network[f"W{k}"].astype(np.float64) + network[f"b{k}"]
        z = nbhelpers.sigmoid(a) if k < 3 else nbhelpers.softmax(a)
    return z.astype(np.float32)
""",
        "pass",
        None,
        "computes in float64 and returns float32: the type asked, values within float32 rounding",
    ),
    _mf(
        "extra_default_activations",
        """
def my_predict(network, x, h=nbhelpers.sigmoid, sigma=nbhelpers.softmax):
    z1 = h(x @ network["W1"] + network["b1"])
    z2 = h(z1 @ network["W2"] + network["b2"])
    return sigma(z2 @ network["W3"] + network["b3"])
""",
        "pass",
        None,
        "activations as arguments with the right defaults",
    ),
    _mf(
        "float64_result",
        """
def my_predict(network, x):
    x = np.array(x, dtype=float)
    z1 = nbhelpers.sigmoid(x @ network["W1"] + network["b1"])
    z2 = nbhelpers.sigmoid(z1 @ network["W2"] + network["b2"])
    return nbhelpers.softmax(z2 @ network["W3"] + network["b3"])
""",
        "fail",
        DTYPE32,
        "np.array(x, dtype=float) turns everything into float64, the exercise's own example of what not to do",
    ),
    _mf(
        "softmax_over_the_whole_batch",
        """
def my_predict(network, x):
    z1 = nbhelpers.sigmoid(x @ network["W1"] + network["b1"])
    z2 = nbhelpers.sigmoid(z1 @ network["W2"] + network["b2"])
    a3 = z2 @ network["W3"] + network["b3"]
    e = np.exp(a3 - np.max(a3))
    return e / np.sum(e)
""",
        "fail",
        PER_ROW + r"|each image|sum to 1|add up|whole batch",
        "one sum for the whole batch: each image's 10 values do not add up to 1",
    ),
    _mf(
        "softmax_axis_0",
        """
def my_predict(network, x):
    z1 = nbhelpers.sigmoid(x @ network["W1"] + network["b1"])
    z2 = nbhelpers.sigmoid(z1 @ network["W2"] + network["b2"])
    return nbhelpers.softmax(z2 @ network["W3"] + network["b3"], axis=0)
""",
        "fail",
        PER_ROW + r"|column|axis|each image|sum to 1|add up",
        "softmax down the columns of a batch: across images instead of across digits",
    ),
    _mf(
        "softmax_axis_1_fails_for_one_image",
        """
def my_predict(network, x):
    z1 = nbhelpers.sigmoid(x @ network["W1"] + network["b1"])
    z2 = nbhelpers.sigmoid(z1 @ network["W2"] + network["b2"])
    return nbhelpers.softmax(z2 @ network["W3"] + network["b3"], axis=1)
""",
        "fail",
        r"one image|single|1-D|\(784,\)|axis|dimension|ndim",
        "axis=1 does not exist for one image of shape (784,)",
    ),
    _mf(
        "identity_output",
        """
def my_predict(network, x):
    z1 = nbhelpers.sigmoid(x @ network["W1"] + network["b1"])
    z2 = nbhelpers.sigmoid(z1 @ network["W2"] + network["b2"])
    return z2 @ network["W3"] + network["b3"]
""",
        "fail",
        PROBS,
        "no softmax: scores, not probabilities",
    ),
    _mf(
        "sigmoid_output",
        """
def my_predict(network, x):
    z1 = nbhelpers.sigmoid(x @ network["W1"] + network["b1"])
    z2 = nbhelpers.sigmoid(z1 @ network["W2"] + network["b2"])
    return nbhelpers.sigmoid(z2 @ network["W3"] + network["b3"])
""",
        "fail",
        PROBS,
        "the sigmoid at the output: values in (0, 1) that do not add up to 1",
    ),
    _mf(
        "relu_hidden",
        """
def my_predict(network, x):
    z1 = nbhelpers.relu(x @ network["W1"] + network["b1"])
    z2 = nbhelpers.relu(z1 @ network["W2"] + network["b2"])
    return nbhelpers.softmax(z2 @ network["W3"] + network["b3"])
""",
        "fail",
        r"sigmoid|relu|hidden|activation",
        "ReLU in the hidden layers; the network was built with the sigmoid",
    ),
    _mf(
        "no_b3",
        """
def my_predict(network, x):
    z1 = nbhelpers.sigmoid(x @ network["W1"] + network["b1"])
    z2 = nbhelpers.sigmoid(z1 @ network["W2"] + network["b2"])
    return nbhelpers.softmax(z2 @ network["W3"])
""",
        "fail",
        r"b3|bias",
        "the output layer's bias is missing",
    ),
    _mf(
        "returns_the_predicted_digits",
        """
def my_predict(network, x):
    z1 = nbhelpers.sigmoid(x @ network["W1"] + network["b1"])
    z2 = nbhelpers.sigmoid(z1 @ network["W2"] + network["b2"])
    return np.argmax(z2 @ network["W3"] + network["b3"], axis=-1)
""",
        "fail",
        r"argmax|probabilit|shape|\b10\b|digit",
        "returns the predicted digits, not the 10 probabilities",
    ),
    _mf(
        "uses_the_global_network",
        """
def my_predict(net, x):
    z1 = nbhelpers.sigmoid(x @ network["W1"] + network["b1"])
    z2 = nbhelpers.sigmoid(z1 @ network["W2"] + network["b2"])
    return nbhelpers.softmax(z2 @ network["W3"] + network["b3"])
""",
        "fail",
        NETWORK_ARG,
        "uses the notebook's trained network instead of the one it is given",
    ),
    _mf(
        "skips_layer_2",
        """
def my_predict(network, x):
    z1 = nbhelpers.sigmoid(x @ network["W1"] + network["b1"])
    return nbhelpers.softmax(z1 @ network["W3"] + network["b3"])
""",
        "fail",
        r"shape|W2|W3|layer|mismatch",
        "skips layer 2: (N, 50) @ (100, 10) raises ValueError",
    ),
    _mf(
        "returns_a_list",
        """
def my_predict(network, x):
    z1 = nbhelpers.sigmoid(x @ network["W1"] + network["b1"])
    z2 = nbhelpers.sigmoid(z1 @ network["W2"] + network["b2"])
    return nbhelpers.softmax(z2 @ network["W3"] + network["b3"]).tolist()
""",
        "fail",
        r"list|float64|dtype|not an array",
        "a list of Python floats: not an array, and not float32",
    ),
    _mf(
        "returns_y_and_z2",
        """
def my_predict(network, x):
    z1 = nbhelpers.sigmoid(x @ network["W1"] + network["b1"])
    z2 = nbhelpers.sigmoid(z1 @ network["W2"] + network["b2"])
    return nbhelpers.softmax(z2 @ network["W3"] + network["b3"]), z2
""",
        "fail",
        r"tuple|one array|two (arrays|numbers)|\b2 (arrays|numbers)",
        "returns (y, z2), a tuple",
    ),
    _mf(
        "skeleton",
        """
def my_predict(network, x):
    # Your code here: sigmoid, sigmoid, softmax; return the probabilities.
    raise NotImplementedError
""",
        "not done",
        None,
        "the untouched skeleton",
    ),
    _mf(
        "helper_not_done",
        """
def my_softmax(a):
    raise NotImplementedError


def my_predict(network, x):
    z1 = nbhelpers.sigmoid(x @ network["W1"] + network["b1"])
    z2 = nbhelpers.sigmoid(z1 @ network["W2"] + network["b2"])
    return my_softmax(z2 @ network["W3"] + network["b3"])
""",
        "not done",
        None,
        "calls a helper that still raises NotImplementedError",
    ),
]

ACCURACY_ENTRIES = [
    _acc(
        "solution",
        """
def my_accuracy(network, x, t, batch_size=100):
    right = 0
    for i in range(0, len(x), batch_size):
        y = forward(network, x[i : i + batch_size], output="softmax")
        right += np.sum(np.argmax(y, axis=1) == t[i : i + batch_size])
    return right / len(x)
""",
        "pass",
        None,
        "the notebook's solution",
    ),
    _acc(
        "count_nonzero_and_python_float",
        """
def my_accuracy(network, x, t, batch_size=100):
    right = 0
    for start in range(0, len(x), batch_size):
        stop = start + batch_size
        p = forward(network, x[start:stop], output="softmax").argmax(axis=1)
        right += int(np.count_nonzero(p == t[start:stop]))
    return float(right / len(x))
""",
        "pass",
        None,
        "a Python int count and a Python float fraction",
    ),
    _acc(
        "float32_arithmetic",
        """
def my_accuracy(network, x, t, batch_size=100):
    right = np.float32(0)
    for i in range(0, len(x), batch_size):
        y = forward(network, x[i : i + batch_size], output="softmax")
        right += np.float32(np.sum(np.argmax(y, axis=1) == t[i : i + batch_size]))
    return right / np.float32(len(x))
""",
        "pass",
        None,
        "counts and divides in float32: exact counts (< 2**24), the fraction right to ~1e-7",
    ),
    _acc(
        "concatenate_then_mean",
        """
def my_accuracy(network, x, t, batch_size=100):
    predictions = []
    for i in range(0, len(x), batch_size):
        y = forward(network, x[i : i + batch_size], output="softmax")
        predictions.append(np.argmax(y, axis=1))
    return np.mean(np.concatenate(predictions) == t)
""",
        "pass",
        None,
        "collects all predictions, then np.mean(y == t): the fraction of right answers",
    ),
    _acc(
        "while_loop",
        """
def my_accuracy(network, x, t, batch_size=100):
    i, right = 0, 0
    while i < len(x):
        y = forward(network, x[i : i + batch_size], output="softmax")
        right += (y.argmax(axis=1) == t[i : i + batch_size]).sum()
        i += batch_size
    return right / len(x)
""",
        "pass",
        None,
        "a while loop over the batches",
    ),
    _acc(
        "ceil_number_of_batches",
        """
import math


def my_accuracy(network, x, t, batch_size=100):
    right = 0
    for k in range(math.ceil(len(x) / batch_size)):
        xb = x[k * batch_size : (k + 1) * batch_size]
        tb = t[k * batch_size : (k + 1) * batch_size]
        right += np.sum(np.argmax(forward(network, xb, output="softmax"), axis=1) == tb)
    return right / x.shape[0]
""",
        "pass",
        None,
        "counts batches with ceil, so the short last batch is included",
    ),
    _acc(
        "identity_output_same_argmax",
        """
def my_accuracy(network, x, t, batch_size=100):
    right = 0
    for i in range(0, len(x), batch_size):
        scores = forward(network, x[i : i + batch_size])
        right += np.sum(np.argmax(scores, axis=1) == t[i : i + batch_size])
    return right / len(x)
""",
        "pass",
        None,
        "skips softmax: section 5 of notebook 03 shows the argmax is the same",
    ),
    _acc(
        "nbhelpers_accuracy",
        """
def my_accuracy(network, x, t, batch_size=100):
    return nbhelpers.accuracy(network, x, t, batch_size=batch_size)
""",
        "pass",
        None,
        "the tested accuracy, batch by batch with softmax: the same number",
    ),
    _acc(
        "own_batched_forward",
        """
def my_accuracy(network, x, t, batch_size=100):
    W1, W2, W3 = network["W1"], network["W2"], network["W3"]
    b1, b2, b3 = network["b1"], network["b2"], network["b3"]
    right = 0
    for i in range(0, len(x), batch_size):
        z1 = nbhelpers.sigmoid(x[i : i + batch_size] @ W1 + b1)
        z2 = nbhelpers.sigmoid(z1 @ W2 + b2)
        y = nbhelpers.softmax(z2 @ W3 + b3)
        right += np.sum(y.argmax(axis=1) == t[i : i + batch_size])
    return right / len(x)
""",
        "pass",
        None,
        "the layers written out, still in batches",
    ),
    _acc(
        "other_default_batch_size",
        """
def my_accuracy(network, x, t, batch_size=256):
    right = 0
    for i in range(0, len(x), batch_size):
        y = forward(network, x[i : i + batch_size], output="softmax")
        right += np.sum(np.argmax(y, axis=1) == t[i : i + batch_size])
    return right / len(x)
""",
        "pass",
        None,
        "a different default batch size changes no answer",
    ),
    _acc(
        "accepts_one_hot_labels_too",
        """
def my_accuracy(network, x, t, batch_size=100):
    if t.ndim == 2:
        t = np.argmax(t, axis=1)
    right = 0
    for i in range(0, len(x), batch_size):
        y = forward(network, x[i : i + batch_size], output="softmax")
        right += np.sum(np.argmax(y, axis=1) == t[i : i + batch_size])
    return right / len(x)
""",
        "pass",
        None,
        "also handles one-hot labels; label indices go through unchanged",
    ),
    _acc(
        "prints_progress",
        """
def my_accuracy(network, x, t, batch_size=100):
    right = 0
    for i in range(0, len(x), batch_size):
        y = forward(network, x[i : i + batch_size], output="softmax")
        right += np.sum(np.argmax(y, axis=1) == t[i : i + batch_size])
        print(f"{min(i + batch_size, len(x))} images done, {right} right")
    return right / len(x)
""",
        "pass",
        None,
        "correct, and prints one progress line per batch",
    ),
    _acc(
        "one_image_at_a_time",
        """
def my_accuracy(network, x, t, batch_size=100):
    W1, W2, W3 = network["W1"], network["W2"], network["W3"]
    b1, b2, b3 = network["b1"], network["b2"], network["b3"]
    right = 0
    for i in range(len(x)):
        z1 = nbhelpers.sigmoid(x[i] @ W1 + b1)
        z2 = nbhelpers.sigmoid(z1 @ W2 + b2)
        y = nbhelpers.softmax(z2 @ W3 + b3)
        if np.argmax(y) == t[i]:
            right += 1
    return right / len(x)
""",
        "fail",
        r"slow|faster|one (image )?at a time|per image|image by image|loop|whole batches|seconds",
        "the right number, but one image at a time: the exercise asks for batches, and the check times it",
    ),
    _acc(
        "whole_x_in_one_batch",
        """
def my_accuracy(network, x, t, batch_size=100):
    y = forward(network, x, output="softmax")
    return np.mean(np.argmax(y, axis=1) == t)
""",
        "fail",
        r"batch_size|batch size|one (big )?batch|all at once|at once|only once|1 time",
        "ignores batch_size: one forward call on all of x, which the exercise asks to avoid",
    ),
    _acc(
        "hard_coded_batches_of_100",
        """
def my_accuracy(network, x, t, batch_size=100):
    right = 0
    for i in range(0, len(x), 100):
        y = forward(network, x[i : i + 100], output="softmax")
        right += np.sum(np.argmax(y, axis=1) == t[i : i + 100])
    return right / len(x)
""",
        "fail",
        r"batch_size|batch size",
        "always batches of 100, whatever batch_size says",
    ),
    _acc(
        "drops_the_short_last_batch",
        """
def my_accuracy(network, x, t, batch_size=100):
    right = 0
    for i in range(0, len(x) - batch_size + 1, batch_size):
        y = forward(network, x[i : i + batch_size], output="softmax")
        right += np.sum(np.argmax(y, axis=1) == t[i : i + batch_size])
    return right / len(x)
""",
        "fail",
        r"last|short|rest|remain|leftover|2000|\b50\b|multiple",
        "stops before the short last batch: its 50 images are never counted",
    ),
    _acc(
        "full_batches_only_divides_by_used",
        """
def my_accuracy(network, x, t, batch_size=100):
    n_batches = len(x) // batch_size
    right = 0
    for k in range(n_batches):
        y = forward(network, x[k * batch_size : (k + 1) * batch_size], output="softmax")
        right += np.sum(np.argmax(y, axis=1) == t[k * batch_size : (k + 1) * batch_size])
    return right / (n_batches * batch_size)
""",
        "fail",
        r"last|short|rest|remain|leftover|2000|\b50\b|multiple",
        "len(x) // batch_size batches leave out the last 50 images (and divides by 2000)",
    ),
    _acc(
        "averages_per_batch_accuracies",
        """
def my_accuracy(network, x, t, batch_size=100):
    accuracies = []
    for i in range(0, len(x), batch_size):
        y = forward(network, x[i : i + batch_size], output="softmax")
        accuracies.append(np.mean(np.argmax(y, axis=1) == t[i : i + batch_size]))
    return np.mean(accuracies)
""",
        "fail",
        r"averag|mean|last|short|per.batch|weigh",
        "the mean of the batch accuracies weighs the 50-image batch like a 100-image one",
    ),
    _acc(
        "argmax_without_axis",
        """
def my_accuracy(network, x, t, batch_size=100):
    right = 0
    for i in range(0, len(x), batch_size):
        y = forward(network, x[i : i + batch_size], output="softmax")
        right += np.sum(np.argmax(y) == t[i : i + batch_size])
    return right / len(x)
""",
        "fail",
        r"axis|argmax|row|each image",
        "np.argmax(y) without axis is one index into the flattened batch, not one digit per image",
    ),
    _acc(
        "argmax_axis_0",
        """
def my_accuracy(network, x, t, batch_size=100):
    right = 0
    for i in range(0, len(x), batch_size):
        y = forward(network, x[i : i + batch_size], output="softmax")
        right += np.sum(np.argmax(y, axis=0) == t[i : i + batch_size])
    return right / len(x)
""",
        "fail",
        r"axis|argmax|row|each image|shape|broadcast",
        "axis=0 gives one value per digit (10), not one per image: the comparison cannot broadcast",
    ),
    _acc(
        "integer_division",
        """
def my_accuracy(network, x, t, batch_size=100):
    right = 0
    for i in range(0, len(x), batch_size):
        y = forward(network, x[i : i + batch_size], output="softmax")
        right += np.sum(np.argmax(y, axis=1) == t[i : i + batch_size])
    return right // len(x)
""",
        "fail",
        r"//|integer|floor|whole number|division|\bint\b",
        "// rounds the fraction down to 0",
    ),
    _acc(
        "labels_taken_for_one_hot",
        """
def my_accuracy(network, x, t, batch_size=100):
    right = 0
    for i in range(0, len(x), batch_size):
        y = forward(network, x[i : i + batch_size], output="softmax")
        labels = np.argmax(t[i : i + batch_size], axis=1)
        right += np.sum(np.argmax(y, axis=1) == labels)
    return right / len(x)
""",
        "fail",
        r"one.hot|label|axis|1-D|dimension",
        "treats the labels as one-hot rows: t holds digits, so argmax along axis 1 fails",
    ),
    _acc(
        "compares_probabilities_with_labels",
        """
def my_accuracy(network, x, t, batch_size=100):
    right = 0
    for i in range(0, len(x), batch_size):
        y = forward(network, x[i : i + batch_size], output="softmax")
        right += np.sum(y == t[i : i + batch_size, np.newaxis])
    return right / len(x)
""",
        "fail",
        r"argmax|probabilit|label|predict",
        "compares the probabilities themselves with the labels: no argmax, so almost nothing is right",
    ),
    _acc(
        "returns_the_count",
        """
def my_accuracy(network, x, t, batch_size=100):
    right = 0
    for i in range(0, len(x), batch_size):
        y = forward(network, x[i : i + batch_size], output="softmax")
        right += np.sum(np.argmax(y, axis=1) == t[i : i + batch_size])
    return right
""",
        "fail",
        r"count|fraction|divid|between 0 and 1|number of images|len",
        "the number of right answers, not the fraction",
    ),
    _acc(
        "returns_a_percentage",
        """
def my_accuracy(network, x, t, batch_size=100):
    right = 0
    for i in range(0, len(x), batch_size):
        y = forward(network, x[i : i + batch_size], output="softmax")
        right += np.sum(np.argmax(y, axis=1) == t[i : i + batch_size])
    return 100 * right / len(x)
""",
        "fail",
        r"percent|%|fraction|between 0 and 1|times 100|\* ?100",
        "a percentage, not a fraction between 0 and 1",
    ),
    _acc(
        "divides_by_batches_times_size",
        """
def my_accuracy(network, x, t, batch_size=100):
    right, n_batches = 0, 0
    for i in range(0, len(x), batch_size):
        y = forward(network, x[i : i + batch_size], output="softmax")
        right += np.sum(np.argmax(y, axis=1) == t[i : i + batch_size])
        n_batches += 1
    return right / (n_batches * batch_size)
""",
        "fail",
        r"last|short|number of images|2100|divid",
        "divides by 21 * 100 = 2100 though there are 2050 images",
    ),
    _acc(
        "uses_global_test_set",
        """
def my_accuracy(network, x, t, batch_size=100):
    right = 0
    for i in range(0, len(x_test), batch_size):
        y = forward(network, x_test[i : i + batch_size], output="softmax")
        right += np.sum(np.argmax(y, axis=1) == t_test[i : i + batch_size])
    return right / len(x_test)
""",
        "fail",
        r"x_test|t_test|global|argument|ignor|same (answer|result|value)",
        "measures the notebook's x_test and t_test, not the images it is given",
    ),
    _acc(
        "empty_last_batch_mean_warns",
        """
def my_accuracy(network, x, t, batch_size=100):
    accuracies = []
    for i in range(0, len(x) + batch_size, batch_size):
        y = forward(network, x[i : i + batch_size], output="softmax")
        accuracies.append(np.mean(np.argmax(y, axis=1) == t[i : i + batch_size]))
    return float(np.mean(accuracies))
""",
        "fail",
        r"nan|empty|warn|mean|averag",
        "runs one batch too many: the mean of an empty batch is nan, with a RuntimeWarning",
    ),
    _acc(
        "returns_a_tuple",
        """
def my_accuracy(network, x, t, batch_size=100):
    right = 0
    for i in range(0, len(x), batch_size):
        y = forward(network, x[i : i + batch_size], output="softmax")
        right += np.sum(np.argmax(y, axis=1) == t[i : i + batch_size])
    return right / len(x), right
""",
        "fail",
        r"tuple|one number|single|two (arrays|numbers)|\b2 (arrays|numbers)",
        "returns (accuracy, count)",
    ),
    _acc(
        "wrong_signature",
        """
def my_accuracy(x, t, batch_size=100):
    right = 0
    for i in range(0, len(x), batch_size):
        y = forward(network, x[i : i + batch_size], output="softmax")
        right += np.sum(np.argmax(y, axis=1) == t[i : i + batch_size])
    return right / len(x)
""",
        "fail",
        r"argument|parameter|positional|signature|network",
        "no network parameter: the check's four arguments do not fit",
    ),
    _acc(
        "skeleton",
        """
def my_accuracy(network, x, t, batch_size=100):
    # Your code here: count the right answers batch by batch; return them as a fraction of all images.
    raise NotImplementedError
""",
        "not done",
        None,
        "the untouched skeleton",
    ),
    _acc(
        "helper_not_done",
        """
def count_right(y, t):
    raise NotImplementedError


def my_accuracy(network, x, t, batch_size=100):
    right = 0
    for i in range(0, len(x), batch_size):
        y = forward(network, x[i : i + batch_size], output="softmax")
        right += count_right(y, t[i : i + batch_size])
    return right / len(x)
""",
        "not done",
        None,
        "calls a helper that still raises NotImplementedError",
    ),
]

SUBMISSIONS = (
    AND_ENTRIES
    + NAND_ENTRIES
    + OR_ENTRIES
    + XOR_ENTRIES
    + STEP_ENTRIES
    + SIGMOID_ENTRIES
    + SOFTMAX_VECTOR_ENTRIES
    + SOFTMAX_BATCH_ENTRIES
    + LAYER2_ENTRIES
    + FORWARD_ENTRIES
    + MNIST_FORWARD_ENTRIES
    + ACCURACY_ENTRIES
)


# --- Notebook 06: losses, numerical differentiation, gradient descent -----------------------------------------
# Written blind (without reading nbhelpers/checks/losses.py, nbhelpers/checks/gradient.py or tests/test_checks.py),
# from the four exercise texts alone.

#: Notebook 06, up to the loss exercise: the book's two examples (right class 2) as a batch of two, with labels.
G06_LOSS = """
import numpy as np
import nbhelpers
from nbhelpers import checks


def mean_squared_error(y, t):
    return 0.5 * np.sum((y - t) ** 2)


def cross_entropy_error(y, t):
    delta = 1e-7
    return -np.sum(t * np.log(y + delta))


t_onehot = np.array([0, 0, 1, 0, 0, 0, 0, 0, 0, 0])
y1 = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])
y2 = np.array([0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0])
y = np.array([y1, y2])
t = np.array([2, 2])
"""

#: Notebook 06, up to the numerical-differentiation exercise (the book's function_1 and its plot).
G06_DIFF = """
import numpy as np
import nbhelpers
from nbhelpers import checks


def function_1(x):
    return 0.01 * x**2 + 0.1 * x


f = function_1
x = np.arange(0.0, 20.0, 0.1)
y = function_1(x)
"""

#: Notebook 06, up to the gradient exercise (the book's function_2 at (3, 4)).
G06_GRAD = """
import numpy as np
import nbhelpers
from nbhelpers import checks


def numerical_diff(f, x):
    h = 1e-4
    return (f(x + h) - f(x - h)) / (2 * h)


def function_1(x):
    return 0.01 * x**2 + 0.1 * x


def function_2(x):
    return x[0] ** 2 + x[1] ** 2


f = function_2
x = np.array([3.0, 4.0])
"""

#: Notebook 06, up to the gradient-descent exercise (adds the tested gradient and the book's start point).
G06_STEP = (
    G06_GRAD
    + """
numerical_gradient = nbhelpers.numerical_gradient
init_x = np.array([-3.0, 4.0])
lr = 0.1


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = init_x
    for i in range(step_num):
        grad = numerical_gradient(f, x)
        x = x - lr * grad
    return x
"""
)


def _ce(name, code, verdict, hint, why):
    return Submission(
        "check_cross_entropy_error", name, "my_cross_entropy_error", code, verdict, hint, why, G06_LOSS
    )


def _nd(name, code, verdict, hint, why):
    return Submission("check_numerical_diff", name, "my_numerical_diff", code, verdict, hint, why, G06_DIFF)


def _ng(name, code, verdict, hint, why):
    return Submission(
        "check_numerical_gradient", name, "my_numerical_gradient", code, verdict, hint, why, G06_GRAD
    )


def _gs(name, code, verdict, hint, why):
    return Submission("check_gradient_step", name, "my_gradient_step", code, verdict, hint, why, G06_STEP)


ARGUMENT = r"parameter|argument|global|ignor|outside the function|it was given|given (function|point|x|f|y|t)"
MEAN = r"mean|average|divid|batch size|\bN\b|per example|number of examples|grows"
DELTA = r"δ|delta|1e-7|1e-07|log\(0\)|log of 0|log 0|\binf\b|zero"
RIGHT_CLASS = r"right class|correct class|true class|label|t_n|t\[n\]|only the|y\[n, ?t"
ONE_NUMBER = r"one number|single number|a number|scalar|tuple|list|str|text|array|shape"
CENTRAL = r"central|centred|centered|forward|backward|x ?[-−] ?h|both sides|symmetric"
TWO_H = r"2 ?\*? ?h|2h|twice|double|factor (of )?2|half"
ROUNDING = r"round|too small|tiny|1e-50|cancel|h ?= ?1e-4|h ?= ?0\.0001"
RESTORE = r"restor|put (it )?back|chang|modif|unchanged|same afterwards|not the same|overwr|in.place"
EACH = (
    r"each coordinate|every coordinate|all coordinates|one coordinate|coordinate|shape|entries|length|"
    r"each (entry|variable)|partial|all at once"
)
UPHILL = r"uphill|ascent|sign|minus|opposite|against|increase|wrong direction|x ?\+ ?lr"
LR = r"learning rate|lr times|times lr|the lr\b|parameter lr|divid|multipl|step size"

CROSS_ENTROPY_ENTRIES = [
    _ce(
        "solution",
        """
def my_cross_entropy_error(y, t):
    delta = 1e-7
    batch_size = y.shape[0]
    return -np.sum(np.log(y[np.arange(batch_size), t] + delta)) / batch_size
""",
        "pass",
        None,
        "the book's batch version for labels (§4.2.4)",
    ),
    _ce(
        "book_general_version",
        """
def my_cross_entropy_error(y, t):
    if y.ndim == 1:
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)
    if t.size == y.size:
        t = t.argmax(axis=1)
    batch_size = y.shape[0]
    return -np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size
""",
        "pass",
        None,
        "the book's version that also takes one example and one-hot t; with labels of shape (N,) it is the same",
    ),
    _ce(
        "python_loop_math_log",
        """
import math


def my_cross_entropy_error(y, t):
    total = 0.0
    for n in range(len(t)):
        total += math.log(y[n][t[n]] + 1e-7)
    return -total / len(t)
""",
        "pass",
        None,
        "a loop over the examples with math.log: the same sum, divided by N",
    ),
    _ce(
        "take_along_axis",
        """
def my_cross_entropy_error(y, t):
    picked = np.take_along_axis(y, t[:, None], axis=1)[:, 0]
    return -np.mean(np.log(picked + 1e-7))
""",
        "pass",
        None,
        "take_along_axis picks y[n, t_n] for every row",
    ),
    _ce(
        "np_choose",
        """
def my_cross_entropy_error(y, t):
    picked = np.choose(t, y.T)
    return -np.mean(np.log(picked + 1e-7))
""",
        "pass",
        None,
        "np.choose(t, y.T)[n] is y[n, t_n] (NumPy allows it for up to 64 classes)",
    ),
    _ce(
        "one_hot_built_from_labels",
        """
def my_cross_entropy_error(y, t):
    one_hot = np.eye(y.shape[1])[t]
    return -np.sum(one_hot * np.log(y + 1e-7)) / y.shape[0]
""",
        "pass",
        None,
        "turns the labels into one-hot rows first: only the right class's log survives the product",
    ),
    _ce(
        "log_first_then_select",
        """
def my_cross_entropy_error(y, t):
    logs = np.log(y + 1e-7)
    return -np.mean(logs[np.arange(len(t)), t])
""",
        "pass",
        None,
        "the log of every entry (all finite thanks to δ), then the right class of each row",
    ),
    _ce(
        "mean_of_negative_logs_range",
        """
def my_cross_entropy_error(y, t):
    return np.mean(-np.log(y[range(len(t)), t] + 1e-7))
""",
        "pass",
        None,
        "a range as the row index works like np.arange; the mean of −log is −(1/N) Σ log",
    ),
    _ce(
        "zip_generator",
        """
def my_cross_entropy_error(y, t):
    return -sum(np.log(row[k] + 1e-7) for row, k in zip(y, t)) / len(y)
""",
        "pass",
        None,
        "a generator over (row, label) pairs",
    ),
    _ce(
        "notebook_one_example_function_per_row",
        """
def my_cross_entropy_error(y, t):
    eye = np.eye(y.shape[1])
    return np.mean([cross_entropy_error(y[n], eye[t[n]]) for n in range(len(t))])
""",
        "pass",
        None,
        "the notebook's one-example, one-hot cross_entropy_error on each row, averaged",
    ),
    _ce(
        "computes_in_float64",
        """
def my_cross_entropy_error(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    return float(-np.mean(np.log(y[np.arange(y.shape[0]), t] + 1e-7)))
""",
        "pass",
        None,
        "float32 probabilities turned into float64 exactly, then the formula; a Python float back",
    ),
    _ce(
        "stays_float32",
        """
def my_cross_entropy_error(y, t):
    picked = y[np.arange(len(y)), t]
    return -np.mean(np.log(picked + np.asarray(1e-7, dtype=y.dtype)))
""",
        "pass",
        None,
        "float32 in, float32 arithmetic and a float32 number out: right to float32 precision",
    ),
    _ce(
        "delta_defined_in_the_cell",
        """
delta = 1e-7


def my_cross_entropy_error(y, t):
    n = len(y)
    return -np.sum(np.log(y[np.arange(n), t] + delta)) / n
""",
        "pass",
        None,
        "δ as a constant of the cell: the same 1e-7",
    ),
    _ce(
        "delta_as_default_argument",
        """
def my_cross_entropy_error(y, t, delta=1e-7):
    return -np.log(y[np.arange(y.shape[0]), t] + delta).mean()
""",
        "pass",
        None,
        "an extra argument whose default is the book's δ",
    ),
    _ce(
        "prints_and_correct",
        """
def my_cross_entropy_error(y, t):
    picked = y[np.arange(len(t)), t]
    print("probabilities of the right classes:", picked)
    return -np.mean(np.log(picked + 1e-7))
""",
        "pass",
        None,
        "correct, and prints along the way",
    ),
    _ce(
        "sum_not_mean",
        """
def my_cross_entropy_error(y, t):
    return -np.sum(np.log(y[np.arange(len(t)), t] + 1e-7))
""",
        "fail",
        MEAN,
        "the sum over the batch: N times the mean the exercise asks for",
    ),
    _ce(
        "divides_by_the_number_of_classes",
        """
def my_cross_entropy_error(y, t):
    return -np.sum(np.log(y[np.arange(len(t)), t] + 1e-7)) / y.shape[1]
""",
        "fail",
        MEAN + r"|class",
        "divides by C (y.shape[1]) instead of N (y.shape[0])",
    ),
    _ce(
        "mean_over_every_entry",
        """
def my_cross_entropy_error(y, t):
    one_hot = np.eye(y.shape[1])[t]
    return -np.mean(one_hot * np.log(y + 1e-7))
""",
        "fail",
        MEAN + r"|class",
        "the mean over all N×C entries: C times too small",
    ),
    _ce(
        "no_delta",
        """
def my_cross_entropy_error(y, t):
    return -np.mean(np.log(y[np.arange(len(t)), t]))
""",
        "fail",
        DELTA,
        "without δ a probability of exactly 0 at the right class gives log(0) = −inf (and a warning)",
    ),
    _ce(
        "no_delta_warnings_silenced",
        """
def my_cross_entropy_error(y, t):
    with np.errstate(divide="ignore"):
        return -np.mean(np.log(y[np.arange(len(t)), t]))
""",
        "fail",
        DELTA,
        "silencing the warning leaves the loss infinite when the right class has probability 0",
    ),
    _ce(
        "delta_added_outside_the_log",
        """
def my_cross_entropy_error(y, t):
    return -np.mean(np.log(y[np.arange(len(t)), t]) + 1e-7)
""",
        "fail",
        DELTA,
        "δ must go inside the log: log(0) + δ is still −inf",
    ),
    _ce(
        "delta_subtracted",
        """
def my_cross_entropy_error(y, t):
    return -np.mean(np.log(y[np.arange(len(t)), t] - 1e-7))
""",
        "fail",
        DELTA + r"|\bnan\b|negative|minus|subtract",
        "y − δ: the log of −1e-7 at a probability 0 is nan (and every other term is off)",
    ),
    _ce(
        "delta_too_big",
        """
def my_cross_entropy_error(y, t):
    return -np.mean(np.log(y[np.arange(len(t)), t] + 1e-3))
""",
        "fail",
        r"δ|delta|1e-7|1e-07|1e-3|0\.001",
        "δ = 1e-3 instead of 1e-7: −log(0.601) is 0.5092, not the book's 0.5108",
    ),
    _ce(
        "clip_instead_of_delta",
        """
def my_cross_entropy_error(y, t):
    picked = np.clip(y[np.arange(len(t)), t], 1e-7, 1.0)
    return -np.mean(np.log(picked))
""",
        "fail",
        r"δ|delta|1e-7|1e-07|clip|\+ ?δ|add",
        "a different formula: log(max(y, δ)) equals log(y + δ) only at y = 0; it is off by log(1 + δ/y), "
        "1e-6 for the book's y = 0.1 (2.3025851 instead of 2.3025841) and log 2 = 0.69 at y = δ",
    ),
    _ce(
        "log_of_all_classes",
        """
def my_cross_entropy_error(y, t):
    return -np.sum(np.log(y + 1e-7)) / y.shape[0]
""",
        "fail",
        RIGHT_CLASS,
        "sums the log of every class's probability; only the right class's counts",
    ),
    _ce(
        "one_hot_formula_with_labels",
        """
def my_cross_entropy_error(y, t):
    return -np.sum(t * np.log(y + 1e-7)) / y.shape[0]
""",
        "fail",
        r"one-hot|one hot|label|integer|broadcast|shape|t ?\*",
        "the one-hot formula Σ t·log y with t as labels: (N,) broadcasts against (N, C) along the classes "
        "(an error, or nonsense when N = C)",
    ),
    _ce(
        "log10",
        """
def my_cross_entropy_error(y, t):
    return -np.mean(np.log10(y[np.arange(len(t)), t] + 1e-7))
""",
        "fail",
        r"log10|natural|\bln\b|base|np\.log\b",
        "log base 10 instead of the natural log: ln 10 = 2.3 times too small",
    ),
    _ce(
        "missing_minus",
        """
def my_cross_entropy_error(y, t):
    return np.mean(np.log(y[np.arange(len(t)), t] + 1e-7))
""",
        "fail",
        r"minus|sign|negative|positive",
        "no minus sign: the loss comes out negative",
    ),
    _ce(
        "y_colon_t_is_n_by_n",
        """
def my_cross_entropy_error(y, t):
    return -np.mean(np.log(y[:, t] + 1e-7))
""",
        "fail",
        r"y\[:, ?t\]|N ?[×x] ?N|arange|pair|each (row|example)|its own|right class of each|every row|"
        r"every example",
        "y[:, t] is N×N: every example with every example's label; the mean mixes in the wrong classes",
    ),
    _ce(
        "rows_selected_by_labels",
        """
def my_cross_entropy_error(y, t):
    return -np.mean(np.log(y[t] + 1e-7))
""",
        "fail",
        r"row|arange|index|right class|y\[t\]|each example|bounds",
        "y[t] picks whole rows numbered by the labels (or runs out of rows), not y[n, t_n]",
    ),
    _ce(
        "largest_probability_instead_of_label",
        """
def my_cross_entropy_error(y, t):
    return -np.mean(np.log(np.max(y, axis=1) + 1e-7))
""",
        "fail",
        RIGHT_CLASS + r"|argmax|\bmax|largest",
        "uses the largest probability of each row, whatever the right class is",
    ),
    _ce(
        "reads_global_y_and_t",
        """
def my_cross_entropy_error(y_pred, t_true):
    return -np.mean(np.log(y[np.arange(len(t)), t] + 1e-7))
""",
        "fail",
        ARGUMENT,
        "ignores its arguments and uses the notebook's y and t: the same number for any batch",
    ),
    _ce(
        "returns_per_example_losses",
        """
def my_cross_entropy_error(y, t):
    return -np.log(y[np.arange(len(t)), t] + 1e-7)
""",
        "fail",
        ONE_NUMBER + r"|mean|average",
        "returns the N losses, an array, instead of their mean",
    ),
    _ce(
        "returns_a_tuple",
        """
def my_cross_entropy_error(y, t):
    losses = -np.log(y[np.arange(len(t)), t] + 1e-7)
    return losses.mean(), losses
""",
        "fail",
        ONE_NUMBER,
        "returns (mean, losses), a tuple, instead of one number",
    ),
    _ce(
        "forgot_return",
        """
def my_cross_entropy_error(y, t):
    loss = -np.mean(np.log(y[np.arange(len(t)), t] + 1e-7))
""",
        "fail",
        r"None|return",
        "no return statement: the function gives None",
    ),
    _ce(
        "returns_a_string",
        """
def my_cross_entropy_error(y, t):
    loss = -np.mean(np.log(y[np.arange(len(t)), t] + 1e-7))
    return f"{loss:.4f}"
""",
        "fail",
        r"str|text|quot|number",
        "a formatted string, not a number",
    ),
    _ce(
        "returns_a_list_of_arrays",
        """
def my_cross_entropy_error(y, t):
    return [-np.log(y[n, t[n]] + 1e-7) for n in range(len(t))]
""",
        "fail",
        ONE_NUMBER + r"|mean|average",
        "a list of the N losses (NumPy numbers), not their mean",
    ),
    _ce(
        "skeleton",
        """
def my_cross_entropy_error(y, t):
    # Your code here: pick y[n, t[n]] for every row, add delta, take the log, average, minus sign.
    raise NotImplementedError
""",
        "not done",
        None,
        "the untouched skeleton",
    ),
    _ce(
        "helper_not_done",
        """
def right_class_probabilities(y, t):
    # Your code here: y[n, t[n]] for every row n.
    raise NotImplementedError


def my_cross_entropy_error(y, t):
    return -np.mean(np.log(right_class_probabilities(y, t) + 1e-7))
""",
        "not done",
        None,
        "calls a helper that still raises NotImplementedError",
    ),
]

NUMERICAL_DIFF_ENTRIES = [
    _nd(
        "solution",
        """
def my_numerical_diff(f, x):
    h = 1e-4
    return (f(x + h) - f(x - h)) / (2 * h)
""",
        "pass",
        None,
        "the book's central difference (§4.3.1)",
    ),
    _nd(
        "terms_reordered",
        """
def my_numerical_diff(f, x):
    h = 1e-4
    return (-f(x - h) + f(x + h)) / (h * 2)
""",
        "pass",
        None,
        "−a + b is b − a and h·2 is 2·h, exactly, in floating point",
    ),
    _nd(
        "divides_by_2_then_by_h",
        """
def my_numerical_diff(f, x):
    h = 1e-4
    return (f(x + h) - f(x - h)) / 2 / h
""",
        "pass",
        None,
        "dividing by 2 and then by h is dividing by 2h (up to one rounding)",
    ),
    _nd(
        "times_5000",
        """
def my_numerical_diff(f, x):
    return (f(x + 0.0001) - f(x - 0.0001)) * 5000.0
""",
        "pass",
        None,
        "1/(2h) = 5000 for h = 0.0001",
    ),
    _nd(
        "h_as_default_argument",
        """
def my_numerical_diff(f, x, h=1e-4):
    return (f(x + h) - f(x - h)) / (2 * h)
""",
        "pass",
        None,
        "h as an extra argument whose default is 1e-4",
    ),
    _nd(
        "h_defined_in_the_cell",
        """
h = 10**-4


def my_numerical_diff(f, x):
    return (f(x + h) - f(x - h)) / (2 * h)
""",
        "pass",
        None,
        "10**-4 is the float 0.0001, defined once in the cell",
    ),
    _nd(
        "lambda",
        """
my_numerical_diff = lambda f, x, h=1e-4: (f(x + h) - f(x - h)) / (2 * h)  # noqa: E731
""",
        "pass",
        None,
        "a one-line lambda",
    ),
    _nd(
        "named_steps",
        """
def my_numerical_diff(f, x):
    h = 1e-4
    right = x + h
    left = x - h
    rise = f(right) - f(left)
    run = right - left
    return rise / (2 * h) if run else 0.0
""",
        "pass",
        None,
        "the central difference in named steps (the guard never fires: run is about 2h)",
    ),
    _nd(
        "numpy_ufuncs",
        """
def my_numerical_diff(f, x):
    h = 1e-4
    return np.divide(np.subtract(f(x + h), f(x - h)), 2 * h)
""",
        "pass",
        None,
        "np.subtract and np.divide: the same arithmetic",
    ),
    _nd(
        "mean_of_forward_and_backward",
        """
def my_numerical_diff(f, x):
    h = 1e-4
    forward = (f(x + h) - f(x)) / h
    backward = (f(x) - f(x - h)) / h
    return (forward + backward) / 2
""",
        "pass",
        None,
        "the mean of the forward and backward differences is the central difference (f(x) cancels); "
        "they differ only by rounding of order eps·|f|/h ≈ 1e-12, the central difference's own rounding",
    ),
    _nd(
        "prints_and_correct",
        """
def my_numerical_diff(f, x):
    h = 1e-4
    d = (f(x + h) - f(x - h)) / (2 * h)
    print(f"slope at {x}: {d}")
    return d
""",
        "pass",
        None,
        "correct, and prints along the way",
    ),
    _nd(
        "forward_difference",
        """
def my_numerical_diff(f, x):
    h = 1e-4
    return (f(x + h) - f(x)) / h
""",
        "fail",
        CENTRAL,
        "the forward difference: an error of order h·f''/2 (0.200001 instead of 0.2 at x = 5)",
    ),
    _nd(
        "backward_difference",
        """
def my_numerical_diff(f, x):
    h = 1e-4
    return (f(x) - f(x - h)) / h
""",
        "fail",
        CENTRAL,
        "the backward difference, not the central one the exercise asks for",
    ),
    _nd(
        "missing_2_in_2h",
        """
def my_numerical_diff(f, x):
    h = 1e-4
    return (f(x + h) - f(x - h)) / h
""",
        "fail",
        TWO_H,
        "divides by h instead of 2h: twice the slope",
    ),
    _nd(
        "precedence_divides_by_2_times_h",
        """
def my_numerical_diff(f, x):
    h = 1e-4
    return (f(x + h) - f(x - h)) / 2 * h
""",
        "fail",
        TWO_H + r"|parenthes|bracket|precedence",
        "/ 2 * h divides by 2 and then multiplies by h: h² = 1e-8 times the slope",
    ),
    _nd(
        "precedence_numerator_not_bracketed",
        """
def my_numerical_diff(f, x):
    h = 1e-4
    return f(x + h) - f(x - h) / (2 * h)
""",
        "fail",
        r"parenthes|bracket|precedence|order of operations|numerator|f\(x ?[-−] ?h\)",
        "only f(x − h) is divided by 2h: f(x+h) − f(x−h)/(2h), a huge negative number",
    ),
    _nd(
        "h_1e_minus_50",
        """
def my_numerical_diff(f, x):
    h = 1e-50
    return (f(x + h) - f(x - h)) / (2 * h)
""",
        "fail",
        ROUNDING,
        "the book's rounding trap: x + 1e-50 == x, so the difference is 0",
    ),
    _nd(
        "h_float32_1e_minus_50",
        """
def my_numerical_diff(f, x):
    h = np.float32(1e-50)
    return (f(x + h) - f(x - h)) / (2 * h)
""",
        "fail",
        ROUNDING + r"|\bnan\b|zero",
        "np.float32(1e-50) is 0.0 (the book's example): 0/0 is nan, with a warning",
    ),
    _nd(
        "h_too_big",
        """
def my_numerical_diff(f, x):
    h = 1.0
    return (f(x + h) - f(x - h)) / (2 * h)
""",
        "fail",
        r"too (big|large)|large|1e-4|0\.0001|h ?= ?1\b|step",
        "h = 1: exact for the book's quadratic, but an error of h²·f'''/6 for other functions",
    ),
    _nd(
        "h_float32",
        """
def my_numerical_diff(f, x):
    h = np.float32(1e-4)
    return (f(x + h) - f(x - h)) / (2 * h)
""",
        "fail",
        r"float32|precision|round|dtype|single",
        "x + np.float32 h is float32: f(x ± h) loses all but 7 digits, the slope is off by ~1e-3",
    ),
    _nd(
        "sign_swapped",
        """
def my_numerical_diff(f, x):
    h = 1e-4
    return (f(x - h) - f(x + h)) / (2 * h)
""",
        "fail",
        r"sign|negative|minus|order|swap|revers|opposite",
        "f(x − h) − f(x + h): the slope with the wrong sign",
    ),
    _nd(
        "hard_coded_book_derivative",
        """
def my_numerical_diff(f, x):
    return 0.02 * x + 0.1
""",
        "fail",
        ARGUMENT + r"|other function|any function",
        "the derivative of the book's function_1, whatever f is",
    ),
    _nd(
        "reads_global_function",
        """
def my_numerical_diff(func, x):
    h = 1e-4
    return (f(x + h) - f(x - h)) / (2 * h)
""",
        "fail",
        ARGUMENT + r"|other function|any function",
        "differentiates the notebook's global f (function_1), not the function it was given",
    ),
    _nd(
        "reads_global_x",
        """
def my_numerical_diff(f, x0):
    h = 1e-4
    return (f(x + h) - f(x - h)) / (2 * h)
""",
        "fail",
        ARGUMENT + r"|" + ONE_NUMBER,
        "uses the notebook's x (the plot's 200 points), not the point it was given: returns an array",
    ),
    _nd(
        "returns_a_tuple",
        """
def my_numerical_diff(f, x):
    h = 1e-4
    return (f(x + h) - f(x - h)) / (2 * h), h
""",
        "fail",
        ONE_NUMBER,
        "returns (slope, h), a tuple",
    ),
    _nd(
        "prints_instead_of_return",
        """
def my_numerical_diff(f, x):
    h = 1e-4
    print((f(x + h) - f(x - h)) / (2 * h))
""",
        "fail",
        r"None|return",
        "prints the slope and returns None",
    ),
    _nd(
        "returns_a_string",
        """
def my_numerical_diff(f, x):
    h = 1e-4
    return str((f(x + h) - f(x - h)) / (2 * h))
""",
        "fail",
        r"str|text|quot|number",
        "the slope as text",
    ),
    _nd(
        "returns_a_list",
        """
def my_numerical_diff(f, x):
    h = 1e-4
    return [(f(x + h) - f(x - h)) / (2 * h)]
""",
        "fail",
        ONE_NUMBER,
        "a list holding the slope, not the slope",
    ),
    _nd(
        "skeleton",
        """
def my_numerical_diff(f, x):
    h = 1e-4
    # Your code here: the central difference (f(x+h) - f(x-h)) / (2h).
    raise NotImplementedError
""",
        "not done",
        None,
        "the untouched skeleton",
    ),
    _nd(
        "helper_not_done",
        """
def rise(f, x, h):
    # Your code here: f(x + h) - f(x - h).
    raise NotImplementedError


def my_numerical_diff(f, x):
    h = 1e-4
    return rise(f, x, h) / (2 * h)
""",
        "not done",
        None,
        "calls a helper that still raises NotImplementedError",
    ),
]

NUMERICAL_GRADIENT_ENTRIES = [
    _ng(
        "solution",
        """
def my_numerical_gradient(f, x):
    h = 1e-4
    grad = np.zeros_like(x)
    for idx in range(x.size):
        tmp_val = x[idx]
        x[idx] = tmp_val + h
        fxh1 = f(x)
        x[idx] = tmp_val - h
        fxh2 = f(x)
        grad[idx] = (fxh1 - fxh2) / (2 * h)
        x[idx] = tmp_val
    return grad
""",
        "pass",
        None,
        "the book's version (§4.4): changes x[idx] and puts the saved value back",
    ),
    _ng(
        "copies_per_coordinate",
        """
def my_numerical_gradient(f, x):
    h = 1e-4
    grad = np.zeros(len(x))
    for i in range(len(x)):
        x_plus = x.copy()
        x_plus[i] += h
        x_minus = x.copy()
        x_minus[i] -= h
        grad[i] = (f(x_plus) - f(x_minus)) / (2 * h)
    return grad
""",
        "pass",
        None,
        "works on copies, so x is never touched",
    ),
    _ng(
        "eye_basis_vectors",
        """
def my_numerical_gradient(f, x):
    h = 1e-4
    steps = np.eye(x.size) * h
    return np.array([(f(x + e) - f(x - e)) / (2 * h) for e in steps])
""",
        "pass",
        None,
        "x ± h·e_i with the rows of np.eye: only coordinate i moves (x_j + 0 is x_j exactly)",
    ),
    _ng(
        "try_finally_restore",
        """
def my_numerical_gradient(f, x):
    h = 1e-4
    grad = np.empty_like(x)
    for i, saved in enumerate(x.copy()):
        try:
            x[i] = saved + h
            up = f(x)
            x[i] = saved - h
            down = f(x)
        finally:
            x[i] = saved
        grad[i] = (up - down) / (2 * h)
    return grad
""",
        "pass",
        None,
        "in place, with the saved value put back in a finally block",
    ),
    _ng(
        "book_nditer_version",
        """
def my_numerical_gradient(f, x):
    h = 1e-4
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"], op_flags=[["readwrite"]])
    while not it.finished:
        idx = it.multi_index
        tmp_val = x[idx]
        x[idx] = tmp_val + h
        fxh1 = f(x)
        x[idx] = tmp_val - h
        fxh2 = f(x)
        grad[idx] = (fxh1 - fxh2) / (2 * h)
        x[idx] = tmp_val
        it.iternext()
    return grad
""",
        "pass",
        None,
        "the book's later version for arrays of any shape (§4.4.2): the same numbers for a 1-D x",
    ),
    _ng(
        "numerical_diff_per_coordinate",
        """
def my_numerical_gradient(f, x):
    def along(i):
        def g(v):
            point = x.copy()
            point[i] = v
            return f(point)

        return g

    return np.array([numerical_diff(along(i), x[i]) for i in range(x.size)])
""",
        "pass",
        None,
        "the notebook's numerical_diff of f along each coordinate, the others fixed",
    ),
    _ng(
        "where_mask",
        """
def my_numerical_gradient(f, x):
    h = 1e-4
    idx = np.arange(x.size)
    out = []
    for i in idx:
        step = np.where(idx == i, h, 0.0)
        out.append((f(x + step) - f(x - step)) / (2 * h))
    return np.array(out)
""",
        "pass",
        None,
        "a step vector built with np.where; the result an array of x's shape",
    ),
    _ng(
        "works_on_a_float_copy",
        """
def my_numerical_gradient(f, x):
    h = 1e-4
    work = np.array(x, dtype=float)
    grad = np.zeros(work.shape)
    for i in range(work.size):
        keep = work[i]
        work[i] = keep + h
        a = f(work)
        work[i] = keep - h
        b = f(work)
        work[i] = keep
        grad[i] = (a - b) / (2 * h)
    return grad
""",
        "pass",
        None,
        "works in place on its own float copy and restores each entry before the next",
    ),
    _ng(
        "h_as_default_argument",
        """
def my_numerical_gradient(f, x, h=1e-4):
    grad = []
    for i in range(len(x)):
        e = np.zeros_like(x)
        e[i] = h
        grad.append((f(x + e) - f(x - e)) / (2 * h))
    return np.array(grad)
""",
        "pass",
        None,
        "h as a default argument, a list turned into an array at the end",
    ),
    _ng(
        "forward_difference",
        """
def my_numerical_gradient(f, x):
    h = 1e-4
    grad = np.zeros_like(x)
    fx = f(x)
    for i in range(x.size):
        x_plus = x.copy()
        x_plus[i] += h
        grad[i] = (f(x_plus) - fx) / h
    return grad
""",
        "fail",
        CENTRAL,
        "forward differences: 6.0001 instead of 6 for x0² at 3",
    ),
    _ng(
        "missing_2_in_2h",
        """
def my_numerical_gradient(f, x):
    h = 1e-4
    grad = np.zeros_like(x)
    for i in range(x.size):
        tmp = x[i]
        x[i] = tmp + h
        fxh1 = f(x)
        x[i] = tmp - h
        fxh2 = f(x)
        grad[i] = (fxh1 - fxh2) / h
        x[i] = tmp
    return grad
""",
        "fail",
        TWO_H,
        "divides by h instead of 2h: twice the gradient, [12, 16] at (3, 4)",
    ),
    _ng(
        "x_not_restored",
        """
def my_numerical_gradient(f, x):
    h = 1e-4
    grad = np.zeros_like(x)
    for i in range(x.size):
        tmp = x[i]
        x[i] = tmp + h
        fxh1 = f(x)
        x[i] = tmp - h
        fxh2 = f(x)
        grad[i] = (fxh1 - fxh2) / (2 * h)
    return grad
""",
        "fail",
        RESTORE,
        "the gradient is right but every x[i] is left at x[i] − h: the caller's x has changed",
    ),
    _ng(
        "restored_by_arithmetic",
        """
def my_numerical_gradient(f, x):
    h = 1e-4
    grad = np.zeros_like(x)
    for i in range(x.size):
        x[i] += h
        fxh1 = f(x)
        x[i] -= 2 * h
        fxh2 = f(x)
        x[i] += h
        grad[i] = (fxh1 - fxh2) / (2 * h)
    return grad
""",
        "fail",
        RESTORE,
        "x[i] + h − 2h + h is not x[i] in floating point (3.0 comes back as 3.0000000000000004): x has "
        "changed; the exercise says put the entry back, which needs the saved value",
    ),
    _ng(
        "others_not_fixed_in_the_copy",
        """
def my_numerical_gradient(f, x):
    h = 1e-4
    work = x.copy()
    grad = np.zeros_like(x)
    for i in range(x.size):
        tmp = work[i]
        work[i] = tmp + h
        fxh1 = f(work)
        work[i] = tmp - h
        fxh2 = f(work)
        grad[i] = (fxh1 - fxh2) / (2 * h)
    return grad
""",
        "fail",
        RESTORE + r"|fixed|other coordinates|others|shift",
        "x is safe, but the copy keeps every earlier coordinate at x_j − h: later partials are taken at "
        "another point (wrong whenever f mixes its variables)",
    ),
    _ng(
        "return_inside_the_loop",
        """
def my_numerical_gradient(f, x):
    h = 1e-4
    grad = np.zeros_like(x)
    for i in range(x.size):
        x_plus, x_minus = x.copy(), x.copy()
        x_plus[i] += h
        x_minus[i] -= h
        grad[i] = (f(x_plus) - f(x_minus)) / (2 * h)
        return grad
""",
        "fail",
        EACH + r"|first|indent|loop",
        "returns inside the loop: only the first partial is filled in, the others stay 0",
    ),
    _ng(
        "returns_only_the_last_partial",
        """
def my_numerical_gradient(f, x):
    h = 1e-4
    for i in range(x.size):
        x_plus, x_minus = x.copy(), x.copy()
        x_plus[i] += h
        x_minus[i] -= h
        g = (f(x_plus) - f(x_minus)) / (2 * h)
    return g
""",
        "fail",
        EACH + r"|one number|scalar",
        "one number, the last coordinate's partial, instead of an array of x's shape",
    ),
    _ng(
        "all_coordinates_at_once",
        """
def my_numerical_gradient(f, x):
    h = 1e-4
    return (f(x + h) - f(x - h)) / (2 * h)
""",
        "fail",
        EACH + r"|one number|scalar",
        "moves every coordinate at once: the slope along (1, 1, ...), one number (14 at (3, 4))",
    ),
    _ng(
        "all_at_once_broadcast",
        """
def my_numerical_gradient(f, x):
    h = 1e-4
    return np.full(x.shape, (f(x + h) - f(x - h)) / (2 * h))
""",
        "fail",
        EACH,
        "the slope along (1, 1, ...) in every entry: [14, 14] instead of [6, 8]",
    ),
    _ng(
        "no_copy_aliases",
        """
def my_numerical_gradient(f, x):
    h = 1e-4
    grad = np.zeros_like(x)
    for i in range(x.size):
        x_plus = x
        x_plus[i] += h
        x_minus = x
        x_minus[i] -= h
        grad[i] = (f(x_plus) - f(x_minus)) / (2 * h)
    return grad
""",
        "fail",
        r"copy|alias|same array|zero|all 0|got \[0|" + RESTORE,
        "x_plus and x_minus are x itself: both f values are taken at the same point, the gradient is 0 "
        "(and x can come back changed)",
    ),
    _ng(
        "reads_global_x",
        """
def my_numerical_gradient(f, x0):
    h = 1e-4
    grad = np.zeros_like(x)
    for i in range(x.size):
        xp, xm = x.copy(), x.copy()
        xp[i] += h
        xm[i] -= h
        grad[i] = (f(xp) - f(xm)) / (2 * h)
    return grad
""",
        "fail",
        ARGUMENT + r"|shape",
        "the gradient at the notebook's x = (3, 4), whatever point it is given",
    ),
    _ng(
        "reads_global_function_2",
        """
def my_numerical_gradient(f, x):
    h = 1e-4
    grad = np.zeros_like(x)
    for i in range(x.size):
        xp, xm = x.copy(), x.copy()
        xp[i] += h
        xm[i] -= h
        grad[i] = (function_2(xp) - function_2(xm)) / (2 * h)
    return grad
""",
        "fail",
        ARGUMENT + r"|other function|any function",
        "the gradient of the notebook's function_2, whatever function it is given",
    ),
    _ng(
        "integer_gradient_array",
        """
def my_numerical_gradient(f, x):
    h = 1e-4
    grad = np.zeros(x.size, dtype=int)
    for i in range(x.size):
        xp, xm = x.copy(), x.copy()
        xp[i] += h
        xm[i] -= h
        grad[i] = (f(xp) - f(xm)) / (2 * h)
    return grad
""",
        "fail",
        r"\bint|integer|dtype|truncat|whole|round|float",
        "an integer array: every partial is cut to a whole number (7.9999999 becomes 7)",
    ),
    _ng(
        "h_1e_minus_50",
        """
def my_numerical_gradient(f, x):
    h = 1e-50
    grad = np.zeros_like(x)
    for i in range(x.size):
        xp, xm = x.copy(), x.copy()
        xp[i] += h
        xm[i] -= h
        grad[i] = (f(xp) - f(xm)) / (2 * h)
    return grad
""",
        "fail",
        ROUNDING + r"|zero|got \[0",
        "x_i ± 1e-50 rounds back to x_i: every partial is 0",
    ),
    _ng(
        "h_float32_zero_gives_nan",
        """
def my_numerical_gradient(f, x):
    h = np.float32(1e-50)
    grad = np.zeros_like(x)
    for i in range(x.size):
        xp, xm = x.copy(), x.copy()
        xp[i] += h
        xm[i] -= h
        grad[i] = (f(xp) - f(xm)) / (2 * h)
    return grad
""",
        "fail",
        ROUNDING + r"|\bnan\b|zero",
        "np.float32(1e-50) is 0: 0/0 gives nan in every entry, with a warning",
    ),
    _ng(
        "returns_a_list",
        """
def my_numerical_gradient(f, x):
    h = 1e-4
    grad = []
    for i in range(len(x)):
        xp, xm = x.copy(), x.copy()
        xp[i] += h
        xm[i] -= h
        grad.append((f(xp) - f(xm)) / (2 * h))
    return grad
""",
        "fail",
        r"list|array",
        "a Python list, not an array of x's shape as the exercise asks (the step x - lr * grad then fails: "
        "a float times a list is a TypeError)",
    ),
    _ng(
        "returns_a_list_of_arrays",
        """
def my_numerical_gradient(f, x):
    h = 1e-4
    grad = []
    for i in range(len(x)):
        xp, xm = x.copy(), x.copy()
        xp[i] += h
        xm[i] -= h
        grad.append(np.array([(f(xp) - f(xm)) / (2 * h)]))
    return grad
""",
        "fail",
        r"list|array|shape|\(\d, ?1\)",
        "a list of arrays of shape (1,): as an array it has shape (n, 1), not x's shape (n,)",
    ),
    _ng(
        "returns_a_tuple",
        """
def my_numerical_gradient(f, x):
    h = 1e-4
    grad = np.zeros_like(x)
    for i in range(x.size):
        xp, xm = x.copy(), x.copy()
        xp[i] += h
        xm[i] -= h
        grad[i] = (f(xp) - f(xm)) / (2 * h)
    return grad, f(x)
""",
        "fail",
        r"tuple|array|shape",
        "returns (gradient, f(x)), a tuple",
    ),
    _ng(
        "forgot_return",
        """
def my_numerical_gradient(f, x):
    h = 1e-4
    grad = np.zeros_like(x)
    for i in range(x.size):
        xp, xm = x.copy(), x.copy()
        xp[i] += h
        xm[i] -= h
        grad[i] = (f(xp) - f(xm)) / (2 * h)
""",
        "fail",
        r"None|return",
        "no return statement: the function gives None",
    ),
    _ng(
        "skeleton",
        """
def my_numerical_gradient(f, x):
    h = 1e-4
    grad = np.zeros_like(x)
    # Your code here: for each i, the central difference of f in coordinate i (put x[i] back).
    raise NotImplementedError
""",
        "not done",
        None,
        "the untouched skeleton",
    ),
    _ng(
        "helper_not_done",
        """
def my_partial(f, x, i):
    # Your code here: the central difference of f in coordinate i.
    raise NotImplementedError


def my_numerical_gradient(f, x):
    return np.array([my_partial(f, x, i) for i in range(x.size)])
""",
        "not done",
        None,
        "calls a helper that still raises NotImplementedError",
    ),
]

GRADIENT_STEP_ENTRIES = [
    _gs(
        "solution",
        """
def my_gradient_step(f, x, lr):
    grad = nbhelpers.numerical_gradient(f, x)
    return x - lr * grad
""",
        "pass",
        None,
        "one step of the book's gradient_descent (§4.4.1)",
    ),
    _gs(
        "notebook_numerical_gradient_name",
        """
def my_gradient_step(f, x, lr):
    return x - lr * numerical_gradient(f, x)
""",
        "pass",
        None,
        "numerical_gradient is the notebook's name for nbhelpers.numerical_gradient",
    ),
    _gs(
        "np_subtract",
        """
def my_gradient_step(f, x, lr):
    return np.subtract(x, np.multiply(lr, nbhelpers.numerical_gradient(f, x)))
""",
        "pass",
        None,
        "np.subtract and np.multiply: a new array x − lr·∇f(x)",
    ),
    _gs(
        "adds_the_negative",
        """
def my_gradient_step(f, x, lr):
    step = -lr * numerical_gradient(f, x)
    return x + step
""",
        "pass",
        None,
        "x + (−lr·g) is x − lr·g exactly",
    ),
    _gs(
        "own_gradient_loop",
        """
def my_gradient_step(f, x, lr):
    h = 1e-4
    grad = np.zeros_like(x)
    for i in range(x.size):
        xp, xm = x.copy(), x.copy()
        xp[i] += h
        xm[i] -= h
        grad[i] = (f(xp) - f(xm)) / (2 * h)
    return x - lr * grad
""",
        "pass",
        None,
        "its own central-difference gradient (the exercise allows it), then the step",
    ),
    _gs(
        "own_gradient_function_in_the_cell",
        """
def my_numerical_gradient(f, x):
    h = 1e-4
    grad = np.zeros_like(x)
    for idx in range(x.size):
        tmp_val = x[idx]
        x[idx] = tmp_val + h
        fxh1 = f(x)
        x[idx] = tmp_val - h
        fxh2 = f(x)
        grad[idx] = (fxh1 - fxh2) / (2 * h)
        x[idx] = tmp_val
    return grad


def my_gradient_step(f, x, lr):
    return x - lr * my_numerical_gradient(f, x)
""",
        "pass",
        None,
        "the learner's own book-style gradient (it puts every entry back), then the step",
    ),
    _gs(
        "copy_then_in_place",
        """
def my_gradient_step(f, x, lr):
    new_x = x.copy()
    new_x -= lr * numerical_gradient(f, x)
    return new_x
""",
        "pass",
        None,
        "subtracts in place from its own copy: x is untouched",
    ),
    _gs(
        "keeps_the_input_dtype",
        """
def my_gradient_step(f, x, lr):
    grad = nbhelpers.numerical_gradient(f, x)
    return (x - lr * grad).astype(x.dtype)
""",
        "pass",
        None,
        "the new point in x's own float type (float32 stays float32)",
    ),
    _gs(
        "coordinate_loop",
        """
def my_gradient_step(f, x, lr):
    grad = numerical_gradient(f, x)
    return np.array([xi - lr * gi for xi, gi in zip(x, grad)])
""",
        "pass",
        None,
        "the step coordinate by coordinate, collected into a new array",
    ),
    _gs(
        "lr_default_argument",
        """
def my_gradient_step(f, x, lr=0.01):
    return x - lr * numerical_gradient(f, x)
""",
        "pass",
        None,
        "a default learning rate; the check passes its own",
    ),
    _gs(
        "lambda",
        """
my_gradient_step = lambda f, x, lr: x - lr * nbhelpers.numerical_gradient(f, x)  # noqa: E731
""",
        "pass",
        None,
        "a one-line lambda",
    ),
    _gs(
        "plus_goes_uphill",
        """
def my_gradient_step(f, x, lr):
    return x + lr * numerical_gradient(f, x)
""",
        "fail",
        UPHILL,
        "x + lr·∇f climbs: (−3.6, 4.8) instead of (−2.4, 3.2)",
    ),
    _gs(
        "sign_on_the_wrong_term",
        """
def my_gradient_step(f, x, lr):
    return lr * numerical_gradient(f, x) - x
""",
        "fail",
        r"sign|minus|negative|opposite|uphill",
        "lr·g − x is −(x − lr·g): the point mirrored through the origin",
    ),
    _gs(
        "forgot_lr",
        """
def my_gradient_step(f, x, lr):
    return x - numerical_gradient(f, x)
""",
        "fail",
        LR,
        "a step of the whole gradient, as if lr = 1",
    ),
    _gs(
        "divides_by_lr",
        """
def my_gradient_step(f, x, lr):
    return x - numerical_gradient(f, x) / lr
""",
        "fail",
        LR,
        "divides the gradient by lr instead of multiplying",
    ),
    _gs(
        "reads_global_lr",
        """
def my_gradient_step(f, x, learning_rate):
    return x - lr * numerical_gradient(f, x)
""",
        "fail",
        LR + r"|" + ARGUMENT,
        "uses the notebook's lr = 0.1, not the learning rate it is given",
    ),
    _gs(
        "returns_the_gradient",
        """
def my_gradient_step(f, x, lr):
    return lr * numerical_gradient(f, x)
""",
        "fail",
        r"gradient|point|new x|position|x ?[-−] ?lr|step",
        "returns the step lr·∇f(x), not the new point",
    ),
    _gs(
        "modifies_x_in_place",
        """
def my_gradient_step(f, x, lr):
    x -= lr * numerical_gradient(f, x)
    return x
""",
        "fail",
        IN_PLACE + r"|new array|copy|unchanged",
        "the right point, but written into the caller's x: the exercise asks for a new array",
    ),
    _gs(
        "alias_is_not_a_copy",
        """
def my_gradient_step(f, x, lr):
    new_x = x
    new_x -= lr * numerical_gradient(f, x)
    return new_x
""",
        "fail",
        IN_PLACE + r"|new array|copy|alias|unchanged",
        "new_x = x is the same array: the in-place subtraction changes the caller's x",
    ),
    _gs(
        "in_place_returns_none",
        """
def my_gradient_step(f, x, lr):
    x -= lr * numerical_gradient(f, x)
""",
        "fail",
        r"None|return|" + IN_PLACE,
        "changes x in place and returns None",
    ),
    _gs(
        "hard_coded_gradient",
        """
def my_gradient_step(f, x, lr):
    return x - lr * 2 * x
""",
        "fail",
        ARGUMENT + r"|other function|any function",
        "2x is the gradient of x0² + x1² only: wrong for every other f",
    ),
    _gs(
        "reads_global_x",
        """
def my_gradient_step(f, x0, lr):
    return x - lr * numerical_gradient(f, x)
""",
        "fail",
        ARGUMENT,
        "steps from the notebook's x = (3, 4), whatever point it is given",
    ),
    _gs(
        "hundred_steps",
        """
def my_gradient_step(f, x, lr):
    return gradient_descent(f, x, lr=lr, step_num=100)
""",
        "fail",
        r"one step|single step|step_num|steps|too far|many|once",
        "the book's gradient_descent: 100 steps, not one",
    ),
    _gs(
        "gradient_arguments_swapped",
        """
def my_gradient_step(f, x, lr):
    return x - lr * numerical_gradient(x, f)
""",
        "fail",
        r"numerical_gradient\(|argument|order|callable|must be a function|swap|pass the function",
        "numerical_gradient(x, f): the arguments in the wrong order; the call fails",
    ),
    _gs(
        "own_gradient_h_1e_minus_50",
        """
def my_gradient_step(f, x, lr):
    h = 1e-50
    grad = np.zeros_like(x)
    for i in range(x.size):
        xp, xm = x.copy(), x.copy()
        xp[i] += h
        xm[i] -= h
        grad[i] = (f(xp) - f(xm)) / (2 * h)
    return x - lr * grad
""",
        "fail",
        ROUNDING + r"|zero|unchanged|did not move|same point|moved",
        "its own gradient with h = 1e-50 is 0 (rounding): the point does not move",
    ),
    _gs(
        "own_gradient_gives_nan",
        """
def my_gradient_step(f, x, lr):
    h = np.float32(1e-50)
    grad = np.zeros_like(x)
    for i in range(x.size):
        xp, xm = x.copy(), x.copy()
        xp[i] += h
        xm[i] -= h
        grad[i] = (f(xp) - f(xm)) / (2 * h)
    return x - lr * grad
""",
        "fail",
        r"\bnan\b|" + ROUNDING,
        "np.float32(1e-50) is 0: 0/0 makes the gradient and the new point nan",
    ),
    _gs(
        "returns_a_tuple",
        """
def my_gradient_step(f, x, lr):
    grad = numerical_gradient(f, x)
    return x - lr * grad, grad
""",
        "fail",
        r"tuple|array|shape",
        "returns (new point, gradient), a tuple",
    ),
    _gs(
        "returns_a_list",
        """
def my_gradient_step(f, x, lr):
    return list(x - lr * numerical_gradient(f, x))
""",
        "fail",
        r"list|array",
        "a Python list, not a new array as the exercise asks",
    ),
    _gs(
        "returns_a_string",
        """
def my_gradient_step(f, x, lr):
    return np.array2string(x - lr * numerical_gradient(f, x))
""",
        "fail",
        r"str|text|quot|array",
        "the new point printed into a string",
    ),
    _gs(
        "skeleton",
        """
def my_gradient_step(f, x, lr):
    # Your code here: return x - lr * (the gradient of f at x), as a new array.
    raise NotImplementedError
""",
        "not done",
        None,
        "the untouched skeleton",
    ),
    _gs(
        "helper_not_done",
        """
def my_numerical_gradient(f, x):
    # Your code here: the central difference of f in each coordinate.
    raise NotImplementedError


def my_gradient_step(f, x, lr):
    return x - lr * my_numerical_gradient(f, x)
""",
        "not done",
        None,
        "uses the learner's own gradient, which still raises NotImplementedError",
    ),
]

SUBMISSIONS += (
    CROSS_ENTROPY_ENTRIES + NUMERICAL_DIFF_ENTRIES + NUMERICAL_GRADIENT_ENTRIES + GRADIENT_STEP_ENTRIES
)


# --- Notebook 07: one SGD update, the accuracy bookkeeping, settings that train a network -------------------
# Written from the exercise texts: the verdicts and hints say what is right and what the real problem is.

#: Notebook 07, up to its exercises: a TwoLayerNet and its gradients on a toy batch, the book's settings.
G07 = """
import numpy as np
import nbhelpers
from nbhelpers import checks
from nbhelpers import TwoLayerNet
from nbhelpers.datasets import circles
from nbhelpers.training import train

net = TwoLayerNet(input_size=2, hidden_size=4, output_size=2, weight_init_std=1.0, rng=0)
x_batch, t_batch = circles(n=20, seed=0)
grads = net.numerical_gradient(x_batch, t_batch)
params = net.params
lr = 0.1
learning_rate = 0.1
train_size, batch_size, iters_num = 60000, 100, 10000
iter_per_epoch = max(train_size / batch_size, 1)
"""


def _sgd(name, code, verdict, hint, why):
    return Submission("check_sgd_update", name, "my_sgd_update", code, verdict, hint, why, G07)


def _ea(name, code, verdict, hint, why):
    return Submission("check_epoch_accuracy", name, "my_evaluation_steps", code, verdict, hint, why, G07)


def _lc(name, code, verdict, hint, why):
    return Submission("check_learns_circles", name, "my_settings", code, verdict, hint, why, G07)


IN_PLACE_ARRAY = r"in.place|another array|new array|rebind|same array|old (one|array)|-="
UNCHANGED = r"unchanged|not updated|no array|left params"

SGD_ENTRIES = [
    _sgd(
        "solution",
        """
def my_sgd_update(params, grads, lr):
    for key in params:
        params[key] -= lr * grads[key]
""",
        "pass",
        None,
        "the book's update, in place, for every key",
    ),
    _sgd(
        "loop_over_grads_items",
        """
def my_sgd_update(params, grads, lr):
    for key, g in grads.items():
        params[key] -= lr * g
    return params
""",
        "pass",
        None,
        "every key has a gradient; returning params is allowed",
    ),
    _sgd(
        "items_and_augmented_assignment",
        """
def my_sgd_update(params, grads, lr):
    for name, value in params.items():
        value -= lr * grads[name]   # value IS the array in the dict: -= changes it in place
""",
        "pass",
        None,
        "augmented assignment on the dict's own array object",
    ),
    _sgd(
        "np_subtract_out",
        """
def my_sgd_update(params, grads, lr):
    for key in list(params):
        np.subtract(params[key], lr * grads[key], out=params[key])
""",
        "pass",
        None,
        "ufunc with out= writes into the same array",
    ),
    _sgd(
        "slice_assignment",
        """
def my_sgd_update(params, grads, lr):
    for key in params:
        params[key][...] = params[key] - lr * grads[key]
    return None
""",
        "pass",
        None,
        "[...] = writes the new values into the existing array",
    ),
    _sgd(
        "nbhelpers_sgd",
        """
def my_sgd_update(params, grads, lr):
    nbhelpers.SGD(lr=lr).update(params, grads)
""",
        "pass",
        None,
        "the package's SGD does exactly this update in place",
    ),
    _sgd(
        "while_loop_scaled_copy",
        """
def my_sgd_update(params, grads, lr):
    keys = list(params.keys())
    i = 0
    while i < len(keys):
        step = grads[keys[i]] * lr
        params[keys[i]] -= step
        i += 1
""",
        "pass",
        None,
        "a while loop; still in place for every key",
    ),
    _sgd(
        "rebinding",
        """
def my_sgd_update(params, grads, lr):
    for key in params:
        params[key] = params[key] - lr * grads[key]
""",
        "fail",
        IN_PLACE_ARRAY,
        "puts new arrays in the dict: layers holding the old arrays never see the update",
    ),
    _sgd(
        "update_method_rebinds",
        """
def my_sgd_update(params, grads, lr):
    params.update({k: v - lr * grads[k] for k, v in params.items()})
""",
        "fail",
        IN_PLACE_ARRAY,
        "dict.update replaces the arrays by new ones",
    ),
    _sgd(
        "returns_new_dict",
        """
def my_sgd_update(params, grads, lr):
    return {key: params[key] - lr * grads[key] for key in params}
""",
        "fail",
        r"new dict|in.place|left params|unchanged",
        "params itself is never changed",
    ),
    _sgd(
        "uphill",
        """
def my_sgd_update(params, grads, lr):
    for key in params:
        params[key] += lr * grads[key]
""",
        "fail",
        r"uphill|sign|minus|against|ascent",
        "moves along the gradient, up the loss",
    ),
    _sgd(
        "forgot_lr",
        """
def my_sgd_update(params, grads, lr):
    for key in params:
        params[key] -= grads[key]
""",
        "fail",
        r"learning rate|without.*lr|lr times",
        "the step is the whole gradient",
    ),
    _sgd(
        "global_learning_rate",
        """
def my_sgd_update(params, grads, lr):
    for key in params:
        params[key] -= learning_rate * grads[key]
""",
        "fail",
        r"lr = 0\.1|parameter lr|lr it was given|global",
        "uses the notebook's learning_rate, not the argument",
    ),
    _sgd(
        "weights_only",
        """
def my_sgd_update(params, grads, lr):
    for key in ("W1", "W2"):
        params[key] -= lr * grads[key]
""",
        "fail",
        r"bias|b1|b2|not updated|every key",
        "the biases never learn",
    ),
    _sgd(
        "book_keys_by_name",
        """
def my_sgd_update(params, grads, lr):
    for key in ('W1', 'b1', 'W2', 'b2'):
        params[key] -= lr * grads[key]
""",
        "fail",
        r"W3|b3|every key|by name|not updated",
        "a network with more layers has more keys",
    ),
    _sgd(
        "zip_values_by_position",
        """
def my_sgd_update(params, grads, lr):
    for p, g in zip(params.values(), grads.values()):
        p -= lr * g
""",
        "fail",
        r"order|position|same name|grads\[key\]",
        "pairs parameters and gradients by position, not by name",
    ),
    _sgd(
        "changes_grads",
        """
def my_sgd_update(params, grads, lr):
    for key in params:
        grads[key] *= lr
        params[key] -= grads[key]
""",
        "fail",
        r"grads",
        "the right parameters, but the caller's gradients are scaled by lr",
    ),
    _sgd(
        "local_name_only",
        """
def my_sgd_update(params, grads, lr):
    for key, value in params.items():
        value = value - lr * grads[key]
""",
        "fail",
        UNCHANGED,
        "rebinding the loop variable changes nothing",
    ),
    _sgd(
        "updates_global_net",
        """
def my_sgd_update(params, grads, lr):
    for key in net.params:
        if key in params and net.params[key].shape == grads[key].shape:
            net.params[key] -= lr * grads[key]
""",
        "fail",
        UNCHANGED + r"|global|net\.params|another dict",
        "updates the notebook's net, not the params it is given",
    ),
    _sgd(
        "return_inside_loop",
        """
def my_sgd_update(params, grads, lr):
    for key in params:
        params[key] -= lr * grads[key]
        return params
""",
        "fail",
        r"not updated|return|first key|every key",
        "only the first key is updated",
    ),
    _sgd(
        "skeleton",
        """
def my_sgd_update(params, grads, lr):
    # your code here: update every array of params in place
    raise NotImplementedError
""",
        "not done",
        None,
        "the untouched skeleton",
    ),
    _sgd(
        "helper_not_done",
        """
def my_step(p, g, lr):
    raise NotImplementedError


def my_sgd_update(params, grads, lr):
    for key in params:
        my_step(params[key], grads[key], lr)
""",
        "not done",
        None,
        "calls a helper that still raises NotImplementedError",
    ),
]

EPOCH_ENTRIES = [
    _ea(
        "solution",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    iter_per_epoch = max(train_size // batch_size, 1)
    return [i for i in range(steps) if i % iter_per_epoch == 0]
""",
        "pass",
        None,
        "the book's loop with whole batches per epoch",
    ),
    _ea(
        "range_object",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    return range(0, steps, max(1, train_size // batch_size))
""",
        "pass",
        None,
        "a range holds exactly those steps",
    ),
    _ea(
        "list_of_range",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    return list(range(0, steps, max(train_size // batch_size, 1)))
""",
        "pass",
        None,
        "the same as a list",
    ),
    _ea(
        "int_of_division",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    per_epoch = int(train_size / batch_size) or 1
    out = []
    for i in range(steps):
        if i % per_epoch == 0:
            out.append(i)
    return out
""",
        "pass",
        None,
        "int() of a positive quotient is the floor; `or 1` is the max(..., 1)",
    ),
    _ea(
        "numpy_arange",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    return np.arange(0, steps, max(train_size // batch_size, 1))
""",
        "pass",
        None,
        "an integer array of the right steps",
    ),
    _ea(
        "counting_epochs",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    per_epoch = max(train_size // batch_size, 1)
    result, epoch = [], 0
    while epoch * per_epoch < steps:
        result.append(epoch * per_epoch)
        epoch += 1
    return tuple(result)
""",
        "pass",
        None,
        "epoch k starts at step k·per_epoch; a tuple is a sequence of the steps",
    ),
    _ea(
        "book_float_division",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    iter_per_epoch = max(train_size / batch_size, 1)
    return [i for i in range(steps) if i % iter_per_epoch == 0]
""",
        "fail",
        r"float|//|whole|6\.67|train_size / batch_size|book",
        "the book's float iter_per_epoch: for 200 / 30 only step 0 is ever found",
    ),
    _ea(
        "no_max",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    iter_per_epoch = train_size // batch_size
    return [i for i in range(steps) if i % iter_per_epoch == 0]
""",
        "fail",
        r"max|larger than|zero|0 whole|at least one",
        "batch larger than the training set: modulo by zero",
    ),
    _ea(
        "one_based",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    iter_per_epoch = max(train_size // batch_size, 1)
    return [i for i in range(1, steps + 1) if i % iter_per_epoch == 0]
""",
        "fail",
        r"i = 0|step 0|from 1|first",
        "counts steps from 1: misses step 0",
    ),
    _ea(
        "skips_step_zero",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    iter_per_epoch = max(train_size // batch_size, 1)
    return [i for i in range(steps) if i % iter_per_epoch == 0 and i > 0]
""",
        "fail",
        r"i = 0|step 0|first",
        "the evaluation at i = 0 is left out",
    ),
    _ea(
        "ceil",
        """
import math

def my_evaluation_steps(train_size, batch_size, steps):
    iter_per_epoch = math.ceil(train_size / batch_size)
    return [i for i in range(steps) if i % iter_per_epoch == 0]
""",
        "fail",
        r"round|ceil|whole batches|7 steps|//",
        "rounds the epoch length up: 7 instead of 6 for 200 / 30",
    ),
    _ea(
        "inclusive_end",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    iter_per_epoch = max(train_size // batch_size, 1)
    return list(range(0, steps + 1, iter_per_epoch))
""",
        "fail",
        r"includes step|steps − 1|steps - 1|last",
        "step `steps` itself is never run",
    ),
    _ea(
        "every_step",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    return list(range(steps))
""",
        "fail",
        r"every step|once per epoch",
        "evaluates at every step",
    ),
    _ea(
        "epoch_numbers",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    per_epoch = max(train_size // batch_size, 1)
    n_evals = len(range(0, steps, per_epoch))
    return list(range(n_evals))
""",
        "fail",
        r"epoch number|step numbers",
        "returns 0, 1, 2, ... (epochs), not steps",
    ),
    _ea(
        "count_only",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    per_epoch = max(train_size // batch_size, 1)
    return len(range(0, steps, per_epoch))
""",
        "fail",
        r"one number|list",
        "returns how many evaluations, not which steps",
    ),
    _ea(
        "mask",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    per_epoch = max(train_size // batch_size, 1)
    return [i % per_epoch == 0 for i in range(steps)]
""",
        "fail",
        r"True/False|step numbers themselves|bool",
        "a True/False per step instead of the step numbers",
    ),
    _ea(
        "swapped",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    per_epoch = max(batch_size // train_size, 1)
    return [i for i in range(steps) if i % per_epoch == 0]
""",
        "fail",
        r"batch_size by train_size|swap|every step",
        "divides the wrong way round",
    ),
    _ea(
        "generator",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    per_epoch = max(train_size // batch_size, 1)
    return (i for i in range(steps) if i % per_epoch == 0)
""",
        "fail",
        r"generator|list",
        "a generator, not a list",
    ),
    _ea(
        "global_iter_per_epoch",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    return [i for i in range(steps) if i % iter_per_epoch == 0]
""",
        "fail",
        r"expected|missing|not evaluation steps|float|whole",
        "uses the notebook's 600.0 for every case",
    ),
    _ea(
        "forgot_return",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    iter_per_epoch = max(train_size // batch_size, 1)
    out = [i for i in range(steps) if i % iter_per_epoch == 0]
""",
        "fail",
        r"None|return",
        "no return",
    ),
    _ea(
        "skeleton",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    # your code here
    raise NotImplementedError
""",
        "not done",
        None,
        "the untouched skeleton",
    ),
    _ea(
        "helper_not_done",
        """
def my_iter_per_epoch(train_size, batch_size):
    raise NotImplementedError


def my_evaluation_steps(train_size, batch_size, steps):
    k = my_iter_per_epoch(train_size, batch_size)
    return [i for i in range(steps) if i % k == 0]
""",
        "not done",
        None,
        "its helper still raises NotImplementedError",
    ),
]

HIDDEN = r"hidden|units|closes|triangle"
TOO_LONG = r"too long|about \d+ s|at most|fewer steps|fewer hidden|seconds"

SETTINGS_ENTRIES = [
    _lc(
        "solution",
        """
my_settings = {"hidden_size": 5, "lr": 3.0, "batch_size": 30, "steps": 500}
""",
        "pass",
        None,
        "5 hidden units, lr 3, 500 steps reach about 98 % on the circles",
    ),
    _lc(
        "dict_constructor_int_lr",
        """
my_settings = dict(steps=500, batch_size=30, lr=3, hidden_size=5)
""",
        "pass",
        None,
        "the same settings, keys in another order, lr as an int",
    ),
    _lc(
        "numpy_numbers",
        """
my_settings = {"hidden_size": np.int64(5), "lr": np.float32(3.0), "batch_size": np.int32(30), "steps": np.int64(500)}
""",
        "pass",
        None,
        "NumPy scalars are numbers too",
    ),
    _lc(
        "built_with_zip",
        """
names = ["hidden_size", "lr", "batch_size", "steps"]
values = [3, 3.0, 50, 300]
my_settings = dict(zip(names, values))
""",
        "pass",
        None,
        "3 hidden units are enough to enclose the disc",
    ),
    _lc(
        "two_hidden_units",
        """
my_settings = {"hidden_size": 2, "lr": 3.0, "batch_size": 30, "steps": 500}
""",
        "fail",
        HIDDEN,
        "2 hidden units cannot enclose the inner disc",
    ),
    _lc(
        "one_hidden_unit",
        """
my_settings = {"hidden_size": 1, "lr": 1.0, "batch_size": 50, "steps": 1000}
""",
        "fail",
        HIDDEN,
        "one hidden unit is one straight line",
    ),
    _lc(
        "books_lr",
        """
my_settings = {"hidden_size": 5, "lr": 0.1, "batch_size": 30, "steps": 500}
""",
        "fail",
        r"0\.693|log 2|50:50|larger|smaller|lr",
        "the book's lr = 0.1 barely moves this network in 500 steps",
    ),
    _lc(
        "lr_far_too_large",
        """
my_settings = {"hidden_size": 5, "lr": 30.0, "batch_size": 30, "steps": 500}
""",
        "fail",
        r"too large|smaller lr|jump",
        "lr = 30 throws the weights around",
    ),
    _lc(
        "too_few_steps",
        """
my_settings = {"hidden_size": 5, "lr": 3.0, "batch_size": 30, "steps": 20}
""",
        "fail",
        r"too few|more steps",
        "20 steps are not enough",
    ),
    _lc(
        "far_too_long",
        """
my_settings = {"hidden_size": 100, "lr": 1.0, "batch_size": 100, "steps": 10000}
""",
        "fail",
        TOO_LONG,
        "a million loss evaluations: refused before training",
    ),
    _lc(
        "batch_larger_than_data",
        """
my_settings = {"hidden_size": 5, "lr": 3.0, "batch_size": 1000, "steps": 100}
""",
        "fail",
        r"200|training points|batch",
        "a mini-batch larger than the training set",
    ),
    _lc(
        "learning_rate_key",
        """
my_settings = {"hidden_size": 5, "learning_rate": 3.0, "batch_size": 30, "steps": 500}
""",
        "fail",
        r"learning_rate|'lr'|key",
        "the key is named lr",
    ),
    _lc(
        "missing_steps",
        """
my_settings = {"hidden_size": 5, "lr": 3.0, "batch_size": 30}
""",
        "fail",
        r"steps|missing|has no",
        "no number of steps",
    ),
    _lc(
        "zero_lr",
        """
my_settings = {"hidden_size": 5, "lr": 0, "batch_size": 30, "steps": 500}
""",
        "fail",
        r"lr|> 0|positive",
        "lr = 0 never moves",
    ),
    _lc(
        "text_values",
        """
my_settings = {"hidden_size": "5", "lr": "3.0", "batch_size": "30", "steps": "500"}
""",
        "fail",
        r"str|quotes|number",
        "numbers written as text",
    ),
    _lc(
        "float_hidden_size",
        """
my_settings = {"hidden_size": 5.5, "lr": 3.0, "batch_size": 30, "steps": 500}
""",
        "fail",
        r"whole number|hidden_size",
        "half a hidden unit does not exist",
    ),
    _lc(
        "a_list",
        """
my_settings = [5, 3.0, 30, 500]
""",
        "fail",
        r"dict",
        "the settings go in a dict with named keys",
    ),
    _lc(
        "a_function",
        """
def my_settings():
    return {"hidden_size": 5, "lr": 3.0, "batch_size": 30, "steps": 500}
""",
        "fail",
        r"dict itself|not a function",
        "the check takes the dict, not a function returning it",
    ),
    _lc(
        "skeleton",
        """
my_settings = {"hidden_size": ..., "lr": ..., "batch_size": ..., "steps": ...}
""",
        "not done",
        None,
        "the placeholders are still there",
    ),
    _lc(
        "half_filled",
        """
my_settings = {"hidden_size": 5, "lr": 3.0, "batch_size": ..., "steps": ...}
""",
        "not done",
        None,
        "two placeholders left",
    ),
]

SUBMISSIONS += SGD_ENTRIES + EPOCH_ENTRIES + SETTINGS_ENTRIES


# --- Notebook 07, blind: written from the exercise texts of section 7 and nbhelpers/nets.py, training.py alone -----
# (without reading nbhelpers/checks/training.py, _settings.py, _engine.py, tests/test_checks.py or the entries above).
# The "pass"/"fail" settings were verified by training with nbhelpers.train as the exercise text describes.

BLIND_SGD_ENTRIES = [
    _sgd(
        "blind_np_subtract_out",
        """
def my_sgd_update(params, grads, lr):
    for key in params:
        np.subtract(params[key], lr * grads[key], out=params[key])
""",
        "pass",
        None,
        "np.subtract with out= writes into the same array: in place, dtype kept",
    ),
    _sgd(
        "blind_ellipsis_assign",
        """
def my_sgd_update(params, grads, lr):
    for key in params:
        params[key][...] = params[key] - lr * grads[key]
""",
        "pass",
        None,
        "[...] = writes the new values into the existing array (cast back to its dtype)",
    ),
    _sgd(
        "blind_iterates_grads_keys",
        """
def my_sgd_update(params, grads, lr):
    for name in grads:
        params[name] -= lr * grads[name]
""",
        "pass",
        None,
        "params and grads have the same keys: iterating over grads' keys visits every parameter",
    ),
    _sgd(
        "blind_while_loop",
        """
def my_sgd_update(params, grads, lr):
    keys = list(params)
    i = 0
    while i < len(keys):
        params[keys[i]] -= lr * grads[keys[i]]
        i += 1
""",
        "pass",
        None,
        "a while loop over the keys, same in-place update",
    ),
    _sgd(
        "blind_items_value_isub",
        """
def my_sgd_update(params, grads, lr):
    for key, value in params.items():
        value -= grads[key] * lr
""",
        "pass",
        None,
        "value is the array in the dict; -= on it changes that very array",
    ),
    _sgd(
        "blind_copyto",
        """
def my_sgd_update(params, grads, lr):
    for key in params:
        np.copyto(params[key], params[key] - lr * grads[key])
""",
        "pass",
        None,
        "np.copyto writes the new values into the existing array",
    ),
    _sgd(
        "blind_plus_negative",
        """
def my_sgd_update(params, grads, lr):
    for key in params:
        params[key] += -lr * grads[key]
""",
        "pass",
        None,
        "adding -lr*grad in place is subtracting lr*grad in place",
    ),
    _sgd(
        "blind_np_add_out",
        """
def my_sgd_update(params, grads, lr):
    for key in sorted(params):
        p = params[key]
        np.add(p, -lr * grads[key], out=p)
    return None
""",
        "pass",
        None,
        "np.add with out= into the same array; sorted order and an explicit return None change nothing",
    ),
    _sgd(
        "blind_slice_assign",
        """
def my_sgd_update(params, grads, lr):
    for key in params:
        params[key][:] = params[key] - lr * grads[key]
""",
        "pass",
        None,
        "[:] = on 1-D and 2-D arrays writes into the same array",
    ),
    _sgd(
        "blind_dunder_isub",
        """
def my_sgd_update(params, grads, lr):
    for key in list(grads.keys()):
        params[key].__isub__(lr * grads[key])
""",
        "pass",
        None,
        "__isub__ is what -= calls: in place",
    ),
    _sgd(
        "blind_step_then_subtract",
        """
def my_sgd_update(params, grads, lr):
    for key in params:
        step = lr * grads[key]
        params[key] -= step
        print(end="")
""",
        "pass",
        None,
        "computes the step into a new array (grads untouched), subtracts it in place",
    ),
    _sgd(
        "blind_float64_lr",
        """
def my_sgd_update(params, grads, lr):
    lr = np.float64(lr)
    for key in params:
        params[key] -= lr * grads[key]
""",
        "pass",
        None,
        "an in-place -= casts back to the array's dtype: float32 stays float32 (within float32 rounding)",
    ),
    # wrong ones
    _sgd(
        "blind_rebinds",
        """
def my_sgd_update(params, grads, lr):
    for key in params:
        params[key] = params[key] - lr * grads[key]
""",
        "fail",
        r"in.place|new array|another array|same array|rebind|old array",
        "the right numbers, but in new arrays put into the dict: the old arrays are not updated in place",
    ),
    _sgd(
        "blind_weights_only",
        """
def my_sgd_update(params, grads, lr):
    for key in params:
        if key.startswith("W"):
            params[key] -= lr * grads[key]
""",
        "fail",
        r"\bb[123]\b|bias|unchanged|not updated|every",
        "the biases are never updated",
    ),
    _sgd(
        "blind_plus_sign",
        """
def my_sgd_update(params, grads, lr):
    for key in params:
        params[key] += lr * grads[key]
""",
        "fail",
        r"sign|\+|uphill|direction|subtract|minus|added|params \+ lr",
        "adds the gradient: a step uphill",
    ),
    _sgd(
        "blind_no_lr",
        """
def my_sgd_update(params, grads, lr):
    for key in params:
        params[key] -= grads[key]
""",
        "fail",
        r"\blr\b|learning rate",
        "the step is not scaled by lr",
    ),
    _sgd(
        "blind_modifies_grads",
        """
def my_sgd_update(params, grads, lr):
    for key in params:
        grads[key] *= lr
        params[key] -= grads[key]
""",
        "fail",
        r"grads",
        "the params are right but grads is scaled in place: grads must be unchanged",
    ),
    _sgd(
        "blind_returns_new_dict",
        """
def my_sgd_update(params, grads, lr):
    return {key: params[key] - lr * grads[key] for key in params}
""",
        "fail",
        r"in.place|unchanged|not updated|return|new",
        "params is left as it was; the new values are in a returned dict",
    ),
    _sgd(
        "blind_hardcoded_two_layers",
        """
def my_sgd_update(params, grads, lr):
    for key in ("W1", "b1", "W2", "b2"):
        params[key] -= lr * grads[key]
""",
        "fail",
        r"W3|b3|unchanged|not updated|every",
        "a fixed list of the two-layer keys: the three-layer network's W3 and b3 are never updated",
    ),
    _sgd(
        "blind_hardcoded_lr",
        """
def my_sgd_update(params, grads, lr):
    for key in params:
        params[key] -= 0.1 * grads[key]
""",
        "fail",
        r"\blr\b|learning rate|0\.037",
        "ignores its lr argument: wrong for lr = 0.037",
    ),
    _sgd(
        "blind_divides_by_lr",
        """
def my_sgd_update(params, grads, lr):
    for key in params:
        params[key] -= grads[key] / lr
""",
        "fail",
        r"\blr\b|learning rate",
        "divides by lr instead of multiplying",
    ),
    _sgd(
        "blind_zip_values",
        """
def my_sgd_update(params, grads, lr):
    for p, g in zip(params.values(), grads.values()):
        p -= lr * g
""",
        "fail",
        r"order|keys?\b",
        "pairs arrays by position, not by key: wrong when grads' keys come in another order",
    ),
    _sgd(
        "blind_returns_inside_loop",
        """
def my_sgd_update(params, grads, lr):
    for key in params:
        params[key] -= lr * grads[key]
        return
""",
        "fail",
        r"\b[Wb][123]\b|unchanged|not updated|every",
        "returns after the first key: the other arrays are never updated",
    ),
    _sgd(
        "blind_updates_copy",
        """
def my_sgd_update(params, grads, lr):
    for key in params:
        p = params[key].copy()
        p -= lr * grads[key]
""",
        "fail",
        r"unchanged|not updated|nothing",
        "updates a copy that is thrown away: params unchanged",
    ),
    _sgd(
        "blind_subtract_no_out",
        """
def my_sgd_update(params, grads, lr):
    for key in params:
        np.subtract(params[key], lr * grads[key])
""",
        "fail",
        r"unchanged|not updated|nothing",
        "np.subtract without out= computes a result that is discarded: params unchanged",
    ),
    _sgd(
        "blind_pass_body",
        """
def my_sgd_update(params, grads, lr):
    pass
""",
        "fail",
        r"unchanged|not updated|nothing",
        "does nothing (no NotImplementedError left): params unchanged",
    ),
    # not done
    _sgd(
        "blind_skeleton",
        """
def my_sgd_update(params, grads, lr):
    \"\"\"One step of gradient descent on every array of params, in place; returns nothing.\"\"\"
    # Your code here.
    raise NotImplementedError
""",
        "not done",
        None,
        "the notebook's skeleton",
    ),
    _sgd(
        "blind_loop_then_raise",
        """
def my_sgd_update(params, grads, lr):
    for key in params:
        raise NotImplementedError
""",
        "not done",
        None,
        "started a loop, still raises NotImplementedError",
    ),
    _sgd(
        "blind_helper_not_done",
        """
def step_of(grad, lr):
    raise NotImplementedError


def my_sgd_update(params, grads, lr):
    for key in params:
        params[key] -= step_of(grads[key], lr)
""",
        "not done",
        None,
        "its helper still raises NotImplementedError",
    ),
]

BLIND_EPOCH_ENTRIES = [
    _ea(
        "blind_range_step",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    return list(range(0, steps, max(train_size // batch_size, 1)))
""",
        "pass",
        None,
        "the multiples of iter_per_epoch below steps are exactly the i with i % iter_per_epoch == 0",
    ),
    _ea(
        "blind_while_loop",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    every = max(train_size // batch_size, 1)
    out = []
    i = 0
    while i < steps:
        out.append(i)
        i += every
    return out
""",
        "pass",
        None,
        "a while loop stepping by one epoch from 0",
    ),
    _ea(
        "blind_arange_tolist",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    return np.arange(0, steps, max(train_size // batch_size, 1)).tolist()
""",
        "pass",
        None,
        "np.arange(...).tolist() is a list of Python ints",
    ),
    _ea(
        "blind_count_epochs",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    k = max(train_size // batch_size, 1)
    n = -(-steps // k)  # ceil(steps / k)
    return [e * k for e in range(n)]
""",
        "pass",
        None,
        "ceil(steps / k) evaluations, at 0, k, 2k, ...: the same list",
    ),
    _ea(
        "blind_filter_lambda",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    k = max(train_size // batch_size, 1)
    return list(filter(lambda i: i % k == 0, range(steps)))
""",
        "pass",
        None,
        "filter over range(steps) with the book's condition",
    ),
    _ea(
        "blind_int_of_division",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    iter_per_epoch = max(int(train_size / batch_size), 1)
    return [i for i in range(steps) if i % iter_per_epoch == 0]
""",
        "pass",
        None,
        "int() truncates the positive quotient: the same as // for these sizes",
    ),
    _ea(
        "blind_or_one",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    k = train_size // batch_size or 1
    return [i for i in range(steps) if not i % k]
""",
        "pass",
        None,
        "`or 1` turns a 0 epoch into 1, as max(..., 1); `not i % k` is i % k == 0",
    ),
    _ea(
        "blind_book_loop_append",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    iter_per_epoch = max(train_size // batch_size, 1)
    evaluated = []
    for i in range(steps):
        if i % iter_per_epoch == 0:
            evaluated.append(i)
    return evaluated
""",
        "pass",
        None,
        "the book's loop, recording i instead of the accuracies",
    ),
    _ea(
        "blind_unpacked_range",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    return [*range(0, steps, max(1, train_size // batch_size))]
""",
        "pass",
        None,
        "a list built by unpacking the range",
    ),
    _ea(
        "blind_takewhile_count",
        """
import itertools


def my_evaluation_steps(train_size, batch_size, steps):
    k = max(train_size // batch_size, 1)
    return list(itertools.takewhile(lambda i: i < steps, itertools.count(0, k)))
""",
        "pass",
        None,
        "0, k, 2k, ... while below steps",
    ),
    _ea(
        "blind_math_floor",
        """
import math


def my_evaluation_steps(train_size, batch_size, steps):
    k = max(math.floor(train_size / batch_size), 1)
    return [i for i in range(steps) if i % k == 0]
""",
        "pass",
        None,
        "floor of the quotient is //",
    ),
    _ea(
        "blind_divmod",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    q, _ = divmod(train_size, batch_size)
    q = max(q, 1)
    return [i for i in range(steps) if divmod(i, q)[1] == 0]
""",
        "pass",
        None,
        "divmod gives the whole quotient and the remainder",
    ),
    # wrong ones
    _ea(
        "blind_book_float_division",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    iter_per_epoch = max(train_size / batch_size, 1)
    return [i for i in range(steps) if i % iter_per_epoch == 0]
""",
        "fail",
        r"//|float|division|6\.67|whole|integer",
        "the book's /: 200 / 30 = 6.67 and only i = 0 is found",
    ),
    _ea(
        "blind_starts_at_1",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    k = max(train_size // batch_size, 1)
    return [i for i in range(1, steps) if i % k == 0]
""",
        "fail",
        r"i ?= ?0|step 0|\b0\b.*(missing|too)|first|start",
        "i = 0 is left out",
    ),
    _ea(
        "blind_stops_at_steps",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    k = max(train_size // batch_size, 1)
    return [i for i in range(steps + 1) if i % k == 0]
""",
        "fail",
        r"steps [-−] 1|includes step|i ?= ?steps|last|beyond|past|range|extra|too many|off.by.one|no steps",
        "goes one step too far: includes i = steps when it is a multiple (24 for (250, 60, 24), 0 for no steps)",
    ),
    _ea(
        "blind_every_batch_size",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    return list(range(0, steps, batch_size))
""",
        "fail",
        r"batch_size|iter_per_epoch|epoch",
        "evaluates every batch_size steps instead of every epoch",
    ),
    _ea(
        "blind_no_max",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    k = train_size // batch_size
    return [i for i in range(steps) if i % k == 0]
""",
        "fail",
        r"max|ZeroDivision|zero|larger|\b0\b",
        "without max(..., 1) a batch larger than the training set gives an epoch of 0 steps: division by zero",
    ),
    _ea(
        "blind_every_train_size",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    return list(range(0, steps, train_size))
""",
        "fail",
        r"train_size|iter_per_epoch|epoch",
        "evaluates every train_size steps: an epoch is train_size // batch_size steps",
    ),
    _ea(
        "blind_end_of_epoch",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    k = max(train_size // batch_size, 1)
    return [i for i in range(steps) if i % k == k - 1]
""",
        "fail",
        r"i ?= ?0|step 0|end of|first|start|i % iter_per_epoch == 0",
        "evaluates at the end of each epoch (train's convention), not at i % iter_per_epoch == 0",
    ),
    _ea(
        "blind_counts_from_1",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    k = max(train_size // batch_size, 1)
    return [i for i in range(1, steps + 1) if i % k == 0]
""",
        "fail",
        r"i ?= ?0|step 0|from 1|first|start|steps - 1",
        "counts the steps 1 to steps: leaves out i = 0",
    ),
    _ea(
        "blind_ceil_division",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    k = max(-(-train_size // batch_size), 1)
    return [i for i in range(steps) if i % k == 0]
""",
        "fail",
        r"//|ceil|round|whole mini|iter_per_epoch|epoch",
        "rounds the epoch up (7 for 200 / 30): an epoch is the whole mini-batches, rounded down",
    ),
    _ea(
        "blind_round",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    k = max(round(train_size / batch_size), 1)
    return [i for i in range(steps) if i % k == 0]
""",
        "fail",
        r"//|round|whole mini|iter_per_epoch|epoch",
        "round(6.67) = 7: an epoch is train_size // batch_size",
    ),
    _ea(
        "blind_returns_count",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    k = max(train_size // batch_size, 1)
    return len([i for i in range(steps) if i % k == 0])
""",
        "fail",
        r"list|int",
        "returns how many evaluations, not the list of steps",
    ),
    _ea(
        "blind_epoch_numbers",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    k = max(train_size // batch_size, 1)
    return [i // k for i in range(steps) if i % k == 0]
""",
        "fail",
        r"epoch|step|expected",
        "returns the epoch numbers 0, 1, 2, ..., not the steps i",
    ),
    # not done
    _ea(
        "blind_skeleton",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    \"\"\"The steps i at which the book's loop records the accuracies, as a list.\"\"\"
    # Your code here.
    raise NotImplementedError
""",
        "not done",
        None,
        "the notebook's skeleton",
    ),
    _ea(
        "blind_half_written",
        """
def my_evaluation_steps(train_size, batch_size, steps):
    iter_per_epoch = max(train_size // batch_size, 1)
    raise NotImplementedError
""",
        "not done",
        None,
        "computes the epoch, then still raises NotImplementedError",
    ),
    _ea(
        "blind_helper_not_done",
        """
def is_evaluated(i, iter_per_epoch):
    raise NotImplementedError


def my_evaluation_steps(train_size, batch_size, steps):
    k = max(train_size // batch_size, 1)
    return [i for i in range(steps) if is_evaluated(i, k)]
""",
        "not done",
        None,
        "its helper still raises NotImplementedError",
    ),
]

BLIND_SETTINGS_ENTRIES = [
    _lc(
        "blind_h4_lr5_other_key_order",
        """
my_settings = {"steps": 800, "batch_size": 50, "lr": 5.0, "hidden_size": 4}
""",
        "pass",
        None,
        "verified with train: 97.2 % of the 1000 new points; 35 200 loss evaluations; key order is irrelevant",
    ),
    _lc(
        "blind_h10_dict_constructor",
        """
my_settings = dict(hidden_size=10, lr=3.0, batch_size=50, steps=1000)
""",
        "pass",
        None,
        "verified: 98.2 %; 2 x 52 x 1000 = 104 000 loss evaluations, within 120 000",
    ),
    _lc(
        "blind_full_batch_200",
        """
my_settings = {"hidden_size": 6, "lr": 2.0, "batch_size": 200, "steps": 1000}
""",
        "pass",
        None,
        "verified: 98.7 %; batch_size 200 is the largest allowed (the whole training set)",
    ),
    _lc(
        "blind_int_lr",
        """
my_settings = {"hidden_size": 5, "lr": 3, "batch_size": 40, "steps": 600}
""",
        "pass",
        None,
        "verified: 97.5 %; an int learning rate is a number like any other",
    ),
    _lc(
        "blind_three_hidden",
        """
my_settings = {"hidden_size": 3, "lr": 4.0, "batch_size": 20, "steps": 1500}
""",
        "pass",
        None,
        "verified: 97.6 %; three hidden neurons can close a triangle around the disc; 51 000 evaluations",
    ),
    _lc(
        "blind_numpy_scalars",
        """
my_settings = {
    "hidden_size": np.int64(8),
    "lr": np.float64(3.0),
    "batch_size": np.int64(100),
    "steps": np.int64(700),
}
""",
        "pass",
        None,
        "verified: 98.8 %; NumPy integers and floats are valid numbers",
    ),
    _lc(
        "blind_at_the_budget_edge",
        """
my_settings = {"hidden_size": 5, "lr": 3.0, "batch_size": 30, "steps": 2222}
""",
        "pass",
        None,
        "verified: 98.6 %; 2 x 27 x 2222 = 119 988 loss evaluations, not more than 120 000",
    ),
    _lc(
        "blind_built_step_by_step",
        """
my_settings = {}
my_settings["hidden_size"] = 7
my_settings["lr"] = 2.5
my_settings.update(batch_size=64, steps=800)
""",
        "pass",
        None,
        "verified: 98.0 %; a dict built up key by key is the same dict",
    ),
    _lc(
        "blind_lr1_many_steps",
        """
hidden, steps = 5, 2000
my_settings = {"hidden_size": hidden, "lr": 1.0, "batch_size": 25, "steps": steps}
""",
        "pass",
        None,
        "verified: 98.5 %; a smaller lr made up for by more steps, 108 000 evaluations",
    ),
    # wrong ones
    _lc(
        "blind_one_hidden",
        """
my_settings = {"hidden_size": 1, "lr": 3.0, "batch_size": 50, "steps": 2000}
""",
        "fail",
        r"hidden|neuron",
        "verified: 50.0 %; one hidden neuron draws a straight boundary, no line separates disc and ring",
    ),
    _lc(
        "blind_two_hidden",
        """
my_settings = {"hidden_size": 2, "lr": 3.0, "batch_size": 50, "steps": 2000}
""",
        "fail",
        r"hidden|neuron",
        "verified: 81.6 %; two hidden neurons give at most a band, not a closed boundary",
    ),
    _lc(
        "blind_lr_0_001",
        """
my_settings = {"hidden_size": 5, "lr": 0.001, "batch_size": 30, "steps": 500}
""",
        "fail",
        r"\blr\b|learning rate|small|still falling|hardly|barely|did not (move|change)",
        "verified: 50.0 %; steps far too small, nothing moves",
    ),
    _lc(
        "blind_book_lr_0_1",
        """
my_settings = {"hidden_size": 5, "lr": 0.1, "batch_size": 30, "steps": 500}
""",
        "fail",
        r"\blr\b|learning rate|small|still falling|more steps",
        "verified: 64.9 %; the book's lr = 0.1 is too small here (the exercise says so)",
    ),
    _lc(
        "blind_lr_1000",
        """
my_settings = {"hidden_size": 5, "lr": 1000.0, "batch_size": 30, "steps": 500}
""",
        "fail",
        r"\blr\b|learning rate|large|rose|jump|stuck|saturat|overshoot",
        "verified: 50.0 %; the first step overshoots and the network is stuck on one class",
    ),
    _lc(
        "blind_too_few_steps",
        """
my_settings = {"hidden_size": 5, "lr": 3.0, "batch_size": 30, "steps": 20}
""",
        "fail",
        r"steps|still falling",
        "verified: 50.0 %; 20 steps are far too few, the loss is still falling",
    ),
    _lc(
        "blind_zero_steps",
        """
my_settings = {"hidden_size": 5, "lr": 3.0, "batch_size": 30, "steps": 0}
""",
        "fail",
        r"steps|no training|untrained",
        "verified: 50.0 %; no training at all",
    ),
    _lc(
        "blind_too_many_steps",
        """
my_settings = {"hidden_size": 10, "lr": 3.0, "batch_size": 50, "steps": 5000}
""",
        "fail",
        r"refus|too (many|long|slow)|120 ?000|budget|loss evaluations|seconds",
        "2 x 52 x 5000 = 520 000 loss evaluations: more than 120 000, refused before training",
    ),
    _lc(
        "blind_missing_steps",
        """
my_settings = {"hidden_size": 5, "lr": 3.0, "batch_size": 30}
""",
        "fail",
        r"steps|missing",
        "the key steps is missing",
    ),
    _lc(
        "blind_misspelled_lr_key",
        """
my_settings = {"hidden_size": 5, "learning_rate": 3.0, "batch_size": 30, "steps": 500}
""",
        "fail",
        r"\blr\b|learning_rate|missing|unknown",
        "the key is lr, not learning_rate: lr is missing",
    ),
    _lc(
        "blind_strings",
        """
my_settings = {"hidden_size": "5", "lr": "3.0", "batch_size": "30", "steps": "500"}
""",
        "fail",
        r"str|number|quot|text",
        "the values are strings, not numbers",
    ),
    _lc(
        "blind_lr_none",
        """
my_settings = {"hidden_size": 5, "lr": None, "batch_size": 30, "steps": 500}
""",
        "fail",
        r"\blr\b|None|number",
        "lr is None",
    ),
    _lc(
        "blind_lr_nan",
        """
my_settings = {"hidden_size": 5, "lr": float("nan"), "batch_size": 30, "steps": 500}
""",
        "fail",
        r"\bnan\b|finite|\blr\b",
        "lr is NaN",
    ),
    _lc(
        "blind_lr_inf",
        """
my_settings = {"hidden_size": 5, "lr": np.inf, "batch_size": 30, "steps": 500}
""",
        "fail",
        r"\binf|finite|\blr\b",
        "lr is infinite",
    ),
    _lc(
        "blind_negative_lr",
        """
my_settings = {"hidden_size": 5, "lr": -3.0, "batch_size": 30, "steps": 500}
""",
        "fail",
        r"\blr\b|negative|positive|> ?0",
        "a negative learning rate steps uphill; train requires lr > 0",
    ),
    _lc(
        "blind_negative_steps",
        """
my_settings = {"hidden_size": 5, "lr": 3.0, "batch_size": 30, "steps": -500}
""",
        "fail",
        r"steps|negative|>= ?0",
        "a negative number of steps",
    ),
    _lc(
        "blind_batch_size_0",
        """
my_settings = {"hidden_size": 5, "lr": 3.0, "batch_size": 0, "steps": 500}
""",
        "fail",
        r"batch_size|batch size",
        "batch_size must be 1 to 200",
    ),
    _lc(
        "blind_batch_size_500",
        """
my_settings = {"hidden_size": 5, "lr": 3.0, "batch_size": 500, "steps": 500}
""",
        "fail",
        r"batch_size|batch size|200",
        "batch_size must be 1 to 200",
    ),
    _lc(
        "blind_hidden_0",
        """
my_settings = {"hidden_size": 0, "lr": 3.0, "batch_size": 30, "steps": 500}
""",
        "fail",
        r"hidden",
        "a network with no hidden neuron",
    ),
    _lc(
        "blind_hidden_fraction",
        """
my_settings = {"hidden_size": 4.5, "lr": 3.0, "batch_size": 30, "steps": 500}
""",
        "fail",
        r"hidden|whole|integer|\bint\b",
        "hidden_size must be a whole number",
    ),
    _lc(
        "blind_a_list",
        """
my_settings = [5, 3.0, 30, 500]
""",
        "fail",
        r"dict",
        "the settings must be a dict with the four keys, not a list",
    ),
    # not done
    _lc(
        "blind_skeleton",
        """
my_settings = {"hidden_size": ..., "lr": ..., "batch_size": ..., "steps": ...}
""",
        "not done",
        None,
        "the notebook's skeleton",
    ),
    _lc(
        "blind_lr_left_out",
        """
my_settings = {"hidden_size": 5, "lr": ..., "batch_size": 30, "steps": 500}
""",
        "not done",
        None,
        "the lr placeholder is still there",
    ),
    _lc(
        "blind_only_hidden_filled",
        """
my_settings = {"hidden_size": 8, "lr": ..., "batch_size": ..., "steps": ...}
""",
        "not done",
        None,
        "three placeholders left",
    ),
]

SUBMISSIONS += BLIND_SGD_ENTRIES + BLIND_EPOCH_ENTRIES + BLIND_SETTINGS_ENTRIES


# --- Notebook 08, blind: backpropagation (MulLayer, Relu, Affine, the softmax-with-loss gradient) ---------------
# Written blind from the exercise texts, /tmp/api17.md, nbhelpers/layers.py and the book's ch. 5 code (without
# reading nbhelpers/checks/layers.py or any other helper's entries for these checks). The verdicts say what is
# mathematically right for a learner: a gradient with the right values in the right shape passes in any style.
# Names start with "b8_" so that they cannot clash with another block's entries for the same checks.

#: Notebook 08, above its exercises: the imports (every entry defines what it uses itself).
G08 = """
import numpy as np
import nbhelpers
from nbhelpers import checks
"""


def _b8mul(name, code, verdict, hint, why):
    return Submission("check_mul_layer", name, "MulLayer", code, verdict, hint, why, G08)


def _b8relu(name, code, verdict, hint, why):
    return Submission("check_relu", name, "Relu", code, verdict, hint, why, G08)


def _b8aff(name, code, verdict, hint, why):
    return Submission("check_affine", name, "Affine", code, verdict, hint, why, G08)


def _b8smg(name, code, verdict, hint, why):
    return Submission(
        "check_softmax_with_loss_grad", name, "softmax_with_loss_grad", code, verdict, hint, why, G08
    )


#: The exercise's MulLayer above backward (given to the learner); an entry adds its backward method.
B8_MUL_HEAD = """
class MulLayer:
    def __init__(self):
        self.x = None
        self.y = None

    def forward(self, x, y):
        self.x = x
        self.y = y
        return x * y
"""

#: The exercise's Affine above backward (given to the learner); an entry adds its backward method.
B8_AFFINE_HEAD = """
class Affine:
    def __init__(self, W, b):
        self.W = W
        self.b = b
        self.x = None
        self.dW = None
        self.db = None

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b
"""

B8_SWAP = r"swap|other input|the other|exchang|revers|each input gets"
B8_NO_DOUT = r"multipl|times dout|comes back|chain|upstream|derivative alone"
B8_TIMES_LOCAL = r"local derivative|times|multipl|\* ?(self\.)?[xy]\b|other input"
B8_IN_PLACE = r"in.place|modif|chang|overwr|copy|writes into"
B8_MASK = r"mask|forward's x|from forward|in forward|sign of dout|where dout"
B8_DTYPE = r"float64|dtype|input's type"
B8_TRANSPOSE = r"transpos|\.T\b|ᵀ|turns? (a matrix |it )?around"
B8_BATCH_SUM = r"sum|add up|axis|every example|all examples|over the batch"
B8_OVER_N = r"\bN\b|1/N|divid|mean|average|batch size|already"
B8_NONE = r"None|return"
B8_TUPLE = r"tuple|one array|pair|two|both"
B8_SOFTMAX = r"softmax is|softmax of|missing|sigmoid|probabilit|sum to 1"
B8_SIGN = r"sign|minus|opposite|negat|revers|t ?[-−] ?y"
B8_ONE_HOT = r"one.hot|label|right class|correct class|each row|t\[n\]"
B8_PER_ROW = r"each row|per row|every row|its own|axis|each example|per example|sum to 1"
B8_NAME = r"self|not defined|NameError"

B8_MUL_ENTRIES = [
    # pass
    _b8mul(
        "b8_book",
        B8_MUL_HEAD
        + """
    def backward(self, dout):
        dx = dout * self.y  # each input gets the other input
        dy = dout * self.x
        return dx, dy
""",
        "pass",
        None,
        "the book's MulLayer.backward",
    ),
    _b8mul(
        "b8_one_line_return",
        B8_MUL_HEAD
        + """
    def backward(self, dout):
        return dout * self.y, dout * self.x
""",
        "pass",
        None,
        "the same pair returned directly",
    ),
    _b8mul(
        "b8_local_first",
        B8_MUL_HEAD
        + """
    def backward(self, dout):
        dx = self.y * dout
        dy = self.x * dout
        return dx, dy
""",
        "pass",
        None,
        "multiplication commutes: local derivative times dout",
    ),
    _b8mul(
        "b8_np_multiply",
        B8_MUL_HEAD
        + """
    def backward(self, dout):
        dx = np.multiply(dout, self.y)
        dy = np.multiply(dout, self.x)
        return dx, dy
""",
        "pass",
        None,
        "np.multiply is *; for Python numbers it returns NumPy numbers of the same value",
    ),
    _b8mul(
        "b8_named_local_derivatives",
        B8_MUL_HEAD
        + """
    def backward(self, dout):
        dz_dx = self.y   # z = x * y: dz/dx = y
        dz_dy = self.x   #            dz/dy = x
        dx = dout * dz_dx
        dy = dout * dz_dy
        return dx, dy
""",
        "pass",
        None,
        "the chain rule spelled out: dout times each local derivative",
    ),
    _b8mul(
        "b8_stores_other_input",
        """
class MulLayer:
    def __init__(self):
        self.x = None
        self.y = None

    def forward(self, x, y):
        # keep for each input the OTHER input: that is its local derivative
        self.x = y
        self.y = x
        return x * y

    def backward(self, dout):
        dx = dout * self.x
        dy = dout * self.y
        return dx, dy
""",
        "pass",
        None,
        "forward stores the swapped inputs on purpose, backward uses them consistently: right values",
    ),
    _b8mul(
        "b8_asarray",
        B8_MUL_HEAD
        + """
    def backward(self, dout):
        dout = np.asarray(dout)
        dx = dout * np.asarray(self.y)
        dy = dout * np.asarray(self.x)
        return dx, dy
""",
        "pass",
        None,
        "works on arrays; for Python numbers it returns NumPy numbers/0-d arrays of the right value",
    ),
    _b8mul(
        "b8_copies",
        """
class MulLayer:
    def __init__(self):
        self.x = None
        self.y = None

    def forward(self, x, y):
        self.x = np.copy(x)   # keep copies: a later change of the caller's arrays cannot change them
        self.y = np.copy(y)
        return x * y

    def backward(self, dout):
        return np.copy(dout * self.y), np.copy(dout * self.x)
""",
        "pass",
        None,
        "copies everywhere: the same values",
    ),
    _b8mul(
        "b8_times_one_point_zero",
        B8_MUL_HEAD
        + """
    def backward(self, dout):
        dx = 1.0 * dout * self.y
        dy = 1.0 * dout * self.x
        return (dx, dy)
""",
        "pass",
        None,
        "1.0 * changes ints into floats of the same value; a parenthesised tuple is the same tuple",
    ),
    _b8mul(
        "b8_returns_list",
        B8_MUL_HEAD
        + """
    def backward(self, dout):
        return [dout * self.y, dout * self.x]
""",
        "pass",
        None,
        # A list of the two derivatives unpacks as `dx, dy = mul.backward(dout)` exactly like a tuple; the values
        # are right. Judged as right (a check could ask for a tuple, but nothing in the exercise depends on it).
        "a list [dx, dy] unpacks like the tuple: the right two derivatives",
    ),
    _b8mul(
        "b8_generator_tuple",
        B8_MUL_HEAD
        + """
    def backward(self, dout):
        # each input gets dout times the other input
        return tuple(dout * other for other in (self.y, self.x))
""",
        "pass",
        None,
        "a tuple built from a generator: (dout * y, dout * x)",
    ),
    # fail
    _b8mul(
        "b8_swapped",
        B8_MUL_HEAD
        + """
    def backward(self, dout):
        dx = dout * self.x
        dy = dout * self.y
        return dx, dy
""",
        "fail",
        B8_SWAP,
        "dx must be dout times y (the OTHER input), not dout times x",
    ),
    _b8mul(
        "b8_returned_in_wrong_order",
        B8_MUL_HEAD
        + """
    def backward(self, dout):
        dx = dout * self.y
        dy = dout * self.x
        return dy, dx
""",
        "fail",
        B8_SWAP + r"|order",
        "right derivatives returned as (dy, dx): the caller reads them as (dx, dy)",
    ),
    _b8mul(
        "b8_dout_alone",
        B8_MUL_HEAD
        + """
    def backward(self, dout):
        dx = dout
        dy = dout
        return dx, dy
""",
        "fail",
        B8_TIMES_LOCAL,
        "that is the AddLayer's backward: a multiplication node multiplies dout by the other input",
    ),
    _b8mul(
        "b8_missing_dout",
        B8_MUL_HEAD
        + """
    def backward(self, dout):
        dx = self.y
        dy = self.x
        return dx, dy
""",
        "fail",
        B8_NO_DOUT,
        "only the local derivatives: what comes back (dout) is never multiplied in",
    ),
    _b8mul(
        "b8_x_times_y",
        B8_MUL_HEAD
        + """
    def backward(self, dout):
        dx = dout * self.x * self.y
        dy = dout * self.x * self.y
        return dx, dy
""",
        "fail",
        B8_TIMES_LOCAL + r"|x·y|x ?\* ?y|product",
        "multiplies dout by the forward output x*y instead of by the other input",
    ),
    _b8mul(
        "b8_forward_output_no_dout",
        B8_MUL_HEAD
        + """
    def backward(self, dout):
        out = self.x * self.y
        return out, out
""",
        "fail",
        B8_NO_DOUT + r"|x·y|x ?\* ?y|forward result|local derivative",
        "returns the forward output twice: neither dout nor the local derivatives",
    ),
    _b8mul(
        "b8_divides",
        B8_MUL_HEAD
        + """
    def backward(self, dout):
        dx = dout / self.y
        dy = dout / self.x
        return dx, dy
""",
        "fail",
        B8_TIMES_LOCAL + r"|divid",
        "divides by the other input instead of multiplying by it",
    ),
    _b8mul(
        "b8_copy_paste_dy",
        B8_MUL_HEAD
        + """
    def backward(self, dout):
        dx = dout * self.y
        dy = dout * self.y
        return dx, dy
""",
        "fail",
        r"other input|own input|other factor|\* ?(self\.)?x\b",
        "dy copied from dx: it must be dout times x",
    ),
    _b8mul(
        "b8_only_dx",
        B8_MUL_HEAD
        + """
    def backward(self, dout):
        dx = dout * self.y
        dy = dout * self.x
        return dx
""",
        "fail",
        B8_TUPLE,
        "returns dx only: backward must return both (dx, dy)",
    ),
    _b8mul(
        "b8_sum_of_both",
        B8_MUL_HEAD
        + """
    def backward(self, dout):
        return dout * self.y + dout * self.x
""",
        "fail",
        B8_TUPLE,
        "adds the two derivatives into one value: backward must return the pair (dx, dy)",
    ),
    _b8mul(
        "b8_forgot_return",
        B8_MUL_HEAD
        + """
    def backward(self, dout):
        dx = dout * self.y
        dy = dout * self.x
""",
        "fail",
        B8_NONE,
        "computes both, returns nothing (None)",
    ),
    _b8mul(
        "b8_print_instead_of_return",
        B8_MUL_HEAD
        + """
    def backward(self, dout):
        dx = dout * self.y
        dy = dout * self.x
        print(dx, dy)
""",
        "fail",
        B8_NONE + r"|print",
        "prints the derivatives and returns None",
    ),
    _b8mul(
        "b8_globals_not_self",
        B8_MUL_HEAD
        + """
    def backward(self, dout):
        dx = dout * y
        dy = dout * x
        return dx, dy
""",
        "fail",
        B8_NAME,
        "x and y are not defined in backward: the values forward kept are self.x and self.y",
    ),
    _b8mul(
        "b8_dout_changed_in_place",
        B8_MUL_HEAD
        + """
    def backward(self, dout):
        dx = dout
        dx *= self.y          # for an array this changes dout itself ...
        dy = dout * self.x    # ... so dy = dout * y * x
        return dx, dy
""",
        "fail",
        B8_IN_PLACE,
        # Right for Python numbers (`dx *= y` rebinds dx), wrong for arrays: dx IS dout, so `*=` changes the
        # caller's dout and dy comes out as dout*y*x. MulLayer works on arrays (nbhelpers.MulLayer does).
        "for arrays `dx *= y` changes dout itself: the caller's dout is changed and dy is dout*y*x",
    ),
    # not done
    _b8mul(
        "b8_skeleton",
        B8_MUL_HEAD
        + """
    def backward(self, dout):
        dx = ...  # your code: what comes back times the local derivative
        dy = ...
        return dx, dy
""",
        "not done",
        None,
        "the exercise's skeleton: both placeholders still there",
    ),
    _b8mul(
        "b8_only_dx_filled",
        B8_MUL_HEAD
        + """
    def backward(self, dout):
        dx = dout * self.y
        dy = ...
        return dx, dy
""",
        "not done",
        None,
        "dy is still the placeholder",
    ),
    _b8mul(
        "b8_pass",
        B8_MUL_HEAD
        + """
    def backward(self, dout):
        pass
""",
        "not done",
        None,
        "backward's body is just pass: nothing written yet",
    ),
    _b8mul(
        "b8_not_implemented",
        B8_MUL_HEAD
        + """
    def backward(self, dout):
        raise NotImplementedError
""",
        "not done",
        None,
        "still raises NotImplementedError",
    ),
]

B8_RELU_ENTRIES = [
    # pass
    _b8relu(
        "b8_reference_copies",
        """
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = (x <= 0)
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dx = dout.copy()        # a copy: the caller's dout stays as it was
        dx[self.mask] = 0
        return dx
""",
        "pass",
        None,
        "the book's Relu with a copy in backward",
    ),
    _b8relu(
        "b8_np_where",
        """
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        return np.where(self.mask, 0, x)

    def backward(self, dout):
        return np.where(self.mask, 0, dout)
""",
        "pass",
        None,
        "np.where builds new arrays; a Python 0 keeps float32 (NumPy 2)",
    ),
    _b8relu(
        "b8_maximum_and_not_mask",
        """
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        return np.maximum(0, x)

    def backward(self, dout):
        return dout * ~self.mask
""",
        "pass",
        None,
        "np.maximum(0, x) and dout times the boolean 'x > 0': new arrays, float32 kept",
    ),
    _b8relu(
        "b8_mask_is_positive",
        """
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x > 0          # where the signal passes
        return x * self.mask

    def backward(self, dout):
        return dout * self.mask
""",
        "pass",
        None,
        # x * False is -0.0 for negative x: equal to 0 (-0.0 == 0.0).
        "the mask stored the other way round (x > 0) and used consistently",
    ),
    _b8relu(
        "b8_positive_times_dout",
        """
class Relu:
    def __init__(self):
        self.mask = None
        self.x = None

    def forward(self, x):
        self.x = x
        self.mask = x <= 0
        return np.maximum(x, 0.0)

    def backward(self, dout):
        return (self.x > 0) * dout
""",
        "pass",
        None,
        "keeps x and uses (x > 0) * dout: the local derivative 1 or 0 times dout",
    ),
    _b8relu(
        "b8_mask_strictly_negative",
        """
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x < 0
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dx = dout.copy()
        dx[self.mask] = 0
        return dx
""",
        "pass",
        None,
        # At exactly x = 0 ReLU has no derivative: any value in [0, 1] is a valid subgradient. Passing dout
        # through at x = 0 (mask x < 0) is as right as blocking it (the book's x <= 0); forward gives 0 either way.
        "mask x < 0 instead of x <= 0: differs only at x = 0, where the derivative is undefined (both are right)",
    ),
    _b8relu(
        "b8_clip_zeros_like",
        """
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        return np.clip(x, 0, None)

    def backward(self, dout):
        return np.where(self.mask, np.zeros_like(dout), dout)
""",
        "pass",
        None,
        "np.clip from 0 up; zeros_like keeps dout's dtype",
    ),
    _b8relu(
        "b8_np_array_copy",
        """
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        out = np.array(x)          # np.array copies
        self.mask = out <= 0
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dx = np.array(dout)
        dx[self.mask] = 0
        return dx
""",
        "pass",
        None,
        "np.array(...) is a copy (same dtype): the masked assignment changes only the copy",
    ),
    _b8relu(
        "b8_mask_from_output",
        """
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        out = np.maximum(x, 0)
        self.mask = out == 0       # the output is 0 exactly where x <= 0
        return out

    def backward(self, dout):
        return np.multiply(dout, np.logical_not(self.mask))
""",
        "pass",
        None,
        "mask read from the output (0 exactly where x <= 0), then dout times its negation",
    ),
    _b8relu(
        "b8_heaviside",
        """
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        self.slope = np.heaviside(x, 0)    # 1 where x > 0, 0 elsewhere (same dtype as x)
        return x * self.slope

    def backward(self, dout):
        return dout * self.slope
""",
        "pass",
        None,
        "the local derivative stored as the step function of x (heaviside keeps float32)",
    ),
    _b8relu(
        "b8_ndindex_loop",
        """
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        out = x.copy()
        for i in np.ndindex(x.shape):      # every position, any number of axes
            if self.mask[i]:
                out[i] = 0
        return out

    def backward(self, dout):
        dx = dout.copy()
        for i in np.ndindex(dout.shape):
            if self.mask[i]:
                dx[i] = 0
        return dx
""",
        "pass",
        None,
        "an element loop over np.ndindex: slow but right for any shape, on copies",
    ),
    _b8relu(
        "b8_float32_explicit",
        """
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        return (x * (~self.mask)).astype(x.dtype)

    def backward(self, dout):
        return (dout * (~self.mask)).astype(dout.dtype)
""",
        "pass",
        None,
        "casts back to the input's dtype explicitly: float32 stays float32",
    ),
    # fail
    _b8relu(
        "b8_book_in_place",
        """
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = (x <= 0)
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dout[self.mask] = 0
        dx = dout
        return dx
""",
        "fail",
        B8_IN_PLACE,
        "the book's backward: `dout[self.mask] = 0` changes the caller's dout array (the values are right)",
    ),
    _b8relu(
        "b8_alias_then_in_place",
        """
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        return np.maximum(0, x)

    def backward(self, dout):
        dx = dout              # not a copy: dx IS dout
        dx *= ~self.mask
        return dx
""",
        "fail",
        B8_IN_PLACE,
        "dx = dout is the same array; *= changes the caller's dout",
    ),
    _b8relu(
        "b8_in_place_then_copy",
        """
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        return np.maximum(0, x)

    def backward(self, dout):
        dout[self.mask] = 0
        return dout.copy()     # too late: dout was already changed
""",
        "fail",
        B8_IN_PLACE,
        "copies after changing dout in place: the caller's dout is changed all the same",
    ),
    _b8relu(
        "b8_forward_in_place",
        """
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        x[self.mask] = 0
        return x

    def backward(self, dout):
        return np.where(self.mask, 0, dout)
""",
        "fail",
        B8_IN_PLACE,
        "forward sets the caller's x to 0 where negative: x must not change",
    ),
    _b8relu(
        "b8_forward_alias_no_copy",
        """
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        out = x                # forgot .copy(): out IS x
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dx = dout.copy()
        dx[self.mask] = 0
        return dx
""",
        "fail",
        B8_IN_PLACE,
        "out = x is not a copy: forward changes the caller's x",
    ),
    _b8relu(
        "b8_mask_from_dout",
        """
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        return np.maximum(0, x)

    def backward(self, dout):
        return np.maximum(0, dout)
""",
        "fail",
        B8_MASK,
        "ReLU applied to dout: zeroes where dout < 0; the mask must come from forward's x",
    ),
    _b8relu(
        "b8_mask_recomputed_in_backward",
        """
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        return np.maximum(0, x)

    def backward(self, dout):
        self.mask = dout <= 0
        dx = dout.copy()
        dx[self.mask] = 0
        return dx
""",
        "fail",
        B8_MASK,
        "the mask recomputed from dout in backward: it must be where forward's x was <= 0",
    ),
    _b8relu(
        "b8_backward_returns_dout",
        """
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        return np.maximum(0, x)

    def backward(self, dout):
        return dout
""",
        "fail",
        B8_MASK + r"|unchanged|0 where|derivative is 0",
        "returns dout unchanged: the entries where x <= 0 must become 0",
    ),
    _b8relu(
        "b8_inverted_mask",
        """
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        return np.maximum(0, x)

    def backward(self, dout):
        return dout * self.mask
""",
        "fail",
        B8_MASK + r"|invert|opposite|the other way|revers",
        "keeps dout where x <= 0 and zeroes it where x > 0: the mask the wrong way round",
    ),
    _b8relu(
        "b8_backward_without_dout",
        """
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        return np.maximum(0, x)

    def backward(self, dout):
        return np.where(self.mask, 0.0, 1.0)
""",
        "fail",
        B8_NO_DOUT,
        "returns only the local derivative (1 or 0): it must be multiplied by dout",
    ),
    _b8relu(
        "b8_backward_times_output",
        """
class Relu:
    def __init__(self):
        self.mask = None
        self.out = None

    def forward(self, x):
        self.mask = x <= 0
        self.out = np.maximum(0, x)
        return self.out

    def backward(self, dout):
        return dout * self.out      # as the sigmoid layer keeps its output
""",
        "fail",
        r"1 or 0|0 or 1|local derivative|mask|slope|output|\bout\b",
        "multiplies dout by the output max(x, 0): the local derivative of ReLU is 1 (x > 0) or 0",
    ),
    _b8relu(
        "b8_forward_returns_step",
        """
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        return (x > 0).astype(x.dtype)

    def backward(self, dout):
        return np.where(self.mask, 0, dout)
""",
        "fail",
        r"max\(|step|1 or 0|0 or 1|1 where",
        "forward returns the step function (0/1), not max(x, 0)",
    ),
    _b8relu(
        "b8_forward_identity",
        """
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        return x.copy()

    def backward(self, dout):
        return np.where(self.mask, 0, dout)
""",
        "fail",
        r"max\(|negative|0 where|unchanged|≤ 0|<= 0",
        "forward returns x itself: the negative entries must become 0",
    ),
    _b8relu(
        "b8_np_max_axis",
        """
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        return np.max(x, 0)          # np.max(x, 0) is the maximum along axis 0!

    def backward(self, dout):
        return np.where(self.mask, 0, dout)
""",
        "fail",
        r"np\.max|maximum|axis",
        "np.max(x, 0) reduces along axis 0: np.maximum(x, 0) is the element-wise max",
    ),
    _b8relu(
        "b8_python_max",
        """
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        return max(x, 0)

    def backward(self, dout):
        return np.where(self.mask, 0, dout)
""",
        "fail",
        r"ambiguous|maximum|max|truth",
        "Python's max cannot compare an array with 0 (ValueError: truth value ambiguous): np.maximum",
    ),
    _b8relu(
        "b8_float64_forward",
        """
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        out = np.zeros(x.shape)              # float64 whatever x is
        out[~self.mask] = x[~self.mask]
        return out

    def backward(self, dout):
        dx = np.zeros_like(dout)
        dx[~self.mask] = dout[~self.mask]
        return dx
""",
        "fail",
        B8_DTYPE,
        "np.zeros(x.shape) is float64: a float32 x gives a float64 output (must keep float32)",
    ),
    _b8relu(
        "b8_one_minus_mask_float64",
        """
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        return np.maximum(0, x)

    def backward(self, dout):
        return dout * (1 - self.mask)      # 1 - bool array is int64: float32 * int64 -> float64
""",
        "fail",
        B8_DTYPE,
        "1 - mask is an int64 array, so a float32 dout gives a float64 dx (must keep float32)",
    ),
    _b8relu(
        "b8_only_2d",
        """
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        out = x.copy()
        for i in range(x.shape[0]):
            for j in range(x.shape[1]):
                if x[i, j] <= 0:
                    out[i, j] = 0
        return out

    def backward(self, dout):
        dx = dout.copy()
        for i in range(dout.shape[0]):
            for j in range(dout.shape[1]):
                if self.mask[i, j]:
                    dx[i, j] = 0
        return dx
""",
        "fail",
        r"axes|dimension|ndim|any shape|-D\b",
        "two nested loops work only for 2-D arrays: a layer must take any shape",
    ),
    _b8relu(
        "b8_backward_forgot_return",
        """
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        return np.maximum(0, x)

    def backward(self, dout):
        dx = np.where(self.mask, 0, dout)
""",
        "fail",
        B8_NONE,
        "backward computes dx and returns None",
    ),
    _b8relu(
        "b8_forward_forgot_mask",
        """
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        mask = x <= 0          # a local variable: self.mask stays None
        return np.where(mask, 0, x)

    def backward(self, dout):
        dx = dout.copy()
        dx[self.mask] = 0      # dx[None] = 0 sets every entry to 0
        return dx
""",
        "fail",
        r"mask|None|0 everywhere|every entry",
        "the mask is never stored on self: backward's dx[None] = 0 zeroes every entry",
    ),
    # not done
    _b8relu(
        "b8_skeleton_ellipsis",
        """
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        # your code: remember where x <= 0 in self.mask, return max(x, 0) as a new array
        ...

    def backward(self, dout):
        # your code: dout with 0 where the mask is True, as a new array
        ...
""",
        "not done",
        None,
        "the skeleton: both bodies still just ...",
    ),
    _b8relu(
        "b8_skeleton_pass",
        """
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        pass

    def backward(self, dout):
        pass
""",
        "not done",
        None,
        "both bodies just pass",
    ),
    _b8relu(
        "b8_not_implemented",
        """
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        raise NotImplementedError

    def backward(self, dout):
        raise NotImplementedError
""",
        "not done",
        None,
        "both methods still raise NotImplementedError",
    ),
    _b8relu(
        "b8_backward_not_implemented",
        """
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        return np.maximum(0, x)

    def backward(self, dout):
        raise NotImplementedError
""",
        "not done",
        None,
        "forward written, backward still raises NotImplementedError",
    ),
    _b8relu(
        "b8_backward_placeholder",
        """
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        return np.maximum(0, x)

    def backward(self, dout):
        dx = ...  # your code
        return dx
""",
        "not done",
        None,
        "forward written, backward still returns the ... placeholder",
    ),
]

B8_AFFINE_ENTRIES = [
    # pass
    _b8aff(
        "b8_matmul_operator",
        B8_AFFINE_HEAD
        + """
    def backward(self, dout):
        dx = dout @ self.W.T
        self.dW = self.x.T @ dout
        self.db = dout.sum(axis=0)
        return dx
""",
        "pass",
        None,
        "the three formulas with @",
    ),
    _b8aff(
        "b8_book_np_dot",
        B8_AFFINE_HEAD
        + """
    def backward(self, dout):
        dx = np.dot(dout, self.W.T)
        self.dW = np.dot(self.x.T, dout)
        self.db = np.sum(dout, axis=0)
        return dx
""",
        "pass",
        None,
        "the book's backward (np.dot, np.sum(axis=0))",
    ),
    _b8aff(
        "b8_np_matmul_transpose",
        B8_AFFINE_HEAD
        + """
    def backward(self, dout):
        self.dW = np.matmul(np.transpose(self.x), dout)
        self.db = np.add.reduce(dout, axis=0)
        return np.matmul(dout, np.transpose(self.W))
""",
        "pass",
        None,
        "np.matmul, np.transpose and np.add.reduce: the same formulas",
    ),
    _b8aff(
        "b8_einsum",
        B8_AFFINE_HEAD
        + """
    def backward(self, dout):
        self.dW = np.einsum("ni,nj->ij", self.x, dout)
        self.db = np.einsum("nj->j", dout)
        return np.einsum("nj,ij->ni", dout, self.W)
""",
        "pass",
        None,
        "the sums over the batch and the output index written as einsum",
    ),
    _b8aff(
        "b8_keepdims_then_reshape",
        B8_AFFINE_HEAD
        + """
    def backward(self, dout):
        dx = dout @ self.W.T
        self.dW = self.x.T @ dout
        self.db = np.sum(dout, axis=0, keepdims=True).reshape(self.b.shape)
        return dx
""",
        "pass",
        None,
        "sum with keepdims, then reshaped to b's shape (M,)",
    ),
    _b8aff(
        "b8_loop_over_batch_zeros_like",
        B8_AFFINE_HEAD
        + """
    def backward(self, dout):
        dx = np.zeros_like(self.x)
        self.dW = np.zeros_like(self.W)
        self.db = np.zeros_like(self.b)
        for n in range(len(dout)):
            self.dW += np.outer(self.x[n], dout[n])
            self.db += dout[n]
            dx[n] = self.W @ dout[n]
        return dx
""",
        "pass",
        None,
        "one example at a time, accumulating dW and db over the batch (dtype kept by zeros_like)",
    ),
    _b8aff(
        "b8_loop_over_batch_float64",
        B8_AFFINE_HEAD
        + """
    def backward(self, dout):
        N, D = self.x.shape
        M = dout.shape[1]
        dx = np.zeros((N, D))
        dW = np.zeros((D, M))
        db = np.zeros(M)
        for n in range(N):
            for i in range(D):
                for j in range(M):
                    dW[i, j] += self.x[n, i] * dout[n, j]
                    dx[n, i] += dout[n, j] * self.W[i, j]
            db += dout[n]
        self.dW, self.db = dW, db
        return dx
""",
        "pass",
        None,
        # np.zeros gives float64 even for float32 data. The exercise asks for the three gradients; their values
        # and shapes are right, and a float64 dW still updates a float32 W in place (W -= lr * dW casts back).
        "triple loop with float64 accumulators: right values and shapes (the dtype is not part of this exercise)",
    ),
    _b8aff(
        "b8_transposes_of_products",
        B8_AFFINE_HEAD
        + """
    def backward(self, dout):
        self.dW = (dout.T @ self.x).T          # (x^T dout) = (dout^T x)^T
        self.db = np.ones(len(dout), dtype=dout.dtype) @ dout
        return (self.W @ dout.T).T             # dout W^T = (W dout^T)^T
""",
        "pass",
        None,
        "the same products through (AB)^T = B^T A^T; db as ones @ dout (a sum over the batch)",
    ),
    _b8aff(
        "b8_book_with_reshape",
        """
class Affine:
    def __init__(self, W, b):
        self.W = W
        self.b = b
        self.x = None
        self.original_x_shape = None
        self.dW = None
        self.db = None

    def forward(self, x):
        self.original_x_shape = x.shape
        x = x.reshape(x.shape[0], -1)
        self.x = x
        return np.dot(self.x, self.W) + self.b

    def backward(self, dout):
        dx = np.dot(dout, self.W.T)
        self.dW = np.dot(self.x.T, dout)
        self.db = np.sum(dout, axis=0)
        dx = dx.reshape(*self.original_x_shape)
        return dx
""",
        "pass",
        None,
        "the book's whole Affine (common/layers.py), with the reshape for image batches",
    ),
    _b8aff(
        "b8_copy_of_dout",
        B8_AFFINE_HEAD
        + """
    def backward(self, dout):
        g = np.array(dout, copy=True)
        self.db = g.sum(0)
        self.dW = self.x.T.dot(g)
        return g.dot(self.W.T)
""",
        "pass",
        None,
        "array methods .dot and .sum(0) on a copy of dout",
    ),
    # fail
    _b8aff(
        "b8_dx_missing_transpose",
        B8_AFFINE_HEAD
        + """
    def backward(self, dout):
        dx = dout @ self.W
        self.dW = self.x.T @ dout
        self.db = dout.sum(axis=0)
        return dx
""",
        "fail",
        B8_TRANSPOSE,
        "dx = dout @ W: it must be dout @ W.T (shape error unless W is square, wrong values if it is)",
    ),
    _b8aff(
        "b8_dW_missing_transpose",
        B8_AFFINE_HEAD
        + """
    def backward(self, dout):
        dx = dout @ self.W.T
        self.dW = self.x @ dout
        self.db = dout.sum(axis=0)
        return dx
""",
        "fail",
        B8_TRANSPOSE,
        "dW = x @ dout: it must be x.T @ dout",
    ),
    _b8aff(
        "b8_dW_transposed",
        B8_AFFINE_HEAD
        + """
    def backward(self, dout):
        dx = dout @ self.W.T
        self.dW = dout.T @ self.x
        self.db = dout.sum(axis=0)
        return dx
""",
        "fail",
        B8_TRANSPOSE + r"|W's shape",
        "dW = dout.T @ x has shape (M, D): it is the transpose of x.T @ dout; dW must have W's shape",
    ),
    _b8aff(
        "b8_dx_W_times_dout",
        B8_AFFINE_HEAD
        + """
    def backward(self, dout):
        dx = self.W @ dout
        self.dW = self.x.T @ dout
        self.db = dout.sum(axis=0)
        return dx
""",
        "fail",
        B8_TRANSPOSE + r"|order",
        "dx = W @ dout: wrong order and no transpose (dout @ W.T)",
    ),
    _b8aff(
        "b8_db_not_summed",
        B8_AFFINE_HEAD
        + """
    def backward(self, dout):
        dx = dout @ self.W.T
        self.dW = self.x.T @ dout
        self.db = dout
        return dx
""",
        "fail",
        B8_BATCH_SUM,
        "db = dout keeps one row per example: it must be summed over the batch (axis 0)",
    ),
    _b8aff(
        "b8_db_summed_over_axis_1",
        B8_AFFINE_HEAD
        + """
    def backward(self, dout):
        dx = dout @ self.W.T
        self.dW = self.x.T @ dout
        self.db = np.sum(dout, axis=1)
        return dx
""",
        "fail",
        B8_BATCH_SUM,
        "sums over the outputs (axis 1): db must sum over the batch (axis 0), one value per bias",
    ),
    _b8aff(
        "b8_db_sum_of_everything",
        B8_AFFINE_HEAD
        + """
    def backward(self, dout):
        dx = dout @ self.W.T
        self.dW = self.x.T @ dout
        self.db = np.sum(dout)
        return dx
""",
        "fail",
        B8_BATCH_SUM,
        "np.sum without axis adds everything into one number: db needs one value per bias",
    ),
    _b8aff(
        "b8_db_keepdims_not_reshaped",
        B8_AFFINE_HEAD
        + """
    def backward(self, dout):
        dx = dout @ self.W.T
        self.dW = self.x.T @ dout
        self.db = np.sum(dout, axis=0, keepdims=True)
        return dx
""",
        "fail",
        r"keepdims|\(1, ?\d+\)|b's shape|b has shape",
        "db of shape (1, M), not b's shape (M,): `b -= lr * db` fails (cannot broadcast into b)",
    ),
    _b8aff(
        "b8_divides_by_N",
        B8_AFFINE_HEAD
        + """
    def backward(self, dout):
        N = self.x.shape[0]
        dx = dout @ self.W.T
        self.dW = self.x.T @ dout / N
        self.db = np.sum(dout, axis=0) / N
        return dx
""",
        "fail",
        B8_OVER_N,
        "divides by N: dout already carries the loss's 1/N; dW and db are plain sums",
    ),
    _b8aff(
        "b8_db_mean",
        B8_AFFINE_HEAD
        + """
    def backward(self, dout):
        dx = dout @ self.W.T
        self.dW = self.x.T @ dout
        self.db = dout.mean(axis=0)
        return dx
""",
        "fail",
        B8_OVER_N + r"|sum",
        "the mean over the batch instead of the sum: db is N times too small",
    ),
    _b8aff(
        "b8_dW_db_swapped",
        B8_AFFINE_HEAD
        + """
    def backward(self, dout):
        dx = dout @ self.W.T
        self.db = self.x.T @ dout
        self.dW = dout.sum(axis=0)
        return dx
""",
        "fail",
        r"swap|exchang|mixed up",
        "dW and db exchanged",
    ),
    _b8aff(
        "b8_dx_is_dout",
        B8_AFFINE_HEAD
        + """
    def backward(self, dout):
        self.dW = self.x.T @ dout
        self.db = dout.sum(axis=0)
        return dout
""",
        "fail",
        r"\bdx\b|W\.T|Wᵀ|transpos|dout's shape",
        "returns dout as dx: it must be dout @ W.T",
    ),
    _b8aff(
        "b8_elementwise_product",
        B8_AFFINE_HEAD
        + """
    def backward(self, dout):
        dx = dout * self.W.T
        self.dW = self.x.T * dout
        self.db = dout.sum(axis=0)
        return dx
""",
        "fail",
        r"@|matrix|dot|element",
        "* is element-wise: the gradients need matrix products (@ / np.dot)",
    ),
    _b8aff(
        "b8_loop_overwrites",
        B8_AFFINE_HEAD
        + """
    def backward(self, dout):
        for n in range(len(dout)):
            self.dW = np.outer(self.x[n], dout[n])     # = instead of +=: only the last example is kept
        self.db = dout.sum(axis=0)
        return dout @ self.W.T
""",
        "fail",
        B8_BATCH_SUM + r"|last|accumul|overwr",
        "dW overwritten in the loop: only the last example's contribution, not the sum over the batch",
    ),
    _b8aff(
        "b8_dW_local_variable",
        B8_AFFINE_HEAD
        + """
    def backward(self, dout):
        dx = dout @ self.W.T
        dW = self.x.T @ dout
        db = dout.sum(axis=0)
        return dx
""",
        "fail",
        r"None|stor|attribute|keep",
        "dW and db are local variables: self.dW and self.db stay None",
    ),
    _b8aff(
        "b8_dW_typo_lowercase",
        B8_AFFINE_HEAD
        + """
    def backward(self, dout):
        dx = dout @ self.W.T
        self.dw = self.x.T @ dout
        self.db = dout.sum(axis=0)
        return dx
""",
        "fail",
        r"None|stor|attribute|keep",
        "self.dw (lower-case w) is another attribute: self.dW stays None",
    ),
    _b8aff(
        "b8_returns_tuple",
        B8_AFFINE_HEAD
        + """
    def backward(self, dout):
        dx = dout @ self.W.T
        self.dW = self.x.T @ dout
        self.db = dout.sum(axis=0)
        return dx, self.dW, self.db
""",
        "fail",
        r"tuple|one array|\bdx\b",
        "backward must return dx alone (dW and db are kept on the layer), not a tuple",
    ),
    _b8aff(
        "b8_forgot_return",
        B8_AFFINE_HEAD
        + """
    def backward(self, dout):
        dx = dout @ self.W.T
        self.dW = self.x.T @ dout
        self.db = dout.sum(axis=0)
""",
        "fail",
        B8_NONE,
        "sets dW and db but returns None instead of dx",
    ),
    _b8aff(
        "b8_global_x",
        B8_AFFINE_HEAD
        + """
    def backward(self, dout):
        dx = dout @ W.T
        self.dW = x.T @ dout
        self.db = dout.sum(axis=0)
        return dx
""",
        "fail",
        B8_NAME,
        "W and x are not defined in backward: the layer's own are self.W and self.x",
    ),
    # not done
    _b8aff(
        "b8_skeleton",
        B8_AFFINE_HEAD
        + """
    def backward(self, dout):
        self.dW = ...  # your code
        self.db = ...  # your code
        dx = ...       # your code
        return dx
""",
        "not done",
        None,
        "the skeleton: three placeholders",
    ),
    _b8aff(
        "b8_only_dx_left",
        B8_AFFINE_HEAD
        + """
    def backward(self, dout):
        self.dW = self.x.T @ dout
        self.db = dout.sum(axis=0)
        dx = ...
        return dx
""",
        "not done",
        None,
        "dW and db written, dx still the placeholder",
    ),
    _b8aff(
        "b8_pass",
        B8_AFFINE_HEAD
        + """
    def backward(self, dout):
        pass
""",
        "not done",
        None,
        "backward's body is just pass",
    ),
    _b8aff(
        "b8_not_implemented",
        B8_AFFINE_HEAD
        + """
    def backward(self, dout):
        raise NotImplementedError
""",
        "not done",
        None,
        "backward still raises NotImplementedError",
    ),
]

B8_SOFTMAX_GRAD_ENTRIES = [
    # pass
    _b8smg(
        "b8_helpers_and_eye",
        """
def softmax_with_loss_grad(x, t):
    y = nbhelpers.softmax(x)
    onehot = np.eye(x.shape[1])[t]
    return (y - onehot) / x.shape[0]
""",
        "pass",
        None,
        "nbhelpers.softmax and an np.eye one-hot: (y - t)/N (float64 for float32 x: not part of this exercise)",
    ),
    _b8smg(
        "b8_own_softmax_arange",
        """
def softmax_with_loss_grad(x, t):
    c = np.max(x, axis=1, keepdims=True)
    e = np.exp(x - c)
    y = e / np.sum(e, axis=1, keepdims=True)
    N = x.shape[0]
    dx = y.copy()
    dx[np.arange(N), t] -= 1
    return dx / N
""",
        "pass",
        None,
        "own softmax with the max shift; 1 subtracted at the right classes via np.arange indexing (the book's way)",
    ),
    _b8smg(
        "b8_own_softmax_no_shift",
        """
def softmax_with_loss_grad(x, t):
    e = np.exp(x)
    y = e / e.sum(axis=1, keepdims=True)
    onehot = np.zeros_like(y)
    onehot[np.arange(len(t)), t] = 1
    return (y - onehot) / len(x)
""",
        "pass",
        None,
        # Without the max shift exp overflows only for scores above ~700 (float64) / ~88 (float32); the exercise
        # is the gradient, on scores of a network's usual size. Overflow safety was notebook 03's lesson.
        "softmax without the max shift: mathematically the same; right on scores of a usual size",
    ),
    _b8smg(
        "b8_global_max_shift",
        """
def softmax_with_loss_grad(x, t):
    e = np.exp(x - np.max(x))      # one constant for the whole batch: softmax does not change
    y = e / np.sum(e, axis=-1, keepdims=True)
    y[np.arange(x.shape[0]), t] -= 1
    return y / x.shape[0]
""",
        "pass",
        None,
        # Shifting each row by any constant leaves its softmax unchanged; the global max is such a constant.
        "shift by the global max (no axis): still an exact softmax of every row",
    ),
    _b8smg(
        "b8_exact_delta_gradient",
        """
def softmax_with_loss_grad(x, t):
    # the exact derivative of the book's loss -mean(log(y_t + 1e-7))
    y = nbhelpers.softmax(x)
    N = len(t)
    rows = np.arange(N)
    y_t = y[rows, t]
    r = y_t / (y_t + 1e-7)
    dx = y * r[:, None]
    dx[rows, t] -= r
    return dx / N
""",
        "pass",
        None,
        "the exact gradient of the book's loss with δ = 1e-7 inside the log (the exercise says it passes)",
    ),
    _b8smg(
        "b8_loop_over_batch",
        """
def softmax_with_loss_grad(x, t):
    N, K = x.shape
    dx = np.empty_like(x)
    for n in range(N):
        e = np.exp(x[n] - x[n].max())
        y = e / e.sum()
        y[t[n]] -= 1
        dx[n] = y / N
    return dx
""",
        "pass",
        None,
        "one example at a time into an empty_like array (float32 kept)",
    ),
    _b8smg(
        "b8_boolean_one_hot",
        """
def softmax_with_loss_grad(x, t):
    y = nbhelpers.softmax(x)
    onehot = t[:, None] == np.arange(x.shape[1])      # (N, K) of True/False
    return (y - onehot) / len(x)
""",
        "pass",
        None,
        "a boolean one-hot from broadcasting t against 0..K-1; y - bool keeps y's dtype",
    ),
    _b8smg(
        "b8_float32_eye",
        """
def softmax_with_loss_grad(x, t):
    y = nbhelpers.softmax(x)
    T = np.eye(x.shape[-1], dtype=x.dtype)[t]
    return (y - T) / np.asarray(len(x), dtype=x.dtype)
""",
        "pass",
        None,
        "one-hot in x's dtype: float32 stays float32",
    ),
    _b8smg(
        "b8_log_softmax",
        """
def softmax_with_loss_grad(x, t):
    z = x - x.max(axis=1, keepdims=True)
    log_y = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    y = np.exp(log_y)
    np.add.at(y, (np.arange(len(t)), t), -1.0)
    return y * (1.0 / len(t))
""",
        "pass",
        None,
        "softmax through log-softmax, the 1 subtracted with np.add.at, times 1/N",
    ),
    _b8smg(
        "b8_put_along_axis",
        """
def softmax_with_loss_grad(x, t):
    y = nbhelpers.softmax(x)
    onehot = np.zeros_like(y)
    np.put_along_axis(onehot, t[:, None], 1, axis=1)
    return (y - onehot) / y.shape[0]
""",
        "pass",
        None,
        "one-hot built with np.put_along_axis",
    ),
    _b8smg(
        "b8_nbhelpers_layer",
        """
def softmax_with_loss_grad(x, t):
    layer = nbhelpers.SoftmaxWithLoss()
    layer.forward(x, t)
    return layer.backward()
""",
        "pass",
        None,
        # Uses the notebook's own layer; the result is the exact gradient of the book's loss (with δ), which the
        # exercise accepts. Pedagogically a shortcut, mathematically right.
        "the nbhelpers layer's forward + backward: the exact δ gradient",
    ),
    _b8smg(
        "b8_book_backward",
        """
def softmax(x):
    x = x - np.max(x, axis=-1, keepdims=True)
    return np.exp(x) / np.sum(np.exp(x), axis=-1, keepdims=True)


def softmax_with_loss_grad(x, t):
    y = softmax(x)
    batch_size = t.shape[0]
    dx = y.copy()
    dx[np.arange(batch_size), t] -= 1
    dx = dx / batch_size
    return dx
""",
        "pass",
        None,
        "the book's softmax (common/functions.py) and SoftmaxWithLoss.backward for labels",
    ),
    # fail
    _b8smg(
        "b8_forgot_over_N",
        """
def softmax_with_loss_grad(x, t):
    y = nbhelpers.softmax(x)
    return y - np.eye(x.shape[1])[t]
""",
        "fail",
        B8_OVER_N,
        "forgets the 1/N of the mean loss: N times too large",
    ),
    _b8smg(
        "b8_no_softmax",
        """
def softmax_with_loss_grad(x, t):
    onehot = np.eye(x.shape[1])[t]
    return (x - onehot) / len(x)
""",
        "fail",
        B8_SOFTMAX,
        "x - t: the scores must go through softmax first (y - t)",
    ),
    _b8smg(
        "b8_wrong_sign",
        """
def softmax_with_loss_grad(x, t):
    y = nbhelpers.softmax(x)
    return (np.eye(x.shape[1])[t] - y) / len(x)
""",
        "fail",
        B8_SIGN,
        "t - y: the gradient is y - t (the opposite sign)",
    ),
    _b8smg(
        "b8_summed_over_batch",
        """
def softmax_with_loss_grad(x, t):
    y = nbhelpers.softmax(x)
    return np.sum(y - np.eye(x.shape[1])[t], axis=0) / len(x)
""",
        "fail",
        r"shape|\(N, ?K\)|each example|every example|one row|x's shape",
        "sums the rows into one (K,) vector: dL/dx has one row per example, the shape of x",
    ),
    _b8smg(
        "b8_mean_of_everything",
        """
def softmax_with_loss_grad(x, t):
    y = nbhelpers.softmax(x)
    return np.mean(y - np.eye(x.shape[1])[t])
""",
        "fail",
        r"shape|one number|array|\(N, ?K\)|x's shape",
        "np.mean of everything: one number, not an (N, K) gradient",
    ),
    _b8smg(
        "b8_one_hot_whole_columns",
        """
def softmax_with_loss_grad(x, t):
    y = nbhelpers.softmax(x)
    onehot = np.zeros_like(y)
    onehot[:, t] = 1               # sets the columns of ALL labels in EVERY row
    return (y - onehot) / len(x)
""",
        "fail",
        B8_ONE_HOT,
        "onehot[:, t] = 1 marks every label's column in every row: each row needs only its own label",
    ),
    _b8smg(
        "b8_one_hot_eye_N",
        """
def softmax_with_loss_grad(x, t):
    N = x.shape[0]
    y = nbhelpers.softmax(x)
    onehot = np.eye(N)[t]          # N x N: it must be K columns (one per class)
    return (y - onehot) / N
""",
        "fail",
        B8_ONE_HOT + r"|\bK\b|class",
        "np.eye(N)[t] has N columns: the one-hot rows need K (the classes)",
    ),
    _b8smg(
        "b8_labels_used_as_one_hot",
        """
def softmax_with_loss_grad(x, t):
    y = nbhelpers.softmax(x)
    return (y - t) / len(x)
""",
        "fail",
        B8_ONE_HOT,
        "t holds labels (N,), not one-hot rows: y - t subtracts the label numbers",
    ),
    _b8smg(
        "b8_max_without_keepdims",
        """
def softmax_with_loss_grad(x, t):
    e = np.exp(x - np.max(x, axis=1))       # (N, K) - (N,): broadcasts along the wrong axis
    y = e / np.sum(e, axis=1, keepdims=True)
    y[np.arange(len(t)), t] -= 1
    return y / len(t)
""",
        "fail",
        r"keepdims|np\.max|the max|maxim",
        "np.max(x, axis=1) without keepdims: (N, K) - (N,) fails or subtracts the wrong maxima",
    ),
    _b8smg(
        "b8_sum_without_keepdims",
        """
def softmax_with_loss_grad(x, t):
    e = np.exp(x - np.max(x, axis=1, keepdims=True))
    y = e / np.sum(e, axis=1)             # (N, K) / (N,)
    y[np.arange(len(t)), t] -= 1
    return y / len(t)
""",
        "fail",
        r"keepdims|sum",
        "the row sums without keepdims: (N, K) / (N,) divides along the wrong axis (or fails)",
    ),
    _b8smg(
        "b8_softmax_over_whole_batch",
        """
def softmax_with_loss_grad(x, t):
    e = np.exp(x - np.max(x))
    y = e / np.sum(e)                     # one sum for the whole batch
    y[np.arange(len(t)), t] -= 1
    return y / len(t)
""",
        "fail",
        B8_PER_ROW,
        "softmax over the whole batch: each row's probabilities must sum to 1 on their own",
    ),
    _b8smg(
        "b8_softmax_over_columns",
        """
def softmax_with_loss_grad(x, t):
    e = np.exp(x - x.max(axis=0))
    y = e / e.sum(axis=0)                 # normalises each class over the batch
    y[np.arange(len(t)), t] -= 1
    return y / len(t)
""",
        "fail",
        B8_PER_ROW,
        "softmax along axis 0 (over the examples): each row must be normalised",
    ),
    _b8smg(
        "b8_divides_by_K",
        """
def softmax_with_loss_grad(x, t):
    y = nbhelpers.softmax(x)
    return (y - np.eye(x.shape[1])[t]) / x.shape[1]
""",
        "fail",
        B8_OVER_N + r"|\bK\b|classes|examples",
        "divides by K (the classes) instead of N (the examples)",
    ),
    _b8smg(
        "b8_gradient_wrt_y",
        """
def softmax_with_loss_grad(x, t):
    y = nbhelpers.softmax(x)
    onehot = np.eye(x.shape[1])[t]
    return -onehot / (y + 1e-7) / len(x)      # dL/dy, not dL/dx
""",
        "fail",
        r"respect|w\.r\.t|probabilities|dL/dy|t ?/ ?y",
        "the derivative w.r.t. the probabilities y: through softmax it becomes y - t",
    ),
    _b8smg(
        "b8_sigmoid_not_softmax",
        """
def softmax_with_loss_grad(x, t):
    y = 1 / (1 + np.exp(-x))
    return (y - np.eye(x.shape[1])[t]) / len(x)
""",
        "fail",
        B8_SOFTMAX,
        "sigmoid of each score instead of softmax of each row",
    ),
    _b8smg(
        "b8_changes_x_in_place",
        """
def softmax_with_loss_grad(x, t):
    x -= x.max(axis=1, keepdims=True)      # shifts the caller's scores
    e = np.exp(x)
    y = e / e.sum(axis=1, keepdims=True)
    y[np.arange(len(t)), t] -= 1
    return y / len(t)
""",
        "fail",
        B8_IN_PLACE,
        # The gradient's values are right, but -= shifts the caller's array of scores (as in notebooks 02-03).
        "the returned gradient is right, but x -= ... changes the caller's scores",
    ),
    _b8smg(
        "b8_returns_loss_and_grad",
        """
def softmax_with_loss_grad(x, t):
    y = nbhelpers.softmax(x)
    N = len(t)
    loss = -np.mean(np.log(y[np.arange(N), t] + 1e-7))
    dx = y.copy()
    dx[np.arange(N), t] -= 1
    return loss, dx / N
""",
        "fail",
        r"tuple|one array|2 things|two things",
        "returns (loss, dx): the function must return the gradient alone",
    ),
    _b8smg(
        "b8_forgot_return",
        """
def softmax_with_loss_grad(x, t):
    y = nbhelpers.softmax(x)
    dx = (y - np.eye(x.shape[1])[t]) / len(x)
""",
        "fail",
        B8_NONE,
        "computes dx, returns None",
    ),
    _b8smg(
        "b8_print_instead_of_return",
        """
def softmax_with_loss_grad(x, t):
    y = nbhelpers.softmax(x)
    print((y - np.eye(x.shape[1])[t]) / len(x))
""",
        "fail",
        B8_NONE + r"|print",
        "prints the gradient, returns None",
    ),
    # not done
    _b8smg(
        "b8_skeleton",
        """
def softmax_with_loss_grad(x, t):
    # your code: softmax of each row, minus the one-hot labels, divided by N
    raise NotImplementedError
""",
        "not done",
        None,
        "the skeleton",
    ),
    _b8smg(
        "b8_ellipsis_return",
        """
def softmax_with_loss_grad(x, t):
    y = nbhelpers.softmax(x)
    return ...
""",
        "not done",
        None,
        "softmax computed, the answer still the ... placeholder",
    ),
    _b8smg(
        "b8_pass",
        """
def softmax_with_loss_grad(x, t):
    pass
""",
        "not done",
        None,
        "the body is just pass",
    ),
    _b8smg(
        "b8_helper_not_done",
        """
def one_hot(t, K):
    raise NotImplementedError


def softmax_with_loss_grad(x, t):
    return (nbhelpers.softmax(x) - one_hot(t, x.shape[1])) / len(x)
""",
        "not done",
        None,
        "its helper still raises NotImplementedError",
    ),
]

SUBMISSIONS += B8_MUL_ENTRIES + B8_RELU_ENTRIES + B8_AFFINE_ENTRIES + B8_SOFTMAX_GRAD_ENTRIES


# --- Notebook 09, blind: optimizers and weight initialisation (Momentum, Adam, He's initialisation) -------------
# Written blind from the exercise texts and the book's ch. 6 code (without reading nbhelpers/checks/optimizers.py,
# _optimizers.py or the tests of those checks). The verdicts say what is mathematically right: an optimizer whose
# parameters take the right values (step by step, with grads left as they were) passes in any style, also when it
# puts new arrays into the params dict instead of changing the old ones in place; He's weights pass when they
# are drawn from the given rng with mean 0 and standard deviation sqrt(2 / n_in). Names start with "b9_".

#: Notebook 09, above its exercises: the imports (every entry defines what it uses itself).
G09 = """
import numpy as np
import nbhelpers
from nbhelpers import checks
"""


def _b9mom(name, code, verdict, hint, why):
    return Submission("check_momentum", name, "MyMomentum", code, verdict, hint, why, G09)


def _b9adam(name, code, verdict, hint, why):
    return Submission("check_adam", name, "MyAdam", code, verdict, hint, why, G09)


def _b9he(name, code, verdict, hint, why):
    return Submission("check_he_init", name, "he_init", code, verdict, hint, why, G09)


#: The exercise's MyMomentum above update (given to the learner); an entry adds its update method.
B9_MOM_HEAD = """
class MyMomentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None
"""

#: The exercise's MyAdam above update, as a learner fills in its constructor; an entry adds its update method.
B9_ADAM_HEAD = """
class MyAdam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.t = 0
        self.m = None
        self.v = None
"""

B9_SIGN = r"sign|direction|downhill|uphill|minus|\+ ?lr|\badd|opposite|wrong way|subtract|increas|climb|\+="
B9_NO_MOMENTUM = (
    r"momentum|velocity|previous|remember|kept|keep|plain SGD|\bSGD\b|\bv\b|history|earlier|past|"
    r"accumulat|build(s)? up|no effect|changes nothing"
)
B9_PER_KEY = (
    r"each (key|parameter)|per (key|parameter)|every (key|parameter)|its own|own (v|velocity|state)|shared|"
    r"separate|one v\b|one velocity|same (v|array)|broadcast|shape|all (the )?(keys|parameters)|mix"
)
B9_HYPER = r"constructor|__init__|argument|hard.?coded|ignor|default|given|passed|no effect|changes nothing"
B9_LR = r"\blr\b|learning rate|" + B9_HYPER
B9_MOMENTUM_ARG = r"momentum|" + B9_HYPER
B9_BETAS_ARG = r"beta|β|" + B9_HYPER
B9_UNCHANGED = (
    r"unchanged|not (changed|updated|moved|modified|change|move)|did not|didn't|never|in.place|nothing|"
    r"as (they|it) (were|was)|stay|no change|new dict|return"
)
B9_GRADS = r"grads|gradients? (were|was|is|are|got) (changed|modified)"
B9_KWARG = r"\blr\b|momentum|beta|keyword|argument|__init__|TypeError|unexpected|constructor|parameter name"
B9_BIAS = (
    r"bias|correct|1 ?[-−] ?β|1 ?- ?beta|β\d?\^?t|beta\d? ?\*\* ?(self\.)?t|\^t|ᵗ|first (step|update)s?|early|"
    r"m̂|hat|lr_t"
)
B9_T_ONCE = (
    r"\bt\b|once per|per (update|call)|each (key|parameter)|every (key|parameter)|step count|count|iter|"
    r"time.?step|increment|number of (updates|steps|calls)"
)
B9_T_ZERO = (
    B9_T_ONCE + r"|zero|ZeroDivision|divi|1 ?[-−] ?β|first (step|update|call)|before|nan|inf|off.by.one"
)
B9_BETAS = r"beta1|beta2|β1|β2|β₁|β₂|swap|exchang|the other|other way|mix|revers"
B9_SQUARE = r"squar|\*\* ?2|²|\^2|second moment|nan|negative|invalid|sqrt|g ?\* ?g"
B9_SQRT = r"sqrt|square root|√|root"
B9_EPS = r"eps|ε|1e-?0?7|1e-?0?8|zero|nan|divi|invalid"
B9_STATE = (
    r"remember|keep|kept|reset|state|every (call|update)|between|moment|\bm\b|\bv\b|history|previous|"
    r"average|restart|forget|lost|starts? (again|over|from)|accumulat"
)

B9_MOMENTUM_ENTRIES = [
    # pass
    _b9mom(
        "b9_book",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        if self.v is None:
            self.v = {}
            for key, val in params.items():
                self.v[key] = np.zeros_like(val)
        for key in params.keys():
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.v[key]
""",
        "pass",
        None,
        "the book's Momentum.update",
    ),
    _b9mom(
        "b9_dict_comprehension_init",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        if self.v is None:
            self.v = {key: np.zeros_like(p) for key, p in params.items()}
        for key in params:
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.v[key]
""",
        "pass",
        None,
        "all velocities made at once by a dict comprehension, then the book's step",
    ),
    _b9mom(
        "b9_lazy_per_key",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        if self.v is None:
            self.v = {}
        for key in params:
            if key not in self.v:
                self.v[key] = np.zeros_like(params[key])
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.v[key]
""",
        "pass",
        None,
        "each velocity made the first time its key is seen: the same steps",
    ),
    _b9mom(
        "b9_setdefault_in_place",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        if self.v is None:
            self.v = {}
        for key, p in params.items():
            v = self.v.setdefault(key, np.zeros_like(p))
            v *= self.momentum
            v -= self.lr * grads[key]
            p += v
""",
        "pass",
        None,
        "v is the array stored in self.v, changed in place; p is the parameter array, changed in place",
    ),
    _b9mom(
        "b9_np_zeros_shape",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        if self.v is None:
            self.v = {}
            for key in params:
                self.v[key] = np.zeros(params[key].shape)
        for key in params:
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.v[key]
""",
        "pass",
        None,
        "np.zeros(shape) velocities (float64); += casts the step back into the parameter's own dtype",
    ),
    _b9mom(
        "b9_rebinds_params",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        if self.v is None:
            self.v = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params:
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] = params[key] + self.v[key]
""",
        "fail",
        IN_PLACE_ARRAY,
        # Changed by the lead after the blind pass (it said "pass"): the notebook's exercise says "change the
        # parameters in place", and notebook 07's check_sgd_update fails the same assignment.
        "new arrays put into params: layers holding the old arrays never see them; the exercise asks for in place",
    ),
    _b9mom(
        "b9_grads_items",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        if self.v is None:
            self.v = {}
        for key, g in grads.items():
            if key not in self.v:
                self.v[key] = np.zeros_like(g)
            self.v[key] = self.momentum * self.v[key] - self.lr * g
            params[key] += self.v[key]
""",
        "pass",
        None,
        "params and grads have the same keys: looping over grads.items() visits every parameter",
    ),
    _b9mom(
        "b9_velocity_in_place",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        if self.v is None:
            self.v = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params:
            self.v[key] *= self.momentum
            self.v[key] -= self.lr * grads[key]
            params[key] += self.v[key]
""",
        "pass",
        None,
        "v *= momentum; v -= lr * g is v = momentum * v - lr * g, done in place",
    ),
    _b9mom(
        "b9_local_v_stored_back",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        if self.v is None:
            self.v = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params:
            v = self.momentum * self.v[key] - self.lr * grads[key]
            self.v[key] = v
            params[key] += v
""",
        "pass",
        None,
        "the new velocity computed into a local name, stored back into self.v, then added",
    ),
    _b9mom(
        "b9_np_add_out",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        if self.v is None:
            self.v = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params:
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            np.add(params[key], self.v[key], out=params[key])
""",
        "pass",
        None,
        "np.add with out= writes params + v into the parameter array itself",
    ),
    _b9mom(
        "b9_zeros_in_params_dtype",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        if self.v is None:
            self.v = {}
            for key, p in params.items():
                self.v[key] = np.zeros(p.shape, dtype=p.dtype)   # float32 stays float32
        for key in params:
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.v[key]
""",
        "pass",
        None,
        "velocities in the parameter's dtype: float32 friendly, the same steps",
    ),
    _b9mom(
        "b9_fromkeys_zero",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        if self.v is None:
            self.v = dict.fromkeys(params, 0.0)   # 0 * momentum - lr * g is an array from the first step on
        for key in params:
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.v[key]
""",
        "pass",
        None,
        "each velocity starts as the number 0.0 (one per key, immutable): after one step it is an array, the same steps",
    ),
    _b9mom(
        "b9_own_attribute_names",
        """
class MyMomentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.learning_rate = lr
        self.alpha = momentum
        self.v = None

    def update(self, params, grads):
        if self.v is None:
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        for k in params:
            self.v[k] = self.alpha * self.v[k] - self.learning_rate * grads[k]
            params[k] += self.v[k]
""",
        "pass",
        None,
        "its own attribute names for lr and momentum, used consistently: the same steps",
    ),
    _b9mom(
        "b9_keywords_in_other_order",
        """
class MyMomentum:
    def __init__(self, momentum=0.9, lr=0.01):
        self.momentum = momentum
        self.lr = lr
        self.v = None

    def update(self, params, grads):
        if self.v is None:
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        for k in params:
            self.v[k] = self.momentum * self.v[k] - self.lr * grads[k]
            params[k] += self.v[k]
""",
        "pass",
        None,
        "the constructor takes momentum first, but called as MyMomentum(lr=..., momentum=...) it gets the same values",
    ),
    _b9mom(
        "b9_returns_params_too",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        if self.v is None:
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        for k in params:
            self.v[k] = self.momentum * self.v[k] - self.lr * grads[k]
            params[k] += self.v[k]
        return params
""",
        "pass",
        None,
        "changes params in place and also returns it: harmless",
    ),
    _b9mom(
        "b9_negative_velocity_subtracted",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        if self.v is None:
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        for k in params:
            self.v[k] = self.momentum * self.v[k] + self.lr * grads[k]   # v points uphill here
            params[k] -= self.v[k]
""",
        "pass",
        None,
        # Borderline: self.v holds minus the exercise's v, but params move exactly as the exercise says (the
        # sign is flipped twice). The exercise's observable is the parameters.
        "v kept with the opposite sign and subtracted: every parameter moves exactly as momentum·v - lr·g says",
    ),
    _b9mom(
        "b9_pytorch_form",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        # PyTorch's form: v = momentum * v + g, step lr * v
        if self.v is None:
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        for k in params:
            self.v[k] = self.momentum * self.v[k] + grads[k]
            params[k] -= self.lr * self.v[k]
""",
        "pass",
        None,
        # Borderline: self.v is -v/lr of the exercise's v; with lr fixed (as here) lr * v_pytorch = -v_book at
        # every step, so the parameters take the same values up to rounding.
        "v = momentum·v + g with a step of lr·v is the same method with v scaled by -1/lr: the same parameters",
    ),
    _b9mom(
        "b9_copies_gradient_first",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        if self.v is None:
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        for k in params:
            step = grads[k].copy()
            step *= self.lr                 # on the copy: grads stay as they were
            self.v[k] = self.momentum * self.v[k] - step
            params[k] += self.v[k]
""",
        "pass",
        None,
        "scales a copy of the gradient in place: grads are untouched",
    ),
    _b9mom(
        "b9_ellipsis_assign",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        if self.v is None:
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        for k in params:
            self.v[k] = self.momentum * self.v[k] - self.lr * grads[k]
            params[k][...] = params[k] + self.v[k]
""",
        "pass",
        None,
        "[...] = writes the new values into the parameter array itself",
    ),
    # fail
    _b9mom(
        "b9_plus_lr_grad",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        if self.v is None:
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        for k in params:
            self.v[k] = self.momentum * self.v[k] + self.lr * grads[k]
            params[k] += self.v[k]
""",
        "fail",
        B9_SIGN,
        "v = momentum·v + lr·g added to params: every step goes uphill",
    ),
    _b9mom(
        "b9_params_minus_v",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        if self.v is None:
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        for k in params:
            self.v[k] = self.momentum * self.v[k] - self.lr * grads[k]
            params[k] -= self.v[k]
""",
        "fail",
        B9_SIGN,
        "v already points downhill (-lr·g); params -= v steps uphill",
    ),
    _b9mom(
        "b9_plain_sgd",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        for k in params:
            params[k] -= self.lr * grads[k]
""",
        "fail",
        B9_NO_MOMENTUM,
        "plain SGD: no velocity, momentum is never used",
    ),
    _b9mom(
        "b9_velocity_reset_every_call",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        self.v = {}                          # a fresh dict at every update
        for k in params:
            if k not in self.v:
                self.v[k] = np.zeros_like(params[k])
            self.v[k] = self.momentum * self.v[k] - self.lr * grads[k]
            params[k] += self.v[k]
""",
        "fail",
        B9_NO_MOMENTUM,
        "the velocities start again at 0 at every call: each step is plain SGD",
    ),
    _b9mom(
        "b9_local_v_not_stored",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        if self.v is None:
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        for k in params:
            v = self.v[k]
            v = self.momentum * v - self.lr * grads[k]   # a new array: self.v[k] stays 0
            params[k] += v
""",
        "fail",
        B9_NO_MOMENTUM,
        "the new velocity goes into a local name only: self.v stays 0 and every step is plain SGD",
    ),
    _b9mom(
        "b9_one_velocity_for_all_keys",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        if self.v is None:
            self.v = 0.0
        for k in params:
            self.v = self.momentum * self.v - self.lr * grads[k]
            params[k] += self.v
""",
        "fail",
        B9_PER_KEY,
        "one velocity for all parameters: W1's velocity flows into b1's step (or cannot broadcast to its shape)",
    ),
    _b9mom(
        "b9_hardcoded_lr",
        """
class MyMomentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = 0.01
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        if self.v is None:
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        for k in params:
            self.v[k] = self.momentum * self.v[k] - self.lr * grads[k]
            params[k] += self.v[k]
""",
        "fail",
        B9_LR,
        "self.lr = 0.01 whatever lr is given: MyMomentum(lr=0.1) still steps with 0.01",
    ),
    _b9mom(
        "b9_hardcoded_momentum",
        """
class MyMomentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = 0.9
        self.v = None

    def update(self, params, grads):
        if self.v is None:
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        for k in params:
            self.v[k] = self.momentum * self.v[k] - self.lr * grads[k]
            params[k] += self.v[k]
""",
        "fail",
        B9_MOMENTUM_ARG,
        "self.momentum = 0.9 whatever momentum is given",
    ),
    _b9mom(
        "b9_numbers_in_update",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        if self.v is None:
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        for k in params:
            self.v[k] = 0.9 * self.v[k] - 0.01 * grads[k]    # the defaults typed in
            params[k] += self.v[k]
""",
        "fail",
        B9_LR + r"|momentum",
        "the default numbers typed into update: self.lr and self.momentum are never used",
    ),
    _b9mom(
        "b9_velocity_only",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        if self.v is None:
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        for k in params:
            self.v[k] = self.momentum * self.v[k] - self.lr * grads[k]
""",
        "fail",
        B9_UNCHANGED,
        "the velocities are updated, the parameters never move",
    ),
    _b9mom(
        "b9_returns_new_dict",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        if self.v is None:
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        new_params = {}
        for k in params:
            self.v[k] = self.momentum * self.v[k] - self.lr * grads[k]
            new_params[k] = params[k] + self.v[k]
        return new_params
""",
        "fail",
        B9_UNCHANGED,
        "the new values go into a new dict that is returned; the params it was given stay as they were",
    ),
    _b9mom(
        "b9_rebinds_loop_variable",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        if self.v is None:
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        for k, p in params.items():
            self.v[k] = self.momentum * self.v[k] - self.lr * grads[k]
            p = p + self.v[k]          # a new array in a local name: params[k] is unchanged
""",
        "fail",
        B9_UNCHANGED,
        "p = p + v makes a new array under the local name p: the parameters never move",
    ),
    _b9mom(
        "b9_scales_grads_in_place",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        if self.v is None:
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        for k in params:
            grads[k] *= self.lr                  # changes the caller's gradient
            self.v[k] = self.momentum * self.v[k] - grads[k]
            params[k] += self.v[k]
""",
        "fail",
        B9_GRADS,
        "grads[k] *= lr scales the caller's gradients: grads must be left as they were",
    ),
    _b9mom(
        "b9_velocity_starts_as_gradient",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        if self.v is None:
            self.v = {}
        for k in params:
            if k not in self.v:
                self.v[k] = grads[k]             # the same array as the gradient
            self.v[k] *= self.momentum
            self.v[k] -= self.lr * grads[k]
            params[k] += self.v[k]
""",
        "fail",
        B9_GRADS + r"|zero|start",
        "v starts as the gradient array itself (not zeros): wrong first step, and *= changes grads",
    ),
    _b9mom(
        "b9_no_lr",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        if self.v is None:
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        for k in params:
            self.v[k] = self.momentum * self.v[k] - grads[k]
            params[k] += self.v[k]
""",
        "fail",
        B9_LR + r"|too (big|large)|step size",
        "the gradient is not scaled by lr",
    ),
    _b9mom(
        "b9_adds_old_velocity_first",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        if self.v is None:
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        for k in params:
            params[k] += self.v[k]             # the old velocity: 0 at the first step
            self.v[k] = self.momentum * self.v[k] - self.lr * grads[k]
""",
        "fail",
        r"order|before|after|first (update|step|call)|not (move|change)|unchanged|new v|old v|velocity|lag|"
        r"late|behind|one (step|update)",
        "adds the velocity before updating it: each step uses the previous velocity (nothing moves at first)",
    ),
    _b9mom(
        "b9_weights_only",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        if self.v is None:
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        for k in params:
            if k.startswith("W"):
                self.v[k] = self.momentum * self.v[k] - self.lr * grads[k]
                params[k] += self.v[k]
""",
        "fail",
        r"\bb\d\b|bias|unchanged|not (updated|changed|moved)|every|all",
        "only the weights move: the biases are never updated",
    ),
    _b9mom(
        "b9_renamed_lr_argument",
        """
class MyMomentum:
    def __init__(self, learning_rate=0.01, momentum=0.9):
        self.lr = learning_rate
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        if self.v is None:
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        for k in params:
            self.v[k] = self.momentum * self.v[k] - self.lr * grads[k]
            params[k] += self.v[k]
""",
        "fail",
        B9_KWARG,
        "the constructor calls lr learning_rate: MyMomentum(lr=0.1, momentum=0.5) raises a TypeError",
    ),
    _b9mom(
        "b9_update_arguments_swapped",
        B9_MOM_HEAD
        + """
    def update(self, grads, params):
        if self.v is None:
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        for k in params:
            self.v[k] = self.momentum * self.v[k] - self.lr * grads[k]
            params[k] += self.v[k]
""",
        "fail",
        B9_UNCHANGED + r"|grads|order|argument",
        "update(grads, params): called as update(params, grads) it steps the gradients and leaves params",
    ),
    _b9mom(
        "b9_first_call_only_initialises",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        if self.v is None:
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
            return                               # the first call makes the velocities and stops
        for k in params:
            self.v[k] = self.momentum * self.v[k] - self.lr * grads[k]
            params[k] += self.v[k]
""",
        "fail",
        B9_UNCHANGED + r"|first (call|update|step)",
        "the first update only makes the velocities: that step is lost, every later one is one step behind",
    ),
    _b9mom(
        "b9_momentum_term_negated",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        if self.v is None:
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        for k in params:
            self.v[k] = -self.momentum * self.v[k] - self.lr * grads[k]
            params[k] += self.v[k]
""",
        "fail",
        B9_SIGN + r"|momentum|velocity",
        "-momentum·v: the velocity flips sign every step instead of being kept",
    ),
    # not done
    _b9mom(
        "b9_skeleton",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        # your code: for each key, v = momentum * v - lr * grad, then params[key] += v
        raise NotImplementedError
""",
        "not done",
        None,
        "the skeleton",
    ),
    _b9mom(
        "b9_velocities_made_step_not",
        B9_MOM_HEAD
        + """
    def update(self, params, grads):
        if self.v is None:
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        raise NotImplementedError  # TODO: the step
""",
        "not done",
        None,
        "the velocities are made, the step still raises NotImplementedError",
    ),
    _b9mom(
        "b9_constructor_not_done",
        """
class MyMomentum:
    def __init__(self, lr=0.01, momentum=0.9):
        raise NotImplementedError

    def update(self, params, grads):
        raise NotImplementedError
""",
        "not done",
        None,
        "neither method is filled in",
    ),
    _b9mom(
        "b9_helper_not_done",
        B9_MOM_HEAD
        + """
    def step(self, key, param, grad):
        raise NotImplementedError

    def update(self, params, grads):
        if self.v is None:
            self.v = {}
        for key in params:
            self.step(key, params[key], grads[key])
""",
        "not done",
        None,
        "update calls its own helper method, which still raises NotImplementedError",
    ),
]

B9_ADAM_ENTRIES = [
    # pass
    _b9adam(
        "b9_book",
        """
class MyAdam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.iter = 0
        self.m = None
        self.v = None

    def update(self, params, grads):
        if self.m is None:
            self.m, self.v = {}, {}
            for key, val in params.items():
                self.m[key] = np.zeros_like(val)
                self.v[key] = np.zeros_like(val)

        self.iter += 1
        lr_t = self.lr * np.sqrt(1.0 - self.beta2**self.iter) / (1.0 - self.beta1**self.iter)

        for key in params.keys():
            self.m[key] += (1 - self.beta1) * (grads[key] - self.m[key])
            self.v[key] += (1 - self.beta2) * (grads[key] ** 2 - self.v[key])
            params[key] -= lr_t * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)
""",
        "pass",
        None,
        "the book's Adam.update (lr_t folds both bias corrections into the learning rate)",
    ),
    _b9adam(
        "b9_paper_form",
        B9_ADAM_HEAD
        + """
    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(p) for k, p in params.items()}
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        self.t += 1
        for k in params:
            g = grads[k]
            self.m[k] = self.beta1 * self.m[k] + (1 - self.beta1) * g
            self.v[k] = self.beta2 * self.v[k] + (1 - self.beta2) * g**2
            m_hat = self.m[k] / (1 - self.beta1**self.t)
            v_hat = self.v[k] / (1 - self.beta2**self.t)
            params[k] -= self.lr * m_hat / (np.sqrt(v_hat) + 1e-7)
""",
        "pass",
        None,
        "the paper's form with m̂ and v̂, ε = 1e-7",
    ),
    _b9adam(
        "b9_paper_form_eps_1e8",
        B9_ADAM_HEAD
        + """
    def update(self, params, grads):
        eps = 1e-8
        if self.m is None:
            self.m = {k: np.zeros_like(p) for k, p in params.items()}
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        self.t += 1
        for k in params:
            self.m[k] = self.beta1 * self.m[k] + (1 - self.beta1) * grads[k]
            self.v[k] = self.beta2 * self.v[k] + (1 - self.beta2) * grads[k] * grads[k]
            m_hat = self.m[k] / (1 - self.beta1**self.t)
            v_hat = self.v[k] / (1 - self.beta2**self.t)
            params[k] -= self.lr * m_hat / (np.sqrt(v_hat) + eps)
""",
        "pass",
        None,
        "the paper's form with the paper's ε = 1e-8 (g·g for g²)",
    ),
    _b9adam(
        "b9_book_form_eps_1e8",
        B9_ADAM_HEAD
        + """
    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(p) for k, p in params.items()}
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        self.t += 1
        lr_t = self.lr * np.sqrt(1 - self.beta2**self.t) / (1 - self.beta1**self.t)
        for k in params:
            self.m[k] = self.beta1 * self.m[k] + (1 - self.beta1) * grads[k]
            self.v[k] = self.beta2 * self.v[k] + (1 - self.beta2) * grads[k] ** 2
            params[k] -= lr_t * self.m[k] / (np.sqrt(self.v[k]) + 1e-8)
""",
        "pass",
        None,
        "the book's lr_t with the moments written as moving averages and ε = 1e-8",
    ),
    _b9adam(
        "b9_lazy_setdefault",
        B9_ADAM_HEAD
        + """
    def update(self, params, grads):
        if self.m is None:
            self.m, self.v = {}, {}
        self.t += 1
        for k, p in params.items():
            g = grads[k]
            m = self.m.setdefault(k, np.zeros_like(p))
            v = self.v.setdefault(k, np.zeros_like(p))
            m *= self.beta1
            m += (1 - self.beta1) * g
            v *= self.beta2
            v += (1 - self.beta2) * g**2
            m_hat = m / (1 - self.beta1**self.t)
            v_hat = v / (1 - self.beta2**self.t)
            p -= self.lr * m_hat / (np.sqrt(v_hat) + 1e-7)
""",
        "pass",
        None,
        "moments made per key on first sight and updated in place; the parameter changed in place",
    ),
    _b9adam(
        "b9_beta_powers_tracked",
        """
class MyAdam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.b1_t = 1.0   # beta1 ** t
        self.b2_t = 1.0   # beta2 ** t
        self.m = None
        self.v = None

    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(p) for k, p in params.items()}
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        self.b1_t *= self.beta1
        self.b2_t *= self.beta2
        for k in params:
            self.m[k] = self.beta1 * self.m[k] + (1 - self.beta1) * grads[k]
            self.v[k] = self.beta2 * self.v[k] + (1 - self.beta2) * grads[k] ** 2
            m_hat = self.m[k] / (1 - self.b1_t)
            v_hat = self.v[k] / (1 - self.b2_t)
            params[k] -= self.lr * m_hat / (np.sqrt(v_hat) + 1e-7)
""",
        "pass",
        None,
        "keeps beta1**t and beta2**t as running products instead of a counter: the same corrections",
    ),
    _b9adam(
        "b9_rebinds_params",
        B9_ADAM_HEAD
        + """
    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(p) for k, p in params.items()}
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        self.t += 1
        for k in params:
            self.m[k] = self.beta1 * self.m[k] + (1 - self.beta1) * grads[k]
            self.v[k] = self.beta2 * self.v[k] + (1 - self.beta2) * grads[k] ** 2
            m_hat = self.m[k] / (1 - self.beta1**self.t)
            v_hat = self.v[k] / (1 - self.beta2**self.t)
            params[k] = params[k] - self.lr * m_hat / (np.sqrt(v_hat) + 1e-7)
""",
        "fail",
        IN_PLACE_ARRAY,
        # Changed by the lead after the blind pass (it said "pass"), as b9_rebinds_params of check_momentum.
        "new arrays put into params: layers holding the old arrays never see them; the exercise asks for in place",
    ),
    _b9adam(
        "b9_math_sqrt_lr_t",
        """
import math


class MyAdam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr, self.beta1, self.beta2 = lr, beta1, beta2
        self.t = 0
        self.m = {}
        self.v = {}

    def update(self, params, grads):
        self.t += 1
        lr_t = self.lr * math.sqrt(1 - self.beta2**self.t) / (1 - self.beta1**self.t)
        for k in grads:
            if k not in self.m:
                self.m[k] = np.zeros_like(params[k])
                self.v[k] = np.zeros_like(params[k])
            self.m[k] += (1 - self.beta1) * (grads[k] - self.m[k])
            self.v[k] += (1 - self.beta2) * (grads[k] ** 2 - self.v[k])
            params[k] -= lr_t * self.m[k] / (np.sqrt(self.v[k]) + 1e-7)
""",
        "pass",
        None,
        "the book's form with math.sqrt for the scalar lr_t and dicts made in the constructor",
    ),
    _b9adam(
        "b9_eps_inside_sqrt",
        B9_ADAM_HEAD
        + """
    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(p) for k, p in params.items()}
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        self.t += 1
        for k in params:
            self.m[k] = self.beta1 * self.m[k] + (1 - self.beta1) * grads[k]
            self.v[k] = self.beta2 * self.v[k] + (1 - self.beta2) * grads[k] ** 2
            m_hat = self.m[k] / (1 - self.beta1**self.t)
            v_hat = self.v[k] / (1 - self.beta2**self.t)
            params[k] -= self.lr * m_hat / np.sqrt(v_hat + 1e-8)
""",
        "pass",
        None,
        # Borderline: sqrt(v̂ + ε) instead of sqrt(v̂) + ε. ε only keeps the division away from 0; under the root
        # (a known variant) it acts as ε ≈ 1e-4 outside, which changes a step only where |g| is about 1e-3 or less
        # (for gradients of size 0.01 by 0.004 %). The method and its steps are Adam's.
        "ε = 1e-8 under the square root: a known variant, the same steps unless a gradient is below about 1e-3",
    ),
    _b9adam(
        "b9_grads_items",
        B9_ADAM_HEAD
        + """
    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(g) for k, g in grads.items()}
            self.v = {k: np.zeros_like(g) for k, g in grads.items()}
        self.t += 1
        c1 = 1 - self.beta1**self.t
        c2 = 1 - self.beta2**self.t
        for k, g in grads.items():
            self.m[k] = self.beta1 * self.m[k] + (1 - self.beta1) * g
            self.v[k] = self.beta2 * self.v[k] + (1 - self.beta2) * g**2
            params[k] -= self.lr * (self.m[k] / c1) / (np.sqrt(self.v[k] / c2) + 1e-7)
""",
        "pass",
        None,
        "loops over grads.items(), the two corrections computed once per update",
    ),
    _b9adam(
        "b9_zeros_shape_float64_state",
        B9_ADAM_HEAD
        + """
    def update(self, params, grads):
        if self.m is None:
            self.m, self.v = {}, {}
            for k in params:
                self.m[k] = np.zeros(params[k].shape)
                self.v[k] = np.zeros(params[k].shape)
        self.t += 1
        for k in params:
            self.m[k] = self.beta1 * self.m[k] + (1 - self.beta1) * grads[k]
            self.v[k] = self.beta2 * self.v[k] + (1 - self.beta2) * grads[k] ** 2
            m_hat = self.m[k] / (1 - self.beta1**self.t)
            v_hat = self.v[k] / (1 - self.beta2**self.t)
            params[k] -= self.lr * m_hat / (np.sqrt(v_hat) + 1e-7)
""",
        "pass",
        None,
        "float64 moments from np.zeros(shape); -= casts the step back into the parameter's own dtype",
    ),
    _b9adam(
        "b9_own_attribute_names",
        """
class MyAdam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.learning_rate = lr
        self.b1 = beta1
        self.b2 = beta2
        self.step = 0
        self.first = {}
        self.second = {}

    def update(self, params, grads):
        self.step += 1
        for name in params:
            if name not in self.first:
                self.first[name] = np.zeros_like(params[name])
                self.second[name] = np.zeros_like(params[name])
            g = grads[name]
            self.first[name] = self.b1 * self.first[name] + (1 - self.b1) * g
            self.second[name] = self.b2 * self.second[name] + (1 - self.b2) * g**2
            m_hat = self.first[name] / (1 - self.b1**self.step)
            v_hat = self.second[name] / (1 - self.b2**self.step)
            params[name] -= self.learning_rate * m_hat / (np.sqrt(v_hat) + 1e-7)
""",
        "pass",
        None,
        "its own attribute names, used consistently: the same steps",
    ),
    _b9adam(
        "b9_keywords_in_other_order",
        """
class MyAdam:
    def __init__(self, beta1=0.9, beta2=0.999, lr=0.001):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.t = 0
        self.m = None
        self.v = None

    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(p) for k, p in params.items()}
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        self.t += 1
        for k in params:
            self.m[k] = self.beta1 * self.m[k] + (1 - self.beta1) * grads[k]
            self.v[k] = self.beta2 * self.v[k] + (1 - self.beta2) * grads[k] ** 2
            m_hat = self.m[k] / (1 - self.beta1**self.t)
            v_hat = self.v[k] / (1 - self.beta2**self.t)
            params[k] -= self.lr * m_hat / (np.sqrt(v_hat) + 1e-7)
""",
        "pass",
        None,
        "lr last in the constructor, but MyAdam(lr=..., beta1=..., beta2=...) gives every argument its value",
    ),
    _b9adam(
        "b9_counter_per_key",
        B9_ADAM_HEAD
        + """
    def update(self, params, grads):
        if self.m is None:
            self.m, self.v, self.t = {}, {}, {}
        for k in params:
            if k not in self.m:
                self.m[k] = np.zeros_like(params[k])
                self.v[k] = np.zeros_like(params[k])
                self.t[k] = 0
            self.t[k] += 1           # each key is updated once per call: its own count is the step count
            self.m[k] = self.beta1 * self.m[k] + (1 - self.beta1) * grads[k]
            self.v[k] = self.beta2 * self.v[k] + (1 - self.beta2) * grads[k] ** 2
            m_hat = self.m[k] / (1 - self.beta1 ** self.t[k])
            v_hat = self.v[k] / (1 - self.beta2 ** self.t[k])
            params[k] -= self.lr * m_hat / (np.sqrt(v_hat) + 1e-7)
""",
        "pass",
        None,
        "one step counter per key, each +1 once per update: every key sees t = 1, 2, 3, ... as it should",
    ),
    _b9adam(
        "b9_state_as_pairs",
        B9_ADAM_HEAD
        + """
    def update(self, params, grads):
        if self.m is None:
            self.m = {}   # key -> (m, v)
        self.t += 1
        for k, p in params.items():
            m, v = self.m.get(k, (np.zeros_like(p), np.zeros_like(p)))
            g = grads[k]
            m = self.beta1 * m + (1 - self.beta1) * g
            v = self.beta2 * v + (1 - self.beta2) * g * g
            self.m[k] = (m, v)
            p -= self.lr * (m / (1 - self.beta1**self.t)) / (np.sqrt(v / (1 - self.beta2**self.t)) + 1e-7)
""",
        "pass",
        None,
        "both moments kept as a pair per key in one dict: the same steps",
    ),
    _b9adam(
        "b9_returns_params_too",
        B9_ADAM_HEAD
        + """
    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(p) for k, p in params.items()}
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        self.t += 1
        lr_t = self.lr * (1 - self.beta2**self.t) ** 0.5 / (1 - self.beta1**self.t)
        for k in params:
            self.m[k] += (1 - self.beta1) * (grads[k] - self.m[k])
            self.v[k] += (1 - self.beta2) * (grads[k] ** 2 - self.v[k])
            params[k] -= lr_t * self.m[k] / (self.v[k] ** 0.5 + 1e-7)
        return params
""",
        "pass",
        None,
        "the book's form with ** 0.5 for the roots; also returns params, harmlessly",
    ),
    _b9adam(
        "b9_in_place_moments",
        B9_ADAM_HEAD
        + """
    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(p) for k, p in params.items()}
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        self.t += 1
        for k in params:
            g = grads[k]
            self.m[k] *= self.beta1
            self.m[k] += (1 - self.beta1) * g
            self.v[k] *= self.beta2
            self.v[k] += (1 - self.beta2) * g * g
            denom = np.sqrt(self.v[k] / (1 - self.beta2**self.t))
            denom += 1e-7
            params[k] -= self.lr * (self.m[k] / (1 - self.beta1**self.t)) / denom
""",
        "pass",
        None,
        "moments updated in place; the denominator is a new array (the += on it changes nothing else)",
    ),
    # fail
    _b9adam(
        "b9_no_bias_correction",
        B9_ADAM_HEAD
        + """
    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(p) for k, p in params.items()}
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        for k in params:
            self.m[k] = self.beta1 * self.m[k] + (1 - self.beta1) * grads[k]
            self.v[k] = self.beta2 * self.v[k] + (1 - self.beta2) * grads[k] ** 2
            params[k] -= self.lr * self.m[k] / (np.sqrt(self.v[k]) + 1e-7)
""",
        "fail",
        B9_BIAS,
        "no bias correction: m and v start at 0, so the first step is lr·0.1/√0.001 ≈ 3.2·lr, not about lr",
    ),
    _b9adam(
        "b9_t_per_key",
        B9_ADAM_HEAD
        + """
    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(p) for k, p in params.items()}
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        for k in params:
            self.t += 1                     # counts keys, not updates
            self.m[k] = self.beta1 * self.m[k] + (1 - self.beta1) * grads[k]
            self.v[k] = self.beta2 * self.v[k] + (1 - self.beta2) * grads[k] ** 2
            m_hat = self.m[k] / (1 - self.beta1**self.t)
            v_hat = self.v[k] / (1 - self.beta2**self.t)
            params[k] -= self.lr * m_hat / (np.sqrt(v_hat) + 1e-7)
""",
        "fail",
        B9_T_ONCE,
        "t += 1 inside the loop over keys: with 4 parameters t grows by 4 per update, the corrections are wrong",
    ),
    _b9adam(
        "b9_t_incremented_after",
        B9_ADAM_HEAD
        + """
    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(p) for k, p in params.items()}
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        for k in params:
            self.m[k] = self.beta1 * self.m[k] + (1 - self.beta1) * grads[k]
            self.v[k] = self.beta2 * self.v[k] + (1 - self.beta2) * grads[k] ** 2
            m_hat = self.m[k] / (1 - self.beta1**self.t)      # t is still 0 at the first update
            v_hat = self.v[k] / (1 - self.beta2**self.t)
            params[k] -= self.lr * m_hat / (np.sqrt(v_hat) + 1e-7)
        self.t += 1
""",
        "fail",
        B9_T_ZERO,
        "t is incremented after the step: the first correction divides by 1 - β^0 = 0 (inf/nan), later ones are one step late",
    ),
    _b9adam(
        "b9_t_starts_at_one",
        """
class MyAdam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.t = 1
        self.m = None
        self.v = None

    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(p) for k, p in params.items()}
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        self.t += 1                          # 2 at the first update
        for k in params:
            self.m[k] = self.beta1 * self.m[k] + (1 - self.beta1) * grads[k]
            self.v[k] = self.beta2 * self.v[k] + (1 - self.beta2) * grads[k] ** 2
            m_hat = self.m[k] / (1 - self.beta1**self.t)
            v_hat = self.v[k] / (1 - self.beta2**self.t)
            params[k] -= self.lr * m_hat / (np.sqrt(v_hat) + 1e-7)
""",
        "fail",
        B9_T_ZERO + r"|" + B9_BIAS,
        "t starts at 1 and is incremented first: the first update is corrected as step 2 (off by one)",
    ),
    _b9adam(
        "b9_betas_swapped",
        B9_ADAM_HEAD
        + """
    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(p) for k, p in params.items()}
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        self.t += 1
        for k in params:
            self.m[k] = self.beta2 * self.m[k] + (1 - self.beta2) * grads[k]
            self.v[k] = self.beta1 * self.v[k] + (1 - self.beta1) * grads[k] ** 2
            m_hat = self.m[k] / (1 - self.beta2**self.t)
            v_hat = self.v[k] / (1 - self.beta1**self.t)
            params[k] -= self.lr * m_hat / (np.sqrt(v_hat) + 1e-7)
""",
        "fail",
        B9_BETAS,
        "beta2 averages the gradients and beta1 their squares: the other way round",
    ),
    _b9adam(
        "b9_gradient_not_squared",
        B9_ADAM_HEAD
        + """
    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(p) for k, p in params.items()}
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        self.t += 1
        for k in params:
            self.m[k] = self.beta1 * self.m[k] + (1 - self.beta1) * grads[k]
            self.v[k] = self.beta2 * self.v[k] + (1 - self.beta2) * grads[k]
            m_hat = self.m[k] / (1 - self.beta1**self.t)
            v_hat = self.v[k] / (1 - self.beta2**self.t)
            params[k] -= self.lr * m_hat / (np.sqrt(v_hat) + 1e-7)
""",
        "fail",
        B9_SQUARE,
        "v averages g, not g²: the square root of a negative average is nan",
    ),
    _b9adam(
        "b9_no_square_root",
        B9_ADAM_HEAD
        + """
    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(p) for k, p in params.items()}
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        self.t += 1
        for k in params:
            self.m[k] = self.beta1 * self.m[k] + (1 - self.beta1) * grads[k]
            self.v[k] = self.beta2 * self.v[k] + (1 - self.beta2) * grads[k] ** 2
            m_hat = self.m[k] / (1 - self.beta1**self.t)
            v_hat = self.v[k] / (1 - self.beta2**self.t)
            params[k] -= self.lr * m_hat / (v_hat + 1e-7)
""",
        "fail",
        B9_SQRT,
        "divides by v̂ instead of √v̂: the step is lr/g, not lr·sign(g)",
    ),
    _b9adam(
        "b9_plus_sign",
        B9_ADAM_HEAD
        + """
    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(p) for k, p in params.items()}
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        self.t += 1
        for k in params:
            self.m[k] = self.beta1 * self.m[k] + (1 - self.beta1) * grads[k]
            self.v[k] = self.beta2 * self.v[k] + (1 - self.beta2) * grads[k] ** 2
            m_hat = self.m[k] / (1 - self.beta1**self.t)
            v_hat = self.v[k] / (1 - self.beta2**self.t)
            params[k] += self.lr * m_hat / (np.sqrt(v_hat) + 1e-7)
""",
        "fail",
        B9_SIGN,
        "params += ...: every step goes uphill",
    ),
    _b9adam(
        "b9_plain_sgd",
        B9_ADAM_HEAD
        + """
    def update(self, params, grads):
        for k in params:
            params[k] -= self.lr * grads[k]
""",
        "fail",
        r"moment|\bm\b|\bv\b|average|adapt|beta|β|plain SGD|\bSGD\b|sqrt|remember|no effect|changes nothing",
        "plain SGD: no moments, beta1 and beta2 never used",
    ),
    _b9adam(
        "b9_hardcoded_lr",
        """
class MyAdam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr = 0.001
        self.beta1 = beta1
        self.beta2 = beta2
        self.t = 0
        self.m = None
        self.v = None

    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(p) for k, p in params.items()}
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        self.t += 1
        for k in params:
            self.m[k] = self.beta1 * self.m[k] + (1 - self.beta1) * grads[k]
            self.v[k] = self.beta2 * self.v[k] + (1 - self.beta2) * grads[k] ** 2
            m_hat = self.m[k] / (1 - self.beta1**self.t)
            v_hat = self.v[k] / (1 - self.beta2**self.t)
            params[k] -= self.lr * m_hat / (np.sqrt(v_hat) + 1e-7)
""",
        "fail",
        B9_LR,
        "self.lr = 0.001 whatever lr is given",
    ),
    _b9adam(
        "b9_hardcoded_betas",
        """
class MyAdam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr = lr
        self.beta1 = 0.9
        self.beta2 = 0.999
        self.t = 0
        self.m = None
        self.v = None

    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(p) for k, p in params.items()}
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        self.t += 1
        for k in params:
            self.m[k] = self.beta1 * self.m[k] + (1 - self.beta1) * grads[k]
            self.v[k] = self.beta2 * self.v[k] + (1 - self.beta2) * grads[k] ** 2
            m_hat = self.m[k] / (1 - self.beta1**self.t)
            v_hat = self.v[k] / (1 - self.beta2**self.t)
            params[k] -= self.lr * m_hat / (np.sqrt(v_hat) + 1e-7)
""",
        "fail",
        B9_BETAS_ARG,
        "beta1 and beta2 fixed at 0.9 and 0.999 whatever the constructor is given",
    ),
    _b9adam(
        "b9_one_m_v_for_all_keys",
        B9_ADAM_HEAD
        + """
    def update(self, params, grads):
        if self.m is None:
            self.m, self.v = 0.0, 0.0
        self.t += 1
        for k in params:
            self.m = self.beta1 * self.m + (1 - self.beta1) * grads[k]
            self.v = self.beta2 * self.v + (1 - self.beta2) * grads[k] ** 2
            m_hat = self.m / (1 - self.beta1**self.t)
            v_hat = self.v / (1 - self.beta2**self.t)
            params[k] -= self.lr * m_hat / (np.sqrt(v_hat) + 1e-7)
""",
        "fail",
        B9_PER_KEY,
        "one m and one v for all parameters: W1's moments flow into b1's step (or cannot broadcast to its shape)",
    ),
    _b9adam(
        "b9_moments_reset_every_call",
        B9_ADAM_HEAD
        + """
    def update(self, params, grads):
        self.t += 1
        for k in params:
            m = np.zeros_like(params[k])       # fresh moments at every call
            v = np.zeros_like(params[k])
            m = self.beta1 * m + (1 - self.beta1) * grads[k]
            v = self.beta2 * v + (1 - self.beta2) * grads[k] ** 2
            m_hat = m / (1 - self.beta1**self.t)
            v_hat = v / (1 - self.beta2**self.t)
            params[k] -= self.lr * m_hat / (np.sqrt(v_hat) + 1e-7)
""",
        "fail",
        B9_STATE,
        "m and v start again at 0 at every call: nothing is averaged over steps (and the corrections overshoot)",
    ),
    _b9adam(
        "b9_t_reset_every_call",
        B9_ADAM_HEAD
        + """
    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(p) for k, p in params.items()}
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        t = 0
        t += 1                                # always 1
        for k in params:
            self.m[k] = self.beta1 * self.m[k] + (1 - self.beta1) * grads[k]
            self.v[k] = self.beta2 * self.v[k] + (1 - self.beta2) * grads[k] ** 2
            m_hat = self.m[k] / (1 - self.beta1**t)
            v_hat = self.v[k] / (1 - self.beta2**t)
            params[k] -= self.lr * m_hat / (np.sqrt(v_hat) + 1e-7)
""",
        "fail",
        B9_T_ONCE + r"|" + B9_BIAS + r"|reset|always|keep|remember",
        "a local t is 1 at every call: from the second update on the corrections are those of step 1",
    ),
    _b9adam(
        "b9_corrected_m_stored",
        B9_ADAM_HEAD
        + """
    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(p) for k, p in params.items()}
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        self.t += 1
        for k in params:
            self.m[k] = self.beta1 * self.m[k] + (1 - self.beta1) * grads[k]
            self.v[k] = self.beta2 * self.v[k] + (1 - self.beta2) * grads[k] ** 2
            self.m[k] /= 1 - self.beta1**self.t          # the corrected moments replace the averages
            self.v[k] /= 1 - self.beta2**self.t
            params[k] -= self.lr * self.m[k] / (np.sqrt(self.v[k]) + 1e-7)
""",
        "fail",
        B9_BIAS + r"|stor|overwr|replac|average|second (step|update)|later|moment",
        "m̂ and v̂ are written back into m and v: from the second update on the averages are corrected twice",
    ),
    _b9adam(
        "b9_squares_grads_in_place",
        B9_ADAM_HEAD
        + """
    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(p) for k, p in params.items()}
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        self.t += 1
        for k in params:
            g = grads[k]
            self.m[k] = self.beta1 * self.m[k] + (1 - self.beta1) * g
            g **= 2                                   # squares the caller's gradient
            self.v[k] = self.beta2 * self.v[k] + (1 - self.beta2) * g
            m_hat = self.m[k] / (1 - self.beta1**self.t)
            v_hat = self.v[k] / (1 - self.beta2**self.t)
            params[k] -= self.lr * m_hat / (np.sqrt(v_hat) + 1e-7)
""",
        "fail",
        B9_GRADS,
        "g **= 2 squares the caller's gradient arrays in place: grads must be left as they were",
    ),
    _b9adam(
        "b9_returns_new_dict",
        B9_ADAM_HEAD
        + """
    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(p) for k, p in params.items()}
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        self.t += 1
        new = {}
        for k in params:
            self.m[k] = self.beta1 * self.m[k] + (1 - self.beta1) * grads[k]
            self.v[k] = self.beta2 * self.v[k] + (1 - self.beta2) * grads[k] ** 2
            m_hat = self.m[k] / (1 - self.beta1**self.t)
            v_hat = self.v[k] / (1 - self.beta2**self.t)
            new[k] = params[k] - self.lr * m_hat / (np.sqrt(v_hat) + 1e-7)
        return new
""",
        "fail",
        B9_UNCHANGED,
        "returns a new dict of stepped parameters; the params it was given never change",
    ),
    _b9adam(
        "b9_rmsprop",
        B9_ADAM_HEAD
        + """
    def update(self, params, grads):
        if self.v is None:
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        self.t += 1
        for k in params:
            self.v[k] = self.beta2 * self.v[k] + (1 - self.beta2) * grads[k] ** 2
            v_hat = self.v[k] / (1 - self.beta2**self.t)
            params[k] -= self.lr * grads[k] / (np.sqrt(v_hat) + 1e-7)
""",
        "fail",
        r"\bm\b|first moment|momentum|mean|average|β1|beta1|RMSprop|m̂|m_hat|no effect|changes nothing|ignor",
        "RMSprop: no first moment m, beta1 never used",
    ),
    _b9adam(
        "b9_no_epsilon",
        B9_ADAM_HEAD
        + """
    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(p) for k, p in params.items()}
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        self.t += 1
        for k in params:
            self.m[k] = self.beta1 * self.m[k] + (1 - self.beta1) * grads[k]
            self.v[k] = self.beta2 * self.v[k] + (1 - self.beta2) * grads[k] ** 2
            m_hat = self.m[k] / (1 - self.beta1**self.t)
            v_hat = self.v[k] / (1 - self.beta2**self.t)
            params[k] -= self.lr * m_hat / np.sqrt(v_hat)
""",
        "fail",
        B9_EPS,
        # Right for gradients that are never 0; a parameter whose gradient is 0 from the start (a dead ReLU's
        # bias, an unused input's weight) gets 0/0 = nan. ε is there for exactly that.
        "no ε: a parameter whose gradient has been 0 so far gets 0/0 = nan",
    ),
    _b9adam(
        "b9_correction_without_power",
        B9_ADAM_HEAD
        + """
    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(p) for k, p in params.items()}
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        self.t += 1
        for k in params:
            self.m[k] = self.beta1 * self.m[k] + (1 - self.beta1) * grads[k]
            self.v[k] = self.beta2 * self.v[k] + (1 - self.beta2) * grads[k] ** 2
            m_hat = self.m[k] / (1 - self.beta1)       # beta1, not beta1 ** t
            v_hat = self.v[k] / (1 - self.beta2)
            params[k] -= self.lr * m_hat / (np.sqrt(v_hat) + 1e-7)
""",
        "fail",
        B9_BIAS,
        "corrects by 1 - β instead of 1 - β^t: right at the first step, too big from the second on",
    ),
    _b9adam(
        "b9_no_one_minus_beta",
        B9_ADAM_HEAD
        + """
    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(p) for k, p in params.items()}
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        self.t += 1
        for k in params:
            self.m[k] = self.beta1 * self.m[k] + grads[k]          # sums, not averages
            self.v[k] = self.beta2 * self.v[k] + grads[k] ** 2
            m_hat = self.m[k] / (1 - self.beta1**self.t)
            v_hat = self.v[k] / (1 - self.beta2**self.t)
            params[k] -= self.lr * m_hat / (np.sqrt(v_hat) + 1e-7)
""",
        "fail",
        r"1 ?[-−] ?β|1 ?- ?beta|\(1|weight|average|moment|\bm\b|\bv\b|too (small|large|big)|bias|correct",
        "m and v without the (1 - β) weights: the corrections then shrink the steps (to about 0.32·lr at first)",
    ),
    _b9adam(
        "b9_book_lr_t_betas_swapped",
        B9_ADAM_HEAD
        + """
    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(p) for k, p in params.items()}
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        self.t += 1
        lr_t = self.lr * np.sqrt(1 - self.beta1**self.t) / (1 - self.beta2**self.t)
        for k in params:
            self.m[k] += (1 - self.beta1) * (grads[k] - self.m[k])
            self.v[k] += (1 - self.beta2) * (grads[k] ** 2 - self.v[k])
            params[k] -= lr_t * self.m[k] / (np.sqrt(self.v[k]) + 1e-7)
""",
        "fail",
        B9_BIAS + r"|" + B9_BETAS,
        "lr_t with beta1 under the root and beta2 below: the first step is about 1000·lr, not about lr",
    ),
    _b9adam(
        "b9_renamed_arguments",
        """
class MyAdam:
    def __init__(self, learning_rate=0.001, b1=0.9, b2=0.999):
        self.lr = learning_rate
        self.beta1 = b1
        self.beta2 = b2
        self.t = 0
        self.m = None
        self.v = None

    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(p) for k, p in params.items()}
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        self.t += 1
        for k in params:
            self.m[k] = self.beta1 * self.m[k] + (1 - self.beta1) * grads[k]
            self.v[k] = self.beta2 * self.v[k] + (1 - self.beta2) * grads[k] ** 2
            m_hat = self.m[k] / (1 - self.beta1**self.t)
            v_hat = self.v[k] / (1 - self.beta2**self.t)
            params[k] -= self.lr * m_hat / (np.sqrt(v_hat) + 1e-7)
""",
        "fail",
        B9_KWARG,
        "the constructor's arguments are learning_rate, b1, b2: MyAdam(lr=..., beta1=..., beta2=...) raises a TypeError",
    ),
    # not done
    _b9adam(
        "b9_skeleton",
        B9_ADAM_HEAD
        + """
    def update(self, params, grads):
        # your code: t += 1; for each key the moments m and v, their bias corrections, the step
        raise NotImplementedError
""",
        "not done",
        None,
        "the skeleton",
    ),
    _b9adam(
        "b9_moments_done_step_not",
        B9_ADAM_HEAD
        + """
    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(p) for k, p in params.items()}
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        self.t += 1
        for k in params:
            self.m[k] = self.beta1 * self.m[k] + (1 - self.beta1) * grads[k]
            self.v[k] = self.beta2 * self.v[k] + (1 - self.beta2) * grads[k] ** 2
            raise NotImplementedError  # TODO: bias correction and the step
""",
        "not done",
        None,
        "the moments are there, the step still raises NotImplementedError",
    ),
    _b9adam(
        "b9_constructor_not_done",
        """
class MyAdam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        raise NotImplementedError

    def update(self, params, grads):
        raise NotImplementedError
""",
        "not done",
        None,
        "neither method is filled in",
    ),
    _b9adam(
        "b9_helper_not_done",
        B9_ADAM_HEAD
        + """
    def corrected(self, moment, beta):
        raise NotImplementedError

    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(p) for k, p in params.items()}
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        self.t += 1
        for k in params:
            self.m[k] = self.beta1 * self.m[k] + (1 - self.beta1) * grads[k]
            self.v[k] = self.beta2 * self.v[k] + (1 - self.beta2) * grads[k] ** 2
            m_hat = self.corrected(self.m[k], self.beta1)
            v_hat = self.corrected(self.v[k], self.beta2)
            params[k] -= self.lr * m_hat / (np.sqrt(v_hat) + 1e-7)
""",
        "not done",
        None,
        "its bias-correction helper still raises NotImplementedError",
    ),
]

B9_HE_SCALE = (
    r"√ ?2|sqrt ?\(? ?2|2 ?/|\bHe\b|Xavier|Glorot|too (small|narrow|large|big|wide)|std|scale|spread|factor|"
    r"standard deviation|variance"
)
B9_FAN_IN = B9_HE_SCALE + r"|n_in|fan.in|fan.out|n_out|input|rows|previous|sizes\[k ?- ?1\]"
B9_BIAS_ZERO = r"bias|zero|\bb\d"
B9_SHAPE = r"shape|transpos|\(\d+, ?\d+\)|rows|columns"
B9_LAYERS = r"W\d|b\d|last|missing|layer|keys?|every|number|count"
B9_KEYS = r"W0|b0|W1|keys?|names?|numbered|start|count from"
B9_DICT = r"dict|list|tuple|keys?|type"
B9_RNG = (
    r"\brng\b|seed|reproduc|same (weights|result|numbers|values|draw)|np\.random|global|generator|given|twice|"
    r"differ|ignor"
)

B9_HE_ENTRIES = [
    # pass
    _b9he(
        "b9_range_loop",
        """
def he_init(sizes, rng):
    params = {}
    for k in range(1, len(sizes)):
        n_in, n_out = sizes[k - 1], sizes[k]
        params[f"W{k}"] = rng.standard_normal((n_in, n_out)) * np.sqrt(2 / n_in)
        params[f"b{k}"] = np.zeros(n_out)
    return params
""",
        "pass",
        None,
        "the exercise's recipe: W_k ~ N(0, 2/n_in) of shape (n_in, n_out), b_k zeros",
    ),
    _b9he(
        "b9_zip_enumerate_from_1",
        """
def he_init(sizes, rng):
    params = {}
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        params["W" + str(i)] = rng.standard_normal((n_in, n_out)) * np.sqrt(2.0 / n_in)
        params["b" + str(i)] = np.zeros(n_out)
    return params
""",
        "pass",
        None,
        "pairs of neighbouring sizes by zip, numbered from 1 by enumerate",
    ),
    _b9he(
        "b9_rng_normal",
        """
def he_init(sizes, rng):
    params = {}
    for k in range(1, len(sizes)):
        std = np.sqrt(2 / sizes[k - 1])
        params[f"W{k}"] = rng.normal(0, std, size=(sizes[k - 1], sizes[k]))
        params[f"b{k}"] = np.zeros(sizes[k])
    return params
""",
        "pass",
        None,
        "rng.normal(0, std, size) draws from the same normal distribution",
    ),
    _b9he(
        "b9_rng_normal_keywords",
        """
def he_init(sizes, rng):
    params = {}
    for k in range(1, len(sizes)):
        params[f"W{k}"] = rng.normal(loc=0.0, scale=(2 / sizes[k - 1]) ** 0.5, size=(sizes[k - 1], sizes[k]))
        params[f"b{k}"] = np.zeros((sizes[k],))
    return params
""",
        "pass",
        None,
        "rng.normal with loc/scale/size keywords, the std as ** 0.5, the bias shape as a 1-tuple",
    ),
    _b9he(
        "b9_scale_first",
        """
def he_init(sizes, rng):
    params = {}
    for k in range(1, len(sizes)):
        n_in = sizes[k - 1]
        params[f"W{k}"] = np.sqrt(2.0 / n_in) * rng.standard_normal((n_in, sizes[k]))
        params[f"b{k}"] = np.zeros(sizes[k])
    return params
""",
        "pass",
        None,
        "the scale written first: multiplication commutes",
    ),
    _b9he(
        "b9_uniform_right_std",
        """
def he_init(sizes, rng):
    params = {}
    for k in range(1, len(sizes)):
        n_in, n_out = sizes[k - 1], sizes[k]
        limit = np.sqrt(6 / n_in)          # U(-a, a) has std a / sqrt(3) = sqrt(2 / n_in)
        params[f"W{k}"] = rng.uniform(-limit, limit, size=(n_in, n_out))
        params[f"b{k}"] = np.zeros(n_out)
    return params
""",
        "pass",
        None,
        "He's uniform variant: U(-√(6/n_in), √(6/n_in)) has mean 0 and std √(2/n_in)",
    ),
    _b9he(
        "b9_divide_by_sqrt_half_n",
        """
def he_init(sizes, rng):
    params = {}
    for k in range(1, len(sizes)):
        params[f"W{k}"] = rng.standard_normal((sizes[k - 1], sizes[k])) / np.sqrt(sizes[k - 1] / 2)
        params[f"b{k}"] = np.zeros(sizes[k])
    return params
""",
        "pass",
        None,
        "dividing by √(n_in/2) is multiplying by √(2/n_in)",
    ),
    _b9he(
        "b9_dict_comprehensions",
        """
def he_init(sizes, rng):
    L = len(sizes) - 1
    weights = {
        f"W{k}": rng.standard_normal((sizes[k - 1], sizes[k])) * np.sqrt(2 / sizes[k - 1]) for k in range(1, L + 1)
    }
    biases = {f"b{k}": np.zeros(sizes[k]) for k in range(1, L + 1)}
    return {**weights, **biases}
""",
        "pass",
        None,
        "two dict comprehensions merged: the same keys and values (the order of the keys does not matter)",
    ),
    _b9he(
        "b9_bias_zeros_like_row",
        """
def he_init(sizes, rng):
    params = {}
    for k in range(1, len(sizes)):
        W = rng.standard_normal((sizes[k - 1], sizes[k])) * np.sqrt(2 / sizes[k - 1])
        params[f"W{k}"] = W
        params[f"b{k}"] = np.zeros_like(W[0])
    return params
""",
        "pass",
        None,
        "np.zeros_like(W[0]) is zeros of shape (n_out,)",
    ),
    _b9he(
        "b9_math_sqrt",
        """
import math


def he_init(sizes, rng):
    params = {}
    for k in range(1, len(sizes)):
        scale = math.sqrt(2 / sizes[k - 1])
        params["W%d" % k] = scale * rng.standard_normal(size=(sizes[k - 1], sizes[k]))
        params["b%d" % k] = np.zeros(sizes[k])
    return params
""",
        "pass",
        None,
        "math.sqrt for the scale, %-formatted keys, size= keyword",
    ),
    _b9he(
        "b9_float32",
        """
def he_init(sizes, rng):
    params = {}
    for k in range(1, len(sizes)):
        W = rng.standard_normal((sizes[k - 1], sizes[k]), dtype=np.float32)
        params[f"W{k}"] = W * np.float32(np.sqrt(2 / sizes[k - 1]))
        params[f"b{k}"] = np.zeros(sizes[k], dtype=np.float32)
    return params
""",
        "pass",
        None,
        # Borderline: float32 arrays. The exercise fixes no dtype (float32 trains as well and is faster); the
        # distribution, shapes and zeros are right.
        "float32 weights and biases of the right distribution and shapes: the exercise fixes no dtype",
    ),
    _b9he(
        "b9_dict_update",
        """
def he_init(sizes, rng):
    params = dict()
    for k, (fan_in, fan_out) in enumerate(zip(sizes, sizes[1:]), 1):
        params.update(
            {
                f"W{k}": np.sqrt(2 / fan_in) * rng.standard_normal((fan_in, fan_out)),
                f"b{k}": np.zeros(fan_out),
            }
        )
    return params
""",
        "pass",
        None,
        "zip(sizes, sizes[1:]) and dict.update: the same dict",
    ),
    _b9he(
        "b9_weights_then_biases",
        """
def he_init(sizes, rng):
    params = {}
    n_layers = len(sizes) - 1
    for k in range(1, n_layers + 1):
        params[f"W{k}"] = rng.standard_normal((sizes[k - 1], sizes[k])) * np.sqrt(2 / sizes[k - 1])
    for k in range(1, n_layers + 1):
        params[f"b{k}"] = np.zeros(sizes[k])
    return params
""",
        "pass",
        None,
        "all weights first, then all biases: the same dict",
    ),
    _b9he(
        "b9_list_sizes_copy",
        """
def he_init(sizes, rng):
    sizes = list(sizes)
    params = {}
    for k, n_in in enumerate(sizes[:-1]):
        n_out = sizes[k + 1]
        params["W" + str(k + 1)] = rng.standard_normal((n_in, n_out)) * np.sqrt(2.0 / float(n_in))
        params["b" + str(k + 1)] = np.zeros(n_out, dtype=float)
    return params
""",
        "pass",
        None,
        "enumerate from 0 with k + 1 in the names: keys W1..WL, the right shapes and scale",
    ),
    _b9he(
        "b9_weight_init_std_name",
        """
def he_init(sizes, rng):
    params = {}
    for idx in range(1, len(sizes)):
        weight_init_std = np.sqrt(2.0 / sizes[idx - 1])   # He: sqrt(2 / n) for ReLU
        params['W' + str(idx)] = weight_init_std * rng.standard_normal((sizes[idx - 1], sizes[idx]))
        params['b' + str(idx)] = np.zeros(sizes[idx])
    return params
""",
        "pass",
        None,
        "the book's MultiLayerNet.__init_weight with rng.standard_normal for np.random.randn",
    ),
    # fail
    _b9he(
        "b9_xavier_scale",
        """
def he_init(sizes, rng):
    params = {}
    for k in range(1, len(sizes)):
        params[f"W{k}"] = rng.standard_normal((sizes[k - 1], sizes[k])) * np.sqrt(1 / sizes[k - 1])
        params[f"b{k}"] = np.zeros(sizes[k])
    return params
""",
        "fail",
        B9_HE_SCALE,
        "√(1/n_in) is Xavier's scale; He's is √(2/n_in), √2 times larger",
    ),
    _b9he(
        "b9_fan_out",
        """
def he_init(sizes, rng):
    params = {}
    for k in range(1, len(sizes)):
        params[f"W{k}"] = rng.standard_normal((sizes[k - 1], sizes[k])) * np.sqrt(2 / sizes[k])
        params[f"b{k}"] = np.zeros(sizes[k])
    return params
""",
        "fail",
        B9_FAN_IN,
        "scaled by the number of outputs: He's std is √(2/n_in), from the layer's inputs",
    ),
    _b9he(
        "b9_variance_as_scale",
        """
def he_init(sizes, rng):
    params = {}
    for k in range(1, len(sizes)):
        params[f"W{k}"] = rng.standard_normal((sizes[k - 1], sizes[k])) * (2 / sizes[k - 1])
        params[f"b{k}"] = np.zeros(sizes[k])
    return params
""",
        "fail",
        B9_HE_SCALE + r"|sqrt|square root|√|root",
        "multiplies by the variance 2/n_in instead of the std √(2/n_in): far too small",
    ),
    _b9he(
        "b9_random_biases",
        """
def he_init(sizes, rng):
    params = {}
    for k in range(1, len(sizes)):
        scale = np.sqrt(2 / sizes[k - 1])
        params[f"W{k}"] = rng.standard_normal((sizes[k - 1], sizes[k])) * scale
        params[f"b{k}"] = rng.standard_normal(sizes[k]) * scale
    return params
""",
        "fail",
        B9_BIAS_ZERO,
        "the biases are drawn at random too; they must start at 0",
    ),
    _b9he(
        "b9_bias_ones",
        """
def he_init(sizes, rng):
    params = {}
    for k in range(1, len(sizes)):
        params[f"W{k}"] = rng.standard_normal((sizes[k - 1], sizes[k])) * np.sqrt(2 / sizes[k - 1])
        params[f"b{k}"] = np.ones(sizes[k])
    return params
""",
        "fail",
        B9_BIAS_ZERO,
        "np.ones: the biases must start at 0",
    ),
    _b9he(
        "b9_transposed",
        """
def he_init(sizes, rng):
    params = {}
    for k in range(1, len(sizes)):
        params[f"W{k}"] = rng.standard_normal((sizes[k], sizes[k - 1])) * np.sqrt(2 / sizes[k - 1])
        params[f"b{k}"] = np.zeros(sizes[k])
    return params
""",
        "fail",
        B9_SHAPE,
        "W_k of shape (n_out, n_in): x @ W needs (n_in, n_out)",
    ),
    _b9he(
        "b9_last_layer_missing",
        """
def he_init(sizes, rng):
    params = {}
    for k in range(1, len(sizes) - 1):
        params[f"W{k}"] = rng.standard_normal((sizes[k - 1], sizes[k])) * np.sqrt(2 / sizes[k - 1])
        params[f"b{k}"] = np.zeros(sizes[k])
    return params
""",
        "fail",
        B9_LAYERS,
        "range(1, len(sizes) - 1) stops one layer short: no W_L, b_L",
    ),
    _b9he(
        "b9_keys_from_zero",
        """
def he_init(sizes, rng):
    params = {}
    for k in range(len(sizes) - 1):
        params[f"W{k}"] = rng.standard_normal((sizes[k], sizes[k + 1])) * np.sqrt(2 / sizes[k])
        params[f"b{k}"] = np.zeros(sizes[k + 1])
    return params
""",
        "fail",
        B9_KEYS,
        "the right arrays under W0, b0, ...: the keys must be W1, b1, ... WL, bL",
    ),
    _b9he(
        "b9_returns_list",
        """
def he_init(sizes, rng):
    layers = []
    for k in range(1, len(sizes)):
        W = rng.standard_normal((sizes[k - 1], sizes[k])) * np.sqrt(2 / sizes[k - 1])
        layers.append((W, np.zeros(sizes[k])))
    return layers
""",
        "fail",
        B9_DICT,
        "a list of (W, b) pairs: the exercise asks for a dict with keys W1, b1, ...",
    ),
    _b9he(
        "b9_bias_row_vector",
        """
def he_init(sizes, rng):
    params = {}
    for k in range(1, len(sizes)):
        params[f"W{k}"] = rng.standard_normal((sizes[k - 1], sizes[k])) * np.sqrt(2 / sizes[k - 1])
        params[f"b{k}"] = np.zeros((1, sizes[k]))
    return params
""",
        "fail",
        B9_SHAPE + r"|bias|\(1, ?\d+\)|\(\d+,\)|1-D|2-D|dim",
        "b_k of shape (1, n_out): the exercise's b_k has shape (n_out,) (a layer's db does too)",
    ),
    _b9he(
        "b9_first_size_for_every_layer",
        """
def he_init(sizes, rng):
    params = {}
    scale = np.sqrt(2 / sizes[0])
    for k in range(1, len(sizes)):
        params[f"W{k}"] = rng.standard_normal((sizes[k - 1], sizes[k])) * scale
        params[f"b{k}"] = np.zeros(sizes[k])
    return params
""",
        "fail",
        B9_FAN_IN + r"|W2|W3|layer|each",
        "√(2/sizes[0]) for every layer: right for W1 only, W2 and later need their own n_in",
    ),
    _b9he(
        "b9_global_np_random",
        """
def he_init(sizes, rng):
    params = {}
    for k in range(1, len(sizes)):
        params[f"W{k}"] = np.random.randn(sizes[k - 1], sizes[k]) * np.sqrt(2 / sizes[k - 1])
        params[f"b{k}"] = np.zeros(sizes[k])
    return params
""",
        "fail",
        B9_RNG,
        # Borderline: the book's np.random.randn gives the right distribution, but ignores the rng it is given,
        # so the same seed no longer gives the same weights: the reason the exercise passes rng in.
        "np.random.randn draws from NumPy's global state, not from the given rng: a seeded rng does not reproduce it",
    ),
    _b9he(
        "b9_own_generator",
        """
def he_init(sizes, rng):
    rng = np.random.default_rng(42)      # replaces the rng it was given
    params = {}
    for k in range(1, len(sizes)):
        params[f"W{k}"] = rng.standard_normal((sizes[k - 1], sizes[k])) * np.sqrt(2 / sizes[k - 1])
        params[f"b{k}"] = np.zeros(sizes[k])
    return params
""",
        "fail",
        B9_RNG,
        "makes its own seeded generator: every rng gives the same weights, the given one is never used",
    ),
    _b9he(
        "b9_randn_on_generator",
        """
def he_init(sizes, rng):
    params = {}
    for k in range(1, len(sizes)):
        params[f"W{k}"] = rng.randn(sizes[k - 1], sizes[k]) * np.sqrt(2 / sizes[k - 1])
        params[f"b{k}"] = np.zeros(sizes[k])
    return params
""",
        "fail",
        r"randn|attribute|Generator|standard_normal|\brng\.",
        "a Generator has no randn (that is np.random's): rng.standard_normal(shape) is its method",
    ),
    _b9he(
        "b9_standard_normal_two_arguments",
        """
def he_init(sizes, rng):
    params = {}
    for k in range(1, len(sizes)):
        params[f"W{k}"] = rng.standard_normal(sizes[k - 1], sizes[k]) * np.sqrt(2 / sizes[k - 1])
        params[f"b{k}"] = np.zeros(sizes[k])
    return params
""",
        "fail",
        r"size|shape|tuple|dtype|standard_normal|argument|TypeError|data type",
        "rng.standard_normal(n_in, n_out): the shape must be one tuple (the second argument is the dtype)",
    ),
    _b9he(
        "b9_uniform_limit_is_std",
        """
def he_init(sizes, rng):
    params = {}
    for k in range(1, len(sizes)):
        a = np.sqrt(2 / sizes[k - 1])
        params[f"W{k}"] = rng.uniform(-a, a, size=(sizes[k - 1], sizes[k]))
        params[f"b{k}"] = np.zeros(sizes[k])
    return params
""",
        "fail",
        B9_HE_SCALE + r"|uniform|√ ?3|sqrt ?\(? ?3|6|limit",
        "U(-√(2/n_in), √(2/n_in)) has std √(2/n_in)/√3: the limit must be √(6/n_in)",
    ),
    _b9he(
        "b9_three_layers_hardcoded",
        """
def he_init(sizes, rng):
    n0, n1, n2, n3 = 784, 100, 50, 10
    return {
        "W1": rng.standard_normal((n0, n1)) * np.sqrt(2 / n0),
        "b1": np.zeros(n1),
        "W2": rng.standard_normal((n1, n2)) * np.sqrt(2 / n1),
        "b2": np.zeros(n2),
        "W3": rng.standard_normal((n2, n3)) * np.sqrt(2 / n2),
        "b3": np.zeros(n3),
    }
""",
        "fail",
        B9_LAYERS + r"|" + B9_SHAPE + r"|sizes|hard.?coded|any|other",
        "the sizes of the example typed in: other sizes (another number of layers) get the wrong network",
    ),
    _b9he(
        "b9_one_layer_too_many",
        """
def he_init(sizes, rng):
    params = {}
    for k in range(1, len(sizes) + 1):
        params[f"W{k}"] = rng.standard_normal((sizes[k - 1], sizes[k])) * np.sqrt(2 / sizes[k - 1])
        params[f"b{k}"] = np.zeros(sizes[k])
    return params
""",
        "fail",
        r"IndexError|index|range|out of|layers?|sizes",
        "range(1, len(sizes) + 1) reads sizes[len(sizes)]: an IndexError",
    ),
    _b9he(
        "b9_no_scale",
        """
def he_init(sizes, rng):
    params = {}
    for k in range(1, len(sizes)):
        params[f"W{k}"] = rng.standard_normal((sizes[k - 1], sizes[k]))
        params[f"b{k}"] = np.zeros(sizes[k])
    return params
""",
        "fail",
        B9_HE_SCALE + r"|sqrt|√",
        "standard normal weights without √(2/n_in): std 1, far too large",
    ),
    _b9he(
        "b9_book_std_0_01",
        """
def he_init(sizes, rng):
    params = {}
    for k in range(1, len(sizes)):
        params[f"W{k}"] = 0.01 * rng.standard_normal((sizes[k - 1], sizes[k]))
        params[f"b{k}"] = np.zeros(sizes[k])
    return params
""",
        "fail",
        B9_HE_SCALE + r"|0\.01|sqrt|√",
        "weight_init_std = 0.01 (notebook 07's): not He's √(2/n_in)",
    ),
    _b9he(
        "b9_uniform_0_1",
        """
def he_init(sizes, rng):
    params = {}
    for k in range(1, len(sizes)):
        params[f"W{k}"] = rng.random((sizes[k - 1], sizes[k])) * np.sqrt(2 / sizes[k - 1])
        params[f"b{k}"] = np.zeros(sizes[k])
    return params
""",
        "fail",
        r"mean|positive|negative|centred|centered|symmetric|uniform|sign|normal|distribution|" + B9_HE_SCALE,
        "rng.random draws from [0, 1): every weight is positive, mean √(2/n_in)/2 instead of 0",
    ),
    _b9he(
        "b9_biases_missing",
        """
def he_init(sizes, rng):
    params = {}
    for k in range(1, len(sizes)):
        params[f"W{k}"] = rng.standard_normal((sizes[k - 1], sizes[k])) * np.sqrt(2 / sizes[k - 1])
    return params
""",
        "fail",
        r"b\d|bias|keys?|missing",
        "only the weights: b1, ..., bL are missing",
    ),
    _b9he(
        "b9_returns_tuple_of_dicts",
        """
def he_init(sizes, rng):
    weights, biases = {}, {}
    for k in range(1, len(sizes)):
        weights[f"W{k}"] = rng.standard_normal((sizes[k - 1], sizes[k])) * np.sqrt(2 / sizes[k - 1])
        biases[f"b{k}"] = np.zeros(sizes[k])
    return weights, biases
""",
        "fail",
        B9_DICT + r"|two|2 things|one dict",
        "two dicts (weights, biases): the exercise asks for one dict with all of W1, b1, ...",
    ),
    _b9he(
        "b9_glorot_fan_average",
        """
def he_init(sizes, rng):
    params = {}
    for k in range(1, len(sizes)):
        n_in, n_out = sizes[k - 1], sizes[k]
        params[f"W{k}"] = rng.standard_normal((n_in, n_out)) * np.sqrt(2 / (n_in + n_out))
        params[f"b{k}"] = np.zeros(n_out)
    return params
""",
        "fail",
        B9_FAN_IN,
        "√(2/(n_in + n_out)) is Glorot's normal scale; He's is √(2/n_in)",
    ),
    # not done
    _b9he(
        "b9_skeleton",
        """
def he_init(sizes, rng):
    # your code: for k = 1..L, W{k} of shape (sizes[k-1], sizes[k]) with std sqrt(2 / sizes[k-1]), b{k} zeros
    raise NotImplementedError
""",
        "not done",
        None,
        "the skeleton",
    ),
    _b9he(
        "b9_loop_body_not_done",
        """
def he_init(sizes, rng):
    params = {}
    for k in range(1, len(sizes)):
        raise NotImplementedError   # TODO: W{k} and b{k}
    return params
""",
        "not done",
        None,
        "the loop is there, its body still raises NotImplementedError",
    ),
    _b9he(
        "b9_helper_not_done",
        """
def he_std(n_in):
    raise NotImplementedError


def he_init(sizes, rng):
    params = {}
    for k in range(1, len(sizes)):
        params[f"W{k}"] = rng.standard_normal((sizes[k - 1], sizes[k])) * he_std(sizes[k - 1])
        params[f"b{k}"] = np.zeros(sizes[k])
    return params
""",
        "not done",
        None,
        "its helper he_std still raises NotImplementedError",
    ),
]

SUBMISSIONS += B9_MOMENTUM_ENTRIES + B9_ADAM_ENTRIES + B9_HE_ENTRIES


# --- Notebook 10, blind: batch normalisation, dropout, the weight-decay gradient ---------------------------------
# Written blind from the exercise texts (issue 19's spec, section 6) and the book's ch. 6.3-6.4 code (without
# reading nbhelpers/checks/ or the tests of those checks). The verdicts say what is mathematically right: a
# batch-norm output that equals γ·(x − μ)/√(σ² + ε) + β column by column (σ² the biased variance, ε anywhere in
# 1e-8..1e-5, a constant column giving β), with x left as it was, passes in any style and dtype; a dropout layer
# passes when its mask is drawn from self.rng, drops each value with probability dropout_ratio, scales at
# inference (or, inverted, at training), and lets the gradient through only where a value was kept; the
# weight-decay gradient passes when it returns a new dict with + λ·W on the W keys alone, grads unchanged.
# Names start with "b10_".

#: Notebook 10, above its exercises: the imports (every entry defines what it uses itself).
G10 = """
import numpy as np
import nbhelpers
from nbhelpers import checks
"""


def _b10bn(name, code, verdict, hint, why):
    return Submission("check_batchnorm_forward", name, "batchnorm_forward", code, verdict, hint, why, G10)


def _b10drop(name, code, verdict, hint, why):
    return Submission("check_dropout", name, "MyDropout", code, verdict, hint, why, G10)


def _b10wd(name, code, verdict, hint, why):
    return Submission(
        "check_weight_decay_gradient", name, "weight_decay_gradient", code, verdict, hint, why, G10
    )


B10_AXIS = (
    r"axis|columns?|features?|per (feature|column)|each (feature|column)|over the batch|rows?|examples?|"
    r"batch|\(D,\)|across"
)
B10_DDOF = r"ddof|unbiased|biased|N ?[-−] ?1|n ?[-−] ?1|variance|divid|sample"
B10_EPS = r"eps|ε|epsilon|constant|\bnan\b|zero|divi|invalid|std (of|is|=) ?0|finite"
B10_SQRT = r"sqrt|square root|√|root|std|standard deviation|variance"
B10_GAMMA_BETA = r"gamma|beta|γ|β|swap|exchang|scale|shift"
B10_BETA = r"beta|β|shift|offset|bias|add|\+ ?β"
B10_GAMMA = r"gamma|γ|scale|multipl|\* ?γ"
B10_IN_PLACE = r"in.place|modif|chang|overwr|input|your x|copy|x itself|\bx\b (was|is|got)"
B10_MEAN = r"mean|centr|center|subtract|μ|\bmu\b|average|zero"
B10_NONE = r"None|return|print"
B10_TYPE = r"tuple|list|array|ndarray|type|one (array|thing)|pair|cache"

B10_BN_ENTRIES = [
    # pass
    _b10bn(
        "b10_book",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    mu = x.mean(axis=0)
    xc = x - mu
    var = np.mean(xc**2, axis=0)
    std = np.sqrt(var + eps)
    xn = xc / std
    return gamma * xn + beta
""",
        "pass",
        None,
        "the book's BatchNormalization.__forward in training mode, without the running averages",
    ),
    _b10bn(
        "b10_np_var",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    xn = (x - np.mean(x, axis=0)) / np.sqrt(np.var(x, axis=0) + eps)
    return gamma * xn + beta
""",
        "pass",
        None,
        "np.var's default ddof=0 is the biased variance the exercise asks for",
    ),
    _b10bn(
        "b10_np_std_ddof0",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    mu = np.mean(x, axis=0)
    sigma = np.std(x, axis=0, ddof=0)
    xn = (x - mu) / np.sqrt(sigma**2 + eps)
    return gamma * xn + beta
""",
        "pass",
        None,
        "np.std with ddof=0 squared is the biased variance; ε still added under the root",
    ),
    _b10bn(
        "b10_keepdims",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    mu = x.mean(axis=0, keepdims=True)         # (1, D)
    var = x.var(axis=0, keepdims=True)         # (1, D)
    xn = (x - mu) / np.sqrt(var + eps)
    return gamma.reshape(1, -1) * xn + beta.reshape(1, -1)
""",
        "pass",
        None,
        "keepdims=True and γ, β as (1, D) rows: the same broadcasting, the same (N, D) output",
    ),
    _b10bn(
        "b10_loop_over_columns",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    N, D = x.shape
    out = np.empty((N, D))
    for j in range(D):
        col = x[:, j]
        m = col.mean()
        v = ((col - m) ** 2).mean()
        out[:, j] = gamma[j] * (col - m) / np.sqrt(v + eps) + beta[j]
    return out
""",
        "pass",
        None,
        "one column (feature) at a time: the same numbers, slower",
    ),
    _b10bn(
        "b10_loop_over_rows_sums",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    N, D = x.shape
    total = np.zeros(D)
    for row in x:
        total += row
    mu = total / N
    squares = np.zeros(D)
    for row in x:
        squares += (row - mu) ** 2
    var = squares / N
    return gamma * (x - mu) / np.sqrt(var + eps) + beta
""",
        "pass",
        None,
        "mean and biased variance summed example by example, divided by N",
    ),
    _b10bn(
        "b10_eps_1e_7",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    eps = 1e-7
    mu = x.mean(axis=0)
    var = ((x - mu) ** 2).mean(axis=0)
    return gamma * (x - mu) / np.sqrt(var + eps) + beta
""",
        "pass",
        None,
        "ε = 1e-7 instead of 1e-6: both are small next to a real variance, a constant column still gives β",
    ),
    _b10bn(
        "b10_eps_1e_5_default",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=0)
    var = x.var(axis=0)
    return gamma * (x - mu) / np.sqrt(var + eps) + beta
""",
        "pass",
        None,
        "PyTorch's default ε = 1e-5 as the default argument: within the range the exercise allows",
    ),
    _b10bn(
        "b10_eps_1e_8",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    mu = x.mean(axis=0)
    var = x.var(axis=0)
    return gamma * (x - mu) / np.sqrt(var + 1e-8) + beta
""",
        "pass",
        None,
        "ε = 1e-8 typed in: a constant column still gives 0/√1e-8 = 0, so β; other columns barely change",
    ),
    _b10bn(
        "b10_book_eps_10e_7",
        """
def batchnorm_forward(x, gamma, beta, eps=10e-7):
    mu = x.mean(axis=0)
    xc = x - mu
    var = np.mean(xc**2, axis=0)
    std = np.sqrt(var + eps)
    return gamma * (xc / std) + beta
""",
        "pass",
        None,
        "the book writes ε as 10e-7, which is 1e-6",
    ),
    _b10bn(
        "b10_rsqrt_power",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    xc = x - x.mean(axis=0)
    inv_std = (np.mean(xc * xc, axis=0) + eps) ** -0.5
    return xc * inv_std * gamma + beta
""",
        "pass",
        None,
        "multiplying by (σ² + ε)^(-1/2) is dividing by √(σ² + ε)",
    ),
    _b10bn(
        "b10_einsum",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    N = x.shape[0]
    mu = np.einsum("nd->d", x) / N
    xc = x - mu
    var = np.einsum("nd,nd->d", xc, xc) / N
    return np.einsum("d,nd->nd", gamma, xc / np.sqrt(var + eps)) + beta
""",
        "pass",
        None,
        "column sums and sums of squares by einsum, γ applied by einsum: the same numbers",
    ),
    _b10bn(
        "b10_ones_matmul",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    N = len(x)
    ones = np.ones(N)
    mu = ones @ x / N
    xc = x - mu
    var = ones @ (xc**2) / N
    return gamma * xc / np.sqrt(var + eps) + beta
""",
        "pass",
        None,
        "a row of ones times x sums every column: mean and variance per feature by matrix products",
    ),
    _b10bn(
        "b10_python_sum_len",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    mu = sum(x) / len(x)                       # sum over the rows: one value per column
    var = sum((x - mu) ** 2) / len(x)
    return gamma * ((x - mu) / (var + eps) ** 0.5) + beta
""",
        "pass",
        None,
        "Python's sum over a 2-D array adds its rows: a column mean, then the biased variance",
    ),
    _b10bn(
        "b10_transpose_rows",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    xt = x.T                                   # (D, N): one row per feature
    mu = xt.mean(axis=1, keepdims=True)
    var = xt.var(axis=1, keepdims=True)
    xn = ((xt - mu) / np.sqrt(var + eps)).T    # back to (N, D)
    return gamma * xn + beta
""",
        "pass",
        None,
        "normalising the rows of x.T is normalising the columns of x, transposed back",
    ),
    _b10bn(
        "b10_copy_then_in_place",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    out = x.copy()                             # the caller's x stays as it was
    out -= out.mean(axis=0)
    out /= np.sqrt((out**2).mean(axis=0) + eps)
    out *= gamma
    out += beta
    return out
""",
        "pass",
        None,
        "in place, but on a copy: x is untouched (float32 x keeps its dtype, float64 γ is cast in)",
    ),
    _b10bn(
        "b10_rebinds_x",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    x = x - x.mean(axis=0)                     # a new array: the caller's x is unchanged
    x = x / np.sqrt(np.mean(x**2, axis=0) + eps)
    return gamma * x + beta
""",
        "pass",
        None,
        "x = x - ... makes a new array and rebinds the local name; the caller's array is not changed",
    ),
    _b10bn(
        "b10_upcast_float64",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    x = np.asarray(x, dtype=np.float64)
    mu = x.mean(axis=0)
    var = x.var(axis=0)
    return gamma * (x - mu) / np.sqrt(var + eps) + beta
""",
        "pass",
        None,
        # Borderline: float32 input gives a float64 output. The exercise allows both dtypes; the values are
        # the right ones (even a little more accurate).
        "computes in float64: float32 input gives float64 output, which the exercise allows",
    ),
    _b10bn(
        "b10_float32_kept",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    dt = x.dtype
    mu = x.mean(axis=0)
    var = x.var(axis=0)
    xn = (x - mu) / np.sqrt(var + dt.type(eps))
    return gamma.astype(dt) * xn + beta.astype(dt)
""",
        "pass",
        None,
        "everything in x's dtype: float32 stays float32 (to float32 precision), float64 stays float64",
    ),
    _b10bn(
        "b10_second_moment_float64",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    x64 = x.astype(np.float64)
    mu = x64.mean(axis=0)
    var = (x64**2).mean(axis=0) - mu**2        # E[x^2] - E[x]^2
    return gamma * (x64 - mu) / np.sqrt(var + eps) + beta
""",
        "pass",
        None,
        # Borderline: E[x²] − E[x]² can lose digits (even go a hair below 0 on a constant column); in float64
        # with ε = 1e-6 added, the error is far below any tolerance and a constant column still gives β.
        "σ² as E[x²] − E[x]² in float64: the same variance up to rounding, far smaller than ε",
    ),
    _b10bn(
        "b10_statistics_pvariance",
        """
import statistics


def batchnorm_forward(x, gamma, beta, eps=1e-6):
    out = np.zeros(x.shape)
    for j in range(x.shape[1]):
        col = [float(v) for v in x[:, j]]
        m = statistics.fmean(col)
        v = statistics.pvariance(col, mu=m)
        out[:, j] = [gamma[j] * (c - m) / (v + eps) ** 0.5 + beta[j] for c in col]
    return out
""",
        "pass",
        None,
        "statistics.pvariance is the population (biased) variance: correct, with plain Python floats",
    ),
    _b10bn(
        "b10_np_average_divide",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    mu = np.average(x, axis=0)
    xc = np.subtract(x, mu)
    var = np.average(np.square(xc), axis=0)
    return np.add(np.multiply(gamma, np.divide(xc, np.sqrt(var + eps))), beta)
""",
        "pass",
        None,
        "np.average, np.subtract, np.square, np.divide, np.multiply, np.add: the same formula as functions",
    ),
    _b10bn(
        "b10_lambda",
        """
batchnorm_forward = lambda x, gamma, beta, eps=1e-6: (  # noqa: E731
    gamma * (x - x.mean(0)) / np.sqrt(x.var(0) + eps) + beta
)
""",
        "pass",
        None,
        "a lambda with the exercise's signature: the same formula",
    ),
    _b10bn(
        "b10_eps_outside_sqrt",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    mu = x.mean(axis=0)
    std = x.std(axis=0)
    return gamma * (x - mu) / (std + eps) + beta
""",
        "pass",
        None,
        # Borderline: ε added to σ instead of σ² is another formula than the exercise's, but a common one
        # (σ + ε). On columns with a real spread it is within ε/σ of the exercise's output, no farther than
        # ε = 1e-5 under the root already is; a constant column gives 0/ε = 0, so β. No data the exercise
        # allows tells them apart, except columns with a spread of about √ε, which a check of the ε range
        # 1e-8..1e-5 cannot use anyway.
        "ε added to σ, not σ²: differs from √(σ² + ε) by less than ε does; a constant column still gives β",
    ),
    _b10bn(
        "b10_std_floor",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    mu = x.mean(axis=0)
    std = np.maximum(x.std(axis=0), eps)       # never divide by 0
    return gamma * (x - mu) / std + beta
""",
        "pass",
        None,
        # Borderline: a floor on σ instead of ε under the root; the same as the exercise's formula for any
        # column with a real spread (to about ε/σ²), and a constant column gives 0/ε = 0, so β.
        "σ floored at ε instead of √(σ² + ε): the same on real columns, β on a constant one",
    ),
    # fail
    _b10bn(
        "b10_ddof_1",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    mu = np.mean(x, axis=0)
    var = np.var(x, axis=0, ddof=1)
    return gamma * (x - mu) / np.sqrt(var + eps) + beta
""",
        "fail",
        B10_DDOF,
        "ddof=1 divides by N − 1: the unbiased variance; batch norm uses the biased one (divide by N)",
    ),
    _b10bn(
        "b10_divide_by_n_minus_1",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    N = x.shape[0]
    mu = x.sum(axis=0) / N
    var = ((x - mu) ** 2).sum(axis=0) / (N - 1)
    return gamma * (x - mu) / np.sqrt(var + eps) + beta
""",
        "fail",
        B10_DDOF,
        "sum of squares / (N − 1): the sample variance, not the batch's biased variance",
    ),
    _b10bn(
        "b10_std_ddof_1",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    s = np.std(x, axis=0, ddof=1)
    return gamma * (x - x.mean(axis=0)) / np.sqrt(s**2 + eps) + beta
""",
        "fail",
        B10_DDOF + r"|std",
        "np.std with ddof=1: the unbiased estimate, √(N/(N − 1)) too large",
    ),
    _b10bn(
        "b10_axis_1_rows",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    mu = x.mean(axis=1, keepdims=True)
    var = x.var(axis=1, keepdims=True)
    return gamma * (x - mu) / np.sqrt(var + eps) + beta
""",
        "fail",
        B10_AXIS + r"|layer norm",
        "axis=1 normalises each example over its features (layer norm); batch norm normalises each feature",
    ),
    _b10bn(
        "b10_no_axis",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    xn = (x - x.mean()) / np.sqrt(x.var() + eps)
    return gamma * xn + beta
""",
        "fail",
        B10_AXIS + r"|whole|all values|overall|one mean|scalar",
        "one mean and variance of all values: each feature (column) needs its own",
    ),
    _b10bn(
        "b10_var_without_axis",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    mu = x.mean(axis=0)
    var = np.var(x)                            # forgot axis=0 here
    return gamma * (x - mu) / np.sqrt(var + eps) + beta
""",
        "fail",
        B10_AXIS + r"|variance|whole|all values|overall|scalar",
        "the mean is per column but the variance is of all values: columns are not scaled to variance 1",
    ),
    _b10bn(
        "b10_eps_forgotten",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    mu = x.mean(axis=0)
    var = x.var(axis=0)
    return gamma * (x - mu) / np.sqrt(var) + beta
""",
        "fail",
        B10_EPS,
        # eps unused: right on columns with a spread, but a constant column is 0/0 = NaN (the exercise: β).
        "ε never added: a constant column divides 0 by 0 and gives NaN instead of β",
    ),
    _b10bn(
        "b10_eps_default_zero",
        """
def batchnorm_forward(x, gamma, beta, eps=0):
    xc = x - x.mean(axis=0)
    return gamma * xc / np.sqrt(np.mean(xc**2, axis=0) + eps) + beta
""",
        "fail",
        B10_EPS,
        # Borderline: on data without a constant column this is within 1e-6 of right; the exercise says a
        # constant column must give β, and with ε = 0 it gives NaN.
        "default ε = 0: fine on spread-out columns, but a constant column gives NaN instead of β",
    ),
    _b10bn(
        "b10_no_sqrt",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    mu = x.mean(axis=0)
    var = x.var(axis=0)
    return gamma * (x - mu) / (var + eps) + beta
""",
        "fail",
        B10_SQRT,
        "divides by the variance σ² + ε, not by its square root: the columns do not get variance 1",
    ),
    _b10bn(
        "b10_std_under_root",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    mu = x.mean(axis=0)
    std = x.std(axis=0)
    return gamma * (x - mu) / np.sqrt(std + eps) + beta
""",
        "fail",
        B10_SQRT,
        "√(σ + ε): the standard deviation under the root where the variance belongs",
    ),
    _b10bn(
        "b10_multiplies_by_std",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    xc = x - x.mean(axis=0)
    std = np.sqrt(x.var(axis=0) + eps)
    return gamma * xc * std + beta
""",
        "fail",
        B10_SQRT + r"|divid|multipl|unit|scale|spread",
        "multiplies by the standard deviation instead of dividing by it",
    ),
    _b10bn(
        "b10_gamma_beta_swapped",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    xn = (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + eps)
    return beta * xn + gamma
""",
        "fail",
        B10_GAMMA_BETA,
        "β · x̂ + γ: γ scales and β shifts, not the other way round",
    ),
    _b10bn(
        "b10_beta_forgotten",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    xn = (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + eps)
    return gamma * xn
""",
        "fail",
        B10_BETA,
        "γ · x̂ without + β: the shift is missing",
    ),
    _b10bn(
        "b10_gamma_forgotten",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    xn = (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + eps)
    return xn + beta
""",
        "fail",
        B10_GAMMA,
        "x̂ + β without γ: the scale is missing",
    ),
    _b10bn(
        "b10_returns_xhat",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    mu = x.mean(axis=0)
    var = x.var(axis=0)
    xn = (x - mu) / np.sqrt(var + eps)
    return xn
""",
        "fail",
        B10_GAMMA_BETA,
        "returns the normalised x̂ itself: γ · x̂ + β is never applied",
    ),
    _b10bn(
        "b10_minus_beta",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    xn = (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + eps)
    return gamma * xn - beta
""",
        "fail",
        B10_BETA + r"|sign|minus|subtract",
        "γ · x̂ − β: β must be added",
    ),
    _b10bn(
        "b10_mean_not_subtracted",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    var = x.var(axis=0)
    return gamma * x / np.sqrt(var + eps) + beta
""",
        "fail",
        B10_MEAN,
        "x / √(σ² + ε) without − μ: the columns are scaled but not centred",
    ),
    _b10bn(
        "b10_var_not_centred",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    mu = x.mean(axis=0)
    var = np.mean(x**2, axis=0)                # forgot to subtract mu before squaring
    return gamma * (x - mu) / np.sqrt(var + eps) + beta
""",
        "fail",
        B10_MEAN + r"|varian|second moment|squar",
        "mean of x² instead of (x − μ)²: that is E[x²], not the variance (wrong whenever μ ≠ 0)",
    ),
    _b10bn(
        "b10_mutates_x",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    x -= x.mean(axis=0)
    x /= np.sqrt(x.var(axis=0) + eps)
    return gamma * x + beta
""",
        "fail",
        B10_IN_PLACE,
        "right output, but x -= and x /= overwrite the caller's batch",
    ),
    _b10bn(
        "b10_out_is_x",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    mu = x.mean(axis=0)
    std = np.sqrt(x.var(axis=0) + eps)
    out = x                                    # not a copy: the same array
    out -= mu
    out /= std
    out *= gamma
    out += beta
    return out
""",
        "fail",
        B10_IN_PLACE,
        "out = x is the same array, so the in-place steps overwrite the caller's x",
    ),
    _b10bn(
        "b10_returns_tuple_cache",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    mu = x.mean(axis=0)
    xc = x - mu
    std = np.sqrt(np.mean(xc**2, axis=0) + eps)
    xn = xc / std
    out = gamma * xn + beta
    return out, (xn, xc, std)
""",
        "fail",
        B10_TYPE,
        "returns (out, cache) as in some courses; the exercise asks for the output array alone",
    ),
    _b10bn(
        "b10_no_return",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    mu = x.mean(axis=0)
    var = x.var(axis=0)
    out = gamma * (x - mu) / np.sqrt(var + eps) + beta
""",
        "fail",
        B10_NONE,
        "computes out but has no return: the function returns None",
    ),
    _b10bn(
        "b10_prints",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    out = gamma * (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + eps) + beta
    print(out)
""",
        "fail",
        B10_NONE,
        "prints the output instead of returning it: the function returns None",
    ),
    _b10bn(
        "b10_returns_list",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    out = gamma * (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + eps) + beta
    return out.tolist()
""",
        "fail",
        B10_TYPE,
        "returns a nested Python list: the exercise asks for the output array",
    ),
    _b10bn(
        "b10_gamma_as_column",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    xn = (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + eps)
    return gamma.reshape(-1, 1) * xn + beta.reshape(-1, 1)
""",
        "fail",
        r"shape|broadcast|operands|gamma|γ|beta|β|\(D,\)|\(N, ?D\)|column|ValueError",
        "γ and β turned into (D, 1) columns: they multiply rows, not features (a shape error when N ≠ D)",
    ),
    _b10bn(
        "b10_min_max_scaling",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    lo, hi = x.min(axis=0), x.max(axis=0)
    xn = (x - lo) / (hi - lo + eps)
    return gamma * xn + beta
""",
        "fail",
        B10_MEAN + r"|varian|std|standard|min|max|range|normali[sz]",
        "min-max scaling to [0, 1] is not batch normalisation: mean 0 and variance 1 per feature",
    ),
    # not done
    _b10bn(
        "b10_skeleton",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    # your code: normalise each column of x with its mean and (biased) variance, then gamma * xn + beta
    raise NotImplementedError
""",
        "not done",
        None,
        "the skeleton",
    ),
    _b10bn(
        "b10_half_done",
        """
def batchnorm_forward(x, gamma, beta, eps=1e-6):
    mu = x.mean(axis=0)
    var = x.var(axis=0)
    raise NotImplementedError("normalise, then scale and shift")
""",
        "not done",
        None,
        "mean and variance computed, the rest still raises NotImplementedError",
    ),
    _b10bn(
        "b10_helper_not_done",
        """
def normalise(x, eps):
    raise NotImplementedError


def batchnorm_forward(x, gamma, beta, eps=1e-6):
    return gamma * normalise(x, eps) + beta
""",
        "not done",
        None,
        "its helper normalise still raises NotImplementedError",
    ),
]

#: The exercise's MyDropout above forward and backward (given to the learner); an entry adds its methods.
B10_DROP_HEAD = """
class MyDropout:
    def __init__(self, dropout_ratio=0.5, rng=None):
        self.dropout_ratio = dropout_ratio
        self.rng = np.random.default_rng(rng)
        self.mask = None
"""

B10_RNG = (
    r"self\.rng|\brng\b|seed|reproduc|same (mask|result|numbers|values|draw)|np\.random|global|generator|"
    r"given|ignor|differ"
)
B10_INFERENCE = (
    r"inference|test|train_flg|predict|scale|1 ?[-−] ?(dropout_)?ratio|1 ?[-−] ?r\b|expected|mean|average|"
    r"not training|unchanged"
)
B10_FRACTION = (
    r"fraction|ratio|kept|keeps?|drops?|dropped|probabilit|1 ?[-−] ?(dropout_)?ratio|share|proportion|"
    r"percent|\d+ ?%|how many|too (many|few)"
)
B10_MASK_BACK = r"mask|dropped|kept|only where|zero|backward|gradient|dout|same|flows?"
B10_DROP_IN_PLACE = r"in.place|modif|chang|overwr|input|copy|\bx\b|dout|itself"
B10_TRAIN_FLG = r"train_flg|inference|test|train(ing)?|mode|False|predict|always"
B10_BACK_SCALE = (
    r"backward|gradient|dout|scale|1 ?[-−] ?(dropout_)?ratio|1 ?[-−] ?r\b|ratio|mask|invert|divid|"
    r"multipl|factor|forward"
)

B10_DROPOUT_ENTRIES = [
    # pass
    _b10drop(
        "b10_book",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.random(x.shape) > self.dropout_ratio
            return x * self.mask
        else:
            return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask
""",
        "pass",
        None,
        "the book's Dropout with self.rng.random for np.random.rand",
    ),
    _b10drop(
        "b10_uniform",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.uniform(0.0, 1.0, size=x.shape) > self.dropout_ratio
            return x * self.mask
        return x * (1 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask
""",
        "pass",
        None,
        "rng.uniform(0, 1, size) draws from the same uniform distribution as rng.random",
    ),
    _b10drop(
        "b10_greater_equal",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.random(x.shape) >= self.dropout_ratio
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask
""",
        "pass",
        None,
        ">= instead of >: the draw equals the ratio with probability 0, the same keep probability 1 − ratio",
    ),
    _b10drop(
        "b10_less_than_keep",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        keep = 1.0 - self.dropout_ratio
        if train_flg:
            self.mask = self.rng.random(x.shape) < keep
            return x * self.mask
        return x * keep

    def backward(self, dout):
        return dout * self.mask
""",
        "pass",
        None,
        "u < 1 − ratio keeps with probability 1 − ratio, the same as u > ratio",
    ),
    _b10drop(
        "b10_binomial_bool",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.binomial(1, 1 - self.dropout_ratio, size=x.shape).astype(bool)
            return x * self.mask
        return x * (1 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask
""",
        "pass",
        None,
        "a Bernoulli(1 − ratio) draw per value by rng.binomial(1, p): kept with probability 1 − ratio",
    ),
    _b10drop(
        "b10_binomial_int_mask",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.binomial(n=1, p=1.0 - self.dropout_ratio, size=x.shape)
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask
""",
        "pass",
        None,
        # Borderline: an int64 mask of 0s and 1s; float32 x times it gives float64. The exercise fixes no
        # dtype; the values are the right ones.
        "a 0/1 int mask from rng.binomial: the same products (float32 x may come back float64)",
    ),
    _b10drop(
        "b10_choice",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        r = self.dropout_ratio
        if train_flg:
            self.mask = self.rng.choice([False, True], size=x.shape, p=[r, 1 - r])
            return x * self.mask
        return x * (1 - r)

    def backward(self, dout):
        return dout * self.mask
""",
        "pass",
        None,
        "rng.choice of False/True with probabilities (ratio, 1 − ratio): a keep mask of the right law",
    ),
    _b10drop(
        "b10_float_mask",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = (self.rng.random(x.shape) > self.dropout_ratio).astype(x.dtype)
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask
""",
        "pass",
        None,
        "the mask stored as 0.0/1.0 in x's dtype: the same products",
    ),
    _b10drop(
        "b10_np_where",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if not train_flg:
            return x * (1.0 - self.dropout_ratio)
        self.mask = self.rng.random(x.shape) > self.dropout_ratio
        return np.where(self.mask, x, 0.0)

    def backward(self, dout):
        return np.where(self.mask, dout, 0.0)
""",
        "pass",
        None,
        "np.where(mask, x, 0) keeps the kept values and zeroes the rest: the same as x * mask",
    ),
    _b10drop(
        "b10_copy_then_zero",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.random(x.shape) > self.dropout_ratio
            out = x.copy()
            out[~self.mask] = 0
            return out
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        dx = dout.copy()
        dx[~self.mask] = 0
        return dx
""",
        "pass",
        None,
        "copies, then zeroes the dropped entries of the copy: x and dout are untouched",
    ),
    _b10drop(
        "b10_float32_draws",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.random(x.shape, dtype=np.float32) > self.dropout_ratio
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask
""",
        "pass",
        None,
        "float32 uniform draws from self.rng: the same keep probability, reproducible from the seed",
    ),
    _b10drop(
        "b10_inverted",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.random(x.shape) > self.dropout_ratio
            return x * self.mask / (1.0 - self.dropout_ratio)
        return x

    def backward(self, dout):
        return dout * self.mask / (1.0 - self.dropout_ratio)
""",
        "pass",
        None,
        "inverted dropout: scaled up by 1/(1 − ratio) in training, identity at inference; the same expected output",
    ),
    _b10drop(
        "b10_inverted_scaled_mask",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            keep = 1.0 - self.dropout_ratio
            self.mask = (self.rng.random(x.shape) < keep) / keep   # 0 or 1/keep
            return x * self.mask
        return x.copy()

    def backward(self, dout):
        return dout * self.mask
""",
        "pass",
        None,
        # Borderline: self.mask holds 0 and 1/(1 − ratio), not booleans. It is what the layer multiplies by,
        # forward and backward agree, and the gradient is zero exactly where a value was dropped.
        "inverted dropout with the 1/(1 − ratio) folded into the stored mask: forward and backward agree",
    ),
    _b10drop(
        "b10_keep_attribute",
        """
class MyDropout:
    def __init__(self, dropout_ratio=0.5, rng=None):
        self.dropout_ratio = dropout_ratio
        self.keep_prob = 1.0 - dropout_ratio
        self.rng = np.random.default_rng(rng)
        self.mask = None

    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.random(size=x.shape) < self.keep_prob
            return x * self.mask
        return self.keep_prob * x

    def backward(self, dout):
        return self.mask * dout
""",
        "pass",
        None,
        "the keep probability stored in __init__ next to dropout_ratio: the same layer",
    ),
    _b10drop(
        "b10_not_of_drop_mask",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg == True:
            drop = self.rng.random(x.shape) < self.dropout_ratio
            self.mask = ~drop
            return x * self.mask
        return x - x * self.dropout_ratio

    def backward(self, dout):
        return dout * self.mask
""",
        "pass",
        None,
        "the mask of dropped values, negated; x − x·ratio is x·(1 − ratio)",
    ),
    # fail
    _b10drop(
        "b10_no_inference_scaling",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.random(x.shape) > self.dropout_ratio
            return x * self.mask
        return x

    def backward(self, dout):
        return dout * self.mask
""",
        "fail",
        B10_INFERENCE,
        "non-inverted training but x unchanged at inference: the outputs are 1/(1 − ratio) times too large",
    ),
    _b10drop(
        "b10_inference_times_ratio",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.random(x.shape) > self.dropout_ratio
            return x * self.mask
        return x * self.dropout_ratio

    def backward(self, dout):
        return dout * self.mask
""",
        "fail",
        B10_INFERENCE + r"|ratio",
        "inference scaled by the ratio dropped; the expected fraction kept is 1 − ratio (same only at 0.5)",
    ),
    _b10drop(
        "b10_mask_less_than_ratio",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.random(x.shape) < self.dropout_ratio
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask
""",
        "fail",
        B10_FRACTION,
        "u < ratio keeps a fraction ratio of the values, not 1 − ratio (the same only at ratio 0.5)",
    ),
    _b10drop(
        "b10_binomial_p_ratio",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.binomial(1, self.dropout_ratio, size=x.shape)
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask
""",
        "fail",
        B10_FRACTION,
        "binomial(1, ratio) is 1 with probability ratio: it keeps ratio of the values, not 1 − ratio",
    ),
    _b10drop(
        "b10_ratio_hard_coded",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.random(x.shape) > 0.5
            return x * self.mask
        return x * 0.5

    def backward(self, dout):
        return dout * self.mask
""",
        "fail",
        B10_FRACTION + r"|dropout_ratio|0\.5|argument|hard.?coded|constructor|__init__|ignor",
        "0.5 typed in: a layer made with another dropout_ratio still drops half",
    ),
    _b10drop(
        "b10_backward_ignores_mask",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.random(x.shape) > self.dropout_ratio
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout
""",
        "fail",
        B10_MASK_BACK,
        "backward passes dout through everywhere: dropped values had no effect and must get gradient 0",
    ),
    _b10drop(
        "b10_backward_new_mask",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.random(x.shape) > self.dropout_ratio
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        mask = self.rng.random(dout.shape) > self.dropout_ratio
        return dout * mask
""",
        "fail",
        B10_MASK_BACK + r"|new|again|differ|forward's",
        "backward draws a new mask: the gradient must flow where forward kept the values, with forward's mask",
    ),
    _b10drop(
        "b10_backward_times_keep",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.random(x.shape) > self.dropout_ratio
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask * (1.0 - self.dropout_ratio)
""",
        "fail",
        B10_BACK_SCALE,
        "backward scaled by 1 − ratio after a training forward x·mask: the derivative is mask alone",
    ),
    _b10drop(
        "b10_backward_times_ratio",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.random(x.shape) > self.dropout_ratio
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask * self.dropout_ratio
""",
        "fail",
        B10_BACK_SCALE,
        "backward multiplied by the ratio: the derivative of x·mask is the mask alone",
    ),
    _b10drop(
        "b10_inverted_backward_unscaled",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.random(x.shape) > self.dropout_ratio
            return x * self.mask / (1.0 - self.dropout_ratio)
        return x

    def backward(self, dout):
        return dout * self.mask
""",
        "fail",
        B10_BACK_SCALE,
        "inverted forward x·mask/(1 − ratio), but backward forgets the 1/(1 − ratio): the gradient is too small",
    ),
    _b10drop(
        "b10_inverted_and_scaled_inference",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.random(x.shape) > self.dropout_ratio
            return x * self.mask / (1.0 - self.dropout_ratio)
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask / (1.0 - self.dropout_ratio)
""",
        "fail",
        B10_INFERENCE + r"|invert|twice|both",
        "scales twice: inverted at training AND by 1 − ratio at inference; the two modes disagree on average",
    ),
    _b10drop(
        "b10_global_np_random",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = np.random.rand(*x.shape) > self.dropout_ratio
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask
""",
        "fail",
        B10_RNG,
        # Borderline: the book's exact line, with the right law; but it ignores self.rng, so a seeded layer
        # does not reproduce its masks (as notebook 09's check_he_init fails np.random.randn).
        "the book's np.random.rand draws from NumPy's global state, not self.rng: a seed does not reproduce it",
    ),
    _b10drop(
        "b10_global_np_random_random",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = np.random.random(x.shape) > self.dropout_ratio
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask
""",
        "fail",
        B10_RNG,
        "np.random.random is the global state too: self.rng is never used",
    ),
    _b10drop(
        "b10_new_default_rng_each_call",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            rng = np.random.default_rng()
            self.mask = rng.random(x.shape) > self.dropout_ratio
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask
""",
        "fail",
        B10_RNG,
        "a fresh unseeded Generator on every call: the layer's rng (and its seed) is ignored",
    ),
    _b10drop(
        "b10_fixed_seed_each_call",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = np.random.default_rng(0).random(x.shape) > self.dropout_ratio
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask
""",
        "fail",
        B10_RNG + r"|every (call|time|forward)|each (call|time|forward)|new mask",
        "seed 0 on every call: the same mask every time and for every layer, self.rng never used",
    ),
    _b10drop(
        "b10_init_ignores_rng",
        """
class MyDropout:
    def __init__(self, dropout_ratio=0.5, rng=None):
        self.dropout_ratio = dropout_ratio
        self.rng = np.random.default_rng()        # the rng argument is never used
        self.mask = None

    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.random(x.shape) > self.dropout_ratio
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask
""",
        "fail",
        B10_RNG + r"|__init__|constructor|argument",
        "__init__ makes an unseeded Generator and drops the rng it is given: seeded layers are not reproducible",
    ),
    _b10drop(
        "b10_mask_drawn_once",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            if self.mask is None or self.mask.shape != x.shape:
                self.mask = self.rng.random(x.shape) > self.dropout_ratio
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask
""",
        "fail",
        r"same mask|every (call|forward|time|batch)|new mask|each (call|forward|time|batch)|fresh|again|reuse|"
        r"once|redraw|differ|changes?",
        "the mask is drawn on the first call and reused: dropout needs a new random mask on every forward",
    ),
    _b10drop(
        "b10_mask_per_feature",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.random(x.shape[-1]) > self.dropout_ratio   # one draw per feature
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask
""",
        "fail",
        r"each value|independent|shape|every value|element|per value|whole|column|feature|all examples|"
        r"same for|rows?|broadcast",
        "one draw per feature, broadcast over the batch: whole columns are dropped, not each value on its own",
    ),
    _b10drop(
        "b10_random_star_shape",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.random(*x.shape) > self.dropout_ratio
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask
""",
        "fail",
        r"random|size|shape|tuple|dtype|TypeError|argument",
        "rng.random(*x.shape) passes the second size as the dtype: a Generator takes the shape as one tuple",
    ),
    _b10drop(
        "b10_mutates_x",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.random(x.shape) > self.dropout_ratio
            x[~self.mask] = 0
            return x
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask
""",
        "fail",
        B10_DROP_IN_PLACE,
        "zeroes the dropped entries of the caller's x itself: the input is overwritten",
    ),
    _b10drop(
        "b10_mutates_dout",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.random(x.shape) > self.dropout_ratio
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        dout *= self.mask
        return dout
""",
        "fail",
        B10_DROP_IN_PLACE,
        "dout *= mask overwrites the upstream gradient it was given",
    ),
    _b10drop(
        "b10_train_flg_ignored",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        self.mask = self.rng.random(x.shape) > self.dropout_ratio
        return x * self.mask

    def backward(self, dout):
        return dout * self.mask
""",
        "fail",
        B10_TRAIN_FLG + r"|" + B10_INFERENCE,
        "train_flg never read: it drops values at inference too, where it must scale by 1 − ratio",
    ),
    _b10drop(
        "b10_inference_drops_too",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        self.mask = self.rng.random(x.shape) > self.dropout_ratio
        if train_flg:
            return x * self.mask
        return x * self.mask * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask
""",
        "fail",
        B10_TRAIN_FLG + r"|" + B10_INFERENCE + r"|random|mask",
        "inference also applies a random mask: at inference every value is kept, scaled by 1 − ratio",
    ),
    _b10drop(
        "b10_mask_not_stored",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            mask = self.rng.random(x.shape) > self.dropout_ratio
            return x * mask
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask
""",
        "fail",
        r"mask|self\.mask|stor|None|attribute|forward|TypeError|unsupported|backward",
        "the mask is a local variable: backward multiplies by self.mask, still None",
    ),
    _b10drop(
        "b10_stores_output_as_mask",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            keep = self.rng.random(x.shape) > self.dropout_ratio
            self.mask = x * keep
            return self.mask
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask
""",
        "fail",
        B10_MASK_BACK + r"|output|times x|\bx\b",
        "self.mask holds the output x·mask: backward gives dout·x·mask instead of dout·mask",
    ),
    _b10drop(
        "b10_forward_returns_mask",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.random(x.shape) > self.dropout_ratio
            return self.mask
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask
""",
        "fail",
        r"return|output|mask|x ?\*|values|bool|dtype|times",
        "forward returns the mask itself, not x · mask",
    ),
    _b10drop(
        "b10_boolean_index",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.random(x.shape) > self.dropout_ratio
            return x[self.mask]
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask
""",
        "fail",
        r"shape|flat|1-D|index|size|same shape|zero",
        "x[mask] keeps the kept values only, as a flat array: the output must have x's shape with zeros",
    ),
    _b10drop(
        "b10_forward_no_return",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.random(x.shape) > self.dropout_ratio
            out = x * self.mask
        else:
            out = x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask
""",
        "fail",
        r"None|return",
        "forward computes out but has no return: it returns None",
    ),
    _b10drop(
        "b10_forward_returns_tuple",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.random(x.shape) > self.dropout_ratio
            return x * self.mask, self.mask
        return x * (1.0 - self.dropout_ratio), None

    def backward(self, dout):
        return dout * self.mask
""",
        "fail",
        r"tuple|pair|one array|array|return|type|two",
        "forward returns (out, mask): a layer's forward returns the output array alone",
    ),
    _b10drop(
        "b10_backwards_typo",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.random(x.shape) > self.dropout_ratio
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)

    def backwards(self, dout):
        return dout * self.mask
""",
        "fail",
        r"backward|method|attribute|missing|has no|AttributeError",
        "the method is called backwards: the layer has no backward",
    ),
    # not done
    _b10drop(
        "b10_skeleton",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        raise NotImplementedError

    def backward(self, dout):
        raise NotImplementedError
""",
        "not done",
        None,
        "the skeleton: forward and backward still raise NotImplementedError",
    ),
    _b10drop(
        "b10_backward_not_done",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.random(x.shape) > self.dropout_ratio
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        raise NotImplementedError  # TODO
""",
        "not done",
        None,
        "forward is written, backward still raises NotImplementedError",
    ),
    _b10drop(
        "b10_inference_not_done",
        B10_DROP_HEAD
        + """
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.random(x.shape) > self.dropout_ratio
            return x * self.mask
        raise NotImplementedError("inference mode")

    def backward(self, dout):
        return dout * self.mask
""",
        "not done",
        None,
        "training mode and backward are written, the inference branch still raises NotImplementedError",
    ),
]

B10_ONLY_W = (
    r"bias|\bb\d|every key|all (the )?keys|only (the )?W|only (the )?weights|gamma|beta|other keys?|W keys?|"
    r"not (a )?weight|starts? with"
)
B10_FACTOR = (
    r"2 ?\*? ?λ|2λ|2 ?\* ?weight_decay|twice|double|factor|half|0\.5 ?\*? ?λ|0\.5|λ ?·? ?\*? ?W|λW|"
    r"lambda ?\* ?W|derivative|coefficient|too (large|small|big)"
)
B10_SQUARE = r"squar|\*\* ?2|²|W ?\* ?W|derivative|power|λ ?·? ?\*? ?W|λW|lambda ?\* ?W"
B10_WD_SIGN = r"sign|minus|subtract|\badd|plus|\+|opposite|negat|−"
B10_WD_IN_PLACE = r"in.place|modif|chang|overwr|grads|copy|new dict|your grads|same (array|dict)|\+="
B10_WD_KEYS = r"keys?|missing|\bb\d|bias|every|all|W\d|gamma|beta"
B10_LAMBDA = r"λ|lambda|weight_decay_lambda|argument|hard.?coded|ignor|parameter|given|coefficient|strength"
B10_PARAMS = r"params|weights?|W itself|λ ?·? ?\*? ?W|λW|swap|grads|gradient"

B10_WD_ENTRIES = [
    # pass
    _b10wd(
        "b10_loop_startswith",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    new_grads = {}
    for key, g in grads.items():
        if key.startswith("W"):
            new_grads[key] = g + weight_decay_lambda * params[key]
        else:
            new_grads[key] = g
    return new_grads
""",
        "pass",
        None,
        "a new dict: + λ·W on the W keys, every other gradient as it was",
    ),
    _b10wd(
        "b10_dict_comprehension",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    return {
        k: (g + weight_decay_lambda * params[k] if k.startswith("W") else g)
        for k, g in grads.items()
    }
""",
        "pass",
        None,
        "one dict comprehension with a conditional expression",
    ),
    _b10wd(
        "b10_first_letter",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    out = {}
    for key in grads:
        out[key] = grads[key] + weight_decay_lambda * params[key] if key[0] == "W" else grads[key]
    return out
""",
        "pass",
        None,
        "key[0] == 'W' is key.startswith('W') for non-empty keys",
    ),
    _b10wd(
        "b10_dict_copy_then_rebind",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    out = dict(grads)                       # a new dict holding the same arrays
    for key in out:
        if key.startswith("W"):
            out[key] = out[key] + weight_decay_lambda * params[key]   # a new array, grads untouched
    return out
""",
        "pass",
        None,
        "a shallow copy, then new arrays put into the copy: grads' arrays are never written",
    ),
    _b10wd(
        "b10_deepcopy_then_in_place",
        """
import copy


def weight_decay_gradient(grads, params, weight_decay_lambda):
    out = copy.deepcopy(grads)
    for key in out:
        if key.startswith("W"):
            out[key] += weight_decay_lambda * params[key]
    return out
""",
        "pass",
        None,
        "in place, but on deep copies of the arrays: grads stays as it was",
    ),
    _b10wd(
        "b10_array_copies_then_in_place",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    out = {k: v.copy() for k, v in grads.items()}
    for k in out:
        if k.startswith("W"):
            out[k] += weight_decay_lambda * params[k]
    return out
""",
        "pass",
        None,
        "every array copied first, then += on the copies",
    ),
    _b10wd(
        "b10_merge_update",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    decayed = {k: grads[k] + weight_decay_lambda * params[k] for k in grads if k.startswith("W")}
    return {**grads, **decayed}
""",
        "pass",
        None,
        "the decayed W gradients merged over a copy of grads: every key, the W ones replaced",
    ),
    _b10wd(
        "b10_np_add",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    result = dict()
    for name, grad in grads.items():
        if name.startswith("W"):
            result[name] = np.add(grad, np.multiply(weight_decay_lambda, params[name]))
        else:
            result[name] = grad
    return result
""",
        "pass",
        None,
        "np.add and np.multiply without out=: new arrays",
    ),
    _b10wd(
        "b10_w_in_key",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    return {k: grads[k] + weight_decay_lambda * params[k] if "W" in k else grads[k] for k in grads}
""",
        "pass",
        None,
        # Borderline: "W" in k is not k.startswith("W"), but a network's keys (W1, b1, gamma1, beta1, ...)
        # never hold a W anywhere but first; the same dict for every params dict the notebook makes.
        "'W' in key: for a network's keys (W1, b1, gamma1, beta1...) the same test as startswith('W')",
    ),
    _b10wd(
        "b10_startswith_tuple_and_order",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    out = {}
    for key in grads.keys():
        g = grads[key]
        if key.startswith(("W",)):
            g = params[key] * weight_decay_lambda + g
        out[key] = g
    return out
""",
        "pass",
        None,
        "λ·W written after the gradient's name, startswith with a tuple: the same sums",
    ),
    _b10wd(
        "b10_lambda_zero_shortcut",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    if weight_decay_lambda == 0:
        return dict(grads)                  # nothing to add, but still a new dict
    return {k: g + weight_decay_lambda * params[k] if k.startswith("W") else g for k, g in grads.items()}
""",
        "pass",
        None,
        "λ = 0 returns a new dict with the same gradients; otherwise the exercise's sums",
    ),
    _b10wd(
        "b10_float32_lambda",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    out = {}
    for key, g in grads.items():
        if key.startswith("W"):
            lam = np.asarray(weight_decay_lambda, dtype=g.dtype)
            out[key] = g + lam * params[key]
        else:
            out[key] = g.copy()
    return out
""",
        "pass",
        None,
        "λ converted to the gradient's dtype (float32 stays float32); biases copied: the same values",
    ),
    _b10wd(
        "b10_zip_map",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    def one(key):
        if key.startswith("W"):
            return grads[key] + weight_decay_lambda * params[key]
        return grads[key]

    keys = list(grads)
    return dict(zip(keys, map(one, keys)))
""",
        "pass",
        None,
        "dict(zip(keys, map(...))) with a helper per key: the same dict",
    ),
    _b10wd(
        "b10_two_passes",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    out = {key: grads[key] for key in grads}
    weight_keys = [key for key in grads if key.startswith("W")]
    for key in weight_keys:
        out[key] = grads[key] + weight_decay_lambda * params[key]
    return out
""",
        "pass",
        None,
        "everything copied by reference first, then the W entries replaced by new arrays",
    ),
    # fail
    _b10wd(
        "b10_decays_every_key",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    return {k: g + weight_decay_lambda * params[k] for k, g in grads.items()}
""",
        "fail",
        B10_ONLY_W,
        "adds λ·p to every gradient: biases (and γ, β) are not decayed, only the W keys",
    ),
    _b10wd(
        "b10_not_starting_with_b",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    out = {}
    for key, g in grads.items():
        if not key.startswith("b"):          # everything but the biases
            out[key] = g + weight_decay_lambda * params[key]
        else:
            out[key] = g
    return out
""",
        "fail",
        B10_ONLY_W,
        "'not a bias' is not 'a weight': gamma1 (and any other key) gets decayed too; only W keys may",
    ),
    _b10wd(
        "b10_biases_only",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    out = {}
    for key, g in grads.items():
        if key.startswith("b"):
            out[key] = g + weight_decay_lambda * params[key]
        else:
            out[key] = g
    return out
""",
        "fail",
        B10_ONLY_W + r"|W\d|weights",
        "decays the biases (and beta) and leaves the weights alone: the other way round",
    ),
    _b10wd(
        "b10_lowercase_w",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    out = {}
    for key, g in grads.items():
        out[key] = g + weight_decay_lambda * params[key] if key.startswith("w") else g
    return out
""",
        "fail",
        r"W\d|W keys?|weights?|unchanged|no (change|decay)|nothing|upper|capital|λ|lambda|startswith",
        "startswith('w'): the keys are W1, W2... with a capital W, so nothing is decayed",
    ),
    _b10wd(
        "b10_two_lambda",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    return {k: g + 2 * weight_decay_lambda * params[k] if k.startswith("W") else g for k, g in grads.items()}
""",
        "fail",
        B10_FACTOR,
        "2λ·W: the derivative of ½·λ·ΣW² is λ·W (the ½ is there to cancel the 2)",
    ),
    _b10wd(
        "b10_half_lambda",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    return {k: g + 0.5 * weight_decay_lambda * params[k] if k.startswith("W") else g for k, g in grads.items()}
""",
        "fail",
        B10_FACTOR,
        "½·λ·W: the ½ of the loss term was copied into its derivative, which is λ·W",
    ),
    _b10wd(
        "b10_lambda_w_squared",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    return {k: g + weight_decay_lambda * params[k] ** 2 if k.startswith("W") else g for k, g in grads.items()}
""",
        "fail",
        B10_SQUARE,
        "λ·W²: that is (twice) the loss term, not its derivative λ·W",
    ),
    _b10wd(
        "b10_half_lambda_w_squared",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    out = {}
    for k, g in grads.items():
        out[k] = g + 0.5 * weight_decay_lambda * params[k] * params[k] if k.startswith("W") else g
    return out
""",
        "fail",
        B10_SQUARE + r"|0\.5|half|loss",
        "adds the loss term ½·λ·W² itself instead of its derivative λ·W",
    ),
    _b10wd(
        "b10_lambda_squared",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    return {k: g + weight_decay_lambda**2 * params[k] if k.startswith("W") else g for k, g in grads.items()}
""",
        "fail",
        B10_LAMBDA + r"|squar|\*\* ?2|²|too (small|large)",
        "λ²·W: λ is not squared (λ = 0.1 gives a hundredth of the decay instead of a tenth)",
    ),
    _b10wd(
        "b10_subtracts",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    return {k: g - weight_decay_lambda * params[k] if k.startswith("W") else g for k, g in grads.items()}
""",
        "fail",
        B10_WD_SIGN,
        "− λ·W: the gradient of +½·λ·ΣW² is +λ·W (the update then shrinks W)",
    ),
    _b10wd(
        "b10_l1_sign",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    return {k: g + weight_decay_lambda * np.sign(params[k]) if k.startswith("W") else g for k, g in grads.items()}
""",
        "fail",
        r"sign|L1|L2|abs|λ ?·? ?\*? ?W|λW|lambda ?\* ?W|square|derivative",
        "λ·sign(W) is the gradient of L1 decay λ·Σ|W|; the exercise's L2 decay gives λ·W",
    ),
    _b10wd(
        "b10_lambda_times_grads",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    return {k: g + weight_decay_lambda * g if k.startswith("W") else g for k, g in grads.items()}
""",
        "fail",
        B10_PARAMS,
        "λ times the gradient instead of λ times the weight: params is never used",
    ),
    _b10wd(
        "b10_params_and_grads_swapped",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    return {k: params[k] + weight_decay_lambda * grads[k] if k.startswith("W") else grads[k] for k in grads}
""",
        "fail",
        B10_PARAMS,
        "W + λ·grad: the roles of the weight and its gradient are swapped",
    ),
    _b10wd(
        "b10_lambda_hard_coded",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    lam = 0.1
    return {k: g + lam * params[k] if k.startswith("W") else g for k, g in grads.items()}
""",
        "fail",
        B10_LAMBDA,
        "λ = 0.1 typed in: the weight_decay_lambda it is given is ignored",
    ),
    _b10wd(
        "b10_lambda_forgotten",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    return {k: g + params[k] if k.startswith("W") else g for k, g in grads.items()}
""",
        "fail",
        B10_LAMBDA,
        "adds W itself: λ is missing",
    ),
    _b10wd(
        "b10_in_place_on_grads",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    for key in grads:
        if key.startswith("W"):
            grads[key] += weight_decay_lambda * params[key]
    return grads
""",
        "fail",
        B10_WD_IN_PLACE,
        "right values, but grads' own arrays are changed in place and grads itself returned: not a new dict",
    ),
    _b10wd(
        "b10_shallow_copy_plus_equals",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    out = grads.copy()                      # copies the dict, not the arrays
    for key in out:
        if key.startswith("W"):
            out[key] += weight_decay_lambda * params[key]
    return out
""",
        "fail",
        B10_WD_IN_PLACE,
        "dict.copy() shares the arrays: += on out['W1'] changes grads['W1'] too",
    ),
    _b10wd(
        "b10_np_add_out",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    out = dict(grads)
    for key in out:
        if key.startswith("W"):
            np.add(out[key], weight_decay_lambda * params[key], out=out[key])
    return out
""",
        "fail",
        B10_WD_IN_PLACE,
        "np.add(..., out=) writes into the array grads still holds: grads is changed",
    ),
    _b10wd(
        "b10_rebinds_into_grads",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    for key in grads:
        if key.startswith("W"):
            grads[key] = grads[key] + weight_decay_lambda * params[key]
    return grads
""",
        "fail",
        B10_WD_IN_PLACE,
        "no array is written, but grads' entries are replaced and grads itself returned: the caller's dict changes",
    ),
    _b10wd(
        "b10_no_return",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    out = {}
    for key, g in grads.items():
        out[key] = g + weight_decay_lambda * params[key] if key.startswith("W") else g
""",
        "fail",
        r"None|return|dict",
        "builds the new dict but has no return: the function returns None",
    ),
    _b10wd(
        "b10_only_w_keys",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    return {k: grads[k] + weight_decay_lambda * params[k] for k in grads if k.startswith("W")}
""",
        "fail",
        B10_WD_KEYS,
        "returns the W gradients alone: the biases' (and any other) gradients are missing",
    ),
    _b10wd(
        "b10_mutates_params",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    out = {}
    for key, g in grads.items():
        if key.startswith("W"):
            params[key] *= weight_decay_lambda      # reused as scratch space
            out[key] = g + params[key]
        else:
            out[key] = g
    return out
""",
        "fail",
        r"params|weights?|in.place|modif|chang|overwr|scratch",
        "right values, but params[key] *= λ overwrites the network's weights",
    ),
    _b10wd(
        "b10_returns_tuple",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    new = {k: g + weight_decay_lambda * params[k] if k.startswith("W") else g for k, g in grads.items()}
    return new, params
""",
        "fail",
        r"tuple|dict|pair|type|return|two",
        "returns (new_grads, params): the exercise asks for the new dict alone",
    ),
    _b10wd(
        "b10_layer_keys_hard_coded",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    out = dict(grads)
    for key in ("W1", "W2"):
        out[key] = grads[key] + weight_decay_lambda * params[key]
    return out
""",
        "fail",
        r"W\d|keys?|layers?|every|all|missing|hard.?coded|KeyError|other",
        "only W1 and W2 typed in: a deeper network's W3... are not decayed (a shallower one raises KeyError)",
    ),
    _b10wd(
        "b10_sum_of_w",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    return {k: g + weight_decay_lambda * np.sum(params[k]) if k.startswith("W") else g for k, g in grads.items()}
""",
        "fail",
        r"sum|scalar|each|element|shape|λ ?·? ?\*? ?W|λW|lambda ?\* ?W|every weight|own",
        "λ·ΣW added to every entry: each weight gets λ times itself, not λ times the sum",
    ),
    # not done
    _b10wd(
        "b10_skeleton",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    # your code: a new dict; keys starting with "W" get + weight_decay_lambda * params[key]
    raise NotImplementedError
""",
        "not done",
        None,
        "the skeleton",
    ),
    _b10wd(
        "b10_loop_body_not_done",
        """
def weight_decay_gradient(grads, params, weight_decay_lambda):
    new_grads = {}
    for key in grads:
        if key.startswith("W"):
            raise NotImplementedError  # TODO: + lambda * W
        new_grads[key] = grads[key]
    return new_grads
""",
        "not done",
        None,
        "the biases are copied, the W branch still raises NotImplementedError",
    ),
    _b10wd(
        "b10_helper_not_done",
        """
def decay_term(W, lam):
    raise NotImplementedError


def weight_decay_gradient(grads, params, weight_decay_lambda):
    return {
        k: g + decay_term(params[k], weight_decay_lambda) if k.startswith("W") else g for k, g in grads.items()
    }
""",
        "not done",
        None,
        "its helper decay_term still raises NotImplementedError",
    ),
]

SUBMISSIONS += B10_BN_ENTRIES + B10_DROPOUT_ENTRIES + B10_WD_ENTRIES

# --- Notebook 11, blind: conv_output_size, conv2d, max_pooling (tests/submissions_conv.py; names "b11_") ---------
from submissions_conv import B11_ENTRIES  # noqa: E402

SUBMISSIONS += tuple(Submission(**entry) for entry in B11_ENTRIES)

# --- Notebook 12, blind: convnet_param_count, predict_labels (tests/submissions_convnet.py; names "b12_") --------
from submissions_convnet import B12_ENTRIES  # noqa: E402

SUBMISSIONS += tuple(Submission(**entry) for entry in B12_ENTRIES)

# --- Notebook 13, blind: features, layer_grad_norms, circle_features (tests/submissions_playground.py; "b13_") ---
from submissions_playground import B13_ENTRIES  # noqa: E402

SUBMISSIONS += tuple(Submission(**entry) for entry in B13_ENTRIES)
