"""A read-only table of records, one per row: the base of the app's list models."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """Rows are ``records``; a subclass names its columns (:meth:`headers`) and fills
    the cells (``data``, starting from :meth:`record_of`)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.records: list[R] = []
        self._columns = len(self.headers())  # views ask for it at every paint

    def headers(self) -> tuple[str, ...]:
        """The column titles, translated (``self.tr`` in the subclass)."""
        raise NotImplementedError

    def record_at(self, row: int) -> R | None:
        return self.records[row] if 0 <= row < len(self.records) else None

    def record_of(self, index: Index) -> R | None:
        """The record of a valid cell index, else None."""
        return self.record_at(index.row()) if index.isValid() else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._columns

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        labels = self.headers()
        return labels[section] if 0 <= section < len(labels) else None
