"""PSS → CDA R2 (HL7 Italia PSS guide) as UTF-8 bytes.

Built with :mod:`xml.etree.ElementTree`, so every text and attribute is escaped by
the serializer. Each section carries its templateId, LOINC code, Italian title, a
narrative table (one ``tr`` per entry, with an ``ID``) and one coded entry per row
whose ``text/reference`` points at that row, in the shape of the PSS entry templates
(see :mod:`fse_desk.pss._entries`). A section stated empty, or one the FSE gateway
wants even when empty (devices, procedures), carries a single coded "absence" entry.
Values outside a national catalogue go out as "other"/"no information" in that
catalogue with our own code as ``translation``, so the reader gets every value back.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any
from xml.etree import ElementTree as ET

from fse_desk.pss import codes
from fse_desk.pss._entries import (
    ABSENCE,
    AGE_AT_DEATH,
    AGE_AT_ONSET,
    AUTHOR_ROLES,
    CRITICALITY,
    DEVICE_CATALOGUE,
    DISEASE_NETWORK_SECTION_SYSTEM,
    DOCUMENT_TEMPLATE_VERSION,
    DOSE_NUMBER,
    ENUM_LABELS,
    ENUM_SYSTEMS,
    FAMILY_MEMBER,
    FIELD_LABELS,
    GATEWAY_REQUIRED,
    HAS_NOTE,
    IMMUNIZATION,
    INTOLERANCE,
    MOTOR_CAPACITY,
    NATIONAL_ALLERGENS,
    NOTE_CODE,
    NOTE_TEMPLATE,
    REACTION,
    SEVERITY,
    SPECS,
    V3,
    XSI,
    EntrySpec,
    entry_template,
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


class _Ids:
    """Entry ids: the document id extended with the narrative row the entry stands for."""

    def __init__(self, pss: Pss) -> None:
        self.root = pss.id_root
        self.prefix = pss.document_id

    def add(self, parent: ET.Element, ref: str, part: str = "") -> None:
        _el(parent, "id", root=self.root, extension=f"{self.prefix}.{ref}{part}")


def _template(parent: ET.Element, suffix: str) -> None:
    _el(parent, "templateId", root=entry_template(suffix))


def _fixed_code(parent: ET.Element, tag: str, code: tuple[str, str, str]) -> ET.Element:
    attrs = {"code": code[0], "codeSystem": code[1]}
    name = codes.SYSTEM_NAMES.get(code[1])
    if name:
        attrs["codeSystemName"] = name
    return _el(parent, tag, displayName=code[2], **attrs)


def _text(parent: ET.Element, ref: str, tag: str = "text", inline: str = "") -> ET.Element:
    """An ED pointing at the narrative; ``inline`` carries free text the model keeps."""
    text = _el(parent, tag)
    if inline:
        text.text = inline
    text.append(_reference(ref))
    return text


def _period(parent: ET.Element, low: date | None, high: date | None, *, ivl: bool = False,
            closed: bool = False) -> None:
    """effectiveTime with a low (UNK when unknown); a high when given, or UNK when
    ``closed`` (a completed act must carry one)."""
    eff = _el(parent, "effectiveTime", **({XSI_TYPE: "IVL_TS"} if ivl else {}))
    if low is None:
        _el(eff, "low", nullFlavor="UNK")
    else:
        _el(eff, "low", value=ts_date(low))
    if high is not None:
        _el(eff, "high", value=ts_date(high))
    elif closed:
        _el(eff, "high", nullFlavor="UNK")


def _note(parent: ET.Element, note: str, ref: str) -> None:
    if not note:
        return
    act = _el(_el(parent, "entryRelationship", typeCode="SUBJ", inversionInd="true"), "act",
              classCode="ACT", moodCode="EVN")
    _template(act, NOTE_TEMPLATE)
    _fixed_code(act, "code", NOTE_CODE)
    _text(act, ref, inline=note)
    _el(act, "statusCode", code="completed")


def _sub_observation(parent: ET.Element, type_code: str, template: str,
                     code: tuple[str, str, str]) -> ET.Element:
    rel = _el(parent, "entryRelationship", typeCode=type_code,
              **({"inversionInd": "true"} if type_code == "SUBJ" else {}))
    obs = _el(rel, "observation", classCode="OBS", moodCode="EVN")
    if template:
        _template(obs, template)
    _fixed_code(obs, "code", code)
    return obs


def _rels(st: ET.Element, spec: EntrySpec, item: object) -> None:
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


def _open(parent: ET.Element, spec: EntrySpec, ids: _Ids, ref: str, part: str = "",
          **attrs: str) -> ET.Element:
    st = _el(parent, spec.element, classCode=spec.class_code, moodCode=spec.mood_code, **attrs)
    if spec.template:
        _template(st, spec.template)
    ids.add(st, ref, part)
    return st


def _statement(parent: ET.Element, key: str, item: Any, ref: str, ids: _Ids) -> None:
    """The clinical statement of one entry, inside its wrapper when the template has one."""
    spec = SPECS[key]
    if key == "allergies":
        _allergy(parent, item, ref, ids)
        return
    if key == "family_history":
        _family(parent, item, ref, ids)
        return
    if spec.wrapper == "act":  # problems: the concern act carries status and period
        act = _el(parent, "act", classCode="ACT", moodCode="EVN")
        _template(act, spec.wrapper_template)
        ids.add(act, ref)
        _el(act, "code", nullFlavor="NA")
        _text(act, ref)
        status = item.status.value
        _el(act, "statusCode", code=status)
        _period(act, item.onset, item.end, closed=status == "completed")
        parent = _el(act, "entryRelationship", typeCode="SUBJ")
    elif spec.wrapper == "organizer":
        org = _el(parent, "organizer", classCode="CLUSTER" if key == "functional_status"
                  else "BATTERY", moodCode="EVN")
        _template(org, spec.wrapper_template)
        ids.add(org, ref)
        _el(org, "statusCode", code="completed")
        parent = _el(org, "component")
    st = _open(parent, spec, ids, ref, ".1" if spec.wrapper else "")
    main = getattr(item, spec.code) if spec.code else None
    if spec.element == "substanceAdministration":
        if key == "vaccinations":
            _fixed_code(st, "code", IMMUNIZATION)
        _text(st, ref)
        _el(st, "statusCode", code="active" if spec.mood_code == "INT" else "completed")
        if spec.point is not None:
            _times(st, spec, item)
        else:
            _period(st, getattr(item, str(spec.low)), None, ivl=True)
        product = _el(_el(st, "consumable"), "manufacturedProduct", classCode="MANU")
        _template(product, "3.2" if key == "vaccinations" else "2.2")
        material = _el(product, "manufacturedMaterial")
        code_el = _coded(material, "code", main)
        extra = getattr(item, spec.translation) if spec.translation else None
        if isinstance(extra, Coded):
            _coded(code_el, "translation", extra)
        if key == "vaccinations":
            lot = _el(material, "lotNumberText")
            if item.lot:
                lot.text = item.lot
            else:
                lot.set("nullFlavor", "UNK")
            if item.dose_number is not None:
                dose = _sub_observation(st, "SUBJ", "3.4", DOSE_NUMBER)
                _el(dose, "statusCode", code="completed")
                _typed_value(dose, item.dose_number)
    elif key == "devices":
        _device_code(st, item, ref)
        _text(st, ref)
        _el(st, "statusCode", code="completed")
        _period(st, item.implanted, None, ivl=True)
    elif key == "disease_networks":
        code_el = _el(st, "code", nullFlavor="OTH")
        _text(code_el, ref, "originalText", item.name)
        _text(st, ref)
        _el(st, "statusCode", code="active")
        _period(st, item.enrolled, None)
    else:
        if key == "procedures" and main.system == codes.ICD9CM_PROCEDURES:
            # The gateway wants procedures under the ICD-9-CM OID; ours stays as translation.
            code_el = _coded(st, "code", Coded(main.code, codes.ICD9CM, main.display))
            _coded(code_el, "translation", main)
        elif isinstance(main, Coded):
            _coded(st, "code", main)
        elif isinstance(main, enum.Enum):
            _enum_code(st, "code", main)
        else:
            assert spec.fixed_code is not None
            _fixed_code(st, "code", spec.fixed_code)
        _text(st, ref)
        if key == "exemptions":
            _el(st, "statusCode", code="active" if item.end is None else "completed")
        elif spec.status and spec.wrapper != "act":
            _el(st, "statusCode", code=str(getattr(item, spec.status).value))
        else:
            _el(st, "statusCode", code="completed")
        _times(st, spec, item)
        if key == "encounters" and item.facility:
            entity = _el(_el(st, "performer", typeCode="PRF"), "assignedEntity")
            _el(entity, "id", nullFlavor="NI")
            _el(_el(entity, "representedOrganization"), "name").text = item.facility
        if key == "functional_status":
            value = _el(st, "value", **{XSI_TYPE: "CD", "nullFlavor": "OTH",
                                        "codeSystem": MOTOR_CAPACITY})
            _text(value, ref, "originalText", item.description)
        elif spec.value is not None:
            _typed_value(st, getattr(item, spec.value),
                         getattr(item, spec.unit) if spec.unit else None)
    _rels(st, spec, item)
    if key in HAS_NOTE:
        _note(st, item.note, ref)


def _device_code(st: ET.Element, item: Any, ref: str) -> None:
    """The supply code: a national device catalogue code, or "other" with ours as
    translation; the description is its original text."""
    code = item.code
    if code is not None and code.system == DEVICE_CATALOGUE:
        code_el = _coded(st, "code", code)
    else:
        code_el = _el(st, "code", nullFlavor="OTH", codeSystem=DEVICE_CATALOGUE)
    _text(code_el, ref, "originalText", item.description)
    if code is not None and code.system != DEVICE_CATALOGUE:
        _coded(code_el, "translation", code)


def _allergy(parent: ET.Element, item: Any, ref: str, ids: _Ids) -> None:
    spec = SPECS["allergies"]
    act = _el(parent, "act", classCode="ACT", moodCode="EVN")
    _template(act, spec.wrapper_template)
    ids.add(act, ref)
    _el(act, "code", nullFlavor="NA")
    _text(act, ref)
    _el(act, "statusCode", code="active")
    _period(act, item.onset, None)
    st = _open(_el(act, "entryRelationship", typeCode="SUBJ"), spec, ids, ref, ".1")
    assert spec.fixed_code is not None
    _fixed_code(st, "code", spec.fixed_code)
    _text(st, ref)
    _el(st, "statusCode", code="completed")
    _period(st, item.onset, None)
    _fixed_code(st, "value", INTOLERANCE).set(XSI_TYPE, "CD")
    entity = _el(_el(_el(st, "participant", typeCode="CSM"), "participantRole",
                     classCode="MANU"), "playingEntity", classCode="MMAT")
    agent = item.agent
    if agent.system in (codes.ATC, codes.AIC, NATIONAL_ALLERGENS):
        code_el = _coded(entity, "code", agent)
        _text(code_el, ref, "originalText")
    else:  # not in a national catalogue: "no information" there, our code as translation
        code_el = _el(entity, "code", nullFlavor="NI")
        _text(code_el, ref, "originalText")
        _coded(code_el, "translation", agent)
    if item.reaction or item.severity is not None:
        reaction = _sub_observation(st, "MFST", "1.5.2", REACTION)
        _el(reaction, "statusCode", code="completed")
        value = _el(reaction, "value", **{XSI_TYPE: "CD"})
        _text(value, ref, "originalText", item.reaction)
        if item.severity is not None:
            severity = _sub_observation(reaction, "SUBJ", "", SEVERITY)
            _el(severity, "statusCode", code="completed")
            _enum_code(severity, "value", item.severity, **{XSI_TYPE: "CD"})
    if item.criticality is not None:
        criticality = _sub_observation(st, "SUBJ", "1.5.3", CRITICALITY)
        _el(criticality, "statusCode", code="completed")
        _enum_code(criticality, "value", item.criticality, **{XSI_TYPE: "CD"})
    _note(st, item.note, ref)


def _family(parent: ET.Element, item: Any, ref: str, ids: _Ids) -> None:
    spec = SPECS["family_history"]
    org = _el(parent, "organizer", classCode="CLUSTER", moodCode="EVN")
    _template(org, spec.wrapper_template)
    ids.add(org, ref)
    section = codes.SECTION_BY_KEY["family_history"]
    _fixed_code(org, "code", (section.loinc, codes.LOINC, section.title))
    _el(org, "statusCode", code="completed")
    subject = _el(_el(org, "subject"), "relatedSubject", classCode="PRS")
    _enum_code(subject, "code", item.relative)
    st = _open(_el(org, "component"), spec, ids, ref, ".1")
    assert spec.fixed_code is not None
    _fixed_code(st, "code", spec.fixed_code)
    _text(st, ref, inline=item.note)  # the template allows no comment act here
    _el(st, "statusCode", code="completed")
    _coded(st, "value", item.condition, **{XSI_TYPE: "CD"})
    if item.onset_age is not None:
        onset = _sub_observation(st, "SUBJ", "16.3", AGE_AT_ONSET)
        _el(onset, "statusCode", code="completed")
        _el(onset, "value", **{XSI_TYPE: "PQ", "value": str(item.onset_age), "unit": "a"})
    if item.deceased:
        death = _sub_observation(st, "SUBJ", "16.3", AGE_AT_DEATH)
        _el(death, "statusCode", code="completed")
        _el(death, "value", **{XSI_TYPE: "PQ", "nullFlavor": "UNK"})


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
        _el(text, "paragraph", ID=none_id(key)).text = "Nessuna informazione registrata."
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


def _absence_entry(section: ET.Element, key: str, ids: _Ids) -> None:
    """The one entry of a section stated empty (see :data:`ABSENCE`)."""
    ref = none_id(key)
    entry = _el(section, "entry", typeCode="DRIV")
    if key == "family_history":
        org = _el(entry, "organizer", classCode="CLUSTER", moodCode="EVN")
        _template(org, SPECS[key].wrapper_template)
        ids.add(org, ref)
        _el(org, "statusCode", code="completed")
        _fixed_code(_el(_el(org, "subject"), "relatedSubject", classCode="PRS"), "code",
                    FAMILY_MEMBER)
        obs = _el(_el(org, "component"), "observation", classCode="OBS", moodCode="EVN",
                  negationInd="true")
        _template(obs, SPECS[key].template)
        ids.add(obs, ref, ".1")
        assert SPECS[key].fixed_code is not None
        _fixed_code(obs, "code", SPECS[key].fixed_code)
        _text(obs, ref)
        _el(obs, "statusCode", code="completed")
        _el(obs, "value", **{XSI_TYPE: "CD", "nullFlavor": "NA"})
        return
    template, code, system, display = ABSENCE[key]
    absent = (code, system, display)
    if key in ("allergies", "problems"):
        spec = SPECS[key]
        act = _el(entry, "act", classCode="ACT", moodCode="EVN")
        _template(act, spec.wrapper_template)
        ids.add(act, ref)
        _el(act, "code", nullFlavor="NA")
        _text(act, ref)
        _el(act, "statusCode", code="active")
        _period(act, None, None)
        obs = _el(_el(act, "entryRelationship", typeCode="SUBJ"), "observation",
                  classCode="OBS", moodCode="EVN")
        _template(obs, template)
        ids.add(obs, ref, ".1")
        if key == "allergies":
            _fixed_code(obs, "code", INTOLERANCE)
        else:
            assert spec.fixed_code is not None
            _fixed_code(obs, "code", spec.fixed_code)
        _text(obs, ref)
        _el(obs, "statusCode", code="completed")
        _period(obs, None, None)
        _fixed_code(obs, "value", absent).set(XSI_TYPE, "CD")
    elif key == "therapies":
        st = _el(entry, "substanceAdministration", classCode="SBADM", moodCode="EVN")
        _template(st, template)
        ids.add(st, ref)
        _fixed_code(st, "code", absent)
        _text(st, ref)
        _el(st, "statusCode", code="completed")
        material = _el(_el(_el(st, "consumable"), "manufacturedProduct"), "manufacturedMaterial")
        _el(material, "code", nullFlavor="NA")
    else:  # devices, procedures
        element, class_code = ("supply", "SPLY") if key == "devices" else ("procedure", "PROC")
        st = _el(entry, element, classCode=class_code, moodCode="EVN")
        _template(st, template)
        ids.add(st, ref)
        _fixed_code(st, "code", absent)
        _text(st, ref)
        _el(st, "statusCode", code="completed")


def _section(body: ET.Element, pss: Pss, key: str, ids: _Ids) -> None:
    spec = codes.SECTION_BY_KEY[key]
    items = pss.entries(key)
    none = pss.is_none(key)
    if not items and not none and not spec.required and key not in GATEWAY_REQUIRED:
        return
    section = _el(_el(body, "component"), "section")
    _el(section, "templateId", root=spec.template_id)
    system = DISEASE_NETWORK_SECTION_SYSTEM if key == "disease_networks" else codes.LOINC
    _el(section, "code", code=spec.loinc, codeSystem=system,
        **({"codeSystemName": "LOINC"} if system == codes.LOINC else {}),
        displayName=spec.title)
    _el(section, "title").text = spec.title
    _narrative(section, key, items, none and not items)
    if not items and (none or key in ABSENCE):
        _absence_entry(section, key, ids)
    for i, item in enumerate(items):
        _statement(_el(section, "entry", typeCode="DRIV"), key, item, row_id(key, i), ids)


def _person_name(parent: ET.Element, given: str, family: str) -> None:
    name = _el(parent, "name")
    _el(name, "family").text = family
    if given:
        _el(name, "given").text = given


def _clinician(parent: ET.Element, tag: str, who: Clinician, role: bool) -> None:
    assigned = _el(parent, tag)
    _el(assigned, "id", root=codes.CF_ROOT, extension=who.cf, assigningAuthorityName="MEF")
    if role:
        _el(assigned, "code", code="MMG", codeSystem=AUTHOR_ROLES,
            codeSystemName="assignedAuthorCode_PSSIT", displayName="Medico di Medicina Generale")
    for address in who.telecom:
        _el(assigned, "telecom", use="WP", value=address)
    _person_name(_el(assigned, "assignedPerson"), who.given, who.family)


def _header(doc: ET.Element, pss: Pss) -> None:
    when = ts_datetime(pss.effective_time)
    _el(doc, "realmCode", code="IT")
    _el(doc, "typeId", root=codes.CDA_TYPE_ID[0], extension=codes.CDA_TYPE_ID[1])
    _el(doc, "templateId", root=codes.DOCUMENT_TEMPLATE, extension=DOCUMENT_TEMPLATE_VERSION)
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
    ids = _Ids(pss)
    for spec in codes.SECTIONS:
        _section(body, pss, spec.key, ids)
    return ET.tostring(doc, encoding="utf-8", xml_declaration=True)
