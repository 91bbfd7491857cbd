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
    ("core dimension", "the shapes of the arrays do not fit together: print their .shape to see them"),
    (
        "out of bounds for array of dimension 1",
        "a vector has only one axis; the last axis (number -1) works for one vector and for a batch alike",
    ),
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


def _copy(arg):
    if isinstance(arg, np.ndarray):
        return arg.copy()
    if type(arg) is dict:
        return {k: _copy(v) for k, v in arg.items()}
    return arg


def _same(a, b) -> bool:
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and a.shape == b.shape and np.array_equal(a, b, equal_nan=True)
    if type(a) is dict:
        return type(b) is dict and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return True


def _call(func, *args, what: str):
    """``func(*args)`` on copies of the arguments, or a Problem saying what went wrong (an error, a
    NumPy warning, no result, or a change to the arguments it was given)."""
    given = [_copy(a) for a in args]
    with (
        warnings.catch_warnings(record=True) as caught,
        np.errstate(over="warn", divide="warn", invalid="warn"),
    ):
        warnings.simplefilter("always")
        try:
            out = func(*given)
        except NotImplementedError as err:
            tb = err.__traceback__
            while tb.tb_next is not None:  # the function that still raises: maybe one the learner's calls
                tb = tb.tb_next
            inner = tb.tb_frame.f_code
            raise NotDone("" if inner is getattr(func, "__code__", None) else inner.co_name) from None
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
    if not all(_same(given_arg, arg) for given_arg, arg in zip(given, args)):
        raise Problem(
            f"{what}: your function changed the array it was given. It should leave its input alone and "
            "return a new array (`x -= ...` or `out=x` inside a function change the caller's data too)"
        )
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
    where = (
        f"position {k[0]}"
        if arr.ndim == 1
        else f"row {k[0]}, column {k[1]}"
        if arr.ndim == 2
        else f"position {k}"
    )
    shown_e, shown_g, label = expected, arr, ""
    if arr.ndim == 2 and arr.shape[0] > 1:  # a batch: show the row that is wrong
        shown_e, shown_g, label = expected[k[0]], arr[k[0]], f" (row {k[0]})"
    raise Problem(
        f"{what}: wrong value at {where}: expected {_fmt(expected[k])}, got {_fmt(arr[k])}\n"
        f"  expected{label} {_fmt(shown_e)}\n  got{label}      {_fmt(shown_g)}"
    )


def _report(check, func, title: str) -> bool:
    """Run one check and print its verdict; True if everything passed."""
    if not callable(func):
        print(f"✗ {title}: pass your function itself, e.g. check(my_function), not {type(func).__name__}.")
        return False
    name = getattr(func, "__name__", "your function")
    try:
        checked = check(func)
    except NotDone as not_done:
        inner = str(not_done)
        if inner and inner != name and not inner.startswith("<"):
            name = f"{inner}`, which `{name}` uses,"
            print(f"… {title}: not done yet. Fill in `{name} above, then run the cell again.")
            return False
        print(
            f"… {title}: not done yet. Fill in `{name}` above (replace the `raise NotImplementedError` line), "
            "then run the cell again."
        )
        return False
    except Problem as problem:
        print(f"✗ {title}: {problem}")
        return False
    print(f"✓ {title}: all checks passed ({checked}).")
    return True


# ---- notebook 01: the perceptron --------------------------------------------------------------------

_TABLES = {"AND": AND, "NAND": NAND, "OR": OR, "XOR": XOR}


def _check_gate(func, gate: str) -> str:
    expected = [int(v) for v in _TABLES[gate](INPUTS[:, 0], INPUTS[:, 1])]
    got = []
    for x1, x2 in INPUTS.tolist():
        out = _call(func, x1, x2, what=f"{gate}({x1}, {x2})")
        if isinstance(out, (bool, np.bool_)):
            raise Problem(
                f"{gate}({x1}, {x2}) returned {out}: a gate returns the numbers 0 or 1, not True/False."
            )
        if isinstance(out, str):
            raise Problem(f"{gate}({x1}, {x2}) returned the text {out!r}: a gate returns the numbers 0 or 1.")
        try:
            value = int(out)
        except (TypeError, ValueError):
            raise Problem(
                f"{gate}({x1}, {x2}) returned {_fmt(out)}: a gate returns one number, 0 or 1."
            ) from None
        if value != out or value not in (0, 1):
            raise Problem(f"{gate}({x1}, {x2}) returned {_fmt(out)}: a gate returns 0 or 1.")
        got.append(value)
    if got != expected:
        rows = ", ".join(f"({x1}, {x2})" for (x1, x2), g, e in zip(INPUTS.tolist(), got, expected) if g != e)
        message = f"your {gate} gives {got} for the inputs (0, 0), (1, 0), (0, 1), (1, 1); {gate} gives {expected} (wrong for {rows})"
        if got == [1 - e for e in expected]:
            message += ". Every row is the opposite: check the signs of the weights and the bias."
        elif got[0] != expected[0]:
            message += ". For (0, 0) the weighted sum is just the bias b, so b decides that row."
        else:
            message += "."
        if gate == "XOR":
            message += " (If you used one perceptron: no weights make XOR. Section 7 builds it from gates.)"
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
    what = "sigmoid([-2, -1, 0, 1, 2])"
    out = _call(func, x, what=what)
    arr = np.asarray(out)
    if arr.shape == x.shape and arr.dtype.kind == "f" and np.allclose(arr, 1 - sigmoid(x)):
        raise Problem(
            f"{what}: gives {_fmt(arr)}, the curve mirrored (falling, not rising): check the sign of the exponent"
        )
    _compare(out, sigmoid(x), what, rtol=1e-12)
    far = np.array([-1000.0, 0.0, 1000.0])
    _compare(
        _call(func, far, what="sigmoid([-1000, 0, 1000])"),
        sigmoid(far),
        "sigmoid([-1000, 0, 1000])",
        atol=1e-100,  # e.g. clipping x to ±500 gives 7e-218 for the true 0: fine
    )
    batch = np.linspace(-30, 30, 12).reshape(3, 4)
    _compare(_call(func, batch, what="a 3 × 4 array"), sigmoid(batch), "a 3 × 4 array", rtol=1e-12)
    return "ordinary values, ±1000 without an overflow warning, a 3 × 4 array"


