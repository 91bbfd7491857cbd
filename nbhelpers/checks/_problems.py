"""The problems a check can find in a learner's function: each a typed exception whose message is what
the learner reads, and whose attributes say what was found (for the checks to branch on)."""

from __future__ import annotations

import numpy as np

__all__ = [
    "Problem",
    "Raised",
    "Warned",
    "ReturnedNone",
    "ChangedInput",
    "NotNumbers",
    "WrongShape",
    "WrongDtype",
    "GotNaN",
    "WrongValue",
    "NotDone",
]

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
        self.raised = f"{what}: your function raised {type(error).__name__}: {first_line}"
        super().__init__(self.raised + (f"\n  (Usually this means: {self.hint}.)" if self.hint else ""), what)

    def instead(self, hint: str) -> Raised:
        """Replace the usual hint by ``hint``, what the error means in this exercise; return the problem."""
        self.hint, self.message = hint, f"{self.raised}\n  ({hint}.)"
        return self


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
