"""Tests for SimpleConvNet (nbhelpers/_conv_net.py, exported by nbhelpers.nets): the book's convolutional network
conv → ReLU → 2 × 2 max pool → affine → ReLU → affine → softmax (notebook 12).

Independent reference: the book's SimpleConvNet (ch07/simple_convnet.py, with its layers from common/layers.py and
common/util.py, copied once in tests/book.py; its weights drawn from a passed Generator in the book's order). Given
the same weights (float64): with nbhelpers' Convolution put in the book's net as Conv1, predict, loss and every
gradient are the same bits (the wiring, the pooling, the affine layers and the first layer's dW and db without its
dx are the book's). With the book's own Convolution the convolution's sums are added in another order (one np.dot
over all windows against one matmul per image): to rounding, measured at most 0 (scores: the same bits on the
machine that measured, not promised elsewhere) and 2.3e-15 (gradients), relative to the largest entry, over 20
seeds (bound 1e-12). The book's last layer differs by the factor r = y_t / (y_t + 1e-7) of each example's row (see
test_layers.py), bounded as in test_nets.py by 10 max(δ / y_t) (measured: 1.1 max(δ / y_t)).

Gradient check: backpropagation against the central differences of ``numerical_gradient`` (h = 1e-4) on a tiny
net (input (1, 10, 10), 3 filters 3 × 3, 8 hidden, 4 classes, float64, weights of std 0.3 and biases of std 0.1, so
that every layer matters). ReLU and max pooling are piecewise linear: a draw whose pre-activations come within
5e-4 of a kink, or a pooling window whose two largest values within 5e-4 of each other, or an Affine1 output within
1e-3 of 0, is skipped (the difference quotient would straddle the kink: errors of 0.03 to 0.1 were seen there).
Measured: the largest relative error (gradient_check) over the 133 of 300 seeds kept was 3.0e-8, typically 1e-9
(bound 1e-7). In float32 the loss's rounding over h dominates: float32 gradients are compared with float64's.

Also: shapes and param_count (433 890 with the book's sizes), dtype (float32 default), seeds, flat rows = images,
accuracy (labels, one-hot rows, any batch_size; the book's drops the last N mod batch_size images), training
with nbhelpers.train lowers the loss, save_params / load_params in place, set_params, rebinding a parameter,
errors that name the argument.
"""

from __future__ import annotations

import book
import numpy as np
import pytest
from conftest import HAVE_MNIST, MNIST_DIR
from helpers import no_warnings

import nbhelpers
from nbhelpers import SimpleConvNet, gradient_check, load_mnist, nets, train
from nbhelpers.conv import Convolution, Pooling
from nbhelpers.layers import Affine, Relu, SoftmaxWithLoss
from nbhelpers.mnist import ENV_VAR

KEYS = ["W1", "b1", "W2", "b2", "W3", "b3"]
BOOK_SHAPES = {
    "W1": (30, 1, 5, 5),
    "b1": (30,),
    "W2": (4320, 100),
    "b2": (100,),
    "W3": (100, 10),
    "b3": (10,),
}
TINY = {
    "input_dim": (1, 10, 10),
    "conv_param": {"filter_num": 3, "filter_size": 3},
    "hidden_size": 8,
    "output_size": 4,
}


def max_rel(a, b) -> float:
    """max |a − b| relative to the largest entry of either (gradient_check's measure)."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    scale = max(np.abs(a).max(initial=0.0), np.abs(b).max(initial=0.0))
    return float(np.abs(a - b).max(initial=0.0) / scale) if scale > 0 else 0.0


def tiny_case(seed, dtype=np.float64, n=4, **sizes):
    """A tiny net with weights of std 0.3 and biases of std 0.1 (every layer matters), images in [0, 1), labels."""
    rng = np.random.default_rng(seed)
    settings = {**TINY, **sizes}
    net = SimpleConvNet(**settings, weight_init_std=0.3, rng=rng, dtype=dtype)
    for key in ("b1", "b2", "b3"):
        net.params[key][...] = rng.normal(0.0, 0.1, net.params[key].shape)
    x = rng.random((n, *settings["input_dim"])).astype(dtype)
    t = rng.integers(0, settings["output_size"], size=n)
    return net, x, t


def book_case(seed, n=6):
    """The book's sizes in float64, weights of std 0.1 (so the scores spread), biases random; images, labels."""
    rng = np.random.default_rng(seed)
    net = SimpleConvNet(weight_init_std=0.1, rng=rng, dtype=np.float64)
    for key in ("b1", "b2", "b3"):
        net.params[key][...] = rng.normal(0.0, 0.1, net.params[key].shape)
    return net, rng.random((n, 1, 28, 28)), rng.integers(0, 10, size=n)


