"""Self-checks for the notebooks' "Try it yourself" exercises: ``check_<exercise>(your_function)``.

Each check runs the learner's function on ordinary values, edge cases and batches and prints one short
verdict: either what it checked and that all is well, or the first thing that is wrong, in plain words
(the input, what was expected, what came out; a wrong shape, a changed dtype, a warning, a batch
handled along the wrong axis, a loop where a vectorised version is asked for). It never shows the
solution. A skeleton that still raises ``NotImplementedError`` gets a friendly "not done yet" line, so
"Run all" never stops at an exercise. Each returns True if everything passed.

The checks of a concept X live in ``checks/X.py`` (``perceptron``, ``activations``, ``outputs``,
``network``, ``mnist``, ``losses``, ``gradient``, ``training``, ``layers``, ``optimizers``,
``regularization``, ``conv``, ``playground``); the engine
they share is private, in ``checks/_engine.py``. :data:`REGISTRY` maps each check's name to its entry (``name``,
``title``, ``concept``, ``function``, ``body``).

>>> REGISTRY["check_AND"].title, REGISTRY["check_AND"].concept
('AND', 'perceptron')
"""

from ._engine import REGISTRY as REGISTRY  # the name -> Check registry, re-exported
from .activations import check_sigmoid, check_step_function
from .conv import (
    check_conv2d,
    check_conv_output_size,
    check_convnet_param_count,
    check_max_pooling,
    check_predict_labels,
)
from .gradient import check_gradient_step, check_numerical_diff, check_numerical_gradient
from .layers import check_affine, check_mul_layer, check_relu, check_softmax_with_loss_grad
from .losses import check_cross_entropy_error
from .mnist import check_accuracy, check_mnist_forward
from .network import check_forward, check_layer2
from .optimizers import check_adam, check_he_init, check_momentum
from .outputs import check_softmax, check_softmax_vector
from .perceptron import check_AND, check_NAND, check_OR, check_XOR
from .playground import check_circle_features, check_features, check_layer_grad_norms
from .regularization import check_batchnorm_forward, check_dropout, check_weight_decay_gradient
from .training import check_epoch_accuracy, check_learns_circles, check_sgd_update

__all__ = [
    "check_AND",
    "check_NAND",
    "check_OR",
    "check_XOR",
    "check_step_function",
    "check_sigmoid",
    "check_softmax_vector",
    "check_softmax",
    "check_layer2",
    "check_forward",
    "check_mnist_forward",
    "check_accuracy",
    "check_cross_entropy_error",
    "check_numerical_diff",
    "check_numerical_gradient",
    "check_gradient_step",
    "check_sgd_update",
    "check_epoch_accuracy",
    "check_learns_circles",
    "check_mul_layer",
    "check_relu",
    "check_affine",
    "check_softmax_with_loss_grad",
    "check_momentum",
    "check_adam",
    "check_he_init",
    "check_batchnorm_forward",
    "check_dropout",
    "check_weight_decay_gradient",
    "check_conv_output_size",
    "check_conv2d",
    "check_max_pooling",
    "check_convnet_param_count",
    "check_predict_labels",
    "check_features",
    "check_layer_grad_norms",
    "check_circle_features",
]
