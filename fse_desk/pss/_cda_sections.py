"""One section of the PSS CDA: templateId, code, title, narrative table and one coded
entry per row, in the shape of its PSS entry template (see :mod:`fse_desk.pss._entries`);
a section stated empty, or one the FSE gateway wants even when empty, carries a coded
"absence" entry. Values outside a national catalogue go out as "other"/"no
information" in that catalogue with our own code as ``translation``."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from datetime import date
from typing import Any
from xml.etree import ElementTree as ET

from fse_desk.pss import codes
from fse_desk.pss._cda_xml import (
    XSI_TYPE,
    coded_el,
    el,
    enum_el,
    shown,
    ts_date,
    typed_value,
)
from fse_desk.pss._entries import (
    ABSENCE,
    AGE_AT_DEATH,
    AGE_AT_ONSET,
    CND_VARIOUS,
    CRITICALITY,
    DEVICE_CATALOGUE,
    DISEASE_NETWORK_SECTION_SYSTEM,
    DOSE_NUMBER,
    FAMILY_MEMBER,
    FIELD_LABELS,
    HAS_NOTE,
    IMMUNIZATION,
    INTOLERANCE,
    MOTOR_CAPACITY,
    NATIONAL_ALLERGENS,
    NOTE_CODE,
    NOTE_TEMPLATE,
    REACTION,
    ROUTE_OF_ADMINISTRATION,
    ROUTES,
    SEVERITY,
    SPECS,
    UNCODED_ROUTE,
    EntrySpec,
    entry_template,
    field_types,
    none_id,
    rel_code,
    row_id,
)
from fse_desk.pss._kept import add_narrative, as_written, restored
from fse_desk.pss.model import NONE_TEXT, Coded, Pss


class EntryIds:
    """Entry ids: the document id extended with the narrative row the entry stands for."""

    def __init__(self, pss: Pss) -> None:
        self.root = pss.id_root
        self.prefix = pss.document_id

    def add(self, parent: ET.Element, ref: str, part: str = "") -> None:
        el(parent, "id", root=self.root, extension=f"{self.prefix}.{ref}{part}")


def _template(parent: ET.Element, suffix: str) -> None:
    el(parent, "templateId", root=entry_template(suffix))


def _fixed_code(parent: ET.Element, tag: str, code: tuple[str, str, str]) -> ET.Element:
    attrs = {"code": code[0], "codeSystem": code[1]}
    name = codes.SYSTEM_NAMES.get(code[1])
    if name:
        attrs["codeSystemName"] = name
    return el(parent, tag, displayName=code[2], **attrs)


def _text(parent: ET.Element, ref: str, tag: str = "text", inline: str = "") -> ET.Element:
    """An ED pointing at the narrative; ``inline`` carries free text the model keeps."""
    text = el(parent, tag)
    if inline:
        text.text = inline
    text.append(_reference(ref))
    return text


def _period(
    parent: ET.Element,
    low: date | None,
    high: date | None,
    *,
    ivl: bool = False,
    closed: bool = False,
) -> None:
    """effectiveTime with a low (UNK when unknown); a high when given, or UNK when
    ``closed`` (a completed act must carry one)."""
    eff = el(parent, "effectiveTime", **({XSI_TYPE: "IVL_TS"} if ivl else {}))
    if low is None:
        el(eff, "low", nullFlavor="UNK")
    else:
        el(eff, "low", value=ts_date(low))
    if high is not None:
        el(eff, "high", value=ts_date(high))
    elif closed:
        el(eff, "high", nullFlavor="UNK")


def _note(parent: ET.Element, note: str, ref: str) -> None:
    if not note:
        return
    act = el(
        el(parent, "entryRelationship", typeCode="SUBJ", inversionInd="true"),
        "act",
        classCode="ACT",
        moodCode="EVN",
    )
    _template(act, NOTE_TEMPLATE)
    _fixed_code(act, "code", NOTE_CODE)
    _text(act, ref, inline=note)
    el(act, "statusCode", code="completed")


def _sub_observation(
    parent: ET.Element, type_code: str, template: str, code: tuple[str, str, str]
) -> ET.Element:
    rel = el(
        parent,
        "entryRelationship",
        typeCode=type_code,
        **({"inversionInd": "true"} if type_code == "SUBJ" else {}),
    )
    obs = el(rel, "observation", classCode="OBS", moodCode="EVN")
    if template:
        _template(obs, template)
    _fixed_code(obs, "code", code)
    return obs


def _rels(st: ET.Element, spec: EntrySpec, item: object) -> None:
    for name in spec.rels:
        value = getattr(item, name)
        if value is None or value == "":
            continue
        rel = el(st, "entryRelationship", typeCode="REFR")
        obs = el(rel, "observation", classCode="OBS", moodCode="EVN")
        code, system = rel_code(name)
        el(obs, "code", code=code, codeSystem=system, displayName=FIELD_LABELS.get(name, name))
        el(obs, "statusCode", code="completed")
        typed_value(obs, value)


def _open(
    parent: ET.Element, spec: EntrySpec, ids: EntryIds, ref: str, part: str = "", **attrs: str
) -> ET.Element:
    st = el(parent, spec.element, classCode=spec.class_code, moodCode=spec.mood_code, **attrs)
    if spec.template:
        _template(st, spec.template)
    ids.add(st, ref, part)
    return st


def _statement(parent: ET.Element, key: str, item: Any, ref: str, ids: EntryIds) -> None:
    """The clinical statement of one entry, inside its wrapper when the template has one."""
    spec = SPECS[key]
    if key == "allergies":
        _allergy(parent, item, ref, ids)
        return
    if key == "family_history":
        _family(parent, item, ref, ids)
        return
    if spec.wrapper == "act":  # problems: the concern act carries status and period
        act = el(parent, "act", classCode="ACT", moodCode="EVN")
        _template(act, spec.wrapper_template)
        ids.add(act, ref)
        el(act, "code", nullFlavor="NA")
        _text(act, ref)
        status = item.status.value
        el(act, "statusCode", code=status)
        _period(act, item.onset, item.end, closed=status == "completed")
        parent = el(act, "entryRelationship", typeCode="SUBJ")
    elif spec.wrapper == "organizer":
        org = el(
            parent,
            "organizer",
            classCode="CLUSTER" if key == "functional_status" else "BATTERY",
            moodCode="EVN",
        )
        _template(org, spec.wrapper_template)
        ids.add(org, ref)
        if key == "diagnostics":  # the battery is not known: "other", as the guide says
            el(org, "code", nullFlavor="OTH")
        el(org, "statusCode", code="completed")
        parent = el(org, "component")
    st = _open(parent, spec, ids, ref, ".1" if spec.wrapper else "")
    main: Any = getattr(item, spec.code) if spec.code else None
    if spec.element == "substanceAdministration":
        if key == "vaccinations":
            _fixed_code(st, "code", IMMUNIZATION)
        _text(st, ref)
        el(st, "statusCode", code="active" if spec.mood_code == "INT" else "completed")
        if spec.point is not None:
            _times(st, spec, item)
        else:
            _period(st, getattr(item, str(spec.low)), None, ivl=True)
        if key == "therapies":
            _route(st, item.route, ref)
        product = el(el(st, "consumable"), "manufacturedProduct", classCode="MANU")
        _template(product, "3.2" if key == "vaccinations" else "2.2")
        material = el(product, "manufacturedMaterial")
        code_el = coded_el(material, "code", main)
        extra = getattr(item, spec.translation) if spec.translation else None
        if isinstance(extra, Coded):
            coded_el(code_el, "translation", extra)
        if key == "vaccinations":
            lot = el(material, "lotNumberText")
            if item.lot:
                lot.text = item.lot
            else:
                lot.set("nullFlavor", "UNK")
            if item.dose_number is not None:
                dose = _sub_observation(st, "SUBJ", "3.4", DOSE_NUMBER)
                el(dose, "statusCode", code="completed")
                typed_value(dose, item.dose_number)
    elif key == "devices":
        _device_code(st, item, ref)
        _text(st, ref)
        el(st, "statusCode", code="completed")
        _period(st, item.implanted, None, ivl=True)
    elif key == "disease_networks":
        code_el = el(st, "code", nullFlavor="OTH")
        _text(code_el, ref, "originalText", item.name)
        _text(st, ref)
        el(st, "statusCode", code="active")
        _period(st, item.enrolled, None)
    else:
        if key == "procedures" and main.system == codes.ICD9CM_PROCEDURES:
            # The gateway wants procedures under the ICD-9-CM OID; ours stays as translation.
            code_el = coded_el(st, "code", Coded(main.code, codes.ICD9CM, main.display))
            coded_el(code_el, "translation", main)
        elif isinstance(main, Coded):
            coded_el(st, "code", main)
        elif isinstance(main, enum.Enum):
            enum_el(st, "code", main)
        else:
            assert spec.fixed_code is not None
            _fixed_code(st, "code", spec.fixed_code)
        _text(st, ref)
        if key == "exemptions":
            el(st, "statusCode", code="active" if item.end is None else "completed")
        elif spec.status and spec.wrapper != "act":
            el(st, "statusCode", code=str(getattr(item, spec.status).value))
        else:
            el(st, "statusCode", code="completed")
        _times(st, spec, item)
        if key == "encounters" and item.facility:
            entity = el(el(st, "performer", typeCode="PRF"), "assignedEntity")
            el(entity, "id", nullFlavor="NI")
            el(el(entity, "representedOrganization"), "name").text = item.facility
        if key == "functional_status":
            value = el(
                st, "value", **{XSI_TYPE: "CD", "nullFlavor": "OTH", "codeSystem": MOTOR_CAPACITY}
            )
            _text(value, ref, "originalText", item.description)
        elif spec.value is not None:
            typed_value(
                st, getattr(item, spec.value), getattr(item, spec.unit) if spec.unit else None
            )
    _rels(st, spec, item)
    if key in HAS_NOTE:
        _note(st, item.note, ref)


def _route(st: ET.Element, route: str, ref: str) -> None:
    """routeCode: HL7 v3 for the routes we recognise, else our "see the text" code; the
    doctor's words stay as original text either way."""
    known = ROUTES.get(" ".join(route.lower().split()))
    if known is not None:
        code_el = el(
            st,
            "routeCode",
            code=known[0],
            codeSystem=ROUTE_OF_ADMINISTRATION,
            codeSystemName="RouteOfAdministration",
            displayName=known[1],
        )
    else:
        code_el = el(
            st,
            "routeCode",
            code=UNCODED_ROUTE[0],
            codeSystem=codes.LOCAL,
            codeSystemName=codes.SYSTEM_NAMES[codes.LOCAL],
            displayName=UNCODED_ROUTE[1],
        )
    if route:
        _text(code_el, ref, "originalText", route)


