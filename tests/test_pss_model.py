"""PSS records: invariants, versioning, public surface."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest

import fse_desk.pss as pss_pkg
from fse_desk.errors import InvalidRecord
from fse_desk.pss import codes
from fse_desk.pss.model import Coded, Pss, new_version
from tests.test_pss_support import ROME, full_pss, minimal_pss


def test_new_version_keeps_set_id_bumps_version_and_points_rplc_at_previous() -> None:
    first = full_pss()
    when = datetime(2026, 11, 1, 9, 0, tzinfo=ROME)
    second = new_version(first, document_id="PSS.2026.0002", effective_time=when)
    assert second.set_id == first.set_id
    assert second.version == first.version + 1
    assert second.replaced_id == first.document_id
    assert second.effective_time == when
    assert second.problems == first.problems and second.therapies == first.therapies
    third = new_version(second, document_id="PSS.2026.0003", effective_time=when)
    assert (third.version, third.replaced_id, third.set_id) == (3, "PSS.2026.0002", first.set_id)


def test_new_version_needs_a_new_document_id() -> None:
    first = minimal_pss()
    with pytest.raises(InvalidRecord, match="new document id") as info:
        new_version(first, document_id=first.document_id, effective_time=first.effective_time)
    assert info.value.field == "document_id"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"version": 0}, "version", "below 1"),
        ({"version": 2}, "replaced_id", "RPLC"),
        ({"version": 2, "replaced_id": "PSS.2026.0001"}, "replaced_id", "replace itself"),
        ({"effective_time": datetime(2026, 1, 1)}, "effective_time", "time zone"),
        ({"document_id": " "}, "document_id", "empty"),
        ({"problems": ("not a problem",)}, "problems[0]", "expected Problem"),
    ],
)
def test_pss_invariants(changes: dict[str, object], field: str, message: str) -> None:
    with pytest.raises(InvalidRecord, match=message) as info:
        minimal_pss(**changes)
    assert info.value.field == field


def test_coded_needs_an_oid_and_a_code() -> None:
    with pytest.raises(InvalidRecord, match="not an OID"):
        Coded("250.00", "ICD9")
    with pytest.raises(InvalidRecord, match="empty"):
        Coded("", codes.ICD9CM)
    assert Coded("250.00", codes.ICD9CM).system_name == "ICD-9-CM"


def test_patient_codice_fiscale_is_checked() -> None:
    base = minimal_pss()
    with pytest.raises(InvalidRecord, match="codice fiscale") as info:
        dataclasses.replace(base.patient, cf="ABC")
    assert info.value.field == "patient.cf"


def test_every_section_of_the_standard_is_in_the_model() -> None:
    names = {f.name for f in dataclasses.fields(Pss)}
    assert {s.key for s in codes.SECTIONS} <= names
    assert len(codes.SECTIONS) == 17
    assert [s.template_id for s in codes.SECTIONS][:2] == [
        "2.16.840.1.113883.2.9.10.1.4.2.1",
        "2.16.840.1.113883.2.9.10.1.4.2.2",
    ]
    filled = full_pss()
    assert all(filled.entries(s.key) for s in codes.SECTIONS)


def test_public_surface_is_pinned() -> None:
    assert "validate_cda_structure" in pss_pkg.__all__
    assert all(hasattr(pss_pkg, name) for name in pss_pkg.__all__)
    assert sorted(pss_pkg.__all__) == sorted(set(pss_pkg.__all__))
    assert set(pss_pkg.__all__) == {
        "AdministrativeSex",
        "Allergy",
        "CarePlan",
        "Clinician",
        "Coded",
        "Confidentiality",
        "Criticality",
        "Device",
        "Diagnostic",
        "DiseaseNetwork",
        "DonationChoice",
        "Encounter",
        "EncounterKind",
        "Exemption",
        "FamilyHistory",
        "FunctionalStatus",
        "Lifestyle",
        "OrganDonation",
        "Organization",
        "PatientInfo",
        "Pregnancy",
        "Problem",
        "ProblemStatus",
        "Procedure",
        "Pss",
        "Relative",
        "SECTIONS",
        "SectionSpec",
        "Severity",
        "Source",
        "Suggestion",
        "SuggestionSet",
        "Term",
        "Therapy",
        "Vaccination",
        "CheckIssue",
        "VitalSign",
        "Vocabulary",
        "accept",
        "install_vocabulary",
        "load_vocabulary",
        "new_version",
        "parse_vocabulary",
        "read_cda",
        "suggest_updates",
        "validate_cda_structure",
        "validate_pss",
        "write_cda",
    }
