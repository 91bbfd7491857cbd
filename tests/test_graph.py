"""Tests for nbhelpers.graph: the computational graphs of the book's §5.1–5.5 and §6.3.1 (Node, Edge,
Graph, buy_apple, buy_apple_orange, sigmoid_graph, batchnorm_graph).

The book's printed numbers to the last digit (buy_apple.py and buy_apple_orange.py print the floats
their layers compute: 220.00000000000003, 110.00000000000001 ...); every value and derivative against
exact ``Fraction`` arithmetic (a price is a sum of products of at most three numbers, so each float is
within 3 roundings of the exact value: bound rel 4e-16; measured maximum over 3000 random inputs: rel
2.5e-16); the derivatives against the numerical derivative of the price (notebook 06's numerical_diff,
h = 1e-4: the price is linear in each input, so only rounding is left, about u·|price|/h; bound
4u·|price|/h, measured at most 0.23 of it); the chain rule at every node; the sigmoid graph's dx against
a 40-digit ``Decimal`` reference (measured maximum rel 4.4e-16 over 20,000 x in [−354, 700], bound
1e-14) and against y(1 − y) (where 1 − y does not cancel, x ≤ 5: measured rel 1.9e-14, bound 1e-13);
float32 stays float32; bad input gets an error naming the argument.

The batch-normalisation graph: its steps are the book's figure 6-17; every node obeys its local rule (a
copy node adds the derivatives of its two branches, a number used by the whole batch gets the sum of the
batch's); its dx, dγ, dβ and out are those of ``nbhelpers.layers.BatchNormalization`` (bit for bit at the
defaults and whenever N is 1, 2, 4 or 8; else the book's (2/N)·xc·dvar rounds differently from the
graph's 2·xc·(dvar/N): bound 1e-14 of the larger of dxc's two terms, measured 2.8e-16 over 8000 random
batches), the closed form (γ/std)(dout − mean(dout) − xn·mean(dout·xn)) and the numerical gradient
(h = 1e-4; relative_error bound 1e-6, measured at most 1.6e-8 over 400 random batches of 3 to 8 with a
spread of at least 0.3, 2.8e-11 at the defaults). Edges hold a vector as a read-only copy.
"""

from __future__ import annotations

import math
from decimal import Decimal, getcontext
from fractions import Fraction

import numpy as np
import pytest
from helpers import FAST, no_warnings
from hypothesis import given
from hypothesis import strategies as st

import nbhelpers
from nbhelpers import graph
from nbhelpers.activations import sigmoid
from nbhelpers.gradient import numerical_diff, numerical_gradient, relative_error
from nbhelpers.graph import Edge, Graph, Node, batchnorm_graph, buy_apple, buy_apple_orange, sigmoid_graph
from nbhelpers.layers import BatchNormalization

NAMES = ["Edge", "Graph", "Node", "batchnorm_graph", "buy_apple", "buy_apple_orange", "sigmoid_graph"]
SHOPPING = ("apple", "apple_num", "orange", "orange_num", "tax")


def test_names_are_exported():
    assert sorted(graph.__all__) == NAMES
    for name in NAMES:
        assert getattr(nbhelpers, name) is getattr(graph, name)


def test_buy_apple_prints_the_books_numbers():
    """buy_apple.py (§5.4.1) prints 220.00000000000003, then 2.2 110.00000000000001 200."""
    with no_warnings():
        g = buy_apple()
    assert g.values == {"apple": 100, "apple_num": 2, "apple_price": 200, "tax": 1.1, "price": 100 * 2 * 1.1}
    assert repr(g.values["price"]) == "220.00000000000003"
    assert [repr(g.grads[k]) for k in ("apple", "apple_num", "tax")] == ["2.2", "110.00000000000001", "200"]
    assert g.grads["apple_price"] == 1.1 and g.grads["price"] == 1
    assert g.output == "price"


