"""The assistiti list as a Qt table model (a thin adapter over Patient records)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from fse_desk.domain.patient import ConsentState, Patient
from ui.formatting import format_date

_Index = QModelIndex | QPersistentModelIndex
PATIENT_ROLE = Qt.ItemDataRole.UserRole + 1


class PatientListModel(QAbstractTableModel):
    """Columns: name, codice fiscale, birth date (age)."""

    COLUMNS = 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._patients: list[Patient] = []
        self._today = date.today()

    def set_patients(self, patients: list[Patient]) -> None:
        self.beginResetModel()
        self._patients = list(patients)
        self._today = date.today()
        self.endResetModel()

    def patient_at(self, row: int) -> Patient | None:
        return self._patients[row] if 0 <= row < len(self._patients) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._patients)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        labels = (self.tr("Name"), self.tr("Codice fiscale"), self.tr("Born"))
        return labels[section] if 0 <= section < len(labels) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._patients):
            return None
        patient = self._patients[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return patient.display_name
            if column == 1:
                return patient.codice_fiscale
            if column == 2:
                return self.tr("{date} ({age} y)").format(
                    date=format_date(patient.birth_date), age=patient.age_on(self._today)
                )
            return None
        if role == Qt.ItemDataRole.ToolTipRole and patient.consent is not ConsentState.GRANTED:
            return self.tr("No consent to FSE consultation")
        if role == PATIENT_ROLE:
            return patient
        return None
