"""Our own structural checks of the HL7 Italia PSS guide on CDA bytes: header, templateIds,
codes, required sections, entry shapes. Written in our words from the guide; the rules of
the Ministry's PSS schematron (v4.0) that our writer once broke are in
:mod:`fse_desk.pss.national_rules`. The sandbox gateway calls
:func:`validate_cda_structure` with this exact signature. Messages are English; the UI
translates by ``code``."""

from __future__ import annotations

from collections.abc import Callable
from xml.etree.ElementTree import Element

from fse_desk.documents.cda import parse_xml
from fse_desk.domain.identifiers import CF_OID
from fse_desk.errors import DocumentError
from fse_desk.pss import codes
from fse_desk.pss._entries import (
    ABSENCE,
    AGE_AT_DEATH,
    AGE_AT_ONSET,
    AUTHOR_ROLES,
    DEVICE_CATALOGUE,
    DISEASE_NETWORK_SECTION_SYSTEM,
    DOCUMENT_TEMPLATE_VERSION,
    DOSE_NUMBER,
    IMMUNIZATION,
    MOTOR_CAPACITY,
    NATIONAL_ALLERGENS,
    NOTE_TEMPLATE,
    REACTION,
    SPECS,
    V3,
    WITH_ENTRY,
    entry_template,
)
from fse_desk.pss.check_issue import CheckIssue
from fse_desk.pss.national_rules import national_rule_problems

_N = f"{{{V3}}}"
_XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"


def _f(el: Element | None, path: str) -> Element | None:
    return None if el is None else el.find(path.replace("h:", _N))


def _fa(el: Element | None, path: str) -> list[Element]:
    return [] if el is None else el.findall(path.replace("h:", _N))


def _a(el: Element | None, path: str, name: str) -> str:
    found = el if not path else _f(el, path)
    return "" if found is None else str(found.get(name, ""))


class _Checks:
    def __init__(self) -> None:
        self.problems: list[CheckIssue] = []

    def add(self, code: str, message: str, location: str) -> None:
        self.problems.append(CheckIssue(code, message, location))

    def require(self, root: Element, path: str, code: str, what: str) -> Element | None:
        found = _f(root, path)
        if found is None:
            self.add(code, f"{what} is missing", "/ClinicalDocument/" + path.replace("h:", ""))
        return found


