"""The Televisite tab and the booking dialog, driven like a desk: book (with a
recurring series whose conflict is listed), move, cancel — each into the real
cache and its outbox."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import icalendar
import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimer, QTimeZone
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from fse_desk.domain.outbox import OutboxMethod
from fse_desk.domain.roles import Role
from fse_desk.domain.rome_clock import ROME, at_rome, plus
from fse_desk.domain.scheduling import (
    Appointment,
    AppointmentStatus,
    Participant,
    ParticipantStatus,
    Professional,
    VisitType,
)
from fse_desk.scheduling.service import AgendaService
from fse_desk.store import CacheStore
from fse_desk_ui.agenda.agenda_view import AgendaView
from fse_desk_ui.agenda.booking_dialog import BookingDialog
from fse_desk_ui.agenda.labels import VISIT_COLOURS, answer_label, status_label, visit_label
from fse_desk_ui.agenda.televisits_tab import TelevisitsTab
from tests.fixtures_store import RecordFactory

MMG = Professional("Practitioner/mmg", "Dott.ssa Elena Guidotti", Role.MMG)
NURSE = Professional("Practitioner/nurse", "Inf. Chiara Lodi", Role.NURSE)


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[CacheStore]:
    store = CacheStore.open(tmp_path / "desk.sqlcipher", secrets.token_bytes(32))
    store.agenda.save_schedules(
        [(f"sched-{p.reference[13:]}", p, {"resourceType": "Schedule"}) for p in (MMG, NURSE)]
    )
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def agenda(cache: CacheStore) -> AgendaService:
    return AgendaService(cache, Role.NURSE, "Inf. Chiara Lodi")


def _link(appointment: Appointment, for_patient: bool) -> str:
    return f"https://meet.example-asl.it/{appointment.room}" + ("?p" if for_patient else "")


def _accept_next_question(qtbot: QtBot) -> None:
    def click_yes() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(0, click_yes)


def _booking_dialog(tab: TelevisitsTab, qtbot: QtBot) -> BookingDialog:
    qtbot.mouseClick(tab.book_button, Qt.MouseButton.LeftButton)
    dialog = tab.findChild(BookingDialog)
    assert dialog is not None
    return dialog


def test_book_move_and_cancel_from_the_patient_view(
    agenda: AgendaService, cache: CacheStore, records: RecordFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    patient = records.patient()
    tab = TelevisitsTab(agenda, _link, practice="Casa della Salute", own_reference=MMG.reference)
    qtbot.addWidget(tab)
    tab.show_patient(patient)
    assert tab.table.rowCount() == 0

    dialog = _booking_dialog(tab, qtbot)
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData(VisitType.TELEVISIT))
    dialog.people.item(1).setCheckState(Qt.CheckState.Checked)  # the nurse too (MMG pre-ticked)
    dialog.reason.setText("Controllo pressione")
    dialog.cup_code.setText("CUP2700000042")
    dialog.part_of_day.setCurrentIndex(dialog.part_of_day.findData(dialog.part_of_day.itemData(1)))
    qtbot.mouseClick(dialog.find_button, Qt.MouseButton.LeftButton)
    assert dialog.free_times.count() > 0
    first = dialog.free_times.item(0).data(Qt.ItemDataRole.UserRole)
    assert first.astimezone(ROME).time() == time(8, 0)  # mornings: the first common time
    assert dialog.checks.item(0).text().startswith("✓")
    # No consent to telemedicine on record: the dialog asks for it, for a remote visit only.
    assert dialog.consent.isVisibleTo(dialog)
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData(VisitType.IN_PERSON))
    assert not dialog.consent.isVisibleTo(dialog)
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData(VisitType.TELEVISIT))
    dialog.consent.setChecked(True)
    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(dialog.book_button, Qt.MouseButton.LeftButton)

    assert tab.table.rowCount() == 1
    consent = agenda.consent(patient.id)
    assert consent is not None and consent.granted
    assert "Consent" in {e.resource_type for e in cache.outbox.entries()}
    given_on = datetime.now(UTC).astimezone(ROME).strftime("%d/%m/%Y")
    assert tab.consent.label.text().endswith(given_on)
    [booked] = agenda.for_patient(patient.id)
    assert booked.status is AppointmentStatus.BOOKED and booked.start == first
    assert {p.reference for p in booked.professionals} == {MMG.reference, NURSE.reference}
    assert booked.cup_code == "CUP2700000042" and booked.room.startswith("fsedesk-")

    tab.select(booked.id)
    written = tab.save_invitations(tmp_path)
    assert [p.suffix for p in written] == [".ics", ".ics", ".ics", ".pdf"]
    patient_ics = next(p for p in written if "paziente" in p.name)
    [event] = icalendar.Calendar.from_ical(patient_ics.read_bytes()).walk("VEVENT")
    assert event.decoded("dtstart") == first and booked.room in str(event["location"])

    # The nurse cannot come after all: her own answer, set from the tab, saved and queued.
    answers = tab.answers
    assert answers.who.count() == 3 and answers.save_button.isEnabled()
    answers.who.setCurrentIndex(answers.who.findData(NURSE.reference))
    answers.answer.setCurrentIndex(answers.answer.findData(ParticipantStatus.DECLINED))
    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(answers.save_button, Qt.MouseButton.LeftButton)
    answered = agenda.get(booked.id)
    assert answered is not None
    assert {p.reference: p.status for p in answered.participants}[NURSE.reference] is (
        ParticipantStatus.DECLINED
    )
    assert answers.who.currentData() == NURSE.reference
    assert answers.who.currentText().endswith(answer_label(ParticipantStatus.DECLINED))
    assert answers.answer.currentData() is ParticipantStatus.DECLINED
    updates = sorted(
        (e for e in cache.outbox.entries() if e.resource_id == booked.id), key=lambda e: e.id
    )
    assert [e.method for e in updates] == [OutboxMethod.CREATE, OutboxMethod.UPDATE]
    assert updates[-1].payload["participant"][2]["status"] == "declined"

    # Move it one day later at 11:00 (Rome), only this appointment.
    target = first.astimezone(ROME).date() + timedelta(days=1)
    if target.weekday() > 4:
        target += timedelta(days=7 - target.weekday())
    tab.move_to.setDateTime(
        QDateTime(
            QDate(target.year, target.month, target.day), QTime(11, 0), QTimeZone(b"Europe/Rome")
        )
    )
    qtbot.mouseClick(tab.move_button, Qt.MouseButton.LeftButton)
    moved = agenda.get(booked.id)
    assert moved is not None and moved.start == at_rome(target, time(11, 0))
    assert moved.duration == timedelta(minutes=30)

    # Someone waits for a visit with the same doctors: the freed time is offered.
    agenda.add_to_waiting_list(
        replace(
            moved,
            id="waiting-1",
            participants=(Participant("Patient/other", "Altro Paziente"), *moved.professionals),
        )
    )
    tab.select(booked.id)
    _accept_next_question(qtbot)
    qtbot.mouseClick(tab.cancel_button, Qt.MouseButton.LeftButton)
    fits = tab.tr("%n request(s) on the waiting list fit the time freed.", "", 1)
    assert fits in tab.message.text()
    cancelled = agenda.get(booked.id)
    assert cancelled is not None and cancelled.status is AppointmentStatus.CANCELLED
    status = tab.table.item(0, 3)
    assert status is not None and status.text() == status_label(AppointmentStatus.CANCELLED)

    entries = sorted(cache.outbox.entries(), key=lambda e: e.id)
    methods = [
        (e.resource_id == booked.id, e.method) for e in entries if e.resource_type == "Appointment"
    ]
    assert methods == [
        (True, OutboxMethod.CREATE),
        (True, OutboxMethod.UPDATE),  # the nurse's answer
        (True, OutboxMethod.UPDATE),  # moved
        (False, OutboxMethod.CREATE),  # the waiting-list request
        (True, OutboxMethod.UPDATE),
    ]


def test_a_recurring_booking_lists_the_clashing_occurrence_and_books_only_when_acknowledged(
    agenda: AgendaService, cache: CacheStore, records: RecordFactory, qtbot: QtBot
) -> None:
    patient = records.patient()
    tab = TelevisitsTab(agenda, _link, own_reference=NURSE.reference)
    qtbot.addWidget(tab)
    tab.show_patient(patient)
    dialog = _booking_dialog(tab, qtbot)
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData(VisitType.TELEMONITORING_REVIEW))
    qtbot.mouseClick(dialog.find_button, Qt.MouseButton.LeftButton)
    first = dialog.free_times.item(0).data(Qt.ItemDataRole.UserRole)
    # The nurse is already busy four weeks after the first occurrence.
    busy_start = at_rome(
        first.astimezone(ROME).date() + timedelta(weeks=4), first.astimezone(ROME).time()
    )
    other = Appointment(
        "other",
        AppointmentStatus.BOOKED,
        VisitType.IN_PERSON,
        busy_start,
        plus(busy_start, timedelta(minutes=20)),
        (Participant("Patient/someone", ""), Participant(NURSE.reference, NURSE.display)),
    )
    cache.agenda.save([other])  # another desk's booking, already synced
    dialog.consent.setChecked(True)
    dialog.repeat.setChecked(True)
    dialog.every_weeks.setValue(2)
    dialog.for_months.setValue(2)
    occurrences = dialog.check_selected()
    assert len(occurrences) >= 4
    texts = [dialog.checks.item(i).text() for i in range(dialog.checks.count())]
    assert [t.startswith("⚠") for t in texts] == [
        o.appointment.start == busy_start for o in occurrences
    ]
    assert any(t.startswith("⚠") for t in texts)
    assert not dialog.book_button.isEnabled()  # never silently allowed
    dialog.book_anyway.setChecked(True)
    assert dialog.book_button.isEnabled()
    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(dialog.book_button, Qt.MouseButton.LeftButton)
    series = agenda.for_patient(patient.id)
    assert len(series) == len(occurrences)
    assert len({a.series_id for a in series}) == 1
    assert datetime.now(UTC) < min(a.start for a in series)


def test_the_agenda_view_pages_by_keyboard_and_marks_todays_televisits(
    agenda: AgendaService, cache: CacheStore, qtbot: QtBot
) -> None:
    today = datetime.now(UTC).astimezone(ROME).date()
    start = at_rome(today, time(23, 0))  # late: still ahead today, whatever the hour now
    visit = Appointment(
        "tv-today",
        AppointmentStatus.BOOKED,
        VisitType.TELEVISIT,
        start,
        plus(start, timedelta(minutes=30)),
        (Participant("Patient/p9", "Anna Verdi"), Participant(MMG.reference, MMG.display)),
        room="fsedesk-abc",
    )
    cache.agenda.save([visit])
    view = AgendaView(agenda, lambda pid: "", _link)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.today_list.count() == 1)
    assert "Anna Verdi" in view.today_list.item(0).text()

    first = view.days()[0]
    with qtbot.waitSignal(view.loaded):
        qtbot.keyClick(view.grid, Qt.Key.Key_PageDown)
    assert view.days()[0] == first + timedelta(weeks=1)
    with qtbot.waitSignal(view.loaded):
        qtbot.keyClick(view.grid, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert view.days() == [view.day]
    assert view.model.columnCount() == 2  # the whole team, one column each

    view.today_list.setCurrentRow(0)
    with qtbot.waitSignal(view.loaded):
        qtbot.mouseClick(view.arrived_button, Qt.MouseButton.LeftButton)
    marked = agenda.get("tv-today")
    assert marked is not None and marked.status is AppointmentStatus.ARRIVED
    assert status_label(AppointmentStatus.ARRIVED) in view.today_list.item(0).text()


def test_the_report_dialog_signs_what_the_doctor_wrote(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from fse_desk.pss.model import AdministrativeSex, Clinician, Organization, PatientInfo
    from fse_desk.scheduling.report import VisitMode, draft_report
    from fse_desk.security.certificates import issue_test_certificate, open_pkcs12_file
    from fse_desk.security.signing_key import SigningKey
    from fse_desk_ui.agenda.report_dialog import ReportDialog
    from tests.test_certificates import _p12

    start = at_rome(datetime.now(UTC).astimezone(ROME).date(), time(9))
    visit = Appointment(
        "v",
        AppointmentStatus.FULFILLED,
        VisitType.TELEVISIT,
        start,
        plus(start, timedelta(minutes=20)),
        (Participant("Patient/p", "Anna Verdi"), Participant(MMG.reference, MMG.display)),
    )
    draft = draft_report(
        visit,
        PatientInfo("VRDNNA50A41A944X", "Anna", "Verdi", AdministrativeSex.FEMALE, start.date()),
        Clinician("GDTLNE72D58A944V", "Elena", "Guidotti"),
        Organization("080105-CDS", "Casa della Salute"),
        now=datetime.now(UTC),
        consent_recorded=True,
    )
    sent: list[object] = []

    def publish(report: object) -> int:
        sent.append(report)
        return 7

    _, credentials = issue_test_certificate("Dott.ssa Elena Guidotti", "GDTLNE72D58A944V")
    p12 = _p12(tmp_path, credentials, "firma segreta")
    signing = SigningKey(lambda typed: open_pkcs12_file(p12, typed))
    dialog = ReportDialog(draft, publish, signing=signing)
    qtbot.addWidget(dialog)
    dialog.findings.setPlainText("Nulla da segnalare.")
    assert dialog.consent.text() == dialog.tr("Informed consent to telemedicine: recorded.")
    dialog.in_person.setChecked(True)
    # The session's first signature asks the certificate's passphrase; cancelled, nothing goes.
    with qtbot.waitSignal(dialog.passphrase_requested, timeout=5_000) as asked:
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    asked.args[0].reject()
    assert dialog.entry_id is None and not sent
    with qtbot.waitSignal(dialog.passphrase_requested, timeout=5_000) as asked:
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    unlock = asked.args[0]
    qtbot.keyClicks(unlock.passphrase, "firma segreta")
    qtbot.mouseClick(
        unlock.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert dialog.entry_id == 7
    [report] = sent
    assert report.findings == "Nulla da segnalare." and report.mode is VisitMode.IN_PERSON  # type: ignore[attr-defined]


def test_a_slot_lost_to_another_desk_shows_both_bookings_and_cancels_only_mine(
    agenda: AgendaService, cache: CacheStore, qtbot: QtBot
) -> None:
    from fse_desk.domain.scheduling import Slot

    day = datetime.now(UTC).astimezone(ROME).date() + timedelta(days=1)
    start = at_rome(day, time(23, 0))
    slot = Slot("slot-1", "sched-mmg", start, plus(start, timedelta(minutes=30)), version="1")
    resource = {"resourceType": "Slot", "id": "slot-1", "status": "free"}
    cache.agenda.save_slots([(slot, resource)])
    people = (Participant("Patient/mine", "Mario Bianchi"), Participant(MMG.reference, MMG.display))
    mine = Appointment(
        "mine",
        AppointmentStatus.PROPOSED,
        VisitType.TELEVISIT,
        start,
        plus(start, timedelta(minutes=30)),
        people,
        slot_ids=("slot-1",),
    )
    agenda.record_consent("mine", granted=True)
    [occurrence] = agenda.draft(mine)
    agenda.book([occurrence.appointment], occurrence.conflicts)
    theirs = Appointment(
        "theirs",
        AppointmentStatus.BOOKED,
        VisitType.TELEVISIT,
        start,
        plus(start, timedelta(minutes=30)),
        (Participant("Patient/other", "Anna Verdi"), Participant(MMG.reference, MMG.display)),
        slot_ids=("slot-1",),
    )
    cache.agenda.save([theirs])  # pulled from the FSE after the push lost the race
    [slot_entry] = [e for e in cache.outbox.entries() if e.resource_type == "Slot"]
    server = {**resource, "status": "busy", "meta": {"versionId": "2"}}
    cache.outbox.mark_conflict(slot_entry.id, "412 If-Match lost", server)

    view = AgendaView(agenda, lambda pid: "", _link)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: len(view.races) == 1)
    [race] = view.races
    assert [a.id for a in race.mine] == ["mine"] and [a.id for a in race.theirs] == ["theirs"]
    assert view.race_label.isVisible()

    def choose_cancel_mine() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        assert "Mario Bianchi" in box.text() and "Anna Verdi" in box.text()
        [button] = [
            b for b in box.buttons() if box.buttonRole(b) is QMessageBox.ButtonRole.DestructiveRole
        ]
        button.click()

    QTimer.singleShot(0, choose_cancel_mine)
    with qtbot.waitSignal(view.loaded):
        qtbot.mouseClick(view.race_button, Qt.MouseButton.LeftButton)
    kept, cancelled = agenda.get("theirs"), agenda.get("mine")
    assert kept is not None and kept.status is AppointmentStatus.BOOKED
    assert cancelled is not None and cancelled.status is AppointmentStatus.CANCELLED
    assert view.races == ()


def test_move_to_starts_tomorrow_morning_and_stays_within_a_year_when_nothing_is_chosen(
    agenda: AgendaService, records: RecordFactory, qtbot: QtBot
) -> None:
    """Issue 18: "Modifica … al" showed 01/01/2000 until an appointment was chosen."""
    tab = TelevisitsTab(agenda, _link)
    qtbot.addWidget(tab)
    tab.show_patient(records.patient())
    today = datetime.now(UTC).astimezone(ROME).date()
    shown = tab.move_to.dateTime().toPython()
    assert isinstance(shown, datetime)
    assert (shown.date(), shown.time()) == (today + timedelta(days=1), time(9))
    assert tab.move_to.text().startswith(f"{today + timedelta(days=1):%d/%m/%Y} 09:00")
    assert tab.move_to.minimumDate().toPython() == today
    assert tab.move_to.maximumDate().toPython() == today + timedelta(days=365)
    # The past cannot be typed in: the edit keeps to its range.
    tab.move_to.setDate(QDate(2000, 1, 1))
    assert tab.move_to.date().toPython() == today


def test_a_week_cell_is_painted_in_its_visit_colour_and_its_tooltip_says_everything(
    agenda: AgendaService, cache: CacheStore, qtbot: QtBot
) -> None:
    today = date(2026, 3, 25)  # a Wednesday, in the week summer time starts
    start = at_rome(today, time(10, 0))
    visit = Appointment(
        "tv-ten",
        AppointmentStatus.BOOKED,
        VisitType.TELEVISIT,
        start,
        plus(start, timedelta(minutes=30)),
        (
            Participant("Patient/p9", "Anna Verdi"),
            Participant(MMG.reference, MMG.display),
            Participant(NURSE.reference, NURSE.display),
        ),
        room="fsedesk-ten",
    )
    cache.agenda.save([visit])
    view = AgendaView(agenda, lambda pid: "", _link, today=lambda: today)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    with qtbot.waitSignal(view.loaded):
        view.show()
    row, column = 4, 2  # 10:00 is the fifth half hour from 08:00; Wednesday the third day
    index = view.model.index(row, column)
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "Anna Verdi" in tip and MMG.display in tip and NURSE.display in tip
    assert visit_label(VisitType.TELEVISIT) in tip

    # What the grid shows there: the visit's colour with dark text on it.
    area = view.grid.visualRect(index)
    shot = view.grid.viewport().grab(area).toImage()
    colours = {
        shot.pixelColor(x, y).rgb() for x in range(shot.width()) for y in range(shot.height())
    }
    assert VISIT_COLOURS[VisitType.TELEVISIT].rgb() in colours
    assert any(QColor(c).lightness() < 100 for c in colours)  # the text
