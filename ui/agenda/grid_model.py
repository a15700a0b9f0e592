"""The Agenda grid as a thin item model: cells computed once per refresh, shown lazily.

A QTableWidget made one item per cell and laid every one out on each page; the
model hands Qt only the cells in view (bench/agenda_week_bench.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    colour: QColor
    appointment_ids: tuple[str, ...]
    details: str  # the tooltip: every line in full


class AgendaGridModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[str] = []
        self._columns: list[str] = []
        self._cells: dict[tuple[int, int], Cell] = {}

    def show(self, rows: list[str], columns: list[str], cells: dict[tuple[int, int], Cell]) -> None:
        self.beginResetModel()
        self._rows, self._columns, self._cells = rows, columns, cells
        self.endResetModel()

    def cell(self, row: int, column: int) -> Cell | None:
        return self._cells.get((row, column))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        cell = self._cells.get((index.row(), index.column()))
        if cell is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell.details
        if role == Qt.ItemDataRole.BackgroundRole:
            return cell.colour
        if role == Qt.ItemDataRole.UserRole:
            return list(cell.appointment_ids)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        names = self._columns if orientation == Qt.Orientation.Horizontal else self._rows
        return names[section] if 0 <= section < len(names) else None
