"""Figures of notebooks 08 and 10 (nbhelpers/plots/graph.py): computational graphs with their forward
values (black, above the arrows, left of an upright one) and backward derivatives (red, below, or right),
and the live plot behind the shopping widget. The numbers drawn are the graph's, rounded for reading (a
vector as a list); no text overlaps another text, a node or an arrow, and no text or node leaves the
picture, for the book's four graphs and for extreme inputs."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from helpers import PNG_MAGIC, assert_quick_png_is_full, no_warnings, show_keeps_no_results
from matplotlib.colors import to_hex
from matplotlib.patches import Circle, FancyArrowPatch

from nbhelpers import plots
from nbhelpers.graph import Edge, Graph, Node, batchnorm_graph, buy_apple, buy_apple_orange, sigmoid_graph
from nbhelpers.plots.graph import _text


def numbers(fig, color) -> list:
    """The numbers drawn in ``color`` beside the arrows, in the order of the edges (forward values are
    tagged "forward", derivatives "backward")."""
    (ax,) = fig.axes
    gid = {to_hex(plots.FORWARD_COLOR): "forward", to_hex(plots.BACKWARD_COLOR): "backward"}[to_hex(color)]
    found = [t for t in ax.texts if t.get_gid() == gid and t.get_text()]
    assert all(to_hex(t.get_color()) == to_hex(color) for t in found)
    return [t.get_text() for t in found]


def clashes(fig) -> list:
    """Every text that overlaps another text, a node's circle (but its own operation) or an arrow, and
    every text or circle that leaves the picture, measured on the drawn figure in pixels."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    (ax,) = fig.axes
    texts = [(t.get_text(), t.get_window_extent(renderer)) for t in [*fig.texts, *ax.texts] if t.get_text()]
    found = [("texts", a, b) for (a, p), (b, q) in itertools.combinations(texts, 2) if p.overlaps(q)]
    width, height = fig.canvas.get_width_height()
    found += [("outside", a) for a, p in texts if p.x0 < 0 or p.y0 < 0 or p.x1 > width or p.y1 > height]
    for patch in ax.patches:
        if isinstance(patch, Circle):
            center = ax.transData.transform(patch.center)
            radius = ax.transData.transform(np.add(patch.center, (patch.radius, 0)))[0] - center[0]
            if min(center) < radius or center[0] + radius > width or center[1] + radius > height:
                found.append(("outside", f"circle at {patch.center}"))
            for text, p in texts:
                if p.contains(*center):
                    continue  # the operation written in it
                gap = np.hypot(
                    max(p.x0 - center[0], 0, center[0] - p.x1), max(p.y0 - center[1], 0, center[1] - p.y1)
                )
                if gap < radius + 1:
                    found.append(("node", text))
        elif isinstance(patch, FancyArrowPatch):
            points = ax.transData.transform(patch._path_original.vertices)  # (the path it was given)
            line = np.concatenate([np.linspace(a, b, 300) for a, b in zip(points[:-1], points[1:])])
            for text, p in texts:
                x, y = line.T
                if np.any((p.x0 + 1 < x) & (x < p.x1 - 1) & (p.y0 + 1 < y) & (y < p.y1 - 1)):
                    found.append(("arrow", text))
    return found


BOOK = {"buy_apple": buy_apple, "buy_apple_orange": buy_apple_orange, "sigmoid_graph": sigmoid_graph}


@pytest.mark.parametrize("name", BOOK)
def test_the_numbers_drawn_are_the_graphs(name):
    pyplot = pytest.importorskip("matplotlib.pyplot")
    g = BOOK[name]()
    with no_warnings():
        fig = plots.graph_figure(g)
    forward, backward = numbers(fig, plots.FORWARD_COLOR), numbers(fig, plots.BACKWARD_COLOR)
    assert forward == [f"{float(e.value):.6g}".replace("-", "−") for e in g.edges]
    assert backward == [f"{float(e.grad):.6g}".replace("-", "−") for e in g.edges if e.grad is not None]
    (ax,) = fig.axes
    words = {t.get_text() for t in ax.texts}
    assert {n.op for n in g.nodes if n.op} <= words  # the operations, in their circles
    assert {n.name for n in g.nodes if n.op is None and n.label is None} <= words  # the inputs and output
    assert fig.texts[0].get_text() == g.title
    assert plots.figure_to_png(fig).startswith(PNG_MAGIC)
    assert pyplot.get_fignums() == [], "figure builders must not create pyplot figures"


