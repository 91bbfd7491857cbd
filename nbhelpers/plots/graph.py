"""Figures of computational graphs: the nodes as circles with their operation, the edges as arrows, each
value of the forward pass above its arrow (black) and each derivative of the backward pass below it
(red), as in the book's figures; a value may be a number or a short vector (one number per example of a
batch, notebook 10)."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from .._format import MINUS
from ..graph import Graph
from ._figure import FONT, LivePlot, _png, new_figure

__all__ = ["FORWARD_COLOR", "BACKWARD_COLOR", "graph_figure", "GraphPlot"]

#: The colours of the forward values and of the backward derivatives (the book's black and red).
FORWARD_COLOR = "black"
BACKWARD_COLOR = "#d62728"

_UNIT = 0.75  # inches per unit of the nodes' coordinates
_RADIUS = 0.3  # of a node's circle, in those units
_CHAR = 0.095  # inches per character of an 11-point label (at most): room for the input and output names
_GAP = 0.12  # between an end point and its name, in units
_OFFSET = 3.0  # points between an arrow and the numbers beside it
_TITLE = 0.62  # inches above the graph for the title and the line that explains the colours


def _text(value, digits: int) -> str:
    """A number for reading: ``digits`` significant digits, no trailing zeros, a real minus sign
    (220.00000000000003 -> "220", 0.19661193324148188 -> "0.196612"); a vector as a list of such numbers
    ([1.0, 6.999999, 9.0] -> "[1, 7, 9]" with 6 digits); a string as it is; "" for None."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if np.ndim(value) > 0:
        return "[" + ", ".join(_text(v, digits) for v in np.ravel(value)) + "]"
    text = f"{float(value) + 0.0:.{digits}g}"  # + 0.0: no "-0"
    mantissa, _, exponent = text.partition("e")
    if exponent:
        text = f"{mantissa}e{int(exponent)}"
    return text.replace("-", MINUS)


def _path(graph: Graph, edge) -> np.ndarray:
    """The points of ``edge``'s arrow: from its tail through its bends to its head, leaving out the
    parts inside the circles of operation nodes."""
    tail, head = graph.node(edge.tail), graph.node(edge.head)
    points = np.array([tail.xy, *edge.via, head.xy], dtype=float)
    for end, node, inner in ((0, tail, 1), (-1, head, -2)):
        if node.op is not None:
            step = points[inner] - points[end]
            points[end] = points[end] + _RADIUS * step / np.linalg.norm(step)
    return points


def _spot(points: np.ndarray):
    """Where an arrow's numbers go: the middle of its longest level segment (else of its longest), and
    the unit normal on the side of the value ("above": up, or left of an upright segment)."""
    steps = np.diff(points, axis=0)
    lengths = np.hypot(*steps.T)
    level = np.abs(steps[:, 1]) < 1e-9
    k = int(np.argmax(np.where(level, lengths, -1.0) if level.any() else lengths))
    middle = points[k] + steps[k] / 2
    normal = np.array([-steps[k, 1], steps[k, 0]]) / lengths[k]
    if normal[1] < -1e-9 or (abs(normal[1]) <= 1e-9 and normal[0] > 0):
        normal = -normal
    return middle, normal


def _align(direction) -> dict:
    """The alignment that puts a text on the side ``direction`` points to, clear of its anchor."""
    dx, dy = direction
    ha = "left" if dx > 0.5 else "right" if dx < -0.5 else "center"
    va = "bottom" if dy > 0.5 else "top" if dy < -0.5 else "center"
    return {"ha": ha, "va": va}


def _away(graph: Graph, node) -> np.ndarray:
    """The unit direction from an end point in which its name is written: away from its arrow (left of
    an input whose arrow sets off to the right, right of an output whose arrow comes in from the left,
    above an input whose arrow goes down ...)."""
    for e in graph.edges:
        if node.name in (e.tail, e.head):
            path = np.array([graph.node(e.tail).xy, *e.via, graph.node(e.head).xy], dtype=float)
            step = path[0] - path[1] if e.tail == node.name else path[-1] - path[-2]
            if np.hypot(*step) > 0:
                return step / np.hypot(*step)
    return np.array([1.0, 0.0])  # (an end point without an arrow: its name on the right)


