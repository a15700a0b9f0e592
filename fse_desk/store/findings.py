"""What each cached CDA yields for "Aggiorna dal fascicolo", kept beside its body.

The findings are opaque JSON text here (their form is :mod:`fse_desk.pss._findings`).
A row holds only for its document's ``version_id`` and the ``fingerprint`` it was read
with, and the triggers of migration 7 drop it whenever the body is written or removed.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from fse_desk._types import DocumentId, PatientId
from fse_desk.store.database import Database

Row = tuple[DocumentId | str, str, str, str | None]
"""document id, version id, fingerprint, findings (None: the document is skipped)."""


class FindingsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def put_many(self, rows: Iterable[Row]) -> None:
        """Insert or replace, in one transaction (nested in the caller's, if any).

        A row whose document has no body (any more: a sync may have removed it
        meanwhile) is left out: findings always describe a cached body.
        """
        with self._db.transaction("saving document findings") as conn:
            conn.executemany(
                "INSERT INTO document_findings (document_id, version_id, fingerprint, findings)"
                " SELECT ?, ?, ?, ? WHERE EXISTS"
                " (SELECT 1 FROM document_body WHERE document_id = ?)"
                " ON CONFLICT (document_id) DO UPDATE SET"
                " version_id = excluded.version_id, fingerprint = excluded.fingerprint,"
                " findings = excluded.findings",
                [(*row, row[0]) for row in rows],
            )

    def missing(
        self, fingerprint: str, type_codes: Collection[str], limit: int
    ) -> list[DocumentId]:
        """Up to ``limit`` cached bodies of ``type_codes`` documents without findings for
        their current version read with ``fingerprint`` (one query)."""
        marks = ", ".join("?" * len(type_codes))
        with self._db.reading("looking for documents to index") as conn:
            rows = conn.execute(
                "SELECT d.id FROM document_body b JOIN document d ON d.id = b.document_id"
                " LEFT JOIN document_findings f ON f.document_id = d.id"
                " AND f.version_id = d.version_id AND f.fingerprint = ?"
                f" WHERE f.document_id IS NULL AND d.type_code IN ({marks}) LIMIT ?",
                (fingerprint, *sorted(type_codes), limit),
            ).fetchall()
        return [DocumentId(row[0]) for row in rows]

    def for_patient(self, patient_id: PatientId | str, fingerprint: str) -> dict[str, str | None]:
        """Document id → findings, for the patient's documents whose findings were read
        from their current version with ``fingerprint`` (one query)."""
        with self._db.reading("reading document findings") as conn:
            rows = conn.execute(
                "SELECT f.document_id, f.findings FROM document d"
                " JOIN document_findings f ON f.document_id = d.id"
                " WHERE d.patient_id = ? AND f.version_id = d.version_id"
                " AND f.fingerprint = ?",
                (patient_id, fingerprint),
            ).fetchall()
        return {row[0]: row[1] for row in rows}
