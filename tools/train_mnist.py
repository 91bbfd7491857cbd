"""Train the MNIST network that nbhelpers ships: 784-50-100-10, sigmoid hidden layers, softmax output.

Usage::

    python tools/train_mnist.py                      # all defaults: writes the shipped file
    python tools/train_mnist.py --epochs 2 --out /tmp/net.npz
    python tools/train_mnist.py --help

With no arguments it trains on the 60 000 MNIST training images (about half a second per epoch on
one core of a laptop) and writes ``nbhelpers/data/mnist_784_50_100_10.npz``: the weights W1, b1, W2,
b2, W3, b3 as float32 and the training settings as a JSON string under the key ``settings``; the
same settings, pretty-printed, go to ``mnist_784_50_100_10.json`` beside it. The MNIST files come
from ``--data-dir``, else from the folder named by the environment variable ``NBHELPERS_DATA``,
else they are downloaded once (see ``nbhelpers.load_mnist``). The test images are used once, at the
very end, to report the accuracy; nothing in the training looks at them.

The functions can be imported too (``from train_mnist import train``)::

    network, history = train(x_train, t_train, epochs=30, batch_size=100, lr=0.2, seed=0)
    nbhelpers.accuracy(network, x_test, t_test)

This script is thin: the reusable pieces live in the package, under the book's names, where the
notebooks teach them. What stays here is the backward pass (``gradients``; the book's layered
backpropagation comes with a later notebook), the learning-rate schedule, the training loop and
the writing of the shipped file.

How the network learns (the book's chapters 4 to 6; the notebooks will teach it step by step):

1. Forward pass (``nbhelpers.forward``), for a mini-batch X of N images (one per row), with h the
   sigmoid::

       A1 = X  @ W1 + b1,   Z1 = h(A1)
       A2 = Z1 @ W2 + b2,   Z2 = h(A2)
       A3 = Z2 @ W3 + b3,   Y  = softmax(A3)      (row n of Y: the 10 probabilities for image n)

2. Loss: the cross-entropy averaged over the batch, ``-(1/N) sum_n log Y[n, t_n]``, where t_n is
   image n's digit (with one-hot labels T: ``-(1/N) sum_n sum_k T[n, k] log Y[n, k]``), computed by
   ``nbhelpers.cross_entropy_error`` (book §4.2.4, which adds 1e-7 inside the log), plus the weight
   decay ``(lambda / 2) * (sum of all squared weights)``, which keeps the weights small.

3. Backward pass (backpropagation, ``gradients`` below): the chain rule, applied layer by layer from
   the output back. Softmax and cross-entropy together have the simple derivative
   ``dL/dA3 = (Y - T) / N``. Then for each layer k = 3, 2, 1, from ``dA = dL/dAk``::

       dL/dWk     = Z(k-1).T @ dA  +  lambda * Wk      (Z0 = X)
       dL/dbk     = dA summed over the N rows
       dL/dZ(k-1) = dA @ Wk.T
       dL/dA(k-1) = dL/dZ(k-1) * h'(A(k-1)),   with h'(a) = h(a) (1 - h(a)) for the sigmoid

4. Update: gradient descent with momentum (``nbhelpers.Momentum``, book §6.1.4): for each
   parameter W with gradient g, ``v = momentum * v - lr * g`` and ``W = W + v``, with a learning rate
   that falls linearly over the epochs (``learning_rate`` below).

Initialisation: Xavier (``nbhelpers.init_weights(SIZES, "xavier", rng, np.float32)``, book §6.2),
each Wk drawn from a normal distribution with standard deviation 1 / sqrt(inputs of layer k), every
bk = 0. The accuracies are measured by ``nbhelpers.accuracy``, 10 000 images at a time.

The settings (learning rate 0.2, momentum 0.9, weight decay 1e-4, 30 epochs of batches of 100)
were chosen by training on the first 50 000 training images and measuring the accuracy on the last
10 000 (about 0.976 there); the shipped network is then trained on all 60 000.

Reproducible: one seed (``np.random.default_rng(seed)``) draws the initial weights and then
shuffles the training images at every epoch. Run as a script, the matrix products use one thread
(see below), so two runs with the same arguments on the same machine give identical weights. The
.npz files themselves differ in the training time they record (and in the zip's timestamps), so
compare the arrays, not the files. Another CPU, or another build of NumPy and its BLAS, may round
differently and give slightly different weights.
"""

from __future__ import annotations

import os

# Reproducibility: a BLAS library (OpenBLAS, MKL) may split one matrix product over several threads,
# and how it splits can depend on the number of threads, which changes the order in which floats
# are added and so the last bits of the result. One thread makes every run add in the same order
# (and on a small network it is no slower). This must happen before NumPy is imported, so only when
# this file runs as a script: imported, it leaves the threads of the program that imports it alone.
if __name__ == "__main__":
    for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[_variable] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