def test_buy_apple_orange_prints_the_books_numbers():
    """buy_apple_orange.py (§5.4.2) prints 715.0000000000001, then
    110.00000000000001 2.2 3.3000000000000003 165.0 650."""
    with no_warnings():
        g = buy_apple_orange()
    v, d = g.values, g.grads
    assert (v["apple_price"], v["orange_price"], v["all_price"]) == (200, 450, 650)
    assert repr(v["price"]) == "715.0000000000001"
    printed = [repr(d[k]) for k in ("apple_num", "apple", "orange", "orange_num", "tax")]
    assert printed == ["110.00000000000001", "2.2", "3.3000000000000003", "165.0", "650"]
    assert d["all_price"] == d["apple_price"] == d["orange_price"] == 1.1 and d["price"] == 1
    assert [e.name for e in g.edges] == [
        *SHOPPING[:4],
        "apple_price",
        "orange_price",
        "all_price",
        "tax",
        "price",
    ]


def _exact(apple, apple_num, orange, orange_num, tax):
    """Every value and derivative of the shopping graph in exact rational arithmetic."""
    a, n, o, m, t = (Fraction(x) for x in (apple, apple_num, orange, orange_num, tax))
    values = {
        "apple": a,
        "apple_num": n,
        "orange": o,
        "orange_num": m,
        "apple_price": a * n,
        "orange_price": o * m,
        "all_price": a * n + o * m,
        "tax": t,
        "price": (a * n + o * m) * t,
    }
    grads = {"apple": t * n, "apple_num": t * a, "orange": t * m, "orange_num": t * o}
    grads |= {"apple_price": t, "orange_price": t, "all_price": t, "tax": a * n + o * m, "price": Fraction(1)}
    return values, grads


def _close(value, exact: Fraction, rel: float) -> bool:
    return abs(Fraction(float(value)) - exact) <= rel * abs(exact)


prices = st.one_of(st.just(0.0), st.floats(1e-3, 1e4))  # (subnormal prices would lose digits to underflow)
counts = st.integers(0, 100)
taxes = st.floats(1.0, 2.0)


@FAST
@given(prices, counts, prices, counts, taxes)
def test_every_value_and_derivative_is_the_exact_one_to_rounding(apple, apple_num, orange, orange_num, tax):
    with no_warnings():
        g = buy_apple_orange(apple, apple_num, orange, orange_num, tax)
    values, grads = _exact(apple, apple_num, orange, orange_num, tax)
    for name in values:
        assert _close(g.values[name], values[name], 4e-16), name
        assert _close(g.grads[name], grads[name], 4e-16), f"d{name}"
    one = buy_apple(apple, apple_num, tax)
    assert one.values["price"] == apple * apple_num * tax
    assert one.grads["apple"] == tax * apple_num and one.grads["tax"] == apple * apple_num


@pytest.mark.parametrize(
    "inputs",
    [(100, 2, 150, 3, 1.1), (99.5, 7, 1000.0, 0, 1.37), (0.0, 0, 0.0, 0, 2.0), (123.0, 10, 4.5, 9, 1.0)],
)
def test_backward_equals_the_numerical_derivative_of_the_price(inputs):
    for k, name in enumerate(SHOPPING):

        def price(x, k=k):
            changed = list(inputs)
            changed[k] = x
            return buy_apple_orange(*changed).values["price"]

        slope = numerical_diff(price, float(inputs[k]))  # h = 1e-4
        bound = 4 * np.finfo(float).eps / 2 * abs(price(inputs[k])) / 1e-4
        assert abs(slope - buy_apple_orange(*inputs).grads[name]) <= bound, name


def test_the_chain_rule_holds_at_every_node():
    """× hands each input the other input times what came back; + hands both what came back."""
    for g in (buy_apple(), buy_apple_orange(), buy_apple_orange(57.0, 9, 301.0, 4, 1.08)):
        for node in g.nodes:
            if node.op is None:
                continue
            inputs = [e for e in g.edges if e.head == node.name]
            (out,) = [e for e in g.edges if e.tail == node.name]
            for e, other in zip(inputs, inputs[::-1]):
                expected = out.grad * other.value if node.op == "×" else out.grad
                assert e.grad == expected, (node.name, e.name)
            if node.op == "×":
                assert out.value == inputs[0].value * inputs[1].value
            else:
                assert out.value == inputs[0].value + inputs[1].value


