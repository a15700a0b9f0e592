"""The team's agenda in the cache: Schedules, Slots and Appointments.

Rows keep the FHIR resource whole and index what the agenda searches by (time,
status, patient, series, and who takes part).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import orjson

from fse_desk.domain.roles import Role
from fse_desk.domain.scheduling import (
    MAX_APPOINTMENT,
    Appointment,
    Professional,
    Slot,
    SlotStatus,
)
from fse_desk.domain.scheduling_fhir import from_fhir, to_fhir
from fse_desk.store._records import utc_text
from fse_desk.store.database import Connection, Database

_APPOINTMENT = "SELECT resource, version FROM agenda_appointment"
# No appointment is longer than this (checked in the record), so a time window is an
# index range on start_at instead of a scan of every earlier row.
_LONGEST = MAX_APPOINTMENT


def _appointment(row: tuple[str, str | None]) -> Appointment:
    resource = orjson.loads(row[0])
    if row[1] is not None:
        resource["meta"] = {"versionId": row[1]}
    return from_fhir(resource)


class AgendaRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    # -- appointments -------------------------------------------------------------------
    def save(self, appointments: Iterable[Appointment]) -> None:
        """Insert or replace appointments (same id), with who takes part."""
        with self._db.transaction("saving appointments") as conn:
            for appointment in appointments:
                self._save(conn, appointment, to_fhir(appointment))

    def save_resources(self, resources: Iterable[dict[str, Any]]) -> int:
        """Appointments as the server sent them; returns how many were stored."""
        stored = 0
        with self._db.transaction("saving appointments") as conn:
            for resource in resources:
                self._save(conn, from_fhir(resource), resource)
                stored += 1
        return stored

    @staticmethod
    def _save(conn: Connection, appointment: Appointment, resource: dict[str, Any]) -> None:
        patient = appointment.patient
        body = {k: v for k, v in resource.items() if k != "meta"}
        conn.execute(
            "INSERT INTO agenda_appointment (id, start_at, end_at, status, patient_id,"
            " series_id, version, resource) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET start_at = excluded.start_at,"
            " end_at = excluded.end_at, status = excluded.status,"
            " patient_id = excluded.patient_id, series_id = excluded.series_id,"
            " version = excluded.version, resource = excluded.resource",
            (
                appointment.id,
                utc_text(appointment.start, what="start"),
                utc_text(appointment.end, what="end"),
                appointment.status.value,
                patient.reference.removeprefix("Patient/") if patient else None,
                appointment.series_id,
                appointment.version,
                orjson.dumps(body).decode(),
            ),
        )
        conn.execute("DELETE FROM agenda_actor WHERE appointment_id = ?", (appointment.id,))
        conn.executemany(
            "INSERT INTO agenda_actor (appointment_id, actor) VALUES (?, ?)",
            [(appointment.id, actor) for actor in appointment.actors()],
        )

    def get(self, appointment_id: str) -> Appointment | None:
        with self._db.reading("reading an appointment") as conn:
            row = conn.execute(f"{_APPOINTMENT} WHERE id = ?", (appointment_id,)).fetchone()
        return _appointment(row) if row else None

    def between(
        self, start: datetime, end: datetime, *, actors: Iterable[str] | None = None
    ) -> list[Appointment]:
        """Appointments overlapping [start, end), of ``actors`` when given, by start."""
        params: list[Any] = [
            utc_text(start - _LONGEST, what="start"),
            utc_text(end, what="end"),
            utc_text(start, what="start"),
        ]
        where = "start_at > ? AND start_at < ? AND end_at > ?"
        if actors is not None:
            wanted = list(actors)
            where += (
                " AND id IN (SELECT appointment_id FROM agenda_actor WHERE actor IN"
                f" ({', '.join('?' * len(wanted))}))"
            )
            params += wanted
        with self._db.reading("reading the agenda") as conn:
            rows = conn.execute(
                f"{_APPOINTMENT} WHERE {where} ORDER BY start_at, id", params
            ).fetchall()
        return [_appointment(r) for r in rows]

    def for_patient(self, patient_id: str) -> list[Appointment]:
        with self._db.reading("reading a patient's appointments") as conn:
            rows = conn.execute(
                f"{_APPOINTMENT} WHERE patient_id = ? ORDER BY start_at, id", (patient_id,)
            ).fetchall()
        return [_appointment(r) for r in rows]

    def series(self, series_id: str) -> list[Appointment]:
        with self._db.reading("reading a series") as conn:
            rows = conn.execute(
                f"{_APPOINTMENT} WHERE series_id = ? ORDER BY start_at, id", (series_id,)
            ).fetchall()
        return [_appointment(r) for r in rows]

    def waiting(self) -> list[Appointment]:
        with self._db.reading("reading the waiting list") as conn:
            rows = conn.execute(
                f"{_APPOINTMENT} WHERE status = 'waitlist' ORDER BY start_at, id"
            ).fetchall()
        return [_appointment(r) for r in rows]

    def count(self) -> int:
        with self._db.reading("counting appointments") as conn:
            return int(conn.execute("SELECT count(*) FROM agenda_appointment").fetchone()[0])

    # -- schedules and slots ------------------------------------------------------------
    def save_schedules(self, schedules: Iterable[tuple[str, Professional, dict[str, Any]]]) -> None:
        with self._db.transaction("saving schedules") as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO agenda_schedule (id, actor, display, role, resource)"
                " VALUES (?, ?, ?, ?, ?)",
                [
                    (sid, p.reference, p.display, p.role.value, orjson.dumps(r).decode())
                    for sid, p, r in schedules
                ],
            )

    def team(self) -> list[tuple[str, Professional]]:
        """(schedule id, professional) of everyone with an agenda, by name."""
        with self._db.reading("reading the team") as conn:
            rows = conn.execute(
                "SELECT id, actor, display, role FROM agenda_schedule ORDER BY display"
            ).fetchall()
        return [(r[0], Professional(r[1], r[2], Role(r[3]))) for r in rows]

    def save_slots(self, slots: Iterable[tuple[Slot, dict[str, Any]]]) -> None:
        with self._db.transaction("saving slots") as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO agenda_slot (id, schedule_id, start_at, end_at, status,"
                " version, resource) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        s.id,
                        s.schedule_id,
                        utc_text(s.start, what="start"),
                        utc_text(s.end, what="end"),
                        s.status.value,
                        s.version,
                        orjson.dumps({k: v for k, v in r.items() if k != "meta"}).decode(),
                    )
                    for s, r in slots
                ],
            )

    def slot(self, slot_id: str) -> tuple[Slot, dict[str, Any]] | None:
        with self._db.reading("reading a slot") as conn:
            row = conn.execute(
                "SELECT id, schedule_id, start_at, end_at, status, version, resource"
                " FROM agenda_slot WHERE id = ?",
                (slot_id,),
            ).fetchone()
        if row is None:
            return None
        slot = Slot(
            row[0],
            row[1],
            datetime.fromisoformat(row[2]),
            datetime.fromisoformat(row[3]),
            SlotStatus(row[4]),
            version=row[5],
        )
        return slot, orjson.loads(row[6])

    def free_slot_at(self, schedule_id: str, start: datetime) -> str | None:
        """The id of the free slot of ``schedule_id`` starting at ``start``, if any."""
        with self._db.reading("finding a slot") as conn:
            row = conn.execute(
                "SELECT id FROM agenda_slot WHERE schedule_id = ? AND start_at = ?"
                " AND status = 'free'",
                (schedule_id, utc_text(start, what="start")),
            ).fetchone()
        return str(row[0]) if row else None