def _header(c: _Checks, root: Element) -> None:
    doc = "/ClinicalDocument"
    if _a(root, "h:realmCode", "code") != "IT":
        c.add("header.realm", "realmCode must be IT", f"{doc}/realmCode")
    if (_a(root, "h:typeId", "root"), _a(root, "h:typeId", "extension")) != codes.CDA_TYPE_ID:
        c.add(
            "header.type_id",
            "typeId must be 2.16.840.1.113883.1.3 / POCD_MT000040UV02",
            f"{doc}/typeId",
        )
    templates = {t.get("root"): t for t in _fa(root, "h:templateId")}
    if codes.DOCUMENT_TEMPLATE not in templates:
        c.add(
            "header.template_id",
            f"document templateId {codes.DOCUMENT_TEMPLATE} is missing",
            f"{doc}/templateId",
        )
    elif not templates[codes.DOCUMENT_TEMPLATE].get("extension"):
        c.add(
            "header.template_version",
            "the document templateId needs the guide version as "
            f"extension (e.g. {DOCUMENT_TEMPLATE_VERSION})",
            f"{doc}/templateId",
        )
    if not _a(root, "h:id", "root") or not _a(root, "h:id", "extension"):
        c.add("header.id", "document id needs root and extension", f"{doc}/id")
    if (_a(root, "h:code", "code"), _a(root, "h:code", "codeSystem")) != (
        codes.PSS_LOINC,
        codes.LOINC,
    ):
        c.add("header.code", f"document code must be LOINC {codes.PSS_LOINC}", f"{doc}/code")
    c.require(root, "h:title", "header.title", "title")
    if not _a(root, "h:effectiveTime", "value"):
        c.add("header.effective_time", "effectiveTime/@value is missing", f"{doc}/effectiveTime")
    conf = _f(root, "h:confidentialityCode")
    if (
        conf is None
        or conf.get("code") not in ("N", "V")
        or conf.get("codeSystem") != codes.CONFIDENTIALITY
    ):
        c.add(
            "header.confidentiality",
            "confidentialityCode of a PSS must be N or V "
            f"({codes.CONFIDENTIALITY}); the FSE gateway refuses R, found "
            f"{_a(conf, '', 'code')!r}",
            f"{doc}/confidentialityCode",
        )
    if _a(root, "h:languageCode", "code") != "it-IT":
        c.add("header.language", "languageCode must be it-IT", f"{doc}/languageCode")
    if not _a(root, "h:setId", "root") or not _a(root, "h:setId", "extension"):
        c.add("header.set_id", "setId needs root and extension", f"{doc}/setId")
    version = _a(root, "h:versionNumber", "value")
    if not version.isdigit() or int(version) < 1:
        c.add(
            "header.version",
            f"versionNumber must be a positive integer, not {version!r}",
            f"{doc}/versionNumber",
        )
    targets = _fa(root, "h:recordTarget")
    if len(targets) != 1:
        c.add(
            "header.record_target",
            f"exactly one recordTarget required, found {len(targets)}",
            f"{doc}/recordTarget",
        )
    role = _f(root, "h:recordTarget/h:patientRole")
    if _a(role, "h:id", "root") != CF_OID or len(_a(role, "h:id", "extension")) != 16:
        c.add(
            "header.patient_id",
            f"patientRole/id must be a codice fiscale ({CF_OID})",
            f"{doc}/recordTarget/patientRole/id",
        )
    patient = _f(role, "h:patient")
    for path, what in (
        ("h:name", "patient name"),
        ("h:administrativeGenderCode", "patient sex"),
        ("h:birthTime", "patient birth time"),
    ):
        if _f(patient, path) is None:
            c.add(
                "header.patient",
                f"{what} is missing",
                f"{doc}/recordTarget/patientRole/patient/{path[2:]}",
            )
    authors = _fa(root, "h:author")
    if len(authors) != 1:
        c.add(
            "header.author", f"exactly one author required, found {len(authors)}", f"{doc}/author"
        )
    author = _f(root, "h:author/h:assignedAuthor")
    if _a(author, "h:id", "root") != CF_OID:
        c.add(
            "header.author_id",
            "author id must be a codice fiscale",
            f"{doc}/author/assignedAuthor/id",
        )
    if _f(author, "h:telecom") is None:
        c.add(
            "header.author_telecom",
            "author telecom is missing",
            f"{doc}/author/assignedAuthor/telecom",
        )
    role_code = _f(author, "h:code")
    if role_code is not None and role_code.get("codeSystem") != AUTHOR_ROLES:
        c.add(
            "header.author_role",
            "author code must come from the PSS author roles "
            f"({AUTHOR_ROLES}), not {role_code.get('codeSystem')!r}",
            f"{doc}/author/assignedAuthor/code",
        )
    parents = {child: parent for parent in root.iter() for child in parent}
    for telecom in root.iter(f"{_N}telecom"):
        if not telecom.get("use"):
            steps, el = [], telecom
            while el is not root:
                steps.append(_tag(el))
                el = parents[el]
            c.add(
                "header.telecom_use",
                f"telecom {telecom.get('value')!r} has no use (WP, HP, MC …)",
                "/".join([doc, *reversed(steps)]),
            )
    if _f(root, "h:author/h:time") is None:
        c.add("header.author_time", "author time is missing", f"{doc}/author/time")
    if not _a(
        root, "h:custodian/h:assignedCustodian/h:representedCustodianOrganization/h:id", "root"
    ):
        c.add("header.custodian", "custodian organization id is missing", f"{doc}/custodian")
    legal = c.require(
        root, "h:legalAuthenticator", "header.legal_authenticator", "legalAuthenticator"
    )
    if legal is not None:
        if _a(legal, "h:signatureCode", "code") != "S":
            c.add(
                "header.signature_code",
                "legalAuthenticator/signatureCode must be S",
                f"{doc}/legalAuthenticator/signatureCode",
            )
        if _a(legal, "h:assignedEntity/h:id", "root") != CF_OID:
            c.add(
                "header.legal_id",
                "legalAuthenticator id must be a codice fiscale",
                f"{doc}/legalAuthenticator/assignedEntity/id",
            )
    if _f(root, "h:documentationOf/h:serviceEvent/h:effectiveTime") is None:
        c.add(
            "header.service_event",
            "documentationOf/serviceEvent/effectiveTime is missing",
            f"{doc}/documentationOf/serviceEvent/effectiveTime",
        )
    related = _f(root, "h:relatedDocument")
    if version.isdigit() and int(version) > 1:
        if (
            related is None
            or related.get("typeCode") != "RPLC"
            or not _a(related, "h:parentDocument/h:id", "extension")
        ):
            c.add(
                "header.rplc",
                "a version above 1 needs relatedDocument RPLC with the parent document id",
                f"{doc}/relatedDocument",
            )
        elif _a(related, "h:parentDocument/h:id", "extension") == _a(root, "h:id", "extension"):
            c.add(
                "header.rplc",
                "relatedDocument RPLC points at the document itself",
                f"{doc}/relatedDocument/parentDocument/id",
            )
    elif related is not None:
        c.add("header.rplc", "version 1 must not carry a relatedDocument", f"{doc}/relatedDocument")


