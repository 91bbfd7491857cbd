"""The book's computational graphs, each built by running small layers, one per node, forward and then
backward: the shopping graphs of §5.4 (the book's ``MulLayer`` and ``AddLayer``), the sigmoid of §5.5.2
and batch normalisation of §6.3.1 (a few more node layers, below). Every number on their figures is a
number these layers computed. Private: re-exported by :mod:`nbhelpers.graph`, where ``Node``, ``Edge`` and
``Graph`` live."""

from __future__ import annotations

import numbers

import numpy as np

from ._mode_layers import EPS
from .graph import Edge, Graph, Node, _number, _vector
from .layers import AddLayer, MulLayer

__all__ = ["buy_apple", "buy_apple_orange", "sigmoid_graph", "batchnorm_graph"]


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


class _Copy:
    """The copy node, where a value branches out: forward sends x on to two nodes; backward adds the two
    derivatives that come back (a change of x changes both: ∂L/∂x = ∂L/∂x₁ + ∂L/∂x₂)."""

    def forward(self, x):
        return x, x

    def backward(self, dout1, dout2):
        return dout1 + dout2


class _Mean:
    """The mean node: forward μ = (x₁ + ... + x_N)/N; backward hands each of the N values 1/N of what comes
    back (∂μ/∂xᵢ = 1/N): a sum forward, a repeat backward."""

    def forward(self, x):
        self.n = x.shape[0]
        return np.mean(x)

    def backward(self, dout):
        return np.full(self.n, dout / self.n, dtype=np.result_type(dout))


class _Sub:
    """The − node: forward x − y; backward dout for x and −dout for y, value by value."""

    def forward(self, x, y):
        return x - y

    def backward(self, dout):
        return dout * 1, -dout


class _Square:
    """The x² node: forward x²; backward dout · 2x."""

    def forward(self, x):
        self.x = x
        return x**2

    def backward(self, dout):
        return 2 * self.x * dout


class _Sqrt:
    """The √ node: forward y = √x; backward dout · 1/(2√x) = dout · 0.5/y."""

    def forward(self, x):
        self.out = np.sqrt(x)
        return self.out

    def backward(self, dout):
        return 0.5 * dout / self.out


class _Div:
    """The ÷ node: forward x / y; backward dout / y for x and −dout · x / y² for y, value by value."""

    def forward(self, x, y):
        self.x, self.y = x, y
        return x / y

    def backward(self, dout):
        return dout / self.y, -(dout * self.x) / (self.y * self.y)


def _used_by_all(d):
    """The derivative of one number used by every example of the batch (μ, std, γ, β), from the N
    derivatives of its uses: their sum, as a copy node adds its two (the book's ``.sum(axis=0)``)."""
    return d.sum()


def _room(*vectors) -> float:
    """The length of a level arrow, in the figure's units, with room beside it for any of ``vectors``
    written with 3 significant digits in 11-point type ("[0.28, −0.16, −0.44, 0.32]": 2.8 units)."""
    widest = 0.0
    for v in vectors:
        text = "[" + ", ".join(f"{float(n) + 0.0:.3g}" for n in v) + "]"
        narrow = sum(text.count(c) for c in "[]., ")
        widest = max(widest, 0.13 * (len(text) - narrow) + 0.065 * narrow + 0.045 * text.count("-"))
    return widest + 0.8