def test_inputs_are_passed_as_they_are_and_left_untouched():
    apple = np.array(100.0)  # a 0-d array is read as its number
    g = buy_apple_orange(apple, np.int64(2), np.float64(150.0), 3, 1.1)
    assert apple.shape == () and apple == 100.0
    assert g.values["price"] == 715.0000000000001
    assert type(buy_apple(100, 2, 1.1).values["apple"]) is int  # the book's ints stay ints
    g = buy_apple(np.float32(100), np.float32(2), np.float32(1.1))
    assert all(np.asarray(v).dtype == np.float32 for v in g.values.values())
    assert np.asarray(g.grads["apple"]).dtype == np.float32


def test_nan_propagates_without_a_warning():
    with no_warnings():
        g = buy_apple(math.nan, 2, 1.1)
        s = sigmoid_graph(math.nan)
    assert math.isnan(g.values["price"]) and math.isnan(g.grads["apple_num"]) and g.grads["apple"] == 2.2
    assert math.isnan(s.values["y"]) and math.isnan(s.grads["x"])


@pytest.mark.parametrize("where", [buy_apple, buy_apple_orange])
def test_bad_input_is_named(where):
    with pytest.raises(
        ValueError, match=r"apple must be one number \(shape \(\)\), got an array of shape \(3,\)"
    ):
        where(np.ones(3))
    with pytest.raises(TypeError, match="tax must be a real number, got str"):
        where(tax="1.1")
    with pytest.raises(TypeError, match="apple_num must be a real number, got bool"):
        where(apple_num=True)
    with pytest.raises(TypeError, match="apple must be a real number, got complex"):
        where(1 + 2j)


def _sigmoid_grad_exact(x: float) -> float:
    """σ'(x) = e^(−x) / (1 + e^(−x))², in 40-digit decimal arithmetic."""
    getcontext().prec = 40
    e = (-Decimal(x)).exp()
    return float(e / (1 + e) ** 2)


def test_sigmoid_graph_has_the_books_nodes_and_numbers():
    with no_warnings():
        g = sigmoid_graph(1.0)
    assert [n.op for n in g.nodes if n.op] == ["×", "exp", "+", "/"]
    e = math.exp(-1.0)
    assert g.values == {
        "x": 1.0,
        "−1": -1,
        "−x": -1.0,
        "exp(−x)": e,
        "1": 1,
        "1 + exp(−x)": 1 + e,
        "y": 1 / (1 + e),
    }
    y = 1 / (1 + e)
    assert g.grads["y"] == 1
    assert g.grads["1 + exp(−x)"] == g.grads["exp(−x)"] == -(y**2)  # the / node, then + passes it on
    assert g.grads["−x"] == -(y**2) * e  # exp multiplies by its output
    assert g.grads["x"] == y**2 * e  # × (−1)
    assert g.grads["−1"] is None and g.grads["1"] is None  # constants: no derivative asked for
    assert float(g.grads["x"]) == pytest.approx(y * (1 - y), rel=1e-15)
    assert g.output == "y"


@pytest.mark.parametrize("x", [*np.linspace(-354, 700, 211), -30.5, -1e-300, 0.0, 1e-12, 0.5, 4.999])
def test_sigmoid_graph_backward_is_y_times_one_minus_y(x):
    with no_warnings():
        g = sigmoid_graph(float(x))
    y, dx = float(g.values["y"]), float(g.grads["x"])
    assert y == pytest.approx(float(sigmoid(x)), rel=1e-15)
    assert dx == pytest.approx(_sigmoid_grad_exact(float(x)), rel=1e-14)
    if x <= 5:  # (above, 1 − y cancels: y(1 − y) in floats loses the digits the graph keeps)
        assert dx == pytest.approx(y * (1 - y), rel=1e-13)


@FAST
@given(st.floats(-354, 700))
def test_sigmoid_graph_backward_against_the_exact_derivative(x):
    with no_warnings():
        dx = float(sigmoid_graph(x).grads["x"])
    assert dx == pytest.approx(_sigmoid_grad_exact(x), rel=1e-14)


