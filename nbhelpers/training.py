"""Training a network: toy 2-D data sets, a train/test split, and the book's training loop.

The data sets are small problems in the plane, two classes each, that a learner can draw and watch a
network learn: ``blobs`` (two clusters, separable by a straight line), ``circles`` (a disc inside a ring),
``xor`` (opposite quadrants) and ``spirals`` (two interleaved spirals). Each returns ``(x, t)``: the
points x, float64 of shape (n, 2), roughly inside [-1.5, 1.5]², and their labels t, int64 of shape (n,),
0 or 1, the two classes as equal in number as n allows (class 0 has the extra point of an odd n), in a
random order.

``train`` is the book's loop (§4.5.2): draw a mini-batch, compute the gradient, step downhill, record the
loss; now and then measure the accuracy. It returns a :class:`History` of what happened.
"""

from __future__ import annotations

import math
import numbers
import operator
import time
from dataclasses import dataclass, field

import numpy as np

from ._arrays import as_float_array, as_generator, check_labels, check_real_scalar
from .optimizers import SGD

__all__ = [
    "blobs",
    "circles",
    "xor",
    "spirals",
    "DATASETS",
    "train_test_split",
    "probability_map",
    "History",
    "train",
]

#: Show a progress bar (``progress=None``) when the whole run is expected to take longer than this (s).
PROGRESS_SECONDS = 3.0


def _generator(seed, name: str = "seed") -> np.random.Generator:
    """``seed`` (an int >= 0, a Generator or None) as a Generator, or an error naming ``name``."""
    try:
        return as_generator(seed)
    except (TypeError, ValueError) as err:
        raise type(err)(str(err).replace("rng must", f"{name} must", 1)) from None


def _whole(value, name: str, low: int, where: str) -> int:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Integral, np.integer)):
        raise TypeError(
            f"{where}: {name} must be a whole number >= {low}, got {type(value).__name__} {value!r}"
        )
    if value < low:
        raise ValueError(f"{where}: {name} must be a whole number >= {low}, got {value}")
    return operator.index(value)


def _dataset_args(n, noise, seed, where: str):
    n = _whole(n, "n", 2, where)
    noise = check_real_scalar(noise, "noise")
    if noise < 0:
        raise ValueError(
            f"{where}: noise (the standard deviation of the added noise) must be >= 0, got {noise}"
        )
    return n, noise, _generator(seed)


def _finish(points: list, noise: float, rng: np.random.Generator):
    """Stack the classes' points, label them 0, 1, add the noise and shuffle the rows."""
    x = np.concatenate(points)
    t = np.concatenate([np.full(len(p), k, dtype=np.int64) for k, p in enumerate(points)])
    x = x + noise * rng.standard_normal(x.shape)
    order = rng.permutation(len(x))
    return x[order], t[order]


def _counts(n: int):
    return n - n // 2, n // 2


def blobs(n=200, noise=0.1, seed=None):
    r"""Two round clusters: class 0 around (-0.6, -0.6), class 1 around (0.6, 0.6), each point drawn from
    :math:`\mathcal{N}(c, 0.2^2 I)` plus the noise, so the spread of a cluster is :math:`\sqrt{0.2^2 + \text{noise}^2}`.

    A straight line (the diagonal :math:`x_0 + x_1 = 0`) separates the classes unless the noise is large.
    ``n``: the number of points (>= 2); ``noise``: the standard deviation of the Gaussian noise added to
    each coordinate; ``seed``: an int, a ``np.random.Generator`` or None. Returns ``(x, t)``: x float64
    (n, 2), t int64 (n,), ``n - n // 2`` points of class 0 and ``n // 2`` of class 1, in random order.

    Book §4.5 (toy data, not in the book); notebook 07.

    >>> x, t = blobs(n=6, seed=0)
    >>> x.shape, x.dtype, t.dtype, np.bincount(t).tolist()
    ((6, 2), dtype('float64'), dtype('int64'), [3, 3])
    """
    n, noise, rng = _dataset_args(n, noise, seed, "blobs")
    points = [c + 0.2 * rng.standard_normal((m, 2)) for c, m in zip((-0.6, 0.6), _counts(n))]
    return _finish(points, noise, rng)


