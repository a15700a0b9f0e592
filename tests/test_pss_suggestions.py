""" "Aggiorna dal fascicolo" on the synthetic region's real documents: read from the
bodies, and from the findings the encrypted cache keeps beside them."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest

from fse_desk._types import PatientId
from fse_desk.connectors.fhir_client import FhirClient
from fse_desk.connectors.fhir_mapping import document_from_fhir, patient_from_fhir
from fse_desk.domain.document import DocumentMeta, DocumentStatus
from fse_desk.domain.patient import ConsentState
from fse_desk.domain.roles import Role
from fse_desk.errors import ConsentMissing
from fse_desk.progress import drive
from fse_desk.pss import codes, refresh
from fse_desk.pss._findings import Findings, Found, entry_fields
from fse_desk.pss.cda_writer import write_cda
from fse_desk.pss.model import Allergy, Problem, Therapy
from fse_desk.pss.refresh import FindingsIndexer, findings_row, index_missing, suggest_from_cache
from fse_desk.pss.service import PssService
from fse_desk.pss.suggestions import (
    CDA_TYPES,
    Vocabularies,
    accept,
    collect,
    document_findings,
    read_filter,
    suggest_updates,
    suggestion_vocabularies,
)
from fse_desk.pss.vocabularies import Vocabulary, load_vocabulary
from fse_desk.startup import open_workstation
from fse_desk.store import CacheStore
from fse_desk.timeline import TimelineService
from fse_desk.workstation import Workstation
from fse_desk_sandbox.region import generate_region
from tests.fixtures_region import LiveRegion, region_config
from tests.test_pss_support import ROME, full_pss, icd9, minimal_pss
from tests.timeline_support import DOCTOR, make_synced

Docs = list[tuple[DocumentMeta, bytes]]
Batch = list[dict[str, Any]]
HEART_FAILURE_PATIENT = "pat-000007"  # seed 1: diabetic, admitted for heart failure
PID = PatientId(HEART_FAILURE_PATIENT)
READ = read_filter(None)  # what a first click reads: current documents of CDA_TYPES


def _documents(batch: Batch) -> Docs:
    bodies = {r["id"]: base64.b64decode(r["data"]) for r in batch if r["resourceType"] == "Binary"}
    docs: Docs = []
    for resource in batch:
        if resource["resourceType"] != "DocumentReference":
            continue
        meta = document_from_fhir(resource)
        docs.append((meta, bodies[meta.body_url.rsplit("/", 1)[-1]]))
    return docs


@pytest.fixture(scope="module")
def batches() -> dict[str, Batch]:
    """Each patient's resources, by patient id."""
    return {batch[0]["id"]: batch for batch in list(generate_region(1, 40, date(2026, 11, 1)))[1:]}


@pytest.fixture(scope="module")
def region(batches: dict[str, Batch]) -> dict[str, Docs]:
    return {pid: _documents(batch) for pid, batch in batches.items()}


def _letter(docs: Docs) -> tuple[DocumentMeta, bytes]:
    letters = [(m, b) for m, b in docs if m.type_code == "34105-7" and b"428.0" in b]
    return max(letters, key=lambda d: d[0].date)


def test_discharge_letter_yields_its_diagnoses_and_discharge_therapy(
    region: dict[str, Docs],
) -> None:
    meta, body = _letter(region[HEART_FAILURE_PATIENT])
    result = suggest_updates(None, [(meta, body)])
    problems = {s.code: s for s in result.suggestions if s.section == "problems"}
    therapies = {s.code: s for s in result.suggestions if s.section == "therapies"}
    assert set(problems) == {"428.0", "250.00"}
    assert problems["428.0"].inferred is False  # "(ICD-9-CM 428.0)" is in the letter
    assert problems["250.00"].inferred is True  # "Diabete mellito tipo 2" matched by words
    assert "Scompenso cardiaco acuto su cronico" in problems["428.0"].evidence
    assert {"A10BA02", "C03CA01", "C07AB07", "C03DA01"} <= set(therapies)
    metformin = therapies["A10BA02"].entry
    assert isinstance(metformin, Therapy)
    assert (metformin.strength, metformin.dose) == ("1000 mg", "")  # strength is not a dose
    assert metformin.frequency == "1 compressa dopo colazione e dopo cena"
    assert metformin.start == meta.date.date()
    for s in result.suggestions:
        assert (s.source.document_id, s.source.title) == (str(meta.id), meta.title)
        assert s.source.date == meta.date.date().isoformat()
    assert result.unmatched == ()
    assert result.documents_read == 1


