"""The sliders respond: building each widget, moving every slider to its ends and back to the middle
redraws the picture and rewrites the numbers, without an error or a warning (warnings are errors here)."""

from __future__ import annotations

import functools

import ipywidgets as W
import numpy as np
import pytest

from nbhelpers import forward, init_network, load_mnist, pretrained_network, widgets
from nbhelpers.mnist import shift_and_noise
from nbhelpers.outputs import softmax

# Not taken from helpers.py: this file also runs on Colab's package versions, which have no hypothesis.
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


def test_neuron_explorer_text_and_curves():
    widget = widgets.neuron_explorer(w=4.0, b=2.0)
    (w_slider, b_slider), _, text = parts(widget)
    assert "x = −b/w = −0.5000" in text.value  # -2/4
    assert "w/4 = 1.0000" in text.value
    w_slider.value = 0.0
    assert "w = 0" in text.value and "0.8808" in text.value  # sigmoid(2) = 0.88079708
    w_slider.value = 50.0
    assert "2·ln 99 / |w| = 0.1838" in text.value  # 2 ln 99 / 50 = 0.18380...


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


def test_digit_explorer_follows_its_controls():
    x, t = digits_subset(500)
    net = pretrained_network()
    widget = widgets.digit_explorer(x, t, net, index=3)
    (index, right, down, noise), _, text = parts(widget)
    assert index.max == 499 and (right.min, right.max) == (-6, 6) and noise.max == 0.5
    y = forward(net, x[3], output="softmax")
    assert f"Test image #3: label <b>{t[3]}</b>. The network says <b>{np.argmax(y)}</b>" in text.value
    right.value, down.value, noise.value = 4, -2, 0.25
    assert "(moved 4 right and −2 down; noise σ = 0.25)" in text.value
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


def test_picture_and_table_show_the_same_computed_values():
    """Each widget computes once with the core and hands that one result to the picture and the table."""
    import re

    widget = widgets.softmax_explorer(a=(1.0, -2.0, 0.5), T=2.0)
    (a1, *_), _, text = parts(widget)
    a1.value = 3.3
    p = softmax(np.array([3.3, -2.0, 0.5]) / 2.0)
    bars = [bar.get_height() for bar in widget.plot._prob_bars]
    np.testing.assert_array_equal(bars, p)
    assert [f"{v:.4f}" for v in bars] == re.findall(r">(0\.\d{4})</td></tr>", text.value)[:3]

    widget = widgets.network_explorer(x1=-1.0, x2=2.0, hidden="relu")
    _, _, text = parts(widget)
    shown = [t.get_text() for t in widget.plot._diagram.values]
    _, v = forward(init_network(), [-1.0, 2.0], hidden="relu", return_intermediates=True)
    assert shown[-2:] == [f"{y:.3f}" for y in v["Y"]]
    assert np.array2string(v["Y"], precision=8, floatmode="fixed") in text.value

    widget = widgets.perceptron_explorer(w1=0.5, w2=-0.5, b=0.2)  # x1 OR NOT x2: 1, 1, 0, 1
    _, _, _, text = _perceptron_parts(widget)
    ones = widget.plot._points[1].get_xydata().tolist()
    table = _table(text.value)
    assert ones == [[x1, x2] for x1, x2, _, y in table if y == 1] == [[0, 0], [1, 0], [1, 1]]


def test_network_explorer_checks_its_menus_and_keeps_one_colour_rule():
    with pytest.raises(ValueError, match=r"hidden layers h must be one of \['sigmoid', 'relu', 'step'\]"):
        widgets.network_explorer(hidden="tanh")
    widget = widgets.network_explorer(hidden="step")  # the same y_1 everywhere: one colour, mid-scale
    first = widget.plot._image.get_clim()
    hidden = [c for c in widget.children if isinstance(c, W.Dropdown)][0]
    hidden.value = "relu"
    hidden.value = "step"
    assert widget.plot._image.get_clim() == first
