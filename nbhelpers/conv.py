r"""Convolution and pooling, the layers of a convolutional network: im2col, col2im, ``Convolution``, ``Pooling``.

An image batch has shape (N, C, H, W): N images of C channels of H × W pixels. A convolution slides a filter of
shape (C, FH, FW) over each image and at each place takes the sum of the products of the filter with the window
under it (the book's "convolution" is this cross-correlation: the filter is not flipped). Padding P adds P
zeros around each image; stride S moves the window S pixels at a time, so the output has
:math:`OH = (H + 2P - FH)/S + 1` rows and :math:`OW = (W + 2P - FW)/S + 1` columns.

im2col copies every window into one row of a matrix, so that a whole convolution is one matrix product. Here
the windows come from :func:`numpy.lib.stride_tricks.sliding_window_view` (a view of the padded batch, no copy)
and one reshape copies them; the book's im2col loops over the FH·FW filter positions instead, with the same
result. Book §7.2–7.4; notebooks 11 and 12.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ._arrays import as_float_array, whole_number
from ._layer_base import checked_dout, need_forward, parameter_array

__all__ = [
    "KERNELS",
    "conv_output_size",
    "conv2d",
    "im2col",
    "im2col_loop",
    "col2im",
    "Convolution",
    "Pooling",
]


#: Named 3 × 3 filters to try on an image with :func:`conv2d` (notebook 11's kernel editor): "identity" gives the
#: image back; "blur" averages the 9 pixels; "sharpen" adds the difference from the neighbours; "edge x" (Sobel)
#: responds to brightness changing from left to right (vertical edges), "edge y" to top-to-bottom changes
#: (horizontal edges); "outline" (a Laplacian) to any change. Read-only arrays (copy one to edit it).
KERNELS = {
    "identity": np.array([[0.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 0.0]]),
    "blur": np.full((3, 3), 1.0 / 9.0),
    "sharpen": np.array([[0.0, -1.0, 0.0], [-1.0, 5.0, -1.0], [0.0, -1.0, 0.0]]),
    "edge x": np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]]),
    "edge y": np.array([[-1.0, -2.0, -1.0], [0.0, 0.0, 0.0], [1.0, 2.0, 1.0]]),
    "outline": np.array([[-1.0, -1.0, -1.0], [-1.0, 8.0, -1.0], [-1.0, -1.0, -1.0]]),
}
for _kernel in KERNELS.values():
    _kernel.flags.writeable = False


def conv_output_size(input_size, filter_size, stride=1, pad=0) -> int:
    r"""The output's length along one axis: :math:`(H + 2P - FH)/S + 1`, which must be a whole number >= 1.

    ``input_size`` H >= 1, ``filter_size`` FH >= 1, ``stride`` S >= 1, ``pad`` P >= 0, whole numbers. When the
    filter does not fit (FH > H + 2P) or the windows do not tile the padded input (H + 2P − FH not a multiple
    of S), a ``ValueError`` says so with the numbers (the book's code rounds down silently and drops the last
    rows).

    Book §7.2.4; notebook 11.

    >>> conv_output_size(4, 3), conv_output_size(4, 3, pad=1), conv_output_size(7, 3, stride=2)
    (2, 4, 3)
    >>> conv_output_size(28, 5, stride=2)
    Traceback (most recent call last):
    ...
    ValueError: conv_output_size: the windows do not fit evenly: (H + 2P − FH) / S = (28 + 2·0 − 5) / 2 = 23 / 2 is not a whole number; choose a stride that divides 23, or pad or crop the input
    """
    return _size(
        input_size, filter_size, stride, pad, "conv_output_size", names=("input_size", "filter_size")
    )


def _size(h, fh, s, p, where: str, axis: str = "H", f: str = "FH", names=("H", "FH")) -> int:
    """(h + 2p − fh)/s + 1 checked: whole numbers, a filter that fits, windows that tile; else an error."""
    h, fh = whole_number(h, names[0], 1, where), whole_number(fh, names[1], 1, where)
    s, p = whole_number(s, "stride", 1, where), whole_number(p, "pad", 0, where)
    span = h + 2 * p - fh
    if span < 0:
        raise ValueError(
            f"{where}: the filter does not fit: {f} = {fh} is larger than {axis} + 2P = {h} + 2·{p} = {h + 2 * p}"
        )
    if span % s:
        raise ValueError(
            f"{where}: the windows do not fit evenly: ({axis} + 2P − {f}) / S = ({h} + 2·{p} − {fh}) / {s} = "
            f"{span} / {s} is not a whole number; choose a stride that divides {span}, or pad or crop the input"
        )
    return span // s + 1


def _batch(x, name: str, where: str) -> np.ndarray:
    x = as_float_array(x, name)
    if x.ndim != 4:
        raise ValueError(
            f"{where}: {name} must be a batch of images of shape (N, C, H, W) (N images, C channels, H × W "
            f"pixels); got {name} of shape {x.shape}"
        )
    return x


def _windows(
    x: np.ndarray, fh: int, fw: int, stride: int, pad: int, where: str, f=("FH", "FW")
) -> np.ndarray:
    """Every window of the padded batch, a view of shape (N, C, OH, OW, FH, FW) (a copy only for the padding)."""
    oh = _size(x.shape[2], fh, stride, pad, where, "H", f[0], ("H", f[0]))
    ow = _size(x.shape[3], fw, stride, pad, where, "W", f[1], ("W", f[1]))
    if pad:
        x = np.pad(x, [(0, 0), (0, 0), (pad, pad), (pad, pad)])
    view = sliding_window_view(x, (fh, fw), axis=(2, 3))
    return view[:, :, : stride * (oh - 1) + 1 : stride, : stride * (ow - 1) + 1 : stride]


def _scatter(parts: np.ndarray, shape: tuple, stride: int, pad: int) -> np.ndarray:
    """col2im's sum: ``parts`` (N, C, FH, FW, OH, OW) holds a value for each window position; each is added to
    the pixel it came from, and the padding is cut off. One strided addition per filter position."""
    n, c, fh, fw, oh, ow = parts.shape
    h, w = shape[2] + 2 * pad, shape[3] + 2 * pad
    img = np.zeros((n, c, h, w), dtype=parts.dtype)
    for i in range(fh):
        for j in range(fw):
            img[:, :, i : i + stride * oh : stride, j : j + stride * ow : stride] += parts[:, :, i, j]
    return img[:, :, pad : h - pad, pad : w - pad] if pad else img


def im2col(input_data, filter_h, filter_w, stride=1, pad=0) -> np.ndarray:
    r"""Every window of a batch of images as one row: shape (N·OH·OW, C·FH·FW).

    ``input_data`` (N, C, H, W); the row for image n and output position (i, j) is row n·OH·OW + i·OW + j and
    holds the window's pixels channel by channel, each row by row (index c·FH·FW + y·FW + x): the book's
    order, so ``im2col(x, FH, FW) @ W.reshape(FN, -1).T`` is the convolution with filters W (FN, C, FH, FW).
    A padded pixel is 0. dtype kept (float32 stays float32); ``input_data`` is not changed.

    Book §7.4.2–7.4.3; notebook 11.

    >>> x = np.arange(16.0).reshape(1, 1, 4, 4)
    >>> im2col(x, 3, 3)[:2]  # the windows at (0, 0) and (0, 1)
    array([[ 0.,  1.,  2.,  4.,  5.,  6.,  8.,  9., 10.],
           [ 1.,  2.,  3.,  5.,  6.,  7.,  9., 10., 11.]])
    """
    x = _batch(input_data, "input_data", "im2col")
    filter_h = whole_number(filter_h, "filter_h", 1, "im2col")  # named as the argument (else FH, FW)
    filter_w = whole_number(filter_w, "filter_w", 1, "im2col")
    win = _windows(x, filter_h, filter_w, stride, pad, "im2col")
    n, c, oh, ow, fh, fw = win.shape
    return win.transpose(0, 2, 3, 1, 4, 5).reshape(n * oh * ow, c * fh * fw)


def im2col_loop(input_data, filter_h, filter_w, stride=1, pad=0) -> np.ndarray:
    """:func:`im2col` written as a loop over every window (N·OH·OW copies of C·FH·FW pixels): slow and plain,
    to read. The same result, bit for bit.

    Book §7.4.2–7.4.3; notebook 11.

    >>> x = np.arange(16.0).reshape(1, 1, 4, 4)
    >>> bool(np.array_equal(im2col_loop(x, 3, 3, pad=1), im2col(x, 3, 3, pad=1)))
    True
    """
    x = _batch(input_data, "input_data", "im2col_loop")
    n, c, h, w = x.shape
    oh = _size(h, filter_h, stride, pad, "im2col_loop", names=("H", "filter_h"))
    ow = _size(w, filter_w, stride, pad, "im2col_loop", "W", "FW", ("W", "filter_w"))
    img = np.pad(x, [(0, 0), (0, 0), (pad, pad), (pad, pad)])
    col = np.empty((n * oh * ow, c * filter_h * filter_w), dtype=x.dtype)
    row = 0
    for k in range(n):
        for i in range(oh):
            for j in range(ow):
                y0, x0 = i * stride, j * stride
                col[row] = img[k, :, y0 : y0 + filter_h, x0 : x0 + filter_w].reshape(-1)
                row += 1
    return col


def col2im(col, input_shape, filter_h, filter_w, stride=1, pad=0) -> np.ndarray:
    r"""The way back from :func:`im2col`: each value of ``col`` (N·OH·OW, C·FH·FW) is **added** to the pixel its
    window took it from (a pixel in several windows gets the sum), padding dropped; shape ``input_shape``.

    It is not im2col's inverse: it is its transpose, what the backward pass needs (the gradient of a pixel is
    the sum over the windows that used it). ``col2im(im2col(x, ...), x.shape, ...)`` is x times the number of
    windows covering each pixel. dtype kept; ``col`` is not changed.

    Book §7.4.3 (col2im in common/util.py); notebook 11.

    >>> ones = np.ones((4, 9))  # the four 3 × 3 windows of a 4 × 4 image
    >>> col2im(ones, (1, 1, 4, 4), 3, 3)[0, 0]  # how many windows cover each pixel
    array([[1., 2., 2., 1.],
           [2., 4., 4., 2.],
           [2., 4., 4., 2.],
           [1., 2., 2., 1.]])
    """
    col = as_float_array(col, "col")
    try:
        n, c, h, w = (whole_number(v, "input_shape", 1, "col2im") for v in input_shape)
    except (TypeError, ValueError):
        raise ValueError(
            f"col2im: input_shape must be four whole numbers (N, C, H, W), got {input_shape!r}"
        ) from None
    oh = _size(h, filter_h, stride, pad, "col2im", names=("H", "filter_h"))
    ow = _size(w, filter_w, stride, pad, "col2im", "W", "FW", ("W", "filter_w"))
    want = (n * oh * ow, c * filter_h * filter_w)
    if col.shape != want:
        raise ValueError(
            f"col2im: col must have shape (N·OH·OW, C·FH·FW) = {want} for input_shape {tuple(input_shape)} with "
            f"{filter_h} × {filter_w} filters, stride {stride}, pad {pad}; got col of shape {col.shape}"
        )
    parts = col.reshape(n, oh, ow, c, filter_h, filter_w).transpose(0, 3, 4, 5, 1, 2)
    return _scatter(parts, (n, c, h, w), stride, pad)


def conv2d(image, kernel, stride=1, pad=0) -> np.ndarray:
    r"""One channel, one filter: :math:`y_{ij} = \sum_{u,v} x_{iS+u,\,jS+v}\,k_{uv}` over the zero-padded
    image (the book's convolution: the kernel is not flipped), shape (OH, OW).

    ``image`` (H, W), ``kernel`` (FH, FW); dtype of their product. The direct way, window by window, in one
    call: the sum of the products over the window axes of the sliding windows.

    Book §7.2.2–7.2.4; notebook 11.

    >>> conv2d([[1, 2, 3, 0], [0, 1, 2, 3], [3, 0, 1, 2], [2, 3, 0, 1]], [[2, 0, 1], [0, 1, 2], [1, 0, 2]])
    array([[15., 16.],
           [ 6., 15.]])
    """
    x, k = as_float_array(image, "image"), as_float_array(kernel, "kernel")
    if x.ndim != 2 or k.ndim != 2:
        raise ValueError(
            f"conv2d: image must be 2-D (H, W) and kernel 2-D (FH, FW); got image of shape {x.shape} and kernel "
            f"of shape {k.shape}"
        )
    win = _windows(x[None, None], k.shape[0], k.shape[1], stride, pad, "conv2d")[0, 0]
    return np.tensordot(win, k, axes=((2, 3), (0, 1)))


class Convolution:
    r"""The convolution layer: :math:`y_{n,f} = \sum_c x_{n,c} \star W_{f,c} + b_f`, with backward
    :math:`\partial L/\partial W`, :math:`\partial L/\partial b` and :math:`\partial L/\partial x`.

    ``W`` (FN, C, FH, FW): FN filters; ``b`` (FN,): one bias per filter; kept as given (references: an
    optimizer updates them in place). ``forward(x)``: x (N, C, H, W) → (N, FN, OH, OW). ``backward(dout)``:
    dout (N, FN, OH, OW) → dx (N, C, H, W), and sets ``dW`` (FN, C, FH, FW) and ``db`` (FN,).

    As the book's layer, it turns the windows into a matrix ``col`` (im2col) and the filters into ``col_W``
    (C·FH·FW, FN), so a forward pass is one matrix product; the backward pass is two more and col2im. One
    change for speed: ``col`` keeps each image's windows as **columns**, shape (N, C·FH·FW, OH·OW) (the
    transpose of :func:`im2col`'s rows, image by image), so the product comes out in (N, FN, OH·OW) order and
    needs no transpose (forward and backward together 2 to 3× faster than the book's layer, measured by
    ``benchmarks/run.py --only conv``).

    Book §7.4.3; notebooks 11 and 12.

    >>> layer = Convolution(np.ones((1, 1, 2, 2)), np.zeros(1))
    >>> layer.forward(np.arange(9.0).reshape(1, 1, 3, 3))[0, 0]
    array([[ 8., 12.],
           [20., 24.]])
    >>> layer.backward(np.ones((1, 1, 2, 2)))[0, 0]  # how many windows use each pixel
    array([[1., 2., 1.],
           [2., 4., 2.],
           [1., 2., 1.]])
    """

    def __init__(self, W, b, stride=1, pad=0):
        W, b = parameter_array(W, "W", 4, "Convolution"), parameter_array(b, "b", 1, "Convolution")
        if b.shape != (W.shape[0],):
            raise ValueError(
                f"Convolution: b must have one bias per filter, shape ({W.shape[0]},) for W of shape {W.shape}; "
                f"got b of shape {b.shape}"
            )
        self.W, self.b = W, b
        self.stride = whole_number(stride, "stride", 1, "Convolution")
        self.pad = whole_number(pad, "pad", 0, "Convolution")
        self.x = self.col = self.col_W = None
        self.dW = self.db = None

    def forward(self, x):
        where = "Convolution.forward"
        x = _batch(x, "x", where)
        fn, c, fh, fw = self.W.shape
        if x.shape[1] != c:
            raise ValueError(
                f"{where}: x must have {c} channel(s) (axis 1), as W of shape {self.W.shape} has filters of {c} "
                f"channel(s); got x of shape {x.shape}"
            )
        win = _windows(x, fh, fw, self.stride, self.pad, where)
        n, _, oh, ow = win.shape[:4]
        self.x = x
        self.col = np.ascontiguousarray(win.transpose(0, 1, 4, 5, 2, 3)).reshape(n, c * fh * fw, oh * ow)
        self.col_W = self.W.reshape(fn, -1).T
        with np.errstate(over="ignore", invalid="ignore"):
            out = np.matmul(self.col_W.T, self.col)
            out += self.b[:, None]
        return out.reshape(n, fn, oh, ow)

    def _dout(self, dout) -> np.ndarray:
        need_forward(self, self.x)
        n, (fn, oh_ow) = len(self.x), (self.W.shape[0], self.col.shape[2])
        shape = (n, fn) + self._out_hw()
        return checked_dout(dout, shape, "Convolution").reshape(n, fn, oh_ow)

    def _out_hw(self) -> tuple:
        fh, fw = self.W.shape[2:]
        h, w = self.x.shape[2:]
        return (h + 2 * self.pad - fh) // self.stride + 1, (w + 2 * self.pad - fw) // self.stride + 1

    def _param_grads(self, dout) -> None:
        """Set ``dW`` and ``db`` only, from dout (N, FN, OH·OW): a first layer's dx is not needed."""
        with np.errstate(over="ignore", invalid="ignore"):
            self.db = dout.sum(axis=2).sum(axis=0)
            self.dW = np.matmul(dout, self.col.transpose(0, 2, 1)).sum(axis=0).reshape(self.W.shape)

    def backward(self, dout):
        dout = self._dout(dout)
        self._param_grads(dout)
        fn, c, fh, fw = self.W.shape
        with np.errstate(over="ignore", invalid="ignore"):
            dcol = np.matmul(self.col_W, dout)  # (N, C·FH·FW, OH·OW)
            parts = dcol.reshape(len(dout), c, fh, fw, *self._out_hw())
            return _scatter(parts, self.x.shape, self.stride, self.pad)


class Pooling:
    r"""Max pooling: each output is the largest value of its window, :math:`y_{n,c,i,j} = \max_{u,v}
    x_{n,c,iS+u,jS+v}`, channel by channel; backward sends each output's gradient to the place of that maximum
    (the first one, in row order, if several are equal) and 0 to the rest of the window.

    ``pool_h``, ``pool_w``: the window; ``stride`` (the book's default is 1; a CNN usually takes the window's
    size, 2 for 2 × 2); ``pad``: zeros around the image, as the book's im2col (a max over a window of
    negative values next to the padding is then 0). ``forward(x)``: (N, C, H, W) → (N, C, OH, OW);
    ``backward(dout)`` → dx (N, C, H, W). Keeps ``x`` and ``arg_max`` (the place of each maximum in its
    window, 0 ... pool_h·pool_w − 1). Pooling has no parameters. NaN in a window gives NaN.

    Book §7.3, §7.4.4; notebooks 11 and 12.

    >>> pool = Pooling(2, 2, stride=2)
    >>> x = np.array([[[[1.0, 2.0, 1.0, 0.0], [0.0, 1.0, 2.0, 3.0], [3.0, 0.0, 1.0, 2.0], [2.0, 4.0, 0.0, 1.0]]]])
    >>> pool.forward(x)[0, 0]
    array([[2., 3.],
           [4., 2.]])
    >>> pool.backward(np.ones((1, 1, 2, 2)))[0, 0]
    array([[0., 1., 0., 0.],
           [0., 0., 0., 1.],
           [0., 0., 0., 1.],
           [0., 1., 0., 0.]])
    """

    def __init__(self, pool_h, pool_w, stride=1, pad=0):
        self.pool_h = whole_number(pool_h, "pool_h", 1, "Pooling")
        self.pool_w = whole_number(pool_w, "pool_w", 1, "Pooling")
        self.stride = whole_number(stride, "stride", 1, "Pooling")
        self.pad = whole_number(pad, "pad", 0, "Pooling")
        self.x = self._masks = None

    def forward(self, x):
        x = _batch(x, "x", "Pooling.forward")
        win = _windows(
            x, self.pool_h, self.pool_w, self.stride, self.pad, "Pooling.forward", ("pool_h", "pool_w")
        )
        # One pass per window position k = (u, v) over all windows at once (quicker than an argmax over each
        # window of a few values): a running maximum, then a mask of the windows whose maximum sits at k and not
        # at an earlier position (a NaN counts as the maximum: it is what max gives).
        parts = [win[..., u, v] for u in range(self.pool_h) for v in range(self.pool_w)]
        out = parts[0].copy()
        for part in parts[1:]:
            np.maximum(out, part, out=out)
        nan = bool(np.isnan(out).any())
        masks = np.empty((len(parts), *out.shape), dtype=bool)
        free = np.ones(out.shape, dtype=bool)
        for part, mask in zip(parts, masks):
            np.equal(part, out, out=mask)
            if nan:
                mask |= np.isnan(part)
            np.logical_and(mask, free, out=mask)
            np.logical_xor(free, mask, out=free)  # free and not mask (mask lies inside free)
        self.x, self._masks = x, masks
        return out

    @property
    def arg_max(self):
        """The place of each maximum in its window, 0 ... pool_h·pool_w − 1, shape (N, C, OH, OW) (None before
        a forward pass)."""
        if self._masks is None:
            return None
        return np.argmax(self._masks, axis=0)

    def backward(self, dout):
        need_forward(self, self._masks)
        dout = checked_dout(dout, self._masks.shape[1:], "Pooling")
        n, c, oh, ow = dout.shape
        s, h, w = self.stride, self.x.shape[2] + 2 * self.pad, self.x.shape[3] + 2 * self.pad
        dx = np.zeros((n, c, h, w), dtype=np.result_type(dout, self.x))
        finite = bool(np.isfinite(dout).all())  # else inf·0 = NaN: route with np.where (2× slower)
        for k, mask in enumerate(self._masks):
            i, j = divmod(k, self.pool_w)
            part = dout * mask if finite else np.where(mask, dout, dx.dtype.type(0))
            dx[:, :, i : i + s * oh : s, j : j + s * ow : s] += part
        p = self.pad
        return dx[:, :, p : h - p, p : w - p] if p else dx
