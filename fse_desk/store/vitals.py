"""Vital-sign readings recorded on this workstation."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from fse_desk._types import PatientId
from fse_desk.domain.vitals import Vital, VitalReading
from fse_desk.store._records import now_text, utc_text
from fse_desk.store.database import Database

_COLUMNS = (
    "id",
    "patient_id",
    "vital",
    "value1",
    "value2",
    "effective_at",
    "performer",
    "performer_id",
    "note",
)
_BY_KEY = {v.value.key: v for v in Vital}


def _reading(row: Sequence[Any]) -> VitalReading:
    values = (row[3],) if row[4] is None else (row[3], row[4])
    return VitalReading(
        id=row[0],
        patient_id=PatientId(row[1]),
        vital=_BY_KEY[row[2]],
        values=values,
        effective_at=datetime.fromisoformat(row[5]),
        performer=row[6],
        performer_id=row[7],
        note=row[8],
    )


class VitalsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def save(self, reading: VitalReading) -> None:
        """Insert or correct a reading (same id)."""
        value2 = reading.values[1] if len(reading.values) > 1 else None
        with self._db.transaction("saving a reading") as conn:
            conn.execute(
                f"INSERT INTO vital_reading ({', '.join(_COLUMNS)}, recorded_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET value1 = excluded.value1,"
                " value2 = excluded.value2, effective_at = excluded.effective_at,"
                " performer = excluded.performer, performer_id = excluded.performer_id,"
                " note = excluded.note",
                (
                    reading.id,
                    reading.patient_id,
                    reading.vital.value.key,
                    reading.values[0],
                    value2,
                    utc_text(reading.effective_at, what="effective_at"),
                    reading.performer,
                    reading.performer_id,
                    reading.note,
                    now_text(),
                ),
            )

    def get(self, reading_id: str) -> VitalReading | None:
        with self._db.reading("reading a measurement") as conn:
            row = conn.execute(
                f"SELECT {', '.join(_COLUMNS)} FROM vital_reading WHERE id = ?", (reading_id,)
            ).fetchone()
        return _reading(row) if row else None

    def for_patient(self, patient_id: PatientId | str, limit: int = 50) -> list[VitalReading]:
        """The patient's readings, most recent measurement first."""
        with self._db.reading("listing measurements") as conn:
            rows = conn.execute(
                f"SELECT {', '.join(_COLUMNS)} FROM vital_reading WHERE patient_id = ?"
                " ORDER BY effective_at DESC, id LIMIT ?",
                (patient_id, limit),
            ).fetchall()
        return [_reading(r) for r in rows]

    def count(self) -> int:
        with self._db.reading("counting measurements") as conn:
            return int(conn.execute("SELECT count(*) FROM vital_reading").fetchone()[0])