from nbhelpers.activations import ACTIVATIONS  # noqa: E402
from nbhelpers.losses import cross_entropy_error  # noqa: E402
from nbhelpers.mnist import FILES, WEIGHTS_FILE, load_mnist  # noqa: E402
from nbhelpers.network import accuracy, forward, init_weights, layer_count  # noqa: E402
from nbhelpers.optimizers import Momentum  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "nbhelpers" / "data" / WEIGHTS_FILE

#: The shipped network's shape: 784 pixels in, hidden layers of 50 and 100 neurons, 10 digits out.
SIZES = (784, 50, 100, 10)

#: The training settings of the shipped file (the command line's defaults).
DEFAULTS = {"epochs": 30, "batch_size": 100, "lr": 0.2, "momentum": 0.9, "weight_decay": 1e-4, "seed": 0}

#: The keys of the settings stored with the weights (``nbhelpers.mnist.pretrained_settings()``).
SETTINGS_KEYS = (
    "architecture",
    "hidden_activation",
    "output_activation",
    "loss",
    "initialization",
    "optimizer",
    "epochs",
    "batch_size",
    "seed",
    "dtype",
    "training_images",
    "data_sha256",
    "hyperparameter_selection",
    "train_accuracy",
    "test_accuracy",
    "history",
    "training_seconds",
    "numpy_version",
    "python_version",
    "blas",
    "blas_threads",
    "command",
)


# ---- the gradients ----------------------------------------------------------------------------


def gradients(network: dict, x, t, weight_decay: float = 0.0, hidden: str = "sigmoid"):
    """Backpropagation: the loss of the batch ``x`` (N, inputs) with digits ``t`` (N,), the outputs
    Y, and the gradient of the loss with respect to every weight and bias, as a dict like ``network``.

    Returns ``(loss, y, grads)``. The loss is the cross-entropy plus ``weight_decay / 2`` times the
    sum of the squared weights (not the biases). Works for any number of layers, in x's float type.
    """
    h_grad = ACTIVATIONS[hidden][1]  # h', the derivative of the hidden layers' activation h
    n_layers = layer_count(network)
    # Forward pass with nbhelpers.forward, the same function the notebooks use; it also returns
    # every layer's weighted sums A1, A2, ... and outputs Z1, Z2, ..., which the backward pass needs.
    y, values = forward(network, x, hidden=hidden, output="softmax", return_intermediates=True)
    n = len(t)
    loss = cross_entropy_error(y, t)  # -(1/N) sum_n log(Y[n, t_n] + 1e-7)
    if weight_decay:
        loss += weight_decay / 2 * sum(float(np.sum(network[f"W{k}"] ** 2)) for k in range(1, n_layers + 1))

    # Softmax + cross-entropy: dL/dA = (Y - T) / N, with T the one-hot labels. Subtracting 1 at each
    # row's right digit is the same as subtracting T.
    d_a = y.copy()
    d_a[np.arange(n), t] -= 1
    d_a /= n

    grads = {}
    for k in range(n_layers, 0, -1):  # from the last layer back to the first
        z_prev = values["X"] if k == 1 else values[f"Z{k - 1}"]
        grads[f"W{k}"] = z_prev.T @ d_a  # dL/dWk = Z(k-1).T @ dA ...
        if weight_decay:
            grads[f"W{k}"] += weight_decay * network[f"W{k}"]  # ... + lambda * Wk
        grads[f"b{k}"] = d_a.sum(axis=0)  # dL/dbk = dA summed over the batch
        if k > 1:
            d_z = d_a @ network[f"W{k}"].T  # dL/dZ(k-1) = dA @ Wk.T
            d_a = d_z * h_grad(values[f"A{k - 1}"])  # dL/dA(k-1) = dL/dZ(k-1) * h'(A(k-1))
    return loss, y, grads


def learning_rate(lr: float, epoch: int, epochs: int) -> float:
    """The learning rate of epoch 1, 2, ..., ``epochs``: it falls linearly, from ``lr`` in the first
    epoch to ``lr / epochs`` in the last. Big steps early travel far; small steps late settle into
    the bottom of the valley instead of bouncing around in it.

    >>> [learning_rate(1.0, epoch, 4) for epoch in (1, 2, 3, 4)]
    [1.0, 0.75, 0.5, 0.25]
    """
    return lr * (1 - (epoch - 1) / epochs)


# ---- training ---------------------------------------------------------------------------------


