"""What every widget of the series shares: sliders and menus with one look, and the wiring of
controls to a picture and a table of numbers."""

from __future__ import annotations

import ipywidgets as W

__all__ = ["slider", "dropdown", "choice_slider", "live", "number_table", "NUM", "TABLE", "CHOICE_CLASS"]

#: The style of a column of numbers in the widgets' tables, and of the tables themselves.
NUM = "text-align:right; padding:0 0 0 1.5em"
TABLE = "font-family:monospace; line-height:1.3"


def slider(description: str, value, low, high, step=1, kind=W.FloatSlider, **options):
    """A slider of ``kind`` (FloatSlider, IntSlider, FloatLogSlider) with the series' look: wide, its
    label in full, redrawing while it is dragged. Float sliders show 2 decimals."""
    if kind is not W.IntSlider:
        options.setdefault("readout_format", ".2f")
    return kind(
        value=value,
        min=low,
        max=high,
        step=step,
        description=description,
        continuous_update=True,
        style={"description_width": "initial"},
        layout=W.Layout(width="520px"),
        **options,
    )


def number_table(rows) -> str:
    """The widgets' table of numbers: one row per (label, value, note), the values right-aligned."""
    body = "".join(
        f"<tr><td>{label}</td><td style='{NUM}'>{value}</td><td>&nbsp;&nbsp;{note}</td></tr>"
        for label, value, note in rows
    )
    return f"<table style='{TABLE}'>{body}</table>"


#: The CSS class of a slider over a few fixed choices (the browser test moves it with the arrow keys).
CHOICE_CLASS = "nbh-choice-slider"


def choice_slider(description: str, values, labels, value, width: str = "520px") -> W.SelectionSlider:
    """A slider over a few fixed ``values``, showing their ``labels``, redrawing while it is dragged. Its
    readout shows a label, not a number one can type: the browser test moves it with the arrow keys."""
    slider = W.SelectionSlider(
        options=list(zip(labels, values)),
        value=value,
        description=description,
        continuous_update=True,
        style={"description_width": "initial"},
        layout=W.Layout(width=width),
    )
    slider.add_class(CHOICE_CLASS)
    return slider


def dropdown(description: str, options, value, width: str = "260px") -> W.Dropdown:
    """A menu of ``options`` (values, or (label, value) pairs) starting at ``value``."""
    values = [o[1] if isinstance(o, tuple) else o for o in options]
    if value not in values:
        raise ValueError(f"{description} must be one of {values}, got {value!r}")
    return W.Dropdown(
        options=options,
        value=value,
        description=description,
        style={"description_width": "initial"},
        layout=W.Layout(width=width),
    )


def live(controls, plot, step) -> W.VBox:
    """Wire ``controls`` to a picture and a text. On every change, ``step(*values)`` computes with the
    numeric core once, hands the result to ``plot`` (its ``show(...)``) and returns the HTML shown
    under the picture, made from the same result."""
    # Its size on the page (the PNG has SCALE times the pixels, for sharpness), but never wider than the
    # page: it shrinks (keeping its shape) on a narrow screen.
    layout = W.Layout(width=plot.css_width, max_width="100%", height="auto", align_self="flex-start")
    image = W.Image(format="png", layout=layout)
    text = W.HTML()

    def update(change=None):
        html = step(*(c.value for c in controls))
        image.value = plot.png()
        text.value = html

    for c in controls:
        c.observe(update, names="value")
    update()
    box = W.VBox([*controls, image, text])
    box.plot = plot  # the figure behind the picture, for a look inside (and for the tests)
    return box
