"""Run core operations off the GUI thread, with progress, cancel and errors as signals.

A core operation is a callable ``fn(report, cancel)`` where ``report`` takes a
:class:`~fse_desk.progress.Progress` and ``cancel`` is a
:class:`~fse_desk.progress.CancelToken` checked at safe points. The worker
catches every exception and emits ``failed(exc)``: nothing dies silently.
Running workers are kept referenced until ``finished``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from fse_desk.errors import Cancelled
from fse_desk.progress import CancelToken, Progress

Operation = Callable[[Callable[[Progress], None], CancelToken], Any]


class WorkerSignals(QObject):
    started = Signal()
    progress = Signal(object)  # Progress
    succeeded = Signal(object)  # the operation's result
    failed = Signal(object)  # the exception
    cancelled = Signal()
    finished = Signal()


class Worker(QRunnable):
    """One background operation; connect to ``signals`` then call :meth:`start`."""

    _running: ClassVar[set[Worker]] = set()

    def __init__(self, operation: Operation, *, pool: QThreadPool | None = None) -> None:
        super().__init__()
        self.setAutoDelete(False)  # we own it until finished (see _running)
        self.signals = WorkerSignals()
        self.cancel_token = CancelToken()
        self._operation = operation
        self._pool = pool or QThreadPool.globalInstance()

    def start(self) -> None:
        Worker._running.add(self)
        self.signals.finished.connect(lambda: Worker._running.discard(self))
        self._pool.start(self)

    def cancel(self) -> None:
        self.cancel_token.cancel()

    def run(self) -> None:
        self.signals.started.emit()
        try:
            result = self._operation(self.signals.progress.emit, self.cancel_token)
        except Cancelled:
            self.signals.cancelled.emit()
        except BaseException as exc:
            self.signals.failed.emit(exc)
        else:
            if self.cancel_token.cancelled:
                self.signals.cancelled.emit()
            else:
                self.signals.succeeded.emit(result)
        finally:
            self.signals.finished.emit()
