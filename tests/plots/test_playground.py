"""Pictures of notebook 13 (nbhelpers/plots/playground.py and its pieces, plots/_svg.py): SVG text with
PNG maps inside, for the playground widget. Each picture is parsed as XML and checked where the data say
it draws: a point, a curve's last value, a weight's line, a map's colours."""

from __future__ import annotations

import base64
import statistics
import time
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from helpers import PNG_MAGIC, no_warnings, pixels

from nbhelpers.playground import FEATURE_LABELS, FEATURES, RANGE, Playground
from nbhelpers.plots import _svg
from nbhelpers.plots import playground as pictures

NS = "{http://www.w3.org/2000/svg}"
WHITE, GREY = [255, 255, 255], list(_svg._TABLE[257])
ORANGE_RGB, BLUE_RGB = [245, 147, 34], [8, 119, 189]


def parse(svg: str) -> ET.Element:
    """The picture as XML, checked to be a sized <svg> that never grows wider than the page."""
    root = ET.fromstring(svg)
    assert root.tag == f"{NS}svg"
    width, height = float(root.get("width")), float(root.get("height"))
    assert root.get("viewBox") == f"0 0 {width:g} {height:g}"
    assert "max-width:100%" in root.get("style") and "height:auto" in root.get("style")
    assert 'id="' not in svg  # (many pictures share a page: no ids to clash)
    return root


def by_class(root, name: str) -> list:
    return [e for e in root.iter() if e.get("class") == name]


def texts(root) -> list:
    return ["".join(e.itertext()) for e in root.iter(f"{NS}text")]


def decode(href: str) -> np.ndarray:
    assert href.startswith("data:image/png;base64,")
    png = base64.b64decode(href.partition(",")[2])
    assert png.startswith(PNG_MAGIC)
    return pixels(png)


def points_of(d: str) -> np.ndarray:
    """The points of path data made of M/L commands, (n, 2)."""
    numbers = d.replace("M", " ").replace("L", " ").split()
    return np.array(numbers, dtype=float).reshape(-1, 2)


# --- the pieces: colours, PNG, the 0.5 line -------------------------------------------------------------


@pytest.mark.parametrize("shape", [(1, 1), (3, 5), (100, 100), (24, 7)])
def test_png_round_trip_through_pil_is_exact(shape):
    rng = np.random.default_rng(sum(shape))
    rgb = rng.integers(0, 256, (*shape, 3), dtype=np.uint8)
    np.testing.assert_array_equal(decode(_svg.png_data_uri(rgb)), rgb)
    smooth = _svg.colormap(rng.standard_normal(shape).cumsum(axis=1), -3.0, 3.0)
    for level in (1, 6):
        np.testing.assert_array_equal(decode(_svg.png_data_uri(smooth, level)), smooth)
    with pytest.raises(ValueError, match=r"uint8 array of shape \(H, W, 3\), got float64 \(2, 2, 3\)"):
        _svg.png_bytes(np.zeros((2, 2, 3)))


def test_png_of_a_smooth_map_is_small_and_quick():
    v = np.linspace(-1.5, 1.5, 100)
    grid = 1 / (1 + np.exp(-4 * (v[None, :] ** 2 + v[:, None] ** 2 - 1)))
    uri = _svg.map_data_uri(grid, 0.0, 1.0)
    assert len(uri) < 0.25 * 100 * 100 * 3  # (raw pixels: 30 000 bytes)
    start = time.perf_counter()
    for _ in range(20):
        _svg.map_data_uri(grid, 0.0, 1.0)
    print(f"\n100x100 map to a PNG data URI: {(time.perf_counter() - start) / 20 * 1000:.2f} ms")


def test_colormap_runs_orange_white_blue_and_nan_is_grey():
    with no_warnings():
        colors = _svg.colormap([-2.0, -1.0, 0.0, 1.0, 3.0, np.nan, -np.inf, np.inf], -1.0, 1.0)
    expected = [ORANGE_RGB, ORANGE_RGB, WHITE, BLUE_RGB, BLUE_RGB, GREY, ORANGE_RGB, BLUE_RGB]
    assert colors.dtype == np.uint8 and colors.tolist() == expected
    assert _svg.colormap(np.zeros((4, 5)), 0, 1).shape == (4, 5, 3)
    quarter = _svg.colormap([0.25], 0.0, 1.0)[0].astype(float)  # halfway from orange to white
    np.testing.assert_allclose(quarter, (np.array(ORANGE_RGB) + 255) / 2, atol=1)
    with no_warnings():  # lo == hi: above blue, below orange, equal white
        assert _svg.colormap([-1.0, 0.0, 1.0, np.nan], 0.0, 0.0).tolist() == [
            ORANGE_RGB,
            WHITE,
            BLUE_RGB,
            GREY,
        ]
    with pytest.raises(ValueError, match="lo and hi must be finite with lo <= hi"):
        _svg.colormap([0.0], 1.0, 0.0)


