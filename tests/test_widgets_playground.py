"""The playground widget of notebook 13 (nbhelpers/widgets/playground.py), driven from Python.

The Play control is the clock: the browser moves its value every ``interval`` ms while it plays, and each
new value trains ``steps per frame`` steps and redraws. Here a tick is simulated by incrementing
``play.value`` (with ``box.backlog = 0``, so that no tick is dropped for coming too soon after the last
frame). Every control moves what the docstring says; pause and stop train nothing; the extremes draw without
an error or a warning (warnings are errors here); "show me the code" gives code that prints the same losses
in a fresh Python; "export weights" gives the same arrays; two widgets with the same settings draw the same.
Like tests/test_widgets.py, this file needs nothing but the package and pytest (no hypothesis), so that it
runs on Colab's package versions too (ipywidgets 7.7.1: the Play control's flag is ``_playing`` there, and
``playing`` in 8; ``widgets.PLAYING`` names the right one).
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
import time
import warnings
from pathlib import Path

import ipywidgets as W
import numpy as np
import pytest

from nbhelpers import widgets
from nbhelpers.playground import ACTIVATION_CHOICES, DATASET_CHOICES, FEATURES, OPTIMIZER_CHOICES
from nbhelpers.widgets import BATCH_CHOICES, L2_CHOICES, LR_CHOICES, PLAYING, SPEED_CHOICES

ROOT = Path(__file__).resolve().parent.parent
PICTURES = ("boundary", "network", "losses", "gradients", "neuron")


def build(**settings):
    """A playground that takes every tick (no tick dropped for coming too soon)."""
    box = widgets.playground(**settings)
    box.backlog = 0
    return box


def shown(box) -> dict:
    """What the widget shows: its pictures and its text."""
    return {name: getattr(box, name).value for name in (*PICTURES, "text")}


def ticks(box, n: int) -> None:
    """``n`` ticks of the clock, as the browser's Play control sends them while it plays."""
    for _ in range(n):
        box.play.value += 1


def steps(box) -> int:
    return box.pg.history.steps_done


def plain(text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text)))


def pre(text: str) -> str:
    """The source shown in the code area's ``<pre>``."""
    (source,) = re.findall(r"<pre[^>]*>(.*?)</pre>", text, re.S)
    return html.unescape(source)


def is_svg(value: str) -> bool:
    return value.lstrip().startswith("<svg") and value.rstrip().endswith("</svg>") and "max-width" in value


