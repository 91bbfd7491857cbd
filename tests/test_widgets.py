"""The sliders respond: building each widget, moving every slider to its ends and back to the middle
redraws the picture and rewrites the numbers, without an error or a warning (warnings are errors here)."""

from __future__ import annotations

import functools

import ipywidgets as W
import numpy as np
import pytest

from nbhelpers import forward, init_network, load_mnist, plots, pretrained_network, widgets
from nbhelpers.activations import sigmoid
from nbhelpers.mnist import shift_and_noise
from nbhelpers.outputs import softmax

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
BUILDERS = {
    "activation_explorer": widgets.activation_explorer,
    "neuron_explorer": widgets.neuron_explorer,
    "softmax_explorer": widgets.softmax_explorer,
    "network_explorer": widgets.network_explorer,
    "digit_explorer": lambda: widgets.digit_explorer(*digits_subset(500)),
    "perceptron_explorer": widgets.perceptron_explorer,
}
SLIDERS = (W.FloatSlider, W.FloatLogSlider, W.IntSlider)


@functools.cache
def _test_set():
    _, (x, t) = load_mnist()  # from NBHELPERS_DATA (see conftest.py)
    return x, t


def digits_subset(n: int):
    x, t = _test_set()
    return x[:n], t[:n]


def png(image) -> bytes:
    return bytes(image.value)  # ipywidgets 8 holds a memoryview, 7 holds bytes


def parts(widget):
    """The sliders, the image and the text of one of our widgets."""
    assert isinstance(widget, W.VBox)
    sliders = [c for c in widget.children if isinstance(c, SLIDERS)]
    (image,) = [c for c in widget.children if isinstance(c, W.Image)]
    (text,) = [c for c in widget.children if isinstance(c, W.HTML)]
    return sliders, image, text


@pytest.mark.parametrize("name", BUILDERS)
def test_widget_draws_at_start(name):
    sliders, image, text = parts(BUILDERS[name]())
    assert sliders, "a widget without a slider"
    assert image.format == "png" and png(image).startswith(PNG_MAGIC)
    assert len(png(image)) > 10_000, "the picture is (nearly) empty"
    assert text.value.strip()
    for s in sliders:
        assert s.description and s.continuous_update
        assert min(ends(s)) <= s.value <= max(ends(s))


def ends(slider):
    """The smallest and largest value of a slider (a log slider's min and max are powers of its base)."""
    if isinstance(slider, W.FloatLogSlider):
        return slider.base**slider.min, slider.base**slider.max
    return slider.min, slider.max


def middle(slider):
    if isinstance(slider, W.FloatLogSlider):
        exponent = round((slider.min + slider.max) / 2 / slider.step) * slider.step
        return slider.base**exponent
    return round((slider.min + slider.max) / 2 / slider.step) * slider.step


@pytest.mark.parametrize("name", BUILDERS)
def test_every_slider_extreme_and_middle_redraws(name):
    widget = BUILDERS[name]()
    sliders, image, text = parts(widget)
    for slider in sliders:
        for value in (*ends(slider), middle(slider)):
            before_png, before_text, moved = png(image), text.value, slider.value != value
            slider.value = value
            assert slider.value == pytest.approx(value)
            assert png(image).startswith(PNG_MAGIC)
            if moved:  # (a slider that starts at an end does not move when set to it)
                assert png(image) != before_png, f"{slider.description} = {value}: the picture did not change"
                assert text.value != before_text, (
                    f"{slider.description} = {value}: the numbers did not change"
                )


def test_activation_explorer_table_follows_the_slider():
    widget = widgets.activation_explorer(x=0.5)
    (slider,), _, text = parts(widget)
    slider.value = -1.5
    assert "at x = −1.5000" in text.value
    # sigmoid(-1.5) = 0.18242552..., sigmoid'(-1.5) = 0.14914645...
    assert ">0.1824<" in text.value and ">0.1491<" in text.value
    assert ">−0.9051<" in text.value  # tanh(-1.5) = -0.90514825...


