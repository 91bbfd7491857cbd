"""What the checks that take a learner's class share: making an object of it with settings by name (as a
training loop makes its optimizer, or a network its layers), and finding the learner's line of an error.

Private: used by checks/_optimizers.py (notebook 09), _dropout.py, _regularization.py and regularization.py
(notebook 10), and conv.py (notebooks 11 and 12).
"""

from __future__ import annotations

import linecache
import os
import sysconfig

from ._engine import NotDone, Raised, _call

__all__ = ["made_by_name", "_learner_line", "learner_name"]


def learner_name(obj, default: str) -> str:
    """The name the learner gave ``obj`` (their function or class), or ``default`` if it has none."""
    name = getattr(obj, "__name__", "")
    return name if isinstance(name, str) and name.isidentifier() else default


def _learner_line(error: Exception) -> str:
    """The learner's line of code where ``error`` was raised (outside Python, NumPy and nbhelpers), or ""."""
    tb, line = error.__traceback__, ""
    paths = sysconfig.get_paths()  # Python's own modules and installed packages are not the learner's
    ours = (
        os.path.dirname(os.path.dirname(__file__)),
        *{paths[k] for k in ("stdlib", "platstdlib", "purelib")},
    )
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if not name.startswith(ours):
            found = linecache.getline(name, tb.tb_lineno).strip()
            line = found if found and "lambda" not in found and "def " not in found else line
        tb = tb.tb_next
    return f"\n  (your line: `{line[:100]}`)" if line else ""


def made_by_name(cls, settings: dict, what: str, accept, why: str):
    """An object made by the learner's class with ``settings`` by name, passed through ``accept(obj, cls,
    what)`` (which returns it or raises the problem with it); or the problem with making it (an ``__init__`` that
    names them otherwise is one: ``why`` says who passes them by name)."""
    own = getattr(cls, "__code__", None)
    try:
        try:
            obj = _call(lambda: cls(**settings), what=what)
        except NotDone as not_done:  # a skeleton function raising at once: it is the one to fill in
            raise NotDone("" if own is not None and str(not_done) == own.co_name else str(not_done)) from None
    except Raised as problem:
        if not (isinstance(problem.error, TypeError) and "keyword argument" in str(problem.error)):
            raise problem.add(_learner_line(problem.error)) from None
        try:  # a skeleton, a function that forgot `return` or that gives the wrong thing: told so first
            accept(_call(cls, *settings.values(), what=what), cls, what)
        except Raised:
            pass
        names = ", ".join(f"{k}={v}" for k, v in settings.items())
        raise problem.instead(
            f"the settings go in by name, {names}, {why}: __init__(self, {', '.join(settings)}) takes them by "
            "these names"
        ) from None
    return accept(obj, cls, what)
