"""Tests for nbhelpers.mnist: the loader's download path against a local HTTP server (good, dead, truncated
and corrupted mirrors), its offline path (``data_dir`` / ``NBHELPERS_DATA``), the IDX parser, and what
``load_mnist`` returns for the real files. Nothing here touches the internet: the real files come from
the shared folder, and the "mirrors" are served on 127.0.0.1."""

from __future__ import annotations

import gzip
import http.server
import threading
from pathlib import Path

import numpy as np
import pytest
from conftest import HAVE_MNIST, MNIST_DIR

from nbhelpers import mnist
from nbhelpers.mnist import ENV_VAR, FILES, load_mnist, mnist_files

SHARED = MNIST_DIR
pytestmark = pytest.mark.skipif(
    not HAVE_MNIST, reason=f"the MNIST files are not in {SHARED} (set {ENV_VAR} to a folder holding them)"
)
NAMES = [name for name, _ in FILES.values()]


@pytest.fixture(scope="module")
def real_bytes():
    return {name: (SHARED / name).read_bytes() for name in NAMES}


class _Handler(http.server.BaseHTTPRequestHandler):
    """Serves /good/<file>, /truncated/<file> (the first half, with an honest Content-Length),
    /short/<file> (the first half, announcing the full length, then closing), /corrupt/<file> (one
    byte changed) and a 404 for anything else. Counts the requests per path."""

    files: dict = {}
    hits: dict = {}

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        self.hits[self.path] = self.hits.get(self.path, 0) + 1
        kind, _, name = self.path.strip("/").partition("/")
        data = self.files.get(name)
        if data is None or kind not in ("good", "truncated", "short", "corrupt"):
            self.send_error(404)
            return
        body = {
            "good": data,
            "truncated": data[: len(data) // 2],
            "short": data[: len(data) // 2],
            "corrupt": data[:100] + bytes([data[100] ^ 0xFF]) + data[101:],
        }[kind]
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(data) if kind == "short" else len(body)))
        self.end_headers()
        self.wfile.write(body)
        if kind == "short":
            self.close_connection = True

    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.fixture(scope="module")
