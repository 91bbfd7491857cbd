"""Pictures of the playground (notebook 13) as SVG text, fast enough for a widget that redraws ten times a
second: the decision map with the data, the loss curves, the size of each layer's gradient, the network
with every neuron's output over the plane, and one neuron enlarged.

Every function takes data (NumPy arrays, lists, numbers) and returns one ``<svg>`` element as a string,
with its width, height and viewBox and the style ``max-width:100%;height:auto`` (it never grows wider than
the page); maps are embedded as small PNG pictures (:mod:`._svg`). Colours as TensorFlow Playground: class
0 orange, class 1 blue, and values from orange (low) through white to blue (high). No matplotlib, no
state, no element ids (many pictures can share a page).
"""

from __future__ import annotations

import functools

import numpy as np

from ..playground import RANGE
from . import _svg
from ._svg import BLUE, INK, MUTED, ORANGE, number, svg, text

__all__ = ["PLAYGROUND_COLORS", "boundary_svg", "loss_svg", "grad_norm_svg", "network_svg", "neuron_svg"]

#: The colours of class 0 and class 1 (TensorFlow Playground's orange and blue).
PLAYGROUND_COLORS = (ORANGE, BLUE)
_LAYER_COLORS = ("#2a9d8f", "#8e44ad", "#c0392b", "#6d4c41", "#d4a017", "#546e7a")  # W1, W2, ...
_MAP_OPACITY = 0.65  # the decision map behind the points is paler than the points (as in TF Playground)
_EDGE_PX = 1.2  # px of line width per unit of |weight| (clipped to 0.5 ... 6)


@functools.lru_cache(maxsize=16)
def _circles(xy: bytes, labels: bytes, x0: float, y0: float, side: float, edge: str) -> str:
    """The points (float64 bytes of shape (N, 2)) as circles filled in their class's colour, one group
    per class; those outside RANGE² left out. Cached: the data change far less often than the map."""
    x = np.frombuffer(xy, dtype=np.float64).reshape(-1, 2)
    t = np.frombuffer(labels, dtype=np.int64)
    lo, hi = RANGE
    inside = np.all((x >= lo) & (x <= hi), axis=1)
    px = x0 + (x[:, 0] - lo) / (hi - lo) * side
    py = y0 + (hi - x[:, 1]) / (hi - lo) * side
    circle = f'<circle cx="{{:.1f}}" cy="{{:.1f}}" r="{max(2.0, side / 90):.1f}"/>'
    groups = []
    for k, color in enumerate(PLAYGROUND_COLORS):
        keep = inside & (t == k)
        flat = np.column_stack([px[keep], py[keep]]).ravel().tolist()
        circles = (circle * int(keep.sum())).format(*flat)
        groups.append(f'<g class="class{k}" fill="{color}" stroke="{edge}">{circles}</g>')
    return "".join(groups)


def _points(x, t, name: str):
    x = np.ascontiguousarray(x, dtype=np.float64)
    t = np.asarray(t)
    if t.ndim == 2:  # (one-hot rows)
        t = t.argmax(axis=1)
    t = np.ascontiguousarray(t, dtype=np.int64)
    if x.ndim != 2 or x.shape[1] != 2 or t.shape != x.shape[:1]:
        raise ValueError(
            f"{name}: x must have shape (N, 2) and t N labels, got shapes {x.shape} and {t.shape}"
        )
    return x.tobytes(), t.tobytes()


