"""*Informazioni su FSE Desk*: the version and the third-party components with their licences."""

from __future__ import annotations

import platform

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fse_desk.about import Component, app_licence, app_version, bundled_components

# The interpreter is in the bundle too but is no distribution with metadata of its own.
_PYTHON = Component("Python", platform.python_version(), "PSF-2.0", "https://www.python.org")


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About FSE Desk"))
        self.version = app_version()
        heading = QLabel(self.tr("FSE Desk, version {version}").format(version=self.version))
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        heading.setFont(font)
        licence = QLabel(self.tr("Licence: {licence}").format(licence=app_licence()))
        note = QLabel(self.tr("FSE Desk includes these third-party components:"))
        components = [*bundled_components(), _PYTHON]
        self.table = QTableWidget(len(components), 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Component"), self.tr("Version"), self.tr("Licence")]
        )
        not_stated = self.tr("not stated by the package")
        for row, component in enumerate(components):
            cells = (component.name, component.version, component.licence or not_stated)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if component.url:
                    item.setToolTip(component.url)
                self.table.setItem(row, column, item)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(licence)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(640, 520)


def add_help_menu(window: QMainWindow) -> QAction:
    """The window's *Help* menu with *About FSE Desk*; returns that action."""
    menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Help"))
    action = menu.addAction(QCoreApplication.translate("MainWindow", "About FSE Desk"))
    action.setMenuRole(QAction.MenuRole.AboutRole)
    action.triggered.connect(lambda: AboutDialog(window).exec())
    return action
