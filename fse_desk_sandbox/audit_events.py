"""What the sandbox checks in an AuditEvent before storing it, as a validating server does.

The shape is FHIR R4 AuditEvent with what the IHE Basic Audit Log Patterns (BALP)
profiles require of an access to patient data: a typed event with an action, the
instant it was recorded, an outcome, at least one agent naming who acted (one of
them the requestor), the source that observed it, and the patient among the
entities. Anything else is refused with a 422 OperationOutcome naming the element.
"""

from __future__ import annotations

import re
from typing import Any

from fse_desk_sandbox.exceptions import UnprocessableResource

_ACTIONS = frozenset({"C", "R", "U", "D", "E"})
_OUTCOMES = frozenset({"0", "4", "8", "12"})
# FHIR instant: seconds required, time zone required.
_INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$")
_PATIENT_ROLE = ("http://terminology.hl7.org/CodeSystem/object-role", "1")


def check_audit_event(resource: dict[str, Any]) -> None:
    """Raise :class:`UnprocessableResource` unless ``resource`` is a BALP-shaped AuditEvent."""
    if not _is_coding(resource.get("type")):
        raise UnprocessableResource("AuditEvent.type must be a Coding with system and code")
    subtypes = resource.get("subtype", [])
    if not isinstance(subtypes, list) or not all(_is_coding(s) for s in subtypes):
        raise UnprocessableResource("AuditEvent.subtype must be a list of Codings")
    if resource.get("action") not in _ACTIONS:
        raise UnprocessableResource("AuditEvent.action must be one of C, R, U, D, E")
    recorded = resource.get("recorded")
    if not isinstance(recorded, str) or not _INSTANT.match(recorded):
        raise UnprocessableResource("AuditEvent.recorded must be an instant with a time zone")
    if resource.get("outcome") not in _OUTCOMES:
        raise UnprocessableResource("AuditEvent.outcome must be one of 0, 4, 8, 12")
    _check_agents(resource.get("agent"))
    source = resource.get("source")
    if not isinstance(source, dict) or not _is_reference(source.get("observer")):
        raise UnprocessableResource("AuditEvent.source.observer is required")
    _check_entities(resource.get("entity"))


def _check_agents(agents: object) -> None:
    if not isinstance(agents, list) or not agents:
        raise UnprocessableResource("AuditEvent.agent needs at least one agent")
    for agent in agents:
        if not isinstance(agent, dict) or not isinstance(agent.get("requestor"), bool):
            raise UnprocessableResource("each AuditEvent.agent needs requestor (true/false)")
        if not _is_reference(agent.get("who")):
            raise UnprocessableResource("each AuditEvent.agent needs who (a Reference)")
    if not any(agent["requestor"] for agent in agents):
        raise UnprocessableResource("one AuditEvent.agent must be the requestor")


def _check_entities(entities: object) -> None:
    if not isinstance(entities, list) or not entities:
        raise UnprocessableResource("AuditEvent.entity needs the patient")
    for entity in entities:
        if not isinstance(entity, dict) or not _is_reference(entity.get("what")):
            raise UnprocessableResource("each AuditEvent.entity needs what (a Reference)")
    roles = [e.get("role") for e in entities]
    if not any(
        isinstance(r, dict) and (r.get("system"), r.get("code")) == _PATIENT_ROLE for r in roles
    ):
        raise UnprocessableResource("no AuditEvent.entity has the patient role (object-role 1)")


def _is_coding(value: object) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("system"), str)
        and isinstance(value.get("code"), str)
        and bool(value["system"])
        and bool(value["code"])
    )


def _is_reference(value: object) -> bool:
    return isinstance(value, dict) and (
        isinstance(value.get("reference"), str)
        or isinstance(value.get("identifier"), dict)
        or isinstance(value.get("display"), str)
    )
