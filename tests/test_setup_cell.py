"""The notebooks' setup cell, run the way Google Colab runs it.

A fresh virtual environment gets Colab's own versions of the packages nbhelpers needs (Colab's
published package list), but not nbhelpers. The setup cell, pointed at this checkout instead of
GitHub (``git+file://``), then runs twice in IPython: the first run must install nbhelpers, the
second must do nothing, neither may print anything, and Colab's numpy, matplotlib and ipywidgets
must keep their versions. Last, the widgets are built and moved on Colab's ipywidgets 7.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap

import pytest
import sync_links
from conftest import ROOT

# Google Colab's kernel, as its published package list gives it.
COLAB = {
    "numpy": "2.1.3",
    "matplotlib": "3.10.0",
    "ipywidgets": "7.7.1",
    "ipykernel": "6.17.1",
    "ipython": "7.34.0",
}

# This machine's pip configuration names a local package folder that does not exist, and pip says
# so on every run; that line is about the machine, not about the setup cell.
MACHINE_NOISE = re.compile(r"^WARNING: Location '.*' is ignored: it is neither a file nor a directory\.$")

SCRIPT = textwrap.dedent(
    """
    import contextlib, io, json, sys
    from importlib.metadata import version
    from IPython.core.interactiveshell import InteractiveShell

    names = sys.argv[2].split(",")
    before = {n: version(n) for n in names}
    shell = InteractiveShell.instance()
    source = open(sys.argv[1]).read()
    runs = []
    for _ in range(2):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            result = shell.run_cell(source)
        result.raise_error()
        runs.append(out.getvalue())
    after = {n: version(n) for n in names}

    from nbhelpers import widgets
    moved = []
    for widget in (widgets.activation_explorer(), widgets.neuron_explorer()):
        image = widget.children[-2]
        for slider in widget.children[:-2]:
            before_png = bytes(image.value)
            slider.value = slider.max
            moved.append(bytes(image.value) != before_png)
    print(json.dumps({"before": before, "after": after, "runs": runs, "moved": moved,
                      "nbhelpers": shell.user_ns["nbhelpers"].__file__}))
    """
)


@pytest.fixture(scope="module")
def colab_venv(tmp_path_factory):
    venv = tmp_path_factory.mktemp("colab") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    pins = [f"{name}=={v}" for name, v in COLAB.items()]
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *pins],
        check=True,
        capture_output=True,
    )
    return python


def test_setup_cell_installs_quietly_once_and_keeps_colab_versions(colab_venv, tmp_path):
    url = f"git+https://github.com/{sync_links.repository()}@{sync_links.BRANCH}"
    source = sync_links.setup_cell_source()
    assert url in source
    cell = tmp_path / "setup_cell.py"
    cell.write_text(source.replace(url, f"git+file://{ROOT}"), encoding="utf-8")
    script = tmp_path / "run_cell.py"
    script.write_text(SCRIPT, encoding="utf-8")

    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "MPL"))}
    env["MPLBACKEND"] = "Agg"
    done = subprocess.run(
        [str(colab_venv), str(script), str(cell), ",".join(COLAB)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["before"] == COLAB
    assert report["after"] == COLAB, "installing nbhelpers changed Colab's packages"
    assert report["runs"] == ["", ""], "the setup cell printed something"
    noise = [line for line in done.stderr.splitlines() if line.strip() and not MACHINE_NOISE.match(line)]
    assert noise == [], "the setup cell (or pip) wrote to stderr"
    assert str(colab_venv.parent.parent) in report["nbhelpers"], "nbhelpers was not installed into the venv"
    assert all(report["moved"]), "a widget did not redraw on ipywidgets 7.7.1"
