"""Training a network: the book's training loop, what it records, and the book's Trainer.

``train`` is the book's loop (§4.5.2): draw a mini-batch, compute the gradient, let an optimizer step
downhill (plain SGD, Momentum, Adam, ...: :mod:`nbhelpers.optimizers`), record the loss; now and then
measure the accuracy. It returns a :class:`History` of what happened. :class:`Trainer` is the book's class
of the same loop (common/trainer.py), epoch by epoch, with the book's argument names. ``probability_map``
is what a network says about every point of the plane (the toy data sets: :mod:`nbhelpers.datasets`).

Book §4.5.2–4.5.3, §6.1; notebooks 07, 08 and 09.
"""

from __future__ import annotations

import functools
import math
import time
from dataclasses import dataclass, field

import numpy as np

from ._arrays import check_labels, check_real_scalar, generator_from, pair_of, whole_number
from .optimizers import make_optimizer

__all__ = ["probability_map", "History", "train", "Trainer", "weight_grad_norms", "progress_bar"]

#: Show a progress bar (``progress=None``) when the whole run is expected to take longer than this (s).
PROGRESS_SECONDS = 3.0


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


@dataclass
class History:
    """What a training run did: the loss of every step and the accuracies measured along the way.

    - ``step_loss``: the mini-batch loss of each step (after its update, as the book records it), a list
      of floats, inf or NaN when the training diverged;
    - ``eval_steps``: the step numbers (counted from 1 over all runs of this history) of the evaluations;
    - ``train_acc``, ``test_acc``: the accuracies on the training and test sets at those steps (all of
      each, or their first ``eval_samples`` examples; ``test_acc`` holds NaN where no test set was given);
    - ``steps_done``: how many steps were taken, over all runs;
    - ``grad_norms``: with ``train(..., grad_norms=True)``, one tuple per step of the gradient's size for
      each weight matrix (:func:`weight_grad_norms`): vanishing gradients, notebook 13.

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
    grad_norms: list = field(default_factory=list)


def weight_grad_norms(grads) -> tuple:
    r"""The size of the gradient of each weight matrix: :math:`\lVert \partial L/\partial W_k \rVert`, the square
    root of the sum of its squared entries (the Frobenius norm), for k = 1, ..., L in layer order (the
    keys "W1", "W2", ... of ``grads``, a dict as ``net.gradient`` returns; biases are not counted).
    Returns a tuple of Python floats, computed in float64.

    Not in the book; notebook 13.

    >>> weight_grad_norms({"W1": np.array([[3.0, 4.0]]), "b1": np.array([9.0]), "W2": np.zeros((1, 1))})
    (5.0, 0.0)
    """
    layers = sorted(int(key[1:]) for key in grads if key[:1] == "W" and key[1:].isdigit())
    return tuple(float(np.sqrt(np.sum(np.square(grads[f"W{k}"], dtype=np.float64)))) for k in layers)


def progress_bar(iterable=None, *, total=None, desc=None, unit="it", initial=0, disable=False):
    """A ``tqdm.auto`` progress bar (a widget in a notebook, text elsewhere) that goes away when it ends
    (``leave=False``); use it as tqdm: ``for i in progress_bar(range(n), desc="train")``, or ``update(k)``
    and ``close()``. In a notebook, the finished bar's output becomes empty instead of pointing at a closed
    widget (which Voilà shows as "Error displaying widget: model not found" when the bar closed before the
    page drew it). A bar stopped before its total stays, red, as tqdm shows it.

    Not in the book; notebooks 08, 09 and 12.

    >>> total = 0
    >>> for i in progress_bar(range(4), desc="sum", disable=True):
    ...     total += i
    >>> total
    6
    """
    from tqdm import TqdmKeyError  # imported only here: `import nbhelpers` loads NumPy only
    from tqdm.auto import tqdm
    from tqdm.notebook import tqdm as notebook_tqdm

    settings = {"total": total, "desc": desc, "unit": unit, "initial": initial, "leave": False}
    if issubclass(tqdm, notebook_tqdm) and not disable:  # (tqdm.auto chose the notebook's bar)
        try:
            return _notebook_bar(tqdm)(iterable, **settings)
        except TqdmKeyError:  # a tqdm older than its notebook bar's display=False (4.41): the plain bar
            pass
    return tqdm(iterable, disable=disable, **settings)


@functools.cache
def _notebook_bar(base):
    """tqdm's notebook bar (``base``), shown in an output that can be emptied (an IPython display id)."""
    from IPython.display import display

    class NotebookBar(base):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, display=False, **kwargs)
            self._output = display(self.container, display_id=True)
            self.displayed = True

        def close(self):
            was_open = not self.disable
            super().close()
            finished = not (self.total and self.n < self.total)  # (else tqdm keeps the bar, red)
            if was_open and finished and self._output is not None:
                self._output.update({"text/plain": ""}, raw=True)
                self._output = None

    return NotebookBar


