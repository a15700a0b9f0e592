"""The bar on top of the editor: the version, undo/redo, when the draft was saved, the
busy indicator and the three actions; below it, a one-line message when needed."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fse_desk.progress import Progress
from fse_desk_ui.formatting import ROME
from fse_desk_ui.progress_text import progress_text
from fse_desk_ui.pss.editor.field_widgets import set_marker

STYLE = """
QLabel#pssEditorTitle { font-size: 11.5pt; font-weight: 600; color: #12324a; }
QLabel#pssSaved { color: #1b5e20; }
QPushButton#pssPublish { font-weight: 600; }
QLabel#pssEditorMessage { background: #eef4fa; border: 1px solid #c9d8e6; border-radius: 4px;
                          padding: 4px 8px; }
QLabel#pssSaved[error="true"] { color: #8a1c12; font-weight: 600; }
QLabel#pssEditorMessage[error="true"] { background: #fbe3e1; border-color: #e6a49c;
                                        color: #8a1c12; }
"""


class EditorBar(QWidget):
    def __init__(
        self, version: int, undo: QAction, redo: QAction, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setStyleSheet(STYLE)
        self.title_label = QLabel(self.tr("PSS version {n} — draft").format(n=version))
        self.title_label.setObjectName("pssEditorTitle")
        self.refresh_button = QPushButton(self.tr("Update from the FSE"))
        self.refresh_button.setToolTip(
            self.tr("Read the patient's documents since the last version and propose what to add")
        )
        self.publish_button = QPushButton(self.tr("Publish"))
        self.publish_button.setObjectName("pssPublish")
        self.publish_button.setToolTip(self.tr("Sign the PSS and send it to the FSE"))
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setToolTip(self.tr("Back to the published PSS; the draft is kept"))
        self.saved_label = QLabel()
        self.saved_label.setObjectName("pssSaved")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(90)
        self.busy.hide()
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setObjectName("pssStopButton")
        self.stop_button.setToolTip(
            self.tr("Stop downloading the patient's documents (what arrived is kept)")
        )
        self.stop_button.hide()
        self.message_label = QLabel()
        self.message_label.setObjectName("pssEditorMessage")
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        # Two rows: the title, the download under way and the save state above, the actions
        # below, so the bar fits beside the patient list on a 1,366 px laptop at 125 % (1,093
        # logical pixels) also while the documents download: beside the actions, the
        # progress and its Stop button widened the window by 17 px when they appeared.
        heading = QHBoxLayout()
        heading.setContentsMargins(0, 0, 0, 0)
        heading.addWidget(self.title_label)
        heading.addStretch(1)
        for widget in (self.busy, self.stop_button, self.saved_label):
            heading.addWidget(widget)
        actions = QHBoxLayout()
        actions.setContentsMargins(0, 0, 0, 0)
        for action in (undo, redo):
            button = QToolButton()
            button.setDefaultAction(action)
            actions.addWidget(button)
        actions.addStretch(1)
        for widget in (self.refresh_button, self.publish_button, self.close_button):
            actions.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(heading)
        layout.addLayout(actions)
        layout.addWidget(self.message_label)

    def show_saved(self, when: datetime) -> None:
        local = when.astimezone(ROME) if when.tzinfo is not None else when
        self.saved_label.setText(
            self.tr("Draft saved at {time}").format(time=local.strftime("%H:%M:%S"))
        )
        set_marker(self.saved_label, "error", False)

    def show_not_saved(self) -> None:
        self.saved_label.setText(self.tr("Draft NOT saved"))
        set_marker(self.saved_label, "error", True)

    def show_message(self, text: str, *, error: bool) -> None:
        self.message_label.setText(text)
        set_marker(self.message_label, "error", error)
        self.message_label.show()

    def set_busy(self, label: str | None, *, stoppable: bool = False) -> None:
        """Show what runs in the background (None: nothing); the actions wait for it.
        ``stoppable``: with a Stop button beside the indicator."""
        self.busy.setToolTip(label or "")
        self.busy.setRange(0, 0)  # running, how far unknown until a progress arrives
        self.busy.setTextVisible(False)
        self.busy.setVisible(label is not None)
        self.stop_button.setVisible(label is not None and stoppable)
        self.refresh_button.setEnabled(label is None)
        self.publish_button.setEnabled(label is None)
        if label is not None:
            self.message_label.hide()

    def show_progress(self, progress: Progress) -> None:
        """How many documents of how many have been downloaded, "3/12" on the indicator."""
        if progress.total:
            self.busy.setRange(0, progress.total)
            self.busy.setValue(progress.done)
            self.busy.setFormat("%v/%m")
            self.busy.setTextVisible(True)
            self.busy.setToolTip(progress_text(progress.label))