def _labels(graph: Graph, show_backward: bool, digits: int, names: bool) -> list:
    """The texts beside each edge: (forward text, backward text)."""
    ends = {n.name for n in graph.nodes if n.op is None}
    found = []
    for e in graph.edges:
        forward = _text(e.value, digits)
        if names and e.tail not in ends and e.head not in ends:  # (an end point writes its name itself)
            forward = e.name + ("\n" + forward if forward else "")
        found.append((forward, _text(e.grad, digits) if show_backward else ""))
    return found


def _limits(graph: Graph, away: dict, digits: int, names: bool):
    """The x and y ranges of the picture, in units: every node, bend and name, the numbers above the top
    arrow, and the numbers beside an upright arrow (with or without the derivatives shown: the same size
    either way); and whether an upright arrow carries a derivative."""
    ends = [n for n in graph.nodes if n.op is None]
    points = np.array([n.xy for n in graph.nodes] + [p for e in graph.edges for p in e.via], dtype=float)
    room = {  # the width of the names beside the end points, in units
        side: max([len(n.text) for n in ends if away[n.name][0] * sign > 0.5] + [0]) * _CHAR / _UNIT
        for side, sign in (("left", -1), ("right", 1))
    }
    high = 0.55 + (0.3 if names else 0.0)  # room above the top arrow for its numbers
    xs = [points[:, 0].min() - room["left"] - _GAP - 0.15, points[:, 0].max() + room["right"] + _GAP + 0.15]
    ys = [points[:, 1].min() - 0.45, points[:, 1].max() + high]
    circles = [n.xy[0] for n in graph.nodes if n.op is not None]  # (whole, with no name beyond them)
    if circles:
        xs = [min(xs[0], min(circles) - _RADIUS - 0.15), max(xs[1], max(circles) + _RADIUS + 0.15)]
    for n in ends:
        if n.text and abs(away[n.name][1]) > 0.5:  # a name above or below its end point
            ys = [min(ys[0], n.xy[1] - _GAP - 0.55), max(ys[1], n.xy[1] + _GAP + 0.55)]
    upright = False
    for e, pair in zip(graph.edges, _labels(graph, True, digits, names)):
        middle, normal = _spot(_path(graph, e))
        if abs(normal[0]) > 0.5:
            upright = upright or e.grad is not None
            wide = [max(len(line) for line in text.split("\n")) * _CHAR / _UNIT + 0.25 for text in pair]
            xs = [min(xs[0], middle[0] - wide[0]), max(xs[1], middle[0] + wide[1])]
    return xs, ys, upright


