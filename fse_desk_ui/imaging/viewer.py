"""One viewport: a series stack with scrolling, cine, window/level, zoom, overlays, measures."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPixmap, QResizeEvent, QTransform
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from fse_desk.imaging.decode import ImageInfo
from fse_desk.imaging.stack import ImageStack
from fse_desk.imaging.voi import (
    CT_PRESETS,
    VoiFunction,
    VoiLut,
    Window,
    colour_levels,
    window_from_pixels,
)
from fse_desk_ui.formatting import format_date, format_decimal
from fse_desk_ui.imaging import measurements
from fse_desk_ui.imaging.viewport import ViewerBox


class ImageViewer(QWidget):
    """Shows one :class:`ImageStack`; ``slice_changed(index)`` after each scroll."""

    slice_changed = Signal(int)
    activated = Signal()
    measurement_refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.stack: ImageStack | None = None
        self.index = 0
        self.voi_window: Window | None = None
        self._file_curve = True  # show the file's VOI LUT Data until the user sets a window
        self._curve_shown = False  # the pixels on screen went through a curve
        self.invert = False
        self.tool: str | None = None
        self.measurements: list[measurements.Measurement] = []
        self._pending: list[QPointF] = []
        self._rotation = 0
        self._flip_h = False
        self._flip_v = False
        self._info: ImageInfo | None = None
        self._frame: np.ndarray | None = None

        self.graphics = pg.GraphicsView(background="k")
        self.box = ViewerBox()
        self.graphics.setCentralItem(self.box)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setAutoDownsample(True)
        self.box.addItem(self.image)
        self.box.on_scroll = self.step_slice
        self.box.on_window_drag = self._on_window_drag
        self.box.on_tool_click = self._on_tool_click
        self.box.on_pressed = self.activated.emit

        self.frame = QFrame()
        self.frame.setObjectName("viewportFrame")
        grid = QGridLayout(self.frame)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.graphics, 0, 0, 3, 3)
        self.overlay_labels: dict[str, QLabel] = {}
        corners = {
            "tl": (0, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft),
            "tr": (0, 2, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight),
            "bl": (2, 0, Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignLeft),
            "br": (2, 2, Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignRight),
            "lossy": (0, 1, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter),
        }
        for name, (row, col, align) in corners.items():
            label = QLabel()
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            # Overlay text never widens the viewer (nor the window): on a narrow screen a
            # long study description is cut at the viewer's edge.
            label.setMinimumWidth(1)
            label.setStyleSheet(
                "color: #f0f0a0; background: transparent; padding: 4px;"
                if name != "lossy"
                else "color: white; background: #b00020; padding: 3px 8px; font-weight: bold;"
            )
            grid.addWidget(label, row, col, align)
            self.overlay_labels[name] = label
        # The study's lines wrap rather than squeeze the patient's: on a narrow viewer the
        # left corners (name, codice fiscale, birth date; the image counter) stay whole.
        study = self.overlay_labels["tr"]
        study.setWordWrap(True)
        study.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        study.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        grid.setColumnStretch(2, 1)  # the room the left corners leave goes to the study
        self.overlay_labels["lossy"].hide()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setEnabled(False)
        self.slider.valueChanged.connect(self.show_index)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.frame, 1)
        layout.addWidget(self.slider)

        self.cine_timer = QTimer(self)
        self.cine_timer.timeout.connect(lambda: self.step_slice(1, wrap=True))
        self.fps = 25.0

    # -- content -------------------------------------------------------------------------
    def set_stack(self, stack: ImageStack | None) -> None:
        self.stop_cine()
        self.clear_measurements()
        self.stack = stack
        self.index = 0
        self.voi_window = None
        self._info = None
        self.invert = False
        self.refresh_count()
        if stack is not None and len(stack):
            self.show_index(0)
            self.fit()
        else:
            self.image.clear()
            self._update_overlays()

    def refresh_count(self) -> None:
        """The stack grew (a series still arriving): extend the slider, show the first image."""
        count = len(self.stack) if self.stack is not None else 0
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(count - 1, 0))
        self.slider.setValue(min(self.index, max(count - 1, 0)))
        self.slider.setEnabled(count > 1)
        self.slider.blockSignals(False)
        if count and self._info is None:
            self.show_index(0)
            self.fit()
        else:
            self._update_overlays()

    @property
    def count(self) -> int:
        return len(self.stack) if self.stack is not None else 0

    @property
    def info(self) -> ImageInfo | None:
        return self._info

    @property
    def current_frame(self) -> np.ndarray | None:
        return self._frame

    def show_index(self, index: int) -> None:
        if self.stack is None or not len(self.stack):
            return
        index = max(0, min(index, len(self.stack) - 1))
        info = self.stack.info(index)
        frame = self.stack.frame(index)
        first = self._info is None
        self.index, self._info, self._frame = index, info, frame
        if first:
            self.invert = info.invert_default
        if first:
            self._file_curve = True
        if not info.colour and self.voi_window is None:
            self.voi_window = info.window or window_from_pixels(frame)
        self._render()
        if self.slider.value() != index:
            self.slider.blockSignals(True)
            self.slider.setValue(index)
            self.slider.blockSignals(False)
        for m in self.measurements:
            m.roi.setVisible(m.index == index)
            m.label.setVisible(m.index == index)
        self._update_overlays()
        self.slice_changed.emit(index)

    def step_slice(self, step: int, *, wrap: bool = False) -> None:
        if not self.count:
            return
        target = self.index + step
        if wrap:
            target %= self.count
        self.show_index(target)

    def _render(self) -> None:
        """Put the current frame on screen. Grey frames with a linear window keep pyqtgraph's
        fast path (levels only); a curve the file asks for (VOI LUT Data, SIGMOID) is applied
        to the pixels, until the user sets a window of their own."""
        info, frame = self._info, self._frame
        if info is None or frame is None:
            return
        if info.colour:
            self.image.setImage(frame, autoLevels=False, levels=colour_levels(info.bits_stored))
            return
        assert self.voi_window is not None
        curve: Window | VoiLut | None = None
        if self._file_curve and info.voi_lut is not None:
            curve = info.voi_lut
        elif self._curved_window:
            curve = self.voi_window
        self._curve_shown = curve is not None
        if curve is None:
            self.image.setImage(frame, autoLevels=False, levels=self._levels())
        else:
            levels = (1.0, 0.0) if self.invert else (0.0, 1.0)
            self.image.setImage(curve.curve(frame), autoLevels=False, levels=levels)

    @property
    def shows_file_curve(self) -> bool:
        """The file's VOI LUT Data is what the image shows (no window of the user's yet)."""
        return self._file_curve and self._info is not None and self._info.voi_lut is not None

    # -- window/level ------------------------------------------------------------------
    def _levels(self) -> tuple[float, float]:
        """The window as ImageItem levels; inverted grey swaps them (no lookup table, so the
        fast grey path of pyqtgraph is kept while scrolling)."""
        assert self.voi_window is not None
        lo, hi = self.voi_window.bounds
        return (hi, lo) if self.invert else (lo, hi)

    def set_window(self, window: Window, *, file_curve: bool = False) -> None:
        """Show ``window``; ``file_curve`` keeps the file's VOI LUT in front (reset)."""
        self.voi_window = window
        self._file_curve = file_curve
        if self._info is not None and not self._info.colour:
            if self._curve_shown or self.shows_file_curve or self._curved_window:
                self._render()
            else:
                self.image.setLevels(self._levels())  # linear before and after: levels only
        self._update_overlays()

    @property
    def _curved_window(self) -> bool:
        return self.voi_window is not None and self.voi_window.function is not VoiFunction.LINEAR

    def reset_window(self) -> None:
        if self._info is not None and self._frame is not None:
            window = self._info.window or window_from_pixels(self._frame)
            self.set_window(window, file_curve=True)

    def apply_preset(self, name: str) -> None:
        self.set_window(CT_PRESETS[name])

    def set_invert(self, invert: bool) -> None:
        self.invert = invert
        if self._info is not None and not self._info.colour and self.voi_window is not None:
            self._render()

    def _on_window_drag(self, dx: float, dy: float) -> None:
        if self.voi_window is None or self._info is None or self._info.colour:
            return
        scale = max(self.voi_window.width / 300.0, 0.5)
        self.set_window(self.voi_window.dragged(dx, dy, scale))

    # -- geometry ------------------------------------------------------------------------
    def fit(self) -> None:
        self.box.autoRange(padding=0.0)
        self._update_overlays()

    def one_to_one(self) -> None:
        """One image pixel per screen pixel, centred on the current view."""
        rect = self.box.viewRect()
        width = max(self.box.width(), 1.0)
        height = max(self.box.height(), 1.0)
        centre = rect.center()
        self.box.setRange(
            xRange=(centre.x() - width / 2, centre.x() + width / 2),
            yRange=(centre.y() - height / 2, centre.y() + height / 2),
            padding=0,
        )
        self._update_overlays()

    def rotate(self, degrees: int = 90) -> None:
        self._rotation = (self._rotation + degrees) % 360
        self._apply_transform()

    def flip(self, horizontal: bool = True) -> None:
        if horizontal:
            self._flip_h = not self._flip_h
        else:
            self._flip_v = not self._flip_v
        self._apply_transform()

    def _apply_transform(self) -> None:
        if self._info is None:
            return
        w, h = self._info.columns, self._info.rows
        t = QTransform()
        t.translate(w / 2, h / 2)
        t.rotate(self._rotation)
        t.scale(-1 if self._flip_h else 1, -1 if self._flip_v else 1)
        t.translate(-w / 2, -h / 2)
        self.image.setTransform(t)
        self.fit()

    def zoom_factor(self) -> float:
        if self._info is None:
            return 1.0
        rect = self.box.viewRect()
        return self.box.width() / max(rect.width(), 1e-6)

    # -- cine ------------------------------------------------------------------------------
    def play_cine(self, fps: float | None = None) -> None:
        if fps:
            self.fps = fps
        elif self._info is not None and self._info.frame_time_ms:
            self.fps = 1000.0 / self._info.frame_time_ms
        if self.count > 1:
            self.cine_timer.start(max(1, int(1000 / max(self.fps, 1.0))))

    def set_fps(self, fps: float) -> None:
        self.fps = fps
        if self.cine_timer.isActive():
            self.cine_timer.start(max(1, int(1000 / max(fps, 1.0))))

    def stop_cine(self) -> None:
        self.cine_timer.stop()

    # -- measurements ------------------------------------------------------------------
    def set_tool(self, tool: str | None) -> None:
        self.tool = tool
        self._pending = []

    def _on_tool_click(self, scene_pos: QPointF) -> bool:
        if self.tool is None or self._info is None:
            return False
        self._pending.append(self.image.mapFromScene(scene_pos))
        needed = 3 if self.tool == "angle" else 2
        if len(self._pending) >= needed:
            self.add_measurement(self.tool, list(self._pending))
            self._pending = []
        return True

    def add_measurement(self, kind: str, points: list[QPointF]) -> measurements.Measurement:
        """Add a measurement from image-pixel points (2 for length/ellipse, 3 for angle)."""
        if kind == "length":
            m = measurements.make_length(self.image, points[0], points[1], self.index)
        elif kind == "angle":
            m = measurements.make_angle(self.image, points[:3], self.index)
        else:
            m = measurements.make_ellipse(self.image, points[0], points[1], self.index)
        self.measurements.append(m)
        m.roi.sigRegionChanged.connect(lambda _roi, m=m: self._remeasure(m))
        self._remeasure(m)
        if kind == "length" and self._info is not None and not self._info.spacing.row_mm:
            self.measurement_refused.emit(m.text)
        return m

    def _remeasure(self, m: measurements.Measurement) -> None:
        if self._info is not None and self._frame is not None:
            measurements.update_text(m, self._info, self._frame)

    def remove_measurement(self, m: measurements.Measurement) -> None:
        measurements.remove(m)
        self.measurements.remove(m)

    def clear_measurements(self) -> None:
        for m in list(self.measurements):
            self.remove_measurement(m)

    # -- overlays and export ----------------------------------------------------------
    def set_overlays_visible(self, visible: bool) -> None:
        for name, label in self.overlay_labels.items():
            label.setVisible(visible and (name != "lossy" or bool(self._info and self._info.lossy)))

    def grab_view(self, *, overlays: bool) -> QPixmap:
        """The current view as a picture, with or without the overlay text."""
        visible = {n: lbl.isVisible() for n, lbl in self.overlay_labels.items()}
        if not overlays:
            for label in self.overlay_labels.values():
                label.hide()
        try:
            return self.frame.grab()
        finally:
            for name, label in self.overlay_labels.items():
                label.setVisible(visible[name])

    def _update_overlays(self) -> None:
        info = self._info
        labels = self.overlay_labels
        if info is None:
            for label in labels.values():
                label.setText("")
            labels["lossy"].hide()
            return
        birth = format_date(info.patient_birth_date) if info.patient_birth_date else ""
        _set_text(
            labels["tl"],
            "\n".join(
                x
                for x in (info.patient_name, info.patient_id, f"{birth} {info.patient_sex}".strip())
                if x
            ),
        )
        study_date = format_date(info.study_date) if info.study_date else ""
        series_word = self.tr("Series")
        series = f"{series_word} {info.series_number or ''} {info.series_description}"
        _set_text(
            labels["tr"],
            "\n".join(
                x for x in (study_date, info.study_description, series.strip(), info.modality) if x
            ),
        )
        lines = [self.tr("Image {n} of {total}").format(n=self.index + 1, total=self.count)]
        if info.frames > 1 and self.stack is not None:
            lines.append(self.tr("Frame {n}").format(n=self.stack.frame_number(self.index) + 1))
        if info.slice_location is not None:
            lines.append(
                self.tr("Position {mm} mm").format(mm=format_decimal(info.slice_location, 1))
            )
        if self.voi_window is not None and not info.colour:
            unit = f" {info.units}" if info.units else ""
            lines.append(
                self.tr("W {w} L {c}{unit}").format(
                    w=format_decimal(self.voi_window.width, 0),
                    c=format_decimal(self.voi_window.center, 0),
                    unit=unit,
                )
            )
        _set_text(labels["bl"], "\n".join(lines))
        _set_text(
            labels["br"], self.tr("Zoom {z}%").format(z=format_decimal(self.zoom_factor() * 100, 0))
        )
        _set_text(labels["lossy"], self.tr("LOSSY COMPRESSION: not for diagnosis"))
        if labels["lossy"].isVisible() != info.lossy:
            labels["lossy"].setVisible(info.lossy)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_overlays()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_PageDown):
            self.step_slice(1)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Left, Qt.Key.Key_PageUp):
            self.step_slice(-1)
        elif key == Qt.Key.Key_Home:
            self.show_index(0)
        elif key == Qt.Key.Key_End:
            self.show_index(self.count - 1)
        elif key == Qt.Key.Key_Escape:
            self.set_tool(None)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.activated.emit()
        super().mousePressEvent(event)


def _set_text(label: QLabel, text: str) -> None:
    """Only a changed text costs a relayout (scrolling changes one corner)."""
    if label.text() != text:
        label.setText(text)
