"""Each participant's own answer to an appointment (FHIR ``participant.status``:
accepted, declined, tentative, needs-action), set by the desk for the patient and
for each professional, saved and queued like any change of the appointment."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from fse_desk.domain.scheduling import Appointment, ParticipantStatus
from fse_desk.errors import FseDeskError
from fse_desk.scheduling.service import AgendaService
from fse_desk_ui.agenda.labels import answer_label
from fse_desk_ui.messages import user_message


class AnswersRow(QWidget):
    saved = Signal(str)  # the appointment's id
    failed = Signal(str)  # what to tell the user

    def __init__(self, agenda: AgendaService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._agenda = agenda
        self._appointment: Appointment | None = None
        self.who = QComboBox()
        self.who.currentIndexChanged.connect(lambda *_: self._show_answer())
        self.answer = QComboBox()
        for status in ParticipantStatus:
            self.answer.addItem(answer_label(status), status)
        self.save_button = QPushButton(self.tr("Save answer"))
        self.save_button.clicked.connect(lambda: self.save())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Answer of")))
        layout.addWidget(self.who, 1)
        layout.addWidget(self.answer)
        layout.addWidget(self.save_button)
        layout.addStretch(1)
        self.show_appointment(None)

    def show_appointment(self, appointment: Appointment | None, who: str | None = None) -> None:
        """``who``: the participant to keep chosen (after a save), else the first."""
        self._appointment = appointment
        self.who.blockSignals(True)
        self.who.clear()
        for participant in appointment.participants if appointment is not None else ():
            name = self.tr("the patient") if participant.is_patient else participant.display
            self.who.addItem(f"{name} — {answer_label(participant.status)}", participant.reference)
        if who is not None:
            self.who.setCurrentIndex(max(0, self.who.findData(who)))
        self.who.blockSignals(False)
        changeable = appointment is not None and appointment.status.open
        for widget in (self.who, self.answer, self.save_button):
            widget.setEnabled(changeable)
        self._show_answer()

    def _show_answer(self) -> None:
        reference = self.who.currentData()
        participants = self._appointment.participants if self._appointment is not None else ()
        for participant in participants:
            if participant.reference == reference:
                self.answer.setCurrentIndex(self.answer.findData(participant.status))

    def save(self) -> Appointment | None:
        reference = self.who.currentData()
        if self._appointment is None or not reference:
            return None
        try:
            changed = self._agenda.set_answer(
                self._appointment.id, str(reference), self.answer.currentData()
            )
        except FseDeskError as exc:
            self.failed.emit(user_message(exc))
            return None
        self.show_appointment(changed, str(reference))
        self.saved.emit(changed.id)
        return changed
