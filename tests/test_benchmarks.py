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
        "playground",
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


def _benchmarks(*modules):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        return [__import__(name) for name in modules]
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))


def test_playground_section_runs_without_mnist(capsys, monkeypatch):
    """`--only playground --quick`: every row of section 7 (the rates against the issue's targets, the parts
    of a widget frame, SVG against matplotlib's PNG, train against plain NumPy), and no MNIST read."""
    from nbhelpers.widgets.playground import _BIG_MAP, _MAP, _NODE_MAP  # the widget's resolutions

    (run,) = _benchmarks("run")

    def no_mnist(*args, **kwargs):
        raise AssertionError("the playground section needs no MNIST")

    monkeypatch.setattr(run, "load_mnist", no_mnist)
    run.ROWS.clear()
    run.main(["--only", "playground", "--quick"])
    out = capsys.readouterr().out
    assert {r[0] for r in run.ROWS} == {"playground"}
    assert all(r[3] > 0 for r in run.ROWS)
    rates = {r[1]: r for r in run.ROWS if r[2].startswith("target ")}
    assert set(rates) == {"a step of pg.step(1)", "a step of pg.step(10)", "a frame: box.tick()"}
    for what, row in rates.items():  # the ratio is the measured rate over the target's
        goal = 1 / 50 if "step" in what else 1 / 10
        assert row[4] == goal and abs(row[5] - goal / row[3]) < 1e-12
    parts = [r[1] for r in run.ROWS if r[2] == ""]
    assert parts == [
        "the steps: pg.step(10)",
        f"pg.probability_map({_MAP})",
        f"pg.neuron_maps({_NODE_MAP})",
        f"pg.neuron_maps({_BIG_MAP}), the large one",
        "boundary_svg",
        "network_svg",
        "loss_svg",
        "grad_norm_svg",
        "neuron_svg",
    ]
    versus = {r[2] for r in run.ROWS}
    assert {"TrainingPlot.show + png", "the steps in plain NumPy", "pg.step(10) × 5"} <= versus
    assert "frames/s, target ratio ≥ 1" in out and "steps/s, target ratio ≥ 1" in out
    assert "grad_norm_svg after 50000 steps" in out


def test_playground_plain_steps_are_train_s_steps():
    """The plain NumPy steps of section 7d do what train() does to the 2-16-16-2 network: from the same start
    with the same batches, the same weights after 100 steps, up to the δ in the book's loss (and rounding);
    and the frame's parts each return a time."""
    (bench,) = _benchmarks("playground_bench")
    from nbhelpers.optimizers import SGD
    from nbhelpers.training import train

    pg = bench.make_playground()
    start, lr = pg.export(), pg.settings["lr"]
    plain = {k: v.copy() for k, v in start.items()}
    train(
        pg.net,
        pg.f_train,
        pg.t_train,
        optimizer=SGD(lr),
        batch_size=10,
        steps=100,
        seed=0,
        gradient="gradient",
        progress=False,
    )
    bench.plain_steps(plain, pg.f_train, pg.t_train, np.random.default_rng(0), 100, 10, lr)
    for key, value in start.items():
        moved = np.max(np.abs(plain[key] - value))
        assert moved > 1e-3 and np.max(np.abs(plain[key] - pg.net.params[key])) < 1e-6 * max(moved, 1)
    assert [p.shape for p in plain.values()] == [(2, 16), (16,), (16, 16), (16,), (16, 2), (2,)]
    box = bench.make_widget()
    assert box.backlog == 0 and box.pg.settings["hidden"] == (16, 16)
    assert all(part() > 0 for part in bench.frame_parts(box).values())
    assert box.pg.history.steps_done == 10  # the steps part trains the widget's network
