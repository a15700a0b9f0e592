"""PssService on a cache synced from the live sandbox region over HTTP."""

from __future__ import annotations

from dataclasses import replace

import pytest

from fse_desk.connectors.sync import SyncEngine
from fse_desk.domain.patient import ConsentState
from fse_desk.domain.roles import Role
from fse_desk.errors import ConsentMissing, MalformedDocument
from fse_desk.progress import drive
from fse_desk.pss.errors import PublishRefusal
from fse_desk.pss.service import PssService
from fse_desk.store import CacheStore
from fse_desk.workstation import Operator, Workstation
from fse_desk_sandbox.region import DEMO_MMG_ID
from tests.fixtures_region import LiveRegion
from tests.pss_region_support import PssRegion
from tests.timeline_support import DOCTOR, NURSE, make_synced


@pytest.fixture
def region(live_region: LiveRegion, cache: CacheStore) -> PssRegion:
    synced = make_synced(live_region, cache)
    return PssRegion(synced, PssService(cache, synced.service))


def test_history_lists_the_cached_versions_current_first(region: PssRegion) -> None:
    patient = region.with_versions(3)
    history = region.service.history(patient.id)
    assert [v.document_id for v in history] == region.pss_ids(patient)
    assert [v.number for v in history] == [3, 2, 1]
    assert [v.current for v in history] == [True, False, False]
    assert history[0].date > history[1].date > history[2].date
    assert all(v.author == "Dott.ssa Elena Guidotti" for v in history)


def test_the_current_version_is_the_newest_whose_status_is_current(region: PssRegion) -> None:
    patient = region.with_versions(3)
    newest, *earlier = region.pss_ids(patient)
    client = region.synced.region.client
    # The newest version withdrawn in favour of the one before it (which the region
    # had marked superseded when the newest replaced it).
    client.update(dict(client.read("DocumentReference", newest), status="superseded"))
    client.update(dict(client.read("DocumentReference", earlier[0]), status="current"))
    drive(SyncEngine(region.synced.cache, client).pull())
    history = region.service.history(patient.id)
    assert [v.document_id for v in history] == [earlier[0], newest, *earlier[1:]]
    assert [v.current for v in history] == [True] + [False] * len(earlier)
    assert [v.number for v in history] == [
        len(earlier),
        len(earlier) + 1,
        *range(len(earlier) - 1, 0, -1),
    ]


def test_read_parses_the_published_cda_and_logs_the_access(region: PssRegion) -> None:
    patient = region.with_versions(2)
    current, earlier = region.service.history(patient.id)[:2]
    pss = region.service.read(current.document_id)
    assert pss == region.region_pss(current.document_id)
    assert pss.patient.cf == patient.codice_fiscale
    older = region.service.read(earlier.document_id)
    assert older.version == pss.version - 1
    assert pss.replaced_id == older.document_id and pss.set_id == older.set_id
    opened = [r.document_id for r in region.synced.service.access_log(patient.id)]
    assert opened == [current.document_id, earlier.document_id]


def test_a_body_that_is_not_a_pss_raises_malformed_document(region: PssRegion) -> None:
    patient = region.with_versions(1)
    broken = region.publish_broken_pss(patient)
    assert region.service.history(patient.id)[0].document_id == broken
    with pytest.raises(MalformedDocument, match=r"effectiveTime.*not an HL7 timestamp"):
        region.service.read(broken)


def test_patients_without_pss_or_consent(region: PssRegion) -> None:
    assert region.service.history(region.without_pss().id) == []
    denied = region.synced.patients(ConsentState.DENIED)[0]
    with pytest.raises(ConsentMissing, match="not consented"):
        region.service.history(denied.id)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.MMG, True),
        (Role.PLS, True),
        (Role.NURSE, False),
        (Role.SPECIALIST, False),
        (Role.SOCIAL_WORKER, False),
    ],
)
def test_only_mmg_and_pls_may_publish(role: Role, allowed: bool) -> None:
    operator = Operator("Test", DOCTOR.codice_fiscale, role, None, "test")
    assert PssService.can_publish(operator) == (
        (True, None) if allowed else (False, PublishRefusal.NOT_MMG_OR_PLS)
    )


def test_the_workstation_exposes_the_service(region_workstation: Workstation) -> None:
    assert region_workstation.pss.can_publish(region_workstation.operator) == (
        False,
        PublishRefusal.NOT_MMG_OR_PLS,
    )
    assert PssService.can_publish(NURSE)[0] is False


def test_the_demo_mmg_is_the_gp_of_every_synced_patient(region: PssRegion) -> None:
    patients = region.synced.cache.patients.search("", limit=1000)
    assert len(patients) == len(region.synced.region.of_type("Patient"))
    assert {p.general_practitioner_id for p in patients} == {DEMO_MMG_ID}


@pytest.mark.parametrize(
    ("role", "practitioner_id", "expected"),
    [
        (Role.MMG, DEMO_MMG_ID, (True, None)),
        (Role.PLS, DEMO_MMG_ID, (True, None)),
        (Role.MMG, "prac-mmg-other", (False, PublishRefusal.NOT_PATIENTS_GP)),
        (Role.MMG, None, (False, PublishRefusal.NOT_PATIENTS_GP)),
        (Role.MMG, "", (False, PublishRefusal.NOT_PATIENTS_GP)),
        (Role.NURSE, DEMO_MMG_ID, (False, PublishRefusal.NOT_MMG_OR_PLS)),
    ],
)
def test_only_the_patients_own_mmg_or_pls_may_publish_their_pss(
    region: PssRegion,
    role: Role,
    practitioner_id: str | None,
    expected: tuple[bool, PublishRefusal | None],
) -> None:
    operator = Operator("Test", DOCTOR.codice_fiscale, role, practitioner_id, "test")
    patient = region.with_versions(1)
    assert PssService.can_publish(operator, patient) == expected


def test_a_patient_whose_gp_is_not_known_is_refused(region: PssRegion) -> None:
    own = Operator("Test", DOCTOR.codice_fiscale, Role.MMG, DEMO_MMG_ID, "test")
    patient = replace(region.with_versions(1), general_practitioner_id="")
    assert PssService.can_publish(own, patient) == (False, PublishRefusal.NOT_PATIENTS_GP)
