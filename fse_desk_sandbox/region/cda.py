"""CDA R2 rendering with the HL7 Italia header, written as strings for speed.

Every text value goes through ``_t`` / ``_at`` (XML escaping), so names such as
``Dall'Olio`` or ``Querzè`` and free text with ``<`` or ``&`` stay well-formed.
"""

from __future__ import annotations

import zlib
from xml.sax.saxutils import quoteattr

from fse_desk.domain import DOCUMENT_TYPES
from fse_desk.domain.identifiers import (
    CF_OID,
    DEFAULT_REGION,
    DOCUMENT_ID_ROOT,
    LOINC_OID,
    NRE_OID,
    region_oid,
)
from fse_desk_sandbox.region.cda_entries import render_entry
from fse_desk_sandbox.region.clock import cda_ts
from fse_desk_sandbox.region.facilities import FACILITIES, Clinician, Facility
from fse_desk_sandbox.region.model import Block, Bullets, Doc, LabResult, Paragraph, Section
from fse_desk_sandbox.region.people import Person

FACILITY_ROOT = "2.16.840.1.113883.2.9.4.1.2"
INTERPRETATION = "2.16.840.1.113883.5.83"

# HL7 Italia implementation guide template per document type (default: referto specialistico).
# The extension names the guide version; the national schematrons require one, of any value.
TEMPLATES = {
    "60591-5": "2.16.840.1.113883.2.9.10.1.4.1.1",
    "11502-2": "2.16.840.1.113883.2.9.10.1.1",
    "34105-7": "2.16.840.1.113883.2.9.10.1.5",
    "59258-4": "2.16.840.1.113883.2.9.10.1.6.1",
    "68604-8": "2.16.840.1.113883.2.9.10.1.7.1",
    "57833-6": "2.16.840.1.113883.2.9.10.1.2.1",
    "57832-8": "2.16.840.1.113883.2.9.10.1.2.2",
    "87273-9": "2.16.840.1.113883.2.9.10.1.11.1.1",
    "75496-0": "2.16.840.1.113883.2.9.10.1.16.1.1",
}
SPECIALIST_TEMPLATE = "2.16.840.1.113883.2.9.10.1.9.1"
TEMPLATE_VERSION = "1.0"
GENERIC_TEMPLATE = "2.16.840.1.113883.2.9.10.1.1"
"""The guides' common CDA header template, which every document also carries."""
WITH_ENCOUNTER = frozenset({"34105-7", "59258-4", "57833-6", "57832-8", "11488-4", "75496-0"})
"""Types whose schematron requires componentOf/encompassingEncounter (the visit or stay)."""
WITH_ORDER = frozenset({"11502-2", "68604-8", "75496-0"})
"""Types whose schematron requires inFulfillmentOf (the request the report answers)."""
WITH_ACCESS = frozenset({"68604-8", "11488-4", "75496-0"})
"""Reports whose serviceEvent carries the kind of access (booked, direct)."""
WITH_SERVICE_PERIOD = frozenset({"59258-4"})
"""Types whose serviceEvent states a period (arrival to discharge) rather than an instant."""
ACCESS_SYSTEM = "2.16.840.1.113883.2.9.5.1.4"
ENCOUNTER_CODES = {"57832-8": "AMB", "75496-0": "VR"}
"""encompassingEncounter/code (v3 ActCode) where the schematron requires it: the
specialist prescription is for an outpatient visit, the televisit is virtual."""
ACT_CODE = "2.16.840.1.113883.5.4"
REGIONAL_PATIENT_ROOT = region_oid(DEFAULT_REGION, 4, 1)
"""The region's own patient identifiers: the PACS keeps each patient under the CF."""
WITH_PACS_ID = frozenset({"68604-8"})
"""Reports whose patientRole also carries the patient's identifier in the PACS."""
GUIDE_DISPLAY = {
    "57833-6": "Prescrizione Farmaceutica",
    "57832-8": "Prescrizione Specialistica",
    "68604-8": "Referto radiologico",
    "75496-0": "Telehealth note",
    "11488-4": "Nota di consulto",
    "87273-9": "Immunization note",
    "59258-4": "Verbale di Pronto Soccorso",
}
"""The document code's displayName as each type's guide writes it (the region's index
entries keep our Italian titles)."""
_CONFIDENTIALITY = {"N": "Normal", "R": "Restricted", "V": "Very Restricted"}