def _device_code(st: ET.Element, item: Any, ref: str) -> None:
    """The supply code: a national device catalogue (CND) code, else CND's own "various
    devices" category V (the schematron wants a CND code) with ours as translation; the
    description is its original text."""
    code = item.code
    if code is not None and code.system == DEVICE_CATALOGUE:
        code_el = coded_el(st, "code", code)
    else:
        code_el = el(
            st,
            "code",
            code=CND_VARIOUS[0],
            codeSystem=DEVICE_CATALOGUE,
            codeSystemName="CND",
            displayName=CND_VARIOUS[1],
        )
    _text(code_el, ref, "originalText", item.description)
    if code is not None and code.system != DEVICE_CATALOGUE:
        coded_el(code_el, "translation", code)


def _allergy(parent: ET.Element, item: Any, ref: str, ids: EntryIds) -> None:
    spec = SPECS["allergies"]
    act = el(parent, "act", classCode="ACT", moodCode="EVN")
    _template(act, spec.wrapper_template)
    ids.add(act, ref)
    el(act, "code", nullFlavor="NA")
    _text(act, ref)
    el(act, "statusCode", code="active")
    _period(act, item.onset, None)
    st = _open(el(act, "entryRelationship", typeCode="SUBJ"), spec, ids, ref, ".1")
    assert spec.fixed_code is not None
    _fixed_code(st, "code", spec.fixed_code)
    _text(st, ref)
    el(st, "statusCode", code="completed")
    _period(st, item.onset, None)
    _fixed_code(st, "value", INTOLERANCE).set(XSI_TYPE, "CD")
    entity = el(
        el(el(st, "participant", typeCode="CSM"), "participantRole", classCode="MANU"),
        "playingEntity",
        classCode="MMAT",
    )
    agent = item.agent
    if agent.system in (codes.ATC, codes.AIC, NATIONAL_ALLERGENS):
        code_el = coded_el(entity, "code", agent)
        _text(code_el, ref, "originalText")
    else:  # not in a national catalogue: "no information" there, our code as translation
        code_el = el(entity, "code", nullFlavor="NI")
        _text(code_el, ref, "originalText")
        coded_el(code_el, "translation", agent)
    if item.reaction or item.severity is not None:
        reaction = _sub_observation(st, "MFST", "1.5.2", REACTION)
        el(reaction, "statusCode", code="completed")
        _period(reaction, None, None)  # the model has no reaction date: low UNK
        value = el(reaction, "value", **{XSI_TYPE: "CD"})
        _text(value, ref, "originalText", item.reaction)
        if item.severity is not None:
            severity = _sub_observation(reaction, "SUBJ", "", SEVERITY)
            el(severity, "statusCode", code="completed")
            enum_el(severity, "value", item.severity, **{XSI_TYPE: "CD"})
    if item.criticality is not None:
        criticality = _sub_observation(st, "SUBJ", "1.5.3", CRITICALITY)
        el(criticality, "statusCode", code="completed")
        enum_el(criticality, "value", item.criticality, **{XSI_TYPE: "CD"})
    _note(st, item.note, ref)


