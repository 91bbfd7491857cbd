"""The notebooks' exercises: 2 to 4 per notebook, each a skeleton that raises NotImplementedError, a check
call, and a collapsed solution; stored unfilled (their check says "not done yet"); and every stored
solution, put in place of its skeleton, passes its check when the notebook runs.

That last run is one more run of every notebook top to bottom. When the session also runs the Colab-stack
test (`make test`), that test runs each notebook with its solutions in place and checks them there, so the run
here is skipped; `make test-fast` has no Colab run and runs it here."""

from __future__ import annotations

import re

import nbclient
import nbformat
import pytest
from conftest import COLAB_IN_SESSION, NOTEBOOKS


def exercises(nb) -> list:
    """(index of the skeleton cell, the solution's code, the check line) for each exercise."""
    found = []
    for i, cell in enumerate(nb.cells):
        if (
            cell.cell_type == "code"
            and "raise NotImplementedError" in cell.source
            and "checks.check_" in cell.source
        ):
            solution = next(
                c for c in nb.cells[i + 1 : i + 3] if c.cell_type == "markdown" and "<details>" in c.source
            )
            code = re.search(r"```python\n(.*?)```", solution.source, re.S)
            assert code, f"cell {i}: the solution has no ```python block"
            check = [line for line in cell.source.splitlines() if "checks.check_" in line][-1]
            found.append((i, code.group(1), check))
    return found


def test_each_notebook_has_two_to_four_exercises(notebook_path):
    nb = nbformat.read(notebook_path, as_version=4)
    found = exercises(nb)
    assert 2 <= len(found) <= 4, f"{notebook_path.name}: {len(found)} exercises"
    for i, _, _ in found:
        out = "".join(o.get("text", "") for o in nb.cells[i].outputs if o.output_type == "stream")
        assert out.startswith("… ") and "not done yet" in out, f"{notebook_path.name} cell {i}: {out!r}"
        assert not [o for o in nb.cells[i].outputs if o.output_type == "execute_result"], (
            "use `_ = checks...`"
        )


def put_solutions_in_place(nb) -> list:
    """Replace each exercise's skeleton by its stored solution (and its check line); the exercises found."""
    found = exercises(nb)
    for i, code, check in found:
        nb.cells[i].source = f"{code}\n\n{check}"
    return found


def solution_failures(nb, found) -> list:
    """After the run: each exercise whose check did not print ✓, with what it printed."""
    failures = []
    for i, _, check in found:
        out = "".join(o.get("text", "") for o in nb.cells[i].outputs if o.output_type == "stream")
        if not out.startswith("✓ "):
            failures.append(f"the solution of `{check.strip()}`:\n{out}")
    return failures


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_the_stored_solutions_pass_their_checks(notebook, request):
    if request.config.stash.get(COLAB_IN_SESSION, False):
        pytest.skip("the Colab-stack test runs this notebook with its solutions in place and checks them")
    nb = nbformat.read(notebook, as_version=4)
    found = put_solutions_in_place(nb)
    nbclient.NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(notebook.parent)}}
    ).execute()
    failures = solution_failures(nb, found)
    assert not failures, f"{notebook.name}: " + "\n".join(failures)
