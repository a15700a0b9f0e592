"""What each user has seen of the documents: a watermark per patient, marks per document.

A document is *new* for a user while it is current, arrived after the user's watermark
for its patient ("Mark as reviewed") and was not marked seen on its own since it last
arrived. Every mark hands back a :class:`ReviewUndo` that puts the previous mark back
exactly (the watermark only grows when marking, but undo may lower it).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from fse_desk._types import DocumentId, PatientId
from fse_desk.domain.document import DocumentClass
from fse_desk.domain.patient import ConsentState
from fse_desk.domain.timeline import ReviewUndo
from fse_desk.store._records import now_text
from fse_desk.store.database import Connection, Database

ARRIVED = "coalesce(d.last_updated, d.date)"
# A replacement updates the old version on the server too: only current documents are new.
# Two parameters: the user's CF, twice. '' compares below every stamp: never reviewed.
NEW = (
    f"(d.status = 'current' AND {ARRIVED} > coalesce((SELECT r.seen_until FROM "
    "document_review r WHERE r.user_cf = ? AND r.patient_id = d.patient_id), '') "
    "AND NOT EXISTS (SELECT 1 FROM document_seen s WHERE s.user_cf = ? "
    f"AND s.document_id = d.id AND s.arrived >= {ARRIVED}))"
)


def new_params(user_cf: str) -> tuple[str, str]:
    """The parameters of :data:`NEW`."""
    return (user_cf, user_cf)


class ReviewRepository:
    """Marking documents seen, per user, and taking a mark back."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def mark_reviewed(self, user_cf: str, patient_id: PatientId | str) -> ReviewUndo:
        """Everything that has arrived for this patient counts as seen by this user."""
        with self._db.transaction("saving a review mark") as conn:
            previous = _row(
                conn,
                "SELECT seen_until, reviewed_at FROM document_review "
                "WHERE user_cf = ? AND patient_id = ?",
                (user_cf, patient_id),
            )
            conn.execute(
                "INSERT INTO document_review (user_cf, patient_id, seen_until, reviewed_at) "
                f"SELECT ?, ?, coalesce(max({ARRIVED}), ''), ? FROM document d "
                "WHERE d.patient_id = ? "
                "ON CONFLICT (user_cf, patient_id) DO UPDATE SET "
                "seen_until = max(seen_until, excluded.seen_until), "
                "reviewed_at = excluded.reviewed_at",
                (user_cf, patient_id, now_text(), patient_id),
            )
        return ReviewUndo(user_cf, PatientId(str(patient_id)), None, previous)

    def mark_seen(self, user_cf: str, document_id: DocumentId | str) -> ReviewUndo | None:
        """This one document counts as seen by this user, until a newer version arrives.

        None (and nothing written) when the document is unknown or not new for the user.
        """
        with self._db.transaction("marking a document seen") as conn:
            row = conn.execute(
                f"SELECT d.patient_id, {ARRIVED}, {NEW} FROM document d WHERE d.id = ?",
                (*new_params(user_cf), document_id),
            ).fetchone()
            if row is None or not row[2]:
                return None
            previous = _row(
                conn,
                "SELECT arrived, seen_at FROM document_seen WHERE user_cf = ? AND document_id = ?",
                (user_cf, document_id),
            )
            conn.execute(
                "INSERT INTO document_seen (user_cf, document_id, arrived, seen_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (user_cf, document_id) DO UPDATE SET "
                "arrived = excluded.arrived, seen_at = excluded.seen_at",
                (user_cf, document_id, row[1], now_text()),
            )
        return ReviewUndo(user_cf, PatientId(str(row[0])), DocumentId(str(document_id)), previous)

    def undo(self, undo: ReviewUndo) -> None:
        """Put the mark back as it was before the change ``undo`` came from."""
        if undo.document_id is None:
            table, key, columns = "document_review", "patient_id", ("seen_until", "reviewed_at")
            key_value: str = undo.patient_id
        else:
            table, key, columns = "document_seen", "document_id", ("arrived", "seen_at")
            key_value = undo.document_id
        with self._db.transaction("undoing a review mark") as conn:
            if undo.previous is None:
                conn.execute(
                    f"DELETE FROM {table} WHERE user_cf = ? AND {key} = ?",
                    (undo.user_cf, key_value),
                )
                return
            conn.execute(
                f"INSERT INTO {table} (user_cf, {key}, {columns[0]}, {columns[1]}) "
                f"VALUES (?, ?, ?, ?) ON CONFLICT (user_cf, {key}) DO UPDATE SET "
                f"{columns[0]} = excluded.{columns[0]}, {columns[1]} = excluded.{columns[1]}",
                (undo.user_cf, key_value, *undo.previous),
            )

    def new_counts(
        self,
        user_cf: str,
        patient_ids: Sequence[PatientId | str],
        classes: Collection[DocumentClass],
    ) -> dict[PatientId, int]:
        """Documents new for the user per patient, of ``classes`` only, in one query.

        Patients without consent to consultation count nothing (their timeline is
        empty); patients with nothing new are left out.
        """
        if not patient_ids or not classes:
            return {}
        patients = ", ".join("?" for _ in patient_ids)
        kinds = ", ".join("?" for _ in classes)
        sql = (
            "SELECT d.patient_id, count(*) FROM document d JOIN patient p ON p.id = d.patient_id "
            f"WHERE d.patient_id IN ({patients}) AND p.consent = ? "
            f"AND d.doc_class IN ({kinds}) AND {NEW} GROUP BY d.patient_id"
        )
        params = (
            *patient_ids,
            ConsentState.GRANTED.value,
            *sorted(c.value for c in classes),
            *new_params(user_cf),
        )
        with self._db.reading("counting new documents") as conn:
            rows = conn.execute(sql, params).fetchall()
        return {PatientId(str(r[0])): int(r[1]) for r in rows}


def _row(conn: Connection, sql: str, params: tuple[object, ...]) -> tuple[str, str] | None:
    row = conn.execute(sql, params).fetchone()
    return None if row is None else (str(row[0]), str(row[1]))
