"""The radiology report of a study: which CDA names it, and its text for a side panel.

A radiology report (LOINC 68604-8) names its study in
``documentationOf/serviceEvent/id/@root`` (the Study Instance UID); the FHIR
DocumentReference carries the same UID in ``context.related``, but the cache
keeps only the CDA, so the UID is read from there, with the hardened parser of
:mod:`fse_desk.documents.cda` (no DTD or entities, bounded size).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from fse_desk.documents.cda import parse_xml
from fse_desk.domain.imaging import StudyInstanceUid
from fse_desk.errors import DocumentError

_NS = {"hl7": "urn:hl7-org:v3"}
_UID = re.compile(r"^[0-9]+(\.[0-9]+)+$")


@dataclass(frozen=True, slots=True)
class ReportSection:
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class RadiologyReport:
    document_id: str
    study_uid: StudyInstanceUid
    title: str
    date: datetime
    author: str
    facility: str
    sections: tuple[ReportSection, ...]


@dataclass(frozen=True, slots=True)
class ParsedCda:
    study_uid: StudyInstanceUid | None
    title: str
    sections: tuple[ReportSection, ...]


NOT_A_REPORT = ParsedCda(None, "", ())


def read_report(data: bytes) -> ParsedCda:
    """Study UID, title and sections of a CDA; :data:`NOT_A_REPORT` when the body cannot
    be read (malformed, unsafe or too large: the study is then simply not linked)."""
    try:
        root = parse_xml(data)
    except DocumentError:
        return NOT_A_REPORT
    uid: StudyInstanceUid | None = None
    for node in root.findall("hl7:documentationOf/hl7:serviceEvent/hl7:id", _NS):
        candidate = (node.get("root") or "").removeprefix("urn:oid:")
        if _UID.match(candidate):
            uid = StudyInstanceUid(candidate)
            break
    title_node = root.find("hl7:title", _NS)
    title = "".join(title_node.itertext()).strip() if title_node is not None else ""
    sections = []
    for section in root.iter(f"{{{_NS['hl7']}}}section"):
        heading = section.find("hl7:title", _NS)
        text = section.find("hl7:text", _NS)
        body = " ".join(" ".join(text.itertext()).split()) if text is not None else ""
        sections.append(
            ReportSection("".join(heading.itertext()).strip() if heading is not None else "", body)
        )
    return ParsedCda(uid, title, tuple(sections))
