"""The pieces of the playground's SVG pictures (``plots/playground.py``), without matplotlib and fast
enough for ten redraws a second: a diverging colour map (orange, white, blue, as TensorFlow Playground)
as a table lookup; a PNG encoder (zlib and struct only) that returns a data URI an SVG ``<image>`` can
show; the line where a map crosses a level (marching squares, in NumPy); and SVG text: the element,
labels, numbers, path data, and the frame of a chart over the steps."""

from __future__ import annotations

import base64
import functools
import html
import struct
import zlib

import numpy as np

#: Class 0 (values low) and class 1 (values high): TensorFlow Playground's orange and blue.
ORANGE, BLUE = "#f59322", "#0877bd"
#: The colour of NaN (a network that diverged).
GREY = "#bdbdbd"


def _rgb(color: str) -> np.ndarray:
    return np.array([int(color[i : i + 2], 16) for i in (1, 3, 5)], dtype=float)


def _table() -> np.ndarray:
    """257 colours from orange (0) through white (128) to blue (256), then grey (257) for NaN."""
    s = np.linspace(0.0, 1.0, 129)[:, None]
    white = np.full(3, 255.0)
    low = _rgb(ORANGE) + s * (white - _rgb(ORANGE))
    high = white + s[1:] * (_rgb(BLUE) - white)
    return np.vstack([low, high, _rgb(GREY)]).round().astype(np.uint8)


_TABLE = _table()


def colormap(values, lo, hi) -> np.ndarray:
    """``values`` (any shape) as colours, uint8 of shape ``values.shape + (3,)``: ``lo`` (and below)
    orange, the middle ``(lo + hi) / 2`` white, ``hi`` (and above) blue, linear between (257 steps);
    NaN grey. If ``hi == lo``, values above it are blue, below orange, equal white."""
    v = np.asarray(values, dtype=np.float64)
    lo, hi = float(lo), float(hi)
    if not (np.isfinite(lo) and np.isfinite(hi) and hi >= lo):
        raise ValueError(f"colormap: lo and hi must be finite with lo <= hi, got {lo} and {hi}")
    if hi > lo:
        t = (v - lo) * (256.0 / (hi - lo))
        np.clip(t, 0.0, 256.0, out=t)  # (NaN stays NaN; +-inf go to the ends)
    else:
        t = 128.0 + 128.0 * np.sign(v - lo)
    t[np.isnan(t)] = 257.0
    t += 0.5
    return _TABLE[t.astype(np.intp)]


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bytes(rgb, level: int = 3) -> bytes:
    """An image, uint8 of shape (H, W, 3), as PNG file bytes (8-bit RGB, each row "Sub"-filtered: each
    pixel as its difference to the one on its left, which smooth maps compress well; deflated at zlib
    ``level``)."""
    rgb = np.asarray(rgb)
    if rgb.dtype != np.uint8 or rgb.ndim != 3 or rgb.shape[2] != 3 or 0 in rgb.shape:
        raise ValueError(
            f"rgb must be a non-empty uint8 array of shape (H, W, 3), got {rgb.dtype} {rgb.shape}"
        )
    height, width = rgb.shape[:2]
    rows = np.empty((height, 1 + 3 * width), dtype=np.uint8)
    rows[:, 0] = 1  # filter "Sub"
    flat = rgb.reshape(height, 3 * width)
    rows[:, 1:4] = flat[:, :3]
    np.subtract(flat[:, 3:], flat[:, :-3], out=rows[:, 4:])  # (uint8: modulo 256, as PNG wants)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"".join(
        [
            b"\x89PNG\r\n\x1a\n",
            _chunk(b"IHDR", header),
            _chunk(b"IDAT", zlib.compress(rows.tobytes(), level)),
            _chunk(b"IEND", b""),
        ]
    )


def png_data_uri(rgb, level: int = 3) -> str:
    """An image, uint8 of shape (H, W, 3), as ``"data:image/png;base64,..."`` (see :func:`png_bytes`)."""
    return "data:image/png;base64," + base64.b64encode(png_bytes(rgb, level)).decode("ascii")


