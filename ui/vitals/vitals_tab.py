"""The "Parametri vitali" tab: recent readings, and the button to record new ones."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fse_desk.domain.patient import Patient
from fse_desk.domain.vitals import VitalReading
from fse_desk.workstation import Workstation
from ui.formatting import format_datetime
from ui.models.record_table import Index, RecordTableModel
from ui.vitals.labels import value_text, vital_label
from ui.vitals.vitals_dialog import VitalsDialog


class ReadingsModel(RecordTableModel[VitalReading]):
    """Columns: when, vital, value, measured by, sent or waiting."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._waiting: set[str] = set()

    def set_readings(self, readings: list[VitalReading], waiting: set[str]) -> None:
        self.beginResetModel()
        self.records, self._waiting = list(readings), set(waiting)
        self.endResetModel()

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Measured at"),
            self.tr("Vital sign"),
            self.tr("Value"),
            self.tr("Measured by"),
            self.tr("FSE"),
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        reading = self.record_of(index)
        if reading is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                return format_datetime(reading.effective_at)
            if column == 1:
                return vital_label(reading.vital)
            if column == 2:
                return value_text(reading)
            if column == 3:
                return reading.performer
            if column == 4:
                return (
                    self.tr("waiting to send") if reading.id in self._waiting else self.tr("sent")
                )
        if role == Qt.ItemDataRole.ToolTipRole and reading.note:
            return reading.note
        return None


class VitalsTab(QWidget):
    def __init__(self, workstation: Workstation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workstation = workstation
        self.patient: Patient | None = None
        self.record_button = QPushButton(self.tr("Record vital signs…"))
        self.record_button.clicked.connect(self.open_form)
        self.empty_label = QLabel(self.tr("No vital signs recorded on this workstation yet."))
        self.model = ReadingsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        top = QHBoxLayout()
        top.addWidget(self.record_button)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)

    def show_patient(self, patient: Patient | None) -> None:
        self.patient = patient
        self.record_button.setEnabled(patient is not None)
        self.refresh()

    def refresh(self) -> None:
        if self.patient is None:
            self.model.set_readings([], set())
            return
        readings = self._workstation.vitals.recent(self.patient.id)
        waiting = {
            e.resource_id
            for e in self._workstation.outbox.entries()
            if e.patient_id == self.patient.id
        }
        self.model.set_readings(readings, waiting)
        self.empty_label.setVisible(not readings)

    def open_form(self) -> VitalsDialog | None:
        if self.patient is None:
            return None
        dialog = VitalsDialog(self._workstation, self.patient, self)
        dialog.accepted.connect(self.refresh)
        dialog.open()
        return dialog