def _sections(c: _Checks, root: Element) -> None:
    seen: set[str] = set()
    comps = _fa(root, "h:component/h:structuredBody/h:component")
    if _f(root, "h:component/h:structuredBody") is None:
        c.add("body.missing", "structuredBody is missing", "/ClinicalDocument/component")
    for i, comp in enumerate(comps, start=1):
        where = f"/ClinicalDocument/component/structuredBody/component[{i}]/section"
        section = _f(comp, "h:section")
        if section is None:
            c.add("section.missing", "component without a section", where)
            continue
        loinc = _a(section, "h:code", "code")
        spec = codes.SECTION_BY_LOINC.get(loinc)
        system = _a(section, "h:code", "codeSystem")
        if spec is None or system != (
            DISEASE_NETWORK_SECTION_SYSTEM if spec.key == "disease_networks" else codes.LOINC
        ):
            c.add(
                "section.code",
                f"section code {loinc!r} ({system}) is not a PSS section code",
                f"{where}/code",
            )
            continue
        if spec.key in seen:
            c.add("section.duplicate", f"section {loinc} appears twice", where)
        seen.add(spec.key)
        if spec.template_id not in {t.get("root") for t in _fa(section, "h:templateId")}:
            c.add(
                "section.template_id",
                f"section {loinc} needs templateId {spec.template_id}",
                f"{where}/templateId",
            )
        title = _f(section, "h:title")
        if not "".join(title.itertext() if title is not None else ()).strip():
            c.add("section.title", f"section {loinc} has no title", f"{where}/title")
        text = _f(section, "h:text")
        if text is None:
            c.add("section.text", f"section {loinc} has no narrative text", f"{where}/text")
        ids = {str(e.get("ID")) for e in (text.iter() if text is not None else ()) if e.get("ID")}
        entries = _fa(section, "h:entry")
        if (spec.required or spec.key in WITH_ENTRY) and not entries:
            c.add(
                "section.empty",
                f"section {loinc} has no entry (state 'none' or 'no "
                "information' with a coded entry)",
                where,
            )
        absent = [j for j, e in enumerate(entries, start=1) if _is_absence(spec.key, e)]
        if absent and len(entries) > 1:
            c.add(
                "section.absence_mixed",
                f"section {loinc} states it is empty and also has entries",
                f"{where}/entry[{absent[0]}]",
            )
        for j, entry in enumerate(entries, start=1):
            loc = f"{where}/entry[{j}]"
            if j in absent:
                _absence(c, spec.key, entry, ids, loc)
            else:
                _entry(c, spec.key, entry, ids, loc)
    for spec in codes.SECTIONS:
        if spec.required and spec.key not in seen:
            c.add(
                "section.required",
                f"section {spec.loinc} ({spec.title}) is required and missing",
                "/ClinicalDocument/component/structuredBody",
            )


