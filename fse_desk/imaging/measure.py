"""Measurements on one image: length, angle, and elliptical ROI statistics.

Points are ``(x, y)`` in pixel coordinates (column, row). A length needs a
pixel spacing: without one it is refused (:class:`MeasurementUnavailable`);
with only the detector's spacing (Imager Pixel Spacing) it is given but
flagged, because the patient is magnified on a projection radiograph.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from fse_desk.errors import MeasurementUnavailable
from fse_desk.imaging.decode import Spacing, SpacingKind

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Length:
    mm: float
    detector_only: bool  # measured at the detector plane: not the patient's true size


@dataclass(frozen=True, slots=True)
class RoiStats:
    mean: float
    sd: float
    pixels: int
    area_mm2: float | None


def length(a: Point, b: Point, spacing: Spacing) -> Length:
    if spacing.kind is SpacingKind.NONE:
        raise MeasurementUnavailable(
            "the image has no Pixel Spacing nor Imager Pixel Spacing: a length in mm would be"
            " a guess",
            reason="no_spacing",
        )
    dx = (b[0] - a[0]) * spacing.column_mm
    dy = (b[1] - a[1]) * spacing.row_mm
    return Length(math.hypot(dx, dy), spacing.kind is SpacingKind.DETECTOR)


def angle(vertex: Point, a: Point, b: Point, spacing: Spacing | None = None) -> float:
    """Angle at ``vertex`` between the rays to ``a`` and ``b``, in degrees (0–180)."""
    sx = spacing.column_mm if spacing and spacing.kind is not SpacingKind.NONE else 1.0
    sy = spacing.row_mm if spacing and spacing.kind is not SpacingKind.NONE else 1.0
    v1 = ((a[0] - vertex[0]) * sx, (a[1] - vertex[1]) * sy)
    v2 = ((b[0] - vertex[0]) * sx, (b[1] - vertex[1]) * sy)
    n1, n2 = math.hypot(*v1), math.hypot(*v2)
    if n1 == 0 or n2 == 0:
        raise MeasurementUnavailable(
            "an angle needs two arms of non-zero length", reason="degenerate"
        )
    cos = max(-1.0, min(1.0, (v1[0] * v2[0] + v1[1] * v2[1]) / (n1 * n2)))
    return math.degrees(math.acos(cos))


def ellipse_stats(
    frame: np.ndarray, x: float, y: float, width: float, height: float, spacing: Spacing
) -> RoiStats:
    """Mean and SD inside the ellipse inscribed in the box at (x, y) of ``width``×``height``."""
    if frame.ndim != 2:
        raise MeasurementUnavailable(
            "ROI statistics are computed on grey images only", reason="colour"
        )
    rows, cols = frame.shape
    cx, cy, rx, ry = x + width / 2.0, y + height / 2.0, width / 2.0, height / 2.0
    if rx <= 0 or ry <= 0:
        raise MeasurementUnavailable("the ellipse is empty", reason="degenerate")
    x0, x1 = max(0, math.floor(x)), min(cols, math.ceil(x + width))
    y0, y1 = max(0, math.floor(y)), min(rows, math.ceil(y + height))
    if x1 <= x0 or y1 <= y0:
        raise MeasurementUnavailable("the ellipse lies outside the image", reason="outside")
    yy, xx = np.mgrid[y0:y1, x0:x1]
    inside = ((xx + 0.5 - cx) / rx) ** 2 + ((yy + 0.5 - cy) / ry) ** 2 <= 1.0
    values = frame[y0:y1, x0:x1][inside].astype(np.float64)
    if values.size == 0:
        raise MeasurementUnavailable("the ellipse holds no pixel", reason="degenerate")
    area = None
    if spacing.kind is not SpacingKind.NONE:
        area = math.pi * rx * ry * spacing.column_mm * spacing.row_mm
    return RoiStats(float(values.mean()), float(values.std()), int(values.size), area)
