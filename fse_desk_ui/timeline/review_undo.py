"""A message under the timeline's filters offering to take back the last "seen" mark."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from fse_desk.domain.timeline import ReviewUndo

# Long enough to notice a wrong click and come back from the reader; short enough that
# an old offer does not undo something the doctor has forgotten about.
UNDO_OFFER_MS = 30_000


class ReviewUndoBar(QWidget):
    """Shows what was just marked seen with an *Undo* button, for :data:`UNDO_OFFER_MS`."""

    undo_requested = Signal(object)  # ReviewUndo

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._undo: ReviewUndo | None = None
        self.label = QLabel()
        self.label.setObjectName("reviewUndoMessage")
        self.label.setWordWrap(True)
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setToolTip(self.tr("Show these documents as new again"))
        self.undo_button.clicked.connect(self._on_undo)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(UNDO_OFFER_MS)
        self.timer.timeout.connect(self.withdraw)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.undo_button)
        self.hide()

    @property
    def pending(self) -> ReviewUndo | None:
        """The mark the button would take back, None when nothing is offered."""
        return self._undo

    def offer(self, text: str, undo: ReviewUndo) -> None:
        """Say ``text`` and offer to undo; replaces any earlier offer."""
        self._undo = undo
        self.label.setText(text)
        self.show()
        self.timer.start()

    def withdraw(self) -> None:
        self._undo = None
        self.timer.stop()
        self.hide()

    def _on_undo(self) -> None:
        undo = self._undo
        self.withdraw()
        if undo is not None:
            self.undo_requested.emit(undo)
