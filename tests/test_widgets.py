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


# ---- Notebook 06: the loss functions ----


def _loss_parts(widget):
    (menu,) = [c for c in widget.children if isinstance(c, W.Dropdown)]
    (p, t), image, text = parts(widget)
    return p, t, menu, image, text


def _loss_values(text: str):
    """y_t, MSE and CEE as the loss explorer's table writes them."""
    import re

    return re.findall(r"<td style='[^']*'>([^<]*)</td>", text)


def test_loss_explorer_starts_at_the_books_example():
    widget = widgets.loss_explorer()
    p, t, menu, image, text = _loss_parts(widget)
    assert (p.value, t.value, menu.value) == (0.6, 2, "book")
    assert (p.min, p.max, t.min, t.max) == (0.0, 1.0, 0, 9)
    # the book's y = [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]: MSE 0.0975, CEE 0.510825...
    np.testing.assert_allclose(
        [bar.get_height() for bar in widget.plot._bars],
        [0.1, 0.05, 0.6, 0, 0.05, 0.1, 0, 0.1, 0, 0],
        atol=1e-15,
    )
    assert _loss_values(text.value) == ["0.60", "0.0975", "0.5108"]
    assert "y_2" in text.value and "only at the right class" in text.value
    assert png(image).startswith(PNG_MAGIC) and len(png(image)) > 10_000


def test_loss_explorer_every_control_moves_the_picture_and_the_numbers():
    widget = widgets.loss_explorer()
    p, t, menu, image, text = _loss_parts(widget)
    for slider in (p, t):
        for value in (*ends(slider), middle(slider)):
            before_png, before_text = png(image), text.value
            slider.value = value
            assert slider.value == pytest.approx(value)
            assert png(image) != before_png, f"{slider.description} = {value}: the picture did not change"
            assert text.value != before_text, f"{slider.description} = {value}: the numbers did not change"
    p.value = 0.3
    for label, value in widgets.REST_CHOICES[1:] + widgets.REST_CHOICES[:1]:
        before_png, (y_t, mse, cee) = png(image), _loss_values(text.value)
        menu.value = value
        assert png(image) != before_png, f"{label}: the picture did not change"
        now = _loss_values(text.value)
        assert now[0] == y_t and now[2] == cee, "the cross-entropy looks at the right class only"
        assert now[1] != mse, f"{label}: MSE did not change"


def test_loss_explorer_extremes_draw_and_cap_the_cross_entropy():
    widget = widgets.loss_explorer()
    p, t, menu, image, text = _loss_parts(widget)
    for rest, mse in (("book", "0.6094"), ("even", "0.5556"), ("one", "1.0000")):
        menu.value = rest
        p.value = 0.0  # −log(0 + 1e−7) = 16.1180957, not inf
        assert _loss_values(text.value) == ["0.00", mse, "16.1181"], rest
        assert "caps the cross-entropy at −log(1e−7) = 16.12" in text.value
        assert png(image).startswith(PNG_MAGIC)
        p.value = 1.0  # a sure right answer: both 0 (CEE is −1e−7, written without a minus sign)
        assert _loss_values(text.value) == ["1.00", "0.0000", "0.0000"], rest
        p.value = 0.0
    menu.value, p.value = "one", 0.1  # all the rest on class 7: the book's wrong answer, now 0.9 sure
    assert [round(bar.get_height(), 12) for bar in widget.plot._bars][7] == 0.9
    assert "a wrong class, 7, gets the largest probability" in text.value
    t.value = 9  # the wrong class is then (9 + 5) % 10 = 4
    assert round(widget.plot._bars[4].get_height(), 12) == 0.9 and "y_9" in text.value


def test_loss_explorer_table_and_picture_are_the_cores_losses():
    from nbhelpers.losses import cross_entropy_error, mean_squared_error

    widget = widgets.loss_explorer()
    p, t, menu, _, text = _loss_parts(widget)
    rng = np.random.default_rng(0)
    for _ in range(12):
        p.value = round(float(rng.integers(0, 101)) / 100, 2)
        t.value = int(rng.integers(0, 10))
        menu.value = widgets.REST_CHOICES[int(rng.integers(0, 3))][1]
        y = np.array([bar.get_height() for bar in widget.plot._bars])
        assert y.sum() == pytest.approx(1.0) and y[t.value] == p.value and y.min() >= 0
        mse, cee = mean_squared_error(y, np.eye(10)[t.value]), cross_entropy_error(y, t.value)
        assert [bar.get_height() for bar in widget.plot._loss_bars] == pytest.approx([mse, min(cee, 5.4)])
        assert _loss_values(text.value)[1:] == [f"{mse:.4f}", f"{cee:.4f}".replace("-", "")]


# ---- Notebook 06: gradient descent ----


def _descent_parts(widget):
    (menu,) = [c for c in widget.children if isinstance(c, W.Dropdown)]
    (lr, steps, x0, x1), image, text = parts(widget)
    return menu, lr, steps, x0, x1, image, text


def _round_bowl(x):
    return x[0] ** 2 + x[1] ** 2


def test_descent_explorer_starts_with_the_books_example():
    from nbhelpers import gradient_descent

    widget = widgets.descent_explorer()
    menu, lr, steps, x0, x1, image, text = _descent_parts(widget)
    values = (menu.value, lr.value, steps.value, x0.value, x1.value)
    assert values == ("round bowl x0² + x1²", 0.1, 20, -3.0, 4.0)
    assert isinstance(lr, W.FloatLogSlider) and ends(lr) == pytest.approx((1e-10, 10.0))
    assert (steps.min, steps.max) == (1, 100)
    # the book's gradient_method.py: lr = 0.1, 20 steps from (-3, 4); each step multiplies x by 0.8
    _, history = gradient_descent(_round_bowl, np.array([-3.0, 4.0]), lr=0.1, step_num=20)
    np.testing.assert_array_equal(widget.plot._dots.get_xydata(), history)
    np.testing.assert_array_equal(widget.plot._end.get_xydata(), history[-1:])
    assert "−0.0345876" in text.value and "0.0461169" in text.value  # 0.8**20 * (-3, 4)
    assert ">0.8<" in text.value and ">0.0115292<" in text.value  # 0.8**20 = 0.011529215...
    assert "0 &lt; η &lt; 1 here" in text.value
    assert "a steady shrink towards 0" in text.value
    assert png(image).startswith(PNG_MAGIC) and len(png(image)) > 10_000


