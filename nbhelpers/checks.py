"""Self-checks for the notebooks' "Try it yourself" exercises: ``check_<exercise>(your_function)``.

Each check runs the learner's function on ordinary values, edge cases and batches and prints one short
verdict: either what it checked and that all is well, or the first thing that is wrong, in plain words
(the input, what was expected, what came out; a wrong shape, a changed dtype, a warning, a batch
handled along the wrong axis, a loop where a vectorised version is asked for). It never shows the
solution. A skeleton that still raises ``NotImplementedError`` gets a friendly "not done yet" line, so
"Run all" never stops at an exercise.

All checks share a small engine: :func:`_call` runs the learner's code (catching errors and warnings),
:func:`_compare` compares one result with the expected one, and :func:`_report` prints the verdict.
"""

from __future__ import annotations

import time
import warnings

import numpy as np

from .activations import sigmoid, step_function
from .network import forward, init_network
from .outputs import softmax
from .perceptron import AND, INPUTS, NAND, OR, XOR

__all__ = [
    "check_AND",
    "check_NAND",
    "check_OR",
    "check_XOR",
    "check_step_function",
    "check_sigmoid",
    "check_softmax_vector",
    "check_softmax",
    "check_layer2",
    "check_forward",
    "check_mnist_forward",
    "check_accuracy",
]


# ---- the engine ------------------------------------------------------------------------------------


class Problem(Exception):
    """The first thing found wrong: its message is what the learner reads."""


class NotDone(Exception):
    """The exercise's skeleton still raises NotImplementedError."""


_HINTS = [  # (a piece of an error message, what it usually means)
    ("has no attribute 'int'", "np.int no longer exists (NumPy 1.24 removed it): use the type int or float"),
    (
        "truth value of an array",
        "`if` or `and`/`or` looked at a whole array at once; compare the array itself (x > 0 gives an array "
        "of True/False, one per element)",
    ),
    ("shapes", "the shapes of the arrays do not fit together: print their .shape to see them"),
    ("not aligned", "the shapes of the arrays do not fit together: print their .shape to see them"),
]


def _fmt(value) -> str:
    """An input or output, short enough for one line."""
    arr = np.asarray(value)
    if arr.dtype.kind == "f":
        formatter = {"float_kind": lambda v: f"{v:.6g}"}
        text = np.array2string(arr, separator=", ", formatter=formatter, threshold=12, edgeitems=3)
    else:
        text = np.array2string(arr, separator=", ", threshold=12, edgeitems=3)
    return " ".join(text.split())


def _call(func, *args, what: str):
    """``func(*args)``, or a Problem saying what went wrong (an error, or a NumPy warning)."""
    with (
        warnings.catch_warnings(record=True) as caught,
        np.errstate(over="warn", divide="warn", invalid="warn"),
    ):
        warnings.simplefilter("always")
        try:
            out = func(*args)
        except NotImplementedError:
            raise NotDone from None
        except Exception as err:  # the learner's code: anything can happen
            first_line = str(err).strip().splitlines()[0] if str(err).strip() else ""
            message = f"{what}: your function raised {type(err).__name__}: {first_line}"
            hints = [hint for piece, hint in _HINTS if piece in str(err)]
            raise Problem(message + (f"\n  (Usually this means: {hints[0]}.)" if hints else "")) from None
    numpy_warnings = [w for w in caught if issubclass(w.category, RuntimeWarning)]
    if numpy_warnings:
        raise Problem(
            f'{what}: NumPy warned "{numpy_warnings[0].message}". The result should come without a warning.'
        )
    if out is None:
        raise Problem(f"{what}: your function returned None. Did you forget `return`?")
    return out


