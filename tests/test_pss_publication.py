"""Publishing the PSS through the outbox and the sandbox gateway, over real HTTP: queued
signed (also offline), sent exactly once, followed to the end, refusals kept with why."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import httpx
import pytest

from fse_desk._types import DocumentId
from fse_desk.connectors.gateway import GatewayClient
from fse_desk.connectors.gateway_push import PublishRequest
from fse_desk.connectors.push import OutboxPusher, PushSummary
from fse_desk.connectors.sync import SyncEngine
from fse_desk.domain.outbox import OutboxMethod, OutboxState
from fse_desk.domain.patient import ConsentState
from fse_desk.domain.roles import Role
from fse_desk.domain.vitals import Vital
from fse_desk.errors import (
    CertificateError,
    ConfigError,
    ServerUnavailable,
)
from fse_desk.progress import drive
from fse_desk.pss.cda_writer import write_cda
from fse_desk.pss.drafting import new_document_id
from fse_desk.pss.errors import PssNotPublishable, PublishNotAllowed, PublishRefusal
from fse_desk.pss.model import new_version
from fse_desk.pss.publication import PssPublisher
from fse_desk.pss.refresh import FindingsIndexer
from fse_desk.pss.service import PssService
from fse_desk.store import CacheStore
from fse_desk.timeline import TimelineService
from fse_desk.workstation import Operator, Workstation
from fse_desk_sandbox import SandboxServer
from fse_desk_sandbox.gateway import configure_environment, trust_certificate_authority
from fse_desk_sandbox.region import DEMO_MMG_CF, DEMO_MMG_ID, DEMO_MMG_NAME
from fse_desk_sandbox.region.pss import DEMO_SIGNER
from tests.fixtures_region import LiveRegion
from tests.pss_publication_support import (
    completed,
    consenting,
    entry,
    first_version,
    gateway_url,
    mmg_fixture,  # noqa: F401  (fixture)
    on_server,
    open_mmg,
)
from tests.test_gateway_support import (  # noqa: F401  (fixtures)
    ROME,
    operator_fixture,
    signed_pdf,
    stranger_fixture,
)
from tests.test_gateway_support import Operator as Certified
from tests.test_pss_support import minimal_pss


def test_queued_offline_it_reaches_the_fse_once_when_the_server_is_back(
    mmg: Workstation, live_region: LiveRegion
) -> None:
    patient = consenting(mmg, with_pss=True)
    # The current version is fetched and carried over; the doctor completes the posology.
    draft = completed(mmg.pss.start_draft(patient.id))
    mmg.pss.save_draft(patient.id, draft)
    port, fhir = live_region.server.port, live_region.server.base_url
    live_region.server.stop()  # on the road: no signal from here on

    entry_id = mmg.pss.queue_publication(patient.id, draft)
    assert mmg.pss.draft(patient.id, draft.author.cf) is None
    queued = entry(mmg, entry_id)
    assert (queued.state, queued.method, queued.attempts) == (
        OutboxState.PENDING,
        OutboxMethod.PUBLISH,
        0,
    )
    assert queued.description == f"PSS version {draft.version} of {patient.display_name}"
    assert mmg.status.outbox_pending == 1
    with pytest.raises(ServerUnavailable):
        mmg.sync()
    assert (entry(mmg, entry_id).state, entry(mmg, entry_id).attempts) == (
        OutboxState.PENDING,
        0,
    )  # nothing reached the server; nobody is penalised

    back = SandboxServer(live_region.store, port=port).start()
    try:
        assert on_server(fhir, draft.full_id) == []
        report = mmg.sync()
        assert (report.pushed.sent, report.pushed.refused) == (1, 0)
        assert entry(mmg, entry_id).state is OutboxState.SENT
        [published] = on_server(fhir, draft.full_id)
        assert published["status"] == "current"
        assert published["subject"]["reference"] == f"Patient/{patient.id}"
        [old] = on_server(fhir, f"{draft.id_root}^{draft.replaced_id}")
        assert old["status"] == "superseded"
        current = next(v for v in mmg.pss.history(patient.id) if v.current)
        assert current.document_id == published["id"]  # pulled into the cache by the sync
        assert mmg.pss.read(current.document_id).document_id == draft.document_id
        assert mmg.status.outbox_pending == 0
    finally:
        back.stop()


def test_a_first_version_and_its_replacement_go_out_in_order(
    mmg: Workstation, live_region: LiveRegion
) -> None:
    fhir = live_region.server.base_url
    patient = consenting(mmg, with_pss=False)
    v1 = first_version(mmg, patient)
    v2 = new_version(v1, document_id=new_document_id(), effective_time=datetime.now(ROME))
    ids = [mmg.pss.queue_publication(patient.id, v) for v in (v1, v2)]

    report = mmg.sync()
    assert report.pushed.sent == 2
    assert [entry(mmg, i).state for i in ids] == [OutboxState.SENT, OutboxState.SENT]
    [old] = on_server(fhir, v1.full_id)
    [new] = on_server(fhir, v2.full_id)
    assert (old["status"], new["status"]) == ("superseded", "current")
    assert new["relatesTo"] == [
        {"code": "replaces", "target": {"reference": f"DocumentReference/{old['id']}"}}
    ]
    published = mmg.pss.read(DocumentId(new["id"]))
    assert (published.version, published.replaced_id, published.set_id) == (
        2,
        v1.document_id,
        v1.set_id,
    )  # RPLC to version 1, same setId


def test_in_production_the_outcome_is_read_from_the_fse_never_from_the_status_endpoint(
    mmg: Workstation, live_region: LiveRegion
) -> None:
    configure_environment(live_region.store, validation=False)  # no GET /status there
    status = httpx.get(gateway_url(live_region) + "/status/any")
    assert status.status_code == 404
    patient = consenting(mmg, with_pss=False)
    v1 = first_version(mmg, patient)
    entry_id = mmg.pss.queue_publication(patient.id, v1)

    assert mmg.sync().pushed.sent == 1
    assert entry(mmg, entry_id).state is OutboxState.SENT
    [published] = on_server(live_region.server.base_url, v1.full_id)
    assert published["status"] == "current"


def test_a_certificate_the_gateway_does_not_trust_leaves_the_entry_in_error(
    tmp_path: Path, live_region: LiveRegion, stranger: Certified
) -> None:
    fhir = live_region.server.base_url
    workstation = open_mmg(tmp_path / "mmg", live_region, stranger.credentials)
    try:
        workstation.sync()
        patient = consenting(workstation, with_pss=False)
        draft = first_version(workstation, patient)
        entry_id = workstation.pss.queue_publication(patient.id, draft)
        report = workstation.sync()
        assert (report.pushed.sent, report.pushed.refused) == (0, 1)
        refused = entry(workstation, entry_id)
        assert refused.state is OutboxState.ERROR
        assert "CA" in refused.last_error  # the gateway's own detail, kept for the user
        problem = refused.payload["problem"]
        assert (problem["type"], problem["status"]) == ("/msg/jwt-validation", 403)
        assert problem["title"]
        assert on_server(fhir, draft.full_id) == []
    finally:
        workstation.close()


def test_a_document_id_already_published_with_other_content_is_refused(
    mmg: Workstation, live_region: LiveRegion, operator: Certified
) -> None:
    fhir = live_region.server.base_url
    patient = consenting(mmg, with_pss=False)
    draft = first_version(mmg, patient)
    entry_id = mmg.pss.queue_publication(patient.id, draft)
    request = PublishRequest.from_payload(entry(mmg, entry_id).payload)
    other_pdf = signed_pdf(write_cda(draft), operator.credentials)  # another layout
    assert other_pdf != request.pdf
    with GatewayClient(gateway_url(live_region), operator.credentials) as gateway:
        gateway.publish(other_pdf, request.publication)  # someone else used the id first

    assert mmg.sync().pushed.refused == 1
    refused = entry(mmg, entry_id)
    assert refused.state is OutboxState.ERROR
    assert "già pubblicato con un altro contenuto" in refused.last_error
    assert refused.payload["problem"]["type"] == "/msg/ini-error"
    assert len(on_server(fhir, draft.full_id)) == 1  # only the other one


def test_a_nurse_may_not_publish_and_her_syncs_never_need_a_certificate(
    region_workstation: Workstation,
) -> None:
    nurse = region_workstation
    nurse.sync()
    patient = nurse.search_patients("")[0]
    with pytest.raises(PublishNotAllowed, match="may not publish the PSS") as refused:
        nurse.pss.queue_publication(patient.id, minimal_pss())
    assert refused.value.refusal is PublishRefusal.NOT_MMG_OR_PLS
    assert nurse.outbox.entries(include_closed=True) == []
    with pytest.raises(CertificateError):
        nurse.signing_credentials()  # none configured: the gateway client is never opened
    nurse.vitals.record(
        patient.id,
        {Vital.HEART_RATE: (72.0,)},
        effective_at=datetime.now(ROME),
        performer=nurse.operator.display_name,
        note="",
    )
    assert nurse.sync().pushed.sent == 1


def test_an_incomplete_draft_is_not_publishable_and_names_the_fields(mmg: Workstation) -> None:
    patient = consenting(mmg, with_pss=False)
    draft = mmg.pss.start_draft(patient.id)  # version 1, every required section still empty
    mmg.pss.save_draft(patient.id, draft)
    with pytest.raises(PssNotPublishable, match="cannot be published") as refused:
        mmg.pss.queue_publication(patient.id, draft)
    fields = {p.field for p in refused.value.problems}
    assert {"allergies", "therapies", "problems", "family_history"} <= fields
    assert mmg.outbox.entries(include_closed=True) == []
    assert mmg.pss.draft(patient.id, draft.author.cf) is not None  # the doctor's work is kept


def test_a_draft_about_another_patient_is_not_publishable_for_this_one(mmg: Workstation) -> None:
    patient = consenting(mmg, with_pss=False)
    other = next(
        p
        for p in mmg.search_patients("", limit=1000)
        if p.consent is ConsentState.GRANTED and p.id != patient.id
    )
    # Complete and publishable, except that its header names someone else.
    draft = replace(first_version(mmg, patient), patient=mmg.pss.start_draft(other.id).patient)
    with pytest.raises(PssNotPublishable) as refused:
        mmg.pss.queue_publication(patient.id, draft)
    assert [(p.code, p.field) for p in refused.value.problems] == [
        ("patient.mismatch", "patient.cf")
    ]
    assert mmg.outbox.entries(include_closed=True) == []


def test_without_a_gateway_publishing_says_what_to_configure(
    tmp_path: Path, live_region: LiveRegion, operator: Certified
) -> None:
    workstation = open_mmg(tmp_path / "mmg", live_region, operator.credentials, gateway=False)
    try:
        workstation.sync()
        patient = consenting(workstation, with_pss=False)
        with pytest.raises(ConfigError, match="gateway_base_url"):
            workstation.pss.queue_publication(patient.id, first_version(workstation, patient))
        assert workstation.gateway_base_url is None
        assert workstation.outbox.entries(include_closed=True) == []
    finally:
        workstation.close()


# -- the pusher itself, on a cache synced from the region ------------------------------------

DOCTOR = Operator(DEMO_MMG_NAME, DEMO_MMG_CF, Role.MMG, DEMO_MMG_ID, "test", signer=DEMO_SIGNER)


class Desk:
    """The MMG's cache and PSS service, and a pusher whose gateway client the test shapes."""

    def __init__(self, cache: CacheStore, region: LiveRegion, operator: Certified) -> None:
        self.cache, self.region, self.operator = cache, region, operator
        self.fhir = region.server.base_url
        drive(SyncEngine(cache, region.client, practitioner_id=DEMO_MMG_ID).pull())
        self.pss = PssService(
            cache,
            TimelineService(cache, region.client, DOCTOR, read_findings=FindingsIndexer()),
            signer=DEMO_SIGNER,
            operator=DOCTOR,
            publisher=PssPublisher(cache, lambda: operator.credentials, gateway_url(region)),
        )

    def gateway(self, transport: httpx.BaseTransport | None = None) -> GatewayClient:
        return GatewayClient(
            gateway_url(self.region), self.operator.credentials, transport=transport
        )

    def push(
        self, *, follow_timeout_s: float = 30.0, transport: httpx.BaseTransport | None = None
    ) -> PushSummary:
        pusher = OutboxPusher(
            self.cache,
            self.region.client,
            follow_timeout_s=follow_timeout_s,
            gateway=lambda: self.gateway(transport),
            gateway_status=True,  # these follow the workflow: the validation environment
        )
        return drive(pusher.push())

    def queue(self, *, with_pss: bool) -> tuple[int, str]:
        """Queue the next version of a consenting patient's PSS; (entry id, identificativoDoc)."""
        patient = next(
            p
            for p in self.cache.patients.search("", limit=1000)
            if p.consent is ConsentState.GRANTED and bool(self.pss.history(p.id)) is with_pss
        )
        draft = completed(self.pss.start_draft(patient.id))
        if not with_pss:  # version 1: the doctor states the required sections empty
            draft = replace(
                draft,
                no_known_allergies=True,
                no_current_therapy=True,
                no_problems=True,
                family_history_negative=True,
            )
        return self.pss.queue_publication(patient.id, draft), draft.full_id


