"""Re-emit the Workstation's plain-Python events as Qt signals.

Core events may fire on a sync worker thread; emitting a Qt signal from there
queues the delivery to the GUI thread, where widgets may be touched.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from fse_desk.domain.timeline import Purpose
from fse_desk.workstation import ConnectionStatus, Workstation


class CoreBridge(QObject):
    status_changed = Signal(object)  # ConnectionStatus
    patients_changed = Signal()
    local_change_queued = Signal()
    purpose_changed = Signal(object)  # Purpose

    def __init__(self, workstation: Workstation, parent: QObject | None = None) -> None:
        super().__init__(parent)
        workstation.status_changed.connect(self._on_status_changed)
        workstation.patients_changed.connect(self._on_patients_changed)
        workstation.local_change_queued.connect(self._on_local_change_queued)
        workstation.purpose_changed.connect(self._on_purpose_changed)

    def _on_status_changed(self, status: ConnectionStatus) -> None:
        self.status_changed.emit(status)

    def _on_patients_changed(self, _: None) -> None:
        self.patients_changed.emit()

    def _on_local_change_queued(self, _: None) -> None:
        self.local_change_queued.emit()

    def _on_purpose_changed(self, purpose: Purpose) -> None:
        self.purpose_changed.emit(purpose)
