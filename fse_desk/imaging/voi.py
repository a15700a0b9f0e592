"""Window/level: the file's own VOI, CT presets, and the display mapping.

A window is a centre and a width in modality units (HU on CT). The display
maps the DICOM linear function (PS3.3 C.11.2.1.2): values up to
``c - 0.5 - (w - 1) / 2`` are black, values from ``c - 0.5 + (w - 1) / 2`` white.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from pydicom.dataset import Dataset


@dataclass(frozen=True, slots=True)
class Window:
    center: float
    width: float

    def __post_init__(self) -> None:
        if not self.width >= 1.0:
            object.__setattr__(self, "width", 1.0)

    @property
    def bounds(self) -> tuple[float, float]:
        """The values shown black and white (for an ImageItem's ``levels``)."""
        half = (self.width - 1.0) / 2.0
        return self.center - 0.5 - half, self.center - 0.5 + half + 1e-6

    def dragged(self, dx: float, dy: float, scale: float) -> Window:
        """Right-drag: horizontal widens/narrows, vertical moves the level (Weasis habit)."""
        return Window(self.center + dy * scale, max(1.0, self.width + dx * scale))


CT_PRESETS: dict[str, Window] = {
    "lung": Window(-600, 1500),
    "mediastinum": Window(50, 350),
    "abdomen": Window(40, 400),
    "bone": Window(400, 1800),
    "brain": Window(40, 80),
}
"""Name → window for CT, in HU."""


def default_window(ds: Dataset) -> Window | None:
    """The first window the file proposes, or one derived from its VOI LUT; None if neither."""
    center, width = _first(ds.get("WindowCenter")), _first(ds.get("WindowWidth"))
    if center is not None and width is not None and width > 0:
        return Window(center, width)
    for item in ds.get("VOILUTSequence", []) or []:
        descriptor = item.get("LUTDescriptor")
        if descriptor is not None and len(descriptor) == 3:
            entries = int(descriptor[0]) or 65536
            first = int(descriptor[1])
            # The LUT spans [first, first + entries): show that range linearly.
            return Window(first + entries / 2.0, float(entries))
    return None


def window_from_pixels(frame: np.ndarray) -> Window:
    """A window covering the 0.5–99.5 percentile of ``frame`` (no VOI in the file)."""
    sample = frame[:: max(1, frame.shape[0] // 256), :: max(1, frame.shape[1] // 256)]
    lo, hi = np.percentile(sample, [0.5, 99.5]) if sample.size else (0.0, 1.0)
    if hi <= lo:
        hi = lo + 1.0
    return Window(float(lo + hi) / 2.0 + 0.5, float(hi - lo) + 1.0)


def to_display(frame: np.ndarray, window: Window, *, invert: bool = False) -> np.ndarray:
    """8-bit grey for ``frame`` under ``window`` (export, thumbnails)."""
    lo, hi = window.bounds
    scaled = (frame.astype(np.float32) - lo) * (255.0 / max(hi - lo, 1e-6))
    out: np.ndarray = np.clip(scaled, 0, 255).astype(np.uint8)
    if invert:
        out = 255 - out
    return out


def _first(value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        if isinstance(value, (list, tuple)) or type(value).__name__ == "MultiValue":
            value = value[0]
        return float(value)
    except (TypeError, ValueError, IndexError):
        return None


def thumbnail(
    frame: np.ndarray, window: Window | None, *, invert: bool = False, size: int = 96
) -> np.ndarray:
    """A small 8-bit picture of ``frame`` (grey ``(h, w)`` or RGB ``(h, w, 3)``)."""
    step = max(1, max(frame.shape[0], frame.shape[1]) // size)
    small = frame[::step, ::step]
    if small.ndim == 3:
        if small.dtype != np.uint8:
            small = (small.astype(np.float32) / max(float(small.max()), 1.0) * 255).astype(np.uint8)
        return np.ascontiguousarray(small)
    return np.ascontiguousarray(
        to_display(small, window or window_from_pixels(small), invert=invert)
    )
