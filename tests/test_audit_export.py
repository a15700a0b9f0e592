"""The access log exported to the region as FHIR AuditEvents, over real HTTP.

The sandbox validates the IHE BALP shape as a real server would (422 with an
OperationOutcome for junk); the records go through the outbox, once each, and only
to a region whose CapabilityStatement lists AuditEvent create.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from fse_desk._types import DocumentId, PatientId
from fse_desk.audit import AccessControl
from fse_desk.audit.fhir_export import accepts_audit_events, audit_event, queue_audit_events
from fse_desk.connectors.fhir_client import FhirClient
from fse_desk.connectors.push import OutboxPusher, local_identifier
from fse_desk.domain.document import DocumentClass
from fse_desk.domain.roles import Role
from fse_desk.domain.timeline import AccessAction, AccessRecord, Outcome, Purpose
from fse_desk.errors import InvalidRecord, PermissionDenied, StoreError
from fse_desk.outbox import OutboxService
from fse_desk.progress import drive
from fse_desk.security.permissions import Action
from fse_desk.store import CacheStore
from fse_desk.workstation import Operator, Workstation
from fse_desk_sandbox import ResourceStore, SandboxServer
from fse_desk_sandbox.realism import Realism
from tests.fixtures_region import LiveRegion

PATIENT = PatientId("pat-audit-1")
DOCTOR = Operator("Dott.ssa Anna Verdi", "VRDNNA70A41H501X", Role.MMG, None, "test")
SOCIAL = Operator("Dott. Luca Gialli", "GLLLCU75B12F205Z", Role.SOCIAL_WORKER, None, "test")
AT = datetime(2026, 11, 20, 9, 30, 15, 250000, tzinfo=UTC)


@pytest.fixture
def region(
    sandbox_factory: Callable[..., SandboxServer],
) -> Iterator[tuple[SandboxServer, FhirClient]]:
    store = ResourceStore()
    server = sandbox_factory(store)
    client = FhirClient(server.base_url)
    yield server, client
    client.close()
    store.close()


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[CacheStore]:
    with CacheStore.open(tmp_path / "cache.sqlcipher", bytes(range(32))) as store:
        yield store


def _audit_events(client: FhirClient, **params: str) -> list[dict[str, Any]]:
    return list(client.search("AuditEvent", params))


def _push(cache: CacheStore, client: FhirClient) -> int:
    return drive(OutboxPusher(cache, client).push()).access_records


def test_access_records_reach_the_region_as_balp_audit_events(
    cache: CacheStore, region: tuple[SandboxServer, FhirClient]
) -> None:
    _server, client = region
    doctor = AccessControl(cache, DOCTOR, clock=lambda: AT)
    doctor.record(PATIENT, AccessAction.OPEN_DOCUMENT, document_id=DocumentId("doc-7"))
    doctor.record(PATIENT, AccessAction.RECORD_VITALS, resource="2 Observation")
    social = AccessControl(cache, SOCIAL, clock=lambda: AT)
    with pytest.raises(PermissionDenied):
        social.require(
            Action.READ_DOCUMENT,
            PATIENT,
            doc_class=DocumentClass.REF,
            audit_as=AccessAction.OPEN_DOCUMENT,
            document_id=DocumentId("doc-8"),
        )
    assert accepts_audit_events(client.capabilities())

    assert queue_audit_events(cache) == 3
    assert _push(cache, client) == 3

    events = _audit_events(client, patient=f"Patient/{PATIENT}")
    assert len(events) == 3
    by_doc = {_document_of(e): e for e in events}
    opened, recorded, denied = by_doc["doc-7"], by_doc[None], by_doc["doc-8"]
    assert (opened["action"], opened["outcome"]) == ("R", "0")
    assert (recorded["action"], recorded["outcome"]) == ("C", "0")
    assert (denied["action"], denied["outcome"]) == ("R", "4")
    assert opened["recorded"].startswith("2026-11-20T09:30:15.250000")
    assert opened["type"]["code"] == "rest"
    assert {"system": "urn:fse-desk:access-action", "code": "open_document"} in opened["subtype"]
    [agent] = opened["agent"]
    assert agent["who"]["identifier"]["value"] == DOCTOR.codice_fiscale
    assert agent["requestor"] is True
    assert agent["role"][0]["coding"][0]["code"] == "MMG"
    assert agent["purposeOfUse"][0]["coding"][0]["code"] == "TREAT"
    assert denied["agent"][0]["who"]["identifier"]["value"] == SOCIAL.codice_fiscale
    patient_entity = opened["entity"][0]
    assert patient_entity["what"]["reference"] == f"Patient/{PATIENT}"
    assert patient_entity["role"]["code"] == "1"
    assert recorded["entity"][1]["what"]["display"] == "2 Observation"

    # Queued once: a second round queues only what was recorded since.
    assert queue_audit_events(cache) == 0
    doctor.record(PATIENT, AccessAction.VIEW_TIMELINE)
    assert queue_audit_events(cache) == 1
    assert _push(cache, client) == 1
    assert len(_audit_events(client, patient=f"Patient/{PATIENT}")) == 4


def _document_of(event: dict[str, Any]) -> str | None:
    for entity in event["entity"]:
        reference = entity["what"].get("reference", "")
        if reference.startswith("DocumentReference/"):
            return str(reference.split("/", 1)[1])
    return None


def test_a_resend_after_a_lost_answer_finds_the_first_copy(
    cache: CacheStore, region: tuple[SandboxServer, FhirClient]
) -> None:
    _server, client = region
    AccessControl(cache, DOCTOR, clock=lambda: AT).record(PATIENT, AccessAction.VIEW_TIMELINE)
    queue_audit_events(cache)
    [entry] = cache.outbox.sendable()
    client.create(entry.payload)  # the first attempt arrived; its answer was lost
    assert _push(cache, client) == 1
    source = local_identifier(entry.resource_id)["value"]
    assert len(_audit_events(client, _source=source)) == 1
    assert len(_audit_events(client)) == 1


def test_a_region_that_does_not_list_audit_events_gets_none(
    cache: CacheStore, sandbox_factory: Callable[..., SandboxServer]
) -> None:
    store = ResourceStore(realism=Realism(refuses_audit_events=True))
    server = sandbox_factory(store)
    with FhirClient(server.base_url) as client:
        assert not accepts_audit_events(client.capabilities())
    body = audit_event(_record(), "2f0c6a52-9d1e-4a55-9d55-3b8f6f2a0c11")
    answer = httpx.post(
        f"{server.base_url}/AuditEvent",
        json=body,
        headers={"Content-Type": "application/fhir+json"},
    )
    assert answer.status_code == 404
    assert answer.json()["resourceType"] == "OperationOutcome"
    store.close()


def test_the_sandbox_stores_a_valid_audit_event_with_201_and_location(
    region: tuple[SandboxServer, FhirClient],
) -> None:
    server, _client = region
    answer = _post(server, audit_event(_record(), "7b0e0f2e-5f0f-4b8e-9a57-6a1d0b6f3c21"))
    assert answer.status_code == 201, answer.text
    assert "/AuditEvent/" in answer.headers["location"]
    assert answer.json()["meta"]["source"] == "urn:uuid:7b0e0f2e-5f0f-4b8e-9a57-6a1d0b6f3c21"


def _break_agent(e: dict[str, Any]) -> None:
    del e["agent"]


def _no_requestor(e: dict[str, Any]) -> None:
    e["agent"][0]["requestor"] = False


def _bad_action(e: dict[str, Any]) -> None:
    e["action"] = "READ"


def _local_time(e: dict[str, Any]) -> None:
    e["recorded"] = "2026-11-20T09:30:15"


def _no_patient(e: dict[str, Any]) -> None:
    e["entity"] = [x for x in e["entity"] if x["role"]["code"] != "1"]


def _bad_outcome(e: dict[str, Any]) -> None:
    e["outcome"] = "ok"


def _no_source(e: dict[str, Any]) -> None:
    del e["source"]


def _type_as_text(e: dict[str, Any]) -> None:
    e["type"] = "rest"


@pytest.mark.parametrize(
    ("damage", "element"),
    [
        (_break_agent, "AuditEvent.agent"),
        (_no_requestor, "requestor"),
        (_bad_action, "AuditEvent.action"),
        (_local_time, "AuditEvent.recorded"),
        (_no_patient, "patient role"),
        (_bad_outcome, "AuditEvent.outcome"),
        (_no_source, "AuditEvent.source"),
        (_type_as_text, "AuditEvent.type"),
    ],
)
def test_the_sandbox_refuses_junk_with_an_operation_outcome(
    region: tuple[SandboxServer, FhirClient],
    damage: Callable[[dict[str, Any]], None],
    element: str,
) -> None:
    server, client = region
    body = copy.deepcopy(audit_event(_record(), "0d9c1f7e-2a4b-4c3d-8e5f-6a7b8c9d0e1f"))
    damage(body)
    answer = _post(server, body)
    assert answer.status_code == 422
    outcome = answer.json()
    assert outcome["resourceType"] == "OperationOutcome"
    assert element in outcome["issue"][0]["diagnostics"]
    assert _audit_events(client) == []


def test_an_access_record_queued_for_the_region_cannot_be_discarded(
    cache: CacheStore,
) -> None:
    doctor = AccessControl(cache, DOCTOR, clock=lambda: AT)
    doctor.record(PATIENT, AccessAction.OPEN_DOCUMENT, document_id=DocumentId("doc-7"))
    queue_audit_events(cache)
    [entry] = cache.outbox.sendable()
    # Not one of the user's changes: neither listed nor counted, and not to be given up.
    outbox = OutboxService(cache, doctor, lambda: None)
    assert outbox.entries() == [] and outbox.pending_count() == 0
    with pytest.raises(InvalidRecord):
        outbox.discard(entry.id)
    assert cache.outbox.sendable() == [entry]


def _record() -> AccessRecord:
    return AccessRecord(
        at=AT,
        user_cf=DOCTOR.codice_fiscale,
        user_name=DOCTOR.display_name,
        role="MMG",
        patient_id=PATIENT,
        document_id=DocumentId("doc-1"),
        action=AccessAction.OPEN_DOCUMENT,
        purpose=Purpose.TREATMENT,
        outcome=Outcome.SUCCESS,
    )


def _post(server: SandboxServer, body: dict[str, Any]) -> httpx.Response:
    return httpx.post(
        f"{server.base_url}/AuditEvent",
        json=body,
        headers={"Content-Type": "application/fhir+json", "Accept": "application/fhir+json"},
    )


def test_the_workstation_sends_the_access_log_with_each_sync(
    region_workstation: Workstation, live_region: LiveRegion
) -> None:
    region_workstation.sync()
    document = next(
        d
        for p in region_workstation.search_patients("")
        for d in region_workstation.documents(p.id)
    )
    region_workstation.timeline.open_document(document.id)
    pushed = region_workstation.sync().pushed
    # Access records travel beside the doctor's changes, never counted as changes sent.
    assert (pushed.sent, pushed.errors) == (0, [])
    assert pushed.access_records >= 1  # the opening at least

    events = _audit_events(live_region.client, patient=f"Patient/{document.patient_id}")
    opened = [e for e in events if _document_of(e) == document.id]
    assert len(opened) == 1
    assert opened[0]["agent"][0]["who"]["identifier"]["value"] == "NRECRL80A41A944K"


def test_records_are_kept_locally_past_the_24_months_retention(cache: CacheStore) -> None:
    now = datetime.now(UTC)
    for months in (25, 23, 1):
        AccessControl(cache, DOCTOR, clock=_at(now - timedelta(days=31 * months))).record(
            PATIENT, AccessAction.VIEW_TIMELINE
        )
    for n in (1, 2):  # older and younger than 24 months alike: nothing removes them
        with pytest.raises(StoreError, match="not authorized"), cache._db.transaction() as conn:
            conn.execute("DELETE FROM audit_event WHERE n = ?", (n,))
    assert len(cache.audit.for_patient(PATIENT)) == 3
    assert cache.audit.verify(None).records == 3
    assert queue_audit_events(cache) == 3  # the region gets the oldest too


def _at(moment: datetime) -> Callable[[], datetime]:
    return lambda: moment
