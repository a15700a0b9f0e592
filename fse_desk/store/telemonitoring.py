"""Telemonitoring in the cache: plan resources, readings as columns, alarm tasks.

What the pull cannot map goes to the sync's quarantine (:mod:`fse_desk.store.sync_records`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from fse_desk._types import PatientId
from fse_desk.domain.reading_track import Track
from fse_desk.domain.telemonitoring import Parameter, Reading, ReadingSource
from fse_desk.store._records import now_text
from fse_desk.store.database import Database

_SOURCES = {s.value: s for s in ReadingSource}


class TelemonitoringRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    # -- resources (plans and what they point to; Observations by version only) --------
    def versions(self, resource_type: str, ids: Iterable[str]) -> dict[str, str]:
        """The cached versionId of each of ``ids`` that is cached."""
        ids = list(ids)
        found: dict[str, str] = {}
        with self._db.reading("reading telemonitoring versions") as conn:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = conn.execute(
                    f"SELECT id, version_id FROM tm_resource WHERE type = ? AND id IN ({marks})",
                    (resource_type, *chunk),
                ).fetchall()
                found.update({r[0]: r[1] for r in rows})
        return found

    def versions_of_type(self, resource_type: str) -> dict[str, str]:
        """``id → versionId`` of every cached resource of the type (the pull skips these)."""
        with self._db.reading("reading telemonitoring versions") as conn:
            rows = conn.execute(
                "SELECT id, version_id FROM tm_resource WHERE type = ?", (resource_type,)
            ).fetchall()
        return {str(r[0]): str(r[1]) for r in rows}

    def save_resource(
        self, resource: dict[str, Any], patient_id: PatientId | None, *, keep_json: bool = True
    ) -> None:
        with self._db.transaction("saving a telemonitoring resource") as conn:
            conn.execute(
                "INSERT INTO tm_resource (type, id, version_id, patient_id, json)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (type, id) DO UPDATE SET"
                " version_id = excluded.version_id, patient_id = excluded.patient_id,"
                " json = excluded.json",
                (
                    resource["resourceType"],
                    resource["id"],
                    str(resource.get("meta", {}).get("versionId", "1")),
                    patient_id,
                    json.dumps(resource) if keep_json else None,
                ),
            )

    def resources(self, resource_type: str, patient_id: PatientId | None = None) -> list[Any]:
        sql = "SELECT json FROM tm_resource WHERE type = ? AND json IS NOT NULL"
        args: tuple[str, ...] = (resource_type,)
        if patient_id is not None:
            sql, args = sql + " AND patient_id = ?", (resource_type, patient_id)
        with self._db.reading("reading telemonitoring resources") as conn:
            return [json.loads(r[0]) for r in conn.execute(sql + " ORDER BY id", args)]

    def resources_by_id(self, resource_type: str, ids: Iterable[str]) -> dict[str, Any]:
        ids = list(ids)
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        with self._db.reading("reading telemonitoring resources") as conn:
            rows = conn.execute(
                f"SELECT id, json FROM tm_resource WHERE type = ? AND id IN ({marks})",
                (resource_type, *ids),
            ).fetchall()
        return {r[0]: json.loads(r[1]) for r in rows if r[1] is not None}

    def enrolled_patients(self) -> list[PatientId]:
        with self._db.reading("listing enrolled patients") as conn:
            rows = conn.execute(
                "SELECT DISTINCT patient_id FROM tm_resource WHERE type = 'CarePlan'"
                " AND patient_id IS NOT NULL ORDER BY patient_id"
            ).fetchall()
        return [PatientId(r[0]) for r in rows]

    # -- readings -------------------------------------------------------------------
    def replace_readings(self, observation_id: str, readings: Sequence[Reading]) -> None:
        """The readings of one Observation version, replacing the earlier version's."""
        with self._db.transaction("saving readings") as conn:
            conn.execute("DELETE FROM tm_reading WHERE observation_id = ?", (observation_id,))
            conn.executemany(
                "INSERT INTO tm_reading (key, patient_id, parameter, at, value1, value2, source,"
                " performer, observation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (key) DO UPDATE SET at = excluded.at, value1 = excluded.value1,"
                " value2 = excluded.value2, observation_id = excluded.observation_id",
                [
                    (
                        r.key,
                        r.patient_id,
                        r.parameter.name,
                        r.at.timestamp(),
                        r.values[0],
                        r.values[1] if len(r.values) > 1 else None,
                        r.source.value,
                        r.performer,
                        observation_id,
                    )
                    for r in readings
                ],
            )

    def track(self, patient_id: PatientId, parameter: Parameter) -> Track:
        """All cached readings of one parameter as columns, in time order."""
        with self._db.reading("reading a patient's readings") as conn:
            rows = conn.execute(
                "SELECT at, value1, value2, key, source, performer FROM tm_reading"
                " WHERE patient_id = ? AND parameter = ? ORDER BY at, key",
                (patient_id, parameter.name),
            ).fetchall()
        width = 2 if parameter is Parameter.BLOOD_PRESSURE else 1
        times = np.fromiter((r[0] for r in rows), dtype=np.float64, count=len(rows))
        values = np.array([r[1 : 1 + width] for r in rows], dtype=np.float64).reshape(-1, width)
        return Track(
            patient_id,
            parameter,
            times,
            values,
            [r[3] for r in rows],
            [_SOURCES[r[4]] for r in rows],
            [r[5] for r in rows],
        )

    def keys(self, patient_id: PatientId) -> set[str]:
        with self._db.reading("reading a patient's reading keys") as conn:
            rows = conn.execute(
                "SELECT key FROM tm_reading WHERE patient_id = ?", (patient_id,)
            ).fetchall()
        return {r[0] for r in rows}

    def count_readings(self, patient_id: PatientId | None = None) -> int:
        sql, args = "SELECT count(*) FROM tm_reading", ()
        if patient_id is not None:
            sql, args = sql + " WHERE patient_id = ?", (patient_id,)  # type: ignore[assignment]
        with self._db.reading("counting readings") as conn:
            return int(conn.execute(sql, args).fetchone()[0])

    # -- the team's actions on alarms recorded here --------------------------------
    def save_action(self, key: str, alarm_key: str, patient_id: PatientId, task: Any) -> None:
        with self._db.transaction("saving an alarm action") as conn:
            conn.execute(
                "INSERT INTO tm_alarm_action (key, alarm_key, patient_id, json, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (key, alarm_key, patient_id, json.dumps(task), now_text()),
            )

    def local_actions(self) -> list[Any]:
        with self._db.reading("reading alarm actions") as conn:
            rows = conn.execute("SELECT json FROM tm_alarm_action ORDER BY created_at").fetchall()
        return [json.loads(r[0]) for r in rows]