def test_only_documents_after_the_last_pss_and_not_already_in_it(region: dict[str, Docs]) -> None:
    docs = region[HEART_FAILURE_PATIENT]
    meta, _ = _letter(docs)
    previous = minimal_pss(
        effective_time=meta.date - timedelta(days=1),
        no_problems=False,
        problems=(Problem(icd9("428.0", "Scompenso")),),
    )
    result = suggest_updates(previous, docs)
    assert all(s.source.date >= meta.date.date().isoformat() for s in result.suggestions)
    assert "428.0" not in {s.code for s in result.suggestions}
    later = minimal_pss(effective_time=datetime(2026, 11, 1, tzinfo=ROME))
    assert suggest_updates(later, docs).suggestions == ()


def test_the_newest_document_is_the_source_of_a_repeated_finding(region: dict[str, Docs]) -> None:
    docs = region[HEART_FAILURE_PATIENT]
    result = suggest_updates(None, docs)
    newest_letter, _ = _letter(docs)
    heart = next(s for s in result.suggestions if s.code == "428.0")
    assert heart.source.date >= newest_letter.date.date().isoformat()
    assert len({s.code for s in result.suggestions}) == len(result.suggestions)
    pdfs = sum(
        1
        for m, _ in docs
        if "pdf" in m.content_type and m.type_code in ("57833-6", "57827-8", "34105-7", "11488-4")
    )
    assert result.documents_skipped >= pdfs


def test_prescription_rows_carry_atc_aic_and_posology(region: dict[str, Docs]) -> None:
    for docs in region.values():
        prescriptions = [
            (m, b) for m, b in docs if m.type_code == "57833-6" and "xml" in m.content_type
        ]
        if prescriptions:
            break
    meta, body = prescriptions[0]
    result = suggest_updates(None, [(meta, body)])
    assert result.suggestions
    for s in result.suggestions:
        entry = s.entry
        assert isinstance(entry, Therapy) and not s.inferred
        assert entry.drug.system == codes.ATC
        assert entry.aic is not None and entry.aic.system == codes.AIC
        assert entry.aic.code.encode() in body and entry.drug.code.encode() in body
        assert entry.frequency


def test_allergies_from_a_pss_published_elsewhere(region: dict[str, Docs]) -> None:
    found = None
    for docs in region.values():
        for meta, body in docs:
            if meta.type_code == "60591-5" and b"Nessuna allergia nota" not in body:
                found = (meta, body)
                break
        if found:
            break
    assert found is not None
    result = suggest_updates(None, [found])
    allergies = [s for s in result.suggestions if s.section == "allergies"]
    assert allergies
    entry = allergies[0].entry
    assert isinstance(entry, Allergy) and entry.agent.system in (codes.ATC, codes.ALLERGENS)
    assert entry.reaction


def test_accepting_adds_exactly_that_entry(region: dict[str, Docs]) -> None:
    meta, body = _letter(region[HEART_FAILURE_PATIENT])
    result = suggest_updates(None, [(meta, body)])
    draft = minimal_pss()
    heart = next(s for s in result.suggestions if s.code == "428.0")
    metformin = next(s for s in result.suggestions if s.code == "A10BA02")
    one = accept(draft, heart)
    assert one.problems == (heart.entry,) and not one.no_problems
    assert one.therapies == () and one.no_current_therapy  # nothing else entered
    two = accept(one, metformin)
    assert two.therapies == (metformin.entry,) and not two.no_current_therapy
    assert accept(two, heart) == two  # accepting twice adds nothing
    assert draft.problems == ()  # the previous draft is untouched