_EXPECTED_SYSTEM = {
    "problems": ("value", {codes.ICD9CM}),
    "therapies": ("consumable", {codes.ATC, codes.AIC}),
    "vaccinations": ("consumable", {codes.ATC, codes.AIC}),
    "family_history": ("value", {codes.ICD9CM}),
    "vital_signs": ("code", {codes.LOINC}),
    "procedures": ("code", {codes.LOINC, codes.ICD9CM}),
    "encounters": ("code", {codes.ACT_CODE}),
    "exemptions": ("code", {codes.EXEMPTIONS}),
    "devices": ("code", {DEVICE_CATALOGUE}),
}
_PATHS = {
    "value": "h:value",
    "code": "h:code",
    "consumable": "h:consumable/h:manufacturedProduct/h:manufacturedMaterial/h:code",
}
_SYSTEM_LABELS = {DEVICE_CATALOGUE: "CND"}
_OPEN_CLOSED = {"active": False, "suspended": False, "completed": True, "aborted": True}
"""statusCode → whether its effectiveTime must carry a high (an end)."""


def _templates(el: Element | None) -> set[str]:
    return {str(t.get("root")) for t in _fa(el, "h:templateId")}


def _tag(el: Element) -> str:
    return str(el.tag).removeprefix(_N)


def _is_absence(key: str, entry: Element) -> bool:
    """Whether ``entry`` means "this section is empty": told by its template where the
    template is its own, else by the absent/unknown code system of its code."""
    statements = list(entry)
    if len(statements) != 1:
        return False
    st = statements[0]
    inner = _f(st, "h:entryRelationship/h:observation")
    if key == "family_history":
        return _a(st, "h:component/h:observation", "negationInd") == "true"
    if key == "allergies":
        return entry_template(ABSENCE[key][0]) in _templates(inner)
    if key == "problems":
        return _a(inner, "h:value", "codeSystem") == ABSENCE[key][2]
    return key in ABSENCE and entry_template(ABSENCE[key][0]) in _templates(st)


def _check_template(c: _Checks, el: Element, suffix: str, what: str, loc: str) -> None:
    if suffix and entry_template(suffix) not in _templates(el):
        c.add("entry.template_id", f"{what} needs templateId {entry_template(suffix)}", loc)


def _check_reference(c: _Checks, st: Element, ids: set[str], loc: str) -> None:
    ref = _a(st, "h:text/h:reference", "value")
    if not ref.startswith("#") or ref[1:] not in ids:
        c.add(
            "entry.reference",
            f"entry text/reference {ref!r} does not point at the section narrative",
            f"{loc}/text/reference",
        )


def _check_period(
    c: _Checks, st: Element, loc: str, *, ivl: bool = False, by_status: bool = True
) -> None:
    """effectiveTime with a low (a value or a nullFlavor) and, ``by_status``, a high
    exactly when the statusCode says the act is over."""
    eff = _f(st, "h:effectiveTime")
    if eff is None or _f(eff, "h:low") is None:
        c.add(
            "entry.period",
            "effectiveTime/low is missing (use nullFlavor UNK when the start is unknown)",
            f"{loc}/effectiveTime",
        )
        return
    if ivl and eff.get(_XSI_TYPE) != "IVL_TS":
        c.add(
            "entry.period",
            "effectiveTime must be an interval (xsi:type IVL_TS)",
            f"{loc}/effectiveTime",
        )
    status = _a(st, "h:statusCode", "code")
    closed = _OPEN_CLOSED.get(status) if by_status else None
    if closed is not None and closed != (_f(eff, "h:high") is not None):
        c.add(
            "entry.period",
            f"statusCode {status} "
            + ("needs an effectiveTime/high" if closed else "must not carry an effectiveTime/high"),
            f"{loc}/effectiveTime",
        )


