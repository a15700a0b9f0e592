"""CDA R2 PSS bytes → :class:`~fse_desk.pss.model.Pss`.

Parsing goes through :func:`fse_desk.documents.cda.parse_xml` (no DTD, no
entities, no external references, size cap). A document that is not a PSS, or
whose content cannot make the records, raises :class:`MalformedDocument`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from xml.etree.ElementTree import Element

from fse_desk.documents.cda import parse_ts, parse_xml
from fse_desk.domain.postal_address import PostalAddress
from fse_desk.errors import InvalidRecord, MalformedDocument
from fse_desk.pss import codes
from fse_desk.pss._entries import (
    ABSENCE,
    AGE_AT_DEATH,
    AGE_AT_ONSET,
    CND_VARIOUS,
    CRITICALITY,
    DEVICE_CATALOGUE,
    DOSE_NUMBER,
    HAS_NOTE,
    NOTE_CODE,
    REACTION,
    SEVERITY,
    SPECS,
    V3,
    EntrySpec,
    base_type,
    entry_template,
    field_types,
    rel_code,
)
from fse_desk.pss._kept import keep_entry, keep_section, written_by_us
from fse_desk.pss.model import (
    ENTRY_TYPES,
    NONE_FLAGS,
    AdministrativeSex,
    Clinician,
    Coded,
    Confidentiality,
    Entry,
    KeptEntry,
    KeptSection,
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


def _address(addr: Element | None) -> str:
    """An ``addr`` on one line as letterhead writes it ("Via Roma 1, 40038 Vergato (BO)"),
    whatever order a vendor put its parts in; without a street and a city, the parts it
    has, joined by commas in their order."""
    if addr is None:
        return ""
    street, city, postal_code, county = (
        _text(_find(addr, f"h:{tag}")).strip()
        for tag in ("streetAddressLine", "city", "postalCode", "county")
    )
    if street and city:
        return PostalAddress(street, city, postal_code, county).one_line()
    parts = [_text(part).strip() for part in addr] or [_text(addr).strip()]
    return ", ".join(p for p in parts if p)


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
    return Coded(
        str(el.get("code", "")), str(el.get("codeSystem", "")), str(el.get("displayName", ""))
    )


def _convert(el: Element, kind: type, where: str) -> Any:
    """A <value>/<code> element → a Python value of ``kind``."""
    if kind is Coded:
        return _coded(el, where)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        try:
            return kind(el.get("code", ""))
        except ValueError as exc:
            raise MalformedDocument(
                f"{where}: code {el.get('code')!r} is not a {kind.__name__}"
            ) from exc
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


def _core(entry: Element, spec: EntrySpec, where: str) -> tuple[Element, Element]:
    """(outer statement of the entry, the statement holding the entry's facts)."""
    outer = _statement(entry)
    if not spec.wrapper:
        return outer, outer
    path = "h:entryRelationship/h:" if spec.wrapper == "act" else "h:component/h:"
    core = _find(outer, path + spec.element)
    if core is None:
        raise MalformedDocument(f"{where}: the {spec.wrapper} holds no {spec.element}")
    return outer, core


def _child(el: Element, path: str) -> Element:
    """The child at ``path``, or ``el`` itself (whose missing attributes then fail)."""
    found = _find(el, path)
    return el if found is None else found


def _original_text(el: Element | None) -> str:
    return _text(_find(el, "h:originalText"))


def _note(st: Element) -> str:
    for act in _findall(st, "h:entryRelationship/h:act"):
        if _attr(act, "h:code", "code") == NOTE_CODE[0]:
            return _text(_find(act, "h:text"))
    return ""


def _unclassified(code_el: Element) -> bool:
    """CND's "various devices" category, which the writer uses for a device the doctor did
    not classify: read back as no code."""
    return (code_el.get("code"), code_el.get("codeSystem")) == (CND_VARIOUS[0], DEVICE_CATALOGUE)


def _by_code(st: Element, code: tuple[str, str, str]) -> Element | None:
    for obs in _findall(st, "h:entryRelationship/h:observation"):
        if _attr(obs, "h:code", "code") == code[0]:
            return obs
    return None


def _special(
    key: str, outer: Element, st: Element, hints: dict[str, Any], where: str
) -> dict[str, Any]:
    """The fields the PSS templates put outside the generic code/value/time/rels places."""
    values: dict[str, Any] = {}
    if key == "allergies":
        agent = _find(st, "h:participant/h:participantRole/h:playingEntity/h:code")
        if agent is not None and not agent.get("code"):
            agent = _find(agent, "h:translation")
        values["agent"] = _coded(agent, f"{where}/participant")
        reaction = _by_code(st, REACTION)
        if reaction is not None:
            values["reaction"] = _original_text(_find(reaction, "h:value"))
            severity = _by_code(reaction, SEVERITY)
            if severity is not None:
                values["severity"] = _convert(
                    _child(severity, "h:value"), base_type(hints["severity"]), f"{where}/severity"
                )
        criticality = _by_code(st, CRITICALITY)
        if criticality is not None:
            values["criticality"] = _convert(
                _child(criticality, "h:value"),
                base_type(hints["criticality"]),
                f"{where}/criticality",
            )
    elif key == "problems":
        values["status"] = _convert(
            _child(outer, "h:statusCode"), base_type(hints["status"]), f"{where}/statusCode"
        )
    elif key == "vaccinations":
        lot = _find(st, "h:consumable/h:manufacturedProduct/h:manufacturedMaterial/h:lotNumberText")
        values["lot"] = _text(lot)
        dose = _by_code(st, DOSE_NUMBER)
        if dose is not None:
            values["dose_number"] = int(_attr(dose, "h:value", "value"))
    elif key == "family_history":
        relative = _find(outer, "h:subject/h:relatedSubject/h:code")
        values["relative"] = _convert(
            relative if relative is not None else outer,
            base_type(hints["relative"]),
            f"{where}/subject",
        )
        values["note"] = _text(_find(st, "h:text"))
        onset = _by_code(st, AGE_AT_ONSET)
        if onset is not None:
            values["onset_age"] = int(_attr(onset, "h:value", "value"))
        values["deceased"] = _by_code(st, AGE_AT_DEATH) is not None
    elif key == "devices":
        code_el = _find(st, "h:code")
        values["description"] = _original_text(code_el)
        translation = _find(code_el, "h:translation")
        if translation is not None:  # our own code, under a CND code or category
            values["code"] = _coded(translation, f"{where}/code")
        elif code_el is not None and code_el.get("code") and not _unclassified(code_el):
            values["code"] = _coded(code_el, f"{where}/code")
    elif key == "procedures":
        translation = _find(st, "h:code/h:translation")
        if translation is not None:
            values["code"] = _coded(translation, f"{where}/code")
    elif key == "encounters":
        values["facility"] = _text(
            _find(st, "h:performer/h:assignedEntity/h:representedOrganization/h:name")
        )
    elif key == "functional_status":
        values["description"] = _original_text(_find(st, "h:value"))
    elif key == "disease_networks":
        values["name"] = _original_text(_find(st, "h:code"))
    if key in HAS_NOTE and key != "family_history":
        values["note"] = _note(st)
    return values


def _entry(entry: Element, key: str, where: str) -> Entry:
    spec: EntrySpec = SPECS[key]
    cls = ENTRY_TYPES[key]
    hints = field_types(cls)
    outer, st = _core(entry, spec, where)
    values: dict[str, Any] = {}
    if spec.element == "substanceAdministration":
        code_el = _find(st, "h:consumable/h:manufacturedProduct/h:manufacturedMaterial/h:code")
        values[str(spec.code)] = _coded(code_el, f"{where}/consumable")
        if spec.translation:
            tr = _find(code_el, "h:translation")
            values[spec.translation] = None if tr is None else _coded(tr, where)
            if values[str(spec.code)].system == codes.AIC:  # the product coded AIC, ATC below
                values[str(spec.code)], values[spec.translation] = (
                    values[spec.translation],
                    values[str(spec.code)],
                )
            if values[str(spec.code)] is None:
                raise MalformedDocument(f"{where}: the drug has an AIC code and no ATC code")
    elif spec.code is not None:
        code_el = _find(st, "h:code")
        if code_el is None:
            raise MalformedDocument(f"{where}: missing code")
        values[spec.code] = _convert(code_el, base_type(hints[spec.code]), f"{where}/code")
    if spec.status and not spec.wrapper:
        status_el = _find(st, "h:statusCode")
        if status_el is None:
            raise MalformedDocument(f"{where}: missing statusCode")
        values[spec.status] = _convert(
            status_el, base_type(hints[spec.status]), f"{where}/statusCode"
        )
    eff = _find(st, "h:effectiveTime")
    if spec.point:
        values[spec.point] = (
            None
            if eff is None or not eff.get("value")
            else _date(str(eff.get("value")), f"{where}/effectiveTime")
        )
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
    values.update(_special(key, outer, st, hints, where))
    try:
        record: Entry = cls(**values)
    except (TypeError, InvalidRecord) as exc:
        raise MalformedDocument(f"{where}: the entry cannot make a {cls.__name__}: {exc}") from exc
    return record


def _clinician(el: Element | None, where: str) -> Clinician:
    if el is None:
        raise MalformedDocument(f"{where} is missing")
    return Clinician(
        cf=_attr(el, "h:id", "extension"),
        given=_text(_find(el, "h:assignedPerson/h:name/h:given")),
        family=_text(_find(el, "h:assignedPerson/h:name/h:family")),
        telecom=tuple(str(t.get("value", "")) for t in _findall(el, "h:telecom")),
    )


def _is_absence(entry: Element, key: str) -> bool:
    """Whether ``entry`` is the coded "none"/"no information" entry of its section."""
    st = _statement(entry)
    if key == "family_history":
        obs = _find(st, "h:component/h:observation")
        return obs is not None and obs.get("negationInd") == "true"
    if key not in ABSENCE:
        return False
    template = entry_template(ABSENCE[key][0])
    code = ABSENCE[key][1]
    for el in (st, _find(st, "h:entryRelationship/h:observation")):
        if (
            el is not None
            and template in {t.get("root") for t in _findall(el, "h:templateId")}
            and code in (_attr(el, "h:code", "code"), _attr(el, "h:value", "code"))
        ):
            return True
    return False


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


def _section_entries(
    section: Element, key: str, ours: Callable[[Element], bool], kept: list[KeptEntry]
) -> tuple[Entry, ...]:
    """The records of ``section``'s entries; every entry this software did not write is
    also kept as written (see :class:`KeptEntry`), with no record when it reads as none."""
    records: list[Entry] = []
    text = _find(section, "h:text")
    for i, entry in enumerate(_findall(section, "h:entry")):
        where = f"section[{key}]/entry[{i + 1}]"
        if ours(entry):
            records.append(_entry(entry, key, where))
            continue
        record: Entry | None
        try:
            record = _entry(entry, key, where)
        except (MalformedDocument, InvalidRecord, ValueError):
            record = None  # shown read-only, written back as it is
        if record is not None:
            records.append(record)
        kept.append(keep_entry(entry, text, key, record))
    return tuple(records)


def _read(root: Element) -> Pss:
    role = _find(root, "h:recordTarget/h:patientRole")
    patient = _find(role, "h:patient")
    sections: dict[str, Any] = {}
    kept: list[KeptEntry] = []
    kept_sections: list[KeptSection] = []
    id_root, document_id = _attr(root, "h:id", "root"), _attr(root, "h:id", "extension")
    for comp in _findall(root, "h:component/h:structuredBody/h:component"):
        section = _find(comp, "h:section")
        if section is None:
            continue
        spec = codes.SECTION_BY_LOINC.get(_attr(section, "h:code", "code"))
        if spec is None:
            kept_sections.append(keep_section(section))
            continue
        entries = _findall(section, "h:entry")
        if len(entries) == 1 and _is_absence(entries[0], spec.key):
            if spec.key in NONE_FLAGS:
                sections[NONE_FLAGS[spec.key]] = True
            continue
        sections[spec.key] = _section_entries(
            section, spec.key, lambda e: written_by_us(e, id_root, document_id), kept
        )
    custodian = _find(root, "h:custodian/h:assignedCustodian/h:representedCustodianOrganization")
    birth = _attr(patient, "h:birthTime", "value")
    return Pss(
        document_id=document_id,
        id_root=id_root,
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
        custodian=Organization(
            id=_attr(custodian, "h:id", "extension"),
            name=_text(_find(custodian, "h:name")),
            id_root=_attr(custodian, "h:id", "root"),
            address=_address(_find(custodian, "h:addr")),
        ),
        legal_authenticator=_clinician(
            _find(root, "h:legalAuthenticator/h:assignedEntity"), "legalAuthenticator"
        ),
        replaced_id=_attr(
            root, "h:relatedDocument[@typeCode='RPLC']/h:parentDocument/h:id", "extension"
        ),
        kept_entries=tuple(kept),
        kept_sections=tuple(kept_sections),
        **sections,
    )
