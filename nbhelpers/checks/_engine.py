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

from ._problems import (  # noqa: F401 (the checks import them from here, with the engine)
    ChangedInput,
    GotNaN,
    NotDone,
    NotNumbers,
    Problem,
    Raised,
    ReturnedNone,
    Warned,
    WrongDtype,
    WrongShape,
    WrongValue,
    _fmt,
)

# ---- values ----------------------------------------------------------------------------------------


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


def _call(func, *args, what: str, in_place: bool = False):
    """``func(*args)`` on copies of the arguments, or a :class:`Problem` saying what went wrong: an error
    (:class:`Raised`), a RuntimeWarning (:class:`Warned`), no result (:class:`ReturnedNone`), or a change
    to the arguments it was given (:class:`ChangedInput`). Underflow is no mistake (e^-1000 is 0): it is
    reported only if the learner's own code asks NumPy to warn about it.

    ``in_place=True`` is for a function whose job is to change its arguments (an optimizer's update): it
    gets the arguments themselves, for the check to look at afterwards; None is then a result like any
    other, and a changed argument no problem (the check judges the changes itself)."""
    given = list(args) if in_place else [_copy(a) for a in args]
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
    if in_place:
        return out
    if out is None:
        raise ReturnedNone(what)
    if not all(_same(given_arg, arg) for given_arg, arg in zip(given, args)):
        raise ChangedInput(what)
    return out


def _one_number(out, what: str, noun: str, why_shape=None) -> np.ndarray:
    """The learner's result as one number (a 0-d array of its own dtype), or the problem with it: ``noun``
    says what the number is ("the slope at one point"), ``why_shape(shape)`` may add what a wrong shape
    usually means."""
    if callable(out):
        raise Problem(f"{what}: your function returned a function (f itself?), not {noun}, one number", what)
    if isinstance(out, (tuple, list)) and any(isinstance(v, (np.ndarray, tuple, list)) for v in out):
        raise Problem(
            f"{what}: your function returned {len(out)} things at once (a {type(out).__name__}); {noun} is one "
            "number",
            what,
        )
    try:
        arr = np.asarray(out)
    except Exception:
        raise NotNumbers(what, out) from None
    if arr.dtype.kind not in "biuf":
        raise NotNumbers(what, out, arr.dtype)
    if arr.shape == ():
        return arr
    extra = why_shape(arr.shape) if why_shape is not None else ""
    if arr.size == 1:
        raise Problem(
            f"{what}: your function returned {_fmt(out)}, a {type(out).__name__} of shape {arr.shape} holding one "
            f"number; return the number itself ({noun} is one number){extra}",
            what,
        )
    raise Problem(
        f"{what}: your function returned {arr.size} numbers (shape {arr.shape}); {noun} is one number{extra}",
        what,
    )


def _tolerance(dtype, condition: float = 1.0) -> float:
    """The relative tolerance for a result computed in ``dtype``: 64 units of its rounding error (eps)
    times ``condition`` (how much the computation magnifies rounding: e.g. the size of the scores for a
    softmax), and never below 1e-7. float64: 1e-7; float32: 7.6e-6 × condition."""
    eps = float(np.finfo(dtype).eps) if np.dtype(dtype).kind == "f" else float(np.finfo(float).eps)
    return max(1e-7, 64 * eps * max(1.0, float(condition)))


def _compare(
    got, expected, what: str, *, rtol=None, atol=None, dtype=None, condition=1.0, slips=None
) -> np.ndarray:
    """Check one result against the expected one: numbers, shape, dtype (if given), values.

    The tolerance comes from the precision of the result (the lower of the result's and the expected
    dtype's), see :func:`_tolerance`, unless ``rtol``/``atol`` are given. ``slips`` maps what a usual
    mistake means (the learner reads it) to the result that mistake gives: a wrong result that is one of
    them is named."""
    if isinstance(got, (tuple, list)) and any(isinstance(v, (np.ndarray, tuple, list)) for v in got):
        problem = NotNumbers(what, got)
        problem.message = (
            f"{what}: your function returned {len(got)} things at once (a {type(got).__name__}: "
            f"{_fmt(got)}); it should return one array"
        )
        raise problem
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
    precisions = [d for d in (arr.dtype, expected.dtype) if d.kind == "f"]
    coarsest = max(precisions, key=lambda d: np.finfo(d).eps) if precisions else np.dtype(float)
    rtol = _tolerance(coarsest, condition) if rtol is None else rtol
    atol = rtol * 1e-5 if atol is None else atol
    if not np.allclose(arr, expected, rtol=rtol, atol=atol):
        _name_slip(arr, expected, slips, what, rtol, atol)
        _wrong_values(arr, expected, what, rtol, atol)
    return arr


def _name_slip(arr, expected, slips, what: str, rtol: float, atol: float) -> None:
    """Raise :class:`WrongValue` naming the first of ``slips`` (what a usual mistake means → the result it
    gives) that ``arr`` is, among those that change the result here."""
    arr = np.asarray(arr)
    for slip, result in (slips or {}).items():
        result = np.asarray(result)
        if result.shape != arr.shape or np.allclose(result, expected, rtol=rtol, atol=atol):
            continue  # (a slip that changes nothing here, e.g. b2 for b3 where they are equal)
        if np.allclose(arr, result, rtol=max(rtol, 1e-6), atol=atol):
            raise WrongValue(what, f"gives {_fmt(arr)}: {slip}")