def _absence(c: _Checks, key: str, entry: Element, ids: set[str], where: str) -> None:
    """The coded entry of a section stated empty."""
    st = next(iter(entry))
    loc = f"{where}/{_tag(st)}"
    if key == "family_history":
        obs = _f(st, "h:component/h:observation")
        assert obs is not None
        _check_reference(c, obs, ids, f"{loc}/component/observation")
        return
    template, code, system, _display = ABSENCE[key]
    coded = st
    if key in ("allergies", "problems"):
        _check_template(c, st, SPECS[key].wrapper_template, "the concern act", loc)
        _check_period(c, st, loc)
        inner = _f(st, "h:entryRelationship/h:observation")
        coded = st if inner is None else inner
        loc = f"{loc}/entryRelationship/observation"
        _check_period(c, coded, loc, by_status=False)
        place = "h:value"
    else:
        place = "h:code"
    _check_reference(c, coded, ids, loc)
    if (_a(coded, place, "code"), _a(coded, place, "codeSystem")) != (code, system):
        c.add(
            "entry.absence",
            f"the 'none' entry of {key} must be coded {code} ({system})",
            f"{loc}/{place[2:]}",
        )
    _check_template(c, coded, template, f"the 'none' entry of {key}", loc)


def _entry(c: _Checks, key: str, entry: Element, ids: set[str], where: str) -> None:
    statements = list(entry)
    if len(statements) != 1:
        c.add("entry.shape", "an entry holds exactly one clinical statement", where)
        return
    spec = SPECS[key]
    outer = statements[0]
    loc = f"{where}/{_tag(outer)}"
    expected = spec.wrapper or spec.element
    if _tag(outer) != expected:
        c.add("entry.shape", f"{key} entries are {expected}, not {_tag(outer)}", loc)
        return
    st = outer
    if spec.wrapper:
        _check_template(c, outer, spec.wrapper_template, f"the {key} {spec.wrapper}", loc)
        if _f(outer, "h:id") is None:
            c.add("entry.id", f"the {key} {spec.wrapper} has no id", f"{loc}/id")
        if spec.wrapper == "act":
            _check_period(c, outer, loc)
            path = "h:entryRelationship/h:" + spec.element
        else:
            path = "h:component/h:" + spec.element
        found = _f(outer, path)
        if found is None:
            c.add(
                "entry.shape",
                f"the {key} {spec.wrapper} holds no {spec.element}",
                f"{loc}/{path.replace('h:', '')}",
            )
            return
        st = found
        loc = f"{loc}/{path.replace('h:', '')}"
    if (st.get("classCode"), st.get("moodCode")) != (spec.class_code, spec.mood_code):
        c.add(
            "entry.shape",
            f"{key} {spec.element} needs classCode {spec.class_code} and moodCode {spec.mood_code}",
            loc,
        )
    _check_template(c, st, spec.template, f"the {key} {spec.element}", loc)
    if spec.template and _f(st, "h:id") is None:
        c.add("entry.id", f"the {key} {spec.element} has no id", f"{loc}/id")
    _check_reference(c, st, ids, loc)
    if _f(st, "h:statusCode") is None:
        c.add("entry.status", "entry statusCode is missing", f"{loc}/statusCode")
    if (
        spec.element not in ("substanceAdministration", "supply")
        and key != "disease_networks"
        and not _a(st, "h:code", "code")
    ):
        c.add("entry.code", "entry code is missing", f"{loc}/code")
    if spec.value and _f(st, "h:value") is None:
        c.add("entry.value", "entry value is missing", f"{loc}/value")
    if key in ("allergies", "problems"):  # the observation inside the concern act
        _check_period(c, st, loc, by_status=False)
    if key in ("exemptions", "disease_networks"):
        _check_period(c, st, loc)
    if key == "therapies":
        _check_period(c, st, loc, ivl=True)
    rule = _EXPECTED_SYSTEM.get(key)
    if rule:
        place, systems = rule
        system = _a(st, _PATHS[place], "codeSystem")
        if system not in systems:
            names = " or ".join(
                sorted(_SYSTEM_LABELS.get(s) or codes.SYSTEM_NAMES[s] for s in systems)
            )
            c.add(
                "entry.code_system",
                f"{key} code system {system!r} is not {names}",
                f"{loc}/{_PATHS[place].replace('h:', '')}",
            )
    for act in _fa(st, "h:entryRelationship/h:act"):
        if entry_template(NOTE_TEMPLATE) not in _templates(act):
            c.add(
                "entry.note",
                f"a comment act needs templateId {entry_template(NOTE_TEMPLATE)}",
                f"{loc}/entryRelationship/act",
            )
    special = _SPECIAL.get(key)
    if special is not None:
        special(c, outer, st, loc)


