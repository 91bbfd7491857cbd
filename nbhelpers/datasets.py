"""Toy data sets: small problems in the plane that a learner can draw and watch a network learn, and a
random split of examples into a training set and a test set.

Four data sets, two classes each: ``blobs`` (two clusters, separable by a straight line), ``circles`` (a
disc inside a ring), ``xor`` (opposite quadrants) and ``spirals`` (two interleaved spirals). Each returns
``(x, t)``: the points x, float64 of shape (n, 2), roughly inside [-1.5, 1.5]², and their labels t, int64
of shape (n,), 0 or 1, the two classes as equal in number as n allows (class 0 has the extra point of an
odd n), in a random order. ``DATASETS`` holds them by name. ``train_test_split`` sets part of the
examples aside to measure how well a network does on examples it never trained on.

Not in the book (its data set is MNIST, :mod:`nbhelpers.mnist`); the training and test data: Book §4.1.2.
Trained on with :func:`nbhelpers.train` (:mod:`nbhelpers.training`); notebook 07.
"""

from __future__ import annotations

import numpy as np

from ._arrays import check_real_scalar, generator_from, pair_of, whole_number

__all__ = ["blobs", "circles", "xor", "spirals", "DATASETS", "train_test_split"]


def _dataset_args(n, noise, seed, where: str):
    n = whole_number(n, "n", 2, where)
    noise = check_real_scalar(noise, "noise")
    if noise < 0:
        raise ValueError(
            f"{where}: noise (the standard deviation of the added noise) must be >= 0, got {noise}"
        )
    return n, noise, generator_from(seed)


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
    x, t = pair_of(x, t, "train_test_split")
    ratio = check_real_scalar(test_ratio, "test_ratio")
    n = len(x)
    n_test = int(round(n * ratio))
    if not 0 < ratio < 1 or not 1 <= n_test <= n - 1:
        raise ValueError(
            f"train_test_split: test_ratio must lie between 0 and 1 and leave at least one example in each set; "
            f"got test_ratio={ratio} for {n} examples ({n_test} for the test set)"
        )
    order = generator_from(seed).permutation(n)
    test, rest = order[:n_test], order[n_test:]
    return (x[rest], t[rest]), (x[test], t[test])
