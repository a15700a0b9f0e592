"""The team agenda against the sandbox over real HTTP: pulled into real SQLCipher
caches, bookings pushed once through the outbox, a slot race between two desks."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from fse_desk.connectors.fhir_client import FhirClient, RetryPolicy
from fse_desk.connectors.push import OutboxPusher, local_identifier
from fse_desk.domain.outbox import OutboxMethod, OutboxState
from fse_desk.domain.roles import Role
from fse_desk.domain.rome_clock import at_rome, plus
from fse_desk.domain.scheduling import (
    Appointment,
    AppointmentStatus,
    Participant,
    ParticipantStatus,
    VisitType,
)
from fse_desk.errors import InvalidRecord
from fse_desk.progress import drive
from fse_desk.scheduling.service import AgendaService, new_appointment_id
from fse_desk.store import CacheStore
from tests.agenda_region_support import (  # noqa: F401  (fixtures)
    MMG,
    agenda_batch_fixture,
    agenda_region_fixture,
    desks_fixture,
    free_mmg_slot,
    pull,
)
from tests.fixtures_region import LiveRegion

TODAY = datetime.now(UTC).date()


def _booking(patient: str, start: datetime, slot_id: str) -> Appointment:
    return Appointment(
        new_appointment_id(),
        AppointmentStatus.PROPOSED,
        VisitType.TELEVISIT,
        start,
        plus(start, timedelta(minutes=30)),
        (Participant(f"Patient/{patient}", ""), MMG),
        reason="Controllo pressione",
        cup_code="CUP2700000001",
        slot_ids=(slot_id,),
    )


def test_the_team_agenda_comes_down_with_history_and_future_bookings(
    agenda_region: LiveRegion, desks: tuple[CacheStore, CacheStore]
) -> None:
    cache = desks[0]
    pull(agenda_region, cache)
    service = AgendaService(cache, Role.NURSE, "Inf. Chiara Lodi")
    roles = sorted(p.role.value for p in service.team())
    assert roles == ["INFERMIERE", "INFERMIERE", "MMG", "SPECIALISTA", "SPECIALISTA"]
    now = datetime.now(UTC)
    past = service.between(now - timedelta(weeks=6), now)
    future = service.between(now, now + timedelta(weeks=4))
    assert {a.status for a in past} >= {AppointmentStatus.FULFILLED, AppointmentStatus.NOSHOW}
    assert {a.status for a in future} >= {AppointmentStatus.BOOKED}
    series = [a for a in future + past if a.series_id]
    assert series and all(a.series_index for a in series)
    window_start = at_rome(TODAY - timedelta(weeks=6), time(0))
    served = [
        r
        for r in agenda_region.of_type("Appointment")
        if datetime.fromisoformat(r["start"]) >= window_start
    ]
    assert cache.agenda.count() == len(served)


def test_a_booking_made_offline_reaches_the_server_once(
    agenda_region: LiveRegion, desks: tuple[CacheStore, CacheStore]
) -> None:
    cache = desks[0]
    pull(agenda_region, cache)
    service = AgendaService(cache, Role.NURSE, "Inf. Chiara Lodi")
    slot_id, start = free_mmg_slot(cache)
    [occurrence] = service.draft(_booking("pat-000003", start, slot_id))
    assert occurrence.conflicts == ()
    [booked] = service.book([occurrence.appointment])
    assert booked.room.startswith("fsedesk-")
    assert service.get(booked.id) == booked  # in the cache at once: the agenda shows it offline

    offline = FhirClient("http://127.0.0.1:9", retry=RetryPolicy(attempts=1, base_delay_s=0.01))
    try:
        summary = drive(OutboxPusher(cache, offline).push())
    finally:
        offline.close()
    assert summary.sent == 0 and summary.stopped_early
    assert {e.state for e in cache.outbox.entries()} == {OutboxState.PENDING}

    first = drive(OutboxPusher(cache, agenda_region.client).push())
    again = drive(OutboxPusher(cache, agenda_region.client).push())
    assert (first.sent, again.sent) == (2, 0)  # the appointment and its slot, once
    ident = local_identifier(booked.id)
    copies = list(
        agenda_region.client.search(
            "Appointment", {"identifier": f"{ident['system']}|{ident['value']}"}
        )
    )
    assert len(copies) == 1
    assert copies[0]["start"] == start.isoformat(timespec="seconds")
    assert agenda_region.client.read("Slot", slot_id)["status"] == "busy"


def test_two_desks_take_the_same_slot_and_the_second_chooses_with_both_shown(
    agenda_region: LiveRegion, desks: tuple[CacheStore, CacheStore]
) -> None:
    desk_a, desk_b = desks
    pull(agenda_region, desk_a)
    pull(agenda_region, desk_b)
    slot_id, start = free_mmg_slot(desk_a)
    service_a = AgendaService(desk_a, Role.NURSE, "Inf. Chiara Lodi")
    service_b = AgendaService(desk_b, Role.NURSE, "Inf. Paolo Vanti")
    [theirs] = service_a.book(
        [service_a.draft(_booking("pat-000004", start, slot_id))[0].appointment]
    )
    [mine] = service_b.book(
        [service_b.draft(_booking("pat-000005", start, slot_id))[0].appointment]
    )

    assert drive(OutboxPusher(desk_a, agenda_region.client).push()).sent == 2
    summary = drive(OutboxPusher(desk_b, agenda_region.client).push())
    assert summary.conflicts == 1  # the slot: If-Match lost (412)
    pull(agenda_region, desk_b)

    [race] = service_b.races()
    assert race.slot_id == slot_id
    assert [a.id for a in race.mine] == [mine.id]
    assert [a.id for a in race.theirs] == [theirs.id]
    assert race.theirs[0].patient and race.theirs[0].patient.reference == "Patient/pat-000004"

    service_b.settle_race(race, keep_mine=False)
    drive(OutboxPusher(desk_b, agenda_region.client).push())
    served = {
        r["participant"][0]["actor"]["reference"]: r["status"]
        for r in agenda_region.client.search("Appointment", {"slot": f"Slot/{slot_id}"})
    }
    # Nothing overwritten: desk A's booking stands, desk B's is cancelled on the record.
    assert served == {"Patient/pat-000004": "booked", "Patient/pat-000005": "cancelled"}
    assert agenda_region.client.read("Slot", slot_id)["status"] == "busy"
    assert service_b.races() == []


def test_unusable_agenda_records_are_quarantined_and_the_rest_arrives(
    agenda_region: LiveRegion, desks: tuple[CacheStore, CacheStore]
) -> None:
    cache = desks[0]
    window_start = at_rome(TODAY - timedelta(weeks=6), time(0))
    slot = next(
        r
        for r in agenda_region.of_type("Slot")
        if datetime.fromisoformat(r["start"]) >= window_start
    )
    served = [
        r
        for r in agenda_region.of_type("Appointment")
        if datetime.fromisoformat(r["start"]) >= window_start
    ]
    broken_slot = {k: v for k, v in slot.items() if k not in ("end", "meta")}
    broken_slot["id"] = "slot-broken"
    broken_visit = {k: v for k, v in served[0].items() if k != "meta"}
    broken_visit.update(id="appt-broken", status="not-a-status")
    agenda_region.store.bulk_load([broken_slot, broken_visit])
    pull(agenda_region, cache)
    held = {(r.resource_type, r.resource_id) for r in cache.sync_records.quarantined()}
    assert held == {("Slot", "slot-broken"), ("Appointment", "appt-broken")}
    assert cache.agenda.count() == len(served)
    # Its next version reads well: the slot leaves the quarantine.
    stored = agenda_region.store.read("Slot", "slot-broken")
    agenda_region.store.update(
        "Slot",
        "slot-broken",
        {**broken_slot, "end": slot["end"]},
        if_match=f'W/"{stored.version_id}"',
    )
    pull(agenda_region, cache)
    held = {(r.resource_type, r.resource_id) for r in cache.sync_records.quarantined()}
    assert held == {("Appointment", "appt-broken")}


def test_each_participant_s_answer_reaches_the_server_and_the_other_desk(
    agenda_region: LiveRegion, desks: tuple[CacheStore, CacheStore]
) -> None:
    desk_a, desk_b = desks
    pull(agenda_region, desk_a)
    service_a = AgendaService(desk_a, Role.NURSE, "Inf. Chiara Lodi")
    now = datetime.now(UTC)
    booked = next(
        a
        for a in service_a.between(now + timedelta(days=1), now + timedelta(weeks=3))
        if a.status is AppointmentStatus.BOOKED and a.patient is not None
    )
    assert booked.patient is not None
    patient, professional = booked.patient.reference, booked.professionals[0].reference
    service_a.set_answer(booked.id, patient, ParticipantStatus.DECLINED)
    service_a.set_answer(booked.id, professional, ParticipantStatus.TENTATIVE)
    entries = [e for e in desk_a.outbox.entries() if e.resource_id == booked.id]
    assert [e.method for e in entries] == [OutboxMethod.UPDATE, OutboxMethod.UPDATE]
    assert all(e.base_version == booked.version for e in entries)  # If-Match on what was read

    # Both changes go in one round, the second on the version the first made: no conflict.
    summary = drive(OutboxPusher(desk_a, agenda_region.client).push())
    assert (summary.sent, summary.conflicts) == (2, 0)
    ident = local_identifier(booked.id)
    [served] = agenda_region.client.search(
        "Appointment", {"identifier": f"{ident['system']}|{ident['value']}"}
    )
    answers = {p["actor"]["reference"]: p["status"] for p in served["participant"]}
    assert answers[patient] == "declined" and answers[professional] == "tentative"
    assert served["status"] == "booked"  # the appointment itself is not changed by an answer

    # Later, after the push but before any pull, another answer builds on the version sent.
    service_a.set_answer(booked.id, patient, ParticipantStatus.ACCEPTED)
    assert drive(OutboxPusher(desk_a, agenda_region.client).push()).conflicts == 0

    pull(agenda_region, desk_b)
    seen = AgendaService(desk_b, Role.NURSE, "Inf. Paolo Vanti").get(booked.id)
    assert seen is not None
    assert {p.reference: p.status for p in seen.participants} == {
        **{p.reference: p.status for p in booked.participants},
        patient: ParticipantStatus.ACCEPTED,
        professional: ParticipantStatus.TENTATIVE,
    }


def test_a_finished_appointment_keeps_its_answers(
    agenda_region: LiveRegion, desks: tuple[CacheStore, CacheStore]
) -> None:
    cache = desks[0]
    pull(agenda_region, cache)
    service = AgendaService(cache, Role.NURSE, "Inf. Chiara Lodi")
    now = datetime.now(UTC)
    done = next(
        a
        for a in service.between(now - timedelta(weeks=4), now - timedelta(days=1))
        if a.status is AppointmentStatus.FULFILLED
    )
    with pytest.raises(InvalidRecord, match="answers no longer change"):
        service.set_answer(done.id, done.participants[0].reference, ParticipantStatus.DECLINED)
    with pytest.raises(InvalidRecord, match="is not a participant"):
        done.with_answer("Practitioner/nobody", ParticipantStatus.DECLINED)
    assert cache.outbox.entries() == []
