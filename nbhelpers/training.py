"""Training a network: the book's training loop, what it records, and the book's Trainer.

``train`` is the book's loop (§4.5.2): draw a mini-batch, compute the gradient, let an optimizer step
downhill (plain SGD, Momentum, Adam, ...: :mod:`nbhelpers.optimizers`), record the loss; now and then
measure the accuracy. It returns a :class:`History` of what happened. :class:`Trainer` is the book's class
of the same loop (common/trainer.py), epoch by epoch, with the book's argument names. ``probability_map``
is what a network says about every point of the plane (the toy data sets: :mod:`nbhelpers.datasets`).

Book §4.5.2–4.5.3, §6.1; notebooks 07, 08 and 09.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

from ._arrays import check_labels, check_real_scalar, generator_from, pair_of, whole_number
from .optimizers import make_optimizer

__all__ = ["probability_map", "History", "train", "Trainer"]

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


#: The book's default optimizer_param (read-only: a default argument is never changed).
_BOOK_PARAM = MappingProxyType({"lr": 0.01})


class Trainer:
    r"""The book's Trainer (common/trainer.py): train ``network`` epoch by epoch with an optimizer, measuring
    the accuracies after each epoch.

    ``Trainer(network, x_train, t_train, x_test, t_test, epochs=20, mini_batch_size=100, optimizer="SGD",
    optimizer_param={"lr": 0.01}, evaluate_sample_num_per_epoch=None, verbose=True)``, the book's names
    and defaults. ``.train()`` runs ``epochs`` × ``max(N // mini_batch_size, 1)`` steps of :func:`train`
    (a random mini-batch, ``network.gradient`` (backpropagation), ``optimizer.update``, the loss recorded)
    and after every epoch measures the accuracy on the training and test sets (their first
    ``evaluate_sample_num_per_epoch`` examples, or all); it returns the :class:`History`.

    - ``optimizer``: a name of :data:`nbhelpers.optimizers.OPTIMIZERS` (any case), built as
      ``make_optimizer(optimizer, **optimizer_param)`` (None: the class's defaults; the dict given is
      never changed); or an optimizer object (``update`` and ``lr``), used as it is, with
      ``optimizer_param`` left out or None.
    - ``seed`` (an int, a Generator or None), ``shuffle``, ``progress``: as for :func:`train`.
      ``callback(history)`` is called after each epoch; True stops the training.
    - Attributes: ``optimizer`` (the object), ``history``; the book's ``train_loss_list`` (every step's
      loss), ``train_acc_list`` and ``test_acc_list`` (one per epoch): the History's own lists;
      ``current_epoch`` (epochs done); ``final_test_acc`` (after ``.train()``, on the whole test set).
      Calling ``.train()`` again trains ``epochs`` more epochs, the batches going on where they stopped.
    - ``verbose``: print a line per epoch, ``epoch 1/20: train acc 0.912, test acc 0.905``, and at the end
      ``final test acc 0.905``.

    Where it departs from the book: the batches come from ``seed``, not NumPy's global random state. The
    book's epoch is ``max(N / mini_batch_size, 1)`` steps, a float, and it evaluates at the steps i (from
    0) where ``i % iter_per_epoch == 0``: after the first step and then only where the float divides (with
    60000 / 128 = 468.75, every fourth epoch), never after the last step; here an epoch is
    ``max(N // mini_batch_size, 1)`` steps and the evaluation comes after each one, the last included. The
    book prints every step's loss; this prints a line per epoch.

    Book §6.4.3 (common/trainer.py; the optimizers: §6.1); notebook 09.

    >>> from nbhelpers import TwoLayerNet, blobs
    >>> (x, t), (x_test, t_test) = blobs(n=100, seed=0), blobs(n=50, seed=1)
    >>> net = TwoLayerNet(2, 5, 2, weight_init_std=1.0, rng=0)
    >>> trainer = Trainer(net, x, t, x_test, t_test, epochs=3, mini_batch_size=10, optimizer="Momentum",
    ...                   optimizer_param={"lr": 0.1}, seed=0)
    >>> h = trainer.train()
    epoch 1/3: train acc 0.500, test acc 0.500
    epoch 2/3: train acc 0.970, test acc 1.000
    epoch 3/3: train acc 0.990, test acc 1.000
    final test acc 1.000
    >>> len(trainer.train_loss_list), trainer.current_epoch, trainer.optimizer
    (30, 3, Momentum(lr=0.1, momentum=0.9))
    """

    def __init__(
        self,
        network,
        x_train,
        t_train,
        x_test,
        t_test,
        epochs=20,
        mini_batch_size=100,
        optimizer="SGD",
        optimizer_param=_BOOK_PARAM,
        evaluate_sample_num_per_epoch=None,
        verbose=True,
        *,
        seed=None,
        shuffle=False,
        progress=None,
        callback=None,
    ):
        where = "Trainer"
        self.network = network
        self.x_train, self.t_train = pair_of(x_train, t_train, where, "x_train", "t_train")
        if (x_test is None) != (t_test is None):
            raise ValueError(f"{where}: give both x_test and t_test, or neither")
        self.x_test, self.t_test = x_test, t_test
        self.epochs = whole_number(epochs, "epochs", 1, where)
        self.batch_size = whole_number(mini_batch_size, "mini_batch_size", 1, where)
        self.evaluate_sample_num_per_epoch = evaluate_sample_num_per_epoch
        self.verbose = bool(verbose)
        self.train_size = len(self.x_train)
        self.iter_per_epoch = max(self.train_size // self.batch_size, 1)
        self.max_iter = self.epochs * self.iter_per_epoch
        if optimizer_param is not None and not isinstance(optimizer_param, Mapping):
            raise TypeError(
                f"{where}: optimizer_param must be a dict such as {{'lr': 0.01}} or None, "
                f"got {type(optimizer_param).__name__}"
            )
        if isinstance(optimizer, str):
            self.optimizer = make_optimizer(optimizer, **(optimizer_param or {}))
        elif optimizer_param is _BOOK_PARAM or optimizer_param is None:
            self.optimizer = _optimizer(optimizer, None, where)
        else:
            raise ValueError(
                f"{where}: optimizer_param is for an optimizer given by name; the optimizer object "
                f"{optimizer!r} has its own settings (got optimizer_param={dict(optimizer_param)!r})"
            )
        if callback is not None and not callable(callback):
            raise TypeError(
                f"{where}: callback must be a function callback(history), got {type(callback).__name__}"
            )
        self.shuffle, self.progress, self.callback = shuffle, progress, callback
        self.history = History()
        self.final_test_acc = None
        self._batches = generator_from(seed)

    # The book's lists are the History's own: every step's loss, the accuracies after each epoch.
    train_loss_list = property(lambda self: self.history.step_loss, doc="Every step's mini-batch loss.")
    train_acc_list = property(lambda self: self.history.train_acc, doc="The training accuracy per epoch.")
    test_acc_list = property(lambda self: self.history.test_acc, doc="The test accuracy per epoch.")
    current_epoch = property(lambda self: self.history.steps_done // self.iter_per_epoch, doc="Epochs done.")

    def train(self) -> History:
        """Train ``epochs`` more epochs; print a line per epoch and the final test accuracy (if verbose);
        return the History."""
        last = self.current_epoch + self.epochs

        def after_epoch(history):
            if self.verbose:
                print(
                    f"epoch {self.current_epoch}/{last}: train acc {history.train_acc[-1]:.3f}, "
                    f"test acc {history.test_acc[-1]:.3f}"
                )
            return self.callback is not None and self.callback(history)

        train(
            self.network,
            self.x_train,
            self.t_train,
            self.x_test,
            self.t_test,
            optimizer=self.optimizer,
            batch_size=self.batch_size,
            steps=self.max_iter,
            seed=self._batches,
            gradient="gradient",
            every=self.iter_per_epoch,
            callback=after_epoch,
            progress=self.progress,
            history=self.history,
            shuffle=self.shuffle,
            eval_samples=self.evaluate_sample_num_per_epoch,
        )
        with np.errstate(all="ignore"):
            test = math.nan if self.x_test is None else self.network.accuracy(self.x_test, self.t_test)
        self.final_test_acc = float(test)
        if self.verbose:
            print(f"final test acc {self.final_test_acc:.3f}")
        return self.history
