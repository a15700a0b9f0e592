"""FHIR resources into domain records, and the privacy rules applied to them."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from fse_desk.connectors.fhir_mapping import (
    consent_from_fhir,
    document_from_fhir,
    is_hidden,
    parse_instant,
    patient_from_fhir,
    reference_id,
)
from fse_desk.domain import ConsentState, DocumentStatus, Sex
from fse_desk.errors import InvalidRecord

PATIENT = {
    "resourceType": "Patient",
    "id": "pat-1",
    "meta": {"versionId": "3", "lastUpdated": "2026-01-02T03:04:05.123456+00:00"},
    "identifier": [
        {"system": "urn:other", "value": "X"},
        {"system": "http://hl7.it/sid/codiceFiscale", "value": "rssmra70a41a944s"},
    ],
    "name": [{"family": "Rossi", "given": ["Maria", "Grazia"]}],
    "gender": "female",
    "birthDate": "1970-01-01",
    "extension": [
        {
            "url": "http://hl7.org/fhir/StructureDefinition/patient-birthPlace",
            "valueAddress": {"city": "Bologna", "district": "BO", "country": "IT"},
        }
    ],
}

DOCUMENT = {
    "resourceType": "DocumentReference",
    "id": "doc-1",
    "meta": {"versionId": "1", "lastUpdated": "2026-01-02T03:04:05Z"},
    "status": "current",
    "masterIdentifier": {"system": "urn:oid:2.16.840.1.113883.2.9.2.80.4.4", "value": "ABC"},
    "type": {
        "coding": [
            {"system": "http://loinc.org", "code": "11502-2", "display": "Referto di laboratorio"}
        ]
    },
    "subject": {"reference": "Patient/pat-1"},
    "date": "2025-03-04T10:00:00+01:00",
    "author": [{"reference": "Practitioner/pr-9", "display": "Dott.ssa Anna Bianchi"}],
    "custodian": {"display": "Ospedale Maggiore"},
    "description": "Emocromo, glicemia",
    "securityLabel": [
        {
            "coding": [
                {"system": "http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "code": "R"}
            ]
        }
    ],
    "content": [
        {"attachment": {"contentType": "application/x-hl7-cda+xml", "url": "Binary/bin-1"}}
    ],
}


def test_patient_maps_every_field() -> None:
    patient = patient_from_fhir(PATIENT, ConsentState.GRANTED)
    assert patient.codice_fiscale == "RSSMRA70A41A944S"
    assert (patient.family_name, patient.given_name) == ("Rossi", "Maria Grazia")
    assert patient.sex is Sex.FEMALE
    assert patient.birth_date == date(1970, 1, 1)
    assert patient.birth_place == "Bologna (BO)"
    assert patient.version_id == "3"
    assert patient.last_updated == datetime(2026, 1, 2, 3, 4, 5, 123456, tzinfo=UTC)
    assert patient.display_name == "ROSSI Maria Grazia"


@pytest.mark.parametrize(
    ("general_practitioner", "expected"),
    [
        ([{"reference": "Practitioner/prac-7", "display": "Dott. Bianchi"}], "prac-7"),
        ([{"reference": "Organization/org-1"}, {"reference": "Practitioner/prac-7"}], "prac-7"),
        ([{"reference": "https://fse.example/fhir/Practitioner/prac-7/_history/2"}], "prac-7"),
        ([{"reference": "PractitionerRole/role-1"}, {"display": "Dott. Bianchi"}], ""),
        ([], ""),
        (None, ""),
    ],
)
def test_patient_general_practitioner_is_the_first_practitioner_reference(
    general_practitioner: list[dict[str, str]] | None, expected: str
) -> None:
    resource = dict(PATIENT)
    if general_practitioner is not None:
        resource["generalPractitioner"] = general_practitioner
    assert patient_from_fhir(resource, ConsentState.UNKNOWN).general_practitioner_id == expected


def test_patient_without_codice_fiscale_is_rejected() -> None:
    resource = {**PATIENT, "identifier": []}
    with pytest.raises(InvalidRecord, match="codice fiscale") as info:
        patient_from_fhir(resource, ConsentState.UNKNOWN)
    assert info.value.field == "codice_fiscale"


def test_document_maps_every_field() -> None:
    doc = document_from_fhir(DOCUMENT)
    assert doc.patient_id == "pat-1"
    assert doc.doc_class.value == "REF"
    assert doc.title == "Emocromo, glicemia"
    assert doc.date == datetime(2025, 3, 4, 9, 0, tzinfo=UTC)
    assert doc.author == "Dott.ssa Anna Bianchi"
    assert doc.facility == "Ospedale Maggiore"
    assert doc.confidentiality == "R"
    assert doc.master_identifier == "2.16.840.1.113883.2.9.2.80.4.4^ABC"
    assert doc.body_url == "Binary/bin-1"


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("current", DocumentStatus.CURRENT),
        ("superseded", DocumentStatus.SUPERSEDED),
        ("entered-in-error", DocumentStatus.ENTERED_IN_ERROR),
        (None, DocumentStatus.CURRENT),
    ],
)
def test_document_status(status: str | None, expected: DocumentStatus) -> None:
    resource = {k: v for k, v in DOCUMENT.items() if k != "status"}
    if status is not None:
        resource["status"] = status
    assert document_from_fhir(resource).status is expected


def test_document_of_unknown_status_is_rejected() -> None:
    with pytest.raises(InvalidRecord, match="status 'draft', not current") as info:
        document_from_fhir({**DOCUMENT, "status": "draft"})
    assert info.value.field == "status"


def test_document_of_unknown_type_is_rejected() -> None:
    resource = {**DOCUMENT, "type": {"coding": [{"system": "http://loinc.org", "code": "1-8"}]}}
    with pytest.raises(InvalidRecord, match="not an FSE document type"):
        document_from_fhir(resource)


@pytest.mark.parametrize(
    ("security", "hidden"),
    [
        ([{"system": "urn:oid:2.16.840.1.113883.2.9.3.3.6.1.3", "code": "P99"}], True),
        ([{"system": "2.16.840.1.113883.2.9.3.3.6.1.3", "code": "P99"}], True),
        ([{"system": "urn:oid:2.16.840.1.113883.2.9.3.3.6.1.3", "code": "P00"}], False),
        ([{"system": "urn:oid:2.16.840.1.113883.2.9.3.3.6.1.3", "code": "P98"}], False),
        ([{"system": "urn:other", "code": "P99"}], False),
        ([], False),
    ],
)
def test_oscuramento_p99_hides(security: list[dict[str, str]], hidden: bool) -> None:
    assert is_hidden({**DOCUMENT, "meta": {"security": security}}) is hidden


@pytest.mark.parametrize(
    ("status", "provision", "state"),
    [
        ("active", "permit", ConsentState.GRANTED),
        ("active", "deny", ConsentState.DENIED),
        ("rejected", "permit", ConsentState.DENIED),
        ("inactive", "permit", ConsentState.DENIED),
    ],
)
def test_consent_states(status: str, provision: str, state: ConsentState) -> None:
    resource = {
        "resourceType": "Consent",
        "status": status,
        "patient": {"reference": "Patient/pat-7"},
        "provision": {"type": provision},
    }
    assert consent_from_fhir(resource) == ("pat-7", state)


def test_reference_forms() -> None:
    assert reference_id("Patient/1", "Patient") == "1"
    assert reference_id("http://x/fhir/Patient/1", "Patient") == "1"
    assert reference_id("Patient/1/_history/4", "Patient") == "1"
    assert reference_id("Practitioner/1", "Patient") is None
    assert parse_instant("2024-05-06") == datetime(2024, 5, 6, tzinfo=UTC)
