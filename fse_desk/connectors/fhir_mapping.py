"""FHIR R4 resources (JSON dicts) into domain records, and the privacy rules on them.

Mapping is strict about what the workstation needs (an id, a codice fiscale, a
known LOINC document type) and lenient about the rest, so that a server which
fills fewer optional elements than the sandbox still syncs.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from fse_desk._types import CodiceFiscale, DocumentId, PatientId
from fse_desk.domain.document import (
    OSCURAMENTO_SYSTEM,
    DocumentMeta,
    DocumentStatus,
    Oscuramento,
)
from fse_desk.domain.identifiers import CF_FHIR_SYSTEM, LOINC_FHIR_SYSTEM
from fse_desk.domain.patient import ConsentState, Patient, Sex
from fse_desk.domain.telemedicine_consent import is_telemedicine_consent
from fse_desk.errors import InvalidRecord

BIRTH_PLACE_URL = "http://hl7.org/fhir/StructureDefinition/patient-birthPlace"
CONFIDENTIALITY_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality"
_OSCURAMENTO_SYSTEMS = {OSCURAMENTO_SYSTEM, f"urn:oid:{OSCURAMENTO_SYSTEM}"}


def parse_instant(text: str) -> datetime:
    """A FHIR instant/dateTime as an aware UTC datetime (a bare date is midnight UTC)."""
    if len(text) == 10:
        return datetime.fromisoformat(text).replace(tzinfo=UTC)
    value = datetime.fromisoformat(text)  # takes a trailing Z since Python 3.11
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _meta(resource: dict[str, Any]) -> tuple[str, datetime | None]:
    meta = resource.get("meta", {})
    updated = meta.get("lastUpdated")
    return str(meta.get("versionId", "")), parse_instant(updated) if updated else None


def reference_id(reference: str | None, resource_type: str) -> str | None:
    """``Patient/123`` (or an absolute URL ending so) → ``123``."""
    if not reference:
        return None
    parts = reference.rstrip("/").split("/")
    if len(parts) >= 2 and parts[-2] == resource_type:
        return parts[-1]
    if len(parts) >= 4 and parts[-4] == resource_type and parts[-2] == "_history":
        return parts[-3]
    return None


def _general_practitioner_id(resource: dict[str, Any]) -> str:
    """The Practitioner id of the patient's own MMG/PLS, or "" when not named.

    The first ``generalPractitioner`` that references a Practitioner; references to
    an Organization or a PractitionerRole name no doctor and are passed over.
    """
    for gp in resource.get("generalPractitioner", []):
        found = reference_id(gp.get("reference"), "Practitioner")
        if found:
            return found
    return ""


def patient_from_fhir(resource: dict[str, Any], consent: ConsentState) -> Patient:
    """A Patient resource as a :class:`Patient`; raises InvalidRecord when unusable."""
    cf = next(
        (
            ident.get("value", "")
            for ident in resource.get("identifier", [])
            if ident.get("system") == CF_FHIR_SYSTEM
        ),
        "",
    )
    names = resource.get("name") or [{}]
    name = next((n for n in names if n.get("use") == "official"), names[0])
    birth_place = ""
    for ext in resource.get("extension", []):
        if ext.get("url") == BIRTH_PLACE_URL:
            address = ext.get("valueAddress", {})
            city, district = address.get("city", ""), address.get("district", "")
            birth_place = f"{city} ({district})" if city and district else city
    birth = resource.get("birthDate")
    if not birth:
        raise InvalidRecord(f"Patient/{resource.get('id')} has no birthDate", field="birth_date")
    gender = resource.get("gender", "unknown")
    version_id, last_updated = _meta(resource)
    return Patient(
        id=PatientId(str(resource.get("id", ""))),
        codice_fiscale=CodiceFiscale(cf.strip().upper()),
        family_name=str(name.get("family", "")),
        given_name=" ".join(name.get("given", [])),
        sex=Sex(gender) if gender in Sex._value2member_map_ else Sex.UNKNOWN,
        birth_date=date.fromisoformat(birth[:10]),
        birth_place=birth_place,
        consent=consent,
        version_id=version_id,
        last_updated=last_updated,
        general_practitioner_id=_general_practitioner_id(resource),
    )


def consent_from_fhir(resource: dict[str, Any]) -> tuple[PatientId | None, ConsentState]:
    """The patient and state of a consent to consultation.

    An active Consent with ``provision.type`` permit grants; deny, or a consent
    that is rejected, inactive or entered-in-error, does not. A consent to
    telemedicine is about something else: it names no patient here, so it changes
    nothing of the consultation.
    """
    if is_telemedicine_consent(resource):
        return None, ConsentState.UNKNOWN
    patient = reference_id(resource.get("patient", {}).get("reference"), "Patient")
    status = resource.get("status")
    provision = resource.get("provision", {}).get("type", "permit")
    granted = status == "active" and provision == "permit"
    return (
        PatientId(patient) if patient else None,
        ConsentState.GRANTED if granted else ConsentState.DENIED,
    )


def is_hidden(resource: dict[str, Any]) -> bool:
    """True when the patient hid the document from clinicians (oscuramento P99)."""
    labels = list(resource.get("meta", {}).get("security", []))
    for label in resource.get("securityLabel", []):
        labels.extend(label.get("coding", []))
    return any(
        c.get("code") == Oscuramento.HIDDEN.value and c.get("system") in _OSCURAMENTO_SYSTEMS
        for c in labels
    )


def document_from_fhir(resource: dict[str, Any]) -> DocumentMeta:
    """A DocumentReference as :class:`DocumentMeta`; raises InvalidRecord when unusable."""
    doc_id = str(resource.get("id", ""))
    type_code = next(
        (
            c.get("code", "")
            for c in resource.get("type", {}).get("coding", [])
            if c.get("system") == LOINC_FHIR_SYSTEM
        ),
        "",
    )
    patient = reference_id(resource.get("subject", {}).get("reference"), "Patient")
    if not patient:
        raise InvalidRecord(f"DocumentReference/{doc_id} has no Patient subject", field="subject")
    when = resource.get("date") or resource.get("context", {}).get("period", {}).get("start")
    if not when:
        raise InvalidRecord(f"DocumentReference/{doc_id} has no date", field="date")
    attachment = (resource.get("content") or [{}])[0].get("attachment", {})
    master = resource.get("masterIdentifier", {})
    master_id = ""
    if master.get("value"):
        system = str(master.get("system", "")).removeprefix("urn:oid:")
        master_id = f"{system}^{master['value']}" if system else str(master["value"])
    confidentiality = "N"
    for label in resource.get("securityLabel", []):
        for coding in label.get("coding", []):
            if coding.get("system") == CONFIDENTIALITY_SYSTEM:
                confidentiality = coding.get("code", "N")
    type_coding: dict[str, Any] = next(iter(resource.get("type", {}).get("coding", [])), {})
    type_display = type_coding.get("display", "")
    authors = resource.get("author", [])
    status = resource.get("status", DocumentStatus.CURRENT.value)
    if status not in DocumentStatus._value2member_map_:
        raise InvalidRecord(
            f"DocumentReference/{doc_id} has status {status!r}, not current, superseded "
            "or entered-in-error",
            field="status",
        )
    version_id, last_updated = _meta(resource)
    return DocumentMeta(
        id=DocumentId(doc_id),
        patient_id=PatientId(patient),
        type_code=type_code,
        title=str(resource.get("description") or attachment.get("title") or type_display),
        date=parse_instant(when),
        author=str(authors[0].get("display", "")) if authors else "",
        facility=str(resource.get("custodian", {}).get("display", "")),
        content_type=str(attachment.get("contentType", "")),
        body_url=str(attachment.get("url", "")),
        master_identifier=master_id,
        confidentiality=confidentiality,
        version_id=version_id,
        last_updated=last_updated,
        status=DocumentStatus(status),
    )


def author_practitioner_id(resource: dict[str, Any]) -> str | None:
    """The Practitioner id of the document's first author, if referenced."""
    for author in resource.get("author", []):
        found = reference_id(author.get("reference"), "Practitioner")
        if found:
            return found
    return None
