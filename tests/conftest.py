"""Shared helpers for the tests."""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

# One BLAS thread in every process of the test run: this one, its xdist workers, and the kernels, servers
# and Colab environment it starts (they inherit it), before NumPy is first imported. `make test` runs two
# workers on the 2-core test machine and beside them Jupyter kernels, Chromium and the Colab widget tests:
# OpenBLAS's default of one thread per core there makes threads wait for each other (measured: notebook
# 08's MNIST training 7 s with one thread, 35 to 150 s with two while the machine had other work).
# Set one of these variables to run with another count.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import pytest  # noqa: E402

from nbhelpers.mnist import FILES  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

sys.path.insert(0, str(ROOT / "tools"))  # sync_links: the one source of the badge and setup cell

# The MNIST files: the tests (and the notebooks nbval runs, which inherit this environment) read the
# copy beside the project when there is one, as `make test` does, and never download.
SHARED_MNIST = ROOT.parent / "shared" / "data" / "mnist"
if SHARED_MNIST.is_dir():
    os.environ.setdefault("NBHELPERS_DATA", str(SHARED_MNIST))
#: Where the tests read the four MNIST files (NBHELPERS_DATA, else the shared copy), and whether they are there.
MNIST_DIR = Path(os.environ.get("NBHELPERS_DATA") or SHARED_MNIST)
HAVE_MNIST = all((MNIST_DIR / name).is_file() for name, _ in FILES.values())


