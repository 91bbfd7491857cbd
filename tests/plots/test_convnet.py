"""Figures of notebook 12 (nbhelpers/plots/_convnet.py, re-exported by plots/conv.py): the first layer's
filters, one digit's feature maps, accuracy against shift, two confusion matrices, the misread digits, and
the live plots behind the widgets. Made-up filters, maps and digits: no MNIST, no trained network."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import PNG_MAGIC, assert_quick_png_is_full, no_warnings, pixels, show_keeps_no_results

from nbhelpers import confusion_matrix, plots
from nbhelpers.plots import _convnet as cnn

RNG = np.random.default_rng(0)


def _digit() -> np.ndarray:
    return RNG.random(784, dtype=np.float32)


def _images(fig):
    """The small pictures of a figure (axes holding an image), in order."""
    return [ax for ax in fig.axes if ax.images]


def test_filters_figure_numbers_the_filters_on_one_scale_centred_at_zero():
    W = RNG.normal(0, 0.1, (30, 1, 5, 5)).astype(np.float32)
    W[7, 0, 2, 2] = -0.9  # the largest size: the scale is ±0.9
    fig = cnn.filters_figure(W)
    shown = _images(fig)
    assert len(shown) == 30 and [ax.get_title() for ax in shown] == [str(k) for k in range(30)]
    for k, ax in enumerate(shown):
        (image,) = ax.images
        np.testing.assert_allclose(image.get_array(), W[k, 0])
        assert image.get_clim() == pytest.approx((-0.9, 0.9)) and image.get_cmap().name == cnn.FEATURE_CMAP
    assert fig.get_suptitle() == "30 filters of 5 × 5"
    assert fig.get_figwidth() <= 10 and plots.figure_to_png(fig).startswith(PNG_MAGIC)
    fig = cnn.filters_figure(W[:7, 0], title="seven filters", ncols=4)  # (FN, FH, FW); 2 rows of 4
    assert len(_images(fig)) == 7 and fig.get_suptitle() == "seven filters"
    with no_warnings():  # filters of zeros: a scale of ±1, not a division by 0
        assert _images(cnn.filters_figure(np.zeros((3, 1, 5, 5))))[0].images[0].get_clim() == (-1, 1)
    with pytest.raises(ValueError, match=r"one input channel.*got \(4, 3, 5, 5\)"):
        cnn.filters_figure(np.zeros((4, 3, 5, 5)))


def test_feature_maps_figure_shows_the_digit_then_each_map_numbered():
    image = _digit()
    maps = np.maximum(RNG.normal(0, 1, (30, 12, 12)), 0)
    fig = cnn.feature_maps_figure(image, maps)
    first, *shown = _images(fig)
    np.testing.assert_array_equal(first.images[0].get_array(), image.reshape(28, 28))
    assert first.images[0].get_cmap().name == "gray_r" and first.get_title() == "the image"
    assert len(shown) == 30 and [ax.get_title() for ax in shown] == [str(k) for k in range(30)]
    top = np.abs(maps).max()
    for k, ax in enumerate(shown):
        np.testing.assert_array_equal(ax.images[0].get_array(), maps[k])
        assert ax.images[0].get_clim() == pytest.approx((-top, top))
    assert fig.subfigs[1].get_suptitle() == "30 feature maps of 12 × 12"
    assert fig.get_figwidth() <= 10
    fig = cnn.feature_maps_figure(image.reshape(1, 28, 28), maps[:4, :5, :7], title="four", ncols=3)
    assert len(_images(fig)) == 5 and fig.subfigs[1].get_suptitle() == "four"
    with pytest.raises(
        ValueError, match=r'layer_outputs\(x\)\["Relu1"\]\[0\]; got an array of shape \(1, 30'
    ):
        cnn.feature_maps_figure(image, maps[None])


def test_shift_curve_figure_draws_percent_marks_the_unmoved_digits_and_chance():
    shifts = np.arange(-4, 5)
    a = np.array([0.2, 0.4, 0.7, 0.95, 0.991, 0.96, 0.72, 0.41, 0.19])
    b = np.array([0.15, 0.3, 0.6, 0.9, 0.978, 0.92, 0.62, 0.33, 0.14])
    fig = cnn.shift_curve_figure(shifts, [a, b], ["CNN", "MLP"], title="moved right")
    (ax,) = fig.axes
    curves = [line for line in ax.get_lines() if len(line.get_xdata()) == len(shifts)]
    for line, acc in zip(curves, (a, b)):
        np.testing.assert_array_equal(line.get_xdata(), shifts)
        np.testing.assert_allclose(line.get_ydata(), 100 * acc)
    circles = [line for line in ax.get_lines() if line.get_marker() == "o" and len(line.get_xdata()) == 1]
    assert [(line.get_xdata()[0], line.get_ydata()[0]) for line in circles] == [(0, 99.1), (0, 97.8)]
    chance = [line for line in ax.get_lines() if list(line.get_ydata()) == [10, 10]]
    assert len(chance) == 1 and chance[0].get_linestyle() == "--"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["chance (10 %)", "CNN: 99.1 % unmoved", "MLP: 97.8 % unmoved"]
    assert ax.get_title() == "moved right" and ax.get_ylim() == (0, 102)
    fig = cnn.shift_curve_figure([1, 2, 3], [a[:3]], ["only moved"])  # no shift 0: nothing circled
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()][1] == "only moved"
    with pytest.raises(ValueError, match=r"CNN: accuracies must be fractions in \[0, 1\]"):
        cnn.shift_curve_figure(shifts, [100 * a], ["CNN"])
    with pytest.raises(ValueError, match="one label per curve: 2 curves of accuracies, 1 labels"):
        cnn.shift_curve_figure(shifts, [a, b], ["CNN"])
    with pytest.raises(ValueError, match="MLP: 3 accuracies for 9 shifts"):
        cnn.shift_curve_figure(shifts, [a, b[:3]], ["CNN", "MLP"])


def _written(ax) -> dict:
    return {(int(t.get_position()[1]), int(t.get_position()[0])): int(t.get_text()) for t in ax.texts}


def test_confusion_pair_figure_writes_each_networks_counts_on_one_scale():
    labels = RNG.integers(0, 10, 500)
    pred_a = np.where(RNG.random(500) < 0.95, labels, RNG.integers(0, 10, 500))
    pred_b = np.where(RNG.random(500) < 0.8, labels, RNG.integers(0, 10, 500))
    fig = cnn.confusion_pair_figure(labels, pred_a, pred_b, ["CNN", "notebook 05's network"])
    left, right = fig.axes[:2]
    for ax, pred, name in ((left, pred_a, "CNN"), (right, pred_b, "notebook 05's network")):
        counts = confusion_matrix(labels, pred)
        assert _written(ax) == {(i, j): int(counts[i, j]) for i, j in zip(*np.nonzero(counts))}
        assert ax.get_title() == f"{name}: {np.trace(counts)} of 500 right"
    top = max(confusion_matrix(labels, p).max() for p in (pred_a, pred_b))
    assert left.images[0].norm.vmax == right.images[0].norm.vmax == top + 0.5  # one colour scale
    assert fig.get_figwidth() <= 10 and plots.figure_to_png(fig).startswith(PNG_MAGIC)
    with pytest.raises(ValueError, match="two networks' names"):
        cnn.confusion_pair_figure(labels, pred_a, pred_b, ["CNN"])


def test_confusion_figure_still_draws_as_before_with_the_shared_helper():
    labels, predictions = np.array([0, 1, 1, 2, 9, 9, 9]), np.array([0, 1, 7, 2, 9, 9, 4])
    fig = plots.confusion_figure(labels, predictions)
    assert repr(fig) == "<Figure size 720x620 with 2 Axes>"
    assert fig.axes[0].get_title() == "Confusion matrix: 5 of 7 right"
    assert {t.get_fontsize() for t in fig.axes[0].texts} == {8.5} and fig.axes[0].images[0].norm.vmax == 2.5


def test_mistakes_figure_shows_only_the_misread_digits_true_then_answer():
    images = RNG.random((40, 1, 28, 28), dtype=np.float32)
    labels = np.arange(40) % 10
    predictions = labels.copy()
    wrong = [3, 8, 17, 30]
    predictions[wrong] = [5, 2, 1, 9]
    fig = cnn.mistakes_figure(images, labels, predictions, ncols=3)
    shown = _images(fig)
    assert [ax.get_xlabel() for ax in shown] == ["3→5", "8→2", "7→1", "0→9"]
    for ax, i in zip(shown, wrong):
        np.testing.assert_array_equal(ax.images[0].get_array(), images[i, 0])
    assert fig.get_suptitle() == "4 of 40 digits misread"
    fig = cnn.mistakes_figure(images, labels, predictions, limit=2, title="two")
    assert len(_images(fig)) == 2 and fig.get_suptitle() == "two"
    assert (
        cnn.mistakes_figure(images, labels, predictions, limit=2)
        .get_suptitle()
        .endswith("(the first 2 shown)")
    )
    fig = cnn.mistakes_figure(images, labels, labels)  # none: a line that says so
    assert fig.texts[0].get_text() == "No misread digits: all 40 read right."
    with pytest.raises(ValueError, match="40 images, 40 labels and 39 predictions"):
        cnn.mistakes_figure(images, labels, predictions[:-1])


def test_feature_map_plot_paints_each_map_into_its_frame_quickly():
    plot = cnn.FeatureMapPlot(30)
    maps = np.zeros((30, 24, 24))
    maps[:, :12] = 2.0  # the top half positive (red), the bottom half negative (blue)
    maps[:, 12:] = -1.0
    maps[29] = 0.0  # white
    image = _digit()
    show_keeps_no_results(plot, plot.show, image, maps, 7, "Conv1")
    np.testing.assert_array_equal(plot._image.get_array(), image.reshape(28, 28))
    assert plot._image_title.get_text() == "label 7"
    assert plot._title.get_text() == "Conv1: 30 maps of 24 × 24; white 0, red up to +2.00, blue to −2.00"
    picture = pixels(plot.png())
    height = picture.shape[0]
    for k, colour in ((0, "red, blue"), (29, "white")):
        x0, y0, x1, y1 = plot._maps._frames[k].bbox.extents  # (from the bottom left)
        col = int((x0 + x1) / 2)
        upper = picture[int(height - y1 + 0.25 * (y1 - y0)), col]
        lower = picture[int(height - y1 + 0.75 * (y1 - y0)), col]
        if colour == "white":
            assert (upper == lower).all() and (upper > 240).all()
        else:
            assert upper[0] > 100 > upper[2] and lower[2] > 150 > lower[0]  # dark red above, blue below
    assert_quick_png_is_full(plot)
    with no_warnings():  # maps of another size (Pool1), all zero: a scale of 1, no division by 0
        plot.show(image, np.zeros((30, 12, 12)), 3, "Pool1")
        assert plot.png().startswith(PNG_MAGIC) and plot._maps._rgba.shape == (30, 12, 12, 4)
    assert plot._title.get_text() == "Pool1: 30 maps of 12 × 12; white 0, red up to +1.00"
    assert plot.css_width == "970px"
    with pytest.raises(ValueError, match="this plot shows 30 maps, got 29"):
        plot.show(image, maps[1:], 7, "Conv1")


def test_cnn_digit_plot_shows_both_networks_answers():
    plot = cnn.CnnDigitPlot(("CNN", "MLP"))
    image = _digit()
    p = np.full(10, 0.02)
    p[4] = 0.82
    q = np.full(10, 0.05)
    q[9] = 0.55
    show_keeps_no_results(plot, plot.show, image, p, q, 9)
    assert [bar.get_height() for bar in plot._bars[0]] == list(p)
    assert [bar.get_height() for bar in plot._bars[1]] == list(q)
    assert plot._titles[0].get_text() == "CNN\nsays 4, with probability 0.820"
    assert plot._titles[1].get_text() == "MLP\nsays 9, with probability 0.550"
    assert plot._bars[0][4].get_facecolor()[:3] == pytest.approx((0.839, 0.153, 0.157), abs=0.01)  # wrong
    assert plot._bars[1][9].get_facecolor()[:3] == pytest.approx((0.173, 0.627, 0.173), abs=0.01)  # right
    assert plot._image_title.get_text() == "label 9"
    assert_quick_png_is_full(plot)
    with pytest.raises(ValueError, match=r"MLP: probabilities must have shape \(10,\), got \(9,\)"):
        plot.show(image, p, q[:9], 9)