def _sub(st: Element, code: str) -> list[Element]:
    return [
        o for o in _fa(st, "h:entryRelationship/h:observation") if _a(o, "h:code", "code") == code
    ]


def _allergy(c: _Checks, _outer: Element, st: Element, loc: str) -> None:
    if _a(st, "h:value", "codeSystem") != codes.ACT_CODE:
        c.add(
            "entry.allergy",
            f"the allergy observation value must be an intolerance type ({codes.ACT_CODE})",
            f"{loc}/value",
        )
    agent = _f(st, "h:participant/h:participantRole/h:playingEntity/h:code")
    agent_loc = f"{loc}/participant/participantRole/playingEntity/code"
    if agent is None:
        c.add("entry.allergy", "the allergy names no agent (participant)", agent_loc)
    elif agent.get("code"):
        if agent.get("codeSystem") not in (codes.ATC, codes.AIC, NATIONAL_ALLERGENS):
            c.add(
                "entry.code_system",
                "an allergy agent is coded in ATC, AIC or the national "
                "allergen list; any other code goes in a translation under nullFlavor NI",
                agent_loc,
            )
    elif agent.get("nullFlavor") != "NI" or _f(agent, "h:originalText/h:reference") is None:
        c.add(
            "entry.allergy",
            "an uncoded allergy agent needs nullFlavor NI and an originalText reference",
            agent_loc,
        )
    for reaction in _sub(st, REACTION[0]):
        if entry_template("1.5.2") not in _templates(reaction) and entry_template(
            "1.5.1"
        ) not in _templates(reaction):
            c.add(
                "entry.template_id",
                f"a reaction observation needs templateId {entry_template('1.5.2')}",
                f"{loc}/entryRelationship/observation",
            )
        if _f(reaction, "h:value/h:originalText/h:reference") is None and not _a(
            reaction, "h:value", "code"
        ):
            c.add(
                "entry.allergy",
                "an uncoded reaction needs an originalText reference",
                f"{loc}/entryRelationship/observation/value",
            )
    subj = [
        r
        for r in _fa(st, "h:entryRelationship")
        if r.get("typeCode") == "SUBJ" and _f(r, "h:observation") is not None
    ]
    for rel in subj:
        obs = _f(rel, "h:observation")
        if (
            entry_template("1.5.3") not in _templates(obs)
            or _a(obs, "h:value", "codeSystem") != codes.OBSERVATION_VALUE
        ):
            c.add(
                "entry.allergy",
                "the criticality observation needs templateId "
                f"{entry_template('1.5.3')} and a value in {codes.OBSERVATION_VALUE}",
                f"{loc}/entryRelationship/observation",
            )
    if len(subj) > 1:
        c.add(
            "entry.allergy",
            "an allergy carries one criticality at most",
            f"{loc}/entryRelationship",
        )


