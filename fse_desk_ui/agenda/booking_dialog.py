"""Book a visit for a patient in a few clicks: type, who, how long, why, CUP code,
repeat; free times proposed; every occurrence checked and its conflicts listed.

A conflict is never silently blocked nor allowed: the Book button stays off
until the user ticks "book anyway", and the core checks again on booking.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fse_desk.domain.rome_clock import ROME, at_rome, plus
from fse_desk.domain.scheduling import Appointment, AppointmentStatus, Participant, VisitType
from fse_desk.errors import FseDeskError
from fse_desk.scheduling.freeslots import FreeSlot, SlotQuery
from fse_desk.scheduling.hours import PartOfDay
from fse_desk.scheduling.recurrence import Occurrence, Recurrence
from fse_desk.scheduling.service import AgendaService, new_appointment_id
from fse_desk_ui.agenda.labels import conflict_text, visit_label
from fse_desk_ui.formatting import format_datetime
from fse_desk_ui.messages import user_message

SEARCH_WEEKS = 2


class BookingDialog(QDialog):
    def __init__(
        self,
        agenda: AgendaService,
        patient: Participant,
        *,
        own_reference: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Book a visit"))
        self._agenda = agenda
        self._patient = patient
        self.booked: list[Appointment] = []
        self._occurrences: list[Occurrence] = []

        self.type_combo = QComboBox()
        for visit in VisitType:
            self.type_combo.addItem(visit_label(visit), visit)
        self.people = QListWidget()
        for professional in agenda.team():
            item = QListWidgetItem(professional.display)
            item.setData(Qt.ItemDataRole.UserRole, professional.reference)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = professional.reference == own_reference
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.people.addItem(item)
        self.people.setMaximumHeight(110)
        self.duration = QSpinBox()
        self.duration.setRange(10, 120)
        self.duration.setSingleStep(5)
        self.duration.setValue(30)
        self.duration.setSuffix(self.tr(" min"))
        self.reason = QLineEdit()
        self.cup_code = QLineEdit()
        self.cup_code.setPlaceholderText(self.tr("CUP booking code, if any"))
        self.repeat = QCheckBox(self.tr("Repeat every"))
        self.every_weeks = QSpinBox()
        self.every_weeks.setRange(1, 26)
        self.every_weeks.setValue(2)
        self.every_weeks.setSuffix(self.tr(" weeks"))
        self.for_months = QSpinBox()
        self.for_months.setRange(1, 12)
        self.for_months.setValue(3)
        self.for_months.setPrefix(self.tr("for "))
        self.for_months.setSuffix(self.tr(" months"))
        repeat_row = QHBoxLayout()
        for widget in (self.repeat, self.every_weeks, self.for_months):
            repeat_row.addWidget(widget)
        self.part_of_day = QComboBox()
        self.part_of_day.addItem(self.tr("Any time"), PartOfDay.ANY)
        self.part_of_day.addItem(self.tr("Mornings"), PartOfDay.MORNING)
        self.part_of_day.addItem(self.tr("Afternoons"), PartOfDay.AFTERNOON)
        self.find_button = QPushButton(self.tr("Find free times (next 2 weeks)"))
        self.find_button.clicked.connect(self.find_free_times)
        self.free_times = QListWidget()
        self.free_times.currentItemChanged.connect(lambda *_: self.check_selected())
        self.checks = QListWidget()
        # Shown for a remote visit while the patient has no consent on record: ticking it
        # records the patient's informed consent (a FHIR Consent) as the visit is booked.
        self.consent = QCheckBox(
            self.tr("The patient gives informed consent to telemedicine (recorded on the FSE)")
        )
        patient_id = patient.reference.removeprefix("Patient/")
        recorded = agenda.consent(patient_id)
        self._consent_needed = recorded is None or not recorded.granted
        self.type_combo.currentIndexChanged.connect(lambda *_: self._show_consent())
        self.book_anyway = QCheckBox(self.tr("Book anyway: I have seen the conflicts"))
        self.book_anyway.setVisible(False)
        self.book_anyway.toggled.connect(lambda *_: self._update_buttons())

        form = QFormLayout()
        form.addRow(self.tr("Type"), self.type_combo)
        form.addRow(self.tr("With"), self.people)
        form.addRow(self.tr("Duration"), self.duration)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("CUP code"), self.cup_code)
        form.addRow(self.tr("Follow-ups"), repeat_row)
        find_row = QHBoxLayout()
        find_row.addWidget(self.part_of_day)
        find_row.addWidget(self.find_button, 1)
        form.addRow(self.tr("When"), find_row)
        form.addRow(self.consent)

        self.buttons = QDialogButtonBox()
        self.book_button = self.buttons.addButton(
            self.tr("Book"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.waitlist_button = self.buttons.addButton(
            self.tr("Add to waiting list"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.book_button.clicked.connect(self.book)
        self.waitlist_button.clicked.connect(self.add_to_waiting_list)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Free times for everyone:")))
        layout.addWidget(self.free_times, 1)
        layout.addWidget(QLabel(self.tr("Checks of each appointment:")))
        layout.addWidget(self.checks, 1)
        layout.addWidget(self.book_anyway)
        layout.addWidget(self.buttons)
        self._show_consent()
        self._update_buttons()

    def _show_consent(self) -> None:
        visit: VisitType = self.type_combo.currentData()
        self.consent.setVisible(self._consent_needed and visit.remote)

    # -- what the user chose ------------------------------------------------------------
    def professionals(self) -> list[Participant]:
        out = []
        for row in range(self.people.count()):
            item = self.people.item(row)
            if item.checkState() is Qt.CheckState.Checked:
                out.append(Participant(str(item.data(Qt.ItemDataRole.UserRole)), item.text()))
        return out

    def _template(self, start: datetime) -> Appointment:
        return Appointment(
            id=new_appointment_id(),
            status=AppointmentStatus.PROPOSED,
            visit_type=self.type_combo.currentData(),
            start=start,
            end=plus(start, timedelta(minutes=self.duration.value())),
            participants=(self._patient, *self.professionals()),
            reason=self.reason.text().strip(),
            cup_code=self.cup_code.text().strip(),
        )

    def _recurrence(self, start: datetime) -> Recurrence | None:
        if not self.repeat.isChecked():
            return None
        return Recurrence.for_months(
            self.every_weeks.value(), self.for_months.value(), start.astimezone(ROME).date()
        )

    # -- actions ------------------------------------------------------------------------
    def find_free_times(self) -> list[FreeSlot]:
        tomorrow = datetime.now(UTC).astimezone(ROME).date() + timedelta(days=1)
        start = at_rome(tomorrow, time(0))
        query = SlotQuery(
            (self._patient.reference, *(p.reference for p in self.professionals())),
            start,
            plus(start, timedelta(weeks=SEARCH_WEEKS)),
            timedelta(minutes=self.duration.value()),
            part_of_day=self.part_of_day.currentData(),
            limit=12,
        )
        slots = self._agenda.free_slots(query)
        self.free_times.clear()
        for slot in slots:
            item = QListWidgetItem(format_datetime(slot.start))
            item.setData(Qt.ItemDataRole.UserRole, slot.start)
            self.free_times.addItem(item)
        if not slots:
            self.free_times.addItem(self.tr("No common free time: try another part of the day."))
        elif self.free_times.count():
            self.free_times.setCurrentRow(0)
        return slots

    def check_selected(self) -> list[Occurrence]:
        item = self.free_times.currentItem()
        start = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self.checks.clear()
        self._occurrences = []
        if not isinstance(start, datetime) or not self.professionals():
            self._update_buttons()
            return []
        try:
            template = self._template(start)
            self._occurrences = self._agenda.draft(template, self._recurrence(start))
        except FseDeskError as exc:
            self.checks.addItem(user_message(exc))
        for occurrence in self._occurrences:
            when = format_datetime(occurrence.appointment.start)
            if occurrence.conflicts:
                text = f"⚠ {when}: " + "; ".join(conflict_text(c) for c in occurrence.conflicts)
            else:
                text = f"✓ {when}"
            self.checks.addItem(text)
            self.checks.item(self.checks.count() - 1).setToolTip(text)
        self.book_anyway.setChecked(False)
        self.book_anyway.setVisible(any(o.conflicts for o in self._occurrences))
        self._update_buttons()
        return self._occurrences

    def _update_buttons(self) -> None:
        has_conflicts = any(o.conflicts for o in self._occurrences)
        self.book_button.setEnabled(
            bool(self._occurrences) and (not has_conflicts or self.book_anyway.isChecked())
        )
        self.waitlist_button.setEnabled(bool(self.professionals()) or bool(self._occurrences))

    def book(self) -> None:
        acknowledged = tuple(c for o in self._occurrences for c in o.conflicts)
        try:
            if self.consent.isVisibleTo(self) and self.consent.isChecked():
                patient_id = self._patient.reference.removeprefix("Patient/")
                self._agenda.record_consent(patient_id, granted=True)
                self._consent_needed = False
            self.booked = self._agenda.book(
                [o.appointment for o in self._occurrences], acknowledged
            )
        except FseDeskError as exc:
            QMessageBox.warning(self, self.tr("Book a visit"), user_message(exc))
            return
        self.accept()

    def add_to_waiting_list(self) -> None:
        start = at_rome(datetime.now(UTC).astimezone(ROME).date() + timedelta(days=1), time(8))
        try:
            self.booked = [self._agenda.add_to_waiting_list(self._template(start))]
        except FseDeskError as exc:
            QMessageBox.warning(self, self.tr("Book a visit"), user_message(exc))
            return
        self.accept()
