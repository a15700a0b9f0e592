"""Queue a PSS for the FSE 2.0 gateway: checked, written, signed, one outbox entry.

Signing happens here, at queue time, on purpose: it works offline, and the bytes
that leave later (:mod:`fse_desk.connectors.gateway_push`) are the bytes the doctor signed.
The entry and the discard of the author's saved draft are one transaction, so a
crash leaves either the draft or the queued publication, never both nor neither.

Identifiers are fixed here and never change on a retry: ``identificativoDoc`` is
``<id_root>^<document_id>`` (the CDA's own id), the submission set id is derived
from it, and a new version names the one it replaces (``<id_root>^<replaced_id>``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from fse_desk.connectors.gateway import Publication
from fse_desk.connectors.gateway_jwt import PurposeOfUse
from fse_desk.connectors.gateway_push import NO_GATEWAY, PublishRequest
from fse_desk.domain.identifiers import (
    ROME,
    region_of_document_root,
    repository_id,
    submission_set_id,
)
from fse_desk.domain.outbox import OutboxMethod
from fse_desk.domain.patient import ConsentState, Patient
from fse_desk.domain.timeline import Purpose
from fse_desk.errors import ConfigError
from fse_desk.pss.cda_writer import write_cda
from fse_desk.pss.errors import PssNotPublishable
from fse_desk.pss.model import Pss
from fse_desk.pss.pdf import sign_pades
from fse_desk.pss.printout import publication_pdf
from fse_desk.pss.validator import CheckIssue, validate_cda_structure, validate_pss
from fse_desk.security.certificates import OperatorCredentials
from fse_desk.store import CacheStore

OUTBOX_RESOURCE = "PSS"


def _nothing() -> None:
    return None


def _treatment() -> Purpose:
    return Purpose.TREATMENT


@dataclass(frozen=True, slots=True)
class PssPublisher:
    """What queueing needs from the workstation: the cache, the certificate, the gateway.

    ``gateway_url`` None means publishing is not set up on this workstation.
    """

    store: CacheStore
    credentials: Callable[[], OperatorCredentials]
    gateway_url: str | None
    on_queued: Callable[[], None] = _nothing
    # The purpose the operator declared when queueing (the workstation's session purpose).
    purpose: Callable[[], Purpose] = _treatment

    def queue(
        self, patient: Patient, draft: Pss, *, operator_cf: str, today: date | None = None
    ) -> int:
        """Check, sign and queue ``draft``; the outbox entry id (see the module notes).

        Raises :class:`ConfigError` without a gateway, :class:`PssNotPublishable`
        with every problem found, :class:`CertificateError` / :class:`SigningError`
        when signing fails. Nothing is queued and the draft is kept on any error.
        """
        if self.gateway_url is None:
            raise ConfigError(NO_GATEWAY)
        cda = write_cda(draft)
        problems = (
            _identity_problems(draft, patient, operator_cf)
            + validate_pss(draft, today or datetime.now(ROME).date())
            + validate_cda_structure(cda)
        )
        if problems:
            shown = "; ".join(p.message for p in problems[:5])
            raise PssNotPublishable(
                f"PSS {draft.document_id} of patient {patient.id} cannot be published: "
                f"{len(problems)} problem(s): {shown}",
                problems=tuple(problems),
            )
        pdf = sign_pades(publication_pdf(draft, cda), self.credentials())
        publication = publication_of(draft, patient, self.purpose())
        request = PublishRequest(pdf, publication, replaced_id(draft))
        with self.store.transaction():
            entry_id = self.store.outbox.enqueue(
                resource_type=OUTBOX_RESOURCE,
                resource_id=draft.set_id,
                method=OutboxMethod.PUBLISH,
                payload={**request.payload(), "version": draft.version},
                description=f"PSS version {draft.version} of {patient.display_name}",
                patient_id=patient.id,
            )
            self.store.pss_drafts.discard(patient.id, draft.author.cf)
        self.on_queued()
        return entry_id


def publication_of(
    draft: Pss, patient: Patient, purpose: Purpose = Purpose.TREATMENT
) -> Publication:
    """The gateway's publication fields for ``draft`` (stable across retries), sent for
    the ``purpose`` of use declared when it was queued."""
    region = region_of_document_root(draft.id_root)
    # Stable across retries; 64 bits keep the id within the 64 characters of an XDS uniqueId.
    serial = uuid.uuid5(uuid.NAMESPACE_OID, draft.full_id).int >> 64
    return Publication(
        identificativo_doc=draft.full_id,
        identificativo_rep=repository_id(region),
        identificativo_sottomissione=submission_set_id(region, serial),
        data_inizio_prestazione=draft.effective_time,
        patient_cf=patient.codice_fiscale,
        patient_consent=patient.consent is ConsentState.GRANTED,
        purpose_of_use=PurposeOfUse.declared(purpose).value,
    )


def replaced_id(draft: Pss) -> str | None:
    """``identificativoDoc`` of the version ``draft`` replaces (None for version 1)."""
    return f"{draft.id_root}^{draft.replaced_id}" if draft.version > 1 else None


def _identity_problems(draft: Pss, patient: Patient, operator_cf: str) -> list[CheckIssue]:
    out: list[CheckIssue] = []
    if draft.patient.cf != patient.codice_fiscale:
        out.append(
            CheckIssue(
                "patient.mismatch",
                f"the PSS is about {draft.patient.cf}, not about patient {patient.id}",
                "",
                "patient.cf",
            )
        )
    if draft.author.cf != operator_cf.upper():
        out.append(
            CheckIssue(
                "author.not_operator",
                "the PSS author is not the signed-in operator, who signs it",
                "",
                "author.cf",
            )
        )
    return out
