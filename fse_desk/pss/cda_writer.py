"""PSS → CDA R2 (HL7 Italia PSS guide) as UTF-8 bytes: the header here, the sections in
:mod:`fse_desk.pss._cda_sections`.

Built with :mod:`xml.etree.ElementTree`, so every text and attribute is escaped by the
serializer. Checked once against the Ministry's PSS schematron (v2.4) and by our own
:func:`fse_desk.pss.validator.validate_cda_structure` in the tests.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from fse_desk.domain.identifiers import CF_OID
from fse_desk.pss import codes
from fse_desk.pss._cda_sections import EntryIds, write_section
from fse_desk.pss._cda_xml import el, ts_date, ts_datetime
from fse_desk.pss._entries import (
    AUTHOR_ROLES,
    DOCUMENT_TEMPLATE_VERSION,
    V3,
    XSI,
)
from fse_desk.pss._kept import restored
from fse_desk.pss.cda_header import custodian_address
from fse_desk.pss.model import Clinician, Pss

_CONFIDENTIALITY_NAMES = {"N": "Normal", "R": "Restricted", "V": "Very Restricted"}


def _person_name(parent: ET.Element, given: str, family: str) -> None:
    name = el(parent, "name")
    el(name, "family").text = family
    if given:
        el(name, "given").text = given


def _clinician(parent: ET.Element, tag: str, who: Clinician, role: bool) -> None:
    assigned = el(parent, tag)
    el(assigned, "id", root=CF_OID, extension=who.cf, assigningAuthorityName="MEF")
    if role:
        el(
            assigned,
            "code",
            code="MMG",
            codeSystem=AUTHOR_ROLES,
            codeSystemName="assignedAuthorCode_PSSIT",
            displayName="Medico di Medicina Generale",
        )
    for address in who.telecom:
        el(assigned, "telecom", use="WP", value=address)
    _person_name(el(assigned, "assignedPerson"), who.given, who.family)


def _header(doc: ET.Element, pss: Pss) -> None:
    when = ts_datetime(pss.effective_time)
    el(doc, "realmCode", code="IT")
    el(doc, "typeId", root=codes.CDA_TYPE_ID[0], extension=codes.CDA_TYPE_ID[1])
    el(doc, "templateId", root=codes.DOCUMENT_TEMPLATE, extension=DOCUMENT_TEMPLATE_VERSION)
    el(doc, "id", root=pss.id_root, extension=pss.document_id)
    el(
        doc,
        "code",
        code=codes.PSS_LOINC,
        codeSystem=codes.LOINC,
        codeSystemName="LOINC",
        displayName=codes.PSS_TITLE,
    )
    el(doc, "title").text = codes.PSS_TITLE
    el(doc, "effectiveTime", value=when)
    level = pss.confidentiality.value
    el(
        doc,
        "confidentialityCode",
        code=level,
        codeSystem=codes.CONFIDENTIALITY,
        displayName=_CONFIDENTIALITY_NAMES[level],
    )
    el(doc, "languageCode", code="it-IT")
    el(doc, "setId", root=pss.id_root, extension=pss.set_id)
    el(doc, "versionNumber", value=str(pss.version))
    role = el(el(doc, "recordTarget"), "patientRole")
    el(role, "id", root=CF_OID, extension=pss.patient.cf, assigningAuthorityName="MEF")
    patient = el(role, "patient")
    _person_name(patient, pss.patient.given, pss.patient.family)
    el(
        patient,
        "administrativeGenderCode",
        code=pss.patient.sex.value,
        codeSystem=codes.ADMIN_GENDER,
    )
    el(patient, "birthTime", value=ts_date(pss.patient.birth_date))
    author = el(doc, "author")
    el(author, "time", value=when)
    _clinician(author, "assignedAuthor", pss.author, role=True)
    org = el(el(el(doc, "custodian"), "assignedCustodian"), "representedCustodianOrganization")
    el(org, "id", root=pss.custodian.id_root, extension=pss.custodian.id)
    el(org, "name").text = pss.custodian.name
    custodian_address(org, pss.custodian)
    legal = el(doc, "legalAuthenticator")
    el(legal, "time", value=when)
    el(legal, "signatureCode", code="S")
    _clinician(legal, "assignedEntity", pss.legal_authenticator, role=False)
    event = el(el(doc, "documentationOf"), "serviceEvent")
    el(el(event, "effectiveTime"), "low", value=when)
    if pss.version > 1:
        related = el(doc, "relatedDocument", typeCode="RPLC")
        parent = el(related, "parentDocument")
        el(parent, "id", root=pss.id_root, extension=pss.replaced_id)


def write_cda(pss: Pss) -> bytes:
    """The PSS as a CDA R2 ClinicalDocument, UTF-8 with an XML declaration."""
    doc = el(None, "ClinicalDocument", xmlns=V3, **{"xmlns:xsi": XSI})
    _header(doc, pss)
    body = el(el(doc, "component"), "structuredBody")
    ids = EntryIds(pss)
    for spec in codes.SECTIONS:
        write_section(body, pss, spec.key, ids)
    for kept in pss.kept_sections:
        el(body, "component").append(restored(kept.xml))
    xml: bytes = ET.tostring(doc, encoding="utf-8", xml_declaration=True)
    return xml
