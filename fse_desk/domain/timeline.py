"""Timeline rows, filters and access-audit records (plain typed values, no I/O)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from fse_desk._types import DocumentId, PatientId
from fse_desk.domain.document import DocumentClass


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One document as the timeline lists it (lighter than :class:`DocumentMeta`)."""

    id: DocumentId
    type_code: str
    doc_class: DocumentClass
    title: str
    date: datetime
    author: str
    facility: str
    content_type: str
    new: bool  # arrived since the user last reviewed this patient
    offline: bool  # the body is in the cache
    superseded: bool = False  # replaced by a newer version on the FSE

    @property
    def patient_provided(self) -> bool:
        """Uploaded by the patient to the taccuino personale."""
        return self.doc_class is DocumentClass.TAC


@dataclass(frozen=True, slots=True)
class TimelineFilter:
    """What the timeline shows; empty fields filter nothing. Combined with AND."""

    classes: frozenset[DocumentClass] = frozenset()
    facility: str | None = None
    since: datetime | None = None
    text: str = ""
    only_new: bool = False


@dataclass(frozen=True, slots=True)
class ReviewUndo:
    """How to take back one "seen" mark: the mark as it was before, restored exactly.

    ``document_id`` is None for the patient-wide mark ("Mark as reviewed"), else the one
    document marked seen. ``previous`` is the mark's (arrival watermark, time of marking)
    before the change; None when there was none (undoing removes the mark).
    """

    user_cf: str
    patient_id: PatientId
    document_id: DocumentId | None
    previous: tuple[str, str] | None


class AccessAction(enum.Enum):
    """What was done with the patient's data (IHE BALP: the AuditEvent's subtype)."""

    VIEW_TIMELINE = "view_timeline"
    OPEN_DOCUMENT = "open_document"
    VIEW_LAB_TREND = "view_lab_trend"
    PREFETCH = "prefetch"
    VIEW_STUDIES = "view_studies"
    VIEW_IMAGE_REPORT = "view_image_report"
    EXPORT_IMAGES = "export_images"
    PSS_SUGGESTIONS = "pss_suggestions"
    RECORD_VITALS = "record_vitals"
    VIEW_VITALS = "view_vitals"
    DISCARD_OUTBOX = "discard_outbox"
    VIEW_TELEMONITORING = "view_telemonitoring"
    HANDLE_ALARM = "handle_alarm"
    VIEW_AGENDA = "view_agenda"
    BOOK = "book"
    PRINT_ACCESS_REPORT = "print_access_report"

    @property
    def writes(self) -> bool:
        """A change of the patient's data (BALP "create/update"), not a reading."""
        return self in _WRITES


class Outcome(enum.Enum):
    """How the access ended (AuditEvent.outcome: 0 success, 4 minor failure)."""

    SUCCESS = "success"
    DENIED = "denied"  # the role does not allow it: nothing was shown or changed


class Purpose(enum.Enum):
    """Why the FSE was consulted (gateway ``purpose_of_use``)."""

    TREATMENT = "TREATMENT"
    EMERGENCY = "EMERGENCY"
    PUBLIC_HEALTH = "PUBLICHEALTH"  # vaccination campaigns, screening programmes
    SYSADMIN = "SYSADMIN"  # administrative work: access reports, bookings


@dataclass(frozen=True, slots=True)
class AccessRecord:
    """One line of the append-only access log: who saw what, when and why."""

    at: datetime
    user_cf: str
    user_name: str
    role: str
    patient_id: PatientId
    document_id: DocumentId | None
    action: AccessAction
    purpose: Purpose
    resource: str | None = None  # what else was touched, e.g. "ImagingStudy/<uid>"
    outcome: Outcome = Outcome.SUCCESS


_WRITES = frozenset(
    {
        AccessAction.RECORD_VITALS,
        AccessAction.DISCARD_OUTBOX,
        AccessAction.HANDLE_ALARM,
        AccessAction.BOOK,
    }
)
