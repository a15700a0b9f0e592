"""The patient's Televisite tab: their appointments, booking, moving, cancelling,
starting the video visit and handing out the invitations."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fse_desk.domain.patient import Patient
from fse_desk.domain.rome_clock import ROME, at_rome
from fse_desk.domain.scheduling import Appointment, AppointmentStatus, Participant
from fse_desk.errors import FseDeskError
from fse_desk.scheduling.invitations import invitation
from fse_desk.scheduling.letter import invitation_letter
from fse_desk.scheduling.report import TelevisitReport
from fse_desk.scheduling.series import Scope
from fse_desk.scheduling.service import AgendaService
from fse_desk.scheduling.waitlist import candidates
from fse_desk.security.signing_key import SigningKey
from fse_desk_ui.agenda.answers_row import AnswersRow
from fse_desk_ui.agenda.booking_dialog import BookingDialog
from fse_desk_ui.agenda.consent_row import ConsentRow
from fse_desk_ui.agenda.labels import VISIT_COLOURS, conflict_text, status_label, visit_label
from fse_desk_ui.agenda.report_dialog import ReportDialog
from fse_desk_ui.agenda.room import RoomLink, open_room
from fse_desk_ui.formatting import format_datetime
from fse_desk_ui.messages import user_message

# How far ahead an appointment may be moved from this tab (a year: the agenda is kept
# that far, fse_desk.workstation.AGENDA_AHEAD).
MOVE_AHEAD = timedelta(days=365)
FIRST_VISIT_HOUR = 9  # where "move to" starts when no appointment is chosen


@dataclass(frozen=True, slots=True)
class ReportActions:
    """The workstation's report steps: draft from an appointment id, sign and queue."""

    draft: Callable[[str], TelevisitReport]
    publish: Callable[[TelevisitReport], int]
    signing: SigningKey | None = None  # its passphrase before the session's first signature


