"""CDA R2 rendering with the HL7 Italia header, written as strings for speed.

Every text value goes through ``_t`` / ``_at`` (XML escaping), so names such as
``Dall'Olio`` or ``Querzè`` and free text with ``<`` or ``&`` stay well-formed.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from fse_desk.domain import DOCUMENT_TYPES
from fse_desk.domain.identifiers import CF_OID, DOCUMENT_ID_ROOT, LOINC_OID
from fse_desk_sandbox.region.clock import cda_ts
from fse_desk_sandbox.region.facilities import Clinician
from fse_desk_sandbox.region.model import Block, Doc, LabResult, Section
from fse_desk_sandbox.region.people import Person

FACILITY_ROOT = "2.16.840.1.113883.2.9.4.1.2"

# HL7 Italia implementation guide template per document type (default: referto specialistico)
TEMPLATES = {
    "60591-5": "2.16.840.1.113883.2.9.10.1.4.1.1",
    "11502-2": "2.16.840.1.113883.2.9.10.1.1",
    "34105-7": "2.16.840.1.113883.2.9.10.1.5",
    "59258-4": "2.16.840.1.113883.2.9.10.1.6.1",
    "68604-8": "2.16.840.1.113883.2.9.10.1.7.1",
    "57833-6": "2.16.840.1.113883.2.9.10.1.2",
    "57832-8": "2.16.840.1.113883.2.9.10.1.2",
    "87273-9": "2.16.840.1.113883.2.9.10.1.11.1.1",
}
SPECIALIST_TEMPLATE = "2.16.840.1.113883.2.9.10.1.9.1"
_CONFIDENTIALITY = {"N": "Normal", "R": "Restricted", "V": "Very Restricted"}


def _t(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _at(text: str) -> str:
    return quoteattr(text)


def _block(block: Block) -> str:
    kind, payload = block
    if kind == "p":
        return f"<paragraph>{_t(str(payload))}</paragraph>"
    if kind == "ul":
        items = "".join(f"<item>{_t(str(i))}</item>" for i in payload)  # type: ignore[attr-defined]
        return f"<list>{items}</list>"
    header, rows = payload  # type: ignore[misc]
    head = "".join(f"<th>{_t(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{_t(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _range(r: LabResult) -> str:
    low = f'<low value="{r.low:g}" unit={_at(r.unit)}/>' if r.low is not None else ""
    high = f'<high value="{r.high:g}" unit={_at(r.unit)}/>' if r.high is not None else ""
    return (
        f'<referenceRange><observationRange><value xsi:type="IVL_PQ">{low}{high}</value>'
        "</observationRange></referenceRange>"
    )


def _lab_entry(r: LabResult, when: str) -> str:
    return (
        '<entry typeCode="DRIV"><observation classCode="OBS" moodCode="EVN">'
        f'<code code="{r.loinc}" codeSystem="{LOINC_OID}"/>'
        f'<statusCode code="completed"/><effectiveTime value="{when}"/>'
        f'<value xsi:type="PQ" value="{r.shown_value}" unit={_at(r.unit)}/>'
        f'<interpretationCode code="{r.flag}" codeSystem="2.16.840.1.113883.5.83"/>'
        f"{_range(r)}</observation></entry>"
    )


def _section(s: Section, when: str) -> str:
    text = "".join(_block(b) for b in s.blocks)
    entries = "".join(_lab_entry(r, when) for r in s.results)
    return (
        f'<component><section><code code="{s.code}" codeSystem="{LOINC_OID}"'
        f' codeSystemName="LOINC"/><title>{_t(s.title)}</title><text>{text}</text>'
        f"{entries}</section></component>"
    )


def _person_name(given: str, family: str, prefix: str = "") -> str:
    pre = f"<prefix>{_t(prefix)}</prefix>" if prefix else ""
    return f"<name>{pre}<family>{_t(family)}</family><given>{_t(given)}</given></name>"


def _assigned(c: Clinician, tag: str) -> str:
    prefix = "Dott.ssa" if c.sex == "F" else "Dott."
    return (
        f'<{tag}><id root="{CF_OID}" extension="{c.cf}" assigningAuthorityName="MEF"/>'
        f"<assignedPerson>{_person_name(c.given, c.family, prefix)}</assignedPerson></{tag}>"
    )


def _record_target(p: Person) -> str:
    place = p.birthplace
    county = f"<county>{_t(place.district)}</county>" if place.district else ""
    return (
        "<recordTarget><patientRole>"
        f'<id root="{CF_OID}" extension="{p.cf}" assigningAuthorityName="MEF"/>'
        f'<addr use="H"><country>IT</country><county>BO</county><city>{_t(p.city)}</city>'
        f"<postalCode>{p.postal_code}</postalCode>"
        f"<streetAddressLine>{_t(p.street)}</streetAddressLine></addr>"
        f"<patient>{_person_name(p.given, p.family)}"
        f'<administrativeGenderCode code="{p.sex}" codeSystem="2.16.840.1.113883.5.1"/>'
        f'<birthTime value="{p.birth_date.strftime("%Y%m%d")}"/>'
        f"<birthplace><place><addr><country>{place.country}</country>{county}"
        f"<city>{_t(place.city)}</city></addr></place></birthplace></patient>"
        "</patientRole></recordTarget>"
    )


def _author(doc: Doc, person: Person, signed: str) -> str:
    if doc.author is None:  # uploaded by the patient to the taccuino
        return (
            f'<author><time value="{signed}"/><assignedAuthor>'
            f'<id root="{CF_OID}" extension="{person.cf}"/><assignedPerson>'
            f"{_person_name(person.given, person.family)}</assignedPerson></assignedAuthor>"
            "</author>"
        )
    return f'<author><time value="{signed}"/>{_assigned(doc.author, "assignedAuthor")}</author>'


def render(doc: Doc, person: Person, doc_id: str) -> str:
    """The whole ClinicalDocument as a string (UTF-8 declared)."""
    signed = cda_ts(doc.signed_time)
    service = cda_ts(doc.service_time)
    title = DOCUMENT_TYPES[doc.loinc].title
    template = TEMPLATES.get(doc.loinc, SPECIALIST_TEMPLATE)
    custodian = doc.custodian
    legal = (
        ""
        if doc.author is None
        else (
            f'<legalAuthenticator><time value="{signed}"/><signatureCode code="S"/>'
            f"{_assigned(doc.author, 'assignedEntity')}</legalAuthenticator>"
        )
    )
    study = (
        f'<documentationOf><serviceEvent><id root="{doc.study_uid}"/>'
        f'<effectiveTime value="{service}"/></serviceEvent></documentationOf>'
        if doc.study_uid
        else f'<documentationOf><serviceEvent><effectiveTime value="{service}"/>'
        "</serviceEvent></documentationOf>"
    )
    body = "".join(_section(s, service) for s in doc.sections)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<ClinicalDocument xmlns="urn:hl7-org:v3" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        '<realmCode code="IT"/>'
        '<typeId root="2.16.840.1.113883.1.3" extension="POCD_MT000040UV02"/>'
        f'<templateId root="{template}" assigningAuthorityName="HL7 Italia"/>'
        f'<id root="{DOCUMENT_ID_ROOT}" extension="{doc_id}" assigningAuthorityName="Regione'
        ' Emilia-Romagna"/>'
        f'<code code="{doc.loinc}" codeSystem="{LOINC_OID}" codeSystemName="LOINC"'
        f" displayName={_at(title)}/>"
        f"<title>{_t(doc.description)}</title>"
        f'<effectiveTime value="{signed}"/>'
        f'<confidentialityCode code="{doc.confidentiality}" codeSystem="2.16.840.1.113883.5.25"'
        f' displayName="{_CONFIDENTIALITY[doc.confidentiality]}"/>'
        '<languageCode code="it-IT"/>'
        f'<setId root="{DOCUMENT_ID_ROOT}" extension="{doc_id}"/><versionNumber value="1"/>'
        f"{_record_target(person)}{_author(doc, person, signed)}"
        "<custodian><assignedCustodian><representedCustodianOrganization>"
        f'<id root="{FACILITY_ROOT}" extension={_at(custodian.id)}/>'
        f"<name>{_t(custodian.name)}</name></representedCustodianOrganization>"
        f"</assignedCustodian></custodian>{legal}{study}"
        f"<component><structuredBody>{body}</structuredBody></component></ClinicalDocument>"
    )
