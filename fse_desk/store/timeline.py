"""Timeline queries and the document text index ("new" marks: :mod:`.reviews`)."""

from __future__ import annotations

from datetime import datetime

from fse_desk._types import DocumentId, PatientId
from fse_desk.domain.document import DocumentClass
from fse_desk.domain.timeline import TimelineEntry, TimelineFilter
from fse_desk.store._fts import prefix_query
from fse_desk.store._records import utc_text
from fse_desk.store.database import Database
from fse_desk.store.reviews import NEW, new_params

_ENTRY_SELECT = (
    "SELECT d.id, d.type_code, d.doc_class, d.title, d.date, d.author, d.facility, "
    f"d.content_type, {NEW}, "
    "EXISTS (SELECT 1 FROM document_body b WHERE b.document_id = d.id), "
    "d.status = 'superseded' "
    "FROM document d"
)
_TEXT_MATCH = (
    "(d.n IN (SELECT rowid FROM document_fts WHERE document_fts MATCH ?) "
    "OR d.id IN (SELECT t.document_id FROM document_text t WHERE t.n IN "
    "(SELECT rowid FROM document_text_fts WHERE document_text_fts MATCH ?)))"
)


class TimelineRepository:
    """One patient's documents filtered for the timeline (new ones for ``user_cf``); text index."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def _where(
        self, patient_id: str, flt: TimelineFilter, user_cf: str, *, with_classes: bool
    ) -> tuple[str, list[object]]:
        where = ["d.patient_id = ?"]
        params: list[object] = [patient_id]
        if with_classes and flt.classes:
            where.append(f"d.doc_class IN ({', '.join('?' for _ in flt.classes)})")
            params.extend(sorted(c.value for c in flt.classes))
        if flt.facility:
            where.append("d.facility = ?")
            params.append(flt.facility)
        if flt.since is not None:
            where.append("d.date >= ?")
            params.append(utc_text(flt.since, what="since"))
        query = prefix_query(flt.text)
        if query is not None:
            where.append(_TEXT_MATCH)
            params.extend((query, query))
        if flt.only_new:
            where.append(NEW)
            params.extend(new_params(user_cf))
        return " AND ".join(where), params

    def entries(
        self, patient_id: PatientId | str, flt: TimelineFilter, user_cf: str
    ) -> list[TimelineEntry]:
        """Newest first."""
        where, params = self._where(patient_id, flt, user_cf, with_classes=True)
        sql = f"{_ENTRY_SELECT} WHERE {where} ORDER BY d.date DESC, d.id"
        with self._db.reading("listing the timeline") as conn:
            rows = conn.execute(sql, (*new_params(user_cf), *params)).fetchall()
        classes = {c.value: c for c in DocumentClass}
        parse = datetime.fromisoformat
        return [
            TimelineEntry(
                DocumentId(r[0]),
                r[1],
                classes[r[2]],
                r[3],
                parse(r[4]),
                r[5],
                r[6],
                r[7],
                bool(r[8]),
                bool(r[9]),
                bool(r[10]),
            )
            for r in rows
        ]

    def class_counts(
        self, patient_id: PatientId | str, flt: TimelineFilter, user_cf: str
    ) -> dict[DocumentClass, int]:
        """Documents per class under every filter but the class one."""
        where, params = self._where(patient_id, flt, user_cf, with_classes=False)
        sql = f"SELECT d.doc_class, count(*) FROM document d WHERE {where} GROUP BY d.doc_class"
        with self._db.reading("counting the timeline") as conn:
            rows = conn.execute(sql, params).fetchall()
        return {DocumentClass(r[0]): int(r[1]) for r in rows}

    def facilities(self, patient_id: PatientId | str) -> list[str]:
        with self._db.reading("listing facilities") as conn:
            rows = conn.execute(
                "SELECT DISTINCT facility FROM document WHERE patient_id = ? AND facility != '' "
                "ORDER BY facility",
                (patient_id,),
            ).fetchall()
        return [str(r[0]) for r in rows]

    def missing_bodies(self, patient_id: PatientId | str) -> list[DocumentId]:
        """The patient's documents whose body is not cached yet, newest first."""
        with self._db.reading("listing documents to fetch") as conn:
            rows = conn.execute(
                "SELECT d.id FROM document d WHERE d.patient_id = ? AND NOT EXISTS "
                "(SELECT 1 FROM document_body b WHERE b.document_id = d.id) "
                "ORDER BY d.date DESC, d.id",
                (patient_id,),
            ).fetchall()
        return [DocumentId(r[0]) for r in rows]

    def ids_of_type(self, patient_id: PatientId | str, type_code: str) -> list[DocumentId]:
        """The patient's current documents of a type, oldest first (superseded ones left out:
        a corrected report replaces its values, it does not add to them)."""
        with self._db.reading("listing documents of a type") as conn:
            rows = conn.execute(
                "SELECT id FROM document WHERE patient_id = ? AND type_code = ? "
                "AND status = 'current' ORDER BY date, id",
                (patient_id, type_code),
            ).fetchall()
        return [DocumentId(r[0]) for r in rows]

    # -- document text ------------------------------------------------------------
    def index_text(self, document_id: DocumentId | str, text: str) -> None:
        with self._db.transaction("indexing document text") as conn:
            conn.execute(
                "INSERT INTO document_text (document_id, body) VALUES (?, ?) "
                "ON CONFLICT (document_id) DO UPDATE SET body = excluded.body",
                (document_id, text),
            )

    def has_text(self, document_id: DocumentId | str) -> bool:
        with self._db.reading("checking document text") as conn:
            row = conn.execute(
                "SELECT 1 FROM document_text WHERE document_id = ?", (document_id,)
            ).fetchone()
        return row is not None
