"""What the sign-in tests share: every text a passer-by can read on screen."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)


def _model_texts(model: QAbstractItemModel, parent: QModelIndex) -> list[str]:
    texts: list[str] = []
    # PySide hides columnCount of a list model and hasChildren of list and table models:
    # those have one level, and a list one column.
    flat = isinstance(model, QAbstractListModel | QAbstractTableModel)
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)
    for row in range(model.rowCount(parent)):
        for column in range(columns):
            index = model.index(row, column, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if value is not None:
                    texts.append(str(value))
            if column == 0 and not flat and model.rowCount(index) > 0:
                texts.extend(_model_texts(model, index))
    return texts


def _texts_of(widget: QWidget) -> list[str]:
    if isinstance(widget, QLabel | QLineEdit | QAbstractButton):
        return [widget.text(), widget.toolTip()]
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        return [widget.toPlainText()]
    if isinstance(widget, QComboBox):
        return [widget.itemText(i) for i in range(widget.count())]
    if isinstance(widget, QTabBar):
        return [widget.tabText(i) for i in range(widget.count())]
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        return _model_texts(widget.model(), QModelIndex())
    return []


def visible_text(qapp: QApplication) -> str:
    """Window titles, labels, fields, buttons, lists and tables of every visible window,
    upper case (the banner writes the surname so)."""
    parts: list[str] = []
    for top in qapp.topLevelWidgets():
        if not top.isVisible():
            continue
        parts.append(top.windowTitle())
        for widget in [top, *top.findChildren(QWidget)]:
            if widget.isVisible():
                parts.extend(_texts_of(widget))
    return " ".join(parts).upper()