def test_activation_explorer_markers_sit_on_the_curves():
    plot = plots.ActivationExplorerPlot()
    plot.set_x(1.25)
    for (name, derivative), marker in plot._markers.items():
        xs, ys = marker.get_data()
        assert xs[0] == 1.25
        assert ys[0] == pytest.approx(float(plots.evaluate(name, 1.25, derivative)))
    assert float(plot._markers["sigmoid", False].get_data()[1][0]) == pytest.approx(float(sigmoid(1.25)))


def test_neuron_explorer_text_and_curves():
    widget = widgets.neuron_explorer(w=4.0, b=2.0)
    (w_slider, b_slider), _, text = parts(widget)
    assert "x = −b/w = −0.5000" in text.value  # -2/4
    assert "w/4 = 1.0000" in text.value
    w_slider.value = 0.0
    assert "w = 0" in text.value and "0.8808" in text.value  # sigmoid(2) = 0.88079708
    w_slider.value = 50.0
    assert "2·ln 99 / |w| = 0.1838" in text.value  # 2 ln 99 / 50 = 0.18380...


def test_neuron_plot_curves():
    plot = plots.NeuronPlot()
    plot.set_params(3.0, -1.5)
    xs, ys = plot._sig.get_data()
    np.testing.assert_allclose(ys, sigmoid(3.0 * np.asarray(xs) - 1.5), rtol=1e-15)
    assert plot._boundary.get_xdata()[0] == pytest.approx(0.5)
    plot.set_params(0.0, 1.0)
    assert not plot._boundary.get_visible()


def _activation_plot():
    plot = plots.ActivationExplorerPlot()
    plot.set_x(-2.0)
    return plot


def _softmax_plot():
    plot = plots.SoftmaxPlot()
    plot.set_scores(-4.5, 1.0, 4.5, 0.5)
    return plot


def _network_plot():
    plot = plots.NetworkPlot()
    plot.set_state(-2.5, 1.5, "relu", "softmax")
    return plot


@pytest.mark.parametrize("make", [_activation_plot, _softmax_plot, _network_plot])
def test_live_png_is_the_full_figure(make):
    """The quick redraw (background + moving parts) shows what a full redraw shows."""
    from io import BytesIO

    import PIL.Image

    plot = make()
    quick = np.asarray(PIL.Image.open(BytesIO(plot.png())).convert("RGB"), dtype=int)
    for artist in plot._moving:
        artist.set_animated(False)
    full = np.asarray(PIL.Image.open(BytesIO(plots.figure_to_png(plot.figure))).convert("RGB"), dtype=int)
    assert quick.shape == full.shape
    assert np.mean(np.abs(quick - full) > 16) < 0.001  # the same picture, but for antialiasing


def test_softmax_explorer_table_follows_the_sliders():
    widget = widgets.softmax_explorer(a=(0.3, 2.9, 4.0), T=1.0)
    (a1, a2, a3, t), _, text = parts(widget)
    # softmax([0.3, 2.9, 4.0]) = [0.01821127, 0.24519181, 0.73659691] (the book's example)
    for value in (">0.0182<", ">0.2452<", ">0.7366<", ">1.0000<"):
        assert value in text.value
    assert "argmax = class 3" in text.value
    t.value = 10.0  # flat: softmax([0.03, 0.29, 0.40]) = [0.26704661, 0.34634078, 0.38661262]
    assert ">0.2670<" in text.value and ">0.3463<" in text.value and ">0.3866<" in text.value
    t.value = 0.01  # sharp: the largest score takes (nearly) everything
    assert ">1.0000<" in text.value and "sharper" in text.value
    assert "1.69e−48" in text.value  # exp(290 - 400) = exp(-110) = 1.6889e-48
    a2.value = 4.0  # a tie with a3
    assert "a2 and a3 tie" in text.value and text.value.count(">0.5000<") == 2
    a1.value = -5.0
    assert ">−5.0000<" in text.value and ">−500.0000<" in text.value  # a1 / T


