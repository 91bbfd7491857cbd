"""Shared helpers for the tests."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

sys.path.insert(0, str(ROOT / "tools"))  # sync_links: the one source of the badge and setup cell

# The MNIST files: the tests (and the notebooks nbval runs, which inherit this environment) read the
# copy beside the project when there is one, as `make test` does, and never download.
SHARED_MNIST = ROOT.parent / "shared" / "data" / "mnist"
if SHARED_MNIST.is_dir():
    os.environ.setdefault("NBHELPERS_DATA", str(SHARED_MNIST))


@pytest.fixture(params=NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def notebook_path(request) -> Path:
    return request.param
