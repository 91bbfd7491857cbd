"""The playground of notebook 13 (``--only playground``): what ``run.py`` times, against the issue's targets.

The targets: at least 50 training steps per second and 10 redraws per second for a 2-16-16-2 network on 500
points (the spirals; SGD, batches of 10). Here: the ``Playground`` and the widget set up as the issue says,
the parts of one widget frame as the widget draws them (``frame_parts``: the steps, the maps, each SVG
picture), and the same training steps written out in plain NumPy (``plain_steps``), the practical limit.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from nbhelpers.playground import FEATURE_LABELS, Playground  # noqa: E402

#: The issue's network and data: 2-16-16-2 (tanh), 500 spirals points (half for testing), SGD, batch 10.
SETTINGS = {"dataset": "spirals", "n": 500, "hidden": (16, 16), "optimizer": "SGD", "batch_size": 10}
WIDGET = {"dataset": "spirals", "neurons": 16, "hidden_layers": 2}  # the same, as the widget's arguments
TARGET_STEPS, TARGET_FRAMES = 50, 10  # per second
#: A long run's history for the pictures that draw all of it: 50 000 steps, about 8 minutes of play at
#: 10 steps a frame and 10 frames a second.
LONG_RUN = 50_000


def make_playground(**settings) -> Playground:
    return Playground(**{**SETTINGS, **settings})


def make_widget():
    """The widget as the issue measures it: every tick of the clock taken (``backlog = 0``)."""
    from nbhelpers.widgets import playground

    box = playground(**WIDGET)
    box.backlog = 0
    return box


def frame_parts(box) -> dict:
    """The parts of one frame of ``box`` (a playground widget), each a function that does it once on the
    widget's Playground and returns the seconds it took: the steps (``pg.step`` of the frame's steps), the
    maps, and each SVG picture from maps computed beforehand, as the widget's ``redraw`` calls them. The
    pictures' inputs are computed anew after each call of the steps, untimed. Resolutions as the widget's."""
    from nbhelpers.plots.playground import boundary_svg, grad_norm_svg, loss_svg, network_svg, neuron_svg
    from nbhelpers.widgets.playground import _BIG_MAP, _MAP, _NODE_MAP  # the widget's resolutions

    pg, steps = box.pg, int(box.controls["speed"].value)
    s = pg.settings
    labels = [FEATURE_LABELS[f] for f in s["features"]]
    shown = box.neuron_menu.value  # (layer, neuron) of the large picture: the output by default
    now: dict = {}

    def pictures_input() -> None:
        now["probabilities"] = pg.probability_map(_MAP)
        now["maps"] = pg.neuron_maps(_NODE_MAP)
        now["big"] = pg.neuron_maps(_BIG_MAP)[shown[0]][shown[1]]
        now["weights"] = [pg.net.params[f"W{k}"] for k in range(1, len(s["hidden"]) + 2)]

    def train() -> float:
        t0 = time.perf_counter()
        pg.step(steps)
        seconds = time.perf_counter() - t0
        pictures_input()
        return seconds

    pictures_input()
    parts = {
        f"the steps: pg.step({steps})": train,
        f"pg.probability_map({_MAP})": lambda: pg.probability_map(_MAP),
        f"pg.neuron_maps({_NODE_MAP})": lambda: pg.neuron_maps(_NODE_MAP),
        f"pg.neuron_maps({_BIG_MAP}), the large one": lambda: pg.neuron_maps(_BIG_MAP),
        "boundary_svg": lambda: boundary_svg(
            now["probabilities"], pg.x_train, pg.t_train, pg.x_test, pg.t_test, title="the decision map"
        ),
        "network_svg": lambda: network_svg(
            now["maps"], now["weights"], labels=labels, activation_label=s["activation"], selected=shown
        ),
        "loss_svg": lambda: loss_svg(pg.loss_steps, pg.train_loss, pg.test_loss),
        "grad_norm_svg": lambda: grad_norm_svg(
            list(range(1, pg.history.steps_done + 1)), pg.history.grad_norms
        ),
        "neuron_svg": lambda: neuron_svg(now["big"], title="output P(class 1)"),
    }
    return {name: f if name.startswith("the steps") else timed(f) for name, f in parts.items()}


def long_history(pg, steps: int = LONG_RUN) -> tuple:
    """A history of ``steps`` steps for the pictures that draw it all: the gradient norms of ``pg``'s last
    step repeated, as the array (steps, L) the widget keeps (it converts only each frame's new steps), and
    the losses of a frame every 10 steps (as ``loss_svg`` gets them from the widget)."""
    norms = np.array([pg.history.grad_norms[-1]] * steps)
    frames = list(range(0, steps + 1, 10))
    return norms, frames, [pg.train_loss[-1]] * len(frames)


def plain_steps(params: dict, x, t, rng, steps: int, batch_size: int, lr: float) -> None:
    """SGD steps of a tanh network with a softmax output, written out in plain NumPy: draw a batch (with
    replacement, as ``train``), forward, the book's backward ((y - t)/N; no dx for the first layer), the
    update in place. No loss recorded, no gradient norms, no evaluation."""
    layers = len(params) // 2
    W = [params[f"W{k}"] for k in range(1, layers + 1)]
    b = [params[f"b{k}"] for k in range(1, layers + 1)]
    rows = np.arange(batch_size)
    for _ in range(steps):
        batch = rng.choice(len(x), batch_size)
        z = [x[batch]]
        for k in range(layers - 1):
            z.append(np.tanh(z[-1] @ W[k] + b[k]))
        a = z[-1] @ W[-1] + b[-1]
        e = np.exp(a - a.max(axis=1, keepdims=True))
        dy = e / e.sum(axis=1, keepdims=True)
        dy[rows, t[batch]] -= 1
        dy /= batch_size
        for k in range(layers - 1, -1, -1):
            dW, db = z[k].T @ dy, dy.sum(axis=0)
            if k:
                dy = (dy @ W[k].T) * (1 - z[k] * z[k])
            W[k] -= lr * dW
            b[k] -= lr * db


def timed(f):
    """``f`` as a function that calls it once and returns the seconds it took (for ``run.take_turns``)."""

    def once() -> float:
        t0 = time.perf_counter()
        f()
        return time.perf_counter() - t0

    return once