def boundary_svg(probabilities, x_train, t_train, x_test, t_test, *, size=320, show_test=True, title=""):
    """The network's decision map with the data: ``probabilities`` (res, res), the probability of class 1
    at a grid over RANGE² (row 0 at the bottom, as ``Playground.probability_map``), as colour from
    orange (0) through white (0.5) to blue (1), drawn pale and smooth, with the line where it is 0.5; on
    it the training points (filled, white edge) and, if ``show_test``, the test points (black edge), in
    their class's colour (0 orange, 1 blue). NaN in the map (a diverged network) is grey and said.
    ``size``: the picture's width in px (the map is a square 32 px narrower); ``title``: a line above.

    Not in the book; notebook 13.

    >>> picture = boundary_svg(np.full((10, 10), 0.5), [[0.0, 0.5]], [0], [[1.0, 1.0]], [1], title="a map")
    >>> picture.startswith("<svg"), picture.count('<g class="class')  # class 0 and 1, train and test
    (True, 4)
    """
    grid = np.asarray(probabilities, dtype=np.float64)
    if grid.ndim != 2 or grid.shape[0] != grid.shape[1] or grid.shape[0] < 2:
        raise ValueError(
            f"probabilities must be a square map (res, res) with res >= 2, got shape {grid.shape}"
        )
    train = _points(x_train, t_train, "train")
    test = _points(x_test, t_test, "test")
    top = 24.0 if title else 8.0
    x0, side = 26.0, float(size) - 32.0
    res = grid.shape[0]
    parts = [text(size / 2, 15, title, "middle", INK, ' font-size="12" font-weight="bold"')] if title else []
    parts.append(_svg.plane(x0, top, side, _svg.map_data_uri(grid, 0.0, 1.0), res, RANGE, _MAP_OPACITY))
    segments = _svg.level_segments(grid, 0.5)
    if len(segments):
        pixels = np.empty_like(segments)
        pixels[..., 0] = x0 + segments[..., 0] * side / (res - 1)
        pixels[..., 1] = top + side - segments[..., 1] * side / (res - 1)
        d = ("M{:.1f} {:.1f}L{:.1f} {:.1f}" * len(pixels)).format(*pixels.ravel().tolist())
        parts.append(
            f'<path class="boundary" d="{d}" fill="none" stroke="{INK}" stroke-width="1.2" opacity="0.6"/>'
        )
    parts.append(_circles(*train, x0, top, side, "#fff"))
    if show_test:
        parts.append(_circles(*test, x0, top, side, "#222"))
    if np.isnan(grid).any():
        parts.append(
            f'<rect x="{x0 + side / 2 - 95:.1f}" y="{top + side / 2 - 14:.1f}" width="190" height="22" rx="4" '
            'fill="#fff" opacity="0.9"/>'
            + text(x0 + side / 2, top + side / 2 + 1, "diverged: the outputs are NaN", "middle")
        )
    y = top + side + 32
    swatch = '<circle cx="{:.1f}" cy="{:.1f}" r="4" fill="{}" stroke="{}"/>'
    legend = [(ORANGE, "#fff", "class 0"), (BLUE, "#fff", "class 1"), ("#aaa", "#fff", "train")]
    legend += [("#aaa", "#222", "test")] if show_test else []
    x = x0
    for fill, edge, name in legend:
        parts.append(swatch.format(x + 4, y - 4, fill, edge) + text(x + 11, y, name))
        x += 22 + 6.5 * len(name)
    parts.append(text(x0, y + 20, "P(class 1)"))
    parts.append(_svg.colorbar(x0 + 74, y + 16, side - 86, "0", "1", _MAP_OPACITY))
    return svg(size, y + 28, "".join(parts), title or "decision map")


# --- curves over the steps ------------------------------------------------------------------------


def _series(values, name: str, length: int) -> np.ndarray:
    a = np.asarray(values, dtype=np.float64)
    if a.shape[:1] != (length,):
        raise ValueError(f"{name} must hold one value per step ({length}), got shape {a.shape}")
    return a


