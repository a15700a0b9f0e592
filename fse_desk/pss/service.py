"""The PSS capability as the UI sees it (``workstation.pss``): versions, reading, who may publish.

Versions are listed from the cached DocumentReferences of type 60591-5; a version's
body is read through the timeline's open path, so it is consent-checked, fetched once
and cached, and every reading is in the access log.

Known limit: the sync keeps only ``current`` DocumentReferences, so a version the
gateway marked ``superseded`` leaves the cache and this list (see the issue 5 notes).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from fse_desk._types import DocumentId, PatientId
from fse_desk.domain.patient import ConsentState
from fse_desk.errors import ConsentMissing, MalformedDocument
from fse_desk.pss.cda_reader import read_cda
from fse_desk.pss.cda_writer import write_cda
from fse_desk.pss.codes import PSS_LOINC
from fse_desk.pss.model import Pss
from fse_desk.store import CacheStore
from fse_desk.timeline import BodyKind, TimelineService
from fse_desk.timeline.service import OperatorLike


class PublishRefusal(enum.Enum):
    """Why an operator may only read the PSS (the UI words each reason)."""

    NOT_MMG_OR_PLS = "role.not_mmg_pls"


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

    def __init__(self, store: CacheStore, timeline: TimelineService) -> None:
        self._store = store
        self._timeline = timeline

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

    def history(self, patient_id: PatientId) -> list[PssVersion]:
        """The cached PSS versions, newest (the current one) first.

        Raises :class:`ConsentMissing` for a patient without consent to consultation.
        """
        patient = self._store.patients.get(patient_id)
        if patient is None or patient.consent is not ConsentState.GRANTED:
            raise ConsentMissing(
                f"patient {patient_id} has not consented to the consultation of the FSE"
            )
        metas = [m for m in self._store.documents.list_for_patient(patient_id)
                 if m.type_code == PSS_LOINC]
        total = len(metas)
        return [PssVersion(m.id, total - i, m.date, m.author, current=i == 0)
                for i, m in enumerate(metas)]

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
    def can_publish(operator: OperatorLike) -> tuple[bool, PublishRefusal | None]:
        """Whether ``operator`` may publish a PSS, and why not.

        Only MMG/PLS write the PSS. The rule "only the patient's own MMG/PLS" also needs
        the patient's generalPractitioner, which the cache does not hold yet.
        """
        if getattr(operator.role, "writes_pss", False):
            return True, None
        return False, PublishRefusal.NOT_MMG_OR_PLS
