"""Execute notebooks top to bottom in a fresh kernel and store their outputs, as nbval expects.

Usage: python tools/execute_notebooks.py notebooks/02_activation_functions.ipynb [...]

Each notebook runs in its own folder (as nbval and Jupyter run it), execution counts come out
1..n, and the saved widget state (``metadata.widgets``, which only repeats what running the
notebook recreates) and per-cell timings are left out, so a re-run changes nothing but real outputs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbclient
import nbformat


def execute(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    print(f"executed {path}")


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        execute(Path(arg))
