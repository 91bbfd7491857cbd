"""The 2-D test surfaces of the optimizer paths (book §6.1, figure 6-8), re-exported by nbhelpers.optimizers."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from ._arrays import as_float_array

__all__ = ["SURFACES", "Surface", "descent_path", "surface_named"]


@dataclass(frozen=True, eq=False)
class Surface:
    r"""A function f(x, y) to walk down, with its gradient and what a figure of it needs.

    ``name``; ``formula``, LaTeX (``r"\frac{x^2}{20} + y^2"``); ``f(x, y)``, on numbers or arrays of any
    (broadcasting) shapes, and ``grad(x, y)`` -> ``(df/dx, df/dy)``, each of the shape its formula gives (the
    bowl's x / 10 has x's: give x and y one shape, from ``np.meshgrid``, for both of it); ``view`` = (x_low, x_high, y_low,
    y_high), the part of the plane to draw; ``start`` = (x, y), where the paths begin; ``minimum`` = (x, y),
    or None when f has none (the saddle); ``lrs`` = {optimizer name: a learning rate that shows it well on
    this surface} (read-only). Compared by identity (``is``), so a Surface can be a dict key.

    :data:`SURFACES`: "bowl", the book's :math:`x^2/20 + y^2` (steep in y, flat in x); "round",
    :math:`(x^2 + y^2)/20`; "banana", a curved valley :math:`(1 - x)^2 + 5 (y - x^2)^2` (Rosenbrock's with 5
    for 100, minimum (1, 1)); "saddle", :math:`(x^2 - y^2)/20`, a start on the ridge (y = 0.01).

    Book §6.1.7 (figure 6-8); notebook 09.

    >>> bowl = SURFACES["bowl"]
    >>> bowl.f(-7.0, 2.0), bowl.grad(-7.0, 2.0)  # 49 / 20 + 4; (x / 10, 2 y)
    (6.45, (-0.7, 4.0))
    """

    name: str
    formula: str
    f: Callable
    grad: Callable
    view: tuple
    start: tuple
    minimum: tuple | None
    lrs: Mapping

    def __post_init__(self):
        object.__setattr__(self, "lrs", MappingProxyType(dict(self.lrs)))


def surface_named(surface) -> Surface:
    """``surface`` itself if it is a Surface, else ``SURFACES[surface]`` (a ValueError lists the names)."""
    if isinstance(surface, Surface):
        return surface
    if isinstance(surface, str) and surface in SURFACES:
        return SURFACES[surface]
    raise ValueError(f"surface must be a Surface or one of {', '.join(map(repr, SURFACES))}, got {surface!r}")


def descent_path(optimizer, surface, start=None, steps=30) -> np.ndarray:
    r"""Where an optimizer takes a point (x, y) on a 2-D surface f(x, y): the start and each step's position.

    The book's loop (ch06/optimizer_compare_naive.py): ``params = {"x": x, "y": y}`` (0-d float64 arrays),
    ``grads = {"x": df/dx, "y": df/dy}`` from ``surface.grad``, ``optimizer.update(params, grads)``, record;
    ``steps`` times. Returns an array of shape (steps + 1, 2): row 0 the start, row i the point after i
    updates (the book records the first 30 rows of ``steps=30``). ``surface``: a :class:`Surface` or a key of
    :data:`SURFACES`; ``start`` (x, y), default ``surface.start``. ``optimizer``: an object with
    ``update(params, grads)``, used with the state it has (pass a new one), or a name of
    :data:`OPTIMIZERS`, then made with ``lr=surface.lrs[name]``. A path that diverges records its first
    inf or NaN, without a warning, and NaN after it.

    Book §6.1.7 (figure 6-8); notebook 09.

    >>> from nbhelpers.optimizers import SGD
    >>> descent_path(SGD(lr=0.5), "bowl", start=(-7.0, 2.0), steps=2)  # x -= 0.05 x, y -= y
    array([[-7.    ,  2.    ],
           [-6.65  ,  0.    ],
           [-6.3175,  0.    ]])
    """
    from .optimizers import _ALIASES, make_optimizer  # (optimizers.py imports this module)

    surface = surface_named(surface)
    if isinstance(optimizer, str):
        name = _ALIASES.get(optimizer.lower(), optimizer)
        optimizer = make_optimizer(name, **({"lr": surface.lrs[name]} if name in surface.lrs else {}))
    if not callable(getattr(optimizer, "update", None)):
        raise TypeError(
            f"optimizer must have an update(params, grads) method, got {type(optimizer).__name__}"
        )
    start = surface.start if start is None else as_float_array(start, "start")
    if np.shape(start) != (2,):
        raise ValueError(f"start must be one point (x, y), shape (2,), got shape {np.shape(start)}")
    if isinstance(steps, (bool, np.bool_)) or not isinstance(steps, (int, np.integer)):
        raise TypeError(f"steps must be a whole number >= 0, got {type(steps).__name__} {steps!r}")
    if steps < 0:
        raise ValueError(f"steps must be a whole number >= 0, got {steps}")
    path = np.full((int(steps) + 1, 2), np.nan)
    params = {"x": np.array(float(start[0])), "y": np.array(float(start[1]))}
    path[0] = params["x"], params["y"]
    with np.errstate(all="ignore"):
        for i in range(1, len(path)):
            dx, dy = surface.grad(params["x"], params["y"])
            optimizer.update(params, {"x": dx, "y": dy})
            path[i] = params["x"], params["y"]
            if not np.isfinite(path[i]).all():
                break
    return path


# ---- the surfaces: f and its gradient, written as the book writes them ---------------------------------


def _bowl(x, y):
    return x**2 / 20.0 + y**2


def _bowl_grad(x, y):
    return x / 10.0, 2.0 * y


def _round(x, y):
    return (x**2 + y**2) / 20.0


def _round_grad(x, y):
    return x / 10.0, y / 10.0


def _banana(x, y):  # Rosenbrock's valley, 20 times shallower than his 100 (y - x^2)^2
    return (1.0 - x) ** 2 + 5.0 * (y - x**2) ** 2


def _banana_grad(x, y):
    return 2.0 * (x - 1.0) - 20.0 * x * (y - x**2), 10.0 * (y - x**2)


def _saddle(x, y):
    return (x**2 - y**2) / 20.0


def _saddle_grad(x, y):
    return x / 10.0, -y / 10.0


# The learning rates: on the bowl the book's (figure 6-8; the book has no RMSprop run: 0.15 makes its first
# step 0.15 / sqrt(1 - 0.99) = 1.5 per coordinate, AdaGrad's at 1.5). Measured, f at the end of 30 | 100 steps:
#   bowl    SGD 0.0133 | 8e-9, Momentum 0.048 | 5e-5, Nesterov 0.014 | 6e-8, AdaGrad 7e-4 | 2e-11,
#           RMSprop 4e-4 | 7e-15, Adam 0.10 | 4e-5 (from f = 6.45)
#   round   the same settings: SGD now goes straight, (-7, 2) -> (-0.35, 0.10) in 30 steps; AdaGrad, RMSprop
#           and Adam take the bowl's paths (to 2e-5 over 100 steps: they rescale each coordinate, so 2y or
#           y / 10 makes no difference), not straight: Adam is at (0.136, 0.318) after 30 steps.
#   banana  lr limited by the valley's steep walls (SGD 0.02: curvature about 100 across the valley at x = -1.5);
#           after 30 | 100 steps from f = 6.56: SGD (-0.97, 1.10) | (0.59, 0.31), Momentum (0.44, 0.23) |
#           (1.003, 0.996), Nesterov (0.61, 0.34) | (1.01, 1.02), AdaGrad (-0.86, 0.87) | (0.61, 0.34) (its
#           steps shrink), RMSprop (-0.81, 0.79) | (0.74, 0.53), Adam (-0.55, 0.40) | (1.015, 1.024); all stay
#           in the view; AdaGrad's and RMSprop's first step climbs the wall to f = 15.
#   saddle  on the ridge, y = 0.01: after 30 steps SGD has slid to the saddle point, (-0.35, 0.15), Momentum
#           (0.90, 0.05), Nesterov (0.53, 0.06); AdaGrad (-2.96, 7.06), RMSprop (-2.87, 7.17) and Adam (-1.67,
#           6.47) have left it (their first steps are as long in y as in x). After 100: SGD y = 87 (it leaves
#           at last, growing 9.5 % a step), Momentum 3.95, Nesterov 6.9. From y = 0 exactly, no one leaves.
_BOOK_LRS = {"SGD": 0.95, "Momentum": 0.1, "Nesterov": 0.1, "AdaGrad": 1.5, "RMSprop": 0.15, "Adam": 0.3}
_BOWL_VIEW = (-10, 10, -5, 5)

SURFACES = {
    "bowl": Surface(
        name="bowl",
        formula=r"\frac{x^2}{20} + y^2",
        f=_bowl,
        grad=_bowl_grad,
        view=_BOWL_VIEW,
        start=(-7.0, 2.0),
        minimum=(0.0, 0.0),
        lrs=_BOOK_LRS,
    ),
    "round": Surface(
        name="round",
        formula=r"\frac{x^2 + y^2}{20}",
        f=_round,
        grad=_round_grad,
        view=_BOWL_VIEW,
        start=(-7.0, 2.0),
        minimum=(0.0, 0.0),
        lrs=_BOOK_LRS,
    ),
    "banana": Surface(
        name="banana",
        formula=r"(1 - x)^2 + 5\,(y - x^2)^2",
        f=_banana,
        grad=_banana_grad,
        view=(-2, 2, -1, 3),
        start=(-1.5, 2.0),
        minimum=(1.0, 1.0),
        lrs={"SGD": 0.02, "Momentum": 0.01, "Nesterov": 0.01, "AdaGrad": 0.5, "RMSprop": 0.05, "Adam": 0.1},
    ),
    "saddle": Surface(
        name="saddle",
        formula=r"\frac{x^2 - y^2}{20}",
        f=_saddle,
        grad=_saddle_grad,
        view=(-10, 10, -10, 10),
        start=(-7.0, 0.01),
        minimum=None,
        lrs={"SGD": 0.95, "Momentum": 0.1, "Nesterov": 0.1, "AdaGrad": 0.5, "RMSprop": 0.05, "Adam": 0.2},
    ),
}
