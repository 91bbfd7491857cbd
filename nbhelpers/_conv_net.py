"""The book's SimpleConvNet (conv → ReLU → pool → affine → ReLU → affine → softmax) and the one nbhelpers ships.

Private: re-exported by :mod:`nbhelpers.nets`, where the networks live (book §7.5; notebook 12).
"""

from __future__ import annotations

from types import MappingProxyType

import numpy as np

from ._arrays import as_float_array, as_generator, check_labels, check_real_scalar, whole_number
from .conv import Convolution, Pooling, conv_output_size
from .gradient import numerical_gradient as _numerical_gradient
from .layers import Affine, Relu, SoftmaxWithLoss

__all__ = [
    "SimpleConvNet",
    "pretrained_convnet",
    "pretrained_convnet_settings",
    "CONVNET_FILE",
    "BOOK_CONVNET_FILE",
]

#: The book's conv_param: 30 filters of 5 × 5, no padding, stride 1 (read-only).
BOOK_CONV_PARAM = MappingProxyType({"filter_num": 30, "filter_size": 5, "pad": 0, "stride": 1})
#: The shipped network's file in nbhelpers/data (written by tools/train_convnet.py).
CONVNET_FILE = "simple_convnet.npz"
#: The one trained with the book's settings exactly (no moved copies), for comparison.
BOOK_CONVNET_FILE = "simple_convnet_book.npz"
_KEYS = ("W1", "b1", "W2", "b2", "W3", "b3")