def test_softmax_plot_bars_are_the_probabilities():
    plot = plots.SoftmaxPlot()
    plot.set_scores(1.0, -2.0, 0.5, 2.0)
    expected = softmax(np.array([1.0, -2.0, 0.5]) / 2.0)
    np.testing.assert_array_equal(plot.probabilities, expected)
    assert [bar.get_height() for bar in plot._prob_bars] == list(expected)
    assert [bar.get_height() for bar in plot._score_bars] == [1.0, -2.0, 0.5]
    assert plot._title.get_text() == "softmax(a / T) with T = 2.00"
    with pytest.raises(ValueError, match="positive"):
        plot.set_scores(1.0, 2.0, 3.0, 0.0)
    with pytest.raises(ValueError, match="3 scores"):
        plot.set_scores(1.0, 2.0, 0.5)


def test_softmax_figure():
    fig = plots.softmax_figure([0.3, -2.9, 4.0], temperatures=[0.5, 1.0, 4.0])
    assert len(fig.axes) == 4
    heights = [bar.get_height() for bar in fig.axes[2].patches]
    np.testing.assert_allclose(heights, softmax([0.3, -2.9, 4.0]), rtol=1e-15)
    assert plots.figure_to_png(fig).startswith(PNG_MAGIC)
    with pytest.raises(ValueError, match="positive"):
        plots.softmax_figure([1.0, 2.0], temperatures=[0.0])


def test_network_explorer_starts_with_the_books_example():
    widget = widgets.network_explorer()
    _, _, text = parts(widget)
    assert "[0.31682708 0.69627909]" in text.value  # forward(init_network(), [1.0, 0.5])
    assert "[0.3000  0.7000  1.1000]" in text.value  # A1


def test_network_explorer_every_choice_redraws_and_follows_forward():
    widget = widgets.network_explorer()
    (x1, x2), image, text = parts(widget)
    hidden, output = [c for c in widget.children if isinstance(c, W.Dropdown)]
    x1.value, x2.value = -2.0, 1.5
    net = init_network()
    for h_label, h in widgets.HIDDEN_CHOICES:
        for o_label, o in widgets.OUTPUT_CHOICES:
            if (hidden.value, output.value) == (h, o):
                continue
            before_png, before_text = png(image), text.value
            hidden.value, output.value = h, o
            assert png(image) != before_png, f"{h_label}/{o_label}: the picture did not change"
            assert text.value != before_text or h == "step", (
                f"{h_label}/{o_label}: the numbers did not change"
            )
            y = forward(net, [-2.0, 1.5], hidden=h, output=o)
            assert np.array2string(y, precision=8, floatmode="fixed").replace("-", "−") in text.value


def test_network_plot_nodes_show_the_forward_values():
    plot = plots.NetworkPlot()
    plot.set_state(1.0, 0.5, "sigmoid", "identity")
    y, values = forward(init_network(), [1.0, 0.5], return_intermediates=True)
    diagram = plot._diagram
    shown = [t.get_text() for t in diagram.values]
    expected = [*values["X"], *values["Z1"], *values["Z2"], *values["Y"]]
    assert shown == [f"{v:.3f}" for v in expected]
    assert [t.get_text() for t in diagram.sums][0] == "a = 0.300"
    for circle, v in zip(diagram.circles, expected):
        assert circle.get_facecolor() == pytest.approx(diagram.mappable.to_rgba(v))
    assert plot._marker.get_data() == ([1.0], [0.5])


def test_network_plot_plane_follows_the_activations():
    plot = plots.NetworkPlot()
    plot.set_state(0.0, 0.0, "relu", "softmax")
    data = np.asarray(plot._image.get_array())
    xs = np.linspace(-3.0, 3.0, data.shape[0])
    # row i is x2 = xs[i] (origin="lower"), column j is x1 = xs[j]
    y = forward(init_network(), [xs[10], xs[150]], hidden="relu", output="softmax")
    assert data[150, 10] == pytest.approx(y[0], rel=1e-12)
    assert "ReLU" in plot._plane_title.get_text() and "softmax" in plot._plane_title.get_text()
    # With step hidden layers this network's output is the same for every input (all weights > 0):
    plot.set_state(0.0, 0.0, "step", "identity")
    data = np.asarray(plot._image.get_array())
    assert np.ptp(data) == 0
    low, high = plot._image.get_clim()
    assert low < data[0, 0] < high