def test_descent_explorer_every_control_moves_the_picture_and_the_numbers():
    widget = widgets.descent_explorer()
    menu, lr, steps, x0, x1, image, text = _descent_parts(widget)
    for slider in (lr, steps, x0, x1):
        for value in (*ends(slider), middle(slider)):
            before_png, before_text, moved = png(image), text.value, slider.value != value
            slider.value = value
            assert slider.value == pytest.approx(value)
            assert png(image).startswith(PNG_MAGIC)
            if moved:
                assert png(image) != before_png, f"{slider.description} = {value}: the picture did not change"
                assert text.value != before_text, f"{slider.description} = {value}: the numbers stayed"
    for value in [*list(widgets.BOWLS)[1:], list(widgets.BOWLS)[0]]:
        before_png, before_text = png(image), text.value
        menu.value = value
        assert png(image) != before_png and text.value != before_text, value


def test_descent_explorer_extremes_draw_and_explain():
    widget = widgets.descent_explorer()
    menu, lr, steps, x0, x1, image, text = _descent_parts(widget)
    steps.value, lr.value = 100, 10.0  # the book's lr = 10: x × −19 per step, until the gradient breaks
    assert "−2.58984e13" in text.value and "−1.29525e12" in text.value  # the book: [-2.58983747e+13 ...]
    assert ">−19<" in text.value and "it diverges" in text.value
    assert "numerical gradient is 0 or rounding noise" in text.value
    assert png(image).startswith(PNG_MAGIC)
    lr.value = 1e-10  # the book's lr = 1e-10: hardly a move
    assert ">0.9999999998<" in text.value and "barely any change" in text.value
    assert "−3<" in text.value.split("after 100 steps")[1][:200]  # still at (−3, 4), to 6 digits
    lr.value = 1.0  # factor −1: back and forth for ever
    assert "bouncing between +x and −x" in text.value
    lr.value = 10**-0.3  # 0.501: factor −0.002, a zigzag that shrinks
    assert "a zigzag across the bottom" in text.value
    menu.value = "long bowl x0²/20 + x1²"
    lr.value = 10**-0.1  # 0.794: x0 × 0.92, x1 × −0.59
    assert "x1, the steep direction, sets the limit; x0 alone would allow η &lt; 20" in text.value
    factors = f">{1 - 0.1 * 10**-0.1:.12g}<", f">−{2 * 10**-0.1 - 1:.12g}<"  # 0.920567176528, −0.588656469449
    assert all(factor in text.value for factor in factors)
    x0.value, x1.value, steps.value = 0.0, 0.0, 1  # start at the bottom: the losses are all 0
    assert text.value.count(">0<") >= 4 and png(image).startswith(PNG_MAGIC)


def test_descent_explorer_picture_and_table_show_one_computed_run():
    from nbhelpers import gradient_descent

    widget = widgets.descent_explorer(function="long bowl x0²/20 + x1²", lr=0.5, steps=30, x0=4.0, x1=-2.5)
    *_, text = _descent_parts(widget)
    _, history = gradient_descent(lambda x: 0.05 * x[0] ** 2 + x[1] ** 2, np.array([4.0, -2.5]), 0.5, 30)
    np.testing.assert_array_equal(widget.plot._dots.get_xydata(), history)
    losses = 0.05 * history[:, 0] ** 2 + history[:, 1] ** 2
    np.testing.assert_array_equal(widget.plot._losses.get_ydata(), losses)
    assert f"{history[-1, 0]:.6g}" in text.value and f"{losses[-1]:.6g}" in text.value


# ---- Notebook 06: why not the accuracy? ----


@functools.cache
def _mnist_shaped(seed: int = 0):
    """A random 784-50-100-10 network and 300 random 'images' with labels: MNIST's shapes, no download."""
    from nbhelpers import init_weights

    rng = np.random.default_rng(seed)
    network = init_weights([784, 50, 100, 10], rng=rng)
    x = rng.random((300, 784))
    t = rng.integers(0, 10, 300)
    return network, x, t


def _weight_parts(widget):
    (slider,), image, text = parts(widget)
    return slider, image, text


def _direct(network, x, t, key, index, value):
    """The loss and accuracy with ``network[key][index] = value``, computed here without the widget."""
    from nbhelpers import cross_entropy_error

    moved = {name: array.copy() for name, array in network.items()}
    moved[key][index] = value
    y = forward(moved, x, output="softmax")
    return cross_entropy_error(y, t), np.mean(np.argmax(y, axis=1) == t)


def test_weight_explorer_starts_at_the_weight_and_draws_its_curves():
    network, x, t = _mnist_shaped()
    w0 = float(network["W3"][5, 3])
    widget = widgets.weight_explorer(network, x, t, n=41)
    slider, image, text = _weight_parts(widget)
    assert slider.description == "W3[5, 3]" and slider.value == w0
    assert (slider.min, slider.max, slider.step) == pytest.approx((w0 - 5, w0 + 5, 0.25))
    ax_loss, ax_acc = widget.plot.figure.axes
    np.testing.assert_allclose(ax_loss.lines[0].get_xdata(), w0 + np.linspace(-5, 5, 41))
    for k in (0, 20, 40):  # the curves: the core's loss and accuracy at each value
        loss, acc = _direct(network, x, t, "W3", (5, 3), ax_loss.lines[0].get_xdata()[k])
        assert ax_loss.lines[0].get_ydata()[k] == pytest.approx(loss, rel=1e-12)
        assert ax_acc.lines[0].get_ydata()[k] == acc
    assert np.unique(ax_acc.lines[0].get_ydata()).size > 1, "the accuracy should step in this range"
    assert ax_acc.get_xlabel() == "value of W3[5, 3]"
    assert tuple(widget.plot._dots[0].get_xydata()[0]) == pytest.approx(
        (w0, _direct(network, x, t, "W3", (5, 3), w0)[0])
    )
    assert "What to notice" in text.value and "downhill" in text.value
    assert png(image).startswith(PNG_MAGIC) and len(png(image)) > 10_000


def test_weight_explorer_slider_moves_the_picture_and_the_numbers_and_extremes_draw():
    network, x, t = _mnist_shaped()
    widget = widgets.weight_explorer(network, x, t, n=41)
    slider, image, text = _weight_parts(widget)
    for value in (*ends(slider), slider.min + 0.35 * (slider.max - slider.min)):
        before_png, before_text = png(image), text.value
        slider.value = value
        assert png(image).startswith(PNG_MAGIC)
        assert png(image) != before_png, f"{value}: the picture did not change"
        assert text.value != before_text, f"{value}: the numbers did not change"
        assert list(widget.plot._lines[0].get_xdata()) == [slider.value] * 2


