"""The PSS editor: sections on the left, the selected section on the right, the checks
and the suggestions from the FSE below; undo/redo, autosave, "Aggiorna dal fascicolo"
and "Pubblica" on top.

Every change is a whole-draft snapshot on the undo stack (:mod:`.commands`); after
each one the draft is saved (debounced) and checked again (debounced).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import date, datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fse_desk._types import PatientId
from fse_desk.pss.errors import PssNotPublishable
from fse_desk.pss.model import Pss
from fse_desk.pss.service import PssService
from fse_desk.pss.suggestions import Suggestion, SuggestionSet, accept
from fse_desk.pss.validator import CheckIssue, validate_pss
from fse_desk_ui.messages import user_message
from fse_desk_ui.pss.editor.commands import DraftChange
from fse_desk_ui.pss.editor.draft_saver import DraftSaver
from fse_desk_ui.pss.editor.editor_bar import EditorBar
from fse_desk_ui.pss.editor.labels import FieldLabels
from fse_desk_ui.pss.editor.problem_texts import ProblemTexts, locate
from fse_desk_ui.pss.editor.publish_confirm import PublishConfirmDialog
from fse_desk_ui.pss.editor.section_list import SectionList
from fse_desk_ui.pss.editor.section_panel import Marks, SectionPanel
from fse_desk_ui.pss.editor.suggestions_panel import SuggestionsPanel
from fse_desk_ui.pss.editor.tasks import PUBLISH, PssTasks
from fse_desk_ui.pss.editor.validation_panel import ValidationPanel
from fse_desk_ui.pss.editor.vocabulary_set import EditorVocabularies
from fse_desk_ui.pss.sections import PssTexts
from fse_desk_ui.signing_passphrase import unlock_then

STYLE = """
*[problem="true"], *[invalid="true"] { border: 1px solid #c62828; background: #fdecea; }
QLabel#pssFormHint { color: #555; font-style: italic; }
QLabel#pssRequired { color: #8a1c12; font-size: 9pt; }
"""


class PssEditor(QWidget):
    closed = Signal(object)  # the outbox entry id once published; None when just left
    saved = Signal(object)  # when the draft was saved (datetime)
    save_failed = Signal(object)  # the exception (shown; the next change tries again)
    validated = Signal(object)  # list[CheckIssue] of the last check
    suggestions_shown = Signal(object)  # the SuggestionSet, or the exception
    publish_failed = Signal(object)  # the exception
    confirmation_requested = Signal(object)  # the PublishConfirmDialog now open
    passphrase_requested = Signal(object)  # the SigningPassphraseDialog now open

    def __init__(
        self,
        service: PssService,
        patient_id: PatientId,
        draft: Pss,
        *,
        vocabularies: EditorVocabularies,
        today: Callable[[], date] = date.today,
        saved_at: datetime | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setStyleSheet(STYLE)
        self._today = today
        self._signing = service.signing
        self.draft = draft
        self.problems: list[CheckIssue] = []
        self._marks: dict[str, Marks] = {}
        self._done = False
        texts = PssTexts(self)
        views = texts.section_views()
        labels = FieldLabels(self)
        self._problem_texts = ProblemTexts(labels, self)
        self.undo_stack = QUndoStack(self)
        self.tasks = PssTasks(service, patient_id, self)
        self._saver = DraftSaver(lambda pss: service.save_draft(patient_id, pss), parent=self)
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(300)
        self._check_timer.timeout.connect(self.validate_now)

        self.undo_action = self._action(
            QAction(self.tr("Undo"), self), QKeySequence.StandardKey.Undo
        )
        self.undo_action.triggered.connect(self.undo_stack.undo)
        self.undo_stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.redo_action = self._action(
            QAction(self.tr("Redo"), self), QKeySequence.StandardKey.Redo
        )
        self.redo_action.triggered.connect(self.undo_stack.redo)
        self.undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.new_entry_action = self._action(
            QAction(self.tr("New entry"), self), QKeySequence.StandardKey.New
        )
        self.new_entry_action.triggered.connect(lambda: self.current_panel().add_entry())
        self.bar = EditorBar(draft.version, self.undo_action, self.redo_action)

        self.section_list = SectionList(views)
        self.panels = {v.key: SectionPanel(v, vocabularies, labels, texts, today) for v in views}
        self.panel_stack = QStackedWidget()
        for panel in self.panels.values():
            self.panel_stack.addWidget(panel)
            panel.change.connect(self._on_change)
        self.checks = ValidationPanel(self._problem_texts)
        self.suggestions = SuggestionsPanel(views)
        self.bottom_tabs = QTabWidget()
        self.bottom_tabs.addTab(self.checks, "")
        self.bottom_tabs.addTab(self.suggestions, "")
        self._layout()

        self.section_list.section_selected.connect(self._on_section_selected)
        self.checks.problem_activated.connect(self.reveal)
        self.suggestions.accepted.connect(self.accept_suggestions)
        self.bar.refresh_button.clicked.connect(self.refresh_from_fse)
        self.tasks.started.connect(self._on_task_started)
        self.tasks.ended.connect(lambda: self.bar.set_busy(None))
        self.tasks.suggested.connect(self._on_suggestions)
        self.tasks.published.connect(self._on_published)
        self.tasks.failed.connect(self._on_task_failed)
        self.tasks.progress.connect(self.bar.show_progress)
        self.tasks.cancelled.connect(self._on_suggestions_stopped)
        self.bar.stop_button.clicked.connect(self.tasks.cancel)
        self.bar.publish_button.clicked.connect(self.publish)
        self.bar.close_button.clicked.connect(self.leave)
        self._saver.saved.connect(self._on_saved)
        self._saver.failed.connect(self._on_save_failed)
        if saved_at is not None:
            self._on_saved(saved_at)
        self.section_list.select(views[0].key)
        self.validate_now()
        self._update_tab_titles()

    def _action(self, action: QAction, keys: QKeySequence.StandardKey) -> QAction:
        action.setShortcuts(keys)
        action.setEnabled(keys is QKeySequence.StandardKey.New)
        action.setToolTip(f"{action.text()} ({QKeySequence(keys).toString()})")
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(action)
        return action

    def _layout(self) -> None:
        sides = QSplitter(Qt.Orientation.Horizontal)
        sides.addWidget(self.section_list)
        # The section's form scrolls rather than making the window taller than a laptop's
        # 768 px (614 logical pixels at 125 %).
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QScrollArea.Shape.NoFrame)
        scroller.setWidget(self.panel_stack)
        sides.addWidget(scroller)
        sides.setStretchFactor(1, 1)
        sides.setSizes([250, 700])
        self.main_splitter = QSplitter(Qt.Orientation.Vertical)
        self.main_splitter.addWidget(sides)
        self.main_splitter.addWidget(self.bottom_tabs)
        self.main_splitter.setStretchFactor(0, 3)
        self.main_splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.bar)
        layout.addWidget(self.main_splitter, 1)

    # -- the draft changes ---------------------------------------------------------------
    def current_panel(self) -> SectionPanel:
        return self.panels[self.section_list.current_key() or "allergies"]

    def _on_change(self, new: Pss, text: str, merge_key: Hashable | None) -> None:
        if new != self.draft:
            self.undo_stack.push(DraftChange(text, self.draft, new, self._apply, merge_key))

    def _apply(self, draft: Pss) -> None:
        self.draft = draft
        self.current_panel().show_draft(draft, self._marks.get(self.current_panel().key, {}))
        self.section_list.show_state(draft, set(self._marks))
        self.suggestions.follow(draft)
        self._update_tab_titles()
        self._saver.schedule(draft)
        self._check_timer.start()

    def _on_section_selected(self, key: str) -> None:
        panel = self.panels[key]
        self.panel_stack.setCurrentWidget(panel)
        panel.show_draft(self.draft, self._marks.get(key, {}))

    # -- checks ------------------------------------------------------------------------------
    def validate_now(self) -> None:
        self._check_timer.stop()
        self._show_problems(validate_pss(self.draft, self._today()))

    def _show_problems(self, problems: list[CheckIssue], refused: bool = False) -> None:
        self.problems = problems
        marks: dict[str, Marks] = {}
        for problem in problems:
            ref = locate(problem.field)
            if ref is not None:
                marks.setdefault(ref.section, {}).setdefault(ref.row, set()).add(ref.field)
        self._marks = marks
        self.checks.show_problems(problems, self.draft, refused)
        self.section_list.show_state(self.draft, set(marks))
        self.current_panel().set_marks(marks.get(self.current_panel().key, {}))
        self._update_tab_titles()
        self.validated.emit(problems)

    def reveal(self, problem: CheckIssue) -> None:
        """Take the doctor to the field of ``problem``: section, entry row, field."""
        ref = locate(problem.field)
        if ref is None:
            return
        self.section_list.select(ref.section)
        panel = self.panels[ref.section]
        if ref.row is not None and ref.row < panel.table.rowCount():
            panel.select_row(ref.row)
            panel.form.focus_field(ref.field or panel.form.specs[0].name)
        elif panel.none_box is not None and panel.none_box.isEnabled():
            panel.none_box.setFocus()
        else:
            panel.table.setFocus()

    def _update_tab_titles(self) -> None:
        self.bottom_tabs.setTabText(0, self.tr("Checks (%n)", "", len(self.problems)))
        self.bottom_tabs.setTabText(
            1, self.tr("From the FSE (%n)", "", len(self.suggestions.pending()))
        )

    # -- autosave ------------------------------------------------------------------------------
    def _on_saved(self, when: datetime) -> None:
        self.bar.show_saved(when)
        self.saved.emit(when)

    def _on_save_failed(self, exc: BaseException) -> None:
        self.bar.show_not_saved()
        self.bar.show_message(user_message(exc), error=True)
        self.save_failed.emit(exc)

    def hideEvent(self, event: QHideEvent) -> None:
        if not self._done:
            self._saver.flush()
        super().hideEvent(event)

    def leave(self, *, force: bool = False) -> bool:
        """Save and close the editor (back to the published PSS). When saving fails it
        stays open, unless ``force``d (another patient is chosen); False then."""
        saved = self._saver.flush()
        if saved or force:
            self._done = True
            self.closed.emit(None)
        return saved

    # -- "Aggiorna dal fascicolo" -------------------------------------------------------
    def refresh_from_fse(self) -> None:
        self.tasks.suggest()

    def _on_suggestions(self, found: SuggestionSet) -> None:
        if self._done:
            return
        self.suggestions.show_suggestions(found, self.draft)
        self.bottom_tabs.setCurrentWidget(self.suggestions)
        sizes = self.main_splitter.sizes()
        if sizes[1] < 240:  # room for the list the doctor now goes through
            self.main_splitter.setSizes([sum(sizes) - 240, 240])
        self._update_tab_titles()
        self.suggestions_shown.emit(found)

    def _on_task_failed(self, task: str, exc: BaseException) -> None:
        if self._done:
            return
        if task == PUBLISH:
            self._on_publish_failed(exc)
        else:
            self.bar.show_message(user_message(exc), error=True)
            self.suggestions_shown.emit(exc)

    def _on_task_started(self, task: str) -> None:
        if task == PUBLISH:
            self.bar.set_busy(self.tr("Signing the PSS…"))
        else:
            self.bar.set_busy(self.tr("Reading the patient's documents…"), stoppable=True)

    def _on_suggestions_stopped(self) -> None:
        if not self._done:
            self.bar.show_message(
                self.tr(
                    "Update from the FSE stopped. The documents downloaded so far are kept:"
                    " click it again to go on."
                ),
                error=False,
            )

    def accept_suggestions(self, chosen: list[Suggestion]) -> None:
        """Add the chosen suggestions to the draft, as one undoable step."""
        new = self.draft
        for suggestion in chosen:
            new = accept(new, suggestion)
        if chosen:
            self.section_list.select(chosen[0].section)
        self._on_change(new, self.tr("Accept suggestions from the FSE"), None)
        self._update_tab_titles()

    # -- publishing -----------------------------------------------------------------------
    def publish(self) -> None:
        """Sign and queue the draft, once the doctor has seen it and confirmed.

        A draft with problems goes straight to the service, which refuses it and lists
        them (nothing is signed); a clean one is shown for confirmation first.
        """
        if self.tasks.running is not None or not self._saver.flush():
            return
        if validate_pss(self.draft, self._today()):
            self._sign_and_queue()
            return
        dialog = PublishConfirmDialog(self.draft, self)
        dialog.accepted.connect(self._unlock_then_sign)
        dialog.open()
        self.confirmation_requested.emit(dialog)

    def _unlock_then_sign(self) -> None:
        # The session's first signature: the certificate opens with its passphrase.
        dialog = unlock_then(self._signing, self, self._sign_and_queue)
        if dialog is not None:
            self.passphrase_requested.emit(dialog)

    def _sign_and_queue(self) -> None:
        if self.tasks.running is not None:
            return
        self.main_splitter.setEnabled(False)  # nothing changes while it is signed
        self.bar.close_button.setEnabled(False)
        self.tasks.publish(self.draft, self._today())

    def _on_published(self, entry_id: int) -> None:
        if self._done:
            return
        self._saver.cancel()  # the service dropped the saved draft with the publication
        self._done = True
        self.closed.emit(entry_id)

    def _on_publish_failed(self, exc: BaseException) -> None:
        self.main_splitter.setEnabled(True)
        self.bar.close_button.setEnabled(True)
        if isinstance(exc, PssNotPublishable):
            self._show_problems(list(exc.problems), refused=True)
            self.bottom_tabs.setCurrentWidget(self.checks)
            self.bar.show_message(
                self.tr("The PSS was not sent: see the points to correct below."), error=True
            )
        else:
            self.bar.show_message(user_message(exc), error=True)
        self.publish_failed.emit(exc)