def test_network_figures():
    fig = plots.network_figure(init_network(), [1.0, 0.5], hidden="relu", output="softmax")
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "layer 1\nh = ReLU" in texts and "output (layer 3)\nσ = softmax" in texts
    assert plots.figure_to_png(fig).startswith(PNG_MAGIC)
    with pytest.raises(ValueError, match="x must be one input of shape \\(2,\\)"):
        plots.network_figure(init_network(), [[1.0, 0.5]])
    big = {"W1": np.ones((784, 50)), "b1": np.ones(50)}
    with pytest.raises(ValueError, match="too many to draw"):
        plots.network_figure(big, np.ones(784))
    fig = plots.network_plane_figure(init_network(), output_index=1, mark=(1.0, 0.5))
    assert plots.figure_to_png(fig).startswith(PNG_MAGIC)


def test_digit_explorer_follows_its_controls():
    x, t = digits_subset(500)
    net = pretrained_network()
    widget = widgets.digit_explorer(x, t, net, index=3)
    (index, right, down, noise), _, text = parts(widget)
    assert index.max == 499 and (right.min, right.max) == (-6, 6) and noise.max == 0.5
    y = forward(net, x[3], output="softmax")
    assert f"Test image #3: label <b>{t[3]}</b>. The network says <b>{np.argmax(y)}</b>" in text.value
    right.value, down.value, noise.value = 4, -2, 0.25
    assert "(moved 4 right and -2 down; noise σ = 0.25)" in text.value
    shown = widget.plot._image.get_array()
    np.testing.assert_array_equal(shown, shift_and_noise(x[3], 4, -2, 0.25, seed=3).reshape(28, 28))
    y = forward(net, shift_and_noise(x[3], 4, -2, 0.25, seed=3), output="softmax")
    assert f"The network says <b>{np.argmax(y)}</b>" in text.value


def test_digit_explorer_rejects_bad_data():
    with pytest.raises(ValueError, match=r"x must have shape \(N, 784\)"):
        widgets.digit_explorer(np.zeros((5, 28, 28)), np.zeros(5), pretrained_network())


# ---- Notebook 01: the perceptron ----


def _table(text: str):
    """The rows of the perceptron explorer's table: (x1, x2, a as printed, y)."""
    import re

    cells = re.findall(r"<td[^>]*>(?:<b>)?([^<]*)(?:</b>)?</td>", text)
    rows = [cells[k : k + 4] for k in range(0, len(cells), 4)]
    return [(int(x1), int(x2), a, int(y)) for x1, x2, a, y in rows]


def _perceptron_parts(widget):
    (menu,) = [c for c in widget.children if isinstance(c, W.Dropdown)]
    sliders, image, text = parts(widget)
    return menu, sliders, image, text


def test_perceptron_explorer_table_follows_the_sliders():
    from nbhelpers.perceptron import gate_name, truth_table

    widget = widgets.perceptron_explorer(w1=0.5, w2=0.5, b=-0.7)
    _, (w1, w2, b), _, text = _perceptron_parts(widget)
    assert [s.description for s in (w1, w2, b)] == ["weight w1", "weight w2", "bias b"]
    # the book's AND: a = -0.7, -0.2, -0.2, 0.3
    assert _table(text.value) == [
        (0, 0, "−0.70", 0),
        (1, 0, "−0.20", 0),
        (0, 1, "−0.20", 0),
        (1, 1, "0.30", 1),
    ]
    assert "make the <b>AND</b> gate" in text.value
    b.value = -0.1  # a = -0.1, 0.4, 0.4, 0.9: OR
    assert [row[3] for row in _table(text.value)] == [0, 1, 1, 1] and "<b>OR</b>" in text.value
    w1.value, w2.value, b.value = -0.6, -0.6, 0.5  # a = 0.5, -0.1, -0.1, -0.7: NOR
    assert _table(text.value) == [
        (0, 0, "0.50", 1),
        (1, 0, "−0.10", 0),
        (0, 1, "−0.10", 0),
        (1, 1, "−0.70", 0),
    ]
    assert "make the <b>NOR</b> gate" in text.value
    w1.value, w2.value, b.value = 1.0, 0.0, -0.5  # y = x1
    assert "computes <b>x1</b>, a copy of x1" in text.value
    assert "upright: x1 = −b / w1 = 0.50" in text.value
    w1.value = 0.0  # no line at all: always 0
    assert "there is no line" in text.value and "<b>always 0</b>" in text.value
    rng = np.random.default_rng(0)
    for _ in range(25):  # random settings on the sliders' 0.05 grid: the table is the perceptron's
        values = [round(float(v), 2) for v in rng.integers(-20, 21, size=3) * 0.05]
        w1.value, w2.value, b.value = values
        assert [row[3] for row in _table(text.value)] == truth_table(*values).tolist()
        assert f"<b>{gate_name(*values)}</b>" in text.value
        assert "XOR" not in gate_name(*values)