def test_weight_explorer_leaves_the_callers_network_unchanged():
    network, x, t = _mnist_shaped()
    saved = {name: array.copy() for name, array in network.items()}
    widget = widgets.weight_explorer(network, x, t, key="b3", index=7, span=2.0, n=11)
    slider, _, text = _weight_parts(widget)
    assert slider.description == "b3[7]"
    slider.value = slider.max
    for name, array in network.items():
        np.testing.assert_array_equal(array, saved[name], err_msg=name)


def test_weight_explorer_live_values_equal_a_direct_computation():
    network, x, t = _mnist_shaped()
    widget = widgets.weight_explorer(network, x, t, n=21)
    slider, _, text = _weight_parts(widget)
    h = 1e-3
    for value in (slider.min, float(network["W3"][5, 3]) + 1.234, slider.max):
        slider.value = value
        loss, acc = _direct(network, x, t, "W3", (5, 3), value)
        up, down = (
            _direct(network, x, t, "W3", (5, 3), value + h),
            _direct(network, x, t, "W3", (5, 3), value - h),
        )
        loss_slope = (up[0] - down[0]) / (2 * h)
        acc_slope = (up[1] - down[1]) / (2 * h)
        cells = _loss_values(text.value)
        assert cells[1:3] == [f"{loss:.5f}", f"{100 * acc:.2f}%"]
        assert float(cells[3].replace("−", "-")) == pytest.approx(loss_slope, abs=2e-5)
        assert cells[4] == ("0" if acc_slope == 0 else f"{acc_slope:.5f}".replace("-", "−"))
        assert tuple(widget.plot._dots[0].get_xydata()[0]) == pytest.approx((value, loss), rel=1e-9)
        assert tuple(widget.plot._dots[1].get_xydata()[0]) == (pytest.approx(value), acc)
        (x0, x1), (y0, y1) = widget.plot._tangents[0].get_data()
        assert (y1 - y0) / (x1 - x0) == pytest.approx(loss_slope, rel=1e-6, abs=1e-9)


def test_weight_explorer_says_when_the_accuracy_jumps():
    network, x, t = _mnist_shaped()
    widget = widgets.weight_explorer(network, x, t, n=401)
    slider, _, text = _weight_parts(widget)
    values, accs = widget.plot.figure.axes[1].lines[0].get_data()
    k = int(np.flatnonzero(np.diff(accs))[0])  # the accuracy changes between values[k] and values[k + 1]
    lo, hi = values[k], values[k + 1]
    for _ in range(40):  # bisect to the jump: there the central difference sees it
        mid = (lo + hi) / 2
        if _direct(network, x, t, "W3", (5, 3), mid)[1] == accs[k]:
            lo = mid
        else:
            hi = mid
    slider.value = (lo + hi) / 2
    assert _loss_values(text.value)[4] != "0"
    assert "changes its answer: the accuracy jumps" in text.value or "change their answer" in text.value
    slider.value = values[k] - 0.1  # away from the jump: flat
    assert _loss_values(text.value)[4] == "0" and "the accuracy's slope is 0 here" in text.value


def test_weight_explorer_rejects_bad_arguments():
    network, x, t = _mnist_shaped()
    with pytest.raises(ValueError, match=r"key must name one of the network's arrays .*got 'W4'"):
        widgets.weight_explorer(network, x, t, key="W4")
    with pytest.raises(ValueError, match=r"index \(5, 10\) is out of range for W3, of shape \(100, 10\)"):
        widgets.weight_explorer(network, x, t, index=(5, 10))
    with pytest.raises(ValueError, match=r"index \(5,\) is out of range for W3"):
        widgets.weight_explorer(network, x, t, index=5)
    with pytest.raises(ValueError, match="span must be a finite number > 0, got 0.0"):
        widgets.weight_explorer(network, x, t, span=0)
    with pytest.raises(ValueError, match="n must be a whole number >= 2"):
        widgets.weight_explorer(network, x, t, n=1)
    with pytest.raises(ValueError, match=r"t its N labels, got shapes \(300, 784\) and \(299,\)"):
        widgets.weight_explorer(network, x, t[:-1])
    with pytest.raises(TypeError, match="network must be a dict"):
        widgets.weight_explorer([network["W1"]], x, t)


# ---- Notebook 07: training a network ----


def _training_parts(widget):
    rows = [c for row in widget.children if isinstance(row, W.HBox) for c in row.children]
    menus, buttons = ([c for c in rows if isinstance(c, kind)] for kind in (W.Dropdown, W.Button))
    sliders, image, text = parts(widget)
    data, steps = menus
    return data, steps, sliders, buttons, image, text


def _core_run(dataset="blobs", hidden=5, lr=1.0, batch=50, noise=0.1, seed=0, clicks=(10,)):
    """The widget's run, made here with the core: the same data, split, first weights and batches."""
    from nbhelpers import TwoLayerNet, train
    from nbhelpers.datasets import DATASETS, train_test_split

    x, t = DATASETS[dataset](n=200, noise=noise, seed=seed)
    (x_train, t_train), (x_test, t_test) = train_test_split(x, t, 0.2, seed=seed)
    net = TwoLayerNet(2, hidden, 2, weight_init_std=1.0, rng=seed)
    batches, history = np.random.default_rng(seed), None
    for steps in clicks:
        history = train(
            net,
            x_train,
            t_train,
            x_test,
            t_test,
            lr=lr,
            batch_size=batch,
            steps=steps,
            seed=batches,
            every=10,
            progress=False,
            history=history,
        )
    return net, (x_train, t_train, x_test, t_test), history


def test_training_explorer_starts_untrained_with_its_controls():
    widget = widgets.training_explorer()
    data, steps, (hidden, lr, batch, noise, seed), (train, reset), image, text = _training_parts(widget)
    assert (data.value, steps.value, hidden.value, lr.value, batch.value, noise.value, seed.value) == (
        "blobs",
        100,
        5,
        1.0,
        50,
        0.1,
        0,
    )
    assert list(data.options) == ["blobs", "circles", "xor", "spirals"] and list(steps.options) == [
        10,
        100,
        1000,
    ]
    assert (hidden.min, hidden.max) == (1, 30) and isinstance(lr, W.FloatLogSlider)
    assert ends(lr) == pytest.approx((1e-3, 1e2))
    assert train.description == "train 100 steps" and reset.description == "reset"
    assert png(image).startswith(PNG_MAGIC) and len(png(image)) > 10_000
    assert ">0<" in text.value and "network 2–5–2, sigmoid (27 parameters, numerical gradients)" in text.value
    steps.value = 10
    assert train.description == "train 10 steps"