def _draw(graph: Graph, show_backward: bool, digits: int, names: bool, title):
    """The figure of ``graph`` and its number texts, one (forward, backward) pair per edge."""
    from matplotlib.patches import Circle, FancyArrowPatch
    from matplotlib.path import Path
    from matplotlib.transforms import offset_copy

    if not isinstance(graph, Graph):
        raise TypeError(f"graph must be a nbhelpers.graph.Graph, got {type(graph).__name__}")
    if not graph.nodes:
        raise ValueError("graph must have at least one node, got none")
    ends = [n for n in graph.nodes if n.op is None]
    away = {n.name: _away(graph, n) for n in ends}  # where each end point's name goes
    xs, ys, upright = _limits(graph, away, digits, names)
    labels = _labels(graph, show_backward, digits, names)
    title = graph.title if title is None else str(title)
    out = graph.output or "the output"
    above, below = (
        ("above each arrow (left of an upright one)", "below (right)")
        if upright
        else ("above each arrow", "below")
    )
    start = graph.grads.get(graph.output) if graph.output else None
    # the backward pass starts with 1 at the output (∂out/∂out), or with a dout = ∂L/∂out from further on
    wrt = out if start is None or np.all(np.asarray(start) == 1) else "L"
    explain = (
        f"black, {above}: its value (forward pass);  red, {below}: ∂{wrt}/∂(that value) (backward pass)"
        if show_backward
        else f"black, {above}: its value (forward pass)"
    )
    if all(e.value is None and e.grad is None for e in graph.edges):
        explain = ""  # (a graph without numbers: the shape of a calculation)
    # At least as wide as the title and the line under it (a small graph sits in the middle)
    spare = max(0.085 * len(title), 0.07 * len(explain)) + 0.3 - (xs[1] - xs[0]) * _UNIT
    if spare > 0:
        xs = [xs[0] - spare / _UNIT / 2, xs[1] + spare / _UNIT / 2]
    width, height = (xs[1] - xs[0]) * _UNIT, (ys[1] - ys[0]) * _UNIT
    fig = new_figure((width, height + _TITLE))
    fig.set_layout_engine("none")
    ax = fig.add_axes((0.0, 0.0, 1.0, height / (height + _TITLE)))
    ax.set_xlim(*xs)
    ax.set_ylim(*ys)
    ax.set_aspect("equal")
    ax.axis("off")
    fig.text(0.5, 1 - 0.08 / (height + _TITLE), title, ha="center", va="top", **FONT)
    fig.text(0.5, 1 - 0.36 / (height + _TITLE), explain, ha="center", va="top", fontsize=9, color="0.3")
    for n in graph.nodes:
        if n.op is not None:
            ax.add_patch(Circle(n.xy, _RADIUS, fc="white", ec="black", lw=1.4, zorder=3))
            size = 13 if len(n.op) <= 2 else 11 if len(n.op) == 3 else 9  # ("mean" fits its circle)
            ax.text(*n.xy, n.op, ha="center", va="center", fontsize=size, zorder=4)
        elif n.text:
            ax.text(*(np.array(n.xy) + _GAP * away[n.name]), n.text, **_align(away[n.name]), **FONT)
    texts = []
    for e, (forward, backward) in zip(graph.edges, labels):
        path = _path(graph, e)
        arrow = FancyArrowPatch(
            path=Path(path), arrowstyle="-|>", mutation_scale=14, lw=1.3, color="0.25", zorder=2
        )
        ax.add_patch(arrow)
        middle, normal = _spot(path)
        pair = []
        for sign, text, color, gid in (
            (1, forward, FORWARD_COLOR, "forward"),
            (-1, backward, BACKWARD_COLOR, "backward"),
        ):
            dx, dy = sign * _OFFSET * normal
            at = offset_copy(ax.transData, fig, dx, dy, units="points")
            pair.append(
                ax.text(
                    *middle,
                    text,
                    transform=at,
                    color=color,
                    gid=gid,
                    zorder=5,
                    **_align(sign * normal),
                    **FONT,
                )
            )
        texts.append(tuple(pair))
    return fig, texts


def graph_figure(
    graph: Graph, show_backward: bool = True, *, digits: int = 6, names: bool = False, title=None
) -> Figure:
    """A computational graph drawn as in the book: each node a circle with its operation (×, +, exp, /),
    each edge an arrow with its value above it in black (forward pass) and, with ``show_backward``, the
    derivative ∂L/∂(value) below it in red (backward pass); beside an upright arrow, the value on its left
    and the derivative on its right. The inputs' names sit where their arrows start, the output's where
    its arrow ends, on the side away from the arrow. Numbers are rounded to ``digits`` significant
    digits (the graph keeps them exact: 220.00000000000003 is written 220); a vector, one number per
    example of a batch, as a list of such numbers ([1, 7, 9, 15]). ``names`` also writes each inner
    edge's name above its value; ``title`` replaces the graph's own.

    The figure is sized by the nodes' coordinates (0.75 inch per unit), so any graph can be drawn.

    Book §5.1–5.4 (figures 5-16, 5-17, 5-19), §6.3.1 (figure 6-17); notebooks 08, 10.
    """
    digits = _digits(digits)
    fig, _ = _draw(graph, bool(show_backward), digits, bool(names), title)
    return fig


