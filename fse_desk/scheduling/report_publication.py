"""Queue a signed Referto di televisita for the FSE 2.0 gateway, like the PSS.

The same path as :mod:`fse_desk.pss.publication`: checked, written, embedded in a
PDF as ``cda.xml``, signed (PAdES) at queue time so it works offline, one PUBLISH
entry in the outbox; :mod:`fse_desk.connectors.gateway_push` sends it. The
document class is REF and the JWT resource type 75496-0.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from fse_desk.connectors.gateway import Publication
from fse_desk.connectors.gateway_jwt import PurposeOfUse
from fse_desk.connectors.gateway_push import NO_GATEWAY, PublishRequest
from fse_desk.domain.identifiers import region_of_document_root, repository_id, submission_set_id
from fse_desk.domain.outbox import OutboxMethod
from fse_desk.domain.patient import ConsentState, Patient
from fse_desk.domain.roles import Role
from fse_desk.domain.rome_clock import ROME
from fse_desk.domain.timeline import Purpose
from fse_desk.errors import ConfigError, InvalidRecord
from fse_desk.pss.pdf import PdfSection, PssPrintout, render_pss_pdf, sign_pades
from fse_desk.scheduling.report import (
    REPORT_ID_ROOT,
    REPORT_LOINC,
    REPORT_TITLE,
    TelevisitReport,
    ready_to_sign,
)
from fse_desk.scheduling.report_cda import write_report_cda
from fse_desk.scheduling.report_checks import validate_report_structure
from fse_desk.security.certificates import OperatorCredentials
from fse_desk.store import CacheStore

OUTBOX_RESOURCE = "TelevisitReport"
REPORT_HL7_TYPE = f"('{REPORT_LOINC}^^2.16.840.1.113883.6.1')"


def publication_of(
    report: TelevisitReport, patient: Patient, purpose: Purpose = Purpose.TREATMENT
) -> Publication:
    """The gateway's publication fields (stable across retries), as for the PSS."""
    region = region_of_document_root(REPORT_ID_ROOT)
    full_id = f"{REPORT_ID_ROOT}^{report.document_id}"
    # 64 bits keep the submission id within the 64 characters of an XDS uniqueId.
    serial = uuid.uuid5(uuid.NAMESPACE_OID, full_id).int >> 64
    return Publication(
        identificativo_doc=full_id,
        identificativo_rep=repository_id(region),
        identificativo_sottomissione=submission_set_id(region, serial),
        data_inizio_prestazione=report.appointment.start,
        patient_cf=patient.codice_fiscale,
        patient_consent=patient.consent is ConsentState.GRANTED,
        tipo_documento_liv_alto="REF",
        tipo_attivita_clinica="CON",
        resource_hl7_type=REPORT_HL7_TYPE,
        purpose_of_use=PurposeOfUse.declared(purpose).value,
    )


def _printout(report: TelevisitReport) -> PssPrintout:
    patient = report.patient
    return PssPrintout(
        title=REPORT_TITLE,
        patient_lines=(
            ("Assistito", f"{patient.given} {patient.family}"),
            ("Codice fiscale", patient.cf),
            ("Data di nascita", f"{patient.birth_date:%d/%m/%Y}"),
        ),
        sections=(
            PdfSection("Prestazioni", ((report.performed,),)),
            PdfSection("Referto", tuple((p,) for p in report.findings.strip().split("\n\n"))),
        ),
        author=f"{report.author.given} {report.author.family}",
        organization=report.custodian.name,
        version=1,
        date=report.effective_time.astimezone(ROME),
        patient_name=f"{patient.given} {patient.family}",
    )


def queue_report(
    store: CacheStore,
    credentials: Callable[[], OperatorCredentials],
    gateway_url: str | None,
    report: TelevisitReport,
    patient: Patient,
    role: Role,
    purpose: Purpose = Purpose.TREATMENT,
) -> int:
    """Check, sign and queue ``report``; the outbox entry id. Nothing is queued on error."""
    if gateway_url is None:
        raise ConfigError(NO_GATEWAY)
    ready_to_sign(report, role)
    if report.patient.cf != patient.codice_fiscale:
        raise InvalidRecord("the report is about another patient", field="patient.cf")
    cda = write_report_cda(report)
    problems = validate_report_structure(cda)
    if problems:
        raise InvalidRecord(
            "; ".join(p.message for p in problems[:5]), field=problems[0].location or "cda"
        )
    pdf = sign_pades(render_pss_pdf(_printout(report), cda), credentials(), reason=REPORT_TITLE)
    request = PublishRequest(pdf, publication_of(report, patient, purpose))
    day = report.appointment.start.astimezone(ROME)
    with store.transaction():
        entry_id = store.outbox.enqueue(
            resource_type=OUTBOX_RESOURCE,
            resource_id=report.document_id,
            method=OutboxMethod.PUBLISH,
            payload=request.payload(),
            description=f"Referto di televisita del {day:%d/%m/%Y}",
            patient_id=patient.id,
        )
    return entry_id
