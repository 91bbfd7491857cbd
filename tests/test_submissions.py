"""Every learner submission of ``tests/submissions.py`` through its exercise check.

Each entry's notebook globals and cell run in a fresh namespace; the check gets the learner's function and
must print exactly one verdict line (its message may go on in indented lines, such as
expected/got), after whatever the learner's own code printed: ✓ for a correct answer, ✗ naming the real problem for a wrong one, … for
an exercise not done yet. A check must never raise, and no warning may escape it (pytest runs with
``filterwarnings = error``).
"""

from __future__ import annotations

import re
import traceback

import numpy as np
import pytest
from submissions import SUBMISSIONS

import nbhelpers
from nbhelpers import checks
from nbhelpers.checks._engine import INTERNAL_ERRORS, check

SYMBOL = {"pass": "✓", "fail": "✗", "not done": "…"}
VERDICT_LINE = re.compile(r"^\s*[✓✗…]")  # a message may go on in indented lines (expected, got, a hint)


def _namespace(entry) -> dict:
    """A fresh namespace as the notebook has it above the exercise, then the learner's cell."""
    namespace = {"__name__": "__main__", "np": np, "nbhelpers": nbhelpers, "checks": checks}
    exec(compile(entry.globals, f"<globals of {entry.check}>", "exec"), namespace)
    exec(compile(entry.code, f"<cell {entry.check}-{entry.name}>", "exec"), namespace)
    return namespace


def test_catalogue_is_consistent():
    seen = set()
    for entry in SUBMISSIONS:
        assert hasattr(checks, entry.check), entry.check
        assert entry.verdict in SYMBOL, entry
        assert (entry.hint is not None) == (entry.verdict == "fail"), entry.name
        assert (entry.check, entry.name) not in seen, entry.name
        seen.add((entry.check, entry.name))
        if entry.hint is not None:
            re.compile(entry.hint)


def test_the_catalogue_is_large_and_covers_every_check():
    assert len(SUBMISSIONS) >= 150
    assert {entry.check for entry in SUBMISSIONS} == set(checks.REGISTRY)
    for name in checks.REGISTRY:
        verdicts = {entry.verdict for entry in SUBMISSIONS if entry.check == name}
        assert verdicts == set(SYMBOL), (name, verdicts)


def test_a_check_that_fails_on_an_odd_result_prints_a_verdict_and_records_it(capsys):
    @check("odd")
    def check_odd(func):
        return len(func())  # a check's own bug: len() of a number

    try:
        INTERNAL_ERRORS.clear()
        assert check_odd(lambda: 3) is False
        assert capsys.readouterr().out.startswith("✗ odd: this check could not make sense of")
        assert [title for title, _ in INTERNAL_ERRORS] == ["odd"]
    finally:
        checks.REGISTRY.pop("check_odd")
        INTERNAL_ERRORS.clear()


@pytest.mark.parametrize("entry", SUBMISSIONS, ids=[f"{e.check}-{e.name}" for e in SUBMISSIONS])
def test_submission(entry, capsys):
    namespace = _namespace(entry)
    func = namespace[entry.func]
    capsys.readouterr()  # whatever the cell itself printed is not the check's output

    check = getattr(checks, entry.check)
    INTERNAL_ERRORS.clear()
    try:
        check(func)
    except Exception:  # a check must report every problem in its one line, never raise
        out = capsys.readouterr().out
        pytest.fail(
            f"{entry.check} raised on the submission {entry.name!r} (expected {entry.verdict}):\n"
            f"{traceback.format_exc()}\nprinted so far:\n{out}",
            pytrace=False,
        )
    captured = capsys.readouterr()
    out, err = captured.out, captured.err
    # the check's own code failed on what the learner returned (the learner saw a neutral ✗ line)
    assert not INTERNAL_ERRORS, f"the check's own code raised: {INTERNAL_ERRORS}\n--- it printed:\n{out}"
    lines = [line for line in out.splitlines() if line.strip()]
    at = [i for i, line in enumerate(lines) if VERDICT_LINE.match(line)]
    problems = []
    if "Traceback" in out + err:
        problems.append("a traceback in the output")
    if len(at) != 1:
        problems.append(f"expected exactly one verdict line, got {len(at)}")
    else:
        before, after = lines[: at[0]], lines[at[0] + 1 :]
        if before and "print(" not in entry.code:
            problems.append("lines before the verdict that the learner's code did not print")
        if any(not line[:1].isspace() for line in after):
            problems.append("lines after the verdict that are not its indented continuation")
        message = "\n".join(lines[at[0] :])
        expected = SYMBOL[entry.verdict]
        if not lines[at[0]].lstrip().startswith(expected):
            problems.append(f"expected {expected} ({entry.verdict}: {entry.why})")
        elif entry.verdict == "fail" and not re.search(entry.hint, message, re.IGNORECASE):
            problems.append(
                f"the ✗ message does not name the real problem ({entry.why}): no match for {entry.hint!r}"
            )
    assert not problems, "; ".join(problems) + f"\n--- the check printed:\n{out}{err}"
