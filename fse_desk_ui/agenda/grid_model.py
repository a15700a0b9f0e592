"""The Agenda grid as a thin item model over a layout computed off the GUI thread.

A QTableWidget made one item per cell and laid every one out on each page; this
model hands Qt only the cells in view, and :class:`fse_desk_ui.agenda.cell_delegate.CellDelegate`
paints their precomputed lines. A refresh of the same period (a status changed)
updates only the cells that differ (bench/agenda_week_bench.py).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from fse_desk_ui.agenda.labels import VISIT_COLOURS
from fse_desk_ui.agenda.week_layout import Cell, GridLayout

Index = QModelIndex | QPersistentModelIndex
CELL_ROLE = Qt.ItemDataRole.UserRole + 1  # the Cell itself, for the delegate


class AgendaGridModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: tuple[str, ...] = ()
        self._columns: tuple[str, ...] = ()
        self._cells: dict[tuple[int, int], Cell] = {}

    def show(self, layout: GridLayout) -> None:
        if (layout.times, layout.headers) != (self._rows, self._columns):
            self.beginResetModel()
            self._rows, self._columns, self._cells = layout.times, layout.headers, layout.cells
            self.endResetModel()
            return
        # The same period again: only the cells that changed are repainted.
        before, self._cells = self._cells, layout.cells
        for key in before.keys() | layout.cells.keys():
            if before.get(key) != layout.cells.get(key):
                index = self.index(*key)
                self.dataChanged.emit(index, index)

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
        if role == CELL_ROLE:
            return cell
        if role == Qt.ItemDataRole.DisplayRole:
            return "\n".join(cell.lines)
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell.details
        if role == Qt.ItemDataRole.BackgroundRole:
            return VISIT_COLOURS[cell.visit]
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
