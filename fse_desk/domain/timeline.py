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


class AccessAction(enum.Enum):
    VIEW_TIMELINE = "view_timeline"
    OPEN_DOCUMENT = "open_document"


class Purpose(enum.Enum):
    """Why the FSE was consulted (gateway ``purpose_of_use``)."""

    TREATMENT = "TREATMENT"
    EMERGENCY = "EMERGENCY"


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
