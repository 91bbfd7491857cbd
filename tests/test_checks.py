"""Tests for nbhelpers.checks: the self-checks of the notebooks' exercises.

For every check: a correct solution written the way a learner writes it (the book's style, below; the
book's own MulLayer and Relu.forward from book.py) passes with a "✓" line; the unfilled skeleton gets the
"not done yet" line naming the function; each typical mistake gets its own message. Every verdict is read
from stdout (``capsys``) and checked by :func:`run`: it starts with the right symbol and the check's title,
and it never shows solution code.

pytest runs with ``filterwarnings = error``: a warning of a mistaken function that escaped a check would
fail the test.
"""

from __future__ import annotations

import copy
import inspect
import re
import sys
import warnings

import numpy as np
import pytest
from book import Adam as BookAdam
from book import Momentum as BookMomentum
from book import MulLayer
from book import Relu as BookRelu

from nbhelpers import SimpleConvNet, checks
from nbhelpers.checks._engine import (
    ChangedInput,
    GotNaN,
    NotNumbers,
    Problem,
    Raised,
    ReturnedNone,
    Warned,
    WrongDtype,
    WrongShape,
    WrongValue,
    _call,
    _compare,
    check,
)
from nbhelpers.network import init_network

# ---- the learner's solutions, written the book's way ------------------------------------------------


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


def XOR(x1, x2):
    s1 = NAND(x1, x2)
    s2 = OR(x1, x2)
    y = AND(s1, s2)
    return y


def step_function(x):
    return np.array(x > 0, dtype=int)


def sigmoid(x):
    x = np.asarray(x)
    e = np.exp(-np.abs(x))  # e^-|x| lies in (0, 1]: it cannot overflow
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def softmax_vector(a):
    c = np.max(a)
    exp_a = np.exp(a - c)  # no overflow
    sum_exp_a = np.sum(exp_a)
    y = exp_a / sum_exp_a
    return y


def softmax(a):
    c = np.max(a, axis=-1, keepdims=True)  # each row's largest score
    exp_a = np.exp(a - c)
    return exp_a / np.sum(exp_a, axis=-1, keepdims=True)


def softmax_transposed(x):  # the book's batch version, chapter 4
    if x.ndim == 2:
        x = x.T
        x = x - np.max(x, axis=0)
        y = np.exp(x) / np.sum(np.exp(x), axis=0)
        return y.T
    x = x - np.max(x)
    return np.exp(x) / np.sum(np.exp(x))


def identity_function(x):
    return x


def layer2(Z1, W2, b2):
    A2 = np.dot(Z1, W2) + b2
    return A2


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


def predict(network, x):
    return softmax(forward(network, x))  # the same layers, with softmax at the output


def accuracy(network, x, t, batch_size):
    accuracy_cnt = 0
    for i in range(0, len(x), batch_size):
        x_batch = x[i : i + batch_size]
        y_batch = predict(network, x_batch)
        p = np.argmax(y_batch, axis=1)
        accuracy_cnt += np.sum(p == t[i : i + batch_size])
    return accuracy_cnt / len(x)


def cross_entropy_error(y, t):  # the book's batch version for labels (§4.2.4)
    if y.ndim == 1:
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)
    batch_size = y.shape[0]
    return -np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size


def function_1(x):
    return 0.01 * x**2 + 0.1 * x


def function_2(x):
    return x[0] ** 2 + x[1] ** 2


def numerical_diff(f, x):
    h = 1e-4  # 0.0001
    return (f(x + h) - f(x - h)) / (2 * h)


def numerical_gradient(f, x):
    h = 1e-4  # 0.0001
    grad = np.zeros_like(x)  # an array of x's shape
    for idx in range(x.size):
        tmp_val = x[idx]
        x[idx] = tmp_val + h  # f(x+h)
        fxh1 = f(x)
        x[idx] = tmp_val - h  # f(x-h)
        fxh2 = f(x)
        grad[idx] = (fxh1 - fxh2) / (2 * h)
        x[idx] = tmp_val  # put the value back
    return grad


def gradient_step(f, x, lr):
    grad = numerical_gradient(f, x)
    return x - lr * grad


def sgd_update(params, grads, lr):
    for key in params:
        params[key] -= lr * grads[key]  # in place: the same arrays, new values


