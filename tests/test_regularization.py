"""Tests for nbhelpers.regularization: validation_split, Trial, run_trial and random_search (notebook 10).

validation_split: the sizes round(N · rate), every example in exactly one set and with its own label, the
book's order (the first round(N · rate) of a random permutation are the validation set, drawn from the
seed's Generator), seeds reproduce, new arrays, errors that name validation_rate. run_trial: its draws and
its training re-done here step by step from np.random.default_rng([seed, index]) (the same history, float for
float), reproducible, trial i of random_search, the draws in their ranges (log-uniform: the exponents
uniform). The experiments shipped with notebook 10 are tested at the end of this file.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from helpers import FAST
from hypothesis import given
from hypothesis import strategies as st

import nbhelpers
from nbhelpers import (
    History,
    MultiLayerNet,
    Trial,
    random_search,
    regularization,
    run_trial,
    train,
    validation_split,
)

# ---- validation_split (book §6.5.1) --------------------------------------------------------------------


def numbered(n, k=3, dtype=np.float64):
    """n examples whose first value is their number, labels number % k: any mix-up shows."""
    ids = np.arange(n)
    return np.stack([ids, -2.0 * ids], axis=1).astype(dtype), ids % k


@FAST
@given(n=st.integers(2, 60), rate=st.floats(0.01, 0.99), seed=st.integers(0, 2**32 - 1))
def test_validation_split_sizes_disjoint_complete_and_the_books_order(n, rate, seed):
    n_val = round(n * rate)
    x, t = numbered(n)
    if not 1 <= n_val <= n - 1:
        with pytest.raises(ValueError, match=r"validation_split: validation_rate must lie between 0 and 1"):
            validation_split(x, t, rate, seed)
        return
    (x_train, t_train), (x_val, t_val) = validation_split(x, t, validation_rate=rate, seed=seed)
    assert (len(x_val), len(t_val), len(x_train), len(t_train)) == (n_val, n_val, n - n_val, n - n_val)
    ids_train, ids_val = x_train[:, 0].astype(int), x_val[:, 0].astype(int)
    assert sorted([*ids_train, *ids_val]) == list(range(n))  # every example once
    np.testing.assert_array_equal(t_train, ids_train % 3)  # with its own label
    np.testing.assert_array_equal(t_val, ids_val % 3)
    np.testing.assert_array_equal(x_train[:, 1], -2.0 * ids_train)
    order = np.random.default_rng(seed).permutation(n)  # the book's shuffle_dataset, then slicing
    np.testing.assert_array_equal(ids_val, order[:n_val])
    np.testing.assert_array_equal(ids_train, order[n_val:])


def test_validation_split_seeds_new_arrays_dtype_and_inputs_untouched():
    x, t = numbered(50, dtype=np.float32)
    before = (x.tobytes(), t.tobytes())
    a = validation_split(x, t, seed=4)
    b = validation_split(x, t, seed=np.random.default_rng(4))
    for (xa, ta), (xb, tb) in zip(a, b):
        np.testing.assert_array_equal(xa, xb)
        np.testing.assert_array_equal(ta, tb)
    assert not np.array_equal(validation_split(x, t, seed=5)[1][0], a[1][0])  # another seed, another split
    assert len(a[1][0]) == 10 and len(a[0][0]) == 40  # the default rate 0.2
    assert a[0][0].dtype == np.float32
    assert not any(np.shares_memory(part, x) or np.shares_memory(part, t) for pair in a for part in pair)
    assert (x.tobytes(), t.tobytes()) == before
    one_hot = np.eye(3)[t]
    (_, t_train), (_, t_val) = validation_split(x, one_hot, seed=4)
    np.testing.assert_array_equal(t_val, one_hot[a[1][0][:, 0].astype(int)])
    splits = [validation_split(x, t)[1][0][:, 0].tolist() for _ in range(2)]  # None: a fresh generator each
    assert splits[0] != splits[1]


def test_validation_split_errors_name_validation_rate():
    x, t = numbered(10)
    for rate in (0, 1, 1.5, -0.2, 0.01, 0.99):
        with pytest.raises(
            ValueError,
            match=rf"^validation_split: validation_rate must lie between 0 and 1 and leave at least one example "
            rf"in each set; got validation_rate={float(rate)} for 10 examples",
        ):
            validation_split(x, t, validation_rate=rate)
    with pytest.raises(ValueError, match=r"validation_rate must be finite"):
        validation_split(x, t, validation_rate=float("nan"))
    with pytest.raises(TypeError, match=r"validation_rate must be a real number"):
        validation_split(x, t, validation_rate="0.2")
    with pytest.raises(ValueError, match=r"^validation_split: t must hold one label .*\(10, 2\).*\(9,\)"):
        validation_split(x, t[:9])
    with pytest.raises(ValueError, match=r"^validation_split: x must have shape \(N, inputs\)"):
        validation_split(x[:, 0], t)
    with pytest.raises(TypeError, match=r"seed must be an int seed"):
        validation_split(x, t, seed="0")


# ---- run_trial and random_search (book §6.5.3) -------------------------------------------------------------


@pytest.fixture(scope="module")
def data():
    """Two blobs, 48 examples to train on and 12 to validate with."""
    x, t = nbhelpers.blobs(n=60, seed=0)
    return validation_split(x, t, seed=1)


SMALL = {"hidden_size_list": [5, 4], "epochs": 3, "batch_size": 16}


def test_run_trial_is_its_draws_and_its_training_redone_by_hand(data):
    """Generator default_rng([seed, index]): λ = 10^u, u uniform in weight_decay_range, then η = 10^v, v in
    lr_range (the book's order), then the net's weights, then its batches; SGD, one evaluation per epoch."""
    (x_train, t_train), (x_val, t_val) = data
    for seed, index in ((0, 0), (0, 7), (3, 2)):
        trial = run_trial(index, x_train, t_train, x_val, t_val, seed=seed, **SMALL)
        rng = np.random.default_rng([seed, index])
        weight_decay, lr = 10 ** rng.uniform(-8, -4), 10 ** rng.uniform(-6, -2)
        assert (trial.index, trial.weight_decay, trial.lr) == (index, weight_decay, lr)
        assert type(trial.lr) is float and type(trial.weight_decay) is float
        net = MultiLayerNet(2, [5, 4], 2, weight_decay_lambda=weight_decay, rng=rng)
        history = train(
            net, x_train, t_train, x_val, t_val, optimizer="SGD", lr=lr, batch_size=16, steps=9, seed=rng,
            gradient="gradient", progress=False,
        )  # fmt: skip
        assert trial.history == history
        assert trial.history.eval_steps == [3, 6, 9] and len(trial.history.test_acc) == 3
        assert trial.val_acc == history.test_acc[-1] and trial.train_acc == history.train_acc[-1]
        assert all(round(acc * 12) == acc * 12 for acc in trial.history.test_acc)  # accuracies on 12 examples


def test_run_trial_reproduces_and_is_trial_i_of_random_search(data):
    (x_train, t_train), (x_val, t_val) = data
    found = random_search(x_train, t_train, x_val, t_val, trials=4, seed=5, progress=False, **SMALL)
    assert [trial.index for trial in found] == [0, 1, 2, 3] and all(isinstance(t, Trial) for t in found)
    for i in (0, 3):
        again = run_trial(i, x_train, t_train, x_val, t_val, seed=5, **SMALL)
        assert again == found[i]
        assert again == run_trial(i, x_train, t_train, x_val, t_val, seed=5, **SMALL)
    assert len({trial.lr for trial in found}) == 4  # each trial its own draws
    other = run_trial(0, x_train, t_train, x_val, t_val, seed=6, **SMALL)
    assert (other.lr, other.weight_decay) != (found[0].lr, found[0].weight_decay)
    assert random_search(x_train, t_train, x_val, t_val, trials=0) == []


def test_the_draws_lie_in_their_ranges(data):
    """log10 of the draws: inside the ranges, and spread over them (200 trials: the extreme tenths are hit
    with probability 1 - 2 · 0.9^200 > 1 - 1e-9)."""
    (x_train, t_train), (x_val, t_val) = data
    tiny = {"hidden_size_list": [2], "epochs": 1, "batch_size": 48}
    for lr_range, wd_range in (((-6, -2), (-8, -4)), ((-3, -2.5), (-1, 0))):
        trials = [
            run_trial(
                i, x_train, t_train, x_val, t_val, lr_range=lr_range, weight_decay_range=wd_range, **tiny
            )
            for i in range(200)
        ]
        for values, (low, high) in (
            ([t.lr for t in trials], lr_range),
            ([t.weight_decay for t in trials], wd_range),
        ):
            exponents = np.log10(values)
            assert np.all((exponents >= low - 1e-12) & (exponents < high + 1e-12))
            width = high - low
            assert exponents.min() < low + 0.1 * width and exponents.max() > high - 0.1 * width


def test_trial_accuracies():
    history = History(eval_steps=[1, 2], train_acc=[0.5, 0.75], test_acc=[0.25, 0.5])
    trial = Trial(3, 0.01, 1e-6, history)
    assert (trial.val_acc, trial.train_acc) == (0.5, 0.75)
    empty = Trial(0, 0.01, 1e-6, History())
    assert math.isnan(empty.val_acc) and math.isnan(empty.train_acc)


def test_one_hot_labels_and_the_number_of_classes(data):
    (x_train, t_train), (x_val, t_val) = data
    a = run_trial(1, x_train, t_train, x_val, t_val, **SMALL)
    b = run_trial(1, x_train, np.eye(2)[t_train], x_val, np.eye(2)[t_val], **SMALL)  # 2 classes from the rows
    assert (a.lr, a.weight_decay, a.history.eval_steps) == (b.lr, b.weight_decay, b.history.eval_steps)
    assert (a.history.train_acc, a.history.test_acc) == (b.history.train_acc, b.history.test_acc)
    # the losses of one-hot rows and of labels are the same sum, rounded otherwise
    np.testing.assert_allclose(a.history.step_loss, b.history.step_loss, rtol=1e-13)


def test_the_global_random_state_is_untouched(data, monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("NumPy's global random state was used")

    (x_train, t_train), (x_val, t_val) = data
    state = np.random.get_state()[1].copy()  # noqa: NPY002 (checking the legacy global state is left alone)
    for name in ("rand", "randn", "random", "random_sample", "seed", "uniform", "choice", "permutation"):
        monkeypatch.setattr(np.random, name, forbidden)
    random_search(x_train, t_train, x_val, t_val, trials=2, progress=False, **SMALL)
    validation_split(x_train, t_train)
    monkeypatch.undo()
    assert np.array_equal(np.random.get_state()[1], state)  # noqa: NPY002


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"index": -1}, ValueError, r"run_trial: index must be a whole number >= 0, got -1"),
        ({"index": 1.0}, TypeError, r"run_trial: index must be a whole number"),
        ({"seed": -1}, ValueError, r"run_trial: seed must be a whole number >= 0"),
        (
            {"lr_range": (-2, -6)},
            ValueError,
            r"lr_range must be \(low, high\) with low < high, got \(-2, -6\)",
        ),
        ({"lr_range": "ab"}, TypeError, r"lr_range must be two exponents \(low, high\)"),
        ({"weight_decay_range": (-8,)}, TypeError, r"weight_decay_range must be two exponents"),
        (
            {"weight_decay_range": (-4, -4)},
            ValueError,
            r"weight_decay_range must be \(low, high\) with low < high",
        ),
        ({"epochs": 0}, ValueError, r"run_trial: epochs must be a whole number >= 1, got 0"),
        ({"batch_size": 0}, ValueError, r"run_trial: batch_size must be a whole number >= 1"),
        (
            {"t_val": np.zeros(3, dtype=int)},
            ValueError,
            r"run_trial: t_val must hold one label .* x_val has shape",
        ),
        ({"x_train": np.zeros(48)}, ValueError, r"run_trial: x_train must have shape \(N, inputs\)"),
    ],
)
def test_run_trial_bad_arguments_are_named(data, kwargs, error, match):
    (x_train, t_train), (x_val, t_val) = data
    args = {
        "index": 0,
        "x_train": x_train,
        "t_train": t_train,
        "x_val": x_val,
        "t_val": t_val,
        **SMALL,
        **kwargs,
    }
    index = args.pop("index")
    with pytest.raises(error, match=match):
        run_trial(index, **args)


def test_random_search_bad_arguments_are_named(data):
    (x_train, t_train), (x_val, t_val) = data
    with pytest.raises(ValueError, match=r"random_search: trials must be a whole number >= 0, got -1"):
        random_search(x_train, t_train, x_val, t_val, trials=-1)
    with pytest.raises(ValueError, match=r"lr_range must be \(low, high\) with low < high"):
        random_search(x_train, t_train, x_val, t_val, trials=1, lr_range=(0, 0))


def test_public_names_and_docstrings():
    assert regularization.__all__ == ["validation_split", "Trial", "run_trial", "random_search"]
    for name in regularization.__all__:
        obj = getattr(regularization, name)
        assert getattr(nbhelpers, name) is obj
        assert "Book §6.5" in obj.__doc__ and "notebook 10" in obj.__doc__


# ---- the shipped experiments (tools/regularization_experiments.py) ------------------------------------------


def _tolerances(shipped_acc, live_acc, n):
    """Accuracies on n examples, shipped to 4 decimals: equal, or one example apart (BLAS rounding)."""
    return np.abs(np.asarray(live_acc) - np.asarray(shipped_acc)) <= 1 / n + 1e-4


def test_the_shipped_regularization_file_holds_what_the_tool_runs():
    """nbhelpers/data/regularization.json holds the tool's settings, every run of them, complete curves."""
    import regularization_experiments as rx  # tools/, put on sys.path by conftest.py

    shipped = nbhelpers.shipped_results("regularization")
    settings = shipped["settings"]
    assert settings["seeds"] == rx.SEEDS and settings["seed"] == rx.SEEDS[0] and not settings["quick"]
    assert settings["openblas_threads"] == 1
    for part, setting in (
        ("batchnorm", rx.BATCHNORM),
        ("weight_decay", rx.WEIGHT_DECAY),
        ("dropout", rx.DROPOUT),
        ("search", rx.SEARCH),
    ):
        assert {key: shipped[part][key] for key in setting} == setting, part
    bn = shipped["batchnorm"]
    per_epoch = bn["train_size"] // bn["batch_size"]
    assert bn["eval_steps"] == list(range(per_epoch, bn["epochs"] * per_epoch + 1, per_epoch))
    assert [run["weight_scale"] for run in bn["runs"]] == bn["weight_scales"]
    for run in bn["runs"]:
        for curves in (run["bn"], run["plain"]):
            assert len(curves["train_acc"]) == len(curves["test_acc"]) == bn["epochs"]
            assert len(curves["step_loss"]) == bn["epochs"] * per_epoch
    for part, key, values in (("weight_decay", "lambda", "lambdas"), ("dropout", "ratio", "ratios")):
        block = shipped[part]
        per_epoch = block["train_size"] // block["batch_size"]
        assert block["eval_steps"] == list(range(per_epoch, block["epochs"] * per_epoch + 1, per_epoch))
        assert [run[key] for run in block["runs"]] == block[values]
        for run in block["runs"]:
            assert len(run["train_acc"]) == len(run["test_acc"]) == block["epochs"], (part, run[key])
            assert len(run["step_loss"]) == block["epochs"] * per_epoch
        for seed in rx.SEEDS:
            assert [row[key] for row in block["summary"][str(seed)]] == block[values]
    for run in shipped["weight_decay"]["runs"]:  # every weight of W1..W7 counted, in the shared bins
        assert run["weight_hist"]["edges"] == shipped["weight_decay"]["runs"][0]["weight_hist"]["edges"]
        assert sum(run["weight_hist"]["counts"]) == 784 * 100 + 5 * 100 * 100 + 100 * 10
    search = shipped["search"]
    assert [t["index"] for t in search["trial_runs"]] == list(range(search["trials"]))
    assert all(len(t["val_acc"]) == len(t["train_acc"]) == search["epochs"] for t in search["trial_runs"])


def test_the_tools_runs_reproduce_the_first_epochs_of_the_shipped_curves():
    """The tool's run functions (whose seeding notebook 10 repeats for its live versions) reproduce the
    first evaluations (10, or 7 on the 10000 test images) of one shipped run of each experiment, seed 0:
    the losses of the first 20 steps to the file's 6 digits, the accuracies equal or one example apart (a
    matrix product rounded otherwise by another BLAS or thread count)."""
    import regularization_experiments as rx
    from conftest import HAVE_MNIST

    if not HAVE_MNIST:
        pytest.skip("the MNIST files are not there")
    shipped = nbhelpers.shipped_results("regularization")
    seed, epochs = shipped["settings"]["seed"], 10  # 7 where each evaluation is on the 10000 test images

    def same(live, curves, n_train, n_test, test_key="test_acc"):
        if "step_loss" in curves:  # not shipped for the search's trials
            np.testing.assert_allclose(live.step_loss[:20], curves["step_loss"][:20], rtol=1e-5, atol=1e-6)
        assert len(live.train_acc) == len(live.test_acc) > 0
        assert _tolerances(curves["train_acc"][: len(live.train_acc)], live.train_acc, n_train).all()
        assert _tolerances(curves[test_key][: len(live.test_acc)], live.test_acc, n_test).all()

    bn = shipped["batchnorm"]
    k = 5  # weight scale 0.046: batch normalisation learns, the plain network does not
    for flag, key in ((True, "bn"), (False, "plain")):
        live = rx.batchnorm_run(bn["weight_scales"][k], flag, seed=seed, epochs=epochs)
        same(live, bn["runs"][k][key], bn["train_size"], bn["test_size"])
    wd = shipped["weight_decay"]
    k = wd["lambdas"].index(0.1)  # the book's
    same(rx.weight_decay_run(0.1, seed=seed, epochs=7), wd["runs"][k], 300, 10000)
    do = shipped["dropout"]
    k = do["ratios"].index(0.2)  # the book's
    same(rx.dropout_run(0.2, seed=seed, epochs=7), do["runs"][k], 300, 10000)
    best = max(shipped["search"]["trial_runs"], key=lambda t: t["val_acc"][-1])
    trial = rx.search_trial(best["index"], seed=shipped["search"].get("seed", seed), epochs=epochs)
    assert (f"{trial.lr:.5e}", f"{trial.weight_decay:.5e}") == (
        f"{best['lr']:.5e}",
        f"{best['weight_decay']:.5e}",
    )
    same(trial.history, best, 400, 100, test_key="val_acc")


def test_the_books_claims_hold_in_the_shipped_experiments_for_every_seed():
    """Figure 6-19: batch normalisation learns at almost every weight scale, the plain network only near
    He's scale; figures 6-20/6-21: 300 images are learnt by heart (train accuracy 1.0, test about 0.75)
    and weight decay λ = 0.1 narrows the gap (λ = 0.3 stops the learning); figure 6-23: dropout narrows it
    too; figure 6-24: the best trials of the random search have a learning rate near 0.01, and the
    validation accuracies spread from chance to about 0.8."""
    shipped = nbhelpers.shipped_results("regularization")
    bn, wd, do = shipped["batchnorm"], shipped["weight_decay"], shipped["dropout"]
    for seed, rows in bn["summary"].items():
        assert sum(r["bn_final"] > r["plain_final"] + 0.05 for r in rows) >= 13, seed
        for r in rows:
            if r["weight_scale"] < 0.05:  # the plain network stays at chance, batch normalisation learns
                assert r["plain_final"] < 0.2 and r["bn_final"] > 0.35, (seed, r)
    for run in bn["runs"]:  # the end of seed 0's curves is its summary
        row = bn["summary"][str(shipped["settings"]["seed"])][bn["runs"].index(run)]
        assert (row["bn_final"], row["plain_final"]) == (
            run["bn"]["train_acc"][-1],
            run["plain"]["train_acc"][-1],
        )
    for seed, rows in wd["summary"].items():
        by = {r["lambda"]: r for r in rows}
        assert by[0]["train_final"] == 1.0 and 0.7 <= by[0]["test_final"] < 0.8 and by[0]["gap"] > 0.2, seed
        assert by[0.1]["train_final"] < 0.95 and by[0.1]["gap"] < by[0]["gap"] - 0.03, seed
        gaps = [r["gap"] for r in rows]  # the gap never grows (but for a test example or two) as λ grows
        assert all(b <= a + 0.005 for a, b in zip(gaps, gaps[1:])), seed
        assert by[0.3]["train_final"] < 0.2, seed  # too much decay: the network stops learning
    norms = [run["weight_norm2"] for run in wd["runs"]]  # the larger λ, the smaller the weights at the end
    assert all(b < a for a, b in zip(norms, norms[1:])) and norms[0] > wd["initial_weights"]["weight_norm2"]
    assert sum(wd["initial_weights"]["counts"]) == sum(wd["runs"][0]["weight_hist"]["counts"])
    for seed, rows in do["summary"].items():
        by = {r["ratio"]: r for r in rows}
        assert by[0]["train_final"] == 1.0 and by[0.2]["train_final"] < 0.9, seed
        assert all(by[r]["gap"] < by[0]["gap"] for r in (0.15, 0.2, 0.3, 0.5)), seed
        assert by[0.2]["gap"] < by[0]["gap"] - 0.05, seed
    # Dropout ratio 0 is the network of λ = 0 (same weights, same batches): the same curve, 100 epochs longer.
    n = len(wd["runs"][0]["step_loss"])
    assert do["runs"][0]["step_loss"][:n] == wd["runs"][0]["step_loss"]
    assert do["runs"][0]["test_acc"][: wd["epochs"]] == wd["runs"][0]["test_acc"]
    trials = sorted(shipped["search"]["trial_runs"], key=lambda t: -t["val_acc"][-1])
    assert trials[0]["val_acc"][-1] >= 0.7 and trials[-1]["val_acc"][-1] <= 0.15
    assert all(t["lr"] > 1e-3 for t in trials[:5])