def test_training_explorer_with_backpropagation_trains_relu_networks_by_the_thousand():
    widget = widgets.training_explorer(
        dataset="xor", hidden_size=8, lr=0.3, gradient="gradient", activation="relu"
    )
    data, steps, (hidden, lr, batch, noise, seed), (train, reset), image, text = _training_parts(widget)
    assert list(steps.options) == [100, 1000, 10000] and steps.value == 1000
    assert "2–8–2, relu (42 parameters, backpropagation)" in text.value
    before = png(image)
    train.click()
    assert ">1000<" in text.value and png(image) != before
    accuracy = float(
        text.value.split("train accuracy</td><td style='text-align:right; padding:0 0 0 1.5em'>")[1][:4]
    )
    assert accuracy > 90
    with pytest.raises(ValueError, match="gradient must be one of"):
        widgets.training_explorer(gradient="backprop")
    with pytest.raises(ValueError, match="steps_per_click must be one of"):
        widgets.training_explorer(gradient="gradient", steps_per_click=10)


def test_training_explorer_click_trains_and_redraws_while_it_trains():
    widget = widgets.training_explorer(steps_per_click=10, redraw_every=2)
    *_, (train, reset), image, text = _training_parts(widget)
    frames, texts = [], []
    image.observe(lambda change: frames.append(bytes(change["new"])), names="value")
    text.observe(lambda change: texts.append(change["new"]), names="value")
    train.click()
    # a picture every 2 steps (steps 2, 4, ..., 10) and one at the end: the browser sees them as they come
    assert len(frames) >= 5 and len(set(frames)) >= 5
    assert any("training: 4 of 10 steps" in t for t in texts)
    assert ">10<" in text.value and "training…" not in text.value
    assert not train.disabled and not reset.disabled  # usable again
    net, (x_train, t_train, x_test, t_test), history = _core_run(clicks=(10,))
    assert widget.plot._panels.losses.get_ydata().tolist() == history.step_loss
    assert f"{100 * net.accuracy(x_train, t_train):.1f}%" in text.value
    assert f"{100 * net.accuracy(x_test, t_test):.1f}%" in text.value
    assert f">{net.loss(x_train, t_train):.4f}<" in text.value
    train.click()  # goes on from step 10
    assert ">20<" in text.value
    _, _, history = _core_run(clicks=(10, 10))
    assert widget.plot._panels.losses.get_ydata().tolist() == history.step_loss
    first = png(image)
    reset.click()  # back to the start: the same first picture as a new widget's
    assert ">0<" in text.value and png(image) == png(widgets.training_explorer().children[-2])
    assert png(image) != first


def test_training_explorer_every_control_moves_the_picture_or_the_next_run():
    widget = widgets.training_explorer(steps_per_click=10)
    data, steps, (hidden, lr, batch, noise, seed), (train, reset), image, text = _training_parts(widget)
    for control, value in (
        (data, "spirals"),
        (hidden, 30),
        (hidden, 1),
        (noise, 0.5),
        (noise, 0.0),
        (seed, 99),
    ):
        before_png, before_text = png(image), text.value
        control.value = value
        assert png(image) != before_png and text.value != before_text, (control.description, value)
    train.click()
    for control, value in ((lr, 100.0), (batch, 1)):  # apply from the next click: the text says so
        before = text.value
        control.value = value
        assert text.value != before, control.description
    assert "the next click: η = 100, batch size 1" in text.value
    before_png = png(image)
    train.click()  # η = 100, batches of one point: wild steps, no warning, still usable
    assert png(image) != before_png and ">20<" in text.value
    _, _, history = _core_run("spirals", 1, 1.0, 50, 0.0, 99, clicks=(10,))
    assert widget.plot._panels.losses.get_ydata().tolist()[:10] == history.step_loss
    lr.value, batch.value = 1e-3, 200
    train.click()
    assert ">30<" in text.value and not train.disabled


def test_training_explorer_rejects_bad_arguments():
    with pytest.raises(ValueError, match="dataset must be one of"):
        widgets.training_explorer(dataset="moons")
    with pytest.raises(ValueError, match="steps_per_click must be one of"):
        widgets.training_explorer(steps_per_click=50)
    with pytest.raises(ValueError, match="redraw_every must be a whole number"):
        widgets.training_explorer(redraw_every=0)


# ---- Notebook 08: the shopping graph (computational graphs) ----


def _drawn(widget, gid):
    """The numbers the picture shows beside its arrows: "forward" values or "backward" derivatives."""
    (ax,) = widget.plot.figure.axes
    return [t.get_text() for t in ax.texts if t.get_gid() == gid]


def _seven(value) -> str:
    return f"{float(value) + 0.0:.7g}".replace("-", "−")


_NUM = "text-align:right; padding:0 0 0 1.5em"  # a number's cell in the widgets' tables


def _same_picture_as_a_full_draw(widget) -> bool:
    """The widget's picture (a quick redraw of the changed numbers) is what a full draw makes."""
    from io import BytesIO

    import PIL.Image

    from nbhelpers.plots import figure_to_png

    def pixels(data):
        return np.asarray(PIL.Image.open(BytesIO(data)).convert("RGB"), dtype=int)

    _, image, _ = parts(widget)
    quick = pixels(png(image))
    plot = widget.plot
    for artist in plot._moving:
        artist.set_animated(False)
    full = pixels(figure_to_png(plot.figure))
    for artist in plot._moving:
        artist.set_animated(True)
    return quick.shape == full.shape and np.mean(np.abs(quick - full) > 16) < 0.001


def test_shopping_explorer_starts_at_the_books_example():
    widget = widgets.shopping_explorer()
    sliders, image, text = parts(widget)
    assert [s.value for s in sliders] == [100.0, 2, 150.0, 3, 1.1]
    assert [(s.min, s.max) for s in sliders] == [(0, 1000), (0, 10), (0, 1000), (0, 10), (1.0, 2.0)]
    assert [type(s) for s in sliders] == [
        W.FloatSlider,
        W.IntSlider,
        W.FloatSlider,
        W.IntSlider,
        W.FloatSlider,
    ]
    # figure 5-17's numbers, where the floats are 715.0000000000001, 110.00000000000001, 3.3000000000000003
    assert _drawn(widget, "forward") == ["100", "2", "150", "3", "200", "450", "650", "1.1", "715"]
    assert _drawn(widget, "backward") == ["2.2", "110", "3.3", "165", "1.1", "1.1", "1.1", "650", "1"]
    for row in (">715<", ">2.2<", ">110<", ">3.3<", ">165<", ">650<"):
        assert row in text.value
    assert "1 more apple: the price goes up by 110 (= apple × tax)" in text.value
    assert "each orange costs 1 more: the price goes up by 3.3" in text.value
    assert "tax 0.01 higher (1 percentage point): the price goes up by 6.5" in text.value
    assert png(image).startswith(PNG_MAGIC) and len(png(image)) > 10_000


