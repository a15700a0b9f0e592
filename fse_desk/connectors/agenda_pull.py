"""Pull the team's agenda (Schedules, Slots, Appointments) into the cache.

Team-scoped: the active Schedules name the professionals; their Slots and
Appointments in the window are fetched with standard searches (``schedule``,
``actor``, ``start``/``date`` with ``ge``). Rows with a change still in the
outbox are left as the user made them (the push settles them, a conflict shows
both). A resource that is not a usable schedule, slot or appointment is quarantined
in the sync's quarantine (type, id, version, reason: never its content) and counted,
never blocking the rest; a later version that reads well leaves the quarantine.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fse_desk.connectors.fhir_client import FhirClient
from fse_desk.connectors.sync_walk import quarantine_reason
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
    skipped: int  # quarantined
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


class _Quarantine:
    """What this pull could not read, and what it read, for the sync's quarantine."""

    def __init__(self, store: CacheStore) -> None:
        self._store = store
        self.held: list[tuple[str, str, str, str]] = []
        self.read: dict[str, list[str]] = {}

    def hold(self, resource: dict[str, Any], exc: Exception) -> None:
        kind, rid = str(resource.get("resourceType", "?")), str(resource.get("id", "?"))
        meta = resource.get("meta")
        version = str(meta.get("versionId", "")) if isinstance(meta, dict) else ""
        reason = quarantine_reason(exc)
        log.warning("%s/%s version %s quarantined: %s", kind, rid, version or "?", reason)
        self.held.append((kind, rid, version, reason))

    def fine(self, resource_type: str, resource_id: str) -> None:
        self.read.setdefault(resource_type, []).append(resource_id)

    def save(self) -> None:
        records = self._store.sync_records
        with self._store.transaction():
            for resource_type, ids in self.read.items():
                records.release(resource_type, ids)
            for kind, rid, version, reason in self.held:
                records.quarantine(kind, rid, version, reason)


_UNUSABLE = (KeyError, IndexError, TypeError, ValueError, AttributeError, InvalidRecord)


def pull_agenda(
    client: FhirClient, store: CacheStore, *, start: datetime, end: datetime
) -> AgendaPullSummary:
    """Bring the team's agenda between ``start`` and ``end`` into the cache."""
    pending = {(e.resource_type, e.resource_id) for e in store.outbox.entries() if e.state.open}
    kept = 0
    quarantine = _Quarantine(store)
    schedules: list[tuple[str, Professional, dict[str, Any]]] = []
    for resource in client.search("Schedule", {"active": "true"}):
        try:
            schedules.append((str(resource["id"]), _professional(resource), resource))
        except _UNUSABLE as exc:
            quarantine.hold(resource, exc)
            continue
        quarantine.fine("Schedule", str(resource["id"]))
    store.agenda.save_schedules(schedules)

    since = f"ge{fhir_instant(start)}"
    slots: list[tuple[Slot, dict[str, Any]]] = []
    for schedule_id, _, _ in schedules:
        for resource in client.search(
            "Slot", {"schedule": f"Schedule/{schedule_id}", "start": since, "_count": PAGE}
        ):
            try:
                slot = _slot(resource)
            except _UNUSABLE as exc:
                quarantine.hold(resource, exc)
                continue
            quarantine.fine("Slot", slot.id)
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
        except _UNUSABLE as exc:
            quarantine.hold(resource, exc)
            continue
        quarantine.fine("Appointment", server_id)
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
    consents = _pull_consents(client, store, patients, quarantine)
    quarantine.save()
    return AgendaPullSummary(
        len(schedules), len(slots), len(usable), len(quarantine.held), kept, consents=consents
    )


def _pull_consents(
    client: FhirClient, store: CacheStore, patients: list[str], quarantine: _Quarantine
) -> int:
    """The consents to telemedicine of the patients in the agenda; how many were stored."""
    usable: list[dict[str, Any]] = []
    for i in range(0, len(patients), PATIENTS_PER_SEARCH):
        chunk = ",".join(patients[i : i + PATIENTS_PER_SEARCH])
        for resource in client.search(
            "Consent",
            {"patient": chunk, "category": f"{CATEGORY_SYSTEM}|{TELEMEDICINE}", "_count": PAGE},
        ):
            try:
                consent_from_fhir(resource)
            except _UNUSABLE as exc:
                quarantine.hold(resource, exc)
                continue
            quarantine.fine("Consent", str(resource["id"]))
            usable.append(resource)
    return store.telemedicine_consents.save_resources(usable)
