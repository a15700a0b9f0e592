"""The radiology report of a study: which CDA names it, and its text for a side panel.

A radiology report (LOINC 68604-8) names its study in
``documentationOf/serviceEvent/id/@root`` (the Study Instance UID); the FHIR
DocumentReference carries the same UID in ``context.related``, but the cache
keeps only the CDA, so the UID is read from there.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime

from fse_desk.imaging.model import StudyInstanceUid

RADIOLOGY_REPORT = "68604-8"
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


def parse_cda(data: bytes) -> ParsedCda:
    """Study UID, title and sections of a CDA; empty when the body is not a CDA."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        return ParsedCda(None, "", ())
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
