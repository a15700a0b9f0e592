"""The list of the 17 PSS sections on the left of the editor: required ones marked,
each with its number of entries (or its explicit "none"), a warning where a check fails."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QIcon
from PySide6.QtWidgets import QHeaderView, QStyle, QTreeWidget, QTreeWidgetItem, QWidget

from fse_desk.pss.codes import SECTION_BY_KEY
from fse_desk.pss.model import Pss
from fse_desk_ui.pss.sections import SectionView

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
_TODO = QColor("#b71c1c")


class SectionList(QTreeWidget):
    section_selected = Signal(str)

    def __init__(self, views: tuple[SectionView, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pssEditorSections")
        self.setColumnCount(2)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setMinimumWidth(215)
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self._warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self._items: dict[str, QTreeWidgetItem] = {}
        for view in views:
            item = QTreeWidgetItem([view.title, ""])
            item.setData(0, KEY_ROLE, view.key)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if SECTION_BY_KEY[view.key].required:
                font = QFont(item.font(0))
                font.setBold(True)
                item.setFont(0, font)
                item.setToolTip(0, self.tr("Required section"))
            self.addTopLevelItem(item)
            self._items[view.key] = item
        self.currentItemChanged.connect(self._on_current_changed)

    def show_state(self, draft: Pss, with_problems: set[str]) -> None:
        """Entry counts from ``draft``; a warning on the sections in ``with_problems``."""
        for key, item in self._items.items():
            count = len(draft.entries(key))
            if count:
                state = str(count)
            elif draft.is_none(key):
                state = self.tr("none")
            elif SECTION_BY_KEY[key].required:
                state = self.tr("to fill in")
            else:
                state = "—"
            item.setText(1, state)
            todo = not count and not draft.is_none(key) and SECTION_BY_KEY[key].required
            item.setForeground(1, QBrush(_TODO) if todo else QBrush())
            item.setIcon(0, self._warning if key in with_problems else QIcon())

    def select(self, key: str) -> None:
        self.setCurrentItem(self._items[key])

    def current_key(self) -> str:
        item = self.currentItem()
        return str(item.data(0, KEY_ROLE)) if item is not None else ""

    def state_text(self, key: str) -> str:
        return self._items[key].text(1)

    def has_warning(self, key: str) -> bool:
        return not self._items[key].icon(0).isNull()

    def _on_current_changed(self, item: QTreeWidgetItem | None, _old: object) -> None:
        if item is not None:
            self.section_selected.emit(str(item.data(0, KEY_ROLE)))