def test_map_data_uri_puts_the_first_row_at_the_bottom():
    rows = np.array([[0.0, 0.0], [1.0, 1.0]])  # row 0 (bottom): 0, orange
    image = decode(_svg.map_data_uri(rows, 0.0, 1.0))
    assert image[1].tolist() == [ORANGE_RGB] * 2 and image[0].tolist() == [BLUE_RGB] * 2


def test_level_segments_find_the_line_where_the_map_crosses_the_level():
    side = 21
    cols, rows = np.meshgrid(np.arange(side), np.arange(side))
    ramp = cols / (side - 1)  # 0.5 at column 10 exactly, and at column 7.3 for level 0.365
    for level, where in ((0.5, 10.0), (0.365, 7.3)):
        segments = _svg.level_segments(ramp, level)
        assert segments.shape == (side - 1, 2, 2)
        np.testing.assert_allclose(segments[..., 0], where)
        assert sorted(segments[:, :, 1].ravel()) == sorted([*range(side - 1), *range(1, side)])
    circle = np.hypot(cols - 10, rows - 10)
    radius = np.hypot(*_svg.level_segments(circle, 6.0).reshape(-1, 2).T - 10)
    assert abs(radius - 6).max() < 0.3
    saddle = np.array([[1.0, 0.0], [0.0, 1.0]])  # one cell, corners alike on the diagonals
    assert _svg.level_segments(saddle, 0.5).shape == (2, 2, 2)
    assert _svg.level_segments(saddle, 2.0).shape == (0, 2, 2)
    with no_warnings():
        holed = ramp.copy()
        holed[5, 10] = np.nan  # the 4 cells around it draw nothing
        assert len(_svg.level_segments(holed, 0.5)) == side - 1 - 2
        assert len(_svg.level_segments(np.full((5, 5), np.nan), 0.5)) == 0


# --- a real playground for the pictures -----------------------------------------------------------------


@pytest.fixture(scope="module")
def trained():
    pg = Playground(dataset="circles", n=500, hidden=(16, 16), activation="tanh", optimizer="Adam", lr=0.03)
    for _ in range(5):
        pg.step(20)
    return pg


def _network_args(pg, resolution=24):
    maps = pg.neuron_maps(resolution)
    weights = [pg.net.params[f"W{k}"] for k in range(1, len(maps))]
    labels = [FEATURE_LABELS[f] for f in pg.settings["features"]]
    return maps, weights, {"labels": labels, "activation_label": pg.settings["activation"]}


# --- the decision map ----------------------------------------------------------------------------------


def _frame(root):
    """The map's square: x, y, side (the nested <svg> that cuts the picture at the frame)."""
    (plane,) = [e for e in root.iter(f"{NS}svg") if e is not root]
    assert plane.get("width") == plane.get("height")
    return float(plane.get("x")), float(plane.get("y")), float(plane.get("width")), plane


def test_boundary_svg_draws_every_point_where_it_lies(trained):
    pg = trained
    args = (pg.probability_map(100), pg.x_train, pg.t_train, pg.x_test, pg.t_test)
    with no_warnings():
        root = parse(pictures.boundary_svg(*args, title="step 100"))
    assert texts(root)[0] == "step 100"
    x0, y0, side, _ = _frame(root)
    lo, hi = RANGE
    groups = by_class(root, "class0") + by_class(root, "class1")
    assert len(groups) == 4  # train and test, class 0 and class 1
    for edge, x, t in (("#fff", pg.x_train, pg.t_train), ("#222", pg.x_test, pg.t_test)):
        for k in (0, 1):
            (group,) = [g for g in groups if g.get("stroke") == edge and g.get("class") == f"class{k}"]
            assert group.get("fill") == pictures.PLAYGROUND_COLORS[k]
            mine = x[(t == k) & np.all(np.abs(x) <= 1.5, axis=1)]  # (points outside the square: left out)
            drawn = np.array([[float(c.get("cx")), float(c.get("cy"))] for c in group])
            expected = np.column_stack(
                [x0 + (mine[:, 0] - lo) / (hi - lo) * side, y0 + (hi - mine[:, 1]) / (hi - lo) * side]
            )
            np.testing.assert_allclose(drawn, expected, atol=0.051)
    hidden = parse(pictures.boundary_svg(*args, show_test=False))
    assert [g.get("stroke") for g in by_class(hidden, "class0") + by_class(hidden, "class1")] == ["#fff"] * 2
    assert "test" not in texts(hidden)


