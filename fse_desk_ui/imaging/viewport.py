"""The image surface: a pyqtgraph ViewBox whose mouse does what a radiology viewer's does.

Wheel scrolls the stack (Ctrl+wheel zooms), right-drag changes window/level,
left-drag pans, or places measurement points when a tool is active.
"""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg
from pyqtgraph.GraphicsScene.mouseEvents import MouseClickEvent, MouseDragEvent
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QGraphicsSceneWheelEvent

pg.setConfigOptions(imageAxisOrder="row-major", antialias=True)


class ViewerBox(pg.ViewBox):
    """A ViewBox that hands wheel, right-drag and tool clicks to the viewer."""

    def __init__(self) -> None:
        super().__init__(lockAspect=True, invertY=True, enableMenu=False)
        self.on_scroll: Callable[[int], None] = lambda _step: None
        self.on_window_drag: Callable[[float, float], None] = lambda _dx, _dy: None
        self.on_tool_click: Callable[[QPointF], bool] = lambda _p: False
        self.on_pressed: Callable[[], None] = lambda: None

    def wheelEvent(
        self, ev: QGraphicsSceneWheelEvent | QWheelEvent, axis: int | None = None
    ) -> None:
        modifiers = ev.modifiers()
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            super().wheelEvent(ev, axis)
            return
        # the scene's wheel event has delta(); a QWheelEvent (from a view) has angleDelta()
        delta = ev.delta() if hasattr(ev, "delta") else ev.angleDelta().y()
        if delta:
            self.on_scroll(-1 if delta > 0 else 1)
        ev.accept()

    def mouseClickEvent(self, ev: MouseClickEvent) -> None:
        self.on_pressed()
        if ev.button() == Qt.MouseButton.LeftButton:
            self.on_tool_click(ev.scenePos())
        ev.accept()

    def mouseDragEvent(self, ev: MouseDragEvent, axis: int | None = None) -> None:
        self.on_pressed()
        if ev.button() == Qt.MouseButton.RightButton:
            ev.accept()
            delta = ev.screenPos() - ev.lastScreenPos()
            self.on_window_drag(delta.x(), delta.y())
            return
        super().mouseDragEvent(ev, axis)
