"""One input widget per kind of field value: text, date, number, count, yes/no, choice.

Every widget has ``value()``, ``set_value(value)`` (silent) and an ``edited(value)``
signal emitted only when the doctor changes it, with a value the record accepts.
Text that cannot be read (a date like 31/02/2020) is marked ``invalid`` and not
emitted. Coded values have their own widget (:mod:`fse_desk_ui.pss.editor.coded_field`).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox, QWidget

from fse_desk_ui.formatting import format_date

_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$|^(\d{2})(\d{2})(\d{4})$")


def set_marker(widget: QWidget, name: str, on: bool) -> None:
    """Set a boolean dynamic property the editor's style sheet draws (red border…)."""
    if bool(widget.property(name)) == on:
        return
    widget.setProperty(name, on)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class UndoPassThrough(QObject):
    """Lets Ctrl+Z / Ctrl+Shift+Z reach the editor's undo stack from a text field (a
    QLineEdit would otherwise claim them for its own, per-field undo)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            return event.matches(QKeySequence.StandardKey.Undo) or event.matches(
                QKeySequence.StandardKey.Redo
            )
        return False


def parse_date(text: str) -> date | None:
    """``12/03/2020``, ``12-3-2020``, ``12.03.2020`` or ``12032020``; None when not a date."""
    match = _DATE.match(text.strip())
    if match is None:
        return None
    day, month, year = (int(g) for g in match.groups() if g is not None)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_number(text: str) -> float | None:
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        return None


def format_number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


class TextField(QLineEdit):
    edited = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.textEdited.connect(self.edited.emit)

    def value(self) -> str:
        return self.text()

    def set_value(self, value: object) -> None:
        if self.text() != (value or ""):
            self.setText(str(value or ""))


class _ParsedField(QLineEdit):
    """A line edit whose text is parsed into a value; empty text is None."""

    edited = Signal(object)

    def __init__(
        self,
        parse: Callable[[str], object | None],
        show: Callable[[Any], str],  # takes what parse gives, as the record holds it
        placeholder: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._parse = parse
        self._show = show
        self.setPlaceholderText(placeholder)
        self.textEdited.connect(self._on_text_edited)
        self.editingFinished.connect(self._on_editing_finished)

    def value(self) -> object | None:
        return self._parse(self.text()) if self.text().strip() else None

    def set_value(self, value: object) -> None:
        set_marker(self, "invalid", False)
        if self.value() != value or (value is None and self.text()):
            self.setText("" if value is None else self._show(value))

    def _on_text_edited(self, text: str) -> None:
        if not text.strip():
            set_marker(self, "invalid", False)
            self.edited.emit(None)
            return
        value = self._parse(text)
        if value is not None:
            set_marker(self, "invalid", False)
            self.edited.emit(value)

    def _on_editing_finished(self) -> None:
        value = self.value()
        set_marker(self, "invalid", bool(self.text().strip()) and value is None)
        if value is not None and self.text() != self._show(value):
            self.setText(self._show(value))  # 1/3/2020 → 01/03/2020


class DateField(_ParsedField):
    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parse_date, format_date, placeholder, parent)
        self.setMaximumWidth(120)


class NumberField(_ParsedField):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parse_number, format_number, "", parent)
        self.setMaximumWidth(120)


class CountField(QSpinBox):
    """A whole number that may be absent (shown as "—" below the range)."""

    edited = Signal(object)
    _NONE = -1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(self._NONE, 150)
        self.setSpecialValueText("—")
        self.setMaximumWidth(90)
        self.valueChanged.connect(self._on_changed)
        self._silent = False

    # None below the range: value() means the same on every field widget of the form
    def value(self) -> int | None:  # type: ignore[override]
        number = super().value()
        return None if number == self._NONE else number

    def set_value(self, value: object) -> None:
        assert value is None or isinstance(value, int)  # the records' whole-number fields
        self._silent = True
        self.setValue(self._NONE if value is None else value)
        self._silent = False

    def _on_changed(self, _number: int) -> None:
        if not self._silent:
            self.edited.emit(self.value())


class CheckField(QCheckBox):
    edited = Signal(object)

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.clicked.connect(lambda: self.edited.emit(self.isChecked()))

    def value(self) -> bool:
        return self.isChecked()

    def set_value(self, value: object) -> None:
        self.setChecked(bool(value))


class ChoiceField(QComboBox):
    """An enum value by its Italian label; "—" first when the field may be empty."""

    edited = Signal(object)

    def __init__(
        self,
        choices: tuple[enum.Enum, ...],
        label: Callable[[enum.Enum], str],
        optional: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._values: list[enum.Enum | None] = [None] if optional else []
        self._values.extend(choices)
        for value in self._values:
            self.addItem("—" if value is None else label(value))
        self.setPlaceholderText("—")
        self.activated.connect(lambda i: self.edited.emit(self._values[i]))

    def value(self) -> enum.Enum | None:
        return self.value_at(self.currentIndex())

    def value_at(self, index: int) -> enum.Enum | None:
        return self._values[index] if 0 <= index < len(self._values) else None

    def set_value(self, value: object) -> None:
        self.setCurrentIndex(self._values.index(value) if value in self._values else -1)
