"""The playground: a small network trained on a toy data set in the plane, step by step, with everything a
picture of it needs: the decision map, each neuron's map, the losses and the gradients' sizes over time.

``Playground`` only wires what the series built: the toy data sets and their split (:mod:`nbhelpers.datasets`,
notebook 07), :class:`nbhelpers.MultiLayerNet` (backpropagation, weight decay: notebooks 08–10), the
optimizers (:mod:`nbhelpers.optimizers`, notebook 09) and the training loop :func:`nbhelpers.train`. Its
``code()`` writes those calls out, so a learner can run the same training without the widget and get the same
numbers, bit for bit. ``add_features`` gives the network extra inputs computed from the point (x₁², x₁x₂,
sin x₁, ...), as TensorFlow Playground does.

Not in the book (TensorFlow Playground, playground.tensorflow.org, is its model); notebook 13.
"""

from __future__ import annotations

import json

import numpy as np

from ._arrays import as_float_array, check_real_scalar, grid_2d, whole_number
from ._nets import hidden_function
from .datasets import DATASETS, train_test_split
from .losses import cross_entropy_error
from .nets import MultiLayerNet
from .network import forward
from .optimizers import OPTIMIZERS, make_optimizer
from .training import History, probability_map, train

__all__ = [
    "RANGE",
    "FEATURES",
    "FEATURE_LABELS",
    "ACTIVATION_CHOICES",
    "OPTIMIZER_CHOICES",
    "DATASET_CHOICES",
    "DEFAULTS",
    "add_features",
    "Playground",
]

#: The square of the plane the pictures show: x₁ and x₂ from -1.5 to 1.5 (where the toy data sets lie).
RANGE = (-1.5, 1.5)
_FEATURE_FUNCTIONS = {
    "x1": lambda a, b: a,
    "x2": lambda a, b: b,
    "x1^2": lambda a, b: a * a,
    "x2^2": lambda a, b: b * b,
    "x1*x2": lambda a, b: a * b,
    "sin(x1)": lambda a, b: np.sin(a),
    "sin(x2)": lambda a, b: np.sin(b),
}
#: The input features a playground network can get, computed from the point (x₁, x₂), in this order.
FEATURES = tuple(_FEATURE_FUNCTIONS)
#: How the features are written for people.
FEATURE_LABELS = {
    "x1": "x₁",
    "x2": "x₂",
    "x1^2": "x₁²",
    "x2^2": "x₂²",
    "x1*x2": "x₁x₂",
    "sin(x1)": "sin x₁",
    "sin(x2)": "sin x₂",
}
#: The hidden layers' activations ("identity": none, the layer stays linear) and the optimizers offered.
ACTIVATION_CHOICES = ("relu", "tanh", "sigmoid", "identity")
OPTIMIZER_CHOICES = ("SGD", "Momentum", "Adam")
DATASET_CHOICES = tuple(DATASETS)
#: The settings of a new Playground (any of them can be given to it, or changed later with ``change``).
DEFAULTS = {
    "dataset": "circles",
    "n": 500,
    "noise": 0.1,
    "test_ratio": 0.5,
    "data_seed": 0,
    "features": ("x1", "x2"),
    "hidden": (8, 8),
    "activation": "tanh",
    "optimizer": "SGD",
    "lr": 0.1,
    "batch_size": 10,
    "l2": 0.0,
    "seed": 0,
}
#: The settings that apply from the next step; changing any other one starts a new network.
_LIVE = ("lr", "batch_size", "l2")
_DATA = ("dataset", "n", "noise", "test_ratio", "data_seed", "features")


def _feature_names(features) -> tuple:
    if isinstance(features, str) or not np.iterable(features):
        raise TypeError(
            f"features must be a list of feature names such as ['x1', 'x2', 'x1^2'], got "
            f"{type(features).__name__} {features!r}"
        )
    names = tuple(features)
    unknown = [name for name in names if not isinstance(name, str) or name not in _FEATURE_FUNCTIONS]
    if unknown:
        raise ValueError(f"unknown feature {unknown[0]!r}: the features are {', '.join(FEATURES)}")
    if not names:
        raise ValueError("features must name at least one feature: the network needs an input")
    if len(set(names)) != len(names):
        raise ValueError(f"features must name each feature once, got {list(names)}")
    return names