def test_kept_findings_rebuild_every_field_of_a_structured_pss(region: dict[str, Docs]) -> None:
    meta = replace(
        region[HEART_FAILURE_PATIENT][0][0],
        type_code=codes.PSS_LOINC,
        content_type="application/x-hl7-cda+xml",
    )
    pss = full_pss()
    findings = document_findings(meta, write_cda(pss), suggestion_vocabularies())
    assert findings is not None
    kept = Findings.from_json(findings.to_json())
    assert kept == findings
    result = collect(None, [(meta, kept)])
    assert result == collect(None, [(meta, findings)])
    assert {s.entry for s in result.suggestions} == {*pss.problems, *pss.therapies, *pss.allergies}


# -- findings kept in the cache ----------------------------------------------------------


@pytest.fixture
def timeline(cache: CacheStore) -> Iterator[TimelineService]:
    """The timeline service caching bodies handed to it (its client is never called)."""
    client = FhirClient("http://127.0.0.1:9")
    yield TimelineService(cache, client, DOCTOR, read_findings=FindingsIndexer())
    client.close()


def _listed(
    cache: CacheStore,
    batches: dict[str, Batch],
    pid: str = HEART_FAILURE_PATIENT,
) -> Docs:
    """The patient and their documents' metadata in the cache (no bodies); the documents
    with their bodies as the cache lists them, newest first."""
    batch = batches[pid]
    cache.patients.upsert_many([patient_from_fhir(batch[0], ConsentState.GRANTED)])
    docs = _documents(batch)
    cache.documents.upsert_many([m for m, _ in docs])
    bodies = {m.id: b for m, b in docs}
    return [(m, bodies[m.id]) for m in cache.documents.list_for_patient(pid)]


def _cached(cache: CacheStore, timeline: TimelineService, batches: dict[str, Batch]) -> Docs:
    docs = _listed(cache, batches)
    for meta, body in docs:
        timeline.cache_body(meta, meta.content_type, body)
    return docs


def _read(cache: CacheStore) -> Docs:
    out: Docs = []
    for meta in cache.documents.list_for_patient(PID):
        body = cache.bodies.get(meta.id)
        if body is not None:
            out.append((meta, body[1]))
    return out


def test_kept_findings_give_the_answer_of_reading_the_bodies(
    cache: CacheStore, timeline: TimelineService, batches: dict[str, Batch]
) -> None:
    docs = _cached(cache, timeline, batches)
    vocab = suggestion_vocabularies()
    kept = cache.findings.for_patient(PID, vocab.fingerprint)
    # Kept for every CDA as it is cached (a replaced version included: it was current then).
    assert set(kept) == {m.id for m, _ in docs if m.type_code in CDA_TYPES}
    letter, _ = _letter(docs)
    since_letter = minimal_pss(
        effective_time=letter.date - timedelta(days=1),
        no_problems=False,
        problems=(Problem(icd9("428.0", "Scompenso")),),
    )
    for previous in (None, since_letter):
        result = suggest_from_cache(cache, PID, previous, vocab)
        assert result == suggest_updates(previous, docs)
        assert result.suggestions and result.documents_skipped and result.not_downloaded == 0
    # The click merges the kept findings: it does not read the bodies again.
    planted = Findings(
        (
            Found(
                "problems",
                "E888.9",
                False,
                "planted",
                entry_fields(Problem(icd9("E888.9", "Caduta"))),
            ),
        ),
        (),
    )
    cache.findings.put_many([findings_row(letter, vocab, planted)])
    fall = next(
        s for s in suggest_from_cache(cache, PID, None, vocab).suggestions if s.code == "E888.9"
    )
    assert (fall.evidence, fall.source.document_id) == ("planted", letter.id)