class TelevisitsTab(QWidget):
    changed = Signal()

    def __init__(
        self,
        agenda: AgendaService,
        room_link: RoomLink,
        *,
        practice: str = "",
        own_reference: str | None = None,
        reports: ReportActions | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._agenda = agenda
        self._reports = reports
        self._room_link = room_link
        self._practice = practice
        self._own_reference = own_reference
        self.patient: Patient | None = None
        self.appointments: list[Appointment] = []
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Type"), self.tr("With"), self.tr("Status"), self.tr("CUP")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.book_button = QPushButton(self.tr("Book…"))
        self.book_button.setShortcut("Ctrl+N")
        self.book_button.clicked.connect(self.open_booking)
        self.start_button = QPushButton(self.tr("Start televisit"))
        self.start_button.clicked.connect(self.start_televisit)
        self.invite_button = QPushButton(self.tr("Invitations…"))
        self.invite_button.clicked.connect(self._ask_invitation_folder)
        self.report_button = QPushButton(self.tr("Write report…"))
        self.report_button.clicked.connect(self.open_report)
        self.report_button.setVisible(reports is not None)
        self.consent = ConsentRow(agenda)
        self.consent.changed.connect(self.changed.emit)
        self.consent.failed.connect(self.message_text)
        self.scope = QComboBox()
        self.scope.addItem(self.tr("only this appointment"), Scope.THIS)
        self.scope.addItem(
            self.tr("this and the following of the series"), Scope.THIS_AND_FOLLOWING
        )
        self.move_to = QDateTimeEdit()
        self.move_to.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.move_to.setTimeZone(QTimeZone(b"Europe/Rome"))
        self.move_to.setCalendarPopup(True)
        self._reset_move_to()
        self.move_button = QPushButton(self.tr("Move"))
        self.move_button.clicked.connect(lambda: self.reschedule_selected())
        self.cancel_button = QPushButton(self.tr("Cancel appointment"))
        self.cancel_button.clicked.connect(lambda: self.cancel_selected())
        self.answers = AnswersRow(agenda)
        self.answers.saved.connect(self._on_answer_saved)
        self.answers.failed.connect(self.message_text)
        self.message = QLabel()
        self.message.setWordWrap(True)

        top = QHBoxLayout()
        for button in (
            self.book_button,
            self.start_button,
            self.invite_button,
            self.report_button,
        ):
            top.addWidget(button)
        top.addStretch(1)
        change = QHBoxLayout()
        change.addWidget(QLabel(self.tr("Change")))
        change.addWidget(self.scope)
        change.addWidget(QLabel(self.tr("to")))
        change.addWidget(self.move_to)
        change.addWidget(self.move_button)
        change.addWidget(self.cancel_button)
        change.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.consent)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.answers)
        layout.addLayout(change)
        layout.addWidget(self.message)
        self.table.itemSelectionChanged.connect(self._on_selection)
        self._on_selection()

    # -- showing ------------------------------------------------------------------------
    def show_patient(self, patient: Patient | None) -> None:
        self.patient = patient
        self.refresh()

    def refresh(self) -> None:
        self.appointments = (
            self._agenda.for_patient(self.patient.id) if self.patient is not None else []
        )
        self.appointments.sort(key=lambda a: a.start, reverse=True)
        self.table.setRowCount(len(self.appointments))
        for row, appointment in enumerate(self.appointments):
            cells = (
                format_datetime(appointment.start),
                visit_label(appointment.visit_type),
                ", ".join(p.display for p in appointment.professionals),
                status_label(appointment.status),
                appointment.cup_code,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setBackground(VISIT_COLOURS[appointment.visit_type])
                self.table.setItem(row, column, item)
        self.book_button.setEnabled(self.patient is not None)
        self.consent.show_patient(self.patient.id if self.patient is not None else None)
        self._on_selection()

    def selected(self) -> Appointment | None:
        rows = self.table.selectionModel().selectedRows()
        return self.appointments[rows[0].row()] if rows else None

    def select(self, appointment_id: str) -> None:
        for row, appointment in enumerate(self.appointments):
            if appointment.id == appointment_id:
                self.table.selectRow(row)
                return

    def _on_selection(self) -> None:
        chosen = self.selected()
        open_ = chosen is not None and chosen.status.open
        self.move_button.setEnabled(open_)
        self.cancel_button.setEnabled(open_)
        self.start_button.setEnabled(chosen is not None and bool(chosen.room) and open_)
        self.invite_button.setEnabled(chosen is not None)
        self.report_button.setEnabled(
            chosen is not None
            and chosen.visit_type.remote
            and chosen.status in (AppointmentStatus.ARRIVED, AppointmentStatus.FULFILLED)
        )
        if chosen is not None and chosen.status.open:
            self.move_to.setDateTime(_rome_qdatetime(chosen.start))
        else:
            self._reset_move_to()
        self.answers.show_appointment(chosen)

    def _reset_move_to(self) -> None:
        """From today to a year ahead, starting tomorrow at 9:00 (Rome); a date edit
        left alone shows 01/01/2000, which a doctor took for a bug."""
        now = datetime.now(UTC).astimezone(ROME)
        self.move_to.setDateTimeRange(
            _rome_qdatetime(now.replace(second=0, microsecond=0)),
            _rome_qdatetime(now + MOVE_AHEAD),
        )
        tomorrow = at_rome(now.date() + timedelta(days=1), time(FIRST_VISIT_HOUR))
        self.move_to.setDateTime(_rome_qdatetime(tomorrow))

    # -- actions ------------------------------------------------------------------------
    def _patient_participant(self) -> Participant:
        assert self.patient is not None
        return Participant(f"Patient/{self.patient.id}", self.patient.display_name)

    def open_booking(self) -> BookingDialog | None:
        if self.patient is None:
            return None
        dialog = BookingDialog(
            self._agenda,
            self._patient_participant(),
            own_reference=self._own_reference,
            parent=self,
        )
        dialog.accepted.connect(self._after_change)
        dialog.open()
        return dialog

    def message_text(self, text: str) -> None:
        self.message.setText(text)

    def _on_answer_saved(self, appointment_id: str) -> None:
        """The table shows the new answers; the row keeps the participant just set."""
        who = self.answers.who.currentData()
        self.refresh()
        self.select(appointment_id)
        self.answers.show_appointment(self.selected(), who)
        self.changed.emit()

    def _after_change(self) -> None:
        self.refresh()
        self.changed.emit()

    def reschedule_selected(self) -> list[Appointment]:
        chosen = self.selected()
        if chosen is None:
            return []
        moved_to = self.move_to.dateTime().toPython()
        assert isinstance(moved_to, datetime)
        start = moved_to.replace(tzinfo=ROME) if moved_to.tzinfo is None else moved_to
        scope = self.scope.currentData()
        try:
            plan = self._agenda.plan_reschedule(chosen.id, start, scope)
            conflicts = tuple(c for o in plan for c in o.conflicts)
            if conflicts and not self._confirm_conflicts(conflicts):
                return []
            moved = self._agenda.reschedule(chosen.id, start, scope, conflicts)
        except FseDeskError as exc:
            self.message.setText(user_message(exc))
            return []
        self.message.setText(self.tr("%n appointment(s) moved.", "", len(moved)))
        self._after_change()
        self.select(chosen.id)
        return moved

    def _confirm_conflicts(self, conflicts: tuple[object, ...]) -> bool:
        text = "\n".join(conflict_text(c) for c in conflicts)  # type: ignore[arg-type]
        answer = QMessageBox.question(
            self,
            self.tr("Conflicts"),
            self.tr("The new time clashes:\n{conflicts}\n\nMove anyway?").format(conflicts=text),
        )
        return answer == QMessageBox.StandardButton.Yes

    def cancel_selected(self) -> list[Appointment]:
        chosen = self.selected()
        if chosen is None:
            return []
        answer = QMessageBox.question(
            self,
            self.tr("Cancel appointment"),
            self.tr("Cancel {scope} of {when}? The cancellation is recorded.").format(
                scope=self.scope.currentText(), when=format_datetime(chosen.start)
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return []
        try:
            cancelled = self._agenda.cancel(chosen.id, self.scope.currentData())
        except FseDeskError as exc:
            self.message.setText(user_message(exc))
            return []
        waiting = candidates(self._agenda.waiting_list(), cancelled[0])
        self.message.setText(
            self.tr("%n appointment(s) cancelled.", "", len(cancelled))
            + (
                " "
                + self.tr("%n request(s) on the waiting list fit the time freed.", "", len(waiting))
                if waiting
                else ""
            )
        )
        self._after_change()
        return cancelled

    def open_report(self) -> ReportDialog | None:
        chosen = self.selected()
        if chosen is None or self._reports is None:
            return None
        try:
            draft = self._reports.draft(chosen.id)
        except FseDeskError as exc:
            self.message.setText(user_message(exc))
            return None
        dialog = ReportDialog(
            draft, self._reports.publish, parent=self, signing=self._reports.signing
        )
        dialog.accepted.connect(
            lambda: self.message.setText(
                self.tr("The report is signed and queued: it reaches the FSE with the next sync.")
            )
        )
        dialog.accepted.connect(self.changed.emit)
        dialog.open()
        return dialog

    def start_televisit(self) -> str:
        chosen = self.selected()
        if chosen is None:
            return ""
        return open_room(self._room_link, chosen, self.message)

    def _ask_invitation_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Save the invitations in"))
        if folder:
            self.save_invitations(Path(folder))

    def save_invitations(self, folder: Path) -> list[Path]:
        """An .ics per participant and the printable letter for the patient."""
        chosen = self.selected()
        if chosen is None:
            return []
        written: list[Path] = []
        try:
            patient_link = self._room_link(chosen, True) if chosen.room else ""
            staff_link = self._room_link(chosen, False) if chosen.room else ""
            for n, participant in enumerate(chosen.participants, start=1):
                link = patient_link if participant.is_patient else staff_link
                name = "paziente" if participant.is_patient else f"partecipante-{n}"
                path = folder / f"invito-{chosen.start:%Y%m%d-%H%M}-{name}.ics"
                path.write_bytes(invitation(chosen, participant, room_link=link))
                written.append(path)
            letter = folder / f"lettera-{chosen.start:%Y%m%d-%H%M}.pdf"
            letter.write_bytes(
                invitation_letter(chosen, practice=self._practice, room_link=patient_link)
            )
            written.append(letter)
        except (FseDeskError, OSError) as exc:
            self.message.setText(user_message(exc))
            return written
        self.message.setText(self.tr("Invitations saved in {folder}.").format(folder=folder))
        return written


def _rome_qdatetime(moment: datetime) -> QDateTime:
    local = moment.astimezone(ROME)
    return QDateTime(
        QDate(local.year, local.month, local.day),
        QTime(local.hour, local.minute),
        QTimeZone(b"Europe/Rome"),
    )