def _compare(got, expected, what: str, *, rtol=1e-7, atol=1e-12, dtype=None) -> np.ndarray:
    """Check one result against the expected one: numbers, shape, dtype (if given), values."""
    try:
        arr = np.asarray(got)
    except Exception:
        raise Problem(f"{what}: your function returned {type(got).__name__}, not numbers") from None
    expected = np.asarray(expected)
    if arr.dtype.kind not in "biuf":
        raise Problem(
            f"{what}: your function returned {type(got).__name__} of dtype {arr.dtype}, not numbers"
        )
    if arr.shape != expected.shape:
        extra = ""
        if arr.shape == (1, *expected.shape):
            extra = " (an extra pair of brackets around the result: is something stored as a 1 × n matrix?)"
        elif arr.ndim == expected.ndim == 2 and arr.shape == expected.shape[::-1]:
            extra = " (rows and columns swapped)"
        raise Problem(f"{what}: the result has shape {arr.shape}, expected {expected.shape}{extra}")
    if dtype is not None and arr.dtype != dtype:
        raise Problem(
            f"{what}: {np.dtype(dtype).name} input gave a {arr.dtype} result; keep the input's type "
            f"(a step such as np.array(x, dtype=float) or a float64 constant turns float32 into float64)"
        )
    if np.any(np.isnan(arr) & ~np.isnan(expected)):
        k = tuple(int(i) for i in np.argwhere(np.isnan(arr) & ~np.isnan(expected))[0])
        raise Problem(f"{what}: got nan (not a number) at position {k}, expected {_fmt(expected[k])}")
    if not np.allclose(arr, expected, rtol=rtol, atol=atol):
        return _wrong_values(arr, expected, what, rtol, atol)
    return arr


def _wrong_values(arr, expected, what, rtol, atol):
    bad = ~np.isclose(arr, expected, rtol=rtol, atol=atol)
    if arr.ndim == 0:
        raise Problem(f"{what}: expected {_fmt(expected)}, got {_fmt(arr)}")
    k = tuple(int(i) for i in np.argwhere(bad)[0])
    raise Problem(
        f"{what}: wrong value at position {k}: expected {_fmt(expected[k])}, got {_fmt(arr[k])}\n"
        f"  expected {_fmt(expected)}\n  got      {_fmt(arr)}"
    )


def _report(check, func, title: str) -> bool:
    """Run one check and print its verdict; True if everything passed."""
    if not callable(func):
        print(f"✗ {title}: pass your function itself, e.g. check(my_function), not {type(func).__name__}.")
        return False
    name = getattr(func, "__name__", "your function")
    try:
        checked = check(func)
    except NotDone:
        print(
            f"… {title}: not done yet. Fill in `{name}` above (replace the `raise NotImplementedError` line), then run the cell again."
        )
        return False
    except Problem as problem:
        print(f"✗ {title}: {problem}")
        return False
    print(f"✓ {title}: all checks passed ({checked}).")
    return True


def _speed(func, reference, *args, what: str, slower: float = 10.0) -> None:
    """A Problem if ``func`` is more than ``slower`` times slower than the vectorised ``reference``."""

    def best(f, n=3):
        times = []
        for _ in range(n):
            start = time.perf_counter()
            f(*args)
            times.append(time.perf_counter() - start)
        return min(times)

    ours, theirs = best(reference), best(func)
    if theirs > slower * ours and theirs > 0.05:
        raise Problem(
            f"{what}: right, but slow ({theirs:.2f} s where a vectorised version takes {ours:.3f} s). It looks "
            "like a Python loop over the rows; let NumPy handle the whole batch at once"
        )


# ---- notebook 01: the perceptron --------------------------------------------------------------------

_TABLES = {"AND": AND, "NAND": NAND, "OR": OR, "XOR": XOR}


def _check_gate(func, gate: str) -> str:
    expected = [int(v) for v in _TABLES[gate](INPUTS[:, 0], INPUTS[:, 1])]
    got = []
    for x1, x2 in INPUTS.tolist():
        out = _call(func, x1, x2, what=f"{gate}({x1}, {x2})")
        try:
            value = int(out)
        except (TypeError, ValueError):
            raise Problem(
                f"{gate}({x1}, {x2}) returned {_fmt(out)}: a gate returns one number, 0 or 1"
            ) from None
        if value != out or value not in (0, 1):
            raise Problem(f"{gate}({x1}, {x2}) returned {_fmt(out)}: a gate returns 0 or 1")
        got.append(value)
    if got != expected:
        rows = ", ".join(f"({x1}, {x2})" for (x1, x2), g, e in zip(INPUTS.tolist(), got, expected) if g != e)
        message = f"your {gate} gives {got} for the inputs (0, 0), (1, 0), (0, 1), (1, 1); {gate} gives {expected} (wrong for {rows})"
        if got == [1 - e for e in expected]:
            message += ". Every row is the opposite: check the signs of the weights and the bias"
        elif got[0] == 1 and expected[0] == 0:
            message += ". For (0, 0) the weighted sum is just the bias b, so b decides that row"
        if gate == "XOR":
            message += ". (One perceptron cannot make XOR; combine the gates of section 7)"
        raise Problem(message)
    return "all four rows of the truth table"


