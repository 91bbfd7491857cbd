"""The notebooks' exercises: 2 to 4 per notebook, each a skeleton that raises NotImplementedError, a check
call, and a collapsed solution; stored unfilled (their check says "not done yet"); and every stored
solution, put in place of its skeleton, passes its check when the notebook runs."""

from __future__ import annotations

import re

import nbclient
import nbformat
import pytest
from conftest import NOTEBOOKS


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


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_the_stored_solutions_pass_their_checks(notebook):
    nb = nbformat.read(notebook, as_version=4)
    found = exercises(nb)
    for i, code, check in found:
        nb.cells[i].source = f"{code}\n\n{check}"
    nbclient.NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(notebook.parent)}}
    ).execute()
    for i, _, check in found:
        out = "".join(o.get("text", "") for o in nb.cells[i].outputs if o.output_type == "stream")
        assert out.startswith("✓ "), f"{notebook.name}, the solution of `{check.strip()}`:\n{out}"
