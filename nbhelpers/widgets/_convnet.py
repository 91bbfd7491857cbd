"""The widgets of notebook 12: browse the feature maps a convolutional network makes of each test digit,
layer by layer, and move or blur a digit to watch the convolutional network and notebook 05's network
answer side by side.

Private: re-exported by :mod:`nbhelpers.widgets.conv`.
"""

from __future__ import annotations

from collections import OrderedDict

import ipywidgets as W
import numpy as np

from .._format import number
from ..mnist import load_mnist, pretrained_network, shift_and_noise
from ..nets import pretrained_convnet
from ..network import forward
from ..outputs import softmax
from ..plots._convnet import LAYER_WORDS, CnnDigitPlot, FeatureMapPlot
from ._controls import NUM, TABLE, live, slider
from .mnist import _changes, _digit_controls

__all__ = ["feature_map_explorer", "cnn_digit_explorer", "MAP_LAYERS"]

#: The layers whose feature maps :func:`feature_map_explorer` shows (SimpleConvNet's names).
MAP_LAYERS = ("Conv1", "Relu1", "Pool1")
#: The two networks of :func:`cnn_digit_explorer`, as its picture and its table name them.
NET_NAMES = ("convolutional network", "notebook 05's network")


def _digits(x, t, index: int, where: str):
    """The images as (N, 784) rows and their labels (N,) (the MNIST test set if x or t is None), and
    ``index`` checked to be one of them."""
    if x is None or t is None:
        _, (x, t) = load_mnist()
    x, t = np.asarray(x), np.asarray(t)
    if x.ndim < 2 or x.shape[1:] not in ((784,), (28, 28), (1, 28, 28)) or t.shape != (len(x),) or not len(x):
        raise ValueError(
            f"{where}: x must hold N >= 1 digits, shape (N, 784), (N, 28, 28) or (N, 1, 28, 28), and t their "
            f"N labels, shape (N,); got x of shape {x.shape} and t of shape {t.shape}"
        )
    if (
        isinstance(index, (bool, np.bool_))
        or not isinstance(index, (int, np.integer))
        or not 0 <= index < len(x)
    ):
        raise ValueError(f"{where}: index must be a whole number in 0 ... {len(x) - 1}, got {index!r}")
    return x.reshape(len(x), 784), t


class _Cached:
    """A live plot whose last ``size`` pictures are kept, by key: coming back to one costs nothing."""

    def __init__(self, plot, size: int = 64):
        self.plot, self._pngs, self._key, self._size = plot, OrderedDict(), None, size
        self.css_width = plot.css_width

    def show(self, key, *args) -> None:
        self._key = key
        if key in self._pngs:
            self._pngs.move_to_end(key)
            return
        self.plot.show(*args)
        self._pngs[key] = self.plot.png()
        if len(self._pngs) > self._size:
            self._pngs.popitem(last=False)

    def png(self) -> bytes:
        return self._pngs[self._key]


def _verdict(p, label: int) -> tuple:
    best = int(np.argmax(p))
    return best, number(p[best], 3, tiny=True), "right" if best == label else "wrong"


