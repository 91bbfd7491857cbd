"""Shared helpers for the tests."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from nbhelpers.mnist import FILES

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
    has run (see colab_venv.py): built once (about 40 s) for test_setup_cell.py and test_colab_stack.py."""
    import colab_venv

    folder = tmp_path_factory.mktemp("colab")
    yield colab_venv.build(folder, ROOT)
    shutil.rmtree(folder / "venv", ignore_errors=True)  # 400 MB; pytest keeps its last three temp folders


#: Whether this session runs the Colab-stack tests (`make test`; `make test-fast` leaves them out).
COLAB_IN_SESSION = pytest.StashKey[bool]()


def pytest_collection_finish(session):
    session.config.stash[COLAB_IN_SESSION] = any(item.get_closest_marker("colab") for item in session.items)


# Lines for the end of the test run (the browser test says where its screenshots are, and its times).
SUMMARY = pytest.StashKey[list]()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    lines = config.stash.get(SUMMARY, [])
    if lines:
        terminalreporter.section("browser test")
        for line in lines:
            terminalreporter.write_line(line)