def map_data_uri(values, lo, hi, level: int = 3) -> str:
    """A map of values (rows from the bottom up, as the playground computes them) as a PNG data URI in
    :func:`colormap`'s colours, its first row at the bottom of the picture."""
    return png_data_uri(colormap(np.asarray(values)[::-1], lo, hi), level)


def level_segments(grid, level: float = 0.5) -> np.ndarray:
    """The line where ``grid`` (rows from the bottom up) crosses ``level``, as segments (n, 2, 2) of
    (column, row) points in grid units (0 ... side - 1), by marching squares: in each cell whose corners
    are on both sides of the level, the crossing points of its edges (linear interpolation) are joined;
    a saddle cell (diagonal corners alike) joins them as its centre value says. Cells with NaN draw
    nothing."""
    g = np.asarray(grid, dtype=np.float64) - level
    if g.ndim != 2 or min(g.shape) < 2:
        return np.empty((0, 2, 2))
    above = g > 0  # (NaN is not above: its cells are dropped below)
    # Each cell's corners: a bottom-left, b bottom-right, c top-right, d top-left.
    a, b, c, d = g[:-1, :-1], g[:-1, 1:], g[1:, 1:], g[1:, :-1]
    ok = np.isfinite(a) & np.isfinite(b) & np.isfinite(c) & np.isfinite(d)
    ab = above[:-1, :-1] != above[:-1, 1:]
    bc = above[:-1, 1:] != above[1:, 1:]
    cd = above[1:, 1:] != above[1:, :-1]
    da = above[1:, :-1] != above[:-1, :-1]
    rows, cols = np.nonzero(ok & (ab | bc | cd | da))
    if rows.size == 0:
        return np.empty((0, 2, 2))
    a, b, c, d = a[rows, cols], b[rows, cols], c[rows, cols], d[rows, cols]

    def frac(p, q):  # where p + s (q - p) = 0, for p, q on both sides
        with np.errstate(divide="ignore", invalid="ignore"):
            s = p / (p - q)
        return np.where(np.isfinite(s), s, 0.5)

    x, y = cols.astype(float), rows.astype(float)
    # The crossing point on each edge (bottom, right, top, left) and whether the edge is crossed.
    points = np.stack(
        [
            np.stack([x + frac(a, b), y], -1),
            np.stack([x + 1.0, y + frac(b, c)], -1),
            np.stack([x + 1.0 - frac(c, d), y + 1.0], -1),
            np.stack([x, y + 1.0 - frac(d, a)], -1),
        ],
        axis=1,
    )
    crossed = np.stack([ab[rows, cols], bc[rows, cols], cd[rows, cols], da[rows, cols]], axis=1)
    two = crossed.sum(axis=1) == 2
    order = np.argsort(~crossed[two], axis=1, kind="stable")[:, :2]  # the two crossed edges
    singles = np.take_along_axis(points[two], order[:, :, None], axis=1)
    # Saddles (all four edges crossed): if the centre is on a's side, a and c are joined through it and
    # the corners b and d are cut off (edges bottom+right, top+left); else a and c are (bottom+left,
    # top+right).
    saddle = points[~two]
    centre_like_a = ((a + b + c + d)[~two] > 0) == (a[~two] > 0)
    first = np.where(centre_like_a[:, None], [0, 1], [0, 3])
    second = np.where(centre_like_a[:, None], [2, 3], [2, 1])
    pairs = [np.take_along_axis(saddle, k[:, :, None], axis=1) for k in (first, second)]
    return np.concatenate([singles, *pairs])


# --- SVG pieces -----------------------------------------------------------------------------------

INK, MUTED, FRAME, GRID = "#333", "#777", "#999", "#e6e6e6"
FONT = 'font-family="Helvetica,Arial,sans-serif" font-size="11"'
MAX_POINTS = 400  # points of a curve drawn at most


def esc(text) -> str:
    return html.escape(str(text), quote=True)


def svg(width: float, height: float, body: str, label: str) -> str:
    """The ``<svg>`` element: its size, a viewBox, never wider than the page, a white background."""
    w, h = round(width), round(height)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
        f'style="max-width:100%;height:auto" {FONT} role="img" aria-label="{esc(label)}">'
        f'<rect width="{w}" height="{h}" fill="#fff"/>{body}</svg>'
    )


