"""A coded value typed ahead: the vocabulary is searched as the doctor types.

The popup lists "code — display" of the best matches; Enter takes the highlighted
one (the first when none is highlighted and the text does not begin with a code), as
does a click. A code the list lacks can be typed by hand as "code description" (for
example "714.0 Artrite reumatoide"): it is kept in the field's code system. Words that
match nothing are marked ``invalid`` and change nothing.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QLineEdit, QWidget

from fse_desk.pss.model import Coded
from fse_desk.pss.vocabularies import Term, Vocabulary
from fse_desk_ui.pss.editor.field_widgets import set_marker

TERM_ROLE = Qt.ItemDataRole.UserRole + 1
_SEPARATOR = " — "
_HAND_CODE = re.compile(r"^[A-Z0-9][A-Z0-9.\-]*$")


def coded_text(value: Coded | None) -> str:
    if value is None:
        return ""
    return f"{value.code}{_SEPARATOR}{value.display}" if value.display else value.code


class CodedField(QLineEdit):
    edited = Signal(object)  # the new Coded (or None when emptied and allowed)

    def __init__(
        self,
        vocabulary: Vocabulary | None,
        system: str,
        optional: bool,
        placeholder: str,
        limit: int = 12,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._vocabulary = vocabulary
        self._system = system
        self._optional = optional
        self._limit = limit
        self._value: Coded | None = None
        self.chosen_term: Term | None = None  # the vocabulary term of the last edit
        self.setPlaceholderText(placeholder)
        self.matches = QStandardItemModel(self)
        self.lookup = QCompleter(self.matches, self)
        self.lookup.setWidget(self)
        self.lookup.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.lookup.setMaxVisibleItems(limit)
        # the QModelIndex overload; PySide6's stubs give SignalInstance no __getitem__
        self.lookup.activated[QModelIndex].connect(self._on_activated)  # type: ignore[index]
        self.textEdited.connect(self._on_text_edited)
        self.returnPressed.connect(self._on_return)
        self.editingFinished.connect(self._on_editing_finished)

    def value(self) -> Coded | None:
        return self._value

    def set_value(self, value: object) -> None:
        assert value is None or isinstance(value, Coded)
        self._value = value
        set_marker(self, "invalid", False)
        if self.text() != coded_text(value):
            self.setText(coded_text(value))

    # -- searching --------------------------------------------------------------------
    def _on_text_edited(self, text: str) -> None:
        set_marker(self, "invalid", False)
        self.matches.clear()
        if self._vocabulary is None or not text.strip():
            self._popup().hide()
            return
        for term in self._vocabulary.search(text, self._limit):
            item = QStandardItem(f"{term.code}{_SEPARATOR}{term.display}")
            item.setData(term, TERM_ROLE)
            item.setEditable(False)
            self.matches.appendRow(item)
        if self.matches.rowCount():
            self.lookup.complete()
        else:
            self._popup().hide()

    def _popup(self) -> QAbstractItemView:
        popup = self.lookup.popup()
        assert popup is not None  # QCompleter makes its popup when first asked
        return popup

    # -- choosing ---------------------------------------------------------------------
    def _on_activated(self, index: QModelIndex) -> None:
        term = index.data(TERM_ROLE)
        if isinstance(term, Term):
            self._commit(term.coded(), term)

    def _on_return(self) -> None:
        popup = self._popup()
        index = popup.currentIndex() if popup.isVisible() else QModelIndex()
        if not index.isValid() and self.matches.rowCount() and not self._starts_with_code():
            index = self.matches.index(0, 0)
        popup.hide()
        if index.isValid():
            self._on_activated(index)
        else:
            self._resolve_typed()

    def _starts_with_code(self) -> bool:
        """Whether the text is a code rather than words to search (a listed code, or a
        word with a digit followed by a description): then Enter takes it as typed."""
        first, _sep, rest = self.text().strip().partition(" ")
        listed = self._vocabulary is not None and self._vocabulary.get(first) is not None
        return listed or (any(c.isdigit() for c in first) and bool(rest.strip()))

    def _on_editing_finished(self) -> None:
        if not self._popup().isVisible():
            self._resolve_typed()

    def _resolve_typed(self) -> None:
        """The typed text as a code: a listed code, or "code description" typed by hand."""
        text = self.text().strip()
        if text == coded_text(self._value):
            return
        if not text:
            if self._optional:
                self._commit(None, None)
            else:
                set_marker(self, "invalid", True)
            return
        code, _sep, display = (
            text.partition(_SEPARATOR) if _SEPARATOR in text else text.partition(" ")
        )
        code, display = code.strip(), display.strip(" -–—")
        term = self._vocabulary.get(code) if self._vocabulary is not None else None
        if term is not None:
            self._commit(Coded(term.code, term.system, display or term.display), term)
        elif _HAND_CODE.match(code):
            same = self._value is not None and self._value.code == code
            system = self._value.system if same and self._value else self._system
            self._commit(Coded(code, system, display), None)
        else:
            set_marker(self, "invalid", True)

    def _commit(self, value: Coded | None, term: Term | None) -> None:
        self.matches.clear()
        self.chosen_term = term
        changed = value != self._value
        self.set_value(value)
        if changed:
            self.edited.emit(value)
