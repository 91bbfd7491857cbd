"""The training widget: pick a toy data set and a network, press "train", and watch the decision map and
the learning curves change while the network learns.

How the picture moves while it trains: the "train N steps" button's click handler runs the N steps
itself (the core's :func:`~nbhelpers.train`), and the core calls back every ``redraw_every`` steps; the
callback draws the state and sets the ``Image`` widget's value. A widget's new value is sent to the
browser at once, from inside the handler (ipykernel publishes it on its IOPub channel while the handler
still runs), so every intermediate picture reaches the page: the browser test counts them. Each click is
a short run (10, 100 or 1000 steps, at most about 10 s) that stops by itself, so the kernel is never
busy for long and training pauses between clicks; it goes on from where it stopped at the next click.

Why not a background thread, which would keep the kernel free during a run: Google Colab does not show
widget updates sent from a thread once the cell or handler that started it has finished
(googlecolab/colabtools#3373, open), and ipywidgets' own example of it fails on ipykernel 7
(jupyter-widgets/ipywidgets#4001). An asyncio task that goes on after the handler returns has the same
problem on Colab. Updates sent from inside a handler work on every stack of the series.
"""

from __future__ import annotations

import time

import ipywidgets as W
import numpy as np

from .._format import number
from ..datasets import DATASETS, train_test_split
from ..nets import TwoLayerNet
from ..plots.training import TrainingPlot
from ..training import History, probability_map, train
from ._controls import dropdown, number_table, slider

__all__ = ["STEP_CHOICES", "BACKPROP_STEP_CHOICES", "training_explorer"]

#: The numbers of steps one click of "train" can run: with numerical gradients, and with backpropagation.
STEP_CHOICES = (10, 100, 1000)
BACKPROP_STEP_CHOICES = (100, 1000, 10000)
_GRADIENTS = {"numerical_gradient": "numerical gradients", "gradient": "backpropagation"}
_RANGE = (-1.5, 1.5)
_RESOLUTION = 100
_TEST_RATIO = 0.2
_INIT_STD = 1.0  # the first weights' spread: with the book's 0.01 a 2-D net sits still for many steps


def _percent(value: float) -> str:
    return f"{100 * value:.1f}%" if np.isfinite(value) else "—"


