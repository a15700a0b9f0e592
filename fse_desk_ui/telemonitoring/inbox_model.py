"""The alert inbox as a table model: one row per alarm."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from fse_desk.telemonitoring.actions import AlarmStatus, InboxItem
from fse_desk.telemonitoring.rules import Severity
from fse_desk_ui.formatting import format_datetime
from fse_desk_ui.telemonitoring.texts import alarm_value_text, rule_text, severity_text
from fse_desk_ui.vitals.labels import parameter_label

_Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_SEVERITY_COLOURS = {Severity.HIGH: "#fdecea", Severity.MEDIUM: "#fff4e5", Severity.LOW: None}


class InboxModel(QAbstractTableModel):
    """Columns: severity, patient, parameter, rule, value, time, status, handled by."""

    COLUMNS = 8

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[InboxItem] = []
        self._names: dict[str, str] = {}

    def set_items(self, items: list[InboxItem], names: dict[str, str]) -> None:
        self.beginResetModel()
        self.items, self._names = list(items), dict(names)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        labels = (
            self.tr("Severity"),
            self.tr("Patient"),
            self.tr("Parameter"),
            self.tr("Rule"),
            self.tr("Value"),
            self.tr("Time"),
            self.tr("Status"),
            self.tr("Handled by"),
        )
        return labels[section] if 0 <= section < len(labels) else None

    def status_text(self, item: InboxItem) -> str:
        text = {
            AlarmStatus.NEW: self.tr("new"),
            AlarmStatus.IN_CHARGE: self.tr("in charge"),
            AlarmStatus.CLOSED: self.tr("closed"),
        }[item.status]
        if item.conflicts:
            text += " — " + self.tr("CONFLICT")
        elif item.unsent:
            text += " — " + self.tr("not yet sent")
        return text

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        alarm, column = item.alarm, index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                severity_text(alarm.severity),
                self._names.get(alarm.patient_id, alarm.patient_id),
                parameter_label(alarm.parameter),
                rule_text(alarm.rule),
                alarm_value_text(alarm),
                format_datetime(alarm.reading.at),
                self.status_text(item),
                item.owner,
            )[column]
        if role == SORT_ROLE:
            if column == 0:
                return int(alarm.severity)
            if column == 5:
                return alarm.reading.at.timestamp()
            if column == 4:
                return alarm.value
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = _SEVERITY_COLOURS[alarm.severity]
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.ForegroundRole and item.conflicts and column == 6:
            return QColor("#b71c1c")
        return None
