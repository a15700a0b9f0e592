"""Autosave: the draft goes to the encrypted cache shortly after the last change, and at
once when the editor is left. Saving takes milliseconds, so it runs on the GUI thread;
a failure is reported (``failed``), never dropped, and the next change tries again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from fse_desk.pss.model import Pss
from fse_desk_ui.formatting import ROME


class DraftSaver(QObject):
    saved = Signal(object)  # the local time of the save (datetime)
    failed = Signal(object)  # the exception

    def __init__(
        self, save: Callable[[Pss], None], delay_ms: int = 700, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._pending: Pss | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)

    def schedule(self, draft: Pss) -> None:
        """Save ``draft`` once the doctor pauses (each call restarts the wait)."""
        self._pending = draft
        self._timer.start()

    def cancel(self) -> None:
        """Forget what is waiting (the draft was published: nothing left to keep)."""
        self._timer.stop()
        self._pending = None

    def flush(self) -> bool:
        """Save now what is waiting; False when the save failed."""
        self._timer.stop()
        draft, self._pending = self._pending, None
        if draft is None:
            return True
        try:
            self._save(draft)
        except Exception as exc:  # reported to the doctor, and retried on the next change
            self._pending = draft
            self.failed.emit(exc)
            return False
        self.saved.emit(datetime.now(ROME))
        return True