def circles(n=200, noise=0.1, seed=None):
    r"""A disc inside a ring: class 0 on the ring of radii 0.9 to 1.2 around the origin, class 1 in the
    disc of radius 0.5, both uniform over their area, plus the noise.

    No straight line separates them; a circle does. ``n``, ``noise``, ``seed`` and the result as for
    :func:`blobs` (the ring is class 0, as in scikit-learn's ``make_circles``).

    Book §4.5 (toy data, not in the book); notebook 07.

    >>> x, t = circles(n=400, noise=0.0, seed=0)
    >>> radius = np.hypot(x[:, 0], x[:, 1])
    >>> bool(radius[t == 1].max() <= 0.5 < 0.9 <= radius[t == 0].min())
    True
    """
    n, noise, rng = _dataset_args(n, noise, seed, "circles")
    points = []
    for (r_in, r_out), m in zip(((0.9, 1.2), (0.0, 0.5)), _counts(n)):
        radius = np.sqrt(rng.uniform(r_in**2, r_out**2, m))  # uniform over the area
        angle = rng.uniform(0.0, 2 * np.pi, m)
        points.append(np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=1))
    return _finish(points, noise, rng)


def xor(n=200, noise=0.1, seed=None):
    r"""XOR in the plane: class 1 where :math:`x_0 x_1 > 0` (the quadrants of (1, 1) and (-1, -1)), class 0
    where :math:`x_0 x_1 < 0`, before the noise is added.

    Each point has coordinates of size uniform in (0, 1) and the signs of its class's quadrants (each
    quadrant equally likely), plus the noise. Like the XOR gate of notebook 01, no straight line separates
    the classes; two lines do. ``n``, ``noise``, ``seed`` and the result as for :func:`blobs`.

    Book §4.5 (toy data, not in the book; the XOR gate: §2.4); notebook 07.

    >>> x, t = xor(n=400, noise=0.0, seed=0)
    >>> bool(np.all((x[:, 0] * x[:, 1] > 0) == (t == 1)))
    True
    """
    n, noise, rng = _dataset_args(n, noise, seed, "xor")
    points = []
    for same_sign, m in zip((False, True), _counts(n)):
        size = rng.uniform(0.0, 1.0, (m, 2))
        sign = rng.choice([-1.0, 1.0], m)
        points.append(size * np.stack([sign, sign if same_sign else -sign], axis=1))
    return _finish(points, noise, rng)


def spirals(n=200, noise=0.1, seed=None):
    r"""Two interleaved spirals, one per class, 1.25 turns each.

    A point at position :math:`s \in [0, 1)` along its spiral (s uniform) has radius :math:`r = 0.1 + 1.2 s`
    and angle :math:`\theta = 2.5\pi s + k\pi` for class k, so the class-1 spiral is the class-0 spiral
    turned by half a turn: :math:`x = r(\cos\theta, \sin\theta)` plus the noise. Neighbouring arms lie
    about 0.5 apart. The hardest of the four: the boundary between the classes winds round. ``n``,
    ``noise``, ``seed`` and the result as for :func:`blobs`.

    Book §4.5 (toy data, not in the book); notebook 07.

    >>> x, t = spirals(n=200, seed=0)
    >>> x.shape, np.bincount(t).tolist()
    ((200, 2), [100, 100])
    """
    n, noise, rng = _dataset_args(n, noise, seed, "spirals")
    points = []
    for k, m in enumerate(_counts(n)):
        s = rng.uniform(0.0, 1.0, m)
        radius, angle = 0.1 + 1.2 * s, 2.5 * np.pi * s + k * np.pi
        points.append(np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=1))
    return _finish(points, noise, rng)


