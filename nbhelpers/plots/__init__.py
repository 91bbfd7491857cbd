"""Figure builders for the notebooks: data in, a matplotlib ``Figure`` out.

One module per concept of the numeric core (``plots/perceptron.py`` draws what ``nbhelpers/perceptron.py``
computes, and so on); what they share is private: ``_figure`` (pyplot-free figures, PNG rendering, the
quick redraw of the figures behind the widgets), ``_diagram`` (circles and arrows), ``_geometry``
(where a line cuts a square, what of a path lies in a box), ``_histograms`` (the panels of each
layer's outputs) and ``_regularization_panels`` (notebook 10's accuracy curves, shared by its still
figures and its live plots). Every name is
also here, so ``from nbhelpers import plots; plots.gate_figure(...)`` works for any of them.

Nothing here uses ``pyplot``: every figure is a plain ``matplotlib.figure.Figure``, so building one never
leaks into a notebook's other cells, and a widget can redraw it many times. In a notebook, a ``Figure``
as the last line of a cell is shown as a picture (after ``import matplotlib.pyplot``, which turns
Jupyter's inline display on), and :func:`figure_to_png` renders one to PNG bytes. The figures behind
the widgets (the ``...Plot`` classes) are views: the widget computes, their ``show(...)`` draws it and
their ``png()`` redraws only the moving parts.
"""

from ._figure import figure_to_png
from .activations import LEAKY_ALPHA, STYLE, ActivationExplorerPlot, NeuronPlot, activations_figure
from .conv import (
    FEATURE_CMAP,
    WINDOW_COLOR,
    CnnDigitPlot,
    FeatureMapPlot,
    FilterPlot,
    SlidingWindowPlot,
    confusion_pair_figure,
    feature_maps_figure,
    filter_figure,
    filters_figure,
    im2col_figure,
    mistakes_figure,
    pooling_figure,
    shift_curve_figure,
    sliding_window_figure,
)
from .gradient import DescentPlot, gradient_field_figure, step_error_figure, tangent_figure
from .graph import BACKWARD_COLOR, FORWARD_COLOR, GraphPlot, graph_figure
from .losses import LossAccuracyPlot, LossPlot, batch_loss_spread_figure, loss_accuracy_figure, neg_log_figure
from .mnist import DigitPlot, confusion_figure, digits_figure, flatten_figure, prediction_figure
from .network import (
    NODE_CMAP,
    NODE_RANGE,
    HistogramsPlot,
    NetworkPlot,
    activation_histograms_figure,
    activation_label,
    network_figure,
    network_plane_figure,
)
from .optimizers import (
    OPTIMIZER_COLORS,
    OPTIMIZER_MARKERS,
    OptimizerRacePlot,
    loss_curves_figure,
    paths_figure,
)
from .outputs import CLASS_COLORS, SoftmaxPlot, softmax_figure
from .perceptron import (
    GATE_BOX,
    GATE_STYLE,
    GatePlot,
    curved_region_figure,
    gate_figure,
    gates_figure,
    perceptron_diagram,
    xor_network_figure,
    xor_region_figure,
)
from .playground import PLAYGROUND_COLORS, boundary_svg, grad_norm_svg, loss_svg, network_svg, neuron_svg
from .regularization import (
    BATCHNORM_COLORS,
    TRAIN_TEST_COLORS,
    BatchnormPlot,
    TrainTestPlot,
    batchnorm_curves_figure,
    batchnorm_grid_figure,
    final_gap_figure,
    search_curves_figure,
    search_scatter_figure,
    train_test_figure,
    weight_histogram_figure,
)
from .training import (
    CLASS_PAIR,
    MAP_CMAP,
    LiveHistory,
    TrainingPlot,
    datasets_figure,
    history_figure,
    training_figure,
)

__all__ = [
    "figure_to_png",
    # activations (notebook 02)
    "STYLE",
    "LEAKY_ALPHA",
    "activations_figure",
    "ActivationExplorerPlot",
    "NeuronPlot",
    # outputs (notebook 03)
    "CLASS_COLORS",
    "softmax_figure",
    "SoftmaxPlot",
    # network (notebook 04)
    "NODE_CMAP",
    "NODE_RANGE",
    "activation_label",
    "network_figure",
    "network_plane_figure",
    "NetworkPlot",
    # perceptron (notebook 01)
    "GATE_STYLE",
    "GATE_BOX",
    "gate_figure",
    "gates_figure",
    "GatePlot",
    "perceptron_diagram",
    "xor_network_figure",
    "xor_region_figure",
    "curved_region_figure",
    # mnist (notebook 05)
    "digits_figure",
    "flatten_figure",
    "prediction_figure",
    "confusion_figure",
    "DigitPlot",
    # losses (notebook 06)
    "neg_log_figure",
    "batch_loss_spread_figure",
    "loss_accuracy_figure",
    "LossAccuracyPlot",
    "LossPlot",
    # gradient (notebook 06)
    "tangent_figure",
    "step_error_figure",
    "gradient_field_figure",
    "DescentPlot",
    # training (notebook 07)
    "CLASS_PAIR",
    "MAP_CMAP",
    "datasets_figure",
    "training_figure",
    "history_figure",
    "LiveHistory",
    "TrainingPlot",
    # graph (notebook 08)
    "FORWARD_COLOR",
    "BACKWARD_COLOR",
    "graph_figure",
    "GraphPlot",
    # optimizers and initial weights (notebook 09)
    "OPTIMIZER_COLORS",
    "OPTIMIZER_MARKERS",
    "paths_figure",
    "OptimizerRacePlot",
    "loss_curves_figure",
    "activation_histograms_figure",
    "HistogramsPlot",
    # regularization: batch normalisation, overfitting, weight decay, dropout, the search (notebook 10)
    "TRAIN_TEST_COLORS",
    "BATCHNORM_COLORS",
    "batchnorm_grid_figure",
    "batchnorm_curves_figure",
    "BatchnormPlot",
    "train_test_figure",
    "TrainTestPlot",
    "weight_histogram_figure",
    "final_gap_figure",
    "search_scatter_figure",
    "search_curves_figure",
    # convolution and pooling (notebook 11)
    "WINDOW_COLOR",
    "sliding_window_figure",
    "SlidingWindowPlot",
    "filter_figure",
    "FilterPlot",
    "im2col_figure",
    "pooling_figure",
    # a convolutional network (notebook 12)
    "FEATURE_CMAP",
    "filters_figure",
    "feature_maps_figure",
    "shift_curve_figure",
    "confusion_pair_figure",
    "mistakes_figure",
    "FeatureMapPlot",
    "CnnDigitPlot",
    # the playground (notebook 13): pictures as SVG text
    "PLAYGROUND_COLORS",
    "boundary_svg",
    "loss_svg",
    "grad_norm_svg",
    "network_svg",
    "neuron_svg",
]
