"""The convolution benchmarks' NumPy side: the book's im2col layers and plain loops to time nbhelpers against,
the data every side uses, and (run as a script) the NumPy worker of the PyTorch comparison.

``run.py --only conv`` times, in its own process, nbhelpers' ``Convolution`` and ``Pooling`` against

* the book's layers (``book_im2col``, ``book_col2im``, ``BookConvolution``, ``BookPooling``: common/util.py
  and common/layers.py of oreilly-japan/deep-learning-from-scratch, copied with one change: the arrays they
  fill with ``np.zeros`` take the input's dtype; the book's are float64, which makes its whole layer
  compute in float64 for float32 input), and
* ``loop_convolution``, the forward and backward pass written as direct loops over the images, filters and
  output positions (each window's sum of products in one NumPy call).

Run as a script (``python benchmarks/conv_bench.py``, started by run.py), this file is a worker process
(protocol: ``_worker.py``), as ``numpy_epoch.py`` is for section 5: it loads what run.py saved
(:func:`save_data`) and times, on request, the Convolution layer's forward and backward pass (``conv``) or
``steps`` training steps of ``SimpleConvNet`` with ``Adam`` (``steps``), exactly as ``torch_conv.py`` times
PyTorch's, each side in a process of its own with the same thread settings.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from numpy_epoch import blas_threads  # noqa: E402  (this script's folder is on sys.path)

import nbhelpers  # noqa: E402
from nbhelpers import Adam, Convolution, SimpleConvNet  # noqa: E402

#: The benchmarks' layer: a batch of 100 MNIST images (1 channel, 28 × 28), 30 filters of 5 × 5, stride 1,
#: no padding (SimpleConvNet's first layer); its output (100, 30, 24, 24) is what the 2 × 2 pooling takes.
BATCH, FILTERS, SIZE = 100, 30, 5
CONVNET_KEYS = ("W1", "b1", "W2", "b2", "W3", "b3")


# ---- the book's code (common/util.py, common/layers.py); the one change: np.zeros(..., dtype=...) --------------


def book_im2col(input_data, filter_h, filter_w, stride=1, pad=0):
    N, C, H, W = input_data.shape
    out_h = (H + 2 * pad - filter_h) // stride + 1
    out_w = (W + 2 * pad - filter_w) // stride + 1

    img = np.pad(input_data, [(0, 0), (0, 0), (pad, pad), (pad, pad)], "constant")
    col = np.zeros((N, C, filter_h, filter_w, out_h, out_w), dtype=input_data.dtype)

    for y in range(filter_h):
        y_max = y + stride * out_h
        for x in range(filter_w):
            x_max = x + stride * out_w
            col[:, :, y, x, :, :] = img[:, :, y:y_max:stride, x:x_max:stride]

    col = col.transpose(0, 4, 5, 1, 2, 3).reshape(N * out_h * out_w, -1)
    return col


def book_col2im(col, input_shape, filter_h, filter_w, stride=1, pad=0):
    N, C, H, W = input_shape
    out_h = (H + 2 * pad - filter_h) // stride + 1
    out_w = (W + 2 * pad - filter_w) // stride + 1
    col = col.reshape(N, out_h, out_w, C, filter_h, filter_w).transpose(0, 3, 4, 5, 1, 2)

    img = np.zeros((N, C, H + 2 * pad + stride - 1, W + 2 * pad + stride - 1), dtype=col.dtype)
    for y in range(filter_h):
        y_max = y + stride * out_h
        for x in range(filter_w):
            x_max = x + stride * out_w
            img[:, :, y:y_max:stride, x:x_max:stride] += col[:, :, y, x, :, :]

    return img[:, :, pad : H + pad, pad : W + pad]


class BookConvolution:
    def __init__(self, W, b, stride=1, pad=0):
        self.W = W
        self.b = b
        self.stride = stride
        self.pad = pad
        self.x = None
        self.col = None
        self.col_W = None
        self.dW = None
        self.db = None

    def forward(self, x):
        FN, C, FH, FW = self.W.shape
        N, C, H, W = x.shape
        out_h = 1 + int((H + 2 * self.pad - FH) / self.stride)
        out_w = 1 + int((W + 2 * self.pad - FW) / self.stride)

        col = book_im2col(x, FH, FW, self.stride, self.pad)
        col_W = self.W.reshape(FN, -1).T

        out = np.dot(col, col_W) + self.b
        out = out.reshape(N, out_h, out_w, -1).transpose(0, 3, 1, 2)

        self.x = x
        self.col = col
        self.col_W = col_W

        return out

    def backward(self, dout, dx=True):
        """The book's backward; ``dx=False`` stops before its last two lines (dcol, col2im): dW and db only."""
        FN, C, FH, FW = self.W.shape
        dout = dout.transpose(0, 2, 3, 1).reshape(-1, FN)

        self.db = np.sum(dout, axis=0)
        self.dW = np.dot(self.col.T, dout)
        self.dW = self.dW.transpose(1, 0).reshape(FN, C, FH, FW)
        if not dx:  # not in the book: what a first layer needs
            return None

        dcol = np.dot(dout, self.col_W.T)
        dx = book_col2im(dcol, self.x.shape, FH, FW, self.stride, self.pad)

        return dx


