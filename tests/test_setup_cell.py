"""The notebooks' setup cell, run the way Google Colab runs it.

A fresh virtual environment gets Colab's own versions of the packages nbhelpers needs (Colab's
published package list), but not nbhelpers. The setup cell, pointed at this checkout instead of
GitHub (``git+file://``, which installs the committed HEAD: the same as the checkout in CI), then
runs twice in IPython: the first run must install nbhelpers, the second must do nothing, neither may
print anything, and Colab's numpy, matplotlib and ipywidgets must keep their versions. Last, the
widgets are built and moved on Colab's ipywidgets 7.

The environment and the setup cell's run come from the session fixture ``colab`` (conftest.py,
colab_venv.py), which runs the cell before any other test uses the environment;
tests/test_colab_stack.py runs the notebooks and the widget tests in it afterwards.
"""

from __future__ import annotations

import json

import colab_venv
import pytest
import sync_links
from colab_venv import COLAB

# Google Colab's package versions: `make test` runs it, `make test-fast` leaves it out
pytestmark = pytest.mark.colab


def test_setup_cell_installs_quietly_once_and_keeps_colab_versions(colab):
    assert colab_venv.GITHUB_URL in sync_links.setup_cell_source()
    done = colab.setup
    print(", ".join(f"{step}: {s:.1f} s" for step, s in colab.seconds.items()))
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["before"] == COLAB
    assert report["after"] == COLAB, "installing nbhelpers changed Colab's packages"
    assert report["runs"] == ["", ""], "the setup cell printed something"
    assert colab_venv.noise(done.stderr) == [], "the setup cell (or pip) wrote to stderr"
    assert report["nbhelpers"].startswith(str(colab.python.parent.parent)), (
        "nbhelpers was not installed into the venv"
    )
    assert all(report["moved"]), "a widget did not redraw on ipywidgets 7.7.1"
