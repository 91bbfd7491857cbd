"""The benchmark script runs (one repetition of everything): it must not rot between the runs that
measure. Speed itself is never asserted here; `make bench` prints the ratios. PyTorch is never part of
the tests: its rows (benchmarks/torch_epoch.py and torch_conv.py, in the optional .venv-bench/) are skipped
here; the NumPy workers they are compared with are tested alone."""

from __future__ import annotations

import sys

import numpy as np
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
        "conv",
    }
    assert "dtypes of the gradients: ['float32']" in out
    assert out.count("PyTorch rows skipped: --no-torch given") == 2  # sections 5 and 6
    assert "the same as the book's, bit for bit: output True, dx True, arg_max True" in out
    assert all(r[3] > 0 for r in run.ROWS)
    assert "import nbhelpers loads matplotlib or ipywidgets: False" in out


def test_conv_worker_answers(tmp_path):
    """The NumPy side of the convolution comparison (benchmarks/conv_bench.py run as a worker process) answers
    every request run.py makes, on random images: timings, training steps (also with the book's loss
    gradient), the one-step check and the saved weights."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import conv_bench
        from _worker import Worker
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    rng = np.random.default_rng(0)
    x, t = rng.random((300, 784), dtype=np.float32), rng.integers(0, 10, 300)
    start = conv_bench.convnet_start()
    conv_bench.save_data(tmp_path, x, t, rng.permutation(300), start, conv_bench.conv_data(x))
    with Worker(sys.executable, ROOT / "benchmarks" / "conv_bench.py", 1) as worker:
        assert "OpenBLAS" in worker.call("load", folder=str(tmp_path))["threads"]
        for dx in (True, False):
            assert worker.call("conv", dx=dx, times=1)["seconds"] > 0
        for book_backward in (False, True):
            worker.call("steps", steps=2, lr=0.001, batch_size=100, book_backward=book_backward)
            worker.call("save", path=str(tmp_path / f"weights_{book_backward}.npz"))
        worker.call("check", path=str(tmp_path / "check.npz"), batch_size=100)
    with np.load(tmp_path / "weights_False.npz") as ours, np.load(tmp_path / "weights_True.npz") as book:
        assert all(0 < np.max(np.abs(ours[k] - start[k])) < 0.003 for k in conv_bench.CONVNET_KEYS)  # 2 steps
        assert all(np.max(np.abs(ours[k] - book[k])) < 1e-3 for k in conv_bench.CONVNET_KEYS)
    with np.load(tmp_path / "check.npz") as check:
        assert check["scores"].shape == (100, 10) and check["conv_dx"].shape == (100, 1, 28, 28)
        assert {check[k].dtype.name for k in check.files if k != "loss"} == {
            "float32"
        }  # loss: a Python float