def training_explorer(
    dataset: str = "blobs",
    hidden_size: int = 5,
    lr: float = 1.0,
    batch_size: int = 50,
    n: int = 200,
    noise: float = 0.1,
    seed: int = 0,
    steps_per_click: int | None = None,
    redraw_every: int | None = None,
    gradient: str = "numerical_gradient",
    activation: str = "sigmoid",
) -> W.VBox:
    """Train a two-layer network (2 inputs, ``hidden_size`` units of ``activation``, "sigmoid" or "relu",
    2 outputs) on one of the toy data sets (``n`` points, ``noise``, ``seed``; a fifth of them kept aside
    as the test set) with the book's loop: mini-batches of ``batch_size``, steps of size η = ``lr``, and
    the gradient from the network's method ``gradient``: "numerical_gradient" (notebook 07) or "gradient"
    (backpropagation, notebook 08, hundreds of times faster).

    "train N steps" runs N steps (10, 100 or 1000; with backpropagation 100, 1000 or 10 000; default
    ``steps_per_click`` 100 or 1000) and redraws every ``redraw_every`` steps (default 10, or 100): the
    probability of class 1 over the plane with the training (●) and test (□) points, the loss of every
    step and the accuracies. A second click goes on from there. "reset", or a new data set, hidden size,
    noise or seed, starts again with new weights drawn from the seed; η and the batch size apply from
    the next click. The widget's ``train_button``, ``reset_button`` and ``plot`` are attributes of the
    returned box (for scripts and tests).

    Book §4.5, §5.7.4; notebooks 07, 08.
    """
    if gradient not in _GRADIENTS:
        raise ValueError(f"gradient must be one of {list(_GRADIENTS)}, got {gradient!r}")
    backprop = gradient == "gradient"
    choices = BACKPROP_STEP_CHOICES if backprop else STEP_CHOICES
    steps_per_click = (1000 if backprop else 100) if steps_per_click is None else steps_per_click
    redraw_every = (100 if backprop else 10) if redraw_every is None else redraw_every
    if dataset not in DATASETS:
        raise ValueError(f"dataset must be one of {list(DATASETS)}, got {dataset!r}")
    if steps_per_click not in choices:
        raise ValueError(f"steps_per_click must be one of {list(choices)}, got {steps_per_click!r}")
    if isinstance(redraw_every, bool) or not isinstance(redraw_every, (int, np.integer)) or redraw_every < 1:
        raise ValueError(f"redraw_every must be a whole number >= 1, got {redraw_every!r}")
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 10:
        raise ValueError(f"n must be a whole number >= 10, got {n!r}")
    n, redraw_every = int(n), int(redraw_every)
    data = dropdown("data set", list(DATASETS), dataset, width="220px")
    steps = dropdown("steps per click", list(choices), steps_per_click, width="200px")
    hidden = slider("hidden size (neurons)", hidden_size, 1, 30, kind=W.IntSlider)
    rate = slider("learning rate η", lr, -3, 2, 0.1, kind=W.FloatLogSlider, base=10, readout_format=".3g")
    batch = slider("batch size", batch_size, 1, n, kind=W.IntSlider)
    spread = slider("noise", noise, 0.0, 0.5, 0.01)
    seeds = slider("seed", seed, 0, 99, kind=W.IntSlider)
    train_button = W.Button(description=f"train {steps_per_click} steps", button_style="primary", icon="play")
    reset_button = W.Button(description="reset", icon="refresh")
    plot = TrainingPlot(_RANGE, _RANGE, _RESOLUTION)
    layout = W.Layout(width=plot.css_width, max_width="100%", height="auto", align_self="flex-start")
    image = W.Image(format="png", layout=layout)
    text = W.HTML()
    state: dict = {}  # the run: data, network, history, batch generator, timing of the last click

    def reset(change=None) -> None:
        x, t = DATASETS[data.value](n=n, noise=float(spread.value), seed=int(seeds.value))
        (x_train, t_train), (x_test, t_test) = train_test_split(x, t, _TEST_RATIO, seed=int(seeds.value))
        net = TwoLayerNet(
            2, int(hidden.value), 2, weight_init_std=_INIT_STD, rng=int(seeds.value), activation=activation
        )
        state.update(
            data=(x_train, t_train, x_test, t_test),
            net=net,
            history=History(),
            batches=np.random.default_rng(int(seeds.value)),
            speed=None,
        )
        redraw()

    def redraw(running=None) -> None:
        """Compute the map and the numbers once with the core and show them (picture and text)."""
        net, history = state["net"], state["history"]
        x_train, t_train, x_test, t_test = state["data"]
        with np.errstate(all="ignore"):  # NaN weights (a diverged run) give a NaN map, drawn grey
            probabilities = probability_map(net, _RANGE, _RANGE, _RESOLUTION)
            train_loss = net.loss(x_train, t_train)
            train_acc, test_acc = net.accuracy(x_train, t_train), net.accuracy(x_test, t_test)
        if not np.all(np.isfinite(probabilities)):
            train_acc = test_acc = np.nan  # NaN outputs: no class is "most probable"
        title = f"step {history.steps_done}: train {_percent(train_acc)}, test {_percent(test_acc)}"
        plot.show(probabilities, x_train, t_train, x_test, t_test, history, title)
        image.value = plot.png()
        text.value = _status(
            (float(rate.value), int(batch.value)),
            net,
            history,
            train_loss,
            train_acc,
            test_acc,
            len(x_train),
            len(x_test),
            running,
            state,
            _GRADIENTS[gradient],
        )

    def run(button=None) -> None:
        total = int(steps.value)
        start_step, started = state["history"].steps_done, time.perf_counter()
        x_train, t_train, x_test, t_test = state["data"]
        for control in (*controls, train_button, reset_button):
            control.disabled = True
        try:

            def callback(history) -> bool:
                redraw(running=(history.steps_done - start_step, total))
                return False

            train(
                state["net"],
                x_train,
                t_train,
                x_test,
                t_test,
                lr=float(rate.value),
                batch_size=int(batch.value),
                steps=total,
                seed=state["batches"],
                gradient=gradient,
                every=redraw_every,
                callback=callback,
                progress=False,
                history=state["history"],
            )
            done = state["history"].steps_done - start_step
            state["speed"] = (done, time.perf_counter() - started, float(rate.value), int(batch.value))
            redraw()
        finally:
            for control in (*controls, train_button, reset_button):
                control.disabled = False

    def steps_changed(change) -> None:
        train_button.description = f"train {change['new']} steps"

    controls = [data, steps, hidden, rate, batch, spread, seeds]
    for control in (data, hidden, spread, seeds):
        control.observe(reset, names="value")
    for control in (rate, batch):  # they apply from the next click: the text says so
        control.observe(lambda change: redraw(), names="value")
    steps.observe(steps_changed, names="value")
    train_button.on_click(run)
    reset_button.on_click(reset)
    reset()
    box = W.VBox(
        [
            W.HBox([data, steps]),
            hidden,
            rate,
            batch,
            spread,
            seeds,
            W.HBox([train_button, reset_button]),
            image,
            text,
        ]
    )
    box.plot, box.train_button, box.reset_button = plot, train_button, reset_button
    return box


def _status(
    settings, net, history, loss, train_acc, test_acc, n_train, n_test, running, state, method
) -> str:
    """The numbers under the picture: the step, the losses, the accuracies, and the speed of the last click."""
    last = history.step_loss[-1] if history.step_loss else np.nan
    rows = [
        ("step", str(history.steps_done), "training…" if running else ""),
        ("loss on the training set", number(loss, 4) if np.isfinite(loss) else str(loss), "cross-entropy"),
        ("loss of the last mini-batch", number(last, 4) if np.isfinite(last) else "—", ""),
        ("train accuracy", _percent(train_acc), f"{n_train} points"),
        ("test accuracy", _percent(test_acc), f"{n_test} points, never trained on"),
    ]
    sizes = f"network 2–{net.hidden_size}–2, {net.activation} ({net.param_count()} parameters, {method})"
    if running:
        done, total = running
        line = f"{sizes}; training: {done} of {total} steps"
    elif state["speed"] is not None:
        done, seconds, lr, batch = state["speed"]
        rate = done / seconds if seconds > 0 else float("inf")
        line = (
            f"{sizes}; the last click: {done} steps in {seconds:.1f} s ({rate:.0f} steps/s with the redraws), "
            f"η = {lr:.3g}, batch size {batch}"
        )
    else:
        line = f"{sizes}, new weights: press “train” to start"
    if not running:
        line += f"; the next click: η = {settings[0]:.3g}, batch size {settings[1]}"
    diverged = not np.isfinite(loss) or (history.step_loss and not np.all(np.isfinite(history.step_loss)))
    if diverged:
        line += ". The loss became inf or NaN: η is too large, the weights overflowed. Press “reset”"
    return number_table(rows) + f"{line}."
