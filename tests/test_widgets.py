"""The sliders respond: building each widget, moving every slider to its ends and back to the middle
redraws the picture and rewrites the numbers, without an error or a warning (warnings are errors here)."""

from __future__ import annotations

import ipywidgets as W
import numpy as np
import pytest

from nbhelpers import plots, widgets
from nbhelpers.activations import sigmoid
from nbhelpers.outputs import softmax

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
BUILDERS = {
    "activation_explorer": widgets.activation_explorer,
    "neuron_explorer": widgets.neuron_explorer,
    "softmax_explorer": widgets.softmax_explorer,
}
SLIDERS = (W.FloatSlider, W.FloatLogSlider)


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
            before_png, before_text = png(image), text.value
            slider.value = value
            assert slider.value == pytest.approx(value)
            assert png(image).startswith(PNG_MAGIC)
            assert png(image) != before_png, f"{slider.description} = {value}: the picture did not change"
            assert text.value != before_text, f"{slider.description} = {value}: the numbers did not change"


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


def test_live_png_is_the_full_figure():
    """The quick redraw (background + moving parts) shows what a full redraw shows."""
    from io import BytesIO

    import PIL.Image

    plot = plots.ActivationExplorerPlot()
    plot.set_x(-2.0)
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
