"""Agenda cells drawn from their precomputed lines: a colour fill and one elided text
line each, no text layout or word wrap.

Text is the expensive part of a team week (bench/agenda_week_bench.py: the default
delegate's multi-line layout, then plain ``drawText`` at about 0.15 ms a line on
software rendering). So each refresh draws its cells into images on the worker
thread (:func:`render_cells`, QImage painting is thread-safe) and the GUI thread
only copies them; a cell whose size changed since (the window was resized) is
drawn directly until the next refresh.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QImage, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ui.agenda.grid_model import AgendaGridModel
from ui.agenda.labels import VISIT_COLOURS
from ui.agenda.week_layout import Cell

PADDING = 3
Key = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Canvas:
    """The grid's room, read on the GUI thread for the worker that draws the cells."""

    font: QFont
    width: int  # of the viewport, without the vertical scroll bar
    height: int
    scroll_bar: int  # the bar's width, when it is shown now
    scroll_bar_extent: int  # its width when shown
    pixel_ratio: float  # device pixels per logical pixel (HiDPI screens)


def cell_size(canvas: Canvas, columns: int, rows: int, lines: int) -> QSize:
    """The size a cell will have: every row as tall as the busiest cell's lines, the
    columns sharing the width (stretched) beside the scroll bar if the rows need one."""
    height = QFontMetrics(canvas.font).lineSpacing() * lines + 2 * PADDING + 2
    width = canvas.width + canvas.scroll_bar
    if rows * height > canvas.height:
        width -= canvas.scroll_bar_extent
    return QSize(max(1, width // max(1, columns)), height)


def draw_cell(painter: QPainter, rect: QRect, cell: Cell, metrics: QFontMetrics) -> None:
    painter.fillRect(rect, VISIT_COLOURS[cell.visit])
    painter.setPen(Qt.GlobalColor.black)  # on the pale visit colours, whatever the theme
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


def render_cells(cells: Mapping[Key, Cell], size: QSize, canvas: Canvas) -> dict[Key, QImage]:
    """Each cell drawn at ``size`` logical pixels, sharp on the screen's pixel ratio
    (runs on a worker thread)."""
    images: dict[Key, QImage] = {}
    font = canvas.font
    metrics = QFontMetrics(font)
    pixels = QSize(
        round(size.width() * canvas.pixel_ratio), round(size.height() * canvas.pixel_ratio)
    )
    for key, cell in cells.items():
        image = QImage(pixels, QImage.Format.Format_RGB32)  # opaque: the fastest to copy
        image.setDevicePixelRatio(canvas.pixel_ratio)
        painter = QPainter(image)
        painter.setFont(font)
        draw_cell(painter, image.rect(), cell, metrics)
        painter.end()
        images[key] = image
    return images


class CellDelegate(QStyledItemDelegate):
    def __init__(self, model: AgendaGridModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        rect: QRect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        cell = self._model.cell(index.row(), index.column())
        if cell is None:
            if selected:
                painter.fillRect(rect, option.palette.highlight())
            return
        image = self._model.image(index.row(), index.column())
        # Stretched columns differ by a pixel or two, and the grid line takes one: an
        # image that close still fits (cut, or on its colour); a resized grid draws text.
        drawn = image.deviceIndependentSize() if image is not None else None
        if (
            image is not None
            and drawn is not None
            and abs(drawn.width() - rect.width()) <= 2
            and abs(drawn.height() - rect.height()) <= 2
        ):
            painter.fillRect(rect, VISIT_COLOURS[cell.visit])
            ratio = image.devicePixelRatio()
            source = QRectF(0, 0, rect.width() * ratio, rect.height() * ratio)
            painter.drawImage(QRectF(rect.topLeft(), rect.size()), image, source)
        else:
            painter.save()
            painter.setClipRect(rect)
            draw_cell(painter, rect, cell, option.fontMetrics)
            painter.restore()
        if selected:  # the fill keeps the visit's colour; a frame marks the keyboard's place
            painter.save()
            painter.setPen(QPen(option.palette.highlight().color(), 2))
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
            painter.restore()
