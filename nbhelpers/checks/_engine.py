"""The engine every check shares: run the learner's function, compare its result, print one verdict.

:func:`_call` runs the learner's code on copies of its arguments and turns what went wrong into a typed
:class:`Problem`; :func:`_compare` compares one result with the expected one; :func:`_report` prints the
verdict; :func:`check` registers a check in :data:`REGISTRY`. The checks branch on the problem's type and
attributes (``except (Warned, GotNaN)``, ``problem.event == "divide"``), never on the text of its message.
"""

from __future__ import annotations

import functools
import inspect
import warnings
from typing import Callable, NamedTuple

import numpy as np

# ---- the problems: the first thing found wrong ------------------------------------------------------


class Problem(Exception):
    """The first thing found wrong: its message (``str(problem)``) is what the learner reads.

    A check raises a plain ``Problem`` for a mistake it recognises itself; the engine raises the
    subclasses below, which carry what they found as attributes.
    """

    def __init__(self, message: str, what: str = ""):
        super().__init__(message)
        self.message, self.what = message, what

    def __str__(self) -> str:
        return self.message

    def add(self, text: str) -> Problem:
        """Append ``text`` (a hint for this exercise) to the message and return the same problem."""
        self.message += text
        return self


class Raised(Problem):
    """The function raised ``error`` (an exception of the learner's code); ``hint`` says what it usually means."""

    def __init__(self, what: str, error: Exception):
        self.error = error
        text = str(error).strip()
        first_line = text.splitlines()[0] if text else ""
        hints = [hint for piece, hint in _HINTS if piece in str(error)]
        self.hint = hints[0] if hints else None
        message = f"{what}: your function raised {type(error).__name__}: {first_line}"
        super().__init__(message + (f"\n  (Usually this means: {self.hint}.)" if self.hint else ""), what)


#: The floating-point events NumPy warns about, by the start of its warning's text.
_EVENTS = {
    "overflow encountered": "overflow",
    "invalid value encountered": "invalid",
    "divide by zero encountered": "divide",
    "underflow encountered": "underflow",
}


def _event(text: str) -> str:
    """The floating-point event a RuntimeWarning's text reports, or "other" (e.g. "Mean of empty slice")."""
    return next((event for start, event in _EVENTS.items() if text.startswith(start)), "other")


class Warned(Problem):
    """The function made NumPy (or other code) issue a RuntimeWarning.

    ``text`` is the warning's text; ``event`` is "overflow", "invalid", "divide", "underflow" or "other".
    """

    def __init__(self, what: str, text: str):
        self.text, self.event = text, _event(text)
        super().__init__(f'{what}: NumPy warned "{text}". The result should come without a warning.', what)


class ReturnedNone(Problem):
    """The function returned None."""

    def __init__(self, what: str):
        super().__init__(f"{what}: your function returned None. Did you forget `return`?", what)


class ChangedInput(Problem):
    """The function changed an array it was given."""

    def __init__(self, what: str):
        super().__init__(
            f"{what}: your function changed the array it was given. It should leave its input alone and "
            "return a new array (`x -= ...` or `out=x` inside a function change the caller's data too)",
            what,
        )


class NotNumbers(Problem):
    """The result is not numbers: ``got`` is it, ``dtype`` its dtype (None if it is no array at all)."""

    def __init__(self, what: str, got, dtype=None):
        self.got, self.dtype = got, dtype
        kind = type(got).__name__
        of = f" of dtype {dtype}" if dtype is not None else ""
        super().__init__(f"{what}: your function returned {kind}{of}, not numbers", what)


class WrongShape(Problem):
    """The result has ``shape``, not ``expected``."""

    def __init__(self, what: str, shape: tuple, expected: tuple):
        self.shape, self.expected = shape, expected
        extra = ""
        if shape == (1, *expected):
            extra = " (an extra pair of brackets around the result: is something stored as a 1 × n matrix?)"
        elif len(shape) == len(expected) == 2 and shape == expected[::-1]:
            extra = " (rows and columns swapped)"
        super().__init__(f"{what}: the result has shape {shape}, expected {expected}{extra}", what)