def test_perceptron_explorer_menu_loads_the_books_weights():
    from nbhelpers.perceptron import GATE_WEIGHTS

    widget = widgets.perceptron_explorer(w1=0.1, w2=-0.3, b=0.2)
    menu, sliders, image, text = _perceptron_parts(widget)
    assert list(menu.options) == ["your own weights", "AND", "NAND", "OR"]
    assert menu.value == "your own weights"
    for name in ["NAND", "OR", "AND"]:
        before = png(image)
        menu.value = name
        (w1, w2), b = GATE_WEIGHTS[name]
        assert [s.value for s in sliders] == [w1, w2, b]
        assert f"make the <b>{name}</b> gate" in text.value
        assert png(image) != before
        assert menu.value == name
    sliders[2].value = -0.75  # moved by hand: no longer the book's AND (though still AND)
    assert menu.value == "your own weights" and "<b>AND</b>" in text.value
    for slider, value in zip(sliders, (0.5, 0.5, -0.2)):  # typed in by hand: the book's OR
        slider.value = value
    assert menu.value == "OR"
    assert widgets.perceptron_explorer(w1=-0.5, w2=-0.5, b=0.7).children[0].value == "NAND"


def test_perceptron_explorer_flags_a_sum_that_is_zero_only_on_paper():
    widget = widgets.perceptron_explorer(w1=0.1, w2=0.2, b=-0.3)
    _, _, _, text = _perceptron_parts(widget)
    # 0.1 + 0.2 - 0.3 = 5.55e-17 in floating point, so the perceptron (like the book's code) fires
    assert _table(text.value)[3] == (1, 1, "0.00 *", 1)
    assert "On paper this sum is exactly 0" in text.value
    widget = widgets.perceptron_explorer(w1=0.5, w2=0.5, b=-1.0)  # exactly 0.0: no flag, output 0
    _, _, _, text = _perceptron_parts(widget)
    assert _table(text.value)[3] == (1, 1, "0.00", 0) and "*" not in text.value


def test_gate_plot_follows_its_parameters():
    from nbhelpers.perceptron import INPUTS

    plot = plots.GatePlot()
    plot.set_params(-0.5, -0.5, 0.7)  # NAND
    assert plot.outputs.tolist() == [1, 1, 1, 0]
    ones = plot._points[1].get_xydata().tolist()
    assert ones == INPUTS[:3].tolist() and plot._points[0].get_xydata().tolist() == [[1, 1]]
    (x1s, x2s) = plot._line.get_data()
    assert np.allclose(np.add(x1s, x2s), 1.4)  # the line x1 + x2 = 1.4
    assert plot._title.get_text() == "w1 = −0.50, w2 = −0.50, b = 0.70\ncomputes: NAND"
    plot.set_params(0.0, 0.0, -0.3)
    assert not plot._line.get_visible() and not plot._shades[1].get_visible()
    assert plot.outputs.tolist() == [0, 0, 0, 0]


def test_gate_plot_quick_png_is_the_full_figure():
    from io import BytesIO

    import PIL.Image

    plot = plots.GatePlot()
    plot.set_params(0.8, -0.35, -0.2)
    quick = np.asarray(PIL.Image.open(BytesIO(plot.png())).convert("RGB"), dtype=int)
    for artist in plot._moving:
        artist.set_animated(False)
    full = np.asarray(PIL.Image.open(BytesIO(plots.figure_to_png(plot.figure))).convert("RGB"), dtype=int)
    assert quick.shape == full.shape
    assert np.mean(np.abs(quick - full) > 16) < 0.001  # the same picture, but for antialiasing
