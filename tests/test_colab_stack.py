"""The notebooks and the widgets on Google Colab's package stack.

The session fixture ``colab`` (conftest.py, colab_venv.py) is a virtual environment with Colab's
versions of numpy, matplotlib, ipywidgets, ipykernel and IPython, into which the notebooks' setup
cell has installed nbhelpers from this checkout (``git+file://``: the committed HEAD, which in CI,
a clean clone, is the checkout itself). Here

- every notebook runs top to bottom in a kernel on that environment's Python (ipykernel 6.17.1),
  its setup cell pointed at the checkout and its exercises' stored solutions in place of their
  skeletons: the setup cell prints nothing (nbhelpers is there already), no cell fails or writes to
  stderr, every solution passes its check (this run stands in for test_exercises.py's own run of the
  solutions, which `make test` skips), every cell that stores a figure or a widget makes one again
  (each widget's picture drawn), and Colab's versions are still the ones in the kernel;
- tests/test_widgets.py (and the other WIDGET_TESTS) runs with that environment's Python (with pytest added), so each slider
  callback runs on ipywidgets 7.7.1.

Outputs are not compared with the stored ones: nbval does that on the project's own stack.
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
import time

import colab_venv
import nbclient
import nbformat
import pytest
import sync_links
from colab_venv import COLAB
from conftest import ROOT
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from test_exercises import put_solutions_in_place, solution_failures

# Google Colab's package versions: `make test` runs it, `make test-fast` leaves it out
pytestmark = pytest.mark.colab

WIDGET = "application/vnd.jupyter.widget-view+json"
PNG = "image/png"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

# debugpy (which ipykernel loads) says this at every kernel start on Python 3.11+, on the kernel's
# own stderr, which no notebook shows. ipykernel 6.17.1's kernelspec does not pass -Xfrozen_modules=off.
DEBUGPY_NOTE = re.compile(
    r"^\d+\.\d+s - (Debugger warning: It seems that frozen modules are being used, which may"
    r"|make the debugger miss breakpoints\. Please pass -Xfrozen_modules=off"
    r"|to python to disable frozen modules\."
    r"|Note: Debugging will proceed\. Set PYDEVD_DISABLE_FILE_VALIDATION=1 to disable this validation\.)$"
)

# Appended to each notebook: what the kernel has after the notebook ran.
REPORT_CELL = f"""\
import json, sys
from importlib.metadata import version
print(json.dumps({{"versions": {{n: version(n) for n in {list(COLAB)!r}}}, "python": sys.executable,
                  "nbhelpers": sys.modules["nbhelpers"].__file__}}))"""


@pytest.fixture(scope="module")
def kernels(colab):
    """A kernelspec ``python3`` on the Colab environment's Python, as ipykernel 6.17.1 writes it."""
    folder = colab.root / "kernels"
    (folder / "python3").mkdir(parents=True, exist_ok=True)
    spec = {
        "argv": [str(colab.python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "metadata": {"debugger": True},
    }
    (folder / "python3" / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    return KernelSpecManager(kernel_dirs=[str(folder)])


#: The widget tests that run on Colab's stack (they import no hypothesis, which Colab lacks).
WIDGET_TESTS = (
    "tests/test_widgets.py",
    "tests/test_widgets_conv.py",
    "tests/test_widgets_convnet.py",
    "tests/test_widgets_playground.py",
)


@pytest.fixture(scope="module", autouse=True)
def widget_tests(colab):
    """tests/test_widgets.py, run by the Colab environment's Python in the background while the
    notebooks run (autouse, so it starts first; the last test of this file waits for it).

    pytest and nbformat come first: Colab has both, and adding them must leave its versions alone.
    The run starts in the checkout, so its conftest.py and pyproject.toml (filterwarnings = error)
    apply, but for addopts (nbval, doctests); `python -m` puts the checkout first on sys.path, so it
    tests the working copy's nbhelpers.
    """
    installed = colab.install("pytest", "nbformat")
    run = {"installed": installed, "versions": colab.versions(), "log": colab.root / "test_widgets.log"}
    command = [colab.python, "-m", "pytest", *WIDGET_TESTS, "-q", "-p", "no:cacheprovider"]
    with open(run["log"], "w", encoding="utf-8") as log:
        run["process"] = subprocess.Popen(
            [*command, "-o", "addopts=", "--durations=3"], cwd=ROOT, env=colab.env, stdout=log, stderr=log
        )
    run["start"] = time.perf_counter()
    yield run
    run["process"].kill()  # (if the test that waits for it was deselected, or failed waiting)
    run["process"].wait()


def outputs(cell, kind=None):
    return [o for o in cell.get("outputs", []) if kind is None or o.output_type == kind]


def kinds(cell) -> set[str]:
    """Whether a cell shows a picture and/or a widget."""
    return {mime for o in outputs(cell) for mime in o.get("data", {}) if mime in (PNG, WIDGET)}


def plain(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def widget_pictures(nb) -> dict[str, list]:
    """For each widget a cell shows, the pictures it holds, as the kernel last sent them: the PNGs (bytes)
    of the Image widgets among its children, and for a playground (CSS class ``nbh-playground``, notebook
    13) the SVG texts (str) of its picture HTML widgets (class ``nbh-playground-<picture>``), anywhere
    inside it."""
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    models = state.get("state", {})

    def model(ref: str) -> dict:
        return models.get(ref.removeprefix("IPY_MODEL_"), {})

    def inside(ref: str):
        yield model(ref)
        for child in model(ref).get("state", {}).get("children", []):
            yield from inside(child)

    found = {}
    for cell in nb.cells:
        for out in outputs(cell):
            if WIDGET not in out.get("data", {}):
                continue
            model_id = out.data[WIDGET]["model_id"]
            children = model(model_id).get("state", {}).get("children", [])
            found[model_id] = [
                base64.b64decode(buffer["data"])
                for child in children
                if model(child).get("model_name") == "ImageModel"
                for buffer in model(child).get("buffers", [])
                if buffer["path"] == ["value"]
            ]
            if "nbh-playground" in model(model_id).get("state", {}).get("_dom_classes", []):
                found[model_id] += [
                    m["state"]["value"]
                    for m in inside(model_id)
                    if any(
                        c.startswith("nbh-playground-") for c in m.get("state", {}).get("_dom_classes", [])
                    )
                ]
    return found


def test_notebook_runs_on_colabs_stack(colab, kernels, notebook_path):
    stored = nbformat.read(notebook_path, as_version=4)
    nb = nbformat.read(notebook_path, as_version=4)
    (setup,) = [cell for cell in nb.cells if sync_links.is_setup_cell(cell)]
    setup.source = colab_venv.local_setup_cell(setup.source, ROOT)
    found = put_solutions_in_place(nb)
    nb.cells.append(nbformat.v4.new_code_cell(REPORT_CELL))

    km = AsyncKernelManager(kernel_name="python3", kernel_spec_manager=kernels)
    assert km.kernel_spec.argv[0] == str(colab.python)
    client = nbclient.NotebookClient(
        nb,
        km=km,
        timeout=300,
        allow_errors=True,  # to report every failing cell, not only the first
        shutdown_kernel="immediate",
        resources={"metadata": {"path": str(notebook_path.parent)}},
    )
    kernel_stderr = colab.root / f"{notebook_path.stem}.kernel-stderr.txt"
    start = time.perf_counter()
    with open(kernel_stderr, "w", encoding="utf-8") as stderr:
        client.execute(cleanup_kc=True, env=colab.env, stderr=stderr)  # (kernel's own stderr)
    seconds = time.perf_counter() - start
    print(f"{notebook_path.name}: {seconds:.1f} s in the Colab kernel")

    problems = []
    for i, cell in enumerate(nb.cells):
        for out in outputs(cell, "error"):
            trace = plain("\n".join(out.traceback))[-2000:]
            problems.append(f"cell {i}: {out.ename}: {out.evalue}\n{trace}")
        for out in outputs(cell, "stream"):
            if out.name == "stderr":
                problems.append(f"cell {i} wrote to stderr:\n{out.text}")
    where = "(cells counted from 0, markdown cells included)"
    assert not problems, f"{notebook_path.name} on Colab's stack {where}:\n" + "\n\n".join(problems)
    failures = solution_failures(nb, found)
    assert not failures, f"{notebook_path.name} on Colab's stack: " + "\n".join(failures)
    assert outputs(setup) == [], "the setup cell printed something, though nbhelpers was installed"

    missing = [
        f"cell {i}: no {', '.join(sorted(kinds(old) - kinds(new)))}"
        for i, (old, new) in enumerate(zip(stored.cells, nb.cells))
        if kinds(old) - kinds(new)
    ]
    assert not missing, (
        f"{notebook_path.name} on Colab's stack {where}: a figure or widget is missing: {missing}"
    )
    assert any(WIDGET in kinds(cell) for cell in nb.cells), "no widget at all"
    pictures = widget_pictures(nb)
    assert any(pictures.values()), "no widget holds a picture"
    for model_id, found in pictures.items():
        pngs = [p for p in found if isinstance(p, bytes)]
        assert all(p.startswith(PNG_MAGIC) for p in pngs), f"widget {model_id}: a picture is not a PNG"
        svgs = [p for p in found if isinstance(p, str)]
        assert all(p.lstrip().startswith("<svg") and p.rstrip().endswith("</svg>") for p in svgs), (
            f"widget {model_id}: a playground's picture is not an SVG"
        )

    # One line, but it may come in more than one stream message (print writes the text and the newline
    # separately, and the kernel may send what it has in between).
    report = json.loads("".join(out.text for out in outputs(nb.cells[-1], "stream")))
    assert report["python"] == str(colab.python)
    assert report["versions"] == COLAB, "running the notebook changed Colab's packages"
    assert report["nbhelpers"].startswith(str(colab.python.parent.parent)), "nbhelpers not from the venv"

    said = [line for line in kernel_stderr.read_text(encoding="utf-8").splitlines() if line.strip()]
    said = [line for line in said if not DEBUGPY_NOTE.match(line)]
    assert said == [], f"the kernel wrote to its stderr: {said[:20]}"


def test_widget_tests_pass_on_colabs_stack(colab, widget_tests):
    installed = widget_tests["installed"]
    assert installed.returncode == 0, installed.stderr[-3000:]
    assert colab_venv.noise(installed.stderr) == [], "installing pytest wrote to stderr"
    assert widget_tests["versions"] == COLAB, "installing pytest and nbformat changed Colab's packages"

    returncode = widget_tests["process"].wait(timeout=600)
    seconds = time.perf_counter() - widget_tests["start"]
    print(f"tests/test_widgets.py on Colab's stack: done after {seconds:.1f} s (beside the notebooks)")
    tail = "\n".join(widget_tests["log"].read_text(encoding="utf-8").splitlines()[-60:])
    assert returncode == 0, f"tests/test_widgets.py failed on Colab's stack:\n{tail}"
    assert re.search(r"\d+ passed", tail) and "skipped" not in tail, tail
    assert colab.versions() == COLAB, "Colab's packages changed while the notebooks and widget tests ran"