def test_sigmoid_graph_keeps_float32_and_guards_the_overflow_of_exp():
    g = sigmoid_graph(np.float32(1.5))
    numbers = [v for v in [*g.values.values(), *g.grads.values()] if isinstance(v, np.generic)]
    assert len(numbers) == 9 and all(v.dtype == np.float32 for v in numbers)
    assert float(g.grads["x"]) == pytest.approx(float(sigmoid(1.5) * (1 - sigmoid(1.5))), rel=1e-6)
    with no_warnings():
        assert float(sigmoid_graph(-709.7).values["y"]) > 0  # exp(709.7) = 1.65e308: still a float
        assert sigmoid_graph(1e300).values["y"] == 1.0 and sigmoid_graph(1e300).grads["x"] == 0.0
        assert sigmoid_graph(3).values["x"] == 3.0  # an int is read as a float
    with pytest.raises(ValueError, match="x must be at least −709.78 for float64, got -710.0"):
        sigmoid_graph(-710.0)
    with pytest.raises(ValueError, match="x must be at least −88.72 for float32"):
        sigmoid_graph(np.float32(-89))
    with pytest.raises(TypeError, match="sigmoid_graph: x must be a real number"):
        sigmoid_graph("1")


def test_graph_reads_its_nodes_and_edges_by_name():
    g = buy_apple()
    assert g.node("mul_tax_layer").op == "×" and g.node("apple").op is None
    assert g.edge("tax").tail == "tax" and g.edge("tax").head == "mul_tax_layer"
    assert g.edge("apple_num").via == ((1.6, 0.5),)
    with pytest.raises(KeyError, match="no node 'nope'"):
        g.node("nope")
    with pytest.raises(KeyError, match="no edge 'nope'"):
        g.edge("nope")
    # a value used by two nodes: two edges of one name, whose numbers the first edge gives
    nodes = [Node("a", None, (0, 0)), Node("sq", "×", (2, 0)), Node("out", None, (4, 0))]
    edges = [
        Edge("a", "a", "sq", 3, 6),
        Edge("a", "a", "sq", 3, 6, via=((1, 1),)),
        Edge("y", "sq", "out", 9, 1),
    ]
    g = Graph(nodes, edges, "a²")
    assert g.values == {"a": 3, "y": 9} and g.grads == {"a": 6, "y": 1} and g.output == "y"
    assert isinstance(g.nodes, tuple) and isinstance(g.edges, tuple)


def test_graph_rejects_what_it_cannot_draw():
    a, b = Node("a", None, (0, 0)), Node("b", "+", (1, 0))
    with pytest.raises(ValueError, match=r"node names must differ, got \['a'\]"):
        Graph([a, a], [])
    with pytest.raises(ValueError, match="edge 'e' joins node 'c', which is not among"):
        Graph([a, b], [Edge("e", "a", "c")])
    with pytest.raises(TypeError, match="nodes must be Node and edges Edge objects, got tuple"):
        Graph([("a", None, (0, 0))], [])
    with pytest.raises(ValueError, match=r"Node 'a': xy must be two numbers \(x, y\), got \(0, 0, 0\)"):
        Node("a", None, (0, 0, 0))
    with pytest.raises(ValueError, match="xy must be finite"):
        Node("a", None, (0, math.inf))
    with pytest.raises(TypeError, match="op must be a string or None"):
        Node("a", 3, (0, 0))
    with pytest.raises(ValueError, match=r"Edge 'e': via\[0\] must be two numbers"):
        Edge("e", "a", "b", via=[(1, 2, 3)])
    with pytest.raises(ValueError, match="tail and head must differ"):
        Edge("e", "a", "a")
    with pytest.raises(TypeError, match="Edge: head must be a string"):
        Edge("e", "a", None)
    assert Edge("e", "a", "b", via=[[1, 2]]).via == ((1.0, 2.0),)


# Batch normalisation (§6.3.1, figure 6-17): one feature over a batch of N, each step a node


def _layer(x, gamma, beta, dout):
    """The book's BatchNormalization on one column: out, dx, dgamma, dbeta, and the layer."""
    x, dout = np.asarray(x), np.asarray(dout)
    bn = BatchNormalization(np.array([gamma], dtype=x.dtype), np.array([beta], dtype=x.dtype))
    out = bn.forward(x[:, None])
    dx = bn.backward(dout[:, None])
    return out[:, 0], dx[:, 0], bn.dgamma[0], bn.dbeta[0], bn


def _edges(g, head=None, tail=None) -> list:
    return [e for e in g.edges if (head is None or e.head == head) and (tail is None or e.tail == tail)]


