"""Generalising: validation data, and the book's random search for hyperparameters.

A network that fits its training data perfectly can still do badly on new data (overfitting). The remedies of
the book's chapter 6 live where their concept does: weight decay in :mod:`nbhelpers.losses`
(``weight_decay_loss``, ``weight_decay_gradient``), batch normalisation and dropout in :mod:`nbhelpers.layers`,
the network with all of them in :mod:`nbhelpers.nets` (``MultiLayerNetExtend``). This module holds what chooses
their settings: a validation set split off the training data (never the test data), and the random search
over the learning rate and the weight decay.

Book §6.5; notebook 10.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._arrays import check_real_scalar, pair_of, whole_number
from .datasets import train_test_split
from .nets import MultiLayerNet
from .training import History, progress_bar, train

__all__ = ["validation_split", "Trial", "run_trial", "random_search"]


def validation_split(x, t, validation_rate=0.2, seed=None):
    """Split training data at random into the data to train on and a validation set (``round(N * rate)``).

    The book's way (§6.5.1: ``shuffle_dataset``, then the first 20 % for validation): the validation set
    judges hyperparameters (learning rate, weight decay, layer sizes), so the test set stays unseen until
    the very end. ``x``: (N, inputs); ``t``: N labels or one-hot rows; ``validation_rate`` in (0, 1);
    ``seed``: an int, a Generator or None. Returns ``(x_train, t_train), (x_val, t_val)``, new arrays, every
    example in exactly one of them.

    Book §6.5.1; notebook 10.

    >>> x, t = np.arange(20.0).reshape(10, 2), np.arange(10) % 2
    >>> (x_train, t_train), (x_val, t_val) = validation_split(x, t, validation_rate=0.2, seed=0)
    >>> x_train.shape, x_val.shape
    ((8, 2), (2, 2))
    """
    rate = check_real_scalar(validation_rate, "validation_rate")
    try:
        return train_test_split(x, t, test_ratio=rate, seed=seed)
    except ValueError as err:
        raise ValueError(
            str(err).replace("train_test_split", "validation_split").replace("test_ratio", "validation_rate")
        ) from None


@dataclass
class Trial:
    """One trial of a random search: its ``index``, the ``lr`` and ``weight_decay`` drawn, and the ``history``
    of its training (``history.test_acc`` holds the validation accuracy after each epoch).

    Book §6.5.3; notebook 10.

    >>> Trial(0, 0.01, 1e-6, History()).index
    0
    """

    index: int
    lr: float
    weight_decay: float
    history: History

    @property
    def val_acc(self) -> float:
        """The validation accuracy after the last epoch (NaN if none was measured)."""
        return self.history.test_acc[-1] if self.history.test_acc else float("nan")

    @property
    def train_acc(self) -> float:
        """The training accuracy after the last epoch (NaN if none was measured)."""
        return self.history.train_acc[-1] if self.history.train_acc else float("nan")


def _exponents(value, name: str) -> tuple:
    try:
        low, high = (check_real_scalar(v, name) for v in value)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be two exponents (low, high) such as (-6, -2), got {value!r}") from None
    if not low < high:
        raise ValueError(f"{name} must be (low, high) with low < high, got {value!r}")
    return low, high


def run_trial(
    index,
    x_train,
    t_train,
    x_val,
    t_val,
    *,
    seed=0,
    lr_range=(-6, -2),
    weight_decay_range=(-8, -4),
    hidden_size_list=(100, 100, 100, 100, 100, 100),
    epochs=50,
    batch_size=100,
    progress=False,
) -> Trial:
    r"""Trial ``index`` of the book's random search: draw the hyperparameters, train, measure on the validation set.

    With one Generator, ``np.random.default_rng([seed, index])``: the weight decay
    :math:`\lambda = 10^{u}`, u uniform in ``weight_decay_range``, then the learning rate
    :math:`\eta = 10^{v}`, v uniform in ``lr_range`` (the book's order and ranges); then the weights of a
    ``MultiLayerNet(inputs, hidden_size_list, classes, weight_decay_lambda=λ)`` and its batches for
    ``train`` (plain SGD with η, ``batch_size``, ``epochs`` × N // batch_size steps, accuracies after each
    epoch on the training and the validation set). So each trial can be re-run on its own.

    Book §6.5.3 (ch06/hyperparameter_optimization.py); notebook 10.

    >>> x, t = np.random.default_rng(0).random((50, 4)), np.arange(50) % 3
    >>> trial = run_trial(0, x[:40], t[:40], x[40:], t[40:], hidden_size_list=[5], epochs=2, batch_size=20)
    >>> f"{trial.weight_decay:.2e} {trial.lr:.2e}", trial.history.eval_steps
    ('3.53e-06 1.20e-05', [2, 4])
    """
    index = whole_number(index, "index", 0, "run_trial")
    seed = whole_number(seed, "seed", 0, "run_trial")
    x_train, t_train = pair_of(x_train, t_train, "run_trial", "x_train", "t_train")
    x_val, t_val = pair_of(x_val, t_val, "run_trial", "x_val", "t_val")
    lr_low, lr_high = _exponents(lr_range, "lr_range")
    wd_low, wd_high = _exponents(weight_decay_range, "weight_decay_range")
    epochs = whole_number(epochs, "epochs", 1, "run_trial")
    batch_size = whole_number(batch_size, "batch_size", 1, "run_trial")
    rng = np.random.default_rng([seed, index])
    weight_decay = float(10 ** rng.uniform(wd_low, wd_high))
    lr = float(10 ** rng.uniform(lr_low, lr_high))
    classes = int(t_train.shape[1]) if t_train.ndim == 2 else int(max(t_train.max(), t_val.max())) + 1
    net = MultiLayerNet(
        x_train.shape[1], list(hidden_size_list), classes, weight_decay_lambda=weight_decay, rng=rng
    )
    steps = epochs * max(len(x_train) // batch_size, 1)
    history = train(
        net, x_train, t_train, x_val, t_val, optimizer="SGD", lr=lr, batch_size=batch_size, steps=steps, seed=rng,
        gradient="gradient", progress=progress,
    )  # fmt: skip
    return Trial(index, lr, weight_decay, history)


def random_search(x_train, t_train, x_val, t_val, trials=100, *, seed=0, progress=None, **settings) -> list:
    """The book's random search: ``trials`` runs of :func:`run_trial` (indices 0, 1, ...), each with its own
    random learning rate and weight decay; returns the list of :class:`Trial` in the order run.

    ``settings``: ``lr_range``, ``weight_decay_range``, ``hidden_size_list``, ``epochs``, ``batch_size``, as
    :func:`run_trial`. ``progress``: None shows a ``tqdm.auto`` bar over the trials when there are more than
    5; True or False force it. Sort by ``trial.val_acc`` to find the best; the learning rates and weight
    decays of the best trials narrow the ranges for the next search.

    Book §6.5.3; notebook 10.

    >>> x, t = np.random.default_rng(0).random((50, 4)), np.arange(50) % 3
    >>> found = random_search(x[:40], t[:40], x[40:], t[40:], trials=2, hidden_size_list=[5], epochs=1)
    >>> [trial.index for trial in found]
    [0, 1]
    """
    trials = whole_number(trials, "trials", 0, "random_search")
    seed = whole_number(seed, "seed", 0, "random_search")
    if progress is None:
        progress = trials > 5
    bar = None
    if progress:
        bar = progress_bar(total=trials, desc="search", unit="trial")
    found = []
    try:
        for index in range(trials):
            found.append(run_trial(index, x_train, t_train, x_val, t_val, seed=seed, **settings))
            if bar is not None:
                bar.update(1)
                bar.set_postfix(best_val_acc=f"{max(t.val_acc for t in found):.3f}", refresh=False)
    finally:
        if bar is not None:
            bar.close()
    return found
