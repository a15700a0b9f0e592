"""The button above the PSS that opens the editor, for an MMG/PLS who may publish it:
"New version", or "Resume draft" with when the draft was saved. Others see no button.

A patient who moved to another GP can no longer have a PSS published: a draft of
theirs left here is shown with "Discard draft…" (and stays until discarded).

A new version is started off the GUI thread (the current version may be fetched, the
vocabularies read); the editor is built when it is ready.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QWidget,
)

from fse_desk.domain.patient import ConsentState, Patient
from fse_desk.pss.model import Pss
from fse_desk.pss.service import PssService, PublisherLike
from fse_desk_ui.formatting import format_datetime
from fse_desk_ui.messages import user_message
from fse_desk_ui.pss.editor.editor import PssEditor
from fse_desk_ui.pss.editor.field_widgets import set_marker
from fse_desk_ui.pss.editor.vocabulary_set import EditorVocabularies
from fse_desk_ui.workers import Worker, WorkerSignals

STYLE = """
QLabel#pssNotice { color: #1b5e20; font-weight: 600; }
QLabel#pssNotice[error="true"] { color: #8a1c12; }
"""


class EditLauncher(QWidget):
    editor_opened = Signal(object)  # the PssEditor, ready to be shown
    editor_closed = Signal(object)  # the outbox entry id when it published, else None
    draft_discarded = Signal(object)  # the patient id: a departed patient's draft is gone

    def __init__(
        self,
        service: PssService,
        operator: PublisherLike,
        *,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._operator = operator
        self._today = today
        self.patient: Patient | None = None
        self._saved: tuple[Pss, datetime] | None = None
        self._job: WorkerSignals | None = None
        self.editor: PssEditor | None = None
        self.setStyleSheet(STYLE)
        self.edit_button = QPushButton()
        self.edit_button.setObjectName("pssEditButton")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(90)
        self.notice = QLabel()
        self.notice.setObjectName("pssNotice")
        self.notice.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.notice, 10)
        layout.addStretch(1)  # keeps the button compact, on the right, when there is no notice
        layout.addWidget(self.busy)
        layout.addWidget(self.edit_button)
        self.discard_button = QPushButton(self.tr("Discard draft…"))
        self.discard_button.setObjectName("pssDiscardButton")
        layout.addWidget(self.discard_button)
        self.edit_button.clicked.connect(self.open_editor)
        self.discard_button.clicked.connect(self.ask_discard)
        self.show_patient(None)

    def show_patient(self, patient: Patient | None) -> None:
        """The button for ``patient``: none unless the operator may publish their PSS.

        An open editor stays open for the same patient (a sync refreshed the record);
        for another patient it is left, its draft saved.
        """
        if self.editor is not None and patient is not None and patient.id == self.patient_id:
            self.patient = patient
            return
        saved = self._close_editor()
        self._job = None
        self.patient = patient
        self._saved = None
        self.busy.hide()
        self.notice.hide()
        self.edit_button.setEnabled(True)
        allowed = (
            patient is not None
            and patient.consent is ConsentState.GRANTED
            and self._service.can_publish(self._operator, patient)[0]
        )
        if not saved:
            self.show_notice(self.tr("The draft you were editing could not be saved."), error=True)
        self.discard_button.hide()
        if not allowed or patient is None:
            self.edit_button.hide()
            if patient is not None and patient.departed:
                self._offer_discard(patient)
            self.setVisible(not self.notice.isHidden())
            return
        try:
            self._saved = self._service.draft(patient.id, self._operator.codice_fiscale)
        except Exception as exc:  # shown: the doctor can still start a new version
            self.show_notice(user_message(exc), error=True)
        if self._saved is None:
            self.edit_button.setText(self.tr("New version"))
            self.edit_button.setToolTip(
                self.tr("Write a new version of the PSS, starting from the current one")
            )
        else:
            self.edit_button.setText(
                self.tr("Resume draft (saved {when})").format(when=format_datetime(self._saved[1]))
            )
            self.edit_button.setToolTip(self.tr("Go on with the draft you left"))
        self.edit_button.show()
        self.setVisible(True)

    def _offer_discard(self, patient: Patient) -> None:
        saved = self._service.draft(patient.id, self._operator.codice_fiscale)
        if saved is None:
            return
        self.show_notice(
            self.tr(
                "This patient moved to another GP: your PSS draft (saved {when}) can no "
                "longer be published."
            ).format(when=format_datetime(saved[1])),
            error=True,
        )
        self.discard_button.show()

    def ask_discard(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Discard draft"),
            self.tr("Discard your unsent PSS draft for this patient? It cannot be recovered."),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.discard_draft()

    def discard_draft(self) -> None:
        """Discard the operator's draft of the patient shown (one who moved elsewhere)."""
        patient = self.patient
        if patient is None:
            return
        self._service.discard_draft(patient.id, self._operator.codice_fiscale)
        self.discard_button.hide()
        self.show_notice(self.tr("Draft discarded."))
        self.draft_discarded.emit(patient.id)

    @property
    def resumes(self) -> bool:
        return self._saved is not None

    @property
    def patient_id(self) -> str | None:
        return self.patient.id if self.patient is not None else None

    def show_notice(self, text: str, *, error: bool = False) -> None:
        self.notice.setText(text)
        set_marker(self.notice, "error", error)
        self.notice.show()
        self.setVisible(True)

    def open_editor(self) -> None:
        patient = self.patient
        if patient is None:
            return
        service, saved = self._service, self._saved

        def prepare(
            _report: object, _cancel: object
        ) -> tuple[Pss, datetime | None, EditorVocabularies]:
            vocabularies = EditorVocabularies.load(service.vocabulary)
            if saved is not None:
                return saved[0], saved[1], vocabularies
            return service.start_draft(patient.id), None, vocabularies

        self.edit_button.setEnabled(False)
        self.busy.show()
        self.notice.hide()
        worker = Worker(prepare)
        self._job = worker.signals
        # Bound methods: Qt drops the connections if this widget is gone first.
        worker.signals.succeeded.connect(self._on_ready)
        worker.signals.failed.connect(self._on_failed)
        worker.start()

    def _current_job(self) -> bool:
        """Whether the worker reporting is the last one started for this patient."""
        return self._job is not None and self.sender() is self._job

    def _on_ready(self, result: tuple[Pss, datetime | None, EditorVocabularies]) -> None:
        if not self._current_job() or self.patient is None:
            return
        self._job = None
        self.busy.hide()
        self.edit_button.setEnabled(True)
        draft, saved_at, vocabularies = result
        self.editor = PssEditor(
            self._service,
            self.patient.id,
            draft,
            vocabularies=vocabularies,
            today=self._today,
            saved_at=saved_at,
        )
        self.editor.closed.connect(self._on_editor_closed)
        self.hide()
        self.editor_opened.emit(self.editor)

    def _on_editor_closed(self, entry_id: object) -> None:
        editor, self.editor = self.editor, None
        if editor is not None:
            editor.deleteLater()
        self.editor_closed.emit(entry_id)  # the tab shows the patient again, and this bar
        if entry_id is not None:
            self.show_notice(
                self.tr("The PSS is queued for sending: it will leave as soon as you are online.")
            )

    def _close_editor(self) -> bool:
        """Leave the open editor (saving its draft); False when the draft could not be saved."""
        editor, self.editor = self.editor, None
        if editor is None:
            return True
        editor.closed.disconnect(self._on_editor_closed)
        saved = editor.leave(force=True)
        editor.deleteLater()
        return saved

    def _on_failed(self, exc: BaseException) -> None:
        if not self._current_job():
            return
        self._job = None
        self.busy.hide()
        self.edit_button.setEnabled(True)
        self.show_notice(user_message(exc), error=True)
