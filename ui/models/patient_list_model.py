"""The assistiti list as a Qt table model (a thin adapter over Patient records)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from fse_desk.domain.patient import ConsentState, Patient
from ui.formatting import format_date
from ui.models.record_table import Index, RecordTableModel

PATIENT_ROLE = Qt.ItemDataRole.UserRole + 1


class PatientListModel(RecordTableModel[Patient]):
    """Columns: name, codice fiscale, birth date (age)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._today = date.today()

    def set_patients(self, patients: list[Patient]) -> None:
        self.beginResetModel()
        self.records = list(patients)
        self._today = date.today()
        self.endResetModel()

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Name"), self.tr("Codice fiscale"), self.tr("Born"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        patient = self.record_of(index)
        if patient is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                if patient.departed:
                    return self.tr("{name} (moved to another GP)").format(name=patient.display_name)
                return patient.display_name
            if column == 1:
                return patient.codice_fiscale
            if column == 2:
                return self.tr("{date} ({age} y)").format(
                    date=format_date(patient.birth_date), age=patient.age_on(self._today)
                )
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            # The name column is the one that elides on a narrow list.
            lines = [patient.display_name] if column == 0 else []
            if patient.departed:
                lines.append(
                    self.tr(
                        "This patient chose another GP: their FSE is no longer shown here. Only "
                        "your unsent PSS draft is kept, and it can no longer be published: "
                        "discard it."
                    )
                )
            elif patient.consent is not ConsentState.GRANTED:
                lines.append(self.tr("No consent to FSE consultation"))
            return "\n".join(lines) or None
        if role == PATIENT_ROLE:
            return patient
        return None
