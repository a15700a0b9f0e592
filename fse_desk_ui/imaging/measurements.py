"""Measurement graphics on the image: length, angle and elliptical ROI, each removable.

The numbers come from :mod:`fse_desk.imaging.measure`; this module only draws
handles and labels. Graphics are children of the ImageItem, so their
coordinates are image pixels whatever the zoom, rotation or flip.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF

from fse_desk.errors import MeasurementUnavailable
from fse_desk.imaging import measure
from fse_desk.imaging.decode import ImageInfo
from fse_desk_ui.formatting import format_decimal

_PEN = pg.mkPen((255, 210, 0), width=2)


@dataclass
class Measurement:
    kind: str  # "length", "angle", "ellipse"
    index: int  # the stack entry it was drawn on
    roi: pg.ROI
    label: pg.TextItem
    text: str = ""
    extra: list[object] = field(default_factory=list)


def make_length(parent: pg.ImageItem, a: QPointF, b: QPointF, index: int) -> Measurement:
    roi = pg.LineSegmentROI([a, b], pen=_PEN, parent=parent)
    return _finish(parent, "length", roi, index)


def make_angle(parent: pg.ImageItem, points: list[QPointF], index: int) -> Measurement:
    roi = pg.PolyLineROI(points, closed=False, pen=_PEN, parent=parent, movable=False)
    return _finish(parent, "angle", roi, index)


def make_ellipse(parent: pg.ImageItem, a: QPointF, b: QPointF, index: int) -> Measurement:
    x, y = min(a.x(), b.x()), min(a.y(), b.y())
    w, h = max(abs(b.x() - a.x()), 2.0), max(abs(b.y() - a.y()), 2.0)
    roi = pg.EllipseROI([x, y], [w, h], pen=_PEN, parent=parent)
    return _finish(parent, "ellipse", roi, index)


def _finish(parent: pg.ImageItem, kind: str, roi: pg.ROI, index: int) -> Measurement:
    label = pg.TextItem(color=(255, 210, 0), anchor=(0, 1), fill=pg.mkBrush(0, 0, 0, 160))
    label.setParentItem(parent)
    return Measurement(kind, index, roi, label)


def update_text(m: Measurement, info: ImageInfo, frame: np.ndarray) -> None:
    """Recompute the measurement's number after its handles moved."""
    try:
        if m.kind == "length":
            handles = m.roi.getSceneHandlePositions()
            p = [m.roi.parentItem().mapFromScene(pos) for _name, pos in handles]
            value = measure.length((p[0].x(), p[0].y()), (p[1].x(), p[1].y()), info.spacing)
            m.text = f"{format_decimal(value.mm, 1)} mm"
            if value.detector_only:
                m.text += " " + QCoreApplication.translate(
                    "Measurements", "(at the detector, not corrected for magnification)"
                )
            anchor = p[1]
        elif m.kind == "angle":
            handles = m.roi.getSceneHandlePositions()
            p = [m.roi.parentItem().mapFromScene(pos) for _name, pos in handles]
            if len(p) < 3:
                raise MeasurementUnavailable("an angle needs three points", reason="degenerate")
            degrees = measure.angle(
                (p[1].x(), p[1].y()), (p[0].x(), p[0].y()), (p[2].x(), p[2].y()), info.spacing
            )
            m.text = f"{format_decimal(degrees, 1)}°"
            anchor = p[1]
        else:
            pos, size = m.roi.pos(), m.roi.size()
            stats = measure.ellipse_stats(frame, pos.x(), pos.y(), size.x(), size.y(), info.spacing)
            unit = f" {info.units}" if info.units else ""
            m.text = QCoreApplication.translate(
                "Measurements", "mean {mean}{unit}, SD {sd}{unit}"
            ).format(mean=format_decimal(stats.mean, 1), sd=format_decimal(stats.sd, 1), unit=unit)
            if stats.area_mm2 is not None:
                m.text += f", {format_decimal(stats.area_mm2 / 100.0, 2)} cm²"
            anchor = QPointF(pos.x(), pos.y())
    except MeasurementUnavailable as exc:
        m.text = refusal_text(exc)
        anchor = m.roi.pos()
    m.label.setText(m.text)
    m.label.setPos(anchor)


def refusal_text(exc: MeasurementUnavailable) -> str:
    return {
        "no_spacing": QCoreApplication.translate(
            "Measurements",
            "No length: the image does not say how large a pixel is (no Pixel Spacing).",
        ),
        "colour": QCoreApplication.translate(
            "Measurements", "Mean and SD are computed on grey-scale images only."
        ),
        "outside": QCoreApplication.translate("Measurements", "The ellipse is outside the image."),
    }.get(
        exc.reason,
        QCoreApplication.translate("Measurements", "This measurement cannot be made here."),
    )


def remove(m: Measurement) -> None:
    for item in (m.roi, m.label):
        scene = item.scene()
        item.setParentItem(None)
        if scene is not None:
            scene.removeItem(item)