def _t(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _at(text: str) -> str:
    return quoteattr(text)


def _block(block: Block) -> str:
    if isinstance(block, Paragraph):
        ident = f" ID={_at(block.ident)}" if block.ident else ""
        return f"<paragraph{ident}>{_t(block.text)}</paragraph>"
    if isinstance(block, Bullets):
        items = "".join(f"<item>{_t(i)}</item>" for i in block.items)
        return f"<list>{items}</list>"
    head = "".join(f"<th>{_t(h)}</th>" for h in block.header)
    body = "".join(
        "<tr>" + "".join(f"<td>{_t(c)}</td>" for c in row) + "</tr>" for row in block.rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _range(r: LabResult) -> str:
    low = f'<low value="{r.low:g}" unit={_at(r.unit)}/>' if r.low is not None else ""
    high = f'<high value="{r.high:g}" unit={_at(r.unit)}/>' if r.high is not None else ""
    return (
        f'<referenceRange><observationRange><value xsi:type="IVL_PQ">{low}{high}</value>'
        f'<interpretationCode code="N" codeSystem="{INTERPRETATION}"/>'
        "</observationRange></referenceRange>"
    )


def _lab_entry(r: LabResult, when: str) -> str:
    # The lab guide's entry is an act holding the observation.
    return (
        '<entry typeCode="DRIV"><act classCode="ACT" moodCode="EVN">'
        f'<code code="{r.loinc}" codeSystem="{LOINC_OID}"/><statusCode code="completed"/>'
        '<entryRelationship typeCode="COMP"><observation classCode="OBS" moodCode="EVN">'
        f'<code code="{r.loinc}" codeSystem="{LOINC_OID}"/>'
        f'<statusCode code="completed"/><effectiveTime value="{when}"/>'
        f'<value xsi:type="PQ" value="{r.shown_value}" unit={_at(r.unit)}/>'
        f'<interpretationCode code="{r.flag}" codeSystem="{INTERPRETATION}"/>'
        f"{_range(r)}</observation></entryRelationship></act></entry>"
    )


def _section(s: Section, when: str) -> str:
    text = "".join(_block(b) for b in s.blocks)
    entries = "".join(_lab_entry(r, when) for r in s.results)
    entries += "".join(render_entry(e, when) for e in s.entries)
    template = f'<templateId root="{s.template}"/>' if s.template else ""
    ident = f'<id root="{NRE_OID}" extension="{s.nre}"/>' if s.nre else ""
    nested = "".join(_section(sub, when) for sub in s.subsections)
    return (
        f'<component><section>{template}{ident}<code code="{s.code}" codeSystem="{LOINC_OID}"'
        f' codeSystemName="LOINC"/><title>{_t(s.title)}</title><text>{text}</text>'
        f"{entries}{nested}</section></component>"
    )


def _person_name(given: str, family: str, prefix: str = "") -> str:
    pre = f"<prefix>{_t(prefix)}</prefix>" if prefix else ""
    return f"<name>{pre}<family>{_t(family)}</family><given>{_t(given)}</given></name>"


def _telecom(c: Clinician) -> str:
    """The clinician's office line: a fixed, made-up Bologna number per facility."""
    number = zlib.crc32(c.facility_id.encode()) % 10_000_000
    return f'<telecom use="WP" value="tel:+39051{number:07d}"/>'


def _assigned(c: Clinician, tag: str) -> str:
    prefix = "Dott.ssa" if c.sex == "F" else "Dott."
    return (
        f'<{tag}><id root="{CF_OID}" extension="{c.cf}" assigningAuthorityName="MEF"/>'
        f"{_telecom(c)}"
        f"<assignedPerson>{_person_name(c.given, c.family, prefix)}</assignedPerson></{tag}>"
    )


def _organization(tag: str, facility: Facility, part_of: str = "") -> str:
    return (
        f'<{tag} classCode="ORG"><id root="{FACILITY_ROOT}" extension={_at(facility.id)}/>'
        f"<name>{_t(facility.name)}</name>{part_of}</{tag}>"
    )


def _encounter(doc: Doc, doc_id: str, service: str, signed: str) -> str:
    """componentOf: the visit or stay the document belongs to, at its facility."""
    if doc.loinc not in WITH_ENCOUNTER:
        return ""
    kind = doc.loinc in ENCOUNTER_CODES
    code = f'<code code="{ENCOUNTER_CODES[doc.loinc]}" codeSystem="{ACT_CODE}"/>' if kind else ""
    part_of = FACILITIES.get(doc.custodian.part_of or "")
    whole = (
        f'<asOrganizationPartOf><id root="{FACILITY_ROOT}" extension={_at(part_of.id)}/>'
        f"{_organization('wholeOrganization', part_of)}</asOrganizationPartOf>"
        if part_of is not None
        else ""
    )
    provider = _organization("serviceProviderOrganization", doc.custodian, whole)
    return (
        "<componentOf><encompassingEncounter>"
        f'<id root="{DOCUMENT_ID_ROOT}.1" extension="{doc_id}"/>{code}'
        f'<effectiveTime><low value="{service}"/><high value="{signed}"/></effectiveTime>'
        '<location typeCode="LOC"><healthCareFacility classCode="SDLOC">'
        f'<id root="{FACILITY_ROOT}" extension={_at(doc.custodian.id)}/>{provider}'
        "</healthCareFacility></location></encompassingEncounter></componentOf>"
    )


def _access(doc: Doc) -> str:
    """serviceEvent/code of a report: how the patient came, here always a booked visit."""
    if doc.loinc not in WITH_ACCESS:
        return ""
    return f'<code code="PROG" codeSystem="{ACCESS_SYSTEM}" displayName="Prestazione programmata"/>'


def _order(doc: Doc, doc_id: str) -> str:
    """inFulfillmentOf: the prescription the report answers, by its NRE (the same root as
    the region's prescriptions carry as their id)."""
    if doc.loinc not in WITH_ORDER:
        return ""
    number = zlib.crc32(doc_id.encode()) % 10**10
    return (
        f'<inFulfillmentOf><order classCode="ACT" moodCode="RQO">'
        f'<id root="{NRE_OID}" extension="080A{number:010d}"/></order></inFulfillmentOf>'
    )


def _record_target(p: Person, loinc: str) -> str:
    place = p.birthplace
    county = f"<county>{_t(place.district)}</county>" if place.district else ""
    return (
        # The structural attributes' default values, written out: the prescription
        # schematrons require them explicitly.
        '<recordTarget typeCode="RCT" contextControlCode="OP"><patientRole classCode="PAT">'
        f'<id root="{CF_OID}" extension="{p.cf}" assigningAuthorityName="MEF"/>'
        f"{_pacs_id(p) if loinc in WITH_PACS_ID else ''}"
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


def _pacs_id(p: Person) -> str:
    return f'<id root="{REGIONAL_PATIENT_ROOT}" extension="{p.cf}" assigningAuthorityName="PACS"/>'


def _author(doc: Doc, person: Person, signed: str) -> str:
    if doc.author is None:  # uploaded by the patient to the taccuino
        return (
            f'<author typeCode="AUT" contextControlCode="OP"><time value="{signed}"/>'
            "<assignedAuthor>"
            f'<id root="{CF_OID}" extension="{person.cf}"/><assignedPerson>'
            f"{_person_name(person.given, person.family)}</assignedPerson></assignedAuthor>"
            "</author>"
        )
    return (
        f'<author typeCode="AUT" contextControlCode="OP"><time value="{signed}"/>'
        f"{_assigned(doc.author, 'assignedAuthor')}</author>"
    )


def _document_id(doc: Doc, doc_id: str) -> str:
    root, extension = doc.identifier(doc_id)
    return f'<id root="{root}" extension={_at(extension)}/>'


def render(doc: Doc, person: Person, doc_id: str) -> str:
    """The whole ClinicalDocument as a string (UTF-8 declared)."""
    signed = cda_ts(doc.signed_time)
    service = cda_ts(doc.service_time)
    title = GUIDE_DISPLAY.get(doc.loinc, DOCUMENT_TYPES[doc.loinc].title)
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
    study_id = f'<id root="{doc.study_uid}"/>' if doc.study_uid else ""
    when = (
        f'<effectiveTime><low value="{service}"/><high value="{signed}"/></effectiveTime>'
        if doc.loinc in WITH_SERVICE_PERIOD
        else f'<effectiveTime value="{service}"/>'
    )
    study = (
        f"<documentationOf><serviceEvent>{study_id}{_access(doc)}{when}"
        "</serviceEvent></documentationOf>"
    )
    body = "".join(_section(s, service) for s in doc.sections)
    templates = "".join(
        f'<templateId root="{root}" extension="{TEMPLATE_VERSION}"/>'
        for root in dict.fromkeys((GENERIC_TEMPLATE, template))
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<ClinicalDocument xmlns="urn:hl7-org:v3" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        '<realmCode code="IT"/>'
        '<typeId root="2.16.840.1.113883.1.3" extension="POCD_MT000040UV02"/>'
        f"{templates}"
        f"{_document_id(doc, doc_id)}"
        f'<code code="{doc.loinc}" codeSystem="{LOINC_OID}" codeSystemName="LOINC"'
        f" displayName={_at(title)}/>"
        f"<title>{_t(doc.description)}</title>"
        f'<effectiveTime value="{signed}"/>'
        f'<confidentialityCode code="{doc.confidentiality}" codeSystem="2.16.840.1.113883.5.25"'
        f' displayName="{_CONFIDENTIALITY[doc.confidentiality]}"/>'
        '<languageCode code="it-IT"/>'
        f'<setId root="{DOCUMENT_ID_ROOT}" extension="{doc_id}"/><versionNumber value="1"/>'
        f"{_record_target(person, doc.loinc)}{_author(doc, person, signed)}"
        '<custodian typeCode="CST"><assignedCustodian><representedCustodianOrganization>'
        f'<id root="{FACILITY_ROOT}" extension={_at(custodian.id)}/>'
        f"<name>{_t(custodian.name)}</name></representedCustodianOrganization>"
        f"</assignedCustodian></custodian>{legal}{_order(doc, doc_id)}{study}"
        f"{_encounter(doc, doc_id, service, signed)}"
        f"<component><structuredBody>{body}</structuredBody></component></ClinicalDocument>"
    )
