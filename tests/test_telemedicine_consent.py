"""The patient's informed consent to telemedicine as a FHIR Consent: recorded in the
real cache, checked by the core before a remote visit is booked, pushed once through
the outbox to the sandbox over real HTTP, and read by another desk's agenda pull —
never mistaken for the consent to the consultation of the FSE."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from fse_desk.connectors.fhir_mapping import consent_from_fhir
from fse_desk.connectors.push import OutboxPusher, local_identifier
from fse_desk.domain.outbox import OutboxMethod
from fse_desk.domain.patient import ConsentState
from fse_desk.domain.roles import Role
from fse_desk.domain.rome_clock import at_rome, plus
from fse_desk.domain.scheduling import Appointment, AppointmentStatus, Participant, VisitType
from fse_desk.domain.telemedicine_consent import is_telemedicine_consent
from fse_desk.errors import TelemedicineConsentMissing
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


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[CacheStore]:
    store = CacheStore.open(tmp_path / "desk.sqlcipher", secrets.token_bytes(32))
    try:
        yield store
    finally:
        store.close()


def _visit(patient: str, visit_type: VisitType, start: datetime) -> Appointment:
    return Appointment(
        new_appointment_id(),
        AppointmentStatus.PROPOSED,
        visit_type,
        start,
        plus(start, timedelta(minutes=30)),
        (Participant(f"Patient/{patient}", ""), MMG),
    )


def _tomorrow(hour: int) -> datetime:
    return at_rome(datetime.now(UTC).date() + timedelta(days=1), time(hour))


def test_a_withdrawal_in_the_same_instant_or_after_the_clock_went_back_still_decides(
    cache: CacheStore,
) -> None:
    clock = [datetime(2026, 3, 29, 0, 59, 59, 999_999, tzinfo=UTC)]  # the night clocks change
    agenda = AgendaService(cache, Role.NURSE, "Inf. Chiara Lodi", now=lambda: clock[0])
    given = agenda.record_consent("p1", granted=True)
    withdrawn = agenda.record_consent("p1", granted=False)  # the same instant
    assert withdrawn.recorded_at > given.recorded_at
    assert agenda.consent("p1") == withdrawn
    clock[0] -= timedelta(minutes=5)  # the laptop's clock set back
    again = agenda.record_consent("p1", granted=True)
    assert again.recorded_at > withdrawn.recorded_at
    assert agenda.consent("p1") == again
    # What goes to the FSE is these instants to the millisecond, so keeps the order.
    sent = {
        e.resource_id: datetime.fromisoformat(e.payload["dateTime"])
        for e in cache.outbox.entries()
        if e.resource_type == "Consent"
    }
    assert sent == {c.id: c.recorded_at for c in (given, withdrawn, again)}


def test_a_remote_visit_is_booked_only_while_the_latest_decision_is_a_consent(
    cache: CacheStore,
) -> None:
    agenda = AgendaService(cache, Role.NURSE, "Inf. Chiara Lodi")
    televisit = agenda.draft(_visit("p1", VisitType.TELEVISIT, _tomorrow(9)))[0].appointment
    with pytest.raises(TelemedicineConsentMissing, match="consent to telemedicine is not recorded"):
        agenda.book([televisit])
    assert agenda.get(televisit.id) is None and cache.outbox.entries() == []
    # An in-person visit needs no consent to telemedicine.
    [in_person] = agenda.book([_visit("p1", VisitType.IN_PERSON, _tomorrow(11))])
    assert in_person.status is AppointmentStatus.BOOKED

    given = agenda.record_consent("p1", granted=True)
    [entry] = [e for e in cache.outbox.entries() if e.resource_type == "Consent"]
    assert (entry.method, entry.resource_id, entry.patient_id) == (
        OutboxMethod.CREATE,
        given.id,
        "p1",
    )
    assert entry.payload["provision"] == {"type": "permit"}
    assert is_telemedicine_consent(entry.payload)
    [booked] = agenda.book([televisit])
    assert booked.status is AppointmentStatus.BOOKED
    assert agenda.consent("p1") == given

    agenda.record_consent("p1", granted=False)
    latest = agenda.consent("p1")
    assert latest is not None and not latest.granted
    follow_up = agenda.draft(_visit("p1", VisitType.TELECONSULT, _tomorrow(15)))[0].appointment
    with pytest.raises(TelemedicineConsentMissing, match="consent to telemedicine is withdrawn"):
        agenda.book([follow_up])
    with pytest.raises(TelemedicineConsentMissing):
        agenda.require_consent(booked)  # what "Start televisit" asks before opening the room
    # Another patient's consent counts for nobody else.
    agenda.record_consent("p2", granted=True)
    with pytest.raises(TelemedicineConsentMissing):
        agenda.book([follow_up])


def test_a_consent_given_offline_reaches_the_server_once_and_the_other_desk_follows_it(
    agenda_region: LiveRegion, desks: tuple[CacheStore, CacheStore]
) -> None:
    desk_a, desk_b = desks
    pull(agenda_region, desk_a)
    service_a = AgendaService(desk_a, Role.NURSE, "Inf. Chiara Lodi")
    service_b = AgendaService(desk_b, Role.NURSE, "Inf. Paolo Vanti")
    patient = "pat-new-tm"  # never asked before: nothing on the server
    given = service_a.record_consent(patient, granted=True)  # offline: only queued
    _slot, start = free_mmg_slot(desk_a)
    visit = _visit(patient, VisitType.TELEVISIT, start)
    [booked] = service_a.book([service_a.draft(visit)[0].appointment])

    first = drive(OutboxPusher(desk_a, agenda_region.client).push())
    again = drive(OutboxPusher(desk_a, agenda_region.client).push())
    assert (first.sent, again.sent) == (3, 0)  # the consent, the appointment, its slot: once
    ident = local_identifier(given.id)
    [served] = agenda_region.client.search(
        "Consent", {"identifier": f"{ident['system']}|{ident['value']}"}
    )
    assert served["patient"] == {"reference": f"Patient/{patient}"}
    assert served["provision"] == {"type": "permit"}
    assert datetime.fromisoformat(served["dateTime"]) == given.recorded_at
    # The consultation-consent reader of the sync leaves it alone.
    assert consent_from_fhir(served) == (None, ConsentState.UNKNOWN)

    pull(agenda_region, desk_b)
    assert service_b.get(booked.id) is not None
    on_b = service_b.consent(patient)
    assert on_b is not None and on_b.granted and on_b.id == given.id

    service_a.record_consent(patient, granted=False)
    assert drive(OutboxPusher(desk_a, agenda_region.client).push()).sent == 1
    pull(agenda_region, desk_b)
    withdrawn = service_b.consent(patient)
    assert withdrawn is not None and not withdrawn.granted
    with pytest.raises(TelemedicineConsentMissing, match="withdrawn"):
        service_b.require_consent(booked)


def test_the_region_s_televisit_patients_come_down_with_their_consent(
    agenda_region: LiveRegion, desks: tuple[CacheStore, CacheStore]
) -> None:
    cache = desks[0]
    pull(agenda_region, cache)
    service = AgendaService(cache, Role.NURSE, "Inf. Chiara Lodi")
    now = datetime.now(UTC)
    remote = [a for a in service.between(now, now + timedelta(weeks=4)) if a.visit_type.remote]
    assert remote
    for appointment in remote:
        service.require_consent(appointment)  # the demo's televisits can be started
