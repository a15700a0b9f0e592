"""Checks of a PSS before publication.

* :func:`validate_cda_structure` — our own structural checks of the HL7 Italia PSS
  guide on CDA bytes (header, templateIds, codes, required sections, entry shapes).
  The sandbox gateway calls it with this exact signature.
* :func:`validate_pss` — clinical rules on the model, each :class:`Problem` naming
  the ``field`` path the editor highlights (``problems[2].end``).

Messages are English; the UI translates by ``code``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, fields
from datetime import date
from xml.etree.ElementTree import Element

from fse_desk.documents.cda import parse_xml
from fse_desk.errors import DocumentError
from fse_desk.pss import codes
from fse_desk.pss._entries import SPECS, V3
from fse_desk.pss.model import NONE_FLAGS, Coded, ProblemStatus, Pss

_N = f"{{{V3}}}"
_XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"


@dataclass(frozen=True, slots=True)
class Problem:
    """One failed check: a stable ``code``, an English message, where it failed.

    ``location`` is an XPath-like path in the CDA for structural problems
    (``/ClinicalDocument/legalAuthenticator``); ``field`` is the model path for
    clinical problems (``therapies[0].start``), empty for structural ones.
    """

    code: str
    message: str
    location: str
    field: str = ""


# -- structure ------------------------------------------------------------------------------

def _f(el: Element | None, path: str) -> Element | None:
    return None if el is None else el.find(path.replace("h:", _N))


def _fa(el: Element | None, path: str) -> list[Element]:
    return [] if el is None else el.findall(path.replace("h:", _N))


def _a(el: Element | None, path: str, name: str) -> str:
    found = el if not path else _f(el, path)
    return "" if found is None else str(found.get(name, ""))


class _Checks:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, code: str, message: str, location: str) -> None:
        self.problems.append(Problem(code, message, location))

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
        c.add("header.type_id", "typeId must be 2.16.840.1.113883.1.3 / POCD_MT000040UV02",
              f"{doc}/typeId")
    if codes.DOCUMENT_TEMPLATE not in {t.get("root") for t in _fa(root, "h:templateId")}:
        c.add("header.template_id", f"document templateId {codes.DOCUMENT_TEMPLATE} is missing",
              f"{doc}/templateId")
    if not _a(root, "h:id", "root") or not _a(root, "h:id", "extension"):
        c.add("header.id", "document id needs root and extension", f"{doc}/id")
    if (_a(root, "h:code", "code"), _a(root, "h:code", "codeSystem")) != (codes.PSS_LOINC,
                                                                          codes.LOINC):
        c.add("header.code", f"document code must be LOINC {codes.PSS_LOINC}", f"{doc}/code")
    c.require(root, "h:title", "header.title", "title")
    if not _a(root, "h:effectiveTime", "value"):
        c.add("header.effective_time", "effectiveTime/@value is missing", f"{doc}/effectiveTime")
    conf = _f(root, "h:confidentialityCode")
    if conf is None or conf.get("code") not in ("N", "R", "V") \
            or conf.get("codeSystem") != codes.CONFIDENTIALITY:
        c.add("header.confidentiality", "confidentialityCode must be N, R or V "
              f"({codes.CONFIDENTIALITY})", f"{doc}/confidentialityCode")
    if _a(root, "h:languageCode", "code") != "it-IT":
        c.add("header.language", "languageCode must be it-IT", f"{doc}/languageCode")
    if not _a(root, "h:setId", "root") or not _a(root, "h:setId", "extension"):
        c.add("header.set_id", "setId needs root and extension", f"{doc}/setId")
    version = _a(root, "h:versionNumber", "value")
    if not version.isdigit() or int(version) < 1:
        c.add("header.version", f"versionNumber must be a positive integer, not {version!r}",
              f"{doc}/versionNumber")
    targets = _fa(root, "h:recordTarget")
    if len(targets) != 1:
        c.add("header.record_target", f"exactly one recordTarget required, found {len(targets)}",
              f"{doc}/recordTarget")
    role = _f(root, "h:recordTarget/h:patientRole")
    if _a(role, "h:id", "root") != codes.CF_ROOT or len(_a(role, "h:id", "extension")) != 16:
        c.add("header.patient_id", "patientRole/id must be a codice fiscale "
              f"({codes.CF_ROOT})", f"{doc}/recordTarget/patientRole/id")
    patient = _f(role, "h:patient")
    for path, what in (("h:name", "patient name"), ("h:administrativeGenderCode", "patient sex"),
                       ("h:birthTime", "patient birth time")):
        if _f(patient, path) is None:
            c.add("header.patient", f"{what} is missing",
                  f"{doc}/recordTarget/patientRole/patient/{path[2:]}")
    authors = _fa(root, "h:author")
    if len(authors) != 1:
        c.add("header.author", f"exactly one author required, found {len(authors)}",
              f"{doc}/author")
    author = _f(root, "h:author/h:assignedAuthor")
    if _a(author, "h:id", "root") != codes.CF_ROOT:
        c.add("header.author_id", "author id must be a codice fiscale",
              f"{doc}/author/assignedAuthor/id")
    if _f(author, "h:telecom") is None:
        c.add("header.author_telecom", "author telecom is missing",
              f"{doc}/author/assignedAuthor/telecom")
    if _f(root, "h:author/h:time") is None:
        c.add("header.author_time", "author time is missing", f"{doc}/author/time")
    if not _a(root, "h:custodian/h:assignedCustodian/h:representedCustodianOrganization/h:id",
              "root"):
        c.add("header.custodian", "custodian organization id is missing", f"{doc}/custodian")
    legal = c.require(root, "h:legalAuthenticator", "header.legal_authenticator",
                      "legalAuthenticator")
    if legal is not None:
        if _a(legal, "h:signatureCode", "code") != "S":
            c.add("header.signature_code", "legalAuthenticator/signatureCode must be S",
                  f"{doc}/legalAuthenticator/signatureCode")
        if _a(legal, "h:assignedEntity/h:id", "root") != codes.CF_ROOT:
            c.add("header.legal_id", "legalAuthenticator id must be a codice fiscale",
                  f"{doc}/legalAuthenticator/assignedEntity/id")
    if _f(root, "h:documentationOf/h:serviceEvent/h:effectiveTime") is None:
        c.add("header.service_event", "documentationOf/serviceEvent/effectiveTime is missing",
              f"{doc}/documentationOf/serviceEvent/effectiveTime")
    related = _f(root, "h:relatedDocument")
    if version.isdigit() and int(version) > 1:
        if related is None or related.get("typeCode") != "RPLC" \
                or not _a(related, "h:parentDocument/h:id", "extension"):
            c.add("header.rplc", "a version above 1 needs relatedDocument RPLC with the "
                  "parent document id", f"{doc}/relatedDocument")
        elif _a(related, "h:parentDocument/h:id", "extension") == _a(root, "h:id", "extension"):
            c.add("header.rplc", "relatedDocument RPLC points at the document itself",
                  f"{doc}/relatedDocument/parentDocument/id")
    elif related is not None:
        c.add("header.rplc", "version 1 must not carry a relatedDocument",
              f"{doc}/relatedDocument")


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
        if spec is None or _a(section, "h:code", "codeSystem") != codes.LOINC:
            c.add("section.code", f"section code {loinc!r} is not a PSS section LOINC code",
                  f"{where}/code")
            continue
        if spec.key in seen:
            c.add("section.duplicate", f"section {loinc} appears twice", where)
        seen.add(spec.key)
        if spec.template_id not in {t.get("root") for t in _fa(section, "h:templateId")}:
            c.add("section.template_id", f"section {loinc} needs templateId {spec.template_id}",
                  f"{where}/templateId")
        if not "".join(_f(section, "h:title").itertext() if _f(section, "h:title") is not None
                       else ()).strip():
            c.add("section.title", f"section {loinc} has no title", f"{where}/title")
        text = _f(section, "h:text")
        if text is None:
            c.add("section.text", f"section {loinc} has no narrative text", f"{where}/text")
        ids = {str(e.get("ID")) for e in (text.iter() if text is not None else ()) if e.get("ID")}
        entries = _fa(section, "h:entry")
        if spec.required and not entries:
            c.add("section.empty", f"required section {loinc} has no entry (state 'none' "
                  "explicitly)", where)
        for j, entry in enumerate(entries, start=1):
            _entry(c, spec.key, entry, ids, f"{where}/entry[{j}]")
    for spec in codes.SECTIONS:
        if spec.required and spec.key not in seen:
            c.add("section.required", f"required section {spec.loinc} ({spec.title}) is "
                  "missing", "/ClinicalDocument/component/structuredBody")


_EXPECTED_SYSTEM = {
    "problems": ("value", {codes.ICD9CM}),
    "therapies": ("consumable", {codes.ATC, codes.AIC}),
    "vaccinations": ("consumable", {codes.ATC, codes.AIC}),
    "family_history": ("value", {codes.ICD9CM}),
    "vital_signs": ("code", {codes.LOINC}),
}


def _entry(c: _Checks, key: str, entry: Element, ids: set[str], where: str) -> None:
    statements = list(entry)
    if len(statements) != 1:
        c.add("entry.shape", "an entry holds exactly one clinical statement", where)
        return
    st = statements[0]
    spec = SPECS[key]
    tag = str(st.tag).removeprefix(_N)
    negated = st.get("negationInd") == "true" and key in NONE_FLAGS
    expected = "observation" if negated else spec.element
    loc = f"{where}/{tag}"
    if tag != expected:
        c.add("entry.shape", f"{key} entries are {expected}, not {tag}", loc)
        return
    if not negated and (st.get("classCode"), st.get("moodCode")) != (spec.class_code,
                                                                       spec.mood_code):
        c.add("entry.shape", f"{key} {tag} needs classCode {spec.class_code} and moodCode "
              f"{spec.mood_code}", loc)
    ref = _a(st, "h:text/h:reference", "value")
    if not ref.startswith("#") or ref[1:] not in ids:
        c.add("entry.reference", f"entry text/reference {ref!r} does not point at the "
              "section narrative", f"{loc}/text/reference")
    if _f(st, "h:statusCode") is None:
        c.add("entry.status", "entry statusCode is missing", f"{loc}/statusCode")
    if negated:
        return
    if spec.element != "substanceAdministration" and not _a(st, "h:code", "code"):
        c.add("entry.code", "entry code is missing", f"{loc}/code")
    if spec.value and _f(st, "h:value") is None:
        c.add("entry.value", "entry value is missing", f"{loc}/value")
    rule = _EXPECTED_SYSTEM.get(key)
    if rule:
        place, systems = rule
        path = {"value": "h:value", "code": "h:code",
                "consumable": "h:consumable/h:manufacturedProduct/h:manufacturedMaterial/h:code"}
        system = _a(st, path[place], "codeSystem")
        if system not in systems:
            c.add("entry.code_system", f"{key} code system {system!r} is not "
                  f"{' or '.join(sorted(codes.SYSTEM_NAMES[s] for s in systems))}",
                  f"{loc}/{path[place].replace('h:', '')}")


def validate_cda_structure(xml: bytes) -> list[Problem]:
    """Structural checks of the HL7 Italia PSS guide; an empty list means valid."""
    try:
        root = parse_xml(xml)
    except DocumentError as exc:
        return [Problem("xml.unreadable", str(exc), "/")]
    if root.tag != f"{_N}ClinicalDocument":
        return [Problem("xml.root", f"root element {root.tag!r} is not an HL7 v3 "
                        "ClinicalDocument", "/")]
    checks = _Checks()
    _header(checks, root)
    _sections(checks, root)
    return checks.problems


# -- clinical rules -----------------------------------------------------------------------------

_SYSTEM_RULES: dict[tuple[str, str], set[str]] = {
    ("problems", "code"): {codes.ICD9CM},
    ("therapies", "drug"): {codes.ATC},
    ("therapies", "aic"): {codes.AIC},
    ("vaccinations", "vaccine"): {codes.ATC},
    ("family_history", "condition"): {codes.ICD9CM},
    ("vital_signs", "code"): {codes.LOINC},
    ("lifestyle", "aspect"): {codes.LOINC},
    ("diagnostics", "code"): {codes.LOINC, codes.ICD9CM_PROCEDURES},
    ("procedures", "code"): {codes.ICD9CM_PROCEDURES},
    ("encounters", "diagnosis"): {codes.ICD9CM},
    ("exemptions", "code"): {codes.EXEMPTIONS},
}


_PLANNED = {("care_plans", "end"), ("exemptions", "end")}
"""Dates that may lie in the future: the planned end of a care plan or an exemption."""


def _clinical(key: str, i: int, item: object, today: date, out: list[Problem]) -> None:
    base = f"{key}[{i}]"

    def add(code: str, message: str, name: str) -> None:
        out.append(Problem(code, message, "", f"{base}.{name}"))

    for f in fields(item):  # type: ignore[arg-type]
        value = getattr(item, f.name)
        if isinstance(value, date) and value > today and (key, f.name) not in _PLANNED:
            add("date.future", f"{base}.{f.name} {value.isoformat()} is after today "
                f"({today.isoformat()})", f.name)
        if isinstance(value, Coded):
            allowed = _SYSTEM_RULES.get((key, f.name))
            if allowed and value.system not in allowed:
                names = " or ".join(sorted(codes.SYSTEM_NAMES[s] for s in allowed))
                add("code.system", f"{base}.{f.name} {value.code!r} is coded in "
                    f"{value.system_name}, expected {names}", f.name)
        if isinstance(value, str) and not isinstance(value, enum.Enum) and value != value.strip():
            add("text.spaces", f"{base}.{f.name} has leading or trailing spaces", f.name)
    if key == "problems":
        onset, end = item.onset, item.end  # type: ignore[attr-defined]
        if item.status is ProblemStatus.RESOLVED:  # type: ignore[attr-defined]
            if end is None:
                add("problem.end_missing", f"{base} is resolved but has no end date", "end")
            elif onset is not None and end < onset:
                add("problem.end_before_onset", f"{base} ends ({end}) before its onset "
                    f"({onset})", "end")
        elif end is not None:
            add("problem.end_while_active", f"{base} is active but has an end date", "status")
    if key in ("care_plans", "encounters", "exemptions"):
        start, end = item.start, item.end  # type: ignore[attr-defined]
        if start is not None and end is not None and end < start:
            add("period.inverted", f"{base} ends ({end}) before it starts ({start})", "end")
    if key == "vital_signs" and not item.unit.strip():  # type: ignore[attr-defined]
        add("vital.unit_missing", f"{base} has no UCUM unit", "unit")
    if key == "therapies":
        for name in ("dose", "frequency"):  # each points at the field left empty
            if not getattr(item, name).strip():
                add("therapy.posology_missing", f"{base} needs a dose and a frequency", name)


def validate_pss(pss: Pss, today: date) -> list[Problem]:
    """Clinical rules before publishing; each problem names its model ``field`` path."""
    out: list[Problem] = []
    for key, flag in NONE_FLAGS.items():
        items = pss.entries(key)
        if not items and not getattr(pss, flag):
            out.append(Problem("section.required_empty", f"section {key} is required: add an "
                               f"entry or state it explicitly empty ({flag})", "", key))
        if items and getattr(pss, flag):
            out.append(Problem("section.none_with_entries", f"section {key} has entries but is "
                               f"also marked explicitly empty ({flag})", "", flag))
    if pss.effective_time.date() > today:
        out.append(Problem("date.future", "the document date is after today", "",
                           "effective_time"))
    if pss.patient.birth_date > today:
        out.append(Problem("date.future", "the patient's birth date is after today", "",
                           "patient.birth_date"))
    if not pss.author.telecom:
        out.append(Problem("author.telecom_missing", "the author needs a phone or e-mail", "",
                           "author.telecom"))
    if pss.legal_authenticator.cf != pss.author.cf:
        out.append(Problem("author.not_authenticator", "the PSS is signed by its own MMG/PLS: "
                           "legal authenticator and author differ", "", "legal_authenticator"))
    for spec in codes.SECTIONS:
        for i, item in enumerate(pss.entries(spec.key)):
            _clinical(spec.key, i, item, today, out)
            for name in ("start", "onset", "date", "time"):
                value = getattr(item, name, None)
                if isinstance(value, date) and value < pss.patient.birth_date:
                    out.append(Problem("date.before_birth", f"{spec.key}[{i}].{name} is before "
                                       "the patient's birth", "", f"{spec.key}[{i}].{name}"))
    return out
