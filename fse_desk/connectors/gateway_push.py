"""Outbox entries that publish a signed document through the FSE 2.0 gateway (``PUBLISH``).

The payload (:class:`PublishRequest`) holds the signed PDF as it was signed, the
publication fields and, for a new version, the ``identificativoDoc`` it replaces.
Sending one entry:

1. validate (activity VALIDATION) → ``workflowInstanceId``;
2. publish, or replace the earlier version, quoting that workflow → 202;
3. the workflow id of the 202 is committed on the entry at once (state ``awaiting``);
4. the outcome, by the production flow of the integration guide: the document found
   ``current`` on the regional FSE by its ``identificativoDoc`` → sent (blocking errors
   come back synchronously, as the 4xx of step 1 or 2); not there yet → the entry stays
   ``awaiting`` and the next round looks again. Only against the region's validation
   environment (``status_endpoint``), which alone has ``GET /status/{workflowInstanceId}``,
   is the workflow followed there until it finishes: SEND_TO_INI done → sent; a
   BLOCKING_ERROR event → error with the event's message; not finished in time → awaiting.

Exactly once: ``identificativoDoc`` is chosen at queue time and the PDF never changes,
so a publication resent after a lost 202 (or a crash before step 3) is recognised by
the gateway, which answers the first workflow. A replacement resent after a lost 202
finds its target already superseded (404); the new document is then looked up on the
FHIR server by its identifier, and finding it means the first attempt landed.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from fse_desk.connectors.fhir_client import FhirClient
from fse_desk.connectors.gateway import EventStatus, GatewayClient, Publication, WorkflowStatus
from fse_desk.connectors.gateway_jwt import PurposeOfUse
from fse_desk.domain.outbox import PROBLEM_KEY, WORKFLOW_KEY, OutboxEntry
from fse_desk.errors import ConfigError, ConnectorTimeout, GatewayError, InvalidResponse
from fse_desk.store import CacheStore
from fse_desk.store.outbox import SendResult

Connect = Callable[[], GatewayClient]
NO_GATEWAY = (
    'no FSE gateway is configured: add gateway_base_url = "https://…/v1" to the '
    "[region] section to publish documents"
)


@dataclass(frozen=True, slots=True)
class PublishRequest:
    """What a ``PUBLISH`` entry sends: the signed PDF, its publication, what it replaces."""

    pdf: bytes
    publication: Publication
    replaces: str | None = None  # identificativoDoc of the version this one replaces

    def payload(self) -> dict[str, Any]:
        values = {f.name: getattr(self.publication, f.name) for f in fields(Publication)}
        values["data_inizio_prestazione"] = self.publication.data_inizio_prestazione.isoformat()
        values["atti_clinici_regole_accesso"] = list(self.publication.atti_clinici_regole_accesso)
        return {
            "pdf": base64.b64encode(self.pdf).decode("ascii"),
            "publication": values,
            "replaces": self.replaces,
            WORKFLOW_KEY: None,
        }

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> PublishRequest:
        values = dict(payload["publication"])
        values["data_inizio_prestazione"] = datetime.fromisoformat(
            values["data_inizio_prestazione"]
        )
        values["atti_clinici_regole_accesso"] = tuple(values["atti_clinici_regole_accesso"])
        return cls(base64.b64decode(payload["pdf"]), Publication(**values), payload.get("replaces"))


@dataclass(frozen=True, slots=True)
class Refused:
    """The gateway refused the entry for good; ``reason`` is what the user reads."""

    reason: str


@dataclass(frozen=True, slots=True)
class Awaiting:
    """Accepted, outcome not known yet: polled again next round."""

    workflow_instance_id: str


class GatewayPublisher:
    """Sends ``PUBLISH`` entries; the gateway client is opened on the first one."""

    def __init__(
        self,
        store: CacheStore,
        fhir: FhirClient,
        connect: Connect,
        *,
        follow_timeout_s: float,
        status_endpoint: bool = False,
    ) -> None:
        self._status_endpoint = status_endpoint
        self._store = store
        self._fhir = fhir
        self._connect = connect
        self._follow_timeout_s = follow_timeout_s
        self._client: GatewayClient | None = None

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def send(self, entry: OutboxEntry) -> SendResult | Refused | Awaiting:
        """Send or follow ``entry``. Transport and credential errors propagate."""
        request = PublishRequest.from_payload(entry.payload)
        if self._client is None:
            self._client = self._connect()
        workflow = entry.payload.get(WORKFLOW_KEY)
        try:
            if not workflow:
                workflow = self._submit(self._client, request)
                if workflow is None:  # a replacement that had already landed
                    return self._sent(entry, request.publication.identificativo_doc)
                self._store.outbox.mark_awaiting(entry.id, workflow)
            if not self._status_endpoint:
                return self._outcome_on_fse(entry, request, workflow)
            last = self._follow(self._client, workflow)
        except GatewayError as exc:
            return self._refused(entry, exc)
        if last is None:
            self._store.outbox.mark_awaiting(entry.id, workflow)
            return Awaiting(workflow)
        if last.failed:
            event = next(e for e in last.events if e.status is EventStatus.BLOCKING_ERROR)
            reason = event.message or f"{event.event_type}: BLOCKING_ERROR"
            self._store.outbox.mark_error(entry.id, reason, {WORKFLOW_KEY: None})
            return Refused(reason)
        published = next(
            (e.document_id for e in last.events if e.document_id),
            request.publication.identificativo_doc,
        )
        return self._sent(entry, published)

    def _submit(self, client: GatewayClient, request: PublishRequest) -> str | None:
        """Validate, then publish or replace; the 202's workflow id (None: already replaced)."""
        pdf, publication = request.pdf, request.publication
        checked = client.validate(
            pdf,
            publication.patient_cf,
            patient_consent=publication.patient_consent,
            resource_hl7_type=publication.resource_hl7_type,
            purpose=PurposeOfUse(publication.purpose_of_use),
        )
        try:
            if request.replaces:
                receipt = client.replace(
                    request.replaces,
                    pdf,
                    publication,
                    workflow_instance_id=checked.workflow_instance_id,
                )
            else:
                receipt = client.publish(
                    pdf, publication, workflow_instance_id=checked.workflow_instance_id
                )
        except GatewayError as exc:
            if (
                request.replaces
                and exc.status == 404
                and self._published(publication.identificativo_doc)
            ):
                return None
            raise
        workflow = receipt.workflow_instance_id or checked.workflow_instance_id
        if not workflow:
            raise InvalidResponse(
                f"the gateway accepted {publication.identificativo_doc} "
                "without a workflowInstanceId",
                url=client.base_url,
            )
        return workflow

    def _outcome_on_fse(
        self, entry: OutboxEntry, request: PublishRequest, workflow: str
    ) -> SendResult | Awaiting:
        """Production: sent once the document is on the regional FSE, else awaiting."""
        id_doc = request.publication.identificativo_doc
        if self._published(id_doc):
            return self._sent(entry, id_doc)
        return Awaiting(workflow)

    def _follow(self, client: GatewayClient, workflow: str) -> WorkflowStatus | None:
        """The finished status, or None when it did not finish within the follow timeout."""
        try:
            polls = list(client.follow(workflow, timeout_s=self._follow_timeout_s))
        except ConnectorTimeout:
            return None
        return polls[-1]

    def _published(self, id_doc: str) -> bool:
        root, _, extension = id_doc.partition("^")
        found = self._fhir.search(
            "DocumentReference", {"identifier": f"urn:oid:{root}|{extension}"}
        )
        return any(r.get("status") == "current" for r in found)

    def _refused(self, entry: OutboxEntry, exc: GatewayError) -> Refused:
        reason = exc.detail or exc.title or str(exc)
        problem = {"type": exc.problem_type, "title": exc.title, "status": exc.status}
        # A retry by the user starts over (the gateway recognises what it already holds).
        self._store.outbox.mark_error(entry.id, reason, {PROBLEM_KEY: problem, WORKFLOW_KEY: None})
        return Refused(reason)

    @staticmethod
    def _sent(entry: OutboxEntry, identificativo_doc: str) -> SendResult:
        return SendResult(entry.id, entry.resource_type, entry.resource_id, identificativo_doc, "")


def no_gateway() -> GatewayClient:
    """The :data:`Connect` of a workstation without a gateway."""
    raise ConfigError(NO_GATEWAY)
