"""FHIR R4 resources (plain dicts) for the assistiti and their documents."""

from __future__ import annotations

import base64
import hashlib
from datetime import datetime
from typing import Any

from fse_desk.domain import DOCUMENT_TYPES, OSCURAMENTO_SYSTEM
from fse_desk.domain.identifiers import CF_FHIR_SYSTEM, LOINC_FHIR_SYSTEM
from fse_desk_sandbox.region.clock import fhir_instant
from fse_desk_sandbox.region.facilities import (
    DEMO_MMG_ID,
    DEMO_MMG_NAME,
    PRACTICE_ID,
    SPECIALTIES,
)
from fse_desk_sandbox.region.model import Doc, Vital
from fse_desk_sandbox.region.people import Person

UCUM = "http://unitsofmeasure.org"
BIRTH_PLACE_URL = "http://hl7.org/fhir/StructureDefinition/patient-birthPlace"
CONFIDENTIALITY_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality"
CDA_CONTENT_TYPE = "application/x-hl7-cda+xml"
PDF_CONTENT_TYPE = "application/pdf"
_UNIT_DISPLAY = {"mm[Hg]": "mmHg", "/min": "battiti/min"}


def patient_resource(person: Person) -> dict[str, Any]:
    place = person.birthplace
    birth_address = {"city": place.city, "country": place.country}
    if place.district:
        birth_address["district"] = place.district
    telecom = [{"system": "phone", "value": person.phone, "use": "mobile"}]
    if person.email:
        telecom.append({"system": "email", "value": person.email, "use": "home"})
    return {
        "resourceType": "Patient",
        "id": person.patient_id,
        "extension": [{"url": BIRTH_PLACE_URL, "valueAddress": birth_address}],
        "identifier": [{"system": CF_FHIR_SYSTEM, "value": person.cf}],
        "active": True,
        "name": [{"use": "official", "family": person.family, "given": person.given.split(" ")}],
        "telecom": telecom,
        "gender": person.gender,
        "birthDate": person.birth_date.isoformat(),
        "address": [
            {
                "use": "home",
                "line": [person.street],
                "city": person.city,
                "district": "BO",
                "postalCode": person.postal_code,
                "state": "Emilia-Romagna",
                "country": "IT",
            }
        ],
        "generalPractitioner": [
            {"reference": f"Practitioner/{DEMO_MMG_ID}", "display": DEMO_MMG_NAME}
        ],
        "managingOrganization": {"reference": f"Organization/{PRACTICE_ID}"},
    }


def consent_resource(person: Person, permit: bool, when: datetime) -> dict[str, Any]:
    return {
        "resourceType": "Consent",
        "id": f"cons-{person.index:06d}",
        "status": "active",
        "scope": {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/consentscope",
                    "code": "patient-privacy",
                }
            ]
        },
        "category": [
            {
                "coding": [
                    {
                        "system": LOINC_FHIR_SYSTEM,
                        "code": "59284-0",
                        "display": "Consenso alla consultazione del FSE",
                    }
                ]
            }
        ],
        "patient": {"reference": f"Patient/{person.patient_id}"},
        "dateTime": fhir_instant(when),
        "policyRule": {"text": "Consenso alla consultazione del Fascicolo Sanitario Elettronico"},
        "provision": {"type": "permit" if permit else "deny"},
    }


def binary_resource(binary_id: str, content_type: str, data: bytes) -> dict[str, Any]:
    return {
        "resourceType": "Binary",
        "id": binary_id,
        "contentType": content_type,
        "data": base64.b64encode(data).decode("ascii"),
    }


def document_reference(
    person: Person,
    doc: Doc,
    doc_id: str,
    master_id: str,
    binary_id: str,
    content_type: str,
    data: bytes,
    hidden: bool,
) -> dict[str, Any]:
    doc_type = DOCUMENT_TYPES[doc.loinc]
    if doc.author is None:
        author = {"reference": f"Patient/{person.patient_id}", "display": person.full_name}
    else:
        author = {"reference": f"Practitioner/{doc.author.id}", "display": doc.author.display}
    context: dict[str, Any] = {"period": {"start": fhir_instant(doc.service_time)}}
    if "discharged" in doc.extra:
        context["period"]["end"] = fhir_instant(datetime.fromisoformat(doc.extra["discharged"]))
    if doc.author is not None:
        label = (
            "Medicina Generale"
            if doc.author.specialty == "mmg"
            else SPECIALTIES[doc.author.specialty][0]
        )
        context["practiceSetting"] = {"text": label}
    if doc.study_uid:
        context["related"] = [
            {"identifier": {"system": "urn:dicom:uid", "value": f"urn:oid:{doc.study_uid}"}}
        ]
    id_root, id_extension = doc.identifier(master_id)
    resource: dict[str, Any] = {
        "resourceType": "DocumentReference",
        "id": doc_id,
        "masterIdentifier": {"system": f"urn:oid:{id_root}", "value": id_extension},
        "status": "current",
        "type": {
            "coding": [{"system": LOINC_FHIR_SYSTEM, "code": doc.loinc, "display": doc_type.title}]
        },
        "category": [{"coding": [{"code": doc_type.doc_class.value}]}],
        "subject": {"reference": f"Patient/{person.patient_id}", "display": person.full_name},
        "date": fhir_instant(doc.signed_time),
        "author": [author],
        "custodian": {
            "reference": f"Organization/{doc.custodian.id}",
            "display": doc.custodian.name,
        },
        "description": doc.description,
        "securityLabel": [
            {"coding": [{"system": CONFIDENTIALITY_SYSTEM, "code": doc.confidentiality}]}
        ],
        "content": [
            {
                "attachment": {
                    "contentType": content_type,
                    "language": "it-IT",
                    "url": f"Binary/{binary_id}",
                    "size": len(data),
                    "hash": base64.b64encode(hashlib.sha1(data).digest()).decode("ascii"),
                    "title": doc.description,
                    "creation": fhir_instant(doc.signed_time),
                }
            }
        ],
        "context": context,
    }
    if hidden:
        resource["meta"] = {
            "security": [{"system": f"urn:oid:{OSCURAMENTO_SYSTEM}", "code": "P99"}]
        }
    return resource


def observation_resource(person: Person, vital: Vital, obs_id: str) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "id": obs_id,
        "status": "final",
        "category": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                        "code": "vital-signs",
                    }
                ]
            }
        ],
        "code": {
            "coding": [{"system": LOINC_FHIR_SYSTEM, "code": vital.loinc, "display": vital.display}]
        },
        "subject": {"reference": f"Patient/{person.patient_id}"},
        "effectiveDateTime": fhir_instant(vital.when),
        "performer": [{"reference": f"Practitioner/{DEMO_MMG_ID}", "display": DEMO_MMG_NAME}],
        "valueQuantity": {
            "value": vital.value,
            "unit": _UNIT_DISPLAY.get(vital.unit, vital.unit),
            "system": UCUM,
            "code": vital.unit,
        },
    }
