"""Ongoing or short course, active or resolved: the state "Aggiorna dal fascicolo"
proposes each entry in, with its reason, on documents the synthetic region writes."""

from __future__ import annotations

import random
from datetime import date, datetime

import pytest

from fse_desk._types import DocumentId, PatientId
from fse_desk.domain.document import DocumentMeta
from fse_desk.domain.identifiers import ROME
from fse_desk.pss.course import STALE_YEARS, Reason, procedure_stems, stated_days, treated
from fse_desk.pss.model import Problem, ProblemStatus, Therapy
from fse_desk.pss.suggestions import (
    Suggestion,
    SuggestionSet,
    collect,
    document_findings,
    suggestion_vocabularies,
)
from fse_desk_sandbox.region import cda
from fse_desk_sandbox.region.conditions import Profile, build_profile
from fse_desk_sandbox.region.hospital import discharge_letter, elective_surgery
from fse_desk_sandbox.region.model import Doc, Section, table
from fse_desk_sandbox.region.people import Person, make_person
from fse_desk_sandbox.region.prescriptions import drug_prescription

TODAY = date(2026, 12, 7)
AMOXICILLIN = "J01CA04"
METFORMIN = "A10BA02"
HERNIA = "550.90"
HYPERTENSION = "401.9"
Region = tuple[random.Random, Person, Profile]


@pytest.fixture(scope="module")
def region() -> Region:
    rng = random.Random(18)
    person = make_person(0, rng, TODAY, set())
    return rng, person, build_profile(rng, person, TODAY, False)


def _meta(n: int, doc: Doc) -> DocumentMeta:
    return DocumentMeta(
        id=DocumentId(f"doc-{n}"),
        patient_id=PatientId("pat-course"),
        type_code=doc.loinc,
        title=doc.description,
        date=doc.signed_time.replace(tzinfo=ROME),
        author="Autore",
        facility="Struttura",
        content_type="application/x-hl7-cda+xml",
        body_url=f"Binary/doc-{n}",
    )


def _suggest(person: Person, docs: list[Doc]) -> SuggestionSet:
    vocab = suggestion_vocabularies()
    read = []
    for n, doc in enumerate(docs):
        meta = _meta(n, doc)
        body = cda.render(doc, person, f"doc-{n}").encode("utf-8")
        read.append((meta, document_findings(meta, body, vocab)))
    return collect(None, read, today=TODAY)


def _one(listed: tuple[Suggestion, ...], code: str) -> Suggestion:
    hits = [s for s in listed if s.code == code]
    assert len(hits) == 1, [s.code for s in listed]
    return hits[0]


def _state(suggestion: Suggestion) -> tuple[ProblemStatus, date | None]:
    assert isinstance(suggestion.entry, Problem)
    return suggestion.entry.status, suggestion.entry.end


def _amoxicillin(
    rng: random.Random,
    profile: Profile,
    when: datetime,
    posology: str = "1 compressa ogni 12 ore per 6 giorni",
) -> Doc:
    doc = drug_prescription(rng, profile, when, ["metformina"], False)
    row = ["Amoxicillina 1 g compresse, 12 cpr", "000000001", AMOXICILLIN, "1"]
    doc.sections = [
        Section(
            "57828-6",
            "Prescrizione",
            (
                table(
                    ["Farmaco", "AIC", "ATC", "Confezioni", "Posologia"],
                    [[*row, posology]],
                ),
            ),
        )
    ]
    return doc


def test_an_acute_antibiotic_course_is_not_an_ongoing_therapy(region: Region) -> None:
    rng, person, profile = region
    result = _suggest(person, [_amoxicillin(rng, profile, datetime(2026, 11, 2, 10))])
    assert AMOXICILLIN not in {s.code for s in result.suggestions}
    course = _one(result.short_courses, AMOXICILLIN)
    assert course.reason is Reason.SHORT_DURATION
    assert isinstance(course.entry, Therapy)


def test_an_antibiotic_without_stated_length_is_a_course_by_its_class(region: Region) -> None:
    rng, person, profile = region
    doc = _amoxicillin(rng, profile, datetime(2026, 11, 2, 10), "1 compressa ogni 12 ore")
    result = _suggest(person, [doc])
    assert _one(result.short_courses, AMOXICILLIN).reason is Reason.SHORT_CLASS


def test_metformin_renewed_every_month_is_an_ongoing_therapy(region: Region) -> None:
    rng, person, profile = region
    docs = [
        drug_prescription(rng, profile, datetime(2026, m, 5, 9), ["metformina"], False)
        for m in (8, 9, 10, 11)
    ]
    result = _suggest(person, docs)
    metformin = _one(result.suggestions, METFORMIN)
    assert metformin.reason is Reason.REPEATED
    assert metformin.source.date == "2026-11-05"  # the newest prescription
    assert not result.short_courses


