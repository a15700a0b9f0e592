"""The patient's informed consent to telemedicine as a record and as a FHIR R4 Consent.

The HL7 Italia televisit guide asks for the consent to be recorded before a video
visit. Each decision is a Consent of its own (permit when given, deny when
withdrawn); the latest one decides. Its category is not the consent to the
consultation of the FSE (LOINC 59284-0): the sync must never read one as the other
(:func:`is_telemedicine_consent`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fse_desk.domain.rome_clock import ROME, require_aware
from fse_desk.domain.scheduling_fhir import local_id, local_identifier
from fse_desk.errors import InvalidRecord

CATEGORY_SYSTEM = "urn:fse-desk:consent-category"
TELEMEDICINE = "telemedicina"
_SCOPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/consentscope"
_POLICY = "Consenso informato alla telemedicina (televisita, teleconsulto)"


@dataclass(frozen=True, slots=True)
class TelemedicineConsent:
    """One decision of the patient: ``granted`` (permit) or withdrawn (deny)."""

    id: str  # the client identifier (conditional create), also the cache's key
    patient_id: str
    granted: bool
    recorded_at: datetime
    recorded_by: str = ""  # the operator's name, as the Consent's organisation would hold it
    version: str | None = None

    def __post_init__(self) -> None:
        require_aware(self.recorded_at, "recorded_at")
        if not self.patient_id:
            raise InvalidRecord(f"consent {self.id} names no patient", field="patient_id")


def is_telemedicine_consent(resource: dict[str, Any]) -> bool:
    return any(
        c.get("system") == CATEGORY_SYSTEM and c.get("code") == TELEMEDICINE
        for category in resource.get("category", [])
        for c in category.get("coding", [])
    )


def to_fhir(consent: TelemedicineConsent) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "Consent",
        "id": consent.id,
        "identifier": [local_identifier(consent.id)],
        "status": "active",
        "scope": {"coding": [{"system": _SCOPE_SYSTEM, "code": "treatment"}]},
        "category": [
            {
                "coding": [
                    {
                        "system": CATEGORY_SYSTEM,
                        "code": TELEMEDICINE,
                        "display": "Consenso informato alla telemedicina",
                    }
                ]
            }
        ],
        "patient": {"reference": f"Patient/{consent.patient_id}"},
        # Milliseconds: two decisions of the same minute must keep their order.
        "dateTime": require_aware(consent.recorded_at, "recorded_at")
        .astimezone(ROME)
        .isoformat(timespec="milliseconds"),
        "policyRule": {"text": _POLICY},
        "provision": {"type": "permit" if consent.granted else "deny"},
    }
    if consent.recorded_by:
        resource["performer"] = [{"display": consent.recorded_by}]
    return resource


def from_fhir(resource: dict[str, Any]) -> TelemedicineConsent:
    """A consent from the server; :class:`InvalidRecord` names what is wrong."""
    if not is_telemedicine_consent(resource):
        raise InvalidRecord(
            f"Consent/{resource.get('id', '?')} is not a consent to telemedicine",
            field="category",
        )
    try:
        performers = resource.get("performer", [])
        return TelemedicineConsent(
            id=local_id(resource),
            patient_id=str(resource["patient"]["reference"]).removeprefix("Patient/"),
            # Only an active permit grants: a deny, or a consent made inactive, does not.
            granted=resource.get("status") == "active"
            and resource.get("provision", {}).get("type", "permit") == "permit",
            recorded_at=datetime.fromisoformat(resource["dateTime"]),
            recorded_by=str(performers[0].get("display", "")) if performers else "",
            version=resource.get("meta", {}).get("versionId"),
        )
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        raise InvalidRecord(
            f"Consent/{resource.get('id', '?')} is not a usable consent ({exc!r})",
            field="Consent",
        ) from exc