#: The toy data sets by name, for menus: ``DATASETS["spirals"](n=200, noise=0.1, seed=0)``.
DATASETS = {"blobs": blobs, "circles": circles, "xor": xor, "spirals": spirals}


def _pair(x, t, where: str, x_name: str = "x", t_name: str = "t"):
    x = as_float_array(x, x_name)
    t = np.asarray(t)
    if x.ndim != 2:
        raise ValueError(
            f"{where}: {x_name} must have shape (N, inputs), one example per row, got shape {x.shape}"
        )
    if t.ndim not in (1, 2) or len(t) != len(x):
        raise ValueError(
            f"{where}: {t_name} must hold one label (or one-hot row) per row of {x_name}: {x_name} has shape "
            f"{x.shape}, {t_name} has shape {t.shape}"
        )
    return x, t


def probability_map(net, x_range=(-1.5, 1.5), y_range=(-1.5, 1.5), resolution: int = 100) -> np.ndarray:
    """The network's probability of class 1 at every point of a square grid over the plane: an array of shape
    (resolution, resolution) whose row i, column j is the point (x0_j, x1_i), rows from the bottom (x1 low) up
    (what the decision maps draw with ``origin="lower"``). ``net`` is anything with ``predict`` (a
    TwoLayerNet). NaN weights (a diverged run) give NaN, without a warning.

    Not in the book; notebook 07.

    >>> from nbhelpers.nets import TwoLayerNet
    >>> probability_map(TwoLayerNet(2, 3, 2, rng=0), resolution=4).shape
    (4, 4)
    """
    resolution = int(resolution)
    if resolution < 2:
        raise ValueError(f"probability_map: resolution must be at least 2, got {resolution}")
    x0, x1 = np.meshgrid(np.linspace(*x_range, resolution), np.linspace(*y_range, resolution))
    grid = np.column_stack([x0.ravel(), x1.ravel()])
    with np.errstate(all="ignore"):
        return np.asarray(net.predict(grid))[:, 1].reshape(resolution, resolution)


def train_test_split(x, t, test_ratio=0.2, seed=None):
    """Split the examples at random into a training set and a test set (``round(N * test_ratio)`` examples).

    ``x``: shape (N, inputs); ``t``: N labels (or one-hot rows); ``test_ratio`` in (0, 1), and both sets
    must get at least one example; ``seed``: an int, a ``np.random.Generator`` or None. Returns
    ``(x_train, t_train), (x_test, t_test)``, new arrays (x's dtype kept), shuffled; every example lands in
    exactly one of them. The test set measures how well the network does on examples it never trained on.

    Book §4.1.2 (training and test data); notebook 07.

    >>> x, t = blobs(n=10, seed=0)
    >>> (x_train, t_train), (x_test, t_test) = train_test_split(x, t, test_ratio=0.2, seed=0)
    >>> x_train.shape, x_test.shape
    ((8, 2), (2, 2))
    """
    x, t = _pair(x, t, "train_test_split")
    ratio = check_real_scalar(test_ratio, "test_ratio")
    n = len(x)
    n_test = int(round(n * ratio))
    if not 0 < ratio < 1 or not 1 <= n_test <= n - 1:
        raise ValueError(
            f"train_test_split: test_ratio must lie between 0 and 1 and leave at least one example in each set; "
            f"got test_ratio={ratio} for {n} examples ({n_test} for the test set)"
        )
    order = _generator(seed).permutation(n)
    test, rest = order[:n_test], order[n_test:]
    return (x[rest], t[rest]), (x[test], t[test])