def loss_svg(steps, train_loss, test_loss, *, width=320, height=140):
    """The loss over training: ``train_loss`` (solid) and ``test_loss`` (dashed; may be empty) against
    ``steps``, the step count of each value, on a y axis from 0 to just above the largest finite loss;
    the last values written above. NaN and inf (a diverged run) are left out, and the last values then
    read "not finite". At most 400 points of each curve are drawn (evenly spread, the last among them).

    Losses near the float limit (a run that diverges) draw without a warning.

    Not in the book; notebook 13.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        return _loss_svg(steps, train_loss, test_loss, width, height)


def _loss_svg(steps, train_loss, test_loss, width, height):
    steps = np.asarray(steps, dtype=np.float64).reshape(-1)
    train = _series(train_loss, "train_loss", len(steps))
    has_test = test_loss is not None and len(test_loss) > 0
    test = _series(test_loss, "test_loss", len(steps)) if has_test else np.empty(0)
    finite = np.concatenate([train[np.isfinite(train)], test[np.isfinite(test)]])
    top = _svg.nice_top(float(finite.max()) if finite.size else 0.0)
    chart = _svg.Chart(width, height, float(steps.max()) if len(steps) else 0.0, "loss")
    ticks = [(f, _svg.tick(round(f * top, 10))) for f in (0.0, 0.5, 1.0)]
    if len(steps) == 0:
        return chart.empty(ticks, [(INK, "", "train"), (MUTED, "4 3", "test")])
    keep = _svg.evenly(len(steps))
    body = [chart.axes(ticks), chart.curve(steps[keep], train[keep] / top, "train", INK)]
    legend = [(INK, "", f"train {number(train[-1])}")]
    if len(test):
        body.append(chart.curve(steps[keep], test[keep] / top, "test", MUTED, "4 3"))
        legend.append((MUTED, "4 3", f"test {number(test[-1])}"))
    body.append(chart.legend(legend))
    return svg(chart.width, chart.height, "".join(body), f"loss after {steps[-1]:.0f} steps")


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _power_labels(exponents) -> list:
    """0.01, 0.1, 1, 10, 100 if all are in that range, else all as powers of ten (10⁻⁶)."""
    if all(-2 <= e <= 2 for e in exponents):
        return [f"{10.0**e:.{max(0, -e)}f}" for e in exponents]
    return ["10" + str(e).translate(_SUPERSCRIPT) for e in exponents]


def grad_norm_svg(steps, grad_norms, *, width=320, height=140):
    """The size of each layer's gradient over training: ``grad_norms`` holds one tuple per step, the
    norms ‖∂L/∂W_k‖ (the square root of the sum of the squares of the entries) of W1 ... WL, drawn as
    one line per layer (colours in the legend) against ``steps`` on a logarithmic y axis (values below
    1e-12 drawn at 1e-12; NaN and inf left out). Over more than 400 steps, each of the 400 points of a line
    is the mean of log10 over its stretch of steps (a geometric mean: it smooths the noise of single
    mini-batches, and the cost of a picture grows only with one pass over the numbers). ``grad_norms``
    may be an array of shape (steps, L): the widget keeps one, so a long run is not converted each frame.

    Not in the book; notebook 13.
    """
    steps = np.asarray(steps, dtype=np.float64).reshape(-1)
    try:
        norms = np.asarray(grad_norms, dtype=np.float64) if len(grad_norms) else np.empty((0, 1))
        shape = norms.shape
    except ValueError:  # (tuples of different lengths)
        norms, shape = np.empty(0), "tuples of different lengths"
    if norms.ndim != 2 or len(norms) != len(steps):
        raise ValueError(
            f"grad_norms must hold one tuple of L norms per step, shape ({len(steps)}, L), got {shape}"
        )
    chart = _svg.Chart(width, height, float(steps.max()) if len(steps) else 0.0, "‖∂L/∂W‖")
    logs = np.log10(np.clip(norms, 1e-12, None))  # (NaN stays NaN, inf stays inf)
    finite = logs[np.isfinite(logs)]
    lo = int(np.floor(finite.min())) if finite.size else -2
    hi = max(int(np.ceil(finite.max())) if finite.size else 0, lo + 1)
    every = -(-(hi - lo) // 4)  # at most 5 labels, the top one at the top
    hi = lo + every * -(-(hi - lo) // every)
    exponents = list(range(lo, hi + 1, every))
    ticks = [((e - lo) / (hi - lo), label) for e, label in zip(exponents, _power_labels(exponents))]
    legend = [(_LAYER_COLORS[k % len(_LAYER_COLORS)], "", f"W{k + 1}") for k in range(norms.shape[1])]
    if len(steps) == 0:
        return chart.empty(ticks, [(_LAYER_COLORS[0], "", "W1")])
    if len(steps) > _svg.MAX_POINTS:  # the mean of each stretch of steps (NaN in it: a gap)
        starts = np.linspace(0, len(steps), _svg.MAX_POINTS + 1).astype(np.intp)[:-1]
        counts = np.diff(np.append(starts, len(steps)))
        with np.errstate(invalid="ignore"):
            logs = np.add.reduceat(logs, starts, axis=0) / counts[:, None]
        steps = np.add.reduceat(steps, starts) / counts
    body = [chart.axes(ticks)]
    for k, (color, _, name) in enumerate(legend):
        body.append(chart.curve(steps, (logs[:, k] - lo) / (hi - lo), name, color, width=1.2))
    body.append(chart.legend(legend))
    return svg(chart.width, chart.height, "".join(body), f"gradient norms after {steps[-1]:.0f} steps")


# --- the network ----------------------------------------------------------------------------------


def _node_ranges(layer: np.ndarray) -> np.ndarray:
    """Each map's largest |value| (1 where there is none), for a colour range symmetric around 0."""
    top = np.where(np.isfinite(layer), np.abs(layer), 0.0).max(axis=(1, 2))
    return np.where(top > 0, top, 1.0)