def test_bodies_cached_without_findings_are_read_once_then_kept(
    cache: CacheStore, batches: dict[str, Batch]
) -> None:
    docs = _listed(cache, batches)
    for meta, body in docs:  # as before migration 7: the body only
        cache.bodies.put(meta.id, meta.content_type, body)
    vocab = suggestion_vocabularies()
    assert cache.findings.for_patient(PID, vocab.fingerprint) == {}
    assert suggest_from_cache(cache, PID, None, vocab) == suggest_updates(None, docs)
    assert len(cache.findings.for_patient(PID, vocab.fingerprint)) == sum(READ(m) for m, _ in docs)


def test_the_sync_indexes_bodies_cached_without_findings_in_batches(
    cache: CacheStore, batches: dict[str, Batch]
) -> None:
    docs = _listed(cache, batches)
    for meta, body in docs:  # as before migration 7: the body only
        cache.bodies.put(meta.id, meta.content_type, body)
    vocab = suggestion_vocabularies()
    cdas = {m.id for m, _ in docs if m.type_code in CDA_TYPES}
    assert len(cdas) > refresh.INDEX_BATCH // 4
    with patch.object(refresh, "INDEX_BATCH", len(cdas) // 3):
        steps = list(index_missing(cache, vocab))
    assert len(steps) >= 3 and steps[-1].done == len(cdas)
    assert set(cache.findings.for_patient(PID, vocab.fingerprint)) == cdas
    assert list(index_missing(cache, vocab)) == []  # nothing left to read
    with patch.object(refresh, "document_findings", side_effect=AssertionError("parsed")):
        assert suggest_from_cache(cache, PID, None, vocab) == suggest_updates(None, docs)


def test_another_vocabulary_reads_the_documents_again(
    cache: CacheStore, timeline: TimelineService, batches: dict[str, Batch]
) -> None:
    docs = _cached(cache, timeline, batches)
    shipped = suggestion_vocabularies()
    reloaded = Vocabularies(*(load_vocabulary(k) for k in ("icd9cm", "atc", "allergens")))
    assert reloaded.fingerprint == shipped.fingerprint  # a restart keeps the findings
    icd = Vocabulary("icd9cm", [t for t in shipped.icd9cm.terms if not t.code.startswith("250")])
    imported = Vocabularies(icd, shipped.atc, shipped.allergens)
    assert imported.fingerprint != shipped.fingerprint
    before = suggest_from_cache(cache, PID, None, shipped)
    after = suggest_from_cache(cache, PID, None, imported)
    assert after == suggest_updates(None, docs, imported)
    assert after != before
    assert not any("Diabete" in u.text for u in before.unmatched)
    assert any("Diabete" in u.text for u in after.unmatched)  # 250.xx no longer listed
    assert set(cache.findings.for_patient(PID, imported.fingerprint)) == {
        m.id for m, _ in docs if READ(m)
    }  # the click reads current documents only
    stale = cache.findings.for_patient(PID, shipped.fingerprint)
    assert not any(READ(m) and m.id in stale for m, _ in docs)  # all read again
    assert suggest_from_cache(cache, PID, None, shipped) == before


def test_a_new_version_or_a_new_body_is_read_again(
    cache: CacheStore, timeline: TimelineService, batches: dict[str, Batch]
) -> None:
    docs = _cached(cache, timeline, batches)
    vocab = suggestion_vocabularies()
    before = suggest_from_cache(cache, PID, None, vocab)
    letter, letter_body = _letter(docs)
    newest = max(m.date for m, _ in docs)
    cache.documents.upsert_many([replace(letter, version_id="2", date=newest + timedelta(days=30))])
    prescription = next(m for m, _ in docs if m.type_code == "57833-6" and "xml" in m.content_type)
    fall = letter_body.replace(b"ICD-9-CM 428.0", b"ICD-9-CM E888.9")
    cache.bodies.put(prescription.id, prescription.content_type, fall)  # by any path
    after = suggest_from_cache(cache, PID, None, vocab)
    assert after == suggest_updates(None, _read(cache)) != before
    assert next(s for s in after.suggestions if s.code == "E888.9").source.document_id == (
        prescription.id
    )
    heart = next(s for s in after.suggestions if s.code == "428.0")
    assert heart.source.date == (newest + timedelta(days=30)).date().isoformat()


def test_documents_never_downloaded_are_counted_not_fetched(
    cache: CacheStore, timeline: TimelineService, batches: dict[str, Batch]
) -> None:
    docs = _listed(cache, batches)
    fetched = docs[::2]
    for meta, body in fetched:
        timeline.cache_body(meta, meta.content_type, body)
    result = suggest_from_cache(cache, PID, None, suggestion_vocabularies())
    missing = sum(READ(m) for m, _ in docs[1::2])
    assert result.not_downloaded == missing > 0
    assert replace(result, not_downloaded=0) == suggest_updates(None, fetched)


# -- the service the editor calls ----------------------------------------------------------


def test_the_service_suggests_from_the_bodies_the_timeline_fetched(
    live_region: LiveRegion, cache: CacheStore
) -> None:
    synced = make_synced(live_region, cache)
    service = PssService(cache, synced.service)
    patient = synced.busiest()
    before = service.suggest(patient.id, None)
    assert before.suggestions == () and before.documents_read == 0
    current = [
        m
        for m in cache.documents.list_for_patient(patient.id)
        if m.status is DocumentStatus.CURRENT
    ]  # superseded versions are not read
    wanted = [m for m in current if READ(m)]
    assert before.not_downloaded == len(wanted) > 0
    drive(synced.service.prefetch(patient.id))  # "Scarica per uso offline"
    bodies = [(m, body[1]) for m in current if (body := cache.bodies.get(m.id)) is not None]
    result = service.suggest(patient.id, None)
    assert result == suggest_updates(None, bodies) and result.not_downloaded == 0
    assert result.suggestions
    kept = cache.findings.for_patient(patient.id, suggestion_vocabularies().fingerprint)
    every_cda = {
        m.id for m in cache.documents.list_for_patient(patient.id) if m.type_code in CDA_TYPES
    }  # replaced versions are indexed as cached
    assert {m.id for m in wanted} <= set(kept) == every_cda
    denied = synced.patients(ConsentState.DENIED)[0]
    with pytest.raises(ConsentMissing, match="not consented"):
        service.suggest(denied.id, None)


@pytest.fixture
def gp_workstation(tmp_path: Path, live_region: LiveRegion) -> Iterator[Workstation]:
    """The region's workstation signed in as a GP: the PSS suggestions are theirs."""
    opened = open_workstation(region_config(tmp_path, live_region.server.base_url, Role.MMG))
    yield opened
    opened.close()


def test_a_body_fetched_by_the_workstation_is_read_like_the_timeline_s(
    gp_workstation: Workstation,
) -> None:
    workstation = gp_workstation
    workstation.sync()
    patient = next(
        p
        for p in workstation.search_patients("", limit=1000)
        if p.consent is ConsentState.GRANTED
        and any(
            m.type_code == "57833-6" and "xml" in m.content_type
            for m in workstation.documents(p.id)
        )
    )
    current = [
        m
        for m in workstation.documents(patient.id)
        if m.status is DocumentStatus.CURRENT and m.type_code in CDA_TYPES
    ]
    prescription = next(m for m in current if m.type_code == "57833-6" and "xml" in m.content_type)
    _type, body = workstation.document_body(prescription.id)  # the imaging path
    result = workstation.pss.suggest(patient.id, None)
    assert result == replace(
        suggest_updates(None, [(prescription, body)]), not_downloaded=len(current) - 1
    )
    assert result.suggestions and result.documents_read == 1
