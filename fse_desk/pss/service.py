"""The PSS capability as the UI sees it (``workstation.pss``): versions, reading, who may publish.

Versions are listed from the cached DocumentReferences of type 60591-5; a version's
body is read through the timeline's open path, so it is consent-checked, fetched once
and cached, and every reading is in the access log. The sync keeps the versions the
gateway marked ``superseded``, so earlier versions stay listed (and readable).

Only the patient's own MMG/PLS may publish: the operator's Practitioner id must be the
patient's ``generalPractitioner`` on the regional server.
"""

from __future__ import annotations

import logging
from collections.abc import Generator
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from fse_desk._types import DocumentId, PatientId
from fse_desk.audit import OperatorLike
from fse_desk.domain.document import DocumentStatus
from fse_desk.domain.identifiers import ROME
from fse_desk.domain.patient import ConsentState, Patient
from fse_desk.domain.roles import Role
from fse_desk.domain.timeline import AccessAction
from fse_desk.errors import (
    BodyNotAvailableOffline,
    ConfigError,
    ConnectorError,
    ConsentMissing,
    InvalidRecord,
    MalformedDocument,
)
from fse_desk.progress import CancelToken, Progress
from fse_desk.pss.cda_reader import read_cda
from fse_desk.pss.cda_writer import write_cda
from fse_desk.pss.codes import PSS_LOINC
from fse_desk.pss.drafting import PssSigner, start_draft
from fse_desk.pss.errors import PublishNotAllowed, PublishRefusal
from fse_desk.pss.model import Pss
from fse_desk.pss.publication import PssPublisher
from fse_desk.pss.refresh import index_missing, suggest_from_cache
from fse_desk.pss.suggestions import SuggestionSet, read_filter, suggestion_vocabularies
from fse_desk.pss.vocabularies import Vocabulary, shared_vocabulary
from fse_desk.security.permissions import Action, allowed
from fse_desk.security.signing_key import SigningKey
from fse_desk.store import CacheStore
from fse_desk.timeline import BodyKind, TimelineService

_log = logging.getLogger(__name__)