def text(x, y, content, anchor="start", fill=INK, extra="") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}"{extra}>{esc(content)}</text>'


def number(value: float) -> str:
    """A number for a label: 3 decimals (3 significant digits when large or tiny), "−" for minus."""
    if not np.isfinite(value):
        return "not finite"
    a = abs(value)
    shown = f"{value:.3f}" if 0.01 <= a < 1000 or a == 0 else f"{value:.3g}"
    return shown.replace("-", "−")


def tick(value: float) -> str:
    return f"{value:g}".replace("-", "−")


def evenly(n: int) -> np.ndarray:
    """At most MAX_POINTS indices of range(n), evenly spread, the first and the last among them."""
    if n <= MAX_POINTS:
        return np.arange(n)
    return np.unique(np.linspace(0, n - 1, MAX_POINTS).round().astype(np.intp))


def path_d(px: np.ndarray, py: np.ndarray) -> str:
    """SVG path data through the points (px, py), a new piece after each gap (NaN or inf in ``py``)."""
    finite = np.isfinite(py)
    keep = np.flatnonzero(finite)
    if keep.size == 0:
        return ""
    starts = ~np.r_[False, finite[:-1]][keep]
    items = [None] * (3 * keep.size)
    items[0::3] = np.where(starts, "M", "L").tolist()
    items[1::3] = px[keep].tolist()
    items[2::3] = py[keep].tolist()
    return ("{}{:.1f} {:.1f}" * keep.size).format(*items)


def nice_top(value: float) -> float:
    """The top of an axis from 0 that holds ``value``: 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power
    of ten (1 for a value that is not positive)."""
    if not value > 0:
        return 1.0
    scale = 10.0 ** np.floor(np.log10(value))
    return next(
        f * scale for f in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if f * scale >= value * (1 - 1e-9)
    )


class Chart:
    """A chart over the steps: the plot area, an x axis from 0 to ``x_end`` (1 if not positive), the
    y axis from 0 (bottom) to 1 (top) in fractions of its height, labelled ``y_label``."""

    def __init__(self, width, height, x_end, y_label):
        self.width, self.height = float(width), float(height)
        self.left, self.right, self.top, self.bottom = 42.0, width - 10.0, 22.0, height - 26.0
        self.x_end = float(x_end) if x_end > 0 else 1.0
        middle = (self.top + self.bottom) / 2
        self.label = text(9, middle, y_label, "middle", INK, f' transform="rotate(-90 9 {middle:.1f})"')

    def x(self, steps):
        return self.left + np.asarray(steps, dtype=np.float64) / self.x_end * (self.right - self.left)

    def y(self, fraction):
        return self.bottom - np.asarray(fraction, dtype=np.float64) * (self.bottom - self.top)

    def axes(self, y_ticks) -> str:
        """Grid lines with labels at ``y_ticks`` (fraction, label), ticks at the first and the last step,
        the axes and their names."""
        parts = [self.label]
        for f, label in y_ticks:
            py = float(self.y(f))
            parts.append(f'<path d="M{self.left:.1f} {py:.1f}H{self.right:.1f}" stroke="{GRID}"/>')
            parts.append(text(self.left - 4, py + 4, label, "end", MUTED))
        for f, anchor in ((0.0, "start"), (1.0, "end")):
            px = float(self.x(f * self.x_end))
            parts.append(f'<path d="M{px:.1f} {self.bottom:.1f}v4" stroke="{FRAME}"/>')
            parts.append(text(px, self.bottom + 14, f"{f * self.x_end:.0f}", anchor, MUTED))
        parts.append(text((self.left + self.right) / 2, self.bottom + 14, "step", "middle"))
        parts.append(
            f'<path d="M{self.left:.1f} {self.top:.1f}V{self.bottom:.1f}H{self.right:.1f}" fill="none" '
            f'stroke="{FRAME}"/>'
        )
        return "".join(parts)

    def curve(self, steps, fractions, css_class: str, color: str, dash: str = "", width: float = 1.6) -> str:
        """The line through the points (gaps where a value is not finite), a dot on its last point."""
        px, py = self.x(steps), self.y(fractions)
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        last = np.flatnonzero(np.isfinite(py))[-1:]
        dot = "".join(f'<circle cx="{px[i]:.1f}" cy="{py[i]:.1f}" r="2.5" fill="{color}"/>' for i in last)
        return (
            f'<path class="{css_class}" d="{path_d(px, py)}" fill="none" stroke="{color}" '
            f'stroke-width="{width}" stroke-linejoin="round"{dashes}/>{dot}'
        )

    def legend(self, entries) -> str:
        """Line swatches with their text along the top: ``entries`` of (colour, dash, text)."""
        parts, x = [], self.left
        for color, dash, content in entries:
            dashes = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(f'<path d="M{x:.1f} 10h16" stroke="{color}" stroke-width="2"{dashes}/>')
            parts.append(text(x + 20, 14, content))
            x += 30 + 6.2 * len(content)
        return "".join(parts)

    def empty(self, y_ticks, legend) -> str:
        """The chart with no data: its axes, the legend and "no steps yet"."""
        middle = text(
            (self.left + self.right) / 2, (self.top + self.bottom) / 2 + 4, "no steps yet", "middle", MUTED
        )
        return svg(self.width, self.height, self.axes(y_ticks) + self.legend(legend) + middle, "no steps yet")


