"""The package as a whole: a light import, and figures built without pyplot."""

from __future__ import annotations

import subprocess
import sys

import pytest

import nbhelpers
from nbhelpers import plots


def test_import_loads_no_plotting_or_widgets():
    code = (
        "import sys, nbhelpers; "
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'matplotlib', 'ipywidgets', 'IPython', 'PIL'}); "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"`import nbhelpers` loaded {out.stdout.strip()}"
    assert out.stderr == ""


def test_public_names():
    for name in ["step_function", "sigmoid", "relu", "tanh", "leaky_relu", "sigmoid_grad", "relu_grad"]:
        assert callable(getattr(nbhelpers, name))
        assert getattr(nbhelpers, name).__doc__, f"{name} needs a docstring with its formula"


@pytest.mark.parametrize("derivatives", [True, False])
def test_activations_figure(derivatives):
    pyplot = pytest.importorskip("matplotlib.pyplot")
    names = list(nbhelpers.ACTIVATIONS)
    fig = plots.activations_figure(names, derivatives=derivatives)
    assert len(fig.axes) == (2 if derivatives else 1)
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert labels == [plots.STYLE[n]["label"] for n in names]
    assert plots.figure_to_png(fig).startswith(b"\x89PNG")
    assert pyplot.get_fignums() == [], "figure builders must not create pyplot figures"


@pytest.mark.parametrize("names", [[], ["softplus"], ["sigmoid", "nope"]])
def test_activations_figure_rejects_unknown_names(names):
    with pytest.raises(ValueError, match="names must be"):
        plots.activations_figure(names)