def _edge_weights(maps, weights) -> list:
    """The weights of the edges between consecutive columns, checked: W_k (n_{k-1}, n_k); into the one
    output node (P(class 1) = sigmoid(z_1 - z_0)) the last W's difference of columns 1 and 0."""
    if len(weights) != len(maps) - 1:
        raise ValueError(
            f"weights must hold one matrix per pair of consecutive columns ({len(maps) - 1}), got {len(weights)}"
        )
    out = []
    for k, w in enumerate(weights):
        w = np.asarray(w, dtype=np.float64)
        n_in, n_out = len(maps[k]), len(maps[k + 1])
        if k == len(weights) - 1 and n_out == 1 and w.shape == (n_in, 2):
            w = w[:, 1:] - w[:, :1]
        if w.shape != (n_in, n_out):
            raise ValueError(
                f"weights[{k}] (W{k + 1}) must have shape ({n_in}, {n_out}) to join columns of "
                f"{n_in} and {n_out} nodes, got {w.shape}"
            )
        out.append(w)
    return out


_EDGE = (
    '<path d="M{:.1f} {:.1f}C{:.1f} {:.1f} {:.1f} {:.1f} {:.1f} {:.1f}" stroke="{}" stroke-width="{:.2f}" '
    'stroke-opacity="{:.2f}"/>'
)


def _edges(edges, xs, ys, node: float) -> str:
    """A curve per weight from the right of node i to the left of node j of the next column, blue for
    w >= 0, orange below, 1.2·|w| px wide (0.5 ... 6), paler when small; sorted by |w|, so that the strong
    ones are drawn over the faint ones."""
    rows = []
    for k, w in enumerate(edges):
        i, j = np.divmod(np.arange(w.size), w.shape[1])
        x0, x1 = xs[k] + node, xs[k + 1]
        rows.append(
            np.column_stack([np.full(w.size, x0), ys[k][i], ys[k + 1][j], np.full(w.size, x1), w.ravel()])
        )
    x0, y0, y1, x1, w = np.concatenate(rows)[
        np.argsort(np.abs(np.concatenate([e.ravel() for e in edges])), kind="stable")
    ].T
    y0, y1, xm = y0 + node / 2, y1 + node / 2, (x0 + x1) / 2
    strength = np.abs(np.nan_to_num(w, nan=0.0))
    columns = [x0, y0, xm, y0, xm, y1, x1, y1]
    flat = np.column_stack([c.round(1) for c in columns]).astype(object)
    flat = np.column_stack(
        [
            flat,
            np.where(w >= 0, BLUE, np.where(w < 0, ORANGE, _svg.GREY)),
            np.clip(_EDGE_PX * strength, 0.5, 6.0),
            np.clip(0.2 + 0.6 * strength, 0.2, 0.8),
        ]
    )
    return f'<g class="edges" fill="none">{(_EDGE * len(w)).format(*flat.ravel().tolist())}</g>'


