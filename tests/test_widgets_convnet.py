"""The widgets of notebook 12 (nbhelpers/widgets/_convnet.py, re-exported by widgets/conv.py): every control
moves the picture and the numbers, the extremes draw without an error or a warning (warnings are errors
here), and what they show is what the network computes. A small SimpleConvNet (seeded, untrained) stands
in for the shipped one; the shipped one is tried too once nbhelpers/data/simple_convnet.npz exists.

No hypothesis here (as tests/test_widgets.py): this file can run on Colab's package versions too."""

from __future__ import annotations

import functools
from importlib import resources

import ipywidgets as W
import numpy as np
import pytest

from nbhelpers import forward, load_mnist, pretrained_network
from nbhelpers.mnist import shift_and_noise
from nbhelpers.nets import SimpleConvNet
from nbhelpers.outputs import softmax
from nbhelpers.widgets import digit_explorer
from nbhelpers.widgets._convnet import MAP_LAYERS, NET_NAMES, cnn_digit_explorer, feature_map_explorer

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
HAVE_CONVNET = resources.files("nbhelpers").joinpath("data", "simple_convnet.npz").is_file()


@functools.cache
def _test_set():
    _, (x, t) = load_mnist(flatten=False)  # from NBHELPERS_DATA (see conftest.py)
    return x, t


def digits(n: int = 200):
    x, t = _test_set()
    return x[:n], t[:n]


@functools.cache
def _net() -> SimpleConvNet:
    return SimpleConvNet(rng=0, weight_init_std=0.1)


def png(image) -> bytes:
    return bytes(image.value)  # ipywidgets 8 holds a memoryview, 7 holds bytes


def parts(widget):
    """The controls (sliders, buttons), the image and the text of a widget."""
    assert isinstance(widget, W.VBox)
    controls = [c for c in widget.children if isinstance(c, (W.IntSlider, W.FloatSlider, W.ToggleButtons))]
    (image,) = [c for c in widget.children if isinstance(c, W.Image)]
    (text,) = [c for c in widget.children if isinstance(c, W.HTML)]
    return controls, image, text


def moves(control, value, image, text) -> None:
    """Setting ``control`` to ``value`` (not its value now) changes the picture and the numbers, and
    draws without a warning or a floating-point error."""
    before_png, before_text = png(image), text.value
    assert control.value != value
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        control.value = value
    assert control.value == value
    assert png(image).startswith(PNG_MAGIC)
    assert png(image) != before_png, f"{control.description} = {value}: the picture did not change"
    assert text.value != before_text, f"{control.description} = {value}: the numbers did not change"


# ---- feature_map_explorer -------------------------------------------------------------------------------