@pytest.fixture
def desk(cache: CacheStore, live_region: LiveRegion, operator: Certified) -> Desk:
    trust_certificate_authority(live_region.store, operator.ca)
    return Desk(cache, live_region, operator)


@pytest.mark.parametrize("with_pss", [False, True], ids=["publication", "replacement"])
def test_a_crash_after_the_202_does_not_publish_twice(desk: Desk, with_pss: bool) -> None:
    entry_id, id_doc = desk.queue(with_pss=with_pss)
    queued = desk.cache.outbox.get(entry_id)
    assert queued is not None
    request = PublishRequest.from_payload(queued.payload)
    # The first attempt reached the gateway; the process died before recording the 202.
    desk.cache.outbox.mark_sending([entry_id])
    with desk.gateway() as gateway:
        wid = gateway.validate(
            request.pdf,
            request.publication.patient_cf,
            patient_consent=request.publication.patient_consent,
        ).workflow_instance_id
        if request.replaces:
            lost = gateway.replace(
                request.replaces, request.pdf, request.publication, workflow_instance_id=wid
            )
        else:
            lost = gateway.publish(request.pdf, request.publication, workflow_instance_id=wid)
    assert lost.status == 202

    summary = desk.push()
    assert (summary.sent, summary.refused, summary.retrying) == (1, 0, 0)
    sent = desk.cache.outbox.get(entry_id)
    assert sent is not None and sent.state is OutboxState.SENT
    assert len(on_server(desk.fhir, id_doc)) == 1
    if not with_pss:  # the gateway recognised the retry and answered the first workflow
        assert sent.payload["workflowInstanceId"] == lost.workflow_instance_id
    assert desk.cache.outbox.server_ref("PSS", sent.resource_id) == (id_doc, "")


