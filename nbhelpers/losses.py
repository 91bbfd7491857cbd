"""Loss functions: how far a network's output ``y`` is from the right answer ``t``, as one number.

Both take one example (``y`` of shape (K,)) or a batch (``y`` of shape (N, K), one example per row),
and the right answers ``t`` in either of two forms:

- the same shape as ``y``: one-hot rows (1 for the right class, 0 elsewhere), or any target values;
- label indices of shape ``y.shape[:-1]``: the number of the right class, one per example (a single
  number for one example), as ``load_mnist()`` gives them.

The loss of a batch is the mean over its N examples, so it does not grow with the batch size. The
arithmetic runs in y's float type (float32 stays float32); the result is a Python float.

Weight decay (L2 regularisation) adds a penalty on large weights to the loss, ``weight_decay_loss``, whose
gradient ``weight_decay_gradient`` adds to each weight's gradient.
"""

from __future__ import annotations

import numpy as np

from ._arrays import as_float_array, check_labels, check_real_scalar

__all__ = ["mean_squared_error", "cross_entropy_error", "weight_decay_loss", "weight_decay_gradient"]


def _as_batch(y, t, fn: str):
    """``y`` as a 2-D batch (N, K) and ``t`` either as targets (N, K) or as label indices (N,).

    Returns ``(y2, t2, is_labels)``. Raises an error naming the argument and both shapes.
    """
    y = as_float_array(y, "y")
    if y.ndim not in (1, 2):
        raise ValueError(
            f"{fn}: y must be one example, shape (K,), or a batch of N examples, shape (N, K); "
            f"got shape {y.shape}"
            + (f" (use y.reshape(-1, {y.shape[-1]}) for a batch)" if y.ndim > 2 else "")
        )
    if y.size == 0:
        raise ValueError(f"{fn}: y is empty (shape {y.shape}): the loss of no example is undefined")
    if isinstance(t, (str, bytes)):
        raise TypeError(f"{fn}: t must be numbers (targets or class labels), got the string {t!r}")
    try:
        t_arr = np.asarray(t)
    except ValueError:  # ragged nested lists
        raise ValueError(
            f"{fn}: t must be a rectangular array (all rows the same length), got {t!r}"
        ) from None
    label_shape = y.shape[:-1]
    if t_arr.shape == y.shape:  # one-hot rows or targets
        t2 = as_float_array(t_arr, "t").astype(y.dtype, copy=False)
        return y.reshape(-1, y.shape[-1]), t2.reshape(-1, y.shape[-1]), False
    if t_arr.shape != label_shape:
        raise ValueError(
            f"{fn}: t has shape {t_arr.shape}, which does not fit y of shape {y.shape}: t must have y's shape "
            f"{y.shape} (one-hot rows or targets) or shape {label_shape} (one class label per example)"
        )
    if t_arr.dtype.kind not in "iu":
        hint = " (use t.astype(int) if they are whole numbers)" if t_arr.dtype.kind == "f" else ""
        raise TypeError(
            f"{fn}: t of shape {t_arr.shape} is read as class labels (one per example of y, shape {y.shape}), "
            f"so it must hold integers, got dtype {t_arr.dtype}{hint}"
        )
    k = y.shape[-1]
    t_arr = check_labels(t_arr, k, "t", fn)
    return y.reshape(-1, k), t_arr.reshape(-1), True


def mean_squared_error(y, t) -> float:
    r"""Mean squared error: :math:`E = \frac{1}{2}\sum_k (y_k - t_k)^2` for one example.

    ``y``: the output, shape (K,) for one example or (N, K) for a batch. ``t``: the right answers,
    of y's shape (one-hot rows or target values) or label indices of shape ``y.shape[:-1]`` (then
    :math:`t_k = 1` for the labelled class and 0 elsewhere). For a batch the result is the mean over the
    N examples, :math:`E = \frac{1}{N}\sum_n \frac{1}{2}\sum_k (y_{nk} - t_{nk})^2`. Computed in y's float
    type; returns a Python float. NaN in y or t gives NaN.

    Book §4.2.1 (batch: §4.2.4); notebook 06.

    The book's example, ten digit probabilities, the right digit being 2:

    >>> t = [0, 0, 1, 0, 0, 0, 0, 0, 0, 0]
    >>> y = [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]
    >>> mean_squared_error(y, t)
    0.09750000000000003
    >>> y = [0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0]  # the most probable digit is now 7
    >>> mean_squared_error(y, t)
    0.5975
    >>> mean_squared_error(y, 2)  # the label index instead of the one-hot row
    0.5975
    """
    y2, t2, is_labels = _as_batch(y, t, "mean_squared_error")
    n = y2.shape[0]
    if is_labels:  # one-hot rows from the label indices
        one_hot = np.zeros_like(y2)
        one_hot[np.arange(n), t2] = 1
        t2 = one_hot
    with np.errstate(over="ignore", invalid="ignore"):  # too large: inf; inf - inf: NaN; no warnings
        return float(0.5 * np.sum((y2 - t2) ** 2) / n)


