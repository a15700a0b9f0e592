"""The assistiti list as a Qt table model (a thin adapter over Patient records)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from fse_desk._types import PatientId
from fse_desk.domain.patient import ConsentState, Patient
from fse_desk_ui.formatting import format_date
from fse_desk_ui.models.record_table import Index, RecordTableModel

PATIENT_ROLE = Qt.ItemDataRole.UserRole + 1


class PatientListModel(RecordTableModel[Patient]):
    """Columns: name, codice fiscale, birth date (age), documents new for the user."""

    NEW = 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._today = date.today()
        self._new: dict[PatientId, int] = {}

    def set_new_counts(self, counts: dict[PatientId, int]) -> None:
        """Documents new for the signed-in user, per patient listed (absent: none)."""
        self._new = dict(counts)
        if self.records:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.records) - 1, self.NEW))

    def new_count(self, row: int) -> int:
        patient = self.record_at(row)
        return 0 if patient is None else self._new.get(patient.id, 0)

    def set_patients(self, patients: list[Patient]) -> None:
        self.beginResetModel()
        self.records = list(patients)
        self._today = date.today()
        self.endResetModel()

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Name"), self.tr("Codice fiscale"), self.tr("Born"), self.tr("New"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        patient = self.record_of(index)
        if patient is None:
            return None
        column = index.column()
        new = self._new.get(patient.id, 0)
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
            if column == self.NEW:
                return str(new) if new else ""
            return None
        if role == Qt.ItemDataRole.FontRole and new and column == self.NEW:
            bold = QFont()
            bold.setBold(True)
            return bold
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.NEW:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            # The name column is the one that elides on a narrow list.
            lines = [patient.display_name] if column == 0 else []
            if new:
                lines.append(self.tr("%n documents new for you", "", new))
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
