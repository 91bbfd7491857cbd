"""The widget of the shopping graph: change the prices, the counts and the tax, and watch every value of
the forward pass and every derivative of the backward pass change on the book's graph of apples and
oranges (figure 5-17), with what each derivative means for the price paid."""

from __future__ import annotations

import numbers

import ipywidgets as W

from .._format import MINUS
from ..graph import buy_apple_orange
from ..plots.graph import BACKWARD_COLOR, GraphPlot
from ._controls import NUM, TABLE, live, slider

__all__ = ["shopping_explorer"]

#: Significant digits of the numbers shown: every price here has at most 5 digits before the point and
#: 2 after it (whole prices, a tax with 2 decimals), so 7 show them exactly (220, not 220.00000000000003).
_DIGITS = 7

#: The range of each slider: the prices, the counts, and the tax factor (1: no tax, 2: 100% tax).
_RANGES = {
    "apple": (0, 1000),
    "apple_num": (0, 10),
    "orange": (0, 1000),
    "orange_num": (0, 10),
    "tax": (1.0, 2.0),
}


def _g(value) -> str:
    return f"{float(value) + 0.0:.{_DIGITS}g}".replace("-", MINUS)


def shopping_explorer(apple=100.0, apple_num=2, orange=150.0, orange_num=3, tax=1.1) -> W.VBox:
    """Sliders for the price of an apple and of an orange, how many of each, and the tax; the picture is
    the book's computational graph with every value (forward, black) and every derivative ∂price/∂value
    (backward, red); the table lists them with what each means: "1 more apple: the price goes up by 110".

    price = (apple · apple_num + orange · orange_num) · tax, computed once per change by
    ``buy_apple_orange`` (the book's layers, forward then backward), which feeds the picture and the table.
    Starts at the book's example: 715; dapple 2.2, dapple_num 110, dorange 3.3, dorange_num 165, dtax 650.

    Book §5.4.2 (figure 5-17); notebook 08.
    """
    given = {"apple": apple, "apple_num": apple_num, "orange": orange, "orange_num": orange_num, "tax": tax}
    for name, value in given.items():
        low, high = _RANGES[name]
        if isinstance(value, bool) or not isinstance(value, numbers.Real) or not low <= value <= high:
            raise ValueError(f"{name} must be a number from {low} to {high}, got {value!r}")
    controls = [
        slider("apple (price of one apple)", float(apple), *_RANGES["apple"], 1, readout_format=".0f"),
        slider("apple_num (apples bought)", int(apple_num), *_RANGES["apple_num"], kind=W.IntSlider),
        slider("orange (price of one orange)", float(orange), *_RANGES["orange"], 1, readout_format=".0f"),
        slider("orange_num (oranges bought)", int(orange_num), *_RANGES["orange_num"], kind=W.IntSlider),
        slider("tax (1.1: 10% tax)", float(tax), *_RANGES["tax"], 0.01),
    ]
    plot = GraphPlot(buy_apple_orange(*(c.value for c in controls)), digits=_DIGITS)

    def step(apple, apple_num, orange, orange_num, tax):
        graph = buy_apple_orange(float(apple), int(apple_num), float(orange), int(orange_num), float(tax))
        plot.show(graph)
        return _table(graph.values, graph.grads)

    return live(controls, plot, step)


def _table(v: dict, d: dict) -> str:
    """Every value and derivative of the shopping graph, with a line saying what the derivative means."""
    meanings = {
        "apple": f"each apple costs 1 more: the price goes up by {_g(d['apple'])} (= apple_num × tax)",
        "apple_num": f"1 more apple: the price goes up by {_g(d['apple_num'])} (= apple × tax)",
        "orange": f"each orange costs 1 more: the price goes up by {_g(d['orange'])} (= orange_num × tax)",
        "orange_num": f"1 more orange: the price goes up by {_g(d['orange_num'])} (= orange × tax)",
        "tax": f"tax 0.01 higher (1 percentage point): the price goes up by {_g(d['tax'] / 100)} (= all_price / 100)",
        "apple_price": f"1 more spent on apples: {_g(d['apple_price'])} more with tax (= tax)",
        "orange_price": f"1 more spent on oranges: {_g(d['orange_price'])} more with tax (= tax)",
        "all_price": f"1 more before tax: {_g(d['all_price'])} more with tax (= tax)",
        "price": "the output: ∂price/∂price = 1 starts the backward pass",
    }
    rows = "".join(
        f"<tr><td>{name}</td><td style='{NUM}'>{_g(v[name])}</td>"
        f"<td style='{NUM}; color:{BACKWARD_COLOR}'>{_g(d[name])}</td><td>&nbsp;&nbsp;{meaning}</td></tr>"
        for name, meaning in meanings.items()
    )
    return (
        f"<table style='{TABLE}'><tr><th></th><th style='{NUM}'>value (forward)</th>"
        f"<th style='{NUM}'>∂price/∂value (backward)</th><th></th></tr>{rows}</table>"
        "The price is a sum of products: with the other inputs fixed, it changes in a straight line with "
        "each one, so these changes are exact, not only approximate (2 more apples: twice as much)."
    )
