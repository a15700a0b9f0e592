"""The small repositories: document bodies, sync state, outbox.

Patients and documents have their own modules (``patients.py``, ``documents.py``).
"""

from __future__ import annotations

from fse_desk._types import DocumentId
from fse_desk.store._records import now_text
from fse_desk.store.database import Database
from fse_desk.store.documents import DocumentRepository
from fse_desk.store.outbox import OutboxRepository
from fse_desk.store.patients import PatientRepository
from fse_desk.store.vitals import VitalsRepository


class BodyRepository:
    """Fetched document bodies (PDF, CDA …), kept for offline reading."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def put(self, document_id: DocumentId | str, content_type: str, data: bytes) -> None:
        """Store or replace the body; its document must be cached (deleted with it)."""
        with self._db.transaction("saving a document body") as conn:
            conn.execute(
                "INSERT INTO document_body (document_id, content_type, data, fetched_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (document_id) DO UPDATE SET "
                "content_type = excluded.content_type, data = excluded.data, "
                "fetched_at = excluded.fetched_at",
                (document_id, content_type, data, now_text()),
            )

    def get(self, document_id: DocumentId | str) -> tuple[str, bytes] | None:
        """``(content_type, data)``, or None when the body was never fetched."""
        with self._db.reading("reading a document body") as conn:
            row = conn.execute(
                "SELECT content_type, data FROM document_body WHERE document_id = ?",
                (document_id,),
            ).fetchone()
        return None if row is None else (row[0], bytes(row[1]))

    def has(self, document_id: DocumentId | str) -> bool:
        with self._db.reading("checking a document body") as conn:
            row = conn.execute(
                "SELECT 1 FROM document_body WHERE document_id = ?", (document_id,)
            ).fetchone()
        return row is not None


class SyncStateRepository:
    """Delta-sync cursors per resource type, and small settings such as ``last_sync_at``."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def cursor(self, resource_type: str) -> str | None:
        with self._db.reading("reading a sync cursor") as conn:
            row = conn.execute(
                "SELECT cursor FROM sync_cursor WHERE resource_type = ?", (resource_type,)
            ).fetchone()
        return None if row is None else str(row[0])

    def set_cursor(self, resource_type: str, cursor: str) -> None:
        with self._db.transaction("saving a sync cursor") as conn:
            conn.execute(
                "INSERT INTO sync_cursor (resource_type, cursor, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (resource_type) DO UPDATE SET "
                "cursor = excluded.cursor, updated_at = excluded.updated_at",
                (resource_type, cursor, now_text()),
            )

    def get(self, key: str) -> str | None:
        with self._db.reading("reading a setting") as conn:
            row = conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set(self, key: str, value: str) -> None:
        with self._db.transaction("saving a setting") as conn:
            conn.execute(
                "INSERT INTO setting (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )


__all__ = [
    "BodyRepository",
    "DocumentRepository",
    "OutboxRepository",
    "PatientRepository",
    "SyncStateRepository",
    "VitalsRepository",
]