def books_net(net, conv=None, last_layer=None):
    """The book's SimpleConvNet with ``net``'s sizes and weights (copied into its arrays); optionally with
    nbhelpers' Convolution as its Conv1 (on the book's arrays) and another last layer."""
    hidden, output = net.params["W3"].shape
    theirs = book.SimpleConvNet(net.input_dim, dict(net.conv_param), hidden, output, 1.0)
    for key, value in net.params.items():
        theirs.params[key][...] = value
    if conv is not None:
        cp = net.conv_param
        theirs.layers["Conv1"] = conv(theirs.params["W1"], theirs.params["b1"], cp["stride"], cp["pad"])
    if last_layer is not None:
        theirs.last_layer = last_layer
    return theirs


def margins(net, x):
    """How near the tiny net is to a kink on x: the smallest |conv output| (Relu1's input), the smallest gap
    between the two largest values of a pooling window whose maximum is > 0, the smallest |Affine1 output|."""
    out = net.layer_outputs(x)
    r = out["Relu1"]
    n, c, h, w = r.shape
    win = np.sort(
        r.reshape(n, c, h // 2, 2, w // 2, 2).transpose(0, 1, 2, 4, 3, 5).reshape(n, c, -1, 4), axis=-1
    )
    gaps = (win[..., -1] - win[..., -2])[win[..., -1] > 0]
    return (
        float(np.abs(out["Conv1"]).min()),
        float(gaps.min(initial=np.inf)),
        float(np.abs(out["Affine1"]).min()),
    )


def far_from_kinks(net, x) -> bool:
    conv, gap, affine = margins(net, x)
    return conv > 5e-4 and gap > 5e-4 and affine > 1e-3


# ---- shapes, dtype, weights --------------------------------------------------------------------------------------


def test_the_books_defaults_shapes_layers_and_param_count():
    net = SimpleConvNet(rng=0)
    assert list(net.params) == KEYS
    assert {k: v.shape for k, v in net.params.items()} == BOOK_SHAPES
    assert all(v.dtype == np.float32 for v in net.params.values())  # float32 unless told
    assert net.param_count() == 433890 == 30 * 25 + 30 + 4320 * 100 + 100 + 100 * 10 + 10
    assert net.input_dim == (1, 28, 28)
    assert net.conv_param == {"filter_num": 30, "filter_size": 5, "pad": 0, "stride": 1}
    assert list(net.layers) == ["Conv1", "Relu1", "Pool1", "Affine1", "Relu2", "Affine2"]
    kinds = [Convolution, Relu, Pooling, Affine, Relu, Affine]
    assert [type(layer) for layer in net.layers.values()] == kinds
    assert isinstance(net.last_layer, SoftmaxWithLoss)
    pool = net.layers["Pool1"]
    assert (pool.pool_h, pool.pool_w, pool.stride, pool.pad) == (2, 2, 2, 0)
    conv = net.layers["Conv1"]
    assert (conv.stride, conv.pad) == (1, 0)
    for name, w, b in (("Conv1", "W1", "b1"), ("Affine1", "W2", "b2"), ("Affine2", "W3", "b3")):
        assert net.layers[name].W is net.params[w] and net.layers[name].b is net.params[b]
    assert repr(net) == (
        "SimpleConvNet(input_dim=(1, 28, 28), conv_param={'filter_num': 30, 'filter_size': 5, 'pad': 0, "
        "'stride': 1}, hidden_size=100, output_size=10, dtype=float32)"
    )
    assert nets.SimpleConvNet is SimpleConvNet is nbhelpers.SimpleConvNet
    x = np.random.default_rng(1).random((3, 1, 28, 28))  # float64 images: computed in the net's float32
    assert net.predict(x).shape == (3, 10) and net.predict(x).dtype == np.float32
    grads = net.gradient(x, [1, 2, 3])
    assert {k: (g.shape, g.dtype) for k, g in grads.items()} == {
        k: (s, np.float32) for k, s in BOOK_SHAPES.items()
    }


def test_the_weights_are_the_books_draws_and_seeds_reproduce():
    """W1, W2, W3 = weight_init_std × standard normal draws in that order (the book's), the biases zeros."""
    for seed in (0, 5):
        ours, theirs = SimpleConvNet(rng=seed, dtype=np.float64), book.SimpleConvNet(rng=seed)
        for key in KEYS:
            assert ours.params[key].tobytes() == theirs.params[key].tobytes(), key
        single = SimpleConvNet(rng=seed)
        for key in KEYS:
            np.testing.assert_array_equal(single.params[key], ours.params[key].astype(np.float32))
    net = SimpleConvNet(rng=3, weight_init_std=0.5, dtype=np.float64)
    rng = np.random.default_rng(3)
    np.testing.assert_array_equal(net.params["W1"], 0.5 * rng.standard_normal((30, 1, 5, 5)))
    np.testing.assert_array_equal(net.params["W2"], 0.5 * rng.standard_normal((4320, 100)))
    assert not any(net.params[k].any() for k in ("b1", "b2", "b3"))
    assert net.params["W2"].std() == pytest.approx(0.5, rel=0.01)


def test_seeds_and_generators_and_the_global_random_state(monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("NumPy's global random state was used")

    for name in ("rand", "randn", "random", "random_sample", "seed", "normal", "standard_normal"):
        monkeypatch.setattr(np.random, name, forbidden)
    a, b, c = (SimpleConvNet(**TINY, rng=seed) for seed in (7, 7, 8))
    assert all(np.array_equal(a.params[k], b.params[k]) for k in KEYS)
    assert not np.array_equal(a.params["W1"], c.params["W1"])
    gen = np.random.default_rng(7)
    d, e = SimpleConvNet(**TINY, rng=gen), SimpleConvNet(**TINY, rng=gen)  # a Generator goes on drawing
    assert np.array_equal(d.params["W1"], a.params["W1"]) and not np.array_equal(
        e.params["W1"], d.params["W1"]
    )
    f, g = SimpleConvNet(**TINY), SimpleConvNet(**TINY)  # unseeded: fresh draws, not the global state
    assert not np.array_equal(f.params["W2"], g.params["W2"])


def test_other_sizes_padding_stride_and_non_square_images():
    net = SimpleConvNet((3, 12, 10), {"filter_num": 4, "filter_size": 3, "pad": 1}, 6, 5, rng=0)
    assert net.conv_param == {
        "filter_num": 4,
        "filter_size": 3,
        "pad": 1,
        "stride": 1,
    }  # missing keys: the book's
    # 12 × 10 → (pad 1, 3 × 3) 12 × 10 → pool 6 × 5: 4 · 30 = 120 inputs to Affine1 (the book assumes H = W)
    shapes = {"W1": (4, 3, 3, 3), "b1": (4,), "W2": (120, 6), "b2": (6,), "W3": (6, 5), "b3": (5,)}
    assert {k: v.shape for k, v in net.params.items()} == shapes
    assert net.param_count() == sum(int(np.prod(s)) for s in shapes.values())
    x = np.random.default_rng(1).random((2, 3, 12, 10))
    out = net.layer_outputs(x)
    assert {k: v.shape for k, v in out.items()} == {
        "Conv1": (2, 4, 12, 10),
        "Relu1": (2, 4, 12, 10),
        "Pool1": (2, 4, 6, 5),
        "Affine1": (2, 6),
        "Relu2": (2, 6),
        "Affine2": (2, 5),
    }
    net = SimpleConvNet((1, 9, 9), {"filter_num": 2, "filter_size": 3, "stride": 2}, 4, 3, rng=0)
    assert net.params["W2"].shape == (2 * 2 * 2, 4)  # 9 → (3 × 3, stride 2) 4 → pool 2
    assert net.layers["Conv1"].stride == 2
    for seed in range(6):  # the gradient of a non-square, padded, strided tiny net
        net, x, t = tiny_case(
            seed, input_dim=(2, 8, 6), conv_param={"filter_num": 3, "filter_size": 3, "pad": 1}
        )
        if far_from_kinks(net, x):
            assert max(gradient_check(net, x, t).values()) < 1e-7
            break
    else:
        pytest.fail("no seed far from the kinks")


def test_the_float64_option_and_float32_gradients():
    """float32 through every layer; its gradient agrees with float64's to float32's precision (measured: at most
    8.7e-7 relative to the largest entry over 50 seeds; bound 1e-5)."""
    for seed in range(4):
        net32, x, t = tiny_case(seed, dtype=np.float32)
        net64 = SimpleConvNet(**TINY, dtype=np.float64)
        net64.set_params(net32.params)
        g32, g64 = net32.gradient(x, t), net64.gradient(x.astype(np.float64), t)
        assert all(g.dtype == np.float32 for g in g32.values()) and all(
            g.dtype == np.float64 for g in g64.values()
        )
        assert net32.predict(x.astype(np.float64)).dtype == np.float32  # x converted to the net's dtype
        assert all(v.dtype == np.float32 for v in net32.layer_outputs(x).values())
        for key in KEYS:
            assert max_rel(g32[key], g64[key]) < 1e-5, (seed, key)
        assert type(net32.loss(x, t)) is float


# ---- the book's network ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(3))
def test_predict_loss_and_gradient_are_the_books_bit_for_bit(seed):
    """The book's net with our Convolution as Conv1 and our last layer: the same bits everywhere."""
    net, x, t = book_case(seed)
    theirs = books_net(net, conv=Convolution, last_layer=SoftmaxWithLoss())
    assert net.predict(x).tobytes() == theirs.predict(x).tobytes()
    assert net.loss(x, t) == theirs.loss(x, t)
    grads, books = net.gradient(x, t), theirs.gradient(x, t)
    for key in KEYS:
        assert grads[key].tobytes() == books[key].tobytes(), key
    assert net.loss(x, np.eye(10)[t]) == books_net(net, conv=Convolution).loss(
        x, np.eye(10)[t]
    )  # the book's loss


@pytest.mark.parametrize("seed", range(3))
def test_the_books_own_layers_agree_to_rounding(seed):
    """The book's whole net: its convolution adds in another order (see the top); its SoftmaxWithLoss omits r."""
    net, x, t = book_case(seed)
    theirs = books_net(net, last_layer=SoftmaxWithLoss())
    assert max_rel(net.predict(x), theirs.predict(x)) < 1e-12  # measured: 0 (see the top)
    assert net.loss(x, t) == pytest.approx(theirs.loss(x, t), rel=1e-12)
    grads, books = net.gradient(x, t), theirs.gradient(x, t)
    for key in KEYS:
        assert max_rel(grads[key], books[key]) < 1e-12, key  # measured: 2.3e-15
    y_t = nbhelpers.softmax(net.predict(x))[np.arange(len(t)), t]
    books = books_net(net).gradient(x, t)  # the book's last layer: (y − t)/N without the factor r
    for key in KEYS:
        assert max_rel(grads[key], books[key]) < 10 * np.max(1e-7 / y_t), key  # measured: 1.1 max(δ / y_t)


def test_gradient_agrees_with_the_numerical_gradient():
    kept = []
    for seed in range(12):
        net, x, t = tiny_case(seed)
        if not far_from_kinks(net, x):
            continue  # the numerical gradient would straddle a kink
        errors = gradient_check(net, x, t)
        assert list(errors) == KEYS
        kept.append(max(errors.values()))
    assert len(kept) >= 5  # (seeds 0, 3, 5, 6, 7, 8, 9 here)
    assert max(kept) < 1e-7, kept  # measured: 3.0e-8 at most over 300 seeds, typically 1e-9


def test_numerical_gradient_leaves_params_and_follows_the_loss():
    net, x, t = tiny_case(1)
    before = {k: (v, v.tobytes()) for k, v in net.params.items()}
    numerical = net.numerical_gradient(x, t)
    grads = net.gradient(x, t)
    assert all(net.params[k] is v and net.params[k].tobytes() == raw for k, (v, raw) in before.items())
    assert list(numerical) == KEYS and all(numerical[k].shape == grads[k].shape for k in KEYS)
    assert all(g is not net.params[k] for k, g in grads.items())
    # one element by hand: (L(w + h) − L(w − h)) / 2h, h = 1e-4 (numerical_gradient's)
    w = net.params["W1"]
    old = w[0, 0, 1, 2]
    w[0, 0, 1, 2] = old + 1e-4
    plus = net.loss(x, t)
    w[0, 0, 1, 2] = old - 1e-4
    minus = net.loss(x, t)
    w[0, 0, 1, 2] = old
    assert numerical["W1"][0, 0, 1, 2] == (plus - minus) / 2e-4


# ---- inputs ------------------------------------------------------------------------------------------------------


def test_flat_rows_are_the_images():
    net, x, t = tiny_case(2, n=5)
    flat = x.reshape(5, -1)
    assert net.predict(flat).tobytes() == net.predict(x).tobytes()
    assert net.loss(flat, t) == net.loss(x, t)
    assert net.accuracy(flat, t) == net.accuracy(x, t)
    g_flat, g = net.gradient(flat, t), net.gradient(x, t)
    assert all(g_flat[k].tobytes() == g[k].tobytes() for k in KEYS)
    assert net.predict(x.tolist()).tobytes() == net.predict(x).tobytes()  # lists too
    before = x.tobytes()
    net.gradient(x, t)
    net.accuracy(x, t, batch_size=2)
    assert x.tobytes() == before


def test_accuracy_labels_one_hot_and_batch_size():
    net, x, t = tiny_case(3, n=11)
    t = np.argmax(net.predict(x), axis=1)
    t[[0, 4, 7]] = (t[[0, 4, 7]] + 1) % 4  # 8 of 11 right
    assert net.accuracy(x, t) == 8 / 11
    for batch_size in (1, 2, 3, 10, 11, 100):
        assert net.accuracy(x, t, batch_size=batch_size) == 8 / 11
        assert net.accuracy(x, np.eye(4)[t], batch_size) == 8 / 11
    assert type(net.accuracy(x, t)) is float
    # the book's loop looks at N // batch_size · batch_size images only (but divides by N)
    theirs = books_net(net)
    assert theirs.accuracy(x, t, batch_size=11) == 8 / 11
    right_in_first_8 = int(np.sum(np.argmax(net.predict(x[:8]), axis=1) == t[:8]))
    assert theirs.accuracy(x, t, batch_size=4) == right_in_first_8 / 11
    with pytest.raises(ValueError, match=r"^accuracy: x holds no images"):
        net.accuracy(x[:0], t[:0])
    with pytest.raises(ValueError, match=r"^accuracy: batch_size must be a whole number >= 1, got 0$"):
        net.accuracy(x, t, batch_size=0)


def test_inputs_and_labels_that_do_not_fit_are_named():
    net, x, t = tiny_case(4, n=3)
    for bad in (x[:, :, :9], x.reshape(3, -1)[:, :99], x[:, 0], np.concatenate([x, x], axis=1)):
        for method in ("predict", "layer_outputs"):
            with pytest.raises(
                ValueError,
                match=rf"^{method}: x must hold images of shape \(N, 1, 10, 10\) "
                rf"\(input_dim \(1, 10, 10\)\) or flattened rows \(N, 100\); got x of shape",
            ):
                getattr(net, method)(bad)
        with pytest.raises(ValueError, match=r"x must hold images of shape \(N, 1, 10, 10\)"):
            net.loss(bad, t)
        with pytest.raises(ValueError, match=r"^accuracy: x must hold images"):
            net.accuracy(bad, t)
    with pytest.raises(
        ValueError,
        match=r"^loss: t must hold one label per image, shape \(3,\), or one-hot rows "
        r"\(3, 4\); got t of shape \(2,\)$",
    ):
        net.loss(x, t[:2])
    with pytest.raises(
        ValueError, match=r"^gradient: t must hold one label per image.*got t of shape \(3, 3\)$"
    ):
        net.gradient(x, np.eye(3)[t % 3])
    with pytest.raises(ValueError, match=r"^gradient: x must hold images of shape \(N, 1, 10, 10\)"):
        net.gradient(x[:, :, :9], t)
    with pytest.raises(ValueError, match=r"^accuracy: t must hold one label"):
        net.accuracy(x, t[:, None])
    with pytest.raises(ValueError, match=r"^loss: t holds the class label 4, but there are 4 classes"):
        net.loss(x, [0, 1, 4])
    with pytest.raises(
        TypeError, match=r"^gradient: t must hold class labels \(integers\), got dtype float64"
    ):
        net.gradient(x, [0.5, 1, 2])
    with pytest.raises(ValueError, match=r"^numerical_gradient: x must hold images"):
        net.numerical_gradient(x[:, :, :9], t)


def test_nan_propagates_to_its_image_only():
    net, x, t = tiny_case(5, n=3)
    x[1, 0, 4, 4] = np.nan
    with no_warnings():
        scores = net.predict(x)
    assert np.isnan(scores[1]).all() and np.isfinite(scores[[0, 2]]).all()
    assert np.isnan(net.loss(x, t))


# ---- parameters: in place, rebinding, saving -------------------------------------------------------------------


def test_in_place_updates_and_rebinding_are_both_seen():
    net, x, t = tiny_case(6)
    other, _, _ = tiny_case(16)
    scores = net.predict(x)
    for key in KEYS:  # in place: the layers hold the same arrays
        net.params[key][...] = other.params[key]
    np.testing.assert_array_equal(net.predict(x), other.predict(x))
    net2, _, _ = tiny_case(6)
    for key in KEYS:  # rebound: new arrays, picked up before the next pass (_refresh)
        net2.params[key] = other.params[key].copy()
    np.testing.assert_array_equal(net2.predict(x), other.predict(x))
    assert net2.layers["Conv1"].W is net2.params["W1"] and net2.layers["Affine2"].b is net2.params["b3"]
    net3, _, _ = tiny_case(6)
    net3.params["W1"] = (
        net3.params["W1"] * 2.0
    )  # one rebound, through loss, accuracy, gradient, layer_outputs
    assert not np.array_equal(net3.predict(x), scores)
    for method in ("loss", "gradient", "accuracy"):
        net4, _, _ = tiny_case(6)
        net4.params["W3"] = net4.params["W3"] + 1.0
        getattr(net4, method)(x, t)
        assert net4.layers["Affine2"].W is net4.params["W3"], method
    grads = net3.gradient(x, t)
    assert {k: g.shape for k, g in grads.items()} == {k: v.shape for k, v in net3.params.items()}
    net4, _, _ = tiny_case(6)
    net4.params["b1"] = net4.params["b1"] - 1.0
    out = net4.layer_outputs(x)
    assert out["Affine2"].tobytes() == net4.predict(x).tobytes()
    assert net4.layers["Conv1"].b is net4.params["b1"]


def test_training_steps_change_params_in_place():
    net, x, t = tiny_case(7)
    ids = {k: id(v) for k, v in net.params.items()}
    loss = net.loss(x, t)
    for _ in range(5):
        grads = net.gradient(x, t)
        for key in KEYS:
            net.params[key] -= 0.1 * grads[key]
    assert {k: id(v) for k, v in net.params.items()} == ids
    assert net.loss(x, t) < loss


def test_save_and_load_params_round_trip_in_place(tmp_path, monkeypatch):
    net, x, t = tiny_case(8)
    path = tmp_path / "convnet.npz"
    net.save_params(path)
    with np.load(path, allow_pickle=False) as data:  # arrays only, no pickle
        assert sorted(data.files) == sorted(KEYS)
    other = SimpleConvNet(**TINY, rng=99, dtype=np.float64)
    arrays = {k: v for k, v in other.params.items()}
    other.load_params(path)
    assert all(other.params[k] is arrays[k] for k in KEYS)  # the same arrays, filled in place
    for key in KEYS:
        assert other.params[key].tobytes() == net.params[key].tobytes()
    assert other.predict(x).tobytes() == net.predict(x).tobytes()  # the layers see the loaded weights
    single = SimpleConvNet(**TINY, rng=0)  # a float32 net: the float64 file is cast
    single.load_params(str(path))
    assert all(v.dtype == np.float32 for v in single.params.values())
    np.testing.assert_array_equal(single.params["W2"], net.params["W2"].astype(np.float32))
    wrong = SimpleConvNet(**{**TINY, "hidden_size": 9}, rng=0)
    before = {k: v.copy() for k, v in wrong.params.items()}
    with pytest.raises(
        ValueError, match=r"^set_params: W2 must have shape \(48, 9\) for this network; got \(48, 8\)$"
    ):
        wrong.load_params(path)
    assert all(np.array_equal(wrong.params[k], before[k]) for k in KEYS)  # nothing copied
    np.savez(tmp_path / "part.npz", W1=net.params["W1"])
    with pytest.raises(ValueError, match=r"^set_params: no array for \['b1', 'W2', 'b2', 'W3', 'b3'\]"):
        net.load_params(tmp_path / "part.npz")
    monkeypatch.chdir(tmp_path)
    net.save_params()  # the default name, in the current folder
    assert (tmp_path / "params.npz").is_file()
    other.load_params()
    assert other.params["W1"].tobytes() == net.params["W1"].tobytes()


def test_set_params_in_place_and_its_errors():
    net, x, t = tiny_case(9)
    other, _, _ = tiny_case(19)
    arrays = dict(net.params)
    net.set_params({k: v.tolist() for k, v in other.params.items()})  # lists too
    assert all(net.params[k] is arrays[k] for k in KEYS)
    np.testing.assert_array_equal(net.predict(x), other.predict(x))
    with pytest.raises(
        ValueError, match=r"^set_params: no array for \['b3'\]; a SimpleConvNet needs \['W1', 'b1', "
    ):
        net.set_params({k: v for k, v in other.params.items() if k != "b3"})
    with pytest.raises(
        ValueError, match=r"^set_params: b2 must have shape \(8,\) for this network; got \(8, 1\)$"
    ):
        net.set_params({**other.params, "b2": other.params["b2"][:, None]})
    extra = {**other.params, "gamma1": np.ones(3)}  # keys beyond W1 ... b3 are ignored
    net.set_params(extra)
    assert list(net.params) == KEYS


# ---- bad arguments ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (
            {"input_dim": (1, 28)},
            ValueError,
            r"^SimpleConvNet: input_dim must be three whole numbers \(C, H, W\), got \(1, 28\)$",
        ),
        (
            {"input_dim": (1, 28, 28.0)},
            ValueError,
            r"input_dim must be three whole numbers .*got \(1, 28, 28\.0\)$",
        ),
        (
            {"input_dim": (0, 28, 28)},
            ValueError,
            r"input_dim must be three whole numbers .*got \(0, 28, 28\)$",
        ),
        ({"input_dim": 784}, ValueError, r"input_dim must be three whole numbers .*got 784$"),
        (
            {"conv_param": [30, 5, 0, 1]},
            TypeError,
            r"^SimpleConvNet: conv_param must be a dict such as \{'filter_num': 30",
        ),
        (
            {"conv_param": {"filters": 3}},
            ValueError,
            r"^SimpleConvNet: conv_param has unknown keys \['filters'\]; it takes \['filter_num', 'filter_size', 'pad', 'stride'\]$",
        ),
        (
            {"conv_param": {"filter_num": 0}},
            ValueError,
            r"^SimpleConvNet: filter_num must be a whole number >= 1, got 0$",
        ),
        (
            {"conv_param": {"filter_size": 5.0}},
            TypeError,
            r"filter_size must be a whole number >= 1, got float 5\.0$",
        ),
        (
            {"conv_param": {"filter_size": 29}},
            ValueError,
            r"the filter does not fit: FH = 29 is larger than H \+ 2P = 28 \+ 2·0 = 28$",
        ),
        ({"conv_param": {"pad": -1}}, ValueError, r"pad must be a whole number >= 0, got -1$"),
        ({"conv_param": {"stride": 2}}, ValueError, r"\(28 \+ 2·0 − 5\) / 2 = 23 / 2 is not a whole number"),
        (
            {"conv_param": {"filter_size": 4}},
            ValueError,
            r"^SimpleConvNet: the convolution's output, 25 × 25, must have even sides for the 2 × 2 pooling with stride 2; change filter_size, pad or stride$",
        ),
        (
            {"input_dim": (1, 12, 11), "conv_param": {"filter_size": 3}},
            ValueError,
            r"the convolution's output, 10 × 9, must have even sides",
        ),
        ({"hidden_size": 0}, ValueError, r"^SimpleConvNet: hidden_size must be a whole number >= 1, got 0$"),
        (
            {"output_size": 1.5},
            TypeError,
            r"^SimpleConvNet: output_size must be a whole number >= 1, got float 1\.5$",
        ),
        ({"weight_init_std": 0}, ValueError, r"^SimpleConvNet: weight_init_std must be a number > 0, got 0$"),
        ({"weight_init_std": -0.01}, ValueError, r"weight_init_std must be a number > 0, got -0\.01$"),
        ({"weight_init_std": float("nan")}, ValueError, r"weight_init_std must be finite"),
        ({"weight_init_std": "he"}, TypeError, r"weight_init_std must be a real number"),
        (
            {"dtype": np.int32},
            TypeError,
            r"^SimpleConvNet: dtype must be a float type \(float32, float64\), got int32$",
        ),
        ({"rng": "0"}, TypeError, r"rng must be an int seed"),
    ],
)
def test_bad_arguments_are_named(kwargs, error, match):
    with pytest.raises(error, match=match):
        SimpleConvNet(**kwargs)


