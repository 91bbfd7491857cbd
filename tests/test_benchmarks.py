"""The benchmark script runs (one repetition of everything): it must not rot between the runs that
measure. Speed itself is never asserted here; `make bench` prints the ratios. PyTorch is never part of
the tests: its rows (benchmarks/torch_epoch.py, in the optional .venv-bench/) are skipped here."""

from __future__ import annotations

import sys

from conftest import ROOT


def test_benchmark_script_runs(capsys):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import run
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    run.ROWS.clear()
    run.main(["--smoke", "--no-torch"])
    out = capsys.readouterr().out
    assert "dtypes through the layers: ['float32']" in out and "dtypes through the layers: ['float64']" in out
    groups = {r[0] for r in run.ROWS}
    assert groups == {
        "forward",
        "activations",
        "gradient",
        "training",
        "backprop",
        "optimizers",
        "widgets",
        "startup",
    }
    assert "dtypes of the gradients: ['float32']" in out
    assert "PyTorch rows skipped: --no-torch given" in out
    assert all(r[3] > 0 for r in run.ROWS)
    assert "import nbhelpers loads matplotlib or ipywidgets: False" in out
