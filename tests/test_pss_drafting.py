"""Starting a new PSS version: carried over, re-signed, vital signs brought up to date."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from fse_desk._types import CodiceFiscale, PatientId
from fse_desk.config import load_config
from fse_desk.domain.patient import Patient, Sex
from fse_desk.domain.vitals import Vital, VitalReading
from fse_desk.errors import ConfigError
from fse_desk.pss import validate_cda_structure, validate_pss, write_cda
from fse_desk.pss.drafting import PssSigner, start_draft
from fse_desk.pss.model import AdministrativeSex, Clinician, Organization
from fse_desk.pss.service import PssService
from fse_desk.startup import _signer
from fse_desk.store import CacheStore
from fse_desk.vitals import VitalsService
from tests.fixtures_region import LiveRegion
from tests.pss_region_support import PssRegion
from tests.test_pss_support import ROME, TODAY, full_pss
from tests.timeline_support import clinician_access, make_synced

NEW_MMG = Clinician("BNCLRA75M41A944Z", "Laura", "Bianchi", ("tel:+390511234567",))
SIGNER = PssSigner(NEW_MMG, Organization("080105-MMG", "Studio Bianchi"))
NOW = datetime(2026, 11, 2, 9, 30, tzinfo=ROME)


def _patient(previous_cf: str) -> Patient:
    return Patient(
        PatientId("p1"),
        CodiceFiscale(previous_cf),
        "Dall'Olio",
        "Giovanni",
        Sex.MALE,
        date(1952, 3, 12),
    )


def _reading(vital: Vital, values: tuple[float, ...], when: datetime) -> VitalReading:
    return VitalReading(
        f"r-{vital.name}-{when.isoformat()}", PatientId("p1"), vital, values, when, "Inf. Neri"
    )


def test_the_first_version_starts_empty_with_the_signer_in_the_header() -> None:
    patient = _patient("DLLGNN52C12A944K")
    draft = start_draft(
        patient=patient, signer=SIGNER, previous=None, readings=[], now=NOW, new_id=lambda: "NEW1"
    )
    assert (draft.document_id, draft.set_id, draft.version, draft.replaced_id) == (
        "NEW1",
        "NEW1",
        1,
        "",
    )
    assert draft.author == draft.legal_authenticator == NEW_MMG
    assert draft.custodian == SIGNER.custodian
    assert draft.patient.cf == patient.codice_fiscale
    assert draft.patient.sex is AdministrativeSex.MALE
    assert all(not draft.entries(key) for key in ("problems", "therapies", "allergies"))
    assert not draft.no_known_allergies  # "none" is the doctor's statement, never a default


def test_a_new_version_carries_everything_over_and_replaces_the_previous_one() -> None:
    previous = full_pss()
    patient = _patient(previous.patient.cf)
    draft = start_draft(
        patient=patient,
        signer=SIGNER,
        previous=previous,
        readings=[],
        now=NOW,
        new_id=lambda: "NEXT",
    )
    assert draft.set_id == previous.set_id
    assert draft.version == previous.version + 1
    assert draft.replaced_id == previous.document_id
    assert draft.effective_time == NOW
    assert draft.author == NEW_MMG and draft.custodian == SIGNER.custodian
    for key in (
        "problems",
        "therapies",
        "allergies",
        "vaccinations",
        "family_history",
        "vital_signs",
        "devices",
        "exemptions",
    ):
        assert draft.entries(key) == previous.entries(key), key
    assert validate_cda_structure(write_cda(draft)) == []


def test_vital_signs_take_the_newest_reading_of_each_code() -> None:
    previous = full_pss()
    old_codes = {v.code.code: v for v in previous.vital_signs}
    assert "8480-6" in old_codes  # the builder has a blood pressure to update
    later = datetime.combine(
        max(v.time for v in previous.vital_signs) + timedelta(days=30), datetime.min.time(), ROME
    )
    readings = [
        _reading(Vital.BLOOD_PRESSURE, (150.0, 95.0), later - timedelta(days=2)),
        _reading(Vital.BLOOD_PRESSURE, (128.0, 79.0), later),  # the newest wins
        _reading(Vital.SPO2, (96.0,), later),
    ]
    draft = start_draft(
        patient=_patient(previous.patient.cf),
        signer=SIGNER,
        previous=previous,
        readings=reversed(readings),
        now=NOW,
    )
    by_code = {v.code.code: v for v in draft.vital_signs}
    assert (by_code["8480-6"].value, by_code["8462-4"].value) == (128.0, 79.0)
    assert by_code["8480-6"].time == later.date()
    assert by_code["8480-6"].code.display == "Pressione arteriosa sistolica"
    assert (by_code["59408-5"].value, by_code["59408-5"].unit) == (96.0, "%")
    untouched = set(old_codes) - {"8480-6", "8462-4", "59408-5"}
    assert all(by_code[c] == old_codes[c] for c in untouched)
    assert len(draft.vital_signs) == len(by_code)  # one value per code


def test_a_pss_value_newer_than_the_readings_is_kept() -> None:
    previous = full_pss()
    newest = max(previous.vital_signs, key=lambda v: v.time)
    stale = datetime.combine(newest.time - timedelta(days=400), datetime.min.time(), ROME)
    weight = Vital.BODY_WEIGHT if newest.code.code == "29463-7" else None
    readings = [_reading(weight, (50.0,), stale)] if weight else []
    draft = start_draft(
        patient=_patient(previous.patient.cf),
        signer=SIGNER,
        previous=previous,
        readings=readings,
        now=NOW,
    )
    assert newest in draft.vital_signs


# -- through the service, on the synced region ------------------------------------------


@pytest.fixture
def region(live_region: LiveRegion, cache: CacheStore) -> PssRegion:
    synced = make_synced(live_region, cache)
    return PssRegion(synced, PssService(cache, synced.service, signer=SIGNER))


def test_the_service_starts_from_the_current_published_version(region: PssRegion) -> None:
    patient = region.with_versions(2)
    current = region.service.history(patient.id)[0]
    published = region.service.read(current.document_id)
    VitalsService(region.synced.cache, clinician_access(region.synced.cache)).record(
        patient.id,
        {Vital.HEART_RATE: (64.0,)},
        effective_at=NOW - timedelta(hours=1),
        performer="Inf. Neri",
    )
    draft = region.service.start_draft(patient.id, now=NOW)
    assert draft.version == published.version + 1
    assert draft.replaced_id == published.document_id
    assert draft.problems == published.problems
    assert any(v.code.code == "8867-4" and v.value == 64.0 for v in draft.vital_signs)
    assert validate_pss(draft, TODAY + timedelta(days=1)) == []


def test_a_patient_without_pss_gets_version_one(region: PssRegion) -> None:
    draft = region.service.start_draft(region.without_pss().id, now=NOW)
    assert draft.version == 1 and draft.set_id == draft.document_id


def test_without_author_details_the_service_says_what_to_configure(region: PssRegion) -> None:
    bare = PssService(region.synced.cache, region.synced.service)
    with pytest.raises(ConfigError, match="given_name"):
        bare.start_draft(region.with_versions(1).id, now=NOW)


def test_the_user_section_carries_the_author_details(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '[region]\nfhir_base_url = "https://fse.example.it/fhir"\n'
        '[user]\nprofile = "rossi"\ndisplay_name = "Dott. Mario Rossi"\n'
        'codice_fiscale = "rssmra70a01a944g"\nrole = "MMG"\ngiven_name = "Mario"\n'
        'family_name = "Rossi"\nphone = "+39 051 6543210"\nemail = "m.rossi@example.it"\n'
        'organization_id = "080105-MMG"\norganization_name = "Studio medico Rossi"\n',
        encoding="utf-8",
    )
    user = load_config(path, data_dir=tmp_path).user
    assert user is not None
    assert (user.given_name, user.family_name) == ("Mario", "Rossi")
    assert user.telecom == ("tel:+390516543210", "mailto:m.rossi@example.it")
    assert (user.organization_id, user.organization_name) == ("080105-MMG", "Studio medico Rossi")
    signer = _signer(user)
    assert signer is not None and signer.author.telecom == user.telecom
    assert _signer(replace(user, organization_name="")) is None  # no PSS editing, no crash
