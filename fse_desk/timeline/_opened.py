"""What opening a document gives the viewer: metadata plus the parsed body."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from fse_desk.documents import CdaDocument, PdfInfo
from fse_desk.domain.document import DocumentMeta
from fse_desk.errors import DocumentError


class BodyKind(enum.Enum):
    CDA = "cda"
    PDF = "pdf"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class OpenedDocument:
    """A document ready to show. ``cda`` is the parsed CDA (the body's, or the one
    embedded in a PDF); ``error`` says why it could not be parsed (an error card)."""

    meta: DocumentMeta
    kind: BodyKind
    content_type: str
    data: bytes
    cda: CdaDocument | None = None
    pdf: PdfInfo | None = None
    error: DocumentError | None = None

    @property
    def study_uid(self) -> str:
        """The imaging study a radiology report refers to ("" when none)."""
        return "" if self.cda is None else self.cda.header.study_uid


@dataclass(frozen=True, slots=True)
class LabPoint:
    """One value of an analyte, from one lab report."""

    document_id: str
    when: datetime
    value: float
    unit: str
    flag: str
    low: float | None = None  # the reference range the lab printed beside this value
    high: float | None = None


@dataclass(frozen=True, slots=True)
class LabSeries:
    loinc: str
    name: str
    unit: str
    points: tuple[LabPoint, ...]
    reports_not_available: int  # lab reports whose body is neither cached nor fetchable now

    @property
    def reference_range(self) -> tuple[float, float] | None:
        """The lab's own range printed with the latest value that has one (low, high)."""
        for point in reversed(self.points):
            if point.low is not None and point.high is not None:
                return point.low, point.high
        return None
