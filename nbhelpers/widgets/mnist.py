"""The widget of the handwritten digits: browse the test images, move or blur one, and watch the
network's answer and its 10 probabilities."""

from __future__ import annotations

import ipywidgets as W
import numpy as np

from .._format import number
from ..mnist import load_mnist, pretrained_network, shift_and_noise
from ..network import forward
from ..plots.mnist import DigitPlot
from ._controls import live, slider

__all__ = ["digit_explorer"]


def digit_explorer(x=None, t=None, network=None, index: int = 0) -> W.VBox:
    """Browse digits (by default the 10 000 test images) with the network's answer and its 10
    probabilities; two more controls move the image and add noise, to see how sure the network stays.

    ``x``: images as rows of 784 values in [0, 1]; ``t``: their labels; ``network``: by default our
    pretrained network (``nbhelpers.pretrained_network()``).

    Book §3.6.2; notebook 05.
    """
    if x is None or t is None:
        _, (x, t) = load_mnist()
    x, t = np.asarray(x), np.asarray(t)
    if x.ndim != 2 or x.shape[1] != 784 or len(t) != len(x):
        raise ValueError(f"x must have shape (N, 784) and t shape (N,), got {x.shape} and {t.shape}")
    network = pretrained_network() if network is None else network
    plot = DigitPlot()
    controls = _digit_controls(index, len(x))

    def step(i, dx, dy, noise):
        image = shift_and_noise(x[i], dx, dy, noise, seed=i)
        y = forward(network, image, output="softmax")
        label = int(t[i])
        plot.show(image, y, label)
        order = np.argsort(y)[::-1][:3]
        best = int(order[0])
        verdict = "right" if best == label else f"wrong: the label is {label}"
        top = ", ".join(f"{int(k)}: {number(y[k], tiny=True)}" for k in order)
        return (
            f"Test image #{i}{_changes(dx, dy, noise)}: label <b>{label}</b>. The network says <b>{best}</b> "
            f"with probability {number(y[best], tiny=True)}: {verdict}.<br>Its three most likely digits: {top}.<br>"
            "<small>Bars: the network's answer is green when right and red when wrong; "
            "the right digit's bar is orange when the answer is wrong.</small>"
        )

    return live(controls, plot, step)


def _digit_controls(index: int, n: int) -> list:
    """The digit browser's controls (shared with notebook 12's): which of ``n`` images, how many pixels
    right and down it moves (−6 ... 6), and the noise σ (0 ... 0.5)."""
    return [
        slider("test image #", index, 0, n - 1, kind=W.IntSlider),
        slider("move right (pixels)", 0, -6, 6, kind=W.IntSlider),
        slider("move down (pixels)", 0, -6, 6, kind=W.IntSlider),
        slider("noise σ", 0.0, 0.0, 0.5, 0.01),
    ]


def _changes(dx, dy, noise) -> str:
    """What was done to the digit, in words: " (moved 4 right and −2 down; noise σ = 0.25)", or ""."""
    changes = []
    if dx or dy:
        changes.append(f"moved {number(dx, 0)} right and {number(dy, 0)} down")
    if noise:
        changes.append(f"noise σ = {number(noise, 2)}")
    return f" ({'; '.join(changes)})" if changes else ""