class PublisherLike(OperatorLike, Protocol):
    """An operator as :meth:`PssService.can_publish` judges them."""

    @property
    def practitioner_id(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class PssVersion:
    """One cached PSS version. ``number`` counts the cached versions, oldest = 1; the
    CDA's own versionNumber is on the :class:`Pss` that :meth:`PssService.read` returns."""

    document_id: DocumentId
    number: int
    date: datetime
    author: str
    current: bool


class PssService:
    """Reads the patient's Profilo Sanitario Sintetico from the cache (no Qt)."""

    def __init__(
        self,
        store: CacheStore,
        timeline: TimelineService,
        *,
        signer: PssSigner | None = None,
        vocabulary_dir: Path | None = None,
        operator: PublisherLike | None = None,
        publisher: PssPublisher | None = None,
        signing: SigningKey | None = None,
    ) -> None:
        self._store = store
        # The certificate the publisher signs with; the editor asks its passphrase.
        self.signing = signing
        self._timeline = timeline
        self._operator = operator
        self._publisher = publisher
        self._signer = signer
        self._vocabulary_dir = vocabulary_dir

    def vocabulary(self, kind: str) -> Vocabulary:
        """The ``kind`` code list for type-ahead: the administrator's installed list when
        there is one, else the shipped one (read once per process)."""
        return shared_vocabulary(kind, self._vocabulary_dir)

    # -- a new version ------------------------------------------------------------------
    def start_draft(self, patient_id: PatientId, now: datetime | None = None) -> Pss:
        """The next version of the patient's PSS, ready to edit (not saved yet).

        It carries the current published version over (read like :meth:`read`, so it
        may be fetched once) and brings the vital signs up to date with the readings
        recorded here. Raises :class:`ConsentMissing`, the errors of :meth:`read`, and
        :class:`ConfigError` when the author's details are not configured.
        """
        if self._signer is None:
            raise ConfigError(
                "the PSS author is not configured: add given_name, family_name, phone or "
                "email, organization_id and organization_name to the [user] section"
            )
        patient = self._store.patients.get(patient_id)
        versions = self.history(patient_id)  # also checks consent
        assert patient is not None  # history() refuses unknown patients
        current = next((v for v in versions if v.current), None)
        previous = self.read(current.document_id) if current is not None else None
        return start_draft(
            patient=patient,
            signer=self._signer,
            previous=previous,
            readings=self._store.vitals.for_patient(patient_id, 200),
            now=now or datetime.now(ROME),
        )

    # -- drafts: saved as the doctor types, per patient and author ---------------------
    def save_draft(self, patient_id: PatientId, draft: Pss) -> None:
        """Keep ``draft`` in the encrypted cache (offline, and across a crash)."""
        self._store.pss_drafts.save(patient_id, draft.author.cf, write_cda(draft))

    def draft(self, patient_id: PatientId, author_cf: str) -> tuple[Pss, datetime] | None:
        """This author's saved draft for the patient, with when it was saved."""
        saved = self._store.pss_drafts.load(patient_id, author_cf)
        return (read_cda(saved[0]), saved[1]) if saved else None

    def discard_draft(self, patient_id: PatientId, author_cf: str) -> bool:
        return self._store.pss_drafts.discard(patient_id, author_cf)

    # -- publishing: queued in the outbox, sent by the next sync ---------------------------
    def queue_publication(
        self, patient_id: PatientId, draft: Pss, *, today: date | None = None
    ) -> int:
        """Check, sign and queue ``draft`` for the FSE gateway; the outbox entry id.

        The author's saved draft goes in the same transaction. Raises
        :class:`PublishNotAllowed` (with the :class:`PublishRefusal`),
        :class:`PssNotPublishable` (with every problem), :class:`ConfigError` when
        publishing is not set up, :class:`CertificateError` or :class:`SigningError`.
        """
        if self._operator is None or self._publisher is None:
            raise ConfigError(
                "publishing the PSS needs the signed-in operator and the "
                "FSE gateway set-up, which this workstation lacks"
            )
        patient = self._store.patients.get(patient_id)
        allowed, refusal = self.can_publish(self._operator, patient)
        if not allowed:
            raise PublishNotAllowed(
                f"operator {self._operator.codice_fiscale} may not publish the PSS of "
                f"patient {patient_id}: {refusal.value if refusal else 'refused'}",
                refusal=refusal,
            )
        if patient is None:
            raise InvalidRecord(f"patient {patient_id} is not in the cache", field="patient_id")
        return self._publisher.queue(
            patient, draft, operator_cf=self._operator.codice_fiscale, today=today
        )

    def history(self, patient_id: PatientId) -> list[PssVersion]:
        """The cached PSS versions: the current one first, then the others newest first.

        The current version is the newest whose status is ``current`` (the gateway marks
        a replaced one ``superseded``); there is none when every cached one is superseded.
        Raises :class:`ConsentMissing` for a patient without consent to consultation.
        """
        self._require_consent(patient_id)
        metas = [
            m
            for m in self._store.documents.list_for_patient(patient_id)
            if m.type_code == PSS_LOINC
        ]
        current = next((m.id for m in metas if m.status is DocumentStatus.CURRENT), None)
        total = len(metas)
        versions = [
            PssVersion(m.id, total - i, m.date, m.author, current=m.id == current)
            for i, m in enumerate(metas)
        ]
        return sorted(versions, key=lambda v: not v.current)  # stable: newest first otherwise

    def _require_consent(self, patient_id: PatientId) -> None:
        patient = self._store.patients.get(patient_id)
        if patient is None or patient.consent is not ConsentState.GRANTED:
            raise ConsentMissing(
                f"patient {patient_id} has not consented to the consultation of the FSE"
            )

    # -- "Aggiorna dal fascicolo" ---------------------------------------------------------
    def suggest(self, patient_id: PatientId, previous: Pss | None) -> SuggestionSet:
        """Entries for the draft found in the patient's cached documents dated after
        ``previous`` (all when None) and not already in it (see
        :func:`fse_desk.pss.suggestions.suggest_updates`), read with the same code lists
        as :meth:`vocabulary`.

        Nothing is fetched: documents never downloaded are counted in
        ``not_downloaded``. Raises :class:`ConsentMissing` like :meth:`history`.
        """
        self._require_consent(patient_id)
        access = self._timeline.access
        access.require(Action.WRITE_PSS, patient_id, audit_as=AccessAction.PSS_SUGGESTIONS)
        access.record(patient_id, AccessAction.PSS_SUGGESTIONS)
        return suggest_from_cache(
            self._store, patient_id, previous, suggestion_vocabularies(self._vocabulary_dir)
        )

    def suggest_fetching(
        self, patient_id: PatientId, previous: Pss | None, cancel: CancelToken | None = None
    ) -> Generator[Progress, None, SuggestionSet]:
        """:meth:`suggest`, after downloading the bodies it reads that were never fetched
        (progress per document; cancel keeps what arrived and stops before suggesting).

        Offline (the server cannot be reached) it suggests from what is cached, with
        ``offline`` set and the rest counted in ``not_downloaded``. A body the server
        refuses (gone, forbidden) ends the downloading the same way, logged: what is
        cached is still read.
        """
        offline = False
        try:
            yield from self._timeline.prefetch(patient_id, cancel, wanted=read_filter(previous))
        except BodyNotAvailableOffline:
            offline = True
        except ConnectorError as exc:
            _log.warning("downloading for the PSS suggestions stopped: %s", type(exc).__name__)
        found = self.suggest(patient_id, previous)
        return replace(found, offline=offline and found.not_downloaded > 0)

    def index_cached_bodies(
        self, cancel: CancelToken | None = None
    ) -> Generator[Progress, None, int]:
        """Read the findings of cached bodies that have none yet (see
        :func:`fse_desk.pss.refresh.index_missing`); the sync runs it after each pull."""
        return index_missing(self._store, suggestion_vocabularies(self._vocabulary_dir), cancel)

    def read(self, document_id: DocumentId) -> Pss:
        """The PSS of ``document_id``, parsed from its CDA (the reading is audited).

        Raises :class:`MalformedDocument` (or another DocumentError) when the body is
        not a readable PSS, :class:`ConsentMissing` without consent, and
        :class:`BodyNotAvailableOffline` when it was never fetched and we are offline.
        """
        opened = self._timeline.open_document(document_id)
        if opened.kind is not BodyKind.CDA:
            raise MalformedDocument(
                f"document {document_id} is {opened.content_type!r}, not a PSS CDA"
            )
        if opened.error is not None:
            raise opened.error
        return read_cda(opened.data)

    @staticmethod
    def can_publish(
        operator: PublisherLike, patient: Patient | None = None
    ) -> tuple[bool, PublishRefusal | None]:
        """Whether ``operator`` may publish a PSS (of ``patient``, when given), and why not.

        Only MMG/PLS write the PSS, and only the patient's own: the operator's
        Practitioner id must be the patient's general practitioner. An operator without
        a Practitioner id, or a patient whose GP is not known yet, is refused.
        """
        if not isinstance(operator.role, Role) or not allowed(operator, Action.PUBLISH_PSS):
            return False, PublishRefusal.NOT_MMG_OR_PLS
        if patient is not None and (
            not operator.practitioner_id
            or operator.practitioner_id != patient.general_practitioner_id
        ):
            return False, PublishRefusal.NOT_PATIENTS_GP
        return True, None
