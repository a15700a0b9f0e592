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
from fse_desk.connectors.gateway_push import NO_GATEWAY, PublishRequest
from fse_desk.domain.outbox import OutboxMethod
from fse_desk.domain.patient import Patient
from fse_desk.errors import ConfigError, PssNotPublishable
from fse_desk.pss.cda_writer import write_cda
from fse_desk.pss.drafting import ROME
from fse_desk.pss.model import Pss
from fse_desk.pss.pdf import sign_pades
from fse_desk.pss.printout import publication_pdf
from fse_desk.pss.validator import Problem, validate_cda_structure, validate_pss
from fse_desk.security.certificates import OperatorCredentials
from fse_desk.store import CacheStore

OUTBOX_RESOURCE = "PSS"


def _nothing() -> None:
    return None


@dataclass(frozen=True, slots=True)
class PssPublisher:
    """What queueing needs from the workstation: the cache, the certificate, the gateway.

    ``gateway_url`` None means publishing is not set up on this workstation.
    """

    store: CacheStore
    credentials: Callable[[], OperatorCredentials]
    gateway_url: str | None
    on_queued: Callable[[], None] = _nothing

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
        request = PublishRequest(pdf, publication_of(draft, patient), replaced_id(draft))
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


def publication_of(draft: Pss, patient: Patient) -> Publication:
    """The gateway's publication fields for ``draft`` (stable across retries)."""
    region = draft.id_root.removesuffix(".4.4")  # 2.16.840.1.113883.2.9.2.<region>
    submission = uuid.uuid5(uuid.NAMESPACE_OID, draft.full_id).int
    return Publication(
        identificativo_doc=draft.full_id,
        identificativo_rep=f"{region}.4.5.1",
        identificativo_sottomissione=f"2.25.{submission}",
        data_inizio_prestazione=draft.effective_time,
        patient_cf=patient.codice_fiscale,
    )


def replaced_id(draft: Pss) -> str | None:
    """``identificativoDoc`` of the version ``draft`` replaces (None for version 1)."""
    return f"{draft.id_root}^{draft.replaced_id}" if draft.version > 1 else None


def _identity_problems(draft: Pss, patient: Patient, operator_cf: str) -> list[Problem]:
    out: list[Problem] = []
    if draft.patient.cf != patient.codice_fiscale:
        out.append(
            Problem(
                "patient.mismatch",
                f"the PSS is about {draft.patient.cf}, not about patient {patient.id}",
                "",
                "patient.cf",
            )
        )
    if draft.author.cf != operator_cf.upper():
        out.append(
            Problem(
                "author.not_operator",
                "the PSS author is not the signed-in operator, who signs it",
                "",
                "author.cf",
            )
        )
    return out
