"""Delta sync from the sandbox FSE (real HTTP) into a real SQLCipher cache."""

from __future__ import annotations

import gc
import re
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from fse_desk.connectors.fhir_mapping import is_hidden
from fse_desk.connectors.sync import SyncEngine, SyncSummary
from fse_desk.domain import ConsentState, DocumentStatus
from fse_desk.errors import Cancelled
from fse_desk.progress import CancelToken, Progress, drive
from fse_desk.store import CacheStore
from tests.fixtures_region import LiveRegion

P99 = {"system": "urn:oid:2.16.840.1.113883.2.9.3.3.6.1.3", "code": "P99"}


def _sync(cache: CacheStore, region: LiveRegion, **kwargs: Any) -> SyncSummary:
    return drive(SyncEngine(cache, region.client, **kwargs).pull())


def _consenting(region: LiveRegion) -> set[str]:
    return {
        c["patient"]["reference"].split("/")[1]
        for c in region.of_type("Consent")
        if c["status"] == "active" and c["provision"]["type"] == "permit"
    }


def _expected_documents(region: LiveRegion) -> set[str]:
    consenting = _consenting(region)
    return {
        d["id"]
        for d in region.of_type("DocumentReference")
        if not is_hidden(d) and d["subject"]["reference"].split("/")[1] in consenting
    }


def _cached_documents(cache: CacheStore, region: LiveRegion) -> set[str]:
    return {
        d.id for p in region.of_type("Patient") for d in cache.documents.list_for_patient(p["id"])
    }


def test_first_sync_fills_the_cache_with_what_a_clinician_may_see(
    cache: CacheStore, live_region: LiveRegion
) -> None:
    summary = _sync(cache, live_region)
    patients = live_region.of_type("Patient")
    assert cache.patients.count() == len(patients) == summary.patients
    expected = _expected_documents(live_region)
    hidden = {d["id"] for d in live_region.of_type("DocumentReference") if is_hidden(d)}
    assert hidden, "the region should contain documents hidden by the patient"
    assert _cached_documents(cache, live_region) == expected
    assert not hidden & _cached_documents(cache, live_region)
    denied = {p["id"] for p in patients} - _consenting(live_region)
    assert denied, "the region should contain patients without consent"
    for patient_id in denied:
        assert cache.patients.get(patient_id).consent is ConsentState.DENIED
        assert cache.documents.list_for_patient(patient_id) == []
    assert summary.rejected == 0


def test_second_sync_without_changes_transfers_only_empty_pages(
    cache: CacheStore, live_region: LiveRegion
) -> None:
    # No overlap window here: the region was written a moment ago, inside any window.
    _sync(cache, live_region, overlap=timedelta(0))
    again = _sync(cache, live_region, overlap=timedelta(0))
    assert (again.patients, again.consents, again.documents, again.documents_removed) == (
        0,
        0,
        0,
        0,
    )
    assert again.pages == 3  # one empty page per resource type
    assert again.bytes_received < 3 * 2_000


def test_what_the_overlap_window_brings_again_is_not_written_again(
    cache: CacheStore, live_region: LiveRegion
) -> None:
    _sync(cache, live_region)
    again = _sync(cache, live_region)  # the whole region is inside the window: all again
    assert again.pages >= 3
    assert (again.patients, again.consents, again.documents, again.documents_removed) == (
        0,
        0,
        0,
        0,
    )


def test_a_first_sync_finds_in_its_text_index_what_row_by_row_writes_find(
    cache: CacheStore, live_region: LiveRegion, tmp_path: Path
) -> None:
    # Into an empty cache a sync indexes the documents' text once at the end (a first
    # fill); into one that already holds a document, row by row. Same searches either way.
    _sync(cache, live_region, page_size=40)
    patient = cache.patients.get(live_region.of_type("Patient")[0]["id"])
    assert patient is not None
    held = cache.documents.list_for_patient(patient.id)[0]
    with CacheStore.open(tmp_path / "row-by-row.sqlcipher", secrets.token_bytes(32)) as other:
        other.patients.upsert_many([patient])
        other.documents.upsert_many([held])
        _sync(other, live_region, page_size=40)
        assert other.documents.count() == cache.documents.count() > 100
        words = {
            word
            for p in live_region.of_type("Patient")
            for d in cache.documents.list_for_patient(p["id"])
            for word in re.findall(r"\w+", f"{d.title} {d.author} {d.facility}")
        }
        assert len(words) > 20
        for query in sorted(words | {w[:3] for w in words}):
            assert other.documents.search(query, limit=10_000) == cache.documents.search(
                query, limit=10_000
            ), query
        assert other.integrity_ok() and cache.integrity_ok()


@pytest.mark.usefixtures("collector_on")
def test_the_cyclic_collector_pauses_while_pages_are_read_and_resumes_after(
    cache: CacheStore, live_region: LiveRegion
) -> None:
    assert gc.isenabled()
    states: list[tuple[str, bool]] = []
    token = CancelToken()

    def report(progress: Progress) -> None:
        states.append((progress.label, gc.isenabled()))
        if progress.label == "Documents" and len(states) > 6:
            token.cancel()

    with pytest.raises(Cancelled):
        drive(SyncEngine(cache, live_region.client, page_size=20).pull(token), report)
    assert gc.isenabled()  # resumed when the cancelled walk ended
    _sync(cache, live_region, page_size=20)
    states.clear()
    drive(SyncEngine(cache, live_region.client, page_size=20).pull(), report)
    walked = [on for label, on in states if label in ("Patients", "Consents", "Documents")]
    assert walked and not any(walked)
    assert gc.isenabled()