def test_shopping_explorer_every_control_moves_the_picture_and_the_numbers():
    from nbhelpers import buy_apple_orange

    widget = widgets.shopping_explorer()
    sliders, image, text = parts(widget)
    for slider in sliders:
        for value in (*ends(slider), middle(slider)):
            before_png, before_text, moved = png(image), text.value, slider.value != value
            with np.errstate(all="raise"):
                slider.value = value
            if moved:
                assert png(image) != before_png, f"{slider.description} = {value}: the picture did not change"
                assert text.value != before_text, f"{slider.description} = {value}: the numbers stayed"
            g = buy_apple_orange(*(s.value for s in sliders))
            assert _drawn(widget, "forward") == [_seven(e.value) for e in g.edges]
            assert _drawn(widget, "backward") == [_seven(e.grad) for e in g.edges]
            for name in g.values:
                assert f"<td>{name}</td><td style='{_NUM}'>{_seven(g.values[name])}</td>" in text.value
    assert _same_picture_as_a_full_draw(widget)


def test_shopping_explorer_extremes_draw_and_say_the_numbers():
    widget = widgets.shopping_explorer(apple=999.0, apple_num=7, orange=997.0, orange_num=9, tax=1.37)
    sliders, image, text = parts(widget)
    assert _drawn(widget, "forward")[-1] == "21873.42"  # (999·7 + 997·9)·1.37, to the cent
    assert ">1368.63<" in text.value and ">15966<" in text.value  # dapple_num = 999·1.37, dtax
    for values in ((1000.0, 10, 1000.0, 10, 2.0), (0.0, 0, 0.0, 0, 1.0), (1000.0, 0, 0.0, 10, 1.0)):
        with np.errstate(all="raise"):
            for slider, value in zip(sliders, values):
                slider.value = value
        assert png(image).startswith(PNG_MAGIC)
        assert _same_picture_as_a_full_draw(widget)
    assert _drawn(widget, "forward")[-1] == "0"  # 1000 · 0 + 0 · 10
    assert ">1000<" in text.value and "1 more apple: the price goes up by 1000" in text.value


def test_shopping_explorer_computes_once_per_change(monkeypatch):
    from nbhelpers.widgets import graph as module

    calls = []
    real = module.buy_apple_orange
    monkeypatch.setattr(module, "buy_apple_orange", lambda *a: calls.append(a) or real(*a))
    widget = widgets.shopping_explorer()
    sliders, _, _ = parts(widget)
    calls.clear()
    sliders[1].value = 5
    assert calls == [(100.0, 5, 150.0, 3, 1.1)]


def test_shopping_explorer_rejects_bad_arguments():
    with pytest.raises(ValueError, match="tax must be a number from 1.0 to 2.0, got 5"):
        widgets.shopping_explorer(tax=5)
    with pytest.raises(ValueError, match="apple_num must be a number from 0 to 10, got '2'"):
        widgets.shopping_explorer(apple_num="2")


# ---- Notebook 09: the race of the optimizers, and initial weights ----


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def _race_parts(widget):
    """The race's controls: {description: control}, the learning-rate sliders under "η <optimizer>" (each
    sits in a row after its optimizer's checkbox), the checkbox that adds Adam without bias correction
    under "no bias"; and the image and the text."""
    controls = {}
    for row in widget.children:
        kids = list(getattr(row, "children", ()))
        if kids and isinstance(kids[0], W.Checkbox) and kids[1].description == "η":
            controls[f"η {kids[0].description}"] = kids[1]
        for kid in kids:
            if kid.description != "η":
                controls["no bias" if kid.description.startswith("add Adam") else kid.description] = kid
    (image,) = [c for c in widget.children if isinstance(c, W.Image)]
    return controls, image, widget.children[-1]


RACE_NAMES = ("SGD", "Momentum", "Nesterov", "AdaGrad", "RMSprop", "Adam")


def _race_path(name, surface="bowl", steps=30, start=None, **params):
    from nbhelpers.optimizers import SURFACES, descent_path, make_optimizer

    s = SURFACES[surface]
    optimizer = make_optimizer(
        "Adam" if name.startswith("Adam") else name, lr=s.lrs[name.split(",")[0]], **params
    )
    return descent_path(optimizer, s, start=start, steps=steps)


def _g4(value) -> str:
    return f"{value:.4g}".replace("e-0", "e-").replace("-", "−")


def test_optimizer_race_starts_with_the_books_four_on_the_bowl():
    from nbhelpers.optimizers import SURFACES

    widget = widgets.optimizer_race()
    controls, image, text = _race_parts(widget)
    bowl = SURFACES["bowl"]
    assert controls["surface f(x, y)"].value == "bowl" and controls["steps"].value == 30
    assert (controls["start x"].value, controls["start y"].value) == bowl.start
    assert (controls["start x"].min, controls["start x"].max) == (-10.0, 10.0)
    assert {name: controls[f"η {name}"].value for name in RACE_NAMES} == dict(bowl.lrs)
    assert [name for name in RACE_NAMES if controls[name].value] == ["SGD", "Momentum", "AdaGrad", "Adam"]
    assert not controls["no bias"].value
    for name in RACE_NAMES:
        dots = widget.plot._dots[name].get_xydata()
        if controls[name].value:  # the book's loop, the book's learning rates: every path stays in view
            path = _race_path(name)
            np.testing.assert_array_equal(dots, path)
            assert f">{_g4(bowl.f(*path[-1]))}<" in text.value, name
        else:
            assert dots.size == 0
    assert (
        "AdaGrad's steps shrink" in text.value
        and "Adam's first step moves each coordinate by η = 0.3" in text.value
    )
    assert png(image).startswith(PNG_MAGIC) and len(png(image)) > 10_000


