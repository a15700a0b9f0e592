"""The permission matrix, cell by cell, through the core services (never the UI).

The expected policy is written out again here, as a grid a reviewer can read,
rather than read back from ``fse_desk.security.permissions``: a change to the
matrix must be made in both places, on purpose.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from fse_desk.audit import AccessControl
from fse_desk.connectors.fhir_client import FhirClient
from fse_desk.domain.document import DOCUMENT_TYPES, DocumentClass
from fse_desk.domain.outbox import OutboxMethod
from fse_desk.domain.patient import Patient
from fse_desk.domain.roles import Role
from fse_desk.domain.timeline import AccessAction, Outcome, Purpose
from fse_desk.domain.vitals import Vital
from fse_desk.errors import PermissionDenied
from fse_desk.imaging.service import ImagingService
from fse_desk.outbox import OutboxService
from fse_desk.pss.service import PssService
from fse_desk.security.permissions import Action, require
from fse_desk.store import CacheStore
from fse_desk.timeline import TimelineService
from fse_desk.vitals import VitalsService
from fse_desk.workstation import Operator
from tests.fixtures_store import RecordFactory

M, P, S, N, W, A = (
    Role.MMG,
    Role.PLS,
    Role.SPECIALIST,
    Role.NURSE,
    Role.SOCIAL_WORKER,
    Role.ADMIN_STAFF,
)

# Who may do what (every other role is refused).
POLICY: dict[Action, set[Role]] = {
    Action.VIEW_TIMELINE: {M, P, S, N, W, A},
    Action.READ_DOCUMENT: {M, P, S, N, W, A},
    Action.VIEW_VITALS: {M, P, S, N},
    Action.RECORD_VITALS: {M, P, S, N},
    Action.WRITE_PSS: {M, P},
    Action.PUBLISH_PSS: {M, P},
    Action.SIGN_TELEVISIT_REPORT: {M, P, S},
    Action.VIEW_AGENDA: {M, P, S, N, W, A},
    Action.BOOK_OWN: {M, P, S, N, W},
    Action.BOOK_FOR_OTHERS: {M, P, N, A},
    Action.VIEW_TELEMONITORING: {M, P, S, N},
    Action.HANDLE_ALARMS: {M, P, S, N},
    Action.DISCARD_OUTBOX: {M, P, S, N},
    Action.VIEW_IMAGES: {M, P, S, N},
    Action.EXPORT_IMAGES: {M, P, S},
    Action.PRINT_ACCESS_REPORT: {M, P, A},
}
# Which document classes each role reads.
READS: dict[Role, set[DocumentClass]] = {
    M: set(DocumentClass),
    P: set(DocumentClass),
    S: set(DocumentClass),
    N: set(DocumentClass),
    W: {DocumentClass.ESE, DocumentClass.PRO, DocumentClass.PDC},
    A: {DocumentClass.ESE, DocumentClass.PRO},
}


def operator(role: Role) -> Operator:
    return Operator(f"Operatore {role.value}", "RSSMRA70A01A944X", role, None, "test")


def cells(action: Action) -> list[tuple[Role, bool]]:
    return [(role, role in POLICY[action]) for role in Role]


def test_the_policy_names_every_action_and_role() -> None:
    assert set(POLICY) == set(Action)
    assert set(READS) == set(Role)


KEY = bytes(range(32))


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated cache with one patient, built once and copied for each cell (fast)."""
    path = tmp_path_factory.mktemp("permissions") / "cache.sqlcipher"
    with CacheStore.open(path, KEY) as store:
        store.patients.upsert_many([RecordFactory().patient()])
    return path


@pytest.fixture
def world(template: Path, tmp_path: Path) -> Iterator[tuple[CacheStore, Patient]]:
    path = tmp_path / "cache.sqlcipher"
    shutil.copyfile(template, path)
    with CacheStore.open(path, KEY) as store:
        [patient] = store.patients.search("", limit=1)
        yield store, patient


def _type_of(doc_class: DocumentClass) -> str:
    return next(code for code, t in DOCUMENT_TYPES.items() if t.doc_class is doc_class)


def _denied_audited(store: CacheStore, patient: Patient, action: AccessAction) -> bool:
    return any(
        r.action is action and r.outcome is Outcome.DENIED
        for r in store.audit.for_patient(patient.id)
    )