def test_a_workflow_not_finished_in_time_is_polled_again_next_round(desk: Desk) -> None:
    entry_id, id_doc = desk.queue(with_pss=False)
    first = desk.push(follow_timeout_s=0)  # the sandbox finishes one poll later
    assert (first.sent, first.awaiting) == (0, 1)
    awaiting = desk.cache.outbox.get(entry_id)
    assert awaiting is not None and awaiting.state is OutboxState.AWAITING
    assert awaiting.payload["workflowInstanceId"]
    assert len(on_server(desk.fhir, id_doc)) == 1  # published; only the outcome is missing

    second = desk.push()
    assert (second.sent, second.awaiting) == (1, 0)
    sent = desk.cache.outbox.get(entry_id)
    assert sent is not None and sent.state is OutboxState.SENT
    assert sent.payload["workflowInstanceId"] == awaiting.payload["workflowInstanceId"]
    assert len(on_server(desk.fhir, id_doc)) == 1


def _status_answered_by(answer: Callable[[httpx.Request], httpx.Response]) -> httpx.MockTransport:
    """The real sandbox for every call but ``/status``, which ``answer`` gives: for the edges
    the sandbox cannot produce between a 202 and its workflow's end."""
    real = httpx.HTTPTransport()

    def handler(request: httpx.Request) -> httpx.Response:
        if "/status/" in request.url.path:
            return answer(request)
        return real.handle_request(request)

    return httpx.MockTransport(handler)


