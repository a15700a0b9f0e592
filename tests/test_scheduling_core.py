"""The agenda's rules without I/O: series with conflicts, DST, free slots, roles."""

from __future__ import annotations

import os
import time as time_module
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

import pytest

from fse_desk.domain.roles import Role
from fse_desk.domain.rome_clock import ROME, at_rome, day_bounds, elapsed, fhir_instant, plus
from fse_desk.domain.scheduling import (
    Appointment,
    AppointmentStatus,
    Participant,
    VisitType,
)
from fse_desk.errors import InvalidRecord, PermissionDenied
from fse_desk.scheduling.agenda import Agenda
from fse_desk.scheduling.conflicts import (
    BookingConflict,
    ConflictReason,
    conflicts_of,
    require_acknowledged,
)
from fse_desk.scheduling.freeslots import SlotQuery, find_common_slots
from fse_desk.scheduling.hours import PartOfDay, WorkingHours
from fse_desk.scheduling.permissions import AgendaAction, may, require
from fse_desk.scheduling.recurrence import Recurrence, check_series, expand
from fse_desk.scheduling.series import Scope, cancel, reschedule
from fse_desk.scheduling.waitlist import candidates, promote

PATIENT = Participant("Patient/p1", "Paziente")
MMG = Participant("Practitioner/mmg", "Dott. Rossi")
NURSE = Participant("Practitioner/nurse", "Inf. Bianchi")
HOURS = {MMG.reference: WorkingHours(), NURSE.reference: WorkingHours()}


def booking(
    ident: str,
    day: date,
    clock: time,
    minutes: int = 30,
    who: tuple[Participant, ...] = (PATIENT, MMG),
    status: AppointmentStatus = AppointmentStatus.BOOKED,
) -> Appointment:
    start = at_rome(day, clock)
    return Appointment(
        ident, status, VisitType.TELEVISIT, start, plus(start, timedelta(minutes=minutes)), who
    )