def _progress_bar(progress, steps: int, first_step_seconds: float):
    """A bar for the remaining steps, or None: ``progress`` True/False forces it, None decides by time."""
    if progress is None:
        progress = first_step_seconds * steps > PROGRESS_SECONDS
    if not progress:
        return None
    return progress_bar(total=steps, initial=1, desc="train", unit="step")


def _optimizer(optimizer, lr, where: str):
    """The optimizer to step with: a new one from a name (lr None: 0.1 for SGD, else the class's default), or
    the object given, as it is (its state kept; then lr must be None)."""
    if isinstance(optimizer, str):
        if lr is None:
            lr = 0.1 if optimizer.lower() == "sgd" else None
        else:
            lr = check_real_scalar(lr, "lr")
            if lr <= 0:
                raise ValueError(f"{where}: lr (the learning rate) must be > 0, got {lr}")
        return make_optimizer(optimizer, **({} if lr is None else {"lr": lr}))
    if not callable(getattr(optimizer, "update", None)) or not hasattr(optimizer, "lr"):
        raise TypeError(
            f"{where}: optimizer must be the name of an optimizer ('SGD', 'Momentum', 'Adam', ...) or an object "
            f"with update(params, grads) and an lr attribute, got {type(optimizer).__name__}"
        )
    if lr is not None:
        raise ValueError(
            f"{where}: lr must be left as None when optimizer is an object: it steps with its own lr "
            f"({optimizer.lr!r}); got lr={lr!r}"
        )
    return optimizer


