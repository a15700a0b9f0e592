"""Marking documents seen, one or all, and taking the mark back, on a real SQLCipher cache."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from fse_desk._types import PatientId
from fse_desk.domain import DocumentMeta, Patient, loinc
from fse_desk.domain.document import DocumentClass, DocumentStatus
from fse_desk.domain.patient import ConsentState
from fse_desk.domain.roles import Role
from fse_desk.domain.timeline import TimelineFilter
from fse_desk.security.permissions import readable_classes
from fse_desk.store import CacheStore
from fse_desk.workstation import Operator
from tests.fixtures_store import RecordFactory

DOCTOR_CF = "GDTLNE70A41A944K"
CLERK_CF = "NREPLA80A01A944X"


def _state(store: CacheStore, user_cf: str) -> tuple[object, ...]:
    """Everything the review tables hold for ``user_cf``, to compare before and after."""
    with store._db.reading("test") as conn:
        reviews = conn.execute(
            "SELECT * FROM document_review WHERE user_cf = ? ORDER BY patient_id", (user_cf,)
        ).fetchall()
        seen = conn.execute(
            "SELECT * FROM document_seen WHERE user_cf = ? ORDER BY document_id", (user_cf,)
        ).fetchall()
    return tuple(map(tuple, reviews)), tuple(map(tuple, seen))


def _new_ids(store: CacheStore, patient: Patient, user_cf: str) -> set[str]:
    entries = store.timeline.entries(patient.id, TimelineFilter(), user_cf)
    return {e.id for e in entries if e.new}


def _stored(
    store: CacheStore, records: RecordFactory, n: int
) -> tuple[Patient, list[DocumentMeta]]:
    patient = records.patient()
    docs = [records.document(patient) for _ in range(n)]
    store.patients.upsert_many([patient])
    store.documents.upsert_many(docs)
    return patient, docs


def test_one_document_marked_seen_is_no_longer_new_until_a_newer_version_arrives(
    cache_store: CacheStore, records: RecordFactory
) -> None:
    patient, docs = _stored(cache_store, records, 3)
    undo = cache_store.reviews.mark_seen(DOCTOR_CF, docs[1].id)
    assert undo is not None and undo.document_id == docs[1].id and undo.previous is None
    assert _new_ids(cache_store, patient, DOCTOR_CF) == {docs[0].id, docs[2].id}
    assert _new_ids(cache_store, patient, CLERK_CF) == {d.id for d in docs}  # per user
    # Marking it again changes nothing and offers nothing to undo.
    assert cache_store.reviews.mark_seen(DOCTOR_CF, docs[1].id) is None
    assert cache_store.reviews.mark_seen(DOCTOR_CF, "no-such-document") is None

    updated = replace(docs[1], last_updated=datetime(2025, 3, 1, 1, tzinfo=UTC))
    cache_store.documents.upsert_many([updated])
    assert _new_ids(cache_store, patient, DOCTOR_CF) == {d.id for d in docs}


def test_undo_restores_the_previous_marks_exactly(
    cache_store: CacheStore, records: RecordFactory
) -> None:
    patient, docs = _stored(cache_store, records, 4)
    empty = _state(cache_store, DOCTOR_CF)
    first_all = cache_store.reviews.mark_reviewed(DOCTOR_CF, patient.id)
    assert first_all.previous is None
    assert _new_ids(cache_store, patient, DOCTOR_CF) == set()
    cache_store.reviews.undo(first_all)
    assert _state(cache_store, DOCTOR_CF) == empty
    assert _new_ids(cache_store, patient, DOCTOR_CF) == {d.id for d in docs}

    # An older watermark, a document seen on its own, then "all": undo goes back to the
    # older watermark and keeps the single mark.
    cache_store.reviews.mark_reviewed(DOCTOR_CF, patient.id)
    later = records.document(patient, last_updated=datetime(2025, 3, 2, tzinfo=UTC))
    other = records.document(patient, last_updated=datetime(2025, 3, 2, tzinfo=UTC))
    cache_store.documents.upsert_many([later, other])
    cache_store.reviews.mark_seen(DOCTOR_CF, later.id)
    before = _state(cache_store, DOCTOR_CF)
    assert _new_ids(cache_store, patient, DOCTOR_CF) == {other.id}
    again = cache_store.reviews.mark_reviewed(DOCTOR_CF, patient.id)
    assert again.previous is not None
    assert _new_ids(cache_store, patient, DOCTOR_CF) == set()
    cache_store.reviews.undo(again)
    assert _state(cache_store, DOCTOR_CF) == before
    assert _new_ids(cache_store, patient, DOCTOR_CF) == {other.id}

    # Undoing one document's mark makes exactly that one new again.
    one = cache_store.reviews.mark_seen(DOCTOR_CF, other.id)
    assert one is not None
    cache_store.reviews.undo(one)
    assert _state(cache_store, DOCTOR_CF) == before


def test_new_counts_per_patient_in_one_query_by_readable_class_and_consent(
    cache_store: CacheStore, records: RecordFactory
) -> None:
    first, first_docs = _stored(cache_store, records, 3)
    second, _ = _stored(cache_store, records, 2)
    exemption = records.document(second, type_code=loinc.EXEMPTION)
    replaced = records.document(second, status=DocumentStatus.SUPERSEDED)
    cache_store.documents.upsert_many([exemption, replaced])
    denied, _ = _stored(cache_store, records, 2)
    cache_store.patients.upsert_many([replace(denied, consent=ConsentState.DENIED)])
    reviewed, _ = _stored(cache_store, records, 2)
    cache_store.reviews.mark_reviewed(DOCTOR_CF, reviewed.id)
    cache_store.reviews.mark_seen(DOCTOR_CF, first_docs[0].id)
    listed = [p.id for p in (first, second, denied, reviewed)] + [PatientId("unknown")]

    every = frozenset(DocumentClass)
    assert cache_store.reviews.new_counts(DOCTOR_CF, listed, every) == {first.id: 2, second.id: 3}
    clerk = readable_classes(Operator("Sig. Rossi", CLERK_CF, Role.ADMIN_STAFF, None, "test"))
    assert cache_store.reviews.new_counts(CLERK_CF, listed, clerk) == {second.id: 1}
    assert cache_store.reviews.new_counts(DOCTOR_CF, [], every) == {}

    statements: list[str] = []
    with cache_store._db.reading("test") as conn:
        conn.set_trace_callback(statements.append)
    try:
        cache_store.reviews.new_counts(DOCTOR_CF, listed, every)
    finally:
        with cache_store._db.reading("test") as conn:
            conn.set_trace_callback(None)
    assert sum(s.lstrip().upper().startswith("SELECT") for s in statements) == 1
