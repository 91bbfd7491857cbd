"""nbhelpers: the tested NumPy core behind the *Neural Networks from Scratch* notebooks.

The functions a learner meets in the notebooks live here under the book's names, so the
notebooks can show the code and then check it against a tested copy. Importing this package
loads only NumPy: the figures live in ``nbhelpers.plots`` and the sliders in
``nbhelpers.widgets``, imported only when a notebook asks for them.
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
from .mnist import load_mnist, pretrained_network
from .network import forward, init_network
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

__version__ = "0.1.0"

__all__ = [
    "ACTIVATIONS",
    "AND",
    "GATE_WEIGHTS",
    "INPUTS",
    "NAND",
    "OR",
    "TABLE_NAMES",
    "XOR",
    "forward",
    "gate_name",
    "identity_function",
    "init_network",
    "leaky_relu",
    "load_mnist",
    "leaky_relu_grad",
    "perceptron",
    "pretrained_network",
    "relu",
    "relu_grad",
    "sigmoid",
    "sigmoid_grad",
    "softmax",
    "step_function",
    "step_function_grad",
    "tanh",
    "tanh_grad",
    "truth_table",
]
