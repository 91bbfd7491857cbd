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
:class:`Edge` s (a variable's name, its forward value and its backward derivative). The book's examples
are built here by running the book's layers (``MulLayer``, ``AddLayer``) forward and then backward with
dout = 1, exactly as the book's code does, so every number on a figure is a number the layers computed.
The values are kept exactly as computed (100 × 2 × 1.1 is 220.00000000000003 in floating point); the
figures and widgets round them for reading (220).
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Any

import numpy as np

from .layers import AddLayer, MulLayer

__all__ = ["Node", "Edge", "Graph", "buy_apple", "buy_apple_orange", "sigmoid_graph"]


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

    Book §5.1.2, §5.2.1; notebook 08.

    >>> Edge("apple", "apple", "mul_apple_layer", 100, 2.2).grad
    2.2
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


def _end(name: str, xy, label=None) -> Node:
    return Node(name, None, xy, label)


def buy_apple(apple=100, apple_num=2, tax=1.1) -> Graph:
    """The book's shopping graph (figure 5-16): ``apple_num`` apples at ``apple`` each, times ``tax``.

    Forward: apple_price = apple · apple_num, price = apple_price · tax.
    Backward from dprice = 1: dtax = apple_price, dapple_price = tax, dapple = tax · apple_num,
    dapple_num = tax · apple. Computed by two ``MulLayer`` s, as in the book's ``buy_apple.py``; the
    inputs are numbers (Python or NumPy), passed to the layers unchanged.

    Book §5.4.1 (figure 5-16); notebook 08.

    >>> g = buy_apple()
    >>> g.values["price"], g.grads["apple"], g.grads["apple_num"], g.grads["tax"]
    (220.00000000000003, 2.2, 110.00000000000001, 200)
    """
    where = "buy_apple"
    apple, apple_num, tax = (
        _number(v, k, where) for k, v in (("apple", apple), ("apple_num", apple_num), ("tax", tax))
    )
    mul_apple_layer, mul_tax_layer = MulLayer(), MulLayer()
    apple_price = mul_apple_layer.forward(apple, apple_num)  # forward
    price = mul_tax_layer.forward(apple_price, tax)
    dprice = 1  # backward
    dapple_price, dtax = mul_tax_layer.backward(dprice)
    dapple, dapple_num = mul_apple_layer.backward(dapple_price)
    nodes = (
        _end("apple", (0.0, 1.5)),
        _end("apple_num", (0.0, 0.5)),
        Node("mul_apple_layer", "×", (2.4, 1.5)),
        _end("tax", (3.2, 0.5)),
        Node("mul_tax_layer", "×", (5.2, 1.5)),
        _end("price", (7.4, 1.5)),
    )
    edges = (
        Edge("apple", "apple", "mul_apple_layer", apple, dapple),
        Edge("apple_num", "apple_num", "mul_apple_layer", apple_num, dapple_num, via=((1.6, 0.5),)),
        Edge("apple_price", "mul_apple_layer", "mul_tax_layer", apple_price, dapple_price),
        Edge("tax", "tax", "mul_tax_layer", tax, dtax, via=((4.4, 0.5),)),
        Edge("price", "mul_tax_layer", "price", price, dprice),
    )
    return Graph(nodes, edges, "Buying apples: the price, forward and backward")


def buy_apple_orange(apple=100, apple_num=2, orange=150, orange_num=3, tax=1.1) -> Graph:
    """The book's graph of apples and oranges (figure 5-17): price = (apple·apple_num + orange·orange_num)·tax.

    Backward from dprice = 1: dall_price = tax, dtax = all_price; the + node passes tax on to
    dapple_price and dorange_price; the × nodes give dapple = tax · apple_num, dapple_num = tax · apple,
    dorange = tax · orange_num, dorange_num = tax · orange. Computed by three ``MulLayer`` s and one
    ``AddLayer``, as in the book's ``buy_apple_orange.py``.

    Book §5.4.2 (figure 5-17); notebook 08.

    >>> g = buy_apple_orange()
    >>> g.values["price"], g.grads["apple"], g.grads["orange_num"], g.grads["tax"]
    (715.0000000000001, 2.2, 165.0, 650)
    """
    where = "buy_apple_orange"
    inputs = {"apple": apple, "apple_num": apple_num, "orange": orange, "orange_num": orange_num, "tax": tax}
    apple, apple_num, orange, orange_num, tax = (_number(v, k, where) for k, v in inputs.items())
    mul_apple_layer, mul_orange_layer = MulLayer(), MulLayer()
    add_apple_orange_layer, mul_tax_layer = AddLayer(), MulLayer()
    apple_price = mul_apple_layer.forward(apple, apple_num)  # forward
    orange_price = mul_orange_layer.forward(orange, orange_num)
    all_price = add_apple_orange_layer.forward(apple_price, orange_price)
    price = mul_tax_layer.forward(all_price, tax)
    dprice = 1  # backward
    dall_price, dtax = mul_tax_layer.backward(dprice)
    dapple_price, dorange_price = add_apple_orange_layer.backward(dall_price)
    dorange, dorange_num = mul_orange_layer.backward(dorange_price)
    dapple, dapple_num = mul_apple_layer.backward(dapple_price)
    nodes = (
        _end("apple", (0.0, 4.0)),
        _end("apple_num", (0.0, 3.0)),
        Node("mul_apple_layer", "×", (2.4, 4.0)),
        _end("orange", (0.0, 1.75)),
        _end("orange_num", (0.0, 0.75)),
        Node("mul_orange_layer", "×", (2.4, 1.75)),
        Node("add_apple_orange_layer", "+", (5.4, 2.875)),
        _end("tax", (5.4, 1.25)),
        Node("mul_tax_layer", "×", (7.8, 2.875)),
        _end("price", (10.0, 2.875)),
    )
    edges = (
        Edge("apple", "apple", "mul_apple_layer", apple, dapple),
        Edge("apple_num", "apple_num", "mul_apple_layer", apple_num, dapple_num, via=((1.6, 3.0),)),
        Edge("orange", "orange", "mul_orange_layer", orange, dorange),
        Edge("orange_num", "orange_num", "mul_orange_layer", orange_num, dorange_num, via=((1.6, 0.75),)),
        Edge(
            "apple_price",
            "mul_apple_layer",
            "add_apple_orange_layer",
            apple_price,
            dapple_price,
            ((4.6, 4.0),),
        ),
        Edge(
            "orange_price",
            "mul_orange_layer",
            "add_apple_orange_layer",
            orange_price,
            dorange_price,
            ((4.6, 1.75),),
        ),
        Edge("all_price", "add_apple_orange_layer", "mul_tax_layer", all_price, dall_price),
        Edge("tax", "tax", "mul_tax_layer", tax, dtax, via=((7.0, 1.25),)),
        Edge("price", "mul_tax_layer", "price", price, dprice),
    )
    return Graph(nodes, edges, "Buying apples and oranges: the price, forward and backward")


class _Exp:
    """The exp node: forward y = exp(x), backward dout · y (exp is its own derivative)."""

    def forward(self, x):
        self.out = np.exp(x)
        return self.out

    def backward(self, dout):
        return dout * self.out


class _Reciprocal:
    """The / node: forward y = 1/x, backward dout · (−y²) (the derivative of 1/x is −1/x² = −y²)."""

    def forward(self, x):
        self.out = 1 / x
        return self.out

    def backward(self, dout):
        return dout * (-(self.out**2))


def sigmoid_graph(x=1.0) -> Graph:
    """The sigmoid y = 1 / (1 + exp(−x)) as a graph of four nodes, ×(−1), exp, +1 and / (figures 5-19, 5-20).

    Forward: −x, exp(−x), 1 + exp(−x), y. Backward from dy = 1: the / node gives −y², the + node
    passes it on, the exp node multiplies by exp(−x), the × node by −1, so dx = y²·exp(−x) = y(1 − y),
    the sigmoid's derivative. The × and + nodes are ``MulLayer`` and ``AddLayer`` (with the constants
    −1 and 1 as their second inputs, whose derivatives are left out); x is one number, finite or NaN,
    with exp(−x) within the float range (x ≥ −709.78 for float64, −88.72 for float32). Below x ≈ −355
    (float64), y² is too small for a float and dx loses its digits, down to 0: y(1 − y) ≈ y is still fine.

    Book §5.5.2 (figures 5-19, 5-20); notebook 08.

    >>> g = sigmoid_graph(0.0)
    >>> float(g.values["y"]), float(g.grads["x"])
    (0.5, 0.25)
    """
    x = _number(x, "x", "sigmoid_graph")
    if isinstance(x, numbers.Integral):
        x = float(x)
    dtype = np.result_type(x, 1.0) if isinstance(x, np.generic) else np.dtype(np.float64)
    limit = float(np.log(np.finfo(dtype).max))
    if -x > limit:  # (NaN passes)
        raise ValueError(
            f"sigmoid_graph: x must be at least −{limit:.2f} for {dtype}, got {x}: exp(−x) would overflow"
        )
    mul, exp, add, rec = MulLayer(), _Exp(), AddLayer(), _Reciprocal()
    minus_x = mul.forward(x, -1)  # forward
    exp_minus_x = exp.forward(minus_x)
    denominator = add.forward(exp_minus_x, 1)
    y = rec.forward(denominator)
    dy = 1  # backward
    ddenominator = rec.backward(dy)
    dexp_minus_x, _ = add.backward(ddenominator)
    dminus_x = exp.backward(dexp_minus_x)
    dx, _ = mul.backward(dminus_x)
    nodes = (
        _end("x", (0.0, 0.0)),
        Node("mul", "×", (2.2, 0.0)),
        _end("minus_one", (2.2, -1.3), ""),
        Node("exp", "exp", (4.7, 0.0)),
        Node("add", "+", (7.2, 0.0)),
        _end("one", (7.2, -1.3), ""),
        Node("reciprocal", "/", (9.7, 0.0)),
        _end("y", (12.0, 0.0)),
    )
    edges = (
        Edge("x", "x", "mul", x, dx),
        Edge("−1", "minus_one", "mul", -1),
        Edge("−x", "mul", "exp", minus_x, dminus_x),
        Edge("exp(−x)", "exp", "add", exp_minus_x, dexp_minus_x),
        Edge("1", "one", "add", 1),
        Edge("1 + exp(−x)", "add", "reciprocal", denominator, ddenominator),
        Edge("y", "reciprocal", "y", y, dy),
    )
    return Graph(nodes, edges, "The sigmoid y = 1 / (1 + exp(−x)) as a computational graph")
