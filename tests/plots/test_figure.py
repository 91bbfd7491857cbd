"""What every figure shares (nbhelpers/plots/_figure.py): sharp pictures in the notebooks and the widgets."""

from __future__ import annotations

import base64
import io

import numpy as np
import PIL.Image
from helpers import PNG_MAGIC, pixels

from nbhelpers import plots, widgets
from nbhelpers.plots._figure import DPI, SCALE, _png, new_figure


def _bundle(fig):
    data, metadata = fig._repr_mimebundle_()
    png = base64.b64decode(data["image/png"])
    return data, metadata["image/png"], png


def test_a_figure_shows_itself_at_twice_its_pixels_and_with_its_usual_text_line():
    fig = plots.activations_figure(["sigmoid", "relu"])
    data, size, png = _bundle(fig)
    assert png.startswith(PNG_MAGIC)
    image = PIL.Image.open(io.BytesIO(png))
    # rendered at SCALE x, shown at its size: the width and height the notebook is told are the pixels / SCALE
    assert (size["width"], size["height"]) == tuple(-(-side // SCALE) for side in image.size)
    assert abs(size["width"] - fig.get_figwidth() * DPI) < 0.05 * fig.get_figwidth() * DPI  # (tight box)
    assert data["text/plain"] == repr(fig) == "<Figure size 1040x400 with 2 Axes>"


def _full(fig):
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI * SCALE, bbox_inches="tight")
    return pixels(buf.getvalue())


def test_curves_and_text_are_shown_with_256_colours_and_nothing_visible_changes():
    fig = plots.activations_figure(["sigmoid", "relu"])
    shown, full = pixels(_bundle(fig)[2]), _full(fig)
    assert len(np.unique(shown.reshape(-1, 3), axis=0)) <= 256
    assert shown.shape == full.shape
    assert np.array_equal(shown[0, 0], [255, 255, 255])  # the background stays white
    assert np.abs(shown - full).mean() < 0.25


def test_a_smooth_colour_map_is_shown_without_loss():
    fig = new_figure((3.0, 1.0))
    ax = fig.add_subplot()
    ax.imshow(np.linspace(0, 1, 600)[None, :], aspect="auto", cmap="coolwarm")
    shown = pixels(_bundle(fig)[2])
    assert len(np.unique(shown.reshape(-1, 3), axis=0)) > 256  # 256 would show bands
    assert np.array_equal(shown, _full(fig))


def test_a_picture_with_few_colours_is_stored_without_loss():
    fig = new_figure((2.0, 1.0))
    ax = fig.add_subplot()
    ax.axis("off")
    ax.axvspan(0.0, 0.5, color="red")
    assert np.array_equal(pixels(_bundle(fig)[2]), _full(fig))


def test_the_quick_png_writer_keeps_every_pixel():
    rng = np.random.default_rng(0)
    rgba = rng.integers(0, 256, (7, 11, 4), dtype=np.uint8)
    png = _png(rgba)
    assert png.startswith(PNG_MAGIC)
    assert np.array_equal(pixels(png), rgba[..., :3])


def test_a_widget_picture_has_twice_the_pixels_of_its_place_on_the_page():
    box = widgets.activation_explorer()
    (image,) = [c for c in box.children if type(c).__name__ == "Image"]
    width = pixels(image.value).shape[1]
    assert image.layout.width == box.plot.css_width == f"{width // SCALE}px"
    assert image.layout.max_width == "100%"  # never wider than the page