# -- reading documents, class by class ---------------------------------------------------
@pytest.mark.parametrize("doc_class", list(DocumentClass), ids=lambda c: c.value)
@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_reading_each_document_class(
    world: tuple[CacheStore, Patient], role: Role, doc_class: DocumentClass
) -> None:
    store, patient = world
    doc = RecordFactory().document(
        patient, type_code=_type_of(doc_class), content_type="text/plain"
    )
    store.documents.upsert_many([doc])
    store.bodies.put(doc.id, "text/plain", b"referto")
    service = TimelineService(store, FhirClient("http://127.0.0.1:9"), operator(role))
    listed = [e.id for e in service.view(patient.id).entries]
    if doc_class in READS[role]:
        assert service.open_document(doc.id).data == b"referto"
        assert listed == [doc.id]
        assert service.access_log(patient.id)[-1].action is AccessAction.OPEN_DOCUMENT
    else:
        with pytest.raises(PermissionDenied, match=f"of class {doc_class.value}"):
            service.open_document(doc.id)
        assert listed == []  # not even listed
        assert _denied_audited(store, patient, AccessAction.OPEN_DOCUMENT)


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_lab_trends_follow_the_reading_of_reports(
    world: tuple[CacheStore, Patient], role: Role
) -> None:
    store, patient = world
    service = TimelineService(store, FhirClient("http://127.0.0.1:9"), operator(role))
    if DocumentClass.REF in READS[role]:
        assert service.lab_series(patient.id, "2345-7").points == ()
    else:
        with pytest.raises(PermissionDenied):
            service.lab_series(patient.id, "2345-7")
        assert _denied_audited(store, patient, AccessAction.VIEW_LAB_TREND)


# -- vitals --------------------------------------------------------------------------------
@pytest.mark.parametrize(("role", "ok"), cells(Action.RECORD_VITALS), ids=lambda c: str(c))
def test_recording_vitals(world: tuple[CacheStore, Patient], role: Role, ok: bool) -> None:
    store, patient = world
    service = VitalsService(store, AccessControl(store, operator(role)))
    when = datetime.now(UTC) - timedelta(minutes=5)

    def record() -> object:
        return service.record(
            patient.id, {Vital.HEART_RATE: (72.0,)}, effective_at=when, performer="x"
        )

    if ok:
        record()
        assert store.outbox.count_pending() == 1
    else:
        with pytest.raises(PermissionDenied):
            record()
        assert store.outbox.count_pending() == 0
        assert _denied_audited(store, patient, AccessAction.RECORD_VITALS)


@pytest.mark.parametrize(("role", "ok"), cells(Action.VIEW_VITALS), ids=lambda c: str(c))
def test_viewing_vitals(world: tuple[CacheStore, Patient], role: Role, ok: bool) -> None:
    store, patient = world
    service = VitalsService(store, AccessControl(store, operator(role)))
    if ok:
        assert service.recent(patient.id) == []
    else:
        with pytest.raises(PermissionDenied):
            service.recent(patient.id)


# -- the outbox ------------------------------------------------------------------------------
@pytest.mark.parametrize(("role", "ok"), cells(Action.DISCARD_OUTBOX), ids=lambda c: str(c))
def test_discarding_outbox_entries(world: tuple[CacheStore, Patient], role: Role, ok: bool) -> None:
    store, patient = world
    with store.transaction():
        entry = store.outbox.enqueue(
            resource_type="Observation",
            resource_id="obs-1",
            method=OutboxMethod.CREATE,
            payload={"resourceType": "Observation"},
            description="72 /min",
            patient_id=patient.id,
        )
    service = OutboxService(store, AccessControl(store, operator(role)), lambda: None)
    if ok:
        service.discard(entry)
        assert store.outbox.count_pending() == 0
    else:
        with pytest.raises(PermissionDenied):
            service.discard(entry)
        assert store.outbox.count_pending() == 1  # nothing lost
        assert _denied_audited(store, patient, AccessAction.DISCARD_OUTBOX)


# -- images ---------------------------------------------------------------------------------
def _imaging(store: CacheStore, role: Role) -> ImagingService:
    return ImagingService(
        documents=lambda _p: [],
        document_body=lambda _d: ("", b""),
        access=AccessControl(store, operator(role)),
    )