@dataclass
class History:
    """What a training run did: the loss of every step and the accuracies measured along the way.

    - ``step_loss``: the mini-batch loss of each step (after its update, as the book records it), a list
      of floats, inf or NaN when the training diverged;
    - ``eval_steps``: the step numbers (counted from 1 over all runs of this history) of the evaluations;
    - ``train_acc``, ``test_acc``: the accuracies on the whole training and test sets at those steps
      (``test_acc`` holds NaN where no test set was given);
    - ``steps_done``: how many steps were taken, over all runs.

    ``train(..., history=h)`` appends to ``h`` and goes on counting steps from ``h.steps_done``, so training
    can continue where it stopped (a widget's "go on" button).

    Book §4.5.2–4.5.3; notebook 07.

    >>> h = History()
    >>> h.steps_done, h.step_loss
    (0, [])
    """

    step_loss: list = field(default_factory=list)
    eval_steps: list = field(default_factory=list)
    train_acc: list = field(default_factory=list)
    test_acc: list = field(default_factory=list)
    steps_done: int = 0


def _progress_bar(progress, steps: int, first_step_seconds: float):
    """A tqdm bar for the remaining steps, or None: ``progress`` True/False forces it, None decides by time."""
    if progress is None:
        progress = first_step_seconds * steps > PROGRESS_SECONDS
    if not progress:
        return None
    from tqdm.auto import tqdm  # imported only here: `import nbhelpers` loads NumPy only

    return tqdm(total=steps, initial=1, desc="train", unit="step", leave=False)