def test_batchnorm_graph_has_the_steps_of_figure_6_17():
    with no_warnings():
        g = batchnorm_graph()
    ops = [n.op for n in g.nodes if n.op]
    assert ops == ["copy", "mean", "−", "copy", "x²", "mean", "+", "√", "÷", "×", "+"]
    assert [e.name for e in g.edges] == [
        *("x", "x", "x", "μ", "xc", "xc", "xc", "xc²", "σ²", "ε", "σ² + ε", "std", "xn", "γ", "γ·xn", "β"),
        "out",
    ]
    assert [n.text for n in g.nodes if n.op is None] == ["x", "ε", "γ", "β", "out"]
    assert g.output == "out" and "batch of 4" in g.title
    # the two forks: x into the mean and the subtraction, xc into the square and the division
    assert {e.head for e in _edges(g, tail="copy_x")} == {"mean_x", "sub"}
    assert {e.head for e in _edges(g, tail="copy_xc")} == {"square", "div"}
    v, d = g.values, g.grads
    assert v["x"].tolist() == [1, 7, 9, 15] and v["μ"] == 8 and v["xc"].tolist() == [-7, -1, 1, 7]
    assert v["xc²"].tolist() == [49, 1, 1, 49] and v["σ²"] == 25 and v["ε"] == 10e-7 == 1e-6
    assert v["σ² + ε"] == 25 + 1e-6 and v["std"] == math.sqrt(25 + 1e-6)
    np.testing.assert_allclose(v["xn"], [-1.4, -0.2, 0.2, 1.4], rtol=1e-7)  # (ε: std is 5.0000001)
    np.testing.assert_allclose(v["out"], [-2.3, 0.1, 0.9, 3.3], rtol=1e-7)
    assert d["out"].tolist() == [3, 1, 0, 1] and d["β"] == 5
    np.testing.assert_allclose(d["x"], [0.28, -0.16, -0.44, 0.32], rtol=1e-7)
    np.testing.assert_allclose([d["γ"], d["std"], d["σ²"], d["μ"]], [-3, 1.2, 0.12, -2], rtol=1e-7)
    np.testing.assert_allclose(d["xc"], [0.78, 0.34, 0.06, 0.82], rtol=1e-7)
    assert d["ε"] is None  # a constant: no derivative asked for


def test_batchnorm_graph_every_node_obeys_its_local_rule():
    """Each derivative on the figure is what comes back times the local derivative; a copy node adds its
    two branches (x and xc), a number used by the whole batch (μ, std, γ, β) adds the batch's."""
    for g in (batchnorm_graph(), batchnorm_graph([0.3, -1.2, 2.5], -0.7, 1.1, [1.0, -2.0, 0.5])):
        for node in g.nodes:
            ins, outs = _edges(g, head=node.name), _edges(g, tail=node.name)
            if node.op == "copy":
                (a,), (b, c) = ins, outs
                assert np.array_equal(b.value, a.value) and np.array_equal(c.value, a.value)
                assert np.array_equal(a.grad, b.grad + c.grad), node.name
            elif node.op == "mean":
                (a,), (o,) = ins, outs
                n = len(a.value)  # (each of the n values gets 1/n of what comes back)
                assert o.value == np.mean(a.value) and np.array_equal(a.grad, np.full(n, o.grad / n))
            elif node.op in ("x²", "√"):
                (u,), (o,) = ins, outs
                if node.op == "x²":
                    value, du = u.value**2, 2 * u.value * o.grad
                else:
                    value, du = np.sqrt(u.value), 0.5 * o.grad / o.value
                assert np.array_equal(o.value, value) and np.array_equal(u.grad, du), node.name
            elif node.op is not None:
                (u, w), (o,) = ins, outs  # the batch's value, then the one number: μ, ε, std, γ or β
                value, du, dw = {
                    "−": (u.value - w.value, o.grad, -o.grad.sum()),
                    "÷": (u.value / w.value, o.grad / w.value, -((o.grad * u.value) / w.value**2).sum()),
                    "×": (u.value * w.value, o.grad * w.value, (o.grad * u.value).sum()),
                    "+": (u.value + w.value, o.grad, None if w.name == "ε" else o.grad.sum()),
                }[node.op]
                np.testing.assert_array_equal(o.value, value, err_msg=node.name)
                np.testing.assert_allclose(u.grad, du, rtol=1e-15, err_msg=node.name)
                if dw is not None:
                    np.testing.assert_allclose(w.grad, dw, rtol=1e-15, err_msg=node.name)


