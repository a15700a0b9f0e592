"""CDA R2 PSS bytes → :class:`~fse_desk.pss.model.Pss`.

Parsing goes through :func:`fse_desk.documents.cda.parse_xml` (no DTD, no
entities, no external references, size cap). A document that is not a PSS, or
whose content cannot make the records, raises :class:`MalformedDocument`.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any
from xml.etree.ElementTree import Element

from fse_desk.documents.cda import parse_ts, parse_xml
from fse_desk.errors import InvalidRecord, MalformedDocument
from fse_desk.pss import codes
from fse_desk.pss._entries import (
    SPECS,
    V3,
    EntrySpec,
    base_type,
    field_types,
    rel_code,
)
from fse_desk.pss.model import (
    ENTRY_TYPES,
    NONE_FLAGS,
    AdministrativeSex,
    Clinician,
    Coded,
    Confidentiality,
    Organization,
    PatientInfo,
    Pss,
)

_N = f"{{{V3}}}"


def _find(el: Element | None, path: str) -> Element | None:
    return None if el is None else el.find(path.replace("h:", _N))


def _findall(el: Element | None, path: str) -> list[Element]:
    return [] if el is None else el.findall(path.replace("h:", _N))


def _attr(el: Element | None, path: str, name: str) -> str:
    found = el if not path else _find(el, path)
    return "" if found is None else str(found.get(name, ""))


def _text(el: Element | None) -> str:
    return "" if el is None else "".join(el.itertext())


def _date(value: str, where: str) -> date:
    parsed = parse_ts(value)
    if parsed is None:
        raise MalformedDocument(f"{where}: {value!r} is not an HL7 date")
    return parsed.date()


def _datetime(value: str, where: str) -> datetime:
    parsed = parse_ts(value)
    if parsed is None:
        raise MalformedDocument(f"{where}: {value!r} is not an HL7 timestamp")
    return parsed


def _coded(el: Element | None, where: str) -> Coded:
    if el is None:
        raise MalformedDocument(f"{where}: missing coded element")
    return Coded(str(el.get("code", "")), str(el.get("codeSystem", "")),
                 str(el.get("displayName", "")))


def _convert(el: Element, kind: type, where: str) -> Any:
    """A <value>/<code> element → a Python value of ``kind``."""
    if kind is Coded:
        return _coded(el, where)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        try:
            return kind(el.get("code", ""))
        except ValueError as exc:
            raise MalformedDocument(f"{where}: code {el.get('code')!r} is not a "
                                    f"{kind.__name__}") from exc
    if kind is bool:
        return el.get("value") == "true"
    if kind is int:
        return int(el.get("value", ""))
    if kind is float:
        return float(el.get("value", ""))
    if kind is date:
        return _date(el.get("value", ""), where)
    return _text(el)


def _statement(entry: Element) -> Element:
    for child in entry:
        return child
    raise MalformedDocument("an entry holds no clinical statement")


def _entry(entry: Element, key: str, where: str) -> object:
    spec: EntrySpec = SPECS[key]
    cls = ENTRY_TYPES[key]
    hints = field_types(cls)
    st = _statement(entry)
    values: dict[str, Any] = {}
    if spec.element == "substanceAdministration":
        code_el = _find(st, "h:consumable/h:manufacturedProduct/h:manufacturedMaterial/h:code")
        values[str(spec.code)] = _coded(code_el, f"{where}/consumable")
        if spec.translation:
            tr = _find(code_el, "h:translation")
            values[spec.translation] = None if tr is None else _coded(tr, where)
    elif spec.code is not None:
        code_el = _find(st, "h:code")
        if code_el is None:
            raise MalformedDocument(f"{where}: missing code")
        values[spec.code] = _convert(code_el, base_type(hints[spec.code]), f"{where}/code")
    if spec.status:
        status_el = _find(st, "h:statusCode")
        if status_el is None:
            raise MalformedDocument(f"{where}: missing statusCode")
        values[spec.status] = _convert(status_el, base_type(hints[spec.status]),
                                       f"{where}/statusCode")
    eff = _find(st, "h:effectiveTime")
    if spec.point:
        values[spec.point] = (None if eff is None or not eff.get("value")
                              else _date(str(eff.get("value")), f"{where}/effectiveTime"))
    for bound in ("low", "high"):
        name = getattr(spec, bound)
        if name:
            value = _attr(eff, f"h:{bound}", "value")
            values[name] = _date(value, f"{where}/effectiveTime/{bound}") if value else None
    if spec.value:
        value_el = _find(st, "h:value")
        if value_el is None:
            raise MalformedDocument(f"{where}: missing value")
        values[spec.value] = _convert(value_el, base_type(hints[spec.value]), f"{where}/value")
        if spec.unit:
            values[spec.unit] = str(value_el.get("unit", ""))
    by_code = {rel_code(name): name for name in spec.rels}
    for obs in _findall(st, "h:entryRelationship/h:observation"):
        name = by_code.get((_attr(obs, "h:code", "code"), _attr(obs, "h:code", "codeSystem")))
        value_el = _find(obs, "h:value")
        if name is None or value_el is None:
            continue
        values[name] = _convert(value_el, base_type(hints[name]), f"{where}/{name}")
    try:
        return cls(**values)
    except (TypeError, InvalidRecord) as exc:
        raise MalformedDocument(f"{where}: the entry cannot make a {cls.__name__}: {exc}") \
            from exc


def _clinician(el: Element | None, where: str) -> Clinician:
    if el is None:
        raise MalformedDocument(f"{where} is missing")
    return Clinician(
        cf=_attr(el, "h:id", "extension"),
        given=_text(_find(el, "h:assignedPerson/h:name/h:given")),
        family=_text(_find(el, "h:assignedPerson/h:name/h:family")),
        telecom=tuple(str(t.get("value", "")) for t in _findall(el, "h:telecom")),
    )


def _is_negated(entry: Element) -> bool:
    st = _statement(entry)
    return st.get("negationInd") == "true"


def read_cda(data: bytes) -> Pss:
    """Parse a PSS CDA; raise a DocumentError subclass when it is unsafe or not a PSS."""
    root = parse_xml(data)
    if root.tag != f"{_N}ClinicalDocument" or _attr(root, "h:code", "code") != codes.PSS_LOINC:
        raise MalformedDocument("the document is not a Profilo Sanitario Sintetico (60591-5)")
    try:
        return _read(root)
    except InvalidRecord as exc:
        raise MalformedDocument(f"the PSS holds an invalid value ({exc.field}): {exc}") from exc
    except ValueError as exc:
        raise MalformedDocument(f"the PSS holds an unreadable value: {exc}") from exc


def _read(root: Element) -> Pss:
    role = _find(root, "h:recordTarget/h:patientRole")
    patient = _find(role, "h:patient")
    sections: dict[str, Any] = {}
    for comp in _findall(root, "h:component/h:structuredBody/h:component"):
        section = _find(comp, "h:section")
        spec = codes.SECTION_BY_LOINC.get(_attr(section, "h:code", "code"))
        if section is None or spec is None:
            continue
        where = f"section[{spec.loinc}]"
        entries = _findall(section, "h:entry")
        if len(entries) == 1 and _is_negated(entries[0]) and spec.key in NONE_FLAGS:
            sections[NONE_FLAGS[spec.key]] = True
            continue
        sections[spec.key] = tuple(_entry(e, spec.key, f"{where}/entry[{i + 1}]")
                                   for i, e in enumerate(entries))
    custodian = _find(root, "h:custodian/h:assignedCustodian/h:representedCustodianOrganization")
    birth = _attr(patient, "h:birthTime", "value")
    return Pss(
        document_id=_attr(root, "h:id", "extension"),
        id_root=_attr(root, "h:id", "root"),
        set_id=_attr(root, "h:setId", "extension"),
        version=int(_attr(root, "h:versionNumber", "value") or "0"),
        effective_time=_datetime(_attr(root, "h:effectiveTime", "value"), "effectiveTime"),
        confidentiality=Confidentiality(_attr(root, "h:confidentialityCode", "code")),
        patient=PatientInfo(
            cf=_attr(role, "h:id", "extension"),
            given=_text(_find(patient, "h:name/h:given")),
            family=_text(_find(patient, "h:name/h:family")),
            sex=AdministrativeSex(_attr(patient, "h:administrativeGenderCode", "code")),
            birth_date=_date(birth, "recordTarget/patient/birthTime"),
        ),
        author=_clinician(_find(root, "h:author/h:assignedAuthor"), "author"),
        custodian=Organization(id=_attr(custodian, "h:id", "extension"),
                               name=_text(_find(custodian, "h:name")),
                               id_root=_attr(custodian, "h:id", "root")),
        legal_authenticator=_clinician(_find(root, "h:legalAuthenticator/h:assignedEntity"),
                                       "legalAuthenticator"),
        replaced_id=_attr(root, "h:relatedDocument[@typeCode='RPLC']/h:parentDocument/h:id",
                          "extension"),
        **sections,
    )