def train(
    net,
    x_train,
    t_train,
    x_test=None,
    t_test=None,
    *,
    lr=0.1,
    batch_size=100,
    steps=1000,
    seed=None,
    gradient="numerical_gradient",
    every=None,
    callback=None,
    progress=None,
    history=None,
    shuffle=False,
    lr_decay=None,
) -> History:
    r"""Train ``net`` with mini-batch gradient descent, the book's loop; return the :class:`History`.

    Each step: draw ``batch_size`` examples at random (with replacement, as the book's ``np.random.choice``),
    ``grads = getattr(net, gradient)(x_batch, t_batch)``, update the parameters in place,
    :math:`W \leftarrow W - \eta\,\partial L/\partial W` (``SGD(lr).update(net.params, grads)``), and
    record ``net.loss(x_batch, t_batch)``. Every ``every`` steps (default: one epoch,
    ``max(N // batch_size, 1)`` steps) record ``net.accuracy`` on the training set and on the test set (if
    given), then call ``callback(history)``; if it returns True, training stops there.

    - ``net``: has ``params``, ``predict``, ``loss``, ``accuracy`` and the method named by ``gradient``
      (a :class:`nbhelpers.TwoLayerNet`). ``x_train`` (N, inputs) and ``t_train`` (N labels or one-hot rows);
      ``x_test``, ``t_test`` likewise, both or neither.
    - ``lr`` > 0, finite; ``batch_size`` >= 1; ``steps`` >= 0; ``seed``: an int, a ``np.random.Generator``
      (pass the same Generator to continue its stream of batches) or None.
    - ``progress``: None shows a ``tqdm.auto`` bar when the first step's time × ``steps`` exceeds 3 s;
      True or False force it.
    - ``history``: a History to continue (appended to in place and returned); None starts a new one.
    - ``shuffle``: False draws each batch at random, with replacement (the book); True walks through
      a new random order of x_train every epoch (``N // batch_size`` steps), so each example is seen
      once per epoch (the rest of N is left out of that epoch).
    - ``lr_decay``: None keeps η; "linear" lowers it step by step to 0: η·(1 − i/steps) at step i = 0, 1, ...

    A learning rate that is too large throws the weights so far that every sigmoid and the softmax
    saturate: the loss jumps (a TwoLayerNet's loss is at most -log 1e-7 ≈ 16.1), the numerical gradient
    becomes 0 and the network stops learning, its accuracy at chance. Where the numbers do overflow (a
    gradient method that returns huge values, NaN in the data), the losses become inf or NaN and are
    recorded, without a warning (NumPy's warnings are silenced in the loop). Once a parameter is NaN it
    stays NaN under every later update, and so does every loss: the loop stops after that step
    (``history.steps_done`` says which).

    Book §4.5.2–4.5.3; notebook 07.

    >>> from nbhelpers import TwoLayerNet
    >>> x, t = blobs(n=100, seed=0)
    >>> net = TwoLayerNet(2, 5, 2, weight_init_std=1.0, rng=0)
    >>> h = train(net, x, t, lr=1.0, batch_size=20, steps=100, seed=0, progress=False)
    >>> h.steps_done, len(h.step_loss), h.eval_steps[:3], h.train_acc[-1] > 0.9
    (100, 100, [5, 10, 15], True)
    """
    where = "train"
    x_train, t_train = _pair(x_train, t_train, where, "x_train", "t_train")
    if (x_test is None) != (t_test is None):
        raise ValueError(f"{where}: give both x_test and t_test, or neither")
    if len(x_train) == 0:
        raise ValueError(f"{where}: x_train holds no examples")
    if x_test is not None:
        x_test, t_test = _pair(x_test, t_test, where, "x_test", "t_test")
    k = net.predict(x_train[:1]).shape[-1]  # the number of classes; checks x_train's width too
    for name, t in (("t_train", t_train), ("t_test", t_test)):
        if t is not None and t.ndim == 1:
            check_labels(t, k, name, where)
    lr = check_real_scalar(lr, "lr")
    if lr <= 0:
        raise ValueError(f"{where}: lr (the learning rate) must be > 0, got {lr}")
    batch_size = _whole(batch_size, "batch_size", 1, where)
    steps = _whole(steps, "steps", 0, where)
    n = len(x_train)
    every = max(n // batch_size, 1) if every is None else _whole(every, "every", 1, where)
    if callback is not None and not callable(callback):
        raise TypeError(
            f"{where}: callback must be a function callback(history), got {type(callback).__name__}"
        )
    grad_fn = getattr(net, gradient, None) if isinstance(gradient, str) else None
    if not callable(grad_fn):
        raise ValueError(
            f"{where}: gradient must name a method of net, such as 'numerical_gradient'; got {gradient!r}"
        )
    if history is None:
        history = History()
    elif not isinstance(history, History):
        raise TypeError(
            f"{where}: history must be a History (from an earlier train) or None, got {type(history).__name__}"
        )
    if lr_decay not in (None, "linear"):
        raise ValueError(f"{where}: lr_decay must be None or 'linear', got {lr_decay!r}")
    rng = _generator(seed)
    optimizer = SGD(lr)
    per_epoch, order = max(n // batch_size, 1), None
    bar = None
    try:
        for i in range(steps):
            started = time.perf_counter()
            with np.errstate(all="ignore"):  # a diverging run: overflow to inf, then NaN; no warnings
                if lr_decay == "linear":
                    optimizer.lr = lr * (1 - i / steps)
                if not shuffle:
                    batch = rng.choice(n, batch_size)
                else:
                    if i % per_epoch == 0:
                        order = rng.permutation(n)
                    batch = order[(i % per_epoch) * batch_size :][:batch_size]
                x_batch, t_batch = x_train[batch], t_train[batch]
                grads = grad_fn(x_batch, t_batch)
                optimizer.update(net.params, grads)
                loss = net.loss(x_batch, t_batch)
            history.step_loss.append(float(loss))
            history.steps_done += 1
            if i == 0:
                bar = _progress_bar(progress, steps, time.perf_counter() - started)
            elif bar is not None:
                bar.update(1)
            broken = math.isnan(loss) and any(np.isnan(p).any() for p in net.params.values())
            if history.steps_done % every == 0 and not broken:
                with np.errstate(all="ignore"):
                    history.train_acc.append(float(net.accuracy(x_train, t_train)))
                    test = net.accuracy(x_test, t_test) if x_test is not None else math.nan
                history.test_acc.append(float(test))
                history.eval_steps.append(history.steps_done)
                if bar is not None:
                    bar.set_postfix(
                        loss=f"{loss:.3f}", train_acc=f"{history.train_acc[-1]:.3f}", refresh=False
                    )
                if callback is not None and callback(history):
                    break
            if broken:
                break
    finally:
        if bar is not None:
            bar.close()
    return history
