"""The book's Trainer (common/trainer.py), epoch by epoch on top of :func:`nbhelpers.train`.

Private: re-exported by :mod:`nbhelpers.training` (book §6.4.3; notebook 09).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType

import numpy as np

from ._arrays import generator_from, pair_of, whole_number
from .optimizers import make_optimizer
from .training import History, _optimizer, train

__all__ = ["Trainer"]


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
