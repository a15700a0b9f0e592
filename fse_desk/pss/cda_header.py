"""The CDA R2 header parts every document FSE Desk signs shares (HL7 Italia).

Realm IT, type id, the document's id and LOINC code, one recordTarget, the doctor as
author and legal authenticator (signature S) and the practice as custodian; each
document adds what follows (its order, service event, encounter) and its body.
"""

from __future__ import annotations

from datetime import datetime
from xml.etree import ElementTree as ET

from fse_desk.domain.identifiers import CF_OID
from fse_desk.domain.postal_address import ITALY, parse_address
from fse_desk.pss import codes
from fse_desk.pss._cda_xml import el, ts_date, ts_datetime
from fse_desk.pss.model import Clinician, Organization, PatientInfo


def custodian_address(org: ET.Element, custodian: Organization) -> None:
    """The practice's postal address in its parts (the schematrons want country, city and
    street line); nothing when it is not configured or has no city after a comma (the
    configuration refuses such an address, a hand-made Organization may still have it)."""
    parts = parse_address(custodian.address)
    if parts is None:
        return
    addr = el(org, "addr", use="WP")
    el(addr, "country").text = ITALY
    if parts.county:
        el(addr, "county").text = parts.county
    el(addr, "city").text = parts.city
    if parts.postal_code:
        el(addr, "postalCode").text = parts.postal_code
    el(addr, "streetAddressLine").text = parts.street


def clinician(parent: ET.Element, tag: str, who: Clinician) -> ET.Element:
    assigned = el(parent, tag)
    el(assigned, "id", root=CF_OID, extension=who.cf, assigningAuthorityName="MEF")
    for address in who.telecom:
        el(assigned, "telecom", use="WP", value=address)
    name = el(el(assigned, "assignedPerson"), "name")
    el(name, "family").text = who.family
    el(name, "given").text = who.given
    return assigned


def document_header(
    doc: ET.Element,
    *,
    template: tuple[str, str] | None,
    id_root: str,
    document_id: str,
    loinc: tuple[str, str],
    title: str,
    when: datetime,
    patient: PatientInfo,
    author: Clinician,
    custodian: Organization,
) -> None:
    """The header up to the legal authenticator; ``template`` is (root, version) when
    a national CDA template exists for the document, ``loinc`` is (code, display)."""
    stamp = ts_datetime(when)
    el(doc, "realmCode", code="IT")
    el(doc, "typeId", root=codes.CDA_TYPE_ID[0], extension=codes.CDA_TYPE_ID[1])
    if template is not None:
        el(doc, "templateId", root=template[0], extension=template[1])
    el(doc, "id", root=id_root, extension=document_id)
    el(
        doc,
        "code",
        code=loinc[0],
        codeSystem=codes.LOINC,
        codeSystemName="LOINC",
        displayName=loinc[1],
    )
    el(doc, "title").text = title
    el(doc, "effectiveTime", value=stamp)
    el(doc, "confidentialityCode", code="N", codeSystem=codes.CONFIDENTIALITY)
    el(doc, "languageCode", code="it-IT")
    el(doc, "setId", root=id_root, extension=document_id)
    el(doc, "versionNumber", value="1")
    role = el(el(doc, "recordTarget"), "patientRole")
    el(role, "id", root=CF_OID, extension=patient.cf, assigningAuthorityName="MEF")
    person = el(role, "patient")
    name = el(person, "name")
    el(name, "family").text = patient.family
    el(name, "given").text = patient.given
    el(person, "administrativeGenderCode", code=patient.sex.value, codeSystem=codes.ADMIN_GENDER)
    el(person, "birthTime", value=ts_date(patient.birth_date))
    el(el(el(person, "birthplace"), "place"), "addr")
    written = el(doc, "author")
    el(written, "time", value=stamp)
    clinician(written, "assignedAuthor", author)
    org = el(el(el(doc, "custodian"), "assignedCustodian"), "representedCustodianOrganization")
    el(org, "id", root=custodian.id_root, extension=custodian.id)
    el(org, "name").text = custodian.name
    custodian_address(org, custodian)
    legal = el(doc, "legalAuthenticator")
    el(legal, "time", value=stamp)
    el(legal, "signatureCode", code="S")
    clinician(legal, "assignedEntity", author)