def test_the_books_numbers_are_written_as_the_book_writes_them():
    """The floats keep their last bits (715.0000000000001); the figure writes the book's 715."""
    fig = plots.graph_figure(buy_apple_orange())
    assert numbers(fig, plots.FORWARD_COLOR) == ["100", "2", "150", "3", "200", "450", "650", "1.1", "715"]
    assert numbers(fig, plots.BACKWARD_COLOR) == ["2.2", "110", "3.3", "165", "1.1", "1.1", "1.1", "650", "1"]
    fig = plots.graph_figure(sigmoid_graph(1.0))
    assert numbers(fig, plots.FORWARD_COLOR) == ["1", "−1", "−1", "0.367879", "1", "1.36788", "0.731059"]
    assert numbers(fig, plots.BACKWARD_COLOR) == ["0.196612", "−0.196612", "−0.534447", "−0.534447", "1"]


def test_each_value_sits_above_its_arrow_and_each_derivative_below():
    fig = plots.graph_figure(buy_apple())
    fig.canvas.draw()
    (ax,) = fig.axes
    texts = {t.get_text(): t.get_window_extent() for t in ax.texts}
    arrow_y = {name: ax.transData.transform((0, y))[1] for name, y in (("apple", 1.5), ("tax", 0.5))}
    assert texts["100"].y0 > arrow_y["apple"] > texts["2.2"].y1  # the apple: 100 above, 2.2 below
    assert texts["1.1"].y0 > arrow_y["tax"] > texts["200"].y1  # the tax: 1.1 above, 200 below
    assert texts["apple"].x1 < texts["100"].x0  # the name on the left


@pytest.mark.parametrize(
    "g",
    [
        buy_apple(),
        buy_apple_orange(),
        sigmoid_graph(1.0),
        *(sigmoid_graph(x) for x in (-709.7, -37.5, 1e-9, 700.0)),
        buy_apple_orange(1000.0, 10, 1000.0, 10, 2.0),
        buy_apple_orange(0.0, 0, 0.0, 0, 1.0),
        buy_apple_orange(999.0, 7, 997.0, 9, 1.37),
        buy_apple(1000.0, 10, 2.0),
        buy_apple(123.0, 0, 1.99),
    ],
)
@pytest.mark.parametrize("names", [False, True])
def test_no_text_overlaps_a_text_a_node_or_an_arrow(g, names):
    with no_warnings():
        fig = plots.graph_figure(g, digits=7, names=names)
    assert clashes(fig) == []


def test_the_clash_finder_finds_clashes():
    """A graph drawn too tight: the test above would see it."""
    nodes = [
        Node("a", None, (0, 0)),
        Node("m", "×", (0.9, 0)),
        Node("b", None, (0.9, -0.5)),
        Node("o", None, (2, 0)),
    ]
    edges = [
        Edge("a", "a", "m", 123456.7, -2.5e-5),
        Edge("b", "b", "m", 3, 4, via=((0.3, -0.5),)),
        Edge("o", "m", "o"),
    ]
    fig = plots.graph_figure(Graph(nodes, edges, "too tight"))
    assert {kind for kind, *_ in clashes(fig)} == {"texts", "node", "arrow"}
    fig.axes[0].add_patch(Circle((50.0, 0.0), 0.3))  # a node far to the right, out of the picture
    assert ("outside", "circle at (50.0, 0.0)") in clashes(fig)