def batchnorm_graph(x=(1.0, 7.0, 9.0, 15.0), gamma=2.0, beta=0.5, dout=(3.0, 1.0, 0.0, 1.0)) -> Graph:
    """Batch normalisation of one feature over a batch of N examples, as a graph of small steps (figure 6-17).

    Forward, the book's ``BatchNormalization.forward`` for one column: μ = Σx/N, xc = x − μ,
    σ² = Σxc²/N, std = √(σ² + ε), xn = xc / std, out = γ·xn + β, with the book's ε = 10e-7.
    Backward from ``dout`` = ∂L/∂out, node by node: each value used twice (x, xc) goes through a copy node,
    whose backward adds the two derivatives that come back; each number used by all N examples (μ, std,
    γ, β) gets the sum of their N derivatives; a mean hands each value 1/N of what comes back. Together:
    dβ = Σdout, dγ = Σdout·xn, dx = (γ/std)·(dout − mean(dout) − xn·mean(dout·xn)), the book's backward.

    x, dout: shape (N,), N = 1 to 8 (the graph computes in x's float type: float32 stays float32, integers
    become float64); gamma, beta: one number each. The default dout is not all ones, so that the
    derivatives differ from example to example. Edges, by name: "x", "μ", "xc", "xc²", "σ²", "ε",
    "σ² + ε", "std", "xn", "γ", "γ·xn", "β", "out" (x and xc also on the copy nodes' two branches:
    ``values``/``grads`` give the first edge, the copy's input, so ``grads["x"]`` is dx). The drawing
    leaves room for the numbers written with 3 significant digits (``graph_figure(g, digits=3)``).

    Book §6.3.1 (figure 6-17); notebook 10.

    >>> g = batchnorm_graph()  # x = [1, 7, 9, 15]: μ = 8, σ² = 25, std = 5 (and a tiny bit of ε)
    >>> g.values["xn"].round(6), g.values["out"].round(6)
    (array([-1.4, -0.2,  0.2,  1.4]), array([-2.3,  0.1,  0.9,  3.3]))
    >>> g.grads["x"].round(6), round(float(g.grads["γ"]), 6), float(g.grads["β"])
    (array([ 0.28, -0.16, -0.44,  0.32]), -3.0, 5.0)
    """
    where = "batchnorm_graph"
    x = _vector(x, "x", where)
    if x.size > 8:
        raise ValueError(
            f"{where}: x must hold 1 to 8 numbers (a small batch, written on the figure), got {x.size}"
        )
    dout = _vector(dout, "dout", where)
    if dout.shape != x.shape:
        raise ValueError(
            f"{where}: dout must have x's shape {x.shape} (one derivative per output value), got shape "
            f"{dout.shape}" + (" (the default dout has 4 values: pass dout too)" if dout.size == 4 else "")
        )
    gamma, beta = (_number(v, k, where) for k, v in (("gamma", gamma), ("beta", beta)))
    copy_x, mean_x, sub, copy_xc, square, mean_var = _Copy(), _Mean(), _Sub(), _Copy(), _Square(), _Mean()
    add_eps, sqrt, div, mul_gamma, add_beta = AddLayer(), _Sqrt(), _Div(), MulLayer(), AddLayer()
    with np.errstate(over="ignore", invalid="ignore"):  # (beyond the float range: inf and NaN, no warning)
        dout, gamma, beta = dout.astype(x.dtype), x.dtype.type(gamma), x.dtype.type(beta)
        x1, x2 = copy_x.forward(x)  # forward
        mu = mean_x.forward(x1)
        xc = sub.forward(x2, mu)
        xc1, xc2 = copy_xc.forward(xc)
        sq = square.forward(xc1)
        var = mean_var.forward(sq)
        var_eps = add_eps.forward(var, EPS)
        std = sqrt.forward(var_eps)
        xn = div.forward(xc2, std)
        gxn = mul_gamma.forward(xn, gamma)
        out = add_beta.forward(gxn, beta)
        dgxn, dbetas = add_beta.backward(dout)  # backward
        dbeta = _used_by_all(dbetas)
        dxn, dgammas = mul_gamma.backward(dgxn)
        dgamma = _used_by_all(dgammas)
        dxc2, dstds = div.backward(dxn)
        dstd = _used_by_all(dstds)
        dvar_eps = sqrt.backward(dstd)
        dvar, _ = add_eps.backward(dvar_eps)  # (ε is a constant: its derivative is not asked for)
        dsq = mean_var.backward(dvar)
        dxc1 = square.backward(dsq)
        dxc = copy_xc.backward(dxc1, dxc2)
        dx2, dmus = sub.backward(dxc)
        dmu = _used_by_all(dmus)
        dx1 = mean_x.backward(dmu)
        dx = copy_x.backward(dx1, dx2)
    # The layout: x's fork (left, its mean below), xc's fork (middle, the variance above, coming down at the
    # ÷), then γ and β going down. The lengths of level arrows: s with a vector's numbers beside it, t with
    # σ²'s, g with γ's and β's; h: a step upright (the numbers beside it)
    s = max(_room(x, xc, sq, xn, gxn, out, dx, dx1, dx2, dxc, dxc1, dxc2, dsq, dxn, dgxn), 2.2)
    t = _room([var], [var_eps], [dvar])
    g = max(_room([gamma], [dgamma], [beta], [dbeta]), 1.9)
    h = 1.8
    c = 3 * s  # the column of xc's fork, and of the ÷:
    d = c + max(s, 2 * t)
    nodes = (
        _end("x", (0.0, 0.0)),
        Node("copy_x", "copy", (s, 0.0)),
        Node("mean_x", "mean", (2 * s, -h)),
        Node("sub", "−", (2 * s, 0.0)),
        Node("copy_xc", "copy", (c, 0.0)),
        Node("square", "x²", (c, h)),
        Node("mean_var", "mean", (c, 2 * h)),
        _end("eps", ((c + d) / 2, 2.8 * h), "ε"),
        Node("add_eps", "+", ((c + d) / 2, 2 * h)),
        Node("sqrt", "√", (d, 2 * h)),
        Node("div", "÷", (d, 0.0)),
        _end("gamma", (d - g, -h), "γ"),
        Node("mul_gamma", "×", (d, -h)),
        _end("beta", (d - g, -2 * h), "β"),
        Node("add_beta", "+", (d, -2 * h)),
        _end("out", (d, -2.9 * h)),
    )
    edges = (
        Edge("x", "x", "copy_x", x, dx),
        Edge("x", "copy_x", "mean_x", x1, dx1, via=((s, -h),)),
        Edge("x", "copy_x", "sub", x2, dx2),
        Edge("μ", "mean_x", "sub", mu, dmu),
        Edge("xc", "sub", "copy_xc", xc, dxc),
        Edge("xc", "copy_xc", "square", xc1, dxc1),
        Edge("xc", "copy_xc", "div", xc2, dxc2),
        Edge("xc²", "square", "mean_var", sq, dsq),
        Edge("σ²", "mean_var", "add_eps", var, dvar),
        Edge("ε", "eps", "add_eps", EPS),
        Edge("σ² + ε", "add_eps", "sqrt", var_eps, dvar_eps),
        Edge("std", "sqrt", "div", std, dstd),
        Edge("xn", "div", "mul_gamma", xn, dxn),
        Edge("γ", "gamma", "mul_gamma", gamma, dgamma),
        Edge("γ·xn", "mul_gamma", "add_beta", gxn, dgxn),
        Edge("β", "beta", "add_beta", beta, dbeta),
        Edge("out", "add_beta", "out", out, dout),
    )
    return Graph(
        nodes, edges, f"Batch normalisation of one feature over a batch of {x.size}, forward and backward"
    )