@functools.lru_cache(maxsize=1)
def colorbar_uri() -> str:
    return png_data_uri(colormap(np.linspace(0.0, 1.0, 129)[None, :], 0.0, 1.0))


def plane(x0: float, y0: float, side: float, uri: str, res: int, square, opacity: float = 1.0) -> str:
    """A map over ``square``² = (lo, hi)² at (x0, y0), ``side`` px a side, framed, with ticks at −1, 0, 1
    and the axes named x₁, x₂. The map (the picture ``uri``, res × res values at the points of
    ``np.linspace(lo, hi, res)`` on both axes) is drawn half a value's spacing larger on every side and
    cut at the frame, so that each value's pixel is centred on its point."""
    lo, hi = square
    pad = side / (2 * (res - 1))
    parts = [
        f'<svg x="{x0:.1f}" y="{y0:.1f}" width="{side:.1f}" height="{side:.1f}" viewBox="0 0 {side:.1f} '
        f'{side:.1f}"><image x="{-pad:.2f}" y="{-pad:.2f}" width="{side + 2 * pad:.2f}" '
        f'height="{side + 2 * pad:.2f}" href="{uri}" preserveAspectRatio="none" opacity="{opacity}" '
        'style="image-rendering:auto"/></svg>',
        f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{side:.1f}" height="{side:.1f}" fill="none" '
        f'stroke="{FRAME}"/>',
    ]
    for v in (-1.0, 0.0, 1.0):
        px = x0 + (v - lo) / (hi - lo) * side
        py = y0 + (hi - v) / (hi - lo) * side
        parts.append(f'<path d="M{px:.1f} {y0 + side:.1f}v4M{x0:.1f} {py:.1f}h-4" stroke="{FRAME}"/>')
        parts.append(text(px, y0 + side + 14, tick(v), "middle", MUTED))
        parts.append(text(x0 - 6, py + 4, tick(v), "end", MUTED))
    parts.append(text(x0 + side, y0 + side + 14, "x₁", "end", INK, ' font-style="italic"'))
    parts.append(text(x0 - 6, y0 + 9, "x₂", "end", INK, ' font-style="italic"'))
    return "".join(parts)


def colorbar(x0: float, y: float, length: float, lo_text: str, hi_text: str, opacity: float = 1.0) -> str:
    return (
        text(x0 - 4, y + 4, lo_text, "end", MUTED)
        + f'<image x="{x0:.1f}" y="{y - 4:.1f}" width="{length:.1f}" height="8" href="{colorbar_uri()}" '
        f'preserveAspectRatio="none" opacity="{opacity}"/>'
        + f'<rect x="{x0:.1f}" y="{y - 4:.1f}" width="{length:.1f}" height="8" fill="none" stroke="{FRAME}"/>'
        + text(x0 + length + 4, y + 4, hi_text, "start", MUTED)
    )
