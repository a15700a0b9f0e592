"""Sign a CDA document and queue it for the FSE 2.0 gateway, offline too.

The one path of the documents a doctor publishes besides the PSS (the televisit
report, the telemonitoring "Report rilevazione"), as :mod:`fse_desk.pss.publication`:
the CDA embedded in a PDF as ``cda.xml``, signed (PAdES) at queue time, one PUBLISH
entry in the outbox; :mod:`fse_desk.connectors.gateway_push` sends it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from fse_desk._types import PatientId
from fse_desk.connectors.gateway import Publication
from fse_desk.connectors.gateway_jwt import PurposeOfUse
from fse_desk.connectors.gateway_push import NO_GATEWAY, PublishRequest
from fse_desk.domain.identifiers import region_of_document_root, repository_id, submission_set_id
from fse_desk.domain.outbox import OutboxMethod
from fse_desk.domain.patient import ConsentState, Patient
from fse_desk.domain.rome_clock import ROME
from fse_desk.domain.timeline import Purpose
from fse_desk.errors import ConfigError
from fse_desk.pss.model import Clinician, Organization, PatientInfo
from fse_desk.pss.pdf import PdfSection, PssPrintout, render_pss_pdf, sign_pades
from fse_desk.security.certificates import OperatorCredentials
from fse_desk.store import CacheStore


def publication_for(
    *,
    id_root: str,
    document_id: str,
    loinc: str,
    document_class: str,
    activity: str,
    start: datetime,
    patient: Patient,
    purpose: Purpose = Purpose.TREATMENT,
) -> Publication:
    """The gateway's publication fields (stable across retries, so a retry is the same
    submission)."""
    region = region_of_document_root(id_root)
    full_id = f"{id_root}^{document_id}"
    # 64 bits keep the submission id within the 64 characters of an XDS uniqueId.
    serial = uuid.uuid5(uuid.NAMESPACE_OID, full_id).int >> 64
    return Publication(
        identificativo_doc=full_id,
        identificativo_rep=repository_id(region),
        identificativo_sottomissione=submission_set_id(region, serial),
        data_inizio_prestazione=start,
        patient_cf=patient.codice_fiscale,
        patient_consent=patient.consent is ConsentState.GRANTED,
        tipo_documento_liv_alto=document_class,
        tipo_attivita_clinica=activity,
        resource_hl7_type=f"('{loinc}^^2.16.840.1.113883.6.1')",
        purpose_of_use=PurposeOfUse.declared(purpose).value,
    )


def report_printout(
    title: str,
    patient: PatientInfo,
    author: Clinician,
    custodian: Organization,
    effective_time: datetime,
    sections: tuple[PdfSection, ...],
    *,
    extra_lines: tuple[tuple[str, str], ...] = (),
) -> PssPrintout:
    """The printable form of a signed report: the patient's lines, its sections, by whom."""
    return PssPrintout(
        title=title,
        patient_lines=(
            ("Assistito", f"{patient.given} {patient.family}"),
            ("Codice fiscale", patient.cf),
            ("Data di nascita", f"{patient.birth_date:%d/%m/%Y}"),
            *extra_lines,
        ),
        sections=sections,
        author=f"{author.given} {author.family}",
        organization=custodian.name,
        version=1,
        date=effective_time.astimezone(ROME),
        patient_name=f"{patient.given} {patient.family}",
    )


@dataclass(frozen=True, slots=True)
class SignedDocument:
    """A checked CDA with its printable form, ready to sign and queue."""

    outbox_resource: str  # the outbox entry's resource type
    document_id: str
    cda: bytes
    printout: PssPrintout
    publication: Publication
    description: str  # the outbox line the team reads
    reason: str  # the signature's stated reason (the document's title)


def queue_signed(
    store: CacheStore,
    credentials: Callable[[], OperatorCredentials],
    gateway_url: str | None,
    document: SignedDocument,
    patient_id: PatientId,
) -> int:
    """Sign ``document`` and queue it; the outbox entry id. Nothing is queued on error."""
    if gateway_url is None:
        raise ConfigError(NO_GATEWAY)
    pdf = sign_pades(
        render_pss_pdf(document.printout, document.cda), credentials(), reason=document.reason
    )
    request = PublishRequest(pdf, document.publication)
    with store.transaction():
        return store.outbox.enqueue(
            resource_type=document.outbox_resource,
            resource_id=document.document_id,
            method=OutboxMethod.PUBLISH,
            payload=request.payload(),
            description=document.description,
            patient_id=patient_id,
        )
