"""The editor's slow calls, off the GUI thread and one at a time: "Aggiorna dal
fascicolo" (the current version is read for comparison, the documents it reads that
were never downloaded are downloaded, with progress and cancel, then all are read)
and the publication (checks, signature, outbox)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Signal

from fse_desk._types import PatientId
from fse_desk.progress import CancelToken, Progress, drive
from fse_desk.pss.model import Pss
from fse_desk.pss.service import PssService
from fse_desk.pss.suggestions import SuggestionSet
from fse_desk_ui.workers import Operation, Worker

SUGGEST = "suggest"
PUBLISH = "publish"


class PssTasks(QObject):
    started = Signal(str)  # SUGGEST or PUBLISH
    ended = Signal()
    progress = Signal(object)  # Progress of the downloading before the suggestions
    suggested = Signal(object)  # the SuggestionSet
    cancelled = Signal()  # the doctor stopped it (only the suggestions can be stopped)
    published = Signal(object)  # the outbox entry id
    failed = Signal(str, object)  # which task, the exception

    def __init__(
        self, service: PssService, patient_id: PatientId, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._patient_id = patient_id
        self.running: str | None = None
        self._worker: Worker | None = None

    def suggest(self) -> None:
        """Read the documents for suggestions, downloading first, by itself, those never
        downloaded (offline the result says how many could not be read)."""
        service, patient_id = self._service, self._patient_id

        def find(report: Callable[[Progress], None], cancel: CancelToken) -> SuggestionSet:
            current = next((v for v in service.history(patient_id) if v.current), None)
            previous = service.read(current.document_id) if current is not None else None
            return drive(service.suggest_fetching(patient_id, previous, cancel), report)

        self._run(SUGGEST, find)

    def publish(self, draft: Pss, today: date) -> None:
        service, patient_id = self._service, self._patient_id
        self._run(
            PUBLISH,
            lambda _report, _cancel: service.queue_publication(patient_id, draft, today=today),
        )

    def cancel(self) -> None:
        """Stop the suggestions' downloading at the next document (what arrived is kept).
        A publication is not stopped halfway: it is queued whole or not at all."""
        if self.running == SUGGEST and self._worker is not None:
            self._worker.cancel()

    def _run(self, task: str, operation: Operation) -> None:
        if self.running is not None:
            return
        self.running = task
        worker = self._worker = Worker(operation)
        # Bound methods: Qt drops the connections if the editor is gone before the worker.
        worker.signals.progress.connect(self.progress)
        worker.signals.succeeded.connect(self._on_succeeded)
        worker.signals.failed.connect(self._on_failed)
        worker.signals.cancelled.connect(self._on_cancelled)
        self.started.emit(task)
        worker.start()

    def _on_cancelled(self) -> None:
        self.running, self._worker = None, None
        self.ended.emit()
        self.cancelled.emit()

    def _on_succeeded(self, result: object) -> None:
        task, self.running, self._worker = self.running, None, None
        self.ended.emit()
        (self.suggested if task == SUGGEST else self.published).emit(result)

    def _on_failed(self, exc: BaseException) -> None:
        task, self.running, self._worker = self.running, None, None
        self.ended.emit()
        self.failed.emit(task or "", exc)
