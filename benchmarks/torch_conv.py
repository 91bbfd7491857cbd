"""The PyTorch side of the convolution comparison: a worker process, run with the optional environment's Python.

    .venv-bench/bin/python benchmarks/torch_conv.py      # started by run.py (--only conv), never by hand

As ``torch_epoch.py`` (section 5), it runs in a process of its own, speaks the protocol of ``_worker.py``
(JSON lines on stdin and stdout), imports only NumPy and PyTorch and sets ``torch.set_num_threads`` to
``BENCH_THREADS``, the count the NumPy worker (``conv_bench.py``) gets too. ``load`` reads what run.py saved
(``conv_bench.save_data``). On request it times

* ``conv``: ``F.conv2d(x, W, b)`` and ``out.backward(dout)`` with a fixed dout, W and b requiring grad, and
  x too when ``dx`` (without, PyTorch computes only dW and db, as for a first layer);
* ``steps``: training steps of the same SimpleConvNet written as a PyTorch user writes it (``nn.Conv2d(1, 30,
  5)``, ReLU, ``nn.MaxPool2d(2)``, ``nn.Linear(4320, 100)``, ReLU, ``nn.Linear(100, 10)``,
  ``F.cross_entropy``, ``torch.optim.Adam``) from the NumPy network's starting weights, on the same batches
  (``book_eps``: with the book's ε, untimed, to compare the weights);

``check`` saves the first batch's scores, loss and gradients and the convolution's results, ``save`` the
weights after the last steps, both in NumPy's layout (``W2`` of shape (4320, 100)), for run.py to compare.
"""

from __future__ import annotations

import math
import os
import statistics
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

KEYS = ("W1", "b1", "W2", "b2", "W3", "b3")
DATA: dict = {}


def load(folder: str) -> dict:
    torch.set_num_threads(int(os.environ.get("BENCH_THREADS", os.cpu_count())))
    folder = Path(folder)
    DATA["x_train"] = torch.from_numpy(np.load(folder / "x_train.npy"))
    DATA["t_train"] = torch.from_numpy(np.load(folder / "t_train.npy").astype(np.int64))
    DATA["order"] = torch.from_numpy(np.load(folder / "order.npy").astype(np.int64))
    with np.load(folder / "start.npz") as f:
        DATA["start"] = {k: f[k] for k in KEYS}
    with np.load(folder / "conv.npz") as f:
        DATA["conv"] = {k: torch.from_numpy(f[k]) for k in f.files}
    fn, c, fh, fw = DATA["start"]["W1"].shape
    pooled, hidden = DATA["start"]["W2"].shape
    DATA["model"] = nn.Sequential(
        nn.Conv2d(c, fn, (fh, fw)),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(pooled, hidden),
        nn.ReLU(),
        nn.Linear(hidden, DATA["start"]["W3"].shape[1]),
    )
    return {
        "torch": torch.__version__,
        "numpy": np.__version__,
        "threads": f"torch.get_num_threads() = {torch.get_num_threads()} (OMP_NUM_THREADS="
        f"{os.environ.get('OMP_NUM_THREADS')}, MKL_NUM_THREADS={os.environ.get('MKL_NUM_THREADS')})",
    }


def _layers(model):
    """(layer, W key, b key, whether the layer holds W transposed) of the model's three layers with weights."""
    return ((model[0], "W1", "b1", False), (model[4], "W2", "b2", True), (model[6], "W3", "b3", True))


def _reset(model) -> None:
    """The NumPy network's starting weights, copied in (nn.Linear holds W transposed: (out, in))."""
    start = DATA["start"]
    with torch.no_grad():
        for layer, w, b, transposed in _layers(model):
            layer.weight.copy_(torch.from_numpy(start[w].T if transposed else start[w]))
            layer.bias.copy_(torch.from_numpy(start[b]))


def _numpy(model, what: str) -> dict:
    """The weights (``what`` "data") or their gradients ("grad") in NumPy's layout."""
    out = {}
    for layer, w, b, transposed in _layers(model):
        weight, bias = getattr(layer.weight, what), getattr(layer.bias, what)
        out[w] = (weight.T if transposed else weight).detach().numpy().copy()
        out[b] = bias.detach().numpy().copy()
    return out


def _conv_tensors(dx: bool) -> tuple:
    d = DATA["conv"]
    x = d["x"].clone().requires_grad_(dx)
    W, b = d["W"].clone().requires_grad_(), d["b"].clone().requires_grad_()
    return x, W, b, d["dout"]


def conv(dx: bool, times: int) -> dict:
    """One untimed forward + backward pass (threads wake up, memory is reused), then the median of ``times``."""
    x, W, b, dout = _conv_tensors(dx)
    seconds = []
    for _ in range(times + 1):
        x.grad = W.grad = b.grad = None
        t0 = time.perf_counter()
        F.conv2d(x, W, b).backward(dout)
        seconds.append(time.perf_counter() - t0)
    return {"seconds": statistics.median(seconds[1:])}


def steps(steps: int, lr: float, batch_size: int, book_eps: bool = False) -> dict:
    """Time ``steps`` training steps from the starting weights. ``book_eps``: set Adam's ε before step t to
    1e-7/√(1 − β2^t), which makes PyTorch's update lr·m̂/(√v̂ + ε) the book's lr_t·m/(√v + 1e-7) (for the
    comparison of the weights; the timed steps use PyTorch's default, eps = 1e-8)."""
    model = DATA["model"]
    _reset(model)
    x, t, order = DATA["x_train"], DATA["t_train"], DATA["order"]
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    group = optimizer.param_groups[0]
    t0 = time.perf_counter()
    for k in range(steps):
        if book_eps:
            group["eps"] = 1e-7 / math.sqrt(1.0 - group["betas"][1] ** (k + 1))
        idx = order[k * batch_size : (k + 1) * batch_size]
        loss = F.cross_entropy(model(x[idx]), t[idx])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return {"seconds": time.perf_counter() - t0}


def check(path: str, batch_size: int) -> dict:
    model = DATA["model"]
    _reset(model)
    model.zero_grad()
    idx = DATA["order"][:batch_size]
    scores = model(DATA["x_train"][idx])
    loss = F.cross_entropy(scores, DATA["t_train"][idx])
    loss.backward()
    result = {"scores": scores.detach().numpy(), "loss": loss.detach().numpy()}
    result.update(_numpy(model, "grad"))
    x, W, b, dout = _conv_tensors(True)
    out = F.conv2d(x, W, b)
    out.backward(dout)
    for name, value in (("out", out), ("dx", x.grad), ("dW", W.grad), ("db", b.grad)):
        result[f"conv_{name}"] = value.detach().numpy()
    np.savez(path, **result)
    return {}


def save(path: str) -> dict:
    np.savez(path, **_numpy(DATA["model"], "data"))
    return {}


if __name__ == "__main__":
    from _worker import serve

    serve({"load": load, "conv": conv, "steps": steps, "check": check, "save": save})