class BookPooling:
    def __init__(self, pool_h, pool_w, stride=1, pad=0):
        self.pool_h = pool_h
        self.pool_w = pool_w
        self.stride = stride
        self.pad = pad
        self.x = None
        self.arg_max = None

    def forward(self, x):
        N, C, H, W = x.shape
        out_h = int(1 + (H - self.pool_h) / self.stride)
        out_w = int(1 + (W - self.pool_w) / self.stride)

        col = book_im2col(x, self.pool_h, self.pool_w, self.stride, self.pad)
        col = col.reshape(-1, self.pool_h * self.pool_w)

        arg_max = np.argmax(col, axis=1)
        out = np.max(col, axis=1)
        out = out.reshape(N, out_h, out_w, C).transpose(0, 3, 1, 2)

        self.x = x
        self.arg_max = arg_max

        return out

    def backward(self, dout):
        dout = dout.transpose(0, 2, 3, 1)

        pool_size = self.pool_h * self.pool_w
        dmax = np.zeros((dout.size, pool_size), dtype=dout.dtype)
        dmax[np.arange(self.arg_max.size), self.arg_max.flatten()] = dout.flatten()
        dmax = dmax.reshape(dout.shape + (pool_size,))

        dcol = dmax.reshape(dmax.shape[0] * dmax.shape[1] * dmax.shape[2], -1)
        dx = book_col2im(dcol, self.x.shape, self.pool_h, self.pool_w, self.stride, self.pad)

        return dx


# ---- plain loops ------------------------------------------------------------------------------------------------


def loop_convolution(x, W, b, dout) -> tuple:
    """Forward and backward of a convolution (stride 1, no padding) by direct loops: for each image n, filter
    f and output position (i, j), ``out[n, f, i, j] = sum(window · W[f]) + b[f]``, then ``dW[f] += g · window``,
    ``dx[n, :, window] += g · W[f]`` and ``db[f] += g`` with g = dout[n, f, i, j]. Returns (out, dx, dW, db).
    N·FN·OH·OW iterations (17 280 per image here): time it on a few images."""
    n_images, c, h, w = x.shape
    fn, _, fh, fw = W.shape
    oh, ow = h - fh + 1, w - fw + 1
    out = np.empty((n_images, fn, oh, ow), dtype=x.dtype)
    for n in range(n_images):
        for f in range(fn):
            for i in range(oh):
                for j in range(ow):
                    out[n, f, i, j] = np.sum(x[n, :, i : i + fh, j : j + fw] * W[f]) + b[f]
    dx, dW, db = np.zeros_like(x), np.zeros_like(W), np.zeros_like(b)
    for n in range(n_images):
        for f in range(fn):
            for i in range(oh):
                for j in range(ow):
                    g = dout[n, f, i, j]
                    dW[f] += g * x[n, :, i : i + fh, j : j + fw]
                    dx[n, :, i : i + fh, j : j + fw] += g * W[f]
                    db[f] += g
    return out, dx, dW, db


# ---- the data and the timed work, shared by run.py and the worker ----------------------------------------------


def conv_data(images, rng: int = 0) -> dict:
    """The benchmarks' convolution: ``x`` the first BATCH images (N, 1, 28, 28) float32, filters ``W`` (30, 1,
    5, 5) and biases ``b`` (30,) drawn as 0.01 × a standard normal (seeded), ``dout`` (N, 30, 24, 24) a
    standard normal (the fixed gradient the backward pass gets); ``pool_x`` = ReLU of the convolution
    (N, 30, 24, 24) (what the pooling gets in SimpleConvNet: many zeros, so ties) and ``pool_dout`` (N, 30,
    12, 12)."""
    g = np.random.default_rng(rng)
    x = np.ascontiguousarray(images[:BATCH], dtype=np.float32).reshape(-1, 1, 28, 28)
    W = (0.01 * g.standard_normal((FILTERS, 1, SIZE, SIZE))).astype(np.float32)
    b = (0.01 * g.standard_normal(FILTERS)).astype(np.float32)
    dout = g.standard_normal((len(x), FILTERS, 24, 24)).astype(np.float32)
    pool_x = np.maximum(Convolution(W, b).forward(x), 0)
    pool_dout = g.standard_normal((len(x), FILTERS, 12, 12)).astype(np.float32)
    return {"x": x, "W": W, "b": b, "dout": dout, "pool_x": pool_x, "pool_dout": pool_dout}


def conv_pass(layer, x, dout, dx: bool = True):
    """nbhelpers' Convolution forward and backward: with ``dx``, ``layer.backward(dout)``; without, only dW
    and db, as SimpleConvNet.gradient does for its first layer (``_param_grads(_dout(dout))``)."""
    out = layer.forward(x)
    if dx:
        return out, layer.backward(dout)
    layer._param_grads(layer._dout(dout))
    return out, None