def test_feature_map_explorer_every_control_moves_the_picture_and_the_numbers():
    x, t = digits()
    widget = feature_map_explorer(_net(), x, t, index=5)
    (index, layer), image, text = parts(widget)
    assert (index.min, index.max, index.value) == (0, len(x) - 1, 5) and index.continuous_update
    assert list(layer.options) == list(MAP_LAYERS) == ["Conv1", "Relu1", "Pool1"] and layer.value == "Relu1"
    assert len(png(image)) > 10_000 and "Test image #5" in text.value
    for value in (len(x) - 1, 0, len(x) // 2):  # the last image, the first, the middle
        moves(index, value, image, text)
    for value in ("Pool1", "Conv1", "Relu1"):
        moves(layer, value, image, text)
    assert widget.plot.css_width == "970px"  # never wider than the page (and it shrinks on a narrow one)
    assert image.layout.max_width == "100%"


def test_feature_map_explorer_shows_the_networks_maps_and_answer():
    x, t = digits()
    net = _net()
    widget = feature_map_explorer(net, x, t, index=7, layer="Pool1")
    _, _, text = parts(widget)
    outs = net.layer_outputs(x[7:8])
    maps = outs["Pool1"][0]
    top = np.abs(maps).max()
    levels = np.clip(np.rint((maps / top + 1) * 127.5), 0, 255).astype(int)  # the plot's colour rule
    from matplotlib import colormaps

    colours = colormaps["RdBu_r"](np.linspace(0, 1, 256), bytes=True)
    np.testing.assert_array_equal(widget.plot._maps._rgba, colours[levels])
    np.testing.assert_array_equal(widget.plot._image.get_array(), x[7].reshape(28, 28))
    p = softmax(outs["Affine2"][0].astype(np.float64))
    best = int(np.argmax(p))
    verdict = "right" if best == t[7] else "wrong"
    assert (
        f"Test image #7: label <b>{t[7]}</b>. The network says <b>{best}</b> with probability "
        f"{p[best]:.3f}: {verdict}." in text.value
    )
    zeros = round(100 * np.mean(maps == 0))
    assert "30 maps of 12 × 12 (4320 numbers)" in text.value
    assert f"{zeros} % of them are 0, the largest is {top:.2f}" in text.value
    assert widget.plot._title.get_text().startswith("Pool1: 30 maps of 12 × 12; white 0, red up to +")
    widget.children[1].value = "Conv1"  # negative values too: their range
    conv = outs["Conv1"][0]
    assert f"from {conv.min():.2f} to {conv.max():.2f}".replace("-", "−") in text.value
    assert "30 maps of 24 × 24 (17280 numbers)" in text.value


def test_feature_map_explorer_computes_once_per_image_and_keeps_its_pictures(monkeypatch):
    x, t = digits()
    net = SimpleConvNet(rng=1, weight_init_std=0.1)
    calls = []
    forward_pass = net.layer_outputs
    monkeypatch.setattr(
        net, "layer_outputs", lambda images: calls.append(len(images)) or forward_pass(images)
    )
    widget = feature_map_explorer(net, x, t)
    (index, layer), image, _ = parts(widget)
    first = png(image)
    for value in ("Conv1", "Pool1", "Relu1"):
        layer.value = value
    assert calls == [1], "a change of layer computed the network again"
    index.value = 3
    index.value = 0
    assert calls == [1, 1, 1] and png(image) == first, "back at the first picture: kept, not redrawn"


def test_feature_map_explorer_rejects_bad_arguments():
    x, t = digits(20)
    with pytest.raises(ValueError, match=r"layer must be one of \['Conv1', 'Relu1', 'Pool1'\], got 'Pool2'"):
        feature_map_explorer(_net(), x, t, layer="Pool2")
    with pytest.raises(ValueError, match=r"index must be a whole number in 0 ... 19, got 20"):
        feature_map_explorer(_net(), x, t, index=20)
    with pytest.raises(ValueError, match=r"x must hold N >= 1 digits.*got x of shape \(20, 100\)"):
        feature_map_explorer(_net(), np.zeros((20, 100)), t)
    with pytest.raises(ValueError, match=r"t of shape \(19,\)"):
        feature_map_explorer(_net(), x, t[:19])


# ---- cnn_digit_explorer ---------------------------------------------------------------------------------


def test_cnn_digit_explorer_every_control_moves_the_picture_and_the_numbers():
    x, t = digits()
    widget = cnn_digit_explorer(x, t, _net(), pretrained_network(), index=2)
    (index, right, down, noise), image, text = parts(widget)
    assert index.max == len(x) - 1 and (right.min, right.max) == (down.min, down.max) == (-6, 6)
    assert noise.max == 0.5 and all(c.continuous_update for c in (index, right, down, noise))
    for control, values in (
        (index, (len(x) - 1, 0)),
        (right, (6, -6, 0)),
        (down, (-6, 6, 0)),
        (noise, (0.5, 0.0)),
    ):
        for value in values:
            moves(control, value, image, text)
    right.value, down.value, noise.value = 6, -6, 0.5  # all at their extremes at once
    assert png(image).startswith(PNG_MAGIC) and "(moved 6 right and −6 down; noise σ = 0.50)" in text.value
    assert widget.plot.css_width == "980px" and image.layout.max_width == "100%"


def test_cnn_digit_explorer_shows_both_networks_answers_for_the_moved_digit():
    x, t = digits()
    net, mlp = _net(), pretrained_network()
    widget = cnn_digit_explorer(x, t, net, mlp, index=4)
    (_, right, down, noise), _, text = parts(widget)
    right.value, down.value, noise.value = 3, -2, 0.2
    moved = shift_and_noise(x[4].reshape(784), 3, -2, 0.2, seed=4)
    np.testing.assert_array_equal(widget.plot._image.get_array(), moved.reshape(28, 28))
    p_cnn = softmax(net.predict(moved[None]).astype(np.float64))[0]
    p_mlp = forward(mlp, moved, output="softmax")
    assert f"Test image #4 (moved 3 right and −2 down; noise σ = 0.20): label <b>{t[4]}</b>." in text.value
    for name, p, bars, title in zip(NET_NAMES, (p_cnn, p_mlp), widget.plot._bars, widget.plot._titles):
        best = int(np.argmax(p))
        verdict = "right" if best == t[4] else "wrong"
        cells = "".join(
            f"<td style='text-align:right; padding:0 0 0 1.5em'>{c}</td>"
            for c in (f"<b>{best}</b>", f"{p[best]:.3f}", verdict)
        )
        assert f"<tr><td>{name}</td>{cells}</tr>" in text.value
        np.testing.assert_allclose([bar.get_height() for bar in bars], p, rtol=1e-6)
        assert title.get_text() == f"{name}\nsays {best}, with probability {p[best]:.3f}"


def test_cnn_digit_explorer_moves_the_digit_as_notebook_05s_browser():
    """The same digit, moved and blurred by the same controls, is the same picture in both browsers."""
    x, t = digits()
    flat = x.reshape(len(x), 784)
    ours = cnn_digit_explorer(x, t, _net(), pretrained_network(), index=9)
    theirs = digit_explorer(flat, t, pretrained_network(), index=9)
    for widget in (ours, theirs):
        _, right, down, noise = parts(widget)[0]
        right.value, down.value, noise.value = -5, 4, 0.37
    np.testing.assert_array_equal(ours.plot._image.get_array(), theirs.plot._image.get_array())
    mlp_bars = [bar.get_height() for bar in ours.plot._bars[1]]
    assert mlp_bars == [bar.get_height() for bar in theirs.plot._bars], (
        "notebook 05's network: the same answer"
    )


def test_cnn_digit_explorer_takes_flat_or_image_shaped_digits_and_rejects_bad_ones():
    x, t = digits(30)
    a = cnn_digit_explorer(x, t, _net(), pretrained_network(), index=29)
    b = cnn_digit_explorer(x.reshape(30, 784), t, _net(), pretrained_network(), index=29)
    assert parts(a)[2].value == parts(b)[2].value and png(parts(a)[1]) == png(parts(b)[1])
    with pytest.raises(ValueError, match=r"index must be a whole number in 0 ... 29, got -1"):
        cnn_digit_explorer(x, t, _net(), pretrained_network(), index=-1)
    with pytest.raises(ValueError, match=r"got x of shape \(30, 1, 14, 14\)"):
        cnn_digit_explorer(np.zeros((30, 1, 14, 14)), t, _net(), pretrained_network())


def test_widgets_read_the_test_set_and_notebook_05s_network_by_default(monkeypatch):
    import nbhelpers.widgets._convnet as module

    monkeypatch.setattr(module, "pretrained_convnet", _net)  # (until the shipped network is there)
    _, (x, t) = load_mnist()
    (index, _), _, text = parts(feature_map_explorer(index=9999, layer="Conv1"))
    assert index.max == 9999 and f"Test image #9999: label <b>{t[9999]}</b>." in text.value
    widget = cnn_digit_explorer(index=9999)
    (index, *_), _, text = parts(widget)
    p = forward(pretrained_network(), x[9999], output="softmax")
    assert (
        index.max == 9999
        and f"<b>{np.argmax(p)}</b></td><td style='text-align:right; padding:0 0 0 1.5em'>{p.max():.3f}"
        in text.value
    )


@pytest.mark.skipif(not HAVE_CONVNET, reason="nbhelpers/data/simple_convnet.npz is not there yet")
def test_widgets_use_the_shipped_networks_and_the_test_set_by_default():
    _, (x, t) = load_mnist()
    maps = feature_map_explorer()
    (index, layer), image, text = parts(maps)
    assert index.max == 9999 and "Test image #0: label <b>7</b>. The network says <b>7</b>" in text.value
    moves(index, 9999, image, text)
    moves(layer, "Pool1", image, text)
    both = cnn_digit_explorer()
    (index, right, _, noise), image, text = parts(both)
    assert index.max == 9999 and text.value.count("<b>7</b>") == 3  # the label and both answers
    moves(right, 6, image, text)
    moves(noise, 0.5, image, text)
