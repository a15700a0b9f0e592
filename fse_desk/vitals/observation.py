"""A :class:`VitalReading` as a FHIR R4 vital-signs Observation, and back."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from fse_desk.connectors.fhir_mapping import parse_instant
from fse_desk.connectors.push import local_identifier
from fse_desk.domain.identifiers import LOINC_FHIR_SYSTEM
from fse_desk.domain.vitals import DIASTOLIC_LOINC, SYSTOLIC_LOINC, Vital, VitalReading

UCUM = "http://unitsofmeasure.org"
VITAL_SIGNS = {
    "system": "http://terminology.hl7.org/CodeSystem/observation-category",
    "code": "vital-signs",
}


def _quantity(value: float, unit: str) -> dict[str, Any]:
    return {"value": value, "unit": unit, "system": UCUM, "code": unit}


def to_observation(reading: VitalReading) -> dict[str, Any]:
    kind = reading.vital.value
    observation: dict[str, Any] = {
        "resourceType": "Observation",
        "identifier": [local_identifier(reading.id)],
        "status": "final",
        "category": [{"coding": [VITAL_SIGNS]}],
        "code": {"coding": [{"system": LOINC_FHIR_SYSTEM, "code": kind.loinc}]},
        "subject": {"reference": f"Patient/{reading.patient_id}"},
        "effectiveDateTime": reading.effective_at.isoformat(),
        "performer": [
            {"reference": f"Practitioner/{reading.performer_id}", "display": reading.performer}
            if reading.performer_id
            else {"display": reading.performer}
        ],
    }
    if reading.vital is Vital.BLOOD_PRESSURE:
        observation["component"] = [
            {
                "code": {"coding": [{"system": LOINC_FHIR_SYSTEM, "code": code}]},
                "valueQuantity": _quantity(value, kind.unit),
            }
            for code, value in zip((SYSTOLIC_LOINC, DIASTOLIC_LOINC), reading.values, strict=True)
        ]
    else:
        observation["valueQuantity"] = _quantity(reading.values[0], kind.unit)
    if reading.note:
        observation["note"] = [{"text": reading.note}]
    return observation


def reading_from_observation(resource: dict[str, Any], local: VitalReading) -> VitalReading:
    """``local`` updated with the server's copy of it (the user chose the server's version)."""
    if local.vital is Vital.BLOOD_PRESSURE:
        by_code = {
            c["code"]["coding"][0]["code"]: c["valueQuantity"]["value"]
            for c in resource.get("component", [])
        }
        values: tuple[float, ...] = (by_code[SYSTOLIC_LOINC], by_code[DIASTOLIC_LOINC])
    else:
        values = (resource["valueQuantity"]["value"],)
    notes = [n.get("text", "") for n in resource.get("note", [])]
    return replace(
        local,
        values=tuple(float(v) for v in values),
        effective_at=parse_instant(resource["effectiveDateTime"]),
        note="\n".join(notes),
    )
