"""The widgets of notebook 11 (nbhelpers/widgets/conv.py): the sliding window and the kernel editor. Every
control moves the picture and the numbers, the extremes draw without an error or a warning (warnings are
errors here), sizes that do not divide give the core's message in red instead of an exception, and a change
computes once. Like tests/test_widgets.py, this file needs nothing but the package and pytest (no hypothesis),
so that it can run on Colab's package versions too."""

from __future__ import annotations

import ipywidgets as W
import numpy as np
import pytest

from nbhelpers import KERNELS, conv2d, conv_output_size, widgets
from nbhelpers.widgets import conv as module

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
BOOK_X = np.array([[1, 2, 3, 0], [0, 1, 2, 3], [3, 0, 1, 2], [2, 3, 0, 1]], dtype=float)  # figure 7-7
BOOK_K = np.array([[2, 0, 1], [0, 1, 2], [1, 0, 2]], dtype=float)


def png(image) -> bytes:
    return bytes(image.value)  # ipywidgets 8 holds a memoryview, 7 holds bytes


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def parts(widget):
    """The sliders, the image and the text (the last HTML) of a widget, and its other controls."""
    assert isinstance(widget, W.VBox)
    kids = list(_walk(widget))
    (image,) = [c for c in kids if isinstance(c, W.Image)]
    assert image in widget.children, (
        "the picture sits in the widget's own VBox (the browser test finds it so)"
    )
    assert not any(isinstance(c, W.VBox) and image in c.children for c in kids if c is not widget)
    sliders = [c for c in kids if isinstance(c, W.IntSlider)]
    return sliders, image, widget.children[-1]


def _counting(monkeypatch, name="conv2d"):
    calls = []
    real = getattr(module, name)
    monkeypatch.setattr(module, name, lambda *a, **k: calls.append(a) or real(*a, **k))
    return calls


# ---- the sliding window ----


def test_sliding_window_explorer_starts_with_the_books_example():
    widget = widgets.sliding_window_explorer()
    sliders, image, text = parts(widget)
    assert [s.description for s in sliders] == [
        "input size H = W", "filter size FH = FW", "padding P", "stride S", "output cell (row order)",
    ]  # fmt: skip
    assert [(s.value, s.min, s.max) for s in sliders] == [
        (4, 3, 9),
        (3, 1, 5),
        (0, 0, 3),
        (1, 1, 3),
        (0, 0, 3),
    ]
    assert all(s.continuous_update for s in sliders)
    assert "OH = (H + 2P − FH)/S + 1 = (4 + 2·0 − 3)/1 + 1 = <b>2</b>: the output is 2 × 2" in text.value
    assert "Cell (0, 0) = <b>15</b>" in text.value
    plot = widget.plot
    assert plot._sum.get_text().startswith("cell (0, 0):  1·2 + 2·0 + 3·1")
    assert png(image).startswith(PNG_MAGIC) and widget.plot.css_width == "760px"
    for k, value in enumerate([15, 16, 6, 15]):  # the book's output, cell after cell
        sliders[-1].value = k
        assert f"Cell ({k // 2}, {k % 2}) = <b>{value}</b>" in text.value
        assert plot._value.get_text() == str(value)


