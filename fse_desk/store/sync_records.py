"""What the sync keeps beside the FSE data: quarantined records, departed patients."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from fse_desk._types import PatientId
from fse_desk.store._records import json_array, now_text
from fse_desk.store.database import Database

_CHUNK = 400  # patient ids per IN (…), twice in one statement: under SQLite's 999


@dataclass(frozen=True, slots=True)
class QuarantinedRecord:
    """A server resource the sync could not read: which one, and why (never its content)."""

    resource_type: str
    resource_id: str
    version_id: str
    reason: str
    seen_at: datetime


class SyncRecordsRepository:
    """Quarantine of unreadable server records; departure of patients from the practice."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # -- quarantine -------------------------------------------------------------------
    def quarantine(
        self, resource_type: str, resource_id: str, version_id: str, reason: str
    ) -> None:
        with self._db.transaction("quarantining a server record") as conn:
            conn.execute(
                "INSERT INTO sync_quarantine (resource_type, resource_id, version_id, reason, "
                "seen_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (resource_type, resource_id) "
                "DO UPDATE SET version_id = excluded.version_id, reason = excluded.reason, "
                "seen_at = excluded.seen_at",
                (resource_type, resource_id, version_id, reason, now_text()),
            )

    def release(self, resource_type: str, resource_ids: Iterable[str]) -> int:
        """Forget these records' quarantine (a later version was read, or they are gone)."""
        rows = [(resource_type, rid) for rid in resource_ids]
        with self._db.transaction("releasing quarantined records") as conn:
            before = conn.total_changes
            conn.executemany(
                "DELETE FROM sync_quarantine WHERE resource_type = ? AND resource_id = ?", rows
            )
            return int(conn.total_changes - before)

    def quarantined_versions(self, resource_type: str) -> dict[str, str]:
        """``id → version_id`` of this type's quarantined records."""
        with self._db.reading("reading the sync quarantine") as conn:
            rows = conn.execute(
                "SELECT resource_id, version_id FROM sync_quarantine WHERE resource_type = ?",
                (resource_type,),
            ).fetchall()
        return {str(r[0]): str(r[1]) for r in rows}

    def quarantined(self) -> list[QuarantinedRecord]:
        """Every record the sync could not read, oldest first (for the status area's list)."""
        with self._db.reading("listing the sync quarantine") as conn:
            rows = conn.execute(
                "SELECT resource_type, resource_id, version_id, reason, seen_at "
                "FROM sync_quarantine ORDER BY seen_at, resource_type, resource_id"
            ).fetchall()
        return [
            QuarantinedRecord(r[0], r[1], r[2], r[3], datetime.fromisoformat(r[4])) for r in rows
        ]

    def quarantine_count(self) -> int:
        with self._db.reading("counting the sync quarantine") as conn:
            n: int = conn.execute("SELECT count(*) FROM sync_quarantine").fetchone()[0]
        return n

    # -- documents the server lists and the cache withholds ------------------------------
    def withhold(self, documents: Iterable[tuple[str, PatientId | str]]) -> None:
        """Note ``(document id, patient id)`` the server lists but the cache must not keep."""
        with self._db.transaction("noting withheld documents") as conn:
            conn.execute(
                "INSERT OR REPLACE INTO sync_withheld (id, patient_id) "
                "SELECT value ->> 0, value ->> 1 FROM json_each(?)",
                json_array(documents),
            )

    def forget_withheld(self, document_ids: Iterable[str]) -> None:
        with self._db.transaction("forgetting withheld documents") as conn:
            conn.execute(
                "DELETE FROM sync_withheld WHERE id IN (SELECT value FROM json_each(?))",
                json_array(document_ids),
            )

    def listed_documents(self, patient_ids: Sequence[PatientId | str]) -> set[str]:
        """Ids of these patients' documents as the server last listed them: cached or withheld."""
        found: set[str] = set()
        with self._db.reading("listing the documents the server lists") as conn:
            for start in range(0, len(patient_ids), _CHUNK):
                chunk = list(patient_ids[start : start + _CHUNK])
                marks = ", ".join("?" for _ in chunk)
                rows = conn.execute(
                    f"SELECT id FROM document WHERE patient_id IN ({marks}) "
                    f"UNION SELECT id FROM sync_withheld WHERE patient_id IN ({marks})",
                    chunk + chunk,
                ).fetchall()
                found.update(str(r[0]) for r in rows)
        return found

    # -- departures -------------------------------------------------------------------
    def mark_departed(self, patient_id: PatientId | str) -> int:
        """Purge a patient who left the practice; return how many documents went.

        Documents go with their bodies, text index and findings (foreign keys cascade),
        and the telemonitoring the server sent; the row stays, flagged, for what the
        workstation still holds of its own: unsent PSS drafts (listed until discarded),
        readings taken here and the audit trail reference it.
        """
        with self._db.transaction("purging a patient who left the practice") as conn:
            removed: int = conn.execute(
                "DELETE FROM document WHERE patient_id = ?", (patient_id,)
            ).rowcount
            # What the server's telemonitoring of theirs brought: plans, devices, readings.
            for table in ("sync_withheld", "tm_resource", "tm_reading"):
                conn.execute(f"DELETE FROM {table} WHERE patient_id = ?", (patient_id,))
            conn.execute(
                "UPDATE patient SET departed_at = COALESCE(departed_at, ?) WHERE id = ?",
                (now_text(), patient_id),
            )
        return removed

    def mark_present(self, patient_ids: Iterable[PatientId | str]) -> None:
        """These patients are (again) the practice's own."""
        with self._db.transaction("patients back in the practice") as conn:
            conn.execute(
                "UPDATE patient SET departed_at = NULL "
                "WHERE id IN (SELECT value FROM json_each(?)) AND departed_at IS NOT NULL",
                json_array(patient_ids),
            )

    def departed(self) -> set[PatientId]:
        with self._db.reading("listing departed patients") as conn:
            rows = conn.execute("SELECT id FROM patient WHERE departed_at IS NOT NULL").fetchall()
        return {PatientId(r[0]) for r in rows}

    def present_patient_ids(self) -> list[PatientId]:
        """The cached patients still in the practice, by id."""
        with self._db.reading("listing the practice's patients") as conn:
            rows = conn.execute("SELECT id FROM patient WHERE departed_at IS NULL").fetchall()
        return [PatientId(r[0]) for r in rows]

    def versions(self, table: str) -> dict[str, str]:
        """``id → version_id`` of every cached ``patient`` or ``document`` (de-duplication)."""
        if table not in ("patient", "document"):
            raise ValueError(f"no versions kept for {table!r}")
        with self._db.reading(f"reading {table} versions") as conn:
            rows = conn.execute(f"SELECT id, version_id FROM {table}").fetchall()
        return {str(r[0]): str(r[1]) for r in rows}