def cross_entropy_error(y, t, delta=1e-7) -> float:
    r"""Cross-entropy error: :math:`E = -\sum_k t_k \log(y_k + \delta)` for one example.

    ``y``: probabilities (a softmax output), shape (K,) for one example or (N, K) for a batch.
    ``t``: of y's shape (one-hot rows, or target distributions), or label indices of shape
    ``y.shape[:-1]``; with labels only the probability of the right class counts,
    :math:`E = -\log(y_{t} + \delta)`. The small :math:`\delta` (the book's 1e-7) keeps
    :math:`\log 0 = -\infty` away: a probability of exactly 0 for the right class gives a large loss
    (about 16.1) rather than infinity. For a batch the result is the mean over the N examples,
    :math:`E = -\frac{1}{N}\sum_n \sum_k t_{nk} \log(y_{nk} + \delta)`. Computed in y's float type;
    returns a Python float. ``y`` must lie between 0 and 1; NaN in y gives NaN.

    Book §4.2.2 (batch and labels: §4.2.4); notebook 06.

    The book's example, ten digit probabilities, the right digit being 2:

    >>> t = [0, 0, 1, 0, 0, 0, 0, 0, 0, 0]
    >>> y = [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]
    >>> cross_entropy_error(y, t)
    0.510825457099338
    >>> y = [0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0]  # the most probable digit is now 7
    >>> cross_entropy_error(y, t)
    2.302584092994546
    >>> cross_entropy_error([[0.1, 0.9], [0.8, 0.2]], [1, 0])  # a batch of 2 with label indices
    0.1642519154304695
    """
    y2, t2, is_labels = _as_batch(y, t, "cross_entropy_error")
    delta = check_real_scalar(delta, "delta")
    if delta < 0:
        raise ValueError(f"cross_entropy_error: delta must be >= 0, got {delta}")
    outside = (y2 < 0) | (y2 > 1)  # NaN compares False: it passes, and propagates
    if np.any(outside):
        raise ValueError(
            f"cross_entropy_error: y must hold probabilities (between 0 and 1), but y (shape {np.shape(y)}) "
            f"holds {y2[outside][0]}; pass the softmax output, not the scores before it"
        )
    n = y2.shape[0]
    # With delta = 0 a probability of 0 gives log 0 = -inf: the loss is then +inf, without a warning.
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        if is_labels:  # the book's batch version for label indices (§4.2.4), exactly
            loss = -np.sum(np.log(y2[np.arange(n), t2] + delta)) / n
        else:
            terms = t2 * np.log(y2 + delta)
            if delta == 0:  # 0 * log(0) is 0 in the formula (t_k = 0 contributes nothing), not NaN
                np.copyto(terms, 0, where=(t2 == 0) & (y2 == 0))
            loss = -np.sum(terms) / n
    return float(loss) + 0.0  # + 0.0 turns the -0.0 of a perfect answer into 0.0 and changes nothing else


def _decay_args(params, weight_decay_lambda, where: str) -> float:
    if not isinstance(params, dict):
        raise TypeError(
            f"{where}: params must be a dict of arrays such as {{'W1': ..., 'b1': ...}}, got {type(params).__name__}"
        )
    lam = check_real_scalar(weight_decay_lambda, "weight_decay_lambda")
    if lam < 0:
        raise ValueError(f"{where}: weight_decay_lambda must be >= 0 (0: no weight decay), got {lam}")
    return lam


def weight_decay_loss(params, weight_decay_lambda) -> float:
    r"""The weight decay (L2) term of the loss: :math:`\frac{\lambda}{2}\sum_k \sum_{i,j} W_{k,ij}^2`.

    ``params``: a dict of arrays; the weights are its keys that start with "W" (W1, W2, ...), summed in the
    dict's order; biases and BN's gamma and beta are not decayed, as the book's. ``weight_decay_lambda`` λ >= 0.
    Returns a Python float (0.0 for λ = 0). Large weights cost loss, so training prefers small ones.

    Book §6.4.2; notebook 10.

    >>> weight_decay_loss({"W1": np.array([[1.0, 2.0]]), "b1": np.array([5.0])}, 0.1)  # 0.05 · (1 + 4)
    0.25
    """
    lam = _decay_args(params, weight_decay_lambda, "weight_decay_loss")
    decay = 0
    if lam:
        for key, value in params.items():
            if key.startswith("W"):
                decay += 0.5 * lam * np.sum(np.asarray(value) ** 2)
    return float(decay)


def weight_decay_gradient(grads, params, weight_decay_lambda) -> dict:
    r"""The gradient with weight decay: :math:`\partial L/\partial W_k + \lambda W_k` for each weight matrix.

    ``grads``: a dict of the loss's gradients (without the decay); ``params``: the parameters, same keys. Returns
    a new dict: for keys starting with "W", ``grads[key] + λ · params[key]`` (new arrays); every other key
    (biases, gamma, beta) as it was. Nothing given is changed. The derivative of :math:`\frac{\lambda}{2}W^2`
    is :math:`\lambda W`: each step pulls every weight a little towards 0 ("decay").

    Book §6.4.2; notebook 10.

    >>> g = weight_decay_gradient({"W1": np.array([1.0]), "b1": np.array([1.0])},
    ...                           {"W1": np.array([2.0]), "b1": np.array([2.0])}, 0.1)
    >>> g["W1"], g["b1"]
    (array([1.2]), array([1.]))
    """
    lam = _decay_args(params, weight_decay_lambda, "weight_decay_gradient")
    if not isinstance(grads, dict):
        raise TypeError(f"weight_decay_gradient: grads must be a dict of arrays, got {type(grads).__name__}")
    out = {}
    for key, grad in grads.items():
        if key.startswith("W") and lam:
            if key not in params or np.shape(params[key]) != np.shape(grad):
                shape = np.shape(params[key]) if key in params else "missing"
                raise ValueError(
                    f"weight_decay_gradient: params[{key!r}] must have grads[{key!r}]'s shape {np.shape(grad)}; "
                    f"got {shape}"
                )
            out[key] = grad + lam * params[key]
        else:
            out[key] = grad
    return out