def check_AND(func) -> bool:  # noqa: N802 (the book's name)
    """Check ``func(x1, x2)`` against AND's truth table."""
    return _report(lambda f: _check_gate(f, "AND"), func, "AND")


def check_NAND(func) -> bool:  # noqa: N802
    """Check ``func(x1, x2)`` against NAND's truth table."""
    return _report(lambda f: _check_gate(f, "NAND"), func, "NAND")


def check_OR(func) -> bool:  # noqa: N802
    """Check ``func(x1, x2)`` against OR's truth table."""
    return _report(lambda f: _check_gate(f, "OR"), func, "OR")


def check_XOR(func) -> bool:  # noqa: N802
    """Check ``func(x1, x2)`` against XOR's truth table."""
    return _report(lambda f: _check_gate(f, "XOR"), func, "XOR")


# ---- notebook 02: activation functions --------------------------------------------------------------


def _check_step(func) -> str:
    x = np.array([-1.0, 0.0, 2.0])
    out = _call(func, x, what="step_function([-1.0, 0.0, 2.0])")
    if np.asarray(out).dtype == bool:
        raise Problem(
            "step_function([-1.0, 0.0, 2.0]) returned True/False values; the next layer multiplies them by "
            "weights, so turn them into numbers 0 and 1"
        )
    _compare(out, [0.0, 0.0, 1.0], "step_function([-1.0, 0.0, 2.0])", rtol=0, atol=0)
    batch = np.array([[-0.5, 3.0], [0.0, 1e-9]])
    _compare(_call(func, batch, what="a 2 × 2 array"), step_function(batch), "a 2 × 2 array", rtol=0, atol=0)
    big = np.linspace(-5, 5, 11)
    _compare(
        _call(func, big, what="np.linspace(-5, 5, 11)"),
        step_function(big),
        "np.linspace(-5, 5, 11)",
        rtol=0,
        atol=0,
    )
    return "values on both sides of 0 and at 0 itself, a 2 × 2 array, numbers rather than True/False"


def check_step_function(func) -> bool:
    """Check a step function: h(x) = 1 for x > 0, else 0, element by element, as numbers."""
    return _report(_check_step, func, "step_function")


def _check_sigmoid(func) -> str:
    x = np.array([-2.0, -1.0, 0.0, 1.0, 2.0])
    _compare(
        _call(func, x, what="sigmoid([-2, -1, 0, 1, 2])"),
        sigmoid(x),
        "sigmoid([-2, -1, 0, 1, 2])",
        rtol=1e-12,
    )
    far = np.array([-1000.0, 0.0, 1000.0])
    _compare(
        _call(func, far, what="sigmoid([-1000, 0, 1000])"),
        sigmoid(far),
        "sigmoid([-1000, 0, 1000])",
        atol=1e-300,
    )
    batch = np.linspace(-30, 30, 12).reshape(3, 4)
    _compare(_call(func, batch, what="a 3 × 4 array"), sigmoid(batch), "a 3 × 4 array", rtol=1e-12)
    return "ordinary values, ±1000 without an overflow warning, a 3 × 4 array"


def check_sigmoid(func) -> bool:
    """Check a sigmoid: right values, and no overflow warning at x = -1000."""
    return _report(_check_sigmoid, func, "sigmoid")


# ---- notebook 03: softmax ---------------------------------------------------------------------------


def _check_softmax_vector(func) -> str:
    for a in ([0.3, 2.9, 4.0], [0.0, 0.0], [-3.0, 1.0, -1.0, 2.5]):
        a = np.array(a)
        what = f"softmax({_fmt(a)})"
        _compare(_call(func, a, what=what), softmax(a), what)
    big = np.array([1010.0, 1000.0, 990.0])
    what = "softmax([1010, 1000, 990])"
    try:
        _compare(_call(func, big, what=what), softmax(big), what)
    except Problem as problem:
        if "warned" in str(problem) or "nan" in str(problem):
            raise Problem(
                f"{problem}\n  e^1010 is too large for a float: subtract the largest score first"
            ) from None
        raise
    return "three vectors of scores, and scores around 1000 without overflow"


def check_softmax_vector(func) -> bool:
    """Check a softmax of one vector of scores: right values, no overflow for large scores."""
    return _report(_check_softmax_vector, func, "softmax")