@pytest.fixture(autouse=True)
def strict():
    """Every warning is an error (as pyproject.toml's filterwarnings), also NumPy's floating-point ones."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


# ---- building, the clock ------------------------------------------------------------------------------


def test_playground_builds_with_every_part_and_draws_at_start():
    box = widgets.playground()
    assert isinstance(box, W.VBox) and "nbh-playground" in box._dom_classes
    assert isinstance(box.play, W.Play) and getattr(box.play, PLAYING) is False
    assert (box.play.value, box.play.interval) == (0, 60)
    for name in PICTURES:
        assert is_svg(getattr(box, name).value), f"{name}: not an SVG picture"
    for name in ("boundary", "network", "losses", "gradients"):
        assert f"nbh-playground-{name}" in getattr(box, name)._dom_classes
    assert "no steps yet" in box.gradients.value and re.search(r"train \d\.\d{3}", box.losses.value)
    assert box.boundary.value.count("<circle") >= 500, "every point drawn (250 train, 250 test)"
    words = plain(box.text.value)
    assert "step 0 " in words and "network 2–8–8–2 (114 parameters), seed 0." in words
    assert box.code.value == "" and box.exported is None and (box.frames, box.dropped) == (0, 0)
    assert box.backlog > 0, "a tick right after a frame is dropped by default"
    assert set(box.controls) == {
        "dataset", "noise", "test_ratio", "hidden_layers", "neurons", "activation", "optimizer", "lr",
        "batch_size", "l2", "speed", *(f"feature {f}" for f in FEATURES),
    }  # fmt: skip
    assert [box.controls[f"feature {f}"].value for f in FEATURES] == [True, True] + [False] * 5
    assert box.pg.settings["hidden"] == (8, 8) and box.controls["speed"].value == 10


def test_play_trains_steps_per_frame_each_tick_and_redraws_everything():
    box = build()
    setattr(box.play, PLAYING, True)  # ▶ (the browser's timer sends the ticks)
    for n in range(1, 4):
        before = shown(box)
        ticks(box, 1)
        assert steps(box) == 10 * n and box.frames == n
        now = shown(box)
        for name, value in now.items():
            assert value != before[name], f"tick {n}: the {name} did not change"
        assert f"step {10 * n} " in plain(box.text.value)
        assert box.pg.loss_steps[-1] == 10 * n
    ticks(box, 7)
    assert steps(box) == 100 and box.frames == 10 and box.dropped == 0
    assert "frames/s" in box.text.value, "the speed of the last frames is shown while it plays"
    setattr(box.play, PLAYING, False)  # ❚❚: the browser sends no more ticks
    before = shown(box)
    time.sleep(0.05)
    assert shown(box) == before and steps(box) == 100


def test_stop_rewinds_the_clock_and_trains_nothing():
    box = build()
    setattr(box.play, PLAYING, True)
    ticks(box, 3)
    before = shown(box)
    setattr(box.play, PLAYING, False)  # ■: pause, and the value back to its minimum
    box.play.value = box.play.min
    assert steps(box) == 30 and box.frames == 3 and shown(box) == before
    setattr(box.play, PLAYING, True)  # ▶ again: it goes on from where it stopped
    ticks(box, 1)
    assert steps(box) == 40 and box.frames == 4


def test_a_tick_right_after_a_frame_is_dropped():
    box = widgets.playground()  # the default backlog
    assert box.backlog > 0
    sent = 0
    for _ in range(5):  # (on a busy machine a pause between the two could let the second in: try again)
        box.play.value += 1
        box.play.value += 1  # sent while the first frame was drawn: it arrives right after it
        sent += 2
        if box.dropped:
            break
    assert box.dropped >= 1 and box.frames + box.dropped == sent
    assert steps(box) == 10 * box.frames
    time.sleep(2 * box.backlog)  # the next tick of a clock that waited: taken
    frames = box.frames
    box.play.value += 1
    assert box.frames == frames + 1 and steps(box) == 10 * box.frames


def test_step_button_takes_exactly_one_step():
    box = build()
    before = shown(box)
    box.step_button.click()
    assert steps(box) == 1 and box.frames == 1
    assert all(getattr(box, n).value != before[n] for n in ("boundary", "losses", "gradients", "text"))
    ticks(box, 2)
    box.step_button.click()
    assert steps(box) == 22


def test_reset_draws_new_first_weights_from_the_next_seed():
    box = build(seed=3)
    first = box.pg.export()
    ticks(box, 5)
    x_train = box.pg.x_train.copy()
    box.reset_button.click()
    assert steps(box) == 0 and box.pg.settings["seed"] == 4 and box.pg.loss_steps == [0]
    assert "step 0 " in plain(box.text.value) and "seed 4." in plain(box.text.value)
    assert not np.array_equal(box.pg.net.params["W1"], first["W1"]), "new weights, not the old ones again"
    np.testing.assert_array_equal(box.pg.x_train, x_train)  # the data stay
    assert "no steps yet" in box.gradients.value
    box.reset_button.click()
    assert box.pg.settings["seed"] == 5


# ---- the settings, mid-run ----------------------------------------------------------------------------


def _restarts(box, name, value, why=""):
    """Set control ``name`` to ``value`` mid-run: a new network (step 0) and a new picture."""
    ticks(box, 2)
    before, seed = shown(box), box.pg.settings["seed"]
    box.controls[name].value = value
    assert steps(box) == 0, f"{name} = {value!r}: no new network"
    assert box.pg.settings["seed"] == seed, "a new setting starts from the same seed"
    assert box.network.value != before["network"] or box.boundary.value != before["boundary"], (
        f"{name} = {value!r}: the pictures stayed {why}"
    )
    assert box.text.value != before["text"]
    ticks(box, 1)
    assert steps(box) == box.controls["speed"].value


def test_data_settings_make_new_data_and_restart():
    box = build()
    for dataset in [d for d in DATASET_CHOICES if d != "circles"] + ["circles"]:
        x_train = box.pg.x_train.copy()
        _restarts(box, "dataset", dataset)
        assert box.pg.settings["dataset"] == dataset
        assert not np.array_equal(box.pg.x_train, x_train)
    for noise in (0.0, 0.5, 0.25):
        x_train = box.pg.x_train.copy()
        _restarts(box, "noise", noise)
        assert box.pg.settings["noise"] == noise and not np.array_equal(box.pg.x_train, x_train)
    for share in (0.1, 0.9, 0.3):
        _restarts(box, "test_ratio", share)
        assert box.pg.settings["test_ratio"] == round(share, 6)
        assert len(box.pg.x_test) == round(500 * share) and len(box.pg.x_train) == 500 - len(box.pg.x_test)
        assert f"({len(box.pg.x_test)} points never trained on)" in plain(box.text.value)


def _menu_matches_the_network(box):
    s = box.pg.settings
    options = list(box.neuron_menu.options)
    expected = len(s["features"]) + sum(s["hidden"]) + 1
    assert len(options) == expected, f"{len(options)} neurons in the menu for {s['features']} {s['hidden']}"
    assert options[-1] == ("output P(class 1)", (len(s["hidden"]) + 1, 0))
    assert [v for _, v in options[: len(s["features"])]] == [(0, i) for i in range(len(s["features"]))]
    for k, size in enumerate(s["hidden"], start=1):
        assert [v for _, v in options if v[0] == k] == [(k, i) for i in range(size)]
    assert box.neuron_menu.value in [v for _, v in options]


def test_network_settings_restart_and_the_neuron_menu_follows():
    box = build()
    for layers in (0, 4, 1, 3, 2):
        _restarts(box, "hidden_layers", layers)
        assert box.pg.settings["hidden"] == (8,) * layers
        assert len(box.pg.net.params) == 2 * (layers + 1)
        _menu_matches_the_network(box)
        net = "–".join(["2", *["8"] * layers, "2"])
        assert f"network {net} (" in plain(box.text.value)
    for neurons in (1, 16, *range(2, 16)):
        _restarts(box, "neurons", neurons)
        assert box.pg.settings["hidden"] == (neurons, neurons)
        assert box.pg.net.params["W2"].shape == (neurons, neurons)
        _menu_matches_the_network(box)
    for activation in [a for a in ACTIVATION_CHOICES if a != "tanh"] + ["tanh"]:
        _restarts(box, "activation", activation)
        assert box.pg.settings["activation"] == activation and box.pg.net.activation == activation
    for optimizer in [o for o in OPTIMIZER_CHOICES if o != "SGD"] + ["SGD"]:
        _restarts(box, "optimizer", optimizer, "(a new network: the same first weights may draw the same)")
        assert box.pg.settings["optimizer"] == optimizer
        assert type(box.pg.optimizer).__name__ == optimizer


def test_optimizer_restarts_from_the_same_first_weights():
    box = build()
    first = box.pg.export()
    ticks(box, 3)
    box.controls["optimizer"].value = "Adam"
    assert steps(box) == 0
    for key, value in first.items():
        np.testing.assert_array_equal(box.pg.net.params[key], value)


@pytest.mark.parametrize(
    "name, choices", [("lr", LR_CHOICES), ("batch_size", BATCH_CHOICES), ("l2", L2_CHOICES)]
)
def test_learning_rate_batch_size_and_l2_keep_the_steps_and_apply_next(name, choices):
    box = build()
    ticks(box, 3)
    weights = box.pg.export()
    for value in (choices[-1], choices[0], choices[len(choices) // 2]):
        done = steps(box)
        box.controls[name].value = value
        assert steps(box) == done, f"{name} = {value}: the run started again"
        assert box.pg.settings[name] == value
        for key, array in weights.items():
            np.testing.assert_array_equal(box.pg.net.params[key], array)  # nothing trained by the change
        ticks(box, 1)
        assert steps(box) == done + 10
        assert box.pg.segments[-1][1:] == [box.pg.settings[k] for k in ("lr", "batch_size", "l2")]
        weights = box.pg.export()
    if name == "lr":
        expected = [0.1, choices[-1], choices[0], choices[len(choices) // 2]]
        assert [seg[1] for seg in box.pg.segments] == expected


def test_steps_per_frame_keeps_the_run_and_sets_the_next_frames():
    box = build()
    ticks(box, 1)
    for speed in (SPEED_CHOICES[-1], SPEED_CHOICES[0], 5):
        done = steps(box)
        box.controls["speed"].value = speed
        assert steps(box) == done
        ticks(box, 2)
        assert steps(box) == done + 2 * speed
    box.step_button.click()  # "step" is one step, whatever the speed
    assert steps(box) == 10 + 50 * 2 + 1 * 2 + 5 * 2 + 1


def test_feature_checkboxes_choose_the_inputs_and_the_last_one_stays():
    box = build()
    ticked = ["x1", "x2"]
    for f in FEATURES[2:]:
        _restarts(box, f"feature {f}", True)
        ticked.append(f)
        assert box.pg.settings["features"] == tuple(ticked)
        assert box.pg.net.params["W1"].shape[0] == len(ticked)
        _menu_matches_the_network(box)
    assert "network 7–8–8–2" in plain(box.text.value)
    for f in FEATURES[:-1]:
        _restarts(box, f"feature {f}", False)
        ticked.remove(f)
        assert box.pg.settings["features"] == tuple(ticked)
    assert box.pg.settings["features"] == ("sin(x2)",)
    ticks(box, 1)
    before = shown(box)
    box.controls["feature sin(x2)"].value = False  # the last input: it stays ticked
    assert box.controls["feature sin(x2)"].value is True
    assert box.pg.settings["features"] == ("sin(x2)",)
    assert box.pg.net.params["W1"].shape[0] == 1 and box.boundary.value == before["boundary"]
    _menu_matches_the_network(box)


def test_neuron_menu_redraws_the_neuron_picture_for_each_choice():
    box = build(hidden_layers=2, neurons=3, features=("x1", "x2", "x1*x2"))
    ticks(box, 2)
    assert box.neuron_menu.value == (3, 0) and "output P(class 1)" in box.neuron.value
    pictures, network = {box.neuron.value}, {box.network.value}
    for label, value in box.neuron_menu.options[:-1]:
        before = box.neuron.value
        box.neuron_menu.value = value
        assert box.neuron.value != before and html.escape(label) in box.neuron.value, f"{label}: not drawn"
        assert steps(box) == 20, "choosing a neuron trains nothing"
        pictures.add(box.neuron.value)
        network.add(box.network.value)  # (the chosen neuron is outlined there)
    assert len(pictures) == len(network) == len(box.neuron_menu.options) == 3 + 6 + 1
    box.neuron_menu.value = (2, 2)
    box.controls["hidden_layers"].value = 1  # layer 2 is gone: the menu comes back to the output
    _menu_matches_the_network(box)
    assert box.neuron_menu.value == (2, 0) and "output P(class 1)" in box.neuron.value


# ---- the code and the weights -------------------------------------------------------------------------


def test_show_me_the_code_runs_in_a_fresh_python_and_prints_the_same_losses():
    box = build(dataset="xor", hidden_layers=1, neurons=5, activation="relu", optimizer="Momentum")
    ticks(box, 3)
    box.controls["lr"].value = 0.03  # live settings changed mid-run: the code has each stretch
    box.controls["batch_size"].value = 20
    ticks(box, 2)
    box.controls["l2"].value = 0.001
    box.controls["speed"].value = 5
    ticks(box, 1)
    box.step_button.click()
    assert box.code.value == ""
    box.code_button.value = True
    source = pre(box.code.value)
    assert source == box.pg.code() and "Paste this into a new cell" in box.code.value
    ticks(box, 1)  # while it shows, the code follows the run
    source = pre(box.code.value)
    assert source == box.pg.code() and "steps = 61" in source
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    run = subprocess.run(
        [sys.executable, "-W", "error", "-c", source],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=env,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.strip() == box.pg.loss_line(), "the code's run and the widget's differ"
    assert f"# prints: {box.pg.loss_line()}" in source
    box.code_button.value = False
    assert box.code.value == ""


def test_export_weights_keeps_them_and_shows_them_as_python():
    box = build(hidden_layers=3, neurons=4)
    ticks(box, 2)
    box.code_button.value = True
    box.export_button.click()
    params = box.pg.net.params
    assert set(box.exported) == set(params) == {f"{p}{k}" for p in "Wb" for k in range(1, 5)}
    for key, value in params.items():
        np.testing.assert_array_equal(box.exported[key], value)
        assert box.exported[key] is not value, "a copy, which training on does not change"
    assert box.code_button.value is False and "exported" in box.code.value
    namespace = {}
    exec(pre(box.code.value), namespace)
    for key, value in params.items():
        assert namespace["params"][key].dtype == value.dtype
        np.testing.assert_array_equal(namespace["params"][key], value)  # every digit
    kept = {k: v.copy() for k, v in box.exported.items()}
    ticks(box, 1)
    for key, value in kept.items():
        np.testing.assert_array_equal(box.exported[key], value)


# ---- extremes, determinism, speed ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "settings",
    [
        dict(hidden_layers=0),
        dict(hidden_layers=4, neurons=16, features=FEATURES),
        dict(hidden_layers=1, neurons=1, features=("sin(x1)",), batch_size=1, noise=0.5, test_ratio=0.9),
        dict(activation="relu", lr=3.0, optimizer="Momentum", hidden_layers=4, neurons=16, l2=0.1),
        dict(activation="identity", lr=3.0, optimizer="Adam", dataset="spirals", features=FEATURES),
    ],
    ids=["no-hidden-layer", "4x16-all-features", "1-neuron", "relu-lr3-momentum", "linear-lr3-adam"],
)
def test_extremes_draw_without_a_warning(settings):
    box = build(**settings)
    box.controls["speed"].value = 50
    ticks(box, 4)
    box.neuron_menu.value = box.neuron_menu.options[len(box.neuron_menu.options) // 2][1]
    box.step_button.click()
    assert steps(box) == 201
    for name in PICTURES:
        assert is_svg(getattr(box, name).value)
    if settings.get("hidden_layers") == 0:
        assert "network 2–2 (6 parameters)" in plain(box.text.value)


def test_a_diverged_run_says_so_and_draws_without_a_warning():
    """The largest η on the sliders does not make the loss infinite (the cross-entropy's gradient is
    bounded); an η·λ of 1000 does: each step multiplies the weights by 1 − ηλ = −999, so they overflow."""
    for first_ticks in (0, 1):  # (from the first step on, or mid-run: they overflow in different places)
        box = build(activation="relu")
        ticks(box, first_ticks)
        box.pg.change(lr=1e4, l2=0.1)  # (beyond the sliders, through the Playground under the widget)
        for _ in range(40):
            ticks(box, 1)
            if not np.isfinite(box.pg.train_loss[-1]):
                break
        assert not np.isfinite(box.pg.train_loss[-1])
        ticks(box, 3)  # it goes on ticking with the weights at inf or NaN
        words = plain(box.text.value)
        assert "The loss became inf or NaN" in words and re.search(r"train loss (nan|inf)", words)
        box.step_button.click()
        box.neuron_menu.value = (1, 0)
        box.code_button.value = True
        box.export_button.click()
        for name in PICTURES:
            assert is_svg(getattr(box, name).value)
        box.reset_button.click()  # a new network: finite again
        assert np.isfinite(box.pg.train_loss[-1]) and "inf or NaN" not in box.text.value
        box.controls["lr"].value = 0.03  # (the sliders' settings again: η = 0.03, λ = 0)
        assert (box.pg.settings["lr"], box.pg.settings["l2"]) == (0.03, 0.0)
        ticks(box, 1)
        assert np.isfinite(box.pg.train_loss[-1]) and "inf or NaN" not in box.text.value


def test_two_widgets_with_the_same_settings_draw_the_same():
    settings = dict(
        dataset="spirals", hidden_layers=3, neurons=6, activation="relu", optimizer="Adam", lr=0.01
    )
    a, b = build(**settings), build(**settings)
    for box in (a, b):
        ticks(box, 3)
        box.controls["batch_size"].value = 5
        box.step_button.click()
        ticks(box, 2)
    assert a.boundary.value == b.boundary.value
    assert a.network.value == b.network.value and a.losses.value == b.losses.value
    assert a.pg.loss_line() == b.pg.loss_line()


def test_time_per_frame_of_a_2_16_16_2_network():
    box = build(neurons=16)  # 2–16–16–2 on 500 points (250 trained on), 10 steps per frame
    ticks(box, 3)
    seconds = []
    for _ in range(30):
        start = time.perf_counter()
        ticks(box, 1)
        seconds.append(time.perf_counter() - start)
    train = []
    for _ in range(30):
        start = time.perf_counter()
        box.pg.step(10)
        train.append(time.perf_counter() - start)
    frame, step = 1000 * float(np.median(seconds)), 1000 * float(np.median(train))
    print(
        f"\nplayground 2-16-16-2, 500 points, 10 steps per frame: {frame:.1f} ms per frame (median of 30), "
        f"of which {step:.1f} ms training and {frame - step:.1f} ms drawing; at most {1000 / frame:.0f} "
        f"frames/s from Python"
    )


def test_the_neuron_shown_stays_the_same_neuron_when_the_network_changes():
    """The menu keeps the neuron by its name: the output stays the output when a layer is added, and "layer 1,
    neuron 2" stays shown while layer 1 has a second neuron (else the output is shown)."""
    box = widgets.playground(hidden_layers=2, neurons=4)
    assert box.neuron_menu.label.startswith("output")
    box.controls["hidden_layers"].value = 3
    assert box.neuron_menu.label.startswith("output") and box.neuron_menu.value == (4, 0)
    box.neuron_menu.label = "layer 1, neuron 2"
    box.controls["neurons"].value = 8
    assert box.neuron_menu.label == "layer 1, neuron 2" and box.neuron_menu.value == (1, 1)
    box.controls["neurons"].value = 1
    assert box.neuron_menu.label.startswith("output")
    assert "output" in box.neuron.value


def test_arguments_between_the_sliders_choices_start_at_the_nearest_and_train_with_it():
    box = widgets.playground(lr=0.05, batch_size=7, l2=0.002, steps_per_frame=3)
    assert box.controls["lr"].value == 0.03 and box.pg.settings["lr"] == 0.03
    assert box.controls["batch_size"].value == 5 and box.pg.settings["batch_size"] == 5
    assert box.controls["l2"].value == 0.003 and box.pg.settings["l2"] == 0.003
    assert box.controls["speed"].value == 2
