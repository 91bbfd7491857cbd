"""The playground widget: choose a data set and a network, press play, and watch it learn, with the code
that does the same one click away.

How it trains live: an ``ipywidgets.Play`` control is the clock. Its timer runs in the browser and moves
its value every ``interval`` ms while it plays; each new value reaches the kernel as a widget message, and
the handler trains ``steps per frame`` steps and redraws (a few tens of ms), then returns. So the kernel is
free between frames: a moved slider or a click is handled between two frames and applies to the next one;
pause stops the browser's timer, and no frame comes after the ticks already sent. A tick that arrives
while the kernel was still busy with the last frame (sent while the frame ran, so it arrives right after
it) is dropped, so a slow machine shows fewer frames instead of a growing queue, and pause stays prompt.

Why this mechanism: a background thread or an asyncio task would keep training after the handler
returns, but Google Colab does not show widget updates sent from a thread or task once the cell that
started it has finished (googlecolab/colabtools#3373), and ipywidgets' own thread example fails on
ipykernel 7 (jupyter-widgets/ipywidgets#4001). Updates sent from inside a handler work on every stack of
the series (JupyterLab, Voilà, Colab's ipywidgets 7.7.1; see also :mod:`nbhelpers.widgets.training`).
The Play control is in ipywidgets 7 and 8; its flag is ``_playing`` in 7 and ``playing`` in 8.

The pictures are SVG (:mod:`nbhelpers.plots.playground`) in ``HTML`` widgets: a frame of all of them
takes a few ms to build, where a matplotlib PNG takes 20–30 ms per picture.
"""

from __future__ import annotations

import html
import time
from collections import deque

import ipywidgets as W
import numpy as np

from ..playground import (
    ACTIVATION_CHOICES,
    DATASET_CHOICES,
    FEATURE_LABELS,
    FEATURES,
    OPTIMIZER_CHOICES,
    Playground,
)
from ..plots.playground import boundary_svg, grad_norm_svg, loss_svg, network_svg, neuron_svg
from ._controls import choice_slider, dropdown, number_table, slider

__all__ = ["playground", "LR_CHOICES", "BATCH_CHOICES", "L2_CHOICES", "SPEED_CHOICES", "PLAYING"]