def feature_map_explorer(net=None, x=None, t=None, index: int = 0, layer: str = "Relu1") -> W.VBox:
    """Browse what the first layers of a convolutional network make of each digit: a slider for the test
    image, buttons for the layer (Conv1: the convolution, Relu1: after ReLU, Pool1: after max pooling), the
    digit beside its 30 feature maps (map k from filter k; white 0, red positive, blue negative), and the
    network's answer with its probability.

    ``net``: a :class:`~nbhelpers.nets.SimpleConvNet` (default: the shipped one,
    ``nbhelpers.nets.pretrained_convnet()``); ``x``, ``t``: digits (N, 784) or (N, 1, 28, 28) and their labels
    (default: the 10 000 MNIST test images); ``index``, ``layer``: what is shown first.

    Book §7.6.1; notebook 12.
    """
    x, t = _digits(x, t, index, "feature_map_explorer")
    if layer not in MAP_LAYERS:
        raise ValueError(f"feature_map_explorer: layer must be one of {list(MAP_LAYERS)}, got {layer!r}")
    net = pretrained_convnet() if net is None else net
    k = int(net.params["W1"].shape[0])
    plot = _Cached(FeatureMapPlot(k))
    menu = W.ToggleButtons(
        options=list(MAP_LAYERS),
        value=layer,
        description="layer",
        style={"description_width": "initial", "button_width": "80px"},
    )
    controls = [slider("test image #", index, 0, len(x) - 1, kind=W.IntSlider), menu]
    last = {}  # the layers' outputs of the image shown last: a change of layer computes nothing

    def step(i, name):
        if last.get("index") != i:
            last.clear()
            last.update(net.layer_outputs(x[i : i + 1]), index=i)
        maps, label = last[name][0], int(t[i])
        p = softmax(last["Affine2"][0].astype(np.float64))
        plot.show((i, name), x[i], maps, label, name)
        best, prob, verdict = _verdict(p, label)
        _, h, w = maps.shape
        top = float(np.max(np.abs(maps)))
        if float(maps.min()) < 0:
            values = f"from {number(maps.min(), 2)} to {number(maps.max(), 2)}"
        else:
            values = f"{number(100 * np.mean(maps == 0), 0)} % of them are 0, the largest is {number(top, 2)}"
        return (
            f"Test image #{i}: label <b>{label}</b>. The network says <b>{best}</b> with probability {prob}: "
            f"{verdict}.<br><b>{name}</b>, {LAYER_WORDS[name]}: {len(maps)} maps of {h} × {w} "
            f"({len(maps) * h * w} numbers); {values}.<br><small>Map k comes from filter k "
            f'(net.params["W1"][k]). Red: positive, blue: negative, white: 0, on one colour scale for all the '
            f"maps (± {number(top, 2)}).</small>"
        )

    box = live(controls, plot, step)
    box.plot = plot.plot  # the figure behind the picture, for a look inside (and for the tests)
    return box


def cnn_digit_explorer(x=None, t=None, net=None, mlp=None, index: int = 0) -> W.VBox:
    """Notebook 05's digit browser with two networks: move a digit (by whole pixels) or add noise, and watch
    the convolutional network's and notebook 05's network's 10 probabilities and answers side by side.

    ``x``, ``t``: digits (N, 784) or (N, 1, 28, 28) and their labels (default: the 10 000 MNIST test images);
    ``net``: a :class:`~nbhelpers.nets.SimpleConvNet` (default: ``nbhelpers.nets.pretrained_convnet()``);
    ``mlp``: a params dict for ``nbhelpers.forward`` with sigmoid hidden layers and a softmax output
    (default: ``nbhelpers.pretrained_network()``, notebook 05's 784-50-100-10 network).

    Not in the book; notebook 12.
    """
    x, t = _digits(x, t, index, "cnn_digit_explorer")
    net = pretrained_convnet() if net is None else net
    mlp = pretrained_network() if mlp is None else mlp
    plot = CnnDigitPlot(NET_NAMES)
    controls = _digit_controls(index, len(x))

    def step(i, dx, dy, noise):
        image = shift_and_noise(x[i], dx, dy, noise, seed=i)  # (the noise of notebook 05's browser)
        p_cnn = softmax(net.predict(image[None]).astype(np.float64))[0]
        p_mlp = forward(mlp, image, output="softmax")
        label = int(t[i])
        plot.show(image, p_cnn, p_mlp, label)
        rows = []
        for name, p in zip(NET_NAMES, (p_cnn, p_mlp)):
            best, prob, verdict = _verdict(p, label)
            cells = [f"<b>{best}</b>", prob, verdict]
            rows.append(
                f"<tr><td>{name}</td>" + "".join(f"<td style='{NUM}'>{c}</td>" for c in cells) + "</tr>"
            )
        head = "".join(
            f"<th style='{NUM if j else ''}'>{h}</th>"
            for j, h in enumerate(["", "answer", "probability", ""])
        )
        return (
            f"Test image #{i}{_changes(dx, dy, noise)}: label <b>{label}</b>."
            f"<table style='{TABLE}'><tr>{head}</tr>{''.join(rows)}</table>"
            "<small>Bars: each network's answer is green when right and red when wrong; the right digit's bar "
            "is orange when the answer is wrong.</small>"
        )

    return live(controls, plot, step)