def test_boundary_svg_places_a_point_at_1_1_and_aligns_the_map_with_its_grid():
    grid = np.zeros((11, 11))
    grid[:, 8:] = 1.0  # blue from x1 = 0.9 on (columns of np.linspace(-1.5, 1.5, 11))
    root = parse(
        pictures.boundary_svg(grid, [[1.0, 1.0], [2.0, 0.0]], [1, 0], np.zeros((0, 2)), [], size=320)
    )
    x0, y0, side, plane = _frame(root)
    (circle,) = by_class(root, "class1")[0]
    assert (float(circle.get("cx")), float(circle.get("cy"))) == pytest.approx(
        (x0 + 2.5 / 3 * side, y0 + 0.5 / 3 * side), abs=0.05
    )
    assert len(by_class(root, "class0")[0]) == 0  # (2, 0) lies outside the square: left out
    (image,) = plane.iter(f"{NS}image")
    pad = side / 20  # half the grid's spacing: pixel j is centred on np.linspace(lo, hi, 11)[j]
    assert float(image.get("x")) == pytest.approx(-pad, abs=0.01) and float(
        image.get("width")
    ) == pytest.approx(side + 2 * pad, abs=0.01)
    picture = decode(image.get("href"))
    assert picture[:, 7].tolist() == [ORANGE_RGB] * 11 and picture[:, 8].tolist() == [BLUE_RGB] * 11
    (line,) = by_class(root, "boundary")  # the 0.5 line between columns 7 and 8: x1 = 0.75
    np.testing.assert_allclose(points_of(line.get("d"))[:, 0], x0 + 2.25 / 3 * side, atol=0.05)


def test_boundary_svg_of_a_diverged_network_is_grey_and_says_so():
    with no_warnings():
        root = parse(pictures.boundary_svg(np.full((50, 50), np.nan), [[0.0, 0.0]], [0], [[0.5, 0.5]], [1]))
    _, _, _, plane = _frame(root)
    assert np.all(decode(next(plane.iter(f"{NS}image")).get("href")) == GREY)
    assert "diverged: the outputs are NaN" in texts(root)
    assert by_class(root, "boundary") == []
    with pytest.raises(ValueError, match=r"square map \(res, res\) with res >= 2, got shape \(3, 4\)"):
        pictures.boundary_svg(np.zeros((3, 4)), [[0.0, 0.0]], [0], [[0.0, 0.0]], [0])
    with pytest.raises(ValueError, match=r"test: x must have shape \(N, 2\) and t N labels"):
        pictures.boundary_svg(np.zeros((3, 3)), [[0.0, 0.0]], [0], [[0.0, 0.0]], [0, 1])


# --- the curves ----------------------------------------------------------------------------------------


def y_labels(root) -> dict:
    """The y axis's labels and the height each marks (a label is written 4 px below its line)."""
    return {
        e.text: float(e.get("y")) - 4
        for e in root.iter(f"{NS}text")
        if e.get("text-anchor") == "end" and float(e.get("x")) < 42
    }


def _curve_points(root, name):
    (path,) = by_class(root, name)
    return points_of(path.get("d")), path