def test_forward_only_and_names():
    g = sigmoid_graph(0.0)
    fig = plots.graph_figure(g, show_backward=False)
    assert numbers(fig, plots.BACKWARD_COLOR) == []
    assert "below" not in fig.texts[1].get_text() and "forward" in fig.texts[1].get_text()
    fig = plots.graph_figure(g, names=True, title="σ as a graph")
    forward = numbers(fig, plots.FORWARD_COLOR)
    assert forward == ["0", "−1", "−x\n0", "exp(−x)\n1", "1", "1 + exp(−x)\n2", "0.5"]
    assert fig.texts[0].get_text() == "σ as a graph"
    assert numbers(fig, plots.BACKWARD_COLOR)[0] == "0.25"


def test_a_graph_without_numbers_draws_its_names():
    """As notebook 10 will draw batch normalisation: the shape of a calculation, no numbers yet."""
    nodes = [
        Node("x", None, (0, 0)),
        Node("sq", "x²", (2, 0)),
        Node("sum", "Σ", (4, 0)),
        Node("L", None, (6, 0)),
    ]
    edges = [Edge("x", "x", "sq"), Edge("x²", "sq", "sum"), Edge("L", "sum", "L")]
    fig = plots.graph_figure(Graph(nodes, edges, "squares"), names=True)
    assert numbers(fig, plots.FORWARD_COLOR) == ["x²"] and numbers(fig, plots.BACKWARD_COLOR) == []
    assert [t.get_text() for t in fig.texts] == ["squares", ""]  # no line about colours: there are no numbers
    assert clashes(fig) == []


def test_graph_figure_rejects_bad_input():
    with pytest.raises(TypeError, match="graph must be a nbhelpers.graph.Graph, got dict"):
        plots.graph_figure({})
    with pytest.raises(ValueError, match="digits must be a whole number from 1 to 17, got 0"):
        plots.graph_figure(buy_apple(), digits=0)
    with pytest.raises(ValueError, match="at least one node"):
        plots.graph_figure(Graph([], []))


def test_graph_plot_redraws_only_the_changed_numbers_and_shows_what_a_full_draw_shows():
    plot = plots.GraphPlot(buy_apple_orange(), digits=7)
    assert plot.png().startswith(PNG_MAGIC)
    for inputs in [(1000.0, 10, 0.0, 0, 2.0), (100.0, 2, 150.0, 3, 1.1), (999.0, 7, 997.0, 9, 1.37)]:
        show_keeps_no_results(plot, plot.show, buy_apple_orange(*inputs))
        assert_quick_png_is_full(plot)
        for artist in plot._moving:
            artist.set_animated(True)
    assert numbers(plot.figure, plots.FORWARD_COLOR)[-1] == "21873.42"  # (999·7 + 997·9)·1.37
    assert plot.css_width == "933px"
    with pytest.raises(ValueError, match="the nodes and edges of the graph this plot was made for"):
        plot.show(buy_apple())


def test_a_vector_is_written_as_a_list_of_rounded_numbers():
    assert _text(np.array([1.0, 6.9999999, 9.0, 15.0]), 6) == "[1, 7, 9, 15]"
    assert _text([-0.41999997, -0.0, 0.06, np.nan], 6) == "[−0.42, 0, 0.06, nan]"
    assert _text(np.array([12345.678, 1e-7], dtype=np.float32), 3) == "[1.23e4, 1e−7]"


BATCHNORM_FORWARD = ["[1, 7, 9, 15]"] * 3 + ["8"] + ["[−7, −1, 1, 7]"] * 3 + ["[49, 1, 1, 49]", "25", "1e−6"]
BATCHNORM_FORWARD += [
    "25",
    "5",
    "[−1.4, −0.2, 0.2, 1.4]",
    "2",
    "[−2.8, −0.4, 0.4, 2.8]",
    "0.5",
    "[−2.3, 0.1, 0.9, 3.3]",
]
BATCHNORM_BACKWARD = [
    "[0.28, −0.16, −0.44, 0.32]",
    "[−0.5, −0.5, −0.5, −0.5]",
    "[0.78, 0.34, 0.06, 0.82]",
    "−2",
]
BATCHNORM_BACKWARD += ["[0.78, 0.34, 0.06, 0.82]", "[−0.42, −0.06, 0.06, 0.42]", "[1.2, 0.4, 0, 0.4]"]
BATCHNORM_BACKWARD += [
    "[0.03, 0.03, 0.03, 0.03]",
    "0.12",
    "0.12",
    "1.2",
    "[6, 2, 0, 2]",
    "−3",
    "[3, 1, 0, 1]",
    "5",
]
BATCHNORM_BACKWARD += ["[3, 1, 0, 1]"]


