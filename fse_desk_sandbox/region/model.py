"""Renderer-neutral document content: the CDA and the PDF renderers both read these."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from fse_desk.domain.identifiers import DOCUMENT_ID_ROOT, NRE_OID
from fse_desk.pss.model import Pss
from fse_desk_sandbox.region.cda_entries import Entry
from fse_desk_sandbox.region.facilities import Clinician, Facility

PRESCRIPTION_TYPES = frozenset({"57833-6", "57832-8"})
"""Prescrizione farmaceutica and specialistica."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    ident: str = ""  # the narrative ID an entry points at (``#ident``), if any


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
    entries: tuple[Entry, ...] = ()
    template: str = ""  # the section's templateId, where its guide names one
    nre: str = ""  # a prescription's sections carry its NRE as their id
    subsections: tuple[Section, ...] = ()


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

    def identifier(self, master_id: str) -> tuple[str, str]:
        """(root, extension) of the document's id: a prescription is known by its NRE,
        every other document by the region's document id."""
        if self.loinc in PRESCRIPTION_TYPES:
            return NRE_OID, self.extra["nre"]
        return DOCUMENT_ID_ROOT, master_id


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
