"""The agenda as the desk uses it: look, find free times, book, move, cancel.

Reads come from the cache, so the agenda is the same online and offline. Every
change is written in one transaction to the cache and to the outbox, which
pushes it (conditional create on the client identifier, ``If-Match`` on
updates). A booking that claims a Slot also updates the Slot with ``If-Match``:
when another workstation took it first, that update comes back 412 and the
outbox keeps it as a conflict; :meth:`AgendaService.races` shows both bookings
and the user chooses (:meth:`AgendaService.settle_race`). Nothing is overwritten.

A remote visit is booked, and its room opened, only for a patient whose latest
decision on telemedicine is a consent (:meth:`AgendaService.require_consent`);
recording one is a FHIR Consent queued like a booking.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from fse_desk.domain.outbox import OutboxMethod, OutboxState
from fse_desk.domain.roles import Role
from fse_desk.domain.rome_clock import ROME, plus
from fse_desk.domain.scheduling import (
    Appointment,
    AppointmentStatus,
    ParticipantStatus,
    Professional,
)
from fse_desk.domain.scheduling_fhir import SLOT_CLAIM_EXTENSION, to_fhir
from fse_desk.domain.telemedicine_consent import TelemedicineConsent
from fse_desk.domain.telemedicine_consent import to_fhir as consent_to_fhir
from fse_desk.errors import InvalidRecord, TelemedicineConsentMissing
from fse_desk.scheduling.agenda import Agenda
from fse_desk.scheduling.conflicts import Conflict, require_acknowledged
from fse_desk.scheduling.freeslots import FreeSlot, SlotQuery, find_common_slots
from fse_desk.scheduling.hours import WorkingHours
from fse_desk.scheduling.permissions import AgendaAction, require
from fse_desk.scheduling.recurrence import Occurrence, Recurrence, check_series, expand
from fse_desk.scheduling.series import Scope, cancel, reschedule
from fse_desk.scheduling.video import new_room_name
from fse_desk.store import CacheStore

_STATUS_CHANGES = {
    AppointmentStatus.ARRIVED,
    AppointmentStatus.NOSHOW,
    AppointmentStatus.FULFILLED,
    AppointmentStatus.BOOKED,
}


@dataclass(frozen=True, slots=True)
class SlotRace:
    """Two workstations took the same slot: ours and the booking(s) the server kept."""

    entry_id: int
    slot_id: str
    mine: tuple[Appointment, ...]
    theirs: tuple[Appointment, ...]


class AgendaService:
    def __init__(
        self,
        store: CacheStore,
        role: Role,
        operator: str,
        *,
        on_change: Callable[[], None] = lambda: None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._store = store
        self._role = role
        self._operator = operator
        self._on_change = on_change
        self._now = now

    # -- reading ------------------------------------------------------------------------
    def team(self) -> list[Professional]:
        return [p for _, p in self._store.agenda.team()]

    def hours(self) -> dict[str, WorkingHours]:
        """Opening hours of each professional (the default week until schedules say more)."""
        return {p.reference: WorkingHours() for p in self.team()}

    def between(
        self, start: datetime, end: datetime, actors: Iterable[str] | None = None
    ) -> list[Appointment]:
        return self._store.agenda.between(start, end, actors=actors)

    def get(self, appointment_id: str) -> Appointment | None:
        return self._store.agenda.get(appointment_id)

    def for_patient(self, patient_id: str) -> list[Appointment]:
        return self._store.agenda.for_patient(patient_id)

    def waiting_list(self) -> list[Appointment]:
        return self._store.agenda.waiting()

    def _agenda(self, start: datetime, end: datetime, actors: Iterable[str]) -> Agenda:
        return Agenda(self._store.agenda.between(start, end, actors=list(actors)))

    def free_slots(self, query: SlotQuery) -> list[FreeSlot]:
        agenda = self._agenda(query.start, query.end, query.participants)
        return find_common_slots(agenda, self.hours(), query)

    # -- consent to telemedicine --------------------------------------------------------
    def consent(self, patient_id: str) -> TelemedicineConsent | None:
        """The patient's latest decision on telemedicine, None when never asked."""
        return self._store.telemedicine_consents.latest(patient_id)

    def record_consent(self, patient_id: str, *, granted: bool) -> TelemedicineConsent:
        """The patient gives (or withdraws) informed consent to telemedicine: kept in
        the cache and queued for the FSE as a Consent, offline too."""
        require(self._role, AgendaAction.BOOK)
        now = self._now()
        recorded_at = now.replace(microsecond=now.microsecond // 1000 * 1000)  # as sent
        previous = self.consent(patient_id)
        # The latest decision decides: a new one must come after the one it replaces,
        # even within the same millisecond or after the clock was set back.
        if previous is not None and recorded_at <= previous.recorded_at:
            recorded_at = plus(previous.recorded_at, timedelta(milliseconds=1))
        consent = TelemedicineConsent(
            str(uuid.uuid4()),
            patient_id,
            granted=granted,
            recorded_at=recorded_at,
            recorded_by=self._operator,
        )
        what = "Consenso alla telemedicina" if granted else "Revoca del consenso alla telemedicina"
        with self._store.transaction():
            self._store.telemedicine_consents.save(consent)
            self._store.outbox.enqueue(
                resource_type="Consent",
                resource_id=consent.id,
                method=OutboxMethod.CREATE,
                payload=consent_to_fhir(consent),
                description=f"{what} del {consent.recorded_at.astimezone(ROME):%d/%m/%Y}",
                patient_id=patient_id,
                base_version=None,
            )
        self._on_change()
        return consent

    def require_consent(self, appointment: Appointment) -> None:
        """Raise TelemedicineConsentMissing for a remote visit whose patient has not
        consented to telemedicine (or withdrew it); in-person visits need nothing."""
        patient = appointment.patient
        if not appointment.visit_type.remote or patient is None:
            return
        consent = self.consent(patient.reference.removeprefix("Patient/"))
        if consent is None or not consent.granted:
            state = "withdrawn" if consent is not None else "not recorded"
            raise TelemedicineConsentMissing(
                f"appointment {appointment.id} is a remote visit and the patient's informed "
                f"consent to telemedicine is {state}: record it first"
            )

    # -- booking ------------------------------------------------------------------------
    def draft(
        self, template: Appointment, recurrence: Recurrence | None = None
    ) -> list[Occurrence]:
        """The appointment (or each occurrence of its series) with its conflicts, to show
        before booking. Remote visits get their video room here."""
        first = template
        if template.visit_type.remote and not template.room:
            first = replace(template, room=new_room_name())
        # FHIR instants carry whole seconds here: the cached copy equals the booked one.
        first = replace(first, created=first.created or self._now().replace(microsecond=0))
        occurrences = expand(first, recurrence) if recurrence else [first]
        if recurrence:  # each occurrence has its own room
            occurrences = [
                o if i == 0 or not o.room else replace(o, room=new_room_name())
                for i, o in enumerate(occurrences)
            ]
        return self._checked([self._with_slots(o) for o in occurrences])

    def _with_slots(self, appointment: Appointment) -> Appointment:
        """The free published slots the appointment takes (one per professional whose
        schedule has one starting then); taking them is what detects a lost race."""
        if appointment.slot_ids:
            return appointment
        schedules = {p.reference: sid for sid, p in self._store.agenda.team()}
        taken = tuple(
            slot
            for p in appointment.professionals
            if p.reference in schedules
            and (slot := self._store.agenda.free_slot_at(schedules[p.reference], appointment.start))
        )
        return replace(appointment, slot_ids=taken)

    def _checked(
        self, appointments: Sequence[Appointment], *, ignore: frozenset[str] = frozenset()
    ) -> list[Occurrence]:
        if not appointments:
            return []
        actors = {a for appointment in appointments for a in appointment.actors()}
        start = min(a.start for a in appointments)
        end = max(a.end for a in appointments)
        agenda = self._agenda(start, end, actors)
        return check_series(appointments, agenda, self.hours(), now=self._now(), ignore=ignore)

    def book(
        self, appointments: Sequence[Appointment], acknowledged: Sequence[Conflict] = ()
    ) -> list[Appointment]:
        """Book these (a single visit or the occurrences kept from a series). Conflicts
        are checked again on the cache now; any not acknowledged raises BookingConflict."""
        require(self._role, AgendaAction.BOOK)
        for appointment in appointments:
            if appointment.status is not AppointmentStatus.WAITLIST:
                self.require_consent(appointment)
        checked = self._checked(appointments)
        require_acknowledged(tuple(c for o in checked for c in o.conflicts), tuple(acknowledged))
        booked = [
            a if a.status is AppointmentStatus.WAITLIST else a.with_status(AppointmentStatus.BOOKED)
            for a in appointments
        ]
        with self._store.transaction():
            self._store.agenda.save(booked)
            for appointment in booked:
                self._enqueue(appointment, OutboxMethod.CREATE, "Prenotazione")
                for slot_id in appointment.slot_ids:
                    self._claim_slot(slot_id, appointment.id)
        self._on_change()
        return booked

    def add_to_waiting_list(self, request: Appointment) -> Appointment:
        require(self._role, AgendaAction.BOOK)
        waiting = replace(request, status=AppointmentStatus.WAITLIST, created=self._now())
        with self._store.transaction():
            self._store.agenda.save([waiting])
            self._enqueue(waiting, OutboxMethod.CREATE, "Lista d'attesa")
        self._on_change()
        return waiting

    def plan_reschedule(
        self, appointment_id: str, new_start: datetime, scope: Scope
    ) -> list[Occurrence]:
        target = self._existing(appointment_id)
        moved = reschedule(target, new_start, self._series_of(target), scope)
        return self._checked(moved, ignore=frozenset(a.id for a in moved))

    def reschedule(
        self,
        appointment_id: str,
        new_start: datetime,
        scope: Scope = Scope.THIS,
        acknowledged: Sequence[Conflict] = (),
    ) -> list[Appointment]:
        require(self._role, AgendaAction.BOOK)
        checked = self.plan_reschedule(appointment_id, new_start, scope)
        require_acknowledged(tuple(c for o in checked for c in o.conflicts), tuple(acknowledged))
        return self._update([o.appointment for o in checked], "Spostamento")

    def cancel(self, appointment_id: str, scope: Scope = Scope.THIS) -> list[Appointment]:
        require(self._role, AgendaAction.BOOK)
        target = self._existing(appointment_id)
        return self._update(cancel(target, self._series_of(target), scope), "Disdetta")

    def set_status(self, appointment_id: str, status: AppointmentStatus) -> Appointment:
        """The desk marks a visit arrived, no-show or done."""
        require(self._role, AgendaAction.UPDATE_STATUS)
        if status not in _STATUS_CHANGES:
            raise InvalidRecord(f"status {status.value} is not set from the desk", field="status")
        [changed] = self._update([self._existing(appointment_id).with_status(status)], "Stato")
        return changed

    def set_answer(
        self, appointment_id: str, reference: str, status: ParticipantStatus
    ) -> Appointment:
        """A participant (the patient or a professional) accepts, declines, is not sure,
        or is to be asked again; saved and queued like any change of the appointment."""
        require(self._role, AgendaAction.UPDATE_STATUS)
        appointment = self._existing(appointment_id)
        if not appointment.status.open:
            raise InvalidRecord(
                f"appointment {appointment_id} is {appointment.status.value}: "
                "its participants' answers no longer change",
                field="status",
            )
        [changed] = self._update([appointment.with_answer(reference, status)], "Risposta")
        return changed

    # -- lost races ---------------------------------------------------------------------
    def races(self) -> list[SlotRace]:
        """Slots another workstation took first, with both bookings."""
        out: list[SlotRace] = []
        for entry in self._store.outbox.entries():
            if entry.resource_type != "Slot" or entry.state is not OutboxState.CONFLICT:
                continue
            slot = self._store.agenda.slot(entry.resource_id)
            if slot is None:
                continue
            near = self._store.agenda.between(slot[0].start, slot[0].end)
            taking = [a for a in near if entry.resource_id in a.slot_ids]
            mine = tuple(a for a in taking if a.id in self._local_bookings())
            theirs = tuple(a for a in taking if a not in mine)
            out.append(SlotRace(entry.id, entry.resource_id, mine, theirs))
        return out

    def settle_race(self, race: SlotRace, *, keep_mine: bool) -> None:
        """Keep ours too (the slot becomes overbooked: both visits happen), or give
        ours up (cancelled, on the record); the other booking is never touched."""
        require(self._role, AgendaAction.BOOK)
        entry = self._store.outbox.get(race.entry_id)
        if entry is None or entry.state is not OutboxState.CONFLICT:
            raise InvalidRecord(f"outbox entry {race.entry_id} is not a lost race", field="state")
        server = entry.conflict_payload or {}
        with self._store.transaction():
            self._store.outbox.discard(entry.id, self._operator)
            if keep_mine:
                # Both bookings stand: the slot, as the server has it, becomes overbooked
                # and names every appointment that takes it.
                self._store.outbox.enqueue(
                    resource_type="Slot",
                    resource_id=race.slot_id,
                    method=OutboxMethod.UPDATE,
                    payload={
                        **server,
                        "overbooked": True,
                        "extension": [
                            *server.get("extension", []),
                            *(_claim(a.id) for a in race.mine),
                        ],
                    },
                    description="Posto in agenda in sovrapposizione",
                    patient_id=None,
                    base_version=str(server.get("meta", {}).get("versionId", "")) or None,
                )
            else:
                for appointment in race.mine:
                    self._update([appointment.with_status(AppointmentStatus.CANCELLED)], "Disdetta")
        self._on_change()

    # -- helpers ------------------------------------------------------------------------
    def _existing(self, appointment_id: str) -> Appointment:
        appointment = self._store.agenda.get(appointment_id)
        if appointment is None:
            raise InvalidRecord(f"appointment {appointment_id} is not in the agenda", field="id")
        return appointment

    def _series_of(self, target: Appointment) -> list[Appointment]:
        return self._store.agenda.series(target.series_id) if target.series_id else [target]

    def _local_bookings(self) -> set[str]:
        return {
            e.resource_id
            for e in self._store.outbox.entries(include_closed=True)
            if e.resource_type == "Appointment" and e.method is OutboxMethod.CREATE
        }

    def _update(self, appointments: Sequence[Appointment], what: str) -> list[Appointment]:
        with self._store.transaction():
            self._store.agenda.save(appointments)
            for appointment in appointments:
                self._enqueue(appointment, OutboxMethod.UPDATE, what)
        self._on_change()
        return list(appointments)

    def _enqueue(self, appointment: Appointment, method: OutboxMethod, what: str) -> None:
        patient = appointment.patient
        # The newest version known: a change of ours already sent is newer than the
        # version the cache read at the last pull.
        ref = self._store.outbox.server_ref("Appointment", appointment.id)
        self._store.outbox.enqueue(
            resource_type="Appointment",
            resource_id=appointment.id,
            method=method,
            payload=to_fhir(appointment),
            description=f"{what}: appuntamento del {appointment.start:%d/%m/%Y %H:%M}",
            patient_id=patient.reference.removeprefix("Patient/") if patient else None,
            base_version=ref[1] if ref is not None and ref[1] else appointment.version,
        )

    def _claim_slot(self, slot_id: str, appointment_id: str) -> None:
        found = self._store.agenda.slot(slot_id)
        if found is None:
            raise InvalidRecord(f"slot {slot_id} is not in the cache", field="slot_ids")
        slot, resource = found
        # The claim names the appointment: a slot another desk took reads differently
        # from ours, so the outbox sees a conflict, not an earlier attempt of ours.
        payload: dict[str, Any] = {
            **resource,
            "status": "busy",
            "extension": [*resource.get("extension", []), _claim(appointment_id)],
        }
        self._store.outbox.enqueue(
            resource_type="Slot",
            resource_id=slot.id,
            method=OutboxMethod.UPDATE,
            payload=payload,
            description=f"Posto in agenda del {slot.start:%d/%m/%Y %H:%M}",
            patient_id=None,
            base_version=slot.version,
        )


def _claim(appointment_id: str) -> dict[str, Any]:
    return {"url": SLOT_CLAIM_EXTENSION, "valueString": appointment_id}


def new_appointment_id() -> str:
    return str(uuid.uuid4())