def _alike(a, b) -> tuple[str, str]:
    """``a`` and ``b`` written with as many digits as it takes to tell them apart (6 to 17)."""
    for digits in range(6, 18):
        ta, tb = f"{float(a):.{digits}g}", f"{float(b):.{digits}g}"
        if ta != tb:
            return ta, tb
    return ta, tb


def _wrong_values(arr, expected, what, rtol, atol):
    """Raise :class:`WrongValue` for the first value of ``arr`` not close to ``expected``."""
    bad = ~np.isclose(arr, expected, rtol=rtol, atol=atol)
    k = tuple(int(i) for i in np.argwhere(bad)[0]) if arr.ndim else ()
    shown_expected, shown_got = _fmt(expected[k]), _fmt(arr[k])
    if shown_expected == shown_got:  # they print alike: show the digits where they differ
        shown_expected, shown_got = _alike(expected[k], arr[k])
    note = ""
    rounded = [d for d in range(1, 10) if np.allclose(arr, np.round(expected, d), rtol=0, atol=1e-12)]
    if rounded and arr.dtype.kind == "f":
        note = (
            f"\n  (your numbers are the right ones rounded to {rounded[0]} decimals: does your function compute "
            "them from its arguments, or were they copied from a printout?)"
        )
    elif arr.dtype.kind == "f" and np.finfo(arr.dtype).eps > np.finfo(expected.dtype).eps:
        note = (
            f"\n  (your result is {arr.dtype}: {np.finfo(arr.dtype).precision} digits only; "
            f"somewhere a {arr.dtype} step lost the precision of the {expected.dtype} input)"
        )
    if arr.ndim == 0:
        raise WrongValue(what, f"expected {shown_expected}, got {shown_got}{note}")
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
        f"wrong value at {where}: expected {shown_expected}, got {shown_got}\n"
        f"  expected{label} {_fmt(shown_e)}\n  got{label}      {_fmt(shown_g)}{note}",
        k,
    )


def _report(body, func, title: str, takes: str | None = None) -> bool:
    """Run one check's ``body`` on ``func`` and print its verdict; True if everything passed.

    The check's own arithmetic on what the learner returned (sums, comparisons) runs with NumPy's
    warnings off: a wild result gets a verdict, never a warning from the check itself.

    ``takes`` names what a check of a value (not of a function) is given, e.g. "settings dict": it then
    refuses a function, and its body's :class:`NotDone` message says itself what is left to fill in.
    """
    if takes is not None:
        if callable(func):
            print(f"✗ {title}: pass your {takes} itself, not a function.")
            return False
    elif not callable(func):
        kind = type(func).__name__
        if any(
            hasattr(func, a) for a in ("forward", "backward")
        ) or (  # a layer or an optimizer, made from the class
            hasattr(func, "update") and not isinstance(func, dict)
        ):
            print(
                f"✗ {title}: pass your class itself, e.g. check({kind}), not an object made from it, {kind}()."
            )
        else:
            print(f"✗ {title}: pass your function itself, e.g. check(my_function), not {kind}.")
        return False
    name = getattr(func, "__name__", "your function")
    try:
        with np.errstate(all="ignore"):
            checked = body(func)
    except NotDone as not_done:
        if takes is not None:
            print(f"… {title}: not done yet. {not_done}")
            return False
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
    except Exception as error:  # the check's own code failed on an odd result: a verdict, never a traceback
        INTERNAL_ERRORS.append((title, error))
        print(
            f"✗ {title}: this check could not make sense of what your function returned "
            f"({type(error).__name__}: {str(error).strip()[:120]}). Print your function's result for a small "
            "input and compare it with what the exercise asks for."
        )
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
    takes: str | None = None  #: for a check of a value, not of a function: what it takes ("settings dict")


#: The errors of the checks' own code (a result no check expected): the learner gets a ✗ line, the tests
#: look here, and there must never be any.
INTERNAL_ERRORS: list[tuple[str, Exception]] = []

#: Every check, by its public name (the order is that of the imports in ``checks/__init__.py``).
REGISTRY: dict[str, Check] = {}


def check(title: str, takes: str | None = None):
    """Decorator: turn ``def check_X(func) -> str`` (which raises a :class:`Problem` or returns what it
    checked) into the public ``check_X(func) -> bool`` that prints the verdict, and register it.

    ``takes`` is for a check of a value the learner writes (a dict of settings), not of a function: it
    names that value ("settings dict"); see :func:`_report`.

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
            return _report(body, func, title, takes)

        functools.update_wrapper(public, body)  # name, docstring, module; __wrapped__ for inspect.getsource
        public.__signature__ = inspect.signature(body).replace(return_annotation=bool)  # (func) -> bool
        public.__annotations__ = {**body.__annotations__, "return": bool}
        concept = body.__module__.rpartition(".")[2]
        known = REGISTRY.get(body.__name__)
        if known is not None and known.concept != concept:
            raise ValueError(f"{body.__name__} is registered twice: in {known.concept} and in {concept}")
        REGISTRY[body.__name__] = Check(body.__name__, title, concept, public, body, takes)
        return public

    return register
