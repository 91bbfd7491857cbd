"""nbhelpers: the tested NumPy core behind the *Neural Networks from Scratch* notebooks.

The functions a learner meets in the notebooks live here under the book's names, so the notebooks
can show the code and then check it against a tested copy. Importing this package loads only NumPy.

The layout, one concept, one name, on every floor. A concept X (perceptron, activations, outputs,
network, mnist, losses, optimizers, ...) lives in::

    nbhelpers/X.py            the numeric core: NumPy only, the book's names (exported here)
    nbhelpers/plots/X.py      its figures: data in, a matplotlib Figure out
    nbhelpers/checks/X.py     its exercise checks
    nbhelpers/widgets/X.py    its interactive figures
    tests/test_X.py           its tests

Imports go only downward: the core (``_arrays``, ``_format``, then the concept modules) <- ``plots``
and ``checks`` (never each other) <- ``widgets`` <- the notebooks; ``tests/test_layout.py`` enforces it.
``nbhelpers.plots``, ``nbhelpers.checks`` and ``nbhelpers.widgets`` are imported only when a notebook
asks for them. Each public docstring says where its idea is taught ("Book §3.5.2; notebook 03").
"""

from .activations import (
    ACTIVATIONS,
    leaky_relu,
    leaky_relu_grad,
    relu,
    relu_grad,
    sigmoid,
    sigmoid_grad,
    step_function,
    step_function_grad,
    tanh,
    tanh_grad,
)
from .conv import KERNELS, Convolution, Pooling, col2im, conv2d, conv_output_size, im2col, im2col_loop
from .datasets import DATASETS, blobs, circles, spirals, train_test_split, xor
from .gradient import (
    best_step,
    difference_errors,
    forward_difference,
    gradient_check,
    gradient_descent,
    numerical_diff,
    numerical_gradient,
    relative_error,
)
from .graph import Edge, Graph, Node, batchnorm_graph, buy_apple, buy_apple_orange, sigmoid_graph
from .layers import (
    AddLayer,
    Affine,
    BatchNormalization,
    Dropout,
    Identity,
    MulLayer,
    Relu,
    Sigmoid,
    SoftmaxWithLoss,
    Tanh,
)
from .losses import cross_entropy_error, mean_squared_error, weight_decay_gradient, weight_decay_loss
from .mnist import load_mnist, pretrained_network, shipped_results
from .nets import MultiLayerNet, MultiLayerNetExtend, SimpleConvNet, TwoLayerNet, pretrained_convnet
from .network import accuracy, confusion_matrix, forward, init_network, init_weights, layer_activations
from .optimizers import (
    OPTIMIZERS,
    SGD,
    SURFACES,
    AdaGrad,
    Adam,
    Momentum,
    Nesterov,
    RMSprop,
    Surface,
    descent_path,
    make_optimizer,
    smooth_curve,
)
from .outputs import identity_function, softmax
from .perceptron import (
    AND,
    GATE_WEIGHTS,
    INPUTS,
    NAND,
    OR,
    TABLE_NAMES,
    XOR,
    gate_name,
    perceptron,
    truth_table,
)
from .playground import Playground, add_features
from .regularization import Trial, random_search, run_trial, validation_split
from .training import History, Trainer, probability_map, progress_bar, train, weight_grad_norms

__version__ = "0.1.0"

__all__ = [
    "ACTIVATIONS",
    "Affine",
    "AddLayer",
    "MulLayer",
    "Relu",
    "Sigmoid",
    "SoftmaxWithLoss",
    "gradient_check",
    "relative_error",
    "AND",
    "DATASETS",
    "GATE_WEIGHTS",
    "History",
    "INPUTS",
    "NAND",
    "OR",
    "SGD",
    "TABLE_NAMES",
    "TwoLayerNet",
    "MultiLayerNet",
    "XOR",
    "Momentum",
    # optimizers (notebook 09)
    "OPTIMIZERS",
    "SURFACES",
    "Nesterov",
    "AdaGrad",
    "RMSprop",
    "Adam",
    "Surface",
    "descent_path",
    "make_optimizer",
    "smooth_curve",
    "accuracy",
    "best_step",
    "blobs",
    "circles",
    "confusion_matrix",
    "cross_entropy_error",
    "difference_errors",
    "forward",
    "forward_difference",
    "gate_name",
    "gradient_descent",
    "identity_function",
    "init_network",
    "init_weights",
    "layer_activations",
    "leaky_relu",
    "load_mnist",
    "leaky_relu_grad",
    "mean_squared_error",
    "numerical_diff",
    "numerical_gradient",
    "perceptron",
    "pretrained_network",
    "shipped_results",
    "relu",
    "relu_grad",
    "sigmoid",
    "sigmoid_grad",
    "softmax",
    "spirals",
    "step_function",
    "step_function_grad",
    "tanh",
    "tanh_grad",
    "train",
    "Trainer",
    "train_test_split",
    "probability_map",
    "progress_bar",
    "truth_table",
    "xor",
    # computational graphs (notebook 08)
    "Node",
    "Edge",
    "Graph",
    "buy_apple",
    "buy_apple_orange",
    "sigmoid_graph",
    "batchnorm_graph",
    # batch normalisation, dropout, weight decay, tuning (notebook 10)
    "BatchNormalization",
    "Dropout",
    "MultiLayerNetExtend",
    "weight_decay_loss",
    "weight_decay_gradient",
    "validation_split",
    "Trial",
    "run_trial",
    "random_search",
    # convolutional networks (notebooks 11 and 12)
    "KERNELS",
    "conv_output_size",
    "conv2d",
    "im2col",
    "im2col_loop",
    "col2im",
    "Convolution",
    "Pooling",
    "SimpleConvNet",
    "pretrained_convnet",
    # the playground (notebook 13)
    "Tanh",
    "Identity",
    "weight_grad_norms",
    "Playground",
    "add_features",
]