def _vaccination(c: _Checks, _outer: Element, st: Element, loc: str) -> None:
    if (_a(st, "h:code", "code"), _a(st, "h:code", "codeSystem")) != IMMUNIZATION[:2]:
        c.add(
            "entry.vaccination",
            f"a vaccination is coded {IMMUNIZATION[0]} ({IMMUNIZATION[1]})",
            f"{loc}/code",
        )
    if _a(st, "h:statusCode", "code") != "completed":
        c.add("entry.vaccination", "a vaccination statusCode is completed", f"{loc}/statusCode")
    product = _f(st, "h:consumable/h:manufacturedProduct")
    _check_template(
        c,
        product if product is not None else st,
        "3.2",
        "the vaccine product",
        f"{loc}/consumable/manufacturedProduct",
    )
    if _f(product, "h:manufacturedMaterial/h:lotNumberText") is None:
        c.add(
            "entry.vaccination",
            "the vaccine needs a lotNumberText (nullFlavor UNK when unknown)",
            f"{loc}/consumable/manufacturedProduct/manufacturedMaterial",
        )
    for dose in _sub(st, DOSE_NUMBER[0]):
        if (
            entry_template("3.4") not in _templates(dose)
            or _a(dose, "h:value", _XSI_TYPE) != "INT"
            or not _a(dose, "h:value", "value")
        ):
            c.add(
                "entry.vaccination",
                "the dose number observation needs templateId "
                f"{entry_template('3.4')} and an INT value",
                f"{loc}/entryRelationship",
            )


def _therapy(c: _Checks, _outer: Element, st: Element, loc: str) -> None:
    product = _f(st, "h:consumable/h:manufacturedProduct")
    _check_template(
        c,
        product if product is not None else st,
        "2.2",
        "the drug product",
        f"{loc}/consumable/manufacturedProduct",
    )


def _family(c: _Checks, outer: Element, st: Element, loc: str) -> None:
    subject = _f(outer, "h:subject/h:relatedSubject")
    if (
        subject is None
        or subject.get("classCode") != "PRS"
        or _a(subject, "h:code", "codeSystem") != codes.ROLE_CODE
    ):
        c.add(
            "entry.family",
            "the family member is a subject/relatedSubject (classCode PRS) "
            f"coded in RoleCode ({codes.ROLE_CODE})",
            "/".join(loc.split("/")[:-2]) + "/subject",
        )
    ages = _fa(st, "h:entryRelationship")
    if len(ages) > 2:
        c.add(
            "entry.family",
            "a family-history item carries two ages at most (onset, death)",
            f"{loc}/entryRelationship",
        )
    for rel in ages:
        obs = _f(rel, "h:observation")
        if (
            obs is None
            or entry_template("16.3") not in _templates(obs)
            or _a(obs, "h:code", "code") not in (AGE_AT_ONSET[0], AGE_AT_DEATH[0])
            or _f(obs, "h:value") is None
        ):
            c.add(
                "entry.family",
                "a family-history entryRelationship is an age observation "
                f"(templateId {entry_template('16.3')}, LOINC {AGE_AT_ONSET[0]} or "
                f"{AGE_AT_DEATH[0]}, with a value)",
                f"{loc}/entryRelationship",
            )


def _functional(c: _Checks, _outer: Element, st: Element, loc: str) -> None:
    if _a(st, "h:value", "codeSystem") not in (codes.LOINC, MOTOR_CAPACITY):
        c.add(
            "entry.code_system",
            "the motor capacity value must name LOINC or the motor "
            f"capacity value set ({MOTOR_CAPACITY})",
            f"{loc}/value",
        )


# The entries whose guide rules go beyond the common shape: (checks, outer entry, statement, where).
_SPECIAL: dict[str, Callable[[_Checks, Element, Element, str], None]] = {
    "allergies": _allergy,
    "vaccinations": _vaccination,
    "therapies": _therapy,
    "family_history": _family,
    "functional_status": _functional,
}


def validate_cda_structure(xml: bytes) -> list[CheckIssue]:
    """Structural checks of the HL7 Italia PSS guide; an empty list means valid."""
    try:
        root = parse_xml(xml)
    except DocumentError as exc:
        return [CheckIssue("xml.unreadable", str(exc), "/")]
    if root.tag != f"{_N}ClinicalDocument":
        return [
            CheckIssue(
                "xml.root", f"root element {root.tag!r} is not an HL7 v3 ClinicalDocument", "/"
            )
        ]
    checks = _Checks()
    _header(checks, root)
    _sections(checks, root)
    return checks.problems + national_rule_problems(root)
