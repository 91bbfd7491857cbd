"""Computational graphs: a calculation drawn as nodes and arrows, its values going forward and its
derivatives coming back.

A computational graph writes a calculation as a chain of small steps. Each node (a circle) is one
operation, such as × or +; each edge (an arrow) carries one number from a node to the next. The
*forward* pass runs from left to right and computes every value, ending in the output (the price paid,
later a loss). The *backward* pass runs from right to left and computes, for every value, the
derivative of the output with respect to it: how much the output changes per unit change of that
value. It starts with 1 at the output (∂price/∂price = 1) and, at each node, multiplies what comes in
by the node's *local* derivative: that is the chain rule, one node at a time. So a × node swaps its
inputs (∂(x·y)/∂x = y), and a + node passes the derivative on unchanged (∂(x + y)/∂x = 1).

:class:`Graph` holds such a graph: its :class:`Node` s (an operation and a place in the drawing) and its
:class:`Edge` s (a variable's name, its forward value and its backward derivative). An edge carries one
number, or a short vector: one number per example of a batch, as in batch normalisation (notebook 10).

The book's examples (``buy_apple``, ``buy_apple_orange``, ``sigmoid_graph``, ``batchnorm_graph``) are
built by running small layers, one per node (the book's ``MulLayer`` and ``AddLayer``, and a few more),
forward and then backward, exactly as the book's code does, so every number on a figure is a number the
layers computed. They live in the private module ``_graph_examples`` and are re-exported here. The values
are kept exactly as computed (100 × 2 × 1.1 is 220.00000000000003 in floating point); the figures and
widgets round them for reading (220).
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Any

import numpy as np

from ._arrays import as_float_array

__all__ = ["Node", "Edge", "Graph", "buy_apple", "buy_apple_orange", "sigmoid_graph", "batchnorm_graph"]


@dataclass(frozen=True)
class Node:
    """One node of a computational graph: an operation ``op`` ("×", "+", "exp", "/", ...) drawn as a
    circle at ``xy`` = (x, y), or, with ``op`` None, an end point: where an input's arrow starts (its
    ``label`` written left of it) or where the output's arrow ends (its ``label`` written right of it).

    A node with inputs u, v computes z = op(u, v) going forward, and going backward hands each input
    ∂L/∂u = ∂L/∂z · ∂z/∂u, its local derivative times the derivative that came in.
    ``label`` None writes the ``name``; "" writes nothing (a constant such as the −1 of −x).

    Book §5.1.1; notebook 08.

    >>> Node("mul_apple_layer", "×", (2.4, 1.5)).op
    '×'
    """

    name: str
    op: str | None
    xy: tuple
    label: str | None = None

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name:
            raise TypeError(f"Node: name must be a non-empty string, got {self.name!r}")
        if self.op is not None and not isinstance(self.op, str):
            raise TypeError(f"Node {self.name!r}: op must be a string or None, got {type(self.op).__name__}")
        object.__setattr__(self, "xy", _point(self.xy, f"Node {self.name!r}: xy"))

    @property
    def text(self) -> str:
        """What is written beside an end point: its label, else its name."""
        return self.name if self.label is None else self.label


@dataclass(frozen=True, eq=False)  # (values may be arrays, which == cannot compare to one truth)
class Edge:
    """One edge (arrow) of a computational graph, from node ``tail`` to node ``head``: the variable
    ``name``, its forward ``value`` and its backward derivative ``grad`` = ∂L/∂(this value), L the
    graph's output. None leaves a number out (a constant's derivative, a graph drawn without numbers).
    ``via``: points (x, y) the arrow bends through on its way.

    A value (or derivative) is one real number, kept as it is (an int stays an int), or a vector: a list,
    tuple or 1-D array of N real numbers, one per example of a batch (shape (N,)), kept as a read-only
    float array of its own (float32 stays float32), so that changing the array given changes no graph.

    Book §5.1.2, §5.2.1, §6.3.1; notebooks 08, 10.

    >>> Edge("apple", "apple", "mul_apple_layer", 100, 2.2).grad
    2.2
    >>> Edge("x", "x", "mean", [1, 7, 9, 15]).value  # a batch of 4
    array([ 1.,  7.,  9., 15.])
    """

    name: str
    tail: str
    head: str
    value: Any = None
    grad: Any = None
    via: tuple = ()

    def __post_init__(self):
        for field in ("name", "tail", "head"):
            if not isinstance(getattr(self, field), str):
                raise TypeError(f"Edge: {field} must be a string, got {getattr(self, field)!r}")
        if self.tail == self.head:
            raise ValueError(f"Edge {self.name!r}: tail and head must differ, got {self.tail!r} twice")
        via = tuple(_point(p, f"Edge {self.name!r}: via[{k}]") for k, p in enumerate(self.via))
        object.__setattr__(self, "via", via)
        for field in ("value", "grad"):
            value = getattr(self, field)
            if value is None or isinstance(value, str):  # (a text is written as it is)
                continue
            if np.ndim(value) == 0:
                value = _number(value, field, f"Edge {self.name!r}")
            else:
                value = _vector(value, field, f"Edge {self.name!r}")
            object.__setattr__(self, field, value)


@dataclass(frozen=True, eq=False)
class Graph:
    """A computational graph: its ``nodes`` (:class:`Node`) and ``edges`` (:class:`Edge`), with the
    forward value and backward derivative of each edge, and a ``title`` for its figure.

    The numbers obey the chain rule at every node: for z = f(u, v), ∂L/∂u = ∂L/∂z · ∂f/∂u.
    ``values`` and ``grads`` read them by the edges' names (a name that labels several edges, a value
    used by several nodes, gives the first edge's numbers).

    Book §5.1–5.2; notebook 08.

    >>> g = buy_apple()
    >>> g.values["apple_price"], g.grads["apple_num"]
    (200, 110.00000000000001)
    """

    nodes: tuple
    edges: tuple
    title: str = ""

    def __post_init__(self):
        nodes, edges = tuple(self.nodes), tuple(self.edges)
        object.__setattr__(self, "nodes", nodes)
        object.__setattr__(self, "edges", edges)
        bad = [n for n in nodes if not isinstance(n, Node)] + [e for e in edges if not isinstance(e, Edge)]
        if bad:
            raise TypeError(f"Graph: nodes must be Node and edges Edge objects, got {type(bad[0]).__name__}")
        names = [n.name for n in nodes]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise ValueError(f"Graph: node names must differ, got {twice} more than once")
        for e in edges:
            for end in (e.tail, e.head):
                if end not in names:
                    raise ValueError(f"Graph: edge {e.name!r} joins node {end!r}, which is not among {names}")

    def node(self, name: str) -> Node:
        """The node called ``name``."""
        for n in self.nodes:
            if n.name == name:
                return n
        raise KeyError(f"no node {name!r}; the nodes are {[n.name for n in self.nodes]}")

    def edge(self, name: str) -> Edge:
        """The (first) edge carrying the variable ``name``."""
        for e in self.edges:
            if e.name == name:
                return e
        raise KeyError(f"no edge {name!r}; the edges are {[e.name for e in self.edges]}")

    @property
    def values(self) -> dict:
        """{name: forward value} of every edge, in the order of the edges."""
        return _first(self.edges, "value")

    @property
    def grads(self) -> dict:
        """{name: backward derivative ∂L/∂(value)} of every edge, in the order of the edges."""
        return _first(self.edges, "grad")

    @property
    def output(self) -> str:
        """The name of the output: the edge that ends at an end point (the first, if several do)."""
        ends = {n.name for n in self.nodes if n.op is None}
        return next((e.name for e in self.edges if e.head in ends), "")


def _first(edges, field: str) -> dict:
    found = {}
    for e in edges:
        found.setdefault(e.name, getattr(e, field))
    return found


def _point(xy, what: str) -> tuple:
    try:
        x, y = (float(v) for v in xy)
    except (TypeError, ValueError):
        raise ValueError(f"{what} must be two numbers (x, y), got {xy!r}") from None
    if not (math.isfinite(x) and math.isfinite(y)):
        raise ValueError(f"{what} must be finite, got {xy!r}")
    return (x, y)


def _number(value, name: str, where: str):
    """``value`` unchanged if it is one real number (Python or NumPy, NaN too), else an error naming it."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if isinstance(value, np.ndarray):
        raise ValueError(
            f"{where}: {name} must be one number (shape ()), got an array of shape {value.shape}"
        )
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{where}: {name} must be a real number, got {type(value).__name__} {value!r:.40}")
    return value


def _vector(value, name: str, where: str) -> np.ndarray:
    """``value`` as a new read-only 1-D float array of at least one number (one per example of a batch;
    float32 kept, integers made float64), else an error naming it and its shape."""
    array = as_float_array(value, f"{where}: {name}")
    if array.ndim != 1 or array.size == 0:
        raise ValueError(
            f"{where}: {name} must be one number or a 1-D vector of numbers (one per example of a batch), "
            f"got an array of shape {array.shape}"
        )
    array = array.copy()
    array.flags.writeable = False
    return array


# The book's example graphs, built from the classes above (imported last: they import those classes)
from ._graph_examples import batchnorm_graph, buy_apple, buy_apple_orange, sigmoid_graph  # noqa: E402
