"""Plane geometry for the figures: where a line b + w1·x1 + w2·x2 = 0 cuts a square, and the parts of a
path inside a box."""

from __future__ import annotations

import numpy as np

__all__ = ["half_planes", "line_in_box", "clip_segments", "path_in_box"]


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


def clip_segments(points: np.ndarray, box) -> np.ndarray:
    """The parts inside ``box`` = (x_low, x_high, y_low, y_high) of the segments joining ``points``
    (finite, shape (n, 2)), as one line with NaN rows between the pieces (Liang–Barsky): a step between
    far points (up to 1e308, without overflow) is drawn where it crosses the view, to within rounding
    (about 1e-16 of the points' size), and nowhere else."""
    p, q = points[:-1], points[1:]
    # Scaled per segment (length <= 1 after it), so that no difference overflows.
    scale = np.maximum(1.0, np.maximum(np.abs(p).max(axis=1), np.abs(q).max(axis=1)))[:, None]
    p, q = p / scale, q / scale
    d = q - p
    low, high = np.array(box[0::2], dtype=float) / scale, np.array(box[1::2], dtype=float) / scale
    enter, leave = np.zeros(len(p)), np.ones(len(p))
    visible = np.ones(len(p), dtype=bool)
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):  # d = 0 and d tiny: handled below
        for axis in (0, 1):
            flat = d[:, axis] == 0
            visible &= ~flat | ((low[:, axis] <= p[:, axis]) & (p[:, axis] <= high[:, axis]))
            t_low = (low[:, axis] - p[:, axis]) / d[:, axis]
            t_high = (high[:, axis] - p[:, axis]) / d[:, axis]
            enter = np.where(flat, enter, np.maximum(enter, np.minimum(t_low, t_high)))
            leave = np.where(flat, leave, np.minimum(leave, np.maximum(t_low, t_high)))
    visible &= enter <= leave
    a = (p + enter[:, None] * d) * scale
    b = (p + leave[:, None] * d) * scale
    pieces = np.stack([a, b, np.full_like(a, np.nan)], axis=1)[visible]
    return pieces.reshape(-1, 2)


def path_in_box(path: np.ndarray, box):
    """What to draw of ``path`` (shape (n, 2); it may end in inf or NaN rows) in ``box`` = (x_low, x_high,
    y_low, y_high): (the line of :func:`clip_segments` up to its first row that is not finite, which rows
    before that lie in the box, the index of that row (n if none))."""
    bad = ~np.all(np.isfinite(path), axis=1)
    stop = int(np.argmax(bad)) if bad.any() else len(path)
    finite = path[:stop]
    x, y = finite[:, 0], finite[:, 1]
    inside = (box[0] <= x) & (x <= box[1]) & (box[2] <= y) & (y <= box[3])
    return (clip_segments(finite, box) if stop > 1 else np.empty((0, 2))), inside, stop
