"""Window/level: the file's own VOI, CT presets, and the display mapping.

A window is a centre and a width in modality units (HU on CT). The display
maps the DICOM linear function (PS3.3 C.11.2.1.2): values up to
``c - 0.5 - (w - 1) / 2`` are black, values from ``c - 0.5 + (w - 1) / 2`` white.
A file may ask for a curve instead (C.11.2.1.3): the SIGMOID function of its
window, or a VOI LUT whose LUT Data maps each stored value to a grey; both are
applied as the file says, to display values in [0, 1].
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

import numpy as np
from pydicom.dataset import Dataset


class VoiFunction(enum.Enum):
    """VOI LUT Function (0028,1056)."""

    LINEAR = "LINEAR"
    LINEAR_EXACT = "LINEAR_EXACT"
    SIGMOID = "SIGMOID"


@dataclass(frozen=True, slots=True)
class Window:
    center: float
    width: float
    function: VoiFunction = VoiFunction.LINEAR

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
        return Window(self.center + dy * scale, max(1.0, self.width + dx * scale), self.function)

    def curve(self, frame: np.ndarray) -> np.ndarray:
        """Display values in [0, 1] of ``frame`` through this window's function."""
        x = frame.astype(np.float32)
        out: np.ndarray
        if self.function is VoiFunction.SIGMOID:  # PS3.3 C.11.2.1.3.1
            out = 1.0 / (1.0 + np.exp(-4.0 * (x - np.float32(self.center)) / self.width))
        elif self.function is VoiFunction.LINEAR_EXACT:  # C.11.2.1.3.2
            lo = self.center - self.width / 2.0
            out = np.clip((x - lo) / self.width, 0.0, 1.0)
        else:
            lo, hi = self.bounds
            out = np.clip((x - lo) / max(hi - lo, 1e-6), 0.0, 1.0)
        return out


@dataclass(frozen=True, slots=True, eq=False)
class VoiLut:
    """A VOI LUT from LUT Data: stored value ``first + i`` shows as ``table[i]`` (in [0, 1]);
    values below ``first`` take the first entry, above the end the last (PS3.3 C.11.2.1.1)."""

    first: int
    table: np.ndarray

    def curve(self, frame: np.ndarray) -> np.ndarray:
        index = np.clip(frame.astype(np.int64) - self.first, 0, len(self.table) - 1)
        result: np.ndarray = self.table[index]
        return result


def voi_lut(ds: Dataset) -> VoiLut | None:
    """The first VOI LUT of the file with LUT Data, normalised to [0, 1]; None if none."""
    for item in ds.get("VOILUTSequence", []) or []:
        descriptor, data = item.get("LUTDescriptor"), item.get("LUTData")
        if descriptor is None or len(descriptor) != 3 or data is None:
            continue
        first = int(descriptor[1])
        if first >= 1 << 15 and int(ds.get("PixelRepresentation", 0) or 0) == 1:
            first -= 1 << 16  # first value mapped, signed when the pixels are
        values = np.asarray(
            data if not isinstance(data, bytes) else np.frombuffer(data, "<u2"), np.float32
        )
        entries = int(descriptor[0]) or 65536
        if values.size == 0:
            continue
        values = values[:entries]
        bits = int(descriptor[2]) or 16
        return VoiLut(first, values / float((1 << min(bits, 16)) - 1))
    return None


def colour_levels(bits_stored: int) -> tuple[float, float]:
    """Black and white of a colour image: its stored depth, so 32-bit RGB is not saturated."""
    return 0.0, float((1 << max(1, min(bits_stored, 32))) - 1)


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
        name = str(ds.get("VOILUTFunction", "LINEAR") or "LINEAR").strip().upper()
        function = VoiFunction(name) if name in VoiFunction.__members__ else VoiFunction.LINEAR
        return Window(center, width, function)
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


def to_display(frame: np.ndarray, window: Window | VoiLut, *, invert: bool = False) -> np.ndarray:
    """8-bit grey for ``frame`` under ``window`` or a VOI LUT (export, thumbnails)."""
    out = (window.curve(frame) * 255.0 + 0.5).astype(np.uint8)
    return 255 - out if invert else out


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
    frame: np.ndarray, window: Window | VoiLut | None, *, invert: bool = False, size: int = 96
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