@pytest.fixture(params=NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def notebook_path(request) -> Path:
    return request.param


@pytest.fixture(scope="session")
def colab(tmp_path_factory):
    """A virtual environment with Google Colab's package versions, in which the notebooks' setup cell
    has run (see colab_venv.py): built once (about 40 s) for test_setup_cell.py and test_colab_stack.py
    (under xdist, on the one worker that runs all the tests marked colab: see pytest_collection_modifyitems)."""
    import colab_venv

    folder = tmp_path_factory.mktemp("colab")
    yield colab_venv.build(folder, ROOT)
    for big in ("venv", "uv-cache"):  # 400 MB; pytest keeps its last three temp folders
        shutil.rmtree(folder / big, ignore_errors=True)


#: Whether this session runs the Colab-stack tests (`make test`; `make test-fast` leaves them out).
COLAB_IN_SESSION = pytest.StashKey[bool]()


def pytest_collection_finish(session):
    # (under xdist every worker collects every test, so each worker sees the same answer)
    session.config.stash[COLAB_IN_SESSION] = any(item.get_closest_marker("colab") for item in session.items)


# ---- running in parallel (`make test`: pytest-xdist, -n 2 --dist loadfile) ------------------------------

#: The files whose tests use the Colab environment (marked colab): they run in one worker, so that the
#: environment is built once (each worker that asks for the session fixture ``colab`` builds its own).
COLAB_FILES = ("tests/test_colab_stack.py", "tests/test_setup_cell.py")


def work_unit(nodeid: str) -> str:
    """The unit of work a test belongs to under xdist: the tests of one unit run in one worker, in order.

    As ``--dist loadfile``, a file is a unit (nbval's cells of a notebook share one kernel; a module's
    fixtures are set up once), but for three changes: the files in ``COLAB_FILES`` are one unit; the
    browser test's notebooks in JupyterLab are a unit and those in Voilà another (each has its own
    server), so that they run beside each other; each run of a notebook's stored solutions
    (test_exercises.py, `make test-fast`) is a unit of its own."""
    path = nodeid.split("::", 1)[0]
    if path in COLAB_FILES:
        return "colab"
    if path == "tests/test_browser.py":
        return nodeid.split("[", 1)[0]
    if nodeid.startswith("tests/test_exercises.py::test_the_stored_solutions_pass_their_checks["):
        return nodeid
    return path


#: The longest units (the Colab environment's build and every notebook on it; every notebook in JupyterLab;
#: in Voilà) start first, and the many short ones fill the time beside them.
FIRST = (
    "colab",
    "tests/test_browser.py::test_notebook_in_jupyterlab",
    "tests/test_browser.py::test_notebook_in_voila",
)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """xdist's scheduler for ``--dist loadfile``, with the units of ``work_unit`` in the order of ``FIRST``.

    (Not ``--dist loadgroup`` with xdist_group marks: with pytest 9.2 and pytest-xdist 3.8 it silently
    stops grouping, pytest-dev/pytest-xdist#1386, and a notebook's cells would be spread over workers.)"""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class Scheduling(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

        def _assign_work_unit(self, node) -> None:
            # A worker asks for more while it still runs its last two tests. One still in a long unit gets
            # a short one then (while any is left), so that the next long unit goes to the other worker, or
            # to this one once it is done, not behind a long one it has not finished.
            running_long = any(
                unit in FIRST and not all(tests.values())
                for unit, tests in self.assigned_work.get(node, {}).items()
            )
            if running_long:
                nxt = next((unit for unit in self.workqueue if unit not in FIRST), None)
            else:
                nxt = next((unit for unit in FIRST if unit in self.workqueue), None)
            if nxt is not None:
                self.workqueue.move_to_end(nxt, last=False)
            super()._assign_work_unit(node)

    return Scheduling(config, log)


def pytest_collection_modifyitems(config, items):
    """Under xdist, every test marked colab must be in a file of ``COLAB_FILES`` (else a second worker
    would build a second Colab environment, unseen but for the time it takes)."""
    if hasattr(config, "workerinput"):
        stray = sorted(
            {i.nodeid.split("::")[0] for i in items if i.get_closest_marker("colab")} - set(COLAB_FILES)
        )
        if stray:
            raise pytest.UsageError(
                f"tests marked colab outside conftest.COLAB_FILES: {stray}; add them there"
            )


# ---- the end of the test run: the browser test's report --------------------------------------------------

#: What the browser test reports (its screenshots' folder, each notebook's time, what each "train" click
#: showed), set by its fixture ``artifacts``; under xdist, sent by each worker to the controller.
BROWSER = pytest.StashKey[dict]()

#: The folder of the browser test's screenshots: one for the run, named by its start, also when JupyterLab's
#: and Voilà's tests run in two xdist workers (the controller names it and hands it to each worker).
ARTIFACTS = pytest.StashKey[Path]()


def pytest_configure(config):
    if not hasattr(config, "workerinput"):
        config.stash[ARTIFACTS] = ROOT / "test-artifacts" / time.strftime("browser-%Y%m%d-%H%M%S")


def artifacts_folder(config) -> Path:
    """Where the browser test saves its screenshots (the same folder in every xdist worker)."""
    if hasattr(config, "workerinput"):
        return Path(config.workerinput["browser_artifacts"])
    return config.stash[ARTIFACTS]


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):  # xdist, in the controller: what a worker is given
    node.workerinput["browser_artifacts"] = str(node.config.stash[ARTIFACTS])


def pytest_sessionfinish(session):
    if hasattr(session.config, "workeroutput") and BROWSER in session.config.stash:
        session.config.workeroutput["browser"] = session.config.stash[BROWSER]


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):  # xdist, in the controller: a worker has finished
    report = getattr(node, "workeroutput", {}).get("browser")
    if report:
        merged = node.config.stash.setdefault(BROWSER, {**report, "times": {}, "trained": {}, "reloaded": {}})
        for key in ("times", "trained", "reloaded"):
            merged[key].update(report.get(key, {}))


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    report = config.stash.get(BROWSER, None)
    if report:
        terminalreporter.section("browser test")
        terminalreporter.write_line(f"screenshots after the checks: {report['folder']}")
        times = dict(sorted(report["times"].items()))  # JupyterLab's, then Voilà's, from any worker
        for name, seconds in times.items():
            terminalreporter.write_line(f"  {name:48} {seconds:5.1f} s")
        for name, what in sorted(report["trained"].items()):
            terminalreporter.write_line(f"  {name:48} {what}")
        for name, what in sorted(report.get("reloaded", {}).items()):
            terminalreporter.write_line(f"  {name:48} {what}")
        terminalreporter.write_line(f"  {'total':48} {sum(times.values()):5.1f} s")