class ProgressBar:
    """One line per epoch, redrawn in place (with a carriage return) while the epoch runs::

        epoch  3/30 [##############----------------]  46%  loss 0.1234  train acc 0.9650    4.1s

    Where the output is not a terminal (a log file), only each epoch's finished line is written.
    """

    width = 30

    def __init__(self, epochs: int, stream=None):
        self.epochs = epochs
        self.stream = sys.stdout if stream is None else stream
        self.live = bool(getattr(self.stream, "isatty", lambda: False)())
        self.start = time.perf_counter()

    def show(self, epoch: int, done: int, total: int, loss: float, acc: float, end: bool = False) -> None:
        if not (end or self.live):
            return
        filled = self.width * done // total
        bar = "#" * filled + "-" * (self.width - filled)
        seconds = time.perf_counter() - self.start
        line = (
            f"epoch {epoch:>{len(str(self.epochs))}}/{self.epochs} [{bar}] {100 * done // total:3d}%  "
            f"loss {loss:.4f}  train acc {acc:.4f}  {seconds:6.1f}s"
        )
        self.stream.write(("\r" if self.live else "") + line + ("\n" if end else ""))
        self.stream.flush()


def train(
    x,
    t,
    epochs: int = DEFAULTS["epochs"],
    batch_size: int = DEFAULTS["batch_size"],
    lr: float = DEFAULTS["lr"],
    seed: int = DEFAULTS["seed"],
    momentum: float = DEFAULTS["momentum"],
    weight_decay: float = DEFAULTS["weight_decay"],
    sizes=SIZES,
    hidden: str = "sigmoid",
    dtype=np.float32,
    progress: bool = True,
):
    """Train a new network on the images ``x`` (N, 784) with digits ``t`` (N,) by mini-batch
    gradient descent: backpropagation for the gradients, momentum for the steps.

    Each epoch shuffles the N images and goes through them in batches of ``batch_size``; the
    learning rate falls linearly from ``lr`` (see :func:`learning_rate`). The seed fixes the initial
    weights and every shuffle. With ``progress``, a progress bar goes to stdout.

    Returns ``(network, history)``: the trained network (arrays of ``dtype``) and a dict of lists,
    ``"loss"`` and ``"train_accuracy"`` per epoch (the means over the epoch's batches, each measured
    just before its own update) and ``"step_loss"``, the loss of every batch.
    """
    x = np.asarray(x, dtype=dtype)
    t = np.asarray(t)
    if x.ndim != 2 or x.shape[1] != sizes[0] or t.shape != (len(x),):
        raise ValueError(f"x must have shape (N, {sizes[0]}) and t shape (N,); got {x.shape} and {t.shape}")
    rng = np.random.default_rng(seed)
    network = init_weights(sizes, "xavier", rng, dtype)  # the generator's first draws ...
    optimizer = Momentum(lr, momentum)
    history = {"loss": [], "train_accuracy": [], "step_loss": []}
    bar = ProgressBar(epochs) if progress else None
    n = len(x)
    n_batches = -(-n // batch_size)  # rounded up: a last, smaller batch takes the rest
    for epoch in range(1, epochs + 1):
        optimizer.lr = learning_rate(lr, epoch, epochs)
        order = rng.permutation(n)  # ... then one shuffle per epoch
        loss_sum = correct = 0.0
        for b in range(n_batches):
            batch = order[b * batch_size : (b + 1) * batch_size]
            x_batch, t_batch = x[batch], t[batch]
            loss, y, grads = gradients(network, x_batch, t_batch, weight_decay, hidden)
            optimizer.update(network, grads)
            history["step_loss"].append(loss)
            loss_sum += loss * len(batch)
            correct += int(np.sum(np.argmax(y, axis=1) == t_batch))
            seen = min((b + 1) * batch_size, n)
            if bar and (b + 1) % max(1, n_batches // 50) == 0:
                bar.show(epoch, b + 1, n_batches, loss_sum / seen, correct / seen)
        history["loss"].append(loss_sum / n)
        history["train_accuracy"].append(correct / n)
        if bar:
            bar.show(epoch, n_batches, n_batches, loss_sum / n, correct / n, end=True)
    return network, history


# ---- the shipped file -------------------------------------------------------------------------


def _blas() -> str:
    try:  # NumPy >= 1.25 describes its build as a dict; older versions only print it
        info = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        return f"{info['name']} {info['version']}"
    except Exception:
        return "unknown"


def command(args) -> str:
    """The command line that trains the same network again."""
    parts = ["python tools/train_mnist.py", f"--epochs {args.epochs}", f"--batch-size {args.batch_size}"]
    parts += [f"--lr {args.lr}", f"--momentum {args.momentum}", f"--weight-decay {args.weight_decay}"]
    parts += [f"--seed {args.seed}"]
    if args.limit is not None:
        parts.append(f"--limit {args.limit}")
    out = Path(args.out).resolve()
    parts.append(f"--out {out.relative_to(ROOT) if ROOT in out.parents else out}")
    return " ".join(parts)


def save(network: dict, settings: dict, out) -> tuple:
    """Write the weights (as float32) and the settings to ``out`` (.npz), and the settings to the
    .json of the same name; return both paths. The settings are a JSON string stored as a NumPy
    unicode array, so the file loads with ``np.load(out, allow_pickle=False)``."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(settings, indent=2)
    arrays = {key: np.asarray(value, dtype=np.float32) for key, value in network.items()}
    np.savez_compressed(out, settings=np.array(text), **arrays)
    json_path = out.with_suffix(".json")
    json_path.write_text(text + "\n", encoding="utf-8")
    return out, json_path


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add = parser.add_argument
    add("--epochs", type=int, default=DEFAULTS["epochs"], help="passes over the training images")
    add("--batch-size", type=int, default=DEFAULTS["batch_size"], help="images per step")
    add("--lr", type=float, default=DEFAULTS["lr"], help="learning rate of the first epoch")
    add("--momentum", type=float, default=DEFAULTS["momentum"], help="momentum (0: plain gradient descent)")
    add("--weight-decay", type=float, default=DEFAULTS["weight_decay"], help="L2 weight decay lambda")
    add("--seed", type=int, default=DEFAULTS["seed"], help="seed of the initial weights and the shuffles")
    add("--limit", type=int, default=None, help="train on the first LIMIT training images only (a quick try)")
    add("--data-dir", default=None, help="folder holding the four MNIST files (default: NBHELPERS_DATA)")
    add("--out", default=str(DEFAULT_OUT), help="the .npz to write; a .json of the same name goes beside it")
    return parser.parse_args(argv)


def main(argv=None) -> dict:
    """Train, measure, save; return the settings written."""
    args = parse_args(argv)
    (x_train, t_train), (x_test, t_test) = load_mnist(data_dir=args.data_dir)
    if args.limit is not None:
        x_train, t_train = x_train[: args.limit], t_train[: args.limit]
    print(
        f"Training {'-'.join(map(str, SIZES))} (sigmoid, softmax) on {len(x_train)} images: "
        f"{args.epochs} epochs, batches of {args.batch_size}, lr {args.lr} (falling linearly), "
        f"momentum {args.momentum}, weight decay {args.weight_decay}, seed {args.seed}"
    )
    start = time.perf_counter()
    network, history = train(
        x_train,
        t_train,
        epochs=args.epochs,
        batch_size=args.batch_size,
        lr=args.lr,
        seed=args.seed,
        momentum=args.momentum,
        weight_decay=args.weight_decay,
    )
    seconds = time.perf_counter() - start

    # The accuracies of the float32 weights exactly as they are shipped. This is the only place
    # where the test images are used.
    shipped = {key: value.astype(np.float32) for key, value in network.items()}
    train_acc = accuracy(shipped, x_train, t_train, batch_size=10000)
    test_acc = accuracy(shipped, x_test, t_test, batch_size=10000)
    settings = {
        "architecture": list(SIZES),
        "hidden_activation": "sigmoid",
        "output_activation": "softmax",
        "loss": "cross-entropy (mean over the batch) + weight_decay / 2 * sum of squared weights",
        "initialization": "Xavier: Wk ~ normal(0, 1 / sqrt(inputs of layer k)), bk = 0",
        "optimizer": {
            "name": "SGD with momentum",
            "lr": args.lr,
            "lr_schedule": "linear: lr * (1 - (epoch - 1) / epochs) in epoch 1, 2, ..., epochs",
            "momentum": args.momentum,
            "weight_decay": args.weight_decay,
        },
        "epochs": args.epochs,
        "batch_size": args.batch_size,
        "seed": args.seed,
        "dtype": "float32",
        "training_images": len(x_train),
        "data_sha256": {name: sha for name, sha in FILES.values()},
        "hyperparameter_selection": (
            "the default lr, momentum, weight decay and epochs were chosen by training on the first 50000 training "
            "images and measuring the accuracy on the last 10000; the test images were not used"
        ),
        "train_accuracy": train_acc,
        "test_accuracy": test_acc,
        "history": {
            "loss": [round(v, 6) for v in history["loss"]],
            "train_accuracy": [round(v, 6) for v in history["train_accuracy"]],
        },
        "training_seconds": round(seconds, 1),
        "numpy_version": np.__version__,
        "python_version": platform.python_version(),
        "blas": _blas(),
        "blas_threads": int(os.environ.get("OPENBLAS_NUM_THREADS", "0")) or None,
        "command": command(args),
    }
    assert tuple(settings) == SETTINGS_KEYS
    out, json_path = save(shipped, settings, args.out)
    print(
        f"Done in {seconds:.1f}s: train accuracy {train_acc:.4f}, test accuracy {test_acc:.4f} "
        f"(the float32 weights as saved). Wrote {out} and {json_path.name}."
    )
    return settings


if __name__ == "__main__":
    main()