def add_features(x, features=("x1", "x2")) -> np.ndarray:
    r"""The network's inputs for points of the plane: one column per feature, computed from (x₁, x₂).

    ``x``: points, shape (N, 2) (x₁ in column 0, x₂ in column 1) or one point (2,); ``features``: names from
    :data:`FEATURES`, each at most once, in the order wanted: "x1", "x2", "x1^2" (:math:`x_1^2`), "x2^2",
    "x1*x2" (:math:`x_1 x_2`), "sin(x1)", "sin(x2)". Returns a new array of shape (N, len(features)) (or
    (len(features),)), x's float type kept. With :math:`x_1^2` and :math:`x_2^2` among its inputs, a network
    without a hidden layer can draw a circle: :math:`w_1 x_1^2 + w_2 x_2^2 + b = 0`.

    Not in the book (TensorFlow Playground's inputs); notebook 13.

    >>> add_features([[1.0, 2.0]], ["x1", "x1^2", "x1*x2"])
    array([[1., 1., 2.]])
    """
    x = as_float_array(x, "x")
    if x.ndim not in (1, 2) or x.shape[-1] != 2:
        raise ValueError(
            f"add_features: x must be points of shape (N, 2) or one point (2,), got shape {x.shape}"
        )
    names = _feature_names(features)
    a, b = x[..., 0], x[..., 1]
    return np.stack([_FEATURE_FUNCTIONS[name](a, b) for name in names], axis=-1)


class _OnThePlane:
    """The network seen from the plane: ``predict`` takes points (N, 2) and adds the features first."""

    def __init__(self, net, features):
        self.net, self.features = net, features

    def predict(self, points):
        return self.net.predict(add_features(points, self.features))


