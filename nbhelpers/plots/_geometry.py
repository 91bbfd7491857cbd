"""Plane geometry for the figures: where a line b + w1·x1 + w2·x2 = 0 cuts a square."""

from __future__ import annotations

import numpy as np

__all__ = ["half_planes", "line_in_box"]


def half_planes(w1: float, w2: float, b: float, box):
    """Cut the square ``box`` × ``box`` along the line b + w1·x1 + w2·x2 = 0.

    Returns the corners of the part where the perceptron outputs 1 (b + w1·x1 + w2·x2 > 0), of the
    part where it outputs 0, and the two ends of the line inside the square (an empty list if the
    line misses the square or does not exist, w1 = w2 = 0). Each part is a list of (x1, x2) points,
    empty if the square has none of it.
    """
    lo, hi = box
    corners = [(lo, lo), (hi, lo), (hi, hi), (lo, hi)]
    ones, zeros, cuts = [], [], []
    for k, p in enumerate(corners):
        q = corners[(k + 1) % 4]
        ap, aq = b + w1 * p[0] + w2 * p[1], b + w1 * q[0] + w2 * q[1]
        (ones if ap > 0 else zeros).append(p)
        if (ap > 0) != (aq > 0):  # the line crosses this side of the square
            t = ap / (ap - aq)
            cut = (p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]))
            ones.append(cut)
            zeros.append(cut)
            cuts.append(cut)
    if len(cuts) < 2 or np.allclose(cuts[0], cuts[-1]):
        # the line misses the square, or only touches a corner: draw it where it is, if it is inside
        cuts = line_in_box(w1, w2, b, box)
    else:
        cuts = [cuts[0], cuts[-1]]
    return ones, zeros, cuts


def line_in_box(w1: float, w2: float, b: float, box) -> list:
    """The ends of the line b + w1·x1 + w2·x2 = 0 inside the square, for a line along a side or through a corner."""
    lo, hi = box
    if w1 == 0 and w2 == 0:
        return []
    points = []
    for x1 in (lo, hi):
        if w2 != 0:
            x2 = -(b + w1 * x1) / w2
            if lo <= x2 <= hi:
                points.append((x1, x2))
    for x2 in (lo, hi):
        if w1 != 0:
            x1 = -(b + w2 * x2) / w1
            if lo <= x1 <= hi:
                points.append((x1, x2))
    if not points:
        return []
    far = max(
        ((p, q) for p in points for q in points),
        key=lambda pq: np.hypot(pq[0][0] - pq[1][0], pq[0][1] - pq[1][1]),
    )
    return list(far)