def test_optimizer_race_every_control_moves_the_picture_and_the_numbers():
    widget = widgets.optimizer_race(shown=RACE_NAMES, no_bias_correction=True)
    controls, image, text = _race_parts(widget)
    sliders = [c for c in controls.values() if isinstance(c, SLIDERS)]
    assert len(sliders) == 3 + 6 + 4  # steps, start x and y; a learning rate each; α, ρ, β1, β2
    # the start last: its middle (0, 0) is the bowl's minimum, where no optimizer moves
    sliders.sort(key=lambda slider: slider.description.startswith("start"))
    for slider in sliders:
        for value in (*ends(slider), middle(slider)):
            before_png, before_text, moved = png(image), text.value, slider.value != pytest.approx(value)
            slider.value = value
            assert png(image).startswith(PNG_MAGIC)
            if moved:
                assert png(image) != before_png, f"{slider.description} = {value}: the picture did not change"
                assert text.value != before_text, f"{slider.description} = {value}: the numbers stayed"
    for box in [c for c in controls.values() if isinstance(c, W.Checkbox)]:
        for _ in range(2):
            before_png, before_text = png(image), text.value
            box.value = not box.value
            assert png(image) != before_png and text.value != before_text, box.description
    menu = controls["surface f(x, y)"]
    for value in [*menu.options[1:], menu.options[0]]:
        before_png, before_text = png(image), text.value
        menu.value = value
        assert png(image) != before_png and text.value != before_text, value


def test_optimizer_race_surface_menu_loads_its_rates_and_start_and_computes_once(monkeypatch):
    from nbhelpers.optimizers import SURFACES
    from nbhelpers.widgets import optimizers as module

    calls = []
    real = module.descent_path
    monkeypatch.setattr(module, "descent_path", lambda *a, **k: calls.append(a) or real(*a, **k))
    widget = widgets.optimizer_race()
    controls, _, text = _race_parts(widget)
    calls.clear()
    controls["surface f(x, y)"].value = "banana"
    assert len(calls) == 4, "one path per optimizer ticked, computed once (not once per slider set)"
    banana = SURFACES["banana"]
    assert (controls["start x"].value, controls["start y"].value) == banana.start
    assert (controls["start y"].min, controls["start y"].max) == banana.view[2:]
    assert {name: controls[f"η {name}"].value for name in RACE_NAMES} == dict(banana.lrs)
    np.testing.assert_array_equal(widget.plot._dots["Adam"].get_xydata(), _race_path("Adam", "banana"))
    assert "distance to the minimum" in text.value


def test_optimizer_race_extremes_draw_and_say_when_a_path_diverges():
    widget = widgets.optimizer_race(shown=RACE_NAMES, no_bias_correction=True)
    controls, image, text = _race_parts(widget)
    for surface in controls["surface f(x, y)"].options:
        controls["surface f(x, y)"].value = surface
        with np.errstate(over="raise", invalid="raise", divide="raise"):  # (underflow is fine)
            for settings in (
                {"steps": 100, "momentum α": 0.99, "decay ρ": 0.0, "β1": 0.0, "β2": 0.5},
                {**{f"η {name}": 10.0 for name in RACE_NAMES}, "start x": controls["start x"].min},
                {
                    **{f"η {name}": 1e-4 for name in RACE_NAMES},
                    "start y": controls["start y"].max,
                    "steps": 1,
                },
            ):
                for name, value in settings.items():
                    key = next(k for k in controls if k.startswith(name))
                    controls[key].value = value
                assert png(image).startswith(PNG_MAGIC)
        if surface == "banana":
            controls["steps"].value = 100
            for name in RACE_NAMES:
                controls[f"η {name}"].value = 10.0
            assert "diverged at step" in text.value  # SGD with η = 10 in the banana's steep walls


def test_optimizer_race_shows_the_first_steps_of_adam_with_and_without_bias_correction():
    widget = widgets.optimizer_race(shown=("Adam",), no_bias_correction=True)
    _, _, text = _race_parts(widget)
    with_correction = _race_path("Adam")
    without = _race_path("Adam, no bias correction", bias_correction=False)
    first = np.hypot(*(with_correction[1] - with_correction[0]))
    assert first == pytest.approx(0.3 * np.sqrt(2), rel=1e-5)  # each coordinate moves by η (ε aside)
    assert f"a step of {first:.3g} here" in text.value
    assert "= 3.16·η: a step of " + f"{np.hypot(*(without[1] - without[0])):.3g}" in text.value
    np.testing.assert_array_equal(widget.plot._dots["Adam, no bias correction"].get_xydata(), without)


def test_optimizer_race_rejects_bad_arguments():
    with pytest.raises(ValueError, match="surface f\\(x, y\\) must be one of"):
        widgets.optimizer_race(surface="hill")
    with pytest.raises(ValueError, match="shown must name optimizers"):
        widgets.optimizer_race(shown=("Adagrad",))
    with pytest.raises(ValueError, match="steps must be a number from 1 to 100"):
        widgets.optimizer_race(steps=0)


def _init_parts(widget):
    controls = {c.description: c for c in _walk(widget) if isinstance(c, (*SLIDERS, W.Dropdown))}
    (image,) = [c for c in widget.children if isinstance(c, W.Image)]
    return controls, image, widget.children[-1]


def test_init_explorer_starts_with_the_books_first_experiment():
    from nbhelpers.network import layer_activations
    from nbhelpers.widgets._controls import NUM

    widget = widgets.init_explorer()
    controls, image, text = _init_parts(widget)
    values = {name: c.value for name, c in controls.items()}
    assert values == {
        "activation h": "sigmoid",
        "initial weights": "1.0",
        "nodes per layer n": 100,
        "layers": 5,
    }
    z = layer_activations("sigmoid", 1.0, 5, 100, n=1000, seed=0)  # the book's 1000 × 100 inputs
    for k, values in enumerate(z):
        saturated = 100 * np.mean((values < 0.01) | (values > 0.99))
        row = f">{k + 1}</td><td style='{NUM}'>{np.mean(values):.4f}<"
        assert row in text.value and f">{saturated:.1f}%<" in text.value
        (bars,) = [p for p in widget.plot._panels.axes[k].patches]
        counts, _ = np.histogram(values, bins=30, range=(0.0, 1.0))
        np.testing.assert_allclose(bars.get_data().values, 100 * counts / values.size)
    assert "saturated" in text.value and png(image).startswith(PNG_MAGIC)


