"""The "Parametri vitali" tab: recent readings, and the button to record new ones.

It reads the same model as the *Telemonitoraggio* tab (the telemonitoring service):
readings from the platform's devices, from the FSE and from this desk, each once.
"""

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
from fse_desk.domain.telemonitoring import Reading, ReadingSource
from fse_desk.workstation import Workstation
from fse_desk_ui.formatting import format_datetime
from fse_desk_ui.models.record_table import Index, RecordTableModel
from fse_desk_ui.vitals.labels import parameter_label, reading_value_text
from fse_desk_ui.vitals.vitals_dialog import VitalsDialog


class ReadingsModel(RecordTableModel[Reading]):
    """Columns: when, vital, value, measured by, sent or waiting."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._waiting: set[str] = set()

    def set_readings(self, readings: list[Reading], waiting: set[str]) -> None:
        """``waiting``: keys of readings recorded here and not yet sent."""
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
                return format_datetime(reading.at)
            if column == 1:
                return parameter_label(reading.parameter)
            if column == 2:
                return reading_value_text(reading)
            if column == 3:
                if reading.source is ReadingSource.DEVICE:
                    return self.tr("Device: {name}").format(name=reading.performer)
                return reading.performer
            if column == 4:
                return (
                    self.tr("waiting to send") if reading.key in self._waiting else self.tr("sent")
                )
        return None


class VitalsTab(QWidget):
    def __init__(self, workstation: Workstation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workstation = workstation
        self.patient: Patient | None = None
        self.record_button = QPushButton(self.tr("Record vital signs…"))
        self.record_button.clicked.connect(self.open_form)
        self.empty_label = QLabel(self.tr("No vital signs for this patient yet."))
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
        readings = self._workstation.telemonitoring.recent_readings(self.patient.id)
        waiting = self._workstation.telemonitoring.waiting_keys(self.patient.id)
        self.model.set_readings(readings, waiting)
        self.empty_label.setVisible(not readings)

    def open_form(self) -> VitalsDialog | None:
        if self.patient is None:
            return None
        dialog = VitalsDialog(self._workstation, self.patient, self)
        dialog.accepted.connect(self.refresh)
        dialog.open()
        return dialog