def server(real_bytes):
    _Handler.files = real_bytes
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def dead_url():
    """A URL on 127.0.0.1 where nothing listens: the connection is refused."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/mnist/"


@pytest.fixture(autouse=True)
def no_env(monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    _Handler.hits = {}


def leftovers(cache: Path) -> list:
    return sorted(p.name for p in (cache / "mnist").iterdir() if p.name not in NAMES)


# ---- downloading ---------------------------------------------------------------------------------


def test_downloads_verifies_and_caches(server, tmp_path, real_bytes, capsys):
    paths = mnist_files(mirrors=[f"{server}/good/"], cache_dir=tmp_path)
    assert set(paths) == set(FILES)
    for key, path in paths.items():
        assert path.parent == tmp_path / "mnist" and path.read_bytes() == real_bytes[FILES[key][0]]
    assert "Downloading train-images-idx3-ubyte.gz" in capsys.readouterr().out
    assert leftovers(tmp_path) == []
    # a second call uses the cache: no request, no message
    hits = dict(_Handler.hits)
    mnist_files(mirrors=[f"{server}/good/"], cache_dir=tmp_path)
    assert _Handler.hits == hits and capsys.readouterr().out == ""


@pytest.mark.parametrize("first", ["dead", "missing", "truncated", "short", "corrupt"])
def test_falls_back_to_the_next_mirror(first, server, dead_url, tmp_path, real_bytes):
    bad = dead_url if first == "dead" else f"{server}/{'nothing' if first == 'missing' else first}/"
    paths = mnist_files(mirrors=[bad, f"{server}/good/"], cache_dir=tmp_path)
    for key, path in paths.items():
        assert path.read_bytes() == real_bytes[FILES[key][0]], key
    assert leftovers(tmp_path) == [], "a failed download left a file behind"
    if first != "dead":
        assert _Handler.hits[f"/{'nothing' if first == 'missing' else first}/{NAMES[0]}"] >= 1


def test_all_mirrors_failing_says_what_and_where(server, dead_url, tmp_path):
    mirrors = [dead_url, f"{server}/corrupt/"]
    with pytest.raises(ConnectionError) as info:
        mnist_files(mirrors=mirrors, cache_dir=tmp_path)
    message = str(info.value)
    assert "Could not download train-images-idx3-ubyte.gz from any mirror" in message
    assert dead_url in message and f"{server}/corrupt/" in message
    assert "SHA256" in message.upper()  # the corrupted mirror failed its checksum
    assert ENV_VAR in message and "data_dir" in message
    assert not (tmp_path / "mnist" / NAMES[0]).exists(), "a corrupted file was kept"


def test_a_corrupted_cached_file_is_downloaded_again(server, tmp_path, real_bytes):
    cache = tmp_path / "mnist"
    cache.mkdir()
    (cache / NAMES[1]).write_bytes(b"not mnist")
    (cache / NAMES[3]).write_bytes(real_bytes[NAMES[3]])  # a good file is kept
    paths = mnist_files(mirrors=[f"{server}/good/"], cache_dir=tmp_path)
    assert paths["train_labels"].read_bytes() == real_bytes[NAMES[1]]
    assert f"/good/{NAMES[3]}" not in _Handler.hits


# ---- offline: data_dir and NBHELPERS_DATA -----------------------------------------------------------


def test_data_dir_needs_no_network(tmp_path):
    paths = mnist_files(data_dir=SHARED, mirrors=["http://127.0.0.1:9/never/"], cache_dir=tmp_path)
    assert all(p.parent == SHARED for p in paths.values())
    assert not (tmp_path / "mnist").exists()


def test_the_environment_variable_names_the_folder_and_data_dir_wins(monkeypatch, tmp_path):
    monkeypatch.setenv(ENV_VAR, str(SHARED))
    assert mnist_files(mirrors=[])["test_labels"] == SHARED / NAMES[3]
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "nowhere"))
    with pytest.raises(FileNotFoundError, match="nowhere does not exist"):
        mnist_files()
    assert mnist_files(data_dir=SHARED)["test_labels"] == SHARED / NAMES[3]


def test_missing_files_are_named(tmp_path, real_bytes):
    (tmp_path / NAMES[0]).write_bytes(real_bytes[NAMES[0]])
    with pytest.raises(FileNotFoundError) as info:
        mnist_files(data_dir=tmp_path)
    message = str(info.value)
    missing = message.split(". Download")[0]
    assert missing == f"MNIST files missing in {tmp_path}: {', '.join(NAMES[1:])}"
    assert "https://" in message and ENV_VAR in message and "data_dir" in message


def test_a_corrupted_local_file_is_refused(tmp_path, real_bytes):
    for name in NAMES:
        (tmp_path / name).write_bytes(real_bytes[name])
    (tmp_path / NAMES[2]).write_bytes(real_bytes[NAMES[2]][:-10])  # truncated
    with pytest.raises(
        ValueError, match=r"t10k-images-idx3-ubyte.gz is not the original MNIST file: its SHA-256"
    ):
        load_mnist(data_dir=tmp_path)


# ---- parsing -----------------------------------------------------------------------------------------


def write_idx(path: Path, magic: int, dims, payload: bytes) -> Path:
    header = magic.to_bytes(4, "big") + b"".join(int(d).to_bytes(4, "big") for d in dims)
    path.write_bytes(gzip.compress(header + payload))
    return path


def test_idx_parser_reads_a_small_file(tmp_path):
    path = write_idx(tmp_path / "x.gz", 0x803, (2, 28, 28), bytes(range(256)) * 6 + bytes(32))
    images = mnist._read_idx(path, (2, 28, 28))
    assert images.shape == (2, 28, 28) and images.dtype == np.uint8 and images.flags.writeable
    assert images[0, 0, :3].tolist() == [0, 1, 2] and images[1, 27, 27] == 0


@pytest.mark.parametrize(
    ("magic", "dims", "size", "message"),
    [
        (0x801, (2, 28, 28), 2 * 784, "magic number 0x00000801, expected 0x00000803"),
        (0x803, (3, 28, 28), 2 * 784, r"dimensions \(3, 28, 28\), expected \(2, 28, 28\)"),
        (0x803, (2, 28, 28), 2 * 784 - 1, "1567 bytes of data, expected 1568"),
        (0x803, (2, 28, 28), 2 * 784 + 5, "1573 bytes of data, expected 1568"),
    ],
)
def test_idx_parser_checks_magic_dimensions_and_size(tmp_path, magic, dims, size, message):
    path = write_idx(tmp_path / "bad.gz", magic, dims, bytes(size))
    with pytest.raises(ValueError, match=message):
        mnist._read_idx(path, (2, 28, 28))


def test_idx_parser_rejects_a_short_file(tmp_path):
    path = tmp_path / "tiny.gz"
    path.write_bytes(gzip.compress(b"\x00\x00"))
    with pytest.raises(ValueError, match="too short for an IDX header"):
        mnist._read_idx(path, (10,))


# ---- what load_mnist returns ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def default_data():
    return load_mnist(data_dir=SHARED)


def test_default_shapes_dtypes_and_values(default_data):
    (x_train, t_train), (x_test, t_test) = default_data
    assert x_train.shape == (60000, 784) and x_test.shape == (10000, 784)
    assert x_train.dtype == np.float32 and t_train.dtype == np.uint8
    assert t_train.shape == (60000,) and t_test.shape == (10000,)
    assert float(x_train.min()) == 0.0 and float(x_train.max()) == 1.0
    assert t_train[:10].tolist() == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]  # the well-known first labels
    assert t_test[:10].tolist() == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9]
    assert np.bincount(t_train).tolist() == [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
    assert np.bincount(t_test).tolist() == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
    # the usual normalisation constants of MNIST: mean 0.1307, standard deviation 0.3081
    assert float(x_train.mean(dtype=np.float64)) == pytest.approx(0.1307, abs=5e-5)
    assert float(x_train.std(dtype=np.float64)) == pytest.approx(0.3081, abs=5e-5)


def test_raw_unflattened_one_hot(default_data):
    (x_train, t_train), (x_test, t_test) = load_mnist(
        normalize=False, flatten=False, one_hot_label=True, data_dir=SHARED
    )
    assert (
        x_train.shape == (60000, 1, 28, 28)
        and x_train.dtype == np.uint8
        and x_test.shape == (10000, 1, 28, 28)
    )
    assert t_train.shape == (60000, 10) and t_train.dtype == np.float32
    np.testing.assert_array_equal(t_train.sum(axis=1), 1.0)
    np.testing.assert_array_equal(t_train.argmax(axis=1), default_data[0][1])
    np.testing.assert_array_equal(t_test.argmax(axis=1), default_data[1][1])
    # normalize is exactly pixel / 255 in float32, and flatten is a reshape of the 28 x 28 image, row by row
    np.testing.assert_array_equal(
        default_data[0][0][:100], (x_train[:100].reshape(100, 784).astype(np.float32) / np.float32(255))
    )
    assert x_train[0, 0, 5, 14] == round(float(default_data[0][0][0, 5 * 28 + 14]) * 255)


def test_the_arrays_are_writable_and_independent(default_data):
    (x_train, t_train), _ = load_mnist(normalize=False, data_dir=SHARED)
    x_train[0, 0] = 7
    t_train[0] = 3
    (again, labels), _ = load_mnist(normalize=False, data_dir=SHARED)
    assert again[0, 0] == 0 and labels[0] == 5


# ---- shift_and_noise (the digit widget's changes) -----------------------------------------------------


def test_shift_moves_the_ink_and_blanks_what_enters():
    image = np.zeros((28, 28), dtype=np.float32)
    image[10, 12] = 1.0
    image[0, 0] = 0.5
    moved = mnist.shift_and_noise(image, dx=3, dy=-2)
    assert moved.shape == (28, 28) and moved.dtype == np.float32
    assert moved[8, 15] == 1.0 and moved.sum() == 1.0  # (0, 0) left the frame
    np.testing.assert_array_equal(mnist.shift_and_noise(image), image)  # no change: a copy
    assert mnist.shift_and_noise(image) is not image
    assert mnist.shift_and_noise(image, dx=28).sum() == 0.0
    row = mnist.shift_and_noise(image.reshape(784), dx=-12, dy=1)
    assert row.shape == (784,) and row.reshape(28, 28)[11, 0] == 1.0


def test_noise_is_repeatable_and_clipped():
    image = np.full(784, 0.5, dtype=np.float32)
    a = mnist.shift_and_noise(image, noise=0.3, seed=7)
    np.testing.assert_array_equal(a, mnist.shift_and_noise(image, noise=0.3, seed=7))
    assert not np.array_equal(a, mnist.shift_and_noise(image, noise=0.3, seed=8))
    assert a.min() >= 0.0 and a.max() <= 1.0
    assert 0.2 < float(np.std(a)) < 0.35  # σ = 0.3, a little less where clipped
    with pytest.raises(ValueError, match="784 pixels"):
        mnist.shift_and_noise(np.zeros(100))


def test_a_batch_is_changed_like_each_image_alone():
    rng = np.random.default_rng(0)
    batch = rng.random((5, 784), dtype=np.float32)
    for dx, dy in [(0, 0), (2, 0), (-3, 1), (0, -4), (28, 0), (-30, 5)]:
        moved = mnist.shift_and_noise(batch, dx, dy)
        assert moved.shape == (5, 784) and moved.dtype == np.float32
        for i in range(5):
            np.testing.assert_array_equal(moved[i], mnist.shift_and_noise(batch[i], dx, dy))
    # the same pixels, whichever of the shapes (N, 784), (N, 28, 28), (N, 1, 28, 28) the batch comes in
    for shape in [(5, 28, 28), (5, 1, 28, 28)]:
        moved = mnist.shift_and_noise(batch.reshape(shape), -2, 3, noise=0.2, seed=4)
        assert moved.shape == shape
        np.testing.assert_array_equal(moved.reshape(5, 784), mnist.shift_and_noise(batch, -2, 3, 0.2, seed=4))


def test_batch_noise_is_seeded_clipped_and_starts_like_one_image():
    batch = np.full((300, 784), 0.5, dtype=np.float32)
    a = mnist.shift_and_noise(batch, noise=0.1, seed=3)
    np.testing.assert_array_equal(a, mnist.shift_and_noise(batch, noise=0.1, seed=np.random.default_rng(3)))
    np.testing.assert_array_equal(a[0], mnist.shift_and_noise(batch[0], noise=0.1, seed=3))
    assert not np.array_equal(a[0], a[1])  # each image its own noise
    assert float(np.std(a)) == pytest.approx(0.1, rel=0.01)  # σ = 0.1: nothing clipped from 0.5
    b = mnist.shift_and_noise(np.zeros((300, 784), dtype=np.float32), noise=0.5, seed=3)
    assert b.min() == 0.0 and b.max() == 1.0  # clipped at both ends
    assert 0.45 < float(np.mean(b > 0)) < 0.55  # about half the pixels of a blank image get ink
    assert np.array_equal(batch, np.full((300, 784), 0.5, dtype=np.float32))  # the input is untouched
    assert mnist.shift_and_noise(batch.astype(np.float64), 1, 0, noise=0.1).dtype == np.float64


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"dx": 1.5}, "dx must be a whole number"),
        ({"dy": True}, "dy must be a whole number"),
        ({"noise": -0.1}, "noise must be a standard deviation >= 0"),
        ({"noise": float("nan")}, "noise must be a standard deviation >= 0"),
    ],
)
def test_bad_moves_and_noise_are_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        mnist.shift_and_noise(np.zeros(784), **kwargs)
    with pytest.raises(ValueError, match=r"784 pixels .* got an array of shape \(3, 392\)"):
        mnist.shift_and_noise(np.zeros((3, 392)))