# ---- training ----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mnist_subset():
    if not HAVE_MNIST:
        pytest.skip(
            f"no MNIST files: set {ENV_VAR} to a folder holding the four files (tests never download)"
        )
    (x_train, t_train), (x_test, t_test) = load_mnist(flatten=False, data_dir=MNIST_DIR)
    return x_train[:300], t_train[:300], x_test[:100], t_test[:100]


def test_train_with_adam_lowers_the_loss_on_mnist(mnist_subset):
    """nbhelpers.train with images (N, 1, 28, 28) and backpropagation: 40 Adam steps of 50 images lower the
    loss on those 300 images from ln 10 ≈ 2.30 (measured: to 0.63) and lift the accuracy from 0.10 (measured:
    0.85 on them, 0.71 on 100 test images). Bounds with room for another BLAS's float32 rounding."""
    x, t, x_test, t_test = mnist_subset
    net = SimpleConvNet(rng=0)
    before = net.loss(x, t)
    assert before == pytest.approx(np.log(10), abs=0.01)
    history = train(
        net, x, t, x_test, t_test, optimizer="Adam", gradient="gradient", batch_size=50, steps=40, every=40,
        seed=0, progress=False,
    )  # fmt: skip
    assert len(history.step_loss) == 40 and history.eval_steps == [40]
    after = net.loss(x, t)
    assert after < 0.6 * before
    assert history.train_acc[-1] > 0.6 and history.test_acc[-1] > 0.5
    assert all(v.dtype == np.float32 for v in net.params.values())
    again = SimpleConvNet(rng=0)  # reproducible: the same seed, the same steps (the first 8 of them)
    history2 = train(
        again, x.reshape(300, -1), t, optimizer="Adam", gradient="gradient", batch_size=50, steps=8,
        every=8, seed=0, progress=False,
    )  # fmt: skip
    assert history2.step_loss == history.step_loss[:8]  # flat rows: the same images
