"""What every layer of :mod:`nbhelpers.layers` checks in its backward pass: that forward ran first, and that
``dout`` has one derivative per output value. Private: shared by layers.py and _mode_layers.py."""

from __future__ import annotations

import numpy as np

from ._arrays import as_float_array

__all__ = ["need_forward", "checked_dout", "parameter_array"]


def need_forward(layer, saved) -> None:
    """An error unless forward has run (``saved``, what forward remembered, is not None)."""
    if saved is None:
        raise RuntimeError(
            f"{type(layer).__name__}.backward: call forward first: backward uses what forward remembered"
        )


def checked_dout(dout, shape: tuple, who: str) -> np.ndarray:
    """``dout`` as a float array of the forward output's ``shape`` (one derivative per output value)."""
    dout = as_float_array(dout, "dout")
    if dout.shape != shape:
        raise ValueError(
            f"{who}.backward: dout must have the shape of forward's output, {shape} (one derivative per "
            f"output value); got dout of shape {dout.shape}"
        )
    return dout


def parameter_array(value, name: str, ndim: int, who: str) -> np.ndarray:
    """``value`` itself if it is a NumPy float array of ``ndim`` dimensions (a layer keeps a reference to the
    parameter, which an optimizer changes in place), else an error naming ``who`` and ``name``."""
    if not isinstance(value, np.ndarray) or value.dtype.kind != "f" or value.ndim != ndim:
        what = (
            f"array of shape {value.shape}, dtype {value.dtype}"
            if isinstance(value, np.ndarray)
            else type(value).__name__
        )
        raise TypeError(
            f"{who}: {name} must be a {ndim}-D NumPy float array (a parameter the optimizer changes in place), "
            f"got {what}"
        )
    return value
