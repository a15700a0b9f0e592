"""CDA R2 (HL7 Italia) bodies → a typed, display-neutral document model.

Parsing is hardened (``defusedxml``): a DOCTYPE, an entity declaration or an
external reference is refused before anything is expanded or fetched
(:class:`UnsafeDocument`); bodies over :data:`MAX_BODY_BYTES` are refused
unread (:class:`DocumentTooLarge`); bytes that are not well-formed in their
declared encoding raise :class:`MalformedDocument`. Nothing here does I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as safe_xml

from fse_desk.documents.cda_media import MediaBlock, inline_media, media_blocks
from fse_desk.domain import loinc
from fse_desk.domain.identifiers import ROME
from fse_desk.errors import DocumentTooLarge, MalformedDocument, UnsafeDocument

MAX_BODY_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64  # narrative nesting beyond this is flattened, never recursed into
CDA_CONTENT_TYPE = "application/x-hl7-cda+xml"
LAB_REPORT_LOINC = loinc.LAB_REPORT
RADIOLOGY_REPORT_LOINC = loinc.RADIOLOGY_REPORT

_NS = "{urn:hl7-org:v3}"
_XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
_TS = re.compile(r"^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:\.\d+)?([+-]\d{4})?$")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str


@dataclass(frozen=True, slots=True)
class ListBlock:
    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TableBlock:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Paragraph | ListBlock | TableBlock | MediaBlock


@dataclass(frozen=True, slots=True)
class Section:
    code: str
    title: str
    blocks: tuple[Block, ...]
    depth: int = 0  # 0 for a body section, 1 for a section inside it, …


@dataclass(frozen=True, slots=True)
class LabResult:
    """One structured laboratory observation (LOINC analyte, UCUM unit)."""

    loinc: str
    name: str
    value: float | None
    value_text: str
    unit: str
    low: float | None
    high: float | None
    flag: str  # HL7 interpretation: N, H, L, HH, LL, A … ("" when unknown)
    time: datetime | None

    @property
    def out_of_range(self) -> bool:
        return self.flag not in ("", "N")


@dataclass(frozen=True, slots=True)
class CdaHeader:
    document_id: str
    type_code: str
    type_name: str
    title: str
    effective_time: datetime | None
    confidentiality: str
    set_id: str
    version: str
    patient_name: str
    patient_cf: str
    patient_sex: str
    patient_birth: date | None
    author: str
    author_time: datetime | None
    custodian: str
    legal_authenticator: str
    legal_time: datetime | None
    study_uid: str  # documentationOf/serviceEvent/id of a radiology report ("" if none)


@dataclass(frozen=True, slots=True)
class CdaDocument:
    header: CdaHeader
    sections: tuple[Section, ...]
    lab_results: tuple[LabResult, ...]

    @property
    def is_lab_report(self) -> bool:
        return self.header.type_code == LAB_REPORT_LOINC

    def plain_text(self) -> str:
        """Title and narrative, for the full-text index."""
        parts = [self.header.title]
        for section in self.sections:
            parts.append(section.title)
            for block in section.blocks:
                if isinstance(block, Paragraph):
                    parts.append(block.text)
                elif isinstance(block, ListBlock):
                    parts.extend(block.items)
                elif isinstance(block, MediaBlock):
                    parts.append(block.caption)
                else:
                    parts.extend(" ".join(row) for row in (block.header, *block.rows))
        return "\n".join(p for p in parts if p)


def parse_cda(data: bytes) -> CdaDocument:
    """Parse a CDA R2 body; raise a :class:`DocumentError` subclass when it cannot be shown."""
    root = parse_xml(data)
    if root.tag != f"{_NS}ClinicalDocument":
        raise MalformedDocument(
            f"the XML root is {root.tag!r}, not an HL7 CDA R2 ClinicalDocument (urn:hl7-org:v3)"
        )
    try:
        sections = tuple(_sections(root))
        header = _header(root)
        # Structured results belong to lab reports: elsewhere coded observations are
        # diagnoses, allergies or drugs, not results to tabulate.
        results = tuple(_lab_results(root)) if header.type_code == LAB_REPORT_LOINC else ()
        return CdaDocument(header, sections, results)
    except RecursionError as exc:
        raise MalformedDocument("the CDA is nested too deeply to be shown") from exc


def parse_xml(data: bytes) -> Element:
    """Hardened XML parsing: no DTD, no entities, no external references, bounded size."""
    if len(data) > MAX_BODY_BYTES:
        raise DocumentTooLarge(
            f"the document is {len(data):,} bytes; the viewer accepts up to "
            f"{MAX_BODY_BYTES:,} bytes of XML"
        )
    try:
        root: Element = safe_xml.fromstring(
            data, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except defusedxml.DTDForbidden as exc:
        raise UnsafeDocument(f"the XML declares a DTD ({exc}); refused unread") from exc
    except defusedxml.EntitiesForbidden as exc:
        raise UnsafeDocument(f"the XML declares entities ({exc}); refused unread") from exc
    except defusedxml.DefusedXmlException as exc:
        raise UnsafeDocument(f"the XML references external content ({exc}); refused") from exc
    except ParseError as exc:
        raise MalformedDocument(
            f"the XML is not well-formed or not in its declared encoding: {exc}"
        ) from exc
    except (UnicodeError, LookupError, ValueError) as exc:
        raise MalformedDocument(f"the XML cannot be decoded: {exc}") from exc
    return root


# -- helpers -------------------------------------------------------------------------------


def _find(el: Element | None, path: str) -> Element | None:
    if el is None:
        return None
    return el.find(path.replace("h:", _NS))


def _attr(el: Element | None, path: str, name: str) -> str:
    found = el if not path else _find(el, path)
    return "" if found is None else str(found.get(name, ""))


def _text(el: Element | None, *, skip_media: bool = False) -> str:
    if el is None:
        return ""
    if skip_media and el.find(f".//{_NS}renderMultiMedia") is not None:
        # The image's caption is shown with the image, not twice.
        return _SPACES.sub(" ", "".join(_text_outside_media(el))).strip()
    return _SPACES.sub(" ", "".join(el.itertext())).strip()


def _text_outside_media(el: Element) -> Iterator[str]:
    if _local(el.tag) == "renderMultiMedia":
        return
    yield el.text or ""
    for child in el:
        yield from _text_outside_media(child)
        yield child.tail or ""


def _media_of(element: Element, media: dict[str, tuple[str, bytes]]) -> list[MediaBlock]:
    return media_blocks(element, _text(_find(element, "h:caption")), media)


def parse_ts(value: str) -> datetime | None:
    """HL7 TS (``20240305101200+0100``, ``20240305``) → aware datetime (Rome when no offset)."""
    m = _TS.match(value.strip()) if value else None
    if m is None:
        return None
    y, mo, d, h, mi, s, off = m.groups()
    try:
        naive = datetime(int(y), int(mo or 1), int(d or 1), int(h or 0), int(mi or 0), int(s or 0))
    except ValueError:
        return None
    if off:
        sign = -1 if off[0] == "-" else 1
        delta = timedelta(hours=int(off[1:3]), minutes=int(off[3:5]))
        return naive.replace(tzinfo=timezone(sign * delta))
    return naive.replace(tzinfo=ROME)


def _name(el: Element | None) -> str:
    name = _find(el, "h:name")
    if name is None:
        return ""
    parts = [_text(name.find(f"{_NS}{p}")) for p in ("prefix", "given", "family")]
    joined = " ".join(p for p in parts if p)
    return joined or _text(name)


def _assigned_name(el: Element | None, entity: str) -> str:
    holder = _find(el, entity)
    person = _find(holder, "h:assignedPerson")
    name = _name(person)
    if not name:
        org = _find(holder, "h:representedOrganization")
        name = _text(_find(org, "h:name"))
    return name


def _header(root: Element) -> CdaHeader:
    patient_role = _find(root, "h:recordTarget/h:patientRole")
    patient = _find(patient_role, "h:patient")
    author = _find(root, "h:author")
    legal = _find(root, "h:legalAuthenticator")
    ident = _find(root, "h:id")
    extension = _attr(ident, "", "extension")
    birth = parse_ts(_attr(patient, "h:birthTime", "value"))
    return CdaHeader(
        document_id=f"{_attr(ident, '', 'root')}^{extension}" if extension else "",
        type_code=_attr(root, "h:code", "code"),
        type_name=_attr(root, "h:code", "displayName"),
        title=_text(_find(root, "h:title")),
        effective_time=parse_ts(_attr(root, "h:effectiveTime", "value")),
        confidentiality=_attr(root, "h:confidentialityCode", "code"),
        set_id=_attr(root, "h:setId", "extension"),
        version=_attr(root, "h:versionNumber", "value"),
        patient_name=_name(patient),
        patient_cf=_attr(patient_role, "h:id", "extension"),
        patient_sex=_attr(patient, "h:administrativeGenderCode", "code"),
        patient_birth=None if birth is None else birth.date(),
        author=_assigned_name(author, "h:assignedAuthor"),
        author_time=parse_ts(_attr(author, "h:time", "value")),
        custodian=_text(
            _find(root, "h:custodian/h:assignedCustodian/h:representedCustodianOrganization/h:name")
        ),
        legal_authenticator=_assigned_name(legal, "h:assignedEntity"),
        legal_time=parse_ts(_attr(legal, "h:time", "value")),
        study_uid=_attr(root, "h:documentationOf/h:serviceEvent/h:id", "root"),
    )


def _section_elements(root: Element) -> list[Element]:
    body = _find(root, "h:component/h:structuredBody")
    if body is None:
        return []
    return [s for s in body.iterfind(f"{_NS}component/{_NS}section")]


def _sections(root: Element) -> list[Section]:
    """Every section at every depth, in document order (a parent before its children)."""
    media = inline_media(root)
    out: list[Section] = []
    pending = [(el, 0) for el in reversed(_section_elements(root))]
    while pending:
        el, depth = pending.pop()
        out.append(
            Section(
                code=_attr(el, "h:code", "code"),
                title=_text(_find(el, "h:title")),
                blocks=tuple(_blocks(_find(el, "h:text"), media)),
                depth=depth,
            )
        )
        if depth < MAX_DEPTH:
            children = el.findall(f"{_NS}component/{_NS}section")
            pending.extend((child, depth + 1) for child in reversed(children))
    return out


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _blocks(text: Element | None, media: dict[str, tuple[str, bytes]]) -> list[Block]:
    if text is None:
        return []
    blocks: list[Block] = []
    loose: list[str] = [text.text or ""]

    def flush() -> None:
        joined = _SPACES.sub(" ", "".join(loose)).strip()
        if joined:
            blocks.append(Paragraph(joined))
        loose.clear()

    for child in text:
        kind = _local(child.tag)
        if kind == "paragraph":
            flush()
            blocks.append(Paragraph(_text(child, skip_media=True)))
        elif kind == "list":
            flush()
            _caption(child, blocks)
            items = child.iter(f"{_NS}item")
            blocks.append(ListBlock(tuple(_text(i, skip_media=True) for i in items)))
        elif kind == "table":
            flush()
            _caption(child, blocks)
            blocks.append(_table(child))
        elif kind == "renderMultiMedia":
            flush()
            blocks.extend(_media_of(child, media))
            loose.append(child.tail or "")
            continue
        elif kind == "br":
            flush()
        else:  # content, linkHtml, sub, sup, footnote …: their text only
            loose.append(_text(child, skip_media=True))
        # An image referenced inside a paragraph, a list item or a table cell follows
        # the block that holds it: a block of text cannot hold a picture here.
        nested = list(child.iter(f"{_NS}renderMultiMedia"))
        if nested:
            flush()
            for element in nested:
                blocks.extend(_media_of(element, media))
        loose.append(child.tail or "")
    flush()
    return [b for b in blocks if not isinstance(b, Paragraph) or b.text]


def _caption(el: Element, blocks: list[Block]) -> None:
    """A table's or list's caption, shown as the paragraph before it."""
    caption = _text(_find(el, "h:caption"))
    if caption:
        blocks.append(Paragraph(caption))


def _table(el: Element) -> TableBlock:
    header: tuple[str, ...] = ()
    rows: list[tuple[str, ...]] = []
    for tr in el.iter(f"{_NS}tr"):
        cells = [c for c in tr if _local(c.tag) in ("th", "td")]
        values = tuple(_text(c, skip_media=True) for c in cells)
        if not header and cells and all(_local(c.tag) == "th" for c in cells):
            header = values
        else:
            rows.append(values)
    return TableBlock(header, tuple(rows))


def _float(text: str) -> float | None:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def _flag(code: str, value: float | None, low: float | None, high: float | None) -> str:
    if code:
        return code
    if value is None:
        return ""
    if low is not None and value < low:
        return "L"
    if high is not None and value > high:
        return "H"
    return "N"


def _lab_results(root: Element) -> list[LabResult]:
    results: list[LabResult] = []
    for section in _section_elements(root):
        observations = [
            o for o in section.iter(f"{_NS}observation") if _find(o, "h:value") is not None
        ]
        if not observations:
            continue
        # Names: the entry's displayName, else the row of the section's table in entry order.
        names: list[str] = []
        for block in _blocks(_find(section, "h:text"), {}):
            if isinstance(block, TableBlock) and len(block.rows) == len(observations):
                names = [row[0] if row else "" for row in block.rows]
                break
        for i, obs in enumerate(observations):
            value_el = _find(obs, "h:value")
            code = _find(obs, "h:code")
            loinc = _attr(code, "", "code")
            name = _attr(code, "", "displayName") or (names[i] if i < len(names) else "")
            if value_el is not None and "PQ" in str(value_el.get(_XSI_TYPE, "PQ")):
                text_value = str(value_el.get("value", ""))
                unit = str(value_el.get("unit", ""))
            else:
                text_value = _text(value_el) or _attr(value_el, "", "displayName")
                unit = ""
            value = _float(text_value)
            rng = _find(obs, "h:referenceRange/h:observationRange/h:value")
            low = _float(_attr(rng, "h:low", "value"))
            high = _float(_attr(rng, "h:high", "value"))
            results.append(
                LabResult(
                    loinc=loinc,
                    name=name or f"LOINC {loinc}",
                    value=value,
                    value_text=text_value,
                    unit=unit,
                    low=low,
                    high=high,
                    flag=_flag(_attr(obs, "h:interpretationCode", "code"), value, low, high),
                    time=parse_ts(_attr(obs, "h:effectiveTime", "value")),
                )
            )
    return results