def _family(parent: ET.Element, item: Any, ref: str, ids: EntryIds) -> None:
    spec = SPECS["family_history"]
    org = el(parent, "organizer", classCode="CLUSTER", moodCode="EVN")
    _template(org, spec.wrapper_template)
    ids.add(org, ref)
    section = codes.SECTION_BY_KEY["family_history"]
    _fixed_code(org, "code", (section.loinc, codes.LOINC, section.title))
    el(org, "statusCode", code="completed")
    subject = el(el(org, "subject"), "relatedSubject", classCode="PRS")
    enum_el(subject, "code", item.relative)
    st = _open(el(org, "component"), spec, ids, ref, ".1")
    assert spec.fixed_code is not None
    _fixed_code(st, "code", spec.fixed_code)
    _text(st, ref, inline=item.note)  # the template allows no comment act here
    el(st, "statusCode", code="completed")
    coded_el(st, "value", item.condition, **{XSI_TYPE: "CD"})
    if item.onset_age is not None:
        onset = _sub_observation(st, "SUBJ", "16.3", AGE_AT_ONSET)
        el(onset, "statusCode", code="completed")
        el(onset, "value", **{XSI_TYPE: "PQ", "value": str(item.onset_age), "unit": "a"})
    if item.deceased:
        death = _sub_observation(st, "SUBJ", "16.3", AGE_AT_DEATH)
        el(death, "statusCode", code="completed")
        el(death, "value", **{XSI_TYPE: "PQ", "nullFlavor": "UNK"})


