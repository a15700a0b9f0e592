""" "Aggiorna dal fascicolo": what the patient's documents suggest adding, for the doctor
to accept or reject one by one (or a whole section at once). Nothing enters the draft
without an accept. Each says why it is proposed ongoing or resolved. Items found but not
coded are listed "to be coded", and short courses "not proposed", for information.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fse_desk.pss.model import Coded, Entry, Pss
from fse_desk.pss.suggestions import Source, Suggestion, SuggestionSet, accept
from fse_desk_ui.formatting import format_date
from fse_desk_ui.pss.editor.fields import values_of
from fse_desk_ui.pss.editor.suggestion_reasons import reason_text
from fse_desk_ui.pss.sections import SectionView

SUGGESTION_ROLE = Qt.ItemDataRole.UserRole + 1
TITLE_ROLE = Qt.ItemDataRole.UserRole + 2


def _coded(entry: Entry) -> str:
    value = next((v for v in values_of(entry).values() if isinstance(v, Coded)), None)
    return f"{value.code} — {value.display}" if value is not None else ""


def _source(source: Source) -> str:
    return f"{source.title} ({format_date(date.fromisoformat(source.date))})"


class SuggestionsPanel(QWidget):
    accepted = Signal(object)  # list[Suggestion] to add to the draft, in one undo step

    def __init__(self, views: tuple[SectionView, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._titles = {v.key: v.title for v in views}
        self._found: SuggestionSet | None = None
        self._rejected: set[Suggestion] = set()
        self.summary = QLabel()
        self.summary.setObjectName("pssSuggestionsSummary")
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("pssSuggestions")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([self.tr("Entry"), self.tr("Found in"), self.tr("Source"), ""])
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.tree.setColumnWidth(0, 260)
        self.tree.setColumnWidth(2, 220)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self.tree.itemActivated.connect(lambda item, _c: self._accept_items([item]))
        reject = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.tree)
        reject.setContext(Qt.ShortcutContext.WidgetShortcut)
        reject.activated.connect(lambda: self._reject(self.tree.currentItem()))
        self.summary.setText(
            self.tr(
                "“Update from the FSE” reads the patient's documents since the last version "
                "and proposes problems, therapies and allergies to add."
            )
        )

    def show_suggestions(self, found: SuggestionSet, draft: Pss) -> None:
        """List what ``found`` proposes that ``draft`` does not already hold."""
        self._found = found
        self._rejected = set()
        self._render(draft)

    def follow(self, draft: Pss) -> None:
        """The draft changed (an edit, an accept, an undo): list what it still lacks, so
        an accepted suggestion leaves the list and comes back when the accept is undone.
        Rejected ones stay out."""
        if self._found is not None and self._fresh(draft) != self.pending():
            self._render(draft)

    def _fresh(self, draft: Pss) -> list[Suggestion]:
        assert self._found is not None
        return [
            s
            for s in self._found.suggestions
            if s not in self._rejected and accept(draft, s) is not draft
        ]

    def _render(self, draft: Pss) -> None:
        found = self._found
        assert found is not None
        self.tree.clear()
        fresh = self._fresh(draft)
        for key in dict.fromkeys(s.section for s in fresh):
            group = self._group(key, [s for s in fresh if s.section == key])
            group.setExpanded(True)
        if found.short_courses:
            group = QTreeWidgetItem(
                self.tree,
                [self.tr("Short courses, not proposed (%n)", "", len(found.short_courses))],
            )
            group.setToolTip(
                0,
                self.tr(
                    "The PSS lists the therapies the patient takes: a course of a few days is"
                    " over. Add one by hand if it is still going on."
                ),
            )
            self._bold(group)
            for course in found.short_courses:
                _row(group, course)
            group.setExpanded(False)
        if found.unmatched:
            group = QTreeWidgetItem(
                self.tree, [self.tr("To be coded (%n)", "", len(found.unmatched))]
            )
            self._bold(group)
            for item in found.unmatched:
                child = QTreeWidgetItem(
                    group,
                    [self._titles.get(item.section, item.section), item.text, _source(item.source)],
                )
                child.setToolTip(1, item.text)
            group.setExpanded(True)
        parts = [
            self.tr("%n new suggestion(s)", "", len(fresh)),
            self.tr("from %n document(s) read.", "", found.documents_read),
        ]
        if found.offline:
            parts.append(
                self.tr(
                    "%n document(s) could not be downloaded because the FSE cannot be reached"
                    " now: update again when back online to read them too.",
                    "",
                    found.not_downloaded,
                )
            )
        elif found.not_downloaded:
            parts.append(
                self.tr(
                    "%n document(s) not downloaded yet could not be read.", "", found.not_downloaded
                )
            )
        if found.documents_skipped:
            parts.append(
                self.tr(
                    "%n document(s) without structured text were skipped.",
                    "",
                    found.documents_skipped,
                )
            )
        self.summary.setText(" ".join(parts))

    def pending(self) -> list[Suggestion]:
        """The suggestions still waiting for a decision, in list order."""
        out = []
        for item in self._suggestion_items():
            found = item.data(0, SUGGESTION_ROLE)
            if isinstance(found, Suggestion):
                out.append(found)
        return out

    def item_of(self, suggestion: Suggestion) -> QTreeWidgetItem | None:
        for item in self._suggestion_items():
            if item.data(0, SUGGESTION_ROLE) == suggestion:
                return item
        return None

    def _suggestion_items(self) -> list[QTreeWidgetItem]:
        """The rows under the section groups, in list order."""
        groups = (self.tree.topLevelItem(g) for g in range(self.tree.topLevelItemCount()))
        return [item for group in groups if group is not None for item in _children(group)]

    # -- building --------------------------------------------------------------------
    def _group(self, key: str, suggestions: list[Suggestion]) -> QTreeWidgetItem:
        group = QTreeWidgetItem(self.tree)
        group.setData(0, TITLE_ROLE, self._titles.get(key, key))
        self._bold(group)
        all_button = self._button(
            self.tr("Accept all"), self.tr("Add every suggestion of this section to the draft")
        )
        all_button.clicked.connect(lambda: self._accept_items(_children(group)))
        self.tree.setItemWidget(group, 3, all_button)
        for suggestion in suggestions:
            item = _row(group, suggestion)
            item.setData(0, SUGGESTION_ROLE, suggestion)
            if suggestion.inferred:
                font = QFont(item.font(0))
                font.setItalic(True)
                item.setFont(0, font)
                item.setToolTip(
                    0, self.tr("Matched from the words of the document: check the code.")
                )
            self.tree.setItemWidget(item, 3, self._actions(item))
        self._count(group)
        return group

    def _actions(self, item: QTreeWidgetItem) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        yes = self._button(self.tr("Accept"), self.tr("Add it to the draft (Enter)"))
        no = self._button(self.tr("Reject"), self.tr("Leave it out (Del)"))
        yes.clicked.connect(lambda: self._accept_items([item]))
        no.clicked.connect(lambda: self._reject(item))
        row.addWidget(yes)
        row.addWidget(no)
        return box

    @staticmethod
    def _button(text: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        return button

    @staticmethod
    def _bold(item: QTreeWidgetItem) -> None:
        font = QFont(item.font(0))
        font.setBold(True)
        item.setFont(0, font)

    # -- deciding --------------------------------------------------------------------
    def _accept_items(self, items: list[QTreeWidgetItem]) -> None:
        chosen = [i.data(0, SUGGESTION_ROLE) for i in items]
        suggestions = [s for s in chosen if isinstance(s, Suggestion)]
        if not suggestions:
            return
        for item in items:
            self._remove(item)
        self.accepted.emit(suggestions)

    def _reject(self, item: QTreeWidgetItem | None) -> None:
        suggestion = None if item is None else item.data(0, SUGGESTION_ROLE)
        if item is not None and isinstance(suggestion, Suggestion):
            self._rejected.add(suggestion)
            self._remove(item)

    def _remove(self, item: QTreeWidgetItem) -> None:
        group = item.parent()
        if group is None:
            return
        group.removeChild(item)
        if group.childCount() == 0:
            self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(group))
        else:
            self._count(group)

    @staticmethod
    def _count(group: QTreeWidgetItem) -> None:
        group.setText(0, f"{group.data(0, TITLE_ROLE)} ({group.childCount()})")


def _row(group: QTreeWidgetItem, suggestion: Suggestion) -> QTreeWidgetItem:
    """A suggestion's row: the entry, why it is proposed so and the words it came from,
    the source document."""
    why = reason_text(suggestion)
    found = f"{why} — {suggestion.evidence}" if why else suggestion.evidence
    item = QTreeWidgetItem(group, [_coded(suggestion.entry), found, _source(suggestion.source)])
    item.setToolTip(1, f"{why}\n{suggestion.evidence}" if why else suggestion.evidence)
    item.setToolTip(2, _source(suggestion.source))
    return item


def _children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    children = (item.child(i) for i in range(item.childCount()))
    return [child for child in children if child is not None]