def _check_softmax(func) -> str:
    a = np.array([0.3, 2.9, 4.0])
    _compare(_call(func, a, what="softmax([0.3, 2.9, 4.0])"), softmax(a), "softmax([0.3, 2.9, 4.0])")
    big = np.array([1010.0, 1000.0, 990.0])
    what = "softmax([1010, 1000, 990])"
    try:
        _compare(_call(func, big, what=what), softmax(big), what)
    except Problem as problem:
        if "warned" in str(problem) or "nan" in str(problem):
            raise Problem(
                f"{problem}\n  e^1010 is too large for a float: subtract the largest score first"
            ) from None
        raise
    batch = np.array([[0.3, 2.9, 4.0], [1010.0, 1000.0, 990.0], [0.0, 0.0, 0.0], [-1.0, 5.0, 2.0]])
    what = "a batch of 4 rows of 3 scores"
    one_max = (
        f"{what}: some rows come out wrong. One largest score for the whole batch is too much for the rows "
        "with small scores (e^(4 - 1010) is 0): each row needs its own largest score (np.max with axis and keepdims)"
    )
    try:
        out = _call(func, batch, what=what)
    except Problem as problem:
        if "invalid value" in str(problem) or "divide by zero" in str(problem):
            raise Problem(one_max) from None
        raise
    arr = np.asarray(out, dtype=float) if np.asarray(out).dtype.kind in "biuf" else None
    if arr is not None and arr.shape == batch.shape and not np.allclose(arr.sum(axis=1), 1.0):
        if np.allclose(arr.sum(axis=0), 1.0):
            raise Problem(
                f"{what}: your columns each sum to 1, the rows do not. Each row is one example: softmax must "
                "work along each row (the last axis), not down the columns"
            )
        if np.isnan(arr).any() or np.allclose(arr[1], softmax(batch[1])):
            raise Problem(one_max)
    _compare(out, softmax(batch), what)
    x32 = batch.astype(np.float32)
    _compare(
        _call(func, x32, what="the batch in float32"),
        softmax(x32),
        "the batch in float32",
        rtol=1e-5,
        dtype=np.float32,
    )
    return "the book's example, scores around 1000 without overflow, a batch row by row, float32 kept"


def check_softmax(func) -> bool:
    """Check a softmax for a batch: probabilities per row, no overflow, float32 kept."""
    return _report(_check_softmax, func, "softmax")


# ---- notebook 04: the forward pass ------------------------------------------------------------------


def _check_layer2(func) -> str:
    net = init_network()
    w2, b2 = net["W2"], net["b2"]
    z1 = np.array([0.57444252, 0.66818777, 0.75026011])
    what = "layer 2 for Z1 = [0.5744, 0.6682, 0.7503]"
    out = _call(func, z1, w2, b2, what=what)
    arr = np.asarray(out)
    if arr.shape == (2,) and np.allclose(arr, z1 @ w2):
        raise Problem(f"{what}: {_fmt(arr)} is Z1 W2 without the bias b2; A2 = Z1 W2 + b2")
    if arr.shape == (2,) and np.allclose(arr, sigmoid(z1 @ w2 + b2)):
        raise Problem(f"{what}: {_fmt(arr)} is already h(A2); the exercise asks for A2 itself, before h")
    _compare(out, z1 @ w2 + b2, what)
    batch = np.array([[0.5, 0.6, 0.7], [0.1, 0.0, 0.9]])
    _compare(_call(func, batch, w2, b2, what="a batch of 2 rows"), batch @ w2 + b2, "a batch of 2 rows")
    return "the book's Z1, a batch of two rows"


def check_layer2(func) -> bool:
    """Check ``func(Z1, W2, b2)``, which returns layer 2's weighted sums A2 = Z1 W2 + b2."""
    return _report(_check_layer2, func, "layer 2")


def _check_forward(func) -> str:
    net = init_network()
    x = np.array([1.0, 0.5])
    what = "forward(init_network(), [1.0, 0.5])"
    out = _call(func, init_network(), x, what=what)
    arr = np.asarray(out)
    if arr.shape == (2,) and not np.allclose(arr, forward(net, x)):
        for k in (1, 2, 3):
            without = dict(net, **{f"b{k}": np.zeros_like(net[f"b{k}"])})
            if np.allclose(arr, forward(without, x)):
                raise Problem(
                    f"{what}: gives {_fmt(arr)}, which is what the network gives without b{k}: add the bias of layer {k}"
                )
        if np.allclose(arr, forward(net, x, output=sigmoid)):
            raise Problem(f"{what}: gives {_fmt(arr)}: the output layer uses the identity, not the sigmoid")
    _compare(out, forward(net, x), what, rtol=1e-9)
    batch = np.array([[1.0, 0.5], [0.0, 0.0], [-1.0, 2.0]])
    _compare(
        _call(func, init_network(), batch, what="a batch of 3 inputs"),
        forward(net, batch),
        "a batch of 3 inputs",
        rtol=1e-9,
    )
    other = {k: v * 2 for k, v in net.items()}
    _compare(
        _call(func, other, x, what="another network (all weights doubled)"),
        forward(other, x),
        "another network (all weights doubled)",
        rtol=1e-9,
    )
    return "the book's example, a batch of three inputs, another network's weights"