class Playground:
    r"""A network learning a toy data set, one call of :meth:`step` at a time (what notebook 13's widget drives).

    ``Playground(**settings)``, any of :data:`DEFAULTS`: the data (``dataset`` of :data:`DATASET_CHOICES`,
    ``n`` points, ``noise``, ``test_ratio`` of them kept for testing, ``data_seed``), the network
    (``features``, the inputs: names of :data:`FEATURES`; ``hidden``, the hidden layers' sizes, () for none;
    ``activation`` of :data:`ACTIVATION_CHOICES`; its first weights drawn from ``seed`` with He's scale for
    ReLU, Xavier's for the others), and the training (``optimizer`` "SGD", "Momentum", "Adam", ...; ``lr``;
    ``batch_size``; ``l2``, the weight decay λ, 0 for none; the mini-batches drawn from ``seed`` too).

    - ``step(steps)`` trains that many steps with :func:`nbhelpers.train` (backpropagation, the same
      optimizer object all along), then measures the loss on the whole training and test sets.
    - ``change(**settings)``: ``lr``, ``batch_size`` and ``l2`` apply from the next step; any other
      setting starts a new network (with the same seed). ``reset(seed=None)`` starts a new network from
      ``seed`` (None: the next seed); the data stay.
    - What there is to see: ``x_train``, ``t_train``, ``x_test``, ``t_test`` (points and labels),
      ``net`` (a :class:`nbhelpers.MultiLayerNet`), ``history`` (a :class:`nbhelpers.History` with
      ``grad_norms``), ``loss_steps``, ``train_loss``, ``test_loss`` (after each call of ``step``: the
      cross-entropy error on the whole training and test sets, without weight decay's term λ/2 ΣW², which
      the training minimises too but which says nothing about the data),
      ``probability_map()``, ``neuron_maps()``.
    - ``code()``: the nbhelpers calls that do the same training, as text to paste into a cell;
      ``params_code()`` and ``export()``: the trained weights.

    Not in the book (TensorFlow Playground); notebook 13.

    >>> pg = Playground(dataset="xor", hidden=(4,), activation="relu", optimizer="Adam", lr=0.03)
    >>> pg.step(200)
    >>> pg.history.steps_done, pg.train_loss[-1] < pg.train_loss[0]
    (200, True)
    """

    def __init__(self, **settings):
        self._settings = dict(DEFAULTS)
        self._settings.update(self._checked(settings))
        self._make_data()
        self.reset(self._settings["seed"])

    @property
    def settings(self) -> dict:
        """The current settings (a new dict)."""
        return dict(self._settings)

    def _checked(self, settings: dict) -> dict:
        unknown = sorted(set(settings) - set(DEFAULTS))
        if unknown:
            raise TypeError(
                f"Playground: unknown setting {unknown[0]!r}; the settings are {', '.join(DEFAULTS)}"
            )
        s, where = dict(settings), "Playground"
        if "dataset" in s and s["dataset"] not in DATASETS:
            raise ValueError(f"{where}: dataset must be one of {', '.join(DATASETS)}, got {s['dataset']!r}")
        if "features" in s:
            s["features"] = _feature_names(s["features"])
        if "hidden" in s:
            if isinstance(s["hidden"], (str, bytes)) or not np.iterable(s["hidden"]):
                raise TypeError(f"{where}: hidden must be a list of layer sizes such as [8, 8] ([] for none)")
            s["hidden"] = tuple(whole_number(v, f"hidden[{i}]", 1, where) for i, v in enumerate(s["hidden"]))
        if "activation" in s and s["activation"] not in ACTIVATION_CHOICES:
            raise ValueError(
                f"{where}: activation must be one of {', '.join(ACTIVATION_CHOICES)}, got {s['activation']!r}"
            )
        if "optimizer" in s and s["optimizer"] not in OPTIMIZERS:
            raise ValueError(
                f"{where}: optimizer must be one of {', '.join(OPTIMIZERS)}, got {s['optimizer']!r}"
            )
        for name, low in (("n", 10), ("batch_size", 1), ("seed", 0), ("data_seed", 0)):
            if name in s:
                s[name] = whole_number(s[name], name, low, where)
        for name in ("noise", "lr", "l2", "test_ratio"):
            if name in s:
                s[name] = check_real_scalar(s[name], name)
                if s[name] < 0 or (name == "lr" and s[name] == 0):
                    raise ValueError(
                        f"{where}: {name} must be {'> 0' if name == 'lr' else '>= 0'}, got {s[name]}"
                    )
        return s

    def _make_data(self) -> None:
        s = self._settings
        x, t = DATASETS[s["dataset"]](n=s["n"], noise=s["noise"], seed=s["data_seed"])
        (self.x_train, self.t_train), (self.x_test, self.t_test) = train_test_split(
            x, t, test_ratio=s["test_ratio"], seed=s["data_seed"]
        )
        self.f_train = add_features(self.x_train, s["features"])
        self.f_test = add_features(self.x_test, s["features"])

    def reset(self, seed=None) -> None:
        """A new network: first weights and the stream of mini-batches from ``seed`` (None: seed + 1)."""
        s = self._settings
        s["seed"] = s["seed"] + 1 if seed is None else whole_number(seed, "seed", 0, "reset")
        self.net = MultiLayerNet(
            len(s["features"]),
            list(s["hidden"]),
            2,
            activation=s["activation"],
            weight_init_std=_init(s["activation"]),
            weight_decay_lambda=s["l2"],
            rng=s["seed"],
        )
        self.optimizer = make_optimizer(s["optimizer"], lr=s["lr"])
        self.batches = np.random.default_rng(s["seed"])
        self.history = History()
        self.segments = []  # [steps, lr, batch_size, l2] for each stretch of steps with the same settings
        self.loss_steps, self.train_loss, self.test_loss = [], [], []
        self._measure()

    def change(self, **settings) -> None:
        """New settings: ``lr``, ``batch_size``, ``l2`` apply from the next step; others start a new network."""
        settings = self._checked(settings)
        settings = {k: v for k, v in settings.items() if v != self._settings[k]}
        self._settings.update(settings)
        if any(key in _DATA for key in settings):
            self._make_data()
        if any(key not in _LIVE for key in settings):
            self.reset(self._settings["seed"])

    def step(self, steps=1) -> None:
        """Train ``steps`` steps (the current lr, batch size and λ), then measure the losses."""
        steps = whole_number(steps, "steps", 1, "step")
        s, before = self._settings, self.history.steps_done
        self.net.weight_decay_lambda = s["l2"]
        self.optimizer.lr = s["lr"]
        with np.errstate(
            all="ignore"
        ):  # a diverging run (η far too large): inf and NaN, recorded, no warning
            self._train(steps)
        done, live = self.history.steps_done - before, [s["lr"], s["batch_size"], s["l2"]]
        if self.segments and self.segments[-1][1:] == live:
            self.segments[-1][0] += done
        elif done:
            self.segments.append([done, *live])
        self._measure()

    def _train(self, steps: int) -> None:
        s = self._settings
        train(
            self.net,
            self.f_train,
            self.t_train,
            self.f_test,
            self.t_test,
            optimizer=self.optimizer,
            batch_size=s["batch_size"],
            steps=steps,
            seed=self.batches,
            gradient="gradient",
            every=steps,
            progress=False,
            history=self.history,
            grad_norms=True,
        )

    def _measure(self) -> None:
        with np.errstate(all="ignore"):
            self.loss_steps.append(self.history.steps_done)
            self.train_loss.append(float(cross_entropy_error(self.net.predict(self.f_train), self.t_train)))
            self.test_loss.append(float(cross_entropy_error(self.net.predict(self.f_test), self.t_test)))

    @property
    def epochs(self) -> float:
        """How many times over the training set the steps went: the examples drawn (each step's batch size,
        summed) over the number of training points."""
        return sum(steps * batch for steps, _, batch, _ in self.segments) / len(self.x_train)

    def probability_map(self, resolution: int = 100) -> np.ndarray:
        """The network's probability of class 1 over the plane (:data:`RANGE` on both axes), shape
        (resolution, resolution), rows from the bottom up (:func:`nbhelpers.probability_map`)."""
        return probability_map(_OnThePlane(self.net, self._settings["features"]), RANGE, RANGE, resolution)

    def neuron_maps(self, resolution: int = 24) -> list:
        """What every neuron computes over the plane: a list with one array per layer, shape (neurons,
        resolution, resolution), rows from the bottom up: the input features, each hidden layer's outputs
        (after the activation), and the output's probability of class 1 (one map)."""
        _, grid = grid_2d(RANGE, resolution)  # (the points, x1 running fastest: rows from the bottom up)
        inputs = add_features(grid, self._settings["features"])
        with np.errstate(all="ignore"):
            y, values = forward(
                self.net.params,
                inputs,
                hidden_function(self.net.activation),
                "softmax",
                return_intermediates=True,
            )
        layers = (
            [inputs] + [values[f"Z{k}"] for k in range(1, len(self._settings["hidden"]) + 1)] + [y[:, 1:]]
        )
        return [z.T.reshape(-1, resolution, resolution) for z in layers]

    def export(self) -> dict:
        """A copy of the trained parameters, ``{"W1": ..., "b1": ..., ...}``."""
        return {key: value.copy() for key, value in self.net.params.items()}

    def params_code(self) -> str:
        """The trained parameters as Python text, ``params = {"W1": np.array([...]), ...}``: every number
        written in full (Python's shortest repr), so running it gives the same arrays, bit for bit."""
        rows = [f'    "{key}": np.array({value.tolist()!r}),' for key, value in self.net.params.items()]
        return "import numpy as np\n\nparams = {\n" + "\n".join(rows) + "\n}\n"

    def code(self) -> str:
        """The nbhelpers calls that train the same network on the same data in the same steps, as text for a
        new cell; it ends by printing the losses that this playground shows now (written in a comment)."""
        s = self._settings
        init = _init(s["activation"])
        lines = [
            "import numpy as np",
            "",
            "from nbhelpers import MultiLayerNet, cross_entropy_error, make_optimizer, train, train_test_split",
            f"from nbhelpers.datasets import {s['dataset']}",
            "from nbhelpers.playground import add_features",
            "",
            f"x, t = {s['dataset']}(n={s['n']}, noise={s['noise']!r}, seed={s['data_seed']})",
            f"(x_train, t_train), (x_test, t_test) = train_test_split(x, t, test_ratio={s['test_ratio']!r}, "
            f"seed={s['data_seed']})",
            f"features = {json.dumps(list(s['features']))}",
            "x_train, x_test = add_features(x_train, features), add_features(x_test, features)",
            f'net = MultiLayerNet({len(s["features"])}, {list(s["hidden"])!r}, 2, activation="{s["activation"]}", '
            f'weight_init_std="{init}",',
            f"                    weight_decay_lambda={self._first('l2')!r}, rng={s['seed']})",
            f'optimizer = make_optimizer("{s["optimizer"]}", lr={self._first("lr")!r})',
            f"batches = np.random.default_rng({s['seed']})  # the stream of mini-batches",
            "history = None  # train makes a History; the next train goes on with it",
            '# gradient="gradient": backpropagation (notebook 08); seed=batches: the playground\'s mini-batches',
        ]
        lr, l2 = self._first("lr"), self._first("l2")
        for steps, seg_lr, batch_size, seg_l2 in self.segments:
            if seg_lr != lr:
                lines.append(f"optimizer.lr = {seg_lr!r}")
            if seg_l2 != l2:
                lines.append(f"net.weight_decay_lambda = {seg_l2!r}")
            lr, l2 = seg_lr, seg_l2
            lines.append(
                f"history = train(net, x_train, t_train, optimizer=optimizer, batch_size={batch_size}, "
                f"steps={steps}, seed=batches,"
            )
            lines.append('                gradient="gradient", progress=False, history=history)')
        lines += [
            f"steps = {self.history.steps_done}",
            "train_loss = cross_entropy_error(net.predict(x_train), t_train)  # the data's loss, without λ's term",
            "test_loss = cross_entropy_error(net.predict(x_test), t_test)",
            'print(f"after {steps} steps: train loss {train_loss:.6f}, test loss {test_loss:.6f}")',
            f"# prints: {self.loss_line()}",
        ]
        return "\n".join(lines) + "\n"

    def loss_line(self) -> str:
        """The losses now, as ``code()`` prints them: ``after 120 steps: train loss 0.312345, test loss ...``."""
        return (
            f"after {self.history.steps_done} steps: train loss {self.train_loss[-1]:.6f}, "
            f"test loss {self.test_loss[-1]:.6f}"
        )

    def _first(self, name: str):
        """The value of a live setting at the first step (the current one if no step was taken)."""
        column = {"lr": 1, "batch_size": 2, "l2": 3}[name]
        return self.segments[0][column] if self.segments else self._settings[name]


def _init(activation: str) -> str:
    """The first weights' scale: He's for ReLU, Xavier's for the others (MultiLayerNet's names)."""
    return "relu" if activation == "relu" else "xavier"
