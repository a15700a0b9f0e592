"""Queue a signed Referto di televisita for the FSE 2.0 gateway, like the PSS.

Checked and written here, then signed and queued by
:mod:`fse_desk.pss.signed_queue` (the path of every signed document besides the
PSS). The document class is REF and the JWT resource type 75496-0.
"""

from __future__ import annotations

from collections.abc import Callable

from fse_desk.connectors.gateway import Publication
from fse_desk.connectors.gateway_push import NO_GATEWAY
from fse_desk.domain.patient import Patient
from fse_desk.domain.roles import Role
from fse_desk.domain.rome_clock import ROME
from fse_desk.domain.timeline import Purpose
from fse_desk.errors import ConfigError, InvalidRecord
from fse_desk.pss.pdf import PdfSection, PssPrintout
from fse_desk.pss.signed_queue import (
    SignedDocument,
    publication_for,
    queue_signed,
    report_printout,
)
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


def publication_of(
    report: TelevisitReport, patient: Patient, purpose: Purpose = Purpose.TREATMENT
) -> Publication:
    """The gateway's publication fields, as for the PSS."""
    return publication_for(
        id_root=REPORT_ID_ROOT,
        document_id=report.document_id,
        loinc=REPORT_LOINC,
        document_class="REF",
        activity="CON",
        start=report.appointment.start,
        patient=patient,
        purpose=purpose,
    )


def _printout(report: TelevisitReport) -> PssPrintout:
    return report_printout(
        REPORT_TITLE,
        report.patient,
        report.author,
        report.custodian,
        report.effective_time,
        (
            PdfSection("Prestazioni", ((report.performed,),)),
            PdfSection("Referto", tuple((p,) for p in report.findings.strip().split("\n\n"))),
        ),
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
        raise ConfigError(NO_GATEWAY)  # before checking what could not be sent anyway
    ready_to_sign(report, role)
    if report.patient.cf != patient.codice_fiscale:
        raise InvalidRecord("the report is about another patient", field="patient.cf")
    cda = write_report_cda(report)
    problems = validate_report_structure(cda)
    if problems:
        raise InvalidRecord(
            "; ".join(p.message for p in problems[:5]), field=problems[0].location or "cda"
        )
    day = report.appointment.start.astimezone(ROME)
    document = SignedDocument(
        outbox_resource=OUTBOX_RESOURCE,
        document_id=report.document_id,
        cda=cda,
        printout=_printout(report),
        publication=publication_of(report, patient, purpose),
        description=f"Referto di televisita del {day:%d/%m/%Y}",
        reason=REPORT_TITLE,
    )
    return queue_signed(store, credentials, gateway_url, document, patient.id)