def train(
    net,
    x_train,
    t_train,
    x_test=None,
    t_test=None,
    *,
    lr=None,
    optimizer="SGD",
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
    eval_samples=None,
    grad_norms=False,
) -> History:
    r"""Train ``net`` with mini-batch gradient descent, the book's loop; return the :class:`History`.

    Each step: draw ``batch_size`` examples at random (with replacement, as the book's ``np.random.choice``),
    ``grads = getattr(net, gradient)(x_batch, t_batch)``, ``optimizer.update(net.params, grads)`` (for SGD:
    :math:`W \leftarrow W - \eta\,\partial L/\partial W`, in place), and record ``net.loss(x_batch,
    t_batch)``. Every ``every`` steps (default: one epoch, ``max(N // batch_size, 1)`` steps) record
    ``net.accuracy`` on the training set and on the test set (if given), then call ``callback(history)``;
    if it returns True, training stops there.

    - ``net``: has ``params``, ``predict``, ``loss``, ``accuracy`` and the method named by ``gradient``
      (a :class:`nbhelpers.TwoLayerNet`). ``x_train`` (N, inputs) and ``t_train`` (N labels or one-hot rows);
      ``x_test``, ``t_test`` likewise, both or neither.
    - ``optimizer``: a name of :data:`nbhelpers.optimizers.OPTIMIZERS` ("SGD", "Momentum", "Adam", ...,
      any case), a new one built by ``make_optimizer(name, lr=lr)`` for this call; or an optimizer object,
      anything with ``update(params, grads)`` and an ``lr`` attribute, used as it is (its state, such as
      Momentum's velocities, goes on from one call to the next; then ``lr`` must be left as None).
    - ``lr`` > 0, finite, for a named optimizer; None: 0.1 for "SGD", the class's default for the others.
    - ``batch_size`` >= 1; ``steps`` >= 0; ``seed``: an int, a ``np.random.Generator`` (pass the same
      Generator to continue its stream of batches) or None.
    - ``progress``: None shows a ``tqdm.auto`` bar when the first step's time × ``steps`` exceeds 3 s;
      True or False force it.
    - ``history``: a History to continue (appended to in place and returned); None starts a new one.
    - ``shuffle``: False draws each batch at random, with replacement (the book); True walks through
      a new random order of x_train every epoch (``N // batch_size`` steps), so each example is seen
      once per epoch (the rest of N is left out of that epoch).
    - ``lr_decay``: None keeps η; "linear" lowers it step by step to 0: ``optimizer.lr`` = η₀·(1 − i/steps)
      at step i = 0, 1, ..., where η₀ is the optimizer's lr at the start (put back at the end).
    - ``eval_samples``: measure the accuracies on the first ``eval_samples`` examples of the training and
      test sets only (the book's ``evaluate_sample_num_per_epoch``: quicker on MNIST); None: all of them.
    - ``grad_norms``: True records each step's gradient size per weight matrix in ``history.grad_norms``.

    A learning rate that is too large throws the weights so far that every sigmoid and the softmax
    saturate: the loss jumps (a TwoLayerNet's loss is at most -log 1e-7 ≈ 16.1), the numerical gradient
    becomes 0 and the network stops learning, its accuracy at chance. Where the numbers do overflow (a
    gradient method that returns huge values, NaN in the data), the losses become inf or NaN and are
    recorded, without a warning (NumPy's warnings are silenced in the loop). Once a parameter is NaN it
    stays NaN under every later update, and so does every loss: the loop stops after that step
    (``history.steps_done`` says which).

    Book §4.5.2–4.5.3 (the optimizers: §6.1); notebooks 07, 08 and 09.

    >>> from nbhelpers import TwoLayerNet, blobs
    >>> x, t = blobs(n=100, seed=0)
    >>> net = TwoLayerNet(2, 5, 2, weight_init_std=1.0, rng=0)
    >>> h = train(net, x, t, lr=1.0, batch_size=20, steps=100, seed=0, progress=False)
    >>> h.steps_done, len(h.step_loss), h.eval_steps[:3], h.train_acc[-1] > 0.9
    (100, 100, [5, 10, 15], True)
    """
    where = "train"
    x_train, t_train = pair_of(x_train, t_train, where, "x_train", "t_train")
    if (x_test is None) != (t_test is None):
        raise ValueError(f"{where}: give both x_test and t_test, or neither")
    if len(x_train) == 0:
        raise ValueError(f"{where}: x_train holds no examples")
    if x_test is not None:
        x_test, t_test = pair_of(x_test, t_test, where, "x_test", "t_test")
    k = net.predict(x_train[:1]).shape[-1]  # the number of classes; checks x_train's width too
    for name, t in (("t_train", t_train), ("t_test", t_test)):
        if t is not None and t.ndim == 1:
            check_labels(t, k, name, where)
    optimizer = _optimizer(optimizer, lr, where)
    batch_size = whole_number(batch_size, "batch_size", 1, where)
    steps = whole_number(steps, "steps", 0, where)
    n = len(x_train)
    every = max(n // batch_size, 1) if every is None else whole_number(every, "every", 1, where)
    m = None if eval_samples is None else whole_number(eval_samples, "eval_samples", 1, where)
    x_eval, t_eval = x_train[:m], t_train[:m]
    if x_test is not None:
        x_test, t_test = x_test[:m], t_test[:m]
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
    rng = generator_from(seed)
    lr0 = optimizer.lr
    per_epoch, order = max(n // batch_size, 1), None
    bar = None
    try:
        for i in range(steps):
            started = time.perf_counter()
            with np.errstate(all="ignore"):  # a diverging run: overflow to inf, then NaN; no warnings
                if lr_decay == "linear":
                    optimizer.lr = lr0 * (1 - i / steps)
                if not shuffle:
                    batch = rng.choice(n, batch_size)
                else:
                    if i % per_epoch == 0:
                        order = rng.permutation(n)
                    batch = order[(i % per_epoch) * batch_size :][:batch_size]
                x_batch, t_batch = x_train[batch], t_train[batch]
                grads = grad_fn(x_batch, t_batch)
                if grad_norms:
                    history.grad_norms.append(weight_grad_norms(grads))
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
                    history.train_acc.append(float(net.accuracy(x_eval, t_eval)))
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
        if lr_decay is not None:
            optimizer.lr = lr0
    return history


# The book's Trainer class lives in its own module (this one would pass 420 lines); it builds on train, above.
from ._trainer import Trainer  # noqa: E402
