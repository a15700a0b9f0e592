"""The doctor writes the Referto di televisita drafted from the appointment, then signs
and publishes it (queued: it leaves when the FSE can be reached)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from fse_desk.errors import FseDeskError
from fse_desk.scheduling.report import TelevisitReport, VisitMode, fell_back_in_person
from fse_desk.security.signing_key import SigningKey
from fse_desk_ui.messages import user_message
from fse_desk_ui.signing_passphrase import unlock_then


class ReportDialog(QDialog):
    passphrase_requested = Signal(object)  # the SigningPassphraseDialog now open

    def __init__(
        self,
        draft: TelevisitReport,
        publish: Callable[[TelevisitReport], int],
        parent: QWidget | None = None,
        signing: SigningKey | None = None,
    ) -> None:
        """``signing``: the session's certificate; its passphrase is asked before the
        session's first signature."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Televisit report"))
        self._draft = draft
        self._publish = publish
        self._signing = signing
        self.entry_id: int | None = None
        self.performed = QLabel(draft.performed)
        self.performed.setWordWrap(True)
        self.findings = QPlainTextEdit()
        self.findings.setPlaceholderText(self.tr("Findings, conclusions, advice"))
        # Read from the patient's recorded Consent (booking records it), not ticked here.
        self.consent = QLabel(
            self.tr("Informed consent to telemedicine: recorded.")
            if draft.consent_recorded
            else self.tr(
                "Informed consent to telemedicine: not recorded. A video visit cannot be "
                "reported without it; record it from the Televisits tab."
            )
        )
        self.consent.setWordWrap(True)
        self.in_person = QCheckBox(self.tr("The connection failed: the visit took place in person"))
        self.buttons = QDialogButtonBox()
        self.sign_button = self.buttons.addButton(
            self.tr("Sign and publish"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.sign_button.clicked.connect(self.sign)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.performed)
        layout.addWidget(self.findings, 1)
        layout.addWidget(self.consent)
        layout.addWidget(self.in_person)
        layout.addWidget(self.buttons)
        self.resize(640, 480)

    def report(self) -> TelevisitReport:
        report = replace(self._draft, findings=self.findings.toPlainText())
        if self.in_person.isChecked() and report.mode is VisitMode.VIDEO:
            report = fell_back_in_person(report)
        return report

    def sign(self) -> None:
        dialog = unlock_then(self._signing, self, self._sign_unlocked)
        if dialog is not None:
            self.passphrase_requested.emit(dialog)

    def _sign_unlocked(self) -> None:
        try:
            self.entry_id = self._publish(self.report())
        except FseDeskError as exc:
            QMessageBox.warning(self, self.tr("Televisit report"), user_message(exc))
            return
        self.accept()
