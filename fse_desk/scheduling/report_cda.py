"""Referto di televisita → CDA R2 (HL7 Italia televisit report) as UTF-8 bytes.

Header: realm IT, the national template ``2.16.840.1.113883.2.9.10.1.16.1.1``, LOINC
75496-0, one recordTarget, the doctor as author and legal authenticator (signature
S), the practice as custodian, inFulfillmentOf the booking (CUP code),
documentationOf a serviceEvent, componentOf the encounter (class VR, or AMB when the
visit fell back to in person) at the practice. Body: the *prestazioni* section
(62387-6) and the *referto* section (47045-0).
"""

from __future__ import annotations

import base64
from xml.etree import ElementTree as ET

from fse_desk.pss import codes
from fse_desk.pss._cda_xml import el, ts_datetime
from fse_desk.pss._entries import V3, XSI
from fse_desk.pss.cda_header import document_header
from fse_desk.scheduling.report import REPORT_ID_ROOT, REPORT_LOINC, REPORT_TITLE, TelevisitReport

DOCUMENT_TEMPLATE = "2.16.840.1.113883.2.9.10.1.16.1.1"
TEMPLATE_VERSION = "1.0"
PRESTAZIONI = ("62387-6", "Prestazioni", "2.16.840.1.113883.3.1937.777.63.10.657")
REFERTO = ("47045-0", "Referto", "2.16.840.1.113883.3.1937.777.63.10.695")
BRANCA_TEMPLATE = "2.16.840.1.113883.3.1937.777.63.10.703"
DISCIPLINA_TEMPLATE = "2.16.840.1.113883.3.1937.777.63.10.704"
SERVICE_EVENT_CODES = "2.16.840.1.113883.2.9.5.1.4"  # PROG (scheduled) / DIR
ENCOUNTER_CLASS = "2.16.840.1.113883.5.4"  # v3 ActCode: VR, AMB
CUP_ORDER_ROOT = "2.16.840.1.113883.2.9.2.80.4.6"  # the region's CUP bookings


def _header(doc: ET.Element, report: TelevisitReport) -> None:
    appointment = report.appointment
    document_header(
        doc,
        template=(DOCUMENT_TEMPLATE, TEMPLATE_VERSION),
        id_root=REPORT_ID_ROOT,
        document_id=report.document_id,
        loinc=(REPORT_LOINC, "Telehealth note"),
        title=REPORT_TITLE,
        when=report.effective_time,
        patient=report.patient,
        author=report.author,
        custodian=report.custodian,
    )
    order = el(el(doc, "inFulfillmentOf"), "order")
    if appointment.cup_code:
        el(order, "id", root=CUP_ORDER_ROOT, extension=appointment.cup_code)
    else:
        el(order, "id", root=CUP_ORDER_ROOT, extension=appointment.id)
    event = el(el(doc, "documentationOf"), "serviceEvent")
    el(event, "code", code="PROG", codeSystem=SERVICE_EVENT_CODES, displayName="Programmato")
    period = el(event, "effectiveTime")
    el(period, "low", value=ts_datetime(appointment.start))
    el(period, "high", value=ts_datetime(appointment.end))
    encounter = el(el(doc, "componentOf"), "encompassingEncounter")
    el(encounter, "id", root=REPORT_ID_ROOT + ".1", extension=appointment.id)
    el(encounter, "code", code=report.mode.value, codeSystem=ENCOUNTER_CLASS)
    times = el(encounter, "effectiveTime")
    el(times, "low", value=ts_datetime(appointment.start))
    el(times, "high", value=ts_datetime(appointment.end))
    facility = el(el(encounter, "location"), "healthCareFacility")
    provider = el(facility, "serviceProviderOrganization", classCode="ORG")
    el(provider, "id", root=report.custodian.id_root, extension=report.custodian.id)
    el(provider, "name").text = report.custodian.name
    part_of = el(el(provider, "asOrganizationPartOf"), "wholeOrganization")
    el(part_of, "id", root="2.16.840.1.113883.2.9.4.1.1", extension="080105")


def _section(body: ET.Element, spec: tuple[str, str, str]) -> ET.Element:
    section = el(el(body, "component"), "section")
    el(section, "templateId", root=spec[2])
    el(section, "code", code=spec[0], codeSystem=codes.LOINC, codeSystemName="LOINC")
    el(section, "title").text = spec[1]
    return section


def _prestazioni(body: ET.Element, report: TelevisitReport) -> None:
    section = _section(body, PRESTAZIONI)
    text = el(section, "text")
    el(text, "paragraph", ID="prestazione-1").text = report.performed
    act = el(el(section, "entry"), "act", classCode="ACT", moodCode="EVN")
    code = el(act, "code", nullFlavor="OTH")
    el(el(code, "originalText"), "reference", value="#prestazione-1")
    el(act, "effectiveTime", value=ts_datetime(report.appointment.start))
    for template, display in ((BRANCA_TEMPLATE, "branca"), (DISCIPLINA_TEMPLATE, "disciplina")):
        observation = el(
            el(act, "entryRelationship", typeCode="COMP"),
            "observation",
            classCode="OBS",
            moodCode="EVN",
        )
        el(observation, "templateId", root=template)
        el(observation, "code", nullFlavor="UNK", displayName=display)
    # The visit's record for the FSE: how it took place, as an attached text.
    summary = f"{report.performed}. Modalità: {report.mode.value}."
    media = el(el(section, "entry"), "observationMedia", classCode="OBS", moodCode="EVN")
    value = el(media, "value", mediaType="text/plain", representation="B64")
    value.text = base64.b64encode(summary.encode("utf-8")).decode("ascii")


def _referto(body: ET.Element, report: TelevisitReport) -> None:
    section = _section(body, REFERTO)
    text = el(section, "text")
    for paragraph in report.findings.strip().split("\n\n"):
        el(text, "paragraph").text = paragraph.strip()


def write_report_cda(report: TelevisitReport) -> bytes:
    doc = el(None, "ClinicalDocument", xmlns=V3, **{"xmlns:xsi": XSI})
    _header(doc, report)
    body = el(el(doc, "component"), "structuredBody")
    _prestazioni(body, report)
    _referto(body, report)
    xml: bytes = ET.tostring(doc, encoding="utf-8", xml_declaration=True)
    return xml