def _nodes(maps, labels, xs, ys, node: float) -> str:
    """Each node's map as a picture (inputs and hidden neurons on ±their largest |value|, the output on
    0 ... 1), framed, named in a tooltip; the inputs' labels on their left; a header over each column."""
    parts = []
    last = len(maps) - 1
    for k, m in enumerate(maps):
        if k == last:
            colors = _svg.colormap(m[:, ::-1], 0.0, 1.0)
            head, names = ("output", "P(class 1)"), ["output: P(class 1)"]
        else:
            colors = _svg.colormap(m[:, ::-1] / _node_ranges(m)[:, None, None], -1.0, 1.0)
            head = (
                ("inputs", f"{len(m)} features")
                if k == 0
                else (f"layer {k}", f"{len(m)} neuron{'s' * (len(m) > 1)}")
            )
            names = labels if k == 0 else [f"layer {k}, neuron {n + 1}" for n in range(len(m))]
        for n, name in enumerate(names):
            x, y = xs[k], ys[k][n]
            box = f'x="{x:.1f}" y="{y:.1f}" width="{node:.1f}" height="{node:.1f}"'
            parts.append(
                f'<image {box} href="{_svg.png_data_uri(colors[n], 1)}" preserveAspectRatio="none" '
                f'style="image-rendering:auto"><title>{_svg.esc(name)}</title></image><rect {box} fill="none" stroke="#bbb"/>'
            )
            if k == 0:
                parts.append(text(x - 6, y + node / 2 + 4, name, "end"))
        cx = xs[k] + node / 2
        parts.append(
            text(cx, 16, head[0], "middle", INK, ' font-weight="bold"')
            + text(cx, 31, head[1], "middle", MUTED)
        )
    return "".join(parts)


