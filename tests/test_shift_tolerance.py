"""nbhelpers.mnist.shift_tolerance (notebook 12): the accuracy of a network on digits moved by each shift,
checked against a direct loop over the shifts (a CNN and notebook 05's network on real digits) and against a
hand-made classifier whose accuracy for each shift is known without shifting any image."""

from __future__ import annotations

import numpy as np
import pytest

from nbhelpers import forward, load_mnist, pretrained_network
from nbhelpers.mnist import shift_and_noise, shift_tolerance
from nbhelpers.nets import SimpleConvNet

STEP = {"x": (1, 0), "y": (0, 1), "diagonal": (1, 1)}


def _direct(predict, images, labels, shifts, direction):
    """The same, the plain way: every shift, every image, one at a time."""
    ux, uy = STEP[direction]
    out = []
    for s in shifts:
        right = 0
        for image, label in zip(images, labels):
            scores = predict(shift_and_noise(image[None], ux * s, uy * s))
            right += int(np.argmax(scores[0]) == label)
        out.append(right / len(images))
    return out


@pytest.fixture(scope="module")
def digits():
    _, (x, t) = load_mnist(flatten=False)  # from NBHELPERS_DATA (see conftest.py)
    return x[:60], t[:60]


@pytest.mark.parametrize("direction", ["x", "y", "diagonal"])
def test_shift_tolerance_is_the_direct_loop_over_shifts(digits, direction):
    x, t = digits
    net = SimpleConvNet(rng=0, weight_init_std=0.1)
    mlp = pretrained_network()
    shifts = [-7, -3, 0, 2, 5]
    for predict, images in ((net.predict, x), (lambda z: forward(mlp, z), x.reshape(len(x), 784))):
        got = shift_tolerance(predict, images, t, shifts=shifts, direction=direction, batch_size=25)
        assert got.dtype == np.float64 and got.shape == (5,)
        np.testing.assert_array_equal(got, _direct(predict, images, t, shifts, direction))
    assert shift_tolerance(lambda z: forward(mlp, z), x.reshape(len(x), 784), t, shifts=[0])[0] == np.mean(
        np.argmax(forward(mlp, x.reshape(len(x), 784)), axis=1) == t
    ), "no shift: the plain accuracy"


def _one_pixel_digits():
    """30 digits of one lit pixel, in row 14 at column c = 0 ... 29 (c >= 28: none lit), labelled c // 3
    (clipped to 9); and a classifier that answers "the column of the lit pixel // 3" (0 when none is lit)."""
    images = np.zeros((28, 28, 28), dtype=np.float32)
    columns = np.arange(28)
    images[columns, 14, columns] = 1.0
    labels = np.minimum(columns // 3, 9)

    def predict(batch):
        flat = batch.reshape(len(batch), 784)
        lit = flat.max(axis=1) > 0
        column = np.argmax(flat, axis=1) % 28
        answer = np.where(lit, np.minimum(column // 3, 9), 0)
        return np.eye(10)[answer]

    return images, labels, predict


def _known(shifts, direction="x"):
    """The classifier's accuracy on the moved one-pixel digits, by counting, without moving a picture."""
    ux, uy = STEP[direction]
    out = []
    for s in shifts:
        right = 0
        for c in range(28):
            col, row = c + ux * s, 14 + uy * s
            inside = 0 <= col < 28 and 0 <= row < 28
            answer = min(col // 3, 9) if inside else 0
            right += answer == min(c // 3, 9)
        out.append(right / 28)
    return out


@pytest.mark.parametrize("direction", ["x", "y", "diagonal"])
def test_shift_tolerance_of_a_hand_made_classifier_is_known(direction):
    images, labels, predict = _one_pixel_digits()
    shifts = range(-30, 31)
    np.testing.assert_array_equal(
        shift_tolerance(predict, images, labels, shifts=shifts, direction=direction),
        _known(shifts, direction),
    )
    got = shift_tolerance(predict, images, labels, direction=direction)  # the default: −6 ... 6
    assert got.shape == (13,) and got[6] == 1.0


def test_shift_tolerance_keeps_the_shape_of_the_images_and_takes_one_hot_labels():
    images, labels, predict = _one_pixel_digits()
    seen = []

    def recording(batch):
        seen.append(batch.shape)
        return predict(batch)

    expected = _known(range(-4, 5))
    for shape in ((28, 784), (28, 28, 28), (28, 1, 28, 28)):
        seen.clear()
        got = shift_tolerance(recording, images.reshape(shape), labels, shifts=range(-4, 5), batch_size=10)
        np.testing.assert_array_equal(got, expected)
        assert set(seen) == {(10, *shape[1:]), (8, *shape[1:])}, "batches of 10, 10, 8, each as given"
    one_hot = np.eye(10)[labels]
    np.testing.assert_array_equal(shift_tolerance(predict, images, one_hot, shifts=range(-4, 5)), expected)
    shifts = np.array([-2, 0, 2])  # NumPy integers and whole floats are pixels too
    np.testing.assert_array_equal(
        shift_tolerance(predict, images, labels, shifts=[-2.0, 0.0, 2.0]), _known(shifts)
    )
    np.testing.assert_array_equal(shift_tolerance(predict, images, labels, shifts=shifts), _known(shifts))


def test_shift_tolerance_rejects_bad_input_with_the_shapes():
    images, labels, predict = _one_pixel_digits()
    with pytest.raises(ValueError, match=r"direction must be one of \['x', 'y', 'diagonal'\], got 'z'"):
        shift_tolerance(predict, images, labels, direction="z")
    with pytest.raises(ValueError, match="shifts must be whole numbers of pixels, got 0.5"):
        shift_tolerance(predict, images, labels, shifts=[0, 0.5])
    with pytest.raises(TypeError, match="shifts must be whole numbers of pixels, got str '1'"):
        shift_tolerance(predict, images, labels, shifts="1")
    with pytest.raises(
        ValueError, match=r"images must be N >= 1 digits .* got an array of shape \(28, 100\)"
    ):
        shift_tolerance(predict, np.zeros((28, 100)), labels)
    with pytest.raises(ValueError, match=r"got an array of shape \(0, 784\)"):
        shift_tolerance(predict, np.zeros((0, 784)), labels[:0])
    with pytest.raises(
        ValueError, match=r"labels must have shape \(28,\) for images of shape \(28, 28, 28\), got \(27,\)"
    ):
        shift_tolerance(predict, images, labels[:27])
    with pytest.raises(TypeError, match="labels must hold class labels"):
        shift_tolerance(predict, images, labels.astype(float))
    with pytest.raises(
        ValueError, match=r"predict must return scores of shape \(28, K\) for 28 images, got shape \(28,\)"
    ):
        shift_tolerance(lambda batch: np.argmax(predict(batch), axis=1), images, labels)
    with pytest.raises(TypeError, match="predict must be a function"):
        shift_tolerance(np.zeros((28, 10)), images, labels)
    with pytest.raises(ValueError, match="batch_size must be a whole number >= 1, got 0"):
        shift_tolerance(predict, images, labels, batch_size=0)
