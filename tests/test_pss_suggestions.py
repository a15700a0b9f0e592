""""Aggiorna dal fascicolo" on the synthetic region's real documents."""

from __future__ import annotations

import base64
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from fse_desk.domain.document import DocumentMeta
from fse_desk.fse.fhir_mapping import document_from_fhir
from fse_desk.pss import codes
from fse_desk.pss.model import Allergy, Problem, Therapy
from fse_desk.pss.suggestions import FindingsCache, accept, suggest_updates
from fse_desk.sandbox.region import generate_region
from tests.test_pss_support import ROME, icd9, minimal_pss

Docs = list[tuple[DocumentMeta, bytes]]
HEART_FAILURE_PATIENT = "pat-000007"  # seed 1: diabetic, admitted for heart failure


def _documents(batch: list[dict[str, Any]]) -> Docs:
    bodies = {r["id"]: base64.b64decode(r["data"]) for r in batch
              if r["resourceType"] == "Binary"}
    docs: Docs = []
    for resource in batch:
        if resource["resourceType"] != "DocumentReference":
            continue
        meta = document_from_fhir(resource)
        docs.append((meta, bodies[meta.body_url.rsplit("/", 1)[-1]]))
    return docs


@pytest.fixture(scope="module")
def region() -> dict[str, Docs]:
    out: dict[str, Docs] = {}
    for batch in list(generate_region(1, 40, date(2026, 11, 1)))[1:]:
        out[batch[0]["id"]] = _documents(batch)
    return out


def _letter(docs: Docs) -> tuple[DocumentMeta, bytes]:
    letters = [(m, b) for m, b in docs if m.type_code == "34105-7" and b"428.0" in b]
    return max(letters, key=lambda d: d[0].date)


def test_discharge_letter_yields_its_diagnoses_and_discharge_therapy(
        region: dict[str, Docs]) -> None:
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
    assert metformin.dose == "1000 mg"
    assert metformin.frequency == "1 compressa dopo colazione e dopo cena"
    assert metformin.start == meta.date.date()
    for s in result.suggestions:
        assert (s.source.document_id, s.source.title) == (str(meta.id), meta.title)
        assert s.source.date == meta.date.date().isoformat()
    assert result.unmatched == ()
    assert result.documents_read == 1


def test_only_documents_after_the_last_pss_and_not_already_in_it(
        region: dict[str, Docs]) -> None:
    docs = region[HEART_FAILURE_PATIENT]
    meta, _ = _letter(docs)
    previous = minimal_pss(
        effective_time=meta.date - timedelta(days=1), no_problems=False,
        problems=(Problem(icd9("428.0", "Scompenso")),))
    result = suggest_updates(previous, docs)
    assert all(s.source.date >= meta.date.date().isoformat() for s in result.suggestions)
    assert "428.0" not in {s.code for s in result.suggestions}
    later = minimal_pss(effective_time=datetime(2026, 11, 1, tzinfo=ROME))
    assert suggest_updates(later, docs).suggestions == ()


def test_the_newest_document_is_the_source_of_a_repeated_finding(
        region: dict[str, Docs]) -> None:
    docs = region[HEART_FAILURE_PATIENT]
    result = suggest_updates(None, docs)
    newest_letter, _ = _letter(docs)
    heart = next(s for s in result.suggestions if s.code == "428.0")
    assert heart.source.date >= newest_letter.date.date().isoformat()
    assert len({s.code for s in result.suggestions}) == len(result.suggestions)
    pdfs = sum(1 for m, _ in docs if "pdf" in m.content_type and m.type_code in (
        "57833-6", "57827-8", "34105-7", "11488-4"))
    assert result.documents_skipped >= pdfs


def test_prescription_rows_carry_atc_aic_and_posology(region: dict[str, Docs]) -> None:
    for docs in region.values():
        prescriptions = [(m, b) for m, b in docs
                         if m.type_code == "57833-6" and "xml" in m.content_type]
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


def test_findings_cache_gives_the_same_answer_and_rereads_only_new_documents(
        region: dict[str, Docs]) -> None:
    docs = region[HEART_FAILURE_PATIENT]
    plain = suggest_updates(None, docs)
    cache = FindingsCache()
    first = suggest_updates(None, docs[:-5], cache=cache)
    seen = len(cache)
    again = suggest_updates(None, docs, cache=cache)
    assert again == plain
    assert first != plain or len(cache) == seen
    assert len(cache) == seen + sum(1 for m, _ in docs[-5:] if m.type_code in (
        "34105-7", "18842-5", "11488-4", "75496-0", "85208-7", "59258-4", "57833-6",
        "60591-5", "57827-8", "18776-5") and "pdf" not in m.content_type)
    changed = [(m, b + b" ") if i == 0 else (m, b) for i, (m, b) in enumerate(docs)]
    assert suggest_updates(None, changed, cache=cache) == suggest_updates(None, changed)
