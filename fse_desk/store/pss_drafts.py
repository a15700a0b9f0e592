"""PSS drafts in the encrypted cache: one per patient and author, saved as the doctor types."""

from __future__ import annotations

from datetime import datetime

from fse_desk._types import PatientId
from fse_desk.store._records import now_text
from fse_desk.store.database import Database


class PssDraftRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def save(self, patient_id: PatientId | str, author_cf: str, cda: bytes) -> None:
        """Insert or overwrite this author's draft for the patient (one commit)."""
        with self._db.transaction("saving a PSS draft") as conn:
            conn.execute(
                "INSERT INTO pss_draft (patient_id, author_cf, cda, saved_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (patient_id, author_cf)"
                " DO UPDATE SET cda = excluded.cda, saved_at = excluded.saved_at",
                (patient_id, author_cf, cda, now_text()),
            )

    def load(self, patient_id: PatientId | str, author_cf: str) -> tuple[bytes, datetime] | None:
        with self._db.reading("reading a PSS draft") as conn:
            row = conn.execute(
                "SELECT cda, saved_at FROM pss_draft WHERE patient_id = ? AND author_cf = ?",
                (patient_id, author_cf),
            ).fetchone()
        return (bytes(row[0]), datetime.fromisoformat(row[1])) if row else None

    def discard(self, patient_id: PatientId | str, author_cf: str) -> bool:
        with self._db.transaction("discarding a PSS draft") as conn:
            cur = conn.execute(
                "DELETE FROM pss_draft WHERE patient_id = ? AND author_cf = ?",
                (patient_id, author_cf),
            )
        return bool(cur.rowcount)
