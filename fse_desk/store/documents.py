"""Document metadata (FHIR DocumentReference) in the cache."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager

from fse_desk._types import DocumentId, PatientId
from fse_desk.domain import DocumentMeta
from fse_desk.store._fts import prefix_query
from fse_desk.store._records import (
    DOCUMENT_COLUMNS,
    document_from_row,
    document_row,
    json_array,
    upsert_sql,
)
from fse_desk.store.database import Database
from fse_desk.store.first_fill import first_fill

_SELECT = "SELECT " + ", ".join(f"d.{c}" for c in DOCUMENT_COLUMNS) + " FROM document d"
_NEWEST_FIRST = "ORDER BY d.date DESC, d.id"
_UPSERT = upsert_sql("document", DOCUMENT_COLUMNS)
_CHUNK = 500  # ids per DELETE … IN (…)


class DocumentRepository:
    """Documents in and out as :class:`DocumentMeta` records (bodies: :class:`BodyRepository`)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def upsert_many(self, docs: Iterable[DocumentMeta]) -> int:
        """Insert or replace by id in one transaction; the patient must be cached first."""
        rows = [document_row(d) for d in docs]
        with self._db.transaction("saving documents") as conn:
            conn.execute(_UPSERT, json_array(rows))
        return len(rows)

    def first_fill(self) -> AbstractContextManager[bool]:
        """Around a sync's writes: an empty table fills without per-row indexing, and is
        indexed once at the end (see :mod:`fse_desk.store.first_fill`). Yields whether it
        was empty; otherwise nothing changes."""
        return first_fill(self._db)

    def delete(self, ids: Iterable[DocumentId | str]) -> int:
        """Delete these documents (and their bodies); return how many existed."""
        wanted = list(dict.fromkeys(ids))
        deleted = 0
        with self._db.transaction("deleting documents") as conn:
            for start in range(0, len(wanted), _CHUNK):
                chunk = wanted[start : start + _CHUNK]
                marks = ", ".join("?" for _ in chunk)
                cur = conn.execute(f"DELETE FROM document WHERE id IN ({marks})", chunk)
                deleted += cur.rowcount
        return deleted

    def delete_for_patient(self, patient_id: PatientId | str) -> int:
        with self._db.transaction("deleting a patient's documents") as conn:
            count: int = conn.execute(
                "DELETE FROM document WHERE patient_id = ?", (patient_id,)
            ).rowcount
        return count

    def list_for_patient(self, patient_id: PatientId | str) -> list[DocumentMeta]:
        """The patient's documents, newest first."""
        with self._db.reading("listing documents") as conn:
            rows = conn.execute(
                f"{_SELECT} WHERE d.patient_id = ? {_NEWEST_FIRST}", (patient_id,)
            ).fetchall()
        return [document_from_row(r) for r in rows]

    def get(self, doc_id: DocumentId | str) -> DocumentMeta | None:
        with self._db.reading("reading a document") as conn:
            row = conn.execute(f"{_SELECT} WHERE d.id = ?", (doc_id,)).fetchone()
        return None if row is None else document_from_row(row)

    def count(self) -> int:
        with self._db.reading("counting documents") as conn:
            n: int = conn.execute("SELECT count(*) FROM document").fetchone()[0]
        return n

    def search(
        self, text: str, patient_id: PatientId | str | None = None, limit: int = 200
    ) -> list[DocumentMeta]:
        """Documents whose title, author or facility has every word of ``text`` as a prefix.

        Newest first; optionally one patient's only. Without words, the newest.
        """
        query = prefix_query(text)
        where: list[str] = []
        params: list[object] = []
        if query is not None:
            where.append("d.n IN (SELECT rowid FROM document_fts WHERE document_fts MATCH ?)")
            params.append(query)
        if patient_id is not None:
            where.append("d.patient_id = ?")
            params.append(patient_id)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        with self._db.reading("searching documents") as conn:
            rows = conn.execute(
                f"{_SELECT} {clause} {_NEWEST_FIRST} LIMIT ?", (*params, limit)
            ).fetchall()
        return [document_from_row(r) for r in rows]