def _times(st: ET.Element, spec: EntrySpec, item: object) -> None:
    if spec.point is not None:
        value = getattr(item, spec.point)
        if value is not None:
            el(st, "effectiveTime", value=ts_date(value))
        return
    if spec.low is None and spec.high is None:
        return
    _period(
        st,
        getattr(item, spec.low) if spec.low else None,
        getattr(item, spec.high) if spec.high else None,
        closed=spec.closed,
    )


def _reference(ref: str) -> ET.Element:
    return el(None, "reference", value=f"#{ref}")


def _narrative(
    section: ET.Element, key: str, rows: Sequence[tuple[int, object]], none: bool
) -> ET.Element:
    """The section's <text>: a table of the entries written here, ``rows`` as
    (index in the section, record)."""
    text = el(section, "text")
    if none:
        el(text, "paragraph", ID=none_id(key)).text = NONE_TEXT[key]
        return text
    if not rows:
        return text
    kind = type(rows[0][1])
    names = list(field_types(kind))
    table = el(text, "table", border="1")
    head = el(el(table, "thead"), "tr")
    for name in names:
        el(head, "th").text = FIELD_LABELS.get(name, name)
    body = el(table, "tbody")
    for i, item in rows:
        tr = el(body, "tr", ID=row_id(key, i))
        for name in names:
            el(tr, "td").text = shown(getattr(item, name))
    return text