def network_svg(maps, weights, *, labels, activation_label, selected=None, node=36, width=None):
    """The network as TensorFlow Playground draws it: a column per layer (the input features, each hidden
    layer, the output), each node a small map of its value over RANGE² (``maps``: a list per column of
    (n_k, res, res) arrays, rows from the bottom up, as ``Playground.neuron_maps``) in orange (negative)
    through white (0) to blue (positive), each input and hidden node on its own range (±its largest
    |value|), the output P(class 1) on 0 ... 1; between columns, a line per weight (``weights``: W_k of
    shape (n_{k-1}, n_k); into the one output node, W_L[:, 1] − W_L[:, 0], since P(class 1) =
    sigmoid(z₁ − z₀)), blue for w > 0 and orange for w < 0 (grey NaN), 1.2·|w| px wide (0.5 ... 6) and
    paler when small. ``labels`` name the inputs, ``activation_label`` the hidden layers' activation;
    ``selected`` = (column, node) is outlined (indices as in ``maps``: column 0 the inputs, -1 the
    output). Nodes shrink from ``node`` px so that 16 fit in 460 px; ``width``: the picture's (default:
    what the columns need).

    Not in the book; notebook 13.
    """
    maps = [np.asarray(m, dtype=np.float64) for m in maps]
    if len(maps) < 2 or any(m.ndim != 3 or m.shape[1:] != maps[0].shape[1:] or len(m) == 0 for m in maps):
        raise ValueError(
            f"maps must be a list of at least 2 columns of node maps (n_k, res, res), "
            f"got shapes {[m.shape for m in maps]}"
        )
    labels = [str(label) for label in labels]
    if len(labels) != len(maps[0]):
        raise ValueError(f"labels must name the {len(maps[0])} inputs, got {len(labels)}: {labels}")
    edges = _edge_weights(maps, weights)
    sizes, ncol = [len(m) for m in maps], len(maps)
    tallest = max(sizes)
    node = float(min(node, 460.0 / (tallest + 0.25 * (tallest - 1))))
    gap, left, top = node / 4, max(34.0, 12 + 6.5 * max(len(label) for label in labels)), 44.0
    if width is None:
        width = max(left + ncol * node + (ncol - 1) * (104.0 if ncol <= 4 else 84.0) + 34, left + 340)
    span = max(24.0, (float(width) - left - 34 - ncol * node) / (ncol - 1))
    area = tallest * node + (tallest - 1) * gap
    xs = [left + k * (node + span) for k in range(ncol)]
    ys = [top + (area - n * node - (n - 1) * gap) / 2 + np.arange(n) * (node + gap) for n in sizes]
    parts = [_edges(edges, xs, ys, node), _nodes(maps, labels, xs, ys, node)]
    if selected is not None:
        k, n = (int(v) for v in selected)
        if not -ncol <= k < ncol or not -sizes[k] <= n < sizes[k]:
            raise ValueError(
                f"selected must be (column, node) of a node, columns of {sizes} nodes, got {selected}"
            )
        parts.append(
            f'<rect class="selected" x="{xs[k] - 3:.1f}" y="{ys[k][n] - 3:.1f}" width="{node + 6:.1f}" '
            f'height="{node + 6:.1f}" fill="none" stroke="#111" stroke-width="3" rx="2"/>'
        )
    y = top + area + 22
    note = f"hidden layers: {activation_label}" if ncol > 2 else "no hidden layer"
    parts.append(text(left, y, note))
    x, y = left, y + 18
    for color, name in ((BLUE, "weight > 0"), (ORANGE, "weight < 0")):
        parts.append(
            f'<path d="M{x:.1f} {y - 4:.1f}h18" stroke="{color}" stroke-width="3"/>' + text(x + 22, y, name)
        )
        x += 96
    parts.append(text(x, y, "thicker: larger |weight|", "start", MUTED))
    return svg(width, y + 10, "".join(parts), "the network")


def neuron_svg(values, *, title, size=200, lo=None, hi=None):
    """One neuron's value over RANGE², enlarged: ``values`` (res, res), rows from the bottom up, in
    colour from orange (``lo``) through white to blue (``hi``; default ±the largest |value|), with
    ``title`` above and its smallest and largest value written below. ``size``: the picture's width.

    Not in the book; notebook 13.
    """
    v = np.asarray(values, dtype=np.float64)
    if v.ndim != 2 or v.shape[0] != v.shape[1] or v.shape[0] < 2:
        raise ValueError(f"values must be a square map (res, res) with res >= 2, got shape {v.shape}")
    finite = v[np.isfinite(v)]
    top = float(np.abs(finite).max()) if finite.size else 0.0
    top = top if top > 0 else 1.0
    lo = -top if lo is None else float(lo)
    hi = top if hi is None else float(hi)
    x0, y0, side = 26.0, 24.0, float(size) - 32.0
    parts = [
        text(size / 2, 15, title, "middle", INK, ' font-size="12" font-weight="bold"'),
        _svg.plane(x0, y0, side, _svg.map_data_uri(v, lo, hi), len(v), RANGE),
    ]
    y = y0 + side + 32
    if finite.size:
        parts.append(text(x0, y, f"min {number(finite.min())}   max {number(finite.max())}"))
    if finite.size < v.size:
        parts.append(text(x0 + side, y, "NaN: grey", "end", MUTED))
    parts.append(_svg.colorbar(x0 + 38, y + 16, side - 78, number(lo), number(hi)))
    return svg(size, y + 26, "".join(parts), title)