def test_metformin_prescribed_once_is_ongoing_by_its_class(region: Region) -> None:
    rng, person, profile = region
    doc = drug_prescription(rng, profile, datetime(2026, 11, 5, 9), ["metformina"], False)
    assert _one(_suggest(person, [doc]).suggestions, METFORMIN).reason is Reason.CHRONIC_CLASS


def test_antibiotics_renewed_three_times_are_ongoing(region: Region) -> None:
    rng, person, profile = region
    docs = [_amoxicillin(rng, profile, datetime(2026, m, 2, 10)) for m in (3, 6, 9)]
    result = _suggest(person, docs)
    assert _one(result.suggestions, AMOXICILLIN).reason is Reason.REPEATED


def test_heparin_for_35_days_after_hip_surgery_is_a_course(region: Region) -> None:
    """Enoxaparin is an antithrombotic (a chronic class), but the letter states its end."""
    rng, person, profile = region
    letter = discharge_letter(
        rng,
        profile,
        datetime(2026, 10, 1, 8),
        "ortopedia",
        "Frattura del femore",
        "820.8",
        "Caduta.",
    )
    result = _suggest(person, [letter])
    heparin = [s for s in result.short_courses if s.code.startswith("B01AB")]
    assert [s.reason for s in heparin] == [Reason.SHORT_DURATION]
    assert not [s for s in result.suggestions if s.code.startswith("B01AB")]


def test_a_2016_hernia_repair_is_a_resolved_problem(region: Region) -> None:
    rng, person, profile = region
    letter = elective_surgery(rng, profile, datetime(2016, 3, 10, 8), "ernia")
    result = _suggest(person, [letter])
    hernia = _one(result.suggestions, HERNIA)
    assert hernia.reason is Reason.TREATED
    assert isinstance(hernia.entry, Problem)
    assert _state(hernia) == (ProblemStatus.RESOLVED, letter.signed_time.date())


def test_a_recent_hernia_repair_is_resolved_too(region: Region) -> None:
    """The procedure, not the age, closes it: a letter of last month says the same."""
    rng, person, profile = region
    letter = elective_surgery(rng, profile, datetime(2026, 11, 2, 8), "ernia")
    hernia = _one(_suggest(person, [letter]).suggestions, HERNIA)
    assert hernia.reason is Reason.TREATED
    assert _state(hernia) == (ProblemStatus.RESOLVED, letter.signed_time.date())


def _medical_letter(rng: random.Random, profile: Profile, when: datetime, icd9: str) -> Doc:
    return discharge_letter(
        rng,
        profile,
        when,
        "medicina",
        "Ipertensione arteriosa",
        icd9,
        "Crisi ipertensiva.",
    )


def test_a_recent_hypertension_diagnosis_is_active(region: Region) -> None:
    rng, person, profile = region
    letter = _medical_letter(rng, profile, datetime(2026, 10, 1, 8), HYPERTENSION)
    hypertension = _one(_suggest(person, [letter]).suggestions, HYPERTENSION)
    assert hypertension.reason is Reason.RECENT
    assert _state(hypertension) == (ProblemStatus.ACTIVE, None)


def test_an_old_acute_problem_is_resolved_but_an_old_chronic_one_is_not(region: Region) -> None:
    rng, person, profile = region
    old = datetime(TODAY.year - STALE_YEARS - 2, 5, 4, 8)
    pneumonia = discharge_letter(
        rng,
        profile,
        old,
        "medicina",
        "Polmonite",
        "486",
        "Febbre e tosse.",
    )
    hypertension = _medical_letter(rng, profile, old, HYPERTENSION)
    result = _suggest(person, [pneumonia, hypertension])
    stale = _one(result.suggestions, "486")
    assert stale.reason is Reason.STALE
    assert _state(stale) == (ProblemStatus.RESOLVED, pneumonia.signed_time.date())
    assert _one(result.suggestions, HYPERTENSION).reason is Reason.RECENT


@pytest.mark.parametrize(
    ("text", "stems"),
    [
        ("Ricovero programmato per ernioplastica inguinale destra.", {"erni"}),
        ("Colecistectomia videolaparoscopica", {"cole"}),
        ("Riparazione dell'ernia ombelicale", {"erni"}),
        ("Rimozione dei punti di sutura a 10 giorni", set()),
        ("Impostata terapia e.v. con progressivo miglioramento", set()),
    ],
)
def test_procedure_stems(text: str, stems: set[str]) -> None:
    assert procedure_stems(text) == stems


def test_treated_needs_the_same_organ() -> None:
    assert treated("Colelitiasi sintomatica", {"cole"})
    assert not treated("Diabete mellito tipo 2", {"erni"})


@pytest.mark.parametrize(
    ("posology", "days"),
    [
        ("1 compressa ogni 12 ore per 6 giorni", 6),
        ("1 bustina al giorno per 2 settimane", 14),
        ("1 compressa al giorno", None),
    ],
)
def test_stated_days(posology: str, days: int | None) -> None:
    assert stated_days(posology) == days
