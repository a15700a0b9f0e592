"""The telemonitoring "Report rilevazione" for the FSE: the readings of a period, signed.

The HL7 Italia telemonitoring guide's document flow names the report of the readings
(Composition type LOINC 64296-7, with the plan as its "piano di cura" section
18776-5). FSE Desk writes it as a CDA R2 document, the format the FSE 2.0 gateway
takes, and publishes it like the televisit report: checked here, then signed and
queued by :mod:`fse_desk.pss.signed_queue` (offline too). Per parameter it
carries the period's count, minimum, mean and maximum, each also as a coded entry.
It lives beside the televisit report: the layer above both the PSS's document tools
and the telemonitoring service.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree as ET

from fse_desk._types import PatientId
from fse_desk.documents.cda import parse_xml
from fse_desk.domain import loinc
from fse_desk.domain.identifiers import CF_OID, document_id_root
from fse_desk.domain.patient import Patient
from fse_desk.domain.rome_clock import ROME
from fse_desk.domain.telemonitoring import DIASTOLIC, SYSTOLIC, Parameter
from fse_desk.domain.timeline import Purpose
from fse_desk.domain.units import unit_display
from fse_desk.errors import DocumentError, InvalidRecord
from fse_desk.pss import codes
from fse_desk.pss._cda_xml import el, ts_datetime
from fse_desk.pss._entries import V3, XSI
from fse_desk.pss.cda_header import document_header
from fse_desk.pss.drafting import VITAL_DISPLAY, patient_info
from fse_desk.pss.model import Clinician, Organization, PatientInfo
from fse_desk.pss.pdf import PdfSection, PssPrintout
from fse_desk.pss.signed_queue import (
    SignedDocument,
    publication_for,
    queue_signed,
    report_printout,
)
from fse_desk.security.certificates import OperatorCredentials
from fse_desk.store import CacheStore
from fse_desk.telemonitoring.report import figures
from fse_desk.telemonitoring.service import PatientTelemonitoring

REPORT_LOINC = loinc.TELEMONITORING_REPORT
REPORT_TITLE = "Report rilevazione di telemonitoraggio"
OUTBOX_RESOURCE = "TelemonitoringReport"
PLAN_SECTION = ("18776-5", "Piano di telemonitoraggio")
VITALS_SECTION = ("8716-3", "Parametri rilevati")
ID_ROOT = document_id_root()
PERIOD_DAYS = 30
_N = "{urn:hl7-org:v3}"
# LOINC → Italian name, beyond the vitals the PSS writes (one place: pss.drafting).
_DISPLAY = {**VITAL_DISPLAY, Parameter.GLUCOSE.value: "Glucosio interstiziale (CGM)"}


@dataclass(frozen=True, slots=True)
class ParameterRow:
    """One measured quantity of the period (blood pressure gives two: its components)."""

    loinc: str
    unit: str  # UCUM
    readings: int
    low: float
    mean: float
    high: float

    @property
    def name(self) -> str:
        return _DISPLAY.get(self.loinc, self.loinc)


@dataclass(frozen=True, slots=True)
class RilevazioneReport:
    document_id: str
    patient_id: PatientId
    patient: PatientInfo
    author: Clinician  # the doctor who signs (legal authenticator)
    custodian: Organization
    effective_time: datetime
    start: datetime
    end: datetime
    plan_lines: tuple[str, ...]
    rows: tuple[ParameterRow, ...]
    alarms: int


def draft_rilevazione(
    view: PatientTelemonitoring,
    patient: Patient,
    author: Clinician,
    custodian: Organization,
    now: datetime,
    days: int = PERIOD_DAYS,
) -> RilevazioneReport:
    """The report of the last ``days`` days of readings (up to the latest, as the period
    report of the tab) from what the tab shows; written ``now``."""
    latest = max((float(t.times[-1]) for t in view.tracks.values() if len(t)), default=None)
    end = datetime.fromtimestamp(latest, UTC) if latest is not None else now
    start = end - timedelta(days=days)
    rows: list[ParameterRow] = []
    for parameter, track in view.tracks.items():
        components = (
            ((SYSTOLIC, 0), (DIASTOLIC, 1))
            if parameter is Parameter.BLOOD_PRESSURE
            else ((parameter.value, 0),)
        )
        for code, column in components:
            found = figures(track, start.timestamp(), end.timestamp() + 1, column)
            if found is not None:
                rows.append(
                    ParameterRow(
                        code, parameter.unit, found.readings, found.low, found.mean, found.high
                    )
                )
    plan = view.plan
    plan_lines: tuple[str, ...] = ()
    if plan is not None:
        plan_lines = (
            f"Piano {plan.title or plan.id}: dal {plan.start:%d/%m/%Y} al {plan.end:%d/%m/%Y}, "
            f"firmato da {plan.signed_by or 'n.d.'}",
            *(f"Dispositivo {d.name}, UDI {d.udi}" for d in plan.devices),
        )
    in_period = [a for a in view.alarms if start <= a.reading.at <= end]
    return RilevazioneReport(
        document_id=str(uuid.uuid4()),
        patient_id=patient.id,
        patient=patient_info(patient),
        author=author,
        custodian=custodian,
        effective_time=now,
        start=start,
        end=end,
        plan_lines=plan_lines,
        rows=tuple(rows),
        alarms=len(in_period),
    )


def _number(value: float) -> str:
    return f"{value:.1f}"


def _section(body: ET.Element, spec: tuple[str, str]) -> ET.Element:
    section = el(el(body, "component"), "section")
    el(section, "code", code=spec[0], codeSystem=codes.LOINC, codeSystemName="LOINC")
    el(section, "title").text = spec[1]
    return section


def write_rilevazione_cda(report: RilevazioneReport) -> bytes:
    doc = el(None, "ClinicalDocument", xmlns=V3, **{"xmlns:xsi": XSI})
    # The guide defines this report in FHIR only: no national CDA template to name.
    document_header(
        doc,
        template=None,
        id_root=ID_ROOT,
        document_id=report.document_id,
        loinc=(REPORT_LOINC, "Telemonitoring report"),
        title=REPORT_TITLE,
        when=report.effective_time,
        patient=report.patient,
        author=report.author,
        custodian=report.custodian,
    )
    period = el(el(el(doc, "documentationOf"), "serviceEvent"), "effectiveTime")
    el(period, "low", value=ts_datetime(report.start.astimezone(ROME)))
    el(period, "high", value=ts_datetime(report.end.astimezone(ROME)))
    body = el(el(doc, "component"), "structuredBody")
    plan = _section(body, PLAN_SECTION)
    text = el(plan, "text")
    for line in report.plan_lines or ("Nessun piano di telemonitoraggio.",):
        el(text, "paragraph").text = line
    vitals = _section(body, VITALS_SECTION)
    text = el(vitals, "text")
    el(text, "paragraph").text = (
        f"Periodo dal {report.start.astimezone(ROME):%d/%m/%Y} al "
        f"{report.end.astimezone(ROME):%d/%m/%Y}; allarmi nel periodo: {report.alarms}."
    )
    table = el(text, "table")
    head = el(el(table, "thead"), "tr")
    for title in ("Parametro", "Rilevazioni", "Minimo", "Media", "Massimo", "Unità"):
        el(head, "th").text = title
    rows = el(table, "tbody")
    for n, row in enumerate(report.rows, start=1):
        tr = el(rows, "tr")
        cells = (row.name, str(row.readings), *map(_number, (row.low, row.mean, row.high)))
        for cell in (*cells, unit_display(row.unit)):
            el(tr, "td").text = cell
        tr.set("ID", f"param-{n}")
        observation = el(el(vitals, "entry"), "observation", classCode="OBS", moodCode="EVN")
        el(observation, "code", code=row.loinc, codeSystem=codes.LOINC, displayName=row.name)
        el(el(observation, "text"), "reference", value=f"#param-{n}")
        el(observation, "statusCode", code="completed")
        times = el(observation, "effectiveTime")
        el(times, "low", value=ts_datetime(report.start.astimezone(ROME)))
        el(times, "high", value=ts_datetime(report.end.astimezone(ROME)))
        value = el(observation, "value", unit=row.unit, value=_number(row.mean))
        value.set("xsi:type", "PQ")
    xml: bytes = ET.tostring(doc, encoding="utf-8", xml_declaration=True)
    return xml


_REQUIRED = (
    ("realmCode[@code='IT']", "realmCode IT"),
    (f"code[@code='{REPORT_LOINC}']", f"code {REPORT_LOINC}"),
    (f"recordTarget/patientRole/id[@root='{CF_OID}']", "patient CF"),
    (f"author/assignedAuthor/id[@root='{CF_OID}']", "author CF"),
    ("custodian/assignedCustodian/representedCustodianOrganization/name", "custodian name"),
    ("legalAuthenticator/signatureCode[@code='S']", "legal authenticator (S)"),
    ("documentationOf/serviceEvent/effectiveTime/low", "the period"),
)


def validate_rilevazione_structure(xml: bytes) -> list[str]:
    """What is missing from a Report rilevazione CDA (English, for the log); [] if valid."""
    try:
        root = parse_xml(xml)
    except DocumentError as exc:
        return [str(exc)]
    problems = [
        f"missing {what}"
        for path, what in _REQUIRED
        if root.find("./" + "/".join(f"{_N}{step}" for step in path.split("/"))) is None
    ]
    present = {code.get("code") for code in root.iterfind(f".//{_N}section/{_N}code")}
    for code, title in (PLAN_SECTION, VITALS_SECTION):
        if code not in present:
            problems.append(f"the {title} section ({code}) is missing")
    return problems


def _printout(report: RilevazioneReport) -> PssPrintout:
    header = ("Parametro", "Rilevazioni", "Minimo", "Media", "Massimo")
    rows = tuple(
        (
            row.name,
            str(row.readings),
            *(
                f"{_number(v).replace('.', ',')} {unit_display(row.unit)}"
                for v in (row.low, row.mean, row.high)
            ),
        )
        for row in report.rows
    )
    start, end = report.start.astimezone(ROME), report.end.astimezone(ROME)
    return report_printout(
        REPORT_TITLE,
        report.patient,
        report.author,
        report.custodian,
        report.effective_time,
        (
            PdfSection(PLAN_SECTION[1], tuple((line,) for line in report.plan_lines)),
            PdfSection(VITALS_SECTION[1], rows, header=header),
            PdfSection("Allarmi", ((f"Allarmi nel periodo: {report.alarms}",),)),
        ),
        extra_lines=(("Periodo", f"{start:%d/%m/%Y} – {end:%d/%m/%Y}"),),
    )


def queue_rilevazione(
    store: CacheStore,
    credentials: Callable[[], OperatorCredentials],
    gateway_url: str | None,
    report: RilevazioneReport,
    patient: Patient,
    purpose: Purpose = Purpose.TREATMENT,
) -> int:
    """Check, sign and queue ``report``; the outbox entry id. Nothing is queued on error."""
    if report.patient.cf != patient.codice_fiscale or report.patient_id != patient.id:
        raise InvalidRecord("the report is about another patient", field="patient.cf")
    if not report.rows:
        raise InvalidRecord("no reading in the report's period", field="rows")
    cda = write_rilevazione_cda(report)
    problems = validate_rilevazione_structure(cda)
    if problems:
        raise InvalidRecord("; ".join(problems[:5]), field="cda")
    start = report.start.astimezone(ROME)
    document = SignedDocument(
        outbox_resource=OUTBOX_RESOURCE,
        document_id=report.document_id,
        cda=cda,
        printout=_printout(report),
        publication=publication_for(
            id_root=ID_ROOT,
            document_id=report.document_id,
            loinc=REPORT_LOINC,
            document_class="REF",
            activity="CON",
            start=report.start,
            patient=patient,
            purpose=purpose,
        ),
        description=f"Report rilevazione di telemonitoraggio dal {start:%d/%m/%Y}",
        reason=REPORT_TITLE,
    )
    return queue_signed(store, credentials, gateway_url, document, patient.id)
