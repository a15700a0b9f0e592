"""Runs syncs in the background: on demand ("Sincronizza ora") and by itself.

When the server is unreachable the controller keeps trying at a short interval,
so sync resumes by itself when the link returns; when online it syncs at a
longer interval. One sync at a time; a manual sync can be cancelled.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from fse_desk.errors import ConnectorError
from fse_desk.workstation import Workstation
from fse_desk_ui.workers import Worker

ONLINE_INTERVAL_MS = 5 * 60 * 1000
OFFLINE_RETRY_MS = 30 * 1000


class SyncController(QObject):
    started = Signal()
    progress = Signal(object)  # Progress
    finished = Signal(object)  # SyncSummary, or None when cancelled or failed
    failed = Signal(object)  # the exception, for a sync the user asked for

    def __init__(
        self,
        workstation: Workstation,
        parent: QObject | None = None,
        *,
        online_interval_ms: int = ONLINE_INTERVAL_MS,
        offline_retry_ms: int = OFFLINE_RETRY_MS,
    ) -> None:
        super().__init__(parent)
        self._workstation = workstation
        self._worker: Worker | None = None
        self._manual = False
        self._stopped = False
        self._again = False
        self._online_interval_ms = online_interval_ms
        self._offline_retry_ms = offline_retry_ms
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: self.sync_now(manual=False))

    @property
    def running(self) -> bool:
        return self._worker is not None

    def sync_now(self, *, manual: bool = True) -> None:
        if self._worker is not None or self._stopped:
            return
        self._timer.stop()
        self._manual = manual
        worker = Worker(lambda report, cancel: self._workstation.sync(report, cancel))
        worker.signals.progress.connect(self._on_progress)
        worker.signals.succeeded.connect(self._on_succeeded)
        worker.signals.failed.connect(self._on_failed)
        worker.signals.cancelled.connect(self._on_cancelled)
        worker.signals.finished.connect(self._on_finished)
        self._worker = worker
        self.started.emit()
        worker.start()

    def request_sync(self) -> None:
        """Sync soon (a local change is waiting): now, or right after the running one."""
        if self._worker is not None:
            self._again = True
        else:
            self.sync_now(manual=False)

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()

    def shutdown(self) -> None:
        """Cancel a running sync and start no other (the window is closing)."""
        self._stopped = True
        self._timer.stop()
        self.cancel()

    # After shutdown the window and the cache are going away: late signals are dropped.
    def _on_progress(self, progress: object) -> None:
        if not self._stopped:
            self.progress.emit(progress)

    def _on_succeeded(self, summary: object) -> None:
        if not self._stopped:
            self.finished.emit(summary)

    def _on_cancelled(self) -> None:
        if not self._stopped:
            self.finished.emit(None)

    def _on_failed(self, exc: BaseException) -> None:
        if self._stopped:
            return
        self.finished.emit(None)
        # Automatic retries while offline stay quiet: the status area already says so.
        if self._manual or not isinstance(exc, ConnectorError):
            self.failed.emit(exc)

    def _on_finished(self) -> None:
        self._worker = None
        if self._stopped:
            return
        if self._again:
            self._again = False
            self.sync_now(manual=False)
            return
        online = self._workstation.status.online
        self._timer.start(self._online_interval_ms if online else self._offline_retry_ms)
