"""The PyTorch side of the comparison: a worker process, run with the optional environment's Python.

    .venv-bench/bin/python benchmarks/torch_epoch.py      # started by run.py, never by hand

PyTorch runs in a process of its own: its OpenMP threads, once started, slow NumPy's BLAS in the same
process. The worker speaks the protocol of ``_worker.py`` (JSON lines on stdin and stdout) and imports
only NumPy and PyTorch. ``load`` reads what ``run.py`` saved (the MNIST training set, the batch order,
the starting weights of the NumPy network, the forward pass's network and test images) and sets
PyTorch's thread count (``torch.set_num_threads``) to ``BENCH_THREADS``, the count the NumPy worker gets
too. Then, on request, it times one training epoch of the same 784-50-10 ReLU network, written as a
PyTorch user writes it (``nn.Sequential`` of ``nn.Linear`` and ``nn.ReLU``, ``F.cross_entropy``,
``torch.optim.SGD``), on the same batches in the same order from the same weights, or one forward pass
of the sigmoid network of row 1; ``save`` writes the weights after the last epoch, in NumPy's layout
(W1 of shape (784, 50)), for run.py to compare.
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

KEYS = ("W1", "b1", "W2", "b2")
DATA: dict = {}


def load(folder: str) -> dict:
    torch.set_num_threads(int(os.environ.get("BENCH_THREADS", os.cpu_count())))
    folder = Path(folder)
    DATA["x_train"] = torch.from_numpy(np.load(folder / "x_train.npy"))
    DATA["t_train"] = torch.from_numpy(np.load(folder / "t_train.npy").astype(np.int64))
    DATA["order"] = torch.from_numpy(np.load(folder / "order.npy").astype(np.int64))
    DATA["x_test"] = np.load(folder / "x_test.npy")
    with np.load(folder / "start.npz") as f:
        DATA["start"] = {k: f[k] for k in KEYS}
    with np.load(folder / "forward_net.npz") as f:
        DATA["forward_net"] = dict(f)
    W1, W2 = DATA["start"]["W1"], DATA["start"]["W2"]
    DATA["model"] = nn.Sequential(nn.Linear(*W1.shape), nn.ReLU(), nn.Linear(*W2.shape))
    return {
        "torch": torch.__version__,
        "numpy": np.__version__,
        "threads": f"torch.get_num_threads() = {torch.get_num_threads()} (OMP_NUM_THREADS="
        f"{os.environ.get('OMP_NUM_THREADS')}, MKL_NUM_THREADS={os.environ.get('MKL_NUM_THREADS')})",
    }


def _reset(model) -> None:
    """The NumPy network's starting weights, copied in (nn.Linear holds W transposed: (out, in))."""
    start = DATA["start"]
    with torch.no_grad():
        for layer, w, b in ((model[0], "W1", "b1"), (model[2], "W2", "b2")):
            layer.weight.copy_(torch.from_numpy(start[w].T))
            layer.bias.copy_(torch.from_numpy(start[b]))


def epoch(lr: float, batch_size: int) -> dict:
    model = DATA["model"]
    _reset(model)
    x, t, order = DATA["x_train"], DATA["t_train"], DATA["order"]
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    t0 = time.perf_counter()
    for i in range(0, len(order) - batch_size + 1, batch_size):
        idx = order[i : i + batch_size]
        loss = F.cross_entropy(model(x[idx]), t[idx])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return {"seconds": time.perf_counter() - t0}


def forward(dtype: str, times: int) -> dict:
    """One untimed forward pass (threads wake up, memory is reused), then the median of ``times`` timed ones."""
    net = {k: torch.from_numpy(v.astype(dtype)) for k, v in DATA["forward_net"].items()}
    x = torch.from_numpy(DATA["x_test"].astype(dtype))
    seconds = []
    for _ in range(times + 1):
        t0 = time.perf_counter()
        with torch.no_grad():
            z1 = torch.sigmoid(x @ net["W1"] + net["b1"])
            z2 = torch.sigmoid(z1 @ net["W2"] + net["b2"])
            torch.softmax(z2 @ net["W3"] + net["b3"], dim=-1)
        seconds.append(time.perf_counter() - t0)
    return {"seconds": statistics.median(seconds[1:])}


def save(path: str) -> dict:
    model = DATA["model"]
    weights = {"W1": model[0].weight.T, "b1": model[0].bias, "W2": model[2].weight.T, "b2": model[2].bias}
    np.savez(path, **{k: v.detach().numpy().copy() for k, v in weights.items()})
    return {}


if __name__ == "__main__":
    from _worker import serve

    serve({"load": load, "epoch": epoch, "forward": forward, "save": save})
