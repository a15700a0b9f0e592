"""OIDs are valid everywhere: the region's arc has no leading zero, and every root we write
or publish is a dotted number the CDA schema accepts."""

from __future__ import annotations

import dataclasses

import pytest
from defusedxml import ElementTree

from fse_desk._types import CodiceFiscale, PatientId
from fse_desk.domain.identifiers import (
    document_id_root,
    is_valid_oid,
    region_arc,
    region_of_document_root,
    repository_id,
    submission_set_id,
)
from fse_desk.domain.patient import ConsentState, Patient, Sex
from fse_desk.pss import write_cda
from fse_desk.pss.publication import publication_of
from tests.test_pss_support import full_pss


def test_region_codes_become_arcs_without_leading_zeros() -> None:
    assert region_arc("080") == "80"
    assert document_id_root("080") == "2.16.840.1.113883.2.9.2.80.4.4"
    assert document_id_root("010") == "2.16.840.1.113883.2.9.2.10.4.4"
    assert repository_id("080") == "2.16.840.1.113883.2.9.2.80.4.5.1"
    assert submission_set_id("080", 17) == "2.16.840.1.113883.2.9.2.80.4.3.17"
    assert region_of_document_root("2.16.840.1.113883.2.9.2.80.4.4") == "80"
    with pytest.raises(ValueError, match="ISTAT"):
        region_arc("8O")
    with pytest.raises(ValueError, match="regional document id root"):
        region_of_document_root("2.16.840.1.113883.2.9.2.080.4.4")


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("2.16.840.1.113883.2.9.2.80.4.4", True),
        ("2.16.840.1.113883.2.9.2.080.4.4", False),
        ("2.25.0", True),
        ("2..5", False),
        ("2.16.x", False),
        ("2", False),
    ],
)
def test_oid_validity(value: str, valid: bool) -> None:
    assert is_valid_oid(value) is valid


def test_every_root_the_pss_writer_writes_is_a_valid_oid() -> None:
    pss = full_pss()
    replacement = dataclasses.replace(pss, document_id="B", version=2, replaced_id="A")
    for document in (pss, replacement):
        root = ElementTree.fromstring(write_cda(document))
        roots = {e.get("root") for e in root.iter() if e.get("root") is not None}
        assert roots and all(is_valid_oid(r) for r in roots), roots


def test_publication_identifiers_follow_the_integration_guide() -> None:
    pss = full_pss()
    patient = Patient(
        id=PatientId("p1"),
        codice_fiscale=CodiceFiscale(pss.patient.cf),
        family_name=pss.patient.family,
        given_name=pss.patient.given,
        sex=Sex.MALE,
        birth_date=pss.patient.birth_date,
    )
    fields = publication_of(pss, patient)
    assert fields.identificativo_doc == f"2.16.840.1.113883.2.9.2.80.4.4^{pss.document_id}"
    assert fields.identificativo_rep == "2.16.840.1.113883.2.9.2.80.4.5.1"
    prefix = "2.16.840.1.113883.2.9.2.80.4.3."
    assert fields.identificativo_sottomissione.startswith(prefix)
    assert is_valid_oid(fields.identificativo_sottomissione)
    assert len(fields.identificativo_sottomissione) <= 64
    # patient_consent (a JWT claim) follows the patient's consent on record.
    assert fields.patient_consent is False  # consent not known: not claimed
    granted = dataclasses.replace(patient, consent=ConsentState.GRANTED)
    assert publication_of(pss, granted).patient_consent is True
    # Stable across retries, different for another document.
    assert publication_of(pss, patient) == fields
    other = dataclasses.replace(pss, document_id="PSS.2026.0099")
    assert publication_of(other, patient).identificativo_sottomissione != (
        fields.identificativo_sottomissione
    )
