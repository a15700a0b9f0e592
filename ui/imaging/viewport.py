"""The image surface: a pyqtgraph ViewBox whose mouse does what a radiology viewer's does.

Wheel scrolls the stack (Ctrl+wheel zooms), right-drag changes window/level,
left-drag pans, or places measurement points when a tool is active.
"""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt

pg.setConfigOptions(imageAxisOrder="row-major", antialias=True)


class ViewerBox(pg.ViewBox):
    """A ViewBox that hands wheel, right-drag and tool clicks to the viewer."""

    def __init__(self) -> None:
        super().__init__(lockAspect=True, invertY=True, enableMenu=False)
        self.on_scroll: Callable[[int], None] = lambda _step: None
        self.on_window_drag: Callable[[float, float], None] = lambda _dx, _dy: None
        self.on_tool_click: Callable[[QPointF], bool] = lambda _p: False
        self.on_pressed: Callable[[], None] = lambda: None

    def wheelEvent(self, ev: object, axis: object = None) -> None:
        modifiers = ev.modifiers()  # type: ignore[attr-defined]
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            super().wheelEvent(ev, axis)
            return
        delta = ev.delta() if hasattr(ev, "delta") else ev.angleDelta().y()  # type: ignore[attr-defined]
        if delta:
            self.on_scroll(-1 if delta > 0 else 1)
        ev.accept()  # type: ignore[attr-defined]

    def mouseClickEvent(self, ev: object) -> None:
        self.on_pressed()
        if ev.button() == Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
            self.on_tool_click(ev.scenePos())  # type: ignore[attr-defined]
        ev.accept()  # type: ignore[attr-defined]

    def mouseDragEvent(self, ev: object, axis: object = None) -> None:
        self.on_pressed()
        if ev.button() == Qt.MouseButton.RightButton:  # type: ignore[attr-defined]
            ev.accept()  # type: ignore[attr-defined]
            delta = ev.screenPos() - ev.lastScreenPos()  # type: ignore[attr-defined]
            self.on_window_drag(delta.x(), delta.y())
            return
        super().mouseDragEvent(ev, axis)