def test_init_explorer_every_control_moves_the_picture_and_the_numbers():
    widget = widgets.init_explorer()
    controls, image, text = _init_parts(widget)
    for control in controls.values():
        if isinstance(control, W.Dropdown):
            values = [o[1] for o in control.options[1:]] + [control.options[0][1]]
        else:
            values = [*ends(control), middle(control)]
        for value in values:
            before_png, before_text, moved = png(image), text.value, control.value != value
            with np.errstate(over="raise", invalid="raise", divide="raise"):
                control.value = value
            assert png(image).startswith(PNG_MAGIC)
            if moved:
                assert png(image) != before_png, (
                    f"{control.description} = {value}: the picture did not change"
                )
                assert text.value != before_text, f"{control.description} = {value}: the numbers stayed"
    controls["activation h"].value, controls["initial weights"].value = "relu", "0.01"
    assert "exactly 0" in text.value and "saturated" not in text.value


def test_init_explorer_rejects_bad_arguments():
    with pytest.raises(ValueError, match="activation h must be one of"):
        widgets.init_explorer(activation="step")
    with pytest.raises(ValueError, match="initial weights must be one of"):
        widgets.init_explorer(weight_init_std="glorot")
    with pytest.raises(ValueError, match="layers must be a whole number from 1 to 10, got 11"):
        widgets.init_explorer(layers=11)
    assert _init_parts(widgets.init_explorer("tanh", 1, layers=2))[0]["initial weights"].value == "1.0"


# ---- Notebook 10: batch normalisation, weight decay, dropout (the shipped runs) ----


def _rise(n, top, rate=4.0, start=0.1):
    return (start + (top - start) * (1 - np.exp(-np.arange(1, n + 1) / rate))).round(4).tolist()


def _regularization_results(epochs=6):
    """A small dict of the shipped results' shape (tools/regularization_experiments.py): every run its own
    curves, so that every slider step changes the picture and the numbers."""
    scales = [float(f"{w:.6g}") for w in np.logspace(0, -4, 16)]
    steps = 10 * epochs
    loss = [(2.3 * np.exp(-np.arange(steps) / (10 + k))).tolist() for k in range(32)]
    loss[1] = [1e4] * (steps // 2) + [float("inf")] + [40.0] * (steps - steps // 2 - 1)  # std 1, no BN
    bn = {
        "train_size": 1000, "epochs": epochs, "weight_scales": scales, "eval_steps": list(range(10, steps + 1, 10)),
        "runs": [
            {"weight_scale": w, "bn": {"train_acc": _rise(epochs, 0.99 - 0.01 * k), "step_loss": loss[2 * k]},
             "plain": {"train_acc": _rise(epochs, 0.9 - 0.05 * k if k < 10 else 0.1), "step_loss": loss[2 * k + 1]}}
            for k, w in enumerate(scales)
        ],
        "summary": {
            str(s): [{"weight_scale": w, "bn_final": 0.97 + 0.01 * s, "plain_final": 0.11 + 0.01 * k} for k, w in enumerate(scales)]
            for s in range(3)
        },
    }  # fmt: skip
    lambdas, ratios = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3], [0, 0.1, 0.15, 0.2, 0.3, 0.5]
    edges = np.linspace(-1.0, 1.0, 41)
    centres = (edges[:-1] + edges[1:]) / 2
    wd = {
        "train_size": 300, "epochs": epochs, "lambdas": lambdas, "eval_steps": list(range(3, 3 * epochs + 1, 3)),
        "runs": [
            {"lambda": lam, "train_acc": _rise(epochs, 1.0 - 0.3 * lam), "test_acc": _rise(epochs, 0.74 + 0.01 * k),
             "step_loss": loss[k][: 3 * epochs],
             "weight_hist": {"edges": edges.tolist(), "counts": np.round(1e4 * np.exp(-centres**2 / (0.1 / (1 + 30 * lam)))).tolist()},
             "weight_norm2": 400.0 / (1 + 30 * lam)}
            for k, lam in enumerate(lambdas)
        ],
        "summary": {str(s): [{"lambda": lam, "train_final": 0.9, "test_final": 0.7, "gap": 0.2 + 0.01 * s - 0.02 * k}
                             for k, lam in enumerate(lambdas)] for s in range(3)},
    }  # fmt: skip
    dropout = {
        "train_size": 300, "epochs": epochs, "ratios": ratios, "eval_steps": list(range(3, 3 * epochs + 1, 3)),
        "runs": [
            {"ratio": r, "train_acc": _rise(epochs, 1.0 - 0.4 * r), "test_acc": _rise(epochs, 0.74 - 0.1 * r),
             "step_loss": loss[k][: 3 * epochs]}
            for k, r in enumerate(ratios)
        ],
        "summary": {str(s): [{"ratio": r, "train_final": 0.9, "test_final": 0.7, "gap": 0.26 - 0.3 * r}
                             for r in ratios] for s in range(2)},
    }  # fmt: skip
    wd["initial_weights"] = {"counts": wd["runs"][0]["weight_hist"]["counts"], "weight_norm2": 500.0}
    return {
        "settings": {"seed": 0, "seeds": [0, 1, 2]},
        "batchnorm": bn,
        "weight_decay": wd,
        "dropout": dropout,
    }


REGULARIZATION_WIDGETS = {
    "batchnorm_explorer": ("batchnorm", "weight_scale"),
    "weight_decay_explorer": ("weight_decay", "lambda"),
    "dropout_explorer": ("dropout", "ratio"),
}


def _regularization_parts(widget):
    (control,) = [c for c in widget.children if isinstance(c, W.SelectionSlider)]
    (image,) = [c for c in widget.children if isinstance(c, W.Image)]
    (text,) = [c for c in widget.children if isinstance(c, W.HTML)]
    return control, image, text


@pytest.mark.parametrize("name", REGULARIZATION_WIDGETS)
def test_regularization_widgets_every_value_moves_the_picture_and_the_numbers(name):
    results = _regularization_results()
    section, key = REGULARIZATION_WIDGETS[name]
    widget = getattr(widgets, name)(results)
    control, image, text = _regularization_parts(widget)
    values = [run[key] for run in results[section]["runs"]]
    assert [value for _, value in control.options] == values and control.value == values[0]
    assert control.continuous_update and control.description
    first = png(image)
    assert first.startswith(PNG_MAGIC) and len(first) > 10_000 and text.value.strip()
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # (warnings are errors here)
        for value in [*values[1:], values[0]]:  # to the last value (the extreme) and back to the first
            before_png, before_text = png(image), text.value
            control.value = value
            assert png(image) != before_png, f"{control.description} = {value}: the picture did not change"
            assert text.value != before_text, f"{control.description} = {value}: the numbers stayed"
    assert png(image) == first, "back at the first value: its picture again (kept, not redrawn)"
    assert widget.plot.css_width in ("640px", "760px", "1000px")  # never wider than the page