def test_loss_svg_draws_both_losses_and_writes_the_last_values():
    steps = np.arange(0, 1001, 10)
    train = 0.7 * np.exp(-steps / 300) + 0.05
    test = train + 0.02
    root = parse(pictures.loss_svg(steps.tolist(), train.tolist(), test.tolist()))
    drawn_train, _ = _curve_points(root, "train")
    drawn_test, path = _curve_points(root, "test")
    assert len(drawn_train) == len(drawn_test) == len(steps) and path.get("stroke-dasharray")
    assert f"train {train[-1]:.3f}" in texts(root) and f"test {test[-1]:.3f}" in texts(root)
    labels = y_labels(root)  # 0 ... 0.8 (the first 1-1.2-1.5-2-... value above 0.72)
    assert list(labels) == ["0", "0.4", "0.8"]
    expected = labels["0"] + train / 0.8 * (labels["0.8"] - labels["0"])
    np.testing.assert_allclose(drawn_train[:, 1], expected, atol=0.06)
    assert drawn_train[0, 0] == 42 and drawn_train[-1, 0] == 310  # steps 0 ... 1000 across the chart


def test_loss_svg_draws_at_most_400_points_and_keeps_the_last():
    steps = np.arange(1, 5001)
    losses = 1 / np.sqrt(steps)
    root = parse(pictures.loss_svg(steps, losses, losses * 0.9))
    drawn, _ = _curve_points(root, "train")
    assert len(drawn) == 400 and drawn[-1, 0] == 310  # the last step at the right end
    labels = y_labels(root)
    assert drawn[-1, 1] == pytest.approx(labels["0"] + losses[-1] * (labels["1"] - labels["0"]), abs=0.06)
    assert by_class(parse(pictures.loss_svg(steps, losses, [])), "test") == []


def test_loss_svg_of_no_steps_and_of_a_diverged_run():
    for empty in (pictures.loss_svg([], [], []), pictures.grad_norm_svg([], [])):
        root = parse(empty)
        assert "no steps yet" in texts(root) and by_class(root, "train") == by_class(root, "W1") == []
    losses = [0.7, 0.6, 40.0, np.inf, np.nan, np.nan]
    with no_warnings():
        root = parse(pictures.loss_svg(range(6), losses, losses))
    drawn, path = _curve_points(root, "train")
    assert len(drawn) == 3 and path.get("d").count("M") == 1  # the finite ones only
    assert "train not finite" in texts(root) and list(y_labels(root)) == ["0", "20", "40"]
    with pytest.raises(ValueError, match=r"test_loss must hold one value per step \(6\), got shape \(2,\)"):
        pictures.loss_svg(range(6), losses, [1.0, 2.0])


def test_grad_norm_svg_draws_one_line_per_layer_on_a_log_axis():
    steps = np.arange(1, 801)
    norms = [(1e-4 * s**0.5, 1e-2, 1.0 / s) for s in steps]
    root = parse(pictures.grad_norm_svg(steps, norms))
    lines = [by_class(root, f"W{k}") for k in (1, 2, 3, 4)]
    assert [len(found) for found in lines] == [1, 1, 1, 0]
    assert {"W1", "W2", "W3"} <= set(texts(root))
    colors = {found[0].get("stroke") for found in lines[:3]}
    assert len(colors) == 3
    # labels every decade as powers of ten (the range 1e-4 ... 1 passes 0.01 ... 100)
    assert texts(root)[1:6] == ["10⁻⁴", "10⁻³", "10⁻²", "10⁻¹", "10⁰"]
    labels = y_labels(root)
    w2, _ = _curve_points(root, "W2")  # 1e-2 all along: at the 10⁻² grid line
    np.testing.assert_allclose(w2[:, 1], labels["10⁻²"], atol=0.06)
    assert len(w2) == 400
    w3, _ = _curve_points(root, "W3")
    # 800 steps in 400 points: each the mean of log10 over two steps (a geometric mean), here of 1/1 and 1/2
    first = -np.log10(2) / 2
    expected = labels["10⁰"] + (labels["10⁻¹"] - labels["10⁰"]) * -first
    assert w3[0, 1] == pytest.approx(expected, abs=0.06) and w3[-1, 1] > labels["10⁻²"]  # (y grows down)
    assert w3[0, 0] < w3[1, 0] < w3[-1, 0]


def test_grad_norm_svg_of_dead_and_diverged_layers_draws_without_warning():
    norms = [(1.0, 0.5), (0.0, 0.5), (np.inf, np.nan), (np.nan, np.nan)]
    with no_warnings():
        root = parse(pictures.grad_norm_svg([1, 2, 3, 4], norms))
    w1, _ = _curve_points(root, "W1")
    assert len(w1) == 2  # 1.0 and 0 (drawn at 1e-12, the bottom); inf and NaN left out
    assert texts(root)[1] == "10⁻¹²"
    with pytest.raises(
        ValueError, match=r"one tuple of L norms per step, shape \(2, L\), got tuples of different"
    ):
        pictures.grad_norm_svg([1, 2], [(1.0, 2.0), (1.0,)])


