"""The timeline as a Qt item model: month header rows over document rows, newest first.

A flat table (no tree): row *i* is either a month header ("novembre 2026") or a
document. Headers are not enabled, so the arrow keys step over them. The
model is a thin adapter over :class:`~fse_desk.timeline.TimelineView` entries.
A document replaced by a newer version stays listed, greyed and marked "replaced".
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from fse_desk.domain.timeline import TimelineEntry
from fse_desk_ui.formatting import ROME, format_date
from fse_desk_ui.timeline.labels import blank_marker, class_icon, class_name, new_marker

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
_ENTRY_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
ModelIndex = QModelIndex | QPersistentModelIndex


class TimelineModel(QAbstractTableModel):
    DATE, TITLE, FACILITY, AUTHOR = range(4)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: list[TimelineEntry] = []
        self._rows: list[int | str] = []  # entry index, or the header text
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)
        self._header_brush = QBrush(QColor("#1d3b53"))
        self._header_background = QBrush(QColor("#eef2f6"))
        self._patient_brush = QBrush(QColor("#5d4037"))
        self._superseded_brush = QBrush(QColor("#8a8a8a"))

    # -- content ------------------------------------------------
    def set_entries(self, entries: tuple[TimelineEntry, ...] | list[TimelineEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self._rows = []
        locale = QLocale()
        last: tuple[int, int] | None = None
        for i, entry in enumerate(self._entries):
            local = entry.date.astimezone(ROME)
            key = (local.year, local.month)
            if key != last:
                month = locale.standaloneMonthName(local.month, QLocale.FormatType.LongFormat)
                self._rows.append(f"{month.capitalize()} {local.year}")
                last = key
            self._rows.append(i)
        self.endResetModel()

    def entry(self, row: int) -> TimelineEntry | None:
        if not 0 <= row < len(self._rows):
            return None
        item = self._rows[row]
        return self._entries[item] if isinstance(item, int) else None

    def header_rows(self) -> list[int]:
        return [r for r, item in enumerate(self._rows) if isinstance(item, str)]

    def row_of(self, document_id: str) -> int:
        for r, item in enumerate(self._rows):
            if isinstance(item, int) and self._entries[item].id == document_id:
                return r
        return -1

    def first_entry_row(self) -> int:
        return next((r for r, item in enumerate(self._rows) if isinstance(item, int)), -1)

    @property
    def entry_count(self) -> int:
        return len(self._entries)

    # -- Qt model API -------------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._rows):
            return _NO_FLAGS
        return _ENTRY_FLAGS if isinstance(self._rows[row], int) else _NO_FLAGS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (self.tr("Date"), self.tr("Document"), self.tr("Facility"), self.tr("Author"))
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        column = index.column()
        if isinstance(item, str):
            return self._header_data(item, column, role)
        entry = self._entries[item]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.DATE:
                return format_date(entry.date.astimezone(ROME).date())
            if column == self.TITLE:
                if entry.superseded:
                    return self.tr("{title} (replaced)").format(title=entry.title)
                return entry.title
            if column == self.FACILITY:
                return entry.facility
            if column == self.AUTHOR:
                if entry.patient_provided:
                    return self.tr("Uploaded by the patient")
                return entry.author
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            if column == self.TITLE:
                return class_icon(entry.doc_class)
            if column == self.DATE:
                return new_marker() if entry.new else blank_marker()
            return None
        if role == Qt.ItemDataRole.FontRole:
            return self._italic if entry.patient_provided else None
        if role == Qt.ItemDataRole.ForegroundRole and entry.superseded:
            return self._superseded_brush
        if role == Qt.ItemDataRole.ForegroundRole and entry.patient_provided:
            return self._patient_brush
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry)
        if role == ENTRY_ROLE:
            return entry
        return None

    def _header_data(self, text: str, column: int, role: int) -> Any:
        # The month sits in the title column, so no row spanning is needed (spanning
        # hundreds of rows makes QTreeView re-lay out the whole list each time).
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._header_background
        if column != self.TITLE:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._header_brush
        return None

    def _tooltip(self, entry: TimelineEntry) -> str:
        parts = [class_name(entry.doc_class)]
        if entry.superseded:
            parts.append(self.tr("Replaced by a newer version: this is not the current document"))
        if entry.patient_provided:
            parts.append(self.tr("Uploaded by the patient to the personal notebook (taccuino)"))
        if entry.new:
            parts.append(self.tr("New since your last review"))
        parts.append(
            self.tr("Available offline") if entry.offline else self.tr("Not downloaded yet")
        )
        return "\n".join(parts)
