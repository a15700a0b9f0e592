"""A read-only table sized to its rows, so the sections read as one scrolling page."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem


class SectionTable(QTableWidget):
    _SHORT = 16  # characters: a column this narrow is sized to its contents

    def __init__(self, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        super().__init__(len(rows), len(columns))
        self.setHorizontalHeaderLabels(list(columns))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.setItem(r, c, item)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for c in range(self.columnCount()):
            values = [row[c] for row in rows]
            # A column nobody filled in says nothing: hide it (the CDA had no value there).
            self.setColumnHidden(c, not any(values))
            # Codes and dates keep their width; descriptions share the rest and wrap.
            short = max(len(v) for v in [*values, columns[c]]) <= self._SHORT
            header.setSectionResizeMode(
                c,
                QHeaderView.ResizeMode.ResizeToContents
                if short
                else QHeaderView.ResizeMode.Stretch,
            )
        self._fit_height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        self.resizeRowsToContents()
        height = self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth()
        height += sum(self.rowHeight(r) for r in range(self.rowCount()))
        if height != self.height():
            self.setFixedHeight(height)

    def texts(self) -> list[list[str]]:
        """Every cell as shown, row by row."""
        return [
            [self._text(r, c) for c in range(self.columnCount())] for r in range(self.rowCount())
        ]

    def _text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text() if item is not None else ""
