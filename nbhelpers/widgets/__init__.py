"""Interactive figures: sliders and menus wired to the numeric core and the figures of ``nbhelpers.plots``.

One module per concept (``widgets/perceptron.py`` for ``nbhelpers/perceptron.py``, and so on); the
controls and their wiring are shared in the private ``_controls``. Each builder returns one widget (a
``VBox``) that a notebook shows by putting it on the last line of a cell. On every change the widget
computes with the numeric core once and hands the result both to the picture (an ``Image`` holding a
PNG that the plot renders) and to the numbers below it (an ``HTML`` text). Only widgets and options
that ipywidgets 7.6+ and 8 both have are used, so the same code runs in JupyterLab, Notebook 7, VS
Code, Voilà and Google Colab (which pins ipywidgets 7.7.1), and no ``Output`` widget or pyplot state is
involved, so a new picture always replaces the old one.
"""

from .activations import activation_explorer, neuron_explorer
from .conv import (
    EDITED,
    MAP_LAYERS,
    cnn_digit_explorer,
    feature_map_explorer,
    kernel_editor,
    sliding_window_explorer,
)
from .gradient import BOWLS, descent_explorer
from .graph import shopping_explorer
from .losses import REST_CHOICES, loss_explorer, weight_explorer
from .mnist import digit_explorer
from .network import HIDDEN_CHOICES, INIT_CHOICES, OUTPUT_CHOICES, init_explorer, network_explorer
from .optimizers import NO_BIAS_CORRECTION, optimizer_race
from .outputs import softmax_explorer
from .perceptron import perceptron_explorer
from .playground import BATCH_CHOICES, L2_CHOICES, LR_CHOICES, PLAYING, SPEED_CHOICES, playground
from .regularization import batchnorm_explorer, dropout_explorer, weight_decay_explorer
from .training import BACKPROP_STEP_CHOICES, STEP_CHOICES, training_explorer

__all__ = [
    "perceptron_explorer",
    "activation_explorer",
    "neuron_explorer",
    "softmax_explorer",
    "network_explorer",
    "HIDDEN_CHOICES",
    "OUTPUT_CHOICES",
    "digit_explorer",
    "loss_explorer",
    "REST_CHOICES",
    "weight_explorer",
    "descent_explorer",
    "BOWLS",
    "training_explorer",
    "STEP_CHOICES",
    "BACKPROP_STEP_CHOICES",
    "shopping_explorer",
    "optimizer_race",
    "NO_BIAS_CORRECTION",
    "init_explorer",
    "INIT_CHOICES",
    "batchnorm_explorer",
    "weight_decay_explorer",
    "dropout_explorer",
    "sliding_window_explorer",
    "kernel_editor",
    "EDITED",
    "feature_map_explorer",
    "cnn_digit_explorer",
    "MAP_LAYERS",
    "playground",
    "LR_CHOICES",
    "BATCH_CHOICES",
    "L2_CHOICES",
    "SPEED_CHOICES",
    "PLAYING",
]
