"""One section of the draft: its entries as a table, the form of the selected entry,
add and remove, and the explicit "none" box of the four required sections.

The panel never changes the draft itself: it emits ``change(new draft, undo text,
merge key)`` and the editor pushes it on the undo stack, then calls
:meth:`show_draft` with the result.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fse_desk.pss.codes import SECTION_BY_KEY
from fse_desk.pss.model import NONE_FLAGS, Entry, Pss
from fse_desk_ui.pss.editor.entry_form import EntryForm
from fse_desk_ui.pss.editor.field_widgets import set_marker
from fse_desk_ui.pss.editor.labels import FieldLabels
from fse_desk_ui.pss.editor.vocabulary_set import EditorVocabularies
from fse_desk_ui.pss.sections import PssTexts, SectionView

Marks = dict[int | None, set[str]]
"""Problems of a section: entry row (None: the section itself) → field names."""


class SectionPanel(QWidget):
    change = Signal(object, str, object)  # new Pss, undo text, merge key (or None)

    def __init__(
        self,
        view: SectionView,
        vocabularies: EditorVocabularies,
        labels: FieldLabels,
        texts: PssTexts,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.key = view.key
        self.view = view
        self._draft: Pss | None = None
        self._select_after: int | None = None
        self._marks: Marks = {}
        self.title = QLabel(view.title)
        self.title.setObjectName("pssSectionTitle")
        required = SECTION_BY_KEY[view.key].required
        self.required_label = QLabel(self.tr("required") if required else "")
        self.required_label.setObjectName("pssRequired")
        flag = NONE_FLAGS.get(view.key)
        self.none_box = QCheckBox(view.none_text) if flag else None
        self.table = QTableWidget(0, len(view.columns))
        self.table.setObjectName(f"entries_{view.key}")
        self.table.setHorizontalHeaderLabels(list(view.columns))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.add_button = QPushButton(self.tr("Add entry"))
        self.add_button.setToolTip(self.tr("Add an entry to this section (Ctrl+N)"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setToolTip(self.tr("Remove the selected entry (Del)"))
        for button in (self.add_button, self.remove_button):  # Tab goes list → form
            button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.form = EntryForm(view.key, vocabularies, labels, texts.enum_label, today)
        self._texts = texts
        self.read_only_label = QLabel()  # entries another program wrote that no form holds
        self.read_only_label.setObjectName(f"read_only_{view.key}")
        self.read_only_label.setWordWrap(True)
        self.read_only_label.hide()
        self._warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)

        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addWidget(self.required_label)
        head.addStretch(1)
        head.addWidget(self.add_button)
        head.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(head)
        if self.none_box is not None:
            layout.addWidget(self.none_box, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.read_only_label)
        layout.addWidget(self.form)
        layout.addStretch(0)  # takes the room of the table when the section is "none"

        self.add_button.clicked.connect(self.add_entry)
        self.remove_button.clicked.connect(self.remove_entry)
        if self.none_box is not None:
            self.none_box.clicked.connect(self._on_none_clicked)
        self.table.currentCellChanged.connect(self._on_current_changed)
        self.table.activated.connect(lambda _i: self.form.focus_field(self.form.specs[0].name))
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_entry)
        self.form.created.connect(self._on_created)
        self.form.finished.connect(self.table.setFocus)
        self.form.edited.connect(self._on_edited)

    # -- showing the draft -------------------------------------------------------------
    def show_draft(self, draft: Pss, marks: Marks) -> None:
        self._draft = draft
        self._marks = marks
        entries = draft.entries(self.key)
        is_none = draft.is_none(self.key)
        row = self._select_after if self._select_after is not None else self.table.currentRow()
        self._select_after = None
        self.table.blockSignals(True)
        self.table.setRowCount(len(entries))
        for r, entry in enumerate(entries):
            for c, text in enumerate(self.view.row(entry)):
                item = self.table.item(r, c)
                if item is None:
                    item = QTableWidgetItem()
                    self.table.setItem(r, c, item)
                if item.text() != text:
                    item.setText(text)
                    item.setToolTip(text)
        for c in range(1, self.table.columnCount()):  # a column nobody filled says nothing
            cells = (self.table.item(r, c) for r in range(len(entries)))
            self.table.setColumnHidden(c, not any(i is not None and i.text() for i in cells))
        row = min(row, len(entries) - 1)
        if self.form.is_new:
            self.table.clearSelection()
            self.table.setCurrentCell(-1, -1)
        else:
            self.table.setCurrentCell(row, 0 if row >= 0 else -1)
        self.table.blockSignals(False)
        if not self.form.is_new:
            self._show_form(row)
        if self.none_box is not None:
            self.none_box.setChecked(is_none)
            self.none_box.setEnabled(not entries)
            self.none_box.setToolTip(
                ""
                if not entries
                else self.tr("The section has entries: remove them to state it empty.")
            )
        kept = draft.read_only(self.key)
        self.read_only_label.setText(self._texts.read_only(kept) if kept else "")
        self.read_only_label.setVisible(bool(kept))
        single = self.key == "organ_donation" and bool(entries)
        self.add_button.setEnabled(not is_none and not single)
        self.table.setVisible(not is_none)
        self.form.setVisible(not is_none)
        self.remove_button.setEnabled(row >= 0 and not self.form.is_new)
        self.set_marks(marks)

    def set_marks(self, marks: Marks) -> None:
        """Warning icons on the entries with problems, red borders on their fields."""
        self._marks = marks
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            if item is not None:
                item.setIcon(self._warning if r in marks else QIcon())
        if not self.form.is_new:
            self.form.mark_problems(marks.get(self.table.currentRow(), set()))
        if self.none_box is not None:
            set_marker(self.none_box, "problem", None in marks)

    def _show_form(self, row: int) -> None:
        entries = self._draft.entries(self.key) if self._draft is not None else ()
        if 0 <= row < len(entries):
            self.form.show_entry(entries[row])
            self.form.mark_problems(self._marks.get(row, set()))
        else:
            self.form.clear()
            self.form.mark_problems(set())

    def select_row(self, row: int) -> None:
        if not 0 <= row < self.table.rowCount():
            return
        self.form.is_new = False
        self.table.setCurrentCell(row, 0)
        self._show_form(row)
        self.remove_button.setEnabled(True)

    def _on_current_changed(self, row: int, _col: int, _old_row: int, _old_col: int) -> None:
        if row >= 0:
            self.form.is_new = False
        if not self.form.is_new:
            self._show_form(row)
        self.remove_button.setEnabled(row >= 0)

    # -- changing the draft ------------------------------------------------------------
    def add_entry(self) -> None:
        """Blank form for a new entry (Ctrl+N); the entry exists once filled in."""
        if not self.add_button.isEnabled():
            return
        self.table.blockSignals(True)
        self.table.clearSelection()
        self.table.setCurrentCell(-1, -1)
        self.table.blockSignals(False)
        self.remove_button.setEnabled(False)
        self.form.start_new()
        self.form.mark_problems(set())

    def remove_entry(self) -> None:
        row = self.table.currentRow()
        if self._draft is None or row < 0:
            return
        entries = self._draft.entries(self.key)
        self._select_after = min(row, len(entries) - 2)
        self._emit(
            _replaced(self._draft, {self.key: entries[:row] + entries[row + 1 :]}),
            self.tr("Remove entry"),
        )

    def _on_created(self, record: Entry) -> None:
        if self._draft is None:
            return
        entries = self._draft.entries(self.key)
        changes: dict[str, object] = {self.key: (*entries, record)}
        flag = NONE_FLAGS.get(self.key)
        if flag:
            changes[flag] = False
        self._select_after = len(entries)
        self._emit(_replaced(self._draft, changes), self.tr("Add entry"))

    def _on_edited(self, record: Entry, field: str) -> None:
        row = self.table.currentRow()
        if self._draft is None or row < 0:
            return
        entries = list(self._draft.entries(self.key))
        entries[row] = record
        self._emit(
            _replaced(self._draft, {self.key: tuple(entries)}),
            self.tr("Edit entry"),
            (self.key, row, field),
        )

    def _on_none_clicked(self, checked: bool) -> None:
        if self._draft is None:
            return
        self._emit(
            _replaced(self._draft, {NONE_FLAGS[self.key]: checked}),
            self.tr("State the section empty") if checked else self.tr("Section no longer empty"),
        )

    def _emit(self, draft: Pss, text: str, merge_key: Hashable | None = None) -> None:
        self.change.emit(draft, text, merge_key)


def _replaced(draft: Pss, changes: Mapping[str, Any]) -> Pss:
    """``draft`` with fields named at run time (a section's entries, its "none" flag):
    mypy cannot check those values against the fields, so they pass as Any."""
    return replace(draft, **changes)
