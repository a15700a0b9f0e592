"""PSS → CDA R2 (HL7 Italia PSS guide) as UTF-8 bytes.

Built with :mod:`xml.etree.ElementTree`, so every text and attribute is escaped by
the serializer. Each section carries its templateId, LOINC code, Italian title, a
narrative table (one ``tr`` per entry, with an ``ID``) and one coded entry per row
whose ``text/reference`` points at that row.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from xml.etree import ElementTree as ET

from fse_desk.pss import codes
from fse_desk.pss._entries import (
    ENUM_LABELS,
    ENUM_SYSTEMS,
    FIELD_LABELS,
    SPECS,
    V3,
    XSI,
    EntrySpec,
    field_types,
    none_id,
    rel_code,
    row_id,
)
from fse_desk.pss.model import NONE_TEXT, Clinician, Coded, Pss

XSI_TYPE = "xsi:type"

_CONFIDENTIALITY_NAMES = {"N": "Normal", "R": "Restricted", "V": "Very Restricted"}


def _el(parent: ET.Element | None, tag: str, **attrs: str) -> ET.Element:
    # Unqualified names under a root that declares the CDA default namespace: ElementTree
    # cannot serialize a default namespace together with unprefixed attributes.
    name = tag
    clean = {k.rstrip("_"): v for k, v in attrs.items()}
    return ET.Element(name, clean) if parent is None else ET.SubElement(parent, name, clean)


def ts_date(value: date) -> str:
    return value.strftime("%Y%m%d")


def ts_datetime(value: datetime) -> str:
    return value.strftime("%Y%m%d%H%M%S%z")


def _coded(parent: ET.Element, tag: str, value: Coded, **extra: str) -> ET.Element:
    attrs = {"code": value.code, "codeSystem": value.system}
    name = codes.SYSTEM_NAMES.get(value.system)
    if name:
        attrs["codeSystemName"] = name
    if value.display:
        attrs["displayName"] = value.display
    attrs.update(extra)
    return _el(parent, tag, **attrs)


def _enum_code(parent: ET.Element, tag: str, value: enum.Enum, **extra: str) -> ET.Element:
    return _el(parent, tag, code=str(value.value), codeSystem=ENUM_SYSTEMS[type(value)],
               displayName=ENUM_LABELS[value], **extra)


def shown(value: object) -> str:
    """A field value as the narrative shows it (Italian)."""
    if value is None or value == "":
        return ""
    if isinstance(value, Coded):
        return f"{value.display} ({value.code})" if value.display else value.code
    if isinstance(value, enum.Enum):
        return ENUM_LABELS[value]
    if isinstance(value, bool):
        return "sì" if value else "no"
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def _typed_value(parent: ET.Element, value: object, unit: str | None = None) -> None:
    if isinstance(value, Coded):
        _coded(parent, "value", value, **{XSI_TYPE: "CD"})
    elif isinstance(value, enum.Enum):
        _enum_code(parent, "value", value, **{XSI_TYPE: "CD"})
    elif isinstance(value, bool):
        _el(parent, "value", **{XSI_TYPE: "BL", "value": "true" if value else "false"})
    elif isinstance(value, int):
        _el(parent, "value", **{XSI_TYPE: "INT", "value": str(value)})
    elif isinstance(value, float):
        _el(parent, "value", **{XSI_TYPE: "PQ", "value": repr(value), "unit": unit or "1"})
    elif isinstance(value, datetime):
        _el(parent, "value", **{XSI_TYPE: "TS", "value": ts_datetime(value)})
    elif isinstance(value, date):
        _el(parent, "value", **{XSI_TYPE: "TS", "value": ts_date(value)})
    else:
        _el(parent, "value", **{XSI_TYPE: "ST"}).text = str(value)


def _statement(entry_el: ET.Element, spec: EntrySpec, item: object, ref: str) -> None:
    st = _el(entry_el, spec.element, classCode=spec.class_code, moodCode=spec.mood_code)
    main = getattr(item, spec.code) if spec.code else None
    if spec.element == "substanceAdministration":
        _el(st, "text").append(_reference(ref))
        _el(st, "statusCode", code="active" if spec.mood_code == "INT" else "completed")
        _times(st, spec, item)
        product = _el(_el(st, "consumable"), "manufacturedProduct")
        material = _el(product, "manufacturedMaterial")
        assert isinstance(main, Coded)
        code_el = _coded(material, "code", main)
        extra = getattr(item, spec.translation) if spec.translation else None
        if isinstance(extra, Coded):
            _coded(code_el, "translation", extra)
    else:
        if isinstance(main, Coded):
            _coded(st, "code", main)
        elif isinstance(main, enum.Enum):
            _enum_code(st, "code", main)
        else:
            assert spec.fixed_code is not None
            code, system, display = spec.fixed_code
            _el(st, "code", code=code, codeSystem=system, displayName=display)
        _el(st, "text").append(_reference(ref))
        status = getattr(item, spec.status) if spec.status else None
        _el(st, "statusCode", code=str(status.value) if isinstance(status, enum.Enum)
            else "completed")
        _times(st, spec, item)
        if spec.value is not None:
            _typed_value(st, getattr(item, spec.value),
                         getattr(item, spec.unit) if spec.unit else None)
    for name in spec.rels:
        value = getattr(item, name)
        if value is None or value == "":
            continue
        rel = _el(st, "entryRelationship", typeCode="REFR")
        obs = _el(rel, "observation", classCode="OBS", moodCode="EVN")
        code, system = rel_code(name)
        _el(obs, "code", code=code, codeSystem=system, displayName=FIELD_LABELS.get(name, name))
        _el(obs, "statusCode", code="completed")
        _typed_value(obs, value)


def _times(st: ET.Element, spec: EntrySpec, item: object) -> None:
    if spec.point is not None:
        value = getattr(item, spec.point)
        if value is not None:
            _el(st, "effectiveTime", value=ts_date(value))
        return
    low = getattr(item, spec.low) if spec.low else None
    high = getattr(item, spec.high) if spec.high else None
    if spec.low is None and spec.high is None:
        return
    eff = _el(st, "effectiveTime")
    if low is None:
        _el(eff, "low", nullFlavor="UNK")
    else:
        _el(eff, "low", value=ts_date(low))
    if high is not None:
        _el(eff, "high", value=ts_date(high))


def _reference(ref: str) -> ET.Element:
    return _el(None, "reference", value=f"#{ref}")


def _narrative(section: ET.Element, key: str, items: tuple[object, ...], none: bool) -> None:
    text = _el(section, "text")
    if none:
        _el(text, "paragraph", ID=none_id(key)).text = NONE_TEXT[key]
        return
    if not items:
        _el(text, "paragraph").text = "Nessuna informazione registrata."
        return
    kind = type(items[0])
    names = list(field_types(kind))
    table = _el(text, "table", border="1")
    head = _el(_el(table, "thead"), "tr")
    for name in names:
        _el(head, "th").text = FIELD_LABELS.get(name, name)
    body = _el(table, "tbody")
    for i, item in enumerate(items):
        tr = _el(body, "tr", ID=row_id(key, i))
        for name in names:
            _el(tr, "td").text = shown(getattr(item, name))


def _none_entry(section: ET.Element, key: str) -> None:
    spec = SPECS[key]
    st_tag = "observation"
    entry = _el(section, "entry", typeCode="DRIV")
    st = _el(entry, st_tag, classCode="OBS", moodCode="EVN", negationInd="true")
    section_spec = codes.SECTION_BY_KEY[key]
    code = spec.fixed_code or (section_spec.loinc, codes.LOINC, section_spec.title)
    _el(st, "code", code=code[0], codeSystem=code[1], displayName=code[2])
    _el(st, "text").append(_reference(none_id(key)))
    _el(st, "statusCode", code="completed")
    _el(st, "value", **{XSI_TYPE: "CD", "nullFlavor": "NA"})


def _section(body: ET.Element, pss: Pss, key: str) -> None:
    spec = codes.SECTION_BY_KEY[key]
    items = pss.entries(key)
    none = pss.is_none(key)
    if not items and not none and not spec.required:
        return
    section = _el(_el(body, "component"), "section")
    _el(section, "templateId", root=spec.template_id)
    _el(section, "code", code=spec.loinc, codeSystem=codes.LOINC, codeSystemName="LOINC",
        displayName=spec.title)
    _el(section, "title").text = spec.title
    _narrative(section, key, items, none and not items)
    if none and not items:
        _none_entry(section, key)
    for i, item in enumerate(items):
        _statement(_el(section, "entry", typeCode="DRIV"), SPECS[key], item, row_id(key, i))


def _person_name(parent: ET.Element, given: str, family: str) -> None:
    name = _el(parent, "name")
    _el(name, "family").text = family
    if given:
        _el(name, "given").text = given


def _clinician(parent: ET.Element, tag: str, who: Clinician, role: bool) -> None:
    assigned = _el(parent, tag)
    _el(assigned, "id", root=codes.CF_ROOT, extension=who.cf, assigningAuthorityName="MEF")
    if role:
        _el(assigned, "code", code="MMG", displayName="Medico di Medicina Generale / PLS")
    for address in who.telecom:
        _el(assigned, "telecom", value=address)
    _person_name(_el(assigned, "assignedPerson"), who.given, who.family)


def _header(doc: ET.Element, pss: Pss) -> None:
    when = ts_datetime(pss.effective_time)
    _el(doc, "realmCode", code="IT")
    _el(doc, "typeId", root=codes.CDA_TYPE_ID[0], extension=codes.CDA_TYPE_ID[1])
    _el(doc, "templateId", root=codes.DOCUMENT_TEMPLATE)
    _el(doc, "id", root=pss.id_root, extension=pss.document_id)
    _el(doc, "code", code=codes.PSS_LOINC, codeSystem=codes.LOINC, codeSystemName="LOINC",
        displayName=codes.PSS_TITLE)
    _el(doc, "title").text = codes.PSS_TITLE
    _el(doc, "effectiveTime", value=when)
    level = pss.confidentiality.value
    _el(doc, "confidentialityCode", code=level, codeSystem=codes.CONFIDENTIALITY,
        displayName=_CONFIDENTIALITY_NAMES[level])
    _el(doc, "languageCode", code="it-IT")
    _el(doc, "setId", root=pss.id_root, extension=pss.set_id)
    _el(doc, "versionNumber", value=str(pss.version))
    role = _el(_el(doc, "recordTarget"), "patientRole")
    _el(role, "id", root=codes.CF_ROOT, extension=pss.patient.cf, assigningAuthorityName="MEF")
    patient = _el(role, "patient")
    _person_name(patient, pss.patient.given, pss.patient.family)
    _el(patient, "administrativeGenderCode", code=pss.patient.sex.value,
        codeSystem=codes.ADMIN_GENDER)
    _el(patient, "birthTime", value=ts_date(pss.patient.birth_date))
    author = _el(doc, "author")
    _el(author, "time", value=when)
    _clinician(author, "assignedAuthor", pss.author, role=True)
    org = _el(_el(_el(doc, "custodian"), "assignedCustodian"), "representedCustodianOrganization")
    _el(org, "id", root=pss.custodian.id_root, extension=pss.custodian.id)
    _el(org, "name").text = pss.custodian.name
    legal = _el(doc, "legalAuthenticator")
    _el(legal, "time", value=when)
    _el(legal, "signatureCode", code="S")
    _clinician(legal, "assignedEntity", pss.legal_authenticator, role=False)
    event = _el(_el(doc, "documentationOf"), "serviceEvent")
    _el(_el(event, "effectiveTime"), "low", value=when)
    if pss.version > 1:
        related = _el(doc, "relatedDocument", typeCode="RPLC")
        parent = _el(related, "parentDocument")
        _el(parent, "id", root=pss.id_root, extension=pss.replaced_id)


def write_cda(pss: Pss) -> bytes:
    """The PSS as a CDA R2 ClinicalDocument, UTF-8 with an XML declaration."""
    doc = _el(None, "ClinicalDocument", xmlns=V3, **{"xmlns:xsi": XSI})
    _header(doc, pss)
    body = _el(_el(doc, "component"), "structuredBody")
    for spec in codes.SECTIONS:
        _section(body, pss, spec.key)
    return ET.tostring(doc, encoding="utf-8", xml_declaration=True)
