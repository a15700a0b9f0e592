"""Records go in and come out exactly; the small repositories behave."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest

from fse_desk.domain import ConsentState, DocumentStatus, Sex
from fse_desk.errors import InvalidRecord


def test_patients_round_trip_exactly(cache_store, records) -> None:
    people = [
        records.patient(),
        records.patient(
            sex=Sex.UNKNOWN,
            birth_place="",
            consent=ConsentState.DENIED,
            version_id="",
            last_updated=None,
        ),
        records.patient(
            family_name="Dell'Acqua",
            given_name="Maria Grazia",
            general_practitioner_id="prac-mmg-7",
        ),
    ]
    assert cache_store.patients.upsert_many(iter(people)) == 3

    assert [cache_store.patients.get(p.id) for p in people] == people
    assert cache_store.patients.get_by_cf(people[2].codice_fiscale.lower()) == people[2]
    assert cache_store.patients.get("nobody") is None
    assert cache_store.patients.get_by_cf("XXXXXXXXXXXXXXXX") is None
    assert cache_store.patients.count() == 3


def test_upsert_replaces_by_id(cache_store, records) -> None:
    patient = records.patient()
    cache_store.patients.upsert_many([patient])
    moved = replace(patient, family_name="Nuovo", version_id="2")
    cache_store.patients.upsert_many([moved])

    assert cache_store.patients.count() == 1
    assert cache_store.patients.get(patient.id) == moved
    assert cache_store.patients.search("nuovo") == [moved]
    assert cache_store.patients.search(patient.family_name) == []


def test_one_page_with_two_versions_of_a_document_keeps_the_later(cache_store, records) -> None:
    # A page is written by one statement: its rows go in order, the later upserting the earlier.
    patient = records.patient()
    cache_store.patients.upsert_many([patient])
    first = records.document(patient, title="Referto prima versione", version_id="1")
    other = records.document(patient)
    later = replace(first, title="Referto corretto", version_id="2")

    assert cache_store.documents.upsert_many([first, other, later]) == 3

    assert cache_store.documents.count() == 2
    assert cache_store.documents.get(first.id) == later
    assert cache_store.documents.get(other.id) == other
    assert cache_store.documents.search("corretto") == [later]
    assert cache_store.documents.search("prima") == []


def test_set_consents(cache_store, records) -> None:
    patient = records.patient(consent=ConsentState.UNKNOWN)
    other = records.patient(consent=ConsentState.GRANTED)
    cache_store.patients.upsert_many([patient, other])

    changed = cache_store.patients.set_consents(
        {
            patient.id: ConsentState.GRANTED,
            other.id: ConsentState.DENIED,
            "nobody": ConsentState.GRANTED,
        }
    )
    assert changed == 2
    assert cache_store.patients.get(patient.id) == replace(patient, consent=ConsentState.GRANTED)
    assert cache_store.patients.get(other.id) == replace(other, consent=ConsentState.DENIED)


def test_consent_states_of_all_patients(cache_store, records) -> None:
    assert cache_store.patients.consent_states() == {}
    yes = records.patient(consent=ConsentState.GRANTED)
    no = records.patient(consent=ConsentState.DENIED)
    cache_store.patients.upsert_many([yes, no])
    assert cache_store.patients.consent_states() == {
        yes.id: ConsentState.GRANTED,
        no.id: ConsentState.DENIED,
    }


def test_datetimes_are_stored_as_utc_and_compare_equal(cache_store, records) -> None:
    rome = timezone(timedelta(hours=2))
    patient = records.patient(last_updated=datetime(2025, 6, 1, 10, 0, 0, 123456, tzinfo=rome))
    cache_store.patients.upsert_many([patient])

    back = cache_store.patients.get(patient.id)
    assert back == patient
    assert back.last_updated.utcoffset() == timedelta(0)
    assert back.last_updated == datetime(2025, 6, 1, 8, 0, 0, 123456, tzinfo=UTC)


def test_naive_datetimes_are_refused(cache_store, records) -> None:
    patient = records.patient()
    with pytest.raises(InvalidRecord, match="has no time zone"):
        cache_store.documents.upsert_many([records.document(patient, date=datetime(2024, 1, 1))])


def test_documents_round_trip_newest_first(cache_store, records) -> None:
    anna, bruno = records.patient(), records.patient()
    cache_store.patients.upsert_many([anna, bruno])
    old = records.document(
        anna,
        date=datetime(2020, 5, 1, tzinfo=UTC),
        last_updated=None,
        status=DocumentStatus.SUPERSEDED,
    )
    new = records.document(
        anna,
        type_code="34105-7",
        title="Lettera di dimissione",
        date=datetime(2024, 5, 1, tzinfo=UTC),
        confidentiality="V",
    )
    other = records.document(bruno)
    assert cache_store.documents.upsert_many([old, new, other]) == 3

    assert cache_store.documents.list_for_patient(anna.id) == [new, old]
    assert cache_store.documents.get(new.id) == new
    assert cache_store.documents.get("nope") is None
    assert cache_store.documents.count() == 3


def test_document_deletes_take_their_bodies(cache_store, records) -> None:
    anna, bruno = records.patient(), records.patient()
    cache_store.patients.upsert_many([anna, bruno])
    docs = [records.document(anna) for _ in range(3)] + [records.document(bruno)]
    cache_store.documents.upsert_many(docs)
    for d in docs:
        cache_store.bodies.put(d.id, "application/pdf", d.id.encode())

    assert cache_store.documents.delete([docs[0].id, docs[0].id, "missing"]) == 1
    assert not cache_store.bodies.has(docs[0].id)
    assert cache_store.documents.delete_for_patient(anna.id) == 2
    assert cache_store.documents.list_for_patient(anna.id) == []
    assert not cache_store.bodies.has(docs[1].id)
    assert cache_store.bodies.get(docs[3].id) == ("application/pdf", docs[3].id.encode())
    assert cache_store.documents.search("laboratorio") == [docs[3]]


def test_bodies_put_replace_get(cache_store, records) -> None:
    patient = records.patient()
    doc = records.document(patient)
    cache_store.patients.upsert_many([patient])
    cache_store.documents.upsert_many([doc])

    assert cache_store.bodies.get(doc.id) is None and not cache_store.bodies.has(doc.id)
    cache_store.bodies.put(doc.id, "application/pdf", b"\x00" * 5000)
    cache_store.bodies.put(doc.id, "text/xml", b"<ClinicalDocument/>")
    assert cache_store.bodies.has(doc.id)
    assert cache_store.bodies.get(doc.id) == ("text/xml", b"<ClinicalDocument/>")


def test_sync_state_cursors_and_settings(cache_store) -> None:
    state = cache_store.sync_state
    assert state.cursor("Patient") is None and state.get("last_sync_at") is None
    state.set_cursor("Patient", "2025-03-01T00:00:00Z")
    state.set_cursor("Patient", "2025-03-02T00:00:00Z")
    state.set("last_sync_at", "2025-03-02T08:00:00+00:00")

    assert state.cursor("Patient") == "2025-03-02T00:00:00Z"
    assert state.cursor("DocumentReference") is None
    assert state.get("last_sync_at") == "2025-03-02T08:00:00+00:00"


def test_outbox_starts_empty(cache_store) -> None:
    assert cache_store.outbox.count_pending() == 0


def test_transaction_is_all_or_nothing_and_nests(cache_store, records) -> None:
    a, b, c = records.patient(), records.patient(), records.patient()
    with pytest.raises(RuntimeError, match="boom"), cache_store.transaction():
        cache_store.patients.upsert_many([a])
        cache_store.sync_state.set("last_sync_at", "x")
        raise RuntimeError("boom")
    assert cache_store.patients.count() == 0 and cache_store.sync_state.get("last_sync_at") is None

    with cache_store.transaction():
        cache_store.patients.upsert_many([b])
        with pytest.raises(RuntimeError, match="inner"), cache_store.transaction():
            cache_store.patients.upsert_many([c])
            raise RuntimeError("inner")
    assert cache_store.patients.get(b.id) == b
    assert cache_store.patients.get(c.id) is None


def test_data_survives_reopening(store_path, cache_key, records) -> None:
    from fse_desk.store import CacheStore

    patient = records.patient()
    with CacheStore.open(store_path, cache_key.key) as store:
        store.patients.upsert_many([patient])
        store.sync_state.set("offline_since", "2025-03-01T10:00:00+00:00")
    with CacheStore.open(store_path, cache_key.key) as store:
        assert store.patients.get(patient.id) == patient
        assert store.sync_state.get("offline_since") == "2025-03-01T10:00:00+00:00"
