"""The compact form of one entry, built from the record's fields (one form per section).

An existing entry changes as the doctor types (``edited``). A new entry lives only in
the form until every required field has a value, then it is ``created``: nothing
half-filled enters the draft.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from fse_desk.pss.model import Entry
from fse_desk.pss.vocabularies import Term
from fse_desk_ui.pss.editor.coded_field import CodedField
from fse_desk_ui.pss.editor.field_widgets import (
    CheckField,
    ChoiceField,
    CountField,
    DateField,
    NumberField,
    TextField,
    UndoPassThrough,
    set_marker,
)
from fse_desk_ui.pss.editor.fields import (
    TERM_FILLS,
    FieldSpec,
    Kind,
    build,
    field_specs,
    missing,
    new_values,
    values_of,
)
from fse_desk_ui.pss.editor.labels import FieldLabels
from fse_desk_ui.pss.editor.vocabulary_set import EditorVocabularies

_WIDE = frozenset(
    {"note", "description", "reason", "result", "outcome", "value", "name", "frequency"}
)  # posologies are sentences: "1 compressa dopo colazione e cena"
"""Text fields given a whole row: free text the doctor writes sentences in."""

FieldWidget = (
    CodedField | TextField | DateField | NumberField | CountField | CheckField | ChoiceField
)
"""A field's widget: each has value(), set_value(value) and the edited(value) signal."""


class EntryForm(QWidget):
    edited = Signal(object, str)  # the changed record, the name of the field typed in
    created = Signal(object)  # a new record, every required field filled
    finished = Signal()  # Enter in the last field: back to the list of entries

    def __init__(
        self,
        section: str,
        vocabularies: EditorVocabularies,
        labels: FieldLabels,
        enum_label: Callable[[enum.Enum], str],
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.section = section
        self.specs = field_specs(section)
        self._labels = labels
        self._today = today
        self._record: Entry | None = None
        self._values: dict[str, object] = {}
        self.is_new = False
        self._pass_undo = UndoPassThrough(self)
        self.widgets: dict[str, FieldWidget] = {}
        self.hint = QLabel()
        self.hint.setObjectName("pssFormHint")
        self.hint.setWordWrap(True)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        row, col = 0, 0
        for spec in self.specs:
            widget = self._make(spec, vocabularies, enum_label)
            self.widgets[spec.name] = widget
            widget.setObjectName(f"field_{spec.name}")
            widget.edited.connect(lambda value, s=spec: self._on_edited(s, value))
            if isinstance(widget, QLineEdit):  # Enter confirms the value and moves on
                widget.returnPressed.connect(lambda s=spec: self._next_field(s))
            label = QLabel("" if spec.kind is Kind.BOOL else self._label(spec))
            label.setBuddy(widget)
            wide = spec.kind is Kind.CODED or (spec.kind is Kind.TEXT and spec.name in _WIDE)
            if wide and col:
                row, col = row + 1, 0
            grid.addWidget(label, row, col)
            narrow = spec.kind in (Kind.DATE, Kind.FLOAT, Kind.INT)
            grid.addWidget(
                widget,
                row,
                col + 1,
                1,
                3 if wide else 1,
                Qt.AlignmentFlag.AlignLeft if narrow else Qt.AlignmentFlag(0),
            )
            row, col = (row + 1, 0) if wide or col else (row, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.hint)
        layout.addLayout(grid)
        self.clear()

    def _label(self, spec: FieldSpec) -> str:
        text = self._labels.label(self.section, spec.name)
        return f"{text} *" if spec.required else text

    def _make(
        self,
        spec: FieldSpec,
        vocabularies: EditorVocabularies,
        enum_label: Callable[[enum.Enum], str],
    ) -> FieldWidget:
        widget: FieldWidget
        if spec.kind is Kind.CODED:
            vocabulary = vocabularies.get(spec.vocabulary)
            widget = CodedField(
                vocabulary,
                spec.system,
                spec.optional,
                self.tr("Type a code or the first letters of a word")
                if vocabulary
                else self.tr("Type the code, then the description"),
            )
        elif spec.kind is Kind.DATE:
            widget = DateField(self.tr("dd/mm/yyyy"))
        elif spec.kind is Kind.FLOAT:
            widget = NumberField()
        elif spec.kind is Kind.INT:
            widget = CountField()
        elif spec.kind is Kind.BOOL:
            widget = CheckField(self._label(spec))
        elif spec.kind is Kind.CHOICE:
            widget = ChoiceField(spec.choices, enum_label, spec.optional)
        else:
            widget = TextField()
        if spec.kind is not Kind.CHOICE and spec.kind is not Kind.BOOL:
            widget.installEventFilter(self._pass_undo)
        return widget

    # -- what the form shows ------------------------------------------------------------
    def show_entry(self, record: Entry) -> None:
        """Show an entry of the draft (its values replace what the fields show)."""
        self.setEnabled(True)
        self.is_new = False
        self._record = record
        self._show_values(values_of(record))
        self.hint.hide()

    def start_new(self) -> None:
        """Blank fields for a new entry; it is created when the required ones are filled."""
        self.setEnabled(True)
        self.is_new = True
        self._record = None
        self._show_values(new_values(self.section, self._today()))
        self._show_missing()
        self.focus_field(self.specs[0].name)

    def clear(self) -> None:
        """No entry selected: the form is empty and disabled."""
        self.is_new = False
        self._record = None
        self._show_values(new_values(self.section, self._today()))
        self.hint.setText(self.tr("Select an entry, or add one with Ctrl+N."))
        self.hint.show()
        self.setEnabled(False)

    def _show_values(self, values: dict[str, object]) -> None:
        self._values = values
        for name, widget in self.widgets.items():
            widget.set_value(values[name])
            set_marker(widget, "invalid", False)

    def _show_missing(self) -> None:
        names = [
            self._labels.label(self.section, s.name)
            for s in self.specs
            if missing(s, self._values[s.name])
        ]
        self.hint.setText(self.tr("New entry: fill in {fields}.").format(fields=", ".join(names)))
        self.hint.setVisible(bool(names))

    def mark_problems(self, names: set[str]) -> None:
        """Draw the fields named in validation problems (red border)."""
        for name, widget in self.widgets.items():
            set_marker(widget, "problem", name in names)

    def focus_field(self, name: str) -> None:
        widget = self.widgets.get(name)
        if widget is not None:
            widget.setFocus()
            if hasattr(widget, "selectAll"):
                widget.selectAll()

    # -- the doctor types --------------------------------------------------------------
    def _next_field(self, spec: FieldSpec) -> None:
        if self.widgets[spec.name].property("invalid"):
            return
        names = [s.name for s in self.specs]
        following = names[names.index(spec.name) + 1 :]
        if following:
            self.focus_field(following[0])
        else:
            self.finished.emit()

    def _on_edited(self, spec: FieldSpec, value: object) -> None:
        values = dict(self._values)
        values[spec.name] = value
        widget = self.widgets[spec.name]
        term = getattr(widget, "chosen_term", None)
        fill = TERM_FILLS.get((self.section, spec.name))
        if isinstance(term, Term) and fill is not None:
            for name, filled in fill(term).items():
                values[name] = filled
                self.widgets[name].set_value(filled)
        self._values = values
        set_marker(widget, "invalid", missing(spec, value))
        record = build(self.section, values)
        if self.is_new:
            self._show_missing()
        if record is None or record == self._record:
            return
        self._record = record
        if self.is_new:
            self.is_new = False
            self.created.emit(record)
        else:
            self.edited.emit(record, spec.name)
