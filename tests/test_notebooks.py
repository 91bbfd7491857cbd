"""Checks of the stored notebooks that nbval does not make: they were run top to bottom, hold no
error or warning, start with the Colab badge and the setup cell, and carry nothing machine-specific.
(nbval, run by the same test command, re-executes each notebook and compares its outputs.)"""

from __future__ import annotations

import json
import re

import nbformat
import pytest
import sync_links
from conftest import NOTEBOOKS, ROOT


def load(path):
    return nbformat.read(path, as_version=4)


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks/NN_*.ipynb found"


def test_valid_and_python3_kernel(notebook_path):
    nb = load(notebook_path)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    assert "widgets" not in nb.metadata, "saved widget state: re-run with `make notebooks`, which drops it"


def test_executed_in_order(notebook_path):
    counts = [c.execution_count for c in code_cells(load(notebook_path))]
    assert counts == list(range(1, len(counts) + 1)), (
        f"run the notebook top to bottom in a fresh kernel: {counts}"
    )


def test_no_errors_or_warnings_stored(notebook_path):
    for i, cell in enumerate(load(notebook_path).cells):
        for out in cell.get("outputs", []):
            assert out.output_type != "error", f"cell {i} stored an error: {out.get('ename')}"
            assert not (out.output_type == "stream" and out.name == "stderr"), f"cell {i} wrote to stderr"
            assert "Error displaying widget" not in json.dumps(out), f"cell {i}"


#: A tqdm progress bar's text (``compare:   0%|          | 0/200 [...]``).
PROGRESS_BAR = re.compile(r"^[^\n|]*\d+%\|")


def test_no_finished_progress_bar_stored_as_a_widget(notebook_path):
    """A bar that closed itself (tqdm's ``leave=False``) but stayed in the output as a widget shows as "Error
    displaying widget: model not found" in Voilà when it closed before the page drew it:
    ``nbhelpers.progress_bar`` empties its output when it ends (seen in CI: notebook 09's two bars in Voilà)."""
    for i, cell in enumerate(load(notebook_path).cells):
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "application/vnd.jupyter.widget-view+json" in data:
                assert not PROGRESS_BAR.match(data.get("text/plain", "")), (
                    f"cell {i} stored a progress bar widget: use nbhelpers.progress_bar, not tqdm"
                )


def test_badge_and_setup_cell(notebook_path):
    nb = load(notebook_path)
    assert sync_links.badge(notebook_path) in nb.cells[0].source, (
        "first cell: title and the Open-in-Colab badge"
    )
    first_code = code_cells(nb)[0]
    assert first_code.source == sync_links.setup_cell_source(), "the first code cell must be the setup cell"
    assert not first_code.outputs, "the setup cell must be silent where nbhelpers is installed"


def test_links_agree_with_pyproject():
    assert sync_links.sync(write=False) == [], "run `make links`"


def test_template_sections(notebook_path):
    text = "\n".join(c.source for c in load(notebook_path).cells if c.cell_type == "markdown")
    assert "## What you will learn" in text
    assert "## Summary" in text
    assert "**Next:**" in text, "say what comes next"
    if notebook_path != NOTEBOOKS[-1]:
        next_one = NOTEBOOKS[NOTEBOOKS.index(notebook_path) + 1].name
        assert "**Next:** [" in text and f"]({next_one})" in text, f"a link to the next notebook, {next_one}"


def test_links_to_notebooks_exist(notebook_path):
    """A link to another notebook of the series must not be dead (the last one says what comes next
    without a link until that notebook exists)."""
    text = "\n".join(c.source for c in load(notebook_path).cells if c.cell_type == "markdown")
    for target in re.findall(r"\]\((\d\d_\w+\.ipynb)\)", text):
        assert (notebook_path.parent / target).is_file(), f"{notebook_path.name} links to a missing {target}"


def test_no_machine_specific_paths(notebook_path):
    text = notebook_path.read_text(encoding="utf-8")
    for pattern in (r"/tmp/", r"/root/", r"/home/\w", r"/Users/", r"[A-Z]:\\\\", str(ROOT)):
        assert not re.search(pattern, text), f"{notebook_path.name} holds a machine-specific path ({pattern})"


def test_ignored_outputs_are_tagged_widget_or_timing_cells(notebook_path):
    """nbval's markers are cell tags (metadata), never comments a learner reads; only a widget cell (its
    output is live state), a timing cell (its output differs from run to run) or a cell whose numbers depend
    on the processor's rounding (training, the last digits of a gradient check) may skip the comparison, and
    such a cell must be followed by a visible check that holds anywhere (a code cell that starts with
    ``assert``); a training cell always."""
    cells = code_cells(load(notebook_path))
    for i, cell in enumerate(cells):
        assert "NBVAL" not in cell.source, f"test plumbing in the code a learner reads:\n{cell.source}"
        if "nbval-ignore-output" in cell.metadata.get("tags", []):
            after = cells[i + 1].source if i + 1 < len(cells) else ""
            checked = after.lstrip().startswith("assert")  # a visible check of what must hold anywhere
            assert "widgets." in cell.source or "time.perf_counter" in cell.source or checked, (
                "only widget or timing cells, or cells followed by an assert cell, may ignore their output:"
                f"\n{cell.source}"
            )
            if "train(" in cell.source:
                assert checked, (
                    f"a training cell that ignores its output must be followed by an assert cell:\n{cell.source}"
                )


def test_figures_are_stored_as_pictures(notebook_path):
    """A figure whose text says "<Figure size ...>" must have its PNG beside it (else the inline
    display was not on and a learner would see only that text)."""
    for i, cell in enumerate(code_cells(load(notebook_path))):
        for out in cell.outputs:
            if "<Figure size" in out.get("data", {}).get("text/plain", ""):
                assert "image/png" in out.data, f"code cell {i}: a figure without its picture"


def test_figures_are_sharp(notebook_path):
    """Every stored picture has twice the pixels of its place on the page (its width and height in the
    output's metadata): sharp on high-density screens (nbhelpers.plots' figures show themselves so). SVG
    pictures (notebook 13's, shown as HTML) are drawn by the browser, sharp at any density."""
    import base64
    import struct

    pictures = 0
    for i, cell in enumerate(code_cells(load(notebook_path))):
        for out in cell.outputs:
            if "image/png" in out.get("data", {}):
                png = base64.b64decode(out.data["image/png"])
                width, height = struct.unpack(">II", png[16:24])  # the PNG header (IHDR)
                shown = out.get("metadata", {}).get("image/png", {})
                assert shown, f"code cell {i}: a picture shown at its own pixel size (1x, blurred)"
                # (nbhelpers rounds half pixels up, matplotlib's retina display down)
                assert shown["width"] in (width // 2, -(-width // 2)), f"code cell {i}"
                assert shown["height"] in (height // 2, -(-height // 2)), f"code cell {i}"
                pictures += 1
            pictures += "<svg" in out.get("data", {}).get("text/html", "")
    assert pictures > 0


@pytest.mark.parametrize("marker", ["NBVAL_SKIP", "NBVAL_RAISES_EXCEPTION", "nbval-skip"])
def test_no_cell_skipped(notebook_path, marker):
    assert marker not in notebook_path.read_text(encoding="utf-8")