@pytest.fixture(params=["Europe/Rome", "America/New_York", "Pacific/Auckland"])
def laptop_zone(request: pytest.FixtureRequest) -> Iterator[str]:
    """Run the test as on a laptop set to another zone: results must not change."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time_module.tzset()
    try:
        yield request.param
    finally:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        time_module.tzset()


def test_a_series_lists_the_one_occurrence_that_clashes(laptop_zone: str) -> None:
    first = date(2027, 1, 11)  # a Monday
    busy = booking("other", first + timedelta(weeks=4), time(9, 15), who=(NURSE, MMG))
    agenda = Agenda([busy])
    template = booking("s1", first, time(9, 0), who=(PATIENT, MMG, NURSE))
    plan = check_series(expand(template, Recurrence(2, until=date(2027, 4, 11))), agenda, HOURS)

    assert [o.appointment.start.date() for o in plan] == [
        first + timedelta(weeks=2 * k) for k in range(7)
    ]
    assert len({o.appointment.series_id for o in plan}) == 1
    assert [o.appointment.series_index for o in plan] == list(range(1, 8))
    clashing = [o for o in plan if o.conflicts]
    assert [o.appointment.start.date() for o in clashing] == [first + timedelta(weeks=4)]
    reasons = {
        (c.reason, c.reference, c.other.id if c.other else None) for c in clashing[0].conflicts
    }
    assert reasons == {
        (ConflictReason.PARTICIPANT_BUSY, MMG.reference, "other"),
        (ConflictReason.PARTICIPANT_BUSY, NURSE.reference, "other"),
    }


def test_for_three_months_ends_on_the_same_day_three_months_later() -> None:
    rule = Recurrence.for_months(2, 3, date(2026, 11, 30))
    assert rule.until == date(2027, 2, 28)
    assert rule.dates(date(2026, 11, 30))[-1] == date(2027, 2, 22)


def test_a_series_keeps_its_rome_time_across_both_dst_changes(laptop_zone: str) -> None:
    # Weekly at 9:00 from early March to mid November 2027: the last Sundays of March
    # (28/03) and October (31/10) fall inside; every visit stays at 9:00 in Rome.
    template = booking("s", date(2027, 3, 22), time(9, 0))
    occurrences = expand(template, Recurrence(1, until=date(2027, 11, 8)))
    rome_times = {o.start.astimezone(ROME).time() for o in occurrences}
    assert rome_times == {time(9, 0)}
    offsets = [fhir_instant(o.start)[-6:] for o in occurrences]
    assert offsets[0] == "+01:00" and offsets[1] == "+02:00" and offsets[-1] == "+01:00"
    assert {o.duration for o in occurrences} == {timedelta(minutes=30)}
    utc_hours = [o.start.astimezone(UTC).hour for o in occurrences]
    assert utc_hours[0] == 8 and utc_hours[1] == 7 and utc_hours[-1] == 8


def test_dst_sundays_are_23_and_25_hours_long(laptop_zone: str) -> None:
    spring = day_bounds(date(2027, 3, 28))
    autumn = day_bounds(date(2027, 10, 31))
    assert elapsed(*spring) == timedelta(hours=23)
    assert elapsed(*autumn) == timedelta(hours=25)
    # An hour after 01:30 on the spring Sunday is 03:30, not a 02:30 that never exists.
    assert plus(at_rome(date(2027, 3, 28), time(1, 30)), timedelta(hours=1)).time() == time(3, 30)
    # 02:30 does not exist on the spring Sunday: it becomes 03:30 summer time.
    assert at_rome(date(2027, 3, 28), time(2, 30)).astimezone(ROME).time() == time(3, 30)


def test_free_slots_on_dst_sundays_skip_the_missing_hour_and_count_the_repeated_one(
    laptop_zone: str,
) -> None:
    patient_only = (PATIENT.reference,)
    spring = date(2027, 3, 28)
    start, end = day_bounds(spring)
    slots = find_common_slots(
        Agenda(),
        {},
        SlotQuery(patient_only, start, end, timedelta(hours=1), step=timedelta(hours=1), limit=30),
    )
    assert len(slots) == 23
    assert time(2, 0) not in {s.start.astimezone(ROME).time() for s in slots}
    autumn = date(2027, 10, 31)
    start, end = day_bounds(autumn)
    slots = find_common_slots(
        Agenda(),
        {},
        SlotQuery(patient_only, start, end, timedelta(hours=1), step=timedelta(hours=1), limit=30),
    )
    assert len(slots) == 25
    assert [s.start.astimezone(ROME).time() for s in slots].count(time(2, 0)) == 2


def test_first_common_morning_slots_of_patient_mmg_and_nurse(laptop_zone: str) -> None:
    monday = date(2027, 1, 11)
    agenda = Agenda(
        [
            booking("a", monday, time(8, 0), minutes=120, who=(MMG,)),  # MMG busy 8–10
            booking("b", monday, time(10, 0), minutes=30, who=(NURSE,)),  # nurse 10–10:30
            booking("c", monday, time(10, 30), minutes=15, who=(PATIENT, NURSE)),
        ]
    )
    query = SlotQuery(
        (PATIENT.reference, MMG.reference, NURSE.reference),
        at_rome(monday, time(0)),
        at_rome(monday + timedelta(weeks=2), time(0)),
        timedelta(minutes=30),
        part_of_day=PartOfDay.MORNING,
        limit=3,
    )
    slots = find_common_slots(agenda, HOURS, query)
    assert [s.start.astimezone(ROME).time() for s in slots] == [
        time(10, 45),
        time(11, 0),
        time(11, 15),
    ]
    assert all(s.start.astimezone(ROME).date() == monday for s in slots)
    afternoon = find_common_slots(
        agenda,
        HOURS,
        SlotQuery(
            query.participants,
            query.start,
            query.end,
            query.duration,
            part_of_day=PartOfDay.AFTERNOON,
            limit=1,
        ),
    )
    assert afternoon[0].start == at_rome(monday, time(14, 0))


def test_free_slots_skip_a_weekend_when_the_professionals_are_closed() -> None:
    saturday = date(2027, 1, 16)
    slots = find_common_slots(
        Agenda(),
        HOURS,
        SlotQuery(
            (MMG.reference,),
            at_rome(saturday, time(0)),
            at_rome(saturday, time(0)) + timedelta(days=5),
            timedelta(minutes=20),
            limit=1,
        ),
    )
    assert slots[0].start == at_rome(date(2027, 1, 18), time(8, 0))


def test_double_booking_is_warned_with_its_reason_and_allowed_once_acknowledged() -> None:
    day = date(2027, 1, 12)
    agenda = Agenda([booking("first", day, time(9, 0))])
    second = booking("second", day, time(9, 15), who=(Participant("Patient/p2", "Altro"), MMG))
    conflicts = conflicts_of(second, agenda, HOURS)
    assert [(c.reason, c.reference, c.other and c.other.id) for c in conflicts] == [
        (ConflictReason.PARTICIPANT_BUSY, MMG.reference, "first")
    ]
    with pytest.raises(BookingConflict) as raised:
        require_acknowledged(conflicts, ())
    assert raised.value.conflicts == conflicts
    require_acknowledged(conflicts, conflicts)  # seen and accepted: goes ahead
    late = booking("late", day, time(18, 30))
    assert [c.reason for c in conflicts_of(late, Agenda(), HOURS)] == [ConflictReason.OUTSIDE_HOURS]
    cancelled = booking("c", day, time(9, 0), status=AppointmentStatus.CANCELLED)
    assert conflicts_of(second, Agenda([cancelled]), HOURS) == ()


def test_reschedule_and_cancel_one_occurrence_or_the_rest_of_the_series() -> None:
    series = expand(booking("s1", date(2027, 1, 11), time(9, 0)), Recurrence(1, count=5))
    third = series[2]
    only = reschedule(third, at_rome(date(2027, 1, 26), time(11, 0)), series, Scope.THIS)
    assert [(a.id, a.start) for a in only] == [(third.id, at_rome(date(2027, 1, 26), time(11, 0)))]
    rest = reschedule(
        third, at_rome(date(2027, 1, 26), time(11, 0)), series, Scope.THIS_AND_FOLLOWING
    )
    assert [a.id for a in rest] == [a.id for a in series[2:]]
    assert [a.start.astimezone(ROME) for a in rest] == [
        at_rome(date(2027, 1, 26) + timedelta(weeks=k), time(11, 0)) for k in range(3)
    ]
    assert {a.duration for a in rest} == {timedelta(minutes=30)}
    gone = cancel(series[3], series, Scope.THIS_AND_FOLLOWING)
    assert [a.id for a in gone] == [series[3].id, series[4].id]
    assert {a.status for a in gone} == {AppointmentStatus.CANCELLED}
    with pytest.raises(InvalidRecord):
        cancel(gone[0], series, Scope.THIS)


def test_the_waiting_list_offers_a_freed_time_to_the_oldest_fitting_request() -> None:
    day = date(2027, 1, 12)
    freed = booking("freed", day, time(9, 0), minutes=30, status=AppointmentStatus.CANCELLED)
    older = booking("w1", day, time(0), minutes=20, status=AppointmentStatus.WAITLIST)
    newer = booking("w2", day, time(0), minutes=20, status=AppointmentStatus.WAITLIST)
    too_long = booking("w3", day, time(0), minutes=60, status=AppointmentStatus.WAITLIST)
    other_doctor = booking(
        "w4", day, time(0), minutes=20, who=(PATIENT, NURSE), status=AppointmentStatus.WAITLIST
    )
    from dataclasses import replace

    older = replace(older, created=datetime(2026, 11, 1, tzinfo=UTC))
    newer = replace(newer, created=datetime(2026, 11, 20, tzinfo=UTC))
    assert [w.id for w in candidates([newer, too_long, other_doctor, older], freed)] == ["w1", "w2"]
    booked = promote(older, freed.start)
    assert booked.status is AppointmentStatus.BOOKED and booked.start == freed.start


def test_a_nurse_books_but_only_a_doctor_signs_the_report() -> None:
    assert may(Role.NURSE, AgendaAction.BOOK)
    assert not may(Role.NURSE, AgendaAction.SIGN_REPORT)
    assert may(Role.MMG, AgendaAction.SIGN_REPORT)
    assert may(Role.SPECIALIST, AgendaAction.SIGN_REPORT)
    with pytest.raises(PermissionDenied) as raised:
        require(Role.NURSE, AgendaAction.SIGN_REPORT)
    assert raised.value.role == "INFERMIERE"


def test_times_without_offset_are_refused() -> None:
    with pytest.raises(InvalidRecord) as raised:
        Appointment(
            "x",
            AppointmentStatus.BOOKED,
            VisitType.TELEVISIT,
            datetime(2027, 1, 1, 9),
            datetime(2027, 1, 1, 10),
            (PATIENT,),
        )
    assert raised.value.field == "start"