def check_sigmoid(func) -> bool:
    """Check a sigmoid: right values, and no overflow warning at x = -1000."""
    return _report(_check_sigmoid, func, "sigmoid")


# ---- notebook 03: softmax ---------------------------------------------------------------------------


def _check_scores(func, vectors) -> None:
    """Softmax of each 1-D vector of scores, then of [1010, 1000, 990], which overflows unless the
    largest score is subtracted first."""
    for a in vectors:
        a = np.array(a)
        what = f"softmax([{', '.join(repr(float(v)) for v in a)}])"  # as a learner would type it
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


def _check_softmax_vector(func) -> str:
    _check_scores(func, ([0.3, 2.9, 4.0], [0.0, 0.0], [-3.0, 1.0, -1.0, 2.5]))
    return "three vectors of scores, and scores around 1000 without overflow"


def check_softmax_vector(func) -> bool:
    """Check a softmax of one vector of scores: right values, no overflow for large scores."""
    return _report(_check_softmax_vector, func, "softmax (one vector)")


def _check_softmax(func) -> str:
    _check_scores(func, ([0.3, 2.9, 4.0],))
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
        if np.isclose(arr.sum(), 1.0):
            raise Problem(
                f"{what}: the whole batch sums to 1, but each row should: the sum at the bottom of the "
                "fraction is each row's own sum"
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
    return _report(_check_softmax, func, "softmax (batch)")


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
        if np.allclose(arr.sum(axis=0), 1.0, atol=1e-4) or np.isclose(arr.sum(), 1.0, atol=1e-4):
            raise Problem(
                f"{what}: the rows do not sum to 1 (each row is one image's 10 probabilities): softmax must "
                "work along each row, the last axis"
            )
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


class _Reads(dict):
    """A network that counts how often each of its arrays is read: a loop over the images reads W1
    once per image, a loop over batches once per batch."""

    def __init__(self, *args):
        super().__init__(*args)
        self.reads = 0

    def __getitem__(self, key):
        if key == "W1":
            self.reads += 1
        return super().__getitem__(key)


def _check_accuracy(func) -> str:
    net, x = _mnist_like(2050, seed=1)
    t = np.argmax(forward(net, x), axis=1).astype(np.uint8)
    t[::3] = (t[::3] + 1) % 10  # a third of the labels wrong: the accuracy is about 2/3
    expected = _reference_accuracy(net, x, t)
    what = "2050 images in batches of 100"
    counted = _Reads(net)
    out = _call(func, counted, x, t, 100, what=what)
    if isinstance(out, (list, tuple, np.ndarray)) and np.size(out) != 1:
        raise Problem(f"{what}: returned {len(out)} numbers; accuracy is one number between 0 and 1")
    try:
        value = float(out)
    except (TypeError, ValueError):
        raise Problem(f"{what}: returned {_fmt(out)}; accuracy is one number between 0 and 1") from None
    if np.isclose(value, expected * len(x)):
        raise Problem(
            f"{what}: returned {value:g}, the number of right answers; accuracy divides it by the number of images"
        )
    first_2000 = _reference_accuracy(net, x[:2000], t[:2000])
    if np.isclose(value, first_2000 * 2000 / 2050) or np.isclose(value, first_2000):
        raise Problem(
            f"{what}: returned {value:.4f}, expected {expected:.4f}: the last 50 images (a short last batch) "
            "were left out"
        )
    batches = [_reference_accuracy(net, x[i : i + 100], t[i : i + 100]) for i in range(0, len(x), 100)]
    if not np.isclose(value, expected) and np.isclose(value, np.mean(batches)):
        raise Problem(
            f"{what}: returned {value:.4f}, expected {expected:.4f}: the average of the batches' accuracies "
            "counts the short last batch (50 images) as much as a full one; count right answers instead"
        )
    if value < expected / 2:
        try:
            _compare(value, expected, what, rtol=1e-9)
        except Problem as problem:
            raise Problem(
                f"{problem}\n  (Does np.argmax pick the largest value of each row, with axis=1?)"
            ) from None
    _compare(value, expected, what, rtol=1e-9)
    if counted.reads > len(x) // 2:
        raise Problem(
            f"{what}: right, but your function ran the network {counted.reads} times, once per image. Give it "
            "a whole batch of 100 images at once: that is the point of this exercise (and many times faster)"
        )
    bigger = _Reads(net)
    _compare(_call(func, bigger, x, t, 512, what="batch_size=512"), expected, "batch_size=512", rtol=1e-9)
    if counted.reads > 1 and bigger.reads == counted.reads:
        raise Problem(
            f"batch_size=512: the network ran {bigger.reads} times, as many as with batch_size=100: your "
            "function does not use its batch_size argument"
        )
    return "2050 images (a short last batch too), a fraction between 0 and 1, whole batches, batch_size used"


def check_accuracy(func) -> bool:
    """Check ``func(network, x, t, batch_size)``: the accuracy, computed in batches."""
    return _report(_check_accuracy, func, "accuracy")
