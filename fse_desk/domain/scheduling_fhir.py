"""Appointments as FHIR R4 resources (HL7 Italia televisit guide, draft) and back.

- ``identifier``: the client identifier of the workstation that booked it
  (conditional create; it is also the appointment's id in the cache, so a
  booking keeps its id once the server has given it another), the
  CUP booking code and the identifier of the series (R4 has no recurrence).
- ``start``/``end`` always carry the Rome offset.
- The visit type is a ``serviceType`` coding; the video room travels in an
  extension so every workstation of the team opens the same room.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fse_desk.domain.rome_clock import fhir_instant
from fse_desk.domain.scheduling import (
    Appointment,
    AppointmentStatus,
    Participant,
    ParticipantStatus,
    VisitType,
)
from fse_desk.errors import InvalidRecord

# The outbox finds a re-sent create by this identifier (connectors/push.local_identifier,
# not imported: the store reads appointments through this module and push imports the
# store; tests/test_scheduling_invitations.py checks both agree).
CLIENT_ID_SYSTEM = "urn:ietf:rfc:3986"
CUP_SYSTEM = "urn:fse-desk:cup-booking-code"  # the regional CUP's booking code
SERIES_SYSTEM = "urn:fse-desk:appointment-series"
VISIT_TYPE_SYSTEM = "urn:fse-desk:visit-type"
TEAM_ROLE_SYSTEM = "urn:fse-desk:team-role"  # Schedule.specialty: the owner's Role value
SLOT_CLAIM_EXTENSION = "urn:fse-desk:slot-taken-by"  # on a Slot: the appointment's client id
ROOM_EXTENSION = "urn:fse-desk:video-room"
SERIES_INDEX_EXTENSION = "urn:fse-desk:series-index"


def local_identifier(local: str) -> dict[str, str]:
    return {"system": CLIENT_ID_SYSTEM, "value": f"urn:uuid:{local}"}


def local_id(resource: dict[str, Any]) -> str:
    """The cache's id of a resource: its client identifier's uuid, else the server id."""
    for identifier in resource.get("identifier", []):
        value = str(identifier.get("value", ""))
        if identifier.get("system") == CLIENT_ID_SYSTEM and value.startswith("urn:uuid:"):
            return value.removeprefix("urn:uuid:")
    return str(resource["id"])


def to_fhir(appointment: Appointment) -> dict[str, Any]:
    identifiers: list[dict[str, Any]] = [local_identifier(appointment.id)]
    if appointment.cup_code:
        identifiers.append(
            {"system": CUP_SYSTEM, "value": appointment.cup_code, "type": {"text": "CUP"}}
        )
    if appointment.series_id:
        identifiers.append({"system": SERIES_SYSTEM, "value": appointment.series_id})
    extensions: list[dict[str, Any]] = []
    if appointment.room:
        extensions.append({"url": ROOM_EXTENSION, "valueString": appointment.room})
    if appointment.series_index is not None:
        extensions.append({"url": SERIES_INDEX_EXTENSION, "valueInteger": appointment.series_index})
    resource: dict[str, Any] = {
        "resourceType": "Appointment",
        "id": appointment.id,
        "identifier": identifiers,
        "status": appointment.status.value,
        "serviceType": [
            {"coding": [{"system": VISIT_TYPE_SYSTEM, "code": appointment.visit_type.value}]}
        ],
        "start": fhir_instant(appointment.start),
        "end": fhir_instant(appointment.end),
        "minutesDuration": int(appointment.duration.total_seconds() // 60),
        "participant": [
            {
                "actor": {"reference": p.reference, "display": p.display},
                "required": "required",
                "status": p.status.value,
            }
            for p in appointment.participants
        ],
    }
    if appointment.reason:
        resource["description"] = appointment.reason
    if appointment.created is not None:
        resource["created"] = fhir_instant(appointment.created)
    if appointment.slot_ids:
        resource["slot"] = [{"reference": f"Slot/{s}"} for s in appointment.slot_ids]
    if extensions:
        resource["extension"] = extensions
    return resource


def from_fhir(resource: dict[str, Any]) -> Appointment:
    """An Appointment from the server; :class:`InvalidRecord` names what is wrong."""
    try:
        identifiers = {
            i.get("system"): str(i.get("value", "")) for i in resource.get("identifier", [])
        }
        extensions = {e.get("url"): e for e in resource.get("extension", [])}
        coding = resource.get("serviceType", [{}])[0].get("coding", [{}])[0]
        room = extensions.get(ROOM_EXTENSION, {}).get("valueString", "")
        index = extensions.get(SERIES_INDEX_EXTENSION, {}).get("valueInteger")
        return Appointment(
            id=local_id(resource),
            status=AppointmentStatus(resource["status"]),
            visit_type=VisitType(coding.get("code", VisitType.IN_PERSON.value)),
            start=datetime.fromisoformat(resource["start"]),
            end=datetime.fromisoformat(resource["end"]),
            participants=tuple(
                Participant(
                    str(p["actor"]["reference"]),
                    str(p["actor"].get("display", "")),
                    ParticipantStatus(p.get("status", "needs-action")),
                )
                for p in resource.get("participant", [])
            ),
            reason=str(resource.get("description", "")),
            cup_code=identifiers.get(CUP_SYSTEM, ""),
            series_id=identifiers.get(SERIES_SYSTEM) or None,
            series_index=int(index) if index is not None else None,
            room=str(room),
            slot_ids=tuple(
                str(s["reference"]).removeprefix("Slot/") for s in resource.get("slot", [])
            ),
            created=datetime.fromisoformat(resource["created"]) if "created" in resource else None,
            version=resource.get("meta", {}).get("versionId"),
        )
    except (KeyError, ValueError, TypeError, IndexError, AttributeError) as exc:
        raise InvalidRecord(
            f"Appointment/{resource.get('id', '?')} is not a usable appointment ({exc!r})",
            field="Appointment",
        ) from exc