def _digits(digits) -> int:
    if isinstance(digits, bool) or not isinstance(digits, (int, np.integer)) or not 1 <= digits <= 17:
        raise ValueError(f"digits must be a whole number from 1 to 17, got {digits!r}")
    return int(digits)


def _structure(graph: Graph) -> tuple:
    return tuple((n.name, n.op, n.xy) for n in graph.nodes), tuple(
        (e.name, e.tail, e.head, e.via) for e in graph.edges
    )


class GraphPlot(LivePlot):
    """The figure behind a widget that shows one computational graph with changing numbers: the nodes
    and arrows are drawn once; :meth:`show` writes the numbers of a graph of the same shape (the same
    nodes and edges, other values) and :meth:`png` renders it quickly, redrawing only the numbers that
    changed (text is the slow part of a picture).

    Book §5.4 (figure 5-17); notebook 08.
    """

    def __init__(
        self, graph: Graph, show_backward: bool = True, *, digits: int = 6, names: bool = False, title=None
    ):
        self._options = (bool(show_backward), _digits(digits), bool(names))
        self._shape = _structure(graph)
        self.figure, self._texts = _draw(graph, *self._options, title)
        self._start_live([t for pair in self._texts for t in pair])
        self._picture = []  # the last picture drawn (background and numbers), for the next quick redraw
        self._boxes = {artist: _box(artist) for artist in self._moving}  # where each number is drawn
        self._stale = []  # the pixel boxes of the numbers changed since that picture: (x0, y0, x1, y1)

    def show(self, graph: Graph) -> None:
        """Write the values and derivatives of ``graph`` (shaped like the first one) on the arrows."""
        if not isinstance(graph, Graph) or _structure(graph) != self._shape:
            raise ValueError("graph must have the nodes and edges of the graph this plot was made for")
        for pair, texts in zip(self._texts, _labels(graph, *self._options)):
            for artist, text in zip(pair, texts):
                if artist.get_text() != text:
                    artist.set_text(text)
                    self._stale.append(self._boxes[artist])  # where it was ...
                    self._boxes[artist] = _box(artist)
                    self._stale.append(self._boxes[artist])  # ... and where it is now

    def png(self) -> bytes:
        """The figure as it is now, as PNG bytes (what a widget's ``Image`` shows)."""
        canvas = self.figure.canvas
        if not self._picture:
            self._stale.clear()
            return self._keep(super().png())
        canvas.restore_region(self._picture[0])
        height = canvas.get_width_height()[1]
        stale = [(x0 - 2, y0 - 2, x1 + 2, y1 + 2) for x0, y0, x1, y1 in self._stale]
        for x0, y0, x1, y1 in stale:  # (the region's rows count from the top)
            canvas.restore_region(self._background, bbox=(x0, height - y1, x1, height - y0), xy=(0, 0))
        for artist, box in self._boxes.items():  # the changed numbers, and any other a cleared box touched
            if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in stale):
                self.figure.draw_artist(artist)
        self._stale.clear()
        return self._keep(_png(np.asarray(canvas.buffer_rgba())))

    def _keep(self, png: bytes) -> bytes:
        self._picture[:] = [self.figure.canvas.copy_from_bbox(self.figure.bbox)]
        return png


def _box(artist) -> tuple:
    """The whole pixels (x0, y0, x1, y1) that ``artist`` covers (y upwards)."""
    x0, y0, x1, y1 = artist.get_window_extent().extents
    return (int(np.floor(x0)), int(np.floor(y0)), int(np.ceil(x1)), int(np.ceil(y1)))