@pytest.mark.parametrize(("role", "ok"), cells(Action.EXPORT_IMAGES), ids=lambda c: str(c))
def test_exporting_images(
    world: tuple[CacheStore, Patient], tmp_path: Path, role: Role, ok: bool
) -> None:
    store, patient = world
    export = _imaging(store, role).export_anonymised([], tmp_path / "out", patient_id=patient.id)
    if ok:
        with pytest.raises(StopIteration):
            while True:
                next(export)
        assert store.audit.for_patient(patient.id)[-1].action is AccessAction.EXPORT_IMAGES
    else:
        with pytest.raises(PermissionDenied):
            next(export)
        assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("role", "ok"), cells(Action.VIEW_IMAGES), ids=lambda c: str(c))
def test_listing_studies(world: tuple[CacheStore, Patient], role: Role, ok: bool) -> None:
    store, patient = world
    studies = _imaging(store, role).studies(patient)
    if ok:
        next(studies)
        assert store.audit.for_patient(patient.id)[-1].action is AccessAction.VIEW_STUDIES
    else:
        with pytest.raises(PermissionDenied):
            next(studies)


# -- the PSS ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("role", "ok"), cells(Action.WRITE_PSS), ids=lambda c: str(c))
def test_pss_suggestions(world: tuple[CacheStore, Patient], role: Role, ok: bool) -> None:
    store, patient = world
    pss = PssService(
        store, TimelineService(store, FhirClient("http://127.0.0.1:9"), operator(role))
    )
    if ok:
        pss.suggest(patient.id, None)
    else:
        with pytest.raises(PermissionDenied):
            pss.suggest(patient.id, None)
        assert _denied_audited(store, patient, AccessAction.PSS_SUGGESTIONS)


@pytest.mark.parametrize(("role", "ok"), cells(Action.PUBLISH_PSS), ids=lambda c: str(c))
def test_publishing_the_pss(role: Role, ok: bool) -> None:
    allowed, _reason = PssService.can_publish(operator(role))
    assert allowed is ok


# -- actions whose services land with telemonitoring, the agenda and televisits --------------
@pytest.mark.parametrize(
    "action",
    [
        Action.SIGN_TELEVISIT_REPORT,
        Action.VIEW_AGENDA,
        Action.BOOK_OWN,
        Action.BOOK_FOR_OTHERS,
        Action.VIEW_TELEMONITORING,
        Action.HANDLE_ALARMS,
        Action.PRINT_ACCESS_REPORT,
        Action.VIEW_TIMELINE,
    ],
    ids=lambda a: a.value,
)
@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_actions_through_the_access_control(
    world: tuple[CacheStore, Patient], action: Action, role: Role
) -> None:
    store, patient = world
    access = AccessControl(store, operator(role))
    if role in POLICY[action]:
        access.require(action, patient.id, audit_as=AccessAction.HANDLE_ALARM)
        assert store.audit.count() == 0  # a permitted check is not an access by itself
    else:
        with pytest.raises(PermissionDenied, match=f"may not {action.value}"):
            access.require(action, patient.id, audit_as=AccessAction.HANDLE_ALARM)
        assert _denied_audited(store, patient, AccessAction.HANDLE_ALARM)


# -- purpose of use --------------------------------------------------------------------------
@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_purpose_of_use(world: tuple[CacheStore, Patient], role: Role) -> None:
    store, patient = world
    access = AccessControl(store, operator(role))
    assert access.purpose is Purpose.TREATMENT  # the default for everyone
    access.record(patient.id, AccessAction.VIEW_TIMELINE)
    assert store.audit.for_patient(patient.id)[-1].purpose is Purpose.TREATMENT
    if role in {M, P, S, N}:
        access.set_purpose(Purpose.EMERGENCY)
        access.record(patient.id, AccessAction.VIEW_TIMELINE)
        assert store.audit.for_patient(patient.id)[-1].purpose is Purpose.EMERGENCY
    else:
        with pytest.raises(PermissionDenied, match="purpose EMERGENCY"):
            access.set_purpose(Purpose.EMERGENCY)
        assert access.purpose is Purpose.TREATMENT


def test_a_denial_names_role_and_action() -> None:
    with pytest.raises(PermissionDenied) as caught:
        require(operator(Role.SOCIAL_WORKER), Action.READ_DOCUMENT, doc_class=DocumentClass.REF)
    assert (caught.value.role, caught.value.action, caught.value.doc_class) == (
        "ASSISTENTE_SOCIALE",
        "read_document",
        "REF",
    )


def test_gateway_subject_role_comes_from_the_role() -> None:
    assert {r: r.subject_role for r in Role} == {
        M: "APR",
        P: "APR",
        S: "AAS",
        N: "INF",
        W: "PSS",
        A: "OAM",
    }
