"""MNIST, the handwritten digits: ``load_mnist`` (download, verify, cache, parse), our pretrained network,
and ``shift_and_noise`` (digits moved by whole pixels or made noisy).

MNIST is by Yann LeCun, Corinna Cortes and Christopher J. C. Burges (1998), made available under the
terms of CC BY-SA 3.0. The four original files (gzip-compressed IDX, as they were published) are
fetched from public mirrors that serve them unchanged, checked against their SHA-256, and cached in a
per-user folder, so the download happens once. With ``data_dir=`` (or the environment variable
``NBHELPERS_DATA``) a folder that already holds the four files is used instead, with no network at
all. The files are parsed with NumPy; nothing downloaded is ever unpickled.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from ._arrays import as_generator, check_labels, whole_number

__all__ = [
    "load_mnist",
    "mnist_files",
    "pretrained_network",
    "pretrained_settings",
    "shipped_results",
    "shift_and_noise",
    "shift_tolerance",
    "FILES",
    "MIRRORS",
    "ENV_VAR",
    "WEIGHTS_FILE",
]

#: The four files: key -> (file name, SHA-256 of the gzip file as published).
FILES = {
    "train_images": (
        "train-images-idx3-ubyte.gz",
        "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
    ),
    "train_labels": (
        "train-labels-idx1-ubyte.gz",
        "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
    ),
    "test_images": (
        "t10k-images-idx3-ubyte.gz",
        "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
    ),
    "test_labels": (
        "t10k-labels-idx1-ubyte.gz",
        "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
    ),
}

#: Public mirrors of the original files, tried in this order (the host the book used, yann.lecun.com,
#: has refused downloads more than once). PyTorch's and TensorFlow's dataset buckets.
MIRRORS = (
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
)

#: The environment variable naming a folder that holds the four files (no download then).
ENV_VAR = "NBHELPERS_DATA"

#: Our trained 784-50-100-10 network, shipped inside the package.
WEIGHTS_FILE = "mnist_784_50_100_10.npz"

_MAGIC = {1: 0x00000801, 3: 0x00000803}  # IDX: unsigned bytes, with 1 or 3 dimensions
_SHAPE = {"train_images": (60000, 28, 28), "test_images": (10000, 28, 28)}
_SHAPE.update({"train_labels": (60000,), "test_labels": (10000,)})


# gzip, hashlib, json and importlib.resources are imported where they are used, so that
# `import nbhelpers` stays quick for the notebooks that never touch MNIST.


def _sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _download_hint(folder) -> str:
    names = ", ".join(name for name, _ in FILES.values())
    return (
        f"Download the four files ({names}) from {MIRRORS[0]} (or {MIRRORS[1]}), put them in one folder, "
        f"and pass it as load_mnist(data_dir=...) or set the environment variable {ENV_VAR} to it"
        + (f" (now: {folder})" if folder else "")
        + "."
    )


def _verified(path: Path, sha256: str) -> Path:
    actual = _sha256(path)
    if actual != sha256:
        raise ValueError(
            f"{path} is not the original MNIST file: its SHA-256 is {actual}, expected {sha256}. "
            "It may be truncated or corrupted; delete it and download it again."
        )
    return path


def _from_folder(folder: Path) -> dict:
    missing = [name for name, _ in FILES.values() if not (folder / name).is_file()]
    if missing:
        raise FileNotFoundError(
            f"MNIST files missing in {folder}: {', '.join(missing)}. " + _download_hint(folder)
        )
    return {key: _verified(folder / name, sha) for key, (name, sha) in FILES.items()}


def _fetch(name: str, sha256: str, cache: Path, mirrors) -> Path:
    """One file from the cache, or downloaded (verified, written atomically) from the first mirror that works."""
    path = cache / name
    if path.is_file() and _sha256(path) == sha256:
        return path
    import pooch  # imported here: only a download needs it

    failures = []
    for mirror in mirrors:
        url = mirror.rstrip("/") + "/" + name
        print(f"Downloading {name} from {url} ...", flush=True)
        logger = pooch.get_logger()
        level = logger.level
        logger.setLevel("WARNING")  # our line above says what happens; pooch's own log goes to stderr
        try:
            fetched = pooch.retrieve(
                url, known_hash=f"sha256:{sha256}", fname=name, path=cache, progressbar=False
            )
            return Path(fetched)
        except Exception as err:  # a dead mirror, a refused connection, a wrong or truncated file ...
            reason = str(err).splitlines()[0] if str(err) else type(err).__name__
            failures.append(f"{url}: {type(err).__name__}: {reason[:200]}")
        finally:
            logger.setLevel(level)
    raise ConnectionError(
        f"Could not download {name} from any mirror:\n  "
        + "\n  ".join(failures)
        + "\n"
        + _download_hint(None)
    )


def mnist_files(data_dir=None, mirrors=MIRRORS, cache_dir=None) -> dict:
    """The paths of the four verified MNIST files: key ("train_images", ...) -> ``Path``.

    From ``data_dir``, else from the folder named by the environment variable ``NBHELPERS_DATA``
    (both: no network; a missing file raises ``FileNotFoundError`` naming it), else from the cache
    folder (``cache_dir``, by default the user's cache folder for nbhelpers), downloading what is
    not there yet from ``mirrors``, in order. Every file is checked against its SHA-256.

    Book §3.6.1 (the book downloads with its dataset/mnist.py); notebook 05.
    """
    folder = data_dir if data_dir is not None else os.environ.get(ENV_VAR) or None
    if folder is not None:
        folder = Path(folder).expanduser()
        if not folder.is_dir():
            raise FileNotFoundError(f"MNIST folder {folder} does not exist. " + _download_hint(folder))
        return _from_folder(folder)
    if cache_dir is None:
        import pooch

        cache_dir = pooch.os_cache("nbhelpers")
    cache = Path(cache_dir).expanduser() / "mnist"
    return {key: _fetch(name, sha, cache, mirrors) for key, (name, sha) in FILES.items()}


def _read_idx(path: Path, shape: tuple) -> np.ndarray:
    """Parse one gzip IDX file of unsigned bytes; check its magic number, dimensions and size."""
    import gzip

    data = gzip.decompress(path.read_bytes())
    ndim = len(shape)
    header = 4 + 4 * ndim
    if len(data) < header:
        raise ValueError(f"{path.name}: only {len(data)} bytes, too short for an IDX header")
    magic = int.from_bytes(data[:4], "big")
    if magic != _MAGIC[ndim]:
        raise ValueError(f"{path.name}: magic number {magic:#010x}, expected {_MAGIC[ndim]:#010x}")
    dims = tuple(int(d) for d in np.frombuffer(data, dtype=">u4", count=ndim, offset=4))
    if dims != shape:
        raise ValueError(f"{path.name}: dimensions {dims}, expected {shape}")
    if len(data) != header + int(np.prod(shape)):
        raise ValueError(f"{path.name}: {len(data) - header} bytes of data, expected {int(np.prod(shape))}")
    return np.frombuffer(data, dtype=np.uint8, offset=header).reshape(shape).copy()


def load_mnist(normalize=True, flatten=True, one_hot_label=False, data_dir=None):
    """The MNIST digits as ``(x_train, t_train), (x_test, t_test)``, like the book's ``load_mnist``.

    - ``normalize``: images as float32 in [0, 1] (pixel / 255); else uint8 in 0 ... 255.
    - ``flatten``: each image as a row of 784 values, shape (N, 784); else (N, 1, 28, 28).
    - ``one_hot_label``: labels as rows of 10 (float32, a 1 at the digit's place); else digits 0 ... 9
      (uint8), shape (N,).
    - ``data_dir``: a folder holding the four original files (see :func:`mnist_files`).

    60 000 training and 10 000 test images. The first call downloads 11 MB (once: the files are
    cached) unless ``data_dir`` or ``NBHELPERS_DATA`` names a folder with them.

    Book §3.6.1; notebook 05.
    """
    paths = mnist_files(data_dir)
    out = []
    for part in ("train", "test"):
        images = _read_idx(paths[f"{part}_images"], _SHAPE[f"{part}_images"])
        labels = _read_idx(paths[f"{part}_labels"], _SHAPE[f"{part}_labels"])
        if labels.max() > 9:
            raise ValueError(f"{paths[f'{part}_labels'].name}: a label {labels.max()} is not a digit 0-9")
        if normalize:
            images = images.astype(np.float32) / np.float32(255.0)
        images = images.reshape(len(images), -1) if flatten else images.reshape(len(images), 1, 28, 28)
        if one_hot_label:
            one_hot = np.zeros((len(labels), 10), dtype=np.float32)
            one_hot[np.arange(len(labels)), labels] = 1.0
            labels = one_hot
        out.append((images, labels))
    return tuple(out)


def _weights_path():
    from importlib import resources

    return resources.files("nbhelpers").joinpath("data", WEIGHTS_FILE)


def pretrained_network() -> dict:
    """Our trained 784-50-100-10 network for MNIST (sigmoid hidden layers, softmax output), as a dict
    ``{"W1", "b1", "W2", "b2", "W3", "b3"}`` of float32 arrays, ready for ``forward``.

    Trained by ``tools/train_mnist.py`` on the 60 000 training images; its settings are in
    :func:`pretrained_settings`.

    Book §3.6.2 (the book unpickles its sample_weight.pkl; ours is an .npz); notebook 05.
    """
    from importlib import resources

    with resources.as_file(_weights_path()) as path, np.load(path, allow_pickle=False) as data:
        return {key: data[key].copy() for key in ("W1", "b1", "W2", "b2", "W3", "b3")}


def pretrained_settings() -> dict:
    """How the pretrained network was trained (seed, epochs, optimiser, accuracy, ...), as a dict.

    Not in the book; notebook 05.
    """
    import json
    from importlib import resources

    with resources.as_file(_weights_path()) as path, np.load(path, allow_pickle=False) as data:
        return json.loads(str(data["settings"]))


def shipped_results(name: str) -> dict:
    """The results of a longer MNIST experiment that a script in ``tools/`` ran and the package ships, as a
    dict: the file ``nbhelpers/data/<name>.json`` (e.g. "backprop_ablation", written by
    ``tools/backprop_ablation.py``: what it ran, the test accuracies, and with which versions).

    Not in the book; notebook 08.
    """
    import json
    from importlib import resources

    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError(
            f"shipped_results: name must be the name of a shipped result, such as "
            f"'backprop_ablation', got {name!r}"
        )
    path = resources.files("nbhelpers").joinpath("data", f"{name}.json")
    if not path.is_file():
        raise ValueError(f"shipped_results: nbhelpers ships no result called {name!r}")
    return json.loads(path.read_text(encoding="utf-8"))


def shift_and_noise(images, dx: int = 0, dy: int = 0, noise: float = 0.0, seed=0) -> np.ndarray:
    """A changed copy of one digit or of a batch of digits (values in [0, 1]): moved ``dx`` pixels right
    and ``dy`` down, plus Gaussian noise of standard deviation ``noise``, clipped to [0, 1].

    - ``images``: one digit, shape (784,) or (28, 28), or a batch, shape (N, 784), (N, 28, 28) or
      (N, 1, 28, 28); the result has the same shape (float64 stays float64, anything else becomes float32).
    - ``dx``, ``dy``: whole pixels (negative: left, up). What leaves the 28 x 28 frame is lost, what
      enters is blank (0).
    - ``noise``: σ >= 0. Every pixel gets its own value drawn from a normal distribution with mean 0 and
      standard deviation σ, from ``np.random.default_rng(seed)`` (or ``seed`` itself if it is a
      ``np.random.Generator``), for all images at once: the same seed gives the same noise, and the first
      image of a batch gets the same noise as that image alone. The sum is clipped to [0, 1].

    >>> image = np.zeros(784, dtype=np.float32); image[10 * 28 + 12] = 1.0
    >>> moved = shift_and_noise(image, dx=3, dy=-2)
    >>> int(np.argmax(moved)) == 8 * 28 + 15
    True

    Not in the book; notebook 05.
    """
    x = np.asarray(images)
    if x.shape[-1:] == (784,):
        lead = x.shape[:-1]
    elif x.shape[-2:] == (28, 28):
        lead = x.shape[:-2]
    else:
        raise ValueError(
            "images must be digits of 784 pixels (28 x 28): shape (784,), (28, 28), (N, 784), (N, 28, 28) "
            f"or (N, 1, 28, 28), got an array of shape {x.shape}"
        )
    for name, value in (("dx", dx), ("dy", dy)):
        if isinstance(value, (bool, np.bool_)) or not float(value).is_integer():
            raise ValueError(f"{name} must be a whole number of pixels, got {value!r}")
    if not np.isfinite(noise) or noise < 0:
        raise ValueError(f"noise must be a standard deviation >= 0, got {noise!r}")
    dtype = np.float64 if x.dtype == np.float64 else np.float32
    img = x.reshape(lead + (28, 28)).astype(dtype)
    dx, dy = (min(max(int(d), -28), 28) for d in (dx, dy))  # 28 pixels or more: all gone
    moved = np.zeros_like(img)
    h_src = slice(max(0, -dy), 28 - max(0, dy))
    w_src = slice(max(0, -dx), 28 - max(0, dx))
    h_dst = slice(max(0, dy), 28 - max(0, -dy))
    w_dst = slice(max(0, dx), 28 - max(0, -dx))
    moved[..., h_dst, w_dst] = img[..., h_src, w_src]
    if noise > 0:
        rng = as_generator(seed)
        moved += dtype(noise) * rng.standard_normal(moved.shape, dtype=dtype)
        np.clip(moved, 0.0, 1.0, out=moved)
    return moved.reshape(x.shape)


#: The ways :func:`shift_tolerance` moves the digits: direction -> (dx, dy) for a shift of one pixel.
_DIRECTIONS = {"x": (1, 0), "y": (0, 1), "diagonal": (1, 1)}


def shift_tolerance(
    predict, images, labels, shifts=range(-6, 7), direction="x", batch_size=500
) -> np.ndarray:
    r"""The accuracy of a network on the digits moved by each of ``shifts`` pixels: one number per shift.

    :math:`\mathrm{acc}(s) = \frac{1}{N}\sum_n [\arg\max_k \mathrm{predict}(\mathrm{move}(x_n, s))_{nk} = t_n]`,
    where move shifts a digit by :func:`shift_and_noise` (no noise): ``dx = s`` (right) for ``direction``
    "x", ``dy = s`` (down) for "y", both for "diagonal"; negative s moves left or up.

    - ``predict``: a function of a batch of images (the shape of ``images``) returning scores (n, K),
      e.g. ``net.predict`` or ``lambda x: forward(params, x)``; the largest score is the answer.
    - ``images``: N digits, shape (N, 784), (N, 28, 28) or (N, 1, 28, 28), values in [0, 1].
    - ``labels``: (N,) digits 0 ... K − 1, or one-hot rows (N, K).
    - ``shifts``: whole numbers of pixels; ``batch_size``: images per call of ``predict`` (memory).

    Returns float64 accuracies in [0, 1], shape (len(shifts),).

    >>> image = np.zeros((1, 784)); image[0, 14 * 28 + 14] = 1.0  # one pixel lit, in the middle
    >>> lit = lambda x: np.stack([1 - x[:, 406], x[:, 406]], axis=1)  # class 1: "the middle is lit"
    >>> shift_tolerance(lit, image, [1], shifts=[-1, 0, 1])
    array([0., 1., 0.])

    Not in the book; notebook 12.
    """
    if direction not in _DIRECTIONS:
        raise ValueError(f"direction must be one of {list(_DIRECTIONS)}, got {direction!r}")
    if not callable(predict):
        raise TypeError(f"predict must be a function of a batch of images, got {type(predict).__name__}")
    x = np.asarray(images)
    if x.ndim < 2 or x.shape[1:] not in ((784,), (28, 28), (1, 28, 28)) or len(x) == 0:
        raise ValueError(
            "images must be N >= 1 digits of shape (N, 784), (N, 28, 28) or (N, 1, 28, 28), "
            f"got an array of shape {x.shape}"
        )
    t = np.asarray(labels)
    if t.ndim == 2 and len(t) == len(x):
        t = np.argmax(t, axis=1)
    if t.shape != (len(x),):
        raise ValueError(f"labels must have shape ({len(x)},) for images of shape {x.shape}, got {t.shape}")
    t = check_labels(t, int(t.max()) + 1 if t.size else 1, "labels", "shift_tolerance")
    batch_size = whole_number(batch_size, "batch_size", 1, "shift_tolerance")
    shifts = list(shifts)
    for s in shifts:
        if isinstance(s, (bool, np.bool_)) or not isinstance(s, (int, float, np.integer, np.floating)):
            raise TypeError(f"shifts must be whole numbers of pixels, got {type(s).__name__} {s!r}")
        if not float(s).is_integer():
            raise ValueError(f"shifts must be whole numbers of pixels, got {s!r}")
    ux, uy = _DIRECTIONS[direction]
    right = np.zeros(len(shifts), dtype=np.int64)
    for k, s in enumerate(shifts):
        for start in range(0, len(x), batch_size):
            part = x[start : start + batch_size]
            scores = np.asarray(predict(shift_and_noise(part, ux * int(s), uy * int(s))))
            if scores.ndim != 2 or len(scores) != len(part):
                raise ValueError(
                    f"predict must return scores of shape ({len(part)}, K) for {len(part)} images, got "
                    f"shape {scores.shape}"
                )
            right[k] += int(np.sum(np.argmax(scores, axis=1) == t[start : start + batch_size]))
    return right / len(x)