def test_batchnorm_graph_at_the_defaults_is_the_layer_bit_for_bit():
    g = batchnorm_graph()
    out, dx, dgamma, dbeta, bn = _layer([1.0, 7.0, 9.0, 15.0], 2.0, 0.5, [3.0, 1.0, 0.0, 1.0])
    assert np.array_equal(g.values["out"], out) and np.array_equal(g.grads["x"], dx)
    assert g.grads["γ"] == dgamma and g.grads["β"] == dbeta
    assert np.array_equal(g.values["xc"], bn.xc[:, 0]) and g.values["std"] == bn.std[0]


def _sized(low, high):
    """Numbers from −high to high, none smaller in size than low but 0: far from subnormal numbers, which
    keep fewer digits (there the scaling by 1/N or 2 of the two ways would round differently)."""
    return st.one_of(st.just(0.0), st.floats(low, high), st.floats(-high, -low))


batches = st.integers(1, 8).flatmap(
    lambda n: st.tuples(
        st.lists(_sized(1e-6, 1e3), min_size=n, max_size=n),
        _sized(1e-3, 5),
        st.floats(-5, 5),
        st.lists(_sized(1e-6, 10), min_size=n, max_size=n),
    )
)


@FAST
@given(batches)
def test_batchnorm_graph_equals_the_layers_backward(batch):
    x, gamma, beta, dout = batch
    with no_warnings():
        g = batchnorm_graph(x, gamma, beta, dout)
    out, dx, dgamma, dbeta, _ = _layer(np.array(x), gamma, beta, np.array(dout))
    assert np.array_equal(g.values["out"], out)
    assert g.grads["γ"] == dgamma and g.grads["β"] == dbeta
    if len(x) in (1, 2, 4, 8):  # (dvar/N and 2/N are exact: the same roundings as the book's)
        assert np.array_equal(g.grads["x"], dx)
    terms = max(np.abs(e.grad).max() for e in g.edges if e.name == "xc")  # (dxc adds two: they may cancel)
    bound = 1e-14 * terms
    np.testing.assert_allclose(g.grads["x"], dx, rtol=0, atol=bound)
    # the closed form
    xn, d, std = g.values["xn"], np.array(dout), g.values["std"]
    closed = gamma / std * (d - d.mean() - xn * np.mean(d * xn))
    np.testing.assert_allclose(g.grads["x"], closed, rtol=0, atol=1e-13 * (1 + np.abs(gamma * d / std).max()))


@pytest.mark.parametrize(
    "x, gamma, beta, dout",
    [
        ((1.0, 7.0, 9.0, 15.0), 2.0, 0.5, (3.0, 1.0, 0.0, 1.0)),
        ((1.0, 2.0, 6.0), 1.0, 0.0, (1.0, -1.0, 2.0)),
        ((0.3, -1.2, 2.5, 0.9, -0.4), -0.7, 1.1, (1.0, -2.0, 0.5, 0.25, 3.0)),
        ((5.0, 5.5, 4.0, 8.0, 1.0, 2.0, 9.5, 3.0), 3.0, -2.0, (0.1, 0.2, -0.3, 0.4, -0.5, 0.6, -0.7, 0.8)),
    ],
)
def test_batchnorm_graph_backward_equals_the_numerical_gradient(x, gamma, beta, dout):
    """L = Σ out·dout, so that ∂L/∂out = dout: its numerical gradient in x, γ and β."""
    x, d = np.array(x), np.array(dout)

    def loss(x=x, gamma=gamma, beta=beta):
        return float(np.sum(batchnorm_graph(x, gamma, beta, d).values["out"] * d))

    g = batchnorm_graph(x, gamma, beta, d)
    assert relative_error(g.grads["x"], numerical_gradient(lambda v: loss(x=v), x.copy())) < 1e-6
    assert numerical_diff(lambda v: loss(gamma=v), gamma) == pytest.approx(float(g.grads["γ"]), rel=1e-6)
    assert numerical_diff(lambda v: loss(beta=v), beta) == pytest.approx(float(g.grads["β"]), rel=1e-6)