def evaluation_steps(train_size, batch_size, steps):
    iter_per_epoch = max(train_size // batch_size, 1)
    return [i for i in range(steps) if i % iter_per_epoch == 0]


# MulLayer: the book's own (§5.4.1), from book.py


class Relu(BookRelu):  # the book's forward (§5.5.1); a backward that leaves dout alone
    def backward(self, dout):
        dx = dout.copy()
        dx[self.mask] = 0
        return dx


# The book's text (§5.6.2), for a batch of 2-D inputs, as notebook 08's exercise has it; book.py holds
# common/layers.py's, which reshapes x.
class Affine:
    def __init__(self, W, b):  # noqa: N803 (the book's names)
        self.W = W
        self.b = b
        self.x = None
        self.dW = None
        self.db = None

    def forward(self, x):
        self.x = x
        out = np.dot(x, self.W) + self.b
        return out

    def backward(self, dout):
        dx = np.dot(dout, self.W.T)
        self.dW = np.dot(self.x.T, dout)
        self.db = np.sum(dout, axis=0)
        return dx


def softmax_with_loss_grad(x, t):  # (y - t) / N, with t as labels (§5.6.3)
    batch_size = x.shape[0]
    dx = softmax(x)
    dx[np.arange(batch_size), t] -= 1
    return dx / batch_size


SETTINGS = {"hidden_size": 5, "lr": 3.0, "batch_size": 30, "steps": 500}  # notebook 07: circles at 95 %

# Momentum and Adam: the book's own (§6.1.4, §6.1.6), from book.py


def he_init(sizes, rng):  # notebook 09: He's initial weights (§6.2.3)
    params = {}
    for k in range(1, len(sizes)):
        n_in, n_out = sizes[k - 1], sizes[k]
        params[f"W{k}"] = rng.standard_normal((n_in, n_out)) * np.sqrt(2 / n_in)
        params[f"b{k}"] = np.zeros(n_out)
    return params


def batchnorm_forward(x, gamma, beta, eps=1e-6):  # notebook 10: batch normalisation in training (§6.3.1)
    mu = x.mean(axis=0)
    xc = x - mu
    var = np.mean(xc**2, axis=0)
    std = np.sqrt(var + eps)
    xn = xc / std
    return gamma * xn + beta


class MyDropout:  # notebook 10: the book's Dropout (§6.4.3), drawing from a Generator
    def __init__(self, dropout_ratio=0.5, rng=None):
        self.dropout_ratio = dropout_ratio
        self.rng = np.random.default_rng(rng)
        self.mask = None

    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.random(x.shape) > self.dropout_ratio
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask


def weight_decay_gradient(grads, params, weight_decay_lambda):  # notebook 10: + λW for the weights (§6.4.1)
    new = {}
    for key in grads:
        if key.startswith("W"):
            new[key] = grads[key] + weight_decay_lambda * params[key]
        else:
            new[key] = grads[key]
    return new


def conv_output_size(input_size, filter_size, stride=1, pad=0):  # notebook 11: the book's OH (§7.2.4)
    return (input_size + 2 * pad - filter_size) // stride + 1


def conv2d(image, kernel):  # notebook 11: one channel, one filter, stride 1, no padding (§7.2.2)
    FH, FW = kernel.shape
    OH, OW = image.shape[0] - FH + 1, image.shape[1] - FW + 1
    out = np.zeros((OH, OW))
    for i in range(OH):
        for j in range(OW):
            out[i, j] = np.sum(image[i : i + FH, j : j + FW] * kernel)
    return out


def max_pooling(x, pool_h, pool_w, stride):  # notebook 11: max pooling of a batch (N, C, H, W) (§7.3)
    N, C, H, W = x.shape
    OH, OW = (H - pool_h) // stride + 1, (W - pool_w) // stride + 1
    out = np.zeros((N, C, OH, OW), dtype=x.dtype)
    for n in range(N):
        for c in range(C):
            for i in range(OH):
                for j in range(OW):
                    window = x[n, c, i * stride : i * stride + pool_h, j * stride : j * stride + pool_w]
                    out[n, c, i, j] = window.max()
    return out


def convnet_param_count(input_dim, filter_num, filter_size, hidden_size, output_size):  # notebook 12 (§7.5)
    C, H, W = input_dim
    OH, OW = H - filter_size + 1, W - filter_size + 1  # the convolution: stride 1, no padding
    shapes = [
        (filter_num, C, filter_size, filter_size),  # W1
        (filter_num,),  # b1
        (filter_num * (OH // 2) * (OW // 2), hidden_size),  # W2: after 2 x 2 pooling with stride 2
        (hidden_size,),  # b2
        (hidden_size, output_size),  # W3
        (output_size,),  # b3
    ]
    count = 0
    for shape in shapes:
        size = 1
        for n in shape:
            size *= n
        count += size
    return count


def predict_labels(net, x, batch_size=100):  # notebook 12: the labels, a batch at a time (§7.5)
    labels = []
    for i in range(0, len(x), batch_size):
        scores = net.predict(x[i : i + batch_size])
        labels.append(np.argmax(scores, axis=1))
    return np.concatenate(labels)


def my_features(x):  # notebook 13: the playground's seven input features
    x1, x2 = x[:, 0], x[:, 1]
    return np.column_stack([x1, x2, x1**2, x2**2, x1 * x2, np.sin(x1), np.sin(x2)])


def layer_grad_norms(grads):  # notebook 13: ||dL/dW_k|| for k = 1, ..., L
    n_layers = len([key for key in grads if key.startswith("W")])
    return [np.sqrt(np.sum(grads[f"W{k}"] ** 2)) for k in range(1, n_layers + 1)]


CIRCLE_FEATURES = ["x1^2", "x2^2"]  # notebook 13: a network without a hidden layer separates the circles


# ---- reading the verdict ----------------------------------------------------------------------------

# Solution code no message may show (the messages describe the mistake, never the fix in code).
SOLUTION_CODE = [
    "def ",
    "lambda",
    "return y",
    "np.exp(a - ",
    "np.exp(x - ",
    "np.exp(-x",
    "np.exp(-np.abs",
    "np.max(a",
    "np.sum(exp",
    "keepdims=True",
    "axis=-1",
    "np.dot(",
    "np.argmax(",
    "1 / (1 + ",
]


def run(check, func, capsys) -> tuple[bool, str]:
    """Run ``check(func)``; its result and printed verdict, which must match and show no solution code."""
    result = check(func)
    out = capsys.readouterr().out
    assert result is True or result is False
    assert out.startswith("✓" if result else ("✗", "…")), out
    assert out.endswith("\n") and out.count("✓") + out.count("✗") + out.count("…") == 1, out
    for code in SOLUTION_CODE:
        assert code not in out, f"the message shows solution code {code!r}:\n{out}"
    return result, out


def passes(check, func, capsys, title: str) -> str:
    result, out = run(check, func, capsys)
    assert result is True, out
    assert re.match(rf"✓ {re.escape(title)}( \([a-z ]+\))?: all checks passed \(", out), out
    return out


def fails(check, func, capsys, title: str, *pieces: str) -> str:
    """The check fails with a "✗" line for ``title`` that holds every one of ``pieces``."""
    result, out = run(check, func, capsys)
    assert result is False, out
    assert re.match(rf"✗ {re.escape(title)}( \([a-z ]+\))?: ", out), out
    for piece in pieces:
        assert piece in out, f"{piece!r} not in:\n{out}"
    return out


# ---- every check: the reference passes, the skeleton is "not done yet", the engine's messages -------

NET = init_network()
CATALOGUE = {  # check name -> (the learner's solution, one call's arguments); every registered check has one
    "check_AND": (AND, (1, 1)),
    "check_NAND": (NAND, (1, 1)),
    "check_OR": (OR, (1, 1)),
    "check_XOR": (XOR, (1, 1)),
    "check_step_function": (step_function, (np.array([-1.0, 2.0]),)),
    "check_sigmoid": (sigmoid, (np.array([-1.0, 2.0]),)),
    "check_softmax_vector": (softmax_vector, (np.array([0.3, 2.9, 4.0]),)),
    "check_softmax": (softmax, (np.array([[0.3, 2.9, 4.0]]),)),
    "check_layer2": (layer2, (np.array([0.5, 0.6, 0.7]), NET["W2"], NET["b2"])),
    "check_forward": (forward, (NET, np.array([1.0, 0.5]))),
    "check_mnist_forward": (predict, (NET, np.array([1.0, 0.5]))),
    "check_accuracy": (accuracy, (NET, np.array([[1.0, 0.5]]), np.array([1]), 100)),
    "check_cross_entropy_error": (
        cross_entropy_error,
        (np.array([[0.1, 0.9], [0.8, 0.2]]), np.array([1, 0])),
    ),
    "check_numerical_diff": (numerical_diff, (function_1, 5)),
    "check_numerical_gradient": (numerical_gradient, (function_2, np.array([3.0, 4.0]))),
    "check_gradient_step": (gradient_step, (function_2, np.array([-3.0, 4.0]), 0.1)),
    "check_sgd_update": (
        sgd_update,
        ({"W1": np.ones((2, 3)), "b1": np.zeros(3)}, {"W1": np.ones((2, 3)), "b1": np.ones(3)}, 0.1),
    ),
    "check_epoch_accuracy": (evaluation_steps, (60000, 100, 10000)),
    "check_learns_circles": (SETTINGS, ()),  # a check of a dict, not of a function: its own tests below
    "check_mul_layer": (MulLayer, ()),  # a check of a class: the "arguments" make a layer
    "check_relu": (Relu, ()),
    "check_affine": (Affine, (np.ones((2, 3)), np.zeros(3))),
    "check_softmax_with_loss_grad": (softmax_with_loss_grad, (np.array([[0.3, 2.9, 4.0]]), np.array([2]))),
    "check_momentum": (BookMomentum, ()),  # the book's classes (book.py): a class check, like the layers'
    "check_adam": (BookAdam, ()),
    "check_he_init": (he_init, ([3, 2], np.random.default_rng(0))),
    "check_batchnorm_forward": (
        batchnorm_forward,
        (np.array([[1.0, 2.0], [3.0, 5.0]]), np.ones(2), np.zeros(2)),
    ),
    "check_dropout": (MyDropout, ()),
    "check_weight_decay_gradient": (
        weight_decay_gradient,
        ({"W1": np.ones((2, 3)), "b1": np.ones(3)}, {"W1": np.ones((2, 3)), "b1": np.zeros(3)}, 0.1),
    ),
    "check_conv_output_size": (conv_output_size, (4, 3, 1, 0)),
    "check_conv2d": (conv2d, (np.eye(3), np.ones((2, 2)))),
    "check_max_pooling": (max_pooling, (np.ones((1, 1, 2, 2)), 2, 2, 2)),
    "check_convnet_param_count": (convnet_param_count, ((1, 28, 28), 30, 5, 100, 10)),
    "check_predict_labels": (predict_labels, (SimpleConvNet(rng=0), np.zeros((3, 1, 28, 28), np.float32))),
    "check_features": (my_features, (np.array([[0.5, -1.0], [1.5, 0.25]]),)),
    "check_layer_grad_norms": (layer_grad_norms, ({"W1": np.ones((2, 3)), "b1": np.ones(3)},)),
    "check_circle_features": (CIRCLE_FEATURES, ()),  # a check of a list: tests/test_checks_playground.py
}
CASES = [  # (check, its title, the learner's solution, one call's arguments): the registry's checks of functions
    (entry.function, entry.title, *CATALOGUE[name])
    for name, entry in checks.REGISTRY.items()
    if name in CATALOGUE and entry.takes is None
]
TAKES_A_VALUE = [name for name, entry in checks.REGISTRY.items() if entry.takes is not None]  # tested below
IDS = [check.__name__ for check, *_ in CASES]


def test_the_registry_and_the_catalogue_hold_the_same_checks():
    # a new check needs a learner's solution here, or none of the tests below would run it
    assert sorted(checks.REGISTRY) == sorted(CATALOGUE)


def test_every_public_check_is_covered():
    assert sorted(IDS + TAKES_A_VALUE) == sorted(checks.__all__)


@pytest.mark.parametrize(("check", "title", "solution", "args"), CASES, ids=IDS)
def test_the_solution_passes(check, title, solution, args, capsys):
    passes(check, solution, capsys, title)


def test_the_books_transposed_batch_softmax_passes(capsys):
    passes(checks.check_softmax, softmax_transposed, capsys, "softmax (batch)")
    passes(checks.check_softmax_vector, softmax_transposed, capsys, "softmax (one vector)")


def test_the_batch_softmax_passes_the_vector_check(capsys):
    passes(checks.check_softmax_vector, softmax, capsys, "softmax (one vector)")


def skeleton(name: str):
    """The exercise cell as the notebook hands it out."""

    def exercise(*args):
        # your code here
        raise NotImplementedError

    exercise.__name__ = name
    return exercise


@pytest.mark.parametrize(("check", "title", "solution", "args"), CASES, ids=IDS)
def test_the_skeleton_is_not_done_yet(check, title, solution, args, capsys):
    _, out = run(check, skeleton(solution.__name__), capsys)
    assert out == (
        f"… {title}: not done yet. Fill in `{solution.__name__}` above (replace the "
        "`raise NotImplementedError` line), then run the cell again.\n"
    )


@pytest.mark.parametrize(("check", "title", "solution", "args"), CASES, ids=IDS)
def test_passing_the_result_instead_of_the_function(check, title, solution, args, capsys):
    value = solution(*args)  # check_AND(AND(1, 1)) instead of check_AND(AND)
    if isinstance(solution, type):  # a layer class: the object made from it, check_relu(Relu())
        out = fails(check, value, capsys, title, "pass your class itself")
        assert out.rstrip().endswith(f"not an object made from it, {type(value).__name__}().")
        return
    out = fails(check, value, capsys, title, "pass your function itself")
    assert out.rstrip().endswith(f"not {type(value).__name__}.")


# An update in place (notebook 07's SGD step) returns nothing: for it, None is the answer, not a slip.
RETURNING = [case for case in CASES if case[2](*copy.deepcopy(case[3])) is not None]


@pytest.mark.parametrize(
    ("check", "title", "solution", "args"), RETURNING, ids=[check.__name__ for check, *_ in RETURNING]
)
def test_a_function_without_return(check, title, solution, args, capsys):
    def forgot_return(*args):
        solution(*args)  # computes the answer, then drops it

    fails(check, forgot_return, capsys, title, "returned None", "Did you forget `return`?")


def test_a_function_with_the_wrong_parameters(capsys):
    def layer2_one_parameter(Z1):
        return Z1

    fails(checks.check_layer2, layer2_one_parameter, capsys, "layer 2", "raised TypeError")


def test_a_learner_print_comes_before_the_verdict(capsys):
    def sigmoid_printing(x):
        print("x is", x.shape)
        return sigmoid(x)

    assert checks.check_sigmoid(sigmoid_printing) is True
    lines = capsys.readouterr().out.splitlines()
    assert lines[:-1] == ["x is (5,)", "x is (3,)", "x is (3, 4)", "x is (2, 3, 4)"]
    assert lines[-1].startswith("✓ sigmoid: all checks passed")


def test_a_learner_warning_that_is_not_numpys_does_not_stop_the_check(capsys):
    # Only NumPy's RuntimeWarnings (overflow, invalid value, ...) are mistakes; the learner's own
    # warning is theirs, and must not escape the check (it would be an error under filterwarnings=error).
    def sigmoid_warning(x):
        warnings.warn("just testing", UserWarning, stacklevel=2)
        return sigmoid(x)

    passes(checks.check_sigmoid, sigmoid_warning, capsys, "sigmoid")


def test_a_check_leaves_numpys_error_state_and_the_warning_filters_alone(capsys):
    def sigmoid_naive(x):
        return 1 / (1 + np.exp(-x))

    errstate, filters = np.geterr(), list(warnings.filters)
    with np.errstate(over="ignore"):
        checks.check_sigmoid(sigmoid_naive)
        assert np.geterr()["over"] == "ignore"
    assert np.geterr() == errstate
    assert warnings.filters == filters
    capsys.readouterr()


# ---- notebook 01: the gates -------------------------------------------------------------------------


def gate(w1, w2, b):
    """A gate written the book's way, with the learner's weights and bias."""

    def my_gate(x1, x2):
        x = np.array([x1, x2])
        w = np.array([w1, w2])
        tmp = np.sum(w * x) + b
        if tmp <= 0:
            return 0
        else:
            return 1

    return my_gate


def test_gate_all_rows_opposite(capsys):
    # AND's weights and bias times -1 make NAND: every row flips
    fails(checks.check_AND, gate(-0.5, -0.5, 0.7), capsys, "AND", "Every row is the opposite", "signs")
    fails(checks.check_NAND, gate(0.5, 0.5, -0.7), capsys, "NAND", "Every row is the opposite")


def test_gate_wrong_bias_sign_fires_at_0_0(capsys):
    out = fails(
        checks.check_AND,
        gate(0.5, 0.5, 0.7),
        capsys,
        "AND",
        "your AND gives [1, 1, 1, 1]",
        "AND gives [0, 0, 0, 1]",
        "wrong for (0, 0), (1, 0), (0, 1)",
        "For (0, 0) the weighted sum is just the bias b, so b decides that row",
    )
    assert "opposite" not in out
    fails(checks.check_OR, gate(0.5, 0.5, 0.2), capsys, "OR", "wrong for (0, 0))", "b decides that row")


def test_gate_wrong_bias_sign_for_nand(capsys):
    fails(checks.check_NAND, gate(-0.5, -0.5, -0.7), capsys, "NAND", "b decides that row")


@pytest.mark.parametrize(("w1", "w2", "b"), [(0.5, 0.5, -0.2), (0.5, 0.5, -0.7), (-0.5, -0.5, 0.7)])
def test_xor_from_one_perceptron(w1, w2, b, capsys):
    fails(checks.check_XOR, gate(w1, w2, b), capsys, "XOR", "One perceptron cannot make XOR")


def test_gate_returns_the_weighted_sum(capsys):
    def AND_sum(x1, x2):
        return 0.5 * x1 + 0.5 * x2 - 0.7

    fails(checks.check_AND, AND_sum, capsys, "AND", "AND(0, 0) returned -0.7: a gate returns 0 or 1")


def test_gate_returns_another_number(capsys):
    def OR_two(x1, x2):
        return x1 + x2  # 2 for (1, 1)

    fails(checks.check_OR, OR_two, capsys, "OR", "OR(1, 1) returned 2: a gate returns 0 or 1")


def test_gate_returns_an_array(capsys):
    def AND_array(x1, x2):
        x = np.array([x1, x2])
        return np.array(x * 0.5 > 0.35, dtype=int)  # one output per input, not one per gate

    fails(
        checks.check_AND,
        AND_array,
        capsys,
        "AND",
        "AND(0, 0) returned the array [0, 0]: a gate returns one number",
        "one number, 0 or 1",
    )


def test_gate_returns_true_or_false(capsys):
    def AND_bool(x1, x2):
        return 0.5 * x1 + 0.5 * x2 - 0.7 > 0

    fails(checks.check_AND, AND_bool, capsys, "AND", "0 or 1")


# ---- notebook 02: step function and sigmoid ---------------------------------------------------------


def test_step_with_np_int(capsys):
    def step_function_np_int(x):
        y = x > 0
        return y.astype(np.int)  # noqa: NPY001 (the mistake under test: the book's old code)

    fails(
        checks.check_step_function,
        step_function_np_int,
        capsys,
        "step_function",
        "raised AttributeError",
        "np.int no longer exists (NumPy 1.24 removed it): use the type int or float",
    )


def test_step_with_if_on_an_array(capsys):
    def step_function_if(x):
        if x > 0:
            return 1
        else:
            return 0

    fails(
        checks.check_step_function,
        step_function_if,
        capsys,
        "step_function",
        "step_function([-1.0, 0.0, 2.0]): your function raised ValueError",
        "truth value of an array",
        "compare the array itself",
    )


def test_step_with_a_loop_over_the_elements(capsys):
    def step_function_loop(x):
        return np.array([1 if v > 0 else 0 for v in x])  # fine for a vector, not for a 2-D array

    fails(
        checks.check_step_function,
        step_function_loop,
        capsys,
        "step_function",
        "a 2 × 2 array: your function raised ValueError",
        "compare the array itself",
    )


def test_step_returns_booleans(capsys):
    def step_function_bool(x):
        return x > 0

    fails(
        checks.check_step_function,
        step_function_bool,
        capsys,
        "step_function",
        "returned True/False values",
        "numbers 0 and 1",
    )


def test_step_fires_at_zero(capsys):
    def step_function_ge(x):
        return np.array(x >= 0, dtype=int)

    fails(
        checks.check_step_function,
        step_function_ge,
        capsys,
        "step_function",
        "gives [0, 1, 1]: at 0 the step is 0",
    )


def test_sigmoid_naive_formula_overflows(capsys):
    def sigmoid_naive(x):
        return 1 / (1 + np.exp(-x))

    fails(
        checks.check_sigmoid,
        sigmoid_naive,
        capsys,
        "sigmoid",
        'sigmoid([-1000, 0, 1000]): NumPy warned "overflow encountered in exp"',
        "without a warning",
    )


def test_sigmoid_where_computing_both_branches_overflows(capsys):
    def sigmoid_where(x):  # np.where computes both branches for every x, so both overflow somewhere
        return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))

    fails(checks.check_sigmoid, sigmoid_where, capsys, "sigmoid", "overflow")


def test_sigmoid_wrong_formula(capsys):
    def sigmoid_wrong_sign(x):
        return 1 / (1 + np.exp(x))

    fails(
        checks.check_sigmoid,
        sigmoid_wrong_sign,
        capsys,
        "sigmoid",
        "the curve mirrored (falling, not rising): check the sign of the exponent",
    )


def test_sigmoid_in_place_is_not_told_a_wrong_expected_value(capsys):
    def sigmoid_in_place(x):
        np.negative(x, out=x)
        with np.errstate(over="ignore"):
            np.exp(x, out=x)
        x += 1
        np.divide(1, x, out=x)
        return x

    checks.check_sigmoid(sigmoid_in_place)
    out = capsys.readouterr().out
    assert "expected 0.529765" not in out, out


# ---- notebook 03: softmax ---------------------------------------------------------------------------


def softmax_no_shift(a):
    exp_a = np.exp(a)
    return exp_a / np.sum(exp_a, axis=-1, keepdims=True)


@pytest.mark.parametrize("check", [checks.check_softmax_vector, checks.check_softmax])
def test_softmax_without_the_max_shift(check, capsys):
    fails(
        check,
        softmax_no_shift,
        capsys,
        "softmax",
        'softmax([1010, 1000, 990]): NumPy warned "overflow encountered in exp"',
        "subtract the LARGEST score",
    )


def test_batch_softmax_along_axis_0(capsys):
    def softmax_axis0(a):
        c = np.max(a, axis=0)
        exp_a = np.exp(a - c)
        return exp_a / np.sum(exp_a, axis=0)

    fails(
        checks.check_softmax,
        softmax_axis0,
        capsys,
        "softmax",
        "a batch of 5 rows of 4 scores: your columns each sum to 1, the rows do not",
        "along each row",
    )


def test_batch_softmax_with_the_vector_version(capsys):
    # one largest score and one sum for the whole batch: the batch as a whole sums to 1
    fails(
        checks.check_softmax,
        softmax_vector,
        capsys,
        "softmax",
        "a batch of 5 rows of 4 scores: the whole batch sums to 1, but each row should",
    )


def test_batch_softmax_with_one_global_max(capsys):
    def softmax_global_max(a):
        c = np.max(a)  # 1010 for every row: the other rows give e^(small - 1010) = 0, then 0 / 0
        exp_a = np.exp(a - c)
        return exp_a / np.sum(exp_a, axis=-1, keepdims=True)

    out = fails(
        checks.check_softmax,
        softmax_global_max,
        capsys,
        "softmax",
        "a batch of 5 rows of 4 scores: some rows come out wrong",
        "each row needs its own largest score",
    )
    assert "warned" not in out


def test_batch_softmax_with_one_global_sum(capsys):
    # the whole batch sums to 1 instead of each row
    def softmax_global_sum(a):
        c = np.max(a, axis=-1, keepdims=True)
        exp_a = np.exp(a - c)
        return exp_a / np.sum(exp_a)

    fails(
        checks.check_softmax,
        softmax_global_sum,
        capsys,
        "softmax",
        "a batch of 5 rows of 4 scores: the whole batch sums to 1, but each row should",
    )


def test_batch_softmax_upcasts_float32(capsys):
    def softmax_float(a):
        a = np.asarray(a, dtype=float)
        c = np.max(a, axis=-1, keepdims=True)
        exp_a = np.exp(a - c)
        return exp_a / np.sum(exp_a, axis=-1, keepdims=True)

    fails(
        checks.check_softmax,
        softmax_float,
        capsys,
        "softmax",
        "the batch in float32: float32 input gave a float64 result",
        "keep the input's type",
    )


@pytest.mark.parametrize("where", ["max", "sum"])
def test_batch_softmax_without_keepdims(where, capsys):
    def softmax_no_keepdims(a):
        c = np.max(a, axis=-1, keepdims=where != "max")
        exp_a = np.exp(a - c)
        return exp_a / np.sum(exp_a, axis=-1, keepdims=where != "sum")

    fails(
        checks.check_softmax,
        softmax_no_keepdims,
        capsys,
        "softmax",
        "a batch of 5 rows of 4 scores: your function raised ValueError",
        "could not be broadcast",
        "the shapes of the arrays do not fit together: print their .shape",
    )


def test_batch_softmax_along_axis_1_fails_for_one_vector(capsys):
    # NumPy's AxisError, with a hint about the last axis
    def softmax_axis1(a):
        c = np.max(a, axis=1, keepdims=True)
        exp_a = np.exp(a - c)
        return exp_a / np.sum(exp_a, axis=1, keepdims=True)

    fails(
        checks.check_softmax,
        softmax_axis1,
        capsys,
        "softmax",
        "softmax([0.3, 2.9, 4.0]): your function raised AxisError",
        "a vector has only one axis",
    )


# ---- notebook 04: the forward pass ------------------------------------------------------------------


def test_layer2_without_the_bias(capsys):
    def layer2_no_bias(Z1, W2, b2):
        return np.dot(Z1, W2)

    fails(
        checks.check_layer2,
        layer2_no_bias,
        capsys,
        "layer 2",
        "gives [0.41616, 1.01403]: that is Z1 W2 without the bias b2",
    )


def test_layer2_applies_the_sigmoid(capsys):
    def layer2_sigmoid(Z1, W2, b2):
        return sigmoid(np.dot(Z1, W2) + b2)

    fails(checks.check_layer2, layer2_sigmoid, capsys, "layer 2", "is already h(A2)", "A2 itself, before h")


def test_layer2_with_transposed_weights(capsys):
    def layer2_transposed(Z1, W2, b2):
        return np.dot(Z1, W2.T) + b2

    fails(
        checks.check_layer2,
        layer2_transposed,
        capsys,
        "layer 2",
        "raised ValueError: shapes (3,) and (2,3) not aligned",
        "print their .shape",
    )


def test_layer2_with_the_factors_swapped_fails_for_a_batch(capsys):
    # right for one vector (W2ᵀ Z1 = Z1 W2), wrong for a batch: NumPy's matmul error, with the shapes hint
    def layer2_swapped(Z1, W2, b2):
        return W2.T @ Z1 + b2

    fails(
        checks.check_layer2,
        layer2_swapped,
        capsys,
        "layer 2",
        "a batch of 2 rows: your function raised",
        "the shapes of the arrays do not fit together",
    )


def forward_without(k: int):
    """The learner's forward pass, with the bias of layer ``k`` forgotten."""

    def forward_no_bias(network, x):
        W1, W2, W3 = network["W1"], network["W2"], network["W3"]
        b1, b2, b3 = network["b1"], network["b2"], network["b3"]
        a1 = np.dot(x, W1) + (b1 if k != 1 else 0)
        z1 = sigmoid(a1)
        a2 = np.dot(z1, W2) + (b2 if k != 2 else 0)
        z2 = sigmoid(a2)
        a3 = np.dot(z2, W3) + (b3 if k != 3 else 0)
        return a3

    return forward_no_bias


@pytest.mark.parametrize("k", [1, 2, 3])
def test_forward_without_the_bias_of_one_layer(k, capsys):
    fails(
        checks.check_forward,
        forward_without(k),
        capsys,
        "forward",
        f"that is what the network gives without b{k}: add the bias of layer {k}",
    )


def test_forward_with_the_sigmoid_at_the_output(capsys):
    def forward_sigmoid_output(network, x):
        return sigmoid(forward(network, x))

    fails(
        checks.check_forward,
        forward_sigmoid_output,
        capsys,
        "forward",
        "uses the sigmoid on the output: the output layer uses the identity",
    )


def test_forward_with_biases_as_1_by_n_matrices(capsys):
    def forward_row_biases(network, x):
        W1, W2, W3 = network["W1"], network["W2"], network["W3"]
        b1 = np.array([network["b1"]])  # [[0.1, 0.2, 0.3]]: a 1 × 3 matrix
        b2 = np.array([network["b2"]])
        b3 = np.array([network["b3"]])
        z1 = sigmoid(np.dot(x, W1) + b1)
        z2 = sigmoid(np.dot(z1, W2) + b2)
        return np.dot(z2, W3) + b3

    fails(
        checks.check_forward,
        forward_row_biases,
        capsys,
        "forward",
        "the result has shape (1, 2), expected (2,)",
        "an extra pair of brackets",
        "1 × n matrix",
    )


def test_forward_ignoring_its_network_argument(capsys):
    def forward_global_network(network, x):
        return forward(init_network(), x)  # the network of the notebook, not the one passed in

    fails(
        checks.check_forward,
        forward_global_network,
        capsys,
        "forward",
        "gives the same result for two different networks: your function does not use the network it is given",
    )


# ---- notebook 05: MNIST -----------------------------------------------------------------------------


def test_mnist_forward_without_softmax(capsys):
    def predict_identity(network, x):
        return forward(network, x)

    fails(
        checks.check_mnist_forward,
        predict_identity,
        capsys,
        "MNIST forward",
        "the rows do not sum to 1: the output layer needs softmax",
    )


def test_mnist_forward_upcasts_float32(capsys):
    def predict_float(network, x):
        x = np.asarray(x, dtype=float)
        return predict(network, x)

    fails(
        checks.check_mnist_forward,
        predict_float,
        capsys,
        "MNIST forward",
        "float32 input gave a float64 result",
        "keep the input's type",
    )


def test_mnist_forward_with_notebook_02s_float64_sigmoid(capsys):
    # notebook 02's overflow-free sigmoid starts with np.asarray(x, dtype=float): reused here, it upcasts
    def sigmoid_float(x):
        x = np.asarray(x, dtype=float)
        e = np.exp(-np.abs(x))
        return np.where(x >= 0, 1 / (1 + e), e / (1 + e))

    def predict_sigmoid_float(network, x):
        W1, W2, W3 = network["W1"], network["W2"], network["W3"]
        b1, b2, b3 = network["b1"], network["b2"], network["b3"]
        z1 = sigmoid_float(np.dot(x, W1) + b1)
        z2 = sigmoid_float(np.dot(z1, W2) + b2)
        return softmax(np.dot(z2, W3) + b3)

    fails(
        checks.check_mnist_forward,
        predict_sigmoid_float,
        capsys,
        "MNIST forward",
        "float32 input gave a float64 result",
    )


def test_mnist_forward_with_the_vector_softmax(capsys):
    # one sum for the whole batch: the rows do not sum to 1
    def predict_vector_softmax(network, x):
        return softmax_vector(forward(network, x))

    fails(
        checks.check_mnist_forward,
        predict_vector_softmax,
        capsys,
        "MNIST forward",
        "softmax must work along each row, the last axis",
    )


def test_accuracy_returns_the_count(capsys):
    def accuracy_count(network, x, t, batch_size):
        return accuracy(network, x, t, batch_size) * len(x)

    fails(
        checks.check_accuracy,
        accuracy_count,
        capsys,
        "accuracy",
        "the number of right answers; accuracy divides it by the number of images",
    )


def accuracy_full_batches(network, x, t, batch_size):
    accuracy_cnt = 0
    for i in range(len(x) // batch_size):  # 20 batches: the last 50 images are never seen
        x_batch = x[i * batch_size : (i + 1) * batch_size]
        p = np.argmax(predict(network, x_batch), axis=1)
        accuracy_cnt += np.sum(p == t[i * batch_size : (i + 1) * batch_size])
    return accuracy_cnt / len(x)


def accuracy_full_batches_mean(network, x, t, batch_size):
    n = len(x) // batch_size * batch_size
    return accuracy_full_batches(network, x[:n], t[:n], batch_size)


@pytest.mark.parametrize("func", [accuracy_full_batches, accuracy_full_batches_mean])
def test_accuracy_drops_the_short_last_batch(func, capsys):
    fails(
        checks.check_accuracy,
        func,
        capsys,
        "accuracy",
        "the last 50 images (a short last batch) were left out",
    )


def accuracy_per_batch(network, x, t, batch_size):
    accuracies = []
    for i in range(0, len(x), batch_size):
        p = np.argmax(predict(network, x[i : i + batch_size]), axis=1)
        accuracies.append(np.mean(p == t[i : i + batch_size]))
    return accuracies


@pytest.mark.parametrize("as_array", [False, True], ids=["list", "array"])
def test_accuracy_returns_one_accuracy_per_batch(as_array, capsys):
    def accuracy_list(network, x, t, batch_size):
        accuracies = accuracy_per_batch(network, x, t, batch_size)
        return np.array(accuracies) if as_array else accuracies

    fails(
        checks.check_accuracy,
        accuracy_list,
        capsys,
        "accuracy",
        "2050 images in batches of 100: returned 21 numbers",
        "accuracy is one number between 0 and 1",
    )


def test_accuracy_as_the_mean_of_the_batch_accuracies(capsys):
    def accuracy_mean(network, x, t, batch_size):
        return np.mean(accuracy_per_batch(network, x, t, batch_size))

    fails(
        checks.check_accuracy,
        accuracy_mean,
        capsys,
        "accuracy",
        "counts the short last batch (50 images) as much",
    )


def accuracy_one_by_one(network, x, t, batch_size):
    accuracy_cnt = 0
    for i in range(len(x)):
        y = predict(network, x[i])
        p = np.argmax(y)
        if p == t[i]:
            accuracy_cnt += 1
    return accuracy_cnt / len(x)


def test_accuracy_loop_over_images_is_named(capsys):
    # the network is read once per image (2050 times) instead of once per batch (21 times)
    fails(
        checks.check_accuracy,
        accuracy_one_by_one,
        capsys,
        "accuracy",
        "ran the network 2050 times, once per image",
    )


def test_accuracy_that_ignores_batch_size(capsys):
    def accuracy_always_100(network, x, t, batch_size):
        return accuracy(network, x, t, 100)

    fails(
        checks.check_accuracy, accuracy_always_100, capsys, "accuracy", "does not use its batch_size argument"
    )


def test_accuracy_learner_warning_does_not_escape(capsys):
    def accuracy_warning(network, x, t, batch_size):
        warnings.warn("just testing", UserWarning, stacklevel=2)
        return accuracy(network, x, t, batch_size)

    passes(checks.check_accuracy, accuracy_warning, capsys, "accuracy")


def test_not_done_names_the_unfilled_function_that_was_called(capsys):
    def my_nand(x1, x2):
        raise NotImplementedError

    def my_xor(x1, x2):
        return my_nand(x1, x2)

    _, out = run(checks.check_XOR, my_xor, capsys)
    assert out.startswith("… XOR: not done yet. Fill in `my_nand`, which `my_xor` uses, above"), out


def test_a_function_that_changes_its_input_is_told_so(capsys):
    def layer2_in_place(Z1, W2, b2):  # noqa: N803 (the notebook's names)
        b2 += Z1 @ W2
        return b2

    fails(checks.check_layer2, layer2_in_place, capsys, "layer 2", "changed the array it was given")


# ---- the registry -----------------------------------------------------------------------------------

NOTEBOOKS = {  # concept -> the notebooks whose exercises its checks are (one line "Book §...; notebook NN.")
    "perceptron": ("01",),
    "activations": ("02",),
    "outputs": ("03",),
    "network": ("04",),
    "mnist": ("05",),
    "losses": ("06",),
    "gradient": ("06",),
    "training": ("07",),
    "layers": ("08",),
    "optimizers": ("09",),
    "regularization": ("10",),
    "conv": ("11", "12"),
    "playground": ("13",),
}


@pytest.mark.parametrize("name", sorted(checks.REGISTRY))
def test_a_registered_check_is_public_named_documented_and_in_its_concepts_module(name):
    entry = checks.REGISTRY[name]
    assert entry.name == name and name.startswith("check_")
    assert entry.function is getattr(checks, name)
    assert entry.function.__name__ == name and entry.function.__qualname__ == name
    assert entry.function.__module__ == f"nbhelpers.checks.{entry.concept}"
    assert getattr(sys.modules[entry.function.__module__], name) is entry.function
    assert inspect.signature(entry.function).return_annotation is bool
    assert entry.function.__doc__ == entry.body.__doc__
    taught = re.findall(
        r"^ *(?:Book §[0-9.]+|Not in the book)[^;]*; notebook ([0-9]{2})\.$", entry.function.__doc__, re.M
    )
    assert len(taught) == 1 and taught[0] in NOTEBOOKS[entry.concept], (
        f"{name}: one line 'Book §...; notebook NN.' (or 'Not in the book ...; notebook NN.') is needed, NN one "
        f"of {NOTEBOOKS[entry.concept]}"
    )


def test_registering_a_name_twice_in_another_concept_is_refused():
    def check_AND(func):  # noqa: N802
        return "nothing"

    check_AND.__module__ = "nbhelpers.checks.elsewhere"
    with pytest.raises(ValueError, match="registered twice"):
        check("AND again")(check_AND)
    assert checks.REGISTRY["check_AND"].function is checks.check_AND


def test_the_body_raises_a_problem_and_the_public_check_prints_it(capsys):
    body = checks.REGISTRY["check_OR"].body
    with pytest.raises(Problem, match="OR\\(1, 1\\) returned 2"):
        body(lambda x1, x2: x1 + x2)
    assert body(OR) == "all four rows of the truth table"
    assert capsys.readouterr().out == ""


# ---- the engine: every problem has its type, every NumPy warning its event --------------------------


def underflows():
    with np.errstate(under="warn"):  # NumPy ignores underflow unless asked: this learner asked
        return np.exp(np.array([-1000.0]))


WARNINGS = {  # the event -> a function that makes NumPy warn about it
    "overflow": lambda: np.exp(np.array([1000.0])),
    "invalid": lambda: np.array([0.0]) / np.array([0.0]),
    "divide": lambda: np.log(np.array([0.0])),
    "underflow": underflows,
    "other": lambda: np.mean(np.array([])),  # "Mean of empty slice": no floating-point event
}


@pytest.mark.parametrize("outer", ["ignore", "warn", "raise"])
@pytest.mark.parametrize("event", WARNINGS)
def test_a_numpy_warning_is_warned_with_its_event(event, outer):
    # whatever NumPy's error state outside the check (a notebook may have changed it), the same event
    with np.errstate(all=outer), pytest.raises(Warned) as info:
        _call(WARNINGS[event], what="f()")
    problem = info.value
    assert problem.event == event and problem.what == "f()"
    assert str(problem) == f'f(): NumPy warned "{problem.text}". The result should come without a warning.'
    assert type(problem).__mro__[1] is Problem


@pytest.mark.parametrize("outer", ["ignore", "warn", "raise"])
def test_an_underflow_nobody_asked_about_is_no_mistake(outer):
    with np.errstate(all=outer):
        assert _call(lambda: np.exp(np.array([-1000.0])), what="f()").tolist() == [0.0]


def test_the_engine_types_each_problem():
    with pytest.raises(Raised) as info:
        _call(lambda: [][0], what="f()")
    assert isinstance(info.value.error, IndexError) and info.value.hint is None
    with pytest.raises(Raised) as info:
        _call(lambda: np.ones(2) @ np.ones(3), what="f()")
    assert isinstance(info.value.error, ValueError) and "print their .shape" in info.value.hint
    with pytest.raises(ReturnedNone):
        _call(lambda: None, what="f()")
    with pytest.raises(ChangedInput):
        _call(lambda x: x.__iadd__(1), np.zeros(2), what="f(x)")
    with pytest.raises(NotNumbers) as info:
        _compare("0.5", 0.5, "f()")
    assert info.value.dtype.kind == "U"
    with pytest.raises(NotNumbers) as info:
        _compare([[1.0], [1.0, 2.0]], np.zeros(2), "f()")
    assert info.value.dtype is None
    with pytest.raises(WrongShape) as info:
        _compare(np.zeros((1, 2)), np.zeros(2), "f()")
    assert (info.value.shape, info.value.expected) == ((1, 2), (2,))
    with pytest.raises(WrongDtype) as info:
        _compare(np.zeros(2), np.zeros(2, np.float32), "f()", dtype=np.float32)
    assert (info.value.dtype, info.value.expected) == (np.float64, np.float32)
    with pytest.raises(GotNaN) as info:
        _compare(np.array([[0.0, 0.0], [0.0, np.nan]]), np.zeros((2, 2)), "f()")
    assert info.value.position == (1, 1)
    with pytest.raises(WrongValue) as info:
        _compare(np.array([0.0, 0.0, 1.0]), np.zeros(3), "f()")
    assert info.value.position == (2,)
    with pytest.raises(WrongValue) as info:
        _compare(1.0, 0.5, "f()")
    assert info.value.position == () and str(info.value) == "f(): expected 0.5, got 1"


def test_softmax_nan_without_a_warning_gets_the_overflow_hint(capsys):
    def softmax_no_shift_quiet(a):
        with np.errstate(all="ignore"):  # the warning silenced: inf / inf is still nan
            return softmax_no_shift(a)

    fails(
        checks.check_softmax_vector,
        softmax_no_shift_quiet,
        capsys,
        "softmax",
        "softmax([1010, 1000, 990]): got nan (not a number) at position (0,)",
        "subtract the LARGEST score",
    )


def test_batch_softmax_with_one_global_max_dividing_by_zero(capsys):
    def softmax_log_global_max(a):
        c = np.max(a)  # the rows with small scores: e^(a - c) are all 0, log(0) divides by zero
        return np.exp(a - c - np.log(np.sum(np.exp(a - c), axis=-1, keepdims=True)))

    fails(checks.check_softmax, softmax_log_global_max, capsys, "softmax", "each row needs its own largest")


def test_batch_softmax_overflowing_in_the_batch_is_told_the_warning(capsys):
    def softmax_global_min(a):
        c = np.min(a)  # right for one vector (any shift is), but e^(1010 - (-1)) overflows in the batch
        exp_a = np.exp(a - c)
        return exp_a / np.sum(exp_a, axis=-1, keepdims=True)

    out = fails(
        checks.check_softmax,
        softmax_global_min,
        capsys,
        "softmax",
        'NumPy warned "overflow encountered in exp"',
        "subtract the LARGEST score",
    )
    assert "some rows come out wrong" not in out


# ---- no check raises from its own code, whatever the learner's function returns ---------------------


class Opaque:  # a learner's own object
    pass


ODD_RESULTS = {
    "text": "0.5",
    "bytes": b"1",
    "a list of text": ["0", "1"],
    "a ragged list": [[1.0], [1.0, 2.0]],
    "a one-element list": [0.5],
    "a dict": {"y": 1.0},
    "a set": {1.0},
    "an object": Opaque(),
    "True": True,
    "nan": float("nan"),
    "inf": float("inf"),
    "-inf": -np.inf,
    "1e308": 1e308,
    "10**400": 10**400,
    "complex": 0.5 + 0j,
    "a NumPy complex": np.complex128(0.5),
    "a complex array": np.array([0.5 + 1j, 0.5]),
    "an empty array": np.zeros(0),
    "an array of objects": np.array([None, 1.0], dtype=object),
    "a datetime": np.datetime64("2020-01-01"),
    "a 3-D array": np.zeros((2, 2, 2)),
    "a bool array": np.array([True, False]),
}
FILLS = [np.nan, np.inf, -np.inf, 1e308, -1e308, np.float32(3e38), 0.0]


def returning(value):
    def odd(*args):
        return value

    return odd


def like_input(fill, last=None):
    """An array of ``fill`` shaped like the first array argument (its last axis ``last`` long, if given)."""

    def odd(*args):
        shape = next((a.shape for a in args if isinstance(a, np.ndarray)), ())
        if last is not None and shape:
            shape = (*shape[:-1], last)
        return np.full(shape, fill)

    return odd


ODD_FUNCTIONS = {f"returns {name}": returning(value) for name, value in ODD_RESULTS.items()}
ODD_FUNCTIONS.update({f"{fill!r} like the input": like_input(fill) for fill in FILLS})
ODD_FUNCTIONS.update({f"{fill!r} in rows of 10": like_input(fill, 10) for fill in FILLS})
ODD_FUNCTIONS.update({f"{fill!r} in rows of 2": like_input(fill, 2) for fill in FILLS})
ODD_FUNCTIONS["returns its arguments"] = lambda *args: args
ODD_FUNCTIONS["returns its first argument"] = lambda *args: args[0]


@pytest.mark.parametrize("odd", ODD_FUNCTIONS, ids=list(ODD_FUNCTIONS))
@pytest.mark.parametrize("name", sorted(checks.REGISTRY))
def test_no_check_raises_or_warns_whatever_comes_back(name, odd, capsys):
    # filterwarnings = error: a warning from the check's own arithmetic would fail here too
    result, out = run(checks.REGISTRY[name].function, ODD_FUNCTIONS[odd], capsys)
    assert result is False, out


@pytest.mark.parametrize(("check", "title", "solution", "args"), CASES, ids=IDS)
def test_the_solution_passes_whatever_numpys_error_state(check, title, solution, args, capsys):
    # a notebook that set np.seterr(all="raise") (or "warn") gets the same verdicts
    for state in ("raise", "warn"):
        with np.errstate(all=state):
            passes(check, solution, capsys, title)


def test_numbers_that_print_alike_are_shown_with_the_digits_where_they_differ():
    with pytest.raises(WrongValue) as info:
        _compare(0.666341, 0.66634146341, "f()")
    assert "expected 0.6663415, got 0.666341" in str(info.value)  # not "0.666341, got 0.666341"


def test_a_float32_result_of_a_float64_input_is_named():
    with pytest.raises(WrongValue) as info:
        _compare(np.float32(1.0) / np.float32(3.0), np.array(1.0) / 3.0, "f()", rtol=1e-12)
    assert "your result is float32" in str(info.value)


def test_the_tolerance_follows_the_dtype_and_the_condition():
    # a correct float32 softmax of scores near 1000 loses about 1e-4 relative: float32 rounds 1010 to 6e-5
    a = np.array([1010.0, 1000.0, 990.0])
    exact = np.exp(a - a.max()) / np.exp(a - a.max()).sum()
    lse = a.astype(np.float32) - (np.float32(1010) + np.log(np.sum(np.exp(a.astype(np.float32) - 1010))))
    _compare(np.exp(lse), exact.astype(np.float32), "f()", condition=1010)  # passes
    with pytest.raises(WrongValue):
        _compare(np.exp(lse).astype(float), exact, "f()")  # float64 is held to 1e-7


def test_a_result_that_is_the_right_one_rounded_is_named():
    with pytest.raises(WrongValue) as info:
        _compare(
            np.array([0.31682708, 0.69627909]),
            np.array([0.3168270764110298, 0.6962790898619668]),
            "f()",
            rtol=1e-9,
        )
    assert "rounded to 8 decimals" in str(info.value)


def test_a_slip_is_named_only_where_it_changes_the_result():
    slips = {"you left out b": np.array([1.0, 2.0]), "b2 for b3 (equal here)": np.array([1.5, 2.5])}
    with pytest.raises(WrongValue) as info:
        _compare(np.array([1.0, 2.0]), np.array([1.5, 2.5]), "f()", slips=slips)
    assert "you left out b" in str(info.value)
    with pytest.raises(WrongValue) as info:
        _compare(np.array([1.5, 2.6]), np.array([1.5, 2.5]), "f()", slips=slips)
    assert "b2 for b3" not in str(info.value)


# ---- notebook 06: the cross-entropy error of a batch ------------------------------------------------

SOLUTION_CODE += ["np.arange(", "np.log(y[", "tmp_val", "x - lr"]  # notebook 06's solutions


def cross_entropy_one_hot(y, t):  # labels turned into one-hot rows, then the book's §4.2.2 formula
    t_one_hot = np.eye(y.shape[1])[t]
    return -np.sum(t_one_hot * np.log(y + 1e-7)) / y.shape[0]


def cross_entropy_clip(y, t):  # log(max(p, 1e-7)): the same loss where p = 0, but no delta elsewhere
    p = y[np.arange(len(t)), t]
    return -np.mean(np.log(np.clip(p, 1e-7, 1.0)))


def cross_entropy_loop(y, t):
    total = 0.0
    for n in range(len(t)):
        total += -np.log(y[n, t[n]] + 1e-7)
    return total / len(t)


def cross_entropy_float32(y, t):  # every step in y's dtype: float32 stays float32
    p = y[np.arange(len(t)), t]
    return -np.sum(np.log(p + y.dtype.type(1e-7)), dtype=y.dtype) / y.dtype.type(len(t))


@pytest.mark.parametrize("func", [cross_entropy_one_hot, cross_entropy_loop, cross_entropy_float32])
def test_cross_entropy_other_correct_styles_pass(func, capsys):
    passes(checks.check_cross_entropy_error, func, capsys, "cross-entropy error (batch)")


def test_cross_entropy_reproduces_the_books_values():
    y = np.array([[0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]])
    assert cross_entropy_error(y, np.array([2])) == 0.510825457099338
    assert cross_entropy_error(y[:, [0, 1, 7, 3, 4, 5, 6, 2, 8, 9]], np.array([2])) == 2.302584092994546


CE = "cross-entropy error (batch)"


def ce_sum(y, t):
    return -np.sum(np.log(y[np.arange(len(t)), t] + 1e-7))


def ce_by_classes(y, t):
    return -np.sum(np.log(y[np.arange(len(t)), t] + 1e-7)) / y.shape[1]


def ce_no_minus(y, t):
    return np.mean(np.log(y[np.arange(len(t)), t] + 1e-7))


def ce_log10(y, t):
    return -np.mean(np.log10(y[np.arange(len(t)), t] + 1e-7))


def ce_whole_row(y, t):
    return -np.sum(np.log(y + 1e-7)) / y.shape[0]


def ce_one_hot_formula_with_labels(y, t):  # t holds labels: t * log(y) broadcasts for a batch of 1
    return -np.sum(t * np.log(y + 1e-7)) / y.shape[0]


def ce_every_column(y, t):  # y[:, t]: an N × N matrix
    return -np.sum(np.log(y[:, t] + 1e-7)) / y.shape[0]


def ce_per_example(y, t):
    return -np.log(y[np.arange(len(t)), t] + 1e-7)


BOOK_Y = np.array([[0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]])


def ce_global(y, t):  # the notebook's y and t, not the arguments
    return cross_entropy_error(BOOK_Y, np.array([2]))


@pytest.mark.parametrize(
    ("func", "pieces"),
    [
        (ce_sum, ["a random batch of 7 rows", "the sum over the batch, 7 times the average"]),
        (ce_by_classes, ["divides by the number of classes (10, the columns of y)"]),
        (ce_no_minus, ["gives -0.510825", "the loss is negative", "minus sign"]),
        (ce_log10, ["log base 10", "natural log"]),
        (ce_whole_row, ["the log of every probability in the row", "y[n, t[n]]"]),
        (
            ce_one_hot_formula_with_labels,
            ["t holds the right labels as integers (here [2]), not one-hot rows"],
        ),
        (ce_every_column, ["a random batch", "y[:, t] takes the column of every label in every row"]),
        (ce_per_example, ["of shape (1,) holding one number", "one loss per example"]),
        (cross_entropy_clip, ["gives 0.510826", "without the small delta", "inside the log"]),
        (
            ce_global,
            ["gives 0.510825", "a loss of the book's example", "use the function's parameters y and t"],
        ),
    ],
    ids=lambda v: v.__name__ if callable(v) else "",
)
def test_cross_entropy_slips_are_named(func, pieces, capsys):
    fails(checks.check_cross_entropy_error, func, capsys, CE, *pieces)


def test_cross_entropy_one_hot_formula_with_a_batch_of_labels_is_named(capsys):
    def ce_one_hot_labels_from_the_second_case(y, t):
        if len(t) == 1:
            return cross_entropy_error(y, t)
        return -np.sum(t * np.log(y + 1e-7)) / y.shape[0]  # (7,) * (7, 5): NumPy cannot broadcast

    fails(
        checks.check_cross_entropy_error,
        ce_one_hot_labels_from_the_second_case,
        capsys,
        CE,
        "raised ValueError",
        "t holds the right labels as integers, shape (7,), not one-hot rows",
    )


def ce_without_delta(y, t):
    return -np.mean(np.log(y[np.arange(len(t)), t]))


def ce_delta_outside(y, t):
    return -np.mean(np.log(y[np.arange(len(t)), t]) + 1e-7)


def ce_delta_subtracted(y, t):
    return -np.mean(np.log(y[np.arange(len(t)), t] - 1e-7))


def ce_delta_1e_3(y, t):
    return -np.mean(np.log(y[np.arange(len(t)), t] + 1e-3))


def ce_largest_probability(y, t):
    return -np.mean(np.log(np.max(y, axis=1) + 1e-7))


@pytest.mark.parametrize(
    ("func", "pieces"),
    [
        (
            ce_without_delta,
            ["the book's example as a batch of 1", "gives 0.510826", "without the small delta"],
        ),
        (ce_delta_outside, ["the small delta is added outside the log"]),
        (ce_delta_subtracted, ["the small delta is subtracted"]),
        (ce_delta_1e_3, ["gives 0.50916, which is −log(y[n, t[n]] + 0.001): the small delta is 1e-7"]),
        (ce_largest_probability, ["a random batch", "each row's largest probability", "right class t[n]"]),
    ],
    ids=lambda v: v.__name__ if callable(v) else "",
)
def test_cross_entropy_delta_slips_are_named(func, pieces, capsys):
    # float64 holds the delta to 1e-7 relative: −log(0.6) and −log(0.6 + 1e-7) differ by 3e-7
    fails(checks.check_cross_entropy_error, func, capsys, CE, *pieces)


def ce_right_but_log_of_zero(y, t):
    """Right wherever the right class has a probability above 0; log 0 there."""
    p = y[np.arange(len(t)), t]
    return -np.mean(np.log(np.where(p > 0, p + 1e-7, p)))


def test_cross_entropy_log_of_zero_warns_at_a_probability_of_zero(capsys):
    fails(
        checks.check_cross_entropy_error,
        ce_right_but_log_of_zero,
        capsys,
        CE,
        "row 0 has probability 0 at its right class",
        'NumPy warned "divide by zero encountered in log"',
        "the small delta (1e-7)",
        "16.118",
    )


def test_cross_entropy_log_of_zero_without_the_warning_gets_inf(capsys):
    def ce_quiet(y, t):
        with np.errstate(divide="ignore"):
            return ce_right_but_log_of_zero(y, t)

    fails(checks.check_cross_entropy_error, ce_quiet, capsys, CE, "got inf", "the small delta (1e-7)")


def test_cross_entropy_with_another_value_at_a_probability_of_zero(capsys):
    def ce_other_at_zero(y, t):
        p = y[np.arange(len(t)), t]
        return -np.mean(np.log(np.where(p > 0, p + 1e-7, 1e-12)))

    fails(checks.check_cross_entropy_error, ce_other_at_zero, capsys, CE, "is your small delta 1e-7")


def test_cross_entropy_whole_row_without_delta_warns_with_the_reason(capsys):
    def ce_whole_row_no_delta(y, t):
        return -np.sum(np.log(y)) / y.shape[0]

    fails(
        checks.check_cross_entropy_error,
        ce_whole_row_no_delta,
        capsys,
        CE,
        "the book's example as a batch of 1",
        "divide by zero",
        "The right classes' probabilities are not 0 here, but others in y are",
    )


def test_cross_entropy_with_labels_taken_for_one_hot_rows(capsys):
    def ce_argmax_labels(y, t):
        labels = np.argmax(t, axis=1)
        return cross_entropy_error(y, labels)

    fails(
        checks.check_cross_entropy_error,
        ce_argmax_labels,
        capsys,
        CE,
        "raised AxisError",
        "t holds one label per row, the right class itself",
    )


def test_cross_entropy_that_ignores_its_arguments(capsys):
    def ce_constant(y, t):
        return 1.25

    fails(
        checks.check_cross_entropy_error,
        ce_constant,
        capsys,
        CE,
        "and the same for another batch: your function does not use the y and t",
    )


def test_cross_entropy_float32_is_judged_with_float32s_tolerance(capsys):
    # a float32 result off by 1e-6 relative (a few float32 roundings) passes; off by 1e-4 it does not
    def off_by(rel):
        def ce_float32_off(y, t):
            loss = cross_entropy_float32(y, t)
            return loss * loss.dtype.type(1 + rel) if y.dtype == np.float32 else loss

        return ce_float32_off

    passes(checks.check_cross_entropy_error, off_by(1e-6), capsys, CE)
    fails(checks.check_cross_entropy_error, off_by(1e-4), capsys, CE, "the random batch in float32")
    # the same 1e-6 in a float64 result of float64 probabilities is too much
    fails(
        checks.check_cross_entropy_error,
        lambda y, t: cross_entropy_error(y, t) * (1 + 1e-6),
        capsys,
        CE,
        "the book's example as a batch of 1",
    )


# ---- notebook 06: the central difference ------------------------------------------------------------

CD = "central difference"


@pytest.mark.parametrize(
    "func",
    [
        lambda f, x: (f(x + 1e-4) - f(x - 1e-4)) / 2 / 1e-4,  # the same formula in another order
        lambda f, x: (f(x + 0.0001) - f(x - 0.0001)) * 5000.0,
        lambda f, x: np.float64((f(x + 1e-4) - f(x - 1e-4)) / (2 * 1e-4)),
        lambda f, x: np.asarray((f(x + 1e-4) - f(x - 1e-4)) / (2 * 1e-4)),  # a 0-d array
    ],
    ids=["divided twice", "times 5000", "np.float64", "a 0-d array"],
)
def test_central_difference_other_correct_styles_pass(func, capsys):
    passes(checks.check_numerical_diff, func, capsys, CD)


def test_central_difference_reproduces_the_books_values():
    assert numerical_diff(function_1, 5) == 0.1999999999990898
    assert numerical_diff(function_1, 10) == 0.2999999999986347


def central(h):
    return lambda f, x: (f(x + h) - f(x - h)) / (2 * h)


@pytest.mark.parametrize(
    ("func", "pieces"),
    [
        (lambda f, x: (f(x + 1e-4) - f(x)) / 1e-4, ["gives 0.200001", "that is the forward difference"]),
        (lambda f, x: (f(x) - f(x - 1e-4)) / 1e-4, ["that is the backward difference"]),
        (lambda f, x: (f(x + 1e-4) - f(x - 1e-4)) / 1e-4, ["gives 0.4", "twice the slope"]),
        (lambda f, x: (f(x + 1e-4) - f(x - 1e-4)) / 2 * 1e-4, ["without brackets, `/ 2*h` divides by 2"]),
        (lambda f, x: (f(x - 1e-4) - f(x + 1e-4)) / (2 * 1e-4), ["gives -0.2", "the sign is reversed"]),
        (central(1e-50), ["f was called at x itself only", "the book's rounding trap (h = 1e-50)"]),
        (central(0.1), ["1.8x³", "called f as far as 0.1 from x", "the exercise uses h = 1e-4"]),
        (central(1e-12), ["no further than 1e-12 from x", "rounding eats the difference"]),
        (lambda f, x: numerical_diff(function_1, x), ["1.8x³", "the slope of the book's 0.01x² + 0.1x"]),
        (lambda f, x: numerical_diff(f, 10), ["at x = 5", "gives the same result, 0.3, for another x"]),
        (lambda f, x: 0.2, ["at x = 10", "never called the f it was given"]),
        (lambda f, x: f(x + 1e-4) - f(x - 1e-4) / (2 * 1e-4), ["put brackets around the difference"]),
        (central(np.float32(1e-50)), ['warned "invalid value', "f was called at x itself only"]),
        (central(np.float32(1e-4)), ["called f at float32 numbers"]),
        (lambda f, x: [numerical_diff(f, x)], ["a list of shape (1,) holding one number"]),
        (lambda f, x: (f(x + 1e-4), f(x - 1e-4)), ["returned 2 numbers", "one number"]),
        (lambda f, x: f, ["returned a function"]),
    ],
    ids=[
        "forward",
        "backward",
        "no 2",
        "/ 2*h",
        "sign",
        "h=1e-50",
        "h=0.1",
        "h=1e-12",
        "global f",
        "global x",
        "constant",
        "numerator not bracketed",
        "float32 h = 0",
        "float32 h",
        "a list of one",
        "tuple",
        "f itself",
    ],
)
def test_central_difference_slips_are_named(func, pieces, capsys):
    fails(checks.check_numerical_diff, func, capsys, CD, *pieces)


# ---- notebook 06: the numerical gradient ------------------------------------------------------------

NG = "numerical gradient"


def gradient_with_copies(f, x):  # the learner's own style: x itself never changes
    grad = []
    for i in range(len(x)):
        step = np.zeros_like(x)
        step[i] = 1e-4
        grad.append((f(x + step) - f(x - step)) / (2 * 1e-4))
    return grad  # a list: the exercise asks for an array (x - lr * grad needs one)


def test_numerical_gradient_other_correct_styles_pass(capsys):
    from nbhelpers.gradient import numerical_gradient as nbhelpers_numerical_gradient

    def gradient_with_copies_as_an_array(f, x):
        return np.array(gradient_with_copies(f, x))

    passes(checks.check_numerical_gradient, gradient_with_copies_as_an_array, capsys, NG)
    passes(checks.check_numerical_gradient, nbhelpers_numerical_gradient, capsys, NG)


def gradient_book_style(*, h=1e-4, forward=False, two=2, restore=True, early_return=False, f_of=None):
    """The book's numerical_gradient with one slip."""

    def my_numerical_gradient(f, x):
        f = f_of or f
        grad = np.zeros_like(x)
        for idx in range(x.size):
            tmp_val = x[idx]
            x[idx] = tmp_val + h
            fxh1 = f(x)
            x[idx] = tmp_val - h if not forward else tmp_val
            fxh2 = f(x)
            grad[idx] = (fxh1 - fxh2) / (two * h if not forward else h)
            if restore:
                x[idx] = tmp_val
            if early_return:
                return grad
        return grad

    return my_numerical_gradient


def gradient_adding_h_back(f, x):
    h = 1e-4
    grad = np.zeros_like(x)
    for idx in range(x.size):
        x[idx] += h
        fxh1 = f(x)
        x[idx] -= 2 * h
        fxh2 = f(x)
        grad[idx] = (fxh1 - fxh2) / (2 * h)
        x[idx] += h  # x + h - 2h + h: not always x exactly
    return grad


def gradient_left_moved(f, x):
    work = x.copy()  # x itself is safe, but the copy keeps each moved element
    grad = np.zeros_like(x)
    for i in range(x.size):
        tmp = work[i]
        work[i] = tmp + 1e-4
        fxh1 = f(work)
        work[i] = tmp - 1e-4
        grad[i] = (fxh1 - f(work)) / (2 * 1e-4)
    return grad


def gradient_of_one_element_at_a_time(f, x):  # f(x[i] ± h): f gets one number, not the array
    return np.array([(f(x[i] + 1e-4) - f(x[i] - 1e-4)) / (2 * 1e-4) for i in range(x.size)])


@pytest.mark.parametrize(
    ("func", "pieces"),
    [
        (gradient_book_style(forward=True), ["gives [6.0001, 8.0001]", "the forward difference"]),
        (gradient_book_style(early_return=True), ["gives [6, 0]", "only the first slope", "inside the loop"]),
        (gradient_book_style(two=1), ["gives [12, 16]", "twice each slope"]),
        (gradient_book_style(h=1e-50), ["f was called at x itself only", "rounding trap"]),
        (gradient_book_style(h=0.5), ["as far as 0.5 from x"]),
        (gradient_book_style(f_of=function_2), ["in 5 variables", "never called the f it was given"]),
        (
            gradient_book_style(restore=False),
            ["changed the array it was given", "Afterwards x was [2.9999, 3.9999] instead of [3, 4]"],
        ),
        (
            gradient_adding_h_back,
            ["changed the array it was given", "off by rounding only", "saved value back"],
        ),
        (gradient_of_one_element_at_a_time, ["in 5 variables", "called f with an array of shape ()"]),
        (lambda f, x: (f(x + 1e-4) - f(x - 1e-4)) / (2 * 1e-4), ["returned one number, 14", "one slope per"]),
        (lambda f, x: f, ["returned a function"]),
        (gradient_with_copies, ["returned a list of numbers", "return a NumPy array"]),
        (
            lambda f, x: gradient_book_style()(f, x).astype(int),
            ["an integer array (int64)", "cut to a whole"],
        ),
        (
            lambda f, x: np.full(x.shape, (f(x + 1e-4) - f(x - 1e-4)) / 2e-4),
            ["moving all coordinates at once"],
        ),
        (gradient_left_moved, ["in 5 variables", "earlier coordinates still moved by −h (never put back)"]),
        (
            gradient_book_style(h=np.float32(1e-50)),
            ['warned "invalid value', "f was called at x itself only"],
        ),
        (lambda f, x: numerical_gradient(f, np.array([3.0, 4.0])), ["at x = [0.0, 2.0]", "for another x"]),
    ],
    ids=[
        "forward",
        "return in loop",
        "no 2",
        "h=1e-50",
        "h=0.5",
        "global f",
        "not restored",
        "h added back",
        "f of one number",
        "one number",
        "f itself",
        "a list",
        "integers",
        "all at once",
        "copy not put back",
        "float32 h = 0",
        "global x",
    ],
)
def test_numerical_gradient_slips_are_named(func, pieces, capsys):
    fails(checks.check_numerical_gradient, func, capsys, NG, *pieces)


# ---- notebook 06: one gradient-descent step ---------------------------------------------------------

GS = "one gradient-descent step"


def test_gradient_step_with_nbhelpers_gradient_passes(capsys):
    from nbhelpers.gradient import numerical_gradient as nbhelpers_numerical_gradient

    def step_with_nbhelpers(f, x, lr):
        return x - lr * nbhelpers_numerical_gradient(f, x)

    passes(checks.check_gradient_step, step_with_nbhelpers, capsys, GS)


def gradient_descent_100(f, x, lr):
    for _ in range(100):
        x = x - lr * numerical_gradient(f, x)
    return x


def step_in_place(f, x, lr):
    x -= lr * numerical_gradient(f, x)
    return x


@pytest.mark.parametrize(
    ("func", "pieces"),
    [
        (lambda f, x, lr: x + lr * numerical_gradient(f, x), ["gives [-3.6, 4.8]", "walks uphill"]),
        (lambda f, x, lr: x - numerical_gradient(f, x), ["gives [3, -4]", "without the learning rate"]),
        (lambda f, x, lr: numerical_gradient(f, x), ["gives [-6, 8]", "the gradient ∇f(x) itself"]),
        (lambda f, x, lr: lr * numerical_gradient(f, x), ["the step lr·∇f(x) alone"]),
        (lambda f, x, lr: x.copy(), ["that is x itself, unchanged"]),
        (lambda f, x, lr: x - 0.1 * numerical_gradient(f, x), ["lr = 0.037", "uses lr = 0.1, not the lr"]),
        (lambda f, x, lr: x - lr * 2 * x, ["in 4 variables", "the gradient of function_2"]),
        (
            step_in_place,
            ["changed the array it was given", "`x -= ...`", "x holds the new point [-2.4, 3.2]"],
        ),
        (
            lambda f, x, lr: x - lr * gradient_with_copies(f, x),
            ["raised TypeError", "the gradient must be a NumPy array"],
        ),
        (lambda f, x, lr: x - lr * gradient_adding_h_back(f, x), ["off by rounding only"]),
        (lambda f, x, lr: lr * numerical_gradient(f, x) - x, ["every sign flipped"]),
        (lambda f, x, lr: x - numerical_gradient(f, x) / lr, ["divides the gradient by lr"]),
        (lambda f, x, lr: list(x - lr * numerical_gradient(f, x)), ["returned a list of numbers"]),
        (
            lambda f, x, lr: gradient_descent_100(f, x, lr),
            ["gives [-6.11111e-10, 8.14814e-10]", "that is 100 steps"],
        ),
        (
            lambda f, x, lr: np.array([1.0, 2.0]) - lr * numerical_gradient(f, np.array([1.0, 2.0])),
            ["for another x", "does not use the x it is given"],
        ),
        (
            lambda f, x, lr: x - lr * gradient_book_style(h=np.float32(1e-50))(f, x),
            ['warned "invalid value', "f was called at x itself only"],
        ),
    ],
    ids=[
        "uphill",
        "no lr",
        "the gradient",
        "the step",
        "x itself",
        "global lr",
        "global f",
        "in place",
        "list gradient",
        "h added back",
        "signs flipped",
        "divides by lr",
        "a list",
        "100 steps",
        "global x",
        "float32 h = 0",
    ],
)
def test_gradient_step_slips_are_named(func, pieces, capsys):
    fails(checks.check_gradient_step, func, capsys, GS, *pieces)


# ---- notebook 07: one SGD update, in place ----------------------------------------------------------

SGD = "one SGD update"


def sgd_rebinding(params, grads, lr):
    for key in params:
        params[key] = params[key] - lr * grads[key]  # a new array in the dict: the layers keep the old one


def sgd_new_dict(params, grads, lr):
    return {key: params[key] - lr * grads[key] for key in params}


def sgd_book_four_keys(params, grads, lr):
    for key in ("W1", "b1", "W2", "b2"):
        params[key] -= lr * grads[key]


def sgd_weights_only(params, grads, lr):
    for key in params:
        if key.startswith("W"):
            params[key] -= lr * grads[key]


def sgd_return_in_loop(params, grads, lr):
    for key in params:
        params[key] -= lr * grads[key]
        return params


def sgd_by_position(params, grads, lr):
    for p, g in zip(params.values(), grads.values()):
        p -= lr * g


def sgd_name_rebound(params, grads, lr):
    for key, value in params.items():
        value = value - lr * grads[key]  # noqa: F841 (the learner's slip: a name bound to a new array)


def sgd_changes_grads(params, grads, lr):
    for key in params:
        grads[key] *= lr
        params[key] -= grads[key]


def test_sgd_update_other_correct_styles_pass(capsys):
    def with_slices(params, grads, lr):
        for key in grads:
            params[key][...] = params[key] - lr * grads[key]
        return params

    def with_out(params, grads, lr):
        for key, value in params.items():
            np.subtract(value, lr * grads[key], out=value)

    def with_nbhelpers(params, grads, lr):
        from nbhelpers import SGD as Sgd

        Sgd(lr).update(params, grads)

    for func in (with_slices, with_out, with_nbhelpers):
        passes(checks.check_sgd_update, func, capsys, SGD)


@pytest.mark.parametrize(
    ("func", "pieces"),
    [
        (
            sgd_rebinding,
            ["params['W1'] is another array than before (with the right values)", "in place (`-=`)"],
        ),
        (sgd_new_dict, ["returned a new dict and left params as it was", "in place"]),
        (sgd_book_four_keys, ["params['W3'] and params['b3'] were not updated", "written out by name"]),
        (
            sgd_weights_only,
            ["params['b1'] and params['b2'] were not updated", "the biases b are parameters too"],
        ),
        (sgd_return_in_loop, ["only params['W1'] was", "`return` inside the loop"]),
        (sgd_by_position, ["reverse order", "grads[key], not the one at the same position"]),
        (sgd_name_rebound, ["params came back unchanged", "only binds a name to a new array"]),
        (sgd_changes_grads, ["changed grads"]),
        (
            lambda params, grads, lr: sgd_update(params, {k: -g for k, g in grads.items()}, lr),
            ["walks uphill"],
        ),
        (lambda params, grads, lr: sgd_update(params, grads, 1.0), ["without the learning rate"]),
        (lambda params, grads, lr: sgd_update(params, grads, 1 / lr), ["divides the gradient by lr"]),
        (
            lambda params, grads, lr: sgd_update(params, grads, 0.1),
            ["lr = 0.037", "uses lr = 0.1, not the lr"],
        ),
        (lambda params, grads, lr: sgd_update(params, grads, 2 * lr), ["that is two steps"]),
        (
            lambda params, grads, lr: [params[k].__setitem__(..., -lr * grads[k]) for k in params],
            ["replaced each parameter", "`=` where `-=` belongs"],
        ),
        (lambda params, grads, lr: params, ["params came back unchanged"]),
    ],
    ids=[
        "rebinding",
        "new dict",
        "four keys by name",
        "weights only",
        "return in loop",
        "zip by position",
        "name rebound",
        "grads changed",
        "uphill",
        "no lr",
        "divides by lr",
        "global lr",
        "twice",
        "= for -=",
        "nothing",
    ],
)
def test_sgd_update_slips_are_named(func, pieces, capsys):
    fails(checks.check_sgd_update, func, capsys, SGD, *pieces)


def test_sgd_update_keeps_float32_and_the_same_arrays(capsys):
    seen = []

    def noting(params, grads, lr):
        seen.append({k: (id(v), v.dtype) for k, v in params.items()})
        sgd_update(params, grads, lr)

    passes(checks.check_sgd_update, noting, capsys, SGD)
    assert {dtype for case in seen for _, dtype in case.values()} == {
        np.dtype(np.float64),
        np.dtype(np.float32),
    }


def test_the_engine_can_hand_the_arguments_themselves():
    params = {"W": np.ones(2)}

    def update(p):
        p["W"] -= 1.0

    assert _call(update, params, what="update", in_place=True) is None
    assert params["W"].tolist() == [0.0, 0.0]
    with pytest.raises(ReturnedNone):
        _call(update, {"W": np.ones(2)}, what="update")


# ---- notebook 07: the accuracy bookkeeping of the epoch loop -----------------------------------------

EA = "accuracy bookkeeping"


def evaluation_steps_book(train_size, batch_size, steps):  # the book's float division
    iter_per_epoch = max(train_size / batch_size, 1)
    return [i for i in range(steps) if i % iter_per_epoch == 0]


def evaluation_steps_with(per_epoch, start=0, end=0):
    def my_evaluation_steps(train_size, batch_size, steps):
        return list(
            range(start * per_epoch(train_size, batch_size), steps + end, per_epoch(train_size, batch_size))
        )

    return my_evaluation_steps


def test_epoch_accuracy_other_correct_styles_pass(capsys):
    def with_range(train_size, batch_size, steps):
        return range(0, steps, max(train_size // batch_size, 1))

    def with_numpy(train_size, batch_size, steps):
        return np.arange(0, steps, max(train_size // batch_size, 1))

    def with_a_loop(train_size, batch_size, steps):
        iter_per_epoch = max(int(train_size / batch_size), 1)
        out = []
        for i in range(steps):
            if i % iter_per_epoch == 0:
                out.append(float(i))
        return tuple(out)

    for func in (with_range, with_numpy, with_a_loop):
        passes(checks.check_epoch_accuracy, func, capsys, EA)


@pytest.mark.parametrize(
    ("func", "pieces"),
    [
        (
            evaluation_steps_book,
            ["200 / 30 = 6.67", "gives [0]", "max(train_size / batch_size, 1)", "// batch_size = 6"],
        ),
        (evaluation_steps_with(lambda n, b: n // b), ["batch larger than the training set", "max(..., 1)"]),
        (evaluation_steps_with(lambda n, b: max(-(-n // b), 1)), ["7 steps per epoch, 6.667 rounded up"]),
        (
            evaluation_steps_with(lambda n, b: max(b // n, 1)),
            ["every step: it divides batch_size by train_size"],
        ),
        (
            evaluation_steps_with(lambda n, b: max(n // b, 1), start=1, end=1),
            ["at i = 0, is missing", "counting the steps from 1"],
        ),
        (
            evaluation_steps_with(lambda n, b: max(n // b, 1), start=1),
            ["the first evaluation, at i = 0, is missing"],
        ),
        (evaluation_steps_with(lambda n, b: max(n // b, 1), end=1), ["250", "includes step 24"]),
        (lambda n, b, steps: list(range(len(evaluation_steps(n, b, steps)))), ["epoch numbers"]),
        (lambda n, b, steps: list(range(steps)), ["that is every step", "every 600 steps"]),
        (lambda n, b, steps: [i % max(n // b, 1) == 0 for i in range(steps)], ["True/False values"]),
        (lambda n, b, steps: len(evaluation_steps(n, b, steps)), ["returned one number, 17"]),
        (lambda n, b, steps: list(np.arange(0, steps, n / b)), ["6.66667", "no whole step number"]),
        (lambda n, b, steps: (i for i in evaluation_steps(n, b, steps)), ["a generator"]),
        (lambda n, b, steps: evaluation_steps(n, b, steps)[:-1], ["missing [9600]"]),
        (
            lambda n, b, steps: evaluation_steps(n, b, 1000),
            ["steps = 10000", "got 2: [ 0, 600]", "missing [1200"],
        ),
    ],
    ids=[
        "book float",
        "no max",
        "ceil",
        "swapped",
        "1-based",
        "no step 0",
        "inclusive",
        "epochs",
        "every step",
        "mask",
        "count",
        "float arange",
        "generator",
        "last one missing",
        "global steps",
    ],
)
def test_epoch_accuracy_slips_are_named(func, pieces, capsys):
    fails(checks.check_epoch_accuracy, func, capsys, EA, *pieces)


def test_the_book_loop_bug_is_real():
    # the book's iter_per_epoch = max(train_size / batch_size, 1): right for 60000 / 100, wrong for 200 / 30
    assert evaluation_steps_book(60000, 100, 10000) == evaluation_steps(60000, 100, 10000)
    assert evaluation_steps_book(200, 30, 40) == [0]


def test_the_exercise_counts_like_nbhelpers_train_shifted_by_one_step():
    # nbhelpers.train records after every `every` steps done (1, 2, ...); the book's loop at i = 0, every, ...
    from nbhelpers import TwoLayerNet, datasets, training

    x, t = datasets.blobs(n=50, seed=0)
    history = training.train(
        TwoLayerNet(2, 2, 2, rng=0), x, t, lr=0.1, batch_size=20, steps=7, seed=0, progress=False
    )
    assert history.eval_steps == [2, 4, 6]
    assert evaluation_steps(50, 20, 7) == [0, 2, 4, 6]


# ---- notebook 07: settings that train a network (a check of a dict) ----------------------------------

LC = checks.REGISTRY["check_learns_circles"].title


def test_the_settings_check_takes_a_dict(capsys):
    assert sorted(TAKES_A_VALUE) == ["check_circle_features", "check_learns_circles"]
    passes(checks.check_learns_circles, SETTINGS, capsys, LC)
    _, out = run(checks.check_learns_circles, {key: ... for key in SETTINGS}, capsys)
    assert (
        out
        == f"… {LC}: not done yet. Replace each `...` in your settings by a number of your choice, then run the cell again.\n"
    )
    out = fails(checks.check_learns_circles, lambda: SETTINGS, capsys, LC, "pass your settings dict itself")
    assert out.rstrip().endswith("not a function.")


@pytest.mark.parametrize(
    ("settings", "pieces"),
    [
        (
            {**SETTINGS, "hidden_size": 2},
            ["with 2 hidden units", "cannot draw a boundary that closes", "at least 3"],
        ),
        ({**SETTINGS, "hidden_size": 1}, ["with 1 hidden unit,", "use more hidden units"]),
        (
            {**SETTINGS, "lr": 0.1},
            ["lr = 0.1", "sits at log 2 = 0.693", "ten times larger and ten times smaller"],
        ),
        ({**SETTINGS, "lr": 30.0}, ["lr = 30", "higher at the end than before training", "a smaller lr"]),
        ({**SETTINGS, "steps": 20}, ["20 steps are too few"]),
        (
            {**SETTINGS, "hidden_size": 50, "steps": 1000},
            ["252 parameters", "504,000 loss evaluations", "at most 120,000", "about 40 s"],
        ),
        ({**SETTINGS, "batch_size": 500}, ["more than the 200 training points"]),
        (
            {"hidden_size": 5, "learning_rate": 3.0, "batch_size": 30, "steps": 500},
            ["'learning_rate'", "is it 'lr'?"],
        ),
        ({"hidden_size": 5, "lr": 3.0, "batch_size": 30}, ["the dict has no 'steps'"]),
        ({**SETTINGS, "hidden_size": 5.0}, ["hidden_size is 5.0 (float)", "a whole number, 5"]),
        ({**SETTINGS, "lr": "3"}, ["lr is '3' (str)", "without quotes"]),
        ({**SETTINGS, "lr": -1.0}, ["lr is -1.0", "> 0"]),
        ({**SETTINGS, "lr": float("nan")}, ["lr is nan"]),
        ({**SETTINGS, "steps": 0}, ["steps is 0", "at least 1"]),
        ({**SETTINGS, "batch_size": True}, ["batch_size is True (bool)"]),
        ([5, 3.0, 30, 500], ["pass a dict of settings", "not a list"]),
    ],
    ids=[
        "2 hidden",
        "1 hidden",
        "lr small",
        "lr large",
        "few steps",
        "too long",
        "batch too large",
        "misnamed key",
        "missing key",
        "float size",
        "text lr",
        "negative lr",
        "nan lr",
        "no steps",
        "bool batch",
        "a list",
    ],
)
def test_settings_that_do_not_reach_the_goal_are_told_why(settings, pieces, capsys):
    fails(checks.check_learns_circles, settings, capsys, LC, *pieces)


def test_settings_too_long_are_refused_before_training(capsys, monkeypatch):
    from nbhelpers.checks import _settings

    monkeypatch.setattr(_settings, "train", None)  # training would raise: it must not start
    fails(checks.check_learns_circles, {**SETTINGS, "steps": 100_000}, capsys, LC, "about ")


def test_the_settings_check_never_raises_on_odd_values(capsys):
    for odd in (
        *ODD_RESULTS.values(),
        {**SETTINGS, "lr": 1e308},
        {**SETTINGS, "lr": 10**400},
        {**SETTINGS, "steps": np.int64(3)},
    ):
        result, out = run(checks.check_learns_circles, odd, capsys)
        assert result is False, out


# ---- notebook 08: the backward passes of MulLayer, Relu and Affine; the softmax-with-loss gradient -------


def layer_with(base, **methods):
    """The learner's class ``base`` with some methods written otherwise (named as the notebook names it)."""
    return type(base.__name__, (base,), methods)


def mul_backward_skeleton(self, dout):
    dx = ...  # the exercise as handed out
    dy = ...
    return dx, dy


def relu_forward_skeleton(self, x): ...


def relu_backward_skeleton(self, dout): ...


def relu_forward_in_place(self, x):
    self.mask = x <= 0
    out = x  # the same array, not a copy
    out[self.mask] = 0
    return out


def relu_forward_lt(self, x):  # the mask x < 0: at x == 0, dout passes
    self.mask = x < 0
    return np.maximum(x, 0)


def relu_loop_2d(self, x):
    self.mask = x <= 0
    out = x.copy()
    for i in range(x.shape[0]):
        for j in range(x.shape[1]):
            out[i, j] = max(x[i, j], 0)
    return out


def affine_backward(dx=None, dW=None, db=None):  # noqa: N803
    """Affine.backward with dx, dW or db computed otherwise (a function of the layer and dout)."""

    def backward(self, dout):
        self.dW = np.dot(self.x.T, dout) if dW is None else dW(self, dout)
        self.db = np.sum(dout, axis=0) if db is None else db(self, dout)
        return np.dot(dout, self.W.T) if dx is None else dx(self, dout)

    return backward


def affine_backward_skeleton(self, dout):
    dx = ...
    self.dW = ...
    self.db = ...
    return dx


def affine_backward_without_gradients(self, dout):
    return np.dot(dout, self.W.T)


def affine_backward_lower_case(self, dout):
    self.dw = np.dot(self.x.T, dout)
    self.db = np.sum(dout, axis=0)
    return np.dot(dout, self.W.T)


def affine_backward_updating(self, dout):  # the optimizer's step inside backward
    self.dW = np.dot(self.x.T, dout)
    self.db = np.sum(dout, axis=0)
    self.W -= 0.1 * self.dW
    return np.dot(dout, self.W.T)


def grad_exact(x, t):  # the exact derivative of the book's loss with its delta
    import nbhelpers

    layer = nbhelpers.SoftmaxWithLoss()
    layer.forward(x, t)
    return layer.backward()


def grad_eye_no_shift(x, t):  # softmax without the max shift, one-hot rows from np.eye (float64 for float32)
    y = np.exp(x) / np.sum(np.exp(x), axis=1, keepdims=True)
    return (y - np.eye(x.shape[1])[t]) / x.shape[0]


def grad(y_minus_t):
    """A softmax-with-loss gradient built from y = softmax(x), the one-hot rows of t, x, t and N."""

    def softmax_with_loss_grad(x, t):
        y = softmax(x.astype(float))
        return y_minus_t(y, np.eye(x.shape[1])[t], x, t, x.shape[0])

    return softmax_with_loss_grad


def grad_columns(x, t):
    y = softmax(x)
    y[:, t] -= 1
    return y / x.shape[0]


def grad_max_per_row_as_a_row(x, t):
    y = np.exp(x - np.max(x, axis=1))  # (N, K) - (N,): fails unless N is 1 or K
    y = y / np.sum(y, axis=1, keepdims=True)
    y[np.arange(len(t)), t] -= 1
    return y / len(t)


def grad_one_hot_formula(x, t):  # right for one-hot rows t; here t holds labels
    return (softmax(x) - t) / x.shape[0]


def grad_skeleton(x, t): ...


def grad_ellipsis(x, t):
    dx = ...
    return dx


def grad_labels_as_one_hot(x, t):
    return (softmax(x) - t) / x.shape[0]


def grad_moves_x(x, t):
    x -= np.max(x, axis=1, keepdims=True)  # in place: the caller's scores change
    return grad_eye_no_shift(x, t)


M, R, A, G = "MulLayer", "Relu", "Affine", "softmax with loss: gradient"
LAYER_CASES = {  # id -> (check, the learner's class or function, its verdict: True, None (not done) or pieces)
    "mul swapped": (
        checks.check_mul_layer,
        layer_with(MulLayer, backward=lambda self, dout: (dout * self.x, dout * self.y)),
        ["backward(1.1): backward gives dx = 110, dy = 2.2: dx and dy are swapped"],
    ),
    "mul dout alone": (
        checks.check_mul_layer,
        layer_with(MulLayer, backward=lambda self, dout: (dout, dout)),
        ["dx: gives 1.1: that is dout alone"],
    ),
    "mul the forward result": (
        checks.check_mul_layer,
        layer_with(MulLayer, backward=lambda self, dout: (self.x * self.y, self.x * self.y)),
        ["dx: gives 200: that is x·y, the forward result"],
    ),
    "mul without dout": (
        checks.check_mul_layer,
        layer_with(MulLayer, backward=lambda self, dout: (self.y, self.x)),
        ["dx: gives 2: that is the local derivative alone"],
    ),
    "mul dy with its own input": (
        checks.check_mul_layer,
        layer_with(MulLayer, backward=lambda self, dout: (dout * self.y, dout * self.y)),
        ["dy: gives 2.2: dy uses its own input"],
    ),
    "mul one value": (
        checks.check_mul_layer,
        layer_with(MulLayer, backward=lambda self, dout: dout * self.y),
        ["backward returned 1 value, 2.2; it returns two, dx and dy"],
    ),
    "mul upcasts float32": (  # the dtype is not part of this exercise: more digits are no mistake
        checks.check_mul_layer,
        layer_with(MulLayer, backward=lambda self, dout: MulLayer.backward(self, np.float64(dout))),
        True,
    ),
    "mul divides": (
        checks.check_mul_layer,
        layer_with(MulLayer, backward=lambda self, dout: (dout / self.y, dout / self.x)),
        ["dx: gives 0.55: that divides dout by the other input"],
    ),
    "mul as an array of two": (
        checks.check_mul_layer,
        layer_with(MulLayer, backward=lambda self, dout: np.array(MulLayer.backward(self, dout))),
        True,
    ),
    "mul skeleton": (checks.check_mul_layer, layer_with(MulLayer, backward=mul_backward_skeleton), None),
    "relu the book's backward": (
        checks.check_relu,
        layer_with(Relu, backward=BookRelu.backward),  # the book's own backward, in place
        [
            "backward changed the dout it was given",
            "That is the book's own code",
            "Put the zeros into a new array",
        ],
    ),
    "relu forward in place": (
        checks.check_relu,
        layer_with(Relu, forward=relu_forward_in_place),
        ["forward changed the x it was given: `out = x` names the same array"],
    ),
    "relu mask from dout": (
        checks.check_relu,
        layer_with(Relu, backward=lambda self, dout: np.where(dout <= 0, 0.0, dout)),
        ["backward(dout): gives [[0, 0.8], [1.2, 2.5]]: that blocks dout where dout is ≤ 0"],
    ),
    "relu dout unchanged": (
        checks.check_relu,
        layer_with(Relu, backward=lambda self, dout: dout.copy()),
        ["that is dout unchanged"],
    ),
    "relu mask reversed": (
        checks.check_relu,
        layer_with(Relu, backward=lambda self, dout: np.where(self.mask, dout, 0.0)),
        ["the mask is reversed"],
    ),
    "relu mask x < 0": (checks.check_relu, layer_with(Relu, forward=relu_forward_lt), True),
    "relu np.max": (
        checks.check_relu,
        layer_with(Relu, forward=lambda self, x: np.max(x, 0)),
        ["forward(x) gives [1, 3], shape (2,): np.max(x, 0) is the largest value along axis 0"],
    ),
    "relu mask not kept": (
        checks.check_relu,
        layer_with(Relu, forward=lambda self, x: np.maximum(x, 0)),
        [
            "backward(dout): gives [[0, 0], [0, 0]]: that is 0 everywhere",
            "Does forward keep the mask in self.mask?",
        ],
    ),
    "relu upcasts float32": (
        checks.check_relu,
        layer_with(Relu, backward=lambda self, dout: dout * np.array(~self.mask, dtype=float)),
        ["random float32 x and dout of shape (4, 5): backward(dout): float32 input gave a float64 result"],
    ),
    "relu for 2 axes only": (
        checks.check_relu,
        layer_with(Relu, forward=relu_loop_2d),
        [
            "shape (7,), some x exactly 0: forward(x): your function raised IndexError",
            "on arrays of any shape",
        ],
    ),
    "relu skeleton": (
        checks.check_relu,
        layer_with(Relu, forward=relu_forward_skeleton, backward=relu_backward_skeleton),
        None,
    ),
    "relu backward not done": (checks.check_relu, layer_with(Relu, backward=relu_backward_skeleton), None),
    "affine missing transpose (np.dot)": (
        checks.check_affine,
        layer_with(Affine, backward=affine_backward(dx=lambda self, dout: np.dot(dout, self.W))),
        [
            "raised ValueError",
            "dout (4, 3) times self.W (2, 3) does not fit",
            "dx must come out (4, 2) like x",
        ],
    ),
    "affine missing transpose (@)": (
        checks.check_affine,
        layer_with(Affine, backward=affine_backward(dx=lambda self, dout: dout @ self.W)),
        ["raised ValueError: matmul", "A product A @ B needs as many columns in A as rows in B"],
    ),
    "affine dx = W.T dout": (
        checks.check_affine,
        layer_with(Affine, backward=affine_backward(dx=lambda self, dout: np.dot(self.W.T, dout))),
        ["self.W.T (3, 2) times dout (4, 3) does not fit"],
    ),
    "affine dW transposed": (
        checks.check_affine,
        layer_with(Affine, backward=affine_backward(dW=lambda self, dout: np.dot(dout.T, self.x))),
        ["self.dW: the result has shape (3, 2), expected (2, 3): dW is turned around"],
    ),
    "affine db not summed": (
        checks.check_affine,
        layer_with(Affine, backward=affine_backward(db=lambda self, dout: dout)),
        ["self.db: the result has shape (4, 3), expected (3,)", "add up dout over the batch (axis 0)"],
    ),
    "affine db over axis 1": (
        checks.check_affine,
        layer_with(Affine, backward=affine_backward(db=lambda self, dout: np.sum(dout, axis=1))),
        ["one number per example: summed over axis 1"],
    ),
    "affine db keepdims": (
        checks.check_affine,
        layer_with(Affine, backward=affine_backward(db=lambda self, dout: dout.sum(axis=0, keepdims=True))),
        ["self.db: the result has shape (1, 3), expected (3,)", "without keepdims"],
    ),
    "affine dW and db swapped": (
        checks.check_affine,
        layer_with(
            Affine,
            backward=affine_backward(
                dW=lambda self, dout: np.sum(dout, axis=0), db=lambda self, dout: np.dot(self.x.T, dout)
            ),
        ),
        ["self.dW: the result has shape (3,), expected (2, 3): that has b's shape: are dW and db swapped?"],
    ),
    "affine divided by N": (
        checks.check_affine,
        layer_with(
            Affine, backward=affine_backward(dx=lambda self, dout: np.dot(dout, self.W.T) / len(dout))
        ),
        ["backward(dout): gives", "dx is divided by N = 4"],
    ),
    "affine dW of the last example": (
        checks.check_affine,
        layer_with(Affine, backward=affine_backward(dW=lambda self, dout: np.outer(self.x[-1], dout[-1]))),
        ["self.dW: gives", "that is the last example's part only"],
    ),
    "affine db the mean": (
        checks.check_affine,
        layer_with(Affine, backward=affine_backward(db=lambda self, dout: np.mean(dout, axis=0))),
        ["self.db: gives", "db is divided by N = 4"],
    ),
    "affine float64 for float32": (
        checks.check_affine,
        layer_with(Affine, backward=affine_backward(db=lambda self, dout: np.sum(dout, axis=0, dtype=float))),
        True,
    ),
    "affine float32 for float64": (
        checks.check_affine,
        layer_with(
            Affine, backward=affine_backward(db=lambda self, dout: np.sum(dout, axis=0, dtype=np.float32))
        ),
        ["a batch of 4: self.db: float64 input gave a float32 result"],
    ),
    "affine no gradients": (
        checks.check_affine,
        layer_with(Affine, backward=affine_backward_without_gradients),
        ["self.dW is None after backward"],
    ),
    "affine dw": (
        checks.check_affine,
        layer_with(Affine, backward=affine_backward_lower_case),
        ["(it set self.dw: the name is dW)"],
    ),
    "affine updates W": (
        checks.check_affine,
        layer_with(Affine, backward=affine_backward_updating),
        ["backward changed self.W: it only computes the gradients"],
    ),
    "affine skeleton": (checks.check_affine, layer_with(Affine, backward=affine_backward_skeleton), None),
    "affine of nbhelpers": (checks.check_affine, None, True),  # the reference, flattening N-D inputs too
    "grad exact with delta": (checks.check_softmax_with_loss_grad, grad_exact, True),
    "grad np.eye, no max shift": (checks.check_softmax_with_loss_grad, grad_eye_no_shift, True),
    "grad without 1/N": (
        checks.check_softmax_with_loss_grad,
        grad(lambda y, T, x, t, n: y - T),
        ["random scores, a batch of 3 with 4 classes: gives", "that is y − t without dividing by N = 3"],
    ),
    "grad without softmax": (
        checks.check_softmax_with_loss_grad,
        grad(lambda y, T, x, t, n: (x - T) / n),
        ["softmax is missing"],
    ),
    "grad sign": (
        checks.check_softmax_with_loss_grad,
        grad(lambda y, T, x, t, n: (T - y) / n),
        ["sign is reversed"],
    ),
    "grad labels as one-hot": (
        checks.check_softmax_with_loss_grad,
        grad_labels_as_one_hot,
        ["(a batch of 1): gives", "t holds labels (here [2]), not one-hot rows"],
    ),
    "grad labels as one-hot, a batch": (
        checks.check_softmax_with_loss_grad,
        grad(lambda y, T, x, t, n: (y - t[:, None]) / n),
        ["(a batch of 1): gives", "t holds labels (here [2]), not one-hot rows"],
    ),
    "grad divided by K": (
        checks.check_softmax_with_loss_grad,
        grad(lambda y, T, x, t, n: (y - T) / T.shape[1]),
        ["divides by the number of classes K = 3"],
    ),
    "grad largest class": (
        checks.check_softmax_with_loss_grad,
        grad(lambda y, T, x, t, n: (y - np.eye(y.shape[1])[np.argmax(y, axis=1)]) / n),
        ["subtracts 1 at each row's largest probability"],
    ),
    "grad the loss": (
        checks.check_softmax_with_loss_grad,
        grad(lambda y, T, x, t, n: -np.mean(np.log(np.sum(y * T, axis=1)))),
        ["returned one number", "(the loss?)"],
    ),
    "grad columns of all labels": (
        checks.check_softmax_with_loss_grad,
        grad_columns,
        ["y[:, t] takes the columns"],
    ),
    "grad changes x": (checks.check_softmax_with_loss_grad, grad_moves_x, ["changed the array it was given"]),
    "grad max without keepdims": (
        checks.check_softmax_with_loss_grad,
        grad_max_per_row_as_a_row,
        [
            "a batch of 3 with 4 classes: your function raised ValueError",
            "a row's max or sum without keepdims?",
        ],
    ),
    "grad one softmax for the batch": (
        checks.check_softmax_with_loss_grad,
        grad(lambda y, T, x, t, n: (np.exp(x) / np.exp(x).sum() - T) / n),
        ["one softmax over the whole batch"],
    ),
    "grad sigmoid": (
        checks.check_softmax_with_loss_grad,
        grad(lambda y, T, x, t, n: (sigmoid(x) - T) / n),
        ["(a batch of 1): gives", "that uses the sigmoid of each score"],
    ),
    "grad skeleton": (checks.check_softmax_with_loss_grad, grad_skeleton, None),
    "grad ellipsis": (checks.check_softmax_with_loss_grad, grad_ellipsis, None),
}


@pytest.mark.parametrize("case", LAYER_CASES)
def test_notebook_08_submissions(case, capsys):
    import nbhelpers

    check, func, verdict = LAYER_CASES[case]
    func = nbhelpers.Affine if func is None else func
    title = checks.REGISTRY[check.__name__].title
    if verdict is True:
        passes(check, func, capsys, title)
    elif verdict is None:
        result, out = run(check, func, capsys)
        assert result is False and out.startswith(f"… {title}: not done yet. Fill in `"), out
    else:
        fails(check, func, capsys, title, *verdict)


def test_the_backward_pass_of_a_layer_not_done_is_named(capsys):
    _, out = run(checks.check_affine, layer_with(Affine, backward=affine_backward_skeleton), capsys)
    assert (
        out
        == "… Affine: not done yet. Fill in `backward`, which `Affine` uses, above, then run the cell again.\n"
    )
    _, out = run(checks.check_relu, layer_with(Relu, forward=relu_forward_skeleton), capsys)
    assert "Fill in `forward`, which `Relu` uses" in out


def test_a_backward_that_forgets_return_is_not_taken_for_the_skeleton(capsys):
    def backward(self, dout):
        dx = dout.copy()
        dx[self.mask] = 0

    fails(checks.check_relu, layer_with(Relu, backward=backward), capsys, R, "your backward returned None")


def test_a_method_defined_outside_its_class_is_named(capsys):
    class Relu:  # backward at the wrong indentation: not a method
        def forward(self, x):
            return np.maximum(x, 0)

    fails(
        checks.check_relu,
        Relu,
        capsys,
        R,
        "your class Relu has no backward method: define it inside the class",
    )


def test_a_broadcast_error_of_labels_is_told_from_one_of_a_row_without_keepdims():
    # (N, K) meeting (N,): the check calls the function once more with one-hot rows t to tell which it is
    from nbhelpers.checks._layers import _one_per_row

    x, t = np.array([[0.3, 2.9, 4.0], [1.0, 0.0, -1.0]]), np.array([2, 0])
    assert _one_per_row(grad_one_hot_formula, x, t).startswith(
        "t holds labels, one number per row (shape (2,))"
    )
    assert "a row's max or sum without keepdims?" in _one_per_row(grad_max_per_row_as_a_row, x, t)


# ---- notebook 09: Momentum and Adam (classes), He's initial weights ----------------------------------------

MOM, ADAM, HE = "Momentum", "Adam", "He initialisation"


def optimizer_with(base, **methods):
    """A learner's optimizer: ``base`` (the book's class) with some methods replaced."""
    return type(base.__name__, (base,), methods)


class MomentumLazy:  # v made per key at its first update, `v = momentum·v + lr·g` with `params -= v`
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum, self.v = lr, momentum, {}

    def update(self, params, grads):
        for key, g in grads.items():
            v = self.v.get(key, 0.0)
            self.v[key] = self.momentum * v + self.lr * g
            params[key] -= self.v[key]


class MomentumNamedOtherwise:  # __init__'s parameters named otherwise: a training loop passes lr= by name
    def __init__(self, learning_rate=0.01, alpha=0.9):
        self.lr, self.alpha, self.velocity = learning_rate, alpha, None

    def update(self, params, grads):
        if self.velocity is None:
            self.velocity = {key: np.zeros(p.shape) for key, p in params.items()}  # float64 state
        self.velocity = {key: self.alpha * self.velocity[key] - self.lr * grads[key] for key in params}
        for key in params:
            params[key][...] = params[key] + self.velocity[key]


def momentum_update(v_rule, p_rule=None, reset=False):
    """The book's update with the velocity ``v_rule(self, v, g)`` and the step ``p_rule(self, p, v, g)`` (a new
    value of p; None: p + v, in place)."""

    def update(self, params, grads):
        if self.v is None or reset:
            self.v = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params:
            self.v[key] = v_rule(self, self.v[key], grads[key])
            if p_rule is None:
                params[key] += self.v[key]
            else:
                params[key][...] = p_rule(self, params[key], self.v[key], grads[key])

    return update


def momentum_rebinding(self, params, grads):
    if self.v is None:
        self.v = {key: np.zeros_like(val) for key, val in params.items()}
    for key in params:
        self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
        params[key] = params[key] + self.v[key]  # right values, in new arrays


def momentum_shared_v(self, params, grads):
    if self.v is None:
        self.v = 0
    for key in params:
        self.v = self.momentum * self.v - self.lr * grads[key]  # one v for all the parameters
        params[key] += self.v


def momentum_changes_grads(self, params, grads):
    if self.v is None:
        self.v = {key: np.zeros_like(val) for key, val in params.items()}
    for key in params:
        grads[key] *= self.lr
        self.v[key] = self.momentum * self.v[key] - grads[key]
        params[key] += self.v[key]


def momentum_returns_new(self, params, grads):
    if self.v is None:
        self.v = {key: np.zeros_like(val) for key, val in params.items()}
    new = {}
    for key in params:
        self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
        new[key] = params[key] + self.v[key]
    return new


def momentum_weights_only(self, params, grads):
    if self.v is None:
        self.v = {key: np.zeros_like(val) for key, val in params.items()}
    for key in params:
        if key.startswith("W"):
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.v[key]


def momentum_no_v_yet(self, params, grads):
    for key in params:
        self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]  # self.v is still None
        params[key] += self.v[key]


def update_skeleton(self, params, grads):
    raise NotImplementedError


def test_momentum_other_correct_styles_pass(capsys):
    out = passes(checks.check_momentum, MomentumLazy, capsys, MOM)
    assert "note" not in out
    dict_comprehension = optimizer_with(
        BookMomentum, update=momentum_update(lambda self, v, g: self.momentum * v - self.lr * g)
    )
    passes(checks.check_momentum, dict_comprehension, capsys, MOM)


def test_momentum_rebinding_fails_like_notebook_07s_sgd_update(capsys):
    # Right values in new arrays: the exercise asks for an update in place (check_sgd_update fails it too).
    fails(
        checks.check_momentum,
        optimizer_with(BookMomentum, update=momentum_rebinding),
        capsys,
        MOM,
        "your update puts new arrays into params",
        "in place",
    )


def momentum_v(v_rule, p_rule=None, **flags):
    return optimizer_with(BookMomentum, update=momentum_update(v_rule, p_rule, **flags))


MOMENTUM_SLIPS = {
    "uphill": (
        momentum_v(lambda self, v, g: self.momentum * v + self.lr * g),
        ["params['W1'] in update 1: gives", "the step goes uphill"],
    ),
    "plain SGD": (
        momentum_v(lambda self, v, g: self.momentum * v - self.lr * g, reset=True),
        ["in update 2", "that is plain SGD", "not kept from one update to the next"],
    ),
    "v after params": (
        momentum_v(
            lambda self, v, g: self.momentum * v - self.lr * g,
            lambda self, p, v, g: p + (v + self.lr * g) / self.momentum,
        ),
        ["params moved by the velocity of the update before", "update v first"],
    ),
    "lr twice": (
        momentum_v(lambda self, v, g: self.momentum * v - self.lr * g, lambda self, p, v, g: p + self.lr * v),
        ["lr is applied twice"],
    ),
    "no lr": (momentum_v(lambda self, v, g: self.momentum * v - g), ["lr is missing"]),
    "swapped": (
        momentum_v(lambda self, v, g: self.lr * v - self.momentum * g),
        ["lr and momentum are swapped"],
    ),
    "an average": (
        momentum_v(lambda self, v, g: self.momentum * v - (1 - self.momentum) * self.lr * g),
        ["is an average (like Adam's m)"],
    ),
    "hard-coded": (
        momentum_v(lambda self, v, g: 0.9 * v - 0.01 * g),
        ["that uses lr = 0.01 and momentum = 0.9, not the settings given to __init__"],
    ),
    "hard-coded momentum": (
        momentum_v(lambda self, v, g: 0.9 * v - self.lr * g),
        ["in update 2", "that uses momentum = 0.9, not the settings"],
    ),
    "shared v": (
        optimizer_with(BookMomentum, update=momentum_shared_v),
        ["update 1: your function raised ValueError", "is v one array shared by all parameters?"],
    ),
    "grads changed": (
        optimizer_with(BookMomentum, update=momentum_changes_grads),
        ["your update changed grads"],
    ),
    "new params returned": (
        optimizer_with(BookMomentum, update=momentum_returns_new),
        ["update returned a new dict and left params as they were: update params in place"],
    ),
    "weights only": (
        optimizer_with(BookMomentum, update=momentum_weights_only),
        ["params['b1'] never changed in 4 updates", "the biases b are parameters too"],
    ),
    "v still None": (
        optimizer_with(BookMomentum, update=momentum_no_v_yet),
        ["raised TypeError", "v is still None", "your line: `self.v[key] = self.momentum * self.v[key]"],
    ),
}


MOMENTUM_SLIPS["settings named otherwise"] = (
    MomentumNamedOtherwise,
    ["unexpected keyword argument 'lr'", "the book's Trainer makes its optimizer with **optimizer_param"],
)


@pytest.mark.parametrize("case", MOMENTUM_SLIPS)
def test_momentum_slips_are_named(case, capsys):
    cls, pieces = MOMENTUM_SLIPS[case]
    fails(checks.check_momentum, cls, capsys, MOM, *pieces)


def test_momentum_is_made_with_other_settings_than_the_defaults_and_by_name(capsys):
    made = []

    class Noting(BookMomentum):
        def __init__(self, *args, **kwargs):
            made.append((args, kwargs))
            super().__init__(*args, **kwargs)

    passes(checks.check_momentum, Noting, capsys, MOM)
    assert made == [((), {"lr": 0.05, "momentum": 0.7}), ((), {}), ((), {"lr": 0.1, "momentum": 0.5})]


def test_an_optimizer_not_done_or_without_update_is_named(capsys):
    _, out = run(checks.check_momentum, optimizer_with(BookMomentum, update=update_skeleton), capsys)
    assert (
        out
        == "… Momentum: not done yet. Fill in `update`, which `Momentum` uses, above, then run the cell again.\n"
    )

    def update_name_rebound(self, params, grads):
        for key, value in params.items():
            value = value - self.lr * grads[key]  # noqa: F841 (the learner's slip: a name bound to a new array)

    _, out = run(checks.check_adam, optimizer_with(BookAdam, update=update_name_rebound), capsys)
    assert out.startswith(
        "✗ Adam: Adam(lr=0.02, beta1=0.8, beta2=0.99), W1, b1, W2, b2: params came back unchanged"
    )

    class NoUpdate:
        def __init__(self, lr=0.01, momentum=0.9):
            self.lr = lr

    fails(checks.check_momentum, NoUpdate, capsys, MOM, "your class NoUpdate has no update method")

    class NoSettings(BookMomentum):
        def __init__(self):
            super().__init__()

    fails(
        checks.check_momentum,
        NoSettings,
        capsys,
        MOM,
        "unexpected keyword argument 'lr'",
        "the settings go in by name, lr=0.05, momentum=0.7",
    )


def test_state_kept_in_the_class_body_is_named(capsys):
    class Shared:
        v = {}  # one dict for every optimizer made from the class

        def __init__(self, lr=0.01, momentum=0.9):
            self.lr, self.momentum = lr, momentum

        def update(self, params, grads):
            for key in params:
                self.v[key] = self.momentum * self.v.get(key, 0.0) - self.lr * grads[key]
                params[key] += self.v[key]

    fails(checks.check_momentum, Shared, capsys, MOM, "self.v is defined in the class body, not in __init__")


# Adam: the exercise's form (the paper's, with m̂ and v̂), written out per key; `eps` and where it sits vary.


def adam_class(step=None, t_per_key=False, eps=1e-7, moments=None):
    """An Adam in the paper's form: t += 1 (per update, or per key), m and v per key made lazily, then
    ``params[key] -= step(self, m_hat, v_hat, m, v, t, eps)`` (default lr·m̂/(√v̂ + ε))."""

    class MyAdam:
        def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
            self.lr, self.beta1, self.beta2 = lr, beta1, beta2
            self.t, self.m, self.v = 0, {}, {}

        def update(self, params, grads):
            if not t_per_key:
                self.t += 1
            for key, g in grads.items():
                if t_per_key:
                    self.t += 1
                m, v = self.m.get(key, np.zeros_like(g)), self.v.get(key, np.zeros_like(g))
                m, v = (
                    (self.beta1 * m + (1 - self.beta1) * g, self.beta2 * v + (1 - self.beta2) * g**2)
                    if moments is None
                    else moments(self, m, v, g)
                )
                self.m[key], self.v[key] = m, v
                m_hat, v_hat = m / (1 - self.beta1**self.t), v / (1 - self.beta2**self.t)
                if step is None:
                    params[key] -= self.lr * m_hat / (np.sqrt(v_hat) + eps)
                else:
                    params[key] -= step(self, m_hat, v_hat, m, v, self.t, eps)

    return MyAdam


def book_step(self, m_hat, v_hat, m, v, t, eps):  # lr_t = lr·√(1 − β2^t)/(1 − β1^t), then lr_t·m/(√v + ε)
    return self.lr * np.sqrt(1 - self.beta2**t) / (1 - self.beta1**t) * m / (np.sqrt(v) + eps)


ADAM_ACCEPTED = {  # the ways of writing Adam that must pass, and the largest relative change of a step each makes
    "paper, eps 1e-7": adam_class(),
    "paper, eps 1e-8": adam_class(eps=1e-8),
    "paper, eps inside the root": adam_class(
        step=lambda self, mh, vh, m, v, t, eps: self.lr * mh / np.sqrt(vh + eps)
    ),
    "book, eps 1e-8": adam_class(step=lambda self, *a: book_step(self, *a[:-1], 1e-8)),
    "book, eps inside the root": adam_class(
        step=lambda self, mh, vh, m, v, t, eps: (
            self.lr * np.sqrt(1 - self.beta2**t) / (1 - self.beta1**t) * m / np.sqrt(v + eps)
        )
    ),
}


@pytest.mark.parametrize("name", ADAM_ACCEPTED)
def test_adam_in_every_correct_form_passes(name, capsys):
    out = passes(checks.check_adam, ADAM_ACCEPTED[name], capsys, ADAM)
    assert "note" not in out


def test_where_eps_sits_changes_a_step_far_less_than_the_tolerance():
    # The decision behind RTOL = 1e-4: the steps of every accepted form against nbhelpers.Adam on the check's own
    # runs. Measured: 3.2e-5 at most (the book's form with ε inside the root, with the defaults: ε/(2v), v =
    # 0.001·1.2²), 2.6e-6 for the paper's form with ε = 1e-7 or 1e-8; each slip of check_adam changes some step
    # by 22 % or more (t one ahead, the closest). (A neuron that never fires moves by 0 in every form with ε > 0.)
    from nbhelpers import Adam
    from nbhelpers.checks._optimizers import ADAM_RUNS, RTOL, reference_steps, runs
    from nbhelpers.checks.optimizers import _adam_slips

    def change(steps, expected) -> float:  # the largest relative change of a step that is not 0
        return max(
            float(np.max(np.abs(s[k][e[k] != 0] / e[k][e[k] != 0] - 1), initial=0.0))
            for s, e in zip(steps, expected)
            for k in e
        )

    worst = {}
    for _, (lr, b1, b2), (params, grads), _ in runs(ADAM_RUNS):
        expected = reference_steps(Adam(lr=lr, beta1=b1, beta2=b2), params, grads)
        for name, cls in ADAM_ACCEPTED.items():
            got = reference_steps(cls(lr=lr, beta1=b1, beta2=b2), params, grads)
            assert all(np.array_equal(s[k] == 0, e[k] == 0) for s, e in zip(got, expected) for k in e)
            worst[name] = max(worst.get(name, 0.0), change(got, expected))
        exact = [{key: g.astype(float) for key, g in given.items()} for given in grads]
        for slip, steps in _adam_slips(lr, b1, b2, len(params))(exact).items():
            assert change(steps, expected) > 100 * RTOL, slip
    assert max(worst.values()) < RTOL / 2, worst
    assert worst["book, eps inside the root"] == pytest.approx(3.2e-5, rel=0.05)


def test_the_slips_simulated_are_the_reference_when_they_slip_nothing():
    from nbhelpers import Adam, Momentum
    from nbhelpers.checks._optimizers import (
        ADAM_RUNS,
        MOMENTUM_RUNS,
        adam_steps,
        momentum_steps,
        reference_steps,
        runs,
    )

    def exact(grads):  # the checks simulate the slips in float64
        return [{key: g.astype(float) for key, g in given.items()} for given in grads]

    for _, (lr, momentum), (params, grads), _ in runs(MOMENTUM_RUNS):
        got = momentum_steps(exact(grads), lr, momentum)
        expected = reference_steps(Momentum(lr, momentum), params, grads)
        assert all(np.allclose(s[k], e[k], rtol=1e-9, atol=0) for s, e in zip(got, expected) for k in e)
    for _, (lr, b1, b2), (params, grads), _ in runs(ADAM_RUNS):
        got = adam_steps(exact(grads), lr, b1, b2)
        expected = reference_steps(Adam(lr, b1, b2), params, grads)
        assert all(np.allclose(s[k], e[k], rtol=1e-9, atol=0) for s, e in zip(got, expected) for k in e)


ADAM_SLIPS = {
    "no bias correction": (
        adam_class(step=lambda self, mh, vh, m, v, t, eps: self.lr * m / (np.sqrt(v) + eps)),
        [
            "in update 1: gives [0.04, -0.04, -0.04, 0.04] in its first row, expected [0.02, -0.02, -0.02, 0.02]",
            "no bias correction",
        ],
    ),
    "t per key": (
        adam_class(t_per_key=True),
        [
            "params['b1'] in update 1",
            "t is counted once per parameter, not once per call of update: with 4 parameters",
        ],
    ),
    "t from 0": (
        adam_class(
            step=lambda self, mh, vh, m, v, t, eps: (
                self.lr * (m / (1 - self.beta1 ** (t - 1))) / (np.sqrt(v / (1 - self.beta2 ** (t - 1))) + eps)
            )
        ),
        ['update 1: NumPy warned "divide by zero', "count the update first (t += 1)"],
    ),
    "t stays 1": (
        adam_class(step=lambda self, mh, vh, m, v, t, eps: book_step(self, mh, vh, m, v, 1, eps)),
        ["in update 2", "t stays 1"],
    ),
    "betas swapped": (
        adam_class(
            moments=lambda self, m, v, g: (
                self.beta2 * m + (1 - self.beta2) * g,
                self.beta1 * v + (1 - self.beta1) * g**2,
            )
        ),
        ["in update 1", "β1 and β2 are swapped in the averages"],
    ),
    "v of g": (
        adam_class(
            moments=lambda self, m, v, g: (
                self.beta1 * m + (1 - self.beta1) * g,
                self.beta2 * v + (1 - self.beta2) * g,
            )
        ),
        ["invalid value encountered in sqrt", "v averages the squared gradients g²"],
    ),
    "no square root": (
        adam_class(step=lambda self, mh, vh, m, v, t, eps: self.lr * mh / (vh + eps)),
        ["the square root is missing"],
    ),
    "eps outside lr_t's root": (
        adam_class(
            step=lambda self, mh, vh, m, v, t, eps: (
                self.lr * (1 - self.beta2**t) / (1 - self.beta1**t) * m / (np.sqrt(v) + eps)
            )
        ),
        ["lr_t lost its square root"],
    ),
    "root over all of lr_t": (
        adam_class(
            step=lambda self, mh, vh, m, v, t, eps: (
                self.lr * np.sqrt((1 - self.beta2**t) / (1 - self.beta1**t)) * m / (np.sqrt(v) + eps)
            )
        ),
        ["the square root covers all of lr_t's fraction"],
    ),
    "(1 - beta)^t": (
        adam_class(
            step=lambda self, mh, vh, m, v, t, eps: (
                self.lr * (m / (1 - self.beta1) ** t) / (np.sqrt(v / (1 - self.beta2) ** t) + eps)
            )
        ),
        ["in update 2", "(1 − β)^t where 1 − β^t belongs"],
    ),
    "no eps": (
        adam_class(eps=0.0),
        ['three layers, update 1: NumPy warned "invalid value encountered in divide"', "0/0", "ε (1e-7)"],
    ),
    "uphill": (
        adam_class(step=lambda self, mh, vh, m, v, t, eps: -self.lr * mh / (np.sqrt(vh) + eps)),
        ["uphill"],
    ),
    "hard-coded lr": (
        adam_class(step=lambda self, mh, vh, m, v, t, eps: 0.001 * mh / (np.sqrt(vh) + eps)),
        ["that uses lr = 0.001, not the lr given to __init__ (0.02)"],
    ),
}


@pytest.mark.parametrize("case", ADAM_SLIPS)
def test_adam_slips_are_named(case, capsys):
    cls, pieces = ADAM_SLIPS[case]
    fails(checks.check_adam, cls, capsys, ADAM, *pieces)


def test_adam_rebinding_fails_and_float32_is_checked(capsys):
    seen = set()

    def update(self, params, grads):
        seen.update(p.dtype for p in params.values())
        new = {key: p.copy() for key, p in params.items()}
        BookAdam.update(self, new, grads)
        for key in params:
            params[key] = new[key]

    fails(
        checks.check_adam,
        optimizer_with(BookAdam, update=update),
        capsys,
        ADAM,
        "puts new arrays into params",
    )
    seen.clear()

    def update_in_place(self, params, grads):
        seen.update(p.dtype for p in params.values())
        BookAdam.update(self, params, grads)

    passes(checks.check_adam, optimizer_with(BookAdam, update=update_in_place), capsys, ADAM)
    assert seen == {np.dtype(np.float64), np.dtype(np.float32)}


def he_with(
    scale=lambda n_in, n_out: np.sqrt(2 / n_in),
    draw=None,
    bias=np.zeros,
    layers=lambda sizes: range(1, len(sizes)),
):
    def he_init(sizes, rng):
        params = {}
        for k in layers(sizes):
            n_in, n_out = sizes[k - 1], sizes[k]
            w = rng.standard_normal((n_in, n_out)) if draw is None else draw(rng, n_in, n_out)
            params[f"W{k}"] = w * scale(n_in, n_out)
            params[f"b{k}"] = bias(n_out)
        return params

    return he_init


def he_global(sizes, rng):  # np.random's global state: the rng is not used
    return {
        key: value
        for k in range(1, len(sizes))
        for key, value in (
            (f"W{k}", np.random.randn(sizes[k - 1], sizes[k]) * np.sqrt(2 / sizes[k - 1])),  # noqa: NPY002
            (f"b{k}", np.zeros(sizes[k])),
        )
    }


def he_list(sizes, rng):
    return [he_init(sizes, rng)[key] for key in he_init(sizes, rng)]


def test_he_init_other_correct_styles_pass(capsys):
    normal = he_with(
        scale=lambda n_in, n_out: 1.0,
        draw=lambda rng, n_in, n_out: rng.normal(0, np.sqrt(2 / n_in), (n_in, n_out)),
    )
    uniform = he_with(
        scale=lambda n_in, n_out: np.sqrt(6 / n_in),
        draw=lambda rng, n_in, n_out: rng.uniform(-1, 1, (n_in, n_out)),
    )
    float32 = he_with(draw=lambda rng, n_in, n_out: rng.standard_normal((n_in, n_out), dtype=np.float32))
    for func in (normal, uniform, float32):
        assert "note" not in passes(checks.check_he_init, func, capsys, HE)


def test_he_init_ignoring_its_rng_fails(capsys):
    # The spread is right, but a seed must give the same weights (nothing in the series uses global state).
    fails(
        checks.check_he_init,
        he_global,
        capsys,
        HE,
        "does not draw them from the rng",
        "the same seed gave other",
    )
    fixed = he_with(draw=lambda rng, n_in, n_out: np.random.default_rng(0).standard_normal((n_in, n_out)))
    fails(checks.check_he_init, fixed, capsys, HE, "another seed gave the same weights")


HE_SLIPS = {
    "xavier": (
        he_with(scale=lambda n_in, n_out: 1 / np.sqrt(n_in)),
        ["W1 (500 × 200)", "0.06325: that is Xavier's 1/√n"],
    ),
    "n_out": (
        he_with(scale=lambda n_in, n_out: np.sqrt(2 / n_out)),
        ["with n = the layer's number of outputs (200)"],
    ),
    "variance": (he_with(scale=lambda n_in, n_out: 2 / n_in), ["2/n, the variance"]),
    "uniform of the std's bounds": (
        he_with(
            scale=lambda n_in, n_out: np.sqrt(2 / n_in),
            draw=lambda rng, n_in, n_out: rng.uniform(-1, 1, (n_in, n_out)),
        ),
        ["their standard deviation is √(2/n)/√3"],
    ),
    "one value": (
        he_with(draw=lambda rng, n_in, n_out: np.ones((n_in, n_out))),
        ["all of W1 is 0.0632456", "drawn at random"],
    ),
    "positive only": (
        he_with(draw=lambda rng, n_in, n_out: rng.random((n_in, n_out))),
        ["the mean 0.0316", "far from 0"],
    ),
    "random biases": (
        he_with(bias=lambda n: np.full(n, 0.1)),
        ["b1 is [0.1, 0.1, 0.1, ...", "the biases start at 0"],
    ),
    "bias rows": (
        he_with(bias=lambda n: np.zeros((1, n))),
        ["b1: the result has shape (1, 200), expected (200,)"],
    ),
    "transposed": (
        he_with(draw=lambda rng, n_in, n_out: rng.standard_normal((n_out, n_in))),
        ["W1: the result has shape (200, 500), expected (500, 200) (rows and columns swapped)"],
    ),
    "last layer missing": (
        he_with(layers=lambda sizes: range(1, len(sizes) - 1)),
        ["the last layer, W3 and b3, is missing"],
    ),
    "a list": (he_list, ["returned a list of 6 things; return a dict"]),
}


@pytest.mark.parametrize("case", HE_SLIPS)
def test_he_init_slips_are_named(case, capsys):
    func, pieces = HE_SLIPS[case]
    fails(checks.check_he_init, func, capsys, HE, *pieces)


# ---- notebook 10: batch normalisation (forward), Dropout (a class), weight decay's term in the gradient --------

BN, DROP, WD = "batch normalisation", "Dropout", "weight decay"


def bn_with(mean=None, var=None, scale=None, out=None, eps=1e-6):
    """A learner's batch normalisation: ``mean(x)``, ``var(x, mu)``, ``scale(var, eps)`` (what x − mean is
    divided by), ``out(xn, gamma, beta)``; each None is the book's."""

    def batchnorm_forward(x, gamma, beta):
        mu = x.mean(axis=0) if mean is None else mean(x)
        xc = x - mu
        v = np.mean(xc**2, axis=0) if var is None else var(x, mu)
        xn = xc / (np.sqrt(v + eps) if scale is None else scale(v, eps))
        return gamma * xn + beta if out is None else out(xn, gamma, beta)

    return batchnorm_forward


def bn_loop(x, gamma, beta, eps=1e-5):  # column by column, in plain Python sums
    out = np.empty_like(x)
    n = len(x)
    for j in range(x.shape[1]):
        column = x[:, j]
        mu = sum(column) / n
        var = sum((v - mu) ** 2 for v in column) / n
        out[:, j] = gamma[j] * (column - mu) / (var + eps) ** 0.5 + beta[j]
    return out


def bn_keepdims(x, gamma, beta, eps=1e-8):
    mu = np.mean(x, axis=0, keepdims=True)
    var = np.var(x, axis=0, keepdims=True)
    return gamma * (x - mu) / np.sqrt(var + eps) + beta


def bn_std_eps_outside(x, gamma, beta):  # ε added to the standard deviation: as good
    return gamma * (x - x.mean(0)) / (x.std(0) + 1e-7) + beta


def bn_in_float64(x, gamma, beta, eps=1e-6):  # float32 in, float64 out
    x = x.astype(np.float64)
    return gamma * (x - x.mean(0)) / np.sqrt(x.var(0) + eps) + beta


def bn_transposed(x, gamma, beta, eps=1e-6):  # each row of x.T is a feature
    t = x.T
    mu = t.mean(axis=1, keepdims=True)
    xn = (t - mu) / np.sqrt(((t - mu) ** 2).mean(axis=1, keepdims=True) + eps)
    return (xn * gamma[:, None] + beta[:, None]).T


def test_batchnorm_forward_other_correct_styles_pass(capsys):
    for func in (
        bn_loop,
        bn_keepdims,
        bn_std_eps_outside,
        bn_in_float64,
        bn_transposed,
        bn_with(eps=1e-8),
        bn_with(eps=1e-5),
        bn_with(var=lambda x, mu: x.var(axis=0)),
        bn_with(scale=lambda v, eps: np.sqrt(v) + eps),
    ):
        passes(checks.check_batchnorm_forward, func, capsys, BN)


def test_batchnorm_eps_anywhere_from_1e_8_to_1e_5_changes_an_output_far_less_than_the_tolerance():
    # The decision behind BN_TOL = 1e-3: against the book's ε = 1e-6, ε = 1e-8 or 1e-5, inside the square root or
    # outside, changes an output by at most 1.24e-4 (measured); every slip named changes some output by 0.0137 or
    # more on some batch (ε = 1e-3, the closest; ddof=1 0.59), but ε = 1e-4, which is named only where it shows.
    from nbhelpers.checks._regularization import BN_TOL, batchnorm, bn_cases
    from nbhelpers.checks.regularization import _bn_slips

    worst, shows = 0.0, {}
    for x, gamma, beta, _, _ in bn_cases():
        expected = batchnorm(x, gamma, beta)
        for eps in (1e-8, 1e-5):
            worst = max(worst, float(np.max(np.abs(batchnorm(x, gamma, beta, eps=eps) - expected))))
            outside = gamma * (x - x.mean(0)) / (x.astype(float).std(0) + eps) + beta
            worst = max(worst, float(np.max(np.abs(np.where(np.ptp(x, 0) > 0, outside, beta) - expected))))
        for slip, result in _bn_slips(x, gamma, beta).items():
            shows[slip] = max(shows.get(slip, 0.0), float(np.max(np.abs(result - expected))))
    assert worst < BN_TOL / 5, worst
    assert worst == pytest.approx(1.24e-4, rel=0.05)
    closest = min(v for slip, v in shows.items() if not slip.startswith("ε = 0.0001 "))
    assert closest > 10 * BN_TOL and closest == pytest.approx(0.0137, rel=0.05), shows


def bn_skeleton(x, gamma, beta, eps=1e-6):
    raise NotImplementedError


def bn_mutates_x(x, gamma, beta, eps=1e-6):
    x -= x.mean(axis=0)
    x /= np.sqrt(np.mean(x**2, axis=0) + eps)
    return gamma * x + beta


def bn_mutates_gamma(x, gamma, beta, eps=1e-6):
    gamma *= 1 / np.sqrt(x.var(0) + eps)
    return gamma * (x - x.mean(0)) + beta


def bn_tuple(x, gamma, beta, eps=1e-6):  # cs231n's style: (out, cache)
    out = batchnorm_forward(x, gamma, beta, eps)
    return out, (x, x.mean(0), x.var(0))


def bn_no_eps_quiet(x, gamma, beta):  # no ε, with NumPy's warnings turned off: nan comes out
    with np.errstate(all="ignore"):
        return gamma * (x - x.mean(0)) / x.std(0) + beta


def bn_mean_by_columns_count(x, gamma, beta, eps=1e-6):  # sums divided by the number of features
    d = x.shape[1]
    mu = x.sum(axis=0) / d
    var = ((x - mu) ** 2).sum(axis=0) / d
    return gamma * (x - mu) / np.sqrt(var + eps) + beta


BN_SLIPS = {
    "ddof=1": (
        bn_with(var=lambda x, mu: x.var(axis=0, ddof=1)),
        ["4 examples with 3 features: gives", "ddof=1"],
    ),
    "axis 1, keepdims": (
        bn_with(mean=lambda x: x.mean(1, keepdims=True), var=lambda x, mu: x.var(1, keepdims=True)),
        ["normalises each example (row) by its own mean and variance (axis=1)", "axis=0"],
    ),
    "axis 1": (
        bn_with(mean=lambda x: x.mean(1), var=lambda x, mu: x.var(1)),
        ["raised ValueError", "A mean over axis 1 has one number per example (row), shape (4,)"],
    ),
    "no axis": (
        bn_with(mean=lambda x: x.mean(), var=lambda x, mu: x.var()),
        ["one mean and one variance for the whole batch"],
    ),
    "no eps": (
        bn_with(eps=0.0),
        [
            "10 × 6, column 2 all equal (3.0): column 2 of x holds one value only (3 in every row)",
            "0/0 = nan",
        ],
    ),
    "no eps, warnings off": (
        bn_no_eps_quiet,
        ["column 2 of x holds one value only", "That is what ε (eps) is for"],
    ),
    "no square root": (bn_with(scale=lambda v, eps: v + eps), ["the square root is missing"]),
    "std inside the root": (
        bn_with(scale=lambda v, eps: np.sqrt(np.sqrt(v) + eps)),
        ["√(std + ε), the square root of the standard deviation"],
    ),
    "gamma and beta swapped": (
        bn_with(out=lambda xn, gamma, beta: beta * xn + gamma),
        ["gamma and beta are swapped"],
    ),
    "no mean subtracted": (
        bn_with(mean=lambda x: 0.0, var=lambda x, mu: x.var(axis=0)),
        ["the mean is not subtracted"],
    ),
    "multiplied by the std": (
        bn_with(scale=lambda v, eps: 1 / np.sqrt(v + eps)),
        [
            "4 examples with 3 features: gives",
            "that multiplies x − mean by the standard deviation √(var + ε)",
        ],
    ),
    "variance of x, not of x − mean": (
        bn_with(var=lambda x, mu: np.mean(x**2, axis=0)),
        [
            "4 examples with 3 features: gives",
            "that takes the mean of x² for the variance",
            "before squaring",
        ],
    ),
    "x-hat only": (bn_with(out=lambda xn, gamma, beta: xn), ["that is x̂ itself"]),
    "no beta": (bn_with(out=lambda xn, gamma, beta: gamma * xn), ["the shift beta is missing"]),
    "eps too large": (bn_with(eps=1e-2), ["ε = 0.01 is large enough to change the result"]),
    "divided by D": (
        bn_mean_by_columns_count,
        ["4 examples with 3 features", "divided by the number of features D = 3", "N = 4 (x.shape[0])"],
    ),
    "one-pass variance": (
        bn_with(var=lambda x, mu: np.mean(x**2, axis=0) - mu**2),
        ["float32 8 × 5", "The same batch in float64 passed", "mean(x²) − mean(x)²"],
    ),
    "x changed": (bn_mutates_x, ["your function changed the batch x", "`x -= mean`"]),
    "gamma changed": (bn_mutates_gamma, ["your function changed gamma, a parameter of the layer"]),
    "a tuple": (bn_tuple, ["returned 2 things at once (a tuple)", "return the output alone"]),
    "the mean": (
        lambda x, gamma, beta: x.mean(axis=0),
        ["shape (3,), expected (4, 3): one number per feature"],
    ),
    "float32 for float64": (
        lambda x, gamma, beta: batchnorm_forward(x, gamma, beta).astype(np.float32),
        ["float64 input gave a float32 result"],
    ),
}


@pytest.mark.parametrize("case", BN_SLIPS)
def test_batchnorm_forward_slips_are_named(case, capsys):
    func, pieces = BN_SLIPS[case]
    fails(checks.check_batchnorm_forward, func, capsys, BN, *pieces)


def test_batchnorm_forward_not_done_none_and_errors(capsys):
    _, out = run(checks.check_batchnorm_forward, bn_skeleton, capsys)
    assert out.startswith("… batch normalisation: not done yet. Fill in `bn_skeleton` above")

    def forgot_return(x, gamma, beta, eps=1e-6):
        batchnorm_forward(x, gamma, beta, eps)

    fails(
        checks.check_batchnorm_forward, forgot_return, capsys, BN, "returned None", "Did you forget `return`?"
    )

    def eps_without_default(x, gamma, beta, eps):  # called with the book's ε
        assert eps == 1e-6
        return batchnorm_forward(x, gamma, beta, eps)

    passes(checks.check_batchnorm_forward, eps_without_default, capsys, BN)

    def wrong_parameters(x):
        return x

    fails(checks.check_batchnorm_forward, wrong_parameters, capsys, BN, "raised TypeError")


# Dropout: the learner's class is the book's with some methods replaced.


def dropout_with(base=MyDropout, **methods):
    return type(base.__name__, (base,), methods)


def draws(mask):
    """A forward that draws its mask with ``mask(self, x)`` (the book's otherwise: x·mask, x·(1 − ratio))."""

    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = mask(self, x)
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)

    return forward


def exact_count(self, x):  # exactly round(ratio·n) values dropped, at random places
    n = x.size
    order = self.rng.permutation(n)
    return (order >= round(self.dropout_ratio * n)).reshape(x.shape)


class InvertedDropout(MyDropout):
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = (self.rng.random(x.shape) > self.dropout_ratio) / (1.0 - self.dropout_ratio)
            return x * self.mask
        return x

    def backward(self, dout):
        return dout * self.mask


def forward_where(self, x, train_flg=True):  # np.where, constants of x's dtype
    if train_flg:
        self.mask = self.rng.random(x.shape) > self.dropout_ratio
        return np.where(self.mask, x, x.dtype.type(0))
    return x * x.dtype.type(1 - self.dropout_ratio)


def backward_where(self, dout):
    return np.where(self.mask, dout, 0).astype(dout.dtype)


DROPOUT_ACCEPTED = {
    "the book's": MyDropout,
    ">=": dropout_with(forward=draws(lambda self, x: self.rng.random(x.shape) >= self.dropout_ratio)),
    "uniform": dropout_with(
        forward=draws(lambda self, x: self.rng.uniform(0, 1, x.shape) > self.dropout_ratio)
    ),
    "binomial": dropout_with(
        forward=draws(lambda self, x: self.rng.binomial(1, 1 - self.dropout_ratio, x.shape))
    ),
    "choice": dropout_with(
        forward=draws(
            lambda self, x: self.rng.choice(
                [0.0, 1.0], x.shape, p=[self.dropout_ratio, 1 - self.dropout_ratio]
            )
        )
    ),
    "1 - ratio above": dropout_with(
        forward=draws(lambda self, x: self.rng.random(x.shape) < 1 - self.dropout_ratio)
    ),
    "an exact count": dropout_with(forward=draws(exact_count)),
    "np.where, float32 kept": dropout_with(forward=forward_where, backward=backward_where),
}


@pytest.mark.parametrize("name", DROPOUT_ACCEPTED)
def test_dropout_drawn_in_any_correct_way_passes(name, capsys):
    out = passes(checks.check_dropout, DROPOUT_ACCEPTED[name], capsys, DROP)
    assert "inverted" not in out


def test_inverted_dropout_passes_with_a_remark(capsys):
    out = passes(checks.check_dropout, InvertedDropout, capsys, DROP)
    assert (
        "x unchanged at inference" in out and "Note: that is inverted dropout" in out and "right too" in out
    )


def test_dropout_a_correct_drawing_is_never_far_from_the_ratio():
    # share_ok allows 8 standard deviations: over 2000 seeds, the book's drawing and an exact count stay within 4.5.
    from nbhelpers.checks._dropout import DROPOUT_RUNS, share_ok

    for r, _, shape, _, _ in DROPOUT_RUNS:
        n = int(np.prod(shape))
        sd = np.sqrt(r * (1 - r) / n)
        kept = np.random.default_rng(1).random((2000, n)) > r
        shares = kept.mean(axis=1)
        assert np.max(np.abs(shares - (1 - r))) < 4.5 * sd
        assert all(share_ok(float(s), 1 - r, n) for s in shares)
        assert not share_ok(r, 1 - r, n) or r == 0.5  # keeping the ratio instead shows (at 0.2 and 0.3)


def dropout_backward(rule):
    def backward(self, dout):
        return rule(self, dout)

    return backward


class DropoutGlobal(MyDropout):  # np.random's global state: the rng is not used
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = np.random.rand(*x.shape) > self.dropout_ratio  # noqa: NPY002
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)


class DropoutUnseeded(MyDropout):  # a Generator of its own, without the seed
    def __init__(self, dropout_ratio=0.5, rng=None):
        super().__init__(dropout_ratio, rng)
        self.rng = np.random.default_rng()


class DropoutFixedSeed(MyDropout):
    def __init__(self, dropout_ratio=0.5, rng=None):
        super().__init__(dropout_ratio, rng)
        self.rng = np.random.default_rng(0)


class DropoutRestarts(MyDropout):  # a new Generator from the seed in every forward pass
    def __init__(self, dropout_ratio=0.5, rng=None):
        super().__init__(dropout_ratio, rng)
        self.seed = rng

    def forward(self, x, train_flg=True):
        self.rng = np.random.default_rng(self.seed)
        return super().forward(x, train_flg)


def forward_in_place(self, x, train_flg=True):
    if train_flg:
        self.mask = self.rng.random(x.shape) > self.dropout_ratio
        x *= self.mask
        return x
    return x * (1.0 - self.dropout_ratio)


def backward_in_place(self, dout):
    dout[~self.mask] = 0
    return dout


def forward_ignores_train_flg(self, x, train_flg=True):
    self.mask = self.rng.random(x.shape) > self.dropout_ratio
    return x * self.mask


def forward_reversed(self, x, train_flg=True):
    if not train_flg:
        self.mask = self.rng.random(x.shape) > self.dropout_ratio
        return x * self.mask
    return x * (1.0 - self.dropout_ratio)


def forward_without_flag(self, x):
    self.mask = self.rng.random(x.shape) > self.dropout_ratio
    return x * self.mask


def forward_returns_mask_too(self, x, train_flg=True):
    self.mask = self.rng.random(x.shape) > self.dropout_ratio
    return x * self.mask, self.mask


def forward_keeps_elsewhere(self, x, train_flg=True):  # the mask under another name: self.mask stays None
    if train_flg:
        self.keep = self.rng.random(x.shape) > self.dropout_ratio
        return x * self.keep
    return x * (1.0 - self.dropout_ratio)


def forward_scales_in_training(self, x, train_flg=True):
    if train_flg:
        self.mask = self.rng.random(x.shape) > self.dropout_ratio
        return x * self.mask * (1.0 - self.dropout_ratio)
    return x * (1.0 - self.dropout_ratio)


def forward_keeps_out(self, x, train_flg=True):
    self.out = MyDropout.forward(self, x, train_flg)
    return self.out


class DropoutRenamed:
    def __init__(self, ratio=0.5, seed=None):
        self.dropout_ratio, self.rng, self.mask = ratio, np.random.default_rng(seed), None

    forward, backward = MyDropout.forward, MyDropout.backward


class DropoutSkeleton(MyDropout):
    def forward(self, x, train_flg=True): ...

    def backward(self, dout): ...


class DropoutNotImplemented(MyDropout):
    def backward(self, dout):
        raise NotImplementedError


DROPOUT_SLIPS = {
    "keeps the ratio": (
        dropout_with(forward=draws(lambda self, x: self.rng.random(x.shape) < self.dropout_ratio)),
        [
            "(dropout_ratio=0.2, rng=101), a batch of 100 × 200: forward(x, train_flg=True): a share 0.798",
            "your mask keeps a value with probability dropout_ratio",
        ],
    ),
    "0.5 always": (
        dropout_with(forward=draws(lambda self, x: self.rng.random(x.shape) > 0.5)),
        ["about half, as with dropout_ratio = 0.5: does forward use self.dropout_ratio?"],
    ),
    "one number per feature": (
        dropout_with(forward=draws(lambda self, x: self.rng.random(x.shape[1]) > self.dropout_ratio)),
        ["the same values were dropped in every example"],
    ),
    "one number per example": (
        dropout_with(forward=draws(lambda self, x: self.rng.random((x.shape[0], 1)) > self.dropout_ratio)),
        ["each example (row) was dropped or kept whole"],
    ),
    "one number for all": (
        dropout_with(forward=draws(lambda self, x: self.rng.random() > self.dropout_ratio)),
        ["no value was dropped"],
    ),
    "not scaled at inference": (
        dropout_with(forward=lambda self, x, train_flg=True: MyDropout.forward(self, x) if train_flg else x),
        [
            "forward(x, train_flg=False): x passes unchanged, but in training only about 80% of the values got through",
            "x times (1 − ratio) = 0.8",
        ],
    ),
    "inverted, scaled at inference too": (
        dropout_with(
            InvertedDropout,
            forward=lambda self, x, train_flg=True: (
                InvertedDropout.forward(self, x) if train_flg else x * (1 - self.dropout_ratio)
            ),
        ),
        ["(inverted dropout), so at inference x passes unchanged: times 1 − ratio scales it twice"],
    ),
    "backward ignores the mask": (
        dropout_with(backward=lambda self, dout: dout),
        ["backward(dout) after it: gives", "that is dout unchanged"],
    ),
    "backward gives zeros": (
        dropout_with(backward=lambda self, dout: np.zeros_like(dout)),
        ["that is 0 everywhere; dout passes where forward kept the value"],
    ),
    "backward draws a new mask": (
        dropout_with(backward=lambda self, dout: dout * (self.rng.random(dout.shape) > self.dropout_ratio)),
        ["it drew a new mask"],
    ),
    "backward times the output": (
        dropout_with(forward=forward_keeps_out, backward=lambda self, dout: dout * self.out),
        ["that multiplies dout by forward's output"],
    ),
    "inverted backward not scaled": (
        dropout_with(InvertedDropout, backward=lambda self, dout: dout * (self.mask > 0)),
        ["so backward divides dout by it too"],
    ),
    "book backward scaled": (
        dropout_with(backward=lambda self, dout: dout * self.mask / (1 - self.dropout_ratio)),
        ["backward divides by 1 − ratio, but forward did not"],
    ),
    "global random state": (
        DropoutGlobal,
        ["your layer does not draw its mask from self.rng", "the same seed (rng=7) dropped different values"],
    ),
    "unseeded": (DropoutUnseeded, ["does not draw its mask from self.rng", "the same seed"]),
    "a fixed seed": (DropoutFixedSeed, ["different seeds (rng=7 and rng=8) dropped the same values"]),
    "the same mask every pass": (DropoutRestarts, ["dropped exactly the same values in both forward passes"]),
    "x changed": (dropout_with(forward=forward_in_place), ["forward changed the x it was given"]),
    "dout changed": (dropout_with(backward=backward_in_place), ["backward changed the dout it was given"]),
    "train_flg ignored": (
        dropout_with(forward=forward_ignores_train_flg),
        ["forward(x, train_flg=False): some values came out 0", "Is train_flg ignored"],
    ),
    "train_flg reversed": (
        dropout_with(forward=forward_reversed),
        ["that is what happens at inference (is train_flg tested the wrong way round?)"],
    ),
    "no train_flg": (
        dropout_with(forward=forward_without_flag),
        ["raised TypeError", "forward takes train_flg after x"],
    ),
    "mask returned too": (
        dropout_with(forward=forward_returns_mask_too),
        ["returned 2 things at once (a tuple)"],
    ),
    "mask kept elsewhere": (
        dropout_with(forward=forward_keeps_elsewhere),
        ["raised TypeError", "self.mask is still None", "your line: `return dout * self.mask`"],
    ),
    "scaled in training": (
        dropout_with(forward=forward_scales_in_training),
        ["the kept values came out times 1 − ratio"],
    ),
    "the mask returned": (
        dropout_with(forward=lambda self, x, train_flg=True: MyDropout.forward(self, x, train_flg) != 0),
        ["that is the mask itself"],
    ),
    "settings named otherwise": (
        DropoutRenamed,
        [
            "unexpected keyword argument 'dropout_ratio'",
            "the settings go in by name, dropout_ratio=0.2, rng=101",
        ],
    ),
    "rng kept as a seed": (
        dropout_with(
            __init__=lambda self, dropout_ratio=0.5, rng=None: self.__dict__.update(
                dropout_ratio=dropout_ratio, rng=rng, mask=None
            )
        ),
        ["raised AttributeError", "self.rng holds the seed, a number"],
    ),
}


@pytest.mark.parametrize("case", DROPOUT_SLIPS)
def test_dropout_slips_are_named(case, capsys):
    cls, pieces = DROPOUT_SLIPS[case]
    fails(checks.check_dropout, cls, capsys, DROP, *pieces)


def test_dropout_not_done_is_named_by_its_method(capsys):
    _, out = run(checks.check_dropout, DropoutSkeleton, capsys)
    assert (
        out
        == "… Dropout: not done yet. Fill in `forward`, which `DropoutSkeleton` uses, above, then run the cell again.\n"
    )
    _, out = run(checks.check_dropout, DropoutNotImplemented, capsys)
    assert (
        out
        == "… Dropout: not done yet. Fill in `backward`, which `DropoutNotImplemented` uses, above, then run the cell again.\n"
    )


def test_dropout_layers_are_made_by_name_with_several_ratios_and_seeds_and_float32_is_checked(capsys):
    made, dtypes = [], set()

    class Noting(MyDropout):
        def __init__(self, *args, **kwargs):
            made.append((args, kwargs))
            super().__init__(*args, **kwargs)

        def forward(self, x, train_flg=True):
            dtypes.add(x.dtype)
            return super().forward(x, train_flg)

    passes(checks.check_dropout, Noting, capsys, DROP)
    assert made == [
        ((), {"dropout_ratio": 0.2, "rng": 101}),
        ((), {"dropout_ratio": 0.5, "rng": 102}),
        ((), {"dropout_ratio": 0.3, "rng": 103}),
        ((), {"dropout_ratio": 0.5, "rng": 7}),
        ((), {"dropout_ratio": 0.5, "rng": 7}),
        ((), {"dropout_ratio": 0.5, "rng": 8}),
    ]
    assert dtypes == {np.dtype(np.float64), np.dtype(np.float32)}

    def float64_out(self, x, train_flg=True):  # float32 in, float64 out: more digits, no mistake
        return MyDropout.forward(self, x.astype(np.float64), train_flg)

    passes(checks.check_dropout, dropout_with(forward=float64_out), capsys, DROP)


# Weight decay: the learner's function in several styles.


def wd_loop_copy(grads, params, weight_decay_lambda):  # copies of every array, then += on the copies
    new = {key: value.copy() for key, value in grads.items()}
    for key in new:
        if "W" in key:
            new[key] += weight_decay_lambda * params[key]
    return new


def wd_merged(grads, params, weight_decay_lambda):
    return {**grads, **{k: grads[k] + weight_decay_lambda * params[k] for k in params if k[0] == "W"}}


def wd_rebinds_in_a_new_dict(grads, params, weight_decay_lambda):
    new = dict(grads)
    for key in params:
        if key.startswith("W"):
            new[key] = new[key] + weight_decay_lambda * params[key]
    return new


def test_weight_decay_gradient_other_correct_styles_pass(capsys):
    for func in (wd_loop_copy, wd_merged, wd_rebinds_in_a_new_dict):
        passes(checks.check_weight_decay_gradient, func, capsys, WD)


def wd_term(term, keys=lambda key: key.startswith("W")):
    """A learner's weight_decay_gradient adding ``term(grad, W, λ)`` to the keys ``keys`` picks."""

    def weight_decay_gradient(grads, params, weight_decay_lambda):
        return {
            key: g + term(g, params[key], weight_decay_lambda) if keys(key) else g for key, g in grads.items()
        }

    return weight_decay_gradient


def wd_in_place(grads, params, weight_decay_lambda):
    for key in grads:
        if key.startswith("W"):
            grads[key] += weight_decay_lambda * params[key]
    return grads


def wd_in_place_on_a_dict_copy(grads, params, weight_decay_lambda):
    new = grads.copy()  # a new dict, the same arrays
    for key in new:
        if key.startswith("W"):
            new[key] += weight_decay_lambda * params[key]
    return new


def wd_rebinds_in_grads(grads, params, weight_decay_lambda):
    for key in grads:
        if key.startswith("W"):
            grads[key] = grads[key] + weight_decay_lambda * params[key]
    return grads


def wd_in_place_no_return(grads, params, weight_decay_lambda):
    for key in grads:
        if key.startswith("W"):
            grads[key] += weight_decay_lambda * params[key]


def wd_changes_params(grads, params, weight_decay_lambda):
    new = {}
    for key in grads:
        if key.startswith("W"):
            params[key] *= weight_decay_lambda
            new[key] = grads[key] + params[key]
        else:
            new[key] = grads[key]
    return new


WD_SLIPS = {
    "biases too": (
        wd_term(lambda g, w, lam: lam * w, keys=lambda key: True),
        ["the result's 'b1'", "biases", "got λ times themselves too"],
    ),
    "2λW": (wd_term(lambda g, w, lam: 2 * lam * w), ["the result's 'W1'", "that adds 2·λ·W"]),
    "½λW": (wd_term(lambda g, w, lam: 0.5 * lam * w), ["that adds ½·λ·W"]),
    "λW²": (wd_term(lambda g, w, lam: lam * w**2), ["that adds λ·W², a square"]),
    "subtracted": (wd_term(lambda g, w, lam: -lam * w), ["that subtracts λ·W"]),
    "λ alone": (wd_term(lambda g, w, lam: lam), ["that adds λ alone"]),
    "λW alone": (wd_term(lambda g, w, lam: lam * w - g), ["that is λ·W alone"]),
    "λ·grad": (wd_term(lambda g, w, lam: lam * g), ["that adds λ times the gradient"]),
    "nothing added": (lambda grads, params, lam: dict(grads), ["that is grads unchanged"]),
    "the penalty": (wd_term(lambda g, w, lam: 0.5 * lam * np.sum(w**2)), ["that adds the penalty ½·λ·ΣW²"]),
    "½λW², the penalty weight by weight": (
        wd_term(lambda g, w, lam: 0.5 * lam * w**2),
        ["the result's 'W1'", "that adds ½·λ·W², the penalty itself", "the penalty's derivative, λ·W"],
    ),
    "λ·ΣW": (
        wd_term(lambda g, w, lam: lam * np.sum(w)),
        ["that adds λ times the sum of the weights, ΣW (one number), to every entry"],
    ),
    "λ·sign(W)": (
        wd_term(lambda g, w, lam: lam * np.sign(w)),
        ["that adds λ·sign(W), the derivative of λ·Σ|W| (L1 decay)", "whose derivative is λ·W"],
    ),
    "λ²W": (
        wd_term(lambda g, w, lam: lam**2 * w),
        ["0.1), W1, b1", "that adds λ²·W, 0.01·W for λ = 0.1: λ is squared", "or is 0.01 typed in for λ?"],
    ),
    "λ left out": (
        wd_term(lambda g, w, lam: w),
        ["that adds W itself: λ is missing", "the λ the function is given (λ = 0.1 here)"],
    ),
    "λ typed in": (
        wd_term(lambda g, w, lam: 0.1 * w),
        [
            "(grads, params, 0.01), a network",
            "that adds 0.1·W, where λ = 0.01 asks for 0.01·W: is 0.1 typed in",
        ],
    ),
    "another λ typed in": (
        wd_term(lambda g, w, lam: 0.001 * w),
        ["(grads, params, 0.1), W1", "that adds 0.001·W, where λ = 0.1 asks for 0.1·W"],
    ),
    "grads changed in place": (
        wd_in_place,
        ["your function changed the arrays of grads it was given", "grads['W1']"],
    ),
    "a copy of the dict, the same arrays": (
        wd_in_place_on_a_dict_copy,
        ["changed the arrays of grads", "grads.copy(), still holds the same arrays"],
    ),
    "grads rebound": (
        wd_rebinds_in_grads,
        ["your function changed the grads dict it was given", "return a new dict"],
    ),
    "in place, no return": (wd_in_place_no_return, ["changed the arrays of grads"]),
    "params changed": (wd_changes_params, ["changed the arrays of params it was given"]),
    "weights only": (
        lambda grads, params, lam: {k: g + lam * params[k] for k, g in grads.items() if k[0] == "W"},
        [
            "your dict has the keys ['W1', 'W2']",
            "only the weights' gradients. The others (b1, b2) belong in it too",
        ],
    ),
    "a list": (
        lambda grads, params, lam: list(weight_decay_gradient(grads, params, lam).values()),
        ["returned a list of 4 things; return a dict"],
    ),
    "a number per key": (
        lambda grads, params, lam: {k: lam * float(np.sum(params[k] ** 2)) for k in grads},
        ["your dict's 'W1' is 0.564845 (one number), not an array", "a sum? Each weight gets its own term"],
    ),
    "float32 for float64": (
        lambda grads, params, lam: {
            k: v.astype(np.float32) for k, v in weight_decay_gradient(grads, params, lam).items()
        },
        ["float64 input gave a float32 result"],
    ),
}


@pytest.mark.parametrize("case", WD_SLIPS)
def test_weight_decay_gradient_slips_are_named(case, capsys):
    func, pieces = WD_SLIPS[case]
    fails(checks.check_weight_decay_gradient, func, capsys, WD, *pieces)


def test_weight_decay_lambda_slips_name_a_square_that_is_also_a_usual_lambda_either_way():
    from nbhelpers.checks._regularization import lambda_slips

    for lam, either in ((0.1, True), (0.01, True), (0.05, False)):
        slips = lambda_slips(lam)
        squared = [slip for slip in slips if slip.startswith("that adds λ²·W")]
        assert len(squared) == 1 and slips[squared[0]] == pytest.approx(lam**2)
        assert ("typed in" in squared[0]) is either, squared[0]
        others = [c for slip, c in slips.items() if slip != squared[0]]  # W itself, the λs typed in
        assert 1.0 in others and not any(np.isclose(c, [lam, lam**2]).any() for c in others), others


def test_weight_decay_gradient_gets_lambda_0_gamma_beta_and_float32(capsys):
    seen = []

    def noting(grads, params, weight_decay_lambda):
        seen.append((list(grads), weight_decay_lambda, {v.dtype for v in grads.values()}))
        return weight_decay_gradient(grads, params, weight_decay_lambda)

    passes(checks.check_weight_decay_gradient, noting, capsys, WD)
    assert [lam for _, lam, _ in seen] == [0.1, 0.01, 0, 0.05]
    assert "gamma1" in seen[1][0] and seen[1][0][0] == "b3"  # grads in another order than params
    assert seen[3][2] == {np.dtype(np.float32)}


def odd_layer(forward=None, backward=None):
    """MyDropout with forward (training) or backward returning something odd."""
    methods = {}
    if forward is not None:
        methods["forward"] = lambda self, x, train_flg=True: forward(x) if train_flg else x * 0.5
    if backward is not None:
        methods["backward"] = lambda self, dout: backward(dout)
    return dropout_with(**methods)


ODD_LAYERS = {
    f"forward returns {name}": odd_layer(forward=lambda x, v=value: v) for name, value in ODD_RESULTS.items()
}
ODD_LAYERS.update(
    {
        f"backward returns {name}": odd_layer(backward=lambda d, v=value: v)
        for name, value in ODD_RESULTS.items()
    }
)
ODD_LAYERS.update(
    {f"forward gives {fill!r}": odd_layer(forward=lambda x, f=fill: np.full(x.shape, f)) for fill in FILLS}
)
ODD_LAYERS.update(
    {f"backward gives {fill!r}": odd_layer(backward=lambda d, f=fill: np.full(d.shape, f)) for fill in FILLS}
)


@pytest.mark.parametrize("name", ODD_LAYERS)
def test_dropout_never_raises_whatever_the_methods_return(name, capsys):
    from nbhelpers.checks._engine import INTERNAL_ERRORS

    INTERNAL_ERRORS.clear()
    fails(checks.check_dropout, ODD_LAYERS[name], capsys, DROP)
    assert not INTERNAL_ERRORS, INTERNAL_ERRORS


@pytest.mark.parametrize(
    "check, func",
    [(checks.check_batchnorm_forward, f) for f, _ in BN_SLIPS.values()]
    + [(checks.check_dropout, c) for c, _ in DROPOUT_SLIPS.values()]
    + [(checks.check_weight_decay_gradient, f) for f, _ in WD_SLIPS.values()]
    + [
        (c, odd)
        for c in (checks.check_batchnorm_forward, checks.check_dropout, checks.check_weight_decay_gradient)
        for odd in ODD_FUNCTIONS.values()
    ],
)
def test_batchnorm_dropout_weight_decay_checks_own_code_never_raises(check, func, capsys):
    from nbhelpers.checks._engine import INTERNAL_ERRORS

    INTERNAL_ERRORS.clear()
    result, out = run(check, func, capsys)
    assert result is False and not INTERNAL_ERRORS, (out, INTERNAL_ERRORS)