def test_regularization_batchnorm_explorer_says_the_final_accuracies_of_each_scale():
    results = _regularization_results()
    widget = widgets.batchnorm_explorer(results, weight_scale=0.0464)  # (within 0.1 %: the 6th scale)
    control, _, text = _regularization_parts(widget)
    run = results["batchnorm"]["runs"][5]
    assert control.value == run["weight_scale"] == 0.0464159 and control.label == "0.046"
    bn, plain = run["bn"]["train_acc"][-1], run["plain"]["train_acc"][-1]
    assert "standard deviation 0.046: after 6 epochs (60 steps) on 1000 training images" in text.value
    assert f"<b>{bn:.3f}</b> with batch normalisation and <b>{plain:.3f}</b> without" in text.value
    assert (
        "seeds 0, 1, 2" in text.value
        and "with batch normalisation 0.970 to 0.990; without 0.160" in text.value
    )
    panels = widget.plot._panels
    np.testing.assert_array_equal(panels.acc["plain"].get_ydata(), run["plain"]["train_acc"])
    assert panels.title.get_text() == "W std = 0.046: training accuracy"
    control.value = control.options[0][1]  # std 1 without BN: losses of 10 000, inf: drawn at the top
    assert panels.note.get_text().startswith("without: ") and "(drawn at the top)" in panels.note.get_text()
    with pytest.raises(ValueError, match=r"weight_scale must be one of \[1.0, 0.54117"):
        widgets.batchnorm_explorer(results, weight_scale=0.5)


def test_regularization_weight_decay_explorer_tables_the_gap_and_the_weights():
    results = _regularization_results()
    widget = widgets.weight_decay_explorer(results, weight_decay_lambda=0.1)
    control, _, text = _regularization_parts(widget)
    run, base = results["weight_decay"]["runs"][5], results["weight_decay"]["runs"][0]
    assert control.value == 0.1
    gap, base_gap = (r["train_acc"][-1] - r["test_acc"][-1] for r in (run, base))
    cells = [
        f"{run['train_acc'][-1]:.3f}",
        f"{run['test_acc'][-1]:.3f}",
        f"{gap:.3f}",
        f"{run['weight_norm2']:.1f}",
    ]
    assert all(f"<b>{c}</b>" in text.value for c in cells), "this λ's row, in bold"
    assert f"{base['weight_norm2']:.1f}" in text.value and "λ = 0 (no weight decay)" in text.value
    assert "before training" in text.value and ">500.0<" in text.value
    assert f"With λ = 0.1, the gap is {gap:.3f} ({base_gap:.3f} with λ = 0)." in text.value
    assert "the gap 0.100 to 0.120" in text.value  # the summary's three seeds
    bars = widget.plot._panels.bars
    counts = np.asarray(run["weight_hist"]["counts"])
    np.testing.assert_allclose(bars["current"].get_data().values, 100 * counts / counts.sum())
    assert widget.plot._panels.hist_title.get_text() == "weights: λ = 0.1 (line), λ = 0 (grey)"


def test_regularization_dropout_explorer_compares_with_no_dropout():
    results = _regularization_results()
    widget = widgets.dropout_explorer(results)
    control, _, text = _regularization_parts(widget)
    assert "no dropout" in text.value and text.value.count("<tr>") == 2, "ratio 0: one row"
    control.value = 0.5
    run, base = results["dropout"]["runs"][-1], results["dropout"]["runs"][0]
    gap, base_gap = (r["train_acc"][-1] - r["test_acc"][-1] for r in (run, base))
    assert f"With dropout ratio 0.5, the gap is {gap:.3f} ({base_gap:.3f} with no dropout)." in text.value
    assert (
        text.value.count("<tr>") == 3
        and "Over seeds 0, 1 (other initial weights and batches): the gap 0.110." in text.value
    )
    assert widget.plot._panels.title.get_text() == "dropout ratio 0.5: accuracy after each epoch"


def test_regularization_widgets_draw_odd_runs_and_reject_bad_results():
    results = _regularization_results(epochs=1)  # one epoch: one point per curve
    run = results["weight_decay"]["runs"][1]
    run["test_acc"], run["weight_hist"]["counts"] = [float("nan")], [0] * 40  # no test, no weight in range
    del results["dropout"]["summary"]
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        for name, (section, key) in REGULARIZATION_WIDGETS.items():
            control, image, text = _regularization_parts(getattr(widgets, name)(results))
            control.value = results[section]["runs"][1][key]
            assert png(image).startswith(PNG_MAGIC) and "nan" not in text.value
            if name == "weight_decay_explorer":
                assert "the gap is — (" in text.value, "a test accuracy not measured: no gap"
    with pytest.raises(ValueError, match="results must hold the section 'dropout'"):
        widgets.dropout_explorer({"batchnorm": {}})
    with pytest.raises(ValueError, match=r"dropout_ratio must be one of \[0.0, 0.1"):
        widgets.dropout_explorer(results, dropout_ratio=0.25)


def test_regularization_widgets_read_the_shipped_results():
    """The real file (nbhelpers/data/regularization.json, from tools/regularization_experiments.py): the
    runs the book's figures 6-19 to 6-23 need, and each widget built from it by default, at both ends."""
    from nbhelpers import shipped_results

    results = shipped_results("regularization")
    bn, wd, dropout = (results[key] for key in ("batchnorm", "weight_decay", "dropout"))
    assert len(bn["runs"]) == 16 and len(wd["runs"]) == 7 and len(dropout["runs"]) == 6
    assert len(results["search"]["trial_runs"]) == results["search"]["trials"] == 100
    for section, epochs, run in (
        (bn, 20, bn["runs"][0]["bn"]),
        (wd, 201, wd["runs"][0]),
        (dropout, 301, dropout["runs"][0]),
    ):
        assert section["epochs"] == epochs == len(section["eval_steps"]) == len(run["train_acc"])
    for name, (section, key) in REGULARIZATION_WIDGETS.items():
        control, image, text = _regularization_parts(getattr(widgets, name)())
        assert [value for _, value in control.options] == [run[key] for run in results[section]["runs"]]
        for _, value in control.options[::-1]:
            control.value = value
            assert png(image).startswith(PNG_MAGIC) and "Over seeds 0, 1, 2" in text.value