def _absence_entry(section: ET.Element, key: str, ids: EntryIds) -> None:
    """The one entry of a section stated empty (see :data:`ABSENCE`)."""
    ref = none_id(key)
    entry = el(section, "entry", typeCode="DRIV")
    if key == "family_history":
        org = el(entry, "organizer", classCode="CLUSTER", moodCode="EVN")
        _template(org, SPECS[key].wrapper_template)
        ids.add(org, ref)
        el(org, "statusCode", code="completed")
        _fixed_code(
            el(el(org, "subject"), "relatedSubject", classCode="PRS"), "code", FAMILY_MEMBER
        )
        obs = el(
            el(org, "component"), "observation", classCode="OBS", moodCode="EVN", negationInd="true"
        )
        _template(obs, SPECS[key].template)
        ids.add(obs, ref, ".1")
        fixed = SPECS[key].fixed_code
        assert fixed is not None
        _fixed_code(obs, "code", fixed)
        _text(obs, ref)
        el(obs, "statusCode", code="completed")
        el(obs, "value", **{XSI_TYPE: "CD", "nullFlavor": "NA"})
        return
    template, code, system, display = ABSENCE[key]
    absent = (code, system, display)
    if key in ("allergies", "problems"):
        spec = SPECS[key]
        act = el(entry, "act", classCode="ACT", moodCode="EVN")
        _template(act, spec.wrapper_template)
        ids.add(act, ref)
        el(act, "code", nullFlavor="NA")
        _text(act, ref)
        el(act, "statusCode", code="active")
        _period(act, None, None)
        obs = el(
            el(act, "entryRelationship", typeCode="SUBJ"),
            "observation",
            classCode="OBS",
            moodCode="EVN",
        )
        _template(obs, template)
        ids.add(obs, ref, ".1")
        if key == "allergies":
            _fixed_code(obs, "code", INTOLERANCE)
        else:
            assert spec.fixed_code is not None
            _fixed_code(obs, "code", spec.fixed_code)
        _text(obs, ref)
        el(obs, "statusCode", code="completed")
        _period(obs, None, None)
        _fixed_code(obs, "value", absent).set(XSI_TYPE, "CD")
    elif key == "therapies":
        st = el(entry, "substanceAdministration", classCode="SBADM", moodCode="EVN")
        _template(st, template)
        ids.add(st, ref)
        _fixed_code(st, "code", absent)
        _text(st, ref)
        el(st, "statusCode", code="completed")
        material = el(el(el(st, "consumable"), "manufacturedProduct"), "manufacturedMaterial")
        el(material, "code", nullFlavor="NA")


def write_section(body: ET.Element, pss: Pss, key: str, ids: EntryIds) -> None:
    spec = codes.SECTION_BY_KEY[key]
    items = pss.entries(key)
    read_only = list(pss.read_only(key))
    none = pss.is_none(key)
    if not items and not read_only and not none and not spec.required:
        return
    section = el(el(body, "component"), "section")
    el(section, "templateId", root=spec.template_id)
    system = DISEASE_NETWORK_SECTION_SYSTEM if key == "disease_networks" else codes.LOINC
    el(
        section,
        "code",
        code=spec.loinc,
        codeSystem=system,
        **({"codeSystemName": "LOINC"} if system == codes.LOINC else {}),
        displayName=spec.title,
    )
    el(section, "title").text = spec.title
    written = as_written(pss, key)
    kept = [k for k in written if k is not None] + read_only
    rows = [(i, item) for i, (item, k) in enumerate(zip(items, written, strict=True)) if k is None]
    text = _narrative(section, key, rows, none and not items and not read_only)
    add_narrative(text, kept)
    if not len(text):
        el(text, "paragraph", ID=none_id(key)).text = "Nessuna informazione registrata."
    if not items and not read_only and (none or key in ABSENCE):
        _absence_entry(section, key, ids)
    for i, (item, k) in enumerate(zip(items, written, strict=True)):
        if k is None:
            _statement(el(section, "entry", typeCode="DRIV"), key, item, row_id(key, i), ids)
        else:
            section.append(restored(k.xml))
    for k in read_only:
        section.append(restored(k.xml))