def convnet_start(rng: int = 0) -> dict:
    """SimpleConvNet's starting weights (the book's defaults, float32, seeded) for both sides of the epoch."""
    return {k: v.copy() for k, v in SimpleConvNet(rng=rng).params.items()}


def convnet_steps(net, optimizer, x, t, order, steps: int, batch_size: int = BATCH) -> None:
    """``steps`` training steps on consecutive batches of ``order``: ``grads = net.gradient(xb, tb)``,
    ``optimizer.update(net.params, grads)``."""
    for k in range(steps):
        idx = order[k * batch_size : (k + 1) * batch_size]
        grads = net.gradient(x[idx], t[idx])
        optimizer.update(net.params, grads)


def save_data(folder, x_train, t_train, order, start: dict, conv: dict) -> None:
    """What both workers load: the training images (N, 1, 28, 28) float32, labels, the batch order, the
    network's starting weights, the convolution's data (:func:`conv_data`)."""
    folder = Path(folder)
    np.save(folder / "x_train.npy", np.ascontiguousarray(x_train, dtype=np.float32).reshape(-1, 1, 28, 28))
    np.save(folder / "t_train.npy", t_train)
    np.save(folder / "order.npy", order)
    np.savez(folder / "start.npz", **start)
    np.savez(folder / "conv.npz", **{k: conv[k] for k in ("x", "W", "b", "dout")})


# ---- the worker: the NumPy side of the PyTorch comparison ------------------------------------------------------

DATA: dict = {}


def load(folder: str) -> dict:
    folder = Path(folder)
    for name in ("x_train", "t_train", "order"):
        DATA[name] = np.load(folder / f"{name}.npy")
    with np.load(folder / "start.npz") as f:
        DATA["start"] = {k: f[k] for k in CONVNET_KEYS}
    with np.load(folder / "conv.npz") as f:
        DATA["conv"] = dict(f)
    DATA["net"] = SimpleConvNet(rng=0)
    return {
        "numpy": np.__version__,
        "nbhelpers": nbhelpers.__version__,
        "threads": f"OpenBLAS {blas_threads()} threads (OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS')})",
    }


def conv(dx: bool, times: int) -> dict:
    """One untimed forward + backward pass (threads wake up, memory is reused), then the median of ``times``."""
    d = DATA["conv"]
    layer = Convolution(d["W"], d["b"])
    seconds = []
    for _ in range(times + 1):
        t0 = time.perf_counter()
        conv_pass(layer, d["x"], d["dout"], dx)
        seconds.append(time.perf_counter() - t0)
    return {"seconds": statistics.median(seconds[1:])}


def steps(steps: int, lr: float, batch_size: int, book_backward: bool = False) -> dict:
    """Time ``steps`` training steps (SimpleConvNet, Adam) from the starting weights. ``book_backward``: with the
    book's ``SoftmaxWithLoss.backward``, (y - t)/N, the derivative of the loss without the δ in its log (as
    PyTorch's cross_entropy), in place of nbhelpers' exact r (y - t)/N (to compare the weights; never timed)."""
    net = DATA["net"]
    net.set_params(DATA["start"])
    optimizer = Adam(lr)
    if book_backward:
        net.last_layer.backward = _book_backward(net.last_layer)
    try:
        t0 = time.perf_counter()
        convnet_steps(net, optimizer, DATA["x_train"], DATA["t_train"], DATA["order"], steps, batch_size)
        return {"seconds": time.perf_counter() - t0}
    finally:
        vars(net.last_layer).pop("backward", None)


def _book_backward(layer):
    """The book's SoftmaxWithLoss.backward for ``layer`` (labels, not one-hot): (y - t)/N."""

    def backward(dout=1):
        dx = layer.y.copy()
        dx[np.arange(len(dx)), layer.t] -= 1
        return dx / len(dx)

    return backward


def check(path: str, batch_size: int) -> dict:
    """Save, at the starting weights, for the first batch: the scores, the loss and every gradient; and the
    convolution's output, dx, dW and db (keys prefixed "conv_"), to compare with PyTorch's."""
    net = DATA["net"]
    net.set_params(DATA["start"])
    idx = DATA["order"][:batch_size]
    xb, tb = DATA["x_train"][idx], DATA["t_train"][idx]
    result = {"scores": net.predict(xb), "loss": np.array(net.loss(xb, tb))}
    result.update(net.gradient(xb, tb))
    d = DATA["conv"]
    layer = Convolution(d["W"], d["b"])
    result["conv_out"], result["conv_dx"] = conv_pass(layer, d["x"], d["dout"])
    result["conv_dW"], result["conv_db"] = layer.dW, layer.db
    np.savez(path, **result)
    return {}


def save(path: str) -> dict:
    """Save the weights after the last ``steps`` request."""
    np.savez(path, **DATA["net"].params)
    return {}


if __name__ == "__main__":
    from _worker import serve

    serve({"load": load, "conv": conv, "steps": steps, "check": check, "save": save})
