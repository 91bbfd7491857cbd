"""Figures of notebook 10 (nbhelpers/plots/regularization.py): batch normalisation by weight scale (the
book's figure 6-19), train against test accuracy with the gap marked (figures 6-20, 6-21, 6-23), the
weights' histograms, the final gap against λ or the dropout ratio, and the random search (figure 6-24).
Synthetic curves of the shipped results' shapes: these tests do not read the shipped file."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import PNG_MAGIC, assert_quick_png_is_full, no_warnings, show_keeps_no_results

from nbhelpers import plots
from nbhelpers.optimizers import smooth_curve
from nbhelpers.regularization import Trial
from nbhelpers.training import History

SCALES = np.logspace(0, -4, 16)
RNG = np.random.default_rng(0)


def _rise(n, top, rate=5.0, start=0.1):
    return start + (top - start) * (1 - np.exp(-np.arange(1, n + 1) / rate))


def _bn_curves(epochs=20):
    bn = np.array([_rise(epochs, 0.99 - 0.01 * k) for k in range(16)])
    plain = np.array([_rise(epochs, 0.9 if 3 <= k <= 9 else 0.11, 8.0) for k in range(16)])
    return bn, plain


def _png(fig) -> bytes:
    return plots.figure_to_png(fig)


def test_batchnorm_grid_figure_is_the_books_sixteen_panels_titled_by_scale():
    bn, plain = _bn_curves()
    fig = plots.batchnorm_grid_figure(SCALES, range(10, 201, 10), bn, plain)
    assert len(fig.axes) == 16
    titles = [ax.get_title() for ax in fig.axes]
    assert titles[:4] == ["W std = 1.0", "W std = 0.54", "W std = 0.29", "W std = 0.16"]
    assert titles[-1] == "W std = 0.0001" and titles[-3] == "W std = 0.00034"
    for k, ax in enumerate(fig.axes):
        solid, dashed = ax.get_lines()
        np.testing.assert_array_equal(solid.get_xdata(), np.arange(1, 21))  # epochs: steps / 10
        np.testing.assert_array_equal(solid.get_ydata(), bn[k])
        np.testing.assert_array_equal(dashed.get_ydata(), plain[k])
        assert solid.get_color() == plots.BATCHNORM_COLORS["bn"] and dashed.get_linestyle() == "--"
        assert ax.get_ylim() == (0.0, 1.02)
    (legend,) = fig.legends
    assert [t.get_text() for t in legend.get_texts()] == [
        "with batch normalisation",
        "without (plain network)",
    ]
    assert "batch normalisation" in fig.get_suptitle()
    assert fig.get_figwidth() <= 10.5 and _png(fig).startswith(PNG_MAGIC)
    with pytest.raises(
        ValueError, match=r"bn_acc must have one curve per weight scale .* \(16, 20\), got \(15, 20\)"
    ):
        plots.batchnorm_grid_figure(SCALES, range(10, 201, 10), bn[1:], plain)


def test_batchnorm_curves_figure_draws_accuracy_and_the_smoothed_loss():
    bn, plain = _bn_curves()
    bn_loss = 2.3 * np.exp(-np.arange(200) / 40) + 0.1 * RNG.random(200)
    plain_loss = np.full(200, 2.302)
    fig = plots.batchnorm_curves_figure(0.0541, range(10, 201, 10), bn[1], plain[1], bn_loss, plain_loss)
    ax, lax = fig.axes
    assert ax.get_title() == "W std = 0.054: training accuracy"
    np.testing.assert_array_equal(ax.get_lines()[0].get_ydata(), bn[1])
    raw_bn, smooth_bn, raw_plain, smooth_plain = lax.get_lines()
    np.testing.assert_allclose(smooth_bn.get_ydata(), smooth_curve(bn_loss))
    np.testing.assert_allclose(raw_plain.get_ydata(), plain_loss)
    np.testing.assert_allclose(smooth_bn.get_xdata(), np.arange(1, 201) / 10)  # steps in epochs
    assert lax.get_ylim() == (0.0, 2.5) and lax.texts[0].get_text() == ""
    assert len(plots.batchnorm_curves_figure(1.0, range(10, 201, 10), bn[0], plain[0]).axes) == 1
    with no_warnings():  # a plain net with large weights: huge, then inf and NaN losses
        huge = np.concatenate([np.full(100, 1e4), [np.inf, np.nan], np.full(98, 40.0)])
        fig = plots.batchnorm_curves_figure(1.0, range(10, 201, 10), bn[0], plain[0], bn_loss, huge)
        assert _png(fig).startswith(PNG_MAGIC)
    lax = fig.axes[1]
    assert lax.get_ylim() == (0.0, 50.0)
    assert lax.texts[0].get_text().startswith("without: 1")  # 100 huge + NaN-smeared steps above 50
    assert lax.get_lines()[3].get_ydata().max() == 50.0  # drawn at the top


def test_batchnorm_plot_shows_each_scale_on_fixed_axes():
    bn, plain = _bn_curves()
    losses = [2.3 * np.exp(-np.arange(200) / (20 + k)) for k in range(31)] + [np.full(200, 14.9)]
    plot = plots.BatchnormPlot(range(10, 201, 10), losses)
    assert plot._panels.lax.get_ylim() == (0.0, 17.5), "the next multiple of 2.5 above every curve"
    diverged = np.full(200, np.inf)  # (the book's cross-entropy stays below 16.1: only NaN or inf go above)
    show_keeps_no_results(plot, plot.show, SCALES[0], bn[0], plain[0], losses[0], diverged)
    assert plot._panels.title.get_text() == "W std = 1.0: training accuracy"
    assert plot._panels.note.get_text() == "without: 200 of 200 above 17.5\n(drawn at the top)"
    before = plot.png()
    plot.show(SCALES[5], bn[5], plain[5], losses[10], losses[11])
    assert plot.png() != before and plot._panels.note.get_text() == ""
    np.testing.assert_array_equal(plot._panels.acc["plain"].get_ydata(), plain[5])
    assert_quick_png_is_full(plot)


def test_train_test_figure_marks_the_gap_with_its_value():
    train, test = _rise(201, 1.0, 30), _rise(201, 0.7631, 30)
    fig = plots.train_test_figure(range(3, 604, 3), train, test, title="λ = 0: 300 training images")
    (ax,) = fig.axes
    assert ax.get_title() == "λ = 0: 300 training images"
    lines = ax.get_lines()
    np.testing.assert_array_equal(lines[0].get_xdata(), np.arange(1, 202))
    np.testing.assert_array_equal(lines[0].get_ydata(), train)
    assert lines[0].get_color() == plots.TRAIN_TEST_COLORS["train"]
    assert lines[1].get_color() == plots.TRAIN_TEST_COLORS["test"]
    gap = train[-1] - test[-1]
    (arrow,) = [t for t in ax.texts if t.get_text() == ""]
    (note,) = [t for t in ax.texts if t.get_text().startswith("gap")]
    assert note.get_text() == f"gap\n{gap:.3f}" == "gap\n0.237"
    assert arrow.xy[1] == test[-1] and arrow.xyann[1] == train[-1] and arrow.get_visible()
    assert arrow.xy[0] > 201 and note.get_position()[1] == pytest.approx((train[-1] + test[-1]) / 2)
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["train", "test"]
    assert _png(fig).startswith(PNG_MAGIC)
    with no_warnings():  # no gap, a gap below 0, NaN: drawn, the arrow hidden where it has no room
        for last_test, text in ((1.0, "gap\n0.000"), (1.2, "gap\n−0.200"), (np.nan, "gap\nnan")):
            fig = plots.train_test_figure(
                [4, 8, 12], [0.5, 0.8, 1.0], [0.5, 0.7, last_test], labels=("a", "b")
            )
            (note,) = [t for t in fig.axes[0].texts if t.get_text().startswith("gap")]
            assert note.get_text() == text
            assert _png(fig).startswith(PNG_MAGIC)
    with pytest.raises(ValueError, match=r"test_acc must be a 1-D array of 3 values, got shape \(2,\)"):
        plots.train_test_figure([1, 2, 3], [0.1, 0.2, 0.3], [0.1, 0.2])


def _hist(sd):
    edges = np.linspace(-1, 1, 41)
    centres = (edges[:-1] + edges[1:]) / 2
    return np.round(1e5 * np.exp(-(centres**2) / (2 * sd**2)))


def test_train_test_plot_draws_the_weights_beside_the_reference():
    edges = np.linspace(-1, 1, 41)
    counts = [_hist(0.2), _hist(0.05), np.zeros(40)]
    plot = plots.TrainTestPlot(range(3, 31, 3), edges, counts)
    hax = plot.figure.axes[1]
    shares = 100 * counts[1] / counts[1].sum()
    assert hax.get_yscale() == "log" and hax.get_ylim()[1] == pytest.approx(2 * shares.max())
    show_keeps_no_results(
        plot, plot.show, _rise(10, 0.9), _rise(10, 0.8), "λ = 0.1: accuracy after each epoch",
        counts[1], counts[0], ("λ = 0", "λ = 0.1"),
    )  # fmt: skip
    np.testing.assert_allclose(plot._panels.bars["current"].get_data().values, shares)
    np.testing.assert_allclose(
        plot._panels.bars["reference"].get_data().values, 100 * counts[0] / counts[0].sum()
    )
    assert plot._panels.hist_title.get_text() == "weights: λ = 0.1 (line), λ = 0 (grey)"
    assert_quick_png_is_full(plot)
    before = plot.png()
    with no_warnings():
        plot.show(_rise(10, 0.5), _rise(10, 0.5), "empty", counts[2], counts[0], ("λ = 0", "none"))
        assert plot.png() != before
    no_histogram = plots.TrainTestPlot([3, 6, 9])
    assert len(no_histogram.figure.axes) == 1


def test_weight_histogram_figure_overlays_one_step_line_per_label():
    edges = np.linspace(-1, 1, 41)
    counts = {"λ = 0": _hist(0.2), "λ = 0.01": _hist(0.1), "λ = 0.1": _hist(0.03)}
    fig = plots.weight_histogram_figure(edges, counts)
    (ax,) = fig.axes
    bars = ax.patches
    assert [b.get_label() for b in bars] == list(counts)
    for bar, values in zip(bars, counts.values()):
        np.testing.assert_allclose(bar.get_data().values, 100 * values / values.sum())
        np.testing.assert_array_equal(bar.get_data().edges, edges)
    assert bars[0].get_fill() and not bars[1].get_fill(), "the reference (λ = 0) filled in grey"
    assert ax.get_yscale() == "log" and ax.get_title() == "How the weights spread (all layers)"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(counts)
    linear = plots.weight_histogram_figure(edges, counts, log=False, reference="λ = 0.1").axes[0]
    assert linear.get_yscale() == "linear" and linear.patches[2].get_fill()
    with no_warnings():
        assert _png(plots.weight_histogram_figure(edges, {"none": np.zeros(40)})).startswith(PNG_MAGIC)
    with pytest.raises(ValueError, match="reference must be one of the labels"):
        plots.weight_histogram_figure(edges, counts, reference="λ = 1")
    with pytest.raises(ValueError, match=r"counts must be a 1-D array of 40 values, got shape \(39,\)"):
        plots.weight_histogram_figure(edges, {"a": np.ones(39)})


def test_final_gap_figure_places_each_setting_and_writes_its_gap():
    lambdas = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3]
    train = np.array([[1.0, 0.99, 0.98, 0.95, 0.93, 0.9, 0.82], [0.98, 0.99, 0.98, 0.95, 0.93, 0.9, 0.8]])
    test = np.array([[0.75, 0.76, 0.78, 0.8, 0.81, 0.79, 0.76], [0.77, 0.76, 0.78, 0.8, 0.81, 0.79, 0.74]])
    fig = plots.final_gap_figure(lambdas, train, test, "weight decay λ")
    (ax,) = fig.axes
    assert ax.get_xscale() == "symlog" and list(ax.get_xticks()) == lambdas
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "0",
        "0.001",
        "0.003",
        "0.01",
        "0.03",
        "0.1",
        "0.3",
    ]
    means = [line for line in ax.get_lines() if line.get_marker() in ("o", "s")]
    np.testing.assert_allclose(means[0].get_ydata(), train.mean(axis=0))
    np.testing.assert_allclose(means[1].get_ydata(), test.mean(axis=0))
    gaps = [t.get_text() for t in ax.texts]
    assert gaps == [f"{g:.3f}" for g in train.mean(axis=0) - test.mean(axis=0)] and gaps[0] == "0.230"
    assert "train (mean of 2 seeds)" in [t.get_text() for t in ax.get_legend().get_texts()]
    ratios = [0, 0.1, 0.15, 0.2, 0.3, 0.5]
    fig = plots.final_gap_figure(ratios, np.linspace(1, 0.8, 6), np.linspace(0.74, 0.7, 6), "dropout ratio")
    assert fig.axes[0].get_xscale() == "linear" and fig.axes[0].texts[0].get_text() == "0.260"
    assert fig.axes[0].get_xlabel() == "dropout ratio" and _png(fig).startswith(PNG_MAGIC)
    with pytest.raises(ValueError, match=r"test_final must have one value per setting \(6\)"):
        plots.final_gap_figure(ratios, np.ones(6), np.ones(5), "dropout ratio")


def _search(n=100):
    rng = np.random.default_rng(1)
    lr, wd = 10 ** rng.uniform(-6, -2, n), 10 ** rng.uniform(-8, -4, n)
    return lr, wd, np.clip((np.log10(lr) + 6) / 4.5 + 0.05 * rng.random(n), 0.08, 0.95)


def test_search_scatter_figure_rings_and_numbers_the_best_trials():
    lr, wd, acc = _search()
    acc[17] = np.nan  # a trial that diverged: never among the best
    fig = plots.search_scatter_figure(lr, wd, acc, best=5)
    ax = fig.axes[0]
    assert (ax.get_xscale(), ax.get_yscale()) == ("log", "log")
    best = np.argsort(-np.nan_to_num(acc, nan=-1))[:5]
    (rings,) = [line for line in ax.get_lines() if line.get_marker() == "o"]
    np.testing.assert_array_equal(rings.get_xdata(), lr[best])
    np.testing.assert_array_equal(rings.get_ydata(), wd[best])
    labels = {t.get_text(): t.xy for t in ax.texts}
    assert list(labels) == ["1", "2", "3", "4", "5"] and labels["1"] == (lr[best[0]], wd[best[0]])
    (dots,) = ax.collections
    np.testing.assert_array_equal(dots.get_array(), acc)
    assert dots.get_clim() == (0.0, 1.0) and len(fig.axes) == 2  # the colour bar
    (legend,) = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend.startswith("the best 5 (1: η = ") and legend.endswith(
        f"validation accuracy {acc[best[0]]:.3f})"
    )
    with no_warnings():
        assert _png(fig).startswith(PNG_MAGIC)
    with pytest.raises(ValueError, match="must be > 0"):
        plots.search_scatter_figure([0.0, 1e-3], [1e-6, 1e-5], [0.1, 0.2])


def test_search_curves_figure_is_the_books_grid_of_the_best_trials():
    lr, wd, acc = _search(30)
    trials = [
        {
            "index": i,
            "lr": lr[i],
            "weight_decay": wd[i],
            "train_acc": _rise(50, min(a + 0.1, 1)),
            "val_acc": _rise(50, a),
        }
        for i, a in enumerate(acc)
    ]
    fig = plots.search_curves_figure(trials, best=20)
    panels = [ax for ax in fig.axes if ax.axison]
    assert len(panels) == 20 and len(fig.axes) == 20  # 5 columns × 4 rows, as the book
    finals = [t["val_acc"][-1] for t in trials]
    order = np.argsort(-np.asarray(finals), kind="stable")
    for rank, (ax, k) in enumerate(zip(panels, order), 1):
        assert ax.get_title() == f"Best-{rank} (val acc: {finals[k]:.2f})"
        val, train = ax.get_lines()
        np.testing.assert_array_equal(val.get_ydata(), trials[k]["val_acc"])
        assert val.get_linestyle() == "-" and train.get_linestyle() == "--"
        mantissa, exponent = f"{lr[k]:.1e}".split("e")
        assert ax.texts[0].get_text().startswith(f"η = {mantissa}e{int(exponent)}".replace("-", "−"))
    assert fig.get_suptitle() == "The best 20 of 30 trials (random search)"
    assert fig.get_figwidth() <= 10.5 and _png(fig).startswith(PNG_MAGIC)
    history = History(eval_steps=[4, 8], train_acc=[0.2, 0.4], test_acc=[0.1, 0.3])
    fig = plots.search_curves_figure([Trial(0, 1e-3, 1e-6, history)], best=20)
    assert fig.axes[0].get_title() == "Best-1 (val acc: 0.30)"
    with pytest.raises(ValueError, match="at least one trial"):
        plots.search_curves_figure([])