LR_CHOICES = (0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
BATCH_CHOICES = (1, 2, 5, 10, 20, 50, 100)
L2_CHOICES = (0.0, 0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1)
SPEED_CHOICES = (1, 2, 5, 10, 20, 50)  # training steps per frame
#: The name of the Play control's "is playing" flag in this ipywidgets (7: ``_playing``; 8: ``playing``).
PLAYING = "playing" if "playing" in W.Play.class_trait_names() else "_playing"
_ACTIVATION_LABELS = {"relu": "ReLU", "tanh": "tanh", "sigmoid": "sigmoid", "identity": "linear (none)"}
_BACKLOG = 0.004  # s: a tick that comes sooner than this after the last frame ended was sent during it
_MAP = 80  # the decision map's resolution (a 80 × 80 grid: 6400 points through the network)
_NODE_MAP = 24  # each neuron's small map
_BIG_MAP = 60  # the neuron shown large


def _nearest(value, choices):
    return min(choices, key=lambda c: abs(np.log10(c + 1e-12) - np.log10(value + 1e-12)))


def playground(
    dataset="circles",
    features=("x1", "x2"),
    hidden_layers=2,
    neurons=8,
    activation="tanh",
    optimizer="SGD",
    lr=0.1,
    batch_size=10,
    l2=0.0,
    noise=0.1,
    test_ratio=0.5,
    steps_per_frame=10,
    interval=60,
    seed=0,
    n=500,
) -> W.VBox:
    """A :class:`nbhelpers.playground.Playground` with controls and live pictures, TensorFlow-Playground style.

    Controls: the data set, its noise and the share kept for testing; the input features; the number of
    hidden layers (0–4) and neurons per layer (1–16); the activation; the optimizer, learning rate η, batch
    size and L2 weight decay λ (each of these four starts at the slider's choice nearest to the argument);
    steps per frame. ▶ plays (a frame every ``interval`` ms: ``steps per
    frame`` steps, then the pictures), ❚❚ pauses (■ too), "step" takes one training step, "reset" draws
    new first weights (the next seed). η, the batch size and λ apply from the next step; the other
    settings start a new network. Pictures: the network (each neuron's output over the plane, edges by
    weight), the decision map with the points, the losses, the gradient's size per layer, one neuron
    large ("show neuron"). "show me the code" prints the nbhelpers calls that give the same training;
    "export weights" prints the weights as Python and keeps them in the box's ``exported``.

    The returned box has the parts as attributes, for scripts and tests: ``pg`` (the Playground), ``play``,
    ``step_button``, ``reset_button``, ``code_button``, ``export_button``, ``controls`` (a dict by
    setting), ``boundary``, ``network``, ``losses``, ``gradients``, ``neuron``, ``neuron_menu``, ``text``,
    ``code``, ``exported``, ``frames`` (frames drawn), ``dropped`` (ticks dropped), ``tick()`` (one
    frame, as a tick of the clock), ``backlog`` (s; 0 takes every tick).

    Not in the book (TensorFlow Playground); notebook 13.
    """
    if not 0 <= hidden_layers <= 4:
        raise ValueError(f"hidden_layers must be 0 to 4, got {hidden_layers!r}")
    # the sliders' values: an argument between two choices starts at the nearest (and trains with it)
    lr, batch_size = _nearest(lr, LR_CHOICES), _nearest(batch_size, BATCH_CHOICES)
    l2, steps_per_frame = _nearest(l2, L2_CHOICES), _nearest(steps_per_frame, SPEED_CHOICES)
    pg = Playground(
        dataset=dataset,
        n=n,
        noise=noise,
        test_ratio=test_ratio,
        features=features,
        hidden=(neurons,) * hidden_layers,
        activation=activation,
        optimizer=optimizer,
        lr=lr,
        batch_size=batch_size,
        l2=l2,
        seed=seed,
    )
    c = {
        "dataset": dropdown("data", list(DATASET_CHOICES), dataset, width="170px"),
        "noise": slider("noise", noise, 0.0, 0.5, 0.05),
        "test_ratio": slider("test share", test_ratio, 0.1, 0.9, 0.1),
        "hidden_layers": slider("hidden layers", hidden_layers, 0, 4, kind=W.IntSlider),
        "neurons": slider("neurons per layer", neurons, 1, 16, kind=W.IntSlider),
        "activation": dropdown(
            "activation", [(_ACTIVATION_LABELS[a], a) for a in ACTIVATION_CHOICES], activation, "190px"
        ),
        "optimizer": dropdown("optimizer", list(OPTIMIZER_CHOICES), optimizer, width="190px"),
        "lr": choice_slider("learning rate η", LR_CHOICES, [f"{v:g}" for v in LR_CHOICES], lr),
        "batch_size": choice_slider("batch size", BATCH_CHOICES, [str(v) for v in BATCH_CHOICES], batch_size),
        "l2": choice_slider(
            "L2 weight decay λ",
            L2_CHOICES,
            ["none"] + [f"{v:g}" for v in L2_CHOICES[1:]],
            l2,
        ),
        "speed": choice_slider(
            "steps per frame",
            SPEED_CHOICES,
            [str(v) for v in SPEED_CHOICES],
            steps_per_frame,
        ),
    }
    for control in c.values():
        control.layout.width = (
            "330px"
            if isinstance(control, (W.IntSlider, W.FloatSlider, W.SelectionSlider))
            else control.layout.width
        )
    boxes = {
        name: W.Checkbox(
            value=name in pg.settings["features"],
            description=FEATURE_LABELS[name],
            indent=False,
            layout=W.Layout(width="80px"),
        )
        for name in FEATURES
    }
    play = W.Play(
        value=0, min=0, max=2**31 - 1, step=1, interval=int(interval), show_repeat=False, description="play"
    )
    step_button = W.Button(description="step", icon="step-forward", tooltip="one training step")
    reset_button = W.Button(description="reset", icon="refresh", tooltip="new first weights (the next seed)")
    code_button = W.ToggleButton(description="show me the code", icon="code", value=False)
    export_button = W.Button(description="export weights", icon="download")
    html_layout = W.Layout(max_width="100%")
    boundary, network, losses, gradients, neuron, text, code = (W.HTML(layout=html_layout) for _ in range(7))
    for part, name in (
        (boundary, "boundary"),
        (network, "network"),
        (losses, "losses"),
        (gradients, "gradients"),
    ):
        part.add_class(f"nbh-playground-{name}")
    neuron_menu = dropdown("show neuron", [("output", (-1, 0))], (-1, 0), width="260px")
    state = {"finished": 0.0, "times": deque(maxlen=20), "steps": deque(maxlen=20)}

    def neuron_options():
        s = pg.settings
        options = [(f"input {FEATURE_LABELS[f]}", (0, i)) for i, f in enumerate(s["features"])]
        for k, size in enumerate(s["hidden"], start=1):
            options += [(f"layer {k}, neuron {i + 1}", (k, i)) for i in range(size)]
        return options + [("output P(class 1)", (len(s["hidden"]) + 1, 0))]

    def redraw() -> None:
        s, h = pg.settings, pg.history
        with np.errstate(all="ignore"):
            probabilities = pg.probability_map(_MAP)
            maps = pg.neuron_maps(_NODE_MAP)
        weights = [pg.net.params[f"W{k}"] for k in range(1, len(s["hidden"]) + 2)]
        layer, index = neuron_menu.value
        boundary.value = boundary_svg(
            probabilities, pg.x_train, pg.t_train, pg.x_test, pg.t_test, title="the decision map"
        )
        network.value = network_svg(
            maps,
            weights,
            labels=[FEATURE_LABELS[f] for f in s["features"]],
            activation_label=_ACTIVATION_LABELS[s["activation"]],
            selected=(layer, index),
        )
        losses.value = loss_svg(pg.loss_steps, pg.train_loss, pg.test_loss)
        gradients.value = grad_norm_svg(np.arange(1, h.steps_done + 1), _norms(h, state))
        with np.errstate(all="ignore"):
            big = pg.neuron_maps(_BIG_MAP)[layer][index]
        output = layer == len(s["hidden"]) + 1  # the output: a probability, 0.5 in white
        neuron.value = neuron_svg(big, title=neuron_menu.label, **({"lo": 0.0, "hi": 1.0} if output else {}))
        text.value = _status(pg, state)
        if code_button.value:
            code.value = _pre(
                pg.code(), "Paste this into a new cell: it trains the same network in the same steps."
            )

    def rebuild_menu() -> None:
        """The menu for the new network, keeping the neuron shown if it still exists (by its name: "layer 2,
        neuron 3", "output"), else showing the output."""
        shown = neuron_menu.label
        options = neuron_options()
        keep = next((value for label, value in options if label == shown), options[-1][1])
        neuron_menu.unobserve(on_neuron, names="value")
        neuron_menu.options = options
        neuron_menu.value = keep
        neuron_menu.observe(on_neuron, names="value")

    def frame(steps: int) -> None:
        started = time.perf_counter()
        if state["times"] and started - state["times"][-1][1] > 1.0:  # after a pause: measure anew
            state["times"].clear()
            state["steps"].clear()
        pg.step(steps)
        redraw()
        state["finished"] = time.perf_counter()
        state["times"].append((started, state["finished"]))
        state["steps"].append(steps)
        box.frames += 1

    def on_tick(change) -> None:
        if change["new"] <= change["old"]:  # ■ rewinds the control: nothing to train
            return
        if time.perf_counter() - state["finished"] < box.backlog:
            box.dropped += 1  # sent while the last frame was drawn: skip it, keep up with the clock
            return
        frame(int(c["speed"].value))

    def on_setting(change) -> None:
        pg.change(
            dataset=c["dataset"].value,
            noise=float(c["noise"].value),
            test_ratio=round(float(c["test_ratio"].value), 6),
            hidden=(int(c["neurons"].value),) * int(c["hidden_layers"].value),
            activation=c["activation"].value,
            optimizer=c["optimizer"].value,
            lr=c["lr"].value,
            batch_size=c["batch_size"].value,
            l2=c["l2"].value,
        )
        rebuild_menu()
        redraw()

    def on_feature(change) -> None:
        chosen = [f for f in FEATURES if boxes[f].value]
        if not chosen:  # the network needs an input: keep this one
            change["owner"].value = True
            return
        pg.change(features=chosen)
        rebuild_menu()
        redraw()

    def on_neuron(change) -> None:
        redraw()

    def on_reset(button=None) -> None:
        pg.reset()
        redraw()

    def on_code(change) -> None:
        code.value = (
            _pre(pg.code(), "Paste this into a new cell: it trains the same network in the same steps.")
            if change["new"]
            else ""
        )

    def on_export(button=None) -> None:
        box.exported = pg.export()
        code_button.value = False
        code.value = _pre(
            pg.params_code(),
            "The trained weights, every digit: paste into a new cell, or use this widget's <code>.exported</code>.",
        )

    for name, control in c.items():
        if name != "speed":
            control.observe(on_setting, names="value")
    for control in boxes.values():
        control.observe(on_feature, names="value")
    play.observe(on_tick, names="value")
    neuron_menu.observe(on_neuron, names="value")
    step_button.on_click(lambda button: frame(1))
    reset_button.on_click(on_reset)
    code_button.observe(on_code, names="value")
    export_button.on_click(on_export)

    column = W.Layout(margin="0 12px 0 0")
    data = W.VBox([W.HTML("<b>data</b>"), c["dataset"], c["noise"], c["test_ratio"]], layout=column)
    net_box = W.VBox(
        [W.HTML("<b>network</b>"), c["hidden_layers"], c["neurons"], c["activation"]], layout=column
    )
    training = W.VBox(
        [W.HTML("<b>training</b>"), c["optimizer"], c["lr"], c["batch_size"], c["l2"]], layout=column
    )
    features_row = W.HBox(
        [W.HTML("<b>inputs</b>&nbsp;", layout=W.Layout(width="60px")), *boxes.values()],
        layout=W.Layout(flex_flow="row wrap"),
    )
    clock = W.HBox([play, step_button, reset_button, c["speed"]], layout=W.Layout(flex_flow="row wrap"))
    pictures = W.HBox([network, W.VBox([boundary, losses])], layout=W.Layout(flex_flow="row wrap"))
    more = W.HBox([gradients, W.VBox([neuron_menu, neuron])], layout=W.Layout(flex_flow="row wrap"))
    box = W.VBox(
        [
            W.HBox([data, net_box, training], layout=W.Layout(flex_flow="row wrap")),
            features_row,
            clock,
            text,
            pictures,
            more,
            W.HBox([code_button, export_button]),
            code,
        ]
    )
    box.add_class("nbh-playground")
    box.frames, box.dropped, box.backlog, box.exported = 0, 0, _BACKLOG, None
    rebuild_menu()
    redraw()
    for name, value in dict(
        pg=pg,
        play=play,
        step_button=step_button,
        reset_button=reset_button,
        code_button=code_button,
        export_button=export_button,
        controls={**c, **{f"feature {f}": b for f, b in boxes.items()}},
        boundary=boundary,
        network=network,
        losses=losses,
        gradients=gradients,
        neuron=neuron,
        neuron_menu=neuron_menu,
        text=text,
        code=code,
        tick=lambda: frame(int(c["speed"].value)),
    ).items():
        setattr(box, name, value)
    return box


def _norms(history, state: dict) -> np.ndarray:
    """``history.grad_norms`` as an array (steps, L), converting only the steps added since the last frame."""
    done = state.get("norms")
    if state.get("norms_of") is not history or done is None:  # a new network: start again
        done = np.empty((0, len(history.grad_norms[0]) if history.grad_norms else 1))
    if len(done) < len(history.grad_norms):
        done = np.concatenate(
            [done.reshape(-1, len(history.grad_norms[0])), np.asarray(history.grad_norms[len(done) :])]
        )
    state["norms"], state["norms_of"] = done, history
    return done


def _pre(source: str, note: str) -> str:
    return (
        f"<div>{note}</div><pre style='font-size:12px; line-height:1.35; background:#f7f7f7; padding:8px; "
        f"white-space:pre; overflow-x:auto; max-width:100%; user-select:text'>{html.escape(source)}</pre>"
    )


def _status(pg: Playground, state: dict) -> str:
    """The numbers over the pictures: the step and epoch, the losses (as ``code()`` prints them), the
    accuracies, and the speed of the last frames."""
    h, s = pg.history, pg.settings
    train_acc = f"{100 * h.train_acc[-1]:.1f}%" if h.train_acc else "—"
    test_acc = f"{100 * h.test_acc[-1]:.1f}%" if h.test_acc else "—"
    rows = [
        ("step", f"{h.steps_done}", f"epoch {pg.epochs:.1f} ({len(pg.x_train)} training points)"),
        ("train loss", _loss(pg.train_loss[-1]), f"accuracy {train_acc}"),
        (
            "test loss",
            _loss(pg.test_loss[-1]),
            f"accuracy {test_acc} ({len(pg.x_test)} points never trained on)",
        ),
    ]
    times, steps = list(state["times"]), list(state["steps"])
    if len(times) >= 2:  # the frames drawn lately (since the last pause): how fast it goes
        span = times[-1][0] - times[0][0]
        busy = sum(end - start for start, end in times) / len(times)
        rows.append(
            (
                "speed",
                f"{(len(times) - 1) / span:.1f}",
                f"frames/s, {sum(steps[1:]) / span:.0f} steps/s ({1000 * busy:.0f} ms of work per frame)",
            )
        )
    net = "–".join(str(v) for v in (len(s["features"]), *s["hidden"], 2))
    line = f"network {net} ({pg.net.param_count()} parameters), seed {s['seed']}"
    if not np.isfinite(pg.train_loss[-1]):
        line += ". The loss became inf or NaN: η is too large. Lower it and press “reset”"
    return number_table(rows) + f"{line}."


def _loss(value: float) -> str:
    return f"{value:.6f}" if np.isfinite(value) else str(value)