def test_a_blocking_error_in_the_workflow_marks_the_entry_in_error(desk: Desk) -> None:
    events = [
        {"eventType": "VALIDATION", "eventStatus": "SUCCESS", "eventDate": "x"},
        {
            "eventType": "SEND_TO_INI",
            "eventStatus": "BLOCKING_ERROR",
            "eventDate": "x",
            "message": "Errore di indicizzazione su INI",
        },
    ]
    blocked = _status_answered_by(
        lambda _r: httpx.Response(200, json={"traceID": "t", "transactionData": events})
    )

    entry_id, _ = desk.queue(with_pss=False)
    summary = desk.push(transport=blocked)
    assert (summary.sent, summary.refused) == (0, 1)
    failed = desk.cache.outbox.get(entry_id)
    assert failed is not None and failed.state is OutboxState.ERROR
    assert failed.last_error == "Errore di indicizzazione su INI"
    assert failed.payload["workflowInstanceId"] is None  # a retry submits it again


def test_the_connection_lost_after_the_202_keeps_the_workflow_to_poll(desk: Desk) -> None:
    def dropped(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("network unreachable", request=request)

    entry_id, id_doc = desk.queue(with_pss=True)
    first = desk.push(transport=_status_answered_by(dropped))
    assert first.stopped_early and first.sent == 0
    accepted = desk.cache.outbox.get(entry_id)
    assert accepted is not None and accepted.state is OutboxState.AWAITING
    assert accepted.attempts == 0  # nothing failed: only the outcome is unknown

    second = desk.push()  # polls the recorded workflow: no second replacement is attempted
    assert (second.sent, second.refused) == (1, 0)
    sent = desk.cache.outbox.get(entry_id)
    assert sent is not None and sent.state is OutboxState.SENT
    assert sent.payload["workflowInstanceId"] == accepted.payload["workflowInstanceId"]
    assert len(on_server(desk.fhir, id_doc)) == 1