class WrongDtype(Problem):
    """The result has ``dtype``, not the input's ``expected`` dtype."""

    def __init__(self, what: str, dtype, expected):
        self.dtype, self.expected = np.dtype(dtype), np.dtype(expected)
        super().__init__(
            f"{what}: {self.expected.name} input gave a {self.dtype} result; keep the input's type "
            f"(a step such as np.array(x, dtype=float) or a float64 constant turns float32 into float64)",
            what,
        )


class GotNaN(Problem):
    """The result holds NaN at ``position`` (a tuple), where a number was expected."""

    def __init__(self, what: str, position: tuple, expected):
        self.position = position
        super().__init__(
            f"{what}: got nan (not a number) at position {position}, expected {_fmt(expected)}", what
        )


class WrongValue(Problem):
    """The result is a number off at ``position`` (a tuple: ``()`` for one number)."""

    def __init__(self, what: str, message: str, position: tuple = ()):
        self.position = position
        super().__init__(f"{what}: {message}", what)


class NotDone(Exception):
    """The exercise's skeleton still raises NotImplementedError (the message names the function that does)."""


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


# ---- values ----------------------------------------------------------------------------------------


def _fmt(value) -> str:
    """An input or output, short enough for one line (whatever the learner's function returned)."""
    try:
        arr = np.asarray(value)
        if arr.dtype.kind == "f":
            formatter = {"float_kind": lambda v: f"{v:.6g}"}
            text = np.array2string(arr, separator=", ", formatter=formatter, threshold=12, edgeitems=3)
        else:
            text = np.array2string(arr, separator=", ", threshold=12, edgeitems=3)
    except Exception:  # a ragged list, an object whose repr fails, ...
        try:
            text = repr(value)
        except Exception:
            text = f"a {type(value).__name__}"
        text = text if len(text) <= 80 else text[:77] + "..."
    return " ".join(text.split())


def _numbers(value) -> np.ndarray | None:
    """``value`` as an array of numbers (bool, int or float), or None if it is not one: for the checks'
    own looks at a result before :func:`_compare` judges it."""
    try:
        arr = np.asarray(value)
    except Exception:
        return None
    return arr if arr.dtype.kind in "biuf" else None


def _scalar(value):
    """``value`` if it is one real number (a Python or NumPy number; for an array holding one number, that
    number), else None: for the checks that expect one number, without NumPy's warnings about turning a
    complex number or an array into one."""
    if isinstance(value, np.ndarray):
        return value.reshape(-1)[0] if value.size == 1 and value.dtype.kind in "biuf" else None
    if isinstance(value, (complex, np.complexfloating, str, bytes)):
        return None
    return value


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


# ---- running, comparing, reporting ------------------------------------------------------------------


