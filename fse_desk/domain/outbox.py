"""Local changes waiting to reach the regional FSE (the outbox), as records."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fse_desk._types import PatientId

# Keys the gateway push adds to a PUBLISH entry's payload: the gateway's workflow id of
# the publication, and the problem+json it answered when it refused the document.
WORKFLOW_KEY = "workflowInstanceId"
PROBLEM_KEY = "problem"
# Entries of this type carry the access log to the region (fse_desk.audit.fhir_export):
# not a user's change, so not listed or counted as one, and never discarded.
ACCESS_LOG_TYPE = "AuditEvent"


class OutboxState(enum.Enum):
    PENDING = "pending"  # in attesa: waits for its turn or for the backoff to expire
    SENDING = "sending"  # in invio: a request is (or was, before a crash) in flight
    AWAITING = "awaiting"  # in attesa di esito: accepted by the FSE gateway, outcome not known
    SENT = "sent"  # inviato: the server holds it
    ERROR = "error"  # errore: refused for good (4xx); the user retries or discards
    CONFLICT = "conflict"  # conflitto: the server's version changed; the user chooses
    DISCARDED = "discarded"  # scartato by the user, kept as a record

    @property
    def open(self) -> bool:
        """Not yet on the server and not given up: counted in the status area."""
        return self in (
            OutboxState.PENDING,
            OutboxState.SENDING,
            OutboxState.AWAITING,
            OutboxState.ERROR,
            OutboxState.CONFLICT,
        )


class OutboxMethod(enum.Enum):
    CREATE = "create"  # conditional create on the resource's client-generated identifier
    UPDATE = "update"  # update with If-Match on the version it was based on
    PUBLISH = "publish"  # a signed document through the FSE 2.0 gateway (fse/gateway_push.py)


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    """One change to push. ``group`` orders entries: those of one group go in
    order (the second update of a resource never overtakes the first); different
    groups are independent, so one blocked entry does not hold the others."""

    id: int
    created_at: datetime
    resource_type: str
    resource_id: str
    method: OutboxMethod
    payload: dict[str, Any]
    description: str
    patient_id: PatientId | None
    state: OutboxState = OutboxState.PENDING
    attempts: int = 0
    last_error: str = ""
    next_attempt_at: datetime | None = None
    base_version: str | None = None
    server_version: str | None = None
    conflict_payload: dict[str, Any] | None = None
    discarded_by: str | None = None

    @property
    def group(self) -> str:
        return f"{self.resource_type}/{self.resource_id}"
