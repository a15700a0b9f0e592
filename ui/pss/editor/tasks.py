"""The editor's slow calls, off the GUI thread and one at a time: "Aggiorna dal
fascicolo" (the current version is read for comparison, then the cached documents)
and the publication (checks, signature, outbox)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Signal

from fse_desk._types import PatientId
from fse_desk.pss.model import Pss
from fse_desk.pss.service import PssService
from fse_desk.pss.suggestions import SuggestionSet
from ui.workers import Worker

SUGGEST = "suggest"
PUBLISH = "publish"


class PssTasks(QObject):
    started = Signal(str)  # SUGGEST or PUBLISH
    ended = Signal()
    suggested = Signal(object)  # the SuggestionSet
    published = Signal(object)  # the outbox entry id
    failed = Signal(str, object)  # which task, the exception

    def __init__(
        self, service: PssService, patient_id: PatientId, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._patient_id = patient_id
        self.running: str | None = None

    def suggest(self) -> None:
        service, patient_id = self._service, self._patient_id

        def find() -> SuggestionSet:
            current = next((v for v in service.history(patient_id) if v.current), None)
            previous = service.read(current.document_id) if current is not None else None
            return service.suggest(patient_id, previous)

        self._run(SUGGEST, find)

    def publish(self, draft: Pss, today: date) -> None:
        service, patient_id = self._service, self._patient_id
        self._run(PUBLISH, lambda: service.queue_publication(patient_id, draft, today=today))

    def _run(self, task: str, operation: Callable[[], object]) -> None:
        if self.running is not None:
            return
        self.running = task
        worker = Worker(lambda _report, _cancel: operation())
        # Bound methods: Qt drops the connections if the editor is gone before the worker.
        worker.signals.succeeded.connect(self._on_succeeded)
        worker.signals.failed.connect(self._on_failed)
        self.started.emit(task)
        worker.start()

    def _on_succeeded(self, result: object) -> None:
        task, self.running = self.running, None
        self.ended.emit()
        (self.suggested if task == SUGGEST else self.published).emit(result)

    def _on_failed(self, exc: BaseException) -> None:
        task, self.running = self.running, None
        self.ended.emit()
        self.failed.emit(task or "", exc)