def _call(func, *args, what: str):
    """``func(*args)`` on copies of the arguments, or a :class:`Problem` saying what went wrong: an error
    (:class:`Raised`), a RuntimeWarning (:class:`Warned`), no result (:class:`ReturnedNone`), or a change
    to the arguments it was given (:class:`ChangedInput`). Underflow is no mistake (e^-1000 is 0): it is
    reported only if the learner's own code asks NumPy to warn about it."""
    given = [_copy(a) for a in args]
    with (
        warnings.catch_warnings(record=True) as caught,
        np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"),
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
            raise Raised(what, err) from None
    runtime = [w for w in caught if issubclass(w.category, RuntimeWarning)]
    if runtime:
        raise Warned(what, str(runtime[0].message))
    if out is None:
        raise ReturnedNone(what)
    if not all(_same(given_arg, arg) for given_arg, arg in zip(given, args)):
        raise ChangedInput(what)
    return out


def _compare(got, expected, what: str, *, rtol=1e-7, atol=1e-12, dtype=None) -> np.ndarray:
    """Check one result against the expected one: numbers, shape, dtype (if given), values."""
    try:
        arr = np.asarray(got)
    except Exception:
        raise NotNumbers(what, got) from None
    expected = np.asarray(expected)
    if arr.dtype.kind not in "biuf":
        raise NotNumbers(what, got, arr.dtype)
    if arr.shape != expected.shape:
        raise WrongShape(what, arr.shape, expected.shape)
    if dtype is not None and arr.dtype != dtype:
        raise WrongDtype(what, arr.dtype, dtype)
    if np.any(np.isnan(arr) & ~np.isnan(expected)):
        k = tuple(int(i) for i in np.argwhere(np.isnan(arr) & ~np.isnan(expected))[0])
        raise GotNaN(what, k, expected[k])
    if not np.allclose(arr, expected, rtol=rtol, atol=atol):
        _wrong_values(arr, expected, what, rtol, atol)
    return arr


def _wrong_values(arr, expected, what, rtol, atol):
    """Raise :class:`WrongValue` for the first value of ``arr`` not close to ``expected``."""
    bad = ~np.isclose(arr, expected, rtol=rtol, atol=atol)
    if arr.ndim == 0:
        raise WrongValue(what, f"expected {_fmt(expected)}, got {_fmt(arr)}")
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
    raise WrongValue(
        what,
        f"wrong value at {where}: expected {_fmt(expected[k])}, got {_fmt(arr[k])}\n"
        f"  expected{label} {_fmt(shown_e)}\n  got{label}      {_fmt(shown_g)}",
        k,
    )


def _report(body, func, title: str) -> bool:
    """Run one check's ``body`` on ``func`` and print its verdict; True if everything passed.

    The check's own arithmetic on what the learner returned (sums, comparisons) runs with NumPy's
    warnings off: a wild result gets a verdict, never a warning from the check itself.
    """
    if not callable(func):
        print(f"✗ {title}: pass your function itself, e.g. check(my_function), not {type(func).__name__}.")
        return False
    name = getattr(func, "__name__", "your function")
    try:
        with np.errstate(all="ignore"):
            checked = body(func)
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


# ---- the registry -----------------------------------------------------------------------------------


class Check(NamedTuple):
    """One registered check."""

    name: str  #: "check_AND": the public name
    title: str  #: "AND": how the verdict line names it
    concept: str  #: "perceptron": the module of nbhelpers.checks (and of the core) it belongs to
    function: Callable[[object], bool]  #: the public check: prints the verdict, returns True if all passed
    body: Callable[[object], str]  #: raises a Problem (or NotDone), or returns what was checked


#: Every check, by its public name (the order is that of the imports in ``checks/__init__.py``).
REGISTRY: dict[str, Check] = {}


def check(title: str):
    """Decorator: turn ``def check_X(func) -> str`` (which raises a :class:`Problem` or returns what it
    checked) into the public ``check_X(func) -> bool`` that prints the verdict, and register it.

    >>> @check("double")
    ... def check_double(func):
    ...     '''Check ``func(x)`` = 2x.'''
    ...     _compare(_call(func, 3.0, what="double(3.0)"), 6.0, "double(3.0)")
    ...     return "one number"
    >>> check_double(lambda x: x + x)
    ✓ double: all checks passed (one number).
    True
    >>> check_double(lambda x: x * x)
    ✗ double: double(3.0): expected 6, got 9
    False
    >>> REGISTRY.pop("check_double").title
    'double'
    """

    def register(body: Callable[[object], str]) -> Callable[[object], bool]:
        def public(func) -> bool:
            return _report(body, func, title)

        functools.update_wrapper(public, body)  # name, docstring, module; __wrapped__ for inspect.getsource
        public.__signature__ = inspect.signature(body).replace(return_annotation=bool)  # (func) -> bool
        public.__annotations__ = {**body.__annotations__, "return": bool}
        concept = body.__module__.rpartition(".")[2]
        known = REGISTRY.get(body.__name__)
        if known is not None and known.concept != concept:
            raise ValueError(f"{body.__name__} is registered twice: in {known.concept} and in {concept}")
        REGISTRY[body.__name__] = Check(body.__name__, title, concept, public, body)
        return public

    return register