# --- the network and one neuron ---------------------------------------------------------------------


def _edges(root):
    (group,) = by_class(root, "edges")
    return list(group)


def _nodes(root):
    return [e for e in root.iter(f"{NS}image")]


def test_network_svg_draws_every_node_and_weight(trained):
    maps, weights, kw = _network_args(trained)
    with no_warnings():
        root = parse(pictures.network_svg(maps, weights, **kw, selected=(2, 5)))
    assert len(_nodes(root)) == 2 + 16 + 16 + 1
    assert len(_edges(root)) == 2 * 16 + 16 * 16 + 16 * 1
    assert {"inputs", "layer 1", "layer 2", "output", "16 neurons", "x₁", "x₂", "hidden layers: tanh"} <= set(
        texts(root)
    )
    (selected,) = by_class(root, "selected")
    node = next(e for e in _nodes(root) if "".join(e.itertext()) == "layer 2, neuron 6")
    assert float(selected.get("x")) == pytest.approx(float(node.get("x")) - 3, abs=0.1)
    assert float(selected.get("y")) == pytest.approx(float(node.get("y")) - 3, abs=0.1)
    first = decode(_nodes(root)[0].get("href"))  # x₁ over the plane: orange on the left, blue on the right
    assert first[:, 0].tolist() == [ORANGE_RGB] * 24 and first[:, -1].tolist() == [BLUE_RGB] * 24


def test_network_svg_edge_widths_follow_the_weights_sizes_and_signs():
    maps = [np.ones((3, 8, 8)), np.ones((2, 8, 8)), np.full((1, 8, 8), 0.5)]
    w1 = np.array([[0.1, -0.5], [1.0, -2.0], [3.0, -10.0]])
    w2 = np.array([[0.2, 0.9], [-0.4, 0.3]])  # into P(class 1): w[:, 1] - w[:, 0] = 0.7, 0.7
    root = parse(pictures.network_svg(maps, [w1, w2], labels=["a", "b", "c"], activation_label="ReLU"))
    edges = _edges(root)
    widths = [float(e.get("stroke-width")) for e in edges]
    expected = sorted(np.clip(1.2 * np.abs([*w1.ravel(), 0.7, 0.7]), 0.5, 6.0))
    np.testing.assert_allclose(widths, expected, atol=0.005)  # drawn from the faintest to the strongest
    weights = sorted([*w1.ravel(), 0.7, 0.7], key=abs)
    strokes = [e.get("stroke") for e in edges]
    assert strokes == [pictures.PLAYGROUND_COLORS[int(w > 0)] for w in weights]
    opacities = [float(e.get("stroke-opacity")) for e in edges]
    assert opacities == sorted(opacities) and opacities[0] < opacities[-1]
    assert np.all(decode(_nodes(root)[-1].get("href")) == WHITE)  # the output, 0.5, on 0 ... 1
    last = parse(pictures.network_svg(maps, [w1, w2], labels="abc", activation_label="", selected=(-1, 0)))
    (outline,) = by_class(last, "selected")
    assert float(outline.get("x")) + 3 == pytest.approx(float(_nodes(last)[-1].get("x")), abs=0.1)


def test_network_svg_extremes_no_hidden_layer_and_seven_inputs_with_four_layers_of_16():
    pg = Playground(dataset="circles", hidden=(), features=("x1^2", "x2^2"))
    maps, weights, kw = _network_args(pg)
    root = parse(pictures.network_svg(maps, weights, **kw))
    assert len(_nodes(root)) == 3 and len(_edges(root)) == 2 and "no hidden layer" in texts(root)
    pg = Playground(dataset="xor", hidden=(16, 16, 16, 16), features=FEATURES, activation="relu")
    pg.step(5)
    maps, weights, kw = _network_args(pg)
    svg = pictures.network_svg(maps, weights, **kw)
    root = parse(svg)
    assert len(_nodes(root)) == 7 + 4 * 16 + 1
    assert len(_edges(root)) == 7 * 16 + 3 * 16 * 16 + 16
    assert [t for t in texts(root) if t in FEATURE_LABELS.values()] == [FEATURE_LABELS[f] for f in FEATURES]
    sizes = {float(e.get("width")) for e in _nodes(root)}
    assert len(sizes) == 1 and sizes.pop() < 36  # 16 nodes a column: smaller nodes
    assert float(root.get("height")) < 560
    narrow = parse(pictures.network_svg(maps, weights, **kw, width=500))
    assert float(narrow.get("width")) == 500
    assert max(float(e.get("x")) + float(e.get("width")) for e in _nodes(narrow)) <= 500