def check_forward(func) -> bool:
    """Check ``func(network, x)``: the 3-layer forward pass (sigmoid hidden layers, identity output)."""
    return _report(_check_forward, func, "forward")


# ---- notebook 05: MNIST -----------------------------------------------------------------------------


def _mnist_like(n: int, seed: int = 0):
    """A small network of the MNIST shape and n images (random: the check needs no download)."""
    rng = np.random.default_rng(seed)
    sizes = [784, 50, 100, 10]
    net = {}
    for k in range(1, 4):
        net[f"W{k}"] = rng.normal(0, 1 / np.sqrt(sizes[k - 1]), (sizes[k - 1], sizes[k])).astype(np.float32)
        net[f"b{k}"] = rng.normal(0, 0.1, sizes[k]).astype(np.float32)
    x = rng.random((n, 784), dtype=np.float32)
    return net, x


def _check_mnist_forward(func) -> str:
    net, x = _mnist_like(100)
    what = "a batch of 100 images (float32)"
    out = _call(func, net, x, what=what)
    arr = np.asarray(out)
    if arr.shape == (100, 10) and arr.dtype.kind == "f" and not np.allclose(arr.sum(axis=1), 1.0, atol=1e-4):
        if np.allclose(arr, forward(net, x), rtol=1e-4, atol=1e-5):
            raise Problem(f"{what}: the rows do not sum to 1: the output layer needs softmax")
    _compare(out, forward(net, x, output="softmax"), what, rtol=1e-4, atol=1e-6, dtype=np.float32)
    one = _call(func, net, x[0], what="one image, shape (784,)")
    _compare(one, forward(net, x[0], output="softmax"), "one image, shape (784,)", rtol=1e-4, atol=1e-6)
    return "a batch of 100, one image, softmax rows summing to 1, float32 kept"


def check_mnist_forward(func) -> bool:
    """Check ``func(network, x)`` for the MNIST network: sigmoid, sigmoid, softmax; float32 kept."""
    return _report(_check_mnist_forward, func, "MNIST forward")


def _reference_accuracy(network, x, t, batch_size=100):
    right = 0
    for i in range(0, len(x), batch_size):
        y = forward(network, x[i : i + batch_size], output="softmax")
        right += int(np.sum(np.argmax(y, axis=1) == t[i : i + batch_size]))
    return right / len(x)


def _check_accuracy(func) -> str:
    net, x = _mnist_like(2050, seed=1)
    t = np.argmax(forward(net, x), axis=1).astype(np.uint8)
    t[::3] = (t[::3] + 1) % 10  # a third of the labels wrong: the accuracy is about 2/3
    what = "2050 images in batches of 100"
    out = _call(func, net, x, t, 100, what=what)
    expected = _reference_accuracy(net, x, t)
    try:
        value = float(out)
    except (TypeError, ValueError):
        raise Problem(f"{what}: returned {_fmt(out)}; accuracy is one number between 0 and 1") from None
    if np.isclose(value, expected * len(x)):
        raise Problem(
            f"{what}: returned {value:g}, the number of right answers; accuracy divides it by the number of images"
        )
    if np.isclose(value, _reference_accuracy(net, x[:2000], t[:2000]) * 2000 / 2050) or np.isclose(
        value, _reference_accuracy(net, x[:2000], t[:2000])
    ):
        raise Problem(
            f"{what}: returned {value:.4f}, expected {expected:.4f}: the last 50 images (a short last batch) were left out"
        )
    _compare(value, expected, what, rtol=1e-9)
    _speed(func, _reference_accuracy, net, x, t, 100, what=what)
    return "2050 images (with a short last batch), a fraction between 0 and 1, batches rather than a loop"


def check_accuracy(func) -> bool:
    """Check ``func(network, x, t, batch_size)``: the accuracy, computed in batches."""
    return _report(_check_accuracy, func, "accuracy")
