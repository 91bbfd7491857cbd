"""Diagrams of circles and arrows: the neurons and connections of the perceptron figures (and, to come,
the nodes of computational graphs)."""

from __future__ import annotations

import numpy as np

__all__ = ["node", "arrow"]


def node(ax, xy, text: str, fc: str = "white", radius: float = 0.36):
    """A circle of ``radius`` at ``xy`` with ``text`` in it."""
    from matplotlib.patches import Circle

    ax.add_patch(Circle(xy, radius, fc=fc, ec="black", lw=1.4, zorder=3))
    ax.text(*xy, text, ha="center", va="center", fontsize=13, zorder=4)


def arrow(ax, p, q, radius: float = 0.36, label: str = "", label_at: float = 0.3, **kwargs):
    """An arrow from the circle at ``p`` to the circle at ``q`` (both of ``radius``), with ``label`` written
    on it at the fraction ``label_at`` of the way."""
    from matplotlib.patches import FancyArrowPatch

    p, q = np.asarray(p, float), np.asarray(q, float)
    u = (q - p) / np.linalg.norm(q - p)
    ax.add_patch(
        FancyArrowPatch(
            p + radius * u,
            q - radius * u,
            arrowstyle="-|>",
            mutation_scale=16,
            lw=1.4,
            color="0.25",
            zorder=2,
            shrinkA=0,
            shrinkB=0,
            **kwargs,
        )
    )
    if label:
        at = p + radius * u + label_at * (np.linalg.norm(q - p) - 2 * radius) * u
        ax.text(
            *at,
            label,
            ha="center",
            va="center",
            fontsize=11,
            zorder=5,
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"},
        )