def test_batchnorm_graph_keeps_float32_and_its_input_and_warns_of_nothing():
    x = np.array([1, 7, 9, 15], dtype=np.float32)
    g = batchnorm_graph(x, dout=np.array([3, 1, 0, 1], dtype=np.float32))
    numbers = [v for e in g.edges for v in (e.value, e.grad) if v is not None and e.name != "ε"]
    assert len(numbers) == 32 and all(np.asarray(v).dtype == np.float32 for v in numbers)
    out, dx, *_ = _layer(x, 2.0, 0.5, np.array([3, 1, 0, 1], dtype=np.float32))
    assert np.array_equal(g.values["out"], out) and np.array_equal(g.grads["x"], dx)
    given = np.array([1.0, 7.0, 9.0, 15.0])
    g = batchnorm_graph(given)
    given[0] = 100.0  # the graph keeps its own copy ...
    assert g.values["x"][0] == 1.0 and given[0] == 100.0  # ... and leaves the caller's array alone
    with pytest.raises(ValueError, match="read-only"):
        g.values["x"][0] = 5.0
    assert batchnorm_graph([1, 2, 6], 2, 1, [1, 0, 0]).values["x"].dtype == np.float64  # ints: float64
    with no_warnings():
        nan = batchnorm_graph([1.0, math.nan, 3.0], dout=[1.0, 1.0, 1.0])
        huge = batchnorm_graph([-1e300, 0.0, 1e300], dout=[1.0, 2.0, 3.0])
        one = batchnorm_graph([0.5], dout=[2.0])
    assert np.isnan(nan.values["out"]).all() and np.isnan(nan.grads["x"]).all()
    assert math.isinf(huge.values["σ²"]) and huge.values["out"].tolist() == [0.5, 0.5, 0.5]
    assert one.values["xc"].tolist() == [0.0] and one.grads["x"].tolist() == [0.0] and one.grads["β"] == 2.0


def test_batchnorm_graph_bad_input_is_named():
    with pytest.raises(
        ValueError, match=r"batchnorm_graph: x must be one number or a 1-D vector .* shape \(2, 2\)"
    ):
        batchnorm_graph(np.ones((2, 2)))
    with pytest.raises(ValueError, match="x must hold 1 to 8 numbers .* got 9"):
        batchnorm_graph(np.arange(9.0), dout=np.ones(9))
    with pytest.raises(
        ValueError, match=r"dout must have x's shape \(3,\) .* shape \(4,\) \(the default dout"
    ):
        batchnorm_graph([1.0, 2.0, 6.0])
    with pytest.raises(
        ValueError, match=r"gamma must be one number \(shape \(\)\), got an array of shape \(1,\)"
    ):
        batchnorm_graph(gamma=np.array([2.0]))
    with pytest.raises(TypeError, match="beta must be a real number, got str"):
        batchnorm_graph(beta="0.5")
    with pytest.raises(TypeError, match="x must be a number or an array of numbers, got the string"):
        batchnorm_graph("1, 2, 3")
    with pytest.raises(ValueError, match=r"dout must be one number or a 1-D vector .* shape \(0,\)"):
        batchnorm_graph([1.0], dout=[])


def test_an_edge_holds_a_number_as_it_is_and_a_vector_as_a_read_only_copy():
    assert type(Edge("n", "a", "b", 2).value) is int and Edge("n", "a", "b", np.array(2.5)).value == 2.5
    given = np.array([1.0, 2.0], dtype=np.float32)
    e = Edge("v", "a", "b", given, [0.5, -1])
    assert e.value.dtype == np.float32 and e.grad.dtype == np.float64 and e.grad.tolist() == [0.5, -1.0]
    assert e.value is not given and not e.value.flags.writeable and given.flags.writeable
    assert Edge("t", "a", "b", "text").value == "text"  # (a text is written as it is)
    with pytest.raises(ValueError, match=r"Edge 'm': value must be one number or a 1-D vector .* \(2, 2\)"):
        Edge("m", "a", "b", np.eye(2))
    with pytest.raises(TypeError, match="Edge 'c': grad must be a real number, got complex"):
        Edge("c", "a", "b", 1, 2j)
    with pytest.raises(TypeError, match="Edge 'b': value must be a real number, got bool"):
        Edge("b", "a", "b", True)
