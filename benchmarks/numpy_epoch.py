"""One training epoch of the book's 784-50-10 ReLU network on MNIST, in NumPy: with nbhelpers, and inline.

``nbhelpers_epoch`` is what a learner writes with the package (``net.gradient`` + ``SGD.update``);
``plain_epoch`` is the same maths written out in plain NumPy, the practical limit. ``run.py`` times the
two side by side in its own process. Run as a script (``python benchmarks/numpy_epoch.py``), this file is
the NumPy side of the PyTorch comparison: a worker process (protocol: ``_worker.py``) that loads the data
``run.py`` saved, and times, on request, one nbhelpers epoch or one ``nbhelpers.forward`` pass, exactly
as ``torch_epoch.py`` times PyTorch's, so that the two sides run in separate processes with the same
thread settings.
"""

from __future__ import annotations

import ctypes
import glob
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import nbhelpers  # noqa: E402

KEYS = ("W1", "b1", "W2", "b2")


def batches(order, batch_size: int):
    """The index arrays of an epoch's mini-batches: consecutive slices of ``order`` (the last partial one dropped)."""
    return [order[i : i + batch_size] for i in range(0, len(order) - batch_size + 1, batch_size)]


def nbhelpers_epoch(net, optimizer, x, t, order, batch_size: int = 100) -> None:
    """One epoch with the package: ``grads = net.gradient(xb, tb)``, ``optimizer.update(net.params, grads)``."""
    for idx in batches(order, batch_size):
        grads = net.gradient(x[idx], t[idx])
        optimizer.update(net.params, grads)


def plain_epoch(params: dict, x, t, order, batch_size: int = 100, lr: float = 0.1, delta=None) -> None:
    """The same epoch written out in plain NumPy: affine, ReLU, affine, softmax; (y - t)/N backward; SGD.

    No dx for the first layer (nothing needs it); the parameters are updated in place. ``delta``: None
    for the book's backward, (y - t)/N, the exact derivative of the loss without the δ in its log (as
    PyTorch's cross_entropy); a number δ for the exact derivative of the book's loss -log(y_t + δ),
    r (y - t)/N with r = y_t / (y_t + δ), as nbhelpers' SoftmaxWithLoss computes it (used only to check
    that both compute the same; the timed epoch is the book's).
    """
    W1, b1, W2, b2 = (params[k] for k in KEYS)
    rows = np.arange(batch_size)
    for idx in batches(order, batch_size):
        xb, tb = x[idx], t[idx]
        a1 = xb @ W1
        a1 += b1
        z1 = np.maximum(a1, 0)
        a2 = z1 @ W2
        a2 += b2
        a2 -= a2.max(axis=1, keepdims=True)
        y = np.exp(a2)
        y /= y.sum(axis=1, keepdims=True)
        if delta is None:
            y[rows, tb] -= 1  # y - t ...
        else:
            y_t = y[rows, tb]
            r = y_t / (y_t + y.dtype.type(delta))
            y *= r[:, None]
            y[rows, tb] -= r
        y /= batch_size  # ... / N: dL/da2
        dW2 = z1.T @ y
        db2 = y.sum(axis=0)
        dz1 = y @ W2.T
        dz1[a1 <= 0] = 0
        dW1 = xb.T @ dz1
        db1 = dz1.sum(axis=0)
        W1 -= lr * dW1
        b1 -= lr * db1
        W2 -= lr * dW2
        b2 -= lr * db2


def reset(params: dict, start: dict) -> None:
    """Put the starting values back, in place (the network's layers hold references to these arrays)."""
    for key, value in start.items():
        params[key][...] = value


def _openblas(what: str):
    """The function ``what`` ("get_num_threads", "set_num_threads") of NumPy's own OpenBLAS, or None."""
    names = (f"scipy_openblas_{what}64_", f"openblas_{what}64_", f"openblas_{what}")
    for path in glob.glob(os.path.join(os.path.dirname(np.__file__) + ".libs", "*openblas*")):
        lib = ctypes.CDLL(path)  # already loaded by NumPy: this finds it, it loads nothing new
        for name in names:
            if hasattr(lib, name):
                return getattr(lib, name)
    return None


def blas_threads():
    """The number of threads of NumPy's OpenBLAS, asked of the library itself (None if it cannot be asked)."""
    get = _openblas("get_num_threads")
    return None if get is None else int(get())


def set_blas_threads(n: int) -> bool:
    """Set the number of threads of NumPy's OpenBLAS in this process; False if it cannot be set."""
    set_ = _openblas("set_num_threads")
    if set_ is not None:
        set_(
            ctypes.c_int(n)
        )  # a 64-bit integer in the 64BIT builds: an int argument is widened in a register
    return set_ is not None


# The worker: the NumPy side of the PyTorch comparison.
DATA: dict = {}


def load(folder: str) -> dict:
    """Read what run.py saved: the training set, the batch order, the starting weights, the forward pass's data."""
    folder = Path(folder)
    for name in ("x_train", "t_train", "order", "x_test"):
        DATA[name] = np.load(folder / f"{name}.npy")
    with np.load(folder / "start.npz") as f:
        DATA["start"] = {k: f[k] for k in KEYS}
    with np.load(folder / "forward_net.npz") as f:
        DATA["forward_net"] = dict(f)
    net = nbhelpers.TwoLayerNet(784, 50, 10, dtype=np.float32, activation="relu", rng=0)
    reset(net.params, DATA["start"])
    DATA["net"] = net
    return {
        "numpy": np.__version__,
        "nbhelpers": nbhelpers.__version__,
        "threads": f"OpenBLAS {blas_threads()} threads (OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS')})",
    }


def epoch(kind: str, lr: float, batch_size: int) -> dict:
    """Time one epoch from the starting weights: ``kind`` "nbhelpers" (the package) or "inline" (plain NumPy)."""
    x, t, order = DATA["x_train"], DATA["t_train"], DATA["order"]
    net = DATA["net"]
    if kind == "nbhelpers":
        reset(net.params, DATA["start"])
        optimizer = nbhelpers.SGD(lr)
        t0 = time.perf_counter()
        nbhelpers_epoch(net, optimizer, x, t, order, batch_size)
    else:
        params = DATA.setdefault("inline", {k: v.copy() for k, v in DATA["start"].items()})
        reset(params, DATA["start"])
        t0 = time.perf_counter()
        plain_epoch(params, x, t, order, batch_size, lr)
    return {"seconds": time.perf_counter() - t0}


def forward(dtype: str, times: int) -> dict:
    """One untimed forward pass (threads wake up, memory is reused), then the median of ``times`` timed ones."""
    net = {k: v.astype(dtype) for k, v in DATA["forward_net"].items()}
    x = DATA["x_test"].astype(dtype)
    seconds = []
    for _ in range(times + 1):
        t0 = time.perf_counter()
        nbhelpers.forward(net, x, output="softmax")
        seconds.append(time.perf_counter() - t0)
    return {"seconds": statistics.median(seconds[1:])}


def save(kind: str, path: str) -> dict:
    """Save the weights after the last epoch of ``kind`` (W1 of shape (784, 50), as nbhelpers holds it)."""
    np.savez(path, **(DATA["net"].params if kind == "nbhelpers" else DATA["inline"]))
    return {}


if __name__ == "__main__":
    from _worker import serve

    serve({"load": load, "epoch": epoch, "forward": forward, "save": save})