def test_network_svg_of_a_diverged_network_and_bad_input():
    maps = [np.zeros((2, 6, 6)), np.full((3, 6, 6), np.nan), np.full((1, 6, 6), np.nan)]
    weights = [np.full((2, 3), np.nan), np.full((3, 2), np.nan)]
    with no_warnings():
        root = parse(pictures.network_svg(maps, weights, labels=["x₁", "x₂"], activation_label="tanh"))
    assert np.all(decode(_nodes(root)[-1].get("href")) == GREY)
    assert {e.get("stroke") for e in _edges(root)} == {_svg.GREY}
    with pytest.raises(ValueError, match=r"weights\[1\] \(W2\) must have shape \(3, 1\) .* got \(3, 3\)"):
        pictures.network_svg(maps, [weights[0], np.zeros((3, 3))], labels=["a", "b"], activation_label="")
    with pytest.raises(ValueError, match="labels must name the 2 inputs, got 1"):
        pictures.network_svg(maps, weights, labels=["a"], activation_label="")
    with pytest.raises(ValueError, match=r"selected must be \(column, node\) of a node"):
        pictures.network_svg(maps, weights, labels=["a", "b"], activation_label="", selected=(1, 3))
    with pytest.raises(ValueError, match=r"selected must be \(column, node\) of a node"):
        pictures.network_svg(maps, weights, labels=["a", "b"], activation_label="", selected=(3, 0))


def test_neuron_svg_draws_the_map_and_writes_its_extremes():
    v = np.linspace(-1.5, 1.5, 30)
    values = np.tanh(2 * v[None, :] + 0 * v[:, None])  # −0.995 on the left, 0.995 on the right
    root = parse(pictures.neuron_svg(values, title="layer 1, neuron 3", size=240))
    assert float(root.get("width")) == 240 and texts(root)[0] == "layer 1, neuron 3"
    assert f"min {values.min():.3f}   max {values.max():.3f}".replace("-", "−") in texts(root)
    _, _, _, plane = _frame(root)
    image = decode(next(plane.iter(f"{NS}image")).get("href"))
    assert image[0, -1].tolist() == BLUE_RGB and image[0, 0][2] < image[0, 0][0]  # right blue, left orange
    given = parse(pictures.neuron_svg(values * 0 + 0.5, title="output", lo=0.0, hi=1.0))
    assert np.all(decode(next(_frame(given)[3].iter(f"{NS}image")).get("href")) == WHITE)
    with no_warnings():
        nan = parse(pictures.neuron_svg(np.full((5, 5), np.nan), title="diverged"))
    assert "NaN: grey" in texts(nan)


def test_all_pictures_of_a_2_16_16_2_network_with_500_points_are_quick(trained):
    """Times each picture (median of 20 calls) and prints them; not asserted (machines differ)."""
    pg = trained
    maps, weights, kw = _network_args(pg)
    probabilities = pg.probability_map(100)
    steps = list(range(1, len(pg.history.grad_norms) + 1))
    calls = {
        "boundary_svg": lambda: pictures.boundary_svg(
            probabilities, pg.x_train, pg.t_train, pg.x_test, pg.t_test
        ),
        "loss_svg": lambda: pictures.loss_svg(pg.loss_steps, pg.train_loss, pg.test_loss),
        "grad_norm_svg": lambda: pictures.grad_norm_svg(steps, pg.history.grad_norms),
        "network_svg": lambda: pictures.network_svg(maps, weights, **kw, selected=(1, 0)),
        "neuron_svg": lambda: pictures.neuron_svg(maps[1][0], title="layer 1, neuron 1"),
    }
    lines = []
    for name, call in calls.items():
        parse(call())
        times = []
        for _ in range(20):
            start = time.perf_counter()
            call()
            times.append(time.perf_counter() - start)
        lines.append(f"{name} {statistics.median(times) * 1000:.2f} ms")
    print("\n" + ", ".join(lines))
