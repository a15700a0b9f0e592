"""Paints an agenda cell from its precomputed lines: a colour fill and one elided
text line each, no text layout or word wrap (the default delegate's multi-line
layout was most of a team week's paint time, bench/agenda_week_bench.py)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from fse_desk_ui.agenda.grid_model import CELL_ROLE
from fse_desk_ui.agenda.labels import VISIT_COLOURS
from fse_desk_ui.agenda.week_layout import Cell

PADDING = 3


class CellDelegate(QStyledItemDelegate):
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        cell = index.data(CELL_ROLE)
        rect: QRect = option.rect
        state = option.state
        palette = option.palette
        selected = bool(state & QStyle.StateFlag.State_Selected)
        if not isinstance(cell, Cell):
            if selected:
                painter.fillRect(rect, palette.highlight())
            return
        painter.save()
        painter.fillRect(rect, VISIT_COLOURS[cell.visit])
        if selected:  # the fill keeps the visit's colour; a frame marks the keyboard's place
            painter.setPen(QPen(palette.highlight().color(), 2))
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        painter.setPen(Qt.GlobalColor.black)  # on the pale visit colours, whatever the theme
        metrics = option.fontMetrics
        height = metrics.lineSpacing()
        width = rect.width() - 2 * PADDING
        top = rect.top() + PADDING
        for line in cell.lines:
            if top + height > rect.bottom() + 1:
                break
            painter.drawText(
                QRect(rect.left() + PADDING, top, width, height),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(line, Qt.TextElideMode.ElideRight, width),
            )
            top += height
        painter.restore()
