"""Pull the team's agenda (Schedules, Slots, Appointments) into the cache.

Team-scoped: the active Schedules name the professionals; their Slots and
Appointments in the window are fetched with standard searches (``schedule``,
``actor``, ``start``/``date`` with ``ge``). Rows with a change still in the
outbox are left as the user made them (the push settles them, a conflict shows
both). A resource that is not a usable appointment is skipped and counted, never
blocking the rest; its id, not its content, goes to the log.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fse_desk.connectors.fhir_client import FhirClient
from fse_desk.domain.roles import Role
from fse_desk.domain.rome_clock import fhir_instant
from fse_desk.domain.scheduling import Professional, Slot, SlotStatus
from fse_desk.domain.scheduling_fhir import TEAM_ROLE_SYSTEM, from_fhir, local_id
from fse_desk.domain.telemedicine_consent import CATEGORY_SYSTEM, TELEMEDICINE
from fse_desk.domain.telemedicine_consent import from_fhir as consent_from_fhir
from fse_desk.errors import InvalidRecord
from fse_desk.store import CacheStore

log = logging.getLogger(__name__)
PAGE = "500"  # a professional's weeks of slots in a page or two
PATIENTS_PER_SEARCH = 50  # patient ids in one Consent search (the URL stays short)


@dataclass(frozen=True, slots=True)
class AgendaPullSummary:
    professionals: int
    slots: int
    appointments: int
    skipped: int
    kept_local: int  # rows not replaced: a local change of theirs is still to be sent
    consents: int = 0  # consents to telemedicine of the agenda's patients


def _professional(schedule: dict[str, Any]) -> Professional:
    actor = schedule["actor"][0]
    codes = [
        c.get("code")
        for s in schedule.get("specialty", [])
        for c in s.get("coding", [])
        if c.get("system") == TEAM_ROLE_SYSTEM
    ]
    try:
        role = Role(codes[0]) if codes else Role.SPECIALIST
    except ValueError:
        role = Role.SPECIALIST
    return Professional(str(actor["reference"]), str(actor.get("display", "")), role)


def _slot(resource: dict[str, Any]) -> Slot:
    return Slot(
        id=str(resource["id"]),
        schedule_id=str(resource["schedule"]["reference"]).removeprefix("Schedule/"),
        start=datetime.fromisoformat(resource["start"]),
        end=datetime.fromisoformat(resource["end"]),
        status=SlotStatus(resource["status"]),
        overbooked=bool(resource.get("overbooked", False)),
        version=resource.get("meta", {}).get("versionId"),
    )


def pull_agenda(
    client: FhirClient, store: CacheStore, *, start: datetime, end: datetime
) -> AgendaPullSummary:
    """Bring the team's agenda between ``start`` and ``end`` into the cache."""
    pending = {(e.resource_type, e.resource_id) for e in store.outbox.entries() if e.state.open}
    skipped = kept = 0
    schedules: list[tuple[str, Professional, dict[str, Any]]] = []
    for resource in client.search("Schedule", {"active": "true"}):
        try:
            schedules.append((str(resource["id"]), _professional(resource), resource))
        except (KeyError, IndexError, TypeError):
            log.warning("Schedule/%s skipped: no usable actor", resource.get("id", "?"))
            skipped += 1
    store.agenda.save_schedules(schedules)

    since = f"ge{fhir_instant(start)}"
    slots: list[tuple[Slot, dict[str, Any]]] = []
    for schedule_id, _, _ in schedules:
        for resource in client.search(
            "Slot", {"schedule": f"Schedule/{schedule_id}", "start": since, "_count": PAGE}
        ):
            try:
                slot = _slot(resource)
            except (KeyError, ValueError, TypeError, InvalidRecord):
                log.warning("Slot/%s skipped: not a usable slot", resource.get("id", "?"))
                skipped += 1
                continue
            if slot.start >= end:
                continue
            if ("Slot", slot.id) in pending:
                kept += 1
                continue
            slots.append((slot, resource))
    with store.transaction():
        store.agenda.save_slots(slots)
        for slot, _ in slots:
            store.outbox.record_server_ref("Slot", slot.id, slot.id, slot.version or "")

    appointments: dict[str, dict[str, Any]] = {}
    for _, professional, _ in schedules:
        for resource in client.search(
            "Appointment", {"actor": professional.reference, "date": since, "_count": PAGE}
        ):
            appointments[str(resource.get("id"))] = resource
    usable: list[dict[str, Any]] = []
    for server_id, resource in appointments.items():
        try:
            appointment = from_fhir(resource)
        except InvalidRecord:
            log.warning("Appointment/%s skipped: not a usable appointment", server_id)
            skipped += 1
            continue
        if appointment.start >= end:
            continue
        if ("Appointment", appointment.id) in pending:
            kept += 1
            continue
        usable.append(resource)
    with store.transaction():
        store.agenda.save_resources(usable)
        for resource in usable:
            store.outbox.record_server_ref(
                "Appointment",
                local_id(resource),
                str(resource["id"]),
                str(resource.get("meta", {}).get("versionId", "")),
            )
    patients = sorted(
        {
            str(p["actor"]["reference"])
            for resource in usable
            for p in resource.get("participant", [])
            if str(p.get("actor", {}).get("reference", "")).startswith("Patient/")
        }
    )
    consents, bad = _pull_consents(client, store, patients)
    return AgendaPullSummary(
        len(schedules), len(slots), len(usable), skipped + bad, kept, consents=consents
    )


def _pull_consents(client: FhirClient, store: CacheStore, patients: list[str]) -> tuple[int, int]:
    """The consents to telemedicine of the patients in the agenda: (stored, skipped)."""
    usable: list[dict[str, Any]] = []
    skipped = 0
    for i in range(0, len(patients), PATIENTS_PER_SEARCH):
        chunk = ",".join(patients[i : i + PATIENTS_PER_SEARCH])
        for resource in client.search(
            "Consent",
            {"patient": chunk, "category": f"{CATEGORY_SYSTEM}|{TELEMEDICINE}", "_count": PAGE},
        ):
            try:
                consent_from_fhir(resource)
            except InvalidRecord:
                log.warning("Consent/%s skipped: not a usable consent", resource.get("id", "?"))
                skipped += 1
                continue
            usable.append(resource)
    return store.telemedicine_consents.save_resources(usable), skipped