def test_sliding_window_explorer_every_slider_extreme_and_middle_redraws():
    widget = widgets.sliding_window_explorer()
    sliders, image, text = parts(widget)
    with np.errstate(all="raise"):
        for _ in range(2):  # (the second time round, from the first round's settings)
            for slider in sliders:
                for value in (slider.min, slider.max, (slider.min + slider.max) // 2):
                    if slider.disabled:
                        continue
                    before_png, before_text, moved = png(image), text.value, slider.value != value
                    slider.value = value
                    assert png(image).startswith(PNG_MAGIC)
                    if moved:
                        assert png(image) != before_png, f"{slider.description} = {value}: the picture stayed"
                        assert text.value != before_text, (
                            f"{slider.description} = {value}: the numbers stayed"
                        )
                    h, f, p, s, k = (c.value for c in sliders)
                    assert f"({h} + 2·{p} − {f})/{s} + 1" in text.value


def test_sliding_window_explorer_cell_slider_follows_the_sizes():
    widget = widgets.sliding_window_explorer(size=9, filter_size=1, pad=3)
    size, f, pad, stride, cell = parts(widget)[0]
    text = widget.children[-1]
    assert cell.max == 15 * 15 - 1
    cell.value = 200
    assert "Cell (13, 5)" in text.value
    pad.value = 0  # 9 × 9 outputs: the cell comes back to the last one
    assert (cell.max, cell.value) == (80, 80) and "Cell (8, 8)" in text.value
    assert widget.plot._value.get_text() == module.number(module._INPUT[8, 8] * module._FILTER[0, 0], 0)
    stride.value = 3  # (9 − 1)/3: no output, the cell slider waits
    assert cell.disabled and cell.value == 80 and "✗" in text.value
    stride.value = 2  # (9 − 1)/2 + 1 = 5
    assert not cell.disabled and (cell.max, cell.value) == (24, 24) and "Cell (4, 4)" in text.value


@pytest.mark.parametrize(
    "size, filter_size, pad, stride, message",
    [
        (4, 3, 0, 2, "the windows do not fit evenly: (H + 2P − FH) / S = (4 + 2·0 − 3) / 2 = 1 / 2"),
        (3, 5, 0, 1, "the filter does not fit: FH = 5 is larger than H + 2P = 3 + 2·0 = 3"),
        (9, 2, 3, 3, "(9 + 2·3 − 2) / 3 = 13 / 3 is not a whole number"),
    ],
)
def test_sliding_window_explorer_says_why_sizes_do_not_fit(size, filter_size, pad, stride, message):
    widget = widgets.sliding_window_explorer(size, filter_size, pad, stride)  # (no exception)
    sliders, image, text = parts(widget)
    with pytest.raises(ValueError) as error:
        conv_output_size(size, filter_size, stride, pad)
    assert message in str(error.value) and message in text.value
    assert "<span style='color:#c00000'><b>✗ conv_output_size: " in text.value, "the core's message, in red"
    assert sliders[-1].disabled and sliders[-1].value == 0
    assert png(image).startswith(PNG_MAGIC) and widget.plot._sum.get_text().startswith("no output: ")
    sliders[3].value = 1  # stride 1 always fits, if the filter does
    assert sliders[-1].disabled == (filter_size > size + 2 * pad)


def test_sliding_window_explorer_extremes_draw_the_core_s_numbers():
    widget = widgets.sliding_window_explorer()
    sliders, image, text = parts(widget)
    corners = [(h, f, p, s) for h in (3, 9) for f in (1, 5) for p in (0, 3) for s in (1, 3)]
    with np.errstate(all="raise"):
        for values in corners:
            for slider, value in zip(sliders, values):
                slider.value = value
            h, f, p, s = values
            try:
                oh = conv_output_size(h, f, s, p)
            except ValueError:
                assert "✗" in text.value and sliders[-1].disabled
                continue
            sliders[-1].value = oh * oh - 1  # the last cell
            out = conv2d(module._INPUT[:h, :h], module._FILTER[:f, :f], stride=s, pad=p)
            assert f"Cell ({oh - 1}, {oh - 1}) = <b>{module.number(out[-1, -1], 0)}</b>" in text.value
            assert widget.plot._value.get_text() == module.number(out[-1, -1], 0)
            assert png(image).startswith(PNG_MAGIC)


def test_sliding_window_explorer_draws_once_per_change(monkeypatch):
    widget = widgets.sliding_window_explorer()
    sliders = parts(widget)[0]
    calls, shows = _counting(monkeypatch), []
    plot = widget.plot
    real_show = plot.show
    monkeypatch.setattr(plot, "show", lambda *a: shows.append(a) or real_show(*a))
    sliders[-1].value = 2
    assert len(calls) == len(shows) == 1
    sliders[-1].value = 3
    sliders[0].value = 3  # (the output is 1 × 1: the cell slider is pulled back to 0, and redrawn once)
    assert sliders[-1].value == 0 and len(shows) == 3
    sliders[0].value = 4
    sliders[-1].value = 2  # (both seen before: their pictures kept, nothing drawn)
    assert len(shows) == 3
    assert len(calls) == 6, "one computation a change, two when the cell slider is pulled back (one drawn)"


def test_sliding_window_explorer_rejects_bad_arguments():
    with pytest.raises(ValueError, match="size must be a whole number from 3 to 9, got 10"):
        widgets.sliding_window_explorer(size=10)
    with pytest.raises(ValueError, match="stride must be a whole number from 1 to 3, got 1.5"):
        widgets.sliding_window_explorer(stride=1.5)


# ---- the kernel editor ----


def _images(n=6):
    return np.random.default_rng(0).random((n, 28, 28)).astype(np.float32)


def _editor_parts(widget):
    sliders, image, text = parts(widget)
    cells = [c for c in _walk(widget) if isinstance(c, W.FloatText)]
    (menu,) = [c for c in _walk(widget) if isinstance(c, W.Dropdown)]
    return cells, menu, sliders[0], image, text


def _low_high(images, i, kernel):
    out = conv2d(images[i], kernel, pad=1)
    return f"<b>{module.number(out.min(), 3)}</b> to <b>{module.number(out.max(), 3)}</b>"


def test_kernel_editor_starts_with_edge_x_on_the_first_image():
    images = _images()
    widget = widgets.kernel_editor(images)
    cells, menu, digit, image, text = _editor_parts(widget)
    assert len(cells) == 9 and [c.value for c in cells] == KERNELS["edge x"].ravel().tolist()
    assert menu.value == "edge x" and list(menu.options) == [*KERNELS, widgets.EDITED]
    assert (digit.value, digit.min, digit.max) == (0, 0, 5)
    assert (
        "Image #0, filter “edge x”: the output runs from " + _low_high(images, 0, KERNELS["edge x"])
        in text.value
    )
    np.testing.assert_array_equal(
        widget.plot._output.get_array(), conv2d(images[0], KERNELS["edge x"], pad=1)
    )
    assert png(image).startswith(PNG_MAGIC) and widget.plot.css_width == "760px"


def test_kernel_editor_menu_fills_the_grid_and_redraws_once(monkeypatch):
    images = _images()
    widget = widgets.kernel_editor(images[:, None], index=2, preset="blur")  # (N, 1, 28, 28)
    cells, menu, digit, image, text = _editor_parts(widget)
    calls = _counting(monkeypatch)
    for name in ("sharpen", "outline", "identity", "edge y", "blur"):
        before_png, before_text = png(image), text.value
        menu.value = name
        if name == "edge y":
            assert [t.get_text() for t in widget.plot._texts[:3]] == ["−1", "−2", "−1"]
        assert len(calls) == 1, f"{name}: {len(calls)} computations for one choice"
        calls.clear()
        assert [c.value for c in cells] == KERNELS[name].ravel().tolist()
        assert png(image) != before_png and text.value != before_text
        assert (
            f"Image #2, filter “{name}”: the output runs from {_low_high(images, 2, KERNELS[name])}"
            in text.value
        )


def test_kernel_editor_one_edited_number_redraws_once_and_the_menu_follows(monkeypatch):
    images = _images()
    widget = widgets.kernel_editor(images, preset="identity")
    cells, menu, digit, image, text = _editor_parts(widget)
    calls = _counting(monkeypatch)
    before = png(image)
    cells[4].value = 3.0
    assert len(calls) == 1 and menu.value == widgets.EDITED and png(image) != before
    kernel = np.zeros((3, 3))
    kernel[1, 1] = 3.0
    assert "Image #0, your filter: the output runs from " + _low_high(images, 0, kernel) in text.value
    assert widget.plot._texts[4].get_text() == "3"
    cells[4].value = 1.0  # the identity again: the menu says so
    assert menu.value == "identity" and len(calls) == 2
    menu.value = widgets.EDITED  # (chosen by hand: it fills nothing)
    assert len(calls) == 2 and [c.value for c in cells] == KERNELS["identity"].ravel().tolist()


def test_kernel_editor_image_slider_and_extreme_filters_draw():
    images = _images()
    images[5] = 0.0  # a blank image: the output is 0 everywhere
    widget = widgets.kernel_editor(images)
    cells, menu, digit, image, text = _editor_parts(widget)
    with np.errstate(all="raise"):
        for value in (5, 0, 3):
            before_png, before_text = png(image), text.value
            digit.value = value
            assert png(image) != before_png and text.value != before_text
            assert f"Image #{value}," in text.value
        digit.value = 5
        assert "from <b>0.000</b> to <b>0.000</b>" in text.value
        digit.value = 1
        for value in (1e6, -1e6, 1e-9, 0.0):
            for c in cells:
                c.value = value
            assert png(image).startswith(PNG_MAGIC)
            assert text.value.count("<b>") == 2
    assert widget.plot._output.get_clim() == (-1.0, 1.0), "all zeros: the scale ±1"


def test_kernel_editor_rejects_bad_arguments():
    with pytest.raises(ValueError, match=r"preset must be one of \['identity', 'blur'"):
        widgets.kernel_editor(_images(), preset="emboss")
    with pytest.raises(
        ValueError, match=r"images must have shape \(N, H, W\) or \(N, 1, H, W\) .* got \(784,\)"
    ):
        widgets.kernel_editor(np.zeros(784))
    with pytest.raises(ValueError, match="index must be a whole number from 0 to 5, got 6"):
        widgets.kernel_editor(_images(), index=6)


def test_kernel_editor_reads_the_mnist_test_images_by_default():
    from conftest import HAVE_MNIST

    if not HAVE_MNIST:
        pytest.skip("the MNIST files are not here")
    from nbhelpers import load_mnist

    widget = widgets.kernel_editor(index=7)
    _, _, digit, _, text = _editor_parts(widget)
    (_, _), (x, _) = load_mnist(flatten=False)
    assert digit.max == 9999 and _low_high(x[:, 0], 7, KERNELS["edge x"]) in text.value