def test_small_pages_give_the_same_cache_as_large_ones(
    cache: CacheStore, live_region: LiveRegion
) -> None:
    summary = _sync(cache, live_region, page_size=17)
    assert summary.pages > 10
    assert _cached_documents(cache, live_region) == _expected_documents(live_region)


def test_a_changed_patient_comes_down_in_the_next_delta(
    cache: CacheStore, live_region: LiveRegion
) -> None:
    _sync(cache, live_region)
    patient = live_region.client.read("Patient", live_region.of_type("Patient")[3]["id"])
    patient["name"][0]["family"] = "Zanardi"
    live_region.client.update(patient, if_match=patient["meta"]["versionId"])
    summary = _sync(cache, live_region)
    assert summary.patients == 1
    assert cache.patients.get(patient["id"]).family_name == "Zanardi"
    assert [p.id for p in cache.patients.search("zanard")] == [patient["id"]]


def test_a_document_hidden_later_leaves_the_cache(
    cache: CacheStore, live_region: LiveRegion
) -> None:
    _sync(cache, live_region)
    doc_id = sorted(_expected_documents(live_region))[0]
    assert cache.documents.get(doc_id) is not None
    doc = live_region.client.read("DocumentReference", doc_id)
    doc.setdefault("meta", {})["security"] = [P99]
    live_region.client.update(doc)
    summary = _sync(cache, live_region)
    assert summary.documents_removed == 1
    assert cache.documents.get(doc_id) is None


def test_a_replaced_pss_stays_in_the_cache_marked_superseded(
    cache: CacheStore, live_region: LiveRegion
) -> None:
    _sync(cache, live_region)
    pss_id = next(
        d
        for d in sorted(_expected_documents(live_region))
        if cache.documents.get(d).type_code == "60591-5"
    )
    old = live_region.client.read("DocumentReference", pss_id)
    replacement = {k: v for k, v in old.items() if k not in ("id", "meta")}
    replacement.update(
        date="2026-10-31T12:00:00+01:00",
        relatesTo=[{"code": "replaces", "target": {"reference": f"DocumentReference/{pss_id}"}}],
    )
    new_id = live_region.client.create(replacement)["id"]
    live_region.client.update(dict(old, status="superseded"))
    summary = _sync(cache, live_region)
    assert (summary.documents, summary.documents_removed) == (2, 0)
    assert cache.documents.get(pss_id).status is DocumentStatus.SUPERSEDED
    assert cache.documents.get(new_id).status is DocumentStatus.CURRENT
    assert _cached_documents(cache, live_region) == _expected_documents(live_region) | {new_id}


def test_a_document_entered_in_error_leaves_the_cache(
    cache: CacheStore, live_region: LiveRegion
) -> None:
    _sync(cache, live_region)
    doc_id = sorted(_expected_documents(live_region))[0]
    doc = live_region.client.read("DocumentReference", doc_id)
    live_region.client.update(dict(doc, status="entered-in-error"))
    summary = _sync(cache, live_region)
    assert (summary.documents_removed, summary.rejected) == (1, 0)
    assert cache.documents.get(doc_id) is None


def test_consent_withdrawn_then_given_again(cache: CacheStore, live_region: LiveRegion) -> None:
    _sync(cache, live_region)
    consent = next(
        c
        for c in live_region.of_type("Consent")
        if c["provision"]["type"] == "permit" and c["status"] == "active"
    )
    patient_id = consent["patient"]["reference"].split("/")[1]
    before = len(cache.documents.list_for_patient(patient_id))
    assert before > 0
    current = live_region.client.read("Consent", consent["id"])
    current["provision"]["type"] = "deny"
    current = live_region.client.update(current)
    withdrawn = _sync(cache, live_region)
    assert cache.patients.get(patient_id).consent is ConsentState.DENIED
    assert cache.documents.list_for_patient(patient_id) == []
    assert withdrawn.documents_removed == before
    current["provision"]["type"] = "permit"
    live_region.client.update(current)
    _sync(cache, live_region)
    assert cache.patients.get(patient_id).consent is ConsentState.GRANTED
    assert len(cache.documents.list_for_patient(patient_id)) == before


def test_cancel_keeps_committed_pages_and_the_next_sync_completes(
    cache: CacheStore, live_region: LiveRegion
) -> None:
    token = CancelToken()
    seen: list[Progress] = []

    def report(progress: Progress) -> None:
        seen.append(progress)
        if progress.label == "Documents" and len(seen) > 3:
            token.cancel()

    engine = SyncEngine(cache, live_region.client, page_size=20)
    with pytest.raises(Cancelled):
        drive(engine.pull(token), report)
    partial = _cached_documents(cache, live_region)
    assert 0 < len(partial) < len(_expected_documents(live_region))
    _sync(cache, live_region, page_size=20)
    assert _cached_documents(cache, live_region) == _expected_documents(live_region)
