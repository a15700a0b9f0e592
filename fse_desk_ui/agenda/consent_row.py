"""The patient's consent to telemedicine in the Televisite tab: what is on record, and
the button that records it or its withdrawal (a FHIR Consent queued for the FSE)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from fse_desk.domain.rome_clock import ROME
from fse_desk.errors import FseDeskError
from fse_desk.scheduling.service import AgendaService
from fse_desk_ui.formatting import format_date
from fse_desk_ui.messages import user_message


class ConsentRow(QWidget):
    changed = Signal()  # a decision was recorded: the outbox has work
    failed = Signal(str)  # what to tell the user

    def __init__(self, agenda: AgendaService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._agenda = agenda
        self._patient_id: str | None = None
        self._granted = False
        self.label = QLabel()
        self.button = QPushButton()
        self.button.clicked.connect(self.toggle)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        layout.addStretch(1)
        self.show_patient(None)

    def show_patient(self, patient_id: str | None) -> None:
        self._patient_id = patient_id
        consent = self._agenda.consent(patient_id) if patient_id is not None else None
        self._granted = consent is not None and consent.granted
        if consent is None:
            self.label.setText(self.tr("Consent to telemedicine: not recorded"))
        else:
            when = format_date(consent.recorded_at.astimezone(ROME).date())
            self.label.setText(
                self.tr("Consent to telemedicine: given on {date}").format(date=when)
                if self._granted
                else self.tr("Consent to telemedicine: withdrawn on {date}").format(date=when)
            )
        self.button.setText(
            self.tr("Withdraw consent…") if self._granted else self.tr("Record consent…")
        )
        self.button.setEnabled(patient_id is not None)

    def toggle(self) -> None:
        """Record the patient's informed consent to telemedicine, or its withdrawal,
        after the desk confirms it (the patient said so, on paper or aloud)."""
        if self._patient_id is None:
            return
        give = not self._granted
        question = (
            self.tr("Record that the patient gives informed consent to telemedicine?")
            if give
            else self.tr(
                "Record that the patient withdraws consent to telemedicine? "
                "Televisits will no longer be booked or started."
            )
        )
        answer = QMessageBox.question(self, self.tr("Consent to telemedicine"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._agenda.record_consent(self._patient_id, granted=give)
        except FseDeskError as exc:
            self.failed.emit(user_message(exc))
            return
        self.show_patient(self._patient_id)
        self.changed.emit()
