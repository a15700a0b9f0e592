"""Renderer-neutral document content: the CDA and the PDF renderers both read these."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from fse_desk.pss.model import Pss
from fse_desk_sandbox.region.facilities import Clinician, Facility


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Paragraph | Bullets | Table
"""A narrative block of a section, as both renderers draw it."""


def para(text: str) -> Block:
    return Paragraph(text)


def bullets(items: list[str]) -> Block:
    return Bullets(tuple(items))


def table(header: list[str], rows: list[list[str]]) -> Block:
    return Table(tuple(header), tuple(tuple(r) for r in rows))


@dataclass(frozen=True, slots=True)
class LabResult:
    loinc: str
    name: str
    value: float
    unit: str
    decimals: int
    low: float | None
    high: float | None
    flag: str  # H, L or N

    @property
    def shown_value(self) -> str:
        return f"{self.value:.{self.decimals}f}"

    @property
    def shown_value_it(self) -> str:
        """With the decimal comma, as an Italian report prints it."""
        return self.shown_value.replace(".", ",")

    @property
    def shown_range(self) -> str:
        """``3,5 - 5,1``, ``< 200`` or ``> 40`` (decimal comma)."""
        if self.low is not None and self.high is not None:
            text = f"{self.low:g} - {self.high:g}"
        elif self.high is not None:
            text = f"< {self.high:g}"
        else:
            text = f"> {self.low:g}"
        return text.replace(".", ",")


@dataclass(frozen=True, slots=True)
class Section:
    code: str  # LOINC section code
    title: str
    blocks: tuple[Block, ...]
    results: tuple[LabResult, ...] = ()


@dataclass(slots=True)
class Doc:
    """One FSE document about to be rendered (CDA or PDF) and indexed (DocumentReference)."""

    loinc: str
    description: str
    author: Clinician | None  # None: uploaded by the patient (taccuino)
    custodian: Facility
    service_time: datetime
    signed_time: datetime
    sections: list[Section]
    pdf: bool = False
    confidentiality: str = "N"
    study_uid: str | None = None
    heading: str = ""  # PDF letterhead line, e.g. the programme name
    extra: dict[str, str] = field(default_factory=dict)
    pss: Pss | None = None  # a PSS version: the body is this record written as a PSS CDA


@dataclass(frozen=True, slots=True)
class Vital:
    """A vital sign measured in the office (becomes a FHIR Observation)."""

    loinc: str
    display: str
    value: float
    unit: str
    when: datetime


def years_between(start: date, end: date) -> float:
    return (end - start).days / 365.25