def test_the_batchnorm_graph_is_drawn_with_its_numbers_and_names_in_place():
    """Figure 6-17 with the default batch: the numbers the layers computed, rounded (std = 5.0000001 is
    written 5); each name on the side away from its arrow: x and γ on the left, ε above, out below."""
    g = batchnorm_graph()
    with no_warnings():
        fig = plots.graph_figure(g)
    assert numbers(fig, plots.FORWARD_COLOR) == BATCHNORM_FORWARD
    assert numbers(fig, plots.BACKWARD_COLOR) == BATCHNORM_BACKWARD
    (ax,) = fig.axes
    fig.canvas.draw()
    texts = {t.get_text(): t for t in ax.texts}
    assert {"copy", "mean", "−", "x²", "+", "√", "÷", "×"} <= set(texts)
    for name, node, side in (
        ("x", "x", "left"),
        ("γ", "gamma", "left"),
        ("ε", "eps", "above"),
        ("out", "out", "below"),
    ):
        box, (px, py) = texts[name].get_window_extent(), ax.transData.transform(g.node(node).xy)
        assert {"left": box.x1 < px, "above": box.y0 > py, "below": box.y1 < py}[side], name
    # beside an upright arrow (xn, from ÷ down to ×): the value on its left, the derivative on its right
    arrow_x = ax.transData.transform(g.node("div").xy)[0]
    assert texts["[−1.4, −0.2, 0.2, 1.4]"].get_window_extent().x1 < arrow_x
    assert texts["[6, 2, 0, 2]"].get_window_extent().x0 > arrow_x
    assert "left of an upright one" in fig.texts[1].get_text() and fig.texts[0].get_text() == g.title
    forward_only = plots.graph_figure(g, show_backward=False)
    assert numbers(forward_only, plots.BACKWARD_COLOR) == []
    assert (
        forward_only.get_size_inches().tolist() == fig.get_size_inches().tolist()
    )  # (shown one after the other)
    assert "red" not in forward_only.texts[1].get_text()


@pytest.mark.parametrize("show_backward", [True, False])
@pytest.mark.parametrize("names, digits", [(False, 6), (True, 6), (True, 7), (False, 3)])
def test_the_batchnorm_graph_is_legible(show_backward, names, digits):
    with no_warnings():
        fig = plots.graph_figure(batchnorm_graph(), show_backward, names=names, digits=digits)
    assert clashes(fig) == []
    assert fig.get_size_inches()[0] < 12.5  # (a page's width)


@pytest.mark.parametrize(
    "x, gamma, beta, dout",
    [
        ([0.5], 2.0, 0.5, [1.0]),  # a batch of one: xc = 0, σ² = 0, std = √ε = 0.001
        ([1.0, 2.0, 6.0], 1.5, -0.25, [0.3, -1.2, 2.0]),
        ([3.0, 3.0, 3.0], 1.0, 0.0, [1.0, 2.0, 3.0]),  # no spread: std = √ε, and dxc of 1000s
        (np.arange(8.0) ** 3, -0.001, 1e5, np.linspace(-1, 1, 8)),
        ([-1e6, 2e6, 3.5e5, -7.25e5, 1e-3], 123.0, -4e-5, [1e-3, -2e-3, 5e-4, 0.0, -1e3]),
        ([-3.7, 0.02, 11.5, -0.4, 6.0, 1.0], -2.5, 0.75, [0.25, -1.0, 0.0, 2.0, -0.5, 1.5]),
    ],
)
@pytest.mark.parametrize("names", [False, True])
def test_the_batchnorm_graph_of_any_batch_is_legible_with_3_digits(x, gamma, beta, dout, names):
    """The layout leaves room for each number written with 3 significant digits."""
    with no_warnings():
        fig = plots.graph_figure(batchnorm_graph(x, gamma, beta, dout), digits=3, names=names)
    assert clashes(fig) == []