class SimpleConvNet:
    r"""The book's convolutional network for MNIST: conv → ReLU → 2 × 2 max pool → affine → ReLU → affine → softmax.

    With the book's defaults, an image (1, 28, 28) goes through 30 filters of 5 × 5 (→ 30 × 24 × 24), ReLU, a
    2 × 2 max pooling with stride 2 (→ 30 × 12 × 12 = 4320 numbers), an affine layer to ``hidden_size`` = 100,
    ReLU, and an affine layer to the ``output_size`` = 10 scores; the loss is softmax with the cross-entropy
    error. ``params``: ``W1`` (30, 1, 5, 5), ``b1`` (30,), ``W2`` (4320, 100), ``b2`` (100,), ``W3`` (100, 10),
    ``b3`` (10,), each W drawn as ``weight_init_std`` × a standard normal (in that order, from
    ``np.random.default_rng(rng)``), the b zeros; ``dtype`` float32 unless told. ``layers`` (Conv1, Relu1,
    Pool1, Affine1, Relu2, Affine2) and ``last_layer`` as the book's.

    ``conv_param``: a dict with ``filter_num``, ``filter_size``, ``pad``, ``stride`` (the book's names; missing
    keys take the book's values). ``x``: images (N, C, H, W) of ``input_dim`` = (C, H, W), or flattened rows
    (N, C·H·W); ``t``: labels (N,) or one-hot rows (N, output_size).

    Book §7.5; notebook 12.

    >>> net = SimpleConvNet(rng=0)
    >>> {key: value.shape for key, value in net.params.items()}
    {'W1': (30, 1, 5, 5), 'b1': (30,), 'W2': (4320, 100), 'b2': (100,), 'W3': (100, 10), 'b3': (10,)}
    >>> net.param_count()
    433890
    """

    def __init__(
        self,
        input_dim=(1, 28, 28),
        conv_param=BOOK_CONV_PARAM,
        hidden_size=100,
        output_size=10,
        weight_init_std=0.01,
        rng=None,
        dtype=np.float32,
    ):
        where = "SimpleConvNet"
        try:
            c, h, w = (whole_number(v, "input_dim", 1, where) for v in input_dim)
        except (TypeError, ValueError):
            raise ValueError(
                f"{where}: input_dim must be three whole numbers (C, H, W), got {input_dim!r}"
            ) from None
        if not isinstance(conv_param, (dict, MappingProxyType)):
            raise TypeError(
                f"{where}: conv_param must be a dict such as {dict(BOOK_CONV_PARAM)}, got {conv_param!r}"
            )
        unknown = set(conv_param) - set(BOOK_CONV_PARAM)
        if unknown:
            raise ValueError(
                f"{where}: conv_param has unknown keys {sorted(unknown)}; it takes {list(BOOK_CONV_PARAM)}"
            )
        cp = {**BOOK_CONV_PARAM, **conv_param}
        fn = whole_number(cp["filter_num"], "filter_num", 1, where)
        fs, pad, stride = cp["filter_size"], cp["pad"], cp["stride"]
        try:
            oh, ow = conv_output_size(h, fs, stride, pad), conv_output_size(w, fs, stride, pad)
        except (TypeError, ValueError) as err:  # the message names the sizes; say whose they are
            raise type(err)(str(err).replace("conv_output_size:", f"{where}: conv_param:", 1)) from None
        if oh % 2 or ow % 2:
            raise ValueError(
                f"{where}: the convolution's output, {oh} × {ow}, must have even sides for the 2 × 2 pooling "
                f"with stride 2; change filter_size, pad or stride"
            )
        hidden_size = whole_number(hidden_size, "hidden_size", 1, where)
        output_size = whole_number(output_size, "output_size", 1, where)
        std = check_real_scalar(weight_init_std, f"{where}: weight_init_std")
        if not std > 0:
            raise ValueError(f"{where}: weight_init_std must be a number > 0, got {weight_init_std!r}")
        dtype = np.dtype(dtype)
        if dtype.kind != "f":
            raise TypeError(f"{where}: dtype must be a float type (float32, float64), got {dtype}")
        self.input_dim, self.conv_param = (c, h, w), cp
        self.rng = as_generator(rng)
        pool_output_size = fn * (oh // 2) * (ow // 2)
        shapes = {
            "W1": (fn, c, fs, fs),
            "b1": (fn,),
            "W2": (pool_output_size, hidden_size),
            "b2": (hidden_size,),
            "W3": (hidden_size, output_size),
            "b3": (output_size,),
        }
        self.params = {
            key: (std * self.rng.standard_normal(shape) if key[0] == "W" else np.zeros(shape)).astype(dtype)
            for key, shape in shapes.items()
        }
        self._build_layers()

    def _build_layers(self) -> None:
        p, cp = self.params, self.conv_param
        self.layers = {
            "Conv1": Convolution(p["W1"], p["b1"], cp["stride"], cp["pad"]),
            "Relu1": Relu(),
            "Pool1": Pooling(pool_h=2, pool_w=2, stride=2),
            "Affine1": Affine(p["W2"], p["b2"]),
            "Relu2": Relu(),
            "Affine2": Affine(p["W3"], p["b3"]),
        }
        self.last_layer = SoftmaxWithLoss()

    def _refresh(self) -> None:
        """Rebuild the layers if params were given new arrays (the layers must compute with them)."""
        layers, p = self.layers, self.params
        pairs = (("Conv1", "W1", "b1"), ("Affine1", "W2", "b2"), ("Affine2", "W3", "b3"))
        if any(layers[name].W is not p[w] or layers[name].b is not p[b] for name, w, b in pairs):
            self._build_layers()

    def __repr__(self) -> str:
        cp = self.conv_param
        return (
            f"SimpleConvNet(input_dim={self.input_dim}, conv_param={cp}, hidden_size={self.params['W2'].shape[1]}, "
            f"output_size={self.params['W3'].shape[1]}, dtype={self.params['W1'].dtype})"
        )

    def _x(self, x, where: str) -> np.ndarray:
        x = as_float_array(x, "x")
        c, h, w = self.input_dim
        if x.ndim == 2 and x.shape[1] == c * h * w:
            x = x.reshape(len(x), c, h, w)
        elif x.ndim != 4 or x.shape[1:] != (c, h, w):
            raise ValueError(
                f"{where}: x must hold images of shape (N, {c}, {h}, {w}) (input_dim {self.input_dim}) or "
                f"flattened rows (N, {c * h * w}); got x of shape {x.shape}"
            )
        return x.astype(self.params["W1"].dtype, copy=False)

    def _t(self, t, n: int, where: str) -> np.ndarray:
        t, k = np.asarray(t), self.params["W3"].shape[1]
        if t.shape == (n, k):
            return t
        if t.shape != (n,):
            raise ValueError(
                f"{where}: t must hold one label per image, shape ({n},), or one-hot rows ({n}, {k}); got t of "
                f"shape {t.shape}"
            )
        return check_labels(t, k, "t", where)

    def predict(self, x) -> np.ndarray:
        """The scores (N, output_size) before the softmax (the largest is the answer). Book §7.5; notebook 12."""
        self._refresh()
        x = self._x(x, "predict")
        for layer in self.layers.values():
            x = layer.forward(x)
        return x

    def layer_outputs(self, x) -> dict:
        """What each layer gives for the images x: a dict Conv1 (N, 30, 24, 24), Relu1, Pool1 (N, 30, 12, 12),
        Affine1, Relu2, Affine2 (the scores), for the feature maps. Not in the book; notebook 12."""
        self._refresh()
        x, out = self._x(x, "layer_outputs"), {}
        for name, layer in self.layers.items():
            x = out[name] = layer.forward(x)
        return out

    def loss(self, x, t) -> float:
        """The cross-entropy error of the softmax of ``predict(x)`` against t, averaged over the batch (a float).
        Book §7.5; notebook 12."""
        y = self.predict(x)
        return float(self.last_layer.forward(y, self._t(t, len(y), "loss")))

    def accuracy(self, x, t, batch_size=100) -> float:
        """The fraction of images whose largest score is the right class, computed ``batch_size`` images at a
        time (the book's loop; memory stays small). Book §7.5; notebook 12."""
        x = self._x(x, "accuracy")
        t = self._t(t, len(x), "accuracy")
        if len(x) == 0:
            raise ValueError("accuracy: x holds no images: the accuracy of nothing is undefined")
        if t.ndim == 2:
            t = np.argmax(t, axis=1)
        batch_size = whole_number(batch_size, "batch_size", 1, "accuracy")
        right = 0
        for i in range(0, len(x), batch_size):
            right += int(
                np.sum(np.argmax(self.predict(x[i : i + batch_size]), axis=1) == t[i : i + batch_size])
            )
        return right / len(x)

    def gradient(self, x, t) -> dict:
        """The gradient of ``loss(x, t)`` for every parameter by backpropagation: a dict W1 ... b3 with the
        params' shapes (the first layer's dx, the gradient for the images, is not computed). Book §7.5;
        notebook 12."""
        x = self._x(x, "gradient")  # (its errors name gradient, not the loss it calls)
        self.loss(x, self._t(t, len(x), "gradient"))
        dout = self.last_layer.backward(1)
        layers = list(self.layers.values())
        for layer in reversed(layers[1:]):
            dout = layer.backward(dout)
        conv = layers[0]
        conv._param_grads(conv._dout(dout))
        grads = {}
        for k, name in enumerate(("Conv1", "Affine1", "Affine2"), start=1):
            grads[f"W{k}"], grads[f"b{k}"] = self.layers[name].dW, self.layers[name].db
        return grads

    def numerical_gradient(self, x, t) -> dict:
        """The gradient by central differences, element by element (two loss evaluations per parameter: use a
        tiny network); ``params`` is left as it was. Book §7.5; notebook 12."""
        x = self._x(x, "numerical_gradient")
        t = self._t(t, len(x), "numerical_gradient")
        return {
            key: _numerical_gradient(lambda W: self.loss(x, t), self.params[key]) for key in list(self.params)
        }

    def param_count(self) -> int:
        """The number of parameters (the sizes of all arrays of ``params``). Not in the book; notebook 12."""
        return int(sum(value.size for value in self.params.values()))

    def save_params(self, file_name="params.npz") -> None:
        """Write ``params`` to an .npz file (the book pickles; .npz holds only arrays). Book §7.5; notebook 12."""
        np.savez(file_name, **self.params)

    def load_params(self, file_name="params.npz") -> None:
        """Read parameters written by :meth:`save_params` into ``params``, in place (same keys and shapes
        required; cast to the network's dtype). Book §7.5; notebook 12."""
        with np.load(file_name, allow_pickle=False) as data:
            self.set_params({key: data[key] for key in data.files if key in _KEYS})

    def set_params(self, values: dict) -> None:
        """Copy arrays into ``params`` in place; every key W1 ... b3 with its shape, or an error naming it."""
        missing = [key for key in _KEYS if key not in values]
        if missing:
            raise ValueError(f"set_params: no array for {missing}; a SimpleConvNet needs {list(_KEYS)}")
        for key in _KEYS:
            value = np.asarray(values[key])
            if value.shape != self.params[key].shape:
                raise ValueError(
                    f"set_params: {key} must have shape {self.params[key].shape} for this network; got {value.shape}"
                )
        for key in _KEYS:
            self.params[key][...] = values[key]


def _convnet_path(book: bool):
    from importlib import resources

    if not isinstance(book, (bool, np.bool_)):
        raise TypeError(f"pretrained_convnet: book must be True or False, got {book!r}")
    return resources.files("nbhelpers").joinpath("data", BOOK_CONVNET_FILE if book else CONVNET_FILE)


def pretrained_convnet(book=False) -> SimpleConvNet:
    """A SimpleConvNet that nbhelpers ships, trained on MNIST's 60 000 training images by
    ``tools/train_convnet.py`` (float32; the book's layout and names).

    ``book=False``: the network with test accuracy >= 0.99, trained on copies of the images moved by up to 2
    pixels (a new random move every epoch) with a falling learning rate. ``book=True``: trained with the book's
    settings exactly (Adam, lr 0.001, 20 epochs, the images as they are), for comparison. Their settings and
    accuracies: :func:`pretrained_convnet_settings`.

    Book §7.5 (the book ships params.pkl; ours is an .npz); notebook 12.
    """
    from importlib import resources

    with resources.as_file(_convnet_path(book)) as path, np.load(path, allow_pickle=False) as data:
        net = SimpleConvNet(hidden_size=data["W2"].shape[1], rng=0)
        net.set_params({key: data[key] for key in _KEYS})
    return net


def pretrained_convnet_settings(book=False) -> dict:
    """How a shipped SimpleConvNet was trained (seed, epochs, optimizer, accuracies, ...), as a dict;
    ``book`` as in :func:`pretrained_convnet`.

    Not in the book; notebook 12.
    """
    import json
    from importlib import resources

    with resources.as_file(_convnet_path(book)) as path, np.load(path, allow_pickle=False) as data:
        return json.loads(str(data["settings"]))
