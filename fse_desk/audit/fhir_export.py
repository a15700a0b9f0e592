"""The access log exported to the region as FHIR R4 AuditEvents (IHE BALP shape).

Each sealed or copied record becomes one AuditEvent queued in the outbox, so it
reaches the region the way every other change does: in order, retried with
backoff, a resend after a lost answer recognised by ``meta.source`` (AuditEvent
has no identifier; ``_source`` is the conditional create's key). Records are
queued only when the region's CapabilityStatement lists AuditEvent ``create``; a
setting keeps the number of the last record queued, moved in the transaction
that queues the batch, so a record is queued once.
"""

from __future__ import annotations

import uuid
from typing import Any

from fse_desk.domain.identifiers import CF_FHIR_SYSTEM
from fse_desk.domain.outbox import ACCESS_LOG_TYPE, OutboxMethod
from fse_desk.domain.timeline import AccessAction, AccessRecord, Outcome, Purpose
from fse_desk.store import CacheStore
from fse_desk.store._records import utc_text

EXPORTED_THROUGH = "audit_exported_through"  # setting: the last record number queued
BATCH = 500
ACTION_SYSTEM = "urn:fse-desk:access-action"
ROLE_SYSTEM = "urn:fse-desk:role"
_EVENT_TYPE = {
    "system": "http://terminology.hl7.org/CodeSystem/audit-event-type",
    "code": "rest",
    "display": "RESTful Operation",
}
_INTERACTION = "http://hl7.org/fhir/restful-interaction"
_ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type"
_OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role"
_ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason"
_PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
_SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type"
_PURPOSE = {  # HL7 v3 ActReason, as BALP's purposeOfUse
    Purpose.TREATMENT: "TREAT",
    Purpose.EMERGENCY: "ETREAT",
    Purpose.SYSADMIN: "HOPERAT",
}
# What BALP calls the action (C/R/U/D) and the RESTful interaction of each write;
# every other access is a read.
_WRITE_ACTION = {
    AccessAction.RECORD_VITALS: ("C", "create"),
    AccessAction.BOOK: ("C", "create"),
    AccessAction.HANDLE_ALARM: ("U", "update"),
    AccessAction.DISCARD_OUTBOX: ("D", "delete"),
}
_OUTCOME = {Outcome.SUCCESS: "0", Outcome.DENIED: "4"}


def accepts_audit_events(statement: dict[str, Any]) -> bool:
    """Whether a CapabilityStatement lists the ``create`` interaction on AuditEvent."""
    for rest in statement.get("rest", []):
        for resource in rest.get("resource", []):
            if resource.get("type") == "AuditEvent":
                codes = {i.get("code") for i in resource.get("interaction", [])}
                if "create" in codes:
                    return True
    return False


def audit_event(record: AccessRecord, local_id: str) -> dict[str, Any]:
    """The AuditEvent of one access record; ``local_id`` makes a resend recognisable."""
    action, interaction = _WRITE_ACTION.get(record.action, ("R", "read"))
    purpose = {"coding": [{"system": _ACT_REASON, "code": _PURPOSE[record.purpose]}]}
    entities: list[dict[str, Any]] = [
        _entity({"reference": f"Patient/{record.patient_id}"}, ("1", "Person"), ("1", "Patient"))
    ]
    if record.document_id is not None:
        entities.append(
            _entity(
                {"reference": f"DocumentReference/{record.document_id}"},
                ("2", "System Object"),
                ("3", "Report"),
            )
        )
    if record.resource is not None:
        entities.append(
            _entity({"display": record.resource}, ("2", "System Object"), ("4", "Domain Resource"))
        )
    return {
        "resourceType": "AuditEvent",
        "meta": {"source": f"urn:uuid:{local_id}"},
        "type": _EVENT_TYPE,
        "subtype": [
            {"system": _INTERACTION, "code": interaction},
            {"system": ACTION_SYSTEM, "code": record.action.value},
        ],
        "action": action,
        "recorded": utc_text(record.at, what="recorded"),
        "outcome": _OUTCOME[record.outcome],
        "purposeOfEvent": [purpose],
        "agent": [
            {
                "type": {"coding": [{"system": _PARTICIPATION, "code": "IRCP"}]},
                "who": {
                    "identifier": {"system": CF_FHIR_SYSTEM, "value": record.user_cf},
                    "display": record.user_name,
                },
                "role": [{"coding": [{"system": ROLE_SYSTEM, "code": record.role}]}],
                "requestor": True,
                "purposeOfUse": [purpose],
            }
        ],
        "source": {
            "observer": {"display": "FSE Desk"},
            "type": [{"system": _SOURCE_TYPE, "code": "1", "display": "End-user display device"}],
        },
        "entity": entities,
    }


def queue_audit_events(store: CacheStore, *, batch: int = BATCH) -> int:
    """Queue every record not queued yet as an AuditEvent create; returns how many.

    The caller has checked :func:`accepts_audit_events` on the region's statement.
    """
    done = int(store.sync_state.get(EXPORTED_THROUGH) or 0)
    queued = 0
    while rows := store.audit.after(done, batch):
        with store.transaction():
            for n, record in rows:
                local_id = str(uuid.uuid4())
                store.outbox.enqueue(
                    resource_type=ACCESS_LOG_TYPE,
                    resource_id=local_id,
                    method=OutboxMethod.CREATE,
                    payload=audit_event(record, local_id),
                    description=f"Access record {n}",
                    patient_id=record.patient_id,
                )
            done = rows[-1][0]
            store.sync_state.set(EXPORTED_THROUGH, str(done))
        queued += len(rows)
    return queued


def _entity(what: dict[str, str], kind: tuple[str, str], role: tuple[str, str]) -> dict[str, Any]:
    return {
        "what": what,
        "type": {"system": _ENTITY_TYPE, "code": kind[0], "display": kind[1]},
        "role": {"system": _OBJECT_ROLE, "code": role[0], "display": role[1]},
    }
